//! Every way pilcrow prints, fed hostile file names, labels and text: the bytes written to
//! standard output, standard error and the terminal hold no escape, C1, bidi or invisible
//! character, and nothing a terminal would act on beyond the reader's own drawing.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::pty::Session;

/// What is planted, each character listed here on its own rather than taken from the code
/// under test, so that a gap in pilcrow's table is a failure here.
const PLANTED: &[char] = &[
    '\u{1b}',
    '\u{7}',
    '\u{8}',
    '\u{85}',
    '\u{9b}',
    '\u{9d}',
    '\u{00AD}',
    '\u{034F}',
    '\u{061C}',
    '\u{115F}',
    '\u{17B4}',
    '\u{180E}',
    '\u{200B}',
    '\u{200E}',
    '\u{2028}',
    '\u{2029}',
    '\u{202E}',
    '\u{2066}',
    '\u{206A}',
    '\u{3164}',
    '\u{FEFF}',
    '\u{FFF9}',
    '\u{E0041}',
    '\u{E007F}',
];

/// A name and a text carrying every planted character: in a file name, in a sentence, in a
/// name the discovery finds, in a catalogue's label and alias.
fn hostile(planted: &str) -> String {
    format!(
        "Vladimir Putin met Kim Jong Un in Pyongyang{planted}. The Kremlin said so.\n\n\
         Putin returned to Moscow.{planted} \u{1b}]52;c;ZXZpbA==\u{7} Kim stayed.\n\n\
         Sanctions{planted} were discussed.\n"
    )
}

fn all_planted() -> String {
    PLANTED.iter().collect()
}

/// The planted characters found in `bytes` as written (invalid UTF-8 is itself a finding).
fn raw_characters(bytes: &[u8]) -> Vec<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return vec![format!("invalid UTF-8 at {}", error.valid_up_to())],
    };
    PLANTED
        .iter()
        .filter(|&&c| text.contains(c))
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect()
}

struct Planted {
    _dir: tempfile::TempDir,
    file: PathBuf,
    catalogue: PathBuf,
    bad_catalogue: PathBuf,
    missing: PathBuf,
}

fn plant() -> Planted {
    let dir = tempfile::tempdir().unwrap();
    let planted = all_planted();
    // A file name may hold anything but `/` and NUL: a line break too.
    let name = format!("evil{planted}\nname.txt");
    let file = dir.path().join(&name);
    std::fs::write(&file, hostile(&planted)).unwrap();
    let mut escaped = String::new();
    for c in planted.chars() {
        write!(escaped, "\\U{:08X}", c as u32).unwrap();
    }
    let catalogue = dir.path().join(format!("topics{planted}.toml"));
    std::fs::write(
        &catalogue,
        format!(
            "[document]\ntitle = \"Title{escaped}\"\n\n[[actor]]\nid = \"kim{escaped}\"\n\
             label = \"Kim{escaped}\"\nkind = \"person\"\naliases = [\"Kim Jong Un\"]\n\n\
             [[theme]]\nid = \"sanctions\"\nlabel = \"Sanctions{escaped}\"\nterms = [\"sanction\"]\n"
        ),
    )
    .unwrap();
    let bad_catalogue = dir.path().join(format!("bad{planted}.toml"));
    std::fs::write(
        &bad_catalogue,
        format!(
            "[[actor]]\nid = \"x{escaped}\"\nlabel = \"X\"\n[[actor]]\nid = \"x{escaped}\"\nlabel = \"Y\"\n"
        ),
    )
    .unwrap();
    let missing = dir.path().join(format!("missing{planted}.txt"));
    Planted {
        _dir: dir,
        file,
        catalogue,
        bad_catalogue,
        missing,
    }
}

fn run(args: &[&Path]) -> (Vec<u8>, Vec<u8>) {
    let output = Command::cargo_bin("pilcrow")
        .unwrap()
        .args(args)
        .env(
            "XDG_STATE_HOME",
            std::env::temp_dir().join("pilcrow-sweep-state"),
        )
        .output()
        .unwrap();
    (output.stdout, output.stderr)
}

