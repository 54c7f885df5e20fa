//! `claimtrack report`: per person and period, how many claims of each source type, how much of
//! it is rumor, and how the tone of rumors compares with the tone on the record.

use crate::cli::ReportArgs;
use crate::cmd;
use crate::config::Settings;
use crate::decimal;
use crate::error::Result;
use crate::input;
use crate::judge::Needs;
use crate::keys::{KeySet, Records, Texts};
use crate::name;
use crate::output::{self, Sink, Value};
use crate::period::{By, Period};
use crate::source_type::{SourceType, Standing};

/// Counts and tone sums for one person in one period: 80 bytes. Counts are `u32` (a cell of
/// more than 4 billion claims saturates), so a million cells fit in well under 256 MB.
#[derive(Debug, Default, Clone)]
struct Tally {
    by_source_type: [u32; SourceType::ALL.len()],
    on_record: ToneSum,
    rumor: ToneSum,
}

impl Tally {
    fn claims(&self) -> u64 {
        self.by_source_type.iter().map(|&n| u64::from(n)).sum()
    }
}

/// Compounds summed in units of 0.0001: they are printed to 4 decimals, so the sum is exact
/// and the mean matches what a spreadsheet computes from `label`'s `tone` column.
#[derive(Debug, Default, Clone, Copy)]
struct ToneSum {
    total: i64,
    count: u32,
}

impl ToneSum {
    fn add(&mut self, compound: f64) {
        self.total = self.total.saturating_add(decimal::units(compound, 4));
        self.count = self.count.saturating_add(1);
    }

    /// The mean in units of 0.0001, rounded half to even; `None` with no claims.
    fn mean(&self) -> Option<i64> {
        decimal::divide(i128::from(self.total), i128::from(self.count))
    }
}

/// One person in one period.
#[derive(Debug)]
struct Cell {
    person: u32,
    period: Period,
    tally: Tally,
}

/// Aggregates claims by person (grouped by name key) and period. Memory follows the number of
/// (person, period) cells in the output, never the number of rows: about 100 bytes a cell and
/// the text of each person's name and key once (see `keys`).
#[derive(Debug)]
pub struct Report {
    by: By,
    /// Name keys (`name::key`), which group and order persons; a person's id is its key's.
    keys: KeySet,
    /// Each person's name as first written, spacing tidied, by id.
    names: Texts,
    cells: Records<(u32, Period), Cell>,
    key: String,
}

impl Report {
    pub fn new(by: By) -> Report {
        Report {
            by,
            keys: KeySet::default(),
            names: Texts::default(),
            cells: Records::new(|c: &Cell| (c.person, c.period)),
            key: String::new(),
        }
    }

    /// Counts one claim; `compound` is its tone, `None` if not scored.
    pub fn add(
        &mut self,
        person: &str,
        date: chrono::NaiveDate,
        source_type: SourceType,
        compound: Option<f64>,
    ) {
        name::key_into(person, &mut self.key);
        let (id, new) = self.keys.insert(&self.key);
        if new {
            self.names.push(&name::tidy(person));
        }
        let period = self.by.period(date);
        let cell = self.cells.get_or_insert((id, period), || Cell {
            person: id,
            period,
            tally: Tally::default(),
        });
        let tally = &mut cell.tally;
        let n = &mut tally.by_source_type[source_type.index()];
        *n = n.saturating_add(1);
        let tone = match source_type.standing() {
            Standing::OnRecord => &mut tally.on_record,
            Standing::Rumor => &mut tally.rumor,
            Standing::Unknown => return,
        };
        if let Some(compound) = compound {
            tone.add(compound);
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
        let cells = self.cells.items();
        let mut order: Vec<&Cell> = cells.iter().collect();
        order.sort_unstable_by(|a, b| {
            let key = |c: &Cell| self.keys.get(c.person);
            key(a).cmp(key(b)).then(a.period.cmp(&b.period))
        });
        let mut shown = [!compact; SourceType::ALL.len()];
        for cell in &order {
            for (s, n) in shown.iter_mut().zip(cell.tally.by_source_type) {
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
        for cell in order {
            let tally = &cell.tally;
            let claims = tally.claims();
            {
                use std::fmt::Write as _;
                period.clear();
                let _ = write!(period, "{}", cell.period);
                writer.field(Value::Text(self.names.get(cell.person)))?;
                writer.field(Value::Text(&period))?;
                writer.field(Value::Int(claims as i64))?;
                for (n, _) in tally.by_source_type.iter().zip(shown).filter(|(_, s)| *s) {
                    writer.field(Value::Int(*n as i64))?;
                }
                let count = |standing| {
                    let types = SourceType::ALL.iter().zip(tally.by_source_type);
                    types
                        .filter(|(t, _)| t.standing() == standing)
                        .map(|(_, n)| u64::from(n))
                        .sum::<u64>()
                };
                let (on_record, rumor) = (count(Standing::OnRecord), count(Standing::Rumor));
                writer.field(Value::Int(on_record as i64))?;
                writer.field(Value::Int(rumor as i64))?;
                writer.field(share(rumor, claims))?;
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
    let mut report = Report::new(args.by);
    cmd::read_claims(&settings, &judge, inputs, |_, _, claim, judgement| {
        report.add(
            claim.person,
            claim.date.date(),
            judgement.source_type,
            judgement.tone.map(|t| t.compound),
        );
        Ok(())
    })?;
    let mut writer = output::writer_for(&settings.output, sink);
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
            count: values.len() as u32,
        };
        assert_eq!(sum(&[1, 2]).mean(), Some(2)); // 1.5 → 2
        assert_eq!(sum(&[2, 3]).mean(), Some(2)); // 2.5 → 2
        assert_eq!(sum(&[-1, -2]).mean(), Some(-2)); // -1.5 → -2
        assert_eq!(sum(&[1, 1, 2]).mean(), Some(1)); // 1.33 → 1
        assert_eq!(sum(&[]).mean(), None);
    }
}
