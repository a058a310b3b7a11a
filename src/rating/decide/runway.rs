//! Balance runway: when a prepaid balance runs out at the estimate's post-paid spend (seed 000).
//!
//! TokenHub's arrears rule (seed 000): when the balance is 0 or negative, post-paid inference stops
//! at once; after a grace period of 15 days the service is deleted, and a reminder comes 4 hours
//! before the grace period ends. The daily spend is the month's post-paid total after discounts
//! divided by [`DAYS_PER_MONTH`], exactly. The balance lasts `balance x 30 x 24 / month` hours; it
//! is reported in whole hours, rounded down (the hour in which the balance reaches zero), from
//! midnight at the start of the start date.

use rust_decimal::Decimal;
use serde::Serialize;

use super::civil::Civil;
use crate::rating::breakdown::Breakdown;
use crate::rating::money::Money;
use crate::rating::num;

/// Days in a month for the daily spend: a month's post-paid total over 30.
pub const DAYS_PER_MONTH: u32 = 30;
/// Days of grace after the balance reaches zero before the service is deleted (seed 000).
pub const GRACE_DAYS: u32 = 15;
/// Hours before the end of the grace period that the reminder comes (seed 000).
pub const REMINDER_HOURS: u32 = 4;
/// The longest runway computed, in hours: 100 years.
const MAX_HOURS: u64 = 876_000;

/// When a balance runs out and what follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Runway {
    /// The balance, in the display currency.
    pub balance: Money,
    /// The month's post-paid total after discounts.
    pub month_postpaid: Money,
    /// `month_postpaid / 30`, exact to 28 digits.
    pub daily_spend: Money,
    /// Whole hours from the start until the balance reaches zero, rounded down.
    pub hours: u64,
    /// When post-paid inference stops.
    pub stops: Civil,
    /// The reminder, 4 hours before the grace period ends.
    pub reminder: Civil,
    /// The end of the 15-day grace period, when the service is deleted.
    pub deleted: Civil,
}

/// Why a runway could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunwayError {
    /// The estimate spends nothing post-paid, so the balance never runs out.
    NoSpend,
    /// The balance lasts more than 100 years.
    TooLong,
    /// A result too large to compute.
    Overflow,
}

impl From<num::Overflow> for RunwayError {
    fn from(_: num::Overflow) -> Self {
        RunwayError::Overflow
    }
}

/// Works out when `balance` (in the breakdown's display currency) runs out at the breakdown's
/// post-paid spend, from midnight at the start of `start_day` (days since 1970-01-01, see
/// [`super::parse_civil`]). A balance of 0 or less stops at once.
///
/// # Errors
/// [`RunwayError::NoSpend`] when nothing is post-paid, [`RunwayError::TooLong`] past 100 years.
pub fn balance_runway(breakdown: &Breakdown, balance: Decimal, start_day: i64) -> Result<Runway, RunwayError> {
    let display = breakdown.currency;
    let mut month = Decimal::ZERO;
    for l in &breakdown.lines {
        let mut postpaid = l.postpaid.amount();
        for d in &l.discounts {
            postpaid = num::add(postpaid, d.amount.amount())?;
        }
        let converted = Money::new(postpaid, l.currency).convert(display, breakdown.usd_cny);
        month = num::add(month, converted.map_err(|_| RunwayError::Overflow)?.amount())?;
    }
    if month <= Decimal::ZERO {
        return Err(RunwayError::NoSpend);
    }
    let hours_per_month = Decimal::from(DAYS_PER_MONTH * 24);
    let hours = if balance <= Decimal::ZERO {
        0
    } else {
        // floor(balance x 720 / month), checked by multiplying back so no rounding of the quotient
        // can move it across a whole hour.
        let scaled = num::mul(balance, hours_per_month)?;
        let mut h = num::div(scaled, month)?.floor();
        if num::mul(h, month)? > scaled {
            h -= Decimal::ONE;
        } else if num::mul(num::add(h, Decimal::ONE)?, month)? <= scaled {
            h = num::add(h, Decimal::ONE)?;
        }
        u64::try_from(h).map_err(|_| RunwayError::TooLong)?
    };
    if hours > MAX_HOURS {
        return Err(RunwayError::TooLong);
    }
    let h = i64::try_from(hours).map_err(|_| RunwayError::TooLong)?;
    let grace = i64::from(GRACE_DAYS) * 24;
    Ok(Runway {
        balance: Money::new(balance, display),
        month_postpaid: Money::new(month, display),
        daily_spend: Money::new(num::div(month, Decimal::from(DAYS_PER_MONTH))?, display),
        hours,
        stops: Civil::at(start_day, h),
        reminder: Civil::at(start_day, h + grace - i64::from(REMINDER_HOURS)),
        deleted: Civil::at(start_day, h + grace),
    })
}
