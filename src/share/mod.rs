//! Sharing estimates: deep links, exports (CSV, Markdown) and the priced JSON document. Pure
//! Rust, like the core, so that the CLI, the widget and the tests use the same code.

pub mod export;
pub mod link;
pub mod priced;
