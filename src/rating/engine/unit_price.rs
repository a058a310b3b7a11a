//! Unit pricing: images, megapixels, requests, calls, seconds, hours, compute units and months,
//! in money or credits, with resolutions, ranges, templates, volume tiers and packages.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::line::LinePricer;
use super::mask::F;
use super::{Scenario, limit};
use crate::rating::breakdown::{Component, ComponentKind};
use crate::rating::catalog::{
    Denomination, Measure, Price, Resolution, Settlement, UnitPricing, UnitRate, VolumeMode, VolumeTier,
};
use crate::rating::money::Money;
use crate::rating::num::{self, group};
use crate::rating::problem::{Needs, Problem};
use crate::rating::quote_error::QuoteError;

impl LinePricer<'_, '_> {
    #[allow(clippy::type_complexity)]
    pub(super) fn units<'u>(
        &mut self,
        up: &'u UnitPricing,
        priority: Decimal,
    ) -> Result<(Vec<Component>, Option<(usize, VolumeMode, &'u [VolumeTier])>), QuoteError> {
        let l = self.line;
        let m = self.model;
        // The counted quantity (what quotas and packages draw from), and for megapixels the size of
        // each counted image.
        let mut detail;
        let (count, factor) = match up.measure {
            Measure::Image => {
                let n = self.value(F::Images, l.images, limit::COUNT, true)?;
                let n = self.required(F::Images, n, Needs::Images)?;
                detail = format!("{} images", group(n));
                (n, Decimal::ONE)
            }
            Measure::Megapixel => {
                let n = self.value(F::Images, l.images, limit::COUNT, true)?;
                let n = self.required(F::Images, n, Needs::Images)?;
                let w = self.value(F::Width, l.width, limit::PIXELS, true)?;
                let h = self.value(F::Height, l.height, limit::PIXELS, true)?;
                let mp = self.value(F::Megapixels, l.megapixels, limit::MEGAPIXELS, false)?;
                let each = match (w, h, mp) {
                    (Some(w), Some(h), None) => {
                        detail = format!("{} images x {} x {} px", group(n), group(w), group(h));
                        num::div(num::mul(w, h).map_err(self.over("width"))?, Decimal::from(1_000_000u64))
                            .map_err(self.over("width"))?
                    }
                    (None, None, Some(mp)) => {
                        detail = format!("{} images x {} MP", group(n), group(mp));
                        mp
                    }
                    (Some(_), None, None) => {
                        return Err(self.err("height", Problem::HalfSize { width_given: true }));
                    }
                    (None, Some(_), None) => {
                        return Err(self.err("width", Problem::HalfSize { width_given: false }));
                    }
                    (None, None, None) => {
                        return Err(self.err("width", Problem::SizeNeeded { model: self.name() }));
                    }
                    _ => {
                        return Err(self.err("megapixels", Problem::SizeTwice));
                    }
                };
                (n, each)
            }
            Measure::Request => {
                let n = self.value(F::Requests, l.requests, limit::REQUESTS, true)?;
                let n = self.required(F::Requests, n, Needs::Requests)?;
                detail = format!("{} requests", group(n));
                (n, Decimal::ONE)
            }
            Measure::Call => {
                let n = self.value(F::Calls, l.calls, limit::COUNT, true)?;
                let n = self.required(F::Calls, n, Needs::Calls)?;
                detail = format!("{} calls", group(n));
                (n, Decimal::ONE)
            }
            Measure::Second => {
                let n = self.value(F::Calls, l.calls, limit::COUNT, true)?;
                let n = self.required(F::Calls, n, Needs::Videos)?;
                let s = self.value(F::Seconds, l.seconds, limit::SECONDS, false)?;
                let s = self.required(F::Seconds, s, Needs::Seconds)?;
                detail = format!("{} videos x {} s", group(n), group(s));
                (num::mul(n, s).map_err(self.over("seconds"))?, Decimal::ONE)
            }
            Measure::Hour => {
                let h = self.value(F::Hours, l.hours, limit::HOURS, false)?;
                let h = self.required(F::Hours, h, Needs::Hours)?;
                // A part hour is billed by the minute; a part minute counts as a whole one.
                let minutes = num::mul(h, Decimal::from(60u32)).map_err(self.over("hours"))?.ceil();
                detail = format!("{} h = {} minutes, billed by the minute", group(h), group(minutes));
                (minutes, Decimal::ONE)
            }
            Measure::ComputeUnit => {
                let cu = self.value(F::ComputeUnits, l.compute_units, limit::SMALL, false)?;
                let cu = self.required(F::ComputeUnits, cu, Needs::ComputeUnits)?;
                let r = self.value(F::Replicas, l.replicas, limit::SMALL, true)?;
                let r = self.required(F::Replicas, r, Needs::Replicas)?;
                detail = format!("{} compute units x {} replicas", group(cu), group(r));
                (num::mul(cu, r).map_err(self.over("replicas"))?, Decimal::ONE)
            }
            Measure::Month => {
                let q = self.value(F::Quantity, l.quantity, limit::SMALL, true)?.unwrap_or(Decimal::ONE);
                detail = format!("{} subscription(s) x 1 month", group(q));
                (q, Decimal::ONE)
            }
            Measure::Unit => {
                let q = self.value(F::Quantity, l.quantity, limit::REQUESTS, false)?;
                let q = self.required(F::Quantity, q, Needs::Quantity)?;
                detail = format!("{} {}", group(q), up.unit_name.as_deref().unwrap_or("units"));
                (q, Decimal::ONE)
            }
        };
        if m.needs_template && l.template.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(self.err("template", Problem::TemplateNeeded { model: self.name() }));
        }
        if let Some(t) = &l.template {
            detail.push_str(&format!(", template \"{}\"", t.trim()));
        }

        // The rate per measured unit, in money or credits.
        let credits = matches!(up.denomination, Denomination::Credits { .. });
        let mut volume = None;
        let rate = match &up.rate {
            UnitRate::Fixed(Price::Published(p)) => *p,
            UnitRate::Fixed(Price::Unpublished) if credits => {
                let c = self.value(F::Credits, l.credits, limit::SMALL, false)?;
                let c = c.ok_or_else(|| {
                    self.err("credits", Problem::CreditsNeeded { model: self.name(), per: up.measure })
                })?;
                self.flag("entered_price", format!("credits per {} entered by the user", up.measure.noun()));
                c
            }
            UnitRate::Fixed(Price::Unpublished) => {
                let p = self.value(F::UnitPrice, l.unit_price, limit::PRICE, false)?;
                let p = p.ok_or_else(|| {
                    let currency = self.card.currency;
                    self.err("unit_price", Problem::UnitPriceNeeded { model: self.name(), currency, per: up.measure })
                })?;
                self.flag("entered_price", format!("price entered by the user: {} publishes none", self.card.name));
                p
            }
            UnitRate::Range { min, max } => {
                let point = self.value(F::Credits, l.credits, limit::SMALL, false)?;
                if let Some(p) = point
                    && (p < *min || p > *max)
                {
                    let problem = Problem::OutOfRange { value: p, model: self.name(), min: *min, max: *max };
                    return Err(self.err("credits", problem));
                }
                self.flag("range", "");
                match (self.scenario, point) {
                    (Scenario::Min, _) => *min,
                    (Scenario::Max, _) => *max,
                    (Scenario::Point, Some(p)) => p,
                    (Scenario::Point, None) => {
                        self.flag(
                            "range_unpicked",
                            format!(
                                "{} to {} credits per call; no point given, so priced at the maximum",
                                min.normalize(),
                                max.normalize()
                            ),
                        );
                        *max
                    }
                }
            }
            UnitRate::ByResolution(prices) => {
                let choices = || prices.iter().map(|(r, _)| r.as_str().to_string()).collect();
                let Some(res) = l.resolution.as_deref() else {
                    let problem = Problem::ResolutionNeeded { model: self.name(), choices: choices() };
                    return Err(self.err("resolution", problem));
                };
                let found = Resolution::from_name(res).and_then(|r| prices.iter().find(|(pr, _)| *pr == r));
                let Some((r, p)) = found else {
                    let problem =
                        Problem::UnknownResolution { model: self.name(), given: res.to_string(), choices: choices() };
                    return Err(self.err("resolution", problem));
                };
                detail.push_str(&format!(" at {}", r.as_str()));
                *p
            }
            UnitRate::Volume { mode, tiers } => {
                // Priced in the second pass; the unit price holds the priority multiplier for now.
                volume = Some((*mode, tiers.as_slice()));
                Decimal::ONE
            }
        };

        let (measured, unit, price, price_per, kind) = match &up.denomination {
            Denomination::Credits { value, .. } => {
                let consumed = num::mul(count, rate).map_err(self.over("credits"))?;
                detail.push_str(&format!(" x {} credits per {}", rate.normalize(), up.measure.noun()));
                (consumed, "credits", *value, "per credit", ComponentKind::Credits)
            }
            Denomination::Money => (count, unit_noun(up.measure), rate, price_per(up.measure), ComponentKind::Usage),
        };
        let over = self.over("");
        let unit_price = num::mul(price, priority).map_err(&over)?;
        drop(over);

        // Free quota, then prepaid balance, then post-paid.
        let free = self.draw_free(measured)?;
        let after_free = measured - free;
        let (bought_units, bought) = self.packages()?;
        let prepaid = self.draw_prepaid(after_free, bought_units)?;
        let billable = after_free - prepaid;

        let scaled = |v: Decimal, s: &Self| num::mul(v, factor).map_err(s.over(""));
        let (quantity, free, prepaid, billable) = if factor == Decimal::ONE {
            (measured, free, prepaid, billable)
        } else {
            (scaled(measured, self)?, scaled(free, self)?, scaled(prepaid, self)?, scaled(billable, self)?)
        };
        let divisor = if up.measure == Measure::Hour { Decimal::from(60u32) } else { Decimal::ONE };
        let label = match (kind, up.measure) {
            (ComponentKind::Credits, _) => "Credits",
            (_, Measure::Image) => "Images",
            (_, Measure::Megapixel) => "Megapixels",
            (_, Measure::Request) => "Requests",
            (_, Measure::Call) => "Calls",
            (_, Measure::Second) => "Video seconds",
            (_, Measure::Hour) => "Run time",
            (_, Measure::ComputeUnit) => "Compute units",
            (_, Measure::Month) => "Subscription",
            (_, Measure::Unit) => "Usage",
        };
        let comp = Component {
            kind,
            label: Cow::Borrowed(label),
            detail: Some(detail),
            quantity,
            unit,
            free,
            prepaid,
            billable,
            unit_price,
            price_per,
            multiple: None,
            tier: None,
            settlement: m.settlement,
            amount: Money::zero(self.card.currency),
            amount_display: Money::zero(self.card.currency),
            divisor,
        };
        let mut comps = Vec::with_capacity(2);
        comps.extend(bought);
        let index = comps.len();
        comps.push(comp);
        Ok((comps, volume.map(|(mode, tiers)| (index, mode, tiers))))
    }

    /// Package purchases: their components and the units they add to the prepaid balance.
    pub(super) fn packages(&self) -> Result<(Decimal, Vec<Component>), QuoteError> {
        let mut units = Decimal::ZERO;
        let mut comps = Vec::new();
        for (i, p) in self.line.packages.iter().enumerate() {
            let field = format!("packages[{i}]");
            let Some(pkg) = self
                .model
                .packages
                .iter()
                .map(|&pi| &self.card.packages[pi])
                .find(|pkg| Decimal::from(pkg.size) == p.size)
            else {
                let sizes = self.model.packages.iter().map(|&pi| Decimal::from(self.card.packages[pi].size)).collect();
                let problem = Problem::UnknownPackage { model: self.name(), size: p.size, sizes };
                return Err(self.err(&format!("{field}.size"), problem));
            };
            if p.count.is_sign_negative() || !p.count.fract().is_zero() || p.count > limit::SMALL {
                return Err(self.err(&format!("{field}.count"), Problem::PackageCount { count: p.count }));
            }
            if self.ledger.month > 1 {
                continue; // Packages are bought once, in the first month of a projection.
            }
            units = num::add(units, num::mul(p.size, p.count).map_err(self.over("packages"))?)
                .map_err(self.over("packages"))?;
            comps.push(Component {
                kind: ComponentKind::Packages,
                label: Cow::Owned(format!("Prepaid packages of {}", group(p.size))),
                detail: pkg
                    .validity_days
                    .map(|d| format!("valid {d} days; {} units added to the prepaid balance", group(p.size * p.count))),
                quantity: p.count.normalize(),
                unit: "packages",
                free: Decimal::ZERO,
                prepaid: Decimal::ZERO,
                billable: p.count.normalize(),
                unit_price: pkg.price,
                price_per: "per package",
                multiple: None,
                tier: None,
                settlement: Settlement::Prepaid,
                amount: Money::zero(self.card.currency),
                amount_display: Money::zero(self.card.currency),
                divisor: Decimal::ONE,
            });
        }
        Ok((units, comps))
    }
}

fn unit_noun(m: Measure) -> &'static str {
    match m {
        Measure::Image => "images",
        Measure::Megapixel => "megapixels",
        Measure::Request => "requests",
        Measure::Call => "calls",
        Measure::Second => "seconds",
        Measure::Hour => "minutes",
        Measure::ComputeUnit => "compute units",
        Measure::Month => "months",
        Measure::Unit => "units",
    }
}

fn price_per(m: Measure) -> &'static str {
    match m {
        Measure::Image => "per image",
        Measure::Megapixel => "per megapixel",
        Measure::Request => "per request",
        Measure::Call => "per call",
        Measure::Second => "per second",
        Measure::Hour => "per hour, billed by the minute",
        Measure::ComputeUnit => "per compute unit",
        Measure::Month => "per month",
        Measure::Unit => "per unit",
    }
}
