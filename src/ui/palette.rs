//! Every colour and style of the reader, in one place; a monochrome set for `NO_COLOR`.
//! (A palette, not a "theme": themes are what a text is about.)

use ratatui::style::{Color, Modifier, Style};

use crate::core::document::Inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub header: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub heading: Style,
    pub code: Style,
    pub quote: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub link: Style,
    pub gutter: Style,
    pub gutter_mark: Style,
    pub mention: Style,
    pub current_mention: Style,
    pub hit: Style,
    pub current_hit: Style,
    pub marker: Style,
    pub panel_border: Style,
    pub panel_heading: Style,
    pub panel_detail: Style,
    pub panel_cursor: Style,
    pub panel_selected: Style,
    pub progress: Style,
    pub progress_bar: Style,
    pub discovered: Style,
    pub strip: Style,
    pub strip_view: Style,
    pub strip_mark: Style,
    pub overlay: Style,
}

impl Palette {
    /// ANSI colours only, so the terminal's own palette decides how they look on dark and
    /// light backgrounds; strong colours are kept for the current mention.
    pub fn colored() -> Palette {
        let dim = Style::new().add_modifier(Modifier::DIM);
        Palette {
            header: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_key: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            message: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::Green),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            gutter: dim,
            gutter_mark: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            mention: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::UNDERLINED),
            current_mention: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            hit: Style::new().fg(Color::Black).bg(Color::Cyan),
            current_hit: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            marker: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            panel_border: dim,
            panel_heading: Style::new().add_modifier(Modifier::BOLD),
            panel_detail: dim,
            panel_cursor: Style::new().add_modifier(Modifier::REVERSED),
            panel_selected: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            progress: dim,
            progress_bar: dim,
            discovered: Style::new().add_modifier(Modifier::ITALIC),
            strip: dim,
            strip_view: Style::new(),
            strip_mark: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            overlay: Style::new(),
        }
    }

    /// Without colour every highlight still differs: underline, reverse, bold.
    pub fn monochrome() -> Palette {
        let plain = Style::new();
        let dim = plain.add_modifier(Modifier::DIM);
        Palette {
            heading: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            code: plain.add_modifier(Modifier::DIM),
            quote: plain.add_modifier(Modifier::ITALIC),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: plain.add_modifier(Modifier::BOLD),
            link: plain.add_modifier(Modifier::UNDERLINED),
            gutter_mark: plain.add_modifier(Modifier::BOLD),
            mention: plain.add_modifier(Modifier::UNDERLINED),
            current_mention: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            hit: plain.add_modifier(Modifier::REVERSED),
            current_hit: plain
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            marker: plain.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            panel_selected: plain.add_modifier(Modifier::BOLD),
            strip_mark: plain.add_modifier(Modifier::BOLD),
            strip: dim,
            ..Palette::colored()
        }
    }

    /// For a light background: the highlights' backgrounds in the light ANSI colours and the
    /// marks in blue, which read better on white than magenta and cyan.
    pub fn light() -> Palette {
        let colored = Palette::colored();
        Palette {
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            gutter_mark: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            mention: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            current_mention: colored.current_mention.bg(Color::LightYellow),
            hit: colored.hit.bg(Color::LightCyan),
            current_hit: colored.current_hit.bg(Color::LightYellow),
            panel_selected: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            strip_mark: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            ..colored
        }
    }

    /// The style of a styled run inside a block.
    pub fn inline(&self, style: Inline) -> Style {
        match style {
            Inline::Emphasis => self.emphasis,
            Inline::Strong => self.strong,
            Inline::Code => self.code,
            Inline::Link => self.link,
        }
    }

    /// Monochrome when `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Palette {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Palette::monochrome(),
            _ => Palette::colored(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_uses_no_colour_and_keeps_highlights_apart() {
        let palette = Palette::monochrome();
        let highlights = [
            palette.mention,
            palette.current_mention,
            palette.hit,
            palette.current_hit,
            palette.marker,
        ];
        for (i, a) in highlights.iter().enumerate() {
            assert_eq!(a.fg, None);
            assert_eq!(a.bg, None);
            for b in &highlights[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
