//! Every problem the product reports renders in English and in Chinese, and the Chinese text holds
//! none of the English renderer's words (only field keys, model names, units, numbers and the
//! data the problem carries).
//!
//! Each enum has an exhaustive `match` below giving each variant a number, so a new variant does
//! not compile until it has one, and the test fails until a sample of it is listed.

use std::collections::BTreeSet;

use ratecard::lang::{Lang, entry_problem, link_problem, problem};
use ratecard::rating::catalog::Measure;
use ratecard::rating::limits::TooLarge;
use ratecard::rating::num::EntryProblem;
use ratecard::rating::problem::{Expected, Found, LinkProblem, Needs, Opened, Problem, SetAsideWhy, Shape, UnusedWhy};
use ratecard::rating::{Currency, QuoteError};
use rust_decimal::Decimal;

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn s(text: &str) -> String {
    text.to_string()
}

const MEASURES: [Measure; 9] = [
    Measure::Image,
    Measure::Megapixel,
    Measure::Request,
    Measure::Call,
    Measure::Second,
    Measure::Hour,
    Measure::ComputeUnit,
    Measure::Month,
    Measure::Unit,
];

fn measure_index(m: Measure) -> usize {
    match m {
        Measure::Image => 0,
        Measure::Megapixel => 1,
        Measure::Request => 2,
        Measure::Call => 3,
        Measure::Second => 4,
        Measure::Hour => 5,
        Measure::ComputeUnit => 6,
        Measure::Month => 7,
        Measure::Unit => 8,
    }
}

const NEEDS: [Needs; 10] = [
    Needs::Requests,
    Needs::InputTokens,
    Needs::Images,
    Needs::Calls,
    Needs::Videos,
    Needs::Seconds,
    Needs::Hours,
    Needs::ComputeUnits,
    Needs::Replicas,
    Needs::Quantity,
];

fn needs_index(n: Needs) -> usize {
    match n {
        Needs::Requests => 0,
        Needs::InputTokens => 1,
        Needs::Images => 2,
        Needs::Calls => 3,
        Needs::Videos => 4,
        Needs::Seconds => 5,
        Needs::Hours => 6,
        Needs::ComputeUnits => 7,
        Needs::Replicas => 8,
        Needs::Quantity => 9,
    }
}

fn unused_whys() -> Vec<UnusedWhy> {
    let mut out = vec![
        UnusedWhy::NoFreeQuota,
        UnusedWhy::NoPackages,
        UnusedWhy::NoConcurrency,
        UnusedWhy::NoPriority,
        UnusedWhy::PricePublished,
        UnusedWhy::CreditsFixed,
        UnusedWhy::PricedBy(None),
    ];
    out.extend(MEASURES.map(|m| UnusedWhy::PricedBy(Some(m))));
    out
}

fn why_index(w: UnusedWhy) -> usize {
    match w {
        UnusedWhy::NoFreeQuota => 0,
        UnusedWhy::NoPackages => 1,
        UnusedWhy::NoConcurrency => 2,
        UnusedWhy::NoPriority => 3,
        UnusedWhy::PricePublished => 4,
        UnusedWhy::CreditsFixed => 5,
        UnusedWhy::PricedBy(None) => 6,
        UnusedWhy::PricedBy(Some(m)) => 7 + measure_index(m),
    }
}

fn founds() -> Vec<Found> {
    vec![
        Found::Text(s("lots")),
        Found::Flag(true),
        Found::Number(s("12")),
        Found::Null,
        Found::List,
        Found::Object,
        Found::Other(s("newtype struct")),
    ]
}

fn found_index(f: &Found) -> usize {
    match f {
        Found::Text(_) => 0,
        Found::Flag(_) => 1,
        Found::Number(_) => 2,
        Found::Null => 3,
        Found::List => 4,
        Found::Object => 5,
        Found::Other(_) => 6,
    }
}

fn expecteds() -> Vec<Expected> {
    vec![
        Expected::Number,
        Expected::Text,
        Expected::Flag,
        Expected::WholeNumber,
        Expected::List,
        Expected::Object,
        Expected::Other(s("tuple struct Pair")),
    ]
}

fn expected_index(e: &Expected) -> usize {
    match e {
        Expected::Number => 0,
        Expected::Text => 1,
        Expected::Flag => 2,
        Expected::WholeNumber => 3,
        Expected::List => 4,
        Expected::Object => 5,
        Expected::Other(_) => 6,
    }
}

