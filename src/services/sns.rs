//! Amazon SNS, standard and FIFO topics.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, KIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Rate};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::report::{ComponentResult, Ordering, Properties, Retention};
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Delivery, Doc, EvalError, Functions, ServiceDef};

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AmazonSNS",
    catalogue: None,
    mappings: &[
        Mapping::usage(&PUBLISH_REQUESTS, "Requests-Tier1").per(1_000_000),
        Mapping::usage(&HTTP_DELIVERIES, "DeliveryAttempts-HTTP").per(1_000_000),
        Mapping::usage(&EMAIL_DELIVERIES, "DeliveryAttempts-SMTP").per(1_000_000),
        Mapping::usage(&FIREHOSE_DELIVERIES, "DeliveryAttempts-FIREHOSE").per(1_000_000),
        Mapping::usage(&FIFO_PUBLISH_REQUESTS, "F-Request-Tier1").per(1_000_000),
        Mapping::usage(&FIFO_PUBLISH_PAYLOAD_GB, "F-Ingress-Tier1"),
        Mapping::usage(&FIFO_DELIVERY_REQUESTS, "F-DA-SQS").per(1_000_000),
        Mapping::usage(&FIFO_DELIVERY_PAYLOAD_GB, "F-Egress-SQS"),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "sns",
    title: "SNS",
    aliases: &["simple_notification_service"],
    dimensions: &[
        &PUBLISH_REQUESTS,
        &HTTP_DELIVERIES,
        &EMAIL_DELIVERIES,
        &FIREHOSE_DELIVERIES,
        &FIFO_PUBLISH_REQUESTS,
        &FIFO_PUBLISH_PAYLOAD_GB,
        &FIFO_DELIVERY_REQUESTS,
        &FIFO_DELIVERY_PAYLOAD_GB,
    ],
    limits: &[&MAX_MESSAGE_SIZE, &FIFO_MESSAGES, &FIFO_BYTES, &LATENCY],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[
        &TOPIC_TYPE,
        &BATCH_SIZE,
        &SQS_SUBSCRIPTIONS,
        &LAMBDA_SUBSCRIPTIONS,
        &HTTP_SUBSCRIPTIONS,
        &EMAIL_SUBSCRIPTIONS,
        &FIREHOSE_SUBSCRIPTIONS,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static TOPIC_TYPE: Key = Key::new(
    "topic_type",
    Kind::Choice(TopicType::NAMES),
    Default::Text("standard"),
    "`standard` or `fifo`",
);
static BATCH_SIZE: Key = Key::new(
    "batch_size",
    Kind::Count {
        min: 1,
        max: MAX_BATCH,
    },
    Default::Integer(1),
    "messages per publish call (PublishBatch takes 1 to 10)",
);
static SQS_SUBSCRIPTIONS: Key = subscriptions("sqs_subscriptions", "SQS queues subscribed");
static LAMBDA_SUBSCRIPTIONS: Key =
    subscriptions("lambda_subscriptions", "Lambda functions subscribed");
static HTTP_SUBSCRIPTIONS: Key = subscriptions("http_subscriptions", "HTTP/S endpoints subscribed");
static EMAIL_SUBSCRIPTIONS: Key =
    subscriptions("email_subscriptions", "email addresses subscribed");
static FIREHOSE_SUBSCRIPTIONS: Key =
    subscriptions("firehose_subscriptions", "Firehose streams subscribed");

/// A count of subscriptions of one protocol, none unless set.
const fn subscriptions(name: &'static str, doc: &'static str) -> Key {
    Key::new(
        name,
        Kind::Count {
            min: 0,
            max: MAX_SUBSCRIPTIONS,
        },
        Default::Integer(0),
        doc,
    )
}

pub const DOC: Doc = Doc {
    bills: "publishes (64 KB chunks), deliveries by protocol; FIFO publishes and payload",
    reports: "deliveries per second",
    summary: "publish/subscribe fan-out to queues, functions, HTTP endpoints, email and Firehose",
    ordering: "standard: none; FIFO: per message group",
    retention: "none",
    replay: "no",
    latency: "10-100 ms",
    scaling: "FIFO topics: 3,000 messages/s and 20 MB/s per topic",
    formulas: &[
        "publish calls = messages / batch_size; each is billed as ceil(batch_size x size / 64 KB) requests (FIFO: one request a call, plus the payload in GB)",
        "deliveries = messages x ceil(size / 64 KB) x subscriptions, priced per protocol",
    ],
};

pub const PUBLISH_REQUESTS: Dimension = Dimension::new("sns.publish_requests", "million requests");
pub const HTTP_DELIVERIES: Dimension = Dimension::new("sns.http_deliveries", "million deliveries");
pub const EMAIL_DELIVERIES: Dimension =
    Dimension::new("sns.email_deliveries", "million deliveries");
pub const FIREHOSE_DELIVERIES: Dimension =
    Dimension::new("sns.firehose_deliveries", "million deliveries");
pub const FIFO_PUBLISH_REQUESTS: Dimension =
    Dimension::new("sns.fifo_publish_requests", "million requests");
pub const FIFO_PUBLISH_PAYLOAD_GB: Dimension = Dimension::new("sns.fifo_publish_payload_gb", "GB");
pub const FIFO_DELIVERY_REQUESTS: Dimension =
    Dimension::new("sns.fifo_delivery_requests", "million requests");
pub const FIFO_DELIVERY_PAYLOAD_GB: Dimension =
    Dimension::new("sns.fifo_delivery_payload_gb", "GB");

pub const MAX_MESSAGE_SIZE: Limit =
    Limit::new("sns.max_message_size", LimitKind::Bytes, "message size");
pub const FIFO_MESSAGES: Limit = Limit::new(
    "sns.fifo_messages_per_second",
    LimitKind::Count,
    "messages per second per FIFO topic",
);
pub const FIFO_BYTES: Limit = Limit::new(
    "sns.fifo_bytes_per_second",
    LimitKind::Bytes,
    "of publishes per second per FIFO topic",
);
pub const LATENCY: Limit = Limit::new("sns.latency", LimitKind::Duration, "latency");

choice! {
    pub enum TopicType {
        Standard = "standard",
        Fifo = "fifo",
    }
}

/// Standard topics bill each 64 KiB of a message as one request, for
/// publishing and for each delivery.
const BILLING_CHUNK: u64 = 64 * KIB;
const MAX_SUBSCRIPTIONS: u32 = 12_500_000;
/// Messages a PublishBatch call takes at most.
const MAX_BATCH: u32 = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscriptions {
    pub sqs: u32,
    pub lambda: u32,
    pub http: u32,
    pub email: u32,
    pub firehose: u32,
}

impl Subscriptions {
    /// How a component of `service` behind the topic receives its messages:
    /// each subscription of that kind gets its own copy of every message.
    /// An EC2 instance subscribes as an HTTP endpoint.
    pub fn delivery_to(&self, service: &str) -> Delivery {
        let (count, key) = match service {
            "sqs" => (self.sqs, "sqs_subscriptions"),
            "lambda" => (self.lambda, "lambda_subscriptions"),
            "firehose" => (self.firehose, "firehose_subscriptions"),
            "ec2" => (self.http, "http_subscriptions"),
            _ => {
                return Delivery::Impossible {
                    help: "SNS delivers to SQS, Lambda, Firehose and HTTP endpoints (`ec2`): put one of them between",
                };
            }
        };
        Delivery::Copies { count, key }
    }

    /// The subscriptions of every kind, summed over the kinds the topic has.
    fn total<N: Number>(&self) -> Result<Traced<N>, EvalError> {
        let mut total: Option<Traced<N>> = None;
        for (count, key) in [
            (self.sqs, &SQS_SUBSCRIPTIONS),
            (self.lambda, &LAMBDA_SUBSCRIPTIONS),
            (self.http, &HTTP_SUBSCRIPTIONS),
            (self.email, &EMAIL_SUBSCRIPTIONS),
            (self.firehose, &FIREHOSE_SUBSCRIPTIONS),
        ] {
            if count > 0 {
                let count = given::key(count, "subscriptions", key);
                total = Some(match total {
                    Some(total) => total.plus(count)?,
                    None => count,
                });
            }
        }
        Ok(total.unwrap_or_else(|| {
            Traced::rule(
                Decimal::ZERO,
                "subscriptions",
                "the topic has no subscriptions",
            )
        }))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub topic_type: TopicType,
    /// Messages per publish call (PublishBatch), 1 to 10.
    pub batch_size: u32,
    pub subscriptions: Subscriptions,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `sns` has no value");
    let count = |key| values.count(key).ok_or_else(default);
    Ok(Input {
        topic_type: values.choice(&TOPIC_TYPE).ok_or_else(default)?,
        batch_size: values.count(&BATCH_SIZE).ok_or_else(default)?,
        subscriptions: Subscriptions {
            sqs: count(&SQS_SUBSCRIPTIONS)?,
            lambda: count(&LAMBDA_SUBSCRIPTIONS)?,
            http: count(&HTTP_SUBSCRIPTIONS)?,
            email: count(&EMAIL_SUBSCRIPTIONS)?,
            firehose: count(&FIREHOSE_SUBSCRIPTIONS)?,
        },
    })
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    /// A topic delivers to the kinds of subscriber it has subscriptions of.
    fn delivery_to(&self, consumer: &str) -> Delivery {
        self.subscriptions.delivery_to(consumer)
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.topic_type.as_str()));
        let messages = ctx.rate()?;
        let message_size = ctx.record_size()?;
        let max_message_size = ctx.bytes(&MAX_MESSAGE_SIZE)?;
        if message_size > max_message_size {
            result.violate(
                &MAX_MESSAGE_SIZE,
                message_size.decimal(),
                max_message_size.decimal(),
                "store the payload in S3 and publish a pointer, or split the message",
            );
        } else {
            // A PublishBatch call's messages together are held to the same size.
            let batch = message_size.decimal().times(self.batch())?;
            if batch > max_message_size.decimal() {
                result.violate(
                    &MAX_MESSAGE_SIZE,
                    batch,
                    max_message_size.decimal(),
                    "publish fewer messages a batch: a PublishBatch call's messages together are held to the message size limit",
                );
            }
        }
        let subscriptions = self.subscriptions.total()?;
        let average = ctx.average()?;
        result.capacity_of("messages_per_second", average, "messages/s");
        result.capacity_of("subscriptions", subscriptions, "subscriptions");
        result.capacity_of(
            "deliveries_per_second",
            average.times(subscriptions)?,
            "deliveries/s",
        );
        if subscriptions.value().is_zero() {
            result.warn(
                "no_subscriptions",
                "the topic has no subscriptions: SNS keeps nothing, so every message is dropped",
            );
        }
        match self.topic_type {
            TopicType::Standard => self.standard(ctx, result)?,
            TopicType::Fifo => self.fifo(ctx, messages, message_size, subscriptions, result)?,
        }
        // SNS pushes each message to the subscribers and keeps nothing; FIFO
        // topics keep order within a message group.
        result.properties = Properties {
            ordering: Some(match self.topic_type {
                TopicType::Standard => Ordering::None,
                TopicType::Fifo => Ordering::PerKey,
            }),
            retention: Retention::None,
            replay: false,
            max_message_size: Some(max_message_size),
            max_run_duration: None,
        };
        result.latency = ctx.duration(&LATENCY)?;
        Ok(())
    }
}

impl Input {
    /// Messages a publish call carries, as a divisor.
    fn batch(&self) -> Decimal {
        Decimal::from(self.batch_size.max(1))
    }

    /// [`Self::batch`], for a working.
    fn batch_traced<N: Number>(&self) -> Traced<N> {
        given::key(self.batch(), "messages", &BATCH_SIZE)
    }

    fn standard<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        // A 100 KB message is two 64 KB chunks: two publish requests, and each
        // delivery of it counts twice as well. A batch call is billed by the
        // chunks of its whole payload: ten 6 KB messages are one request.
        let chunk = || {
            Traced::rule(
                Decimal::from(BILLING_CHUNK),
                "B",
                "a request carries up to 64 KB of payload",
            )
        };
        let at_least_one = || given::at_least_one("", "a message is at least one request");
        let size = ctx.size()?;
        let chunks = size.per(chunk())?.ceil().max(at_least_one());
        result.capacity_of("requests_per_message", chunks, "requests");
        let batch = self.batch_traced();
        let chunks_per_call = size.times(batch)?.per(chunk())?.ceil().max(at_least_one());
        let average = ctx.average()?;
        let calls = average.per(batch)?;
        result.capacity_of("requests_per_call", chunks_per_call, "requests");
        let publishes = ctx.monthly_traced(calls.times(chunks_per_call)?, given::million())?;
        charge_into(&mut result.line_items, ctx, &PUBLISH_REQUESTS, publishes)?;
        let million = ctx.monthly_traced(average.times(chunks)?, given::million())?;
        let subs = &self.subscriptions;
        for (count, key, dimension) in [
            (subs.http, &HTTP_SUBSCRIPTIONS, &HTTP_DELIVERIES),
            (subs.email, &EMAIL_SUBSCRIPTIONS, &EMAIL_DELIVERIES),
            (subs.firehose, &FIREHOSE_SUBSCRIPTIONS, &FIREHOSE_DELIVERIES),
        ] {
            if count > 0 {
                let count = given::key(count, "subscriptions", key);
                let deliveries = million.times(count)?;
                charge_into(&mut result.line_items, ctx, dimension, deliveries)?;
            }
        }
        // Deliveries to SQS queues and Lambda functions are widely stated to
        // carry no SNS charge (the queue's requests and the function's
        // invocations are billed by those services), though no AWS price
        // entry confirms it; they get no line item and a note says so.
        if subs.sqs > 0 || subs.lambda > 0 {
            result.note(
                "free_deliveries",
                "deliveries to SQS and Lambda subscriptions are taken to be free of SNS charges (unconfirmed)",
            );
        }
        Ok(())
    }

    fn fifo<N: Number>(
        &self,
        ctx: &Ctx<N>,
        messages: Rate<N>,
        message_size: Bytes,
        subscriptions: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let average = ctx.average()?;
        let bytes_per_second = average.times(ctx.size()?)?;
        result.capacity_of("bytes_per_second", bytes_per_second, "B/s");
        // The topic's throughput limits hold in every second: check the peak.
        let allowed = ctx.count(&FIFO_MESSAGES)?;
        if messages.peak > N::of(allowed) {
            result.violate(&FIFO_MESSAGES, messages.peak.decimal(), allowed, FIX_FIFO);
        }
        let peak_bytes = messages.peak.times(N::of(message_size.decimal()))?;
        let bytes = ctx.bytes(&FIFO_BYTES)?.decimal();
        if peak_bytes > N::of(bytes) {
            result.violate(&FIFO_BYTES, peak_bytes.decimal(), bytes, FIX_FIFO);
        }
        // FIFO topics bill each publish call once whatever its size (a batch
        // is one call), plus the payload; each delivery likewise.
        let million = ctx.monthly_traced(average, given::million())?;
        let calls = ctx.monthly_traced(average.per(self.batch_traced())?, given::million())?;
        let gb = ctx.monthly_traced(bytes_per_second, given::gib())?;
        charge_into(&mut result.line_items, ctx, &FIFO_PUBLISH_REQUESTS, calls)?;
        charge_into(&mut result.line_items, ctx, &FIFO_PUBLISH_PAYLOAD_GB, gb)?;
        if !subscriptions.value().is_zero() {
            let deliveries = million.times(subscriptions)?;
            let delivered_gb = gb.times(subscriptions)?;
            charge_into(
                &mut result.line_items,
                ctx,
                &FIFO_DELIVERY_REQUESTS,
                deliveries,
            )?;
            charge_into(
                &mut result.line_items,
                ctx,
                &FIFO_DELIVERY_PAYLOAD_GB,
                delivered_gb,
            )?;
        }
        Ok(())
    }
}

