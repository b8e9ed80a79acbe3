//! PDF: the characters and their positions come from pdf-extract (chosen by measurement
//! against `pdf_oxide` and lopdf: as accurate on Chromium and `LibreOffice` files, faster, and a
//! fraction of the build). The layout is ours: no crate joins lines into paragraphs, drops
//! running headers, or reads columns in order.
//!
//! Lines are built from characters in content order, a page with a clear gutter is read
//! column by column, text repeated at the same height on most pages is dropped as running
//! headers and footers, and lines are joined into paragraphs by spacing, indentation,
//! size and punctuation. Larger text than the body's makes headings.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::Document as Pdf;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::builder::Builder;
use super::{Format, FormatError};
use crate::core::document::{Converted, Metadata, ParagraphKind};

/// PDFs with more pages are refused: a file with a million empty pages is hostile, and no
/// report has this many.
const MAX_PAGES: usize = 20_000;

/// One character where the page shows it (y grows downwards).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// The characters of each page, as pdf-extract reports them.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    flip: f64,
    warnings: Vec<String>,
    /// Stop after this many pages (the first screen of a long PDF).
    limit: Option<usize>,
}

#[derive(Default)]
struct Page {
    width: f64,
    height: f64,
    glyphs: Vec<Glyph>,
    /// Indexes into `glyphs` where a text-showing operation started.
    words: Vec<usize>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if self.limit.is_some_and(|limit| self.pages.len() >= limit) {
            // pdf-extract has no other way to stop early.
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.flip = media.ury;
        self.pages.push(Page {
            width: (media.urx - media.llx).abs(),
            height: (media.ury - media.lly).abs(),
            ..Page::default()
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The size as drawn: the square with the area of the transformed (size, size) box.
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        let x = trm.m31;
        let y = self.flip - trm.m32;
        if let Some(page) = self.pages.last_mut()
            && size.is_finite()
            && x.is_finite()
            && y.is_finite()
        {
            page.glyphs.push(Glyph {
                x,
                y,
                end: x + width * size,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        if let Some(page) = self.pages.last_mut() {
            page.words.push(page.glyphs.len());
        }
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// 0 across the page, 1 in the left column, 2 in the right.
    column: u8,
    /// How wide the line's first word is.
    lead: f64,
    text: String,
}

pub fn convert(bytes: &[u8]) -> Result<Converted, FormatError> {
    convert_pages(bytes, None).map(|(converted, _)| converted)
}

/// The first `pages` pages of a PDF with more than twice as many, less the block that may go
/// on over the page break, for a first screen while the whole is read; `None` for a shorter PDF.
pub fn convert_head(bytes: &[u8], pages: usize) -> Result<Option<Converted>, FormatError> {
    let (mut head, page_count) = convert_pages(bytes, Some(pages))?;
    if page_count <= pages * 2 || head.paragraphs.len() < 2 {
        return Ok(None);
    }
    head.paragraphs.pop();
    let end = head.paragraphs.last().map_or(0, |p| p.end);
    head.text.truncate(end);
    head.inline.retain(|s| s.end <= end);
    head.unsearched.retain(|r| r.1 <= end);
    head.warnings.clear();
    Ok(Some(head))
}

/// The PDF's blocks, of the first `limit` pages if given, and its page count.
fn convert_pages(bytes: &[u8], limit: Option<usize>) -> Result<(Converted, usize), FormatError> {
    let damaged =
        |e: &dyn std::fmt::Display| FormatError::Damaged(Format::Pdf, first_line(&e.to_string()));
    let mut pdf = match Pdf::load_mem(bytes) {
        Ok(pdf) => pdf,
        Err(lopdf::Error::Decryption(_)) => return Err(FormatError::Encrypted),
        Err(e) => return Err(damaged(&e)),
    };
    if pdf.is_encrypted() && pdf.decrypt("").is_err() {
        return Err(FormatError::Encrypted);
    }
    let page_count = pdf.get_pages().len();
    if page_count > MAX_PAGES {
        return Err(FormatError::TooManyPages {
            pages: page_count,
            limit: MAX_PAGES,
        });
    }
    let mut collector = Collector {
        limit,
        ..Collector::default()
    };
    // pdf-extract panics on some malformed files; a damaged file must not take the reader
    // down. One pass over the pages: asking for them one by one walks the page tree each time.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&pdf, &mut collector)
    }));
    match outcome {
        Err(_) => {
            return Err(FormatError::Damaged(
                Format::Pdf,
                "its text could not be read".into(),
            ));
        }
        Ok(Err(error)) if collector.pages.len() < limit.unwrap_or(page_count).min(page_count) => {
            collector.warnings.push(format!(
                "page {} could not be read ({}); the pages after it are left out",
                collector.pages.len().max(1),
                first_line(&error.to_string())
            ));
        }
        Ok(_) => {}
    }
    let characters: usize = collector.pages.iter().map(|p| p.glyphs.len()).sum();
    if characters < 16 {
        return Err(FormatError::NoText);
    }
    let mut out = Builder::new();
    let lines = drop_running_lines(
        collector
            .pages
            .iter()
            .enumerate()
            .flat_map(|(i, page)| page_lines(i, page))
            .collect(),
        &collector.pages,
    );
    paragraphs(&lines, &mut out);
    out.metadata = info(&pdf);
    out.warnings.append(&mut collector.warnings);
    Ok((out.finish(), page_count))
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

/// Title and author from the document information dictionary.
fn info(pdf: &Pdf) -> Metadata {
    let dictionary = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| pdf.dereference(info).ok())
        .and_then(|(_, object)| object.as_dict().ok().cloned());
    let field = |key: &[u8]| {
        dictionary
            .as_ref()?
            .get(key)
            .ok()
            .and_then(|v| v.as_str().ok())
            .map(decode_text_string)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    Metadata {
        title: field(b"Title"),
        author: field(b"Author"),
        date: None,
    }
}

/// A PDF text string: UTF-16 with a BOM, else `PDFDocEncoding` (Latin-1 for what matters).
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The lines of one page, in reading order: column by column when the page has two.
fn page_lines(index: usize, page: &Page) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    let mut word_starts = page.words.iter().peekable();
    let mut last_end = f64::MIN;
    for (i, glyph) in page.glyphs.iter().enumerate() {
        let starts_word = word_starts.next_if(|&&w| w <= i).is_some();
        while word_starts.next_if(|&&w| w <= i).is_some() {}
        let size = glyph.size.max(1.0);
        let new_line = current.as_ref().is_none_or(|line| {
            (glyph.y - line.y).abs() > size * 0.5 || glyph.x < last_end - size * 2.0
        });
        if new_line {
            if let Some(done) = current.take() {
                lines.push(done);
            }
            current = Some(Line {
                page: index,
                x0: glyph.x,
                x1: glyph.end,
                y: glyph.y,
                size,
                column: 0,
                lead: 0.0,
                text: String::new(),
            });
        }
        let Some(line) = current.as_mut() else {
            continue;
        };
        let gap = glyph.x - last_end;
        let spaced = line.text.ends_with(' ') || line.text.is_empty();
        if !new_line && !spaced && (gap > size * 0.15 || (starts_word && gap > size * 0.1)) {
            line.text.push(' ');
        }
        if line.lead == 0.0 && line.text.ends_with(' ') {
            line.lead = last_end - line.x0;
        }
        if glyph.text.chars().all(char::is_whitespace) {
            if !line.text.is_empty() && !line.text.ends_with(' ') {
                line.text.push(' ');
                if line.lead == 0.0 {
                    line.lead = last_end - line.x0;
                }
            }
        } else {
            line.text.push_str(&glyph.text);
            line.x1 = line.x1.max(glyph.end);
            line.size = line.size.max(size);
        }
        last_end = glyph.end;
    }
    lines.extend(current);
    for line in &mut lines {
        line.text = line.text.trim().to_string();
        if line.lead == 0.0 {
            line.lead = line.x1 - line.x0;
        }
    }
    lines.retain(|l| !l.text.is_empty());
    in_columns(lines, page.width)
}

/// Lines of a two-column page reordered column by column; lines across the gutter (titles)
/// keep their place between the runs of columns.
fn in_columns(lines: Vec<Line>, width: f64) -> Vec<Line> {
    let middle = width / 2.0;
    let left = lines.iter().filter(|l| l.x1 < middle).count();
    let right = lines.iter().filter(|l| l.x0 > middle).count();
    let across = lines.len() - left - right;
    if left < 5 || right < 5 || across * 4 > lines.len() {
        return lines;
    }
    let mut ordered = Vec::with_capacity(lines.len());
    let mut run: Vec<Line> = Vec::new();
    let mut sorted = lines;
    for line in &mut sorted {
        line.column = if line.x1 < middle {
            1
        } else if line.x0 > middle {
            2
        } else {
            0
        };
    }
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    let flush = |run: &mut Vec<Line>, ordered: &mut Vec<Line>| {
        let (mut l, mut r): (Vec<Line>, Vec<Line>) =
            run.drain(..).partition(|line| line.x1 < middle);
        l.sort_by(|a, b| a.y.total_cmp(&b.y));
        r.sort_by(|a, b| a.y.total_cmp(&b.y));
        ordered.extend(l);
        ordered.extend(r);
    };
    for line in sorted {
        if line.x0 <= middle && line.x1 >= middle {
            flush(&mut run, &mut ordered);
            ordered.push(line);
        } else {
            run.push(line);
        }
    }
    flush(&mut run, &mut ordered);
    ordered
}

/// What a line says once its numbers are taken out, for telling repeated lines apart.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Drops running headers and footers (the same text at the same height on most pages)
/// and page numbers at the top or bottom of a page.
fn drop_running_lines(lines: Vec<Line>, pages: &[Page]) -> Vec<Line> {
    let page_total = pages.len().max(1);
    let in_margin = |line: &Line| {
        let height = pages.get(line.page).map_or(792.0, |p| p.height).max(1.0);
        line.y < height * 0.1 || line.y > height * 0.9
    };
    let key = |line: &Line| (shape(&line.text), (line.y / 4.0).round() as i64);
    let mut seen: HashMap<(String, i64), Vec<usize>> = HashMap::new();
    for line in lines.iter().filter(|l| in_margin(l)) {
        let pages = seen.entry(key(line)).or_default();
        if pages.last() != Some(&line.page) {
            pages.push(line.page);
        }
    }
    // On at least half of the pages, and on two at least.
    let repeated = |line: &Line| {
        seen.get(&key(line))
            .is_some_and(|p| p.len() >= 2 && p.len() * 2 >= page_total)
    };
    lines
        .into_iter()
        .filter(|line| !(in_margin(line) && (repeated(line) || is_page_number(&line.text))))
        .collect()
}

/// "12", "- 12 -", "Page 12", "12 of 40", "12/40".
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let rest = lower.trim_start_matches("page").trim();
    !rest.is_empty()
        && rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '–')
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || w == "of")
}

