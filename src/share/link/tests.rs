//! Tests of deep links: round trips, hand-written links, and the problems a bad link reports.

use rust_decimal::Decimal;

use super::*;
use crate::rating::estimate::{Line, PackagePurchase};
use crate::rating::money::Currency;

fn sample() -> Estimate {
    let line = |model: &str| Line {
        provider: "tencent-tokenhub".into(),
        model: model.into(),
        requests: Some(Decimal::from(1000)),
        input_tokens: Some(Decimal::from(40_000)),
        output_tokens: Some(Decimal::from(1000)),
        cached_tokens: Some(Decimal::from(5000)),
        free_trial: Some(false),
        ..Line::default()
    };
    Estimate {
        version: 1,
        currency: Some(Currency::Usd),
        usd_cny: Some(Decimal::new(72, 1)),
        discounts: Some(Discounts { channel: Some(Decimal::new(9, 1)), user: None, negotiated: None }),
        customer: Some("ACME & Co / 北京".into()),
        start: Some("2026-12".into()),
        lines: vec![
            line("GLM-5"),
            line("HY 2.0 Think"),
            Line {
                provider: "hunyuan-image-global".into(),
                model: "Image Style Transfer".into(),
                images: Some(Decimal::from(2500)),
                packages: vec![PackagePurchase { size: Decimal::from(10_000), count: Decimal::from(3) }],
                ..Line::default()
            },
        ],
        ..Estimate::default()
    }
}

#[test]
fn round_trips_exactly() {
    let est = sample();
    let link = encode(&est, Some("breakdown"), None);
    let back = decode(&format!("#{link}"), None);
    assert_eq!(back.problems, Vec::<LinkProblem>::new());
    assert_eq!(back.estimate, est);
    assert_eq!(back.view.as_deref(), Some("breakdown"));
}

#[test]
fn reads_a_hand_written_link() {
    let back = decode("#p=tencent-tokenhub&m=GLM-5&in=40000&out=500&rq=100", None);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let l = &back.estimate.lines[0];
    assert_eq!((l.provider.as_str(), l.model.as_str()), ("tencent-tokenhub", "GLM-5"));
    assert_eq!((l.input_tokens, l.requests), (Some(Decimal::from(40_000)), Some(Decimal::from(100))));
}

#[test]
fn keeps_what_is_valid_and_names_what_is_not() {
    let back = decode("p=tencent-tokenhub&m=GLM-5&in=4x0&out=500&bogus=1&rq", None);
    assert_eq!(back.estimate.lines[0].output_tokens, Some(Decimal::from(500)));
    assert_eq!(back.estimate.lines[0].input_tokens, None);
    assert_eq!(
        back.problems,
        vec![
            LinkProblem::Number {
                line: Some(1),
                key: "in".into(),
                problem: crate::rating::num::EntryProblem::NotANumber { text: "4x0".into() }
            },
            LinkProblem::UnknownKey { line: 1, key: "bogus".into() },
            LinkProblem::NoValue { line: Some(1), raw: "rq".into() },
        ]
    );
    let shown: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 1: in: \"4x0\" is not a number; in is input tokens, per request, e.g. 40000, 40k or 40,000",
            "line 1: unknown key \"bogus\"",
            "line 1: \"rq\" has no value (the link may be cut short)",
        ]
    );
}

#[test]
fn refuses_a_number_no_decimal_holds_exactly() {
    let back = decode("p=tencent-tokenhub&m=GLM-5&in=0.00000000000000000000000000001&out=5", None);
    assert_eq!(back.estimate.lines[0].input_tokens, None);
    assert_eq!(back.estimate.lines[0].output_tokens, Some(Decimal::from(5)));
    let shown: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 1: in: \"0.00000000000000000000000000001\" has more digits than an exact decimal holds (28, and 28 after the point); in is input tokens, per request, e.g. 40000, 40k or 40,000"
        ]
    );
}

