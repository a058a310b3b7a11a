//! Every typed word rendered in both languages: the lists below name each variant through an
//! exhaustive match, so a new variant fails to compile until it is covered here. No Chinese
//! rendering may hold a word of the English renderer's vocabulary.

use std::collections::BTreeSet;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Lang, Render};
use crate::rating::catalog::{Measure, Resolution};
use crate::rating::money::{Currency, Money};
use crate::rating::wording::{Basis, CardName, Detail, DiscountKind, DrawdownName, Label, Note, Per, TierText, Unit};

fn d(n: u64) -> Decimal {
    Decimal::from(n)
}

/// A card name with a Chinese translation (`Zq` is no English word, so it is data).
fn quota() -> CardName {
    CardName { en: "Zq trial".into(), zh: Some("Zq 试用".into()) }
}

fn labels() -> Vec<Label> {
    let all = vec![
        Label::Input,
        Label::CachedInput,
        Label::CacheWrite5m,
        Label::CacheWrite1h,
        Label::AudioInput,
        Label::ImageInput,
        Label::Output,
        Label::Thinking,
        Label::AudioOutput,
        Label::ImageOutput,
        Label::Usage,
        Label::Credits,
        Label::Concurrency,
        Label::Images,
        Label::Megapixels,
        Label::Requests,
        Label::Calls,
        Label::VideoSeconds,
        Label::RunTime,
        Label::ComputeUnits,
        Label::Subscription,
        Label::Packages { size: d(5_000) },
    ];
    for l in &all {
        // Adding a variant breaks this match until the list above has it.
        match l {
            Label::Input | Label::CachedInput | Label::CacheWrite5m | Label::CacheWrite1h | Label::AudioInput => {}
            Label::ImageInput | Label::Output | Label::Thinking | Label::AudioOutput | Label::ImageOutput => {}
            Label::Usage | Label::Credits | Label::Concurrency | Label::Images | Label::Megapixels => {}
            Label::Requests | Label::Calls | Label::VideoSeconds | Label::RunTime | Label::ComputeUnits => {}
            Label::Subscription | Label::Packages { .. } => {}
        }
    }
    all
}

fn units() -> Vec<Unit> {
    use Unit::*;
    let all = vec![
        Tokens,
        Images,
        Megapixels,
        Requests,
        Calls,
        Seconds,
        Minutes,
        ComputeUnits,
        Months,
        Units,
        Credits,
        Packages,
        ConcurrencyDays,
        ConcurrencyMonths,
    ];
    for u in &all {
        match u {
            Tokens | Images | Megapixels | Requests | Calls | Seconds | Minutes | ComputeUnits | Months | Units
            | Credits | Packages | ConcurrencyDays | ConcurrencyMonths => {}
        }
    }
    all
}

fn pers() -> Vec<Per> {
    use Per::*;
    let all = vec![
        MillionTokens,
        ThousandTokens,
        Image,
        Megapixel,
        Request,
        Call,
        Second,
        HourByMinute,
        ComputeUnit,
        Month,
        Unit,
        Credit,
        Package,
        ConcurrencyDay,
        ConcurrencyMonth,
    ];
    for p in &all {
        match p {
            MillionTokens | ThousandTokens | Image | Megapixel | Request | Call | Second | HourByMinute
            | ComputeUnit | Month | Unit | Credit | Package | ConcurrencyDay | ConcurrencyMonth => {}
        }
    }
    all
}

