//! The terminal table, fitted to the terminal's width. Column widths are measured on the
//! first `WINDOW` rows, held until then (or until `finish`, for a shorter table); from there
//! the layout is fixed and every later row is written as it comes, so memory stays bounded
//! whatever the number of rows (it held every row: about 1 GB for 1M `label` rows). Limit: a
//! later cell wider than its column is wrapped to it, a one-word cell (a label, a number)
//! broken inside the word, which the first `WINDOW` rows never are.
//!
//! Layout is our own rather than a table crate's: it must never break a label or an identifier
//! (`official-statement`, `cattrall-ajlt-return`) inside a word, and it must cost time in
//! proportion to the text (a table crate's wrapping was quadratic in a long word). Each cell is
//! measured once as it arrives; fitting looks only at those measures.
//!
//! - Numbers are right-aligned and never wrapped; headers wrap after an underscore
//!   (`tone_` / `on_` / `record`); text wraps at spaces. A cell without spaces (a label, a
//!   date, a topic) is one word and keeps its line; in text with spaces, only a word longer
//!   than `LONG_WORD` (a URL) may be broken.
//! - Field content is shown escaped and cut (see `printable`): a newline shows as `\n`, an
//!   escape sequence cannot reach the terminal, a 1 MB field shows its first 200 characters and
//!   its size.
//! - When even every column at its narrowest is wider than the terminal, each row is printed as
//!   a block of `column │ value` lines instead, like psql's expanded display.
//!
//! The width is `COLUMNS` when set (as for `ls` and `git`, and to fit a redirected table), else
//! the terminal's; with neither, columns take their natural width.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::printable::{SHOWN_CHARS, printable_into};
use super::{Sink, Value, Writer};

/// In text with spaces, a word longer than this (a URL, a hash) may be broken to fit.
const LONG_WORD: usize = 24;
/// Spaces between two columns.
const GAP: usize = 2;
/// Rows measured before the layout is fixed and rows start to stream.
const WINDOW: usize = 10_000;

/// What fitting needs to know of a column, gathered as cells arrive.
#[derive(Debug, Default, Clone)]
struct Measure {
    /// Every value in it is a number (or empty).
    numeric: bool,
    /// The widest cell, in terminal columns.
    widest: usize,
    /// The narrowest the column can be without breaking a word it must not break.
    narrowest: usize,
}

struct Cell {
    text: String,
    number: bool,
}

pub struct TableWriter {
    out: Sink,
    width: Option<usize>,
    /// The header in bold (`--color`).
    bold: bool,
    names: Vec<String>,
    measures: Vec<Measure>,
    /// Rows held until the layout is fixed.
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    buf: String,
    /// Fixed after `WINDOW` rows (or at `finish`); rows are written as they come from then on.
    layout: Option<Layout>,
    /// Rows written so far (the blocks' numbers).
    written: usize,
    /// The last row written took several lines (a blank line follows it).
    after_tall: bool,
}

#[derive(Debug)]
enum Layout {
    /// Columns of these widths.
    Grid(Vec<usize>),
    /// Each row as a block of `name │ value` lines, `terminal` wide.
    Blocks { terminal: usize, name_width: usize },
}

/// The width to fit: `COLUMNS` if set to a number, else the terminal's (stdout), else none.
pub fn terminal_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
    {
        return Some(columns.max(20));
    }
    terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0))
}

impl TableWriter {
    pub fn new(out: Sink) -> TableWriter {
        use std::io::IsTerminal;
        let terminal = matches!(out, Sink::Stdout(_)) && io::stdout().is_terminal();
        let bold = crate::color::enabled(terminal);
        TableWriter::with_width(out, terminal_width(), bold)
    }

    pub fn with_width(out: Sink, width: Option<usize>, bold: bool) -> TableWriter {
        TableWriter {
            out,
            width,
            bold,
            names: Vec::new(),
            measures: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
            buf: String::new(),
            layout: None,
            written: 0,
            after_tall: false,
        }
    }
}

/// A header's pieces: split after each underscore, which stays with the piece before it.
fn header_pieces(name: &str) -> impl Iterator<Item = &str> {
    name.split_inclusive('_')
}

