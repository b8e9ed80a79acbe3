//! Work that runs off the UI thread: reading the rest of a large file, building the index,
//! counting the hits of a search.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::core::catalogue::Topic;
use crate::core::document::Document;
use crate::core::index::{Index, Matcher, Mention, Progress};
use crate::core::resume::{Saved, Store, content_key};
use crate::core::search::{self, Hit};

/// What an indexing thread reports.
pub enum IndexEvent {
    /// The catalogue's topics followed by the discovered ones; comes before any mentions.
    Topics(Vec<Topic>),
    /// Mentions found in one batch, as (topic, mention).
    Partial(Vec<(u32, Mention)>),
    /// The finished index, short forms resolved.
    Done(Index),
}

/// An index being built in the background.
#[derive(Debug)]
pub struct IndexJob {
    pub progress: Arc<Progress>,
    events: Receiver<IndexEvent>,
    pub started: Instant,
    pub total: usize,
}

impl std::fmt::Debug for IndexEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexEvent::Topics(topics) => write!(f, "Topics({})", topics.len()),
            IndexEvent::Partial(found) => write!(f, "Partial({})", found.len()),
            IndexEvent::Done(_) => f.write_str("Done"),
        }
    }
}

impl IndexJob {
    /// Starts indexing `document` for `topics` on worker threads, first adding the topics
    /// discovery finds when `discover` is set.
    pub fn start(document: Arc<Document>, mut topics: Vec<Topic>, discover: bool) -> IndexJob {
        let progress = Arc::new(Progress::default());
        let (sender, events) = mpsc::channel();
        let total = document.text().len();
        let watched = Arc::clone(&progress);
        let began = Instant::now();
        std::thread::spawn(move || {
            if discover {
                watched.discovering.store(true, Ordering::Relaxed);
                let Some(found) =
                    crate::core::discover::discover_observed(&document, &topics, &watched)
                else {
                    return;
                };
                topics.extend(found);
                let elapsed = u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX);
                watched.index_started_ms.store(elapsed, Ordering::Relaxed);
                watched.scanned.store(0, Ordering::Relaxed);
                watched.discovering.store(false, Ordering::Relaxed);
                if sender.send(IndexEvent::Topics(topics.clone())).is_err() {
                    return;
                }
            }
            let matcher = Matcher::new(&topics);
            let is_actor: Vec<bool> = topics.iter().map(|t| t.group.is_actor()).collect();
            let (partial_sender, partial) = mpsc::channel();
            let forward = sender.clone();
            let forwarder = std::thread::spawn(move || {
                for batch in partial {
                    if forward.send(IndexEvent::Partial(batch)).is_err() {
                        break;
                    }
                }
            });
            let index = matcher.index_observed(
                &document,
                topics.len(),
                &is_actor,
                &watched,
                Some(&partial_sender),
            );
            drop(partial_sender);
            let _ = forwarder.join();
            if let Some(index) = index {
                let _ = sender.send(IndexEvent::Done(index));
            }
        });
        IndexJob {
            progress,
            events,
            started: Instant::now(),
            total,
        }
    }

    /// What arrived since the last look; `None` once the worker is gone.
    pub fn drain(&self) -> Option<Vec<IndexEvent>> {
        let mut events = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(event) => events.push(event),
                Err(TryRecvError::Empty) => return Some(events),
                Err(TryRecvError::Disconnected) => {
                    return if events.is_empty() {
                        None
                    } else {
                        Some(events)
                    };
                }
            }
        }
    }

    /// Fraction scanned, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        (self.progress.scanned.load(Ordering::Relaxed) as f64 / self.total as f64).min(1.0)
    }

    /// True while topics are being discovered, before mentions are counted.
    pub fn discovering(&self) -> bool {
        self.progress.discovering.load(Ordering::Relaxed)
    }

    /// Throughput so far in MB/s (of the index, once topics are found).
    pub fn megabytes_per_second(&self) -> f64 {
        let index_started = self.progress.index_started_ms.load(Ordering::Relaxed) as f64 / 1e3;
        let seconds = (self.started.elapsed().as_secs_f64() - index_started).max(1e-3);
        self.progress.scanned.load(Ordering::Relaxed) as f64 / 1e6 / seconds
    }

    pub fn cancel(&self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }
}

impl Drop for IndexJob {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// How long the whole-file read waits for the first screen to be shown.
const FIRST_SCREEN_GRACE: std::time::Duration = std::time::Duration::from_millis(40);

/// The whole of a file whose preview is on screen, with its remembered position.
pub struct Rest {
    pub document: Result<Document, String>,
    /// The saved position for this content, when a store was given.
    pub saved: Option<Result<Option<Saved>, String>>,
}

/// What a file read in the background delivers: first its end, then all of it.
pub enum LoadEvent {
    /// The last paragraphs, so that G need not wait for the whole file.
    Tail(Document),
    Rest(Rest),
}

/// Reads a whole file in the background.
#[derive(Debug)]
pub struct LoadJob {
    receiver: Receiver<LoadEvent>,
}

/// Bytes read from the end of a large file before the rest.
pub const TAIL_BYTES: usize = 256 * 1024;

impl LoadJob {
    pub fn start(path: PathBuf, force: bool, store: Option<Store>) -> LoadJob {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            // The terminal needs the CPU to show the first screen; on a small machine a read of
            // hundreds of megabytes started at once would hold it back.
            std::thread::sleep(FIRST_SCREEN_GRACE);
            if let Ok(Some(tail)) = Document::load_tail(&path, force, TAIL_BYTES)
                && sender.send(LoadEvent::Tail(tail)).is_err()
            {
                return;
            }
            let document = Document::load(&path, force).map_err(|e| e.to_string());
            let saved = match (&document, &store) {
                (Ok(document), Some(store)) => Some(store.load(&content_key(document.text()))),
                _ => None,
            };
            let _ = sender.send(LoadEvent::Rest(Rest { document, saved }));
        });
        LoadJob { receiver }
    }

    /// What has arrived; `Some(Rest(Err))` if the reader thread died.
    pub fn poll(&self) -> Option<LoadEvent> {
        match self.receiver.try_recv() {
            Ok(loaded) => Some(loaded),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(LoadEvent::Rest(Rest {
                document: Err("the file could not be read to the end".into()),
                saved: None,
            })),
        }
    }
}

/// Every hit of a search over a large text, counted in the background.
#[derive(Debug)]
pub struct SearchJob {
    pub query: String,
    receiver: Receiver<Vec<Hit>>,
}

impl SearchJob {
    pub fn start(document: Arc<Document>, query: String) -> SearchJob {
        let (sender, receiver) = mpsc::channel();
        let wanted = query.clone();
        std::thread::spawn(move || {
            let _ = sender.send(search::find_all(&document, &wanted));
        });
        SearchJob { query, receiver }
    }

    /// The hits once they are all found.
    pub fn poll(&self) -> Option<Vec<Hit>> {
        self.receiver.try_recv().ok()
    }
}
