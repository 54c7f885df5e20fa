//! The filters every subcommand shares: person, outlet, source type, standing, date range.

use chrono::NaiveDate;

use crate::claim::Claim;
use crate::cues::Cues;
use crate::judge::Judgement;
use crate::name;
use crate::people::{self, People};
use crate::source_type::{SourceType, Standing};

/// Which claims to keep. An empty list keeps everything; several values of one filter are
/// alternatives (any may match); different filters must all match.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Names as typed, each with its identity key (see `people::key`, `people::person_matches`):
    /// case, spacing, titles, accents and hyphens aside, or a surname alone ("cattrall"); a
    /// first name alone finds no one else.
    pub persons: Vec<(String, String)>,
    /// `--people FILE`, which also decides who a `--person` value finds.
    pub people: People,
    pub outlets: Vec<String>,
    pub source_types: Vec<SourceType>,
    pub standings: Vec<Standing>,
    /// Inclusive bounds on the claim's date.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Filter {
    /// The part of the filter that needs no judgement, checked before the costlier judging.
    /// `key` is a reusable buffer.
    pub fn keeps_claim(&self, claim: &Claim<'_>, cues: &Cues, key: &mut String) -> bool {
        let day = claim.date.date();
        if self.since.is_some_and(|since| day < since)
            || self.until.is_some_and(|until| day > until)
        {
            return false;
        }
        if !self.persons.is_empty() && self.person_index(claim.person, cues).is_none() {
            return false;
        }
        if !self.outlets.is_empty() {
            name::key_into(claim.outlet, key);
            if !self.outlets.iter().any(|o| o == key) {
                return false;
            }
        }
        true
    }

    /// The first `--person` value that finds `person`, if any.
    pub fn person_index(&self, person: &str, cues: &Cues) -> Option<usize> {
        self.persons.iter().position(|(wanted_key, wanted)| {
            people::person_matches(wanted, wanted_key, person, &self.people, cues)
        })
    }

    pub fn keeps_judgement(&self, judgement: &Judgement) -> bool {
        (self.source_types.is_empty() || self.source_types.contains(&judgement.source_type))
            && (self.standings.is_empty() || self.standings.contains(&judgement.standing()))
    }
}
