//! Topic discovery for a text with no catalogue: actors from the gazetteer and from the
//! names the text itself capitalises, themes from keyphrases scored on the text.

mod names;
mod themes;
pub mod words;

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::OnceLock;
use std::sync::atomic::Ordering;

use crate::core::catalogue::{ActorKind, Case, Group, Origin, Pattern, PatternSort, Topic};
use crate::core::document::Document;
use crate::core::fold::fold;
use crate::core::gazetteer::gazetteer;
use crate::core::ids::TopicId;
use crate::core::index::Progress;

/// At most this many themes are proposed.
pub const MAX_THEMES: usize = 10;

/// The topics discovery proposes for `document`, leaving out what `known` (a catalogue's
/// topics) already covers. Actors come first, then themes; every one is `Origin::Discovered`.
pub fn discover(document: &Document, known: &[Topic]) -> Vec<Topic> {
    discover_observed(document, known, &Progress::default()).unwrap_or_default()
}

/// As `discover`, reporting bytes read to `progress` and giving up (`None`) once it is
/// cancelled.
pub fn discover_observed(
    document: &Document,
    known: &[Topic],
    progress: &Progress,
) -> Option<Vec<Topic>> {
    let gazetteer = gazetteer();
    // Read chunk by chunk, on every core for a large text: only counts are kept of the
    // gazetteer's mentions.
    let found = std::sync::Mutex::new(GazetteerCounts::new(gazetteer.topics.len()));
    let paragraphs = document.paragraphs();
    let names = names::find(document, |range| {
        if progress.cancelled.load(Ordering::Relaxed) {
            return None;
        }
        if let (Some(first), Some(last)) =
            (paragraphs.get(range.start), paragraphs.get(range.end - 1))
        {
            progress
                .scanned
                .fetch_add(last.end - first.start, Ordering::Relaxed);
        }
        let mentions = gazetteer.matcher.scan(document, range);
        // Held once per chunk of megabytes; a poisoned lock means a worker panicked, and
        // its counts are as good as any.
        found
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .add(&mentions);
        let mut chunk = names::Known::default();
        for (topic, mention) in mentions {
            let span = (mention.start, mention.end());
            chunk.spans.push(span);
            let pattern = &gazetteer.topics[topic.index()].patterns[usize::from(mention.pattern)];
            if pattern.sort == PatternSort::Demonym {
                chunk.demonyms.push(span);
            }
        }
        chunk.spans.sort_unstable();
        chunk.demonyms.sort_unstable();
        Some(chunk)
    })?;

    let found = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut actors = gazetteer_actors(&found);
    actors.extend(names.actors.iter().map(name_topic));
    add_short_forms(&mut actors, &names.single_words);
    name_people_by_surname(&mut actors);
    exclude_names_inside_names(&mut actors, &names);
    drop_actors_only_inside_names(&mut actors, &found, &names);
    merge_same_names(&mut actors);
    let known_forms: HashSet<String> = known
        .iter()
        .flat_map(|t| t.patterns.iter())
        .filter(|p| p.sort != PatternSort::Exclude)
        .map(|p| fold(&p.text).to_lowercase())
        .collect();
    actors.retain(|topic| {
        !topic
            .patterns
            .iter()
            .filter(|p| matches!(p.sort, PatternSort::Alias | PatternSort::Demonym))
            .any(|p| known_forms.contains(&fold(&p.text).to_lowercase()))
    });

    let mut topics = themes_for(document, &names, &actors, known);
    topics.splice(0..0, actors);
    let mut ids: HashSet<String> = known.iter().map(|t| t.id.clone()).collect();
    for topic in &mut topics {
        topic.id = unique_id(&topic.label, &mut ids);
    }
    Some(topics)
}

/// Where the text first names each gazetteer entry, and how often by each of its names.
struct GazetteerCounts {
    first: Vec<Option<usize>>,
    /// (topic, pattern) → mentions.
    by_pattern: HashMap<(TopicId, u16), usize>,
}

impl GazetteerCounts {
    fn new(topics: usize) -> GazetteerCounts {
        GazetteerCounts {
            first: vec![None; topics],
            by_pattern: HashMap::new(),
        }
    }

    fn add(&mut self, mentions: &[(TopicId, crate::core::index::Mention)]) {
        for &(topic, mention) in mentions {
            let first = &mut self.first[topic.index()];
            *first = Some(first.map_or(mention.start, |f| f.min(mention.start)));
            *self.by_pattern.entry((topic, mention.pattern)).or_default() += 1;
        }
    }
}

/// The gazetteer's entries the text names, in the order it first names them. Their ids
/// are kept until the end, which tells them from names found in the text.
fn gazetteer_actors(found: &GazetteerCounts) -> Vec<Topic> {
    let gazetteer = gazetteer();
    let mut named: Vec<(usize, usize)> = found
        .first
        .iter()
        .enumerate()
        .filter_map(|(at, first)| first.map(|start| (start, at)))
        .collect();
    named.sort_unstable();
    named
        .into_iter()
        .map(|(_, at)| {
            let mut topic = gazetteer.topics[at].clone();
            if topic.group == Group::Actor(ActorKind::Person) {
                topic.label = spelling_in_text(&topic, at, found);
            }
            topic
        })
        .collect()
}

/// A person's full name as the text spells it most often ("Bashar al-Asad", not the
/// gazetteer's "Bashar al-Assad").
fn spelling_in_text(topic: &Topic, at: usize, found: &GazetteerCounts) -> String {
    (0..topic.patterns.len())
        .filter(|&pattern| {
            let p = &topic.patterns[pattern];
            p.sort == PatternSort::Alias && p.text.contains(' ')
        })
        .filter_map(|pattern| {
            let key = (TopicId::new(at), u16::try_from(pattern).ok()?);
            found.by_pattern.get(&key).map(|&count| (pattern, count))
        })
        .max_by_key(|&(pattern, count)| (count, std::cmp::Reverse(pattern)))
        .map_or_else(
            || topic.label.clone(),
            |(pattern, _)| topic.patterns[pattern].text.clone(),
        )
}

