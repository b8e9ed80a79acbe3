//! Themes: keyphrases of lower-case words scored in the manner of YAKE (Campos et al., 2020:
//! frequency, spread over sentences, position, and how many different words surround each
//! word), grouped by the stem of their last word.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use rust_stemmers::{Algorithm, Stemmer};

use super::words::{
    self, ADJECTIVE_ENDINGS, DETERMINERS, IRREGULAR_VERBS, NOUNS_WITH_ADJECTIVE_ENDINGS,
    PREPOSITIONS, SUBJECT_PRONOUNS, VERB_MARKERS, Word, is_generic, is_stop_word,
};
use crate::core::document::Document;
use crate::core::ids::ParagraphId;

/// Larger texts are sampled: about this many bytes of paragraphs spread through the text.
const SAMPLE_BYTES: usize = 2 * 1024 * 1024;

/// Longest keyphrase, in words.
const MAX_PHRASE_WORDS: usize = 3;

/// Fewer themes than this and weaker candidates fill the list.
const MIN_THEMES: usize = 5;

/// Below this many paragraphs, a theme's spread is counted in sentences.
const FEW_PARAGRAPHS: usize = 8;

/// Members of a theme beyond its label.
const MAX_MEMBERS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyphrase {
    pub label: String,
    pub terms: Vec<String>,
}

/// What a word says of the word after it, read once per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// A determiner: a noun follows.
    Noun,
    /// A preposition: a noun or a gerund follows.
    NounAfterPreposition,
    /// "to" or a modal: a verb follows.
    Verb,
    /// A subject pronoun: a verb follows ("it seeks").
    Subject,
    Nothing,
}

impl Lead {
    /// One hash probe per word of the text, not a scan of three lists.
    fn of(lower: &str) -> Lead {
        static LEADS: std::sync::OnceLock<HashMap<&'static str, Lead>> = std::sync::OnceLock::new();
        let leads = LEADS.get_or_init(|| {
            let mut leads = HashMap::new();
            for (words, lead) in [
                (&PREPOSITIONS, Lead::NounAfterPreposition),
                (&VERB_MARKERS, Lead::Verb),
                (&DETERMINERS, Lead::Noun),
                (&SUBJECT_PRONOUNS, Lead::Subject),
            ] {
                for word in words.iter() {
                    leads.insert(word, lead);
                }
            }
            leads
        });
        if lower.len() > 8 {
            return Lead::Nothing;
        }
        leads.get(lower).copied().unwrap_or(Lead::Nothing)
    }
}

#[derive(Debug, Default)]
struct WordStats {
    count: usize,
    /// Times it ends a run of content words: nouns do, adjectives rarely.
    ends_run: usize,
    /// Times it ends a run of two or more: "US-led sanctions", not "it requires".
    ends_long_run: usize,
    /// Times a determiner comes before it: nouns have them, verbs do not.
    after_determiner: usize,
    /// Times "to" or a modal comes before it ("to strengthen", "may exercise"): a verb.
    after_verb_marker: usize,
    /// Times a preposition comes before it ("in sanctions"): a noun, or a gerund.
    after_preposition: usize,
    /// Times a subject pronoun comes before it ("it seeks"): a verb.
    after_subject: usize,
    /// Times "of" comes after it ("on behalf of", "the length of"): a word that needs
    /// what follows to name anything.
    before_of: usize,
    sentences: usize,
    last_sentence: Option<usize>,
    sentence_sum: usize,
    left: HashSet<u32>,
    right: HashSet<u32>,
}

#[derive(Debug, Default)]
struct PhraseStats {
    count: usize,
    paragraphs: usize,
    last_paragraph: Option<usize>,
    sentences: usize,
    last_sentence: Option<usize>,
}

impl PhraseStats {
    fn seen(&mut self, paragraph: usize, sentence: usize) {
        self.count += 1;
        if self.last_paragraph != Some(paragraph) {
            self.paragraphs += 1;
            self.last_paragraph = Some(paragraph);
        }
        if self.last_sentence != Some(sentence) {
            self.sentences += 1;
            self.last_sentence = Some(sentence);
        }
    }
}

