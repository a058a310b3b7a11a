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
use crate::share::compare::{CompareColumn, caption, model_name, percent, rate_note};

/// The compare switch and, in compare mode, the ranked table.
#[component]
pub fn Compare() -> impl IntoView {
    let ctx = Ctx::get();
    let offered = move || ctx.compare.get() || ctx.count.get() >= 2;
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
        <Show when=move || ctx.compare.get()>{ranking}</Show>
    }
}

/// The ranked table: an on-demand chunk with the `split` feature, fetched when compare mode is
/// first turned on (or a `cmp=1` link opens).
fn ranking() -> AnyView {
    #[cfg(feature = "split")]
    return Suspend::new(async move { ranking_view().await }).into_any();
    #[cfg(not(feature = "split"))]
    ranking_view()
}

#[cfg_attr(feature = "split", lazy)]
fn ranking_view() -> AnyView {
    let ctx = Ctx::get();
    // The markup is the memo (a string compares cheaply).
    let table = Memo::new(move |_| {
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
        <section
            class="rc-compare"
            aria-label=ctx.t("Comparison of models", "模型对比")
            data-testid="compare"
            inner_html=move || table.get()
        ></section>
    }
    .into_any()
}

/// The comparison as markup: heading, an accessible table (caption, column headers, each model's
/// name as its row's header), the rate note and the lines left out.
fn table_html(c: &Comparison, lang: Lang) -> String {
    let money = |d: rust_decimal::Decimal| format::money(d, c.currency);
    let mut out = String::with_capacity(512 + c.ranked.len() * 320);
    el(&mut out, "h2 class=\"rc-compare__title\"", lang.pick("Compare models", "模型对比"));
    out.push_str("<div class=\"rc-compare__scroll\"><table class=\"rc-compare__table\">");
    el(&mut out, "caption class=\"rc-compare__caption\"", &caption(c, lang));
    head_html(&mut out, lang);
    for r in &c.ranked {
        let row = Row {
            testid: "compare-row",
            line: Some(r.line),
            rank: r.rank,
            name: &model_name(r),
            model: &r.model,
            provider: &r.provider,
            provider_name: &r.provider_name,
            total: r.total,
            exact: r.total.amount().to_string(),
            card_total: r.card_total,
            difference: r.difference,
            percent: r.percent,
        };
        row.write(&mut out, &money, lang);
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

/// The ranked table's column headers; the provider is written under the model, so a phone has room
/// for four columns.
pub fn head_html(out: &mut String, lang: Lang) {
    out.push_str("<thead><tr>");
    for col in CompareColumn::ALL {
        let open = match col {
            CompareColumn::Provider => continue,
            CompareColumn::Month | CompareColumn::Difference => "th scope=\"col\" class=\"rc-compare__num\"",
            _ => "th scope=\"col\"",
        };
        el(out, open, col.title(lang));
    }
    out.push_str("</tr></thead><tbody>");
}

/// One ranked model as a table row: compare mode's and the usage tool's.
pub struct Row<'a> {
    /// The row's `data-testid`.
    pub testid: &'static str,
    /// The estimate line it was priced from, if it was.
    pub line: Option<usize>,
    /// Its place, from 1.
    pub rank: usize,
    /// The name the row shows.
    pub name: &'a str,
    /// The model's published name, for `data-model`.
    pub model: &'a str,
    /// The provider's id.
    pub provider: &'a str,
    /// The provider's name.
    pub provider_name: &'a str,
    /// The month in the display currency.
    pub total: crate::rating::Money,
    /// The month's exact amount as `data-exact` writes it (as the CLI's JSON of the same table).
    pub exact: String,
    /// The month in the card currency.
    pub card_total: crate::rating::Money,
    /// The difference to the cheapest, in the display currency.
    pub difference: crate::rating::Money,
    /// The difference in percent, when the cheapest costs something.
    pub percent: Option<rust_decimal::Decimal>,
}

impl Row<'_> {
    /// Appends the row, amounts written by `money` in the display currency.
    pub fn write(&self, out: &mut String, money: &dyn Fn(rust_decimal::Decimal) -> String, lang: Lang) {
        let cheapest = self.difference.amount().is_zero();
        out.push_str(&format!("<tr data-testid=\"{}\" class=\"rc-compare__row", self.testid));
        if cheapest {
            out.push_str(" rc-compare__row--cheapest");
        }
        if let Some(line) = self.line {
            out.push_str(&format!("\" data-line=\"{line}"));
        }
        out.push_str("\" data-model=\"");
        esc(out, self.model);
        out.push_str("\" data-provider=\"");
        esc(out, self.provider);
        out.push_str("\" data-exact=\"");
        out.push_str(&self.exact);
        out.push_str("\" data-difference=\"");
        out.push_str(&self.difference.amount().normalize().to_string());
        out.push_str("\" data-currency=\"");
        out.push_str(self.total.currency().code());
        out.push_str("\">");
        el(out, "td class=\"rc-compare__rank\"", &self.rank.to_string());
        out.push_str("<th scope=\"row\" class=\"rc-compare__model\">");
        esc(out, self.name);
        el(out, "span class=\"rc-compare__provider\"", self.provider_name);
        out.push_str("</th><td class=\"rc-compare__num\" data-testid=\"compare-total\">");
        esc(out, &money(self.total.amount()));
        if self.card_total.currency() != self.total.currency() {
            el(
                out,
                "span class=\"rc-compare__card\"",
                &format::money(self.card_total.amount(), self.card_total.currency()),
            );
        }
        // The percent on its own line, so that a phone has room for the four columns.
        out.push_str("</td><td class=\"rc-compare__num rc-compare__diff\">");
        if cheapest {
            esc(out, lang.pick("cheapest", "最便宜"));
        } else {
            esc(out, &format!("+{}", money(self.difference.amount())));
            if let Some(p) = self.percent {
                el(out, "span class=\"rc-compare__pct\"", &percent(p));
            }
        }
        out.push_str("</td></tr>");
    }
}
