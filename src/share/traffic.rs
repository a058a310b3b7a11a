//! "Your traffic on each model": the usage records read (`usage::Records`) priced whole on each
//! of several token models, ranked cheapest first with the difference to the cheapest, like compare
//! mode (`rating::decide::compare`), never summed.
//!
//! For each model every record is mapped to it, whatever its name, and aggregated exactly as
//! [`Usage`] does (token tiers chosen per request for that model's own tiers); that estimate is
//! priced by [`quote`] with the settings of the estimate given (display currency, exchange rate,
//! discounts, start month). Free trials are used only when asked: a trial is once, and the
//! question is usually what a month costs. A model on which some record is longer than every input
//! tier, or whose estimate does not price, is left out with the reason, so every ranked model
//! prices the same traffic.

use rust_decimal::Decimal;

use super::usage::{Records, Usage, UsageProblem};
use crate::lang::Lang;
use crate::rating::catalog::Catalog;
use crate::rating::decide::CompareError;
use crate::rating::estimate::{Estimate, Field, FieldValue, VERSION};
use crate::rating::money::{Currency, Money};
use crate::rating::{QuoteError, fields_used, num, quote};

/// One model's price of the whole traffic.
#[derive(Debug, Clone, PartialEq)]
pub struct OnModel {
    /// Its place, from 1 (the cheapest); models that cost the same share a place.
    pub rank: usize,
    /// The provider's id.
    pub provider: String,
    /// The provider's name.
    pub provider_name: String,
    /// The model's published name.
    pub model: String,
    /// The model's card currency.
    pub card_currency: Currency,
    /// The month's cost in the card currency.
    pub card_total: Money,
    /// The month's cost in the display currency.
    pub total: Money,
    /// `total` less the cheapest total, in the display currency.
    pub difference: Money,
    /// `difference / cheapest x 100` (28 significant digits at most); `None` when the cheapest
    /// costs nothing.
    pub percent: Option<Decimal>,
    /// The estimate it was priced from.
    pub estimate: Estimate,
}

/// Why a model is not ranked.
#[derive(Debug, Clone, PartialEq)]
pub enum LeftOutWhy {
    /// It is not a token-priced model of the catalog.
    Unknown(UsageProblem),
    /// This many records are longer than its longest input tier.
    TooLong(u64),
    /// Its estimate does not price.
    Quote(QuoteError),
}

/// A model left out of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The model as asked, `provider/Model`.
    pub target: String,
    /// Why.
    pub why: LeftOutWhy,
}

/// The traffic on each model, cheapest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Traffic {
    /// The records priced on each model.
    pub records: usize,
    /// The currency every total is shown in.
    pub currency: Currency,
    /// CNY per USD used for conversions.
    pub usd_cny: Decimal,
    /// `estimate` when the estimate gave the rate, else `default`.
    pub usd_cny_source: &'static str,
    /// Whether some model's card is in another currency than the display currency.
    pub converted: bool,
    /// The models, cheapest first (ties in the order asked).
    pub ranked: Vec<OnModel>,
    /// The models left out, in the order asked.
    pub left_out: Vec<LeftOut>,
}

/// Prices `records` whole on each of `targets` (`provider/Model`) with `settings`' currency, rate,
/// discounts and start, and ranks them cheapest first. The display currency is `settings`'s, else
/// the card currency of the first target. `free_trials` lets a model draw on its free quota.
///
/// # Errors
/// [`CompareError::Overflow`] when a difference does not fit. A target that cannot be priced is
/// not an error: it is listed in [`Traffic::left_out`].
pub fn on_each(
    catalog: &Catalog,
    records: &Records,
    targets: &[String],
    settings: &Estimate,
    free_trials: bool,
) -> Result<Traffic, CompareError> {
    let first_card = targets.iter().find_map(|t| t.split_once('/').and_then(|(p, _)| catalog.card(p.trim())));
    let currency = settings.currency.or(first_card.map(|(_, c)| c.currency)).unwrap_or(Currency::Usd);
    let base = Estimate { version: VERSION, currency: Some(currency), lines: Vec::new(), ..settings.clone() };
    let (mut usd_cny, mut usd_cny_source) = (base.usd_cny.unwrap_or(crate::rating::money::DEFAULT_USD_CNY), "default");
    if base.usd_cny.is_some() {
        usd_cny_source = "estimate";
    }
    let mut priced: Vec<OnModel> = Vec::new();
    let mut left_out = Vec::new();
    for target in targets {
        let mut usage = match Usage::onto(catalog, target) {
            Ok(u) => u,
            Err(p) => {
                left_out.push(LeftOut { target: target.clone(), why: LeftOutWhy::Unknown(p) });
                continue;
            }
        };
        usage.add_all(records);
        if usage.too_long > 0 {
            left_out.push(LeftOut { target: target.clone(), why: LeftOutWhy::TooLong(usage.too_long) });
            continue;
        }
        let mut estimate = Estimate { lines: usage.estimate().lines, ..base.clone() };
        let trial_field = estimate.lines.first().and_then(|l| {
            let (_, card) = catalog.card(&l.provider)?;
            let (_, m) = card.model(&l.model)?;
            Some(fields_used(m).contains(&Field::FreeTrial.name()))
        });
        if trial_field == Some(true) && !free_trials {
            for l in &mut estimate.lines {
                let _ = l.set(Field::FreeTrial, Some(FieldValue::Flag(false)));
            }
        }
        let b = quote(catalog, &estimate);
        (usd_cny, usd_cny_source) = (b.usd_cny, b.usd_cny_source);
        if let Some(e) = b.errors.into_iter().next() {
            left_out.push(LeftOut { target: target.clone(), why: LeftOutWhy::Quote(e) });
            continue;
        }
        let Some(first) = b.lines.first() else {
            // No records: nothing to price on it, which is no ranking either.
            continue;
        };
        let mut card_total = Decimal::ZERO;
        for l in &b.lines {
            card_total = num::add(card_total, l.total.amount())?;
        }
        priced.push(OnModel {
            rank: 0,
            provider: first.provider.to_string(),
            provider_name: first.provider_name.to_string(),
            model: first.model.to_string(),
            card_currency: first.currency,
            card_total: Money::new(card_total, first.currency),
            total: b.total,
            difference: Money::new(Decimal::ZERO, currency),
            percent: None,
            estimate,
        });
    }
    // A stable sort: models that cost the same keep the order asked.
    priced.sort_by_key(|m| m.total.amount());
    let cheapest = priced.first().map_or(Decimal::ZERO, |m| m.total.amount());
    let mut prev: Option<(Decimal, usize)> = None;
    for (i, m) in priced.iter_mut().enumerate() {
        let total = m.total.amount();
        let difference = num::sub(total, cheapest)?.normalize();
        m.percent = if cheapest.is_zero() {
            None
        } else {
            Some(num::mul(num::div(difference, cheapest)?, Decimal::ONE_HUNDRED)?.normalize())
        };
        m.difference = Money::new(difference, currency);
        m.rank = match prev {
            Some((t, r)) if t == total => r,
            _ => i + 1,
        };
        prev = Some((total, m.rank));
    }
    let converted = priced.iter().any(|m| m.card_currency != currency);
    Ok(Traffic { records: records.len(), currency, usd_cny, usd_cny_source, converted, ranked: priced, left_out })
}

