//! Finding the attribution inside a text, for rows that hold only the claim (a sentence copied
//! from an article, a quote database's row) and for `extract`, which reads whole articles.
//!
//! Where news prints its attribution:
//! - beside a quotation, outside its marks: `"...," King, 67, told Variety`, `Nixon added, "..."`;
//! - at the end of a sentence, after a comma: `..., sources said.`, `..., said a spokeswoman who
//!   declined to be named.`, `..., according to court records.`;
//! - at its start: `A source exclusively told Us Weekly that ...`, `According to Page Six, ...`,
//!   `Cattrall wrote on Instagram that ...`, `Polls show ...`.
//!
//! A verb counts only as an act of reporting: not a future or a wish ("will announce", "refused
//! to deny"), not negated ("has never denied"). The candidates come back in order of
//! preference; the parser takes the first that names a source or a hedge.

use std::ops::Range;

use super::grammar::bare;
use super::parse::is_verbish;
use crate::cues::{CueKind, Cues, Hit};
use crate::words::SplitWords;

/// At most this many words may stand before a sentence's reporting verb for its start to be
/// the attribution ("David Wasserman, an elections analyst at the Cook Political Report, said").
const MAX_SUBJECT_WORDS: usize = 24;
/// At most this many words make an attribution at a sentence's end.
const MAX_TRAILING_WORDS: usize = 22;
/// Candidates returned, in order of preference.
pub const CANDIDATES: usize = 4;

/// The byte ranges in `text` that may hold its attribution, best first. `hits` is a buffer for
/// the text's source cues.
pub fn locate(cues: &Cues, text: &str, hits: &mut Vec<Hit>) -> [Option<Range<usize>>; CANDIDATES] {
    let mut found: [Option<Range<usize>>; CANDIDATES] = Default::default();
    if text.trim().is_empty() {
        return found;
    }
    cues.find_source(text, hits);
    if !hits.iter().any(|h| opens_report(h.kind)) {
        return found;
    }
    let mut push = |range: Range<usize>| {
        if found.iter().flatten().any(|r| *r == range) {
            return;
        }
        if let Some(slot) = found.iter_mut().find(|s| s.is_none()) {
            *slot = Some(range);
        }
    };
    // 1. A sentence ending ", according to court records" or ", The Post has learned": such
    //    an end stands behind the whole sentence, quotations included.
    for sentence in sentences(cues, text) {
        if let Some((range, true)) = trailing(cues, text, hits, sentence) {
            push(range);
        }
    }
    // 2. Beside a quotation: the text outside the quotation marks.
    let mut quoted = false;
    for segment in outside_quotes(text) {
        quoted |= segment.start > 0 || segment.end < text.len();
        if quoted && let Some(range) = clause_with_verb(cues, text, hits, segment.clone()) {
            push(range);
            break;
        }
    }
    // 3. Sentence by sentence: the end after a comma ("..., the source added"), then the start.
    for sentence in sentences(cues, text) {
        if let Some((range, _)) = trailing(cues, text, hits, sentence.clone()) {
            push(range);
        }
        if let Some(range) = leading(cues, text, hits, sentence) {
            push(range);
        }
    }
    found
}

/// Kinds of cue that may open an attribution.
fn opens_report(kind: CueKind) -> bool {
    is_verbish(kind) || matches!(kind, CueKind::Social | CueKind::Document)
}

/// The text between quotation marks, left out: `"` pairs, `“ ”`, and `''` as some wires print
/// them. An unclosed mark runs to the end.
fn outside_quotes(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = at;
        let mut i = at;
        while i < bytes.len() {
            if let Some((open_len, close)) = quote_at(text, i) {
                // Outside text ends here; the quotation runs to its closing mark.
                let inner = i + open_len;
                let close_at = find_close(text, inner, close);
                at = close_at.map_or(bytes.len(), |(c, len)| c + len);
                done = at >= bytes.len();
                return Some(start..i);
            }
            i += 1;
        }
        done = true;
        Some(start..bytes.len())
    })
}

