//! Which product of which AWS Price List offer prices each of calc's
//! dimensions, service by service, and the usage-type prefix of each
//! Region. The README's "Importing from the AWS Price List" shows the same
//! table.
//!
//! The usage types come from AWS's documentation where it names them
//! (DynamoDB's billing and usage reports page, its Region billing codes)
//! and otherwise from the Price List as cost tools and published price
//! references quote it; a dimension whose product was not established is
//! not here, and is reported as missing.

/// How a product of an offer file prices one of calc's dimensions.
#[derive(Debug)]
pub struct Mapping {
    /// The dimension's key, `service.dimension`.
    pub key: &'static str,
    /// The offer (service code) whose file holds the product.
    pub offer: &'static str,
    /// The product's `usagetype` after the region's prefix (`USE1-`, `EU-`,
    /// `APN2-`…; us-east-1 often has none), if the mapping names one.
    pub usage_type: Option<&'static str>,
    /// Other attributes the product must have, exactly (`productFamily` is
    /// the product's family).
    pub attributes: &'static [(&'static str, &'static str)],
    /// The offer's units in one of calc's: 1,000,000 when the offer prices
    /// a request and calc a million requests.
    pub factor: u64,
}

const fn usage(key: &'static str, offer: &'static str, usage_type: &'static str) -> Mapping {
    Mapping {
        key,
        offer,
        usage_type: Some(usage_type),
        attributes: &[],
        factor: 1,
    }
}

const fn per(mapping: Mapping, factor: u64) -> Mapping {
    Mapping { factor, ..mapping }
}

const fn with(mapping: Mapping, attributes: &'static [(&'static str, &'static str)]) -> Mapping {
    Mapping {
        attributes,
        ..mapping
    }
}

const MILLION: u64 = 1_000_000;
const THOUSAND: u64 = 1_000;

