//! Names the gazetteer does not know: runs of capitalised words, acronyms and the acronyms a
//! text defines, merged into actors, with events and periods set apart as themes.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::words::{
    self, Head, NO_ABSORB, POLITIES, Word, family_name_first, head_of, is_acronym,
    is_name_connector, is_not_a_name, is_ordinal, is_roman_numeral, is_title,
};
use crate::core::catalogue::ActorKind;
use crate::core::document::{Document, ParagraphKind};
use crate::core::gazetteer::gazetteer;
use crate::core::ids::ParagraphId;

/// A name found in the text, with the forms that name it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub label: String,
    pub kind: ActorKind,
    pub forms: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Names {
    pub actors: Vec<Name>,
    /// Events, periods and agreements ("Cold War", "… Treaty"): themes.
    pub events: Vec<Name>,
    /// Capitalised words seen alone mid-sentence: the surnames that may be used alone.
    pub single_words: HashSet<String>,
    /// Every name of an event, however often it occurs: "Pretoria Accord" is no mention of
    /// South Africa.
    pub event_forms: Vec<String>,
    /// Every name that takes in a gazetteer name ("North Yemen", "Grand Duchy of Lithuania"):
    /// no mention of what it takes in.
    pub compound_forms: Vec<String>,
    /// How often each of those event and compound names occurs.
    pub enclosing_counts: HashMap<String, usize>,
}

/// What one name looks like across the text.
#[derive(Debug, Default)]
struct NameCandidate {
    words: Vec<String>,
    count: usize,
    first: usize,
    titled: usize,
    after_the: usize,
    /// Takes in a name the gazetteer knows: "Grand Duchy of Lithuania", "Pretoria Accord".
    absorbed: bool,
    /// The name without the known place that opens it: "Space Force" in "U.S. Space Force".
    without_opener: Option<String>,
    /// Times it follows "in", "at", "to", "from" or "near": a place ("at Combray").
    after_place_word: usize,
}

impl NameCandidate {
    fn surface(&self) -> String {
        self.words.join(" ")
    }
}

/// Word counts the capital rules need: how often each word is capitalised mid-sentence, and
/// how often it is written in lower case.
#[derive(Debug, Default)]
struct Casing {
    capitalised: HashMap<String, usize>,
    lower: HashMap<String, usize>,
}

impl Casing {
    fn capitalised(&self, word: &str) -> usize {
        self.capitalised.get(word).copied().unwrap_or(0)
    }

    fn lower(&self, word: &str) -> usize {
        words::with_lowercase(word, |lower| self.lower.get(lower).copied().unwrap_or(0))
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A word that can be part of a name: capitalised, or an Arabic article before a capital
/// ("al-Asad", "el-Sisi").
fn is_name_word(word: &str) -> bool {
    if is_capitalised(word) {
        return true;
    }
    // Most words have no hyphen in their first four bytes: one look, not nine comparisons.
    let Some(dash) = word.bytes().take(4).position(|b| b == b'-') else {
        return false;
    };
    matches!(
        &word[..=dash],
        "al-" | "el-" | "ad-" | "as-" | "ash-" | "an-" | "ar-" | "at-" | "az-"
    ) && is_capitalised(&word[dash + 1..])
}

/// Whether "of …" or "in …" continues a name into a place the gazetteer knows: "Grand Duchy
/// of Lithuania", "Democratic Forces for the Liberation of Rwanda", "Mission in the DRC";
/// not "Leopold II of Belgium", whose name ends before "of".
fn may_absorb(run: &[&str]) -> bool {
    let Some(last_word) = run.last() else {
        return false;
    };
    !NO_ABSORB.contains_any_case(last_word)
        && run.iter().any(|w| {
            POLITIES.contains_any_case(w) || matches!(head_of(w), Head::Organisation | Head::Place)
        })
}

fn is_direction(word: &str) -> bool {
    matches!(
        word,
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Upper"
            | "Lower"
            | "Greater"
    )
}

/// "Russia's" → "Russia"; "Workers'" at the end of a name → "Workers".
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('\u{2019}'))
        .unwrap_or(word)
}

/// The short forms a person's full name may be reduced to: the surname, or the family name
/// that comes first ("Kim" in "Kim Jong Un").
pub fn surname_forms(full: &str) -> Vec<String> {
    // "Leopold II of Belgium": the name ends before "of".
    let parts: Vec<&str> = full
        .split(' ')
        .filter(|p| !p.is_empty())
        .take_while(|p| *p != "of")
        .collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let mut forms = Vec::new();
    if matches!(parts[1], "bin" | "Bin" | "ibn" | "Ibn" | "bint") {
        // "Muhammad Bin Salman bin Abd al-Aziz Al Saud": the given name and the father's.
        forms.push(parts[0].to_string());
        if parts.len() > 3 {
            forms.push(parts[..3].join(" "));
        }
    } else if family_name_first(parts[0]) {
        forms.push(parts[0].to_string());
    } else {
        let last = parts
            .iter()
            .rev()
            .find(|p| !is_ordinal(p) && !p.ends_with('.') && !matches!(**p, "Jr" | "Sr"));
        if let Some(last) = last {
            forms.push((*last).to_string());
            // "al-Asad" is "Asad" too.
            if let Some((article, rest)) = last.split_once('-')
                && article.chars().all(char::is_lowercase)
                && is_capitalised(rest)
            {
                forms.push(rest.to_string());
            }
        }
    }
    forms.retain(|f| f.chars().count() > 2 && !is_not_a_name(f) && gazetteer().entry(f).is_none());
    forms
}

/// Whether a name names an event, period or agreement by its head: its last word ("Pretoria
/// Accord") or the word before its first "of" or "on" ("Convention on the Law of the Sea",
/// "Agreement Relating to …").
fn is_event_name<S: AsRef<str>>(words: &[S]) -> bool {
    names_event(words.len(), |at| words[at].as_ref())
}

/// A year of the last thousand: "1994", "2026".
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && word.starts_with(['1', '2'])
}

/// `is_event_name` over `count` words read by `word`, so that a run of a paragraph's words
/// is judged without collecting them.
fn names_event<'a>(count: usize, word: impl Fn(usize) -> &'a str) -> bool {
    let last = (0..count).rev().map(&word).find(|w| !is_ordinal(w));
    let before_connector = (0..count)
        .position(|at| matches!(word(at), "of" | "on" | "for" | "Relating"))
        .and_then(|at| at.checked_sub(1))
        .map(&word);
    last.is_some_and(|w| head_of(w) == Head::Event)
        || before_connector.is_some_and(|w| head_of(w) == Head::Event)
}

/// Sorted, non-overlapping gazetteer spans: does any cover part of `word`?
fn masked(spans: &[(usize, usize)], word: &Word) -> bool {
    let at = spans.partition_point(|&(_, end)| end <= word.start);
    spans.get(at).is_some_and(|&(start, _)| start < word.end)
}

