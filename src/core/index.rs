//! The mention index: the topic patterns in two automata (one walked only from capitals),
//! one pass over the folded text, longest match first, each mention kept as a byte range of
//! the original text.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use aho_corasick::automaton::Automaton;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind, StartKind,
};
use rust_stemmers::{Algorithm, Stemmer};

use crate::core::catalogue::{Case, Origin, PatternSort, Topic};
use crate::core::document::Document;
use crate::core::fold::{Folder, fold, fold_batches, lowercase, lowercase_into, paragraph_of};
use crate::core::ids::{ParagraphId, TopicId};
use crate::core::parts::in_parallel;

/// Paragraphs are folded and searched in batches of about this many bytes.
const BATCH_BYTES: usize = 256 * 1024;

/// Texts smaller than this are not worth a second thread.
const PARALLEL_MIN_BYTES: usize = 4 * 1024 * 1024;

/// Theme terms are found by a prefix of their stem at least this long (shorter ones by the word).
const MIN_STEM_PREFIX: usize = 3;

/// The most names searched by a DFA (see `Matcher::new`).
const DFA_MAX_KEYS: usize = 5_000;

/// One place where a topic is named; 16 bytes, since a large text has millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset in the document text.
    pub start: usize,
    pub paragraph: ParagraphId,
    /// Length in bytes (a longer match is not kept).
    pub len: u16,
    /// Which of the topic's patterns matched.
    pub pattern: u16,
}

impl Mention {
    /// The byte offset just past the mention.
    pub fn end(&self) -> usize {
        self.start + self.len as usize
    }
}

#[derive(Debug, Clone, Default)]
pub struct TopicMentions {
    /// In document order.
    pub mentions: Vec<Mention>,
    /// The paragraphs that mention the topic, sorted.
    pub paragraphs: Vec<ParagraphId>,
}

impl TopicMentions {
    /// The index of the first mention that starts at or after `offset` (a binary search);
    /// the number of mentions if there is none.
    pub fn first_from(&self, offset: usize) -> usize {
        self.mentions.partition_point(|m| m.start < offset)
    }

    /// Whether paragraph `paragraph` mentions the topic.
    pub fn mentions_paragraph(&self, paragraph: ParagraphId) -> bool {
        self.paragraphs.binary_search(&paragraph).is_ok()
    }

    /// Adds mentions sorted by start that all come after or before the ones held, as a
    /// worker's batch does; a batch that interleaves is inserted where it starts.
    fn insert_sorted(&mut self, mentions: Vec<Mention>) {
        let Some(first) = mentions.first() else {
            return;
        };
        let at = self.mentions.partition_point(|m| m.start < first.start);
        let mut paragraphs: Vec<ParagraphId> = mentions.iter().map(|m| m.paragraph).collect();
        paragraphs.dedup();
        self.mentions.splice(at..at, mentions);
        let p_at = self.paragraphs.partition_point(|&p| p < paragraphs[0]);
        self.paragraphs.splice(p_at..p_at, paragraphs);
        self.paragraphs.dedup();
    }
}

/// Watches and steers an indexing run from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes of the document scanned so far.
    pub scanned: AtomicUsize,
    /// Set to stop the run at its next batch.
    pub cancelled: AtomicBool,
    /// Set while topics are being discovered, before the index is built.
    pub discovering: AtomicBool,
    /// Milliseconds from the start of the run to the start of the index (after discovery).
    pub index_started_ms: std::sync::atomic::AtomicU64,
}

/// Receives each batch's mentions as (topic, mention) while an index is built.
pub type PartialSink = std::sync::mpsc::Sender<Vec<(TopicId, Mention)>>;

/// Mentions of every topic of a topic list, by topic id.
#[derive(Debug, Clone, Default)]
pub struct Index {
    topics: Vec<TopicMentions>,
}

impl Index {
    /// An index of `topics` topics with no mention found yet.
    pub fn empty(topics: usize) -> Index {
        Index {
            topics: vec![TopicMentions::default(); topics],
        }
    }

    /// The mentions of `topic`; a topic the index does not know has none.
    pub fn get(&self, topic: TopicId) -> &TopicMentions {
        static NONE: TopicMentions = TopicMentions {
            mentions: Vec::new(),
            paragraphs: Vec::new(),
        };
        self.topics.get(topic.index()).unwrap_or(&NONE)
    }

    /// How many topics it covers.
    pub fn len(&self) -> usize {
        self.topics.len()
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }

    /// Each topic's id with its mentions.
    pub fn iter(&self) -> impl Iterator<Item = (TopicId, &TopicMentions)> {
        self.topics
            .iter()
            .enumerate()
            .map(|(at, mentions)| (TopicId::new(at), mentions))
    }

