//! The cheapest package mix after discounts, with each package size's break-even volume.
//!
//! Discounts apply to post-paid amounts only (as in the quote), so a discount makes post-paid
//! cheaper against packages. A package of size `S` at price `P` pays off above `N` units a year
//! when `N` is the largest yearly volume up to `S` whose post-paid cost (spread over twelve months,
//! as the planner does, after discounts) is at most `P`: from `N + 1` to `S` units one package
//! costs less than post-paid. Post-paid cost is monotone between the volumes where a month crosses
//! a volume tier bound, so `N` is found by bisection within those stretches.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rating::catalog::{Model, Pricing, RateCard, UnitRate};
use crate::rating::money::Money;
use crate::rating::num;
use crate::rating::plan::{Plan, PlanError, cheapest_plan_discounted, yearly_postpaid};

/// One package size against post-paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakEven {
    /// Units per package.
    pub size: u64,
    /// Price of one package.
    pub price: Money,
    /// One package pays off above this many units a year (up to its size); `None` when post-paid
    /// is never dearer than the package up to its size.
    pub pays_off_above: Option<u64>,
}

/// The cheapest mix after discounts, what it saves and each package size's break-even.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixPlan {
    /// The product of the discounts applied to post-paid amounts.
    pub postpaid_factor: Decimal,
    /// The cheapest mix; its fields are written at the top level of the JSON, as `ratecard plan`
    /// wrote them before break-evens were added.
    #[serde(flatten)]
    pub plan: Plan,
    /// All post-paid minus the mix, never negative.
    pub saving: Money,
    /// One entry per package size, smallest first.
    pub break_evens: Vec<BreakEven>,
}

/// Plans `yearly_volume` units of `model` with post-paid amounts multiplied by each discount in
/// `discounts` (each in (0, 1]), and works out each package size's break-even volume.
///
/// # Errors
/// [`PlanError`] as [`crate::rating::cheapest_plan`] gives it, or [`PlanError::BadDiscount`] for a
/// discount outside (0, 1].
pub fn plan_with_break_even(
    card: &RateCard,
    model: &Model,
    yearly_volume: u64,
    discounts: &[Decimal],
) -> Result<MixPlan, PlanError> {
    let mut factor = Decimal::ONE;
    for &m in discounts {
        if m <= Decimal::ZERO || m > Decimal::ONE {
            return Err(PlanError::BadDiscount(m));
        }
        factor = num::mul(factor, m)?;
    }
    let plan = cheapest_plan_discounted(card, model, yearly_volume, factor)?;
    let saving = num::sub(plan.all_postpaid.amount(), plan.total.amount())?.max(Decimal::ZERO);
    let saving = Money::new(saving, card.currency);
    let mut break_evens = Vec::new();
    let mut sizes: Vec<_> = model.packages.iter().filter_map(|&i| card.packages.get(i)).collect();
    sizes.sort_by_key(|p| p.size);
    for p in sizes {
        let pays_off_above = pays_off_above(model, p.size, p.price, factor)?;
        break_evens.push(BreakEven { size: p.size, price: Money::new(p.price, card.currency), pays_off_above });
    }
    Ok(MixPlan { postpaid_factor: factor, plan, saving, break_evens })
}

/// The largest yearly volume up to `size` whose discounted post-paid cost is at most `price`, or
/// `None` when that is `size` itself.
pub(super) fn pays_off_above(
    model: &Model,
    size: u64,
    price: Decimal,
    factor: Decimal,
) -> Result<Option<u64>, PlanError> {
    let cost = |v: u64| -> Result<Decimal, PlanError> { Ok(num::mul(yearly_postpaid(model, v)?, factor)?) };
    if cost(size)? <= price {
        return Ok(None);
    }
    // Stretches where no month crosses a volume tier bound: a month of `v / 12` or `v / 12 + 1`
    // units changes tier when `v` passes `12 * from - 11` ..= `12 * from`.
    let mut cuts = vec![0u64, size];
    if let Pricing::Units(up) = &model.pricing
        && let UnitRate::Volume { tiers, .. } = &up.rate
    {
        for t in tiers {
            for k in 0..12 {
                if let Some(c) = t.from.checked_mul(12).and_then(|c| c.checked_sub(k))
                    && c < size
                {
                    cuts.push(c);
                }
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // From the top stretch down, the first stretch that starts at or below the price holds `N`.
    for w in cuts.windows(2).rev() {
        let (mut lo, mut hi) = (w[0], w[1]);
        if cost(lo)? > price {
            continue;
        }
        if cost(hi)? <= price {
            return Ok(Some(hi));
        }
        // cost(lo) <= price < cost(hi), and cost is monotone on [lo, hi).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if cost(mid)? <= price { lo = mid } else { hi = mid }
        }
        return Ok(Some(lo));
    }
    Ok(Some(0))
}
