//! A loaded text: decoded, normalised to LF, and split into numbered paragraphs by byte range.

use std::fmt;
use std::io::{self, Read};
use std::os::unix::fs::FileTypeExt as _;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::core::formats::{self, ConvertOptions};
use crate::core::ids::ParagraphId;
use crate::core::items::{ends_clause, starts_item};
use crate::core::limits::{human_size, read_capped};

/// How many leading bytes are inspected for a NUL to tell binary from text.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Longer blocks are split into paragraphs of about this size, at a sentence end where
/// there is one, so that no paragraph has to be wrapped or read whole (a file of one line).
pub const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;

/// The longest head `load_preview` reads in search of two whole paragraphs.
const MAX_PREVIEW_BYTES: usize = 1024 * 1024;

/// Where a document came from; shown in headers and printed by the index command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Bundled,
    Stdin,
    Path(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Bundled => f.write_str("bundled"),
            Source::Stdin => f.write_str("-"),
            Source::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

pub use crate::core::formats::Format;

/// What a block is; it decides how the block is wrapped, styled and read for topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Text,
    /// A heading with its level (1 to 6); it starts a section.
    Heading(u8),
    /// A list item nested `depth` lists deep (0 outermost); its bullet or number is its text's start.
    ListItem(u8),
    Quote,
    /// Lines shown as written, never reflowed, and not read for actors.
    Code,
    /// A table's rows aligned in columns, one line per row, never reflowed.
    Table,
}

impl ParagraphKind {
    /// Lines kept as they are, rather than words wrapped to the width.
    pub fn is_preformatted(self) -> bool {
        matches!(self, ParagraphKind::Code | ParagraphKind::Table)
    }

    /// Running text, where capitals and phrases say something about names and themes.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            ParagraphKind::Text | ParagraphKind::ListItem(_) | ParagraphKind::Quote
        )
    }
}

/// How a run of text inside a block is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    Emphasis,
    Strong,
    /// Inline code: shown in the code style and not read for actors.
    Code,
    Link,
}

/// A styled byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineSpan {
    pub start: usize,
    pub end: usize,
    pub style: Inline,
}

/// What a document says about itself (front matter, HTML meta tags, EPUB and DOCX properties).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// A document converted from a structured format: its text, blocks and styles.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// Sorted by start.
    pub inline: Vec<InlineSpan>,
    /// Sorted, non-overlapping ranges the topic finders skip (code).
    pub unsearched: Vec<(usize, usize)>,
    pub metadata: Metadata,
    pub warnings: Vec<String>,
}

/// A position in the text as (paragraph, byte offset into the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub paragraph: ParagraphId,
    pub offset: usize,
}

/// How much of its file a document holds: all of it, or the start or the end of a large
/// file while the rest is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    /// The first whole paragraphs.
    Head,
    /// The last whole paragraphs, from byte `base` of the file (their numbers are unknown).
    Tail {
        base: usize,
    },
}

/// One paragraph as a byte range of the document text; nothing is copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub kind: ParagraphKind,
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: no such file")]
    NotFound { path: String },
    #[error("{path}: permission denied")]
    PermissionDenied { path: String },
    #[error("{path}: is a directory, not a file")]
    Directory { path: String },
    #[error("{path}: looks like a binary file; --force opens it anyway")]
    Binary { path: String },
    #[error("{path}: {source}")]
    Format {
        path: String,
        source: crate::core::formats::FormatError,
    },
    #[error("{path}: is a device, not a file")]
    Device { path: String },
    #[error(
        "{path}: is {}, more than the {} pilcrow reads; --max-size raises the limit",
        human_size(*size),
        human_size(*limit)
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: io::Error },
}

impl LoadError {
    fn from_io(path: &str, error: io::Error) -> LoadError {
        let path = path.to_string();
        match error.kind() {
            io::ErrorKind::NotFound => LoadError::NotFound { path },
            io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { path },
            io::ErrorKind::IsADirectory => LoadError::Directory { path },
            _ => LoadError::Io {
                path,
                source: error,
            },
        }
    }
}

/// The length of a regular file large enough to be read in parts (more than four times
/// `part` bytes); `None` for a smaller one, or a pipe or device.
fn large_file(path: &Path, part: usize) -> Result<Option<u64>, LoadError> {
    let metadata =
        std::fs::metadata(path).map_err(|e| LoadError::from_io(&path.display().to_string(), e))?;
    Ok((metadata.is_file() && metadata.len() > 4 * part as u64).then_some(metadata.len()))
}

/// How a file is to be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Open a file even if it looks binary.
    pub force: bool,
    /// Read as this format, whatever the content and the name say.
    pub format: Option<Format>,
    /// HTML: the whole page, not only the article.
    pub no_extract: bool,
    /// The most bytes to read; `None` for the defaults of `limits`.
    pub max_bytes: Option<u64>,
}

impl LoadOptions {
    /// The most bytes of a file to read.
    pub fn file_limit(self) -> u64 {
        self.max_bytes
            .unwrap_or_else(crate::core::limits::default_document_limit)
    }