    /// Adds mentions that may fall anywhere among a topic's (a streamed index's resolved
    /// short forms), keeping each topic's mentions and paragraphs in order.
    pub fn merge_spread(&mut self, mentions: Vec<(TopicId, Mention)>) {
        let mut touched = Vec::new();
        for (topic, mention) in mentions {
            if let Some(entry) = self.topics.get_mut(topic.index()) {
                entry.mentions.push(mention);
                touched.push(topic.index());
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for at in touched {
            let entry = &mut self.topics[at];
            entry.mentions.sort_by_key(|m| m.start);
            entry.paragraphs = entry.mentions.iter().map(|m| m.paragraph).collect();
            entry.paragraphs.dedup();
        }
    }

    /// Makes room for `topics` topics (new ones have no mentions yet).
    pub fn resize(&mut self, topics: usize) {
        self.topics.resize(topics, TopicMentions::default());
    }

    /// `topics` ranked: actors, then themes; in each, the catalogue's before the discovered,
    /// each by mentions (most first), ties in list order. The report lists them so, and the
    /// panel orders by it unless asked otherwise.
    pub fn ranking(&self, topics: &[Topic]) -> Vec<TopicId> {
        let mut order: Vec<TopicId> = (0..topics.len()).map(TopicId::new).collect();
        order.sort_by_key(|&id| {
            let topic = &topics[id.index()];
            (
                !topic.group.is_actor(),
                topic.origin == Origin::Discovered,
                std::cmp::Reverse(self.get(id).mentions.len()),
                id,
            )
        });
        order
    }

    /// Adds one worker's batch of (topic, mention), keeping every topic's mentions sorted.
    pub fn merge_batch(&mut self, batch: Vec<(TopicId, Mention)>) {
        let mut by_topic: BTreeMap<TopicId, Vec<Mention>> = BTreeMap::new();
        for (topic, mention) in batch {
            by_topic.entry(topic).or_default().push(mention);
        }
        for (topic, mut mentions) in by_topic {
            // A batch is in the order overlaps were resolved (longest first), not text order.
            mentions.sort_unstable_by_key(|m| m.start);
            if let Some(entry) = self.topics.get_mut(topic.index()) {
                entry.insert_sorted(mentions);
            }
        }
    }
}

/// How a pattern's automaton hit becomes a mention.
#[derive(Debug, Clone)]
enum Check {
    /// The hit is the mention; with `exact`, only if it is spelt in exactly these capitals;
    /// with `proper`, only if it starts with a capital.
    Literal { exact: Option<String>, proper: bool },
    /// The hit starts the first word; the next `stems.len()` words must have these stems.
    Stems { stems: Vec<String> },
}

impl Check {
    /// Whether every hit this check lets through starts with a capital letter.
    fn needs_a_capital(&self) -> bool {
        match self {
            Check::Literal { proper: true, .. } => true,
            Check::Literal {
                exact: Some(exact), ..
            } => exact.chars().next().is_some_and(char::is_uppercase),
            Check::Literal { .. } | Check::Stems { .. } => false,
        }
    }
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
struct RawMatch {
    layer: Layer,
    start: usize,
    end: usize,
    rule: u32,
}

/// The keys every rule of which asks for a capital first letter ("Russia" as a proper name,
/// "NATO" exactly), walked from the words of the text that start with a capital only (one
/// byte in eighty in Swann's Way). An automaton anchored at each such word, not one search
/// of every byte: in discovery on the real book, the gazetteer's scan was over a quarter of
/// the CPU time, its search of every byte alone an eighth.
enum CapitalWalk {
    Dfa(aho_corasick::dfa::DFA),
    /// Past `DFA_MAX_KEYS` keys, for the reason `searches` gives.
    Nfa(aho_corasick::nfa::contiguous::NFA),
}

impl CapitalWalk {
    fn build(keys: &[&str], ascii_case_insensitive: bool) -> Option<CapitalWalk> {
        if keys.is_empty() {
            return None;
        }
        if keys.len() <= DFA_MAX_KEYS {
            aho_corasick::dfa::Builder::new()
                .ascii_case_insensitive(ascii_case_insensitive)
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .build(keys)
                .ok()
                .map(CapitalWalk::Dfa)
        } else {
            aho_corasick::nfa::contiguous::Builder::new()
                .ascii_case_insensitive(ascii_case_insensitive)
                .match_kind(MatchKind::Standard)
                .build(keys)
                .ok()
                .map(CapitalWalk::Nfa)
        }
    }

    /// Every key that starts at `at` in `searched`: (automaton pattern, end).
    fn keys_at(&self, searched: &[u8], at: usize, found: impl FnMut(usize, usize)) {
        match self {
            CapitalWalk::Dfa(dfa) => walk_from(dfa, searched, at, found),
            CapitalWalk::Nfa(nfa) => walk_from(nfa, searched, at, found),
        }
    }
}

/// Runs an anchored automaton from `at` until it can match no more, reporting each key that
/// starts at `at` (a state's matches may include shorter keys that start later).
fn walk_from<A: Automaton>(
    automaton: &A,
    searched: &[u8],
    at: usize,
    mut found: impl FnMut(usize, usize),
) {
    let Ok(mut state) = automaton.start_state(Anchored::Yes) else {
        return;
    };
    for (end, &byte) in searched.iter().enumerate().skip(at) {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if !automaton.is_special(state) {
            continue;
        }
        if automaton.is_dead(state) {
            return;
        }
        if automaton.is_match(state) {
            for index in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, index);
                if end + 1 == at + automaton.pattern_len(pattern) {
                    found(pattern.as_usize(), end + 1);
                }
            }
        }
    }
}

/// Calls `found` with each offset of `folded` where a word starts with a capital letter.
// Eight bytes at a time, with a test for the range A-Z that no crate offers (memchr finds
// given bytes, not a range): a loop testing each byte cost two thirds of the search it
// replaced.
fn each_capital_word(folded: &str, mut found: impl FnMut(usize)) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = folded.as_bytes();
    let mut check = |at: usize| {
        let byte = bytes[at];
        let capital = if byte.is_ascii() {
            byte.is_ascii_uppercase()
        } else {
            // Only a character's first byte: 0b11xx_xxxx.
            byte >= 0xC0 && folded[at..].chars().next().is_some_and(char::is_uppercase)
        };
        if capital && starts_word(folded, at) {
            found(at);
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let low = x & !HIGH;
        // Per byte, without carries between bytes: the high bit is set from 'A' (0x41) up,
        // and from past 'Z' (0x5B) up.
        let from_a = low + 0x3F3F_3F3F_3F3F_3F3F;
        let past_z = low + 0x2525_2525_2525_2525;
        // Capitals, and every byte of a character outside ASCII.
        let mut marked = ((from_a & !past_z) | x) & HIGH;
        while marked != 0 {
            check(base + (marked.trailing_zeros() / 8) as usize);
            marked &= marked - 1;
        }
        base += 8;
    }
    for at in base..bytes.len() {
        check(at);
    }
}

/// The automata of a matcher's keys (see `Matcher`'s fields of the same names).
struct Searches {
    automaton: Option<(AhoCorasick, Vec<u32>)>,
    capitals: Option<(CapitalWalk, Vec<u32>)>,
    lowercase_haystack: bool,
}

fn searches(keys: &[String], rules: &[Vec<u32>], all_rules: &[Rule]) -> Searches {
    // A DFA searches fastest but costs far more to build: past a few thousand names its
    // construction outweighs the search of a large book, so aho-corasick chooses.
    // For as many names, an automaton that ignores case has twice the transitions, and
    // its failure links dominate the build: the names are matched in a lower-cased copy of
    // each batch instead (ASCII lower-casing keeps every offset).
    let lowercase_haystack = keys.len() > DFA_MAX_KEYS;
    let (capital_keys, anywhere_keys): (Vec<u32>, Vec<u32>) =
        (0..keys.len() as u32).partition(|&key| {
            rules[key as usize]
                .iter()
                .all(|&rule| all_rules[rule as usize].check.needs_a_capital())
        });
    let texts =
        |ids: &[u32]| -> Vec<&str> { ids.iter().map(|&key| keys[key as usize].as_str()).collect() };
    let build = |kind, texts: &[&str]| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(!lowercase_haystack)
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(texts)
            .ok()
    };
    let automaton = if anywhere_keys.is_empty() {
        None
    } else {
        let texts = texts(&anywhere_keys);
        let kind = (texts.len() <= DFA_MAX_KEYS).then_some(AhoCorasickKind::DFA);
        build(kind, &texts)
            .or_else(|| build(None, &texts))
            .map(|automaton| (automaton, anywhere_keys))
    };
    let capitals = CapitalWalk::build(&texts(&capital_keys), !lowercase_haystack)
        .map(|walk| (walk, capital_keys));
    Searches {
        automaton,
        capitals,
        lowercase_haystack,
    }
}

