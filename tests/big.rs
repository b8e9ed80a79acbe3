//! Big documents in the real binary: the first screen before the index, and q mid-index.

mod common;

use std::time::Instant;

use common::pty::Session;

#[test]
fn q_while_a_50_megabyte_index_is_still_running_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["synth", "--bytes", "50000000"])
        .output()
        .unwrap();
    assert!(output.status.success());
    std::fs::write(&file, &output.stdout).unwrap();
    // The bundled catalogue, so that there is an index to build.
    let catalogue =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/commentary.topics.toml");
    let mut session = Session::start(
        &[
            "--no-state",
            "--topics",
            catalogue.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        120,
        40,
    );
    let first_words: String = String::from_utf8_lossy(&output.stdout[..200])
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    session.wait_for("the first screen", |s| s.contents().contains(&first_words));
    session.wait_for("the index under way", |s| {
        let screen = s.contents();
        screen.contains("MB/s") || screen.contains("finding topics")
    });
    let asked = Instant::now();
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    println!("exited {:?} after q, mid-index", asked.elapsed());
    session.assert_terminal_restored();
}

#[test]
fn g_before_the_file_is_read_shows_its_end_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["synth", "--bytes", "30000000"])
        .output()
        .unwrap();
    assert!(output.status.success());
    std::fs::write(&file, &output.stdout).unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    let first_words = words[..3].join(" ");
    let last_word = words[words.len() - 1];
    let mut session = Session::start(
        &["--no-state", "--no-discover", file.to_str().unwrap()],
        100,
        30,
    );
    session.wait_for("the first screen", |s| s.contents().contains(&first_words));
    session.type_keys("G");
    // The end is shown from the end read ahead, before paragraph numbers are known, or
    // from the whole text if it was quicker; either way its last word is on screen.
    session.wait_for("the end of the file", |s| s.contents().contains(last_word));
    let read_ahead = session.contents().contains("¶?");
    // Once the whole file is in, the numbers fill in and the view stays at the end.
    session.wait_for("the whole file", |s| {
        let header = s.row(0);
        header.trim_end().ends_with('¶') && !header.contains('+') && !s.contents().contains("¶?")
    });
    assert!(
        session.contents().contains(last_word),
        "{}",
        session.contents()
    );
    println!("end read ahead: {read_ahead}");
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}