/// Whether a position lies between quotation marks.
fn inside_quotes(text: &str, at: usize) -> bool {
    outside_quotes(text)
        .take_while(|segment| segment.start <= at)
        .all(|segment| !segment.contains(&at))
}

/// The closing mark a quotation opened at `i` waits for.
#[derive(Clone, Copy)]
enum Close {
    Straight,
    Curly,
    DoubleApostrophe,
}

fn quote_at(text: &str, i: usize) -> Option<(usize, Close)> {
    let rest = text.get(i..)?;
    if rest.starts_with('"') {
        Some((1, Close::Straight))
    } else if rest.starts_with('\u{201c}') {
        Some(('\u{201c}'.len_utf8(), Close::Curly))
    } else if rest.starts_with("''") && !text[..i].ends_with(char::is_alphanumeric) {
        Some((2, Close::DoubleApostrophe))
    } else {
        None
    }
}

fn find_close(text: &str, from: usize, close: Close) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let found = match close {
        Close::Straight => rest.find('"').map(|i| (i, 1)),
        Close::Curly => rest
            .find(['\u{201d}', '\u{201c}'])
            .map(|i| (i, '\u{201d}'.len_utf8())),
        Close::DoubleApostrophe => rest.find("''").map(|i| (i, 2)),
    };
    found.map(|(i, len)| (from + i, len))
}

/// The sentences of a text: ends at `.`, `?` or `!` before a space and a capital or a quotation
/// mark, except after a title or an initial ("Sen.", "J.", "U.S.").
fn sentences<'a>(cues: &'a Cues, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let bytes = text.as_bytes();
        let mut i = start;
        while i < bytes.len() {
            if matches!(bytes[i], b'.' | b'?' | b'!') && ends_sentence(cues, text, i) {
                let range = start..i + 1;
                start = i + 1;
                return Some(range);
            }
            i += 1;
        }
        done = true;
        (start < text.len()).then_some(start..text.len())
    })
}

fn ends_sentence(cues: &Cues, text: &str, i: usize) -> bool {
    let after = &text[i + 1..];
    // Closing quotation marks may follow the stop.
    let after = after.trim_start_matches(['"', '\u{201d}', '\'', '\u{2019}', ')']);
    let Some(next) = after.strip_prefix(char::is_whitespace) else {
        return false;
    };
    let next = next.trim_start();
    if !next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '\u{201c}') {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let word = text[..i].split_whitespace().next_back().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "J.", "U.S.", "Sen.", "Mr.": an abbreviation, not a sentence's end.
    !(word.chars().count() == 1 || word.contains('.') || cues.is_title(word))
}