/// A heading says nothing by its capitals: a Markdown one, or a line in capitals.
fn is_heading(document: &Document, at: usize) -> bool {
    if matches!(document.paragraphs()[at].kind, ParagraphKind::Heading(_)) {
        return true;
    }
    let text = document.paragraph_text(ParagraphId::new(at));
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let shouted = letters.clone().all(char::is_uppercase);
    shouted && letters.nth(3).is_some() && text.contains(' ')
}

/// Words at most in a line that reads as a heading though nothing marks it.
const HEADING_MAX_WORDS: usize = 12;

/// A paragraph that is structure, not running text: a marked heading, or a single short line
/// that does not end as a sentence does ("Background", "Issues for Congress", "What Are
/// Autonomous Weapon Systems?"). Its capitals name nothing: "Issues for Congress" is no
/// actor, and Congress is found where the text uses it as a name.
fn is_heading_line(document: &Document, at: usize) -> bool {
    if is_heading(document, at) {
        return true;
    }
    if document.paragraphs()[at].kind != ParagraphKind::Text {
        return false;
    }
    let text = document.paragraph_text(ParagraphId::new(at)).trim();
    if text.contains('\n') || text.is_empty() {
        return false;
    }
    let words = text.split_whitespace().count();
    let ends_sentence = text.ends_with(['.', '!', ';', ':', ',', '"', '\u{201D}', ')', ']']);
    words <= HEADING_MAX_WORDS
        && !ends_sentence
        && (!text.ends_with('?') || words <= 8)
        && is_capitalised(text)
}

/// What the paragraph's text around a name says of citing it: a number just before ("19
/// U.S.C."), or one after ("P.L. 118-31", "Executive Order 14347", "CRS Report R44234",
/// "58 FR 33933", "Table 1", "§ 2151").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CiteContext {
    digits_before: bool,
    number_after: bool,
}

impl CiteContext {
    fn of(before: &str, after: &str) -> CiteContext {
        let digits_before = before.len() > before.trim_end_matches(' ').len()
            && before
                .trim_end_matches(' ')
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
        let spaced = after.trim_start_matches(' ');
        if spaced.len() == after.len() && !after.starts_with('§') {
            return CiteContext {
                digits_before,
                number_after: false,
            };
        }
        let mut rest = spaced;
        // "Executive Order (E.O.) 14347", "Federal Register [FR] 3563": an abbreviation in
        // brackets between.
        if let Some(inner) = rest.strip_prefix(['(', '['])
            && let Some(close) = inner.find([')', ']'])
            && close <= 12
        {
            rest = inner[close + 1..].trim_start_matches(' ');
        }
        rest = rest.strip_prefix("No. ").unwrap_or(rest);
        let code: &str = &rest[..rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len())];
        let letters = code.chars().take_while(char::is_ascii_uppercase).count();
        let number_after = rest.starts_with('§')
            || code.starts_with(|c: char| c.is_ascii_digit())
            // "R44234", "IF10211": a few capitals, then digits.
            || (letters <= 3
                && code.len() - letters >= 3
                && code[letters..].chars().all(|c| c.is_ascii_digit()));
        CiteContext {
            digits_before,
            number_after,
        }
    }

    /// Whether `name`, in this context, is cited rather than used: a document or item
    /// with its number.
    fn cites(self, name: &str) -> bool {
        // Only an abbreviation ("P.L.", "19 U.S.C.") or a document's name ("Executive Order")
        // is cited: "In 2007 China" and "Boeing 737" are not.
        let abbreviated = name.contains('.') || is_acronym(name);
        if !abbreviated && !name.rsplit(' ').next().is_some_and(words::is_document_head) {
            return false;
        }
        abbreviated && self.digits_before || self.number_after
    }
}

/// A code, not a name: a fiscal year ("FY2026") or a document number ("IF10211").
fn is_code(word: &str) -> bool {
    let letters = word.chars().take_while(char::is_ascii_uppercase).count();
    let digits = word.len() - letters;
    (1..=4).contains(&letters)
        && word[letters..].chars().all(|c| c.is_ascii_digit())
        && (digits >= 3 || (word.starts_with("FY") && digits >= 2))
}

/// Words that a defined term's letters may skip: "research, development, test, and
/// evaluation (RDT&E)".
const EXPANSION_SKIPS: &[&str] = &["and", "of", "the", "for", "in", "on", "to", "or"];

/// Whether an acronym in brackets spells the lower-case words just before it: "low-enriched
/// uranium (LEU)", "military personnel (MILPERS)", "the renminbi (RMB)". Such an acronym names
/// a thing, not an actor.
pub(super) fn spells_lower_case_words(before: &str, acronym: &str) -> bool {
    let wanted: Vec<char> = acronym
        .strip_suffix('s')
        .unwrap_or(acronym)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if wanted.len() < 2 {
        return false;
    }
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '\u{2010}' | '(' | '['))
        .filter(|w| !w.is_empty())
        .collect();
    let longest = words.len().min(2 * wanted.len() + 2);
    (1..=longest).any(|n| {
        let run = &words[words.len() - n..];
        run.iter().all(|w| w.chars().all(char::is_lowercase))
            && !EXPANSION_SKIPS.contains(&run[0])
            && spells(run, &wanted)
    })
}

/// Whether `words` spell `wanted`: each word gives its first letter and then any of its
/// later letters in order; the little words of `EXPANSION_SKIPS` may give none. A table of
/// (words used, letters spelt), so that no text can make it slow.
fn spells(words: &[&str], wanted: &[char]) -> bool {
    // reachable[j]: the words so far can spell exactly wanted[..j].
    let mut reachable = vec![false; wanted.len() + 1];
    reachable[0] = true;
    for word in words {
        let letters: Vec<char> = word.chars().collect();
        let mut next = vec![false; wanted.len() + 1];
        for j in (0..wanted.len()).filter(|&j| reachable[j]) {
            if letters.first() != Some(&wanted[j]) {
                continue;
            }
            // The first letter, then as many more as the word holds in order.
            next[j + 1] = true;
            let mut taken = j + 1;
            let mut from = 1;
            while let Some(&want) = wanted.get(taken) {
                let Some(at) = letters[from..].iter().position(|&c| c == want) else {
                    break;
                };
                from += at + 1;
                taken += 1;
                next[taken] = true;
            }
        }
        if EXPANSION_SKIPS.contains(word) {
            for (j, slot) in next.iter_mut().enumerate() {
                *slot |= reachable[j];
            }
        }
        reachable = next;
    }
    reachable[wanted.len()]
}

