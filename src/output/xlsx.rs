//! Excel workbooks (rust_xlsxwriter): one sheet per table, named after the command; numbers as
//! numbers with their decimals, `YYYY-MM-DD` days as dates, everything else as text (never a
//! formula, whatever it starts with); the header row bold, frozen and filtered.
//!
//! The workbook is built in memory and written whole at `finish` (a zip file cannot stream),
//! to the same `Sink` as every other format, so `-o` stays whole-or-nothing.

use std::io::{self, Write};

use rust_xlsxwriter::{ColNum, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError};

use super::{Sink, Value, Writer};

/// Excel's own limits: rows per sheet and characters per cell.
const MAX_ROWS: u64 = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;

pub struct XlsxWriter {
    out: Sink,
    sheet: Worksheet,
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
        let mut sheet = Worksheet::new();
        sheet.set_name(name).map_err(xlsx_error)?;
        Ok(XlsxWriter {
            out,
            sheet,
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
            self.sheet
                .write_string_with_format(0, col, *name, &self.header)
                .map_err(xlsx_error)?;
        }
        self.columns = ColNum::try_from(columns.len()).unwrap_or(ColNum::MAX);
        self.row = 1;
        Ok(())
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        let (row, col) = (self.row, self.column);
        match value {
            Value::Text(text) => match day(text) {
                Some(date) => {
                    self.sheet
                        .write_datetime_with_format(row, col, date, &self.date)
                        .map_err(xlsx_error)?;
                }
                None => {
                    if text.chars().count() > MAX_CELL_CHARS {
                        return Err(io::Error::other(format!(
                            "row {row}, column {}: {} bytes of text, more than an Excel cell \
                             holds ({MAX_CELL_CHARS} characters); write CSV instead",
                            col + 1,
                            text.len()
                        )));
                    }
                    // Always a string: a cell starting with `=` is data, not a formula.
                    self.sheet
                        .write_string(row, col, text)
                        .map_err(xlsx_error)?;
                }
            },
            Value::Int(n) => {
                self.sheet
                    .write_number_with_format(row, col, n as f64, &self.decimals[0])
                    .map_err(xlsx_error)?;
            }
            Value::Decimal { units, places } => {
                let number = units as f64 / 10f64.powi(i32::from(places));
                let format = &self.decimals[usize::from(places).min(self.decimals.len() - 1)];
                self.sheet
                    .write_number_with_format(row, col, number, format)
                    .map_err(xlsx_error)?;
            }
            Value::Null => {}
        }
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
        self.sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        if self.columns > 0 {
            self.sheet
                .autofilter(0, 0, self.row.saturating_sub(1), last_col)
                .map_err(xlsx_error)?;
        }
        self.sheet.set_autofit_max_width(400).autofit();
        let mut workbook = Workbook::new();
        workbook.push_worksheet(self.sheet);
        let bytes = workbook.save_to_buffer().map_err(xlsx_error)?;
        self.out.write_all(&bytes)?;
        Ok(self.out)
    }
}
