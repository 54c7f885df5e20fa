//! The first layer: a row's text into a typed [`Attribution`].
//!
//! **Who speaks** is the speaker field; or else the attribution's subject, the words before
//! its first verb ("Michael Patrick King | told Variety", "NBN | declined"), looking past a
//! leading channel set off by a comma ("In a statement, Whitcombe said"); or else the name after
//! an inverting verb ("said | Whitcombe") or after "according to". A phrase is then read for
//! its kind: an unnamed source ("a league source"), a rep or an organisation ("Vey's rep", "the
//! studio", "Caldera Foods", "NBN"), an outlet ("Bloomberg reported", the row's own outlet), a
//! person by name, the person by their title ("the senator" about "Senator Dana Whitcombe"), a
//! pronoun, or an epithet ("the actress"). A name before a hedge ("Kim is said to be angry") is
//! the topic, not the speaker; so is a name after a preposition ("a source close to Vey") or
//! before a lower-case noun ("a Caldera executive").
//!
//! Around the speaker the parser records the channels and markers the classifier weighs: a
//! document, the speaker's own platform, a rep beside a name, an unnamed source anywhere, the
//! outlet's own voice, another outlet's report, a statement, a setting, a hedge.

use std::ops::Range;

use super::grammar::{
    bare, find_ignore_case, governed, inside_a_name, is_possessive, is_role, offset_in,
    skip_dateline, strip_possessive, word_spans,
};
use super::locate;
use super::{Attribution, FoundIn, Report, Scratch, SourceCue, Speaker, SpeakerKind, rule};
use crate::claim::{Claim, trim};
use crate::cues::{CueKind, Cues, Hit};
use crate::name;
use crate::words::SplitWords;

/// A text and the source cues found in it.
#[derive(Clone, Copy)]
pub(super) struct Text<'t, 'h> {
    pub text: &'t str,
    pub hits: &'h [Hit],
}

/// What the parser compares names against.
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub cues: &'a Cues,
    pub person: &'a str,
    pub outlet: &'a str,
}

/// Where in a row a phrase stands; some readings depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The whole speaker field.
    Speaker,
    /// The attribution's words before its first verb.
    BeforeVerb,
    /// After a said-like verb: "said | Whitcombe".
    AfterVerb,
    /// After "according to", "per", "reported by": a name here not the person's is an outlet.
    AfterSource,
}

/// How much of a speaker or attribution field is read: a speaker is a name or a phrase, an
/// attribution a clause, and real ones are a few hundred bytes at most. Past this the field is
/// no attribution but pasted text, and reading all of it would cost time in the square of its
/// length (every word weighed against every cue): a megabyte of "Kim said Kim said ..." in
/// `speaker` took seconds, 30 MB minutes.
pub const FIELD_READ_LIMIT: usize = 2048;

/// The part of a field that is read: all of it, or up to the last word that ends within
/// `FIELD_READ_LIMIT` bytes.
fn read_part(field: &str) -> &str {
    if field.len() <= FIELD_READ_LIMIT {
        return field;
    }
    let mut end = FIELD_READ_LIMIT;
    while !field.is_char_boundary(end) {
        end -= 1;
    }
    let head = &field[..end];
    head.rfind(char::is_whitespace)
        .map_or(head, |space| head[..space].trim_end())
}

/// Parses the row: its speaker and attribution fields; when both are empty, or say nothing
/// (no speaker, no cue), the attribution found inside the claim text; and when there is none,
/// the claim's hedge.
pub(super) fn parse_row<'r>(
    cues: &Cues,
    claim: &Claim<'r>,
    scratch: &mut Scratch,
) -> Attribution<'r> {
    let row = Row {
        cues,
        person: claim.person,
        outlet: trim(claim.outlet),
    };
    let (speaker, attribution) = (
        read_part(trim(claim.speaker)),
        read_part(trim(claim.attribution)),
    );
    let Scratch {
        speaker: s_hits,
        attribution: a_hits,
        claim: c_hits,
    } = scratch;
    let fields = (!speaker.is_empty() || !attribution.is_empty()).then(|| {
        let content = [claim.claim, ""];
        parse(
            row,
            speaker,
            attribution,
            content,
            None,
            s_hits,
            a_hits,
            FoundIn::Fields,
        )
    });
    if let Some(fields) = fields
        && says_something(&fields)
    {
        return fields;
    }
    let (mut found, mut misread) = (None, None);
    let mut claim_hits = std::mem::take(c_hits);
    locate::locate(cues, claim.claim, &mut claim_hits, |range, hits| {
        let (text, content) = (
            &claim.claim[range.clone()],
            [&claim.claim[..range.start], &claim.claim[range.end..]],
        );
        let known = Some((claim.claim, hits));
        let parsed = parse(
            row,
            "",
            text,
            content,
            known,
            s_hits,
            a_hits,
            FoundIn::Claim,
        );
        let taken = says_something(&parsed);
        if taken {
            found = Some(parsed);
        } else if misread.is_none() && parsed.speaker.kind == SpeakerKind::Epithet {
            misread = Some(parsed);
        }
        taken
    });
    *c_hits = claim_hits;
    // A clause whose speaker is only a misread epithet gives way to a later one, but is still
    // a report when nothing else is ("shaking hands, according to People" finds People).
    if let Some(found) = found.or(misread) {
        return found;
    }
    if let Some(fields) = fields {
        return fields;
    }
    // Nobody stands behind the claim; a hedge in it says so.
    cues.find_source(claim.claim, c_hits);
    Attribution {
        hedge: c_hits
            .iter()
            .find(|h| h.kind == CueKind::Hedge)
            .map(|h| h.cue),
        ..Attribution::EMPTY
    }
}

/// Whether a parse found anything to decide by: a speaker, a marker or a channel.
fn says_something(a: &Attribution<'_>) -> bool {
    // An epithet that describes no one ("shaking hands", "It's") is a misread, not a speaker.
    let misread = a.speaker.kind == SpeakerKind::Epithet && !a.epithet_person;
    (a.speaker.kind != SpeakerKind::Nobody && !misread)
        || a.anonymity.is_some()
        || a.exclusive.is_some()
        || a.document.is_some()
        || a.platform.is_some()
        || a.role.is_some()
        || a.unnamed.is_some()
        || a.outlet_voice.is_some()
        || a.report.is_some()
        || a.outlet_named.is_some()
        || a.statement.is_some()
        || a.setting.is_some()
        || a.hedge.is_some()
}

