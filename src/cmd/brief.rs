//! `claimtrack brief`: the nightly brief, one self-contained HTML page of charts.
//!
//! One pass over the rows feeds both aggregations the other commands print: `report`'s per
//! person and period, and the rumor lifecycle behind `topics` and `outlets`. This module only
//! picks what the page shows (the most-claimed persons, their topics, the busiest outlets, the
//! periods, zero-filled) and hands it to `output::brief`, which draws and lays it out.

use std::io::Write as _;

use chrono::{Duration, NaiveDate};

use crate::cli::BriefArgs;
use crate::cmd::report::{Figures, Report};
use crate::cmd::topics::{read_lifecycle_and, rules};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::judge::Needs;
use crate::lifecycle::{Lifecycle, OutletRow, Status};
use crate::name;
use crate::output::Sink;
use crate::output::brief::{self, Brief, Headline, PersonSeries, TopicBar};
use crate::period::{By, Period};
use crate::source_type::Standing;

/// At most this many periods are charted (the latest): ten years of months, two of weeks. More
/// would make each person's tables longer than anyone reads, and the page heavier.
const MAX_PERIODS: usize = 120;
/// At most this many topics on the timeline: one readable chart.
const MAX_TIMELINE: usize = 40;

/// The extensions `-o` may have (or none): the page is HTML whatever the name says.
const EXTENSIONS: [&str; 2] = ["html", "htm"];

/// `color_given`: the global `--color` was on the command line.
pub fn run(args: &BriefArgs, color_given: bool) -> Result<()> {
    refuse_table_options(args, color_given)?;
    let settings = Settings::for_page(&args.common, args.lifecycle.as_of)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let mut report = Report::new(args.by, false, settings.filter.people.clone());
    // The first and last day of the kept rows: the charts' periods run between them.
    let mut days: Option<(NaiveDate, NaiveDate)> = None;
    // The page is as of that date: a row dated after it is left out (counted, and said).
    let given_as_of = args.lifecycle.as_of;
    let mut after_as_of: u64 = 0;
    let (lifecycle, summary) = read_lifecycle_and(
        &settings,
        rules(&args.lifecycle),
        true,
        // The page shows statuses, not the counts of rumor-tier confirmations and
        // no-comments: stance is needed only where a status can hinge on it.
        Needs {
            stance: true,
            tone: true,
            stance_for_resolutions_only: true,
        },
        |claim, judgement, cues| {
            let day = claim.date.date();
            if given_as_of.is_some_and(|as_of| day > as_of) {
                after_as_of += 1;
                return None;
            }
            days = Some(days.map_or((day, day), |(a, b)| (a.min(day), b.max(day))));
            // The lifecycle finds the person by the report's spelling id.
            Some(Some(report.add(
                claim.person,
                day,
                judgement.source_type,
                judgement.tone.map(|t| t.compound),
                cues,
            )))
        },
    )?;
    if let (Some(as_of), 1..) = (given_as_of, after_as_of) {
        crate::log::warning(&format!(
            "{} {} dated after the as-of date {} {} left out of the page",
            crate::output::printable::thousands(after_as_of),
            if after_as_of == 1 { "row" } else { "rows" },
            as_of.format("%Y-%m-%d"),
            if after_as_of == 1 { "is" } else { "are" }
        ));
    }
    let page = brief::page(&assemble(args, &report, &lifecycle, days, summary.rejected))?;
    let mut sink = sink;
    sink.write_all(page.as_bytes())?;
    sink.commit()
}

/// The table formats' options, which the HTML page has no use for, and an `-o` name that
/// says another format: usage errors rather than silently ignored.
fn refuse_table_options(args: &BriefArgs, color_given: bool) -> Result<()> {
    let output = &args.common.output;
    if output.format.is_some() {
        return Err(Error::Usage(
            "brief writes one HTML page: leave out --format (and name the file with -o)"
                .to_string(),
        ));
    }
    let given: Vec<&str> = [
        (!output.select.is_empty(), "--columns"),
        (output.bom, "--bom"),
        (output.output_delimiter.is_some(), "--output-delimiter"),
        (output.escape_formulas, "--escape-formulas"),
        (color_given, "--color"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    if !given.is_empty() {
        return Err(Error::Usage(format!(
            "{} {} not apply to the HTML page brief writes: leave {} out",
            given.join(", "),
            if given.len() == 1 { "does" } else { "do" },
            if given.len() == 1 { "it" } else { "them" },
        )));
    }
    let Some(path) = output.output.as_deref().filter(|p| p.as_os_str() != "-") else {
        return Ok(());
    };
    if let Some(ext) = path.extension() {
        let ext = ext.to_string_lossy();
        if !EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)) {
            return Err(Error::Usage(format!(
                "brief writes an HTML page: name the -o file .html or .htm, not .{ext} ({})",
                path.display()
            )));
        }
    }
    Ok(())
}

