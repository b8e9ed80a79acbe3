//! Search over whole paragraphs (never screen rows), typographically folded, smart case: an
//! upper-case letter in the query makes it case-sensitive. A query with a regular
//! expression's characters in it is one (the regex crate's syntax); any other is plain text.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use crate::core::document::Document;
use crate::core::fold::{fold, fold_batches, paragraph_of};
use crate::core::ids::ParagraphId;

const BATCH_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub paragraph: ParagraphId,
    /// Byte range in the document text.
    pub start: usize,
    pub end: usize,
}

/// Whether `query` asks for a case-sensitive search: an upper-case letter in it, not one
/// that names a class after a backslash (`\S`, `\W`, `\D`).
pub fn is_case_sensitive(query: &str) -> bool {
    let mut escaped = false;
    query.chars().any(|c| {
        let literal = !escaped && c.is_uppercase();
        escaped = !escaped && c == '\\';
        literal
    })
}

/// The characters that make a query a regular expression.
const PATTERN_CHARS: &[char] = &[
    '.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\',
];

/// Whether `query` is searched as a regular expression.
pub fn is_pattern(query: &str) -> bool {
    query.contains(PATTERN_CHARS)
}

/// Why a query that looks like a regular expression is not one (it is then searched as
/// plain text), or `None`.
pub fn pattern_problem(query: &str) -> Option<String> {
    if !is_pattern(query) {
        return None;
    }
    regex::RegexBuilder::new(&fold(query))
        .build()
        .err()
        .map(|error| {
            // The regex crate's message spans lines; its last line says what is wrong.
            let text = error.to_string();
            text.lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string()
        })
}

/// How a query is matched against the folded text.
enum Matcher {
    Plain(AhoCorasick),
    Pattern(regex::Regex),
}

impl Matcher {
    fn new(query: &str) -> Option<Matcher> {
        let needle = fold(query);
        if needle.is_empty() {
            return None;
        }
        let insensitive = !is_case_sensitive(query);
        if is_pattern(query)
            && let Ok(pattern) = regex::RegexBuilder::new(&needle)
                .case_insensitive(insensitive)
                .build()
        {
            return Some(Matcher::Pattern(pattern));
        }
        // aho-corasick ignores the case of A-Z only; the folded text keeps "М" and "Ł".
        if insensitive
            && !needle.is_ascii()
            && let Ok(pattern) = regex::RegexBuilder::new(&regex::escape(&needle))
                .case_insensitive(true)
                .build()
        {
            return Some(Matcher::Pattern(pattern));
        }
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(insensitive)
            .build([needle.as_str()])
            .ok()
            .map(Matcher::Plain)
    }

    /// Each match's byte range in `haystack`; a pattern's empty matches are none.
    fn ranges<'a>(&'a self, haystack: &'a str) -> Box<dyn Iterator<Item = Range<usize>> + 'a> {
        match self {
            Matcher::Plain(automaton) => {
                Box::new(automaton.find_iter(haystack).map(|m| m.start()..m.end()))
            }
            Matcher::Pattern(pattern) => Box::new(
                pattern
                    .find_iter(haystack)
                    .filter(|m| !m.is_empty())
                    .map(|m| m.start()..m.end()),
            ),
        }
    }
}

/// Hits in paragraphs `range`, in document order, until `on_hit` returns false or, at the
/// end of a batch, `cancelled` is set.
fn scan(
    document: &Document,
    query: &str,
    range: Range<usize>,
    cancelled: &AtomicBool,
    mut on_hit: impl FnMut(Hit) -> bool,
) {
    let Some(matcher) = Matcher::new(query) else {
        return;
    };
    let text = document.text();
    fold_batches(document, range, BATCH_BYTES, |folder, starts| {
        for found in matcher.ranges(folder.folded()) {
            let (start, end) = folder.source_range(text, found.start, found.end);
            let hit = Hit {
                paragraph: paragraph_of(starts, found.start),
                start,
                end,
            };
            if !on_hit(hit) {
                return false;
            }
        }
        !cancelled.load(Ordering::Relaxed)
    });
}

/// The most hits of one search that are kept: a one-letter search of a large book has tens
/// of millions, a gigabyte of them. The search stops one past it, so that `cap` can tell.
pub const MAX_HITS: usize = 1_000_000;

/// Cuts `hits` to `MAX_HITS`; whether there were more.
pub fn cap(hits: &mut Vec<Hit>) -> bool {
    let more = hits.len() > MAX_HITS;
    if more {
        hits.truncate(MAX_HITS);
        hits.shrink_to_fit();
    }
    more
}

/// Every occurrence of `query` in document order, up to one past `MAX_HITS`; hard line
/// breaks and runs of spaces in the text match a single space in the query.
pub fn find_all(document: &Document, query: &str) -> Vec<Hit> {
    find_all_unless(document, query, &AtomicBool::new(false)).unwrap_or_default()
}

