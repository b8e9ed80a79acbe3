//! The outline overlay: the document's headings, indented by level, the cursor on one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::core::document::ParagraphKind;
use crate::core::sanitize::clean;
use crate::ui::palette::Palette;
use crate::ui::topics::fit;

pub struct OutlineOverlay<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
    pub cursor: usize,
}

impl Widget for OutlineOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let document = self.app.document();
        let headings = document.headings();
        let width = area.width.saturating_sub(4).clamp(1, 72);
        let height = (headings.len() as u16 + 2)
            .min(area.height.saturating_sub(2))
            .max(3);
        let popup = crate::ui::centred(area, width, height);
        Clear.render(popup, buf);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.palette.panel_border)
            .title(format!(
                " outline · {} headings · Enter goes, Esc closes ",
                headings.len()
            ));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let visible = inner.height as usize;
        if visible == 0 {
            return;
        }
        // The cursor's row stays on screen.
        let first = self
            .cursor
            .saturating_sub(visible - 1)
            .min(headings.len().saturating_sub(visible));
        for (row, (i, &heading)) in headings
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .enumerate()
        {
            let level = match document.paragraph(heading).kind {
                ParagraphKind::Heading(level) => usize::from(level),
                _ => 1,
            };
            let text = clean(document.paragraph_text(heading));
            let line = format!(
                "{}{} ¶{}",
                "  ".repeat(level.saturating_sub(1)),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                heading.number()
            );
            let style = if i == self.cursor {
                self.palette.panel_cursor
            } else {
                self.palette.overlay
            };
            let shown = fit(&line, inner.width.saturating_sub(1) as usize);
            buf.set_stringn(
                inner.x + 1,
                inner.y + row as u16,
                &shown,
                inner.width.saturating_sub(1) as usize,
                style,
            );
        }
    }
}
