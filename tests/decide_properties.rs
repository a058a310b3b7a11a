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

/// Two lines of Image Style Transfer (all-units tiers), `a` and `b` images, with a user discount,
/// then a third line of `c` images fully covered by 1,000 prepaid images (`c` at most 1,000), so
/// more images on it would not be post-paid: the note must stay on line 2.
fn images(a: u64, b: u64, user: &str) -> Breakdown {
    images3(a, b, 0, user)
}

fn images3(a: u64, b: u64, c: u64, user: &str) -> Breakdown {
    let text = format!(
        r#"{{"version": 1, "discounts": {{"user": {user}}}, "lines": [
        {{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {a}, "free_trial": false}},
        {{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {b}, "free_trial": false}},
        {{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {c}, "free_trial": false,
          "prepaid_remaining": 1000}}]}}"#
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
    fn volume_cliff_is_exact_and_only_when_cheaper(a in 0u64..1_200_000, b in 1u64..1_200_000, c in 0u64..=1_000,
                                                   user in prop::sample::select(vec!["1", "0.9", "0.35"])) {
        let now = images3(a, b, c, user);
        let on_third = now.lines[2].flags.iter().any(|f| matches!(f, Note::VolumeCliff { .. }));
        prop_assert!(!on_third, "the prepaid line takes more images from its balance, not post-paid");
        prop_assert_eq!(cliff(&now), cliff(&images(a, b, user)));
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

use ratecard::rating::decide::{
    MarkKind, RunwayError, Throughput, balance_runway, cost_curve, plan_with_break_even, size_concurrency,
};
use ratecard::rating::plan::yearly_postpaid;

fn image_model() -> (&'static ratecard::rating::RateCard, &'static ratecard::rating::Model) {
    let (_, card) = catalog().card("hunyuan-image-global").unwrap();
    let (_, model) = card.model("Image Style Transfer").unwrap();
    (card, model)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Curve points rise from zero in quantity, and each tier mark is the first quantity in its tier:
    /// one unit less prices the line in a lower tier.
    #[test]
    fn curve_marks_are_first_quantities(a in 1u64..400_000, prepaid in 0u64..20_000, k in 2usize..12) {
        let text = format!(r#"{{"version": 1, "lines": [{{"provider": "hunyuan-image-global",
            "model": "Image Style Transfer", "images": {a}, "free_trial": false, "prepaid_remaining": {prepaid}}}]}}"#);
        let e = parse_estimate_json(&text).unwrap();
        let c = cost_curve(catalog(), &e, 1, k, Decimal::from(3)).unwrap();
        prop_assert_eq!(c.points.len(), k);
        prop_assert_eq!(c.points[0].quantity, Decimal::ZERO);
        prop_assert!(c.points.windows(2).all(|w| w[0].quantity <= w[1].quantity));
        let (card, model) = image_model();
        for m in &c.marks {
            if let MarkKind::PackagePaysOff { size } = m.kind {
                // A year of such months passes the package's break-even; one image a month less
                // does not.
                let p = plan_with_break_even(card, model, 0, &[]).unwrap();
                let n = p.break_evens.iter().find(|b| b.size == size).unwrap().pays_off_above.unwrap();
                prop_assert!(m.point.quantity * Decimal::from(12) > Decimal::from(n));
                prop_assert!((m.point.quantity - Decimal::ONE) * Decimal::from(12) <= Decimal::from(n));
            }
            if let MarkKind::TierBound { index } = m.kind {
                // The tier is chosen by post-paid images: at the mark they reach the tier's bound.
                let bound = [0u64, 10_000, 100_000, 1_000_000][index];
                let postpaid = m.point.quantity - Decimal::from(prepaid);
                prop_assert_eq!(postpaid, Decimal::from(bound));
            }
        }
    }

    /// The mix never costs more than all post-paid, and each break-even N is exact: N units
    /// post-paid cost at most the package, N + 1 cost more.
    #[test]
    fn break_even_is_exact(v in 0u64..300_000, channel in prop::sample::select(vec!["1", "0.9", "0.6"])) {
        let (card, model) = image_model();
        let f: Decimal = channel.parse().unwrap();
        let p = plan_with_break_even(card, model, v, &[f]).unwrap();
        prop_assert!(p.plan.total.amount() <= p.plan.all_postpaid.amount());
        prop_assert!(p.saving.amount() >= Decimal::ZERO);
        for b in &p.break_evens {
            let cost = |q: u64| yearly_postpaid(model, q).unwrap() * f;
            match b.pays_off_above {
                Some(n) => {
                    prop_assert!(cost(n) <= b.price.amount());
                    prop_assert!((n + 1..=b.size.min(n + 50)).all(|q| cost(q) > b.price.amount()));
                }
                None => prop_assert!(cost(b.size) <= b.price.amount()),
            }
        }
    }

    /// The concurrency is never below the default, covers the tasks in flight, and is the least that
    /// does (unless the default already does).
    #[test]
    fn concurrency_never_below_default(n in 0u64..10_000, s in 1u64..600, days in 1u32..=31) {
        let (card, model) = image_model();
        let z = size_concurrency(card, model, Throughput::PerMinute(Decimal::from(n)), Decimal::from(s), days).unwrap();
        prop_assert!(z.concurrency >= z.included);
        prop_assert!(Decimal::from(z.concurrency) >= z.in_flight);
        prop_assert!(z.concurrency == z.included || Decimal::from(z.concurrency - 1) < z.in_flight);
        prop_assert_eq!(z.extra, z.concurrency - z.included);
    }

    /// A larger balance never runs out sooner, and the hours are the whole hours it lasts.
    #[test]
    fn runway_is_monotone_in_the_balance(images in 1u64..200_000, b1 in 0u64..100_000, more in 0u64..100_000) {
        let text = format!(r#"{{"version": 1, "lines": [{{"provider": "hunyuan-image-global",
            "model": "Image Style Transfer", "images": {images}, "free_trial": false}}]}}"#);
        let b = quote(catalog(), &parse_estimate_json(&text).unwrap());
        // Past 100 years a runway is TooLong; a larger balance is then TooLong too.
        let (r1, r2) = match (balance_runway(&b, Decimal::from(b1), 20_788), balance_runway(&b, Decimal::from(b1 + more), 20_788)) {
            (Ok(r1), Ok(r2)) => (r1, r2),
            (Ok(_) | Err(RunwayError::TooLong), Err(RunwayError::TooLong)) => return Ok(()),
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert!(r1.hours <= r2.hours);
        prop_assert!(r1.stops <= r2.stops && r1.reminder <= r2.reminder && r1.deleted <= r2.deleted);
        let month = r1.month_postpaid.amount();
        let scaled = Decimal::from(b1) * Decimal::from(720);
        prop_assert!(Decimal::from(r1.hours) * month <= scaled);
        prop_assert!(Decimal::from(r1.hours + 1) * month > scaled);
    }
}

