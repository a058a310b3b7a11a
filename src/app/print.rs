//! The printed quote: a document hidden on screen and shown alone by the `@media print` rules in
//! `ratecard.css`, written from the core's rows ([`rows::sheet`]) in the instance's language when
//! the page is about to print. Its form (customer, date, validity, notes, paper) is `quote.rs`'s.

//!
//! Everything here goes through [`crate::share::export`], the same code as `ratecard quote
//! --csv/--json/--markdown`, so a download equals the CLI's output on the same estimate. The
//! customer, the notes and the validity are the estimate's own optional fields (`customer`,
//! `notes`, `valid_days`), so they travel with links, storage and exports; they are never priced.
//! The quote date and the paper size are view state; the paper size is remembered in
//! `localStorage` on the calculator's own page.
//!
//! The printed document ([`PrintDocument`], placed by [`Quote`]) is hidden on screen and shown
//! alone by the `@media print` rules in `ratecard.css`; an injected `@page` rule sets the paper.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::html::el;
use super::i18n::Lang;
use super::quote::{valid_days, valid_until};
use super::seller::{Seller, brand_html};
use super::{Ctx, format};
use crate::lang::{self, Render, per_short};
use crate::rating::Currency;
use crate::share::rows::{self, Column, Period, Row, Word};

/// One row of the printed table ([`rows::Row`]): a line's name, a component, a discount or the
/// line's total.
fn print_row(out: &mut String, lang: Lang, row: &Row<'_>, display: Currency) {
    match row {
        Row::Line(l) => {
            out.push_str("<tbody class=\"rc-print__line\"><tr class=\"rc-print__line-head\">");
            let name = format!("{}. {} · {}", l.line, rows::line_name(l), l.provider_name);
            el(out, "th colspan=\"6\" scope=\"rowgroup\"", &name);
            out.push_str("</tr>");
        }
        Row::Component(l, c) => {
            out.push_str("<tr>");
            el(out, "td", &c.label.render(lang));
            let q = rows::shown(c, c.quantity);
            el(out, "td class=\"rc-print__num\"", &lang::count_of(q, c.unit, lang, &format::number(q)));
            el(out, "td class=\"rc-print__num\"", &rows::drawn(c, lang, format::number));
            let price = format!("{} {}", format::price(c.unit_price, l.currency), per_short(c.price_per, lang));
            el(out, "td class=\"rc-print__num\"", &price);
            el(out, "td", &c.tier.as_ref().map(|t| t.label.render(lang)).unwrap_or_default());
            el(out, "td class=\"rc-print__num\"", &format::money(c.amount_display.amount(), display));
            out.push_str("</tr>");
        }
        Row::Discount(_, d) => {
            let kind = rows::discount_name(d, lang);
            out.push_str("<tr class=\"rc-print__discount\">");
            el(out, "td colspan=\"5\"", &format!("{kind} × {}", format::number(d.multiplier)));
            el(out, "td class=\"rc-print__num\"", &format::money(d.amount_display.amount(), display));
            out.push_str("</tr>");
        }
        Row::LineTotal(l) => {
            out.push_str("<tr class=\"rc-print__line-total\">");
            el(out, "td colspan=\"5\"", Word::LineTotal.text(lang));
            el(out, "td class=\"rc-print__num\"", &format::money(l.total_display.amount(), display));
            out.push_str("</tr></tbody>");
        }
        Row::Total { .. } | Row::LeftOut(_) => {}
    }
}

