//! Amazon SQS, standard and FIFO queues.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, KIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::report::{ComponentResult, Ordering, Properties, Retention};
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AWSQueueService",
    catalogue: None,
    mappings: &[
        // SQS: us-east-1 names the request products `Requests-RBP`; the queue
        // type says which queue they price.
        Mapping::usage(&STANDARD_REQUESTS, "Requests-RBP")
            .with(&[("queueType", "Standard")])
            .per(1_000_000),
        Mapping::usage(&FIFO_REQUESTS, "Requests-FIFO-RBP")
            .with(&[("queueType", "FIFO (first-in, first-out)")])
            .per(1_000_000),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "sqs",
    title: "SQS",
    aliases: &["simple_queue_service"],
    dimensions: &[&STANDARD_REQUESTS, &FIFO_REQUESTS],
    limits: &[
        &MAX_MESSAGE_SIZE,
        &MAX_BATCH_PAYLOAD,
        &MIN_RETENTION,
        &MAX_RETENTION,
        &FIFO_CALLS,
        &FIFO_HIGH_THROUGHPUT_CALLS,
        &LATENCY,
    ],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[&QUEUE_TYPE, &BATCH_SIZE, &HIGH_THROUGHPUT, &RETENTION],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static QUEUE_TYPE: Key = Key::new(
    "queue_type",
    Kind::Choice(QueueType::NAMES),
    Default::Text("standard"),
    "`standard` or `fifo`",
);
// 0 is read, and refused by `build` with a hint.
static BATCH_SIZE: Key = Key::new(
    "batch_size",
    Kind::Count {
        min: 0,
        max: MAX_BATCH,
    },
    Default::Integer(1),
    "messages per send, receive and delete call (1 to 10)",
);
static HIGH_THROUGHPUT: Key = Key::new(
    "high_throughput",
    Kind::Flag,
    Default::Bool(false),
    "FIFO high-throughput mode",
);
static RETENTION: Key = Key::new(
    "retention",
    Kind::Duration,
    Default::Text("4 d"),
    "how long unconsumed messages are kept (60 s to 14 d)",
);

pub const DOC: Doc = Doc {
    bills: "requests (send, receive, delete; 64 KB chunks), standard or FIFO, tiered",
    reports: "API calls per second against the FIFO limit",
    summary: "a message queue: standard (at-least-once, unordered) or FIFO (ordered per message group)",
    ordering: "standard: none; FIFO: per message group",
    retention: "60 s to 14 d (4 d by default)",
    replay: "no: a deleted message is gone",
    latency: "10-100 ms",
    scaling: "standard: nearly unlimited; FIFO: 300 calls/s per action (x10 in batches), more in high-throughput mode",
    formulas: &[
        "requests = send + receive + delete calls; send and receive count one request per 64 KB of payload",
        "FIFO messages/s = 300 calls/s x batch size, per action (more in high-throughput mode)",
    ],
};

pub const STANDARD_REQUESTS: Dimension =
    Dimension::new("sqs.standard_requests", "million requests");
pub const FIFO_REQUESTS: Dimension = Dimension::new("sqs.fifo_requests", "million requests");

pub const MAX_MESSAGE_SIZE: Limit =
    Limit::new("sqs.max_message_size", LimitKind::Bytes, "message size");
pub const MAX_BATCH_PAYLOAD: Limit = Limit::new(
    "sqs.max_batch_payload",
    LimitKind::Bytes,
    "payload per batch",
);
pub const MIN_RETENTION: Limit = Limit::new("sqs.min_retention", LimitKind::Duration, "retention");
pub const MAX_RETENTION: Limit = Limit::new("sqs.max_retention", LimitKind::Duration, "retention");
pub const FIFO_CALLS: Limit = Limit::new(
    "sqs.fifo_calls_per_second",
    LimitKind::Count,
    "FIFO API calls per second per action",
);
pub const FIFO_HIGH_THROUGHPUT_CALLS: Limit = Limit::new(
    "sqs.fifo_high_throughput_calls_per_second",
    LimitKind::Count,
    "high-throughput FIFO API calls per second per action",
);
pub const LATENCY: Limit = Limit::new("sqs.latency", LimitKind::Duration, "latency");

choice! {
    pub enum QueueType {
        Standard = "standard",
        Fifo = "fifo",
    }
}

/// Each 64 KiB of a call's payload is billed as one request.
const BILLING_CHUNK: u64 = 64 * KIB;
/// `SendMessageBatch`, `ReceiveMessage` and `DeleteMessageBatch` take at most 10 messages.
const MAX_BATCH: u32 = 10;

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub queue_type: QueueType,
    pub batch_size: u32,
    pub high_throughput: bool,
    pub retention: Duration,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `sqs` has no value");
    let queue_type = values.choice(&QUEUE_TYPE).ok_or_else(default)?;
    let batch_size = values.count(&BATCH_SIZE).ok_or_else(default)?;
    let high_throughput = values.flag(&HIGH_THROUGHPUT).ok_or_else(default)?;
    if batch_size == 0 {
        return Err(Invalid::new(
            &BATCH_SIZE,
            format!("`batch_size` must be between 1 and {MAX_BATCH} (found 0)"),
        )
        .with_help("use 1 to send, receive and delete messages one at a time"));
    }
    if high_throughput && queue_type == QueueType::Standard {
        return Err(
            Invalid::new(&HIGH_THROUGHPUT, "`high_throughput` applies only to FIFO queues")
                .with_help("set `queue_type = \"fifo\"`, or drop `high_throughput`: standard queues have no per-action limit"),
        );
    }
    Ok(Input {
        queue_type,
        batch_size,
        high_throughput,
        retention: values.duration(&RETENTION).ok_or_else(default)?,
    })
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.queue_type.as_str()));
        let message_size = ctx.record_size()?;
        let max_message_size = ctx.bytes(&MAX_MESSAGE_SIZE)?;
        self.check_sizes(ctx, message_size, max_message_size, result)?;
        self.check_retention(ctx, result)?;
        let batch = given::key(self.batch_size, "messages", &BATCH_SIZE);
        // Every message is sent, received and deleted once, each action in
        // calls of `batch_size` messages.
        let average = ctx.average()?;
        let calls_per_action = average.per(batch)?;

        // SQS bills one request per 64 KiB of a call's payload. A send call
        // carries the batch's messages, and the receive call that fetches them
        // returns the same payload, so both are billed in the same chunks. A
        // delete call carries only receipt handles, well under 64 KiB, so it
        // is one request. Empty receives (polling an empty queue) are not
        // counted: with long polling and a steady load they are few.
        let chunk = Traced::rule(
            Decimal::from(BILLING_CHUNK),
            "B",
            "a request carries up to 64 KB of payload",
        );
        let chunks = ctx
            .size()?
            .times(batch)?
            .per(chunk)?
            .ceil()
            .max(given::at_least_one("", "a call is at least one request"));
        let delete = Traced::rule(Decimal::ONE, "", "a delete call is one request");
        let requests_per_call = chunks.plus(chunks)?.plus(delete)?;
        let requests_per_second = calls_per_action.times(requests_per_call)?;
        let million_requests = ctx.monthly_traced(requests_per_second, given::million())?;

        result.capacity_of("messages_per_second", average, "messages/s");
        result.capacity_of("calls_per_second_per_action", calls_per_action, "calls/s");
        result.capacity_of("requests_per_send_call", chunks, "requests");
        result.capacity_of(
            "billed_requests_per_second",
            requests_per_second,
            "requests/s",
        );

        let dimension = match self.queue_type {
            QueueType::Standard => &STANDARD_REQUESTS,
            QueueType::Fifo => {
                self.fifo_throughput(ctx, batch, result)?;
                &FIFO_REQUESTS
            }
        };
        charge_into(&mut result.line_items, ctx, dimension, million_requests)?;

        // Standard queues deliver at least once in no set order; FIFO queues
        // keep order within a message group. A received and deleted message is
        // gone: there is no replay.
        result.properties = Properties {
            ordering: Some(match self.queue_type {
                QueueType::Standard => Ordering::None,
                QueueType::Fifo => Ordering::PerKey,
            }),
            retention: Retention::For(self.retention),
            replay: false,
            max_message_size: Some(max_message_size),
            max_run_duration: None,
        };
        result.latency = ctx.duration(&LATENCY)?;
        Ok(())
    }
}

