//! `--columns a,b,c`: a writer that passes on only the chosen columns, in the order given, to
//! the writer of any format.

use std::io;

use super::{Sink, Value, Writer};
use crate::error::UsageError;

/// A value kept until the row's end, when the chosen columns are passed on in their order.
#[derive(Debug, Clone)]
enum Kept {
    Text(String),
    Int(i64),
    Decimal { units: i64, places: u8 },
    Null,
}

impl Kept {
    fn of(value: Value<'_>) -> Kept {
        match value {
            Value::Text(t) => Kept::Text(t.to_string()),
            Value::Int(n) => Kept::Int(n),
            Value::Decimal { units, places } => Kept::Decimal { units, places },
            Value::Null => Kept::Null,
        }
    }

    fn value(&self) -> Value<'_> {
        match self {
            Kept::Text(t) => Value::Text(t),
            Kept::Int(n) => Value::Int(*n),
            Kept::Decimal { units, places } => Value::Decimal {
                units: *units,
                places: *places,
            },
            Kept::Null => Value::Null,
        }
    }
}

pub struct Select {
    inner: Box<dyn Writer>,
    wanted: Vec<String>,
    /// For each input column, where it goes in the output (if chosen).
    slots: Vec<Option<usize>>,
    row: Vec<Kept>,
    column: usize,
}

impl Select {
    pub fn new(inner: Box<dyn Writer>, wanted: Vec<String>) -> Select {
        Select {
            inner,
            wanted,
            slots: Vec::new(),
            row: Vec::new(),
            column: 0,
        }
    }
}

/// Checks `wanted` against the `columns` a command writes: a usage error for a name it does not
/// write, with the closest one it does.
pub fn check(wanted: &[String], columns: &[&str]) -> Result<(), UsageError> {
    for name in wanted {
        if !columns.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            let hint = crate::suggest::use_one_of(name, columns.iter().copied());
            return Err(UsageError(format!(
                "--columns: no column named '{}' in this output; {hint}",
                crate::output::printable::printable(name)
            )));
        }
    }
    Ok(())
}

impl Writer for Select {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        check(&self.wanted, columns).map_err(io::Error::other)?;
        self.slots = columns
            .iter()
            .map(|c| self.wanted.iter().position(|w| w.eq_ignore_ascii_case(c)))
            .collect();
        let chosen: Vec<&str> = self
            .wanted
            .iter()
            .map(|w| {
                columns
                    .iter()
                    .copied()
                    .find(|c| c.eq_ignore_ascii_case(w))
                    .unwrap_or(w)
            })
            .collect();
        self.row = vec![Kept::Null; chosen.len()];
        self.inner.header(&chosen)
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        if let Some(Some(slot)) = self.slots.get(self.column) {
            self.row[*slot] = Kept::of(value);
        }
        self.column += 1;
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        for kept in &mut self.row {
            self.inner.field(kept.value())?;
            *kept = Kept::Null;
        }
        self.column = 0;
        self.inner.end_row()
    }

    fn finish(self: Box<Self>) -> io::Result<Sink> {
        self.inner.finish()
    }
}
