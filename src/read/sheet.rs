//! `.xlsx`, `.ods` (and old `.xls`) sheets through calamine, written out as CSV text for the
//! reader: one sheet, `--sheet NAME` or the first. Dates become `YYYY-MM-DD` (with the time
//! when it is not midnight), whole numbers lose the `.0` a float would print.
//!
//! calamine reads a sheet whole, into memory about three times its XML (a 300 MB cell in a
//! 293 KB xlsx peaked at 895 MB), so before it is given the workbook the XML parts of a zipped
//! one (`.xlsx`, `.ods`) are unpacked once into nothing, counted as they stream: more than
//! `--max-record-size` of them in all (64 MiB by default, the bound a run keeps one record to)
//! and the workbook is refused with a message, before any of it is parsed. Their sizes are
//! counted, not taken from the zip's directory, which a crafted file can fill with any number.

use std::io::{self, Cursor, Read};

use calamine::{Data, Reader};

/// The sheet as CSV bytes, and a note saying which sheet was read; or the message for the user.
/// A damaged workbook that makes the reader panic is a message too: this runs before any worker
/// thread starts, so the panic hook is silenced for the while.
pub fn to_csv(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    limit: u64,
) -> Result<(Vec<u8>, String), String> {
    if bytes.starts_with(b"PK") {
        check_unpacked(&bytes, limit)?;
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(bytes, sheet)));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| {
        Err(
            "the workbook could not be read (it may be damaged); open it and save it again, \
             or export the sheet as CSV"
                .to_string(),
        )
    })
}

/// Refuses a zipped workbook whose XML parts unpack to more than `limit` bytes in all (see the
/// module's comment). An archive the zip reader cannot open is left to calamine's message.
fn check_unpacked(bytes: &[u8], limit: u64) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            return Ok(());
        };
        if !part.name().to_ascii_lowercase().ends_with(".xml") {
            continue;
        }
        let left = limit.saturating_sub(total);
        // A damaged part is calamine's to name.
        let Ok(unpacked) = io::copy(&mut (&mut part).take(left + 1), &mut io::sink()) else {
            return Ok(());
        };
        total += unpacked;
        if total > limit {
            return Err(format!(
                "the workbook's XML unpacks to more than --max-record-size ({limit} bytes), and \
                 a sheet is converted in memory (about three times that); export the sheet as \
                 CSV, which is read as a stream, or raise --max-record-size if the machine has \
                 the memory"
            ));
        }
    }
    Ok(())
}

fn read(bytes: Vec<u8>, sheet: Option<&str>) -> Result<(Vec<u8>, String), String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        format!(
            "this is a zip archive or an old Excel file, but not a sheet claimtrack can read \
             ({e}); if it is an .xlsx or .ods export, open it and save it again, or export the \
             sheet as CSV"
        )
    })?;
    let names = book.sheet_names();
    let Some(first) = names.first() else {
        return Err("the workbook has no sheets".to_string());
    };
    let chosen = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .ok_or_else(|| {
                format!(
                    "no sheet `{}`; the workbook has: {}",
                    crate::message::field(wanted),
                    crate::message::list(&names)
                )
            })?,
        None => first,
    }
    .clone();
    let range = book.worksheet_range(&chosen).map_err(|e| {
        format!(
            "cannot read sheet `{}`: {e}",
            crate::message::field(&chosen)
        )
    })?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut cells = Vec::new();
    for row in range.rows() {
        cells.clear();
        cells.extend(row.iter().map(cell_text));
        out.write_record(&cells).map_err(|e| {
            format!(
                "cannot convert sheet `{}`: {e}",
                crate::message::field(&chosen)
            )
        })?;
    }
    let csv = out.into_inner().map_err(|e| {
        format!(
            "cannot convert sheet `{}`: {}",
            crate::message::field(&chosen),
            e.error()
        )
    })?;
    let note = if names.len() > 1 {
        format!(
            "read sheet `{}` of {} ({}); choose another with --sheet NAME",
            crate::message::field(&chosen),
            names.len(),
            crate::message::list(&names)
        )
    } else {
        format!("read sheet `{}`", crate::message::field(&chosen))
    };
    Ok((csv, note))
}

/// A cell as the text a CSV export would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_csv_export_would_write_them() {
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Bool(true)), "true");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(cell_text(&Data::String("Kim".into())), "Kim");
    }

    #[test]
    fn a_zip_that_is_no_sheet_is_explained() {
        let err = to_csv(b"PK\x03\x04 not really".to_vec(), None, 1 << 20).unwrap_err();
        assert!(err.contains("not a sheet"), "{err}");
    }
}