/// The attribution at a sentence's end, after a comma or a dash: `..., sources said.`, `...,
/// said Jeff Bechdel, communications director for ...`: the shortest such end that holds a
/// reporting verb with a short subject close to its end. The flag says it is a strong end,
/// one that names its source with "according to", an outlet's own voice or a document
/// ("..., The Post has learned"), which may follow a conjunction (", but POLITICO has learned").
fn trailing(
    cues: &Cues,
    text: &str,
    hits: &[Hit],
    sentence: Range<usize>,
) -> Option<(Range<usize>, bool)> {
    let end = trim_end(text, sentence.clone());
    let body = &text[sentence.start..end];
    let mut words = 0;
    let mut from = body.len();
    for (i, c) in body.char_indices().rev() {
        if c.is_whitespace() && !body[..i].ends_with(char::is_whitespace) {
            words += 1;
            if words > MAX_TRAILING_WORDS {
                return None;
            }
        }
        let boundary = matches!(c, ',' | '\u{2014}' | ';')
            || (c == '-' && body[..i].ends_with(' ') && body[i + 1..].starts_with(' '));
        if !boundary || i + c.len_utf8() >= from {
            continue;
        }
        from = i + c.len_utf8();
        let mut clause = trim_start(text, sentence.start + from..end);
        let first = text[clause.clone()].words().next().map(bare).unwrap_or("");
        let conjunction = [
            "and", "but", "or", "while", "although", "though", "as", "because",
        ]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w));
        if conjunction {
            clause.start += text[clause.clone()].find(char::is_whitespace).unwrap_or(0);
            clause = trim_start(text, clause);
        }
        let Some(verb) = reporting_verb(cues, text, hits, clause.clone()) else {
            continue;
        };
        let v = &hits[verb];
        if inside_quotes(text, v.start) || !has_subject(cues, text, hits, clause.clone(), verb) {
            continue;
        }
        let strong = matches!(
            v.kind,
            CueKind::Secondhand | CueKind::OutletAsserted | CueKind::Document
        ) && text[clause.start..v.start].words().count() <= 6;
        if conjunction && !strong {
            continue;
        }
        // A short subject, and little after the verb: an attribution, not a clause of its own
        // ("..., said one candidate he likes is Kasich" is not one).
        let before = text[clause.start..v.start].words().count();
        let after = text[v.end..clause.end].words().count();
        let inverted = before == 0;
        let fits = if inverted {
            after <= MAX_TRAILING_WORDS && !clause_follows_name(cues, text, hits, v.end..clause.end)
        } else {
            before <= 8 && after <= 10
        };
        if strong || fits {
            return Some((clause, strong));
        }
    }
    None
}

