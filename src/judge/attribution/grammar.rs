//! Words as the parser sees them: bare words, possessives, and whether a noun is governed by
//! a word before it (then it is an object or a topic, not who speaks). The word classes come
//! from the cue table's grammar (`cues/grammar.csv`).

use crate::cues::{CueKind, Cues, Hit};
use crate::words::SplitWords;

/// A word without the punctuation around it: `"Vey,"` is `Vey`, `(Reuters)` is `Reuters`.
pub fn bare(word: &str) -> &str {
    // Most words need no trimming: an ASCII letter or digit at both ends stays.
    if let (Some(first), Some(last)) = (word.as_bytes().first(), word.as_bytes().last())
        && first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
    {
        return word;
    }
    if word.is_ascii() {
        // The same two trims on bytes: no character to decode, no Unicode table to consult.
        let kept = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'&');
        let bytes = word.as_bytes();
        let start = bytes.iter().position(kept).unwrap_or(bytes.len());
        let end = bytes.iter().rposition(kept).map_or(start, |i| i + 1);
        return word[start..end].trim_matches('\'');
    }
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}' && c != '&')
        .trim_matches(['\'', '\u{2019}'])
}

pub fn is_possessive(raw: &str) -> bool {
    // Most words end with an ASCII letter or an apostrophe, which the trim would keep.
    let kept = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'';
    let word = if raw.as_bytes().last().is_some_and(kept) {
        raw
    } else {
        raw.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
    };
    word.ends_with("'s")
        || word.ends_with("\u{2019}s")
        || word.ends_with("s'")
        || word.ends_with("s\u{2019}")
}

pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

/// The words of a text with their byte offsets.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.words()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// The byte offset of a word (a slice of `text`) in `text`.
pub fn offset_in(text: &str, word: &str) -> usize {
    word.as_ptr() as usize - text.as_ptr() as usize
}

/// Whether a cue at `start` is governed by a word of class `by` just before it (skipping
/// articles, possessives and capitalised modifiers): then it is an object or a topic, not who
/// speaks ("a source close to | her legal team", "declined to comment on | the lawsuit").
/// "according to" does not govern: "according to a lawsuit" names the source. A class may
/// list two words that must stand together ("comment on").
pub fn governed(cues: &Cues, text: &str, start: usize, by: CueKind) -> bool {
    let before = &text[..start];
    let mut iter = before.words().rev().peekable();
    // A cue that starts inside a word ("'s rep" in "Vey's rep") belongs to that word's phrase.
    if !before.is_empty() && !before.ends_with(char::is_whitespace) {
        iter.next();
    }
    for _ in 0..4 {
        let Some(raw) = iter.next() else {
            return false;
        };
        if raw.ends_with([',', ';', ':', '.', '(', ')']) {
            return false;
        }
        let word = bare(raw);
        if cues.is(word, CueKind::Determiner)
            || is_possessive(raw)
            || word.starts_with(char::is_uppercase)
        {
            continue;
        }
        let previous = iter.peek().map(|w| bare(w));
        if word.eq_ignore_ascii_case("to")
            && previous.is_some_and(|w| w.eq_ignore_ascii_case("according"))
        {
            return false;
        }
        return cues.is(word, by) || previous.is_some_and(|p| is_pair(cues, p, word, by));
    }
    false
}

/// Whether two words, one after the other, are listed together in a word class.
pub fn is_pair(cues: &Cues, first: &str, second: &str, class: CueKind) -> bool {
    let mut buffer = [0u8; 32];
    let (a, b) = (first.as_bytes(), second.as_bytes());
    let len = a.len() + 1 + b.len();
    if len > buffer.len() {
        return false;
    }
    buffer[..a.len()].copy_from_slice(a);
    buffer[a.len()] = b' ';
    buffer[a.len() + 1..len].copy_from_slice(b);
    std::str::from_utf8(&buffer[..len]).is_ok_and(|pair| cues.is(pair, class))
}

/// Whether a capitalised cue continues a capitalised word before it: a cue word inside a name
/// ("Columbia Records", "Redline Records").
pub fn inside_a_name(cues: &Cues, text: &str, h: &Hit) -> bool {
    let capital = text[h.start..].starts_with(char::is_uppercase);
    let previous = text[..h.start].words().next_back();
    capital
        && previous.is_some_and(|w| {
            w.starts_with(char::is_uppercase)
                && !w.ends_with([',', '.', ':', ';'])
                && !cues.is(bare(w), CueKind::NotAName)
        })
}

/// Whether a hit is a rep, spokesperson or lawyer speaking for someone: not an object ("told
/// his lawyer"), not part of a name, not an abbreviated title ("Rep. Darrell Issa").
pub fn is_role(cues: &Cues, text: &str, h: &Hit) -> bool {
    h.kind == CueKind::Official
        && !governed(cues, text, h.start, CueKind::ObjectMarker)
        && !inside_a_name(cues, text, h)
        && !is_abbreviated_title(text, h)
}

/// Whether a role word is an abbreviated title before a name: "Rep. Darrell Issa" is a
/// congressman, not a rep; "a rep for Issa" and "Issa's rep." stay roles.
fn is_abbreviated_title(text: &str, h: &Hit) -> bool {
    let word = &text[h.start..h.end];
    let after = &text[h.end..];
    word.starts_with(char::is_uppercase)
        && !word.contains(' ')
        && after
            .strip_prefix('.')
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// The byte offset of `needle` in `haystack` at or after `from`, ignoring ASCII case, on word
/// boundaries.
pub fn find_ignore_case(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let starts = h.get(from..=h.len().checked_sub(n.len())?)?;
    // The first byte alone rules out nearly every position: memchr finds it in either case.
    let candidates = memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        starts,
    )
    .map(|i| from + i);
    for i in candidates {
        if h[i..i + n.len()].eq_ignore_ascii_case(n)
            && haystack.is_char_boundary(i)
            && haystack.is_char_boundary(i + n.len())
            && !haystack[..i].ends_with(char::is_alphanumeric)
            && !haystack[i + n.len()..].starts_with(char::is_alphanumeric)
        {
            return Some(i);
        }
    }
    None
}

/// The text after a wire dateline at its start: "WASHINGTON (Reuters) - Clinton said" gives
/// "Clinton said". A dateline is capitals (a place, a date) and perhaps a bracketed wire, then
/// a dash; anything else is left alone.
pub fn skip_dateline(text: &str) -> &str {
    // Most texts open with no word of three capitals: nothing to look for.
    let opening = text.as_bytes().get(..3).unwrap_or(&[]);
    if opening.len() < 3 || !opening.iter().all(u8::is_ascii_uppercase) {
        return text;
    }
    let Some(dash) = text
        .char_indices()
        .take(80)
        .find(|&(i, c)| {
            matches!(c, '-' | '\u{2013}' | '\u{2014}')
                && text[..i].ends_with(' ')
                && text[i + c.len_utf8()..].starts_with(' ')
        })
        .map(|(i, c)| (i, i + c.len_utf8()))
    else {
        return text;
    };
    let head = &text[..dash.0];
    let outside = head.split('(').next().unwrap_or(head);
    let place_in_capitals = outside
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .is_some_and(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase));
    let no_lower_word = outside.split_whitespace().all(|w| {
        let w = bare(w);
        w.is_empty() || !w.starts_with(char::is_lowercase)
    });
    if place_in_capitals && no_lower_word {
        text[dash.1..].trim_start()
    } else {
        text
    }
}