/// Parses a speaker phrase and an attribution phrase (either may be empty) into an
/// [`Attribution`], with `s_hits` and `a_hits` as buffers for their cues. `content` is the
/// rest of the row's text (the claim, or what the claim holds around its attribution). When
/// the attribution is a slice of a text already searched for cues, `known` gives that text
/// and its hits, and the attribution's are taken from them rather than searched again.
#[allow(clippy::too_many_arguments)]
pub(super) fn parse<'t>(
    row: Row<'_>,
    speaker_text: &'t str,
    attribution_text: &'t str,
    content: [&str; 2],
    known: Option<(&str, &[Hit])>,
    s_hits: &mut Vec<Hit>,
    a_hits: &mut Vec<Hit>,
    found_in: FoundIn,
) -> Attribution<'t> {
    let cues = row.cues;
    // "WASHINGTON (Reuters) - ": a dateline names the wire, not who speaks.
    let attribution_text = skip_dateline(attribution_text);
    cues.find_source(speaker_text, s_hits);
    match known {
        Some((whole, hits)) => {
            let offset = attribution_text.as_ptr() as usize - whole.as_ptr() as usize;
            let end = offset + attribution_text.len();
            a_hits.clear();
            a_hits.extend(
                hits.iter()
                    .filter(|h| h.start >= offset && h.end <= end)
                    .map(|h| Hit {
                        start: h.start - offset,
                        end: h.end - offset,
                        ..*h
                    }),
            );
        }
        None => cues.find_source(attribution_text, a_hits),
    }
    drop_inside_outlet(speaker_text, row.outlet, s_hits);
    drop_inside_outlet(attribution_text, row.outlet, a_hits);
    let s = Text {
        text: speaker_text,
        hits: s_hits,
    };
    let a = Text {
        text: attribution_text,
        hits: a_hits,
    };
    let either = |kind| first(s, kind).or_else(|| first(a, kind)).map(|h| h.cue);

    let by_field = who_is(row, s, 0..s.text.len(), None, Place::Speaker);
    let (speaker, verb) = combine(row, s, a, by_field);
    let official = matches!(speaker.kind, SpeakerKind::Role | SpeakerKind::Organisation);
    let named = matches!(
        speaker.kind,
        SpeakerKind::Person | SpeakerKind::Named | SpeakerKind::PersonTitle
    );
    Attribution {
        found_in,
        text: attribution_text,
        speaker,
        verb,
        anonymity: either(CueKind::Anonymity),
        exclusive: either(CueKind::Exclusive),
        document: document(cues, a, &speaker)
            .or_else(|| document(cues, s, &speaker))
            .map(|h| h.cue),
        // "rumours swirled on social media": a hedge and no one speaking is nobody's own post.
        platform: (speaker.kind != SpeakerKind::Nobody || either(CueKind::Hedge).is_none())
            .then(|| social(row, a, &speaker).or_else(|| social(row, s, &speaker)))
            .flatten()
            .map(|h| h.cue),
        // A rep beside a name: "Kelsey Marr, Ostrander's press secretary, told reporters".
        role: (!official)
            .then(|| a.hits.iter().find(|h| is_role(cues, a.text, h)))
            .flatten()
            .map(|h| h.cue),
        // An unnamed source anywhere, when no one is named: "we're told by a source".
        unnamed: (!official && !named)
            .then(|| {
                a.hits.iter().find(|h| {
                    h.kind.is_unnamed()
                        && !governed(cues, a.text, h.start, CueKind::SourceTopicMarker)
                })
            })
            .flatten()
            .map(|h| h.cue),
        outlet_voice: first(a, CueKind::OutletAsserted).map(|h| h.cue),
        report: first(a, CueKind::Secondhand).map(|h| {
            // "according to a statement from the club": the statement is what it cites.
            let clause = clause_end(a, h.end);
            Report {
                cue: h.cue,
                statement: a
                    .hits
                    .iter()
                    .find(|x| x.kind == CueKind::Statement && x.start >= h.end && x.start <= clause)
                    .map(|x| x.cue),
            }
        }),
        outlet_named: outlet_mentioned(row, a),
        statement: first(a, CueKind::Statement).map(|h| h.cue),
        setting: first(a, CueKind::Subject).map(|h| h.cue),
        hedge: either(CueKind::Hedge),
        other_named: matches!(speaker.kind, SpeakerKind::Pronoun | SpeakerKind::Epithet)
            && pronoun_stands_for_other(row, a, content, found_in, speaker.phrase),
        pronoun_mismatch: speaker.kind == SpeakerKind::Pronoun
            && pronoun_gender(speaker.phrase)
                .zip(person_gender(row))
                .is_some_and(|(pronoun, person)| pronoun != person),
        epithet_person: speaker.kind == SpeakerKind::Epithet
            && describes_a_person(cues, speaker.phrase),
        has_text: !s.text.is_empty() || !a.text.is_empty(),
    }
}

