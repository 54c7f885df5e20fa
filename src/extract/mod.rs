//! From an article's text to claim rows: one row per attributed statement.
//!
//! The same engine that labels a row finds each statement's attribution: the article is cut
//! into units (sentences, a quotation kept whole, `segment`), each unit is read as a claim-only
//! row by the attribution parser (`judge::attribution`), and what the parser took as the
//! attribution is cut out of the unit to leave the claim: the quotation's words when the rest
//! is the attribution (`“...,” King told Variety`), else what follows the attribution (`Nixon
//! said that ...`) or precedes it (`..., sources said`). Around that, this module keeps what
//! one sentence cannot know:
//! - **continuations**: a quotation-only sentence or paragraph after a statement keeps its
//!   speaker; a pronoun ("he continued") or an epithet ("the Gilded Age star said") is written
//!   as the last named speaker it can stand for (a pronoun's gender must fit the first name,
//!   `cues/names.csv`); a surname is written in full ("King" → "Michael Patrick King"). The
//!   `speaker` column shows the name, `attribution` the words as printed;
//! - **whom a claim is about**: the people asked for (`--person`, `--people`), or else the
//!   person the article names most (`names`);
//! - **hedged sentences** with no source ("is reportedly in talks") become rows with no speaker,
//!   so that rumors are counted.

pub mod article;
pub mod names;
pub mod people;
pub mod segment;

use std::ops::Range;

use chrono::NaiveDateTime;

use crate::claim::Claim;
use crate::cues::{CueKind, Cues, Hit};
use crate::judge::attribution::{
    self, Attribution, FoundIn, Scratch, SpeakerKind, name_gender, pronoun_gender,
};
use names::{Names, name_runs};
use people::People;
use segment::{Quote, Unit, segments};

/// One attributed statement of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Whom it is about.
    pub person: String,
    /// The statement's words.
    pub claim: String,
    /// Who speaks, written in full; empty for a hedge with no source.
    pub speaker: String,
    /// The attribution as printed.
    pub attribution: String,
    /// The claim's byte range in the article text.
    pub span: Range<usize>,
}

/// A speaker carried to the sentences after its statement.
#[derive(Debug, Clone)]
struct Carried {
    speaker: String,
    paragraph: usize,
}

/// A person named as a speaker: whom a later "he" or "the actress" may stand for.
#[derive(Debug, Clone)]
struct LastNamed {
    /// Where it was named (byte offset): the latest fitting name wins.
    at: usize,
    name: String,
    /// `Some(true)` a man, `Some(false)` a woman, as the first name tells.
    gender: Option<bool>,
    paragraph: usize,
}

/// Reads statements out of articles; one per thread, its buffers reused.
pub struct Extractor<'c> {
    cues: &'c Cues,
    scratch: Scratch,
    hits: Vec<Hit>,
    stance_hits: Vec<Hit>,
}

