//! Typed indices: which topic of a topic list, which paragraph of a document.

/// A topic's place in its topic list (a catalogue's topics, then the discovered ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TopicId(u32);

impl TopicId {
    /// The id of the topic at `index`; a list never holds 2^32 topics (catalogues are capped
    /// far below that), so the saturation is never reached.
    pub fn new(index: usize) -> TopicId {
        TopicId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A paragraph's place in its document, 0-based; the reader shows it 1-based as ¶N.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ParagraphId(u32);

impl ParagraphId {
    /// The id of paragraph `index`; a paragraph takes at least two bytes, and documents are
    /// capped below 8 GiB, so the saturation is never reached.
    pub fn new(index: usize) -> ParagraphId {
        ParagraphId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The number the reader shows: ¶1 for the first paragraph.
    pub fn number(self) -> usize {
        self.index() + 1
    }
}