fn assemble<'l>(
    args: &BriefArgs,
    report: &Report,
    lifecycle: &'l Lifecycle,
    days: Option<(NaiveDate, NaiveDate)>,
    rejected: u64,
) -> Brief<'l> {
    let as_of = lifecycle.as_of();
    let all_periods = periods(args.by, days, as_of);
    let left_out = all_periods.len().saturating_sub(MAX_PERIODS);
    let periods = &all_periods[left_out..];

    let mut persons: Vec<_> = report.persons();
    let total = |p: &crate::cmd::report::PersonFigures<'_>| {
        p.periods.iter().map(|(_, f)| f.claims).sum::<u64>()
    };
    let mut headline = Headline {
        people: persons.len(),
        rejected,
        ..Headline::default()
    };
    for (_, f) in persons.iter().flat_map(|p| &p.periods) {
        headline.claims += f.claims;
        headline.on_record += f.on_record;
    }
    headline.on_record_share =
        crate::decimal::ratio(headline.on_record as i64, headline.claims as i64, 4);
    persons.sort_by(|a, b| total(b).cmp(&total(a)).then_with(|| a.key.cmp(b.key)));
    persons.truncate(usize::from(args.top));
    let shown_keys: Vec<&str> = persons.iter().map(|p| p.key).collect();
    let persons: Vec<PersonSeries> = persons
        .iter()
        .map(|p| PersonSeries {
            name: p.name.to_string(),
            claims: total(p),
            cells: zero_filled(periods, &p.periods),
        })
        .collect();

    let topics = lifecycle.topics();
    let last_period = as_of.map(|d| args.by.period(d));
    headline.last_period = last_period.map_or("the last period".to_string(), |p| p.to_string());
    let mut bars = Vec::new();
    let topics: Vec<_> = topics.collect();
    // Topics come sorted by person: a person's rank among the charted ones is worked out once
    // for the run of their topics, with one key, not a key per topic and charted person.
    let mut ranked: Option<(&str, Option<usize>)> = None;
    for t in &topics {
        if matches!(t.status, Status::Rumor | Status::Unresolved) {
            headline.open_rumors += 1;
        }
        let (Some(first_rumor), Some(as_of)) = (t.first_rumor_on, as_of) else {
            continue;
        };
        // Only a story that started as a rumor: not one announced or denied on the record
        // first and rumored about after.
        let started_as_rumor = t.resolved_on.is_none_or(|on| on >= first_rumor)
            && !matches!(t.status, Status::Announced | Status::Unknown);
        let resolved_now = t
            .resolved_on
            .is_some_and(|on| Some(args.by.period(on)) == last_period);
        if resolved_now && started_as_rumor {
            match t.status {
                Status::Confirmed => headline.resolved_confirmed += 1,
                Status::Denied => headline.resolved_denied += 1,
                Status::Disputed => headline.resolved_disputed += 1,
                _ => {}
            }
        }
        let rank = match ranked {
            Some((person, rank)) if person == t.person => rank,
            _ => {
                let key = name::key(t.person);
                let rank = shown_keys.iter().position(|k| *k == key);
                ranked = Some((t.person, rank));
                rank
            }
        };
        let (Some(rank), true) = (rank, started_as_rumor) else {
            continue;
        };
        let days = match (t.days_to_resolution, t.resolved_on) {
            (Some(days), Some(_)) => days,
            _ => (as_of - first_rumor).num_days().max(0),
        };
        bars.push((
            rank,
            t.last_seen,
            TopicBar {
                person: t.person.to_string(),
                topic: t.topic.to_string(),
                status: t.status,
                first_rumor,
                resolved_on: t.resolved_on,
                days,
                first_rumor_outlet: t.first_rumor_outlet.to_string(),
            },
        ));
    }
    // The most recently active topics; shown by person (in the order above), then first rumor.
    bars.sort_by_key(|b| std::cmp::Reverse(b.1));
    let timeline_left_out = bars.len().saturating_sub(MAX_TIMELINE);
    bars.truncate(MAX_TIMELINE);
    bars.sort_by(|a, b| {
        (a.0, a.2.first_rumor, &a.2.topic).cmp(&(b.0, b.2.first_rumor, &b.2.topic))
    });

    let mut outlets: Vec<OutletRow> = lifecycle.outlets().collect();
    let outlets_total = outlets.len();
    // Sorted by name already: a stable sort keeps that order among equals.
    outlets.sort_by_key(|o| std::cmp::Reverse(o.rumor_topics));
    outlets.truncate(usize::from(args.top));

    Brief {
        inputs: inputs(args),
        filters: filters(args),
        by: by_words(args.by).0,
        per: by_words(args.by).1,
        as_of,
        headline,
        periods: periods.iter().map(Period::to_string).collect(),
        periods_left_out: left_out,
        persons,
        timeline: bars.into_iter().map(|(_, _, bar)| bar).collect(),
        timeline_left_out,
        outlets,
        outlets_total,
    }
}

