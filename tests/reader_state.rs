//! The reader's behaviour without a terminal: keys in, state out.

mod common;

use common::{
    app_on, current_mention_paragraph, draw, paragraph, press, screen_text, selected_id,
    selected_label, top_paragraph,
};
use pilcrow::app::action::Action;
use pilcrow::app::effect::Effect;
use pilcrow::app::mode::{Focus, Mode};
use pilcrow::app::viewport::ScreenRow;

/// At 100×12 the pane shows 10 rows, shorter than ¶4 and ¶5 together, so each jump moves.
const W: u16 = 100;
const H: u16 = 12;

#[test]
fn kim_jong_un_mentions_in_order_and_back() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f kim <Space> jong-un <Enter>");
    assert_eq!(selected_label(&app), Some("Kim Jong-un"));
    assert_eq!(top_paragraph(&app), 4);
    assert_eq!(current_mention_paragraph(&app), Some(4));
    press(&mut app, "n");
    assert_eq!(
        (current_mention_paragraph(&app), top_paragraph(&app)),
        (Some(6), 6)
    );
    press(&mut app, "n");
    assert_eq!(
        (current_mention_paragraph(&app), top_paragraph(&app)),
        (Some(8), 8)
    );
    press(&mut app, "n");
    assert_eq!(
        (current_mention_paragraph(&app), top_paragraph(&app)),
        (Some(4), 4)
    );
    assert!(app.message().unwrap().contains("wrapped to the first"));
    press(&mut app, "<C-o>");
    assert_eq!(top_paragraph(&app), 1, "back to before the first jump");
    press(&mut app, "<C-i>");
    assert_eq!(top_paragraph(&app), 4);
}

#[test]
fn a_theme_steps_through_its_paragraphs() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f sanctions <Enter>");
    assert_eq!(selected_id(&app), Some("sanctions"));
    let mut seen = vec![top_paragraph(&app)];
    for _ in 0..4 {
        press(&mut app, "n");
        seen.push(current_mention_paragraph(&app).unwrap());
    }
    assert_eq!(seen, [4, 5, 7, 9, 4]);
    press(&mut app, "N");
    assert_eq!(current_mention_paragraph(&app), Some(9));
    assert!(app.message().unwrap().contains("wrapped to the last"));
    press(&mut app, "<C-o>");
    assert_eq!(top_paragraph(&app), 1);
}

#[test]
fn search_steps_through_hits_then_gives_n_back_to_the_topic() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f putin <Enter> / treaty <Enter>");
    let search = app.search().expect("search is active");
    let paragraphs: Vec<usize> = search.hits.iter().map(|h| h.paragraph.number()).collect();
    assert_eq!(paragraphs, [6, 6, 6, 7]);
    assert_eq!(search.current, Some(0));
    assert_eq!(top_paragraph(&app), 6);
    press(&mut app, "n n n");
    assert_eq!(app.search().unwrap().current, Some(3));
    assert_eq!(top_paragraph(&app), 7);
    press(&mut app, "n");
    assert_eq!(app.search().unwrap().current, Some(0));
    assert!(app.message().unwrap().contains("wrapped"));
    press(&mut app, "<C-o>");
    assert_eq!(top_paragraph(&app), 3, "back to Putin's first mention");
    press(&mut app, "<Esc>");
    assert!(app.search().is_none());
    press(&mut app, "n");
    assert_eq!(selected_id(&app), Some("putin"));
    assert_eq!(app.selection().unwrap().current, Some(1));
}

#[test]
fn search_is_smart_case_and_finds_phrases_wrapped_on_screen() {
    let mut app = app_on(None, 40, 20);
    press(&mut app, "/ mutual <Space> defence <Space> treaty <Enter>");
    assert_eq!(app.search().unwrap().hits.len(), 1);
    press(&mut app, "<Esc> / Treaty <Enter>");
    assert!(app.search().is_none());
    assert!(app.message().unwrap().starts_with("not found"));
}

