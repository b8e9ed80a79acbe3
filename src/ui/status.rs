//! The header (what is open) and the status line (where you are, what happened, the keys).

use crate::core::limits::thousands;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::action::Action;
use crate::app::keymap::key_for;
use crate::app::mode::{MarkKind, Mode, PromptKind};
use crate::app::{App, HitCount};
use crate::core::sanitize::clean;
use crate::ui::palette::Palette;
use crate::ui::topics::fit;

pub struct Header<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let meta = app.metadata();
        let parts: Vec<String> = std::iter::once(app.title().to_string())
            .chain(meta.author.clone())
            .chain(meta.date.clone())
            .map(|part| clean(&part))
            .collect();
        let left = parts.join(" · ");
        // While a large file is still being read, its paragraph count is a lower bound.
        let document = app.document();
        let more = if document.is_complete() { "" } else { "+" };
        let right = if document.base() > 0 {
            "the end, read ahead".to_string()
        } else {
            format!("{}{more} ¶", document.paragraph_count())
        };
        let width = area.width as usize;
        let left = fit(&left, width.saturating_sub(right.width() + 2));
        let palette = self.palette;
        buf.set_stringn(area.x, area.y, " ".repeat(width), width, palette.header);
        buf.set_stringn(
            area.x + 1,
            area.y,
            &left,
            width.saturating_sub(1),
            palette.header,
        );
        if left.width() + right.width() + 3 <= width {
            let x = area.right() - right.width() as u16 - 1;
            buf.set_string(x, area.y, &right, palette.panel_detail);
        }
    }
}

pub struct StatusBar<'a> {
    pub app: &'a App,
    pub palette: &'a Palette,
}

