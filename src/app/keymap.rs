//! The one table of key bindings: dispatch, the help overlay and the status hints read it.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::action::{Action, Step};

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
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
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

fn bind(context: Context, keys: &[Key], action: Action, help: &'static str) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        action,
        help,
    }
}

/// Every binding, in the order the help lists them.
pub static KEYMAP: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use Context::{Always, Help, Panel, Prompt, Reading, Text};
    use KeyCode::{BackTab, Backspace, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
    vec![
        bind(Reading, &[Key::ch('q')], Action::Quit, "quit"),
        bind(Always, &[Key::ctrl('c')], Action::Quit, "quit"),
        bind(
            Always,
            &[Key::ctrl('z')],
            Action::Suspend,
            "suspend to the shell; fg comes back",
        ),
        bind(
            Reading,
            &[Key::ch('?')],
            Action::ToggleHelp,
            "show this help",
        ),
        bind(
            Text,
            &[Key::ch('j'), Key::plain(Down)],
            Action::ScrollLines(1),
            "scroll down a line",
        ),
        bind(
            Text,
            &[Key::ch('k'), Key::plain(Up)],
            Action::ScrollLines(-1),
            "scroll up a line",
        ),
        bind(
            Reading,
            &[Key::ch(' '), Key::plain(PageDown)],
            Action::ScrollPages(1),
            "page down",
        ),
        bind(
            Reading,
            &[Key::ch('b'), Key::plain(PageUp)],
            Action::ScrollPages(-1),
            "page up",
        ),
        bind(
            Reading,
            &[Key::ch('d')],
            Action::ScrollHalfPages(1),
            "half a page down",
        ),
        bind(
            Reading,
            &[Key::ch('u')],
            Action::ScrollHalfPages(-1),
            "half a page up",
        ),
        bind(
            Reading,
            &[Key::ch('g'), Key::plain(Home)],
            Action::GoToTop,
            "go to the top",
        ),
        bind(
            Reading,
            &[Key::ch('G'), Key::plain(End)],
            Action::GoToBottom,
            "go to the end",
        ),
        bind(
            Reading,
            &[Key::plain(Tab), Key::plain(BackTab)],
            Action::ToggleFocus,
            "move focus between text and topics",
        ),
        bind(
            Reading,
            &[Key::ch('n')],
            Action::JumpToMention(Step::Next),
            "next mention (next hit while searching)",
        ),
        bind(
            Reading,
            &[Key::ch('N')],
            Action::JumpToMention(Step::Previous),
            "previous mention (previous hit)",
        ),
        bind(
            Reading,
            &[Key::ch(']')],
            Action::SelectTopic(Step::Next),
            "next topic, to its first mention",
        ),
        bind(
            Reading,
            &[Key::ch('[')],
            Action::SelectTopic(Step::Previous),
            "previous topic, to its first mention",
        ),
        bind(
            Reading,
            &[Key::ctrl('o')],
            Action::JumpBack,
            "back to where you were before a jump",
        ),
        bind(
            Reading,
            &[
                Key::ctrl('i'),
                Key {
                    code: KeyCode::Char('i'),
                    modifiers: KeyModifiers::ALT,
                },
            ],
            Action::JumpForward,
            "forward again after Ctrl-o (Alt-i where Ctrl-i is Tab)",
        ),
        bind(
            Reading,
            &[Key::ch('/')],
            Action::OpenSearch,
            "search the text",
        ),
        bind(
            Reading,
            &[Key::ch('f')],
            Action::OpenFilter,
            "filter the topic list",
        ),
        bind(
            Reading,
            &[Key::plain(Esc)],
            Action::Cancel,
            "end the search; clear the filter",
        ),
        bind(
            Reading,
            &[Key::ch('t')],
            Action::TogglePanel,
            "show or hide the topic panel on narrow screens",
        ),
        bind(
            Reading,
            &[Key::ch('<')],
            Action::ResizePanel(-4),
            "narrow the topic panel",
        ),
        bind(
            Reading,
            &[Key::ch('>')],
            Action::ResizePanel(4),
            "widen the topic panel",
        ),
        bind(
            Reading,
            &[Key::ch('m')],
            Action::ToggleMouse,
            "mouse on/off (off lets the terminal select text)",
        ),
        bind(
            Panel,
            &[Key::ch('j'), Key::plain(Down)],
            Action::MoveCursor(1),
            "next entry",
        ),
        bind(
            Panel,
            &[Key::ch('k'), Key::plain(Up)],
            Action::MoveCursor(-1),
            "previous entry",
        ),
        bind(
            Panel,
            &[Key::plain(Enter)],
            Action::SelectAtCursor,
            "select the topic, to its first mention",
        ),
        bind(
            Prompt,
            &[Key::plain(Enter)],
            Action::Submit,
            "select the first topic that passes the filter / run the search",
        ),
        bind(
            Prompt,
            &[Key::plain(Esc)],
            Action::Cancel,
            "close the prompt (clears a filter)",
        ),
        bind(
            Prompt,
            &[Key::plain(Backspace)],
            Action::Erase,
            "delete a character",
        ),
        bind(
            Help,
            &[Key::plain(Esc), Key::ch('?'), Key::ch('q')],
            Action::ToggleHelp,
            "close this help",
        ),
        bind(
            Help,
            &[Key::ch('j'), Key::plain(Down)],
            Action::ScrollLines(1),
            "scroll the help down",
        ),
        bind(
            Help,
            &[Key::ch('k'), Key::plain(Up)],
            Action::ScrollLines(-1),
            "scroll the help up",
        ),
    ]
});

