//! Cost against volume: a line's monthly cost at quantities from zero to a few times today's.
//!
//! The line's volume field (requests for token models, else images, calls, hours, compute units or
//! quantity, whichever the model is priced on) is set to each quantity and the whole estimate is
//! priced again with [`quote`], so pooled quotas, volume tiers across lines and discounts all apply.
//! Marks are found exactly by bisection over whole quantities: where the line enters each higher
//! volume tier, and the last quantity free quotas and prepaid balances cover in full.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rating::breakdown::Breakdown;
use crate::rating::catalog::Catalog;
use crate::rating::engine::{fields_used, quote};
use crate::rating::estimate::Estimate;
use crate::rating::line_fields::{Field, FieldValue};
use crate::rating::money::Money;
use crate::rating::num;
use crate::rating::quote_error::QuoteError;

/// The most points a curve may have.
pub const MAX_POINTS: usize = 1000;

/// The volume fields a line may be scaled by, in the order they are looked for.
const VOLUME_FIELDS: [Field; 6] =
    [Field::Requests, Field::Images, Field::Calls, Field::Hours, Field::ComputeUnits, Field::Quantity];

/// One point: the line's quantity, what the line costs and what the month costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurvePoint {
    /// The line's volume field.
    pub quantity: Decimal,
    /// The line's total, in the display currency.
    pub line_total: Money,
    /// The month's total, in the display currency.
    pub month_total: Money,
}

/// What a mark marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MarkKind {
    /// Today's quantity.
    Today,
    /// The first quantity in a volume tier (`index` from 0, as in the breakdown).
    TierBound {
        /// The tier's position.
        index: usize,
    },
    /// The last quantity that free quotas and prepaid balances cover in full.
    CoveredUntil,
    /// The least monthly quantity at which a year of such months passes a package's break-even
    /// (see [`super::plan_with_break_even`]): from here one package of `size` costs less than a
    /// year of post-paid, after the line's discounts.
    PackagePaysOff {
        /// The package's size.
        size: u64,
    },
}

/// A marked point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurveMark {
    /// What it marks.
    #[serde(flatten)]
    pub kind: MarkKind,
    /// The point.
    pub point: CurvePoint,
    /// For a tier bound, the quantity just below it (one unit less), so that a chart can draw the
    /// step an all-units tier makes there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<CurvePoint>,
}

/// A line's cost against its volume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Curve {
    /// The line, from 1.
    pub line: usize,
    /// The volume field varied, e.g. `images`.
    pub field: &'static str,
    /// Evenly spaced points from zero to the largest quantity, in whole units.
    pub points: Vec<CurvePoint>,
    /// Today, tier bounds and the end of free and prepaid cover, in order of quantity.
    pub marks: Vec<CurveMark>,
}

/// Why a curve could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum CurveError {
    /// The estimate has no such line (`line` from 1, `lines` how many there are).
    NoLine {
        /// The line asked for.
        line: usize,
        /// How many lines the estimate has.
        lines: usize,
    },
    /// The line's model has no volume field to vary.
    NoVolumeField,
    /// The line's volume field is not set or is zero.
    NoQuantity {
        /// The field.
        field: &'static str,
    },
    /// Fewer than 2 or more than [`MAX_POINTS`] points, or a multiple that is not positive.
    BadShape,
    /// The estimate has a problem at today's quantity or at a point.
    Quote(QuoteError),
    /// A quantity too large to compute.
    Overflow,
}

