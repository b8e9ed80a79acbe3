//! Hostile input and the terminal: escape sequences shown, never sent; bad files and
//! catalogues refused in one line or opened safely; the terminal restored however pilcrow ends;
//! the reading position remembered.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use common::pty::Session;
use portable_pty::CommandBuilder;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

// 1. The sanitiser, end to end.

#[test]
fn escape_sequences_are_shown_as_markers_and_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "Clear \u{1b}[2J here. Title \u{1b}]0;pwned\u{7} there. Clipboard \u{1b}]52;c;ZXZpbA==\u{7} \
                   query \u{1b}[6n moves \u{1b}[10;10H\u{1b}[5A bell \u{7} c1 \u{9b}31m rtl \u{202e}txet end.";
    let file = write(dir.path(), "hostile.txt", hostile.as_bytes());
    let mut session = Session::start(&["--no-state", s(&file)], 100, 30);
    session.wait_for("the text", |s| s.contents().contains("end."));
    let screen = session.contents();
    for shown in [
        "␛[2J",
        "␛]0;pwned␇",
        "␛]52;c;ZXZpbA==␇",
        "␛[6n",
        "␛[10;10H␛[5A",
        "bell ␇",
        "⟨9B⟩31m",
        "⟨202E⟩txet",
    ] {
        assert!(screen.contains(shown), "{shown} not shown in:\n{screen}");
    }
    assert!(
        session.row(0).contains("hostile.txt"),
        "header intact: {}",
        session.row(0)
    );
    assert!(
        session.row(1).contains("¶1"),
        "layout intact: {}",
        session.row(1)
    );
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    let raw = session.raw_drawing();
    for sent in [
        "\u{1b}]0;",
        "\u{1b}]52",
        "\u{1b}[6n",
        "\u{1b}[2J",
        "\u{7}",
        "\u{9b}",
        "\u{202e}",
    ] {
        assert!(!raw.contains(sent), "{sent:?} reached the terminal");
    }
}

// 2. Bad files.

#[test]
fn empty_and_blank_files_open_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", &b" \n\t\n  \n"[..])] {
        let file = write(dir.path(), name, bytes);
        let mut session = Session::start(&["--no-state", s(&file)], 80, 24);
        session.wait_for("the empty note", |s| {
            s.contents().contains("the document is empty")
        });
        session.type_keys("jGg/x\rn]q");
        assert_eq!(session.wait_exit(), 0);
        session.assert_terminal_restored();
    }
}

#[test]
fn files_that_cannot_be_read_give_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(dir.path(), "binary.bin", b"\x7fELF\x02\x01\x00\x00");
    let missing = dir.path().join("missing.txt");
    let cases = [
        (
            s(&binary).to_string(),
            "looks like a binary file; --force opens it anyway",
        ),
        (s(&missing).to_string(), "no such file"),
        (s(dir.path()).to_string(), "is a directory"),
    ];
    for (path, message) in cases {
        let output = Command::cargo_bin("pilcrow")
            .unwrap()
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{path}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
    }
}

