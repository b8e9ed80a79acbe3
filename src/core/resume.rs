//! Reading positions remembered between sessions, per document content, written atomically.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::core::document::Document;
use crate::core::limits::{STATE_LIMIT, read_capped};

/// Bytes hashed from each end, and from each of the evenly spaced samples in between.
const EDGE_BYTES: usize = 1 << 20;
const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLES: usize = 16;

/// Positions kept for at most this many documents; the least recently read go first.
const MAX_SAVED: usize = 1000;

/// A temporary file this old was left by a write that never finished.
const STALE_TEMPORARY: Duration = Duration::from_secs(60);

/// Where the reader was: a paragraph, a byte offset inside it, and the selected topic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub paragraph: usize,
    pub offset_in_paragraph: usize,
    pub topic: Option<String>,
    /// Where the topic's current mention starts in the text (files saved before it was kept
    /// have none).
    #[serde(default)]
    pub mention: Option<usize>,
    /// Marks by their letter.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub marks: BTreeMap<String, SavedPlace>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<SavedNote>,
}

/// A place in the text: a paragraph and a byte offset inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPlace {
    pub paragraph: usize,
    pub offset_in_paragraph: usize,
}

/// A note on a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedNote {
    pub paragraph: usize,
    pub text: String,
}

/// The file of the search history, in the state folder.
const SEARCHES: &str = "searches.history";

/// FNV-1a, 64 bits: stable across Rust versions and machines, unlike `DefaultHasher`.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A key for the document's content, so a renamed or moved file keeps its position. Large
/// texts are sampled (both ends and evenly spaced blocks) to keep start-up instant.
pub fn content_key(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, &(bytes.len() as u64).to_le_bytes());
    if bytes.len() <= 2 * EDGE_BYTES + SAMPLES * SAMPLE_BYTES {
        hash = fnv1a(hash, bytes);
    } else {
        hash = fnv1a(hash, &bytes[..EDGE_BYTES]);
        let middle = bytes.len() - 2 * EDGE_BYTES;
        for i in 0..SAMPLES {
            let at = EDGE_BYTES + middle * i / SAMPLES;
            hash = fnv1a(hash, &bytes[at..(at + SAMPLE_BYTES).min(bytes.len())]);
        }
        hash = fnv1a(hash, &bytes[bytes.len() - EDGE_BYTES..]);
    }
    format!("{hash:016x}")
}

