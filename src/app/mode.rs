//! The reader's mode: reading with a focus, a prompt open, or the help shown.

use crate::core::ids::ParagraphId;

/// Which pane the keys go to while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Panel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Filter,
    Search,
    /// A search whose hits are then listed in context, as less's `&pattern` shows only the
    /// lines that match.
    MatchingLines,
    /// The letter of a mark: the first key typed completes it.
    Mark(MarkKind),
    /// A note on this paragraph.
    Note(ParagraphId),
    /// A new label for this topic.
    Rename(crate::core::ids::TopicId),
}

/// What the letter after `m` or `'` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Set,
    Go,
}

/// One mode at a time; the focus under a prompt or the help is where reading goes on after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Reading(Focus),
    Prompt {
        kind: PromptKind,
        input: String,
        under: Focus,
    },
    Help {
        scroll: usize,
        under: Focus,
    },
    /// The outline of the document's headings, with the cursor on one of them.
    Outline {
        cursor: usize,
        under: Focus,
    },
    /// The list of notes, with the cursor on one.
    Notes {
        cursor: usize,
        under: Focus,
    },
    /// Every mention of the selected topic (or hit of the search) in context, one a row;
    /// `top` is the first row shown.
    Mentions {
        cursor: usize,
        top: usize,
        under: Focus,
    },
}

impl Default for Mode {
    fn default() -> Mode {
        Mode::Reading(Focus::Text)
    }
}

impl Mode {
    /// The pane that has focus, or will have it when the prompt or help closes.
    pub fn focus(&self) -> Focus {
        match *self {
            Mode::Reading(focus)
            | Mode::Prompt { under: focus, .. }
            | Mode::Help { under: focus, .. }
            | Mode::Outline { under: focus, .. }
            | Mode::Mentions { under: focus, .. }
            | Mode::Notes { under: focus, .. } => focus,
        }
    }

    /// The kind of prompt open, if one is.
    pub fn prompt(&self) -> Option<PromptKind> {
        match self {
            Mode::Prompt { kind, .. } => Some(*kind),
            Mode::Reading(_)
            | Mode::Help { .. }
            | Mode::Outline { .. }
            | Mode::Mentions { .. }
            | Mode::Notes { .. } => None,
        }
    }

    /// The text typed into the open prompt.
    pub fn input(&self) -> Option<&str> {
        match self {
            Mode::Prompt { input, .. } => Some(input),
            Mode::Reading(_)
            | Mode::Help { .. }
            | Mode::Outline { .. }
            | Mode::Mentions { .. }
            | Mode::Notes { .. } => None,
        }
    }

    /// How far the help is scrolled, while it is shown.
    pub fn help_scroll(&self) -> Option<usize> {
        match self {
            Mode::Help { scroll, .. } => Some(*scroll),
            Mode::Reading(_)
            | Mode::Prompt { .. }
            | Mode::Outline { .. }
            | Mode::Mentions { .. }
            | Mode::Notes { .. } => None,
        }
    }

    /// The outline's cursor, when the outline is open.
    pub fn outline_cursor(&self) -> Option<usize> {
        match self {
            Mode::Outline { cursor, .. } => Some(*cursor),
            Mode::Reading(_)
            | Mode::Prompt { .. }
            | Mode::Help { .. }
            | Mode::Mentions { .. }
            | Mode::Notes { .. } => None,
        }
    }

    /// The mentions list's cursor and first row shown, when it is open.
    pub fn mentions_list(&self) -> Option<(usize, usize)> {
        match self {
            Mode::Mentions { cursor, top, .. } => Some((*cursor, *top)),
            Mode::Reading(_)
            | Mode::Prompt { .. }
            | Mode::Help { .. }
            | Mode::Outline { .. }
            | Mode::Notes { .. } => None,
        }
    }

    /// The notes list's cursor, when it is open.
    pub fn notes_cursor(&self) -> Option<usize> {
        match self {
            Mode::Notes { cursor, .. } => Some(*cursor),
            Mode::Reading(_)
            | Mode::Prompt { .. }
            | Mode::Help { .. }
            | Mode::Outline { .. }
            | Mode::Mentions { .. } => None,
        }
    }
}