#[test]
fn invalid_utf8_and_utf16_open_with_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = write(dir.path(), "latin1.txt", b"Caf\xe9 in Moscow, na\xefve.");
    let mut session = Session::start(&["--no-state", s(&latin1)], 100, 30);
    session.wait_for("the warning", |s| {
        s.contents().contains("2 invalid UTF-8 sequences replaced")
    });
    // vt100 drops U+FFFD itself; the replacement is checked in the document unit tests.
    assert!(session.contents().contains(" in Moscow, na"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Pyongyang and Seoul"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let file = write(dir.path(), "utf16.txt", &utf16);
    let mut session = Session::start(&["--no-state", s(&file)], 100, 30);
    session.wait_for("decoded text", |s| {
        s.contents().contains("Pyongyang and Seoul")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn huge_lines_words_and_paragraph_counts_stay_usable() {
    let dir = tempfile::tempdir().unwrap();
    let one_line = write(dir.path(), "line.txt", &vec![b'x'; 20 * 1024 * 1024]);
    let mut word = "y".repeat(100_000);
    word.push_str(" tail");
    let long_word = write(dir.path(), "word.txt", word.as_bytes());
    let many = write(
        dir.path(),
        "many.txt",
        "word\n\n".repeat(1_000_000).as_bytes(),
    );
    for (file, last) in [
        (&one_line, "xxxx"),
        (&long_word, "tail"),
        (&many, "¶1000000"),
    ] {
        let mut session = Session::start(&["--no-state", s(file)], 100, 30);
        session.wait_for("the first screen", |s| s.contents().contains("¶1"));
        session.type_keys("G");
        session.wait_for("the end", |s| {
            s.contents().contains(last) && s.contents().contains("100%")
        });
        session.type_keys("g/zzz\r");
        session.wait_for("the search answer", |s| {
            s.contents().contains("not found: zzz")
        });
        session.type_keys("q");
        assert_eq!(session.wait_exit(), 0);
    }
}

/// A FIFO named `name` in `dir`, made by mkfifo(1) (std has no call for it and the crate
/// forbids unsafe code).
fn fifo_at(dir: &Path, name: &str) -> PathBuf {
    let fifo = dir.join(name);
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fifo
}

#[test]
fn a_fifo_is_read_like_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo_at(dir.path(), "fifo.txt");
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(writer_path, "Moscow and Seoul.\n"));
    let output = Command::cargo_bin("pilcrow")
        .unwrap()
        .args(["index", "--json", "--topics"])
        .arg(pty_fixture("fixture.topics.toml"))
        .arg(&fifo)
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["document"]["bytes"], 18);
}

/// Runs pilcrow with `args` while a thread writes lines to its standard input until the
/// pipe closes: an input that never ends.
fn with_endless_stdin(args: &[&str]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pilcrow"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"Moscow says yes, and yes again.\n";
        while stdin.write_all(line).is_ok() {}
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

#[test]
fn endless_standard_input_is_read_up_to_a_cap_with_a_note() {
    let output = with_endless_stdin(&["text", "--max-size", "200k", "-"]);
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.trim(),
        "pilcrow: standard input: stopped after 200 kB; --max-size reads more"
    );
    // Cut at a line end: every line printed is whole.
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.len() > 150_000 && stdout.len() < 400_000,
        "{}",
        stdout.len()
    );
    assert!(
        stdout.ends_with("again.\n"),
        "{:?}",
        &stdout[stdout.len() - 40..]
    );
}

#[test]
fn a_fifo_that_never_ends_is_read_up_to_a_cap() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo_at(dir.path(), "endless");
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write as _;
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        while pipe.write_all(b"Seoul, again and again.\n").is_ok() {}
    });
    let output = Command::cargo_bin("pilcrow")
        .unwrap()
        .args(["index", "--json", "--max-size", "1M"])
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    writer.join().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("endless: stopped after 1 MB"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let bytes = json["document"]["bytes"].as_u64().unwrap();
    assert!(bytes <= 1_000_000 && bytes > 900_000, "{bytes}");
}

#[test]
fn devices_are_refused_at_once() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let output = Command::cargo_bin("pilcrow")
            .unwrap()
            .arg(device)
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            format!("pilcrow: {device}: is a device, not a file\n")
        );
    }
}

fn pty_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn stdin_text_with_keys_from_the_terminal() {
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        "cat \"$0\" | \"$PILCROW_BIN\" --no-state -",
        pty_fixture("fixture.md").to_str().unwrap(),
    ]);
    let mut session = Session::spawn(command, 100, 30);
    session.wait_for("the piped text", |s| {
        s.contents().contains("Summit in Pyongyang")
    });
    // Piped text has no name; its first line, which reads as a title, is the title.
    assert!(session.row(0).contains("# Summit in Pyongyang"));
    session.type_keys("G");
    session.wait_for("the end", |s| s.contents().contains("100%"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn a_file_that_shrinks_or_grows_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "moving.txt",
        "Moscow.\n\n".repeat(5_000).as_bytes(),
    );
    let mut session = Session::start(&["--no-state", s(&file)], 100, 30);
    session.wait_for("the text", |s| s.contents().contains("Moscow."));
    std::fs::write(&file, "").unwrap();
    session.type_keys("G/Moscow\r");
    session.wait_for("hits in the text as it was opened", |s| {
        s.contents().contains("/5,000")
    });
    std::fs::write(&file, "x".repeat(1 << 20)).unwrap();
    session.type_keys("nnggq");
    assert_eq!(session.wait_exit(), 0);
}

// 3. Bad catalogues: file:line:column, one line, exit 1.

