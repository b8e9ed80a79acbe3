//! The shell around the library: parse the command line, run, report errors in one line.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use pilcrow::app::App;
use pilcrow::app::run::run;
use pilcrow::cli::{self, Cli, Command, InputArgs};
use pilcrow::ui::theme::Theme;

/// Opens the reader; with no terminal to draw on, prints the text as a pager would.
fn read(input: &InputArgs) -> anyhow::Result<()> {
    let loaded = cli::load(input)?;
    if !std::io::stdout().is_terminal() {
        let mut out = std::io::stdout().lock();
        return match out.write_all(loaded.document.text().as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        };
    }
    run(App::new(loaded, Theme::from_env()))
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let outcome = match args.command {
        Some(Command::Index { input, json }) => cli::print_index(&input, json),
        Some(Command::Synth { bytes, seed }) => cli::print_synth(bytes, seed),
        None => read(&args.input),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pilcrow: {error}");
            ExitCode::FAILURE
        }
    }
}
