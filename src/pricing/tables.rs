//! The bundled pricing tables, compiled from `pricing/*.toml` by
//! `compiled::rust_source`. Do not edit: edit the tables, then run
//! `CALC_REGENERATE=1 cargo test --lib compiled`.

use std::borrow::Cow::Borrowed;

use rust_decimal::Decimal;

use super::{Evidence, LimitEntry, LimitValue, Price, PriceBook, Rate, Tier};
use crate::units::{Bytes, Duration};

/// Every bundled table.
pub static ALL: [&PriceBook; 1] = [&AWS_US_EAST_1];

pub static AWS_US_EAST_1: PriceBook = PriceBook {
    name: Borrowed("aws-us-east-1"),
    region: Borrowed("us-east-1"),
    currency: Borrowed("USD"),
    as_of: Borrowed("2026-11-24"),
    source_name: Borrowed("pricing/aws-us-east-1.toml"),
    prices: Borrowed(&[
        (
            "dynamodb.rcu_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(13, 0, 0, false, 5) /* 0.00013 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(25, 0, 0, false, 0) /* 25 */,
                unit: Borrowed("RCU-hour"),
                source: Borrowed("AWS Price List API, AmazonDynamoDB, provisioned read capacity (30 RCU x 730 h = $2.85); free tier 25 RCU"),
                as_of: Borrowed("2024-11-15"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "dynamodb.read_request_units",
            Price {
                rate: Rate::Flat(Decimal::from_parts(125, 0, 0, false, 3) /* 0.125 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million RRU"),
                source: Borrowed("AWS Price List API, AmazonDynamoDB, on-demand read request units (after the 1 Nov 2024 price cut from $0.25)"),
                as_of: Borrowed("2024-11-15"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "dynamodb.storage_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(25, 0, 0, false, 2) /* 0.25 */),
                free_per_month: Decimal::from_parts(25, 0, 0, false, 0) /* 25 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS Price List API, AmazonDynamoDB, data storage (Standard table class); first 25 GB free"),
                as_of: Borrowed("2024-11-15"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "dynamodb.streams_read_request_units",
            Price {
                rate: Rate::Flat(Decimal::from_parts(2, 0, 0, false, 1) /* 0.2 */),
                free_per_month: Decimal::from_parts(25, 0, 0, false, 1) /* 2.5 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("AWS Price List API, AmazonDynamoDB, Streams read request units ($0.02 per 100,000); first 2.5 million a month free; GetRecords by Lambda triggers are not charged"),
                as_of: Borrowed("2024-11-15"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "dynamodb.wcu_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(65, 0, 0, false, 5) /* 0.00065 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(25, 0, 0, false, 0) /* 25 */,
                unit: Borrowed("WCU-hour"),
                source: Borrowed("AWS Price List API, AmazonDynamoDB, provisioned write capacity (20 WCU x 730 h = $9.49); free tier 25 WCU"),
                as_of: Borrowed("2024-11-15"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "dynamodb.write_request_units",
            Price {
                rate: Rate::Flat(Decimal::from_parts(625, 0, 0, false, 3) /* 0.625 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million WRU"),
                source: Borrowed("AWS Price List API, AmazonDynamoDB, on-demand write request units (after the 1 Nov 2024 price cut from $1.25)"),
                as_of: Borrowed("2024-11-15"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "ec2.c5_xlarge_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(17, 0, 0, false, 2) /* 0.17 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("instance-hour"),
                source: Borrowed("AWS Price List API, AmazonEC2, US East (N. Virginia), BoxUsage:c5.xlarge, '$0.17 per On Demand Linux c5.xlarge Instance Hour' (publication 2020-06-18), unchanged in the Pricing API as the Karpenter provider for AWS records it (2026-07-20)"),
                as_of: Borrowed("2026-07-20"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "ec2.m5_large_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(96, 0, 0, false, 3) /* 0.096 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("instance-hour"),
                source: Borrowed("AWS Price List API, AmazonEC2, us-east-1, On-Demand Linux m5.large (730 h = $70.08)"),
                as_of: Borrowed("2025-07-07"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "ec2.m5_xlarge_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(192, 0, 0, false, 3) /* 0.192 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("instance-hour"),
                source: Borrowed("AWS Price List API, AmazonEC2, us-east-1, '$0.192 per On Demand Linux m5.xlarge Instance Hour' (effective 2025-01-01, unchanged in a 2026-09-01 copy)"),
                as_of: Borrowed("2026-09-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "ec2.r5_2xlarge_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(504, 0, 0, false, 3) /* 0.504 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("instance-hour"),
                source: Borrowed("AWS Price List API, AmazonEC2, us-east-1, On-Demand Linux r5.2xlarge, as the Karpenter provider for AWS records it from the Pricing API (2026-07-20); third-party price tables agree"),
                as_of: Borrowed("2026-07-20"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "eventbridge.archive_processing_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AWSEvents, us-east-1, archive event processing"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "eventbridge.archive_storage_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(23, 0, 0, false, 3) /* 0.023 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS Price List API, AWSEvents, us-east-1, archive storage"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "eventbridge.custom_events",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 0) /* 1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million events"),
                source: Borrowed("AWS Price List API, AWSEvents, us-east-1, custom events published to an event bus"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "firehose.format_conversion_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(18, 0, 0, false, 3) /* 0.018 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("Data Firehose pricing, format conversion to Parquet/ORC, per GB ingested in 5 KB increments"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::ThirdParty,
            },
        ),
        (
            "firehose.ingestion_gb",
            Price {
                rate: Rate::Tiered(Borrowed(&[Tier { up_to: Some(Decimal::from_parts(512000, 0, 0, false, 0) /* 512000 */), price: Decimal::from_parts(29, 0, 0, false, 3) /* 0.029 */ }, Tier { up_to: Some(Decimal::from_parts(2048000, 0, 0, false, 0) /* 2048000 */), price: Decimal::from_parts(25, 0, 0, false, 3) /* 0.025 */ }, Tier { up_to: Some(Decimal::from_parts(5120000, 0, 0, false, 0) /* 5120000 */), price: Decimal::from_parts(2, 0, 0, false, 2) /* 0.02 */ }])),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("Data Firehose pricing (Direct PUT and KDS source; each record rounded up to 5 KB): $0.029 first 500 TB, $0.025 next 1.5 PB, $0.020 next 3 PB; over 5 PB is by agreement with AWS"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::ThirdParty,
            },
        ),
        (
            "kinesis_data_streams.efo_consumer_shard_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(15, 0, 0, false, 3) /* 0.015 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("consumer-shard-hour"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, enhanced fan-out consumer-shard-hour"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.efo_data_retrieval_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(13, 0, 0, false, 3) /* 0.013 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, enhanced fan-out data retrieval"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.extended_retention_shard_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(2, 0, 0, false, 2) /* 0.02 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("shard-hour"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, usage type Extended-ShardHour (24 h to 7 d)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.long_term_retention_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(23, 0, 0, false, 3) /* 0.023 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, long-term retention (over 7 d)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.on_demand_data_in_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(8, 0, 0, false, 2) /* 0.08 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, On-demand (Standard) data ingested"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.on_demand_data_out_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(4, 0, 0, false, 2) /* 0.04 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, On-demand (Standard) data retrieved"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.on_demand_efo_data_retrieval_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(5, 0, 0, false, 2) /* 0.05 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, On-demand (Standard) enhanced fan-out data retrieved"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.on_demand_extended_retention_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, On-demand (Standard) extended retention"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.on_demand_stream_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(4, 0, 0, false, 2) /* 0.04 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("stream-hour"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, On-demand (Standard) stream-hour (730 h = $29.20)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.put_payload_units",
            Price {
                rate: Rate::Flat(Decimal::from_parts(14, 0, 0, false, 3) /* 0.014 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million units"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, PUT Payload Units ($0.000000014 per 25 KB unit)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "kinesis_data_streams.shard_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(15, 0, 0, false, 3) /* 0.015 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("shard-hour"),
                source: Borrowed("AWS Price List API, AmazonKinesis, us-east-1, usage type Storage-ShardHour (1 shard x 730 h = $10.95)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "lambda.duration_arm",
            Price {
                rate: Rate::Tiered(Borrowed(&[Tier { up_to: Some(Decimal::from_parts(3205032704, 1, 0, false, 0) /* 7500000000 */), price: Decimal::from_parts(133334, 0, 0, false, 10) /* 0.0000133334 */ }, Tier { up_to: Some(Decimal::from_parts(1570130816, 4, 0, false, 0) /* 18750000000 */), price: Decimal::from_parts(120001, 0, 0, false, 10) /* 0.0000120001 */ }, Tier { up_to: None, price: Decimal::from_parts(106667, 0, 0, false, 10) /* 0.0000106667 */ }])),
                free_per_month: Decimal::from_parts(400000, 0, 0, false, 0) /* 400000 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-second"),
                source: Borrowed("AWS Price List API, AWSLambda, us-east-1, Arm duration tiers (first 7.5 B GB-s, next 11.25 B, over 18.75 B); the 400,000 GB-s free tier is per account across both architectures; calc applies it to each component"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "lambda.duration_x86",
            Price {
                rate: Rate::Tiered(Borrowed(&[Tier { up_to: Some(Decimal::from_parts(1705032704, 1, 0, false, 0) /* 6000000000 */), price: Decimal::from_parts(166667, 0, 0, false, 10) /* 0.0000166667 */ }, Tier { up_to: Some(Decimal::from_parts(2115098112, 3, 0, false, 0) /* 15000000000 */), price: Decimal::from_parts(15, 0, 0, false, 6) /* 0.000015 */ }, Tier { up_to: None, price: Decimal::from_parts(133334, 0, 0, false, 10) /* 0.0000133334 */ }])),
                free_per_month: Decimal::from_parts(400000, 0, 0, false, 0) /* 400000 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-second"),
                source: Borrowed("AWS Price List API, AWSLambda, us-east-1, x86 duration tiers (first 6 B GB-s, next 9 B, over 15 B); always-free tier of 400,000 GB-s a month from the Lambda pricing-page example, which rounds the first rate to $0.00001667"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "lambda.ephemeral_storage",
            Price {
                rate: Rate::Flat(Decimal::from_parts(309, 0, 0, false, 10) /* 0.0000000309 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-second"),
                source: Borrowed("AWS Price List API, AWSLambda, us-east-1, ephemeral storage above the 512 MB included"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "lambda.requests",
            Price {
                rate: Rate::Flat(Decimal::from_parts(2, 0, 0, false, 1) /* 0.2 */),
                free_per_month: Decimal::from_parts(1, 0, 0, false, 0) /* 1 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("AWS Price List API, AWSLambda, us-east-1, requests ($0.0000002 per request); always-free tier of 1 million requests a month from the Lambda pricing-page example"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "managed_flink.backup_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(23, 0, 0, false, 3) /* 0.023 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("Managed Service for Apache Flink developer guide, 'Per second billing' examples: durable application backups $0.023 per GB-month"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsExample,
            },
        ),
        (
            "managed_flink.kpu_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(11, 0, 0, false, 2) /* 0.11 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("KPU-hour"),
                source: Borrowed("Managed Service for Apache Flink developer guide, 'Per second billing' examples (US East (N. Virginia)): $0.11 per KPU-hour, billed per second, 10-minute minimum per start, one extra KPU per streaming application"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsExample,
            },
        ),
        (
            "managed_flink.running_storage_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("Managed Service for Apache Flink developer guide, 'Per second billing' examples: 50 GB of running application storage per KPU at $0.10 per GB-month, prorated over a 720-hour month"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsExample,
            },
        ),
        (
            "msk.broker_hour_m5_24xlarge",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1008, 0, 0, false, 2) /* 10.08 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("broker-hour"),
                source: Borrowed("AWS Price List API, AmazonMSK, us-east-1, kafka.m5.24xlarge broker-hour (2,920 h = $29,433.60)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.broker_hour_m5_large",
            Price {
                rate: Rate::Flat(Decimal::from_parts(21, 0, 0, false, 2) /* 0.21 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("broker-hour"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/msk (AWS Price List rate code CBMW8TY4JC6XHKHM.JRTCKXETXF.6YS6EN2CT7), published 2025-10-09, us-east-1, RunBroker m5.large"),
                as_of: Borrowed("2025-10-09"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.broker_hour_t3_small",
            Price {
                rate: Rate::Flat(Decimal::from_parts(456, 0, 0, false, 4) /* 0.0456 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("broker-hour"),
                source: Borrowed("AWS Price List API, AmazonMSK, us-east-1, kafka.t3.small broker-hour (2 brokers x 730 h = $66.58)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.serverless_cluster_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(75, 0, 0, false, 2) /* 0.75 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("cluster-hour"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/msk (AWS Price List rate code G2VJ35UVR5JWH4ZJ.JRTCKXETXF.6YS6EN2CT7), published 2025-10-09, us-east-1, Serverless Cluster-hours"),
                as_of: Borrowed("2025-10-09"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.serverless_data_in_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/msk (AWS Price List rate code 3WWQAXWQEYF3K28K.JRTCKXETXF.6YS6EN2CT7), published 2025-10-09, us-east-1, Serverless Per-GB data ingressed"),
                as_of: Borrowed("2025-10-09"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.serverless_data_out_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(5, 0, 0, false, 2) /* 0.05 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/msk (AWS Price List rate code YGFEYSTDCSQQADE7.JRTCKXETXF.6YS6EN2CT7), published 2025-10-09, us-east-1, Serverless Per-GB data egressed"),
                as_of: Borrowed("2025-10-09"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.serverless_partition_hour",
            Price {
                rate: Rate::Flat(Decimal::from_parts(15, 0, 0, false, 4) /* 0.0015 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("partition-hour"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/msk (AWS Price List rate code V5CG23U23V2SY36D.JRTCKXETXF.6YS6EN2CT7), published 2025-10-09, us-east-1, Serverless Partition-hours"),
                as_of: Borrowed("2025-10-09"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.serverless_storage_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/msk (AWS Price List rate code DEB2KUU84KK4HWZ4.JRTCKXETXF.6YS6EN2CT7), published 2025-10-09, us-east-1, Serverless Storage (per GB-month)"),
                as_of: Borrowed("2025-10-09"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "msk.storage_gb_month",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS Price List API, AmazonMSK, us-east-1, Standard broker storage (1,000 GB = $100.00); billed on storage provisioned, averaged over the month's hours"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "s3.get_requests",
            Price {
                rate: Rate::Flat(Decimal::from_parts(4, 0, 0, false, 4) /* 0.0004 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("thousand requests"),
                source: Borrowed("AWS Price List API, AmazonS3, us-east-1, S3 Standard GET, SELECT and all other requests"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "s3.put_requests",
            Price {
                rate: Rate::Flat(Decimal::from_parts(5, 0, 0, false, 3) /* 0.005 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("thousand requests"),
                source: Borrowed("AWS Price List API, AmazonS3, us-east-1, S3 Standard PUT, COPY, POST and LIST requests (10,000 requests = $0.05)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "s3.storage_gb_month",
            Price {
                rate: Rate::Tiered(Borrowed(&[Tier { up_to: Some(Decimal::from_parts(51200, 0, 0, false, 0) /* 51200 */), price: Decimal::from_parts(23, 0, 0, false, 3) /* 0.023 */ }, Tier { up_to: Some(Decimal::from_parts(512000, 0, 0, false, 0) /* 512000 */), price: Decimal::from_parts(22, 0, 0, false, 3) /* 0.022 */ }, Tier { up_to: None, price: Decimal::from_parts(21, 0, 0, false, 3) /* 0.021 */ }])),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB-month"),
                source: Borrowed("AWS pricing-page feed meteredUnitMaps/s3, published 2025-10-22, us-east-1: Standard Storage First 50 TB $0.023 (rate code WP9ANXZGBYYSGJEA.JRTCKXETXF.PGHJ3S3EYE), Next 450 TB $0.022 (.D42MF2PVJS), Over 500 TB $0.021 (.PXJDJ3YRG3)"),
                as_of: Borrowed("2025-10-22"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.email_deliveries",
            Price {
                rate: Rate::Flat(Decimal::from_parts(20, 0, 0, false, 0) /* 20 */),
                free_per_month: Decimal::from_parts(1, 0, 0, false, 3) /* 0.001 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million deliveries"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, email and email-JSON notifications: $2.00 per 100,000 after the first 1,000 a month"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.fifo_delivery_payload_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 3) /* 0.001 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, FIFO topic subscription payload delivered"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.fifo_delivery_requests",
            Price {
                rate: Rate::Flat(Decimal::from_parts(1, 0, 0, false, 2) /* 0.01 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, FIFO topic subscription messages delivered"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.fifo_publish_payload_gb",
            Price {
                rate: Rate::Flat(Decimal::from_parts(17, 0, 0, false, 3) /* 0.017 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("GB"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, FIFO topic publish payload"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.fifo_publish_requests",
            Price {
                rate: Rate::Flat(Decimal::from_parts(3, 0, 0, false, 1) /* 0.3 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, FIFO topic publish requests (one per message up to 256 KB)"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.firehose_deliveries",
            Price {
                rate: Rate::Flat(Decimal::from_parts(19, 0, 0, false, 2) /* 0.19 */),
                free_per_month: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million deliveries"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, deliveries to Data Firehose"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.http_deliveries",
            Price {
                rate: Rate::Flat(Decimal::from_parts(6, 0, 0, false, 1) /* 0.6 */),
                free_per_month: Decimal::from_parts(1, 0, 0, false, 1) /* 0.1 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million deliveries"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, HTTP/HTTPS notifications: $0.06 per 100,000 after the first 100,000 a month"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sns.publish_requests",
            Price {
                rate: Rate::Flat(Decimal::from_parts(5, 0, 0, false, 1) /* 0.5 */),
                free_per_month: Decimal::from_parts(1, 0, 0, false, 0) /* 1 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("AWS Price List API, AmazonSNS, us-east-1, standard topic API requests over the first 1 million a month"),
                as_of: Borrowed("2024-12-04"),
                evidence: Evidence::AwsPriceList,
            },
        ),
        (
            "sqs.fifo_requests",
            Price {
                rate: Rate::Tiered(Borrowed(&[Tier { up_to: Some(Decimal::from_parts(100000, 0, 0, false, 0) /* 100000 */), price: Decimal::from_parts(5, 0, 0, false, 1) /* 0.5 */ }, Tier { up_to: Some(Decimal::from_parts(200000, 0, 0, false, 0) /* 200000 */), price: Decimal::from_parts(4, 0, 0, false, 1) /* 0.4 */ }, Tier { up_to: None, price: Decimal::from_parts(35, 0, 0, false, 2) /* 0.35 */ }])),
                free_per_month: Decimal::from_parts(1, 0, 0, false, 0) /* 1 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("Amazon SQS pricing, FIFO queue requests: $0.50 per million up to 100 billion a month, $0.40 to 200 billion, $0.35 beyond; first 1 million requests a month free (shared with standard queues)"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::ThirdParty,
            },
        ),
        (
            "sqs.standard_requests",
            Price {
                rate: Rate::Tiered(Borrowed(&[Tier { up_to: Some(Decimal::from_parts(100000, 0, 0, false, 0) /* 100000 */), price: Decimal::from_parts(4, 0, 0, false, 1) /* 0.4 */ }, Tier { up_to: Some(Decimal::from_parts(200000, 0, 0, false, 0) /* 200000 */), price: Decimal::from_parts(3, 0, 0, false, 1) /* 0.3 */ }, Tier { up_to: None, price: Decimal::from_parts(24, 0, 0, false, 2) /* 0.24 */ }])),
                free_per_month: Decimal::from_parts(1, 0, 0, false, 0) /* 1 */,
                free_per_hour: Decimal::from_parts(0, 0, 0, false, 0) /* 0 */,
                unit: Borrowed("million requests"),
                source: Borrowed("Amazon SQS pricing, standard queue requests: $0.40 per million up to 100 billion a month, $0.30 to 200 billion, $0.24 beyond; first 1 million requests a month free; each 64 KB of payload is one request"),
                as_of: Borrowed("2024-07-01"),
                evidence: Evidence::ThirdParty,
            },
        ),
    ]),
    limits: Borrowed(&[
        (
            "dynamodb.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(100, 0, 0, false, 0) /* 100 */)),
                source: Borrowed("AWS Solutions Architect study material: DynamoDB (and its Streams) add 10-100 ms; calc uses the upper end"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::ThirdParty,
            },
        ),
        (
            "dynamodb.max_item_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(409600)),
                source: Borrowed("DynamoDB developer guide, service quotas: 400 KB per item, attribute names included"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "dynamodb.partition_rcu",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(3000, 0, 0, false, 0) /* 3000 */),
                source: Borrowed("DynamoDB developer guide, partition key design: 3,000 RCU per partition"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "dynamodb.partition_storage",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(10737418240)),
                source: Borrowed("DynamoDB developer guide, partitions and data distribution: about 10 GB per partition"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "dynamodb.partition_wcu",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(1000, 0, 0, false, 0) /* 1000 */),
                source: Borrowed("DynamoDB developer guide, partition key design: 1,000 WCU per partition"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "dynamodb.table_rcu",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(40000, 0, 0, false, 0) /* 40000 */),
                source: Borrowed("DynamoDB developer guide, service quotas: 40,000 RCU per table by default (adjustable)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "dynamodb.table_wcu",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(40000, 0, 0, false, 0) /* 40000 */),
                source: Borrowed("DynamoDB developer guide, service quotas: 40,000 WCU per table by default (adjustable)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "eventbridge.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(500, 0, 0, false, 0) /* 500 */)),
                source: Borrowed("Commonly cited typical put-to-target latency for EventBridge of about half a second; no AWS figure found"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::Unverified,
            },
        ),
        (
            "eventbridge.max_event_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1048576)),
                source: Borrowed("AWS Compute blog, serverless services support payloads up to 1 MB (SQS, EventBridge, Lambda async); 256 KB before the increase"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "eventbridge.put_events_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(10000, 0, 0, false, 0) /* 10000 */),
                source: Borrowed("EventBridge user guide, quotas: PutEvents throttle limit in transactions per second, us-east-1: 10,000 (soft quota, per account across all buses)"),
                as_of: Borrowed("2026-11-26"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "firehose.direct_put_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(5242880)),
                source: Borrowed("Data Firehose developer guide, quota (us-east-1, us-west-2, eu-west-1)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "firehose.direct_put_records_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(5000, 0, 0, false, 0) /* 5000 */),
                source: Borrowed("Data Firehose API reference, PutRecord and PutRecordBatch: 'each Firehose stream can take in up to 2,000 transactions per second, 5,000 records per second, or 5 MB per second'; the developer guide's quota page agrees (us-east-1, us-west-2, eu-west-1: 5,000 records/s, 2,000 requests/s, 5 MiB/s, and 'increase the throughput quota to 10 MiB/second, the other two increase to 4,000 requests/second and 10,000 records/second'). Some copies of that page print 500,000 records/s, which the scaling rule and the API reference contradict"),
                as_of: Borrowed("2026-11-26"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "firehose.max_buffer_interval",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(900000, 0, 0, false, 0) /* 900000 */)),
                source: Borrowed("Data Firehose API reference, BufferingHints: 0 to 900 s (60 s minimum before zero buffering)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "firehose.max_buffer_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(134217728)),
                source: Borrowed("Data Firehose API reference, BufferingHints (S3 destination): 1 to 128 MiB"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "firehose.max_record_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1024000)),
                source: Borrowed("Data Firehose API reference, Record: 1,000 KiB before base64 encoding"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "firehose.min_buffer_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1048576)),
                source: Borrowed("Data Firehose API reference, BufferingHints (S3 destination): 1 to 128 MiB"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.efo_consumers_per_stream",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(20, 0, 0, false, 0) /* 20 */),
                source: Borrowed("Kinesis Data Streams developer guide, enhanced fan-out (provisioned and On-demand Standard)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.latency_enhanced_fan_out",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(70, 0, 0, false, 0) /* 70 */)),
                source: Borrowed("Kinesis Data Streams developer guide, enhanced fan-out: about 70 ms propagation delay"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.latency_shared_throughput",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(200, 0, 0, false, 0) /* 200 */)),
                source: Borrowed("Kinesis Data Streams developer guide: shared-throughput consumers see about 200 ms propagation delay"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.max_record_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(10485760)),
                source: Borrowed("Kinesis Data Streams developer guide, 'Handle large records': 1 MiB by default, configurable up to 10 MiB per stream"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.max_retention",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(1471228928, 7, 0, false, 0) /* 31536000000 */)),
                source: Borrowed("Kinesis Data Streams developer guide, changing the data retention period (8,760 hours)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.min_retention",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(86400000, 0, 0, false, 0) /* 86400000 */)),
                source: Borrowed("Kinesis Data Streams developer guide, changing the data retention period"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.on_demand_max_write_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(10737418240)),
                source: Borrowed("Kinesis Data Streams developer guide, quotas and limits: on-demand write up to 10 GB/s in us-east-1 (200 MB/s before)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.shard_read_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(2097152)),
                source: Borrowed("Kinesis Data Streams developer guide, quotas and limits: 2 MB/s per shard shared by shared-throughput consumers"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.shard_read_transactions_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(5, 0, 0, false, 0) /* 5 */),
                source: Borrowed("Kinesis Data Streams developer guide, quotas and limits: 5 GetRecords transactions per second per shard"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.shard_write_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1048576)),
                source: Borrowed("Kinesis Data Streams developer guide, quotas and limits: 1 MB/s or 1,000 records/s per shard"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.shard_write_records_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(1000, 0, 0, false, 0) /* 1000 */),
                source: Borrowed("Kinesis Data Streams developer guide, quotas and limits"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "kinesis_data_streams.shards_per_account",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(20000, 0, 0, false, 0) /* 20000 */),
                source: Borrowed("Kinesis Data Streams developer guide, quotas and limits (us-east-1, us-west-2, eu-west-1; 500 before the increase)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "lambda.concurrent_executions",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(1000, 0, 0, false, 0) /* 1000 */),
                source: Borrowed("Lambda developer guide, quotas: 1,000 concurrent executions per Region by default (adjustable; new accounts may start lower)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "lambda.max_duration",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(900000, 0, 0, false, 0) /* 900000 */)),
                source: Borrowed("Lambda developer guide, quotas: function timeout 900 seconds (longer runs exist only for Lambda Managed Instances)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "lambda.max_ephemeral_storage",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(10737418240)),
                source: Borrowed("Lambda developer guide, quotas: /tmp storage 512 MB to 10,240 MB"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "lambda.max_memory",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(10737418240)),
                source: Borrowed("Lambda developer guide, quotas: memory 128 MB to 10,240 MB in 1 MB increments"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "lambda.min_ephemeral_storage",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(536870912)),
                source: Borrowed("Lambda developer guide, quotas: /tmp storage 512 MB to 10,240 MB"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "lambda.min_memory",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(134217728)),
                source: Borrowed("Lambda developer guide, quotas: memory 128 MB to 10,240 MB in 1 MB increments"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "managed_flink.kpus_per_application",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(64, 0, 0, false, 0) /* 64 */),
                source: Borrowed("Managed Service for Apache Flink API reference, ParallelismConfiguration: 'The maximum KPUs for an application is 64 by default, and can be increased by requesting a limit increase' (the developer guide's scaling page agrees; older pages said 32)"),
                as_of: Borrowed("2026-11-26"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "managed_flink.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(500, 0, 0, false, 0) /* 500 */)),
                source: Borrowed("No AWS figure found: record-at-a-time Flink processing usually adds well under a second, but windows, buffering and checkpoint intervals can add far more"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::Unverified,
            },
        ),
        (
            "managed_flink.max_parallelism_per_kpu",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(8, 0, 0, false, 0) /* 8 */),
                source: Borrowed("Managed Service for Apache Flink developer guide, application scaling: ParallelismPerKPU 1 (default) to 8"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "managed_flink.min_billed_run",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(600000, 0, 0, false, 0) /* 600000 */)),
                source: Borrowed("Managed Service for Apache Flink developer guide, 'Per second billing': a minimum of 10 minutes of usage each time an application starts"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "managed_flink.running_storage_per_kpu",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(53687091200)),
                source: Borrowed("Managed Service for Apache Flink developer guide, application resources: a KPU is 1 vCPU, 4 GB of memory and 50 GB of running application storage"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(50, 0, 0, false, 0) /* 50 */)),
                source: Borrowed("No AWS figure found: Kafka usually delivers in tens of milliseconds, more with large producer batching (linger) or acks=all across zones"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::Unverified,
            },
        ),
        (
            "msk.max_storage_per_broker",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(17592186044416)),
                source: Borrowed("MSK developer guide, quotas: 1 GiB to 16,384 GiB of storage per Standard broker"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.min_storage_per_broker",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1073741824)),
                source: Borrowed("MSK developer guide, quotas: 1 GiB to 16,384 GiB of storage per Standard broker"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.serverless_egress_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(419430400)),
                source: Borrowed("MSK developer guide, serverless quotas: 400 MBps egress per cluster"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.serverless_ingress_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(209715200)),
                source: Borrowed("MSK developer guide, serverless quotas: 200 MBps ingress per cluster"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.serverless_max_message_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(8388608)),
                source: Borrowed("MSK developer guide, serverless quotas: 8 MB maximum message size"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.serverless_partition_egress_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(10485760)),
                source: Borrowed("MSK developer guide, serverless quotas: 5 MBps ingress and 10 MBps egress per partition"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.serverless_partition_ingress_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(5242880)),
                source: Borrowed("MSK developer guide, serverless quotas: 5 MBps ingress and 10 MBps egress per partition"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "msk.serverless_partitions_per_cluster",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(120, 0, 0, false, 0) /* 120 */),
                source: Borrowed("MSK developer guide, serverless quotas: 120 partitions per cluster (2023 text; higher newer figures unconfirmed)"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "s3.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(100, 0, 0, false, 0) /* 100 */)),
                source: Borrowed("Commonly cited first-byte latency for S3 Standard of tens of milliseconds; calc uses 100 ms"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::Unverified,
            },
        ),
        (
            "s3.max_object_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(53687091200000)),
                source: Borrowed("S3 user guide, multipart upload limits: 'Maximum object size 48.8 TiB' (10,000 parts of at most 5 GiB = 50,000 GiB; 'objects overview' says 'up to 50 TB'); older pages and translations still say 5 TB"),
                as_of: Borrowed("2026-11-26"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "s3.max_put_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(5368709120)),
                source: Borrowed("S3 user guide: a single PUT uploads up to 5 GB; larger objects need a multipart upload"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "s3.prefix_read_requests_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(5500, 0, 0, false, 0) /* 5500 */),
                source: Borrowed("S3 user guide, optimizing performance: at least 5,500 GET/HEAD requests per second per partitioned prefix"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "s3.prefix_write_requests_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(3500, 0, 0, false, 0) /* 3500 */),
                source: Borrowed("S3 user guide, optimizing performance: at least 3,500 PUT/COPY/POST/DELETE requests per second per partitioned prefix"),
                as_of: Borrowed("2023-06-01"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sns.fifo_bytes_per_second",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(20971520)),
                source: Borrowed("AWS CDK documentation, SNS FifoThroughputScope: a topic-scoped FIFO topic takes 3,000 messages/s and 20 MB/s"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sns.fifo_messages_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(3000, 0, 0, false, 0) /* 3000 */),
                source: Borrowed("AWS CDK documentation, SNS FifoThroughputScope: a topic-scoped FIFO topic takes 3,000 messages/s and 20 MB/s"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sns.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(100, 0, 0, false, 0) /* 100 */)),
                source: Borrowed("Commonly cited publish-to-delivery latency for SNS of tens of milliseconds; calc uses 100 ms"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::Unverified,
            },
        ),
        (
            "sns.max_message_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(262144)),
                source: Borrowed("SNS developer guide: messages and PublishBatch requests of up to 262,144 bytes by default; a topic's MaximumMessageSize attribute can raise it to 1 MiB for Firehose, SQS and Lambda subscriptions, which calc does not model"),
                as_of: Borrowed("2026-11-26"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sqs.fifo_calls_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(300, 0, 0, false, 0) /* 300 */),
                source: Borrowed("SQS developer guide, FIFO quotas: 300 transactions per second per API action (SendMessage, ReceiveMessage, DeleteMessage); 3,000 messages/s with batches of 10"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sqs.fifo_high_throughput_calls_per_second",
            LimitEntry {
                value: LimitValue::Count(Decimal::from_parts(70000, 0, 0, false, 0) /* 70000 */),
                source: Borrowed("High-throughput FIFO queues in us-east-1, us-west-2 and eu-west-1: 70,000 transactions per second per API action without batching (18,000 from October 2023); lower in other Regions"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::ThirdParty,
            },
        ),
        (
            "sqs.latency",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(100, 0, 0, false, 0) /* 100 */)),
                source: Borrowed("Commonly cited send-to-receive latency for SQS of tens of milliseconds; calc uses the upper end, 100 ms"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::Unverified,
            },
        ),
        (
            "sqs.max_batch_payload",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1048576)),
                source: Borrowed("SendMessageBatch total payload: 256 KiB in the 2023 SQS developer guide; 1 MiB since the payload increase according to third-party material"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::ThirdParty,
            },
        ),
        (
            "sqs.max_message_size",
            LimitEntry {
                value: LimitValue::Bytes(Bytes(1048576)),
                source: Borrowed("AWS Compute blog, serverless services support payloads up to 1 MB (SQS, EventBridge, Lambda async); 256 KB before the increase"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sqs.max_retention",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(1209600000, 0, 0, false, 0) /* 1209600000 */)),
                source: Borrowed("SQS developer guide, quotas: message retention 60 s to 1,209,600 s (14 days)"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
        (
            "sqs.min_retention",
            LimitEntry {
                value: LimitValue::Duration(Duration::from_ms(Decimal::from_parts(60000, 0, 0, false, 0) /* 60000 */)),
                source: Borrowed("SQS developer guide, quotas: message retention 60 s to 14 days, default 4 days"),
                as_of: Borrowed("2026-11-24"),
                evidence: Evidence::AwsDocs,
            },
        ),
    ]),
};

