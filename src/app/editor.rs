//! The estimate lines: each line's model picker, its usage fields and its actions.

use leptos::html;
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::cards::{free_summary, max_input, price_summary, short, tier_bounds};
use super::fields::{self, FieldKind, PRICE_FIELDS, Text2};
use super::html::{el, esc};
use super::i18n::Lang;
use super::line_state::LineState;
use super::options::Control;
use super::packages::PackagesField;
use super::state::{DEFAULT_MODEL, DEFAULT_PROVIDER, FreeMode, cache_share_of, find_model, resolutions};
use super::{Ctx, format};
use crate::lang;
use crate::rating::catalog::ModelKind;
use crate::rating::{estimate_tokens, fields_used};
use crate::share::rows::tier_note;

/// The picker's kind filters, with their labels.
const KINDS: [(Option<ModelKind>, Text2); 6] = [
    (None, ("All", "全部")),
    (Some(ModelKind::Text), ("Text", "文本")),
    (Some(ModelKind::Image), ("Image", "图片")),
    (Some(ModelKind::Video), ("Video", "视频")),
    (Some(ModelKind::ThreeD), ("3D", "3D")),
    (Some(ModelKind::Other), ("Other", "其他")),
];

/// A model kind as the picker's tag shows it, e.g. `text` or `文本`.
fn kind_label(kind: ModelKind, lang: Lang) -> &'static str {
    match lang {
        Lang::En => kind.as_str(),
        Lang::Zh => KINDS.iter().find(|(k, _)| *k == Some(kind)).map_or("", |(_, l)| l.1),
    }
}

