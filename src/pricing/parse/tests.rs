//! The pieces of reading a table, on a vocabulary of two made-up services:
//! the pricing floor knows no real one (the tables read against calc's own
//! services are tested in `tests/pricing_parse.rs`).

use super::*;
use crate::model::dimension::{Limit, LimitKind};
use crate::pricing::{FreeKind, LimitValue};

static REQUEST: Dimension = Dimension::new("queue.request", "request");
static QUEUE_HOUR: Dimension = Dimension::new("queue.queue_hour", "queue-hour");
static MAX_MESSAGE: Limit = Limit::new("queue.max_message", LimitKind::Bytes, "message size");
static PER_SECOND: Limit = Limit::new("queue.per_second", LimitKind::Count, "messages a second");
static BOX_HOUR: Dimension = Dimension::new("box.box_hour", "box-hour");
static COPY_GB: Dimension = Dimension::new("queue.copy_gb", "GB").priced_by_destination();

static SERVICES: [Priced; 2] = [
    Priced {
        service: "queue",
        dimensions: &[&REQUEST, &QUEUE_HOUR, &COPY_GB],
        limits: &[&MAX_MESSAGE, &PER_SECOND],
        catalogue: None,
        offer: None,
    },
    Priced {
        service: "box",
        dimensions: &[&BOX_HOUR],
        limits: &[],
        catalogue: Some(&BOX_HOUR),
        offer: None,
    },
];

fn read(entries: &str) -> Result<PriceBook, Diagnostic> {
    let text = format!(
        "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n{entries}"
    );
    parse(&Source::new("t.toml", text), Vocabulary(&SERVICES))
}

/// An entry's provenance, which every price, row and limit states.
const FROM: &str = "source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";

