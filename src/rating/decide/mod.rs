//! Decision tools (issue 14): questions a quote alone does not answer, each one pure function over
//! the catalog and an estimate, exact, returning plain data a chart or table can draw.
//!
//! - [`cost_curve`] (`curve.rs`): a line's monthly cost from zero to a few times today's quantity,
//!   with tier bounds, the end of free and prepaid cover, and today marked.
//! - [`plan_with_break_even`] (`break_even.rs`): the cheapest package mix after the estimate's
//!   discounts, and for each package size the yearly volume above which it pays off.
//! - [`size_concurrency`] (`concurrency.rs`): the concurrency a throughput needs (Little's law) and
//!   the cheaper way to buy the add-ons beyond the default.
//! - [`trial_horizon`] (`horizon.rs`): month by month until every free quota has run out or
//!   expired: what each has left, what each month costs, and the month the trial ends.
//! - [`balance_runway`] (`runway.rs`): when a prepaid balance runs out at the estimate's daily spend,
//!   when the grace period ends and when the reminder comes (seed 000).
//!
//! - [`compare`] (`compare.rs`): the same workload priced on several models, ranked cheapest first
//!   with each one's difference to the cheapest, never summed.
//!
//! The volume cliff is a note on the quote itself (`engine/volume_cliff.rs`).

mod break_even;
pub mod civil;
mod compare;
mod concurrency;
mod curve;
mod horizon;
mod runway;

pub use break_even::{BreakEven, MixPlan, plan_with_break_even};
pub use civil::{Civil, add_days_civil, parse_civil};
pub use compare::{CompareError, Comparison, Ranked, compare};
pub use concurrency::{Cheaper, ConcurrencyError, ConcurrencySizing, MAX_DAYS, Throughput, size_concurrency};
pub use curve::{Curve, CurveError, CurveMark, CurvePoint, MAX_POINTS, MarkKind, cost_curve};
pub use horizon::{HorizonError, TrialHorizon, TrialMonth, trial_horizon};
pub use runway::{DAYS_PER_MONTH, GRACE_DAYS, REMINDER_HOURS, Runway, RunwayError, balance_runway};
