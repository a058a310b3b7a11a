//! Sharing estimates: deep links and exports (CSV, Markdown). Pure Rust, like the core, so that
//! the CLI, the widget and the tests use the same code.

pub mod export;
pub mod link;
