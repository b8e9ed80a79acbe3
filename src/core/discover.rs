//! Topic discovery for a text with no catalogue: actors from the gazetteer and from the
//! names the text itself capitalises, themes from keyphrases scored on the text.

mod names;
mod themes;
pub mod words;

use std::collections::{HashMap, HashSet};

use crate::core::catalogue::{ActorKind, Case, Group, Origin, Pattern, PatternSort, Topic};
use crate::core::document::Document;
use crate::core::fold::fold;
use crate::core::gazetteer::gazetteer;


/// At most this many themes are proposed.
pub const MAX_THEMES: usize = 10;

/// The topics discovery proposes for `document`, leaving out what `known` (a catalogue's
/// topics) already covers. Actors come first, then themes; every one is `Origin::Discovered`.
pub fn discover(document: &Document, known: &[Topic]) -> Vec<Topic> {
    let gazetteer = gazetteer();
    let found = gazetteer
        .matcher
        .index(document, gazetteer.topics.len(), &gazetteer.is_actor);
    let mut spans: Vec<(usize, usize)> = found
        .topics
        .iter()
        .flat_map(|t| t.mentions.iter().map(|m| (m.start, m.end())))
        .collect();
    spans.sort_unstable();
    let names = names::find(document, &spans);

    let known_forms: HashSet<String> = known
        .iter()
        .flat_map(|t| t.patterns.iter())
        .filter(|p| p.sort != PatternSort::Exclude)
        .map(|p| fold(&p.text).to_lowercase())
        .collect();
    let covered = |topic: &Topic| {
        topic
            .patterns
            .iter()
            .filter(|p| matches!(p.sort, PatternSort::Alias | PatternSort::Demonym))
            .any(|p| known_forms.contains(&fold(&p.text).to_lowercase()))
    };

    let mut actors: Vec<Topic> = Vec::new();
    // Gazetteer entries the text names, in the order it first names them.
    let mut confirmed: Vec<(usize, usize)> = found
        .topics
        .iter()
        .enumerate()
        .filter_map(|(at, t)| t.mentions.first().map(|m| (m.start, at)))
        .collect();
    confirmed.sort_unstable();
    let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
    for &(_, at) in &confirmed {
        let mut topic = gazetteer.topics[at].clone();
        if topic.group == Group::Actor(ActorKind::Person) {
            // Every spelling the gazetteer knows: "Bashar al-Asad" as well as "al-Assad".
            let mut shorts: Vec<String> = topic
                .patterns
                .iter()
                .filter(|p| p.sort == PatternSort::Alias)
                .flat_map(|p| names::surname_forms(&p.text))
                .collect();
            shorts.sort();
            shorts.dedup();
            for short in shorts {
                surnames.entry(short).or_default().push(actors.len());
            }
        }
        topic.patterns.retain(|p| p.sort != PatternSort::Short);
        actors.push(topic);
    }
    for name in &names.actors {
        let mut patterns: Vec<Pattern> = name
            .forms
            .iter()
            .map(|form| Pattern {
                text: form.clone(),
                sort: PatternSort::Alias,
                case: Case::Exact,
            })
            .collect();
        patterns.dedup_by(|a, b| a.text == b.text);
        if name.kind == ActorKind::Person {
            for short in names::surname_forms(&name.label) {
                surnames.entry(short).or_default().push(actors.len());
            }
        }
        actors.push(Topic {
            id: String::new(),
            label: name.label.clone(),
            group: Group::Actor(name.kind),
            origin: Origin::Discovered,
            patterns,
        });
    }
    // "the Peninsula" for the Korean Peninsula: the last word alone, for names of things.
    for (at, topic) in actors.iter().enumerate() {
        if topic.group == Group::Actor(ActorKind::Person) {
            continue;
        }
        // Only a generic last word: "Korea" alone is not North Korea.
        if let Some((_, last)) = topic.label.rsplit_once(' ')
            && last.chars().next().is_some_and(char::is_uppercase)
            && !words::is_not_a_name(last)
            && words::head_of(last) != words::Head::None
            && words::head_of(last) != words::Head::Event
        {
            surnames.entry(last.to_string()).or_default().push(at);
        }
    }
    // A surname alone names the person it belongs to, or the nearest of several.
    for (surname, owners) in &surnames {
        if !names.single_words.contains(surname) {
            continue;
        }
        for &owner in owners {
            actors[owner].patterns.push(Pattern {
                text: surname.clone(),
                sort: PatternSort::Short,
                case: Case::Exact,
            });
        }
    }
    // A place inside an event's name is not a mention ("Pretoria Accord", "Treaty of Paris"),
    // nor a state inside another's ("North Yemen", "Grand Duchy of Lithuania").
    for topic in &mut actors {
        let in_events = names.event_forms.iter().filter(|event| {
            topic
                .patterns
                .iter()
                .any(|p| p.sort == PatternSort::Metonym && contains_words(event, &p.text))
        });
        let in_compounds = names.compound_forms.iter().filter(|compound| {
            topic.patterns.iter().any(|p| {
                matches!(p.sort, PatternSort::Alias | PatternSort::Metonym)
                    && contains_words(compound, &p.text)
            })
        });
        let inside: Vec<String> = in_events.chain(in_compounds).cloned().collect();
        topic.patterns.extend(inside.into_iter().map(|event| Pattern {
            text: event,
            sort: PatternSort::Exclude,
            case: Case::Exact,
        }));
    }
    // A surname seen alone is a short form of its people, not an actor of its own.
    actors.retain(|topic| {
        // Names found in the text have no id yet; gazetteer entries do.
        let alone = topic.id.is_empty()
            && !topic.label.contains(' ')
            && surnames.get(&topic.label).is_some_and(|owners| !owners.is_empty());
        !alone && !covered(topic)
    });

    let actor_words: HashSet<String> = actors
        .iter()
        .chain(known.iter().filter(|t| t.group.is_actor()))
        .flat_map(|t| t.patterns.iter())
        .flat_map(|p| {
            fold(&p.text)
                .to_lowercase()
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut theme_topics: Vec<Topic> = names
        .events
        .iter()
        .map(|event| Topic {
            id: String::new(),
            label: event.label.clone(),
            group: Group::Theme,
            origin: Origin::Discovered,
            patterns: event
                .forms
                .iter()
                .map(|form| Pattern {
                    text: form.clone(),
                    sort: PatternSort::Phrase,
                    case: Case::Exact,
                })
                .collect(),
        })
        .filter(|topic| !covered_theme(topic, known))
        .take(MAX_THEMES / 3)
        .collect();
    let room = MAX_THEMES - theme_topics.len();
    for theme in themes::find(document, &actor_words, room) {
        let topic = Topic {
            id: String::new(),
            label: theme.label,
            group: Group::Theme,
            origin: Origin::Discovered,
            patterns: theme
                .terms
                .into_iter()
                .map(|term| Pattern {
                    text: term,
                    sort: PatternSort::Term,
                    case: Case::Insensitive,
                })
                .collect(),
        };
        if !covered_theme(&topic, known) {
            theme_topics.push(topic);
        }
    }

    let mut ids: HashSet<String> = known.iter().map(|t| t.id.clone()).collect();
    let mut topics = actors;
    topics.extend(theme_topics);
    for topic in &mut topics {
        topic.id = unique_id(&topic.label, &mut ids);
    }
    topics
}

/// Whether `part` occurs in `whole` as whole words.
fn contains_words(whole: &str, part: &str) -> bool {
    whole.match_indices(part).any(|(at, _)| {
        let before = whole[..at].chars().next_back();
        let after = whole[at + part.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A discovered theme that a catalogue theme already covers: its label is the catalogue's,
/// or one of its words or phrases is inside a catalogue term ("war" in "war in Ukraine").
fn covered_theme(topic: &Topic, known: &[Topic]) -> bool {
    let label = fold(&topic.label).to_lowercase();
    let terms: Vec<String> = std::iter::once(label.clone())
        .chain(topic.patterns.iter().map(|p| fold(&p.text).to_lowercase()))
        .collect();
    known.iter().filter(|t| !t.group.is_actor()).any(|t| {
        fold(&t.label).to_lowercase() == label
            || t.patterns.iter().any(|p| {
                let known_term = fold(&p.text).to_lowercase();
                terms.iter().any(|term| contains_words(&known_term, term))
            })
    })
}

/// "Kim Jong-un" → "kim-jong-un", made unique among `taken`.
fn unique_id(label: &str, taken: &mut HashSet<String>) -> String {
    let mut slug = String::new();
    for c in fold(label).chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    let slug = if slug.is_empty() {
        "topic".to_string()
    } else {
        slug
    };
    let mut id = slug.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{slug}-{n}");
        n += 1;
    }
    id
}
