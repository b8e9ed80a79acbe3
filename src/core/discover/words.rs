//! Words and sentences of a paragraph, and the word lists discovery needs (the lists are data,
//! in `assets/discover/`, read once into hash sets).

use foldhash::HashSet;
use std::sync::OnceLock;

/// A word list: one lower-case entry per line, `#` comments; a hash set once first asked.
pub struct WordList {
    text: &'static str,
    set: OnceLock<HashSet<&'static str>>,
}

impl WordList {
    const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            set: OnceLock::new(),
        }
    }

    /// The entries, as the file lists them.
    fn entries(&self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
    }

    /// Whether `lower` (already in lower case) is on the list.
    pub fn contains(&self, lower: &str) -> bool {
        self.set
            .get_or_init(|| self.entries().collect())
            .contains(lower)
    }

    /// The entries, from the hash set: for lists walked often (endings to test).
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set
            .get_or_init(|| self.entries().collect())
            .iter()
            .copied()
    }

    /// Whether `word`, in any case, is on the list.
    pub fn contains_any_case(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.contains(lower))
    }
}

/// Calls `f` with `word` in lower case: short ASCII words (nearly all) are lowered on the
/// stack, so that the hot path of discovery allocates nothing per word.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most words are in lower case already: no copy at all.
    if !word.bytes().any(|b| b.is_ascii_uppercase()) && word.is_ascii() {
        return f(word);
    }
    let mut buffer = [0u8; 32];
    if word.len() <= buffer.len() && word.is_ascii() {
        let lowered = &mut buffer[..word.len()];
        lowered.copy_from_slice(word.as_bytes());
        lowered.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        if let Ok(lower) = std::str::from_utf8(lowered) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// One word of a paragraph, as a byte range of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// The first word of a sentence (or of a heading), whose capital says nothing.
    pub sentence_start: bool,
    /// Only white space separates it from the word before.
    pub joined: bool,
}

/// Abbreviations whose full stop does not end a sentence.
static ABBREVIATIONS: WordList =
    WordList::new(include_str!("../../../assets/discover/abbreviations.txt"));

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte `at` of `text`, decoding only when it is not ASCII.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// Splits `text` (which starts at byte `base` of the document) into words, marking the
/// first word of each sentence. A heading's words all count as sentence starts.
// Walks bytes, decoding only non-ASCII characters: discovery splits every word of the text
// twice, and a char iterator with look-ahead cost a fifth of its time.
pub fn split(text: &str, base: usize, heading: bool, out: &mut Vec<Word>) {
    out.clear();
    let mut at = 0;
    let mut previous_end = 0;
    let mut sentence_start = true;
    let mut previous_dotted = false;
    let bytes = text.as_bytes();
    loop {
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
        {
            at += 1;
        }
        let Some(c) = char_at(text, at) else {
            break;
        };
        if !is_word_char(c) {
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let mut end = at + c.len_utf8();
        let mut dotted = false;
        loop {
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            let Some(next) = char_at(text, end) else {
                break;
            };
            if is_word_char(next) {
                end += next.len_utf8();
                continue;
            }
            let after = char_at(text, end + next.len_utf8());
            let joins = match next {
                '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' => {
                    after.is_some_and(is_word_char)
                }
                // R&D, S&T, RDT&E, AT&T: an ampersand between capitals.
                '&' => {
                    text[..end]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_uppercase)
                        && after.is_some_and(char::is_uppercase)
                }
                // U.S. and D.P.R.K.: a capital, a dot, a capital.
                '.' => {
                    let last = text[..end].chars().next_back();
                    last.is_some_and(char::is_uppercase)
                        && (end - start <= 1 || dotted)
                        && (after.is_some_and(char::is_uppercase)
                            || (dotted && !after.is_some_and(is_word_char)))
                }
                _ => false,
            };
            if !joins {
                // "Workers' Party": a plural's apostrophe stays with it.
                if matches!(next, '\'' | '\u{2019}')
                    && text[start..end].ends_with('s')
                    && after.is_some_and(char::is_whitespace)
                {
                    end += next.len_utf8();
                }
                break;
            }
            if next == '.' {
                dotted = true;
            }
            end += next.len_utf8();
        }
        at = end;
        // Most words follow one space after a word not ending in a dot: nothing then joins
        // or ends a sentence, and no slice of the text need be looked at.
        let plain_gap = start == previous_end + 1 && bytes[previous_end] == b' ';
        let joined = if plain_gap && !previous_dotted {
            !out.is_empty()
        } else {
            let gap = &text[previous_end..start];
            let previous = out
                .last()
                .map(|w: &Word| &text[w.start - base..w.end - base]);
            let ends_sentence = (gap.contains(['.', '!', '?', ':', ';'])
                && gap.trim_start().starts_with(['.', '!', '?'])
                && !previous.is_some_and(is_abbreviation))
                || gap.contains('\n') && gap.contains(['.', '!', '?']);
            let after_dotted = previous_dotted && is_sentence_opener(&text[start..end]);
            if ends_sentence || after_dotted {
                sentence_start = true;
            }
            !out.is_empty() && !gap.is_empty() && gap.chars().all(char::is_whitespace)
        };
        previous_dotted = bytes[end - 1] == b'.';
        out.push(Word {
            start: base + start,
            end: base + end,
            sentence_start: sentence_start || heading,
            joined,
        });
        sentence_start = false;
        previous_end = end;
    }
}

fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains_any_case(word)
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Words that open sentences and are never names.
static OPENERS: WordList = WordList::new(include_str!(
    "../../../assets/discover/sentence-openers.txt"
));

/// True for words that open sentences and are never names ("However", "The").
pub fn is_sentence_opener(word: &str) -> bool {
    OPENERS.contains_any_case(word)
}

/// Months and days of the week, capitalised but no names.
static MONTHS_AND_DAYS: WordList =
    WordList::new(include_str!("../../../assets/discover/months-and-days.txt"));

/// Capitalised words that are not names on their own.
static NOT_NAMES: WordList = WordList::new(include_str!("../../../assets/discover/not-names.txt"));

pub fn is_not_a_name(word: &str) -> bool {
    with_lowercase(word, |lower| {
        NOT_NAMES.contains(lower)
            || MONTHS_AND_DAYS.contains(lower)
            || OPENERS.contains(lower)
            // I've, I'm, I'll, I'd.
            || lower.starts_with("i'")
            || lower.starts_with("i\u{2019}")
    })
}

/// Words that are never part of a name, wherever they stand.
pub fn is_function_word(word: &str) -> bool {
    with_lowercase(word, |lower| {
        matches!(
            lower,
            "the" | "a" | "an" | "and" | "or" | "but" | "of" | "in" | "on" | "at" | "to" | "for"
        )
    })
}

/// Words that may join the capitalised words of one name ("Republic of the Congo").
pub fn is_name_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "for"
            | "bin"
            | "ibn"
            | "de"
            | "du"
            | "des"
            | "da"
            | "do"
            | "dos"
            | "von"
            | "van"
            | "der"
            | "del"
            | "la"
            | "le"
            | "al"
            | "el"
    )
}

/// Titles before a name: they mark a person and are not part of the name.
static TITLES: WordList = WordList::new(include_str!("../../../assets/discover/titles.txt"));

pub fn is_title(word: &str) -> bool {
    TITLES.contains_any_case(word.trim_end_matches('.'))
}

/// Last words that make a name an organisation.
static ORGANISATION_HEADS: WordList = WordList::new(include_str!(
    "../../../assets/discover/organisation-heads.txt"
));

/// Last words that make a name a place.
static PLACE_HEADS: WordList =
    WordList::new(include_str!("../../../assets/discover/place-heads.txt"));

/// Last words that make a name an event, a period or an agreement: a theme, not an actor.
static EVENT_HEADS: WordList =
    WordList::new(include_str!("../../../assets/discover/event-heads.txt"));

/// What a name's last word says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Organisation,
    Place,
    Event,
    None,
}

