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

const SUFFIXES: [&str; 8] = ["jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"];

/// The identity key of a name: titles, generational suffixes, punctuation, case, accents and
/// hyphens removed, `Surname, First` turned round; words separated by one space.
pub fn key(name: &str, cues: &Cues) -> String {
    let name = name.trim();
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

    /// Groups identities. `names[i]` is one identity key with its spellings as written and
    /// their row counts. Returns, for each, the index of the group it belongs to and each
    /// group's name: the `--people` primary name, else the fullest spelling written.
    pub fn group(&self, names: &[(String, Vec<(String, u64)>)]) -> (Vec<usize>, Vec<String>) {
        let mut group_of = vec![usize::MAX; names.len()];
        let mut groups: Vec<String> = Vec::new();
        let mut by_primary: HashMap<&str, usize> = HashMap::new();
        let mut by_key: HashMap<&str, usize> = HashMap::new();
        // The file first: it wins.
        for (i, (key, _)) in names.iter().enumerate() {
            if let Some(primary) = self.primary(key) {
                let g = *by_primary.entry(primary).or_insert_with(|| {
                    groups.push(primary.to_string());
                    groups.len() - 1
                });
                group_of[i] = g;
                by_key.insert(key, g);
            }
        }
        // Full names, each its own identity.
        for (i, (key, spellings)) in names.iter().enumerate() {
            if group_of[i] == usize::MAX && key.contains(' ') {
                groups.push(spellings.first().map(|s| s.0.clone()).unwrap_or_default());
                group_of[i] = groups.len() - 1;
                by_key.insert(key, group_of[i]);
            }
        }
        // A surname alone joins the one full name it can be, if there is exactly one.
        for (i, (key, spellings)) in names.iter().enumerate() {
            if group_of[i] != usize::MAX {
                continue;
            }
            let mut candidates = by_key
                .iter()
                .filter(|(full, _)| full.split(' ').skip(1).any(|w| w == key))
                .map(|(_, g)| *g)
                .collect::<Vec<_>>();
            candidates.sort_unstable();
            candidates.dedup();
            group_of[i] = match candidates.as_slice() {
                [only] => *only,
                _ => {
                    groups.push(spellings.first().map(|s| s.0.clone()).unwrap_or_default());
                    groups.len() - 1
                }
            };
        }
        // The group's name: the fullest of all its spellings, unless the file names it.
        let mut all: Vec<Vec<Spelling>> = vec![Vec::new(); groups.len()];
        for (i, (key, spellings)) in names.iter().enumerate() {
            let words = key.split(' ').count();
            all[group_of[i]].extend(spellings.iter().map(|(s, rows)| Spelling {
                text: s,
                rows: *rows,
                name_words: words,
            }));
        }
        for (g, spellings) in all.iter().enumerate() {
            if !by_primary.values().any(|&p| p == g)
                && let Some(best) = fullest(spellings)
            {
                groups[g] = best.to_string();
            }
        }
        (group_of, groups)
    }
}

/// One spelling of a name, for choosing a group's name.
#[derive(Debug, Clone)]
struct Spelling<'a> {
    text: &'a str,
    rows: u64,
    /// Words of its identity key: the name without titles and suffixes.
    name_words: usize,
}

/// The fullest of several spellings of one person: most words of name, then accents kept
/// (`Björn` over `Bjorn`), then without titles and not turned round (`Whitcombe, Ruth`), then
/// the most rows, then the first written.
fn fullest<'a>(spellings: &[Spelling<'a>]) -> Option<&'a str> {
    let rank = |s: &Spelling<'_>| {
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
        )
    };
    let mut best: Option<&Spelling<'a>> = None;
    for s in spellings {
        if best.is_none_or(|b| rank(s) > rank(b)) {
            best = Some(s);
        }
    }
    best.map(|b| b.text)
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut keyed: Vec<(String, Vec<(String, u64)>)> = Vec::new();
        for (name, rows) in names {
            let k = key(name, &cues);
            match keyed.iter_mut().find(|(kk, _)| *kk == k) {
                Some((_, s)) => s.push((name.to_string(), *rows)),
                None => keyed.push((k, vec![(name.to_string(), *rows)])),
            }
        }
        let (of, groups) = People::default().group(&keyed);
        // Each input name's group name, in input order.
        names
            .iter()
            .map(|(n, _)| {
                let k = key(n, &cues);
                let i = keyed.iter().position(|(kk, _)| *kk == k).unwrap();
                groups[of[i]].clone()
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
        let names: Vec<(String, Vec<(String, u64)>)> = ["Ruthie", "Whitcombe", "Ruth Whitcombe"]
            .iter()
            .map(|n| (key(n, &cues), vec![(n.to_string(), 1)]))
            .collect();
        let (of, groups) = people.group(&names);
        assert_eq!(groups[of[0]], "Ruth Whitcombe");
        assert_eq!(groups[of[1]], "Dana Whitcombe");
        assert_eq!(groups[of[2]], "Ruth Whitcombe");
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
