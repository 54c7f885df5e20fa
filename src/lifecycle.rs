//! The rumor lifecycle: the rows that share a person and a topic tell one claim's story, from
//! the first rumor to its confirmation or denial on the record. The rules are in README.md
//! ("Topics and the rumor lifecycle").
//!
//! Rows may come in any order, and there may be millions, so each topic keeps only what its
//! status depends on (the first row, the first rumor, the earliest and latest on-record
//! confirmation and denial) and counters, never the rows themselves.

use chrono::{NaiveDate, NaiveDateTime};
use foldhash::HashMap;

use crate::claim::Claim;
use crate::cues::Cues;
use crate::decimal;
use crate::judge::Judgement;
use crate::keys::{Index, KeySet, Named};
use crate::name;
use crate::people::{Groups, People, Persons};
use crate::source_type::{SourceType, Standing};
use crate::stance::Stance;

mod state;

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
/// the stance (confirm, deny, neutral, no-comment). Rows that tie on all three are ordered by
/// what the output shows of them (`Mark::by`, the first rumor's outlet), never by input
/// order: the story is the same whatever order the rows come in, so partial results of any
/// split of the input merge exactly (`partial`).
///
/// Packed in one 64-bit number, as a topic keeps six of them and the scorecard one per
/// (topic, outlet): the time in whole seconds (a fraction of a second does not order rows) in
/// the high 48 bits, then the source type's rank and the stance a byte each. Kept as two
/// 32-bit halves, which order as the number does, so that it needs no 8-byte alignment and a
/// `Mark` is 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Order {
    high: i32,
    low: u32,
}

impl Order {
    /// Before every row: "none yet" for the latest of something.
    const NONE: Order = Order {
        high: i32::MIN,
        low: 0,
    };

    /// Seconds as far as chrono's dates go (±262,000 years is under 2^43 seconds), clamped
    /// beyond, so that the shift below never overflows.
    const SECONDS: i64 = 1 << 46;

    fn new(date: NaiveDateTime, source_type: SourceType, stance: Stance) -> Order {
        Order::at(date.and_utc().timestamp(), source_type, stance)
    }

    fn at(seconds: i64, source_type: SourceType, stance: Stance) -> Order {
        let seconds = seconds.clamp(-Order::SECONDS, Order::SECONDS);
        let bits = (seconds << 16) | ((source_type.index() as i64) << 8) | stance as i64;
        Order {
            high: (bits >> 32) as i32,
            low: bits as u32,
        }
    }

    fn bits(self) -> i64 {
        (i64::from(self.high) << 32) | i64::from(self.low)
    }

    fn seconds(self) -> i64 {
        self.bits() >> 16
    }

