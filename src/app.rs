//! What a user can do with an open document: the reader's state in small owned parts,
//! `update` for actions and `receive` for what background work delivers. No I/O here; the
//! effects both return are carried out by the run loop and the background module.

pub mod action;
pub mod annotate;
pub mod background;
pub mod codebook;
pub mod effect;
pub mod history;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod listing;
pub mod marks;
pub mod mode;
pub mod notes;
pub mod pairing;
pub mod panel;
pub mod reading;
pub mod update;
pub mod viewport;

use std::sync::Arc;

use crate::core::catalogue::{Metadata, Origin, Topic};
use crate::core::document::{Document, Part, Position};
use crate::core::ids::{ParagraphId, TopicId};
use crate::core::index::{Index, Mention};
use crate::core::open::Opened;
use crate::core::resume::{Saved, SavedNote, SavedPlace};
use crate::core::search::Hit;
use action::Step;
use effect::{Arrival, Effect, IndexPhase, IndexProgress};
use history::Backstack;
use layout::ScreenLayout;
use marks::Marks;
use mode::Mode;
use notes::Notes;
use panel::Panel;
use reading::Reading;
use viewport::Viewport;

/// What to do once the selected topic's first mention is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingMention {
    /// Go to its first mention, as choosing it does.
    First,
    /// Step to its next or previous mention.
    Step(Step),
    /// Make current the mention that starts at this offset (a resumed position), else the
    /// first at or after the top of the screen.
    Resume(Option<usize>),
}

/// The selected topic, its current mention, and what waits for its mentions to be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub topic: TopicId,
    /// Index into the topic's mentions.
    pub current: Option<usize>,
    pub pending: Option<PendingMention>,
}

/// The most searches kept in the history.
pub const MAX_SEARCHES: usize = 200;

/// How the panel orders its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelOrder {
    /// By mentions, the catalogue's first.
    Mentions,
    /// By paragraphs shared with the selected topic.
    Shared,
}

/// Whether a search's hits are all known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitCount {
    /// A large text: only the current hit is known while the others are counted.
    Counting,
    Done,
    /// All are counted, but only the first `search::MAX_HITS` are kept.
    Capped,
}

impl HitCount {
    /// A finished count, `capped` if hits were left out.
    pub fn counted(capped: bool) -> HitCount {
        if capped {
            HitCount::Capped
        } else {
            HitCount::Done
        }
    }
}

/// A search: its query, its hits, and which one is current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
    pub count: HitCount,
}

/// Everything the reader knows; `update` and `receive` change it, the view only reads it.
#[derive(Debug)]
pub struct App {
    reading: Reading,
    topics: Vec<Topic>,
    index: Index,
    metadata: Metadata,
    title: String,
    /// Whether the index adds discovered topics to the catalogue's.
    discover: bool,
    /// The terminal's columns and rows.
    size: (u16, u16),
    layout: ScreenLayout,
    viewport: Viewport,
    panel: Panel,
    mode: Mode,
    selection: Option<Selection>,
    search: Option<Search>,
    history: Backstack,
    message: Option<String>,
    /// How far the index has got, while it is built.
    indexing: Option<IndexProgress>,
    mouse: bool,
    /// Effects gathered while an action or arrival is handled, handed out at its end.
    outbox: Vec<Effect>,
    /// A resumed topic (id, current mention's start) not among the topics until discovery
    /// delivers them.
    resumed_topic: Option<(String, Option<usize>)>,
    /// The count typed before a motion (`12` of `12g`), until the next key.
    count: Option<usize>,
    marks: Marks,
    notes: Notes,
    /// A second topic beside the selected one.
    pairing: Option<pairing::Pairing>,
    panel_order: PanelOrder,
    /// Names discovery leaves out (the catalogue's `[discovery] hide`).
    hidden: Vec<String>,
    /// The catalogue file edits go to, once there is one.
    catalogue_path: Option<std::path::PathBuf>,
    /// Keys the config file binds, over the built-in ones while reading.
    key_overrides: Vec<(keymap::Key, action::Action)>,
    /// Searches run, oldest first, this run's and earlier runs'.
    searches: Vec<String>,
    /// Which of `searches` ↑ and ↓ have put in the search prompt.
    recalled: Option<usize>,
    /// `&pattern` on a large text: list the hits once they are all counted.
    list_when_counted: bool,
    /// While the panel is ordered by shared paragraphs: each topic's count, by id.
    shared_counts: Vec<usize>,
}

