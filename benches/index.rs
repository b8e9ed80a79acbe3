//! Index throughput: the bundled commentary, the real book repeated to 100 MB, and a generated
//! text of 100 MB, in MB/s.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pilcrow::core::bundled;
use pilcrow::core::document::{Document, Format, Source};
use pilcrow::core::index;
use pilcrow::core::synth;

const BIG_BYTES: usize = 100_000_000;

fn index_benches(c: &mut Criterion) {
    let catalogue = bundled::catalogue().expect("bundled catalogue parses");
    let mut group = c.benchmark_group("index");

    let commentary = bundled::document();
    group.throughput(Throughput::Bytes(commentary.text().len() as u64));
    group.bench_function("commentary", |b| {
        b.iter(|| index::build(black_box(&commentary), &catalogue.topics));
    });
    // The same without compiling the automaton, which a reader does once per catalogue.
    let matcher = index::Matcher::new(&catalogue.topics);
    group.bench_function("commentary_compiled", |b| {
        b.iter(|| matcher.index(black_box(&commentary)));
    });

    // The real book as Project Gutenberg distributes it, repeated to about 100 MB.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/swanns-way.txt");
    let once = std::fs::read(&path).expect("the book in ../shared/corpus");
    let book = Document::from_bytes(
        once.repeat(BIG_BYTES.div_ceil(once.len())),
        Source::Bundled,
        Format::Plain,
        false,
    )
    .expect("the book decodes");
    group.throughput(Throughput::Bytes(book.text().len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("book_100MB", |b| {
        b.iter(|| index::build(black_box(&book), &catalogue.topics));
    });
    drop(book);

    let big = Document::from_str(&synth::prose(BIG_BYTES, 1), Source::Bundled, Format::Plain);
    group.throughput(Throughput::Bytes(big.text().len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("generated_100MB", |b| {
        b.iter(|| index::build(black_box(&big), &catalogue.topics));
    });
    // Search at scale: the first hit from the top (what the reader shows at once), and a
    // word that is not there at all (the whole text read before "not found").
    group.bench_function("search_first_hit_100MB", |b| {
        b.iter(|| pilcrow::core::search::find_next(black_box(&big), "Seoul", 0));
    });
    group.bench_function("search_absent_100MB", |b| {
        b.iter(|| pilcrow::core::search::find_next(black_box(&big), "zanzibar", 0));
    });
    let raw = big.text().to_string();
    group.bench_function("split_100MB", |b| {
        b.iter(|| Document::from_str(black_box(&raw), Source::Bundled, Format::Plain));
    });
    group.finish();
}

criterion_group!(benches, index_benches);
criterion_main!(benches);
