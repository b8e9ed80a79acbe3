//! The analyst's workbench: the list of mentions in context. Keys in, state and screen out.

mod common;

use common::pty::Session;
use common::{app_on, current_mention_paragraph, draw, press, screen_text, top_paragraph};
use pilcrow::app::action::Action;
use pilcrow::app::listing::ListSource;
use pilcrow::app::mode::Mode;
use pilcrow::ui::palette::Palette;
use ratatui::style::Modifier;

/// Rows of the list at a terminal height: the height less the header, the status line and
/// the list's border.
fn list_rows(height: u16) -> usize {
    usize::from(height) - 4
}

#[test]
fn the_list_opens_on_the_current_mention_and_enter_goes_to_a_row() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, "f north <Space> korea <Enter> n n");
    assert_eq!(app.listed_current(), Some(2));
    let before = top_paragraph(&app);
    press(&mut app, "l");
    assert_eq!(app.list_source(), Some(ListSource::Topic));
    assert_eq!(app.listed_count(), 21, "North Korea has 21 mentions");
    let (cursor, top) = app.mode().mentions_list().expect("the list is open");
    assert_eq!(cursor, 2, "the cursor opens on the current mention");
    assert_eq!(top, 0);
    press(&mut app, "j j j j j j j j j j j j");
    let target = app.listed(14).expect("row 15");
    press(&mut app, "<Enter>");
    assert!(
        matches!(app.mode(), Mode::Reading(_)),
        "Enter closes the list"
    );
    assert_eq!(app.listed_current(), Some(14));
    assert_eq!(
        current_mention_paragraph(&app),
        Some(target.paragraph.number())
    );
    assert_ne!(top_paragraph(&app), before, "the text went to the mention");
    press(&mut app, "n");
    assert_eq!(
        app.listed_current(),
        Some(15),
        "n goes on from the chosen mention"
    );
    press(&mut app, "<C-o>");
    assert_eq!(
        top_paragraph(&app),
        before,
        "the list's jump is in the history"
    );
}

#[test]
fn the_list_shows_the_hits_while_a_search_is_on() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, "/ Russia <Enter> l");
    assert_eq!(app.list_source(), Some(ListSource::Hits));
    let hits = app.search().expect("a search").hits.len();
    assert_eq!(app.listed_count(), hits);
    press(&mut app, "G <Enter>");
    assert_eq!(app.search().and_then(|s| s.current), Some(hits - 1));
    press(&mut app, "l");
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!("“Russia” · {hits} hits")),
        "{screen}"
    );
    assert!(screen.contains(&format!("row {hits}/{hits}")), "{screen}");
}

/// less's `&pattern`: `&` asks for a pattern and lists only what matches, in context.
#[test]
fn ampersand_lists_only_what_matches_a_pattern() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, "& sanction <Enter>");
    assert!(app.mode().mentions_list().is_some(), "the list is open");
    assert_eq!(app.list_source(), Some(ListSource::Hits));
    let hits = app.search().expect("a search").hits.len();
    assert!(hits >= 2, "{hits} hits");
    assert_eq!(app.listed_count(), hits);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains(&format!("row 1/{hits}")), "{screen}");
    // Nothing found: no list, and not the list of an earlier search.
    press(&mut app, "<Esc> & zzzqqq <Enter>");
    assert!(app.mode().mentions_list().is_none());
    assert!(
        app.message().unwrap().contains("not found"),
        "{:?}",
        app.message()
    );
    // Its history is the search's.
    press(&mut app, "& <Up>");
    assert_eq!(app.mode().input(), Some("zzzqqq"));
}

/// On a text searched in the background, the list opens once every hit is counted.
#[test]
fn ampersand_on_a_large_text_lists_once_the_hits_are_counted() {
    use pilcrow::core::open::{OpenRequest, Opened};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    std::fs::write(&file, pilcrow::core::synth::prose(6_000_000, 5)).unwrap();
    let opened = Opened::open(&OpenRequest {
        file: Some(file),
        no_discover: true,
        ..OpenRequest::default()
    })
    .unwrap();
    let (mut app, mut jobs) = common::reader(opened, 120, 40);
    let effects = press(&mut app, "& Russia <Enter>");
    assert!(app.mode().mentions_list().is_none(), "not before the count");
    jobs.run(effects);
    jobs.settle(&mut app);
    assert!(app.mode().mentions_list().is_some(), "open once counted");
    let hits = app.search().expect("a search").hits.len();
    assert!(hits > 1_000, "{hits} hits");
    assert_eq!(app.listed_count(), hits);
}

#[test]
fn the_list_needs_a_topic_or_a_search() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, "l");
    assert!(matches!(app.mode(), Mode::Reading(_)));
    assert!(
        app.message().unwrap().contains("no topic selected"),
        "{:?}",
        app.message()
    );
}

#[test]
fn esc_q_and_l_close_the_list_without_moving() {
    for close in ["<Esc>", "q", "l"] {
        let mut app = app_on(None, 120, 40);
        press(&mut app, "f putin <Enter>");
        let top = top_paragraph(&app);
        let effects = press(&mut app, &format!("l j j {close}"));
        assert!(matches!(app.mode(), Mode::Reading(_)), "{close} closes");
        assert!(
            effects.is_empty(),
            "{close} only closes the list: {effects:?}"
        );
        assert_eq!(top_paragraph(&app), top);
        assert_eq!(app.listed_current(), Some(0), "the current mention stays");
    }
}

#[test]
fn the_cursor_stays_on_screen_in_a_long_list() {
    let height = 12;
    let mut app = app_on(None, 80, height);
    press(&mut app, "f north <Space> korea <Enter> l");
    let rows = list_rows(height);
    let count = app.listed_count();
    let visible = |app: &pilcrow::app::App| {
        let (cursor, top) = app.mode().mentions_list().unwrap();
        assert!(
            (top..top + rows).contains(&cursor),
            "cursor {cursor} off the rows {top}..{}",
            top + rows
        );
        (cursor, top)
    };
    press(&mut app, "G");
    assert_eq!(visible(&app), (count - 1, count - rows));
    press(&mut app, "g");
    assert_eq!(visible(&app), (0, 0));
    press(&mut app, "<Space>");
    assert_eq!(visible(&app).0, rows);
    press(&mut app, "b");
    assert_eq!(visible(&app).0, 0);
    for _ in 0..count + 3 {
        press(&mut app, "j");
        visible(&app);
    }
    assert_eq!(visible(&app).0, count - 1, "j stops at the last row");
    // A smaller terminal: the cursor is brought back on screen.
    app.update(Action::Resize {
        width: 80,
        height: 8,
    });
    let (cursor, top) = app.mode().mentions_list().unwrap();
    assert!((top..top + list_rows(8)).contains(&cursor));
}