pub fn head_of(last_word: &str) -> Head {
    with_lowercase(last_word, |lower| {
        if EVENT_HEADS.contains(lower) {
            Head::Event
        } else if ORGANISATION_HEADS.contains(lower) {
            Head::Organisation
        } else if PLACE_HEADS.contains(lower) {
            Head::Place
        } else {
            Head::None
        }
    })
}

static PLACE_HEADS_FIRST: WordList = WordList::new(include_str!(
    "../../../assets/discover/place-heads-first.txt"
));

/// Whether a name that opens with `first_word` is a place: "Lake Geneva", "Rue de Rivoli".
pub fn opens_a_place(first_word: &str) -> bool {
    PLACE_HEADS_FIRST.contains_any_case(first_word)
}

/// Roman numerals and numbers that may end a name ("World War II", "Charles III").
pub fn is_ordinal(word: &str) -> bool {
    !word.is_empty() && (is_roman_numeral(word) || word.chars().all(|c| c.is_ascii_digit()))
}

/// A Roman numeral as names end with one: "II", "VI", "XIV".
pub fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// An all-capital word of 2 to 8 letters, digits allowed: "NATO", "G20", "U.S.".
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    ((2..=8).contains(&letters) || letters == 1 && (1..=2).contains(&digits))
        && word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
        && !is_ordinal(word)
}

/// Korean, Chinese and Vietnamese family names, which come first: "Kim" in "Kim Jong Un".
static FAMILY_NAMES_FIRST: WordList = WordList::new(include_str!(
    "../../../assets/discover/family-names-first.txt"
));

pub fn family_name_first(word: &str) -> bool {
    FAMILY_NAMES_FIRST.contains_any_case(word)
}

/// English function words and words too general to be a theme.
static STOP_WORDS: WordList =
    WordList::new(include_str!("../../../assets/discover/stop-words.txt"));

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(word) && !is_generic(word)
}

/// Nouns too general to be a theme alone, but good in one: "transition government",
/// "member states".
static GENERIC: WordList = WordList::new(include_str!("../../../assets/discover/generic.txt"));

/// Last words of names that cite a document by its number: "Executive Order 14347".
/// Words after which a name does not take in a place: "Government of Yemen" is Yemen.
pub static NO_ABSORB: WordList =
    WordList::new(include_str!("../../../assets/discover/no-absorb.txt"));

/// Words that name a polity: "Kingdom of …".
pub static POLITIES: WordList =
    WordList::new(include_str!("../../../assets/discover/polities.txt"));

/// Last words of events that are fought, not signed: their names do mention who fought.
pub static FOUGHT_EVENT_HEADS: WordList = WordList::new(include_str!(
    "../../../assets/discover/fought-event-heads.txt"
));

/// Words after which a verb comes: "to strengthen", "could add".
pub static VERB_MARKERS: WordList =
    WordList::new(include_str!("../../../assets/discover/verb-markers.txt"));

/// Prepositions, after which a noun comes ("against sanctions") or a gerund.
pub static PREPOSITIONS: WordList =
    WordList::new(include_str!("../../../assets/discover/prepositions.txt"));

/// Pronouns after which a verb comes: "it seeks", "they agreed".
pub static SUBJECT_PRONOUNS: WordList = WordList::new(include_str!(
    "../../../assets/discover/subject-pronouns.txt"
));

/// Words after which a noun comes: "the election", "its economy".
pub static DETERMINERS: WordList =
    WordList::new(include_str!("../../../assets/discover/determiners.txt"));

/// Common endings of adjectives and past participles: a label ends with a noun.
pub static ADJECTIVE_ENDINGS: WordList = WordList::new(include_str!(
    "../../../assets/discover/adjective-endings.txt"
));

/// Nouns with those endings ("military", "proposal").
pub static NOUNS_WITH_ADJECTIVE_ENDINGS: WordList = WordList::new(include_str!(
    "../../../assets/discover/nouns-with-adjective-endings.txt"
));

/// Irregular past tenses and participles, which no ending gives away.
pub static IRREGULAR_VERBS: WordList =
    WordList::new(include_str!("../../../assets/discover/irregular-verbs.txt"));

