//! Whole screens on a test backend: text snapshots at three sizes, and the highlight styles
//! that text snapshots cannot record.

mod common;

use common::{app_on, draw, draw_with, press, screen_text};
use pilcrow::ui::palette::Palette;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const FIXTURE: &str = "fixture.md";

fn snapshot(width: u16, height: u16, keys: &str) -> String {
    let mut app = app_on(Some(FIXTURE), width, height);
    press(&mut app, keys);
    screen_text(&draw(&app))
}

#[test]
fn screens_at_three_sizes() {
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        insta::assert_snapshot!(
            format!("open_{width}x{height}"),
            snapshot(width, height, "")
        );
        insta::assert_snapshot!(
            format!("seoul_{width}x{height}"),
            snapshot(width, height, "f south <Enter> n")
        );
    }
    insta::assert_snapshot!("help_80x24", snapshot(80, 24, "?"));
    insta::assert_snapshot!("panel_overlay_80x24", snapshot(80, 24, "t j"));
    insta::assert_snapshot!("search_80x24", snapshot(80, 24, "/ the <Enter>"));
    insta::assert_snapshot!("too_small", snapshot(19, 5, ""));
    for (width, height) in [(120, 40), (80, 24)] {
        insta::assert_snapshot!(
            format!("mentions_{width}x{height}"),
            snapshot(width, height, "f south <Enter> n l j")
        );
    }
}

/// The cells of the reader pane (the left 80 columns) whose symbols spell `word` on one row.
fn cells_of(buffer: &Buffer, word: &str, nth: usize) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        let row: Vec<&str> = (0..buffer.area.width.min(80))
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let chars: Vec<char> = word.chars().collect();
        for x in 0..row.len().saturating_sub(chars.len()) {
            if chars
                .iter()
                .enumerate()
                .all(|(i, c)| row[x + i] == c.to_string())
            {
                found.push(
                    (0..chars.len())
                        .map(|i| ((x + i) as u16, y))
                        .collect::<Vec<_>>(),
                );
            }
        }
    }
    found
        .into_iter()
        .nth(nth)
        .unwrap_or_else(|| panic!("{word} #{nth} not on screen"))
}

#[test]
fn mentions_are_highlighted_and_the_current_one_stands_apart() {
    let theme = Palette::colored();
    let mut app = app_on(Some(FIXTURE), 120, 40);
    press(&mut app, "f south <Enter>");
    let buffer = draw(&app);
    // The first "Seoul" is the current mention; "South Korea" and the second "Seoul" are not.
    for (x, y) in cells_of(&buffer, "Seoul", 0) {
        assert_eq!(buffer[(x, y)].style().bg, theme.current_mention.bg);
    }
    for (word, nth) in [("South Korea", 0), ("Seoul", 1)] {
        for (x, y) in cells_of(&buffer, word, nth) {
            let style = buffer[(x, y)].style();
            assert_eq!(style.fg, theme.mention.fg, "{word}");
            assert_ne!(style.bg, theme.current_mention.bg, "{word}");
            assert!(style.add_modifier.contains(Modifier::UNDERLINED));
        }
    }
    // A word that names no topic keeps the plain style.
    for (x, y) in cells_of(&buffer, "ambassador", 0) {
        assert_eq!(buffer[(x, y)].style().fg, Some(Color::Reset));
        assert_eq!(buffer[(x, y)].style().add_modifier, Modifier::empty());
    }
    // The gutter marks the paragraphs that mention the topic.
    let mark_x = app.layout().gutter.right() - 2;
    let marks: usize = (0..buffer.area.height)
        .filter(|&y| buffer[(mark_x, y)].symbol() == "▍")
        .count();
    assert!(marks >= 3, "{marks} gutter marks");
}

#[test]
fn no_color_keeps_highlights_distinct_without_colour() {
    let mut app = app_on(Some(FIXTURE), 120, 40);
    press(&mut app, "f south <Enter> / ministry <Enter>");
    let buffer = draw_with(&app, &Palette::monochrome());
    let hit = buffer[cells_of(&buffer, "ministry", 0)[0]].style();
    let mention = buffer[cells_of(&buffer, "Seoul", 1)[0]].style();
    for style in [hit, mention] {
        assert_eq!(
            (style.fg, style.bg),
            (Some(Color::Reset), Some(Color::Reset))
        );
    }
    assert_ne!(hit.add_modifier, mention.add_modifier);
}

#[test]
fn escape_sequences_in_the_text_are_shown_as_markers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.txt");
    std::fs::write(
        &file,
        "clear \u{1b}[2J title \u{1b}]0;pwned\u{7} rtl \u{202e}abc",
    )
    .unwrap();
    let app = app_on(Some(file.to_str().unwrap()), 80, 10);
    let text = screen_text(&draw(&app));
    assert!(
        text.contains("clear ␛[2J title ␛]0;pwned␇ rtl ⟨202E⟩abc"),
        "{text}"
    );
}

#[test]
fn tabs_expand_to_tab_stops() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tabs.txt");
    std::fs::write(&file, "a\tb\tcc\td\n\nx").unwrap();
    let app = app_on(Some(file.to_str().unwrap()), 80, 10);
    let text = screen_text(&draw(&app));
    assert!(text.contains("a   b   cc  d"), "{text}");
}

/// Markdown's structure on screen: code lines intact, a row per table line, a paragraph
/// per list item, no markup characters.
#[test]
fn markdown_structure_on_screen() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app_on(Some("structure.md"), width, height);
        let top = screen_text(&draw(&app));
        press(&mut app, "G");
        let end = screen_text(&draw(&app));
        let screen = format!("{top}{end}");
        for line in [
            "pilcrow index --json treaty.md",
            "  | jq '.topics[0]'",
            "Article │ Subject",
            "4       │ Mutual defence",
            "• Mutual defence",
            "◦ in case of an armed attack",
            "1. Signed in Pyongyang",
        ] {
            assert!(
                screen.contains(line),
                "{width}x{height}: no {line:?} in\n{screen}"
            );
        }
        for markup in ["**", "](", "```", "|---", "- Mutual", "`Escape`"] {
            assert!(
                !screen.contains(markup),
                "{width}x{height}: {markup:?} shows in\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("structure_{width}x{height}"), top);
        insta::assert_snapshot!(format!("structure_end_{width}x{height}"), end);
    }
}