impl App {
    /// The reader on an opened document, and what must be done to start it: read the rest
    /// of the file, or recall the saved position and build the index.
    pub fn new(opened: Opened) -> (App, Vec<Effect>) {
        let Opened {
            document,
            catalogue,
            title,
            notes,
            discover,
            rest,
            catalogue_path,
        } = opened;
        let message = if document.paragraph_count() == 0 {
            Some("the document is empty".to_string())
        } else {
            notes.into_iter().next_back()
        };
        // What the document says of itself fills what the catalogue leaves out.
        let mut metadata = catalogue.metadata;
        metadata.author = metadata
            .author
            .or_else(|| document.metadata().author.clone());
        metadata.date = metadata.date.or_else(|| document.metadata().date.clone());
        let index = Index::empty(catalogue.topics.len());
        let mut panel = Panel::default();
        panel.reorder(&catalogue.topics, &index);
        let mut app = App {
            reading: Reading::new(document),
            topics: catalogue.topics,
            index,
            metadata,
            title,
            discover,
            size: (0, 0),
            layout: ScreenLayout::default(),
            viewport: Viewport::default(),
            panel,
            mode: Mode::default(),
            selection: None,
            search: None,
            history: Backstack::default(),
            message,
            indexing: None,
            mouse: true,
            outbox: Vec::new(),
            resumed_topic: None,
            count: None,
            marks: Marks::default(),
            notes: Notes::default(),
            pairing: None,
            panel_order: PanelOrder::Mentions,
            hidden: catalogue.hidden,
            catalogue_path,
            key_overrides: Vec::new(),
            searches: Vec::new(),
            recalled: None,
            list_when_counted: false,
            shared_counts: Vec::new(),
        };
        let shown = Arc::clone(app.reading.shown());
        app.viewport.show(&shown, shown.start_position());
        match rest {
            Some(rest) if app.reading.is_reading() => app.outbox.push(Effect::ReadRest {
                path: rest.path,
                options: rest.options,
            }),
            _ => app.start_on_whole(),
        }
        let effects = std::mem::take(&mut app.outbox);
        (app, effects)
    }

    /// Takes in what background work delivered.
    pub fn receive(&mut self, arrival: Arrival) -> Vec<Effect> {
        match arrival {
            Arrival::Tail(tail) => {
                if self.reading.take_tail(tail) {
                    self.show_end_read_ahead();
                }
            }
            Arrival::Whole(Ok(whole)) => self.take_whole(whole),
            Arrival::Whole(Err(problem)) => {
                self.reading.stop();
                self.message = Some(format!("only the start is shown: {problem}"));
            }
            Arrival::Recalled(Ok(Some(saved))) => {
                self.restore_marks_and_notes(&saved);
                let untouched = self.viewport.top() == self.document().start_position()
                    && self.selection.is_none();
                if untouched {
                    self.resume(&saved);
                }
            }
            Arrival::Recalled(Ok(None)) => {}
            Arrival::Recalled(Err(problem)) => {
                self.message = Some(format!("saved position ignored: {problem}"));
            }
            Arrival::Progress(progress) => {
                if self.indexing.is_some() {
                    self.indexing = Some(progress);
                }
            }
            Arrival::Hits { query, hits } => self.take_hits(&query, hits),
            Arrival::CatalogueEdited(result) => self.take_edited(result),
            Arrival::NotesWritten(Ok(path)) => {
                self.message = Some(format!("notes written to {}", path.display()));
            }
            Arrival::NotesWritten(Err(problem)) => {
                self.message = Some(format!("notes not written: {problem}"));
            }
            Arrival::CountFailed(problem) => {
                // The hits found so far stay; the count is over.
                if let Some(search) = self.search.as_mut() {
                    search.count = HitCount::Done;
                }
                self.message = Some(problem);
            }
            Arrival::Topics(_)
            | Arrival::Mentions(_)
            | Arrival::Indexed(_)
            | Arrival::IndexFailed(_) => self.take_index_arrival(arrival),
        }
        self.refresh();
        std::mem::take(&mut self.outbox)
    }

