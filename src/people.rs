//! People as one identity however a file writes them: "Mayor Ruth Whitcombe", "ruth
//! whitcombe", "Whitcombe, Ruth" and (when the input names no other Whitcombe) "Whitcombe" are
//! one person; "Björn" is "Bjorn", "Okafor-Lane" is "Okafor Lane". `--people FILE` merges and
//! splits by hand and wins over these rules. `report`, `topics` and `--person` group by it.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::cues::Cues;
use crate::error::{Error, Result};
use crate::keys::{KeySet, Texts};

mod state;

const SUFFIXES: [&str; 8] = ["jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"];

/// The identity key of a name: titles, generational suffixes, punctuation, case, accents and
/// hyphens removed, `Surname, First` turned round; words separated by one space.
pub fn key(name: &str, cues: &Cues) -> String {
    // Invisible format characters (a zero-width joiner, a soft hyphen) and NFC first, as
    // `name::key` does: they are not part of who the person is.
    let normal = crate::name::normalise(name);
    let name = normal.trim();
    // `Whitcombe, Ruth`; not `Tom Barrow, Jr.`.
    let turned;
    let name = match name.split_once(',') {
        Some((surname, first))
            if !first.contains(',')
                && !surname.trim().is_empty()
                && first
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| !is_suffix(w)) =>
        {
            turned = format!("{} {}", first.trim(), surname.trim());
            turned.as_str()
        }
        _ => name,
    };
    let mut words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w)
        })
        .filter(|w| !w.is_empty())
        .collect();
    let titles = words.iter().take_while(|w| cues.is_title(w)).count();
    // A title alone may be the name ("Coach"): keep the last word then.
    words.drain(..titles.min(words.len().saturating_sub(1)));
    while words.len() > 1 && words.last().is_some_and(|w| is_suffix(w)) {
        words.pop();
    }
    let mut out = String::with_capacity(name.len());
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        fold_into(word, &mut out);
    }
    out
}

fn is_suffix(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    SUFFIXES.iter().any(|s| word.eq_ignore_ascii_case(s))
}

/// Lower case without accents: `Björn` → `bjorn`, `Łukasz` → `lukasz`, `Straße` → `strasse`.
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// `--people FILE`: one person a line, `Primary Name, alias, alias`; `#` starts a comment.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Identity key of every name listed → the line's primary name.
    aliases: HashMap<String, String>,
    /// The lines as read, keyed later with the cues in use.
    lines: Vec<Vec<String>>,
}

