//! The cheapest way to buy a year of usage: prepaid packages, post-paid, or a mix (seed 002).
//!
//! For a yearly volume, [`cheapest_plan`] tries every amount of prepaid cover in steps of the
//! packages' common size. For each it buys the cheapest set of packages that covers it (an
//! unbounded knapsack over package sizes) and prices the rest post-paid, spread evenly over twelve
//! months (some months take one unit more) at the model's monthly rate or volume tiers. Free quotas
//! are not counted.

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::{Model, Price, Pricing, RateCard, UnitRate, VolumeMode, VolumeTier};
use super::money::Money;
use super::num::{self, Overflow};

/// The largest number of package-size steps the planner searches.
const MAX_STEPS: u64 = 2_000_000;

/// Packages of one size in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanPackage {
    /// Units per package.
    pub size: u64,
    /// How many.
    pub count: u64,
    /// Price of one.
    pub price: Decimal,
}

/// A way to buy a year of usage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The yearly volume planned for.
    pub yearly_volume: u64,
    /// Packages to buy.
    pub packages: Vec<PlanPackage>,
    /// Units the packages cover.
    pub prepaid_units: u64,
    /// Units left to post-paid.
    pub postpaid_units: u64,
    /// What the packages cost.
    pub package_cost: Money,
    /// What the post-paid units cost over the year.
    pub postpaid_cost: Money,
    /// The plan's total.
    pub total: Money,
    /// The cost with no packages at all, for comparison.
    pub all_postpaid: Money,
}

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The model sells no packages.
    NoPackages(String),
    /// The model's post-paid price is unpublished, so post-paid cannot be compared.
    NoPostpaidPrice(String),
    /// The volume needs more search steps than the planner allows.
    TooLarge(u64),
    /// A discount multiplier outside (0, 1].
    BadDiscount(Decimal),
    /// A result too large to compute.
    Overflow,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::NoPackages(m) => write!(f, "{m} sells no prepaid packages"),
            PlanError::NoPostpaidPrice(m) => write!(f, "{m} has no published post-paid price to compare with"),
            PlanError::TooLarge(v) => write!(f, "{v} units a year is too large to plan"),
            PlanError::BadDiscount(d) => write!(f, "a discount is a multiplier in (0, 1], not {d}"),
            PlanError::Overflow => f.write_str("the result is too large to compute exactly"),
        }
    }
}

impl std::error::Error for PlanError {}

impl From<Overflow> for PlanError {
    fn from(_: Overflow) -> Self {
        PlanError::Overflow
    }
}

/// Finds the cheapest mix of packages and post-paid for `yearly_volume` units of `model`.
///
/// # Errors
/// [`PlanError`] when the model has no packages or no post-paid price, or the volume is too large.
pub fn cheapest_plan(card: &RateCard, model: &Model, yearly_volume: u64) -> Result<Plan, PlanError> {
    cheapest_plan_discounted(card, model, yearly_volume, Decimal::ONE)
}

