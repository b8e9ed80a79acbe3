//! DOCX (Office Open XML): paragraphs with their heading styles and list numbering, tables,
//! and footnotes at the end.
//!
//! Read by hand over quick-xml and zip: what a reader needs is a small part of the format
//! (paragraph styles, numbering, runs, tables, footnotes), while the DOCX crates model the
//! whole of it for writing documents and read it only in part.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::builder::{Builder, collapse};
use super::zipped::Archive;
use super::{Format, FormatError};
use crate::core::document::{Converted, Inline, Metadata, ParagraphKind};

pub fn convert(bytes: &[u8]) -> Result<Converted, FormatError> {
    let mut zip = Archive::open(bytes, Format::Docx)?;
    let document = zip
        .read_text("word/document.xml")?
        .ok_or_else(|| FormatError::Damaged(Format::Docx, "no word/document.xml".into()))?;
    let styles = zip
        .read_text("word/styles.xml")?
        .map(|xml| heading_styles(&xml))
        .unwrap_or_default();
    let numbering = zip
        .read_text("word/numbering.xml")?
        .map(|xml| numbering_formats(&xml))
        .unwrap_or_default();
    let footnotes = zip.read_text("word/footnotes.xml")?;
    let core = zip.read_text("docProps/core.xml")?;

    let mut out = Builder::new();
    let mut body = Body {
        styles: &styles,
        numbering: &numbering,
        counters: HashMap::new(),
    };
    body.read(&document, &mut out, false)?;
    if let Some(footnotes) = footnotes {
        body.read(&footnotes, &mut out, true)?;
    }
    out.metadata = core.map(|xml| core_properties(&xml)).unwrap_or_default();
    Ok(out.finish())
}

/// The local name of an element, without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The value of attribute `key` (by local name).
fn attr(element: &BytesStart, key: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .and_then(|a| a.unescape_value().ok().map(std::borrow::Cow::into_owned))
}

fn damaged(error: impl std::fmt::Display) -> FormatError {
    FormatError::Damaged(Format::Docx, error.to_string())
}