impl People {
    pub fn load(path: &Path) -> Result<People> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::File {
            path: name.clone(),
            message: format!("cannot read the people file: {e}"),
        })?;
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let names: Vec<String> = line
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                return Err(Error::File {
                    path: format!("{name}:{}", i + 1),
                    message: "expected `Primary Name, alias, alias`".to_string(),
                });
            }
            lines.push(names);
        }
        Ok(People {
            aliases: HashMap::new(),
            lines,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Keys the file's names with the cues in use (titles); call once before `primary`.
    pub fn prepare(&mut self, cues: &Cues) {
        for names in &self.lines {
            for alias in names {
                self.aliases.insert(key(alias, cues), names[0].clone());
            }
        }
    }

    /// The primary name the file gives a name's identity key, if it lists it.
    pub fn primary(&self, key: &str) -> Option<&str> {
        self.aliases.get(key).map(String::as_str)
    }

    /// Groups identities. `keys` gives the identity key of each of `key_count` identities
    /// (ids from 0); `spellings` gives each of `spelling_count` names as written with its
    /// identity, its rows and the first day it was written (days from the Common Era, as chrono
    /// counts them). Each group is named by the `--people` primary name, else by the fullest
    /// spelling written (see `Grouping`). Read through functions and kept as 4-byte ids rather
    /// than in lists of text: `report` groups a million persons at the end of a run, and this
    /// is near its peak memory.
    pub fn group<'a>(
        &'a self,
        key_count: usize,
        keys: &dyn Fn(u32) -> &'a str,
        spelling_count: usize,
        spellings: &dyn Fn(u32) -> (u32, &'a str, u64, i32),
    ) -> Grouping<'a> {
        let mut group_of = vec![NONE; key_count];
        let mut primaries: Vec<&'a str> = Vec::new();
        let mut by_primary: HashMap<&str, u32> = HashMap::new();
        let ids = || (0..key_count).map(|i| (i, keys(i as u32)));
        // The file first: it wins.
        for (i, key) in ids() {
            if let Some(primary) = self.primary(key) {
                let g = match by_primary.get(primary) {
                    Some(&g) => g,
                    None => {
                        primaries.push(primary);
                        let g = u32::try_from(primaries.len() - 1).unwrap_or(NONE);
                        by_primary.insert(primary, g);
                        g
                    }
                };
                group_of[i] = g;
            }
        }
        let mut groups = primaries.len();
        let mut new_group = || {
            groups += 1;
            u32::try_from(groups - 1).unwrap_or(NONE)
        };
        // Full names, each its own identity (named below).
        for (i, key) in ids() {
            if group_of[i] == NONE && key.contains(' ') {
                group_of[i] = new_group();
            }
        }
        // A surname alone joins the one full name it can be, if there is exactly one: each
        // later word of a grouped key → its group, or `NONE` when several groups have it.
        if ids().any(|(i, k)| group_of[i] == NONE && !k.contains(' ')) {
            let mut by_surname: HashMap<&str, u32> = HashMap::new();
            for (i, key) in ids() {
                let g = group_of[i];
                if g == NONE {
                    continue;
                }
                for word in key.split(' ').skip(1) {
                    let at = by_surname.entry(word).or_insert(g);
                    if *at != g {
                        *at = NONE;
                    }
                }
            }
            for (i, key) in ids() {
                if group_of[i] == NONE {
                    group_of[i] = match by_surname.get(key) {
                        Some(&g) if g != NONE => g,
                        _ => new_group(),
                    };
                }
            }
        }
        // The group's name: the fullest of all its spellings, unless the file names it.
        // Each group's fullest spelling so far, as an index into `spellings` (4 bytes a group).
        let from_file = primaries.len();
        let spelling = |i: u32| {
            let (identity, text, rows, first) = spellings(i);
            Spelling {
                text,
                rows,
                first,
                name_words: keys(identity).split(' ').count(),
            }
        };
        let mut best: Vec<u32> = vec![NONE; groups - from_file];
        for i in (0..spelling_count).map(|i| i as u32) {
            let (identity, ..) = spellings(i);
            let Some(&g) = group_of.get(identity as usize) else {
                continue;
            };
            let Some(b) = (g as usize).checked_sub(from_file) else {
                continue;
            };
            let Some(&current) = best.get(b) else {
                continue;
            };
            if current == NONE || rank(&spelling(i)) > rank(&spelling(current)) {
                best[b] = i;
            }
        }
        Grouping {
            of: group_of,
            primaries,
            spellings: best,
        }
    }
}

/// No group, or no spelling.
const NONE: u32 = u32::MAX;

/// Identities grouped as persons (`People::group`).
#[derive(Debug)]
pub struct Grouping<'a> {
    /// Each identity's group.
    pub of: Vec<u32>,
    /// The names of the first groups: the `--people` file's primary names.
    primaries: Vec<&'a str>,
    /// The names of the others: each one's fullest spelling, as an index among the spellings
    /// (`NONE` for a group with none).
    spellings: Vec<u32>,
}