const FIX_FIFO: &str = "set the topic's throughput scope to message group, or split the messages over several FIFO topics";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::{Duration, PIB};
    use crate::model::keys::Value;
    use crate::model::report::{Level, Violation};
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    /// The topic that the declared keys make, with `set` over their defaults.
    fn built(set: &[(&'static Key, Value)]) -> Input {
        crate::services::kit::testing::built(&SERVICE, set).unwrap()
    }

    fn topic(
        topic_type: TopicType,
        messages_per_second: Decimal,
        message_size: Bytes,
    ) -> Fed<Input> {
        let input = Input {
            topic_type,
            batch_size: 1,
            subscriptions: Subscriptions {
                sqs: 1,
                lambda: 0,
                http: 1,
                email: 1,
                firehose: 1,
            },
        };
        Fed::new(
            input,
            steady(messages_per_second, message_size),
            Input::evaluate_into,
        )
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        // A context of its own for each evaluation: its ledger counts the
        // free tier used.
        let free = || Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        let cases = [
            (TopicType::Standard, dec!(10), Bytes::kib(1), 1),
            // Past the free tier's deliveries and publishes, non-round.
            (TopicType::Standard, dec!(1234.567), Bytes(70_000), 1),
            (TopicType::Standard, dec!(999.9), Bytes::kib(6), 10),
            // A batch over the message size: a violation.
            (TopicType::Standard, dec!(10), Bytes::kib(30), 10),
            (TopicType::Standard, dec!(1), Bytes::kib(300), 1),
            (TopicType::Fifo, dec!(123.45), Bytes(512), 1),
            (TopicType::Fifo, dec!(2999.9), Bytes(900), 7),
            // Past the FIFO messages and bytes a second.
            (TopicType::Fifo, dec!(4000), Bytes::kib(1), 1),
            (TopicType::Fifo, dec!(3000), Bytes::kib(10), 1),
        ];
        for (topic_type, rate, size, batch_size) in cases {
            for subscriptions in [
                Subscriptions {
                    sqs: 1,
                    lambda: 0,
                    http: 1,
                    email: 1,
                    firehose: 1,
                },
                Subscriptions {
                    sqs: 0,
                    lambda: 2,
                    http: 0,
                    email: 0,
                    firehose: 0,
                },
            ] {
                let mut fed = topic(topic_type, rate, size);
                fed.batch_size = batch_size;
                fed.subscriptions = subscriptions;
                floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
                floats_agree(&fed.input, fed.flow, &free());
            }
        }
    }

    #[test]
    fn standard_topic_bill_at_730_hours() {
        // 10 messages/s × 2,628,000 s = 26.28 million publishes × $0.50 = $13.14.
        // Each subscription receives 26.28 million deliveries:
        // HTTP × $0.60 = $15.768; email × $20 = $525.60; Firehose × $0.19 = $4.9932; SQS free.
        let result = topic(TopicType::Standard, dec!(10), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(item(&result, "publish_requests").quantity, dec!(26.28));
        assert_eq!(item(&result, "publish_requests").monthly_cost, dec!(13.14));
        assert_eq!(item(&result, "http_deliveries").monthly_cost, dec!(15.768));
        assert_eq!(item(&result, "email_deliveries").monthly_cost, dec!(525.60));
        assert_eq!(
            item(&result, "firehose_deliveries").monthly_cost,
            dec!(4.9932)
        );
        assert_eq!(
            result.line_items.len(),
            4,
            "SQS deliveries have no line item"
        );
        assert_eq!(result.latency, Duration::from_ms(dec!(100)));
        assert_eq!(result.properties.ordering, Some(Ordering::None));
    }

    #[test]
    fn free_tier_and_64_kib_chunks() {
        // With the free tier: HTTP (26.28 − 0.1) × $0.60 = $15.708;
        // email (26.28 − 0.001) × $20 = $525.58; publishes (26.28 − 1) × $0.50 = $12.64.
        let free = Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        let result = topic(TopicType::Standard, dec!(10), Bytes::kib(1))
            .evaluate(&free)
            .unwrap();
        assert_eq!(item(&result, "http_deliveries").monthly_cost, dec!(15.708));
        assert_eq!(item(&result, "email_deliveries").monthly_cost, dec!(525.58));
        assert_eq!(item(&result, "publish_requests").monthly_cost, dec!(12.64));
        // A 100 KB message is 2 chunks: 1 message/s × 2 × 2,628,000 s = 5.256 million publishes.
        let result = topic(TopicType::Standard, dec!(1), Bytes::kib(100))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(item(&result, "publish_requests").quantity, dec!(5.256));
    }

    #[test]
    fn fifo_topic_bill() {
        // 100 messages/s of 512 B to 2 SQS subscriptions, 730 h:
        // 262.8 million publishes × $0.30 = $78.84;
        // payload: 100 × 512 × 2,628,000 = 134,553,600,000 B / 2^30 GB;
        // 525.6 million deliveries × $0.01 = $5.256; delivery payload is twice the publish payload.
        let mut input = topic(TopicType::Fifo, dec!(100), Bytes(512));
        input.subscriptions = Subscriptions {
            sqs: 2,
            lambda: 0,
            http: 0,
            email: 0,
            firehose: 0,
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            item(&result, "fifo_publish_requests").monthly_cost,
            dec!(78.84)
        );
        let payload = dec!(134553600000) / dec!(1073741824);
        assert_eq!(item(&result, "fifo_publish_payload_gb").quantity, payload);
        assert_eq!(
            item(&result, "fifo_delivery_requests").monthly_cost,
            dec!(5.256)
        );
        assert_eq!(
            item(&result, "fifo_delivery_payload_gb").quantity,
            payload * dec!(2)
        );
        assert!(result.violations.is_empty());
        assert_eq!(result.properties.ordering, Some(Ordering::PerKey));
    }

    #[test]
    fn a_batch_is_billed_by_its_whole_payload() {
        // 1,000 messages/s of 6 KB in batches of 10: 100 calls/s of 60 KB,
        // one 64 KB chunk each: 100 × 2,628,000 = 262.8 million requests ×
        // $0.50 = $131.40, a tenth of one message a call. Each of the
        // messages is still delivered: 2,628 million HTTP deliveries × $0.60
        // = $1,576.80.
        let mut input = topic(TopicType::Standard, dec!(1000), Bytes::kib(6));
        input.batch_size = 10;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "publish_requests").quantity, dec!(262.8));
        assert_eq!(item(&result, "publish_requests").monthly_cost, dec!(131.40));
        assert_eq!(item(&result, "http_deliveries").monthly_cost, dec!(1576.80));
        // 10 messages/s of 25 KB in batches of 10: one 250 KB call a second,
        // four 64 KB chunks: 4 × 2,628,000 = 10.512 million requests, $5.256.
        let mut input = topic(TopicType::Standard, dec!(10), Bytes::kib(25));
        input.batch_size = 10;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "publish_requests").monthly_cost, dec!(5.256));
        assert!(result.violations.is_empty());
        // Ten 30 KB messages are 300 KB, over the 256 KB a call takes.
        let mut input = topic(TopicType::Standard, dec!(10), Bytes::kib(30));
        input.batch_size = 10;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.violations.len(), 1, "{:?}", result.violations);
        // A FIFO topic bills a batch as one request: 100 messages/s in
        // batches of 10 are 10 calls/s, 26.28 million × $0.30 = $7.884.
        let mut input = topic(TopicType::Fifo, dec!(100), Bytes(512));
        input.batch_size = 10;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            item(&result, "fifo_publish_requests").monthly_cost,
            dec!(7.884)
        );
    }

    #[test]
    fn fifo_topic_throughput_is_checked() {
        // 4,000 messages/s of 1 KB is over 3,000 messages/s (4,000 KB/s is under 20 MB/s).
        let result = topic(TopicType::Fifo, dec!(4000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 1);
        // 3,000 messages/s of 10 KB = 30,000 KB/s, over 20 MB/s = 20,480 KB/s.
        let result = topic(TopicType::Fifo, dec!(3000), Bytes::kib(10))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 1);
        // 3,000 messages/s of 1 KB is within both.
        let result = topic(TopicType::Fifo, dec!(3000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert!(result.violations.is_empty());
    }

    #[test]
    fn the_keys_make_a_topic_and_its_subscriptions() {
        let none = Subscriptions {
            sqs: 0,
            lambda: 0,
            http: 0,
            email: 0,
            firehose: 0,
        };
        assert_eq!(
            built(&[]),
            Input {
                topic_type: TopicType::Standard,
                batch_size: 1,
                subscriptions: none.clone(),
            }
        );
        let topic = built(&[
            (&TOPIC_TYPE, Value::Choice(1)),
            (&SQS_SUBSCRIPTIONS, Value::Count(3)),
            (&FIREHOSE_SUBSCRIPTIONS, Value::Count(1)),
        ]);
        assert_eq!(topic.topic_type, TopicType::Fifo);
        assert_eq!(
            topic.subscriptions,
            Subscriptions {
                sqs: 3,
                firehose: 1,
                ..none
            }
        );
    }

    #[test]
    fn the_message_size_limit_is_the_tables() {
        // 300 KB = 307,200 B, over the table's 256 KB = 262,144 B.
        let result = topic(TopicType::Standard, dec!(1), Bytes::kib(300))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        match result.violations.as_slice() {
            [
                Violation::Limit {
                    limit,
                    needed,
                    allowed,
                    ..
                },
            ] => {
                assert_eq!(**limit, MAX_MESSAGE_SIZE);
                assert_eq!((*needed, *allowed), (dec!(307200), dec!(262144)));
            }
            other => panic!("expected one limit violation, found {other:?}"),
        }
        assert_eq!(result.properties.max_message_size, Some(Bytes::kib(256)));
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^12 messages/s of 1 PB to one subscription of each kind: 2^34
        // chunks a message, about 4.5 × 10^22 million publishes, still fit.
        let mut input = topic(TopicType::Standard, dec!(1_000_000_000_000), Bytes(PIB));
        assert!(input.evaluate(&ctx(dec!(730))).is_ok());
        // Delivered to 12.5 million HTTP endpoints, they do not.
        input.subscriptions.http = MAX_SUBSCRIPTIONS;
        assert_eq!(
            input.evaluate(&ctx(dec!(730))).unwrap_err(),
            EvalError::Arithmetic
        );
        // A FIFO topic bills their payload: about 3 × 10^33 bytes a month.
        let input = topic(TopicType::Fifo, dec!(1_000_000_000_000), Bytes(PIB));
        assert_eq!(
            input.evaluate(&ctx(dec!(730))).unwrap_err(),
            EvalError::Arithmetic
        );
    }

    #[test]
    fn a_topic_without_subscriptions_is_a_warning() {
        let mut input = topic(TopicType::Standard, dec!(10), Bytes::kib(1));
        input.subscriptions = Subscriptions {
            sqs: 0,
            lambda: 0,
            http: 0,
            email: 0,
            firehose: 0,
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let note = result
            .notes
            .iter()
            .find(|note| note.code == "no_subscriptions")
            .unwrap();
        assert_eq!(note.level, Level::Warning);
    }
}
