//! "Cost against volume": a line's monthly cost from zero to a few times today's quantity
//! ([`cost_curve`]), as an SVG chart with today, tier bounds, the end of free cover and package
//! break-even points marked, and the same numbers in a table.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::svg::Frame;
use super::{priced, settled};
use crate::app::html::{el, esc};
use crate::app::{Ctx, fields, format};
use crate::lang::{Lang, Render, curve_error};
use crate::rating::decide::{Curve, CurveError, MarkKind, cost_curve};

/// Points on the curve: 0 to the top in 20 steps.
const POINTS: usize = 21;

/// The line picker, the range picker, the chart and its table.
#[component]
pub fn CurveTool() -> impl IntoView {
    let ctx = Ctx::get();
    let line = RwSignal::new(1usize);
    let times = RwSignal::new(3u32);
    let names = Memo::new(move |_| {
        ctx.estimate.with(|e| {
            e.lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i + 1, format!("{}. {}", i + 1, l.label.clone().unwrap_or_else(|| l.model.clone()))))
                .collect::<Vec<_>>()
        })
    });
    let curve = settled(
        move || {
            ctx.estimate.track();
            line.track();
            times.track();
        },
        move || {
            let e = priced(ctx);
            let n = line.get_untracked().min(e.lines.len()).max(1);
            ctx.catalog.with_value(|cat| cost_curve(cat, &e, n, POINTS, Decimal::from(times.get_untracked())))
        },
    );
    let html = Memo::new(move |_| {
        let lang = ctx.lang.get();
        curve.with(|c| match c {
            None => String::new(),
            Some(Ok(c)) => curve_html(c, lang),
            Some(Err(e)) => error_html(e, lang),
        })
    });
    let on_line = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse() {
            line.set(n);
        }
    };
    let on_times = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse() {
            times.set(n);
        }
    };
    view! {
        <div class="rc-decide__inputs">
            <label class="rc-decide__input">
                <span>{ctx.t("Line", "行")}</span>
                <select class="rc-field__input" data-testid="curve-line" on:change=on_line>
                    {move || {
                        names
                            .get()
                            .into_iter()
                            .map(|(n, name)| view! { <option value=n.to_string() selected=line.get_untracked() == n>{name}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="rc-decide__input">
                <span>{ctx.t("Up to", "最高")}</span>
                <select class="rc-field__input" data-testid="curve-times" on:change=on_times>
                    {[2u32, 3, 5, 10]
                        .into_iter()
                        .map(|t| {
                            view! {
                                <option value=t.to_string() selected=t == 3>
                                    {move || format!("{t} × {}", ctx.tr("today", "当前用量"))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        <div class="rc-decide__result" data-testid="curve" aria-live="polite" inner_html=move || html.get()></div>
    }
}

/// The message for a curve that cannot be drawn.
fn error_html(e: &CurveError, lang: Lang) -> String {
    let mut out = String::new();
    el(&mut out, "p class=\"rc-decide__empty\" data-testid=\"curve-error\"", &curve_error(e, lang));
    out
}

/// The quantity's unit, from the field's label (`Images`, `图片数`).
fn field_name(c: &Curve, lang: Lang) -> String {
    let label = fields::info(c.field).map_or((c.field, c.field), |f| f.label);
    let name = lang.pick(label.0, label.1);
    if lang == Lang::En { name.to_lowercase() } else { name.to_string() }
}

/// A mark's words: `tier 2 starts: 10,000 images, $600.00`, `第 2 档起点：图片数 10,000，$600.00`.
fn mark_text(what: &str, quantity: Decimal, unit: &str, cost: &str, lang: Lang) -> String {
    let n = format::number(quantity);
    match lang {
        Lang::En => format!("{what}: {n} {unit}, {cost}"),
        Lang::Zh => format!("{what}：{unit} {n}，{cost}"),
    }
}

/// Every point the chart draws: the evenly spaced ones, the marks and the points just below tier
/// bounds, in order of quantity.
fn drawn(c: &Curve) -> Vec<(Decimal, Decimal)> {
    let mut all: Vec<(Decimal, Decimal)> = c.points.iter().map(|p| (p.quantity, p.line_total.amount())).collect();
    for m in &c.marks {
        all.push((m.point.quantity, m.point.line_total.amount()));
        if let Some(b) = &m.before {
            all.push((b.quantity, b.line_total.amount()));
        }
    }
    all.sort_by_key(|p| p.0);
    all.dedup_by_key(|p| p.0);
    all
}

/// The chart, the marks' list and the table of every number, as markup.
fn curve_html(c: &Curve, lang: Lang) -> String {
    let mut out = String::with_capacity(8192);
    let Some(last) = c.points.last() else { return out };
    let currency = last.line_total.currency();
    let money = |v: Decimal| format::money(v, currency);
    let unit = field_name(c, lang);
    let points = drawn(c);
    let y_max = points.iter().map(|p| p.1).max().unwrap_or_default();
    let today = c.marks.iter().find(|m| m.kind == MarkKind::Today);
    if let Some(t) = today {
        let text = match lang {
            Lang::En => format!(
                "Line {}: the month's cost from 0 to {} {unit}. Today {} {unit} cost {} a month.",
                c.line,
                format::number(last.quantity),
                format::number(t.point.quantity),
                money(t.point.line_total.amount())
            ),
            Lang::Zh => format!(
                "第 {} 行：{unit}从 0 到 {} 时的月费用。当前 {} 时每月 {}。",
                c.line,
                format::number(last.quantity),
                format::number(t.point.quantity),
                money(t.point.line_total.amount())
            ),
        };
        el(&mut out, "p class=\"rc-decide__lead\"", &text);
    }
    let frame = Frame::new(last.quantity, y_max);
    let label = lang.pick(
        "Monthly cost of the line against its quantity; the numbers are in the table below",
        "该行每月费用随用量变化；数字见下表",
    );
    out.push_str("<figure class=\"rc-decide__figure\">");
    frame.open(&mut out, "rc-plot--curve", label, &money);
    frame.polyline(&mut out, "rc-plot__line--cost", &points);
    let mut tagged = Vec::new();
    // A tag too close to the one before it goes one row lower, so that numbers never overlap.
    let (mut last_x, mut row) = (None::<Decimal>, 0u8);
    for m in c.marks.iter().filter(|m| m.kind != MarkKind::Today) {
        let x = frame.x(m.point.quantity);
        row = match last_x {
            Some(l) if x - l < Decimal::from(14) => (row + 1) % 3,
            _ => 0,
        };
        last_x = Some(x);
        tagged.push(m);
        let class = match m.kind {
            MarkKind::TierBound { .. } => "rc-plot__mark--tier",
            MarkKind::CoveredUntil => "rc-plot__mark--free",
            _ => "rc-plot__mark--package",
        };
        let title = mark_text(&m.kind.render(lang), m.point.quantity, &unit, &money(m.point.line_total.amount()), lang);
        frame.marker(&mut out, class, m.point.quantity, row, &tagged.len().to_string(), &title);
    }
    if let Some(t) = today {
        let title = mark_text(&t.kind.render(lang), t.point.quantity, &unit, &money(t.point.line_total.amount()), lang);
        frame.dot(&mut out, "rc-plot__dot--today", t.point.quantity, t.point.line_total.amount(), &title);
    }
    frame.x_label(&mut out, Decimal::ZERO, "start", "0");
    frame.x_label(&mut out, last.quantity, "end", &format::number(last.quantity));
    frame.close(&mut out);
    out.push_str("</figure>");
    // The marks, numbered as on the chart, with what they mean.
    out.push_str("<ol class=\"rc-decide__marks\" data-testid=\"curve-marks\">");
    if let Some(t) = today {
        out.push_str("<li class=\"rc-decide__mark rc-decide__mark--today\"><b>");
        esc(&mut out, &t.kind.render(lang));
        out.push_str("</b>");
        let text = mark_text("", t.point.quantity, &unit, &money(t.point.line_total.amount()), lang);
        esc(&mut out, &text);
        out.push_str("</li>");
    }
    for (i, m) in tagged.iter().enumerate() {
        out.push_str(&format!(
            "<li class=\"rc-decide__mark\" data-testid=\"curve-mark\"><span class=\"rc-decide__tag\">{}</span> ",
            i + 1
        ));
        let mut text =
            mark_text(&m.kind.render(lang), m.point.quantity, &unit, &money(m.point.line_total.amount()), lang);
        if let Some(b) = &m.before {
            let below = money(b.line_total.amount());
            text.push_str(&match lang {
                Lang::En => format!(" ({} {unit}: {below})", format::number(b.quantity)),
                Lang::Zh => format!("（{} 时 {below}）", format::number(b.quantity)),
            });
        }
        esc(&mut out, &text);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    table_html(&mut out, c, lang, &unit, &money);
    out
}

/// Every point and mark, in order of quantity, in a table a screen reader can read.
fn table_html(out: &mut String, c: &Curve, lang: Lang, unit: &str, money: &dyn Fn(Decimal) -> String) {
    let mut rows: Vec<(Decimal, Decimal, Decimal, String)> =
        c.points.iter().map(|p| (p.quantity, p.line_total.amount(), p.month_total.amount(), String::new())).collect();
    for m in &c.marks {
        rows.push((m.point.quantity, m.point.line_total.amount(), m.point.month_total.amount(), m.kind.render(lang)));
        if let Some(b) = &m.before {
            rows.push((b.quantity, b.line_total.amount(), b.month_total.amount(), String::new()));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.3.len().cmp(&a.3.len())));
    rows.dedup_by(|b, a| a.0 == b.0);
    out.push_str("<details class=\"rc-decide__data\"><summary>");
    esc(out, lang.pick("The chart's numbers", "图表数据"));
    out.push_str("</summary><div class=\"rc-decide__scroll\"><table class=\"rc-decide__table\" data-testid=\"curve-table\"><thead><tr>");
    let first = match lang {
        Lang::En => {
            format!("{}{}", unit.get(..1).unwrap_or_default().to_uppercase(), unit.get(1..).unwrap_or_default())
        }
        Lang::Zh => unit.to_string(),
    };
    for h in [first.as_str(), lang.pick("Line", "该行"), lang.pick("Month", "当月合计"), lang.pick("Mark", "标记")]
    {
        el(out, "th scope=\"col\"", h);
    }
    out.push_str("</tr></thead><tbody>");
    for (q, line, month, mark) in rows {
        out.push_str("<tr>");
        el(out, "td class=\"rc-decide__num\"", &format::number(q));
        el(out, "td class=\"rc-decide__num\"", &money(line));
        el(out, "td class=\"rc-decide__num\"", &money(month));
        el(out, "td", &mark);
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></details>");
}