    /// The day of the row.
    fn day(self) -> NaiveDate {
        chrono::DateTime::from_timestamp(self.seconds(), 0)
            .map_or(NaiveDate::MIN, |d| d.date_naive())
    }
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

/// Whether a row at `at` by `by` comes before `than`: by `Order`, then by the text of `by`.
fn before(at: Order, by: &str, than: &Mark, strings: &Strings) -> bool {
    // The text only on a tie: nearly every row differs by `Order`.
    at < than.at || (at == than.at && by < strings.get(than.by))
}

/// Whether a rumor-tier row at `at` from the outlet with key `outlet` is a topic's first rumor
/// rather than `than` (by `Order`, then outlet key; no outlet is the empty key).
fn rumor_before(at: Order, outlet: u32, than: (Order, u32), outlets: &Named) -> bool {
    let key = |o: u32| if o == u32::MAX { "" } else { outlets.key(o) };
    // The keys only on a tie, as in `before`: most rows differ by `Order`.
    at < than.0 || (at == than.0 && key(outlet) < key(than.1))
}

/// Offers `text`, written at `seconds`, as the name of key `id`: a key is shown as first
/// written, the spelling of its earliest row, and on the same second the first in byte order,
/// whatever order the rows come in. `written` is when the current name was first written.
fn offer_name(names: &mut Named, id: u32, written: &mut i64, seconds: i64, text: &str) {
    if seconds > *written || text == names.name(id) {
        *written = (*written).min(seconds);
        return;
    }
    let tidy = name::tidy(text);
    if seconds < *written || tidy.as_str() < names.name(id) {
        if tidy != names.name(id) {
            names.rename(id, &tidy);
        }
        *written = seconds;
    }
}

/// What one topic's status depends on, and its counters: 120 bytes whatever its rows.
#[derive(Debug, Clone)]
struct Topic {
    person: u32,
    /// The topic as first written (an id in `Lifecycle::topic_names`).
    name: u32,
    first_seen: NaiveDateTime,
    /// Only its day is shown.
    last_seen: NaiveDate,
    /// The first rumor-tier or resolving row: it decides whether the topic starts as a rumor.
    first: Option<Mark>,
    first_rumor: Option<(Order, u32)>,
    /// Earliest and latest resolving confirmation and denial.
    first_confirm: Option<Mark>,
    /// `Order::NONE` when there is none (8 bytes less than an `Option`).
    last_confirm: Order,
    first_deny: Option<Mark>,
    last_deny: Order,
    rumor_rows: u32,
    on_record_rows: u32,
    anonymous_confirms: u32,
    no_comments: u32,
}

impl Topic {
    /// Takes in another topic's rows (the same topic about another spelling of the person).
    /// Each outlet's first rumor is in `Lifecycle::rumor_outlets`, merged by `regroup`.
    fn absorb(&mut self, other: &Topic, strings: &Strings, outlets: &Named) {
        let earliest = |a: &mut Option<Mark>, b: &Option<Mark>| {
            if let Some(b) = b
                && a.as_ref()
                    .is_none_or(|a| before(b.at, strings.get(b.by), a, strings))
            {
                *a = Some(b.clone());
            }
        };
        self.first_seen = self.first_seen.min(other.first_seen);
        self.last_seen = self.last_seen.max(other.last_seen);
        earliest(&mut self.first, &other.first);
        earliest(&mut self.first_confirm, &other.first_confirm);
        earliest(&mut self.first_deny, &other.first_deny);
        if let Some(b) = other.first_rumor
            && self
                .first_rumor
                .is_none_or(|a| rumor_before(b.0, b.1, a, outlets))
        {
            self.first_rumor = Some(b);
        }
        self.last_confirm = self.last_confirm.max(other.last_confirm);
        self.last_deny = self.last_deny.max(other.last_deny);
        self.rumor_rows = self.rumor_rows.saturating_add(other.rumor_rows);
        self.on_record_rows = self.on_record_rows.saturating_add(other.on_record_rows);
        self.anonymous_confirms = self
            .anonymous_confirms
            .saturating_add(other.anonymous_confirms);
        self.no_comments = self.no_comments.saturating_add(other.no_comments);
    }
}

/// How many outlet spellings `Lifecycle` remembers (about 40 bytes each): far more than a
/// newsroom's archive names, and a bounded cost on a file of a million outlets.
const OUTLET_SPELLINGS: usize = 10_000;
/// An outlet spelling whose key is empty: no outlet.
const NO_OUTLET: u32 = u32::MAX;

/// Per outlet: its rows, and how many had an unnamed source. Its name and key are in
/// `Lifecycle::outlet_names`, under the same id.
#[derive(Debug, Clone, Default)]
struct OutletRows {
    rows: u64,
    anonymous: u64,
    /// When its name as shown was first written (whole seconds), see `offer_name`.
    written: i64,
}

/// Strings stored once each, referred to by a `u32`: speakers and outlets recur across many
/// topics, and an id is a quarter the size of an empty `String`.
#[derive(Debug, Default)]
struct Strings(KeySet);

impl Strings {
    fn intern(&mut self, text: &str) -> u32 {
        self.0.insert(text).0
    }

