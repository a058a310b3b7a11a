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

// ------------------------------------------------------------------------------ cost against volume

use ratecard::rating::decide::{
    Cheaper, MarkKind, Throughput, balance_runway, cost_curve, parse_civil, plan_with_break_even, size_concurrency,
};

fn estimate(text: &str) -> ratecard::rating::Estimate {
    parse_estimate_json(text).unwrap()
}

#[test]
fn cost_curve_by_hand() {
    let catalog = embedded_catalog().unwrap();
    let e = estimate(&images(9_990, ""));
    let c = cost_curve(&catalog, &e, 1, 4, d("3")).unwrap();
    assert_eq!(c.field, "images");
    // Top 3 x 9,990 = 29,970; points at 0, 9,990, 19,980, 29,970.
    // 0; 9,990 x 0.08 = 799.20; 19,980 x 0.06 = 1,198.80; 29,970 x 0.06 = 1,798.20.
    let pts: Vec<_> = c.points.iter().map(|p| (p.quantity, p.line_total.amount())).collect();
    assert_eq!(
        pts,
        vec![(d("0"), d("0")), (d("9990"), d("799.2")), (d("19980"), d("1198.8")), (d("29970"), d("1798.2"))]
    );
    // Packages pay off above 937, 6,875 and 56,250 images a year (see plan_break_even_seed_002): a
    // year of months of 79 (948 > 937; 78 x 12 = 936 is not), 573 (6,876 > 6,875; 572 x 12 =
    // 6,864) and 4,688 (56,256 > 56,250; 4,687 x 12 = 56,244) images passes them; 79 x 0.08 = 6.32,
    // 573 x 0.08 = 45.84, 4,688 x 0.08 = 375.04. The 1M package (500,000 a year: 41,667 a month) is
    // beyond the top. Today 9,990 at 799.20; the [10,000, 100,000) tier (index 1) starts at 10,000:
    // 10,000 x 0.06 = 600.
    let marks: Vec<_> =
        c.marks.iter().map(|m| (m.kind.clone(), m.point.quantity, m.point.line_total.amount())).collect();
    assert_eq!(
        marks,
        vec![
            (MarkKind::PackagePaysOff { size: 1_000 }, d("79"), d("6.32")),
            (MarkKind::PackagePaysOff { size: 10_000 }, d("573"), d("45.84")),
            (MarkKind::PackagePaysOff { size: 100_000 }, d("4688"), d("375.04")),
            (MarkKind::Today, d("9990"), d("799.2")),
            (MarkKind::TierBound { index: 1 }, d("10000"), d("600"))
        ]
    );
    // Just below the bound every image is still at 0.08: 9,999 x 0.08 = 799.92.
    let before: Vec<_> =
        c.marks.iter().filter_map(|m| m.before.as_ref()).map(|p| (p.quantity, p.line_total.amount())).collect();
    assert_eq!(before, vec![(d("9999"), d("799.92"))]);
}

#[test]
fn cost_curve_marks_the_end_of_prepaid_cover() {
    let catalog = embedded_catalog().unwrap();
    let e = estimate(
        r#"{"version": 1, "lines": [{"provider": "hunyuan-image-global", "model": "Image Style Transfer",
            "images": 5000, "free_trial": false, "prepaid_remaining": 1000}]}"#,
    );
    let c = cost_curve(&catalog, &e, 1, 3, d("2")).unwrap();
    // Points 0, 5,000, 10,000: post-paid 0, 4,000 x 0.08 = 320, 9,000 x 0.08 = 720 (9,000 < 10,000).
    let pts: Vec<_> = c.points.iter().map(|p| p.line_total.amount()).collect();
    assert_eq!(pts, vec![d("0"), d("320"), d("720")]);
    // The 1,000 prepaid images cover the line up to 1,000; the 10,000 bound needs 11,000 images,
    // beyond the top, so no tier is marked.
    // The package marks are as in cost_curve_by_hand (79, 573 and 4,688 images a month).
    let marks: Vec<_> = c.marks.iter().map(|m| (m.kind.clone(), m.point.quantity)).collect();
    assert_eq!(
        marks,
        vec![
            (MarkKind::PackagePaysOff { size: 1_000 }, d("79")),
            (MarkKind::PackagePaysOff { size: 10_000 }, d("573")),
            (MarkKind::CoveredUntil, d("1000")),
            (MarkKind::PackagePaysOff { size: 100_000 }, d("4688")),
            (MarkKind::Today, d("5000"))
        ]
    );
    assert!(cost_curve(&catalog, &e, 2, 3, d("2")).is_err());
}

