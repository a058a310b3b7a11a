//! Loading the embedded rate cards in the browser, and the words the picker shows for a model.

use rust_decimal::Decimal;

use super::format;
use crate::rating::catalog::{
    Catalog, CatalogError, Denomination, Model, Price, Pricing, RateCard, UnitPricing, UnitRate,
};

/// Loads and checks [`crate::CATALOG_JSON`] with the core's checks, through the same strict JSON
/// reader as host catalogs (see [`super::host`]).
///
/// # Errors
/// Every problem in the cards, each naming its file, model and field.
pub fn load() -> Result<Catalog, Vec<CatalogError>> {
    super::host::embedded()
}

fn price_text(p: &Price, card: &RateCard) -> String {
    match p {
        Price::Published(d) => format::price(*d, card.currency),
        Price::Unpublished => "price not published".into(),
    }
}

fn unit_amount(value: Decimal, up: &UnitPricing, card: &RateCard) -> String {
    match &up.denomination {
        Denomination::Money => format::price(value, card.currency),
        Denomination::Credits { kind, .. } => format!("{} {kind} credits", format::number(value)),
    }
}

/// A one-line price summary, e.g. `¥4 in / ¥18 out per 1M tokens, 2 tiers by input length`.
pub fn price_summary(card: &RateCard, model: &Model) -> String {
    match &model.pricing {
        Pricing::Tokens(tp) => {
            let Some(first) = tp.tiers.first() else { return String::new() };
            let mut s = format!(
                "{} in / {} out per {} tokens",
                price_text(&first.input, card),
                price_text(&first.output, card),
                tp.scale.label()
            );
            if tp.tiers.len() > 1 {
                s = format!("from {s}, {} tiers by input length", tp.tiers.len());
            }
            s
        }
        Pricing::Units(up) => {
            let per = up.measure.noun();
            let per = if let Some(name) = &up.unit_name { name.as_str() } else { per };
            match &up.rate {
                UnitRate::Fixed(Price::Published(d)) => format!("{} per {per}", unit_amount(*d, up, card)),
                UnitRate::Fixed(Price::Unpublished) => "price not published: enter it".into(),
                UnitRate::Range { min, max } => {
                    format!("{}–{} per {per}", format::number(*min), unit_amount(*max, up, card))
                }
                UnitRate::ByResolution(list) => {
                    let lo = list.iter().map(|(_, d)| *d).min().unwrap_or_default();
                    let hi = list.iter().map(|(_, d)| *d).max().unwrap_or_default();
                    if lo == hi {
                        format!("{} per {per}, by resolution", unit_amount(lo, up, card))
                    } else {
                        format!("{}–{} per {per}, by resolution", format::number(lo), unit_amount(hi, up, card))
                    }
                }
                UnitRate::Volume { tiers, .. } => {
                    let hi = tiers.first().map(|t| t.price).unwrap_or_default();
                    let lo = tiers.last().map(|t| t.price).unwrap_or_default();
                    format!("{}–{} per {per} by monthly volume", format::number(lo), unit_amount(hi, up, card))
                }
            }
        }
    }
}

/// The model's free trial, e.g. `Free: New-user trial: 1,000,000 tokens per model`.
pub fn free_summary(card: &RateCard, model: &Model) -> Option<String> {
    let q = card.free_quotas.get(model.quota?)?;
    Some(q.name.to_string())
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
