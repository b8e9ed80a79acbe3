//! The command line: arguments, loading a document with its catalogue, the index command.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::core::bundled;
use crate::core::catalogue::{Catalogue, Metadata, to_toml};
use crate::core::discover::discover;
use crate::core::document::{Document, Source};
use crate::core::index::{self, Index};
use crate::core::report::Report;

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

/// A document with its topics and their mentions, ready to show.
#[derive(Debug)]
pub struct Loaded {
    pub document: Document,
    pub catalogue: Catalogue,
    pub index: Index,
    pub title: String,
    /// Things the user should know that did not stop the load.
    pub notes: Vec<String>,
    /// Whether to add discovered topics to the catalogue's.
    pub discover: bool,
}

/// `<stem>.topics.toml` beside `file`.
pub fn sibling_catalogue(file: &Path) -> Option<PathBuf> {
    let stem = file.file_stem()?;
    let mut name = stem.to_os_string();
    name.push(".topics.toml");
    Some(file.with_file_name(name))
}

/// Loads the document and its catalogue as the arguments ask, and indexes it.
pub fn load(input: &InputArgs) -> Result<Loaded> {
    let mut loaded = open(input, false)?;
    if loaded.discover {
        let found = discover(&loaded.document, &loaded.catalogue.topics);
        loaded.catalogue.topics.extend(found);
    }
    loaded.index = index::build(&loaded.document, &loaded.catalogue.topics);
    Ok(loaded)
}

/// Bytes of a large file read before the first screen; the rest follows in the background.
pub const PREVIEW_BYTES: usize = 256 * 1024;

/// Loads the document and its catalogue with an empty index, for the reader to build it in
/// the background. With `preview`, a large file is only read as far as its first screens
/// (`Document::is_complete` is false) and the reader reads the rest.
pub fn open(input: &InputArgs, preview: bool) -> Result<Loaded> {
    let mut notes = Vec::new();
    let (document, catalogue) = match &input.file {
        None => {
            let catalogue = match &input.topics {
                Some(path) => Catalogue::load(path)?,
                None => bundled::catalogue()?,
            };
            (bundled::document(), catalogue)
        }
        Some(file) => {
            let early = if preview && file.as_os_str() != "-" {
                Document::load_preview(file, input.force, PREVIEW_BYTES)?
            } else {
                None
            };
            let document = match early {
                Some(document) => document,
                None => Document::load(file, input.force)?,
            };
            let catalogue_path = input.topics.clone().or_else(|| {
                (document.source() != &Source::Stdin)
                    .then(|| sibling_catalogue(file))
                    .flatten()
                    .filter(|path| path.is_file())
            });
            let catalogue = if let Some(path) = catalogue_path {
                Catalogue::load(&path)?
            } else {
                if input.no_discover {
                    notes.push(format!(
                        "no topic catalogue for {}; pass --topics CATALOGUE",
                        document.source()
                    ));
                }
                Catalogue::default()
            };
            (document, catalogue)
        }
    };
    let catalogue = if input.no_catalogue {
        Catalogue {
            metadata: catalogue.metadata,
            topics: Vec::new(),
        }
    } else {
        catalogue
    };
    notes.extend(document.warnings().iter().cloned());
    let index = Index {
        topics: vec![index::TopicMentions::default(); catalogue.topics.len()],
    };
    let title = catalogue
        .metadata
        .title
        .clone()
        .or_else(|| document.first_heading().map(str::to_string))
        .unwrap_or_else(|| document.display_name());
    Ok(Loaded {
        document,
        catalogue,
        index,
        title,
        notes,
        discover: !input.no_discover,
    })
}

/// `pilcrow index`: the table or the JSON on standard output.
pub fn print_index(input: &InputArgs, json: bool) -> Result<()> {
    let loaded = load(input)?;
    for note in &loaded.notes {
        eprintln!("pilcrow: {}", crate::core::sanitize::clean(note));
    }
    let report = Report::new(
        loaded.title.clone(),
        &loaded.document,
        &loaded.catalogue.topics,
        &loaded.index,
    );
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let printed = if json {
        report.write_json(&mut out)
    } else {
        write!(out, "{}", report.to_text())
    };
    match printed.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// `pilcrow topics`: what discovery finds, as a table or as a catalogue to keep.
pub fn print_topics(file: Option<PathBuf>, force: bool, emit_catalogue: bool) -> Result<()> {
    let input = InputArgs {
        file,
        topics: None,
        force,
        no_state: true,
        no_catalogue: true,
        no_discover: false,
    };
    let loaded = load(&input)?;
    for note in &loaded.notes {
        eprintln!("pilcrow: {}", crate::core::sanitize::clean(note));
    }
    let text = if emit_catalogue {
        let metadata = Metadata {
            title: Some(loaded.title.clone()),
            ..Metadata::default()
        };
        let mut text = format!(
            "# Topics pilcrow discovered in {}; edit freely, then keep this file beside the text\n\
             # as <name>.topics.toml, where pilcrow picks it up.\n",
            loaded.document.display_name()
        );
        text.push_str(&to_toml(&metadata, &loaded.catalogue.topics));
        text
    } else {
        Report::new(
            loaded.title.clone(),
            &loaded.document,
            &loaded.catalogue.topics,
            &loaded.index,
        )
        .to_text()
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// `pilcrow synth`: generated prose on standard output.
pub fn print_synth(bytes: usize, seed: u64) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    crate::core::synth::write_prose(&mut out, bytes, seed)?;
    out.flush()?;
    Ok(())
}
