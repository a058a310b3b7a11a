//! The widget's entry point: it only mounts the Leptos app (see `app`).

#[cfg(target_arch = "wasm32")]
fn main() {
    ratecard::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ratecard-web is the browser widget: build it with `trunk serve` (see README.md).");
    std::process::exit(2);
}
