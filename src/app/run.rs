//! The run loop: owns the terminal, turns events into actions, draws after each.

use std::io::{self, Write};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags, MouseButton,
    MouseEventKind, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::execute;

use crate::app::action::Action;
use crate::app::keymap;
use crate::app::update::WHEEL_LINES;
use crate::app::{App, Focus};

/// What pilcrow turns on beyond `ratatui::init`, undone in reverse order on every exit.
fn enable_extras(mouse: bool) -> io::Result<()> {
    let mut out = io::stdout();
    // Lets terminals that support it tell Ctrl-i from Tab; others ignore the request.
    execute!(
        out,
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

fn disable_extras() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, PopKeyboardEnhancementFlags);
    let _ = out.flush();
}

/// The action an event asks for in the app's present state.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            let contexts = keymap::contexts(
                app.focus == Focus::Panel,
                app.prompt.is_some(),
                app.help_shown,
            );
            keymap::action_for(*key, contexts)
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: WHEEL_LINES,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: -WHEEL_LINES,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Runs the reader until the user quits; the terminal is restored however it ends.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    // Runs before ratatui's own hook, which restores raw mode and the main screen.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_extras();
        ratatui_hook(info);
    }));
    let result = (|| -> anyhow::Result<()> {
        enable_extras(app.mouse)?;
        let size = terminal.size()?;
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
        let mut mouse = app.mouse;
        while !app.quit {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
            let event = event::read()?;
            if let Some(action) = action_for_event(&app, &event) {
                app.update(action);
            }
            if app.mouse != mouse {
                mouse = app.mouse;
                if mouse {
                    execute!(io::stdout(), EnableMouseCapture)?;
                } else {
                    execute!(io::stdout(), DisableMouseCapture)?;
                }
            }
        }
        Ok(())
    })();
    disable_extras();
    ratatui::restore();
    result
}
