//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::action::Action;
use crate::app::keymap::{Context, KEYMAP, Key};
use crate::ui::palette::Palette;
use crate::ui::topics::fit;

pub struct HelpOverlay<'a> {
    pub palette: &'a Palette,
    /// Lines scrolled off the top.
    pub scroll: usize,
    /// The config file's keys, listed in a section of their own.
    pub overrides: &'a [(Key, Action)],
}

/// The width of the widest binding's keys, as the help shows them.
fn key_width() -> usize {
    KEYMAP
        .iter()
        .map(|b| {
            b.keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ")
                .width()
        })
        .max()
        .unwrap_or(0)
}

/// The help's lines: a heading per context, then "keys  what they do".
pub fn help_lines(overrides: &[(Key, Action)]) -> Vec<(bool, String)> {
    let contexts = [
        Context::Reading,
        Context::Text,
        Context::Panel,
        Context::Prompt,
        Context::Outline,
        Context::Mentions,
        Context::Notes,
        Context::Help,
        Context::Always,
    ];
    let key_width = key_width();
    let mut lines = Vec::new();
    for context in contexts {
        let rows: Vec<_> = KEYMAP.iter().filter(|b| b.context == context).collect();
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push((false, String::new()));
        }
        lines.push((true, context.title().to_string()));
        for binding in rows {
            let keys = binding
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ");
            lines.push((false, format!("  {keys:key_width$}  {}", binding.help)));
        }
    }
    if !overrides.is_empty() {
        lines.push((false, String::new()));
        lines.push((true, "Your keys (config.toml), while reading".to_string()));
        for (key, action) in overrides {
            let help = KEYMAP
                .iter()
                .find(|b| b.action == *action)
                .map_or("", |b| b.help);
            lines.push((false, format!("  {:key_width$}  {help}", key.label())));
        }
    }
    lines.push((false, String::new()));
    lines.push((true, "Where pilcrow differs from less".to_string()));
    for line in [
        "  f           filters the topics; less's f (a page down) is Space or Ctrl-f here",
        "  ?           is this help; less's ? (search backward): / then N",
        "  m '         marks as in less, kept with the reading position; M is the mouse",
        "  n N         step through the topic's mentions when no search is on",
        "  &           lists what matches, one hit a row in context, not the text filtered",
    ] {
        lines.push((false, line.to_string()));
    }
    lines.push((false, String::new()));
    lines.push((true, "Marks in the topic panel".to_string()));
    lines.push((
        false,
        "  ◦ (italic)  found in the text by discovery, not in the catalogue".to_string(),
    ));
    lines.push((false, "  ▸           the selected topic".to_string()));
    lines.push((false, String::new()));
    lines.push((true, "Marks beside the text".to_string()));
    lines.push((
        false,
        "  ▍           in the gutter: the paragraph mentions the selected topic".to_string(),
    ));
    lines.push((
        false,
        "  ◆ ◇         in the strip: the topic or search occurs there, on screen or not"
            .to_string(),
    ));
    lines.push((
        false,
        "  ┃ │         in the strip: the part of the text on screen, and the rest".to_string(),
    ));
    lines.push((
        false,
        "  ⟨202E⟩ ␛    a hidden or control character of the text, shown, never sent".to_string(),
    ));
    lines
}

/// The help's lines as they fit `width` columns: a description too long for its row goes on
/// under itself, past the keys' column; where even that leaves too little room, each
/// binding's keys take a row and its description the rows under them.
fn wrap_lines(lines: &[(bool, String)], width: usize) -> Vec<(bool, String)> {
    let key_column = 2 + key_width() + 2;
    let narrow = width < key_column + 24;
    let mut out = Vec::new();
    for (heading, line) in lines {
        if *heading || line.width() <= width || !line.starts_with("  ") {
            out.push((*heading, line.clone()));
            continue;
        }
        let (keys, help) = if line.len() > key_column && line.is_char_boundary(key_column) {
            line.split_at(key_column)
        } else {
            (line.as_str(), "")
        };
        if narrow {
            out.push((false, keys.trim_end().to_string()));
            let options = textwrap::Options::new(width.max(8))
                .initial_indent("      ")
                .subsequent_indent("      ");
            out.extend(
                textwrap::wrap(help, options)
                    .into_iter()
                    .map(|l| (false, l.into_owned())),
            );
        } else {
            let indent = " ".repeat(key_column);
            let options = textwrap::Options::new(width.max(key_column + 8))
                .initial_indent(keys)
                .subsequent_indent(&indent);
            out.extend(
                textwrap::wrap(help, options)
                    .into_iter()
                    .map(|l| (false, l.into_owned())),
            );
        }
    }
    out
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let palette = self.palette;
        let lines = help_lines(self.overrides);
        let content_width = lines.iter().map(|(_, l)| l.width()).max().unwrap_or(0) as u16;
        let width = (content_width + 4).min(area.width);
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        Clear.render(popup, buf);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(palette.panel_border)
            .title(" keys · Esc or ? closes ");
        let inner = block.inner(popup);
        block.render(popup, buf);
        let lines = wrap_lines(&lines, inner.width.saturating_sub(1) as usize);
        let visible = inner.height as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        for (i, (heading, line)) in lines.iter().skip(scroll).take(visible).enumerate() {
            let style = if *heading {
                palette.panel_heading
            } else {
                palette.overlay
            };
            let shown = fit(line, inner.width as usize);
            buf.set_stringn(
                inner.x + 1,
                inner.y + i as u16,
                &shown,
                inner.width.saturating_sub(1) as usize,
                style,
            );
        }
    }
}
