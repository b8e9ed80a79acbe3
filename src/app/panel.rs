//! The topic panel's state: the order of its entries, the filter, the cursor, how far it is
//! scrolled, and its width.

use crate::app::layout::{MIN_PANEL_WIDTH, PANEL_WIDTH};
use crate::core::catalogue::{Group, Topic};
use crate::core::ids::TopicId;
use crate::core::index::Index;

/// The panel's two sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Actors,
    Themes,
}

/// One row of the panel: a section heading with its entry count, a topic, or a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRow {
    Heading { section: Section, count: usize },
    Topic(TopicId),
    Blank,
}

#[derive(Debug)]
pub struct Panel {
    /// Every topic, actors then themes, the catalogue's first, each by mentions.
    order: Vec<TopicId>,
    filter: String,
    /// The topics that pass the filter, in order, and the rows that show them.
    visible: Vec<TopicId>,
    rows: Vec<PanelRow>,
    /// The entry under the cursor; the first visible one when unset or filtered out.
    cursor: Option<TopicId>,
    /// The first row shown.
    scroll: usize,
    /// The width `<` and `>` set; until then the panel is as wide as its labels ask.
    chosen_width: Option<u16>,
    /// The width the labels of all the entries ask for, within `FITTED_WIDTH_LIMIT`.
    fitted_width: u16,
    /// Shown over the text on screens too narrow to have it beside.
    overlay_shown: bool,
}

impl Default for Panel {
    fn default() -> Panel {
        Panel {
            order: Vec::new(),
            filter: String::new(),
            visible: Vec::new(),
            rows: Vec::new(),
            cursor: None,
            scroll: 0,
            chosen_width: None,
            fitted_width: PANEL_WIDTH,
            overlay_shown: false,
        }
    }
}

impl Panel {
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// Topics that pass the filter, in panel order.
    pub fn visible(&self) -> &[TopicId] {
        &self.visible
    }

    pub fn rows(&self) -> &[PanelRow] {
        &self.rows
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The width `<` and `>` chose, else the one the labels ask for, in at most two fifths
    /// of a screen `screen_width` wide.
    pub fn width(&self, screen_width: u16) -> u16 {
        self.chosen_width.unwrap_or_else(|| {
            self.fitted_width
                .min(screen_width.saturating_mul(2) / 5)
                .max(MIN_PANEL_WIDTH)
        })
    }

    pub fn overlay_shown(&self) -> bool {
        self.overlay_shown
    }

    pub fn set_overlay_shown(&mut self, shown: bool) {
        self.overlay_shown = shown;
    }

    /// The topic under the cursor.
    pub fn cursor(&self) -> Option<TopicId> {
        self.cursor
            .filter(|topic| self.visible.contains(topic))
            .or_else(|| self.visible.first().copied())
    }

    /// Puts the cursor on `topic` (if it is shown).
    pub fn set_cursor(&mut self, topic: TopicId) {
        if self.visible.contains(&topic) {
            self.cursor = Some(topic);
        }
    }

    /// Sorts the entries again (the mention counts changed), keeping the cursor's topic.
    pub fn reorder(&mut self, topics: &[Topic], index: &Index) {
        self.reorder_by(index.ranking(topics), topics);
    }

    /// Puts the entries in `order` (every topic once), keeping the cursor's topic.
    pub fn reorder_by(&mut self, order: Vec<TopicId>, topics: &[Topic]) {
        self.order = order;
        self.refilter(topics);
    }

    /// Filters by `text` in the labels (any case); the cursor goes to the first match.
    pub fn set_filter(&mut self, text: &str, topics: &[Topic]) {
        self.filter = text.to_string();
        self.cursor = None;
        self.scroll = 0;
        self.refilter(topics);
    }

    fn refilter(&mut self, topics: &[Topic]) {
        self.fitted_width = fitted_width(topics);
        let needle = self.filter.to_lowercase();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|t| {
                needle.is_empty() || topics[t.index()].label.to_lowercase().contains(&needle)
            })
            .collect();
        let (actors, themes): (Vec<TopicId>, Vec<TopicId>) = self
            .visible
            .iter()
            .partition(|t| topics[t.index()].group.is_actor());
        self.rows = Vec::with_capacity(self.visible.len() + 3);
        self.rows.push(PanelRow::Heading {
            section: Section::Actors,
            count: actors.len(),
        });
        self.rows.extend(actors.into_iter().map(PanelRow::Topic));
        self.rows.push(PanelRow::Blank);
        self.rows.push(PanelRow::Heading {
            section: Section::Themes,
            count: themes.len(),
        });
        self.rows.extend(themes.into_iter().map(PanelRow::Topic));
    }

