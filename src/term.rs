//! The terminal shell: owns the terminal, turns events and signals into actions, carries out
//! the effects `update` returns, and draws when something changed.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::App;
use crate::app::action::Action;
use crate::app::background::{Jobs, WORKER_PREFIX};
use crate::app::effect::Effect;
use crate::app::input::action_for_event;
use crate::core::sanitize::panic_text;
use crate::ui::Screen;
use crate::ui::palette::Palette;

/// How often the loop wakes while nothing arrives, to check the terminal.
const SIGNAL_POLL: Duration = Duration::from_millis(50);
/// Bytes gathered before a write to the terminal; a full 400x200 frame fits.
const FRAME_BUFFER: usize = 256 * 1024;
/// How often the progress of background work is redrawn.
const PROGRESS_TICK: Duration = Duration::from_millis(40);
/// How often the loop checks that the terminal is still there.
const TERMINAL_CHECK: Duration = Duration::from_millis(500);

/// Set in the environment, makes the reader panic after its first frame (for tests of the
/// terminal restore).
pub const PANIC_FOR_TESTS: &str = "PILCROW_TEST_PANIC";

/// How a run ended.
#[derive(Debug)]
pub struct Ended {
    pub app: App,
    pub jobs: Jobs,
    /// The terminating signal, to re-deliver once the terminal is restored and state saved.
    pub signal: Option<i32>,
}

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

/// Everything back as the shell had it, in reverse order: extras, cursor, screen, raw mode.
fn restore_terminal() {
    disable_extras();
    // Drawing hides the cursor; a suspended terminal is not dropped, so show it here.
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
    // A terminal that is gone cannot be restored; nothing useful can be said about it either.
    let _ = execute!(io::stdout(), LeaveAlternateScreen);
    let _ = disable_raw_mode();
}

/// The terminal type the reader draws on: writes are gathered, one flush per frame.
type ReaderTerminal = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Raw mode and the alternate screen, as `ratatui::init` sets them up, but drawing through a
/// buffer so that a frame reaches the terminal in one write rather than in 1 KiB pieces.
fn init_terminal() -> io::Result<ReaderTerminal> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_BUFFER,
        io::stdout(),
    )))
}

/// What wakes the loop: a terminal event, or a signal.
enum Wake {
    Input(io::Result<Event>),
    Signal(i32),
}

/// Reads terminal events on their own thread, so that the loop can watch signals and the
/// terminal even when the event source blocks (or spins on a hung-up terminal).
fn spawn_input_thread(sender: mpsc::Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(Wake::Input(event)).is_err() || failed {
                break;
            }
        }
    });
}

/// Passes the signals the reader handles to the loop as they arrive, so that a hang-up or a
/// kill ends it at once rather than at its next tick.
fn spawn_signal_thread(sender: mpsc::Sender<Wake>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(Wake::Signal(signal)).is_err() {
                break;
            }
        }
    });
    Ok(handle)
}

/// Stops the process as Ctrl-z would, with the terminal handed back; returns after `fg`.
fn suspend(mouse: bool) -> io::Result<()> {
    restore_terminal();
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    // Resumed: take the terminal again.
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    enable_extras(mouse)
}

/// What the loop does after carrying out the terminal's effects.
enum Next {
    Continue,
    Quit,
}

/// Carries out the effects that are the terminal's: quit, suspend, mouse capture; `mouse`
/// is whether the reader wants the mouse.
fn apply(effects: Vec<Effect>, terminal: &mut ReaderTerminal, mouse: bool) -> anyhow::Result<Next> {
    let mut next = Next::Continue;
    for effect in effects {
        match effect {
            Effect::Quit => next = Next::Quit,
            Effect::Suspend => {
                suspend(mouse)?;
                // The new screen is blank: an empty frame brings ratatui's record of it in
                // line, so the next frame is drawn in full (Terminal::clear would query the
                // cursor).
                terminal.draw(|_| {})?;
            }
            Effect::MouseCapture(true) => execute!(io::stdout(), EnableMouseCapture)?,
            Effect::MouseCapture(false) => execute!(io::stdout(), DisableMouseCapture)?,
            // Work effects were taken by the jobs; none is left here.
            _ => {}
        }
    }
    Ok(next)
}

/// Whether the reader has the terminal (raw mode, alternate screen).
static READER_ACTIVE: AtomicBool = AtomicBool::new(false);

