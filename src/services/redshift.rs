//! Amazon Redshift: a provisioned cluster billed per node-hour (with its
//! managed storage, Spectrum scans and concurrency scaling), or Redshift
//! Serverless billed per RPU-hour.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, MIB};
use crate::model::choice::choice;
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::Flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{CapacityValue, ComponentResult, Properties};
use crate::model::schedule::Schedule;
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::athena;
use crate::services::kit::bill::{charge_into, charge_type_into};
use crate::services::kit::commitment::Purchase;
use crate::services::kit::given;
use crate::services::kit::schedule::{self, SCHEDULE_DAYS, SCHEDULE_HOURS};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

mod reserved;

pub const SERVICE: ServiceDef = ServiceDef {
    name: "redshift",
    title: "Redshift",
    aliases: &["redshift_serverless", "redshift_spectrum"],
    dimensions: &[
        &NODE_HOUR,
        &MANAGED_STORAGE,
        &SPECTRUM_SCANNED,
        &RPU_HOUR,
        &BACKUP_STORAGE,
    ],
    limits: &[
        &MIN_NODES_RA3_XLPLUS,
        &MAX_NODES_RA3_XLPLUS,
        &MIN_NODES_RA3_4XLARGE,
        &MAX_NODES_RA3_4XLARGE,
        &MIN_NODES_RA3_16XLARGE,
        &MAX_NODES_RA3_16XLARGE,
        &MIN_NODES_DC2_LARGE,
        &MAX_NODES_DC2_LARGE,
        &MIN_NODES_DC2_8XLARGE,
        &MAX_NODES_DC2_8XLARGE,
        &SINGLE_NODE_STORAGE_RA3_XLPLUS,
        &CONCURRENCY_SCALING_FREE_PER_DAY,
        &MIN_BILLED_RPU_DURATION,
        &SMALLEST_RPU_DATA,
        &DATA_NEEDING_MORE_RPU,
        &RPU_FOR_LARGE_DATA,
        &LATENCY,
    ],
    catalogue: Some(&NODE_HOUR),
    offer: Some(&Offer {
        code: "AmazonRedshift",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &DEPLOYMENT,
        &NODE_TYPE,
        &NODES,
        &DATA_SIZE,
        &HOURS_RUNNING,
        &SCHEDULE_HOURS,
        &SCHEDULE_DAYS,
        &CONCURRENCY_SCALING_HOURS_PER_DAY,
        &CONCURRENCY_SCALING_ACTIVATIONS_PER_DAY,
        &SPECTRUM_QUERIES_PER_MONTH,
        &SPECTRUM_SCAN_PER_QUERY,
        &BASE_RPU,
        &ACTIVE_HOURS_PER_DAY,
        &ACTIVE_HOURS_PER_MONTH,
        &MANUAL_SNAPSHOTS,
        &reserved::PURCHASE,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    transforms: false,
};

static DEPLOYMENT: Key = Key::new(
    "deployment",
    Kind::Choice(Deployment::NAMES),
    Default::Text("provisioned"),
    "`provisioned` (a cluster of `nodes` of `node_type`) or `serverless` (RPU-hours)",
);
static NODE_TYPE: Key = Key::new(
    "node_type",
    Kind::Instance("redshift"),
    Default::None,
    "provisioned: a node type the pricing table prices (`calc pricing show TABLE redshift`)",
)
.defaulting_to("required with `provisioned`");
static NODES: Key = Key::new(
    "nodes",
    Kind::Count { min: 0, max: 1_000 },
    Default::None,
    "provisioned: compute nodes in the cluster (the leader node is not billed)",
)
.defaulting_to("required with `provisioned`");
static DATA_SIZE: Key = Key::new(
    "data_size",
    Kind::Size,
    Default::None,
    "data the warehouse keeps: managed storage (RA3, Serverless), checked against what the nodes hold",
)
.defaulting_to("none");
static HOURS_RUNNING: Key = Key::new(
    "hours_running",
    Kind::Duration,
    Default::None,
    "provisioned: time the cluster runs in the month (paused the rest)",
)
.defaulting_to("the whole month")
.in_unit("h");
static CONCURRENCY_SCALING_HOURS_PER_DAY: Key = Key::new(
    "concurrency_scaling_hours_per_day",
    Kind::Duration,
    Default::None,
    "provisioned: time a day concurrency-scaling clusters run, all of them together",
)
.defaulting_to("none")
.in_unit("h");
static CONCURRENCY_SCALING_ACTIVATIONS_PER_DAY: Key = Key::new(
    "concurrency_scaling_activations_per_day",
    Kind::Number,
    Default::None,
    "provisioned: how many times a day a concurrency-scaling cluster starts; each is billed at least 1 minute",
)
.defaulting_to("the time a day as stated, with no minimum");
static SPECTRUM_QUERIES_PER_MONTH: Key = Key::new(
    "spectrum_queries_per_month",
    Kind::Number,
    Default::None,
    "provisioned: Spectrum queries a month over data in S3, with `spectrum_scan_per_query`",
)
.defaulting_to("none");
static SPECTRUM_SCAN_PER_QUERY: Key = Key::new(
    "spectrum_scan_per_query",
    Kind::Size,
    Default::None,
    "provisioned: the S3 data a Spectrum query scans",
)
.defaulting_to("none");
static BASE_RPU: Key = Key::new(
    "base_rpu",
    Kind::Count { min: 0, max: 1_024 },
    Default::None,
    "serverless: base capacity in RPUs: 4, 8 to 512 in steps of 8, or 512 to 1,024 in steps of 32",
)
.defaulting_to("128, as AWS does");
static ACTIVE_HOURS_PER_DAY: Key = Key::new(
    "active_hours_per_day",
    Kind::Duration,
    Default::None,
    "serverless: time a day queries run, as one active period",
)
.defaulting_to("required with `serverless` (or `active_hours_per_month`)")
.in_unit("h");
static ACTIVE_HOURS_PER_MONTH: Key = Key::new(
    "active_hours_per_month",
    Kind::Duration,
    Default::None,
    "serverless: time a month queries run, as one active period",
)
.defaulting_to("`active_hours_per_day` instead")
.in_unit("h");

static MANUAL_SNAPSHOTS: Key = Key::new(
    "manual_snapshots",
    Kind::Size,
    Default::None,
    "data kept in manual snapshots (their unique blocks); automated snapshots are free",
)
.defaulting_to("none");

pub const LATENCY: Limit = Limit::new("redshift.latency", LimitKind::Duration, "query latency");
pub const DOC: Doc = Doc {
    bills: "provisioned: node-hours of `node_type` (the table's `[instances.redshift]` row) × `nodes` × `hours_running` (the whole month unless set), or with `purchase = \"reserved_1y_no_upfront\"` (1y or 3y; no, partial or all upfront) reserved nodes: the upfront fee's share of the month (fee ÷ the term's months) and every hour at the reserved rate, from the row's `commitments`; managed storage GB-months of `data_size` on RA3 (DC2 keeps it on its nodes); concurrency scaling beyond the free hour a day, at the cluster's node rate, each of `concurrency_scaling_activations_per_day` starts billed at least 1 minute; Spectrum TB scanned, each query rounded up to the MB with a 10 MB minimum. Serverless: `base_rpu` (4, 8 to 512 by 8, 512 to 1,024 by 32) × the active time a day (or a month), at least 60 s a period, and managed storage; over 128 TB of `data_size` needs 32 RPU or more (4 RPU warns above 32 TB). `manual_snapshots` as backup storage, tiered (automated snapshots are free). A node count outside the type's range, or `data_size` beyond `nodes` × the type's `storage`, fails",
    reports: "nodes, node-hours, cluster storage; or RPU-hours",
    summary: "a data warehouse: a provisioned cluster billed per node-hour, or Serverless per RPU-hour",
    ordering: "none",
    retention: "the data it stores, until deleted",
    replay: "yes: stored tables can be queried again",
    latency: "seconds a query (calc takes the table's `latency`, 5 s)",
    scaling: "node type and count (provisioned); base RPUs (serverless)",
    formulas: &[
        "provisioned: node-hours = nodes x hours running (the whole month unless set), at the node type's rate",
        schedule::FORMULA,
        "managed storage (RA3 and serverless) GB-month = data_size in GB; DC2 stores it on its nodes at no charge",
        "capacity: data_size <= nodes x the type's storage a node (ra3.xlplus single-node: 4 TB)",
        "concurrency scaling node-hours = max(0, hours a day - 1 free hour) x days running (with `schedule`: hours a month x days a week / 168) x nodes, at the node rate",
        "spectrum TB = queries x each scan rounded up to the MB, at least 10 MB / 1,048,576",
        "serverless RPU-hours = base_rpu x active time a period (rounded up to the second, at least 60 s) x periods (a day each, or one a month)",
        "serverless: over 128 TB of data needs a base of at least 32 RPU; 4 RPU is meant for under 32 TB",
        "backup GB-month = `manual_snapshots` in GB, tiered; automated snapshots are free",
    ],
};

/// A node-hour of the cluster's type: its price is the type's row in the
/// table's catalogue (`[instances.redshift."ra3.4xlarge"]`).
pub const NODE_HOUR: Dimension = Dimension::new("redshift.node_hour", "node-hour");
pub const MANAGED_STORAGE: Dimension =
    Dimension::new("redshift.managed_storage_gb_month", "GB-month");
pub const SPECTRUM_SCANNED: Dimension = Dimension::new("redshift.spectrum_scanned_tb", "TB");
pub const RPU_HOUR: Dimension = Dimension::new("redshift.rpu_hour", "RPU-hour");
pub const BACKUP_STORAGE: Dimension =
    Dimension::new("redshift.backup_storage_gb_month", "GB-month");
/// Concurrency scaling bills node-hours at the main cluster's on-demand
/// rate, the type's row: a line of its own, priced by the catalogue (not in
/// `[prices]`, so not a dimension a scenario sets a price for).
pub const CONCURRENCY_SCALING: Dimension =
    Dimension::new("redshift.concurrency_scaling_node_hour", "node-hour");

pub const MIN_NODES_RA3_XLPLUS: Limit = Limit::new(
    "redshift.min_nodes_ra3_xlplus",
    LimitKind::Count,
    "ra3.xlplus nodes",
);
pub const MAX_NODES_RA3_XLPLUS: Limit = Limit::new(
    "redshift.max_nodes_ra3_xlplus",
    LimitKind::Count,
    "ra3.xlplus nodes",
);
pub const MIN_NODES_RA3_4XLARGE: Limit = Limit::new(
    "redshift.min_nodes_ra3_4xlarge",
    LimitKind::Count,
    "ra3.4xlarge nodes",
);
pub const MAX_NODES_RA3_4XLARGE: Limit = Limit::new(
    "redshift.max_nodes_ra3_4xlarge",
    LimitKind::Count,
    "ra3.4xlarge nodes",
);
pub const MIN_NODES_RA3_16XLARGE: Limit = Limit::new(
    "redshift.min_nodes_ra3_16xlarge",
    LimitKind::Count,
    "ra3.16xlarge nodes",
);
pub const MAX_NODES_RA3_16XLARGE: Limit = Limit::new(
    "redshift.max_nodes_ra3_16xlarge",
    LimitKind::Count,
    "ra3.16xlarge nodes",
);
pub const MIN_NODES_DC2_LARGE: Limit = Limit::new(
    "redshift.min_nodes_dc2_large",
    LimitKind::Count,
    "dc2.large nodes",
);
pub const MAX_NODES_DC2_LARGE: Limit = Limit::new(
    "redshift.max_nodes_dc2_large",
    LimitKind::Count,
    "dc2.large nodes",
);
pub const MIN_NODES_DC2_8XLARGE: Limit = Limit::new(
    "redshift.min_nodes_dc2_8xlarge",
    LimitKind::Count,
    "dc2.8xlarge nodes",
);
pub const MAX_NODES_DC2_8XLARGE: Limit = Limit::new(
    "redshift.max_nodes_dc2_8xlarge",
    LimitKind::Count,
    "dc2.8xlarge nodes",
);
pub const SINGLE_NODE_STORAGE_RA3_XLPLUS: Limit = Limit::new(
    "redshift.single_node_storage_ra3_xlplus",
    LimitKind::Bytes,
    "managed storage of a single-node ra3.xlplus",
);
pub const CONCURRENCY_SCALING_FREE_PER_DAY: Limit = Limit::new(
    "redshift.concurrency_scaling_free_per_day",
    LimitKind::Duration,
    "free concurrency scaling a day",
);
pub const SMALLEST_RPU_DATA: Limit = Limit::new(
    "redshift.serverless_4_rpu_data",
    LimitKind::Bytes,
    "data a 4-RPU Serverless workgroup is meant for",
);
pub const DATA_NEEDING_MORE_RPU: Limit = Limit::new(
    "redshift.serverless_data_under_32_rpu",
    LimitKind::Bytes,
    "data a Serverless workgroup under 32 RPU can hold",
);
pub const RPU_FOR_LARGE_DATA: Limit = Limit::new(
    "redshift.serverless_min_rpu_large_data",
    LimitKind::Count,
    "base RPU for more than 128 TB of data",
);
pub const MIN_BILLED_RPU_DURATION: Limit = Limit::new(
    "redshift.min_billed_rpu_duration",
    LimitKind::Duration,
    "billed time of a Serverless active period",
);
/// The data a cluster's nodes hold: the node type's storage times the
/// nodes, from the catalogue (so not a limit of the table's).
pub const CLUSTER_STORAGE: Limit = Limit::new(
    "redshift.cluster_storage",
    LimitKind::Bytes,
    "storage of the cluster's nodes",
);

/// The node counts each type runs, as limits of the table; a type the
/// table adds without a range is not checked.
const NODE_RANGES: &[(&str, &Limit, &Limit)] = &[
    ("ra3.xlplus", &MIN_NODES_RA3_XLPLUS, &MAX_NODES_RA3_XLPLUS),
    (
        "ra3.4xlarge",
        &MIN_NODES_RA3_4XLARGE,
        &MAX_NODES_RA3_4XLARGE,
    ),
    (
        "ra3.16xlarge",
        &MIN_NODES_RA3_16XLARGE,
        &MAX_NODES_RA3_16XLARGE,
    ),
    ("dc2.large", &MIN_NODES_DC2_LARGE, &MAX_NODES_DC2_LARGE),
    (
        "dc2.8xlarge",
        &MIN_NODES_DC2_8XLARGE,
        &MAX_NODES_DC2_8XLARGE,
    ),
];

choice! {
    pub enum Deployment {
        Provisioned = "provisioned",
        Serverless = "serverless",
    }
}

/// A provisioned cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// A type the pricing table's `redshift` catalogue has a row for.
    pub node_type: &'static str,
    pub nodes: u32,
    /// Time the cluster runs in the month; `None` is the whole month.
    pub hours_running: Option<Duration>,
    /// The hours of the day it runs, paused the rest, in place of
    /// `hours_running`.
    pub schedule: Option<Schedule>,
    pub concurrency_scaling_per_day: Duration,
    /// How many times a day a scaling cluster starts, if stated: each
    /// start is billed at least a minute.
    pub concurrency_scaling_activations: Option<Decimal>,
    /// Spectrum queries a month and the S3 data each scans.
    pub spectrum: Option<(Decimal, Bytes)>,
    /// On demand, or reserved nodes.
    pub purchase: Purchase,
}

/// How long a Serverless workgroup is active.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Active {
    PerDay(Duration),
    PerMonth(Duration),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Warehouse {
    Provisioned(Cluster),
    Serverless { base_rpu: u32, active: Active },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub warehouse: Warehouse,
    /// The data kept; `None` keeps none worth counting.
    pub data_size: Option<Bytes>,
    pub manual_snapshots: Option<Bytes>,
}

/// Base capacities Redshift Serverless takes: 4 RPU, 8 to 512 in steps of
/// 8, or 512 to 1,024 in steps of 32 (Amazon Redshift management guide,
/// "Compute capacity for Amazon Redshift Serverless"; 1,024 in us-east-1).
fn valid_base_rpu(rpu: u32) -> bool {
    rpu == 4
        || (8..=512).contains(&rpu) && rpu.is_multiple_of(8)
        || (512..=1024).contains(&rpu) && rpu.is_multiple_of(32)
}

/// The keys of one deployment, refused on the other.
const PROVISIONED_KEYS: [&Key; 9] = [
    &NODE_TYPE,
    &NODES,
    &HOURS_RUNNING,
    &SCHEDULE_HOURS,
    &SCHEDULE_DAYS,
    &CONCURRENCY_SCALING_HOURS_PER_DAY,
    &CONCURRENCY_SCALING_ACTIVATIONS_PER_DAY,
    &SPECTRUM_QUERIES_PER_MONTH,
    &SPECTRUM_SCAN_PER_QUERY,
];
const SERVERLESS_KEYS: [&Key; 3] = [&BASE_RPU, &ACTIVE_HOURS_PER_DAY, &ACTIVE_HOURS_PER_MONTH];

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `redshift` has no value");
    let deployment: Deployment = values.choice(&DEPLOYMENT).ok_or_else(default)?;
    let data_size = values.bytes(&DATA_SIZE);
    let warehouse = match deployment {
        Deployment::Provisioned => {
            for key in SERVERLESS_KEYS {
                if values.is_set(key) {
                    return Err(Invalid::new(
                        key,
                        format!("`{}` is for `deployment = \"serverless\"`", key.name),
                    )
                    .with_help("a provisioned cluster is sized by `node_type` and `nodes`, and billed for `hours_running`"));
                }
            }
            Warehouse::Provisioned(cluster(values)?)
        }
        Deployment::Serverless => {
            if let Some(purchase) = values.choice(&reserved::PURCHASE) {
                reserved::build(purchase, false, None)?;
            }
            for key in PROVISIONED_KEYS {
                if values.is_set(key) {
                    return Err(Invalid::new(
                        key,
                        format!(
                            "`{}` is for `deployment = \"provisioned\"`",
                            schedule::named(key)
                        ),
                    )
                    .with_help(
                        "Serverless is billed for `base_rpu` over `active_hours_per_day`; its Spectrum scans are in its RPU-hours",
                    ));
                }
            }
            serverless(values)?
        }
    };
    Ok(Input {
        warehouse,
        data_size,
        manual_snapshots: values.bytes(&MANUAL_SNAPSHOTS),
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
        match &self.warehouse {
            Warehouse::Provisioned(cluster) => self.provisioned(ctx, cluster, result)?,
            Warehouse::Serverless { base_rpu, active } => {
                self.serverless(ctx, *base_rpu, *active, result)?;
            }
        }
        // Manual snapshots are billed as backup storage, counted once per
        // unique block; automated ones cost nothing (Redshift pricing page,
        // and the Big Data blog on incremental snapshot billing, 2026).
        if let Some(snapshots) = self.manual_snapshots {
            let gb = given::size(snapshots, &MANUAL_SNAPSHOTS).per(given::gib())?;
            charge_into(&mut result.line_items, ctx, &BACKUP_STORAGE, gb)?;
        }
        // A query answers in seconds, not at once: the table's figure.
        result.latency = ctx.duration(&LATENCY)?;
        // A warehouse keeps what it loads until it is deleted, and its
        // tables can be queried again.
        result.properties = Properties::default();
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

fn cluster(values: &Values) -> Result<Cluster, Invalid> {
    let Some(node_type) = values.name(&NODE_TYPE) else {
        return Err(Invalid::new(&NODE_TYPE, "a provisioned `redshift` needs `node_type`")
            .with_help("e.g. `node_type = \"ra3.4xlarge\"`: `calc pricing show TABLE redshift` lists the types"));
    };
    let Some(nodes) = values.count(&NODES) else {
        return Err(
            Invalid::new(&NODES, "a provisioned `redshift` needs `nodes`")
                .with_help("e.g. `nodes = 2`, the compute nodes of the cluster"),
        );
    };
    if nodes == 0 {
        return Err(Invalid::new(&NODES, "`nodes` must be at least 1")
            .with_help("leave the component out if no cluster runs"));
    }
    let hours_running = crate::services::kit::hours_running(
        values,
        &HOURS_RUNNING,
        "leave it out for a cluster that runs all month",
    )?;
    let concurrency_scaling_per_day = values
        .duration(&CONCURRENCY_SCALING_HOURS_PER_DAY)
        .unwrap_or(Duration::ZERO);
    if concurrency_scaling_per_day > Duration::from_hours(24) {
        return Err(Invalid::new(
            &CONCURRENCY_SCALING_HOURS_PER_DAY,
            "`concurrency_scaling_hours_per_day` is more than a day",
        )
        .with_help("give the time scaling clusters run in one day, all of them together"));
    }
    let spectrum = match (
        values.number(&SPECTRUM_QUERIES_PER_MONTH),
        values.bytes(&SPECTRUM_SCAN_PER_QUERY),
    ) {
        (Some(queries), Some(scan)) => Some((queries, scan)),
        (None, None) => None,
        (Some(_), None) => {
            return Err(Invalid::new(
                &SPECTRUM_QUERIES_PER_MONTH,
                "`spectrum_queries_per_month` needs `spectrum_scan_per_query`",
            )
            .with_help(
                "set the S3 data a query scans, e.g. `spectrum_scan_per_query = \"1 GB\"`",
            ));
        }
        (None, Some(_)) => {
            return Err(Invalid::new(
                &SPECTRUM_SCAN_PER_QUERY,
                "`spectrum_scan_per_query` needs `spectrum_queries_per_month`",
            )
            .with_help("set how many Spectrum queries run a month"));
        }
    };
    let purchase = values
        .choice(&reserved::PURCHASE)
        .unwrap_or(Purchase::OnDemand);
    let schedule = schedule::read(values, &[&HOURS_RUNNING])?;
    let purchase = reserved::build(purchase, true, schedule::part_time(values, &HOURS_RUNNING))?;
    Ok(Cluster {
        node_type,
        nodes,
        hours_running,
        schedule,
        concurrency_scaling_per_day,
        concurrency_scaling_activations: values.number(&CONCURRENCY_SCALING_ACTIVATIONS_PER_DAY),
        spectrum,
        purchase,
    })
}

fn serverless(values: &Values) -> Result<Warehouse, Invalid> {
    // AWS's default base capacity is 128 RPU.
    let base_rpu = values.count(&BASE_RPU).unwrap_or(128);
    if !valid_base_rpu(base_rpu) {
        let lower = (1..base_rpu).rev().find(|&r| valid_base_rpu(r));
        let upper = (base_rpu..=1024).find(|&r| valid_base_rpu(r));
        let nearest = match (lower, upper) {
            (Some(lower), Some(upper)) => format!("; the nearest: {lower} or {upper}"),
            (None, Some(upper)) => format!("; the nearest: {upper}"),
            (Some(lower), None) => format!("; the nearest: {lower}"),
            (None, None) => String::new(),
        };
        return Err(Invalid::new(
            &BASE_RPU,
            format!("Redshift Serverless has no base capacity of {base_rpu} RPU"),
        )
        .with_help(format!(
            "base capacity is 4 RPU, 8 to 512 in steps of 8, or 512 to 1,024 in steps of 32{nearest}"
        )));
    }
    let active = match (
        values.duration(&ACTIVE_HOURS_PER_DAY),
        values.duration(&ACTIVE_HOURS_PER_MONTH),
    ) {
        (Some(_), Some(_)) => {
            return Err(Invalid::new(
                &ACTIVE_HOURS_PER_MONTH,
                "`active_hours_per_day` and `active_hours_per_month` exclude each other",
            )
            .with_help("keep one"));
        }
        (None, None) => {
            return Err(Invalid::component(
                "a serverless `redshift` needs `active_hours_per_day` or `active_hours_per_month`",
            )
            .with_help(
                "Serverless bills only while queries run: e.g. `active_hours_per_day = \"4 h\"`",
            ));
        }
        (Some(day), None) if day <= Duration::ZERO || day > Duration::from_hours(24) => {
            return Err(Invalid::new(
                &ACTIVE_HOURS_PER_DAY,
                "`active_hours_per_day` must be more than 0 h and at most 24 h",
            ));
        }
        (Some(day), None) => Active::PerDay(day),
        (None, Some(month)) if month <= Duration::ZERO => {
            return Err(Invalid::new(
                &ACTIVE_HOURS_PER_MONTH,
                "`active_hours_per_month` must be more than 0 h",
            ));
        }
        (None, Some(month)) => Active::PerMonth(month),
    };
    Ok(Warehouse::Serverless { base_rpu, active })
}

/// GB-months of `data` kept all month: AWS meters managed storage hourly,
/// so data kept the whole month is its size in GB.
impl Input {
    fn provisioned<N: Number>(
        &self,
        ctx: &Ctx<N>,
        cluster: &Cluster,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(cluster.node_type));
        let row = ctx
            .prices
            .instance(SERVICE.name, cluster.node_type)
            .ok_or(EvalError::MissingRow(&NODE_HOUR))?;
        let nodes = Decimal::from(cluster.nodes);
        if let Some((_, min, max)) = NODE_RANGES
            .iter()
            .find(|(name, ..)| *name == cluster.node_type)
        {
            ctx.within(
                nodes,
                (
                    min,
                    "add nodes, or choose a type that runs on one node (ra3.xlplus, dc2.large)",
                ),
                (
                    max,
                    "use fewer, larger nodes (ra3.16xlarge runs up to 128), or split the data between clusters",
                ),
                result,
            )?;
        }
        let hours = schedule::hours_running(
            cluster.schedule,
            cluster.hours_running,
            &HOURS_RUNNING,
            ctx,
            result,
        )?;
        let days = match cluster.schedule {
            Some(schedule) => schedule::days_a_month(schedule, ctx)?,
            None => hours.per(hours_a_day())?,
        };
        let nodes = given::key(nodes, "nodes", &NODES);
        let node_hours = nodes.times(hours)?;
        result.capacity("nodes", CapacityValue::Count(u64::from(cluster.nodes)));
        traced::step("nodes", Part::Capacity, "nodes", nodes);
        result.capacity_of("node_hours", node_hours, "node-hours");
        match cluster.purchase {
            Purchase::OnDemand => {
                charge_type_into(
                    &mut result.line_items,
                    ctx,
                    &NODE_HOUR,
                    cluster.node_type,
                    node_hours,
                )?;
            }
            purchase => reserved::bill(ctx, cluster.node_type, purchase, nodes, result)?,
        }

        self.cluster_storage(ctx, cluster, (nodes, row.storage), result)?;
        self.concurrency_scaling(ctx, cluster, (nodes, days), result)?;
        // A cluster paused by its schedule takes no loads and answers no
        // queries: records that flow into it (a Firehose delivery, a
        // stream's ingestion) must arrive in its hours; what a store
        // before it holds (S3) waits to be loaded when it resumes.
        if let Some(schedule) = cluster.schedule {
            schedule::hourly(schedule, "nodes", nodes.value().decimal(), result);
            schedule::check_traffic(schedule, ctx, result);
        }
        if let Some((queries, scan)) = cluster.spectrum {
            spectrum(ctx, queries, scan, result)?;
        }
        Ok(())
    }

    fn serverless<N: Number>(
        &self,
        ctx: &Ctx<N>,
        base_rpu: u32,
        active: Active,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some("serverless"));
        // Billed per second with a 60-second minimum each time the
        // workgroup becomes active (Redshift Serverless billing docs). calc
        // takes the active time as one period a day (or one a month).
        let minimum = ctx
            .limit_traced(&MIN_BILLED_RPU_DURATION, "ms")?
            .per(given::ms_a_second())?;
        let (period, periods) = match active {
            Active::PerDay(day) => (
                given::seconds(day, &ACTIVE_HOURS_PER_DAY),
                ctx.hours_traced().per(hours_a_day())?,
            ),
            Active::PerMonth(month) => (
                given::seconds(month, &ACTIVE_HOURS_PER_MONTH),
                Traced::rule(Decimal::ONE, "periods", "one active period a month"),
            ),
        };
        let billed_seconds = period.ceil().max(minimum);
        let base = given::key(base_rpu, "RPU", &BASE_RPU);
        let rpu_hours = base
            .times(billed_seconds)?
            .times(periods)?
            .per(given::seconds_an_hour())?;
        result.capacity("base_rpu", CapacityValue::Count(u64::from(base_rpu)));
        traced::step("base_rpu", Part::Capacity, "RPU", base);
        result.capacity_of("rpu_hours", rpu_hours, "RPU-hours");
        charge_into(&mut result.line_items, ctx, &RPU_HOUR, rpu_hours)?;
        if let Some(data) = self.data_size {
            // More than 128 TB needs a base of 32 RPU or more; 4 RPU is meant
            // for less than 32 TB (management guide, "Compute capacity for
            // Amazon Redshift Serverless").
            let large = ctx.bytes(&DATA_NEEDING_MORE_RPU)?;
            let least = ctx.count(&RPU_FOR_LARGE_DATA)?;
            if data > large && Decimal::from(base_rpu) < least {
                result.violate_below(
                    &RPU_FOR_LARGE_DATA,
                    Decimal::from(base_rpu),
                    least,
                    "set `base_rpu` to 32 or more for this much data",
                );
            } else if base_rpu == 4 && data > ctx.bytes(&SMALLEST_RPU_DATA)? {
                result.warn(
                    "serverless_4_rpu_data",
                    "a 4-RPU base is meant for less than 32 TB of data: AWS suggests 8 RPU or more",
                );
            }
            let gb = given::size(data, &DATA_SIZE).per(given::gib())?;
            charge_into(&mut result.line_items, ctx, &MANAGED_STORAGE, gb)?;
        }
        Ok(())
    }
}

impl Input {
    /// The data a cluster holds against what its nodes hold, and RA3's
    /// managed storage: RA3 keeps its data in managed storage, billed apart;
    /// DC2 keeps it on the nodes' own disks, in the node price.
    fn cluster_storage<N: Number>(
        &self,
        ctx: &Ctx<N>,
        cluster: &Cluster,
        (nodes, row_storage): (Traced<N>, Option<Bytes>),
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let managed = !cluster.node_type.starts_with("dc2.");
        if let Some(data) = self.data_size {
            // A single-node ra3.xlplus holds 4 TB, not the 32 TB a node of
            // a multi-node one does (management guide, "Node type details").
            let per_node = if cluster.node_type == "ra3.xlplus" && cluster.nodes == 1 {
                Some(ctx.limit_traced(&SINGLE_NODE_STORAGE_RA3_XLPLUS, "B")?)
            } else {
                row_storage.map(|storage| {
                    Traced::rule(
                        storage.decimal(),
                        "B",
                        "storage of a node of `node_type`, the table's row",
                    )
                })
            };
            match per_node {
                Some(per_node) => {
                    let holds = per_node.times(nodes)?;
                    traced::step("cluster_storage", Part::Capacity, "B", holds);
                    let holds = holds
                        .value()
                        .whole()
                        .map(Bytes)
                        .ok_or(EvalError::Arithmetic)?;
                    result.capacity("cluster_storage", CapacityValue::Bytes(holds));
                    let holds = holds.decimal();
                    if data.decimal() > holds {
                        result.violate(
                            &CLUSTER_STORAGE,
                            data.decimal(),
                            holds,
                            "add nodes, or choose a type that holds more a node (RA3: 128 TB a node on ra3.4xlarge and larger)",
                        );
                    }
                }
                None => result.warn(
                    "node_storage_unknown",
                    "the table's row for this node type gives no `storage`: the data size is not checked against the nodes",
                ),
            }
            if managed {
                let gb = given::size(data, &DATA_SIZE).per(given::gib())?;
                charge_into(&mut result.line_items, ctx, &MANAGED_STORAGE, gb)?;
            }
        }

        Ok(())
    }

    /// Concurrency scaling beyond its free hour a day, at the cluster's
    /// node rate.
    fn concurrency_scaling<N: Number>(
        &self,
        ctx: &Ctx<N>,
        cluster: &Cluster,
        (nodes, days): (Traced<N>, Traced<N>),
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let activations = cluster
            .concurrency_scaling_activations
            .filter(|n| *n > Decimal::ZERO);
        if cluster.concurrency_scaling_per_day <= Duration::ZERO && activations.is_none() {
            return Ok(());
        }
        // Concurrency scaling earns 1 free hour a day of running and is
        // billed per second beyond it at the main cluster's on-demand
        // rate (Redshift pricing page). Steady daily use: the credits
        // that accumulate up to 30 h are used up each day.
        let free = ctx
            .limit_traced(&CONCURRENCY_SCALING_FREE_PER_DAY, "ms")?
            .per(given::ms_a_second())?;
        // Seconds first, hours last, so that AWS's example comes out
        // exact (10 minutes on 10 dc2.8xlarge: $8.00).
        let none = Traced::rule(Decimal::ZERO, "s", "none billed within the free time");
        let mut used = given::seconds(
            cluster.concurrency_scaling_per_day,
            &CONCURRENCY_SCALING_HOURS_PER_DAY,
        );
        // Each start of a scaling cluster is billed at least a minute
        // (Redshift pricing page): many short bursts cost more than
        // their time.
        if let Some(starts) = activations {
            let minute = Traced::rule(
                Decimal::from(60),
                "s",
                "each start of a scaling cluster is billed at least 1 minute",
            );
            let least =
                given::key(starts, "", &CONCURRENCY_SCALING_ACTIVATIONS_PER_DAY).times(minute)?;
            used = used.max(least);
        }
        let billed_per_day = used.minus(free)?.max(none);
        let scaling_node_hours = billed_per_day
            .times(days)?
            .times(nodes)?
            .per(given::seconds_an_hour())?;
        result.capacity_of(
            "concurrency_scaling_node_hours",
            scaling_node_hours,
            "node-hours",
        );
        charge_type_into(
            &mut result.line_items,
            ctx,
            &CONCURRENCY_SCALING,
            cluster.node_type,
            scaling_node_hours,
        )?;
        Ok(())
    }
}

/// Redshift Spectrum's scans, `queries` of `scan` each.
fn spectrum<N: Number>(
    ctx: &Ctx<N>,
    queries: Decimal,
    scan: Bytes,
    result: &mut ComponentResult<N>,
) -> Result<(), EvalError> {
    // Spectrum bills as Athena does: each query rounded up to the
    // MB, with a 10 MB minimum (AWS Knowledge Center, "How do I
    // calculate the query charges in Amazon Redshift Spectrum?").
    let mb = Traced::rule(Decimal::from(MIB), "B", "a query is billed by the whole MB");
    let minimum = Traced::rule(
        athena::MINIMUM_BILLED_MB,
        "MB",
        "a query is billed at least 10 MB",
    );
    let billed_mb = given::size(scan, &SPECTRUM_SCAN_PER_QUERY)
        .per(mb)?
        .ceil()
        .max(minimum);
    let queries = given::key(queries, "queries", &SPECTRUM_QUERIES_PER_MONTH);
    let mb_per_tb = Traced::rule(athena::MB_PER_TB, "MB", "MB a TB (2^20)");
    let tb = queries.times(billed_mb)?.per(mb_per_tb)?;
    result.capacity_of("spectrum_tb_scanned", tb, "TB");
    charge_into(&mut result.line_items, ctx, &SPECTRUM_SCANNED, tb)?;
    Ok(())
}

/// The hours of a day, for the days of the month.
fn hours_a_day<N: Number>() -> Traced<N> {
    Traced::rule(Decimal::from(24), "h/day", "hours a day")
}

#[cfg(test)]
mod tests;