/// Whether an epithet describes one person: a person noun at its head ("the former Chelsea
/// Lately host", "the Supreme Court justice") or an age ("the 67-year-old").
fn describes_a_person(cues: &Cues, phrase: &str) -> bool {
    let head = phrase.split(',').next().unwrap_or(phrase);
    head.words().map(bare).any(|w| {
        cues.is(strip_possessive(w), CueKind::PersonNoun)
            || w.strip_suffix("-year-old")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Who speaks, from the speaker field's reading and the attribution's. The attribution is read
/// only where it can tell more: when the field names no one definite, or when it names the
/// field's phrase with a verb that shows what it is ("The Blaze" + "The Blaze reported").
fn combine<'t>(
    row: Row<'_>,
    s: Text<'t, '_>,
    a: Text<'t, '_>,
    by_field: Speaker<'t>,
) -> (Speaker<'t>, Option<u32>) {
    match by_field.kind {
        SpeakerKind::Nobody => attribution_speaker(row, a),
        // "he" with "he said in an interview": the pronoun leads the attribution too.
        SpeakerKind::Pronoun if has_word(a.text, by_field.phrase) => {
            (by_field, attribution_speaker(row, a).1)
        }
        SpeakerKind::Pronoun | SpeakerKind::Epithet => match attribution_speaker(row, a) {
            (found, verb) if is_definite_speaker(found.kind) => (found, verb),
            (_, verb) => (by_field, verb),
        },
        // "RadarOnline.com" + "RadarOnline.com has exclusively learned": on a row with no
        // outlet, the outlet's own voice makes it the publisher.
        SpeakerKind::OtherOutlet
            if row.outlet.is_empty()
                && a.hits.iter().any(|h| h.kind == CueKind::OutletAsserted) =>
        {
            match attribution_speaker(row, a) {
                (found, verb) if found.kind == SpeakerKind::OwnOutlet => (found, verb),
                (_, verb) => (by_field, verb),
            }
        }
        SpeakerKind::Named | SpeakerKind::Organisation
            if a.hits
                .iter()
                .any(|h| matches!(h.kind, CueKind::Secondhand | CueKind::OutletAsserted))
                && find_ignore_case(a.text, s.text, 0).is_some() =>
        {
            match attribution_speaker(row, a) {
                (found, verb)
                    if matches!(
                        found.kind,
                        SpeakerKind::OwnOutlet | SpeakerKind::OtherOutlet
                    ) =>
                {
                    (found, verb)
                }
                (_, verb) => (by_field, verb),
            }
        }
        _ => (by_field, None),
    }
}

/// Whom a pronoun can stand for: `Some(true)` a man, `Some(false)` a woman.
/// The gender a personal pronoun tells: `Some(true)` a man, `Some(false)` a woman.
pub fn pronoun_gender(pronoun: &str) -> Option<bool> {
    let is = |list: &[&str]| list.iter().any(|p| pronoun.eq_ignore_ascii_case(p));
    if is(&["he", "him", "his"]) {
        Some(true)
    } else if is(&["she", "her", "hers"]) {
        Some(false)
    } else {
        None
    }
}

/// The person's gender as their titles and first name tell it (`cues/names.csv`), if they do:
/// `Some(true)` a man, `Some(false)` a woman.
fn person_gender(row: Row<'_>) -> Option<bool> {
    name_gender(row.cues, row.person)
}

/// The gender a name's titles and first name tell (`cues/names.csv`), if they do.
pub fn name_gender(cues: &Cues, name: &str) -> Option<bool> {
    for raw in name.words() {
        let word = bare(raw).trim_end_matches('.');
        if cues.is(word, CueKind::MaleName) {
            return Some(true);
        }
        if cues.is(word, CueKind::FemaleName) {
            return Some(false);
        }
        if !cues.is_title(word) {
            return None;
        }
    }
    None
}

/// Whether `part` is a slice of `whole` (the same bytes, not an equal copy).
fn within(whole: &str, part: &str) -> bool {
    let (w, p) = (whole.as_ptr() as usize, part.as_ptr() as usize);
    p >= w && p + part.len() <= w + whole.len()
}

/// Whether `word` stands in `text` as a whole word (any ASCII case, a possessive allowed).
fn has_word(text: &str, word: &str) -> bool {
    text.words()
        .any(|w| strip_possessive(bare(w)).eq_ignore_ascii_case(word))
}

/// Whether a pronoun speaker stands for someone other than the row's person: the attribution
/// names another person and not the person ("Vice President Joe Biden weighed in, he said"),
/// or the claim names the person as a third party ("he said Trump's plan would fail"). A name
/// after a preposition or "told" is an object, not who speaks ("he told Nixon").
fn pronoun_stands_for_other(
    row: Row<'_>,
    a: Text<'_, '_>,
    content: [&str; 2],
    found_in: FoundIn,
    speaker: &str,
) -> bool {
    let cues = row.cues;
    let names_person = |text: &str| {
        text.words().any(|raw| {
            let w = strip_possessive(bare(raw));
            w.starts_with(char::is_uppercase)
                && !cues.is(w, CueKind::NotAName)
                && !cues.is_title(w)
                && name::is_same_person(w, row.person, cues)
        })
    };
    // In a claim's own text, the person named before the pronoun and outside quotation marks
    // is its antecedent: "Ms. Olivieri found skating a salve, she said" (a paraphrase names its
    // speaker in the third person; a quotation that names the person is someone else speaking
    // of them). A claim given apart from its attribution has no such order.
    let antecedent = found_in == FoundIn::Claim
        && locate::outside_quotes(content[0]).any(|r| names_person(&content[0][r]));
    if antecedent || names_person(a.text) {
        return false;
    }
    let mut spans = word_spans(a.text).peekable();
    let mut first = true;
    while let Some((start, raw)) = spans.next() {
        let at_start = std::mem::replace(&mut first, false);
        let w = strip_possessive(bare(raw));
        let acronym = w.len() <= 5 && w.chars().all(|c| c.is_ascii_uppercase());
        if !w.starts_with(char::is_uppercase)
            || acronym
            || cues.is(w, CueKind::NotAName)
            || cues.is_title(w)
            || cues.is(w, CueKind::Calendar)
            || cues.is(w, CueKind::Pronoun)
            || a.hits.iter().any(|h| h.start <= start && start < h.end)
            // The speaker's own words ("the Westbridge manager") name no one else.
            || within(speaker, raw)
        {
            continue;
        }
        // A capitalised first word is a name only when another follows it ("Joe Biden said"),
        // not when it merely opens the sentence ("Asked about it, he said").
        let next_capital = spans
            .peek()
            .is_some_and(|(_, next)| bare(next).starts_with(char::is_uppercase));
        if (at_start && !next_capital) || governed(cues, a.text, start, CueKind::ObjectMarker) {
            continue;
        }
        return true;
    }
    content.iter().any(|text| names_person(text)) || quote_speaks_of(row, speaker, content)
}

/// Whether a quotation in the content speaks of a man or woman in the third person where the
/// pronoun speaker would say "I": "I think he has got to clean this up," he said. The
/// quoted "he" is someone else, and with the person's gender (or, not known, the speaker's),
/// it is the person, spoken of by another.
fn quote_speaks_of(row: Row<'_>, speaker: &str, content: [&str; 2]) -> bool {
    let Some(gender) = person_gender(row).or_else(|| pronoun_gender(speaker)) else {
        return false;
    };
    content.iter().any(|text| {
        let mut quoted_from = 0;
        let mut found = false;
        for outside in locate::outside_quotes(text) {
            let quote = text.get(quoted_from..outside.start).unwrap_or("");
            found |= quote
                .words()
                .any(|w| pronoun_gender(strip_possessive(bare(w))) == Some(gender));
            quoted_from = outside.end;
        }
        found
            || text
                .get(quoted_from..)
                .is_some_and(|q| q.words().any(|w| pronoun_gender(bare(w)) == Some(gender)))
    })
}

/// Whether a speaker found in the attribution names someone more definite than a pronoun or an
/// epithet in the speaker field ("she" with "Cattrall told Vogue").
fn is_definite_speaker(kind: SpeakerKind) -> bool {
    !matches!(
        kind,
        SpeakerKind::Nobody | SpeakerKind::Pronoun | SpeakerKind::Epithet | SpeakerKind::We
    )
}

/// The row's own outlet named in a text is a name, whatever cue words it holds ("Celeb Insider
/// Weekly" is no insider): drops the hits inside it.
fn drop_inside_outlet(text: &str, outlet: &str, hits: &mut Vec<Hit>) {
    // Only a hit no longer than the outlet's name can lie inside it; without one, the name
    // need not be looked for.
    let droppable = |h: &Hit| h.kind != CueKind::SpeechVerb && h.end - h.start <= outlet.len();
    if outlet.is_empty() || text.len() < outlet.len() || !hits.iter().any(droppable) {
        return;
    }
    let mut from = 0;
    while let Some(start) = find_ignore_case(text, outlet, from) {
        let end = start + outlet.len();
        hits.retain(|h| h.start < start || h.end > end || h.kind == CueKind::SpeechVerb);
        from = end;
    }
}

fn first<'h>(t: Text<'_, 'h>, kind: CueKind) -> Option<&'h Hit> {
    t.hits.iter().find(|h| h.kind == kind)
}

// --- who speaks ---------------------------------------------------------------------------

/// Kinds of cue that end the speaker's noun phrase in an attribution.
pub(super) fn is_verbish(kind: CueKind) -> bool {
    matches!(
        kind,
        CueKind::SpeechVerb
            | CueKind::OutletAsserted
            | CueKind::Secondhand
            | CueKind::Subject
            | CueKind::Hedge
            | CueKind::Statement
    )
}

/// Where a passive verb's agent starts, with the verb that carries it: after a report cue that
/// ends with "by" ("reported by"), or after "by" following a speech verb ("confirmed by her
/// publicist"); an auxiliary ("was first reported by") reports through the verb it leads to.
pub(super) fn passive_agent<'h>(
    cues: &Cues,
    text: &str,
    hits: &'h [Hit],
    verb: &'h Hit,
) -> Option<(usize, &'h Hit)> {
    let is_auxiliary =
        |h: &Hit| h.kind == CueKind::SpeechVerb && cues.is(cues.phrase(h.cue), CueKind::Auxiliary);
    let v = if is_auxiliary(verb) {
        hits.iter().find(|h| {
            h.start >= verb.end
                && is_verbish(h.kind)
                && text[verb.end..h.start].words().count() <= 2
                && !is_auxiliary(h)
        })?
    } else {
        verb
    };
    let phrase = cues.phrase(v.cue);
    let ends_with_by = phrase.len() > 3
        && phrase.is_char_boundary(phrase.len() - 3)
        && phrase[phrase.len() - 3..].eq_ignore_ascii_case(" by");
    if v.kind == CueKind::Secondhand && ends_with_by {
        return Some((v.end, v));
    }
    if v.kind != CueKind::SpeechVerb {
        return None;
    }
    let rest = &text[v.end..];
    let after = rest.trim_start();
    let by = after
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("by "));
    by.then(|| (v.end + (rest.len() - after.len()) + 3, v))
}

