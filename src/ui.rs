//! How the reader looks: composes the widgets over the layout the app computed.

pub mod help;
pub mod minimap;
pub mod reader;
pub mod status;
pub mod theme;
pub mod topics;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;

/// Shown instead of everything when the terminal is smaller than the reader can use.
pub const TOO_SMALL: &str = "window too small";

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = &self.layout;
        if layout.too_small || area.width < layout.header.width {
            let note = topics::fit(TOO_SMALL, area.width as usize);
            if area.height > 0 {
                buf.set_stringn(area.x, area.y, note, area.width as usize, self.theme.header);
            }
            return;
        }
        status::Header { app: self }.render(layout.header, buf);
        reader::ReaderPane { app: self }.render(layout.reader, buf);
        minimap::MiniMap { app: self }.render(layout.strip, buf);
        if layout.panel.width > 0 {
            topics::TopicPanel { app: self }.render(layout.panel, buf);
        }
        status::StatusBar { app: self }.render(layout.status, buf);
        if self.help_shown {
            help::HelpOverlay { app: self }.render(area, buf);
        }
    }
}
