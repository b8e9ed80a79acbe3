//! Deterministic prose-like text of any size, for benchmarks and stress tests.

use std::io::{self, Write};

use crate::core::bundled::COMMENTARY;

/// Words for sentences that name no topic, so that mentions are not on every line.
const FILLER: &[&str] = &[
    "the",
    "analysts",
    "observed",
    "that",
    "policy",
    "makers",
    "in",
    "several",
    "capitals",
    "have",
    "long",
    "debated",
    "whether",
    "economic",
    "pressure",
    "works",
    "and",
    "how",
    "domestic",
    "politics",
    "shape",
    "foreign",
    "choices",
    "over",
    "time",
    "while",
    "markets",
    "respond",
    "to",
    "signals",
    "from",
    "governments",
    "a",
    "report",
    "noted",
    "careful",
    "reading",
    "of",
    "history",
    "suggests",
    "patience",
    "because",
    "institutions",
    "change",
    "slowly",
    "under",
    "public",
    "scrutiny",
    "with",
    "uncertain",
    "results",
    "for",
    "everyone",
];

/// A small xorshift generator: the same seed gives the same text on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Sentences of the bundled commentary, the source of realistic mentions.
fn commentary_sentences() -> Vec<&'static str> {
    COMMENTARY
        .lines()
        .skip(2)
        .flat_map(|line| line.split_inclusive(". "))
        .map(str::trim)
        .filter(|s| s.len() > 20)
        .collect()
}

/// Writes at least `bytes` bytes of paragraphs separated by blank lines.
pub fn write_prose(out: &mut impl Write, bytes: usize, seed: u64) -> io::Result<usize> {
    let sentences = commentary_sentences();
    let mut rng = Rng(seed | 1);
    let mut written = 0;
    let mut paragraph = String::new();
    while written < bytes {
        paragraph.clear();
        for _ in 0..3 + rng.below(6) {
            if rng.below(3) == 0 {
                paragraph.push_str(sentences[rng.below(sentences.len())]);
            } else {
                let count = 8 + rng.below(14);
                for i in 0..count {
                    let word = FILLER[rng.below(FILLER.len())];
                    if i == 0 {
                        let mut chars = word.chars();
                        if let Some(first) = chars.next() {
                            paragraph.extend(first.to_uppercase());
                            paragraph.push_str(chars.as_str());
                        }
                    } else {
                        paragraph.push(' ');
                        paragraph.push_str(word);
                    }
                }
                paragraph.push('.');
            }
            paragraph.push(' ');
        }
        paragraph.pop();
        paragraph.push_str("\n\n");
        out.write_all(paragraph.as_bytes())?;
        written += paragraph.len();
    }
    Ok(written)
}

/// The same text in memory.
pub fn prose(bytes: usize, seed: u64) -> String {
    let mut out = Vec::with_capacity(bytes + 4096);
    // Writing to a Vec cannot fail.
    let _ = write_prose(&mut out, bytes, seed);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_deterministic_and_large_enough() {
        let a = super::prose(10_000, 7);
        assert!(a.len() >= 10_000);
        assert_eq!(a, super::prose(10_000, 7));
        assert!(a.contains("\n\n"));
    }
}
