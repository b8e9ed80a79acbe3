//! The one table of key bindings: dispatch, the help overlay and the status hints read it.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::action::Action;
use crate::app::mode::{Focus, Mode};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, prompts and help included.
    Always,
    /// The text or the panel, with no prompt or overlay open.
    Reading,
    /// The text has focus.
    Text,
    /// The topic panel has focus.
    Panel,
    /// A filter or search prompt is open.
    Prompt,
    /// The help overlay is open.
    Help,
    /// The outline is open.
    Outline,
    /// The list of mentions in context is open.
    Mentions,
    /// The list of notes is open.
    Notes,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Anywhere",
            Context::Reading => "Reading",
            Context::Text => "In the text",
            Context::Panel => "In the topic panel",
            Context::Prompt => "In a prompt",
            Context::Help => "In this help",
            Context::Outline => "In the outline",
            Context::Mentions => "In the list of mentions",
            Context::Notes => "In the list of notes",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// A key as written in the table and in keymap files: a character (`q`, `G`, `/`), a
    /// name (`Space`, `Enter`, `Esc`, `Tab`, `S-Tab`, `BS`, `Up`, `Down`, `Left`, `Right`,
    /// `PgUp`, `PgDn`, `Home`, `End`), with `C-` for Ctrl or `A-` for Alt before it.
    pub fn parse(text: &str) -> Result<Key, String> {
        let (modifiers, name) =
            if let Some(rest) = text.strip_prefix("C-").filter(|r| !r.is_empty()) {
                (KeyModifiers::CONTROL, rest)
            } else if let Some(rest) = text.strip_prefix("A-").filter(|r| !r.is_empty()) {
                (KeyModifiers::ALT, rest)
            } else {
                (KeyModifiers::NONE, text)
            };
        let code = match name {
            "Space" => KeyCode::Char(' '),
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "S-Tab" => KeyCode::BackTab,
            "BS" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            single if single.chars().count() == 1 => {
                KeyCode::Char(single.chars().next().unwrap_or(' '))
            }
            _ => return Err(format!("unknown key \"{text}\"")),
        };
        Ok(Key { code, modifiers })
    }

    /// The key as the help shows it.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{name}")
        } else {
            name
        }
    }

    /// The key of a terminal event, with Shift folded into the character it produced.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        if code == KeyCode::BackTab {
            modifiers = KeyModifiers::NONE;
        }
        Key { code, modifiers }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

