//! JSON (one array of objects) and JSON Lines (one object per line). Numbers are numbers, empty
//! aggregates are `null`, and every input column is a string.

use std::io::{self, Write};

use super::{Sink, Value, Writer};

pub struct JsonWriter {
    out: Sink,
    lines: bool,
    /// Column names, already JSON-escaped with their quotes and colon: `"claim":`.
    keys: Vec<String>,
    column: usize,
    rows: u64,
    buf: String,
}

impl JsonWriter {
    pub fn new(out: Sink, lines: bool) -> JsonWriter {
        JsonWriter {
            out,
            lines,
            keys: Vec::new(),
            column: 0,
            rows: 0,
            buf: String::new(),
        }
    }
}

impl Writer for JsonWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        self.keys = columns
            .iter()
            .map(|c| format!("{}:", serde_json::Value::from(*c)))
            .collect();
        Ok(())
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        if self.column == 0 {
            let open = match (self.lines, self.rows) {
                (true, _) => "{",
                (false, 0) => "[\n{",
                (false, _) => ",\n{",
            };
            self.out.write_all(open.as_bytes())?;
        } else {
            self.out.write_all(b",")?;
        }
        // A row longer than the header (a ragged input row) gets numbered keys.
        match self.keys.get(self.column) {
            Some(key) => self.out.write_all(key.as_bytes())?,
            None => write!(self.out, "\"{}\":", self.column + 1)?,
        }
        match value {
            Value::Text(t) => serde_json::to_writer(&mut self.out, t).map_err(io::Error::from)?,
            Value::Null => self.out.write_all(b"null")?,
            _ => {
                value.render(&mut self.buf);
                self.out.write_all(self.buf.as_bytes())?;
            }
        }
        self.column += 1;
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        if self.column == 0 {
            self.field(Value::Null)?;
        }
        self.out.write_all(if self.lines { b"}\n" } else { b"}" })?;
        self.column = 0;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Sink> {
        if !self.lines {
            self.out
                .write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(self.out)
    }
}
