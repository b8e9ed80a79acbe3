//! The reader's state: what is open, where the reader is, what is selected; and the run loop.

pub mod action;
pub mod background;
pub mod keymap;
pub mod layout;
pub mod run;
pub mod update;

use std::sync::Arc;

use crate::cli::Loaded;
use crate::core::catalogue::{Metadata, Origin, Topic};
use crate::core::document::Document;
use crate::core::index::{Index, Mention, Position};
use crate::core::report::panel_order;
use crate::core::resume::Saved;
use crate::core::search::Hit;
use crate::core::wrap::WrapCache;
use crate::ui::theme::Theme;
use background::{IndexEvent, IndexJob, LoadEvent, LoadJob, Rest, SearchJob};
use layout::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Panel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Filter,
    Search,
}

/// A finished search: its query, its hits, and which one is current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Every hit once counted; until then, only the current one.
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
    /// False while the hits of a large text are still being counted.
    pub complete: bool,
}

/// One row of the reader pane as it is on screen now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenRow {
    /// A wrapped row of paragraph `paragraph`, `first` when it is the paragraph's first row.
    Text {
        paragraph: usize,
        start: usize,
        end: usize,
        first: bool,
    },
    /// The blank row after a paragraph.
    Gap { paragraph: usize },
}

/// What to do once the selected topic's first mention is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingMention {
    /// Go to its first mention, as choosing it does.
    First,
    /// Step to its next or previous mention.
    Step(action::Step),
}

/// One row of the topic panel: a section heading or a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRow {
    Heading { actors: bool, count: usize },
    Topic(usize),
    Blank,
}

/// Everything the reader knows; `update` changes it, the view only reads it.
// The flags are independent modes (help, mouse, panel, quit), not one state in disguise.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct App {
    pub document: Arc<Document>,
    pub topics: Vec<Topic>,
    pub index: Index,
    pub metadata: Metadata,
    pub title: String,
    /// Whether the index adds discovered topics to the catalogue's.
    pub discover: bool,
    /// Topic indexes in panel order: actors then themes, by mentions.
    pub order: Vec<usize>,
    pub theme: Theme,

    pub width: u16,
    pub height: u16,
    pub layout: Layout,
    pub wrap: WrapCache,
    /// The start of the top row of the reader pane.
    pub top: Position,
    /// The rows on screen, rebuilt after every update.
    pub screen: Vec<ScreenRow>,

    pub focus: Focus,
    pub prompt: Option<PromptKind>,
    pub input: String,
    pub filter: String,
    /// Index into the filtered topic list.
    pub cursor: usize,
    /// First panel row shown.
    pub panel_scroll: usize,
    pub panel_width: u16,
    pub panel_shown: bool,

    pub selected: Option<usize>,
    /// The current mention of the selected topic.
    pub current: Option<usize>,
    pub search: Option<Search>,
    pub back: Vec<Position>,
    pub forward: Vec<Position>,

    pub message: Option<String>,
    /// The index being built in the background, while it is.
    pub indexing: Option<IndexJob>,
    /// The rest of a large file being read, while only its start is shown.
    pub loading: Option<LoadJob>,
    /// The hits of a search over a large text being counted.
    pub searching: Option<SearchJob>,
    /// G was pressed before the end was known: go there once it is.
    pub pending_end: bool,
    /// While a large file is read: its start and its end, whichever is not shown.
    pub head: Option<Arc<Document>>,
    pub tail: Option<Arc<Document>>,
    /// A topic was chosen, or n/N pressed, before any of its mentions were found: done again
    /// once one is.
    pub pending_mention: Option<PendingMention>,
    pub help_shown: bool,
    pub help_scroll: usize,
    pub mouse: bool,
    pub quit: bool,
    /// Set by Ctrl-z; the run loop hands the terminal back and clears it.
    pub suspend: bool,
}

