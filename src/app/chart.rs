//! The chart: each line's cost by component, as horizontal bars keyed by line, so that a change
//! to one line redraws that line's bar (and all bars only when the scale changes).

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::html::{el, follow_lines};
use super::i18n::Lang;
use super::{Ctx, format};
use crate::lang::Render;
use crate::rating::Currency;
use crate::rating::breakdown::{ComponentKind, LineQuote};

/// The chart colour group of a component, a BEM modifier of `rc-chart__seg`.
pub fn kind_class(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Input | ComponentKind::AudioInput | ComponentKind::ImageInput => "input",
        ComponentKind::CachedInput | ComponentKind::CacheWrite5m | ComponentKind::CacheWrite1h => "cached",
        ComponentKind::Output | ComponentKind::AudioOutput | ComponentKind::ImageOutput => "output",
        ComponentKind::Thinking => "thinking",
        ComponentKind::Usage => "usage",
        ComponentKind::Credits => "credits",
        ComponentKind::Packages | ComponentKind::Concurrency => "packages",
    }
}

fn legend_name(class: &str, lang: Lang) -> &'static str {
    match class {
        "input" => lang.pick("Input", "输入"),
        "cached" => lang.pick("Cache", "缓存"),
        "output" => lang.pick("Output", "输出"),
        "thinking" => lang.pick("Thinking", "思考"),
        "usage" => lang.pick("Usage", "用量"),
        "credits" => lang.pick("Credits", "积分"),
        _ => lang.pick("Packages", "资源包"),
    }
}

/// The chart's scale: the largest line's amount before discounts.
fn line_gross(l: &LineQuote) -> Decimal {
    l.components.iter().map(|c| c.amount_display.amount().max(Decimal::ZERO)).sum()
}

/// The cost of each line, by component, as horizontal SVG bars.
#[component]
pub fn CostChart() -> impl IntoView {
    let ctx = Ctx::get();
    let max = Memo::new(move |_| ctx.breakdown.with(|b| b.lines.iter().map(line_gross).max().unwrap_or_default()));
    let classes = Memo::new(move |_| {
        ctx.breakdown.with(|b| {
            let mut classes: Vec<&'static str> = Vec::new();
            for c in b.lines.iter().flat_map(|l| &l.components) {
                let class = kind_class(c.kind);
                if c.amount_display.amount() > Decimal::ZERO && !classes.contains(&class) {
                    classes.push(class);
                }
            }
            classes
        })
    });
    let discounted = Memo::new(move |_| ctx.breakdown.with(|b| b.lines.iter().any(|l| !l.discounts.is_empty())));
    let legend = move || {
        classes
            .get()
            .into_iter()
            .map(|c| {
                view! {
                    <li class="rc-chart__key">
                        <svg class="rc-chart__swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                            <rect class=format!("rc-chart__seg rc-chart__seg--{c}") width="10" height="10" rx="2"></rect>
                        </svg>
                        {legend_name(c, ctx.lang.get())}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="rc-chart" data-testid="chart">
            <figcaption class="rc-chart__title">{ctx.t("Cost by line and component", "各行费用构成")}</figcaption>
            <Show
                when=move || !max.get().is_zero()
                fallback=move || {
                    view! {
                        <p class="rc-chart__empty">
                            {ctx.t("Nothing to chart yet: every line is free or left out.", "暂无可绘制的数据：所有行均免费或未计入。")}
                        </p>
                    }
                }
            >
                <ChartRows max />
                <ul class="rc-chart__legend" aria-label=ctx.t("Legend", "图例")>{legend}</ul>
                <Show when=move || discounted.get()>
                    <p class="rc-chart__note">{ctx.t("Bars show amounts before discounts.", "条形为折扣前金额。")}</p>
                </Show>
            </Show>
        </figure>
    }
}

/// The bars, one per drawn line, each written again only when its line, the scale or the
/// language changes (see [`follow_lines`]).
#[component]
fn ChartRows(
    /// The chart's scale.
    max: Memo<Decimal>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let node = NodeRef::<leptos::html::Ul>::new();
    const ROW: &[(&str, &str)] = &[("class", "rc-chart__row")];
    node.on_load(move |el| {
        let rows: web_sys::Element = el.into();
        follow_lines(ctx, rows.clone(), "li", ROW, Some(max), chart_row);
        // The bars are drawn in amounts, so a new scale is one view box per bar, not a redraw;
        // the width is a memo, so a new largest amount within the same step sets none.
        let width = Memo::new(move |_| view_width(max.get()));
        Effect::new(move |_| {
            let view_box = format!("0 0 {} 10", width.get());
            let Ok(bars) = rows.query_selector_all("svg.rc-chart__bar") else { return };
            for i in 0..bars.length() {
                if let Some(bar) = bars.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                {
                    let _ = bar.set_attribute("viewBox", &view_box);
                }
            }
        });
    });
    view! { <ul class="rc-chart__rows" node_ref=node></ul> }
}

/// The width of a bar's view box: the largest line's amount rounded away from zero to two
/// significant digits (1,028.37 is drawn on a scale of 1,100), so that typing into the largest
/// line sets every bar's view box only when the amount crosses such a step, not at each keystroke.
fn view_width(max: Decimal) -> Decimal {
    let max = units(max);
    max.round_sf_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero).unwrap_or(max).max(Decimal::new(1, 6))
}

/// An amount as bar units: the amount itself, to a millionth.
fn units(amount: Decimal) -> Decimal {
    amount.round_dp(6).normalize()
}

/// A line's bar: its name, its total and its components stacked, as markup. The segments are in
/// the amounts themselves and the view box is `max` wide, so the bar is scaled by its view box.
fn chart_row(l: &LineQuote, currency: Currency, lang: Lang, max: Decimal) -> String {
    let mut out = String::with_capacity(512);
    if max.is_zero() {
        return out;
    }
    let name = l.label.clone().unwrap_or_else(|| l.model.to_string());
    el(&mut out, "span class=\"rc-chart__name\"", &format!("{}. {name}", l.line));
    el(&mut out, "span class=\"rc-chart__value\"", &format::money(l.total_display.amount(), currency));
    out.push_str(&format!(
        concat!(
            "<svg class=\"rc-chart__bar\" viewBox=\"0 0 {} 10\" preserveAspectRatio=\"none\" ",
            "aria-hidden=\"true\" focusable=\"false\">",
            "<rect class=\"rc-chart__track\" x=\"0\" y=\"0\" width=\"100%\" height=\"10\"></rect>"
        ),
        view_width(max)
    ));
    let mut x = Decimal::ZERO;
    for c in l.components.iter().filter(|c| c.amount_display.amount() > Decimal::ZERO) {
        let amount = c.amount_display.amount();
        let w = units(amount);
        out.push_str(&format!(
            "<rect class=\"rc-chart__seg rc-chart__seg--{}\" x=\"{x}\" y=\"0\" width=\"{w}\" height=\"10\">",
            kind_class(c.kind)
        ));
        el(&mut out, "title", &format!("{}: {}", c.label.render(lang), format::money(amount, currency)));
        out.push_str("</rect>");
        x += w;
    }
    out.push_str("</svg>");
    out
}