impl<'c> Extractor<'c> {
    pub fn new(cues: &'c Cues) -> Extractor<'c> {
        Extractor {
            cues,
            scratch: Scratch::default(),
            hits: Vec::new(),
            stance_hits: Vec::new(),
        }
    }

    /// The statements of one article's `text` published by `outlet`, about `people` (or, when
    /// it asks for no one, about the article's main person), in text order.
    pub fn statements(&mut self, text: &str, outlet: &str, people: &People) -> Vec<Statement> {
        let cues = self.cues;
        self.hits.clear();
        cues.find_source(text, &mut self.hits);
        let names = Names::of(cues, text, &self.hits);
        let main = names.main().map(|p| p.name.as_str()).unwrap_or("");
        let segs = segments(cues, text);
        let mut out = Vec::new();
        let mut carried: Option<Carried> = None;
        let mut last_named: Option<LastNamed> = None;
        // The last person the narration named ("Her co-star Cynthia Nixon was asked about
        // it."): a pronoun after it may stand for them.
        let mut mentioned: Option<LastNamed> = None;
        let mut previous: Option<&Unit> = None;
        for unit in &segs.units {
            if let Some(before) = previous.replace(unit)
                && let Some(m) = last_mention(cues, &names, text, before)
            {
                mentioned = Some(m);
            }
            let unit_text = &text[unit.range.clone()];
            let claim = Claim {
                date: NaiveDateTime::default(),
                person: main,
                claim: unit_text,
                speaker: "",
                attribution: "",
                outlet,
                topic: "",
                given_source_type: None,
                given_stance: None,
            };
            let a = attribution::attribution(cues, &claim, &mut self.scratch);
            let quotes = segs.quotes_of(unit);
            let found = match a.found_in {
                FoundIn::Claim if !is_hedge_only(&a) => {
                    let at = a.text.as_ptr() as usize - unit_text.as_ptr() as usize;
                    let kept = without_dangling_words(a.text);
                    let attr = unit.range.start + at..unit.range.start + at + kept.len();
                    let document = a.speaker.kind == SpeakerKind::Document;
                    content(text, unit, quotes, attr.clone(), document)
                        .or_else(|| {
                            // "A spokeswoman declined to comment.": the whole sentence is the
                            // statement (a no-comment, for the stance).
                            self.stance_hits.clear();
                            cues.find_stance(unit_text, &mut self.stance_hits);
                            self.stance_hits
                                .iter()
                                .any(|h| h.kind == CueKind::NoComment)
                                .then(|| (unit.range.clone(), unit_text.to_string()))
                        })
                        .map(|(span, claim)| {
                            let speaker = speaker_name(
                                cues,
                                &names,
                                &a,
                                main,
                                unit,
                                [&last_named, &mentioned],
                            );
                            (span, claim, speaker, tidy_attribution(&text[attr]), &a)
                        })
                }
                _ => None,
            };
            if let Some((span, claim, speaker, attribution, a)) = found {
                if matches!(a.speaker.kind, SpeakerKind::Named | SpeakerKind::Person) {
                    last_named = Some(LastNamed {
                        at: unit.range.start,
                        gender: name_gender(cues, &speaker),
                        name: speaker.clone(),
                        paragraph: unit.paragraph,
                    });
                }
                carried = Some(Carried {
                    speaker: speaker.clone(),
                    paragraph: unit.paragraph,
                });
                out.push(Statement {
                    person: String::new(),
                    claim,
                    speaker,
                    attribution,
                    span,
                });
                continue;
            }
            if let Some((name, rest)) = speaker_colon(cues, text, unit, quotes) {
                let speaker = names
                    .resolve(name_in(cues, &text[name.clone()]))
                    .map_or_else(
                        || name_in(cues, &text[name.clone()]).to_string(),
                        str::to_string,
                    );
                carried = Some(Carried {
                    speaker: speaker.clone(),
                    paragraph: unit.paragraph,
                });
                out.push(Statement {
                    person: String::new(),
                    claim: text[rest.clone()].to_string(),
                    speaker,
                    attribution: format!("{}:", &text[name]),
                    span: rest,
                });
                continue;
            }
            let quote_only = is_quote_only(text, unit, quotes);
            let carries = carried
                .as_ref()
                .filter(|c| unit.paragraph <= c.paragraph + 1 && quote_only);
            if let Some(c) = carries {
                let (span, claim) = quoted(text, quotes);
                if !has_letters(&claim) {
                    continue;
                }
                out.push(Statement {
                    person: String::new(),
                    claim,
                    speaker: c.speaker.clone(),
                    attribution: String::new(),
                    span,
                });
                carried = Some(Carried {
                    speaker: c.speaker.clone(),
                    paragraph: unit.paragraph,
                });
            } else if a.hedge.is_some() {
                out.push(Statement {
                    person: String::new(),
                    claim: unit_text.to_string(),
                    speaker: String::new(),
                    attribution: String::new(),
                    span: unit.range.clone(),
                });
            }
        }
        assign_people(&mut out, text, main, &names, people);
        out
    }
}

/// A paragraph that opens with a name and a colon: a headline's `Lynch: No outside influence on
/// FBI probe`, a transcript's `BOULDUAN: Why not debate?`. The name is at most four words, all
/// capitalised (a title may lead: `Dr. Ben Carson:`); returns its range and the claim's.
fn speaker_colon(
    cues: &Cues,
    text: &str,
    unit: &Unit,
    quotes: &[Quote],
) -> Option<(Range<usize>, Range<usize>)> {
    if !unit.opens_paragraph {
        return None;
    }
    let unit_text = &text[unit.range.clone()];
    let colon = unit_text.find(':')?;
    let at = unit.range.start + colon;
    if quotes
        .iter()
        .any(|q| q.inner.start <= at && at < q.inner.end)
    {
        return None;
    }
    let prefix = unit_text[..colon].trim();
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    if words.is_empty() || words.len() > 5 || !words.iter().all(capitalised) {
        return None;
    }
    // Not a time ("7:39"), a label ("Note:", "Update:") or a dateline's outlet.
    let name_like = name_runs(cues, prefix).next().is_some()
        || (words.len() <= 3 && words.iter().all(|w| w.chars().all(|c| !c.is_lowercase())));
    if !name_like
        || words
            .iter()
            .any(|w| cues.is(w.trim_end_matches('.'), CueKind::NotAName))
    {
        return None;
    }
    let rest = segment::trim(text, at + 1..unit.range.end);
    (text[rest.clone()].split_whitespace().count() >= 2)
        .then(|| (unit.range.start..unit.range.start + prefix.len(), rest))
}

/// Whether the parser found only a hedge ("Quill is reportedly in talks"): the whole sentence
/// is then the claim, with no speaker.
fn is_hedge_only(a: &Attribution<'_>) -> bool {
    // "Vance is reportedly frustrated": the hedge is the verb, its subject what the claim is
    // about, not a source.
    let hedge_is_verb = a.verb.is_some() && a.verb == a.hedge;
    a.hedge.is_some()
        && (a.speaker.kind == SpeakerKind::Nobody || hedge_is_verb)
        && a.report.is_none()
        && a.document.is_none()
        && a.platform.is_none()
        && a.statement.is_none()
        && a.unnamed.is_none()
        && a.outlet_voice.is_none()
}

/// Prepositions and articles: an attribution does not end in one, a claim does not start with
/// a preposition ("spoke | at length about the budget" is no statement).
const OPEN: [&str; 14] = [
    "at", "in", "on", "of", "about", "to", "with", "for", "by", "from", "into", "the", "a", "an",
];
const ARTICLES: usize = 3;

/// The attribution without the prepositions and articles it ends in ("Sanders said the" →
/// "Sanders said", "urging those calling for Sanders' withdrawal to" → "... withdrawal"): the
/// parser reads a verb's phrase generously, and what it took past the verb is the claim's.
fn without_dangling_words(attribution: &str) -> &str {
    let mut kept = attribution.trim_end();
    while let Some((head, last)) = kept.rsplit_once(char::is_whitespace) {
        if !OPEN.iter().any(|w| last.eq_ignore_ascii_case(w)) {
            break;
        }
        kept = head.trim_end();
    }
    kept
}

/// Sets each statement's person: with no one asked for, the article's main person; else the
/// first asked-for person its sentence names, or the main person if asked for; statements
/// about no one asked for are dropped.
fn assign_people(out: &mut Vec<Statement>, text: &str, main: &str, names: &Names, people: &People) {
    if people.is_empty() {
        for s in out.iter_mut() {
            s.person = main.to_string();
        }
        return;
    }
    let main_asked = people.find(main);
    out.retain_mut(|s| {
        // The claim's own words decide, not its attribution: a commentator asked for by name
        // ("Park said the rumors were overblown") is not what her own claims are about.
        match people.named_in(&text[s.span.clone()]).or(main_asked) {
            Some(name) => {
                // Written as the article prints the person in full ("kim cattrall" → "Kim
                // Cattrall"), else as asked.
                s.person = names
                    .people
                    .iter()
                    .find(|p| people.find(&p.name) == Some(name))
                    .map_or(name, |p| p.name.as_str())
                    .to_string();
                true
            }
            None => false,
        }
    });
}

/// The claim a unit holds beside its attribution `attr`: its quotations when everything else
/// is the attribution, or else the words after (or before) the attribution.
fn content(
    text: &str,
    unit: &Unit,
    quotes: &[Quote],
    attr: Range<usize>,
    document: bool,
) -> Option<(Range<usize>, String)> {
    let quotes_outside: Vec<&Quote> = quotes
        .iter()
        .filter(|q| !(attr.start <= q.inner.start && q.inner.end <= attr.end))
        .collect();
    let adjacent = adjacent_quotes(text, &quotes_outside, &attr);
    let words_outside = has_words_outside(text, unit.range.clone(), &quotes_outside, &attr);
    if !adjacent.is_empty() || (!quotes_outside.is_empty() && !words_outside) {
        let taken: Vec<Quote> = if adjacent.is_empty() {
            quotes_outside.into_iter().cloned().collect()
        } else {
            adjacent
        };
        let (span, claim) = quoted(text, &taken);
        return (!claim.is_empty()).then_some((span, claim));
    }
    let before = unit.range.start..attr.start;
    let after = attr.end..unit.range.end;
    let span = if !has_letters(&text[before.clone()]) {
        let after = if document {
            past_document_verb(text, after)
        } else {
            after
        };
        let first = text[after.clone()].split_whitespace().next().unwrap_or("");
        if OPEN[..OPEN.len() - ARTICLES]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w))
        {
            return None;
        }
        skip_that(text, after)
    } else if !has_letters(&text[after.clone()]) {
        trim_end_punct(text, before)
    } else {
        unit.range.clone()
    };
    let claim = text[span.clone()].trim();
    (has_letters(claim)).then(|| (span.clone(), claim.to_string()))
}

