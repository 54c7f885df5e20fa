//! `claimtrack cues`: the cue table in use, printable as a starting point for a `--cues` file.

use crate::cli::CuesArgs;
use crate::config;
use crate::cues::Cues;
use crate::error::Result;
use crate::output::{self, Sink, Value};
use crate::overwrite::{self, Named};

pub fn run(args: &CuesArgs) -> Result<()> {
    let settings = config::output_settings(&args.output)?;
    if let Some(path) = &args.cues {
        let input = [Named {
            role: "--cues",
            path,
        }];
        let output: Vec<Named> = settings
            .path
            .iter()
            .map(|path| Named { role: "-o", path })
            .collect();
        overwrite::check(&input, false, &output, settings.path.is_none())?;
    }
    let cues = match &args.cues {
        Some(path) => Cues::with_user_file(path)?,
        None => Cues::builtin()?,
    };
    let settings = config::output_settings(&args.output)?;
    let mut writer = output::writer(&settings, Sink::open(settings.path.as_deref())?, "cues")?;
    output::write_table(
        writer.as_mut(),
        &["kind", "phrase", "origin"],
        cues.entries().iter().map(|c| {
            vec![
                Value::Text(c.kind.as_str()),
                Value::Text(&c.phrase),
                Value::Text(&c.origin),
            ]
        }),
    )?;
    writer.finish()?.commit()
}