    /// The whole text is on hand: recall where the reader was, and index it.
    fn start_on_whole(&mut self) {
        let Some(document) = self.reading.whole().cloned() else {
            return;
        };
        self.outbox.push(Effect::Recall {
            document: Arc::clone(&document),
        });
        self.reindex(document);
    }

    /// Indexes `document` again from the catalogue's topics, discovering the rest anew.
    fn reindex(&mut self, document: Arc<Document>) {
        // Discovery starts again from the catalogue's topics, which come first.
        self.topics.retain(|t| t.origin == Origin::Catalogue);
        let count = self.topics.len();
        if let Some(selection) = &mut self.selection {
            selection.current = None;
            if selection.topic.index() >= count {
                self.selection = None;
            }
        }
        self.index = Index::empty(count);
        self.reorder_panel();
        self.indexing = Some(IndexProgress {
            fraction: 0.0,
            phase: if self.discover {
                IndexPhase::FindingTopics
            } else {
                IndexPhase::Counting {
                    megabytes_per_second: 0.0,
                }
            },
        });
        self.outbox.push(Effect::Index {
            document,
            topics: self.topics.clone(),
            discover: self.discover,
            hidden: self.hidden.clone(),
        });
    }

    /// Replaces the start (or end) shown with the whole file, keeping the same text on top.
    fn take_whole(&mut self, whole: Document) {
        // At the end read ahead, the reader stays at the end: the wider ¶ numbers of the
        // whole text can push its last rows below the screen.
        let at_end = self.document().base() > 0 && self.percent() == 100;
        let warning = whole.warnings().last().cloned();
        let (before, end_wanted) = self.reading.take_whole(whole);
        let document = Arc::clone(self.reading.shown());
        // The end read ahead is the very end of the whole text: its offsets count from
        // where it starts there.
        let base = match before.part() {
            Part::Tail { .. } => document.text().len().saturating_sub(before.text().len()),
            Part::Whole | Part::Head => 0,
        };
        let remap = |position: Position| {
            let mut offset = (position.offset + base).min(document.text().len());
            while !document.text().is_char_boundary(offset) {
                offset -= 1;
            }
            Position {
                paragraph: document.paragraph_at(offset).unwrap_or_default(),
                offset,
            }
        };
        let top = remap(self.viewport.top());
        self.history.remap(remap);
        self.marks.remap(remap);
        if let Some(warning) = warning {
            self.message = Some(warning);
        }
        self.viewport.show(&document, top);
        if self.search.take().is_some() {
            self.outbox.push(Effect::StopCounting);
            self.message = Some("the whole file is read: search again for every hit".into());
        }
        self.start_on_whole();
        self.refresh();
        if end_wanted || at_end {
            self.go_to_end();
        }
    }

