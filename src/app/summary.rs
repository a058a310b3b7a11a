//! The live results: totals per month and per year, the breakdown of every line, and the chart.

use leptos::prelude::*;

use super::html::{el, esc, follow_lines};
use super::i18n::Lang;
use super::{Ctx, format};
use crate::lang::{Render, per_short};
use crate::rating::Currency;
use crate::rating::breakdown::{Component, ComponentKind, DiscountLine, Drawdown, LineQuote};
use crate::share::rows::{self, Column, Row, Word, tier_note};

/// The month and year totals, in an `aria-live` region, with the range and the rate used.
#[component]
pub fn Totals() -> impl IntoView {
    let ctx = Ctx::get();
    let b = ctx.breakdown;
    let exact = move || b.with(|b| b.total.amount().to_string());
    let month = move || b.with(|b| format::money(b.total.amount(), b.currency));
    let year_exact = move || ctx.year.with(|p| p.year.total.amount().to_string());
    let year = move || ctx.year.with(|p| format::money(p.year.total.amount(), p.year.total.currency()));
    let typical_exact = move || ctx.year.with(|p| p.typical.total.amount().to_string());
    let typical = move || ctx.year.with(|p| format::money(p.typical.total.amount(), p.typical.total.currency()));
    // Which month is typical: the first one with no free trial left and nothing bought once.
    let typical_when = move || {
        ctx.year.with(|p| match (ctx.lang.get(), p.typical.reached, p.typical.month) {
            (Lang::En, true, 1) => "the same every month".to_string(),
            (Lang::Zh, true, 1) => "每月相同".to_string(),
            // The first month's note says what it holds (a trial, packages); this one says when
            // the months settle.
            (Lang::En, true, m) => format!("from month {m} on"),
            (Lang::Zh, true, m) => format!("自第 {m} 个月起"),
            (Lang::En, false, m) => format!("month {m}: a quota or balance lasts longer"),
            (Lang::Zh, false, m) => format!("第 {m} 个月：额度或余额仍未用完"),
        })
    };
    // What makes the first month differ, as the breakdown says: a free trial drawn, packages bought.
    let first_when = move || {
        let trial = b.with(|b| b.lines.iter().any(|l| l.free.as_ref().is_some_and(|d| !d.used.is_zero())));
        let bought = b.with(|b| b.lines.iter().any(|l| l.components.iter().any(|c| c.kind == ComponentKind::Packages)));
        match (trial, bought) {
            (true, true) => ctx.tr("with the free trial and one-off packages", "含免费额度与一次性资源包"),
            (false, true) => ctx.tr("with one-off packages", "含一次性资源包"),
            (true, false) => ctx.tr("with the free trial", "含免费额度"),
            (false, false) => "",
        }
    };
    let range = move || {
        b.with(|b| match (b.total_min, b.total_max) {
            (Some(lo), Some(hi)) => Some(format!(
                "{} – {}{}",
                format::money(lo.amount(), b.currency),
                format::money(hi.amount(), b.currency),
                ctx.tr(" depending on the point in each price range", "，取决于各价格区间内的取值")
            )),
            _ => None,
        })
    };
    // The rate is named only when a line's card is in another currency than the total.
    let rate = move || {
        b.with(|b| {
            b.lines.iter().any(|l| l.currency != b.currency).then(|| {
                let rate = format::number(b.usd_cny);
                match (ctx.lang.get(), b.usd_cny_source == "default") {
                    (Lang::En, true) => format!("Converted at 1 USD = {rate} CNY (default rate). "),
                    (Lang::En, false) => format!("Converted at 1 USD = {rate} CNY (your rate). "),
                    (Lang::Zh, true) => format!("按 1 USD = {rate} CNY 换算（默认汇率）。"),
                    (Lang::Zh, false) => format!("按 1 USD = {rate} CNY 换算（您填写的汇率）。"),
                }
            })
        })
    };
    let problems = move || {
        b.with(|b| {
            let mut lines: Vec<usize> = Vec::new();
            for l in b.errors.iter().filter_map(|e| e.line) {
                if !lines.contains(&l) {
                    lines.push(l);
                }
            }
            let n = lines.len();
            match n {
                0 => None,
                1 => Some(
                    ctx.tr(
                        "1 line is left out of the total until its highlighted field is fixed.",
                        "有 1 行未计入总额，请先修正标出的字段。",
                    )
                    .to_string(),
                ),
                n => Some(match ctx.lang.get() {
                    Lang::En => {
                        format!("{n} lines are left out of the total until their highlighted fields are fixed.")
                    }
                    Lang::Zh => format!("有 {n} 行未计入总额，请先修正标出的字段。"),
                }),
            }
        })
    };
    view! {
        <section class="rc-totals" role=ctx.options.with_value(|o| (!o.standalone).then_some("group")) aria-labelledby="rc-totals-title">
            <h2 class="rc-visually-hidden" id="rc-totals-title">{ctx.t("Total cost", "总费用")}</h2>
            <div class="rc-totals__live" role="status" aria-live="polite" aria-atomic="true">
                <div class="rc-totals__item rc-totals__item--month">
                    <p class="rc-totals__label">
                        {ctx.t("First month", "首月")}
                        <span class="rc-totals__when" data-testid="total-first-when">
                            {first_when}
                        </span>
                    </p>
                    <p
                        class="rc-totals__amount"
                        data-testid="total"
                        data-exact=exact
                        data-currency=move || b.with(|b| b.currency.code())
                    >
                        {month}
                    </p>
                </div>
                <div class="rc-totals__item">
                    <p class="rc-totals__label">
                        {ctx.t("Typical month", "典型月份")}
                        <span class="rc-totals__when" data-testid="total-typical-when">{typical_when}</span>
                    </p>
                    <p
                        class="rc-totals__amount rc-totals__amount--typical"
                        data-testid="total-typical"
                        data-exact=typical_exact
                    >
                        {typical}
                    </p>
                </div>
                <div class="rc-totals__item">
                    <p class="rc-totals__label">{ctx.t("12 months", "12 个月")}</p>
                    <p class="rc-totals__amount rc-totals__amount--year" data-testid="total-year" data-exact=year_exact>
                        {year}
                    </p>
                </div>
            </div>
            {move || range().map(|r| view! { <p class="rc-totals__range" data-testid="total-range">{r}</p> })}
            {move || problems().map(|p| view! { <p class="rc-totals__warning" data-testid="total-warning">{p}</p> })}
            <p class="rc-totals__note">
                <span data-testid="rate-note">{rate}</span>
                <span class="rc-totals__year-note">
                    {ctx.t("Later months repeat this usage: free quotas run out or expire, packages are bought in the first month only.", "之后各月重复此用量：免费额度会用完或过期，资源包只在首月购买。")}
                </span>
            </p>
        </section>
    }
}

