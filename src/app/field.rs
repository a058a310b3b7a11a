//! The generic field component: [`field_view`] draws any line field from its spec
//! (`calculator/fields.rs`), as a number input, a choice, the free-trial choice, the line's label,
//! a video template or a priority.

use leptos::prelude::*;

use super::Ctx;
use super::cards::free_summary;
use super::editor::field_message;
use super::fields::{self, FieldKind, PRICE_FIELDS, Text2};
use super::line_state::LineState;
use super::state::{FreeMode, find_model, resolutions};

/// The control for field `f` of a line.
pub(super) fn field_view(ctx: Ctx, st: LineState, f: fields::FieldInfo) -> AnyView {
    match f.kind {
        FieldKind::Number => view! { <NumberField st field=f.name label=f.label hint=f.hint /> }.into_any(),
        FieldKind::Resolution => resolution_field(ctx, st).into_any(),
        FieldKind::Text => view! { <TemplateField st /> }.into_any(),
        FieldKind::FreeTrial => free_trial_field(ctx, st).into_any(),
        FieldKind::Flag => view! { <PriorityField st /> }.into_any(),
        FieldKind::Packages => packages_field(st),
        FieldKind::Prices => PRICE_FIELDS
            .iter()
            .map(|(name, label)| view! { <NumberField st field=name label=*label hint=("card currency", "价目表币种") /> })
            .collect_view()
            .into_any(),
    }
}

/// A decimal field: label, text input and its message.
#[component]
pub fn NumberField(
    /// The line's state.
    st: LineState,
    /// The estimate field name, e.g. `input_tokens`.
    field: &'static str,
    /// The visible label, in English and Chinese.
    label: Text2,
    /// The unit or period after the label, in English and Chinese.
    hint: Text2,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let dom_id = format!("rc-l{id}-{}", field.replace('.', "-"));
    let err_id = format!("{dom_id}-error");
    let message = Memo::new(move |_| field_message(ctx, st, field)());
    let text = Memo::new(move |_| st.with_calc(|c| c.field_text(id, field)));
    view! {
        <div class="rc-field" class:rc-field--invalid=move || message.with(Option::is_some) data-field=field>
            <label class="rc-field__label" for=dom_id.clone()>
                {ctx.t(label.0, label.1)}
                <span class="rc-field__hint">{ctx.t(hint.0, hint.1)}</span>
            </label>
            <input
                id=dom_id
                class="rc-field__input"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                data-testid=format!("field-{field}")
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=err_id.clone()
                prop:value=text
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    ctx.calc.update(|c| {
                        let _ = c.set_field(id, field, &text);
                    });
                }
            />
            <p class="rc-field__error" id=err_id aria-live="polite" data-testid=format!("error-{field}")>
                {move || message.get()}
            </p>
        </div>
    }
}

