//! The reader's state: what is open, where the reader is, what is selected; and the run loop.

pub mod action;
pub mod keymap;
pub mod layout;
pub mod run;
pub mod update;

use crate::cli::Loaded;
use crate::core::catalogue::{Metadata, Topic};
use crate::core::document::Document;
use crate::core::index::{Index, Position};
use crate::core::report::panel_order;
use crate::core::resume::Saved;
use crate::core::search::Hit;
use crate::core::wrap::WrapCache;
use crate::ui::theme::Theme;
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
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
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
    pub document: Document,
    pub topics: Vec<Topic>,
    pub index: Index,
    pub metadata: Metadata,
    pub title: String,
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
        } = loaded;
        let order = panel_order(&catalogue.topics, &index);
        let message = if document.paragraphs().is_empty() {
            Some("the document is empty".to_string())
        } else {
            notes.into_iter().next_back()
        };
        let mut app = App {
            document,
            topics: catalogue.topics,
            index,
            metadata: catalogue.metadata,
            title,
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
        self.bottom_offset() * 100 / total
    }
}
