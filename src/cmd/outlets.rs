//! `claimtrack outlets`: how each outlet's rumors turned out, and its reliance on unnamed sources.

use crate::cli::OutletsArgs;
use crate::cmd::topics::{read_lifecycle, rules};
use crate::config::{OutputSettings, Settings};
use crate::error::Result;
use crate::lifecycle::{Lifecycle, OutletRow};
use crate::output::{self, Sink, Value};

pub const COLUMNS: [&str; 11] = [
    "outlet",
    "rumor_topics",
    "confirmed",
    "denied",
    "disputed",
    "unresolved",
    "still_rumor",
    "confirm_rate",
    "median_days_to_confirmation",
    "first_reports",
    "anonymous_share",
];

pub fn run(args: &OutletsArgs) -> Result<()> {
    if args.partial.partial || args.partial.state.is_some() {
        // A partial is written to `-o` whatever its name: no table format applies.
        let settings = if args.partial.partial {
            Settings::for_page(&args.common, args.lifecycle.as_of)?
        } else {
            Settings::with_as_of(&args.common, args.lifecycle.as_of)?
        };
        let found = crate::cmd::topics::read_partial(
            crate::partial::Command::Outlets,
            &settings,
            &args.lifecycle,
            &args.partial,
            &args.common,
            true,
        )?;
        return match found {
            Some((lifecycle, sink)) => write(&lifecycle, &settings.output, sink),
            None => Ok(()),
        };
    }
    let settings = Settings::with_as_of(&args.common, args.lifecycle.as_of)?;
    let sink = Sink::open(settings.output.path.as_deref())?;
    let lifecycle = read_lifecycle(&settings, rules(&args.lifecycle), true)?;
    write(&lifecycle, &settings.output, sink)
}

/// Writes the outlets table of `lifecycle` (grouped, kept with its scorecard) to `sink`.
pub fn write(lifecycle: &Lifecycle, output: &OutputSettings, sink: Sink) -> Result<()> {
    let mut writer = output::writer(output, sink, "outlets")?;
    output::write_table(
        writer.as_mut(),
        &COLUMNS,
        lifecycle.outlets().map(|r| values(&r)),
    )?;
    writer.finish()?.commit()
}

/// An outlet's row as the cells of `COLUMNS`: for this command and `brief`'s table.
pub fn values<'a>(r: &OutletRow<'a>) -> Vec<Value<'a>> {
    vec![
        Value::Text(r.outlet),
        Value::Int(r.rumor_topics as i64),
        Value::Int(r.confirmed as i64),
        Value::Int(r.denied as i64),
        Value::Int(r.disputed as i64),
        Value::Int(r.unresolved as i64),
        Value::Int(r.still_rumor as i64),
        r.confirm_rate
            .map_or(Value::Null, |units| Value::Decimal { units, places: 4 }),
        r.median_days_to_confirmation.map_or(Value::Null, |tenths| {
            // Medians of day counts are whole or halves: print 46, or 26.5.
            if tenths % 10 == 0 {
                Value::Int(tenths / 10)
            } else {
                Value::Decimal {
                    units: tenths,
                    places: 1,
                }
            }
        }),
        Value::Int(r.first_reports as i64),
        Value::Decimal {
            units: r.anonymous_share,
            places: 4,
        },
    ]
}
