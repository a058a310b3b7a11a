//! The live results: totals per month and per year, the breakdown of every line, and the chart.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::{Ctx, format};
use crate::rating::Currency;
use crate::rating::quote::{Component, ComponentKind, Drawdown, LineQuote};

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

fn legend_name(class: &str) -> &'static str {
    match class {
        "input" => "Input",
        "cached" => "Cache",
        "output" => "Output",
        "thinking" => "Thinking",
        "usage" => "Usage",
        "credits" => "Credits",
        _ => "Packages",
    }
}

/// The month and year totals, in an `aria-live` region, with the range and the rate used.
#[component]
pub fn Totals() -> impl IntoView {
    let ctx = Ctx::get();
    let b = ctx.breakdown;
    let exact = move || b.with(|b| b.total.amount().to_string());
    let month = move || b.with(|b| format::money(b.total.amount(), b.currency));
    let year_exact = move || ctx.year.with(|y| y.total.amount().to_string());
    let year = move || ctx.year.with(|y| format::money(y.total.amount(), y.total.currency()));
    let range = move || {
        b.with(|b| match (b.total_min, b.total_max) {
            (Some(lo), Some(hi)) => Some(format!(
                "{} – {} depending on the point in each price range",
                format::money(lo.amount(), b.currency),
                format::money(hi.amount(), b.currency)
            )),
            _ => None,
        })
    };
    let rate = move || {
        b.with(|b| {
            let source = if b.usd_cny_source == "default" { "default rate" } else { "your rate" };
            format!("Converted at 1 USD = {} CNY ({source})", format::number(b.usd_cny))
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
                1 => Some("1 line is left out of the total until its highlighted field is fixed.".to_string()),
                n => Some(format!("{n} lines are left out of the total until their highlighted fields are fixed.")),
            }
        })
    };
    view! {
        <section class="rc-totals" aria-labelledby="rc-totals-title">
            <h2 class="rc-visually-hidden" id="rc-totals-title">"Total cost"</h2>
            <div class="rc-totals__live" role="status" aria-live="polite" aria-atomic="true">
                <div class="rc-totals__item rc-totals__item--month">
                    <p class="rc-totals__label">"Per month"</p>
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
                    <p class="rc-totals__label">"Per year"</p>
                    <p class="rc-totals__amount rc-totals__amount--year" data-testid="total-year" data-exact=year_exact>
                        {year}
                    </p>
                </div>
            </div>
            {move || range().map(|r| view! { <p class="rc-totals__range" data-testid="total-range">{r}</p> })}
            {move || problems().map(|p| view! { <p class="rc-totals__warning" data-testid="total-warning">{p}</p> })}
            <p class="rc-totals__note">
                {rate} ". The year repeats this month: free quotas run out or expire, packages are bought once."
            </p>
        </section>
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
    let count = Memo::new(move |_| ctx.breakdown.with(|b| b.lines.len()));
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
                        {legend_name(c)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="rc-chart" data-testid="chart">
            <figcaption class="rc-chart__title">"Cost by line and component"</figcaption>
            <Show
                when=move || !max.get().is_zero()
                fallback=|| view! { <p class="rc-chart__empty">"Nothing to chart yet: every line is free or left out."</p> }
            >
                <ul class="rc-chart__rows">
                    <For each=move || 0..count.get() key=|i| *i let:i>
                        <ChartRow index=i max />
                    </For>
                </ul>
                <ul class="rc-chart__legend" aria-label="Legend">{legend}</ul>
                <Show when=move || discounted.get()>
                    <p class="rc-chart__note">"Bars show amounts before discounts."</p>
                </Show>
            </Show>
        </figure>
    }
}

