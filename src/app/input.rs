//! Terminal events as actions: keys through the keymap for the present mode, the mouse, and
//! resizes.

use crossterm::event::{Event, MouseButton, MouseEventKind};

use crate::app::App;
use crate::app::action::Action;
use crate::app::keymap;

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: i32 = 3;

/// The action an event asks for in the app's present state.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(*key, app.mode(), app.key_overrides()),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    lines: WHEEL_LINES,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    lines: -WHEEL_LINES,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}
