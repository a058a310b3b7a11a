//! Periods: the month a quote prices, and the months after it.
//!
//! [`quote`] prices month 1: the new-user free trial is drawn and packages are bought in it.
//! [`project`] follows the same usage month by month: free quotas keep what earlier months left
//! until they run out or expire (a month counts as 30 days), prepaid balances carry over until
//! they are used up or expire, and packages are bought in month 1 only. The typical month is the
//! first from which nothing is left to draw, so every later month costs the same.
//!
//! A month is a full pass over every line: volume tiers are chosen by the month's post-paid total
//! across all lines of a model and pooled quotas are drawn in line order, so no line can be priced
//! apart from the others. Two things keep the projection short. When month 1 draws nothing from
//! any quota or balance and buys nothing, every month is month 1 (one pass for the whole year).
//! Otherwise months are priced until the ledger is spent; that month and every later one cost the
//! same, so the rest of the year is filled with its total.

use super::ledger::QuotaLeft;
use super::{Engine, Ledger, Scenario, overflow, settings};
use crate::rating::breakdown::{Breakdown, LineQuote, Note, Projection, TypicalMonth, YearProjection};
use crate::rating::catalog::Catalog;
use crate::rating::estimate::Estimate;
use crate::rating::money::Money;
use crate::rating::month::YearMonth;

/// The last month [`project`] looks at for the typical month. A quota or balance that lasts
/// longer (a large prepaid balance drawn slowly) leaves the typical month not reached.
pub const TYPICAL_MONTH_CAP: u32 = 36;

/// Prices an estimate for one month.
///
/// Problems are reported in [`Breakdown::errors`], each naming its line and field; the lines
/// without problems are still priced and totalled. Use [`Breakdown::strict`] to treat any problem
/// as an error.
pub fn quote(catalog: &Catalog, estimate: &Estimate) -> Breakdown {
    let mut lines = Vec::with_capacity(estimate.lines.len());
    let mut breakdown = quote_each(catalog, estimate, &mut |line| lines.push(line));
    breakdown.lines = lines;
    breakdown
}

/// Prices an estimate for one month, as [`quote`] does, but hands each priced line to `each`, in
/// line order, instead of keeping it: the returned [`Breakdown`] has the totals and the errors
/// and no lines. No priced line is kept, so a large estimate's output can be written as it is
/// priced.
pub fn quote_each(catalog: &Catalog, estimate: &Estimate, each: &mut dyn FnMut(LineQuote)) -> Breakdown {
    run(catalog, estimate, Periods { ranges: true, year: false }, each).0
}

/// Projects the estimate's usage: the first month, the typical month and twelve months.
///
/// Month 1 is what [`quote`] prices. Later months repeat the usage: free quotas keep what earlier
/// months left until their validity ends (a month counts as 30 days), prepaid balances carry over
/// until used up or expired, and packages are bought in month 1 only. Lines with errors are left
/// out, as in [`quote`]. The typical month is looked for up to [`TYPICAL_MONTH_CAP`].
pub fn project(catalog: &Catalog, estimate: &Estimate) -> Projection {
    run(catalog, estimate, Periods { ranges: false, year: true }, &mut |_| {}).1
}

/// Projects twelve months of the estimate's usage: [`project`]'s year.
pub fn project_year(catalog: &Catalog, estimate: &Estimate) -> YearProjection {
    project(catalog, estimate).year
}

/// Prices month 1, handing each line to `each` as [`quote_each`] does, and projects the months
/// after it from the same pass, as [`project`] does: the CLI gets the month's totals, its errors
/// and the year for one pass when no line draws on a quota or balance.
pub fn quote_and_project(
    catalog: &Catalog,
    estimate: &Estimate,
    each: &mut dyn FnMut(LineQuote),
) -> (Breakdown, Projection) {
    run(catalog, estimate, Periods { ranges: true, year: true }, each)
}

/// What [`run`] prices besides month 1's point.
#[derive(Clone, Copy)]
struct Periods {
    /// The minimum and maximum of ranges (a quote's `total_min` and `total_max`).
    ranges: bool,
    /// The months after month 1 (else the projection is month 1 repeated, and is not used).
    year: bool,
}