    /// An index event: the discovered topics, a batch of mentions, the finished index, or
    /// its failure. Keeps the current mention and serves a choice that waited for it.
    fn take_index_arrival(&mut self, arrival: Arrival) {
        let current_start = self.current_mention().map(|m| m.start);
        match arrival {
            Arrival::Topics(topics) => {
                self.index.resize(topics.len());
                self.topics = topics;
                // A resumed topic that discovery finds is only known now.
                if let Some((id, mention)) = self.resumed_topic.take() {
                    self.select_resumed(&id, mention);
                }
            }
            Arrival::Mentions(batch) => self.index.merge_batch(batch),
            Arrival::Indexed(shorts) => {
                self.index.merge_spread(shorts);
                self.indexing = None;
            }
            Arrival::IndexFailed(problem) => {
                self.indexing = None;
                self.message = Some(problem);
            }
            _ => return,
        }
        self.reorder_panel();
        let Some(selection) = self.selection.clone() else {
            return;
        };
        let mentions = &self.index.get(selection.topic).mentions;
        if let Some(start) = current_start
            && let Some(selected) = &mut self.selection
        {
            selected.current = mentions.iter().position(|m| m.start == start);
        }
        if let Some(pending) = selection.pending
            && (!mentions.is_empty() || self.indexing.is_none())
        {
            match pending {
                PendingMention::First => self.select_topic(selection.topic),
                PendingMention::Step(step) => self.step_mention(step),
                PendingMention::Resume(start) => self.resume_mention(start),
            }
        }
    }

    /// Takes in the counted hits of the active search, keeping the current hit.
    fn take_hits(&mut self, query: &str, mut hits: Vec<Hit>) {
        let capped = crate::core::search::cap(&mut hits);
        let Some(search) = self.search.as_mut().filter(|s| s.query == query) else {
            return;
        };
        let current = search
            .current
            .and_then(|i| search.hits.get(i))
            .map(|h| h.start);
        search.current = current.and_then(|start| hits.iter().position(|h| h.start == start));
        search.hits = hits;
        search.count = HitCount::counted(capped);
        if std::mem::take(&mut self.list_when_counted) && matches!(self.mode, Mode::Reading(_)) {
            self.toggle_list();
        }
    }

    /// Where the reader is, to remember for next time.
    pub fn saved_position(&self) -> Option<Saved> {
        let top = self.viewport.top();
        let paragraph = self.document().paragraphs().get(top.paragraph.index())?;
        Some(Saved {
            paragraph: top.paragraph.index(),
            offset_in_paragraph: top.offset.saturating_sub(paragraph.start),
            topic: self
                .selection
                .as_ref()
                .map(|s| self.topic(s.topic).id.clone()),
            mention: self.current_mention().map(|m| m.start),
            marks: self
                .marks
                .iter()
                .filter_map(|(letter, place)| Some((letter.to_string(), self.saved_place(place)?)))
                .collect(),
            notes: self
                .notes
                .iter()
                .map(|(paragraph, text)| SavedNote {
                    paragraph: paragraph.index(),
                    text: text.to_string(),
                })
                .collect(),
        })
    }

    fn saved_place(&self, place: Position) -> Option<SavedPlace> {
        let paragraph = self.document().paragraphs().get(place.paragraph.index())?;
        Some(SavedPlace {
            paragraph: place.paragraph.index(),
            offset_in_paragraph: place.offset.saturating_sub(paragraph.start),
        })
    }

    /// The place a saved one names in this text, `None` if it no longer fits.
    fn place_of(&self, saved: &SavedPlace) -> Option<Position> {
        let document = self.document();
        let paragraph = document.paragraphs().get(saved.paragraph)?;
        let mut offset = paragraph
            .start
            .saturating_add(saved.offset_in_paragraph)
            .min(paragraph.end);
        while !document.text().is_char_boundary(offset) {
            offset -= 1;
        }
        Some(Position {
            paragraph: ParagraphId::new(saved.paragraph),
            offset,
        })
    }

    /// Marks and notes come back with the text, whether or not the position does; any that
    /// no longer fit it are left out.
    fn restore_marks_and_notes(&mut self, saved: &Saved) {
        for (letter, place) in &saved.marks {
            let mut letters = letter.chars();
            if let (Some(letter), None) = (letters.next(), letters.next())
                && Marks::can_name(letter)
                && let Some(position) = self.place_of(place)
            {
                self.marks.set(letter, position);
            }
        }
        let paragraphs = self.document().paragraph_count();
        for note in &saved.notes {
            if note.paragraph < paragraphs {
                self.notes.set(ParagraphId::new(note.paragraph), &note.text);
            }
        }
    }

