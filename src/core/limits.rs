//! How much pilcrow reads: every file it opens (document, catalogue, saved state) is read
//! with a cap, so that a device, an endless pipe or a huge file cannot exhaust memory.

use std::io::{self, Read};

/// The most of a document pilcrow reads by default; less when the machine has less memory
/// free (see `default_document_limit`). `--max-size` changes it.
pub const DOCUMENT_LIMIT: u64 = 4_000_000_000;

/// The most read from a pipe, FIFO or standard input by default, which may never end.
pub const STREAM_LIMIT: u64 = 256_000_000;

/// A catalogue larger than this is refused before it is parsed: one of this size already
/// names hundreds of thousands of topics.
pub const CATALOGUE_LIMIT: u64 = 32_000_000;

/// The most names (labels, aliases, terms) all the topics of a catalogue may have.
pub const CATALOGUE_NAMES_LIMIT: usize = 500_000;

/// A saved reading position is a few hundred bytes; anything larger is not one.
pub const STATE_LIMIT: u64 = 1_000_000;

/// What a capped read got.
#[derive(Debug)]
pub struct Capped {
    pub bytes: Vec<u8>,
    /// Whether the reader had more than the cap; `bytes` holds the cap's worth.
    pub stopped: bool,
}

/// Reads `reader` to its end or to `cap` bytes, whichever is first.
pub fn read_capped(reader: impl Read, cap: u64) -> io::Result<Capped> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    let stopped = bytes.len() > cap;
    if stopped {
        bytes.truncate(cap);
        bytes.shrink_to_fit();
    }
    Ok(Capped { bytes, stopped })
}

/// The default document limit: `DOCUMENT_LIMIT`, or half the memory the system says is
/// available if that is less (the reader holds about twice the text once it is indexed).
pub fn default_document_limit() -> u64 {
    available_memory().map_or(DOCUMENT_LIMIT, |free| DOCUMENT_LIMIT.min(free / 2))
}

/// `MemAvailable` of /proc/meminfo, in bytes, where there is one.
fn available_memory() -> Option<u64> {
    let mut meminfo = String::new();
    std::fs::File::open("/proc/meminfo")
        .and_then(|file| file.take(64 * 1024).read_to_string(&mut meminfo))
        .ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes.saturating_mul(1024))
}

/// A size for people: "512 MB", "4.2 GB", "900 bytes" (decimal units, as `ls -h --si`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, f64); 4] = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)];
    for (unit, size) in UNITS {
        let value = bytes as f64 / size;
        if value >= 1.0 {
            return if value >= 10.0 || value.fract() < 0.05 {
                format!("{value:.0} {unit}")
            } else {
                format!("{value:.1} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// A count with thousands separated: "1,000,000".
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut shown = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            shown.push(',');
        }
        shown.push(digit);
    }
    shown
}

/// Reads a size as `--max-size` takes it: a number of bytes with an optional unit, decimal
/// (k, M, G, T, or kB, MB, GB, TB) or binary (KiB, MiB, GiB, TiB).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 500M or 8G"))?;
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(format!(
                "{other:?} is not a unit of size (use k, M, G or T)"
            ));
        }
    };
    let bytes = number * scale;
    if !(1.0..1.8e19).contains(&bytes) {
        return Err(format!("{text:?} is not a size pilcrow can read"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn a_capped_read_stops_at_the_cap_and_says_so() {
        let endless = io::repeat(b'y');
        let capped = read_capped(endless, 1000).unwrap();
        assert_eq!(capped.bytes.len(), 1000);
        assert!(capped.stopped);
        let short = read_capped(&b"twelve bytes"[..], 12).unwrap();
        assert_eq!((short.bytes.len(), short.stopped), (12, false));
        let unbounded = read_capped(&b"x"[..], u64::MAX).unwrap();
        assert!(!unbounded.stopped);
    }

    #[rstest]
    #[case("500M", 500_000_000)]
    #[case("8G", 8_000_000_000)]
    #[case("4GiB", 4 << 30)]
    #[case("1.5 MB", 1_500_000)]
    #[case("123", 123)]
    #[case("64k", 64_000)]
    fn sizes_are_read_with_their_units(#[case] text: &str, #[case] bytes: u64) {
        assert_eq!(parse_size(text), Ok(bytes));
    }

    #[rstest]
    #[case("")]
    #[case("lots")]
    #[case("5 parsecs")]
    #[case("0")]
    #[case("99999999T")]
    fn nonsense_sizes_are_refused(#[case] text: &str) {
        assert!(parse_size(text).is_err(), "{text}");
    }

    #[rstest]
    #[case(0, "0")]
    #[case(999, "999")]
    #[case(1000, "1,000")]
    #[case(1_000_000, "1,000,000")]
    #[case(12_345_678, "12,345,678")]
    fn counts_have_their_thousands_separated(#[case] count: usize, #[case] shown: &str) {
        assert_eq!(thousands(count), shown);
    }

    #[rstest]
    #[case(900, "900 bytes")]
    #[case(512 << 20, "537 MB")]
    #[case(500_000_000, "500 MB")]
    #[case(4_200_000_000, "4.2 GB")]
    #[case(1_000_000, "1 MB")]
    fn sizes_are_shown_for_people(#[case] bytes: u64, #[case] shown: &str) {
        assert_eq!(human_size(bytes), shown);
    }
}
