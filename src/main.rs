//! The widget's entry point: it mounts the Leptos app (see `app`) when it is the calculator's own
//! page (`www/index.html`, whose `<body>` carries `data-ratecard-page`). Loaded by the
//! `<ratecard-calculator>` element (`www/ratecard-embed.js`) on a host page, it mounts nothing:
//! each element mounts its own instance through `mountEmbed`.

#[cfg(target_arch = "wasm32")]
fn main() {
    let is_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-ratecard-page"));
    if is_page {
        ratecard::app::mount();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ratecard-web is the browser widget: build it with `trunk serve` (see README.md).");
    std::process::exit(2);
}