/// The compiled form of a topic list, reusable across documents.
pub struct Matcher {
    /// Each topic's layer, by topic id.
    layers: Vec<Layer>,
    /// The keys that may start anywhere (a theme's terms, "the West"), and each of its
    /// patterns' key.
    automaton: Option<(AhoCorasick, Vec<u32>)>,
    /// The keys that start with a capital, and each of its patterns' key.
    capitals: Option<(CapitalWalk, Vec<u32>)>,
    /// Whether the automata match lower-case names in a lower-cased batch (see `searches`).
    lowercase_haystack: bool,
    /// Whether a key has a letter outside ASCII, which only a lower-cased batch matches.
    keys_beyond_ascii: bool,
    /// For each key, the rules that share it.
    rules: Vec<Vec<u32>>,
    all_rules: Vec<Rule>,
    /// Each shared short form's (topic, pattern) pairs, in catalogue order.
    families: Vec<Vec<(u32, u32)>>,
    /// By topic id: one of the actors a shared short form may name, whose mentions decide it.
    resolves_shorts: Vec<bool>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("rules", &self.all_rules.len())
            .finish_non_exhaustive()
    }
}

// "_Figaro_": plain text marks emphasis with underscores, so one is no part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

// Every hit of the overlapping search is tested, most of them inside a word: an ASCII
// neighbour is read as a byte, and only other characters are decoded.
fn starts_word(folded: &str, at: usize) -> bool {
    match at.checked_sub(1).map(|before| folded.as_bytes()[before]) {
        None => true,
        Some(byte) if byte.is_ascii() => !byte.is_ascii_alphanumeric(),
        Some(_) => !folded[..at].chars().next_back().is_some_and(is_word_char),
    }
}

