//! The strip at the reader's right edge: where the selected topic (or the search) occurs in
//! the whole document, and which part is on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;
use crate::core::ids::ParagraphId;
use crate::ui::palette::Palette;

pub struct MiniMap<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
}

impl MiniMap<'_> {
    /// Whether any mention or hit starts in `from..to` (or, with a pair, any paragraph of
    /// `shared` lies there).
    fn occurs_in(&self, from: usize, to: usize, shared: Option<&[ParagraphId]>) -> bool {
        let app = self.app;
        let starts_in = |first: usize, count: usize, start_at: &dyn Fn(usize) -> usize| {
            first < count && start_at(first) < to
        };
        if let Some(search) = app.search() {
            let first = search.hits.partition_point(|h| h.start < from);
            return starts_in(first, search.hits.len(), &|i| search.hits[i].start);
        }
        if let Some(shared) = shared {
            let document = app.document();
            let first = shared.partition_point(|&p| document.paragraph(p).end <= from);
            return first < shared.len() && document.paragraph(shared[first]).start < to;
        }
        if let Some(selection) = app.selection() {
            let mentions = &app.index().get(selection.topic).mentions;
            let first = mentions.partition_point(|m| m.start < from);
            return starts_in(first, mentions.len(), &|i| mentions[i].start);
        }
        false
    }
}

impl Widget for MiniMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let total = app.document().text().len().max(1);
        let height = area.height.max(1) as usize;
        let view = app.viewport();
        let view_from = view.top().offset;
        let view_to = view.bottom_offset().max(view_from + 1);
        let shared = app.pairing().map(|_| app.shared());
        for r in 0..area.height {
            let from = r as usize * total / height;
            let to = ((r as usize + 1) * total / height).max(from + 1);
            let in_view = from < view_to && view_from < to;
            let (symbol, style) = match (self.occurs_in(from, to, shared.as_deref()), in_view) {
                (true, true) => ("◆", self.palette.strip_mark),
                (true, false) => ("◇", self.palette.strip_mark),
                (false, true) => ("┃", self.palette.strip_view),
                (false, false) => ("│", self.palette.strip),
            };
            buf.set_string(area.x, area.y + r, symbol, style);
        }
    }
}
