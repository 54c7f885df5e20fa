//! Where a CSV record ends, found without keeping it: for skipping a record over
//! `--max-record-size` in bounded memory, and for telling whether the last record of a file
//! ended inside a quoted field (an unclosed quote that swallowed the rest of the file).
//!
//! The rules are the csv crate's defaults as claimtrack configures its reader: `"` quotes, a
//! doubled `""` inside quotes is a quote, a quote opens a quoted field only at the field's
//! start, and a record ends at `\n` or `\r` outside quotes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end, or the first of a doubled `""`.
    QuoteInQuoted,
}

/// Scans one record, chunk by chunk, from its first byte.
#[derive(Debug, Clone)]
pub struct Framer {
    delimiter: u8,
    state: State,
    /// Line breaks seen so far in the record.
    pub breaks: u64,
    /// Line breaks before the quote that opened the field still open, if one is open.
    pub quote_opened_after: Option<u64>,
    previous_cr: bool,
}

impl Framer {
    pub fn new(delimiter: u8) -> Framer {
        Framer {
            delimiter,
            state: State::FieldStart,
            breaks: 0,
            quote_opened_after: None,
            previous_cr: false,
        }
    }

    /// Feeds the next bytes; returns the index just past the byte that ends the record, if it
    /// ends within `chunk`.
    pub fn feed(&mut self, chunk: &[u8]) -> Option<usize> {
        for (i, &b) in chunk.iter().enumerate() {
            let is_break = b == b'\n' || b == b'\r';
            // LF, CRLF and a lone CR are one line break each.
            if b == b'\r' || (b == b'\n' && !self.previous_cr) {
                self.breaks += 1;
            }
            self.previous_cr = b == b'\r';
            self.state = match (self.state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::FieldStart, b'"') => {
                    self.quote_opened_after = Some(self.breaks);
                    State::Quoted
                }
                (_, _) if is_break => return Some(i + 1),
                (_, d) if d == self.delimiter => State::FieldStart,
                _ => State::Unquoted,
            };
            if self.state != State::Quoted && self.state != State::QuoteInQuoted {
                self.quote_opened_after = None;
            }
        }
        None
    }

    /// Whether the record, as fed so far, is inside a quoted field.
    pub fn in_quotes(&self) -> bool {
        self.state == State::Quoted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str) -> (Option<usize>, bool) {
        let mut f = Framer::new(b',');
        let end = f.feed(text.as_bytes());
        (end, f.in_quotes())
    }

    #[test]
    fn records_end_outside_quotes_only() {
        assert_eq!(end("a,b\nc"), (Some(4), false));
        assert_eq!(end("a,\"b\nc\",d\re"), (Some(10), false));
        assert_eq!(end("a,\"b \"\" c\n"), (None, true));
        assert_eq!(
            end("a\"b\nc"),
            (Some(4), false),
            "a quote inside a field is literal"
        );
        assert_eq!(end("\"ab\"c\n"), (Some(6), false));
    }

    #[test]
    fn the_open_quote_is_placed_by_its_line() {
        let mut f = Framer::new(b',');
        assert_eq!(f.feed(b"\"x\ny\",\"open\nmore\nstill"), None);
        assert!(f.in_quotes());
        assert_eq!((f.quote_opened_after, f.breaks), (Some(1), 3));
    }
}
