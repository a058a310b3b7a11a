//! "Prepaid balance runway" ([`balance_runway`], seed 000's arrears rule): when a prepaid balance
//! reaches zero at the estimate's daily post-paid spend (post-paid inference stops at once), the
//! reminder 4 hours before the end of the 15-day grace period, and the deletion at its end.
//!
//! The core counts whole hours from midnight of the start date. The dates are shown in the
//! visitor's time zone: that many hours after local midnight of the start date, as the browser's
//! clock counts them (a daylight-saving change moves the wall-clock hour, not the instant).

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::{NumberInput, priced, settled};
use crate::app::html::el;
use crate::app::{Ctx, format};
use crate::lang::{Lang, entry_problem, quote_error, runway_error};
use crate::rating::decide::{GRACE_DAYS, REMINDER_HOURS, Runway, balance_runway, parse_civil};

/// The local date and time `hours` after local midnight of `date` (`YYYY-MM-DD`), with the time
/// zone's short name, in `lang`.
fn local(date: &str, hours: u64, lang: Lang) -> String {
    let part = |i: usize| date.split('-').nth(i).and_then(|p| p.parse::<i32>().ok()).unwrap_or(1);
    let start = js_sys::Date::new_with_year_month_day(part(0) as u32, part(1) - 1, part(2));
    // Milliseconds are how the browser counts instants; the whole hours fit a double exactly.
    let at = js_sys::Date::new(&(start.get_time() + hours as f64 * 3_600_000.0).into());
    let opts = js_sys::Object::new();
    for (k, v) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("weekday", "short"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    }
    let _ = js_sys::Reflect::set(&opts, &"hourCycle".into(), &"h23".into());
    let f = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&lang.number_locale().into()), &opts);
    f.format().call1(&wasm_bindgen::JsValue::NULL, &at).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// The visitor's time zone, e.g. `Asia/Shanghai`.
fn zone() -> String {
    let f = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&f.resolved_options(), &"timeZone".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// The balance and start date inputs, and the three dates.
#[component]
pub fn RunwayTool() -> impl IntoView {
    let ctx = Ctx::get();
    let balance = NumberInput::new("100");
    let start = RwSignal::new(crate::app::quote::today());
    // The month's quote is priced a quarter second after the estimate or the start month last
    // changed (see `settled`); the balance and the date only lay it out again.
    let month = Memo::new(move |_| start.with(|d| d.get(..7).map(str::to_string)));
    let quoted = settled(
        move || {
            ctx.estimate.track();
            month.track();
        },
        move || {
            // The spend is the start date's month's, at the prices in force then.
            let mut e = priced(ctx);
            e.start = ctx.estimate.with_untracked(|d| d.start.clone()).or_else(|| month.get_untracked());
            ctx.catalog.with_value(|cat| crate::rating::quote(cat, &e).strict())
        },
    );
    let html = Memo::new(move |_| {
        let lang = ctx.lang.get();
        let date = start.get();
        let balance = match balance.value() {
            Ok(b) => b,
            Err(p) => return message(&entry_problem(&p, lang)),
        };
        let Some(day) = parse_civil(&date) else {
            return message(&match lang {
                Lang::En => format!("\"{date}\" is not a date"),
                Lang::Zh => format!("“{date}”不是日期"),
            });
        };
        quoted.with(|q| match q {
            None => String::new(),
            Some(Err(err)) => message(&quote_error(err, lang)),
            Some(Ok(b)) => match balance_runway(b, balance, day) {
                Ok(r) => runway_html(&r, &date, lang),
                Err(err) => message(&runway_error(&err, lang)),
            },
        })
    });
    view! {
        <div class="rc-decide__inputs">
            {balance.view(ctx, ("Prepaid balance", "预付余额"), None, "runway-balance")}
            <div class="rc-field rc-decide__field">
                <label class="rc-field__label" for="rc-decide-runway-start">{ctx.t("From", "起始日期")}</label>
                <div class="rc-field__control">
                    <input
                        id="rc-decide-runway-start"
                        class="rc-field__input"
                        type="date"
                        data-testid="runway-start"
                        prop:value=move || start.get()
                        on:input=move |ev| start.set(event_target_value(&ev))
                    />
                </div>
            </div>
        </div>
        <div class="rc-decide__result" data-testid="runway" aria-live="polite" inner_html=move || html.get()></div>
    }
}

fn message(text: &str) -> String {
    let mut out = String::new();
    el(&mut out, "p class=\"rc-decide__empty\" data-testid=\"runway-error\"", text);
    out
}

fn runway_html(r: &Runway, date: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(1024);
    let money = |m: &crate::rating::Money| format::money(m.amount(), m.currency());
    let lead = match lang {
        Lang::En => format!(
            "{} at {} a month post-paid ({} a day, the month over 30 days) lasts {} hours.",
            money(&r.balance),
            money(&r.month_postpaid),
            money(&r.daily_spend),
            format::number(Decimal::from(r.hours))
        ),
        Lang::Zh => format!(
            "余额 {}，每月后付费 {}（每天 {}，按每月 30 天计），可用 {} 小时。",
            money(&r.balance),
            money(&r.month_postpaid),
            money(&r.daily_spend),
            format::number(Decimal::from(r.hours))
        ),
    };
    el(&mut out, "p class=\"rc-decide__lead\"", &lead);
    let grace = u64::from(GRACE_DAYS) * 24;
    let rows = [
        ("stops", lang.pick("Post-paid inference stops", "后付费推理停止"), r.hours),
        ("reminder", lang.pick("Reminder before deletion", "删除前提醒"), r.hours + grace - u64::from(REMINDER_HOURS)),
        (
            "deleted",
            lang.pick("Service deleted (after the 15-day grace period)", "服务删除（15 天宽限期后）"),
            r.hours + grace,
        ),
    ];
    out.push_str("<dl class=\"rc-decide__dates\">");
    for (key, what, hours) in rows {
        el(&mut out, "dt", what);
        el(&mut out, &format!("dd data-testid=\"runway-{key}\""), &local(date, hours, lang));
    }
    out.push_str("</dl>");
    let note = match lang {
        Lang::En => format!("Times are in your time zone ({}), counted from midnight of the start date.", zone()),
        Lang::Zh => format!("时间为您所在时区（{}），自起始日零点起算。", zone()),
    };
    el(&mut out, "p class=\"rc-decide__note\"", &note);
    out
}
