//! English messages for the decision tools' errors (`rating::decide`), as their `Display`.

use std::fmt;

use crate::rating::decide::{
    CompareError, ConcurrencyError, CurveError, HorizonError, MAX_DAYS, MarkKind, RunwayError,
};
use crate::rating::num::group;

impl fmt::Display for CurveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurveError::NoLine { line, lines } => write!(f, "line {line}: the estimate has {lines} line(s)"),
            CurveError::NoVolumeField => f.write_str(
                "the line's model has no volume field (requests, images, calls, hours, compute units or quantity)",
            ),
            CurveError::NoQuantity { field } => write!(f, "the line's {field} must be more than 0 to draw its curve"),
            CurveError::BadShape => write!(
                f,
                "a curve has 2 to {} points and reaches a positive multiple of today's quantity",
                crate::rating::decide::MAX_POINTS
            ),
            CurveError::Quote(e) => write!(f, "{e}"),
            CurveError::Overflow => f.write_str("the result is too large to compute exactly"),
        }
    }
}

impl std::error::Error for CurveError {}

impl fmt::Display for ConcurrencyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConcurrencyError::NoAddons(m) => write!(f, "{m} sells no concurrency add-ons"),
            ConcurrencyError::BadRate(n) => write!(f, "a throughput is 0 or more tasks, not {n}"),
            ConcurrencyError::BadSeconds(s) => write!(f, "seconds per task must be more than 0, not {s}"),
            ConcurrencyError::BadDays(d) => write!(f, "days must be 1 to {MAX_DAYS}, not {d}"),
            ConcurrencyError::Overflow => f.write_str("the result is too large to compute exactly"),
        }
    }
}

impl std::error::Error for ConcurrencyError {}

impl fmt::Display for RunwayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunwayError::NoSpend => f.write_str("the estimate spends nothing post-paid, so the balance never runs out"),
            RunwayError::TooLong => f.write_str("the balance lasts more than 100 years"),
            RunwayError::Overflow => f.write_str("the result is too large to compute exactly"),
        }
    }
}

impl std::error::Error for RunwayError {}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::NoLines => f.write_str("the estimate has no lines to compare"),
            CompareError::Overflow => f.write_str("the result is too large to compute exactly"),
        }
    }
}

impl fmt::Display for HorizonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HorizonError::NoTrial => f.write_str(
                "no line draws on a free quota in the first month (none covers its model, the trial is off, its size is unpublished or it can no longer be claimed)",
            ),
        }
    }
}

impl std::error::Error for CompareError {}
impl std::error::Error for HorizonError {}

/// What a cost-curve mark marks, e.g. `tier 2 starts`.
pub(super) fn mark(k: &MarkKind, out: &mut String) {
    match k {
        MarkKind::Today => out.push_str("today"),
        MarkKind::TierBound { index } => out.push_str(&format!("tier {} starts", index + 1)),
        MarkKind::CoveredUntil => out.push_str("free/prepaid cover ends"),
        MarkKind::PackagePaysOff { size } => {
            out.push_str(&format!("{} package pays off", group(rust_decimal::Decimal::from(*size))));
        }
    }
}
