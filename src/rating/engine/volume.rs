//! The second pass over a month: monthly volume tiers (all-units or graduated), amounts,
//! discounts and conversion to the display currency.

use rust_decimal::Decimal;

use super::{Draft, Engine, volume_cliff};
use crate::rating::breakdown::{DiscountKind, DiscountLine, LineQuote, Note, TierChoice, TierText};
use crate::rating::catalog::{Settlement, VolumeMode, VolumeTier};
use crate::rating::money::Money;
use crate::rating::num::{self, Overflow};

impl Engine<'_> {
    /// Second pass for one line: volume prices, amounts, discounts, conversion.
    pub(super) fn finish(
        &self,
        mut d: Draft<'_>,
        volume_totals: &[VolumeMonth],
        offsets: &mut Vec<((usize, usize), Decimal)>,
    ) -> Result<LineQuote, Overflow> {
        let currency = d.card.currency;
        if let Some((ci, mode, tiers)) = d.volume {
            let key = (d.card_index, d.model_index);
            let month = volume_totals.iter().find(|v| v.key == key);
            let month_total = month.map_or(Decimal::ZERO, |v| v.total);
            let noun = d.components[ci].unit;
            match mode {
                VolumeMode::AllUnits => {
                    let (ti, tier) = volume_tier(tiers, month_total);
                    // Before the tier's price is applied: the cliff needs the line's base multiple.
                    let cliff =
                        month.filter(|m| m.last == Some(d.index)).and_then(|m| volume_cliff::cliff(tiers, m, &d, ci));
                    d.components[ci].unit_price = num::mul(tier.price, d.components[ci].unit_price)?;
                    d.components[ci].tier = Some(TierChoice {
                        index: ti,
                        of: tiers.len(),
                        label: TierText::Volume { from: tier.from, to: tier.to },
                        reason: TierText::VolumeTotal { total: month_total, unit: noun, from: tier.from, to: tier.to },
                    });
                    d.flags.extend(cliff);
                    if ti > 0 {
                        let prev = &tiers[ti - 1];
                        d.flags.push(Note::VolumeTierBoundary {
                            at: tier.from,
                            unit: noun,
                            from: prev.price,
                            to: tier.price,
                        });
                    }
                }
                VolumeMode::Graduated => {
                    let start = match offsets.iter().find(|(k, _)| *k == key) {
                        Some((_, o)) => *o,
                        None => Decimal::ZERO,
                    };
                    let pending = d.components.remove(ci);
                    let end = num::add(start, pending.billable)?;
                    match offsets.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, o)) => *o = end,
                        None => offsets.push((key, end)),
                    }
                    let mut parts = Vec::new();
                    for (ti, tier) in tiers.iter().enumerate() {
                        let lo = Decimal::from(tier.from).max(start);
                        let hi = tier.to.map_or(end, |to| Decimal::from(to).min(end));
                        if hi <= lo {
                            continue;
                        }
                        let mut part = pending.clone();
                        part.billable = hi - lo;
                        part.free = Decimal::ZERO;
                        part.prepaid = Decimal::ZERO;
                        part.quantity = part.billable;
                        part.unit_price = num::mul(tier.price, pending.unit_price)?;
                        part.tier = Some(TierChoice {
                            index: ti,
                            of: tiers.len(),
                            label: TierText::Volume { from: tier.from, to: tier.to },
                            reason: TierText::Graduated { first: lo + Decimal::ONE, last: hi },
                        });
                        parts.push(part);
                    }
                    if let Some(first) = parts.first_mut() {
                        first.free = pending.free;
                        first.prepaid = pending.prepaid;
                        first.quantity = num::add(num::add(first.billable, pending.free)?, pending.prepaid)?;
                    } else {
                        let mut part = pending.clone();
                        part.unit_price = Decimal::ZERO;
                        parts.push(part);
                    }
                    for (offset, part) in parts.into_iter().enumerate() {
                        d.components.insert(ci + offset, part);
                    }
                }
            }
        }

        let rate = self.settings.usd_cny;
        let display = self.settings.currency;
        let mut postpaid = Money::zero(currency);
        let mut total = Money::zero(currency);
        for c in &mut d.components {
            let amount = num::div_fast(num::mul(c.billable, c.unit_price)?, c.divisor)?;
            c.amount = Money::new(amount, currency);
            c.amount_display = c.amount.convert(display, rate).map_err(|_| Overflow)?;
            total = total.checked_add(c.amount).map_err(|_| Overflow)?;
            if c.settlement == Settlement::Postpaid {
                postpaid = postpaid.checked_add(c.amount).map_err(|_| Overflow)?;
            }
        }
        let mut discounts = Vec::new();
        let mut factor = Decimal::ONE;
        for (kind, m) in DiscountKind::ALL.into_iter().zip(d.discounts) {
            // A discount applies to post-paid amounts; a line with none shows no discount lines.
            if m == Decimal::ONE || postpaid.amount().is_zero() {
                continue;
            }
            let change = num::mul(num::mul(postpaid.amount(), factor)?, m - Decimal::ONE)?;
            factor = num::mul(factor, m)?;
            let amount = Money::new(change, currency);
            total = total.checked_add(amount).map_err(|_| Overflow)?;
            discounts.push(DiscountLine {
                kind,
                multiplier: m,
                amount,
                amount_display: amount.convert(display, rate).map_err(|_| Overflow)?,
            });
        }
        Ok(LineQuote {
            line: d.index + 1,
            provider: d.card.provider.clone(),
            provider_name: d.card.name.clone(),
            model: d.model.name.clone(),
            model_id: d.model.id.clone(),
            label: d.line.label.clone(),
            currency,
            tier: d.tier,
            components: d.components,
            free: d.free,
            prepaid: d.prepaid,
            postpaid,
            discounts,
            total,
            total_display: total.convert(display, rate).map_err(|_| Overflow)?,
            total_min: None,
            total_max: None,
            flags: d.flags,
        })
    }
}