/// A bullet a list item starts with, if any.
fn bullet(text: &str) -> Option<(&str, &str)> {
    let (first, rest) = text.split_once(' ')?;
    let is_bullet = matches!(
        first,
        "•" | "◦" | "▪" | "‣" | "–" | "-" | "*" | "·" | "○" | "■"
    ) || (first.len() <= 4
        && first.ends_with(['.', ')'])
        && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit())
        && first.len() > 1);
    is_bullet.then_some((first, rest))
}

/// Joins the lines into blocks.
// The rules for a break read best together, in one place.
#[allow(clippy::too_many_lines)]
fn paragraphs(lines: &[Line], out: &mut Builder) {
    let body = body_size(lines);
    let spacing = line_spacing(lines, body);
    let mut heading_sizes: Vec<f64> = lines
        .iter()
        .filter(|l| l.size > body * 1.12)
        .map(|l| (l.size * 2.0).round() / 2.0)
        .collect();
    heading_sizes.sort_by(|a, b| b.total_cmp(a));
    heading_sizes.dedup();
    let level_of = |size: f64| {
        let rounded = (size * 2.0).round() / 2.0;
        let rank = heading_sizes
            .iter()
            .position(|&s| s <= rounded)
            .unwrap_or(0);
        (rank + 1).min(6) as u8
    };
    // The left and right edges of the body text in each column of each page: the leftmost
    // start, and the end three lines in four stay within (ragged lines overshoot).
    let mut ends: HashMap<(usize, u8), (f64, Vec<f64>)> = HashMap::new();
    for line in lines.iter().filter(|l| (l.size - body).abs() < 0.5) {
        let edge = ends
            .entry((line.page, line.column))
            .or_insert((f64::MAX, Vec::new()));
        edge.0 = edge.0.min(line.x0);
        edge.1.push(line.x1);
    }
    let edges: HashMap<(usize, u8), (f64, f64)> = ends
        .into_iter()
        .map(|(key, (left, mut rights))| {
            rights.sort_by(f64::total_cmp);
            (key, (left, rights[rights.len() * 3 / 4]))
        })
        .collect();
    let vocabulary = vocabulary(lines);
    let mut previous: Option<&Line> = None;
    let mut list_x: Option<f64> = None;
    for line in lines {
        let heading = line.size > body * 1.12 && line.text.split_whitespace().count() <= 25;
        let kind_now = out.open_kind();
        let (left, _) = edges
            .get(&(line.page, line.column))
            .copied()
            .unwrap_or((0.0, f64::MAX));
        let breaks = match previous {
            None => true,
            Some(prev) => {
                let (prev_left, right) = edges
                    .get(&(prev.page, prev.column))
                    .copied()
                    .unwrap_or((0.0, f64::MAX));
                // An indented line (a block quote) is taken to be indented on the right as well.
                let inset = prev.x0 - prev_left;
                let right = if inset > body { right - inset } else { right };
                // Same column of the same page; else the text went on to the next column or page.
                let flowing = prev.page == line.page && prev.column == line.column;
                let gap = line.y - prev.y;
                let size_changed = (line.size - prev.size).abs() > 0.6;
                // The previous line ended where the next line's first word would have fitted.
                let ended_early = prev.x1 + prev.size * 0.25 + line.lead < right;
                let ends_sentence = prev.text.ends_with(['.', '!', '?', ':', '"', '”', ')']);
                let indented = line.x0 > left + body && line.x0 < left + body * 6.0 && !heading;
                let wide_gap = flowing && (gap > spacing * 1.35 || gap < 0.0);
                size_changed
                    || wide_gap
                    || ended_early
                    || (!flowing
                        && kind_now.is_some_and(|k| matches!(k, ParagraphKind::Heading(_))))
                    || (indented && ends_sentence)
                    || bullet(&line.text).is_some_and(|(mark, _)| !matches!(mark, "–" | "-"))
            }
        };
        if breaks {
            out.end();
            if heading {
                out.begin(ParagraphKind::Heading(level_of(line.size)));
                out.text(&line.text, ParagraphKind::Text);
                list_x = None;
            } else if let Some((mark, rest)) = bullet(&line.text) {
                // (Dashes open an item only where a block starts anyway; mid-paragraph they
                // are punctuation.)
                let depth = match list_x {
                    Some(x) if line.x0 > x + body => 1,
                    Some(_) => 0,
                    None => {
                        list_x = Some(line.x0);
                        0
                    }
                };
                let mark = if matches!(mark, "–" | "-" | "*" | "·" | "▪" | "■") {
                    "•"
                } else {
                    mark
                };
                out.begin_item(depth, mark);
                out.text(rest, ParagraphKind::Text);
            } else {
                if list_x.is_none_or(|x| line.x0 <= x) {
                    list_x = None;
                }
                out.begin(ParagraphKind::Text);
                out.text(&line.text, ParagraphKind::Text);
            }
        } else {
            join(
                out,
                previous.map_or("", |p| p.text.as_str()),
                &line.text,
                &vocabulary,
            );
        }
        previous = Some(line);
    }
    out.end();
}

