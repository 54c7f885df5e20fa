//! The lifecycle to and from partial results (`crate::partial`): spellings of persons, topic
//! names, outlets, topics and (for the scorecard) each outlet's first rumor per topic, before
//! the identities are grouped as persons (`Lifecycle::regroup` comes after every merge).

use super::{Lifecycle, Mark, Order, OutletRows, Strings, Topic, offer_name};
use crate::error::Result;
use crate::name;
use crate::partial::{self, Aggregate, At, Line, Rumor, from_seconds, seconds};
use crate::period::By;
use crate::source_type::SourceType;
use crate::stance::Stance;

impl Order {
    fn source_type(self) -> SourceType {
        let rank = ((self.bits() >> 8) & 0xff) as usize;
        SourceType::ALL
            .get(rank)
            .copied()
            .unwrap_or(SourceType::Unknown)
    }

    fn stance(self) -> Stance {
        let code = (self.bits() & 0xff) as usize;
        Stance::ALL.get(code).copied().unwrap_or(Stance::Neutral)
    }

    fn time(self) -> chrono::NaiveDateTime {
        from_seconds(self.seconds())
    }
}

fn order(at: chrono::NaiveDateTime, source_type: SourceType, stance: Stance) -> Order {
    Order::at(seconds(at), source_type, stance)
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Lifecycle {
    /// The id of the topic key `key`, added (shown as the key until a name is offered) if new.
    fn topic_key(&mut self, key: &str) -> std::result::Result<u32, String> {
        if key.is_empty() {
            return Err("a topic with an empty key".to_string());
        }
        let id = self.topic_names.insert(key, || key.to_string());
        if id as usize == self.topic_written.len() {
            name::key_into(key, &mut self.key);
            self.topic_keys_own &= self.key == key;
            self.topic_written.push(i64::MAX);
        }
        Ok(id)
    }

    /// The id of the outlet key `key`, added (with no rows yet) if new.
    fn outlet_key(&mut self, key: &str) -> std::result::Result<u32, String> {
        if key.is_empty() {
            return Err("an outlet with an empty key".to_string());
        }
        let id = self.outlet_names.insert(key, || key.to_string());
        if id as usize == self.outlets.len() {
            self.outlets.push(OutletRows {
                written: i64::MAX,
                ..OutletRows::default()
            });
        }
        Ok(id)
    }

    fn mark_out(&self, m: &Option<Mark>) -> Option<partial::Mark> {
        m.as_ref().map(|m| partial::Mark {
            at: m.at.time(),
            source_type: m.source_type,
            stance: m.stance,
            by: self.strings.get(m.by).to_string(),
        })
    }
}

fn mark_in(m: Option<partial::Mark>, strings: &mut Strings) -> Option<Mark> {
    m.map(|m| Mark {
        at: order(m.at, m.source_type, m.stance),
        source_type: m.source_type,
        stance: m.stance,
        by: strings.intern(&m.by),
    })
}

fn last_out(at: Order) -> Option<At> {
    (at != Order::NONE).then(|| At {
        at: at.time(),
        source_type: at.source_type(),
    })
}

fn last_in(at: Option<At>, stance: Stance) -> Order {
    at.map_or(Order::NONE, |a| order(a.at, a.source_type, stance))
}

impl Aggregate for Lifecycle {
    fn export(&self, emit: &mut dyn FnMut(Line) -> Result<()>) -> Result<()> {
        for spelling in self.persons.spellings() {
            emit(Line::Spelling(spelling))?;
        }
        for (id, &written) in (0u32..).zip(&self.topic_written) {
            emit(Line::TopicName(partial::TopicName {
                key: self.topic_names.key(id).to_string(),
                name: self.topic_names.name(id).to_string(),
                written: from_seconds(written),
            }))?;
        }
        for (id, o) in (0u32..).zip(&self.outlets) {
            emit(Line::Outlet(partial::Outlet {
                key: self.outlet_names.key(id).to_string(),
                name: self.outlet_names.name(id).to_string(),
                written: from_seconds(o.written),
                rows: o.rows,
                anonymous: o.anonymous,
            }))?;
        }
        let outlet_key = |o: u32| (o != u32::MAX).then(|| self.outlet_names.key(o).to_string());
        for t in &self.topics {
            emit(Line::Topic(partial::Topic {
                identity: self.persons.identity_key(t.person).to_string(),
                topic: self.topic_names.key(t.name).to_string(),
                first_seen: t.first_seen,
                last_seen: t.last_seen,
                first: self.mark_out(&t.first),
                first_rumor: t.first_rumor.map(|(at, o)| Rumor {
                    at: at.time(),
                    source_type: at.source_type(),
                    stance: at.stance(),
                    outlet: outlet_key(o),
                }),
                first_confirm: self.mark_out(&t.first_confirm),
                last_confirm: last_out(t.last_confirm),
                first_deny: self.mark_out(&t.first_deny),
                last_deny: last_out(t.last_deny),
                rumor_rows: u64::from(t.rumor_rows),
                on_record_rows: u64::from(t.on_record_rows),
                anonymous_confirms: u64::from(t.anonymous_confirms),
                no_comments: u64::from(t.no_comments),
            }))?;
        }
        // In a stable order: the same input gives the same bytes.
        let mut pairs: Vec<(&(u32, u32), &Order)> = self.rumor_outlets.iter().collect();
        pairs.sort_unstable_by_key(|(k, _)| **k);
        for (&(topic, outlet), at) in pairs {
            let Some(t) = self.topics.get(topic as usize) else {
                continue;
            };
            emit(Line::RumorOutlet(partial::RumorOutlet {
                identity: self.persons.identity_key(t.person).to_string(),
                topic: self.topic_names.key(t.name).to_string(),
                outlet: self.outlet_names.key(outlet).to_string(),
                at: at.time(),
                source_type: at.source_type(),
                stance: at.stance(),
            }))?;
        }
        Ok(())
    }

    fn absorb(&mut self, line: Line, _by: Option<By>) -> std::result::Result<(), String> {
        match line {
            Line::Spelling(s) => self.persons.absorb_spelling(&s),
            Line::TopicName(n) => {
                let id = self.topic_key(&n.key)?;
                let written = &mut self.topic_written[id as usize];
                offer_name(
                    &mut self.topic_names,
                    id,
                    written,
                    seconds(n.written),
                    &n.name,
                );
            }
            Line::Outlet(o) => {
                let id = self.outlet_key(&o.key)?;
                let rows = &mut self.outlets[id as usize];
                rows.rows = rows.rows.saturating_add(o.rows);
                rows.anonymous = rows.anonymous.saturating_add(o.anonymous);
                offer_name(
                    &mut self.outlet_names,
                    id,
                    &mut rows.written,
                    seconds(o.written),
                    &o.name,
                );
            }
            Line::Topic(t) => {
                let person = self.persons.identity(&t.identity);
                let name = self.topic_key(&t.topic)?;
                let first_rumor = match t.first_rumor {
                    Some(r) => {
                        let outlet = match &r.outlet {
                            Some(key) => self.outlet_key(key)?,
                            None => u32::MAX,
                        };
                        Some((order(r.at, r.source_type, r.stance), outlet))
                    }
                    None => None,
                };
                let strings = &mut self.strings;
                let topic = Topic {
                    person,
                    name,
                    first_seen: t.first_seen,
                    last_seen: t.last_seen,
                    first: mark_in(t.first, strings),
                    first_rumor,
                    first_confirm: mark_in(t.first_confirm, strings),
                    last_confirm: last_in(t.last_confirm, Stance::Confirm),
                    first_deny: mark_in(t.first_deny, strings),
                    last_deny: last_in(t.last_deny, Stance::Deny),
                    rumor_rows: count(t.rumor_rows),
                    on_record_rows: count(t.on_record_rows),
                    anonymous_confirms: count(t.anonymous_confirms),
                    no_comments: count(t.no_comments),
                };
                let (id, new) = super::topic_id(&mut self.topic_ids, &self.topics, person, name);
                if new {
                    self.topics.push(topic);
                } else {
                    self.topics[id as usize].absorb(&topic, &self.strings, &self.outlet_names);
                }
            }
            Line::RumorOutlet(r) => {
                if !self.scorecard {
                    return Ok(());
                }
                let person = self.persons.identity(&r.identity);
                let name = self.topic_key(&r.topic)?;
                let topics = &self.topics;
                let found = self.topic_ids.find(&(person, name), |i| {
                    let t = &topics[i as usize];
                    (t.person, t.name)
                });
                let Some(topic) = found else {
                    return Err(format!(
                        "a rumor_outlet line of topic `{}` before that topic's line",
                        r.topic
                    ));
                };
                let outlet = self.outlet_key(&r.outlet)?;
                let at = order(r.at, r.source_type, r.stance);
                self.rumor_outlets
                    .entry((topic, outlet))
                    .and_modify(|first| *first = (*first).min(at))
                    .or_insert(at);
            }
            other => {
                return Err(format!(
                    "a `{}` line has no place in a topics or outlets partial",
                    other.kind()
                ));
            }
        }
        Ok(())
    }
}
