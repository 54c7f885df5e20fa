//! `claimtrack report`: per person and period, how many claims of each source type, how much of
//! it is rumor, and how the tone of rumors compares with the tone on the record.

use std::collections::HashMap;

use crate::cli::ReportArgs;
use crate::cmd;
use crate::config::Settings;
use crate::cues::Cues;
use crate::decimal;
use crate::error::Result;
use crate::input;
use crate::judge::Needs;
use crate::name;
use crate::output::{self, Sink, Value};
use crate::people::{self, People};
use crate::period::{By, Period};
use crate::source_type::{SourceType, Standing};

/// Counts and tone sums for one person in one period.
#[derive(Debug, Default, Clone)]
struct Tally {
    claims: u64,
    by_source_type: [u64; SourceType::ALL.len()],
    on_record: ToneSum,
    rumor: ToneSum,
}

/// Compounds summed in units of 0.0001: they are printed to 4 decimals, so the sum is exact
/// and the mean matches what a spreadsheet computes from `label`'s `tone` column.
#[derive(Debug, Default, Clone, Copy)]
struct ToneSum {
    total: i64,
    count: u64,
}

impl Tally {
    /// Adds another tally of the same person and period (another spelling of the name).
    fn absorb(&mut self, other: &Tally) {
        self.claims += other.claims;
        for (n, m) in self.by_source_type.iter_mut().zip(other.by_source_type) {
            *n += m;
        }
        for (mine, theirs) in [
            (&mut self.on_record, other.on_record),
            (&mut self.rumor, other.rumor),
        ] {
            mine.total += theirs.total;
            mine.count += theirs.count;
        }
    }
}

impl ToneSum {
    fn add(&mut self, compound: f64) {
        self.total += decimal::units(compound, 4);
        self.count += 1;
    }

    /// The mean in units of 0.0001, rounded half to even; `None` with no claims.
    fn mean(&self) -> Option<i64> {
        decimal::divide(i128::from(self.total), i128::from(self.count))
    }
}

/// One person's periods, sorted, each with its tally. Memory follows the number of (person,
/// period) cells in the output, never the number of rows.
#[derive(Debug)]
struct Person {
    /// The identity key (`people::key`).
    key: String,
    /// Each spelling as written (spacing tidied), with its rows.
    spellings: Vec<(String, u64)>,
    periods: Vec<(Period, Tally)>,
}

/// One identity's rows of the report: its name, its sort key and its periods.
type Group = (String, String, Vec<(Period, Tally)>);

/// Aggregates claims by person (grouped by name key) and period.
#[derive(Debug, Default)]
pub struct Report {
    by: By,
    /// Identity key → index into `persons`.
    ids: HashMap<String, usize>,
    /// Each spelling of a name as written → index into `persons` and into its spellings, so
    /// that a spelling seen before (nearly every row's) is found without working out its key.
    spellings: HashMap<String, (usize, usize)>,
    persons: Vec<Person>,
    /// `--people`: merges and splits by hand.
    people: People,
}

impl Report {
    pub fn new(by: By, people: People) -> Report {
        Report {
            by,
            people,
            ..Report::default()
        }
    }

    /// Counts one claim; `compound` is its tone, `None` if not scored.
    pub fn add(
        &mut self,
        person: &str,
        date: chrono::NaiveDate,
        source_type: SourceType,
        compound: Option<f64>,
        cues: &Cues,
    ) {
        let (id, spelling) = match self.spellings.get(person) {
            Some(&at) => at,
            None => {
                let at = self.person_id(person, cues);
                self.spellings.insert(person.to_string(), at);
                at
            }
        };
        self.persons[id].spellings[spelling].1 += 1;
        let periods = &mut self.persons[id].periods;
        let period = self.by.period(date);
        let at = match periods.binary_search_by(|(p, _)| p.cmp(&period)) {
            Ok(at) => at,
            Err(at) => {
                periods.insert(at, (period, Tally::default()));
                at
            }
        };
        let tally = &mut periods[at].1;
        tally.claims += 1;
        tally.by_source_type[source_type.index()] += 1;
        let tone = match source_type.standing() {
            Standing::OnRecord => &mut tally.on_record,
            Standing::Rumor => &mut tally.rumor,
            Standing::Unknown => return,
        };
        if let Some(compound) = compound {
            tone.add(compound);
        }
    }

