//! Periods that reports group by: a day, an ISO week (`2022-W05`), a month, a quarter
//! (`2022-Q1`) or a year.

use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, clap::ValueEnum)]
pub enum By {
    Day,
    Week,
    #[default]
    Month,
    Quarter,
    Year,
}

/// One period. Ordered by time: `(year, index)` where the index is the day of the year, the ISO
/// week, the month or the quarter (0 for a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    index: u32,
    by: By,
}

impl By {
    pub fn period(self, date: NaiveDate) -> Period {
        let (year, index) = match self {
            By::Day => (date.year(), date.ordinal()),
            By::Week => {
                // ISO weeks belong to the ISO year: 2021-01-01 is in 2020-W53.
                let week = date.iso_week();
                (week.year(), week.week())
            }
            By::Month => (date.year(), date.month()),
            By::Quarter => (date.year(), date.month0() / 3 + 1),
            By::Year => (date.year(), 0),
        };
        Period {
            year,
            index,
            by: self,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.by {
            By::Day => match NaiveDate::from_yo_opt(self.year, self.index) {
                Some(d) => write!(f, "{}", d.format("%Y-%m-%d")),
                None => write!(f, "{}-{:03}", self.year, self.index),
            },
            By::Week => write!(f, "{}-W{:02}", self.year, self.index),
            By::Month => write!(f, "{}-{:02}", self.year, self.index),
            By::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            By::Year => write!(f, "{}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(by: By, y: i32, m: u32, d: u32) -> String {
        by.period(NaiveDate::from_ymd_opt(y, m, d).unwrap())
            .to_string()
    }

    #[test]
    fn labels() {
        assert_eq!(label(By::Day, 2022, 2, 2), "2022-02-02");
        assert_eq!(label(By::Week, 2022, 2, 2), "2022-W05");
        assert_eq!(label(By::Month, 2022, 2, 2), "2022-02");
        assert_eq!(label(By::Quarter, 2022, 2, 2), "2022-Q1");
        assert_eq!(label(By::Quarter, 2022, 12, 31), "2022-Q4");
        assert_eq!(label(By::Year, 2022, 2, 2), "2022");
    }

    #[test]
    fn iso_week_year_differs_from_calendar_year_at_the_edges() {
        assert_eq!(label(By::Week, 2021, 1, 1), "2020-W53");
        assert_eq!(label(By::Week, 2024, 12, 30), "2025-W01");
    }

    #[test]
    fn periods_sort_by_time() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(By::Month.period(d(2021, 12, 31)) < By::Month.period(d(2022, 1, 1)));
        assert!(By::Week.period(d(2020, 12, 31)) < By::Week.period(d(2021, 1, 4)));
    }
}
