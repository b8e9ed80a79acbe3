//! Work off the UI thread, started by effects and delivered as arrivals: reading the rest of
//! a large file, discovering topics and building the index, counting a search's hits, and
//! the saved reading positions. The only place below `app` that starts threads.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::App;
use crate::app::effect::{Arrival, Effect, IndexPhase, IndexProgress};
use crate::core::catalogue::Topic;
use crate::core::document::{Document, LoadOptions, Source};
use crate::core::index::{Matcher, Progress};
use crate::core::resume::Store;
use crate::core::sanitize::panic_text;
use crate::core::search;

/// How long the whole-file read waits for the first screen to be shown.
const FIRST_SCREEN_GRACE: Duration = Duration::from_millis(40);

/// Bytes read from the end of a large file before the rest.
pub const TAIL_BYTES: usize = 256 * 1024;

/// Set in the environment to a number of milliseconds, holds the whole-file read back by
/// that long after the end is read ahead (for tests of what is shown meanwhile).
pub const REST_DELAY_FOR_TESTS: &str = "PILCROW_TEST_REST_DELAY_MS";

/// Set in the environment to a worker's name (`load`, `discover`, `index`, `search`), makes
/// that worker panic as it starts (for tests of what the reader does then).
pub const WORKER_PANIC_FOR_TESTS: &str = "PILCROW_TEST_WORKER_PANIC";

/// The start of every worker thread's name: the panic hook leaves their panics to
/// `spawn_worker`, which reports them.
pub const WORKER_PREFIX: &str = "pilcrow-";

fn panic_if_asked(worker: &str) {
    // With an escape in the message, as a slicing panic quoting the text would have.
    assert!(
        std::env::var_os(WORKER_PANIC_FOR_TESTS).is_none_or(|asked| asked != worker),
        "the {worker} worker panics as asked \u{1b}]52;c;eA==\u{7}"
    );
}

/// Runs `work` on a thread of its own named for `name`. A panic in it is caught at the
/// thread's edge and handed to `failed` as one safe line, so that the reader goes on.
fn spawn_worker(
    name: &str,
    work: impl FnOnce() + Send + 'static,
    failed: impl FnOnce(String) + Send + 'static,
) {
    // With no thread to be had, the job's channel closes at once and it is reported gone.
    let _ = std::thread::Builder::new()
        .name(format!("{WORKER_PREFIX}{name}"))
        .spawn(move || {
            if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
                failed(panic_text(payload.as_ref()));
            }
        });
}

/// The jobs under way and the arrivals not yet handed over.
#[derive(Debug, Default)]
pub struct Jobs {
    store: Option<Store>,
    ready: VecDeque<Arrival>,
    reading: Option<Receiver<Arrival>>,
    indexing: Option<IndexJob>,
    counting: Option<CountJob>,
}

#[derive(Debug)]
struct IndexJob {
    progress: Arc<Progress>,
    arrivals: Receiver<Arrival>,
    started: Instant,
    total: usize,
}

impl Drop for IndexJob {
    fn drop(&mut self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }
}

#[derive(Debug)]
struct CountJob {
    cancelled: Arc<AtomicBool>,
    arrivals: Receiver<Arrival>,
}

impl Drop for CountJob {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// What a look at a job's channel finds; short-lived, so its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Received {
    Arrival(Arrival),
    Nothing,
    /// The job's thread is gone and nothing is left.
    Gone,
}

fn take(receiver: &Receiver<Arrival>) -> Received {
    match receiver.try_recv() {
        Ok(arrival) => Received::Arrival(arrival),
        Err(TryRecvError::Empty) => Received::Nothing,
        Err(TryRecvError::Disconnected) => Received::Gone,
    }
}

impl Jobs {
    /// Jobs that recall and remember reading positions in `store`, if there is one.
    pub fn new(store: Option<Store>) -> Jobs {
        Jobs {
            store,
            ..Jobs::default()
        }
    }

    /// Carries out the effects that are work; returns the others (quit, suspend, mouse),
    /// which are the terminal's.
    pub fn run(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut rest = Vec::new();
        for effect in effects {
            match effect {
                Effect::ReadRest { path, options } => self.read_rest(path, options),
                Effect::Recall { document } => {
                    if let Some(store) = &self.store {
                        self.ready
                            .push_back(Arrival::Recalled(store.recall(&document)));
                    }
                }
                Effect::Index {
                    document,
                    topics,
                    discover,
                    hidden,
                } => self.indexing = Some(IndexJob::start(document, topics, discover, hidden)),
                Effect::CountHits { document, query } => {
                    self.counting = Some(CountJob::start(document, query));
                }
                Effect::StopCounting => self.counting = None,
                Effect::EditCatalogue {
                    path,
                    source,
                    edit,
                    topics,
                    metadata,
                } => {
                    let state = self.store.as_ref().map(Store::dir);
                    // The bundled catalogue's first edit starts from its text, comments kept.
                    let seed = (path.is_none() && source == crate::core::document::Source::Bundled)
                        .then_some(crate::core::bundled::COMMENTARY_TOPICS);
                    let edited = path
                        .or_else(|| crate::core::edit::new_catalogue_path(&source, state))
                        .ok_or_else(|| {
                            "no place to keep a catalogue for standard input".to_string()
                        })
                        .and_then(|path| {
                            crate::core::edit::apply(&path, &edit, seed, &topics, &metadata)
                                .map(|edited| (path, edited))
                                .map_err(|e| e.to_string())
                        });
                    self.ready.push_back(Arrival::CatalogueEdited(edited));
                }
                Effect::WriteNotes { document, markdown } => {
                    let written = write_notes(&document, &markdown, self.store.as_ref());
                    self.ready.push_back(Arrival::NotesWritten(written));
                }
                other @ (Effect::Quit | Effect::Suspend | Effect::MouseCapture(_)) => {
                    rest.push(other);
                }
            }
        }
        rest
    }

