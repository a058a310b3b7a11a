//! The words and cells of a comparison ([`Comparison`]), in English or 简体中文: the column
//! titles, the caption, the rate note and each model's difference, shared by the CLI's table
//! (`ratecard compare`) and the widget's compare table (`app/compare.rs`). Amounts are formatted
//! by each output; a percent is rounded here, for display only.

use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};

use super::rows::{Word, line_name};
use crate::lang::Lang;
use crate::rating::decide::{Comparison, Ranked};
use crate::rating::money::round_for_display;
use crate::rating::num::group;

/// A column of a comparison table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareColumn {
    /// The place, from 1 (the cheapest).
    Rank,
    /// The model (and the line's label).
    Model,
    /// The provider.
    Provider,
    /// The month's cost in the display currency.
    Month,
    /// The difference to the cheapest, amount and percent.
    Difference,
}

impl CompareColumn {
    /// Every column, in the order tables show them.
    pub const ALL: [CompareColumn; 5] = [
        CompareColumn::Rank,
        CompareColumn::Model,
        CompareColumn::Provider,
        CompareColumn::Month,
        CompareColumn::Difference,
    ];

    /// The column's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            CompareColumn::Rank => lang.pick("Rank", "排名"),
            CompareColumn::Model => lang.pick("Model", "模型"),
            CompareColumn::Provider => lang.pick("Provider", "服务商"),
            CompareColumn::Month => lang.pick("Per month", "每月"),
            CompareColumn::Difference => lang.pick("Difference", "差额"),
        }
    }
}

/// What the table shows, e.g. `The same workload on 3 models, cheapest first; each is priced on
/// its own, never added up.`
pub fn caption(c: &Comparison, lang: Lang) -> String {
    let n = c.ranked.len();
    match lang {
        Lang::En => format!(
            "The same workload on {n} model{}, cheapest first; each is priced on its own, never added up.",
            if n == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!("同一用量在 {n} 个模型上的价格，从低到高排列；各自单独计价，不相加。"),
    }
}

/// The exchange-rate note, only when some card is in another currency than the display one, e.g.
/// `Amounts in CNY; converted at 1 USD = 7.3 CNY (default).`
pub fn rate_note(c: &Comparison, lang: Lang) -> Option<String> {
    rate_note_of(c.converted, c.usd_cny, c.usd_cny_source, c.currency, lang)
}

/// The exchange-rate note of any ranking (`share::traffic` too) from its parts.
pub fn rate_note_of(
    converted: bool,
    usd_cny: Decimal,
    usd_cny_source: &str,
    currency: crate::rating::money::Currency,
    lang: Lang,
) -> Option<String> {
    converted.then(|| {
        let source = if usd_cny_source == "default" { Word::DefaultRate } else { Word::EstimateRate }.text(lang);
        let rate = usd_cny.normalize();
        match lang {
            Lang::En => format!("Amounts in {currency}; converted at 1 USD = {rate} CNY ({source})."),
            Lang::Zh => format!("金额以 {currency} 计；按 1 USD = {rate} CNY 换算（{source}）。"),
        }
    })
}

/// The difference to the cheapest as a percent for display: one place, half away from zero, with
/// its sign, e.g. `+8.8%`.
pub fn percent(p: Decimal) -> String {
    let shown = p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero).normalize();
    format!("+{shown}%")
}

/// A model's difference cell, with amounts written by `money`: `cheapest` for the cheapest (and
/// any that cost the same), else e.g. `+1.50 CNY (+8.8%)`.
pub fn difference(r: &Ranked, lang: Lang, money: impl Fn(Decimal) -> String) -> String {
    if r.difference.amount().is_zero() {
        return lang.pick("cheapest", "最便宜").to_string();
    }
    let amount = money(r.difference.amount());
    match r.percent {
        Some(p) => format!("+{amount} ({})", percent(p)),
        None => format!("+{amount}"),
    }
}

/// A model's name as the table shows it, e.g. `GLM-5` or `GLM-5 (long prompts)`.
pub fn model_name(r: &Ranked) -> String {
    line_name(&r.quote)
}

/// The comparison as the CLI's text table in `lang`: caption, rate note, one row per model, and
/// the lines left out with their problems.
pub fn to_table(c: &Comparison, lang: Lang) -> String {
    let money = |d: Decimal| format!("{} {}", group(round_for_display(d)), c.currency);
    let mut rows: Vec<[String; 5]> = vec![CompareColumn::ALL.map(|col| col.title(lang).to_string())];
    for r in &c.ranked {
        let mut month = money(r.total.amount());
        if r.card_currency != c.currency {
            let _ = write!(month, " ({} {})", group(round_for_display(r.card_total.amount())), r.card_currency);
        }
        rows.push([r.rank.to_string(), model_name(r), r.provider_name.clone(), month, difference(r, lang, money)]);
    }
    let mut out = caption(c, lang);
    out.push('\n');
    if let Some(note) = rate_note(c, lang) {
        out.push_str(&note);
        out.push('\n');
    }
    grid(&rows, &mut out);
    if !c.errors.is_empty() {
        let _ = writeln!(out, "\n{}", Word::LeftOut.text(lang));
        for e in &c.errors {
            let _ = writeln!(out, "  {}", crate::lang::quote_error(e, lang));
        }
    }
    out
}

/// The rows of a ranking as text columns (the amounts right-aligned), each row on a line after a
/// blank one, as `to_table` and `share::traffic::to_table` write them.
pub(crate) fn grid(rows: &[[String; 5]], out: &mut String) {
    // A Chinese character takes two columns of a terminal.
    let cols = |s: &str| s.chars().map(|c| if c > '\u{2e80}' { 2 } else { 1 }).sum::<usize>();
    let width = |i: usize| rows.iter().map(|row| cols(&row[i])).max().unwrap_or(0);
    let widths: Vec<usize> = (0..5).map(width).collect();
    for row in rows {
        out.push('\n');
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i].saturating_sub(cols(cell));
            if i == 3 {
                let _ = write!(out, "{}{cell}  ", " ".repeat(pad));
            } else if i == 4 {
                out.push_str(cell);
            } else {
                let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
            }
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
    }
    out.push('\n');
}