/// The variant's number; a new variant needs one here.
fn problem_index(p: &Problem) -> usize {
    use Problem as P;
    match p {
        P::Syntax { .. } => 0,
        P::UnknownField { suggestion: Some(_), .. } => 1,
        P::UnknownField { suggestion: None, .. } => 2,
        P::UnknownValue { .. } => 3,
        P::MissingKey { .. } => 4,
        P::NotANumber { .. } => 5,
        P::OutOfRangeNumber => 6,
        P::WrongType { .. } => 7,
        P::UnknownCurrency { .. } => 8,
        P::NotAnObject { what: Shape::Estimate, .. } => 9,
        P::NotAnObject { what: Shape::Line, .. } => 10,
        P::NoLines => 11,
        P::ExportField => 12,
        P::Unreadable { .. } => 13,
        P::Version { .. } => 14,
        P::BadRate { .. } => 15,
        P::BadDiscount { .. } => 16,
        P::ValidDays { .. } => 17,
        P::UnknownProvider { suggestion: Some(_), .. } => 18,
        P::UnknownProvider { suggestion: None, .. } => 19,
        P::UnknownModel { suggestion: Some(_), .. } => 20,
        P::UnknownModel { suggestion: None, .. } => 21,
        P::Negative { .. } => 22,
        P::NotWhole { .. } => 23,
        P::TooLarge { .. } => 24,
        P::UnusedField { .. } => 25,
        P::Missing { .. } => 26,
        P::DaysWithoutExtra => 27,
        P::HalfSize { width_given: true } => 28,
        P::HalfSize { width_given: false } => 29,
        P::SizeNeeded { .. } => 30,
        P::SizeTwice => 31,
        P::TemplateNeeded { .. } => 32,
        P::ResolutionNeeded { .. } => 33,
        P::UnknownResolution { .. } => 34,
        P::AboveLargestTier { .. } => 35,
        P::TokenPriceNeeded { .. } => 36,
        P::CreditsNeeded { .. } => 37,
        P::UnitPriceNeeded { .. } => 38,
        P::OutOfRange { .. } => 39,
        P::PartsExceed { output: false, .. } => 40,
        P::PartsExceed { output: true, .. } => 41,
        P::UnknownPackage { .. } => 42,
        P::PackageCount { .. } => 43,
        P::Overflow => 44,
        P::OverLimit(_) => 45,
        P::BadStart { .. } => 46,
    }
}
const PROBLEM_CASES: usize = 47;

fn problems() -> Vec<Problem> {
    use Problem as P;
    let model = || s("GLM-5");
    let mut out = vec![
        P::Syntax { text: s("trailing characters at line 1 column 9") },
        P::UnknownField { field: s("input_token"), suggestion: Some(s("input_tokens")) },
        P::UnknownField { field: s("colour"), suggestion: None },
        P::UnknownValue { given: s("wide"), choices: vec![s("full"), s("compact")] },
        P::MissingKey { key: s("provider") },
        P::OutOfRangeNumber,
        P::UnknownCurrency { given: s("EUR") },
        P::NoLines,
        P::ExportField,
        P::Unreadable { text: s("trailing characters") },
        P::Version { given: 2, reads: 1 },
        P::BadRate { rate: d(0) },
        P::BadDiscount { value: Decimal::new(12, 1) },
        P::ValidDays { value: d(4000) },
        P::BadStart { given: s("2026-13") },
        P::UnknownProvider { given: s("tencent-tokenhb"), suggestion: Some(s("tencent-tokenhub")), known: vec![] },
        P::UnknownProvider { given: s("acme"), suggestion: None, known: vec![s("tencent-tokenhub"), s("gateway")] },
        P::UnknownModel { card: s("TokenHub"), given: s("GLM-6"), suggestion: Some(model()) },
        P::UnknownModel { card: s("TokenHub"), given: s("Zeta"), suggestion: None },
        P::Negative { value: d(-5) },
        P::NotWhole { value: Decimal::new(25, 1) },
        P::TooLarge { value: d(2_000_000), limit: d(1_000_000) },
        P::DaysWithoutExtra,
        P::HalfSize { width_given: true },
        P::HalfSize { width_given: false },
        P::SizeNeeded { model: model() },
        P::SizeTwice,
        P::TemplateNeeded { model: s("YT-Video-FX") },
        P::ResolutionNeeded { model: s("YT-Video-2.0"), choices: vec![s("480p"), s("720p")] },
        P::UnknownResolution { model: s("YT-Video-2.0"), given: s("4k"), choices: vec![s("480p"), s("720p")] },
        P::AboveLargestTier { tokens: d(128_001), model: model(), limit: d(128_000) },
        P::TokenPriceNeeded { model: model(), key: s("input_per_1m"), currency: Currency::Cny },
        P::OutOfRange { value: d(70), model: s("HY-3D-3.0"), min: d(15), max: d(60) },
        P::PartsExceed { output: false, parts: d(20), whole: d(10) },
        P::PartsExceed { output: true, parts: d(20), whole: d(10) },
        P::UnknownPackage { model: model(), size: d(5000), sizes: vec![d(1000), d(10_000)] },
        P::PackageCount { count: d(-1) },
        P::Overflow,
        P::OverLimit(TooLarge::Lines { what: "estimate", count: 1_000_001, max: 1_000_000 }),
    ];
    for found in founds() {
        out.push(P::NotANumber { found: found.clone() });
        out.push(P::NotAnObject { what: Shape::Estimate, found: found.clone() });
        out.push(P::NotAnObject { what: Shape::Line, found: found.clone() });
        for expected in expecteds() {
            out.push(P::WrongType { found: found.clone(), expected });
        }
    }
    out.extend(unused_whys().into_iter().map(|why| P::UnusedField { model: model(), why }));
    out.extend(NEEDS.map(|needs| P::Missing { model: model(), needs }));
    for per in MEASURES {
        out.push(P::CreditsNeeded { model: model(), per });
        out.push(P::UnitPriceNeeded { model: model(), currency: Currency::Usd, per });
    }
    out
}