/// A volume-priced model's month: its post-paid total across lines, the same total weighted by
/// each line's price multiple and discounts (what one unit at tier price 1 costs), and the index of
/// its last line with post-paid units, where more units would be added post-paid.
pub(super) struct VolumeMonth {
    /// The card and model indexes.
    pub key: (usize, usize),
    /// Post-paid units across the model's lines.
    pub total: Decimal,
    /// Post-paid units weighted by each line's multiple, divisor and discounts; `None` on overflow.
    pub weighted: Option<Decimal>,
    /// The index of the model's last line with post-paid units.
    pub last: Option<usize>,
}

/// Adds one line's draft to the month's post-paid totals per volume-priced model.
pub(super) fn add_to_month(out: &mut Vec<VolumeMonth>, d: &Draft<'_>) {
    let Some((ci, _, _)) = d.volume else { return };
    let key = (d.card_index, d.model_index);
    let billable = d.components[ci].billable;
    let weight = volume_cliff::unit_weight(d, ci).and_then(|w| num::mul(billable, w).ok());
    // More units go post-paid only on a line whose free quota and prepaid balance are used up, that
    // is one with post-paid units already.
    let last = if billable > Decimal::ZERO { Some(d.index) } else { None };
    match out.iter_mut().find(|v| v.key == key) {
        Some(v) => {
            v.total += billable;
            v.weighted = v.weighted.zip(weight).and_then(|(a, b)| num::add(a, b).ok());
            v.last = last.or(v.last);
        }
        None => out.push(VolumeMonth { key, total: billable, weighted: weight, last }),
    }
}

pub(super) fn volume_tier(tiers: &[VolumeTier], qty: Decimal) -> (usize, &VolumeTier) {
    let mut chosen = 0;
    for (i, t) in tiers.iter().enumerate() {
        if qty >= Decimal::from(t.from) {
            chosen = i;
        }
    }
    (chosen, &tiers[chosen])
}