impl App {
    pub fn new(loaded: Loaded, theme: Theme) -> App {
        let Loaded {
            document,
            catalogue,
            index,
            title,
            notes,
            discover,
        } = loaded;
        let order = panel_order(&catalogue.topics, &index);
        let message = if document.paragraphs().is_empty() {
            Some("the document is empty".to_string())
        } else {
            notes.into_iter().next_back()
        };
        let mut app = App {
            document: Arc::new(document),
            topics: catalogue.topics,
            index,
            metadata: catalogue.metadata,
            title,
            discover,
            order,
            theme,
            width: 0,
            height: 0,
            layout: Layout::default(),
            wrap: WrapCache::default(),
            top: Position::default(),
            screen: Vec::new(),
            focus: Focus::Text,
            prompt: None,
            input: String::new(),
            filter: String::new(),
            cursor: 0,
            panel_scroll: 0,
            panel_width: layout::DEFAULT_PANEL_WIDTH,
            panel_shown: false,
            selected: None,
            current: None,
            search: None,
            back: Vec::new(),
            forward: Vec::new(),
            message,
            indexing: None,
            loading: None,
            searching: None,
            pending_end: false,
            head: None,
            tail: None,
            pending_mention: None,
            help_shown: false,
            help_scroll: 0,
            mouse: true,
            quit: false,
            suspend: false,
        };
        if let Some(first) = app.document.paragraphs().first() {
            app.top = Position {
                paragraph: 0,
                offset: first.start,
            };
        }
        app
    }

    /// Builds the index in the background from here on; counts grow as batches arrive.
    pub fn start_indexing(&mut self) {
        // Discovery starts again from the catalogue's topics, which come first.
        self.topics.retain(|t| t.origin == Origin::Catalogue);
        if self.selected.is_some_and(|t| t >= self.topics.len()) {
            self.selected = None;
        }
        self.index = Index {
            topics: vec![crate::core::index::TopicMentions::default(); self.topics.len()],
        };
        self.current = None;
        self.order = panel_order(&self.topics, &self.index);
        self.cursor = self.cursor.min(self.topics.len().saturating_sub(1));
        self.indexing = Some(IndexJob::start(
            Arc::clone(&self.document),
            self.topics.clone(),
            self.discover,
        ));
    }

    /// Reads the rest of the file in the background; the index starts once it is in.
    pub fn start_loading(
        &mut self,
        path: std::path::PathBuf,
        force: bool,
        store: Option<crate::core::resume::Store>,
    ) {
        self.loading = Some(LoadJob::start(path, force, store));
    }

    /// Replaces the preview with the whole document, keeping the same text at the top.
    fn take_rest(&mut self, rest: Rest) {
        self.loading = None;
        let document = match rest.document {
            Ok(document) => document,
            Err(problem) => {
                self.message = Some(format!("only the start is shown: {problem}"));
                return;
            }
        };
        let untouched = self.top == Position::default() && self.selected.is_none();
        // At the end read ahead, the reader stays at the end: the wider ¶ numbers of the
        // whole text can push its last rows below the screen.
        let at_end = self.document.base() > 0 && self.percent() == 100;
        let document = Arc::new(document);
        // Positions in the end read ahead are offsets from where it starts in the file.
        let base = self.document.base();
        let remap = |position: Position| {
            let mut offset = (position.offset + base).min(document.text().len());
            while !document.text().is_char_boundary(offset) {
                offset -= 1;
            }
            Position {
                paragraph: document.paragraph_at(offset).unwrap_or(0),
                offset,
            }
        };
        self.head = None;
        self.tail = None;
        self.top = remap(self.top);
        self.back = self.back.iter().map(|&p| remap(p)).collect();
        self.forward = self.forward.iter().map(|&p| remap(p)).collect();
        if let Some(warning) = document.warnings().last() {
            self.message = Some(warning.clone());
        }
        self.document = document;
        self.wrap = crate::core::wrap::WrapCache::default();
        if self.search.take().is_some() {
            self.message = Some("the whole file is read: search again for every hit".into());
        }
        match rest.saved {
            Some(Ok(Some(saved))) if untouched => self.resume(&saved),
            Some(Err(problem)) => self.message = Some(format!("saved position ignored: {problem}")),
            _ => {}
        }
        self.start_indexing();
        self.refresh();
        if std::mem::take(&mut self.pending_end) || at_end {
            self.update(action::Action::GoToBottom);
        }
    }