/// The quotations beside the attribution, with nothing but punctuation between (`“...,” King
/// told Variety`, `Nixon added, “...”`, `“A,” he said, “B.”`), in text order. A quotation
/// further on (`..., after he was asked if he was keeping “the door open”`) is not the claim.
fn adjacent_quotes(text: &str, quotes: &[&Quote], attr: &Range<usize>) -> Vec<Quote> {
    // A quotation of a whole statement opens with a capital ("“No. ...,” King said"); a few
    // words quoted inside the claim do not ("said the convention was the “perfect
    // opportunity”"), and only beside the attribution can they be the claim.
    let whole = |q: &Quote| {
        text[q.inner.clone()]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    };
    let mut taken = Vec::new();
    let mut left = attr.start;
    for q in quotes.iter().rev().filter(|q| q.inner.end <= attr.start) {
        if has_letters(&text[q.inner.end..left]) {
            break;
        }
        taken.push((*q).clone());
        left = q.inner.start;
    }
    taken.reverse();
    let mut right = attr.end;
    for q in quotes.iter().filter(|q| q.inner.start >= attr.end) {
        if has_letters(&text[right..q.inner.start]) || (taken.is_empty() && !whole(q)) {
            break;
        }
        taken.push((*q).clone());
        right = q.inner.end;
    }
    taken
}

