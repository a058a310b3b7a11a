//! The calculator's state (`ratecard::calculator`), which the widget edits, driven natively:
//! field text and its problems, models changing, lines added, moved and removed, free-trial and
//! discount settings, line revisions, and numbers too large to price. (The widget's DOM is tested
//! in Chromium by tests/web.rs.)

use std::str::FromStr;

use ratecard::calculator::state::{
    Calculator, FreeMode, cache_share_of, default_estimate, free_mode_of, parse_quantity,
};
use ratecard::native::embedded_catalog;
use ratecard::rating::catalog::Catalog;
use ratecard::rating::num::EntryProblem;
use ratecard::rating::{Currency, fields_used, quote};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn cat() -> Catalog {
    embedded_catalog().expect("the embedded catalog loads")
}

#[test]
fn the_default_estimate_prices_without_errors() {
    let c = cat();
    let b = quote(&c, &default_estimate());
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    assert_eq!(b.currency, Currency::Cny);
    assert!(b.total.amount() > Decimal::ZERO);
}

#[test]
fn quantities_are_read_exactly_with_k_and_m_suffixes() {
    assert_eq!(parse_quantity("32k"), Ok(Some(d("32000"))));
    assert_eq!(parse_quantity(" 1.5M "), Ok(Some(d("1500000"))));
    assert_eq!(parse_quantity("0.1"), Ok(Some(d("0.1"))));
    assert_eq!(parse_quantity(""), Ok(None));
    assert_eq!(parse_quantity(" abc "), Err(EntryProblem::NotANumber { text: "abc".into() }));
    // Thousands separators as locales write them: 30,000 (en, zh), 30 000 and 30\u{202F}000 (fr).
    for text in ["30,000", "30 000", "30\u{202F}000", "30\u{00A0}000", "30k"] {
        assert_eq!(parse_quantity(text), Ok(Some(d("30000"))), "{text:?}");
    }
    assert_eq!(parse_quantity("1,5"), Err(EntryProblem::Separators { text: "1,5".into() }));
    assert_eq!(
        parse_quantity("1,5").unwrap_err().to_string(),
        "\"1,5\" is not a number: separators group thousands in threes (30,000 or 30 000), and decimals take a point (1.5)"
    );
    // 1.2345 x 1,000 = 1,234.5: not a whole count.
    assert_eq!(
        parse_quantity("1.2345k").unwrap_err().to_string(),
        "\"1.2345k\" is 1,234.5, not a whole number: k, M and B are for whole counts"
    );
    // A 29th decimal place is refused, not rounded away; "1..2" is not a number at all.
    assert_eq!(
        parse_quantity("0.00000000000000000000000000001").unwrap_err().to_string(),
        "\"0.00000000000000000000000000001\" has more digits than an exact decimal holds (28, and 28 after the point)"
    );
    assert_eq!(parse_quantity("1..2").unwrap_err().to_string(), "\"1..2\" is not a number");
}

#[test]
fn the_cached_tokens_field_takes_a_share_of_the_input() {
    let mut calc = Calculator::default();
    let id = calc.view.ids[0];
    // The default line has 2,000 input tokens: 30% of them = 2,000 x 30 / 100 = 600.
    calc.set_field(id, "cached_tokens", "30%").unwrap();
    assert_eq!(calc.estimate.lines[0].cached_tokens, Some(d("600")));
    assert_eq!(calc.field_text(id, "cached_tokens"), "30%");
    // The share follows the input: 40k x 30 / 100 = 12,000.
    calc.set_field(id, "input_tokens", "40k").unwrap();
    assert_eq!(calc.estimate.lines[0].cached_tokens, Some(d("12000")));
    assert_eq!(
        calc.set_field(id, "cached_tokens", "130%").unwrap_err(),
        EntryProblem::ShareRange { text: "130%".into() }
    );
    assert_eq!(calc.set_field(id, "requests", "5%").unwrap_err(), EntryProblem::NoShareHere { text: "5%".into() });
}

#[test]
fn a_bad_field_keeps_its_text_and_message_and_leaves_the_value_unset() {
    let mut calc = Calculator::default();
    let id = calc.view.ids[0];
    assert!(calc.set_field(id, "requests", "abc").is_err());
    assert_eq!(calc.field_text(id, "requests"), "abc");
    assert_eq!(calc.field_error(id, "requests"), Some(EntryProblem::NotANumber { text: "abc".into() }));
    assert_eq!(calc.estimate.lines[0].requests, None);
    calc.set_field(id, "requests", "2500").unwrap();
    assert_eq!(calc.field_error(id, "requests"), None);
    assert_eq!(calc.estimate.lines[0].requests, Some(d("2500")));
}

#[test]
fn a_line_s_revision_changes_only_with_the_line() {
    let c = cat();
    let mut calc = Calculator::default();
    let first = calc.view.ids[0];
    let second = calc.add_line(&c, "tencent-tokenhub", "GLM-5");
    let (one, two) = (calc.rev(first), calc.rev(second));
    assert!(calc.set_field(second, "requests", "12x").is_err());
    assert_eq!(calc.rev(first), one, "typing into line 2 leaves line 1 alone");
    assert_ne!(calc.rev(second), two);
    let two = calc.rev(second);
    calc.toggle_picker(first);
    assert_ne!(calc.rev(first), one);
    assert_eq!(calc.rev(second), two);
    let one = calc.rev(first);
    calc.toggle_picker(second);
    assert_ne!(calc.rev(first), one, "the picker closing on line 1 changes it");
    assert_ne!(calc.rev(second), two);
    calc.close_picker();
    assert_eq!(calc.view.picker, None);
    let two = calc.rev(second);
    calc.set_paste(second, "hello".into());
    assert_ne!(calc.rev(second), two);
    let line = calc.line(second).unwrap();
    assert_eq!(free_mode_of(line, false), FreeMode::New);
    assert_eq!(free_mode_of(line, true), FreeMode::Remaining);
    assert_eq!(cache_share_of(line), Some(d("0")));
}

