//! Helpers shared by the reader's tests: an app on a document, keys typed as a string.
#![allow(dead_code)]
// Test helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::missing_panics_doc)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pilcrow::app::App;
use pilcrow::app::action::Action;
use pilcrow::app::run::action_for_event;
use pilcrow::cli::{InputArgs, load};
use pilcrow::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn fixture_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The reader on `file` (the bundled commentary when `None`) at `width`×`height`.
pub fn app_on(file: Option<&str>, width: u16, height: u16) -> App {
    let input = InputArgs {
        file: file.map(fixture_path),
        topics: None,
        force: false,
        no_state: true,
        no_catalogue: false,
        no_discover: false,
    };
    let mut app = App::new(load(&input).expect("document loads"), Theme::colored());
    app.update(Action::Resize { width, height });
    app
}

/// Parses "f put <Enter> n <C-o>" into key events: `<…>` names a key, other words are typed
/// character by character.
pub fn keys(script: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    for word in script.split_whitespace() {
        if let Some(name) = word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
            let (modifiers, name) = match name.strip_prefix("C-") {
                Some(rest) => (KeyModifiers::CONTROL, rest),
                None => (KeyModifiers::NONE, name),
            };
            let code = match name {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "PgDn" => KeyCode::PageDown,
                "PgUp" => KeyCode::PageUp,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "BS" => KeyCode::Backspace,
                "Space" => KeyCode::Char(' '),
                single if single.chars().count() == 1 => {
                    KeyCode::Char(single.chars().next().unwrap())
                }
                other => panic!("unknown key <{other}>"),
            };
            events.push(KeyEvent::new(code, modifiers));
        } else {
            events.extend(
                word.chars()
                    .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            );
        }
    }
    events
}

/// Feeds keys through the keymap into the app, as the run loop does.
pub fn press(app: &mut App, script: &str) {
    for key in keys(script) {
        if let Some(action) = action_for_event(app, &Event::Key(key)) {
            app.update(action);
        }
    }
}

/// 1-based ¶ of the top row.
pub fn top_paragraph(app: &App) -> usize {
    app.top_paragraph() + 1
}

/// 1-based ¶ of the current mention of the selected topic.
pub fn current_mention_paragraph(app: &App) -> Option<usize> {
    let topic = app.selected?;
    let current = app.current?;
    Some(app.index.topics[topic].mentions[current].paragraph as usize + 1)
}

pub fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces kept off.
pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character covers the next cell too.
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