/// How often each word is capitalised mid-sentence and written in lower case.
/// The words of paragraph `at` into `buffer`, a heading's first word marked as a sentence's.
/// Code blocks give no words, nor does inline code.
fn split_paragraph(document: &Document, at: usize, buffer: &mut Vec<Word>) {
    let paragraph = document.paragraphs()[at];
    if paragraph.kind == ParagraphKind::Code {
        // No words: not the last paragraph's again.
        buffer.clear();
        return;
    }
    words::split(
        document.paragraph_text(ParagraphId::new(at)),
        paragraph.start,
        is_heading(document, at),
        buffer,
    );
    if document.has_unsearched() {
        buffer.retain(|word| !document.is_unsearched(word.start));
    }
}

impl Casing {
    /// Counts the casing of `words`.
    fn count_words(&mut self, words: &[Word], text: &str) {
        for word in words {
            let surface = without_possessive(&text[word.start..word.end]);
            // A quarter of all words, and never asked for: `trim` drops a function word
            // whatever its casing, so no name is one.
            if surface.len() <= 3 && words::is_function_word(surface) {
                continue;
            }
            if is_capitalised(surface) {
                if !word.sentence_start {
                    count(&mut self.capitalised, surface);
                }
            } else {
                words::with_lowercase(surface, |lower| count(&mut self.lower, lower));
            }
        }
    }

    /// Adds the counts of another part of the text.
    fn add(&mut self, part: Casing) {
        if self.capitalised.is_empty() && self.lower.is_empty() {
            *self = part;
            return;
        }
        for (word, count) in part.capitalised {
            *self.capitalised.entry(word).or_default() += count;
        }
        for (word, count) in part.lower {
            *self.lower.entry(word).or_default() += count;
        }
    }
}

/// One more `key` in `counts`; a key already there costs no allocation.
fn count(counts: &mut HashMap<String, usize>, key: &str) {
    match counts.get_mut(key) {
        Some(count) => *count += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

/// Texts larger than this are read on every core, split at paragraph boundaries.
const PARALLEL_MIN_BYTES: usize = 8 * 1024 * 1024;

/// `work` on parts of the document, on every core for a large text, in document order.
fn in_parallel<T: Send>(
    document: &Document,
    work: impl Fn(std::ops::Range<usize>) -> T + Sync,
) -> Vec<T> {
    crate::core::parts::in_parallel(document, PARALLEL_MIN_BYTES, work)
        .into_iter()
        .map(|part| match part {
            Ok(result) => result,
            // A worker only panics on a bug: let it be the caller's panic.
            Err(panic) => std::panic::resume_unwind(panic),
        })
        .collect()
}

/// The words of one paragraph with the gazetteer's names marked in them.
struct ParagraphWords<'a> {
    text: &'a str,
    words: &'a [Word],
    spans: &'a [(usize, usize)],
    demonyms: &'a [(usize, usize)],
}

impl ParagraphWords<'_> {
    fn text(&self, at: usize) -> &str {
        let word = &self.words[at];
        &self.text[word.start..word.end]
    }

    fn joined(&self, at: usize) -> bool {
        at < self.words.len() && self.words[at].joined
    }

    fn masked(&self, at: usize) -> bool {
        masked(self.spans, &self.words[at])
    }

    fn opens_name(&self, at: usize) -> bool {
        is_name_word(self.text(at)) && !self.masked(at) && !is_code(self.text(at))
    }

    /// Just past the last word of the gazetteer name that covers word `at`.
    fn span_end(&self, at: usize) -> usize {
        let word = &self.words[at];
        let index = self.spans.partition_point(|&(_, end)| end <= word.start);
        let end = self.spans.get(index).map_or(word.end, |&(_, end)| end);
        let mut last = at;
        while last + 1 < self.words.len() && self.words[last + 1].end <= end {
            last += 1;
        }
        last + 1
    }

    /// Just past the body's head when the run ending at `end` is followed by a demonym and the
    /// capitalised name of a body ("Free" + "Syrian" + "Army").
    fn body_across_demonym(&self, end: usize) -> Option<usize> {
        // The run may open with a word trimmed later ("The Free"); its last is a name's.
        let last = self.text(end - 1);
        let plain = !is_title(last) && !is_not_a_name(last) && without_possessive(last) == last;
        if !plain || !self.joined(end) || !masked(self.demonyms, &self.words[end]) {
            return None;
        }
        let first_after = self.span_end(end);
        let mut past = first_after;
        while self.joined(past) && self.opens_name(past) {
            past += 1;
        }
        (past > first_after
            && head_of(without_possessive(self.text(past - 1))) == Head::Organisation)
            .then_some(past)
    }

    /// The first word of the gazetteer name that covers word `at`.
    fn span_start(&self, at: usize) -> usize {
        let start = self.words[at].start;
        let index = self.spans.partition_point(|&(_, e)| e <= start);
        let span_start = self.spans.get(index).map_or(start, |&(s, _)| s);
        let mut first = at;
        while first > 0 && self.words[first - 1].start >= span_start {
            first -= 1;
        }
        first
    }

    /// Whether the capitalised words from `i` and those after the "and" at `and_at` are
    /// one name, as the acronym in brackets after them spells: "Belt and Road Initiative
    /// (BRI)", "Trade and Technology Council (TTC)".
    fn spelt_across_and(&self, i: usize, and_at: usize) -> bool {
        let mut k = and_at + 1;
        while self.joined(k) && self.opens_name(k) {
            k += 1;
        }
        // A body or an event is named so ("... Council", "... Initiative"); other words
        // may spell an acronym by chance ("Sensor and Tracking (ST)").
        if k == and_at + 1 || head_of(self.text(k - 1)) == Head::None {
            return false;
        }
        let after = &self.text[self.words[k - 1].end..];
        let Some(inside) = after
            .strip_prefix(" (")
            .or_else(|| after.strip_prefix(" ["))
        else {
            return false;
        };
        // An acronym is short: a bounded look for its closing bracket.
        let Some(close) = inside.bytes().take(16).position(|b| b == b')' || b == b']') else {
            return false;
        };
        let acronym = &inside[..close];
        if !is_acronym(acronym) {
            return false;
        }
        let wanted = letters(acronym);
        // The run may open with words the name does not ("The Trade and ...").
        (i..and_at).any(|from| {
            let words: Vec<String> = (from..and_at)
                .chain(and_at + 1..k)
                .map(|w| self.text(w).to_string())
                .collect();
            initials(&words) == wanted
        })
    }

    /// The name run that starts at word `i`: (first word, end, takes in a gazetteer name).
    fn run_at(&self, i: usize) -> (usize, usize, bool) {
        let mut end = i + 1;
        let mut absorbed = false;
        loop {
            if self.joined(end) && self.opens_name(end) {
                end += 1;
                continue;
            }
            // "George VI", "Henry V": a regnal number ends the name, though the gazetteer
            // knows "VI" as a code (the Virgin Islands).
            if self.joined(end)
                && self.masked(end)
                && is_roman_numeral(self.text(end))
                && is_name_word(self.text(end - 1))
            {
                end += 1;
                absorbed = true;
                break;
            }
            // "... Act for Fiscal Year 2026": the year ends the name; acts of other years
            // are other acts.
            if self.joined(end) && self.text(end - 1) == "Year" && is_year(self.text(end)) {
                end += 1;
                break;
            }
            // "North Yemen": a direction before a place the gazetteer knows.
            if end == i + 1
                && self.joined(end)
                && is_direction(self.text(i))
                && !self.words[i].sentence_start
                && self.masked(end)
            {
                end = self.span_end(end);
                absorbed = true;
                continue;
            }
            // "Republic of the Congo", "Mohammed bin Salman".
            let mut j = end;
            // "Department of Health and Human Services": "and" inside an "of" name, not
            // between two names ("Mike Johnson and John Thune").
            let of_name = (i..end).any(|w| self.text(w) == "of");
            // "Convention on the Law of the Sea", "Committee on Foreign Affairs".
            let headed_on = matches!(
                head_of(self.text(end - 1)),
                Head::Event | Head::Organisation
            );
            while self.joined(j)
                && j - end < 2
                && (is_name_connector(self.text(j))
                    || j == end && of_name && self.text(j) == "and"
                    || j == end && self.text(j) == "and" && self.spelt_across_and(i, end)
                    || j == end && headed_on && self.text(j) == "on")
                && !(j == end && self.text(j) == "the")
                // "the Association of X and the Association of Y": two names.
                && !(j == end + 1 && self.text(end) == "and" && self.text(j) == "the")
            {
                j += 1;
            }
            if j > end && self.joined(j) && self.opens_name(j) {
                end = j + 1;
                continue;
            }
            // "Free Syrian Army", "Royal Thai Navy": a name word before a demonym, and a
            // body's head after it, are one body's name, which is no mention of the state.
            if let Some(past) = self.body_across_demonym(end) {
                end = past;
                absorbed = true;
                break;
            }
            // "Mission in the DRC", "Grand Duchy of Lithuania".
            let mut k = end;
            if self.joined(k) && self.text(k) == "in" {
                k += 1;
                if self.joined(k) && self.text(k) == "the" {
                    k += 1;
                }
            }
            let j = j.max(k);
            let run: Vec<&str> = (i..end).map(|w| self.text(w)).collect();
            if j > end
                && self.joined(j)
                && self.masked(j)
                && matches!(self.text(end), "of" | "in" | "for")
                && may_absorb(&run)
            {
                end = self.span_end(j);
                absorbed = true;
                // "Association of American Universities": the name goes on past the place.
                continue;
            }
            break;
        }
        self.opened_before(i, end, absorbed)
    }

    /// The run `i..end` with what opens it before `i`: a place, a year or a demonym.
    fn opened_before(&self, i: usize, end: usize, absorbed: bool) -> (usize, usize, bool) {
        // "Pretoria Accord", "Lisbon Treaty": an event named after a place.
        if names_event(end - i, |at| self.text(i + at))
            && i > 0
            && self.words[i].joined
            && self.masked(i - 1)
        {
            return (self.span_start(i - 1), end, true);
        }
        // "the 1994 Agreement", "the 2018 Farm Bill": a year opens an event's name.
        if names_event(end - i, |at| self.text(i + at))
            && i > 1
            && self.words[i].joined
            && self.words[i - 1].joined
            && is_year(self.text(i - 1))
            && self.text(i - 2).eq_ignore_ascii_case("the")
        {
            return (i - 1, end, absorbed);
        }
        // "Syrian Democratic Forces", "Korean Worker's Party": a demonym opens the name of a
        // body, though not of a state's own government ("Syrian Government").
        let last = self.text(end - 1);
        let names_a_body = matches!(head_of(last), Head::Organisation | Head::Place)
            && !NO_ABSORB.contains_any_case(last);
        let after_known = i > 0
            && self.words[i].joined
            && self.masked(i - 1)
            && !self.words[i].sentence_start
            && !is_title(self.text(i))
            && !NO_ABSORB.contains_any_case(last);
        if after_known && masked(self.demonyms, &self.words[i - 1]) {
            if names_a_body || end - i >= 2 {
                return (self.span_start(i - 1), end, true);
            }
        } else if after_known && !is_not_a_name(self.text(i)) {
            // "Cyprus Minerals", "U.S. Department of Agriculture": a place opens the name
            // of a body, which is no mention of the place.
            return (self.span_start(i - 1), end, true);
        }
        (i, end, absorbed)
    }
}

