//! Names the gazetteer does not know: runs of capitalised words, acronyms and the acronyms a
//! text defines, merged into actors, with events and periods set apart as themes.

use std::collections::{HashMap, HashSet};

use super::words::{
    self, Head, Word, family_name_first, head_of, is_acronym, is_name_connector, is_not_a_name,
    is_ordinal, is_title,
};
use crate::core::catalogue::ActorKind;
use crate::core::document::{Document, ParagraphKind};
use crate::core::gazetteer::gazetteer;

/// A name found in the text, with the forms that name it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub label: String,
    pub kind: ActorKind,
    pub forms: Vec<String>,
    pub mentions: usize,
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
}

/// What one name looks like across the text.
#[derive(Debug, Default)]
struct Candidate {
    words: Vec<String>,
    count: usize,
    first: usize,
    titled: usize,
    after_the: usize,
    /// Takes in a name the gazetteer knows: "Grand Duchy of Lithuania", "Pretoria Accord".
    absorbed: bool,
}

impl Candidate {
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
        self.lower.get(&word.to_lowercase()).copied().unwrap_or(0)
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
    ["al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-"]
        .iter()
        .any(|article| word.strip_prefix(article).is_some_and(is_capitalised))
}

/// Whether "of …" or "in …" continues a name into a place the gazetteer knows: "Grand Duchy
/// of Lithuania", "Democratic Forces for the Liberation of Rwanda", "Mission in the DRC";
/// not "Leopold II of Belgium", whose name ends before "of".
fn may_absorb(run: &[&str]) -> bool {
    let Some(last_word) = run.last() else {
        return false;
    };
    let lower = last_word.to_lowercase();
    const NEVER: &[&str] = &[
        "government", "administration", "regime", "people", "peoples", "state", "citizens",
        "capital", "north", "south", "east", "west", "coast", "president", "minister", "king",
        "queen", "prince", "leader", "ambassador", "secretary",
    ];
    const POLITIES: &[&str] = &[
        "kingdom", "kingdoms", "duchy", "republic", "empire", "emirate", "sultanate",
        "caliphate", "principality", "federation", "commonwealth", "confederation", "khanate",
    ];
    !NEVER.contains(&lower.as_str())
        && run.iter().any(|w| {
            POLITIES.contains(&w.to_lowercase().as_str())
                || matches!(head_of(w), Head::Organisation | Head::Place)
        })
}