/// The span from the first quotation's words to the last's, and their words joined, a comma
/// closing a quotation ("No,” she said) written as a full stop.
fn quoted(text: &str, quotes: &[Quote]) -> (Range<usize>, String) {
    let (Some(first), Some(last)) = (quotes.first(), quotes.last()) else {
        return (0..0, String::new());
    };
    let mut claim = String::new();
    for q in quotes {
        let words = text[q.inner.clone()].trim();
        if words.is_empty() {
            continue;
        }
        if !claim.is_empty() {
            claim.push(' ');
        }
        match words.strip_suffix(',') {
            Some(w) => {
                claim.push_str(w);
                claim.push('.');
            }
            None => claim.push_str(words),
        }
    }
    let span = segment::trim(text, first.inner.start..last.inner.end);
    (span, claim)
}

/// Whether the unit holds words outside its quotations and its attribution.
fn has_words_outside(
    text: &str,
    unit: Range<usize>,
    quotes: &[&Quote],
    attr: &Range<usize>,
) -> bool {
    let mut at = unit.start;
    let mut holes: Vec<Range<usize>> = quotes.iter().map(|q| q.inner.clone()).collect();
    holes.push(attr.clone());
    holes.sort_by_key(|r| r.start);
    for hole in holes {
        if hole.start > at && has_letters(&text[at..hole.start]) {
            return true;
        }
        at = at.max(hole.end);
    }
    at < unit.end && has_letters(&text[at..unit.end])
}

