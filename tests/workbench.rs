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
