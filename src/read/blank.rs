//! Spreadsheet leftovers: rows of only delimiters (`,,,,`) are blank lines, and empty fields
//! after the last column are no fields at all.

use csv::StringRecord;

/// Whether every field of the record is empty or spaces: a blank line as a spreadsheet
/// exports it. Costs a byte or two for a record with data in its first field.
pub fn is_blank(record: &StringRecord) -> bool {
    record.as_slice().trim().is_empty()
}

/// Whether the record has more fields than `width` and all the extra ones are empty.
pub fn only_empty_after(record: &StringRecord, width: usize) -> bool {
    record.len() > width && record.iter().skip(width).all(|f| f.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_rows_and_trailing_empty_fields() {
        assert!(is_blank(&StringRecord::from(vec!["", " ", ""])));
        assert!(!is_blank(&StringRecord::from(vec!["", "x", ""])));
        let record = StringRecord::from(vec!["a", "b", "", " "]);
        assert!(only_empty_after(&record, 2));
        assert!(!only_empty_after(&record, 1));
        assert!(!only_empty_after(&record, 4));
    }
}