fn details() -> Vec<Detail> {
    let bases = vec![
        Basis::Images { n: d(10) },
        Basis::ImagesSized { n: d(10), width: d(1024), height: d(1024) },
        Basis::ImagesMegapixels { n: d(10), megapixels: d(4) },
        Basis::Requests { n: d(1_000) },
        Basis::Calls { n: d(10) },
        Basis::Videos { n: d(3), seconds: d(8) },
        Basis::Hours { hours: Decimal::new(15, 1), minutes: d(90) },
        Basis::ComputeUnits { units: d(2), replicas: d(3) },
        Basis::Subscriptions { n: d(1) },
        Basis::Units { n: d(7), name: None },
        Basis::Units { n: d(7), name: Some(quota()) },
        Basis::Concurrency { included: 2, extra: d(3), total: d(5), days: Some(d(10)) },
        Basis::Concurrency { included: 2, extra: d(3), total: d(5), days: None },
        Basis::Package { days: 365, units: d(10_000) },
    ];
    for b in &bases {
        match b {
            Basis::Images { .. } | Basis::ImagesSized { .. } | Basis::ImagesMegapixels { .. } => {}
            Basis::Requests { .. } | Basis::Calls { .. } | Basis::Videos { .. } | Basis::Hours { .. } => {}
            Basis::ComputeUnits { .. } | Basis::Subscriptions { .. } | Basis::Units { .. } => {}
            Basis::Concurrency { .. } | Basis::Package { .. } => {}
        }
    }
    let mut all: Vec<Detail> =
        bases.into_iter().map(|basis| Detail { basis, template: None, resolution: None, credits: None }).collect();
    // Every optional part, and every measure the credits can be per.
    for m in [
        Measure::Image,
        Measure::Megapixel,
        Measure::Request,
        Measure::Call,
        Measure::Second,
        Measure::Hour,
        Measure::ComputeUnit,
        Measure::Month,
        Measure::Unit,
    ] {
        all.push(Detail {
            basis: Basis::Calls { n: d(10) },
            template: Some("Zq-fx".into()),
            resolution: Some(Resolution::P720),
            credits: Some((d(5), m)),
        });
    }
    all
}

fn tiers() -> Vec<TierText> {
    let all = vec![
        TierText::Bounds { above: 32_000, up_to: Some(128_000) },
        TierText::Bounds { above: 0, up_to: None },
        TierText::Bounds { above: 128_000, up_to: None },
        TierText::Input { tokens: 40_000, above: 32_000, up_to: Some(128_000), tiered: true },
        TierText::Input { tokens: 40_000, above: 0, up_to: None, tiered: false },
        TierText::Volume { from: 0, to: Some(10_000) },
        TierText::Volume { from: 10_000, to: None },
        TierText::VolumeTotal { total: d(9_950), unit: Unit::Images, from: 0, to: Some(10_000) },
        TierText::Graduated { first: d(1), last: d(10_000) },
    ];
    for t in &all {
        match t {
            TierText::Bounds { .. } | TierText::Input { .. } | TierText::Volume { .. } => {}
            TierText::VolumeTotal { .. } | TierText::Graduated { .. } => {}
        }
    }
    all
}

fn notes() -> Vec<Note> {
    let all = vec![
        Note::ExamplePrice,
        Note::EnteredPrice { card: Arc::from("Zq") },
        Note::EnteredCredits { measure: Measure::Call },
        Note::Priority { multiple: Decimal::new(15, 1) },
        Note::VolumeTierBoundary { at: 10_000, unit: Unit::Images, from: Decimal::new(4, 2), to: Decimal::new(3, 2) },
        Note::VolumeCliff {
            more: d(10),
            unit: Unit::Images,
            saving: Money::new(Decimal::new(19920, 2), Currency::Usd),
            at: 10_000,
        },
        Note::FreeUnpublished { quota: quota() },
        Note::FreeOff,
        Note::ClaimBy { quota: quota(), date: "2026-12-31".into() },
        Note::ClaimClosed { quota: quota(), date: "2026-12-31".into() },
        Note::PriceChange { from: "2027-01-01".into(), month: 2 },
        Note::RangeUnpicked { min: d(20), max: d(60) },
        Note::Range,
    ];
    for n in &all {
        match n {
            Note::ExamplePrice | Note::EnteredPrice { .. } | Note::EnteredCredits { .. } | Note::Priority { .. } => {}
            Note::VolumeTierBoundary { .. } | Note::VolumeCliff { .. } | Note::FreeUnpublished { .. } => {}
            Note::FreeOff => {}
            Note::ClaimBy { .. } | Note::RangeUnpicked { .. } | Note::Range => {}
            Note::ClaimClosed { .. } | Note::PriceChange { .. } => {}
        }
    }
    all
}

