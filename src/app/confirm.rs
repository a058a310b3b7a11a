//! The one way the widget asks before a change it cannot undo: an inline question with "Yes, …"
//! and "No" next to the button that asked. Reset, replacing or deleting a saved estimate, and
//! opening usage records as the estimate all ask with it, so they look, read and test alike.

use leptos::prelude::*;

use super::Ctx;

/// The question group named `name`: the question (which labels the group, `rc-{name}-ask`), the
/// "Yes" button saying `yes` that runs `on_yes`, and "No" that runs `on_no`. Its test ids are
/// `{name}-confirm`, `{name}-yes` and `{name}-no`.
pub fn confirm(
    name: &'static str,
    question: impl IntoView + 'static,
    yes: impl IntoView + 'static,
    on_yes: impl Fn() + 'static,
    on_no: impl Fn() + 'static,
) -> impl IntoView {
    let ctx = Ctx::get();
    let ask = format!("rc-{name}-ask");
    let labelled_by = ask.clone();
    view! {
        <span class="rc-app__confirm" role="group" aria-labelledby=labelled_by data-testid=format!("{name}-confirm")>
            <span id=ask>{question}</span>
            <button type="button" class="rc-button rc-button--danger" data-testid=format!("{name}-yes") on:click=move |_| on_yes()>
                {yes}
            </button>
            <button type="button" class="rc-button rc-button--quiet" data-testid=format!("{name}-no") on:click=move |_| on_no()>
                {ctx.t("No", "否")}
            </button>
        </span>
    }
}
