//! `App::update`: every action's change to the state and the effects it asks for; no I/O,
//! no threads, no terminal.

use crate::core::limits::thousands;
use std::sync::Arc;

use crate::app::action::{Action, Step};
use crate::app::effect::Effect;
use crate::app::layout::{SIDE_PANEL_MIN_WIDTH, ScreenLayout};
use crate::app::mode::{Focus, MarkKind, Mode, PromptKind};
use crate::app::panel::PanelRow;
use crate::app::reading::EndRequest;
use crate::app::{App, HitCount, PendingMention, Search, Selection};
use crate::core::document::Position;
use crate::core::ids::{ParagraphId, TopicId};
use crate::core::search;

/// Texts larger than this are searched for the first hit at once and counted in the background.
pub const SYNC_SEARCH_BYTES: usize = 4 * 1024 * 1024;

/// The largest count before a motion: more than any text has lines or paragraphs.
const MAX_COUNT: usize = 1 << 40;
/// Columns `<` and `>` take from or give to the panel.
const PANEL_STEP: i16 = 4;

impl App {
    /// Applies one action; returns what must be done outside.
    // One arm per action: a dispatch table reads best whole.
    #[allow(clippy::too_many_lines)]
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        // A count lasts until the next key, which it is for.
        let count = match action {
            Action::Count(_) | Action::Resize { .. } => self.count,
            _ => self.count.take(),
        };
        if self.mode.notes_cursor().is_some()
            && !matches!(action, Action::Quit | Action::Resize { .. })
        {
            self.update_notes_list(action);
            self.refresh();
            return std::mem::take(&mut self.outbox);
        }
        if self.mode.mentions_list().is_some() {
            self.update_list(action);
            self.refresh();
            return std::mem::take(&mut self.outbox);
        }
        match action {
            Action::Count(digit) => {
                let so_far = count.unwrap_or(0);
                // Past any text's length, more digits change nothing.
                let counted = so_far
                    .saturating_mul(10)
                    .saturating_add(usize::from(digit))
                    .min(MAX_COUNT);
                self.count = Some(counted);
                self.message = Some(format!("{}…", thousands(counted)));
            }
            Action::GoToTop | Action::GoToBottom if count.is_some() => {
                self.go_to_paragraph(count.unwrap_or(1));
            }
            Action::GoToPercent => self.go_to_percent(count.unwrap_or(0)),
            Action::ScrollDown | Action::ScrollUp
                if count.is_some() && self.mode.help_scroll().is_none() =>
            {
                let lines = count.unwrap_or(1).min(isize::MAX as usize) as isize;
                self.scroll(if action == Action::ScrollDown {
                    lines
                } else {
                    -lines
                });
            }
            Action::Quit => self.outbox.push(Effect::Quit),
            Action::Suspend => self.outbox.push(Effect::Suspend),
            Action::Resize { width, height } => self.size = (width, height),
            Action::ToggleHelp => {
                self.mode = match &self.mode {
                    Mode::Help { under, .. } => Mode::Reading(*under),
                    other => Mode::Help {
                        scroll: 0,
                        under: other.focus(),
                    },
                };
            }
            Action::ToggleOutline => self.toggle_outline(),
            Action::ToggleMentions => self.toggle_list(),
            Action::NextSection | Action::PreviousSection => {
                if self.panel.jump_section(action == Action::NextSection) {
                    let height = self.panel_list_height();
                    self.panel.keep_cursor_in_view(height);
                }
            }
            Action::PairTopic => self.pair_with_cursor(),
            Action::RenameTopic => self.ask_rename(),
            Action::HideTopic => self.hide_at_cursor(),
            Action::NextKind => self.next_kind_at_cursor(),
            Action::ToggleGroup => self.toggle_group_at_cursor(),
            Action::MergeIntoSelected => self.merge_cursor_into_selected(),
            Action::AddSearchAsName => self.add_search_as_name(),
            Action::TogglePanelOrder => self.toggle_panel_order(),
            Action::SetMark => self.ask_mark(MarkKind::Set),
            Action::GoToMark => self.ask_mark(MarkKind::Go),
            Action::AddNote => self.ask_note(None),
            Action::ToggleNotes => self.toggle_notes(),
            Action::WriteNotes => self.write_notes(),
            Action::CursorDown | Action::CursorUp if self.mode.outline_cursor().is_some() => {
                let count = self.document().headings().len();
                if let Mode::Outline { cursor, .. } = &mut self.mode {
                    *cursor = if action == Action::CursorDown {
                        (*cursor + 1).min(count.saturating_sub(1))
                    } else {
                        cursor.saturating_sub(1)
                    };
                }
            }
            Action::SelectAtCursor if self.mode.outline_cursor().is_some() => {
                let cursor = self.mode.outline_cursor().unwrap_or(0);
                self.mode = Mode::Reading(self.mode.focus());
                if let Some(&heading) = self.document().headings().get(cursor) {
                    self.go_to_heading(heading);
                }
            }
            Action::NextHeading | Action::PreviousHeading => {
                self.step_heading(if action == Action::NextHeading {
                    Step::Next
                } else {
                    Step::Previous
                });
            }
            Action::ScrollDown | Action::ScrollUp if self.mode.help_scroll().is_some() => {
                if let Mode::Help { scroll, .. } = &mut self.mode {
                    *scroll = if action == Action::ScrollDown {
                        scroll.saturating_add(1)
                    } else {
                        scroll.saturating_sub(1)
                    };
                }
            }
            _ if self.mode.help_scroll().is_some() => self.mode = Mode::Reading(self.mode.focus()),
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::PageDown | Action::PageUp => {
                let page = self.viewport.height().saturating_sub(1).max(1) as isize;
                self.scroll(if action == Action::PageDown {
                    page
                } else {
                    -page
                });
            }
            Action::HalfPageDown | Action::HalfPageUp => {
                let half = (self.viewport.height() / 2).max(1) as isize;
                self.scroll(if action == Action::HalfPageDown {
                    half
                } else {
                    -half
                });
            }
            Action::GoToTop => {
                // From the end read ahead, back to the start.
                if self.reading.request_start() {
                    self.show_another_part();
                }
                self.jump(|app| {
                    let document = Arc::clone(app.document());
                    app.viewport.to_start(&document);
                });
            }
            Action::GoToBottom => self.go_to_end(),
            Action::ToggleFocus => self.set_focus(match self.mode.focus() {
                Focus::Text => Focus::Panel,
                Focus::Panel => Focus::Text,
            }),
            Action::TogglePanel => {
                let show = !(self.panel.overlay_shown() || self.panel_beside());
                self.panel.set_overlay_shown(show);
                self.mode = Mode::Reading(if show { Focus::Panel } else { Focus::Text });
            }
            Action::CursorDown => self.panel.move_cursor(1),
            Action::CursorUp => self.panel.move_cursor(-1),
            Action::SelectAtCursor => self.select_at_cursor(),
            Action::NextMention => self.step(Step::Next),
            Action::PreviousMention => self.step(Step::Previous),
            Action::NextTopic => self.step_topic(Step::Next),
            Action::PreviousTopic => self.step_topic(Step::Previous),
            Action::JumpBack => self.jump_history(true),
            Action::JumpForward => self.jump_history(false),
            Action::OpenFilter => {
                self.set_focus(Focus::Panel);
                self.mode = Mode::Prompt {
                    kind: PromptKind::Filter,
                    input: self.panel.filter().to_string(),
                    under: Focus::Panel,
                };
            }
            Action::OpenSearch | Action::OpenMatchingLines => {
                self.recalled = None;
                self.mode = Mode::Prompt {
                    kind: if action == Action::OpenSearch {
                        PromptKind::Search
                    } else {
                        PromptKind::MatchingLines
                    },
                    input: String::new(),
                    under: self.mode.focus(),
                };
            }
            Action::Type(c) if matches!(self.mode.prompt(), Some(PromptKind::Mark(_))) => {
                if let Some(PromptKind::Mark(kind)) = self.mode.prompt() {
                    self.complete_mark(kind, c);
                }
            }
            Action::Type(c) => {
                if let Mode::Prompt { input, .. } = &mut self.mode {
                    input.push(c);
                    self.sync_filter();
                }
            }
            Action::EarlierSearch | Action::LaterSearch => self.recall_search(action),
            Action::Erase => {
                if let Mode::Prompt { input, .. } = &mut self.mode {
                    input.pop();
                    self.sync_filter();
                }
            }
            Action::Submit => self.submit(),
            Action::Cancel => self.cancel(),
            Action::NarrowPanel => self.panel.resize(-PANEL_STEP, self.size.0),
            Action::WidenPanel => self.panel.resize(PANEL_STEP, self.size.0),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.outbox.push(Effect::MouseCapture(self.mouse));
                self.message = Some(if self.mouse {
                    "mouse on".into()
                } else {
                    "mouse off: the terminal can select text; m turns it on".into()
                });
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, lines } => {
                if contains(self.layout.panel, column, row) {
                    self.panel.move_cursor(lines as isize);
                } else {
                    self.scroll(lines as isize);
                }
            }
        }
        self.refresh();
        std::mem::take(&mut self.outbox)
    }

    /// Recomputes the layout and the rows on screen from the state.
    pub(crate) fn refresh(&mut self) {
        let (width, height) = self.size;
        self.layout = ScreenLayout::compute(
            width,
            height,
            self.document().paragraph_count(),
            self.panel.width(width),
            self.panel.overlay_shown(),
        );
        let rows = if self.layout.too_small {
            0
        } else {
            self.layout.text.height as usize
        };
        self.viewport
            .set_size(self.layout.text.width.max(1) as usize, rows);
        let document = Arc::clone(self.document());
        self.viewport.refresh(&document);
        if document.paragraph_count() > 0 && !self.layout.too_small {
            let height = self.panel_list_height();
            self.panel.keep_cursor_in_view(height);
        }
    }

    /// Another part of the file is shown (its start or its end while it is read): positions
    /// in the old part mean nothing in it.
    fn show_another_part(&mut self) {
        let document = Arc::clone(self.document());
        self.viewport.show(&document, document.start_position());
        if self.search.take().is_some() {
            self.outbox.push(Effect::StopCounting);
        }
        self.history.clear();
    }

    /// G's end read ahead has arrived, or was on hand: shown now, numbered later.
    pub(crate) fn show_end_read_ahead(&mut self) {
        self.show_another_part();
        self.message = Some("the end of the file; ¶ numbers once it is all read".into());
        self.refresh();
        self.jump(|app| {
            let document = Arc::clone(app.document());
            app.viewport.to_end(&document);
        });
    }

    /// To the start of ¶`number` (1-based), or the last paragraph the text has so far.
    fn go_to_paragraph(&mut self, number: usize) {
        let document = Arc::clone(self.document());
        let Some(last) = document.paragraph_count().checked_sub(1) else {
            return;
        };
        let at = number.saturating_sub(1).min(last);
        if at < number.saturating_sub(1) {
            self.message = Some(if document.is_complete() {
                format!("the text has {} paragraphs", thousands(last + 1))
            } else {
                format!(
                    "still reading the file: ¶{} is the last so far",
                    thousands(last + 1)
                )
            });
        }
        let top = Position {
            paragraph: ParagraphId::new(at),
            offset: document.paragraphs()[at].start,
        };
        self.jump(|app| app.viewport.set_top(&document, top));
    }

    /// To the paragraph `percent` of the way into the text by bytes, as less goes by lines.
    fn go_to_percent(&mut self, percent: usize) {
        let document = Arc::clone(self.document());
        let length = document.text().len();
        let offset = (length as u128 * percent.min(100) as u128 / 100) as usize;
        let Some(paragraph) = document
            .paragraph_at(offset)
            .or_else(|| document.last_paragraph())
        else {
            return;
        };
        self.go_to_paragraph(paragraph.number());
    }

    pub(crate) fn go_to_end(&mut self) {
        match self.reading.request_end() {
            EndRequest::Switched => self.show_end_read_ahead(),
            EndRequest::Waiting => {
                self.message =
                    Some("still reading the file: going to the end once it is in".into());
            }
            EndRequest::AlreadyShown => self.jump(|app| {
                let document = Arc::clone(app.document());
                app.viewport.to_end(&document);
            }),
        }
    }

    fn panel_beside(&self) -> bool {
        self.size.0 >= SIDE_PANEL_MIN_WIDTH
    }

    fn set_focus(&mut self, focus: Focus) {
        self.mode = Mode::Reading(focus);
        if !self.panel_beside() {
            self.panel.set_overlay_shown(focus == Focus::Panel);
        }
    }

    fn scroll(&mut self, lines: isize) {
        let document = Arc::clone(self.document());
        self.viewport.scroll(&document, lines);
    }

    /// Runs a move and, if it moved the view, remembers where it was for Ctrl-o.
    pub(super) fn jump(&mut self, apply: impl FnOnce(&mut App)) {
        let before = self.viewport.top();
        apply(self);
        if self.viewport.top() != before {
            self.history.push(before);
            self.marks.left(before);
        }
    }

    fn jump_history(&mut self, backward: bool) {
        let now = self.viewport.top();
        let to = if backward {
            self.history.back(now)
        } else {
            self.history.forward(now)
        };
        match to {
            Some(position) => {
                let document = Arc::clone(self.document());
                self.viewport.set_top(&document, position);
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

    pub(super) fn bring_into_view(&mut self, paragraph: ParagraphId, offset: usize, always: bool) {
        self.refresh();
        let document = Arc::clone(self.document());
        self.viewport
            .bring_into_view(&document, paragraph, offset, always);
    }

    /// An action while the list of mentions is open: it moves in the list or closes it.
    fn update_list(&mut self, action: Action) {
        let page = isize::try_from(crate::app::layout::list_rows(self.size.1)).unwrap_or(1);
        match action {
            Action::CursorDown => self.move_list_cursor(1),
            Action::CursorUp => self.move_list_cursor(-1),
            Action::PageDown => self.move_list_cursor(page),
            Action::PageUp => self.move_list_cursor(-page),
            Action::GoToTop => self.move_list_cursor(isize::MIN),
            Action::GoToBottom => self.move_list_cursor(isize::MAX),
            Action::SelectAtCursor => self.go_to_listed(),
            Action::ToggleMentions | Action::Cancel => self.toggle_list(),
            Action::Quit | Action::Suspend => {
                self.outbox.push(if action == Action::Quit {
                    Effect::Quit
                } else {
                    Effect::Suspend
                });
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.move_list_cursor(0);
            }
            _ => {}
        }
    }

    // Sections.

    fn toggle_outline(&mut self) {
        if let Mode::Outline { under, .. } = self.mode {
            self.mode = Mode::Reading(under);
            return;
        }
        let document = Arc::clone(self.document());
        if document.headings().is_empty() {
            self.message = Some("this document has no headings".into());
            return;
        }
        // The cursor opens on the section being read.
        let top = self.viewport.top().paragraph;
        let cursor = document
            .section_of(top)
            .and_then(|h| document.headings().iter().position(|&x| x == h))
            .unwrap_or(0);
        self.mode = Mode::Outline {
            cursor,
            under: self.mode.focus(),
        };
    }

    fn go_to_heading(&mut self, heading: ParagraphId) {
        let document = Arc::clone(self.document());
        let start = document.paragraph(heading).start;
        self.jump(|app| {
            app.viewport.set_top(
                &document,
                Position {
                    paragraph: heading,
                    offset: start,
                },
            );
        });
    }

    fn step_heading(&mut self, step: Step) {
        let document = Arc::clone(self.document());
        let top = self.viewport.top().paragraph;
        let headings = document.headings();
        let target = match step {
            Step::Next => headings.iter().find(|&&h| h > top),
            Step::Previous => headings.iter().rev().find(|&&h| h < top),
        };
        match target {
            Some(&heading) => self.go_to_heading(heading),
            None if headings.is_empty() => {
                self.message = Some("this document has no headings".into());
            }
            None => {
                self.message = Some(match step {
                    Step::Next => "no heading after this one".into(),
                    Step::Previous => "no heading before this one".into(),
                });
            }
        }
    }

    // Topics and mentions.

    fn select_at_cursor(&mut self) {
        let Some(topic) = self.panel.cursor() else {
            return;
        };
        self.select_topic(topic);
        if !self.panel_beside() && self.mode.prompt().is_none() {
            self.set_focus(Focus::Text);
        }
    }

    /// Selects `topic` and goes to its first mention, or waits for one to be found.
    pub(crate) fn select_topic(&mut self, topic: TopicId) {
        self.selection = Some(Selection {
            topic,
            current: None,
            pending: None,
        });
        // A pair is of the selected topic: a new one ends it.
        self.pairing = None;
        if self.panel_order == crate::app::PanelOrder::Shared {
            self.reorder_panel();
        }
        if self.search.take().is_some() {
            self.outbox.push(Effect::StopCounting);
        }
        let Some(first) = self.index.get(topic).mentions.first().copied() else {
            self.no_mention_yet(PendingMention::First);
            return;
        };
        if let Some(selection) = &mut self.selection {
            selection.current = Some(0);
        }
        self.jump(|app| app.bring_into_view(first.paragraph, first.start, true));
    }

    fn step(&mut self, step: Step) {
        if self.search.is_some() {
            self.step_hit(step);
        } else if self.pairing.is_some() {
            self.step_pair(step);
        } else {
            self.step_mention(step);
        }
    }

    pub(crate) fn step_mention(&mut self, step: Step) {
        let Some(selection) = self.selection.clone() else {
            self.message =
                Some("no topic selected: Tab to the panel and Enter, or / to search".into());
            return;
        };
        let mentions = &self.index.get(selection.topic).mentions;
        let count = mentions.len();
        if count == 0 {
            self.no_mention_yet(PendingMention::Step(step));
            return;
        }
        let (next, wrapped) = if selection.current.is_some() {
            step_index(selection.current, count, step)
        } else {
            // No current mention (after a resume or a scroll-free start): from the top row.
            let at_or_after = self
                .index
                .get(selection.topic)
                .first_from(self.viewport.top().offset);
            match step {
                Step::Next if at_or_after < count => (at_or_after, false),
                Step::Next => (0, true),
                Step::Previous => at_or_after
                    .checked_sub(1)
                    .map_or((count - 1, true), |i| (i, false)),
            }
        };
        let mention = mentions[next];
        if wrapped {
            self.message = Some(wrap_message(step, "mention"));
        }
        self.selection = Some(Selection {
            current: Some(next),
            pending: None,
            ..selection
        });
        self.bring_into_view(mention.paragraph, mention.start, false);
    }

    /// The selected topic has no mentions: none at all, or none found yet while the index is
    /// built, in which case `then` is done once one is.
    fn no_mention_yet(&mut self, then: PendingMention) {
        let Some(selection) = &mut self.selection else {
            return;
        };
        let label = &self.topics[selection.topic.index()].label;
        if self.indexing.is_some() {
            self.message = Some(format!("looking for {label}…"));
            selection.pending = Some(then);
        } else {
            self.message = Some(format!("{label} is not mentioned in this text"));
            selection.pending = None;
        }
    }

    fn step_hit(&mut self, step: Step) {
        let Some(search) = &self.search else { return };
        if search.count == HitCount::Counting {
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
            if let Some(hit) = search::find_next(self.document(), &query, current + 1) {
                if hit.start <= current {
                    self.message = Some(wrap_message(step, "hit"));
                }
                if let Some(search) = &mut self.search {
                    search.hits = vec![hit];
                    search.current = Some(0);
                }
                self.bring_into_view(hit.paragraph, hit.start, false);
            }
            return;
        }
        let count = search.hits.len();
        if count == 0 {
            return;
        }
        let capped = search.count == HitCount::Capped;
        let (next, wrapped) = step_index(search.current, count, step);
        let hit = search.hits[next];
        if let Some(search) = &mut self.search {
            search.current = Some(next);
        }
        if wrapped && capped {
            self.message = Some(format!(
                "only the first {} hits are kept; {}",
                thousands(search::MAX_HITS),
                wrap_message(step, "hit")
            ));
        } else if wrapped {
            self.message = Some(wrap_message(step, "hit"));
        }
        self.bring_into_view(hit.paragraph, hit.start, false);
    }

    fn step_topic(&mut self, step: Step) {
        let visible = self.panel.visible();
        if visible.is_empty() {
            self.message = Some("no topics".into());
            return;
        }
        let at = self
            .selection
            .as_ref()
            .and_then(|s| visible.iter().position(|&v| v == s.topic));
        let (next, _) = step_index(at, visible.len(), step);
        let topic = visible[next];
        self.panel.set_cursor(topic);
        self.select_topic(topic);
    }

    // Prompts.

    /// While the filter prompt is open, the panel filters as the user types.
    fn sync_filter(&mut self) {
        if let Mode::Prompt {
            kind: PromptKind::Filter,
            input,
            ..
        } = &self.mode
        {
            let input = input.clone();
            self.panel.set_filter(&input, &self.topics);
        }
    }

    fn submit(&mut self) {
        let Mode::Prompt { kind, input, under } = std::mem::take(&mut self.mode) else {
            return;
        };
        self.mode = Mode::Reading(under);
        match kind {
            PromptKind::Filter => {
                if self.panel.visible().is_empty() {
                    self.message = Some(format!("no topic matches \"{}\"", self.panel.filter()));
                } else {
                    self.select_at_cursor();
                }
            }
            PromptKind::Search => self.run_search(input),
            PromptKind::MatchingLines => {
                self.run_search(input);
                self.list_matching_lines();
            }
            PromptKind::Note(paragraph) => self.save_note(paragraph, &input),
            PromptKind::Rename(topic) => self.rename(topic, &input),
            // Enter is no letter: no mark.
            PromptKind::Mark(_) => {}
        }
    }

    /// ↑ and ↓ in the search prompt: an earlier or later search of the history.
    fn recall_search(&mut self, action: Action) {
        let searching = matches!(
            self.mode.prompt(),
            Some(PromptKind::Search | PromptKind::MatchingLines)
        );
        if !searching || self.searches.is_empty() {
            return;
        }
        let last = self.searches.len() - 1;
        self.recalled = match (action, self.recalled) {
            (Action::EarlierSearch, None) => Some(last),
            (Action::EarlierSearch, Some(i)) => Some(i.saturating_sub(1)),
            (_, Some(i)) if i < last => Some(i + 1),
            _ => None,
        };
        let recalled = self
            .recalled
            .map(|i| self.searches[i].clone())
            .unwrap_or_default();
        if let Mode::Prompt { input, .. } = &mut self.mode {
            *input = recalled;
        }
    }

    fn run_search(&mut self, query: String) {
        // An empty search repeats the last one, as in less.
        let query = if query.trim().is_empty() {
            match self.searches.last() {
                Some(last) => last.clone(),
                None => return,
            }
        } else {
            query
        };
        self.searches.retain(|q| *q != query);
        self.searches.push(query.clone());
        if self.searches.len() > crate::app::MAX_SEARCHES {
            self.searches.remove(0);
        }
        let problem = search::pattern_problem(&query);
        self.search_for(query);
        if let Some(problem) = problem {
            let note = format!("searched as plain text, not a regular expression: {problem}");
            self.message = Some(match self.message.take() {
                Some(said) => format!("{said} ({note})"),
                None => note,
            });
        }
    }

    fn search_for(&mut self, query: String) {
        self.outbox.push(Effect::StopCounting);
        self.list_when_counted = false;
        let document = Arc::clone(self.document());
        let top = self.viewport.top().offset;
        if document.text().len() > SYNC_SEARCH_BYTES {
            // Large text: show the first hit from here at once, count the rest meanwhile.
            let Some(hit) = search::find_next(&document, &query, top) else {
                self.message = Some(format!("not found: {query}"));
                return;
            };
            self.outbox.push(Effect::CountHits {
                document,
                query: query.clone(),
            });
            self.search = Some(Search {
                query,
                hits: vec![hit],
                current: Some(0),
                count: HitCount::Counting,
            });
            self.jump(|app| app.bring_into_view(hit.paragraph, hit.start, false));
            return;
        }
        let mut hits = search::find_all(&document, &query);
        let capped = search::cap(&mut hits);
        if hits.is_empty() {
            self.message = Some(format!("not found: {query}"));
            return;
        }
        // The first hit at or after the top of the screen, as pagers do.
        let first = hits.iter().position(|h| h.start >= top).unwrap_or(0);
        let hit = hits[first];
        self.search = Some(Search {
            query,
            hits,
            current: Some(first),
            count: HitCount::counted(capped),
        });
        self.jump(|app| app.bring_into_view(hit.paragraph, hit.start, false));
    }

    fn cancel(&mut self) {
        if let Mode::Prompt { kind, under, .. } = self.mode {
            self.mode = Mode::Reading(under);
            if kind == PromptKind::Filter {
                self.panel.set_filter("", &self.topics);
            }
            return;
        }
        if self.search.take().is_some() {
            self.outbox.push(Effect::StopCounting);
            self.message = Some("search ended; n and N step through the topic again".into());
        } else if self.pairing.is_some() {
            self.unpair();
        } else if !self.panel.filter().is_empty() {
            self.panel.set_filter("", &self.topics);
        } else if self.panel.overlay_shown() {
            self.set_focus(Focus::Text);
        }
    }

    // The mouse.

    fn click(&mut self, column: u16, row: u16) {
        let layout = self.layout;
        if contains(layout.panel, column, row) {
            let Some(below_top) =
                ((row - layout.panel.y) as usize).checked_sub(self.panel_top_rows())
            else {
                return;
            };
            // Rows below the list (a cut label in full, the filter) choose nothing.
            if below_top >= self.panel_list_height() {
                return;
            }
            let at = self.panel.scroll() + below_top;
            if let Some(PanelRow::Topic(topic)) = self.panel.rows().get(at).copied() {
                self.mode = Mode::Reading(Focus::Panel);
                self.panel.set_cursor(topic);
                self.select_at_cursor();
            }
        } else if contains(layout.strip, column, row) {
            let strip = layout.strip;
            let document = Arc::clone(self.document());
            let total = document.text().len();
            let offset = (row - strip.y) as usize * total / strip.height.max(1) as usize;
            if let Some(paragraph) = document.paragraph_at(offset) {
                let start = document.paragraph(paragraph).start;
                self.jump(|app| app.bring_into_view(paragraph, offset.max(start), true));
            }
        } else if contains(layout.reader, column, row) {
            self.set_focus(Focus::Text);
        }
    }
}

fn contains(area: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    area.width > 0 && area.contains(ratatui::layout::Position { x: column, y: row })
}

/// The next index in a ring of `count`, and whether it went round an end.
pub(super) fn step_index(current: Option<usize>, count: usize, step: Step) -> (usize, bool) {
    match (current, step) {
        (None, Step::Next) => (0, false),
        (None, Step::Previous) => (count - 1, false),
        (Some(i), Step::Next) if i + 1 >= count => (0, true),
        (Some(i), Step::Next) => (i + 1, false),
        (Some(0), Step::Previous) => (count - 1, true),
        (Some(i), Step::Previous) => (i - 1, false),
    }
}

pub(super) fn wrap_message(step: Step, what: &str) -> String {
    match step {
        Step::Next => format!("last {what} passed: wrapped to the first"),
        Step::Previous => format!("first {what} passed: wrapped to the last"),
    }
}