/// Every binding as (context, keys separated by spaces, action, help), in the order the
/// help lists them.
#[rustfmt::skip]
const TABLE: &[(Context, &str, Action, &str)] = {
    use Action as A;
    use Context::{Always, Help, Mentions, Notes, Outline, Panel, Prompt, Reading, Text};
    &[
        (Reading, "q",          A::Quit,            "quit"),
        (Always,  "C-c",        A::Quit,            "quit"),
        (Always,  "C-z",        A::Suspend,         "suspend to the shell; fg comes back"),
        (Reading, "?",          A::ToggleHelp,      "show this help"),
        (Text,    "j Down e C-e C-n", A::ScrollDown, "scroll down a line"),
        (Text,    "k Up y C-y C-p",   A::ScrollUp,   "scroll up a line"),
        (Reading, "Space PgDn C-f", A::PageDown,    "page down"),
        (Reading, "b PgUp C-b", A::PageUp,          "page up"),
        (Reading, "d C-d",      A::HalfPageDown,    "half a page down"),
        (Reading, "u C-u",      A::HalfPageUp,      "half a page up"),
        (Reading, "g Home",     A::GoToTop,         "go to the top; Ng (or NG) to ¶N"),
        (Reading, "G End",      A::GoToBottom,      "go to the end"),
        (Reading, "% p",        A::GoToPercent,     "N% (or Np): go N percent into the text"),
        (Reading, "Tab S-Tab",  A::ToggleFocus,     "move focus between text and topics"),
        (Reading, "n",          A::NextMention,     "next mention (next hit while searching)"),
        (Reading, "N",          A::PreviousMention, "previous mention (previous hit)"),
        (Reading, "]",          A::NextTopic,       "next topic, to its first mention"),
        (Reading, "[",          A::PreviousTopic,   "previous topic, to its first mention"),
        (Reading, "o",          A::ToggleOutline,   "the outline: the document's headings"),
        (Reading, "l",          A::ToggleMentions,  "every mention (or hit) in context, one a line"),
        (Reading, "}",          A::NextHeading,     "next heading (section)"),
        (Reading, "{",          A::PreviousHeading, "previous heading (section)"),
        (Reading, "C-o",        A::JumpBack,        "back to where you were before a jump"),
        (Reading, "C-i A-i",    A::JumpForward,     "forward again after Ctrl-o (Alt-i where Ctrl-i is Tab)"),
        (Reading, "/",          A::OpenSearch,      "search (smart case, regular expressions); empty repeats"),
        (Reading, "&",          A::OpenMatchingLines, "only what matches a pattern: every hit in context, one a row (less's &)"),
        (Reading, "f",          A::OpenFilter,      "filter the topic list"),
        (Reading, "Esc",        A::Cancel,          "end the search; clear the filter"),
        (Reading, "t",          A::TogglePanel,     "show or hide the topic panel on narrow screens"),
        (Reading, "<",          A::NarrowPanel,     "narrow the topic panel"),
        (Reading, ">",          A::WidenPanel,      "widen the topic panel"),
        (Reading, "m",          A::SetMark,         "m and a letter: mark the place at the top (as in less)"),
        (Reading, "'",          A::GoToMark,        "' and a letter: go to the mark; '' back to where the last jump left"),
        (Reading, "a",          A::AddNote,         "a note on the paragraph being read (empty removes it)"),
        (Reading, "A",          A::ToggleNotes,     "the list of notes"),
        (Reading, "W",          A::WriteNotes,      "write the notes as Markdown beside the file (<name>.notes.md)"),
        (Reading, "M",          A::ToggleMouse,     "mouse on/off (off lets the terminal select text)"),
        (Panel,   "j Down",     A::CursorDown,      "next entry"),
        (Panel,   "k Up",       A::CursorUp,        "previous entry"),
        (Panel,   "Enter",      A::SelectAtCursor,  "select the topic, to its first mention"),
        (Panel,   "}",          A::NextSection,      "the next section of the panel (ACTORS, THEMES)"),
        (Panel,   "{",          A::PreviousSection, "the previous section of the panel"),
        (Panel,   "&",          A::PairTopic,       "pair the entry with the selected topic: n N go through the paragraphs of both"),
        (Panel,   "r",          A::RenameTopic,     "rename the entry (saved to the catalogue, as are x K T J +)"),
        (Panel,   "x",          A::HideTopic,       "hide the entry: gone, and discovery leaves it out"),
        (Panel,   "K",          A::NextKind,        "the actor's next kind: person, state, organisation, group, place, other"),
        (Panel,   "T",          A::ToggleGroup,     "make the actor a theme, or the theme an actor"),
        (Panel,   "J",          A::MergeIntoSelected, "merge the entry into the selected topic (its names become the topic's)"),
        (Reading, "+",          A::AddSearchAsName, "the search's text becomes a name of the selected topic"),
        (Panel,   "s",          A::TogglePanelOrder, "order by paragraphs shared with the selected topic / by mentions"),
        (Prompt,  "Enter",      A::Submit,          "select the first topic that passes the filter / run the search"),
        (Prompt,  "Esc",        A::Cancel,          "close the prompt (clears a filter)"),
        (Prompt,  "BS",         A::Erase,           "delete a character"),
        (Prompt,  "Up",         A::EarlierSearch,   "an earlier search (kept from one run to the next)"),
        (Prompt,  "Down",       A::LaterSearch,     "a later search"),
        (Outline, "j Down",     A::CursorDown,      "next heading"),
        (Outline, "k Up",       A::CursorUp,        "previous heading"),
        (Outline, "Enter",      A::SelectAtCursor,  "go to the heading"),
        (Outline, "Esc o q",    A::ToggleOutline,   "close the outline"),
        (Mentions, "j Down",    A::CursorDown,      "next mention"),
        (Mentions, "k Up",      A::CursorUp,        "previous mention"),
        (Mentions, "Space PgDn C-f", A::PageDown,   "a page of mentions down"),
        (Mentions, "b PgUp C-b", A::PageUp,         "a page of mentions up"),
        (Mentions, "g Home",    A::GoToTop,         "the first mention"),
        (Mentions, "G End",     A::GoToBottom,      "the last mention"),
        (Mentions, "Enter",     A::SelectAtCursor,  "go to the mention in the text"),
        (Mentions, "Esc l q",   A::ToggleMentions,  "close the list"),
        (Notes,   "j Down",     A::CursorDown,      "next note"),
        (Notes,   "k Up",       A::CursorUp,        "previous note"),
        (Notes,   "Enter",      A::SelectAtCursor,  "go to the note's paragraph"),
        (Notes,   "a",          A::AddNote,         "change the note"),
        (Notes,   "Esc A q",    A::ToggleNotes,     "close the list"),
        (Help,    "Esc ? q",    A::ToggleHelp,      "close this help"),
        (Help,    "j Down",     A::ScrollDown,      "scroll the help down"),
        (Help,    "k Up",       A::ScrollUp,        "scroll the help up"),
    ]
};