    /// The most bytes of a pipe or standard input to read.
    pub fn stream_limit(self) -> u64 {
        self.max_bytes.unwrap_or(crate::core::limits::STREAM_LIMIT)
    }

    pub fn forced(force: bool) -> LoadOptions {
        LoadOptions {
            force,
            ..LoadOptions::default()
        }
    }
}

/// A decoded text and its paragraphs.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    paragraphs: Vec<Paragraph>,
    inline: Vec<InlineSpan>,
    unsearched: Vec<(usize, usize)>,
    metadata: Metadata,
    headings: Vec<ParagraphId>,
    source: Source,
    format: Format,
    warnings: Vec<String>,
    part: Part,
}

impl Default for Document {
    /// An empty text.
    fn default() -> Document {
        Document::from_str("", Source::Stdin, Format::Plain)
    }
}

impl Document {
    /// Reads a file, or standard input when `path` is `-`, in whatever format it is.
    pub fn load(path: &Path, force: bool) -> Result<Document, LoadError> {
        Document::load_with(path, LoadOptions::forced(force))
    }

    /// Reads a file, or standard input when `path` is `-`, as `options` say.
    pub fn load_with(path: &Path, options: LoadOptions) -> Result<Document, LoadError> {
        let (bytes, source, stopped_after) = if path.as_os_str() == "-" {
            let limit = options.stream_limit();
            let capped = read_capped(io::stdin().lock(), limit)
                .map_err(|e| LoadError::from_io("standard input", e))?;
            (capped.bytes, Source::Stdin, capped.stopped.then_some(limit))
        } else {
            let shown = path.display().to_string();
            let metadata = std::fs::metadata(path).map_err(|e| LoadError::from_io(&shown, e))?;
            let kind = metadata.file_type();
            if kind.is_dir() {
                return Err(LoadError::Directory { path: shown });
            }
            if kind.is_char_device() || kind.is_block_device() {
                return Err(LoadError::Device { path: shown });
            }
            let limit = if kind.is_file() {
                options.file_limit()
            } else {
                options.stream_limit()
            };
            if kind.is_file() && metadata.len() > limit {
                return Err(LoadError::TooLarge {
                    path: shown,
                    size: metadata.len(),
                    limit,
                });
            }
            let capped = std::fs::File::open(path)
                .and_then(|file| read_capped(file, limit))
                .map_err(|e| LoadError::from_io(&shown, e))?;
            // A regular file that grew past the limit since it was measured is cut too.
            (
                capped.bytes,
                Source::Path(path.to_path_buf()),
                capped.stopped.then_some(limit),
            )
        };
        let bytes = match stopped_after {
            Some(_) => cut_at_line_end(bytes),
            None => bytes,
        };
        let named = match &source {
            Source::Path(path) => Some(path.as_path()),
            _ => None,
        };
        let format =
            formats::detect(&bytes, named, options.format).map_err(|e| LoadError::Format {
                path: source.to_string(),
                source: e,
            })?;
        let mut document = Document::convert(bytes, source, format, options)?;
        if let Some(limit) = stopped_after {
            let shown = match &document.source {
                Source::Stdin => "standard input".to_string(),
                other => other.to_string(),
            };
            document.warnings.push(format!(
                "{shown}: stopped after {}; --max-size reads more",
                human_size(limit)
            ));
        }
        Ok(document)
    }

    /// Reads `bytes` as `format`.
    pub fn convert(
        bytes: Vec<u8>,
        source: Source,
        format: Format,
        options: LoadOptions,
    ) -> Result<Document, LoadError> {
        match format {
            Format::Plain => Document::from_bytes(bytes, source, format, options.force),
            Format::Markdown => {
                let (text, warnings) = decode(bytes, &source, true)?;
                let mut document =
                    Document::from_converted(formats::markdown(&text), source, format);
                document.warnings.splice(0..0, warnings);
                Ok(document)
            }
            _ => {
                let convert = ConvertOptions {
                    extract: !options.no_extract,
                };
                let converted =
                    formats::convert(format, &bytes, convert).map_err(|e| LoadError::Format {
                        path: source.to_string(),
                        source: e,
                    })?;
                Ok(Document::from_converted(converted, source, format))
            }
        }
    }

