//! Notes and mentions as Markdown: each quoted sentence with its ¶, under the document's title,
//! for a report or a notebook. The text is the document's: cleaned of control and invisible
//! characters, and escaped so that Markdown shows it as written.

use std::fmt::Write as _;

use crate::core::document::{Document, Source};
use crate::core::ids::ParagraphId;
use crate::core::index::Mention;
use crate::core::sanitize::clean;

/// The longest quotation, in characters, before it is cut at a word with "…".
const QUOTE_CHARS: usize = 400;

/// The sentence around `start..end` in its paragraph: from after the last sentence end before
/// it to the first sentence end after it. A sentence ends at `.`, `?` or `!` (and any closing
/// quote or bracket) before a space; an abbreviation such as "U.S." can end one early.
pub fn sentence_around(
    document: &Document,
    paragraph: ParagraphId,
    start: usize,
    end: usize,
) -> &str {
    let bounds = document.paragraph(paragraph);
    let text = document.text();
    let before = &text[bounds.start..start];
    let from = sentence_ends(before)
        .last()
        .map_or(bounds.start, |at| bounds.start + at);
    let after = &text[end..bounds.end];
    let to = sentence_ends(after)
        .next()
        .map_or(bounds.end, |at| end + at);
    text[from..to].trim()
}

/// Offsets just past each sentence end in `text` (the space after it excluded).
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    text.char_indices().filter_map(move |(at, c)| {
        if !matches!(c, '.' | '?' | '!') {
            return None;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut past = at + 1;
        while let Some(next) = text[past..].chars().next() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']') {
                past += next.len_utf8();
            } else {
                break;
            }
        }
        let followed_by_space = bytes.get(past).is_none_or(u8::is_ascii_whitespace);
        followed_by_space.then_some(past)
    })
}

/// Text as Markdown shows it: one line, cleaned, with Markdown's own characters escaped, cut
/// at a word past `QUOTE_CHARS`.
pub fn markdown_text(text: &str) -> String {
    let flat = clean(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut out = String::with_capacity(flat.len());
    for (count, c) in flat.chars().enumerate() {
        if count >= QUOTE_CHARS && c == ' ' {
            out.push('…');
            break;
        }
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Notes on paragraphs as Markdown: a section per note with the paragraph's first sentence
/// quoted and cited by its ¶.
pub fn notes_markdown(document: &Document, title: &str, notes: &[(ParagraphId, String)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Notes on {}\n", markdown_text(title));
    let from = match document.source() {
        Source::Path(path) => format!(" on {}", markdown_text(&path.display().to_string())),
        Source::Bundled | Source::Stdin => String::new(),
    };
    let _ = writeln!(
        out,
        "{} {}{from}.",
        notes.len(),
        if notes.len() == 1 { "note" } else { "notes" },
    );
    for (paragraph, note) in notes {
        let bounds = document.paragraph(*paragraph);
        let first = sentence_around(document, *paragraph, bounds.start, bounds.start);
        let _ = writeln!(out, "\n## ¶{}\n", paragraph.number());
        let _ = writeln!(
            out,
            "> {} (¶{})\n",
            markdown_text(first),
            paragraph.number()
        );
        let _ = writeln!(out, "{}", markdown_text(note));
    }
    out
}

/// A topic's mentions as Markdown: each sentence that names it quoted once, cited by its ¶.
pub fn mentions_markdown(
    document: &Document,
    title: &str,
    label: &str,
    mentions: &[Mention],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} in {}\n",
        markdown_text(label),
        markdown_text(title)
    );
    let mut last: Option<&str> = None;
    let mut sentences = 0;
    let mut body = String::new();
    for mention in mentions {
        let sentence = sentence_around(document, mention.paragraph, mention.start, mention.end());
        if last.is_some_and(|l| std::ptr::eq(l, sentence)) {
            continue;
        }
        last = Some(sentence);
        sentences += 1;
        let _ = writeln!(
            body,
            "> {} (¶{})\n",
            markdown_text(sentence),
            mention.paragraph.number()
        );
    }
    let _ = writeln!(
        out,
        "{} {} in {} {}.\n",
        mentions.len(),
        if mentions.len() == 1 {
            "mention"
        } else {
            "mentions"
        },
        sentences,
        if sentences == 1 {
            "sentence"
        } else {
            "sentences"
        }
    );
    out.push_str(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Source};

    fn document(text: &str) -> Document {
        Document::from_str(text, Source::Bundled, Format::Plain)
    }

    #[test]
    fn the_sentence_around_a_mention() {
        let doc = document("First one. Putin said \"no.\" Then left! Last");
        let text = doc.text();
        let start = text.find("Putin").unwrap();
        let p = ParagraphId::new(0);
        assert_eq!(
            sentence_around(&doc, p, start, start + 5),
            "Putin said \"no.\""
        );
        let start = text.find("Last").unwrap();
        assert_eq!(sentence_around(&doc, p, start, start + 4), "Last");
        assert_eq!(sentence_around(&doc, p, 0, 0), "First one.");
        // A full stop inside a word ends no sentence.
        let doc = document("See example.com for more. Next.");
        assert_eq!(sentence_around(&doc, p, 0, 3), "See example.com for more.");
    }

    #[test]
    fn markdown_shows_the_text_as_written() {
        assert_eq!(
            markdown_text("a *b* _c_ [d](e) <f>"),
            "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\>"
        );
        assert_eq!(markdown_text("one\n  two"), "one two");
        assert_eq!(markdown_text("x\u{1b}[31m"), "x␛\\[31m");
        let long = "word ".repeat(200);
        let cut = markdown_text(&long);
        // Cut at the first space past the bound: a word is never split.
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= QUOTE_CHARS + "word…".len());
    }
}
