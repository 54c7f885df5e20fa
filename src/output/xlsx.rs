//! Excel workbooks (rust_xlsxwriter): one sheet per table, named after the command; numbers as
//! numbers with their decimals, `YYYY-MM-DD` days as dates, everything else as text (never a
//! formula, whatever it starts with); the header row bold, frozen and filtered.
//!
//! The sheet is written in rust_xlsxwriter's constant-memory mode: each row goes to a
//! temporary file (in `$TMPDIR`, removed by the system when the run ends however it ends) as
//! soon as the next one starts, so memory does not grow with the rows (it grew by about 3 KB a
//! row: 3.2 GB for 1M `label` rows). At `finish` the zip is assembled in memory (its compressed
//! size) and written to the same `Sink` as every other format, so `-o` stays whole-or-nothing.
//! Column widths are measured as the cells go by (Excel's autofit needs every row in memory).

use std::io::{self, Write};

use rust_xlsxwriter::{ColNum, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError};

use super::{Sink, Value, Writer};

/// Excel's own limits: rows per sheet and characters per cell.
const MAX_ROWS: u64 = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;
/// A column is made at most this wide (characters), as autofit's 400 pixels did.
const WIDEST: u16 = 55;

pub struct XlsxWriter {
    out: Sink,
    workbook: Workbook,
    /// Each column's widest cell so far, in characters (capped at `WIDEST`).
    widths: Vec<u16>,
    header: Format,
    date: Format,
    /// Number formats by decimal places: `0`, `0.0`, … `0.0000`.
    decimals: Vec<Format>,
    columns: ColNum,
    row: RowNum,
    column: ColNum,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("cannot write the workbook: {e}"))
}

impl XlsxWriter {
    pub fn new(out: Sink, name: &str) -> io::Result<XlsxWriter> {
        // rust_xlsxwriter makes its temporary file with an unwrap: a temporary folder that
        // cannot take one is a message here, not a panic there.
        tempfile::tempfile().map_err(|e| {
            io::Error::other(format!(
                "cannot write the workbook: no temporary file in {} ({e}); set TMPDIR to a \
                 writable folder",
                std::env::temp_dir().display()
            ))
        })?;
        let mut workbook = Workbook::new();
        workbook
            .add_worksheet_with_constant_memory()
            .set_name(name)
            .map_err(xlsx_error)?;
        Ok(XlsxWriter {
            out,
            workbook,
            widths: Vec::new(),
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            decimals: (0..=8)
                .map(|places| {
                    let pattern = match places {
                        0 => "0".to_string(),
                        n => format!("0.{}", "0".repeat(n)),
                    };
                    Format::new().set_num_format(pattern)
                })
                .collect(),
            columns: 0,
            row: 0,
            column: 0,
        })
    }

    /// Notes that column `col` holds a cell `chars` characters wide.
    fn widen(&mut self, col: ColNum, chars: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        let chars = u16::try_from(chars).unwrap_or(WIDEST).min(WIDEST);
        self.widths[col] = self.widths[col].max(chars);
    }
}

fn sheet(workbook: &mut Workbook) -> io::Result<&mut Worksheet> {
    workbook.worksheet_from_index(0).map_err(xlsx_error)
}

/// A strict `YYYY-MM-DD` day, as the tool writes days; anything else stays text.
fn day(text: &str) -> Option<ExcelDateTime> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return None;
    }
    if !digits(8..10) {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}

impl Writer for XlsxWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        for (i, name) in columns.iter().enumerate() {
            let col =
                ColNum::try_from(i).map_err(|_| io::Error::other("too many columns for Excel"))?;
            sheet(&mut self.workbook)?
                .write_string_with_format(0, col, *name, &self.header)
                .map_err(xlsx_error)?;
            // The filter's drop-down arrow takes about two characters.
            self.widen(col, name.chars().count() + 2);
        }
        self.columns = ColNum::try_from(columns.len()).unwrap_or(ColNum::MAX);
        self.row = 1;
        Ok(())
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        let (row, col) = (self.row, self.column);
        let sheet = sheet(&mut self.workbook)?;
        let chars = match value {
            Value::Text(text) => match day(text) {
                Some(date) => {
                    sheet
                        .write_datetime_with_format(row, col, date, &self.date)
                        .map_err(xlsx_error)?;
                    10
                }
                None => {
                    // Bytes bound characters from above: counted only when they might be over.
                    let chars = if text.len() > usize::from(WIDEST) {
                        text.chars().count()
                    } else {
                        text.len()
                    };
                    if chars > MAX_CELL_CHARS {
                        return Err(io::Error::other(format!(
                            "row {row}, column {}: {} bytes of text, more than an Excel cell \
                             holds ({MAX_CELL_CHARS} characters); write CSV instead",
                            col + 1,
                            text.len()
                        )));
                    }
                    // Always a string: a cell starting with `=` is data, not a formula.
                    sheet.write_string(row, col, text).map_err(xlsx_error)?;
                    chars
                }
            },
            Value::Int(n) => {
                sheet
                    .write_number_with_format(row, col, n as f64, &self.decimals[0])
                    .map_err(xlsx_error)?;
                n.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 2
            }
            Value::Decimal { units, places } => {
                let number = units as f64 / 10f64.powi(i32::from(places));
                let format = &self.decimals[usize::from(places).min(self.decimals.len() - 1)];
                sheet
                    .write_number_with_format(row, col, number, format)
                    .map_err(xlsx_error)?;
                units.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 3
            }
            Value::Null => 0,
        };
        self.widen(col, chars);
        self.column = self.column.saturating_add(1);
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        if u64::from(self.row) + 1 >= MAX_ROWS {
            return Err(io::Error::other(format!(
                "more rows than an Excel sheet holds ({MAX_ROWS}); write CSV instead"
            )));
        }
        self.columns = self.columns.max(self.column);
        self.row += 1;
        self.column = 0;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Sink> {
        let last_col = self.columns.saturating_sub(1);
        let (row, columns) = (self.row, self.columns);
        let widths = std::mem::take(&mut self.widths);
        let sheet = sheet(&mut self.workbook)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        if columns > 0 {
            sheet
                .autofilter(0, 0, row.saturating_sub(1), last_col)
                .map_err(xlsx_error)?;
        }
        for (col, chars) in widths.into_iter().enumerate() {
            let Ok(col) = ColNum::try_from(col) else {
                break;
            };
            // Excel's width unit is a character of the default font, plus its padding.
            sheet
                .set_column_width(col, f64::from(chars.max(4)) + 1.0)
                .map_err(xlsx_error)?;
        }
        let bytes = self.workbook.save_to_buffer().map_err(xlsx_error)?;
        self.out.write_all(&bytes)?;
        Ok(self.out)
    }
}
