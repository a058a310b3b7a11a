//! The decision tools (issue 14), each checked against values worked out by hand from the seed
//! documents; the arithmetic is written next to each assertion.

use std::str::FromStr;

use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::breakdown::Note;
use ratecard::rating::quote;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn images(n: u64, extra: &str) -> String {
    format!(
        r#"{{"version": 1, {extra} "lines": [{{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {n}, "free_trial": false}}]}}"#
    )
}

fn cliff(n: u64, extra: &str) -> Option<(Decimal, Decimal, u64)> {
    let catalog = embedded_catalog().unwrap();
    let b = quote(&catalog, &parse_estimate_json(&images(n, extra)).unwrap());
    b.lines[0].flags.iter().find_map(|f| match f {
        Note::VolumeCliff { more, saving, at, .. } => Some((*more, saving.amount(), *at)),
        _ => None,
    })
}

#[test]
fn volume_cliff_seed_002() {
    // 9,990 x 0.08 = 799.20 USD; 10,000 x 0.06 = 600.00 USD: 10 more images cost 199.20 less.
    assert_eq!(cliff(9_990, ""), Some((d("10"), d("199.20"), 10_000)));
    // 7,500 x 0.08 = 600 = 10,000 x 0.06: not strictly cheaper, so no note.
    assert_eq!(cliff(7_500, ""), None);
    // 7,501 x 0.08 = 600.08 > 600: 2,499 more cost 0.08 less.
    assert_eq!(cliff(7_501, ""), Some((d("2499"), d("0.08"), 10_000)));
    // 99,000 x 0.06 = 5,940; 100,000 x 0.05 = 5,000: 1,000 more cost 940 less.
    assert_eq!(cliff(99_000, ""), Some((d("1000"), d("940"), 100_000)));
    // At a bound there is nothing to gain: 10,000 x 0.06 = 600 against 100,000 x 0.05 = 5,000.
    assert_eq!(cliff(10_000, ""), None);
    // User discount x0.5: 9,990 x 0.08 x 0.5 = 399.60; 10,000 x 0.06 x 0.5 = 300; saving 99.60.
    assert_eq!(cliff(9_990, r#""discounts": {"user": 0.5},"#), Some((d("10"), d("99.6"), 10_000)));
}

#[test]
fn volume_cliff_flag_carries_its_numbers() {
    let catalog = embedded_catalog().unwrap();
    let b = quote(&catalog, &parse_estimate_json(&images(9_990, "")).unwrap());
    let v = serde_json::to_value(&b.lines[0].flags).unwrap();
    let flag = v.as_array().unwrap().iter().find(|f| f["code"] == "volume_cliff").unwrap();
    assert_eq!(d(flag["more"].as_str().unwrap()), d("10"));
    assert_eq!(d(flag["saving"].as_str().unwrap()), d("199.20"));
    assert_eq!(flag["at"], 10_000);
    assert_eq!(
        flag["message"],
        "all-units volume cliff: 10 more images would cost 199.20 USD less this month (every unit drops to the price from 10,000 images)"
    );
}
