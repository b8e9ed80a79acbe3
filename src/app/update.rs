//! `App::update`: every action's effect on the state, with no I/O and no terminal.

use crate::app::action::{Action, Step};
use crate::app::background::SearchJob;
use crate::app::layout::Layout;
use crate::app::{App, Focus, PanelRow, PendingMention, PromptKind, ScreenRow, Search};
use crate::core::index::Position;
use crate::core::search;
use std::sync::Arc;

/// Jumps remembered for Ctrl-o.
const HISTORY_LIMIT: usize = 200;
/// Texts larger than this are searched for the first hit at once and counted in the background.
pub const SYNC_SEARCH_BYTES: usize = 4 * 1024 * 1024;
/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: i32 = 3;

/// A screen row in document terms: `row` counts the paragraph's wrapped rows, and one past
/// the last is the blank gap after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RowCursor {
    paragraph: usize,
    row: usize,
}

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::ScrollLines(lines) if self.help_shown => {
                self.help_scroll = self.help_scroll.saturating_add_signed(lines as isize);
            }
            Action::ToggleHelp => {
                self.help_shown = !self.help_shown;
                self.help_scroll = 0;
            }
            _ if self.help_shown => self.help_shown = false,
            Action::ScrollLines(lines) => self.scroll(lines as isize),
            Action::ScrollPages(pages) => {
                let page = self.text_height().saturating_sub(1).max(1) as isize;
                self.scroll(pages as isize * page);
            }
            Action::ScrollHalfPages(halves) => {
                let half = (self.text_height() / 2).max(1) as isize;
                self.scroll(halves as isize * half);
            }
            Action::GoToTop => {
                // From the end read ahead, back to the start.
                if let Some(head) = self.head.take() {
                    let tail = self.show_document(head);
                    self.tail = Some(tail);
                }
                self.jump(|app| app.top = app.start_position());
            }
            Action::GoToBottom => self.go_to_end(),
            Action::ToggleFocus => self.set_focus(match self.focus {
                Focus::Text => Focus::Panel,
                Focus::Panel => Focus::Text,
            }),
            Action::TogglePanel => {
                let show = !(self.panel_shown || self.panel_beside());
                self.panel_shown = show;
                self.focus = if show { Focus::Panel } else { Focus::Text };
            }
            Action::MoveCursor(delta) => self.move_cursor(delta as isize),
            Action::SelectAtCursor => self.select_at_cursor(),
            Action::SelectEntry(entry) => {
                if entry < self.visible_topics().len() {
                    self.cursor = entry;
                    self.select_at_cursor();
                }
            }
            Action::JumpToMention(step) => {
                if self.search.is_some() {
                    self.step_hit(step);
                } else {
                    self.step_mention(step);
                }
            }
            Action::SelectTopic(step) => self.step_topic(step),
            Action::JumpBack => self.jump_history(true),
            Action::JumpForward => self.jump_history(false),
            Action::OpenFilter => {
                self.prompt = Some(PromptKind::Filter);
                self.input = self.filter.clone();
                self.set_focus(Focus::Panel);
            }
            Action::OpenSearch => {
                self.prompt = Some(PromptKind::Search);
                self.input.clear();
            }
            Action::Type(c) => self.type_char(c),
            Action::Erase => {
                self.input.pop();
                self.sync_filter();
            }
            Action::Submit => self.submit(),
            Action::Cancel => self.cancel(),
            Action::ResizePanel(delta) => self.resize_panel(delta),
            Action::ToggleMouse => self.toggle_mouse(),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, lines } => {
                if contains(self.layout.panel, column, row) {
                    self.move_cursor(lines as isize);
                } else {
                    self.scroll(lines as isize);
                }
            }
        }
        self.refresh();
    }

    /// Shows another text of the same file (its start or its end while it is read) and
    /// returns the one shown before; positions in it are not kept.
    fn show_document(
        &mut self,
        document: std::sync::Arc<crate::core::document::Document>,
    ) -> std::sync::Arc<crate::core::document::Document> {
        let before = std::mem::replace(&mut self.document, document);
        self.wrap = crate::core::wrap::WrapCache::default();
        self.search = None;
        self.back.clear();
        self.forward.clear();
        self.top = self.start_position();
        self.refresh();
        before
    }

    /// Recomputes the layout and the rows on screen from the state.
    pub fn refresh(&mut self) {
        self.layout = Layout::compute(
            self.width,
            self.height,
            self.document.paragraphs().len(),
            self.panel_width,
            self.panel_shown,
        );
        self.wrap.set_width(self.layout.text.width.max(1) as usize);
        let visible = self.visible_topics().len();
        self.cursor = self.cursor.min(visible.saturating_sub(1));
        self.screen.clear();
        if self.document.paragraphs().is_empty() || self.layout.too_small {
            return;
        }
        // No clamping here: a resize keeps the same text at the top even near the end.
        let mut cursor = self.cursor_of(self.top);
        for _ in 0..self.text_height() {
            let row = self.screen_row(cursor);
            self.screen.push(row);
            let next = self.advance(cursor, 1);
            if next == cursor {
                break;
            }
            cursor = next;
        }
        self.keep_cursor_in_panel();
    }

    fn go_to_end(&mut self) {
        if !self.document.is_complete() {
            match self.tail.take() {
                // The end, read ahead: shown now, numbered once the whole file is in.
                Some(tail) => {
                    let head = self.show_document(tail);
                    self.head = Some(head);
                    self.message =
                        Some("the end of the file; ¶ numbers once it is all read".into());
                }
                None if self.document.base() > 0 => {}
                None => {
                    self.pending_end = true;
                    self.message =
                        Some("still reading the file: going to the end once it is in".into());
                    return;
                }
            }
        }
        self.jump(|app| {
            let last = app.max_top();
            app.top = app.position_of(last);
        });
    }

    fn resize_panel(&mut self, delta: i16) {
        let widest = (self.width / 2).max(super::layout::MIN_PANEL_WIDTH);
        self.panel_width = self
            .panel_width
            .saturating_add_signed(delta)
            .clamp(super::layout::MIN_PANEL_WIDTH, widest);
    }

    fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.message = Some(if self.mouse {
            "mouse on".into()
        } else {
            "mouse off: the terminal can select text; m turns it on".into()
        });
    }

    fn text_height(&self) -> usize {
        self.layout.text.height as usize
    }

    fn panel_beside(&self) -> bool {
        self.width >= super::layout::SIDE_PANEL_MIN_WIDTH
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if !self.panel_beside() {
            self.panel_shown = focus == Focus::Panel;
        }
    }

    fn start_position(&self) -> Position {
        Position {
            paragraph: 0,
            offset: self.document.paragraphs().first().map_or(0, |p| p.start),
        }
    }

    // Rows and positions.

    /// Rows of paragraph `p` including the gap after it (the last paragraph has none).
    fn row_count(&mut self, paragraph: usize) -> usize {
        let rows = self.wrap.rows(&self.document, paragraph).len();
        rows + usize::from(paragraph + 1 < self.document.paragraphs().len())
    }

    fn cursor_of(&mut self, position: Position) -> RowCursor {
        if self.document.paragraphs().is_empty() {
            return RowCursor {
                paragraph: 0,
                row: 0,
            };
        }
        let paragraph = position
            .paragraph
            .min(self.document.paragraphs().len().saturating_sub(1));
        let end = self.document.paragraphs()[paragraph].end;
        let rows = self.wrap.rows(&self.document, paragraph);
        let row = if position.offset >= end && paragraph + 1 < self.document.paragraphs().len() {
            rows.len()
        } else {
            rows.partition_point(|r| r.start <= position.offset)
                .saturating_sub(1)
        };
        RowCursor { paragraph, row }
    }

    fn position_of(&mut self, cursor: RowCursor) -> Position {
        if cursor.paragraph >= self.document.paragraphs().len() {
            return self.start_position();
        }
        let end = self.document.paragraphs()[cursor.paragraph].end;
        let rows = self.wrap.rows(&self.document, cursor.paragraph);
        Position {
            paragraph: cursor.paragraph,
            offset: rows.get(cursor.row).map_or(end, |r| r.start),
        }
    }

    fn screen_row(&mut self, cursor: RowCursor) -> ScreenRow {
        let rows = self.wrap.rows(&self.document, cursor.paragraph);
        match rows.get(cursor.row) {
            Some(row) => ScreenRow::Text {
                paragraph: cursor.paragraph,
                start: row.start,
                end: row.end,
                first: cursor.row == 0,
            },
            None => ScreenRow::Gap {
                paragraph: cursor.paragraph,
            },
        }
    }

    /// Moves a row cursor by `delta` rows, stopping at either end of the document.
    fn advance(&mut self, mut cursor: RowCursor, delta: isize) -> RowCursor {
        let paragraphs = self.document.paragraphs().len();
        let mut left = delta.unsigned_abs();
        if delta > 0 {
            while left > 0 {
                let count = self.row_count(cursor.paragraph);
                if cursor.row + left < count {
                    cursor.row += left;
                    break;
                }
                if cursor.paragraph + 1 >= paragraphs {
                    cursor.row = count - 1;
                    break;
                }
                left -= count - cursor.row;
                cursor = RowCursor {
                    paragraph: cursor.paragraph + 1,
                    row: 0,
                };
            }
        } else {
            while left > 0 {
                if cursor.row >= left {
                    cursor.row -= left;
                    break;
                }
                if cursor.paragraph == 0 {
                    cursor.row = 0;
                    break;
                }
                left -= cursor.row + 1;
                cursor.paragraph -= 1;
                cursor.row = self.row_count(cursor.paragraph) - 1;
            }
        }
        cursor
    }

    /// The lowest top row: the one that puts the document's last row at the bottom.
    fn max_top(&mut self) -> RowCursor {
        let Some(last) = self.document.paragraphs().len().checked_sub(1) else {
            return RowCursor {
                paragraph: 0,
                row: 0,
            };
        };
        let end = RowCursor {
            paragraph: last,
            row: self.row_count(last) - 1,
        };
        let back = self.text_height().saturating_sub(1) as isize;
        self.advance(end, -back)
    }

    fn scroll(&mut self, lines: isize) {
        if self.document.paragraphs().is_empty() {
            return;
        }
        let cursor = self.cursor_of(self.top);
        let max_top = self.max_top();
        let moved = self.advance(cursor, lines).min(max_top);
        self.top = self.position_of(moved);
    }

    /// Runs a move and, if it moved the view, remembers where it was for Ctrl-o.
    fn jump(&mut self, apply: impl FnOnce(&mut App)) {
        let before = self.top;
        apply(self);
        if self.top != before {
            self.back.push(before);
            if self.back.len() > HISTORY_LIMIT {
                self.back.remove(0);
            }
            self.forward.clear();
        }
    }

    fn jump_history(&mut self, backward: bool) {
        let (from, to) = if backward {
            (&mut self.back, &mut self.forward)
        } else {
            (&mut self.forward, &mut self.back)
        };
        match from.pop() {
            Some(position) => {
                to.push(self.top);
                self.top = position;
            }
            None => {
                self.message = Some(if backward {
                    "no earlier jump".into()
                } else {
                    "no later jump".into()
                });
            }
        }
    }

    /// Whether document offset `offset` is on a row on screen.
    pub fn is_on_screen(&self, offset: usize) -> bool {
        self.screen.iter().any(|row| match *row {
            ScreenRow::Text { start, end, .. } => start <= offset && offset < end.max(start + 1),
            ScreenRow::Gap { .. } => false,
        })
    }

    /// Shows the text at `offset` of `paragraph`: its paragraph at the top, or its row when the
    /// paragraph is taller than the pane. Unless `always`, a visible target leaves the view still.
    fn bring_into_view(&mut self, paragraph: usize, offset: usize, always: bool) {
        self.refresh();
        if !always && self.is_on_screen(offset) {
            return;
        }
        // The paragraph's start when that shows the target too, else the target's row.
        let row = self.cursor_of(Position { paragraph, offset });
        let target = if row.row < self.text_height() {
            RowCursor { paragraph, row: 0 }
        } else {
            row
        };
        let max_top = self.max_top();
        self.top = self.position_of(target.min(max_top));
    }

    // Topics and mentions.

    fn select_at_cursor(&mut self) {
        let Some(topic) = self.cursor_topic() else {
            return;
        };
        self.select_topic(topic);
        if !self.panel_beside() && self.prompt.is_none() {
            self.set_focus(Focus::Text);
        }
    }

    pub fn select_topic(&mut self, topic: usize) {
        self.selected = Some(topic);
        self.current = None;
        self.search = None;
        self.searching = None;
        let Some(first) = self.index.topics[topic].mentions.first().copied() else {
            self.no_mention_yet(topic, PendingMention::First);
            return;
        };
        self.pending_mention = None;
        self.current = Some(0);
        self.jump(|app| app.bring_into_view(first.paragraph as usize, first.start, true));
    }

    pub(crate) fn step_mention(&mut self, step: Step) {
        let Some(topic) = self.selected else {
            self.message =
                Some("no topic selected: Tab to the panel and Enter, or / to search".into());
            return;
        };
        let count = self.index.topics[topic].mentions.len();
        if count == 0 {
            self.no_mention_yet(topic, PendingMention::Step(step));
            return;
        }
        self.pending_mention = None;
        let (next, wrapped) = if self.current.is_some() {
            step_index(self.current, count, step)
        } else {
            // No current mention (after a resume or a scroll-free start): from the top row.
            let at_or_after = self.index.topics[topic].first_from(self.top.offset);
            match step {
                Step::Next if at_or_after < count => (at_or_after, false),
                Step::Next => (0, true),
                Step::Previous => at_or_after
                    .checked_sub(1)
                    .map_or((count - 1, true), |i| (i, false)),
            }
        };
        if wrapped {
            self.message = Some(wrap_message(step, "mention"));
        }
        self.current = Some(next);
        let mention = self.index.topics[topic].mentions[next];
        self.bring_into_view(mention.paragraph as usize, mention.start, false);
    }

    /// A topic without mentions: none at all, or none found yet while the index is built,
    /// in which case `then` is done once one is.
    fn no_mention_yet(&mut self, topic: usize, then: PendingMention) {
        let label = &self.topics[topic].label;
        if self.indexing.is_some() {
            self.message = Some(format!("looking for {label}…"));
            self.pending_mention = Some(then);
        } else {
            self.message = Some(format!("{label} is not mentioned in this text"));
            self.pending_mention = None;
        }
    }

    fn step_hit(&mut self, step: Step) {
        let Some(search) = &self.search else { return };
        if !search.complete {
            // Still counting: the next hit is found directly; the previous waits for the count.
            let current = search
                .current
                .and_then(|i| search.hits.get(i))
                .map_or(0, |h| h.start);
            if step == Step::Previous {
                self.message = Some("still counting hits: N works once they are in".into());
                return;
            }
            let query = search.query.clone();
            if let Some(hit) = search::find_next(&self.document, &query, current + 1) {
                if hit.start <= current {
                    self.message = Some(wrap_message(step, "hit"));
                }
                if let Some(search) = &mut self.search {
                    search.hits = vec![hit];
                    search.current = Some(0);
                }
                self.bring_into_view(hit.paragraph as usize, hit.start, false);
            }
            return;
        }
        let count = search.hits.len();
        if count == 0 {
            return;
        }
        let (next, wrapped) = step_index(search.current, count, step);
        let hit = search.hits[next];
        if let Some(search) = &mut self.search {
            search.current = Some(next);
        }
        if wrapped {
            self.message = Some(wrap_message(step, "hit"));
        }
        self.bring_into_view(hit.paragraph as usize, hit.start, false);
    }

    fn step_topic(&mut self, step: Step) {
        let visible = self.visible_topics();
        if visible.is_empty() {
            self.message = Some("no topics".into());
            return;
        }
        let at = self
            .selected
            .and_then(|t| visible.iter().position(|&v| v == t));
        let (next, _) = step_index(at, visible.len(), step);
        self.cursor = next;
        self.select_topic(visible[next]);
    }

    fn move_cursor(&mut self, delta: isize) {
        let visible = self.visible_topics().len();
        if visible > 0 {
            self.cursor = self.cursor.saturating_add_signed(delta).min(visible - 1);
        }
    }

    /// Scrolls the panel so that the cursor's row is inside it.
    fn keep_cursor_in_panel(&mut self) {
        let height = self.panel_list_height();
        if height == 0 {
            return;
        }
        let rows = self.panel_rows();
        let Some(cursor_row) = self
            .cursor_topic()
            .and_then(|t| rows.iter().position(|r| *r == PanelRow::Topic(t)))
        else {
            self.panel_scroll = 0;
            return;
        };
        if cursor_row < self.panel_scroll {
            // Show the section heading too when the cursor is its first entry.
            self.panel_scroll = if cursor_row == 1 { 0 } else { cursor_row };
        } else if cursor_row >= self.panel_scroll + height {
            self.panel_scroll = cursor_row + 1 - height;
        }
        self.panel_scroll = self.panel_scroll.min(rows.len().saturating_sub(height));
    }

    /// Rows of the panel that list topics: less the filter row when there is one, and the
    /// progress row while the index is built.
    pub fn panel_list_height(&self) -> usize {
        let height = self.layout.panel.height as usize;
        let filter_row =
            usize::from(self.prompt == Some(PromptKind::Filter) || !self.filter.is_empty());
        height.saturating_sub(filter_row + self.panel_top_rows())
    }

    /// Rows above the topic list: one for the progress bar while indexing.
    pub fn panel_top_rows(&self) -> usize {
        usize::from(self.indexing.is_some())
    }

    // Prompts.

    fn type_char(&mut self, c: char) {
        if self.prompt.is_some() {
            self.input.push(c);
            self.sync_filter();
        }
    }

    fn sync_filter(&mut self) {
        if self.prompt == Some(PromptKind::Filter) {
            self.filter = self.input.clone();
            self.cursor = 0;
            self.panel_scroll = 0;
        }
    }

    fn submit(&mut self) {
        match self.prompt.take() {
            Some(PromptKind::Filter) => {
                if self.visible_topics().is_empty() {
                    self.message = Some(format!("no topic matches \"{}\"", self.filter));
                } else {
                    self.select_at_cursor();
                }
            }
            Some(PromptKind::Search) => self.run_search(),
            None => {}
        }
    }

    fn run_search(&mut self) {
        let query = std::mem::take(&mut self.input);
        if query.trim().is_empty() {
            return;
        }
        self.searching = None;
        if self.document.text().len() > SYNC_SEARCH_BYTES {
            // Large text: show the first hit from here at once, count the rest meanwhile.
            let Some(hit) = search::find_next(&self.document, &query, self.top.offset) else {
                self.message = Some(format!("not found: {query}"));
                return;
            };
            self.searching = Some(SearchJob::start(Arc::clone(&self.document), query.clone()));
            self.search = Some(Search {
                query,
                hits: vec![hit],
                current: Some(0),
                complete: false,
            });
            self.jump(|app| app.bring_into_view(hit.paragraph as usize, hit.start, false));
            return;
        }
        let hits = search::find_all(&self.document, &query);
        if hits.is_empty() {
            self.message = Some(format!("not found: {query}"));
            return;
        }
        // The first hit at or after the top of the screen, as pagers do.
        let top = self.top.offset;
        let first = hits.iter().position(|h| h.start >= top).unwrap_or(0);
        let hit = hits[first];
        self.search = Some(Search {
            query,
            hits,
            current: Some(first),
            complete: true,
        });
        self.jump(|app| app.bring_into_view(hit.paragraph as usize, hit.start, false));
    }

    fn cancel(&mut self) {
        if let Some(kind) = self.prompt.take() {
            if kind == PromptKind::Filter {
                self.filter.clear();
            }
            self.input.clear();
            return;
        }
        if self.search.take().is_some() {
            self.searching = None;
            self.message = Some("search ended; n and N step through the topic again".into());
        } else if !self.filter.is_empty() {
            self.filter.clear();
        } else if self.panel_shown {
            self.set_focus(Focus::Text);
        }
    }

    // The mouse.

    fn click(&mut self, column: u16, row: u16) {
        if contains(self.layout.panel, column, row) {
            let Some(below_top) =
                ((row - self.layout.panel.y) as usize).checked_sub(self.panel_top_rows())
            else {
                return;
            };
            let at = self.panel_scroll + below_top;
            if let Some(PanelRow::Topic(topic)) = self.panel_rows().get(at).copied() {
                if let Some(entry) = self.visible_topics().iter().position(|&t| t == topic) {
                    self.focus = Focus::Panel;
                    self.cursor = entry;
                    self.select_at_cursor();
                }
            }
        } else if contains(self.layout.strip, column, row) {
            let strip = self.layout.strip;
            let total = self.document.text().len();
            let offset = (row - strip.y) as usize * total / strip.height.max(1) as usize;
            if let Some(paragraph) = self.document.paragraph_at(offset) {
                self.jump(|app| {
                    app.bring_into_view(
                        paragraph,
                        offset.max(app.document.paragraphs()[paragraph].start),
                        true,
                    );
                });
            }
        } else if contains(self.layout.reader, column, row) {
            self.set_focus(Focus::Text);
        }
    }
}

fn contains(area: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    area.width > 0 && area.contains(ratatui::layout::Position { x: column, y: row })
}

/// The next index in a ring of `count`, and whether it went round an end.
fn step_index(current: Option<usize>, count: usize, step: Step) -> (usize, bool) {
    match (current, step) {
        (None, Step::Next) => (0, false),
        (None, Step::Previous) => (count - 1, false),
        (Some(i), Step::Next) if i + 1 >= count => (0, true),
        (Some(i), Step::Next) => (i + 1, false),
        (Some(0), Step::Previous) => (count - 1, true),
        (Some(i), Step::Previous) => (i - 1, false),
    }
}

fn wrap_message(step: Step, what: &str) -> String {
    match step {
        Step::Next => format!("last {what} passed: wrapped to the first"),
        Step::Previous => format!("first {what} passed: wrapped to the last"),
    }
}