/// Every period from the first kept day's to the last's (or the as-of date's, if later), in
/// order: the periods without claims too, so the charts show them as 0.
fn periods(by: By, days: Option<(NaiveDate, NaiveDate)>, as_of: Option<NaiveDate>) -> Vec<Period> {
    let Some((first, last)) = days else {
        return Vec::new();
    };
    let last = last.max(as_of.unwrap_or(last));
    let mut periods: Vec<Period> = Vec::new();
    let mut day = first;
    while day <= last {
        let period = by.period(day);
        if periods.last() != Some(&period) {
            periods.push(period);
        }
        day += Duration::days(1);
    }
    periods
}

/// A person's figures for each of `periods`; zero where the person had no claim.
fn zero_filled(periods: &[Period], figures: &[(Period, Figures)]) -> Vec<Figures> {
    periods
        .iter()
        .map(|p| match figures.binary_search_by(|(q, _)| q.cmp(p)) {
            Ok(i) => figures[i].1,
            Err(_) => Figures::default(),
        })
        .collect()
}

/// How the page names its period: in the line under the title, and after a chart's subject.
fn by_words(by: By) -> (&'static str, &'static str) {
    match by {
        By::Day => ("by day", "per day"),
        By::Week => ("by week", "per week"),
        By::Month => ("by month", "per month"),
        By::Quarter => ("by quarter", "per quarter"),
        By::Year => ("by year", "per year"),
        By::All => ("the whole range as one period", "over the whole range"),
    }
}

fn inputs(args: &BriefArgs) -> Vec<String> {
    if args.common.files.is_empty() {
        return vec!["stdin".to_string()];
    }
    let name = |p: &std::path::PathBuf| match p.to_str() {
        Some("-") => "stdin".to_string(),
        _ => p.display().to_string(),
    };
    args.common.files.iter().map(name).collect()
}

/// The filters as typed, for the page's header.
fn filters(args: &BriefArgs) -> Vec<String> {
    let f = &args.common.filter;
    let mut out = Vec::new();
    out.extend(f.person.iter().map(|p| format!("--person {p:?}")));
    out.extend(f.outlet.iter().map(|o| format!("--outlet {o:?}")));
    if !f.source_type.is_empty() {
        let types: Vec<&str> = f.source_type.iter().map(|t| t.as_str()).collect();
        out.push(format!("--source-type {}", types.join(",")));
    }
    if !f.standing.is_empty() {
        let standings: Vec<&str> = f.standing.iter().map(|s: &Standing| s.as_str()).collect();
        out.push(format!("--standing {}", standings.join(",")));
    }
    // As given (`2022-02`, `7d`): the page says what was asked.
    out.extend(f.since.as_ref().map(|d| format!("--since {d}")));
    out.extend(f.until.as_ref().map(|d| format!("--until {d}")));
    out
}