/// Who the attribution names, and the verb that introduced them: the subject of its first
/// verb, else the name after an inverting verb ("said Whitcombe") or after "according to". An
/// opening channel set off by a comma is looked past ("In a statement, Whitcombe said"), and
/// so is an adverb hedge ("Vey reportedly told friends"). A name before a hedge ("Kim is said
/// to be angry") or before an auxiliary that leads to no verb of speaking ("Cyrus has been
/// crying") is what the claim is about, not who speaks.
fn attribution_speaker<'t>(row: Row<'_>, a: Text<'t, '_>) -> (Speaker<'t>, Option<u32>) {
    let cues = row.cues;
    let mut from = 0;
    for v in a.hits.iter().filter(|h| is_verbish(h.kind)) {
        if v.start < from {
            continue;
        }
        let phrase = cues.phrase(v.cue);
        let verb_led = cues.opens_with_verb(v.cue);
        let nobody = (Speaker::NOBODY, Some(v.cue));
        if v.kind == CueKind::Hedge {
            // "is said to", and a hedge that opens the attribution ("rumours swirled on social
            // media"): no one speaks.
            let adverb = phrase.ends_with("ly") || a.text[v.end..].starts_with(',');
            let opens = a.text[from..v.start].trim().is_empty() && !adverb;
            if verb_led || phrase.ends_with(" to") || opens {
                return nobody;
            }
            continue;
        }
        // "is understood to", "is expected to": the subject is the topic.
        if verb_led && phrase.ends_with(" to") && v.kind != CueKind::Secondhand {
            return nobody;
        }
        if v.kind == CueKind::SpeechVerb
            && cues.is(phrase, CueKind::Auxiliary)
            && !leads_to_speech(row, a, v)
        {
            // Inside a relative clause of the subject ("Mr. Khan, who had addressed the
            // convention, said"), the auxiliary is not the subject's verb: look on.
            let clause = &a.text[from..v.start];
            let relative = [", who ", ", which ", ", that ", "(who ", " who "]
                .iter()
                .any(|r| clause.contains(r));
            if relative {
                continue;
            }
            // "Mr. Cruz has pursued a national strategy ..., arguing that": a participle after
            // a comma reports what the subject of the sentence says.
            if let Some(participle) = participle_after_comma(row, a, v.end) {
                let subject = who_is(row, a, from..v.start, Some(*participle), Place::BeforeVerb);
                if subject.kind != SpeakerKind::Nobody {
                    return (subject, Some(participle.cue));
                }
            }
            return nobody;
        }
        // "Asked if it had appeared ..., Trump replied": an opening participle and its
        // question, set off by a comma, are looked past.
        if let Some(comma) = opening_participle(row, a, from, v) {
            from = comma + 1;
            continue;
        }
        // "News of the split was first reported by TMZ", "The split was confirmed by her
        // publicist": a passive verb's agent, after "by", speaks; its subject is the topic.
        if let Some((start, carrier)) = passive_agent(cues, a.text, a.hits, v) {
            let place = if carrier.kind == CueKind::Secondhand {
                Place::AfterSource
            } else {
                Place::AfterVerb
            };
            // Read on its own, so that "by" does not make it an object ("by her publicist").
            let end = clause_end(a, start);
            let mut hits = [*v; 8];
            let mut n = 0;
            for h in a
                .hits
                .iter()
                .filter(|h| h.start >= start && h.end <= end)
                .take(8)
            {
                hits[n] = Hit {
                    start: h.start - start,
                    end: h.end - start,
                    ..*h
                };
                n += 1;
            }
            let agent_text = Text {
                text: &a.text[start..end],
                hits: &hits[..n],
            };
            let agent = who_is(row, agent_text, 0..end - start, Some(*v), place);
            if agent.kind != SpeakerKind::Nobody {
                return (agent, Some(v.cue));
            }
        }
        let before = who_is(row, a, from..v.start, Some(*v), Place::BeforeVerb);
        if before.kind != SpeakerKind::Nobody {
            return (before, Some(v.cue));
        }
        let after = v.end..clause_end(a, v.end);
        if v.kind == CueKind::SpeechVerb {
            if cues.is(phrase, CueKind::InvertingVerb) {
                return (
                    who_is(row, a, after, Some(*v), Place::AfterVerb),
                    Some(v.cue),
                );
            }
            return nobody;
        }
        if v.kind == CueKind::Secondhand {
            // "according to TMZ", "as first reported by StarBeat"; what follows its clause is
            // the claim ("According to Page Six, Vey is out").
            let who = who_is(row, a, after, Some(*v), Place::AfterSource);
            return match who.kind {
                SpeakerKind::Person
                | SpeakerKind::Named
                | SpeakerKind::OwnOutlet
                | SpeakerKind::OtherOutlet
                | SpeakerKind::Role
                | SpeakerKind::Organisation
                | SpeakerKind::Unnamed
                | SpeakerKind::Group
                | SpeakerKind::Document => (who, Some(v.cue)),
                _ => nobody,
            };
        }
        // A channel that opens with a verb ("said in a statement") ends the search; one set off
        // by a comma ("In a statement, ...") does not.
        match a.text[after.end..].strip_prefix(',') {
            Some(_) if !verb_led => from = after.end + 1,
            _ => return nobody,
        }
    }
    (
        who_is(row, a, from..a.text.len(), None, Place::BeforeVerb),
        None,
    )
}

/// Where an opening participle's clause ends (its comma), when the verb at `from` opens one: an
/// inverting verb first, then a question or a preposition ("Asked if", "Asked about", "Pressed
/// on"), then a comma before the next verb of speaking.
pub(super) fn opening_participle(
    row: Row<'_>,
    a: Text<'_, '_>,
    from: usize,
    v: &Hit,
) -> Option<usize> {
    let cues = row.cues;
    if v.kind != CueKind::SpeechVerb
        || !cues.is(cues.phrase(v.cue), CueKind::InvertingVerb)
        || !a.text[from..v.start].trim().is_empty()
    {
        return None;
    }
    let next = a.text[v.end..].words().next().map(bare)?;
    let opens = [
        "if", "why", "whether", "what", "how", "about", "when", "where", "by", "during", "on",
        "for", "at",
    ]
    .iter()
    .any(|w| next.eq_ignore_ascii_case(w));
    if !opens {
        return None;
    }
    let comma = v.end + a.text[v.end..].find(',')?;
    let speech_after = a.hits.iter().any(|h| h.start > comma && is_verbish(h.kind));
    speech_after.then_some(comma)
}

/// A speech verb's present participle set off by a comma after `from` (", saying", ",
/// arguing"), when it is the attribution's last verb.
fn participle_after_comma<'h>(row: Row<'_>, a: Text<'_, 'h>, from: usize) -> Option<&'h Hit> {
    let cues = row.cues;
    let found = a.hits.iter().find(|h| {
        h.start > from
            && h.kind == CueKind::SpeechVerb
            && cues.phrase(h.cue).ends_with("ing")
            && !cues.is(cues.phrase(h.cue), CueKind::Auxiliary)
            && a.text[..h.start].trim_end().ends_with(',')
    })?;
    let later_verb = a
        .hits
        .iter()
        .any(|h| h.start >= found.end && is_verbish(h.kind));
    (!later_verb).then_some(found)
}

/// Whether an auxiliary leads, within four words, to a verb of speaking or answering.
fn leads_to_speech(row: Row<'_>, a: Text<'_, '_>, aux: &Hit) -> bool {
    let cues = row.cues;
    let rest = &a.text[aux.end..];
    let reach = rest
        .words()
        .take(4)
        .last()
        .map_or(aux.end, |w| offset_in(a.text, w) + w.len());
    let in_hedge = |h: &Hit| {
        a.hits
            .iter()
            .any(|o| o.kind == CueKind::Hedge && o.start <= h.start && h.end <= o.end)
    };
    let verb = a.hits.iter().any(|h| {
        h.start >= aux.end
            && h.start < reach
            && is_verbish(h.kind)
            && h.kind != CueKind::Hedge
            && !(h.kind == CueKind::SpeechVerb && cues.is(cues.phrase(h.cue), CueKind::Auxiliary))
            && !in_hedge(h)
    });
    verb || rest
        .words()
        .take(4)
        .any(|w| cues.is(bare(w), CueKind::AnswerVerb))
}

/// Where the clause that starts at `from` ends: a comma, a semicolon, a bracket or the next verb.
pub(super) fn clause_end(t: Text<'_, '_>, from: usize) -> usize {
    let punct = t.text[from..]
        .find([',', ';', '(', ')'])
        .map_or(t.text.len(), |i| from + i);
    let verb = t
        .hits
        .iter()
        .find(|h| h.start >= from && is_verbish(h.kind))
        .map_or(t.text.len(), |h| h.start);
    punct.min(verb)
}

