//! Property tests for the decision tools (issue 14): each tool's promise, on random inputs.

use std::sync::OnceLock;

use proptest::prelude::*;
use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::breakdown::Note;
use ratecard::rating::catalog::Catalog;
use ratecard::rating::{Breakdown, quote};
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| embedded_catalog().unwrap())
}

/// Two lines of Image Style Transfer (all-units tiers), `a` and `b` images, with a user discount.
fn images(a: u64, b: u64, user: &str) -> Breakdown {
    let text = format!(
        r#"{{"version": 1, "discounts": {{"user": {user}}}, "lines": [
        {{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {a}, "free_trial": false}},
        {{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {b}, "free_trial": false}}]}}"#
    );
    quote(catalog(), &parse_estimate_json(&text).unwrap())
}

fn cliff(b: &Breakdown) -> Vec<(Decimal, Decimal, u64)> {
    b.lines
        .iter()
        .flat_map(|l| &l.flags)
        .filter_map(|f| match f {
            Note::VolumeCliff { more, saving, at, .. } => Some((*more, saving.amount(), *at)),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The saving is positive, it is exactly what the month costs less with the extra units on the
    /// last line, and without a note no tier bound above the month is strictly cheaper.
    #[test]
    fn volume_cliff_is_exact_and_only_when_cheaper(a in 0u64..1_200_000, b in 0u64..1_200_000,
                                                   user in prop::sample::select(vec!["1", "0.9", "0.35"])) {
        let now = images(a, b, user);
        let notes = cliff(&now);
        prop_assert!(notes.len() <= 1);
        let on_first = now.lines[0].flags.iter().any(|f| matches!(f, Note::VolumeCliff { .. }));
        prop_assert!(!on_first, "the note belongs on the last line");
        if let Some((more, saving, at)) = notes.first().copied() {
            prop_assert!(saving > Decimal::ZERO);
            prop_assert_eq!(Decimal::from(a + b) + more, Decimal::from(at));
            let more = u64::try_from(more).unwrap();
            let then = images(a, b + more, user);
            prop_assert_eq!(now.total.amount() - then.total.amount(), saving);
        } else {
            for bound in [10_000u64, 100_000, 1_000_000] {
                if bound > a + b {
                    let then = images(a, b + (bound - a - b), user);
                    prop_assert!(then.total.amount() >= now.total.amount());
                }
            }
        }
    }
}