    /// Takes in the counted hits of the active search, keeping the current hit.
    fn take_hits(&mut self, hits: Vec<Hit>) {
        let Some(job) = self.searching.take() else {
            return;
        };
        let Some(search) = self.search.as_mut().filter(|s| s.query == job.query) else {
            return;
        };
        let current = search
            .current
            .and_then(|i| search.hits.get(i))
            .map(|h| h.start);
        search.current = current.and_then(|start| hits.iter().position(|h| h.start == start));
        search.hits = hits;
        search.complete = true;
    }

    /// Takes in what the background work has produced; true if anything changed.
    pub fn poll_background(&mut self) -> bool {
        match self.loading.as_ref().and_then(LoadJob::poll) {
            Some(LoadEvent::Rest(rest)) => {
                self.take_rest(rest);
                return true;
            }
            Some(LoadEvent::Tail(tail)) => {
                self.tail = Some(Arc::new(tail));
                if std::mem::take(&mut self.pending_end) {
                    self.update(action::Action::GoToBottom);
                }
                return true;
            }
            None => {}
        }
        if let Some(hits) = self.searching.as_ref().and_then(SearchJob::poll) {
            self.take_hits(hits);
            return true;
        }
        let Some(job) = &self.indexing else {
            return false;
        };
        let events = job.drain();
        let finished = events.is_none();
        let events = events.unwrap_or_default();
        let changed = !events.is_empty() || finished;
        let current_start = self.current_mention_start();
        let cursor_topic = self.cursor_topic();
        for event in events {
            match event {
                IndexEvent::Topics(topics) => {
                    self.index
                        .topics
                        .resize(topics.len(), crate::core::index::TopicMentions::default());
                    self.topics = topics;
                }
                IndexEvent::Partial(found) => merge_partial(&mut self.index, found),
                IndexEvent::Done(index) => {
                    self.index = index;
                    self.indexing = None;
                }
            }
        }
        if finished {
            self.indexing = None;
        }
        if changed {
            self.order = panel_order(&self.topics, &self.index);
            if let Some(topic) = cursor_topic {
                self.cursor = self
                    .visible_topics()
                    .iter()
                    .position(|&t| t == topic)
                    .unwrap_or(0);
            }
            if let (Some(topic), Some(start)) = (self.selected, current_start) {
                let mentions = &self.index.topics[topic].mentions;
                self.current = mentions.iter().position(|m| m.start == start);
            }
            if let (Some(pending), Some(topic)) = (self.pending_mention, self.selected)
                && (!self.index.topics[topic].mentions.is_empty() || self.indexing.is_none())
            {
                match pending {
                    PendingMention::First => self.select_topic(topic),
                    PendingMention::Step(step) => self.step_mention(step),
                }
            }
        }
        changed
    }

    fn current_mention_start(&self) -> Option<usize> {
        let mentions = &self.index.topics[self.selected?].mentions;
        mentions.get(self.current?).map(|m| m.start)
    }

    /// Where the reader is, to remember for next time.
    pub fn saved_position(&self) -> Option<Saved> {
        let paragraph = self.document.paragraphs().get(self.top.paragraph)?;
        Some(Saved {
            paragraph: self.top.paragraph,
            offset_in_paragraph: self.top.offset.saturating_sub(paragraph.start),
            topic: self.selected.map(|t| self.topics[t].id.clone()),
        })
    }

    /// Goes back to a remembered position; one that no longer fits the document is ignored.
    pub fn resume(&mut self, saved: &Saved) {
        let Some(paragraph) = self.document.paragraphs().get(saved.paragraph).copied() else {
            return;
        };
        let mut offset = (paragraph.start + saved.offset_in_paragraph).min(paragraph.end);
        while !self.document.text().is_char_boundary(offset) {
            offset -= 1;
        }
        self.top = Position {
            paragraph: saved.paragraph,
            offset,
        };
        if let Some(id) = &saved.topic {
            self.selected = self.topics.iter().position(|t| &t.id == id);
            self.current = None;
        }
        self.message = Some(format!(
            "resumed at ¶{} where you left off (g for the top)",
            saved.paragraph + 1
        ));
    }

