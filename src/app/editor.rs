//! The estimate lines: each line's header, actions and fields, with "Add a line" and "Show more
//! lines". A line's model picker is `picker.rs`, its fields are drawn by `field.rs` from their specs
//! and a token line's tools are `token_tools.rs`.

use leptos::html;
use leptos::prelude::*;

use super::field::{LabelField, field_view};
use super::fields::{self, FieldKind, Text2};
use super::i18n::Lang;
use super::line_state::LineState;
use super::options::Control;
use super::picker::ModelPicker;
use super::state::{DEFAULT_MODEL, DEFAULT_PROVIDER, find_model};
use super::token_tools::TokenTools;
use super::{Ctx, format};
use crate::lang;
use crate::rating::fields_used;

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
    // Memos, so that a keystroke that changes neither redraws nothing here.
    let general = Memo::new(move |_| {
        ctx.breakdown.with(|b| {
            b.errors
                .iter()
                .filter(|e| e.line.is_none() && e.field != "usd_cny" && !e.field.starts_with("discounts"))
                .map(|e| error_full(e, ctx.lang.get()))
                .collect::<Vec<_>>()
        })
    });
    let ids =
        Memo::new(move |_| ctx.calc.with(|c| c.view.ids.iter().take(ctx.shown.get()).copied().collect::<Vec<_>>()));
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
                {move || general.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <ol class="rc-lines__list" data-testid="lines">
                <For
                    each=move || ids.get()
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