/// Finds the cheapest mix as [`cheapest_plan`] does, with post-paid amounts multiplied by
/// `postpaid_factor` (the product of the estimate's discounts, which apply to post-paid only).
///
/// # Errors
/// [`PlanError`] when the model has no packages or no post-paid price, or the volume is too large.
pub fn cheapest_plan_discounted(
    card: &RateCard,
    model: &Model,
    yearly_volume: u64,
    postpaid_factor: Decimal,
) -> Result<Plan, PlanError> {
    let yearly_postpaid = |m: &Model, v: u64| yearly_postpaid(m, v).and_then(|c| Ok(num::mul(c, postpaid_factor)?));
    let packages: Vec<_> = model.packages.iter().map(|&i| &card.packages[i]).collect();
    if packages.is_empty() {
        return Err(PlanError::NoPackages(model.name.to_string()));
    }
    let step = packages.iter().fold(0u64, |g, p| gcd(g, p.size)).max(1);
    let steps = yearly_volume.div_ceil(step);
    if steps > MAX_STEPS {
        return Err(PlanError::TooLarge(yearly_volume));
    }
    let n = usize::try_from(steps).map_err(|_| PlanError::TooLarge(yearly_volume))?;

    // cover[i]: cheapest cost of packages holding at least i steps; via[i]: the package bought last.
    let mut cover: Vec<Decimal> = vec![Decimal::ZERO; n + 1];
    let mut via: Vec<usize> = vec![usize::MAX; n + 1];
    for i in 1..=n {
        let mut best: Option<(Decimal, usize)> = None;
        for (pi, p) in packages.iter().enumerate() {
            let k = usize::try_from(p.size / step).unwrap_or(usize::MAX);
            let cost = num::add(cover[i.saturating_sub(k)], p.price)?;
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, pi));
            }
        }
        if let Some((cost, pi)) = best {
            cover[i] = cost;
            via[i] = pi;
        }
    }

    let all_postpaid = yearly_postpaid(model, yearly_volume)?;
    let mut best: Option<(Decimal, usize, Decimal)> = None;
    for (i, cost) in cover.iter().enumerate() {
        let covered = (i as u64 * step).min(yearly_volume);
        let rest = yearly_postpaid(model, yearly_volume - covered)?;
        let total = num::add(*cost, rest)?;
        if best.is_none_or(|(b, _, _)| total < b) {
            best = Some((total, i, rest));
        }
    }
    let (total, i, postpaid_cost) = best.ok_or(PlanError::Overflow)?;

    let mut counts = vec![0u64; packages.len()];
    let mut at = i;
    while at > 0 && via[at] != usize::MAX {
        let pi = via[at];
        counts[pi] += 1;
        at = at.saturating_sub(usize::try_from(packages[pi].size / step).unwrap_or(usize::MAX));
    }
    let bought: u64 = counts.iter().zip(&packages).map(|(c, p)| c * p.size).sum();
    let prepaid_units = bought.min(yearly_volume);
    let currency = card.currency;
    Ok(Plan {
        yearly_volume,
        packages: counts
            .iter()
            .zip(&packages)
            .filter(|(c, _)| **c > 0)
            .map(|(c, p)| PlanPackage { size: p.size, count: *c, price: p.price })
            .collect(),
        prepaid_units,
        postpaid_units: yearly_volume - prepaid_units,
        package_cost: Money::new(cover[i], currency),
        postpaid_cost: Money::new(postpaid_cost, currency),
        total: Money::new(total, currency),
        all_postpaid: Money::new(all_postpaid, currency),
    })
}

/// The post-paid cost of `units` a year, spread evenly over twelve months, before discounts.
///
/// # Errors
/// [`PlanError`] when the model has no post-paid price or the cost overflows.
pub fn yearly_postpaid(model: &Model, units: u64) -> Result<Decimal, PlanError> {
    let base = units / 12;
    let extra = units % 12;
    let month = |q: u64| monthly_postpaid(model, q);
    let full = num::mul(month(base + 1)?, Decimal::from(extra))?;
    let rest = num::mul(month(base)?, Decimal::from(12 - extra))?;
    Ok(num::add(full, rest)?)
}

fn monthly_postpaid(model: &Model, q: u64) -> Result<Decimal, PlanError> {
    let Pricing::Units(up) = &model.pricing else {
        return Err(PlanError::NoPostpaidPrice(model.name.to_string()));
    };
    let qd = Decimal::from(q);
    match &up.rate {
        UnitRate::Fixed(Price::Published(p)) => Ok(num::mul(qd, *p)?),
        UnitRate::Volume { mode: VolumeMode::AllUnits, tiers } => {
            let tier = tiers.iter().rev().find(|t| q >= t.from).or(tiers.first());
            Ok(num::mul(qd, tier.map_or(Decimal::ZERO, |t| t.price))?)
        }
        UnitRate::Volume { mode: VolumeMode::Graduated, tiers } => graduated(tiers, q),
        _ => Err(PlanError::NoPostpaidPrice(model.name.to_string())),
    }
}

fn graduated(tiers: &[VolumeTier], q: u64) -> Result<Decimal, PlanError> {
    let mut cost = Decimal::ZERO;
    for t in tiers {
        let hi = t.to.map_or(q, |to| to.min(q));
        if hi > t.from {
            cost = num::add(cost, num::mul(Decimal::from(hi - t.from), t.price)?)?;
        }
    }
    Ok(cost)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}