    fn get(&self, id: u32) -> &str {
        self.0.get(id)
    }
}

/// All topics and outlets seen so far. Keys and names are kept compactly (see `keys`): memory
/// is under 200 bytes a topic (`scripts/bench_keys.sh`), and less per outlet and per person.
#[derive(Debug)]
pub struct Lifecycle {
    rules: Rules,
    /// Persons by identity (`people`); a topic's person is an identity's id until `regroup`
    /// makes it a group's.
    persons: Persons,
    /// Set by `regroup`: each group's name and sort key.
    groups: Groups,
    topics: Vec<Topic>,
    /// Topic keys (`name::key` of the topic), shared by persons; names as first written.
    topic_names: Named,
    /// By topic key: when its name as shown was first written (whole seconds).
    topic_written: Vec<i64>,
    /// Whether every topic key is its own key, as the keys worked out from rows are: a
    /// partial result may bring others, and `topic` looks a topic up as a key only without.
    topic_keys_own: bool,
    /// (person, topic key) → index in `topics`, found by the topic's own person and key.
    topic_ids: Index,
    /// Speakers and outlets that resolved a topic, each stored once.
    strings: Strings,
    /// Whether to keep each outlet's first rumor on each topic, which only the outlet scorecard
    /// needs and which is most of the memory on large archives.
    scorecard: bool,
    /// Each (topic, outlet)'s first rumor-tier row: one map for all topics, so a topic with
    /// 200,000 outlets costs a look-up per row, not a scan of its outlets.
    rumor_outlets: HashMap<(u32, u32), Order>,
    outlets: Vec<OutletRows>,
    /// Outlet keys (`name::key`) and names as first written, by the ids of `outlets`.
    outlet_names: Named,
    /// The first `OUTLET_SPELLINGS` outlets as written, each with its outlet's id (`NO_OUTLET`
    /// for an outlet that is no one): a row's outlet is found with one look-up, without
    /// working out its key. Capped, so it adds nothing per outlet past them.
    outlet_spellings: KeySet,
    spelling_outlet: Vec<u32>,
    latest: Option<NaiveDateTime>,
    key: String,
}

/// One topic's row of `claimtrack topics`, borrowing its text from the lifecycle.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRow<'a> {
    pub person: &'a str,
    pub topic: &'a str,
    pub status: Status,
    pub first_seen: NaiveDate,
    /// The date of the first rumor-tier row, where `days_to_resolution` counts from.
    pub first_rumor_on: Option<NaiveDate>,
    pub first_rumor_outlet: &'a str,
    pub resolved_on: Option<NaiveDate>,
    pub resolved_by: &'a str,
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
pub struct OutletRow<'a> {
    pub outlet: &'a str,
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
            persons: Persons::default(),
            groups: Groups::default(),
            topics: Vec::new(),
            topic_names: Named::default(),
            topic_written: Vec::new(),
            topic_keys_own: true,
            topic_ids: Index::default(),
            strings: Strings::default(),
            scorecard,
            rumor_outlets: HashMap::default(),
            outlets: Vec::new(),
            outlet_names: Named::default(),
            outlet_spellings: KeySet::default(),
            spelling_outlet: Vec::new(),
            latest: None,
            key: String::new(),
        }
    }

    pub fn add(&mut self, claim: &Claim<'_>, judgement: &Judgement, cues: &Cues) {
        self.add_as(claim, judgement, cues, None);
    }

    /// `add`, for a row whose person the caller has already found as its own spelling
    /// `spelling` (`Persons::spelling_and_id`): the person is then found by that id
    /// (`Persons::id_as`), not by the name again.
    pub fn add_as(
        &mut self,
        claim: &Claim<'_>,
        judgement: &Judgement,
        cues: &Cues,
        spelling: Option<u32>,
    ) {
        // A stance that was not judged takes no side.
        let stance = judgement.stance.unwrap_or(Stance::Neutral);
        let at = Order::new(claim.date, judgement.source_type, stance);
        self.latest = self.latest.max(Some(claim.date));
        let outlet = self.outlet(claim.outlet, judgement.source_type, claim.date);
        let topic = claim.topic.trim();
        if topic.is_empty() {
            return;
        }
        let day = claim.date.date();
        let person = match spelling {
            Some(outer) => self.persons.id_as(outer, claim.person, day, cues),
            None => self.persons.id(claim.person, day, cues),
        };
        let id = self.topic(person, topic, claim.date);
        let resolving = self.rules.resolve_by.contains(&judgement.source_type);
        let Lifecycle {
            topics,
            strings,
            scorecard,
            rumor_outlets,
            outlet_names,
            ..
        } = self;
        let t = &mut topics[id];
        t.first_seen = t.first_seen.min(claim.date);
        t.last_seen = t.last_seen.max(claim.date.date());
        if stance == Stance::NoComment {
            t.no_comments = t.no_comments.saturating_add(1);
        }
        let by = if claim.speaker.is_empty() {
            claim.outlet
        } else {
            claim.speaker
        };
        let mark = |strings: &mut Strings| Mark {
            at,
            source_type: judgement.source_type,
            stance,
            by: strings.intern(by),
        };
        match judgement.standing() {
            Standing::OnRecord => t.on_record_rows = t.on_record_rows.saturating_add(1),
            Standing::Rumor => {
                t.rumor_rows = t.rumor_rows.saturating_add(1);
                if stance == Stance::Confirm {
                    t.anonymous_confirms = t.anonymous_confirms.saturating_add(1);
                }
                let from = outlet.unwrap_or(u32::MAX);
                if t.first_rumor
                    .is_none_or(|first| rumor_before(at, from, first, outlet_names))
                {
                    t.first_rumor = Some((at, from));
                }
                if let (Some(outlet), true) = (outlet, *scorecard) {
                    let topic = u32::try_from(id).unwrap_or(u32::MAX);
                    rumor_outlets
                        .entry((topic, outlet))
                        .and_modify(|first| *first = (*first).min(at))
                        .or_insert(at);
                }
            }
            Standing::Unknown => return,
        }
        // An on-record no-comment takes no side: it announces nothing.
        let takes_part =
            judgement.standing() == Standing::Rumor || (resolving && stance != Stance::NoComment);
        if takes_part && t.first.as_ref().is_none_or(|f| before(at, by, f, strings)) {
            t.first = Some(mark(strings));
        }
        if !resolving {
            return;
        }
        let (first, last) = match stance {
            Stance::Confirm => (&mut t.first_confirm, &mut t.last_confirm),
            Stance::Deny => (&mut t.first_deny, &mut t.last_deny),
            Stance::Neutral | Stance::NoComment => return,
        };
        if first.as_ref().is_none_or(|f| before(at, by, f, strings)) {
            *first = Some(mark(strings));
        }
        *last = (*last).max(at);
    }

    /// Groups the persons as `people` says (`Persons::group`): once every row is in, before
    /// any output. A person's topics that share a topic key (under several spellings of the
    /// name) become one topic.
    pub fn regroup(&mut self, people: &People) {
        self.groups = self.persons.group(people);
        // In place, not into a new list of topics: the topics are most of the memory.
        self.topic_ids = Index::default();
        // Each topic's index among the topics kept: first the index of the topic it joins.
        let mut moved: Vec<u32> = Vec::with_capacity(self.topics.len());
        let mut merged = false;
        for i in 0..self.topics.len() {
            let person = self.groups.of(self.topics[i].person);
            self.topics[i].person = person;
            let name = self.topics[i].name;
            let at = u32::try_from(i).unwrap_or(u32::MAX);
            let topics = &self.topics;
            let id = self.topic_ids.find_or_insert((person, name), at, |j| {
                let t = &topics[j as usize];
                (t.person, t.name)
            });
            if id != at {
                let (kept, rest) = self.topics.split_at_mut(i);
                kept[id as usize].absorb(&rest[0], &self.strings, &self.outlet_names);
                merged = true;
            }
            moved.push(id);
        }
        if merged {
            // The joined topics go; the others move up, and are found again at their places.
            let mut i = 0;
            self.topics.retain(|_| {
                let kept = moved[i] as usize == i;
                i += 1;
                kept
            });
            let mut kept = 0u32;
            let mut place: Vec<u32> = Vec::with_capacity(moved.len());
            for (i, &id) in moved.iter().enumerate() {
                place.push(kept);
                kept += u32::from(id as usize == i);
            }
            for id in moved.iter_mut() {
                *id = place[*id as usize];
            }
            drop(place);
            self.topic_ids = Index::default();
            for at in 0..u32::try_from(self.topics.len()).unwrap_or(u32::MAX) {
                let topics = &self.topics;
                let t = &topics[at as usize];
                self.topic_ids.find_or_insert((t.person, t.name), at, |j| {
                    let t = &topics[j as usize];
                    (t.person, t.name)
                });
            }
        }
        if merged {
            let old = std::mem::take(&mut self.rumor_outlets);
            for ((topic, outlet), at) in old {
                let topic = moved.get(topic as usize).copied().unwrap_or(topic);
                self.rumor_outlets
                    .entry((topic, outlet))
                    .and_modify(|first| *first = (*first).min(at))
                    .or_insert(at);
            }
        }
    }

    fn topic(&mut self, person: u32, topic: &str, date: NaiveDateTime) -> usize {
        // A topic written as a key seen before (an ASCII slug such as `cattrall-return`, what
        // a topic column usually holds) is that key, since an ASCII key is its own key: found
        // with one look-up. Only the others have their key worked out, which costs more than
        // the rest of this function.
        let known =
            (self.topic_keys_own && topic.is_ascii()).then(|| self.topic_names.keys.find(topic));
        let key = match known.flatten() {
            Some(key) => key,
            None => {
                name::key_into(topic, &mut self.key);
                self.topic_names.insert(&self.key, || name::tidy(topic))
            }
        };
        let seconds = date.and_utc().timestamp();
        match self.topic_written.get_mut(key as usize) {
            Some(written) => offer_name(&mut self.topic_names, key, written, seconds, topic),
            None => self.topic_written.push(seconds),
        }
        let (id, new) = topic_id(&mut self.topic_ids, &self.topics, person, key);
        if !new {
            return id as usize;
        }
        // Shown as first written for this topic key (by any person).
        self.topics.push(Topic {
            person,
            name: key,
            first_seen: date,
            last_seen: date.date(),
            first: None,
            first_rumor: None,
            first_confirm: None,
            last_confirm: Order::NONE,
            first_deny: None,
            last_deny: Order::NONE,
            rumor_rows: 0,
            on_record_rows: 0,
            anonymous_confirms: 0,
            no_comments: 0,
        });
        id as usize
    }

    fn outlet(
        &mut self,
        outlet: &str,
        source_type: SourceType,
        date: NaiveDateTime,
    ) -> Option<u32> {
        let seconds = date.and_utc().timestamp();
        let known = self.outlet_spellings.find(outlet);
        let (id, new) = match known.and_then(|s| self.spelling_outlet.get(s as usize)) {
            Some(&id) => (id, false),
            None => {
                let id = self.outlet_id(outlet, seconds);
                if self.spelling_outlet.len() < OUTLET_SPELLINGS {
                    self.outlet_spellings.insert(outlet);
                    self.spelling_outlet
                        .push(id.map_or(NO_OUTLET, |(id, _)| id));
                }
                id.unwrap_or((NO_OUTLET, false))
            }
        };
        if id == NO_OUTLET {
            return None;
        }
        if !new && let Some(o) = self.outlets.get_mut(id as usize) {
            offer_name(&mut self.outlet_names, id, &mut o.written, seconds, outlet);
        }
        let o = self.outlets.get_mut(id as usize)?;
        o.rows += 1;
        if matches!(
            source_type,
            SourceType::Anonymous | SourceType::ExclusiveAnonymous
        ) {
            o.anonymous += 1;
        }
        Some(id)
    }

    /// The id of `outlet`'s key, added if new (first written at `seconds`), and whether it
    /// is new; `None` for an outlet whose key is empty.
    fn outlet_id(&mut self, outlet: &str, seconds: i64) -> Option<(u32, bool)> {
        name::key_into(outlet, &mut self.key);
        if self.key.is_empty() {
            return None;
        }
        let id = self.outlet_names.insert(&self.key, || name::tidy(outlet));
        let new = self.outlets.len() <= id as usize;
        if new {
            self.outlets.push(OutletRows {
                written: seconds,
                ..OutletRows::default()
            });
        }
        Some((id, new))
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
            let rumor_since = t.first_rumor.map(|(at, _)| at.day());
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
        let denied_later = |after: Order| t.last_deny > after;
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

    /// One row per topic, sorted by person, then first date, then topic; made as they are
    /// read, so that the output never holds all rows at once.
    pub fn topics(&self) -> impl Iterator<Item = TopicRow<'_>> + '_ {
        // Indices rather than references: 4 bytes a topic.
        let mut order: Vec<u32> = (0..).take(self.topics.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.topics[a as usize], &self.topics[b as usize]);
            self.groups
                .key(a.person)
                .cmp(self.groups.key(b.person))
                .then(a.first_seen.cmp(&b.first_seen))
                .then_with(|| {
                    self.topic_names
                        .name(a.name)
                        .cmp(self.topic_names.name(b.name))
                })
        });
        order.into_iter().map(|i| {
            let t = &self.topics[i as usize];
            let v = self.verdict(t);
            let resolution = v.resolution.as_ref();
            let days = resolution.map(|r| match t.first_rumor {
                Some((rumor, _)) if rumor < r.at => (r.at.day() - rumor.day()).num_days(),
                _ => 0,
            });
            TopicRow {
                person: self.groups.name(t.person),
                topic: self.topic_names.name(t.name),
                status: v.status,
                first_seen: t.first_seen.date(),
                first_rumor_on: t.first_rumor.map(|(at, _)| at.day()),
                first_rumor_outlet: t
                    .first_rumor
                    .filter(|&(_, o)| o != u32::MAX)
                    .map_or("", |(_, o)| self.outlet_names.name(o)),
                resolved_on: resolution.map(|r| r.at.day()),
                resolved_by: resolution.map_or("", |r| self.strings.get(r.by)),
                resolution_source_type: resolution.map(|r| r.source_type),
                days_to_resolution: days,
                rumor_rows: u64::from(t.rumor_rows),
                on_record_rows: u64::from(t.on_record_rows),
                anonymous_confirms: u64::from(t.anonymous_confirms),
                no_comments: u64::from(t.no_comments),
                reversal: v.reversal,
                last_seen: t.last_seen,
            }
        })
    }

    /// One row per outlet, sorted by name (case and spacing ignored).
    /// Rows are made as they are read, from per-outlet counts of 28 bytes and one list of the
    /// confirmed (outlet, days) pairs: the output never holds every outlet's row at once.
    pub fn outlets(&self) -> impl Iterator<Item = OutletRow<'_>> + '_ {
        #[derive(Default, Clone, Copy)]
        struct Counts {
            rumor_topics: u32,
            confirmed: u32,
            denied: u32,
            disputed: u32,
            unresolved: u32,
            still_rumor: u32,
            first_reports: u32,
        }
        let bump = |n: &mut u32| *n = n.saturating_add(1);
        let mut counts = vec![Counts::default(); self.outlets.len()];
        let mut days: Vec<(u32, i64)> = Vec::new();
        // Every (topic, outlet) pair once, the topic's verdict worked out for it (a few
        // comparisons): linear in the pairs, however many outlets a topic has.
        for (&(topic, outlet), &at) in &self.rumor_outlets {
            let Some(t) = self.topics.get(topic as usize) else {
                continue;
            };
            let v = self.verdict(t);
            // Only rumors published before the topic's first resolution count.
            if v.resolution.as_ref().is_some_and(|r| r.at < at) {
                continue;
            }
            let Some(c) = counts.get_mut(outlet as usize) else {
                continue;
            };
            bump(&mut c.rumor_topics);
            match v.status {
                Status::Confirmed => bump(&mut c.confirmed),
                Status::Denied => bump(&mut c.denied),
                Status::Disputed => bump(&mut c.disputed),
                Status::Unresolved => bump(&mut c.unresolved),
                Status::Rumor => bump(&mut c.still_rumor),
                Status::Announced | Status::Unknown => {}
            }
            if let (Status::Confirmed, Some(confirmed)) = (v.status, v.confirmed_at) {
                days.push((outlet, (confirmed.day() - at.day()).num_days()));
            }
            if t.first_rumor
                .is_some_and(|(first, o)| o == outlet && first == at)
            {
                bump(&mut c.first_reports);
            }
        }
        // Sorted by outlet then days: each outlet's days are one sorted run.
        days.sort_unstable();
        let mut order: Vec<u32> = (0..).take(self.outlets.len()).collect();
        order.sort_by(|&a, &b| self.outlet_names.key(a).cmp(self.outlet_names.key(b)));
        order.into_iter().map(move |id| {
            let o = self.outlets.get(id as usize).cloned().unwrap_or_default();
            let c = counts.get(id as usize).copied().unwrap_or_default();
            let from = days.partition_point(|&(outlet, _)| outlet < id);
            let to = days.partition_point(|&(outlet, _)| outlet <= id);
            let mut run: Vec<i64> = days
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .map(|d| d.1)
                .collect();
            let resolved = u64::from(c.confirmed) + u64::from(c.denied) + u64::from(c.disputed);
            OutletRow {
                outlet: self.outlet_names.name(id),
                rumor_topics: u64::from(c.rumor_topics),
                confirmed: u64::from(c.confirmed),
                denied: u64::from(c.denied),
                disputed: u64::from(c.disputed),
                unresolved: u64::from(c.unresolved),
                still_rumor: u64::from(c.still_rumor),
                confirm_rate: decimal::ratio(i64::from(c.confirmed), resolved as i64, 4),
                median_days_to_confirmation: median(&mut run),
                first_reports: u64::from(c.first_reports),
                anonymous_share: decimal::ratio(o.anonymous as i64, o.rows as i64, 4).unwrap_or(0),
            }
        })
    }
}

