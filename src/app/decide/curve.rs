//! A decision tool (being written).

use leptos::prelude::*;

/// The tool.
#[component]
pub fn CurveTool() -> impl IntoView {
    view! { <p class="rc-decide__help"></p> }
}
