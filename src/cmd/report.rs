//! `claimtrack report`: per person and period, how many claims of each source type, how much of
//! it is rumor, and how the tone of rumors compares with the tone on the record.

use crate::claim::Claim;
use crate::cli::ReportArgs;
use crate::cmd;
use crate::config::{OutputSettings, Settings};
use crate::cues::Cues;
use crate::decimal;
use crate::error::Result;
use crate::input;
use crate::judge::{Judgement, Needs};
use crate::keys::Records;
use crate::output::{self, Sink, Value};
use crate::people::{Groups, People, Persons};
use crate::period::{By, Period};
use crate::source_type::{SourceType, Standing};

mod state;

/// Counts and tone sums for one person in one period: 68 bytes. Counts are `u32` (a cell of
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

    /// Adds another tally of the same person and period (another spelling of the name).
    fn absorb(&mut self, other: &Tally) {
        for (n, m) in self.by_source_type.iter_mut().zip(other.by_source_type) {
            *n = n.saturating_add(m);
        }
        for (mine, theirs) in [
            (&mut self.on_record, other.on_record),
            (&mut self.rumor, other.rumor),
        ] {
            let (total, count) = (mine.total, mine.count);
            mine.total = total.saturating_add(theirs.total);
            mine.count = count.saturating_add(theirs.count);
        }
    }
}

/// Compounds summed in units of 0.0001: they are printed to 4 decimals, so the sum is exact
/// and the mean matches what a spreadsheet computes from `label`'s `tone` column. Packed to
/// 12 bytes (no padding after `count`): a cell keeps two.
#[derive(Debug, Default, Clone, Copy)]
#[repr(C, packed(4))]
struct ToneSum {
    total: i64,
    count: u32,
}

impl ToneSum {
    fn add(&mut self, compound: f64) {
        let (total, count) = (self.total, self.count);
        self.total = total.saturating_add(decimal::units(compound, 4));
        self.count = count.saturating_add(1);
    }

    /// The mean in units of 0.0001, rounded half to even; `None` with no claims.
    fn mean(&self) -> Option<i64> {
        let (total, count) = (self.total, self.count);
        decimal::divide(i128::from(total), i128::from(count))
    }
}

/// One person in one period.
#[derive(Debug)]
struct Cell {
    person: u32,
    period: Period,
    tally: Tally,
}

/// What the report says about one person in one period: the figures of one output row.
/// Shares and means are in units of 0.0001, `None` when there is nothing to divide by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub claims: u64,
    pub by_source_type: [u64; SourceType::ALL.len()],
    pub on_record: u64,
    pub rumor: u64,
    pub rumor_share: Option<i64>,
    pub tone_on_record: Option<i64>,
    pub tone_rumor: Option<i64>,
    /// The gap of the printed means, so the table is consistent with itself.
    pub tone_gap: Option<i64>,
}

impl Tally {
    fn figures(&self) -> Figures {
        let count = |standing| {
            let types = SourceType::ALL.iter().zip(self.by_source_type);
            types
                .filter(|(t, _)| t.standing() == standing)
                .map(|(_, n)| u64::from(n))
                .sum::<u64>()
        };
        let rumor = count(Standing::Rumor);
        let claims = self.claims();
        let (tone_on_record, tone_rumor) = (self.on_record.mean(), self.rumor.mean());
        Figures {
            claims,
            by_source_type: self.by_source_type.map(u64::from),
            on_record: count(Standing::OnRecord),
            rumor,
            rumor_share: decimal::ratio(rumor as i64, claims as i64, 4),
            tone_on_record,
            tone_rumor,
            tone_gap: tone_rumor.zip(tone_on_record).map(|(r, o)| r - o),
        }
    }
}

/// One person's figures per period, for callers that chart them (`brief`).
#[derive(Debug)]
pub struct PersonFigures<'a> {
    /// The name as first written, spacing tidied.
    pub name: &'a str,
    /// The grouping key (`name::key` of the name): ties between persons sort by it.
    pub key: &'a str,
    /// Only the periods with claims, sorted.
    pub periods: Vec<(Period, Figures)>,
}