// ----------------------------------------------------------------------- cheapest mix, break-even

#[test]
fn plan_break_even_seed_002() {
    let catalog = embedded_catalog().unwrap();
    let (_, card) = catalog.card("hunyuan-image-global").unwrap();
    let (_, model) = card.model("Image Style Transfer").unwrap();
    // Seed 002 prepaid example 1: 30,000 a year = 3 x 10,000 packages = 550 x 3 = 1,650 USD; all
    // post-paid is 2,500 a month x 0.08 x 12 = 2,400 USD; saving 750.
    let p = plan_with_break_even(card, model, 30_000, &[]).unwrap();
    assert_eq!(p.plan.total.amount(), d("1650"));
    assert_eq!(p.plan.all_postpaid.amount(), d("2400"));
    assert_eq!(p.saving.amount(), d("750"));
    let be: Vec<_> = p.break_evens.iter().map(|b| (b.size, b.pays_off_above)).collect();
    // 75 / 0.08 = 937.5 -> 937; 550 / 0.08 = 6,875; 4,500 / 0.08 = 56,250; the 1M package at
    // 30,000: from 120,000 a year a month passes 10,000 and costs 0.06, 30,000 / 0.06 = 500,000;
    // the 10M package at 200,000: from 1.2M a year 0.05, 200,000 / 0.05 = 4,000,000.
    assert_eq!(
        be,
        vec![
            (1_000, Some(937)),
            (10_000, Some(6_875)),
            (100_000, Some(56_250)),
            (1_000_000, Some(500_000)),
            (10_000_000, Some(4_000_000))
        ]
    );
    // Channel x0.9: post-paid 0.072 an image, 30,000 x 0.072 = 2,160; 3 x 10,000 still 1,650
    // (2 packages + 10,000 post-paid = 1,100 + 720 = 1,820), saving 510. The 10,000 package pays
    // off above 550 / 0.072 = 7,638.9 -> 7,638; 1,000 images post-paid cost 72 <= 75, so the 1,000
    // package never pays off on its own.
    let p = plan_with_break_even(card, model, 30_000, &[d("0.9")]).unwrap();
    assert_eq!(
        (p.plan.total.amount(), p.plan.all_postpaid.amount(), p.saving.amount()),
        (d("1650"), d("2160"), d("510"))
    );
    assert_eq!(p.break_evens[0].pays_off_above, None);
    assert_eq!(p.break_evens[1].pays_off_above, Some(7_638));
    assert!(plan_with_break_even(card, model, 30_000, &[d("1.5")]).is_err());
}

// ----------------------------------------------------------------------------- concurrency sizing

