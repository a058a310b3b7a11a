//! "Concurrency needed" ([`size_concurrency`]): from a throughput and the seconds one task takes,
//! the concurrency Little's law asks for, the add-ons beyond the default and the cheaper way to
//! buy them for the days needed.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::NumberInput;
use crate::app::html::el;
use crate::app::{Ctx, format};
use crate::lang::{Lang, concurrency_error, entry_problem};
use crate::rating::decide::{Cheaper, ConcurrencySizing, Throughput, size_concurrency};

/// The models sold with concurrency add-ons, as `(provider, model, "Provider: Model")`.
fn models(ctx: Ctx) -> Vec<(String, String, String)> {
    ctx.catalog.with_value(|cat| {
        cat.cards()
            .iter()
            .flat_map(|c| {
                c.models
                    .iter()
                    .filter(|m| m.concurrency.is_some())
                    .map(|m| (c.provider.to_string(), m.name.to_string(), format!("{}: {}", c.name, m.name)))
            })
            .collect()
    })
}

/// The model picker, the throughput, seconds and days, and the sizing.
#[component]
pub fn ConcurrencyTool() -> impl IntoView {
    let ctx = Ctx::get();
    let all = models(ctx);
    if all.is_empty() {
        return view! {
            <p class="rc-decide__empty">
                {ctx.t("No model in these rate cards sells concurrency add-ons.", "当前价目表中没有出售并发扩展的模型。")}
            </p>
        }
        .into_any();
    }
    // The estimate's first model with add-ons, else the catalog's first.
    let first = ctx.estimate.with_untracked(|e| {
        e.lines.iter().find_map(|l| all.iter().position(|(p, m, _)| *p == l.provider && *m == l.model)).unwrap_or(0)
    });
    let chosen = RwSignal::new(first);
    let peak = RwSignal::new(true);
    let rate = NumberInput::new("1,000");
    let seconds = NumberInput::new("45");
    let days = NumberInput::new("30");
    let list = StoredValue::new(all.clone());
    let html = Memo::new(move |_| {
        let lang = ctx.lang.get();
        let (provider, model, _) = list.with_value(|l| l.get(chosen.get()).cloned().unwrap_or_default());
        let (n, s, d) = match (rate.value(), seconds.value(), days.value()) {
            (Ok(n), Ok(s), Ok(d)) => (n, s, d),
            (Err(p), _, _) | (_, Err(p), _) | (_, _, Err(p)) => return message(&entry_problem(&p, lang)),
        };
        let throughput = if peak.get() { Throughput::PeakHour(n) } else { Throughput::PerMinute(n) };
        let days = if d.fract().is_zero() {
            u32::try_from(d.mantissa() / 10i128.pow(d.scale())).unwrap_or(u32::MAX)
        } else {
            u32::MAX
        };
        ctx.catalog.with_value(|cat| {
            let Some((card, m)) = cat.card(&provider).and_then(|(_, c)| c.model(&model).map(|(_, m)| (c, m))) else {
                return String::new();
            };
            match size_concurrency(card, m, throughput, s, days) {
                Ok(z) => sizing_html(&z, &model, throughput, lang),
                Err(e) => message(&concurrency_error(&e, lang)),
            }
        })
    });
    // The models grouped by card, so that a phone's picker shows the model's own name.
    let mut groups: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (i, (provider, model, _)) in all.iter().enumerate() {
        let card = ctx.catalog.with_value(|c| c.card(provider).map(|(_, c)| c.name.to_string())).unwrap_or_default();
        match groups.last_mut() {
            Some((name, items)) if *name == card => items.push((i, model.clone())),
            _ => groups.push((card, vec![(i, model.clone())])),
        }
    }
    let options = groups
        .into_iter()
        .map(|(card, items)| {
            let items = items
                .into_iter()
                .map(|(i, name)| view! { <option value=i.to_string() selected=i == first>{name}</option> })
                .collect_view();
            view! { <optgroup label=card>{items}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="rc-decide__inputs">
            <label class="rc-decide__input rc-decide__input--wide">
                <span>{ctx.t("Model", "模型")}</span>
                <select
                    class="rc-field__input"
                    data-testid="concurrency-model"
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() {
                            chosen.set(i);
                        }
                    }
                >
                    {options}
                </select>
            </label>
            <fieldset class="rc-decide__choice">
                <legend class="rc-field__label">{ctx.t("Throughput", "吞吐量")}</legend>
                <label>
                    <input type="radio" name="rc-decide-rate" data-testid="concurrency-peak" prop:checked=move || peak.get() on:change=move |_| peak.set(true) />
                    {ctx.t(" tasks in the peak hour", " 高峰小时任务数")}
                </label>
                <label>
                    <input type="radio" name="rc-decide-rate" data-testid="concurrency-minute" prop:checked=move || !peak.get() on:change=move |_| peak.set(false) />
                    {ctx.t(" tasks a minute", " 每分钟任务数")}
                </label>
            </fieldset>
            {rate.view(ctx, ("Tasks", "任务数"), Some(("tasks", "个")), "concurrency-rate")}
            {seconds.view(ctx, ("Seconds per task", "每个任务耗时"), Some(("s", "秒")), "concurrency-seconds")}
            {days.view(ctx, ("Days needed", "需要天数"), Some(("days", "天")), "concurrency-days")}
        </div>
        <div class="rc-decide__result" data-testid="concurrency" aria-live="polite" inner_html=move || html.get()></div>
    }
    .into_any()
}

fn message(text: &str) -> String {
    let mut out = String::new();
    el(&mut out, "p class=\"rc-decide__empty\" data-testid=\"concurrency-error\"", text);
    out
}

fn sizing_html(z: &ConcurrencySizing, model: &str, t: Throughput, lang: Lang) -> String {
    let mut out = String::with_capacity(1024);
    let n = match t {
        Throughput::PerMinute(n) | Throughput::PeakHour(n) => n,
    };
    let num = |d: Decimal| format::number(d);
    let money = |m: &crate::rating::Money| format::money(m.amount(), m.currency());
    let rate = match (t, lang) {
        (Throughput::PerMinute(_), Lang::En) => format!("{} tasks a minute", num(n)),
        (Throughput::PeakHour(_), Lang::En) => format!("{} tasks in the peak hour", num(n)),
        (Throughput::PerMinute(_), Lang::Zh) => format!("每分钟 {} 个任务", num(n)),
        (Throughput::PeakHour(_), Lang::Zh) => format!("高峰小时 {} 个任务", num(n)),
    };
    let flight = match lang {
        Lang::En => format!(
            "{model}: {rate} × {} s = {} tasks in flight on average (Little's law).",
            num(z.seconds),
            num(z.in_flight)
        ),
        Lang::Zh => format!(
            "{model}：{rate} × {} 秒 = 平均 {} 个任务同时进行（利特尔法则）。",
            num(z.seconds),
            num(z.in_flight)
        ),
    };
    el(&mut out, "p class=\"rc-decide__lead\"", &flight);
    let needed = match lang {
        Lang::En => format!("Concurrency needed: {} ({} included, {} add-ons).", z.concurrency, z.included, z.extra),
        Lang::Zh => format!("所需并发：{}（默认含 {}，需扩展 {}）。", z.concurrency, z.included, z.extra),
    };
    el(&mut out, "p class=\"rc-decide__big\" data-testid=\"concurrency-needed\"", &needed);
    if z.cheaper == Cheaper::NoneNeeded {
        el(
            &mut out,
            "p data-testid=\"concurrency-verdict\"",
            lang.pick("No add-ons are needed.", "无需购买并发扩展。"),
        );
        return out;
    }
    let verdict = match (z.cheaper, lang) {
        (Cheaper::Daily, Lang::En) => "daily add-ons are cheaper",
        (Cheaper::Monthly, Lang::En) => "monthly add-ons are cheaper",
        (_, Lang::En) => "both cost the same",
        (Cheaper::Daily, Lang::Zh) => "按天购买更便宜",
        (Cheaper::Monthly, Lang::Zh) => "按月购买更便宜",
        (_, Lang::Zh) => "两种方式费用相同",
    };
    let text = match lang {
        Lang::En => format!(
            "For {} days: daily {}, monthly {}: {verdict} (a month costs no more from {} days).",
            z.days,
            money(&z.daily_cost),
            money(&z.monthly_cost),
            num(z.break_even_days)
        ),
        Lang::Zh => format!(
            "{} 天：按天 {}，按月 {}：{verdict}（满 {} 天起按月不更贵）。",
            z.days,
            money(&z.daily_cost),
            money(&z.monthly_cost),
            num(z.break_even_days)
        ),
    };
    el(&mut out, "p data-testid=\"concurrency-verdict\"", &text);
    out
}