/// Style ids that are headings, with their level: by the name "heading N" or "Title", or by
/// an outline level, following `basedOn` links.
fn heading_styles(xml: &str) -> HashMap<String, u8> {
    struct Style {
        name: String,
        outline: Option<u8>,
        based_on: Option<String>,
    }
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match local(e.name().as_ref()) {
                b"style" => {
                    current = attr(&e, b"styleId");
                    if let Some(id) = &current {
                        styles.insert(
                            id.clone(),
                            Style {
                                name: String::new(),
                                outline: None,
                                based_on: None,
                            },
                        );
                    }
                }
                b"name" | b"outlineLvl" | b"basedOn" => {
                    if let (Some(id), Some(value)) = (&current, attr(&e, b"val"))
                        && let Some(style) = styles.get_mut(id)
                    {
                        match local(e.name().as_ref()) {
                            b"name" => style.name = value.to_ascii_lowercase(),
                            b"outlineLvl" => style.outline = value.parse().ok(),
                            _ => style.based_on = Some(value),
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if local(e.name().as_ref()) == b"style" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let level_of = |style: &Style| -> Option<u8> {
        if style.name == "title" {
            return Some(1);
        }
        if let Some(n) = style.name.strip_prefix("heading ") {
            return n.trim().parse().ok().filter(|n| (1..=6).contains(n));
        }
        style.outline.filter(|&l| l < 6).map(|l| l + 1)
    };
    let mut levels = HashMap::new();
    for id in styles.keys() {
        let mut at = id;
        // A chain of basedOn links, bounded against cycles.
        for _ in 0..16 {
            let Some(style) = styles.get(at) else { break };
            if let Some(level) = level_of(style) {
                levels.insert(id.clone(), level);
                break;
            }
            match &style.based_on {
                Some(parent) => at = parent,
                None => break,
            }
        }
    }
    levels
}

/// For each list (numId) and level: whether it is numbered, and where it starts.
fn numbering_formats(xml: &str) -> HashMap<(String, u8), (bool, u64)> {
    let mut abstracts: HashMap<String, HashMap<u8, (bool, u64)>> = HashMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut abstract_id: Option<String> = None;
    let mut level: Option<u8> = None;
    let mut num_id: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match local(e.name().as_ref()) {
                b"abstractNum" => abstract_id = attr(&e, b"abstractNumId"),
                b"lvl" => level = attr(&e, b"ilvl").and_then(|l| l.parse().ok()),
                b"numFmt" | b"start" => {
                    if let (Some(a), Some(l), Some(value)) = (&abstract_id, level, attr(&e, b"val"))
                    {
                        let entry = abstracts
                            .entry(a.clone())
                            .or_default()
                            .entry(l)
                            .or_insert((false, 1));
                        if local(e.name().as_ref()) == b"numFmt" {
                            entry.0 = !matches!(value.as_str(), "bullet" | "none");
                        } else {
                            entry.1 = value.parse().unwrap_or(1);
                        }
                    }
                }
                b"num" => num_id = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num_id, attr(&e, b"val")) {
                        nums.push((n.clone(), a));
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                b"abstractNum" => abstract_id = None,
                b"num" => num_id = None,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut formats = HashMap::new();
    for (num, abstract_id) in nums {
        if let Some(levels) = abstracts.get(&abstract_id) {
            for (&l, &format) in levels {
                formats.insert((num.clone(), l), format);
            }
        }
    }
    formats
}

fn core_properties(xml: &str) -> Metadata {
    let mut metadata = Metadata::default();
    let mut reader = Reader::from_str(xml);
    let mut field: Option<Vec<u8>> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => field = Some(local(e.name().as_ref()).to_vec()),
            Ok(Event::Text(t)) => {
                let value = t.xml_content().map(|v| collapse(&v)).unwrap_or_default();
                if value.is_empty() {
                    continue;
                }
                match field.as_deref() {
                    Some(b"title") => metadata.title = Some(value),
                    Some(b"creator") => metadata.author = Some(value),
                    Some(b"created") => metadata.date = Some(value),
                    _ => {}
                }
            }
            Ok(Event::End(_)) => field = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    metadata
}

/// One paragraph as it is read: its kind, and its text with styled runs.
#[derive(Default)]
struct Para {
    style: Option<String>,
    list: Option<(String, u8)>,
    outline: Option<u8>,
}

struct Body<'a> {
    styles: &'a HashMap<String, u8>,
    numbering: &'a HashMap<(String, u8), (bool, u64)>,
    /// The next number of each list level.
    counters: HashMap<(String, u8), u64>,
}

impl Body<'_> {
    /// Reads a document or footnotes part into `out`.
    // One match over the part's events: split up, its shared state would be passed around.
    #[allow(clippy::too_many_lines)]
    fn read(&mut self, xml: &str, out: &mut Builder, notes: bool) -> Result<(), FormatError> {
        let mut reader = Reader::from_str(xml);
        let mut para = Para::default();
        let mut in_text = false;
        let mut skip = 0usize;
        // Runs' bold and italic, applied when the run's text arrives.
        let (mut bold, mut italic) = (false, false);
        let mut in_run_props = false;
        let mut table: Vec<Vec<Vec<String>>> = Vec::new();
        let mut note_skipped = false;
        loop {
            let event = reader.read_event().map_err(damaged)?;
            match event {
                Event::Start(e) => {
                    let name = local(e.name().as_ref()).to_vec();
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match name.as_slice() {
                        b"footnote" if notes => {
                            note_skipped = attr(&e, b"type").is_some_and(|t| t != "normal");
                            if !note_skipped {
                                let id = attr(&e, b"id").unwrap_or_default();
                                out.begin(ParagraphKind::Text);
                                out.text(&format!("[{id}] "), ParagraphKind::Text);
                            }
                        }
                        b"p" => {
                            para = Para::default();
                            if table.is_empty() && !(notes && out.has_content()) {
                                out.end();
                            }
                        }
                        b"pPr" | b"numPr" | b"hyperlink" | b"r" | b"ins" | b"smartTag" | b"sdt"
                        | b"sdtContent" | b"fldSimple" | b"tr" | b"tc" => match name.as_slice() {
                            b"r" => (bold, italic) = (false, false),
                            b"tr" => {
                                if let Some(rows) = table.last_mut() {
                                    rows.push(Vec::new());
                                }
                            }
                            b"tc" => {
                                if let Some(row) = table.last_mut().and_then(|t| t.last_mut()) {
                                    row.push(String::new());
                                }
                            }
                            _ => {}
                        },
                        b"rPr" => in_run_props = true,
                        b"tbl" => {
                            out.end();
                            table.push(Vec::new());
                        }
                        b"t" => in_text = true,
                        // Deleted text, field codes, drawings' alternates, comments.
                        b"del" | b"instrText" | b"delText" | b"Fallback" | b"commentRangeStart" => {
                            skip = 1;
                        }
                        _ => {}
                    }
                }
                Event::Empty(e) => {
                    if skip > 0 {
                        continue;
                    }
                    match local(e.name().as_ref()) {
                        b"pStyle" => para.style = attr(&e, b"val"),
                        b"outlineLvl" => {
                            para.outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                        b"ilvl" => {
                            let level = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            para.list =
                                Some((para.list.take().map(|l| l.0).unwrap_or_default(), level));
                        }
                        b"numId" => {
                            let id = attr(&e, b"val").unwrap_or_default();
                            let level = para.list.as_ref().map_or(0, |l| l.1);
                            // numId 0 switches numbering off.
                            para.list = (id != "0").then_some((id, level));
                        }
                        b"b" if in_run_props => {
                            bold = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
                        }
                        b"i" if in_run_props => {
                            italic = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
                        }
                        b"tab" | b"br" | b"cr" if !in_run_props => {
                            push_text(out, &mut table, " ", (false, false));
                        }
                        b"footnoteReference" => {
                            let id = attr(&e, b"id").unwrap_or_default();
                            push_text(out, &mut table, &format!("[{id}]"), (false, false));
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_text && skip == 0 => {
                    let text = t.xml_content().map_err(damaged)?;
                    self.open_paragraph(out, &mut para, &table);
                    push_text(out, &mut table, &text, (bold, italic));
                }
                Event::GeneralRef(r) if in_text && skip == 0 => {
                    let name: &[u8] = &r;
                    let text = match name {
                        b"amp" => "&".to_string(),
                        b"lt" => "<".to_string(),
                        b"gt" => ">".to_string(),
                        b"quot" => "\"".to_string(),
                        b"apos" => "'".to_string(),
                        other => r.resolve_char_ref().ok().flatten().map_or_else(
                            || String::from_utf8_lossy(other).into_owned(),
                            String::from,
                        ),
                    };
                    self.open_paragraph(out, &mut para, &table);
                    push_text(out, &mut table, &text, (bold, italic));
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match local(e.name().as_ref()) {
                        b"t" => in_text = false,
                        b"rPr" => in_run_props = false,
                        b"p" => {
                            if table.is_empty() {
                                if !notes {
                                    out.end();
                                }
                            } else if let Some(cell) = table
                                .last_mut()
                                .and_then(|t| t.last_mut())
                                .and_then(|r| r.last_mut())
                            {
                                cell.push(' ');
                            }
                        }
                        b"tbl" => {
                            if let Some(rows) = table.pop() {
                                if table.is_empty() {
                                    out.table(&rows, true);
                                } else if let Some(cell) = table
                                    .last_mut()
                                    .and_then(|t| t.last_mut())
                                    .and_then(|r| r.last_mut())
                                {
                                    // A table inside a cell: its text joins the cell.
                                    for row in rows {
                                        cell.push_str(&row.join(" "));
                                        cell.push(' ');
                                    }
                                }
                            }
                        }
                        b"footnote" if notes && !note_skipped => {
                            out.end();
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out.end();
        Ok(())
    }

    /// Opens the block for the paragraph being read, when its first text arrives.
    fn open_paragraph(&mut self, out: &mut Builder, para: &mut Para, table: &[Vec<Vec<String>>]) {
        if !table.is_empty() || out.open_kind().is_some() {
            return;
        }
        let heading = para
            .style
            .as_ref()
            .and_then(|s| self.styles.get(s).copied())
            .or_else(|| para.outline.filter(|&l| l < 6).map(|l| l + 1));
        if let Some(level) = heading {
            out.begin(ParagraphKind::Heading(level));
            return;
        }
        if let Some((id, level)) = &para.list {
            let (numbered, start) = self
                .numbering
                .get(&(id.clone(), *level))
                .copied()
                .unwrap_or((false, 1));
            // Deeper levels start again under a new item.
            self.counters
                .retain(|(list, l), _| list != id || l <= level);
            let bullet = if numbered {
                let next = self.counters.entry((id.clone(), *level)).or_insert(start);
                let bullet = format!("{next}.");
                *next += 1;
                bullet
            } else if level % 2 == 0 {
                "•".to_string()
            } else {
                "◦".to_string()
            };
            out.begin_item(*level, &bullet);
            return;
        }
        let quote = para
            .style
            .as_ref()
            .is_some_and(|s| s.to_ascii_lowercase().contains("quote"));
        out.begin(if quote {
            ParagraphKind::Quote
        } else {
            ParagraphKind::Text
        });
    }
}

/// Text into the open table cell, else into the open block with the run's style.
fn push_text(
    out: &mut Builder,
    table: &mut [Vec<Vec<String>>],
    text: &str,
    (bold, italic): (bool, bool),
) {
    if let Some(cell) = table
        .last_mut()
        .and_then(|t| t.last_mut())
        .and_then(|r| r.last_mut())
    {
        cell.push_str(text);
        return;
    }
    let styles: Vec<Inline> = [(bold, Inline::Strong), (italic, Inline::Emphasis)]
        .into_iter()
        .filter_map(|(on, style)| on.then_some(style))
        .collect();
    for &style in &styles {
        out.start_inline(style);
    }
    out.text(text, ParagraphKind::Text);
    for &style in styles.iter().rev() {
        out.end_inline(style);
    }
}
