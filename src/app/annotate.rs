//! What the marks and notes keys do: `m` and `'` with their letter, `a` and its prompt, the
//! list of notes.

use std::sync::Arc;

use crate::app::App;
use crate::app::action::Action;
use crate::app::marks::Marks;
use crate::app::mode::{MarkKind, Mode, PromptKind};
use crate::core::document::Position;
use crate::core::ids::ParagraphId;

impl App {
    /// `m` or `'`: the next key is the mark's letter.
    pub(crate) fn ask_mark(&mut self, kind: MarkKind) {
        self.mode = Mode::Prompt {
            kind: PromptKind::Mark(kind),
            input: String::new(),
            under: self.mode.focus(),
        };
    }

    /// The letter after `m` or `'`.
    pub(crate) fn complete_mark(&mut self, kind: MarkKind, letter: char) {
        self.mode = Mode::Reading(self.mode.focus());
        match kind {
            MarkKind::Set if Marks::can_name(letter) => {
                let top = self.viewport.top();
                self.marks.set(letter, top);
                self.message = Some(format!(
                    "mark {letter} set at {}; '{letter} comes back here",
                    self.paragraph_label(top.paragraph)
                ));
            }
            MarkKind::Set => {
                self.message = Some("a mark is named by a letter or a digit".into());
            }
            MarkKind::Go if letter == '\'' => match self.marks.last_jump() {
                Some(place) => self.go_to_place(place),
                None => self.message = Some("no jump yet to go back from".into()),
            },
            MarkKind::Go => match self.marks.get(letter) {
                Some(place) => self.go_to_place(place),
                None => self.message = Some(format!("no mark {letter}: m{letter} sets it")),
            },
        }
    }

    fn go_to_place(&mut self, place: Position) {
        let document = Arc::clone(self.document());
        self.jump(|app| app.viewport.set_top(&document, place));
    }

    /// The paragraph a note goes on: the current mention's, when it is on screen, else the
    /// paragraph at the top.
    fn paragraph_being_read(&self) -> ParagraphId {
        let top = self.viewport.top();
        self.current_mention()
            .filter(|m| m.start >= top.offset && m.start < self.viewport.bottom_offset())
            .map_or(top.paragraph, |m| m.paragraph)
    }

    /// `a`: the note prompt, holding the paragraph's note if it has one.
    pub(crate) fn ask_note(&mut self, paragraph: Option<ParagraphId>) {
        if self.document().paragraph_count() == 0 {
            self.message = Some("the document is empty".into());
            return;
        }
        let paragraph = paragraph.unwrap_or_else(|| self.paragraph_being_read());
        self.mode = Mode::Prompt {
            kind: PromptKind::Note(paragraph),
            input: self.notes.get(paragraph).unwrap_or_default().to_string(),
            under: self.mode.focus(),
        };
    }

    /// Enter in the note prompt.
    pub(crate) fn save_note(&mut self, paragraph: ParagraphId, text: &str) {
        let had = self.notes.get(paragraph).is_some();
        self.notes.set(paragraph, text);
        let label = self.paragraph_label(paragraph);
        self.message = Some(match (had, self.notes.get(paragraph).is_some()) {
            (_, true) => format!("note on {label} kept; A lists the notes"),
            (true, false) => format!("note on {label} removed"),
            (false, false) => "no note written".into(),
        });
    }

    /// `W`: the notes as Markdown, written outside.
    pub(crate) fn write_notes(&mut self) {
        if self.notes.is_empty() {
            self.message = Some("no notes to write: a writes one".into());
            return;
        }
        let Some(document) = self.reading.whole().cloned() else {
            self.message = Some("the notes are written once the whole file is read".into());
            return;
        };
        let notes: Vec<(ParagraphId, String)> = self
            .notes
            .iter()
            .map(|(paragraph, text)| (paragraph, text.to_string()))
            .collect();
        let markdown = crate::core::excerpts::notes_markdown(&document, &self.title, &notes);
        self.outbox
            .push(crate::app::effect::Effect::WriteNotes { document, markdown });
    }

    /// `A`: the list of notes, the cursor on the first from the top of the screen.
    pub(crate) fn toggle_notes(&mut self) {
        if let Mode::Notes { under, .. } = self.mode {
            self.mode = Mode::Reading(under);
            return;
        }
        if self.notes.is_empty() {
            self.message = Some("no notes yet: a writes one on the paragraph being read".into());
            return;
        }
        let top = self.viewport.top().paragraph;
        let cursor = self
            .notes
            .iter()
            .position(|(paragraph, _)| paragraph >= top)
            .unwrap_or(self.notes.len() - 1);
        self.mode = Mode::Notes {
            cursor,
            under: self.mode.focus(),
        };
    }

    /// An action while the list of notes is open.
    pub(crate) fn update_notes_list(&mut self, action: Action) {
        let Some(cursor) = self.mode.notes_cursor() else {
            return;
        };
        let last = self.notes.len().saturating_sub(1);
        let moved = match action {
            Action::CursorDown => (cursor + 1).min(last),
            Action::CursorUp => cursor.saturating_sub(1),
            Action::SelectAtCursor => {
                self.mode = Mode::Reading(self.mode.focus());
                if let Some((paragraph, _)) = self.notes.nth(cursor) {
                    let start = self.document().paragraph(paragraph).start;
                    self.go_to_place(Position {
                        paragraph,
                        offset: start,
                    });
                }
                return;
            }
            Action::AddNote => {
                let paragraph = self.notes.nth(cursor).map(|(p, _)| p);
                self.mode = Mode::Reading(self.mode.focus());
                self.ask_note(paragraph);
                return;
            }
            Action::ToggleNotes | Action::Cancel => {
                self.toggle_notes();
                return;
            }
            _ => cursor,
        };
        if let Mode::Notes { cursor, .. } = &mut self.mode {
            *cursor = moved;
        }
    }
}