impl Writer for TableWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        // Input headers pass through `label`: escaped and cut like any field.
        self.names = columns
            .iter()
            .map(|c| super::printable::printable(c))
            .collect();
        self.measures = self
            .names
            .iter()
            .map(|c| Measure {
                numeric: true,
                widest: c.width(),
                narrowest: header_pieces(c).map(str::width).max().unwrap_or(0),
            })
            .collect();
        Ok(())
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        value.render(&mut self.buf);
        let mut text = String::new();
        printable_into(&self.buf, SHOWN_CHARS, &mut text);
        let column = self.row.len();
        if self.measures.len() <= column {
            // A ragged row may be wider than the header.
            self.measures.resize(
                column + 1,
                Measure {
                    numeric: true,
                    ..Measure::default()
                },
            );
        }
        let measure = &mut self.measures[column];
        let number = value.is_number();
        measure.numeric &= number || matches!(value, Value::Null);
        let width = text.width();
        measure.widest = measure.widest.max(width);
        let narrowest = if number || !text.contains(' ') {
            width
        } else {
            let longest = text.split(' ').map(str::width).max().unwrap_or(0);
            longest.min(LONG_WORD)
        };
        measure.narrowest = measure.narrowest.max(narrowest);
        self.row.push(Cell { text, number });
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        let row = std::mem::take(&mut self.row);
        // Taken out and put back rather than cloned: no copy of the widths per row.
        if let Some(layout) = self.layout.take() {
            let written = self.write_row(&layout, &row);
            self.layout = Some(layout);
            return written;
        }
        self.rows.push(row);
        if self.rows.len() >= WINDOW {
            self.start_writing()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Sink> {
        if self.layout.is_none() {
            self.start_writing()?;
        }
        Ok(self.out)
    }
}

/// Column widths that fit `terminal` (with `GAP` between columns): every column at its widest
/// if that fits; else each at its narrowest, then the room left shared out in proportion to
/// what each lacks: first to text columns (a wrapped cell makes its whole row taller), then to
/// headers. `None` when even the narrowest do not fit.
fn fit(measures: &[Measure], terminal: Option<usize>) -> Option<Vec<usize>> {
    let gaps = GAP * measures.len().saturating_sub(1);
    let widest: Vec<usize> = measures.iter().map(|m| m.widest).collect();
    let Some(terminal) = terminal else {
        return Some(widest);
    };
    if widest.iter().sum::<usize>() + gaps <= terminal {
        return Some(widest);
    }
    let mut widths: Vec<usize> = measures.iter().map(|m| m.narrowest).collect();
    let used = widths.iter().sum::<usize>() + gaps;
    if used > terminal {
        return None;
    }
    let mut room = terminal - used;
    let text: Vec<bool> = measures.iter().map(|m| !m.numeric).collect();
    for first in [true, false] {
        let wanted = |i: usize| !first || text[i];
        let lacking: usize = (0..widths.len())
            .filter(|&i| wanted(i))
            .map(|i| widest[i] - widths[i])
            .sum();
        if lacking == 0 {
            continue;
        }
        if lacking <= room {
            for i in (0..widths.len()).filter(|&i| wanted(i)) {
                room -= widest[i] - widths[i];
                widths[i] = widest[i];
            }
            continue;
        }
        let share = room as f64 / lacking as f64;
        for i in (0..widths.len()).filter(|&i| wanted(i)) {
            let more = (((widest[i] - widths[i]) as f64) * share).floor() as usize;
            let more = more.min(room);
            widths[i] += more;
            room -= more;
        }
        // What rounding left over goes to the first columns that still lack room.
        for i in (0..widths.len()).filter(|&i| wanted(i)) {
            let more = (widest[i] - widths[i]).min(room);
            widths[i] += more;
            room -= more;
        }
    }
    Some(widths)
}

impl TableWriter {
    /// Fixes the layout from the rows measured so far, writes the header and those rows.
    fn start_writing(&mut self) -> io::Result<()> {
        let layout = match fit(&self.measures, self.width) {
            Some(widths) => Layout::Grid(widths),
            None => Layout::Blocks {
                terminal: self.width.unwrap_or(80),
                name_width: self.names.iter().map(|n| n.width()).max().unwrap_or(0),
            },
        };
        if let Layout::Grid(widths) = &layout {
            self.write_header(widths)?;
        }
        for row in std::mem::take(&mut self.rows) {
            self.write_row(&layout, &row)?;
        }
        self.layout = Some(layout);
        Ok(())
    }

    fn write_header(&mut self, widths: &[usize]) -> io::Result<()> {
        let header: Vec<(Vec<String>, bool)> = (0..widths.len())
            .map(|i| {
                let name = self.names.get(i).map_or("", String::as_str);
                let numeric = self.measures[i].numeric;
                (wrap_header(name, widths[i]), numeric)
            })
            .collect();
        let lines: Vec<Vec<String>> = header.iter().map(|(l, _)| l.clone()).collect();
        let right: Vec<bool> = header.iter().map(|(_, n)| *n).collect();
        write_lines(&mut self.out, &lines, widths, &right, self.bold)?;
        let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
        writeln!(self.out, "{}", rule.join(&" ".repeat(GAP)))
    }

    fn write_row(&mut self, layout: &Layout, row: &[Cell]) -> io::Result<()> {
        match layout {
            Layout::Grid(widths) => self.write_grid_row(widths, row)?,
            Layout::Blocks {
                terminal,
                name_width,
            } => self.write_block(*terminal, *name_width, row)?,
        }
        self.written += 1;
        Ok(())
    }