/// Whether the unit is only quotations: `“...”` with nothing but punctuation around.
fn is_quote_only(text: &str, unit: &Unit, quotes: &[Quote]) -> bool {
    if quotes.is_empty() {
        return false;
    }
    let refs: Vec<&Quote> = quotes.iter().collect();
    !has_words_outside(
        text,
        unit.range.clone(),
        &refs,
        &(unit.range.start..unit.range.start),
    )
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// After a document, its verb goes with it when "that" follows within two words ("Court
/// records | show that ...", "the audit | found that ...").
fn past_document_verb(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    for (at, word) in crate::judge::attribution::word_spans(slice).skip(1).take(2) {
        if word.eq_ignore_ascii_case("that") {
            return range.start + at..range.end;
        }
    }
    range
}

/// `range` without a leading comma, colon or "that".
fn skip_that(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let rest = slice.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | '—' | '–' | '-')
    });
    let rest = match rest.strip_prefix("that ") {
        Some(r) => r,
        None => rest,
    };
    let start = range.end - rest.len();
    segment::trim(text, start..range.end)
}

/// `range` without the comma or dash that led to an attribution after it.
fn trim_end_punct(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let kept = slice
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-' | ':'));
    segment::trim(text, range.start..range.start + kept.len())
}

/// The attribution as printed, without the punctuation that joined it to the claim.
fn tidy_attribution(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':' | '—' | '–'))
        .to_string()
}

/// Who speaks, written in full: a name as the article prints it in full, a pronoun or an
/// epithet as the last named speaker it can stand for, anyone else as printed.
fn speaker_name(
    cues: &Cues,
    names: &Names,
    a: &Attribution<'_>,
    main: &str,
    unit: &Unit,
    [last, mentioned]: [&Option<LastNamed>; 2],
) -> String {
    let phrase = a.speaker.phrase.trim();
    // "the Sex and the City star, 66": capitalised words in a description are no name.
    // The parser reads a capitalised word of it as a name or an organisation; the attribution
    // as printed tells the description.
    let printed = a.text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let described = printed
        .split_whitespace()
        .next()
        .is_some_and(|w| cues.is(w, CueKind::Definite))
        && describes_a_person(cues, printed);
    let kind = match a.speaker.kind {
        SpeakerKind::Named | SpeakerKind::Organisation if described => SpeakerKind::Epithet,
        kind => kind,
    };
    let phrase = if described {
        printed.split(',').next().unwrap_or(phrase).trim()
    } else {
        phrase
    };
    match kind {
        SpeakerKind::Person | SpeakerKind::Named => {
            let name = name_in(cues, phrase);
            names.resolve(name).unwrap_or(name).to_string()
        }
        SpeakerKind::PersonTitle if !main.is_empty() => main.to_string(),
        SpeakerKind::Pronoun => {
            // The last named speaker, if the pronoun fits them and they spoke in this paragraph
            // or the one before ("“...,” he continued"); else the latest of them and the person
            // the narration last named, if the pronoun has a gender that fits ("Her co-star
            // Cynthia Nixon was asked about it. “...,” she said").
            let gender = pronoun_gender(phrase);
            let speaker_fits =
                |l: &&LastNamed| gender.is_none() || l.gender.is_none() || l.gender == gender;
            let mention_fits =
                |l: &&LastNamed| gender.is_some() && (l.gender.is_none() || l.gender == gender);
            let recent = last
                .as_ref()
                .filter(speaker_fits)
                .filter(|l| unit.paragraph <= l.paragraph + 1);
            recent
                .or_else(|| {
                    let speaker = last.as_ref().filter(speaker_fits);
                    let mention = mentioned.as_ref().filter(mention_fits);
                    [speaker, mention]
                        .into_iter()
                        .flatten()
                        .max_by_key(|l| l.at)
                })
                .map_or_else(|| phrase.to_string(), |l| l.name.clone())
        }
        // Only a speaker named just before: a description is never guessed to be the main
        // person ("..., the producer said" is not the actress the article is about).
        SpeakerKind::Epithet if describes_a_person(cues, phrase) => match last {
            Some(l) if unit.paragraph <= l.paragraph + 1 => l.name.clone(),
            _ => lower_article(phrase),
        },
        _ => lower_article(phrase),
    }
}