impl Input {
    /// A message over the queue's limit, or a batch over the batch limit,
    /// cannot be sent.
    fn check_sizes<N: Number>(
        &self,
        ctx: &Ctx<N>,
        message_size: Bytes,
        max_message_size: Bytes,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        if message_size > max_message_size {
            result.violate(
                &MAX_MESSAGE_SIZE,
                message_size.decimal(),
                max_message_size.decimal(),
                "split the message, or store the payload in S3 and send a pointer",
            );
        }
        let max_batch_payload = ctx.bytes(&MAX_BATCH_PAYLOAD)?;
        let batch_payload = Bytes(message_size.0.saturating_mul(u64::from(self.batch_size)));
        if message_size <= max_message_size && batch_payload > max_batch_payload {
            result.violate(
                &MAX_BATCH_PAYLOAD,
                batch_payload.decimal(),
                max_batch_payload.decimal(),
                "lower `batch_size` so that the messages of one batch fit together",
            );
        }
        Ok(())
    }

    /// A queue keeps messages between its minimum and maximum retention; a
    /// retention it cannot be set to fails the design, which is still
    /// priced as set.
    fn check_retention<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        ctx.within(
            self.retention.ms(),
            (
                &MIN_RETENTION,
                "raise `retention`: a queue keeps messages for at least its minimum retention",
            ),
            (
                &MAX_RETENTION,
                "lower `retention`; to keep messages longer, store them in S3 or use a stream",
            ),
            result,
        )
    }

    /// A FIFO queue takes a fixed number of calls per second for each action
    /// (send, receive, delete); batching multiplies the messages per call.
    /// Checked at the peak: the limit holds in every second.
    fn fifo_throughput<N: Number>(
        &self,
        ctx: &Ctx<N>,
        batch: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let peak_messages = ctx.rate()?.peak;
        let calls = peak_messages.per(batch.value())?;
        let limit = if self.high_throughput {
            &FIFO_HIGH_THROUGHPUT_CALLS
        } else {
            &FIFO_CALLS
        };
        let allowed = ctx.limit_traced(limit, "calls/s")?;
        result.capacity_of(
            "max_messages_per_second",
            allowed.times(batch)?,
            "messages/s",
        );
        let allowed = allowed.value();
        if calls > allowed {
            let full_batches_fit = peak_messages <= allowed.times(N::of(MAX_BATCH.into()))?;
            let fix = match (
                self.high_throughput,
                self.batch_size < MAX_BATCH && full_batches_fit,
            ) {
                (false, true) => {
                    "send in batches of 10 (3,000 messages/s) or turn on high-throughput mode"
                }
                (false, false) => "turn on high-throughput mode (`high_throughput = true`)",
                (true, true) => "send in batches of 10",
                (true, false) => {
                    "spread the message groups over several FIFO queues, or use a standard queue"
                }
            };
            result.violate(limit, calls.decimal(), allowed.decimal(), fix);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::PIB;
    use crate::model::keys::Value;
    use crate::model::report::Violation;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    /// The queue that the declared keys make, with `set` over their defaults.
    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    fn queue(
        queue_type: QueueType,
        messages_per_second: Decimal,
        message_size: Bytes,
    ) -> Fed<Input> {
        let input = Input {
            queue_type,
            batch_size: 1,
            high_throughput: false,
            retention: Duration::from_hours(96),
        };
        Fed::new(
            input,
            steady(messages_per_second, message_size),
            Input::evaluate_into,
        )
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let cases = [
            (QueueType::Standard, dec!(3000), Bytes::kib(1), 1),
            (QueueType::Standard, dec!(1234.567), Bytes(70_000), 10),
            (QueueType::Fifo, dec!(299.9), Bytes(100), 1),
            // Past the FIFO calls a second: a violation, the same in both.
            (QueueType::Fifo, dec!(4000), Bytes::kib(2), 10),
            (QueueType::Standard, dec!(10), Bytes::mib(2), 1),
        ];
        for (queue_type, rate, size, batch_size) in cases {
            let mut fed = queue(queue_type, rate, size);
            fed.batch_size = batch_size;
            floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        }
    }

    fn fix(result: &ComponentResult) -> &'static str {
        match result.violations.as_slice() {
            [Violation::Limit { fix, .. }] => fix,
            other => panic!("expected one limit violation, found {other:?}"),
        }
    }

    #[test]
    fn standard_queue_bill_at_730_hours() {
        // 100 messages/s of 1 KB, one at a time: 100 sends + 100 receives + 100 deletes
        // = 300 requests/s (1 KB is one 64 KB chunk). 730 h = 2,628,000 s;
        // 300 × 2,628,000 = 788,400,000 = 788.4 million × $0.40 = $315.36.
        let result = queue(QueueType::Standard, dec!(100), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let requests = item(&result, "standard_requests");
        assert_eq!(requests.quantity, dec!(788.4));
        assert_eq!(requests.monthly_cost, dec!(315.36));
        assert!(result.violations.is_empty());
        assert_eq!(result.latency, Duration::from_ms(dec!(100)));
        assert_eq!(result.properties.ordering, Some(Ordering::None));
    }

    #[test]
    fn the_free_tier_takes_one_million_requests() {
        // Same queue with the free tier: (788.4 − 1) million × $0.40 = $314.96.
        let ctx = Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        let result = queue(QueueType::Standard, dec!(100), Bytes::kib(1))
            .evaluate(&ctx)
            .unwrap();
        let requests = item(&result, "standard_requests");
        assert_eq!(requests.free_quantity, dec!(1));
        assert_eq!(requests.monthly_cost, dec!(314.96));
    }

    #[test]
    fn payload_is_billed_in_64_kib_chunks() {
        // A 256 KB message is 4 chunks: send 4 + receive 4 + delete 1 = 9 requests.
        // 1 message/s × 9 × 2,628,000 s = 23.652 million.
        let result = queue(QueueType::Standard, dec!(1), Bytes::kib(256))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(item(&result, "standard_requests").quantity, dec!(23.652));
        // Batches of 10 × 1 KB = 10 KB, one chunk: 10 messages/s are 1 call per action,
        // 3 requests/s × 2,628,000 s = 7.884 million.
        let mut batched = queue(QueueType::Standard, dec!(10), Bytes::kib(1));
        batched.batch_size = 10;
        let result = batched.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "standard_requests").quantity, dec!(7.884));
    }

    #[test]
    fn fifo_at_3000_messages_needs_batches_of_10() {
        // 3,000 messages/s one at a time are 3,000 calls/s per action, over the
        // 300 a FIFO queue takes.
        let result = queue(QueueType::Fifo, dec!(3000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert!(fix(&result).contains("batches of 10"), "{}", fix(&result));
        match result.violations[0] {
            Violation::Limit {
                needed, allowed, ..
            } => assert_eq!((needed, allowed), (dec!(3000), dec!(300))),
            _ => unreachable!(),
        }
        assert_eq!(result.properties.ordering, Some(Ordering::PerKey));
        // In batches of 10 they are 3,000 / 10 = 300 calls/s: at the limit, not over it.
        let mut batched = queue(QueueType::Fifo, dec!(3000), Bytes::kib(1));
        batched.batch_size = 10;
        let result = batched.evaluate(&ctx(dec!(730))).unwrap();
        assert!(result.violations.is_empty(), "{:?}", result.violations);
    }

    #[test]
    fn fifo_bill_and_high_throughput() {
        // 1,000 FIFO messages/s in batches of 10 of 1 KB (10 KB, one chunk):
        // 100 calls/s per action × 3 = 300 requests/s × 2,628,000 s = 788.4 million × $0.50 = $394.20.
        let mut input = queue(QueueType::Fifo, dec!(1000), Bytes::kib(1));
        input.batch_size = 10;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "fifo_requests").monthly_cost, dec!(394.20));
        // 30,000 messages/s even in batches of 10 are 3,000 calls/s: only
        // high-throughput mode (70,000 calls/s) takes them.
        let mut input = queue(QueueType::Fifo, dec!(30000), Bytes::kib(1));
        input.batch_size = 10;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(fix(&result).contains("high-throughput"));
        input.high_throughput = true;
        assert!(
            input
                .evaluate(&ctx(dec!(730)))
                .unwrap()
                .violations
                .is_empty()
        );
    }

    #[test]
    fn the_defaults_make_a_standard_queue_kept_4_days() {
        assert_eq!(
            built(&[]),
            Ok(Input {
                queue_type: QueueType::Standard,
                batch_size: 1,
                high_throughput: false,
                retention: Duration::from_hours(96),
            })
        );
    }

    #[test]
    fn high_throughput_needs_a_fifo_queue_and_a_batch_a_message() {
        let error = built(&[(&HIGH_THROUGHPUT, Value::Flag(true))]).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &HIGH_THROUGHPUT));
        assert_eq!(
            error.message,
            "`high_throughput` applies only to FIFO queues"
        );
        let fifo = built(&[
            (&QUEUE_TYPE, Value::Choice(1)),
            (&HIGH_THROUGHPUT, Value::Flag(true)),
        ])
        .unwrap();
        assert_eq!(
            (fifo.queue_type, fifo.high_throughput),
            (QueueType::Fifo, true)
        );
        let error = built(&[(&BATCH_SIZE, Value::Count(0))]).unwrap_err();
        assert_eq!(
            error.message,
            "`batch_size` must be between 1 and 10 (found 0)"
        );
    }

    #[test]
    fn a_retention_outside_60_s_to_14_d_is_a_verdict() {
        // 15 d = 15 × 86,400,000 ms = 1,296,000,000 ms, over 14 d = 1,209,600,000 ms.
        let mut input = queue(QueueType::Standard, dec!(100), Bytes::kib(1));
        input.retention = Duration::from_hours(15 * 24);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Limit {
                limit: &MAX_RETENTION,
                needed: dec!(1296000000),
                allowed: dec!(1209600000),
                fix: "lower `retention`; to keep messages longer, store them in S3 or use a stream",
            }]
        );
        // The queue is still priced as set: 788.4 million requests, as at 4 days.
        assert_eq!(item(&result, "standard_requests").quantity, dec!(788.4));
        // 30 s = 30,000 ms, under 60 s = 60,000 ms.
        input.retention = Duration::from_secs(30);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        match result.violations.as_slice() {
            [
                Violation::Minimum {
                    limit,
                    set,
                    minimum,
                    ..
                },
            ] => {
                assert_eq!(**limit, MIN_RETENTION);
                assert_eq!((*set, *minimum), (dec!(30000), dec!(60000)));
            }
            other => panic!("expected one minimum violation, found {other:?}"),
        }
        // 60 s and 14 d themselves are allowed.
        for retention in [Duration::from_secs(60), Duration::from_hours(14 * 24)] {
            input.retention = retention;
            let result = input.evaluate(&ctx(dec!(730))).unwrap();
            assert!(result.violations.is_empty(), "{:?}", result.violations);
        }
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^12 messages/s of 1 PB: 2^34 chunks of 64 KB a send and a receive,
        // about 3.4 × 10^22 requests/s, too many for a month in exact decimals.
        for queue_type in [QueueType::Standard, QueueType::Fifo] {
            let input = queue(queue_type, dec!(1_000_000_000_000), Bytes(PIB));
            assert_eq!(
                input.evaluate(&ctx(dec!(730))).unwrap_err(),
                EvalError::Arithmetic,
                "{queue_type:?}"
            );
        }
        // A thousand such messages a second still fit: about 9 × 10^13 million requests.
        let input = queue(QueueType::Standard, dec!(1000), Bytes(PIB));
        assert!(input.evaluate(&ctx(dec!(730))).is_ok());
    }
}