/// A drawdown, e.g. `Free trial: 50 of 50 images used, 0 left`.
fn drawdown_text(d: &Drawdown, lang: Lang) -> String {
    let (used, of, left) = (format::number(d.used), format::number(d.available), format::number(d.remaining));
    let (name, unit) = (d.name.render(lang), d.unit.render(lang));
    match lang {
        Lang::En => format!("{name}: {used} of {of} {unit} used, {left} left"),
        Lang::Zh => format!("{name}，已用 {used} / {of} {unit}，剩余 {left}"),
    }
}

/// One component's row of a line's table, as markup.
fn component_row(out: &mut String, c: &Component, card: Currency, display: Currency, lang: Lang) {
    let billable = format::number(rows::shown(c, c.billable));
    let drawn = rows::drawn(c, lang, format::number);
    let drawn = (!drawn.is_empty()).then(|| {
        let of = format::number(rows::shown(c, c.quantity));
        format!("{}{of}{}{drawn}", lang.pick("of ", "共 "), lang.pick(", ", "，"))
    });
    let per = per_short(c.price_per, lang);
    let mut price = format!("{} {per}", format::price(c.unit_price, card));
    if let Some(m) = c.multiple {
        price.push_str(&format!(" × {}", format::number(m)));
    }
    const DETAIL: &str = "span class=\"rc-breakdown__detail\"";
    out.push_str("<tr class=\"rc-breakdown__row\"><th scope=\"row\" class=\"rc-breakdown__item\">");
    esc(out, &c.label.render(lang));
    if let Some(d) = &c.detail {
        el(out, DETAIL, &d.render(lang));
    }
    if let Some(t) = &c.tier {
        el(out, DETAIL, &format!("{}{}", lang.pick("tier ", "档位 "), t.label.render(lang)));
    }
    out.push_str("</th>");
    cell(out, Column::Billable.title(lang), "");
    out.push_str("<span>");
    esc(out, &billable);
    out.push(' ');
    el(out, "span class=\"rc-breakdown__unit\"", &crate::lang::unit_for(c.billable, c.unit, lang));
    if let Some(d) = drawn {
        el(out, DETAIL, &d);
    }
    out.push_str("</span></td>");
    cell(out, Column::UnitPrice.title(lang), "");
    el(out, "span", &price);
    out.push_str("</td>");
    cell(out, Column::Amount.title(lang), " rc-breakdown__amount");
    esc(out, &format::money(c.amount_display.amount(), display));
    out.push_str("</td></tr>");
}

/// Opens a number cell labelled `label` (the label shows on narrow screens, where rows stack).
fn cell(out: &mut String, label: &str, extra_class: &str) {
    out.push_str("<td class=\"rc-breakdown__num");
    out.push_str(extra_class);
    out.push_str("\" data-label=\"");
    esc(out, label);
    out.push_str("\">");
}