/// The folder of saved positions.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// The folder the positions are kept in.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// `PILCROW_STATE_DIR`, else `$XDG_STATE_HOME/pilcrow`, else `~/.local/state/pilcrow`.
    pub fn from_env() -> Option<Store> {
        let non_empty = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let dir = non_empty("PILCROW_STATE_DIR")
            .or_else(|| non_empty("XDG_STATE_HOME").map(|d| d.join("pilcrow")))
            .or_else(|| non_empty("HOME").map(|h| h.join(".local/state/pilcrow")))?;
        Some(Store { dir })
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The saved position, `None` if there is none; an unreadable file is an error to report,
    /// never to stop for. Only a regular file of at most `STATE_LIMIT` bytes is read: a
    /// symbolic link is not followed, and a FIFO or device planted in its place is not waited
    /// on.
    pub fn load(&self, key: &str) -> Result<Option<Saved>, String> {
        Store::load_file(&self.path(key))
    }

    /// A JSON file of the folder, read as `load` reads a position.
    fn load_file<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, String> {
        let shown = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        let file = match fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return Err(shown(&"is a symbolic link, not a saved position"));
            }
            Err(e) => return Err(shown(&e)),
        };
        if !file.metadata().map_err(|e| shown(&e))?.is_file() {
            return Err(shown(&"is not a regular file"));
        }
        let capped = read_capped(file, STATE_LIMIT).map_err(|e| shown(&e))?;
        if capped.stopped {
            return Err(shown(&"is too large to be a saved position"));
        }
        serde_json::from_slice(&capped.bytes)
            .map(Some)
            .map_err(|e| shown(&e))
    }

    /// Removes what an interrupted write left (temporary files older than a minute, so that
    /// another reader's write under way is left alone), and forgets the oldest positions past
    /// `MAX_SAVED`. Run once at start; what cannot be removed stays.
    pub fn tidy(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = std::time::SystemTime::now();
        let mut saved = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(metadata) = entry.metadata() else {
                continue;
            };
            let modified = metadata.modified().unwrap_or(now);
            if name.starts_with('.') && name.ends_with(".tmp") {
                let age = now.duration_since(modified).unwrap_or_default();
                if age > STALE_TEMPORARY {
                    let _ = fs::remove_file(entry.path());
                }
            } else if name.ends_with(".json") && metadata.is_file() {
                saved.push((modified, entry.path()));
            }
        }
        if saved.len() > MAX_SAVED {
            saved.sort_unstable();
            for (_, path) in &saved[..saved.len() - MAX_SAVED] {
                let _ = fs::remove_file(path);
            }
        }
    }

    pub fn save(&self, key: &str, saved: &Saved) -> io::Result<()> {
        self.write(key, saved, false)
    }

    /// The searches of earlier runs, oldest first (none when there is no file or it cannot
    /// be read: a history is no reason to stop).
    pub fn searches(&self) -> Vec<String> {
        Store::load_file::<Vec<String>>(&self.dir.join(SEARCHES))
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Keeps the searches for the next run (not a `.json` file: `tidy` counts those as
    /// positions).
    pub fn remember_searches(&self, searches: &[String]) -> io::Result<()> {
        self.write_file(&self.dir.join(SEARCHES), "searches", &searches, false)
    }

    /// Where the reader left `document` last time, by its content.
    pub fn recall(&self, document: &Document) -> Result<Option<Saved>, String> {
        self.load(&content_key(document.text()))
    }

    /// Remembers where the reader is in `document`, by its content.
    pub fn remember(&self, document: &Document, saved: &Saved) -> io::Result<()> {
        self.save(&content_key(document.text()), saved)
    }

    /// Writes a temporary file, syncs it and renames it over the old one, so that a crash
    /// leaves either the old position or the new, never half of one. `crash_before_rename`
    /// stops after the sync, as a crash there would (for tests).
    fn write(&self, key: &str, saved: &Saved, crash_before_rename: bool) -> io::Result<()> {
        self.write_file(&self.path(key), key, saved, crash_before_rename)
    }

    fn write_file<T: Serialize>(
        &self,
        target: &Path,
        key: &str,
        saved: &T,
        crash_before_rename: bool,
    ) -> io::Result<()> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)?;
        // A name no one can guess ahead, created only if nothing (a planted link) is there,
        // readable by the user alone.
        let temporary = self.dir.join(format!(".{key}.{}.tmp", unguessable()));
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)?;
        file.write_all(&serde_json::to_vec(saved).map_err(io::Error::other)?)?;
        file.sync_all()?;
        drop(file);
        if crash_before_rename {
            return Err(io::Error::other("simulated crash before rename"));
        }
        fs::rename(&temporary, target)?;
        sync_dir(&self.dir);
        Ok(())
    }
}

/// A temporary file's distinguishing part: the process, the time in nanoseconds and a
/// randomly keyed hash of both.
fn unguessable() -> String {
    use std::hash::BuildHasher;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let hash = std::collections::hash_map::RandomState::new().hash_one((std::process::id(), nanos));
    format!("{}.{hash:016x}", std::process::id())
}