/// How pilcrow reports a panic: one safe line on standard error. While the reader has the
/// terminal, a panic of the UI thread restores it first; a panic of any other thread says
/// nothing here, since drawing goes on: a worker's is caught and shown in the status line, and
/// a part of a worker's job is joined and resumed in the worker.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        let name = thread.name().unwrap_or_default();
        let reading = READER_ACTIVE.load(Ordering::SeqCst);
        if name.starts_with(WORKER_PREFIX) || (reading && name != "main") {
            return;
        }
        if reading {
            restore_terminal();
        }
        let place = info
            .location()
            .map(|at| format!(" at {}:{}", at.file(), at.line()))
            .unwrap_or_default();
        crate::cli::warn(&format!(
            "internal error{place}: {}",
            panic_text(info.payload())
        ));
    }));
}

/// Runs the reader until the user quits or a signal ends it; the terminal is restored
/// however it ends, panics included.
///
/// # Panics
///
/// Only when the test variable `PILCROW_TEST_PANIC` asks it to.
pub fn run(
    mut app: App,
    effects: Vec<Effect>,
    mut jobs: Jobs,
    palette: Palette,
) -> anyhow::Result<Ended> {
    let (sender, wakes) = mpsc::channel();
    let signals = spawn_signal_thread(sender.clone())?;
    let mut terminal = init_terminal()?;
    install_panic_hook();
    READER_ACTIVE.store(true, Ordering::SeqCst);
    let panic_for_tests = std::env::var_os(PANIC_FOR_TESTS).is_some();
    let result = (|| -> anyhow::Result<Option<i32>> {
        enable_extras(app.mouse())?;
        let mut for_terminal = jobs.run(effects);
        let size = terminal.size()?;
        for_terminal.extend(jobs.run(app.update(Action::Resize {
            width: size.width,
            height: size.height,
        })));
        // The saved position, or anything else already on hand, before the first frame.
        jobs.deliver(&mut app, &mut for_terminal);
        spawn_input_thread(sender);
        let mut checked_terminal = Instant::now();
        // Frames are drawn only when something may have changed: idle, pilcrow writes nothing.
        let mut dirty = true;
        loop {
            if dirty {
                terminal.draw(|frame| {
                    frame.render_widget(
                        Screen {
                            app: &app,
                            palette: &palette,
                        },
                        frame.area(),
                    );
                })?;
                dirty = false;
            }
            assert!(
                !panic_for_tests,
                "{PANIC_FOR_TESTS} is set: panicking as asked \u{1b}]52;c;eA==\u{7}"
            );
            // While the index grows, wake often enough for the progress bar to move.
            let wait = if jobs.is_indexing() {
                PROGRESS_TICK
            } else {
                SIGNAL_POLL
            };
            let wake = wakes.recv_timeout(wait);
            dirty |= jobs.deliver(&mut app, &mut for_terminal);
            match wake {
                Ok(Wake::Input(Ok(event))) => {
                    if let Some(action) = action_for_event(&app, &event) {
                        for_terminal.extend(jobs.run(app.update(action)));
                        dirty = true;
                    }
                }
                Ok(Wake::Input(Err(error))) => return Err(error.into()),
                Ok(Wake::Signal(SIGTSTP)) => for_terminal.push(Effect::Suspend),
                Ok(Wake::Signal(other)) => return Ok(Some(other)),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(Some(SIGHUP)),
            }
            // A terminal that went away without a SIGHUP reaching us ends the reader too.
            if checked_terminal.elapsed() >= TERMINAL_CHECK {
                checked_terminal = Instant::now();
                // crossterm's size falls back on `tput` when the terminal fails it, so ask
                // the terminal itself too: a hung-up one answers no more.
                if crossterm::terminal::size().is_err() || !io::stdout().is_terminal() {
                    return Ok(Some(SIGHUP));
                }
            }
            if !for_terminal.is_empty() {
                dirty = true;
                if let Next::Quit = apply(
                    std::mem::take(&mut for_terminal),
                    &mut terminal,
                    app.mouse(),
                )? {
                    return Ok(None);
                }
            }
        }
    })();
    signals.close();
    restore_terminal();
    READER_ACTIVE.store(false, Ordering::SeqCst);
    if matches!(result, Ok(Some(SIGHUP))) {
        // The terminal is gone: dropping it would try to show the cursor on it and report
        // the failure on a closed standard error.
        std::mem::forget(terminal);
    }
    Ok(Ended {
        app,
        jobs,
        signal: result?,
    })
}

/// Ends the process as `signal` would have, now that the terminal is restored.
pub fn redeliver(signal: i32) {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
}
