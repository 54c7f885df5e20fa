//! The terminal table (comfy-table), fitted to the terminal's width. It holds every row until
//! `finish`, because column widths depend on all of them: use it for reading, not for archives.
//!
//! To fit wide reports, headers stack their words (`tone_on_record` on three lines) and only
//! text wraps: a number is never broken across lines.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use super::{Sink, Value, Writer};

/// Words longer than this (URLs, long quotes) may be broken to fit the terminal.
const MAX_UNBROKEN_WORD: usize = 16;

pub struct TableWriter {
    out: Sink,
    table: Table,
    row: Vec<Cell>,
    /// Per column, the widest number in it (0 for text-only columns).
    number_widths: Vec<usize>,
    /// Per column, the longest word of its header.
    header_words: Vec<usize>,
    /// Per column, the longest word in its text cells (capped), so wrapping happens between words.
    text_words: Vec<usize>,
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
            number_widths: Vec::new(),
            header_words: Vec::new(),
            text_words: Vec::new(),
            buf: String::new(),
        }
    }
}

impl Writer for TableWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        self.table
            .set_header(columns.iter().map(|c| c.replace('_', "\n")));
        self.number_widths = vec![0; columns.len()];
        self.header_words = columns
            .iter()
            .map(|c| c.split('_').map(|w| w.chars().count()).max().unwrap_or(0))
            .collect();
        Ok(())
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        value.render(&mut self.buf);
        let mut cell = Cell::new(&self.buf);
        let column = self.row.len();
        // A ragged row may be wider than the header.
        let columns = self
            .number_widths
            .len()
            .max(self.text_words.len())
            .max(column + 1);
        self.number_widths.resize(columns, 0);
        self.text_words.resize(columns, 0);
        if value.is_number() {
            cell = cell.set_alignment(CellAlignment::Right);
            self.number_widths[column] = self.number_widths[column].max(self.buf.len());
        } else {
            let longest = self.buf.split_whitespace().map(|w| w.chars().count()).max();
            let longest = longest.unwrap_or(0).min(MAX_UNBROKEN_WORD);
            self.text_words[column] = self.text_words[column].max(longest);
        }
        self.row.push(cell);
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.table.add_row(std::mem::take(&mut self.row));
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Sink> {
        for (i, (&number, &word)) in self.number_widths.iter().zip(&self.text_words).enumerate() {
            let header = self
                .header_words
                .get(i)
                .copied()
                .unwrap_or(0)
                .min(MAX_UNBROKEN_WORD);
            let Some(column) = self.table.column_mut(i) else {
                continue;
            };
            // Widths include one space of padding on each side.
            let width = |w: usize| Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX));
            if number > 0 {
                column.set_constraint(ColumnConstraint::Absolute(width(number.max(header))));
            } else {
                column.set_constraint(ColumnConstraint::LowerBoundary(width(word.max(header))));
            }
        }
        writeln!(self.out, "{}", self.table)?;
        Ok(self.out)
    }
}
