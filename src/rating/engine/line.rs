//! Pricing one line: the [`LinePricer`] with its checks of field values, and concurrency add-ons.
//! Token and unit pricing are in `token_price.rs` and `unit_price.rs`, balances in `ledger.rs`.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::mask::{F, allowed, present};
use super::{Ledger, Scenario, limit, overflow};
use crate::rating::breakdown::{Component, ComponentKind, Drawdown, Flag};
use crate::rating::catalog::{Denomination, Model, Pricing, RateCard, Settlement};
use crate::rating::estimate::Line;
use crate::rating::money::Money;
use crate::rating::num::{self, Overflow, group};
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
    pub(super) flags: Vec<Flag>,
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

    pub(super) fn flag(&mut self, code: &'static str, message: impl Into<Cow<'static, str>>) {
        self.flags.push(Flag { code, message: message.into() });
    }

    pub(super) fn check_fields(&self) -> Result<(), QuoteError> {
        let (mask, measure) = allowed(self.model);
        for (f, set) in present(self.line) {
            if set && mask & f.bit() == 0 {
                let why = match f {
                    F::FreeTrial | F::FreeRemaining => UnusedWhy::NoFreeQuota,
                    F::PrepaidRemaining | F::Packages => UnusedWhy::NoPackages,
                    F::ExtraConcurrency | F::ConcurrencyDays => UnusedWhy::NoConcurrency,
                    F::Priority => UnusedWhy::NoPriority,
                    F::UnitPrice | F::Prices => UnusedWhy::PricePublished,
                    F::Credits if matches!(&self.model.pricing, Pricing::Units(u) if matches!(u.denomination, Denomination::Credits { .. })) => {
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
        f: F,
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

    pub(super) fn required(&self, f: F, v: Option<Decimal>, needs: Needs) -> Result<Decimal, QuoteError> {
        v.ok_or_else(|| self.err(f.name(), Problem::Missing { model: self.name(), needs }))
    }

    /// Concurrency add-ons.
    pub(super) fn extras(&mut self) -> Result<Vec<Component>, QuoteError> {
        let l = self.line;
        let Some(ci) = self.model.concurrency else { return Ok(Vec::new()) };
        let addon = &self.card.concurrency[ci];
        let extra = self.value(F::ExtraConcurrency, l.extra_concurrency, limit::SMALL, true)?;
        let days = self.value(F::ConcurrencyDays, l.concurrency_days, limit::DAYS, true)?;
        let Some(extra) = extra.filter(|e| !e.is_zero()) else {
            if days.is_some() {
                return Err(self.err("extra_concurrency", Problem::DaysWithoutExtra));
            }
            return Ok(Vec::new());
        };
        let total = extra + Decimal::from(addon.included);
        let (quantity, unit, price, per, detail) = match days {
            Some(d) => (
                num::mul(extra, d).map_err(self.over("concurrency_days"))?,
                "concurrency-days",
                addon.per_day,
                "per concurrency per day",
                format!(
                    "{} included + {} extra = {} concurrent tasks, for {} days",
                    addon.included,
                    group(extra),
                    group(total),
                    group(d)
                ),
            ),
            None => (
                extra,
                "concurrency-months",
                addon.per_month,
                "per concurrency per month",
                format!(
                    "{} included + {} extra = {} concurrent tasks, for the month",
                    addon.included,
                    group(extra),
                    group(total)
                ),
            ),
        };
        Ok(vec![Component {
            kind: ComponentKind::Concurrency,
            label: Cow::Borrowed(ComponentKind::Concurrency.label()),
            detail: Some(detail),
            quantity,
            unit,
            free: Decimal::ZERO,
            prepaid: Decimal::ZERO,
            billable: quantity,
            unit_price: price,
            price_per: per,
            multiple: None,
            tier: None,
            settlement: Settlement::Prepaid,
            amount: Money::zero(self.card.currency),
            amount_display: Money::zero(self.card.currency),
            divisor: Decimal::ONE,
        }])
    }
}