fn others() -> Vec<Box<dyn Render>> {
    let mut all: Vec<Box<dyn Render>> = Vec::new();
    for n in [DrawdownName::Quota(quota()), DrawdownName::Prepaid] {
        match n {
            DrawdownName::Quota(_) | DrawdownName::Prepaid => all.push(Box::new(n)),
        }
    }
    for k in DiscountKind::ALL {
        match k {
            DiscountKind::Channel | DiscountKind::User | DiscountKind::Negotiated => all.push(Box::new(k)),
        }
    }
    use crate::rating::decide::MarkKind;
    for k in [
        MarkKind::Today,
        MarkKind::TierBound { index: 1 },
        MarkKind::CoveredUntil,
        MarkKind::PackagePaysOff { size: 10_000 },
    ] {
        match k {
            MarkKind::Today | MarkKind::TierBound { .. } | MarkKind::CoveredUntil | MarkKind::PackagePaysOff { .. } => {
                all.push(Box::new(k));
            }
        }
    }
    all
}

fn everything() -> Vec<Box<dyn Render>> {
    let mut all: Vec<Box<dyn Render>> = Vec::new();
    all.extend(labels().into_iter().map(|v| Box::new(v) as Box<dyn Render>));
    all.extend(units().into_iter().map(|v| Box::new(v) as Box<dyn Render>));
    all.extend(pers().into_iter().map(|v| Box::new(v) as Box<dyn Render>));
    all.extend(details().into_iter().map(|v| Box::new(v) as Box<dyn Render>));
    all.extend(tiers().into_iter().map(|v| Box::new(v) as Box<dyn Render>));
    all.extend(notes().into_iter().map(|v| Box::new(v) as Box<dyn Render>));
    all.extend(others());
    all
}

/// The ASCII words of a text, lower-cased.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase)
}

#[test]
fn every_variant_renders_in_both_languages_and_chinese_holds_no_english_word() {
    let all = everything();
    // Words a Chinese text may share with English: the unit `tokens`, the `k`/`M` of short
    // counts, and the test's own data (`zq`, `p` of `720p`, `fx`).
    let allowed: BTreeSet<&str> = ["tokens", "k", "m", "zq", "p", "fx"].into_iter().collect();
    let vocabulary: BTreeSet<String> =
        all.iter().flat_map(|v| words(&v.render(Lang::En)).collect::<Vec<_>>()).collect();
    assert!(vocabulary.contains("credits") && vocabulary.contains("tier"), "{vocabulary:?}");
    for v in &all {
        let en = v.render(Lang::En);
        let zh = v.render(Lang::Zh);
        // Only the engine's range marker renders as nothing.
        assert_eq!(en.is_empty(), zh.is_empty(), "{en:?} / {zh:?}");
        for w in words(&zh) {
            assert!(allowed.contains(w.as_str()) || !vocabulary.contains(&w), "English word {w:?} in {zh:?} ({en:?})");
        }
    }
}

