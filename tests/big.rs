//! Big documents, 10 to 50 MB: in the real binary the first screen before the index, the end
//! read ahead and q mid-index; in the state, a background index equal to a direct one.

mod common;

use std::time::Instant;

use common::pty::Session;
use pilcrow::app::background::REST_DELAY_FOR_TESTS;
use portable_pty::CommandBuilder;

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
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
    command.args(["--no-state", "--no-discover", file.to_str().unwrap()]);
    // The whole file arrives two seconds after its end: G must be served from the end.
    command.env(REST_DELAY_FOR_TESTS, "2000");
    let mut session = Session::spawn(command, 100, 30);
    session.wait_for("the first screen", |s| s.contents().contains(&first_words));
    session.type_keys("G");
    session.wait_for("the end read ahead, numbered ¶?", |s| {
        let screen = s.contents();
        screen.contains(last_word) && screen.contains("¶?") && screen.contains("read ahead")
    });
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
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_background_index_ends_equal_to_a_direct_one_and_stays_sorted_meanwhile() {
    use pilcrow::app::background::Jobs;
    use pilcrow::core::open::{OpenRequest, Opened};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    std::fs::write(&file, pilcrow::core::synth::prose(12_000_000, 5)).unwrap();
    let catalogue =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/commentary.topics.toml");
    std::fs::copy(catalogue, dir.path().join("big.topics.toml")).unwrap();
    let request = OpenRequest {
        file: Some(file.clone()),
        ..OpenRequest::default()
    };
    let direct = Opened::open(&request).unwrap().index_now();
    let (mut app, effects) = pilcrow::app::App::new(Opened::open(&request).unwrap());
    let mut jobs = Jobs::new(None);
    jobs.run(effects);
    let started = std::time::Instant::now();
    let mut terminal = Vec::new();
    while jobs.is_indexing() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "index never finished"
        );
        jobs.deliver(&mut app, &mut terminal);
        for (_, topic) in app.index().iter() {
            assert!(topic.mentions.windows(2).all(|w| w[0].start < w[1].start));
            assert!(topic.paragraphs.windows(2).all(|w| w[0] < w[1]));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    jobs.settle(&mut app);
    assert!(direct.iter().map(|(_, t)| t.mentions.len()).sum::<usize>() > 10_000);
    assert_eq!(app.index().len(), direct.len());
    for ((_, background), (_, built)) in app.index().iter().zip(direct.iter()) {
        assert_eq!(background.mentions, built.mentions);
        assert_eq!(background.paragraphs, built.paragraphs);
    }
}

#[test]
fn a_file_of_one_huge_line_shows_its_start_at_once_and_quits_while_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one-line.txt");
    // Real prose with every line break made a space, about 30 MB with no newline at all.
    let prose = pilcrow::core::bundled::document().text().replace('\n', " ");
    let text = prose.repeat(30_000_000 / prose.len() + 1);
    std::fs::write(&file, &text).unwrap();
    let first_words: String = prose
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
    command.args(["--no-state", file.to_str().unwrap()]);
    // The whole file is held back far longer than the test waits: the screen and q must not
    // wait for it.
    command.env(REST_DELAY_FOR_TESTS, "60000");
    let mut session = Session::spawn(command, 100, 30);
    session.wait_for("the first screen", |s| s.contents().contains(&first_words));
    assert!(
        session.row(0).contains('+'),
        "shown from the head of the file, its paragraphs still counted: {}",
        session.row(0)
    );
    session.type_keys("jjj");
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}