    /// A row of several lines stands between blank lines, so that its second line is not read
    /// as a row of its own; rows of one line stay together.
    fn write_grid_row(&mut self, widths: &[usize], row: &[Cell]) -> io::Result<()> {
        let tall = row
            .iter()
            .zip(widths)
            .any(|(cell, &w)| cell.text.width() > w);
        if self.written > 0 && (tall || self.after_tall) {
            writeln!(self.out)?;
        }
        self.after_tall = tall;
        let mut lines = Vec::with_capacity(widths.len());
        let mut right = Vec::with_capacity(widths.len());
        for (i, &width) in widths.iter().enumerate() {
            match row.get(i) {
                Some(cell) => {
                    lines.push(wrap(&cell.text, width));
                    right.push(cell.number);
                }
                None => {
                    lines.push(Vec::new());
                    right.push(false);
                }
            }
        }
        write_lines(&mut self.out, &lines, widths, &right, false)
    }

    /// A row as a block: a rule with the row's number, then one `name │ value` line per
    /// column, values wrapped between words to the terminal's width.
    fn write_block(&mut self, terminal: usize, name_width: usize, row: &[Cell]) -> io::Result<()> {
        let value_width = terminal.saturating_sub(name_width + 3).max(10);
        let rule = format!("─[ {} ]", self.written + 1);
        let fill = terminal.saturating_sub(rule.width()).min(40);
        writeln!(self.out, "{rule}{}", "─".repeat(fill))?;
        for (i, cell) in row.iter().enumerate() {
            let name = self.names.get(i).map_or("", String::as_str);
            for (k, line) in wrap(&cell.text, value_width).iter().enumerate() {
                let name = if k == 0 { name } else { "" };
                let pad = name_width.saturating_sub(name.width());
                let line = format!("{name}{:pad$} │ {line}", "");
                writeln!(self.out, "{}", line.trim_end())?;
            }
        }
        Ok(())
    }
}

/// Writes cells of several lines side by side, each padded to its column's width (numbers on
/// the right), with `GAP` between columns and no spaces at the end of a line; in bold if asked.
fn write_lines(
    out: &mut Sink,
    cells: &[Vec<String>],
    widths: &[usize],
    right: &[bool],
    bold: bool,
) -> io::Result<()> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut line = String::new();
    for k in 0..height {
        line.clear();
        for (i, (cell, &width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                line.extend(std::iter::repeat_n(' ', GAP));
            }
            let text = cell.get(k).map_or("", String::as_str);
            let pad = width.saturating_sub(text.width());
            if right[i] {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(text);
            } else {
                line.push_str(text);
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", crate::color::bold(line.trim_end(), bold))?;
    }
    Ok(())
}

/// A header in lines of at most `width`, broken only after an underscore.
fn wrap_header(name: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for piece in header_pieces(name) {
        if !current.is_empty() && current.width() + piece.width() > width {
            lines.push(std::mem::take(&mut current));
        }
        current.push_str(piece);
    }
    lines.push(current);
    lines
}

/// `text` in lines of at most `width` terminal columns, broken at spaces, and inside a word
/// only where the word alone is wider than a line. One pass over the text; always one line at
/// least, so an empty value still shows its column.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width = word.width();
        if line_width > 0 && line_width + 1 + word_width <= width {
            line.push(' ');
            line.push_str(word);
            line_width += 1 + word_width;
            continue;
        }
        if line_width > 0 {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if word_width <= width {
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word wider than a line: as much as fits on each line.
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if line_width + w > width && line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(c);
            line_width += w;
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words_and_inside_long_ones() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("abcdefghijklmno", 6), ["abcdef", "ghijkl", "mno"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("héllo wörld", 5), ["héllo", "wörld"]);
        // Wide characters take two columns each.
        assert_eq!(wrap("日本語の", 4), ["日本", "語の"]);
    }

    #[test]
    fn headers_break_after_underscores_only() {
        assert_eq!(wrap_header("tone_on_record", 7), ["tone_", "on_", "record"]);
        assert_eq!(wrap_header("tone_on_record", 9), ["tone_on_", "record"]);
        assert_eq!(wrap_header("tone_on_record", 14), ["tone_on_record"]);
        assert_eq!(wrap_header("claims", 3), ["claims"]);
    }

    fn measure(widest: usize, narrowest: usize) -> Measure {
        Measure {
            numeric: false,
            widest,
            narrowest,
        }
    }

    #[test]
    fn fitting_gives_the_room_left_to_the_columns_that_lack_it() {
        let columns = [measure(10, 4), measure(30, 10), measure(5, 5)];
        // Natural widths fit: 10 + 30 + 5 + 2 gaps of 2.
        assert_eq!(fit(&columns, Some(49)), Some(vec![10, 30, 5]));
        assert_eq!(fit(&columns, None), Some(vec![10, 30, 5]));
        // Narrowest: 4 + 10 + 5 + 4 = 23; 7 more to share between 6 and 20 lacking.
        let fitted = fit(&columns, Some(30)).unwrap();
        assert_eq!(fitted.iter().sum::<usize>() + 4, 30);
        assert!(
            fitted[0] >= 4 && fitted[1] >= 10 && fitted[2] == 5,
            "{fitted:?}"
        );
        assert_eq!(fit(&columns, Some(22)), None);
    }
}