/// Who a phrase (a byte range of `t`) names.
fn who_is<'t>(
    row: Row<'_>,
    t: Text<'t, '_>,
    range: Range<usize>,
    verb: Option<Hit>,
    place: Place,
) -> Speaker<'t> {
    let cues = row.cues;
    let range = trim_phrase(cues, t, range);
    if range.is_empty() {
        return Speaker::NOBODY;
    }
    let phrase = &t.text[range.clone()];
    let speaker = |kind, cue| Speaker { phrase, kind, cue };
    let inside = |h: &&Hit| h.start >= range.start && h.end <= range.end;
    // A rep, spokesperson or lawyer: "Vey's rep", "a rep for Vey", "Mark Feld, his attorney".
    if let Some(h) = t
        .hits
        .iter()
        .filter(inside)
        .find(|h| is_role(cues, t.text, h))
    {
        return speaker(SpeakerKind::Role, SourceCue::Phrase(h.cue));
    }
    // "In the news conference, he | accused": a subject pronoun after an opening phrase's comma
    // is who speaks, whatever the phrase holds.
    if place == Place::BeforeVerb
        && let Some(comma) = phrase.rfind(", ")
        && let last = phrase[comma + 2..].trim()
        && ["he", "she", "they", "we"]
            .iter()
            .any(|p| last.eq_ignore_ascii_case(p))
    {
        let start = range.end - last.len();
        return who_is(row, t, start..range.end, verb, place);
    }
    // "At the Maine rally, Trump | said", "Later in the show, after the interview, Maher |
    // stated": after an opening phrase (a preposition, an adverb, a day, a participle), a name
    // alone after its last comma is who speaks, not a name inside the phrase.
    if place == Place::BeforeVerb
        && let Some(comma) = phrase.rfind(", ")
        && opens_with_phrase(cues, phrase)
        && let last = phrase[comma + 2..].trim()
        && is_name_alone(cues, last)
    {
        let start = range.end - last.len();
        return who_is(row, t, start..range.end, verb, place);
    }
    // "He condemned the government's deal ..., | saying": the subject of the clause before a
    // participle speaks, whatever the clause holds.
    if place == Place::BeforeVerb
        && verb.is_some_and(|v| {
            v.kind == CueKind::SpeechVerb
                && cues.phrase(v.cue).ends_with("ing")
                && t.text[..v.start].trim_end().ends_with(',')
        })
        && let Some(subject) = clause_subject(row, t, range.clone())
        && subject != range
    {
        return who_is(row, t, subject, verb, place);
    }
    let head = head_name(row, t, range.clone());
    let before_head = |h: &&Hit| head.as_ref().is_none_or(|head| h.start < head.span.start);
    // A document that heads the phrase: "Polls show", "a new Quinnipiac poll", "an analysis by
    // Lee Epstein"; not one after the name ("Tom Fitton, whose group sued for records").
    if let Some(h) = t.hits.iter().filter(inside).filter(before_head).find(|h| {
        h.kind == CueKind::Document
            && !governed(cues, t.text, h.start, CueKind::TopicMarker)
            && !inside_a_name(cues, t.text, h)
    }) {
        return speaker(SpeakerKind::Document, SourceCue::Phrase(h.cue));
    }
    // Another outlet's report: "a new report", "a report from E! Online".
    if let Some(h) = t
        .hits
        .iter()
        .filter(inside)
        .filter(before_head)
        .find(|h| h.kind == CueKind::Secondhand && !cues.opens_with_verb(h.cue))
        && (place == Place::Speaker || head.is_none())
    {
        return speaker(SpeakerKind::OtherOutlet, SourceCue::Phrase(h.cue));
    }
    // A name and an outlet word: "NW magazine", "the local paper"; or a listed outlet that ends
    // in a lower-case word ("People magazine").
    if let Some(h) = t.hits.iter().filter(inside).find(|h| {
        (h.kind == CueKind::OutletWord
            || (h.kind == CueKind::OutletName && head.is_none() && cased_as_listed(row, t, h)))
            && !governed(cues, t.text, h.start, CueKind::ObjectMarker)
    }) {
        let own = !row.outlet.is_empty()
            && head
                .as_ref()
                .is_some_and(|head| same_outlet(&t.text[head.span.clone()], row.outlet));
        let kind = if own {
            SpeakerKind::OwnOutlet
        } else {
            SpeakerKind::OtherOutlet
        };
        return speaker(kind, SourceCue::Phrase(h.cue));
    }
    if head.is_none()
        && let Some(h) = t.hits.iter().filter(inside).find(|h| {
            h.kind.is_unnamed() && !governed(cues, t.text, h.start, CueKind::SourceTopicMarker)
        })
    {
        let kind = if h.kind == CueKind::Group {
            SpeakerKind::Group
        } else {
            SpeakerKind::Unnamed
        };
        return speaker(kind, SourceCue::Phrase(h.cue));
    }
    // "A former Scientologist", "an Obama aide", "A Republican senator": an indefinite
    // description of someone, with at most one capitalised word as a modifier and no cue of
    // its own ("Some reports say" stays a hedge), is an unnamed individual, not a name. A
    // capitalised "One" before a capital opens a name ("One Direction").
    // (Cheapest test first: most phrases are a full name.)
    let mut words = phrase.words();
    if head
        .as_ref()
        .is_none_or(|h| !t.text[h.span.clone()].contains(char::is_whitespace))
        && let Some(first) = words.next()
        && cues.is(bare(first), CueKind::Indefinite)
        && let Some(second) = words.next()
        && !(first == "One" && second.starts_with(char::is_uppercase))
        && !t
            .hits
            .iter()
            .any(|h| inside(&h) && h.kind != CueKind::SpeechVerb)
    {
        return speaker(SpeakerKind::Unnamed, SourceCue::Rule(rule::UNNAMED_SPEAKER));
    }
    if let Some(head) = head {
        return name_or_outlet(row, t, head, verb, place);
    }
    if let Some(h) = t.hits.iter().filter(inside).find(|h| {
        h.kind == CueKind::Organisation && !governed(cues, t.text, h.start, CueKind::ObjectMarker)
    }) {
        return speaker(SpeakerKind::Organisation, SourceCue::Phrase(h.cue));
    }
    // A subject pronoun ends no description: "On Monday he", "Leaning into her message, she".
    let ends_like_pronoun = {
        let b = phrase.as_bytes();
        let tail = |s: &[u8]| b.len() > s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s);
        tail(b" he") || tail(b"she") || tail(b"hey") || tail(b" we") || tail(b" I")
    };
    if let Some(last) = ends_like_pronoun
        .then(|| phrase.words().next_back().map(bare))
        .flatten()
        && phrase.len() > last.len()
        && ["he", "she", "they", "we", "i"]
            .iter()
            .any(|p| last.eq_ignore_ascii_case(p))
        && (place != Place::Speaker || phrase.contains(','))
    {
        let start = range.end - last.len();
        return who_is(row, t, start..range.end, verb, place);
    }
    let mut words = phrase.words().map(bare);
    let first_word = words.next().unwrap_or_default();
    let lone = words.next().is_none();
    if lone {
        // "We're told", "I'd add": outside quotation marks, the first person is the writer,
        // the outlet's own voice.
        let pronoun = first_word
            .split(['\'', '\u{2019}'])
            .next()
            .unwrap_or(first_word);
        if pronoun.eq_ignore_ascii_case("we") || pronoun == "I" {
            return speaker(SpeakerKind::We, SourceCue::Rule(rule::OWN_OUTLET));
        }
        if cues.is(first_word, CueKind::Pronoun) {
            return speaker(SpeakerKind::Pronoun, SourceCue::Rule(rule::PRONOUN));
        }
    }
    if is_person_title(row, phrase) {
        return speaker(
            SpeakerKind::PersonTitle,
            SourceCue::Rule(rule::SPEAKER_IS_TITLE),
        );
    }
    if matches!(place, Place::Speaker | Place::AfterVerb)
        && cues.is(first_word, CueKind::Indefinite)
    {
        return speaker(SpeakerKind::Unnamed, SourceCue::Rule(rule::UNNAMED_SPEAKER));
    }
    if phrase.words().all(|w| {
        let w = bare(w);
        cues.is(w, CueKind::Filler) || cues.is(w, CueKind::Indefinite)
    }) {
        // "Some reports say", a relative "who": a quantifier or a filler names no one.
        return Speaker::NOBODY;
    }
    // A name typed in lower case in the speaker field ("kim cattrall").
    if place == Place::Speaker
        && !phrase.contains(|c: char| c.is_uppercase())
        && !cues.is(first_word, CueKind::Definite)
        && !first_word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    {
        return named(row, phrase);
    }
    // Whatever "reported" is an outlet: "a local TV station reported".
    if let Some(v) = verb.filter(|v| v.kind == CueKind::Secondhand && place == Place::BeforeVerb) {
        return speaker(SpeakerKind::OtherOutlet, SourceCue::Phrase(v.cue));
    }
    if place == Place::BeforeVerb
        && let Some(subject) = clause_subject(row, t, range.clone())
    {
        return who_is(row, t, subject, verb, place);
    }
    speaker(SpeakerKind::Epithet, SourceCue::Rule(rule::EPITHET))
}

/// Whether a phrase opens with a phrase of its own set off by a comma: a preposition ("At the
/// rally"), an adverb ("Later in the show"), a day or month ("Tuesday in New York City"), or a
/// participle ("Promising that ...").
fn opens_with_phrase(cues: &Cues, phrase: &str) -> bool {
    let Some(first) = phrase.words().next().map(bare) else {
        return false;
    };
    // The lexicon is case-blind: nothing is lower-cased here, as this runs on every row.
    [
        "in", "on", "at", "with", "from", "for", "after", "during", "through", "as",
    ]
    .iter()
    .any(|p| first.eq_ignore_ascii_case(p))
        || cues.is(first, CueKind::Filler)
        || cues.is(first, CueKind::Calendar)
        || (first.len() > 4 && first.ends_with("ing"))
}

/// Whether a phrase is a name and nothing more: one to five words, each capitalised, after at
/// most two lower-case words of description ("former president Bill Clinton").
fn is_name_alone(cues: &Cues, phrase: &str) -> bool {
    let (mut lower, mut capital) = (0, 0);
    for w in phrase.words() {
        let w = bare(w);
        if w.starts_with(char::is_uppercase) && !cues.is(w, CueKind::NotAName) {
            capital += 1;
        } else if capital == 0
            && w.starts_with(char::is_lowercase)
            && !cues.is(w, CueKind::Determiner)
        {
            lower += 1;
        } else {
            return false;
        }
    }
    (1..=5).contains(&capital) && lower <= 2
}

