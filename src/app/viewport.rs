//! The reader pane's view of the text: the position of its top row, the wrapped rows of the
//! paragraphs in view (cached per width), and the rows on screen now.

use crate::core::document::{Document, Position};
use crate::core::ids::ParagraphId;
use crate::core::wrap::WrapCache;

/// One row of the reader pane as it is on screen now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenRow {
    /// A wrapped row of `paragraph`, `first` when it is the paragraph's first row.
    Text {
        paragraph: ParagraphId,
        start: usize,
        end: usize,
        first: bool,
    },
    /// The blank row after a paragraph.
    Gap { paragraph: ParagraphId },
}

/// A screen row in document terms: `row` counts the paragraph's wrapped rows, and one past
/// the last is the blank gap after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RowCursor {
    paragraph: usize,
    row: usize,
}

#[derive(Debug, Default)]
pub struct Viewport {
    top: Position,
    wrap: WrapCache,
    rows: Vec<ScreenRow>,
    height: usize,
}

impl Viewport {
    /// The start of the top row.
    pub fn top(&self) -> Position {
        self.top
    }

    /// The rows on screen, as of the last `refresh`.
    pub fn rows(&self) -> &[ScreenRow] {
        &self.rows
    }

    /// Rows of text the pane shows.
    pub fn height(&self) -> usize {
        self.height
    }

    /// How many paragraphs are wrapped now (for tests of laziness).
    pub fn wrapped_paragraphs(&self) -> usize {
        self.wrap.cached()
    }

    /// Sets the pane's text width and height; a new width wraps again when asked.
    pub fn set_size(&mut self, width: usize, height: usize) {
        self.wrap.set_width(width.max(1));
        self.height = height;
    }

    /// A new text under the view, `top` at the top, nothing of it wrapped yet.
    pub fn show(&mut self, document: &Document, top: Position) {
        self.wrap = WrapCache::with_width(self.wrap.width());
        self.top = top;
        self.refresh(document);
    }

    /// Puts `top` at the top as it is (a resumed or remapped position); the caller keeps
    /// it inside the document.
    pub fn set_top(&mut self, document: &Document, top: Position) {
        self.top = top;
        self.refresh(document);
    }

    /// Rebuilds the rows on screen from the top position.
    pub fn refresh(&mut self, document: &Document) {
        self.rows.clear();
        if document.paragraph_count() == 0 || self.height == 0 {
            return;
        }
        // No clamping here: a resize keeps the same text at the top even near the end.
        let mut cursor = self.cursor_of(document, self.top);
        for _ in 0..self.height {
            let row = self.screen_row(document, cursor);
            self.rows.push(row);
            let next = self.advance(document, cursor, 1);
            if next == cursor {
                break;
            }
            cursor = next;
        }
    }

    /// Scrolls by `lines` rows, never past the row that shows the end at the bottom.
    pub fn scroll(&mut self, document: &Document, lines: isize) {
        if document.paragraph_count() == 0 {
            return;
        }
        let cursor = self.cursor_of(document, self.top);
        let max_top = self.max_top(document);
        let moved = self.advance(document, cursor, lines).min(max_top);
        self.top = self.position_of(document, moved);
        self.refresh(document);
    }

    pub fn to_start(&mut self, document: &Document) {
        self.top = document.start_position();
        self.refresh(document);
    }

    /// The end of the text at the bottom of the pane.
    pub fn to_end(&mut self, document: &Document) {
        let last = self.max_top(document);
        self.top = self.position_of(document, last);
        self.refresh(document);
    }

    /// Whether document offset `offset` is on a row on screen.
    pub fn is_on_screen(&self, offset: usize) -> bool {
        self.rows.iter().any(|row| match *row {
            ScreenRow::Text { start, end, .. } => start <= offset && offset < end.max(start + 1),
            ScreenRow::Gap { .. } => false,
        })
    }

    /// The document offset just past the last row on screen.
    pub fn bottom_offset(&self) -> usize {
        self.rows
            .iter()
            .rev()
            .find_map(|row| match row {
                ScreenRow::Text { end, .. } => Some(*end),
                ScreenRow::Gap { .. } => None,
            })
            .unwrap_or(self.top.offset)
    }

    /// Shows the text at `offset` of `paragraph`: its paragraph at the top, or its row when
    /// the paragraph is taller than the pane. Unless `always`, a visible target leaves the
    /// view still.
    pub fn bring_into_view(
        &mut self,
        document: &Document,
        paragraph: ParagraphId,
        offset: usize,
        always: bool,
    ) {
        if !always && self.is_on_screen(offset) {
            return;
        }
        // The paragraph's start when that shows the target too, else the target's row.
        let row = self.cursor_of(document, Position { paragraph, offset });
        let target = if row.row < self.height {
            RowCursor {
                paragraph: row.paragraph,
                row: 0,
            }
        } else {
            row
        };
        let max_top = self.max_top(document);
        self.top = self.position_of(document, target.min(max_top));
        self.refresh(document);
    }

    /// Rows of paragraph `paragraph` including the gap after it (the last has none).
    fn row_count(&mut self, document: &Document, paragraph: usize) -> usize {
        let rows = self.wrap.rows(document, paragraph).len();
        rows + usize::from(paragraph + 1 < document.paragraph_count())
    }

