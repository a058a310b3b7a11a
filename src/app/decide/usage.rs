//! "Price real traffic": usage records pasted or opened, priced as a month (`share::usage`).

use leptos::prelude::*;

use crate::app::Ctx;

/// The usage-records tool.
#[component]
pub fn UsageTool() -> impl IntoView {
    let ctx = Ctx::get();
    view! { <p class="rc-decide__help">{ctx.t("Usage records", "用量记录")}</p> }
}
