//! Changes to a topic catalogue made from the reader: rename, merge, hide, change an actor's
//! kind, turn an actor into a theme or back, add a name. Each is applied to the file as it is
//! on disk now (so an edit made there by hand since it was read is kept), through `toml_edit`
//! (so the user's comments and layout are kept), checked by parsing the result, and written
//! to a temporary file renamed over the old one.

use std::path::{Path, PathBuf};

use thiserror::Error;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::core::catalogue::{ActorKind, Catalogue, Metadata, Topic, to_toml};
use crate::core::document::Source;
use crate::core::files::{writable, write_atomically};
use crate::core::limits::{CATALOGUE_LIMIT, read_capped};
use crate::core::open::sibling_catalogue;

/// One change to a catalogue, naming topics by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Rename {
        id: String,
        label: String,
    },
    /// `from`'s label and names become names of `into`; `from` is gone.
    Merge {
        from: String,
        into: String,
    },
    /// Gone from the catalogue, and discovery will not offer it again.
    Hide {
        id: String,
    },
    SetKind {
        id: String,
        kind: ActorKind,
    },
    /// An actor becomes a theme whose phrases are its names.
    ToTheme {
        id: String,
    },
    /// A theme becomes an actor whose names are its phrases and terms.
    ToActor {
        id: String,
        kind: ActorKind,
    },
    AddName {
        id: String,
        name: String,
    },
}

#[derive(Debug, Error)]
pub enum EditError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Catalogue(#[from] crate::core::catalogue::CatalogueError),
    #[error("{path} is not TOML pilcrow can change: {message}")]
    Toml { path: String, message: String },
    #[error("{0}")]
    Refused(String),
}

/// The catalogue file as an edit left it.
#[derive(Debug)]
pub struct Edited {
    pub catalogue: Catalogue,
    /// What the edit did, for the status line.
    pub summary: String,
}

/// Applies `edit` to the catalogue at `path` as it is on disk now; one that does not exist
/// yet starts as `seed` (the bundled catalogue's text, comments and all) or, with none, is
/// written from `topics` (the topics the reader shows, discovered ones included) and
/// `metadata`. A topic the file does not hold yet (found by discovery after the
/// file was written) is added to it from `topics` before the change.
pub fn apply(
    path: &Path,
    edit: &Edit,
    seed: Option<&str>,
    topics: &[Topic],
    metadata: &Metadata,
) -> Result<Edited, EditError> {
    let shown = path.display().to_string();
    let io = |source| EditError::Io {
        path: shown.clone(),
        source,
    };
    let text = if path.exists() {
        let read = std::fs::File::open(path)
            .and_then(|file| read_capped(file, CATALOGUE_LIMIT))
            .map_err(io)?;
        if read.stopped {
            return Err(EditError::Refused(format!(
                "{shown} is larger than a catalogue pilcrow changes"
            )));
        }
        String::from_utf8(read.bytes).map_err(|_| EditError::Toml {
            path: shown.clone(),
            message: "not UTF-8".into(),
        })?
    } else if let Some(seed) = seed {
        seed.to_string()
    } else {
        to_toml(
            "Topics of this text, kept by pilcrow: edit freely, comments stay.",
            metadata,
            topics,
        )
    };
    let mut document: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| EditError::Toml {
                path: shown.clone(),
                message: e.message().to_string(),
            })?;
    // The file must hold what it is about to change: a topic discovery found since.
    for id in edit.ids() {
        if find(&document, id).is_none() {
            let topic = topics
                .iter()
                .find(|t| t.id == id)
                .ok_or_else(|| EditError::Refused(format!("no topic {id} to change")))?;
            add_topic(&mut document, topic)?;
        }
    }
    let summary = change(&mut document, edit)?;
    let new_text = document.to_string();
    let catalogue = Catalogue::parse(&new_text, &shown)?;
    write_atomically(path, new_text.as_bytes()).map_err(io)?;
    Ok(Edited { catalogue, summary })
}

impl Edit {
    fn ids(&self) -> Vec<&str> {
        match self {
            Edit::Merge { from, into } => vec![from, into],
            Edit::Rename { id, .. }
            | Edit::Hide { id }
            | Edit::SetKind { id, .. }
            | Edit::ToTheme { id }
            | Edit::ToActor { id, .. }
            | Edit::AddName { id, .. } => vec![id],
        }
    }
}