/// A word that can be part of a theme: lower case (or a sentence's capitalised first word
/// that the text also writes in lower case), letters only, not a stop word.
fn content_word(surface: &str, word: &Word, lower_seen: &HashSet<String>) -> Option<String> {
    let surface = surface
        .strip_suffix("'s")
        .or_else(|| surface.strip_suffix("\u{2019}s"))
        .unwrap_or(surface);
    let first = surface.chars().next()?;
    let lower = surface.to_lowercase();
    if first.is_uppercase() && !(word.sentence_start && lower_seen.contains(&lower)) {
        return None;
    }
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    let body = if first.is_uppercase() {
        &lower
    } else {
        surface
    };
    if letters < 3
        || !body.chars().all(|c| c.is_lowercase() || c == '-')
        || surface.ends_with("ly")
        || is_stop_word(&lower)
        || words::is_name_connector(&lower)
    {
        return None;
    }
    Some(lower)
}

/// Word and phrase counts over the sampled paragraphs.
#[derive(Debug, Default)]
struct Counts {
    vocabulary: Vec<String>,
    stats: Vec<WordStats>,
    phrases: HashMap<Vec<u32>, PhraseStats>,
    sentences: usize,
    /// How often a word is followed by "in" or "on" and a name: "war in Ukraine".
    places: HashMap<(u32, String), usize>,
}

/// Paragraphs to read: all of them, or on a large text some spread through it.
pub(super) fn sample(document: &Document) -> Vec<usize> {
    let paragraphs = document.paragraphs();
    let total = document.text().len().max(1);
    let stride = total.div_ceil(SAMPLE_BYTES).max(1);
    (0..paragraphs.len())
        .filter(|p| p % stride == 0)
        .filter(|&p| paragraphs[p].kind.is_prose())
        .collect()
}

/// The words of paragraph `at`, less those in inline code.
fn split_prose(document: &Document, at: usize, buffer: &mut Vec<words::Word>) {
    words::split(
        document.paragraph_text(ParagraphId::new(at)),
        document.paragraphs()[at].start,
        false,
        buffer,
    );
    if document.has_unsearched() {
        buffer.retain(|word| !document.is_unsearched(word.start));
    }
}

fn count(document: &Document, sample: &[usize], actor_words: &HashSet<String>) -> Counts {
    let text = document.text();
    let mut buffer = Vec::new();
    let mut lower_seen = HashSet::new();
    for &at in sample {
        split_prose(document, at, &mut buffer);
        for word in &buffer {
            let surface = &text[word.start..word.end];
            if surface.chars().next().is_some_and(char::is_lowercase) {
                lower_seen.insert(surface.to_lowercase());
            }
        }
    }
    let mut counts = Counts::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut chunk: Vec<u32> = Vec::new();
    let mut previous = Lead::Nothing;
    for &at in sample {
        split_prose(document, at, &mut buffer);
        chunk.clear();
        for (n, word) in buffer.iter().enumerate() {
            if word.sentence_start && n > 0 {
                counts.sentences += 1;
            }
            if !word.joined || word.sentence_start {
                end_run(&chunk, &mut counts.stats);
                chunk.clear();
            }
            let surface = &text[word.start..word.end];
            let lead = if word.joined { previous } else { Lead::Nothing };
            let after_determiner = lead == Lead::Noun;
            let after_verb_marker = lead == Lead::Verb;
            let after_preposition = lead == Lead::NounAfterPreposition;
            previous = words::with_lowercase(surface, Lead::of);
            if word.joined
                && surface == "of"
                && let Some(&before) = chunk.last()
            {
                counts.stats[before as usize].before_of += 1;
            }
            let Some(lower) =
                content_word(surface, word, &lower_seen).filter(|l| !actor_words.contains(l))
            else {
                end_run(&chunk, &mut counts.stats);
                chunk.clear();
                continue;
            };
            let id = *ids.entry(lower.clone()).or_insert_with(|| {
                counts.vocabulary.push(lower);
                counts.stats.push(WordStats::default());
                (counts.vocabulary.len() - 1) as u32
            });
            let sentence = counts.sentences;
            let entry = &mut counts.stats[id as usize];
            entry.count += 1;
            entry.after_determiner += usize::from(after_determiner);
            entry.after_verb_marker += usize::from(after_verb_marker);
            entry.after_preposition += usize::from(after_preposition);
            entry.after_subject += usize::from(lead == Lead::Subject);
            entry.sentence_sum += sentence;
            if entry.last_sentence != Some(sentence) {
                entry.sentences += 1;
                entry.last_sentence = Some(sentence);
            }
            if let Some(&previous) = chunk.last() {
                counts.stats[id as usize].left.insert(previous);
                counts.stats[previous as usize].right.insert(id);
            }
            chunk.push(id);
            for length in 1..=MAX_PHRASE_WORDS.min(chunk.len()) {
                let key = chunk[chunk.len() - length..].to_vec();
                let phrase = counts.phrases.entry(key).or_default();
                phrase.seen(at, sentence);
            }
        }
        end_run(&chunk, &mut counts.stats);
        counts.sentences += 1;
        for trio in buffer.windows(3) {
            let [word, link, name] = trio else { continue };
            let name_text = &text[name.start..name.end];
            let names_a_place = link.joined
                && name.joined
                && matches!(&text[link.start..link.end], "in" | "on")
                && name_text.chars().next().is_some_and(char::is_uppercase)
                && !name.sentence_start;
            if !names_a_place {
                continue;
            }
            if let Some(&id) = ids.get(&text[word.start..word.end]) {
                *counts
                    .places
                    .entry((id, format!("{} {name_text}", &text[link.start..link.end])))
                    .or_default() += 1;
            }
        }
    }
    counts
}

