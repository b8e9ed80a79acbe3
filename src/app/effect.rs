//! What the reader asks of the world outside `update` (effects), and what comes back from
//! work done there (arrivals). The run loop and the background module carry them out.

use std::path::PathBuf;
use std::sync::Arc;

use crate::core::catalogue::Topic;
use crate::core::document::Document;
use crate::core::ids::TopicId;
use crate::core::index::Mention;
use crate::core::resume::Saved;
use crate::core::search::Hit;

/// One thing `update` wants done; it never does any of them itself.
#[derive(Debug)]
pub enum Effect {
    /// End the run loop.
    Quit,
    /// Hand the terminal back to the shell until `fg`.
    Suspend,
    /// Turn the terminal's mouse reporting on or off.
    MouseCapture(bool),
    /// Read the whole file whose start is shown: its end first, then all of it.
    ReadRest {
        path: PathBuf,
        options: crate::core::document::LoadOptions,
    },
    /// Look up where the reader left this text last time.
    Recall { document: Arc<Document> },
    /// Build the index of `topics` in `document`, first discovering more when `discover`;
    /// replaces any index being built.
    Index {
        document: Arc<Document>,
        topics: Vec<Topic>,
        discover: bool,
        /// Names discovery leaves out (the catalogue's `[discovery] hide`).
        hidden: Vec<String>,
    },
    /// Count every hit of `query` in `document`; replaces any count under way.
    CountHits {
        document: Arc<Document>,
        query: String,
    },
    /// Stop the hit count under way, if any.
    StopCounting,
    /// Apply `edit` to the catalogue at `path` (or, with none yet, to a new one where
    /// `edit::new_catalogue_path` puts it, written from `topics` and `metadata`).
    EditCatalogue {
        path: Option<PathBuf>,
        source: crate::core::document::Source,
        edit: crate::core::edit::Edit,
        topics: Vec<Topic>,
        metadata: crate::core::catalogue::Metadata,
    },
    /// Write `markdown` (the notes) beside the document as `<file stem>.notes.md`, else in
    /// the state folder.
    WriteNotes {
        document: Arc<Document>,
        markdown: String,
    },
}

/// How far the index has got, as the panel's progress bar shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexProgress {
    /// Fraction of the text read, 0 to 1.
    pub fraction: f64,
    pub phase: IndexPhase,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IndexPhase {
    /// Discovery is reading the text for names and keyphrases.
    FindingTopics,
    /// Mentions are being found, at this many MB/s.
    Counting { megabytes_per_second: f64 },
}

/// What background work delivers to the reader.
#[derive(Debug)]
pub enum Arrival {
    /// The last paragraphs of the file being read.
    Tail(Document),
    /// The whole file, or why it could not be read to the end.
    Whole(Result<Document, String>),
    /// The position saved for the text, if any.
    Recalled(Result<Option<Saved>, String>),
    /// The catalogue's topics followed by the discovered ones; comes before any mentions.
    Topics(Vec<Topic>),
    /// Mentions found in one batch.
    Mentions(Vec<(TopicId, Mention)>),
    /// The index is finished: the mentions sent so far and these, the short forms several
    /// actors share, each given to the actor it names.
    Indexed(Vec<(TopicId, Mention)>),
    /// The index stopped without finishing (its worker failed).
    IndexFailed(String),
    Progress(IndexProgress),
    /// The count of a search's hits stopped (its worker failed).
    CountFailed(String),
    /// The catalogue as an edit left it, and its file; or why it was not changed.
    CatalogueEdited(Result<(PathBuf, crate::core::edit::Edited), String>),
    /// Where the notes were written, or why they could not be.
    NotesWritten(Result<std::path::PathBuf, String>),
    /// Every hit of a search.
    Hits {
        query: String,
        hits: Vec<Hit>,
    },
}
