//! On-demand Advantage: an account-level setting for all the on-demand
//! streams of a Region (Kinesis developer guide, "Choose the right mode to
//! stream in"). No stream-hours; data in, data out and extended retention
//! at their own rates; enhanced fan-out reads billed as ordinary data out.
//! Enabling it "commits the account to at least 25MiB/s of data ingest
//! and 25MiB/s of data retrieval across all on-demand streams": usage below
//! that is billed as a shortfall, at the same rates.

use super::{
    ADVANTAGE_DATA_IN_GB, ADVANTAGE_DATA_OUT_GB, ADVANTAGE_EXTENDED_RETENTION_GB_MONTH,
    ADVANTAGE_MIN_INGEST, ADVANTAGE_MIN_RETRIEVAL, CONSUMERS, EFO_CONSUMERS_KEY, Input,
    metered_bytes,
};
use crate::base::number::Number;
use crate::model::dimension::{Dimension, Limit};
use crate::model::report::ComponentResult;
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::charge_into;
use crate::services::kit::{Ctx, EvalError, given};

impl Input {
    pub(super) fn on_demand_advantage<N: Number>(
        &self,
        ctx: &Ctx<N>,
        peak_write_bytes: Traced<N>,
        write_bytes: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        self.on_demand_ceiling(ctx, peak_write_bytes, result)?;
        result.note(
            "advantage_commitment",
            "On-demand Advantage is the account's setting for all its on-demand streams in the Region, and so is its minimum of data in and out: this stream is counted alone against it, so other on-demand streams may meet the shortfall billed here; once enabled, it stays at least 24 hours",
        );
        // AWS's guide says nothing of how Advantage meters a record; it is
        // metered as On-demand Standard meters it, each record rounded up
        // to 1 KB.
        let gb_in = ctx.monthly_traced(metered_bytes(ctx)?, given::gib())?;
        traced::step("metered_ingest_gb", Part::Capacity, "GB", gb_in);
        // Each consumer reads every record; enhanced fan-out has no premium.
        let readers = given::key(self.consumers, "", &CONSUMERS).plus(given::key(
            self.efo_consumers,
            "",
            &EFO_CONSUMERS_KEY,
        ))?;
        let gb_out = gb_in.times(readers)?;
        traced::step("metered_retrieval_gb", Part::Capacity, "GB", gb_out);
        for (metered, minimum, dimension, shortfall) in [
            (
                gb_in,
                &ADVANTAGE_MIN_INGEST,
                &ADVANTAGE_DATA_IN_GB,
                "ingest_shortfall_gb",
            ),
            (
                gb_out,
                &ADVANTAGE_MIN_RETRIEVAL,
                &ADVANTAGE_DATA_OUT_GB,
                "retrieval_shortfall_gb",
            ),
        ] {
            at_least(ctx, metered, minimum, dimension, shortfall, result)?;
        }
        self.retention_past_a_day(
            ctx,
            write_bytes,
            &ADVANTAGE_EXTENDED_RETENTION_GB_MONTH,
            result,
        )
    }
}

