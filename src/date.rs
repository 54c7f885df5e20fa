//! Publication dates. Always accepted: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, RFC 3339
//! (`2023-03-14T10:00:00Z`, converted to UTC), `YYYY-MM-DD HH:MM[:SS]`, RFC 2822 (`Tue, 01 Feb
//! 2022 10:00:00 +0000`) and dates with the month in words (`Feb 1, 2022`, `1 February 2022`).
//! Numeric day/month orders (`02/01/2022`) are read only when the user says which comes first
//! (`--dayfirst`, `--monthfirst`) or gives `--date-format`: guessing would silently swap days and
//! months. `--date-format` adds chrono formats, tried in order before the built-in forms.
//!
//! Also the bounds of `--since` and `--until`: a day, a month, a year or a span back from the
//! as-of date (`7d`, `4w`, `3m`).

use std::fmt::Write as _;

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};

/// Why a date field was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text has the shape of a date but names no real day or time ("2023-02-30").
    Impossible,
    /// The text has no shape we know.
    Unrecognised,
    /// Numbers for day and month in an order the user has not told (`02/01/2022`).
    Ambiguous,
}

/// Which number comes first in a numeric date like `02/01/2022`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    /// `02/01/2022` is 2 January (most of the world).
    DayFirst,
    /// `02/01/2022` is 1 February (the United States).
    MonthFirst,
}

impl DayOrder {
    /// The chrono formats a numeric date is read with in this order.
    fn formats(self) -> &'static [&'static str] {
        match self {
            DayOrder::DayFirst => &[
                "%d/%m/%Y",
                "%d.%m.%Y",
                "%d-%m-%Y",
                "%d/%m/%Y %H:%M",
                "%d/%m/%Y %H:%M:%S",
                "%d.%m.%Y %H:%M",
                "%d.%m.%Y %H:%M:%S",
                "%d-%m-%Y %H:%M",
                "%d-%m-%Y %H:%M:%S",
            ],
            DayOrder::MonthFirst => &[
                "%m/%d/%Y",
                "%m-%d-%Y",
                "%m.%d.%Y",
                "%m/%d/%Y %H:%M",
                "%m/%d/%Y %H:%M:%S",
                "%m-%d-%Y %H:%M",
                "%m-%d-%Y %H:%M:%S",
                "%m.%d.%Y %H:%M",
                "%m.%d.%Y %H:%M:%S",
            ],
        }
    }
}

/// Dates with the month in words, read by chrono (its `%B` also reads the short name).
const WORDED: [&str; 8] = [
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%a, %B %d, %Y",
    "%A, %B %d, %Y",
    "%B %d, %Y %H:%M",
    "%d %B %Y %H:%M",
];

#[derive(Debug, Clone, Default)]
pub struct DateParser {
    /// `--date-format`s, in the order given.
    custom: Vec<String>,
    order: Option<DayOrder>,
}

impl DateParser {
    /// `custom` is a chrono strftime format (`%d/%m/%Y`), tried before the built-in forms. It is
    /// not checked: use `with_formats` for a format from the command line.
    pub fn new(custom: Option<String>) -> DateParser {
        DateParser {
            custom: custom.into_iter().collect(),
            order: None,
        }
    }

    /// `with_formats` for one format and no day order.
    pub fn with_format(format: &str) -> Result<DateParser, String> {
        DateParser::with_formats(&[format.to_string()], None)
    }

    /// The parser for the command line's `--date-format`s (tried in order) and day order. A
    /// format that chrono cannot read, or that cannot give a whole date, would reject every row,
    /// so it is refused with the reason. Never panics, whatever the format.
    pub fn with_formats(formats: &[String], order: Option<DayOrder>) -> Result<DateParser, String> {
        for format in formats {
            check_format(format)?;
        }
        Ok(DateParser {
            custom: formats.to_vec(),
            order,
        })
    }