    /// The start of a large file, for a first screen before the whole file is read: the
    /// whole paragraphs of its first `bytes` bytes, decoded and normalised as the whole file
    /// is (UTF-16, CR line ends), so that their offsets are the whole text's. `None` when the
    /// file is small, or its start holds no whole paragraph.
    pub fn load_preview(
        path: &Path,
        options: LoadOptions,
        bytes: usize,
    ) -> Result<Option<Document>, LoadError> {
        let force = options.force;
        let shown = path.display().to_string();
        // A PDF is long by its pages, not its bytes: one of 300 pages may be under a megabyte.
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        // Refused here, not after the first screen when the whole is read.
        let limit = options.file_limit();
        if size > limit {
            return Err(LoadError::TooLarge {
                path: shown,
                size,
                limit,
            });
        }
        if size > bytes as u64 && Document::sniff(path)? == Some(Format::Pdf) {
            return Document::load_pdf_head(path, &shown);
        }
        // A head of long paragraphs (a file of one line is cut into paragraphs of
        // `MAX_PARAGRAPH_BYTES`) may hold less than two: a longer one is read.
        let mut bytes = bytes;
        let mut preview = loop {
            if large_file(path, bytes)?.is_none() {
                return Ok(None);
            }
            let mut head = vec![0; bytes];
            std::fs::File::open(path)
                .and_then(|mut file| file.read_exact(&mut head))
                .map_err(|e| LoadError::from_io(&shown, e))?;
            // Only plain text can be cut anywhere; other formats are read whole.
            if formats::detect(&head, Some(path), None) != Ok(Format::Plain) {
                return Ok(None);
            }
            let preview =
                Document::from_bytes(head, Source::Path(path.to_path_buf()), Format::Plain, force)?;
            // The last paragraph may go on past the bytes read.
            if preview.paragraphs.len() >= 2 {
                break preview;
            }
            if bytes >= MAX_PREVIEW_BYTES {
                return Ok(None);
            }
            bytes *= 4;
        };
        preview.paragraphs.pop();
        let end = preview.paragraphs.last().map_or(0, |p| p.end);
        preview.text.truncate(end);
        preview.part = Part::Head;
        // Sequences cut at the edge are not the file's fault; the full load reports its own.
        preview.warnings.clear();
        Ok(Some(preview))
    }

    /// The format the first KiB of a file and its name say it is.
    fn sniff(path: &Path) -> Result<Option<Format>, LoadError> {
        let shown = path.display().to_string();
        let mut head = Vec::with_capacity(1024);
        std::fs::File::open(path)
            .and_then(|file| file.take(1024).read_to_end(&mut head))
            .map_err(|e| LoadError::from_io(&shown, e))?;
        Ok(formats::detect(&head, Some(path), None).ok())
    }

    /// The first pages of a long PDF, numbered as the whole will be.
    fn load_pdf_head(path: &Path, shown: &str) -> Result<Option<Document>, LoadError> {
        /// Pages converted before the first screen; the rest are read in the background.
        const HEAD_PAGES: usize = 12;
        let bytes = std::fs::read(path).map_err(|e| LoadError::from_io(shown, e))?;
        let head = formats::pdf_head(&bytes, HEAD_PAGES).map_err(|e| LoadError::Format {
            path: shown.to_string(),
            source: e,
        })?;
        Ok(head.map(|converted| {
            let mut document =
                Document::from_converted(converted, Source::Path(path.to_path_buf()), Format::Pdf);
            document.part = Part::Head;
            document
        }))
    }

