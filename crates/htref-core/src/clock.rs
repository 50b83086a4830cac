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
    /// Reads `YYYY-MM-DD`, a day that exists: "2026-13-99" and "2026-02-30" are no dates,
    /// nor is "2026-1-5". The one date reader: the validator checks the data's dates with it.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shaped {
            return None;
        }
        let year: i64 = text[0..4].parse().ok()?;
        let month: u32 = text[5..7].parse().ok()?;
        let day: u32 = text[8..10].parse().ok()?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
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

    #[test]
    fn only_days_that_exist_are_dates() {
        assert!(Date::parse("2024-02-29").is_some());
        for no_date in [
            "2026-02-29",
            "2026-02-30",
            "2026-04-31",
            "2026-1-5",
            "2026-01-05x",
            "+026-01-05",
        ] {
            assert_eq!(Date::parse(no_date), None, "{no_date}");
        }
    }
}
