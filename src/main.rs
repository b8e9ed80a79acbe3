//! The shell around the library: parse the command line, run, report errors in one line.

use std::process::ExitCode;

use clap::Parser;
use pilcrow::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    let outcome = match args.command {
        Some(Command::Index { input, json }) => cli::print_index(&input, json),
        Some(Command::Synth { bytes, seed }) => cli::print_synth(bytes, seed),
        None => cli::print_index(&args.input, false),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pilcrow: {error}");
            ExitCode::FAILURE
        }
    }
}