/// A line's header and notes, and the head of its table, as markup.
fn line_head(o: &mut String, l: &LineQuote, display: Currency, lang: Lang) {
    let range = match (l.total_min, l.total_max) {
        (Some(lo), Some(hi)) if lo != hi => Some(format!(
            "{} {} – {}",
            Word::Range.text(lang),
            format::money(lo.amount(), display),
            format::money(hi.amount(), display)
        )),
        _ => None,
    };
    let notes = l
        .tier
        .iter()
        .filter(|t| t.of > 1)
        .map(|t| tier_note(t, lang))
        .chain(
            l.free.iter().map(|d| format!("{}{}", lang.pick("Free quota · ", "免费额度 · "), drawdown_text(d, lang))),
        )
        .chain(l.prepaid.iter().map(|d| format!("{}{}", lang.pick("Prepaid · ", "预付费 · "), drawdown_text(d, lang))))
        .chain(l.flags.iter().map(|f| f.render(lang)).filter(|m| !m.is_empty()));
    let title = l.label.clone().unwrap_or_else(|| l.model.to_string());
    o.push_str("<header class=\"rc-breakdown__head\"><h3 class=\"rc-breakdown__title\">");
    el(o, "span class=\"rc-breakdown__index\"", &l.line.to_string());
    esc(o, &title);
    el(o, "span class=\"rc-breakdown__provider\"", &l.provider_name);
    o.push_str("</h3><p class=\"rc-breakdown__total\" data-testid=\"breakdown-line-total\" data-exact=\"");
    esc(o, &l.total_display.amount().to_string());
    o.push_str("\">");
    esc(o, &format::money(l.total_display.amount(), display));
    if let Some(r) = range {
        el(o, "span class=\"rc-breakdown__range\"", &r);
    }
    o.push_str("</p></header><ul class=\"rc-breakdown__notes\">");
    for n in notes {
        el(o, "li", &n);
    }
    o.push_str("</ul><table class=\"rc-breakdown__table\"><thead><tr>");
    el(o, "th scope=\"col\"", Column::Item.title(lang));
    for c in [Column::Billable, Column::UnitPrice, Column::Amount] {
        el(o, "th scope=\"col\" class=\"rc-breakdown__num\"", c.title(lang));
    }
    o.push_str("</tr></thead><tbody>");
}

/// A discount's row of a line's table, as markup.
fn discount_row(o: &mut String, d: &DiscountLine, display: Currency, lang: Lang) {
    o.push_str("<tr class=\"rc-breakdown__row rc-breakdown__row--discount\">");
    el(o, "th scope=\"row\" class=\"rc-breakdown__item\"", &rows::discount_name(d, lang));
    cell(o, lang.pick("Multiplier", "系数"), "");
    esc(o, &format!("× {}", format::number(d.multiplier)));
    o.push_str("</td><td class=\"rc-breakdown__num\"></td>");
    cell(o, Column::Amount.title(lang), " rc-breakdown__amount");
    esc(o, &format::money(d.amount_display.amount(), display));
    o.push_str("</td></tr>");
}

/// A priced line's header, notes and table, as markup (the inside of its `<article>`), drawn from
/// the line's rows ([`rows::line_rows`]).
fn line_html(l: &LineQuote, display: Currency, lang: Lang) -> String {
    let mut out = String::with_capacity(2048);
    for r in rows::line_rows(l) {
        match r {
            Row::Line(l) => line_head(&mut out, l, display, lang),
            Row::Component(l, c) => component_row(&mut out, c, l.currency, display, lang),
            Row::Discount(_, d) => discount_row(&mut out, d, display, lang),
            // The line's total is in its header.
            Row::LineTotal(_) => out.push_str("</tbody></table>"),
            Row::Total { .. } | Row::LeftOut(_) => {}
        }
    }
    out
}

/// Every priced line with its components: quantity, free and prepaid drawdown, unit price, tier and
/// why, discounts and amount. One `<article>` per drawn line, written again only when the line's
/// quote or the language changes, so typing into one line of a long estimate redraws one line.
#[component]
pub fn BreakdownView() -> impl IntoView {
    let ctx = Ctx::get();
    let node = NodeRef::<leptos::html::Section>::new();
    const LINE: &[(&str, &str)] = &[("class", "rc-breakdown__line"), ("data-testid", "breakdown-line")];
    node.on_load(move |el| follow_lines(ctx, el.into(), "article", LINE, None, |l, c, lang, _| line_html(l, c, lang)));
    view! {
        <section
            class="rc-breakdown"
            aria-labelledby="rc-breakdown-title"
            data-testid="breakdown"
            data-view="breakdown"
            node_ref=node
        >
            <h2 class="rc-breakdown__heading" id="rc-breakdown-title">{ctx.t("Breakdown", "费用明细")}</h2>
        </section>
    }
}
