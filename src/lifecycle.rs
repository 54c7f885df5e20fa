//! The rumor lifecycle: the rows that share a person and a topic tell one claim's story, from
//! the first rumor to its confirmation or denial on the record. The rules are in README.md
//! ("Topics and the rumor lifecycle").
//!
//! Rows may come in any order, and there may be millions, so each topic keeps only what its
//! status depends on (the first row, the first rumor, the earliest and latest on-record
//! confirmation and denial) and counters, never the rows themselves.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::claim::Claim;
use crate::cues::Cues;
use crate::decimal;
use crate::judge::Judgement;
use crate::name;
use crate::people::{self, People};
use crate::source_type::{SourceType, Standing};
use crate::stance::Stance;

/// Settings of the lifecycle rules.
#[derive(Debug, Clone)]
pub struct Rules {
    /// A rumor older than this many days at the as-of date is `unresolved`.
    pub unresolved_after_days: i64,
    /// The as-of date; `None` means the latest date among the rows.
    pub as_of: Option<NaiveDate>,
    /// On-record source types whose confirmations and denials resolve a topic.
    pub resolve_by: Vec<SourceType>,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            unresolved_after_days: 90,
            as_of: None,
            resolve_by: SourceType::ALL
                .into_iter()
                .filter(|t| t.standing() == Standing::OnRecord)
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Announced,
    Rumor,
    Unresolved,
    Confirmed,
    Denied,
    Disputed,
    /// No row of the topic is on the record or rumor-tier (all `unknown`).
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Announced => "announced",
            Status::Rumor => "rumor",
            Status::Unresolved => "unresolved",
            Status::Confirmed => "confirmed",
            Status::Denied => "denied",
            Status::Disputed => "disputed",
            Status::Unknown => "unknown",
        }
    }
}

/// Where a row falls in a topic's story: by date, then the more accountable source type, then
/// input order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Order {
    date: NaiveDateTime,
    rank: u8,
    seq: u64,
}

/// A row the status may hinge on, with what the output says about it.
#[derive(Debug, Clone)]
struct Mark {
    at: Order,
    source_type: SourceType,
    stance: Stance,
    /// The speaker, or the outlet when there is no speaker (an id in `Lifecycle::strings`).
    by: u32,
}

/// What one topic's status depends on, and its counters: a few hundred bytes whatever its rows.
#[derive(Debug, Clone)]
struct Topic {
    person: usize,
    /// The topic as first written.
    name: String,
    first_seen: NaiveDateTime,
    last_seen: NaiveDateTime,
    /// The first rumor-tier or resolving row: it decides whether the topic starts as a rumor.
    first: Option<Mark>,
    first_rumor: Option<(Order, u32)>,
    /// Earliest and latest resolving confirmation and denial.
    first_confirm: Option<Mark>,
    last_confirm: Option<Order>,
    first_deny: Option<Mark>,
    last_deny: Option<Order>,
    /// Each outlet's first rumor-tier row on this topic.
    rumor_outlets: Vec<(u32, Order)>,
    rumor_rows: u64,
    on_record_rows: u64,
    anonymous_confirms: u64,
    no_comments: u64,
}

impl Topic {
    /// Takes in another topic's rows (the same topic about another spelling of the person).
    fn absorb(&mut self, other: &Topic) {
        fn earliest(a: &mut Option<Mark>, b: &Option<Mark>) {
            if let Some(b) = b
                && a.as_ref().is_none_or(|a| b.at < a.at)
            {
                *a = Some(b.clone());
            }
        }
        self.first_seen = self.first_seen.min(other.first_seen);
        self.last_seen = self.last_seen.max(other.last_seen);
        earliest(&mut self.first, &other.first);
        earliest(&mut self.first_confirm, &other.first_confirm);
        earliest(&mut self.first_deny, &other.first_deny);
        if let Some(b) = other.first_rumor
            && self.first_rumor.is_none_or(|a| b.0 < a.0)
        {
            self.first_rumor = Some(b);
        }
        self.last_confirm = self.last_confirm.max(other.last_confirm);
        self.last_deny = self.last_deny.max(other.last_deny);
        for &(outlet, at) in &other.rumor_outlets {
            match self.rumor_outlets.iter_mut().find(|(o, _)| *o == outlet) {
                Some((_, first)) => *first = (*first).min(at),
                None => self.rumor_outlets.push((outlet, at)),
            }
        }
        self.rumor_rows += other.rumor_rows;
        self.on_record_rows += other.on_record_rows;
        self.anonymous_confirms += other.anonymous_confirms;
        self.no_comments += other.no_comments;
    }
}

