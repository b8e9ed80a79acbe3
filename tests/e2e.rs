//! The real binary in a pseudo-terminal: what a person sees, keys as they type them.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

/// A running pilcrow and the screen it has drawn so far.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Session {
    fn start(args: &[&str], width: u16, height: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(command).expect("pilcrow starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(height),
            nonzero(width),
            0,
        )));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            // The master must outlive the reads; it is dropped when this thread ends.
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            screen,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn row(&self, row: u16) -> String {
        let parser = self.screen.lock().unwrap();
        let (_, width) = parser.screen().size();
        parser.screen().contents_between(row, 0, row, width.get())
    }

    /// Waits until `check` holds for the screen, or fails with what the screen showed.
    fn wait_for(&self, what: &str, check: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if check(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.contents());
    }

    fn type_keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end and returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("pilcrow did not exit; screen:\n{}", self.contents());
    }

    /// After exit: the main screen is back and the cursor visible.
    fn assert_terminal_restored(&self) {
        // The reader thread may still be feeding the last bytes.
        self.wait_for("the main screen", |s| {
            let parser = s.screen.lock().unwrap();
            !parser.screen().alternate_screen() && !parser.screen().hide_cursor()
        });
    }
}

#[test]
fn select_putin_step_to_paragraph_six_and_quit() {
    let mut session = Session::start(&[], 100, 30);
    session.wait_for("the panel", |s| s.contents().contains("Vladimir Putin"));
    session.type_keys("fputin");
    session.wait_for("the filter", |s| s.contents().contains("filter: putin"));
    session.type_keys("\r");
    session.wait_for("¶3 at the top", |s| {
        let row = s.row(1);
        row.contains("¶3") && row.contains("Over the years")
    });
    session.type_keys("n");
    session.wait_for("the second mention", |s| {
        s.contents().contains("mention 2/5")
    });
    assert!(
        session.row(1).contains("¶3"),
        "the second mention is on screen: the view stays"
    );
    session.type_keys("n");
    session.wait_for("¶6 at the top", |s| {
        let row = s.row(1);
        row.contains("¶6") && row.contains("During the meeting")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn ctrl_c_quits_from_a_prompt() {
    let mut session = Session::start(&[], 100, 30);
    session.wait_for("the panel", |s| s.contents().contains("ACTORS"));
    session.type_keys("/trea");
    session.wait_for("the prompt", |s| s.contents().contains("/trea"));
    session.type_keys("\u{3}");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn help_and_search_in_the_real_terminal() {
    let mut session = Session::start(&[], 100, 30);
    session.wait_for("the panel", |s| s.contents().contains("ACTORS"));
    session.type_keys("?");
    session.wait_for("the help", |s| {
        s.contents()
            .contains("back to where you were before a jump")
    });
    session.type_keys("\u{1b}");
    session.wait_for("help closed", |s| !s.contents().contains("Esc or ? closes"));
    session.type_keys("/Cold war\r");
    session.wait_for("a hit", |s| s.contents().contains("hit 1/1"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}
