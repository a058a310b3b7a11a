//! Pricing usage records (`share::usage`): values worked out by hand from seed 000's TokenHub prices,
//! and a property: the aggregated estimate costs exactly what the records cost one by one.

use std::str::FromStr;
use std::sync::OnceLock;

use proptest::prelude::*;
use ratecard::native::embedded_catalog;
use ratecard::rating::catalog::Catalog;
use ratecard::rating::estimate::{Estimate, Field, FieldValue};
use ratecard::rating::quote;
use ratecard::share::usage::{Record, Usage, csv_columns, csv_record, json_record};
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| embedded_catalog().unwrap())
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The estimate with every free trial off, so the arithmetic is the price list's alone.
fn without_trial(mut e: Estimate) -> Estimate {
    for l in &mut e.lines {
        l.set(Field::FreeTrial, Some(FieldValue::Flag(false))).unwrap();
    }
    e
}

#[test]
fn json_lines_by_hand() {
    let mut u = Usage::new(catalog(), &[]).unwrap();
    for line in [
        r#"{"model":"deepseek-r1-0528","usage":{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":200},"completion_tokens_details":{"reasoning_tokens":300}}}"#,
        r#"{"model":"DeepSeek-R1-0528","usage":{"prompt_tokens":2001,"completion_tokens":100}}"#,
        "",
        r#"{"model":"gpt-4o","usage":{"prompt_tokens":10,"completion_tokens":10}}"#,
    ] {
        if let Some(r) = json_record(line).unwrap() {
            u.add(&r);
        }
    }
    assert_eq!(u.records, 3);
    // gpt-4o matches nothing: reported with three closest names, never guessed.
    assert_eq!((u.unmatched()[0].name.as_str(), u.unmatched()[0].records), ("gpt-4o", 1));
    assert_eq!(u.unmatched()[0].closest.len(), 3);
    // One group of 2 requests: input 3,001 (3,001 = 2 x 1,500 + 1: one request of 1,501, one of
    // 1,500), output 600 (300 each), cached 200 (100 each), reasoning 300 (150 each).
    let e = u.estimate();
    assert_eq!(e.lines.len(), 2);
    let tokens: Vec<_> =
        e.lines.iter().map(|l| (l.requests, l.input_tokens, l.output_tokens, l.cached_tokens)).collect();
    assert_eq!(
        tokens,
        vec![
            (Some(d("1")), Some(d("1501")), Some(d("300")), Some(d("100"))),
            (Some(d("1")), Some(d("1500")), Some(d("300")), Some(d("100")))
        ]
    );
    // Deepseek-r1-0528 (no trial): in 4 / out 16 / cache hit 1 CNY per 1M tokens. Input not cached
    // 3,001 - 200 = 2,801 x 4 / 1M = 0.011204; cached 200 x 1 / 1M = 0.0002; output 600 x 16 / 1M
    // = 0.0096. Total 0.021004 CNY.
    let b = quote(catalog(), &e).strict().unwrap();
    assert_eq!(b.total.amount(), d("0.021004"));
}

#[test]
fn csv_tiers_per_request_not_on_averages() {
    let cols = csv_columns("model,prompt_tokens,completion_tokens,spend").unwrap();
    let map = [("my-glm".to_string(), "tencent-tokenhub/GLM-5".to_string())];
    let mut u = Usage::new(catalog(), &map).unwrap();
    for row in ["my-glm,30000,1000,0.1", "\"my-glm\",40000,2000,0.2", "MY-GLM,32000,0,0"] {
        u.add(&csv_record(cols, row).unwrap().unwrap());
    }
    // GLM-5: input (0, 32,000]: in 4 / out 18 CNY per 1M; above 32,000: in 6 / out 22.
    // Tier 1 (30,000 and 32,000): 62,000 x 4 / 1M = 0.248; 1,000 x 18 / 1M = 0.018.
    // Tier 2 (40,000): 40,000 x 6 / 1M = 0.24; 2,000 x 22 / 1M = 0.044. Total 0.55 CNY.
    // (On the average, 34,000 a request, all three would fall in tier 2: 0.612 + 0.066 = 0.678.)
    let b = quote(catalog(), &without_trial(u.estimate())).strict().unwrap();
    assert_eq!(b.total.amount(), d("0.55"));
    assert!(csv_columns("model,tokens").is_err());
    assert!(Usage::new(catalog(), &[("x".into(), "tencent-tokenhub/No-such-model".into())]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Aggregating by (model, tier) prices exactly what the records cost one request at a time.
    #[test]
    fn aggregate_prices_like_each_record(records in prop::collection::vec((1u64..80_000, 0u64..5_000, 0u64..100, 0u64..100), 1..12)) {
        let mut u = Usage::new(catalog(), &[]).unwrap();
        let mut one_by_one = Decimal::ZERO;
        for (input, output, cached_pct, think_pct) in records {
            let r = Record {
                model: "GLM-5".into(),
                input,
                output,
                cached: input * cached_pct / 100,
                thinking: output * think_pct / 100,
            };
            u.add(&r);
            let mut single = Usage::new(catalog(), &[]).unwrap();
            single.add(&r);
            one_by_one += quote(catalog(), &without_trial(single.estimate())).strict().unwrap().total.amount();
        }
        let all = quote(catalog(), &without_trial(u.estimate())).strict().unwrap().total.amount();
        prop_assert_eq!(all, one_by_one);
    }
}
