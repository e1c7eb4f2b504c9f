//! AWS data transfer: out to the internet (tiered, with the account's free
//! 100 GB), between Availability Zones, and to other Regions. A component
//! states its volumes a month, or counts the flow it follows as one kind.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::Bytes;
use crate::model::choice::{Choice, choice};
use crate::model::dimension::Dimension;
use crate::model::flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Value, Values};
use crate::model::offer::Offer;
use crate::model::report::{ComponentResult, Properties};
use crate::model::traced::Traced;
use crate::services::kit::bill::{charge_into, charge_type_into};
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "data_transfer",
    title: "Data transfer",
    aliases: &["data_transfer_out"],
    dimensions: &[&INTERNET_OUT_GB, &INTER_AZ_GB, &INTER_REGION_GB],
    limits: &[],
    catalogue: None,
    offer: Some(&Offer {
        code: "AWSDataTransfer",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &KIND,
        &COPIES,
        &INTERNET_OUT,
        &INTER_AZ,
        &INTER_REGION,
        &TO_REGION,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static KIND: Key = Key::new(
    "kind",
    Kind::Choice(Transfer::NAMES),
    Default::None,
    "what the flow it follows is: `internet_out`, `inter_az` or `inter_region`",
)
.defaulting_to("the flow not counted");
static COPIES: Key = Key::new(
    "copies",
    Kind::Count {
        min: 1,
        max: 1_000,
    },
    Default::None,
    "copies of the flow that make the transfer `kind` names (2 for the followers of a 3-way replicated log)",
)
.defaulting_to("1");
static INTERNET_OUT: Key = Key::new(
    "internet_out",
    Kind::Size,
    Default::None,
    "bytes a month out to the internet",
)
.defaulting_to("none");
static INTER_AZ: Key = Key::new(
    "inter_az",
    Kind::Size,
    Default::None,
    "bytes a month that cross from one Availability Zone to another (billed out of one and into the other)",
)
.defaulting_to("none");
static INTER_REGION: Key = Key::new(
    "inter_region",
    Kind::Size,
    Default::None,
    "bytes a month out to another Region",
)
.defaulting_to("none");

static TO_REGION: Key = Key::new(
    "to_region",
    Kind::Choice(REGIONS),
    Default::None,
    "the Region the inter-Region bytes go to, e.g. `us-east-2`: billed at the rate the table gives for that pair of Regions, else at its rate to any other Region",
)
.defaulting_to("another Region, at the general rate");

/// AWS's commercial and GovCloud Regions, by code: the destinations a
/// scenario may name.
const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

pub const DOC: Doc = Doc {
    bills: "GB out to the internet (tiered over the account's month: 10 TB, 40 TB, 100 TB, beyond; the first 100 GB free with `free_tier`), between Availability Zones (each GB that crosses billed out of one and into the other, $0.01 each way) and to another Region. Give volumes a month (`internet_out = \"2 TB\"`, `inter_az`, `inter_region`, and `to_region` for where it goes: AWS charges less between some Regions, us-east-1 to us-east-2 $0.01 a GB), or follow a component and count its flow as one `kind`: records/s × record size × the month, × `copies` (`{ service = \"data_transfer\", kind = \"inter_az\", copies = 2 }` after the brokers of a log replicated three ways; after an S3 bucket, `kind = \"internet_out\", record_size = \"1 MB\"` counts each object stored downloaded once, since a bucket passes on its 1 KB notifications)",
    reports: "GB a month of each kind",
    summary: "bytes moved out to the internet, across Availability Zones or to another Region",
    ordering: "none",
    retention: "none",
    replay: "no",
    latency: "none added",
    scaling: "none: billed per GB",
    formulas: &[
        "GB a month = the volume given, or with `kind` the flow's records/s x record size x the month's seconds x `copies`",
        "internet: tiered per GB over the account's month (10 TB, 40 TB, 100 TB, beyond); the first 100 GB free with `free_tier`",
        "between AZs: each GB that crosses is billed twice, out of one AZ and into the other",
        "to another Region: per GB, billed by the sending Region; to `to_region` at the table's rate for that pair when it has one",
    ],
};

/// Out to the internet, tiered over the account's month.
pub const INTERNET_OUT_GB: Dimension = Dimension::new("data_transfer.internet_out_gb", "GB");
/// Between AZs of one Region, per GB in each direction.
pub const INTER_AZ_GB: Dimension = Dimension::new("data_transfer.inter_az_gb", "GB");
/// Out to another Region: one price for most destinations, and a lower one
/// to some (`[prices.data_transfer.inter_region_gb.to."us-east-2"]`).
pub const INTER_REGION_GB: Dimension =
    Dimension::new("data_transfer.inter_region_gb", "GB").priced_by_destination();

choice! {
    /// Where bytes go, which sets their price.
    pub enum Transfer {
        InternetOut = "internet_out",
        InterAz = "inter_az",
        InterRegion = "inter_region",
    }
}

impl Transfer {
    fn key(self) -> &'static Key {
        match self {
            Self::InternetOut => &INTERNET_OUT,
            Self::InterAz => &INTER_AZ,
            Self::InterRegion => &INTER_REGION,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The kind the flow counts as, and how many copies of it, if any.
    pub flow: Option<(Transfer, u32)>,
    pub internet_out: Option<Bytes>,
    pub inter_az: Option<Bytes>,
    pub inter_region: Option<Bytes>,
    /// The Region the inter-Region bytes go to, if the scenario names it.
    pub to_region: Option<&'static str>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let kind = values.choice::<Transfer>(&KIND);
    let copies = values.count(&COPIES);
    if let (None, Some(_)) = (kind, copies) {
        return Err(
            Invalid::new(&COPIES, "`copies` counts the flow, which only `kind` reads")
                .with_help("set `kind` to the transfer the flow makes, e.g. `kind = \"inter_az\"`"),
        );
    }
    if let Some(kind) = kind
        && values.is_set(kind.key())
    {
        let name = kind.key().name;
        return Err(Invalid::new(
            kind.key(),
            format!("`{name}` and `kind = \"{name}\"` count the same transfer twice"),
        )
        .with_help(format!(
            "keep `kind` to count the flow, or `{name}` for a volume of its own; a second component can add the other"
        )));
    }
    let input = Input {
        flow: kind.map(|kind| (kind, copies.unwrap_or(1))),
        internet_out: values.bytes(&INTERNET_OUT),
        inter_az: values.bytes(&INTER_AZ),
        inter_region: values.bytes(&INTER_REGION),
        to_region: match values.get(&TO_REGION) {
            Value::Choice(i) => REGIONS.get(usize::from(*i)).copied(),
            _ => None,
        },
    };
    let to_another_region =
        input.inter_region.is_some() || matches!(input.flow, Some((Transfer::InterRegion, _)));
    if input.to_region.is_some() && !to_another_region {
        return Err(Invalid::new(
            &TO_REGION,
            "`to_region` names where inter-Region bytes go, and this component sends none",
        )
        .with_help("set `inter_region`, or `kind = \"inter_region\"` for the flow"));
    }
    if input.flow.is_none()
        && input.internet_out.is_none()
        && input.inter_az.is_none()
        && input.inter_region.is_none()
    {
        return Err(Invalid::component(
            "`data_transfer` needs `internet_out`, `inter_az` or `inter_region`, or a `kind` for the flow",
        )
        .with_help("e.g. `internet_out = \"2 TB\"`, or `kind = \"internet_out\"` after the component whose output leaves AWS"));
    }
    Ok(input)
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
        result.reset(SERVICE.name, self.flow.map(|(kind, _)| kind.as_str()));
        let flow_gb = match self.flow {
            Some((_, copies)) => {
                let bytes_per_second = ctx.average()?.times(ctx.size()?)?;
                let copies = given::key(copies, "copies", &COPIES);
                Some(
                    ctx.monthly_traced(bytes_per_second, given::gib())?
                        .times(copies)?,
                )
            }
            None => None,
        };
        let kinds = [
            (
                Transfer::InternetOut,
                self.internet_out.map(|b| (b, &INTERNET_OUT)),
                &INTERNET_OUT_GB,
                "internet_out_gb",
            ),
            (
                Transfer::InterAz,
                self.inter_az.map(|b| (b, &INTER_AZ)),
                &INTER_AZ_GB,
                "inter_az_gb",
            ),
            (
                Transfer::InterRegion,
                self.inter_region.map(|b| (b, &INTER_REGION)),
                &INTER_REGION_GB,
                "inter_region_gb",
            ),
        ];
        for (kind, own, dimension, capacity) in kinds {
            let from_flow = self.flow.filter(|(k, _)| *k == kind).and(flow_gb);
            let gb = match (own, from_flow) {
                (Some((bytes, key)), _) => given::size(bytes, key).per(given::gib())?,
                (None, Some(gb)) => gb,
                (None, None) => continue,
            };
            result.capacity_of(capacity, gb, "GB");
            // AWS bills a byte that crosses AZs as it leaves one and again
            // as it enters the other: $0.01 a GB each way.
            let billed = match kind {
                Transfer::InterAz => {
                    let both_ways = Traced::rule(
                        Decimal::TWO,
                        "",
                        "billed as it leaves one AZ and as it enters the other",
                    );
                    gb.times(both_ways)?
                }
                Transfer::InternetOut | Transfer::InterRegion => gb,
            };
            // To a Region the table prices apart (us-east-1 to us-east-2),
            // at that pair's rate; to any other, at the general one.
            let pair = match kind {
                Transfer::InterRegion => self
                    .to_region
                    .filter(|to| ctx.prices.instance(dimension.catalogue(), to).is_some()),
                Transfer::InternetOut | Transfer::InterAz => None,
            };
            let items = &mut result.line_items;
            match pair {
                Some(to) => charge_type_into(items, ctx, dimension, to, billed)?,
                None => charge_into(items, ctx, dimension, billed)?,
            }
        }
        // A link, not a store: it keeps nothing, adds no latency calc
        // knows, and passes on what it carries.
        result.properties = Properties::default();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::GIB;
    use crate::base::units::TIB;
    use crate::model::keys::Value;
    use crate::model::report::CapacityValue;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    fn volumes(internet_out: Option<Bytes>, inter_az: Option<Bytes>) -> Input {
        Input {
            flow: None,
            internet_out,
            inter_az,
            inter_region: None,
            to_region: None,
        }
    }

    fn alone(input: Input) -> Fed<Input> {
        Fed::new(input, flow::Flow::NOTHING, Input::evaluate_into)
    }

    #[test]
    fn twenty_terabytes_out_climb_two_tiers() {
        // 20 TB = 20,480 GB: 10,240 × $0.09 = $921.60 and 10,240 × $0.085
        // = $870.40, $1,792.00 without the free tier.
        let input = alone(volumes(Some(Bytes(20 * TIB)), None));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let out = item(&result, "internet_out_gb");
        assert_eq!(
            (out.quantity, out.monthly_cost),
            (dec!(20480), dec!(1792.00))
        );
        // With it, the first 100 GB are free and count toward the first
        // tier: (10,240 − 100) × $0.09 = $912.60, + $870.40 = $1,783.00.
        let free = Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        let result = input.evaluate(&free).unwrap();
        let out = item(&result, "internet_out_gb");
        assert_eq!(
            (out.free_quantity, out.monthly_cost),
            (dec!(100), dec!(1783.00))
        );
    }

    #[test]
    fn every_internet_tier() {
        // 200 TB = 204,800 GB: 10,240 × 0.09 = 921.60; 40,960 × 0.085 =
        // 3,481.60; 102,400 × 0.07 = 7,168.00; 51,200 × 0.05 = 2,560.00.
        // $14,131.20 (Infracost's us-east-1 figures for the first three).
        let result = alone(volumes(Some(Bytes(200 * TIB)), None))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let out = item(&result, "internet_out_gb");
        assert_eq!(out.monthly_cost, dec!(14131.20));
        assert_eq!(out.tiers.len(), 4);
    }

    #[test]
    fn a_gigabyte_across_zones_is_billed_both_ways() {
        // 1,000 GB across AZs: 2,000 GB × $0.01 = $20.00 (Infracost's
        // us-east-1 figure for 1,000 GB of intra-region transfer).
        let result = alone(volumes(None, Some(Bytes(1000 * GIB))))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let az = item(&result, "inter_az_gb");
        assert_eq!((az.quantity, az.monthly_cost), (dec!(2000), dec!(20.00)));
        assert_eq!(result.capacity[0].value, CapacityValue::Number(dec!(1000)));
    }

    #[test]
    fn another_region() {
        // 750 GB × $0.02 = $15.00.
        let mut input = volumes(None, None);
        input.inter_region = Some(Bytes(750 * GIB));
        let result = alone(input).evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "inter_region_gb").monthly_cost, dec!(15.00));
    }

    #[test]
    fn a_terabyte_to_a_region_priced_apart_is_billed_at_its_pair_rate() {
        // 1 TB = 1,024 GB. us-east-1 to us-east-2 is priced apart at $0.01
        // a GB: 1,024 x $0.01 = $10.24; to eu-west-1, which the table does
        // not price apart, at the general $0.02: 1,024 x $0.02 = $20.48.
        let to = |region: &'static str| {
            let mut input = volumes(None, None);
            input.inter_region = Some(Bytes(TIB));
            input.to_region = Some(region);
            let result = alone(input).evaluate(&ctx(dec!(730))).unwrap();
            let item = item(&result, "inter_region_gb").clone();
            (item.quantity, item.unit_price, item.monthly_cost, item.row)
        };
        assert_eq!(
            to("us-east-2"),
            (dec!(1024), dec!(0.01), dec!(10.24), Some("us-east-2"))
        );
        assert_eq!(to("eu-west-1"), (dec!(1024), dec!(0.02), dec!(20.48), None));
    }

    #[test]
    fn a_destination_needs_bytes_that_go_to_another_region() {
        let us_east_2 = Value::Choice(
            u8::try_from(REGIONS.iter().position(|r| *r == "us-east-2").unwrap()).unwrap(),
        );
        let error = built(&[
            (&INTERNET_OUT, Value::Bytes(Bytes(TIB))),
            (&TO_REGION, us_east_2.clone()),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &TO_REGION));
        let input = built(&[
            (&INTER_REGION, Value::Bytes(Bytes(TIB))),
            (&TO_REGION, us_east_2),
        ])
        .unwrap();
        assert_eq!(input.to_region, Some("us-east-2"));
    }

    #[test]
    fn the_destinations_are_the_regions_aws_bills_by_code() {
        let billed: Vec<&str> = crate::pricing::import::BILLING_CODES
            .iter()
            .map(|(region, _)| *region)
            .collect();
        assert_eq!(REGIONS, billed.as_slice());
    }

    #[test]
    fn the_flow_counted_as_copies_across_zones() {
        // 10,240 records/s of 1 KB are 10 MB/s; × 2,628,000 s (730 h) =
        // 26,280,000 MB = 25,664.0625 GB; two copies 51,328.125 GB cross,
        // billed 102,656.25 GB × $0.01 = $1,026.5625.
        let input = Input {
            flow: Some((Transfer::InterAz, 2)),
            ..volumes(None, None)
        };
        let fed = Fed::new(
            input,
            steady(dec!(10240), Bytes::kib(1)),
            Input::evaluate_into,
        );
        let result = fed.evaluate(&ctx(dec!(730))).unwrap();
        let az = item(&result, "inter_az_gb");
        assert_eq!(az.quantity, dec!(102656.25));
        assert_eq!(az.monthly_cost, dec!(1026.5625));
        assert_eq!(result.mode, Some("inter_az"));
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let kind = |kind, copies| Input {
            flow: Some((kind, copies)),
            ..volumes(None, None)
        };
        let to = |region| Input {
            inter_region: Some(Bytes(123_456_789_012_345)),
            to_region: Some(region),
            ..volumes(None, None)
        };
        let record = steady(dec!(1234.567), Bytes(1_000_003));
        let cases = [
            // Volumes: two internet tiers, every tier, across AZs.
            (volumes(Some(Bytes(20 * TIB)), None), flow::Flow::NOTHING),
            (
                volumes(Some(Bytes(200 * TIB + 12_345)), Some(Bytes(1000 * GIB))),
                flow::Flow::NOTHING,
            ),
            // To a Region priced apart, and to one at the general rate.
            (to("us-east-2"), flow::Flow::NOTHING),
            (to("eu-west-1"), flow::Flow::NOTHING),
            // The flow it follows, counted as each kind, a kind beside a
            // volume of another.
            (
                kind(Transfer::InterAz, 2),
                steady(dec!(10240), Bytes::kib(1)),
            ),
            (kind(Transfer::InternetOut, 1), record),
            (kind(Transfer::InterRegion, 3), record),
            (
                Input {
                    internet_out: Some(Bytes(77 * GIB)),
                    ..kind(Transfer::InterAz, 1000)
                },
                record,
            ),
            // A kind without a flow: the same error.
            (kind(Transfer::InternetOut, 1), flow::Flow::NOTHING),
        ];
        for (input, flow) in cases {
            for free_tier in [false, true] {
                let ctx = Ctx {
                    free_tier,
                    ..ctx(dec!(730))
                };
                floats_agree(&input, flow, &ctx);
            }
        }
    }

    #[test]
    fn a_kind_without_a_flow_needs_one() {
        let input = Input {
            flow: Some((Transfer::InternetOut, 1)),
            ..volumes(None, None)
        };
        assert_eq!(
            alone(input).evaluate(&ctx(dec!(730))).unwrap_err(),
            EvalError::MissingRate
        );
    }

    #[test]
    fn the_keys_need_and_exclude_each_other() {
        let error = built(&[]).unwrap_err();
        assert!(error.key.is_none());
        let error = built(&[(&COPIES, Value::Count(2))]).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &COPIES));
        let error = built(&[
            (&KIND, Value::Choice(0)),
            (&INTERNET_OUT, Value::Bytes(Bytes(TIB))),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &INTERNET_OUT));
        // A kind and another kind's volume add up in one component.
        let input = built(&[
            (&KIND, Value::Choice(1)),
            (&INTERNET_OUT, Value::Bytes(Bytes(TIB))),
        ])
        .unwrap();
        assert_eq!(input.flow, Some((Transfer::InterAz, 1)));
        assert_eq!(input.internet_out, Some(Bytes(TIB)));
    }
}
