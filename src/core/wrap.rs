//! Word wrapping in terminal cells, one paragraph at a time, cached per width.

use std::collections::HashMap;

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;

use crate::core::document::{Document, ParagraphKind};
use crate::core::sanitize::{Glyph, glyph, glyph_width};

/// More paragraphs than this in the cache and it starts again (long sessions on huge files).
const CACHE_PARAGRAPHS: usize = 8192;

/// One screen row of a paragraph: a byte range of the document, trailing space excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
}

/// A run of text that wrapping keeps together, with the space after it.
#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    space: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Cuts `text` into pieces: words between spaces, each wide (CJK) character on its own, and
/// any piece wider than `width` split so that it fits.
fn pieces(text: &str, base: usize, width: usize) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut word: Option<Piece> = None;
    for (at, c) in text.char_indices() {
        let start = base + at;
        let end = start + c.len_utf8();
        let shown = glyph(c);
        let cells = glyph_width(shown);
        if let Glyph::Space(_) = shown {
            if let Some(done) = word.take() {
                pieces.push(done);
            }
            match pieces.last_mut() {
                Some(last) if last.end == start || last.space > 0 => last.space += cells,
                _ => {}
            }
            continue;
        }
        let wide = cells > 1 && matches!(shown, Glyph::Plain(..));
        let too_long = word.as_ref().is_some_and(|w| w.width + cells > width);
        if (wide || too_long)
            && let Some(done) = word.take()
        {
            pieces.push(done);
        }
        match &mut word {
            Some(current) => {
                current.end = end;
                current.width += cells;
            }
            None => {
                word = Some(Piece {
                    start,
                    end,
                    width: cells,
                    space: 0,
                });
            }
        }
        if wide && let Some(done) = word.take() {
            pieces.push(done);
        }
    }
    if let Some(done) = word.take() {
        pieces.push(done);
    }
    pieces
}

/// The rows of one paragraph (`text` starts at `base` in the document) at `width` cells.
pub fn wrap_paragraph(text: &str, base: usize, width: usize) -> Vec<Row> {
    wrap_indented(text, base, width, width)
}

/// Cells a block of `kind` is indented by on its first row and on the rows after: a list
/// item by its depth, and its later rows under its text rather than its bullet.
pub fn indent(kind: ParagraphKind, text: &str) -> (usize, usize) {
    match kind {
        ParagraphKind::ListItem(depth) => {
            let first = 2 * usize::from(depth);
            let bullet = text.split(' ').next().map_or(0, |b| b.chars().count() + 1);
            (first, first + bullet.min(8))
        }
        ParagraphKind::Quote => (2, 2),
        _ => (0, 0),
    }
}

/// The rows of a code block or table: each line as it is, cut where it is wider than `width`.
pub fn wrap_preformatted(text: &str, base: usize, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut start = line_start;
        let mut cells = 0;
        for (at, c) in line.char_indices() {
            let w = match glyph(c) {
                Glyph::Space(_) if c == '\t' => crate::core::sanitize::TAB_WIDTH,
                shown => glyph_width(shown),
            };
            if cells + w > width && cells > 0 {
                rows.push(Row {
                    start: base + start,
                    end: base + line_start + at,
                });
                start = line_start + at;
                cells = 0;
            }
            cells += w;
        }
        rows.push(Row {
            start: base + start,
            end: base + line_start + line.len(),
        });
        line_start += line.len() + 1;
    }
    rows
}

/// The rows of running text, the first `first` cells wide and the rest `rest` wide.
fn wrap_indented(text: &str, base: usize, first: usize, rest: usize) -> Vec<Row> {
    let (first, rest) = (first.max(1), rest.max(1));
    let width = first.min(rest);
    let pieces = pieces(text, base, width);
    if pieces.is_empty() {
        return vec![Row {
            start: base,
            end: base,
        }];
    }
    wrap_first_fit(&pieces, &[first as f64, rest as f64])
        .into_iter()
        .filter_map(|line| {
            Some(Row {
                start: line.first()?.start,
                end: line.last()?.end,
            })
        })
        .collect()
}