/// Every period from `first` to `last`, both included.
fn every_period(first: Period, last: Period) -> Vec<Period> {
    let mut periods = vec![first];
    let mut at = first;
    while at < last {
        at = at.next();
        periods.push(at);
    }
    periods
}

/// Aggregates claims by person (one identity however written, see `people`) and period.
/// Memory follows the number of (person, period) cells in the output, never the number of
/// rows: 80 bytes a cell and 4 in its look-up table, and the text of each person's spellings
/// and key once (see `keys`).
#[derive(Debug)]
pub struct Report {
    by: By,
    /// `--fill`: write every period between the first and the last, zeros where none.
    fill: bool,
    /// Identities as read; a cell's person is an identity's id.
    persons: Persons,
    /// `--people`: merges and splits by hand.
    people: People,
    /// The identities grouped as persons, once all rows are in (on first output).
    groups: std::cell::OnceCell<Groups>,
    cells: Records<(u32, Period), Cell>,
}

impl Report {
    pub fn new(by: By, fill: bool, people: People) -> Report {
        Report {
            by,
            fill,
            persons: Persons::default(),
            people,
            groups: std::cell::OnceCell::new(),
            cells: Records::new(|c: &Cell| (c.person, c.period)),
        }
    }

    /// Counts one claim; `compound` is its tone, `None` if not scored. Gives the id of the
    /// person's spelling, for `Persons::id_as`.
    pub fn add(
        &mut self,
        person: &str,
        date: chrono::NaiveDate,
        source_type: SourceType,
        compound: Option<f64>,
        cues: &Cues,
    ) -> u32 {
        let (spelling, id) = self.persons.spelling_and_id(person, date, cues);
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
            Standing::Unknown => return spelling,
        };
        if let Some(compound) = compound {
            tone.add(compound);
        }
        spelling
    }

    /// The columns, with a count for each source type that `shown` marks.
    pub fn columns(shown: [bool; SourceType::ALL.len()]) -> Vec<&'static str> {
        let mut columns = GROUP_COLUMNS.to_vec();
        let types = SourceType::ALL.iter().zip(shown).filter(|(_, s)| *s);
        columns.extend(types.map(|(t, _)| t.column_name()));
        columns.extend(STANDING_COLUMNS);
        columns
    }

    fn groups(&self) -> &Groups {
        self.groups.get_or_init(|| self.persons.group(&self.people))
    }

    /// The cells as (group of their person, index in `cells`), sorted by the group's key,
    /// then group, then period: the cells of one row (a person written several ways) are next
    /// to each other. 8 bytes a cell, the peak of a report's memory with its aggregates.
    fn sorted(&self) -> Vec<(u32, u32)> {
        let groups = self.groups();
        let cells = self.cells.items();
        let mut order: Vec<(u32, u32)> = (0u32..)
            .zip(cells)
            .map(|(i, c)| (groups.of(c.person), i))
            .collect();
        let period = |i: u32| cells[i as usize].period;
        order.sort_unstable_by(|a, b| {
            let key = |g: u32| groups.key(g);
            key(a.0)
                .cmp(key(b.0))
                .then(a.0.cmp(&b.0))
                .then(period(a.1).cmp(&period(b.1)))
        });
        order
    }

    /// The rows of `sorted` cells: (group, period, tally), the tallies of one person's
    /// spellings in one period added up. Made as they are read, so that only the sorted list
    /// is added to the aggregates' memory.
    fn rows<'c>(
        cells: &'c [Cell],
        sorted: &'c [(u32, u32)],
    ) -> impl Iterator<Item = (u32, Period, Tally)> + 'c {
        let cell = |i: u32| &cells[i as usize];
        sorted
            .chunk_by(move |a, b| a.0 == b.0 && cell(a.1).period == cell(b.1).period)
            .map(move |run| {
                let (group, first) = (run[0].0, cell(run[0].1));
                let mut tally = first.tally.clone();
                for &(_, i) in &run[1..] {
                    tally.absorb(&cell(i).tally);
                }
                (group, first.period, tally)
            })
    }

    /// Every person's figures, sorted by name key: the rows `write` prints.
    pub fn persons(&self) -> Vec<PersonFigures<'_>> {
        let groups = self.groups();
        let mut out: Vec<PersonFigures<'_>> = Vec::new();
        let mut last = None;
        let sorted = self.sorted();
        for (group, period, tally) in Report::rows(self.cells.items(), &sorted) {
            let figures = (period, tally.figures());
            match out.last_mut() {
                Some(p) if last == Some(group) => p.periods.push(figures),
                _ => out.push(PersonFigures {
                    name: groups.name(group),
                    key: groups.key(group),
                    periods: vec![figures],
                }),
            }
            last = Some(group);
        }
        out
    }

    /// The rows, sorted by person (name key) then period. `compact` leaves out the source-type
    /// columns that are zero in every row: for the terminal table, which a person reads.
    pub fn write(&self, writer: &mut dyn output::Writer, compact: bool) -> std::io::Result<()> {
        // Figures are worked out a row at a time, as written: the sorted list of cells is all
        // that is added to the aggregates' memory.
        let cells = self.sorted();
        let items = self.cells.items();
        let groups = self.groups();
        let mut shown = [!compact; SourceType::ALL.len()];
        for cell in items {
            for (s, n) in shown.iter_mut().zip(cell.tally.by_source_type) {
                *s |= n > 0;
            }
        }
        writer.header(&Report::columns(shown))?;
        let mut period = String::new();
        let fixed4 = |units: Option<i64>| {
            units.map_or(Value::Null, |units| Value::Decimal { units, places: 4 })
        };
        // With --fill, every period from the first to the last of any person's, for each person.
        let range = self
            .fill
            .then(|| {
                let all = items.iter().map(|c| c.period);
                all.clone().min().zip(all.max())
            })
            .flatten();
        let filled = range.map_or_else(Vec::new, |(first, last)| every_period(first, last));
        let empty = Tally::default();
        for person in cells.chunk_by(|a, b| a.0 == b.0) {
            let name = groups.name(person[0].0);
            // One person's rows: a few periods, not the whole report.
            let own: Vec<(Period, Tally)> = Report::rows(items, person)
                .map(|(_, p, t)| (p, t))
                .collect();
            let mut own_rows = own.iter().peekable();
            let rows: Box<dyn Iterator<Item = (Period, &Tally)>> = if filled.is_empty() {
                Box::new(own.iter().map(|(p, t)| (*p, t)))
            } else {
                Box::new(
                    filled
                        .iter()
                        .map(|&p| match own_rows.next_if(|(at, _)| *at == p) {
                            Some((_, t)) => (p, t),
                            None => (p, &empty),
                        }),
                )
            };
            for (key, tally) in rows {
                use std::fmt::Write as _;
                period.clear();
                let _ = write!(period, "{key}");
                let f = tally.figures();
                writer.field(Value::Text(name))?;
                writer.field(Value::Text(&period))?;
                writer.field(Value::Int(f.claims as i64))?;
                for (n, _) in f.by_source_type.iter().zip(shown).filter(|(_, s)| *s) {
                    writer.field(Value::Int(*n as i64))?;
                }
                writer.field(Value::Int(f.on_record as i64))?;
                writer.field(Value::Int(f.rumor as i64))?;
                writer.field(fixed4(f.rumor_share))?;
                writer.field(fixed4(f.tone_on_record))?;
                writer.field(fixed4(f.tone_rumor))?;
                writer.field(fixed4(f.tone_gap))?;
                writer.end_row()?;
            }
        }
        Ok(())
    }
}