/// The gazetteer's mentions in some paragraphs, sorted: all of them, and the demonyms among
/// them ("Syrian" in "Syrian Democratic Forces").
#[derive(Debug, Default)]
pub struct Known {
    pub spans: Vec<(usize, usize)>,
    pub demonyms: Vec<(usize, usize)>,
}

/// Paragraphs are read in runs of about this many bytes, so that only their gazetteer
/// mentions are held at once.
const CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// Finds the names in `document`; `known` gives the gazetteer's mentions in a range of
/// paragraphs, or `None` to stop. A large text is read on every core, each part's ranges
/// asked for in order.
pub fn find(
    document: &Document,
    known: impl Fn(std::ops::Range<usize>) -> Option<Known> + Sync,
) -> Option<Names> {
    // One pass over the words: each part counts casing and gathers its runs of capitalised
    // words; what a run names is decided after, once the casing of the whole text is known.
    let parts = in_parallel(document, |range| find_in(document, range, &known));
    let mut casing = Casing::default();
    let mut runs: HashMap<String, RunStats> = HashMap::new();
    let mut defined_terms = HashSet::default();
    for part in parts {
        let part = part?;
        casing.add(part.casing);
        for (key, stats) in part.runs {
            match runs.entry(key) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(stats);
                }
                std::collections::hash_map::Entry::Occupied(mut slot) => slot.get_mut().add(stats),
            }
        }
        defined_terms.extend(part.defined_terms);
    }
    let mut merged = resolve(runs, &casing);
    merged.candidates.retain(|surface, candidate| {
        !defined_terms.contains(surface)
            && !candidate
                .words
                .first()
                .is_some_and(|w| merged.cited.contains(w))
    });
    Some(assemble(
        merged.candidates,
        &merged.definitions,
        merged.single_words,
    ))
}