// A name just before "$" is a currency's: "AU$50 billion" is not the African Union.
fn ends_word(folded: &str, at: usize) -> bool {
    match folded.as_bytes().get(at) {
        None => true,
        Some(byte) if byte.is_ascii() => !(byte.is_ascii_alphanumeric() || *byte == b'$'),
        Some(_) => !folded[at..].chars().next().is_some_and(is_word_char),
    }
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
                    let lower = lowercase(&folded);
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
                    let proper = pattern.case == Case::Proper;
                    (lowercase(&folded), Check::Literal { exact, proper })
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
        let Searches {
            automaton,
            capitals,
            lowercase_haystack,
        } = searches(&keys, &rules, &all_rules);
        let keys_beyond_ascii = keys.iter().any(|key| !key.is_ascii());
        let layers = topics
            .iter()
            .map(|t| {
                if t.group.is_actor() {
                    Layer::Actor
                } else {
                    Layer::Theme
                }
            })
            .collect();
        let mut resolves_shorts = vec![false; topics.len()];
        for family in families.iter().filter(|f| f.len() > 1) {
            for &(topic, _) in family {
                resolves_shorts[topic as usize] = true;
            }
        }
        Matcher {
            layers,
            automaton,
            capitals,
            lowercase_haystack,
            keys_beyond_ascii,
            rules,
            all_rules,
            families,
            resolves_shorts,
            stemmer,
        }
    }

    /// Finds every mention of every topic in the document, splitting large texts across
    /// the machine's cores.
    pub fn index(&self, document: &Document) -> Index {
        let progress = Progress::default();
        self.index_observed(document, &progress).unwrap_or_default()
    }

    /// As `index`, reporting bytes scanned to `progress` and stopping (`None`) once it is
    /// cancelled.
    pub fn index_observed(&self, document: &Document, progress: &Progress) -> Option<Index> {
        self.scan_all(document, progress, None)
    }

    /// The index sent as it is made: each batch's mentions go to `batches` as (topic,
    /// mention) and are not kept here, so that the mentions exist once, with the receiver,
    /// not three times over. The short forms several actors share can only be told apart at
    /// the end; they are returned, for `Index::merge_spread`. `None` once cancelled.
    pub fn index_streamed(
        &self,
        document: &Document,
        progress: &Progress,
        batches: &PartialSink,
    ) -> Option<Vec<(TopicId, Mention)>> {
        let kept = self.scan_all(document, progress, Some(batches))?;
        // (topic, pattern) of every shared short form: what `assemble` filed under them, and
        // only that, was not sent.
        let mut shorts: Vec<(u32, u32)> = self
            .families
            .iter()
            .filter(|family| family.len() > 1)
            .flatten()
            .copied()
            .collect();
        shorts.sort_unstable();
        Some(
            kept.iter()
                .filter(|(topic, _)| self.resolves_shorts[topic.index()])
                .flat_map(|(topic, found)| {
                    let shorts = &shorts;
                    found
                        .mentions
                        .iter()
                        .filter(move |m| {
                            let key = (topic.index() as u32, u32::from(m.pattern));
                            shorts.binary_search(&key).is_ok()
                        })
                        .map(move |&m| (topic, m))
                })
                .collect(),
        )
    }

    fn scan_all(
        &self,
        document: &Document,
        progress: &Progress,
        partial: Option<&PartialSink>,
    ) -> Option<Index> {
        let found = in_parallel(document, PARALLEL_MIN_BYTES, |range| {
            self.scan_range(document, range, progress, partial)
        })
        .into_iter()
        // Kept per worker, not concatenated: one copy of the mentions, not two.
        // A worker only panics on a bug: an index without its part would be silently wrong,
        // so the panic is the caller's (the reader's job reports it and goes on).
        .map(|part| part.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        .collect();
        if progress.cancelled.load(Ordering::Relaxed) {
            return None;
        }
        Some(self.assemble(found))
    }

    /// Scans paragraphs `range` in batches; mentions come out in document order.
    fn scan_range(
        &self,
        document: &Document,
        range: std::ops::Range<usize>,
        progress: &Progress,
        partial: Option<&PartialSink>,
    ) -> Vec<(u32, Mention)> {
        let mut scan = Scan {
            matcher: self,
            document,
            found: Vec::new(),
            word: String::new(),
            stems: StemCache::default(),
            lowered: String::new(),
        };
        let mut sent = 0;
        fold_batches(document, range, BATCH_BYTES, |folder, starts| {
            scan.scan_batch(folder, starts);
            let paragraphs = document.paragraphs();
            let first = paragraphs[starts[0].1.index()].start;
            let last = paragraphs[starts[starts.len() - 1].1.index()].end;
            progress.scanned.fetch_add(last - first, Ordering::Relaxed);
            if let Some(sink) = partial {
                let batch: Vec<(TopicId, Mention)> = scan.found[sent..]
                    .iter()
                    .filter(|(rule, _)| !self.is_shared_short(*rule))
                    .map(|&(rule, mention)| (self.topic_of(rule), mention))
                    .collect();
                // What is sent is not kept, but for what the shared short forms need: their
                // hits, and the mentions of the actors they may name.
                let needed: Vec<(u32, Mention)> = scan
                    .found
                    .drain(sent..)
                    .filter(|&(rule, _)| {
                        self.is_shared_short(rule)
                            || self.resolves_shorts[self.all_rules[rule as usize].topic as usize]
                    })
                    .collect();
                scan.found.extend(needed);
                sent = scan.found.len();
                // A watcher that has gone away only stops the partial reports.
                let _ = sink.send(batch);
            }
            !progress.cancelled.load(Ordering::Relaxed)
        });
        scan.found
    }

    /// The mentions in paragraphs `range` on this thread, in document order, as (topic,
    /// mention); a short form shared by several actors stays with the one it was written for.
    pub fn scan(
        &self,
        document: &Document,
        range: std::ops::Range<usize>,
    ) -> Vec<(TopicId, Mention)> {
        let progress = Progress::default();
        self.scan_range(document, range, &progress, None)
            .into_iter()
            .map(|(rule, mention)| (self.topic_of(rule), mention))
            .collect()
    }

    /// (start, end, key) of every key that starts a word of `haystack`, found in `searched`
    /// (the same, or its lower-cased copy).
    fn hits(&self, haystack: &str, searched: &str) -> Vec<(usize, usize, u32)> {
        let mut hits = Vec::new();
        if let Some((automaton, keys)) = &self.automaton {
            for hit in automaton.find_overlapping_iter(searched) {
                if starts_word(haystack, hit.start()) {
                    hits.push((hit.start(), hit.end(), keys[hit.pattern().as_usize()]));
                }
            }
        }
        if let Some((walk, keys)) = &self.capitals {
            each_capital_word(haystack, |start| {
                walk.keys_at(searched.as_bytes(), start, |pattern, end| {
                    hits.push((start, end, keys[pattern]));
                });
            });
        }
        hits
    }

    fn topic_of(&self, rule: u32) -> TopicId {
        TopicId::new(self.all_rules[rule as usize].topic as usize)
    }

    /// Whether a rule is a short form shared by several actors, resolved only at the end.
    fn is_shared_short(&self, rule: u32) -> bool {
        self.all_rules[rule as usize]
            .family
            .is_some_and(|family| self.families[family as usize].len() > 1)
    }

    /// Resolves shared short forms and sorts mentions by topic.
    fn assemble(&self, found: Vec<Vec<(u32, Mention)>>) -> Index {
        let mut topics = vec![TopicMentions::default(); self.layers.len()];
        let mut pending = Vec::new();
        for (rule_id, mention) in found.into_iter().flatten() {
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
            topics[topic as usize].mentions.push(Mention {
                pattern: u16::try_from(pattern).unwrap_or(u16::MAX),
                ..mention
            });
        }
        for topic in &mut topics {
            topic.mentions.sort_by_key(|m| m.start);
            topic.paragraphs = topic.mentions.iter().map(|m| m.paragraph).collect();
            topic.paragraphs.dedup();
        }
        Index { topics }
    }

    /// The family member named nearest before the short form, else the
    /// member the document names first, else the first in the catalogue.
    fn resolve_short(
        &self,
        family: u32,
        mention: &Mention,
        topics: &[TopicMentions],
    ) -> (u32, u32) {
        let members = &self.families[family as usize];
        let full_mentions = |topic: u32| topics[topic as usize].mentions.iter();
        let nearest = members
            .iter()
            .filter_map(|&(topic, pattern)| {
                full_mentions(topic)
                    .filter(|m| m.start < mention.start)
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
                full_mentions(topic)
                    .next()
                    .map(|m| (m.start, (topic, pattern)))
            })
            .min()
            .map_or(members[0], |(_, member)| member)
    }
}