/// Every binding, in the order the help lists them.
pub static KEYMAP: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    TABLE
        .iter()
        .map(|&(context, keys, action, help)| Binding {
            context,
            // The table is checked by a test: every key in it parses.
            keys: keys.split(' ').filter_map(|k| Key::parse(k).ok()).collect(),
            action,
            help,
        })
        .collect()
});

/// The contexts searched, most specific first, in a mode.
pub fn contexts(mode: &Mode) -> &'static [Context] {
    match mode {
        Mode::Help { .. } => &[Context::Help, Context::Always],
        Mode::Outline { .. } => &[Context::Outline, Context::Always],
        Mode::Mentions { .. } => &[Context::Mentions, Context::Always],
        Mode::Notes { .. } => &[Context::Notes, Context::Always],
        Mode::Prompt { .. } => &[Context::Prompt, Context::Always],
        Mode::Reading(Focus::Panel) => &[Context::Panel, Context::Reading, Context::Always],
        Mode::Reading(Focus::Text) => &[Context::Text, Context::Reading, Context::Always],
    }
}

/// The action bound to `key` in the first of `contexts` that binds it.
pub fn lookup(contexts: &[Context], key: Key) -> Option<Action> {
    contexts.iter().find_map(|&context| {
        KEYMAP
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| b.action)
    })
}

/// What a key event means in a mode; in a prompt, printable characters are typed. The user's
/// own bindings (`overrides`, from the config file) come first while reading.
pub fn action_for(event: KeyEvent, mode: &Mode, overrides: &[(Key, Action)]) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let contexts = contexts(mode);
    let key = Key::from_event(event);
    if matches!(mode, Mode::Reading(_))
        && let Some(&(_, action)) = overrides.iter().find(|(bound, _)| *bound == key)
    {
        return Some(action);
    }
    if let Some(action) = lookup(contexts, key) {
        return Some(action);
    }
    let typing = contexts.first() == Some(&Context::Prompt);
    let reading = matches!(mode, Mode::Reading(_));
    match key.code {
        KeyCode::Char(c) if typing && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Type(c))
        }
        // A count before a motion, as in less: 12g, 50%, 5j.
        KeyCode::Char(c @ '0'..='9') if reading && key.modifiers.is_empty() => {
            c.to_digit(10).map(|d| Action::Count(d as u8))
        }
        _ => None,
    }
}

/// The first key bound to `action`, as the status hints show it.
pub fn key_for(action: Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(|k| k.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::mode::PromptKind;
    use std::collections::HashSet;
    use strum::IntoEnumIterator;

    #[test]
    fn every_key_in_the_table_parses() {
        for &(_, keys, action, _) in TABLE {
            for key in keys.split(' ') {
                assert!(Key::parse(key).is_ok(), "{key} for {action:?}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let mut seen = HashSet::new();
        for binding in KEYMAP.iter() {
            for key in &binding.keys {
                assert!(
                    seen.insert((binding.context as u8, key.label())),
                    "{} bound twice in {:?}",
                    key.label(),
                    binding.context
                );
            }
        }
    }

    /// Goes through every variant: an action added without a key fails here.
    #[test]
    fn every_bindable_action_has_a_key() {
        for action in Action::iter().filter(|a| a.is_bindable()) {
            assert!(key_for(action).is_some(), "{action:?} has no key");
        }
    }

    #[test]
    fn actions_are_named_in_snake_case() {
        #[derive(serde::Deserialize)]
        struct Row {
            action: Action,
        }
        let row: Row = toml::from_str("action = \"next_mention\"").unwrap();
        assert_eq!(row.action, Action::NextMention);
        assert!(toml::from_str::<Row>("action = \"type\"").is_err());
    }

    #[test]
    fn lookup_prefers_the_specific_context() {
        let j = Key::parse("j").unwrap();
        let text = Mode::Reading(Focus::Text);
        let panel = Mode::Reading(Focus::Panel);
        let prompt = Mode::Prompt {
            kind: PromptKind::Search,
            input: String::new(),
            under: Focus::Text,
        };
        assert_eq!(lookup(contexts(&text), j), Some(Action::ScrollDown));
        assert_eq!(lookup(contexts(&panel), j), Some(Action::CursorDown));
        let typed = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(typed, &prompt, &[]), Some(Action::Type('q')));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, &prompt, &[]), Some(Action::Quit));
    }
}
