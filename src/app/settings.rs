//! Estimate-wide settings: display currency, the USD/CNY rate and the discounts.

use leptos::prelude::*;

use super::Ctx;
use super::fields::Text2;
use super::options::Control;
use super::state::{Calculator, DISCOUNT_KINDS, ESTIMATE_ID};
use crate::lang;
use crate::rating::num::EntryProblem;
use crate::rating::{Currency, QuoteError};

/// What the settings draw from the estimate: the currency, the start month, and each setting's
/// text and own problem. One memo holds it, so that a keystroke in a line, which leaves it
/// unchanged, reruns none of the settings' views.
#[derive(Clone, PartialEq)]
struct Shown {
    currency: Currency,
    start: Option<String>,
    /// Per setting field (`usd_cny`, `discounts.KIND`): the text shown and its problem.
    fields: Vec<(String, String, Option<EntryProblem>)>,
    /// The core's errors about the estimate as a whole.
    errors: Vec<QuoteError>,
}

impl Shown {
    fn of(c: &Calculator, errors: Vec<QuoteError>) -> Shown {
        Shown {
            currency: c.estimate.currency.unwrap_or(Currency::Cny),
            start: c.estimate.start.clone(),
            fields: std::iter::once("usd_cny".to_string())
                .chain(DISCOUNT_KINDS.iter().map(|k| format!("discounts.{k}")))
                .map(|f| {
                    let (text, problem) = (c.field_text(ESTIMATE_ID, &f), c.field_error(ESTIMATE_ID, &f));
                    (f, text, problem)
                })
                .collect(),
            errors,
        }
    }

    fn text(&self, field: &str) -> String {
        self.fields.iter().find(|(f, ..)| *f == field).map(|(_, t, _)| t.clone()).unwrap_or_default()
    }
}

/// The message for an estimate-level field, in the instance's language: text that is not a
/// number, else the core's error.
fn setting_error(ctx: Ctx, shown: Memo<Shown>, field: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || {
        let lang: lang::Lang = ctx.lang.get();
        shown.with(|s| {
            let own = s.fields.iter().find(|(f, ..)| *f == field).and_then(|(.., p)| p.as_ref());
            own.map(|p| lang::entry_problem(p, lang))
                .or_else(|| s.errors.iter().find(|e| e.field == field).map(|e| lang::problem(&e.problem, lang)))
        })
    }
}

/// The currency switch, the editable exchange rate and the three discounts, each unless the
/// host hides it ([`Control::Currency`], [`Control::Discounts`]).
#[component]
pub fn Settings() -> impl IntoView {
    let ctx = Ctx::get();
    let shown = Memo::new(move |_| {
        let errors = ctx.breakdown.with(|b| b.errors.iter().filter(|e| e.line.is_none()).cloned().collect());
        ctx.calc.with(|c| Shown::of(c, errors))
    });
    let currency = move || shown.with(|s| s.currency);
    let radio = move |cur: Currency| {
        let code = cur.code();
        view! {
            <label class="rc-segmented__option">
                <input
                    type="radio"
                    name="rc-currency"
                    value=code
                    class="rc-segmented__input"
                    data-testid=format!("currency-{code}")
                    prop:checked=move || currency() == cur
                    on:change=move |_| ctx.calc.update(|c| c.set_currency(cur))
                />
                <span class="rc-segmented__label">{format!("{} {code}", cur.symbol())}</span>
            </label>
        }
    };
    view! {
        <section class="rc-settings" aria-label=ctx.t("Currency and discounts", "币种与折扣")>
            {ctx.shows(Control::Currency).then(|| view! {
            <fieldset class="rc-settings__group rc-segmented">
                <legend class="rc-settings__legend">{ctx.t("Currency", "币种")}</legend>
                {radio(Currency::Cny)}
                {radio(Currency::Usd)}
            </fieldset>
            <SettingInput shown field="usd_cny" label=("USD/CNY rate", "美元兑人民币汇率") prefix="1 USD =" suffix="CNY" testid="rate" />
            })}
            <StartMonth shown />
            {ctx.shows(Control::Discounts).then(|| view! {
            <details
                class="rc-settings__discounts"
                data-view="discounts"
                open=ctx.view.get_untracked() == Some("discounts")
            >
                <summary class="rc-settings__summary" data-testid="discounts-toggle">
                    {ctx.t("Discounts", "折扣")}
                </summary>
                <p class="rc-settings__help" id="rc-discount-help">
                    {ctx.t("Multipliers on post-paid amounts: 0.9 is 10% off.", "按系数折算后付费金额：0.9 即九折。")}
                </p>
                <div class="rc-settings__discount-grid">
                    {DISCOUNT_KINDS
                        .iter()
                        .map(|kind| {
                            let (field, label) = match *kind {
                                "channel" => ("discounts.channel", ("Channel", "渠道折扣")),
                                "user" => ("discounts.user", ("User", "用户折扣")),
                                _ => ("discounts.negotiated", ("Negotiated", "协议折扣")),
                            };
                            view! { <SettingInput shown field label prefix="×" suffix="" testid=field /> }
                        })
                        .collect_view()}
                </div>
            </details>
            })}
        </section>
    }
}

