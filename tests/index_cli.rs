//! `pilcrow index`: the bundled commentary's curated topics, and one clear line for each error.

use std::collections::HashMap;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn pilcrow() -> Command {
    Command::cargo_bin("pilcrow").unwrap()
}

fn index_json(args: &[&str]) -> Value {
    let output = pilcrow()
        .arg("index")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Each actor's paragraphs, established by reading assets/commentary.txt.
const ACTOR_PARAGRAPHS: &[(&str, &[u64])] = &[
    ("putin", &[3, 6, 8, 10]),
    ("kim-jong-un", &[4, 6, 8]),
    ("kim-jong-il", &[3]),
    ("rekha-j", &[2, 11]),
    ("russia", &[3, 4, 5, 7, 8, 9, 10]),
    ("north-korea", &[3, 4, 5, 7, 8, 9, 10]),
    ("south-korea", &[3, 7, 8, 9]),
    ("china", &[8]),
    ("united-states", &[4, 7, 9]),
    ("japan", &[9]),
    ("ukraine", &[5, 7, 9]),
    ("india", &[11]),
    ("soviet-union", &[3, 6]),
    ("unsc", &[7]),
    ("nato", &[9]),
    ("the-west", &[5, 9, 10]),
    ("niice", &[1]),
    ("mahatma-gandhi-university", &[11]),
    ("korea-center", &[11]),
    ("korean-peninsula", &[9]),
    ("east-asia", &[8, 9, 10]),
    ("asia", &[5]),
];

/// Each theme's paragraphs, by the same reading.
const THEME_PARAGRAPHS: &[(&str, &[u64])] = &[
    ("sanctions", &[4, 5, 7, 9]),
    ("defence-treaty", &[6, 7, 9, 10]),
    ("war-in-ukraine", &[5, 7, 9]),
    ("arms-supplies", &[7]),
    ("science-space-atomic", &[6]),
    ("isolation", &[5, 7]),
    ("regional-stability", &[4, 8, 9, 10]),
    ("cold-war-order", &[9, 10]),
    ("strategic-partnership", &[3, 4, 6, 7, 8, 9, 10]),
    ("summit-diplomacy", &[3, 4, 6, 8, 10]),
];

#[test]
fn bundled_commentary_topics_match_a_close_reading() {
    let report = index_json(&["--no-discover"]);
    let document = &report["document"];
    assert_eq!(document["title"], "NIICE Commentary 9282");
    assert_eq!(document["source"], "bundled");
    assert_eq!(document["paragraphs"], 11);
    assert_eq!(document["bytes"], 5570);
    let topics: HashMap<&str, &Value> = report["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t))
        .collect();
    assert_eq!(
        topics.len(),
        ACTOR_PARAGRAPHS.len() + THEME_PARAGRAPHS.len()
    );
    for (group, expected) in [("actor", ACTOR_PARAGRAPHS), ("theme", THEME_PARAGRAPHS)] {
        for (id, paragraphs) in expected {
            let topic = topics.get(id).unwrap_or_else(|| panic!("{id} missing"));
            assert_eq!(topic["group"], group, "{id}");
            assert_eq!(topic["origin"], "catalogue", "{id}");
            let found: Vec<u64> = topic["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_u64().unwrap())
                .collect();
            assert_eq!(&found, paragraphs, "paragraphs of {id}");
        }
    }
}

#[test]
fn spans_point_at_the_named_text() {
    let report = index_json(&[]);
    let text = include_str!("../assets/commentary.txt");
    let putin = report["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "putin")
        .unwrap();
    assert_eq!(putin["kind"], "person");
    assert_eq!(putin["mentions"], 5);
    let spans: Vec<&str> = putin["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let start = s["start"].as_u64().unwrap() as usize;
            let end = s["end"].as_u64().unwrap() as usize;
            assert_eq!(&text[start..end], s["text"].as_str().unwrap());
            s["text"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        spans,
        [
            "Vladimir Putin",
            "Putin",
            "Putin",
            "Putin",
            "Vladimir Putin"
        ]
    );
}

#[test]
fn text_output_lists_actors_then_themes() {
    let output = pilcrow().arg("index").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let actors = text.find("Actors").unwrap();
    let themes = text.find("Themes").unwrap();
    assert!(actors < themes);
    let putin_line = text.lines().find(|l| l.contains("Vladimir Putin")).unwrap();
    assert!(
        putin_line.contains("person") && putin_line.contains("¶3 ¶6 ¶8 ¶10"),
        "{putin_line}"
    );
}

#[test]
fn sibling_catalogue_is_found_and_stdin_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.txt");
    std::fs::write(&file, "Moscow spoke.\n\nThen Russia again.").unwrap();
    std::fs::write(
        dir.path().join("note.topics.toml"),
        "[[actor]]\nid = \"ru\"\nlabel = \"Russia\"\nmetonyms = [\"Moscow\"]\n",
    )
    .unwrap();
    let report = index_json(&[file.to_str().unwrap()]);
    assert_eq!(report["topics"][0]["paragraphs"], serde_json::json!([1, 2]));

    let output = pilcrow()
        .args(["index", "--json", "-", "--topics"])
        .arg(dir.path().join("note.topics.toml"))
        .write_stdin("Russia and Moscow")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["document"]["source"], "-");
    assert_eq!(report["topics"][0]["mentions"], 2);
}

#[test]
fn without_discovery_a_file_without_catalogue_gets_a_note_and_no_topics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain.txt");
    std::fs::write(&file, "Just text about Russia.").unwrap();
    pilcrow()
        .args(["index", "--json", "--no-discover"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("no topic catalogue"))
        .stdout(predicate::str::contains("\"topics\": []"));
}

#[test]
fn with_a_catalogue_discovery_adds_what_it_lacks_after_it() {
    let report = index_json(&[]);
    let topics = report["topics"].as_array().unwrap();
    let origins: Vec<(&str, &str)> = topics
        .iter()
        .map(|t| (t["group"].as_str().unwrap(), t["origin"].as_str().unwrap()))
        .collect();
    let catalogue = origins.iter().filter(|(_, o)| *o == "catalogue").count();
    assert_eq!(catalogue, ACTOR_PARAGRAPHS.len() + THEME_PARAGRAPHS.len());
    assert!(origins.len() > catalogue, "discovery added nothing");
    // Actors, then themes; in each group the catalogue's first.
    let mut sorted = origins.clone();
    sorted.sort_by_key(|&(group, origin)| (group != "actor", origin != "catalogue"));
    assert_eq!(origins, sorted, "the catalogue's topics come first");
    // Nothing discovered repeats a topic of the catalogue.
    let labels: Vec<String> = topics
        .iter()
        .filter(|t| t["origin"] == "catalogue")
        .map(|t| t["label"].as_str().unwrap().to_lowercase())
        .collect();
    for topic in topics.iter().filter(|t| t["origin"] == "discovered") {
        let label = topic["label"].as_str().unwrap().to_lowercase();
        assert!(!labels.contains(&label), "{label} repeats the catalogue");
        assert!(
            topic["mentions"].as_u64().unwrap() > 0,
            "{label} has no mentions"
        );
    }
}

#[test]
fn discovery_alone_finds_the_curated_actors_and_no_common_words() {
    let curated = index_json(&["--no-discover"]);
    let found = index_json(&["--no-catalogue"]);
    // Each actor with the byte ranges of its mentions.
    let actors = |report: &Value| -> Vec<(String, Vec<(u64, u64)>)> {
        report["topics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["group"] == "actor")
            .map(|t| {
                let spans = t["spans"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap()))
                    .collect();
                (t["label"].as_str().unwrap().to_string(), spans)
            })
            .collect()
    };
    let curated = actors(&curated);
    let found = actors(&found);
    // A curated actor is found when one discovered actor names it at most of the same places.
    let matched: Vec<&String> = curated
        .iter()
        .filter(|(_, spans)| {
            found.iter().any(|(_, theirs)| {
                let shared = spans.iter().filter(|s| theirs.contains(s)).count();
                shared * 2 > spans.len()
            })
        })
        .map(|(label, _)| label)
        .collect();
    assert!(
        matched.len() >= 18,
        "only {} curated actors found: {matched:?}",
        matched.len()
    );
    let found: Vec<String> = found.into_iter().map(|(label, _)| label).collect();
    // The commentary's subjects are among the themes: the treaty, sanctions, the war.
    let report = index_json(&["--no-catalogue"]);
    let themes: Vec<String> = report["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["group"] == "theme")
        .map(|t| t["label"].as_str().unwrap().to_lowercase())
        .collect();
    for subject in ["treaty", "sanctions", "war in ukraine"] {
        assert!(
            themes.iter().any(|t| t.contains(subject)),
            "no theme names {subject}: {themes:?}"
        );
    }
    let common = [
        "when",
        "however",
        "the",
        "this",
        "june",
        "during",
        "over",
        "in",
        "from",
        "should",
        "while",
        "thus",
        "additionally",
        "overall",
        "conversely",
        "particularly",
        "therefore",
        "observing",
        "given",
        "even",
        "as",
    ];
    for label in &found {
        assert!(
            !common.contains(&label.to_lowercase().as_str()),
            "{label} is a common word"
        );
        let name = label.strip_prefix("the ").unwrap_or(label);
        assert!(
            name.chars().next().is_some_and(char::is_uppercase),
            "{label} is not a name"
        );
    }
}

/// Runs `pilcrow index` with `args` and checks the exit code and the one line on stderr.
fn fails_with(args: &[std::ffi::OsString], code: i32, message: &str) {
    let output = pilcrow().arg("index").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(code), "{args:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    if code == 1 {
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    }
    assert!(stderr.contains(message), "{stderr:?} lacks {message:?}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    assert!(output.stdout.is_empty());
}

#[test]
fn every_error_is_one_line_and_a_nonzero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    std::fs::write(path("binary.txt"), b"ELF\0\x01\x02").unwrap();
    std::fs::write(
        path("bad.toml"),
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\nkind = \"planet\"\n",
    )
    .unwrap();
    std::fs::write(path("doc.txt"), "Text.").unwrap();
    let missing = path("missing.txt");
    let unreadable = if nix_root() {
        // Root reads any file; this one is write-only even for root.
        std::path::PathBuf::from("/proc/sys/vm/drop_caches")
    } else {
        let file = path("secret.txt");
        std::fs::write(&file, "x").unwrap();
        set_mode(&file, 0o000);
        file
    };
    let os = |p: &std::path::Path| p.as_os_str().to_owned();
    let flag = |f: &str| std::ffi::OsString::from(f);
    let cases: Vec<(Vec<std::ffi::OsString>, i32, String)> = vec![
        (
            vec![os(&missing)],
            1,
            format!("{}: no such file", missing.display()),
        ),
        (vec![os(dir.path())], 1, "is a directory".into()),
        (
            vec![os(&unreadable)],
            1,
            format!("{}: permission denied", unreadable.display()),
        ),
        (
            vec![os(&path("binary.txt"))],
            1,
            "looks like a binary file; --force opens it anyway".into(),
        ),
        (
            vec![
                os(&path("doc.txt")),
                flag("--topics"),
                os(&path("bad.toml")),
            ],
            1,
            format!(
                "{}:4:8: unknown variant `planet`",
                path("bad.toml").display()
            ),
        ),
        (
            vec![os(&path("doc.txt")), flag("--topics"), os(&missing)],
            1,
            // A missing file has no line and column.
            format!("{}: no such file", missing.display()),
        ),
        (
            vec![flag("/dev/zero")],
            1,
            "/dev/zero: is a device, not a file".into(),
        ),
        (
            vec![os(&path("doc.txt")), flag("--topics"), flag("/dev/urandom")],
            1,
            "/dev/urandom: is a device, not a catalogue file".into(),
        ),
        (
            vec![os(&path("doc.txt")), flag("--max-size"), flag("3")],
            1,
            "doc.txt: is 5 bytes, more than the 3 bytes pilcrow reads; --max-size raises the limit"
                .into(),
        ),
        (
            vec![os(&path("doc.txt")), flag("--max-size"), flag("lots")],
            2,
            "\"lots\" is not a size such as 500M or 8G".into(),
        ),
        (
            vec![flag("--no-such-flag")],
            2,
            "unexpected argument '--no-such-flag'".into(),
        ),
        (
            vec![flag("a"), flag("b")],
            2,
            "unexpected argument 'b'".into(),
        ),
    ];
    for (args, code, message) in &cases {
        fails_with(args, *code, message);
    }
}

#[test]
fn forced_binary_opens() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("binary.txt");
    std::fs::write(&file, b"Moscow\0").unwrap();
    pilcrow()
        .arg("index")
        .arg("--force")
        .arg(&file)
        .assert()
        .success();
}

fn nix_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_emitted_catalogue_is_read_back_and_picked_up_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("yemen.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/discovery/yemen.txt"),
        &text,
    )
    .unwrap();
    let emitted = pilcrow()
        .args(["topics", "--emit-catalogue"])
        .arg(&text)
        .output()
        .unwrap();
    assert!(
        emitted.status.success(),
        "{}",
        String::from_utf8_lossy(&emitted.stderr)
    );
    let catalogue = dir.path().join("yemen.topics.toml");
    std::fs::write(&catalogue, &emitted.stdout).unwrap();

    // Discovery's topics and the emitted catalogue's find the same mentions.
    let discovered = index_json(&["--no-catalogue", text.to_str().unwrap()]);
    let kept = index_json(&["--no-discover", text.to_str().unwrap()]);
    let summary = |report: &Value| -> Vec<(String, String, u64)> {
        report["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["label"].as_str().unwrap().to_string(),
                    t["group"].as_str().unwrap().to_string(),
                    t["mentions"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert!(
        kept["topics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["origin"] == "catalogue")
    );
    assert_eq!(summary(&discovered), summary(&kept));
    assert!(
        summary(&kept)
            .iter()
            .any(|(label, _, _)| label == "Houthis")
    );
}

#[test]
fn topics_prints_json_of_the_index_shape() {
    let output = pilcrow().args(["topics", "--json"]).output().unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let topics = json["topics"].as_array().unwrap();
    assert!(topics.len() >= 18, "{}", topics.len());
    assert!(topics.iter().all(|t| t["origin"] == "discovered"));
    assert_eq!(json["document"]["title"], "NIICE Commentary 9282");
}

#[test]
fn bash_loads_the_completions_and_groff_renders_the_manual() {
    let binary = assert_cmd::cargo::cargo_bin("pilcrow");
    let script = format!(
        "source <('{}' completions bash) && complete -p pilcrow",
        binary.display()
    );
    let loaded = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .unwrap();
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    assert!(String::from_utf8_lossy(&loaded.stdout).contains("pilcrow"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let output = pilcrow().args(["completions", shell]).output().unwrap();
        assert!(
            output.status.success() && output.stdout.len() > 500,
            "{shell}"
        );
    }
    let manual = pilcrow().arg("man").output().unwrap();
    assert!(manual.status.success());
    let mut groff = std::process::Command::new("groff")
        .args(["-man", "-Tutf8"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("groff (Debian's groff-base; .ci/run installs it)");
    {
        use std::io::Write as _;
        groff
            .stdin
            .take()
            .unwrap()
            .write_all(&manual.stdout)
            .unwrap();
    }
    let rendered = groff.wait_with_output().unwrap();
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    // Bold and underline are overstruck (`N\bN`): a backspace takes back what came before it.
    let mut page = String::new();
    for c in String::from_utf8_lossy(&rendered.stdout).chars() {
        if c == '\u{8}' {
            page.pop();
        } else {
            page.push(c);
        }
    }
    for part in ["NAME", "SYNOPSIS", "index", "--max-size"] {
        assert!(page.contains(part), "{part} not in the manual:\n{page}");
    }
}
