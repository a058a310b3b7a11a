//! The JavaScript API bundle: `src/js.rs` exported through wasm-bindgen, without the widget.
//! Built by `scripts/build-api.sh`; the exports are what matter, `main` does nothing.

fn main() {}