#[test]
fn bad_catalogues_are_located_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "doc.txt", b"Moscow.");
    let cases = [
        ("syntax.toml", "[[actor]\nid = \"a\"\n", ":1:"),
        (
            "field.toml",
            "[[actor]]\nid = \"a\"\nlabel = \"A\"\ncolour = \"red\"\n",
            ":4:1: unknown field `colour`",
        ),
        (
            "type.toml",
            "[[actor]]\nid = \"a\"\nlabel = [1]\n",
            ":3:9: invalid type",
        ),
        (
            "dup.toml",
            "[[actor]]\nid = \"a\"\nlabel = \"A\"\n[[actor]]\nid = \"a\"\nlabel = \"B\"\n",
            ":5:6: duplicate id \"a\"",
        ),
        (
            "empty.toml",
            "[[actor]]\nid = \"a\"\nlabel = \"A\"\naliases = [\"\"]\n",
            ":4:12: empty alias",
        ),
        (
            "twice.toml",
            "[[actor]]\nid = \"a\"\nlabel = \"A\"\n[[actor]]\nid = \"b\"\nlabel = \"B\"\naliases = [\"a\"]\n",
            ":7:12: \"a\" is claimed by both \"a\" and \"b\"",
        ),
    ];
    for (name, text, located) in cases {
        let catalogue = write(dir.path(), name, text.as_bytes());
        for reader in [false, true] {
            let mut command = Command::cargo_bin("pilcrow").unwrap();
            if !reader {
                command.arg("index");
            }
            let output = command
                .arg(&doc)
                .arg("--topics")
                .arg(&catalogue)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "{name}");
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(stderr.contains(&format!("{name}{located}")), "{stderr}");
        }
    }
}

#[test]
fn a_ten_megabyte_catalogue_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 10 * 1024 * 1024 {
        let _ = write!(
            text,
            "[[actor]]\nid = \"actor-{i}\"\nlabel = \"Actor Number {i}\"\nkind = \"person\"\naliases = [\"Number{i}\", \"The {i}th\"]\n\n"
        );
        i += 1;
    }
    let catalogue = write(dir.path(), "big.toml", text.as_bytes());
    let doc = write(
        dir.path(),
        "doc.txt",
        b"Number7 met Actor Number 12 and The 99th.",
    );
    let output = Command::cargo_bin("pilcrow")
        .unwrap()
        .args(["index", "--json"])
        .arg(&doc)
        .arg("--topics")
        .arg(&catalogue)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mentioned = json["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["mentions"] != 0)
        .count();
    assert_eq!(mentioned, 3);
}

#[test]
fn catalogues_past_their_limits_are_refused_before_they_are_built() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "doc.txt", b"Text.");
    // Past the size limit: refused before it is parsed.
    let mut huge = String::from("# padding\n");
    let padding = format!("#{}\n", "x".repeat(1000));
    while huge.len() <= 32_000_000 {
        huge.push_str(&padding);
    }
    let too_large = write(dir.path(), "huge.toml", huge.as_bytes());
    // Past the names limit: 8 themes of 65,000 terms each.
    let mut many = String::new();
    let terms = vec!["\"t\""; 65_000].join(",");
    for i in 0..8 {
        let _ = write!(
            many,
            "[[theme]]\nid = \"t{i}\"\nlabel = \"T\"\nterms = [{terms}]\n"
        );
    }
    let too_many = write(dir.path(), "many.toml", many.as_bytes());
    for (catalogue, message) in [
        (
            &too_large,
            "huge.toml: is larger than 32 MB, more than a catalogue may be".to_string(),
        ),
        (
            &too_many,
            "many.toml:30:6: the catalogue has more than 500000 names by this entry".to_string(),
        ),
    ] {
        let output = Command::cargo_bin("pilcrow")
            .unwrap()
            .args(["index", "--topics"])
            .arg(catalogue)
            .arg(&doc)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(&message), "{stderr}");
    }
}

// 5. The terminal comes back.

/// Runs pilcrow in `sh`, recording the terminal modes (`stty -g`) before and after it.
fn shell_around_pilcrow(dir: &Path, extra: &str) -> Session {
    let script = format!(
        "stty -g > {d}/before; \"$PILCROW_BIN\" --no-state {extra}; echo $? > {d}/status; stty -g > {d}/after; sleep 30",
        d = dir.display()
    );
    let mut command = CommandBuilder::new("sh");
    command.args(["-c", &script]);
    Session::spawn(command, 100, 30)
}

