use std::process::ExitCode;

use clap::Parser;

use claimtrack::cli::{Cli, Command};
use claimtrack::cmd;
use claimtrack::error::exit;

fn main() -> ExitCode {
    claimtrack::input::predictable_allocation();
    let cli = Cli::parse();
    claimtrack::log::set_command(cli.command.name());
    claimtrack::color::set(cli.color);
    let result = match &cli.command {
        Command::Label(args) => cmd::label::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Topics(args) => cmd::topics::run(args),
        Command::Outlets(args) => cmd::outlets::run(args),
        Command::Cues(args) => cmd::cues::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Brief(args) => cmd::brief::run(args),
        Command::Merge(args) => cmd::merge::run(args),
        Command::Completions(args) => cmd::shell::completions(args),
        Command::Man => cmd::shell::man(),
    };
    match result {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            eprintln!("claimtrack: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