fn name_topic(name: &names::Name) -> Topic {
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
    Topic {
        id: String::new(),
        label: name.label.clone(),
        group: Group::Actor(name.kind),
        origin: Origin::Discovered,
        patterns,
    }
}

/// A surname alone ("Putin") names its person, or the nearest of several ("Kim"); a generic
/// last word alone ("the Peninsula") names the one thing it ends. Such a word found as an
/// actor of its own is dropped.
fn add_short_forms(actors: &mut Vec<Topic>, single_words: &HashSet<String>) {
    let mut owners: HashMap<String, Vec<usize>> = HashMap::new();
    for (at, topic) in actors.iter().enumerate() {
        let mut shorts: Vec<String> = if topic.group == Group::Actor(ActorKind::Person) {
            // Every spelling: "Bashar al-Asad" as well as "Bashar al-Assad".
            topic.names().flat_map(names::surname_forms).collect()
        } else {
            // Only a generic word: "Korea" alone is not North Korea.
            topic
                .label
                .rsplit_once(' ')
                .map(|(_, last)| last)
                .filter(|last| {
                    last.chars().next().is_some_and(char::is_uppercase)
                        && !words::is_not_a_name(last)
                        && matches!(
                            words::head_of(last),
                            words::Head::Organisation | words::Head::Place
                        )
                })
                .map(str::to_string)
                .into_iter()
                .collect()
        };
        shorts.sort();
        shorts.dedup();
        for short in shorts {
            owners.entry(short).or_default().push(at);
        }
    }
    for (short, owned_by) in &owners {
        if !single_words.contains(short) {
            continue;
        }
        for &owner in owned_by {
            actors[owner].patterns.push(Pattern {
                text: short.clone(),
                sort: PatternSort::Short,
                case: Case::Exact,
            });
        }
    }
    actors.retain(|topic| {
        let found_alone = topic.id.is_empty() && !topic.label.contains(' ');
        !(found_alone && owners.contains_key(&topic.label))
    });
}

/// The gazetteer's people by the short forms of their names: "Putin" → Vladimir Putin.
fn people_by_surname() -> &'static HashMap<String, Vec<usize>> {
    static PEOPLE: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    PEOPLE.get_or_init(|| {
        let mut people: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, topic) in gazetteer().topics.iter().enumerate() {
            if topic.group != Group::Actor(ActorKind::Person) {
                continue;
            }
            for form in topic.names().flat_map(names::surname_forms) {
                let owners = people.entry(form).or_default();
                if !owners.contains(&at) {
                    owners.push(at);
                }
            }
        }
        people
    })
}

/// A surname the text uses alone, never with a full name, that belongs to exactly one of
/// the gazetteer's people names that person.
fn name_people_by_surname(actors: &mut [Topic]) {
    for topic in actors {
        if !topic.id.is_empty() || topic.label.contains(' ') {
            continue;
        }
        let Some(&[owner]) = people_by_surname().get(&topic.label).map(Vec::as_slice) else {
            continue;
        };
        let mut person = gazetteer().topics[owner].clone();
        person.patterns.push(Pattern {
            text: topic.label.clone(),
            sort: PatternSort::Alias,
            case: Case::Exact,
        });
        *topic = person;
    }
}

/// Actors whose names fold to the same key ("Scott-Moncrieff", "Scott Moncrieff") are one:
/// the first found keeps its label and takes the other's names. A catalogue may give a name
/// to one entry only, so without this an emitted catalogue would not load.
fn merge_same_names(actors: &mut Vec<Topic>) {
    let keys = |topic: &Topic| -> Vec<String> {
        std::iter::once(topic.label.as_str())
            .chain(
                topic
                    .patterns
                    .iter()
                    .filter(|p| {
                        matches!(
                            p.sort,
                            PatternSort::Alias | PatternSort::Metonym | PatternSort::Demonym
                        )
                    })
                    .map(|p| p.text.as_str()),
            )
            .map(|name| fold(name).to_lowercase())
            .collect()
    };
    let mut owners: HashMap<String, usize> = HashMap::new();
    let mut merged_into: Vec<Option<usize>> = vec![None; actors.len()];
    for (at, merged) in merged_into.iter_mut().enumerate() {
        let names = keys(&actors[at]);
        // Owners are never merged themselves, so every merge points at a kept actor.
        let owner = names
            .iter()
            .find_map(|key| owners.get(key).copied())
            .unwrap_or(at);
        if owner != at {
            *merged = Some(owner);
        }
        for key in names {
            owners.entry(key).or_insert(owner);
        }
    }
    for at in 0..actors.len() {
        let Some(owner) = merged_into[at] else {
            continue;
        };
        for pattern in std::mem::take(&mut actors[at].patterns) {
            let owner = &mut actors[owner].patterns;
            if !owner
                .iter()
                .any(|p| p.text == pattern.text && p.sort == pattern.sort)
            {
                owner.push(pattern);
            }
        }
    }
    let mut at = 0;
    actors.retain(|_| {
        at += 1;
        merged_into[at - 1].is_none()
    });
}

/// A place inside an event's name is no mention of it ("Pretoria Accord", "Treaty of
/// Paris"), nor is a state inside another's name ("North Yemen", "Grand Duchy of Lithuania").
/// A gazetteer actor every mention of which lies inside a longer name it excludes (the UN in
/// a text that names only the United Nations Convention on the Law of the Sea) is not named
/// at all: it would show with no mentions.
fn drop_actors_only_inside_names(
    actors: &mut Vec<Topic>,
    found: &GazetteerCounts,
    names: &names::Names,
) {
    let gazetteer = gazetteer();
    let mut mentions = vec![0usize; gazetteer.topics.len()];
    for (&(topic, _), &n) in &found.by_pattern {
        mentions[topic.index()] += n;
    }
    actors.retain(|topic| {
        let inside: usize = topic
            .patterns
            .iter()
            .filter(|p| p.sort == PatternSort::Exclude)
            .filter_map(|p| names.enclosing_counts.get(&p.text))
            .sum();
        if inside == 0 || topic.id.is_empty() {
            return true;
        }
        gazetteer
            .topics
            .iter()
            .position(|t| t.id == topic.id)
            .is_none_or(|at| mentions[at] > inside)
    });
}