/// One bar of the chart: a line's components, stacked.
#[component]
fn ChartRow(
    /// The line's position among the priced lines.
    index: usize,
    /// The chart's scale.
    max: Memo<Decimal>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let row = Memo::new(move |_| {
        let max = max.get();
        ctx.breakdown.with(|b| {
            let l = b.lines.get(index)?;
            let segs: Vec<_> = l
                .components
                .iter()
                .filter(|c| c.amount_display.amount() > Decimal::ZERO && !max.is_zero())
                .map(|c| {
                    let w = c
                        .amount_display
                        .amount()
                        .checked_mul(Decimal::ONE_HUNDRED)
                        .and_then(|x| x.checked_div(max))
                        .map_or(Decimal::ZERO, |x| x.round_dp(3));
                    (kind_class(c.kind), w, c.label.to_string(), c.amount_display.amount())
                })
                .collect();
            let name = l.label.clone().unwrap_or_else(|| l.model.to_string());
            Some((l.line, name, l.total_display.amount(), b.currency, segs))
        })
    });
    move || {
        row.with(|r| {
            r.as_ref().map(|(line, name, total, currency, segs)| {
                let mut x = Decimal::ZERO;
                let rects = segs
                    .iter()
                    .map(|(class, w, label, amount)| {
                        let rect = view! {
                            <rect
                                class=format!("rc-chart__seg rc-chart__seg--{class}")
                                x=x.to_string()
                                y="0"
                                width=w.to_string()
                                height="10"
                            >
                                <title>{format!("{label}: {}", format::money(*amount, *currency))}</title>
                            </rect>
                        };
                        x += *w;
                        rect
                    })
                    .collect_view();
                view! {
                    <li class="rc-chart__row">
                        <span class="rc-chart__name">{format!("{line}. {name}")}</span>
                        <span class="rc-chart__value">{format::money(*total, *currency)}</span>
                        <svg
                            class="rc-chart__bar"
                            viewBox="0 0 100 10"
                            preserveAspectRatio="none"
                            aria-hidden="true"
                            focusable="false"
                        >
                            <rect class="rc-chart__track" x="0" y="0" width="100" height="10"></rect>
                            {rects}
                        </svg>
                    </li>
                }
            })
        })
    }
}

fn drawdown_text(d: &Drawdown) -> String {
    format!(
        "{}: {} of {} {} used, {} left",
        d.name,
        format::number(d.used),
        format::number(d.available),
        d.unit,
        format::number(d.remaining)
    )
}

fn component_row(c: &Component, card: Currency, display: Currency) -> impl IntoView + use<> {
    let billable = format::number(c.billable);
    let mut drawn = Vec::new();
    if !c.free.is_zero() {
        drawn.push(format!("{} free", format::number(c.free)));
    }
    if !c.prepaid.is_zero() {
        drawn.push(format!("{} prepaid", format::number(c.prepaid)));
    }
    let drawn = (!drawn.is_empty()).then(|| format!("of {}, {}", format::number(c.quantity), drawn.join(", ")));
    let per = c.price_per.strip_prefix("per ").map_or_else(|| c.price_per.to_string(), |p| format!("/ {p}"));
    let mut price = format!("{} {per}", format::price(c.unit_price, card));
    if let Some(m) = c.multiple {
        price.push_str(&format!(" × {}", format::number(m)));
    }
    let tier = c.tier.as_ref().map(|t| format!("tier {}", t.label));
    view! {
        <tr class="rc-breakdown__row">
            <th scope="row" class="rc-breakdown__item">
                {c.label.to_string()}
                {c.detail.clone().map(|d| view! { <span class="rc-breakdown__detail">{d}</span> })}
                {tier.map(|t| view! { <span class="rc-breakdown__detail">{t}</span> })}
            </th>
            <td class="rc-breakdown__num" data-label="Billable">
                <span>
                    {billable}
                    " "
                    <span class="rc-breakdown__unit">{c.unit}</span>
                    {drawn.map(|d| view! { <span class="rc-breakdown__detail">{d}</span> })}
                </span>
            </td>
            <td class="rc-breakdown__num" data-label="Unit price">
                <span>{price}</span>
            </td>
            <td class="rc-breakdown__num rc-breakdown__amount" data-label="Amount">
                {format::money(c.amount_display.amount(), display)}
            </td>
        </tr>
    }
}