impl<'a> Grouping<'a> {
    pub fn len(&self) -> usize {
        self.primaries.len() + self.spellings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name of `group`; `spelling` gives a spelling's text by its index.
    pub fn name(&self, group: u32, spelling: impl Fn(u32) -> &'a str) -> &'a str {
        let g = group as usize;
        match self.primaries.get(g) {
            Some(primary) => primary,
            None => match self.spellings.get(g - self.primaries.len()) {
                Some(&s) if s != NONE => spelling(s),
                _ => "",
            },
        }
    }
}

/// One spelling of a name, for choosing a group's name.
#[derive(Debug)]
struct Spelling<'a> {
    text: &'a str,
    rows: u64,
    /// The first day it was written.
    first: i32,
    /// Words of its identity key: the name without titles and suffixes.
    name_words: usize,
}

/// How full a spelling of one person is, to name the group by the fullest: most words of
/// name, then accents kept (`Björn` over `Bjorn`), then without titles and not turned round
/// (`Whitcombe, Ruth`), then the most rows; on a tie the first written (on the earliest day,
/// then the first in byte order): the name does not depend on the order of the rows, so that
/// partial results merge exactly.
#[allow(clippy::type_complexity)]
fn rank<'a>(
    s: &Spelling<'a>,
) -> (
    usize,
    bool,
    std::cmp::Reverse<usize>,
    bool,
    u64,
    std::cmp::Reverse<i32>,
    std::cmp::Reverse<&'a str>,
) {
    let written = s
        .text
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty())
        .count();
    let extra = written.saturating_sub(s.name_words);
    (
        s.name_words,
        !s.text.is_ascii(),
        std::cmp::Reverse(extra),
        !s.text.contains(','),
        s.rows,
        std::cmp::Reverse(s.first),
        std::cmp::Reverse(s.text),
    )
}

/// Whether a `--person` value finds a claim's person. Both are compared by identity key,
/// through `--people`, and through the tolerant rules of `name::is_same_person` (initials,
/// middle names) except one: a first name alone no longer finds everyone with it.
pub fn person_matches(
    wanted: &str,
    wanted_key: &str,
    person: &str,
    people: &People,
    cues: &Cues,
) -> bool {
    let person_key = key(person, cues);
    if person_key == wanted_key {
        return true;
    }
    if let (Some(a), Some(b)) = (people.primary(wanted_key), people.primary(&person_key)) {
        return a == b;
    }
    if !wanted_key.contains(' ') {
        // A single word finds a surname (or part of a double-barrelled one), not a first name.
        return person_key.split(' ').skip(1).any(|w| w == wanted_key) || person_key == wanted_key;
    }
    // A double-barrelled surname written with a space: "okafor lane".
    if person_key.ends_with(&format!(" {wanted_key}")) {
        return true;
    }
    crate::name::is_same_person(wanted, person, cues)
        || crate::name::is_same_person(wanted_key, &person_key, cues)
}

/// The names most like `wanted` among `seen`, for a `--person` that matched nothing.
pub fn closest<'a>(wanted: &str, seen: impl Iterator<Item = &'a str>, cues: &Cues) -> Vec<String> {
    let wanted = key(wanted, cues);
    let mut scored: Vec<(f64, &str)> = seen
        .map(|name| (strsim::jaro_winkler(&wanted, &key(name, cues)), name))
        .filter(|(score, _)| *score > 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_string())
        .collect()
}

/// The persons of a run as they are read, compactly (see `keys`): each spelling as written
/// once, with its identity and rows, and each identity key once. A person's id is its identity
/// key's; `group` then joins the identities that are one person.
#[derive(Debug, Default)]
pub struct Persons {
    /// Identity keys (`key`).
    keys: KeySet,
    /// Names as written; by a spelling's id, its identity, its rows and the first day it was
    /// written (`NaiveDate::num_days_from_ce`).
    spellings: KeySet,
    identity: Vec<u32>,
    rows: Vec<u32>,
    first: Vec<i32>,
    /// For `id_as`: by another `Persons`' spelling id, this one's (`u32::MAX` until seen).
    outer: Vec<u32>,
}