#[test]
fn changing_the_model_drops_the_fields_it_does_not_use() {
    let c = cat();
    let mut calc = Calculator::default();
    let id = calc.view.ids[0];
    calc.set_model(&c, id, "tencent-tokenhub", "YT-Video-2.0");
    let line = &calc.estimate.lines[0];
    assert_eq!(line.requests, None);
    assert_eq!(line.input_tokens, None);
    assert!(line.calls.is_some());
    assert!(line.resolution.is_some());
    let b = quote(&c, &calc.estimate);
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let model = c.card("tencent-tokenhub").unwrap().1.model("YT-Video-2.0").unwrap().1;
    assert!(fields_used(model).contains(&"resolution"));
}

#[test]
fn lines_are_added_duplicated_moved_and_removed() {
    let c = cat();
    let mut calc = Calculator::default();
    let first = calc.view.ids[0];
    let image = calc.add_line(&c, "tencent-tokenhub", "HY-Image-V3.0");
    assert_eq!(calc.estimate.lines[1].images, Some(d("100")));
    let copy = calc.duplicate(first).unwrap();
    assert_eq!(calc.view.ids, vec![first, copy, image]);
    assert!(calc.move_down(first));
    assert_eq!(calc.view.ids, vec![copy, first, image]);
    assert!(!calc.move_down(image));
    assert!(calc.move_up(image));
    assert_eq!(calc.view.ids, vec![copy, image, first]);
    calc.remove(copy);
    assert_eq!(calc.estimate.lines.len(), 2);
    assert_eq!(calc.estimate.lines[0].model, "HY-Image-V3.0");
}

#[test]
fn free_trial_settings_and_discounts_edit_the_estimate() {
    let mut calc = Calculator::default();
    let id = calc.view.ids[0];
    calc.set_free_mode(id, FreeMode::Off);
    assert_eq!(calc.estimate.lines[0].free_trial, Some(false));
    calc.set_free_mode(id, FreeMode::Remaining);
    assert_eq!(calc.free_mode(id), FreeMode::Remaining);
    calc.set_field(id, "free_remaining", "1000").unwrap();
    assert_eq!(calc.estimate.lines[0].free_remaining, Some(d("1000")));
    calc.set_setting("discounts.channel", "0.9").unwrap();
    assert_eq!(calc.estimate.discounts.as_ref().unwrap().channel, Some(d("0.9")));
    calc.set_setting("discounts.channel", "").unwrap();
    assert_eq!(calc.estimate.discounts, None);
    assert_eq!(calc.field_text(0, "usd_cny"), "7.3");
    calc.set_setting("usd_cny", "7.1").unwrap();
    assert_eq!(calc.estimate.usd_cny, Some(d("7.1")));
}

#[test]
fn huge_numbers_never_panic() {
    let c = cat();
    let mut calc = Calculator::default();
    let id = calc.view.ids[0];
    calc.set_field(id, "input_tokens", "79228162514264337593543950335").unwrap();
    calc.set_cache_share(id, 90);
    let _ = calc.cache_share(id);
    calc.set_field(id, "requests", "99999999999999999999999999999999").unwrap_err();
    let b = quote(&c, &calc.estimate);
    assert!(!b.errors.is_empty());
    calc.set_field(id, "input_tokens", "4000").unwrap();
    calc.set_cache_share(id, 50);
    assert_eq!(calc.estimate.lines[0].cached_tokens, Some(d("2000")));
    assert_eq!(calc.cache_share(id), Some(d("50")));
}

#[test]
fn package_counts_are_kept_per_size() {
    let c = cat();
    let mut calc = Calculator::default();
    let id = calc.view.ids[0];
    calc.set_model(&c, id, "hunyuan-image-global", "Image Style Transfer");
    calc.set_package_count(id, d("10000"), "3").unwrap();
    calc.set_package_count(id, d("1000"), "2").unwrap();
    let bought =
        |calc: &Calculator| calc.estimate.lines[0].packages.iter().map(|p| (p.size, p.count)).collect::<Vec<_>>();
    assert_eq!(bought(&calc), [(d("10000"), d("3")), (d("1000"), d("2"))]);
    assert_eq!(calc.package_text(id, d("10000")), "3");
    // Seed 002: 3 x 550 + 2 x 75 = 1,800 USD of packages in month 1.
    let b = quote(&c, &calc.estimate);
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    // Text that is not a number keeps its message and buys none of that size.
    assert!(calc.set_package_count(id, d("1000"), "two").is_err());
    assert_eq!(calc.field_error(id, "packages.1000"), Some(EntryProblem::NotANumber { text: "two".into() }));
    assert_eq!(bought(&calc), [(d("10000"), d("3"))]);
    assert_eq!(calc.package_text(id, d("1000")), "two");
    // 0 or blank buys none.
    calc.set_package_count(id, d("10000"), "0").unwrap();
    assert!(calc.estimate.lines[0].packages.is_empty());
    // A plan's mix replaces them all and clears what was typed.
    calc.set_package_mix(id, &[(d("10000"), d("3"))]);
    assert_eq!(bought(&calc), [(d("10000"), d("3"))]);
    assert_eq!(calc.field_error(id, "packages.1000"), None);
    assert_eq!(calc.package_text(id, d("1000")), "");
    assert_eq!(calc.package_text(id, d("10000")), "3");
}
