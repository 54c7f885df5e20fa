//! The people an article names: runs of capitalised words that are not outlets, organisations,
//! titles or grammar ("Executive producer Michael Patrick King" names Michael Patrick King), and
//! the surname mentions that point back at them ("King, 67, told Variety"). They give an
//! article its main person and let a speaker's surname, pronoun or epithet be written in full.

use std::ops::Range;

use crate::cues::{CueKind, Cues, Hit};

/// At most this many words make a name.
const MAX_NAME_WORDS: usize = 4;

/// A full name the article prints, with how often it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// As first printed: "Michael Patrick King".
    pub name: String,
    /// Where it is first printed (byte offset).
    pub first: usize,
    /// Mentions in full, and by surname alone.
    pub full: u32,
    pub surname: u32,
}

impl Named {
    pub fn mentions(&self) -> u32 {
        self.full + self.surname
    }

    pub fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

/// The names of one article.
#[derive(Debug, Default)]
pub struct Names {
    pub people: Vec<Named>,
}

impl Names {
    /// Finds the names in `text`, given its source cues (outlets and organisations are not
    /// people).
    pub fn of(cues: &Cues, text: &str, hits: &[Hit]) -> Names {
        let excluded: Vec<Range<usize>> = hits
            .iter()
            .filter(|h| {
                matches!(
                    h.kind,
                    CueKind::OutletName | CueKind::Organisation | CueKind::Document
                )
            })
            .map(|h| h.start..h.end)
            .collect();
        let mut names = Names::default();
        let mut singles: Vec<&str> = Vec::new();
        for run in name_runs(cues, text) {
            if excluded
                .iter()
                .any(|e| e.start < run.range.end && run.range.start < e.end)
            {
                continue;
            }
            if run.words >= 2 {
                let name = &text[run.range.clone()];
                match names.people.iter_mut().find(|p| p.name == name) {
                    Some(p) => p.full += 1,
                    None => names.people.push(Named {
                        name: name.to_string(),
                        first: run.range.start,
                        full: 1,
                        surname: 0,
                    }),
                }
            } else {
                singles.push(&text[run.range]);
            }
        }
        // "Tech Founder Marco Vance" in a headline is Marco Vance: a name printed elsewhere
        // with fewer leading words is the name, the words before it a description.
        let people = std::mem::take(&mut names.people);
        for p in &people {
            let shorter = people
                .iter()
                .filter(|q| {
                    q.name.len() < p.name.len() && p.name.ends_with(&format!(" {}", q.name))
                })
                .filter(|q| q.name.contains(' '))
                .max_by_key(|q| q.name.len());
            match shorter {
                Some(q) => {
                    if let Some(kept) = names.people.iter_mut().find(|k| k.name == q.name) {
                        kept.full += p.full;
                    } else {
                        let mut q = q.clone();
                        q.full += p.full;
                        names.people.push(q);
                    }
                }
                None => match names.people.iter_mut().find(|k| k.name == p.name) {
                    Some(kept) => kept.first = kept.first.min(p.first),
                    None => names.people.push(p.clone()),
                },
            }
        }
        for single in singles {
            // A surname counts for the fullest name that ends with it; a first name alone
            // ("Kim") counts for no one.
            if let Some(p) = names
                .people
                .iter_mut()
                .filter(|p| p.surname() == single)
                .max_by_key(|p| (p.full, std::cmp::Reverse(p.first)))
            {
                p.surname += 1;
            }
        }
        names
    }

    /// The article's main person: the most named, the first named on a tie.
    pub fn main(&self) -> Option<&Named> {
        self.people
            .iter()
            .max_by_key(|p| (p.mentions(), std::cmp::Reverse(p.first)))
    }

    /// The full name a speaker phrase stands for: the name it holds, a surname written in
    /// full ("King" → "Michael Patrick King").
    pub fn resolve(&self, name: &str) -> Option<&str> {
        if name.contains(' ') {
            // The longest printed name that ends with it ("Patrick King" → "Michael Patrick King").
            return self
                .people
                .iter()
                .filter(|p| p.name.ends_with(name) && p.name.len() >= name.len())
                .max_by_key(|p| p.name.len())
                .map(|p| p.name.as_str());
        }
        self.people
            .iter()
            .filter(|p| p.surname() == name)
            .max_by_key(|p| (p.mentions(), std::cmp::Reverse(p.first)))
            .map(|p| p.name.as_str())
    }

    /// Every printed name of the person `full` is (itself and its surname), for matching.
    pub fn is_named_in(&self, full: &str, text: &str) -> bool {
        let surname = full.rsplit(' ').next().unwrap_or(full);
        contains_word(text, full) || contains_word(text, surname)
    }
}

/// Whether `text` holds `word` with no letter on either side.
pub fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = at + word.len();
    }
    false
}