/// The printed quote as HTML: a header with the seller (or Ratecard), the customer and the dates, the per-line
/// table, the first month's, the typical month's and the year's totals, the currency and rate, and
/// the notes, drawn from [`rows::sheet`], with the projection the totals on screen show.
fn print_html(ctx: Ctx, date: &str, seller: Seller) -> String {
    let lang = ctx.lang.get_untracked();
    let t = |en, zh| lang.pick(en, zh);
    let mut out = String::with_capacity(4096);
    let projection = ctx.year.get_untracked();
    ctx.estimate.with_untracked(|e| {
        ctx.breakdown.with_untracked(|b| {
            let s = rows::sheet(e, b, Some(&projection));
            let days = valid_days(e);
            out.push_str("<header class=\"rc-print__head\"><div>");
            brand_html(&mut out, seller, lang);
            el(&mut out, "h1 class=\"rc-print__title\"", s.title.unwrap_or(t("Quote", "报价单")));
            out.push_str("</div><dl class=\"rc-print__meta\">");
            el(&mut out, "dt", Word::Customer.text(lang));
            el(&mut out, "dd data-testid=\"print-customer\"", s.customer.unwrap_or("—"));
            el(&mut out, "dt", t("Date", "日期"));
            el(&mut out, "dd", date);
            el(&mut out, "dt", t("Valid until", "有效期至"));
            let until = format!("{} ({days} {})", valid_until(date, days), t("days", "天"));
            el(&mut out, "dd data-testid=\"print-valid-until\"", &until);
            out.push_str("</dl></header><table class=\"rc-print__table\"><thead><tr>");
            for (c, num) in [
                (Column::Item, false),
                (Column::Quantity, true),
                (Column::Drawn, true),
                (Column::UnitPrice, true),
                (Column::Tier, false),
                (Column::Amount, true),
            ] {
                let th = if num { "th scope=\"col\" class=\"rc-print__num\"" } else { "th scope=\"col\"" };
                el(&mut out, th, c.title(lang));
            }
            out.push_str("</tr></thead>");
            for r in s.rows.iter().filter(|r| !matches!(r, Row::Total { .. } | Row::LeftOut(_))) {
                print_row(&mut out, lang, r, s.currency);
            }
            out.push_str("</table><dl class=\"rc-print__totals\">");
            for r in &s.rows {
                let Row::Total { period, amount, range } = r else { continue };
                let (class, testid) = match period {
                    Period::FirstMonth => (" rc-print__total--month", "print-total"),
                    Period::TypicalMonth { .. } => ("", "print-total-typical"),
                    Period::Year => ("", "print-total-year"),
                };
                out.push_str(&format!("<div class=\"rc-print__total{class}\">"));
                el(&mut out, "dt", &period.render(lang));
                el(&mut out, &format!("dd data-testid=\"{testid}\""), &format::money(amount.amount(), s.currency));
                out.push_str("</div>");
                if let Some((lo, hi)) = range {
                    out.push_str("<div class=\"rc-print__total\">");
                    el(&mut out, "dt", Word::RangePerMonth.text(lang));
                    let range = format!(
                        "{} – {}",
                        format::money(lo.amount(), s.currency),
                        format::money(hi.amount(), s.currency)
                    );
                    el(&mut out, "dd", &range);
                    out.push_str("</div>");
                }
            }
            out.push_str("</dl>");
            let source = if s.default_rate {
                t("default rate", "默认汇率")
            } else {
                t("rate of this quote", "本报价汇率")
            };
            let (open, close) = (t(" (", "（"), t("). ", "）。"));
            let small = format!(
                "{} {} · 1 USD = {} CNY{open}{source}{close}{}",
                t("Currency", "币种"),
                s.currency.code(),
                format::number(s.usd_cny),
                t(
                    "Amounts are exact and rounded to 2 places for display. Later months repeat this usage, with free quotas and balances used up as they run out.",
                    "金额精确计算，显示时保留两位小数。之后各月重复此用量，免费额度和余额用完即止。",
                ),
            );
            el(&mut out, "p class=\"rc-print__small\"", &small);
            // A quote must not hide that some lines are not in its total.
            for r in &s.rows {
                let Row::LeftOut(e) = r else { continue };
                let problem = super::editor::error_full(e, lang);
                el(&mut out, "p class=\"rc-print__warning\"", &format!("{} {problem}", Word::LeftOut.text(lang)));
            }
            if let Some(notes) = s.notes {
                out.push_str("<section class=\"rc-print__notes\">");
                el(&mut out, "h2", t("Notes", "备注"));
                el(&mut out, "p", notes);
                out.push_str("</section>");
            }
        });
    });
    out
}

/// The printed quote, hidden on screen. Its markup is one HTML string (a static document needs no
/// reactive views), written only when the page is about to print (`beforeprint`, or print media
/// becoming active, as in a browser's print preview or emulation), so typing costs nothing here.
#[component]
pub(super) fn PrintDocument(
    /// The quote date, `YYYY-MM-DD`.
    date: RwSignal<String>,
    /// Set to the function that writes the document now (used by "Print quote").
    fill: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage>,
    /// US Letter paper rather than A4: the stylesheet's named page `rc-letter` (no inline
    /// `<style>`, which a strict Content-Security-Policy refuses).
    letter: RwSignal<bool>,
    /// Who the quote is from.
    seller: Seller,
) -> impl IntoView {
    let ctx = Ctx::get();
    let node = NodeRef::<leptos::html::Article>::new();
    let write = Rc::new(move || {
        if let Some(el) = node.get_untracked() {
            el.set_inner_html(&print_html(ctx, &date.get_untracked(), seller));
        }
    });
    fill.set_value(Some(write.clone()));
    let on_print = write.clone();
    let _ = window_event_listener_untyped("beforeprint", move |_| on_print());
    if let Some(mql) = web_sys::window().and_then(|w| w.match_media("print").ok().flatten()) {
        let changed = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if ev.target().and_then(|t| t.dyn_into::<web_sys::MediaQueryList>().ok()).is_some_and(|m| m.matches()) {
                write();
            }
        });
        let _ = mql.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
        // The listener lives as long as the page, like the widget.
        changed.forget();
    }
    let paper = move || if letter.get() { "letter" } else { "a4" };
    view! { <article class="rc-print" data-paper=paper data-testid="print-document" node_ref=node></article> }
}