#[test]
fn scrolling_keys_and_bounds() {
    let mut app = app_on(None, W, H);
    press(&mut app, "j j j j");
    assert_eq!(
        top_paragraph(&app),
        3,
        "¶1, gap, ¶2, gap: the fifth row is ¶3"
    );
    press(&mut app, "k k k k k k");
    assert_eq!(app.viewport().top().offset, 0);
    press(&mut app, "G");
    let last = app.document().last_paragraph().unwrap();
    let ends_with_last = |app: &pilcrow::app::App| matches!(app.viewport().rows().last(), Some(ScreenRow::Text { paragraph, .. }) if *paragraph == last);
    assert!(ends_with_last(&app));
    assert_eq!(app.percent(), 100);
    press(&mut app, "<Space>");
    assert!(ends_with_last(&app));
    press(&mut app, "g");
    assert_eq!(app.viewport().top().offset, 0);
    press(&mut app, "<PgDn> b");
    assert_eq!(app.viewport().top().offset, 0);
    press(&mut app, "d");
    assert_eq!(app.viewport().rows().len(), 10);
    assert!(app.viewport().top().offset > 0);
    press(&mut app, "u");
    assert_eq!(app.viewport().top().offset, 0);
}

#[test]
fn resizing_keeps_the_same_text_at_the_top() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f putin <Enter> n n");
    let offset = app.viewport().top().offset;
    for (width, height) in [(60, 20), (150, 50), (30, 8), (W, H)] {
        app.update(Action::Resize { width, height });
        let ScreenRow::Text { start, end, .. } = app.viewport().rows()[0] else {
            panic!("top row is text");
        };
        assert!(start <= offset && offset < end, "{width}x{height}");
    }
}

#[test]
fn panel_focus_cursor_and_topic_steps() {
    let mut app = app_on(None, W, H);
    let selected = |app: &pilcrow::app::App| app.selection().map(|s| s.topic);
    press(&mut app, "<Tab>");
    assert_eq!(app.mode(), &Mode::Reading(Focus::Panel));
    press(&mut app, "j j <Enter>");
    let order = app.panel().visible().to_vec();
    assert_eq!(selected(&app), Some(order[2]));
    press(&mut app, "]");
    assert_eq!(selected(&app), Some(order[3]));
    press(&mut app, "[ [");
    assert_eq!(selected(&app), Some(order[1]));
    press(&mut app, "<Tab> j");
    assert_eq!(app.mode().focus(), Focus::Text);
}

#[test]
fn narrow_screens_show_the_panel_on_demand() {
    let mut app = app_on(None, 80, 24);
    assert_eq!(app.layout().panel.width, 0);
    press(&mut app, "t");
    assert!(app.layout().panel_overlays);
    press(&mut app, "<Enter>");
    assert!(app.selection().is_some());
    assert_eq!(app.layout().panel.width, 0, "selecting hides the overlay");
    press(&mut app, "f nato <Enter>");
    assert_eq!(selected_id(&app), Some("nato"));
    assert_eq!(top_paragraph(&app), 9);
}

#[test]
fn filter_narrows_and_escape_clears() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f korea");
    let labels: Vec<&str> = app
        .panel()
        .visible()
        .iter()
        .map(|&t| app.topic(t).label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "North Korea",
            "South Korea",
            "Korean Peninsula",
            "Korea Center"
        ]
    );
    press(&mut app, "<Esc>");
    assert!(app.panel().filter().is_empty());
    assert_eq!(app.panel().visible().len(), app.topics().len());
}

#[test]
fn mouse_click_on_a_panel_entry_selects_it() {
    let mut app = app_on(None, W, 30);
    let panel = app.layout().panel;
    // Row 0 is the ACTORS heading, row 1 the first actor.
    app.update(Action::Click {
        column: panel.x + 3,
        row: panel.y + 1,
    });
    assert_eq!(
        app.selection().map(|s| s.topic),
        Some(app.panel().visible()[0])
    );
    let strip = app.layout().strip;
    app.update(Action::Click {
        column: strip.x,
        row: strip.bottom() - 1,
    });
    assert_eq!(app.percent(), 100);
    app.update(Action::Wheel {
        column: 5,
        row: 5,
        lines: -3,
    });
    assert!(app.percent() < 100);
}

