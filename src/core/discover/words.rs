//! Words and sentences of a paragraph, and the word lists discovery needs.

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
const ABBREVIATIONS: &[&str] = &[
    "adm", "capt", "cf", "co", "col", "corp", "dr", "e.g", "etc", "gen", "gov", "i.e", "inc", "jr",
    "lt", "maj", "mr", "mrs", "ms", "mt", "no", "prof", "rep", "sen", "sgt", "sr", "st", "vs",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` (which starts at byte `base` of the document) into words, marking the
/// first word of each sentence. A heading's words all count as sentence starts.
pub fn split(text: &str, base: usize, heading: bool, out: &mut Vec<Word>) {
    out.clear();
    let mut chars = text.char_indices().peekable();
    let mut previous_end = 0;
    let mut sentence_start = true;
    while let Some((at, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let start = at;
        let mut end = at + c.len_utf8();
        let mut dotted = false;
        while let Some(&(next_at, next)) = chars.peek() {
            if is_word_char(next) {
                end = next_at + next.len_utf8();
                chars.next();
                continue;
            }
            let after = text[next_at + next.len_utf8()..].chars().next();
            let joins = match next {
                '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' => {
                    after.is_some_and(is_word_char)
                }
                // U.S. and D.P.R.K.: a capital, a dot, a capital.
                '.' => {
                    let last = text[..next_at].chars().next_back();
                    last.is_some_and(char::is_uppercase)
                        && (next_at - start <= 1 || dotted)
                        && (after.is_some_and(char::is_uppercase)
                            || (dotted && !after.is_some_and(is_word_char)))
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
        if ends_sentence || after_dotted || gap.contains('\n') && gap.contains(['.', '!', '?']) {
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

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Words that open sentences and are never names.
const OPENERS: &[&str] = &[
    "a",
    "about",
    "according",
    "accordingly",
    "additionally",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "being",
    "besides",
    "both",
    "but",
    "by",
    "consequently",
    "despite",
    "during",
    "each",
    "either",
    "even",
    "every",
    "eventually",
    "finally",
    "first",
    "following",
    "for",
    "from",
    "further",
    "furthermore",
    "given",
    "hence",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "likewise",
    "many",
    "meanwhile",
    "moreover",
    "most",
    "much",
    "my",
    "neither",
    "nevertheless",
    "next",
    "no",
    "nonetheless",
    "nor",
    "not",
    "notably",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "overall",
    "perhaps",
    "rather",
    "recently",
    "second",
    "several",
    "she",
    "similarly",
    "since",
    "so",
    "some",
    "still",
    "subsequently",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "ultimately",
    "under",
    "unlike",
    "until",
    "upon",
    "we",
    "what",
    "when",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "he",
    "him",
    "them",
    "us",
    "me",
    "amid",
    "through",
    "throughout",
    "into",
    "beyond",
    "between",
    "across",
    "toward",
    "towards",
    "around",
    "near",
    "above",
    "below",
    "whilst",
    "unless",
    "except",
    "regarding",
    "including",
    "be",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "yesterday",
    "tomorrow",
    "tonight",
    "ago",
    "new",
    "old",
    "more",
    "less",
    "few",
    "little",
    "same",
    "own",
    "very",
    "just",
];

/// True for words that open sentences and are never names ("However", "The").
pub fn is_sentence_opener(word: &str) -> bool {
    OPENERS.contains(&word.to_lowercase().as_str())
}

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub fn is_month_or_day(word: &str) -> bool {
    MONTHS_AND_DAYS.contains(&word.to_lowercase().as_str())
}

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
    "nation",
    "nations",
    "administration",
    "federal",
    "capitol",
    "chamber",
    "union",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "lord",
    "lady",
    "god",
    "ok",
    "okay",
    "yes",
    "no",
    "ad",
    "bc",
    "bce",
    "ce",
    "am",
    "pm",
    "tv",
    "gdp",
    "gnp",
    "hiv",
    "aids",
    "covid",
    "ngo",
    "ngos",
    "icbm",
    "icbms",
    "slbm",
    "wmd",
    "dmz",
    "lng",
    "ceo",
    "utc",
    "usd",
    "eur",
    "it",
    "ai",
    "id",
    "pdf",
    "phd",
    "uav",
    "uavs",
    "eez",
    "fdi",
    "gmt",
    "nb",
    "ps",
    "fig",
    "table",
    "chapter",
    "section",
    "part",
    "note",
    "notes",
    "see",
    "source",
    "sources",
    "est",
    "ii",
    "iii",
    "iv",
    "vi",
    "vii",
    "viii",
    "ix",
    "xi",
    "xii",
    "internet",
    "web",
    "figure",
    "english",
    "latin",
    "french",
    "arabic",
    "christian",
    "muslim",
    "islam",
    "islamic",
    "christianity",
    "government",
    "state",
    "states",
    "president",
    "minister",
    "parliament",
    "constitution",
    "republic",
    "kingdom",
    "empire",
    "army",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-east",
    "south-east",
    "north-west",
    "south-west",
    "northeast",
    "southeast",
    "northwest",
    "southwest",
];

pub fn is_not_a_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    NOT_NAMES.contains(&lower.as_str())
        || is_month_or_day(&lower)
        || is_sentence_opener(&lower)
        // I've, I'm, I'll, I'd.
        || lower.starts_with("i'")
        || lower.starts_with("i\u{2019}")
}

/// Words that are never part of a name, wherever they stand.
pub fn is_function_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the" | "a" | "an" | "and" | "or" | "but" | "of" | "in" | "on" | "at" | "to" | "for"
    )
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
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "archbishop",
    "ayatollah",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "congressman",
    "congresswoman",
    "crown",
    "defence",
    "defense",
    "deputy",
    "dr",
    "emir",
    "emperor",
    "empress",
    "field",
    "finance",
    "first",
    "foreign",
    "former",
    "gen",
    "general",
    "governor",
    "imam",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lord",
    "lt",
    "maj",
    "major",
    "marshal",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "representative",
    "rep",
    "secretary",
    "secretary-general",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "shaikh",
    "sir",
    "speaker",
    "sultan",
    "supreme",
    "tsar",
    "vice",
];

pub fn is_title(word: &str) -> bool {
    let lower = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(&lower.as_str())
}

/// Last words that make a name an organisation.
const ORGANISATION_HEADS: &[&str] = &[
    "embassy",
    "consulate",
    "administration",
    "agency",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "brigade",
    "brigades",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "coalition",
    "command",
    "commission",
    "committee",
    "community",
    "company",
    "congress",
    "corporation",
    "corps",
    "council",
    "court",
    "department",
    "directorate",
    "federation",
    "force",
    "forces",
    "forum",
    "foundation",
    "front",
    "fund",
    "government",
    "group",
    "guard",
    "guards",
    "institute",
    "league",
    "legislature",
    "militia",
    "ministry",
    "mission",
    "movement",
    "navy",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "programme",
    "program",
    "regime",
    "secretariat",
    "senate",
    "service",
    "services",
    "tribunal",
    "union",
    "university",
];

/// Last words that make a name a place.
const PLACE_HEADS: &[&str] = &[
    "basin",
    "bay",
    "canal",
    "coast",
    "corridor",
    "delta",
    "desert",
    "district",
    "governorate",
    "gulf",
    "heights",
    "highlands",
    "island",
    "islands",
    "lake",
    "mountains",
    "ocean",
    "peninsula",
    "plateau",
    "province",
    "region",
    "river",
    "sea",
    "strait",
    "straits",
    "valley",
    "city",
    "zone",
];

/// Last words that make a name an event, a period or an agreement: a theme, not an actor.
const EVENT_HEADS: &[&str] = &[
    "code",
    "bill",
    "statute",
    "accord",
    "accords",
    "act",
    "agreement",
    "agreements",
    "charter",
    "conference",
    "convention",
    "crisis",
    "declaration",
    "deal",
    "doctrine",
    "dynasty",
    "election",
    "elections",
    "era",
    "initiative",
    "intifada",
    "pact",
    "partnership",
    "period",
    "plan",
    "process",
    "protocol",
    "resolution",
    "revolution",
    "spring",
    "summit",
    "talks",
    "treaty",
    "uprising",
    "war",
    "wars",
    "games",
    "olympics",
    "genocide",
    "massacre",
    "offensive",
    "operation",
    "campaign",
    "reforms",
    "reform",
];

/// What a name's last word says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Organisation,
    Place,
    Event,
    None,
}

pub fn head_of(last_word: &str) -> Head {
    let lower = last_word.to_lowercase();
    if EVENT_HEADS.contains(&lower.as_str()) {
        Head::Event
    } else if ORGANISATION_HEADS.contains(&lower.as_str()) {
        Head::Organisation
    } else if PLACE_HEADS.contains(&lower.as_str()) {
        Head::Place
    } else {
        Head::None
    }
}

/// Roman numerals and numbers that may end a name ("World War II", "Charles III").
pub fn is_ordinal(word: &str) -> bool {
    !word.is_empty()
        && (word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            || word.chars().all(|c| c.is_ascii_digit()))
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
const FAMILY_NAMES_FIRST: &[&str] = &[
    "kim", "lee", "park", "choi", "choe", "jung", "moon", "yoon", "han", "xi", "li", "wang",
    "zhang", "chen", "liu", "hu", "mao", "deng", "jiang", "wen", "zhou", "sun", "nguyen", "tran",
    "le", "pham", "ho", "yang", "zhao", "huang", "lai", "tsai", "ma", "ri", "pak",
];

pub fn family_name_first(word: &str) -> bool {
    FAMILY_NAMES_FIRST.contains(&word.to_lowercase().as_str())
}

/// English function words and words too general to be a theme.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "away",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "been",
    "before",
    "began",
    "behind",
    "being",
    "below",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "came",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "due",
    "during",
    "each",
    "early",
    "either",
    "else",
    "end",
    "enough",
    "even",
    "ever",
    "every",
    "far",
    "few",
    "first",
    "for",
    "former",
    "from",
    "further",
    "get",
    "given",
    "go",
    "going",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "high",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "key",
    "large",
    "last",
    "late",
    "later",
    "latter",
    "least",
    "less",
    "like",
    "likely",
    "made",
    "main",
    "major",
    "make",
    "makes",
    "making",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "need",
    "never",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "part",
    "per",
    "perhaps",
    "put",
    "quite",
    "rather",
    "really",
    "recent",
    "recently",
    "said",
    "same",
    "saw",
    "say",
    "says",
    "second",
    "see",
    "seen",
    "several",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "take",
    "taken",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "throughout",
    "thus",
    "time",
    "times",
    "to",
    "together",
    "too",
    "took",
    "toward",
    "towards",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "using",
    "very",
    "via",
    "was",
    "way",
    "ways",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "amid",
    "despite",
    "following",
    "according",
    "number",
    "numbers",
    "lot",
    "lots",
    "thing",
    "things",
    "kind",
    "sort",
    "instead",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "therefore",
    "hence",
    "indeed",
    "meanwhile",
    "another",
    "various",
    "certain",
    "particular",
    "particularly",
    "especially",
    "significant",
    "significantly",
    "new",
    "old",
    "current",
    "currently",
    "today",
    "day",
    "days",
    "month",
    "months",
    "week",
    "weeks",
    "decade",
    "decades",
    "century",
    "centuries",
    "state",
    "states",
    "country",
    "countries",
    "nation",
    "nations",
    "world",
    "people",
    "government",
    "governments",
    "president",
    "leader",
    "leaders",
    "official",
    "officials",
    "mid",
    "late",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "percent",
    "per",
    "cent",
    "est",
    "approximately",
    "around",
    "roughly",
    "subsequent",
    "subsequently",
    "continued",
    "continues",
    "continue",
    "remained",
    "remains",
    "remain",
    "led",
    "leading",
    "become",
    "however",
    "result",
    "resulted",
    "following",
    "followed",
    "began",
    "begin",
    "beginning",
    "ended",
    "ending",
    "since",
    "along",
    "well",
    "role",
    "roles",
    "area",
    "areas",
    "level",
    "levels",
    "term",
    "terms",
    "period",
    "place",
    "case",
    "cases",
    "point",
    "points",
    "set",
    "sets",
    "part",
    "parts",
    "side",
    "sides",
    "group",
    "groups",
    "form",
    "forms",
    "whole",
    "entire",
    "full",
    "long",
    "short",
    "small",
    "big",
    "great",
    "greater",
    "largest",
    "large",
    "good",
    "better",
    "best",
    "able",
    "would",
    "also",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word) && !is_generic(word)
}

/// Nouns too general to be a theme alone, but good in one: "transition government",
/// "member states".
const GENERIC: &[&str] = &[
    // Abstract nouns that say nothing of a text's subject alone.
    "action",
    "actions",
    "measure",
    "measures",
    "matter",
    "matters",
    "doubt",
    "consideration",
    "increase",
    "session",
    "entity",
    "entities",
    "pursuit",
    "aim",
    "aims",
    "interest",
    "interests",
    "departure",
    "fact",
    "facts",
    "opportunity",
    "purpose",
    "results",
    "reason",
    "question",
    "manner",
    "respect",
    "regard",
    "view",
    "basis",
    "means",
    "course",
    "addition",
    "degree",
    "extent",
    "instance",
    "sense",
    "effect",
    "effects",
    "attempt",
    "attempts",
    "situation",
    "step",
    "steps",
    "response",
    "position",
    "status",
    "example",
    "importance",
    "approach",
    "attention",
    "son",
    "deaths",
    "collapse",
    "institutions",
    "citizens",
    "state",
    "states",
    "country",
    "countries",
    "nation",
    "nations",
    "world",
    "people",
    "government",
    "governments",
    "president",
    "leader",
    "leaders",
    "official",
    "officials",
    "area",
    "areas",
    "level",
    "levels",
    "group",
    "groups",
    "role",
    "side",
    "sides",
    "term",
    "terms",
    "period",
    "power",
    "region",
    "control",
    "territory",
    "policy",
    "policies",
    "system",
    "issue",
    "issues",
    "effort",
    "efforts",
    "minister",
    "member",
    "members",
    "party",
    "parties",
    "order",
    "rule",
    "part",
    "parts",
    "case",
    "form",
    "place",
    "point",
];

pub fn is_generic(word: &str) -> bool {
    GENERIC.contains(&word)
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