fn line_view(l: &LineQuote, display: Currency) -> impl IntoView + use<> {
    let rows = l.components.iter().map(|c| component_row(c, l.currency, display)).collect_view();
    let discounts = l
        .discounts
        .iter()
        .map(|d| {
            view! {
                <tr class="rc-breakdown__row rc-breakdown__row--discount">
                    <th scope="row" class="rc-breakdown__item">{format!("{} discount", capitalise(d.kind))}</th>
                    <td class="rc-breakdown__num" data-label="Multiplier">{format!("× {}", format::number(d.multiplier))}</td>
                    <td class="rc-breakdown__num"></td>
                    <td class="rc-breakdown__num rc-breakdown__amount" data-label="Amount">
                        {format::money(d.amount_display.amount(), display)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let range = match (l.total_min, l.total_max) {
        (Some(lo), Some(hi)) if lo != hi => {
            Some(format!("range {} – {}", format::money(lo.amount(), display), format::money(hi.amount(), display)))
        }
        _ => None,
    };
    let notes: Vec<String> = l
        .tier
        .iter()
        .filter(|t| t.of > 1)
        .map(|t| format!("Tier {}: {}", t.label, t.reason))
        .chain(l.free.iter().map(|d| format!("Free quota · {}", drawdown_text(d))))
        .chain(l.prepaid.iter().map(|d| format!("Prepaid · {}", drawdown_text(d))))
        .chain(l.flags.iter().map(|f| f.message.to_string()))
        .collect();
    let title = l.label.clone().unwrap_or_else(|| l.model.to_string());
    view! {
        <article class="rc-breakdown__line" data-testid="breakdown-line" data-line=l.line>
            <header class="rc-breakdown__head">
                <h3 class="rc-breakdown__title">
                    <span class="rc-breakdown__index">{l.line}</span>
                    {title}
                    <span class="rc-breakdown__provider">{l.provider_name.clone()}</span>
                </h3>
                <p class="rc-breakdown__total" data-testid="breakdown-line-total" data-exact=l.total_display.amount().to_string()>
                    {format::money(l.total_display.amount(), display)}
                    {range.map(|r| view! { <span class="rc-breakdown__range">{r}</span> })}
                </p>
            </header>
            <ul class="rc-breakdown__notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            <table class="rc-breakdown__table">
                <thead>
                    <tr>
                        <th scope="col">"Item"</th>
                        <th scope="col" class="rc-breakdown__num">"Billable"</th>
                        <th scope="col" class="rc-breakdown__num">"Unit price"</th>
                        <th scope="col" class="rc-breakdown__num">"Amount"</th>
                    </tr>
                </thead>
                <tbody>{rows} {discounts}</tbody>
            </table>
        </article>
    }
}

/// `channel` as `Channel` (discount kinds are ASCII words).
fn capitalise(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// Every priced line with its components: quantity, free and prepaid drawdown, unit price, tier and
/// why, discounts and amount. Lines are keyed by position and re-rendered only when their own quote
/// changes, so typing into one line of a long estimate redraws one line.
#[component]
pub fn BreakdownView() -> impl IntoView {
    let ctx = Ctx::get();
    let count = Memo::new(move |_| ctx.breakdown.with(|b| b.lines.len()));
    view! {
        <section class="rc-breakdown" aria-labelledby="rc-breakdown-title" data-testid="breakdown">
            <h2 class="rc-breakdown__heading" id="rc-breakdown-title">"Breakdown"</h2>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <LineBreakdown index=i />
            </For>
        </section>
    }
}

/// One priced line of the breakdown.
#[component]
fn LineBreakdown(
    /// The line's position among the priced lines.
    index: usize,
) -> impl IntoView {
    let ctx = Ctx::get();
    let quoted = Memo::new(move |_| ctx.breakdown.with(|b| b.lines.get(index).cloned().map(|l| (l, b.currency))));
    move || quoted.with(|q| q.as_ref().map(|(l, currency)| line_view(l, *currency)))
}
