//! Prices that change on a date (issue 14, item 8): every month of a projection is priced at the
//! prices in force that month, counted from the estimate's `start`. Worked by hand from
//! `pricing/gateway.toml`'s Gemini 3.8 Flash: 0.00075 / 0.00375 USD per 1K input / output tokens
//! through 2026-12, then 0.0015 / 0.0075 from 2027-01-01.

use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::wording::Note;
use ratecard::rating::{ErrorKind, project, quote};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// 1,000 requests of 1,000 input and 500 output tokens a month: 1,000,000 input and 500,000
/// output tokens.
fn gemini(start: Option<&str>) -> String {
    let start = start.map_or(String::new(), |s| format!(r#""start": "{s}","#));
    format!(
        r#"{{ {start} "lines": [{{ "provider": "gateway", "model": "Gemini 3.8 Flash",
            "requests": 1000, "input_tokens": 1000, "output_tokens": 500 }}] }}"#
    )
}

#[test]
fn a_year_from_2026_11_has_two_months_at_the_old_price_and_ten_at_the_new() {
    let catalog = embedded_catalog().unwrap();
    let estimate = parse_estimate_json(&gemini(Some("2026-11"))).unwrap();
    // Old price: 1,000 x 0.00075 + 500 x 0.00375 = 0.75 + 1.875 = 2.625 USD a month.
    // New price: 1,000 x 0.0015 + 500 x 0.0075 = 1.5 + 3.75 = 5.25 USD a month.
    let p = project(&catalog, &estimate);
    let (old, new) = (d("2.625"), d("5.25"));
    let months: Vec<Decimal> = p.year.months.iter().map(|m| m.amount()).collect();
    // 2026-11 and 2026-12 old; 2027-01 to 2027-10 new.
    let mut expected = vec![old, old];
    expected.extend([new; 10]);
    assert_eq!(months, expected);
    // 2 x 2.625 + 10 x 5.25 = 5.25 + 52.5 = 57.75.
    assert_eq!(p.year.total.amount(), d("57.75"));
    assert_eq!(p.first.amount(), old);
    // From month 3 (2027-01) every month costs the same.
    assert_eq!((p.typical.month, p.typical.reached, p.typical.total.amount()), (3, true, new));
    // The quote (month 1) says when the price changes: 2027-01 is month 3 of the year.
    let b = quote(&catalog, &estimate);
    assert_eq!(b.total.amount(), old);
    assert!(
        b.lines[0].flags.contains(&Note::PriceChange { from: "2027-01-01".into(), month: 3 }),
        "{:?}",
        b.lines[0].flags
    );
}

#[test]
fn a_start_after_the_change_prices_every_month_new_and_notes_nothing() {
    let catalog = embedded_catalog().unwrap();
    let estimate = parse_estimate_json(&gemini(Some("2027-02"))).unwrap();
    let p = project(&catalog, &estimate);
    // 12 x 5.25 = 63.
    assert_eq!((p.first.amount(), p.year.total.amount()), (d("5.25"), d("63")));
    let b = quote(&catalog, &estimate);
    assert!(!b.lines[0].flags.iter().any(|f| matches!(f, Note::PriceChange { .. })));
}

#[test]
fn a_change_after_the_year_leaves_the_year_alone_but_not_the_typical_month() {
    let catalog = embedded_catalog().unwrap();
    // From 2026-01 the change is month 13: the year is 12 x 2.625 = 31.5, and month 13 is the
    // first from which every month costs the same, 5.25.
    let p = project(&catalog, &parse_estimate_json(&gemini(Some("2026-01"))).unwrap());
    assert_eq!(p.year.total.amount(), d("31.5"));
    assert_eq!((p.typical.month, p.typical.total.amount()), (13, d("5.25")));
    let b = quote(&catalog, &parse_estimate_json(&gemini(Some("2026-01"))).unwrap());
    assert!(!b.lines[0].flags.iter().any(|f| matches!(f, Note::PriceChange { .. })));
}

#[test]
fn without_a_start_every_month_is_at_the_card_s_current_price() {
    let catalog = embedded_catalog().unwrap();
    let p = project(&catalog, &parse_estimate_json(&gemini(None)).unwrap());
    // 12 x 2.625 = 31.5, one pass.
    assert_eq!((p.year.total.amount(), p.typical.month), (d("31.5"), 1));
}

#[test]
fn a_bad_start_names_the_field() {
    let catalog = embedded_catalog().unwrap();
    let b = quote(&catalog, &parse_estimate_json(&gemini(Some("2026-13"))).unwrap());
    let e = &b.errors[0];
    assert_eq!((e.field.as_str(), e.kind()), ("start", ErrorKind::BadSetting));
    assert_eq!(e.problem.to_string(), "\"2026-13\" is not a start month: write it YYYY-MM, e.g. 2026-12");
}

#[test]
fn a_campaign_quota_cannot_be_claimed_after_its_last_claim_date() {
    // TokenHub International's trial can be claimed until 2026-12-31 (seed 003). A line of
    // 100,000 tokens a month at entered prices of 1 / 2 USD per 1M: 100 x (800 x 1 + 200 x 2) / 1M.
    let catalog = embedded_catalog().unwrap();
    let line = |start: &str| {
        format!(
            r#"{{ "start": "{start}", "lines": [{{ "provider": "tencent-tokenhub-intl", "model": "Language model",
                "requests": 100, "input_tokens": 800, "output_tokens": 200,
                "prices": {{ "input_per_1m": "1", "output_per_1m": "2" }} }}] }}"#
        )
    };
    // Claimed in 2026-12: the 100,000 tokens are free.
    let b = quote(&catalog, &parse_estimate_json(&line("2026-12")).unwrap());
    assert!(b.total.amount().is_zero(), "{}", b.total);
    // From 2027-01 it can no longer be claimed: 100 x (800 + 400) / 1M = 0.12 USD, and a note.
    let b = quote(&catalog, &parse_estimate_json(&line("2027-01")).unwrap());
    assert_eq!(b.total.amount(), d("0.12"));
    assert!(b.lines[0].flags.iter().any(|f| matches!(f, Note::ClaimClosed { date, .. } if date == "2026-12-31")));
    let p = project(&catalog, &parse_estimate_json(&line("2027-01")).unwrap());
    // 12 x 0.12 = 1.44: no month draws on the quota.
    assert_eq!(p.year.total.amount(), d("1.44"));
}
