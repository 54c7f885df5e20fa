//! `claimtrack topics`: each topic's story, from first rumor to on-record resolution.

use chrono::NaiveDate;

use crate::cli::{LifecycleArgs, TopicsArgs};
use crate::cmd;
use crate::config::Settings;
use crate::error::Result;
use crate::input;
use crate::judge::Needs;
use crate::lifecycle::{Lifecycle, Rules};
use crate::output::{self, Sink, Value};

pub const COLUMNS: [&str; 15] = [
    "person",
    "topic",
    "status",
    "first_seen",
    "first_rumor_outlet",
    "resolved_on",
    "resolved_by",
    "resolution_source_type",
    "days_to_resolution",
    "rumor_rows",
    "on_record_rows",
    "anonymous_confirms",
    "no_comments",
    "reversal",
    "last_seen",
];

/// The lifecycle rules from the command line.
pub fn rules(args: &LifecycleArgs) -> Rules {
    let mut rules = Rules {
        unresolved_after_days: i64::from(args.unresolved_after),
        as_of: args.as_of,
        ..Rules::default()
    };
    if !args.resolve_by.is_empty() {
        rules.resolve_by = args.resolve_by.clone();
    }
    rules
}

/// Reads every claim into a lifecycle: shared by `topics` and `outlets`.
/// `scorecard` keeps what the outlet scorecard needs, see `Lifecycle::new`.
pub fn read_lifecycle(settings: &Settings, rules: Rules, scorecard: bool) -> Result<Lifecycle> {
    let judge = cmd::judge(
        settings,
        Needs {
            stance: true,
            tone: false,
        },
    )?;
    let inputs = input::open(&settings.input)?;
    let mut lifecycle = Lifecycle::new(rules, scorecard);
    let summary = cmd::read_claims(settings, &judge, inputs, |_, _, claim, judgement| {
        lifecycle.add(claim, judgement, &judge.cues);
        Ok(())
    })?;
    lifecycle.regroup(&settings.filter.people);
    lifecycle.include_latest(summary.latest);
    Ok(lifecycle)
}

pub fn run(args: &TopicsArgs) -> Result<()> {
    let settings = Settings::with_as_of(&args.common, args.lifecycle.as_of)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let lifecycle = read_lifecycle(&settings, rules(&args.lifecycle), false)?;
    let rows = lifecycle.topics();
    let days: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            [
                day(Some(r.first_seen)),
                day(r.resolved_on),
                day(Some(r.last_seen)),
                String::new(),
            ]
        })
        .collect();
    let mut writer = output::writer(settings.output.format, sink);
    output::write_table(
        writer.as_mut(),
        &COLUMNS,
        rows.iter().zip(&days).map(|(r, d)| {
            vec![
                Value::Text(&r.person),
                Value::Text(&r.topic),
                Value::Text(r.status.as_str()),
                Value::Text(&d[0]),
                Value::Text(&r.first_rumor_outlet),
                text_or_null(&d[1]),
                text_or_null(&r.resolved_by),
                r.resolution_source_type
                    .map_or(Value::Null, |t| Value::Text(t.as_str())),
                r.days_to_resolution.map_or(Value::Null, Value::Int),
                Value::Int(r.rumor_rows as i64),
                Value::Int(r.on_record_rows as i64),
                Value::Int(r.anonymous_confirms as i64),
                Value::Int(r.no_comments as i64),
                Value::Text(if r.reversal { "yes" } else { "no" }),
                Value::Text(&d[2]),
            ]
        }),
    )?;
    writer.finish()?.commit()
}

fn day(date: Option<NaiveDate>) -> String {
    date.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string())
}

/// Empty text is "no value": `null` in JSON, an empty cell elsewhere.
fn text_or_null(text: &str) -> Value<'_> {
    if text.is_empty() {
        Value::Null
    } else {
        Value::Text(text)
    }
}
