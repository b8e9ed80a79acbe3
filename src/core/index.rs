//! The mention index: every topic pattern in one automaton, one pass over the folded text,
//! longest match first, each mention kept as a byte range of the original text.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rust_stemmers::{Algorithm, Stemmer};

use crate::core::catalogue::{Case, PatternSort, Topic};
use crate::core::document::Document;
use crate::core::fold::{Folder, fold};

/// Paragraphs are folded and searched in batches of about this many bytes.
const BATCH_BYTES: usize = 256 * 1024;

/// Theme terms are found by a prefix of their stem at least this long (shorter ones by the word).
const MIN_STEM_PREFIX: usize = 3;

/// One place where a topic is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// 0-based paragraph index.
    pub paragraph: u32,
    /// Which of the topic's patterns matched.
    pub pattern: u32,
    /// Byte range in the document text.
    pub start: usize,
    pub end: usize,
}

/// A position in the text as (paragraph, byte offset into the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub paragraph: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Default)]
pub struct TopicMentions {
    /// In document order.
    pub mentions: Vec<Mention>,
    /// Sorted 0-based indexes of the paragraphs that mention the topic.
    pub paragraphs: Vec<u32>,
}

impl TopicMentions {
    /// The first mention that starts after `offset`, if any.
    pub fn next_after(&self, offset: usize) -> Option<usize> {
        let at = self.mentions.partition_point(|m| m.start <= offset);
        (at < self.mentions.len()).then_some(at)
    }

    /// The last mention that starts before `offset`, if any.
    pub fn previous_before(&self, offset: usize) -> Option<usize> {
        self.mentions
            .partition_point(|m| m.start < offset)
            .checked_sub(1)
    }
}

/// Mentions of every topic of a catalogue, in the catalogue's order.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub topics: Vec<TopicMentions>,
}

/// How a pattern's automaton hit becomes a mention.
#[derive(Debug, Clone)]
enum Check {
    /// The hit is the mention; with `Some`, only if it is spelt in exactly these capitals.
    Literal { exact: Option<String> },
    /// The hit starts the first word; the next `stems.len()` words must have these stems.
    Stems { stems: Vec<String> },
}

#[derive(Debug, Clone)]
struct Rule {
    topic: u32,
    pattern: u32,
    sort: PatternSort,
    check: Check,
    /// For short forms, the family of actors that share the form.
    family: Option<u32>,
}

/// Actors and themes may overlap; inside each layer the longest match wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Actor,
    Theme,
}

/// A whole-word hit before overlaps are resolved, in folded coordinates.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    layer: Layer,
    start: usize,
    end: usize,
    rule: u32,
}

/// The compiled form of a topic list, reusable across documents.
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the rules that share its key.
    rules: Vec<Vec<u32>>,
    all_rules: Vec<Rule>,
    /// Each shared short form's (topic, pattern) pairs, in catalogue order.
    families: Vec<Vec<(u32, u32)>>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("rules", &self.all_rules.len())
            .finish_non_exhaustive()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts_word(folded: &str, at: usize) -> bool {
    !folded[..at].chars().next_back().is_some_and(is_word_char)
}

fn ends_word(folded: &str, at: usize) -> bool {
    !folded[at..].chars().next().is_some_and(is_word_char)
}

fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}

