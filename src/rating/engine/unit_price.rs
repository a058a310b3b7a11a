//! Unit pricing: images, megapixels, requests, calls, seconds, hours, compute units and months,
//! in money or credits, with resolutions, ranges, templates, volume tiers and packages.

use rust_decimal::Decimal;

use super::line::LinePricer;
use super::{Scenario, limit};
use crate::rating::breakdown::{Basis, CardName, Component, ComponentKind, Detail, Label, Note, Per, Unit};
use crate::rating::catalog::{
    Denomination, Measure, Price, Resolution, Settlement, UnitPricing, UnitRate, VolumeMode, VolumeTier,
};
use crate::rating::line_fields::Field;
use crate::rating::num;
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
        let basis;
        let (count, factor) = match up.measure {
            Measure::Image => {
                let n = self.value(Field::Images, l.images, limit::COUNT, true)?;
                let n = self.required(Field::Images, n, Needs::Images)?;
                basis = Basis::Images { n };
                (n, Decimal::ONE)
            }
            Measure::Megapixel => {
                let n = self.value(Field::Images, l.images, limit::COUNT, true)?;
                let n = self.required(Field::Images, n, Needs::Images)?;
                let w = self.value(Field::Width, l.width, limit::PIXELS, true)?;
                let h = self.value(Field::Height, l.height, limit::PIXELS, true)?;
                let mp = self.value(Field::Megapixels, l.megapixels, limit::MEGAPIXELS, false)?;
                let each = match (w, h, mp) {
                    (Some(w), Some(h), None) => {
                        basis = Basis::ImagesSized { n, width: w, height: h };
                        num::div(num::mul(w, h).map_err(self.over("width"))?, Decimal::from(1_000_000u64))
                            .map_err(self.over("width"))?
                    }
                    (None, None, Some(mp)) => {
                        basis = Basis::ImagesMegapixels { n, megapixels: mp };
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
                let n = self.value(Field::Requests, l.requests, limit::REQUESTS, true)?;
                let n = self.required(Field::Requests, n, Needs::Requests)?;
                basis = Basis::Requests { n };
                (n, Decimal::ONE)
            }
            Measure::Call => {
                let n = self.value(Field::Calls, l.calls, limit::COUNT, true)?;
                let n = self.required(Field::Calls, n, Needs::Calls)?;
                basis = Basis::Calls { n };
                (n, Decimal::ONE)
            }
            Measure::Second => {
                let n = self.value(Field::Calls, l.calls, limit::COUNT, true)?;
                let n = self.required(Field::Calls, n, Needs::Videos)?;
                let s = self.value(Field::Seconds, l.seconds, limit::SECONDS, false)?;
                let s = self.required(Field::Seconds, s, Needs::Seconds)?;
                basis = Basis::Videos { n, seconds: s };
                (num::mul(n, s).map_err(self.over("seconds"))?, Decimal::ONE)
            }
            Measure::Hour => {
                let h = self.value(Field::Hours, l.hours, limit::HOURS, false)?;
                let h = self.required(Field::Hours, h, Needs::Hours)?;
                // A part hour is billed by the minute; a part minute counts as a whole one.
                let minutes = num::mul(h, Decimal::from(60u32)).map_err(self.over("hours"))?.ceil();
                basis = Basis::Hours { hours: h, minutes };
                (minutes, Decimal::ONE)
            }
            Measure::ComputeUnit => {
                let cu = self.value(Field::ComputeUnits, l.compute_units, limit::SMALL, false)?;
                let cu = self.required(Field::ComputeUnits, cu, Needs::ComputeUnits)?;
                let r = self.value(Field::Replicas, l.replicas, limit::SMALL, true)?;
                let r = self.required(Field::Replicas, r, Needs::Replicas)?;
                basis = Basis::ComputeUnits { units: cu, replicas: r };
                (num::mul(cu, r).map_err(self.over("replicas"))?, Decimal::ONE)
            }
            Measure::Month => {
                let q = self.value(Field::Quantity, l.quantity, limit::SMALL, true)?.unwrap_or(Decimal::ONE);
                basis = Basis::Subscriptions { n: q };
                (q, Decimal::ONE)
            }
            Measure::Unit => {
                let q = self.value(Field::Quantity, l.quantity, limit::REQUESTS, false)?;
                let q = self.required(Field::Quantity, q, Needs::Quantity)?;
                basis = Basis::Units {
                    n: q,
                    name: up
                        .unit_name
                        .as_deref()
                        .map(|en| CardName { en: en.into(), zh: up.unit_name_zh.as_deref().map(Into::into) }),
                };
                (q, Decimal::ONE)
            }
        };
        if m.needs_template && l.template.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(self.err("template", Problem::TemplateNeeded { model: self.name() }));
        }
        let mut detail = Detail {
            basis,
            template: l.template.as_ref().map(|t| t.trim().to_string()),
            resolution: None,
            credits: None,
        };

        // The rate per measured unit, in money or credits.
        let credits = matches!(up.denomination, Denomination::Credits { .. });
        let mut volume = None;
        let rate = match &up.rate {
            UnitRate::Fixed(Price::Published(p)) => *p,
            UnitRate::Fixed(Price::Unpublished) if credits => {
                let c = self.value(Field::Credits, l.credits, limit::SMALL, false)?;
                let c = c.ok_or_else(|| {
                    self.err("credits", Problem::CreditsNeeded { model: self.name(), per: up.measure })
                })?;
                self.flag(Note::EnteredCredits { measure: up.measure });
                c
            }
            UnitRate::Fixed(Price::Unpublished) => {
                let p = self.value(Field::UnitPrice, l.unit_price, limit::PRICE, false)?;
                let p = p.ok_or_else(|| {
                    let currency = self.card.currency;
                    self.err("unit_price", Problem::UnitPriceNeeded { model: self.name(), currency, per: up.measure })
                })?;
                self.flag(Note::EnteredPrice { card: self.card.name.clone() });
                p
            }
            UnitRate::Range { min, max } => {
                let point = self.value(Field::Credits, l.credits, limit::SMALL, false)?;
                if let Some(p) = point
                    && (p < *min || p > *max)
                {
                    let problem = Problem::OutOfRange { value: p, model: self.name(), min: *min, max: *max };
                    return Err(self.err("credits", problem));
                }
                self.flag(Note::Range);
                match (self.scenario, point) {
                    (Scenario::Min, _) => *min,
                    (Scenario::Max, _) => *max,
                    (Scenario::Point, Some(p)) => p,
                    (Scenario::Point, None) => {
                        self.flag(Note::RangeUnpicked { min: *min, max: *max });
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
                detail.resolution = Some(*r);
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
                detail.credits = Some((rate, up.measure));
                (consumed, Unit::Credits, *value, Per::Credit, ComponentKind::Credits)
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
            (ComponentKind::Credits, _) => Label::Credits,
            (_, Measure::Image) => Label::Images,
            (_, Measure::Megapixel) => Label::Megapixels,
            (_, Measure::Request) => Label::Requests,
            (_, Measure::Call) => Label::Calls,
            (_, Measure::Second) => Label::VideoSeconds,
            (_, Measure::Hour) => Label::RunTime,
            (_, Measure::ComputeUnit) => Label::ComputeUnits,
            (_, Measure::Month) => Label::Subscription,
            (_, Measure::Unit) => Label::Usage,
        };
        let comp = Component {
            kind,
            label,
            detail: Some(detail),
            quantity,
            unit,
            free,
            prepaid,
            billable,
            unit_price,
            price_per,
            settlement: m.settlement,
            divisor,
            ..Component::blank(self.card.currency)
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
                label: Label::Packages { size: p.size },
                detail: pkg.validity_days.map(|days| Detail {
                    basis: Basis::Package { days, units: p.size * p.count },
                    template: None,
                    resolution: None,
                    credits: None,
                }),
                quantity: p.count.normalize(),
                unit: Unit::Packages,
                billable: p.count.normalize(),
                unit_price: pkg.price,
                price_per: Per::Package,
                settlement: Settlement::Prepaid,
                ..Component::blank(self.card.currency)
            });
        }
        Ok((units, comps))
    }
}

fn unit_noun(m: Measure) -> Unit {
    match m {
        Measure::Image => Unit::Images,
        Measure::Megapixel => Unit::Megapixels,
        Measure::Request => Unit::Requests,
        Measure::Call => Unit::Calls,
        Measure::Second => Unit::Seconds,
        Measure::Hour => Unit::Minutes,
        Measure::ComputeUnit => Unit::ComputeUnits,
        Measure::Month => Unit::Months,
        Measure::Unit => Unit::Units,
    }
}

fn price_per(m: Measure) -> Per {
    match m {
        Measure::Image => Per::Image,
        Measure::Megapixel => Per::Megapixel,
        Measure::Request => Per::Request,
        Measure::Call => Per::Call,
        Measure::Second => Per::Second,
        Measure::Hour => Per::HourByMinute,
        Measure::ComputeUnit => Per::ComputeUnit,
        Measure::Month => Per::Month,
        Measure::Unit => Per::Unit,
    }
}
