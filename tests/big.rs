//! Big documents in the real binary: the first screen before the index, and q mid-index.

mod pty;

use std::time::Instant;

use pty::Session;

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
    session.wait_for("the index under way", |s| s.contents().contains("MB/s"));
    let asked = Instant::now();
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    println!("exited {:?} after q, mid-index", asked.elapsed());
    session.assert_terminal_restored();
}