fn is_direction(word: &str) -> bool {
    matches!(
        word,
        "North" | "South" | "East" | "West" | "Northern" | "Southern" | "Eastern" | "Western"
            | "Upper" | "Lower" | "Greater"
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
    forms.retain(|f| {
        f.chars().count() > 2 && !is_not_a_name(f) && gazetteer().entry(f).is_none()
    });
    forms
}

/// Sorted, non-overlapping gazetteer spans: does any cover part of `word`?
fn masked(spans: &[(usize, usize)], word: &Word) -> bool {
    let at = spans.partition_point(|&(_, end)| end <= word.start);
    spans.get(at).is_some_and(|&(start, _)| start < word.end)
}

pub fn find(document: &Document, spans: &[(usize, usize)]) -> Names {
    let text = document.text();
    let mut buffer = Vec::new();
    let mut casing = Casing::default();
    for (at, paragraph) in document.paragraphs().iter().enumerate() {
        let heading = matches!(paragraph.kind, ParagraphKind::Heading(_));
        words::split(document.paragraph_text(at), paragraph.start, heading, &mut buffer);
        for word in &buffer {
            let surface = without_possessive(&text[word.start..word.end]);
            if is_capitalised(surface) {
                if !word.sentence_start {
                    *casing.capitalised.entry(surface.to_string()).or_default() += 1;
                }
            } else {
                *casing.lower.entry(surface.to_lowercase()).or_default() += 1;
            }
        }
    }

    let mut candidates: HashMap<String, Candidate> = HashMap::new();
    let mut definitions: Vec<(String, String)> = Vec::new();
    let mut single_words = HashSet::new();
    for (at, paragraph) in document.paragraphs().iter().enumerate() {
        let heading = matches!(paragraph.kind, ParagraphKind::Heading(_));
        words::split(document.paragraph_text(at), paragraph.start, heading, &mut buffer);
        let word_text = |w: &Word| &text[w.start..w.end];
        let opens_name = |w: &Word| is_name_word(word_text(w)) && !masked(spans, w);
        // The words up to the end of the gazetteer name that covers word `at`.
        let span_end = |at: usize| {
            let word = &buffer[at];
            let index = spans.partition_point(|&(_, end)| end <= word.start);
            let end = spans.get(index).map_or(word.end, |&(_, end)| end);
            let mut last = at;
            while last + 1 < buffer.len() && buffer[last + 1].end <= end {
                last += 1;
            }
            last + 1
        };
        let mut i = 0;
        while i < buffer.len() {
            if !opens_name(&buffer[i]) || !is_capitalised(word_text(&buffer[i])) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            let mut absorbed = false;
            loop {
                if end < buffer.len() && buffer[end].joined && opens_name(&buffer[end]) {
                    end += 1;
                    continue;
                }
                // "North Yemen": a direction before a place the gazetteer knows.
                if end == i + 1
                    && end < buffer.len()
                    && buffer[end].joined
                    && is_direction(word_text(&buffer[i]))
                    && !buffer[i].sentence_start
                    && masked(spans, &buffer[end])
                {
                    end = span_end(end);
                    absorbed = true;
                    continue;
                }
                // "Republic of the Congo", "Mohammed bin Salman".
                let mut j = end;
                while j < buffer.len()
                    && j - end < 2
                    && buffer[j].joined
                    && is_name_connector(word_text(&buffer[j]))
                    && !(j == end && word_text(&buffer[j]) == "the")
                {
                    j += 1;
                }
                if j > end && j < buffer.len() && buffer[j].joined && opens_name(&buffer[j]) {
                    end = j + 1;
                    continue;
                }
                let mut k = end;
                if k < buffer.len() && buffer[k].joined && word_text(&buffer[k]) == "in" {
                    k += 1;
                    if k < buffer.len() && buffer[k].joined && word_text(&buffer[k]) == "the" {
                        k += 1;
                    }
                }
                let j = j.max(k);
                let run_words: Vec<&str> = buffer[i..end].iter().map(|w| word_text(w)).collect();
                if j > end
                    && j < buffer.len()
                    && buffer[j].joined
                    && masked(spans, &buffer[j])
                    && matches!(word_text(&buffer[end]), "of" | "in" | "for")
                    && may_absorb(&run_words)
                {
                    end = span_end(j);
                    absorbed = true;
                }
                break;
            }
            // "Pretoria Accord", "Lisbon Treaty": an event named after a place.
            let mut first = i;
            let ends_event = buffer[i..end]
                .iter()
                .rev()
                .map(|w| word_text(w))
                .find(|w| !is_ordinal(w))
                .is_some_and(|w| head_of(w) == Head::Event);
            if ends_event && i > 0 && buffer[i].joined && masked(spans, &buffer[i - 1]) {
                let start = buffer[i - 1].start;
                let index = spans.partition_point(|&(_, e)| e <= start);
                let span_start = spans.get(index).map_or(start, |&(s, _)| s);
                while first > 0 && buffer[first - 1].start >= span_start {
                    first -= 1;
                }
                absorbed = true;
            }
            let run = &buffer[first..end];
            let before = i.checked_sub(1).map(|b| word_text(&buffer[b]));
            let after_text = &text[buffer[end - 1].end..paragraph.end];
            i = end;
            let Some(name) = trim(run, text, &casing) else {
                continue;
            };
            if name.words.len() == 1 && !run[run.len() - 1].sentence_start {
                single_words.insert(name.words[0].clone());
            }
            if !acceptable(&name, &casing) {
                continue;
            }
            let surface = name.words.join(" ");
            if gazetteer().entry(&surface).is_some() {
                continue;
            }
            if let Some(alias) = defined_alias(after_text) {
                definitions.push((alias, surface.clone()));
            }
            let entry = candidates.entry(surface).or_insert_with(|| Candidate {
                words: name.words.clone(),
                first: run[0].start,
                ..Candidate::default()
            });
            entry.count += 1;
            entry.absorbed |= absorbed;
            entry.titled += usize::from(name.titled);
            entry.after_the += usize::from(before == Some("the"));
        }
    }
    assemble(candidates, &definitions, single_words)
}

/// A run of capitalised words cut down to the name in it.
struct Trimmed {
    words: Vec<String>,
    titled: bool,
}

fn trim(run: &[Word], text: &str, casing: &Casing) -> Option<Trimmed> {
    let gazetteer = gazetteer();
    let mut words: Vec<(&str, bool)> = run
        .iter()
        .map(|w| (&text[w.start..w.end], w.sentence_start))
        .collect();
    let last = words.last().map(|(w, _)| without_possessive(w))?;
    let head = head_of(last);
    let mut titled = false;
    while let Some(&(word, sentence_start)) = words.first() {
        let unconfirmed = sentence_start
            && casing.capitalised(without_possessive(word)) == 0
            && !gazetteer.knows_word(word);
        if is_title(word) && head == Head::None {
            titled = true;
        } else if !(is_not_a_name(word) && words.len() > 1 && !is_direction(word)
            || unconfirmed
            || is_name_connector(word))
        {
            break;
        }
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|(w, _)| is_name_connector(w) || is_not_a_name(without_possessive(w)) && !is_ordinal(w))
        && words.len() > 1
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
    if word.chars().count() < 2 || word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if is_acronym(word) {
        return !is_not_a_name(word);
    }
    // "Soviet-sponsored", "Post-war": an adjective, not a name.
    if word.split(['-', '\u{2010}']).skip(1).any(|p| !is_capitalised(p)) {
        return false;
    }
    !is_not_a_name(word)
        && casing.capitalised(word) > 0
        && casing.lower(word) * 2 <= casing.capitalised(word)
}

/// Another name for the name just before it, in brackets: "(DPRK)", "(Goryeo; 918-1392)",
/// "(formerly the Nusrah Front)", "(also known as \"Etidal\")".
fn defined_alias(after: &str) -> Option<String> {
    let rest = after.trim_start().strip_prefix('(')?;
    let inside = &rest[..rest.find(')')?];
    let mut inside = inside.split([';', ',']).next()?.trim();
    for lead in ["also known as ", "formerly known as ", "formerly ", "known as ", "or "] {
        inside = inside.strip_prefix(lead).unwrap_or(inside);
    }
    let inside = inside
        .trim_start_matches("the ")
        .trim_matches(|c: char| matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\'' | '\u{2018}' | '\u{2019}'))
        .trim();
    let words: Vec<&str> = inside.split(' ').collect();
    let named = !inside.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| is_name_word(w) || is_name_connector(w))
        && is_capitalised(words[0])
        && !is_not_a_name(words[0]);
    named.then(|| inside.to_string())
}

