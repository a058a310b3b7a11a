//! Checked decimal arithmetic.
//!
//! Every money and quantity calculation in the core goes through these helpers, so an overflow
//! becomes a typed error instead of a panic. Input limits keep real estimates far from the
//! `rust_decimal` range, but catalog data and future limits should not be able to crash a quote.

use rust_decimal::Decimal;

/// An arithmetic result fell outside the range `rust_decimal` can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// Why text is not a decimal: not written as a number, or a number no decimal holds exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadNumber {
    /// The text is not a number.
    NotANumber,
    /// More than 28 digits, or more than 28 after the point: a decimal cannot hold it exactly.
    OutOfRange,
}

/// Why a quantity typed into a field is not read; each carries the text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    /// Not a number.
    NotANumber { text: String },
    /// Not a number because of a thousands separator (a comma).
    Separators { text: String },
    /// A number no exact decimal holds.
    TooManyDigits { text: String },
}

/// What a JSON number too large or too fine for an exact decimal gets (the path names the field).
pub const OUT_OF_RANGE: &str = "out of range: a number here has at most 28 digits, and at most 28 after the point";

/// What a number a decimal cannot hold exactly is told, after the number.
pub const TOO_MANY_DIGITS: &str = "has more digits than an exact decimal holds (28, and 28 after the point)";

/// Reads the decimal `text` writes (plain or scientific, surrounding spaces ignored), exactly:
/// where `Decimal::from_str` or `from_scientific` would round a 29th decimal place away, this
/// refuses it.
///
/// # Errors
/// [`BadNumber::NotANumber`] for text that is not a number, [`BadNumber::OutOfRange`] for one a
/// decimal cannot hold exactly.
pub fn parse_exact(text: &str) -> Result<Decimal, BadNumber> {
    let t = text.trim();
    if !is_number_syntax(t) {
        return Err(BadNumber::NotANumber);
    }
    let (mantissa, exponent) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().map_err(|_| BadNumber::OutOfRange)?),
        None => (t, 0),
    };
    let m = Decimal::from_str_exact(mantissa).map_err(|_| BadNumber::OutOfRange)?;
    // The exponent moves the point: into the scale while it stays within 28 places, and into the
    // digits (checked, in 128 bits) beyond.
    let scale = i64::from(m.scale()) - exponent;
    let (digits, scale) = if scale >= 0 {
        (m.mantissa(), scale)
    } else {
        let power = 10i128.checked_pow(u32::try_from(-scale).map_err(|_| BadNumber::OutOfRange)?);
        (power.and_then(|p| m.mantissa().checked_mul(p)).ok_or(BadNumber::OutOfRange)?, 0)
    };
    let scale = u32::try_from(scale).map_err(|_| BadNumber::OutOfRange)?;
    Decimal::try_from_i128_with_scale(digits, scale).map_err(|_| BadNumber::OutOfRange)
}

/// Whether `t` is written as a number: a sign, digits with at most one decimal point, and an
/// exponent.
fn is_number_syntax(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (t, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

/// Returns `a + b`.
///
/// # Errors
/// [`Overflow`] when the sum does not fit.
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

/// Returns `a - b`.
///
/// # Errors
/// [`Overflow`] when the difference does not fit.
#[inline]
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or(Overflow)
}

/// Returns `a * b`.
///
/// # Errors
/// [`Overflow`] when the product does not fit.
#[inline]
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// Returns `a / b`, exact when the quotient terminates within 28 significant digits.
///
/// # Errors
/// [`Overflow`] when the quotient does not fit or `b` is zero.
#[inline]
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_div(b).ok_or(Overflow)
}

/// Returns `a / b`, shifting the decimal point when `b` is a power of ten (1, 1K, 1M), which is
/// exact and much cheaper than a general division.
///
/// # Errors
/// [`Overflow`] when the quotient does not fit or `b` is zero.
#[inline]
pub fn div_fast(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    let places = if b == Decimal::ONE {
        0
    } else if b == Decimal::ONE_THOUSAND {
        3
    } else if b == MILLION {
        6
    } else {
        return div(a, b);
    };
    let scale = a.scale() + places;
    if scale > 28 {
        return div(a, b);
    }
    let mut out = a;
    out.set_scale(scale).map_err(|_| Overflow)?;
    Ok(out)
}

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Returns `a x factor`, or `a` itself when there is no factor or it is one.
///
/// # Errors
/// [`Overflow`] when the product does not fit.
#[inline]
pub fn scale(a: Decimal, factor: Option<Decimal>) -> Result<Decimal, Overflow> {
    match factor {
        Some(f) if f != Decimal::ONE => mul(a, f),
        _ => Ok(a),
    }
}

