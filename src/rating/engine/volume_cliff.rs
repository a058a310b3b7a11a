//! Volume cliffs: under all-units volume tiers (seed 002), a month just below a tier bound can cost
//! more than a month at the bound, because every unit of the month is billed at the tier's price.
//! 9,990 images at 0.08 USD cost 799.20 USD; 10,000 images at 0.06 USD cost 600.00 USD.
//!
//! The check uses the month's post-paid total across every line of the model (that is how the tier
//! is chosen) and each line's price multiple and discounts. The extra units are counted on the
//! model's last line with post-paid units (its free quota and prepaid balance are used up, so more
//! units are post-paid), and the note is put on that line. Graduated tiers have no cliffs: one more
//! unit never lowers the price of the units before it.

use rust_decimal::Decimal;

use super::Draft;
use super::volume::{VolumeMonth, volume_tier};
use crate::rating::breakdown::Note;
use crate::rating::catalog::VolumeTier;
use crate::rating::money::Money;
use crate::rating::num;

/// What one post-paid unit of a line costs at a tier price of 1: the line's price multiple, times
/// its discounts, over the price's divisor. `None` when the product does not fit.
pub(super) fn unit_weight(d: &Draft<'_>, ci: usize) -> Option<Decimal> {
    let c = d.components.get(ci)?;
    let mut w = c.unit_price;
    for m in d.discounts {
        w = num::mul(w, m).ok()?;
    }
    num::div_fast(w, c.divisor).ok()
}

/// The best volume cliff for a model's month, as a note for its last line: the units to add to reach
/// a higher tier's bound, that bound and what the month would cost less. `None` when no bound above
/// the month's total is strictly cheaper.
pub(super) fn cliff(tiers: &[VolumeTier], month: &VolumeMonth, d: &Draft<'_>, ci: usize) -> Option<Note> {
    let weighted = month.weighted?;
    let line_weight = unit_weight(d, ci)?;
    let (ti, tier) = volume_tier(tiers, month.total);
    let now = num::mul(weighted, tier.price).ok()?;
    let mut best: Option<(Decimal, Decimal, u64)> = None;
    for higher in tiers.iter().skip(ti + 1) {
        let more = num::sub(Decimal::from(higher.from), month.total).ok()?;
        if more <= Decimal::ZERO {
            continue;
        }
        let extra = num::mul(num::mul(more, line_weight).ok()?, higher.price).ok()?;
        let then = num::add(num::mul(weighted, higher.price).ok()?, extra).ok()?;
        let saving = num::sub(now, then).ok()?;
        if saving > Decimal::ZERO && best.is_none_or(|(s, _, _)| saving > s) {
            best = Some((saving, more, higher.from));
        }
    }
    let (saving, more, at) = best?;
    let unit = d.components.get(ci)?.unit;
    Some(Note::VolumeCliff { more, unit, saving: Money::new(saving, d.card.currency), at })
}