/// What the runs of the whole text name, now that its casing is known.
fn resolve(runs: HashMap<String, RunStats>, casing: &Casing) -> Resolved {
    let mut resolved = Resolved::default();
    // (where, alias, name): the first definition of an alias in the text wins.
    let mut definitions: Vec<(usize, String, String)> = Vec::new();
    // Where each candidate's form without its opener was first seen.
    let mut opener_at: HashMap<String, usize> = HashMap::new();
    for (key, stats) in runs {
        let run = RunKey::parse(&key);
        let Some(name) = trim(&run.words, casing) else {
            continue;
        };
        let surface = name.words.join(" ");
        // A cited act stays, as the theme it is; any other cited name is no actor.
        if !is_event_name(&name.words) && run.context.cites(&surface) {
            // "Executive Order (E.O.) 14285": its short form is cited too.
            resolved
                .cited
                .extend(stats.aliases.into_iter().map(|(_, alias)| alias));
            continue;
        }
        if name.words.len() == 1 && !run.last_opens_sentence {
            resolved.single_words.insert(name.words[0].clone());
        }
        if !acceptable(&name, casing) || gazetteer().entry(&surface).is_some() {
            continue;
        }
        for (at, alias) in stats.aliases {
            if abbreviates(&alias, &name.words) {
                definitions.push((at, alias, surface.clone()));
            }
        }
        let entry = resolved
            .candidates
            .entry(surface.clone())
            .or_insert_with(|| NameCandidate {
                words: name.words.clone(),
                first: stats.first,
                ..NameCandidate::default()
            });
        entry.count += stats.count;
        entry.first = entry.first.min(stats.first);
        entry.absorbed |= stats.absorbed;
        if let Some((at, rest)) = stats.without_opener
            && opener_at.get(&surface).is_none_or(|&seen| at < seen)
        {
            opener_at.insert(surface, at);
            entry.without_opener = Some(rest);
        }
        entry.titled += if name.titled { stats.count } else { 0 };
        entry.after_the += stats.after_the;
        entry.after_place_word += stats.after_place_word;
    }
    definitions.sort_unstable();
    resolved.definitions = definitions
        .into_iter()
        .map(|(_, alias, surface)| (alias, surface))
        .collect();
    resolved
}

/// What the runs of a text name: the candidates and what `assemble` needs beside them.
#[derive(Default)]
struct Resolved {
    candidates: HashMap<String, NameCandidate>,
    definitions: Vec<(String, String)>,
    single_words: HashSet<String>,
    /// Short forms defined for a cited document: "E.O." for "Executive Order (E.O.) 14285".
    cited: HashSet<String>,
}

/// Every occurrence of one run of words, with the same flags and the same citation
/// context, is named alike: it is counted once per part and decided once.
#[derive(Debug, Default)]
struct RunStats {
    count: usize,
    first: usize,
    after_the: usize,
    /// Times it follows "in", "at", "to", "from" or "near".
    after_place_word: usize,
    absorbed: bool,
    /// The run without the known place that opens it, and where that was first seen.
    without_opener: Option<(usize, String)>,
    /// The aliases defined in brackets after it, each where first seen.
    aliases: Vec<(usize, String)>,
}

impl RunStats {
    fn add(&mut self, other: RunStats) {
        self.count += other.count;
        self.first = self.first.min(other.first);
        self.after_the += other.after_the;
        self.after_place_word += other.after_place_word;
        self.absorbed |= other.absorbed;
        if let Some((at, rest)) = other.without_opener
            && self
                .without_opener
                .as_ref()
                .is_none_or(|(seen, _)| at < *seen)
        {
            self.without_opener = Some((at, rest));
        }
        for (at, alias) in other.aliases {
            match self.aliases.iter_mut().find(|(_, seen)| *seen == alias) {
                Some(seen) => seen.0 = seen.0.min(at),
                None => self.aliases.push((at, alias)),
            }
        }
    }
}

/// A run's words and flags, packed into one string to key a map of runs: per word a flag
/// byte (bit 0: opens a sentence, bit 1: just inside a quote), the word, and a separator.
struct RunKey<'a> {
    /// Each word, and whether its capital says nothing (a sentence's first, or quoted).
    words: Vec<(&'a str, bool)>,
    last_opens_sentence: bool,
    context: CiteContext,
}

const RUN_KEY_SEPARATOR: char = '\u{1}';

impl RunKey<'_> {
    fn pack(run: &[Word], text: &str, context: CiteContext, key: &mut String) {
        key.clear();
        key.push(char::from(b'0' + u8::from(context.digits_before)));
        key.push(char::from(b'0' + u8::from(context.number_after)));
        for word in run {
            let quoted = text[..word.start].ends_with(['"', '\u{201C}', '\u{2018}']);
            key.push(char::from(
                b'0' + u8::from(word.sentence_start) + 2 * u8::from(quoted),
            ));
            key.push_str(&text[word.start..word.end]);
            key.push(RUN_KEY_SEPARATOR);
        }
    }

    fn parse(key: &str) -> RunKey<'_> {
        let bytes = key.as_bytes();
        let context = CiteContext {
            digits_before: bytes[0] == b'1',
            number_after: bytes[1] == b'1',
        };
        let mut words = Vec::new();
        let mut last_opens_sentence = false;
        for packed in key[2..].split_terminator(RUN_KEY_SEPARATOR) {
            let flags = packed.as_bytes()[0] - b'0';
            last_opens_sentence = flags & 1 == 1;
            words.push((&packed[1..], flags != 0));
        }
        RunKey {
            words,
            last_opens_sentence,
            context,
        }
    }
}

/// What one part of a text holds for the name finder.
#[derive(Default)]
struct Found {
    casing: Casing,
    /// Packed `RunKey` → its occurrences.
    runs: HashMap<String, RunStats>,
    /// Acronyms the text defines by lower-case words: "(LEU)" after "low-enriched uranium".
    defined_terms: HashSet<String>,
}

/// Bytes before a bracket in which the words an acronym spells are looked for.
const DEFINED_TERM_LOOKBACK: usize = 160;

/// Every acronym in brackets in `text[range]` that spells the lower-case words before it.
fn note_defined_terms(text: &str, range: &std::ops::Range<usize>, found: &mut Found) {
    let paragraph = &text[range.clone()];
    let mut from = 0;
    // memchr, not `find` with a pair of chars: this reads every paragraph of a book.
    while let Some(open) =
        memchr::memchr2(b'(', b'[', &paragraph.as_bytes()[from..]).map(|at| at + from)
    {
        from = open + 1;
        let inside = &paragraph[open + 1..];
        let Some(close) = inside.find([')', ']', ',', ';']) else {
            break;
        };
        let acronym = inside[..close].trim();
        // The words an acronym spells are just before it: a bounded look back.
        let mut back = open.saturating_sub(DEFINED_TERM_LOOKBACK);
        while !paragraph.is_char_boundary(back) {
            back += 1;
        }
        if is_acronym(acronym.strip_suffix('s').unwrap_or(acronym))
            && spells_lower_case_words(&paragraph[back..open], acronym)
        {
            found.defined_terms.insert(acronym.to_string());
        }
    }
}

