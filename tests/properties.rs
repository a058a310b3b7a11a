//! Property tests over random estimates: the line amounts sum exactly to the total, zero usage
//! costs zero, and more usage never costs less, except across an all-units volume-tier boundary,
//! where the breakdown flags it. Deep links round-trip any estimate exactly, JSON numbers are
//! read with every digit, and no link text,
//! estimate text or damaged catalog pack makes the readers panic. Failing cases proptest finds are
//! kept in `properties.proptest-regressions`.

use std::sync::OnceLock;

use proptest::prelude::*;
use ratecard::native::embedded_catalog;
use ratecard::rating::catalog::Catalog;
use ratecard::rating::estimate::{Discounts, EnteredPrices, Estimate, FieldValue, Line};
use ratecard::rating::{Currency, quote};
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| embedded_catalog().expect("catalog loads"))
}

fn n(v: u64) -> Option<Decimal> {
    Some(Decimal::from(v))
}

fn base(provider: &str, model: &str) -> Line {
    Line { provider: provider.into(), model: model.into(), ..Line::default() }
}

/// A line of one of many models, with usage scaled by `u` (all quantities grow with it).
fn line(kind: u8, u: u64, free: bool, extra: u64) -> Line {
    let free_trial = Some(free);
    match kind % 12 {
        0 => Line {
            requests: n(u),
            input_tokens: n(40_000 + extra % 80_000),
            output_tokens: n(500),
            cached_tokens: n(1000),
            free_trial,
            ..base("tencent-tokenhub", "GLM-5")
        },
        1 => Line {
            requests: n(u),
            input_tokens: n(extra % 128_001),
            output_tokens: n(300),
            free_trial,
            ..base("tencent-tokenhub", "HY 2.0 Think")
        },
        2 => Line {
            requests: n(u),
            input_tokens: n(2000),
            output_tokens: n(extra % 4000),
            free_trial,
            ..base("tencent-tokenhub", "Hunyuan-role")
        },
        3 => Line {
            requests: n(u),
            input_tokens: n(3000),
            cached_tokens: n(1000),
            audio_input_tokens: n(500),
            output_tokens: n(900),
            audio_output_tokens: n(100),
            ..base("gateway", "GPT-Realtime-1.5")
        },
        4 => Line {
            requests: n(u),
            input_tokens: n(1000),
            output_tokens: n(2000),
            thinking_tokens: n(1500),
            ..base("gateway", "Example reasoning model")
        },
        5 => Line { images: n(u), free_trial, ..base("tencent-tokenhub", "HY-Image-V3.0") },
        6 => Line {
            calls: n(u),
            resolution: Some("720p".into()),
            free_trial,
            ..base("tencent-tokenhub", "YT-Video-2.0")
        },
        7 => Line { calls: n(u), credits: n(15 + extra % 46), free_trial, ..base("tencent-tokenhub", "HY-3D-3.0") },
        8 => Line {
            calls: n(u),
            seconds: n(1 + extra % 60),
            priority: Some(extra.is_multiple_of(2)),
            ..base("gateway", "Veo 3.1 Standard 4K")
        },
        9 => Line {
            requests: n(u),
            input_tokens: n(1000),
            output_tokens: n(1000),
            free_trial,
            ..base("ucloud-modelverse", "deepseek-ai/DeepSeek-V3")
        },
        10 => Line {
            requests: n(u),
            input_tokens: n(5000),
            output_tokens: n(700),
            prices: Some(EnteredPrices {
                input_per_1m: Some(Decimal::new(15, 1)),
                output_per_1m: n(6),
                ..EnteredPrices::default()
            }),
            free_trial,
            ..base("tencent-tokenhub-intl", "Language model")
        },
        _ => Line {
            images: n(u),
            free_remaining: n(extra % 5000),
            prepaid_remaining: n(extra % 3000),
            ..base("hunyuan-image-global", "Image Style Transfer")
        },
    }
}

fn estimate(lines: Vec<Line>, discount: u64, currency: Currency) -> Estimate {
    Estimate {
        currency: Some(currency),
        discounts: Some(Discounts {
            channel: Some(Decimal::new(50 + (discount % 51) as i64, 2)),
            user: Some(Decimal::new(95, 2)),
            negotiated: None,
        }),
        lines,
        ..Estimate { version: 1, ..Estimate::default() }
    }
}