/// Every dimension calc can find in an offer file. A dimension not here is
/// one whose product calc is not sure of: it is reported, not guessed. The
/// README's "Importing from the AWS Price List" lists the same table.
pub static MAPPINGS: &[Mapping] = &[
    // Kinesis Data Streams.
    usage(
        "kinesis_data_streams.shard_hour",
        KINESIS,
        "Storage-ShardHour",
    ),
    per(
        usage(
            "kinesis_data_streams.put_payload_units",
            KINESIS,
            "PutRequestPayloadUnits",
        ),
        MILLION,
    ),
    usage(
        "kinesis_data_streams.extended_retention_shard_hour",
        KINESIS,
        "Extended-ShardHour",
    ),
    usage(
        "kinesis_data_streams.long_term_retention_gb_month",
        KINESIS,
        "LongTermRetention-ByteHrs",
    ),
    usage(
        "kinesis_data_streams.efo_consumer_shard_hour",
        KINESIS,
        "EnhancedFanoutHour",
    ),
    usage(
        "kinesis_data_streams.on_demand_stream_hour",
        KINESIS,
        "OnDemand-StreamHour",
    ),
    usage(
        "kinesis_data_streams.on_demand_data_in_gb",
        KINESIS,
        "OnDemand-BilledIncomingBytes",
    ),
    usage(
        "kinesis_data_streams.on_demand_data_out_gb",
        KINESIS,
        "OnDemand-BilledOutgoingBytes",
    ),
    usage(
        "kinesis_data_streams.on_demand_efo_data_retrieval_gb",
        KINESIS,
        "OnDemand-BilledOutgoingEFOBytes",
    ),
    usage(
        "kinesis_data_streams.on_demand_extended_retention_gb_month",
        KINESIS,
        "OnDemand-ExtendedRetention-ByteHrs",
    ),
    // Data Firehose: Direct PUT and Kinesis Data Streams sources.
    Mapping {
        key: "firehose.ingestion_gb",
        offer: "AmazonKinesisFirehose",
        usage_type: None,
        attributes: &[
            ("productFamily", "Kinesis Firehose"),
            ("group", "Event-by-Event Processing"),
        ],
        factor: 1,
    },
    Mapping {
        key: "firehose.format_conversion_gb",
        offer: "AmazonKinesisFirehose",
        usage_type: None,
        attributes: &[
            ("productFamily", "Kinesis Firehose"),
            ("operation", "DataFormatConversion"),
        ],
        factor: 1,
    },
    // DynamoDB, Standard table class (Standard-IA's usage types start `IA-`).
    usage("dynamodb.wcu_hour", DYNAMODB, "WriteCapacityUnit-Hrs"),
    usage("dynamodb.rcu_hour", DYNAMODB, "ReadCapacityUnit-Hrs"),
    per(
        usage(
            "dynamodb.write_request_units",
            DYNAMODB,
            "WriteRequestUnits",
        ),
        MILLION,
    ),
    per(
        usage("dynamodb.read_request_units", DYNAMODB, "ReadRequestUnits"),
        MILLION,
    ),
    usage(
        "dynamodb.storage_gb_month",
        DYNAMODB,
        "TimedStorage-ByteHrs",
    ),
    Mapping {
        key: "dynamodb.streams_read_request_units",
        offer: DYNAMODB,
        usage_type: None,
        attributes: &[("group", "DDB-StreamsReadRequests")],
        factor: MILLION,
    },
    // Lambda, in its Region (the free tier is a global product, not read).
    per(
        with(
            usage("lambda.requests", LAMBDA, "Request"),
            &[("group", "AWS-Lambda-Requests")],
        ),
        MILLION,
    ),
    with(
        usage("lambda.duration_x86", LAMBDA, "Lambda-GB-Second"),
        &[("group", "AWS-Lambda-Duration")],
    ),
    with(
        usage("lambda.duration_arm", LAMBDA, "Lambda-GB-Second-ARM"),
        &[("group", "AWS-Lambda-Duration-ARM")],
    ),
    with(
        usage(
            "lambda.ephemeral_storage",
            LAMBDA,
            "Lambda-Storage-GB-Second",
        ),
        &[("group", "AWS-Lambda-Storage-Duration")],
    ),
    // SQS: us-east-1 names the request products `Requests-RBP`; the queue
    // type says which queue they price.
    per(
        with(
            usage("sqs.standard_requests", SQS, "Requests-RBP"),
            &[("queueType", "Standard")],
        ),
        MILLION,
    ),
    per(
        with(
            usage("sqs.fifo_requests", SQS, "Requests-FIFO-RBP"),
            &[("queueType", "FIFO (first-in, first-out)")],
        ),
        MILLION,
    ),
    // SNS.
    per(
        usage("sns.publish_requests", SNS, "Requests-Tier1"),
        MILLION,
    ),
    per(
        usage("sns.http_deliveries", SNS, "DeliveryAttempts-HTTP"),
        MILLION,
    ),
    per(
        usage("sns.email_deliveries", SNS, "DeliveryAttempts-SMTP"),
        MILLION,
    ),
    per(
        usage("sns.firehose_deliveries", SNS, "DeliveryAttempts-FIREHOSE"),
        MILLION,
    ),
    per(
        usage("sns.fifo_publish_requests", SNS, "F-Request-Tier1"),
        MILLION,
    ),
    usage("sns.fifo_publish_payload_gb", SNS, "F-Ingress-Tier1"),
    per(
        usage("sns.fifo_delivery_requests", SNS, "F-DA-SQS"),
        MILLION,
    ),
    usage("sns.fifo_delivery_payload_gb", SNS, "F-Egress-SQS"),
    // S3 Standard: Intelligent-Tiering's overhead shares the storage usage type.
    with(
        usage("s3.storage_gb_month", S3, "TimedStorage-ByteHrs"),
        &[("volumeType", "Standard")],
    ),
    per(usage("s3.put_requests", S3, "Requests-Tier1"), THOUSAND),
    per(usage("s3.get_requests", S3, "Requests-Tier2"), THOUSAND),
    // MSK.
    usage("msk.storage_gb_month", MSK, "Kafka.Storage.GP2"),
    usage(
        "msk.serverless_cluster_hour",
        MSK,
        "KafkaServerless-ClusterHours",
    ),
    usage(
        "msk.serverless_partition_hour",
        MSK,
        "KafkaServerless-PartitionHours",
    ),
    usage("msk.serverless_data_in_gb", MSK, "KafkaServerless-In-Bytes"),
    usage(
        "msk.serverless_data_out_gb",
        MSK,
        "KafkaServerless-Out-Bytes",
    ),
];