/// An estimate of up to four lines drawing on free quotas of different kinds: Hunyuan-role's
/// tokens (90 days), HY-Image-V3.0's images (365 days), the video pool shared in line order, and
/// TokenHub International's campaign tokens (90 days, claimed by 2026-12-31).
fn trial_estimate(role: u64, images: u64, video: u64, intl: u64, start: Option<&str>) -> ratecard::rating::Estimate {
    let mut lines = Vec::new();
    if role > 0 {
        lines.push(format!(
            r#"{{"provider":"tencent-tokenhub","model":"Hunyuan-role","requests":{role},"input_tokens":2000,"output_tokens":500}}"#
        ));
    }
    if images > 0 {
        lines.push(format!(r#"{{"provider":"tencent-tokenhub","model":"HY-Image-V3.0","images":{images}}}"#));
    }
    if video > 0 {
        lines.push(format!(
            r#"{{"provider":"tencent-tokenhub","model":"YT-Video-2.0","calls":{video},"resolution":"720p"}}"#
        ));
    }
    if intl > 0 {
        lines.push(format!(
            r#"{{"provider":"tencent-tokenhub-intl","model":"Language model","requests":{intl},"input_tokens":300,
                "output_tokens":100,"prices":{{"input_per_1m":"1","output_per_1m":"2"}}}}"#
        ));
    }
    let start = start.map_or(String::new(), |s| format!(r#""start":"{s}","#));
    parse_estimate_json(&format!(r#"{{{start}"lines":[{}]}}"#, lines.join(","))).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Quota left never increases from month to month, no month costs less than nothing, the
    /// trial ends no later than the longest validity (30-day months), and each month costs what
    /// the year's projection says it does.
    #[test]
    fn trial_horizon_only_runs_down(role in 0u64..3_000, images in 0u64..12, video in 0u64..4, intl in 0u64..4_000,
                                    start in prop::sample::select(vec![None, Some("2026-12"), Some("2027-01")])) {
        use ratecard::rating::decide::trial_horizon;
        let e = trial_estimate(role, images, video, intl, start);
        let Ok(h) = trial_horizon(catalog(), &e) else { return Ok(()) };
        let mut last: Vec<(String, Decimal)> = Vec::new();
        for m in &h.months {
            prop_assert!(!m.cost.amount().is_sign_negative() || m.cost.amount().is_zero(), "{}", m.cost);
            for q in &m.quotas {
                let key = format!("{}/{}/{:?}/{:?}", q.provider, q.quota, q.model, q.line);
                if let Some((_, before)) = last.iter().find(|(k, _)| *k == key) {
                    prop_assert!(q.left <= *before, "{key}: {} after {before} in month {}", q.left, m.month);
                }
                last.retain(|(k, _)| *k != key);
                last.push((key, q.left));
            }
        }
        let longest = h.months.iter().flat_map(|m| &m.quotas).filter_map(|q| q.validity_days).max().unwrap_or(0);
        prop_assert!(h.reached);
        prop_assert!(h.ends <= longest.div_ceil(30), "ends in month {} with validity {longest} days", h.ends);
        let year = ratecard::rating::project_year(catalog(), &e);
        for m in h.months.iter().take(12) {
            prop_assert_eq!(m.cost, year.months[m.month as usize - 1]);
        }
    }
}