fn lines_strategy() -> impl Strategy<Value = Vec<Line>> {
    prop::collection::vec((any::<u8>(), 0u64..2_000_000, any::<bool>(), any::<u64>()), 1..8)
        .prop_map(|v| v.into_iter().map(|(k, u, f, e)| line(k, u, f, e)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn line_amounts_sum_exactly_to_the_total(lines in lines_strategy(), d in any::<u64>(), usd in any::<bool>()) {
        let est = estimate(lines, d, if usd { Currency::Usd } else { Currency::Cny });
        let b = quote(catalog(), &est);
        prop_assert!(b.errors.is_empty(), "{:?}", b.errors);
        let sum: Decimal = b.lines.iter().map(|l| l.total_display.amount()).sum();
        prop_assert_eq!(sum, b.total.amount());
        for l in &b.lines {
            let parts: Decimal = l.components.iter().map(|c| c.amount.amount()).sum::<Decimal>()
                + l.discounts.iter().map(|d| d.amount.amount()).sum::<Decimal>();
            prop_assert_eq!(parts, l.total.amount());
            for c in &l.components {
                prop_assert_eq!(c.free + c.prepaid + c.billable, c.quantity, "{} on line {}", c.label, l.line);
                prop_assert!(c.billable >= Decimal::ZERO);
            }
        }
    }

    #[test]
    fn zero_usage_costs_zero(kinds in prop::collection::vec(any::<u8>(), 1..8), e in any::<u64>(), free in any::<bool>()) {
        let lines = kinds.into_iter().map(|k| line(k, 0, free, e)).collect();
        let b = quote(catalog(), &estimate(lines, e, Currency::Cny));
        prop_assert!(b.errors.is_empty(), "{:?}", b.errors);
        prop_assert_eq!(b.total.amount(), Decimal::ZERO);
    }

    #[test]
    fn more_usage_never_costs_less(kind in any::<u8>(), u in 0u64..3_000_000, more in 1u64..500_000, free in any::<bool>(), e in any::<u64>()) {
        let q = |usage| {
            let b = quote(catalog(), &estimate(vec![line(kind, usage, free, e)], 0, Currency::Usd));
            assert!(b.errors.is_empty(), "{:?}", b.errors);
            b
        };
        let (small, large) = (q(u), q(u + more));
        if large.total.amount() < small.total.amount() {
            let flagged = large.lines[0].flags.iter().any(|f| f.code() == "volume_tier_boundary");
            prop_assert!(flagged, "{} cost {} but {} cost {} with no volume-tier flag", u, small.total.amount(), u + more, large.total.amount());
        }
    }
}

#[test]
fn the_volume_tier_exception_is_real_and_flagged() {
    // 9,999 post-paid images at 0.08 = 799.92 USD; 10,000 at 0.06 = 600 USD.
    let at = |images| {
        let l =
            Line { images: n(images), free_trial: Some(false), ..base("hunyuan-image-global", "Image Style Transfer") };
        quote(catalog(), &estimate(vec![l], 100, Currency::Usd))
    };
    let (below, above) = (at(9_999), at(10_000));
    assert!(above.total.amount() < below.total.amount());
    assert!(above.lines[0].flags.iter().any(|f| f.code() == "volume_tier_boundary"));
    assert!(!below.lines[0].flags.iter().any(|f| f.code() == "volume_tier_boundary"));
}

// ------------------------------------------------------------------------------ links and packs

/// A decimal as a visitor might type it: up to 12 digits, with up to 6 decimal places.
fn typed_decimal() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000_000, 0u32..7).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A deep link holds the whole estimate: decoding what was encoded gives it back exactly,
    /// with any label, any typed number and any exchange rate, and names no problem.
    #[test]
    fn links_round_trip_exactly(
        lines in lines_strategy(),
        labels in prop::collection::vec(prop::option::of(any::<String>()), 8),
        numbers in prop::collection::vec(prop::option::of(typed_decimal()), 8),
        d in any::<u64>(),
        usd_cny in prop::option::of(typed_decimal()),
        title in prop::option::of(any::<String>()),
    ) {
        let mut est = estimate(lines, d, Currency::Usd);
        est.usd_cny = usd_cny;
        est.title = title;
        for (i, line) in est.lines.iter_mut().enumerate() {
            line.label = labels[i].clone();
            line.output_tokens = numbers[i];
        }
        let link = ratecard::share::link::encode(&est, None, None);
        let back = ratecard::share::link::decode(&format!("#{link}"), Some(catalog()));
        prop_assert_eq!(back.problems, Vec::new());
        prop_assert_eq!(back.estimate, est);
    }

    /// Any text after `#` reads without a panic: what is not valid is named, never fatal.
    #[test]
    fn any_link_text_reads_without_panic(text in any::<String>()) {
        let _ = ratecard::share::link::decode(&text, Some(catalog()));
    }

    /// Links made of real keys with random values, as a link cut, pasted or edited by hand is.
    #[test]
    fn links_with_damaged_values_name_each_problem(
        pairs in prop::collection::vec(
            (prop::sample::select(vec!["p", "m", "in", "out", "rq", "cur", "fx", "ch", "lch", "v", "z", "cat", "view", "vd", "pkg", "pin", "lb", "x"]),
             "[0-9a-zA-Z.%~,_:-]{0,12}"),
            0..24,
        ),
    ) {
        let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let back = ratecard::share::link::decode(&text.join("&"), Some(catalog()));
        for p in &back.problems {
            prop_assert!(!p.to_string().trim().is_empty());
        }
    }

    /// Any decimal written as a JSON number is read back exactly: no digit is lost to a binary
    /// double on the way, whether serde_json hands it over as text or as a double.
    #[test]
    fn json_numbers_read_back_exactly(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), negative in any::<bool>(), scale in 0u32..=28) {
        let d = Decimal::from_parts(lo, mid, hi, negative, scale);
        let text = format!(r#"{{"version": 1, "usd_cny": {d}, "lines": []}}"#);
        let e = ratecard::json::parse_estimate_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(e.usd_cny.map(|u| (u.mantissa(), u.scale())), Some((d.mantissa(), d.scale())));
    }

    /// Text reads back as exactly the decimal it writes, plain or scientific (`12345e-2`).
    #[test]
    fn decimal_text_reads_back_exactly(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), negative in any::<bool>(), scale in 0u32..=28) {
        use ratecard::rating::num::parse_exact;
        let d = Decimal::from_parts(lo, mid, hi, negative, scale);
        prop_assert_eq!(parse_exact(&d.to_string()), Ok(d));
        let sign = if negative { "-" } else { "" };
        let scientific = format!("{sign}{}e-{scale}", d.mantissa().unsigned_abs());
        prop_assert_eq!(parse_exact(&scientific).map(|p| (p.mantissa(), p.scale())), Ok((d.mantissa(), d.scale())));
    }

    /// Estimate JSON that is not valid is an error with a message, never a panic.
    #[test]
    fn any_estimate_text_reads_without_panic(text in any::<String>()) {
        if let Err(e) = ratecard::json::parse_estimate_json(&text) {
            prop_assert!(!e.to_string().trim().is_empty());
        }
    }

    /// A damaged catalog pack (a byte changed, or cut short) unpacks to a catalog or to an error
    /// naming its source: never a panic, and never an allocation as large as a bad length says.
    #[test]
    fn damaged_packs_unpack_without_panic(at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        let mut bytes = ratecard::CATALOG_PACK.to_vec();
        let i = at.index(bytes.len());
        if cut {
            bytes.truncate(i);
        } else {
            bytes[i] = byte;
        }
        if let Err(e) = Catalog::unpack(&bytes, "damaged pack") {
            prop_assert!(e.to_string().contains("damaged pack"), "{}", e);
        }
    }
}

