//! The projection's short cuts against twelve (and thirty-six) full month passes.

use super::*;
use crate::native::{embedded_catalog, parse_estimate_json};

/// Every month priced by a full pass, with no short cut: what `project_year` used to do.
fn full_passes(catalog: &Catalog, estimate: &Estimate, count: u32) -> Vec<Money> {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine::new(catalog, estimate, &settings);
    let mut ledger = Ledger::default();
    (1..=count)
        .map(|month| {
            ledger.month = month;
            engine.month_total(&mut ledger)
        })
        .collect()
}

fn check(text: &str, typical_month: u32) -> Projection {
    let catalog = embedded_catalog().unwrap();
    let estimate = parse_estimate_json(text).unwrap();
    let p = project(&catalog, &estimate);
    let full = full_passes(&catalog, &estimate, TYPICAL_MONTH_CAP);
    assert_eq!(p.year.months, full[..12].to_vec(), "{text}");
    let mut sum = Money::zero(p.first.currency());
    for m in &full[..12] {
        sum = sum.checked_add(*m).unwrap();
    }
    assert_eq!(p.year.total, sum, "{text}");
    assert_eq!(p.first, full[0]);
    assert_eq!(quote(&catalog, &estimate).total, p.first);
    assert_eq!((p.typical.month, p.typical.reached), (typical_month, true), "{text}");
    // The typical month and every month after it, up to the cap, cost the same.
    let from = typical_month as usize - 1;
    assert!(full[from..].iter().all(|m| *m == p.typical.total), "{text}: {:?}", &full[from..]);
    p
}

#[test]
fn a_line_without_state_is_the_same_every_month() {
    // GLM-5 with its free trial off: 100 x 40,000 input (10,000 cached) + 800 output, 32k+ tier.
    let p = check(
        r#"{"lines":[{"provider":"tencent-tokenhub","model":"GLM-5","requests":100,"input_tokens":40000,
            "cached_tokens":10000,"output_tokens":800,"free_trial":false}]}"#,
        1,
    );
    assert!(p.year.months.iter().all(|m| *m == p.first));
}

#[test]
fn a_token_trial_runs_out_after_90_days() {
    // Hunyuan-role, 250,000 tokens a month against 1,000,000 free for 90 days: months 1-3 free,
    // the 250,000 left expire, month 4 is typical.
    check(
        r#"{"lines":[{"provider":"tencent-tokenhub","model":"Hunyuan-role","requests":100,"input_tokens":2000,"output_tokens":500}]}"#,
        4,
    );
}

#[test]
fn quotas_used_up_volume_tiers_packages_and_pools_match_full_passes() {
    // Seed 002: 50 free left, then 10,000 a month post-paid; month 2 is typical.
    check(
        r#"{"lines":[{"provider":"hunyuan-image-global","model":"Image Style Transfer","images":10000,"free_remaining":50}]}"#,
        2,
    );
    // Two lines of one volume-priced model and packages bought in month 1: 30,000 units last
    // 30,000 / 4,000 = 7.5 months, so month 9 is the first with nothing left.
    check(
        r#"{"lines":[{"provider":"hunyuan-image-global","model":"Image Style Transfer","images":3000,"free_trial":false,
                      "packages":[{"size":10000,"count":3}]},
                     {"provider":"hunyuan-image-global","model":"Image Style Transfer","images":1000,"free_trial":false}]}"#,
        9,
    );
    // A pooled video quota shared by two lines, a 3D range line and an image quota lasting 365 days.
    check(
        r#"{"lines":[{"provider":"tencent-tokenhub","model":"YT-Video-2.0","calls":1,"resolution":"720p"},
                     {"provider":"tencent-tokenhub","model":"HY-Video-1.5","calls":1,"resolution":"720p"},
                     {"provider":"tencent-tokenhub","model":"HY-3D-3.0","calls":1,"credits":20},
                     {"provider":"tencent-tokenhub","model":"HY-Image-V3.0","images":1}]}"#,
        14,
    );
}

#[test]
fn an_unused_package_expires_after_365_days() {
    // 10,000,000 images bought for 1 a month: months 1-13 draw on them (day 360 < 365), month 14
    // finds them expired.
    let p = check(
        r#"{"lines":[{"provider":"hunyuan-image-global","model":"Image Style Transfer","images":1,"free_trial":false,
            "packages":[{"size":10000000,"count":1}]}]}"#,
        14,
    );
    // Month 1: the package, 200,000 USD; months 2-12 nothing post-paid.
    assert_eq!(p.first.amount(), rust_decimal::Decimal::from(200_000));
    assert_eq!(p.year.total.amount(), rust_decimal::Decimal::from(200_000));
    // Month 14 on: 1 image a month at 0.08 USD.
    assert_eq!(p.typical.total.amount(), rust_decimal::Decimal::new(8, 2));
}

#[test]
fn a_balance_that_outlasts_the_cap_is_not_typical() {
    // Flux Dev's free images have no published size or validity: 1,000 stated, 1 image a month,
    // so they last past month 36.
    let catalog = embedded_catalog().unwrap();
    let estimate = parse_estimate_json(
        r#"{"lines":[{"provider":"ucloud-modelverse","model":"Flux Dev","images":1,"free_remaining":1000}]}"#,
    )
    .unwrap();
    let p = project(&catalog, &estimate);
    assert_eq!((p.typical.month, p.typical.reached), (TYPICAL_MONTH_CAP, false));
    assert_eq!(p.year.months, full_passes(&catalog, &estimate, 12));
    assert!(p.typical.total.amount().is_zero());
}