/// Per outlet: its rows, and how many had an unnamed source.
#[derive(Debug, Clone, Default)]
struct OutletRows {
    name: String,
    key: String,
    rows: u64,
    anonymous: u64,
}

/// Strings stored once each, referred to by a `u32`: speakers and outlets recur across many
/// topics, and an id is a quarter the size of an empty `String`.
#[derive(Debug, Default)]
struct Strings {
    list: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Strings {
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.list.push(text.to_string());
        self.ids.insert(text.to_string(), id);
        id
    }

    fn get(&self, id: u32) -> &str {
        self.list.get(id as usize).map_or("", String::as_str)
    }
}

/// All topics and outlets seen so far.
#[derive(Debug, Default)]
pub struct Lifecycle {
    rules: Rules,
    /// Each person's name and sort key; `regroup` sets them from `names`.
    persons: Vec<(String, String)>,
    /// Identity key → index into `persons`.
    person_ids: HashMap<String, usize>,
    /// Each person's identity key and spellings as written, with their rows.
    names: Vec<(String, Vec<(String, u64)>)>,
    /// Each spelling seen → its person and its index among the person's spellings.
    spellings: HashMap<String, (usize, usize)>,
    /// Boxed, so growing the list moves pointers, not topics: no doubling spike in memory.
    #[allow(clippy::vec_box)]
    topics: Vec<Box<Topic>>,
    topic_ids: HashMap<(usize, String), usize>,
    /// Speakers and outlets that resolved a topic, each stored once.
    strings: Strings,
    /// Whether to keep each outlet's first rumor on each topic, which only the outlet scorecard
    /// needs and which is most of the memory on large archives.
    scorecard: bool,
    outlets: Vec<OutletRows>,
    outlet_ids: HashMap<String, usize>,
    latest: Option<NaiveDateTime>,
    seq: u64,
    key: String,
}

/// One topic's row of `claimtrack topics`.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRow {
    pub person: String,
    pub topic: String,
    pub status: Status,
    pub first_seen: NaiveDate,
    pub first_rumor_outlet: String,
    pub resolved_on: Option<NaiveDate>,
    pub resolved_by: String,
    pub resolution_source_type: Option<SourceType>,
    pub days_to_resolution: Option<i64>,
    pub rumor_rows: u64,
    pub on_record_rows: u64,
    pub anonymous_confirms: u64,
    pub no_comments: u64,
    pub reversal: bool,
    pub last_seen: NaiveDate,
}

/// One outlet's row of `claimtrack outlets`.
#[derive(Debug, Clone, PartialEq)]
pub struct OutletRow {
    pub outlet: String,
    pub rumor_topics: u64,
    pub confirmed: u64,
    pub denied: u64,
    pub disputed: u64,
    pub unresolved: u64,
    pub still_rumor: u64,
    /// confirmed / (confirmed + denied + disputed), in units of 0.0001; `None` when nothing
    /// was resolved.
    pub confirm_rate: Option<i64>,
    /// In tenths of a day: a median of an even count can fall on a half day.
    pub median_days_to_confirmation: Option<i64>,
    pub first_reports: u64,
    /// Rows with an unnamed source (anonymous or exclusive-anonymous) / all rows, in units of
    /// 0.0001.
    pub anonymous_share: i64,
}

/// A topic's status and the facts behind it.
struct Verdict {
    status: Status,
    resolution: Option<Mark>,
    reversal: bool,
    /// When the topic was first confirmed on the record (for days to confirmation).
    confirmed_at: Option<Order>,
}

impl Lifecycle {
    /// `scorecard`: also keep what `outlets()` needs (each outlet's first rumor per topic).
    pub fn new(rules: Rules, scorecard: bool) -> Lifecycle {
        Lifecycle {
            rules,
            scorecard,
            ..Lifecycle::default()
        }
    }