    /// Goes back to a remembered position; one that no longer fits the document is ignored.
    fn resume(&mut self, saved: &Saved) {
        let document = Arc::clone(self.document());
        let Some(top) = self.place_of(&SavedPlace {
            paragraph: saved.paragraph,
            offset_in_paragraph: saved.offset_in_paragraph,
        }) else {
            return;
        };
        self.viewport.set_top(&document, top);
        if let Some(id) = &saved.topic {
            if self.topics.iter().any(|t| &t.id == id) {
                self.select_resumed(id, saved.mention);
            } else if self.indexing.is_some() {
                self.resumed_topic = Some((id.clone(), saved.mention));
            }
        }
        self.message = Some(format!(
            "resumed at ¶{} where you left off (g for the top)",
            saved.paragraph + 1
        ));
    }

    /// Selects the resumed topic `id`; its current mention is set once its mentions are in.
    fn select_resumed(&mut self, id: &str, mention: Option<usize>) {
        let Some(at) = self.topics.iter().position(|t| t.id == id) else {
            return;
        };
        self.selection = Some(Selection {
            topic: TopicId::new(at),
            current: None,
            pending: Some(PendingMention::Resume(mention)),
        });
        if self.indexing.is_none() {
            self.resume_mention(mention);
        }
    }

    /// The resumed topic's current mention: the one saved, else the first from the top of the
    /// screen; the view stays where it was.
    fn resume_mention(&mut self, start: Option<usize>) {
        let top = self.viewport.top().offset;
        let still_indexing = self.indexing.is_some();
        let Some(selection) = &mut self.selection else {
            return;
        };
        let mentions = &self.index.get(selection.topic).mentions;
        let saved = start.and_then(|start| mentions.iter().position(|m| m.start == start));
        if saved.is_none() && still_indexing {
            // The saved mention, or the first from the top, may be in a batch still to come.
            return;
        }
        selection.current = saved
            .or_else(|| mentions.iter().position(|m| m.start >= top))
            .or_else(|| mentions.len().checked_sub(1));
        selection.pending = None;
    }

    // What the view reads.

    /// The text on screen.
    pub fn document(&self) -> &Arc<Document> {
        self.reading.shown()
    }