#[test]
fn concurrency_sizing_seed_002() {
    let catalog = embedded_catalog().unwrap();
    let (_, card) = catalog.card("hunyuan-image-global").unwrap();
    let (_, model) = card.model("Image Style Transfer").unwrap();
    // 30 tasks a minute of 20 s: 30 / 60 x 20 = 10 in flight; 3 included, 7 add-ons. 10 days:
    // daily 7 x 200 x 10 = 14,000 against monthly 7 x 4,000 = 28,000: daily is cheaper.
    let s = size_concurrency(card, model, Throughput::PerMinute(d("30")), d("20"), 10).unwrap();
    assert_eq!((s.in_flight, s.concurrency, s.included, s.extra), (d("10"), 10, 3, 7));
    assert_eq!((s.daily_cost.amount(), s.monthly_cost.amount(), s.cheaper), (d("14000"), d("28000"), Cheaper::Daily));
    // 4,000 / 200 = 20 days: at 20 days both cost 28,000; at 25 days daily is 35,000.
    assert_eq!(s.break_even_days, d("20"));
    let s = size_concurrency(card, model, Throughput::PerMinute(d("30")), d("20"), 20).unwrap();
    assert_eq!(s.cheaper, Cheaper::Same);
    let s = size_concurrency(card, model, Throughput::PerMinute(d("30")), d("20"), 25).unwrap();
    assert_eq!((s.daily_cost.amount(), s.cheaper), (d("35000"), Cheaper::Monthly));
    // 6 a minute of 20 s: 2 in flight, below the 3 included: no add-ons.
    let s = size_concurrency(card, model, Throughput::PerMinute(d("6")), d("20"), 1).unwrap();
    assert_eq!((s.concurrency, s.extra, s.cheaper), (3, 0, Cheaper::NoneNeeded));
    // 1,000 tasks in the peak hour of 45 s: 1,000 x 45 / 3,600 = 12.5 -> 13, 10 add-ons: one day
    // 10 x 200 = 2,000.
    let s = size_concurrency(card, model, Throughput::PeakHour(d("1000")), d("45"), 1).unwrap();
    assert_eq!((s.in_flight, s.concurrency, s.extra, s.daily_cost.amount()), (d("12.5"), 13, 10, d("2000")));
}

// -------------------------------------------------------------------------------- balance runway

#[test]
fn balance_runway_seed_000() {
    let catalog = embedded_catalog().unwrap();
    let b = quote(&catalog, &estimate(&images(10_000, "")));
    let dec1 = parse_civil("2026-12-01").unwrap();
    // 10,000 x 0.06 = 600 USD a month, 600 / 30 = 20 USD a day. 110 USD last 110 x 720 / 600 = 132
    // hours = 5 days 12 hours: stops 2026-12-06 12:00; deleted 15 days later, 2026-12-21 12:00; the
    // reminder 4 hours before, 08:00.
    let r = balance_runway(&b, d("110"), dec1).unwrap();
    assert_eq!((r.month_postpaid.amount(), r.daily_spend.amount(), r.hours), (d("600"), d("20"), 132));
    assert_eq!((r.stops.date.as_str(), r.stops.hour), ("2026-12-06", 12));
    assert_eq!((r.deleted.date.as_str(), r.deleted.hour), ("2026-12-21", 12));
    assert_eq!((r.reminder.date.as_str(), r.reminder.hour), ("2026-12-21", 8));
    // 600 USD from 2026-12-20: 720 hours = 30 days -> 2027-01-19 00:00; deleted 2027-02-03 00:00,
    // reminder 2027-02-02 20:00.
    let r = balance_runway(&b, d("600"), parse_civil("2026-12-20").unwrap()).unwrap();
    assert_eq!((r.stops.date.as_str(), r.stops.hour), ("2027-01-19", 0));
    assert_eq!((r.deleted.date.as_str(), r.reminder.date.as_str(), r.reminder.hour), ("2027-02-03", "2027-02-02", 20));
    // A balance of 0 stops at once.
    assert_eq!(balance_runway(&b, d("0"), dec1).unwrap().stops.date, "2026-12-01");
    // Channel x0.9: 540 a month; 100 x 720 / 540 = 133.3 -> 133 hours = 5 days 13 hours.
    let b = quote(&catalog, &estimate(&images(10_000, r#""discounts": {"channel": 0.9},"#)));
    let r = balance_runway(&b, d("100"), dec1).unwrap();
    assert_eq!((r.daily_spend.amount(), r.hours, r.stops.hour), (d("18"), 133, 13));
}

#[test]
fn trial_horizon_seed_003_runs_out_in_the_third_month() {
    use ratecard::rating::decide::trial_horizon;
    // Seed 003: 1,000,000 free tokens per language model, valid 90 days from the claim, to be
    // claimed by 2026-12-31. 1,000 requests of 300 input + 100 output tokens = 400,000 tokens a
    // month, at entered prices of 1 (input) and 2 (output) USD per 1M.
    let catalog = embedded_catalog().unwrap();
    let e = estimate(
        r#"{"start": "2026-12", "lines": [{"provider": "tencent-tokenhub-intl", "model": "Language model",
            "requests": 1000, "input_tokens": 300, "output_tokens": 100,
            "prices": {"input_per_1m": "1", "output_per_1m": "2"}}]}"#,
    );
    let h = trial_horizon(&catalog, &e).unwrap();
    let rows: Vec<(String, Decimal, Decimal)> = h
        .months
        .iter()
        .map(|m| (m.calendar.map(|c| c.to_string()).unwrap_or_default(), m.quotas[0].left, m.cost.amount()))
        .collect();
    assert_eq!(
        rows,
        [
            // 1,000,000 - 400,000 = 600,000 left; nothing post-paid.
            ("2026-12".to_string(), d("600000"), d("0")),
            // 600,000 - 400,000 = 200,000.
            ("2027-01".to_string(), d("200000"), d("0")),
            // 200,000 free of 400,000, the same half of each part: 150,000 input and 50,000
            // output post-paid = 0.15 x 1 + 0.05 x 2 = 0.25 USD; nothing left.
            ("2027-02".to_string(), d("0"), d("0.25")),
        ]
    );
    assert_eq!((h.ends, h.ends_calendar.map(|c| c.to_string()), h.reached), (3, Some("2027-02".into()), true));
    // Then 300,000 x 1 / 1M + 100,000 x 2 / 1M = 0.3 + 0.2 = 0.5 USD a month.
    assert_eq!(h.after.amount(), d("0.5"));
    assert!(!h.months[2].quotas[0].expires, "used up, not expired");
    assert_eq!(h.months[0].quotas[0].claim_by.as_deref(), Some("2026-12-31"));
}