impl Matcher {
    pub fn new(topics: &[Topic]) -> Matcher {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut keys: Vec<String> = Vec::new();
        let mut key_ids: HashMap<String, usize> = HashMap::new();
        let mut rules: Vec<Vec<u32>> = Vec::new();
        let mut all_rules = Vec::new();
        let mut families: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut family_ids: HashMap<String, u32> = HashMap::new();
        for (topic_index, topic) in topics.iter().enumerate() {
            for (pattern_index, pattern) in topic.patterns.iter().enumerate() {
                let folded = fold(&pattern.text);
                let (key, check) = if pattern.sort == PatternSort::Term {
                    let lower = folded.to_lowercase();
                    let words: Vec<&str> = lower.split(' ').collect();
                    let stems: Vec<String> =
                        words.iter().map(|w| stemmer.stem(w).into_owned()).collect();
                    let shared = common_prefix_len(words[0], &stems[0]);
                    let key = if shared >= MIN_STEM_PREFIX {
                        words[0][..shared].to_string()
                    } else {
                        words[0].to_string()
                    };
                    (key, Check::Stems { stems })
                } else {
                    let exact = (pattern.case == Case::Exact).then(|| folded.clone());
                    (folded.to_lowercase(), Check::Literal { exact })
                };
                if key.is_empty() {
                    continue;
                }
                let family = (pattern.sort == PatternSort::Short).then(|| {
                    let id = *family_ids.entry(key.clone()).or_insert_with(|| {
                        families.push(Vec::new());
                        families.len() as u32 - 1
                    });
                    families[id as usize].push((topic_index as u32, pattern_index as u32));
                    id
                });
                let key_id = *key_ids.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    rules.push(Vec::new());
                    keys.len() - 1
                });
                rules[key_id].push(all_rules.len() as u32);
                all_rules.push(Rule {
                    topic: topic_index as u32,
                    pattern: pattern_index as u32,
                    sort: pattern.sort,
                    check,
                    family,
                });
            }
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .ok()
        };
        Matcher {
            automaton,
            rules,
            all_rules,
            families,
            stemmer,
        }
    }

    /// Finds every mention of every topic in the document.
    pub fn index(&self, document: &Document, topic_count: usize, is_actor: &[bool]) -> Index {
        let mut scan = Scan {
            matcher: self,
            document,
            is_actor,
            folder: Folder::default(),
            batch_paragraphs: Vec::new(),
            found: Vec::new(),
            word: String::new(),
        };
        let text = document.text();
        for (index, paragraph) in document.paragraphs().iter().enumerate() {
            scan.batch_paragraphs
                .push((scan.folder.folded().len(), index as u32));
            scan.folder
                .push(&text[paragraph.start..paragraph.end], paragraph.start, false);
            scan.folder.push_break(paragraph.end);
            if scan.folder.folded().len() >= BATCH_BYTES {
                scan.flush();
            }
        }
        scan.flush();
        let found = scan.found;
        self.assemble(found, topic_count)
    }

    /// Resolves shared short forms and sorts mentions by topic.
    fn assemble(&self, found: Vec<(u32, Mention)>, topic_count: usize) -> Index {
        let mut topics = vec![TopicMentions::default(); topic_count];
        let mut pending = Vec::new();
        for (rule_id, mention) in found {
            let rule = &self.all_rules[rule_id as usize];
            match rule.family {
                Some(family) if self.families[family as usize].len() > 1 => {
                    pending.push((family, mention));
                }
                _ => topics[rule.topic as usize].mentions.push(mention),
            }
        }
        for (family, mention) in pending {
            let (topic, pattern) = self.resolve_short(family, &mention, &topics);
            topics[topic as usize]
                .mentions
                .push(Mention { pattern, ..mention });
        }
        for topic in &mut topics {
            topic.mentions.sort_by_key(|m| m.start);
            topic.paragraphs = topic.mentions.iter().map(|m| m.paragraph).collect();
            topic.paragraphs.dedup();
        }
        Index { topics }
    }

    /// The family member named nearest before the short form in its paragraph, else the
    /// member the document names first, else the first in the catalogue.
    fn resolve_short(&self, family: u32, mention: &Mention, topics: &[TopicMentions]) -> (u32, u32) {
        let members = &self.families[family as usize];
        let full_mentions = |topic: u32| topics[topic as usize].mentions.iter();
        let nearest = members
            .iter()
            .filter_map(|&(topic, pattern)| {
                full_mentions(topic)
                    .filter(|m| m.paragraph == mention.paragraph && m.start < mention.start)
                    .map(|m| m.start)
                    .max()
                    .map(|start| (start, (topic, pattern)))
            })
            .max();
        if let Some((_, member)) = nearest {
            return member;
        }
        members
            .iter()
            .filter_map(|&(topic, pattern)| {
                full_mentions(topic).next().map(|m| (m.start, (topic, pattern)))
            })
            .min()
            .map_or(members[0], |(_, member)| member)
    }
}