    pub fn parse(&self, text: &str) -> Result<NaiveDateTime, DateError> {
        let text = crate::claim::trim(text);
        let mut impossible = false;
        for format in &self.custom {
            match parse_with(text, format) {
                Ok(t) => return Ok(t),
                Err(DateError::Impossible) => impossible = true,
                Err(_) => {}
            }
        }
        let built_in = self.parse_built_in(text);
        // A date in the user's format naming a day that does not exist (31/02/2023) is
        // impossible, not unrecognised.
        match built_in {
            Err(_) if impossible => Err(DateError::Impossible),
            result => result,
        }
    }

    fn parse_built_in(&self, text: &str) -> Result<NaiveDateTime, DateError> {
        let bytes = text.as_bytes();
        // The common exact shapes by hand: chrono's general parser costs several times more.
        let exact = match bytes.len() {
            10 => ymd(bytes).map(|d| d.and_time(NaiveTime::MIN)),
            8 => compact_ymd(bytes).map(|d| d.and_time(NaiveTime::MIN)),
            16 | 19 if matches!(bytes[10], b' ' | b'T') => {
                ymd(&bytes[..10]).and_then(|date| hms(&bytes[11..]).map(|t| date.and_time(t)))
            }
            _ => Err(DateError::Unrecognised),
        };
        if exact != Err(DateError::Unrecognised) {
            return exact;
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Ok(t.naive_utc());
        }
        // Fractional seconds without a zone, as some exports write them.
        if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f") {
            return Ok(t);
        }
        if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
            return Ok(t);
        }
        if bytes.iter().any(u8::is_ascii_alphabetic) {
            if let Ok(t) = DateTime::parse_from_rfc2822(text) {
                return Ok(t.naive_utc());
            }
            return parse_any(text, &WORDED);
        }
        if is_numeric_day_month(bytes) {
            return match self.order {
                Some(order) => parse_any(text, order.formats()),
                None => Err(DateError::Ambiguous),
            };
        }
        Err(DateError::Unrecognised)
    }

    /// What the user should write instead, for rejection messages.
    pub fn expected(&self) -> String {
        let built_in = "YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, RFC 3339, RFC 2822, YYYY-MM-DD HH:MM[:SS] \
                        or Feb 1, 2022";
        match self.custom.as_slice() {
            [] => format!("{built_in} (or give --date-format)"),
            formats => {
                let formats: Vec<String> = formats.iter().map(|f| format!("`{f}`")).collect();
                format!("{} (from --date-format), {built_in}", formats.join(", "))
            }
        }
    }
}

/// Refuses a format chrono cannot read, or one that does not give a whole date. Whether it
/// gives one is tried by writing a known moment in it and reading that back.
fn check_format(format: &str) -> Result<(), String> {
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "--date-format `{format}` is not a strftime format chrono knows \
             (for example %d/%m/%Y, %m/%d/%Y %H:%M, %d %b %Y, %a, %d %b %Y %H:%M:%S %z)"
        ));
    }
    // A moment with an offset, so that formats with a time zone (%z, %:z) can be written too;
    // writing goes through `write!` so that a format chrono cannot write is an error, not a
    // panic.
    let sample = NaiveDate::from_ymd_opt(2023, 3, 14)
        .and_then(|d| d.and_hms_opt(10, 5, 9))
        .unwrap_or_default()
        .and_utc()
        .fixed_offset();
    let mut written = String::new();
    let wrote = write!(
        written,
        "{}",
        sample.format_with_items(StrftimeItems::new(format))
    );
    let whole = wrote.is_ok()
        && parse_with(&written, format).is_ok_and(|t| t.date() == sample.date_naive());
    if whole {
        Ok(())
    } else {
        Err(format!(
            "--date-format `{format}` does not give a whole date (it needs the year, the month \
             and the day, as in %d/%m/%Y)"
        ))
    }
}