/// What the table shows, e.g. `All 3 records on 2 models, cheapest first; each model prices the
/// whole traffic on its own.`
pub fn caption(t: &Traffic, lang: Lang) -> String {
    let (r, n) = (t.records, t.ranked.len());
    match lang {
        Lang::En => format!(
            "All {r} record{} on {n} model{}, cheapest first; each model prices the whole traffic on its own.",
            if r == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!("全部 {r} 条记录分别在 {n} 个模型上的价格，从低到高排列；每个模型单独计价全部用量。"),
    }
}

/// Why a model is left out, in `lang`.
pub fn left_out_text(l: &LeftOut, lang: Lang) -> String {
    let why = match &l.why {
        LeftOutWhy::Unknown(p) => crate::lang::usage_problem(p, lang),
        LeftOutWhy::TooLong(n) => match lang {
            Lang::En => format!("{n} record(s) are longer than its longest input tier"),
            Lang::Zh => format!("{n} 条记录的输入长度超出其最长输入档位"),
        },
        LeftOutWhy::Quote(e) => crate::lang::quote_error(e, lang),
    };
    format!("{}{}{why}", l.target, lang.pick(": ", "："))
}

/// The exchange-rate note, only when some card is in another currency than the display one.
pub fn rate_note(t: &Traffic, lang: Lang) -> Option<String> {
    super::compare::rate_note_of(t.converted, t.usd_cny, t.usd_cny_source, t.currency, lang)
}

/// The ranking as the CLI's text table in `lang` (`ratecard usage --on ...`): caption, rate note,
/// one row per model, and the models left out with the reason.
pub fn to_table(t: &Traffic, lang: Lang) -> String {
    use std::fmt::Write as _;

    use super::compare::{CompareColumn, grid, percent};
    use crate::rating::money::round_for_display;
    use crate::rating::num::group;

    let money = |d: Decimal| format!("{} {}", group(round_for_display(d)), t.currency);
    let mut rows: Vec<[String; 5]> = vec![CompareColumn::ALL.map(|col| col.title(lang).to_string())];
    for m in &t.ranked {
        let mut month = money(m.total.amount());
        if m.card_currency != t.currency {
            let _ = write!(month, " ({} {})", group(round_for_display(m.card_total.amount())), m.card_currency);
        }
        let difference = if m.difference.amount().is_zero() {
            lang.pick("cheapest", "最便宜").to_string()
        } else {
            match m.percent {
                Some(p) => format!("+{} ({})", money(m.difference.amount()), percent(p)),
                None => format!("+{}", money(m.difference.amount())),
            }
        };
        rows.push([m.rank.to_string(), m.model.clone(), m.provider_name.clone(), month, difference]);
    }
    let mut out = caption(t, lang);
    out.push('\n');
    if let Some(note) = rate_note(t, lang) {
        out.push_str(&note);
        out.push('\n');
    }
    grid(&rows, &mut out);
    if !t.left_out.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("Not ranked:", "未参与排名："));
        for l in &t.left_out {
            let _ = writeln!(out, "  {}", left_out_text(l, lang));
        }
    }
    out
}

/// The ranking as JSON (the CLI's `on_each`, the JS API's `onEach`): amounts as exact decimal
/// strings, each model left out with the reason in English.
pub fn to_json(t: &Traffic) -> serde_json::Value {
    serde_json::json!({
        "records": t.records,
        "currency": t.currency,
        "usd_cny": t.usd_cny,
        "usd_cny_source": t.usd_cny_source,
        "converted": t.converted,
        "ranked": t.ranked.iter().map(|m| serde_json::json!({
            "rank": m.rank,
            "provider": m.provider,
            "provider_name": m.provider_name,
            "model": m.model,
            "card_currency": m.card_currency,
            "card_total": m.card_total,
            "total": m.total,
            "difference": m.difference,
            "percent": m.percent,
        })).collect::<Vec<_>>(),
        "left_out": t.left_out.iter().map(|l| serde_json::json!({
            "model": l.target,
            "why": left_out_text(l, Lang::En),
        })).collect::<Vec<_>>(),
    })
}
