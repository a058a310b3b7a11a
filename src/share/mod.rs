//! Sharing estimates: deep links, exports (CSV, Markdown), the priced JSON document, and the rows
//! every readable output draws (`rows`). Pure Rust, like the core, so that the CLI, the widget and
//! the tests use the same code.

pub mod compare;
pub mod export;
pub mod link;
pub mod priced;
pub mod rows;
pub mod table;
pub mod traffic;
pub mod usage;
