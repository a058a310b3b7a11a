//! Money, currencies and display rounding.
//!
//! Amounts are exact [`Decimal`]s from the rate card to the total. They are rounded only when a
//! person reads them: half away from zero ([`DISPLAY_ROUNDING`]) to two places, and an amount
//! under one cent keeps up to six significant digits so that it does not show as zero.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::num;

/// The rounding used for every displayed amount: half away from zero.
pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Significant digits kept for a displayed amount below one cent.
pub const SUB_CENT_DIGITS: u32 = 6;

/// The default exchange rate: 1 USD = 7.3 CNY, as seed 004 states.
pub const DEFAULT_USD_CNY: Decimal = Decimal::from_parts(73, 0, 0, false, 1);

/// A currency Ratecard can price and display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    /// Chinese yuan.
    Cny,
    /// US dollar.
    Usd,
}

impl Currency {
    /// The ISO 4217 code, e.g. `"CNY"`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }

    /// The usual symbol, e.g. `"¥"`.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Cny => "¥",
            Currency::Usd => "$",
        }
    }

    /// Parses an ISO code, ignoring case.
    pub fn from_code(code: &str) -> Option<Currency> {
        if code.eq_ignore_ascii_case("CNY") || code.eq_ignore_ascii_case("RMB") {
            Some(Currency::Cny)
        } else if code.eq_ignore_ascii_case("USD") {
            Some(Currency::Usd)
        } else {
            None
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // serde's own "invalid value" words, which `error::serde_problem` reads as an unknown
        // currency.
        Currency::from_code(&text).ok_or_else(|| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &super::error::EXPECT_CURRENCY)
        })
    }
}

/// Why a money operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// The two amounts are in different currencies.
    CurrencyMismatch(Currency, Currency),
    /// The result does not fit in a decimal.
    Overflow,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::CurrencyMismatch(a, b) => write!(f, "cannot combine {a} with {b}"),
            MoneyError::Overflow => f.write_str("the amount is too large to compute exactly"),
        }
    }
}

impl std::error::Error for MoneyError {}

impl From<num::Overflow> for MoneyError {
    fn from(_: num::Overflow) -> Self {
        MoneyError::Overflow
    }
}

/// An exact amount of one currency.
///
/// The fields are private so that an amount never loses its currency, and adding two currencies
/// is an error rather than a silent mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount of `currency`.
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero of `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// The exact amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Adds two amounts of the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] when the currencies differ, [`MoneyError::Overflow`] when
    /// the sum does not fit.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(self.currency, other.currency));
        }
        Ok(Money::new(num::add(self.amount, other.amount)?, self.currency))
    }

    /// Multiplies the amount by a plain number.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the product does not fit.
    pub fn checked_scale(self, factor: Decimal) -> Result<Money, MoneyError> {
        Ok(Money::new(num::mul(self.amount, factor)?, self.currency))
    }

    /// Converts to `to` at `usd_cny` (CNY per USD). Converting to the same currency is exact;
    /// CNY to USD divides and keeps 28 significant digits.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the result does not fit or the rate is zero.
    pub fn convert(self, to: Currency, usd_cny: Decimal) -> Result<Money, MoneyError> {
        let amount = match (self.currency, to) {
            (a, b) if a == b => self.amount,
            (Currency::Usd, Currency::Cny) => num::mul(self.amount, usd_cny)?,
            (Currency::Cny, Currency::Usd) => num::div(self.amount, usd_cny)?,
            _ => self.amount,
        };
        Ok(Money::new(amount, to))
    }

    /// The amount rounded for display (see [`round_for_display`]).
    pub fn rounded(&self) -> Decimal {
        round_for_display(self.amount)
    }
}

impl fmt::Display for Money {
    /// Formats as `1,234.56 USD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", num::group(self.rounded()), self.currency)
    }
}

impl Serialize for Money {
    /// A money value serializes as its exact amount, a decimal string; the currency is stated once
    /// on the enclosing object.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.amount)
    }
}

/// Rounds an amount for display: to two places half away from zero, or, for a non-zero amount
/// under one cent, to six significant digits.
pub fn round_for_display(amount: Decimal) -> Decimal {
    if amount.is_zero() {
        let mut zero = Decimal::ZERO;
        zero.rescale(2);
        return zero;
    }
    if amount.abs() < Decimal::new(1, 2) {
        return amount.round_sf_with_strategy(SUB_CENT_DIGITS, DISPLAY_ROUNDING).unwrap_or(amount).normalize();
    }
    let mut rounded = amount.round_dp_with_strategy(2, DISPLAY_ROUNDING);
    rounded.rescale(2);
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// A decimal from a test literal; an unreadable literal becomes `Decimal::MAX`, which fails the
    /// assertion it is used in.
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or(Decimal::MAX)
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_for_display(d("0.125")).to_string(), "0.13");
        assert_eq!(round_for_display(d("-0.125")).to_string(), "-0.13");
        assert_eq!(round_for_display(d("796")).to_string(), "796.00");
        assert_eq!(round_for_display(d("1.994999")).to_string(), "1.99");
    }

    #[test]
    fn keeps_six_significant_digits_below_a_cent() {
        assert_eq!(round_for_display(d("0.0012345678")).to_string(), "0.00123457");
        assert_eq!(round_for_display(d("0.000004")).to_string(), "0.000004");
        assert_eq!(round_for_display(d("0")).to_string(), "0.00");
    }

    #[test]
    fn mixing_currencies_is_an_error() {
        let a = Money::new(d("1"), Currency::Usd);
        let b = Money::new(d("1"), Currency::Cny);
        assert_eq!(a.checked_add(b), Err(MoneyError::CurrencyMismatch(Currency::Usd, Currency::Cny)));
    }

    #[test]
    fn converts_at_the_rate() {
        let usd = Money::new(d("10"), Currency::Usd);
        assert_eq!(usd.convert(Currency::Cny, DEFAULT_USD_CNY).map(|m| m.amount()), Ok(d("73.0")));
        let cny = Money::new(d("7.3"), Currency::Cny);
        assert_eq!(cny.convert(Currency::Usd, DEFAULT_USD_CNY).map(|m| m.amount()), Ok(d("1")));
    }
}
