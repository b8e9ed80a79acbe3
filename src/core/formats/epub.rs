//! EPUB through rbook: the chapters in spine order, each walked as HTML.

use std::io::Cursor;

use rbook::Epub;

use super::builder::Builder;
use super::html;
use super::zipped::Archive;
use super::{Format, FormatError};
use crate::core::document::{Converted, Metadata, ParagraphKind};

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
            classes.extend(html::class_styles(&String::from_utf8_lossy(&css)));
        }
    }
    let damaged =
        |e: rbook::ebook::errors::EbookError| FormatError::Damaged(Format::Epub, e.to_string());
    let epub = Epub::read(Cursor::new(bytes.to_vec())).map_err(damaged)?;
    // The table of contents names chapters that carry no heading of their own.
    let mut titles: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    if let Some(root) = epub.toc().contents() {
        for entry in root.flatten() {
            if let Some(item) = entry.manifest_entry() {
                titles
                    .entry(item.id().to_string())
                    .or_insert_with(|| entry.label().trim().to_string());
            }
        }
    }
    let mut out = Builder::new();
    for chapter in epub.reader() {
        let chapter = chapter.map_err(|e| FormatError::Damaged(Format::Epub, e.to_string()))?;
        let title = titles
            .get(chapter.manifest_entry().id())
            .filter(|t| !t.is_empty());
        let mut part = Builder::new();
        html::chapter(chapter.content(), &classes, &mut part)?;
        let part = part.finish();
        let headed = part
            .paragraphs
            .iter()
            .any(|p| matches!(p.kind, ParagraphKind::Heading(_)));
        if let Some(title) = title.filter(|_| !headed) {
            out.begin(ParagraphKind::Heading(1));
            out.text(title, ParagraphKind::Text);
            out.end();
        }
        out.append(part);
    }
    let metadata = epub.metadata();
    out.metadata = Metadata {
        title: metadata.title().map(|t| t.value().to_string()),
        author: metadata.creators().next().map(|c| c.value().to_string()),
        date: None,
    };
    Ok(out.finish())
}
