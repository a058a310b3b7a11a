//! A decision tool (being written).

use leptos::prelude::*;

/// The tool.
#[component]
pub fn ConcurrencyTool() -> impl IntoView {
    view! { <p class="rc-decide__help"></p> }
}
