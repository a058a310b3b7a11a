//! "Free trial, month by month" ([`trial_horizon`]): what each free quota has left after each month,
//! what each month costs, and the month the trial ends, as a bar chart and a table.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::svg::Frame;
use super::{priced, settled};
use crate::app::html::{el, esc};
use crate::app::{Ctx, format};
use crate::lang::{Lang, horizon_error};
use crate::rating::catalog::QuotaUnit;
use crate::rating::decide::{TrialHorizon, TrialMonth, trial_horizon};

/// The trial's chart and table, computed from the estimate when it settles.
#[component]
pub fn HorizonTool() -> impl IntoView {
    let ctx = Ctx::get();
    let horizon = settled(
        move || ctx.estimate.track(),
        move || {
            let e = priced(ctx);
            ctx.catalog.with_value(|cat| trial_horizon(cat, &e))
        },
    );
    let html = Memo::new(move |_| {
        let lang = ctx.lang.get();
        horizon.with(|h| match h {
            None => String::new(),
            Some(Ok(h)) => horizon_html(h, lang),
            Some(Err(e)) => {
                let mut out = String::new();
                el(&mut out, "p class=\"rc-decide__empty\" data-testid=\"trial-error\"", &horizon_error(e, lang));
                out
            }
        })
    });
    view! { <div class="rc-decide__result" data-testid="trial" aria-live="polite" inner_html=move || html.get()></div> }
}

/// A month's name: `2027-02` (the calendar month when the estimate has a start), else `month 3`.
fn month_name(m: &TrialMonth, lang: Lang) -> String {
    match (&m.calendar, lang) {
        (Some(c), _) => c.to_string(),
        (None, Lang::En) => format!("month {}", m.month),
        (None, Lang::Zh) => format!("第 {} 个月", m.month),
    }
}

fn unit(u: QuotaUnit, lang: Lang) -> &'static str {
    match u {
        QuotaUnit::Tokens => "tokens",
        QuotaUnit::Images => lang.pick("images", "张"),
        QuotaUnit::Credits => lang.pick("credits", "积分"),
        QuotaUnit::Calls => lang.pick("calls", "次"),
    }
}

fn horizon_html(h: &TrialHorizon, lang: Lang) -> String {
    let mut out = String::with_capacity(4096);
    let Some(first) = h.months.first() else { return out };
    let currency = h.after.currency();
    let money = |v: Decimal| format::money(v, currency);
    let ends = h.months.last().map(|m| month_name(m, lang)).unwrap_or_default();
    let lead = match (h.reached, lang) {
        (true, Lang::En) => {
            format!("The trial ends in {ends} (month {}); the month after costs {}.", h.ends, money(h.after.amount()))
        }
        (true, Lang::Zh) => {
            format!("免费额度在 {ends}（第 {} 个月）用尽或到期；之后每月 {}。", h.ends, money(h.after.amount()))
        }
        (false, Lang::En) => {
            format!("Something is still left after {ends}; the month after costs {}.", money(h.after.amount()))
        }
        (false, Lang::Zh) => format!("{ends} 之后仍有剩余额度；下个月 {}。", money(h.after.amount())),
    };
    el(&mut out, "p class=\"rc-decide__lead\" data-testid=\"trial-ends\"", &lead);
    // The quotas, numbered as the table's columns.
    out.push_str("<ol class=\"rc-decide__marks\">");
    for (i, q) in first.quotas.iter().enumerate() {
        let name = match lang {
            Lang::Zh => q.name_zh.as_deref().unwrap_or(&q.name),
            Lang::En => &q.name,
        };
        let mut text = name.to_string();
        if let Some(line) = q.line {
            text.push_str(&match lang {
                Lang::En => format!(", line {line}"),
                Lang::Zh => format!("，第 {line} 行"),
            });
        } else if let Some(m) = &q.model {
            text.push_str(&format!("{}{m}", lang.pick(", ", "，")));
        }
        if let Some(d) = q.validity_days {
            text.push_str(&match lang {
                Lang::En => format!(", valid {d} days from the claim"),
                Lang::Zh => format!("，领取后 {d} 天内有效"),
            });
        }
        if let Some(by) = &q.claim_by {
            text.push_str(&match lang {
                Lang::En => format!(", claim by {by}"),
                Lang::Zh => format!("，{by} 前领取"),
            });
        }
        out.push_str(&format!("<li class=\"rc-decide__mark\"><span class=\"rc-decide__tag\">{}</span> ", i + 1));
        esc(&mut out, &text);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    // The cost of each month, as bars.
    let y_max = h.months.iter().map(|m| m.cost.amount()).chain([h.after.amount()]).max().unwrap_or_default();
    let frame = Frame::new(Decimal::ONE, y_max);
    out.push_str("<figure class=\"rc-decide__figure\">");
    let label = lang
        .pick("Cost of each month of the trial; the numbers are in the table below", "试用期内每月费用；数字见下表");
    frame.open(&mut out, "rc-plot--trial", label, &money);
    let n = h.months.len() + 1;
    for (i, m) in h.months.iter().enumerate() {
        let name = month_name(m, lang);
        let short = m
            .calendar
            .as_ref()
            .map_or_else(|| m.month.to_string(), |c| c.to_string().get(2..).unwrap_or_default().to_string());
        let short = if n > 8 && i % 2 == 1 { String::new() } else { short };
        frame.bar(
            &mut out,
            "rc-plot__bar--trial",
            (i, n),
            m.cost.amount(),
            &short,
            &format!("{name}: {}", money(m.cost.amount())),
        );
    }
    let after = lang.pick("after", "之后");
    frame.bar(
        &mut out,
        "rc-plot__bar--after",
        (n - 1, n),
        h.after.amount(),
        after,
        &format!("{after}: {}", money(h.after.amount())),
    );
    frame.close(&mut out);
    out.push_str("</figure>");
    // The table: month, cost, and what each quota has left.
    out.push_str(
        "<div class=\"rc-decide__scroll\"><table class=\"rc-decide__table\" data-testid=\"trial-table\"><thead><tr>",
    );
    el(&mut out, "th scope=\"col\"", lang.pick("Month", "月份"));
    el(&mut out, "th scope=\"col\"", lang.pick("Cost", "费用"));
    for i in 0..first.quotas.len() {
        el(&mut out, "th scope=\"col\"", &format!("[{}] {}", i + 1, lang.pick("left", "剩余")));
    }
    out.push_str("</tr></thead><tbody>");
    for m in &h.months {
        out.push_str("<tr>");
        el(&mut out, "th scope=\"row\"", &month_name(m, lang));
        el(&mut out, "td class=\"rc-decide__num\"", &money(m.cost.amount()));
        for q in &m.quotas {
            let mut text = format!("{} {}", format::number(q.left), unit(q.unit, lang));
            if q.expires {
                text.push_str(lang.pick(" (expires)", "（到期）"));
            }
            el(&mut out, "td class=\"rc-decide__num\"", &text);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}
