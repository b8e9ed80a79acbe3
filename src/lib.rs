//! pilcrow: a terminal reader that shows a text beside an index of its actors and themes.
//!
//! # Layers
//!
//! - [`core`]: what a document and its topics are. Loading and decoding
//!   ([`core::document`]), catalogues, the gazetteer and discovery, the mention index
//!   ([`core::index`]), search, wrapping, sanitising, saved positions, and
//!   [`core::open::Opened`], a document opened with its catalogue, which both the command
//!   line and the reader start from. No terminal code: a test fails if a file under
//!   `src/core` names ratatui or crossterm.
//! - [`app`]: what a user can do. [`app::App`] holds the state in small owned parts:
//!   the [`app::reading::Reading`] of a large file, the [`app::viewport::Viewport`] (top
//!   position, wrap cache, rows on screen), the [`app::panel::Panel`] (order, filter,
//!   cursor, scroll), the [`app::history::Backstack`] of jumps, one [`app::mode::Mode`]
//!   (reading with a focus, a prompt, the help, the outline), the selection and the search.
//!   `App::update(Action)` and `App::receive(Arrival)` change it and return
//!   [`app::effect::Effect`]s; neither does I/O. The keymap table dispatches keys, and the
//!   help and the status hints are generated from it. `app` names neither `ui` nor `cli`.
//! - [`ui`]: how it looks. [`ui::Screen`] composes one small widget per part of the screen
//!   over the layout the app computed on resize; all styles are in [`ui::palette`].
//! - [`term`] and `main.rs`: the shell. `term::run` owns the terminal (raw mode, the
//!   alternate screen, mouse capture, the panic hook), turns events and signals into
//!   actions, hands work effects to [`app::background::Jobs`] and carries out the rest
//!   (quit, suspend, mouse capture). [`cli`] parses arguments and prints `index`/`topics`.
//!
//! # From file to frame
//!
//! `Opened::open` reads the file (only its first 64 KiB when it is large, the first pages
//! of a long PDF), tells its format by content then by name ([`core::formats`]), and makes
//! one `String` with LF line ends whose paragraphs are byte ranges: plain text is split at
//! blank lines; Markdown, HTML, PDF, EPUB and DOCX are converted into blocks (headings, list
//! items, quotes, code, tables) by one builder. Then it reads the catalogue. `App::new` returns the first effects: read the rest of the file, or recall
//! the saved position and build the index. Positions are (paragraph, byte offset); a frame
//! wraps only the paragraphs in view, cached per width, and draws only the rows on screen.
//!
//! # Large files
//!
//! `Reading` holds which text is shown: `Whole`; `Head` (the start, while the rest is read;
//! its end once read ahead); `Tail` (the end read ahead, after G, numbered `¶?`); `Stopped`
//! (the rest could not be read). Its doc comment draws the transitions.
//!
//! # Threads and what they send
//!
//! All in `app::background`, each job a channel of `Arrival`s taken one at a time:
//! - the rest of a file: its tail (`Arrival::Tail`), then the whole text (`Whole`);
//! - the index: discovered topics (`Topics`), batches of mentions from one worker per core
//!   (`Mentions`, merged by `Index::merge_batch`; the workers keep no copy), then `Indexed`
//!   with the short forms several actors share, resolved (`Index::merge_spread`); progress
//!   is read from atomics each tick;
//! - a search's hit count on a large text (`Hits`), stopped by a new search or Esc.
//!
//! Besides these, `term` reads terminal events and signals on two threads of its own.

pub mod app;
pub mod cli;
pub mod config;
pub mod core;
pub mod term;
pub mod ui;