/// Bills `metered` GB of `dimension`, or the month's `minimum` if that is
/// more: the difference is the shortfall, reported as `shortfall`.
fn at_least<N: Number>(
    ctx: &Ctx<N>,
    metered: Traced<N>,
    minimum: &'static Limit,
    dimension: &'static Dimension,
    shortfall: &'static str,
    result: &mut ComponentResult<N>,
) -> Result<(), EvalError> {
    let committed = ctx.monthly_traced(ctx.limit_traced(minimum, "B/s")?, given::gib())?;
    let billed = metered.max(committed);
    result.capacity_of(shortfall, billed.minus(metered)?, "GB");
    charge_into(&mut result.line_items, ctx, dimension, billed)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    use super::super::{CapacityMode, Resharding};
    use super::*;
    use crate::base::diagnostic::Source;
    use crate::base::units::{Bytes, Duration};
    use crate::model::report::CapacityValue;
    use crate::pricing::PriceBook;
    use crate::services::kit::Component;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, steady};

    /// A price book over the bundled table with On-demand Advantage's three
    /// prices. These are the test's own figures, not AWS's: AWS publishes
    /// none that a source labels as Advantage's.
    fn book() -> PriceBook {
        let text = r#"name = "test"
extends = "aws-us-east-1"

[prices.kinesis_data_streams.on_demand_advantage_data_in_gb]
price = 0.032
unit = "GB"
source = "a test price"
as_of = "2026-12-07"
evidence = "unverified"

[prices.kinesis_data_streams.on_demand_advantage_data_out_gb]
price = 0.016
unit = "GB"
source = "a test price"
as_of = "2026-12-07"
evidence = "unverified"

[prices.kinesis_data_streams.on_demand_advantage_extended_retention_gb_month]
price = 0.04
unit = "GB-month"
source = "a test price"
as_of = "2026-12-07"
evidence = "unverified"
"#;
        crate::pricing::parse(
            &Source::new("test.toml", text),
            crate::services::vocabulary(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// `records` a second of `size`, read by `consumers` shared and `efo`
    /// enhanced fan-out consumers, for a 730-hour month at the book's prices.
    fn advantage(
        records: Decimal,
        size: Bytes,
        (consumers, efo): (u32, u32),
    ) -> Result<ComponentResult, EvalError> {
        let book = book();
        let ctx = Ctx {
            prices: &book,
            ..ctx(dec!(730))
        };
        stream(consumers, efo, 24, records, size).evaluate(&ctx)
    }

    /// A stream under On-demand Advantage kept `retention_hours`, fed
    /// `records` a second of `size`.
    fn stream(
        consumers: u32,
        efo_consumers: u32,
        retention_hours: u64,
        records: Decimal,
        size: Bytes,
    ) -> Fed<Input> {
        let input = Input {
            mode: CapacityMode::OnDemandAdvantage,
            consumers,
            efo_consumers,
            retention: Duration::from_hours(retention_hours),
            max_record_size: Bytes::mib(1),
            resharding: Resharding::None,
        };
        Fed::new(input, steady(records, size), Input::evaluate_into)
    }

    fn shortfall(result: &ComponentResult, key: &str) -> CapacityValue {
        result.capacity.iter().find(|c| c.key == key).unwrap().value
    }

    /// 25 MiB/s for 730 h: 25 × 2,628,000 s ÷ 1,024 MiB a GB.
    const COMMITTED_GB: Decimal = dec!(64160.15625);

    #[test]
    fn a_stream_below_the_commitment_is_billed_the_commitment() {
        // 10 MiB/s of 4 KiB records: 2,560 records/s, whole KB each, so
        // metered as written: 10 × 2,628,000 ÷ 1,024 = 25,664.0625 GB in,
        // and as much out to the one shared consumer. Both are below the
        // 25 MiB/s minimum, 64,160.15625 GB a month: the shortfall is
        // 64,160.15625 - 25,664.0625 = 38,496.09375 GB each way.
        // In: 64,160.15625 × $0.032 = $2,053.125; out: × $0.016 = $1,026.5625.
        let result = advantage(dec!(2560), Bytes::kib(4), (1, 0)).unwrap();
        let data_in = item(&result, "on_demand_advantage_data_in_gb");
        assert_eq!(data_in.quantity, COMMITTED_GB);
        assert_eq!(data_in.monthly_cost, dec!(2053.125));
        let data_out = item(&result, "on_demand_advantage_data_out_gb");
        assert_eq!(data_out.quantity, COMMITTED_GB);
        assert_eq!(data_out.monthly_cost, dec!(1026.5625));
        for key in ["ingest_shortfall_gb", "retrieval_shortfall_gb"] {
            assert_eq!(
                shortfall(&result, key),
                CapacityValue::Number(dec!(38496.09375))
            );
        }
        // No stream-hours: the two lines are the bill, $3,079.6875.
        assert_eq!(result.line_items.len(), 2, "{:?}", result.line_items);
        assert!(
            result
                .notes
                .iter()
                .any(|n| n.code == "advantage_commitment")
        );
    }

    #[test]
    fn a_stream_above_the_commitment_is_billed_its_own_volume() {
        // 40 MiB/s of 4 KiB records (10,240 records/s): 40 × 2,628,000 ÷
        // 1,024 = 102,656.25 GB in, × $0.032 = $3,285; read by one shared
        // and one enhanced fan-out consumer, 205,312.5 GB out, × $0.016 =
        // $3,285. No shortfall.
        let result = advantage(dec!(10240), Bytes::kib(4), (1, 1)).unwrap();
        let data_in = item(&result, "on_demand_advantage_data_in_gb");
        assert_eq!(data_in.quantity, dec!(102656.25));
        assert_eq!(data_in.monthly_cost, dec!(3285));
        let data_out = item(&result, "on_demand_advantage_data_out_gb");
        assert_eq!(data_out.quantity, dec!(205312.5));
        assert_eq!(data_out.monthly_cost, dec!(3285));
        for key in ["ingest_shortfall_gb", "retrieval_shortfall_gb"] {
            assert_eq!(shortfall(&result, key), CapacityValue::Number(dec!(0)));
        }
    }

    #[test]
    fn enhanced_fan_out_is_billed_as_data_out() {
        // 10 MiB/s to three enhanced fan-out consumers and no shared one:
        // 3 × 25,664.0625 = 76,992.1875 GB out, over the minimum, ×
        // $0.016 = $1,231.875, with no enhanced fan-out line of its own.
        // Data in is still the minimum.
        let result = advantage(dec!(2560), Bytes::kib(4), (0, 3)).unwrap();
        let data_out = item(&result, "on_demand_advantage_data_out_gb");
        assert_eq!(data_out.quantity, dec!(76992.1875));
        assert_eq!(data_out.monthly_cost, dec!(1231.875));
        assert_eq!(
            item(&result, "on_demand_advantage_data_in_gb").quantity,
            COMMITTED_GB
        );
        assert_eq!(result.line_items.len(), 2, "{:?}", result.line_items);
    }

    #[test]
    fn each_record_is_metered_in_whole_kb() {
        // 8,192 records/s of 4.5 KiB are 36 MiB/s written, metered as 5 KiB
        // each: 40 MiB/s, 102,656.25 GB a month.
        let result = advantage(dec!(8192), Bytes(4608), (1, 0)).unwrap();
        assert_eq!(
            item(&result, "on_demand_advantage_data_in_gb").quantity,
            dec!(102656.25)
        );
    }

    #[test]
    fn retention_past_a_day_is_billed_at_its_own_rate() {
        // 3 days of 10 MiB/s: the 48 h past the first day, 10 MiB × 172,800 s
        // ÷ 1,024 = 1,687.5 GB-months × $0.04 = $67.50.
        let book = book();
        let ctx = Ctx {
            prices: &book,
            ..ctx(dec!(730))
        };
        let retention = stream(1, 0, 72, dec!(2560), Bytes::kib(4))
            .evaluate(&ctx)
            .unwrap();
        let line = item(
            &retention,
            "on_demand_advantage_extended_retention_gb_month",
        );
        assert_eq!(line.quantity, dec!(1687.5));
        assert_eq!(line.monthly_cost, dec!(67.50));
        // Past seven days, the long-term line of every mode.
        let result = stream(1, 0, 240, dec!(2560), Bytes::kib(4))
            .evaluate(&ctx)
            .unwrap();
        item(&result, "long_term_retention_gb_month");
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let book = book();
        // (shared, enhanced fan-out consumers, retention in hours,
        // records/s, record size)
        let cases = [
            // Below the commitment both ways: the shortfall is billed.
            (1, 0, 24, dec!(2560), Bytes::kib(4)),
            // Non-round, metered in whole KB: in below, out above it.
            (2, 1, 72, dec!(1234.567), Bytes(4608)),
            // Above it both ways, kept past seven days.
            (1, 1, 240, dec!(10240.5), Bytes::kib(4)),
            // 51 enhanced fan-out consumers are one past the limit.
            (0, 51, 24, dec!(777.7), Bytes(100)),
        ];
        for (consumers, efo, retention, records, size) in cases {
            let fed = stream(consumers, efo, retention, records, size);
            let ctx = Ctx {
                prices: &book,
                ..ctx(dec!(730))
            };
            floats_agree(&fed.input, fed.flow, &ctx);
        }
    }

    #[test]
    fn fifty_enhanced_fan_out_consumers_fit_a_stream() {
        // AWS allows 50 under On-demand Advantage, 20 otherwise.
        let result = advantage(dec!(2560), Bytes::kib(4), (0, 50)).unwrap();
        assert!(result.violations.is_empty(), "{:?}", result.violations);
        let result = advantage(dec!(2560), Bytes::kib(4), (0, 51)).unwrap();
        assert_eq!(result.violations.len(), 1, "{:?}", result.violations);
    }

    #[test]
    fn the_bundled_table_prices_none_of_it() {
        assert_eq!(
            stream(1, 0, 24, dec!(2560), Bytes::kib(4)).evaluate(&ctx(dec!(730))),
            Err(EvalError::MissingPrice(&ADVANTAGE_DATA_IN_GB))
        );
    }
}