fn link_index(p: &LinkProblem) -> usize {
    use LinkProblem as L;
    match p {
        L::NoValue { .. } => 0,
        L::BrokenEscape { .. } => 1,
        L::NotUtf8 { .. } => 2,
        L::Number { .. } => 3,
        L::ShareWithoutInput { .. } => 4,
        L::NotAFlag { .. } => 5,
        L::Version { .. } => 6,
        L::Changed => 7,
        L::Cut => 8,
        L::UnknownCurrency { .. } => 9,
        L::NoLine { .. } => 10,
        L::BadPackage { .. } => 11,
        L::UnknownKey { .. } => 12,
        L::NoModel { .. } => 13,
        L::UnknownView { .. } => 14,
        L::UnknownProvider { .. } => 15,
        L::UnknownModel { .. } => 16,
        L::UnknownHostModel { .. } => 17,
        L::UnknownControl { .. } => 18,
        L::UnknownLayout { .. } => 19,
        L::CatalogVersion { from: Opened::Link, .. } => 20,
        L::CatalogVersion { from: Opened::Saved, .. } => 21,
        L::CatalogVersion { from: Opened::Attribute, .. } => 22,
        L::NothingRead { from: Opened::Link } => 23,
        L::NothingRead { from: Opened::Saved } => 24,
        L::NothingRead { from: Opened::Attribute } => 25,
        L::OverLimit(_) => 26,
        L::TooManyLines { .. } => 27,
        L::SetAside { why: SetAsideWhy::StoppedThePage } => 28,
        L::SetAside { why: SetAsideWhy::CouldNotOpen } => 29,
        L::NoOutput { .. } => 30,
        L::ShareAsFraction { .. } => 31,
        L::UnknownHostProvider { .. } => 32,
    }
}
const LINK_CASES: usize = 33;

