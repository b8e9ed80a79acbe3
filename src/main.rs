//! The shell around the library: parse the command line, run, report errors in one line.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use pilcrow::app::App;
use pilcrow::app::background::Jobs;
use pilcrow::cli::{self, Cli, Command, InputArgs};
use pilcrow::config;
use pilcrow::core::open::Opened;
use pilcrow::core::resume::Store;
use pilcrow::term::{redeliver, run};
use pilcrow::ui::palette::Palette;

/// Opens the reader; with no terminal to draw on, prints the text as a pager would.
fn read(input: &InputArgs) -> anyhow::Result<()> {
    let (config, problem) = config::config_path()
        .map(|path| config::load(&path))
        .unwrap_or_default();
    // Said before the screen is taken, and again in the status line.
    if let Some(problem) = &problem {
        report(problem);
    }
    let mut input = input.clone();
    input.no_discover |= config.no_discover;
    input.no_state |= config.no_state;
    let input = &input;
    let on_terminal = std::io::stdout().is_terminal();
    let opened = Opened::open(&input.request(on_terminal))?;
    if !on_terminal {
        for note in opened.document.warnings() {
            cli::warn(note);
        }
        return cli::to_stdout(|out| out.write_all(opened.document.text().as_bytes()));
    }
    let store = if input.no_state {
        None
    } else {
        Store::from_env()
    };
    if let Some(store) = store.clone() {
        // Off the way of the first screen; nothing depends on it.
        std::thread::spawn(move || store.tidy());
    }
    let (mut app, effects) = App::new(opened);
    let jobs = Jobs::new(store);
    app.set_searches(jobs.searches());
    app.configure(config.keys, config.panel_width);
    if let Some(problem) = problem {
        app.tell(problem);
    }
    let ended = run(app, effects, jobs, palette(config.theme))?;
    if let Err(problem) = ended.jobs.remember(&ended.app) {
        report(&format!(
            "could not remember the reading position: {problem}"
        ));
    }
    if let Some(signal) = ended.signal {
        redeliver(signal);
    }
    Ok(())
}

/// The theme's styles; `NO_COLOR` always means no colour.
fn palette(theme: config::Theme) -> Palette {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match theme {
        _ if no_color => Palette::monochrome(),
        config::Theme::Mono => Palette::monochrome(),
        config::Theme::Light => Palette::light(),
        config::Theme::Auto if config::background_is_light() => Palette::light(),
        config::Theme::Dark | config::Theme::Auto => Palette::colored(),
    }
}

fn report(message: &str) {
    cli::warn(message);
}

fn main() -> ExitCode {
    pilcrow::term::install_panic_hook();
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
        Some(Command::Index {
            input,
            json,
            csv,
            pairs,
            qdc,
        }) => cli::print_index(
            &input,
            cli::IndexOutput::from_switches(json, csv, pairs, qdc),
        ),
        Some(Command::Topics {
            file,
            force,
            emit_catalogue,
            json,
            reading,
        }) => cli::print_topics(
            file,
            force,
            cli::TopicsOutput::from_switches(json, emit_catalogue),
            reading,
        ),
        Some(Command::Completions { shell }) => cli::print_completions(shell),
        Some(Command::Man) => cli::print_man(),
        Some(Command::Config { default }) => cli::print_config(default),
        Some(Command::Notes { input, topic }) => cli::print_notes(&input, topic.as_deref()),
        Some(Command::Text {
            file,
            force,
            reading,
        }) => cli::print_text(file, force, reading),
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
