//! The command line: the arguments, and the commands that print (`index`, `topics`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::core::catalogue::{Metadata, to_toml};
use crate::core::formats::Format;
use crate::core::ids::{ParagraphId, TopicId};
use crate::core::index::Index;
use crate::core::open::{OpenRequest, Opened};
use crate::core::plain::write_blocks;
use crate::core::report::Report;
use crate::core::resume::Store;
use crate::core::sanitize::{Sanitized, clean};

#[derive(Debug, Parser)]
#[command(
    name = "pilcrow",
    version,
    about = "A terminal reader for analysis: the text beside an index of its actors and themes.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub input: InputArgs,
}

// Command-line switches are independent flags by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The text to open: a file, or - for standard input (default: the bundled commentary)
    pub file: Option<PathBuf>,
    /// A topic catalogue (TOML); default: <file stem>.topics.toml beside the file, if any
    #[arg(long, value_name = "CATALOGUE")]
    pub topics: Option<PathBuf>,
    /// Open a file even if it looks binary
    #[arg(long)]
    pub force: bool,
    /// Neither resume at nor remember the reading position
    #[arg(long)]
    pub no_state: bool,
    /// Ignore any topic catalogue (bundled, sibling or --topics)
    #[arg(long, conflicts_with = "topics")]
    pub no_catalogue: bool,
    /// Only the catalogue's topics: do not discover actors and themes in the text
    #[arg(long)]
    pub no_discover: bool,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// How a file is read: its format, and for web pages how much of the page.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct ReadingArgs {
    /// Read the file as this format (default: told by its content, then its name)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Web pages: show the whole page's text, not only the article
    #[arg(long)]
    pub no_extract: bool,
    /// Read at most this much of the text (500M, 8G, 4GiB); default: 4 GB of a file, or
    /// half the free memory if less, and 256 MB of a pipe
    #[arg(long, value_name = "SIZE", value_parser = crate::core::limits::parse_size)]
    pub max_size: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the actors and themes of a text with the paragraphs that mention them
    Index {
        #[command(flatten)]
        input: InputArgs,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// Print one CSV row per mention: topic, label, group, kind, paragraph, start, end, text
        #[arg(long, conflicts_with_all = ["json", "pairs", "qdc"])]
        csv: bool,
        /// Print the topics as a REFI-QDA codebook (.qdc) for QDA tools to import
        #[arg(long, conflicts_with_all = ["json", "pairs"])]
        qdc: bool,
        /// Print the pairs of topics by the paragraphs that mention both (a table, or JSON
        /// with --json)
        #[arg(long)]
        pairs: bool,
    },
    /// Print the actors and themes discovery finds in a text (no catalogue is read)
    Topics {
        /// The text: a file, or - for standard input (default: the bundled commentary)
        file: Option<PathBuf>,
        /// Open a file even if it looks binary
        #[arg(long)]
        force: bool,
        /// Write them as a topic catalogue (TOML) to edit and keep beside the file
        #[arg(long)]
        emit_catalogue: bool,
        /// Print JSON instead of a table (the shape of `index --json`)
        #[arg(long, conflicts_with = "emit_catalogue")]
        json: bool,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Print the text as pilcrow reads it: one block per paragraph, headings marked with #
    Text {
        /// The document: a file, or - for standard input (default: the bundled commentary)
        file: Option<PathBuf>,
        /// Open a file even if it looks binary
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Print a completion script for a shell (bash: source <(pilcrow completions bash))
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for man -l - or to install as pilcrow.1
    Man,
    /// Say where the settings file is read from and whether it can be used; with --default,
    /// print a commented file of every setting at its default
    Config {
        /// Print the default settings file, with every action a key can be bound to
        #[arg(long)]
        default: bool,
    },
    /// Print your notes on a text as Markdown (each with the sentence it is on and its ¶), or
    /// with --topic every sentence that names a topic
    Notes {
        #[command(flatten)]
        input: InputArgs,
        /// The sentences naming this topic (its id or label) instead of the notes
        #[arg(long, value_name = "TOPIC")]
        topic: Option<String>,
    },
    /// Write deterministic prose-like text of a given size (for benchmarks)
    #[command(hide = true)]
    Synth {
        /// How many bytes to write at least
        #[arg(long)]
        bytes: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

impl InputArgs {
    /// What to open, as the core asks for it; `preview` reads only the start of a large
    /// file (the reader reads the rest in the background).
    pub fn request(&self, preview: bool) -> OpenRequest {
        OpenRequest {
            file: self.file.clone(),
            topics: self.topics.clone(),
            force: self.force,
            no_catalogue: self.no_catalogue,
            no_discover: self.no_discover,
            preview,
            format: self.reading.format,
            no_extract: self.reading.no_extract,
            max_bytes: self.reading.max_size,
            state_dir: if self.no_state {
                None
            } else {
                Store::from_env().map(|store| store.dir().to_path_buf())
            },
        }
    }
}

/// Runs `print` on standard output through the sanitising writer, buffered; a reader that
/// closed the pipe early is no error.
pub fn to_stdout(print: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = Sanitized::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout().lock(),
    ));
    match print(&mut out).and_then(|()| out.finish().map(drop)) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// One line for the user on standard error, with anything a terminal would act on made
/// visible and line breaks made spaces.
pub fn warn(message: &str) {
    let mut err = Sanitized::new(std::io::stderr().lock());
    // Standard error may be gone with the terminal; that is no reason to panic.
    let _ = writeln!(err, "pilcrow: {}", clean(message.trim()));
    let _ = err.finish();
}

/// Opens and indexes the document as the arguments ask, printing its notes to stderr.
fn open_indexed(request: &OpenRequest) -> Result<(Opened, Index)> {
    let mut opened = Opened::open(request)?;
    for note in &opened.notes {
        warn(note);
    }
    let index = opened.index_now();
    Ok((opened, index))
}

/// `pilcrow notes`: the notes kept with the reading position, or a topic's sentences, as
/// Markdown on standard output.
pub fn print_notes(input: &InputArgs, topic: Option<&str>) -> Result<()> {
    let request = input.request(false);
    let markdown = if let Some(wanted) = topic {
        topic_sentences(&request, wanted)?
    } else {
        kept_notes(input, &request)?
    };
    to_stdout(|out| out.write_all(markdown.as_bytes()))
}

/// Every sentence that names the topic `wanted` (its id, else its label in any case).
fn topic_sentences(request: &OpenRequest, wanted: &str) -> Result<String> {
    let (opened, index) = open_indexed(request)?;
    let topics = &opened.catalogue.topics;
    let found = topics
        .iter()
        .position(|t| t.id == wanted)
        .or_else(|| {
            topics
                .iter()
                .position(|t| t.label.eq_ignore_ascii_case(wanted))
        })
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no topic \"{}\" in {}; pilcrow index lists them",
                clean(wanted),
                opened.document.source()
            )
        })?;
    Ok(crate::core::excerpts::mentions_markdown(
        &opened.document,
        &opened.title,
        &topics[found].label,
        &index.get(TopicId::new(found)).mentions,
    ))
}