fn link_problems() -> Vec<LinkProblem> {
    use LinkProblem as L;
    let mut out = vec![
        L::NoValue { line: Some(1), raw: s("rq") },
        L::BrokenEscape { line: None, key: s("t"), text: s("%E4%B") },
        L::NotUtf8 { line: Some(2), key: s("lb"), text: s("%FF") },
        L::Number { line: Some(1), key: s("in"), problem: EntryProblem::NotANumber { text: s("4x0") } },
        L::Number { line: Some(1), key: s("cache"), problem: EntryProblem::ShareRange { text: s("130%") } },
        L::Number { line: Some(1), key: s("lb"), problem: EntryProblem::NotANumber { text: s("x") } },
        L::Number {
            line: None,
            key: s("fx"),
            problem: EntryProblem::TooManyDigits { text: s("0.00000000000000000000000000001") },
        },
        L::Number { line: None, key: s("ch"), problem: EntryProblem::Separators { text: s("0,9") } },
        L::Number { line: None, key: s("vd"), problem: EntryProblem::NotANumber { text: s("x") } },
        L::Number { line: Some(1), key: s("pin"), problem: EntryProblem::NotANumber { text: s("x") } },
        L::ShareWithoutInput { line: 1, key: s("cache") },
        L::NoOutput { line: 2 },
        L::ShareAsFraction { line: 1, key: s("cache"), text: s("0.3") },
        L::NotAFlag { line: 1, key: s("trial"), text: s("maybe") },
        L::Version { given: s("2"), reads: 1 },
        L::Changed,
        L::Cut,
        L::UnknownCurrency { key: s("cur"), given: s("EUR") },
        L::NoLine { key: s("in") },
        L::BadPackage { line: 1, part: s("10000y3") },
        L::UnknownKey { line: 1, key: s("bogus") },
        L::NoModel { line: 1, provider: s("tencent-tokenhub") },
        L::UnknownView { given: s("charts"), known: vec![s("discounts"), s("breakdown"), s("quote")] },
        L::UnknownProvider { line: 2, provider: s("acme") },
        L::UnknownModel { line: 1, model: s("GLM-6"), provider: s("tencent-tokenhub") },
        L::UnknownHostModel {
            model: s("No-Such-Model"),
            provider: s("tencent-tokenhub"),
            known: vec![s("GLM-5")],
            more: 3,
        },
        L::UnknownHostProvider {
            key: s("providers"),
            given: s("acme"),
            known: vec![s("gateway"), s("tencent-tokenhub")],
        },
        L::UnknownControl { given: s("prices"), known: vec![s("currency"), s("discounts")] },
        L::UnknownLayout { given: s("wide") },
        L::OverLimit(TooLarge::Characters { what: "link", count: 1_000_001, max: 1_000_000 }),
        L::TooManyLines { from: Opened::Link, lines: 10_000, max: 5_000 },
        L::SetAside { why: SetAsideWhy::StoppedThePage },
        L::SetAside { why: SetAsideWhy::CouldNotOpen },
    ];
    for from in [Opened::Link, Opened::Saved, Opened::Attribute] {
        out.push(L::CatalogVersion { from, link: s("00000000"), page: s("1a2b3c4d") });
        out.push(L::NothingRead { from });
    }
    out
}

fn entry_index(p: &EntryProblem) -> usize {
    match p {
        EntryProblem::NotANumber { .. } => 0,
        EntryProblem::Separators { .. } => 1,
        EntryProblem::TooManyDigits { .. } => 2,
        EntryProblem::SuffixNotWhole { .. } => 3,
        EntryProblem::ShareRange { .. } => 4,
        EntryProblem::NoShareHere { .. } => 5,
    }
}
const ENTRY_CASES: usize = 6;

fn entry_problems() -> Vec<EntryProblem> {
    vec![
        EntryProblem::NotANumber { text: s("abc") },
        EntryProblem::Separators { text: s("2,000") },
        EntryProblem::TooManyDigits { text: s("0.00000000000000000000000000001") },
        EntryProblem::SuffixNotWhole { text: s("1.2345k"), value: Decimal::new(12345, 1) },
        EntryProblem::ShareRange { text: s("130%") },
        EntryProblem::NoShareHere { text: s("5%") },
    ]
}

/// The ASCII words of `text` of two letters or more.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| w.len() >= 2 && w.bytes().any(|b| b.is_ascii_alphabetic()))
        .map(str::to_string)
        .collect()
}

/// Words a Chinese message may hold: field and link keys, JSON literals and units, and the
/// data the samples carry (model names, given text, the JSON reader's own words).
fn allowed() -> BTreeSet<String> {
    let keys = "version lines provider model currency usd_cny valid_days discounts channel user negotiated \
        input_tokens prices input_per_1m unit_price credits calls concurrency_days extra_concurrency width \
        height megapixels cur estimate breakdown view models providers hidden layout full compact pkg tokens JSON UTF USD CNY \
        null true false ratecard estimate broken";
    let data = "trailing characters at line column input_token colour wide provider tencent tokenhb tokenhub gateway \
        acme TokenHub GLM Zeta YT Video FX 480p 720p 4k HY 3D newtype struct tuple Pair lots rq E4 lb FF in fx \
        4x0 abc trial maybe cache pin ch vd 2345k 40k out EUR 10000y3 10000x3 bogus charts discounts breakdown quote No Such Model prices 1a2b3c4d";
    words(keys).into_iter().chain(words(data)).collect()
}

