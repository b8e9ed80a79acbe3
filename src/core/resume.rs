//! Reading positions remembered between sessions, per document content, written atomically.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::document::Document;

/// Bytes hashed from each end, and from each of the evenly spaced samples in between.
const EDGE_BYTES: usize = 1 << 20;
const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLES: usize = 16;

/// Where the reader was: a paragraph, a byte offset inside it, and the selected topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub paragraph: usize,
    pub offset_in_paragraph: usize,
    pub topic: Option<String>,
}

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
    /// never to stop for.
    pub fn load(&self, key: &str) -> Result<Option<Saved>, String> {
        let path = self.path(key);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn save(&self, key: &str, saved: &Saved) -> io::Result<()> {
        self.write(key, saved, false)
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
        fs::create_dir_all(&self.dir)?;
        let target = self.path(key);
        let temporary = self.dir.join(format!(".{key}.{}.tmp", std::process::id()));
        let mut file = File::create(&temporary)?;
        file.write_all(&serde_json::to_vec(saved).map_err(io::Error::other)?)?;
        file.sync_all()?;
        drop(file);
        if crash_before_rename {
            return Err(io::Error::other("simulated crash before rename"));
        }
        fs::rename(&temporary, &target)?;
        sync_dir(&self.dir);
        Ok(())
    }
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
        }
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
