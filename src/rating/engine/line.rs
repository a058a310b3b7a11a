//! Pricing one line: the [`LinePricer`] with its checks of field values, and concurrency add-ons.
//! Token and unit pricing are in `token_price.rs` and `unit_price.rs`, balances in `ledger.rs`.

use rust_decimal::Decimal;

use super::mask::allowed;
use super::{Ledger, Scenario, limit, overflow};
use crate::rating::breakdown::{Basis, Component, ComponentKind, Detail, Drawdown, Note, Per, Unit};
use crate::rating::catalog::{Denomination, Model, Pricing, RateCard, Settlement};
use crate::rating::estimate::Line;
use crate::rating::line_fields::Field;
use crate::rating::month::YearMonth;
use crate::rating::num::{self, Overflow};
use crate::rating::problem::{Needs, Problem, UnusedWhy};
use crate::rating::quote_error::QuoteError;

pub(super) struct LinePricer<'a, 'l> {
    pub(super) index: usize,
    pub(super) card_index: usize,
    pub(super) model_index: usize,
    pub(super) card: &'a RateCard,
    pub(super) model: &'a Model,
    pub(super) line: &'a Line,
    pub(super) scenario: Scenario,
    pub(super) ledger: &'l mut Ledger,
    /// The estimate's start month (month 1), when it has one.
    pub(super) start: Option<YearMonth>,
    pub(super) flags: Vec<Note>,
    pub(super) free: Option<Box<Drawdown>>,
    pub(super) prepaid: Option<Box<Drawdown>>,
}

impl LinePricer<'_, '_> {
    pub(super) fn err(&self, field: &str, problem: Problem) -> QuoteError {
        QuoteError {
            line: Some(self.index + 1),
            model: Some(self.model.name.to_string()),
            field: field.to_string(),
            problem: Box::new(problem),
        }
    }

    /// This line's model name, for a problem that names it.
    pub(super) fn name(&self) -> String {
        self.model.name.to_string()
    }

    /// Maps an overflow to this line's error; allocates only when there is one.
    pub(super) fn over(&self, field: &'static str) -> impl Fn(Overflow) -> QuoteError + '_ {
        move |_| overflow(Some(self.index + 1), Some(&self.model.name), field)
    }

    pub(super) fn flag(&mut self, note: Note) {
        self.flags.push(note);
    }

    pub(super) fn check_fields(&self) -> Result<(), QuoteError> {
        let (mask, measure) = allowed(self.model);
        for &f in Field::ALL {
            if f.is_usage() && self.line.has(f) && mask & f.bit() == 0 {
                let why = match f {
                    Field::FreeTrial | Field::FreeRemaining => UnusedWhy::NoFreeQuota,
                    Field::PrepaidRemaining | Field::Packages => UnusedWhy::NoPackages,
                    Field::ExtraConcurrency | Field::ConcurrencyDays => UnusedWhy::NoConcurrency,
                    Field::Priority => UnusedWhy::NoPriority,
                    Field::UnitPrice | Field::Prices => UnusedWhy::PricePublished,
                    Field::Credits if matches!(&self.model.pricing, Pricing::Units(u) if matches!(u.denomination, Denomination::Credits { .. })) => {
                        UnusedWhy::CreditsFixed
                    }
                    _ => UnusedWhy::PricedBy(measure),
                };
                return Err(self.err(f.name(), Problem::UnusedField { model: self.name(), why }));
            }
        }
        Ok(())
    }

    /// A checked quantity: not negative, not above `max`, and whole when `whole`.
    pub(super) fn value(
        &self,
        f: Field,
        v: Option<Decimal>,
        max: Decimal,
        whole: bool,
    ) -> Result<Option<Decimal>, QuoteError> {
        let Some(v) = v else { return Ok(None) };
        if v.is_sign_negative() && !v.is_zero() {
            return Err(self.err(f.name(), Problem::Negative { value: v }));
        }
        // A scale of 0 is whole already; only decimals need the fractional part looked at.
        let integral = v.scale() == 0;
        if whole && !integral && !v.fract().is_zero() {
            return Err(self.err(f.name(), Problem::NotWhole { value: v }));
        }
        if v > max {
            return Err(self.err(f.name(), Problem::TooLarge { value: v, limit: max }));
        }
        Ok(Some(if integral { v } else { v.normalize() }))
    }

    pub(super) fn required(&self, f: Field, v: Option<Decimal>, needs: Needs) -> Result<Decimal, QuoteError> {
        v.ok_or_else(|| self.err(f.name(), Problem::Missing { model: self.name(), needs }))
    }

    /// Concurrency add-ons.
    pub(super) fn extras(&mut self) -> Result<Vec<Component>, QuoteError> {
        let l = self.line;
        let Some(ci) = self.model.concurrency else { return Ok(Vec::new()) };
        let addon = &self.card.concurrency[ci];
        let extra = self.value(Field::ExtraConcurrency, l.extra_concurrency, limit::SMALL, true)?;
        let days = self.value(Field::ConcurrencyDays, l.concurrency_days, limit::DAYS, true)?;
        let Some(extra) = extra.filter(|e| !e.is_zero()) else {
            if days.is_some() {
                return Err(self.err("extra_concurrency", Problem::DaysWithoutExtra));
            }
            return Ok(Vec::new());
        };
        let total = extra + Decimal::from(addon.included);
        let (quantity, unit, price, per, days) = match days {
            Some(d) => (
                num::mul(extra, d).map_err(self.over("concurrency_days"))?,
                Unit::ConcurrencyDays,
                addon.per_day,
                Per::ConcurrencyDay,
                Some(d),
            ),
            None => (extra, Unit::ConcurrencyMonths, addon.per_month, Per::ConcurrencyMonth, None),
        };
        Ok(vec![Component {
            kind: ComponentKind::Concurrency,
            label: ComponentKind::Concurrency.label(),
            detail: Some(Detail {
                basis: Basis::Concurrency { included: u64::from(addon.included), extra, total, days },
                template: None,
                resolution: None,
                credits: None,
            }),
            quantity,
            unit,
            billable: quantity,
            unit_price: price,
            price_per: per,
            settlement: Settlement::Prepaid,
            ..Component::blank(self.card.currency)
        }])
    }
}
