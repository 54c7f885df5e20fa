//! Persons to and from partial results (`crate::partial`): each spelling with its identity
//! key, rows and first day, which is all that grouping and naming depend on.

use chrono::{Datelike, NaiveDate};

use super::Persons;
use crate::partial::Spelling;

impl Persons {
    /// Every spelling, in the order first read.
    pub(crate) fn spellings(&self) -> impl Iterator<Item = Spelling> + '_ {
        (0..self.spellings.len()).map(|i| Spelling {
            name: self.spellings.get(i as u32).to_string(),
            identity: self.keys.get(self.identity[i]).to_string(),
            rows: u64::from(self.rows[i]),
            first: NaiveDate::from_num_days_from_ce_opt(self.first[i]).unwrap_or(NaiveDate::MIN),
        })
    }

    /// The identity key of the identity `id`.
    pub(crate) fn identity_key(&self, id: u32) -> &str {
        self.keys.get(id)
    }

    /// The id of the identity with key `key`, added if new.
    pub(crate) fn identity(&mut self, key: &str) -> u32 {
        self.keys.insert(key).0
    }

    /// Takes in a spelling of another run: its rows add up, its first day is the earlier.
    pub(crate) fn absorb_spelling(&mut self, s: &Spelling) {
        let (spelling, new) = self.spellings.insert(&s.name);
        let spelling = spelling as usize;
        let rows = u32::try_from(s.rows).unwrap_or(u32::MAX);
        let first = s.first.num_days_from_ce();
        if new {
            let identity = self.identity(&s.identity);
            self.identity.push(identity);
            self.rows.push(rows);
            self.first.push(first);
            return;
        }
        self.rows[spelling] = self.rows[spelling].saturating_add(rows);
        self.first[spelling] = self.first[spelling].min(first);
    }
}

impl super::People {
    /// The `--people` file's lines as read: the primary name, then the aliases.
    pub(crate) fn lines(&self) -> &[Vec<String>] {
        &self.lines
    }

    /// A people file from its lines (as a partial's header keeps them), keyed with the
    /// built-in cues' titles as `--people` is.
    pub(crate) fn from_lines(lines: &[Vec<String>]) -> crate::error::Result<super::People> {
        let mut people = super::People {
            aliases: std::collections::HashMap::new(),
            lines: lines.to_vec(),
        };
        if !people.is_empty() {
            people.prepare(&crate::cues::Cues::builtin()?);
        }
        Ok(people)
    }
}
