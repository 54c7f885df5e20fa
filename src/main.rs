use std::process::ExitCode;

use clap::FromArgMatches;

use claimtrack::cli::{Cli, Command};
use claimtrack::cmd;
use claimtrack::error::exit;

/// Out of memory is a message and exit 1, not an abort (`claimtrack::alloc`).
#[global_allocator]
static ALLOCATOR: claimtrack::alloc::Guarded = claimtrack::alloc::Guarded;

fn main() -> ExitCode {
    claimtrack::input::predictable_allocation();
    let matches = claimtrack::cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // `--color` is global; only brief, which writes no table, refuses it (given, not defaulted).
    let color_given = matches.value_source("color") == Some(clap::parser::ValueSource::CommandLine);
    claimtrack::log::set_command(cli.command.name());
    claimtrack::color::set(cli.color);
    let result = match &cli.command {
        Command::Label(args) => cmd::label::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Topics(args) => cmd::topics::run(args),
        Command::Outlets(args) => cmd::outlets::run(args),
        Command::Cues(args) => cmd::cues::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Brief(args) => cmd::brief::run(args, color_given),
        Command::Merge(args) => cmd::merge::run(args),
        Command::Completions(args) => cmd::shell::completions(args),
        Command::Man => cmd::shell::man(),
    };
    match result {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            claimtrack::log::error(&e.to_string());
            ExitCode::from(e.exit_code())
        }
    }
}