    pub fn add(&mut self, claim: &Claim<'_>, judgement: &Judgement, cues: &Cues) {
        // A stance that was not judged takes no side.
        let stance = judgement.stance.unwrap_or(Stance::Neutral);
        let at = Order {
            date: claim.date,
            rank: judgement.source_type.index() as u8,
            seq: self.seq,
        };
        self.seq += 1;
        self.latest = self.latest.max(Some(claim.date));
        let outlet = self.outlet(claim.outlet, judgement.source_type);
        let topic = claim.topic.trim();
        if topic.is_empty() {
            return;
        }
        let person = self.person(claim.person, cues);
        let id = self.topic(person, topic, claim.date);
        let resolving = self.rules.resolve_by.contains(&judgement.source_type);
        let Lifecycle {
            topics,
            strings,
            scorecard,
            ..
        } = self;
        let t = &mut topics[id];
        t.first_seen = t.first_seen.min(claim.date);
        t.last_seen = t.last_seen.max(claim.date);
        if stance == Stance::NoComment {
            t.no_comments += 1;
        }
        let mut mark = || Mark {
            at,
            source_type: judgement.source_type,
            stance,
            by: strings.intern(if claim.speaker.is_empty() {
                claim.outlet
            } else {
                claim.speaker
            }),
        };
        match judgement.standing() {
            Standing::OnRecord => t.on_record_rows += 1,
            Standing::Rumor => {
                t.rumor_rows += 1;
                if stance == Stance::Confirm {
                    t.anonymous_confirms += 1;
                }
                if t.first_rumor.is_none_or(|(first, _)| at < first) {
                    t.first_rumor = Some((at, outlet.unwrap_or(u32::MAX)));
                }
                if let (Some(outlet), true) = (outlet, *scorecard) {
                    match t.rumor_outlets.iter_mut().find(|(o, _)| *o == outlet) {
                        Some((_, first)) => *first = (*first).min(at),
                        None => t.rumor_outlets.push((outlet, at)),
                    }
                }
            }
            Standing::Unknown => return,
        }
        // An on-record no-comment takes no side: it announces nothing.
        let takes_part =
            judgement.standing() == Standing::Rumor || (resolving && stance != Stance::NoComment);
        if takes_part && t.first.as_ref().is_none_or(|f| at < f.at) {
            t.first = Some(mark());
        }
        if !resolving {
            return;
        }
        let (first, last) = match stance {
            Stance::Confirm => (&mut t.first_confirm, &mut t.last_confirm),
            Stance::Deny => (&mut t.first_deny, &mut t.last_deny),
            Stance::Neutral | Stance::NoComment => return,
        };
        if first.as_ref().is_none_or(|f| at < f.at) {
            *first = Some(mark());
        }
        *last = (*last).max(Some(at));
    }

    /// The person a name belongs to, by identity key (`people::key`); `regroup` later merges
    /// the identities that are one person.
    fn person(&mut self, person: &str, cues: &Cues) -> usize {
        let (id, spelling) = match self.spellings.get(person) {
            Some(&at) => at,
            None => {
                let key = people::key(person, cues);
                let id = match self.person_ids.get(&key) {
                    Some(&id) => id,
                    None => {
                        self.persons.push((name::tidy(person), name::key(person)));
                        self.names.push((key.clone(), Vec::new()));
                        self.person_ids.insert(key, self.names.len() - 1);
                        self.names.len() - 1
                    }
                };
                let spellings = &mut self.names[id].1;
                spellings.push((name::tidy(person), 0));
                let at = (id, spellings.len() - 1);
                self.spellings.insert(person.to_string(), at);
                at
            }
        };
        self.names[id].1[spelling].1 += 1;
        id
    }

    /// Groups the persons as `people` says (`People::group`): each group gets its name, and
    /// the topics of its persons that share a topic key become one topic.
    pub fn regroup(&mut self, people: &People) {
        let (group_of, group_names) = people.group(&self.names);
        self.persons = group_names
            .into_iter()
            .map(|n| {
                let key = name::key(&n);
                (n, key)
            })
            .collect();
        let old_ids = std::mem::take(&mut self.topic_ids);
        let mut keys = vec![String::new(); self.topics.len()];
        for ((_, key), id) in old_ids {
            keys[id] = key;
        }
        let old = std::mem::take(&mut self.topics);
        for (mut topic, key) in old.into_iter().zip(keys) {
            topic.person = group_of.get(topic.person).copied().unwrap_or(topic.person);
            match self.topic_ids.get(&(topic.person, key.clone())) {
                Some(&id) => self.topics[id].absorb(&topic),
                None => {
                    self.topic_ids
                        .insert((topic.person, key), self.topics.len());
                    self.topics.push(topic);
                }
            }
        }
        self.person_ids.clear();
        self.names.clear();
        self.spellings.clear();
    }

