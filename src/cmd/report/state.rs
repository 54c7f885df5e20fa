//! `report`'s aggregate to and from partial results (`crate::partial`): the persons' spellings,
//! then one `cell` per (identity, period), before the identities are grouped as persons.

use super::{Cell, Report, Tally, ToneSum};
use crate::error::Result;
use crate::partial::{self, Aggregate, Line, Tone, TypeCounts};
use crate::period::{By, Period};

impl Aggregate for Report {
    fn export(&self, emit: &mut dyn FnMut(Line) -> Result<()>) -> Result<()> {
        for spelling in self.persons.spellings() {
            emit(Line::Spelling(spelling))?;
        }
        let tone = |t: ToneSum| Tone {
            sum: t.total,
            n: u64::from(t.count),
        };
        for cell in self.cells.items() {
            emit(Line::Cell(partial::Cell {
                identity: self.persons.identity_key(cell.person).to_string(),
                period: cell.period.to_string(),
                counts: TypeCounts(cell.tally.by_source_type.map(u64::from)),
                tone_on_record: tone(cell.tally.on_record),
                tone_rumor: tone(cell.tally.rumor),
            }))?;
        }
        Ok(())
    }

    fn absorb(&mut self, line: Line, by: Option<By>) -> std::result::Result<(), String> {
        match line {
            Line::Spelling(s) => self.persons.absorb_spelling(&s),
            Line::Cell(c) => {
                let from = by.unwrap_or(self.by);
                let period = Period::parse(from, &c.period).ok_or_else(|| {
                    format!("`{}` is not a period of --by {}", c.period, from.as_str())
                })?;
                let period = period.roll_up(self.by).ok_or_else(|| {
                    format!(
                        "periods of --by {} do not add up to --by {}",
                        from.as_str(),
                        self.by.as_str()
                    )
                })?;
                let person = self.persons.identity(&c.identity);
                let cell = self.cells.get_or_insert((person, period), || Cell {
                    person,
                    period,
                    tally: Tally::default(),
                });
                let sum = |t: Tone| ToneSum {
                    total: t.sum,
                    count: u32::try_from(t.n).unwrap_or(u32::MAX),
                };
                cell.tally.absorb(&Tally {
                    by_source_type: c.counts.0.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
                    on_record: sum(c.tone_on_record),
                    rumor: sum(c.tone_rumor),
                });
            }
            other => {
                return Err(format!(
                    "a `{}` line has no place in a report partial",
                    other.kind()
                ));
            }
        }
        Ok(())
    }
}
