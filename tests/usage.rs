//! Pricing usage records (`share::usage`): values worked out by hand from seed 000's TokenHub prices,
//! and a property: the aggregated estimate costs exactly what the records cost one by one.

use std::str::FromStr;
use std::sync::OnceLock;

use proptest::prelude::*;
use ratecard::lang::{Lang, record_problem, usage_problem};
use ratecard::native::embedded_catalog;
use ratecard::rating::catalog::Catalog;
use ratecard::rating::estimate::Estimate as Settings;
use ratecard::rating::estimate::{Estimate, Field, FieldValue};
use ratecard::rating::quote;
use ratecard::share::compare::percent;
use ratecard::share::traffic::{LeftOutWhy, on_each};
use ratecard::share::usage::{
    JsonFault, Reader, Record, RecordProblem, Records, Usage, UsageProblem, csv_columns, csv_record, json_record,
};
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
    assert_eq!(csv_columns("model,tokens"), Err(UsageProblem::MissingColumn("prompt_tokens")));
    assert_eq!(
        Usage::new(catalog(), &[("x".into(), "tencent-tokenhub/No-such-model".into())]).err(),
        Some(UsageProblem::UnknownModel {
            name: "x".into(),
            provider: "tencent-tokenhub".into(),
            model: "No-such-model".into()
        })
    );
}

#[test]
fn problems_are_typed_and_name_the_line_in_both_languages() {
    let mut r = Reader::new(false);
    assert_eq!(r.line("").unwrap(), None);
    assert!(r.line(r#"{"model":"GLM-5","prompt_tokens":1}"#).unwrap().is_some());
    let p = r.line(r#"{"model":"GLM-5","prompt_tokens":"12"}"#).unwrap_err();
    assert_eq!(p.line, 3);
    assert!(matches!(p.problem, UsageProblem::Json { fault: JsonFault::Type, column: 37, .. }), "{p:?}");
    let p = r.line("{oops").unwrap_err();
    assert!(matches!(p.problem, UsageProblem::Json { fault: JsonFault::Syntax, column: 2, .. }), "{p:?}");
    assert_eq!(record_problem(&p, Lang::En), "line 4: not JSON: key must be a string (column 2)");
    assert_eq!(record_problem(&p, Lang::Zh), "第 4 行：不是有效的 JSON（第 2 个字符处）");
    let p = r.line(r#"{"usage":{}}"#).unwrap_err();
    assert_eq!(p, RecordProblem { line: 5, problem: UsageProblem::NoModel });
    // CSV: the header is line 2 here (after a blank line); a bad count names its column.
    let mut r = Reader::new(false);
    r.line("  ").unwrap();
    assert_eq!(r.line("model,prompt_tokens,completion_tokens").unwrap(), None);
    let p = r.line("GLM-5,12.5,1").unwrap_err();
    assert_eq!(p.line, 3);
    assert_eq!(p.to_string(), "line 3: prompt_tokens: \"12.5\" is not a whole number");
    assert_eq!(record_problem(&p, Lang::Zh), "第 3 行：prompt_tokens：\"12.5\" 不是整数");
    let shape = Usage::new(catalog(), &[("x".into(), "GLM-5".into())]).unwrap_err();
    assert_eq!(shape.to_string(), "x=GLM-5: write the model as PROVIDER/MODEL");
    assert_eq!(usage_problem(&shape, Lang::Zh), "x=GLM-5：模型须写作 服务商/模型");
    let mut kept = Records::default();
    let one = Record { model: "GLM-5".into(), input: 1, ..Record::default() };
    kept.push(&one, 1).unwrap();
    assert_eq!(kept.push(&one, 1), Err(UsageProblem::TooMany { limit: 1 }));
}

/// The records of the README's example: two Deepseek-r1-0528 requests.
fn two_records() -> Records {
    let mut kept = Records::default();
    for r in [
        Record { model: "deepseek-r1-0528".into(), input: 1000, output: 500, cached: 200, thinking: 300 },
        Record { model: "DeepSeek-R1-0528".into(), input: 2001, output: 100, cached: 0, thinking: 0 },
    ] {
        kept.push(&r, 10).unwrap();
    }
    kept
}

#[test]
fn traffic_on_two_models_by_hand() {
    let targets =
        ["tencent-tokenhub/GLM-5".to_string(), "tencent-tokenhub/Deepseek-r1-0528".to_string(), "x/y".to_string()];
    let t = on_each(catalog(), &two_records(), &targets, &Settings::default(), false).unwrap();
    // Both requests are at most 32,000 input tokens: GLM-5's first tier, in 4 / out 18 / cache hit
    // 1 CNY per 1M. Input not cached 3,001 - 200 = 2,801 x 4 = 11,204; cached 200 x 1 = 200;
    // output 600 x 18 = 10,800: 22,204 per 1M = 0.022204 CNY (its free trial left out).
    // Deepseek-r1-0528 (in 4 / out 16 / cache hit 1): 11,204 + 200 + 9,600 = 0.021004 CNY.
    // Difference 0.0012 CNY, 0.0012 / 0.021004 = 5.71%.
    let ranked: Vec<_> = t.ranked.iter().map(|m| (m.rank, m.model.as_str(), m.total.amount())).collect();
    assert_eq!(ranked, vec![(1, "Deepseek-r1-0528", d("0.021004")), (2, "GLM-5", d("0.022204"))]);
    assert_eq!(t.ranked[0].difference.amount(), Decimal::ZERO);
    assert_eq!(t.ranked[1].difference.amount(), d("0.0012"));
    assert_eq!(percent(t.ranked[1].percent.unwrap()), "+5.7%");
    assert_eq!((t.records, t.converted), (2, false));
    assert!(matches!(t.left_out[0].why, LeftOutWhy::Unknown(UsageProblem::UnknownModel { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Each ranked total is that model's estimate priced on its own, the cheapest differs by 0,
    /// and the ranking is ascending.
    #[test]
    fn ranked_totals_are_each_models_own_quote(records in prop::collection::vec((1u64..80_000, 0u64..5_000, 0u64..100), 1..10)) {
        let mut kept = Records::default();
        for (i, (input, output, pct)) in records.into_iter().enumerate() {
            let model = if i % 2 == 0 { "GLM-5" } else { "kimi-k2.5" };
            kept.push(&Record { model: model.into(), input, output, cached: input * pct / 100, thinking: 0 }, 100).unwrap();
        }
        let targets: Vec<String> = ["tencent-tokenhub/GLM-5", "tencent-tokenhub/kimi-k2.5", "tencent-tokenhub/Deepseek-r1-0528"]
            .map(String::from).to_vec();
        let t = on_each(catalog(), &kept, &targets, &Settings::default(), false).unwrap();
        prop_assert!(!t.ranked.is_empty());
        prop_assert_eq!(t.ranked[0].difference.amount(), Decimal::ZERO);
        for w in t.ranked.windows(2) {
            prop_assert!(w[0].total.amount() <= w[1].total.amount());
        }
        for m in &t.ranked {
            let mut alone = Usage::onto(catalog(), &format!("{}/{}", m.provider, m.model)).unwrap();
            alone.add_all(&kept);
            let (_, card) = catalog().card(&m.provider).unwrap();
            let (_, model) = card.model(&m.model).unwrap();
            let mut own = alone.estimate();
            if ratecard::rating::fields_used(model).contains(&"free_trial") {
                own = without_trial(own);
            }
            let own = quote(catalog(), &own).strict().unwrap().total.amount();
            prop_assert_eq!(m.total.amount(), own);
        }
    }
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
