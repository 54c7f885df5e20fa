//! `claimtrack topics`: each topic's story, from first rumor to on-record resolution.

use chrono::NaiveDate;

use crate::claim::Claim;
use crate::cli::{CommonArgs, LifecycleArgs, PartialArgs, TopicsArgs};
use crate::cmd;
use crate::config::{OutputSettings, Settings};
use crate::cues::Cues;
use crate::error::{Error, Result};
use crate::input::{self, Field, Source};
use crate::judge::{Judgement, Needs};
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
        unresolved_after_days: i64::from(args.unresolved_after.unwrap_or(90)),
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
    let needs = Needs {
        stance: true,
        tone: false,
        stance_for_resolutions_only: false,
    };
    let (lifecycle, _) =
        read_lifecycle_and(settings, rules, scorecard, needs, |_, _, _| Some(None))?;
    Ok(lifecycle)
}

/// `read_lifecycle`, judging what `needs` says (stance at least), and handing each claim to
/// `also` as well (with the cues in use, which key names): for a command that aggregates more
/// than the lifecycle in the same pass (`brief`). `also` may give the id of the person's
/// spelling in its own `Persons` (`Lifecycle::add_as`: `Some(Some(id))`), or `None` to leave
/// the row out of the lifecycle too. Returns the run's summary too.
pub fn read_lifecycle_and(
    settings: &Settings,
    rules: Rules,
    scorecard: bool,
    needs: Needs,
    mut also: impl FnMut(&Claim<'_>, &Judgement, &Cues) -> Option<Option<u32>>,
) -> Result<(Lifecycle, cmd::Summary)> {
    let needs = Needs {
        stance: true,
        ..needs
    };
    let judge = cmd::judge(settings, needs)?;
    let inputs = input::open(&settings.input)?;
    check_columns(settings, &inputs.0, scorecard)?;
    let mut lifecycle = Lifecycle::new(rules, scorecard);
    let summary = cmd::read_claims(settings, &judge, inputs, |_, _, claim, judgement| {
        // First `also`, which may give the person's spelling (`Lifecycle::add_as`), or leave
        // the row out (`None`: brief's rows after its as-of date).
        let Some(spelling) = also(claim, judgement, &judge.cues) else {
            return Ok(());
        };
        lifecycle.add_as(claim, judgement, &judge.cues, spelling);
        Ok(())
    })?;
    lifecycle.regroup(&settings.filter.people);
    lifecycle.include_latest(summary.latest);
    Ok((lifecycle, summary))
}

/// Without a topic column there is no story to follow (and without an outlet column, no
/// outlet to score): says so rather than print an empty table without a word why (under
/// `--strict`, fails).
fn check_columns(settings: &Settings, sources: &[Source], scorecard: bool) -> Result<()> {
    let mut needed = vec![Field::Topic];
    if scorecard {
        needed.push(Field::Outlet);
    }
    for source in sources {
        for &field in &needed {
            if source.columns.has(field) {
                continue;
            }
            let name = field.name();
            let message = format!(
                "no `{name}` column, so its rows {}; name the column that holds it with \
                 --column {name}=HEADER",
                if field == Field::Topic {
                    "belong to no topic"
                } else {
                    "count for no outlet"
                }
            );
            if settings.strict {
                return Err(Error::File {
                    path: source.name.clone(),
                    message: format!("{message} (--strict)"),
                });
            }
            crate::log::warning(&format!("{}: {message}", source.name));
        }
    }
    Ok(())
}

/// `topics` or `outlets` (with `scorecard`) with `--partial` or `--state` (`crate::partial`):
/// `None` when the partial is written, else the lifecycle of all rows, grouped, and the sink
/// for its table.
pub fn read_partial(
    command: crate::partial::Command,
    settings: &Settings,
    lifecycle: &LifecycleArgs,
    flags: &PartialArgs,
    common: &CommonArgs,
    scorecard: bool,
) -> Result<Option<(Lifecycle, Sink)>> {
    use crate::partial::run::{self as partial, Flags, Job};
    // The lifecycle rules that judge the table, not the rows: `merge` applies them. --as-of
    // also anchors a relative --since or --until, and is taken for that.
    let anchors = partial::has_relative_bound(common, &settings.input.dates);
    let table_only: Vec<&str> = [
        (lifecycle.as_of.is_some() && !anchors, "--as-of"),
        (lifecycle.unresolved_after.is_some(), "--unresolved-after"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    partial::check_flags(&Flags {
        partial: flags.partial,
        state: flags.state.as_deref(),
        common,
        table_only: &table_only,
    })?;
    let rules = rules(lifecycle);
    let job = Job {
        command,
        settings,
        header: partial::header_settings(settings, None, Some(&rules.resolve_by))?,
        partial: flags.partial,
        state: flags.state.as_deref(),
    };
    let needs = Needs {
        stance: true,
        tone: false,
        stance_for_resolutions_only: false,
    };
    let judge = cmd::judge(settings, needs)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let new = || Lifecycle::new(rules.clone(), scorecard);
    let add = |l: &mut Lifecycle, claim: &Claim<'_>, judgement: &Judgement, cues: &Cues| {
        l.add(claim, judgement, cues);
    };
    let check = |sources: &[Source]| check_columns(settings, sources, scorecard);
    let Some((mut lifecycle, summary, sink)) =
        partial::run(&job, &judge, sink, &new, &add, &check)?
    else {
        return Ok(None);
    };
    lifecycle.regroup(&settings.filter.people);
    lifecycle.include_latest(summary.latest);
    Ok(Some((lifecycle, sink)))
}

pub fn run(args: &TopicsArgs) -> Result<()> {
    if args.partial.partial || args.partial.state.is_some() {
        // A partial is written to `-o` whatever its name: no table format applies.
        let settings = if args.partial.partial {
            Settings::for_page(&args.common, args.lifecycle.as_of)?
        } else {
            Settings::with_as_of(&args.common, args.lifecycle.as_of)?
        };
        let found = read_partial(
            crate::partial::Command::Topics,
            &settings,
            &args.lifecycle,
            &args.partial,
            &args.common,
            false,
        )?;
        return match found {
            Some((lifecycle, sink)) => write(&lifecycle, &settings.output, sink),
            None => Ok(()),
        };
    }
    let settings = Settings::with_as_of(&args.common, args.lifecycle.as_of)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let lifecycle = read_lifecycle(&settings, rules(&args.lifecycle), false)?;
    write(&lifecycle, &settings.output, sink)
}

/// Writes the topics table of `lifecycle` (grouped) to `sink`.
pub fn write(lifecycle: &Lifecycle, output: &OutputSettings, sink: Sink) -> Result<()> {
    let mut writer = output::writer(output, sink, "topics")?;
    writer.header(&COLUMNS)?;
    // Row by row from the lifecycle: the output never holds every topic's row at once.
    let (mut first, mut resolved, mut last) = (String::new(), String::new(), String::new());
    for r in lifecycle.topics() {
        day_into(Some(r.first_seen), &mut first);
        day_into(r.resolved_on, &mut resolved);
        day_into(Some(r.last_seen), &mut last);
        for value in [
            Value::Text(r.person),
            Value::Text(r.topic),
            Value::Text(r.status.as_str()),
            Value::Text(&first),
            Value::Text(r.first_rumor_outlet),
            text_or_null(&resolved),
            text_or_null(r.resolved_by),
            r.resolution_source_type
                .map_or(Value::Null, |t| Value::Text(t.as_str())),
            r.days_to_resolution.map_or(Value::Null, Value::Int),
            Value::Int(r.rumor_rows as i64),
            Value::Int(r.on_record_rows as i64),
            Value::Int(r.anonymous_confirms as i64),
            Value::Int(r.no_comments as i64),
            Value::Text(if r.reversal { "yes" } else { "no" }),
            Value::Text(&last),
        ] {
            writer.field(value)?;
        }
        writer.end_row()?;
    }
    writer.finish()?.commit()
}

fn day_into(date: Option<NaiveDate>, out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    if let Some(d) = date {
        let _ = write!(out, "{}", d.format("%Y-%m-%d"));
    }
}

/// Empty text is "no value": `null` in JSON, an empty cell elsewhere.
fn text_or_null(text: &str) -> Value<'_> {
    if text.is_empty() {
        Value::Null
    } else {
        Value::Text(text)
    }
}
