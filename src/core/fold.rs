//! Typographic folding for matching: one spelling for quotes, dashes, spaces and accents,
//! with a map from every folded byte back to the original text.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::core::document::Document;
use crate::core::ids::ParagraphId;
use unicode_normalization::char::is_combining_mark;

/// What a source character becomes in the folded text.
enum Folded {
    /// Dashes, hyphens and all white space: one space, runs collapsed.
    Space,
    /// Invisible characters (soft hyphen, zero-width, bidi controls): nothing.
    Drop,
    Byte(u8),
    /// Anything else: decomposed, marks dropped, case kept ("É" folds to "E", so a proper
    /// name keeps its capital; matching ignores case through `lowercase`).
    Other,
}

fn classify(c: char) -> Folded {
    match c {
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Folded::Space
        }
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => Folded::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' => {
            Folded::Byte(b'\'')
        }
        '\u{201C}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}' => Folded::Byte(b'"'),
        c if c.is_whitespace() && c != '\n' => Folded::Space,
        c if c.is_ascii() => Folded::Byte(c as u8),
        _ => Folded::Other,
    }
}

/// Bytes that fold to themselves: ASCII other than white space, hyphens, backquotes and controls.
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'-' && b != b'`'
}

/// How many bytes from the start of `bytes` (whose first byte is plain) fold to themselves:
/// plain ASCII, and single spaces after it. Eight bytes are tested at a time, for the
/// index spent more time here than in matching when it went byte by byte. The tests for
/// a byte (`eq`, `below`) can flag a byte above one truly flagged, never miss one: the first
/// flag is exact, and a later false one only ends the run early, which the caller's
/// character-by-character path handles the same way.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let eq = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let below = |word: u64, byte: u8| word.wrapping_sub(ONES * u64::from(byte)) & !word & HIGH;
    let mut at = 0;
    let mut after_space = false;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        let spaces = eq(word, b' ');
        let special =
            (word & HIGH) | below(word, b' ') | eq(word, 0x7F) | eq(word, b'-') | eq(word, b'`');
        let doubled = spaces & ((spaces << 8) | (u64::from(after_space) << 7));
        let stops = special | doubled;
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        after_space = chunk[7] == b' ';
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        if is_plain_ascii(byte) {
            after_space = false;
        } else if byte == b' ' && at > 0 && !after_space {
            after_space = true;
        } else {
            break;
        }
        at += 1;
    }
    at
}

/// Folds text into a reusable buffer and remembers where each folded byte came from.
#[derive(Debug, Default)]
pub struct Folder {
    out: String,
    /// (folded offset, source offset) wherever the distance between the two changes.
    anchors: Vec<(usize, usize)>,
}

impl Folder {
    pub fn clear(&mut self) {
        self.out.clear();
        self.anchors.clear();
    }

    pub fn folded(&self) -> &str {
        &self.out
    }