    /// Topics that pass the filter, in panel order.
    pub fn visible_topics(&self) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        self.order
            .iter()
            .copied()
            .filter(|&t| needle.is_empty() || self.topics[t].label.to_lowercase().contains(&needle))
            .collect()
    }

    /// The panel's rows: a heading per group, then its topics.
    pub fn panel_rows(&self) -> Vec<PanelRow> {
        let visible = self.visible_topics();
        let actors: Vec<usize> = visible
            .iter()
            .copied()
            .filter(|&t| self.topics[t].group.is_actor())
            .collect();
        let themes: Vec<usize> = visible
            .iter()
            .copied()
            .filter(|&t| !self.topics[t].group.is_actor())
            .collect();
        let mut rows = vec![PanelRow::Heading {
            actors: true,
            count: actors.len(),
        }];
        rows.extend(actors.into_iter().map(PanelRow::Topic));
        rows.push(PanelRow::Blank);
        rows.push(PanelRow::Heading {
            actors: false,
            count: themes.len(),
        });
        rows.extend(themes.into_iter().map(PanelRow::Topic));
        rows
    }

    /// The topic under the panel cursor.
    pub fn cursor_topic(&self) -> Option<usize> {
        self.visible_topics().get(self.cursor).copied()
    }

    /// The paragraph at the top of the reader pane (0-based).
    pub fn top_paragraph(&self) -> usize {
        self.top.paragraph
    }

    /// The document offset just past the last row on screen.
    pub fn bottom_offset(&self) -> usize {
        self.screen
            .iter()
            .rev()
            .find_map(|row| match row {
                ScreenRow::Text { end, .. } => Some(*end),
                ScreenRow::Gap { .. } => None,
            })
            .unwrap_or(self.top.offset)
    }

    /// How far through the document the bottom of the screen is, in percent.
    pub fn percent(&self) -> usize {
        let total = self.document.text().len();
        if total == 0 {
            return 100;
        }
        let last_end = self.document.paragraphs().last().map_or(total, |p| p.end);
        if self.bottom_offset() >= last_end {
            return 100;
        }
        // The end of a file read ahead counts from the file's start.
        let base = self.document.base();
        (base + self.bottom_offset()) * 100 / (base + total)
    }

    /// "¶12", or "¶?" in the end of a file read ahead, whose numbers are not known yet.
    pub fn paragraph_label(&self, paragraph: usize) -> String {
        if self.document.base() > 0 {
            "¶?".to_string()
        } else {
            format!("¶{}", paragraph + 1)
        }
    }
}

/// Adds a batch of mentions from one worker to a partial index, keeping it sorted.
fn merge_partial(index: &mut Index, found: Vec<(u32, Mention)>) {
    let mut by_topic: std::collections::BTreeMap<u32, Vec<Mention>> =
        std::collections::BTreeMap::new();
    for (topic, mention) in found {
        by_topic.entry(topic).or_default().push(mention);
    }
    for (topic, mut mentions) in by_topic {
        // A batch is in the order overlaps were resolved (longest first), not document order.
        mentions.sort_unstable_by_key(|m| m.start);
        let Some(entry) = index.topics.get_mut(topic as usize) else {
            continue;
        };
        let Some(first) = mentions.first() else {
            continue;
        };
        let at = entry.mentions.partition_point(|m| m.start < first.start);
        let mut paragraphs: Vec<u32> = mentions.iter().map(|m| m.paragraph).collect();
        paragraphs.dedup();
        entry.mentions.splice(at..at, mentions);
        let p_at = entry.paragraphs.partition_point(|&p| p < paragraphs[0]);
        entry.paragraphs.splice(p_at..p_at, paragraphs);
        entry.paragraphs.dedup();
    }
}
