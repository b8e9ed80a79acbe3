//! What a user can ask the reader to do; keys, mouse events and the terminal become these.

use serde::{Deserialize, Serialize};

/// Forward or backward, for steps between mentions, hits and topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
}

/// A user's intent. The unit variants can be bound to keys and are named in snake case
/// (`next_mention`) for keymap files; the others carry what a mouse or the terminal reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    /// Hand the terminal back to the shell until `fg` (Ctrl-z).
    Suspend,
    /// Scroll the text (or the help) a line down.
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    GoToTop,
    GoToBottom,
    /// Move focus between the text and the topic panel.
    ToggleFocus,
    /// Move the panel cursor to the next entry.
    CursorDown,
    CursorUp,
    /// Select the topic under the panel cursor and jump to its first mention.
    SelectAtCursor,
    /// Next mention of the selected topic, or next hit of the active search.
    NextMention,
    PreviousMention,
    /// Select the next topic of the panel and jump to its first mention.
    NextTopic,
    PreviousTopic,
    JumpBack,
    JumpForward,
    OpenFilter,
    OpenSearch,
    /// Ask for a pattern and list every line that has it, in context (less's `&pattern`).
    OpenMatchingLines,
    /// Delete the last character of the prompt.
    Erase,
    /// ↑ in the search prompt: the search before the one shown, from the history.
    EarlierSearch,
    /// ↓ in the search prompt: the search after the one shown.
    LaterSearch,
    /// Enter in a prompt: accept the filter or run the search.
    Submit,
    /// Esc: close the prompt, end the search, or close an overlay.
    Cancel,
    ToggleHelp,
    /// Open or close the outline of the document's headings.
    ToggleOutline,
    /// Open or close the list of every mention of the selected topic (or hit of the search)
    /// in context.
    ToggleMentions,
    /// The panel's cursor to the first entry of its next section (ACTORS, THEMES), or of
    /// the previous one.
    NextSection,
    PreviousSection,
    /// Pair the topic under the panel cursor with the selected one (again: unpair).
    PairTopic,
    /// Give the entry under the panel cursor a new label (saved to the catalogue).
    RenameTopic,
    /// Hide the entry under the panel cursor (saved to the catalogue).
    HideTopic,
    /// The next kind for the actor under the panel cursor.
    NextKind,
    /// Turn the actor under the panel cursor into a theme, or the theme into an actor.
    ToggleGroup,
    /// Merge the entry under the panel cursor into the selected topic.
    MergeIntoSelected,
    /// The search's text becomes a name of the selected topic.
    AddSearchAsName,
    /// Order the panel by paragraphs shared with the selected topic, or by mentions.
    TogglePanelOrder,
    /// `m`: the next letter names a mark on the place shown at the top.
    SetMark,
    /// `'`: the next letter goes to its mark (`'` to where the last jump left).
    GoToMark,
    /// Write (or change) the note on the paragraph being read.
    AddNote,
    /// Open or close the list of notes.
    ToggleNotes,
    /// Write the notes as Markdown beside the document.
    WriteNotes,
    /// Go to the next heading (the next section), or the previous one.
    NextHeading,
    PreviousHeading,
    /// Show or hide the topic panel over the text on narrow screens.
    TogglePanel,
    NarrowPanel,
    WidenPanel,
    /// Turn mouse capture off (to select text in the terminal) or on.
    ToggleMouse,
    /// Go N percent into the text, N the count typed before it (0 without one).
    GoToPercent,
    /// A digit of a count typed before a motion (`12g`, `50%`, `5j`).
    #[serde(skip)]
    Count(u8),
    /// A character typed into the open prompt.
    #[serde(skip)]
    Type(char),
    /// A click at a screen cell.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell, in lines (negative: up).
    #[serde(skip)]
    Wheel {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// The terminal now has this many columns and rows.
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// Whether a key can be bound to it: every unit variant. The match names every variant,
    /// so a new action cannot be added without deciding this.
    pub fn is_bindable(self) -> bool {
        match self {
            Action::Type(_)
            | Action::Count(_)
            | Action::Click { .. }
            | Action::Wheel { .. }
            | Action::Resize { .. } => false,
            Action::Quit
            | Action::Suspend
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::GoToTop
            | Action::GoToBottom
            | Action::GoToPercent
            | Action::ToggleFocus
            | Action::CursorDown
            | Action::CursorUp
            | Action::SelectAtCursor
            | Action::NextMention
            | Action::PreviousMention
            | Action::NextTopic
            | Action::PreviousTopic
            | Action::JumpBack
            | Action::JumpForward
            | Action::ToggleOutline
            | Action::ToggleMentions
            | Action::NextSection
            | Action::PreviousSection
            | Action::PairTopic
            | Action::RenameTopic
            | Action::HideTopic
            | Action::NextKind
            | Action::ToggleGroup
            | Action::MergeIntoSelected
            | Action::AddSearchAsName
            | Action::TogglePanelOrder
            | Action::SetMark
            | Action::GoToMark
            | Action::AddNote
            | Action::ToggleNotes
            | Action::WriteNotes
            | Action::NextHeading
            | Action::PreviousHeading
            | Action::OpenFilter
            | Action::OpenSearch
            | Action::OpenMatchingLines
            | Action::Erase
            | Action::EarlierSearch
            | Action::LaterSearch
            | Action::Submit
            | Action::Cancel
            | Action::ToggleHelp
            | Action::TogglePanel
            | Action::NarrowPanel
            | Action::WidenPanel
            | Action::ToggleMouse => true,
        }
    }
}