/// A choice among a few values, as a `<select>`: the video resolution or the free trial. One
/// component for both, so the widget carries one such view.
#[component]
pub(super) fn SelectField(
    /// The line's state.
    st: LineState,
    /// The estimate field, e.g. `resolution` (the input's test id is `field-<name>`).
    name: &'static str,
    /// The end of the input's DOM id, e.g. `free` for `rc-l3-free`.
    dom: &'static str,
    /// The visible label, in English and Chinese.
    label: Text2,
    /// The hint after the label, if any.
    hint: Option<Text2>,
    /// Whether the field spans two columns.
    wide: bool,
    /// The options, as (value, text), in the current language.
    options: Memo<Vec<(String, String)>>,
    /// The value chosen now.
    current: Memo<String>,
    /// A note under the input, if any.
    note: Option<Memo<Option<String>>>,
    /// Applies a chosen value to line `id`.
    choose: fn(&mut super::state::Calculator, u32, &str),
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let dom_id = format!("rc-l{id}-{dom}");
    let message = field_message(ctx, st, name);
    view! {
        <div
            class=if wide { "rc-field rc-field--wide" } else { "rc-field" }
            class:rc-field--invalid=move || message().is_some()
        >
            <label class="rc-field__label" for=dom_id.clone()>
                {ctx.t(label.0, label.1)}
                {hint.map(|h| view! { <span class="rc-field__hint">{ctx.t(h.0, h.1)}</span> })}
            </label>
            <select
                id=dom_id
                class="rc-field__input rc-field__select"
                data-testid=format!("field-{name}")
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.calc.update(|c| choose(c, id, &v));
                }
            >
                {move || {
                    let cur = current.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == cur;
                            view! {
                                <option value=value selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {note.map(|n| view! { <p class="rc-field__note">{move || n.get()}</p> })}
            <p class="rc-field__error" aria-live="polite">{message}</p>
        </div>
    }
}

/// The video resolution, chosen from the model's priced resolutions.
pub(super) fn resolution_field(ctx: Ctx, st: LineState) -> impl IntoView {
    let options = Memo::new(move |_| {
        st.with_line(|l| {
            l.and_then(|l| ctx.catalog.with_value(|cat| find_model(cat, &l.provider, &l.model).map(resolutions)))
                .unwrap_or_default()
                .into_iter()
                .map(|r| (r.as_str().to_string(), r.as_str().to_string()))
                .collect()
        })
    });
    let current = Memo::new(move |_| st.with_line(|l| l.and_then(|l| l.resolution.clone()).unwrap_or_default()));
    let choose: fn(&mut super::state::Calculator, u32, &str) =
        |c, id, v| c.set_choice(id, "resolution", Some(v.into()));
    view! {
        <SelectField st name="resolution" dom="resolution" label=("Resolution", "分辨率") hint=None wide=false options current note=None choose />
    }
}

/// The free trial: the new-user amount, off, or an amount remaining.
pub(super) fn free_trial_field(ctx: Ctx, st: LineState) -> impl IntoView {
    let id = st.id;
    let mode = Memo::new(move |_| st.with_calc(|c| c.free_mode(id)));
    let options = Memo::new(move |_| {
        let lang = ctx.lang.get();
        [
            (FreeMode::New, ("New-user amount", "新用户额度")),
            (FreeMode::Off, ("Off", "关闭")),
            (FreeMode::Remaining, ("Amount left", "剩余额度")),
        ]
        .into_iter()
        .map(|(m, (en, zh))| (m.as_str().to_string(), lang.pick(en, zh).to_string()))
        .collect()
    });
    let current = Memo::new(move |_| mode.get().as_str().to_string());
    let what = Memo::new(move |_| {
        let lang = ctx.lang.get();
        st.with_line(|l| {
            l.and_then(|l| {
                ctx.catalog.with_value(|cat| {
                    let (_, card) = cat.card(&l.provider)?;
                    let (_, m) = card.model(&l.model)?;
                    free_summary(card, m, lang)
                })
            })
        })
    });
    let choose: fn(&mut super::state::Calculator, u32, &str) = |c, id, v| {
        if let Some(m) = FreeMode::parse(v) {
            c.set_free_mode(id, m);
        }
    };
    view! {
        <SelectField
            st
            name="free_trial"
            dom="free"
            label=("Free trial", "免费额度")
            hint=None
            wide=true
            options
            current
            note=Some(what)
            choose
        />
        <Show when=move || mode.get() == FreeMode::Remaining>
            <NumberField
                st
                field="free_remaining"
                label=("Free amount left", "剩余免费额度")
                hint=("units of the quota", "按额度单位")
            />
        </Show>
    }
}

/// The line's own label (a name for the quote, or the model a generic line stands for).
#[component]
pub(super) fn LabelField(
    /// The line's state.
    st: LineState,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let dom_id = format!("rc-l{id}-label");
    let text = Memo::new(move |_| st.with_line(|l| l.and_then(|l| l.label.clone()).unwrap_or_default()));
    view! {
        <div class="rc-field rc-field--label">
            <label class="rc-field__label" for=dom_id.clone()>
                {ctx.t("Label", "名称")}
                <span class="rc-field__hint">{ctx.t("optional", "可选")}</span>
            </label>
            <input
                id=dom_id
                class="rc-field__input"
                type="text"
                autocomplete="off"
                placeholder=ctx.t("e.g. Support chatbot", "如：客服机器人")
                data-testid="field-label"
                prop:value=move || text.get()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.calc.update(|c| c.set_label(id, &v));
                }
            />
        </div>
    }
}

/// The effect template a video effect model needs.
#[component]
pub(super) fn TemplateField(
    /// The line's state.
    st: LineState,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let dom_id = format!("rc-l{id}-template");
    let message = field_message(ctx, st, "template");
    view! {
        <div class="rc-field" class:rc-field--invalid=move || message().is_some()>
            <label class="rc-field__label" for=dom_id.clone()>{ctx.t("Effect template", "特效模板")}</label>
            <input
                id=dom_id
                class="rc-field__input"
                type="text"
                data-testid="field-template"
                prop:value=move || st.with_line(|l| l.and_then(|l| l.template.clone()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.calc.update(|c| c.set_choice(id, "template", Some(v)));
                }
            />
            <p class="rc-field__error" aria-live="polite">{message}</p>
        </div>
    }
}

/// The priority flag.
#[component]
pub(super) fn PriorityField(
    /// The line's state.
    st: LineState,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let dom_id = format!("rc-l{id}-priority");
    view! {
        <div class="rc-field rc-field--check">
            <input
                id=dom_id.clone()
                type="checkbox"
                class="rc-field__checkbox"
                data-testid="field-priority"
                prop:checked=move || st.with_line(|l| l.and_then(|l| l.priority).unwrap_or(false))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ctx.calc.update(|c| c.set_priority(id, on));
                }
            />
            <label class="rc-field__label" for=dom_id>
                {ctx.t("Priority", "优先处理")}
                <span class="rc-field__hint">
                    {ctx.t("priority queuing, at the model's multiplier", "优先排队，按模型倍率计价")}
                </span>
            </label>
        </div>
    }
}

/// A line's packages: an on-demand chunk with the `split` feature, since only lines of models sold
/// in packages draw it.
fn packages_field(st: LineState) -> AnyView {
    #[cfg(feature = "split")]
    return Suspend::new(async move { packages_view(st).await }).into_any();
    #[cfg(not(feature = "split"))]
    packages_view(st)
}

#[cfg_attr(feature = "split", lazy)]
fn packages_view(st: LineState) -> AnyView {
    view! { <super::packages::PackagesField st /> }.into_any()
}
