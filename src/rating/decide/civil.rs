//! Civil dates in pure Rust: `YYYY-MM-DD` text to days since 1970-01-01 and back (H. Hinnant's
//! algorithms), and a date with a whole hour.

use serde::Serialize;

/// A calendar date and a whole hour, e.g. `2026-12-06 12:00`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Civil {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// 0 to 23.
    pub hour: u8,
}

impl Civil {
    /// The date and hour `hours` after midnight at the start of day `day` (days since 1970-01-01).
    pub fn at(day: i64, hours: i64) -> Civil {
        let d = day + hours.div_euclid(24);
        let h = hours.rem_euclid(24);
        Civil { date: format_days(d), hour: u8::try_from(h).unwrap_or(0) }
    }
}

/// Reads `YYYY-MM-DD` as days since 1970-01-01; `None` when it is not a real date from year 1 to
/// 9999.
pub fn parse_civil(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let last = *month_days.get(usize::try_from(m - 1).ok()?)?;
    if d < 1 || d > last {
        return None;
    }
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    Some(era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468)
}

/// `date` plus `days`, as `YYYY-MM-DD`; `None` when `date` is not a real date.
pub fn add_days_civil(date: &str, days: i64) -> Option<String> {
    Some(format_days(parse_civil(date)?.checked_add(days)?))
}

pub(crate) fn format_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_hand() {
        // 1970-01-01 is day 0; 2026-12-01 is 56 years on: 56 x 365 + 14 leap days (1972..2024) +
        // 334 days of 2026 before December = 20,440 + 14 + 334 = 20,788.
        assert_eq!(parse_civil("1970-01-01"), Some(0));
        assert_eq!(parse_civil("2026-12-01"), Some(20_788));
        assert_eq!(add_days_civil("2026-12-20", 30).as_deref(), Some("2027-01-19"));
        assert_eq!(add_days_civil("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(parse_civil("2026-02-29"), None);
        assert_eq!(Civil::at(20_788, 132), Civil { date: "2026-12-06".into(), hour: 12 });
    }
}