pub fn find(document: &Document, actor_words: &HashSet<String>, room: usize) -> Vec<Keyphrase> {
    let sample = sample(document);
    let Counts {
        vocabulary,
        stats,
        phrases,
        sentences,
        places,
    } = count(document, &sample, actor_words);
    if stats.is_empty() {
        return Vec::new();
    }
    let word_scores = score_words(&stats, sentences.max(1));
    let stemmer = Stemmer::create(Algorithm::English);
    // Tiers 0 and 1 end in a word that behaves like a noun, phrases of several words before
    // words alone; tiers 2 and 3 only fill a short list.
    let mut scored: Vec<(u8, f64, Vec<u32>, usize)> = phrases
        .into_iter()
        // A theme recurs through the text: in two paragraphs, or in a text of a few long
        // paragraphs (an encyclopaedia's sections) in two sentences, three for a word alone.
        .filter(|(key, p)| {
            let sentences_needed = if key.len() == 1 { 3 } else { 2 };
            p.count >= 2
                && (p.paragraphs >= 2
                    || sample.len() < FEW_PARAGRAPHS && p.sentences >= sentences_needed)
        })
        .filter(|(key, _)| names_a_subject(key, &vocabulary, &stats))
        .map(|(key, p)| {
            let last = &stats[key[key.len() - 1] as usize];
            // A word alone is a noun when a determiner comes before it; or, never after "to"
            // or a modal, when it ends runs of words ("economic sanctions") or follows a
            // preposition ("in sanctions").
            let word = &vocabulary[key[key.len() - 1] as usize];
            let alone_a_noun = last.after_determiner > 0
                || last.after_verb_marker == 0
                    && (last.ends_long_run >= 2
                        || last.after_preposition > 0 && !word.ends_with("ing"));
            let nounish = last.ends_run * 2 >= last.count && (key.len() > 1 || alone_a_noun);
            let product: f64 = key.iter().map(|&w| word_scores[w as usize]).product();
            let sum: f64 = key.iter().map(|&w| word_scores[w as usize]).sum();
            let score = product / (p.count as f64 * (1.0 + sum));
            (
                u8::from(!nounish) * 2 + u8::from(key.len() == 1),
                score,
                key,
                p.count,
            )
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.total_cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    let enough = MIN_THEMES.min(room);

    // Grouped by the stem of the last word; the best phrase of a group labels it.
    let mut themes: Vec<StemFamily> = Vec::new();
    for (tier, _, key, count) in scored {
        if tier > 1 && themes.len() >= enough {
            break;
        }
        let words: Vec<&str> = key
            .iter()
            .map(|&w| vocabulary[w as usize].as_str())
            .collect();
        let stems: Vec<String> = words.iter().map(|w| stemmer.stem(w).into_owned()).collect();
        let member = Member {
            phrase: words.join(" "),
            count,
            head: stems[stems.len() - 1].clone(),
            words: words.len(),
        };
        let last_word = words[words.len() - 1];
        let home = themes.iter().position(|group| {
            let same_head =
                group.stems.last() == Some(&member.head) && same_noun(&group.last_word, last_word);
            same_head
                || contains(&group.stems, &stems) && same_noun(&group.last_word, last_word)
                || contains(&stems, &group.stems)
        });
        match home {
            Some(at) => {
                let members = &mut themes[at].members;
                if members.len() <= MAX_MEMBERS
                    && !members.iter().any(|m| m.phrase == member.phrase)
                {
                    members.push(member);
                }
            }
            None if themes.len() < room => themes.push(StemFamily {
                stems,
                last_word: last_word.to_string(),
                members: vec![member],
            }),
            None => {}
        }
    }
    themes
        .into_iter()
        .map(StemFamily::into_keyphrase)
        .map(|theme| labelled_by_place(theme, &vocabulary, &stats, &places))
        .collect()
}

/// Whether a phrase of content words can name a subject: it ends in a noun, and is no verb
/// phrase, clause, office, modifier or generic word.
fn names_a_subject(key: &[u32], vocabulary: &[String], stats: &[WordStats]) -> bool {
    let last = &vocabulary[key[key.len() - 1] as usize];
    // "exercise oversight", "add copper derivatives": a verb phrase, no subject.
    let opens_with_verb = key.len() > 1 && {
        let first = &stats[key[0] as usize];
        (first.after_verb_marker > 0 || first.after_subject > 0) && first.after_determiner == 0
    };
    // "plan seeks", as in "it seeks": a clause, no subject.
    let ends_with_verb = {
        let last = &stats[key[key.len() - 1] as usize];
        last.after_subject > 0 && last.after_determiner == 0
    };
    // "behalf", "length" alone: always "of" something, which is the subject.
    let needs_of = key.len() == 1 && {
        let stats = &stats[key[0] as usize];
        stats.before_of * 2 >= stats.count
    };
    // "prime minister", "interim president": an office, not a subject.
    let names_an_office = words::is_title(last);
    // A word alone that mostly modifies others ("civil war", "eastern regions")
    // is an adjective, not a subject, even to fill a short list.
    // And a word alone with no sign of a noun ("requires") is none either.
    let modifier_alone = key.len() == 1 && {
        let stats = &stats[key[0] as usize];
        stats.ends_run * 2 < stats.count
            || stats.after_determiner == 0
                && stats.after_preposition == 0
                && stats.ends_long_run == 0
    };
    let generic_alone = key.len() == 1 && is_generic(last);
    is_noun_like(last)
        && !(generic_alone
            || opens_with_verb
            || ends_with_verb
            || needs_of
            || names_an_office
            || modifier_alone)
}

/// "War" that is mostly the war in Ukraine is labelled so.
fn labelled_by_place(
    mut theme: Keyphrase,
    vocabulary: &[String],
    stats: &[WordStats],
    places: &HashMap<(u32, String), usize>,
) -> Keyphrase {
    let word = theme.label.to_lowercase();
    let Some(id) = vocabulary.iter().position(|w| *w == word) else {
        return theme;
    };
    let id = id as u32;
    let most = places
        .iter()
        .filter(|((w, _), _)| *w == id)
        .max_by_key(|(place, n)| (**n, std::cmp::Reverse(place.1.clone())));
    if let Some(((_, place), &n)) = most
        && n >= 2
        && n * 2 >= stats[id as usize].count
    {
        theme.label = format!("{} {place}", theme.label);
    }
    theme
}

/// A phrase found in a theme, with how often it occurs and the stem of its last word.
struct Member {
    phrase: String,
    count: usize,
    head: String,
    words: usize,
}

/// Phrases that share the stem of their last word ("sanctions", "economic sanctions").
struct StemFamily {
    /// The stems of the phrase that started the group.
    stems: Vec<String>,
    /// That phrase's last word as written.
    last_word: String,
    members: Vec<Member>,
}

impl StemFamily {
    /// Labelled by its most frequent phrase of several words on the same last word ("nuclear
    /// weapons" rather than "weapons"), else by its best phrase.
    fn into_keyphrase(self) -> Keyphrase {
        let head = self.stems.last().cloned().unwrap_or_default();
        let label = self
            .members
            .iter()
            .filter(|m| m.words > 1 && m.head == head)
            .max_by_key(|m| m.count)
            .unwrap_or(&self.members[0])
            .phrase
            .clone();
        let mut chars = label.chars();
        let label = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        Keyphrase {
            label,
            terms: self.members.into_iter().map(|m| m.phrase).collect(),
        }
    }
}

fn is_noun_like(word: &str) -> bool {
    !IRREGULAR_VERBS.contains(word)
        && (NOUNS_WITH_ADJECTIVE_ENDINGS.contains(word)
            || !ADJECTIVE_ENDINGS.iter().any(|end| word.ends_with(end)))
}

/// Counts the last word of a finished run of content words.
fn end_run(chunk: &[u32], stats: &mut [WordStats]) {
    if let Some(&last) = chunk.last() {
        stats[last as usize].ends_run += 1;
        stats[last as usize].ends_long_run += usize::from(chunk.len() > 1);
    }
}

/// Whether two words sharing a stem are one noun, singular or plural ("sanction",
/// "sanctions"; "policy", "policies"; "license", "licenses"), not a noun and a verb form
/// ("force", "forced").
fn same_noun(a: &str, b: &str) -> bool {
    // Each word's possible singulars: itself, less "s", less "es" after a sibilant, "ies" as
    // "y". "Licenses" may be "licens" or "license"; only one of them need match.
    fn singulars(w: &str) -> [Option<String>; 4] {
        [
            Some(w.to_string()),
            w.strip_suffix('s').map(str::to_string),
            w.strip_suffix("es")
                .filter(|s| s.ends_with(['s', 'x', 'z', 'h']))
                .map(str::to_string),
            w.strip_suffix("ies").map(|stem| format!("{stem}y")),
        ]
    }
    let (a, b) = (singulars(a), singulars(b));
    a.iter()
        .flatten()
        .any(|x| b.iter().flatten().any(|y| x == y))
}

/// Whether every word of `part` is in `whole`.
fn contains(whole: &[String], part: &[String]) -> bool {
    part.iter().all(|p| whole.contains(p))
}

/// YAKE's word score, without its casing feature (names are actors here, not themes):
/// lower is more important.
fn score_words(stats: &[WordStats], sentences: usize) -> Vec<f64> {
    let counts: Vec<f64> = stats.iter().map(|s| s.count as f64).collect();
    let mean = counts.iter().sum::<f64>() / counts.len() as f64;
    let deviation =
        (counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / counts.len() as f64).sqrt();
    let most = counts.iter().copied().fold(1.0, f64::max);
    stats
        .iter()
        .map(|s| {
            let count = s.count as f64;
            let relatedness =
                1.0 + (s.left.len() as f64 + s.right.len() as f64) / count * (count / most);
            let position = (3.0 + s.sentence_sum as f64 / count).ln().ln();
            let frequency = count / (mean + deviation);
            let spread = s.sentences as f64 / sentences as f64;
            relatedness * position / (frequency / relatedness + spread / relatedness)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{find, same_noun};
    use crate::core::document::{Document, Format, Source};
    use foldhash::HashSet;

    fn labels(text: &str) -> Vec<String> {
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        find(&document, &HashSet::default(), 10)
            .into_iter()
            .map(|k| k.label.to_lowercase())
            .collect()
    }

    /// In a text of a few long paragraphs, a phrase that recurs in two sentences of one
    /// paragraph is a theme; a word alone needs three; in a text of many paragraphs, spread
    /// is counted in paragraphs.
    #[test]
    fn a_short_texts_themes_recur_across_sentences() {
        let paragraph = "The famine of the decade began. Officials hid the food shortages \
            from the press. Exports fell. The food shortages worsened in winter. Farmers \
            blamed drought. Drought returned later.";
        let few = format!("{paragraph}\n\nThe border stayed closed for years.");
        let found = labels(&few);
        assert!(found.iter().any(|l| l == "food shortages"), "{found:?}");
        assert!(!found.iter().any(|l| l == "drought"), "{found:?}");
        let many = format!("{few}{}", "\n\nThe river ran on.".repeat(10));
        let found = labels(&many);
        assert!(!found.iter().any(|l| l == "food shortages"), "{found:?}");
    }

    #[test]
    fn one_noun_singular_or_plural_not_a_noun_and_a_verb() {
        for (a, b, same) in [
            ("sanction", "sanctions", true),
            ("policy", "policies", true),
            ("tax", "taxes", true),
            ("force", "forced", false),
            ("force", "forces", true),
            ("deal", "dealing", false),
            ("license", "licenses", true),
            ("response", "responses", true),
            ("bus", "buses", true),
            ("right", "rights", true),
            ("use", "used", false),
        ] {
            assert_eq!(same_noun(a, b), same, "{a} {b}");
        }
    }
}
