//! Amazon Quick Sight (formerly QuickSight), the BI part of Amazon Quick
//! Suite: users a month, SPICE capacity beyond what the authors include, the
//! account's fee for Pro users, and reader capacity pricing.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::Bytes;
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::Flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{CapacityValue, ComponentResult, Properties};
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "quicksight",
    title: "Quick Sight",
    aliases: &["quick_suite"],
    dimensions: &[
        &AUTHOR_MONTH,
        &AUTHOR_PRO_MONTH,
        &READER_MONTH,
        &READER_PRO_MONTH,
        &PRO_ACCOUNT_MONTH,
        &SPICE_GB_MONTH,
        &READER_CAPACITY_MONTH,
        &READER_CAPACITY_SESSION,
    ],
    limits: &[&SPICE_PER_AUTHOR, &READER_CAPACITY_SESSIONS],
    catalogue: None,
    offer: Some(&Offer {
        code: "AmazonQuickSight",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &AUTHORS,
        &AUTHOR_PROS,
        &READERS,
        &READER_PROS,
        &SPICE,
        &READER_SESSIONS,
        &Q_AND_A,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    transforms: false,
};

/// More users than any account has: a typo, not a design.
const MAX_USERS: u32 = 10_000_000;

static AUTHORS: Key = Key::new(
    "authors",
    Kind::Count {
        min: 0,
        max: MAX_USERS,
    },
    Default::Integer(0),
    "Author (and Admin) users, a month each",
);
static AUTHOR_PROS: Key = Key::new(
    "author_pros",
    Kind::Count {
        min: 0,
        max: MAX_USERS,
    },
    Default::Integer(0),
    "Author Pro (and Admin Pro) users: generative BI; the account pays the Pro fee",
);
static READERS: Key = Key::new(
    "readers",
    Kind::Count {
        min: 0,
        max: MAX_USERS,
    },
    Default::Integer(0),
    "Reader users, a month each",
);
static READER_PROS: Key = Key::new(
    "reader_pros",
    Kind::Count {
        min: 0,
        max: MAX_USERS,
    },
    Default::Integer(0),
    "Reader Pro users: generative BI; the account pays the Pro fee",
);
static SPICE: Key = Key::new(
    "spice",
    Kind::Size,
    Default::Text("0"),
    "SPICE capacity the datasets need (10 GB come with each Author and Author Pro)",
);
static READER_SESSIONS: Key = Key::new(
    "reader_sessions",
    Kind::Count {
        min: 0,
        max: 1_000_000_000,
    },
    Default::None,
    "30-minute reader sessions a month under capacity pricing, in place of `readers`",
)
.defaulting_to("readers priced per user");
static Q_AND_A: Key = Key::new(
    "q_and_a",
    Kind::Flag,
    Default::Bool(false),
    "Q&A enabled (topics or dashboard Q&A): the account pays the Pro fee without Pro users",
);

pub const DOC: Doc = Doc {
    bills: "Amazon Quick Sight users a month (`authors` $24, `author_pros` $40, `readers` $3, `reader_pros` $20); one fee ($250) for the account in the Region once any user is Pro or `q_and_a` is on (an account pays it in each Region it uses); `spice` GB-months beyond the 10 GB each Author and Author Pro brings; or reader capacity pricing (`reader_sessions`: $250 a month with 500 sessions, then $0.50 each) in place of `readers`. Users are billed by the month, whatever `hours_per_month` says; an account needs an Author (its admin)",
    reports: "users, SPICE included and bought",
    summary: "BI dashboards (Amazon Quick Sight), billed per user a month",
    ordering: "none",
    retention: "SPICE keeps imported datasets until removed",
    replay: "no",
    latency: "none in the data path",
    scaling: "users; SPICE capacity per Region, shared by the account",
    formulas: &[
        "users: Authors, Author Pros, Readers and Reader Pros, each a month at their price",
        "Pro fee: one a month for the account in the Region with any Pro user, or with Q&A",
        "SPICE GB-months = max(0, spice - the table's SPICE a user (10 GB) x (Authors + Author Pros))",
        "capacity pricing: the monthly base with 500 sessions, then per session",
    ],
};

pub const AUTHOR_MONTH: Dimension = Dimension::new("quicksight.author_month", "user-month");
pub const AUTHOR_PRO_MONTH: Dimension = Dimension::new("quicksight.author_pro_month", "user-month");
pub const READER_MONTH: Dimension = Dimension::new("quicksight.reader_month", "user-month");
pub const READER_PRO_MONTH: Dimension = Dimension::new("quicksight.reader_pro_month", "user-month");
/// The account's infrastructure fee once it has a Pro user or Q&A.
pub const PRO_ACCOUNT_MONTH: Dimension =
    Dimension::new("quicksight.pro_account_month", "account-month");
pub const SPICE_GB_MONTH: Dimension = Dimension::new("quicksight.spice_gb_month", "GB-month");
/// Reader capacity pricing's monthly base, which includes its sessions.
pub const READER_CAPACITY_MONTH: Dimension =
    Dimension::new("quicksight.reader_capacity_month", "month");
pub const READER_CAPACITY_SESSION: Dimension =
    Dimension::new("quicksight.reader_capacity_session", "session");

pub const SPICE_PER_AUTHOR: Limit = Limit::new(
    "quicksight.spice_per_author",
    LimitKind::Bytes,
    "SPICE included with each Author and Author Pro",
);
pub const READER_CAPACITY_SESSIONS: Limit = Limit::new(
    "quicksight.reader_capacity_sessions",
    LimitKind::Count,
    "sessions included in the monthly reader capacity",
);

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub authors: u32,
    pub author_pros: u32,
    pub readers: u32,
    pub reader_pros: u32,
    pub spice: Bytes,
    /// Sessions a month under reader capacity pricing, if the account uses it.
    pub reader_sessions: Option<u32>,
    pub q_and_a: bool,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `quicksight` has no value");
    let count = |key| values.count(key).ok_or_else(default);
    let input = Input {
        authors: count(&AUTHORS)?,
        author_pros: count(&AUTHOR_PROS)?,
        readers: count(&READERS)?,
        reader_pros: count(&READER_PROS)?,
        spice: values.bytes(&SPICE).ok_or_else(default)?,
        reader_sessions: values.count(&READER_SESSIONS),
        q_and_a: values.flag(&Q_AND_A).ok_or_else(default)?,
    };
    if input.reader_sessions.is_some() && input.readers > 0 {
        return Err(Invalid::new(
            &READER_SESSIONS,
            "`reader_sessions` (capacity pricing) and `readers` (per user) price the same readers twice",
        )
        .with_help("capacity pricing replaces per-user Reader pricing for the account: keep one"));
    }
    if input.authors == 0 && input.author_pros == 0 {
        return Err(Invalid::component(
            "`quicksight` needs `authors` or `author_pros`: the account's admin is billed as one",
        )
        .with_help("e.g. `authors = 1` for the admin who builds the dashboards"));
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
        let mode = self.reader_sessions.map(|_| "capacity");
        result.reset(SERVICE.name, mode);
        let users = [
            (self.authors, &AUTHORS, &AUTHOR_MONTH),
            (self.author_pros, &AUTHOR_PROS, &AUTHOR_PRO_MONTH),
            (self.readers, &READERS, &READER_MONTH),
            (self.reader_pros, &READER_PROS, &READER_PRO_MONTH),
        ];
        let mut all = 0_u64;
        let mut counted: Option<Traced<N>> = None;
        for (count, key, dimension) in users {
            all += u64::from(count);
            if count > 0 {
                let count = || given::key(count, "users", key);
                counted = Some(match counted {
                    Some(counted) => counted.plus(count())?,
                    None => count(),
                });
                charge_into(&mut result.line_items, ctx, dimension, count())?;
            }
        }
        result.capacity("users", CapacityValue::Count(all));
        let none = || Traced::rule(Decimal::ZERO, "users", "no users");
        traced::step(
            "users",
            Part::Capacity,
            "users",
            counted.unwrap_or_else(none),
        );
        // One fee for the account in the Region once any user is Pro or
        // Q&A is on (AWS's feed names it a per-Region fee).
        if self.author_pros > 0 || self.reader_pros > 0 || self.q_and_a {
            let account = Traced::rule(
                Decimal::ONE,
                "account",
                "one fee a month for the account in the Region once a user is Pro or Q&A is on",
            );
            charge_into(&mut result.line_items, ctx, &PRO_ACCOUNT_MONTH, account)?;
        }

        // Each Author and Author Pro brings SPICE capacity; the account
        // buys what its datasets need beyond it.
        let per_author = ctx
            .limit_traced(&SPICE_PER_AUTHOR, "B")?
            .per(given::gib())?;
        let authors = given::key(self.authors, "users", &AUTHORS).plus(given::key(
            self.author_pros,
            "users",
            &AUTHOR_PROS,
        ))?;
        let included = per_author.times(authors)?;
        let needed = given::size(self.spice, &SPICE).per(given::gib())?;
        let nothing = Traced::rule(Decimal::ZERO, "GB", "nothing beyond what is included");
        let extra = needed.minus(included)?.max(nothing);
        result.capacity_of("spice_included_gb", included, "GB");
        result.capacity_of("spice_extra_gb", extra, "GB");
        if extra.value() > N::ZERO {
            charge_into(&mut result.line_items, ctx, &SPICE_GB_MONTH, extra)?;
        }

        if let Some(sessions) = self.reader_sessions {
            let sessions = given::key(sessions, "sessions", &READER_SESSIONS);
            let base = ctx.limit_traced(&READER_CAPACITY_SESSIONS, "sessions")?;
            let capacity = Traced::rule(Decimal::ONE, "month", "Reader capacity, by the month");
            charge_into(
                &mut result.line_items,
                ctx,
                &READER_CAPACITY_MONTH,
                capacity,
            )?;
            let nothing = Traced::rule(Decimal::ZERO, "sessions", "none beyond the capacity's");
            let beyond = sessions.minus(base)?.max(nothing);
            if beyond.value() > N::ZERO {
                charge_into(
                    &mut result.line_items,
                    ctx,
                    &READER_CAPACITY_SESSION,
                    beyond,
                )?;
            }
        }
        // Dashboards read from stores; nothing flows on from them.
        result.properties = Properties::default();
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::GIB;
    use crate::model::keys::Value;
    use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
    use rust_decimal_macros::dec;

    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    fn total(input: &Input) -> Decimal {
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        result.line_items.iter().map(|i| i.monthly_cost).sum()
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let cases: [&[(&'static Key, Value)]; 6] = [
            // Per user, SPICE within what the authors include.
            &[
                (&AUTHORS, Value::Count(5)),
                (&READERS, Value::Count(100)),
                (&SPICE, Value::Bytes(Bytes(40 * GIB))),
            ],
            // Pro users, the account's fee and SPICE beyond the included.
            &[
                (&AUTHORS, Value::Count(3)),
                (&AUTHOR_PROS, Value::Count(2)),
                (&READER_PROS, Value::Count(10)),
                (&SPICE, Value::Bytes(Bytes(123 * GIB + 4567))),
            ],
            // Q&A alone brings the fee.
            &[(&AUTHORS, Value::Count(1)), (&Q_AND_A, Value::Flag(true))],
            // Reader capacity, beyond its sessions and within them.
            &[
                (&AUTHORS, Value::Count(1)),
                (&READER_SESSIONS, Value::Count(1234)),
            ],
            &[
                (&AUTHORS, Value::Count(1)),
                (&READER_SESSIONS, Value::Count(300)),
            ],
            // Author Pros alone.
            &[(&AUTHOR_PROS, Value::Count(7))],
        ];
        for set in cases {
            let input = built(set).unwrap();
            for hours in [dec!(730), dec!(672)] {
                floats_agree(&input, Flow::NOTHING, &ctx(hours));
            }
        }
    }

    #[test]
    fn five_authors_and_a_hundred_readers() {
        // 5 × $24 + 100 × $3 = $120 + $300 = $420 a month; their 50 GB of
        // SPICE cover 40 GB of datasets.
        let input = built(&[
            (&AUTHORS, Value::Count(5)),
            (&READERS, Value::Count(100)),
            (&SPICE, Value::Bytes(Bytes(40 * GIB))),
        ])
        .unwrap();
        assert_eq!(total(&input), dec!(420));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.line_items.len(), 2);
        assert_eq!(item(&result, "reader_month").monthly_cost, dec!(300));
    }

    #[test]
    fn pro_users_bring_the_account_fee_and_spice_beyond_the_included() {
        // 2 Author Pros × $40 = $80; 10 Reader Pros × $20 = $200; the Pro
        // fee $250; 50 GB of SPICE less 2 × 10 GB = 30 GB × $0.38 = $11.40.
        // $541.40.
        let input = built(&[
            (&AUTHOR_PROS, Value::Count(2)),
            (&READER_PROS, Value::Count(10)),
            (&SPICE, Value::Bytes(Bytes(50 * GIB))),
        ])
        .unwrap();
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "pro_account_month").monthly_cost, dec!(250));
        assert_eq!(item(&result, "spice_gb_month").quantity, dec!(30));
        assert_eq!(total(&input), dec!(541.40));
    }

    #[test]
    fn q_and_a_alone_brings_the_fee() {
        // 1 Author $24 + the fee $250 = $274.
        let input = built(&[(&AUTHORS, Value::Count(1)), (&Q_AND_A, Value::Flag(true))]).unwrap();
        assert_eq!(total(&input), dec!(274));
    }

    #[test]
    fn reader_capacity_pricing() {
        // 1 Author $24; capacity $250 with 500 sessions, 1,200 sessions
        // leave 700 × $0.50 = $350: $624.
        let input = built(&[
            (&AUTHORS, Value::Count(1)),
            (&READER_SESSIONS, Value::Count(1200)),
        ])
        .unwrap();
        assert_eq!(total(&input), dec!(624));
        // 300 sessions pay the base alone: $24 + $250 = $274.
        let input = built(&[
            (&AUTHORS, Value::Count(1)),
            (&READER_SESSIONS, Value::Count(300)),
        ])
        .unwrap();
        assert_eq!(total(&input), dec!(274));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.mode, Some("capacity"));
    }

    #[test]
    fn users_are_billed_by_the_month_whatever_its_hours() {
        let input = built(&[(&AUTHORS, Value::Count(5)), (&READERS, Value::Count(100))]).unwrap();
        let result = input.evaluate(&ctx(dec!(672))).unwrap();
        let sum: Decimal = result.line_items.iter().map(|i| i.monthly_cost).sum();
        assert_eq!(sum, dec!(420));
    }

    #[test]
    fn the_keys_need_and_exclude_each_other() {
        let error = built(&[(&READERS, Value::Count(10))]).unwrap_err();
        assert!(error.key.is_none());
        let error = built(&[
            (&AUTHORS, Value::Count(1)),
            (&READERS, Value::Count(10)),
            (&READER_SESSIONS, Value::Count(100)),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &READER_SESSIONS));
    }
}