/// The casing and the runs of capitalised words in paragraphs `range`.
fn find_in(
    document: &Document,
    range: std::ops::Range<usize>,
    known: &(impl Fn(std::ops::Range<usize>) -> Option<Known> + Sync),
) -> Option<Found> {
    let text = document.text();
    let mut buffer = Vec::new();
    let mut found = Found::default();
    let mut key = String::new();
    let paragraphs = document.paragraphs();
    let mut chunk = Known::default();
    let mut chunk_end = range.start;
    for at in range.clone() {
        let paragraph = paragraphs[at];
        if at == chunk_end {
            let first = paragraph.start;
            chunk_end =
                at + paragraphs[at..range.end].partition_point(|p| p.end - first < CHUNK_BYTES);
            chunk_end = chunk_end.max(at + 1);
            chunk = known(at..chunk_end)?;
        }
        let (spans, demonyms) = (chunk.spans.as_slice(), chunk.demonyms.as_slice());
        split_paragraph(document, at, &mut buffer);
        // A heading's words count for casing, though it names nothing.
        found.casing.count_words(&buffer, text);
        if is_heading_line(document, at) {
            continue;
        }
        note_defined_terms(text, &(paragraph.start..paragraph.end), &mut found);
        let words = ParagraphWords {
            text,
            words: &buffer,
            spans,
            demonyms,
        };
        let mut i = 0;
        while i < buffer.len() {
            if !words.opens_name(i) || !is_capitalised(words.text(i)) {
                i += 1;
                continue;
            }
            let opens = i;
            let (first, end, absorbed) = words.run_at(opens);
            let run = &buffer[first..end];
            let before = first.checked_sub(1).map(|b| words.text(b));
            i = end;
            // "This Insight provides", "this In Focus": the paper names itself.
            if before.is_some_and(|b| matches!(b, "this" | "This" | "these" | "These")) {
                continue;
            }
            let after_text = &text[buffer[end - 1].end..paragraph.end];
            let before_text = &text[paragraph.start..run[0].start];
            RunKey::pack(
                run,
                text,
                CiteContext::of(before_text, after_text),
                &mut key,
            );
            let stats = match found.runs.get_mut(key.as_str()) {
                Some(stats) => stats,
                None => found.runs.entry(key.clone()).or_insert_with(|| RunStats {
                    first: run[0].start,
                    ..RunStats::default()
                }),
            };
            stats.count += 1;
            stats.absorbed |= absorbed;
            stats.after_the += usize::from(before == Some("the"));
            stats.after_place_word += usize::from(
                before.is_some_and(|b| matches!(b, "in" | "at" | "to" | "from" | "near")),
            );
            if stats.without_opener.is_none() && first < opens && words.masked(first) {
                let rest = (opens..end)
                    .map(|w| without_possessive(words.text(w)))
                    .collect::<Vec<_>>()
                    .join(" ");
                stats.without_opener = Some((run[0].start, rest));
            }
            if let Some(alias) = defined_alias(after_text)
                && !stats.aliases.iter().any(|(_, seen)| *seen == alias)
            {
                stats.aliases.push((run[0].start, alias));
            }
        }
    }
    Some(found)
}

/// A run of capitalised words cut down to the name in it.
struct Trimmed {
    words: Vec<String>,
    titled: bool,
}

