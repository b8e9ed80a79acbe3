//! Property tests: random documents, random actions and resizes (0×0 to 400×200) never panic,
//! keep the position inside the document and the selection valid.

use pilcrow::app::App;
use pilcrow::app::action::Action;
use pilcrow::app::background::Jobs;
use pilcrow::core::catalogue::Catalogue;
use pilcrow::core::document::{Document, Format, Source};
use pilcrow::core::index;
use pilcrow::core::open::Opened;
use pilcrow::ui::Screen;
use pilcrow::ui::palette::Palette;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use strum::IntoEnumIterator;

const CATALOGUE: &str = r#"
[[actor]]
id = "russia"
label = "Russia"
metonyms = ["Moscow"]
[[actor]]
id = "korea"
label = "한국"
aliases = ["Seoul"]
[[theme]]
id = "war"
label = "War"
terms = ["war"]
"#;

/// Documents of the shapes that break readers.
fn documents() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Moscow".to_string()),
        Just("Seoul".to_string()),
        Just("war".to_string()),
        Just("한국어".to_string()),
        Just("🙂".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{202e}".to_string()),
        "[a-z]{1,12}",
    ];
    let paragraph = prop::collection::vec(word, 0..40).prop_map(|words| words.join(" "));
    prop_oneof![
        Just(String::new()),
        Just("   \n\n \t ".to_string()),
        "[a-z]{1,3000}",
        prop::collection::vec(paragraph.clone(), 1..30).prop_map(|ps| ps.join("\n\n")),
        prop::collection::vec(paragraph, 1..200).prop_map(|ps| ps.join("\n")),
        prop::collection::vec("[a-z]{1,5}", 1..500).prop_map(|ps| ps.join("\n\n")),
    ]
}

/// Every key-bound action (quitting and suspending only ask the run loop, so they are
/// as safe as any).
fn bound_actions() -> impl Strategy<Value = Action> {
    let all: Vec<Action> = Action::iter().filter(|a| a.is_bindable()).collect();
    prop::sample::select(all)
}

fn actions() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => bound_actions(),
        1 => prop_oneof![Just('w'), Just('a'), Just('M'), Just('한'), Just(' ')].prop_map(Action::Type),
        1 => (0u16..400, 0u16..200).prop_map(|(column, row)| Action::Click { column, row }),
        1 => (0u16..400, 0u16..200, -6i32..6).prop_map(|(column, row, lines)| Action::Wheel {
            column,
            row,
            lines
        }),
        1 => (0u16..=400, 0u16..=200).prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

fn app_on(text: &str) -> App {
    let opened = Opened {
        document: Document::from_str(text, Source::Bundled, Format::Plain),
        catalogue: Catalogue::parse(CATALOGUE, "t.toml").unwrap(),
        title: "t".into(),
        notes: Vec::new(),
        discover: false,
        rest: None,
        catalogue_path: None,
    };
    let (mut app, effects) = App::new(opened);
    let mut jobs = Jobs::new(None);
    jobs.run(effects);
    jobs.settle(&mut app);
    app
}

fn check_invariants(app: &App) {
    let document = app.document();
    let top = app.viewport().top();
    if document.paragraph_count() == 0 {
        assert_eq!(top.paragraph.index(), 0);
    } else {
        let p = document.paragraph(top.paragraph);
        assert!(
            p.start <= top.offset && top.offset <= p.end,
            "{top:?} outside {p:?}"
        );
        assert!(document.text().is_char_boundary(top.offset));
    }
    if let Some(selection) = app.selection() {
        assert!(selection.topic.index() < app.topics().len());
        if let Some(current) = selection.current {
            assert!(current < app.index().get(selection.topic).mentions.len());
        }
    }
    if let Some(search) = app.search() {
        assert!(search.current.is_none_or(|c| c < search.hits.len()));
    }
    if let Some(cursor) = app.panel().cursor() {
        assert!(app.panel().visible().contains(&cursor));
    }
    assert!(app.viewport().rows().len() <= app.layout().text.height as usize);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_and_resizes_never_break_the_reader(
        text in documents(),
        size in (0u16..=400, 0u16..=200),
        script in prop::collection::vec(actions(), 1..40),
    ) {
        let mut app = app_on(&text);
        app.update(Action::Resize { width: size.0, height: size.1 });
        let last = script.len() - 1;
        for (i, action) in script.into_iter().enumerate() {
            app.update(action);
            check_invariants(&app);
            // Drawing large screens is slow in debug builds: every eighth step and the last.
            if i % 8 == 0 || i == last {
                let (width, height) = app.size();
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                let screen = Screen { app: &app, palette: &Palette::colored() };
                terminal.draw(|frame| frame.render_widget(screen, frame.area())).unwrap();
            }
        }
    }
}

/// Text built to trip name finding: capitals, brackets, hyphens, apostrophes, initials,
/// acronyms, Arabic articles, events, odd spaces and scripts.
fn name_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Kim".to_string()),
        Just("Jong-un".to_string()),
        Just("al-Asad".to_string()),
        Just("bin".to_string()),
        Just("of the".to_string()),
        Just("(STC)".to_string()),
        Just("(also known as \"X\")".to_string()),
        Just("U.S.".to_string()),
        Just("J.".to_string()),
        Just("War".to_string()),
        Just("Treaty".to_string()),
        Just("North".to_string()),
        Just("Yemen".to_string()),
        Just("Syrian".to_string()),
        Just("Council".to_string()),
        Just("People’s".to_string()),
        Just("Workers'".to_string()),
        Just("Pyŏngyang".to_string()),
        Just("G20".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("—".to_string()),
        Just("\u{00ad}".to_string()),
        Just("한국".to_string()),
        "[A-Z][a-z]{0,8}",
        "[A-Z]{1,6}",
        "[a-z]{1,9}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn discovery_never_panics_and_its_catalogue_reads_back(text in name_soup()) {
        use pilcrow::core::catalogue::{Metadata, to_toml};
        use pilcrow::core::discover::discover;
        let document = Document::from_str(&text, Source::Bundled, Format::Markdown);
        let topics = discover(&document, &[]);
        for topic in &topics {
            prop_assert!(!topic.label.trim().is_empty());
            prop_assert!(!topic.patterns.is_empty());
        }
        let found = index::build(&document, &topics);
        for (topic, (_, mentions)) in topics.iter().zip(found.iter()) {
            for mention in &mentions.mentions {
                prop_assert!(document.text().get(mention.start..mention.end()).is_some(), "{}", topic.label);
            }
        }
        let written = to_toml("", &Metadata::default(), &topics);
        let read = Catalogue::parse(&written, "emitted.toml");
        prop_assert!(read.is_ok(), "{:?}\n{}", read.err(), written);
        prop_assert_eq!(read.unwrap().topics.len(), topics.len());
    }
}
