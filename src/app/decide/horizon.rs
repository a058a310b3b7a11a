//! A decision tool (being written).

use leptos::prelude::*;

/// The tool.
#[component]
pub fn HorizonTool() -> impl IntoView {
    view! { <p class="rc-decide__help"></p> }
}