#[test]
fn trial_horizon_seed_000_expires_after_90_days() {
    use ratecard::rating::decide::trial_horizon;
    // Seed 000: Hunyuan-role has 1,000,000 free tokens for 90 days (months 1 to 3 of 30 days).
    // 100 requests x (2,000 + 500) = 250,000 tokens a month: 750,000, 500,000, then 250,000
    // left, which expires before month 4.
    let catalog = embedded_catalog().unwrap();
    let e = estimate(
        r#"{"lines":[{"provider":"tencent-tokenhub","model":"Hunyuan-role","requests":100,"input_tokens":2000,"output_tokens":500}]}"#,
    );
    let h = trial_horizon(&catalog, &e).unwrap();
    let left: Vec<Decimal> = h.months.iter().map(|m| m.quotas[0].left).collect();
    assert_eq!(left, [d("750000"), d("500000"), d("0")]);
    assert!(h.months[2].quotas[0].expires);
    assert!(h.months.iter().all(|m| m.cost.amount().is_zero() && m.calendar.is_none()));
    assert_eq!((h.ends, h.reached, h.start), (3, true, None));
    // Month 4: 200,000 x 2.4 / 1M + 50,000 x 9.6 / 1M = 0.48 + 0.48 = 0.96 CNY.
    assert_eq!(h.after.amount(), d("0.96"));
}

#[test]
fn trial_horizon_needs_a_trial_to_follow() {
    use ratecard::rating::decide::{HorizonError, trial_horizon};
    let catalog = embedded_catalog().unwrap();
    // The trial is off.
    let off = estimate(&images(100, ""));
    assert_eq!(trial_horizon(&catalog, &off), Err(HorizonError::NoTrial));
    // Seed 003's campaign ends 2026-12-31: from 2027-01 nothing can be claimed.
    let late = estimate(
        r#"{"start": "2027-01", "lines": [{"provider": "tencent-tokenhub-intl", "model": "Language model",
            "requests": 1000, "input_tokens": 300, "output_tokens": 100,
            "prices": {"input_per_1m": "1", "output_per_1m": "2"}}]}"#,
    );
    assert_eq!(trial_horizon(&catalog, &late), Err(HorizonError::NoTrial));
}
