//! The browser widget.
use leptos::prelude::*;

/// Mounts the calculator on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(|| view! { <p>"Ratecard"</p> });
}