/// Whether, after an inverted verb, a verb of its own follows the name: "said | one candidate he
/// likes is Kasich" holds a clause, "said | a spokeswoman who declined to be named" does not
/// (what follows "who" describes the speaker).
fn clause_follows_name(cues: &Cues, text: &str, _hits: &[Hit], range: Range<usize>) -> bool {
    for raw in text[range].words() {
        let w = bare(raw);
        if ["who", "whose", "which"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
            || raw.ends_with(',')
        {
            return false;
        }
        if cues.is(w, CueKind::Auxiliary) {
            return true;
        }
    }
    false
}

/// The attribution at a sentence's start: its subject, its reporting verb and what goes with
/// the verb ("told Variety on Tuesday", "said in a statement"), up to "that" or a comma. An
/// opening channel or participle set off by a comma is looked past ("In an interview, Steve
/// Huhn ... said", "Speaking later on the same show, Sen. Claire McCaskill said").
fn leading(cues: &Cues, text: &str, hits: &[Hit], sentence: Range<usize>) -> Option<Range<usize>> {
    let mut start = trim_start(text, sentence.clone()).start;
    let mut from = start;
    for _ in 0..3 {
        let verb = hits.iter().find(|h| {
            h.start >= from
                && h.start < sentence.end
                && opens_report(h.kind)
                && !inside_quotes(text, h.start)
        })?;
        if !is_reporting(cues, text, hits, verb) {
            return None;
        }
        // A hedge names no one; the words before it are what the claim is about ("Marlowe
        // allegedly threw ...", "The pregnancy rumors are false").
        if verb.kind == CueKind::Hedge {
            return Some(verb.start..verb.end);
        }
        let subject = text[from..verb.start].words().count();
        let opener_end = verb_phrase_end(cues, text, hits, verb, sentence.end);
        let comma = text[opener_end..sentence.end].starts_with(',');
        if subject == 0 && comma && !matches!(verb.kind, CueKind::Secondhand) {
            // A channel is kept for the parser ("In a statement, Whitcombe said"); a
            // participle is dropped.
            if verb.kind == CueKind::SpeechVerb {
                start = opener_end + 1;
            }
            from = opener_end + 1;
            continue;
        }
        if text[from..verb.start].words().count() > MAX_SUBJECT_WORDS {
            return None;
        }
        let end = verb_phrase_end(cues, text, hits, verb, sentence.end);
        return (end > start).then(|| trim_start(text, start..end));
    }
    None
}

/// Within a stretch of text outside quotation marks: the clause around its first reporting
/// verb, from the stretch's start (or its last sentence start before the verb) to the end of
/// the verb's phrase.
fn clause_with_verb(
    cues: &Cues,
    text: &str,
    hits: &[Hit],
    segment: Range<usize>,
) -> Option<Range<usize>> {
    let verb = reporting_verb(cues, text, hits, segment.clone())?;
    let verb = hits.get(verb)?;
    let start = sentences(cues, &text[..verb.start])
        .last()
        .map_or(segment.start, |s| s.start.max(segment.start));
    let end = verb_phrase_end(cues, text, hits, verb, segment.end);
    let range = trim_start(text, start..end);
    (!range.is_empty()).then_some(range)
}

/// The index in `hits` of the first reporting verb within `range`.
fn reporting_verb(cues: &Cues, text: &str, hits: &[Hit], range: Range<usize>) -> Option<usize> {
    hits.iter().position(|h| {
        h.start >= range.start
            && h.end <= range.end
            && opens_report(h.kind)
            && is_reporting(cues, text, hits, h)
    })
}

/// Whether a verb cue reports: a speech verb that is no auxiliary ("said"), an auxiliary that
/// leads to one ("has said", "did not respond"), not negated ("never denied") nor followed by an
/// infinitive ("refused to deny"); or another reporting cue ("according to", "has learned",
/// "tweeted", "records show", "reportedly").
fn is_reporting(cues: &Cues, text: &str, hits: &[Hit], verb: &Hit) -> bool {
    if verb.kind != CueKind::SpeechVerb {
        return true;
    }
    let phrase = cues.phrase(verb.cue);
    let previous = text[..verb.start].words().next_back().map(bare);
    if previous.is_some_and(is_negation) {
        return false;
    }
    let mut next = text[verb.end..].words().map(bare);
    if !cues.is(phrase, CueKind::Auxiliary) {
        // "refused to deny", "declined to say": an act, unless it is the usual "declined to
        // comment", which the stance cues read.
        return !next.next().is_some_and(|w| w.eq_ignore_ascii_case("to"))
            || text[verb.end..].trim_start().starts_with("to comment");
    }
    // An auxiliary: perfect tenses of a speech verb ("has said", "had told"), or a refusal to
    // answer ("did not respond", "could not be reached").
    let perfect = ["has", "have", "had", "is", "was", "were", "are"]
        .iter()
        .any(|a| phrase.eq_ignore_ascii_case(a));
    let mut negated = false;
    for w in next.by_ref().take(3) {
        if is_negation(w) {
            negated = true;
            continue;
        }
        if cues.is(w, CueKind::AnswerVerb) && negated {
            return true;
        }
        let speech = hits.iter().any(|h| {
            h.kind == CueKind::SpeechVerb
                && h.start > verb.end
                && text.get(h.start..h.end).is_some_and(|t| t == w)
                && !cues.is(cues.phrase(h.cue), CueKind::Auxiliary)
        });
        if speech {
            return perfect && !negated;
        }
        if !w.ends_with("ly") && !w.eq_ignore_ascii_case("also") {
            return false;
        }
    }
    false
}

fn is_negation(word: &str) -> bool {
    ["not", "never", "n't"]
        .iter()
        .any(|n| word.eq_ignore_ascii_case(n))
        || word.ends_with("n't")
        || word.ends_with("n\u{2019}t")
}

/// Whether the clause's verb has a subject: words before it, or after an inverting verb or
/// "according to".
fn has_subject(cues: &Cues, text: &str, hits: &[Hit], clause: Range<usize>, verb: usize) -> bool {
    let Some(v) = hits.get(verb) else {
        return false;
    };
    let before = text[clause.start..v.start]
        .words()
        .any(|w| !bare(w).is_empty());
    let after = || text[v.end..clause.end].words().any(|w| !bare(w).is_empty());
    match v.kind {
        CueKind::SpeechVerb => {
            before || (cues.is(cues.phrase(v.cue), CueKind::InvertingVerb) && after())
        }
        CueKind::Secondhand => before || after(),
        _ => true,
    }
}

/// Where a reporting verb's phrase ends: at "that", a colon, a semicolon, a comma or a
/// sentence's end when one comes within a few words; otherwise after the words that go with the
/// verb (a recipient, a channel, a day: "told Variety on Tuesday", "said in a statement"). After
/// "according to" the source's whole name is taken ("according to conservative columnist Hugh
/// Hewitt"); after an inverted verb, the speaker and their description ("said Jennifer
/// Palmieri, Mrs. Clinton's communications director"). A source cited after a comma goes with
/// it too ("Politico reported, according to sources in the meetings").
fn verb_phrase_end(cues: &Cues, text: &str, hits: &[Hit], verb: &Hit, limit: usize) -> usize {
    let rest = &text[verb.end..limit];
    let offset_of = |raw: &str| raw.as_ptr() as usize - text.as_ptr() as usize;
    let names_source = verb.kind == CueKind::Secondhand && !cues.opens_with_verb(verb.cue);
    let inverted = verb.kind == CueKind::SpeechVerb
        && cues.is(cues.phrase(verb.cue), CueKind::InvertingVerb)
        && text[..verb.start]
            .trim_end()
            .ends_with([',', '"', '\u{201d}', '\'', '\u{2019}']);
    if names_source || inverted {
        // Up to the clause's end: a comma after the name for "according to"; for an inverted
        // verb, the sentence's end or a quotation.
        let mut end = verb.end;
        for (taken, raw) in rest.words().enumerate() {
            let quote = raw.starts_with(['"', '\u{201c}']) || raw.starts_with("''");
            if taken >= 20 || quote {
                break;
            }
            end = offset_of(raw)
                + raw
                    .trim_end_matches([',', ':', ';', '.', '"', '\u{201d}'])
                    .len();
            if raw.ends_with([',', ';', ':']) && names_source {
                break;
            }
            if raw.ends_with(['.', ';']) && ends_at(cues, text, end) {
                break;
            }
        }
        return end;
    }
    let mut end = verb.end;
    for (taken, raw) in rest.words().enumerate() {
        let offset = offset_of(raw);
        let word = bare(raw);
        if word.eq_ignore_ascii_case("that") || taken >= 12 {
            break;
        }
        let in_cue = |at: usize| {
            hits.iter()
                .any(|h| h.start <= at && at < h.end && h.kind != CueKind::SpeechVerb)
        };
        // A channel a few words on: "said on his official Twitter feed".
        let cue_ahead = hits.iter().any(|h| {
            h.start >= offset
                && matches!(
                    h.kind,
                    CueKind::Social | CueKind::Statement | CueKind::Subject | CueKind::Document
                )
                && text[offset..h.start].words().count() <= 2
        });
        let goes_with = in_cue(offset)
            || cue_ahead
            || word.starts_with(char::is_uppercase)
            || word.chars().all(|c| c.is_ascii_digit())
            || cues.is(word, CueKind::Calendar)
            || cues.is(word, CueKind::Determiner)
            || cues.is(word, CueKind::RecipientMarker)
            || [
                "reporters",
                "last",
                "week",
                "month",
                "year",
                "night",
                "morning",
                "evening",
                "afternoon",
                "earlier",
                "later",
                "during",
                "interview",
                "exclusively",
            ]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w));
        if !goes_with {
            break;
        }
        end = offset + raw.trim_end_matches([',', ':', ';', '.']).len();
        if raw.ends_with([',', ':', ';', '.']) {
            break;
        }
    }
    // "Politico reported, according to sources in the meetings": the cited source goes too.
    let after = text[end..limit].trim_start_matches([',', ' ']);
    let cited_at = limit - after.len();
    if let Some(cited) = hits.iter().find(|h| {
        h.start == cited_at && h.kind == CueKind::Secondhand && !cues.opens_with_verb(h.cue)
    }) {
        return verb_phrase_end(cues, text, hits, cited, limit);
    }
    end
}