    /// The whole text, once it is read.
    pub fn whole_document(&self) -> Option<&Document> {
        self.reading.whole().map(AsRef::as_ref)
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: TopicId) -> &Topic {
        &self.topics[id.index()]
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn layout(&self) -> &ScreenLayout {
        &self.layout
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    /// The selected topic's current mention.
    pub fn current_mention(&self) -> Option<Mention> {
        let selection = self.selection.as_ref()?;
        let mentions = &self.index.get(selection.topic).mentions;
        mentions.get(selection.current?).copied()
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// How far the index has got, while it is built.
    pub fn indexing(&self) -> Option<IndexProgress> {
        self.indexing
    }

    pub fn key_overrides(&self) -> &[(keymap::Key, action::Action)] {
        &self.key_overrides
    }

    /// The settings of the config file: keys over the built-in ones, and the panel's width.
    pub fn configure(
        &mut self,
        keys: Vec<(keymap::Key, action::Action)>,
        panel_width: Option<u16>,
    ) {
        self.key_overrides = keys;
        if let Some(width) = panel_width {
            self.panel.choose_width(width);
        }
    }

    /// A note to show in the status line (a config file that could not be used).
    pub fn tell(&mut self, message: String) {
        self.message = Some(message);
    }

    pub fn searches(&self) -> &[String] {
        &self.searches
    }

    /// The searches of earlier runs, oldest first.
    pub fn set_searches(&mut self, searches: Vec<String>) {
        self.searches = searches;
        let over = self.searches.len().saturating_sub(MAX_SEARCHES);
        self.searches.drain(..over);
    }

    /// Why the panel is empty once the index is built: discovery reads English, and the
    /// text is in another script; or no topic was found.
    pub fn no_topics_note(&self) -> Option<String> {
        if !self.topics.is_empty() || self.indexing.is_some() {
            return None;
        }
        let sample_end = self.document().text().len().min(64 * 1024);
        let mut end = sample_end;
        while !self.document().text().is_char_boundary(end) {
            end -= 1;
        }
        Some(
            match crate::core::script::non_latin(&self.document().text()[..end]) {
                Some(script) => format!(
                    "Discovery reads English; this text is mostly {script}. Search (/) works in \
                 any script, and a catalogue (--topics) can name its actors and themes."
                ),
                None => "No actors or themes found. A catalogue (--topics) can name them; \
                     search (/) finds any words."
                    .to_string(),
            },
        )
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// How far through the document the bottom of the screen is, in percent.
    pub fn percent(&self) -> usize {
        let document = self.document();
        let total = document.text().len();
        if total == 0 {
            return 100;
        }
        let bottom = self.viewport.bottom_offset();
        let last_end = document.paragraphs().last().map_or(total, |p| p.end);
        if bottom >= last_end {
            return 100;
        }
        // The end of a file read ahead counts from the file's start.
        let base = document.base();
        (base + bottom) * 100 / (base + total)
    }

    /// "¶12", or "¶?" in the end of a file read ahead, whose numbers are not known yet.
    pub fn paragraph_label(&self, paragraph: ParagraphId) -> String {
        if self.document().base() > 0 {
            "¶?".to_string()
        } else {
            format!("¶{}", paragraph.number())
        }
    }

    /// Rows of the panel that list topics: less the filter row when there is one, and the
    /// progress row while the index is built.
    pub fn panel_list_height(&self) -> usize {
        let height = self.layout.panel.height as usize;
        let filter_row = usize::from(
            self.mode.prompt() == Some(mode::PromptKind::Filter) || !self.panel.filter().is_empty(),
        );
        height.saturating_sub(filter_row + self.panel_top_rows() + self.panel_tooltip_rows())
    }

    /// The full label of the entry under the panel's cursor, wrapped to the panel, when its
    /// row had to cut it (at most three rows; the last one cut if it still does not fit).
    pub fn panel_tooltip(&self) -> Option<Vec<String>> {
        use unicode_width::UnicodeWidthStr as _;
        const MOST_ROWS: usize = 3;
        if self.mode.focus() != mode::Focus::Panel || self.layout.panel.width == 0 {
            return None;
        }
        let topic = self.panel.cursor()?;
        let entry = self.topic(topic);
        let label = crate::core::sanitize::clean(&entry.label);
        // Less the panel's left border.
        let width = usize::from(self.layout.panel.width).saturating_sub(1);
        let (_, room) = panel::entry_columns(entry.group, self.panel_count(topic), width);
        if label.width() <= room {
            return None;
        }
        // One leading cell, as the rows above have.
        let wrapped = textwrap::wrap(&label, width.saturating_sub(1).max(1));
        let mut rows: Vec<String> = wrapped.iter().map(ToString::to_string).collect();
        if rows.len() > MOST_ROWS {
            rows.truncate(MOST_ROWS);
            rows[MOST_ROWS - 1].push_str(" …");
        }
        Some(rows)
    }

    /// Rows below the topic list that show the cut label under the cursor in full.
    pub fn panel_tooltip_rows(&self) -> usize {
        self.panel_tooltip().map_or(0, |rows| rows.len())
    }

    /// Rows above the topic list: one for the progress bar while indexing.
    pub fn panel_top_rows(&self) -> usize {
        usize::from(self.indexing.is_some())
    }
}
