//! Helpers shared by the tests: a reader on a document with its background work done, keys
//! typed as a string, screens drawn on a test backend, and the real binary in a pty.
// Cargo runs every file directly under tests/ as a test binary; helpers live in a folder.
#![allow(clippy::mod_module_files)]
#![allow(dead_code)]
// Test helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::missing_panics_doc)]

pub mod pty;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pilcrow::app::App;
use pilcrow::app::action::Action;
use pilcrow::app::background::Jobs;
use pilcrow::app::input::action_for_event;
use pilcrow::core::ids::ParagraphId;
use pilcrow::core::open::{OpenRequest, Opened};
use pilcrow::ui::Screen;
use pilcrow::ui::palette::Palette;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn fixture_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The reader on an opened document at `width`×`height`, its index built (the jobs stay,
/// for what later actions start).
pub fn reader(opened: Opened, width: u16, height: u16) -> (App, Jobs) {
    let (mut app, effects) = App::new(opened);
    let mut jobs = Jobs::new(None);
    jobs.run(effects);
    jobs.run(app.update(Action::Resize { width, height }));
    jobs.settle(&mut app);
    (app, jobs)
}

/// The reader on `file` (the bundled commentary when `None`) at `width`×`height`, indexed.
pub fn app_on(file: Option<&str>, width: u16, height: u16) -> App {
    let request = OpenRequest {
        file: file.map(fixture_path),
        ..OpenRequest::default()
    };
    reader(
        Opened::open(&request).expect("document loads"),
        width,
        height,
    )
    .0
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

/// Feeds keys through the keymap into the app, as the run loop does; returns every effect
/// they asked for.
pub fn press(app: &mut App, script: &str) -> Vec<pilcrow::app::effect::Effect> {
    let mut effects = Vec::new();
    for key in keys(script) {
        if let Some(action) = action_for_event(app, &Event::Key(key)) {
            effects.extend(app.update(action));
        }
    }
    effects
}

/// 1-based ¶ of the top row.
pub fn top_paragraph(app: &App) -> usize {
    app.viewport().top().paragraph.number()
}

/// 1-based ¶ of the current mention of the selected topic.
pub fn current_mention_paragraph(app: &App) -> Option<usize> {
    app.current_mention().map(|m| m.paragraph.number())
}

/// The label of the selected topic.
pub fn selected_label(app: &App) -> Option<&str> {
    Some(app.topic(app.selection()?.topic).label.as_str())
}

/// The id of the selected topic.
pub fn selected_id(app: &App) -> Option<&str> {
    Some(app.topic(app.selection()?.topic).id.as_str())
}

/// The paragraph of a 1-based ¶ number.
pub fn paragraph(number: usize) -> ParagraphId {
    ParagraphId::new(number - 1)
}

pub fn draw_with(app: &App, palette: &Palette) -> Buffer {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(Screen { app, palette }, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

pub fn draw(app: &App) -> Buffer {
    draw_with(app, &Palette::colored())
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
