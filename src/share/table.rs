//! The text table `ratecard quote` prints, drawn from [`rows::sheet`](super::rows::sheet), in
//! English or 简体中文.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::rows::{self, Period, Row, Word};
use crate::lang::{Lang, Render};
use crate::rating::breakdown::{Drawdown, TierChoice};
use crate::rating::money::round_for_display;
use crate::rating::num::group;
use crate::rating::{Breakdown, Estimate, Money, Projection};

fn money(m: &Money) -> String {
    format!("{} {}", group(round_for_display(m.amount())), m.currency())
}

/// A quantity as the table shows it: whole, or rounded to 2 places.
fn qty(d: Decimal) -> String {
    group(if d.fract().is_zero() { d } else { d.round_dp(2) })
}

fn tier(out: &mut String, indent: &str, t: &TierChoice, lang: Lang) {
    let (word, colon) = (lang.pick("tier", "档位"), lang.pick(": ", "："));
    let _ = writeln!(out, "{indent}{word} {}{colon}{}", t.label.render(lang), t.reason.render(lang));
}

fn drawdown(out: &mut String, d: &Drawdown, prepaid: bool, lang: Lang) {
    let (used, of, left, unit) = (group(d.used), group(d.available), group(d.remaining), d.unit.render(lang));
    let _ = match (lang, prepaid) {
        (Lang::En, false) => {
            writeln!(out, "   free: {}: used {used} of {of} {unit} ({left} left)", d.name.render(lang))
        }
        (Lang::En, true) => writeln!(out, "   prepaid: used {used} of {of} {unit} ({left} left)"),
        (Lang::Zh, false) => {
            writeln!(out, "   免费额度：{}：已用 {used} / {of} {unit}（剩余 {left}）", d.name.render(lang))
        }
        (Lang::Zh, true) => writeln!(out, "   预付费：已用 {used} / {of} {unit}（剩余 {left}）"),
    };
}

/// The quote of `b` as a text table in `lang`: per line its components with quantities, drawdowns,
/// unit prices, tiers and amounts, its discounts, notes and total; then the first month's, the
/// typical month's and the year's
/// totals.
pub fn to_table(estimate: &Estimate, b: &Breakdown, projection: Option<&Projection>, lang: Lang) -> String {
    let s = rows::sheet(estimate, b, projection);
    let colon = lang.pick(": ", "：");
    let source = if s.default_rate { Word::DefaultRate } else { Word::EstimateRate }.text(lang);
    let mut out = String::new();
    let rate = s.usd_cny.normalize();
    let _ = match lang {
        Lang::En => writeln!(out, "Ratecard quote in {} (1 USD = {rate} CNY ({source}))", s.currency),
        Lang::Zh => writeln!(out, "Ratecard 报价，币种 {}（1 USD = {rate} CNY，{source}）", s.currency),
    };
    let mut totals_started = false;
    for r in &s.rows {
        match r {
            Row::Line(l) => {
                let label = l.label.as_deref().map(|s| format!(" \"{s}\"")).unwrap_or_default();
                let _ = writeln!(out, "\n#{} {} / {}{label}", l.line, l.provider_name, l.model);
                if let Some(t) = &l.tier {
                    tier(&mut out, "   ", t, lang);
                }
            }
            Row::Component(l, c) => {
                let detail = match (&c.detail, lang) {
                    (Some(d), Lang::En) => format!(" ({})", d.render(lang)),
                    (Some(d), Lang::Zh) => format!("（{}）", d.render(lang)),
                    (None, _) => String::new(),
                };
                let _ = writeln!(out, "   {}{detail}", c.label.render(lang));
                let qty = |n: Decimal| qty(rows::shown(c, n));
                let mut q = format!("{} {}", group(rows::shown(c, c.quantity)), c.unit.render(lang));
                let sep = lang.pick(", ", "，");
                if !c.free.is_zero() {
                    let _ = write!(q, "{sep}{} {}", Word::Free.text(lang), qty(c.free));
                }
                if !c.prepaid.is_zero() {
                    let _ = write!(q, "{sep}{} {}", Word::Prepaid.text(lang), qty(c.prepaid));
                }
                let mult = c.multiple.map(|m| format!(" {}{}", lang.pick("x", "×"), m.normalize())).unwrap_or_default();
                let (price, cur, per, amount) =
                    (c.unit_price.normalize(), l.currency, c.price_per.render(lang), money(&c.amount));
                let _ = match lang {
                    Lang::En => {
                        writeln!(out, "      {q}; billable {} at {price} {cur} {per}{mult} = {amount}", qty(c.billable))
                    }
                    Lang::Zh => {
                        writeln!(out, "      {q}；计费 {}，单价 {price} {cur} {per}{mult} = {amount}", qty(c.billable))
                    }
                };
                if let Some(t) = &c.tier {
                    tier(&mut out, "      ", t, lang);
                }
            }
            Row::Discount(_, d) => {
                let _ = writeln!(out, "   {}{colon}{}", rows::discount_item(d, lang), money(&d.amount));
            }
            Row::LineTotal(l) => {
                if let Some(f) = &l.free {
                    drawdown(&mut out, f, false, lang);
                }
                if let Some(p) = &l.prepaid {
                    drawdown(&mut out, p, true, lang);
                }
                for n in l.flags.iter().map(|f| f.render(lang)).filter(|n| !n.is_empty()) {
                    let _ = writeln!(out, "   {}{colon}{n}", Word::Note.text(lang));
                }
                let shown = if l.currency == s.currency {
                    money(&l.total)
                } else {
                    format!("{} = {}", money(&l.total), money(&l.total_display))
                };
                let _ = writeln!(out, "   {}{colon}{shown}", lang.pick("line total", "小计"));
                if let (Some(min), Some(max)) = (&l.total_min, &l.total_max) {
                    let to = lang.pick("to", "至");
                    let _ = writeln!(out, "   {}{colon}{} {to} {}", Word::Range.text(lang), money(min), money(max));
                }
            }
            Row::Total { period, amount, range } => {
                if !totals_started {
                    out.push('\n');
                    totals_started = true;
                }
                let _ = writeln!(out, "{}{colon}{}", period.render(lang), money(amount));
                if let (Some((min, max)), Period::FirstMonth) = (range, period) {
                    let to = lang.pick("to", "至");
                    let _ =
                        writeln!(out, "{}{colon}{} {to} {}", Word::RangePerMonth.text(lang), money(min), money(max));
                }
            }
            Row::LeftOut(e) => {
                let _ = writeln!(out, "{} {e}", Word::LeftOut.text(lang));
            }
        }
    }
    out
}
