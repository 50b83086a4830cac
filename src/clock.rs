//! Today's date, for "this answer rests on a 2007 source" warnings. UTC is close enough
//! for a threshold counted in years.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }

    /// Whole years from `self` to `later` (negative if `later` is earlier).
    pub fn years_until(self, later: Date) -> i64 {
        let mut years = later.year - self.year;
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Today in UTC; the epoch if the clock is before it.
pub fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year,
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(from_days(0).to_string(), "1970-01-01");
        assert_eq!(from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(from_days(20_780).to_string(), "2026-11-23");
        assert!(today().year >= 2024);
    }

    #[test]
    fn whole_years_between_dates() {
        let fact_sheet = Date::parse("2007-12-20").unwrap();
        assert_eq!(
            fact_sheet.years_until(Date::parse("2026-11-23").unwrap()),
            18
        );
        assert_eq!(
            fact_sheet.years_until(Date::parse("2012-12-20").unwrap()),
            5
        );
        assert_eq!(
            fact_sheet.years_until(Date::parse("2012-12-19").unwrap()),
            4
        );
        assert_eq!(Date::parse("2007-13-01"), None);
        assert_eq!(Date::parse("soon"), None);
    }
}
