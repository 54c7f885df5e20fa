//! An article's text cut into the units a statement is read from: paragraphs, and in each its
//! sentences, with a quotation kept whole (its own full stops do not end a sentence: `“No. Just
//! like ...,” King told Variety.` is one unit) and a quotation still open at a paragraph's end
//! continuing into the next paragraph, as newswires print a quote that runs over several.

use std::ops::Range;

use crate::cues::Cues;
use crate::judge::attribution::{ends_sentence, find_close, quote_at};

/// A unit longer than this is cut at a space: no sentence runs this long, and the attribution
/// parser then never reads more than this at once, whatever the article.
const MAX_UNIT: usize = 4096;

/// One sentence (or a run of sentences inside one quotation) of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range in the article text, trimmed of spaces.
    pub range: Range<usize>,
    /// Index of its paragraph, counting from 0.
    pub paragraph: usize,
    /// Its quotations, as indices into [`Segments::quotes`].
    pub quotes: Range<usize>,
    /// Whether it opens its paragraph.
    pub opens_paragraph: bool,
    /// Whether it opens with a quotation carried over from the paragraph before (a quote that
    /// runs over several paragraphs).
    pub continues_quote: bool,
}

/// A quotation: the words between its marks, as a byte range of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub inner: Range<usize>,
    /// Whether its closing mark was found in the paragraph.
    pub closed: bool,
}

/// An article's units and quotations.
#[derive(Debug, Default)]
pub struct Segments {
    pub units: Vec<Unit>,
    pub quotes: Vec<Quote>,
}

impl Segments {
    pub fn quotes_of(&self, unit: &Unit) -> &[Quote] {
        &self.quotes[unit.quotes.clone()]
    }
}

/// The paragraphs of a text: blocks separated by blank lines, or, in a text without blank
/// lines, its lines.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let blank_lines = text.contains("\n\n") || text.contains("\n\r\n");
    let mut out = Vec::new();
    let mut start = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let range = at..at + line.len();
        at += line.len();
        let blank = line.trim().is_empty();
        match (blank || !blank_lines, start) {
            // A line of its own paragraph (no blank lines in the text): each line is one.
            (true, _) if !blank => {
                if let Some(s) = start.take() {
                    out.push(s..range.start);
                }
                out.push(range);
            }
            (true, _) => {
                if let Some(s) = start.take() {
                    out.push(s..range.start);
                }
            }
            (false, None) => start = Some(range.start),
            (false, Some(_)) => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out.into_iter()
        .map(|r| trim(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// Cuts `text` into units.
pub fn segments(cues: &Cues, text: &str) -> Segments {
    let mut out = Segments::default();
    let mut open_quote_before = false;
    for (paragraph, range) in paragraphs(text).into_iter().enumerate() {
        open_quote_before =
            paragraph_units(cues, text, range, paragraph, open_quote_before, &mut out);
    }
    out
}

/// Adds one paragraph's units; returns whether a quotation is still open at its end.
fn paragraph_units(
    cues: &Cues,
    text: &str,
    paragraph: Range<usize>,
    index: usize,
    open_quote_before: bool,
    out: &mut Segments,
) -> bool {
    let bytes = text.as_bytes();
    let end = paragraph.end;
    let mut unit_start = paragraph.start;
    let mut quotes_start = out.quotes.len();
    let mut i = paragraph.start;
    let mut still_open = false;
    let mut first = true;
    let continues = open_quote_before && quote_at(text, paragraph.start).is_some();
    let push = |out: &mut Segments, range: Range<usize>, quotes_start: usize, first: &mut bool| {
        let range = trim(text, range);
        if !range.is_empty() {
            out.units.push(Unit {
                range,
                paragraph: index,
                quotes: quotes_start..out.quotes.len(),
                opens_paragraph: *first,
                continues_quote: *first && continues,
            });
            *first = false;
        }
    };
    while i < end {
        let b = bytes[i];
        if let Some((open_len, close)) = quote_at(text, i) {
            let inner = i + open_len;
            match find_close(text, inner, close).filter(|(c, _)| *c < end) {
                Some((c, len)) => {
                    out.quotes.push(Quote {
                        inner: inner..c,
                        closed: true,
                    });
                    i = c + len;
                    // A quotation whose words end a sentence ends the unit: `... That.” The
                    // insider added`.
                    let last = text[inner..c].trim_end().as_bytes().last().copied();
                    if matches!(last, Some(b'.' | b'?' | b'!')) && starts_sentence(&text[i..end]) {
                        push(out, unit_start..i, quotes_start, &mut first);
                        unit_start = i;
                        quotes_start = out.quotes.len();
                    }
                }
                None => {
                    out.quotes.push(Quote {
                        inner: inner..end,
                        closed: false,
                    });
                    still_open = true;
                    i = end;
                }
            }
            continue;
        }
        if matches!(b, b'.' | b'?' | b'!') && ends_sentence(cues, text, i) {
            push(out, unit_start..i + 1, quotes_start, &mut first);
            unit_start = i + 1;
            quotes_start = out.quotes.len();
        } else if i - unit_start >= MAX_UNIT && b == b' ' {
            push(out, unit_start..i, quotes_start, &mut first);
            unit_start = i;
            quotes_start = out.quotes.len();
        }
        i += 1;
    }
    push(out, unit_start..end, quotes_start, &mut first);
    still_open
}

/// Whether `rest` (what follows a closing quotation mark) starts a new sentence.
fn starts_sentence(rest: &str) -> bool {
    let Some(next) = rest.strip_prefix(char::is_whitespace) else {
        return false;
    };
    next.trim_start()
        .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '\u{201c}')
}

/// `range` without the spaces at its ends.
pub fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<&str> {
        let cues = Cues::builtin().unwrap();
        segments(&cues, text)
            .units
            .iter()
            .map(|u| &text[u.range.clone()])
            .collect()
    }

    #[test]
    fn a_quotation_is_kept_whole_and_its_last_stop_ends_the_sentence() {
        let text = "“No. Just like that,” Orlov, 67, told Variety. She left. The aide said she “is done.” The end.";
        assert_eq!(
            units(text),
            [
                "“No. Just like that,” Orlov, 67, told Variety.",
                "She left.",
                "The aide said she “is done.”",
                "The end."
            ]
        );
    }

    #[test]
    fn paragraphs_are_blocks_or_lines() {
        let text = "One line\nsame paragraph.\n\nSecond.\n";
        assert_eq!(paragraphs(text).len(), 2);
        let lines = "First.\nSecond.\nThird.";
        assert_eq!(paragraphs(lines).len(), 3);
    }

    #[test]
    fn a_quote_open_at_a_paragraph_end_continues_in_the_next() {
        let cues = Cues::builtin().unwrap();
        let text = "Orlov said: “It was long.\n\n“And it was hard,” he added.\n\nThen rain.";
        let s = segments(&cues, text);
        let flags: Vec<bool> = s.units.iter().map(|u| u.continues_quote).collect();
        assert_eq!(flags, [false, true, false]);
        assert!(!s.quotes[0].closed && s.quotes[1].closed);
    }

    #[test]
    fn a_unit_never_runs_past_the_limit() {
        let cues = Cues::builtin().unwrap();
        let text = "word ".repeat(10_000);
        let s = segments(&cues, &text);
        let longest = s.units.iter().map(|u| u.range.len()).max();
        // Cut at the first space past the limit.
        assert!(longest < Some(MAX_UNIT + "word ".len()), "{longest:?}");
        assert!(s.units.len() > 5);
    }
}
