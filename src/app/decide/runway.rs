//! A decision tool (being written).

use leptos::prelude::*;

/// The tool.
#[component]
pub fn RunwayTool() -> impl IntoView {
    view! { <p class="rc-decide__help"></p> }
}
