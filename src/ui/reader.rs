//! The reader pane: the gutter with ¶ numbers and topic marks, and the wrapped text with its
//! highlights. Only the rows on screen are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::App;
use crate::app::viewport::ScreenRow;
use crate::core::document::ParagraphKind;
use crate::core::ids::ParagraphId;
use crate::core::sanitize::{Glyph, TAB_WIDTH, glyph};
use crate::core::wrap::indent;
use crate::ui::palette::Palette;

/// A highlighted byte range and its style; later ones win where they overlap.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    style: Style,
}

/// Marks for the sorted `ranges`, which start at index `first` of their list, until one
/// starts at `end` or later; the `current` one gets the second style.
fn push_marks(
    marks: &mut Vec<Mark>,
    ranges: impl Iterator<Item = (usize, usize)>,
    first: usize,
    end: usize,
    current: Option<usize>,
    (style, current_style): (Style, Style),
) {
    for (i, (from, to)) in (first..).zip(ranges) {
        if from >= end {
            break;
        }
        let style = if current == Some(i) {
            current_style
        } else {
            style
        };
        marks.push(Mark {
            start: from,
            end: to,
            style,
        });
    }
}

pub struct ReaderPane<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
}

impl ReaderPane<'_> {
    /// Highlights that touch `start..end`: the selected topic's mentions, then search hits.
    fn marks(&self, start: usize, end: usize) -> Vec<Mark> {
        let app = self.app;
        let palette = self.palette;
        let mut marks = Vec::new();
        if let Some(selection) = app.selection().filter(|_| app.search().is_none()) {
            let mentions = &app.index().get(selection.topic).mentions;
            // Sliced, not skipped: skipping walks every mention before the screen.
            let first = mentions.partition_point(|m| m.end() <= start);
            let ranges = mentions[first..].iter().map(|m| (m.start, m.end()));
            let styles = (palette.mention, palette.current_mention);
            push_marks(&mut marks, ranges, first, end, selection.current, styles);
        }
        if let Some(search) = app.search() {
            let first = search.hits.partition_point(|h| h.end <= start);
            let ranges = search.hits[first..].iter().map(|h| (h.start, h.end));
            let styles = (palette.hit, palette.current_hit);
            push_marks(&mut marks, ranges, first, end, search.current, styles);
        }
        marks
    }

    fn text_line(&self, paragraph: ParagraphId, start: usize, end: usize) -> Line<'static> {
        let app = self.app;
        let document = app.document();
        let base = match document.paragraph(paragraph).kind {
            ParagraphKind::Heading(_) => self.palette.heading,
            ParagraphKind::Code | ParagraphKind::Table => self.palette.code,
            ParagraphKind::Quote => self.palette.quote,
            ParagraphKind::Text | ParagraphKind::ListItem(_) => Style::new(),
        };
        let inline = document.inline_within(start, end);
        let marks = self.marks(start, end);
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut run = String::new();
        let mut run_style = base;
        let text = &document.text()[start..end];
        let mut column = 0;
        for (at, c) in text.char_indices() {
            let offset = start + at;
            let styled = inline
                .iter()
                .filter(|s| s.start <= offset && offset < s.end)
                .fold(base, |style, s| style.patch(self.palette.inline(s.style)));
            let highlight = marks
                .iter()
                .rev()
                .find(|m| m.start <= offset && offset < m.end)
                .map_or(styled, |m| styled.patch(m.style));
            let (shown, style) = match glyph(c) {
                Glyph::Plain(c, _) => (Shown::Char(c), highlight),
                // Tabs stop at multiples of TAB_WIDTH from the row's start.
                Glyph::Space(_) if c == '\t' => {
                    (Shown::Spaces(TAB_WIDTH - column % TAB_WIDTH), highlight)
                }
                Glyph::Space(n) => (Shown::Spaces(n), highlight),
                Glyph::Marker(marker) => {
                    (Shown::Marker(marker), highlight.patch(self.palette.marker))
                }
            };
            if style != run_style && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = style;
            match shown {
                Shown::Char(c) => {
                    run.push(c);
                    column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                }
                Shown::Spaces(n) => {
                    run.extend(std::iter::repeat_n(' ', n));
                    column += n;
                }
                Shown::Marker(marker) => {
                    marker.write_to(&mut run);
                    column += marker.width();
                }
            }
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, run_style));
        }
        Line::from(spans)
    }

    fn gutter(&self, area: Rect, y: u16, paragraph: ParagraphId, first: bool, buf: &mut Buffer) {
        let app = self.app;
        if area.width < 3 {
            return;
        }
        let number_width = (area.width - 2) as usize;
        if first {
            let mut number = app.paragraph_label(paragraph);
            // A paragraph with a note shows ✎ for ¶.
            if app.notes().get(paragraph).is_some() {
                number = number.replacen('¶', "✎", 1);
            }
            let shown = format!("{number:>number_width$}");
            let skip = shown.chars().count().saturating_sub(number_width);
            let shown: String = shown.chars().skip(skip).collect();
            buf.set_string(area.x, y, shown, self.palette.gutter);
        }
        let mentions = app
            .selection()
            .is_some_and(|s| app.index().get(s.topic).mentions_paragraph(paragraph));
        if app.is_shared(paragraph) {
            // Both topics of a pair.
            buf.set_string(area.x + area.width - 2, y, "&", self.palette.gutter_mark);
        } else if mentions {
            buf.set_string(area.x + area.width - 2, y, "▍", self.palette.gutter_mark);
        }
    }
}

enum Shown {
    Char(char),
    Spaces(usize),
    Marker(crate::core::sanitize::Marker),
}

impl Widget for ReaderPane<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let layout = self.app.layout();
        for (i, row) in self.app.viewport().rows().iter().enumerate() {
            let y = layout.text.y + i as u16;
            if y >= layout.text.bottom() {
                break;
            }
            match *row {
                ScreenRow::Text {
                    paragraph,
                    start,
                    end,
                    first,
                } => {
                    self.gutter(layout.gutter, y, paragraph, first, buf);
                    let document = self.app.document();
                    let block = document.paragraph(paragraph);
                    let (first_indent, rest_indent) =
                        indent(block.kind, document.paragraph_text(paragraph));
                    let shift = if first { first_indent } else { rest_indent };
                    let shift = (shift as u16).min(layout.text.width.saturating_sub(1));
                    if block.kind == ParagraphKind::Quote {
                        buf.set_string(layout.text.x, y, "▏", self.palette.quote);
                    }
                    let line = self.text_line(paragraph, start, end);
                    buf.set_line(layout.text.x + shift, y, &line, layout.text.width - shift);
                }
                ScreenRow::Gap { .. } => {}
            }
        }
    }
}
