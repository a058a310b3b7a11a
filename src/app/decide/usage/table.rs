//! The markup of "your traffic on each model" (`share::traffic::on_each`): compare mode's table
//! (`app/compare.rs`: its classes and `share::compare`'s words), one row per model priced on the
//! whole traffic, cheapest first, then the models left out with the reason.

use rust_decimal::Decimal;

use crate::app::compare::{Row, head_html};
use crate::app::format;
use crate::app::html::el;
use crate::lang::Lang;
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
        head_html(&mut out, lang);
        for m in &t.ranked {
            let row = Row {
                testid: "usage-compare-row",
                line: None,
                rank: m.rank,
                name: &m.model,
                model: &m.model,
                provider: &m.provider,
                provider_name: &m.provider_name,
                total: m.total,
                exact: m.total.amount().normalize().to_string(),
                card_total: m.card_total,
                difference: m.difference,
                percent: m.percent,
            };
            row.write(&mut out, &money, lang);
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