/// Whether a stop at `at` (just before it) ends a sentence.
fn ends_at(cues: &Cues, text: &str, at: usize) -> bool {
    text[at..]
        .char_indices()
        .find(|(_, c)| matches!(c, '.' | ';'))
        .is_some_and(|(i, _)| ends_sentence(cues, text, at + i) || at + i + 1 >= text.len())
}

/// A range without the spaces, punctuation and quotation marks at its start.
fn trim_start(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let kept = piece.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';'
                    | ':'
                    | '"'
                    | '\u{201c}'
                    | '\u{201d}'
                    | '\''
                    | '-'
                    | '\u{2014}'
                    | '('
                    | ')'
            )
    });
    range.end - kept.len()..range.end
}

/// The end of a sentence without its closing stop and quotation marks.
fn trim_end(text: &str, range: Range<usize>) -> usize {
    let piece = &text[range.clone()];
    range.start
        + piece
            .trim_end_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '.' | '?' | '!' | '"' | '\u{201d}' | '\'' | '\u{2019}' | ')'
                    )
            })
            .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let cues = Cues::builtin().unwrap();
        let mut hits = Vec::new();
        locate(&cues, text, &mut hits)
            .into_iter()
            .flatten()
            .map(|r| &text[r])
            .collect()
    }

    fn first(text: &str) -> Option<&str> {
        found(text).into_iter().next()
    }

    #[test]
    fn beside_a_quotation() {
        assert_eq!(
            first(
                "\u{201c}No. Just like there was no thought,\u{201d} King, 67, told Variety on Tuesday, February 1."
            ),
            Some("King, 67, told Variety on Tuesday")
        );
        assert_eq!(
            first("Nixon added, \u{201c}I have to say, I love how we addressed it.\u{201d}"),
            Some("Nixon added")
        );
        assert_eq!(
            first("''It is over,'' the senator said on Monday."),
            Some("the senator said on Monday")
        );
    }

    #[test]
    fn at_the_start_of_a_sentence() {
        assert_eq!(
            first("A source exclusively told Us Weekly in January that she is happier now."),
            Some("A source exclusively told Us Weekly in January")
        );
        assert_eq!(
            first("According to Page Six, Vey is out."),
            Some("According to Page Six")
        );
        assert_eq!(
            first("Cattrall wrote on Instagram that she has no regrets."),
            Some("Cattrall wrote on Instagram")
        );
    }

    #[test]
    fn at_the_end_of_a_sentence() {
        assert_eq!(
            first("The pair split in March, said a spokeswoman who declined to be named."),
            Some("said a spokeswoman who declined to be named")
        );
        assert_eq!(
            first(
                "Clinton had told police she did not want the escort, but the NYPD overruled her, the source added."
            ),
            Some("the source added")
        );
        assert_eq!(
            first("She left the firm in 2019, according to court records."),
            Some("according to court records")
        );
    }

    #[test]
    fn no_report_no_attribution() {
        for text in [
            "Whitcombe will announce a run for governor next month.",
            "Okafor has never denied the affair rumors.",
            "Thornbury pointedly refused to deny that she is weighing a Senate run.",
            "Reyes has quietly deleted hundreds of videos from his channel.",
            "Kim is angry that King said she would not return.",
            "\u{201c}I thought it was great.\u{201d}",
            "",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let cues = Cues::builtin().unwrap();
        let text = "Sen. Ted Cruz of Texas said no. The U.S. Senate agreed.";
        let got: Vec<&str> = sentences(&cues, text).map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "Sen. Ted Cruz of Texas said no.",
                " The U.S. Senate agreed."
            ]
        );
    }
}
