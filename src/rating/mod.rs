//! The rating core: rate cards, estimates and exact quotes.
//!
//! This module is pure Rust. It never imports a web crate, it never uses binary floating point
//! for money or quantities (every amount is a [`rust_decimal::Decimal`]), and it returns typed
//! errors instead of panicking on user input or catalog data. The CLI, the widget and the JS API
//! all call it, so its types are the product's vocabulary:
//!
//! - [`catalog`]: the checked rate cards ([`Catalog`], [`RateCard`], [`Model`]).
//! - [`estimate`]: the estimate document ([`Estimate`], [`Line`]).
//! - [`engine`]: [`quote()`], an estimate priced against a catalog, as a [`Breakdown`]
//!   ([`breakdown`]), with problems as [`QuoteError`]s ([`quote_error`]).
//! - [`project`] (first month, typical month and year), [`project_year`], [`cheapest_plan`],
//!   [`estimate_tokens`]: the other questions people ask.

pub mod breakdown;
pub mod catalog;
pub mod decide;
pub mod engine;
mod error;
pub(crate) use error::edit_distance;
pub use error::tidy;
pub mod estimate;
mod estimate_reader;
pub mod limits;
pub mod line_fields;
pub mod money;
pub mod month;
pub mod num;
pub mod plan;
pub mod problem;
pub mod quote_error;
pub mod tokens;
pub mod wording;

pub use breakdown::{Breakdown, LineQuote, Projection, TypicalMonth, YearProjection};
pub use catalog::{Catalog, CatalogError, Model, RateCard};
pub use engine::{fields_used, project, project_year, quote, quote_and_project, quote_each};
pub use estimate::{Estimate, Line};
pub use money::{Currency, Money};
pub use plan::{Plan, cheapest_plan};
pub use problem::Problem;
pub use quote_error::{ErrorKind, QuoteError, parse_estimate};
pub use tokens::{TokenEstimate, estimate_tokens};