#[test]
fn every_problem_renders_in_both_languages_and_the_chinese_holds_no_english() {
    let problems = problems();
    let links = link_problems();
    let entries = entry_problems();
    // Every variant (and every value of the enums they carry) has a sample.
    let covered = |indices: Vec<usize>, cases: usize, what: &str| {
        let seen: BTreeSet<usize> = indices.into_iter().collect();
        let missing: Vec<usize> = (0..cases).filter(|i| !seen.contains(i)).collect();
        assert!(missing.is_empty(), "{what}: no sample for cases {missing:?}");
    };
    covered(problems.iter().map(problem_index).collect(), PROBLEM_CASES, "Problem");
    covered(links.iter().map(link_index).collect(), LINK_CASES, "LinkProblem");
    covered(entries.iter().map(entry_index).collect(), ENTRY_CASES, "EntryProblem");
    covered(MEASURES.map(measure_index).to_vec(), 9, "Measure");
    covered(NEEDS.map(needs_index).to_vec(), 10, "Needs");
    covered(unused_whys().into_iter().map(why_index).collect(), 16, "UnusedWhy");
    covered(founds().iter().map(found_index).collect(), 7, "Found");
    covered(expecteds().iter().map(expected_index).collect(), 7, "Expected");

    let rendered: Vec<(String, String)> = problems
        .iter()
        .map(|p| (problem(p, Lang::En), problem(p, Lang::Zh)))
        .chain(links.iter().map(|p| (link_problem(p, Lang::En), link_problem(p, Lang::Zh))))
        .chain(entries.iter().map(|p| (entry_problem(p, Lang::En), entry_problem(p, Lang::Zh))))
        .collect();
    let allowed = allowed();
    let english: BTreeSet<String> =
        rendered.iter().flat_map(|(en, _)| words(en)).filter(|w| !allowed.contains(w)).collect();
    assert!(english.len() > 100, "the English vocabulary is collected: {english:?}");
    let mut leaks = Vec::new();
    for (en, zh) in &rendered {
        assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{en:?} / {zh:?}");
        assert_ne!(en, zh);
        assert!(zh.chars().any(|c| c > '\u{2e80}'), "the Chinese rendering is Chinese: {zh}");
        let leaked: Vec<String> = words(zh).into_iter().filter(|w| english.contains(w)).collect();
        if !leaked.is_empty() {
            leaks.push(format!("{leaked:?} in {zh:?} (English: {en:?})"));
        }
    }
    assert!(leaks.is_empty(), "English words in Chinese renderings:\n{}", leaks.join("\n"));
}

#[test]
fn a_quote_error_renders_with_its_line_model_and_field() {
    let e = QuoteError {
        line: Some(2),
        model: Some(s("GLM-5")),
        field: s("requests"),
        problem: Box::new(Problem::Negative { value: d(-10) }),
    };
    assert_eq!(ratecard::lang::quote_error(&e, Lang::En), "line 2 (GLM-5): requests: -10 is negative");
    assert_eq!(
        ratecard::lang::quote_error(&e, Lang::Zh),
        "第 2 行（GLM-5）：requests：-10 是负数，请填写 0 或更大的数"
    );
    let rate = QuoteError::estimate("usd_cny", Problem::BadRate { rate: d(0) });
    assert_eq!(
        ratecard::lang::quote_error(&rate, Lang::Zh),
        "汇率：0 不是可用的汇率：请填写 1 美元兑换的人民币数，大于 0 且不超过 1000（如 7.3）；暂按 7.3 计算"
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "line": 2, "model": "GLM-5", "field": "requests", "kind": "negative", "message": "-10 is negative" })
    );
}

/// A name or value a person gave is quoted whole when it is short, and cut to its first 60
/// characters and "…" when it is long, in both languages: a damaged saved link whose provider is
/// 200,000 characters gives a message of a line or two, not 200 KB of text.
#[test]
fn long_given_text_is_quoted_short() {
    let long = "x".repeat(200_000);
    let short = "acme-ai";
    for lang in [Lang::En, Lang::Zh] {
        let p = LinkProblem::NoModel { line: 1, provider: long.clone() };
        let text = link_problem(&p, lang);
        assert!(text.chars().count() < 200, "{lang:?}: {} characters", text.chars().count());
        assert!(text.contains(&format!("{}…", "x".repeat(60))), "{lang:?}: {text}");
        assert!(!text.contains(&"x".repeat(61)), "{lang:?}: {text}");
        let p = LinkProblem::NoModel { line: 1, provider: s(short) };
        assert!(link_problem(&p, lang).contains("acme-ai"), "{lang:?}: short names are whole");
        // 80 characters are still whole; 81 are cut, counting characters, not bytes.
        let eighty = "模".repeat(80);
        let p = LinkProblem::NoModel { line: 1, provider: eighty.clone() };
        assert!(link_problem(&p, lang).contains(&eighty));
        let p = LinkProblem::NoModel { line: 1, provider: "模".repeat(81) };
        assert!(link_problem(&p, lang).contains(&format!("{}…", "模".repeat(60))));
    }
    let p = Problem::UnknownProvider { given: long, suggestion: None, known: vec![s("gateway")] };
    assert!(problem(&p, Lang::En).contains("known providers: gateway"), "the rest of the message stays");
}
