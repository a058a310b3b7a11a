//! Ratecard: an exact pricing calculator for AI model APIs.
//!
//! - [`rating`] is the pure-Rust core: rate cards, the estimate document and exact quotes.
//! - [`lang`] writes the core's typed words in English or 简体中文.
//! - `native` (not in WebAssembly builds) reads JSON and TOML for the `ratecard` CLI and tests.
//! - `app` and `js` (WebAssembly builds only) are the Leptos widget and the JavaScript API.
//!
//! The rate cards in `pricing/` are embedded at build time as [`CATALOG_JSON`].

pub mod calculator;
pub mod json;
pub mod lang;
pub mod rating;
pub mod share;

#[cfg(not(target_arch = "wasm32"))]
pub mod native;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli_tools;

#[cfg(not(target_arch = "wasm32"))]
mod cli_usage;

#[cfg(not(target_arch = "wasm32"))]
mod cli_compare;

#[cfg(target_arch = "wasm32")]
pub mod app;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
pub mod js;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
pub mod js_tools;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The embedded rate cards: a JSON array of `{"file": ..., "card": ...}` built from `pricing/*.toml`
/// by `build.rs`. Load it with `native::embedded_catalog` or, in the browser, through the widget.
pub const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

/// The embedded rate cards, checked and packed by `build.rs` (see `rating::catalog::pack`): what
/// the widget loads with `Catalog::unpack`, without the card reader.
pub const CATALOG_PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.pack"));

/// The fingerprint of [`CATALOG_JSON`] (`share::link::fingerprint`), which links carry as the
/// catalog version.
pub const CATALOG_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.version"));

/// The content fingerprint of the embedded catalog (`Catalog::content_fingerprint`), by which
/// `share::link::catalog_version` knows the embedded cards.
pub const CATALOG_CONTENT: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.content"));
