//! Anonymous sourcing in real fake and legit celebrity articles (Pérez-Rosas et al., COLING 2018).
//!
//! Reads `../shared/external/celebrity-fakenews/` (or the folder given as the first argument),
//! turns each article into claim rows the way the data's README sketches (the title's person,
//! one row per body sentence with an attribution cue, the attribution clause with quotes
//! removed), labels every row with `claimtrack::labeler`, and reports, for fake vs legit
//! articles, the share of attribution sentences labeled anonymous or exclusive-anonymous and the
//! share of articles with at least one. Nothing is written: the article text stays in `shared/`.
//!
//! ```sh
//! cargo run --release --example eval_fakenews            # the figures
//! cargo run --release --example eval_fakenews -- DIR 20 # another folder; show 20 labeled rows
//! ```
//!
//! Exits 0 with a message when the folder is absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimtrack::claim::Claim;
use claimtrack::cues::Cues;
use claimtrack::judge::attribution::{self as labeler, Scratch};
use claimtrack::source_type::SourceType;

/// Words that make a sentence an attribution sentence (the README's list).
const ATTRIBUTION_WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "according to",
    "source",
    "sources",
    "insider",
    "insiders",
    "rep",
    "reps",
    "representative",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "statement",
    "posted",
    "instagram",
    "twitter",
    "tweeted",
    "confirmed",
    "denied",
];

/// Verbs after which "that" opens the reported content, cut from the attribution clause.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "revealed",
    "reveals",
    "explained",
    "added",
    "claimed",
    "claims",
    "confirmed",
    "denied",
    "reported",
    "reports",
    "insisted",
    "noted",
    "shared",
];

#[derive(Default)]
struct Article {
    rows: usize,
    anonymous: usize,
    exclusive: usize,
}

#[derive(Default)]
struct Class {
    articles: Vec<Article>,
    by_type: BTreeMap<usize, usize>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/celebrity-fakenews")
    });
    let show: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    if !dir.join("fake").is_dir() || !dir.join("legit").is_dir() {
        println!(
            "eval_fakenews: {} not found (needs fake/ and legit/); skipping",
            dir.display()
        );
        return;
    }
    let cues = Cues::builtin().expect("the built-in cue table");
    let mut scratch = Scratch::default();
    let mut classes: BTreeMap<&str, Class> = BTreeMap::new();
    let mut shown = 0;
    let mut pairs: BTreeMap<String, [Option<f64>; 2]> = BTreeMap::new();
    for (slot, label) in ["fake", "legit"].into_iter().enumerate() {
        let class = classes.entry(label).or_default();
        let mut files: Vec<PathBuf> = match std::fs::read_dir(dir.join(label)) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                println!(
                    "eval_fakenews: cannot read {}: {e}; skipping",
                    dir.display()
                );
                return;
            }
        };
        files.sort();
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let mut lines = text.lines();
            let title = lines.next().unwrap_or_default();
            let body: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
            let person = person_in_title(title, &body.join(" "));
            let mut article = Article::default();
            for sentence in body.iter().flat_map(|p| sentences(p)) {
                let Some(attribution) = attribution_clause(sentence) else {
                    continue;
                };
                let claim = Claim {
                    person: &person,
                    claim: sentence,
                    attribution: &attribution,
                    ..Claim::default()
                };
                let (source_type, cue) = labeler::label(&cues, &claim, &mut scratch);
                article.rows += 1;
                article.anonymous += usize::from(source_type == SourceType::Anonymous);
                article.exclusive += usize::from(source_type == SourceType::ExclusiveAnonymous);
                *class.by_type.entry(source_type.index()).or_default() += 1;
                if shown < show {
                    shown += 1;
                    println!(
                        "{label:5} {:14} {:19} {:30} | {attribution}",
                        truncate(&person, 14),
                        source_type.as_str(),
                        truncate(&cue.display(&cues).to_string(), 30),
                    );
                }
            }
            if article.rows > 0 {
                let id: String = path
                    .file_name()
                    .map(|n| n.to_string_lossy().chars().take(3).collect())
                    .unwrap_or_default();
                let share = (article.anonymous + article.exclusive) as f64 / article.rows as f64;
                pairs.entry(id).or_default()[slot] = Some(share);
            }
            class.articles.push(article);
        }
    }
    report(&classes, &pairs);
}