/// Wrapped rows of paragraphs at one width, built on first use.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    rows: HashMap<usize, Vec<Row>>,
}

impl WrapCache {
    /// An empty cache for rows `width` cells wide.
    pub fn with_width(width: usize) -> WrapCache {
        WrapCache {
            width,
            rows: HashMap::new(),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Sets the width; a new width forgets every wrapped paragraph.
    pub fn set_width(&mut self, width: usize) {
        if width != self.width {
            self.width = width;
            self.rows.clear();
        }
    }

    pub fn rows(&mut self, document: &Document, paragraph: usize) -> &[Row] {
        if self.rows.len() >= CACHE_PARAGRAPHS && !self.rows.contains_key(&paragraph) {
            self.rows.clear();
        }
        let width = self.width;
        self.rows.entry(paragraph).or_insert_with(|| {
            let p = document.paragraphs()[paragraph];
            let text = &document.text()[p.start..p.end];
            if p.kind.is_preformatted() {
                return wrap_preformatted(text, p.start, width);
            }
            let (first, rest) = indent(p.kind, text);
            wrap_indented(
                text,
                p.start,
                width.saturating_sub(first),
                width.saturating_sub(rest),
            )
        })
    }

    /// How many paragraphs are wrapped now (for tests of laziness).
    pub fn cached(&self) -> usize {
        self.rows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sanitize::clean;
    use unicode_width::UnicodeWidthStr;

    fn shown(text: &str, width: usize) -> Vec<String> {
        wrap_paragraph(text, 0, width)
            .iter()
            .map(|r| clean(&text[r.start..r.end]))
            .collect()
    }

    #[test]
    fn wraps_words_at_the_width() {
        assert_eq!(
            shown("the quick brown fox jumps over", 10),
            ["the quick", "brown fox", "jumps over"]
        );
    }

    #[test]
    fn hard_line_breaks_are_spaces() {
        assert_eq!(shown("one\ntwo three", 9), ["one two", "three"]);
    }

    #[test]
    fn wide_characters_take_two_cells_and_may_break_anywhere() {
        let rows = shown("한국어 문장입니다 그리고", 6);
        for row in &rows {
            assert!(row.width() <= 6, "{row:?} in {rows:?}");
        }
        assert_eq!(rows.concat().replace(' ', ""), "한국어문장입니다그리고");
    }

    #[test]
    fn emoji_take_two_cells() {
        let rows = shown("🙂🙂🙂🙂", 4);
        assert_eq!(rows, ["🙂🙂", "🙂🙂"]);
    }

    #[test]
    fn a_word_longer_than_the_width_is_split() {
        let word = "x".repeat(25);
        let rows = shown(&word, 10);
        assert_eq!(
            rows.iter().map(String::len).collect::<Vec<_>>(),
            [10, 10, 5]
        );
    }

    #[test]
    fn markers_count_their_width() {
        let rows = shown("a\u{202E}b cd", 8);
        assert_eq!(rows, ["a⟨202E⟩b", "cd"]);
    }

    #[test]
    fn rows_cover_the_paragraph_in_order() {
        let text = "Over the years, the bilateral relations between the two states changed.";
        let rows = wrap_paragraph(text, 100, 17);
        assert_eq!(rows[0].start, 100);
        assert_eq!(rows.last().unwrap().end, 100 + text.len());
        for pair in rows.windows(2) {
            assert!(pair[0].end < pair[1].start);
        }
    }

    #[test]
    fn code_lines_are_kept_and_cut_only_when_too_wide() {
        let text = "fn main() {\n\n    run(1234);\n}";
        let rows: Vec<&str> = wrap_preformatted(text, 0, 8)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(rows, ["fn main(", ") {", "", "    run(", "1234);", "}"]);
    }

    #[test]
    fn list_items_hang_under_their_text() {
        assert_eq!(indent(ParagraphKind::ListItem(1), "12. item"), (2, 6));
        let rows = wrap_indented("• one two three", 0, 9, 7);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn width_one_never_loops() {
        assert_eq!(shown("ab c", 1), ["a", "b", "c"]);
        assert_eq!(shown("", 5), [""]);
    }
}
