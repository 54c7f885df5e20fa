//! The terminal table (comfy-table), fitted to the terminal's width. It holds every row until
//! `finish`, because column widths depend on all of them: use it for reading, not for archives.
//!
//! To fit wide reports, headers stack their words (`tone_on_record` on three lines) and only
//! text wraps: a number is never broken across lines. When even that is wider than the terminal
//! (the report's 19 columns on an 80-column terminal), each row is printed as a block of
//! `column │ value` lines instead, like psql's expanded display.
//!
//! The width is the terminal's, or `COLUMNS` when set (as for `ls` and `git`), which also lets a
//! redirected table be fitted.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use super::{Sink, Value, Writer};

/// Words longer than this (URLs, long quotes) may be broken to fit the terminal.
const MAX_UNBROKEN_WORD: usize = 16;

pub struct TableWriter {
    out: Sink,
    table: Table,
    /// Column names as given (the table's header has them stacked).
    names: Vec<String>,
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
        let columns = std::env::var("COLUMNS").ok();
        if let Some(width) = columns.and_then(|c| c.trim().parse::<u16>().ok()) {
            table.set_width(width.max(20));
        }
        TableWriter {
            out,
            table,
            names: Vec::new(),
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
        self.names = columns.iter().map(|c| c.to_string()).collect();
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
        // The narrowest the grid can be: every column at its minimum, plus one border each and
        // one at the end.
        let mut narrowest = self.number_widths.len() + 1;
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
                narrowest += number.max(header) + 2;
            } else {
                column.set_constraint(ColumnConstraint::LowerBoundary(width(word.max(header))));
                narrowest += word.max(header) + 2;
            }
        }
        match self.table.width().map(usize::from) {
            Some(terminal) if narrowest > terminal && self.table.row_count() > 0 => {
                self.write_expanded(terminal)?;
            }
            _ => writeln!(self.out, "{}", self.table)?,
        }
        Ok(self.out)
    }
}

impl TableWriter {
    /// Each row as a block: a rule with the row's number, then one `name │ value` line per
    /// column, values wrapped between words to the terminal's width.
    fn write_expanded(&mut self, terminal: usize) -> io::Result<()> {
        let name_width = self
            .names
            .iter()
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0);
        let value_width = terminal.saturating_sub(name_width + 3).max(10);
        for (n, row) in self.table.row_iter().enumerate() {
            let rule = format!("─[ {} ]", n + 1);
            let fill = terminal.saturating_sub(rule.chars().count()).min(40);
            writeln!(self.out, "{rule}{}", "─".repeat(fill))?;
            for (i, cell) in row.cell_iter().enumerate() {
                let name = self.names.get(i).map_or("", String::as_str);
                let content = cell.content();
                let mut lines = Vec::new();
                wrap(&content, value_width, &mut lines);
                for (k, line) in lines.iter().enumerate() {
                    let name = if k == 0 { name } else { "" };
                    writeln!(self.out, "{name:<name_width$} │ {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// `text` in lines of at most `width` characters, broken between words where it can be (and
/// inside a word longer than a line); the text's own line breaks are kept. Always one line at
/// least, so an empty value still shows its column.
fn wrap<'a>(text: &'a str, width: usize, lines: &mut Vec<&'a str>) {
    lines.clear();
    for paragraph in text.split('\n') {
        let mut rest = paragraph.trim_end();
        while rest.chars().count() > width {
            let limit = rest
                .char_indices()
                .nth(width)
                .map_or(rest.len(), |(i, _)| i);
            let cut = rest[..limit].rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
            lines.push(&rest[..cut]);
            rest = rest[cut..].trim_start();
        }
        lines.push(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_and_inside_long_ones() {
        let mut lines = Vec::new();
        wrap("the quick brown fox", 10, &mut lines);
        assert_eq!(lines, ["the quick", "brown fox"]);
        wrap("abcdefghijklmno", 6, &mut lines);
        assert_eq!(lines, ["abcdef", "ghijkl", "mno"]);
        wrap("one\ntwo", 10, &mut lines);
        assert_eq!(lines, ["one", "two"]);
        wrap("", 10, &mut lines);
        assert_eq!(lines, [""]);
        wrap("héllo wörld", 5, &mut lines);
        assert_eq!(lines, ["héllo", "wörld"]);
    }
}