/// A run of name words.
#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    pub range: Range<usize>,
    pub words: usize,
}

/// The runs of capitalised name words in `text`, each cut at punctuation and stripped of the
/// titles and grammar words it starts with ("The", "Sen.", "Executive").
pub fn name_runs<'a>(cues: &'a Cues, text: &'a str) -> impl Iterator<Item = Run> + 'a {
    let mut words = crate::judge::attribution::word_spans(text).peekable();
    let mut pending: Option<Run> = None;
    let mut carry: Option<Run> = None;
    std::iter::from_fn(move || {
        if let Some(run) = carry.take() {
            return Some(run);
        }
        loop {
            let Some((at, raw)) = words.next() else {
                return pending.take();
            };
            let word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
            let lead = raw.len() - word.len();
            let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let core = core
                .strip_suffix("'s")
                .or_else(|| core.strip_suffix("\u{2019}s"))
                .unwrap_or(core);
            let stops = core.len() < word.len();
            let start = at + lead;
            // A title continues a name ("Michael Patrick King", "Tony Prince") but does not
            // start one ("Sen. Ruth Whitcombe").
            let name_word = is_name_word(cues, core) && (pending.is_some() || !cues.is_title(core));
            // A line break ends a name (a headline's last word is no first name); so does the
            // word limit, the next word starting a name of its own.
            let broken = pending.as_ref().is_some_and(|run| {
                run.words >= MAX_NAME_WORDS || text[run.range.end..at].contains('\n')
            });
            if name_word && broken {
                let done = pending.replace(Run {
                    range: start..start + core.len(),
                    words: 1,
                });
                if stops {
                    // Both end here: the new one is given next time.
                    let next = pending.take();
                    carry = next;
                }
                return done;
            }
            if name_word && (lead == 0 || pending.is_none()) {
                let run = pending.get_or_insert(Run {
                    range: start..start,
                    words: 0,
                });
                if run.words < MAX_NAME_WORDS {
                    run.range.end = start + core.len();
                    run.words += 1;
                }
                if stops {
                    return pending.take();
                }
            } else if let Some(run) = pending.take() {
                return Some(run);
            }
        }
    })
}

/// A word that may be part of a person's name: capitalised, with a lower-case letter (not a
/// shouted headline or an acronym), not a title, a month or a grammar word.
fn is_name_word(cues: &Cues, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
        && ![
            CueKind::NotAName,
            CueKind::Determiner,
            CueKind::Pronoun,
            CueKind::PossessivePronoun,
            CueKind::Calendar,
            CueKind::ClauseOpener,
            CueKind::Filler,
        ]
        .into_iter()
        .any(|kind| cues.is(word, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Names {
        let cues = Cues::builtin().unwrap();
        let mut hits = Vec::new();
        cues.find_source(text, &mut hits);
        Names::of(&cues, text, &hits)
    }

    #[test]
    fn the_most_named_person_is_the_main_one_and_surnames_count() {
        let n = names(
            "Executive producer Orin Vale Marsh explained that actress Dara Quill will not return. \
             Marsh, 67, told Variety. Quill declined. Quill left. Dara Quill is in London.",
        );
        assert_eq!(n.main().unwrap().name, "Dara Quill");
        assert_eq!(n.resolve("Marsh"), Some("Orin Vale Marsh"));
        assert_eq!(n.resolve("Vale Marsh"), Some("Orin Vale Marsh"));
    }

    #[test]
    fn a_description_before_a_name_in_a_headline_is_not_part_of_it() {
        let n = names(
            "Tech Founder Marco Vance Denies Talks\n\nMarco Vance said no. Vance left. Vance slept.",
        );
        assert_eq!(n.main().unwrap().name, "Marco Vance", "{:?}", n.people);
        assert!(
            n.people.iter().all(|p| !p.name.starts_with("Tech")),
            "{:?}",
            n.people
        );
    }

    #[test]
    fn titles_and_sentence_openers_are_not_part_of_a_name() {
        let cues = Cues::builtin().unwrap();
        let text = "The senator met Sen. Ruth Whitcombe on Tuesday. Whitcombe said no.";
        let runs: Vec<&str> = name_runs(&cues, text).map(|r| &text[r.range]).collect();
        assert!(runs.contains(&"Ruth Whitcombe"), "{runs:?}");
        assert!(
            !runs
                .iter()
                .any(|r| r.contains("Sen") || r.contains("Tuesday")),
            "{runs:?}"
        );
    }

    #[test]
    fn words_are_matched_whole() {
        assert!(contains_word("Quill said", "Quill"));
        assert!(!contains_word("Quillan said", "Quill"));
    }
}