/// The text read with one chrono format: with a time zone (converted to UTC), a date and time,
/// or a date alone.
fn parse_with(text: &str, format: &str) -> Result<NaiveDateTime, DateError> {
    use chrono::format::ParseErrorKind;
    if let Ok(t) = DateTime::parse_from_str(text, format) {
        return Ok(t.naive_utc());
    }
    let error = match NaiveDateTime::parse_from_str(text, format) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    if let Ok(d) = NaiveDate::parse_from_str(text, format) {
        return Ok(d.and_time(NaiveTime::MIN));
    }
    Err(match error.kind() {
        ParseErrorKind::OutOfRange | ParseErrorKind::Impossible => DateError::Impossible,
        _ => DateError::Unrecognised,
    })
}

/// The first of `formats` that reads the text; impossible if one reads it as no real day.
fn parse_any(text: &str, formats: &[&str]) -> Result<NaiveDateTime, DateError> {
    let mut error = DateError::Unrecognised;
    for format in formats {
        match parse_with(text, format) {
            Ok(t) => return Ok(t),
            Err(DateError::Impossible) => error = DateError::Impossible,
            Err(_) => {}
        }
    }
    Err(error)
}

/// Whether the text starts like `1/2/2022`, `01.02.2022` or `1-2-2022`: two numbers of one or
/// two digits and a year, the same separator twice.
fn is_numeric_day_month(b: &[u8]) -> bool {
    let digits_at = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = digits_at(0);
    if !(1..=2).contains(&first) {
        return false;
    }
    let Some(&sep) = b.get(first).filter(|s| matches!(s, b'/' | b'.' | b'-')) else {
        return false;
    };
    let second = digits_at(first + 1);
    let at = first + 1 + second;
    (1..=2).contains(&second) && b.get(at) == Some(&sep) && digits_at(at + 1) >= 2
}

