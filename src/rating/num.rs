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

/// Why a number a person wrote (in a form field or a link) is not read; each carries the text as
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    /// Not a number.
    NotANumber { text: String },
    /// A separator that does not group thousands (`1,5`, `30,00`): a decimal comma, or a typo.
    Separators { text: String },
    /// A number no exact decimal holds.
    TooManyDigits { text: String },
    /// A number with a `k`, `M` or `B` suffix that is not a whole count (`1.2345k` is 1,234.5).
    SuffixNotWhole { text: String, value: Decimal },
    /// A share in percent outside 0 to 100 %.
    ShareRange { text: String },
    /// A share in percent where the field takes no share.
    NoShareHere { text: String },
}

/// A number as a person writes it, or a share of another quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A number.
    Amount(Decimal),
    /// A share, in percent from 0 to 100 (`30%`).
    Percent(Decimal),
}

/// The thousands separators a person may write: a comma (`30,000`, as English and Chinese write
/// it), a space, a no-break space and a narrow no-break space (`30 000`, as French writes it), and
/// a thin space.
pub const GROUP_SEPARATORS: [char; 5] = [',', ' ', '\u{00A0}', '\u{202F}', '\u{2009}'];

/// The suffixes a count may carry and what they multiply by: `k` or `K` a thousand, `m` or `M` a
/// million, `b`, `B`, `g` or `G` a billion (1e9). There is no milli: a count is never a fraction.
fn suffix(c: char) -> Option<Decimal> {
    match c {
        'k' | 'K' => Some(Decimal::ONE_THOUSAND),
        'm' | 'M' => Some(MILLION),
        'b' | 'B' | 'g' | 'G' => Some(Decimal::from(1_000_000_000u64)),
        _ => None,
    }
}

/// Reads a number as a person writes it in a form field or a link, exactly: [`parse_exact`]'s
/// decimals, plus thousands separators that group whole digits in threes (any one of
/// [`GROUP_SEPARATORS`], the same one throughout: `30,000`, `30 000`, `1,500,000.5`) and a
/// suffix for a count (`40k` = 40,000, `1.5M` = 1,500,000, `2B` = 2,000,000,000; see [`suffix`]),
/// which must come out whole. A suffix or separators go with plain digits (no exponent).
///
/// # Errors
/// Which [`EntryProblem`] it is, carrying the text (trimmed).
pub fn parse_entry(text: &str) -> Result<Decimal, EntryProblem> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let owned = || t.to_string();
    if t.ends_with(['%', '％']) {
        return Err(EntryProblem::NoShareHere { text: owned() });
    }
    let (body, factor) = match t.chars().last().and_then(|c| suffix(c).map(|f| (c, f))) {
        Some((c, f)) => (t[..t.len() - c.len_utf8()].trim_end_matches(GROUP_SEPARATORS), Some(f)),
        None => (t, None),
    };
    let plain = ungroup(body).ok_or_else(|| EntryProblem::Separators { text: owned() })?;
    let grouped = plain.len() != body.len();
    if (grouped || factor.is_some()) && plain.contains(['e', 'E']) {
        return Err(EntryProblem::NotANumber { text: owned() });
    }
    let d = parse_exact(&plain).map_err(|e| match e {
        BadNumber::NotANumber => EntryProblem::NotANumber { text: owned() },
        BadNumber::OutOfRange => EntryProblem::TooManyDigits { text: owned() },
    })?;
    let Some(f) = factor else { return Ok(d) };
    let value = mul(d, f).map_err(|_| EntryProblem::TooManyDigits { text: owned() })?.normalize();
    if value.fract().is_zero() { Ok(value) } else { Err(EntryProblem::SuffixNotWhole { text: owned(), value }) }
}

