//! Compare mode: the lines priced side by side, ranked cheapest first with the difference to the
//! cheapest, never added up. The ranking is the core's (`rating::decide::compare`); its words are
//! `share::compare`'s, and the table is static markup (`html.rs`), redrawn when the estimate,
//! the language or the mode changes.
//!
//! A link opens it with `cmp=1`; the switch above the totals turns it on and off once the
//! estimate has two lines or more.

use leptos::prelude::*;

use super::html::{el, esc};
use super::{Ctx, format};
use crate::lang::Lang;
use crate::rating::decide::{Comparison, compare};
use crate::share::compare::{CompareColumn, caption, difference, model_name, percent, rate_note};

/// The compare switch and, in compare mode, the ranked table.
#[component]
pub fn Compare() -> impl IntoView {
    let ctx = Ctx::get();
    let offered = move || ctx.compare.get() || ctx.count.get() >= 2;
    // The markup is the memo (a string compares cheaply); the ranking is computed only in
    // compare mode.
    let table = Memo::new(move |_| {
        if !ctx.compare.get() {
            return String::new();
        }
        let lang = ctx.lang.get();
        ctx.estimate.with(|e| {
            ctx.catalog.with_value(|cat| match compare(cat, e) {
                Ok(c) => table_html(&c, lang),
                Err(err) => {
                    let mut out = String::new();
                    el(&mut out, "p class=\"rc-compare__empty\"", &crate::lang::compare_error(&err, lang));
                    out
                }
            })
        })
    });
    view! {
        <Show when=offered>
            <div class="rc-compare__switch">
                <input
                    id="rc-compare-switch"
                    type="checkbox"
                    class="rc-field__checkbox"
                    data-testid="compare-switch"
                    prop:checked=move || ctx.compare.get()
                    on:change=move |ev| ctx.compare.set(event_target_checked(&ev))
                />
                <label for="rc-compare-switch">
                    {ctx.t(
                        "Compare the lines side by side (ranked, not added up)",
                        "并排对比各行（排名，不相加）",
                    )}
                </label>
            </div>
        </Show>
        <Show when=move || ctx.compare.get()>
            <section
                class="rc-compare"
                aria-label=ctx.t("Comparison of models", "模型对比")
                data-testid="compare"
                inner_html=move || table.get()
            ></section>
        </Show>
    }
}

/// The comparison as markup: heading, an accessible table (caption, column headers, each model's
/// name as its row's header), the rate note and the lines left out.
fn table_html(c: &Comparison, lang: Lang) -> String {
    let money = |d: rust_decimal::Decimal| format::money(d, c.currency);
    let mut out = String::with_capacity(512 + c.ranked.len() * 320);
    el(&mut out, "h2 class=\"rc-compare__title\"", lang.pick("Compare models", "模型对比"));
    out.push_str("<div class=\"rc-compare__scroll\"><table class=\"rc-compare__table\">");
    el(&mut out, "caption class=\"rc-compare__caption\"", &caption(c, lang));
    out.push_str("<thead><tr>");
    // The provider is written under the model, so a phone has room for four columns.
    for col in CompareColumn::ALL {
        let open = match col {
            CompareColumn::Provider => continue,
            CompareColumn::Month | CompareColumn::Difference => "th scope=\"col\" class=\"rc-compare__num\"",
            _ => "th scope=\"col\"",
        };
        el(&mut out, open, col.title(lang));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &c.ranked {
        let cheapest = r.difference.amount().is_zero();
        out.push_str("<tr data-testid=\"compare-row\" class=\"rc-compare__row");
        if cheapest {
            out.push_str(" rc-compare__row--cheapest");
        }
        out.push_str("\" data-line=\"");
        out.push_str(&r.line.to_string());
        out.push_str("\" data-model=\"");
        esc(&mut out, &r.model);
        out.push_str("\" data-provider=\"");
        esc(&mut out, &r.provider);
        out.push_str("\" data-exact=\"");
        out.push_str(&r.total.amount().to_string());
        out.push_str("\" data-currency=\"");
        out.push_str(c.currency.code());
        out.push_str("\">");
        el(&mut out, "td class=\"rc-compare__rank\"", &r.rank.to_string());
        out.push_str("<th scope=\"row\" class=\"rc-compare__model\">");
        esc(&mut out, &model_name(r));
        el(&mut out, "span class=\"rc-compare__provider\"", &r.provider_name);
        out.push_str("</th>");
        out.push_str("<td class=\"rc-compare__num\" data-testid=\"compare-total\">");
        esc(&mut out, &money(r.total.amount()));
        if r.card_currency != c.currency {
            el(&mut out, "span class=\"rc-compare__card\"", &format::money(r.card_total.amount(), r.card_currency));
        }
        out.push_str("</td>");
        // The percent on its own line, so that a phone has room for the four columns.
        out.push_str("<td class=\"rc-compare__num rc-compare__diff\">");
        match r.percent.filter(|_| !cheapest) {
            Some(p) => {
                esc(&mut out, &format!("+{}", money(r.difference.amount())));
                el(&mut out, "span class=\"rc-compare__pct\"", &percent(p));
            }
            None => esc(&mut out, &difference(r, lang, money)),
        }
        out.push_str("</td>");
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    if let Some(note) = rate_note(c, lang) {
        el(&mut out, "p class=\"rc-compare__note\" data-testid=\"compare-rate\"", &note);
    }
    if !c.errors.is_empty() {
        el(&mut out, "p class=\"rc-compare__note\"", crate::share::rows::Word::LeftOut.text(lang));
        out.push_str("<ul class=\"rc-compare__left-out\">");
        for e in &c.errors {
            el(&mut out, "li", &crate::lang::quote_error(e, lang));
        }
        out.push_str("</ul>");
    }
    out
}