    /// Moves the cursor to the first entry of the next (or previous) section that has one,
    /// going round; whether it moved.
    pub fn jump_section(&mut self, forward: bool) -> bool {
        // Where each section's first entry is among the visible entries.
        let firsts: Vec<usize> = self
            .rows
            .windows(2)
            .filter_map(|pair| match pair {
                [PanelRow::Heading { .. }, PanelRow::Topic(topic)] => {
                    self.visible.iter().position(|t| t == topic)
                }
                _ => None,
            })
            .collect();
        let Some(current) = self.cursor() else {
            return false;
        };
        if firsts.len() < 2 {
            return false;
        }
        let at = self.visible.iter().position(|&t| t == current).unwrap_or(0);
        let here = firsts.iter().rposition(|&first| first <= at).unwrap_or(0);
        let next = if forward {
            (here + 1) % firsts.len()
        } else {
            (here + firsts.len() - 1) % firsts.len()
        };
        self.cursor = Some(self.visible[firsts[next]]);
        true
    }

    /// Moves the cursor by `delta` entries, stopping at the first and the last.
    pub fn move_cursor(&mut self, delta: isize) {
        let Some(current) = self.cursor() else {
            return;
        };
        let at = self.visible.iter().position(|&t| t == current).unwrap_or(0);
        let to = at.saturating_add_signed(delta).min(self.visible.len() - 1);
        self.cursor = Some(self.visible[to]);
    }

    /// Scrolls so that the cursor's row is among the `height` rows shown.
    pub fn keep_cursor_in_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        let Some(cursor_row) = self
            .cursor()
            .and_then(|t| self.rows.iter().position(|r| *r == PanelRow::Topic(t)))
        else {
            self.scroll = 0;
            return;
        };
        if cursor_row < self.scroll {
            // Show the section heading too when the cursor is its first entry.
            self.scroll = if cursor_row == 1 { 0 } else { cursor_row };
        } else if cursor_row >= self.scroll + height {
            self.scroll = cursor_row + 1 - height;
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(height));
    }

    /// The width the config file asks for (the layout keeps it within half the screen).
    pub fn choose_width(&mut self, width: u16) {
        self.chosen_width = Some(width.max(MIN_PANEL_WIDTH));
    }

    /// Narrows (negative) or widens the panel, within a screen `screen_width` wide.
    pub fn resize(&mut self, delta: i16, screen_width: u16) {
        let widest = (screen_width / 2).max(MIN_PANEL_WIDTH);
        let shown = self.width(screen_width).min(widest);
        self.chosen_width = Some(
            shown
                .saturating_add_signed(delta)
                .clamp(MIN_PANEL_WIDTH, widest),
        );
    }
}

/// The widest a panel sized from its labels gets: past it, long labels are cut (`<` and `>`
/// still widen it).
pub const FITTED_WIDTH_LIMIT: u16 = 48;

/// Columns an entry takes besides its label: the border, the pointer, a gap, the kind and
/// count ("person 123", a theme's count alone), and a space at the end.
const ACTOR_FRAME: usize = 1 + 2 + 1 + 10 + 1;
const THEME_FRAME: usize = 1 + 2 + 1 + 3 + 1;