    /// The next thing that has arrived, if any. Taken one at a time, so that an arrival's
    /// effects (a new index replacing the old) are carried out before the next is taken.
    pub fn next_arrival(&mut self) -> Option<Arrival> {
        if let Some(arrival) = self.ready.pop_front() {
            return Some(arrival);
        }
        if let Some(receiver) = &self.reading {
            match take(receiver) {
                Received::Arrival(arrival) => return Some(arrival),
                Received::Nothing => {}
                Received::Gone => self.reading = None,
            }
        }
        if let Some(job) = &self.counting {
            match take(&job.arrivals) {
                Received::Arrival(arrival) => {
                    self.counting = None;
                    return Some(arrival);
                }
                Received::Nothing => {}
                Received::Gone => self.counting = None,
            }
        }
        let job = self.indexing.as_ref()?;
        match take(&job.arrivals) {
            Received::Arrival(arrival) => {
                if matches!(arrival, Arrival::Indexed(_) | Arrival::IndexFailed(_)) {
                    self.indexing = None;
                }
                Some(arrival)
            }
            Received::Nothing => None,
            Received::Gone => {
                // Gone without the finished index: it failed, or was stopped.
                let stopped = job.progress.cancelled.load(Ordering::Relaxed);
                self.indexing = None;
                (!stopped).then(|| Arrival::IndexFailed("the index stopped early".into()))
            }
        }
    }

    /// Whether an index is being built (the progress bar moves).
    pub fn is_indexing(&self) -> bool {
        self.indexing.is_some()
    }

    /// How far the index has got, while it is being built.
    pub fn index_progress(&self) -> Option<IndexProgress> {
        self.indexing.as_ref().map(IndexJob::progress)
    }

    /// Every arrival and progress report taken into `app`, effects carried out; true if
    /// anything arrived. Returns the terminal's effects in `terminal`.
    pub fn deliver(&mut self, app: &mut App, terminal: &mut Vec<Effect>) -> bool {
        let mut any = false;
        while let Some(arrival) = self.next_arrival() {
            any = true;
            let effects = app.receive(arrival);
            terminal.extend(self.run(effects));
        }
        if let Some(progress) = self.index_progress() {
            let effects = app.receive(Arrival::Progress(progress));
            terminal.extend(self.run(effects));
            any = true;
        }
        any
    }

