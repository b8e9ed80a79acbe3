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
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
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

    /// Any command (a shell around pilcrow) in a fresh pseudo-terminal whose background is
    /// black, as a terminal answers a colour query.
    pub fn spawn(command: CommandBuilder, width: u16, height: u16) -> Session {
        Session::spawn_on(command, width, height, Some("0000/0000/0000"))
    }

    /// As `spawn`, the terminal answering a background query (OSC 11) with `background`
    /// (`rrrr/gggg/bbbb`), or not at all when `None`; it answers device attributes (DA1)
    /// always, as terminals do.
    pub fn spawn_on(
        mut command: CommandBuilder,
        width: u16,
        height: u16,
        background: Option<&str>,
    ) -> Session {
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
        let writer = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let answer = Arc::clone(&writer);
        let background = background.map(|rgb| format!("\x1b]11;rgb:{rgb}\x1b\\"));
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
            let mut unanswered = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
                record.lock().unwrap().extend_from_slice(&buf[..n]);
                unanswered.extend_from_slice(&buf[..n]);
                answer_queries(&mut unanswered, background.as_deref(), &answer);
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
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Waits for the process to end and returns its exit code.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// What the program wrote, less its own background-colour query (OSC 11, ended by a
    /// bell or ST) and the device-attributes query after it: the rest must come from drawing.
    pub fn raw_drawing(&self) -> String {
        String::from_utf8_lossy(&self.raw())
            .replacen("\u{1b}]11;?\u{7}", "", 1)
            .replacen("\u{1b}]11;?\u{1b}\\", "", 1)
            .replacen("\u{1b}[c", "", 1)
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

/// Answers, in the order they were asked, the background-colour (OSC 11) and device-attribute
/// (DA1) queries in `output`, keeping only a tail that may hold the start of the next one.
fn answer_queries(
    output: &mut Vec<u8>,
    background: Option<&str>,
    writer: &Mutex<Box<dyn Write + Send>>,
) {
    const COLOUR: &[u8] = b"\x1b]11;?";
    const ATTRIBUTES: &[u8] = b"\x1b[c";
    let mut at = 0;
    let mut answered = 0;
    while at < output.len() {
        let rest = &output[at..];
        let reply = if rest.starts_with(COLOUR) {
            at += COLOUR.len();
            background.map(str::as_bytes)
        } else if rest.starts_with(ATTRIBUTES) {
            at += ATTRIBUTES.len();
            Some(b"\x1b[?62;22c".as_slice())
        } else {
            at += 1;
            continue;
        };
        answered = at;
        if let Some(reply) = reply {
            let mut writer = writer.lock().unwrap();
            let _ = writer.write_all(reply);
            let _ = writer.flush();
        }
    }
    // A query cut by the read may have begun in the last bytes; none begins in one answered.
    let tail = output.len().saturating_sub(COLOUR.len() - 1).max(answered);
    output.drain(..tail);
}