/// The fewest columns a label keeps before the kind column is dropped.
const MIN_LABEL_COLUMNS: usize = 10;

/// The columns of one entry `width` cells wide: its detail (kind and count; the count alone
/// where the kind would cut the label to a stub) and the cells left for the label.
pub fn entry_columns(group: Group, count: usize, width: usize) -> (String, usize) {
    use unicode_width::UnicodeWidthStr as _;
    // The pointer (two cells), a gap, and a cell to spare at the right.
    const FRAME: usize = 4;
    let mut detail = match group {
        Group::Actor(kind) => format!("{} {count:>3}", kind.short_name()),
        Group::Theme => format!("{count:>3}"),
    };
    if width.saturating_sub(detail.width() + FRAME) < MIN_LABEL_COLUMNS {
        detail = format!("{count:>3}");
    }
    let room = width.saturating_sub(detail.width() + FRAME);
    (detail, room)
}

/// The panel width at which no label is cut, within `MIN_PANEL_WIDTH..=FITTED_WIDTH_LIMIT`.
fn fitted_width(topics: &[Topic]) -> u16 {
    use unicode_width::UnicodeWidthStr as _;
    let widest = topics
        .iter()
        .map(|t| {
            let frame = if t.group.is_actor() {
                ACTOR_FRAME
            } else {
                THEME_FRAME
            };
            crate::core::sanitize::clean(&t.label).width() + frame
        })
        .max()
        .unwrap_or(0);
    u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .clamp(MIN_PANEL_WIDTH, FITTED_WIDTH_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::Catalogue;
    use crate::core::document::{Document, Format, Source};

    fn panel_on(text: &str) -> (Vec<Topic>, Panel) {
        let catalogue = Catalogue::parse(
            "[[actor]]\nid = \"a\"\nlabel = \"Alpha\"\n[[actor]]\nid = \"b\"\nlabel = \"Beta\"\n\
             [[theme]]\nid = \"w\"\nlabel = \"War\"\nterms = [\"war\"]\n",
            "t.toml",
        )
        .unwrap();
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let index = crate::core::index::build(&document, &catalogue.topics);
        let mut panel = Panel::default();
        panel.reorder(&catalogue.topics, &index);
        (catalogue.topics, panel)
    }

    #[test]
    fn actors_then_themes_each_by_mentions() {
        let (_, panel) = panel_on("Beta Beta Alpha war");
        let ids: Vec<usize> = panel.visible().iter().map(|t| t.index()).collect();
        assert_eq!(ids, [1, 0, 2]);
        assert_eq!(panel.rows().len(), 6, "two headings, a gap, three topics");
        assert_eq!(panel.cursor(), Some(TopicId::new(1)));
    }

    #[test]
    fn the_filter_moves_the_cursor_to_its_first_match_and_the_cursor_stops_at_the_ends() {
        let (topics, mut panel) = panel_on("Alpha Beta war");
        panel.set_filter("A", &topics);
        assert_eq!(panel.visible().len(), 3, "any case: Alpha, Beta, War");
        panel.set_filter("et", &topics);
        assert_eq!(panel.cursor(), Some(TopicId::new(1)));
        panel.set_filter("", &topics);
        panel.move_cursor(10);
        assert_eq!(panel.cursor(), Some(TopicId::new(2)));
        panel.move_cursor(-10);
        assert_eq!(panel.cursor(), Some(TopicId::new(0)));
    }

    #[test]
    fn the_cursor_keeps_its_topic_when_the_order_changes() {
        let (topics, mut panel) = panel_on("Alpha Alpha Beta");
        panel.set_cursor(TopicId::new(1));
        let document = Document::from_str("Beta Beta Alpha", Source::Bundled, Format::Plain);
        panel.reorder(&topics, &crate::core::index::build(&document, &topics));
        assert_eq!(panel.cursor(), Some(TopicId::new(1)));
        assert_eq!(panel.visible()[0], TopicId::new(1));
    }
}
