//! The real binary in a pseudo-terminal: what a person sees, keys as they type them.

mod common;

use common::pty::Session;

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

/// Each format opens in the real terminal; its outline lists the headings, and Enter on one
/// goes to it, which the status line names.
#[rstest::rstest]
#[case::markdown("report.md", 2)]
#[case::html("site-chromium.html", 2)]
#[case::docx("report-libreoffice.docx", 3)]
#[case::epub("report-pandoc.epub", 3)]
#[case::pdf("report-chromium.pdf", 3)]
fn each_format_opens_with_an_outline_that_jumps(#[case] name: &str, #[case] downs: usize) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    let mut session = Session::start(&["--no-state", file.to_str().unwrap()], 100, 30);
    session.wait_for("the title", |s| s.row(0).contains("Six Countries in Brief"));
    session.type_keys("o");
    session.wait_for("the outline", |s| {
        let screen = s.contents();
        screen.contains("outline ·")
            && screen.contains("The European Union")
            && screen.contains("Sources")
    });
    session.type_keys(&"j".repeat(downs));
    session.type_keys("\r");
    session.wait_for("North Korea's section", |s| {
        s.row(29).contains("§ North Korea") && s.row(1).contains("North Korea")
    });
    session.type_keys("}");
    session.wait_for("the next section", |s| s.row(29).contains("§ Ukraine"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}