#[test]
fn a_price_is_read_exactly_with_its_tiers_and_free_tier() {
    let book = read(&format!(
        "[prices.queue.request]\nunit = \"request\"\nfree_per_month = 1000000\n\
         tiers = [{{ up_to = 100, price = 0.4 }}, {{ price = 0.3 }}]\n{FROM}\
         [prices.queue.queue_hour]\nunit = \"queue-hour\"\nprice = 0.000000001\n{FROM}"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let request = book.price(REQUEST.key).expect("priced");
    assert_eq!(request.free_per_month, Decimal::from(1_000_000));
    let Rate::Tiered(tiers) = &request.rate else {
        panic!("tiered: {:?}", request.rate)
    };
    assert_eq!(
        tiers.as_ref(),
        [
            Tier {
                up_to: Some(Decimal::from(100)),
                price: Decimal::new(4, 1)
            },
            Tier {
                up_to: None,
                price: Decimal::new(3, 1)
            }
        ]
    );
    // 1e-9 as written, not a float's nearest neighbour.
    assert_eq!(
        book.price(QUEUE_HOUR.key).expect("priced").rate,
        Rate::Flat(Decimal::new(1, 9))
    );
}

#[test]
fn a_key_not_in_the_vocabulary_is_refused_with_the_nearest() {
    let error = read(&format!(
        "[prices.queue.requests]\nunit = \"request\"\nprice = 1\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(error.message, "`queue` has no price `requests`");
    assert_eq!(error.help.as_deref(), Some("did you mean `request`?"));
    assert_eq!(error.location.expect("placed").line, 5);

    let error = read(&format!(
        "[limits.queue.max_mesage]\nvalue = \"1 KB\"\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(error.message, "`queue` has no limit `max_mesage`");
    assert_eq!(error.help.as_deref(), Some("did you mean `max_message`?"));

    let error = read(&format!(
        "[prices.queu.request]\nunit = \"request\"\nprice = 1\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(error.message, "unknown service `queu`");
    assert_eq!(error.help.as_deref(), Some("did you mean `queue`?"));
}

#[test]
fn a_price_in_another_unit_than_calc_counts_is_refused() {
    let error = read(&format!(
        "[prices.queue.request]\nunit = \"million requests\"\nprice = 0.4\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(
        error.message,
        "`queue.request` is priced per `million requests`, but calc counts it in `request`"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("convert the price to one per `request`")
    );
}

#[test]
fn tiers_must_rise_and_only_the_last_is_open() {
    let tiers = |tiers: &str| {
        read(&format!(
            "[prices.queue.request]\nunit = \"request\"\ntiers = [{tiers}]\n{FROM}"
        ))
        .unwrap_err()
        .message
    };
    assert_eq!(
        tiers("{ up_to = 100, price = 1 }, { up_to = 100, price = 1 }"),
        "tier bounds (`up_to`) must increase"
    );
    assert_eq!(
        tiers("{ price = 1 }, { up_to = 100, price = 1 }"),
        "only the last tier may leave out `up_to`"
    );
    assert_eq!(tiers(""), "a tiered price has 1 to 4 tiers");
}

#[test]
fn a_catalogue_row_is_checked_like_a_price_and_only_where_there_is_one() {
    let row = |service: &str, name: &str, body: &str| {
        read(&format!("[instances.{service}.\"{name}\"]\n{body}\n{FROM}"))
    };
    let book = row(
        "box",
        "b1.large",
        "vcpu = 2\nmemory = \"8 GB\"\nprice = 0.096\nunit = \"box-hour\"",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let found = book.instance("box", "b1.large").expect("the row");
    assert_eq!((found.vcpu, found.memory), (Some(2), Some(Bytes(8 << 30))));
    assert_eq!(found.price.rate, Rate::Flat(Decimal::new(96, 3)));

    let error = row("queue", "q1", "price = 1\nunit = \"box-hour\"").unwrap_err();
    assert_eq!(error.message, "`queue` has no catalogue of types");
    assert_eq!(error.help.as_deref(), Some("types are priced for `box`"));
    let error = row("box", "b1 large", "price = 1\nunit = \"box-hour\"").unwrap_err();
    assert_eq!(error.message, "`b1 large` is not a type name");
    let error = row(
        "box",
        "b1.large",
        "price = 1\nunit = \"box-hour\"\nvcpu = 0",
    )
    .unwrap_err();
    assert_eq!(
        error.message,
        "`vcpu` is a whole number from 1 to 1024 (found 0)"
    );
    let error = read(&format!(
        "[prices.box.box_hour]\nunit = \"box-hour\"\nprice = 1\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(
        error.message,
        "`box.box_hour` is priced by type, in `[instances.box]`"
    );
}

#[test]
fn a_limit_is_read_in_its_kind_and_never_zero() {
    let limit =
        |name: &str, value: &str| read(&format!("[limits.queue.{name}]\nvalue = {value}\n{FROM}"));
    let book = limit("max_message", "\"256 KB\"").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        book.limit(MAX_MESSAGE.key).map(|entry| &entry.value),
        Some(&LimitValue::Bytes(Bytes(256 * 1024)))
    );
    assert_eq!(
        limit("per_second", "0").unwrap_err().message,
        "`queue.per_second` must be a positive number"
    );
    assert_eq!(
        limit("max_message", "\"0 B\"").unwrap_err().message,
        "`queue.max_message` must be a size above 0 B"
    );
}

#[test]
fn a_figure_left_out_is_read_with_its_reason() {
    let book = read(
        "[missing.prices.queue.request]\nreason = \"no price found\"\n\
         [missing.limits.queue.per_second]\nreason = \"  not published  \"\n\
         [missing.prices.box.box_hour]\nreason = \"no row found\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let why = book.missing_price(REQUEST.key).expect("reasoned");
    assert_eq!(
        (why.reason.as_ref(), why.not_offered),
        ("no price found", false)
    );
    // The reason as words, without the spaces around them.
    let why = book.missing_limit(PER_SECOND.key).expect("reasoned");
    assert_eq!(why.reason, "not published");
    // A catalogue's dimension is left out when the catalogue has no row.
    assert!(book.missing_price(BOX_HOUR.key).is_some());
    assert!(book.missing_price(QUEUE_HOUR.key).is_none());
}

#[test]
fn a_figure_both_held_and_left_out_is_refused_where_it_is_left_out() {
    let error = read(&format!(
        "[prices.queue.request]\nunit = \"request\"\nprice = 1\n{FROM}\
         [missing.prices.queue.request]\nreason = \"none\"\n"
    ))
    .unwrap_err();
    assert_eq!(
        error.message,
        "`queue.request` is in the table's prices and also marked missing"
    );
    // `[missing.prices.queue.request]` is the 11th line: after 4 of the
    // header, 3 of the price and 3 of its provenance.
    assert_eq!(error.location.expect("placed").line, 11);
    assert_eq!(
        error.help.as_deref(),
        Some(
            "remove `[missing.prices.queue.request]`, or the `[prices.queue.request]` it contradicts"
        )
    );

    let error = read(&format!(
        "[instances.box.\"b1\"]\nprice = 1\nunit = \"box-hour\"\n{FROM}\
         [missing.prices.box.box_hour]\nreason = \"none\"\n"
    ))
    .unwrap_err();
    assert_eq!(
        error.message,
        "`box.box_hour` is in the table's prices and also marked missing"
    );
}

#[test]
fn a_figure_left_out_must_be_one_calc_uses_and_say_why() {
    let error = read("[missing.prices.queue.requests]\nreason = \"none\"\n").unwrap_err();
    assert_eq!(error.message, "`queue` has no price `requests`");
    assert_eq!(error.help.as_deref(), Some("did you mean `request`?"));
    assert_eq!(error.location.expect("placed").line, 5);

    let error = read("[missing.limits.queue.per_second]\nreason = \" \"\n").unwrap_err();
    assert_eq!(error.message, "a `reason` says why the figure is missing");

    let error = read("[missing.prices.queue.request]\nwhy = \"none\"\n").unwrap_err();
    assert_eq!(error.message, "unknown key `why`");
}

#[test]
fn a_service_not_offered_leaves_out_every_figure_of_it() {
    let book = read("[missing.not_offered.queue]\nreason = \"not in this Region\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    for key in [REQUEST.key, QUEUE_HOUR.key] {
        let why = book.missing_price(key).expect("not offered");
        assert!(why.not_offered);
        assert_eq!(why.reason, "not in this Region");
    }
    assert!(
        book.missing_limit(MAX_MESSAGE.key)
            .expect("not offered")
            .not_offered
    );
    assert!(book.missing_price(BOX_HOUR.key).is_none());

    let error = read(&format!(
        "[limits.queue.per_second]\nvalue = 10\n{FROM}\
         [missing.not_offered.queue]\nreason = \"not here\"\n"
    ))
    .unwrap_err();
    assert_eq!(
        error.message,
        "`queue` is marked not offered, but the table holds `queue.per_second`"
    );
}

#[test]
fn a_price_by_destination_holds_its_pair_rates_as_rows() {
    let book = read(&format!(
        "[prices.queue.copy_gb]\nunit = \"GB\"\nprice = 0.02\n{FROM}\
         [prices.queue.copy_gb.to.\"us-east-2\"]\nprice = 0.01\n{FROM}"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        book.price(COPY_GB.key).map(|p| p.rate.clone()),
        Some(Rate::Flat(Decimal::new(2, 2)))
    );
    let pair = book.instance("queue", "us-east-2").expect("the pair's row");
    assert_eq!(pair.price.rate, Rate::Flat(Decimal::new(1, 2)));

    let error = read(&format!(
        "[prices.queue.copy_gb]\nunit = \"GB\"\nprice = 0.02\n{FROM}\
         [prices.queue.copy_gb.to.\"us-east-9\"]\nprice = 0.01\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(error.message, "`us-east-9` is not an AWS Region code");
    assert!(
        error
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `us-east-")),
        "{:?}",
        error.help
    );

    let error = read(&format!(
        "[prices.queue.request]\nunit = \"request\"\nprice = 1\n{FROM}\
         [prices.queue.request.to.\"us-east-2\"]\nprice = 0.5\n{FROM}"
    ))
    .unwrap_err();
    assert_eq!(
        error.message,
        "`queue.request` has one price for every destination"
    );
}

#[test]
fn a_free_tier_names_its_kind_and_only_an_allowance_has_one() {
    let price = |extra: &str| {
        read(&format!(
            "[prices.queue.request]\nunit = \"request\"\nprice = 1\n{extra}\n{FROM}"
        ))
    };
    let book =
        price("free_per_month = 1000000\nfree = \"always\"").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        book.price(REQUEST.key).map(|p| p.free_kind),
        Some(Some(FreeKind::Always))
    );
    assert_eq!(book.free_tier_kinds(), [Some(FreeKind::Always)]);
    let book =
        price("free_per_month = 1000000\nfree = \"12-months\"").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.free_tier_kinds(), [Some(FreeKind::TwelveMonths)]);
    // A table written before kinds were named still reads: its allowance's
    // kind is unstated.
    let book = price("free_per_month = 1000000").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.free_tier_kinds(), [None]);

    let error = price("free = \"always\"").unwrap_err();
    assert_eq!(
        error.message,
        "`free` names the kind of a free tier, and `queue.request` has none"
    );
    let error = price("free_per_month = 1\nfree = \"forever\"").unwrap_err();
    assert_eq!(error.message, "unknown value `forever`");
    assert_eq!(
        error.help.as_deref(),
        Some("expected one of `always`, `12-months`")
    );
}
