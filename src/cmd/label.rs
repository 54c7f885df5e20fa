//! `claimtrack label`: every input row, in input order, with its judgement appended.

use std::fmt::Write as _;

use crate::cli::LabelArgs;
use crate::cmd;
use crate::config::Settings;
use crate::decimal;
use crate::error::{Error, Result};
use crate::input;
use crate::judge::{Needs, attribution};
use crate::message;
use crate::output::{self, Sink, Value};
use crate::tone::Tone;

/// The columns `label` appends, in order. Scripts depend on these names.
pub const APPENDED: [&str; 9] = [
    "source_type",
    "standing",
    "source_cue",
    "stance",
    "tone",
    "tone_pos",
    "tone_neu",
    "tone_neg",
    "tone_label",
];

/// The columns `label --explain` appends after `APPENDED`.
pub const EXPLAINED: [&str; 5] = [
    "source_phrase",
    "source_kind",
    "source_verb",
    "found_in",
    "decided_by",
];

/// The input's column names as `label` writes them. An input column named like an appended one
/// (a `stance` or `source_type` given by an analyst, or a file that `label` wrote before) keeps
/// its place and values as `given_<name>`: otherwise the output would have two columns of one
/// name, and JSON objects, `xsv select` and spreadsheets would each keep only one of them.
fn output_names(headers: &[String]) -> Vec<String> {
    let clashes = |name: &str, own: usize| {
        APPENDED
            .iter()
            .chain(&EXPLAINED)
            .any(|a| a.eq_ignore_ascii_case(name))
            || headers
                .iter()
                .enumerate()
                .any(|(i, h)| i != own && h.trim().eq_ignore_ascii_case(name))
    };
    headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let name = header.trim();
            if !APPENDED
                .iter()
                .chain(&EXPLAINED)
                .any(|a| a.eq_ignore_ascii_case(name))
            {
                return header.clone();
            }
            let mut renamed = format!("given_{name}");
            while clashes(&renamed, i) {
                renamed.insert_str(0, "given_");
            }
            renamed
        })
        .collect()
}

pub fn run(args: &LabelArgs) -> Result<()> {
    let settings = Settings::from_args(&args.common)?;
    let judge = cmd::judge(&settings, Needs::ALL)?;
    let (sources, readers) = input::open(&settings.input)?;

    // Later files may order their columns differently; write them in the first file's order.
    let Some(first_source) = sources.first() else {
        return Err(Error::Usage("no input".to_string()));
    };
    let first = &first_source.columns;
    let mut orders = Vec::with_capacity(sources.len());
    for source in &sources {
        orders.push(source.columns.align_to(first).ok_or_else(|| Error::File {
            path: source.name.clone(),
            message: format!(
                "its columns ({}) are not those of {} ({}); label writes one table, so label these files separately",
                message::list(&source.columns.headers),
                first_source.name,
                message::list(&first.headers)
            ),
        })?);
    }

    // Rows stream out as they are judged; under --strict, stdout is held back until the run
    // is known to have rejected nothing, so a failed run writes no rows anywhere.
    let mut writer = output::writer(
        &settings.output,
        Sink::open_held(settings.output.path.as_deref(), settings.strict)?,
        "label",
    )?;
    let input_columns = output_names(&first.headers);
    let mut columns: Vec<&str> = input_columns.iter().map(String::as_str).collect();
    columns.extend(APPENDED);
    if args.explain {
        columns.extend(EXPLAINED);
    }
    writer.header(&columns)?;

    let mut cue = String::new();
    let mut verb = String::new();
    let mut scratch = attribution::Scratch::default();
    cmd::read_claims(
        &settings,
        &judge,
        (sources, readers),
        |source, record, claim, judgement| {
            for &i in &orders[source] {
                let text = record.get(i).unwrap_or("");
                writer.field(Value::Text(text))?;
            }
            cue.clear();
            let _ = write!(cue, "{}", judgement.source_cue.display(&judge.cues));
            let score = |x: fn(&Tone) -> f64, places| {
                judgement
                    .tone
                    .as_ref()
                    .map_or(Value::Null, |t| Value::Decimal {
                        units: decimal::units(x(t), places),
                        places,
                    })
            };
            for value in [
                Value::Text(judgement.source_type.as_str()),
                Value::Text(judgement.standing().as_str()),
                Value::Text(&cue),
                judgement
                    .stance
                    .map_or(Value::Null, |s| Value::Text(s.as_str())),
                score(|t| t.compound, 4),
                score(|t| t.pos, 3),
                score(|t| t.neu, 3),
                score(|t| t.neg, 3),
                judgement
                    .tone
                    .map_or(Value::Null, |t| Value::Text(t.label())),
            ] {
                writer.field(value)?;
            }
            if args.explain {
                // Parsed again for the few runs that ask: the pipeline keeps no phrases.
                let found = attribution::attribution(&judge.cues, claim, &mut scratch);
                let (_, _, rule) = attribution::decide(&found);
                verb.clear();
                if let Some(v) = found.verb {
                    verb.push_str(judge.cues.phrase(v));
                }
                let given = judgement.source_cue == attribution::SourceCue::Given;
                for value in [
                    found.speaker.phrase,
                    found.speaker.kind.as_str(),
                    &verb,
                    found.found_in.as_str(),
                    if given {
                        "given in source_type column"
                    } else {
                        rule
                    },
                ] {
                    writer.field(Value::Text(value))?;
                }
            }
            writer.end_row()?;
            Ok(())
        },
    )?;
    writer.finish()?.commit()
}

#[cfg(test)]
mod tests {
    use super::output_names;

    fn names(headers: &[&str]) -> Vec<String> {
        output_names(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn input_columns_named_like_appended_ones_are_renamed_once() {
        assert_eq!(
            names(&["date", " Stance ", "claim", "tone_label"]),
            ["date", "given_Stance", "claim", "given_tone_label"]
        );
        // Never onto another input column's name.
        assert_eq!(
            names(&["stance", "given_stance"]),
            ["given_given_stance", "given_stance"]
        );
        assert_eq!(names(&["date", "person"]), ["date", "person"]);
    }
}
