//! Opening a document as both the reader and the command line do: the text, its catalogue,
//! the title to show, and what the user should be told.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::core::bundled;
use crate::core::catalogue::{Catalogue, CatalogueError, is_hidden};
use crate::core::discover::discover;
use crate::core::document::{Document, LoadError, LoadOptions, Source};
use crate::core::formats::Format;
use crate::core::index::{self, Index};

/// Bytes of a large file read before the first screen (some 500 lines of text, far more than
/// a screen shows); the rest follows in the background.
pub const PREVIEW_BYTES: usize = 64 * 1024;

/// What to open and how.
// Independent switches, as on the command line they come from.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default)]
pub struct OpenRequest {
    /// A file, `-` for standard input, or `None` for the bundled commentary.
    pub file: Option<PathBuf>,
    /// A catalogue to use instead of the bundled one or the file's sibling.
    pub topics: Option<PathBuf>,
    /// Open a file even if it looks binary.
    pub force: bool,
    /// Ignore every catalogue.
    pub no_catalogue: bool,
    /// Keep to the catalogue's topics.
    pub no_discover: bool,
    /// Read only the start of a large file; the rest is the caller's to read.
    pub preview: bool,
    /// Read the file as this format, whatever its content and name say.
    pub format: Option<Format>,
    /// HTML: the whole page's text, not only the article.
    pub no_extract: bool,
    /// The most bytes of the document to read; `None` for the defaults.
    pub max_bytes: Option<u64>,
    /// The state folder, where the catalogues the reader edits are kept for the bundled text
    /// and for files in folders it cannot write; `None` without state.
    pub state_dir: Option<PathBuf>,
}

impl OpenRequest {
    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            force: self.force,
            format: self.format,
            no_extract: self.no_extract,
            max_bytes: self.max_bytes,
        }
    }
}

#[derive(Debug, Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
}

/// The file a preview came from, to read the rest of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestOfFile {
    pub path: PathBuf,
    pub options: LoadOptions,
}

/// A document with its catalogue, before any index is built.
#[derive(Debug)]
pub struct Opened {
    pub document: Document,
    pub catalogue: Catalogue,
    pub title: String,
    /// Things the user should know that did not stop the opening.
    pub notes: Vec<String>,
    /// Whether discovered topics are added to the catalogue's.
    pub discover: bool,
    /// Set when `document` is only the start of this file.
    pub rest: Option<RestOfFile>,
    /// The catalogue file the topics came from, where edits go; `None` for the bundled
    /// catalogue or none.
    pub catalogue_path: Option<PathBuf>,
}

/// `<stem>.topics.toml` beside `file`.
pub fn sibling_catalogue(file: &Path) -> Option<PathBuf> {
    let stem = file.file_stem()?;
    let mut name = stem.to_os_string();
    name.push(".topics.toml");
    Some(file.with_file_name(name))
}

impl Opened {
    /// Reads the document and its catalogue as `request` asks.
    pub fn open(request: &OpenRequest) -> Result<Opened, OpenError> {
        let mut notes = Vec::new();
        let mut rest = None;
        let state_catalogue = |source: &Source| {
            request
                .state_dir
                .as_deref()
                .and_then(|state| crate::core::edit::state_catalogue_path(source, state))
                .filter(|path| path.is_file())
        };
        let (document, catalogue, catalogue_path) = match &request.file {
            None => {
                // The reader's own edits of the bundled catalogue, when there are some.
                let path = request
                    .topics
                    .clone()
                    .or_else(|| state_catalogue(&Source::Bundled));
                let catalogue = match &path {
                    Some(path) => Catalogue::load(path)?,
                    None => bundled::catalogue()?,
                };
                (bundled::document(), catalogue, path)
            }
            Some(file) => {
                let plain = matches!(request.format, None | Some(Format::Plain));
                let preview = if request.preview && plain && file.as_os_str() != "-" {
                    Document::load_preview(file, request.load_options(), PREVIEW_BYTES)?
                } else {
                    None
                };
                let document = match preview {
                    Some(preview) => {
                        rest = Some(RestOfFile {
                            path: file.clone(),
                            options: request.load_options(),
                        });
                        preview
                    }
                    None => Document::load_with(file, request.load_options())?,
                };
                let catalogue_path = request.topics.clone().or_else(|| {
                    (document.source() != &Source::Stdin)
                        .then(|| sibling_catalogue(file))
                        .flatten()
                        .filter(|path| path.is_file())
                        .or_else(|| state_catalogue(document.source()))
                });
                let catalogue = if let Some(path) = &catalogue_path {
                    Catalogue::load(path)?
                } else {
                    if request.no_discover {
                        notes.push(format!(
                            "no topic catalogue for {}; pass --topics CATALOGUE",
                            document.source()
                        ));
                    }
                    Catalogue::default()
                };
                (document, catalogue, catalogue_path)
            }
        };
        let catalogue = if request.no_catalogue {
            Catalogue {
                metadata: catalogue.metadata,
                topics: Vec::new(),
                hidden: Vec::new(),
            }
        } else {
            catalogue
        };
        notes.extend(document.warnings().iter().cloned());
        let title = catalogue
            .metadata
            .title
            .clone()
            .or_else(|| document.metadata().title.clone())
            .or_else(|| document.first_heading().map(str::to_string))
            .or_else(|| document.title_line().map(str::to_string))
            .unwrap_or_else(|| document.display_name());
        Ok(Opened {
            document,
            catalogue,
            title,
            notes,
            discover: !request.no_discover,
            rest,
            catalogue_path,
        })
    }

    /// Adds the discovered topics (when asked) and builds the index, here and now: what the
    /// command line prints, and what the reader builds in the background.
    pub fn index_now(&mut self) -> Index {
        if self.discover {
            let mut found = discover(&self.document, &self.catalogue.topics);
            found.retain(|t| !is_hidden(&self.catalogue.hidden, t));
            self.catalogue.topics.extend(found);
        }
        index::build(&self.document, &self.catalogue.topics)
    }
}