/// Each row holds its mention, highlighted, at one column two fifths across the context
/// whatever the mention's length (North Korea, DPRK, Pyongyang), with the words before and
/// after it from the text.
#[test]
fn rows_hold_the_mention_at_one_column_in_its_words() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, "f north <Space> korea <Enter> l");
    let theme = Palette::colored();
    let buffer = draw(&app);
    let screen = screen_text(&buffer);
    let mut columns = std::collections::BTreeSet::new();
    let mut lengths = std::collections::BTreeSet::new();
    for i in 0..app.listed_count() {
        let y = 2 + i as u16;
        let underlined: Vec<u16> = (0..buffer.area.width)
            .filter(|&x| {
                let style = buffer[(x, y)].style();
                style.add_modifier.contains(Modifier::UNDERLINED)
                    || style.bg == theme.current_mention.bg
            })
            .collect();
        let listed = app.listed(i).unwrap();
        let text = &app.document().text()[listed.start..listed.end];
        let shown: String = underlined
            .iter()
            .map(|&x| buffer[(x, y)].symbol())
            .collect();
        assert_eq!(shown, text.split_whitespace().collect::<Vec<_>>().join(" "));
        columns.insert(underlined[0]);
        lengths.insert(shown.chars().count());
    }
    assert!(
        lengths.len() > 1,
        "mentions of several lengths: {lengths:?}"
    );
    assert_eq!(
        columns.len(),
        1,
        "one column for every mention: {columns:?}\n{screen}"
    );
    // The words after the first mention are the text's, line ends read as spaces.
    let first = app.listed(0).unwrap();
    let after: String = app.document().text()[first.end..]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let row = screen.lines().nth(2).unwrap();
    assert!(row.contains(&after), "{row}");
    assert!(
        row.starts_with("│▸"),
        "the current mention is marked: {row}"
    );
}

#[test]
fn the_list_in_the_real_terminal() {
    let mut session = Session::start(&[], 100, 30);
    session.wait_for("the panel", |s| s.contents().contains("Vladimir Putin"));
    session.type_keys("fputin\r");
    session.wait_for("the first mention", |s| {
        s.contents().contains("mention 1/5")
    });
    session.type_keys("l");
    session.wait_for("the list", |s| s.contents().contains("Enter goes to a row"));
    session.type_keys("jjj\r");
    session.wait_for("the fourth mention", |s| {
        s.contents().contains("mention 4/5") && !s.contents().contains("Enter goes to a row")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn marks_set_with_m_and_go_with_quote_and_quote_quote_goes_back() {
    let mut app = app_on(None, 100, 12);
    press(&mut app, "5g m a");
    assert_eq!(top_paragraph(&app), 5);
    assert!(app.message().unwrap().contains("mark a set at ¶5"));
    press(&mut app, "G");
    let end = top_paragraph(&app);
    assert_ne!(end, 5);
    press(&mut app, "' a");
    assert_eq!(top_paragraph(&app), 5, "'a goes to the mark");
    press(&mut app, "' '");
    assert_eq!(top_paragraph(&app), end, "'' goes to where the jump left");
    press(&mut app, "' '");
    assert_eq!(top_paragraph(&app), 5, "and '' again comes back");
    press(&mut app, "' b");
    assert!(app.message().unwrap().contains("no mark b"));
    assert_eq!(top_paragraph(&app), 5);
    // Esc after m sets nothing; a mark names no punctuation.
    press(&mut app, "m <Esc> m ,");
    assert!(matches!(app.mode(), Mode::Reading(_)));
    assert_eq!(app.marks().iter().count(), 1);
    // M is now the mouse.
    assert!(app.mouse());
    press(&mut app, "M");
    assert!(!app.mouse());
}

#[test]
fn a_note_goes_on_the_paragraph_being_read_and_is_listed() {
    let mut app = app_on(None, 100, 30);
    press(&mut app, "f putin <Enter> n n");
    let paragraph = current_mention_paragraph(&app).unwrap();
    press(&mut app, "a");
    press(&mut app, "Putin <Space> wants <Space> shells <Enter>");
    let noted: Vec<_> = app
        .notes()
        .iter()
        .map(|(p, t)| (p.number(), t.to_string()))
        .collect();
    assert_eq!(noted, [(paragraph, "Putin wants shells".to_string())]);
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!("✎{paragraph}")),
        "the gutter shows the note: {screen}"
    );
    // The list goes to the note's paragraph.
    press(&mut app, "g A");
    assert_eq!(app.mode().notes_cursor(), Some(0));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("Putin wants shells"), "{screen}");
    press(&mut app, "<Enter>");
    assert_eq!(top_paragraph(&app), paragraph);
    // a on a noted paragraph edits the note; emptied, it is gone.
    press(&mut app, "A a");
    assert_eq!(app.mode().input(), Some("Putin wants shells"));
    for _ in 0.."Putin wants shells".len() {
        press(&mut app, "<BS>");
    }
    press(&mut app, "<Enter>");
    assert!(app.notes().is_empty());
    assert!(app.message().unwrap().contains("removed"));
    press(&mut app, "A");
    assert!(app.message().unwrap().contains("no notes yet"));
}

#[test]
fn marks_and_notes_are_saved_with_the_position_and_come_back() {
    use pilcrow::app::effect::Arrival;
    let mut app = app_on(None, 100, 12);
    press(&mut app, "3g m x 7g a hello <Enter> 1g");
    let saved = app.saved_position().unwrap();
    assert_eq!(saved.marks.len(), 1);
    assert_eq!(saved.notes.len(), 1);
    let json = serde_json::to_string(&saved).unwrap();
    let back: pilcrow::core::resume::Saved = serde_json::from_str(&json).unwrap();
    let mut again = app_on(None, 100, 12);
    // Recalled after the reader moved: the position stays, the marks and notes come back.
    press(&mut again, "9g");
    again.receive(Arrival::Recalled(Ok(Some(back))));
    assert_eq!(top_paragraph(&again), 9);
    press(&mut again, "' x");
    assert_eq!(top_paragraph(&again), 3);
    let notes: Vec<_> = again
        .notes()
        .iter()
        .map(|(p, t)| (p.number(), t.to_string()))
        .collect();
    assert_eq!(notes, [(7, "hello".to_string())]);
}

