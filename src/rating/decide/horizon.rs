//! Free-trial horizon: month by month until every free quota on the estimate has run out or
//! expired, with what each quota has left and what each month costs.
//!
//! The months are the engine's projection ([`engine::project_months`]): one ledger carried from
//! month to month, each month priced at the prices in force then, a quota's validity counted from
//! the claim in month 1 (a month counts as 30 days, so 90 days cover months 1 to 3), and a
//! campaign quota whose last claim date is before the estimate's start not applied at all.

use serde::Serialize;

use crate::rating::catalog::Catalog;
use crate::rating::engine::{self, MonthState, QuotaLeft, TYPICAL_MONTH_CAP};
use crate::rating::estimate::Estimate;
use crate::rating::money::Money;
use crate::rating::month::YearMonth;

/// One month of the trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialMonth {
    /// 1 for the start month.
    pub month: u32,
    /// The calendar month, when the estimate has a start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<YearMonth>,
    /// What the month costs, in the display currency.
    pub cost: Money,
    /// What each quota has left after the month.
    pub quotas: Vec<QuotaLeft>,
}

/// When the free trial ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialHorizon {
    /// The start month, when the estimate has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Months 1 to `ends`.
    pub months: Vec<TrialMonth>,
    /// The last month a free quota has anything left for: after it, every quota is used up or
    /// expired.
    pub ends: u32,
    /// `ends` as a calendar month, when the estimate has a start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_calendar: Option<YearMonth>,
    /// `false` when some quota still has something left after month 36 (a quota with no
    /// validity drawn slowly): `ends` is then 36.
    pub reached: bool,
    /// What the month after the trial costs (month `ends + 1`).
    pub after: Money,
}

/// Why there is no trial horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HorizonError {
    /// No line draws on a free quota in month 1 (none covers its models, the trial is off, its
    /// size is unpublished, or its claim period ended before the start).
    NoTrial,
}

/// Follows the estimate month by month until every free quota it draws on has run out or
/// expired, up to [`TYPICAL_MONTH_CAP`] months. Lines with errors are left out, as in a quote.
///
/// # Errors
/// [`HorizonError::NoTrial`] when no line draws on a free quota in month 1.
pub fn trial_horizon(catalog: &Catalog, estimate: &Estimate) -> Result<TrialHorizon, HorizonError> {
    let mut months: Vec<TrialMonth> = Vec::new();
    let mut after: Option<Money> = None;
    let mut first_drew = false;
    let mut done = false;
    engine::project_months(catalog, estimate, TYPICAL_MONTH_CAP + 1, &mut |m: MonthState| {
        if done {
            after = Some(m.total);
            return false;
        }
        if m.month == 1 {
            first_drew = m.drew_free;
            if !first_drew {
                return false;
            }
        }
        done = m.quotas.iter().all(|q| q.left.is_zero());
        if m.month <= TYPICAL_MONTH_CAP {
            months.push(TrialMonth { month: m.month, calendar: m.calendar, cost: m.total, quotas: m.quotas });
        }
        // Past the cap: the month after the last one kept.
        if m.month > TYPICAL_MONTH_CAP {
            after = Some(m.total);
            return false;
        }
        true
    });
    if !first_drew {
        return Err(HorizonError::NoTrial);
    }
    let last = months.last().ok_or(HorizonError::NoTrial)?;
    let reached = last.quotas.iter().all(|q| q.left.is_zero());
    let (ends, ends_calendar) = (last.month, last.calendar);
    let start = months.first().and_then(|m| m.calendar);
    let after = after.unwrap_or(last.cost);
    Ok(TrialHorizon { start, months, ends, ends_calendar, reached, after })
}