/// Parses the exact shapes `YYYY-MM-DD` and `YYYY/MM/DD` by hand: they are by far the most
/// common.
fn ymd(b: &[u8]) -> Result<NaiveDate, DateError> {
    if b.len() != 10 || !matches!(b[4], b'-' | b'/') || b[7] != b[4] {
        return Err(DateError::Unrecognised);
    }
    date_of(digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYYMMDD`, as databases export it.
fn compact_ymd(b: &[u8]) -> Result<NaiveDate, DateError> {
    date_of(digits(&b[0..4])?, digits(&b[4..6])?, digits(&b[6..8])?)
}

fn date_of(year: u32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateError::Impossible)
}

/// `HH:MM:SS` or `HH:MM`.
fn hms(b: &[u8]) -> Result<NaiveTime, DateError> {
    let seconds = match b.len() {
        8 if b[5] == b':' => digits(&b[6..8])?,
        5 => 0,
        _ => return Err(DateError::Unrecognised),
    };
    if b[2] != b':' {
        return Err(DateError::Unrecognised);
    }
    let (h, m) = (digits(&b[0..2])?, digits(&b[3..5])?);
    NaiveTime::from_hms_opt(h, m, seconds).ok_or(DateError::Impossible)
}

fn digits(b: &[u8]) -> Result<u32, DateError> {
    b.iter().try_fold(0u32, |n, &c| {
        if c.is_ascii_digit() {
            Ok(n * 10 + u32::from(c - b'0'))
        } else {
            Err(DateError::Unrecognised)
        }
    })
}

/// A bound of `--since` or `--until` as typed, parsed once at the command line; it becomes a
/// day once the as-of date is known (`resolve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// A day, month or year: its first and last day.
    Span(NaiveDate, NaiveDate),
    /// So many days, weeks or months before the as-of date.
    Back { days: u32, months: u32 },
}

impl DateBound {
    /// `2022-03-14` (or any built-in date form), `2022-03`, `2022`, `7d`, `4w`, `3m`.
    pub fn parse(text: &str) -> Result<DateBound, String> {
        DateBound::parse_with(text, &DateParser::default())
    }

    /// `parse`, reading a day as `dates` does (with `--date-format`, `--dayfirst`, ...).
    pub fn parse_with(text: &str, dates: &DateParser) -> Result<DateBound, String> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let number = |t: &str| t.parse::<u32>().ok();
        if let Some((n, unit)) = text
            .len()
            .checked_sub(1)
            .and_then(|at| Some((number(text.get(..at)?)?, bytes[at])))
        {
            match unit {
                b'd' => return Ok(DateBound::Back { days: n, months: 0 }),
                b'w' => {
                    let days = n.checked_mul(7).ok_or("too many weeks")?;
                    return Ok(DateBound::Back { days, months: 0 });
                }
                b'm' => return Ok(DateBound::Back { days: 0, months: n }),
                _ => {}
            }
        }
        if bytes.len() == 4 && bytes.iter().all(u8::is_ascii_digit) {
            let year = number(text).and_then(|y| i32::try_from(y).ok());
            if let Some((first, last)) = year.and_then(|y| {
                Some((
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y, 12, 31)?,
                ))
            }) {
                return Ok(DateBound::Span(first, last));
            }
        }
        if bytes.len() == 7 && matches!(bytes[4], b'-' | b'/') {
            let first = date_of(
                digits(&bytes[..4]).map_err(|_| bound_error(text))?,
                digits(&bytes[5..]).map_err(|_| bound_error(text))?,
                1,
            )
            .map_err(|_| format!("no such month `{text}`"))?;
            let last = first
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .ok_or_else(|| bound_error(text))?;
            return Ok(DateBound::Span(first, last));
        }
        match dates.parse(text) {
            Ok(t) => Ok(DateBound::Span(t.date(), t.date())),
            Err(DateError::Impossible) => Err(format!("no such day `{text}`")),
            Err(DateError::Ambiguous) => Err(format!(
                "ambiguous day `{text}`: say which number is the day with --dayfirst or \
                 --monthfirst, or write it as YYYY-MM-DD"
            )),
            Err(_) => Err(bound_error(text)),
        }
    }

    /// The first day the bound allows, for `--since`.
    pub fn first_day(self, as_of: NaiveDate) -> NaiveDate {
        match self {
            DateBound::Span(first, _) => first,
            back => back.back_from(as_of),
        }
    }

    /// The last day the bound allows, for `--until`.
    pub fn last_day(self, as_of: NaiveDate) -> NaiveDate {
        match self {
            DateBound::Span(_, last) => last,
            back => back.back_from(as_of),
        }
    }

    fn back_from(self, as_of: NaiveDate) -> NaiveDate {
        let DateBound::Back { days, months } = self else {
            return as_of;
        };
        as_of
            .checked_sub_months(Months::new(months))
            .and_then(|d| d.checked_sub_days(chrono::Days::new(u64::from(days))))
            .unwrap_or(NaiveDate::MIN.with_year(1).unwrap_or(NaiveDate::MIN))
    }
}

