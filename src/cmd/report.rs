//! `claimtrack report`: per person and period, how many claims of each source type, how much of
//! it is rumor, and how the tone of rumors compares with the tone on the record.

use std::collections::HashMap;

use crate::cli::ReportArgs;
use crate::cmd;
use crate::config::Settings;
use crate::error::Result;
use crate::input;
use crate::name;
use crate::output::{self, Sink, Value};
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

impl ToneSum {
    fn add(&mut self, compound: f64) {
        self.total += (compound * 10_000.0).round() as i64;
        self.count += 1;
    }

    /// The mean in units of 0.0001, rounded half to even; `None` with no claims.
    fn mean(&self) -> Option<i64> {
        let n = i64::try_from(self.count).ok().filter(|n| *n > 0)?;
        let (q, r) = (self.total.div_euclid(n), self.total.rem_euclid(n));
        Some(match (2 * r).cmp(&n) {
            std::cmp::Ordering::Less => q,
            std::cmp::Ordering::Greater => q + 1,
            std::cmp::Ordering::Equal => q + (q & 1),
        })
    }
}

/// Aggregates claims by person (grouped by name key) and period.
#[derive(Debug, Default)]
pub struct Report {
    by: By,
    /// Name key → index into `names`.
    persons: HashMap<String, usize>,
    /// Each person's name as first written, spacing tidied; and its key.
    names: Vec<(String, String)>,
    tallies: HashMap<(usize, Period), Tally>,
    key: String,
}

impl Report {
    pub fn new(by: By) -> Report {
        Report {
            by,
            ..Report::default()
        }
    }

    pub fn add(
        &mut self,
        person: &str,
        date: chrono::NaiveDate,
        source_type: SourceType,
        compound: f64,
    ) {
        name::key_into(person, &mut self.key);
        let person = match self.persons.get(self.key.as_str()) {
            Some(&i) => i,
            None => {
                let i = self.names.len();
                self.names.push((name::tidy(person), self.key.clone()));
                self.persons.insert(self.key.clone(), i);
                i
            }
        };
        let tally = self
            .tallies
            .entry((person, self.by.period(date)))
            .or_default();
        tally.claims += 1;
        tally.by_source_type[source_type.index()] += 1;
        match source_type.standing() {
            Standing::OnRecord => tally.on_record.add(compound),
            Standing::Rumor => tally.rumor.add(compound),
            Standing::Unknown => {}
        }
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
        let mut keys: Vec<&(usize, Period)> = self.tallies.keys().collect();
        keys.sort_by(|a, b| {
            self.names[a.0]
                .1
                .cmp(&self.names[b.0].1)
                .then(a.1.cmp(&b.1))
        });
        let mut shown = [!compact; SourceType::ALL.len()];
        for tally in self.tallies.values() {
            for (s, n) in shown.iter_mut().zip(tally.by_source_type) {
                *s |= n > 0;
            }
        }
        writer.header(&Report::columns(shown))?;
        let mut period = String::new();
        for key in keys {
            let tally = &self.tallies[key];
            use std::fmt::Write as _;
            period.clear();
            let _ = write!(period, "{}", key.1);
            writer.field(Value::Text(&self.names[key.0].0))?;
            writer.field(Value::Text(&period))?;
            writer.field(Value::Int(tally.claims as i64))?;
            for (n, _) in tally.by_source_type.iter().zip(shown).filter(|(_, s)| *s) {
                writer.field(Value::Int(*n as i64))?;
            }
            writer.field(Value::Int(tally.on_record.count as i64))?;
            writer.field(Value::Int(tally.rumor.count as i64))?;
            writer.field(Value::Fixed(
                tally.rumor.count as f64 / tally.claims as f64,
                4,
            ))?;
            let (on_record, rumor) = (tally.on_record.mean(), tally.rumor.mean());
            for mean in [on_record, rumor, rumor.zip(on_record).map(|(r, o)| r - o)] {
                writer.field(mean.map_or(Value::Null, |m| Value::Fixed(m as f64 / 10_000.0, 4)))?;
            }
            writer.end_row()?;
        }
        Ok(())
    }
}

pub fn run(args: &ReportArgs) -> Result<()> {
    let settings = Settings::from_args(&args.common)?;
    let judge = cmd::judge(&settings)?;
    let inputs = input::open(&settings.input)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let mut report = Report::new(args.by);
    cmd::read_claims(&settings, &judge, inputs, |_, _, claim, judgement| {
        report.add(
            claim.person,
            claim.date.date(),
            judgement.source_type,
            judgement.tone.compound,
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
