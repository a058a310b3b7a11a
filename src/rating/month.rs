//! Calendar months: the month a quote starts (`"start": "2026-12"`), the month a card's price
//! change takes effect, and the months of a projection after the start.
//!
//! The core never reads the clock: a caller that wants "this month" passes it in.

use std::fmt;

/// A calendar month, e.g. `2026-12`, stored as months since January of year 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct YearMonth(u32);

impl YearMonth {
    /// The month `month` (1 to 12) of `year` (1 to 9999).
    pub fn new(year: u32, month: u32) -> Option<YearMonth> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then(|| YearMonth(year * 12 + month - 1))
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        YearMonth::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// The month of a date written `YYYY-MM-DD` (the day is not checked against the month).
    pub fn of_date(date: &str) -> Option<YearMonth> {
        let date = date.trim();
        let (month, day) = (date.get(..7)?, date.get(7..)?);
        let ok = day.len() == 3 && day.starts_with('-') && day[1..].bytes().all(|b| b.is_ascii_digit());
        if ok { YearMonth::parse(month) } else { None }
    }

    /// The month of day `days` counted from 1970-01-01 (a caller's "today").
    pub fn of_days(days: i64) -> YearMonth {
        let date = crate::rating::decide::civil::format_days(days);
        YearMonth::of_date(&date).unwrap_or_default()
    }

    /// The year.
    pub fn year(self) -> u32 {
        self.0 / 12
    }

    /// The month of the year, 1 to 12.
    pub fn month(self) -> u32 {
        self.0 % 12 + 1
    }

    /// The month `months` later.
    pub fn plus(self, months: u32) -> YearMonth {
        YearMonth(self.0.saturating_add(months))
    }

    /// Months from `earlier` to `self` (negative when `self` is before it).
    pub fn since(self, earlier: YearMonth) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// Its first day, `YYYY-MM-01`.
    pub fn first_day(self) -> String {
        format!("{self}-01")
    }

    /// The number packed catalogs store.
    pub(crate) fn index(self) -> u32 {
        self.0
    }

    /// The month a packed catalog stored as [`YearMonth::index`].
    pub(crate) fn from_index(index: u32) -> YearMonth {
        YearMonth(index)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl serde::Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_hand() {
        let dec = YearMonth::parse("2026-12").unwrap();
        assert_eq!((dec.year(), dec.month()), (2026, 12));
        // December plus one month is January of the next year; plus 13 is January a year later.
        assert_eq!(dec.plus(1).to_string(), "2027-01");
        assert_eq!(dec.plus(13).to_string(), "2028-01");
        assert_eq!(YearMonth::of_date("2027-01-01"), dec.plus(1).into());
        assert_eq!(dec.plus(1).since(dec), 1);
        assert_eq!(dec.first_day(), "2026-12-01");
        for bad in ["2026-13", "2026-1", "26-12", "2026-00", "2026/12", "2026-12-01", ""] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        // 2026-12-01 is day 20,788 (see `civil`).
        assert_eq!(YearMonth::of_days(20_788), dec);
    }
}