#[test]
fn help_lists_every_binding_and_closes() {
    let mut app = app_on(None, W, 30);
    press(&mut app, "?");
    assert!(app.mode().help_scroll().is_some());
    let lines = pilcrow::ui::help::help_lines(&[]);
    for binding in pilcrow::app::keymap::KEYMAP.iter() {
        assert!(
            lines.iter().any(|(_, l)| l.contains(binding.help)),
            "{}",
            binding.help
        );
    }
    // Every mark the screen draws has its line in the legend.
    for mark in ["◦", "▸", "▍", "◆ ◇", "┃ │", "⟨202E⟩"] {
        assert!(
            lines.iter().any(|(_, l)| l.trim_start().starts_with(mark)),
            "{mark} is not explained"
        );
    }
    let quits = |effects: &[Effect]| effects.iter().any(|e| matches!(e, Effect::Quit));
    let effects = press(&mut app, "q");
    assert!(app.mode().help_scroll().is_none() && !quits(&effects));
    let effects = press(&mut app, "q");
    assert!(quits(&effects));
}

#[test]
fn tiny_and_zero_sizes_do_not_panic() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f putin <Enter>");
    for (width, height) in [(0, 0), (1, 1), (19, 5), (20, 6), (3, 100), (400, 2)] {
        app.update(Action::Resize { width, height });
        press(&mut app, "n N j k G g <Space> b d u ] [ <Tab> t < >");
        let _ = draw(&app);
    }
}

#[test]
fn a_mention_in_a_paragraph_taller_than_the_pane_brings_its_row_into_view() {
    // Ten text rows at 40 columns: ¶3 alone needs about twenty-five.
    let mut app = app_on(None, 40, 12);
    press(&mut app, "f north <Enter>");
    assert_eq!(selected_id(&app), Some("north-korea"));
    let third_start = app.document().paragraph(paragraph(3)).start;
    assert_eq!(
        app.viewport().top().offset,
        third_start,
        "¶3 from its start"
    );
    let third = app.index().get(app.selection().unwrap().topic).mentions[2];
    assert_eq!(third.paragraph, paragraph(3));
    assert!(
        !app.viewport().is_on_screen(third.start),
        "the third mention starts off screen"
    );
    press(&mut app, "n n");
    assert_eq!(top_paragraph(&app), 3);
    assert!(app.viewport().is_on_screen(third.start));
    assert!(app.viewport().top().offset > third_start);
}

#[test]
fn only_the_rows_on_screen_are_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    std::fs::write(&file, pilcrow::core::synth::prose(5_000_000, 3)).unwrap();
    let mut app = app_on(Some(file.to_str().unwrap()), 120, 40);
    assert!(app.document().paragraph_count() > 5_000);
    press(&mut app, "G g <Space> <Space> G");
    let wrapped = app.viewport().wrapped_paragraphs();
    assert!(wrapped < 100, "{wrapped} paragraphs wrapped");
}

#[test]
fn an_empty_document_survives_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.txt");
    std::fs::write(&file, "").unwrap();
    let mut app = app_on(Some(file.to_str().unwrap()), 80, 24);
    assert_eq!(app.message(), Some("the document is empty"));
    press(
        &mut app,
        "j G g / x <Enter> n ] [ <Tab> <Enter> f a <Enter> <C-o> <C-i> <Space> d u",
    );
    let _ = draw(&app);
}

#[test]
fn g_on_a_file_still_being_read_shows_its_end_read_ahead_and_g_returns() {
    g_on_a_file_still_being_read("\n");
}

#[test]
fn g_on_a_crlf_file_still_being_read_shows_its_end_read_ahead_and_g_returns() {
    g_on_a_file_still_being_read("\r\n");
}