fn bound_error(text: &str) -> String {
    format!(
        "expected a day (2022-03-14, or any date form claimtrack reads), a month (2022-03), a \
         year (2022) or a span back from the as-of date (7d, 4w, 3m); got `{}`",
        text.escape_debug()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, s)
            .unwrap()
    }

    #[test]
    fn built_in_forms() {
        let p = DateParser::default();
        assert_eq!(p.parse("2022-02-01"), Ok(at(2022, 2, 1, 0, 0, 0)));
        assert_eq!(p.parse(" 2022-02-01 "), Ok(at(2022, 2, 1, 0, 0, 0)));
        assert_eq!(
            p.parse("2023-03-14 10:05:09"),
            Ok(at(2023, 3, 14, 10, 5, 9))
        );
        assert_eq!(
            p.parse("2023-03-14T10:05:09"),
            Ok(at(2023, 3, 14, 10, 5, 9))
        );
        assert_eq!(
            p.parse("2023-03-14T10:00:00Z"),
            Ok(at(2023, 3, 14, 10, 0, 0))
        );
        // Converted to UTC: the day can change.
        assert_eq!(
            p.parse("2023-03-14T23:30:00-05:00"),
            Ok(at(2023, 3, 15, 4, 30, 0))
        );
    }

    #[test]
    fn impossible_and_unknown_dates_are_told_apart() {
        let p = DateParser::default();
        assert_eq!(p.parse("2023-02-29"), Err(DateError::Impossible));
        assert_eq!(
            p.parse("2024-02-29").map(|d| d.date()),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert_eq!(p.parse("2023-13-01"), Err(DateError::Impossible));
        assert_eq!(p.parse("2023-01-01 25:00:00"), Err(DateError::Impossible));
        assert_eq!(p.parse("14/03/2023"), Err(DateError::Ambiguous));
        assert_eq!(p.parse(""), Err(DateError::Unrecognised));
        assert_eq!(p.parse("２０２３-01-01"), Err(DateError::Unrecognised));
    }

    #[test]
    fn custom_format_comes_first() {
        let p = DateParser::new(Some("%d/%m/%Y".to_string()));
        assert_eq!(p.parse("14/03/2023"), Ok(at(2023, 3, 14, 0, 0, 0)));
        assert_eq!(p.parse("2023-03-14"), Ok(at(2023, 3, 14, 0, 0, 0)));
        let p = DateParser::new(Some("%m/%d/%Y %H:%M".to_string()));
        assert_eq!(p.parse("03/14/2023 10:05"), Ok(at(2023, 3, 14, 10, 5, 0)));
        // A day that does not exist, in the user's format, is impossible.
        let p = DateParser::new(Some("%d/%m/%Y".to_string()));
        assert_eq!(p.parse("31/02/2023"), Err(DateError::Impossible));
        assert_eq!(p.parse("31-02-2023"), Err(DateError::Ambiguous));
        assert_eq!(p.parse("2023-02-31"), Err(DateError::Impossible));
    }

    #[test]
    fn formats_that_cannot_give_a_date_are_refused() {
        assert!(DateParser::with_format("%d/%m/%Y").is_ok());
        assert!(DateParser::with_format("%d %b %Y").is_ok());
        assert!(DateParser::with_format("%Y-%m-%dT%H:%M").is_ok());
        let unknown = DateParser::with_format("%Q").unwrap_err();
        assert!(
            unknown.contains("`%Q`") && unknown.contains("not a strftime"),
            "{unknown}"
        );
        let partial = DateParser::with_format("%H:%M").unwrap_err();
        assert!(partial.contains("whole date"), "{partial}");
        assert!(DateParser::with_format("%m/%Y").is_err());
    }

    #[test]
    fn more_built_in_forms_as_a_table() {
        let p = DateParser::default();
        for (text, want) in [
            ("2022/02/01", Ok(at(2022, 2, 1, 0, 0, 0))),
            ("20220201", Ok(at(2022, 2, 1, 0, 0, 0))),
            ("20220230", Err(DateError::Impossible)),
            ("2022-02-01 10:05", Ok(at(2022, 2, 1, 10, 5, 0))),
            ("2022-02-01T10:05", Ok(at(2022, 2, 1, 10, 5, 0))),
            ("2022-02-01 24:05", Err(DateError::Impossible)),
            (
                "Tue, 01 Feb 2022 10:00:00 +0000",
                Ok(at(2022, 2, 1, 10, 0, 0)),
            ),
            (
                "Tue, 01 Feb 2022 23:00:00 -0200",
                Ok(at(2022, 2, 2, 1, 0, 0)),
            ),
            ("Feb 1, 2022", Ok(at(2022, 2, 1, 0, 0, 0))),
            ("February 1, 2022", Ok(at(2022, 2, 1, 0, 0, 0))),
            ("1 February 2022", Ok(at(2022, 2, 1, 0, 0, 0))),
            ("01 Feb 2022", Ok(at(2022, 2, 1, 0, 0, 0))),
            ("Feb 30, 2022", Err(DateError::Impossible)),
            ("02/01/2022", Err(DateError::Ambiguous)),
            ("2.1.2022", Err(DateError::Ambiguous)),
            ("1/2/2022", Err(DateError::Ambiguous)),
            ("2022.02.01", Err(DateError::Unrecognised)),
            ("1234567", Err(DateError::Unrecognised)),
            ("next Tuesday", Err(DateError::Unrecognised)),
        ] {
            assert_eq!(p.parse(text), want, "{text}");
        }
    }

    #[test]
    fn numeric_orders_only_when_told() {
        let day = DateParser::with_formats(&[], Some(DayOrder::DayFirst)).unwrap();
        let month = DateParser::with_formats(&[], Some(DayOrder::MonthFirst)).unwrap();
        for (text, day_first, month_first) in [
            (
                "02/01/2022",
                Ok(at(2022, 1, 2, 0, 0, 0)),
                Ok(at(2022, 2, 1, 0, 0, 0)),
            ),
            (
                "2.1.2022",
                Ok(at(2022, 1, 2, 0, 0, 0)),
                Ok(at(2022, 2, 1, 0, 0, 0)),
            ),
            (
                "02/01/2022 10:30",
                Ok(at(2022, 1, 2, 10, 30, 0)),
                Ok(at(2022, 2, 1, 10, 30, 0)),
            ),
            (
                "13/01/2022",
                Ok(at(2022, 1, 13, 0, 0, 0)),
                Err(DateError::Impossible),
            ),
            (
                "2022-01-13",
                Ok(at(2022, 1, 13, 0, 0, 0)),
                Ok(at(2022, 1, 13, 0, 0, 0)),
            ),
        ] {
            assert_eq!(day.parse(text), day_first, "dayfirst {text}");
            assert_eq!(month.parse(text), month_first, "monthfirst {text}");
        }
    }

    #[test]
    fn several_formats_in_order_and_time_zones() {
        let formats = [
            "%d.%m.%y".to_string(),
            "%a, %d %b %Y %H:%M:%S %z".to_string(),
        ];
        let p = DateParser::with_formats(&formats, None).unwrap();
        assert_eq!(p.parse("14.03.23"), Ok(at(2023, 3, 14, 0, 0, 0)));
        assert_eq!(
            p.parse("Tue, 14 Mar 2023 10:00:00 +0100"),
            Ok(at(2023, 3, 14, 9, 0, 0))
        );
        assert!(DateParser::with_format("%Y-%m-%d %H:%M %:z").is_ok());
        assert!(DateParser::with_format("%s").is_ok());
        for bad in ["%", "%Y-%m-%", "%E", "%.3", "%:"] {
            assert!(DateParser::with_format(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_of_since_and_until() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let as_of = day(2023, 3, 31);
        for (text, first, last) in [
            ("2022-03-14", day(2022, 3, 14), day(2022, 3, 14)),
            ("Feb 1, 2022", day(2022, 2, 1), day(2022, 2, 1)),
            ("2022-02", day(2022, 2, 1), day(2022, 2, 28)),
            ("2024-02", day(2024, 2, 1), day(2024, 2, 29)),
            ("2022", day(2022, 1, 1), day(2022, 12, 31)),
            ("7d", day(2023, 3, 24), day(2023, 3, 24)),
            ("4w", day(2023, 3, 3), day(2023, 3, 3)),
            ("1m", day(2023, 2, 28), day(2023, 2, 28)),
        ] {
            let bound = DateBound::parse(text).unwrap();
            assert_eq!(bound.first_day(as_of), first, "{text}");
            assert_eq!(bound.last_day(as_of), last, "{text}");
        }
        for bad in [
            "",
            "d",
            "7y",
            "2022-13",
            "2022-02-30",
            "soon",
            "99999999999d",
        ] {
            assert!(DateBound::parse(bad).is_err(), "{bad}");
        }
        let huge = DateBound::parse("4000000000d").unwrap();
        assert!(huge.first_day(as_of) < as_of);
    }
}