    /// The end of a large file, for G before the whole file is read: whole paragraphs from
    /// its last `bytes` bytes, starting after a blank line, decoded and normalised as the
    /// whole file is, so that the text is the very end of the whole text. `None` when the
    /// file is small or UTF-16 (whose halves could not be told apart from here).
    pub fn load_tail(
        path: &Path,
        force: bool,
        bytes: usize,
    ) -> Result<Option<Document>, LoadError> {
        use std::io::{Seek, SeekFrom};
        let shown = path.display().to_string();
        let Some(length) = large_file(path, bytes)? else {
            return Ok(None);
        };
        // Only plain text can be read from its end.
        if Document::sniff(path)? != Some(Format::Plain) {
            return Ok(None);
        }
        let start = length - bytes as u64;
        let mut tail = vec![0; bytes];
        let mut file = std::fs::File::open(path).map_err(|e| LoadError::from_io(&shown, e))?;
        let mut head = [0u8; 2];
        file.read_exact(&mut head)
            .and_then(|()| file.seek(SeekFrom::Start(start)))
            .and_then(|_| file.read_exact(&mut tail))
            .map_err(|e| LoadError::from_io(&shown, e))?;
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] {
            return Ok(None);
        }
        let sniff = &tail[..tail.len().min(BINARY_SNIFF_BYTES)];
        if !force && memchr::memchr(0, sniff).is_some() {
            return Err(LoadError::Binary { path: shown });
        }
        // A sequence cut at the start is replaced, and dropped with what comes before the
        // first blank line.
        let (text, _) = decode_utf8_lossy(tail);
        let mut text = normalize_newlines(text);
        // Resynchronise at a paragraph break, else at a line break.
        let Some(cut) = text
            .find("\n\n")
            .map(|at| at + 2)
            .or_else(|| text.find('\n').map(|at| at + 1))
        else {
            return Ok(None);
        };
        text.drain(..cut);
        let mut document = Document::from_text(
            text,
            Source::Path(path.to_path_buf()),
            Format::Plain,
            Vec::new(),
        );
        document.part = Part::Tail {
            base: usize::try_from(start).unwrap_or(usize::MAX) + cut,
        };
        Ok(Some(document))
    }

    /// The same text marked as part `part` of its file (tests build the states of a large
    /// file this way).
    #[must_use]
    pub fn with_part(mut self, part: Part) -> Document {
        self.part = part;
        self
    }

    /// How much of its file the document holds.
    pub fn part(&self) -> Part {
        self.part
    }

    /// False for the start or the end of a file still being read.
    pub fn is_complete(&self) -> bool {
        self.part == Part::Whole
    }

    /// Where the text starts in the file; more than 0 for the end of a file read ahead.
    pub fn base(&self) -> usize {
        match self.part {
            Part::Tail { base } => base,
            Part::Whole | Part::Head => 0,
        }
    }

    /// Decodes raw bytes: UTF-16 by its BOM, else UTF-8 (BOM stripped, invalid sequences replaced).
    pub fn from_bytes(
        bytes: Vec<u8>,
        source: Source,
        format: Format,
        force: bool,
    ) -> Result<Document, LoadError> {
        let (text, warnings) = decode(bytes, &source, force)?;
        Ok(Document::from_text(text, source, format, warnings))
    }

    /// Builds a document from text that is already decoded.
    pub fn from_str(text: &str, source: Source, format: Format) -> Document {
        match format {
            Format::Markdown => Document::from_converted(formats::markdown(text), source, format),
            _ => Document::from_text(text.to_string(), source, format, Vec::new()),
        }
    }

    fn from_text(text: String, source: Source, format: Format, warnings: Vec<String>) -> Document {
        let text = normalize_newlines(text);
        let paragraphs = split_paragraphs(&text);
        Document {
            text,
            paragraphs,
            inline: Vec::new(),
            unsearched: Vec::new(),
            metadata: Metadata::default(),
            headings: Vec::new(),
            source,
            format,
            warnings,
            part: Part::Whole,
        }
    }

    /// A document from a structured format's converter.
    pub fn from_converted(converted: Converted, source: Source, format: Format) -> Document {
        let headings = converted
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.kind, ParagraphKind::Heading(_)))
            .map(|(i, _)| ParagraphId::new(i))
            .collect();
        Document {
            headings,
            text: converted.text,
            paragraphs: converted.paragraphs,
            inline: converted.inline,
            unsearched: converted.unsearched,
            metadata: converted.metadata,
            source,
            format,
            warnings: converted.warnings,
            part: Part::Whole,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Styled runs (emphasis, code, links), sorted by start.
    pub fn inline(&self) -> &[InlineSpan] {
        &self.inline
    }

    /// The styled runs that overlap `start..end`.
    pub fn inline_within(&self, start: usize, end: usize) -> &[InlineSpan] {
        let first = self.inline.partition_point(|s| s.end <= start);
        let last = first + self.inline[first..].partition_point(|s| s.start < end);
        &self.inline[first..last]
    }

    /// Whether the topic finders skip the text at `offset` (it is code).
    pub fn is_unsearched(&self, offset: usize) -> bool {
        let at = self.unsearched.partition_point(|&(_, end)| end <= offset);
        self.unsearched
            .get(at)
            .is_some_and(|&(start, _)| start <= offset)
    }

    /// Whether any of the text is skipped by the topic finders.
    pub fn has_unsearched(&self) -> bool {
        !self.unsearched.is_empty()
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// How many paragraphs there are.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// Paragraph `id`; ids come from this document, so it is there.
    pub fn paragraph(&self, id: ParagraphId) -> Paragraph {
        self.paragraphs[id.index()]
    }

    /// The last paragraph's id, if there is any paragraph.
    pub fn last_paragraph(&self) -> Option<ParagraphId> {
        self.paragraphs.len().checked_sub(1).map(ParagraphId::new)
    }

    /// The text of paragraph `id`; hard line breaks inside it are still `\n`.
    pub fn paragraph_text(&self, id: ParagraphId) -> &str {
        let paragraph = self.paragraph(id);
        &self.text[paragraph.start..paragraph.end]
    }

    /// The paragraph that contains byte `offset`, or the last one that starts before it.
    pub fn paragraph_at(&self, offset: usize) -> Option<ParagraphId> {
        let after = self.paragraphs.partition_point(|p| p.start <= offset);
        after.checked_sub(1).map(ParagraphId::new)
    }

    /// The start of the first paragraph, where a reader opens.
    pub fn start_position(&self) -> Position {
        Position {
            paragraph: ParagraphId::default(),
            offset: self.paragraphs.first().map_or(0, |p| p.start),
        }
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Problems met while decoding that did not stop the load.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// A short name for headers: the file name, or what the source is.
    pub fn display_name(&self) -> String {
        match &self.source {
            Source::Bundled => "commentary.txt".to_string(),
            Source::Stdin => "standard input".to_string(),
            Source::Path(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
        }
    }

    /// The first paragraph when it reads as a title: one short line, not ending as a
    /// sentence does, with a capital in it, and more text after it.
    pub fn title_line(&self) -> Option<&str> {
        if self.paragraphs.len() < 2 {
            return None;
        }
        let first = self.paragraph_text(ParagraphId::new(0)).trim();
        let short = first.chars().count() <= 120 && !first.contains('\n');
        let sentence = first.ends_with(['.', ',', ';', ':']);
        let capital = first.chars().any(char::is_uppercase);
        (short && !sentence && capital && first.split_whitespace().count() >= 2).then_some(first)
    }

    /// The headings, in order: the sections of the document.
    pub fn headings(&self) -> &[ParagraphId] {
        &self.headings
    }

    /// The heading of the section paragraph `at` is in, if it is in one.
    pub fn section_of(&self, at: ParagraphId) -> Option<ParagraphId> {
        let after = self.headings.partition_point(|&h| h <= at);
        after.checked_sub(1).map(|i| self.headings[i])
    }

    /// The text of the first heading, for documents that carry their title inside.
    pub fn first_heading(&self) -> Option<&str> {
        self.headings.first().map(|&id| self.paragraph_text(id))
    }
}

/// The bytes of a read cut at a limit, up to their last line end if there is one near the
/// end, so that the last line is whole and no character is cut.
fn cut_at_line_end(mut bytes: Vec<u8>) -> Vec<u8> {
    let window = bytes.len().saturating_sub(MAX_PARAGRAPH_BYTES);
    if let Some(at) = memchr::memrchr(b'\n', &bytes[window..]) {
        bytes.truncate(window + at + 1);
    }
    bytes
}

/// Decodes raw bytes to LF text: UTF-16 by its BOM, else UTF-8 (BOM stripped, invalid
/// sequences replaced and counted in a warning); refuses binary unless forced.
fn decode(
    bytes: Vec<u8>,
    source: &Source,
    force: bool,
) -> Result<(String, Vec<String>), LoadError> {
    let mut warnings = Vec::new();
    let text = if let Some(text) = decode_utf32_with_bom(&bytes) {
        normalize_newlines(text)
    } else if let Some(text) = decode_utf16_with_bom(&bytes) {
        text
    } else {
        let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
        if !force && memchr::memchr(0, sniff).is_some() {
            return Err(LoadError::Binary {
                path: source.to_string(),
            });
        }
        let mut bytes = bytes;
        normalize_newline_bytes(&mut bytes);
        let (text, replaced) = decode_utf8_lossy(bytes);
        if replaced > 0 {
            warnings.push(format!(
                "{source}: {replaced} invalid UTF-8 sequence{} replaced with \u{FFFD}",
                if replaced == 1 { "" } else { "s" }
            ));
        }
        text
    };
    Ok((text, warnings))
}

/// UTF-32 by its BOM. Checked before UTF-16: the little-endian BOM of UTF-32 starts with
/// that of UTF-16 (FF FE), and read as UTF-16 the text would be every other character a NUL.
fn decode_utf32_with_bom(bytes: &[u8]) -> Option<String> {
    let little_endian = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => true,
        [0, 0, 0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    Some(
        bytes[4..]
            .chunks(4)
            .map(|unit| match unit {
                [a, b, c, d] if little_endian => u32::from_le_bytes([*a, *b, *c, *d]),
                [a, b, c, d] => u32::from_be_bytes([*a, *b, *c, *d]),
                _ => 0xFFFD,
            })
            .map(|code| char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match pair {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    Some(
        char::decode_utf16(units)
            .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Strips a UTF-8 BOM and decodes, counting the invalid sequences that were replaced.
fn decode_utf8_lossy(mut bytes: Vec<u8>) -> (String, usize) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(error) => {
            let bytes = error.into_bytes();
            let mut text = String::with_capacity(bytes.len());
            let mut replaced = 0;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    replaced += 1;
                    text.push(char::REPLACEMENT_CHARACTER);
                }
            }
            (text, replaced)
        }
    }
}

/// CRLF and lone CR become LF, so every offset counts one byte per line break. Done in the
/// text's own buffer: a CRLF file is not held twice.
fn normalize_newlines(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut bytes = text.into_bytes();
    normalize_newline_bytes(&mut bytes);
    // Only ASCII bytes were removed or replaced: the text is still UTF-8.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// Rewrites CRLF and lone CR as LF in place.
fn normalize_newline_bytes(bytes: &mut Vec<u8>) {
    let Some(first) = memchr::memchr(b'\r', bytes) else {
        return;
    };
    let (mut read, mut write) = (first, first);
    let length = bytes.len();
    while read < length {
        let run = memchr::memchr(b'\r', &bytes[read..]).unwrap_or(length - read);
        bytes.copy_within(read..read + run, write);
        write += run;
        read += run;
        if read < length {
            // At a CR: one LF for it, and for the LF after it if there is one.
            bytes[write] = b'\n';
            write += 1;
            read += 1;
            if bytes.get(read) == Some(&b'\n') {
                read += 1;
            }
        }
    }
    bytes.truncate(write);
}

/// One line of the text: its byte range without the newline.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > bytes.len() || (start == bytes.len() && start > 0) {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        let line = Line { start, end };
        start = end + 1;
        Some(line)
    })
}

fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace())
}

/// Trims whitespace off both ends of a byte range.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.trim_end().len();
    (start + lead, start + trail)
}