/// Prices line `line` (from 1) at `points` evenly spaced whole quantities from 0 to `times` times
/// today's, and marks today, each higher volume tier's first quantity and the last quantity fully
/// covered by free quotas and prepaid balances, when they fall in that range.
///
/// # Errors
/// [`CurveError`] when the line does not exist, has no volume field or quantity, the shape is out
/// of range, or the estimate has a problem.
pub fn cost_curve(
    catalog: &Catalog,
    estimate: &Estimate,
    line: usize,
    points: usize,
    times: Decimal,
) -> Result<Curve, CurveError> {
    let lines = estimate.lines.len();
    let target = line.checked_sub(1).and_then(|i| estimate.lines.get(i)).ok_or(CurveError::NoLine { line, lines })?;
    if !(2..=MAX_POINTS).contains(&points) || times <= Decimal::ZERO {
        return Err(CurveError::BadShape);
    }
    let model = catalog.card(&target.provider).and_then(|(_, c)| c.model(&target.model)).map(|(_, m)| m);
    let used = model.map(fields_used).unwrap_or_default();
    let field = VOLUME_FIELDS.into_iter().find(|f| used.contains(&f.name())).ok_or(CurveError::NoVolumeField)?;
    let today = match target.get(field) {
        Some(FieldValue::Number(q)) if q > Decimal::ZERO => q,
        _ => return Err(CurveError::NoQuantity { field: field.name() }),
    };
    let at = Probe { catalog, estimate, index: line - 1, field };
    let top = num::mul(today, times).map_err(|_| CurveError::Overflow)?.floor();
    let mut out = Vec::with_capacity(points);
    let last = Decimal::from(points - 1);
    for i in 0..points {
        let q = num::div(num::mul(top, Decimal::from(i)).map_err(|_| CurveError::Overflow)?, last)
            .map_err(|_| CurveError::Overflow)?
            .floor();
        out.push(at.point(q)?);
    }
    let mut marks = vec![CurveMark { kind: MarkKind::Today, point: at.point(today)?, before: None }];
    let (top_tier, _) = at.state(top)?;
    for index in 1..=top_tier {
        if let Some(q) = at.first(top, |tier, _| tier >= index)?
            && q > Decimal::ZERO
        {
            let before = Some(at.point(q - Decimal::ONE)?);
            marks.push(CurveMark { kind: MarkKind::TierBound { index }, point: at.point(q)?, before });
        }
    }
    if let Some(q) = at.first(top, |_, postpaid| postpaid)?
        && q > Decimal::ONE
    {
        marks.push(CurveMark { kind: MarkKind::CoveredUntil, point: at.point(q - Decimal::ONE)?, before: None });
    }
    if let Some((card, model)) =
        catalog.card(&target.provider).and_then(|(_, c)| c.model(&target.model).map(|(_, m)| (c, m)))
    {
        let d = target.discounts.as_ref().or(estimate.discounts.as_ref());
        let factor = d.map_or(Ok(Decimal::ONE), |d| {
            [d.channel, d.user, d.negotiated].into_iter().flatten().try_fold(Decimal::ONE, num::mul)
        });
        let mut sizes: Vec<_> = model.packages.iter().filter_map(|&i| card.packages.get(i)).collect();
        sizes.sort_by_key(|p| p.size);
        for p in sizes {
            let Ok(factor) = factor else { break };
            if let Ok(Some(n)) = super::break_even::pays_off_above(model, p.size, p.price, factor) {
                // A year of months of `q` passes `n` when 12 q > n: q = floor(n / 12) + 1.
                let q = Decimal::from(n / 12 + 1);
                if q <= top {
                    let point = at.point(q)?;
                    marks.push(CurveMark { kind: MarkKind::PackagePaysOff { size: p.size }, point, before: None });
                }
            }
        }
    }
    marks.sort_by_key(|m| m.point.quantity);
    Ok(Curve { line, field: field.name(), points: out, marks })
}

/// Prices the estimate with the line's volume field set to a quantity.
struct Probe<'a> {
    catalog: &'a Catalog,
    estimate: &'a Estimate,
    index: usize,
    field: Field,
}

impl Probe<'_> {
    fn quote(&self, q: Decimal) -> Result<Breakdown, CurveError> {
        let mut e = self.estimate.clone();
        if let Some(l) = e.lines.get_mut(self.index) {
            // The field is a number field the model uses, so setting a number cannot fail.
            let _ = l.set(self.field, Some(FieldValue::Number(q)));
        }
        quote(self.catalog, &e).strict().map_err(CurveError::Quote)
    }

    fn point(&self, q: Decimal) -> Result<CurvePoint, CurveError> {
        let b = self.quote(q)?;
        let l = b.lines.iter().find(|l| l.line == self.index + 1);
        let line_total = l.map_or(Money::zero(b.currency), |l| l.total_display);
        Ok(CurvePoint { quantity: q, line_total, month_total: b.total })
    }

    /// The line's highest volume tier and whether it pays anything post-paid, at `q`.
    fn state(&self, q: Decimal) -> Result<(usize, bool), CurveError> {
        let b = self.quote(q)?;
        let l = b.lines.iter().find(|l| l.line == self.index + 1);
        let tier = l
            .into_iter()
            .flat_map(|l| &l.components)
            .filter(|c| {
                c.tier.as_ref().is_some_and(|t| matches!(t.label, crate::rating::wording::TierText::Volume { .. }))
            })
            .filter_map(|c| c.tier.as_ref().map(|t| t.index))
            .max()
            .unwrap_or(0);
        let postpaid = l.is_some_and(|l| l.components.iter().any(|c| c.billable > Decimal::ZERO));
        Ok((tier, postpaid))
    }

    /// The least whole quantity in `[0, top]` where `holds` is true, by bisection (`holds` must
    /// stay true once it is), or `None` when it is false at `top`.
    fn first(&self, top: Decimal, holds: impl Fn(usize, bool) -> bool) -> Result<Option<Decimal>, CurveError> {
        let check = |q: Decimal| self.state(q).map(|(t, p)| holds(t, p));
        if !check(top)? {
            return Ok(None);
        }
        let (mut lo, mut hi) = (Decimal::ZERO, top);
        if check(lo)? {
            return Ok(Some(lo));
        }
        while hi - lo > Decimal::ONE {
            let mid = lo + ((hi - lo) / Decimal::TWO).floor();
            if check(mid)? { hi = mid } else { lo = mid }
        }
        Ok(Some(hi))
    }
}