const KINESIS: &str = "AmazonKinesis";
const DYNAMODB: &str = "AmazonDynamoDB";
const LAMBDA: &str = "AWSLambda";
const SQS: &str = "AWSQueueService";
const SNS: &str = "AmazonSNS";
const S3: &str = "AmazonS3";
const MSK: &str = "AmazonMSK";

/// The offer (service code) that prices each service calc models.
pub static OFFERS: &[(&str, &str)] = &[
    ("AWSDataTransfer", "data_transfer"),
    ("AWSEvents", "eventbridge"),
    ("AWSGlue", "glue"),
    ("AWSLambda", "lambda"),
    ("AWSQueueService", "sqs"),
    ("AmazonAthena", "athena"),
    ("AmazonDocDB", "documentdb"),
    ("AmazonDynamoDB", "dynamodb"),
    ("AmazonEC2", "ec2"),
    ("AmazonECS", "fargate"),
    ("AmazonKinesis", "kinesis_data_streams"),
    ("AmazonKinesisAnalytics", "managed_flink"),
    ("AmazonKinesisFirehose", "firehose"),
    ("AmazonMSK", "msk"),
    ("AmazonQuickSight", "quicksight"),
    ("AmazonRedshift", "redshift"),
    ("AmazonS3", "s3"),
    ("AmazonSNS", "sns"),
    ("AmazonTimestream", "timestream"),
    ("ElasticMapReduce", "emr"),
];

/// The prefixes AWS puts on usage types in each Region (its billing codes,
/// from the DynamoDB developer guide's "Understanding your AWS billing and
/// usage reports" and the AWS Region billing codes page). A usage type may
/// also carry no prefix, or the Region's own code.
pub static BILLING_CODES: &[(&str, &[&str])] = &[
    ("af-south-1", &["AFS1"]),
    ("ap-east-1", &["APE1"]),
    ("ap-east-2", &["APE2"]),
    ("ap-northeast-1", &["APN1"]),
    ("ap-northeast-2", &["APN2"]),
    ("ap-northeast-3", &["APN3"]),
    ("ap-south-1", &["APS3"]),
    ("ap-south-2", &["APS5"]),
    ("ap-southeast-1", &["APS1"]),
    ("ap-southeast-2", &["APS2"]),
    ("ap-southeast-3", &["APS4"]),
    ("ap-southeast-4", &["APS6"]),
    ("ap-southeast-5", &["APS7"]),
    ("ap-southeast-6", &["APS8"]),
    ("ap-southeast-7", &["APS9"]),
    ("ca-central-1", &["CAN1"]),
    ("ca-west-1", &["CAN2"]),
    ("eu-central-1", &["EUC1"]),
    ("eu-central-2", &["EUC2"]),
    ("eu-north-1", &["EUN1"]),
    ("eu-south-1", &["EUS1"]),
    ("eu-south-2", &["EUS2"]),
    ("eu-west-1", &["EU", "EUW1"]),
    ("eu-west-2", &["EUW2"]),
    ("eu-west-3", &["EUW3"]),
    ("il-central-1", &["ILC1"]),
    ("me-central-1", &["MEC1"]),
    ("me-south-1", &["MES1"]),
    ("mx-central-1", &["MXC1"]),
    ("sa-east-1", &["SAE1"]),
    ("us-east-1", &["USE1"]),
    ("us-east-2", &["USE2"]),
    ("us-gov-east-1", &["UGE1"]),
    ("us-gov-west-1", &["UGW1"]),
    ("us-west-1", &["USW1"]),
    ("us-west-2", &["USW2"]),
];
