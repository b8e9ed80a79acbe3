//! The built-in gazetteer: states, territories, organisations and leaders, compiled into the
//! binary and matched with the same engine and rules as a catalogue.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::OnceLock;

use crate::core::catalogue::{Case, Catalogue, Origin, PatternSort, Topic};
use crate::core::fold::{fold, folds_to_itself};
use crate::core::index::Matcher;

/// The gazetteer's files, in order of precedence: an entry whose label an earlier file
/// already has is skipped.
const SOURCES: [(&str, &str); 4] = [
    (
        "states.toml",
        include_str!("../../assets/gazetteer/states.toml"),
    ),
    (
        "organisations.toml",
        include_str!("../../assets/gazetteer/organisations.toml"),
    ),
    (
        "leaders-recent.toml",
        include_str!("../../assets/gazetteer/leaders-recent.toml"),
    ),
    (
        "leaders.toml",
        include_str!("../../assets/gazetteer/leaders.toml"),
    ),
];

pub struct Gazetteer {
    pub topics: Vec<Topic>,
    pub matcher: Matcher,
    /// Every single word of every name, lower-cased: "known to the gazetteer".
    words: HashSet<String>,
    /// Folded, lower-cased full name → topic.
    names: HashMap<String, usize>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gazetteer({} entries)", self.topics.len())
    }
}

impl Gazetteer {
    /// Parses and compiles the gazetteer; `gazetteer()` does it once per process.
    pub fn build() -> Gazetteer {
        let mut topics: Vec<Topic> = Vec::new();
        let mut claimed = HashSet::new();
        for (name, text) in SOURCES {
            // The files are part of the build; a broken one is caught by the tests below.
            let catalogue = Catalogue::parse(text, name).unwrap_or_default();
            for mut topic in catalogue.topics {
                // The same person or place under another spelling in a later file.
                let names: Vec<String> = topic.names().map(|n| fold(n).to_lowercase()).collect();
                if names.iter().any(|n| claimed.contains(n)) {
                    continue;
                }
                claimed.extend(names);
                // A name an earlier entry has is that entry's ("Brussels" is the EU's).
                topic.patterns.retain(|p| {
                    !matches!(p.sort, PatternSort::Metonym | PatternSort::Demonym)
                        || !claimed.contains(&fold(&p.text).to_lowercase())
                });
                for pattern in &topic.patterns {
                    if matches!(pattern.sort, PatternSort::Metonym | PatternSort::Demonym) {
                        claimed.insert(fold(&pattern.text).to_lowercase());
                    }
                }
                topic.origin = Origin::Discovered;
                // Names are proper nouns: "Ascension", not "ascension to power"; "the West"
                // as written.
                for pattern in &mut topic.patterns {
                    let capital = pattern.text.chars().next().is_some_and(char::is_uppercase);
                    if pattern.case != Case::Exact {
                        pattern.case = if capital { Case::Proper } else { Case::Exact };
                    }
                }
                topics.push(topic);
            }
        }
        let mut words = HashSet::new();
        let mut names = HashMap::new();
        for (at, topic) in topics.iter().enumerate() {
            for pattern in &topic.patterns {
                let folded = fold(&pattern.text).to_lowercase();
                words.extend(folded.split(' ').map(str::to_string));
                names.entry(folded).or_insert(at);
            }
        }
        Gazetteer {
            matcher: Matcher::new(&topics),
            topics,
            words,
            names,
        }
    }

    /// Whether `word` is part of any name the gazetteer knows ("Korea", "Jong").
    pub fn knows_word(&self, word: &str) -> bool {
        with_key(word, |key| self.words.contains(key))
    }

    /// The entry one of whose names is exactly `name`.
    pub fn entry(&self, name: &str) -> Option<usize> {
        with_key(name, |key| self.names.get(key).copied())
    }
}

/// Calls `f` with `name` folded and in lower case, as the gazetteer's keys are: discovery
/// asks this of most capitalised words, and a plain word needs no folded copy.
fn with_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    if folds_to_itself(name) {
        crate::core::discover::words::with_lowercase(name, f)
    } else {
        f(&fold(name).to_lowercase())
    }
}

/// The gazetteer, parsed and compiled on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::build)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::{ActorKind, Group};

    #[test]
    fn every_file_parses() {
        for (name, text) in SOURCES {
            if let Err(error) = Catalogue::parse(text, name) {
                panic!("{error}");
            }
        }
    }

    /// A name that build.py takes from the Factbook is a name, not the prose around one ("no
    /// official capital", "sometimes referred to as Ile de la Passion"): at most one
    /// lower-case word ("the", "mainland") comes before its first capital or digit. (The
    /// hand-written files hold such names as "euro area" on purpose.)
    #[test]
    fn every_name_taken_from_the_factbook_is_a_name() {
        let generated = ["states.toml", "leaders.toml"];
        for (file, text) in SOURCES.iter().filter(|(file, _)| generated.contains(file)) {
            let catalogue = Catalogue::parse(text, file).unwrap_or_default();
            for topic in &catalogue.topics {
                let names = topic
                    .patterns
                    .iter()
                    .filter(|p| p.sort != PatternSort::Exclude)
                    .map(|p| p.text.as_str());
                for name in std::iter::once(topic.label.as_str()).chain(names) {
                    let before_capital = name
                        .split(' ')
                        .take_while(|w| {
                            !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        })
                        .count();
                    let has_capital = before_capital < name.split(' ').count();
                    assert!(has_capital && before_capital <= 1, "{file}: {name:?}");
                }
            }
        }
    }

    #[test]
    fn covers_the_states_organisations_and_leaders_asked_for() {
        let g = gazetteer();
        let count = |kind| {
            g.topics
                .iter()
                .filter(|t| t.group == Group::Actor(kind))
                .count()
        };
        assert!(
            count(ActorKind::State) >= 195,
            "{}",
            count(ActorKind::State)
        );
        assert!(count(ActorKind::Organisation) + count(ActorKind::Group) >= 60);
        assert!(count(ActorKind::Person) >= 300);
        for name in [
            "US",
            "U.S.",
            "USA",
            "UK",
            "DPRK",
            "ROK",
            "PRC",
            "UAE",
            "Moscow",
            "Beijing",
            "Washington",
            "NATO",
            "ASEAN",
            "African Union",
            "G7",
            "G20",
            "BRICS",
            "SCO",
            "Quad",
            "AUKUS",
            "IAEA",
            "IMF",
            "World Bank",
            "WTO",
            "WHO",
            "OPEC",
            "OSCE",
            "ICC",
            "UN Security Council",
            "Vladimir Putin",
            "Kim Jong Un",
            "Holy See",
            "Palestine",
        ] {
            assert!(g.entry(name).is_some(), "{name} is missing");
        }
    }
}