fn g_on_a_file_still_being_read(line_end: &str) {
    use pilcrow::app::effect::Arrival;
    use pilcrow::core::document::Document;
    use pilcrow::core::open::{OpenRequest, Opened, PREVIEW_BYTES};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let mut text = String::new();
    for n in 0..40_000 {
        text.push_str("Paragraph ");
        text.push_str(&n.to_string());
        text.push_str(" of a long report.");
        text.push_str(line_end);
        text.push_str(line_end);
    }
    std::fs::write(&path, &text).unwrap();
    let request = OpenRequest {
        file: Some(path.clone()),
        no_catalogue: true,
        no_discover: true,
        preview: true,
        ..OpenRequest::default()
    };
    let opened = Opened::open(&request).unwrap();
    assert!(!opened.document.is_complete(), "only the start is read");
    let (mut app, effects) = pilcrow::app::App::new(opened);
    assert!(
        matches!(effects.as_slice(), [Effect::ReadRest { .. }]),
        "{effects:?}"
    );
    app.update(Action::Resize {
        width: 80,
        height: 12,
    });
    press(&mut app, "G");
    assert_eq!(
        app.document().base(),
        0,
        "no end on hand yet: the start stays"
    );
    assert!(app.message().unwrap().contains("once it is in"));
    // What the background read delivers first: the last paragraphs; the waiting G is served.
    let tail = Document::load_tail(&path, false, PREVIEW_BYTES)
        .unwrap()
        .unwrap();
    app.receive(Arrival::Tail(tail));
    assert!(app.document().base() > 0, "the end read ahead is shown");
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("Paragraph 39999 of a long report."),
        "{screen}"
    );
    assert!(screen.contains("¶?"), "numbers are not known yet: {screen}");
    assert!(!screen.contains("¶39999"), "{screen}");

    press(&mut app, "g");
    assert_eq!(app.document().base(), 0, "back to the start");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("Paragraph 0 of a long report."), "{screen}");
    press(&mut app, "G");
    assert!(app.document().base() > 0, "the end is kept for the next G");

    // The whole file: numbers known, the view stays at the end.
    press(&mut app, "k k");
    let top = app.viewport().top();
    let top_text = app.document().text()[top.offset..top.offset + 20].to_string();
    app.receive(Arrival::Whole(Ok(Document::load(&path, false).unwrap())));
    assert!(app.whole_document().is_some());
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("40000 ¶") && !screen.contains("¶?"),
        "{screen}"
    );
    // The same text on top as before, in the whole text's offsets.
    let top = app.viewport().top();
    assert_eq!(
        &app.document().text()[top.offset..top.offset + 20],
        top_text
    );
}

#[test]
fn a_topic_chosen_before_its_mentions_are_found_is_gone_to_once_they_are() {
    use pilcrow::app::background::Jobs;
    use pilcrow::core::open::{OpenRequest, Opened};

    let (mut app, effects) = pilcrow::app::App::new(Opened::open(&OpenRequest::default()).unwrap());
    let mut jobs = Jobs::new(None);
    jobs.run(effects);
    app.update(Action::Resize {
        width: W,
        height: H,
    });
    // Nothing of the index is taken in yet.
    press(&mut app, "f kim <Space> jong-un <Enter>");
    assert_eq!(selected_label(&app), Some("Kim Jong-un"));
    assert_eq!(top_paragraph(&app), 1, "no mention known: the view stays");
    assert!(app.message().unwrap().starts_with("looking for"));
    jobs.settle(&mut app);
    assert_eq!(current_mention_paragraph(&app), Some(4));
    assert_eq!(top_paragraph(&app), 4);
    assert_eq!(app.selection().unwrap().pending, None);
}

