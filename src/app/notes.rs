//! Notes on paragraphs: one line of the reader's own words per paragraph, shown as a sign in
//! the gutter and listed with `A`.

use std::collections::BTreeMap;

use crate::core::ids::ParagraphId;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    by_paragraph: BTreeMap<ParagraphId, String>,
}

impl Notes {
    /// Sets the note of `paragraph`; an empty (or blank) one removes it.
    pub fn set(&mut self, paragraph: ParagraphId, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            self.by_paragraph.remove(&paragraph);
        } else {
            self.by_paragraph.insert(paragraph, text.to_string());
        }
    }

    pub fn get(&self, paragraph: ParagraphId) -> Option<&str> {
        self.by_paragraph.get(&paragraph).map(String::as_str)
    }

    /// Every note, in the order of the text.
    pub fn iter(&self) -> impl Iterator<Item = (ParagraphId, &str)> + '_ {
        self.by_paragraph
            .iter()
            .map(|(&p, text)| (p, text.as_str()))
    }

    pub fn len(&self) -> usize {
        self.by_paragraph.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_paragraph.is_empty()
    }

    /// The `i`th note in the order of the text.
    pub fn nth(&self, i: usize) -> Option<(ParagraphId, &str)> {
        self.iter().nth(i)
    }
}