/// The state of one pass over a document.
struct Scan<'a> {
    matcher: &'a Matcher,
    document: &'a Document,
    is_actor: &'a [bool],
    folder: Folder,
    /// (folded start, paragraph index) of each paragraph in the current batch.
    batch_paragraphs: Vec<(usize, u32)>,
    found: Vec<(u32, Mention)>,
    word: String,
}

impl Scan<'_> {
    fn flush(&mut self) {
        let Some(automaton) = &self.matcher.automaton else {
            self.folder.clear();
            self.batch_paragraphs.clear();
            return;
        };
        let folded = self.folder.folded();
        let mut candidates = Vec::new();
        for hit in automaton.find_overlapping_iter(folded) {
            if !starts_word(folded, hit.start()) {
                continue;
            }
            for &rule_id in &self.matcher.rules[hit.pattern().as_usize()] {
                let rule = &self.matcher.all_rules[rule_id as usize];
                let end = match &rule.check {
                    Check::Literal { exact } => {
                        if !ends_word(folded, hit.end())
                            || exact
                                .as_ref()
                                .is_some_and(|e| e.as_bytes() != &folded.as_bytes()[hit.range()])
                        {
                            continue;
                        }
                        hit.end()
                    }
                    Check::Stems { stems } => {
                        match stem_match(&self.matcher.stemmer, folded, hit.start(), stems, &mut self.word) {
                            Some(end) => end,
                            None => continue,
                        }
                    }
                };
                let layer = if self.is_actor[rule.topic as usize] {
                    Layer::Actor
                } else {
                    Layer::Theme
                };
                candidates.push(Candidate {
                    layer,
                    start: hit.start(),
                    end,
                    rule: rule_id,
                });
            }
        }
        // Longest first, then earliest; a candidate overlapping an accepted one in its layer loses.
        candidates.sort_by_key(|c| (c.layer, std::cmp::Reverse(c.end - c.start), c.start, c.rule));
        let mut taken: [BTreeMap<usize, usize>; 2] = [BTreeMap::new(), BTreeMap::new()];
        let text = self.document.text();
        for candidate in candidates {
            let accepted = &mut taken[candidate.layer as usize];
            let overlaps_before = accepted
                .range(..candidate.end)
                .next_back()
                .is_some_and(|(_, &end)| end > candidate.start);
            if overlaps_before {
                continue;
            }
            accepted.insert(candidate.start, candidate.end);
            let rule = &self.matcher.all_rules[candidate.rule as usize];
            if rule.sort == PatternSort::Exclude {
                continue;
            }
            let slot = self
                .batch_paragraphs
                .partition_point(|&(start, _)| start <= candidate.start)
                - 1;
            let paragraph = self.batch_paragraphs[slot].1;
            let (start, end) = self.folder.source_range(text, candidate.start, candidate.end);
            self.found.push((
                candidate.rule,
                Mention {
                    paragraph,
                    pattern: rule.pattern,
                    start,
                    end,
                },
            ));
        }
        self.folder.clear();
        self.batch_paragraphs.clear();
    }
}

/// Checks that the words from `start` have the wanted stems; returns the end of the last word.
fn stem_match(
    stemmer: &Stemmer,
    folded: &str,
    start: usize,
    stems: &[String],
    word: &mut String,
) -> Option<usize> {
    let mut at = start;
    for (i, stem) in stems.iter().enumerate() {
        if i > 0 {
            at = at + folded[at..].strip_prefix(' ').map(|_| 1)?;
        }
        let length = folded[at..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(folded.len() - at, |(n, _)| n);
        if length == 0 {
            return None;
        }
        word.clear();
        word.extend(folded[at..at + length].chars().flat_map(char::to_lowercase));
        if stemmer.stem(word) != stem.as_str() {
            return None;
        }
        at += length;
    }
    Some(at)
}

/// Indexes `document` for `topics`.
pub fn build(document: &Document, topics: &[Topic]) -> Index {
    let matcher = Matcher::new(topics);
    let is_actor: Vec<bool> = topics.iter().map(|t| t.group.is_actor()).collect();
    matcher.index(document, topics.len(), &is_actor)
}