/// The notes kept with the reading position of the text.
fn kept_notes(input: &InputArgs, request: &OpenRequest) -> Result<String> {
    let opened = Opened::open(request)?;
    let store = if input.no_state {
        None
    } else {
        Store::from_env()
    };
    let store = store.ok_or_else(|| {
        anyhow::anyhow!("no state folder: notes live there (see PILCROW_STATE_DIR)")
    })?;
    let saved = store
        .recall(&opened.document)
        .map_err(|problem| anyhow::anyhow!("could not read the notes: {problem}"))?
        .unwrap_or_default();
    let paragraphs = opened.document.paragraph_count();
    let notes: Vec<(ParagraphId, String)> = saved
        .notes
        .into_iter()
        .filter(|note| note.paragraph < paragraphs)
        .map(|note| (ParagraphId::new(note.paragraph), note.text))
        .collect();
    if notes.is_empty() {
        warn(&format!(
            "no notes on {} yet: a in the reader writes one",
            opened.document.source()
        ));
    }
    Ok(crate::core::excerpts::notes_markdown(
        &opened.document,
        &opened.title,
        &notes,
    ))
}

/// `pilcrow config`: where the settings come from and whether they can be used, or with
/// `--default` the commented default file with every bindable action.
pub fn print_config(default: bool) -> Result<()> {
    use std::fmt::Write as _;
    use strum::IntoEnumIterator as _;
    if default {
        let mut text = crate::config::DEFAULT_FILE.to_string();
        text.push_str("\n# The actions:\n");
        for action in crate::app::action::Action::iter().filter(|a| a.is_bindable()) {
            let name = toml::Value::try_from(action)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let help = crate::app::keymap::KEYMAP
                .iter()
                .find(|b| b.action == action)
                .map_or("", |b| b.help);
            let _ = writeln!(text, "#   {name:<22} {help}");
        }
        return to_stdout(|out| out.write_all(text.as_bytes()));
    }
    let Some(path) = crate::config::config_path() else {
        return to_stdout(|out| {
            out.write_all(b"no settings file: neither XDG_CONFIG_HOME nor HOME is set\n")
        });
    };
    let (_, problem) = crate::config::load(&path);
    if let Some(problem) = problem {
        anyhow::bail!(problem);
    }
    let said = if path.exists() {
        format!("settings from {}\n", clean(&path.display().to_string()))
    } else {
        format!(
            "no settings file at {}; pilcrow config --default > it writes one\n",
            clean(&path.display().to_string())
        )
    };
    to_stdout(|out| out.write_all(said.as_bytes()))
}

/// What `pilcrow index` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexOutput {
    Table,
    Json,
    Csv,
    Pairs,
    PairsJson,
    Codebook,
}

impl IndexOutput {
    /// From the command line's switches; clap keeps `--csv` and `--qdc` from the others.
    // The switches as clap gives them, read here once into one value.
    #[allow(clippy::fn_params_excessive_bools)]
    pub fn from_switches(json: bool, csv: bool, pairs: bool, qdc: bool) -> IndexOutput {
        if qdc {
            return IndexOutput::Codebook;
        }
        match (json, csv, pairs) {
            (_, true, _) => IndexOutput::Csv,
            (true, _, true) => IndexOutput::PairsJson,
            (false, _, true) => IndexOutput::Pairs,
            (true, _, false) => IndexOutput::Json,
            (false, false, false) => IndexOutput::Table,
        }
    }
}

