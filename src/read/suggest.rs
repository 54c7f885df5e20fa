//! Suggestions for a header that lacks required columns: for each missing field, the header
//! names most like it, as ready-to-type `--column` arguments. Names people commonly give a
//! field (`quote` for the claim) live in `header_names.csv`, to extend without code.

use crate::input::Field;

const HEADER_NAMES: &str = include_str!("header_names.csv");

/// At most this many suggestions per missing field.
const MAX_SUGGESTIONS: usize = 3;

/// Longer header names, or names with control characters, are never suggested: no one types
/// them, and a hostile 60 MB name would make a 60 MB message (and a slow comparison).
const MAX_SUGGESTED_LEN: usize = 256;

/// How alike a header name is to a field's, from 0 to 1: 1 for a name listed for the field,
/// 0.9 when one contains the other, else the Jaro-Winkler similarity of the two.
fn likeness(field: Field, header: &str) -> f64 {
    let header = squash(header);
    if header.is_empty() {
        return 0.0;
    }
    let name = squash(field.name());
    let listed = HEADER_NAMES.lines().skip(1).any(|line| {
        line.split_once(',')
            .is_some_and(|(f, h)| f == field.name() && squash(h) == header)
    });
    if listed || header == name {
        return 1.0;
    }
    if header.contains(&name) || (name.contains(&header) && header.len() >= 3) {
        return 0.9;
    }
    strsim::jaro_winkler(&header, &name)
}

/// Lower case, letters and digits only: `Pub. Date` and `pub_date` compare equal.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The message for a header that lacks the `missing` fields: all of them at once, each with
/// the closest header names as `--column` arguments. `headers` are the file's header names;
/// `used` marks the ones already taken by a field.
pub fn missing_columns(missing: &[Field], headers: &[String], used: &[bool]) -> String {
    let names: Vec<String> = missing.iter().map(|f| format!("`{}`", f.name())).collect();
    let (noun, them) = if missing.len() == 1 {
        ("column", "it")
    } else {
        ("columns", "them")
    };
    let mut message = format!(
        "missing required {noun} {}; the header has: {}.",
        names.join(", "),
        crate::message::list(headers)
    );
    for &field in missing {
        let mut scored: Vec<(f64, &String)> = headers
            .iter()
            .zip(used.iter().chain(std::iter::repeat(&false)))
            .filter(|(h, used)| {
                !**used
                    && !h.trim().is_empty()
                    && h.len() <= MAX_SUGGESTED_LEN
                    && !h.chars().any(char::is_control)
            })
            .map(|(h, _)| (likeness(field, h), h))
            .filter(|(score, _)| *score >= 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let tries: Vec<String> = scored
            .iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, h)| format!("--column {}={}", field.name(), quoted(h)))
            .collect();
        if tries.is_empty() {
            message.push_str(&format!(
                " No header looks like `{}`: name the column that holds {them} with --column {}=NAME.",
                field.name(),
                field.name()
            ));
        } else {
            message.push_str(&format!(
                " For `{}`, try {}.",
                field.name(),
                tries.join(" or ")
            ));
        }
    }
    message
}

/// A header name as a shell word: quoted when it has anything but letters, digits, `_`, `-`
/// and `.`.
fn quoted(header: &str) -> String {
    let header = header.trim();
    if !header.is_empty()
        && header
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        header.to_string()
    } else {
        format!(
            "'{}'",
            crate::message::field(&header.replace('\'', "'\\''"))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_no_one_can_type_are_not_suggested() {
        let long = format!("claim{}", "x".repeat(10_000));
        let headers = vec![long, "clai\u{1b}[31mm".to_string(), "date".to_string()];
        let message = missing_columns(&[Field::Claim], &headers, &[false, false, false]);
        assert!(message.len() < 2_000, "{} bytes", message.len());
        assert!(!message.contains("try --column"), "{message}");
        assert!(!message.contains('\u{1b}'), "{message}");
    }

    #[test]
    fn every_missing_field_gets_its_closest_headers() {
        let headers: Vec<String> = ["Published", "Subject", "quote", "Outlet"]
            .map(String::from)
            .to_vec();
        let used = [false, false, false, true];
        let message = missing_columns(&[Field::Date, Field::Person, Field::Claim], &headers, &used);
        assert!(
            message.contains("columns `date`, `person`, `claim`"),
            "{message}"
        );
        assert!(message.contains("--column date=Published"), "{message}");
        assert!(message.contains("--column person=Subject"), "{message}");
        assert!(message.contains("--column claim=quote"), "{message}");
        assert!(!message.contains("=Outlet"), "{message}");
    }

    #[test]
    fn likeness_reads_spelling_and_listed_names() {
        assert_eq!(likeness(Field::Date, "pub_date"), 1.0);
        assert_eq!(likeness(Field::Date, "Pub. Date"), 1.0);
        assert!(likeness(Field::Date, "Date of publication") >= 0.9);
        assert!(likeness(Field::Claim, "claims") >= 0.9);
        assert!(likeness(Field::Person, "persn") > 0.8);
        assert!(likeness(Field::Claim, "outlet") < 0.7);
        assert_eq!(likeness(Field::Claim, ""), 0.0);
        assert_eq!(quoted("pub date"), "'pub date'");
        assert_eq!(quoted("pub_date"), "pub_date");
    }
}
