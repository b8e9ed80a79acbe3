//! A pseudo-terminal harness: run the real binary, read its screen, type keys.
#![allow(dead_code)]
// Test helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::missing_panics_doc)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

/// A running pilcrow and the screen it has drawn so far.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// The session's own state folder, unless the test gave one: nothing read from or left
    /// in the user's.
    _state: Option<tempfile::TempDir>,
}

impl Session {
    /// pilcrow with `args`, its state in a folder of its own.
    pub fn start(args: &[&str], width: u16, height: u16) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
        command.args(args);
        Session::spawn(command, width, height)
    }

    /// Any command (a shell around pilcrow) in a fresh pseudo-terminal.
    pub fn spawn(mut command: CommandBuilder, width: u16, height: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        command.env("TERM", "xterm-256color");
        command.env("PILCROW_BIN", env!("CARGO_BIN_EXE_pilcrow"));
        if let Ok(dir) = std::env::current_dir() {
            command.cwd(dir);
        }
        command.env_remove("NO_COLOR");
        let state = (command.get_env("XDG_STATE_HOME").is_none()
            && command.get_env("PILCROW_STATE_DIR").is_none())
        .then(|| {
            let dir = tempfile::tempdir().expect("a state folder");
            command.env("PILCROW_STATE_DIR", dir.path());
            dir
        });
        let child = pty.slave.spawn_command(command).expect("pilcrow starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(height),
            nonzero(width),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let feed = Arc::clone(&screen);
        let record = Arc::clone(&raw);
        std::thread::spawn(move || {
            // The master must outlive the reads; it is dropped when this thread ends.
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
                record.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            screen,
            raw,
            _state: state,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn row(&self, row: u16) -> String {
        let parser = self.screen.lock().unwrap();
        let (_, width) = parser.screen().size();
        parser.screen().contents_between(row, 0, row, width.get())
    }

    /// Waits until `check` holds for the screen, or fails with what the screen showed.
    pub fn wait_for(&self, what: &str, check: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if check(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.contents());
    }

    pub fn type_keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end and returns its exit code.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn wait_exit(&mut self) -> u32 {
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

    /// After exit: the main screen is back, the cursor visible, mouse reporting off.
    pub fn assert_terminal_restored(&self) {
        // The reader thread may still be feeding the last bytes.
        self.wait_for("the main screen", |s| {
            let parser = s.screen.lock().unwrap();
            let screen = parser.screen();
            !screen.alternate_screen()
                && !screen.hide_cursor()
                && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
    }
}