/// The last person of the article's names that a unit names.
fn last_mention(cues: &Cues, names: &Names, text: &str, unit: &Unit) -> Option<LastNamed> {
    let unit_text = &text[unit.range.clone()];
    name_runs(cues, unit_text)
        .filter_map(|run| {
            let full = names.resolve(&unit_text[run.range.clone()])?;
            Some(LastNamed {
                at: unit.range.start + run.range.start,
                gender: name_gender(cues, full),
                name: full.to_string(),
                paragraph: unit.paragraph,
            })
        })
        .last()
}

/// Whether an epithet describes a person: its head is a person noun (`cues/names.csv`: "the
/// Gilded Age star", "the actress") or an age ("the 52-year-old"), or an age follows it ("the
/// producer, 67"). "The series premiere" is no one.
fn describes_a_person(cues: &Cues, phrase: &str) -> bool {
    let (head, rest) = phrase.split_once(',').unwrap_or((phrase, ""));
    let age = rest
        .split(',')
        .next()
        .is_some_and(|w| !w.trim().is_empty() && w.trim().chars().all(|c| c.is_ascii_digit()));
    let word = head.split_whitespace().next_back().unwrap_or("");
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    age || word.ends_with("-year-old") || cues.is(word, CueKind::PersonNoun)
}

/// The name inside a speaker phrase: "Executive producer Michael Patrick King" → "Michael
/// Patrick King", "King, 67" → "King", "Sen. Ruth Whitcombe (D-Ore.)" → "Ruth Whitcombe".
fn name_in<'p>(cues: &Cues, phrase: &'p str) -> &'p str {
    let cut = phrase
        .find([',', '(', '—', '–', ';'])
        .map_or(phrase, |i| &phrase[..i])
        .trim();
    match name_runs(cues, cut).last() {
        Some(run) => &cut[run.range],
        None => cut,
    }
}

/// "The insider" → "the insider": a phrase that opened a sentence, written as a speaker.
fn lower_article(phrase: &str) -> String {
    for article in ["The ", "A ", "An "] {
        if let Some(rest) = phrase.strip_prefix(article) {
            return format!("{}{rest}", article.to_lowercase());
        }
    }
    phrase.to_string()
}

/// Converts byte offsets of `text`, asked in increasing order, to character offsets.
pub struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte `at` (a character boundary).
    pub fn of(&mut self, at: usize) -> usize {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "“Zoë” said";
        let mut c = CharOffsets::new(text);
        assert_eq!(c.of(3), 1);
        assert_eq!(c.of(text.len()), text.chars().count());
        assert_eq!(c.of(0), 0);
    }

    #[test]
    fn a_name_is_found_inside_its_phrase() {
        let cues = Cues::builtin().unwrap();
        assert_eq!(
            name_in(&cues, "Executive producer Orin Vale Marsh"),
            "Orin Vale Marsh"
        );
        assert_eq!(name_in(&cues, "Marsh, 67"), "Marsh");
        assert_eq!(
            name_in(&cues, "Sen. Ruth Whitcombe (D-Ore.)"),
            "Ruth Whitcombe"
        );
    }
}