/// When the words before a verb are a clause of their own whose subject speaks ("Vice President
/// Joe Biden weighed in as well, | telling Mic", "Eight years ago, he supported Obama and |
/// said", "Drake surprised the world by | announcing"): that subject, a name run or a subject
/// pronoun opening the last comma-separated part, followed by at least two more words.
fn clause_subject(row: Row<'_>, t: Text<'_, '_>, range: Range<usize>) -> Option<Range<usize>> {
    let cues = row.cues;
    let phrase = &t.text[range.clone()];
    let part_start = phrase
        .rfind(", ")
        .filter(|&i| phrase[i + 2..].words().count() >= 3)
        .map_or(0, |i| i + 2);
    let part = &phrase[part_start..];
    let mut spans = word_spans(part);
    let (first_at, first) = spans.next()?;
    let first_bare = bare(first);
    let start = range.start + part_start + first_at;
    if ["he", "she", "they", "we"]
        .iter()
        .any(|p| first_bare.eq_ignore_ascii_case(p))
    {
        return (part.words().count() >= 3).then_some(start..start + first.len());
    }
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    if !capital(first_bare)
        || cues.is(first_bare, CueKind::NotAName)
        || cues.is(first_bare, CueKind::Determiner)
        || cues.is(first_bare, CueKind::Definite)
        || cues.is(first_bare, CueKind::Indefinite)
    {
        return None;
    }
    let mut end = start + first.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let mut after = 0;
    let mut in_run = !first.ends_with(',');
    for (at, raw) in spans {
        let w = bare(raw);
        if in_run && capital(w) && !cues.is(w, CueKind::NotAName) {
            end = range.start
                + part_start
                + at
                + raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            in_run = !raw.ends_with(',');
            continue;
        }
        if in_run && !w.starts_with(char::is_lowercase) {
            return None;
        }
        in_run = false;
        after += 1;
    }
    (after >= 2).then_some(start..end)
}

/// A named speaker: the person, or someone else.
fn named<'t>(row: Row<'_>, text: &'t str) -> Speaker<'t> {
    if name::is_same_person(text, row.person, row.cues) {
        Speaker {
            phrase: text,
            kind: SpeakerKind::Person,
            cue: SourceCue::Rule(rule::SPEAKER_IS_PERSON),
        }
    } else {
        Speaker {
            phrase: text,
            kind: SpeakerKind::Named,
            cue: SourceCue::Rule(rule::NAMED_SPEAKER),
        }
    }
}

/// A capitalised name found as the head of a phrase: an outlet, an organisation or a person.
fn name_or_outlet<'t>(
    row: Row<'_>,
    t: Text<'t, '_>,
    head: Head,
    verb: Option<Hit>,
    place: Place,
) -> Speaker<'t> {
    let cues = row.cues;
    let text = &t.text[head.span.clone()];
    let verb_cue = |rule: &'static str| {
        verb.filter(|v| v.kind != CueKind::SpeechVerb)
            .map_or(SourceCue::Rule(rule), |v| SourceCue::Phrase(v.cue))
    };
    let speaker = |kind, cue| Speaker {
        phrase: text,
        kind,
        cue,
    };
    let own_outlet = || speaker(SpeakerKind::OwnOutlet, verb_cue(rule::OWN_OUTLET));
    let other_outlet = || speaker(SpeakerKind::OtherOutlet, verb_cue(rule::OTHER_OUTLET));
    if !row.outlet.is_empty() && same_outlet(text, row.outlet) {
        return own_outlet();
    }
    let voice = verb.filter(|v| v.kind == CueKind::OutletAsserted);
    let known = known_outlet(row, t, head.span.clone()) || is_web_name(text);
    // "RadarOnline.com has exclusively learned", "As previously reported by the Inquisitr":
    // only the publishing outlet speaks so of itself; with no outlet on the row, this is it.
    // A person may "confirm" too, so a confirming name is the outlet only when it is a known
    // one ("E! News can confirm").
    let outlet_voice = voice.is_some_and(|v| known || !cues.phrase(v.cue).contains("confirm"));
    if outlet_voice && row.outlet.is_empty() && !name::is_same_person(text, row.person, cues) {
        return own_outlet();
    }
    if known {
        return other_outlet();
    }
    if head.after_the && text.words().all(|w| cues.is_title(bare(w))) {
        // "the Senator": a title, not a name.
        return if is_person_title(row, text) {
            speaker(
                SpeakerKind::PersonTitle,
                SourceCue::Rule(rule::SPEAKER_IS_TITLE),
            )
        } else {
            speaker(SpeakerKind::Epithet, SourceCue::Rule(rule::EPITHET))
        };
    }
    let person = name::is_same_person(text, row.person, cues);
    let organisation = organisation(cues, t, &head);
    // Whatever "reported" is an outlet, even "the Post"; but not "according to the FBI".
    if !person
        && verb.is_some_and(|v| v.kind == CueKind::Secondhand)
        && !head.described
        && !matches!(organisation, Some((_, true)))
    {
        return other_outlet();
    }
    if let Some((cue, _)) = organisation {
        return speaker(SpeakerKind::Organisation, cue);
    }
    let name = if person {
        return speaker(
            SpeakerKind::Person,
            SourceCue::Rule(rule::SPEAKER_IS_PERSON),
        );
    } else {
        speaker(SpeakerKind::Named, SourceCue::Rule(rule::NAMED_SPEAKER))
    };
    // Not the person: the verb may show it is an outlet; a description shows a person.
    match (place, verb.map(|v| v.kind)) {
        _ if head.described => name,
        (Place::AfterSource, _) | (_, Some(CueKind::Secondhand)) => other_outlet(),
        // "Screen Ledger hears": only an outlet "hears" or "has learned"; a person may "confirm".
        (_, Some(CueKind::OutletAsserted))
            if verb.is_some_and(|v| !cues.phrase(v.cue).contains("confirm")) =>
        {
            if row.outlet.is_empty() {
                own_outlet()
            } else {
                other_outlet()
            }
        }
        // "Lumora declined to comment", "Westbridge did not respond": a single unknown name
        // answering the press the way organisations do.
        (_, Some(CueKind::SpeechVerb))
            if !text.contains(char::is_whitespace)
                && verb.is_some_and(|v| cues.is(cues.phrase(v.cue), CueKind::OrganisationVerb)) =>
        {
            speaker(
                SpeakerKind::Organisation,
                SourceCue::Rule(rule::ORGANISATION),
            )
        }
        _ => name,
    }
}