#[test]
fn a_search_with_more_hits_than_are_kept_says_so_and_wraps_within_them() {
    use pilcrow::app::HitCount;
    use pilcrow::core::document::{Document, Format, Source};
    use pilcrow::core::search::MAX_HITS;
    // A short line per paragraph, two hits each: more hits than are kept, under the size
    // searched at once.
    let text = "e e\n\n".repeat(MAX_HITS / 2 + 10);
    let opened = pilcrow::core::open::Opened {
        document: Document::from_str(&text, Source::Bundled, Format::Plain),
        catalogue: pilcrow::core::catalogue::Catalogue::default(),
        title: "many".into(),
        notes: Vec::new(),
        discover: false,
        rest: None,
        catalogue_path: None,
    };
    let (mut app, _jobs) = common::reader(opened, W, H);
    press(&mut app, "/ e <Enter>");
    let search = app.search().expect("search is active");
    assert_eq!(search.hits.len(), MAX_HITS);
    assert_eq!(search.count, HitCount::Capped);
    let status = pilcrow::ui::status::StatusBar::position_text(&app);
    assert!(status.contains("hit 1/1,000,000+"), "{status}");
    press(&mut app, "N");
    assert_eq!(app.search().unwrap().current, Some(MAX_HITS - 1));
    assert!(
        app.message()
            .unwrap()
            .contains("only the first 1,000,000 hits are kept"),
        "{:?}",
        app.message()
    );
}

#[test]
fn a_saved_position_beyond_any_text_is_clamped_or_ignored() {
    use pilcrow::app::effect::Arrival;
    use pilcrow::core::resume::Saved;
    let mut app = app_on(None, W, H);
    let last = app.document().paragraph_count() - 1;
    // An offset that would overflow a paragraph's start lands at the paragraph's end.
    app.receive(Arrival::Recalled(Ok(Some(Saved {
        paragraph: last,
        offset_in_paragraph: usize::MAX,
        topic: None,
        mention: None,
        ..Saved::default()
    }))));
    assert_eq!(top_paragraph(&app), last + 1);
    // A paragraph the text does not have is no position at all.
    let mut app = app_on(None, W, H);
    app.receive(Arrival::Recalled(Ok(Some(Saved {
        paragraph: usize::MAX,
        offset_in_paragraph: usize::MAX,
        topic: Some("no-such-topic".into()),
        mention: None,
        ..Saved::default()
    }))));
    assert_eq!(top_paragraph(&app), 1);
}

#[test]
fn the_status_says_where_you_read_beside_the_current_mention() {
    let mut app = app_on(None, W, H);
    press(&mut app, "f putin <Enter>");
    let mention = current_mention_paragraph(&app).unwrap();
    press(&mut app, "G");
    let top = top_paragraph(&app);
    assert_ne!(top, mention, "the end of the text is away from the mention");
    let status = pilcrow::ui::status::StatusBar::position_text(&app);
    assert!(
        status.contains("mention 1/") && status.contains(&format!("· ¶{top} ·")),
        "{status} (top ¶{top}, mention ¶{mention})"
    );
}

#[test]
fn resume_brings_back_the_topic_and_its_current_mention_once_they_are_found() {
    use pilcrow::app::background::Jobs;
    use pilcrow::app::effect::Arrival;
    use pilcrow::core::open::{OpenRequest, Opened};
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(
        &plain,
        "Angela Merkel spoke in Berlin.\n\nThe talks went on.\n\n".repeat(8),
    )
    .unwrap();
    // A curated topic of the bundled text, and a topic only discovery finds.
    for (file, label, word) in [
        (None, "Vladimir Putin", "putin"),
        (Some(plain.clone()), "Angela Merkel", "merkel"),
    ] {
        let open = || {
            Opened::open(&OpenRequest {
                file: file.clone(),
                ..OpenRequest::default()
            })
            .unwrap()
        };
        let (mut app, _jobs) = common::reader(open(), W, H);
        press(&mut app, &format!("f {word} <Enter> n"));
        assert_eq!(selected_label(&app), Some(label));
        assert_eq!(app.selection().unwrap().current, Some(1), "{label}");
        let position = app.saved_position().unwrap();
        assert!(position.mention.is_some());
        // Recalled before the index is built, as a large text has it.
        let (mut app, effects) = pilcrow::app::App::new(open());
        let mut jobs = Jobs::new(None);
        jobs.run(effects);
        jobs.run(app.update(Action::Resize {
            width: W,
            height: H,
        }));
        app.receive(Arrival::Recalled(Ok(Some(position))));
        jobs.settle(&mut app);
        assert_eq!(selected_label(&app), Some(label), "selected again");
        assert_eq!(app.selection().unwrap().current, Some(1), "{label}");
        let status = pilcrow::ui::status::StatusBar::position_text(&app);
        assert!(status.contains("mention 2/"), "{status}");
        press(&mut app, "n");
        assert_eq!(
            app.selection().unwrap().current,
            Some(2),
            "n goes on from there"
        );
    }
}

