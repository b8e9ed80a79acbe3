//! The ZIP containers of EPUB and DOCX, read with a cap on what they expand to.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{Format, FormatError};

/// What an archive may expand to: 20 times its size (but at least 16 MiB, for small files
/// of very repetitive XML), and never more than 1 GiB.
pub fn expansion_limit(compressed: usize) -> u64 {
    (compressed as u64)
        .saturating_mul(20)
        .clamp(16 << 20, 1 << 30)
}

/// An archive and what is left of its expansion allowance.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    allowance: u64,
    limit: u64,
    format: Format,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Archive<'a>, FormatError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| FormatError::Damaged(format, e.to_string()))?;
        let limit = expansion_limit(bytes.len());
        Ok(Archive {
            zip,
            allowance: limit,
            limit,
            format,
        })
    }

    /// The names of the entries.
    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(std::borrow::Cow::into_owned)
            .collect()
    }

    /// Entry `name` in full, counted against the allowance; `None` when there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, FormatError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let format = self.format;
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| FormatError::Damaged(format, e.to_string()))?;
        let mut bytes = Vec::new();
        // One byte past the allowance tells that it was exceeded; sizes in the headers can lie.
        (&mut entry)
            .take(self.allowance + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| FormatError::Damaged(format, e.to_string()))?;
        if bytes.len() as u64 > self.allowance {
            return Err(FormatError::TooLarge {
                limit_mb: self.limit >> 20,
            });
        }
        self.allowance -= bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// Entry `name` as text (invalid UTF-8 replaced).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, FormatError> {
        Ok(self
            .read(name)?
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// EPUB or DOCX, by the archive's entries; `None` for another archive or a damaged one.
pub fn kind(bytes: &[u8]) -> Option<Format> {
    let zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .collect();
    let has = |wanted: &str| names.iter().any(|name| name == wanted);
    if has("word/document.xml") {
        Some(Format::Docx)
    } else if has("META-INF/container.xml") || has("mimetype") {
        Some(Format::Epub)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, bytes) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn an_entry_past_the_allowance_is_refused() {
        let bomb = archive(&[("word/document.xml", &vec![b'a'; 40 << 20])]);
        assert!(bomb.len() < 1 << 20);
        assert_eq!(kind(&bomb), Some(Format::Docx));
        let mut zip = Archive::open(&bomb, Format::Docx).unwrap();
        assert_eq!(
            zip.read("word/document.xml"),
            Err(FormatError::TooLarge { limit_mb: 16 })
        );
    }

    #[test]
    fn small_entries_are_read() {
        let bytes = archive(&[("mimetype", b"application/epub+zip")]);
        let mut zip = Archive::open(&bytes, Format::Epub).unwrap();
        assert_eq!(
            zip.read("mimetype").unwrap().unwrap(),
            b"application/epub+zip"
        );
        assert_eq!(zip.read("other").unwrap(), None);
    }
}
