//! Which text is shown while a large file is read, and the transitions between the states.
//!
//! ```text
//!                 tail read                       G
//!   Head{tail: None} ─────▶ Head{tail: Some} ─────────▶ Tail{head, tail}
//!     │  G: end_wanted        │        ▲                   │
//!     │  (tail read: ──────────────────────────────────▶ Tail)   g
//!     │                       │        └───────────────────┘
//!     │ whole read            │ whole read               │ whole read
//!     ▼                       ▼                          ▼
//!   Whole ◀───────────────────┴──────────────────────────┘
//!     (a failed read of the rest: Head/Tail ─▶ Stopped, the start shown for good)
//! ```
//! A small file, standard input and the bundled text start `Whole`.

use std::sync::Arc;

use crate::core::document::Document;

#[derive(Debug)]
pub enum Reading {
    /// The whole text.
    Whole(Arc<Document>),
    /// The file's start, shown while the rest is read; its end once that is read ahead, and
    /// whether G asked for the end before it was.
    Head {
        head: Arc<Document>,
        tail: Option<Arc<Document>>,
        end_wanted: bool,
    },
    /// The end read ahead, shown; the start kept for g.
    Tail {
        head: Arc<Document>,
        tail: Arc<Document>,
    },
    /// Reading stopped before the end: only the start is shown, for good.
    Stopped(Arc<Document>),
}

/// What G does in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndRequest {
    /// The end is on hand and now shown (a new text: positions in the old one are void).
    Switched,
    /// The end is the text shown already.
    AlreadyShown,
    /// The end is not read yet; it is shown once it is.
    Waiting,
}

impl Reading {
    /// A document as opened: whole, or the start of a file whose rest is still to read.
    pub fn new(document: Document) -> Reading {
        let document = Arc::new(document);
        if document.is_complete() {
            Reading::Whole(document)
        } else {
            Reading::Head {
                head: document,
                tail: None,
                end_wanted: false,
            }
        }
    }

    /// The text on screen.
    pub fn shown(&self) -> &Arc<Document> {
        match self {
            Reading::Whole(document)
            | Reading::Stopped(document)
            | Reading::Head { head: document, .. }
            | Reading::Tail { tail: document, .. } => document,
        }
    }

    /// The whole text, once it is read.
    pub fn whole(&self) -> Option<&Arc<Document>> {
        match self {
            Reading::Whole(document) => Some(document),
            Reading::Head { .. } | Reading::Tail { .. } | Reading::Stopped(_) => None,
        }
    }

    /// Whether the rest of the file is still being read.
    pub fn is_reading(&self) -> bool {
        matches!(self, Reading::Head { .. } | Reading::Tail { .. })
    }

    /// G: show the end if it is on hand, else remember to once it is.
    pub fn request_end(&mut self) -> EndRequest {
        match std::mem::replace(self, Reading::Whole(Arc::new(Document::default()))) {
            Reading::Head {
                head,
                tail: Some(tail),
                ..
            } => {
                *self = Reading::Tail { head, tail };
                EndRequest::Switched
            }
            Reading::Head {
                head, tail: None, ..
            } => {
                *self = Reading::Head {
                    head,
                    tail: None,
                    end_wanted: true,
                };
                EndRequest::Waiting
            }
            other => {
                *self = other;
                EndRequest::AlreadyShown
            }
        }
    }

    /// g: back to the start from the end read ahead; true if the text shown changed.
    pub fn request_start(&mut self) -> bool {
        match std::mem::replace(self, Reading::Whole(Arc::new(Document::default()))) {
            Reading::Tail { head, tail } => {
                *self = Reading::Head {
                    head,
                    tail: Some(tail),
                    end_wanted: false,
                };
                true
            }
            Reading::Head { head, tail, .. } => {
                // g withdraws a G still waiting for the end.
                *self = Reading::Head {
                    head,
                    tail,
                    end_wanted: false,
                };
                false
            }
            other => {
                *self = other;
                false
            }
        }
    }

    /// The end has been read ahead; true if it is now shown because G asked for it.
    pub fn take_tail(&mut self, tail: Document) -> bool {
        let tail = Arc::new(tail);
        match std::mem::replace(self, Reading::Whole(Arc::new(Document::default()))) {
            Reading::Head {
                head,
                end_wanted: true,
                ..
            } => {
                *self = Reading::Tail { head, tail };
                true
            }
            Reading::Head { head, .. } => {
                *self = Reading::Head {
                    head,
                    tail: Some(tail),
                    end_wanted: false,
                };
                false
            }
            other => {
                *self = other;
                false
            }
        }
    }

    /// The whole file is in. Returns what was shown before, and whether G was waiting.
    pub fn take_whole(&mut self, whole: Document) -> (Arc<Document>, bool) {
        let end_wanted = matches!(
            self,
            Reading::Head {
                end_wanted: true,
                ..
            }
        );
        let before = Arc::clone(self.shown());
        *self = Reading::Whole(Arc::new(whole));
        (before, end_wanted)
    }

    /// The rest could not be read: the start is all there is.
    pub fn stop(&mut self) {
        if let Reading::Head { head, .. } | Reading::Tail { head, .. } =
            std::mem::replace(self, Reading::Whole(Arc::new(Document::default())))
        {
            *self = Reading::Stopped(head);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Part, Source};

    fn part(text: &str) -> Document {
        Document::from_str(text, Source::Bundled, Format::Plain).with_part(Part::Head)
    }

    fn shown(reading: &Reading) -> &str {
        reading.shown().text()
    }

    #[test]
    fn g_waits_for_the_tail_then_shows_it() {
        let mut reading = Reading::new(part("start"));
        assert!(reading.is_reading());
        assert_eq!(reading.request_end(), EndRequest::Waiting);
        assert!(reading.take_tail(part("end")), "the waiting G is served");
        assert_eq!(shown(&reading), "end");
        assert!(reading.request_start());
        assert_eq!(shown(&reading), "start");
        assert_eq!(reading.request_end(), EndRequest::Switched);
        assert_eq!(shown(&reading), "end");
        assert_eq!(reading.request_end(), EndRequest::AlreadyShown);
    }

    #[test]
    fn a_tail_nobody_asked_for_is_kept_for_later() {
        let mut reading = Reading::new(part("start"));
        assert!(!reading.take_tail(part("end")));
        assert_eq!(shown(&reading), "start");
        assert_eq!(reading.request_end(), EndRequest::Switched);
    }

    #[test]
    fn g_withdraws_a_waiting_end() {
        let mut reading = Reading::new(part("start"));
        assert_eq!(reading.request_end(), EndRequest::Waiting);
        assert!(!reading.request_start());
        assert!(!reading.take_tail(part("end")));
        assert_eq!(shown(&reading), "start");
    }

    #[test]
    fn the_whole_file_ends_the_reading_from_any_state() {
        let mut reading = Reading::new(part("start"));
        assert_eq!(reading.request_end(), EndRequest::Waiting);
        let (before, end_wanted) =
            reading.take_whole(Document::from_str("all", Source::Bundled, Format::Plain));
        assert_eq!((before.text(), end_wanted), ("start", true));
        assert_eq!(reading.whole().map(|d| d.text()), Some("all"));
        assert!(!reading.is_reading());
    }

    #[test]
    fn a_failed_read_keeps_the_start() {
        let mut reading = Reading::new(part("start"));
        reading.take_tail(part("end"));
        reading.request_end();
        reading.stop();
        assert_eq!(shown(&reading), "start");
        assert!(!reading.is_reading() && reading.whole().is_none());
    }
}