/// `pilcrow index`: the table, JSON, CSV, pairs or codebook on standard output.
pub fn print_index(input: &InputArgs, output: IndexOutput) -> Result<()> {
    let (opened, index) = open_indexed(&input.request(false))?;
    let topics = &opened.catalogue.topics;
    let report = Report::new(opened.title.clone(), &opened.document, topics, &index);
    to_stdout(|out| match output {
        IndexOutput::Table => out.write_all(report.to_text().as_bytes()),
        IndexOutput::Json => report.write_json(&mut &mut *out),
        IndexOutput::Csv => report.write_csv(&mut *out),
        IndexOutput::Pairs => {
            let pairs = crate::core::pairs::pairs(&index, topics.len());
            out.write_all(report.pairs_text(topics, &pairs, &index).as_bytes())
        }
        IndexOutput::Codebook => crate::core::qdc::write(
            &mut *out,
            topics,
            concat!("pilcrow ", env!("CARGO_PKG_VERSION")),
        ),
        IndexOutput::PairsJson => {
            let pairs = crate::core::pairs::pairs(&index, topics.len());
            report.write_pairs_json(&mut &mut *out, topics, &pairs, &index)
        }
    })
}

/// How `pilcrow topics` prints what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicsOutput {
    Table,
    Json,
    Catalogue,
}

impl TopicsOutput {
    /// From the command line's switches, which clap keeps from being given together.
    pub fn from_switches(json: bool, emit_catalogue: bool) -> TopicsOutput {
        match (json, emit_catalogue) {
            (true, _) => TopicsOutput::Json,
            (false, true) => TopicsOutput::Catalogue,
            (false, false) => TopicsOutput::Table,
        }
    }
}

/// `pilcrow completions SHELL`: the completion script from the command line's definition.
pub fn print_completions(shell: clap_complete::Shell) -> Result<()> {
    use clap::CommandFactory as _;
    to_stdout(|out| {
        clap_complete::generate(shell, &mut Cli::command(), "pilcrow", out);
        Ok(())
    })
}

/// `pilcrow man`: the manual page from the command line's definition.
pub fn print_man() -> Result<()> {
    use clap::CommandFactory as _;
    to_stdout(|out| clap_mangen::Man::new(Cli::command()).render(out))
}

/// `pilcrow topics`: what discovery finds, as a table, as JSON or as a catalogue to keep.
pub fn print_topics(
    file: Option<PathBuf>,
    force: bool,
    output: TopicsOutput,
    reading: ReadingArgs,
) -> Result<()> {
    let request = OpenRequest {
        file,
        force,
        no_catalogue: true,
        format: reading.format,
        no_extract: reading.no_extract,
        max_bytes: reading.max_size,
        ..OpenRequest::default()
    };
    let (opened, index) = open_indexed(&request)?;
    if output == TopicsOutput::Json {
        let report = Report::new(
            opened.title.clone(),
            &opened.document,
            &opened.catalogue.topics,
            &index,
        );
        return to_stdout(|out| report.write_json(&mut &mut *out));
    }
    let text = if output == TopicsOutput::Catalogue {
        // A title only where the text has one: the file's name is no title.
        let metadata = Metadata {
            title: (opened.title != opened.document.display_name()).then(|| opened.title.clone()),
            ..Metadata::default()
        };
        let comment = format!(
            "Topics pilcrow discovered in {}; edit freely, then keep this file beside the text\n\
             as <name>.topics.toml, where pilcrow picks it up.",
            // A name's own line breaks must not start lines of the file.
            crate::core::sanitize::clean(&opened.document.display_name())
        );
        to_toml(&comment, &metadata, &opened.catalogue.topics)
    } else {
        Report::new(
            opened.title.clone(),
            &opened.document,
            &opened.catalogue.topics,
            &index,
        )
        .to_text()
    };
    to_stdout(|out| out.write_all(text.as_bytes()))
}

/// `pilcrow text`: the blocks of the document, as the reader and `index` number them.
pub fn print_text(file: Option<PathBuf>, force: bool, reading: ReadingArgs) -> Result<()> {
    let request = OpenRequest {
        file,
        force,
        no_catalogue: true,
        no_discover: true,
        format: reading.format,
        no_extract: reading.no_extract,
        max_bytes: reading.max_size,
        ..OpenRequest::default()
    };
    let opened = Opened::open(&request)?;
    for note in opened
        .notes
        .iter()
        .filter(|n| !n.starts_with("no topic catalogue"))
    {
        warn(note);
    }
    to_stdout(|mut out| write_blocks(&opened.document, &mut out))
}

/// `pilcrow synth`: generated prose on standard output.
pub fn print_synth(bytes: usize, seed: u64) -> Result<()> {
    to_stdout(|mut out| crate::core::synth::write_prose(&mut out, bytes, seed).map(drop))
}
