//! Concurrency sizing: how many concurrent tasks a throughput needs and how to buy the add-ons.
//!
//! By Little's law the tasks in flight are the arrival rate times the time one task takes, so the
//! concurrency needed is `ceil(tasks per second x seconds per task)`. A model includes some
//! concurrency by default (HY Image Global: 3, seed 002); each add-on adds one, bought by the day
//! (200 USD) or by the month (4,000 USD). For `days` days, daily add-ons cost
//! `extra x per_day x days` and monthly add-ons `extra x per_month`.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rating::catalog::{Model, RateCard};
use crate::rating::money::Money;
use crate::rating::num;

/// The most days a sizing covers: one month of add-ons (the engine's limit for concurrency days).
pub const MAX_DAYS: u32 = 31;

/// A throughput: tasks arriving per minute, or in the peak hour of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Throughput {
    /// Tasks per minute.
    PerMinute(Decimal),
    /// Tasks in the busiest hour of a day.
    PeakHour(Decimal),
}

/// Which way of buying add-ons costs less for the days needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cheaper {
    /// No add-ons are needed.
    NoneNeeded,
    /// Daily add-ons cost less.
    Daily,
    /// Monthly add-ons cost less.
    Monthly,
    /// Both cost the same.
    Same,
}

/// The concurrency a throughput needs and what the add-ons cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcurrencySizing {
    /// Tasks per second, exact.
    pub per_second: Decimal,
    /// Seconds one task takes.
    pub seconds: Decimal,
    /// Tasks in flight on average: `per_second x seconds`, exact.
    pub in_flight: Decimal,
    /// The concurrency needed: `in_flight` rounded up, and never below the default.
    pub concurrency: u64,
    /// Concurrency included by default.
    pub included: u64,
    /// Add-ons beyond the default.
    pub extra: u64,
    /// Days the add-ons are needed.
    pub days: u32,
    /// `extra x per_day x days`.
    pub daily_cost: Money,
    /// `extra x per_month`.
    pub monthly_cost: Money,
    /// The cheaper way.
    pub cheaper: Cheaper,
    /// From this many days on a month of add-ons costs no more than daily ones: `per_month /
    /// per_day`.
    pub break_even_days: Decimal,
}

/// Why a sizing could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConcurrencyError {
    /// The model sells no concurrency add-ons.
    NoAddons(String),
    /// The throughput is negative.
    BadRate(Decimal),
    /// The seconds per task are not positive.
    BadSeconds(Decimal),
    /// The days are not 1 to [`MAX_DAYS`].
    BadDays(u32),
    /// A result too large to compute.
    Overflow,
}

impl From<num::Overflow> for ConcurrencyError {
    fn from(_: num::Overflow) -> Self {
        ConcurrencyError::Overflow
    }
}

/// Sizes the concurrency `model` needs for `throughput` tasks of `seconds` each, over `days` days.
///
/// # Errors
/// [`ConcurrencyError`] when the model has no add-ons, an input is out of range, or the result is
/// too large.
pub fn size_concurrency(
    card: &RateCard,
    model: &Model,
    throughput: Throughput,
    seconds: Decimal,
    days: u32,
) -> Result<ConcurrencySizing, ConcurrencyError> {
    let addon = model
        .concurrency
        .and_then(|i| card.concurrency.get(i))
        .ok_or_else(|| ConcurrencyError::NoAddons(model.name.to_string()))?;
    let per_second = match throughput {
        Throughput::PerMinute(n) if n >= Decimal::ZERO => num::div(n, Decimal::from(60))?,
        Throughput::PeakHour(n) if n >= Decimal::ZERO => num::div(n, Decimal::from(3600))?,
        Throughput::PerMinute(n) | Throughput::PeakHour(n) => return Err(ConcurrencyError::BadRate(n)),
    };
    if seconds <= Decimal::ZERO {
        return Err(ConcurrencyError::BadSeconds(seconds));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(ConcurrencyError::BadDays(days));
    }
    // Rates are exact as `n x seconds / 60` (or 3600); divide last so no digit is lost.
    let in_flight = match throughput {
        Throughput::PerMinute(n) => num::div(num::mul(n, seconds)?, Decimal::from(60))?,
        Throughput::PeakHour(n) => num::div(num::mul(n, seconds)?, Decimal::from(3600))?,
    };
    let needed = u64::try_from(in_flight.ceil()).map_err(|_| ConcurrencyError::Overflow)?;
    let included = u64::from(addon.included);
    let concurrency = needed.max(included);
    let extra = concurrency - included;
    let extra_d = Decimal::from(extra);
    let daily = num::mul(num::mul(extra_d, addon.per_day)?, Decimal::from(days))?;
    let monthly = num::mul(extra_d, addon.per_month)?;
    let cheaper = if extra == 0 {
        Cheaper::NoneNeeded
    } else if daily < monthly {
        Cheaper::Daily
    } else if monthly < daily {
        Cheaper::Monthly
    } else {
        Cheaper::Same
    };
    let break_even_days =
        if addon.per_day.is_zero() { Decimal::ZERO } else { num::div(addon.per_month, addon.per_day)? };
    Ok(ConcurrencySizing {
        per_second,
        seconds,
        in_flight,
        concurrency,
        included,
        extra,
        days,
        daily_cost: Money::new(daily, card.currency),
        monthly_cost: Money::new(monthly, card.currency),
        cheaper,
        break_even_days,
    })
}