#[test]
fn a_filter_stays_in_sight_when_the_panel_is_hidden() {
    // Narrow: the panel is an overlay, gone once a choice is made.
    let mut app = app_on(None, 80, 20);
    press(&mut app, "f korea <Enter>");
    assert_eq!(app.panel().filter(), "korea");
    let shown = common::screen_text(&common::draw(&app));
    if app.layout().panel.width == 0 {
        assert!(shown.contains("filter “korea” (Esc clears)"), "{shown}");
    } else {
        panic!("the panel should be hidden at 80 columns once the text has the focus:\n{shown}");
    }
    press(&mut app, "<Esc>");
    assert!(app.panel().filter().is_empty());
    let shown = common::screen_text(&common::draw(&app));
    assert!(!shown.contains("filter “"), "{shown}");
}

#[test]
fn tab_then_enter_chooses_the_panels_first_row() {
    let mut app = app_on(None, 120, 40);
    let first = app.panel().visible()[0];
    press(&mut app, "<Tab> <Enter>");
    assert_eq!(
        app.selection().map(|s| s.topic),
        Some(first),
        "{:?} chosen, {} is first",
        selected_label(&app),
        app.topic(first).label
    );
}

#[test]
fn less_keys_move_as_their_pilcrow_twins() {
    for (less, twin) in [
        ("<C-f>", "<Space>"),
        ("<C-b>", "b"),
        ("<C-d>", "d"),
        ("<C-u>", "u"),
        ("e", "j"),
        ("<C-e>", "j"),
        ("<C-n>", "j"),
        ("y", "k"),
        ("<C-y>", "k"),
        ("<C-p>", "k"),
    ] {
        let moved = |key: &str| {
            let mut app = app_on(None, W, H);
            // From the middle, so that both directions move.
            press(&mut app, "<Space> <Space> j");
            let before = app.viewport().top();
            press(&mut app, key);
            let after = app.viewport().top();
            assert_ne!(before, after, "{key} moves");
            after
        };
        assert_eq!(moved(less), moved(twin), "{less} as {twin}");
    }
}

#[test]
fn counts_go_to_a_paragraph_a_percentage_or_move_n_lines_as_in_less() {
    let tall = 60;
    let mut app = app_on(None, W, tall);
    let paragraphs = app.document().paragraph_count();
    press(&mut app, "7 g");
    assert_eq!(top_paragraph(&app), 7);
    press(&mut app, "3 G");
    assert_eq!(top_paragraph(&app), 3);
    press(&mut app, "1 2 g");
    assert!(top_paragraph(&app) <= paragraphs);
    assert!(
        app.message()
            .unwrap()
            .contains(&format!("has {paragraphs} paragraphs"))
    );
    press(&mut app, "0 %");
    assert_eq!(top_paragraph(&app), 1);
    // Half way by bytes: the paragraph that holds the middle of the text.
    press(&mut app, "5 0 p");
    let middle = app.document().text().len() / 2;
    let holding = app.document().paragraph_at(middle).unwrap().number();
    assert_eq!(top_paragraph(&app), holding);
    // A count before j moves as many lines as that many j.
    let lines = |script: &str| {
        let mut app = app_on(None, W, H);
        press(&mut app, script);
        app.viewport().top()
    };
    assert_eq!(lines("5 j"), lines("j j j j j"));
    assert_eq!(lines("5 j 2 k"), lines("j j j"));
    // The count is for the next key only.
    assert_eq!(lines("3 <Space> j"), lines("<Space> j"));
}