    fn cursor_of(&mut self, document: &Document, position: Position) -> RowCursor {
        let count = document.paragraph_count();
        if count == 0 {
            return RowCursor {
                paragraph: 0,
                row: 0,
            };
        }
        let paragraph = position.paragraph.index().min(count - 1);
        let end = document.paragraphs()[paragraph].end;
        let rows = self.wrap.rows(document, paragraph);
        let row = if position.offset >= end && paragraph + 1 < count {
            rows.len()
        } else {
            rows.partition_point(|r| r.start <= position.offset)
                .saturating_sub(1)
        };
        RowCursor { paragraph, row }
    }

    fn position_of(&mut self, document: &Document, cursor: RowCursor) -> Position {
        if cursor.paragraph >= document.paragraph_count() {
            return document.start_position();
        }
        let end = document.paragraphs()[cursor.paragraph].end;
        let rows = self.wrap.rows(document, cursor.paragraph);
        Position {
            paragraph: ParagraphId::new(cursor.paragraph),
            offset: rows.get(cursor.row).map_or(end, |r| r.start),
        }
    }

    fn screen_row(&mut self, document: &Document, cursor: RowCursor) -> ScreenRow {
        let paragraph = ParagraphId::new(cursor.paragraph);
        let rows = self.wrap.rows(document, cursor.paragraph);
        match rows.get(cursor.row) {
            Some(row) => ScreenRow::Text {
                paragraph,
                start: row.start,
                end: row.end,
                first: cursor.row == 0,
            },
            None => ScreenRow::Gap { paragraph },
        }
    }

    /// Moves a row cursor by `delta` rows, stopping at either end of the document.
    fn advance(&mut self, document: &Document, mut cursor: RowCursor, delta: isize) -> RowCursor {
        let paragraphs = document.paragraph_count();
        let mut left = delta.unsigned_abs();
        if delta > 0 {
            while left > 0 {
                let count = self.row_count(document, cursor.paragraph);
                if cursor.row + left < count {
                    cursor.row += left;
                    break;
                }
                if cursor.paragraph + 1 >= paragraphs {
                    cursor.row = count - 1;
                    break;
                }
                left -= count - cursor.row;
                cursor = RowCursor {
                    paragraph: cursor.paragraph + 1,
                    row: 0,
                };
            }
        } else {
            while left > 0 {
                if cursor.row >= left {
                    cursor.row -= left;
                    break;
                }
                if cursor.paragraph == 0 {
                    cursor.row = 0;
                    break;
                }
                left -= cursor.row + 1;
                cursor.paragraph -= 1;
                cursor.row = self.row_count(document, cursor.paragraph) - 1;
            }
        }
        cursor
    }

    /// The lowest top row: the one that puts the document's last row at the bottom.
    fn max_top(&mut self, document: &Document) -> RowCursor {
        let Some(last) = document.paragraph_count().checked_sub(1) else {
            return RowCursor {
                paragraph: 0,
                row: 0,
            };
        };
        let end = RowCursor {
            paragraph: last,
            row: self.row_count(document, last) - 1,
        };
        let back = self.height.saturating_sub(1) as isize;
        self.advance(document, end, -back)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Source};

    fn view_of(text: &str, width: usize, height: usize) -> (Document, Viewport) {
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let mut view = Viewport::default();
        view.set_size(width, height);
        view.show(&document, document.start_position());
        (document, view)
    }

    #[test]
    fn rows_and_gaps_fill_the_pane_from_the_top() {
        let (_, view) = view_of("one two three\n\nfour", 8, 10);
        let kinds: Vec<bool> = view
            .rows()
            .iter()
            .map(|r| matches!(r, ScreenRow::Text { .. }))
            .collect();
        assert_eq!(kinds, [true, true, false, true], "two rows, a gap, one row");
    }

    #[test]
    fn scrolling_stops_with_the_end_at_the_bottom() {
        let text = (0..20)
            .map(|n| format!("paragraph {n}"))
            .collect::<Vec<_>>()
            .join("\n\n");
        let (document, mut view) = view_of(&text, 40, 5);
        view.scroll(&document, 1000);
        let Some(ScreenRow::Text { paragraph, .. }) = view.rows().last().copied() else {
            panic!("the last row is text");
        };
        assert_eq!(paragraph.index(), 19);
        assert_eq!(view.rows().len(), 5);
        view.scroll(&document, -1000);
        assert_eq!(view.top(), document.start_position());
    }

    #[test]
    fn a_target_on_screen_leaves_the_view_still_unless_asked() {
        let text = (0..20)
            .map(|n| format!("paragraph {n}"))
            .collect::<Vec<_>>()
            .join("\n\n");
        let (document, mut view) = view_of(&text, 40, 5);
        let second = document.paragraphs()[1];
        view.bring_into_view(&document, ParagraphId::new(1), second.start, false);
        assert_eq!(view.top(), document.start_position());
        view.bring_into_view(&document, ParagraphId::new(1), second.start, true);
        assert_eq!(view.top().offset, second.start);
    }
}
