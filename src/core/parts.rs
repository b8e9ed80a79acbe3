//! Work on a large text split across the machine's cores at paragraph boundaries.

use std::ops::Range;

use crate::core::document::Document;

/// Runs `work` on ranges of paragraphs that together cover `document`: one range for a text
/// under `min_bytes`, else one per core. Results come in document order; a part whose
/// worker panicked is an `Err`, for the caller to drop or to raise.
pub fn in_parallel<T: Send>(
    document: &Document,
    min_bytes: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<std::thread::Result<T>> {
    let paragraphs = document.paragraphs();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let parts = cores
        .min(document.text().len() / min_bytes.max(1) + 1)
        .max(1);
    if parts == 1 {
        return vec![Ok(work(0..paragraphs.len()))];
    }
    let per_part = document.text().len() / parts + 1;
    let mut bounds = vec![0];
    for part in 1..parts {
        let at = paragraphs.partition_point(|p| p.start < part * per_part);
        if at > *bounds.last().unwrap_or(&0) {
            bounds.push(at);
        }
    }
    bounds.push(paragraphs.len());
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = bounds
            .windows(2)
            .map(|pair| {
                let range = pair[0]..pair[1];
                scope.spawn(move || work(range))
            })
            .collect();
        workers
            .into_iter()
            .map(std::thread::ScopedJoinHandle::join)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Source};

    #[test]
    fn the_parts_cover_every_paragraph_once_in_order() {
        let text = "word ".repeat(40) + "\n\n";
        let document = Document::from_str(&text.repeat(5000), Source::Bundled, Format::Plain);
        for min_bytes in [1, 1000, usize::MAX] {
            let ranges: Vec<Range<usize>> = in_parallel(&document, min_bytes, |range| range)
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(
                ranges.last().map(|r| r.end),
                Some(document.paragraph_count())
            );
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
        }
    }
}