/// The report's first columns: the group and its size.
const GROUP_COLUMNS: [&str; 3] = ["person", "period", "claims"];
/// The report's last columns, after the counts per source type.
const STANDING_COLUMNS: [&str; 6] = [
    "on_record",
    "rumor",
    "rumor_share",
    "tone_on_record",
    "tone_rumor",
    "tone_gap",
];

/// The columns the terminal table shows without `--wide` or `--columns`: they fit 80 columns.
fn key_columns() -> Vec<String> {
    GROUP_COLUMNS
        .iter()
        .chain(&STANDING_COLUMNS)
        .map(|c| c.to_string())
        .collect()
}

pub fn run(args: &ReportArgs) -> Result<()> {
    // A partial is written to `-o` whatever its name: no table format applies.
    let settings = if args.partial.partial {
        Settings::for_page(&args.common, None)?
    } else {
        Settings::from_args(&args.common)?
    };
    // A --columns name the report never writes is a usage error before any input is read.
    output::select::check(
        &settings.output.columns,
        &Report::columns([true; SourceType::ALL.len()]),
    )
    .map_err(|e| crate::error::Error::Usage(e.0))?;
    let judge = cmd::judge(
        &settings,
        Needs {
            stance: false,
            tone: true,
            stance_for_resolutions_only: false,
        },
    )?;
    if args.partial.partial || args.partial.state.is_some() {
        return run_partial(args, &settings, &judge);
    }
    let inputs = input::open(&settings.input)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let mut report = Report::new(args.by, args.fill, settings.filter.people.clone());
    cmd::read_claims(&settings, &judge, inputs, |_, _, claim, judgement| {
        add(&mut report, claim, judgement, &judge.cues);
        Ok(())
    })?;
    write(&report, &settings.output, sink, args.wide)
}

