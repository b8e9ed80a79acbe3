//! Where everything goes on a screen of a given size; computed when the size or panel
//! changes, never while drawing.

use ratatui::layout::Rect;

/// Below this the reader shows only a "window too small" note.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width on, the topic panel sits beside the text.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 100;
/// The panel's width until `<` or `>` changes it.
pub const PANEL_WIDTH: u16 = 32;
pub const MIN_PANEL_WIDTH: u16 = 20;
/// Lines longer than this are hard to read; wider panes leave the rest blank.
pub const MAX_TEXT_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScreenLayout {
    pub too_small: bool,
    pub header: Rect,
    /// The whole reader pane: gutter, text and strip.
    pub reader: Rect,
    pub gutter: Rect,
    pub text: Rect,
    /// The one-column map of where the selected topic occurs.
    pub strip: Rect,
    /// The topic panel, beside the text or over it; empty when hidden.
    pub panel: Rect,
    /// True when the panel is drawn over the text.
    pub panel_overlays: bool,
    pub status: Rect,
}

/// Columns of the gutter for a document of `paragraphs` paragraphs: "¶" and the number, a
/// mark column, a space.
pub fn gutter_width(paragraphs: usize) -> u16 {
    let digits = paragraphs.max(1).to_string().len() as u16;
    digits + 3
}

impl ScreenLayout {
    pub fn compute(
        width: u16,
        height: u16,
        paragraphs: usize,
        panel_width: u16,
        panel_shown: bool,
    ) -> ScreenLayout {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return ScreenLayout {
                too_small: true,
                ..ScreenLayout::default()
            };
        }
        let header = Rect::new(0, 0, width, 1);
        let status = Rect::new(0, height - 1, width, 1);
        let body = Rect::new(0, 1, width, height - 2);
        let side = width >= SIDE_PANEL_MIN_WIDTH;
        let panel_width = panel_width
            .clamp(MIN_PANEL_WIDTH, (width / 2).max(MIN_PANEL_WIDTH))
            .min(width);
        let (reader, panel) = if side {
            let reader = Rect::new(0, body.y, width - panel_width, body.height);
            (
                reader,
                Rect::new(reader.width, body.y, panel_width, body.height),
            )
        } else if panel_shown {
            (
                body,
                Rect::new(width - panel_width, body.y, panel_width, body.height),
            )
        } else {
            (body, Rect::default())
        };
        let gutter_w = gutter_width(paragraphs).min(reader.width / 4);
        let gutter = Rect::new(reader.x, reader.y, gutter_w, reader.height);
        let strip = Rect::new(reader.right() - 1, reader.y, 1, reader.height);
        // One blank column on each side of the text keeps it off the gutter and the strip.
        let room = reader.width.saturating_sub(gutter_w + 2);
        let text = Rect::new(
            gutter.right(),
            reader.y,
            room.min(MAX_TEXT_WIDTH),
            reader.height,
        );
        ScreenLayout {
            too_small: false,
            header,
            reader,
            gutter,
            text,
            strip,
            panel,
            panel_overlays: !side && panel_shown,
            status,
        }
    }
}

/// Where the list of mentions is drawn: over the text and the panel, between the header and
/// the status line, so that the status still says where the reader is.
pub fn list_overlay(width: u16, height: u16) -> Rect {
    Rect::new(0, 1, width, height.saturating_sub(2))
}

/// Rows of the list of mentions, inside its border.
pub fn list_rows(height: u16) -> usize {
    usize::from(list_overlay(0, height).height.saturating_sub(2)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_put_the_panel_beside_the_text() {
        let layout = ScreenLayout::compute(120, 40, 11, 32, false);
        assert_eq!(layout.panel, Rect::new(88, 1, 32, 38));
        assert_eq!(layout.reader.width, 88);
        assert!(!layout.panel_overlays);
        assert_eq!(layout.text.height, 38);
    }

    #[test]
    fn narrow_screens_hide_the_panel_until_asked() {
        assert_eq!(
            ScreenLayout::compute(80, 24, 11, 32, false).panel,
            Rect::default()
        );
        let shown = ScreenLayout::compute(80, 24, 11, 32, true);
        assert!(shown.panel_overlays);
        assert_eq!(shown.panel.width, 32);
    }

    #[test]
    fn tiny_screens_are_too_small_and_never_panic() {
        for (w, h) in [(0, 0), (1, 1), (19, 40), (200, 5)] {
            assert!(ScreenLayout::compute(w, h, 3, 32, true).too_small);
        }
        for w in MIN_WIDTH..=130 {
            for h in MIN_HEIGHT..=12 {
                let layout = ScreenLayout::compute(w, h, 1_000_000, 200, true);
                assert!(layout.text.right() <= layout.strip.x, "{w}x{h}");
                assert!(layout.panel.right() <= w);
            }
        }
    }
}