/// The contexts searched, most specific first, for the state the reader is in.
pub fn contexts(focus_panel: bool, prompt: bool, help: bool) -> &'static [Context] {
    match (help, prompt, focus_panel) {
        (true, _, _) => &[Context::Help, Context::Always],
        (false, true, _) => &[Context::Prompt, Context::Always],
        (false, false, true) => &[Context::Panel, Context::Reading, Context::Always],
        (false, false, false) => &[Context::Text, Context::Reading, Context::Always],
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

/// What a key event means in a state; in a prompt, printable characters are typed.
pub fn action_for(event: KeyEvent, contexts: &[Context]) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(event);
    if let Some(action) = lookup(contexts, key) {
        return Some(action);
    }
    let typing = contexts.first() == Some(&Context::Prompt);
    match key.code {
        KeyCode::Char(c) if typing && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// The first key bound to `action`, as the status hints show it.
pub fn key_for(action: &Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| &b.action == action)
        .and_then(|b| b.keys.first())
        .map(|k| k.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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

    #[test]
    fn every_user_action_has_a_binding() {
        let wanted = [
            Action::Quit,
            Action::Suspend,
            Action::ScrollLines(1),
            Action::ScrollLines(-1),
            Action::ScrollPages(1),
            Action::ScrollPages(-1),
            Action::ScrollHalfPages(1),
            Action::ScrollHalfPages(-1),
            Action::GoToTop,
            Action::GoToBottom,
            Action::ToggleFocus,
            Action::MoveCursor(1),
            Action::MoveCursor(-1),
            Action::SelectAtCursor,
            Action::JumpToMention(Step::Next),
            Action::JumpToMention(Step::Previous),
            Action::SelectTopic(Step::Next),
            Action::SelectTopic(Step::Previous),
            Action::JumpBack,
            Action::JumpForward,
            Action::OpenFilter,
            Action::OpenSearch,
            Action::Erase,
            Action::Submit,
            Action::Cancel,
            Action::ToggleHelp,
            Action::TogglePanel,
            Action::ResizePanel(-4),
            Action::ResizePanel(4),
            Action::ToggleMouse,
        ];
        for action in wanted {
            assert!(key_for(&action).is_some(), "{action:?} has no key");
        }
    }

    #[test]
    fn lookup_prefers_the_specific_context() {
        let j = Key::ch('j');
        assert_eq!(
            lookup(contexts(false, false, false), j),
            Some(Action::ScrollLines(1))
        );
        assert_eq!(
            lookup(contexts(true, false, false), j),
            Some(Action::MoveCursor(1))
        );
        let typed = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            action_for(typed, contexts(false, true, false)),
            Some(Action::Type('q'))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(ctrl_c, contexts(false, true, false)),
            Some(Action::Quit)
        );
    }
}
