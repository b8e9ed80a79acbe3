//! The shell around the library: parse the command line, run, report errors in one line.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use pilcrow::app::App;
use pilcrow::app::run::{redeliver, run};
use pilcrow::cli::{self, Cli, Command, InputArgs};
use pilcrow::core::resume::{Store, content_key};
use pilcrow::core::sanitize::clean;
use pilcrow::ui::theme::Theme;

/// Opens the reader; with no terminal to draw on, prints the text as a pager would.
fn read(input: &InputArgs) -> anyhow::Result<()> {
    let on_terminal = std::io::stdout().is_terminal();
    let loaded = cli::open(input, on_terminal)?;
    if !on_terminal {
        let mut out = std::io::stdout().lock();
        return match out.write_all(loaded.document.text().as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        };
    }
    let store = if input.no_state {
        None
    } else {
        Store::from_env()
    };
    let complete = loaded.document.is_complete();
    let mut app = App::new(loaded, Theme::from_env());
    if complete {
        app.start_indexing();
        let key = content_key(app.document.text());
        match store.as_ref().map(|s| s.load(&key)) {
            Some(Ok(Some(saved))) => app.resume(&saved),
            Some(Err(problem)) => app.message = Some(format!("saved position ignored: {problem}")),
            _ => {}
        }
    } else if let Some(path) = &input.file {
        app.start_loading(path.clone(), input.force, store.clone());
    }
    let ended = run(app)?;
    // A file quit before it was read to the end has no content key to remember it by.
    if let (Some(store), Some(saved), true) = (
        &store,
        ended.app.saved_position(),
        ended.app.document.is_complete(),
    ) {
        let key = content_key(ended.app.document.text());
        if let Err(problem) = store.save(&key, &saved) {
            report(&format!(
                "could not remember the reading position: {problem}"
            ));
        }
    }
    if let Some(signal) = ended.signal {
        redeliver(signal);
    }
    Ok(())
}

/// One line for the user, with anything a terminal would act on made visible.
fn report(message: &str) {
    // Standard error may be gone with the terminal; that is no reason to panic.
    let _ = writeln!(std::io::stderr(), "pilcrow: {}", clean(message.trim()));
}

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(error) if !error.use_stderr() => {
            // --help and --version print to stdout and succeed.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or_default();
            report(&format!(
                "{}; see pilcrow --help",
                first.trim_start_matches("error: ")
            ));
            return ExitCode::from(2);
        }
    };
    let outcome = match args.command {
        Some(Command::Index { input, json }) => cli::print_index(&input, json),
        Some(Command::Topics {
            file,
            force,
            emit_catalogue,
        }) => cli::print_topics(file, force, emit_catalogue),
        Some(Command::Synth { bytes, seed }) => cli::print_synth(bytes, seed),
        None => read(&args.input),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error.to_string());
            ExitCode::FAILURE
        }
    }
}
