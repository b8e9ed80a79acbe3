//! Files pilcrow writes for the user (catalogues, notes): whole or not at all.

use std::io::{self, Write as _};
use std::path::Path;

/// Writes `bytes` to a temporary file beside `path`, synced, then renamed over it, so that a
/// reader of `path` (or a crash) never sees half of it. The folder is made if missing.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Whether a file can be made in `dir` (tried, not guessed from permission bits).
pub fn writable(dir: &Path) -> bool {
    tempfile::NamedTempFile::new_in(dir).is_ok()
}
