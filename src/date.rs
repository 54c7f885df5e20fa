//! Publication dates: `YYYY-MM-DD`, RFC 3339 (`2023-03-14T10:00:00Z`, converted to UTC) and
//! `YYYY-MM-DD HH:MM:SS` are always accepted; `--date-format` adds one strftime format.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// Why a date field was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text has the shape of a date but names no real day or time ("2023-02-30").
    Impossible,
    /// The text has no shape we know.
    Unrecognised,
}

#[derive(Debug, Clone, Default)]
pub struct DateParser {
    custom: Option<String>,
}

impl DateParser {
    /// `custom` is a chrono strftime format (`%d/%m/%Y`), tried before the built-in forms.
    pub fn new(custom: Option<String>) -> DateParser {
        DateParser { custom }
    }

    /// `new`, for a format from the command line: one that chrono cannot read, or that cannot
    /// give a whole date, would reject every row, so it is refused with the reason.
    pub fn with_format(format: &str) -> Result<DateParser, String> {
        use chrono::format::{Item, StrftimeItems};
        if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
            return Err(format!(
                "--date-format `{format}` is not a strftime format chrono knows \
                 (for example %d/%m/%Y, %m/%d/%Y %H:%M, %d %b %Y)"
            ));
        }
        // A format that names a whole date reads back a date written in it.
        let sample = NaiveDate::from_ymd_opt(2023, 3, 14)
            .unwrap_or_default()
            .and_time(NaiveTime::MIN);
        let written = sample.format(format).to_string();
        let parser = DateParser::new(Some(format.to_string()));
        match parser.parse_custom(&written) {
            Some(Ok(_)) => Ok(parser),
            _ => Err(format!(
                "--date-format `{format}` does not give a whole date (it needs the year, the \
                 month and the day, as in %d/%m/%Y)"
            )),
        }
    }

    pub fn parse(&self, text: &str) -> Result<NaiveDateTime, DateError> {
        let text = crate::claim::trim(text);
        let custom = self.parse_custom(text);
        if let Some(Ok(t)) = custom {
            return Ok(t);
        }
        let built_in = self.parse_built_in(text);
        // A date in the user's format naming a day that does not exist (31/02/2023) is
        // impossible, not unrecognised.
        match (built_in, custom) {
            (Err(DateError::Unrecognised), Some(Err(DateError::Impossible))) => {
                Err(DateError::Impossible)
            }
            (result, _) => result,
        }
    }

    /// The text read with `--date-format`, if one was given.
    fn parse_custom(&self, text: &str) -> Option<Result<NaiveDateTime, DateError>> {
        use chrono::format::ParseErrorKind;
        let format = self.custom.as_deref()?;
        let error = match NaiveDateTime::parse_from_str(text, format) {
            Ok(t) => return Some(Ok(t)),
            Err(e) => e,
        };
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Some(Ok(d.and_time(NaiveTime::MIN)));
        }
        Some(Err(match error.kind() {
            ParseErrorKind::OutOfRange | ParseErrorKind::Impossible => DateError::Impossible,
            _ => DateError::Unrecognised,
        }))
    }

    fn parse_built_in(&self, text: &str) -> Result<NaiveDateTime, DateError> {
        let bytes = text.as_bytes();
        match bytes.len() {
            10 => return ymd(bytes).map(|d| d.and_time(NaiveTime::MIN)),
            19 if matches!(bytes[10], b' ' | b'T') => {
                let date = ymd(&bytes[..10])?;
                return hms(&bytes[11..]).map(|t| date.and_time(t));
            }
            _ => {}
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
        Err(DateError::Unrecognised)
    }

    /// What the user should write instead, for rejection messages.
    pub fn expected(&self) -> String {
        match &self.custom {
            Some(f) => {
                format!("`{f}` (from --date-format), YYYY-MM-DD, RFC 3339 or YYYY-MM-DD HH:MM:SS")
            }
            None => {
                "YYYY-MM-DD, RFC 3339 or YYYY-MM-DD HH:MM:SS (or give --date-format)".to_string()
            }
        }
    }
}

/// Parses the exact shape `YYYY-MM-DD` by hand: it is by far the most common, and chrono's
/// general parser costs several times more per row.
fn ymd(b: &[u8]) -> Result<NaiveDate, DateError> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(DateError::Unrecognised);
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateError::Impossible)
}

fn hms(b: &[u8]) -> Result<NaiveTime, DateError> {
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return Err(DateError::Unrecognised);
    }
    let (h, m, s) = (digits(&b[0..2])?, digits(&b[3..5])?, digits(&b[6..8])?);
    NaiveTime::from_hms_opt(h, m, s).ok_or(DateError::Impossible)
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
        assert_eq!(p.parse("14/03/2023"), Err(DateError::Unrecognised));
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
        assert_eq!(p.parse("31-02-2023"), Err(DateError::Unrecognised));
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
}
