//! The topic panel: actors and themes with their mention counts, the cursor, the filter and,
//! while the index is built, its progress.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, LineGauge, List, ListItem, ListState, StatefulWidget, Widget,
};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::effect::IndexPhase;
use crate::app::mode::{Focus, PromptKind};
use crate::app::panel::{PanelRow, Section, entry_columns};
use crate::core::catalogue::Origin;
use crate::core::ids::TopicId;
use crate::core::sanitize::clean;
use crate::ui::palette::Palette;

pub struct TopicPanel<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
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
    /// One entry as a line `width` cells wide: the pointer, the label, the kind and count.
    fn topic_line(&self, topic: TopicId, width: usize) -> Line<'static> {
        let app = self.app;
        let palette = self.palette;
        let entry = app.topic(topic);
        let count = app.panel_count(topic);
        let (detail, label_room) = entry_columns(entry.group, count, width);
        let selected = app.selection().is_some_and(|s| s.topic == topic);
        let label = fit(&clean(&entry.label), label_room);
        // "◦" marks what discovery found, for terminals that show no italics.
        let paired = app.pairing().is_some_and(|p| p.second == topic);
        let pointer = match (selected, entry.origin) {
            (true, _) => "▸ ",
            (false, _) if paired => "& ",
            (false, Origin::Discovered) => "◦ ",
            (false, Origin::Catalogue) => "  ",
        };
        let mut label_style = if selected {
            palette.panel_selected
        } else {
            Style::new()
        };
        if entry.origin == Origin::Discovered {
            label_style = label_style.patch(palette.discovered);
        }
        let mut spans = vec![
            Span::styled(pointer, label_style),
            Span::styled(label.clone(), label_style),
        ];
        if detail.width() + 3 < width {
            let gap = width.saturating_sub(2 + label.width() + detail.width() + 1);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(detail, palette.panel_detail));
        }
        Line::from(spans)
    }

    fn heading_line(&self, section: Section, count: usize) -> Line<'static> {
        let name = match section {
            Section::Actors => "ACTORS",
            Section::Themes => "THEMES",
        };
        Line::styled(format!(" {name} {count}"), self.palette.panel_heading)
    }

    fn progress(&self, area: Rect, buf: &mut Buffer) {
        let Some(progress) = self.app.indexing() else {
            return;
        };
        let percent = progress.fraction * 100.0;
        let label = match progress.phase {
            IndexPhase::FindingTopics => format!(" {percent:>3.0}% finding topics "),
            IndexPhase::Counting {
                megabytes_per_second,
            } => format!(" {percent:>3.0}% {megabytes_per_second:.0} MB/s "),
        };
        LineGauge::default()
            .ratio(progress.fraction.clamp(0.0, 1.0))
            .label(Span::styled(label, self.palette.progress))
            .filled_symbol("█")
            .unfilled_symbol("░")
            .filled_style(self.palette.progress_bar)
            .unfilled_style(self.palette.progress_bar)
            .render(area, buf);
    }
}

impl Widget for TopicPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let palette = self.palette;
        if area.width < 4 || area.height == 0 {
            return;
        }
        Clear.render(area, buf);
        let block = Block::new()
            .borders(Borders::LEFT)
            .border_style(palette.panel_border);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let top = app.panel_top_rows() as u16;
        if top > 0 {
            self.progress(Rect::new(inner.x, inner.y, inner.width, 1), buf);
        }
        let panel = app.panel();
        let list_height = app.panel_list_height();
        let cursor = panel
            .cursor()
            .filter(|_| app.mode().focus() == Focus::Panel);
        // Only the rows that fit are built.
        let shown = panel.rows().iter().skip(panel.scroll()).take(list_height);
        let mut highlighted = None;
        let items: Vec<ListItem> = shown
            .enumerate()
            .map(|(i, row)| match *row {
                PanelRow::Heading { section, count } => {
                    ListItem::new(self.heading_line(section, count))
                }
                PanelRow::Topic(topic) => {
                    if cursor == Some(topic) {
                        highlighted = Some(i);
                    }
                    ListItem::new(self.topic_line(topic, width))
                }
                PanelRow::Blank => ListItem::new(""),
            })
            .collect();
        let list_area = Rect::new(inner.x, inner.y + top, inner.width, list_height as u16);
        if let Some(note) = app.no_topics_note() {
            // Below the two empty headings, wrapped to the panel.
            let rows = textwrap::wrap(&note, width.saturating_sub(2).max(8));
            for (i, row) in rows.iter().enumerate() {
                let y = list_area.y + 4 + i as u16;
                if y >= list_area.bottom() {
                    break;
                }
                buf.set_stringn(inner.x + 1, y, row, width - 1, palette.panel_detail);
            }
        }
        let mut state = ListState::default().with_selected(highlighted);
        StatefulWidget::render(
            List::new(items).highlight_style(palette.panel_cursor),
            list_area,
            buf,
            &mut state,
        );
        if let Some(rows) = app.panel_tooltip() {
            // The full label of the entry under the cursor, below the list, where it was cut.
            for (i, row) in rows.iter().enumerate() {
                let y = list_area.bottom() + i as u16;
                let line = fit(&format!(" {row}"), width);
                buf.set_stringn(
                    inner.x,
                    y,
                    format!("{line:<width$}"),
                    width,
                    palette.panel_cursor,
                );
            }
        }
        if list_height + (top as usize) + app.panel_tooltip_rows() < inner.height as usize {
            let y = inner.bottom() - 1;
            let typing = app.mode().prompt() == Some(PromptKind::Filter);
            let caret = if typing { "▏" } else { "" };
            let line = format!(" filter: {}{caret}", clean(panel.filter()));
            buf.set_stringn(inner.x, y, fit(&line, width), width, palette.panel_heading);
        }
    }
}
