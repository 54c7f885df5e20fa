//! Markdown (GitHub-flavoured pipe tables), for pasting into notes and tickets.

use std::io::{self, Write};

use super::{Sink, Value, Writer};

pub struct MarkdownWriter {
    out: Sink,
    buf: String,
    /// Whether the current row has its opening `|`.
    in_row: bool,
}

impl MarkdownWriter {
    pub fn new(out: Sink) -> MarkdownWriter {
        MarkdownWriter {
            out,
            buf: String::new(),
            in_row: false,
        }
    }
}

/// Whether a character would act on whatever shows the file rather than be shown: a control
/// character (ESC recolours a terminal that `cat`s the file) or a direction control (it
/// reorders the text around it where the table is rendered). Written escaped, as in messages
/// (`\x1b`, `\u{202e}`). Tabs stay; other invisible characters (a zero-width joiner inside
/// an emoji) are shown as they are.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes one cell: a pipe inside the text is escaped, line breaks become `<br>`, and
/// characters that `acts` on the reader are escaped.
fn cell(out: &mut Sink, text: &str) -> io::Result<()> {
    out.write_all(b" ")?;
    for (i, line) in text
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.write_all(b"<br>")?;
        }
        for (j, part) in line.split('|').enumerate() {
            if j > 0 {
                out.write_all(b"\\|")?;
            }
            if !part.chars().any(acts) {
                out.write_all(part.as_bytes())?;
                continue;
            }
            let mut escaped = String::with_capacity(part.len() + 8);
            for c in part.chars() {
                if acts(c) {
                    let _ = crate::message::escape_char(c, &mut escaped);
                } else {
                    escaped.push(c);
                }
            }
            out.write_all(escaped.as_bytes())?;
        }
    }
    out.write_all(b" |")
}

impl Writer for MarkdownWriter {
    fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        self.out.write_all(b"|")?;
        for c in columns {
            cell(&mut self.out, c)?;
        }
        self.out.write_all(b"\n|")?;
        for _ in columns {
            self.out.write_all(b" --- |")?;
        }
        self.out.write_all(b"\n")
    }

    fn field(&mut self, value: Value<'_>) -> io::Result<()> {
        if !self.in_row {
            self.out.write_all(b"|")?;
            self.in_row = true;
        }
        value.render(&mut self.buf);
        cell(&mut self.out, &self.buf)
    }

    fn end_row(&mut self) -> io::Result<()> {
        if !self.in_row {
            self.out.write_all(b"|")?;
        }
        self.in_row = false;
        self.out.write_all(b"\n")
    }

    fn finish(self: Box<Self>) -> io::Result<Sink> {
        Ok(self.out)
    }
}