    /// Appends `text`, which starts at `base` in the source; `\n` inside it stays a barrier
    /// only if `keep_newlines`, otherwise it folds like any space.
    pub fn push(&mut self, text: &str, base: usize, keep_newlines: bool) {
        self.anchor(base);
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Plain ASCII copies through in runs; the rest goes character by character.
            let end = if is_plain_ascii(bytes[at]) {
                at + plain_run(&bytes[at..])
            } else {
                at
            };
            if end > at {
                self.anchor(base + at);
                self.out.push_str(&text[at..end]);
                at = end;
                continue;
            }
            let c = text[at..].chars().next().unwrap_or(' ');
            self.push_char(c, base + at, keep_newlines);
            at += c.len_utf8();
        }
    }

    fn push_char(&mut self, c: char, source: usize, keep_newlines: bool) {
        let class = if c == '\n' && !keep_newlines {
            Folded::Space
        } else {
            classify(c)
        };
        match class {
            Folded::Space => {
                if !self.out.ends_with(' ') {
                    self.emit_byte(b' ', source);
                }
            }
            Folded::Drop => {}
            Folded::Byte(b) => self.emit_byte(b, source),
            Folded::Other => {
                self.anchor(source);
                self.out.extend(c.nfd().filter(|d| !is_combining_mark(*d)));
            }
        }
    }

    /// A barrier that no pattern can match across.
    pub fn push_break(&mut self, source: usize) {
        self.emit_byte(b'\n', source);
    }

    fn emit_byte(&mut self, byte: u8, source: usize) {
        if self.delta_at_end() != Some(source as isize - self.out.len() as isize) {
            self.anchors.push((self.out.len(), source));
        }
        self.out.push(byte as char);
    }

    fn anchor(&mut self, source: usize) {
        if self.delta_at_end() != Some(source as isize - self.out.len() as isize) {
            self.anchors.push((self.out.len(), source));
        }
    }

    fn delta_at_end(&self) -> Option<isize> {
        self.anchors
            .last()
            .map(|&(folded, source)| source as isize - folded as isize)
    }

    /// The source offset of folded byte `folded`.
    pub fn source_offset(&self, folded: usize) -> usize {
        let after = self.anchors.partition_point(|&(f, _)| f <= folded);
        match after.checked_sub(1) {
            Some(i) => {
                let (f, s) = self.anchors[i];
                s + (folded - f)
            }
            None => folded,
        }
    }

    /// The source range of folded range `start..end`, widened to whole characters of `source`.
    pub fn source_range(&self, source: &str, start: usize, end: usize) -> (usize, usize) {
        let mut from = self.source_offset(start).min(source.len());
        while !source.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (self.source_offset(end - 1) + 1).min(source.len());
        while !source.is_char_boundary(to) {
            to += 1;
        }
        (from, to)
    }
}

/// Folds paragraphs `range` of `document` in batches of about `batch_bytes`, a barrier between
/// paragraphs, and hands each batch over with the folded start and index of its paragraphs;
/// `on_batch` returns false to stop early.
pub fn fold_batches(
    document: &Document,
    range: Range<usize>,
    batch_bytes: usize,
    mut on_batch: impl FnMut(&Folder, &[(usize, ParagraphId)]) -> bool,
) {
    let mut folder = Folder::default();
    let mut starts = Vec::new();
    let text = document.text();
    for index in range {
        let paragraph = document.paragraphs()[index];
        starts.push((folder.folded().len(), ParagraphId::new(index)));
        folder.push(
            &text[paragraph.start..paragraph.end],
            paragraph.start,
            false,
        );
        folder.push_break(paragraph.end);
        if folder.folded().len() >= batch_bytes {
            if !on_batch(&folder, &starts) {
                return;
            }
            folder.clear();
            starts.clear();
        }
    }
    if !starts.is_empty() {
        on_batch(&folder, &starts);
    }
}

/// The paragraph of folded offset `at` in a batch described by `starts`.
pub fn paragraph_of(starts: &[(usize, ParagraphId)], at: usize) -> ParagraphId {
    let slot = starts.partition_point(|&(start, _)| start <= at);
    starts[slot.saturating_sub(1)].1
}

/// Whether `fold(text)` is `text` itself: plain ASCII with single spaces inside. Lookups of
/// a word (nearly all of them) then need no folded copy.
pub fn folds_to_itself(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes.iter().all(|&b| is_plain_ascii(b) || b == b' ')
        && !bytes.windows(2).any(|pair| pair == b"  ")
}