    /// Waits until no job is left, delivering everything to `app` (tests and benchmarks).
    pub fn settle(&mut self, app: &mut App) {
        let mut terminal = Vec::new();
        loop {
            self.deliver(app, &mut terminal);
            if self.reading.is_none() && self.indexing.is_none() && self.counting.is_none() {
                self.deliver(app, &mut terminal);
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Remembers where the reader is, if it has the whole text and a store.
    pub fn remember(&self, app: &App) -> std::io::Result<()> {
        if let Some(store) = &self.store
            && !app.searches().is_empty()
        {
            store.remember_searches(app.searches())?;
        }
        match (&self.store, app.whole_document(), app.saved_position()) {
            (Some(store), Some(document), Some(saved)) => store.remember(document, &saved),
            _ => Ok(()),
        }
    }

    /// The searches of earlier runs, for the prompt's ↑.
    pub fn searches(&self) -> Vec<String> {
        self.store.as_ref().map(Store::searches).unwrap_or_default()
    }

    fn read_rest(&mut self, path: PathBuf, options: LoadOptions) {
        let (sender, receiver) = mpsc::channel();
        let held_back = std::env::var(REST_DELAY_FOR_TESTS)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(Duration::from_millis);
        let report = sender.clone();
        let work = move || {
            panic_if_asked("load");
            // The terminal needs the CPU to show the first screen; on a small machine a read of
            // hundreds of megabytes started at once would hold it back.
            std::thread::sleep(FIRST_SCREEN_GRACE);
            if let Ok(Some(tail)) = Document::load_tail(&path, options.force, TAIL_BYTES)
                && sender.send(Arrival::Tail(tail)).is_err()
            {
                return;
            }
            if let Some(delay) = held_back {
                std::thread::sleep(delay);
            }
            let whole = Document::load_with(&path, options).map_err(|e| e.to_string());
            let _ = sender.send(Arrival::Whole(whole));
        };
        spawn_worker("load", work, move |problem| {
            let _ = report.send(Arrival::Whole(Err(format!("internal error: {problem}"))));
        });
        self.reading = Some(receiver);
    }
}

impl IndexJob {
    /// Indexes `document` for `topics` on worker threads, first adding the topics discovery
    /// finds when `discover` is set.
    fn start(
        document: Arc<Document>,
        mut topics: Vec<Topic>,
        discover: bool,
        hidden: Vec<String>,
    ) -> IndexJob {
        let progress = Arc::new(Progress::default());
        let (sender, arrivals) = mpsc::channel();
        let total = document.text().len();
        let watched = Arc::clone(&progress);
        let began = Instant::now();
        // Set before the thread starts, so that the first look at the progress sees it.
        progress.discovering.store(discover, Ordering::Relaxed);
        let report = sender.clone();
        let work = move || {
            if discover {
                panic_if_asked("discover");
                let Some(mut found) =
                    crate::core::discover::discover_observed(&document, &topics, &watched)
                else {
                    return;
                };
                found.retain(|t| !crate::core::catalogue::is_hidden(&hidden, t));
                topics.extend(found);
                let elapsed = u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX);
                watched.index_started_ms.store(elapsed, Ordering::Relaxed);
                watched.scanned.store(0, Ordering::Relaxed);
                watched.discovering.store(false, Ordering::Relaxed);
                if sender.send(Arrival::Topics(topics.clone())).is_err() {
                    return;
                }
            }
            panic_if_asked("index");
            let matcher = Matcher::new(&topics);
            let (batch_sender, batches) = mpsc::channel();
            let forward = sender.clone();
            let forwarder = std::thread::spawn(move || {
                for batch in batches {
                    if forward.send(Arrival::Mentions(batch)).is_err() {
                        break;
                    }
                }
            });
            let shorts = matcher.index_streamed(&document, &watched, &batch_sender);
            drop(batch_sender);
            let _ = forwarder.join();
            if let Some(shorts) = shorts {
                let _ = sender.send(Arrival::Indexed(shorts));
            }
        };
        spawn_worker("index", work, move |problem| {
            let _ = report.send(Arrival::IndexFailed(format!(
                "the index stopped: internal error: {problem}"
            )));
        });
        IndexJob {
            progress,
            arrivals,
            started: Instant::now(),
            total,
        }
    }

    fn progress(&self) -> IndexProgress {
        let scanned = self.progress.scanned.load(Ordering::Relaxed) as f64;
        let fraction = if self.total == 0 {
            1.0
        } else {
            (scanned / self.total as f64).min(1.0)
        };
        let phase = if self.progress.discovering.load(Ordering::Relaxed) {
            IndexPhase::FindingTopics
        } else {
            let index_started = self.progress.index_started_ms.load(Ordering::Relaxed) as f64 / 1e3;
            let seconds = (self.started.elapsed().as_secs_f64() - index_started).max(1e-3);
            IndexPhase::Counting {
                megabytes_per_second: scanned / 1e6 / seconds,
            }
        };
        IndexProgress { fraction, phase }
    }
}

impl CountJob {
    fn start(document: Arc<Document>, query: String) -> CountJob {
        let cancelled = Arc::new(AtomicBool::new(false));
        let (sender, arrivals) = mpsc::channel();
        let stop = Arc::clone(&cancelled);
        let report = sender.clone();
        let work = move || {
            panic_if_asked("search");
            if let Some(hits) = search::find_all_unless(&document, &query, &stop) {
                let _ = sender.send(Arrival::Hits { query, hits });
            }
        };
        spawn_worker("search", work, move |problem| {
            let _ = report.send(Arrival::CountFailed(format!(
                "the hit count stopped: internal error: {problem}"
            )));
        });
        CountJob {
            cancelled,
            arrivals,
        }
    }
}

/// Writes the notes beside the document (`<file stem>.notes.md`), else (the bundled text,
/// standard input, a folder that cannot be written) in the state folder's `notes`, whole or
/// not at all.
fn write_notes(
    document: &Document,
    markdown: &str,
    store: Option<&Store>,
) -> Result<std::path::PathBuf, String> {
    let beside = match document.source() {
        Source::Path(path) => path.file_stem().map(|stem| {
            let mut name = stem.to_os_string();
            name.push(".notes.md");
            path.with_file_name(name)
        }),
        Source::Bundled | Source::Stdin => None,
    };
    let in_state = store.map(|store| {
        store.dir().join("notes").join(format!(
            "{}.notes.md",
            crate::core::resume::content_key(document.text())
        ))
    });
    let mut problem = String::from("no place to write them: no file and no state folder");
    for target in beside.into_iter().chain(in_state) {
        let attempt = crate::core::files::write_atomically(&target, markdown.as_bytes());
        match attempt {
            Ok(()) => return Ok(target),
            Err(error) => {
                problem = format!(
                    "{}: {error}",
                    crate::core::sanitize::clean(&target.display().to_string())
                );
            }
        }
    }
    Err(problem)
}
