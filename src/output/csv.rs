//! CSV and TSV, quoted only where needed, as spreadsheets and xsv expect.

use std::io;

use super::{Sink, Value, Writer};

pub struct CsvWriter {
    out: csv::Writer<Sink>,
    buf: String,
    escape_formulas: bool,
}

/// Whether a spreadsheet would take a cell for a formula (or a DDE command): OWASP's list of
/// first characters, `=`, `+`, `-`, `@`, tab and carriage return.
pub fn looks_like_formula(text: impl AsRef<[u8]>) -> bool {
    matches!(
        text.as_ref().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

impl CsvWriter {
    /// With `bom`, the output starts with a UTF-8 byte order mark (Excel reads the file as
    /// UTF-8 only then).
    pub fn new(mut sink: Sink, delimiter: u8, bom: bool, escape_formulas: bool) -> CsvWriter {
        if bom {
            use std::io::Write as _;
            // An error here shows again, and is reported, at the first write.
            let _ = sink.write_all("\u{feff}".as_bytes());
        }
        let out = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_writer(sink);
        CsvWriter {
            out,
            buf: String::new(),
            escape_formulas,
        }
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl Writer for CsvWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        self.out.write_record(columns).map_err(csv_error)
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        match value {
            // Numbers are ours and stay numbers (-0.4676); only text can carry a formula.
            Value::Text(t) if self.escape_formulas && looks_like_formula(t) => {
                self.buf.clear();
                self.buf.push('\'');
                self.buf.push_str(t);
                self.out.write_field(&self.buf)
            }
            Value::Text(t) => self.out.write_field(t),
            _ => {
                value.render(&mut self.buf);
                self.out.write_field(&self.buf)
            }
        }
        .map_err(csv_error)
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.out.write_record(None::<&[u8]>).map_err(csv_error)
    }

    fn finish(self: Box<Self>) -> io::Result<Sink> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}
