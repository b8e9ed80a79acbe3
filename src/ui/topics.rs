//! The topic panel: actors and themes with their mention counts, the cursor, the filter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Focus, PanelRow, PromptKind};
use crate::core::catalogue::{Group, Origin};
use crate::core::sanitize::clean;

pub struct TopicPanel<'a> {
    pub app: &'a App,
}

/// Cuts `text` to `width` cells, with an ellipsis when it had to cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

impl TopicPanel<'_> {
    /// One entry; `under_cursor` is worked out once per frame by the caller, since finding
    /// the cursor's topic filters the whole list.
    fn topic_row(
        &self,
        topic: usize,
        under_cursor: bool,
        x: u16,
        y: u16,
        width: u16,
        buf: &mut Buffer,
    ) {
        let app = self.app;
        let theme = &app.theme;
        let entry = &app.topics[topic];
        let count = app.index.topics[topic].mentions.len();
        let detail = match entry.group {
            Group::Actor(kind) => format!("{} {count:>3}", kind.short_name()),
            Group::Theme => format!("{count:>3}"),
        };
        let selected = app.selected == Some(topic);
        let width = width as usize;
        let label_room = width.saturating_sub(detail.width() + 4);
        let label = fit(&clean(&entry.label), label_room);
        // "◦" marks what discovery found, for terminals that show no italics.
        let pointer = match (selected, entry.origin) {
            (true, _) => "▸ ",
            (false, Origin::Discovered) => "◦ ",
            (false, Origin::Catalogue) => "  ",
        };
        let mut label_style = if selected {
            theme.panel_selected
        } else {
            Style::new()
        };
        if entry.origin == Origin::Discovered {
            label_style = label_style.patch(theme.discovered);
        }
        let row_style = if under_cursor {
            theme.panel_cursor
        } else {
            Style::new()
        };
        buf.set_stringn(x, y, " ".repeat(width), width, row_style);
        buf.set_stringn(x, y, pointer, width, row_style.patch(label_style));
        buf.set_stringn(x + 2, y, &label, label_room, row_style.patch(label_style));
        let detail_x = x + width.saturating_sub(detail.width() + 1) as u16;
        if detail.width() + 3 < width {
            buf.set_stringn(
                detail_x,
                y,
                &detail,
                detail.width(),
                row_style.patch(theme.panel_detail),
            );
        }
    }
}

impl Widget for TopicPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        if area.width < 4 || area.height == 0 {
            return;
        }
        Clear.render(area, buf);
        for y in area.top()..area.bottom() {
            buf.set_string(area.x, y, "│", theme.panel_border);
        }
        let x = area.x + 1;
        let width = area.width - 1;
        let list_height = app.panel_list_height();
        let top = app.panel_top_rows();
        if let Some(job) = &app.indexing {
            let label = if job.discovering() {
                format!(" {:>3.0}% finding topics", job.fraction() * 100.0)
            } else {
                format!(
                    " {:>3.0}% {:.0} MB/s",
                    job.fraction() * 100.0,
                    job.megabytes_per_second()
                )
            };
            let bar_width = (width as usize).saturating_sub(label.width() + 2);
            let filled = ((job.fraction() * bar_width as f64).round() as usize).min(bar_width);
            let bar = format!(
                " {}{}{label}",
                "█".repeat(filled),
                "░".repeat(bar_width - filled)
            );
            buf.set_stringn(x, area.y, &bar, width as usize, theme.panel_detail);
        }
        let rows = app.panel_rows();
        let cursor = app.cursor_topic().filter(|_| app.focus == Focus::Panel);
        for (i, row) in rows
            .iter()
            .skip(app.panel_scroll)
            .take(list_height)
            .enumerate()
        {
            let y = area.y + (top + i) as u16;
            match *row {
                PanelRow::Heading { actors, count } => {
                    let name = if actors { "ACTORS" } else { "THEMES" };
                    buf.set_stringn(
                        x + 1,
                        y,
                        format!("{name} {count}"),
                        width as usize - 1,
                        theme.panel_heading,
                    );
                }
                PanelRow::Topic(topic) => {
                    self.topic_row(topic, cursor == Some(topic), x, y, width, buf);
                }
                PanelRow::Blank => {}
            }
        }
        if list_height + top < area.height as usize {
            let y = area.bottom() - 1;
            let typing = app.prompt == Some(PromptKind::Filter);
            let caret = if typing { "▏" } else { "" };
            let line = format!(" filter: {}{caret}", clean(&app.filter));
            buf.set_stringn(
                x,
                y,
                fit(&line, width as usize),
                width as usize,
                theme.panel_heading,
            );
        }
    }
}