/// Where the topic `id` is: "actor" or "theme", and its index in that array of tables.
fn find(document: &DocumentMut, id: &str) -> Option<(&'static str, usize)> {
    ["actor", "theme"].into_iter().find_map(|group| {
        let tables = document.get(group)?.as_array_of_tables()?;
        tables
            .iter()
            .position(|t| t.get("id").and_then(Item::as_str) == Some(id))
            .map(|at| (group, at))
    })
}

fn table_mut<'a>(document: &'a mut DocumentMut, id: &str) -> Result<&'a mut Table, EditError> {
    let (group, at) =
        find(document, id).ok_or_else(|| EditError::Refused(format!("no topic {id}")))?;
    document[group]
        .as_array_of_tables_mut()
        .and_then(|tables| tables.get_mut(at))
        .ok_or_else(|| EditError::Refused(format!("no topic {id}")))
}

fn remove(document: &mut DocumentMut, id: &str) -> Result<Table, EditError> {
    let (group, at) =
        find(document, id).ok_or_else(|| EditError::Refused(format!("no topic {id}")))?;
    let tables = document[group]
        .as_array_of_tables_mut()
        .ok_or_else(|| EditError::Refused(format!("no topic {id}")))?;
    let table = tables
        .get(at)
        .cloned()
        .ok_or_else(|| EditError::Refused(format!("no topic {id}")))?;
    tables.remove(at);
    Ok(table)
}

/// Adds `topic` as the catalogue writer writes it.
fn add_topic(document: &mut DocumentMut, topic: &Topic) -> Result<(), EditError> {
    let written: DocumentMut = to_toml("", &Metadata::default(), std::slice::from_ref(topic))
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Refused(e.message().to_string()))?;
    let group = if topic.group.is_actor() {
        "actor"
    } else {
        "theme"
    };
    let table = written
        .get(group)
        .and_then(Item::as_array_of_tables)
        .and_then(|t| t.get(0))
        .cloned()
        .ok_or_else(|| EditError::Refused(format!("{} could not be written", topic.id)))?;
    push(document, group, table);
    Ok(())
}

fn push(document: &mut DocumentMut, group: &str, table: Table) {
    if let Some(tables) = document
        .get_mut(group)
        .and_then(Item::as_array_of_tables_mut)
    {
        tables.push(table);
    } else {
        let mut tables = ArrayOfTables::new();
        tables.push(table);
        document.insert(group, Item::ArrayOfTables(tables));
    }
}