/// `run` holds each word and whether its capital says nothing: it opens a sentence, or is
/// just inside an opening quote, where what is said starts.
fn trim(run: &[(&str, bool)], casing: &Casing) -> Option<Trimmed> {
    let gazetteer = gazetteer();
    let mut words: Vec<(&str, bool)> = run.to_vec();
    let last = words.last().map(|(w, _)| without_possessive(w))?;
    let head = head_of(last);
    let mut titled = false;
    // "Secretary of Defense Pete Hegseth": a title's "of" and its office go too.
    let mut office_of = false;
    while let Some(&(word, sentence_start)) = words.first() {
        // "Poor Odette", "Has Eulalie": a sentence's first word that the text writes in
        // lower case more often than with a capital is no part of the name.
        let bare = without_possessive(word);
        // One the text never writes otherwise ("Adaeze Okonkwo spoke.") stays.
        let (capitalised, lower) = (casing.capitalised(bare), casing.lower(bare));
        let unconfirmed = sentence_start
            && (lower > capitalised || capitalised == 0 && lower > 0)
            && !gazetteer.knows_word(word);
        if is_title(word) && head == Head::None {
            titled = true;
        } else if titled && word == "of" && words.len() > 2 {
            office_of = true;
        } else if !(sentence_start && is_not_a_name(word) && words.len() > 1 && !is_direction(word)
            || words::is_function_word(word)
            || unconfirmed
            || is_name_connector(word))
        {
            // Mid-sentence, "New" in "New York" is part of the name.
            break;
        }
        words.remove(0);
    }
    if office_of {
        // The office is at least a word ("Defense"); a person's name after it is the last
        // two words at most ("Director of National Intelligence Tulsi Gabbard").
        if words.first().is_some_and(|(w, _)| *w == "the") {
            words.remove(0);
        }
        if words.is_empty() {
            return None;
        }
        words.remove(0);
        if words.len() > 2 {
            words.drain(..words.len() - 2);
        }
    }
    // "Drug Enforcement Administration": two words or more before the head name a body;
    // after one ("Biden Administration") the head says whose it is, and the owner is the
    // name. A place the gazetteer knows before the head ("United States Government") never
    // reaches here: the run stopped at it.
    let names_a_body = |words: &[(&str, bool)]| {
        let [before @ .., (last, _)] = words else {
            return false;
        };
        before.len() >= 2 && !titled && head_of(without_possessive(last)) == Head::Organisation
    };
    // "Françoise I thought": the pronoun; "King Hussein I": the ordinal, after a title.
    while words.last().is_some_and(|(w, _)| {
        is_name_connector(w)
            || is_not_a_name(without_possessive(w)) && !is_ordinal(w)
            || *w == "I" && !titled
    }) && words.len() > 1
        && !names_a_body(&words)
    {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let count = words.len();
    let words: Vec<String> = words
        .into_iter()
        .enumerate()
        .map(|(n, (w, _))| {
            if n + 1 == count {
                without_possessive(w).to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    Some(Trimmed { words, titled })
}

/// Whether a trimmed run can be a name at all.
fn acceptable(name: &Trimmed, casing: &Casing) -> bool {
    if name.words.len() > 1 {
        return !name.words.iter().all(|w| is_not_a_name(w));
    }
    let word = name.words[0].as_str();
    if word.chars().count() < 2
        || word.chars().all(|c| c.is_ascii_digit())
        || is_code(word)
        // "the Doctor", "Mme" alone: a title, not who holds it.
        || is_title(word)
    {
        return false;
    }
    // "Embassy", "Council", "Treaty" alone: the head of some name, not a name, unless the
    // text never writes it in lower case and names something by it often (`assemble` asks
    // for `HEAD_ALONE_MIN` mentions): "Congress".
    if head_of(word) != Head::None && (casing.capitalised(word) == 0 || casing.lower(word) > 0) {
        return false;
    }
    if is_acronym(word) {
        return !is_not_a_name(word);
    }
    // "Congressional", "Presidential": an adjective, not a name.
    let lower = word.to_lowercase();
    if ["ional", "ial", "ical"]
        .iter()
        .any(|end| lower.ends_with(end))
        && !gazetteer().knows_word(word)
    {
        return false;
    }
    // "Soviet-sponsored", "Post-war": an adjective, not a name.
    if word
        .split(['-', '\u{2010}'])
        .skip(1)
        .any(|p| !is_capitalised(p))
    {
        return false;
    }
    // A word that only opens sentences counts if the gazetteer knows it ("Putin said.").
    let capitalised = casing
        .capitalised(word)
        .max(usize::from(gazetteer().knows_word(word)));
    !is_not_a_name(word) && capitalised > 0 && casing.lower(word) * 2 <= capitalised
}

/// Another name for the name just before it, in brackets: "(DPRK)", "(Goryeo; 918-1392)",
/// "(formerly the Nusrah Front)", "(also known as \"Etidal\")".
fn defined_alias(after: &str) -> Option<String> {
    let rest = after.trim_start().strip_prefix(['(', '['])?;
    let inside = &rest[..rest.find([')', ']'])?];
    let mut inside = inside.split([';', ',']).next()?.trim();
    for lead in [
        "also known as ",
        "formerly known as ",
        "formerly ",
        "known as ",
        "or ",
    ] {
        inside = inside.strip_prefix(lead).unwrap_or(inside);
    }
    let inside = inside
        .trim_start_matches("the ")
        .trim_matches(|c: char| {
            matches!(
                c,
                '"' | '\u{201C}' | '\u{201D}' | '\'' | '\u{2018}' | '\u{2019}'
            )
        })
        .trim();
    let words: Vec<&str> = inside.split(' ').collect();
    let named = !inside.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| is_name_word(w) || is_name_connector(w))
        && is_capitalised(words[0])
        && !is_not_a_name(words[0]);
    named.then(|| inside.to_string())
}

/// The letters of an acronym, without dots: "U.S." → "US".
/// Whether an alias in brackets can stand for `name`: any alias but an acronym, and an
/// acronym only if it opens with an initial of the name. "(FYP)" after "Social Development"
/// stands for more than the run before it ("Five-Year Plan for National Economic and
/// Social Development"); "(WPK)" after "Korean Workers' Party" is that party.
fn abbreviates(alias: &str, name: &[String]) -> bool {
    if !is_acronym(alias) {
        return true;
    }
    let wanted = alias.chars().find(|c| c.is_alphabetic());
    wanted.is_some_and(|wanted| initials(name).contains(wanted))
}

fn letters(acronym: &str) -> String {
    acronym.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The initials of a name's capitalised words: "Supreme People's Assembly" → "SPA".
/// The capitals that open a name's words and their hyphenated parts: "FYP" for "Five-Year
/// Plan".
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| is_capitalised(w))
        .flat_map(|w| w.split(['-', '\u{2010}']))
        .filter_map(|part| part.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// Names at least this long may be misspelt once and still be known.
const MISSPELT_MIN_CHARS: usize = 8;

/// Whether `a` becomes `b` by at most two insertions, deletions or substitutions.
fn within_two_edits(a: &[char], b: &[char]) -> bool {
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Levenshtein, row by row, giving up once a whole row is past two.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            row[j + 1] = (previous[j] + usize::from(x != y))
                .min(previous[j + 1] + 1)
                .min(row[j] + 1);
        }
        if row.iter().all(|&d| d > 2) {
            return false;
        }
        previous = row;
    }
    previous[b.len()] <= 2
}

/// Names said more than once (candidate, letters), by first letter and length: where a name
/// misspelt once may belong.
type OftenSaid = HashMap<(char, usize), Vec<(usize, Vec<char>)>>;

/// The `OftenSaid` of `candidates`.
fn often_said(candidates: &[NameCandidate]) -> OftenSaid {
    let mut often: OftenSaid = HashMap::new();
    for (at, candidate) in candidates.iter().enumerate() {
        let surface: Vec<char> = candidate.surface().chars().collect();
        if candidate.count >= 2
            && surface.len() >= MISSPELT_MIN_CHARS
            && let Some(&first) = surface.first()
        {
            often
                .entry((first, surface.len()))
                .or_default()
                .push((at, surface));
        }
    }
    often
}

/// The name said more than once that `surface` (said once) misspells, if any.
fn slip_of(
    surface: &str,
    at: usize,
    candidates: &[NameCandidate],
    often: &OftenSaid,
) -> Option<usize> {
    let surface: Vec<char> = surface.chars().collect();
    let first = *surface.first()?;
    if surface.len() < MISSPELT_MIN_CHARS || candidates.len() < 2 {
        return None;
    }
    (surface.len() - 2..=surface.len() + 2)
        .filter_map(|l| often.get(&(first, l)))
        .flatten()
        .find(|(other, name)| *other != at && within_two_edits(&surface, name))
        .map(|&(other, _)| other)
}

/// How each candidate joins another: as another of its names, or as its surname.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    Form(usize),
    Surname(usize),
    /// "Verdurins" for "Verdurin": another form, though not another name.
    Plural(usize),
    /// "Varnavidse" once for "Varnavides": a slip of the pen, no form of its own.
    Slip(usize),
}

/// Names given in brackets, acronyms by their initials, and surnames alone join the name
/// they stand for.
fn merges(candidates: &[NameCandidate], definitions: &[(String, String)]) -> Vec<Option<Merge>> {
    let by_surface: HashMap<String, usize> = candidates
        .iter()
        .enumerate()
        .map(|(at, c)| (c.surface(), at))
        .collect();
    // A full name whose first word the text also uses alone, and more often, is two names
    // run together ("the Combray Swann"): no full name for the second.
    let alone = |word: &str| by_surface.get(word).map_or(0, |&at| candidates[at].count);
    let mut surname_of: HashMap<String, Option<usize>> = HashMap::new();
    for (at, candidate) in candidates.iter().enumerate() {
        let first = alone(&candidate.words[0]);
        if candidate.words.len() > 1 && !(first >= 3 && first >= 2 * candidate.count) {
            for form in surname_forms(&candidate.surface()) {
                // A surname two full names share ("de Guermantes") joins neither.
                surname_of
                    .entry(form)
                    .and_modify(|owner| {
                        if *owner != Some(at) {
                            *owner = None;
                        }
                    })
                    .or_insert(Some(at));
            }
        }
    }
    let often = often_said(candidates);
    candidates
        .iter()
        .enumerate()
        .map(|(at, candidate)| {
            let surface = candidate.surface();
            // "Varnavidse" once, "Varnavides" often: a slip of the pen.
            if candidate.count == 1
                && let Some(target) = slip_of(&surface, at, candidates, &often)
            {
                return Some(Merge::Slip(target));
            }
            let defined = definitions
                .iter()
                .find(|(alias, _)| *alias == surface)
                .and_then(|(_, expansion)| by_surface.get(expansion).copied())
                .filter(|&target| target != at);
            if let Some(target) = defined {
                return Some(Merge::Form(target));
            }
            // "U.S. Space Force" is the "Space Force" the text also names.
            if let Some(target) = candidate
                .without_opener
                .as_ref()
                .and_then(|rest| by_surface.get(rest).copied())
                .filter(|&target| target != at)
            {
                return Some(Merge::Form(target));
            }
            if candidate.words.len() != 1 {
                return None;
            }
            let word = &candidate.words[0];
            if is_acronym(word) {
                // "NDAA" for "National Defense Authorization Act for Fiscal Year".
                let before_connector = |words: &[String]| {
                    let end = words
                        .iter()
                        .position(|w| is_name_connector(w))
                        .unwrap_or(words.len());
                    initials(&words[..end])
                };
                let wanted = letters(word);
                return candidates
                    .iter()
                    .position(|c| c.words.len() > 1 && initials(&c.words) == wanted)
                    .or_else(|| {
                        candidates
                            .iter()
                            .position(|c| c.words.len() > 2 && before_connector(&c.words) == wanted)
                    })
                    .map(Merge::Form);
            }
            // "at Combray": a place, not the surname of "Comtes de Combray".
            if candidate.after_place_word * 2 > candidate.count {
                return None;
            }
            // "the Verdurins" are the Verdurin the text names.
            if let Some(target) = word
                .strip_suffix('s')
                .and_then(|one| by_surface.get(one).copied())
            {
                return Some(Merge::Plural(target));
            }
            // A full name said once does not take a surname said a hundred times ("Elzéar
            // de Guermantes" and the Guermantes family); one said now and then does.
            surname_of
                .get(word)
                .copied()
                .flatten()
                .filter(|&owner| candidates[owner].count * 10 >= candidate.count)
                .map(Merge::Surname)
        })
        .collect()
}

/// What a name is, from its last word and the cues around it.
/// Whether a word, written after "the", can be a people's name: a plural ("Kurds") or a
/// word in "-ese" ("Sinhalese"), not a hyphenated place ("Champs-Elysées").
fn names_a_people(word: &str) -> bool {
    !word.contains(['-', '\u{2010}']) && (word.ends_with('s') || word.ends_with("ese"))
}

fn kind_of(candidate: &NameCandidate, forms: usize, surnamed: bool) -> Option<ActorKind> {
    let last = candidate.words.last().map_or("", String::as_str);
    let head = head_of(
        candidate
            .words
            .iter()
            .rev()
            .find(|w| !is_ordinal(w))
            .map_or(last, String::as_str),
    );
    if is_event_name(&candidate.words) {
        return None;
    }
    Some(match head {
        Head::Event => return None,
        Head::Organisation => ActorKind::Organisation,
        Head::Place => ActorKind::Place,
        Head::None if candidate.after_place_word * 2 > candidate.count => ActorKind::Place,
        Head::None if candidate.words.len() > 1 && words::opens_a_place(&candidate.words[0]) => {
            ActorKind::Place
        }
        Head::None if candidate.titled > 0 || surnamed => ActorKind::Person,
        Head::None if forms > 1 || is_acronym(last) => ActorKind::Organisation,
        // "the Kurds", "the Sinhalese": a people; not "the Vivonne" or "the Champs-Elysées".
        Head::None
            if candidate.words.len() == 1
                && candidate.after_the * 2 > candidate.count
                && names_a_people(last) =>
        {
            ActorKind::Group
        }
        Head::None => ActorKind::Other,
    })
}

/// Mentions a name's head word alone needs to be a name: "Congress" three times, not
/// "Embassy" twice.
const HEAD_ALONE_MIN: usize = 3;

fn assemble(
    candidates: HashMap<String, NameCandidate>,
    definitions: &[(String, String)],
    single_words: HashSet<String>,
) -> Names {
    let mut candidates: Vec<NameCandidate> = candidates.into_values().collect();
    candidates.sort_by_key(|c| c.first);
    let mut names = Names {
        single_words,
        ..Names::default()
    };
    let merged = merges(&candidates, definitions);
    let mut totals: Vec<usize> = candidates.iter().map(|c| c.count).collect();
    let mut forms: Vec<Vec<String>> = candidates.iter().map(|c| vec![c.surface()]).collect();
    let mut surnamed = vec![false; candidates.len()];
    let mut plurals: Vec<Vec<String>> = vec![Vec::new(); candidates.len()];
    for (at, merge) in merged.iter().enumerate() {
        match *merge {
            Some(Merge::Form(target)) => {
                totals[target] += candidates[at].count;
                forms[target].push(candidates[at].surface());
            }
            Some(Merge::Surname(target)) => {
                totals[target] += candidates[at].count;
                surnamed[target] = true;
            }
            // Searched for like a plural, but no sign of another name for the same thing.
            Some(Merge::Plural(target) | Merge::Slip(target)) => {
                totals[target] += candidates[at].count;
                plurals[target].push(candidates[at].surface());
            }
            None => {}
        }
    }
    for candidate in &candidates {
        if is_event_name(&candidate.words) {
            names.event_forms.push(candidate.surface());
            names
                .enclosing_counts
                .insert(candidate.surface(), candidate.count);
        } else if candidate.absorbed {
            names.compound_forms.push(candidate.surface());
            names
                .enclosing_counts
                .insert(candidate.surface(), candidate.count);
        }
    }
    for (at, candidate) in candidates.iter().enumerate() {
        if merged[at].is_some() || totals[at] < 2 {
            continue;
        }
        if let [word] = candidate.words.as_slice()
            && head_of(word) != Head::None
            && totals[at] < HEAD_ALONE_MIN
        {
            continue;
        }
        let name = Name {
            label: candidate.surface(),
            kind: ActorKind::Other,
            forms: forms[at].iter().chain(&plurals[at]).cloned().collect(),
        };
        match kind_of(candidate, forms[at].len(), surnamed[at]) {
            None => names.events.push(name),
            Some(kind) => names.actors.push(Name { kind, ..name }),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_key_gives_back_its_words_and_flags() {
        let text = "Then \"Big Ben\" rang. Ben";
        let mut words = Vec::new();
        words::split(text, 0, false, &mut words);
        let context = CiteContext {
            digits_before: true,
            number_after: false,
        };
        let mut key = String::new();
        RunKey::pack(&words[1..3], text, context, &mut key);
        let back = RunKey::parse(&key);
        // "Big" is just inside a quote: its capital says nothing.
        assert_eq!(back.words, vec![("Big", true), ("Ben", false)]);
        assert!(!back.last_opens_sentence);
        assert_eq!(back.context, context);
        RunKey::pack(&words[4..], text, context, &mut key);
        let back = RunKey::parse(&key);
        assert_eq!(back.words, vec![("Ben", true)]);
        assert!(back.last_opens_sentence);
    }
}
