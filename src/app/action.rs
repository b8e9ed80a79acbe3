//! What a user can ask the reader to do; keys and mouse events become these.

/// Forward or backward, for steps between mentions, hits and topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Hand the terminal back to the shell until `fg` (Ctrl-z).
    Suspend,
    /// Scroll the text by lines (negative: up).
    ScrollLines(i32),
    /// Scroll by whole pages.
    ScrollPages(i32),
    /// Scroll by half pages.
    ScrollHalfPages(i32),
    GoToTop,
    GoToBottom,
    /// Move focus between the text and the topic panel.
    ToggleFocus,
    /// Move the panel cursor by entries.
    MoveCursor(i32),
    /// Select the topic under the panel cursor and jump to its first mention.
    SelectAtCursor,
    /// Select the `n`th entry of the panel as shown (mouse click).
    SelectEntry(usize),
    /// Next or previous mention of the selected topic, or hit of the active search.
    JumpToMention(Step),
    /// Select the next or previous topic of the panel and jump to its first mention.
    SelectTopic(Step),
    JumpBack,
    JumpForward,
    OpenFilter,
    OpenSearch,
    /// A character typed into the open prompt.
    Type(char),
    /// Delete the last character of the prompt.
    Erase,
    /// Enter in a prompt: accept the filter or run the search.
    Submit,
    /// Esc: close the prompt, end the search, or close an overlay.
    Cancel,
    ToggleHelp,
    /// Show or hide the topic panel over the text on narrow screens.
    TogglePanel,
    /// Make the panel narrower (negative) or wider.
    ResizePanel(i16),
    /// Turn mouse capture off (to select text in the terminal) or on.
    ToggleMouse,
    /// A click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell, in lines.
    Wheel {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// The terminal now has this many columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
}