impl Persons {
    /// The id of `person`'s identity, written on `day`; a spelling seen before (nearly every
    /// row's) is found without working out its key.
    pub fn id(&mut self, person: &str, day: chrono::NaiveDate, cues: &Cues) -> u32 {
        self.spelling_and_id(person, day, cues).1
    }

    /// `id`, and the id of the spelling (its name as written): for `id_as` on another
    /// `Persons` that sees some of the same rows.
    pub fn spelling_and_id(
        &mut self,
        person: &str,
        day: chrono::NaiveDate,
        cues: &Cues,
    ) -> (u32, u32) {
        let (spelling, new) = self.spellings.insert(person);
        (spelling, self.count(spelling, new, person, day, cues))
    }

    /// `id` for a person that another `Persons` has just found as its spelling `outer`
    /// (`spelling_and_id`): once a spelling is known, the row's name is not hashed and compared
    /// again (`brief` looks each row's person up for the report and for the topics). The ids,
    /// counts and names are those `id` gives.
    pub fn id_as(&mut self, outer: u32, person: &str, day: chrono::NaiveDate, cues: &Cues) -> u32 {
        let at = outer as usize;
        let (spelling, new) = match self.outer.get(at) {
            Some(&own) if own != u32::MAX => (own, false),
            _ => {
                let found = self.spellings.insert(person);
                if self.outer.len() <= at {
                    self.outer.resize(at + 1, u32::MAX);
                }
                self.outer[at] = found.0;
                found
            }
        };
        self.count(spelling, new, person, day, cues)
    }

    /// Counts a row of `spelling` (added to the spellings just now when `new`), and gives its
    /// identity.
    fn count(
        &mut self,
        spelling: u32,
        new: bool,
        person: &str,
        day: chrono::NaiveDate,
        cues: &Cues,
    ) -> u32 {
        use chrono::Datelike;
        let spelling = spelling as usize;
        let day = day.num_days_from_ce();
        if new {
            self.identity.push(self.keys.insert(&key(person, cues)).0);
            self.rows.push(0);
            self.first.push(day);
        }
        self.rows[spelling] = self.rows[spelling].saturating_add(1);
        self.first[spelling] = self.first[spelling].min(day);
        self.identity[spelling]
    }

    /// The identities grouped as one person each (`People::group`), each group named by the
    /// `--people` file or the fullest spelling (spacing tidied), and its sort key
    /// (`name::key` of the name).
    pub fn group(&self, people: &People) -> Groups {
        let spelling = |i: u32| {
            let s = i as usize;
            (
                self.identity[s],
                self.spellings.get(i),
                u64::from(self.rows[s]),
                self.first[s],
            )
        };
        let grouping = people.group(
            self.keys.len(),
            &|id| self.keys.get(id),
            self.spellings.len(),
            &spelling,
        );
        let count = u32::try_from(grouping.len()).unwrap_or(u32::MAX);
        let names = (0..count).map(|g| grouping.name(g, |s| self.spellings.get(s)));
        let mut groups = Groups {
            of: Vec::new(),
            names: Texts::default(),
            keys: Texts::default(),
        };
        let mut sort = String::new();
        for name in names {
            // Shown without invisible characters, whichever spelling is the fullest.
            let name = crate::name::tidy(&crate::name::normalise(name));
            crate::name::key_into(&name, &mut sort);
            groups.names.push(&name);
            groups.keys.push(&sort);
        }
        groups.of = grouping.of;
        groups
    }
}

/// Persons grouped: each identity's group, and each group's name and sort key.
#[derive(Debug, Default)]
pub struct Groups {
    of: Vec<u32>,
    names: Texts,
    keys: Texts,
}

impl Groups {
    /// The group of the identity `id` (from `Persons::id`).
    pub fn of(&self, id: u32) -> u32 {
        self.of.get(id as usize).copied().unwrap_or(id)
    }

    pub fn name(&self, group: u32) -> &str {
        self.names.get(group)
    }