/// The letters of an acronym, without dots: "U.S." → "US".
fn letters(acronym: &str) -> String {
    acronym.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The initials of a name's capitalised words: "Supreme People's Assembly" → "SPA".
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| is_capitalised(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn assemble(
    candidates: HashMap<String, Candidate>,
    definitions: &[(String, String)],
    single_words: HashSet<String>,
) -> Names {
    let mut candidates: Vec<Candidate> = candidates.into_values().collect();
    candidates.sort_by_key(|c| c.first);
    let mut names = Names {
        single_words,
        ..Names::default()
    };
    let mut merged_into: Vec<Option<usize>> = vec![None; candidates.len()];
    // Merged as another name of the target (not as a surname).
    let mut as_form = vec![false; candidates.len()];
    let by_surface: HashMap<String, usize> = candidates
        .iter()
        .enumerate()
        .map(|(at, c)| (c.surface(), at))
        .collect();
    // A name given in brackets joins the name before it; an acronym joins the name it
    // abbreviates by its initials.
    for (at, candidate) in candidates.iter().enumerate() {
        let surface = candidate.surface();
        let defined = definitions
            .iter()
            .find(|(a, _)| *a == surface)
            .and_then(|(_, expansion)| by_surface.get(expansion).copied())
            .filter(|&target| target != at);
        if defined.is_some() {
            merged_into[at] = defined;
            as_form[at] = true;
            continue;
        }
        if candidate.words.len() != 1 || !is_acronym(&candidate.words[0]) {
            continue;
        }
        let acronym = &candidate.words[0];
        let by_initials = || {
            candidates.iter().position(|c| {
                c.words.len() > 1 && initials(&c.words) == letters(acronym)
            })
        };
        merged_into[at] = by_initials();
        as_form[at] = merged_into[at].is_some();
    }
    // A surname alone joins the one person it belongs to; shared ones become short forms.
    let multi: Vec<usize> = (0..candidates.len())
        .filter(|&at| candidates[at].words.len() > 1)
        .collect();
    let mut surname_of: HashMap<String, usize> = HashMap::new();
    for &at in &multi {
        for form in surname_forms(&candidates[at].surface()) {
            surname_of.insert(form, at);
        }
    }
    for (at, candidate) in candidates.iter().enumerate() {
        if candidate.words.len() == 1 && merged_into[at].is_none() {
            if let Some(&owner) = surname_of.get(&candidate.words[0]) {
                merged_into[at] = Some(owner);
            }
        }
    }
    let mut totals: Vec<usize> = candidates.iter().map(|c| c.count).collect();
    let mut forms: Vec<Vec<String>> = candidates.iter().map(|c| vec![c.surface()]).collect();
    let mut surnamed = vec![false; candidates.len()];
    for (at, target) in merged_into.iter().enumerate() {
        if let Some(target) = *target {
            totals[target] += candidates[at].count;
            if as_form[at] {
                let form = candidates[at].surface();
                forms[target].push(form);
            } else {
                surnamed[target] = true;
            }
        }
    }
    for candidate in &candidates {
        let last = candidate.words.iter().rev().find(|w| !is_ordinal(w));
        if last.is_some_and(|w| head_of(w) == Head::Event) {
            names.event_forms.push(candidate.surface());
        } else if candidate.absorbed {
            names.compound_forms.push(candidate.surface());
        }
    }
    for (at, candidate) in candidates.iter().enumerate() {
        if merged_into[at].is_some() || totals[at] < 2 {
            continue;
        }
        let last = candidate.words.last().map_or("", String::as_str);
        let head = head_of(
            candidate
                .words
                .iter()
                .rev()
                .find(|w| !is_ordinal(w))
                .map_or(last, String::as_str),
        );
        let name = Name {
            label: candidate.surface(),
            kind: ActorKind::Other,
            forms: forms[at].clone(),
            mentions: totals[at],
        };
        let kind = match head {
            Head::Event => {
                names.events.push(name);
                continue;
            }
            Head::Organisation => ActorKind::Organisation,
            Head::Place => ActorKind::Place,
            Head::None if candidate.titled > 0 || surnamed[at] => ActorKind::Person,
            Head::None if forms[at].len() > 1 || is_acronym(last) => ActorKind::Organisation,
            Head::None if candidate.words.len() == 1 && candidate.after_the * 2 > candidate.count => {
                ActorKind::Group
            }
            Head::None if candidate.words.len() > 1 && candidate.words.len() <= 4 => {
                ActorKind::Person
            }
            Head::None => ActorKind::Other,
        };
        names.actors.push(Name { kind, ..name });
    }
    names
}