/// A web address as a name: "RadarOnline.com", "theJasmineBRAND.com".
fn is_web_name(text: &str) -> bool {
    let lower = |suffix: &str| {
        text.len() > suffix.len()
            && text
                .get(text.len() - suffix.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
    };
    lower(".com") || lower(".co.uk") || lower(".net")
}

/// A capitalised run of words that heads a phrase.
struct Head {
    span: Range<usize>,
    /// The run follows "the": "the Gulls", "the New York Post".
    after_the: bool,
    /// The run follows a lower-case description, as people are introduced: "hair extension
    /// expert Tatiana Karelina", "showrunner Odile Brandt".
    described: bool,
}

/// The first run of capitalised words that heads the phrase: not an owner ("Ostrander's"), not
/// the object of a preposition ("a source close to Vey"), not a modifier of a lower-case noun
/// ("a Caldera executive", "Harbor Lights creator Odile Brandt" gives "Odile Brandt").
fn head_name(row: Row<'_>, t: Text<'_, '_>, range: Range<usize>) -> Option<Head> {
    let cues = row.cues;
    let mut run: Option<(Range<usize>, Option<&str>)> = None;
    let mut prev: Option<&str> = None;
    let phrase = &t.text[range.clone()];
    for (offset, raw) in word_spans(phrase) {
        let start = range.start + offset;
        let end = start + raw.len();
        if is_name_word(cues, t, raw, start, end, run.is_some()) {
            let (span, _) = run.get_or_insert((start..end, prev));
            span.end = end;
            if is_possessive(raw) {
                // An owner, not the speaker: "Ostrander's press secretary".
                run = None;
            } else if raw.ends_with([',', ';', ':', ')'])
                && let Some(head) = run.take().and_then(|r| accept_head(cues, t, r))
            {
                return Some(head);
            }
        } else if let Some(r) = run.take() {
            // A run followed by a lower-case noun modifies it; by a preposition, a conjunction,
            // a relative pronoun or an adverb, it is the head.
            let next = bare(raw);
            let opens_clause = cues.is(next, CueKind::ClauseOpener)
                || next.ends_with("ly")
                || !raw.starts_with(char::is_alphanumeric);
            if opens_clause && let Some(head) = accept_head(cues, t, r) {
                return Some(head);
            }
        }
        prev = Some(raw);
    }
    run.and_then(|r| accept_head(cues, t, r))
}

fn accept_head(
    cues: &Cues,
    t: Text<'_, '_>,
    (span, before): (Range<usize>, Option<&str>),
) -> Option<Head> {
    let text = t.text[span.clone()].trim_end_matches([',', ';', ':', ')', '.']);
    let span = span.start..span.start + text.len();
    // "reported by | Western Journalism", "a report from | E! Online": the source, not an object.
    let after_source = t.hits.iter().any(|h| {
        h.kind == CueKind::Secondhand
            && h.end <= span.start
            && t.text[h.end..span.start]
                .words()
                .all(|w| cues.is(bare(w), CueKind::Determiner))
    });
    if !after_source && governed(cues, t.text, span.start, CueKind::ObjectMarker) {
        return None;
    }
    // A lone day or month is a date: "said Tuesday".
    if !text.contains(char::is_whitespace) && cues.is(bare(text), CueKind::Calendar) {
        return None;
    }
    let described = before.is_some_and(|b| {
        let b = bare(b);
        b.starts_with(char::is_lowercase)
            && !is_possessive(b)
            && !cues.is(b, CueKind::Determiner)
            && !cues.is(b, CueKind::Filler)
            && !cues.is(b, CueKind::ObjectMarker)
            && !cues.is(b, CueKind::ClauseOpener)
            && !["per", "via", "citing", "according", "said", "says"]
                .iter()
                .any(|w| b.eq_ignore_ascii_case(w))
    });
    Some(Head {
        span,
        after_the: before.is_some_and(|b| bare(b).eq_ignore_ascii_case("the")),
        described,
    })
}

/// Whether a word may be part of a name: capitalised, not a function word, not part of a cue
/// that says something else ("Sources", "EXCLUSIVE:").
fn is_name_word(
    cues: &Cues,
    t: Text<'_, '_>,
    raw: &str,
    start: usize,
    end: usize,
    in_run: bool,
) -> bool {
    let word = bare(raw);
    // "Sen. Bernie Sanders (I-Vt.)": a bracketed party and state follow the name.
    if raw.starts_with('(') {
        return false;
    }
    if in_run && word == "&" {
        // "Ledger & Ticker", "Life & Style".
        return true;
    }
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // "We're", "I'd": the pronoun before a contraction.
    let stem = strip_possessive(word)
        .split(['\'', '\u{2019}'])
        .next()
        .unwrap_or(word);
    let initial = stem.chars().count() == 1 && raw.trim_end_matches([',', ';']).ends_with('.');
    if !initial && cues.is(stem, CueKind::NotAName) {
        return false;
    }
    let start = start + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
    let end = end - (raw.len() - raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
    !t.hits.iter().any(|h| {
        h.start <= start
            && end <= h.end
            && !matches!(
                h.kind,
                CueKind::OutletName | CueKind::Organisation | CueKind::Mask | CueKind::SpeechVerb
            )
            // A capitalised cue word continuing a name is part of it: "Redline Records".
            && !inside_a_name(cues, t.text, h)
    })
}

/// An organisation: a marker word in the name ("Caldera Foods", "Westbridge FC"), another cue
/// word inside it ("Redline Records"), "the" before a name ("the Gulls"), or a short
/// all-capitals name ("NBN"). The flag says the name itself shows it (a marker or an acronym),
/// rather than only the "the" before it, which outlets share ("the Post").
fn organisation(cues: &Cues, t: Text<'_, '_>, head: &Head) -> Option<(SourceCue, bool)> {
    if let Some(h) = t.hits.iter().find(|h| {
        h.kind == CueKind::Organisation && h.start >= head.span.start && h.start < head.span.end
    }) {
        return Some((SourceCue::Phrase(h.cue), true));
    }
    // Another cue word inside a name makes it an institution's: "Redline Records"; not a
    // title before a person's name ("Former Attorney General Michael Mukasey").
    if t.hits.iter().any(|h| {
        !matches!(h.kind, CueKind::OutletName | CueKind::SpeechVerb)
            && h.start > head.span.start
            && h.end <= head.span.end
            && !t.text[h.start..h.end]
                .words()
                .all(|w| cues.is_title(bare(w)))
    }) {
        return Some((SourceCue::Rule(rule::ORGANISATION), true));
    }
    let text = &t.text[head.span.clone()];
    let acronym = (2..=6).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&');
    (head.after_the || acronym).then_some((SourceCue::Rule(rule::ORGANISATION), acronym))
}

/// Whether the phrase is "the" and a title the person field carries: "the senator".
fn is_person_title(row: Row<'_>, phrase: &str) -> bool {
    let mut words = phrase.words().map(bare);
    let Some(first) = words.next() else {
        return false;
    };
    let mut rest = words.peekable();
    if !first.eq_ignore_ascii_case("the") || rest.peek().is_none() {
        return false;
    }
    let mut last = "";
    for word in rest {
        if !row.cues.is_title(word) {
            return false;
        }
        last = word;
    }
    name::has_title(row.person, last, row.cues)
}

/// Whether the name is the row's outlet: case, spacing and a leading "The" ignored, and a
/// shortened form accepted, as papers name themselves: "The Times" in The New York Times, "the
/// Post" in The Washington Post, "Breitbart News" in Breitbart.
fn same_outlet(name: &str, outlet: &str) -> bool {
    let same = |x: &str, y: &str| x.eq_ignore_ascii_case(y);
    // Names that share neither their first nor their last word are different: most calls.
    fn first(text: &str) -> Option<&str> {
        let mut words = text.words().map(bare);
        match words.next() {
            Some(w) if w.eq_ignore_ascii_case("the") => words.next(),
            w => w,
        }
    }
    fn last(text: &str) -> Option<&str> {
        text.words().next_back().map(bare)
    }
    let share_first = matches!((first(name), first(outlet)), (Some(a), Some(b)) if same(a, b));
    let share_last = matches!((last(name), last(outlet)), (Some(a), Some(b)) if same(a, b));
    if !share_first && !share_last {
        return false;
    }
    fn fill<'a>(words: &mut [&'a str; 8], text: &'a str) -> usize {
        let mut n = 0;
        for w in outlet_words(text) {
            if n == words.len() {
                return 0;
            }
            words[n] = w;
            n += 1;
        }
        n
    }
    let mut a = [""; 8];
    let mut b = [""; 8];
    let (n, m) = (fill(&mut a, name), fill(&mut b, outlet));
    if n == 0 || m == 0 {
        return false;
    }
    let (short, long) = if n <= m {
        (&a[..n], &b[..m])
    } else {
        (&b[..m], &a[..n])
    };
    // The shorter name's words at the start or at the end of the longer one's.
    short.iter().zip(long).all(|(x, y)| same(x, y))
        || short
            .iter()
            .zip(&long[long.len() - short.len()..])
            .all(|(x, y)| same(x, y))
}

fn outlet_words(name: &str) -> impl Iterator<Item = &str> {
    let mut words = name.words().map(bare).peekable();
    if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.next();
    }
    words
}

/// Whether a known outlet name lies within the span, capitalised as in the cue table.
fn known_outlet(row: Row<'_>, t: Text<'_, '_>, span: Range<usize>) -> bool {
    t.hits.iter().any(|h| {
        h.kind == CueKind::OutletName
            && h.end > span.start
            && h.end <= span.end
            && cased_as_listed(row, t, h)
    })
}

/// Outlet names count only where the text capitalises them as the table does ("People", not
/// "people"), judged by the last word ("the New York Post" is "The New York Post").
fn cased_as_listed(row: Row<'_>, t: Text<'_, '_>, h: &Hit) -> bool {
    let last_initial = |s: &str| s.words().next_back().and_then(|w| w.chars().next());
    match (
        last_initial(row.cues.phrase(h.cue)),
        last_initial(&t.text[h.start..h.end]),
    ) {
        (Some(l), Some(f)) => l.is_uppercase() == f.is_uppercase(),
        _ => false,
    }
}