/// As `find_all`, giving up (`None`) soon after `cancelled` is set.
pub fn find_all_unless(
    document: &Document,
    query: &str,
    cancelled: &AtomicBool,
) -> Option<Vec<Hit>> {
    let mut hits = Vec::new();
    scan(
        document,
        query,
        0..document.paragraph_count(),
        cancelled,
        |hit| {
            hits.push(hit);
            hits.len() <= MAX_HITS
        },
    );
    (!cancelled.load(Ordering::Relaxed)).then_some(hits)
}

/// The first hit that starts at or after `offset`, going round to the start of the document
/// if there is none; it reads only as far as that hit.
pub fn find_next(document: &Document, query: &str, offset: usize) -> Option<Hit> {
    let paragraphs = document.paragraph_count();
    let from = document.paragraph_at(offset).map_or(0, ParagraphId::index);
    let mut first = None;
    let never = AtomicBool::new(false);
    scan(document, query, from..paragraphs, &never, |hit| {
        if hit.start >= offset {
            first = Some(hit);
            return false;
        }
        true
    });
    if first.is_none() {
        scan(
            document,
            query,
            0..(from + 1).min(paragraphs),
            &never,
            |hit| {
                first = Some(hit);
                false
            },
        );
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Source};

    fn found(text: &str, query: &str) -> Vec<String> {
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        find_all(&document, query)
            .iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn smart_case() {
        assert_eq!(
            found("Treaty treaty TREATY", "treaty"),
            ["Treaty", "treaty", "TREATY"]
        );
        assert_eq!(found("Treaty treaty TREATY", "Treaty"), ["Treaty"]);
    }

    /// Accented and non-Latin capitals follow smart case as A-Z do.
    #[test]
    fn smart_case_outside_ascii() {
        let text = "Émile émile EMILE; Москва москва МОСКВА";
        assert_eq!(found(text, "émile"), ["Émile", "émile", "EMILE"]);
        assert_eq!(found(text, "Émile"), ["Émile"]);
        assert_eq!(found(text, "москва"), ["Москва", "москва", "МОСКВА"]);
        assert_eq!(found(text, "Москва"), ["Москва"]);
        assert_eq!(found(text, r"моск\w+"), ["Москва", "москва", "МОСКВА"]);
    }

    #[test]
    fn finds_phrases_across_hard_line_breaks_and_typography() {
        let text = "the mutual\ndefence treaty\n\nMoscow’s  plan";
        assert_eq!(found(text, "mutual defence"), ["mutual\ndefence"]);
        assert_eq!(found(text, "moscow's plan"), ["Moscow’s  plan"]);
    }

    #[test]
    fn next_hit_from_an_offset_goes_round() {
        let text = "war one\n\npeace\n\nwar two";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let next = |offset| find_next(&document, "war", offset).map(|h| h.start);
        assert_eq!(next(0), Some(0));
        assert_eq!(next(1), Some(16));
        assert_eq!(next(17), Some(0));
        assert_eq!(find_next(&document, "absent", 3), None);
    }

    #[test]
    fn a_cancelled_count_gives_up() {
        let document = Document::from_str(&"war\n\n".repeat(10), Source::Bundled, Format::Plain);
        assert_eq!(
            find_all_unless(&document, "war", &AtomicBool::new(false)).map(|h| h.len()),
            Some(10)
        );
        assert_eq!(
            find_all_unless(&document, "war", &AtomicBool::new(true)),
            None
        );
    }

    #[test]
    fn a_query_with_a_patterns_characters_is_a_regular_expression() {
        let text = "war in 1914, war in 1939; the warden";
        assert_eq!(found(text, r"war in \d+"), ["war in 1914", "war in 1939"]);
        assert_eq!(found(text, r"\bwar\b"), ["war", "war"]);
        assert_eq!(found(text, "19(14|39)"), ["1914", "1939"]);
        // Smart case: \S is a class, not an upper-case letter; W is one.
        assert_eq!(found("War war", r"war\S*"), ["War", "war"]);
        assert_eq!(found("War war", r"W\w+"), ["War"]);
        // Plain text stays plain: no pattern characters.
        assert_eq!(found("a war, a war", "a war"), ["a war", "a war"]);
        // Empty matches are no hits.
        assert!(found("abc", "x*").is_empty());
    }

    #[test]
    fn a_broken_pattern_is_searched_as_plain_text_and_says_why() {
        assert_eq!(found("call f(a", "f(a"), ["f(a"]);
        let problem = pattern_problem("f(a").unwrap();
        assert!(problem.contains("unclosed"), "{problem}");
        assert_eq!(pattern_problem("war"), None);
        assert_eq!(pattern_problem(r"war\d"), None);
    }

    #[test]
    fn never_across_paragraphs() {
        assert!(found("end of one\n\nstart of two", "one start").is_empty());
        assert!(found("anything", "").is_empty());
    }
}
