//! Compare mode (`rating::decide::compare`): one workload priced on several models, ranked, with
//! the difference to the cheapest, checked against values worked out by hand from the seed
//! documents; and, as a property, the ranking is sorted and the cheapest's difference is zero.

use std::str::FromStr;
use std::sync::OnceLock;

use proptest::prelude::*;
use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::decide::{CompareError, compare};
use ratecard::rating::{Catalog, Currency, Estimate, Line};
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| embedded_catalog().unwrap())
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn four_models_across_two_currencies_hand_worked() {
    // 1,000 requests a month of 2,000 input and 500 output tokens: 2,000,000 input and 500,000
    // output tokens, no free trial, shown in CNY at the default 1 USD = 7.3 CNY.
    let e = parse_estimate_json(
        r#"{"version": 1, "currency": "CNY", "lines": [
        {"provider": "gateway", "model": "Claude Sonnet 5.5", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": false},
        {"provider": "tencent-tokenhub", "model": "kimi-k2.5", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": false},
        {"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": false},
        {"provider": "gateway", "model": "Gemini 3.8 Flash", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": false}]}"#,
    )
    .unwrap();
    let c = compare(catalog(), &e).unwrap();
    assert_eq!((c.currency, c.usd_cny, c.usd_cny_source, c.converted), (Currency::Cny, d("7.3"), "default", true));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    let rows: Vec<(usize, usize, &str, Decimal, Decimal)> =
        c.ranked.iter().map(|r| (r.rank, r.line, r.model.as_str(), r.total.amount(), r.difference.amount())).collect();
    assert_eq!(
        rows,
        [
            // Seed 000, GLM-5 (0, 32k]: 2M x 4 / 1M = 8, 0.5M x 18 / 1M = 9: 17 CNY.
            (1, 3, "GLM-5", d("17"), d("0")),
            // Seed 000, kimi-k2.5: 2M x 4 / 1M = 8, 0.5M x 21 / 1M = 10.5: 18.5 CNY, 1.5 more.
            (2, 2, "kimi-k2.5", d("18.5"), d("1.5")),
            // Gateway (seed 004, list price per 1K): 2,000 x 0.00075 = 1.5, 500 x 0.00375 = 1.875:
            // 3.375 USD x 7.3 = 24.6375 CNY, 7.6375 more.
            (3, 4, "Gemini 3.8 Flash", d("24.6375"), d("7.6375")),
            // 2,000 x 0.002 = 4, 500 x 0.01 = 5: 9 USD x 7.3 = 65.7 CNY, 48.7 more.
            (4, 1, "Claude Sonnet 5.5", d("65.7"), d("48.7")),
        ]
    );
    assert_eq!(c.ranked[3].card_total.amount(), d("9"));
    assert_eq!(c.ranked[3].card_total.currency(), Currency::Usd);
    // Percent of the cheapest: 0; 1.5 / 17 = 8.8235...%; 7.6375 / 17 = 44.926...%; 48.7 / 17 = 286.47...%.
    let percent: Vec<Option<Decimal>> = c.ranked.iter().map(|r| r.percent.map(|p| p.round_dp(2))).collect();
    assert_eq!(percent, [Some(d("0")), Some(d("8.82")), Some(d("44.93")), Some(d("286.47"))]);
    // Never summed: the comparison has no total, and each total is that line alone.
    let json = serde_json::to_value(&c).unwrap();
    assert!(json.get("total").is_none());
    assert_eq!(json["ranked"][0]["model"], "GLM-5");
    assert_eq!(json["ranked"][0]["difference"], "0");
    assert_eq!(json["ranked"][3]["card_currency"], "USD");
    assert_eq!(d(json["ranked"][3]["card_total"].as_str().unwrap()), d("9"));
}

#[test]
fn a_line_that_cannot_be_priced_is_left_out_with_its_problem_and_a_free_trial_only_where_there_is_one() {
    // GLM-5 with its free trial of 1,000,000 tokens per model (seed 000): 2M input + 0.5M output =
    // 2.5M tokens, the first 1M free. The gateway has no trial: `free_trial` is left out there.
    let e = parse_estimate_json(
        r#"{"version": 1, "lines": [
        {"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": true},
        {"provider": "gateway", "model": "Gemini 3.8 Flash", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": true},
        {"provider": "tencent-tokenhub", "model": "GLM-6", "requests": 1}]}"#,
    )
    .unwrap();
    let c = compare(catalog(), &e).unwrap();
    // The display currency is the first line's card currency: CNY.
    assert_eq!(c.currency, Currency::Cny);
    assert_eq!(c.ranked.len(), 2);
    assert_eq!(c.errors.len(), 1);
    assert_eq!(c.errors[0].line, Some(3));
    assert_eq!(c.ranked[1].model, "Gemini 3.8 Flash");
    assert_eq!(c.ranked[1].total.amount(), d("24.6375"));
    assert_eq!(compare(catalog(), &Estimate { version: 1, ..Estimate::default() }), Err(CompareError::NoLines));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// However the workload and the models are chosen, the ranking is sorted by total, the
    /// cheapest's difference is zero, each difference is its total less the cheapest's, and
    /// every priced line is ranked exactly once.
    #[test]
    fn the_ranking_is_sorted_and_the_cheapest_differs_by_nothing(
        requests in 0u64..5_000_000,
        input in 0u64..200_000,
        output in 0u64..20_000,
        picks in proptest::collection::vec(0usize..6, 1..6),
        usd in any::<bool>(),
    ) {
        let models = [
            ("tencent-tokenhub", "GLM-5"),
            ("tencent-tokenhub", "kimi-k2.5"),
            ("tencent-tokenhub", "HY 2.0 Think"),
            ("gateway", "Claude Sonnet 5.5"),
            ("gateway", "Gemini 3.8 Flash"),
            ("ucloud-modelverse", "deepseek-ai/DeepSeek-V3"),
        ];
        let lines: Vec<Line> = picks.iter().map(|&i| Line {
            provider: models[i].0.into(),
            model: models[i].1.into(),
            requests: Some(Decimal::from(requests)),
            input_tokens: Some(Decimal::from(input)),
            output_tokens: Some(Decimal::from(output)),
            free_trial: Some(false),
            ..Line::default()
        }).collect();
        let n = lines.len();
        let e = Estimate { version: 1, currency: usd.then_some(Currency::Usd), lines, ..Estimate::default() };
        let c = compare(catalog(), &e).unwrap();
        prop_assert_eq!(c.ranked.len() + c.errors.iter().filter(|e| e.line.is_some()).count(), n);
        if let Some(first) = c.ranked.first() {
            prop_assert_eq!(first.rank, 1);
            prop_assert!(first.difference.amount().is_zero());
            for w in c.ranked.windows(2) {
                prop_assert!(w[0].total.amount() <= w[1].total.amount());
                prop_assert!(w[0].rank <= w[1].rank);
            }
            for r in &c.ranked {
                prop_assert_eq!(r.total.currency(), c.currency);
                prop_assert_eq!(r.difference.amount(), r.total.amount() - first.total.amount());
                prop_assert!(!r.difference.amount().is_sign_negative());
            }
        }
    }
}
