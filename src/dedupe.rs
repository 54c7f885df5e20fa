//! `--dedupe`: rows repeated across overlapping exports are dropped. Two rows are the same when
//! they have the same person (as one identity, `people::key`), day and time, claim, speaker and
//! outlet, once runs of spaces are one space and curly quotes straight ones.

use std::collections::HashSet;
use std::hash::BuildHasher;

use crate::claim::Claim;
use crate::cues::Cues;

/// The rows seen so far, as 128-bit fingerprints: a few bytes a row, whatever its length.
#[derive(Default)]
pub struct Dedupe {
    seen: HashSet<u128>,
    /// Two hashers with their own keys make one 128-bit fingerprint: a collision, which would
    /// drop a row that is not a repeat, is then beyond any archive's size.
    hashers: (
        std::collections::hash_map::RandomState,
        std::collections::hash_map::RandomState,
    ),
    text: String,
}

impl Dedupe {
    /// Whether the claim repeats one seen before (and remembers it if not).
    pub fn is_repeat(&mut self, claim: &Claim<'_>, cues: &Cues) -> bool {
        self.text.clear();
        self.text.push_str(&crate::people::key(claim.person, cues));
        self.text.push('\u{0}');
        self.text.push_str(&claim.date.to_string());
        for field in [claim.claim, claim.speaker, claim.outlet] {
            self.text.push('\u{0}');
            normalise_into(field, &mut self.text);
        }
        let a = self.hashers.0.hash_one(&self.text);
        let b = self.hashers.1.hash_one(&self.text);
        let fingerprint = (u128::from(a) << 64) | u128::from(b);
        !self.seen.insert(fingerprint)
    }
}

/// The text with runs of whitespace as one space, none around, and curly quotes straight.
fn normalise_into(text: &str, out: &mut String) {
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            out.push(' ');
        }
        first = false;
        out.extend(word.chars().map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            c => c,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_after_spaces_and_quotes_are_normalised() {
        let cues = Cues::builtin().unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2022, 2, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let claim = |person, text, outlet| Claim {
            date,
            person,
            claim: text,
            outlet,
            ..Claim::default()
        };
        let mut d = Dedupe::default();
        assert!(!d.is_repeat(&claim("Kim Cattrall", "She said \"no\".", "Variety"), &cues));
        assert!(d.is_repeat(
            &claim("kim  cattrall", "She  said \u{201c}no\u{201d}.", "Variety"),
            &cues
        ));
        assert!(!d.is_repeat(&claim("Kim Cattrall", "She said \"no\".", "People"), &cues));
        assert!(!d.is_repeat(
            &claim("Kim Cattrall", "She said \"yes\".", "Variety"),
            &cues
        ));
    }
}
