//! Marks, as in less and vim: `m` and a letter remember the place, `'` and the letter go back
//! to it, and `''` goes to where the last jump left.

use std::collections::BTreeMap;

use crate::core::document::Position;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks {
    places: BTreeMap<char, Position>,
    /// Where the last jump left from: `''` goes there.
    last_jump: Option<Position>,
}

impl Marks {
    /// Whether `letter` can name a mark: a letter or a digit, as in less.
    pub fn can_name(letter: char) -> bool {
        letter.is_ascii_alphanumeric()
    }

    pub fn set(&mut self, letter: char, place: Position) {
        self.places.insert(letter, place);
    }

    pub fn get(&self, letter: char) -> Option<Position> {
        self.places.get(&letter).copied()
    }

    /// Every mark, in the order of their letters.
    pub fn iter(&self) -> impl Iterator<Item = (char, Position)> + '_ {
        self.places.iter().map(|(&letter, &place)| (letter, place))
    }

    /// A jump left `from`.
    pub fn left(&mut self, from: Position) {
        self.last_jump = Some(from);
    }

    pub fn last_jump(&self) -> Option<Position> {
        self.last_jump
    }

    /// Moves every place to where it is in a new text (the whole file after its start).
    pub fn remap(&mut self, mut map: impl FnMut(Position) -> Position) {
        for place in self.places.values_mut().chain(self.last_jump.as_mut()) {
            *place = map(*place);
        }
    }
}
