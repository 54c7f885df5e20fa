//! Periods that reports group by: a day, an ISO week (`2022-W05`), a month, a quarter
//! (`2022-Q1`), a year, or all time (`all`: one row per person over the whole range).

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
    /// The whole range: one period, printed `all`.
    All,
}

/// One period. Ordered by time: `(year, index)` where the index is the day of the year, the ISO
/// week, the month or the quarter (0 for a year). 8 bytes: `report` keeps one per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    /// At most 367 (the day after the last of a year, as `next` may make).
    index: u16,
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
            By::All => (0, 0),
        };
        Period::new(year, index, self)
    }
}

impl Period {
    fn new(year: i32, index: u32, by: By) -> Period {
        Period {
            year,
            // Every index is at most 367 (see `parse` and `next`).
            index: u16::try_from(index).unwrap_or(u16::MAX),
            by,
        }
    }

    /// The period right after this one (`2022-12` → `2023-01`, `2020-W53` → `2021-W01`); for
    /// `all`, itself.
    pub fn next(self) -> Period {
        let (year, index) = match self.by {
            By::Day => {
                match NaiveDate::from_yo_opt(self.year, u32::from(self.index))
                    .and_then(|d| d.succ_opt())
                {
                    Some(d) => (d.year(), d.ordinal()),
                    None => (self.year, u32::from(self.index) + 1),
                }
            }
            By::Week => {
                // A year has week 53 when its 28 December is in week 53.
                let last =
                    NaiveDate::from_ymd_opt(self.year, 12, 28).map_or(52, |d| d.iso_week().week());
                if u32::from(self.index) >= last {
                    (self.year + 1, 1)
                } else {
                    (self.year, u32::from(self.index) + 1)
                }
            }
            By::Month if u32::from(self.index) >= 12 => (self.year + 1, 1),
            By::Quarter if u32::from(self.index) >= 4 => (self.year + 1, 1),
            By::Month | By::Quarter => (self.year, u32::from(self.index) + 1),
            By::Year => (self.year + 1, 0),
            By::All => (self.year, u32::from(self.index)),
        };
        Period::new(year, index, self.by)
    }
}

impl By {
    /// The name as typed after `--by`.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Day => "day",
            By::Week => "week",
            By::Month => "month",
            By::Quarter => "quarter",
            By::Year => "year",
            By::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<By> {
        [By::Day, By::Week, By::Month, By::Quarter, By::Year, By::All]
            .into_iter()
            .find(|b| b.as_str() == text)
    }

    /// Whether every period of `self` lies within one period of `to`, so that counts by `self`
    /// add up to counts by `to`: a day within any period, a month within its quarter and
    /// year, a quarter within its year, anything within `all`; a week only within `all` (an
    /// ISO week can straddle two months).
    pub fn rolls_up_to(self, to: By) -> bool {
        self == to
            || to == By::All
            || self == By::Day
            || matches!((self, to), (By::Month, By::Quarter | By::Year))
            || (self, to) == (By::Quarter, By::Year)
    }
}

impl Period {
    /// Reads a period as `Display` writes it for `by`.
    pub fn parse(by: By, text: &str) -> Option<Period> {
        let number = |t: &str| t.parse::<u32>().ok();
        let (year, index) = match by {
            By::Day => {
                let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
                return Some(By::Day.period(date));
            }
            By::Week => {
                let (y, w) = text.rsplit_once("-W")?;
                (y.parse().ok()?, number(w).filter(|w| (1..=53).contains(w))?)
            }
            By::Month => {
                let (y, m) = text.rsplit_once('-')?;
                (y.parse().ok()?, number(m).filter(|m| (1..=12).contains(m))?)
            }
            By::Quarter => {
                let (y, q) = text.rsplit_once("-Q")?;
                (y.parse().ok()?, number(q).filter(|q| (1..=4).contains(q))?)
            }
            By::Year => (text.parse().ok()?, 0),
            By::All if text == "all" => (0, 0),
            By::All => return None,
        };
        Some(Period::new(year, index, by))
    }