fn report(classes: &BTreeMap<&str, Class>, pairs: &BTreeMap<String, [Option<f64>; 2]>) {
    println!(
        "{:6} {:>8} {:>11} {:>10} {:>9} {:>10} {:>12} {:>12}",
        "class",
        "articles",
        "attrib rows",
        "anonymous",
        "excl-anon",
        "anon share",
        "art >=1 anon",
        "art >=1 excl"
    );
    for (label, class) in classes {
        let n = class.articles.len();
        let rows: usize = class.articles.iter().map(|a| a.rows).sum();
        let anon: usize = class.articles.iter().map(|a| a.anonymous).sum();
        let excl: usize = class.articles.iter().map(|a| a.exclusive).sum();
        let with_anon = class
            .articles
            .iter()
            .filter(|a| a.anonymous + a.exclusive > 0)
            .count();
        let with_excl = class.articles.iter().filter(|a| a.exclusive > 0).count();
        println!(
            "{label:6} {n:>8} {rows:>11} {anon:>10} {excl:>9} {:>9.1}% {:>11.1}% {:>11.1}%",
            pct(anon + excl, rows),
            pct(with_anon, n),
            pct(with_excl, n),
        );
    }
    println!("\nsource types of attribution rows (share of the class's rows)");
    for (label, class) in classes {
        let rows: usize = class.by_type.values().sum();
        let parts: Vec<String> = SourceType::ALL
            .iter()
            .map(|t| {
                let n = class.by_type.get(&t.index()).copied().unwrap_or(0);
                format!("{} {:.1}%", t.as_str(), pct(n, rows))
            })
            .collect();
        println!("{label:6} {}", parts.join(", "));
    }
    let (mut higher, mut lower, mut equal) = (0, 0, 0);
    for [fake, legit] in pairs.values() {
        if let (Some(f), Some(l)) = (fake, legit) {
            match f.partial_cmp(l) {
                Some(std::cmp::Ordering::Greater) => higher += 1,
                Some(std::cmp::Ordering::Less) => lower += 1,
                _ => equal += 1,
            }
        }
    }
    println!(
        "\npairs with attribution rows on both sides: {}; fake's anonymous share higher in {higher}, lower in {lower}, equal in {equal}",
        higher + lower + equal
    );
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The celebrity of an article: the first pair of capitalised title words that the body also
/// names ("The World Might Get a Kim Kardashian Cookbook" gives "Kim Kardashian"), else the
/// first pair in the title.
fn person_in_title(title: &str, body: &str) -> String {
    let words: Vec<&str> = title
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | ',' | '?' | '!' | '"' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}'
                )
        })
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let body_lower = body.to_lowercase();
    let mut fallback = None;
    for pair in words.windows(2) {
        if !(capital(pair[0]) && capital(pair[1])) {
            continue;
        }
        let name = format!("{} {}", pair[0], pair[1]);
        fallback.get_or_insert_with(|| name.clone());
        if body_lower.contains(&name.to_lowercase()) {
            return name;
        }
    }
    fallback.unwrap_or_else(|| title.trim().to_string())
}

/// Splits a paragraph into sentences at `.`, `!` or `?` (and a closing quote) before a space
/// and a capital letter or an opening quote; common abbreviations do not end a sentence.
fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\u{201d}' | '\'' | '\u{2019}' | ')') {
            j += 1;
        }
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            continue;
        }
        let next = chars[j..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        if !next.is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '\u{201c}')) {
            continue;
        }
        let word_start = paragraph[..pos]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        let word = &paragraph[word_start..pos];
        if c == '.'
            && [
                "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "vs", "U.S", "Sen", "Rep", "Gov",
            ]
            .contains(&word)
        {
            continue;
        }
        let end = chars[j].0;
        out.push(paragraph[start..end].trim());
        start = end;
    }
    out.push(paragraph[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The attribution clause of a sentence, or `None` when it has no attribution cue: quotes
/// removed, the clause with the cue kept, the reported content after "… said that" cut off.
fn attribution_clause(sentence: &str) -> Option<String> {
    let mut outside = String::with_capacity(sentence.len());
    let mut quoted = false;
    for c in sentence.chars() {
        match c {
            '\u{201c}' => quoted = true,
            '\u{201d}' => quoted = false,
            '"' => quoted = !quoted,
            _ if !quoted => outside.push(c),
            _ => {}
        }
    }
    let lower = outside.to_lowercase();
    let has_word = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            !lower[..i].ends_with(char::is_alphanumeric)
                && !lower[i + w.len()..].starts_with(char::is_alphanumeric)
        })
    };
    if !ATTRIBUTION_WORDS.iter().any(|w| has_word(w)) {
        return None;
    }
    // The comma-separated segment with the verb of speaking (else the first cue word); a
    // segment that opens with the verb takes its speaker from the segment before:
    // "a spokeswoman for Warner Bros., ..., told the New York Post".
    let segments: Vec<&str> = outside
        .split([',', ';', ':', '\u{2014}'])
        .filter(|s| !s.trim().is_empty())
        .collect();
    let speech_at = |s: &str| {
        s.split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            SPEECH.contains(&w.as_str())
        }) || s.to_lowercase().contains("according to")
    };
    let cue_at = |s: &str| {
        let s = s.to_lowercase();
        ATTRIBUTION_WORDS.iter().any(|w| s.contains(w))
    };
    let index = segments
        .iter()
        .position(|s| speech_at(s))
        .or_else(|| segments.iter().position(|s| cue_at(s)))?;
    let opens_with_verb = segments[index]
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .is_some_and(|w| SPEECH.contains(&w.as_str()));
    let first = if opens_with_verb && index > 0 {
        index - 1
    } else {
        index
    };
    let clause = segments[first..=index].join(",");
    let words: Vec<&str> = clause.split_whitespace().collect();
    let mut kept = Vec::with_capacity(words.len());
    let mut after_verb = false;
    for w in words {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if after_verb && bare == "that" {
            break;
        }
        after_verb |= SPEECH.contains(&bare.as_str());
        kept.push(w);
    }
    let text = kept.join(" ");
    let text = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'));
    (!text.is_empty()).then(|| text.to_string())
}