#[test]
fn marks_and_notes_survive_quitting_in_the_real_terminal() {
    let state = tempfile::tempdir().unwrap();
    let run = |keys: &[&str], check: &dyn Fn(&Session) -> bool| {
        let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
        command.env("XDG_STATE_HOME", state.path());
        let mut session = Session::spawn(command, 100, 30);
        session.wait_for("the panel", |s| s.contents().contains("ACTORS"));
        for keys in keys {
            session.type_keys(keys);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        session.wait_for("the expected screen", check);
        // Esc closes a list (where q would only close it too), then q quits.
        session.type_keys("\u{1b}");
        std::thread::sleep(std::time::Duration::from_millis(100));
        session.type_keys("q");
        assert_eq!(session.wait_exit(), 0);
    };
    run(&["4g", "mk", "8g", "a", "keep this\r"], &|s| {
        s.contents().contains("note on ¶8 kept")
    });
    // Opened again at the top: 'k goes to ¶4, A lists the note.
    run(&["g", "'k"], &|s| s.row(1).contains("¶4"));
    run(&["A"], &|s| s.contents().contains("keep this"));
}

fn pilcrow_output(args: &[&str]) -> std::process::Output {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Each topic's paragraphs and spans as `index --json` gives them.
fn json_topics(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["index", "--json"];
    all.extend(args);
    let output = pilcrow_output(&all);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["topics"].as_array().unwrap().clone()
}

#[test]
fn index_csv_has_one_row_per_mention_that_a_csv_reader_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("quoted.txt");
    std::fs::write(
        &text,
        "Angela Merkel said \"no\", then left.\n\nMerkel, again, in Berlin.\n\n",
    )
    .unwrap();
    let catalogue = dir.path().join("quoted.topics.toml");
    std::fs::write(
        &catalogue,
        "[[actor]]\nid = \"merkel\"\nlabel = \"=HYPERLINK(\\\"x\\\")\"\nkind = \"person\"\naliases = [\"Angela Merkel\", \"Merkel\"]\n",
    )
    .unwrap();
    let path = text.to_str().unwrap();
    let output = pilcrow_output(&["index", "--csv", path]);
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "topic",
            "label",
            "group",
            "kind",
            "paragraph",
            "start",
            "end",
            "text"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let spans: Vec<(String, u64)> = json_topics(&[path])
        .iter()
        .flat_map(|t| t["spans"].as_array().unwrap().clone())
        .map(|s| {
            (
                s["text"].as_str().unwrap().to_string(),
                s["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows.len(), spans.len(), "one row per mention");
    for (row, (text, start)) in rows.iter().zip(&spans) {
        assert_eq!(&row[7], text);
        assert_eq!(row[5].parse::<u64>().unwrap(), *start);
    }
    // A label a spreadsheet would run is written as text.
    let merkel: Vec<_> = rows.iter().filter(|r| &r[0] == "merkel").collect();
    assert_eq!(merkel.len(), 2, "{rows:?}");
    assert!(
        merkel.iter().all(|r| &r[1] == "'=HYPERLINK(\"x\")"),
        "{rows:?}"
    );
    // The bundled commentary: every mention of every topic.
    let output = pilcrow_output(&["index", "--csv"]);
    let rows = csv::Reader::from_reader(&output.stdout[..])
        .records()
        .count();
    let mentions: u64 = json_topics(&[])
        .iter()
        .map(|t| t["mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(rows as u64, mentions);
}

#[test]
fn index_pairs_count_the_paragraphs_two_topics_share() {
    let topics = json_topics(&[]);
    let paragraphs = |id: &str| -> Vec<u64> {
        let topic = topics.iter().find(|t| t["id"] == id).unwrap();
        topic["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_u64().unwrap())
            .collect()
    };
    let output = pilcrow_output(&["index", "--pairs", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    let mut last = u64::MAX;
    for pair in pairs {
        let (first, second) = (
            pair["first"].as_str().unwrap(),
            pair["second"].as_str().unwrap(),
        );
        let both: Vec<u64> = paragraphs(first)
            .into_iter()
            .filter(|p| paragraphs(second).contains(p))
            .collect();
        let shared: Vec<u64> = pair["shared"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_u64().unwrap())
            .collect();
        assert_eq!(shared, both, "{first} & {second}");
        assert_eq!(pair["paragraphs"].as_u64().unwrap(), both.len() as u64);
        assert!(both.len() as u64 <= last, "most shared first");
        last = both.len() as u64;
    }
    // Every pair that shares a paragraph is listed.
    let ids: Vec<&str> = topics.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let mut sharing = 0;
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            sharing += usize::from(paragraphs(a).iter().any(|p| paragraphs(b).contains(p)));
        }
    }
    assert_eq!(pairs.len(), sharing);
    let table = String::from_utf8(pilcrow_output(&["index", "--pairs"]).stdout).unwrap();
    assert!(
        table.contains("7 ¶  Russia · North Korea  ¶3 ¶4 ¶5 ¶7 ¶8 ¶9 ¶10"),
        "{table}"
    );
}

#[test]
fn index_csv_refuses_json_in_one_line() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["index", "--csv", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// The panel's topic rows in order, as (label, count).
fn panel_rows(app: &pilcrow::app::App) -> Vec<(String, usize)> {
    app.panel()
        .rows()
        .iter()
        .filter_map(|row| match row {
            pilcrow::app::panel::PanelRow::Topic(topic) => {
                Some((app.topic(*topic).label.clone(), app.panel_count(*topic)))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_pair_steps_through_the_paragraphs_that_mention_both() {
    let mut app = app_on(None, 120, 40);
    // North Korea is the first actor; Russia the second.
    press(&mut app, "<Tab> <Enter> j &");
    let status = pilcrow::ui::status::StatusBar::position_text(&app);
    assert!(
        status.starts_with("North Korea & Russia · ¶ 1/7"),
        "{status}"
    );
    let shared: Vec<usize> = app.shared().iter().map(|p| p.number()).collect();
    assert_eq!(shared, [3, 4, 5, 7, 8, 9, 10]);
    assert_eq!(top_paragraph(&app), 3);
    press(&mut app, "<Tab> n n");
    assert_eq!(top_paragraph(&app), 5);
    let status = pilcrow::ui::status::StatusBar::position_text(&app);
    assert!(
        status.starts_with("North Korea & Russia · ¶ 3/7"),
        "{status}"
    );
    press(&mut app, "N N N");
    assert_eq!(
        top_paragraph(&app),
        10,
        "N wraps to the last shared paragraph"
    );
    assert!(app.message().unwrap().contains("wrapped"));
    // The gutter marks the shared paragraphs with &.
    let screen = screen_text(&draw(&app));
    assert!(
        screen.lines().nth(1).unwrap().starts_with("¶10&"),
        "{screen}"
    );
    // Esc ends the pair; n steps through the topic's mentions again.
    press(&mut app, "<Esc>");
    assert!(app.pairing().is_none());
    press(&mut app, "n");
    let status = pilcrow::ui::status::StatusBar::position_text(&app);
    assert!(status.starts_with("North Korea · mention"), "{status}");
}

#[test]
fn a_pair_ends_with_a_new_topic_or_a_second_ampersand() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, "<Tab> <Enter> j &");
    assert!(app.pairing().is_some());
    press(&mut app, "&");
    assert!(app.pairing().is_none(), "& on the paired topic unpairs");
    press(&mut app, "&");
    assert!(app.pairing().is_some());
    press(&mut app, "<Enter>");
    assert!(app.pairing().is_none(), "a new selection ends the pair");
    // & needs a selected topic, and another one.
    let mut app = app_on(None, 120, 40);
    press(&mut app, "<Tab> &");
    assert!(app.message().unwrap().contains("select a topic first"));
    press(&mut app, "<Enter> &");
    assert!(app.pairing().is_none());
    assert!(app.message().unwrap().contains("another topic"));
}

#[test]
fn the_panel_orders_by_paragraphs_shared_with_the_selected_topic() {
    let mut app = app_on(None, 120, 40);
    // The filter cleared (Esc), so that every topic is listed.
    press(&mut app, "f putin <Enter> <Esc> s");
    let rows = panel_rows(&app);
    let actors: Vec<&(String, usize)> = rows.iter().take(5).collect();
    // Putin's own paragraphs first (4), then what shares most with them.
    assert_eq!(actors[0], &("Vladimir Putin".to_string(), 4));
    assert!(
        actors.windows(2).all(|w| w[0].1 >= w[1].1),
        "most shared first: {actors:?}"
    );
    let kim = rows.iter().find(|(l, _)| l == "Kim Jong-un").unwrap();
    assert_eq!(kim.1, 2, "Kim Jong-un shares ¶6 and ¶8 with Putin");
    press(&mut app, "s");
    let rows = panel_rows(&app);
    assert_eq!(rows[0], ("North Korea".to_string(), 21), "back to mentions");
}

#[test]
fn the_pair_view_at_two_sizes() {
    // Below 100 columns the panel is an overlay that Enter closes: Tab opens it again.
    for (width, height, keys) in [
        (120, 40, "<Tab> <Enter> j & s <Tab> n"),
        (80, 24, "<Tab> <Enter> <Tab> j & s <Tab> n"),
    ] {
        let mut app = app_on(None, width, height);
        press(&mut app, keys);
        assert!(app.pairing().is_some(), "{width}x{height}");
        insta::assert_snapshot!(format!("pair_{width}x{height}"), screen_text(&draw(&app)));
    }
}

#[test]
fn a_pair_in_the_real_terminal() {
    let mut session = Session::start(&[], 120, 40);
    // Indexed: North Korea, the most mentioned, is the first row.
    session.wait_for("the panel", indexed);
    session.type_keys("\t\r");
    session.wait_for("the topic", |s| s.contents().contains("mention 1/21"));
    session.type_keys("j&");
    session.wait_for("the pair", |s| {
        s.contents().contains("North Korea & Russia · ¶ 1/7")
    });
    session.type_keys("\tn");
    session.wait_for("the second shared paragraph", |s| {
        s.contents().contains("¶ 2/7")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

/// `xmllint --schema` on a codebook: the REFI-QDA standard's schema decides.
fn validate_codebook(codebook: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("topics.qdc");
    std::fs::write(&file, codebook).unwrap();
    let schema =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/refi-qda/Codebook.xsd");
    let checked = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; .ci/run installs it)");
    assert!(
        checked.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&checked.stderr),
        String::from_utf8_lossy(codebook)
    );
}

#[test]
fn index_qdc_is_a_codebook_the_standards_schema_accepts() {
    let output = pilcrow_output(&["index", "--qdc"]);
    validate_codebook(&output.stdout);
    let xml = String::from_utf8(output.stdout).unwrap();
    // Every topic is one codable code, under Actors and a kind, or under Themes.
    let topics = json_topics(&[]);
    assert_eq!(xml.matches("isCodable=\"true\"").count(), topics.len());
    assert!(xml.contains("name=\"Actors\" isCodable=\"false\""));
    assert!(xml.contains("name=\"Themes\" isCodable=\"false\""));
    assert!(xml.contains("name=\"state\" isCodable=\"false\""));
    assert!(
        xml.contains("aliases: Putin, President Putin"),
        "the names that find a code are in its description: {xml}"
    );
    // The same topic has the same GUID in every export.
    let again = String::from_utf8(pilcrow_output(&["index", "--qdc"]).stdout).unwrap();
    assert_eq!(xml, again);
}

#[test]
fn index_qdc_of_hostile_names_still_validates() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("hostile.txt");
    std::fs::write(&text, "Ann & <Bob> met \"Cy\".\n\nAnn again.\n").unwrap();
    std::fs::write(
        dir.path().join("hostile.topics.toml"),
        "[[actor]]\nid = \"ann\"\nlabel = \"Ann & <Bob> \\u001b[31m\\u0007\"\nkind = \"person\"\naliases = [\"Ann\", \"\\\"Cy\\\"\"]\n",
    )
    .unwrap();
    let output = pilcrow_output(&["index", "--qdc", "--no-discover", text.to_str().unwrap()]);
    validate_codebook(&output.stdout);
    let xml = String::from_utf8(output.stdout).unwrap();
    assert!(!xml.contains('\u{1b}') && !xml.contains('\u{7}'), "{xml}");
    assert!(xml.contains("Ann &amp; &lt;Bob&gt;"), "{xml}");
}

/// A copy of the bundled commentary in a folder of its own.
fn commentary_in(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("treaty.txt");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/commentary.txt"),
        &path,
    )
    .unwrap();
    path
}

#[test]
fn w_in_the_reader_writes_the_notes_beside_the_file() {
    use pilcrow::core::open::{OpenRequest, Opened};
    let dir = tempfile::tempdir().unwrap();
    let file = commentary_in(dir.path());
    let opened = Opened::open(&OpenRequest {
        file: Some(file.clone()),
        ..OpenRequest::default()
    })
    .unwrap();
    let (mut app, mut jobs) = common::reader(opened, 100, 30);
    press(&mut app, "W");
    assert!(app.message().unwrap().contains("no notes to write"));
    let effects = press(
        &mut app,
        "7g a *Shells*, <Space> not <Space> words <Enter> W",
    );
    jobs.run(effects);
    jobs.settle(&mut app);
    let written = dir.path().join("treaty.notes.md");
    assert!(
        app.message().unwrap().contains("notes written to"),
        "{:?}",
        app.message()
    );
    let markdown = std::fs::read_to_string(&written).unwrap();
    assert!(markdown.starts_with("# Notes on "), "{markdown}");
    assert!(markdown.contains("\n## ¶7\n"), "{markdown}");
    assert!(
        markdown.contains("> For North Korea, the new treaty, which formalises the bilateral relationship on a strategic, long-term basis, holds significant implications. (¶7)"),
        "{markdown}"
    );
    assert!(markdown.contains("\\*Shells\\*, not words"), "{markdown}");
}

#[test]
fn pilcrow_notes_prints_the_notes_kept_for_the_text() {
    use pilcrow::core::document::Document;
    use pilcrow::core::resume::{Saved, SavedNote, Store};
    let dir = tempfile::tempdir().unwrap();
    let file = commentary_in(dir.path());
    let state = dir.path().join("state");
    let document = Document::load(&file, false).unwrap();
    Store::new(state.clone())
        .remember(
            &document,
            &Saved {
                notes: vec![
                    SavedNote {
                        paragraph: 8,
                        text: "China \u{1b}[2J caught between".into(),
                    },
                    SavedNote {
                        paragraph: 99_999,
                        text: "a paragraph the text no longer has".into(),
                    },
                ],
                ..Saved::default()
            },
        )
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["notes", file.to_str().unwrap()])
        .env("PILCROW_STATE_DIR", &state)
        .output()
        .unwrap();
    assert!(output.status.success());
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.contains("1 note on "), "{markdown}");
    assert!(markdown.contains("\n## ¶9\n"), "{markdown}");
    assert!(
        markdown.contains("China ␛\\[2J caught between"),
        "{markdown}"
    );
    assert!(!markdown.contains("no longer has"), "{markdown}");
    // No notes: the heading, and one line on stderr saying how to write one.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["notes"])
        .env("PILCROW_STATE_DIR", dir.path().join("empty"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no notes"), "{stderr}");
}

#[test]
fn pilcrow_notes_topic_quotes_each_sentence_that_names_it() {
    let output = pilcrow_output(&["notes", "--topic", "kim-jong-un"]);
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(
        markdown.starts_with("# Kim Jong-un in NIICE Commentary 9282"),
        "{markdown}"
    );
    let quotes: Vec<&str> = markdown.lines().filter(|l| l.starts_with("> ")).collect();
    assert_eq!(quotes.len(), 3, "{markdown}");
    let cited: Vec<&str> = quotes
        .iter()
        .map(|q| q.rsplit_once(" (").unwrap().1)
        .collect();
    assert_eq!(cited, ["¶4)", "¶6)", "¶8)"]);
    assert!(
        quotes.iter().all(|q| q.contains("Kim Jong-un")),
        "{markdown}"
    );
    // By label too; an unknown topic is one line and exit 1.
    let by_label = pilcrow_output(&["notes", "--topic", "Kim Jong-un"]);
    assert_eq!(String::from_utf8(by_label.stdout).unwrap(), markdown);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["notes", "--topic", "nobody"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8(output.stderr).unwrap().lines().count(), 1);
}

/// The commentary and its catalogue, with a comment of the user's own, in a folder.
fn commentary_with_catalogue(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let file = commentary_in(dir);
    let catalogue = dir.join("treaty.topics.toml");
    let curated = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/commentary.topics.toml"),
    )
    .unwrap();
    std::fs::write(&catalogue, format!("# MY OWN NOTE: keep me.\n{curated}")).unwrap();
    (file, catalogue)
}

/// The reader on `file` with its catalogue, indexed, without discovery (so that the panel
/// is the catalogue's).
fn reader_with_catalogue(
    file: &std::path::Path,
) -> (pilcrow::app::App, pilcrow::app::background::Jobs) {
    use pilcrow::core::open::{OpenRequest, Opened};
    let opened = Opened::open(&OpenRequest {
        file: Some(file.to_path_buf()),
        no_discover: true,
        ..OpenRequest::default()
    })
    .unwrap();
    common::reader(opened, 120, 40)
}

/// Keys, then what they asked done outside, until nothing is left to do.
fn press_and_settle(
    app: &mut pilcrow::app::App,
    jobs: &mut pilcrow::app::background::Jobs,
    keys: &str,
) {
    let effects = press(app, keys);
    jobs.run(effects);
    jobs.settle(app);
}

/// Focus on the panel and its cursor on the topic `id`.
fn cursor_to(app: &mut pilcrow::app::App, id: &str) {
    if app.mode().focus() != pilcrow::app::mode::Focus::Panel {
        press(app, "<Tab>");
    }
    for _ in 0..app.topics().len() {
        press(app, "k");
    }
    for _ in 0..app.topics().len() {
        if app.panel().cursor().is_some_and(|t| app.topic(t).id == id) {
            return;
        }
        press(app, "j");
    }
    panic!("{id} is not in the panel");
}

/// The commentary indexed on screen: North Korea first, with its 21 mentions.
fn indexed(session: &Session) -> bool {
    session
        .contents()
        .lines()
        .any(|l| l.contains("North Korea") && l.contains("state  21"))
}

fn erase(label: &str) -> String {
    vec!["<BS>"; label.chars().count()].join(" ")
}

#[test]
fn rename_merge_and_hide_from_the_panel_are_saved_to_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let (file, catalogue) = commentary_with_catalogue(dir.path());
    let (mut app, mut jobs) = reader_with_catalogue(&file);
    // Rename North Korea, the first row.
    press_and_settle(
        &mut app,
        &mut jobs,
        &format!("<Tab> r {} DPRK <Enter>", erase("North Korea")),
    );
    assert!(
        app.message()
            .unwrap()
            .contains("renamed North Korea to DPRK"),
        "{:?}",
        app.message()
    );
    assert!(app.topics().iter().any(|t| t.label == "DPRK"));
    // Merge Kim Jong-il into Kim Jong-un: select Kim Jong-un, J on Kim Jong-il.
    press_and_settle(&mut app, &mut jobs, "f kim <Space> jong-un <Enter> <Esc>");
    assert_eq!(common::selected_label(&app), Some("Kim Jong-un"));
    cursor_to(&mut app, "kim-jong-il");
    press_and_settle(&mut app, &mut jobs, "J");
    assert!(
        app.message()
            .unwrap()
            .contains("merged Kim Jong-il into Kim Jong-un")
    );
    assert!(!app.topics().iter().any(|t| t.id == "kim-jong-il"));
    assert_eq!(
        common::selected_label(&app),
        Some("Kim Jong-un"),
        "the selection stays"
    );
    // Hide Japan.
    cursor_to(&mut app, "japan");
    press_and_settle(&mut app, &mut jobs, "x");
    assert!(!app.topics().iter().any(|t| t.id == "japan"));
    // The file: the changes, the user's comment, the curated comments.
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(text.starts_with("# MY OWN NOTE: keep me.\n"), "{text}");
    assert!(text.contains("# People"), "{text}");
    assert!(text.contains("label = \"DPRK\""), "{text}");
    assert!(!text.contains("id = \"kim-jong-il\""), "{text}");
    assert!(!text.contains("id = \"japan\""), "{text}");
    assert!(
        text.contains("[discovery]") && text.contains("\"Japan\""),
        "{text}"
    );
    // Opened again, the catalogue is the edited one.
    let (again, _) = reader_with_catalogue(&file);
    assert!(again.topics().iter().any(|t| t.label == "DPRK"));
    assert!(!again.topics().iter().any(|t| t.id == "japan"));
}

#[test]
fn a_hand_edit_made_while_the_reader_is_open_is_kept_or_the_edit_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (file, catalogue) = commentary_with_catalogue(dir.path());
    let (mut app, mut jobs) = reader_with_catalogue(&file);
    // By hand, meanwhile: a new actor.
    let mut text = std::fs::read_to_string(&catalogue).unwrap();
    text.push_str(
        "\n[[actor]]\nid = \"merkel\"\nlabel = \"Angela Merkel\" # by hand\nkind = \"person\"\n",
    );
    std::fs::write(&catalogue, &text).unwrap();
    press_and_settle(&mut app, &mut jobs, "<Tab> K");
    let after = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        after.contains("label = \"Angela Merkel\" # by hand"),
        "{after}"
    );
    assert!(
        app.topics().iter().any(|t| t.id == "merkel"),
        "the reader now has the hand-made entry too"
    );
    let north_korea = app.topics().iter().find(|t| t.id == "north-korea").unwrap();
    assert_eq!(
        north_korea.group.kind_name(),
        "organisation",
        "K: state → organisation"
    );
    // By hand, a mistake: the edit is refused, the file left as the user made it.
    std::fs::write(&catalogue, "[[actor]\nid = ").unwrap();
    press_and_settle(&mut app, &mut jobs, "x");
    assert!(
        app.message().unwrap().starts_with("topics not changed:"),
        "{:?}",
        app.message()
    );
    assert_eq!(
        std::fs::read_to_string(&catalogue).unwrap(),
        "[[actor]\nid = "
    );
    assert!(
        app.topics().iter().any(|t| t.id == "north-korea"),
        "nothing hidden"
    );
}

#[test]
fn with_no_catalogue_the_first_edit_writes_one_from_the_discovered_topics() {
    use pilcrow::core::open::{OpenRequest, Opened};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("talks.txt");
    std::fs::write(
        &file,
        "Angela Merkel met Emmanuel Macron in Berlin.\n\nMerkel and Macron spoke of Ukraine.\n\nMacron left for Paris.\n",
    )
    .unwrap();
    let opened = Opened::open(&OpenRequest {
        file: Some(file.clone()),
        ..OpenRequest::default()
    })
    .unwrap();
    let (mut app, mut jobs) = common::reader(opened, 120, 40);
    let before: Vec<String> = app.topics().iter().map(|t| t.id.clone()).collect();
    assert!(before.len() >= 2, "{before:?}");
    // T on the first entry.
    press_and_settle(&mut app, &mut jobs, "<Tab> T");
    let written = dir.path().join("talks.topics.toml");
    let text = std::fs::read_to_string(&written).unwrap();
    for id in &before {
        assert!(text.contains(&format!("id = \"{id}\"")), "{id} in\n{text}");
    }
    assert!(
        app.message().unwrap().contains("saved to"),
        "{:?}",
        app.message()
    );
}

#[test]
fn plus_adds_the_search_as_a_name_of_the_selected_topic() {
    let dir = tempfile::tempdir().unwrap();
    let (file, catalogue) = commentary_with_catalogue(dir.path());
    let (mut app, mut jobs) = reader_with_catalogue(&file);
    press_and_settle(
        &mut app,
        &mut jobs,
        "f putin <Enter> <Esc> / Russian <Space> government <Enter> +",
    );
    assert!(
        app.message()
            .unwrap()
            .contains("Russian government now names Vladimir Putin"),
        "{:?}",
        app.message()
    );
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("aliases = [\"Putin\", \"President Putin\", \"Russian government\"]"),
        "{text}"
    );
    // The new name is a mention now.
    let putin = app.topics().iter().position(|t| t.id == "putin").unwrap();
    let mentions = app
        .index()
        .get(pilcrow::core::ids::TopicId::new(putin))
        .mentions
        .len();
    assert_eq!(mentions, 6, "5 mentions and the Russian government");
}

#[test]
fn an_edit_in_the_real_terminal_is_in_the_file_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let (file, catalogue) = commentary_with_catalogue(dir.path());
    let mut session = Session::start(&["--no-discover", file.to_str().unwrap()], 120, 40);
    session.wait_for("the indexed panel", indexed);
    // Merge: select Kim Jong-un with the filter "kim", J on Kim Jong-il below it.
    session.type_keys("fkim\r");
    session.wait_for("Kim Jong-un", |s| {
        s.contents().contains("Kim Jong-un · mention 1/3")
    });
    session.type_keys("j");
    std::thread::sleep(std::time::Duration::from_millis(50));
    session.type_keys("J");
    session.wait_for("the merge", |s| {
        s.contents().contains("merged Kim Jong-il into Kim Jong-un")
    });
    // Rename the first entry, North Korea, once the filter is cleared.
    session.type_keys("\u{1b}");
    std::thread::sleep(std::time::Duration::from_millis(100));
    session.type_keys("r");
    session.wait_for("the rename prompt", |s| {
        s.contents().contains("rename North Korea")
    });
    session.type_keys(&"\u{7f}".repeat("North Korea".len()));
    session.type_keys("DPRK\r");
    session.wait_for("the rename", |s| {
        s.contents().contains("renamed North Korea to DPRK")
    });
    session.type_keys("x");
    session.wait_for("the hide", |s| s.contents().contains("hid DPRK"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(text.starts_with("# MY OWN NOTE: keep me.\n"), "{text}");
    assert!(!text.contains("id = \"north-korea\""), "{text}");
    assert!(text.contains("hide = [\"DPRK\"]"), "{text}");
    assert!(!text.contains("id = \"kim-jong-il\""), "{text}");
    assert!(
        text.contains("\"Kim Jong-il\""),
        "the merged label is a name: {text}"
    );
}

#[test]
fn w_writes_the_notes_in_the_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = commentary_in(dir.path());
    let mut session = Session::start(&[file.to_str().unwrap()], 100, 30);
    session.wait_for("the panel", |s| s.contents().contains("ACTORS"));
    // ¶2: the top, whatever the height (the end of a short text cannot be scrolled to the top).
    session.type_keys("2ga");
    session.wait_for("the note prompt", |s| s.contents().contains("note on ¶2"));
    session.type_keys("the turn of 2000\r");
    session.wait_for("the note", |s| s.contents().contains("note on ¶2 kept"));
    session.type_keys("W");
    session.wait_for("the notes written", |s| {
        s.contents().contains("notes written to")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    let markdown = std::fs::read_to_string(dir.path().join("treaty.notes.md")).unwrap();
    assert!(
        markdown.contains("## ¶2") && markdown.contains("the turn of 2000"),
        "{markdown}"
    );
}

#[test]
fn a_long_prompt_keeps_its_words_and_shows_the_end_of_what_is_typed() {
    let mut app = app_on(None, 60, 12);
    press(&mut app, "2g a");
    for word in [
        "one", "two", "three", "four", "five", "six", "seven", "eight",
    ] {
        press(&mut app, &format!("{word} <Space>"));
    }
    press(&mut app, "end");
    let screen = screen_text(&draw(&app));
    let status = screen.lines().last().unwrap();
    assert!(status.starts_with("note on ¶2"), "{status}");
    assert!(status.ends_with("eight end▏"), "{status}");
}

#[test]
fn search_takes_a_regular_expression_and_an_empty_search_repeats_the_last() {
    let mut app = app_on(None, 120, 40);
    press(&mut app, r"/ \b(?:19|20)\d\d\b <Enter>");
    let years: Vec<&str> = app
        .search()
        .unwrap()
        .hits
        .iter()
        .map(|h| &app.document().text()[h.start..h.end])
        .collect();
    assert_eq!(years, ["2024", "1991", "2000", "1961"]);
    press(&mut app, "<Esc>");
    assert!(app.search().is_none());
    press(&mut app, "/ <Enter>");
    assert_eq!(app.search().unwrap().hits.len(), 4, "the last search again");
    // A broken pattern is searched as written, and says so.
    press(&mut app, "/ DPRK) <Enter>");
    assert_eq!(app.search().unwrap().hits.len(), 1, "(DPRK) as written");
    assert!(
        app.message()
            .unwrap()
            .starts_with("searched as plain text, not a regular expression"),
        "{:?}",
        app.message()
    );
}

#[test]
fn up_and_down_in_the_search_prompt_walk_the_history() {
    let mut app = app_on(None, 120, 40);
    app.set_searches(vec!["Moscow".into()]);
    press(&mut app, "/ Russia <Enter> / Korea <Enter> /");
    let input = |app: &pilcrow::app::App| app.mode().input().unwrap().to_string();
    press(&mut app, "<Up>");
    assert_eq!(input(&app), "Korea");
    press(&mut app, "<Up> <Up> <Up>");
    assert_eq!(input(&app), "Moscow", "the earliest stays");
    press(&mut app, "<Down>");
    assert_eq!(input(&app), "Russia");
    press(&mut app, "<Down> <Down>");
    assert_eq!(input(&app), "", "past the latest: an empty prompt");
    assert_eq!(app.searches(), ["Moscow", "Russia", "Korea"]);
    // A search run again moves to the end, once.
    press(&mut app, "<Esc> / Russia <Enter>");
    assert_eq!(app.searches(), ["Moscow", "Korea", "Russia"]);
}

#[test]
fn the_search_history_is_kept_from_one_run_to_the_next() {
    let state = tempfile::tempdir().unwrap();
    let run = |keys: &str, check: &dyn Fn(&Session) -> bool| {
        let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
        command.env("PILCROW_STATE_DIR", state.path());
        let mut session = Session::spawn(command, 100, 30);
        session.wait_for("the panel", |s| s.contents().contains("ACTORS"));
        session.type_keys(keys);
        session.wait_for("the expected screen", check);
        session.type_keys("\u{1b}");
        std::thread::sleep(std::time::Duration::from_millis(100));
        session.type_keys("q");
        assert_eq!(session.wait_exit(), 0);
    };
    run("/Pyongyang\r", &|s| {
        s.contents().contains("/Pyongyang · hit 1/")
    });
    // ↑ in the next run's prompt.
    run("/\u{1b}[A", &|s| s.contents().contains("/Pyongyang▏"));
}

#[test]
fn an_empty_panel_says_why() {
    use pilcrow::core::open::{OpenRequest, Opened};
    let dir = tempfile::tempdir().unwrap();
    for (text, said) in [
        (
            "제1조 대한민국은 민주공화국이다.\n\n제2조 대한민국의 주권은 국민에게 있다.\n",
            "this text is mostly Hangul",
        ),
        (
            "nothing here but lower case words.\n\nand more of them.\n",
            "No actors or themes found",
        ),
    ] {
        let file = dir.path().join("text.txt");
        std::fs::write(&file, text).unwrap();
        let opened = Opened::open(&OpenRequest {
            file: Some(file),
            ..OpenRequest::default()
        })
        .unwrap();
        let (app, _jobs) = common::reader(opened, 120, 30);
        assert!(app.topics().is_empty());
        let buffer = draw(&app);
        let screen = screen_text(&buffer);
        // The panel's cells, row by row, past its border.
        let panel_area = app.layout().panel;
        let panel: Vec<String> = (panel_area.y..panel_area.bottom())
            .map(|y| {
                (panel_area.x + 1..panel_area.right())
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        let flat = panel
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(said), "{screen}");
    }
}

#[test]
fn the_bundled_texts_catalogue_is_edited_in_the_state_folder() {
    use pilcrow::app::background::Jobs;
    use pilcrow::core::open::{OpenRequest, Opened};
    use pilcrow::core::resume::Store;
    let state = tempfile::tempdir().unwrap();
    let request = OpenRequest {
        no_discover: true,
        state_dir: Some(state.path().to_path_buf()),
        ..OpenRequest::default()
    };
    let (mut app, effects) = pilcrow::app::App::new(Opened::open(&request).unwrap());
    let mut jobs = Jobs::new(Some(Store::new(state.path().to_path_buf())));
    jobs.run(effects);
    jobs.run(app.update(Action::Resize {
        width: 120,
        height: 40,
    }));
    jobs.settle(&mut app);
    cursor_to(&mut app, "japan");
    press_and_settle(&mut app, &mut jobs, "x");
    let kept = state.path().join("catalogues/bundled.topics.toml");
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(
        text.starts_with("# Topic catalogue for NIICE Commentary 9282"),
        "{text}"
    );
    assert!(!text.contains("id = \"japan\""));
    // Opened again with the same state folder: the edited catalogue, not the bundled one.
    let again = Opened::open(&request).unwrap();
    assert!(!again.catalogue.topics.iter().any(|t| t.id == "japan"));
    assert_eq!(again.catalogue_path.as_deref(), Some(kept.as_path()));
    // Without state, the bundled catalogue as shipped.
    let shipped = Opened::open(&OpenRequest::default()).unwrap();
    assert!(shipped.catalogue.topics.iter().any(|t| t.id == "japan"));
}

#[test]
fn the_panel_fits_its_labels_and_jumps_between_its_sections() {
    let mut app = app_on(None, 120, 40);
    // Wide enough for "Regional stability and tension" uncut (it was cut at 32 columns).
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("Regional stability and tension "),
        "{screen}"
    );
    assert!(
        screen.contains("< > panel"),
        "the hints name < and >: {screen}"
    );
    let width = app.layout().panel.width;
    press(&mut app, "<");
    assert_eq!(app.layout().panel.width, width - 4, "< still narrows it");
    // } goes to THEMES, and round to ACTORS; { back.
    press(&mut app, "<Tab> }");
    let topic = app.panel().cursor().unwrap();
    assert!(!app.topic(topic).group.is_actor(), "the first theme");
    press(&mut app, "}");
    let topic = app.panel().cursor().unwrap();
    assert_eq!(
        app.topic(topic).label,
        "North Korea",
        "round to the first actor"
    );
    press(&mut app, "{");
    assert!(!app.topic(app.panel().cursor().unwrap()).group.is_actor());
}

#[test]
fn small_screens_keep_the_help_hint_the_border_and_whole_help_rows() {
    use pilcrow::core::open::{OpenRequest, Opened};
    // 40×12: "? help" stays; the help's rows are wrapped, none cut.
    let mut app = app_on(None, 40, 12);
    let status = screen_text(&draw(&app)).lines().last().unwrap().to_string();
    assert!(status.ends_with("? help"), "{status}");
    press(&mut app, "?");
    let help = screen_text(&draw(&app));
    assert!(!help.contains('…'), "no help row is cut:\n{help}");
    assert!(help.contains("half a page down"), "{help}");
    // The panel overlay over Korean text keeps its border on every row, and drops the kind
    // before cutting names to stubs.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ko.txt");
    std::fs::write(
        &file,
        format!("{}\n", "대한민국의 주권은 국민에게 있고 ".repeat(30)),
    )
    .unwrap();
    let opened = Opened::open(&OpenRequest {
        file: Some(file),
        ..OpenRequest::default()
    })
    .unwrap();
    let (mut app, _jobs) = common::reader(opened, 41, 12);
    press(&mut app, "t");
    let buffer = draw(&app);
    let panel = app.layout().panel;
    for y in panel.y..panel.bottom() {
        assert_eq!(
            buffer[(panel.x, y)].symbol(),
            "│",
            "row {y}:\n{}",
            screen_text(&buffer)
        );
    }
    let mut app = app_on(None, 40, 12);
    press(&mut app, "t");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("North Korea   21"), "{screen}");
}

#[test]
fn the_config_files_keys_and_panel_width_take_effect() {
    let config = pilcrow::config::parse(
        "panel_width = 30\n[keys]\n\"J\" = \"next_mention\"\n\"C-f\" = \"page_down\"\n",
    )
    .unwrap();
    let mut app = app_on(None, 120, 40);
    app.configure(config.keys, config.panel_width);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(app.layout().panel.width, 30);
    press(&mut app, "f putin <Enter> <Esc> J");
    assert_eq!(app.listed_current(), Some(1), "J is next mention now");
    // In a prompt the key is typed, not rebound.
    press(&mut app, "/ J");
    assert_eq!(app.mode().input(), Some("J"));
    let help = pilcrow::ui::help::help_lines(app.key_overrides());
    assert!(
        help.iter()
            .any(|(_, l)| l.contains('J') && l.contains("next mention")),
        "the help lists the user's keys"
    );
}

/// Magenta (crossterm writes "38;5;5", the background after it) marks mentions in the dark
/// theme; blue in the light.
const MAGENTA: &[u8] = b"\x1b[38;5;5;";

fn has(raw: &[u8], seq: &[u8]) -> bool {
    raw.windows(seq.len()).any(|w| w == seq)
}

/// The reader with the config file at `config`, in a terminal that answers a background query
/// with `background`: waits for `at_start`, selects Putin, quits; what it wrote.
fn putin_with_config(
    config: &std::path::Path,
    background: Option<&str>,
    at_start: &str,
) -> Vec<u8> {
    let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_pilcrow"));
    command.env("PILCROW_CONFIG", config);
    command.env_remove("COLORFGBG");
    let mut session = Session::spawn_on(command, 100, 30, background);
    session.wait_for(at_start, |s| s.contents().contains(at_start));
    session.type_keys("fputin\r");
    session.wait_for("the topic", |s| s.contents().contains("mention 1/5"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.raw()
}

#[test]
fn a_theme_from_the_config_and_a_broken_config_in_the_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let run = |config: &str, at_start: &str| -> Vec<u8> {
        std::fs::write(&path, config).unwrap();
        // A white background: only the file can ask for the dark theme.
        putin_with_config(&path, Some("ffff/ffff/ffff"), at_start)
    };
    let dark = run("theme = \"dark\"\n", "ACTORS");
    assert!(has(&dark, MAGENTA));
    let light = run("theme = \"light\"\n", "ACTORS");
    assert!(!has(&light, MAGENTA), "the light theme draws no magenta");
    // A broken file: one line in the status, and the reader goes on with the defaults (auto,
    // so the dark theme on a black background).
    std::fs::write(&path, "theme = \"dark\"\npanel_width = \"wide\"\n").unwrap();
    let broken = putin_with_config(&path, Some("0000/0000/0000"), "config.toml:2:15");
    assert!(has(&broken, MAGENTA), "the defaults: the dark theme");
}

#[test]
fn the_auto_theme_follows_the_background_the_terminal_answers_with() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "theme = \"auto\"\n").unwrap();
    let run = |background: Option<&str>| putin_with_config(&path, background, "ACTORS");
    let white = run(Some("ffff/ffff/ffff"));
    assert!(
        has(&white, b"\x1b]11;?"),
        "the reader asks for the background"
    );
    assert!(
        !has(&white, MAGENTA),
        "a white background gets the light theme"
    );
    let black = run(Some("0000/0000/0000"));
    assert!(
        has(&black, MAGENTA),
        "a black background gets the dark theme"
    );
    let silent = run(None);
    assert!(has(&silent, MAGENTA), "no answer: the dark theme");
}