    /// The period of `to` this one lies within, when `self.by` rolls up to it.
    pub fn roll_up(self, to: By) -> Option<Period> {
        if self.by == to {
            return Some(self);
        }
        if !self.by.rolls_up_to(to) {
            return None;
        }
        let (year, index) = match (self.by, to) {
            (_, By::All) => (0, 0),
            (By::Day, _) => {
                return NaiveDate::from_yo_opt(self.year, u32::from(self.index))
                    .map(|d| to.period(d));
            }
            (By::Month, By::Quarter) => (self.year, (u32::from(self.index) - 1) / 3 + 1),
            (_, By::Year) => (self.year, 0),
            _ => return None,
        };
        Some(Period::new(year, index, to))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.by {
            By::Day => match NaiveDate::from_yo_opt(self.year, u32::from(self.index)) {
                Some(d) => write!(f, "{}", d.format("%Y-%m-%d")),
                None => write!(f, "{}-{:03}", self.year, u32::from(self.index)),
            },
            By::Week => write!(f, "{}-W{:02}", self.year, u32::from(self.index)),
            By::Month => write!(f, "{}-{:02}", self.year, u32::from(self.index)),
            By::Quarter => write!(f, "{}-Q{}", self.year, u32::from(self.index)),
            By::Year => write!(f, "{}", self.year),
            By::All => f.write_str("all"),
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
    fn next_periods_roll_over_years_and_iso_weeks() {
        let next = |by: By, y, m, d| {
            by.period(NaiveDate::from_ymd_opt(y, m, d).unwrap())
                .next()
                .to_string()
        };
        assert_eq!(next(By::Day, 2022, 12, 31), "2023-01-01");
        assert_eq!(next(By::Day, 2024, 2, 28), "2024-02-29");
        assert_eq!(next(By::Week, 2020, 12, 31), "2021-W01"); // 2020-W53
        assert_eq!(next(By::Week, 2021, 12, 31), "2022-W01"); // 2021-W52
        assert_eq!(next(By::Month, 2022, 12, 1), "2023-01");
        assert_eq!(next(By::Quarter, 2022, 11, 1), "2023-Q1");
        assert_eq!(next(By::Year, 2022, 1, 1), "2023");
        assert_eq!(next(By::All, 2022, 1, 1), "all");
    }

    #[test]
    fn periods_read_back_and_roll_up() {
        let d = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        for by in [By::Day, By::Week, By::Month, By::Quarter, By::Year, By::All] {
            let p = by.period(d);
            assert_eq!(Period::parse(by, &p.to_string()), Some(p), "{by:?}");
            assert_eq!(By::parse(by.as_str()), Some(by));
        }
        assert_eq!(Period::parse(By::Month, "2022-13"), None);
        assert_eq!(Period::parse(By::Week, "2022-05"), None);
        let day = By::Day.period(d);
        assert_eq!(day.roll_up(By::Week).unwrap().to_string(), "2020-W53");
        assert_eq!(day.roll_up(By::Quarter).unwrap().to_string(), "2021-Q1");
        let month = By::Month.period(NaiveDate::from_ymd_opt(2022, 8, 9).unwrap());
        assert_eq!(month.roll_up(By::Quarter).unwrap().to_string(), "2022-Q3");
        assert_eq!(month.roll_up(By::Year).unwrap().to_string(), "2022");
        assert_eq!(month.roll_up(By::All).unwrap().to_string(), "all");
        assert_eq!(month.roll_up(By::Day), None);
        assert_eq!(By::Week.period(d).roll_up(By::Month), None);
    }

    #[test]
    fn periods_sort_by_time() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(By::Month.period(d(2021, 12, 31)) < By::Month.period(d(2022, 1, 1)));
        assert!(By::Week.period(d(2020, 12, 31)) < By::Week.period(d(2021, 1, 4)));
    }
}
