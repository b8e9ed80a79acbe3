//! EPUB through rbook: the chapters in spine order, each walked as HTML.

use std::io::Cursor;

use rbook::Epub;

use super::builder::Builder;
use super::html;
use super::zipped::Archive;
use super::{Format, FormatError};
use crate::core::document::{Converted, Metadata};

pub fn convert(bytes: &[u8]) -> Result<Converted, FormatError> {
    // rbook reads entries whole; the capped archive first checks that none expands past
    // the allowance (a ZIP bomb), whatever its headers claim.
    let mut zip = Archive::open(bytes, Format::Epub)?;
    let mut classes = std::collections::HashMap::new();
    for name in zip.names() {
        let entry = zip.read(&name)?;
        if name.to_ascii_lowercase().ends_with(".css")
            && let Some(css) = entry
        {
            classes.extend(html::class_sizes(&String::from_utf8_lossy(&css)));
        }
    }
    let damaged =
        |e: rbook::ebook::errors::EbookError| FormatError::Damaged(Format::Epub, e.to_string());
    let epub = Epub::read(Cursor::new(bytes.to_vec())).map_err(damaged)?;
    let mut out = Builder::new();
    for chapter in epub.reader() {
        let chapter = chapter.map_err(|e| FormatError::Damaged(Format::Epub, e.to_string()))?;
        html::chapter(chapter.content(), &classes, &mut out)?;
    }
    let metadata = epub.metadata();
    out.metadata = Metadata {
        title: metadata.title().map(|t| t.value().to_string()),
        author: metadata.creators().next().map(|c| c.value().to_string()),
        date: None,
    };
    Ok(out.finish())
}
