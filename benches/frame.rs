//! The cost of one 120×40 frame at the top, middle and end of the bundled commentary, of the
//! real book in `../shared/corpus` as Project Gutenberg distributes it (CRLF, hard-wrapped)
//! repeated, and of a generated text (both 100 MB, or `PILCROW_BENCH_BYTES`, e.g. 1000000000
//! for 1 GB), with a topic selected (highlights and the strip included).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pilcrow::app::App;
use pilcrow::app::action::Action;
use pilcrow::app::background::Jobs;
use pilcrow::core::bundled;
use pilcrow::core::catalogue::Catalogue;
use pilcrow::core::document::{Document, Format, Source};
use pilcrow::core::open::Opened;
use pilcrow::core::synth;
use pilcrow::ui::Screen;
use pilcrow::ui::palette::Palette;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The book's most named person, as a catalogue names him.
const BOOK_CATALOGUE: &str = "[[actor]]\nid = \"swann\"\nlabel = \"Swann\"\nkind = \"person\"\naliases = [\"Swann\", \"Charles Swann\"]\n";

/// `../shared/corpus/swanns-way.txt` repeated to at least `bytes`, decoded as a file is.
fn real_book(bytes: usize) -> Document {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/swanns-way.txt");
    let once = std::fs::read(&path).expect("the book in ../shared/corpus");
    Document::from_bytes(
        once.repeat(bytes.div_ceil(once.len())),
        Source::Bundled,
        Format::Plain,
        false,
    )
    .expect("the book decodes")
}

/// A reader at 120×40 with the topic `id` selected: among the most mentioned, so among the
/// most highlights and strip marks to draw (Russia in the commentary, Swann in the book).
fn reader_on(document: Document, catalogue: Catalogue, id: &str) -> App {
    let opened = Opened {
        document,
        catalogue,
        title: "bench".into(),
        notes: Vec::new(),
        discover: false,
        rest: None,
        catalogue_path: None,
    };
    let (mut app, effects) = App::new(opened);
    let mut jobs = Jobs::new(None);
    jobs.run(effects);
    jobs.run(app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    }));
    jobs.settle(&mut app);
    // Chosen as a user does: f, its label, Enter, then Tab back to the text.
    let label = app
        .topics()
        .iter()
        .find(|t| t.id == id)
        .map(|t| t.label.to_lowercase());
    let typed: Vec<Action> = label
        .expect("the topic is in the catalogue")
        .chars()
        .map(Action::Type)
        .collect();
    let keys = std::iter::once(Action::OpenFilter)
        .chain(typed)
        .chain([Action::Submit, Action::ToggleFocus]);
    for action in keys {
        jobs.run(app.update(action));
    }
    let selected = app.selection().map(|s| app.topic(s.topic).id.as_str());
    assert_eq!(selected, Some(id));
    app
}

/// Moves the reader to the top, the middle (a click on the strip) or the end.
fn go(app: &mut App, place: &str) {
    let strip = app.layout().strip;
    let action = match place {
        "top" => Action::GoToTop,
        "middle" => Action::Click {
            column: strip.x,
            row: strip.y + strip.height / 2,
        },
        _ => Action::GoToBottom,
    };
    // Moves ask nothing of the world outside.
    let _ = app.update(action);
}

/// One frame of the whole screen.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App, palette: &Palette) {
    terminal
        .draw(|frame| {
            let screen = Screen {
                app: black_box(app),
                palette,
            };
            frame.render_widget(screen, frame.area());
        })
        .expect("draw");
}

fn frame_benches(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let palette = Palette::colored();
    let mut group = c.benchmark_group("frame");
    let big_bytes: usize = std::env::var("PILCROW_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000_000);
    let commentary = || bundled::catalogue().expect("bundled catalogue parses");
    let book = Catalogue::parse(BOOK_CATALOGUE, "book.topics.toml").expect("book catalogue");
    let documents = [
        (
            "commentary".to_string(),
            bundled::document(),
            commentary(),
            "russia",
        ),
        (
            format!("book_{}MB", big_bytes / 1_000_000),
            real_book(big_bytes),
            book,
            "swann",
        ),
        (
            format!("generated_{}MB", big_bytes / 1_000_000),
            Document::from_str(&synth::prose(big_bytes, 1), Source::Bundled, Format::Plain),
            commentary(),
            "russia",
        ),
    ];
    for (name, document, catalogue, id) in documents {
        let mut app = reader_on(document, catalogue, id);
        for place in ["top", "middle", "end"] {
            go(&mut app, place);
            group.bench_function(format!("{name}/draw_{place}"), |b| {
                b.iter(|| {
                    draw(&mut terminal, &app, &palette);
                });
            });
        }
        // A keypress and its frame: the next mention, which may move the view.
        go(&mut app, "middle");
        group.bench_function(format!("{name}/next_mention_and_draw"), |b| {
            b.iter(|| {
                app.update(Action::NextMention);
                draw(&mut terminal, &app, &palette);
            });
        });
        group.bench_function(format!("{name}/end_and_draw"), |b| {
            b.iter(|| {
                app.update(Action::GoToBottom);
                app.update(Action::GoToTop);
                draw(&mut terminal, &app, &palette);
            });
        });
        // The list of every mention in context, opened on the current mention, drawn, and
        // closed again.
        eprintln!(
            "{name}: the list holds {} mentions of {id}",
            app.index()
                .get(app.selection().expect("a topic is selected").topic)
                .mentions
                .len()
        );
        group.bench_function(format!("{name}/mentions_list_open_and_draw"), |b| {
            b.iter(|| {
                app.update(Action::ToggleMentions);
                assert!(app.mode().mentions_list().is_some(), "the list opens");
                draw(&mut terminal, &app, &palette);
                app.update(Action::ToggleMentions);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frame_benches);
criterion_main!(benches);