    fn topic(&mut self, person: usize, topic: &str, date: NaiveDateTime) -> usize {
        name::key_into(topic, &mut self.key);
        // Borrow the reusable key buffer for the look-up and hand it back: no allocation per row.
        let probe = (person, std::mem::take(&mut self.key));
        let found = self.topic_ids.get(&probe).copied();
        self.key = probe.1;
        if let Some(id) = found {
            return id;
        }
        let key = self.key.clone();
        let id = self.topics.len();
        self.topics.push(Box::new(Topic {
            person,
            name: name::tidy(topic),
            first_seen: date,
            last_seen: date,
            first: None,
            first_rumor: None,
            first_confirm: None,
            last_confirm: None,
            first_deny: None,
            last_deny: None,
            rumor_outlets: Vec::new(),
            rumor_rows: 0,
            on_record_rows: 0,
            anonymous_confirms: 0,
            no_comments: 0,
        }));
        self.topic_ids.insert((person, key), id);
        id
    }

    fn outlet(&mut self, outlet: &str, source_type: SourceType) -> Option<u32> {
        name::key_into(outlet, &mut self.key);
        if self.key.is_empty() {
            return None;
        }
        let id = match self.outlet_ids.get(self.key.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.outlets.len();
                self.outlets.push(OutletRows {
                    name: name::tidy(outlet),
                    key: self.key.clone(),
                    ..Default::default()
                });
                self.outlet_ids.insert(self.key.clone(), id);
                id
            }
        };
        let o = &mut self.outlets[id];
        o.rows += 1;
        if matches!(
            source_type,
            SourceType::Anonymous | SourceType::ExclusiveAnonymous
        ) {
            o.anonymous += 1;
        }
        u32::try_from(id).ok()
    }

    /// Widens the default as-of date to `latest`, the latest date in the whole input (rows
    /// the filters left out included), so a filtered run gives each topic the status an
    /// unfiltered run gives it.
    pub fn include_latest(&mut self, latest: Option<NaiveDateTime>) {
        self.latest = self.latest.max(latest);
    }

    /// The as-of date: given, or the latest date in the input.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.rules.as_of.or(self.latest.map(|d| d.date()))
    }

    fn verdict(&self, t: &Topic) -> Verdict {
        let Some(first) = &t.first else {
            return Verdict {
                status: Status::Unknown,
                resolution: None,
                reversal: false,
                confirmed_at: None,
            };
        };
        let starts_on_record = first.source_type.standing() == Standing::OnRecord;
        let resolution = if starts_on_record {
            Some(first.clone())
        } else {
            match (&t.first_confirm, &t.first_deny) {
                (Some(c), Some(d)) => Some(if c.at < d.at { c.clone() } else { d.clone() }),
                (Some(m), None) | (None, Some(m)) => Some(m.clone()),
                (None, None) => None,
            }
        };
        let Some(resolution) = resolution else {
            let rumor_since = t.first_rumor.map(|(at, _)| at.date.date());
            let old = match (self.as_of(), rumor_since) {
                (Some(as_of), Some(since)) => {
                    (as_of - since).num_days() > self.rules.unresolved_after_days
                }
                _ => false,
            };
            let status = if old {
                Status::Unresolved
            } else {
                Status::Rumor
            };
            return Verdict {
                status,
                resolution: None,
                reversal: false,
                confirmed_at: None,
            };
        };
        let denied_later = |after: Order| t.last_deny.is_some_and(|d| d > after);
        let confirm_after = |after: Order| {
            t.first_confirm
                .as_ref()
                .map(|c| c.at)
                .filter(|c| *c > after)
        };
        let (status, reversal, confirmed_at) = if resolution.stance == Stance::Deny {
            // A confirmation after a denial reverses it; a denial after that disputes it.
            match confirm_after(resolution.at) {
                Some(c) if denied_later(c) => (Status::Disputed, true, Some(c)),
                Some(c) => (Status::Confirmed, true, Some(c)),
                None => (Status::Denied, false, None),
            }
        } else {
            let base = if starts_on_record {
                Status::Announced
            } else {
                Status::Confirmed
            };
            let confirmed_at = t.first_confirm.as_ref().map(|c| c.at);
            if denied_later(resolution.at) {
                (Status::Disputed, false, confirmed_at)
            } else {
                (base, false, confirmed_at)
            }
        };
        Verdict {
            status,
            resolution: Some(resolution),
            reversal,
            confirmed_at,
        }
    }

    /// One row per topic, sorted by person, then first date, then topic.
    pub fn topics(&self) -> Vec<TopicRow> {
        let mut order: Vec<&Topic> = self.topics.iter().map(Box::as_ref).collect();
        order.sort_by(|a, b| {
            self.persons[a.person]
                .1
                .cmp(&self.persons[b.person].1)
                .then(a.first_seen.cmp(&b.first_seen))
                .then_with(|| a.name.cmp(&b.name))
        });
        order
            .into_iter()
            .map(|t| {
                let v = self.verdict(t);
                let resolution = v.resolution.as_ref();
                let days = resolution.map(|r| match t.first_rumor {
                    Some((rumor, _)) if rumor < r.at => {
                        (r.at.date.date() - rumor.date.date()).num_days()
                    }
                    _ => 0,
                });
                TopicRow {
                    person: self.persons[t.person].0.clone(),
                    topic: t.name.clone(),
                    status: v.status,
                    first_seen: t.first_seen.date(),
                    first_rumor_outlet: t
                        .first_rumor
                        .and_then(|(_, o)| self.outlets.get(o as usize))
                        .map_or(String::new(), |o| o.name.clone()),
                    resolved_on: resolution.map(|r| r.at.date.date()),
                    resolved_by: resolution
                        .map_or(String::new(), |r| self.strings.get(r.by).to_string()),
                    resolution_source_type: resolution.map(|r| r.source_type),
                    days_to_resolution: days,
                    rumor_rows: t.rumor_rows,
                    on_record_rows: t.on_record_rows,
                    anonymous_confirms: t.anonymous_confirms,
                    no_comments: t.no_comments,
                    reversal: v.reversal,
                    last_seen: t.last_seen.date(),
                }
            })
            .collect()
    }

    /// One row per outlet, sorted by name (case and spacing ignored).
    pub fn outlets(&self) -> Vec<OutletRow> {
        let mut rows: Vec<OutletRow> = self
            .outlets
            .iter()
            .map(|o| OutletRow {
                outlet: o.name.clone(),
                rumor_topics: 0,
                confirmed: 0,
                denied: 0,
                disputed: 0,
                unresolved: 0,
                still_rumor: 0,
                confirm_rate: None,
                median_days_to_confirmation: None,
                first_reports: 0,
                anonymous_share: decimal::ratio(o.anonymous as i64, o.rows as i64, 4).unwrap_or(0),
            })
            .collect();
        let mut days: Vec<Vec<i64>> = vec![Vec::new(); rows.len()];
        for t in &self.topics {
            let v = self.verdict(t);
            for &(outlet, at) in &t.rumor_outlets {
                // Only rumors published before the topic's first resolution count.
                if v.resolution.as_ref().is_some_and(|r| r.at < at) {
                    continue;
                }
                let Some(row) = rows.get_mut(outlet as usize) else {
                    continue;
                };
                row.rumor_topics += 1;
                match v.status {
                    Status::Confirmed => row.confirmed += 1,
                    Status::Denied => row.denied += 1,
                    Status::Disputed => row.disputed += 1,
                    Status::Unresolved => row.unresolved += 1,
                    Status::Rumor => row.still_rumor += 1,
                    Status::Announced | Status::Unknown => {}
                }
                if v.status == Status::Confirmed {
                    if let Some(confirmed) = v.confirmed_at {
                        days[outlet as usize]
                            .push((confirmed.date.date() - at.date.date()).num_days());
                    }
                }
                if t.first_rumor
                    .is_some_and(|(first, o)| o == outlet && first == at)
                {
                    row.first_reports += 1;
                }
            }
        }
        for (row, days) in rows.iter_mut().zip(&mut days) {
            let resolved = row.confirmed + row.denied + row.disputed;
            row.confirm_rate = decimal::ratio(row.confirmed as i64, resolved as i64, 4);
            row.median_days_to_confirmation = median(days);
        }
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| self.outlets[a].key.cmp(&self.outlets[b].key));
        order.into_iter().map(|i| rows[i].clone()).collect()
    }
}

/// The median in tenths of a day.
fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] * 10),
        _ => Some((values[n / 2 - 1] + values[n / 2]) * 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&mut [5, 1, 3]), Some(30));
        assert_eq!(median(&mut [40, 13]), Some(265));
        assert_eq!(median(&mut []), None);
    }
}
