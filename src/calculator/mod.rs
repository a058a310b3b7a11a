//! The calculator's plain-Rust state: one [`state::Calculator`] (the estimate document and a small
//! view state) and the field specs it edits ([`fields`], drawn from the core's one declaration of
//! line fields). It holds no reactive or browser types, so it compiles for every target and
//! `cargo test` drives it natively (tests/calculator.rs); the widget (`crate::app`) wraps it in
//! reactive state and draws it.

pub mod fields;
pub mod state;
