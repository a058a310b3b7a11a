//! The markup of "your traffic on each model" (`share::traffic::on_each`): compare mode's table
//! (`app/compare.rs`: its classes and `share::compare`'s words), one row per model priced on the
//! whole traffic, cheapest first, then the models left out with the reason.

use rust_decimal::Decimal;

use crate::app::format;
use crate::app::html::{el, esc};
use crate::lang::Lang;
use crate::share::compare::{CompareColumn, percent};
use crate::share::traffic::{Traffic, caption, left_out_text, rate_note};

/// The ranking as markup: an accessible table (caption, column headers, each model's name as its
/// row's header), the rate note and the models left out.
pub fn html(t: &Traffic, lang: Lang) -> String {
    let money = |d: Decimal| format::money(d, t.currency);
    let mut out = String::with_capacity(512 + t.ranked.len() * 320);
    if !t.ranked.is_empty() {
        out.push_str(
            "<div class=\"rc-compare__scroll\"><table class=\"rc-compare__table\" data-testid=\"usage-compare\">",
        );
        el(&mut out, "caption class=\"rc-compare__caption\"", &caption(t, lang));
        out.push_str("<thead><tr>");
        for col in CompareColumn::ALL {
            let open = match col {
                CompareColumn::Provider => continue,
                CompareColumn::Month | CompareColumn::Difference => "th scope=\"col\" class=\"rc-compare__num\"",
                _ => "th scope=\"col\"",
            };
            el(&mut out, open, col.title(lang));
        }
        out.push_str("</tr></thead><tbody>");
        for m in &t.ranked {
            let cheapest = m.difference.amount().is_zero();
            out.push_str("<tr data-testid=\"usage-compare-row\" class=\"rc-compare__row");
            if cheapest {
                out.push_str(" rc-compare__row--cheapest");
            }
            out.push_str("\" data-model=\"");
            esc(&mut out, &m.model);
            out.push_str("\" data-provider=\"");
            esc(&mut out, &m.provider);
            out.push_str("\" data-exact=\"");
            out.push_str(&m.total.amount().normalize().to_string());
            out.push_str("\" data-difference=\"");
            out.push_str(&m.difference.amount().to_string());
            out.push_str("\" data-currency=\"");
            out.push_str(t.currency.code());
            out.push_str("\">");
            el(&mut out, "td class=\"rc-compare__rank\"", &m.rank.to_string());
            out.push_str("<th scope=\"row\" class=\"rc-compare__model\">");
            esc(&mut out, &m.model);
            el(&mut out, "span class=\"rc-compare__provider\"", &m.provider_name);
            out.push_str("</th><td class=\"rc-compare__num\">");
            esc(&mut out, &money(m.total.amount()));
            if m.card_currency != t.currency {
                el(&mut out, "span class=\"rc-compare__card\"", &format::money(m.card_total.amount(), m.card_currency));
            }
            out.push_str("</td><td class=\"rc-compare__num rc-compare__diff\">");
            if cheapest {
                esc(&mut out, lang.pick("cheapest", "最便宜"));
            } else {
                esc(&mut out, &format!("+{}", money(m.difference.amount())));
                if let Some(p) = m.percent {
                    el(&mut out, "span class=\"rc-compare__pct\"", &percent(p));
                }
            }
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table></div>");
    }
    if let Some(note) = rate_note(t, lang) {
        el(&mut out, "p class=\"rc-compare__note\" data-testid=\"usage-compare-rate\"", &note);
    }
    if !t.left_out.is_empty() {
        el(&mut out, "p class=\"rc-compare__note\"", lang.pick("Not ranked:", "未参与排名："));
        out.push_str("<ul class=\"rc-compare__left-out\" data-testid=\"usage-compare-left-out\">");
        for l in &t.left_out {
            el(&mut out, "li", &left_out_text(l, lang));
        }
        out.push_str("</ul>");
    }
    out
}
