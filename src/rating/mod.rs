//! The rating core: rate cards, estimates and exact quotes.
//!
//! This module is pure Rust. It never imports a web crate, it never uses binary floating point
//! for money or quantities (every amount is a [`rust_decimal::Decimal`]), and it returns typed
//! errors instead of panicking on user input or catalog data. The CLI, the widget and the JS API
//! all call it, so its types are the product's vocabulary:
//!
//! - [`catalog`]: the checked rate cards ([`Catalog`], [`RateCard`], [`Model`]).
//! - [`estimate`]: the estimate document ([`Estimate`], [`Line`]).
//! - [`quote()`]: an estimate priced against a catalog, as a [`Breakdown`].
//! - [`project_year`], [`cheapest_plan`], [`estimate_tokens`]: the other questions people ask.

pub mod catalog;
mod error;
pub use error::tidy;
pub mod estimate;
pub mod money;
pub mod num;
pub mod plan;
pub mod quote;
pub mod tokens;

pub use catalog::{Catalog, CatalogError, Model, RateCard};
pub use estimate::{Estimate, Line};
pub use money::{Currency, Money};
pub use plan::{Plan, cheapest_plan};
pub use quote::{
    Breakdown, ErrorKind, LineQuote, QuoteError, YearProjection, fields_used, parse_estimate, project_year, quote,
};
pub use tokens::{TokenEstimate, estimate_tokens};