/// The strings of the list `key` of `table` (plain strings and `{ text = … }` tables).
fn names_in(table: &Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(Item::as_array)
        .map(|array| {
            array
                .iter()
                .filter_map(|v| {
                    v.as_str().map(str::to_string).or_else(|| {
                        v.as_inline_table()
                            .and_then(|t| t.get("text"))
                            .and_then(|t| t.as_str())
                            .map(str::to_string)
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The names of the lists `keys` of `table`, in one array.
fn names_from(table: &Table, keys: &[&str]) -> Array {
    keys.iter().flat_map(|key| names_in(table, key)).collect()
}

/// Adds `name` to the list `key` of `table` unless a name there already folds to it.
fn add_to_list(table: &mut Table, key: &str, name: &str) {
    if names_in(table, key)
        .iter()
        .any(|n| n.to_lowercase() == name.to_lowercase())
    {
        return;
    }
    if let Some(array) = table.get_mut(key).and_then(Item::as_array_mut) {
        array.push(name);
    } else {
        let mut array = Array::new();
        array.push(name);
        table.insert(key, value(array));
    }
}

fn label_of(table: &Table) -> String {
    table
        .get("label")
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The change itself; returns what it did, in words.
fn change(document: &mut DocumentMut, edit: &Edit) -> Result<String, EditError> {
    Ok(match edit {
        Edit::Rename { id, label } => {
            let label = label.trim();
            if label.is_empty() {
                return Err(EditError::Refused("a label cannot be empty".into()));
            }
            let table = table_mut(document, id)?;
            let old = label_of(table);
            // The old label still names the topic in the text.
            if table.contains_key("kind") {
                add_to_list(table, "aliases", &old);
            } else {
                add_to_list(table, "phrases", &old);
            }
            table.insert("label", value(label));
            format!("renamed {old} to {label}")
        }
        Edit::Merge { from, into } => {
            if from == into {
                return Err(EditError::Refused(
                    "a topic cannot be merged into itself".into(),
                ));
            }
            let gone = remove(document, from)?;
            let target = table_mut(document, into)?;
            let key = if target.contains_key("kind") {
                "aliases"
            } else {
                "phrases"
            };
            let mut names = vec![label_of(&gone)];
            for list in ["aliases", "metonyms", "demonyms", "phrases", "terms"] {
                names.extend(names_in(&gone, list));
            }
            for name in &names {
                add_to_list(target, key, name);
            }
            format!("merged {} into {}", names[0], label_of(target))
        }
        Edit::Hide { id } => {
            let gone = remove(document, id)?;
            let label = label_of(&gone);
            let discovery = document
                .entry("discovery")
                .or_insert(Item::Table(Table::new()))
                .as_table_mut()
                .ok_or_else(|| EditError::Refused("[discovery] is not a table".into()))?;
            add_to_list(discovery, "hide", &label);
            format!("hid {label}; [discovery] hide keeps it out")
        }
        Edit::SetKind { id, kind } => {
            let table = table_mut(document, id)?;
            if !table.contains_key("kind") {
                return Err(EditError::Refused(format!(
                    "{} is a theme",
                    label_of(table)
                )));
            }
            table.insert("kind", value(kind.as_str()));
            format!("{} is now of kind {}", label_of(table), kind.as_str())
        }
        Edit::ToTheme { id } => to_theme(document, id)?,
        Edit::ToActor { id, kind } => to_actor(document, id, *kind)?,
        Edit::AddName { id, name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(EditError::Refused("no name to add".into()));
            }
            let table = table_mut(document, id)?;
            let key = if table.contains_key("kind") {
                "aliases"
            } else {
                "phrases"
            };
            add_to_list(table, key, name);
            format!("{name} now names {}", label_of(table))
        }
    })
}

/// The actor `id` as a theme whose phrases are its label and names.
fn to_theme(document: &mut DocumentMut, id: &str) -> Result<String, EditError> {
    let actor = remove(document, id)?;
    let mut theme = Table::new();
    theme.insert("id", value(id));
    theme.insert("label", value(label_of(&actor)));
    // A theme is found by its phrases: the actor's label is one of them.
    let mut phrases = names_from(&actor, &["aliases", "metonyms", "demonyms"]);
    phrases.insert(0, label_of(&actor));
    theme.insert("phrases", value(phrases));
    let label = label_of(&theme);
    push(document, "theme", theme);
    Ok(format!("{label} is now a theme"))
}

/// The theme `id` as an actor of `kind` whose names are its phrases and terms.
fn to_actor(document: &mut DocumentMut, id: &str, kind: ActorKind) -> Result<String, EditError> {
    let theme = remove(document, id)?;
    let mut actor = Table::new();
    actor.insert("id", value(id));
    actor.insert("label", value(label_of(&theme)));
    actor.insert("kind", value(kind.as_str()));
    let aliases = names_from(&theme, &["phrases", "terms"]);
    if !aliases.is_empty() {
        actor.insert("aliases", value(aliases));
    }
    let label = label_of(&actor);
    push(document, "actor", actor);
    Ok(format!("{label} is now an actor ({})", kind.as_str()))
}

/// Where the reader keeps the catalogue of a document it edits, when the document has none
/// yet: `<file stem>.topics.toml` beside the file when its folder can be written, else (and
/// for the bundled text) the state folder's copy. `None` for standard input, which has no
/// name to keep one under, or with no state folder for a file that needs one.
pub fn new_catalogue_path(source: &Source, state: Option<&Path>) -> Option<PathBuf> {
    if let Source::Path(file) = source
        && let Some(beside) = sibling_catalogue(file)
    {
        let dir = beside
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if writable(dir) {
            return Some(beside);
        }
    }
    state_catalogue_path(source, state?)
}

/// The state folder's catalogue for a document: `catalogues/bundled.topics.toml` for the
/// bundled text, `catalogues/<file stem>-<hash of its full path>.topics.toml` for a file.
pub fn state_catalogue_path(source: &Source, state: &Path) -> Option<PathBuf> {
    let name = match source {
        Source::Bundled => "bundled".to_string(),
        Source::Stdin => return None,
        Source::Path(file) => {
            let full = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
            let stem = file.file_stem()?.to_string_lossy();
            // Only characters any file system takes, from the stem.
            let stem: String = stem
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .take(60)
                .collect();
            format!(
                "{stem}-{}",
                crate::core::resume::content_key(&full.to_string_lossy())
            )
        }
    };
    Some(state.join("catalogues").join(format!("{name}.topics.toml")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAND_WRITTEN: &str = r#"# My catalogue: keep this comment.
[[actor]]
id = "us"
label = "United States"   # the superpower
kind = "state"
aliases = ["USA"]

[[actor]]
id = "u-s"
label = "U.S."
kind = "state"

[[theme]]
id = "war"
label = "War"
terms = ["war"]
"#;

    fn edited(edit: &Edit) -> (String, Edited) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.topics.toml");
        std::fs::write(&path, HAND_WRITTEN).unwrap();
        let done = apply(&path, edit, None, &[], &Metadata::default()).unwrap();
        (std::fs::read_to_string(&path).unwrap(), done)
    }

    fn ids(catalogue: &Catalogue) -> Vec<&str> {
        catalogue.topics.iter().map(|t| t.id.as_str()).collect()
    }

    #[test]
    fn each_edit_keeps_the_comments_and_parses() {
        let cases = [
            Edit::Rename {
                id: "us".into(),
                label: "USA".into(),
            },
            Edit::Merge {
                from: "u-s".into(),
                into: "us".into(),
            },
            Edit::Hide { id: "u-s".into() },
            Edit::SetKind {
                id: "us".into(),
                kind: ActorKind::Organisation,
            },
            Edit::ToTheme { id: "u-s".into() },
            Edit::ToActor {
                id: "war".into(),
                kind: ActorKind::Other,
            },
            Edit::AddName {
                id: "us".into(),
                name: "America".into(),
            },
        ];
        for edit in cases {
            let (text, done) = edited(&edit);
            assert!(
                text.starts_with("# My catalogue: keep this comment."),
                "{edit:?}\n{text}"
            );
            assert!(
                text.contains("# the superpower") || matches!(edit, Edit::Rename { .. }),
                "{edit:?}\n{text}"
            );
            assert!(!done.summary.is_empty());
        }
    }

    #[test]
    fn merge_makes_the_names_aliases_of_the_other() {
        let (text, done) = edited(&Edit::Merge {
            from: "u-s".into(),
            into: "us".into(),
        });
        assert_eq!(ids(&done.catalogue), ["us", "war"]);
        let us = &done.catalogue.topics[0];
        let names: std::collections::BTreeSet<&str> = us.names().collect();
        assert_eq!(
            names,
            ["U.S.", "USA", "United States"].into_iter().collect(),
            "{text}"
        );
        assert_eq!(done.summary, "merged U.S. into United States");
    }

    #[test]
    fn hide_keeps_it_out_of_discovery() {
        let (_, done) = edited(&Edit::Hide { id: "u-s".into() });
        assert_eq!(ids(&done.catalogue), ["us", "war"]);
        assert_eq!(done.catalogue.hidden, ["U.S."]);
    }

    #[test]
    fn rename_keeps_the_old_label_as_a_name() {
        let (_, done) = edited(&Edit::Rename {
            id: "war".into(),
            label: "Armed conflict".into(),
        });
        let war = done
            .catalogue
            .topics
            .iter()
            .find(|t| t.id == "war")
            .unwrap();
        assert_eq!(war.label, "Armed conflict");
        assert!(war.patterns.iter().any(|p| p.text == "War"));
    }

    #[test]
    fn actor_and_theme_trade_places_with_their_names() {
        let (_, done) = edited(&Edit::ToTheme { id: "us".into() });
        let us = done.catalogue.topics.iter().find(|t| t.id == "us").unwrap();
        assert!(!us.group.is_actor());
        assert!(us.patterns.iter().any(|p| p.text == "USA"));
        let (_, done) = edited(&Edit::ToActor {
            id: "war".into(),
            kind: ActorKind::Other,
        });
        let war = done
            .catalogue
            .topics
            .iter()
            .find(|t| t.id == "war")
            .unwrap();
        assert!(war.group.is_actor());
    }

    #[test]
    fn a_missing_file_is_written_from_the_topics_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.topics.toml");
        let shown = Catalogue::parse(HAND_WRITTEN, "x").unwrap().topics;
        let done = apply(
            &path,
            &Edit::Hide { id: "war".into() },
            None,
            &shown,
            &Metadata::default(),
        )
        .unwrap();
        assert_eq!(ids(&done.catalogue), ["us", "u-s"]);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("hide = [\"War\"]")
        );
    }

    #[test]
    fn a_broken_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.topics.toml");
        std::fs::write(&path, "[[actor]\nid = ").unwrap();
        let refused = apply(
            &path,
            &Edit::Hide { id: "us".into() },
            None,
            &[],
            &Metadata::default(),
        );
        assert!(refused.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[actor]\nid = ");
    }
}