#[test]
fn reads_suffixes_separators_and_a_cache_share() {
    let d = |s: &str| Decimal::from_str_exact(s).ok();
    // 40k = 40,000 input tokens; 30% of them cached = 40,000 x 30 / 100 = 12,000 exactly;
    // 1.5M = 1,500,000 requests; "30%2C000" is "30,000" escaped; %25 is an escaped "%".
    let back = decode("p=tencent-tokenhub&m=GLM-5&cache=30%&in=40k&out=1%2C000&rq=1.5M", None);
    assert_eq!(back.problems, Vec::<LinkProblem>::new());
    let l = &back.estimate.lines[0];
    assert_eq!((l.input_tokens, l.cached_tokens, l.output_tokens), (d("40000"), d("12000"), d("1000")));
    assert_eq!(l.requests, d("1500000"));
    let escaped = decode("p=tencent-tokenhub&m=GLM-5&in=30 000&cache=12.5%25&out=0", None);
    assert_eq!(escaped.problems, Vec::<LinkProblem>::new());
    // 30,000 x 12.5 / 100 = 3,750.
    assert_eq!(escaped.estimate.lines[0].cached_tokens, d("3750"));
    // 333 x 30 / 100 = 99.9, rounded down to 99 whole tokens.
    let odd = decode("p=tencent-tokenhub&m=GLM-5&in=333&cache=30%&out=1", None);
    assert_eq!(odd.estimate.lines[0].cached_tokens, d("99"));
    // What the link now says is what it prices: the share became tokens, and writing it back
    // and reading it again gives the same estimate.
    let again = decode(&encode(&back.estimate, None, None), None);
    assert_eq!(again.estimate, back.estimate);
    let shown: Vec<String> = decode("p=tencent-tokenhub&m=GLM-5&cache=30%&rq=1.2345k&think=5%&out=1", None)
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        shown,
        [
            "line 1: rq: \"1.2345k\" is 1,234.5, not a whole number: k, M and B are for whole counts; rq is requests, per month, e.g. 40000, 40k or 40,000",
            "line 1: think: \"5%\": this field takes a number, not a share; think is thinking tokens, per request, part of output, e.g. 40000, 40k or 40,000",
            "line 1: cache: a share in percent is a share of the input tokens, and the line gives none (in=)",
        ]
    );
    let fraction = decode("p=tencent-tokenhub&m=GLM-5&in=1000&out=1&cache=0.3", None);
    assert_eq!(fraction.estimate.lines[0].cached_tokens, None);
    assert_eq!(
        fraction.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["line 1: cache: \"0.3\" is cached tokens per request, not a share: for 30% of the input write cache=30%"]
    );
    let bad = decode("p=tencent-tokenhub&m=GLM-5&in=1000&out=1&cache=abc", None);
    assert_eq!(
        bad.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "line 1: cache: \"abc\" is not a number; cache is cached input tokens, per request, part of input, or a share of the input like 30%"
        ]
    );
    assert_eq!(
        crate::lang::link_problem(&bad.problems[0], crate::lang::Lang::Zh),
        "第 1 行：cache：“abc”不是数字；cache 表示缓存命中 tokens（每次请求，含于输入），也可写输入的占比，例如 30%"
    );
}

#[test]
fn a_token_line_without_output_says_so() {
    let back = decode("p=tencent-tokenhub&m=GLM-5&in=2000&rq=10", None);
    assert_eq!(back.problems, vec![LinkProblem::NoOutput { line: 1 }]);
    assert_eq!(
        back.problems[0].to_string(),
        "line 1: note: no output tokens given (out=), so output is priced as 0 tokens per request"
    );
}

#[test]
fn compare_mode_shares_the_first_line_s_workload() {
    let back = decode(
        "p=tencent-tokenhub&m=GLM-5&in=40k&out=1k&rq=1M&m=HY 2.0 Think&p=deepseek&m=deepseek-chat&in=1k&cmp=1",
        None,
    );
    assert!(back.compare);
    assert_eq!(back.problems, Vec::<LinkProblem>::new());
    let lines = &back.estimate.lines;
    let named: Vec<(&str, &str)> = lines.iter().map(|l| (l.provider.as_str(), l.model.as_str())).collect();
    assert_eq!(
        named,
        [("tencent-tokenhub", "GLM-5"), ("tencent-tokenhub", "HY 2.0 Think"), ("deepseek", "deepseek-chat")]
    );
    let usage: Vec<_> = lines.iter().map(|l| (l.input_tokens, l.output_tokens, l.requests)).collect();
    let d = |n: u64| Some(Decimal::from(n));
    assert_eq!(
        usage,
        [(d(40_000), d(1000), d(1_000_000)), (d(40_000), d(1000), d(1_000_000)), (d(1000), d(1000), d(1_000_000))]
    );
    assert!(decode("p=tencent-tokenhub&m=GLM-5&in=1&out=1&compare", None).compare);
    let written = encode_with(&back.estimate, None, true, None);
    assert!(written.contains("&cmp=1&"), "{written}");
    assert!(decode(&written, None).compare);
    assert!(!decode(&encode(&back.estimate, None, None), None).compare);
}

#[test]
fn a_percent_sign_is_a_percent_sign_unless_it_escapes_two_hex_digits() {
    let back = decode("t=100%25 sure&cust=30% off&nt=%E4%B8%AD", None);
    assert_eq!(back.estimate.title.as_deref(), Some("100% sure"));
    assert_eq!(back.estimate.customer.as_deref(), Some("30% off"));
    assert_eq!(back.estimate.notes.as_deref(), Some("中"));
    let cut = decode("t=%E4%B", None);
    assert!(matches!(cut.problems.as_slice(), [LinkProblem::BrokenEscape { .. }]), "{:?}", cut.problems);
}

#[test]
fn notices_a_link_cut_short() {
    let link = encode(&sample(), None, None);
    let cut = &link[..link.len() / 2];
    let back = decode(cut, None);
    assert!(back.problems.iter().any(|p| matches!(p, LinkProblem::Cut | LinkProblem::Changed)), "{:?}", back.problems);
    assert!(!back.estimate.lines.is_empty());
}

#[test]
fn ten_lines_fit_in_2000_characters() {
    let mut est = sample();
    let first = est.lines[0].clone();
    est.lines = (0..10).map(|_| first.clone()).collect();
    let link = encode(&est, Some("breakdown"), None);
    assert!(link.len() < 2000, "{} characters", link.len());
}
