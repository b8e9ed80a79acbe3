//! The list of notes: each note's ¶ and its words, the cursor on one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::core::limits::thousands;
use crate::core::sanitize::clean;
use crate::ui::palette::Palette;
use crate::ui::topics::fit;

pub struct NotesOverlay<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
    pub cursor: usize,
}

impl Widget for NotesOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let notes = self.app.notes();
        let width = area.width.saturating_sub(4).clamp(1, 100);
        let height = (notes.len() as u16 + 2)
            .min(area.height.saturating_sub(2))
            .max(3);
        let popup = crate::ui::centred(area, width, height);
        Clear.render(popup, buf);
        let title = format!(
            " notes · {} · Enter goes, a changes, Esc closes ",
            thousands(notes.len())
        );
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.palette.panel_border)
            .title(fit(&title, popup.width.saturating_sub(2) as usize));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let visible = inner.height as usize;
        if visible == 0 {
            return;
        }
        let label_width = notes
            .iter()
            .last()
            .map_or(2, |(p, _)| self.app.paragraph_label(p).width());
        // The cursor's row stays on screen.
        let first = self
            .cursor
            .saturating_sub(visible - 1)
            .min(notes.len().saturating_sub(visible));
        for (row, (i, (paragraph, text))) in notes
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .enumerate()
        {
            let line = format!(
                "{:>label_width$}  {}",
                self.app.paragraph_label(paragraph),
                clean(text)
            );
            let style = if i == self.cursor {
                self.palette.panel_cursor
            } else {
                self.palette.overlay
            };
            let room = inner.width.saturating_sub(1) as usize;
            let y = inner.y + row as u16;
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            buf.set_stringn(inner.x + 1, y, fit(&line, room), room, style);
        }
    }
}