    /// The person a new spelling belongs to (by `people::key`), added if new, and the
    /// spelling's index among the person's.
    fn person_id(&mut self, person: &str, cues: &Cues) -> (usize, usize) {
        let key = people::key(person, cues);
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => {
                self.persons.push(Person {
                    key: key.clone(),
                    spellings: Vec::new(),
                    periods: Vec::new(),
                });
                self.ids.insert(key, self.persons.len() - 1);
                self.persons.len() - 1
            }
        };
        let spellings = &mut self.persons[id].spellings;
        let tidy = name::tidy(person);
        let at = match spellings.iter().position(|(s, _)| *s == tidy) {
            Some(at) => at,
            None => {
                spellings.push((tidy, 0));
                spellings.len() - 1
            }
        };
        (id, at)
    }

    /// The persons grouped as one identity each (`People::group`), with their periods merged:
    /// (name, sort key, periods), sorted.
    fn grouped(&self) -> Vec<Group> {
        let names: Vec<(String, Vec<(String, u64)>)> = self
            .persons
            .iter()
            .map(|p| (p.key.clone(), p.spellings.clone()))
            .collect();
        let (group_of, group_names) = self.people.group(&names);
        let mut groups: Vec<Group> = group_names
            .into_iter()
            .map(|name| (name::key(&name), name, Vec::new()))
            .map(|(key, name, periods)| (name, key, periods))
            .collect();
        for (person, &g) in self.persons.iter().zip(&group_of) {
            let periods = &mut groups[g].2;
            for (period, tally) in &person.periods {
                match periods.binary_search_by(|(p, _)| p.cmp(period)) {
                    Ok(at) => periods[at].1.absorb(tally),
                    Err(at) => periods.insert(at, (*period, tally.clone())),
                }
            }
        }
        groups.retain(|g| !g.2.is_empty());
        groups.sort_by(|a, b| a.1.cmp(&b.1));
        groups
    }

    /// The columns, with a count for each source type that `shown` marks.
    pub fn columns(shown: [bool; SourceType::ALL.len()]) -> Vec<&'static str> {
        let mut columns = vec!["person", "period", "claims"];
        let types = SourceType::ALL.iter().zip(shown).filter(|(_, s)| *s);
        columns.extend(types.map(|(t, _)| t.column_name()));
        columns.extend([
            "on_record",
            "rumor",
            "rumor_share",
            "tone_on_record",
            "tone_rumor",
            "tone_gap",
        ]);
        columns
    }

    /// The rows, sorted by person (name key) then period. `compact` leaves out the source-type
    /// columns that are zero in every row: for the terminal table, which a person reads.
    pub fn write(&self, writer: &mut dyn output::Writer, compact: bool) -> std::io::Result<()> {
        let persons = self.grouped();
        let mut shown = [!compact; SourceType::ALL.len()];
        for (_, tally) in persons.iter().flat_map(|p| &p.2) {
            for (s, n) in shown.iter_mut().zip(tally.by_source_type) {
                *s |= n > 0;
            }
        }
        writer.header(&Report::columns(shown))?;
        let mut period = String::new();
        let share = |n: u64, of: u64| {
            let units = decimal::ratio(n as i64, of as i64, 4);
            units.map_or(Value::Null, |units| Value::Decimal { units, places: 4 })
        };
        let tone = |mean: Option<i64>| {
            mean.map_or(Value::Null, |units| Value::Decimal { units, places: 4 })
        };
        for (name, _, periods) in &persons {
            for (key, tally) in periods {
                use std::fmt::Write as _;
                period.clear();
                let _ = write!(period, "{key}");
                writer.field(Value::Text(name))?;
                writer.field(Value::Text(&period))?;
                writer.field(Value::Int(tally.claims as i64))?;
                for (n, _) in tally.by_source_type.iter().zip(shown).filter(|(_, s)| *s) {
                    writer.field(Value::Int(*n as i64))?;
                }
                let count = |standing| {
                    let types = SourceType::ALL.iter().zip(tally.by_source_type);
                    types
                        .filter(|(t, _)| t.standing() == standing)
                        .map(|(_, n)| n)
                        .sum::<u64>()
                };
                let (on_record, rumor) = (count(Standing::OnRecord), count(Standing::Rumor));
                writer.field(Value::Int(on_record as i64))?;
                writer.field(Value::Int(rumor as i64))?;
                writer.field(share(rumor, tally.claims))?;
                let (on_record, rumor) = (tally.on_record.mean(), tally.rumor.mean());
                writer.field(tone(on_record))?;
                writer.field(tone(rumor))?;
                // The gap of the printed means, so the table is consistent with itself.
                writer.field(tone(rumor.zip(on_record).map(|(r, o)| r - o)))?;
                writer.end_row()?;
            }
        }
        Ok(())
    }
}

pub fn run(args: &ReportArgs) -> Result<()> {
    let settings = Settings::from_args(&args.common)?;
    let judge = cmd::judge(
        &settings,
        Needs {
            stance: false,
            tone: true,
        },
    )?;
    let inputs = input::open(&settings.input)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let mut report = Report::new(args.by, settings.filter.people.clone());
    cmd::read_claims(&settings, &judge, inputs, |_, _, claim, judgement| {
        report.add(
            claim.person,
            claim.date.date(),
            judgement.source_type,
            judgement.tone.map(|t| t.compound),
            &judge.cues,
        );
        Ok(())
    })?;
    let mut writer = output::writer(settings.output.format, sink);
    report.write(
        writer.as_mut(),
        settings.output.format == output::Format::Table,
    )?;
    writer.finish()?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_rounds_half_to_even_in_ten_thousandths() {
        let sum = |values: &[i64]| ToneSum {
            total: values.iter().sum(),
            count: values.len() as u64,
        };
        assert_eq!(sum(&[1, 2]).mean(), Some(2)); // 1.5 → 2
        assert_eq!(sum(&[2, 3]).mean(), Some(2)); // 2.5 → 2
        assert_eq!(sum(&[-1, -2]).mean(), Some(-2)); // -1.5 → -2
        assert_eq!(sum(&[1, 1, 2]).mean(), Some(1)); // 1.33 → 1
        assert_eq!(sum(&[]).mean(), None);
    }
}
