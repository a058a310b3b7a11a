//! The decision tools in the widget: cost against volume, the free-trial horizon, concurrency
//! sizing, the balance runway and real traffic priced, each a `<details>` of the "Decision tools"
//! section.
//!
//! Every figure comes from the core's function for it (`crate::rating::decide`, `share::usage`);
//! this layer only lays the result out. A tool computes nothing until it is opened, and then
//! only when the estimate or its own inputs change, so the keystroke path does not grow. With the
//! `split` feature the whole section is an on-demand chunk (`#[lazy]`), like the quote section.
//! A link opens a tool with `view=curve`, `view=trial`, `view=concurrency`, `view=runway` or
//! `view=usage`.

use leptos::prelude::*;

use super::Ctx;
use super::options::Control;
use crate::rating::Estimate;

mod concurrency;
mod curve;
mod horizon;
mod runway;
mod svg;
mod usage;

/// The "Decision tools" section, unless the host hides [`Control::Tools`].
#[component]
pub fn DecisionTools() -> impl IntoView {
    let ctx = Ctx::get();
    if !ctx.shows(Control::Tools) {
        return ().into_any();
    }
    #[cfg(feature = "split")]
    return Suspend::new(async move { tools_section().await }).into_any();
    #[cfg(not(feature = "split"))]
    tools_section()
}

/// The section's body: an on-demand chunk with the `split` feature (`#[lazy]`, wasm-split).
#[cfg_attr(feature = "split", lazy)]
fn tools_section() -> AnyView {
    let ctx = Ctx::get();
    view! {
        <section class="rc-decide" aria-labelledby="rc-decide-title" data-testid="decide">
            <h2 class="rc-decide__heading" id="rc-decide-title">{ctx.t("Decision tools", "决策工具")}</h2>
            <Tool view="curve" title=("Cost against volume", "成本随用量变化")>
                {|| view! { <curve::CurveTool /> }}
            </Tool>
            <Tool view="trial" title=("Free trial, month by month", "免费额度逐月用量")>
                {|| view! { <horizon::HorizonTool /> }}
            </Tool>
            <Tool view="concurrency" title=("Concurrency needed", "所需并发数")>
                {|| view! { <concurrency::ConcurrencyTool /> }}
            </Tool>
            <Tool view="runway" title=("Prepaid balance runway", "预付余额可用时长")>
                {|| view! { <runway::RunwayTool /> }}
            </Tool>
            <Tool view="usage" title=("Price real traffic", "按真实用量计价")>
                {|| view! { <usage::UsageTool /> }}
            </Tool>
        </section>
    }
    .into_any()
}

/// One tool: a `<details>` whose body is built when it is first opened and dropped when closed,
/// so that a closed tool costs nothing. A link's `view=` opens it.
#[component]
fn Tool(
    /// Its `data-view` name, one of `share::link::VIEWS`.
    view: &'static str,
    /// Its title, in English and Chinese.
    title: (&'static str, &'static str),
    /// The body.
    children: ChildrenFn,
) -> impl IntoView {
    let ctx = Ctx::get();
    let open = RwSignal::new(ctx.view.get_untracked() == Some(view));
    view! {
        <details
            class="rc-decide__tool"
            data-view=view
            data-testid=format!("tool-{view}")
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let now = ev
                    .target()
                    .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                if now != open.get_untracked() {
                    open.set(now);
                }
            }
        >
            <summary class="rc-decide__summary">{ctx.t(title.0, title.1)}</summary>
            <Show when=move || open.get()>
                <div class="rc-decide__body">{children()}</div>
            </Show>
        </details>
    }
}

/// The estimate as the widget prices it (untracked): the document, starting this month unless it
/// names its start month.
fn priced(ctx: Ctx) -> Estimate {
    ctx.estimate.with_untracked(|e| {
        let mut e = e.clone();
        e.start.get_or_insert_with(super::this_month);
        e
    })
}

/// How long a tool waits after the last change before it computes again, so that typing into a
/// line with a tool open prices the tool once, not per keystroke.
const SETTLE_MS: u32 = 250;

/// `compute`'s result: computed at once, then again [`SETTLE_MS`] after the last change to what
/// `track` reads (through [`super::after_quiet`], the widget's one way of waiting for changes to
/// stop).
fn settled<T: Send + Sync + 'static>(
    track: impl Fn() + 'static,
    compute: impl Fn() -> T + 'static,
) -> ReadSignal<Option<T>> {
    let out = RwSignal::new(Some(untrack(&compute)));
    super::after_quiet(SETTLE_MS, false, track, move || out.set(Some(compute())));
    out.read_only()
}

/// A tool's number input: its text, and the number read from it or the problem, in both languages.
#[derive(Clone, Copy)]
struct NumberInput {
    text: RwSignal<String>,
}

impl NumberInput {
    fn new(text: &str) -> NumberInput {
        NumberInput { text: RwSignal::new(text.to_string()) }
    }

    /// The number (tracked), or the problem with the text.
    fn value(&self) -> Result<rust_decimal::Decimal, crate::rating::num::EntryProblem> {
        self.text.with(|t| crate::rating::num::parse_entry(t))
    }

    /// The labelled input with its message, `testid` naming it for tests. A `suffix` of `None` is
    /// the display currency's code.
    fn view(
        self,
        ctx: Ctx,
        label: (&'static str, &'static str),
        suffix: Option<(&'static str, &'static str)>,
        testid: &'static str,
    ) -> impl IntoView {
        let suffix = move || match suffix {
            Some((en, zh)) => ctx.tr(en, zh).to_string(),
            None => ctx.breakdown.with(|b| b.currency.code().to_string()),
        };
        let id = format!("rc-decide-{testid}");
        let err = format!("{id}-error");
        let problem = move || {
            let lang = ctx.lang.get();
            self.value().err().map(|p| crate::lang::entry_problem(&p, lang))
        };
        view! {
            <div class="rc-field rc-decide__field" class:rc-field--invalid=move || problem().is_some()>
                <label class="rc-field__label" for=id.clone()>{ctx.t(label.0, label.1)}</label>
                <div class="rc-field__control">
                    <input
                        id=id
                        class="rc-field__input"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid=testid
                        aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                        aria-describedby=err.clone()
                        prop:value=move || self.text.get()
                        on:input=move |ev| self.text.set(event_target_value(&ev))
                    />
                    <span class="rc-field__affix">{suffix}</span>
                </div>
                <p class="rc-field__error" id=err aria-live="polite">{problem}</p>
            </div>
        }
    }
}