/// Paragraphs are blocks between blank lines; a text with no blank line at all has one per line.
/// In a block, a line that starts an item (`1.`, `(a)`, `•`, `제1조`) starts a paragraph when
/// the block is an item too, or when the line before it ends a clause (`.`, `:`), so that a
/// hard-wrapped sentence that happens to reach a number is not cut.
fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let one_per_line = !has_blank_line_between_text(text);
    let mut paragraphs = Vec::new();
    let mut block: Option<(usize, usize)> = None;
    let mut block_is_item = false;
    let mut previous_line = "";
    let close = |block: &mut Option<(usize, usize)>, paragraphs: &mut Vec<Paragraph>| {
        if let Some((start, end)) = block.take() {
            let (start, end) = trimmed(text, start, end);
            push_bounded(text, start, end, ParagraphKind::Text, paragraphs);
        }
    };
    for line in lines(text) {
        let raw = &text[line.start..line.end];
        if is_blank(raw) {
            close(&mut block, &mut paragraphs);
            continue;
        }
        if one_per_line {
            close(&mut block, &mut paragraphs);
        } else {
            let item_begins = block.is_some()
                && starts_item(raw)
                && (block_is_item || ends_clause(previous_line));
            if item_begins {
                close(&mut block, &mut paragraphs);
            }
            if block.is_none() {
                block_is_item = starts_item(raw);
            }
        }
        previous_line = raw;
        block = Some(block.map_or((line.start, line.end), |(start, _)| (start, line.end)));
    }
    close(&mut block, &mut paragraphs);
    paragraphs
}