#[test]
fn renderings_worked_out_by_hand() {
    let sized = Detail {
        basis: Basis::ImagesSized { n: d(10), width: d(1024), height: d(1024) },
        template: None,
        resolution: None,
        credits: None,
    };
    assert_eq!(sized.render(Lang::En), "10 images x 1,024 x 1,024 px");
    assert_eq!(sized.render(Lang::Zh), "10 张图片 × 1,024 × 1,024 像素");
    let calls = Detail {
        basis: Basis::Calls { n: d(10) },
        template: None,
        resolution: Some(Resolution::P720),
        credits: Some((d(5), Measure::Call)),
    };
    assert_eq!(calls.render(Lang::En), "10 calls at 720p x 5 credits per call");
    assert_eq!(calls.render(Lang::Zh), "10 次调用，720p × 5 积分/次");
    let package = Detail {
        basis: Basis::Package { days: 365, units: d(20_000) },
        template: None,
        resolution: None,
        credits: None,
    };
    assert_eq!(package.render(Lang::En), "valid 365 days; 20,000 units added to the prepaid balance");
    assert_eq!(package.render(Lang::Zh), "有效期 365 天；20,000 单位计入预付费余额");
    let reason = TierText::VolumeTotal { total: d(9_950), unit: Unit::Images, from: 0, to: Some(10_000) };
    assert_eq!(
        reason.render(Lang::En),
        "the month's post-paid total of 9,950 images falls in [0, 10,000); every post-paid unit is billed at that tier"
    );
    assert_eq!(reason.render(Lang::Zh), "本月后付费总量 9,950 张 落在 [0, 10,000)，所有后付费用量按此档计价");
    let claim = Note::ClaimBy { quota: quota(), date: "2026-12-31".into() };
    assert_eq!(claim.render(Lang::En), "Zq trial can be claimed until 2026-12-31");
    assert_eq!(claim.render(Lang::Zh), "Zq 试用 可领取至 2026-12-31");
    let change = Note::PriceChange { from: "2027-01-01".into(), month: 3 };
    assert_eq!(
        change.render(Lang::En),
        "price change: this model's price changes on 2027-01-01 (month 3 of the year); each month is priced at the price in force then"
    );
    assert_eq!(
        change.render(Lang::Zh),
        "价格变动：该模型价格自 2027-01-01 起变动（全年第 3 个月）；每月按当月适用的价格计算"
    );
    assert_eq!(Note::Priority { multiple: Decimal::new(150, 2) }.render(Lang::Zh), "优先处理：所有价格 ×1.5");
    assert_eq!(Label::Input.render(Lang::Zh), "输入 tokens");
    assert_eq!(Per::MillionTokens.render(Lang::En), "per 1M tokens");
}

#[test]
fn a_note_serializes_as_code_and_english_message() {
    let json = serde_json::to_string(&Note::RangeUnpicked { min: d(20), max: d(60) }).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"code":"range_unpicked","message":"20 to 60 credits per call; no point given, so priced at the maximum"}"#
    );
}

/// Every usage-record problem (`share::usage`) in both languages: the Chinese holds no word of
/// the English, but for the data (column names, the model's name, `JSON`).
#[test]
fn usage_problems_render_in_both_languages() {
    use crate::share::usage::{JsonFault, RecordProblem, UsageProblem};
    let mut all = vec![
        UsageProblem::NoModel,
        UsageProblem::MissingColumn("prompt_tokens"),
        UsageProblem::NotWhole { column: "cached_tokens", text: "1.5".into() },
        UsageProblem::MappingShape { name: "gpt".into(), target: "zq".into() },
        UsageProblem::UnknownModel { name: "gpt".into(), provider: "zq".into(), model: "fx".into() },
        UsageProblem::UnknownModel { name: String::new(), provider: "zq".into(), model: "fx".into() },
        UsageProblem::TooMany { limit: 200_000 },
    ];
    for fault in [JsonFault::Syntax, JsonFault::Eof, JsonFault::Type] {
        all.push(UsageProblem::Json { message: "expected value".into(), fault, column: 3 });
    }
    for p in &all {
        // Adding a variant breaks this match until the list above has it.
        match p {
            UsageProblem::Json { .. } | UsageProblem::NoModel | UsageProblem::MissingColumn(_) => {}
            UsageProblem::NotWhole { .. } | UsageProblem::MappingShape { .. } | UsageProblem::UnknownModel { .. } => {}
            UsageProblem::TooMany { .. } => {}
        }
    }
    let allowed: BTreeSet<&str> =
        ["model", "prompt", "tokens", "cached", "json", "gpt", "zq", "fx"].into_iter().collect();
    let vocabulary: BTreeSet<String> =
        all.iter().flat_map(|p| words(&super::usage_problem(p, Lang::En)).collect::<Vec<_>>()).collect();
    assert!(vocabulary.contains("whole"), "{vocabulary:?}");
    for p in all {
        let line = RecordProblem { line: 7, problem: p };
        let (en, zh) = (super::record_problem(&line, Lang::En), super::record_problem(&line, Lang::Zh));
        assert!(en.starts_with("line 7: ") && zh.starts_with("第 7 行："), "{en} / {zh}");
        for w in words(&zh) {
            assert!(allowed.contains(w.as_str()) || !vocabulary.contains(&w), "English word {w:?} in {zh:?} ({en:?})");
        }
    }
}