/// The words of the text in lower case, to tell a word broken at a line's end from a
/// compound written with a hyphen.
fn vocabulary(lines: &[Line]) -> std::collections::HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// Continues the open block with the next line. A line ending in a hyphen before a word in
/// lower case joins that word: without the hyphen where the joined word is used elsewhere
/// in the text or the hyphen is a soft one, else with it ("public-domain", since Chromium and
/// `LibreOffice` do not hyphenate on their own).
fn join(
    out: &mut Builder,
    previous: &str,
    next: &str,
    vocabulary: &std::collections::HashSet<String>,
) {
    let soft = previous.ends_with('\u{AD}');
    let hyphenated = (previous.ends_with('-') || soft)
        && previous
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        let head: String = previous[..previous.len() - if soft { 2 } else { 1 }]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{head}{tail}").to_lowercase();
        if soft || vocabulary.contains(&joined) {
            out.unpush_last_char();
        }
        out.text(next, ParagraphKind::Text);
    } else {
        out.space();
        out.text(next, ParagraphKind::Text);
    }
}

/// The size most of the text is set in.
fn body_size(lines: &[Line]) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for line in lines {
        *counts.entry((line.size * 2.0).round() as i64).or_default() += line.text.len();
    }
    counts
        .into_iter()
        .max_by_key(|&(size, count)| (count, -size))
        .map_or(10.0, |(size, _)| size as f64 / 2.0)
}

/// The usual distance between the baselines of body text.
fn line_spacing(lines: &[Line], body: f64) -> f64 {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter(|w| {
            w[0].page == w[1].page
                && (w[0].size - body).abs() < 0.5
                && (w[1].size - body).abs() < 0.5
        })
        .map(|w| w[1].y - w[0].y)
        .filter(|&g| g > body * 0.8 && g < body * 3.0)
        .collect();
    if gaps.is_empty() {
        return body * 1.2;
    }
    gaps.sort_by(f64::total_cmp);
    gaps[gaps.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_told() {
        for text in ["12", "- 12 -", "Page 3", "3 of 40", "3/40"] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["1991 was a year", "Page two", "The 12 apostles"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn bullets_are_told() {
        assert_eq!(bullet("• first item"), Some(("•", "first item")));
        assert_eq!(bullet("12. twelfth"), Some(("12.", "twelfth")));
        assert_eq!(bullet("1991. A year"), None);
        assert_eq!(bullet("In 1991, a state"), None);
    }

    #[test]
    fn lines_of_numbers_share_a_shape() {
        assert_eq!(shape("Page 3 of 10"), shape("Page 12 of 10"));
    }
}
