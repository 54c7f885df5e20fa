//! `claimtrack completions SHELL` and `claimtrack man`: the command line described for shells
//! (clap_complete) and for `man` (clap_mangen), generated from the same definition as `--help`
//! so they never fall behind it.

use std::io::Write;

use crate::cli::CompletionsArgs;
use crate::error::Result;

pub fn completions(args: &CompletionsArgs) -> Result<()> {
    // Into memory first: clap_complete panics when its writer fails (`| head`).
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut crate::cli::command(),
        "claimtrack",
        &mut script,
    );
    print(&script)
}

pub fn man() -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(crate::cli::command()).render(&mut page)?;
    print(&page)
}

/// Writes to stdout; a closed pipe is a quiet end, as for every command.
fn print(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush().map_err(crate::error::Error::from)
}
