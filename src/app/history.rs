//! The jump history: positions to go back to (Ctrl-o) and forward again (Ctrl-i).

use std::collections::VecDeque;

use crate::core::document::Position;

/// Jumps remembered for Ctrl-o.
const LIMIT: usize = 200;

/// Two stacks around the present: a jump pushes where it left, back and forward trade places.
#[derive(Debug, Default)]
pub struct Backstack {
    back: VecDeque<Position>,
    forward: Vec<Position>,
}

impl Backstack {
    /// A jump left `from`: it can be gone back to; what was ahead is forgotten.
    pub fn push(&mut self, from: Position) {
        self.back.push_back(from);
        if self.back.len() > LIMIT {
            self.back.pop_front();
        }
        self.forward.clear();
    }

    /// The position before the last jump, leaving `now` to go forward to.
    pub fn back(&mut self, now: Position) -> Option<Position> {
        let to = self.back.pop_back()?;
        self.forward.push(now);
        Some(to)
    }

    /// The position Ctrl-o left, leaving `now` to go back to.
    pub fn forward(&mut self, now: Position) -> Option<Position> {
        let to = self.forward.pop()?;
        self.back.push_back(now);
        Some(to)
    }

    /// Moves every remembered position, as when the text under them is replaced.
    pub fn remap(&mut self, mut map: impl FnMut(Position) -> Position) {
        for position in self.back.iter_mut().chain(self.forward.iter_mut()) {
            *position = map(*position);
        }
    }

    pub fn clear(&mut self) {
        self.back.clear();
        self.forward.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::ParagraphId;

    fn at(offset: usize) -> Position {
        Position {
            paragraph: ParagraphId::new(offset),
            offset,
        }
    }

    #[test]
    fn back_and_forward_trade_places() {
        let mut history = Backstack::default();
        history.push(at(1));
        history.push(at(2));
        assert_eq!(history.back(at(3)), Some(at(2)));
        assert_eq!(history.back(at(2)), Some(at(1)));
        assert_eq!(history.back(at(1)), None);
        assert_eq!(history.forward(at(1)), Some(at(2)));
        assert_eq!(history.forward(at(2)), Some(at(3)));
        assert_eq!(history.forward(at(3)), None);
    }

    #[test]
    fn a_new_jump_forgets_what_was_ahead() {
        let mut history = Backstack::default();
        history.push(at(1));
        assert_eq!(history.back(at(2)), Some(at(1)));
        history.push(at(1));
        assert_eq!(history.forward(at(5)), None);
    }

    #[test]
    fn only_the_latest_jumps_are_kept() {
        let mut history = Backstack::default();
        for n in 0..LIMIT + 10 {
            history.push(at(n));
        }
        let mut now = at(9999);
        let mut count = 0;
        while let Some(to) = history.back(now) {
            now = to;
            count += 1;
        }
        assert_eq!(count, LIMIT);
        assert_eq!(now, at(10), "the oldest ten are gone");
    }

    #[test]
    fn remap_moves_both_stacks() {
        let mut history = Backstack::default();
        history.push(at(1));
        history.push(at(2));
        assert!(history.back(at(3)).is_some());
        history.remap(|p| at(p.offset * 10));
        assert_eq!(history.back(at(0)), Some(at(10)));
        assert_eq!(history.forward(at(0)), Some(at(0)));
        assert_eq!(history.forward(at(0)), Some(at(30)));
    }
}
