//! Fixing the topic list from the panel: each key makes one `Edit` of the catalogue, which
//! the background applies to the file; the catalogue it leaves is indexed again in the
//! background while the view stays where it was.

use std::sync::Arc;

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::mode::{Mode, PromptKind};
use crate::core::catalogue::{ActorKind, Group, Origin};
use crate::core::edit::{Edit, Edited};
use crate::core::ids::TopicId;

impl App {
    /// Sends `edit` out to be made in the catalogue file.
    fn edit_catalogue(&mut self, edit: Edit) {
        let Some(document) = self.reading.whole().cloned() else {
            self.message = Some("the topics can be changed once the whole file is read".into());
            return;
        };
        if self.indexing.is_some() {
            self.message = Some("the topics can be changed once they are all found".into());
            return;
        }
        self.outbox.push(Effect::EditCatalogue {
            path: self.catalogue_path.clone(),
            source: document.source().clone(),
            edit,
            topics: self.topics.clone(),
            metadata: self.metadata.clone(),
        });
    }

    /// The topic under the panel cursor, with a word when there is none.
    fn topic_at_cursor(&mut self) -> Option<TopicId> {
        let topic = self.panel.cursor();
        if topic.is_none() {
            self.message = Some("no topic under the cursor".into());
        }
        topic
    }

    /// `r`: the rename prompt, holding the label.
    pub(crate) fn ask_rename(&mut self) {
        let Some(topic) = self.topic_at_cursor() else {
            return;
        };
        self.mode = Mode::Prompt {
            kind: PromptKind::Rename(topic),
            input: self.topic(topic).label.clone(),
            under: self.mode.focus(),
        };
    }

    pub(crate) fn rename(&mut self, topic: TopicId, label: &str) {
        let id = self.topic(topic).id.clone();
        self.edit_catalogue(Edit::Rename {
            id,
            label: label.to_string(),
        });
    }

    /// `x`: hide the entry.
    pub(crate) fn hide_at_cursor(&mut self) {
        if let Some(topic) = self.topic_at_cursor() {
            let id = self.topic(topic).id.clone();
            self.edit_catalogue(Edit::Hide { id });
        }
    }

    /// `K`: the actor's next kind.
    pub(crate) fn next_kind_at_cursor(&mut self) {
        let Some(topic) = self.topic_at_cursor() else {
            return;
        };
        let Group::Actor(kind) = self.topic(topic).group else {
            self.message = Some("a theme has no kind: T makes it an actor".into());
            return;
        };
        let at = ActorKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        let id = self.topic(topic).id.clone();
        self.edit_catalogue(Edit::SetKind {
            id,
            kind: ActorKind::ALL[(at + 1) % ActorKind::ALL.len()],
        });
    }

    /// `T`: an actor becomes a theme, a theme an actor (of kind other; `K` changes it).
    pub(crate) fn toggle_group_at_cursor(&mut self) {
        let Some(topic) = self.topic_at_cursor() else {
            return;
        };
        let id = self.topic(topic).id.clone();
        self.edit_catalogue(match self.topic(topic).group {
            Group::Actor(_) => Edit::ToTheme { id },
            Group::Theme => Edit::ToActor {
                id,
                kind: ActorKind::Other,
            },
        });
    }

    /// `J`: the entry under the cursor joins the selected topic.
    pub(crate) fn merge_cursor_into_selected(&mut self) {
        let Some(into) = self.selection.as_ref().map(|s| s.topic) else {
            self.message =
                Some("select the topic to keep (Enter), then J on the one to merge".into());
            return;
        };
        let Some(from) = self.topic_at_cursor() else {
            return;
        };
        if from == into {
            self.message = Some("J merges another entry into the selected one".into());
            return;
        }
        self.edit_catalogue(Edit::Merge {
            from: self.topic(from).id.clone(),
            into: self.topic(into).id.clone(),
        });
    }

    /// `+`: the search's text becomes a name of the selected topic.
    pub(crate) fn add_search_as_name(&mut self) {
        let query = self.search.as_ref().map(|s| s.query.clone());
        let selected = self.selection.as_ref().map(|s| s.topic);
        match (query, selected) {
            (Some(query), Some(topic)) => {
                let id = self.topic(topic).id.clone();
                self.edit_catalogue(Edit::AddName { id, name: query });
            }
            _ => {
                self.message = Some(
                    "select a topic, search for a name (/), then + adds it to the topic".into(),
                );
            }
        }
    }

    /// The edited catalogue: its topics replace the old, indexed again; the selection and
    /// its mention are kept by id (a merged topic's by the one it joined).
    pub(crate) fn take_edited(&mut self, result: Result<(std::path::PathBuf, Edited), String>) {
        let (path, edited) = match result {
            Ok(done) => done,
            Err(problem) => {
                self.message = Some(format!("topics not changed: {problem}"));
                return;
            }
        };
        let Some(document) = self.reading.whole().cloned() else {
            return;
        };
        let kept = self.selection.as_ref().map(|s| {
            let mention = self.current_mention().map(|m| m.start);
            (self.topic(s.topic).id.clone(), mention)
        });
        self.message = Some(format!("{}; saved to {}", edited.summary, path.display()));
        self.catalogue_path = Some(path);
        self.hidden = edited.catalogue.hidden;
        let mut topics = edited.catalogue.topics;
        for topic in &mut topics {
            topic.origin = Origin::Catalogue;
        }
        self.topics = topics;
        self.selection = None;
        self.pairing = None;
        if self.search.take().is_some() {
            self.outbox.push(Effect::StopCounting);
        }
        self.reindex(Arc::clone(&document));
        if let Some((id, mention)) = kept {
            if self.topics.iter().any(|t| t.id == id) {
                self.select_resumed(&id, mention);
            } else {
                // Merged or hidden: discovery may bring it back under the same id.
                self.resumed_topic = Some((id, mention));
            }
        }
    }
}