/// Pushes `start..end` as paragraphs of at most `MAX_PARAGRAPH_BYTES`. Where a block is cut
/// depends only on its own text from its start, so the start of a file cuts it as the whole
/// file does.
pub(crate) fn push_bounded(
    text: &str,
    mut start: usize,
    end: usize,
    kind: ParagraphKind,
    paragraphs: &mut Vec<Paragraph>,
) {
    while end - start > MAX_PARAGRAPH_BYTES {
        let cut = start + bounded_cut(&text[start..end]);
        let (piece_start, piece_end) = trimmed(text, start, cut);
        if piece_start < piece_end {
            paragraphs.push(Paragraph {
                start: piece_start,
                end: piece_end,
                kind: ParagraphKind::Text,
            });
        }
        start = cut;
    }
    let (start, end) = trimmed(text, start, end);
    if start < end {
        paragraphs.push(Paragraph { start, end, kind });
    }
}

/// Where to cut a block longer than `MAX_PARAGRAPH_BYTES`: after the last sentence end
/// (`.`, `!` or `?` and a space) in the last quarter before the bound, else at the last
/// space in its second half, else at the bound itself (on a character boundary).
fn bounded_cut(block: &str) -> usize {
    let mut bound = MAX_PARAGRAPH_BYTES;
    while !block.is_char_boundary(bound) {
        bound -= 1;
    }
    let window = &block.as_bytes()[..bound];
    let sentence_end = (MAX_PARAGRAPH_BYTES * 3 / 4..bound.saturating_sub(1))
        .rev()
        .find(|&at| {
            matches!(window[at], b'.' | b'!' | b'?') && window[at + 1].is_ascii_whitespace()
        })
        .map(|at| at + 1);
    let space = || {
        memchr::memrchr2(b' ', b'\n', &window[MAX_PARAGRAPH_BYTES / 2..])
            .map(|at| MAX_PARAGRAPH_BYTES / 2 + at)
    };
    sentence_end
        .or_else(space)
        .filter(|&at| at > 0)
        .unwrap_or(bound.max(1))
}

