//! How the reader looks: composes the widgets over the layout the app computed.

pub mod help;
pub mod mentions;
pub mod minimap;
pub mod notes;
pub mod outline;
pub mod palette;
pub mod reader;
pub mod status;
pub mod topics;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;
use crate::app::mode::Mode;
use palette::Palette;

/// A box of `width`×`height` (each clamped to `area`) in the middle of `area`, for the
/// overlays that list things (the outline, the notes).
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// A wide character (Hangul, Han) just left of column `x` would cover the first cell of what
/// is drawn from `x` on (the panel's border): the terminal, and ratatui's diff, treat its
/// second half as taken. It becomes a space, so the border shows.
fn split_wide_characters_at(x: u16, rows: Rect, buf: &mut Buffer) {
    use unicode_width::UnicodeWidthStr as _;
    let Some(left) = x.checked_sub(1) else {
        return;
    };
    if left < buf.area.x {
        return;
    }
    for y in rows.y..rows.bottom() {
        if buf[(left, y)].symbol().width() > 1 {
            buf[(left, y)].set_symbol(" ");
        }
    }
}

/// Shown instead of everything when the terminal is smaller than the reader can use.
pub const TOO_SMALL: &str = "window too small";

/// The whole screen: the app's state in the palette's styles.
#[derive(Clone, Copy)]
pub struct Screen<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Screen { app, palette } = self;
        let layout = app.layout();
        if layout.too_small || area.width < layout.header.width {
            let note = topics::fit(TOO_SMALL, area.width as usize);
            if area.height > 0 {
                buf.set_stringn(area.x, area.y, note, area.width as usize, palette.header);
            }
            return;
        }
        status::Header { app, palette }.render(layout.header, buf);
        reader::ReaderPane { app, palette }.render(layout.reader, buf);
        minimap::MiniMap { app, palette }.render(layout.strip, buf);
        if layout.panel.width > 0 {
            topics::TopicPanel { app, palette }.render(layout.panel, buf);
            split_wide_characters_at(layout.panel.x, layout.panel, buf);
        }
        status::StatusBar { app, palette }.render(layout.status, buf);
        if let Mode::Outline { cursor, .. } = app.mode() {
            outline::OutlineOverlay {
                app,
                palette,
                cursor: *cursor,
            }
            .render(area, buf);
        }
        if let Mode::Mentions { cursor, top, .. } = app.mode() {
            mentions::MentionsOverlay {
                app,
                palette,
                cursor: *cursor,
                top: *top,
            }
            .render(area, buf);
        }
        if let Mode::Notes { cursor, .. } = app.mode() {
            notes::NotesOverlay {
                app,
                palette,
                cursor: *cursor,
            }
            .render(area, buf);
        }
        if let Mode::Help { scroll, .. } = app.mode() {
            help::HelpOverlay {
                palette,
                scroll: *scroll,
                overrides: app.key_overrides(),
            }
            .render(area, buf);
        }
    }
}