fn exclude_names_inside_names(actors: &mut [Topic], names: &names::Names) {
    for topic in actors {
        // A treaty or act named after a body is no mention of it ("United Nations Convention
        // on the Law of the Sea"); a war named after a state is ("Iran-Iraq War").
        let in_events = names.event_forms.iter().filter(|event| {
            let fought = event
                .rsplit(' ')
                .next()
                .is_some_and(|last| words::FOUGHT_EVENT_HEADS.contains_any_case(last));
            topic.patterns.iter().any(|p| {
                (p.sort == PatternSort::Metonym || p.sort == PatternSort::Alias && !fought)
                    && contains_words(event, &p.text)
            })
        });
        let in_compounds = names.compound_forms.iter().filter(|compound| {
            topic.patterns.iter().any(|p| {
                matches!(
                    p.sort,
                    PatternSort::Alias | PatternSort::Metonym | PatternSort::Demonym
                ) && contains_words(compound, &p.text)
            })
        });
        let inside: Vec<String> = in_events.chain(in_compounds).cloned().collect();
        topic
            .patterns
            .extend(inside.into_iter().map(|event| Pattern {
                text: event,
                sort: PatternSort::Exclude,
                case: Case::Exact,
            }));
    }
}

/// Events found among the names, then keyphrases, up to `MAX_THEMES`; none that a
/// catalogue theme covers, none made of an actor's words.
fn themes_for(
    document: &Document,
    names: &names::Names,
    actors: &[Topic],
    known: &[Topic],
) -> Vec<Topic> {
    // A theme is not an actor's name again ("peninsula" of the Korean Peninsula); the inner
    // words of a long name ("treaty" of North Atlantic Treaty Organization) and the names an
    // actor excludes are free.
    let actor_words: HashSet<String> = actors
        .iter()
        .chain(known.iter().filter(|t| t.group.is_actor()))
        .flat_map(|t| t.patterns.iter())
        .filter(|p| p.sort != PatternSort::Exclude)
        .filter_map(|p| {
            fold(&p.text)
                .to_lowercase()
                .rsplit(' ')
                .next()
                .map(str::to_string)
        })
        .collect();
    let events: Vec<Topic> = names
        .events
        .iter()
        .map(|event| theme_topic(&event.label, &event.forms, PatternSort::Phrase))
        .filter(|topic| !covered_theme(topic, known))
        .collect();
    // More keyphrases than there is room for: some may not survive the index.
    let keyphrases: Vec<Topic> = themes::find(document, &actor_words, MAX_THEMES + SPARE_THEMES)
        .into_iter()
        .map(|theme| theme_topic(&theme.label, &theme.terms, PatternSort::Term))
        .filter(|topic| !covered_theme(topic, known))
        .collect();
    let recurring = recurring_themes(document, known, &events, &keyphrases);
    let (events_recur, keyphrases_recur) = recurring.split_at(events.len());
    let mut topics: Vec<Topic> = events
        .into_iter()
        .zip(events_recur)
        .filter(|(_, recurs)| **recurs)
        .map(|(topic, _)| topic)
        .take(MAX_THEMES / 3)
        .collect();
    let room = MAX_THEMES - topics.len();
    topics.extend(
        keyphrases
            .into_iter()
            .zip(keyphrases_recur)
            .filter(|(_, recurs)| **recurs)
            .map(|(topic, _)| topic)
            .take(room),
    );
    topics
}

/// Keyphrases asked for beyond `MAX_THEMES`, to take the place of those that do not recur.
const SPARE_THEMES: usize = 5;

/// Whether each theme (`events`, then `keyphrases`) recurs as the index would find it: two
/// mentions at least in the text themes are counted in. A phrase whose every mention a
/// longer name or theme takes ("space domain" in "space domain awareness") names nothing the
/// reader could go to, however often its words were counted.
fn recurring_themes(
    document: &Document,
    known: &[Topic],
    events: &[Topic],
    keyphrases: &[Topic],
) -> Vec<bool> {
    // Actors are matched in a layer of their own, which takes nothing from themes: only the
    // themes are compiled (a matcher of every actor's names cost more than the rest of
    // discovery on a short text).
    let known_themes: Vec<&Topic> = known.iter().filter(|t| !t.group.is_actor()).collect();
    let all: Vec<Topic> = known_themes
        .iter()
        .copied()
        .chain(events)
        .chain(keyphrases)
        .cloned()
        .collect();
    let first_theme = known_themes.len();
    let matcher = crate::core::index::Matcher::new(&all);
    let mut mentions = vec![0_usize; all.len() - first_theme];
    let sample = themes::sample(document);
    // Consecutive sampled paragraphs are scanned as one range.
    let mut at = 0;
    while at < sample.len() {
        let mut end = at + 1;
        while end < sample.len() && sample[end] == sample[end - 1] + 1 {
            end += 1;
        }
        for (topic, _) in matcher.scan(document, sample[at]..sample[end - 1] + 1) {
            if let Some(theme) = topic.index().checked_sub(first_theme) {
                mentions[theme] += 1;
            }
        }
        at = end;
    }
    mentions.into_iter().map(|n| n >= 2).collect()
}