/// One estimate-level number input with its label and message.
#[component]
fn SettingInput(
    /// What the settings show.
    shown: Memo<Shown>,
    /// The estimate field, `usd_cny` or `discounts.KIND`.
    field: &'static str,
    /// The visible label, in English and Chinese.
    label: Text2,
    /// Text before the input.
    prefix: &'static str,
    /// Text after the input.
    suffix: &'static str,
    /// The `data-testid` of the input.
    testid: &'static str,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = format!("rc-setting-{}", field.replace('.', "-"));
    let err_id = format!("{id}-error");
    let error = setting_error(ctx, shown, field);
    view! {
        <div class="rc-field rc-field--inline" class:rc-field--invalid=move || error().is_some()>
            <label class="rc-field__label" for=id.clone()>{ctx.t(label.0, label.1)}</label>
            <div class="rc-field__control">
                <span class="rc-field__affix">{prefix}</span>
                <input
                    id=id
                    class="rc-field__input rc-field__input--short"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    data-testid=testid
                    placeholder=if field == "usd_cny" { "7.3" } else { "1" }
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=err_id.clone()
                    prop:value=move || shown.with(|s| s.text(field))
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        ctx.calc.update(|c| {
                            let _ = c.set_setting(field, &text);
                        });
                    }
                />
                <span class="rc-field__affix">{suffix}</span>
            </div>
            <p class="rc-field__error" id=err_id aria-live="polite" data-testid=format!("{testid}-error")>
                {error}
            </p>
        </div>
    }
}

/// The month the quote starts: month 1 of the projection, whose prices (and each later month's)
/// are those in force then. Shows this month until the visitor or a link picks another.
#[component]
fn StartMonth(
    /// What the settings show.
    shown: Memo<Shown>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let error = setting_error(ctx, shown, "start");
    let now = super::this_month();
    view! {
        <div class="rc-field rc-field--inline" class:rc-field--invalid=move || error().is_some()>
            <label class="rc-field__label" for="rc-setting-start">{ctx.t("Starts", "起始月份")}</label>
            <div class="rc-field__control">
                <input
                    id="rc-setting-start"
                    class="rc-field__input rc-field__input--month"
                    type="month"
                    data-testid="start"
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby="rc-setting-start-error"
                    prop:value=move || shown.with(|s| s.start.clone()).unwrap_or_else(|| now.clone())
                    on:change=move |ev| {
                        let month = event_target_value(&ev);
                        ctx.calc.update(|c| c.set_start(&month));
                    }
                />
            </div>
            <p class="rc-field__error" id="rc-setting-start-error" aria-live="polite" data-testid="start-error">
                {error}
            </p>
        </div>
    }
}