/// What the automata search: the batch itself, or its lower-cased copy in `buffer`. The
/// case-blind automata know only A-Z: a batch with other letters is lowered for keys that
/// have such letters too.
fn lowered<'a>(matcher: &Matcher, haystack: &'a str, buffer: &'a mut String) -> &'a str {
    let other_letters = matcher.keys_beyond_ascii && !haystack.is_ascii();
    if !matcher.lowercase_haystack && !other_letters {
        return haystack;
    }
    lowercase_into(haystack, buffer);
    buffer
}

/// The state of one pass over a document.
struct Scan<'a> {
    matcher: &'a Matcher,
    document: &'a Document,
    found: Vec<(u32, Mention)>,
    word: String,
    stems: StemCache,
    /// The batch lower-cased, when the matcher searches that.
    lowered: String,
}

impl Scan<'_> {
    /// Finds the mentions in one folded batch; `starts` holds (folded start, paragraph).
    fn scan_batch(&mut self, folder: &Folder, starts: &[(usize, ParagraphId)]) {
        let haystack = folder.folded();
        let searched = lowered(self.matcher, haystack, &mut self.lowered);
        let hits = self.matcher.hits(haystack, searched);
        let mut candidates = Vec::new();
        for (start, hit_end, key) in hits {
            for &rule_id in &self.matcher.rules[key as usize] {
                let rule = &self.matcher.all_rules[rule_id as usize];
                let end = match &rule.check {
                    Check::Literal { exact, proper } => {
                        if !ends_word(haystack, hit_end)
                            || exact.as_ref().is_some_and(|e| {
                                e.as_bytes() != &haystack.as_bytes()[start..hit_end]
                            })
                            || (*proper
                                && !haystack[start..]
                                    .chars()
                                    .next()
                                    .is_some_and(char::is_uppercase))
                        {
                            continue;
                        }
                        hit_end
                    }
                    Check::Stems { stems } => {
                        match stem_match(
                            &self.matcher.stemmer,
                            haystack,
                            start,
                            stems,
                            &mut self.word,
                            &mut self.stems,
                        ) {
                            Some(end) => end,
                            None => continue,
                        }
                    }
                };
                let layer = self.matcher.layers[rule.topic as usize];
                candidates.push(RawMatch {
                    layer,
                    start,
                    end,
                    rule: rule_id,
                });
            }
        }
        // Longest first, then earliest; a candidate overlapping an accepted one in its layer loses.
        // An exclusion spelt like another topic's name does not block that name.
        let excluded =
            |c: &RawMatch| self.matcher.all_rules[c.rule as usize].sort == PatternSort::Exclude;
        candidates.sort_by_key(|c| {
            (
                c.layer,
                std::cmp::Reverse(c.end - c.start),
                c.start,
                excluded(c),
                c.rule,
            )
        });
        let mut taken: [BTreeMap<usize, usize>; 2] = [BTreeMap::new(), BTreeMap::new()];
        let text = self.document.text();
        let skips_code = self.document.has_unsearched();
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
            let paragraph = paragraph_of(starts, candidate.start);
            let (start, end) = folder.source_range(text, candidate.start, candidate.end);
            // Code is not prose: a key name in a code block names no actor.
            if skips_code && self.document.is_unsearched(start) {
                continue;
            }
            let (Ok(len), Ok(pattern)) = (u16::try_from(end - start), u16::try_from(rule.pattern))
            else {
                continue;
            };
            self.found.push((
                candidate.rule,
                Mention {
                    start,
                    paragraph,
                    len,
                    pattern,
                },
            ));
        }
    }
}

/// The stems of the words a scan has met: a text uses a few tens of thousands of words
/// millions of times, and stemming each time was a tenth of the index's time on a book.
#[derive(Default)]
struct StemCache {
    stems: foldhash::HashMap<String, String>,
}

impl StemCache {
    /// Words past this many are stemmed each time: memory stays bounded on any text.
    const MAX_WORDS: usize = 1 << 16;

    fn stem(&mut self, stemmer: &Stemmer, word: &str) -> &str {
        if !self.stems.contains_key(word) {
            let stem = stemmer.stem(word).into_owned();
            if self.stems.len() >= Self::MAX_WORDS {
                self.stems.clear();
            }
            self.stems.insert(word.to_string(), stem);
        }
        self.stems.get(word).map_or("", String::as_str)
    }
}