/// The pid of the shell's child, pilcrow.
fn pilcrow_pid(shell: u32) -> i32 {
    for _ in 0..200 {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            let after_name = stat.rsplit(')').next().unwrap_or("");
            let fields: Vec<&str> = after_name.split_whitespace().collect();
            if fields.get(1).and_then(|p| p.parse::<u32>().ok()) == Some(shell)
                && stat.contains("(pilcrow)")
            {
                return entry.file_name().to_str().unwrap().parse().unwrap();
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no pilcrow under the shell");
}

fn modes_restored(dir: &Path) -> (String, String) {
    let after = dir.join("after");
    for _ in 0..250 {
        if after.exists() && !std::fs::read_to_string(&after).unwrap().is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap()
            .trim()
            .to_string()
    };
    assert_eq!(read("before"), read("after"), "terminal modes changed");
    (read("status"), read("after"))
}

#[test]
fn the_terminal_comes_back_after_every_ending() {
    let endings: [(&str, &str, &str); 5] = [
        ("q", "", "0"),
        ("ctrl-c", "", "0"),
        ("panic", "", "101"),
        ("sigterm", "", "143"),
        ("sighup", "", "129"),
    ];
    for (how, extra, status) in endings {
        let dir = tempfile::tempdir().unwrap();
        let mut session = if how == "panic" {
            let script = format!(
                "stty -g > {d}/before; PILCROW_TEST_PANIC=1 \"$PILCROW_BIN\" --no-state {extra}; echo $? > {d}/status; stty -g > {d}/after; sleep 30",
                d = dir.path().display()
            );
            let mut command = CommandBuilder::new("sh");
            command.args(["-c", &script]);
            Session::spawn(command, 100, 30)
        } else {
            shell_around_pilcrow(dir.path(), extra)
        };
        if how != "panic" {
            session.wait_for("the reader", |s| s.contents().contains("ACTORS"));
        }
        match how {
            "q" => session.type_keys("q"),
            "ctrl-c" => session.type_keys("\u{3}"),
            "sigterm" | "sighup" => {
                let pid = pilcrow_pid(session.child.process_id().unwrap());
                let signal = if how == "sigterm" { "-TERM" } else { "-HUP" };
                assert!(
                    std::process::Command::new("kill")
                        .args([signal, &pid.to_string()])
                        .status()
                        .unwrap()
                        .success()
                );
            }
            _ => {}
        }
        let (exit, _) = modes_restored(dir.path());
        assert_eq!(exit, status, "{how}");
        session.assert_terminal_restored();
        if how == "panic" {
            session.wait_for("the panic message", |s| {
                s.contents().contains("panicking as asked")
            });
            // One sanitised line of pilcrow's, not the default hook's report.
            let screen = session.contents();
            assert!(
                screen.contains("pilcrow: internal error at ")
                    && screen.contains("panicking as asked ␛]52;c;eA==␇"),
                "{screen}"
            );
            assert!(!screen.contains("panicked at"), "{screen}");
            let raw = String::from_utf8_lossy(&session.raw()).into_owned();
            assert!(
                !raw.contains("\u{1b}]52"),
                "the panic's escape reached the terminal"
            );
        }
        let _ = session.child.kill();
    }
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = CommandBuilder::new("bash");
    command.args(["--norc", "--noprofile", "-i"]);
    command.env("PS1", "READY$ ");
    let mut session = Session::spawn(command, 100, 30);
    session.wait_for("the shell", |s| s.contents().contains("READY$"));
    session.type_keys(&format!(
        "stty -g > {}/before; \"$PILCROW_BIN\" --no-state\r",
        dir.path().display()
    ));
    session.wait_for("the reader", |s| s.contents().contains("ACTORS"));
    session.type_keys("\u{1a}");
    session.wait_for("the job stopped", |s| s.contents().contains("Stopped"));
    session.assert_terminal_restored();
    session.type_keys(&format!("stty -g > {}/after; fg\r", dir.path().display()));
    session.wait_for("a full redraw", |s| {
        s.contents().contains("ACTORS") && s.contents().contains("¶1")
    });
    session.type_keys("q");
    session.wait_for("the shell again", |s| {
        s.contents().trim_end().ends_with("READY$")
    });
    session.assert_terminal_restored();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(
        read("before"),
        read("after"),
        "modes while suspended are the shell's"
    );
    session.type_keys("exit\r");
}

// 6. The reading position.

#[test]
fn the_reading_position_is_remembered_by_content() {
    let state = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    let first = docs.path().join("first.md");
    std::fs::copy(pty_fixture("fixture.md"), &first).unwrap();
    std::fs::copy(
        pty_fixture("fixture.topics.toml"),
        docs.path().join("first.topics.toml"),
    )
    .unwrap();
    let open = |path: &Path| {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
        command.arg(path);
        command.env("PILCROW_STATE_DIR", state.path());
        Session::spawn(command, 60, 12)
    };
    let mut session = open(&first);
    session.wait_for("the reader", |s| s.contents().contains("¶1"));
    session.type_keys("fjapan\r");
    session.wait_for("Japan selected", |s| {
        s.contents().contains("Japan · mention 1/1")
    });
    let top_row = session.row(1);
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(std::fs::read_dir(state.path()).unwrap().count(), 1);

    // Renamed, and without its catalogue's name: the content is what counts.
    let moved = docs.path().join("moved.md");
    std::fs::rename(&first, &moved).unwrap();
    std::fs::rename(
        docs.path().join("first.topics.toml"),
        docs.path().join("moved.topics.toml"),
    )
    .unwrap();
    let mut session = open(&moved);
    session.wait_for("the resume note", |s| s.contents().contains("resumed at ¶"));
    assert_eq!(session.row(1), top_row);
    session.type_keys("n");
    session.wait_for("Japan still selected", |s| {
        s.contents().contains("Japan · mention 1/1")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);

    // --no-state neither resumes nor writes.
    let before = std::fs::read(
        std::fs::read_dir(state.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
    command.args(["--no-state", moved.to_str().unwrap()]);
    command.env("PILCROW_STATE_DIR", state.path());
    let mut session = Session::spawn(command, 60, 12);
    session.wait_for("the reader", |s| s.contents().contains("¶1"));
    assert!(!session.contents().contains("resumed"));
    session.type_keys("Gq");
    assert_eq!(session.wait_exit(), 0);
    let entries: Vec<_> = std::fs::read_dir(state.path()).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(std::fs::read(entries[0].path()).unwrap(), before);

    // A corrupt state file is reported and ignored.
    for entry in std::fs::read_dir(state.path()).unwrap().flatten() {
        std::fs::write(entry.path(), b"\x00garbage").unwrap();
    }
    let mut session = open(&moved);
    session.wait_for("the warning", |s| {
        s.contents().contains("saved position ignored")
    });
    assert!(session.row(1).contains("¶1"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_terminal_that_disappears_ends_the_reader() {
    // The pty's master is closed under a running reader; python's pty module makes that easy.
    let script = r#"
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--no-state"])
time.sleep(1.0)
os.read(fd, 1 << 20)
os.close(fd)
for _ in range(100):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("ended", status)
        sys.exit(0)
    time.sleep(0.05)
os.kill(pid, 9)
print("still running")
sys.exit(1)
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script, env!("CARGO_BIN_EXE_pilcrow")])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("ended"), "{stdout}");
}

// 6. A worker that panics.

/// The reader on `file` with `worker` made to panic: the status says so in one safe line,
/// the alternate screen stays, keys still work, and quitting restores the terminal.
fn survives_a_panicking_worker(worker: &str, file: &Path, ready: &str, keys: &str, told: &str) {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
    command.args(["--no-state", s(file)]);
    command.env("PILCROW_TEST_WORKER_PANIC", worker);
    // Wide enough for the whole message in the status line.
    let mut session = Session::spawn(command, 180, 30);
    session.wait_for(ready, |s| s.row(0).contains(ready));
    session.type_keys(keys);
    session.wait_for(told, |s| s.contents().contains(told));
    let screen = session.contents();
    assert!(
        screen.contains("internal error") && screen.contains("␛]52;c;eA==␇"),
        "{worker}: the panic is shown, its escape as markers:\n{screen}"
    );
    assert!(!screen.contains("panicked"), "{worker}:\n{screen}");
    // Still the reader, on the alternate screen, answering keys.
    let top = session.row(1);
    session.type_keys("G");
    session.wait_for("G to move", |s| s.row(1) != top);
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0, "{worker}");
    session.assert_terminal_restored();
    let raw = String::from_utf8_lossy(&session.raw()).into_owned();
    assert!(
        !raw.contains("\u{1b}]52"),
        "{worker}: the escape reached the terminal"
    );
}

/// A text large enough to be read in the background and to have its hits counted there.
fn large_text(dir: &Path) -> PathBuf {
    let paragraph = "Moscow and Pyongyang signed a treaty. Seoul and Tokyo watched it closely.\n\n";
    write(dir, "large.txt", paragraph.repeat(80_000).as_bytes())
}

#[test]
fn a_panic_in_any_worker_is_shown_and_the_reader_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let small = write(
        dir.path(),
        "small.txt",
        "Vladimir Putin met Kim Jong Un in Pyongyang.\n\nThe Kremlin said more.\n\n"
            .repeat(30)
            .as_bytes(),
    );
    let large = large_text(dir.path());
    survives_a_panicking_worker("discover", &small, "small.txt", "", "the index stopped");
    survives_a_panicking_worker("index", &small, "small.txt", "", "the index stopped");
    survives_a_panicking_worker("load", &large, "large.txt", "", "only the start is shown");
    // Once the whole text is in, a search of it is counted in the background.
    survives_a_panicking_worker(
        "search",
        &large,
        "80000 ¶",
        "/Tokyo\r",
        "the hit count stopped",
    );
}
