//! The list of mentions in context: which mentions it lists (the search's hits while a
//! search is on, as n and N step through, else the selected topic's), its cursor and scroll.

use crate::app::layout::list_rows;
use crate::app::mode::Mode;
use crate::app::{App, HitCount, Selection};
use crate::core::ids::ParagraphId;

/// One row of the list: a mention or a hit, as a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    pub paragraph: ParagraphId,
    pub start: usize,
    pub end: usize,
}

/// What the list lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSource {
    Hits,
    Topic,
}

impl App {
    /// What the list shows now: the hits while a search is on, else the selected topic's
    /// mentions; `None` with neither.
    pub fn list_source(&self) -> Option<ListSource> {
        if self.search.is_some() {
            Some(ListSource::Hits)
        } else {
            self.selection.as_ref().map(|_| ListSource::Topic)
        }
    }

    /// How many rows the list has.
    pub fn listed_count(&self) -> usize {
        match self.list_source() {
            Some(ListSource::Hits) => self.search.as_ref().map_or(0, |s| s.hits.len()),
            Some(ListSource::Topic) => self
                .selection
                .as_ref()
                .map_or(0, |s| self.index.get(s.topic).mentions.len()),
            None => 0,
        }
    }

    /// Row `i` of the list.
    pub fn listed(&self, i: usize) -> Option<Listed> {
        match self.list_source()? {
            ListSource::Hits => self.search.as_ref()?.hits.get(i).map(|hit| Listed {
                paragraph: hit.paragraph,
                start: hit.start,
                end: hit.end,
            }),
            ListSource::Topic => {
                let Selection { topic, .. } = self.selection.as_ref()?;
                self.index.get(*topic).mentions.get(i).map(|m| Listed {
                    paragraph: m.paragraph,
                    start: m.start,
                    end: m.end(),
                })
            }
        }
    }

    /// The row of the current mention or hit.
    pub fn listed_current(&self) -> Option<usize> {
        match self.list_source()? {
            ListSource::Hits => self.search.as_ref()?.current,
            ListSource::Topic => self.selection.as_ref()?.current,
        }
    }

    /// After `&pattern`: the hits listed at once, or as soon as they are all counted.
    pub(crate) fn list_matching_lines(&mut self) {
        // The search just run is the last of the history; an earlier one may still be on
        // when it found nothing.
        let asked = self.searches.last();
        match self
            .search
            .as_ref()
            .filter(|s| Some(&s.query) == asked)
            .map(|s| s.count)
        {
            // Nothing found: the search said so.
            None => {}
            Some(HitCount::Counting) => {
                self.list_when_counted = true;
                self.message = Some("counting the hits: the list opens when they are in".into());
            }
            Some(_) => self.toggle_list(),
        }
    }

    pub(crate) fn toggle_list(&mut self) {
        if let Mode::Mentions { under, .. } = self.mode {
            self.mode = Mode::Reading(under);
            return;
        }
        let Some(source) = self.list_source() else {
            self.message =
                Some("no topic selected: choose one in the panel, or / to search, then l".into());
            return;
        };
        let count = self.listed_count();
        if count == 0 {
            self.message = Some(match source {
                ListSource::Hits => "no hits to list".into(),
                ListSource::Topic if self.indexing.is_some() => {
                    "no mentions found yet: the index is still being built".into()
                }
                ListSource::Topic => "no mentions to list".into(),
            });
            return;
        }
        if source == ListSource::Hits
            && self.search.as_ref().map(|s| s.count) == Some(HitCount::Counting)
        {
            self.message = Some("still counting hits: the list shows them once they are in".into());
            return;
        }
        // The cursor opens on the current mention, else on the first at or after the top of
        // the screen, in the middle of the list's rows.
        let top_offset = self.viewport.top().offset;
        let cursor = self.listed_current().unwrap_or_else(|| {
            let at_or_after = match source {
                ListSource::Hits => self
                    .search
                    .as_ref()
                    .map_or(0, |s| s.hits.partition_point(|h| h.start < top_offset)),
                ListSource::Topic => self
                    .selection
                    .as_ref()
                    .map_or(0, |s| self.index.get(s.topic).first_from(top_offset)),
            };
            at_or_after.min(count - 1)
        });
        let rows = list_rows(self.size.1);
        self.mode = Mode::Mentions {
            cursor,
            top: cursor.saturating_sub(rows / 2),
            under: self.mode.focus(),
        };
        self.scroll_list_to(cursor);
    }

    /// Moves the list's cursor by `delta` rows (clamped), keeping it on screen.
    pub(crate) fn move_list_cursor(&mut self, delta: isize) {
        let Some((cursor, _)) = self.mode.mentions_list() else {
            return;
        };
        let last = self.listed_count().saturating_sub(1);
        let moved = cursor.saturating_add_signed(delta).min(last);
        self.scroll_list_to(moved);
    }

    fn scroll_list_to(&mut self, row: usize) {
        let rows = list_rows(self.size.1);
        let count = self.listed_count();
        if let Mode::Mentions { cursor, top, .. } = &mut self.mode {
            *cursor = row;
            if row < *top {
                *top = row;
            } else if row >= *top + rows {
                *top = row + 1 - rows;
            }
            // No blank rows below the last mention when the list could fill them.
            *top = (*top).min(count.saturating_sub(rows));
        }
    }

    /// Enter in the list: the row's mention becomes current, the text goes to it.
    pub(crate) fn go_to_listed(&mut self) {
        let Some((cursor, _)) = self.mode.mentions_list() else {
            return;
        };
        self.mode = Mode::Reading(self.mode.focus());
        let Some(listed) = self.listed(cursor) else {
            return;
        };
        match self.list_source() {
            Some(ListSource::Hits) => {
                if let Some(search) = &mut self.search {
                    search.current = Some(cursor);
                }
            }
            Some(ListSource::Topic) => {
                if let Some(selection) = &mut self.selection {
                    selection.current = Some(cursor);
                }
            }
            None => return,
        }
        self.jump(|app| app.bring_into_view(listed.paragraph, listed.start, true));
    }
}
