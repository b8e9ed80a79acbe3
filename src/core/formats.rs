//! Documents in structured formats (Markdown, HTML, PDF, EPUB, DOCX) turned into the blocks
//! the reader shows: the format is told by content, then by the file's extension.

mod builder;
mod docx;
mod epub;
mod html;
mod markdown;
mod pdf;
mod zipped;

use std::fmt;
use std::path::Path;

use thiserror::Error;

pub use builder::Builder;

use crate::core::document::Converted;

/// The formats pilcrow reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, strum::EnumIter)]
pub enum Format {
    #[value(name = "txt")]
    Plain,
    #[value(name = "md")]
    Markdown,
    Html,
    Pdf,
    Epub,
    Docx,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Plain => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Epub => "EPUB",
            Format::Docx => "DOCX",
        })
    }
}

/// How a structured file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvertOptions {
    /// HTML: only the article (main-content extraction), not the whole page.
    pub extract: bool,
}

impl Default for ConvertOptions {
    fn default() -> ConvertOptions {
        ConvertOptions { extract: true }
    }
}

/// Why a structured file could not be read; each is one line for the user.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FormatError {
    #[error("named as {claimed} but looks like {found}")]
    Mismatch { claimed: Format, found: String },
    #[error("is not {0}: it looks like {1}")]
    NotThat(Format, String),
    #[error("a ZIP archive that is neither EPUB nor DOCX")]
    OtherZip,
    #[error("damaged {0} file: {1}")]
    Damaged(Format, String),
    #[error("expands to more than {limit_mb} MB; a ZIP bomb or a damaged file")]
    TooLarge { limit_mb: u64 },
    #[error("nests its elements {depth} levels deep; pass --format txt to read it as text")]
    TooDeep { depth: usize },
    #[error("has {pages} pages; pilcrow reads PDFs of up to {limit}")]
    TooManyPages { pages: usize, limit: usize },
    #[error("is an encrypted PDF; pilcrow cannot read it")]
    Encrypted,
    #[error("has no text layer (a scanned PDF?); run OCR on it first, e.g. ocrmypdf")]
    NoText,
}

const PDF_MAGIC: &[u8] = b"%PDF-";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The format the file's extension names, if it names one.
pub fn by_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => Format::Plain,
        "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "pdf" => Format::Pdf,
        "epub" => Format::Epub,
        "docx" => Format::Docx,
        _ => return None,
    })
}

/// What the bytes themselves say, for the formats that can be told by content.
fn by_content(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    // A PDF may have junk before its header; readers accept it within the first KiB.
    if memchr::memmem::find(head, PDF_MAGIC).is_some() {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return Some(zipped::kind(bytes).unwrap_or(Format::Plain)).filter(|f| *f != Format::Plain);
    }
    looks_like_html(head).then_some(Format::Html)
}

/// A document that opens with a doctype or an `<html>`, `<head>` or `<body>` tag.
fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let lower = text
        .get(..text.len().min(512))
        .unwrap_or(text)
        .to_ascii_lowercase();
    let lower = lower.trim_start_matches(|c: char| c != '<');
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| lower.starts_with(tag))
        || (lower.starts_with("<?xml") && lower.contains("<html"))
}

/// A short description of what the bytes look like, for a mismatch message.
fn describe(bytes: &[u8]) -> String {
    match by_content(bytes) {
        Some(format) => format!("a {format} file"),
        None if bytes.starts_with(ZIP_MAGIC) => "a ZIP archive".to_string(),
        None if bytes.is_empty() => "empty".to_string(),
        None if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() => {
            "binary data".to_string()
        }
        None => "text".to_string(),
    }
}

/// The format to read `bytes` as: `wanted` when given (and the content agrees), else what
/// the content says, else what the extension says. A binary format named by the extension
/// but not found in the content is refused rather than shown as garbage.
pub fn detect(
    bytes: &[u8],
    path: Option<&Path>,
    wanted: Option<Format>,
) -> Result<Format, FormatError> {
    let content = by_content(bytes);
    let binary = |f: Format| matches!(f, Format::Pdf | Format::Epub | Format::Docx);
    if let Some(wanted) = wanted {
        if binary(wanted) && content != Some(wanted) {
            return Err(FormatError::NotThat(wanted, describe(bytes)));
        }
        return Ok(wanted);
    }
    let named = path.and_then(by_extension);
    match (content, named) {
        (Some(found), _) => Ok(found),
        // An archive too damaged to list its entries is still the EPUB or DOCX it is named.
        (None, Some(named @ (Format::Epub | Format::Docx))) if bytes.starts_with(ZIP_MAGIC) => {
            Ok(named)
        }
        (None, Some(named)) if binary(named) => Err(FormatError::Mismatch {
            claimed: named,
            found: describe(bytes),
        }),
        (None, Some(named)) => Ok(named),
        (None, None) if bytes.starts_with(ZIP_MAGIC) => Err(FormatError::OtherZip),
        (None, None) => Ok(Format::Plain),
    }
}

/// Converts the bytes of a structured format into blocks.
pub fn convert(
    format: Format,
    bytes: &[u8],
    options: ConvertOptions,
) -> Result<Converted, FormatError> {
    match format {
        Format::Plain => unreachable!("plain text is split, not converted"),
        Format::Markdown => Ok(markdown::convert(&String::from_utf8_lossy(bytes))),
        Format::Html => html::convert(&html::decode(bytes), options.extract),
        Format::Pdf => pdf::convert(bytes),
        Format::Epub => epub::convert(bytes),
        Format::Docx => docx::convert(bytes),
    }
}

/// The first pages of a long PDF, for its first screen; `None` when it is short.
pub fn pdf_head(bytes: &[u8], pages: usize) -> Result<Option<Converted>, FormatError> {
    pdf::convert_head(bytes, pages)
}

/// Markdown text as blocks (tests and the `from_str` constructor use it).
pub fn markdown(text: &str) -> Converted {
    markdown::convert(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn path(name: &str) -> PathBuf {
        PathBuf::from(name)
    }

    #[test]
    fn content_wins_over_the_extension() {
        let pdf = b"%PDF-1.7\n...";
        assert_eq!(detect(pdf, Some(&path("a.txt")), None), Ok(Format::Pdf));
        let page = b"  <!DOCTYPE html><html><body>x</body></html>";
        assert_eq!(detect(page, Some(&path("a.txt")), None), Ok(Format::Html));
        assert_eq!(
            detect(b"# Title", Some(&path("a.md")), None),
            Ok(Format::Markdown)
        );
        assert_eq!(detect(b"plain", Some(&path("a")), None), Ok(Format::Plain));
    }

    #[test]
    fn a_binary_format_named_but_not_found_is_refused() {
        let error = detect(b"just text", Some(&path("report.pdf")), None).unwrap_err();
        assert_eq!(error.to_string(), "named as PDF but looks like text");
        let error = detect(b"%PDF-1.4", None, Some(Format::Epub)).unwrap_err();
        assert_eq!(error.to_string(), "is not EPUB: it looks like a PDF file");
    }

    #[test]
    fn the_override_reads_text_as_asked() {
        assert_eq!(
            detect(b"<p>x</p>", None, Some(Format::Plain)),
            Ok(Format::Plain)
        );
        assert_eq!(detect(b"plain", None, Some(Format::Html)), Ok(Format::Html));
    }
}
