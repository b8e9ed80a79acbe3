//! Co-occurrence: which topics are mentioned in the same paragraphs, and how often.

use std::collections::HashMap;

use crate::core::ids::{ParagraphId, TopicId};
use crate::core::index::Index;

/// Two topics and the paragraphs that mention both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub first: TopicId,
    pub second: TopicId,
    pub paragraphs: usize,
}

/// Every pair of the first `topics` topics that share a paragraph, the most shared first
/// (then in the order of the topics). The work is in the paragraphs that mention two topics
/// or more, not in the number of pairs of topics: a book with thousands of names stays fast.
pub fn pairs(index: &Index, topics: usize) -> Vec<Pair> {
    let mut by_paragraph: Vec<(ParagraphId, TopicId)> = (0..topics)
        .map(TopicId::new)
        .flat_map(|topic| index.get(topic).paragraphs.iter().map(move |&p| (p, topic)))
        .collect();
    by_paragraph.sort_unstable();
    let mut shared: HashMap<(TopicId, TopicId), usize> = HashMap::new();
    for group in by_paragraph.chunk_by(|a, b| a.0 == b.0) {
        for (i, &(_, first)) in group.iter().enumerate() {
            for &(_, second) in &group[i + 1..] {
                *shared.entry((first, second)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<Pair> = shared
        .into_iter()
        .map(|((first, second), paragraphs)| Pair {
            first,
            second,
            paragraphs,
        })
        .collect();
    pairs.sort_unstable_by(|a, b| {
        b.paragraphs
            .cmp(&a.paragraphs)
            .then(a.first.cmp(&b.first))
            .then(a.second.cmp(&b.second))
    });
    pairs
}

/// The paragraphs that mention both topics, in order.
pub fn shared_paragraphs(index: &Index, first: TopicId, second: TopicId) -> Vec<ParagraphId> {
    let (a, b) = (&index.get(first).paragraphs, &index.get(second).paragraphs);
    let (mut i, mut j) = (0, 0);
    let mut both = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::Catalogue;
    use crate::core::document::{Document, Format, Source};
    use crate::core::index;

    const CATALOGUE: &str = r#"
[[actor]]
id = "iran"
label = "Iran"
kind = "state"
[[actor]]
id = "lebanon"
label = "Lebanon"
kind = "state"
[[actor]]
id = "israel"
label = "Israel"
kind = "state"
"#;

    #[test]
    fn pairs_count_the_paragraphs_both_topics_share() {
        let text = "Iran and Lebanon.\n\nIran, Lebanon, Israel.\n\nIsrael alone.\n\nIran again, and Iran.\n\nLebanon with Iran.";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let catalogue = Catalogue::parse(CATALOGUE, "t.toml").unwrap();
        let index = index::build(&document, &catalogue.topics);
        let found: Vec<(usize, usize, usize)> = pairs(&index, 3)
            .iter()
            .map(|p| (p.first.index(), p.second.index(), p.paragraphs))
            .collect();
        // Iran & Lebanon share ¶1, ¶2, ¶5; Iran & Israel and Lebanon & Israel share ¶2.
        assert_eq!(found, [(0, 1, 3), (0, 2, 1), (1, 2, 1)]);
        let both: Vec<usize> = shared_paragraphs(&index, TopicId::new(0), TopicId::new(1))
            .iter()
            .map(|p| p.number())
            .collect();
        assert_eq!(both, [1, 2, 5]);
        assert!(shared_paragraphs(&index, TopicId::new(2), TopicId::new(2)).len() == 2);
    }
}