/// Returns the sum of `items`.
///
/// # Errors
/// [`Overflow`] when a partial sum does not fit.
pub fn sum(items: impl IntoIterator<Item = Decimal>) -> Result<Decimal, Overflow> {
    items.into_iter().try_fold(Decimal::ZERO, add)
}

/// Returns the smaller of two decimals.
#[inline]
pub fn min(a: Decimal, b: Decimal) -> Decimal {
    if a < b { a } else { b }
}

/// Returns `d` without trailing zeros after the decimal point.
#[inline]
pub fn tidy(d: Decimal) -> Decimal {
    d.normalize()
}

/// Formats a decimal with thousands separators, keeping its scale, e.g. `1,234,567.50`.
pub fn group(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Formats a token count the way rate cards write tier bounds: `32k`, `128k`, `1.5M`, or the
/// grouped number when it is not a round thousand.
pub fn short_count(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(100_000) {
        let d = Decimal::from(n) / Decimal::from(1_000_000u64);
        format!("{}M", d.normalize())
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        group(Decimal::from(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_exactly_or_says_why_not() {
        assert_eq!(parse_exact(" 7.123456789012345678 ").map(|d| d.to_string()), Ok("7.123456789012345678".into()));
        assert_eq!(parse_exact("1.5e3"), Ok(Decimal::from(1500u64)));
        assert_eq!(parse_exact("0.0000000000000000000000000001"), Ok(Decimal::new(1, 28)));
        assert_eq!(parse_exact("0.00000000000000000000000000001"), Err(BadNumber::OutOfRange));
        assert_eq!(parse_exact("79228162514264337593543950336"), Err(BadNumber::OutOfRange));
        assert_eq!(parse_exact("1e400"), Err(BadNumber::OutOfRange));
        assert_eq!(parse_exact("1e-400"), Err(BadNumber::OutOfRange));
        assert_eq!(parse_exact("0.00000000000000000000000000001e0"), Err(BadNumber::OutOfRange));
        assert_eq!(parse_exact("1e-28"), Ok(Decimal::new(1, 28)));
        assert_eq!(parse_exact("-2.5E+2"), Ok(Decimal::from(-250i64)));
        assert_eq!(parse_exact("12.5e-1").map(|d| d.to_string()), Ok("1.25".into()));
        assert_eq!(parse_exact("7.9228162514264337593543950335e28"), Ok(Decimal::MAX));
        assert_eq!(parse_exact("1e99999999999999999999"), Err(BadNumber::OutOfRange));
        for bad in ["", "abc", "1..2", "1e", "--1", ".", "1,000"] {
            assert_eq!(parse_exact(bad), Err(BadNumber::NotANumber), "{bad:?}");
        }
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(Decimal::from(1_234_567u64)), "1,234,567");
        assert_eq!(group(Decimal::new(-12345, 1)), "-1,234.5");
        assert_eq!(group(Decimal::new(-1150, 2)), "-11.50");
        assert_eq!(group(Decimal::from(999u64)), "999");
    }

    #[test]
    fn divides_by_powers_of_ten_exactly() {
        let d = Decimal::new;
        assert_eq!(div_fast(d(3_200_100, 0), d(1_000_000, 0)), Ok(d(32_001, 4)));
        assert_eq!(div_fast(d(125, 1), d(1000, 0)), Ok(d(125, 4)));
        assert_eq!(div_fast(d(10, 0), d(60, 0)), div(d(10, 0), d(60, 0)));
        assert_eq!(div_fast(d(1, 0), d(1, 0)), Ok(d(1, 0)));
    }

    #[test]
    fn short_counts() {
        assert_eq!(short_count(32_000), "32k");
        assert_eq!(short_count(128_000), "128k");
        assert_eq!(short_count(1_500_000), "1.5M");
        assert_eq!(short_count(32_768), "32,768");
    }
}