/// The index in `topics` of the topic of `person` with topic key `key`, and whether it is new:
/// a new one is to be pushed onto `topics` at that index.
fn topic_id(ids: &mut Index, topics: &[Topic], person: u32, key: u32) -> (u32, bool) {
    let next = u32::try_from(topics.len()).unwrap_or(u32::MAX);
    let id = ids.find_or_insert((person, key), next, |i| {
        let t = &topics[i as usize];
        (t.person, t.name)
    });
    (id, id == next)
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

    use crate::judge::attribution::SourceCue;

    /// Adds one row of `source_type` about Kim Cattrall on 2023-03-`day`.
    fn add(l: &mut Lifecycle, cues: &Cues, day: u32, outlet: &str, topic: &str, t: SourceType) {
        let date = NaiveDate::from_ymd_opt(2023, 3, day)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap();
        let claim = Claim {
            date,
            person: "Kim Cattrall",
            claim: "She is returning.",
            outlet,
            topic,
            ..Claim::default()
        };
        let judgement = Judgement {
            source_type: t,
            source_cue: SourceCue::Given,
            stance: Some(Stance::Neutral),
            tone: None,
        };
        l.add(&claim, &judgement, cues);
    }

    #[test]
    fn a_topic_is_one_however_written_and_in_whichever_order() {
        let cues = Cues::builtin().unwrap();
        let mut l = Lifecycle::new(Rules::default(), true);
        // The slug after its capitalised spelling, and the other way round.
        for (day, topic) in [
            (1, "Return-Talks"),
            (2, "return-talks"),
            (3, "RETURN-TALKS"),
            (4, "wedding"),
            (5, "Wedding"),
            (6, "wedding"),
            (7, "return  talks"),
        ] {
            add(
                &mut l,
                &cues,
                day,
                "Us Weekly",
                topic,
                SourceType::Anonymous,
            );
        }
        l.regroup(&People::default());
        let topics: Vec<(&str, u64)> = l.topics().map(|t| (t.topic, t.rumor_rows)).collect();
        assert_eq!(
            topics,
            [("Return-Talks", 3), ("wedding", 3), ("return talks", 1)]
        );
    }

    #[test]
    fn a_topic_key_from_a_partial_that_is_no_key_is_not_taken_for_the_topic() {
        use crate::partial::{Aggregate, Line, TopicName};
        let cues = Cues::builtin().unwrap();
        let mut l = Lifecycle::new(Rules::default(), true);
        // A hand-made partial's key as written: rows written so have the key `return-talks`.
        let name = TopicName {
            key: "Return-Talks".to_string(),
            name: "From the partial".to_string(),
            written: NaiveDate::from_ymd_opt(2023, 3, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap(),
        };
        l.absorb(Line::TopicName(name), None).unwrap();
        add(
            &mut l,
            &cues,
            2,
            "Us Weekly",
            "Return-Talks",
            SourceType::Anonymous,
        );
        l.regroup(&People::default());
        let topics: Vec<&str> = l.topics().map(|t| t.topic).collect();
        assert_eq!(topics, ["Return-Talks"]);
    }

    #[test]
    fn outlet_spellings_past_the_remembered_ones_are_the_same_outlets() {
        let cues = Cues::builtin().unwrap();
        let mut l = Lifecycle::new(Rules::default(), true);
        let filler: Vec<String> = (0..OUTLET_SPELLINGS)
            .map(|i| format!("Outlet {i}"))
            .collect();
        for outlet in &filler {
            add(
                &mut l,
                &cues,
                1,
                outlet,
                "wedding",
                SourceType::Unattributed,
            );
        }
        // Remembered spellings, then new spellings of a remembered outlet and of a new one;
        // outlets that are no one count for none. A day each: a name is its earliest spelling.
        for (i, (outlet, t)) in [
            ("Outlet 5", SourceType::Anonymous),
            ("OUTLET 5", SourceType::Anonymous),
            ("outlet  5", SourceType::Anonymous),
            ("Late Outlet", SourceType::Anonymous),
            ("late outlet", SourceType::Unattributed),
            ("LATE OUTLET", SourceType::Anonymous),
            ("Late Outlet", SourceType::Anonymous),
            ("", SourceType::Anonymous),
            ("\u{200b}", SourceType::Anonymous),
        ]
        .into_iter()
        .enumerate()
        {
            add(&mut l, &cues, 2 + i as u32, outlet, "wedding", t);
        }
        l.regroup(&People::default());
        let rows: Vec<OutletRow> = l.outlets().collect();
        assert_eq!(rows.len(), OUTLET_SPELLINGS + 1);
        let share = |name: &str| {
            let row = rows.iter().find(|r| r.outlet == name).unwrap();
            (row.anonymous_share, row.rumor_topics)
        };
        // 3 anonymous rows of 4, and 3 of 4; every outlet had a rumor on the one topic.
        assert_eq!(share("Outlet 5"), (7500, 1));
        assert_eq!(share("Late Outlet"), (7500, 1));
        assert_eq!(share("Outlet 6"), (0, 1));
    }

    #[test]
    fn a_topic_is_120_bytes_and_a_mark_16() {
        // A million topics are most of a large archive's memory (issue 12: 256 bytes a key).
        assert_eq!(std::mem::size_of::<Topic>(), 120);
        assert_eq!(std::mem::size_of::<Option<Mark>>(), 16);
        assert_eq!(std::mem::size_of::<Order>(), 8);
    }

    #[test]
    fn orders_pack_in_the_order_of_their_parts() {
        let at = |seconds, t, s| Order::at(seconds, t, s);
        let (anon, named) = (SourceType::Anonymous, SourceType::NamedOnRecord);
        let mut orders = [
            at(1, anon, Stance::Deny),
            at(-1, anon, Stance::Confirm),
            at(0, anon, Stance::Confirm),
            at(1, named, Stance::Confirm),
            at(1, anon, Stance::Confirm),
            at(-(1 << 40), named, Stance::NoComment),
            Order::NONE,
        ];
        orders.sort();
        let seconds: Vec<i64> = orders[1..].iter().map(|o| o.seconds()).collect();
        assert_eq!(orders[0], Order::NONE);
        assert_eq!(seconds, [-(1 << 40), -1, 0, 1, 1, 1]);
        // The same second: by the source type's rank, then the stance.
        assert_eq!(orders[4], at(1, named, Stance::Confirm));
        assert_eq!(orders[6], at(1, anon, Stance::Deny));
        assert_eq!(
            orders[6].day(),
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
        );
    }

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&mut [5, 1, 3]), Some(30));
        assert_eq!(median(&mut [40, 13]), Some(265));
        assert_eq!(median(&mut []), None);
    }
}