/// `text` lower-cased letter by letter where the lower-case letter is as long in UTF-8 as
/// the capital (all of Latin, Greek and Cyrillic), so that every offset stays valid: the
/// index searches batches lower-cased so, and its keys must be lower-cased alike.
pub fn lowercase_into(text: &str, into: &mut String) {
    into.clear();
    if text.is_ascii() {
        into.push_str(text);
        into.make_ascii_lowercase();
        return;
    }
    into.reserve(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII runs are copied whole; only the other characters are decoded.
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = into.len();
        into.push_str(&rest[..run]);
        into[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(single), None) if single.len_utf8() == c.len_utf8() => into.push(single),
            _ => into.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// As `lowercase_into`, in a new string.
pub fn lowercase(text: &str) -> String {
    let mut lower = String::new();
    lowercase_into(text, &mut lower);
    lower
}

/// Folds a short string on its own (catalogue aliases, search terms).
pub fn fold(text: &str) -> String {
    let mut folder = Folder::default();
    folder.push(text, 0, false);
    folder.out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            // Shrunk failures are kept beside this file, not in a folder at the top of the repo.
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn what_folds_to_itself_is_its_own_fold(text in "[ a-zA-Z.'`-]{0,12}|[a-z]{1,8}( [A-Z][a-z]{0,5}){0,2}") {
            if folds_to_itself(&text) {
                proptest::prop_assert_eq!(fold(&text), text);
            }
        }

        /// Eight bytes at a time, the run ends where the byte-by-byte test ended it.
        #[test]
        fn plain_runs_end_where_a_byte_walk_ends_them(
            text in "[a-z]([a-zA-Z .,'`\t\n\r-]|  |\u{7f}|\u{1}|é|\u{2019}){0,40}"
        ) {
            plain_run_agrees_with_the_byte_walk(&text);
        }
    }

    fn plain_run_agrees_with_the_byte_walk(text: &str) {
        let bytes = text.as_bytes();
        let mut end = 0;
        while end < bytes.len()
            && (is_plain_ascii(bytes[end])
                || (bytes[end] == b' ' && end > 0 && is_plain_ascii(bytes[end - 1])))
        {
            end += 1;
        }
        let run = plain_run(bytes);
        // A run may end early (the caller goes on byte by byte), never late.
        assert!(run <= end, "{text:?}: {run} past {end}");
        let mut folder = Folder::default();
        folder.push(text, 0, false);
        let mut reference = Folder::default();
        for (at, c) in text.char_indices() {
            reference.push_char(c, at, false);
        }
        assert_eq!(folder.folded(), reference.folded());
        assert_eq!(&folder.anchors, &reference.anchors);
    }

    /// Once found by the property test above.
    #[test]
    fn a_double_space_before_an_apostrophe_folds_as_the_byte_walk_does() {
        plain_run_agrees_with_the_byte_walk("a  \u{2019} A");
    }

    #[rstest]
    #[case("Kim Jong\u{2011}il", "Kim Jong il")]
    #[case("Kim Jong–il", "Kim Jong il")]
    #[case("Kim  Jong\u{00A0}il", "Kim Jong il")]
    #[case("Moscow’s", "Moscow's")]
    #[case("Pyŏngyang", "Pyongyang")]
    #[case("Élysée", "Elysee")]
    #[case("Łódź", "Łodz")]
    #[case("Pyo\u{306}ngyang", "Pyongyang")]
    #[case("Ko\u{00AD}rea", "Korea")]
    #[case("“quoted”", "\"quoted\"")]
    fn folds_typography(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(fold(text), expected);
    }

    #[test]
    fn maps_folded_ranges_back_to_the_source() {
        let source = "x Pyŏngyang’s  and Kim\u{00A0}Jong\u{2011}un";
        let mut folder = Folder::default();
        folder.push(source, 0, true);
        for needle in ["Pyongyang", "Kim Jong un", "and"] {
            let at = folder.folded().find(needle).unwrap();
            let (start, end) = folder.source_range(source, at, at + needle.len());
            assert_eq!(crate::core::fold::fold(&source[start..end]), needle);
        }
        let at = folder.folded().find("Pyongyang").unwrap();
        let (start, end) = folder.source_range(source, at, at + 9);
        assert_eq!(&source[start..end], "Pyŏngyang");
    }

    #[rstest]
    #[case("Émile ÖVP", "émile övp")]
    #[case("МОСКВА Ωμέγα", "москва ωμέγα")]
    // Lower-case "i̇" is a byte longer than "İ": kept, so that offsets hold.
    #[case("İstanbul", "İstanbul")]
    fn lowercase_keeps_every_offset(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(lowercase(text), expected);
        assert_eq!(lowercase(text).len(), text.len());
    }

    #[test]
    fn offsets_continue_across_pushes() {
        let source = "ab\n\ncd";
        let mut folder = Folder::default();
        folder.push(&source[0..2], 0, false);
        folder.push_break(2);
        folder.push(&source[4..6], 4, false);
        assert_eq!(folder.folded(), "ab\ncd");
        assert_eq!(folder.source_range(source, 3, 5), (4, 6));
    }
}