/// Checks that the words from `start` have the wanted stems; returns the end of the last word.
fn stem_match(
    stemmer: &Stemmer,
    folded: &str,
    start: usize,
    stems: &[String],
    word: &mut String,
    cache: &mut StemCache,
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
        let found = &folded[at..at + length];
        if found.is_ascii() {
            word.push_str(found);
            word.make_ascii_lowercase();
        } else {
            word.extend(found.chars().flat_map(char::to_lowercase));
        }
        if cache.stem(stemmer, word) != stem.as_str() {
            return None;
        }
        at += length;
    }
    Some(at)
}

/// Indexes `document` for `topics`.
pub fn build(document: &Document, topics: &[Topic]) -> Index {
    Matcher::new(topics).index(document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::{Catalogue, Pattern};
    use crate::core::document::{Format, Source};
    use rstest::rstest;

    /// A catalogue actor with one name, asked in `case`.
    fn actor(label: &str, case: Case) -> Topic {
        use crate::core::catalogue::{ActorKind, Group};
        Topic {
            id: label.to_lowercase(),
            label: label.to_string(),
            group: Group::Actor(ActorKind::Other),
            origin: Origin::Catalogue,
            patterns: vec![Pattern {
                text: label.to_string(),
                sort: PatternSort::Alias,
                case,
            }],
        }
    }

    /// The reader's index, streamed in batches and completed by the resolved short forms,
    /// is the index built at once: once in one part, and in two parts on two threads.
    #[rstest]
    #[case::one_part(1)]
    #[case::two_parts(PARALLEL_MIN_BYTES / crate::core::bundled::document().text().len() + 1)]
    fn a_streamed_index_is_the_index(#[case] copies: usize) {
        // "Kim" alone is either Kim: the one named last before it.
        let part = format!(
            "{}\n\nKim Jong-il ruled first. Kim died in 2011.\n\nKim Jong Un came next; Kim rules.\n\n",
            crate::core::bundled::document().text()
        );
        let text = part.repeat(copies);
        let document = Document::from_str(&text, Source::Bundled, Format::Plain);
        let topics = crate::core::bundled::catalogue().unwrap().topics;
        let matcher = Matcher::new(&topics);
        assert!(
            matcher.resolves_shorts.iter().any(|&r| r),
            "the catalogue shares a short form"
        );
        let whole = matcher.index(&document);
        let (sink, batches) = std::sync::mpsc::channel();
        let shorts = matcher
            .index_streamed(&document, &Progress::default(), &sink)
            .unwrap();
        assert!(!shorts.is_empty());
        drop(sink);
        let mut streamed = Index::empty(topics.len());
        for batch in batches {
            streamed.merge_batch(batch);
        }
        streamed.merge_spread(shorts);
        for (topic, found) in whole.iter() {
            assert_eq!(
                streamed.get(topic).mentions,
                found.mentions,
                "{}",
                topics[topic.index()].id
            );
            assert_eq!(streamed.get(topic).paragraphs, found.paragraphs);
        }
    }

    /// "_Figaro_": plain text marks emphasis with underscores, and the name inside is found,
    /// by the capital walk too.
    #[rstest]
    #[case::small_catalogue(0)]
    #[case::past_the_dfa(DFA_MAX_KEYS + 1)]
    fn a_name_between_underscores_is_found(#[case] padding: usize) {
        let mut topics = vec![actor("Figaro", Case::Proper), actor("Phèdre", Case::Proper)];
        topics.extend((0..padding).map(|i| actor(&format!("Padding Name {i}"), Case::Proper)));
        let text = "He read the _Figaro_, then _Phèdre_; _Figaro_ again.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let index = Matcher::new(&topics).index(&document);
        let said = |topic| -> Vec<&str> {
            let mentions = &index.get(TopicId::new(topic)).mentions;
            mentions.iter().map(|m| &text[m.start..m.end()]).collect()
        };
        assert_eq!(said(0), ["Figaro", "Figaro"]);
        assert_eq!(said(1), ["Phèdre"]);
    }

    /// An actor whose names all ask for a capital (proper or exact case) is looked for only
    /// where a word starts with a capital; the same mentions come out wherever in the text,
    /// whatever the position of the capital among eight bytes, and with a catalogue too
    /// large for a DFA. "the West" starts lower-case and is searched for everywhere.
    #[rstest]
    #[case::small_catalogue(0)]
    #[case::past_the_dfa(DFA_MAX_KEYS + 1)]
    fn names_asked_with_a_capital_are_found_at_capitals(#[case] padding: usize) {
        let mut topics = vec![
            actor("Russia", Case::Proper),
            actor("Austria", Case::Proper),
            actor("Zambia", Case::Proper),
            actor("NATO", Case::Exact),
            actor("the West", Case::Exact),
            // A state of the walk that ends "North Korea" also ends "Korea", whose rule
            // comes first.
            actor("Korea", Case::Proper),
            actor("North Korea", Case::Proper),
        ];
        topics.extend((0..padding).map(|i| actor(&format!("Padding Name {i}"), Case::Proper)));
        let matcher = Matcher::new(&topics);
        assert!(matcher.capitals.is_some() && matcher.automaton.is_some());
        for offset in 0..16 {
            let text = format!(
                "{} Austria, NATO, «Zambia», North Korea and Über. Korea, XRussia, russia, Nato, \
                the West met Russia",
                "x".repeat(offset)
            );
            let document = Document::from_str(&text, Source::Bundled, Format::Plain);
            let index = matcher.index(&document);
            let said: Vec<Vec<&str>> = (0..7)
                .map(|topic| {
                    let mentions = &index.get(TopicId::new(topic)).mentions;
                    mentions.iter().map(|m| &text[m.start..m.end()]).collect()
                })
                .collect();
            assert_eq!(
                said,
                [
                    vec!["Russia"],
                    vec!["Austria"],
                    vec!["Zambia"],
                    vec!["NATO"],
                    vec!["the West"],
                    vec!["Korea"],
                    vec!["North Korea"],
                ],
                "offset {offset}"
            );
        }
    }

    /// A capital outside ASCII is a capital: "Émile" and "Москва" asked in proper case are
    /// found where the text gives them a capital and not where it does not, "ÖVP" asked
    /// exactly only in those capitals, and a name asked in any case in any case; alike with
    /// a catalogue small enough for the case-blind automaton and one searched lower-cased.
    #[rstest]
    #[case::small_catalogue(0)]
    #[case::past_the_dfa(DFA_MAX_KEYS + 1)]
    fn capitals_outside_ascii_are_capitals(#[case] padding: usize) {
        let mut topics = vec![
            actor("Émile", Case::Proper),
            actor("Łukasz", Case::Proper),
            actor("Москва", Case::Proper),
            actor("ÖVP", Case::Exact),
            actor("ángel", Case::Insensitive),
            actor("Ωmega", Case::Insensitive),
        ];
        topics.extend((0..padding).map(|i| actor(&format!("Padding Name {i}"), Case::Proper)));
        let text = "Émile and émile, Emile; Łukasz, łukasz; Москва, москва; ÖVP, Övp, OVP; \
            Ángel, ÁNGEL, angel; ωMEGA, ΩMEGA";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let index = Matcher::new(&topics).index(&document);
        let said: Vec<Vec<&str>> = (0..6)
            .map(|topic| {
                let mentions = &index.get(TopicId::new(topic)).mentions;
                mentions.iter().map(|m| &text[m.start..m.end()]).collect()
            })
            .collect();
        assert_eq!(
            said,
            [
                vec!["Émile", "Emile"],
                vec!["Łukasz"],
                vec!["Москва"],
                vec!["ÖVP", "OVP"],
                vec!["Ángel", "ÁNGEL", "angel"],
                vec!["ωMEGA", "ΩMEGA"],
            ]
        );
    }

    /// A catalogue too large for the case-blind DFA is matched in lower-cased batches: the
    /// bundled topics' mentions are the same with thousands of other names beside them.
    #[test]
    fn a_large_catalogue_finds_what_a_small_one_does() {
        let document = crate::core::bundled::document();
        let small = crate::core::bundled::catalogue().unwrap().topics;
        let mut large = small.clone();
        let mut padding = String::new();
        for i in 0..DFA_MAX_KEYS {
            use std::fmt::Write as _;
            let _ = writeln!(
                padding,
                "[[actor]]\nid = \"pad{i}\"\nlabel = \"Padding Name {i}\"\n"
            );
        }
        large.extend(Catalogue::parse(&padding, "pad.toml").unwrap().topics);
        let (small_matcher, large_matcher) = (Matcher::new(&small), Matcher::new(&large));
        assert!(!small_matcher.lowercase_haystack && large_matcher.lowercase_haystack);
        let (expected, found) = (
            small_matcher.index(&document),
            large_matcher.index(&document),
        );
        let mut any = 0;
        for (topic, mentions) in expected.iter() {
            assert_eq!(
                found.get(topic).mentions,
                mentions.mentions,
                "{}",
                small[topic.index()].id
            );
            any += mentions.mentions.len();
        }
        assert!(any > 50, "the bundled topics are mentioned ({any})");
    }

    const RULES: &str = r#"
        [[actor]]
        id = "us"
        label = "United States"
        aliases = ["US", "U.S.", "America"]
        metonyms = ["Washington"]
        demonyms = ["American"]
        exclude = ["Washington Post"]
        [[actor]]
        id = "nk"
        label = "North Korea"
        aliases = ["DPRK"]
        metonyms = ["Pyongyang"]
        demonyms = ["North Korean"]
        [[actor]]
        id = "sk"
        label = "South Korea"
        demonyms = ["South Korean"]
        [[actor]]
        id = "korea"
        label = "Korea"
        [[actor]]
        id = "russia"
        label = "Russia"
        metonyms = ["Moscow"]
        demonyms = ["Russian"]
        [[actor]]
        id = "ukraine"
        label = "Ukraine"
        [[actor]]
        id = "un"
        label = "United Nations"
        aliases = ["UN"]
        [[actor]]
        id = "kju"
        label = "Kim Jong-un"
        short = ["Kim"]
        [[actor]]
        id = "kji"
        label = "Kim Jong-il"
        short = ["Kim"]
        [[theme]]
        id = "sanctions"
        label = "Sanctions"
        terms = ["sanction"]
        [[theme]]
        id = "war"
        label = "War in Ukraine"
        phrases = ["war in Ukraine"]
        [[theme]]
        id = "arms"
        label = "Arms supplies"
        terms = ["arms supply"]
    "#;

    /// The matched source texts of `topic` in `text`, checking that each offset is exact.
    fn mentions_of(text: &str, topic: &str) -> Vec<String> {
        let catalogue = Catalogue::parse(RULES, "rules.toml").unwrap();
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let index = build(&document, &catalogue.topics);
        let at = catalogue.topics.iter().position(|t| t.id == topic).unwrap();
        index
            .get(TopicId::new(at))
            .mentions
            .iter()
            .map(|m| {
                let paragraph = document.paragraph(m.paragraph);
                assert!(paragraph.start <= m.start && m.end() <= paragraph.end);
                text[m.start..m.end()].to_string()
            })
            .collect()
    }

    #[rstest]
    // Whole words only.
    #[case::us_led("US-led sanctions", "us", &["US"])]
    #[case::not_in_used("sanctions used by them", "us", &[])]
    #[case::not_in_thus("thus we left", "us", &[])]
    #[case::not_in_focus("a focus on US trade", "us", &["US"])]
    #[case::korea_not_in_korean("Korean food", "korea", &[])]
    #[case::korea_alone("Korea and Japan", "korea", &["Korea"])]
    #[case::un_not_in_unesco("UNESCO and the UN", "un", &["UN"])]
    // Case.
    #[case::us_pronoun("help us now", "us", &[])]
    #[case::us_shouting_pronoun("HELP Us", "us", &[])]
    #[case::insensitive_by_default("RUSSIA and russia", "russia", &["RUSSIA", "russia"])]
    #[case::dprk_lower_case("the dprk", "nk", &[])]
    #[case::dotted_abbreviation("the U.S. said", "us", &["U.S."])]
    #[case::dotted_at_sentence_end("aid from the U.S.", "us", &["U.S."])]
    // Longest match, then earliest; excludes.
    #[case::north_korea_not_korea("North Korea fired", "korea", &[])]
    #[case::north_korea_itself("North Korea fired", "nk", &["North Korea"])]
    #[case::south_korean_officials("South Korean officials", "sk", &["South Korean"])]
    #[case::washington_post("the Washington Post reported", "us", &[])]
    #[case::washington_metonym("Washington said", "us", &["Washington"])]
    // Possessives and plurals.
    #[case::possessive("Moscow's plan", "russia", &["Moscow"])]
    #[case::curly_possessive("Moscow’s plan", "russia", &["Moscow"])]
    #[case::plural_possessive("North Koreans' plight", "nk", &["North Koreans"])]
    #[case::demonym_plural("Americans voted", "us", &["Americans"])]
    #[case::demonym("Russian troops", "russia", &["Russian"])]
    // Hyphens, dashes and spaces inside names; compounds count for each side.
    #[case::space_for_hyphen("Kim Jong un met", "kju", &["Kim Jong un"])]
    #[case::non_breaking_hyphen("Kim Jong\u{2011}un met", "kju", &["Kim Jong\u{2011}un"])]
    #[case::en_dash("Kim Jong–un met", "kju", &["Kim Jong–un"])]
    #[case::no_break_space("Kim\u{00A0}Jong-un met", "kju", &["Kim\u{00A0}Jong-un"])]
    #[case::compound_first("the Russia-North Korea alliance", "russia", &["Russia"])]
    #[case::compound_second("the Russia-North Korea alliance", "nk", &["North Korea"])]
    #[case::acronym_compound("DPRK–Russia ties", "nk", &["DPRK"])]
    // Typographic folding, offsets into the original.
    #[case::accent("Pyŏngyang said", "nk", &["Pyŏngyang"])]
    #[case::soft_hyphen("Ko\u{00AD}rea", "korea", &["Ko\u{00AD}rea"])]
    #[case::hard_wrap("met Kim Jong\nun\n\nnext", "kju", &["Kim Jong\nun"])]
    // Paragraph breaks; overlap between actors and themes.
    #[case::no_match_across_paragraphs("North\n\nKorea", "nk", &[])]
    #[case::theme_overlaps_actor_theme("the war in Ukraine", "war", &["war in Ukraine"])]
    #[case::theme_overlaps_actor_actor("the war in Ukraine", "ukraine", &["Ukraine"])]
    // Stems.
    #[case::stems("Sanctions, sanctioned, sanctioning", "sanctions", &["Sanctions", "sanctioned", "sanctioning"])]
    #[case::stem_not_prefix("sanctimonious", "sanctions", &[])]
    #[case::multi_word_stems("arms supplies and arms supply", "arms", &["arms supplies", "arms supply"])]
    // Ambiguous short forms.
    #[case::short_after_full("Kim Jong-il arrived. Later Kim spoke.", "kji", &["Kim Jong-il", "Kim"])]
    #[case::short_nearest("Kim Jong-un and Kim Jong-il met; Kim left", "kji", &["Kim Jong-il", "Kim"])]
    #[case::short_nearest_other("Kim Jong-un and Kim Jong-il met; Kim left", "kju", &["Kim Jong-un"])]
    #[case::short_nearest_across_paragraphs("Kim Jong-un.\n\nKim Jong-il.\n\nKim spoke.", "kji", &["Kim Jong-il", "Kim"])]
    #[case::short_first_introduced("Kim spoke.\n\nKim Jong-un.\n\nKim Jong-il.", "kju", &["Kim", "Kim Jong-un"])]
    fn matching_rules(#[case] text: &str, #[case] topic: &str, #[case] expected: &[&str]) {
        assert_eq!(mentions_of(text, topic), expected);
    }

    #[test]
    fn first_mention_from_an_offset() {
        let catalogue = Catalogue::parse(RULES, "rules.toml").unwrap();
        let text = "Russia.\n\nMoscow and Russia.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let index = build(&document, &catalogue.topics);
        let russia = index.get(TopicId::new(4));
        let starts: Vec<usize> = russia.mentions.iter().map(|m| m.start).collect();
        assert_eq!(starts, [0, 9, 20]);
        assert_eq!(russia.first_from(0), 0);
        assert_eq!(russia.first_from(1), 1);
        assert_eq!(russia.first_from(20), 2);
        assert_eq!(russia.first_from(21), 3);
        assert_eq!(
            russia.paragraphs,
            [ParagraphId::new(0), ParagraphId::new(1)]
        );
    }

    #[test]
    fn large_text_is_indexed_across_batches() {
        let catalogue = Catalogue::parse(RULES, "rules.toml").unwrap();
        let paragraph = "Filler words about Moscow and nothing else at all.\n\n";
        let text = paragraph.repeat(20_000);
        let document = Document::from_str(&text, Source::Bundled, Format::Plain);
        let index = build(&document, &catalogue.topics);
        let russia = index.get(TopicId::new(4));
        assert_eq!(russia.mentions.len(), 20_000);
        assert!(
            russia
                .mentions
                .iter()
                .all(|m| &text[m.start..m.end()] == "Moscow")
        );
    }
}