impl StatusBar<'_> {
    /// Where the reader is (the ¶ at the top of the screen and the percent; the section when
    /// no topic or search is shown), after the topic or search and which mention or hit is
    /// current.
    pub fn position_text(app: &App) -> String {
        let percent = format!("{}%", app.percent());
        let top = app.viewport().top().paragraph;
        if app.document().paragraph_count() == 0 {
            return "empty document".into();
        }
        // Beside a topic or a search the section is left out: the line has room for the
        // message after it only at the widths where the section fits anyway.
        let place = format!("{} · {percent}", app.paragraph_label(top));
        if let Some(search) = app.search() {
            let query = clean(&search.query);
            if search.count == HitCount::Counting {
                return format!("/{query} · hit …/counting · {place}");
            }
            let current = search.current.map_or(0, |i| i + 1);
            let plus = if search.count == HitCount::Capped {
                "+"
            } else {
                ""
            };
            let count = thousands(search.hits.len());
            return format!("/{query} · hit {current}/{count}{plus} · {place}");
        }
        if let Some(pairing) = app.pairing() {
            let shared = app.shared();
            let names = clean(&app.pair_names());
            let current = pairing
                .current
                .filter(|&i| i < shared.len())
                .map_or("–".to_string(), |i| thousands(i + 1));
            return format!(
                "{names} · ¶ {current}/{} · {place}",
                thousands(shared.len())
            );
        }
        if let Some(selection) = app.selection() {
            let mentions = &app.index().get(selection.topic).mentions;
            let label = clean(&app.topic(selection.topic).label);
            return match selection.current {
                Some(i) => format!(
                    "{label} · mention {}/{} · {place}",
                    i + 1,
                    thousands(mentions.len())
                ),
                None => format!("{label} · no mentions · {place}"),
            };
        }
        match Self::section(app) {
            Some(section) => format!("§ {section} · {place}"),
            None => place,
        }
    }

    /// A filter that is on while the panel showing it is hidden: it still decides which
    /// topics `]` and `[` step through, so it must stay in sight.
    pub fn hidden_filter(app: &App) -> Option<String> {
        let filter = app.panel().filter();
        let hidden = app.layout().panel.width == 0;
        (hidden && !filter.is_empty()).then(|| format!("filter “{}” (Esc clears)", clean(filter)))
    }

    /// The heading of the section at the top of the screen, shortened.
    fn section(app: &App) -> Option<String> {
        let document = app.document();
        let heading = document.section_of(app.viewport().top().paragraph)?;
        let text = clean(document.paragraph_text(heading));
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(crate::ui::topics::fit(&text, 32))
    }

    /// The keys to start with; the panel's width keys only with `panel` (where there is
    /// room for them).
    fn hints(panel: bool) -> String {
        [
            (Action::ToggleHelp, "help"),
            (Action::OpenSearch, "search"),
            (Action::OpenFilter, "filter"),
            (Action::NarrowPanel, "> panel"),
            (Action::Quit, "quit"),
        ]
        .iter()
        .filter(|&&(action, _)| panel || action != Action::NarrowPanel)
        .filter_map(|&(action, name)| key_for(action).map(|key| format!("{key} {name}")))
        .collect::<Vec<_>>()
        .join("  ")
    }
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let palette = self.palette;
        let width = area.width as usize;
        buf.set_stringn(area.x, area.y, " ".repeat(width), width, palette.status);
        if let Mode::Prompt { kind, input, .. } = app.mode()
            && *kind != PromptKind::Filter
        {
            // The prompt's words stay; what is typed scrolls, its end in sight.
            let (label, typed) = match kind {
                PromptKind::Mark(MarkKind::Set) => (
                    "mark: a letter names the place at the top (Esc: none)".to_string(),
                    None,
                ),
                PromptKind::Mark(MarkKind::Go) => (
                    "go to mark: its letter, or ' for where the last jump left (Esc: none)"
                        .to_string(),
                    None,
                ),
                PromptKind::Note(paragraph) => (
                    format!(
                        "note on {} (Enter keeps, empty removes, Esc leaves): ",
                        app.paragraph_label(*paragraph)
                    ),
                    Some(input),
                ),
                PromptKind::Rename(topic) => (
                    format!(
                        "rename {} to (Enter saves, Esc leaves): ",
                        clean(&app.topic(*topic).label)
                    ),
                    Some(input),
                ),
                PromptKind::Search | PromptKind::Filter => ("/".to_string(), Some(input)),
                PromptKind::MatchingLines => ("&".to_string(), Some(input)),
            };
            let typed = typed.map_or(String::new(), |t| format!("{}▏", clean(t)));
            let label = fit(&label, width.saturating_sub(typed.width().min(width / 2)));
            let room = width.saturating_sub(label.width());
            let line = format!("{label}{}", crate::ui::mentions::last_columns(&typed, room));
            buf.set_stringn(area.x, area.y, &line, width, palette.status);
            return;
        }
        let mut left = format!(" {}", Self::position_text(app));
        if let Some(filter) = Self::hidden_filter(app) {
            left.push_str(" · ");
            left.push_str(&filter);
        }
        if let Some(message) = app.message() {
            left.push_str(" · ");
            left.push_str(&clean(message));
        }
        let fits = |hints: &String| width > left.width() + hints.width() + 3;
        let help_only =
            key_for(Action::ToggleHelp).map_or_else(String::new, |k| format!("{k} help"));
        let hints = [
            Self::hints(app.layout().panel.width > 0),
            Self::hints(false),
        ]
        .into_iter()
        .find(fits)
        .unwrap_or(help_only);
        // "? help" stays in sight, the position giving way to it on a narrow screen; but a
        // message, which is gone at the next key, goes before it.
        let room_for_hints =
            fits(&hints) || (app.message().is_none() && width > hints.width() + 12);
        let left_room = if room_for_hints {
            width - hints.width() - 2
        } else {
            width
        };
        let left = fit(&left, left_room);
        let style = if app.message().is_some() {
            palette.message
        } else {
            palette.status
        };
        buf.set_stringn(area.x, area.y, &left, left_room, style);
        if room_for_hints {
            let x = area.right() - hints.width() as u16 - 1;
            buf.set_stringn(x, area.y, &hints, hints.width(), palette.status_key);
        }
    }
}
