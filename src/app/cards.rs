//! Loading the embedded rate cards in the browser, and the words the picker shows for a model.

use rust_decimal::Decimal;

use super::format;
use super::i18n::Lang;
use crate::rating::catalog::{
    Catalog, CatalogError, Denomination, Measure, Model, Price, Pricing, RateCard, UnitPricing, UnitRate,
};

/// Loads the embedded rate cards, which `build.rs` checked with the core's checks and packed.
///
/// # Errors
/// The pack is damaged (it never is: the build writes it, and the tests read it).
pub fn load() -> Result<Catalog, Vec<CatalogError>> {
    super::host::embedded()
}

fn price_text(p: &Price, card: &RateCard, lang: Lang) -> String {
    match p {
        Price::Published(d) => format::price(*d, card.currency),
        Price::Unpublished => lang.pick("price not published", "未公布价格").into(),
    }
}

fn unit_amount(value: Decimal, up: &UnitPricing, card: &RateCard, lang: Lang) -> String {
    match &up.denomination {
        Denomination::Money => format::price(value, card.currency),
        Denomination::Credits { kind, .. } => match lang {
            Lang::En => format!("{} {kind} credits", format::number(value)),
            Lang::Zh => {
                let kind = match kind.as_str() {
                    "video" => "视频",
                    "3d" => "3D ",
                    k => k,
                };
                format!("{} {kind}积分", format::number(value))
            }
        },
    }
}

/// The Chinese unit a price is per, e.g. `张` for `image`.
fn noun_zh(m: Measure) -> &'static str {
    match m {
        Measure::Image => "张",
        Measure::Megapixel => "百万像素",
        Measure::Request => "次请求",
        Measure::Call => "次",
        Measure::Second => "秒",
        Measure::Hour => "小时",
        Measure::ComputeUnit => "计算单元",
        Measure::Month => "月",
        Measure::Unit => "单位",
    }
}

/// A one-line price summary, e.g. `¥4 in / ¥18 out per 1M tokens, 2 tiers by input length`, or in
/// Chinese `输入 ¥4 / 输出 ¥18，每百万 tokens`.
pub fn price_summary(card: &RateCard, model: &Model, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match &model.pricing {
        Pricing::Tokens(tp) => {
            let Some(first) = tp.tiers.first() else { return String::new() };
            let (i, o) = (price_text(&first.input, card, lang), price_text(&first.output, card, lang));
            let scale = tp.scale.label();
            let n = tp.tiers.len();
            match (zh, n > 1) {
                (false, false) => format!("{i} in / {o} out per {scale} tokens"),
                (false, true) => format!("from {i} in / {o} out per {scale} tokens, {n} tiers by input length"),
                (true, tiered) => {
                    let scale = if scale == "1M" { "每百万" } else { "每千" };
                    let tiers = if tiered { format!("起，按输入长度分 {n} 档") } else { String::new() };
                    format!("输入 {i} / 输出 {o}，{scale} tokens{tiers}")
                }
            }
        }
        Pricing::Units(up) => {
            let per = match (&up.unit_name, zh) {
                (Some(name), false) => name.as_str().to_string(),
                (Some(name), true) => up.unit_name_zh.clone().unwrap_or_else(|| name.clone()),
                (None, false) => up.measure.noun().into(),
                (None, true) => noun_zh(up.measure).into(),
            };
            // English writes `$1 per image`, Chinese `$1/张`.
            let per = if zh { format!("/{per}") } else { format!(" per {per}") };
            let amount = |d| unit_amount(d, up, card, lang);
            match &up.rate {
                UnitRate::Fixed(Price::Published(d)) => format!("{}{per}", amount(*d)),
                UnitRate::Fixed(Price::Unpublished) => {
                    lang.pick("price not published: enter it", "未公布价格：请自行填写").into()
                }
                UnitRate::Range { min, max } => format!("{}–{}{per}", format::number(*min), amount(*max)),
                UnitRate::ByResolution(list) => {
                    let lo = list.iter().map(|(_, d)| *d).min().unwrap_or_default();
                    let hi = list.iter().map(|(_, d)| *d).max().unwrap_or_default();
                    let by = lang.pick(", by resolution", "，按分辨率");
                    if lo == hi {
                        format!("{}{per}{by}", amount(lo))
                    } else {
                        format!("{}–{}{per}{by}", format::number(lo), amount(hi))
                    }
                }
                UnitRate::Volume { tiers, .. } => {
                    let hi = tiers.first().map(|t| t.price).unwrap_or_default();
                    let lo = tiers.last().map(|t| t.price).unwrap_or_default();
                    let by = lang.pick(" by monthly volume", "，按月用量阶梯");
                    format!("{}–{}{per}{by}", format::number(lo), amount(hi))
                }
            }
        }
    }
}

/// The model's free trial, e.g. `New-user trial: 1,000,000 tokens per model`.
pub fn free_summary(card: &RateCard, model: &Model, lang: Lang) -> Option<String> {
    let q = card.free_quotas.get(model.quota?)?;
    Some(match (lang, &q.name_zh) {
        (Lang::Zh, Some(zh)) => zh.to_string(),
        _ => q.name.to_string(),
    })
}

/// The finite input-length bounds of a token model's tiers, e.g. `[32000, 128000]`.
pub fn tier_bounds(model: &Model) -> Vec<u64> {
    match &model.pricing {
        Pricing::Tokens(tp) => tp.tiers.iter().filter_map(|t| t.up_to).collect(),
        Pricing::Units(_) => Vec::new(),
    }
}

/// The largest input a token model takes, if its last tier is bounded.
pub fn max_input(model: &Model) -> Option<u64> {
    match &model.pricing {
        Pricing::Tokens(tp) => tp.tiers.last().and_then(|t| t.up_to),
        Pricing::Units(_) => None,
    }
}

/// `32000` as `32k`, `1000000` as `1M`.
pub fn short(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}