/// The spans of digits (with their decimal points) in `text`: the numbers a catalog holds, and
/// the digits inside its names.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Every model of `catalog` on one estimate, each numeric field it uses set to `amount`.
fn every_model(catalog: &Catalog, amount: Decimal) -> Estimate {
    let mut lines = Vec::new();
    for card in catalog.cards() {
        for model in &card.models {
            let mut line = base(&card.provider, &model.name);
            for field in ratecard::rating::fields_used(model) {
                // Text and flag fields refuse a number, and stay unset.
                if let Some(f) = ratecard::rating::line_fields::Field::from_name(field) {
                    let _ = line.set(f, Some(FieldValue::Number(amount)));
                }
            }
            lines.push(line);
        }
    }
    estimate(lines, 7, Currency::Cny)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A host's catalog with one number changed to anything (zero, negative, tiny, huge, cut)
    /// is refused with messages, or it builds and prices every model, at any usage, without a
    /// panic. (It found a per-1K price too large to convert panicking the unit check.)
    #[test]
    fn changed_catalog_numbers_never_panic(
        at in any::<prop::sample::Index>(),
        value in prop::sample::select(vec![
            "0", "-1", "0.0000000000000000000000001", "79228162514264337593543950335",
            "99999999999999999999999999999999", "1.5", "3", "", "00", "1..2", "4294967296",
        ]),
        amount in prop::sample::select(vec![
            Decimal::ZERO, Decimal::NEGATIVE_ONE, Decimal::new(1, 28), Decimal::from(999), Decimal::from(2_000_000_000), Decimal::MAX,
        ]),
    ) {
        let text = ratecard::CATALOG_JSON;
        let runs = digit_runs(text);
        let (start, end) = runs[at.index(runs.len())];
        let changed = format!("{}{}{}", &text[..start], value, &text[end..]);
        match ratecard::json::parse_catalog_json(&changed, "host.json") {
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(!e.to_string().trim().is_empty());
                }
            }
            Ok(catalog) => {
                let est = every_model(&catalog, amount);
                let b = quote(&catalog, &est);
                let _ = ratecard::rating::project_year(&catalog, &est);
                let _ = b.total.amount();
            }
        }
    }
}

#[test]
fn the_embedded_catalog_prices_every_model() {
    // The unchanged catalog, every model at a usage of 1,000: each line is priced or names why not
    // (a price left unpublished, a field a model needs), and the lines add up to the total.
    let est = every_model(catalog(), Decimal::from(1000));
    let b = quote(catalog(), &est);
    assert_eq!(b.lines.len() + b.errors.len(), est.lines.len(), "{:?}", b.errors);
    let sum: Decimal = b.lines.iter().map(|l| l.total_display.amount()).sum();
    assert_eq!(sum, b.total.amount());
}