/// Makes the rename durable where the platform allows it.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(paragraph: usize) -> Saved {
        Saved {
            paragraph,
            offset_in_paragraph: 7,
            topic: Some("putin".into()),
            mention: Some(120),
            marks: BTreeMap::from([(
                "a".to_string(),
                SavedPlace {
                    paragraph: 2,
                    offset_in_paragraph: 5,
                },
            )]),
            notes: vec![SavedNote {
                paragraph: 3,
                text: "a note\u{1b}[31m".into(),
            }],
        }
    }

    #[test]
    fn a_file_saved_before_marks_and_notes_loads() {
        let old = r#"{"paragraph":4,"offset_in_paragraph":0,"topic":null,"mention":null}"#;
        let saved: Saved = serde_json::from_str(old).unwrap();
        assert_eq!(saved.paragraph, 4);
        assert!(saved.marks.is_empty() && saved.notes.is_empty());
    }

    #[test]
    fn saves_and_loads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("nested"));
        assert_eq!(store.load("k").unwrap(), None);
        store.save("k", &saved(3)).unwrap();
        assert_eq!(store.load("k").unwrap(), Some(saved(3)));
    }

    #[test]
    fn a_crash_before_the_rename_keeps_the_previous_state() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        store.save("k", &saved(3)).unwrap();
        assert!(store.write("k", &saved(9), true).is_err());
        assert_eq!(store.load("k").unwrap(), Some(saved(3)));
    }

    #[test]
    fn a_corrupt_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        fs::write(dir.path().join("k.json"), b"{not json").unwrap();
        assert!(store.load("k").unwrap_err().contains("k.json"));
    }

    #[test]
    fn a_link_fifo_or_huge_file_in_place_of_a_position_is_refused_at_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        let elsewhere = dir.path().join("elsewhere.json");
        fs::write(&elsewhere, serde_json::to_vec(&saved(3)).unwrap()).unwrap();
        symlink(&elsewhere, dir.path().join("link.json")).unwrap();
        assert!(store.load("link").unwrap_err().contains("symbolic link"));
        symlink("/dev/zero", dir.path().join("device.json")).unwrap();
        assert!(store.load("device").unwrap_err().contains("symbolic link"));
        let fifo = dir.path().join("fifo.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        // Opened without waiting for a writer, and refused.
        assert!(
            store
                .load("fifo")
                .unwrap_err()
                .contains("not a regular file")
        );
        fs::write(dir.path().join("huge.json"), vec![b' '; 2_000_000]).unwrap();
        assert!(store.load("huge").unwrap_err().contains("too large"));
    }

    #[test]
    fn a_write_follows_no_planted_link_and_is_the_users_alone() {
        use std::os::unix::fs::{PermissionsExt as _, symlink};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("state"));
        fs::create_dir_all(dir.path().join("state")).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        // Links at the names an earlier version would have used.
        for name in [
            format!(".k.{}.tmp", std::process::id()),
            format!(".k.{}.0.tmp", std::process::id()),
        ] {
            symlink(&victim, dir.path().join("state").join(name)).unwrap();
        }
        store.save("k", &saved(4)).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(store.load("k").unwrap(), Some(saved(4)));
        let mode = fs::metadata(store.path("k")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn tidying_removes_stale_temporaries_and_the_oldest_positions() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        let aged = |name: &str, seconds_ago: u64| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            let when = std::time::SystemTime::now() - Duration::from_secs(seconds_ago);
            file.set_modified(when).unwrap();
            path
        };
        let stale = aged(".k.1.tmp", 3600);
        let fresh = aged(".k.2.tmp", 1);
        let positions: Vec<PathBuf> = (0..MAX_SAVED + 5)
            .map(|i| aged(&format!("{i:04}.json"), 10_000 - i as u64))
            .collect();
        store.tidy();
        assert!(!stale.exists() && fresh.exists());
        assert!(positions[..5].iter().all(|p| !p.exists()), "the oldest go");
        assert!(positions[5..].iter().all(|p| p.exists()));
    }

    #[test]
    fn content_key_depends_on_content_only() {
        let small = content_key("abc");
        assert_eq!(small, content_key("abc"));
        assert_ne!(small, content_key("abd"));
        let big = "x".repeat(5 * EDGE_BYTES);
        let mut changed = big.clone();
        changed.replace_range(big.len() - 10..big.len() - 9, "y");
        assert_ne!(content_key(&big), content_key(&changed));
    }
}
