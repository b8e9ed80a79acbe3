//! Discovery time: per document of the development set and the bundled commentary (counted
//! per 1,000 words), on the real book repeated to 10 MB, on generated 1 and 3 MB texts (to
//! show it grows with the text), and the one-off cost of compiling the gazetteer.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pilcrow::core::bundled;
use pilcrow::core::discover::discover;
use pilcrow::core::document::{Document, Format, Source};
use pilcrow::core::gazetteer::{Gazetteer, gazetteer};
use pilcrow::core::synth;

fn words(document: &Document) -> u64 {
    document.text().split_whitespace().count() as u64
}

/// `../shared/corpus/swanns-way.txt` repeated to at least `bytes`, decoded as a file is.
fn real_book(bytes: usize) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/swanns-way.txt");
    let once = std::fs::read(&path).expect("the book in ../shared/corpus");
    let copies = bytes.div_ceil(once.len());
    Document::from_bytes(once.repeat(copies), Source::Bundled, Format::Plain, false)
        .expect("the book decodes")
}

fn discover_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("discover");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("gazetteer_build", |b| b.iter(Gazetteer::build));
    // Every other run shares the compiled gazetteer, as a reader does after its first text.
    let _ = gazetteer();

    let mut texts = vec![("commentary".to_string(), bundled::document())];
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/discovery");
    for name in ["yemen", "north-korea", "european-union", "dr-congo"] {
        let text = std::fs::read_to_string(dev.join(format!("{name}.txt"))).expect("dev text");
        texts.push((
            name.to_string(),
            Document::from_str(&text, Source::Bundled, Format::Plain),
        ));
    }
    for (name, document) in &texts {
        group.throughput(Throughput::Elements(words(document)));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| discover(black_box(document), &[]));
        });
    }

    // The real book as Project Gutenberg distributes it (CRLF, hard-wrapped, name-dense),
    // repeated to about 10 MB: both cores are used from 8 MB on.
    let book = real_book(10_000_000);
    group.throughput(Throughput::Elements(words(&book)));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("book_10MB", |b| {
        b.iter(|| discover(black_box(&book), &[]));
    });

    for megabytes in [1, 3] {
        let text = synth::prose(megabytes * 1_000_000, 7);
        let document = Document::from_str(&text, Source::Bundled, Format::Plain);
        group.throughput(Throughput::Elements(words(&document)));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(10));
        group.bench_function(format!("generated_{megabytes}MB"), |b| {
            b.iter(|| discover(black_box(&document), &[]));
        });
    }
    group.finish();
}

criterion_group!(benches, discover_benches);
criterion_main!(benches);