fn theme_topic(label: &str, terms: &[String], sort: PatternSort) -> Topic {
    Topic {
        id: String::new(),
        label: label.to_string(),
        group: Group::Theme,
        origin: Origin::Discovered,
        patterns: terms
            .iter()
            .map(|term| Pattern {
                text: term.clone(),
                sort,
                // Event names as written; keyphrases in any case.
                case: if sort == PatternSort::Phrase {
                    Case::Exact
                } else {
                    Case::Insensitive
                },
            })
            .collect(),
    }
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
    // Compared word by word on stems: "tensions" is covered by a term "tension".
    let english = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let stemmed = |text: &str| -> String {
        fold(text)
            .to_lowercase()
            .split(' ')
            .map(|w| english.stem(w).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let label = stemmed(&topic.label);
    let terms: Vec<String> = std::iter::once(label.clone())
        .chain(topic.patterns.iter().map(|p| stemmed(&p.text)))
        .collect();
    known.iter().filter(|t| !t.group.is_actor()).any(|t| {
        stemmed(&t.label) == label
            || t.patterns.iter().any(|p| {
                let known_term = stemmed(&p.text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Source};
    use crate::core::index;

    /// Each discovered actor's label with the texts of its mentions.
    fn actors(text: &str) -> Vec<(String, Vec<String>)> {
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let topics = discover(&document, &[]);
        let found = index::build(&document, &topics);
        topics
            .iter()
            .zip(found.iter().map(|(_, m)| m))
            .filter(|(t, m)| t.group.is_actor() && !m.mentions.is_empty())
            .map(|(t, m)| {
                let said = m
                    .mentions
                    .iter()
                    .map(|m| document.text()[m.start..m.end()].to_string())
                    .collect();
                (t.label.clone(), said)
            })
            .collect()
    }

    /// One person spelt with a hyphen and without is one actor: the catalogue discovery
    /// writes must load.
    #[test]
    fn names_that_fold_alike_are_one_actor() {
        let text = "The translator Scott-Moncrieff wrote to Proust. Later, Scott Moncrieff \
            finished the work. The critic Scott-Moncrieff praised it, and Scott Moncrieff left.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let topics = discover(&document, &[]);
        let scotts: Vec<&str> = topics
            .iter()
            .filter(|t| t.label.starts_with("Scott"))
            .map(|t| t.label.as_str())
            .collect();
        assert_eq!(scotts.len(), 1, "{scotts:?}");
        let emitted = crate::core::catalogue::to_toml(
            "",
            &crate::core::catalogue::Metadata::default(),
            &topics,
        );
        crate::core::catalogue::Catalogue::parse(&emitted, "emitted.toml").unwrap();
    }

    fn mentions_of(text: &str, label: &str) -> Vec<String> {
        actors(text)
            .into_iter()
            .find(|(l, _)| l == label)
            .map(|(_, said)| said)
            .unwrap_or_default()
    }

    fn labels(text: &str) -> Vec<String> {
        actors(text).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn us_is_not_found_inside_other_words() {
        let text =
            "We used the treaty; thus the focus moved. The US agreed, and US officials spoke.";
        assert_eq!(mentions_of(text, "United States"), ["US", "US"]);
    }

    #[test]
    fn may_the_month_is_not_theresa_may() {
        let text = "In May 2019 Theresa May resigned. She left office in May. \
                    Theresa May had led since July.";
        assert_eq!(
            mentions_of(text, "Theresa May"),
            ["Theresa May", "Theresa May"]
        );
        assert!(
            !labels(text).iter().any(|l| l == "May"),
            "{:?}",
            labels(text)
        );
    }

    #[test]
    fn turkey_the_state_is_not_the_bird() {
        let text = "Turkey hosted the summit. The delegates ate turkey and rice.";
        assert_eq!(mentions_of(text, "Turkey"), ["Turkey"]);
    }

    #[test]
    fn georgia_the_state_is_not_the_us_state() {
        let text = "Georgia's president met envoys in Tbilisi. A company from Atlanta, Georgia \
                    sent a delegation.";
        assert_eq!(mentions_of(text, "Georgia"), ["Georgia", "Tbilisi"]);
    }

    #[test]
    fn the_washington_post_is_not_washington() {
        let text = "The Washington Post reported that Washington would reply. The Washington \
                    Post asked again.";
        assert_eq!(mentions_of(text, "United States"), ["Washington"]);
        assert!(
            !labels(text).iter().any(|l| l.contains("Post")),
            "{:?}",
            labels(text)
        );
    }

    #[test]
    fn three_kims_are_three_people_and_kim_alone_is_the_nearest() {
        let text = "Kim Il Sung founded the state. His son Kim Jong Il followed him, and Kim \
                    Jong Un followed his father in 2011.\n\nSince then Kim has tested missiles.";
        let found = actors(text);
        let people: Vec<&str> = ["Kim Il Sung", "Kim Jong Il", "Kim Jong Un"].to_vec();
        for person in &people {
            assert!(
                found.iter().any(|(l, _)| l == person),
                "{person} missing: {found:?}"
            );
        }
        assert_eq!(mentions_of(text, "Kim Jong Un"), ["Kim Jong Un", "Kim"]);
        assert_eq!(mentions_of(text, "Kim Il Sung"), ["Kim Il Sung"]);
    }

    #[test]
    fn a_compound_of_demonyms_names_each_state() {
        let text = "Russian-Korean ties deepened. Russian officials and Korean diplomats met \
                    in Moscow.";
        let found = labels(text);
        assert!(found.iter().any(|l| l == "Russia"), "{found:?}");
        assert!(!found.iter().any(|l| l.contains('-')), "{found:?}");
        assert_eq!(
            mentions_of(text, "Russia"),
            ["Russian", "Russian", "Moscow"]
        );
    }

    #[test]
    fn accents_do_not_hide_a_capital() {
        let text = "Envoys flew to Pyŏngyang for the talks.";
        assert_eq!(mentions_of(text, "North Korea"), ["Pyŏngyang"]);
    }

    #[test]
    fn an_abbreviation_may_end_a_sentence() {
        let text = "The talks were held in the U.S. The next round is in Geneva. Officials \
                    in the U.S. agreed.";
        assert_eq!(mentions_of(text, "United States"), ["U.S.", "U.S."]);
        let found = labels(text);
        assert!(
            !found.iter().any(|l| l == "The" || l == "Officials"),
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_opening_word_is_not_a_name() {
        let text = "However, the talks failed. However Russia tried again. When Moscow \
                    called, nobody answered. During June the envoys waited.";
        let found = labels(text);
        for word in ["However", "When", "During", "June", "During June"] {
            assert!(!found.iter().any(|l| l == word), "{word}: {found:?}");
        }
        assert_eq!(mentions_of(text, "Russia"), ["Russia", "Moscow"]);
    }

    #[test]
    fn names_the_gazetteer_lacks_are_found_and_merged() {
        let text = "The Southern Transitional Council (STC) rejected the deal. Later the STC \
                    signed it.\n\nPresident Abd Rabuh Mansur Hadi welcomed it; Hadi left \
                    for Riyadh.";
        let found = actors(text);
        let council = found
            .iter()
            .find(|(l, _)| l == "Southern Transitional Council")
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(council.1, ["Southern Transitional Council", "STC", "STC"]);
        assert_eq!(
            mentions_of(text, "Abd Rabuh Mansur Hadi"),
            ["Abd Rabuh Mansur Hadi", "Hadi"]
        );
        assert!(
            !found.iter().any(|(l, _)| l == "STC" || l == "Hadi"),
            "{found:?}"
        );
    }

    #[test]
    fn events_are_themes_not_actors() {
        let text = "After the Cold War the alliance grew. The Cold War had split Europe, and \
                    the Korean War had divided Korea.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let topics = discover(&document, &[]);
        let cold_war = topics
            .iter()
            .find(|t| t.label == "Cold War")
            .expect("a theme");
        assert_eq!(cold_war.group, Group::Theme);
        assert!(
            !topics
                .iter()
                .any(|t| t.group.is_actor() && t.label.contains("War"))
        );
    }

    #[test]
    fn the_catalogue_covers_what_it_names() {
        let text = "Russia and China met. Moscow and Beijing agreed.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let known = crate::core::catalogue::Catalogue::parse(
            "[[actor]]\nid = \"ru\"\nlabel = \"Russia\"\nkind = \"state\"",
            "t.toml",
        )
        .unwrap()
        .topics;
        let topics = discover(&document, &known);
        assert!(topics.iter().any(|t| t.label == "China"));
        assert!(!topics.iter().any(|t| t.label == "Russia"));
        assert!(
            topics
                .iter()
                .all(|t| t.origin == Origin::Discovered && t.id != "ru")
        );
    }

    /// Each case: a text, a label that must be an actor (or "" for none), and labels that
    /// must not be.
    fn check_cases(cases: &[(&str, &str, &[&str])]) {
        for (text, wanted, unwanted) in cases {
            let found = labels(text);
            if !wanted.is_empty() {
                assert!(
                    found.iter().any(|l| l == wanted),
                    "{wanted} in {text:?}: {found:?}"
                );
            }
            for label in *unwanted {
                assert!(
                    !found.iter().any(|l| l == label),
                    "{label} in {text:?}: {found:?}"
                );
            }
        }
    }

    /// A heading line is structure: its capitals make no actor, and a name counts where
    /// the text uses it.
    #[test]
    fn headings_name_no_actor() {
        check_cases(&[
            (
                "Background\n\nThe Varn Council met. The Varn Council voted.\n\nAssessment\n\nThe Varn Council left.",
                "Varn Council",
                &["Background", "Assessment"],
            ),
            (
                "Issues for Congress\n\nCongress may act. Members of Congress differ; Congress met.",
                "Congress",
                &["Issues for Congress", "Members"],
            ),
            (
                "What Are Tollan Systems?\n\nThe firm Orvek Ltd builds them. Orvek Ltd sells them.",
                "Orvek Ltd",
                &["Tollan Systems"],
            ),
            (
                "Pillar Two\n\nThe talks on Pillar Two went on.\n\nPillar Two\n\nThey ended.\n\nPillar Two",
                "",
                &["Pillar Two"],
            ),
        ]);
    }

    /// Citations and codes are no actors: a document with its number, a fiscal year.
    #[test]
    fn citations_and_codes_name_no_actor() {
        check_cases(&[
            (
                "The law passed (VDA; P.L. 118-31), then another (VDB; P.L. 118-159); bills \
                 followed, e.g. H.R. 815 and H.R. 2894.",
                "",
                &["P.L.", "H.R."],
            ),
            (
                "See 22 U.S.C. 2151 and 15 C.F.R. §970.516; also 30 U.S.C. §1403 and 15 C.F.R. §971.212.",
                "",
                &["U.S.C.", "C.F.R."],
            ),
            (
                "Executive Order (E.O.) 14285 directed it. The E.O. was issued; the E.O. stands.",
                "",
                &["Executive Order", "E.O."],
            ),
            (
                "In FY2026 the Varn Agency spent more than in FY2025; the Varn Agency plans FY2027.",
                "Varn Agency",
                &["FY2026", "FY2025", "FY2027"],
            ),
            (
                "See CRS Report R44234 and CRS Report R44235 for the Varn Board. The Varn Board met.",
                "Varn Board",
                &["CRS Report R44234", "CRS Report"],
            ),
            // A maker and its product number is no citation.
            (
                "Varnex 737 jets flew; the Varnex 737 fleet grew, and Varnex 320 orders came.",
                "Varnex",
                &[],
            ),
        ]);
    }

    /// An acronym the text defines by lower-case words names a thing, not an actor.
    #[test]
    fn acronyms_of_lower_case_words_are_no_actors() {
        check_cases(&[
            (
                "It made low-enriched uranium (LEU) and more LEU, then sold LEU.",
                "",
                &["LEU"],
            ),
            (
                "The military personnel (MILPERS) account grew; MILPERS rose and MILPERS fell.",
                "",
                &["MILPERS"],
            ),
            (
                "Claims go to investor-state dispute settlement (ISDS); ISDS is slow and ISDS costs.",
                "",
                &["ISDS"],
            ),
            (
                "The Varn Development Bank (VDB) lent money. The VDB lent more; VDB rules.",
                "Varn Development Bank",
                &["VDB"],
            ),
            (
                "Funds for research and evaluation [R&E] grew; R&E rose and R&E fell.",
                "",
                &["R&E", "R"],
            ),
            (
                "Tarn passed its Five-Year Plan for Rural and Urban Development (FYP). The \
                 FYP builds roads; the FYP costs much, and the FYP ends soon.",
                "",
                &["Urban Development"],
            ),
        ]);
        for (before, acronym, spelled) in [
            ("low-enriched uranium", "LEU", true),
            ("research, development, test, and evaluation", "RDTE", true),
            (
                "cases less than (research, development, test, and evaluation",
                "RDT&E",
                true,
            ),
            ("institutions of higher education", "IHEs", true),
            ("the renminbi", "RMB", true),
            ("weapons of mass destruction", "WMD", true),
            ("the agency", "NOAA", false),
            ("ballistic-missile submarines", "SSBNs", false),
            ("the Department of Defense", "DOD", false),
        ] {
            assert_eq!(
                names::spells_lower_case_words(before, acronym),
                spelled,
                "{before} ({acronym})"
            );
        }
    }

    /// A title and its office before a name are not part of it.
    #[test]
    fn an_office_before_a_name_is_not_part_of_it() {
        check_cases(&[
            (
                "Secretary of Defense Jane Orvek spoke. Later Jane Orvek left.",
                "Jane Orvek",
                &["Defense Jane Orvek"],
            ),
            (
                "Director of National Intelligence Tom Varnik testified; Tom Varnik left.",
                "Tom Varnik",
                &["Intelligence Tom Varnik"],
            ),
        ]);
    }

    /// A name that opens with a place the gazetteer knows is no mention of the place, and
    /// "U.S. Varn Force" is the "Varn Force" the text also names.
    #[test]
    fn a_place_opening_a_name_is_no_mention_of_it() {
        let text = "Cyprus Minerals bought land. Cyprus Minerals sold it.";
        assert!(mentions_of(text, "Cyprus").is_empty(), "{:?}", labels(text));
        let text = "The U.S. Varn Force grew. The Varn Force is new; the Varn Force trains.";
        let found = labels(text);
        assert_eq!(
            found.iter().filter(|l| l.contains("Varn Force")).count(),
            1,
            "{found:?}"
        );
    }

    /// A regnal number ends a name even where the gazetteer knows it as a code ("VI", the
    /// Virgin Islands): King George VI is one person, and no place is named.
    #[test]
    fn a_regnal_number_ends_a_name() {
        let text = "King George VI visited Ottawa. Later George VI spoke, and George VI left. \
            Henry VIII wrote; Henry VIII ruled.";
        let found = labels(text);
        assert!(found.iter().any(|l| l == "George VI"), "{found:?}");
        assert!(found.iter().any(|l| l == "Henry VIII"), "{found:?}");
        assert!(!found.iter().any(|l| l.contains("Virgin")), "{found:?}");
        assert_eq!(mentions_of(text, "George VI"), ["George VI"; 3]);
    }

    /// An organisation's head word ends its name when two words or more name the body
    /// before it; after one word, or after a place the gazetteer knows, the owner is the name.
    #[test]
    fn a_body_keeps_its_head_word() {
        check_cases(&[
            (
                "The Drug Enforcement Administration acted. The Drug Enforcement Administration \
                 seized it, and the Drug Enforcement Administration left.",
                "Drug Enforcement Administration",
                &["Drug Enforcement"],
            ),
            (
                "The Biden Administration acted. The Biden Administration spoke; Biden left.",
                "",
                &["Biden Administration"],
            ),
            (
                "The United States Government acted. The United States Government spoke, and \
                 the United States Government left.",
                "United States",
                &["United States Government"],
            ),
        ]);
    }

    /// A name word before a demonym and a body's head after it are one body's name, and
    /// no mention of the state; the state's own army is the state.
    #[test]
    fn a_body_named_across_a_demonym() {
        let text = "The Free Syrian Army fought. The Free Syrian Army held the north, and the \
            Free Syrian Army left. The Royal Thai Army acted; the Royal Thai Army spoke and \
            the Royal Thai Army withdrew. The Syrian Army came back, and the Syrian Army won.";
        let found = actors(text);
        let said = |label: &str| {
            found
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, m)| m.clone())
        };
        assert_eq!(said("Free Syrian Army").unwrap(), ["Free Syrian Army"; 3]);
        assert_eq!(said("Royal Thai Army").unwrap(), ["Royal Thai Army"; 3]);
        assert_eq!(said("Syria").unwrap(), ["Syrian", "Syrian"]);
        // Not even as an entry with no mentions.
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let listed: Vec<String> = discover(&document, &[])
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert!(
            !listed.iter().any(|l| l == "Thailand" || l == "Free"),
            "{listed:?}"
        );
    }

    /// "the Association of X and the Association of Y" are two names, though "and" may join
    /// the words of an "of" name.
    #[test]
    fn and_the_between_two_of_names() {
        check_cases(&[(
            "The Association of Varn Ports and the Association of Kell Mills met. The \
             Association of Varn Ports spoke; the Association of Kell Mills left.",
            "Association of Varn Ports",
            &["Association of Varn Ports and the Association of Kell Mills"],
        )]);
    }

    /// "Department of Health and Human Services": "and" inside an "of" name.
    #[test]
    fn and_inside_an_of_name() {
        check_cases(&[(
            "The Department of Health and Human Services (HHS) acted. HHS ruled; HHS left.",
            "Department of Health and Human Services",
            &["Human Services"],
        )]);
    }

    /// "the 1994 Agreement": the year is part of the event's name.
    #[test]
    fn a_year_after_the_opens_an_events_name() {
        let themes = |text: &str| -> Vec<String> {
            let document = Document::from_str(text, Source::Bundled, Format::Plain);
            discover(&document, &[])
                .into_iter()
                .filter(|t| !t.group.is_actor())
                .map(|t| t.label)
                .collect()
        };
        let found = themes(
            "The 1994 Agreement changed the regime. The 1994 Agreement held, and under the \
             1994 Agreement states joined.",
        );
        assert!(found.iter().any(|t| t == "1994 Agreement"), "{found:?}");
        assert!(!found.iter().any(|t| t == "Agreement"), "{found:?}");
        // "for Fiscal Year 2026": the year ends the name.
        let found = themes(
            "The Varn Appropriations Act for Fiscal Year 2026 passed. The Varn Appropriations \
             Act for Fiscal Year 2026 funds it; the Varn Appropriations Act for Fiscal Year \
             2026 ends in 2027.",
        );
        assert!(
            found
                .iter()
                .any(|t| t == "Varn Appropriations Act for Fiscal Year 2026"),
            "{found:?}"
        );
        // Without "the", a year is when, not a name's.
        let found = themes("In 2015 Talks began. In 2015 Talks ended. In 2015 Talks resumed.");
        assert!(!found.iter().any(|t| t.contains("20")), "{found:?}");
    }

    /// "and" joins two names into one where the acronym after them spells both.
    #[test]
    fn an_acronym_spells_a_name_across_and() {
        check_cases(&[
            (
                "The Trade and Technology Council (TTC) met. The TTC agreed; the TTC ended.",
                "Trade and Technology Council",
                &["Technology Council", "Trade", "TTC"],
            ),
            // No body or event ends it: the acronym spells it by chance.
            (
                "The Orbital Sensor and Tracking (OST) work began. Orbital Sensor grew.",
                "",
                &["Orbital Sensor and Tracking"],
            ),
            // The acronym spells only the second name: two names.
            (
                "The Army and Air Force (AF) met. The Air Force flew; the Air Force landed.",
                "Air Force",
                &["Army and Air Force"],
            ),
        ]);
        let text = "The Belt and Road Initiative (BRI) grew. The BRI spread; BRI loans rose.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let topics = discover(&document, &[]);
        assert!(
            topics
                .iter()
                .any(|t| t.label == "Belt and Road Initiative" && !t.group.is_actor()),
            "{topics:?}"
        );
        assert!(!topics.iter().any(|t| t.group.is_actor()), "{topics:?}");
    }

    /// A novel's names: no two names run together, no sentence's first word, no pronoun,
    /// no title alone, and a surname joins a full name only when that is who it names.
    #[test]
    fn a_novels_names_are_one_entry_each() {
        let swann = "Swann came. Later Swann spoke, and Swann left. Then Swann sat. Swann \
            rose. He was no longer the Combray Swann. At Combray we walked; in Combray it \
            rained; from Combray we left.";
        check_cases(&[(swann, "Swann", &["Combray Swann"])]);
        let quoted = "Odette smiled. \"Has Odette gone?\" he asked. Odette had gone; Odette \
            was out. The carriage has left and has gone, and he has slept.";
        check_cases(&[(quoted, "Odette", &["Has Odette"])]);
        let colon = "He resumed: \"No Varnbec before June.\" Later: \"No Varnbec yet.\" \
            Varnbec waits; Varnbec is far.";
        check_cases(&[(colon, "Varnbec", &["No Varnbec"])]);
        let pronoun = "Then Françoise I thought was asleep. Françoise woke; Françoise spoke.";
        check_cases(&[(pronoun, "Françoise", &["Françoise I"])]);
        let titles = "The Doctor came, and the Doctor stayed; the Doctor left. Mme. Varn and \
            Mme. Varn met Mme again.";
        check_cases(&[(titles, "", &["Doctor", "Mme"])]);
        // Guermantes is a family: one of its members named once takes none of it.
        let family = "Elzéar de Guermantes came once. The Guermantes dined; the Guermantes \
            left. The Guermantes rose, the Guermantes sat, the Guermantes spoke, the \
            Guermantes ate, the Guermantes slept, the Guermantes woke, the Guermantes \
            went, the Guermantes stayed, the Guermantes laughed.";
        check_cases(&[(family, "Guermantes", &["Elzéar de Guermantes"])]);
        // A surname said now and then with its full name is that person.
        let person = "Adaeze Okonkwo spoke. Okonkwo said more; Okonkwo left. Adaeze Okonkwo \
            returned and Okonkwo stayed. Later Okonkwo sat.";
        check_cases(&[(person, "Adaeze Okonkwo", &["Okonkwo"])]);
        let couple = "Mme Verdurin laughed. The Verdurins dined; the Verdurins left. Verdurin \
            sat, and Verdurin rose.";
        check_cases(&[(couple, "Verdurin", &["Verdurins"])]);
    }

    /// A currency's prefix names no one; peoples and communities are groups, and only they.
    #[test]
    fn currencies_name_no_one_and_peoples_are_groups() {
        let text = "The deal is worth AU$50 billion, or US$33 billion. The AU met in Addis Ababa.";
        assert_eq!(mentions_of(text, "African Union"), ["AU"]);
        let text = "The Kurds voted; Kurdish parties and the Tamils objected. The Kurds won. \
            We walked by the Vivonne; the Vivonne ran on. On the Champs-Elysées we met; \
            the Champs-Elysées were cold. Varnavides spoke; Varnavides left; Varnavidse said.";
        check_kinds(
            text,
            &[
                ("Kurds", ActorKind::Group),
                ("Tamils", ActorKind::Group),
                ("Vivonne", ActorKind::Other),
                ("Champs-Elysées", ActorKind::Other),
                // A slip of the pen joins the name but makes it no organisation.
                ("Varnavides", ActorKind::Other),
            ],
        );
    }

    /// Each label is discovered in `text`, of its kind.
    fn check_kinds(text: &str, kinds: &[(&str, ActorKind)]) {
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let topics = discover(&document, &[]);
        for &(label, kind) in kinds {
            let topic = topics.iter().find(|t| t.label == label).expect(label);
            assert_eq!(topic.group, Group::Actor(kind), "{label}");
        }
    }

    /// A name that opens with a street, a lake or a mountain is a place, though the name
    /// after it is a saint's or a person's.
    #[test]
    fn a_first_word_can_make_a_place() {
        let text = "We walked down the Rue Varnier. The Rue Varnier was long, and the Rue \
            Varnier ended at Lake Tollan. Lake Tollan froze; Lake Tollan thawed. Mount \
            Kellis rose; Mount Kellis stood. Dr Edith Varnier wrote; Dr Edith Varnier left.";
        check_kinds(
            text,
            &[
                ("Rue Varnier", ActorKind::Place),
                ("Lake Tollan", ActorKind::Place),
                ("Mount Kellis", ActorKind::Place),
                ("Edith Varnier", ActorKind::Person),
            ],
        );
    }

    fn theme_labels(text: &str) -> Vec<String> {
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        discover(&document, &[])
            .into_iter()
            .filter(|t| !t.group.is_actor())
            .map(|t| t.label.to_lowercase())
            .collect()
    }

    /// A theme names a subject: no verb phrase, no office, no lone generic noun, no verb
    /// alone; a specific word alone may be one; "war" mostly in Ukraine is labelled so.
    #[test]
    fn themes_name_subjects() {
        let text = "Members want to exercise oversight of tariffs. The prime minister \
            spoke about the tariffs. Support grew and the support held; the war in Ukraine \
            mattered. The plan requires steel.\n\nOthers would exercise oversight later. \
            The prime minister left. The war in Ukraine went on; the war in Ukraine cost \
            much. New tariffs on steel came. It requires more. Support for the war in \
            Ukraine fell, and the support ended.";
        let themes = theme_labels(text);
        for wrong in [
            "exercise oversight",
            "prime minister",
            "support",
            "requires",
        ] {
            assert!(!themes.iter().any(|t| t == wrong), "{wrong}: {themes:?}");
        }
        for right in ["tariffs", "war in ukraine"] {
            assert!(themes.iter().any(|t| t == right), "{right}: {themes:?}");
        }
    }

    /// No clause ("plan seeks", as "it seeks" shows), no word that is always "of" something,
    /// no phrase opened by "plus", and no phrase every mention of which a longer one takes.
    #[test]
    fn themes_are_no_clauses_and_recur_as_indexed() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "The plan seeks new mineral exports. It seeks markets.\n\nThe plan seeks \
                 steel. Mineral exports grew. It seeks more mineral exports.",
                &["plan seeks", "seeks"],
                &["mineral exports"],
            ),
            (
                "He spoke on behalf of the miners about copper tariffs.\n\nShe spoke on \
                 behalf of the smelters. Copper tariffs rose.",
                &["behalf"],
                &["copper tariffs"],
            ),
            (
                "Exports plus imports grew, and copper tariffs too.\n\nExports plus imports \
                 fell. Copper tariffs stayed.",
                &["plus imports"],
                &["copper tariffs"],
            ),
            (
                "I know nothing of copper tariffs. I know nothing more.\n\nYou know nothing \
                 of smelters, and I know copper tariffs rose.",
                &["know nothing", "nothing", "know"],
                &["copper tariffs"],
            ),
        ];
        for &(text, wrong, right) in cases {
            let themes = theme_labels(text);
            for wrong in wrong {
                assert!(!themes.iter().any(|t| t == wrong), "{wrong}: {themes:?}");
            }
            for right in right {
                assert!(themes.iter().any(|t| t == right), "{right}: {themes:?}");
            }
        }
    }

    /// A theme every mention of which a longer theme takes, or that the text names once,
    /// does not recur.
    #[test]
    fn a_theme_recurs_only_as_the_index_finds_it() {
        let text = "Space domain awareness matters.\n\nSpace domain awareness grew, and \
            orbital debris too.\n\nOrbital debris fell.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let keyphrases: Vec<Topic> = [
            &["space domain awareness"][..],
            &["space domain"],
            &["orbital debris"],
            &["awareness grew"],
        ]
        .iter()
        .map(|terms| {
            let terms: Vec<String> = terms.iter().map(|t| (*t).to_string()).collect();
            theme_topic(&terms[0], &terms, PatternSort::Term)
        })
        .collect();
        assert_eq!(
            recurring_themes(&document, &[], &[], &keyphrases),
            [true, false, true, false]
        );
    }

    /// A long name misspelt once joins the name it was meant to be.
    #[test]
    fn a_name_misspelt_once_joins_it() {
        let text = "Tamsin Varnavides spoke. Later Tamsin Varnavides left, and Tamsin \
            Varnavides came back. Tamsin Varnavidse said no more.";
        let said = mentions_of(text, "Tamsin Varnavides");
        assert_eq!(said.len(), 4, "{said:?} {:?}", labels(text));
    }

    /// The White House is the executive: neither the House nor the United States.
    #[test]
    fn the_white_house_is_neither_the_house_nor_the_state() {
        let text = "The White House objected. The House voted, and the House adjourned; the \
            White House replied. The House met again.";
        let found = labels(text);
        assert!(found.iter().any(|l| l == "White House"), "{found:?}");
        assert!(mentions_of(text, "United States").is_empty(), "{found:?}");
        let house = mentions_of(text, "House");
        assert!(house.iter().all(|m| m == "House"), "{house:?}");
    }

    /// A body named only inside a treaty's name is not listed with no mentions.
    #[test]
    fn a_body_named_only_inside_a_treaty_is_not_listed() {
        let text = "States signed the United Nations Convention on the Law of the Sea. The \
            United Nations Convention on the Law of the Sea entered into force.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let topics = discover(&document, &[]);
        assert!(
            !topics.iter().any(|t| t.label == "United Nations"),
            "{:?}",
            topics.iter().map(|t| &t.label).collect::<Vec<_>>()
        );
        assert!(
            topics
                .iter()
                .any(|t| t.label.starts_with("United Nations Convention"))
        );
    }
}
