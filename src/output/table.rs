//! The terminal table (comfy-table), fitted to the terminal's width. It holds every row until
//! `finish`, because column widths depend on all of them: use it for reading, not for archives.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use super::{Sink, Value, Writer};

pub struct TableWriter {
    out: Sink,
    table: Table,
    row: Vec<Cell>,
    buf: String,
}

impl TableWriter {
    pub fn new(out: Sink) -> TableWriter {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        TableWriter {
            out,
            table,
            row: Vec::new(),
            buf: String::new(),
        }
    }
}

impl Writer for TableWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        self.table.set_header(columns.iter().copied());
        Ok(())
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        value.render(&mut self.buf);
        let mut cell = Cell::new(&self.buf);
        if value.is_number() {
            cell = cell.set_alignment(CellAlignment::Right);
        }
        self.row.push(cell);
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.table.add_row(std::mem::take(&mut self.row));
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Sink> {
        writeln!(self.out, "{}", self.table)?;
        Ok(self.out)
    }
}