/// Month 1, with what `periods` asks for.
fn run(
    catalog: &Catalog,
    estimate: &Estimate,
    periods: Periods,
    each: &mut dyn FnMut(LineQuote),
) -> (Breakdown, Projection) {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine::new(catalog, estimate, &settings);
    let currency = settings.currency;
    let n = estimate.lines.len();

    // Ranges first, so that each line leaves with its minimum and maximum.
    let mut range: Option<Ranges> = None;
    if periods.ranges && engine.has_range {
        let (mut mins, mut maxs) = (vec![None; n], vec![None; n]);
        let (mut min_total, mut max_total) = (Money::zero(currency), Money::zero(currency));
        let mut ignored = Vec::new();
        for (scenario, slots, sum) in
            [(Scenario::Min, &mut mins, &mut min_total), (Scenario::Max, &mut maxs, &mut max_total)]
        {
            let mut ledger = Ledger { month: 1, ..Ledger::default() };
            engine.month_each(scenario, &mut ledger, &mut ignored, &mut |l| {
                *sum = sum.checked_add(l.total_display).unwrap_or(*sum);
                if let Some(slot) = slots.get_mut(l.line - 1) {
                    *slot = Some(l.total_display);
                }
            });
        }
        range = Some(Ranges { mins, maxs, min_total, max_total });
    }

    let mut ledger = Ledger { month: 1, ..Ledger::default() };
    let mut total = Money::zero(currency);
    let mut first = Money::zero(currency);
    let (mut saw_range, mut stateful) = (false, false);
    let mut overflows = Vec::new();
    engine.month_each(Scenario::Point, &mut ledger, &mut errors, &mut |mut line| {
        if let Some(Ranges { mins, maxs, .. }) = &range {
            // A line has a range when its own price is one, or when it shares a pooled quota
            // with a line that has one.
            let i = line.line - 1;
            if let (Some(Some(min)), Some(Some(max))) = (mins.get(i), maxs.get(i))
                && min != max
            {
                line.total_min = Some(*min);
                line.total_max = Some(*max);
            }
        }
        let before = line.flags.len();
        line.flags.retain(|f| *f != Note::Range);
        saw_range |= line.flags.len() != before;
        stateful |= draws(&line);
        first = first.checked_add(line.total_display).unwrap_or(first);
        match total.checked_add(line.total_display) {
            Ok(t) => total = t,
            Err(_) => overflows.push(overflow(Some(line.line), Some(&line.model), "")),
        }
        each(line);
    });
    errors.extend(overflows);
    errors.sort_by_key(|e| e.line.unwrap_or(0));
    let (total_min, total_max) = match range {
        Some(Ranges { min_total, max_total, .. }) if saw_range => (Some(min_total), Some(max_total)),
        _ => (None, None),
    };
    let projection = if periods.year && (stateful || engine.last_change > 1) {
        engine.months_after_first(first, ledger)
    } else {
        steady_from(first, 1, true, vec![first])
    };
    let breakdown = Breakdown {
        currency,
        usd_cny: settings.usd_cny,
        usd_cny_source: if settings.rate_given { "estimate" } else { "default" },
        total,
        total_min,
        total_max,
        lines: Vec::new(),
        errors,
    };
    (breakdown, projection)
}

/// Each line's total at the minimum and at the maximum of the ranges (by line index), and the
/// month's.
struct Ranges {
    mins: Vec<Option<Money>>,
    maxs: Vec<Option<Money>>,
    min_total: Money,
    max_total: Money,
}

/// Whether a priced line drew on anything a later month would find changed: a free quota or a
/// prepaid balance with something in it (packages bought add to the balance).
fn draws(line: &LineQuote) -> bool {
    let has = |d: &Option<Box<crate::rating::breakdown::Drawdown>>| d.as_ref().is_some_and(|d| !d.available.is_zero());
    has(&line.free) || has(&line.prepaid)
}

/// A projection whose typical month is `month`, costing what the last of `months` costs (the
/// months priced so far, `month` the last of them); the year's months after those are filled
/// with that cost.
fn steady_from(first: Money, month: u32, reached: bool, mut months: Vec<Money>) -> Projection {
    let steady = months.last().copied().unwrap_or(first);
    months.truncate(12);
    while months.len() < 12 {
        months.push(steady);
    }
    let mut total = Money::zero(first.currency());
    for m in &months {
        total = total.checked_add(*m).unwrap_or(total);
    }
    Projection {
        first,
        typical: TypicalMonth { month, reached, total: steady },
        year: YearProjection { months, total },
    }
}

impl Engine<'_> {
    /// The total of one month's point pass, lines with errors left out.
    fn month_total(&self, ledger: &mut Ledger) -> Money {
        let mut total = Money::zero(self.settings.currency);
        let mut ignored = Vec::new();
        self.month_each(Scenario::Point, ledger, &mut ignored, &mut |l| {
            total = total.checked_add(l.total_display).unwrap_or(total);
        });
        total
    }

    /// Months 2 and later, from the ledger month 1 left: priced one by one until the ledger is
    /// spent (that month is the typical month) or [`TYPICAL_MONTH_CAP`] is passed.
    fn months_after_first(&self, first: Money, mut ledger: Ledger) -> Projection {
        let mut months = vec![first];
        for month in 2..=TYPICAL_MONTH_CAP {
            let spent = ledger.spent(self.catalog, month);
            ledger.month = month;
            months.push(self.month_total(&mut ledger));
            if spent && month >= self.last_change {
                return steady_from(first, month, true, months);
            }
        }
        steady_from(first, TYPICAL_MONTH_CAP, false, months)
    }
}

/// One projected month: its number (1 is the quote's month), its calendar month when the
/// estimate has a start, what it costs, whether any line drew on a free quota in it, and what
/// each free quota has left after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthState {
    /// 1 for the quote's month.
    pub month: u32,
    /// The calendar month, when the estimate has a start.
    pub calendar: Option<YearMonth>,
    /// The month's total in the display currency, lines with errors left out.
    pub total: Money,
    /// Whether some line drew on a free quota this month.
    pub drew_free: bool,
    /// What each free quota drawn on so far has left after the month.
    pub quotas: Vec<QuotaLeft>,
}

/// Prices the estimate month after month with one ledger, as [`project`] does, handing each month
/// to `each` until it returns `false` or month `last` is priced.
pub fn project_months(catalog: &Catalog, estimate: &Estimate, last: u32, each: &mut dyn FnMut(MonthState) -> bool) {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine::new(catalog, estimate, &settings);
    let mut ledger = Ledger::default();
    for month in 1..=last {
        ledger.month = month;
        let mut total = Money::zero(settings.currency);
        let mut drew_free = false;
        engine.month_each(Scenario::Point, &mut ledger, &mut errors, &mut |l| {
            drew_free |= l.free.as_ref().is_some_and(|f| !f.used.is_zero());
            total = total.checked_add(l.total_display).unwrap_or(total);
        });
        let calendar = settings.start.map(|s| s.plus(month - 1));
        let quotas = ledger.free_left(catalog, month);
        if !each(MonthState { month, calendar, total, drew_free, quotas }) {
            return;
        }
    }
}

#[cfg(test)]
#[path = "projection_tests.rs"]
mod tests;