/// An outlet named in source position ("per a Page Six report"): `Some(own)`. An outlet
/// receiving the words ("told Variety") is not the source.
fn outlet_mentioned(row: Row<'_>, t: Text<'_, '_>) -> Option<bool> {
    let h = t.hits.iter().find(|h| {
        h.kind == CueKind::OutletName
            && cased_as_listed(row, t, h)
            && !governed(row.cues, t.text, h.start, CueKind::RecipientMarker)
    })?;
    Some(!row.outlet.is_empty() && same_outlet(&t.text[h.start..h.end], row.outlet))
}

/// Trims a phrase to its words: no surrounding spaces or punctuation, no leading fillers ("as",
/// "and"), no hedges or exclusivity markers at either end ("Reportedly, Vey", "Cynthia Nixon
/// exclusively"), no trailing adverb.
fn trim_phrase(cues: &Cues, t: Text<'_, '_>, range: Range<usize>) -> Range<usize> {
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2014}');
    let marker = |start: usize, end: usize| {
        t.hits.iter().any(|h| {
            matches!(h.kind, CueKind::Exclusive | CueKind::Hedge)
                && h.start <= start
                && end <= h.end
        })
    };
    let mut range = range;
    loop {
        let phrase = &t.text[range.clone()];
        let from_first = phrase.trim_start_matches(edge);
        let phrase = from_first.trim_end_matches(edge);
        let start = range.start + (range.len() - from_first.len());
        range = start..start + phrase.len();
        if phrase.is_empty() {
            return range;
        }
        // The phrase now begins and ends with a word: its first word ends at the first space,
        // its last begins after the last.
        let first = phrase.split(char::is_whitespace).next().unwrap_or(phrase);
        let last = phrase.rsplit(char::is_whitespace).next().unwrap_or(phrase);
        let first_end = range.start + first.trim_end_matches(edge).len();
        let first_bare = bare(first);
        if marker(range.start, first_end)
            || (cues.is(first_bare, CueKind::Filler) && phrase.len() > first.len())
        {
            range.start += first.len();
            continue;
        }
        let last_start = range.end - last.len();
        let last_bare = bare(last);
        let adverb = last_start > range.start
            && ((last_bare.len() > 3
                && last_bare.ends_with("ly")
                && last_bare.chars().all(char::is_lowercase))
                || (last_bare.starts_with(char::is_lowercase)
                    && cues.is(last_bare, CueKind::Filler)));
        if adverb || marker(last_start, range.end) {
            range.end = last_start;
            continue;
        }
        return range;
    }
}

// --- channels: documents and social posts -------------------------------------------------

/// A document standing as the source, not as the topic ("asked about the lawsuit"), and not part
/// of a name ("Columbia Records").
/// With a named speaker, only a document that is their channel counts: after a channel marker
/// ("wrote in a court filing", "citing a poll"), or a phrase that says so itself ("records show",
/// "obtained by"); not one in a description of them ("Walter Stone, co-author of a study").
fn document<'h>(cues: &Cues, t: Text<'_, 'h>, speaker: &Speaker<'_>) -> Option<&'h Hit> {
    let named = matches!(speaker.kind, SpeakerKind::Person | SpeakerKind::Named);
    t.hits.iter().find(|h| {
        h.kind == CueKind::Document
            && !governed(cues, t.text, h.start, CueKind::TopicMarker)
            && !inside_a_name(cues, t.text, h)
            && (!named || is_channel(cues, t, h))
    })
}

fn is_channel(cues: &Cues, t: Text<'_, '_>, h: &Hit) -> bool {
    let phrase = cues.phrase(h.cue);
    if phrase.contains(' ')
        && !phrase.starts_with(|c: char| c.is_alphabetic() && c.is_uppercase())
        && phrase
            .split(' ')
            .next_back()
            .is_some_and(|w| ["show", "shows", "showed", "by", "found", "finds"].contains(&w))
    {
        return true;
    }
    for raw in t.text[..h.start].words().rev().take(3) {
        if raw.ends_with([',', ';', ':', '.']) {
            return false;
        }
        if cues.is(bare(raw), CueKind::ChannelMarker) {
            return true;
        }
    }
    false
}

/// A social channel the speaker controls: "on her YouTube channel", "in an Instagram post",
/// "tweeted". Not someone else's ("on the Vanity Vox YouTube channel", "the tournament posted
/// on its TikTok account"), and not the topic ("asked about her Instagram post").
fn social<'h>(row: Row<'_>, t: Text<'_, 'h>, who: &Speaker<'_>) -> Option<&'h Hit> {
    t.hits.iter().find(|h| {
        h.kind == CueKind::Social
            && !governed(row.cues, t.text, h.start, CueKind::PostTopicMarker)
            && letters_cased_as_listed(t, h)
            && own_channel(row, t, h, who)
    })
}

/// A one-letter platform ("X") matches only in capitals: "on X", not "on x-rays".
fn letters_cased_as_listed(t: Text<'_, '_>, h: &Hit) -> bool {
    t.text[h.start..h.end]
        .words()
        .filter(|w| w.chars().count() == 1)
        .all(|w| w.chars().all(char::is_uppercase))
}

fn own_channel(row: Row<'_>, t: Text<'_, '_>, h: &Hit, who: &Speaker<'_>) -> bool {
    let cues = row.cues;
    // An owner just before the platform: "her", "its", "Cody's", "the Vanity Vox". A name that
    // opens the phrase is who posts, not an owner: "Rafe Lindqvist tweeted".
    if let Some(raw) = t.text[..h.start].words().next_back()
        && !raw.ends_with([',', ';', ':', '.'])
        && !cues.is(bare(raw), CueKind::Calendar)
    {
        let word = bare(raw);
        if cues.is(word, CueKind::PossessivePronoun) {
            return true;
        }
        if word.eq_ignore_ascii_case("its") {
            return matches!(
                who.kind,
                SpeakerKind::Role
                    | SpeakerKind::Organisation
                    | SpeakerKind::OwnOutlet
                    | SpeakerKind::OtherOutlet
            );
        }
        let owner_name = is_possessive(raw)
            || (word.starts_with(char::is_uppercase)
                && t.text[..h.start]
                    .words()
                    .rev()
                    .find(|w| !bare(w).starts_with(char::is_uppercase))
                    .is_some_and(|w| {
                        let w = bare(w);
                        cues.is(w, CueKind::Determiner) || cues.is(w, CueKind::ObjectMarker)
                    }));
        if owner_name {
            let owner = strip_possessive(word);
            return match who.kind {
                SpeakerKind::Person | SpeakerKind::Named => {
                    name::is_same_person(owner, who.phrase, cues)
                }
                _ => name::is_same_person(owner, row.person, cues),
            };
        }
    }
    // An owner after it: "an Instagram post by Reyes" is Reyes's; "hosted by Reel Report" is
    // not, nor is "a tweet from Donald Trump" when someone else speaks about it.
    let mut after = t.text[h.end..].words();
    for _ in 0..3 {
        let Some(raw) = after.next() else { break };
        let word = bare(raw);
        // "from" gives a post its author ("a tweet from Donald Trump"), but a broadcast its
        // place ("a Facebook Live from City Hall").
        let platform = cues.phrase(h.cue);
        let post = ["tweet", "tweets", "post"]
            .iter()
            .any(|p| platform.eq_ignore_ascii_case(p) || platform.ends_with(" post"));
        if word.eq_ignore_ascii_case("by") || (post && word.eq_ignore_ascii_case("from")) {
            let rest_start = offset_in(t.text, raw) + raw.len();
            let owner = &t.text[rest_start..clause_end(t, rest_start)];
            let outlet = (!row.outlet.is_empty() && same_outlet(owner.trim(), row.outlet))
                || t.hits.iter().any(|o| {
                    o.kind == CueKind::OutletName
                        && o.start >= rest_start
                        && cased_as_listed(row, t, o)
                });
            let someone_else = matches!(who.kind, SpeakerKind::Person | SpeakerKind::Named)
                && !owner.words().any(|w| {
                    let w = strip_possessive(bare(w));
                    w.starts_with(char::is_uppercase) && name::is_same_person(w, who.phrase, cues)
                });
            return !outlet && !someone_else;
        }
    }
    true
}