/// Whether a core error's field (e.g. `packages[0]` or `prices.input_per_1m`) belongs to `field`.
fn same_field(error_field: &str, field: &str) -> bool {
    error_field == field
        || error_field.strip_prefix(field).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The first segment of a field path: `packages[0]` is `packages`, `prices.input_per_1m` is `prices`.
fn top_field(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or(field)
}

/// A core error's message in `lang`, without its line and field.
fn error_text(e: &crate::rating::QuoteError, lang: Lang) -> String {
    lang::problem(&e.problem, lang)
}

/// A core error in `lang` with its line, model and field first, the field by its label.
pub fn error_full(e: &crate::rating::QuoteError, lang: Lang) -> String {
    lang::quote_error_labelled(e, lang, &|field| fields::info(top_field(field)).map(|f| f.label.1))
}

/// The message to show under a line's field, in the instance's language: its own (text that is
/// not a number) or the core's.
pub(super) fn field_message(
    ctx: Ctx,
    st: LineState,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync {
    move || {
        let lang = ctx.lang.get();
        let own = st.with_calc(|c| c.field_error(st.id, field));
        own.map(|p| lang::entry_problem(&p, lang)).or_else(|| {
            st.with_errors(|all| all.filter(|e| same_field(&e.field, field)).map(|e| error_text(e, lang)).next())
        })
    }
}

/// A text with the line's number, e.g. `Move line 2 up` or `上移第 2 行`: one closure type for
/// every such label, so the view code for them is compiled once.
fn numbered(ctx: Ctx, index: RwSignal<usize>, en: Text2, zh: Text2) -> impl Fn() -> String + Copy + Send + Sync {
    move || {
        let (before, after) = if ctx.lang.get() == Lang::Zh { zh } else { en };
        format!("{before}{}{after}", index.get() + 1)
    }
}

/// A small inline SVG icon, hidden from assistive technology (its button has a label).
#[component]
pub fn Icon(
    /// One of `up`, `down`, `copy`, `remove`.
    name: &'static str,
) -> impl IntoView {
    let d = match name {
        "up" => "M8 13V3M3.5 7.5 8 3l4.5 4.5",
        "down" => "M8 3v10M3.5 8.5 8 13l4.5-4.5",
        "copy" => "M5.5 5.5h7v7h-7zM3.5 10.5v-7h7",
        _ => "M4 4l8 8M12 4l-8 8",
    };
    view! {
        <svg class="rc-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=d fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"></path>
        </svg>
    }
}

/// The estimate's lines, the "Add a line" button and estimate-wide errors.
#[component]
pub fn Lines() -> impl IntoView {
    let ctx = Ctx::get();
    let count = move || ctx.count.get();
    let add = move |_| {
        let Some((provider, model)) = add_target(ctx) else { return };
        ctx.calc.update(|c| {
            let id = ctx.catalog.with_value(|cat| c.add_line(cat, &provider, &model));
            c.toggle_picker(id);
        });
        // The new line is drawn, with every line before it.
        ctx.shown.update(|n| *n = (*n).max(ctx.count.get_untracked()));
    };
    let general = move || {
        ctx.breakdown.with(|b| {
            b.errors
                .iter()
                .filter(|e| e.line.is_none() && e.field != "usd_cny" && !e.field.starts_with("discounts"))
                .map(|e| error_full(e, ctx.lang.get()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        // On a host page the instance is the region; its parts are groups, so that two instances
        // do not repeat a landmark's name.
        <section class="rc-lines" role=ctx.options.with_value(|o| (!o.standalone).then_some("group")) aria-labelledby="rc-lines-title">
            <div class="rc-lines__head">
                <h2 class="rc-lines__title" id="rc-lines-title">{ctx.t("Usage per month", "每月用量")}</h2>
                <span class="rc-lines__count" data-testid="line-count">
                    {move || match (count(), ctx.lang.get()) {
                        (1, Lang::En) => "1 line".to_string(),
                        (n, Lang::En) => format!("{n} lines"),
                        (n, Lang::Zh) => format!("{n} 行"),
                    }}
                </span>
            </div>
            <ul class="rc-lines__errors" role="alert">
                {move || general().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <ol class="rc-lines__list" data-testid="lines">
                <For
                    each=move || ctx.calc.with(|c| c.view.ids.iter().take(ctx.shown.get()).copied().collect::<Vec<_>>())
                    key=|id| *id
                    let:id
                >
                    <LineEditor id />
                </For>
            </ol>
            <ShowMore />
            {ctx.shows(Control::Add).then(|| view! {
                <button type="button" class="rc-button rc-button--add" data-testid="add-line" on:click=add>
                    <span aria-hidden="true">"+ "</span>
                    {ctx.t("Add a line", "添加一行")}
                </button>
            })}
        </section>
    }
}

/// The model "+ Add a line" appends: from the host's own card (`provider`, else the first of
/// `providers`) the model of the estimate's last line of that card, else the card's first model;
/// where the host named no card, the default model. `None` when no card it offers is known.
fn add_target(ctx: Ctx) -> Option<(String, String)> {
    let (home, listed) = ctx.options.with_value(|o| (o.home_provider().map(String::from), o.providers.clone()));
    if home.is_none() && listed.is_empty() {
        return Some((DEFAULT_PROVIDER.into(), DEFAULT_MODEL.into()));
    }
    ctx.catalog.with_value(|cat| {
        let (_, card) = home.iter().chain(&listed).find_map(|p| cat.card(p))?;
        let last = ctx.calc.with_untracked(|c| {
            c.estimate.lines.iter().rev().find(|l| *l.provider == *card.provider).map(|l| l.model.clone())
        });
        let model = last.or_else(|| card.models.first().map(|m| m.name.to_string()))?;
        Some((card.provider.to_string(), model))
    })
}

/// "Show more lines", under the drawn lines of a long estimate (see [`super::SHOWN_AT_ONCE`]).
#[component]
fn ShowMore() -> impl IntoView {
    let ctx = Ctx::get();
    let hidden = move || ctx.count.get().saturating_sub(ctx.shown.get());
    move || {
        let n = hidden();
        (n > 0).then(|| {
            let more = n.min(super::SHOWN_AT_ONCE);
            view! {
                <button
                    type="button"
                    class="rc-button rc-button--quiet"
                    data-testid="show-more-lines"
                    on:click=move |_| ctx.shown.update(|s| *s += super::SHOWN_AT_ONCE)
                >
                    {move || match ctx.lang.get() {
                        Lang::En => format!("Show {more} more lines ({n} not shown; the totals include them)"),
                        Lang::Zh => format!("再显示 {more} 行（{n} 行未显示，总额已包含）"),
                    }}
                </button>
            }
        })
    }
}

/// One estimate line: model, usage fields, tools and actions.
#[component]
pub fn LineEditor(
    /// The line's stable id in the view state.
    id: u32,
) -> impl IntoView {
    let ctx = Ctx::get();
    let st = LineState::new(ctx, id);
    let index = st.index;
    let count = move || ctx.count.get();
    let ident =
        Memo::new(move |_| st.with_line(|l| l.map(|l| (l.provider.clone(), l.model.clone()))).unwrap_or_default());
    let used = Memo::new(move |_| {
        let (p, m) = ident.get();
        ctx.catalog.with_value(|cat| find_model(cat, &p, &m).map(fields_used).unwrap_or_default())
    });
    let names = Memo::new(move |_| {
        let (p, m) = ident.get();
        ctx.catalog.with_value(|cat| match cat.card(&p) {
            Some((_, card)) => {
                let model = card.model(&m).map(|(_, m)| m.name.to_string()).unwrap_or(m);
                (card.name.to_string(), model)
            }
            None => (p, m),
        })
    });
    let open = Memo::new(move |_| st.with_calc(|c| c.view.picker == Some(id)));
    let open = move || open.get();
    let line_errors = Memo::new(move |_| {
        let used = used.get();
        let lang = ctx.lang.get();
        st.with_errors(|all| {
            all.filter(|e| !used.contains(&top_field(&e.field))).map(|e| error_text(e, lang)).collect::<Vec<_>>()
        })
    });
    let has_error =
        Memo::new(move |_| st.with_calc(|c| c.view_has_errors(id)) || st.with_errors(|all| all.next().is_some()));
    let total_amount = Memo::new(move |_| st.priced.with(|p| p.total));
    let line_total = move || total_amount.get().map(|(amount, currency)| format::money(amount, currency));
    let compact = ctx.options.with_value(|o| o.layout == super::options::Layout::Compact);
    let picker_id = format!("rc-picker-{id}");
    let toggle_ref = NodeRef::<html::Button>::new();
    let title_id = format!("rc-line-title-{id}");
    let labelled_by = title_id.clone();
    view! {
        <li
            class="rc-line"
            class:rc-line--invalid=has_error
            data-testid="line"
            data-line=move || index.get() + 1
            aria-labelledby=labelled_by
        >
            <div class="rc-line__head">
                <span class="rc-line__number" aria-hidden="true">{move || index.get() + 1}</span>
                <div class="rc-line__ident">
                    <h3 class="rc-line__title" id=title_id>
                        <span class="rc-visually-hidden">{numbered(ctx, index, ("Line ", ": "), ("第 ", " 行："))}</span>
                        <span data-testid="line-model">{move || names.get().1}</span>
                    </h3>
                    <p class="rc-line__provider">{move || names.get().0}</p>
                </div>
                <p class="rc-line__total" data-testid="line-total">
                    {move || line_total().unwrap_or_else(|| ctx.tr("not priced", "未计价").into())}
                </p>
            </div>
            <div class="rc-line__toolbar">
                <button
                    type="button"
                    class="rc-button rc-button--quiet"
                    data-testid="change-model"
                    node_ref=toggle_ref
                    aria-expanded=move || if open() { "true" } else { "false" }
                    aria-controls=picker_id.clone()
                    on:click=move |_| ctx.calc.update(|c| c.toggle_picker(id))
                >
                    {ctx.t("Change model", "更换模型")}
                </button>
                <div class="rc-line__actions" role="group" aria-label=numbered(ctx, index, ("Line ", " actions"), ("第 ", " 行操作"))>
                    <button
                        type="button"
                        class="rc-icon-button"
                        aria-label=numbered(ctx, index, ("Move line ", " up"), ("上移第 ", " 行"))
                        title=ctx.t("Move up", "上移")
                        prop:disabled=move || index.get() == 0
                        on:click=move |_| {
                            ctx.calc.update(|c| {
                                c.move_up(id);
                            })
                        }
                    >
                        <Icon name="up" />
                    </button>
                    <button
                        type="button"
                        class="rc-icon-button"
                        aria-label=numbered(ctx, index, ("Move line ", " down"), ("下移第 ", " 行"))
                        title=ctx.t("Move down", "下移")
                        prop:disabled=move || { index.get() + 1 >= count() }
                        on:click=move |_| {
                            ctx.calc.update(|c| {
                                c.move_down(id);
                            })
                        }
                    >
                        <Icon name="down" />
                    </button>
                    <button
                        type="button"
                        class="rc-icon-button"
                        data-testid="duplicate-line"
                        aria-label=numbered(ctx, index, ("Duplicate line ", ""), ("复制第 ", " 行"))
                        title=ctx.t("Duplicate", "复制")
                        on:click=move |_| {
                            ctx.calc.update(|c| {
                                c.duplicate(id);
                            });
                            // While every line is drawn, the copy is drawn too.
                            let now = ctx.count.get_untracked();
                            ctx.shown.update(|n| {
                                if *n + 1 >= now {
                                    *n = (*n).max(now)
                                }
                            });
                        }
                    >
                        <Icon name="copy" />
                    </button>
                    <button
                        type="button"
                        class="rc-icon-button rc-icon-button--danger"
                        data-testid="remove-line"
                        aria-label=numbered(ctx, index, ("Remove line ", ""), ("删除第 ", " 行"))
                        title=ctx.t("Remove", "删除")
                        on:click=move |_| ctx.calc.update(|c| c.remove(id))
                    >
                        <Icon name="remove" />
                    </button>
                </div>
            </div>
            <Show when=open>
                <ModelPicker id dom_id=picker_id.clone() toggle=toggle_ref />
            </Show>
            <ul class="rc-line__errors" role="alert" data-testid="line-errors">
                {move || line_errors.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <div class="rc-line__fields">
                {(!compact).then(|| view! { <LabelField st /> })}
                {move || {
                    let used = used.get();
                    let free = ctx.shows(Control::Free);
                    fields::shown(&used)
                        .into_iter()
                        .filter(|f| free || !matches!(f.kind, FieldKind::FreeTrial | FieldKind::Packages))
                        .filter(|f| !compact || !fields::RARE.contains(&f.name))
                        .map(|f| field_view(ctx, st, f))
                        .collect_view()
                }}
            </div>
            {compact.then(|| view! { <super::more::More st used /> })}
            <Show when=move || !compact && used.with(|u| u.contains(&"input_tokens"))>
                <TokenTools st />
            </Show>
        </li>
    }
}

/// The control for field `f` of a line.
pub(super) fn field_view(ctx: Ctx, st: LineState, f: fields::FieldInfo) -> AnyView {
    match f.kind {
        FieldKind::Number => view! { <NumberField st field=f.name label=f.label hint=f.hint /> }.into_any(),
        FieldKind::Resolution => resolution_field(ctx, st).into_any(),
        FieldKind::Text => view! { <TemplateField st /> }.into_any(),
        FieldKind::FreeTrial => free_trial_field(ctx, st).into_any(),
        FieldKind::Flag => view! { <PriorityField st /> }.into_any(),
        FieldKind::Packages => view! { <PackagesField st /> }.into_any(),
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
fn SelectField(
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
fn resolution_field(ctx: Ctx, st: LineState) -> impl IntoView {
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
fn free_trial_field(ctx: Ctx, st: LineState) -> impl IntoView {
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
fn TemplateField(
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
fn PriorityField(
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

/// Input-length presets at the model's tier bounds, the live tier hint, and the paste-text token
/// estimate.
#[component]
pub(super) fn TokenTools(
    /// The line's state.
    st: LineState,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let presets = Memo::new(move |_| {
        st.with_line(|l| {
            let Some(l) = l else { return Vec::new() };
            ctx.catalog.with_value(|cat| {
                let Some(m) = find_model(cat, &l.provider, &l.model) else { return Vec::new() };
                let max = max_input(m).unwrap_or(u64::MAX);
                // Sorted and without repeats, by insertion: a handful of values, and no sort
                // routine in the wasm.
                let mut all: Vec<u64> = Vec::new();
                for b in tier_bounds(m).into_iter().chain([4_000, 32_000, 128_000]).filter(|&b| b <= max) {
                    let i = all.partition_point(|&x| x < b);
                    if all.get(i) != Some(&b) {
                        all.insert(i, b);
                    }
                }
                all
            })
        })
    });
    let tier = Memo::new(move |_| {
        st.priced.with(|p| {
            let t = p.tier.as_ref()?;
            (t.of > 1).then(|| tier_note(t, ctx.lang.get()))
        })
    });
    let has_cache = Memo::new(move |_| {
        st.with_line(|l| {
            l.and_then(|l| ctx.catalog.with_value(|cat| find_model(cat, &l.provider, &l.model).map(fields_used)))
                .is_some_and(|u| u.contains(&"cached_tokens"))
        })
    });
    let paste = move || st.with_calc(|c| c.view.paste.get(&id).cloned().unwrap_or_default());
    let counted = move || estimate_tokens(&paste());
    let paste_id = format!("rc-l{id}-paste");
    view! {
        <div class="rc-tokens">
            <div class="rc-tokens__presets" role="group" aria-label=ctx.t("Input length presets", "输入长度预设")>
                <span class="rc-tokens__label" aria-hidden="true">{ctx.t("Input length", "输入长度")}</span>
                {move || {
                    presets
                        .get()
                        .into_iter()
                        .map(|n| {
                            let current = move || {
                                st.with_line(|l| l.and_then(|l| l.input_tokens)) == Some(Decimal::from(n))
                            };
                            view! {
                                <button
                                    type="button"
                                    class="rc-chip"
                                    aria-pressed=move || if current() { "true" } else { "false" }
                                    title=move || {
                                        format!(
                                            "{}{}",
                                            format::number(Decimal::from(n)),
                                            ctx.tr(" input tokens", " 输入 tokens"),
                                        )
                                    }
                                    data-testid=format!("preset-{n}")
                                    on:click=move |_| {
                                        ctx.calc.update(|c| c.set_value(id, "input_tokens", Some(Decimal::from(n))))
                                    }
                                >
                                    {short(n)}
                                    <span class="rc-visually-hidden">{ctx.t(" input tokens", " 输入 tokens")}</span>
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <Show when=move || has_cache.get()>
                <div class="rc-tokens__presets" role="group" aria-label=ctx.t("Cached share of input", "缓存命中比例")>
                    <span class="rc-tokens__label" aria-hidden="true">{ctx.t("Cached", "缓存命中")}</span>
                    {[0u32, 25, 50, 75, 90]
                        .into_iter()
                        .map(|p| {
                            let current = move || {
                                st.with_line(|l| l.and_then(cache_share_of)).unwrap_or_default() == Decimal::from(p)
                            };
                            view! {
                                <button
                                    type="button"
                                    class="rc-chip"
                                    aria-pressed=move || if current() { "true" } else { "false" }
                                    data-testid=format!("cache-{p}")
                                    on:click=move |_| ctx.calc.update(|c| c.set_cache_share(id, p))
                                >
                                    {format!("{p}%")}
                                    <span class="rc-visually-hidden">{ctx.t(" of input tokens cached", " 输入 tokens 命中缓存")}</span>
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
            <p class="rc-tokens__tier" aria-live="polite" data-testid="tier-hint">
                {move || tier.get()}
            </p>
            <details class="rc-tokens__paste">
                <summary class="rc-tokens__summary">
                    {ctx.t("Estimate input tokens from text", "根据文本估算输入 tokens")}
                </summary>
                <label class="rc-field__label" for=paste_id.clone()>
                    {ctx.t("Paste a typical prompt", "粘贴一段典型的提示词")}
                </label>
                <textarea
                    id=paste_id
                    class="rc-field__input rc-tokens__textarea"
                    rows="3"
                    data-testid="paste-text"
                    prop:value=paste
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        ctx.calc.update(|c| c.set_paste(id, text));
                    }
                ></textarea>
                <div class="rc-tokens__result">
                    <p data-testid="paste-estimate">
                        {move || {
                            let e = counted();
                            let (c, w, t) = (
                                format::number(Decimal::from(e.cjk_chars)),
                                format::number(Decimal::from(e.english_words)),
                                format::number(Decimal::from(e.tokens)),
                            );
                            match ctx.lang.get() {
                                Lang::En => format!("{c} CJK characters and {w} English words ≈ {t} tokens"),
                                Lang::Zh => format!("{c} 个中日韩字符、{w} 个英文单词 ≈ {t} tokens"),
                            }
                        }}
                    </p>
                    <button
                        type="button"
                        class="rc-button rc-button--quiet"
                        data-testid="use-paste"
                        prop:disabled=move || counted().tokens == 0
                        on:click=move |_| {
                            let tokens = Decimal::from(counted().tokens);
                            ctx.calc.update(|c| c.set_value(id, "input_tokens", Some(tokens)));
                        }
                    >
                        {ctx.t("Use as input tokens", "用作输入 tokens")}
                    </button>
                </div>
            </details>
        </div>
    }
}

/// `s` in lower case, by the browser's `String.prototype.toLowerCase` (the same Unicode mapping as
/// `str::to_lowercase`, without its case tables in the wasm).
fn lowercase(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// The searchable model picker of a line, filtered by kind.
#[component]
fn ModelPicker(
    /// The line's id.
    id: u32,
    /// The panel's DOM id, named by the toggle's `aria-controls`.
    dom_id: String,
    /// The "Change model" button, which gets the focus back when the picker closes.
    toggle: NodeRef<html::Button>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let search_ref = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = search_ref.get() {
            let _ = el.focus();
        }
    });
    // Rebuilt on a language switch: the price summaries are words.
    let all = Memo::new(move |_| {
        let lang = ctx.lang.get();
        let home = ctx.options.with_value(|o| o.home_provider().map(String::from));
        let is_home = |c: &&crate::rating::catalog::RateCard| home.as_deref() == Some(&*c.provider);
        ctx.catalog.with_value(|cat| {
            let cards = cat.cards().iter().filter(|c| ctx.options.with_value(|o| o.offers(&c.provider)));
            // The host's own card first.
            cards
                .clone()
                .filter(|c| is_home(c))
                .chain(cards.filter(|c| !is_home(c)))
                .flat_map(|card| {
                    card.models.iter().map(move |m| {
                        (
                            card.provider.clone(),
                            card.name.clone(),
                            m.name.clone(),
                            m.kind,
                            price_summary(card, m, lang),
                            free_summary(card, m, lang),
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let kind = move || ctx.calc.with(|c| c.view.kind);
    let search = move || ctx.calc.with(|c| c.view.search.clone());
    let results = move || {
        let k = kind();
        let q = lowercase(search().trim());
        all.with(|all| {
            all.iter()
                .filter(|(_, pname, name, mk, _, _)| {
                    k.is_none_or(|k| k == *mk)
                        && (q.is_empty() || lowercase(name).contains(&q) || lowercase(pname).contains(&q))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let refocus = move || {
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    let close = move || {
        ctx.calc.update(|c| c.close_picker());
        refocus();
    };
    // The options are static markup (one button per model, named by its data attributes), and
    // one click handler on the list reads the button that was pressed.
    let options = move || {
        let lang = ctx.lang.get();
        let list = results();
        let mut out = String::with_capacity(256 * list.len());
        if list.is_empty() {
            el(&mut out, "li class=\"rc-picker__empty\"", lang.pick("No model matches.", "没有匹配的模型。"));
        }
        for (provider, pname, name, mk, summary, free) in list {
            // Named by what it shows (model, provider, price), so that the name a voice user
            // says is the text they see; the kind tag is left out of the name.
            out.push_str(
                "<li><button type=\"button\" class=\"rc-picker__option\" data-testid=\"model-option\" data-provider=\"",
            );
            esc(&mut out, &provider);
            out.push_str("\" data-model=\"");
            esc(&mut out, &name);
            out.push_str("\">");
            el(&mut out, "span class=\"rc-picker__name\"", &name);
            el(&mut out, "span class=\"rc-picker__kind\" aria-hidden=\"true\"", kind_label(mk, lang));
            el(&mut out, "span class=\"rc-visually-hidden\"", ", ");
            el(&mut out, "span class=\"rc-picker__provider\"", &pname);
            el(&mut out, "span class=\"rc-visually-hidden\"", ": ");
            el(&mut out, "span class=\"rc-picker__price\"", &summary);
            if let Some(f) = free {
                el(&mut out, "span class=\"rc-visually-hidden\"", "; ");
                el(&mut out, "span class=\"rc-picker__free\"", &f);
            }
            out.push_str("</button></li>");
        }
        out
    };
    let choose = move |ev: web_sys::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest("button[data-model]").ok().flatten());
        let Some(button) = button else { return };
        let provider = button.get_attribute("data-provider").unwrap_or_default();
        let model = button.get_attribute("data-model").unwrap_or_default();
        ctx.calc.update(|c| ctx.catalog.with_value(|cat| c.set_model(cat, id, &provider, &model)));
        refocus();
    };
    // Keyboard: in the search, Enter takes the first result and ArrowDown moves to it; in the
    // results, the arrows move between them (roving focus) and Enter takes the focused one.
    let list_ref = NodeRef::<html::Ul>::new();
    let focus = |el: Option<web_sys::Element>| {
        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    };
    let first = move || list_ref.get_untracked().and_then(|ul| ul.query_selector("button[data-model]").ok().flatten());
    let on_search_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            if let Some(b) = first().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                b.click();
            }
        }
        "ArrowDown" => {
            ev.prevent_default();
            focus(first());
        }
        _ => {}
    };
    let on_list_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        ev.prevent_default();
        let item = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest("li").ok().flatten());
        let Some(item) = item else { return };
        let next = if key == "ArrowDown" { item.next_element_sibling() } else { item.previous_element_sibling() };
        match next.and_then(|li| li.query_selector("button[data-model]").ok().flatten()) {
            Some(b) => focus(Some(b)),
            None if key == "ArrowUp" => focus(search_ref.get_untracked().map(Into::into)),
            None => {}
        }
    };
    let search_id = format!("{dom_id}-search");
    view! {
        <div
            class="rc-picker"
            id=dom_id
            role="dialog"
            aria-label=ctx.t("Choose a model", "选择模型")
            data-testid="model-picker"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <div class="rc-picker__controls">
                <label class="rc-field__label" for=search_id.clone()>
                    {ctx.t("Search models", "搜索模型")}
                </label>
                <input
                    id=search_id.clone()
                    node_ref=search_ref
                    class="rc-field__input"
                    type="search"
                    autocomplete="off"
                    placeholder=ctx.t("GLM, DeepSeek, video…", "GLM、DeepSeek、视频…")
                    data-testid="model-search"
                    aria-describedby=format!("{search_id}-keys")
                    on:keydown=on_search_key
                    prop:value=search
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.calc.update(|c| c.view.search = v);
                    }
                />
                <fieldset class="rc-picker__kinds">
                    <legend class="rc-visually-hidden">{ctx.t("Kind", "类型")}</legend>
                    {KINDS
                        .iter()
                        .map(|(k, label)| {
                            let k = *k;
                            view! {
                                <label class="rc-chip rc-chip--radio">
                                    <input
                                        type="radio"
                                        name=format!("rc-kind-{id}")
                                        class="rc-chip__input"
                                        prop:checked=move || kind() == k
                                        on:change=move |_| ctx.calc.update(|c| c.view.kind = k)
                                    />
                                    <span>{ctx.t(label.0, label.1)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <p class="rc-visually-hidden" id=format!("{search_id}-keys")>
                {ctx.t(
                    "Enter takes the first result; the arrow keys move through the results; Escape closes.",
                    "按回车键选择第一个结果，用方向键在结果间移动，按退出键关闭。",
                )}
            </p>
            <ul
                class="rc-picker__list"
                aria-label=ctx.t("Models", "模型")
                node_ref=list_ref
                inner_html=options
                on:click=choose
                on:keydown=on_list_key
            ></ul>
        </div>
    }
}
