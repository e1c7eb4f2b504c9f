use super::*;
use crate::pricing::import::figure::Refused;

/// An offer of `many` products of usage type `MANY`, SKUs `M000000` on
/// written last first, and one of usage type `ONE`; each with its term.
fn offer(many: usize, price: &str) -> String {
    let mut products = Vec::new();
    let mut terms = Vec::new();
    let skus = (0..many)
        .rev()
        .map(|i| (format!("M{i:06}"), "MANY"))
        .chain([("ONE".to_string(), "ONE")]);
    for (sku, usage_type) in skus {
        products.push(format!(
            r#""{sku}": {{"attributes": {{"usagetype": "{usage_type}", "regionCode": "r"}}}}"#
        ));
        terms.push(format!(
            r#""{sku}": {{"T": {{"priceDimensions": {{"{sku}.T.R": {{"unit": "Hrs",
                "pricePerUnit": {{"USD": "{price}"}}}}}}}}}}"#
        ));
    }
    format!(
        r#"{{"offerCode": "O", "products": {{{}}}, "terms": {{"OnDemand": {{{}}}}}}}"#,
        products.join(",\n"),
        terms.join(",\n")
    )
}

/// Selector 0 takes usage type `MANY`, selector 1 `ONE`.
fn keep(_: Option<&str>, _: Option<&str>, values: &[Option<String>]) -> Vec<usize> {
    match values[0].as_deref() {
        Some("MANY") => vec![0],
        Some("ONE") => vec![1],
        _ => Vec::new(),
    }
}

fn read_text(text: &str) -> Result<Offer, Error> {
    let names = ["usagetype", "regionCode"];
    let selection = Selection {
        attributes: &names,
        keep: &keep,
        selectors: 2,
        rows: &|_, _, _| None,
        region_attribute: 1,
    };
    read(text.as_bytes(), || Ok(text.as_bytes()), &selection)
}

#[test]
fn of_many_products_a_selector_keeps_their_count_and_first_skus_only() {
    let offer = read_text(&offer(20_000, "0.015")).expect("reads");
    let many = &offer.matched[0];
    assert_eq!(many.count, 20_000);
    let first: Vec<String> = (0..MAX_SKUS).map(|i| format!("M{i:06}")).collect();
    assert_eq!(many.skus, first);
    assert_eq!(many.attributes, None);
    // Only the product that alone matches its selector is kept, with
    // its one term; the 20,000 terms of the others are skipped.
    assert_eq!(offer.matched[1].count, 1);
    assert_eq!(offer.products.keys().collect::<Vec<_>>(), ["ONE"]);
    let one = &offer.products["ONE"];
    assert_eq!(
        one.attributes,
        [Some("ONE".to_string()), Some("r".to_string())]
    );
    assert_eq!(one.terms.len(), 1);
}

#[test]
fn a_sku_written_twice_is_one_product() {
    let text = offer(1, "0.015").replacen(
        r#""ONE": {"#,
        r#""M000000": {"attributes": {"usagetype": "MANY", "regionCode": "r"}}, "ONE": {"#,
        1,
    );
    let offer = read_text(&text).expect("reads");
    assert_eq!(offer.matched[0].count, 1);
    assert!(offer.products.contains_key("M000000"));
}

#[test]
fn a_price_a_decimal_cannot_hold_is_a_fault_at_its_place() {
    let error = read_text(&offer(2, "1e-30")).expect_err("refused");
    let fault = error.fault.expect("a fault");
    // Only the terms kept are read: those of `ONE`. The header and the
    // three products take lines 1 to 3, and the terms start on line 3,
    // two lines each, `ONE`'s last: its price is on line 8, after 16
    // spaces and `"pricePerUnit": {"USD": "` (25 characters), so that
    // `1e-30` takes columns 42 to 46 and its closing quote, where the
    // reader is, column 47.
    assert_eq!(
        (fault.sku.as_str(), fault.rate_code.as_str()),
        ("ONE", "ONE.T.R")
    );
    assert_eq!((fault.what, fault.text.as_str()), ("price", "1e-30"));
    assert_eq!(fault.refused, Refused::Small);
    assert_eq!((error.json.line(), error.json.column()), (8, 47));
}

/// Each product of usage type `MANY` is a row of type `MANY`, `ONE` of `ONE`.
fn row(_: Option<&str>, _: Option<&str>, values: &[Option<String>]) -> Option<(usize, String)> {
    let usage_type = values[0].as_deref()?;
    Some((0, usage_type.to_string()))
}

#[test]
fn of_many_products_of_one_type_a_row_keeps_their_count_and_first_skus_only() {
    let text = offer(20_000, "0.015");
    let names = ["usagetype", "regionCode"];
    let selection = Selection {
        attributes: &names,
        keep: &|_, _, _| Vec::new(),
        selectors: 0,
        rows: &row,
        region_attribute: 1,
    };
    let offer = read(text.as_bytes(), || Ok(text.as_bytes()), &selection).expect("reads");
    // One entry a type, however many products it has.
    assert_eq!(offer.rows.len(), 2);
    let many = &offer.rows[&(0, "MANY".to_string())];
    assert_eq!(many.count, 20_000);
    assert_eq!(many.skus.len(), MAX_SKUS);
    assert_eq!(many.attributes, None);
    // Only the type's one product is kept, with its term.
    assert_eq!(offer.rows[&(0, "ONE".to_string())].count, 1);
    assert_eq!(offer.products.keys().collect::<Vec<_>>(), ["ONE"]);
    assert_eq!(offer.products["ONE"].terms.len(), 1);
}