static DOCUMENT_HEADS: WordList =
    WordList::new(include_str!("../../../assets/discover/document-heads.txt"));

pub fn is_document_head(word: &str) -> bool {
    DOCUMENT_HEADS.contains_any_case(word)
}

pub fn is_generic(word: &str) -> bool {
    GENERIC.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        split(text, 0, false, &mut out);
        out.iter()
            .map(|w| (text[w.start..w.end].to_string(), w.sentence_start))
            .collect()
    }

    /// The word splitter as it was before it walked bytes: the new one must agree with it.
    /// Splits `text` (which starts at byte `base` of the document) into words, marking the
    /// first word of each sentence. A heading's words all count as sentence starts.
    fn split_reference(text: &str, base: usize, heading: bool, out: &mut Vec<Word>) {
        out.clear();
        let mut chars = text.char_indices().peekable();
        let mut previous_end = 0;
        let mut sentence_start = true;
        while let Some((at, c)) = chars.next() {
            if !char::is_alphanumeric(c) {
                continue;
            }
            let start = at;
            let mut end = at + c.len_utf8();
            let mut dotted = false;
            while let Some(&(next_at, next)) = chars.peek() {
                if char::is_alphanumeric(next) {
                    end = next_at + next.len_utf8();
                    chars.next();
                    continue;
                }
                let after = text[next_at + next.len_utf8()..].chars().next();
                let joins = match next {
                    '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' => {
                        after.is_some_and(char::is_alphanumeric)
                    }
                    '&' => {
                        text[..next_at]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_uppercase)
                            && after.is_some_and(char::is_uppercase)
                    }
                    // U.S. and D.P.R.K.: a capital, a dot, a capital.
                    '.' => {
                        let last = text[..next_at].chars().next_back();
                        last.is_some_and(char::is_uppercase)
                            && (next_at - start <= 1 || dotted)
                            && (after.is_some_and(char::is_uppercase)
                                || (dotted && !after.is_some_and(char::is_alphanumeric)))
                    }
                    _ => false,
                };
                if !joins {
                    // "Workers' Party": a plural's apostrophe stays with it.
                    if matches!(next, '\'' | '\u{2019}')
                        && text[start..next_at].ends_with('s')
                        && after.is_some_and(char::is_whitespace)
                    {
                        end = next_at + next.len_utf8();
                        chars.next();
                    }
                    break;
                }
                if next == '.' {
                    dotted = true;
                }
                end = next_at + next.len_utf8();
                chars.next();
            }
            let gap = &text[previous_end..start];
            let joined = !out.is_empty() && !gap.is_empty() && gap.chars().all(char::is_whitespace);
            let previous = out
                .last()
                .map(|w: &Word| &text[w.start - base..w.end - base]);
            let ends_sentence = gap.contains(['.', '!', '?', ':', ';'])
                && gap.trim_start().starts_with(['.', '!', '?'])
                && !previous.is_some_and(is_abbreviation);
            let after_dotted =
                previous.is_some_and(|p| p.ends_with('.')) && is_sentence_opener(&text[start..end]);
            if ends_sentence || after_dotted || gap.contains('\n') && gap.contains(['.', '!', '?'])
            {
                sentence_start = true;
            }
            out.push(Word {
                start: base + start,
                end: base + end,
                sentence_start: sentence_start || heading,
                joined,
            });
            sentence_start = false;
            previous_end = end;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            // Shrunk failures are kept beside this file, not in a folder at the top of the repo.
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn the_byte_walk_splits_as_the_char_walk_did(
            text in "[a-zA-Z0-9 .,;:!?&'\u{2019}\u{2010}\n-]{0,60}|[aSU.é中 '\u{2019}-]{0,30}|(Mr|U|S|K|the|Party|s|Workers|é|Ü)([.]|'|\u{2019}| |\n|-|[.] ){0,3}(U|S|The|However|x|é){0,2}"
        ) {
            let (mut new, mut old) = (Vec::new(), Vec::new());
            for heading in [false, true] {
                split(&text, 7, heading, &mut new);
                split_reference(&text, 7, heading, &mut old);
                proptest::prop_assert_eq!(&new, &old, "{:?}", text);
            }
        }
    }

    /// Once found by the property test above.
    #[test]
    fn a_lone_capital_repeated_splits_as_the_char_walk_did() {
        let (mut new, mut old) = (Vec::new(), Vec::new());
        for heading in [false, true] {
            split("U U", 7, heading, &mut new);
            split_reference("U U", 7, heading, &mut old);
            assert_eq!(new, old);
        }
    }

    #[test]
    fn splits_words_and_marks_sentence_starts() {
        let got = words("Kim Jong-un met Mr. Putin in the U.S. Both sides' talks ended. Then");
        let texts: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Kim", "Jong-un", "met", "Mr", "Putin", "in", "the", "U.S.", "Both", "sides'",
                "talks", "ended", "Then"
            ]
        );
        let starts: Vec<&str> = got
            .iter()
            .filter(|(_, s)| *s)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(starts, ["Kim", "Both", "Then"]);
    }

    /// An ampersand between capitals is inside an acronym; elsewhere it parts words.
    #[test]
    fn an_ampersand_joins_capitals() {
        for (text, expected) in [
            ("R&D and S&T grew", &["R&D", "and", "S&T", "grew"][..]),
            ("AT&T sold RDT&E", &["AT&T", "sold", "RDT&E"]),
            ("Q & A", &["Q", "A"]),
            ("rock&roll", &["rock", "roll"]),
            ("Smith& Co", &["Smith", "Co"]),
        ] {
            let got = words(text);
            let texts: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
            assert_eq!(texts, expected, "{text}");
        }
    }

    #[test]
    fn an_initial_does_not_end_a_sentence() {
        let got = words("George W. Bush spoke. He left.");
        let starts: Vec<&str> = got
            .iter()
            .filter(|(_, s)| *s)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(starts, ["George", "He"]);
    }

    #[test]
    fn every_word_list_is_lower_case_sorted_and_without_duplicates() {
        let lists = [
            &ABBREVIATIONS,
            &OPENERS,
            &MONTHS_AND_DAYS,
            &NOT_NAMES,
            &TITLES,
            &ORGANISATION_HEADS,
            &PLACE_HEADS,
            &EVENT_HEADS,
            &FAMILY_NAMES_FIRST,
            &STOP_WORDS,
            &GENERIC,
            &DOCUMENT_HEADS,
            &NO_ABSORB,
            &POLITIES,
            &FOUGHT_EVENT_HEADS,
            &VERB_MARKERS,
            &PREPOSITIONS,
            &SUBJECT_PRONOUNS,
            &DETERMINERS,
            &ADJECTIVE_ENDINGS,
            &NOUNS_WITH_ADJECTIVE_ENDINGS,
            &IRREGULAR_VERBS,
            &PLACE_HEADS_FIRST,
        ];
        for list in lists {
            let entries: Vec<&str> = list.entries().collect();
            assert!(!entries.is_empty());
            for pair in entries.windows(2) {
                assert!(pair[0] < pair[1], "{:?} then {:?}", pair[0], pair[1]);
            }
            for entry in &entries {
                assert_eq!(entry.to_lowercase(), *entry);
            }
        }
    }

    #[test]
    fn lists_are_probed_in_any_case_as_before() {
        assert!(is_sentence_opener("However"));
        assert!(is_not_a_name("MONDAY"));
        assert!(is_not_a_name("I’ve"));
        assert!(is_title("Mr."));
        assert!(is_function_word("The"));
        assert_eq!(head_of("Treaty"), Head::Event);
        assert!(!is_stop_word("The"), "stop words are matched as written");
        assert!(is_stop_word("the"));
    }

    #[test]
    fn acronyms_and_ordinals() {
        assert!(is_acronym("NATO"));
        assert!(is_acronym("G20"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("II"));
        assert!(!is_acronym("I"));
        assert!(!is_acronym("Putin"));
        assert!(is_ordinal("III"));
    }
}