/// Leading and trailing blank lines do not make a text "blank-line separated".
fn has_blank_line_between_text(text: &str) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in lines(text) {
        if is_blank(&text[line.start..line.end]) {
            blank_after_text |= seen_text;
        } else if blank_after_text {
            return true;
        } else {
            seen_text = true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn texts(doc: &Document) -> Vec<&str> {
        (0..doc.paragraph_count())
            .map(|i| doc.paragraph_text(ParagraphId::new(i)))
            .collect()
    }

    fn plain(text: &str) -> Document {
        Document::from_str(text, Source::Bundled, Format::Plain)
    }

    #[rstest]
    #[case::one_per_line("a\nb\nc", &["a", "b", "c"])]
    #[case::blank_separated("a\nb\n\nc", &["a\nb", "c"])]
    #[case::many_blanks("\n\n a \n\n\n\nb\n  \n", &["a", "b"])]
    #[case::only_edges_blank("\n\na\nb\n\n", &["a", "b"])]
    #[case::crlf("a\r\nb\r\n\r\nc", &["a\nb", "c"])]
    #[case::lone_cr("a\rb\r\rc", &["a\nb", "c"])]
    #[case::empty("", &[])]
    #[case::whitespace_only(" \n\t\n ", &[])]
    #[case::numbered_items("Intro\n\nThe treaty says:\n1. One\nmore.\n2. Two\n\nEnd", &["Intro", "The treaty says:", "1. One\nmore.", "2. Two", "End"])]
    #[case::bullets_without_stops("A\n\n• Russia\n• China\n  and Iran\n• Japan", &["A", "• Russia", "• China\n  and Iran", "• Japan"])]
    #[case::korean_articles("전문\n\n제1조 목적\n제2조(정의) 이 조약에서\n\n끝", &["전문", "제1조 목적", "제2조(정의) 이 조약에서", "끝"])]
    #[case::wrapped_prose_reaching_a_number("It was in chapter\n2. The end.\n\nNext", &["It was in chapter\n2. The end.", "Next"])]
    #[case::wrapped_prose_reaching_a_letter("the parties agreed to\n(a) cooperate\n\nNext", &["the parties agreed to\n(a) cooperate", "Next"])]
    fn splits_plain_text(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(texts(&plain(text)), expected);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            // Shrunk failures are kept beside this file, not in a folder at the top of the repo.
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn line_ends_are_normalised_as_replacing_them_would(raw in "([a-zé \r\n]{0,9}|\r\n){0,12}") {
            let mut bytes = raw.as_bytes().to_vec();
            normalize_newline_bytes(&mut bytes);
            let expected = raw.replace("\r\n", "\n").replace('\r', "\n");
            proptest::prop_assert_eq!(String::from_utf8(bytes).unwrap(), expected);
        }
    }

    /// Once found by the property test above.
    #[test]
    fn a_lone_cr_before_text_is_normalised_as_replacing_it_would() {
        let raw = "\ra \néaa\nééa \n\n";
        let mut bytes = raw.as_bytes().to_vec();
        normalize_newline_bytes(&mut bytes);
        assert_eq!(String::from_utf8(bytes).unwrap(), "\na \néaa\nééa \n\n");
    }

    #[rstest]
    #[case("a\r\nb", "a\nb")]
    #[case("a\rb\r", "a\nb\n")]
    #[case("\r\r\n\n\r", "\n\n\n\n")]
    #[case("\n\r", "\n\n")]
    #[case("héllo\r\nwörld", "héllo\nwörld")]
    #[case("no breaks", "no breaks")]
    fn line_ends_are_normalised_in_place(#[case] raw: &str, #[case] expected: &str) {
        let mut bytes = raw.as_bytes().to_vec();
        normalize_newline_bytes(&mut bytes);
        assert_eq!(bytes, expected.as_bytes());
        assert_eq!(normalize_newlines(raw.to_string()), expected);
    }

    #[test]
    fn bundled_commentary_has_eleven_paragraphs() {
        let doc = plain(include_str!("../../assets/commentary.txt"));
        assert_eq!(doc.paragraphs().len(), 11);
        assert_eq!(doc.paragraph_text(ParagraphId::new(1)), "Rekha J");
        assert!(
            doc.paragraph_text(ParagraphId::new(2))
                .starts_with("Over the years")
        );
    }

    #[test]
    fn markdown_headings_are_paragraphs_of_their_own() {
        let doc = Document::from_str(
            "# Title #\nintro line\nmore\n\n## Part two\ntext\n#hashtag",
            Source::Bundled,
            Format::Markdown,
        );
        assert_eq!(
            texts(&doc),
            ["Title", "intro line more", "Part two", "text #hashtag"]
        );
        assert_eq!(doc.paragraphs()[0].kind, ParagraphKind::Heading(1));
        assert_eq!(doc.paragraphs()[2].kind, ParagraphKind::Heading(2));
        assert_eq!(doc.first_heading(), Some("Title"));
    }

    #[test]
    fn binary_is_refused_unless_forced() {
        let bytes = b"text\0more".to_vec();
        let error = Document::from_bytes(bytes.clone(), Source::Stdin, Format::Plain, false)
            .expect_err("binary must be refused");
        assert!(error.to_string().contains("looks like a binary file"));
        let doc = Document::from_bytes(bytes, Source::Stdin, Format::Plain, true).unwrap();
        assert_eq!(doc.text(), "text\0more");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let doc = Document::from_bytes(
            b"\xEF\xBB\xBFok \xFF\xFE and \xC3".to_vec(),
            Source::Stdin,
            Format::Plain,
            false,
        )
        .unwrap();
        assert_eq!(doc.text(), "ok \u{FFFD}\u{FFFD} and \u{FFFD}");
        assert_eq!(doc.warnings().len(), 1);
        assert!(doc.warnings()[0].contains("3 invalid UTF-8 sequences"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Seoul\n\nPyŏngyang".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let doc = Document::from_bytes(bytes, Source::Stdin, Format::Plain, false).unwrap();
        assert_eq!(texts(&doc), ["Seoul", "Pyŏngyang"]);
    }

    #[rstest]
    #[case::little_endian(true)]
    #[case::big_endian(false)]
    fn utf32_with_bom_is_decoded_not_taken_for_utf16(#[case] little_endian: bool) {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE, 0, 0]
        } else {
            vec![0, 0, 0xFE, 0xFF]
        };
        for c in "Seoul\r\n\r\nPyŏngyang 평양".chars() {
            let code = c as u32;
            bytes.extend(if little_endian {
                code.to_le_bytes()
            } else {
                code.to_be_bytes()
            });
        }
        let doc = Document::from_bytes(bytes, Source::Stdin, Format::Plain, false).unwrap();
        assert_eq!(texts(&doc), ["Seoul", "Pyŏngyang 평양"]);
    }

    #[test]
    fn the_end_read_ahead_starts_at_a_paragraph_and_knows_where() {
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.txt");
        let mut text = String::new();
        for n in 0..2000 {
            let _ = write!(
                text,
                "Paragraph {n} says something long enough to matter.\n\n"
            );
        }
        std::fs::write(&path, &text).unwrap();
        let tail = Document::load_tail(&path, false, 4096)
            .unwrap()
            .expect("a tail");
        assert!(!tail.is_complete());
        assert!(tail.base() > text.len() - 4096);
        assert_eq!(tail.text(), &text[tail.base()..]);
        assert!(
            tail.paragraph_text(ParagraphId::new(0))
                .starts_with("Paragraph ")
        );
        assert!(
            tail.text()
                .ends_with("Paragraph 1999 says something long enough to matter.\n\n")
        );
        // Small files are read whole.
        assert!(
            Document::load_tail(&path, false, text.len() / 2)
                .unwrap()
                .is_none()
        );
    }

    /// The start and the end of a file read ahead are the whole text's own start and end,
    /// whatever its line ends and encoding.
    #[rstest]
    #[case::lf("\n", false)]
    #[case::crlf("\r\n", false)]
    #[case::lone_cr("\r", false)]
    #[case::utf16("\n", true)]
    fn preview_and_tail_match_the_whole_text(#[case] line_end: &str, #[case] utf16: bool) {
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.txt");
        let mut text = String::new();
        for n in 0..3000 {
            let _ = write!(
                text,
                "Paragraph {n} is hard{line_end}wrapped like a book.{line_end}{line_end}"
            );
        }
        let bytes = if utf16 {
            let mut bytes = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                bytes.extend(unit.to_le_bytes());
            }
            bytes
        } else {
            text.into_bytes()
        };
        std::fs::write(&path, &bytes).unwrap();
        let whole = Document::load(&path, false).unwrap();
        let head = Document::load_preview(&path, LoadOptions::default(), 16 * 1024)
            .unwrap()
            .expect("a preview");
        assert_eq!(head.part(), Part::Head);
        assert!(whole.text().starts_with(head.text()));
        assert_eq!(
            head.paragraphs(),
            &whole.paragraphs()[..head.paragraph_count()]
        );
        if let Some(tail) = Document::load_tail(&path, false, 16 * 1024).unwrap() {
            assert!(!utf16, "UTF-16 has no tail");
            assert!(whole.text().ends_with(tail.text()));
            assert!(
                tail.paragraph_text(ParagraphId::new(0))
                    .starts_with("Paragraph ")
            );
        } else {
            assert!(utf16);
        }
    }

    #[test]
    fn one_huge_line_becomes_bounded_paragraphs_cut_at_sentence_ends() {
        let sentence = "The envoys met again and agreed on nothing at all. ";
        let line = sentence.repeat(20_000);
        let doc = plain(&line);
        assert!(doc.paragraph_count() > 10);
        for (at, paragraph) in doc.paragraphs().iter().enumerate() {
            assert!(paragraph.end - paragraph.start <= MAX_PARAGRAPH_BYTES);
            let text = doc.paragraph_text(ParagraphId::new(at));
            assert!(
                text.starts_with("The envoys") && text.ends_with("all."),
                "{at}"
            );
        }
        // No sentence end, no space: cut at the bound, on a character boundary.
        let solid = "한".repeat(100_000);
        let doc = plain(&solid);
        let joined: String = (0..doc.paragraph_count())
            .map(|i| doc.paragraph_text(ParagraphId::new(i)))
            .collect();
        assert_eq!(joined, solid);
    }

    #[test]
    fn a_file_of_one_huge_line_has_a_preview() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("line.txt");
        std::fs::write(&path, "Words and more words. ".repeat(200_000)).unwrap();
        // Asked for less than two bounded paragraphs: it reads on until it has them.
        let head = Document::load_preview(&path, LoadOptions::default(), 64 * 1024)
            .unwrap()
            .expect("a preview of whole bounded paragraphs");
        let whole = Document::load(&path, false).unwrap();
        assert_eq!(
            head.paragraphs(),
            &whole.paragraphs()[..head.paragraph_count()]
        );
    }

    #[test]
    fn paragraph_at_finds_the_enclosing_paragraph() {
        let doc = plain("ab\n\ncd");
        let at = |offset| doc.paragraph_at(offset).map(ParagraphId::index);
        assert_eq!(at(0), Some(0));
        assert_eq!(at(3), Some(0));
        assert_eq!(at(4), Some(1));
    }
}