    /// `name::key` of the group's name: persons sort by it.
    pub fn key(&self, group: u32) -> &str {
        self.keys.get(group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_found_by_another_tables_spelling_is_the_person_found_by_name() {
        let cues = Cues::builtin().unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2020, 1, d).unwrap();
        let names = [
            "Ruth Whitcombe",
            "RUTH  WHITCOMBE",
            "Tom Barrow",
            "Ruth Whitcombe",
            "Tom Barrow",
            "Ana Lee",
            "RUTH  WHITCOMBE",
            "Ana Lee",
        ];
        let (mut outer, mut by_name, mut by_spelling) =
            (Persons::default(), Persons::default(), Persons::default());
        // The second and third see only some of the rows, as the lifecycle sees only the
        // rows with a topic, and so number the spellings differently from the first.
        for (i, name) in names.iter().enumerate() {
            let d = day(9 - i as u32);
            let (spelling, _) = outer.spelling_and_id(name, d, &cues);
            if i % 3 != 0 {
                assert_eq!(
                    by_spelling.id_as(spelling, name, d, &cues),
                    by_name.id(name, d, &cues),
                    "{name}"
                );
            }
        }
        assert_eq!(by_spelling.identity, by_name.identity);
        assert_eq!(by_spelling.rows, by_name.rows);
        assert_eq!(by_spelling.first, by_name.first);
        assert_eq!(by_spelling.spellings.len(), by_name.spellings.len());
        for s in 0..by_name.spellings.len() as u32 {
            assert_eq!(by_spelling.spellings.get(s), by_name.spellings.get(s));
        }
    }

    #[test]
    fn identity_keys_as_a_table() {
        let cues = Cues::builtin().unwrap();
        for (name, want) in [
            ("Ruth Whitcombe", "ruth whitcombe"),
            ("Mayor Ruth Whitcombe", "ruth whitcombe"),
            ("  RUTH   whitcombe ", "ruth whitcombe"),
            ("Whitcombe, Ruth", "ruth whitcombe"),
            ("Björn Ulvaeus", "bjorn ulvaeus"),
            ("Bjorn Ulvaeus", "bjorn ulvaeus"),
            ("Teddy Okafor-Lane", "teddy okafor lane"),
            ("Teddy Okafor Lane", "teddy okafor lane"),
            ("Tom Barrow, Jr.", "tom barrow"),
            ("Sen. Dana Whitcombe", "dana whitcombe"),
            ("Whitcombe", "whitcombe"),
            ("Coach", "coach"),
            ("Łukasz Straße", "lukasz strasse"),
        ] {
            assert_eq!(key(name, &cues), want, "{name}");
        }
    }

    fn grouped(names: &[(&str, u64)]) -> Vec<String> {
        let cues = Cues::builtin().unwrap();
        let keyed: Vec<String> = names.iter().map(|(n, _)| key(n, &cues)).collect();
        let mut keys: Vec<&str> = Vec::new();
        let mut spellings = Vec::new();
        for (day, ((name, rows), k)) in names.iter().zip(&keyed).enumerate() {
            let identity = match keys.iter().position(|kk| kk == k) {
                Some(i) => i,
                None => {
                    keys.push(k);
                    keys.len() - 1
                }
            };
            // Written in order, a day apart.
            spellings.push((identity as u32, *name, *rows, day as i32));
        }
        let people = People::default();
        let grouping = people.group(keys.len(), &|id| keys[id as usize], spellings.len(), &|i| {
            spellings[i as usize]
        });
        // Each input name's group name, in input order.
        spellings
            .iter()
            .map(|(identity, ..)| {
                let group = grouping.of[*identity as usize];
                grouping
                    .name(group, |s| spellings[s as usize].1)
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn grouping_rules_as_a_table() {
        assert_eq!(
            grouped(&[
                ("Mayor Ruth Whitcombe", 1),
                ("Ruth Whitcombe", 5),
                ("Whitcombe", 1)
            ]),
            ["Ruth Whitcombe", "Ruth Whitcombe", "Ruth Whitcombe"]
        );
        // Two Whitcombes: the surname alone stays itself.
        assert_eq!(
            grouped(&[
                ("Ruth Whitcombe", 1),
                ("Dana Whitcombe", 1),
                ("Whitcombe", 1)
            ]),
            ["Ruth Whitcombe", "Dana Whitcombe", "Whitcombe"]
        );
        // A first name alone is not a surname.
        assert_eq!(
            grouped(&[("Kim Cattrall", 1), ("Kim", 1)]),
            ["Kim Cattrall", "Kim"]
        );
        // The fullest spelling names the group; accents kept.
        assert_eq!(
            grouped(&[("Bjorn Ulvaeus", 3), ("Björn Ulvaeus", 1), ("Ulvaeus", 1)]),
            ["Björn Ulvaeus", "Björn Ulvaeus", "Björn Ulvaeus"]
        );
        assert_eq!(
            grouped(&[
                ("Okafor Lane, Teddy", 1),
                ("Teddy Okafor-Lane", 1),
                ("Okafor", 1)
            ]),
            [
                "Teddy Okafor-Lane",
                "Teddy Okafor-Lane",
                "Teddy Okafor-Lane"
            ]
        );
    }

    #[test]
    fn the_people_file_wins() {
        let cues = Cues::builtin().unwrap();
        let mut people = People {
            aliases: HashMap::new(),
            lines: vec![
                vec!["Ruth Whitcombe".into(), "R. W.".into(), "Ruthie".into()],
                vec!["Dana Whitcombe".into(), "Whitcombe".into()],
            ],
        };
        people.prepare(&cues);
        let written = ["Ruthie", "Whitcombe", "Ruth Whitcombe"];
        let keyed: Vec<String> = written.iter().map(|n| key(n, &cues)).collect();
        let keys: Vec<&str> = keyed.iter().map(String::as_str).collect();
        let spellings: Vec<(u32, &str, u64, i32)> =
            (0..3).map(|i| (i as u32, written[i], 1, 0)).collect();
        let grouping = people.group(keys.len(), &|id| keys[id as usize], spellings.len(), &|i| {
            spellings[i as usize]
        });
        let name = |i: usize| grouping.name(grouping.of[i], |s| spellings[s as usize].1);
        assert_eq!(name(0), "Ruth Whitcombe");
        assert_eq!(name(1), "Dana Whitcombe");
        assert_eq!(name(2), "Ruth Whitcombe");
    }

    #[test]
    fn person_filter_rules() {
        let cues = Cues::builtin().unwrap();
        let people = People::default();
        let finds = |wanted: &str, person: &str| {
            person_matches(wanted, &key(wanted, &cues), person, &people, &cues)
        };
        assert!(finds("bjorn ulvaeus", "Björn Ulvaeus"));
        // A first name alone finds no one, accents or not.
        assert!(!finds("Björn", "Bjorn Ulvaeus"));
        assert!(finds("ulvaeus", "Björn Ulvaeus"));
        assert!(finds("ruth whitcombe", "Mayor Ruth Whitcombe"));
        assert!(finds("Whitcombe, Ruth", "Ruth Whitcombe"));
        assert!(finds("okafor", "Teddy Okafor-Lane"));
        assert!(finds("K. Cattrall", "Kim Cattrall"));
        assert!(!finds("kim", "Kim Cattrall"));
        assert!(!finds("kim", "Kim Kardashian"));
        assert!(!finds("Kourtney Kardashian", "Kim Kardashian"));
        let seen = ["Kim Cattrall", "Cynthia Nixon"];
        assert_eq!(
            closest("Kim Catrall", seen.into_iter(), &cues),
            ["Kim Cattrall"]
        );
    }
}