/// Reads a number or a share in percent (`30%`, from 0 to 100, exact; see [`parse_entry`]).
///
/// # Errors
/// As [`parse_entry`], and [`EntryProblem::ShareRange`] for a share outside 0 to 100 %.
pub fn parse_entry_or_share(text: &str) -> Result<Entry, EntryProblem> {
    let t = text.trim();
    let Some(share) = t.strip_suffix(['%', '％']) else { return parse_entry(t).map(Entry::Amount) };
    let p = parse_exact(share.trim_end()).map_err(|e| match e {
        BadNumber::NotANumber => EntryProblem::NotANumber { text: t.to_string() },
        BadNumber::OutOfRange => EntryProblem::TooManyDigits { text: t.to_string() },
    })?;
    if p.is_sign_negative() || p > Decimal::ONE_HUNDRED {
        return Err(EntryProblem::ShareRange { text: t.to_string() });
    }
    Ok(Entry::Percent(p.normalize()))
}

/// `text` without its thousands separators, or `None` when a separator does not group whole
/// digits in threes (or two kinds are mixed). Text without separators comes back as it is.
fn ungroup(text: &str) -> Option<String> {
    let Some(sep) = text.chars().find(|c| GROUP_SEPARATORS.contains(c)) else { return Some(text.to_string()) };
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    if fraction.is_some_and(|f| f.contains(GROUP_SEPARATORS)) {
        return None;
    }
    let mut groups = whole.split(sep);
    let first = groups.next()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) || first.len() > 3 || !groups.all(|g| g.len() == 3 && digits(g)) {
        return None;
    }
    Some(text.chars().filter(|c| *c != sep).collect())
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
    fn reads_what_a_person_writes_exactly() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        // k = 1,000; M = 1,000,000; B = G = 1,000,000,000; 1.5 x 1,000,000 = 1,500,000 exactly.
        for (text, want) in [
            ("40k", "40000"),
            ("40K", "40000"),
            ("1.5M", "1500000"),
            ("1.5m", "1500000"),
            ("2B", "2000000000"),
            ("0.25G", "250000000"),
            ("30,000", "30000"),
            ("30 000", "30000"),
            ("30\u{00A0}000", "30000"),
            ("30\u{202F}000", "30000"),
            ("1,500,000.25", "1500000.25"),
            ("-1,000", "-1000"),
            ("1,000k", "1000000"),
            (" 12 ", "12"),
            ("1.5e3", "1500"),
        ] {
            assert_eq!(parse_entry(text), Ok(d(want)), "{text:?}");
        }
        // 1.2345 x 1,000 = 1,234.5: a count with a suffix must be whole.
        assert_eq!(
            parse_entry("1.2345k"),
            Err(EntryProblem::SuffixNotWhole { text: "1.2345k".into(), value: d("1234.5") })
        );
        for bad in ["1,5", "30,00", "1,0000", "1,000 000", "1 000,000", "1.000,5", ",000", "0.1,000", "1,000e3"] {
            assert_eq!(parse_entry(bad), Err(EntryProblem::Separators { text: bad.into() }), "{bad:?}");
        }
        for bad in ["1e3k", "1..2k"] {
            assert_eq!(parse_entry(bad), Err(EntryProblem::NotANumber { text: bad.into() }), "{bad:?}");
        }
        assert_eq!(parse_entry("k"), Err(EntryProblem::NotANumber { text: "k".into() }));
        assert_eq!(parse_entry("4x0"), Err(EntryProblem::NotANumber { text: "4x0".into() }));
        assert_eq!(parse_entry_or_share("30%"), Ok(Entry::Percent(d("30"))));
        assert_eq!(parse_entry_or_share("12.5 %"), Ok(Entry::Percent(d("12.5"))));
        assert_eq!(parse_entry_or_share("12k"), Ok(Entry::Amount(d("12000"))));
        assert_eq!(parse_entry_or_share("130%"), Err(EntryProblem::ShareRange { text: "130%".into() }));
        assert_eq!(parse_entry_or_share("x%"), Err(EntryProblem::NotANumber { text: "x%".into() }));
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