/// Counts one judged claim.
fn add(report: &mut Report, claim: &Claim<'_>, judgement: &Judgement, cues: &Cues) {
    report.add(
        claim.person,
        claim.date.date(),
        judgement.source_type,
        judgement.tone.map(|t| t.compound),
        cues,
    );
}

/// `report --partial` or `--state` (`crate::partial`).
fn run_partial(args: &ReportArgs, settings: &Settings, judge: &crate::judge::Judge) -> Result<()> {
    use crate::partial::run::{self as partial, Flags, Job};
    let table_only: Vec<&str> = [(args.fill, "--fill"), (args.wide, "--wide")]
        .into_iter()
        .filter_map(|(given, flag)| given.then_some(flag))
        .collect();
    partial::check_flags(&Flags {
        partial: args.partial.partial,
        state: args.partial.state.as_deref(),
        common: &args.common,
        table_only: &table_only,
    })?;
    let job = Job {
        command: crate::partial::Command::Report,
        settings,
        header: partial::header_settings(settings, Some(args.by), None)?,
        partial: args.partial.partial,
        state: args.partial.state.as_deref(),
    };
    let sink = Sink::open(settings.output.path.as_deref())?;
    let new = || Report::new(args.by, args.fill, settings.filter.people.clone());
    let found = partial::run(&job, judge, sink, &new, &add, &|_| Ok(()))?;
    match found {
        Some((report, _, sink)) => write(&report, &settings.output, sink, args.wide),
        None => Ok(()),
    }
}

/// Writes the report's table to `sink`, as `output` says: in the terminal table, the key
/// columns unless `wide`.
pub fn write(report: &Report, output: &OutputSettings, sink: Sink, wide: bool) -> Result<()> {
    let table = output.format == output::Format::Table;
    let mut writer = output::writer(output, sink, "report")?;
    if table && !wide && output.columns.is_empty() {
        // A person at a terminal reads the key columns; the counts per type need --wide.
        writer = Box::new(output::select::Select::new(writer, key_columns()));
    }
    // Explicitly chosen columns are there even when zero in every row.
    report.write(writer.as_mut(), table && output.columns.is_empty())?;
    writer.finish()?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_80_bytes() {
        // A million cells are most of a large report's memory (issue 12: 256 bytes a key).
        assert_eq!(std::mem::size_of::<Cell>(), 80);
    }

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