#[test]
fn no_output_command_writes_a_planted_character() {
    let planted = plant();
    let p = |s: &'static str| Path::new(s);
    let file = planted.file.as_path();
    let catalogue = planted.catalogue.as_path();
    let runs: Vec<Vec<&Path>> = vec![
        vec![file],
        vec![p("text"), file],
        vec![p("index"), file],
        vec![p("index"), p("--json"), file],
        vec![p("index"), p("--topics"), catalogue, file],
        vec![p("index"), p("--json"), p("--topics"), catalogue, file],
        vec![p("--topics"), catalogue, file],
        vec![p("topics"), file],
        vec![p("topics"), p("--emit-catalogue"), file],
        vec![p("topics"), p("--json"), file],
        vec![p("index"), p("--csv"), p("--topics"), catalogue, file],
        vec![p("index"), p("--pairs"), p("--topics"), catalogue, file],
        vec![
            p("index"),
            p("--pairs"),
            p("--json"),
            p("--topics"),
            catalogue,
            file,
        ],
        vec![p("index"), p("--qdc"), p("--topics"), catalogue, file],
        vec![p("notes"), file],
        vec![
            p("notes"),
            p("--topic"),
            p("sanctions"),
            p("--topics"),
            catalogue,
            file,
        ],
        vec![p("notes"), p("--topic"), planted.missing.as_path(), file],
        vec![p("completions"), p("bash")],
        vec![p("man")],
        vec![planted.missing.as_path()],
        vec![p("index"), planted.missing.as_path()],
        vec![
            p("index"),
            p("--topics"),
            planted.bad_catalogue.as_path(),
            file,
        ],
        vec![p("index"), p("--topics"), planted.missing.as_path(), file],
    ];
    let mut found = Vec::new();
    for args in &runs {
        let (stdout, stderr) = run(args);
        for (stream, bytes) in [("stdout", &stdout), ("stderr", &stderr)] {
            let raw = raw_characters(bytes);
            if !raw.is_empty() {
                found.push(format!("{args:?} {stream}: {}", raw.join(" ")));
            }
        }
    }
    assert!(
        found.is_empty(),
        "raw characters written:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_emitted_catalogue_keeps_its_lines_and_takes_no_title_from_the_file_name() {
    let planted = plant();
    let (stdout, _) = run(&[
        Path::new("topics"),
        Path::new("--emit-catalogue"),
        &planted.file,
    ]);
    let text = String::from_utf8(stdout).unwrap();
    // The name's line break did not end the comment: every line before the first table is
    // a comment or blank.
    for line in text.lines().take_while(|l| !l.starts_with('[')) {
        assert!(line.is_empty() || line.starts_with('#'), "{line:?}");
    }
    assert!(
        text.starts_with("# Topics pilcrow discovered in evil␛␇␈⟨85⟩⟨9B⟩"),
        "{text}"
    );
    let catalogue = pilcrow::core::catalogue::Catalogue::parse(&text, "emitted.toml").unwrap();
    // The file's name is no title.
    assert_eq!(catalogue.metadata.title, None);
    assert!(!catalogue.topics.is_empty());
}

#[test]
fn a_file_name_cannot_plant_entries_in_the_emitted_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let name =
        "x\n[[actor]]\nid = \"planted\"\nlabel = \"the\"\naliases = [\"the\", \"and\"]\n.txt";
    let file = dir.path().join(name);
    std::fs::write(&file, hostile("")).unwrap();
    let (stdout, _) = run(&[Path::new("topics"), Path::new("--emit-catalogue"), &file]);
    let text = String::from_utf8(stdout).unwrap();
    let catalogue = pilcrow::core::catalogue::Catalogue::parse(&text, "emitted.toml").unwrap();
    assert!(
        catalogue.topics.iter().all(|t| t.id != "planted"),
        "an entry was planted:\n{text}"
    );
}

#[test]
fn the_reader_sends_no_planted_character_and_only_its_own_controls() {
    let planted = plant();
    let mut session = Session::start(
        &[
            "--no-state",
            "--topics",
            planted.catalogue.to_str().unwrap(),
            planted.file.to_str().unwrap(),
        ],
        100,
        30,
    );
    session.wait_for("the text", |s| s.contents().contains("Kim stayed"));
    // The panel, a topic's mentions, the help: each shows labels and text.
    session.type_keys("\t");
    session.type_keys("\r");
    session.type_keys("n");
    session.type_keys("?");
    session.wait_for("the help", |s| s.contents().to_lowercase().contains("help"));
    session.type_keys("q");
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    let text = session.raw_drawing();
    let found: Vec<String> = PLANTED
        .iter()
        .filter(|&&c| c != '\u{1b}' && text.contains(c))
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    assert!(found.is_empty(), "raw characters sent: {}", found.join(" "));
    // The reader's drawing uses CSI sequences and plain ESC 7/8 and ESC =/>; an operating
    // system command (title, clipboard), DCS, APC or PM would come from the text.
    for introducer in ["\u{1b}]", "\u{1b}P", "\u{1b}_", "\u{1b}^", "\u{1b}X"] {
        assert!(
            !text.contains(introducer),
            "{introducer:?} reached the terminal"
        );
    }
}
