//! The list of mentions in context (keyword in context, as concordancers show it): one row a
//! mention, its ¶, and the words either side with the mention centred and highlighted. Only
//! the rows on screen are built, so a topic of 100,000 mentions opens as fast as one of ten.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::App;
use crate::app::layout::list_overlay;
use crate::app::listing::{ListSource, Listed};
use crate::core::limits::thousands;
use crate::core::sanitize::clean;
use crate::ui::palette::Palette;
use crate::ui::topics::fit;

/// Bytes of text read either side of a mention per column of context: enough for any
/// script, since no character is narrower than one column per four bytes that is not
/// zero-width.
const BYTES_PER_COLUMN: usize = 4;

pub struct MentionsOverlay<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
    pub cursor: usize,
    pub top: usize,
}

impl Widget for MentionsOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = list_overlay(area.width, area.height).intersection(area);
        Clear.render(popup, buf);
        let count = self.app.listed_count();
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.palette.panel_border)
            .title(fit(
                &self.title(count),
                popup.width.saturating_sub(2) as usize,
            ))
            .title_bottom(
                Line::from(format!(
                    " row {}/{} ",
                    thousands(self.cursor + 1),
                    thousands(count)
                ))
                .right_aligned(),
            );
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.width < 8 || inner.height == 0 {
            return;
        }
        // Every row's ¶ number takes the width of the largest one listed, the last.
        let label_width = self
            .app
            .listed(count.saturating_sub(1))
            .map_or(2, |l| self.app.paragraph_label(l.paragraph).width());
        let current = self.app.listed_current();
        for row in 0..inner.height {
            let i = self.top + row as usize;
            let Some(listed) = self.app.listed(i) else {
                break;
            };
            let y = inner.y + row;
            let base = if i == self.cursor {
                self.palette.panel_cursor
            } else {
                self.palette.overlay
            };
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
            let marker = if current == Some(i) { "▸ " } else { "  " };
            let label = format!(
                "{:>label_width$}  ",
                self.app.paragraph_label(listed.paragraph)
            );
            let (x, _) = buf.set_stringn(inner.x, y, marker, 2, base);
            let (x, _) =
                buf.set_stringn(x, y, &label, label.width(), base.patch(self.palette.gutter));
            let width = usize::from(inner.right().saturating_sub(x));
            let (left, mention, right) = self.context(listed, width);
            let style = if current == Some(i) {
                self.palette.current_mention
            } else {
                self.palette.mention
            };
            let (x, _) = buf.set_stringn(x, y, &left, width, base);
            let (x, _) = buf.set_stringn(x, y, &mention, width, base.patch(style));
            let room = usize::from(inner.right().saturating_sub(x));
            buf.set_stringn(x, y, &right, room, base);
        }
    }
}

impl MentionsOverlay<'_> {
    fn title(&self, count: usize) -> String {
        let plural = |one: &str| {
            if count == 1 {
                format!("1 {one}")
            } else {
                format!("{} {one}s", thousands(count))
            }
        };
        let what = match self.app.list_source() {
            Some(ListSource::Hits) => {
                let query = self.app.search().map_or("", |s| s.query.as_str());
                format!("“{}” · {}", clean(query), plural("hit"))
            }
            Some(ListSource::Topic) => {
                let label = self
                    .app
                    .selection()
                    .map_or("", |s| self.app.topic(s.topic).label.as_str());
                format!("{} · {}", clean(label), plural("mention"))
            }
            None => String::new(),
        };
        format!(" {what} · ▸ current · Enter goes to a row, Esc closes ")
    }

    /// The words before the mention, right-aligned to a column two fifths across, so that
    /// every row's mention starts in that column (unless it is too long to); the mention;
    /// the words after it. Line ends and runs of spaces read as one space.
    fn context(&self, listed: Listed, width: usize) -> (String, String, String) {
        let document = self.app.document();
        let text = document.text();
        let paragraph = document.paragraph(listed.paragraph);
        let mention = fit(&readable(&text[listed.start..listed.end]), width);
        let room = width.saturating_sub(mention.width());
        let left_room = room.min(width * 2 / 5);
        let right_room = room - left_room;
        let from = floor_boundary(
            text,
            listed
                .start
                .saturating_sub(left_room * BYTES_PER_COLUMN)
                .max(paragraph.start),
        );
        let to = ceil_boundary(
            text,
            (listed.end + right_room * BYTES_PER_COLUMN).min(paragraph.end),
        );
        let before = readable(&text[from..listed.start]);
        let after = readable(&text[listed.end..to]);
        let left = last_columns(&before, left_room);
        let padded = format!("{}{left}", " ".repeat(left_room - left.width()));
        (padded, mention, first_columns(&after, right_room))
    }
}

/// Text as one line: whitespace runs become one space, unsafe characters their markers.
fn readable(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                flat.push(' ');
                space = false;
            }
            flat.push(c);
        }
    }
    if space {
        flat.push(' ');
    }
    clean(&flat)
}

/// The end of `text` that fits in `columns`.
pub fn last_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (at, c) in text.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            break;
        }
        used += w;
        start = at;
    }
    text[start..].to_string()
}

/// The start of `text` that fits in `columns`.
fn first_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    text[..end].to_string()
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_flattened_and_cut_by_columns() {
        assert_eq!(readable("a\n  b\tc "), "a b c ");
        assert_eq!(last_columns("the quick fox", 5), "k fox");
        assert_eq!(first_columns("the quick fox", 5), "the q");
        // Wide characters are not split.
        assert_eq!(last_columns("한국어", 3), "어");
        assert_eq!(first_columns("한국어", 3), "한");
    }
}
