//! Plain-text search over whole paragraphs (never screen rows), typographically folded,
//! smart case: an upper-case letter in the query makes it case-sensitive.

use aho_corasick::AhoCorasickBuilder;

use crate::core::document::Document;
use crate::core::fold::{fold, fold_batches, paragraph_of};

const BATCH_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// 0-based paragraph index.
    pub paragraph: u32,
    /// Byte range in the document text.
    pub start: usize,
    pub end: usize,
}

/// Whether `query` asks for a case-sensitive search.
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Every occurrence of `query` in document order; hard line breaks and runs of spaces in the
/// text match a single space in the query.
pub fn find_all(document: &Document, query: &str) -> Vec<Hit> {
    let needle = fold(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let Ok(automaton) = AhoCorasickBuilder::new()
        .ascii_case_insensitive(!is_case_sensitive(query))
        .build([needle.as_str()])
    else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    let text = document.text();
    fold_batches(
        document,
        0..document.paragraphs().len(),
        BATCH_BYTES,
        |folder, starts| {
            for found in automaton.find_iter(folder.folded()) {
                let (start, end) = folder.source_range(text, found.start(), found.end());
                hits.push(Hit {
                    paragraph: paragraph_of(starts, found.start()),
                    start,
                    end,
                });
            }
            true
        },
    );
    hits
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

    #[test]
    fn finds_phrases_across_hard_line_breaks_and_typography() {
        let text = "the mutual\ndefence treaty\n\nMoscow’s  plan";
        assert_eq!(found(text, "mutual defence"), ["mutual\ndefence"]);
        assert_eq!(found(text, "moscow's plan"), ["Moscow’s  plan"]);
    }

    #[test]
    fn never_across_paragraphs() {
        assert!(found("end of one\n\nstart of two", "one start").is_empty());
        assert!(found("anything", "").is_empty());
    }
}
