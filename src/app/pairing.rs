//! Co-occurrence in the reader: a second topic beside the selected one (`&` on a panel row).
//! The paragraphs that mention both are marked, n and N step through them, and the panel can
//! be ordered by how many paragraphs each topic shares with the selected one.

use std::sync::Arc;

use crate::app::action::Step;
use crate::app::update::{step_index, wrap_message};
use crate::app::{App, PanelOrder};
use crate::core::document::Position;
use crate::core::ids::{ParagraphId, TopicId};
use crate::core::pairs::shared_paragraphs;

/// The second topic and which of the shared paragraphs is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pairing {
    pub second: TopicId,
    /// Index into the shared paragraphs.
    pub current: Option<usize>,
}

impl App {
    pub fn pairing(&self) -> Option<Pairing> {
        self.pairing
    }

    /// The paragraphs that mention the selected topic and the paired one, in order.
    pub fn shared(&self) -> Vec<ParagraphId> {
        match (self.selection.as_ref(), self.pairing) {
            (Some(selection), Some(pairing)) => {
                shared_paragraphs(&self.index, selection.topic, pairing.second)
            }
            _ => Vec::new(),
        }
    }

    /// Whether `paragraph` mentions both topics of the pairing.
    pub fn is_shared(&self, paragraph: ParagraphId) -> bool {
        match (self.selection.as_ref(), self.pairing) {
            (Some(selection), Some(pairing)) => {
                self.index
                    .get(selection.topic)
                    .mentions_paragraph(paragraph)
                    && self.index.get(pairing.second).mentions_paragraph(paragraph)
            }
            _ => false,
        }
    }

    /// `&` on a panel row: pairs its topic with the selected one (again: unpairs).
    pub(crate) fn pair_with_cursor(&mut self) {
        let Some(selection) = self.selection.as_ref() else {
            self.message = Some("select a topic first (Enter), then & on another".into());
            return;
        };
        let Some(second) = self.panel.cursor() else {
            return;
        };
        let first = selection.topic;
        if second == first {
            self.message = Some("& pairs another topic with the selected one".into());
            return;
        }
        if self.pairing.is_some_and(|p| p.second == second) {
            self.unpair();
            return;
        }
        self.pairing = Some(Pairing {
            second,
            current: None,
        });
        let shared = self.shared().len();
        let names = self.pair_names();
        if shared == 0 {
            self.message = Some(format!("{names}: no paragraph mentions both"));
            return;
        }
        self.step_pair(Step::Next);
        self.message = Some(format!(
            "{names}: {shared} paragraphs mention both; n and N step through them"
        ));
    }

    pub(crate) fn unpair(&mut self) {
        if self.pairing.take().is_some() {
            self.message = Some("pair ended; n and N step through the topic again".into());
            if self.panel_order == PanelOrder::Shared {
                self.panel_order = PanelOrder::Mentions;
                self.reorder_panel();
            }
        }
    }

    /// "Iran & Lebanon".
    pub fn pair_names(&self) -> String {
        match (self.selection.as_ref(), self.pairing) {
            (Some(selection), Some(pairing)) => format!(
                "{} & {}",
                self.topic(selection.topic).label,
                self.topic(pairing.second).label
            ),
            _ => String::new(),
        }
    }

    /// n and N while paired: the next or previous paragraph that mentions both.
    pub(crate) fn step_pair(&mut self, step: Step) {
        let shared = self.shared();
        if shared.is_empty() {
            self.message = Some(format!("{}: no paragraph mentions both", self.pair_names()));
            return;
        }
        let current = self.pairing.and_then(|p| p.current);
        let (next, wrapped) = if current.is_some_and(|i| i < shared.len()) {
            step_index(current, shared.len(), step)
        } else {
            // From the top of the screen, as n starts a topic's mentions.
            let top = self.viewport.top().paragraph;
            let at_or_after = shared.partition_point(|&p| p < top);
            match step {
                Step::Next if at_or_after < shared.len() => (at_or_after, false),
                Step::Next => (0, true),
                Step::Previous => at_or_after
                    .checked_sub(1)
                    .map_or((shared.len() - 1, true), |i| (i, false)),
            }
        };
        if let Some(pairing) = &mut self.pairing {
            pairing.current = Some(next);
        }
        if wrapped {
            self.message = Some(wrap_message(step, "paragraph"));
        }
        let paragraph = shared[next];
        let document = Arc::clone(self.document());
        let start = document.paragraph(paragraph).start;
        self.jump(|app| {
            app.viewport.set_top(
                &document,
                Position {
                    paragraph,
                    offset: start,
                },
            );
        });
    }

    /// `s` in the panel: order by paragraphs shared with the selected topic, or by mentions.
    pub(crate) fn toggle_panel_order(&mut self) {
        let Some(selection) = self.selection.as_ref() else {
            self.message =
                Some("select a topic first: s orders the panel by what it shares with it".into());
            return;
        };
        self.panel_order = match self.panel_order {
            PanelOrder::Mentions => PanelOrder::Shared,
            PanelOrder::Shared => PanelOrder::Mentions,
        };
        self.message = Some(match self.panel_order {
            PanelOrder::Shared => format!(
                "ordered by paragraphs shared with {}; s orders by mentions",
                self.topic(selection.topic).label
            ),
            PanelOrder::Mentions => "ordered by mentions".into(),
        });
        self.reorder_panel();
    }

    /// The number the panel shows beside `topic`: its mentions, or the paragraphs it shares
    /// with the selected topic when the panel is ordered so.
    pub fn panel_count(&self, topic: TopicId) -> usize {
        match (self.panel_order, self.selection.as_ref()) {
            (PanelOrder::Shared, Some(_)) => {
                self.shared_counts.get(topic.index()).copied().unwrap_or(0)
            }
            _ => self.index.get(topic).mentions.len(),
        }
    }

    /// Each topic's paragraphs shared with the selected one (its own paragraphs for itself).
    fn count_shared(&self) -> Vec<usize> {
        let Some(selection) = self.selection.as_ref() else {
            return Vec::new();
        };
        (0..self.topics.len())
            .map(TopicId::new)
            .map(|topic| {
                if topic == selection.topic {
                    self.index.get(topic).paragraphs.len()
                } else {
                    shared_paragraphs(&self.index, selection.topic, topic).len()
                }
            })
            .collect()
    }

    /// Sorts the panel as its order says.
    pub(crate) fn reorder_panel(&mut self) {
        let ranking = self.index.ranking(&self.topics);
        self.shared_counts = match self.panel_order {
            PanelOrder::Shared => self.count_shared(),
            PanelOrder::Mentions => Vec::new(),
        };
        let ranking = match (self.panel_order, self.selection.as_ref()) {
            (PanelOrder::Shared, Some(_)) => {
                let mut counted: Vec<(usize, TopicId)> = ranking
                    .into_iter()
                    .map(|t| (self.panel_count(t), t))
                    .collect();
                // Stable: topics sharing as much keep their order by mentions.
                counted.sort_by_key(|&(shared, _)| std::cmp::Reverse(shared));
                counted.into_iter().map(|(_, t)| t).collect()
            }
            _ => ranking,
        };
        self.panel.reorder_by(ranking, &self.topics);
    }
}