/// A long novel's panel opens at its top (ACTORS and the most-mentioned first), wherever the
/// reading is and however often the index has reordered it.
#[test]
fn the_panel_of_a_long_text_with_many_names_opens_at_its_top() {
    use std::fmt::Write as _;
    let syllables = ["ka", "lo", "mir", "ven", "sa", "tor", "bel", "dru"];
    let mut names = Vec::new();
    for a in syllables {
        for b in syllables {
            let mut name = format!("{a}{b}an");
            name[..1].make_ascii_uppercase();
            names.push(name);
        }
    }
    let mut text = String::new();
    for (n, name) in names.iter().enumerate() {
        for repeat in 0..=(n % 5) {
            writeln!(
                text,
                "In the morning {name} walked to the river with the others, and {name} said \
                 nothing for a while ({repeat}).\n"
            )
            .unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("novel.txt");
    std::fs::write(&file, &text).unwrap();
    for width in [80, 160] {
        let mut app = app_on(Some(file.to_str().unwrap()), width, 30);
        assert!(
            app.panel().visible().len() > 40,
            "{} topics",
            app.panel().visible().len()
        );
        press(&mut app, "G");
        press(&mut app, "<Tab>");
        assert_eq!(app.panel().scroll(), 0, "at {width} columns");
        assert_eq!(app.panel().cursor(), Some(app.panel().visible()[0]));
        let shown = screen_text(&draw(&app));
        assert!(shown.contains("ACTORS"), "{shown}");
        press(&mut app, "<Enter>");
        assert_eq!(
            app.selection().map(|s| s.topic),
            Some(app.panel().visible()[0])
        );
    }
}

/// A label the panel has to cut is shown whole below the list while the cursor is on it.
#[test]
fn a_cut_label_under_the_cursor_is_shown_whole_below_the_panel() {
    let long = "Science, space and atomic cooperation";
    for (width, height) in [(60, 20), (40, 12)] {
        let mut app = app_on(None, width, height);
        press(&mut app, "f science <Enter> <Tab>");
        assert_eq!(
            app.panel().cursor().map(|t| app.topic(t).label.as_str()),
            Some(long)
        );
        let tooltip = app.panel_tooltip().expect("a tooltip for a cut label");
        assert_eq!(tooltip.join(" "), long);
        let panel = app.layout().panel;
        let buffer = draw(&app);
        let rows: Vec<String> = (panel.y..panel.bottom())
            .map(|y| {
                (panel.x..panel.right())
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        let entry = rows
            .iter()
            .find(|r| r.contains('▸'))
            .expect("the entry's row");
        assert!(entry.contains('…'), "cut in its row at {width}: {entry}");
        let below = rows.join("\n");
        for word in long.split(' ') {
            assert!(below.contains(word), "{word} at {width}:\n{below}");
        }
        // With the focus back on the text, the panel rows are all the list's again.
        press(&mut app, "<Tab>");
        assert_eq!(app.mode().focus(), Focus::Text);
        assert!(app.panel_tooltip().is_none());
    }
}

/// Numbered articles that each start a line are paragraphs of their own, in Korean as in
/// English, and search finds text in them.
#[test]
fn numbered_articles_on_their_own_lines_are_paragraphs() {
    let text = "조약\n\n제1조 양측은 평화를 유지한다.\n제2조 양측은 협력한다.\n제3조 이 조약은 \
                서명한 날부터 효력이 생긴다.\n\nThe parties agree:\n1. to talk;\n2. to trade.\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("treaty.txt");
    std::fs::write(&file, text).unwrap();
    let mut app = app_on(Some(file.to_str().unwrap()), 80, 24);
    let paragraphs: Vec<&str> = (0..app.document().paragraph_count())
        .map(|i| {
            app.document()
                .paragraph_text(pilcrow::core::ids::ParagraphId::new(i))
        })
        .collect();
    assert_eq!(paragraphs.len(), 7, "{paragraphs:#?}");
    assert!(paragraphs[3].starts_with("제3조"), "{paragraphs:#?}");
    press(&mut app, "/ 효력 <Enter>");
    let search = app.search().expect("a search");
    assert_eq!(search.hits.len(), 1);
    assert_eq!(search.hits[0].paragraph.index(), 3);
}
