//! Building large catalogues: 100,000 actors, and theme catalogues of 1, 2 and 4 MB, read
//! and compiled into the matcher (target: 100k actors in under a second). The names are
//! generated: no real catalogue of that size exists to measure.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pilcrow::core::catalogue::Catalogue;
use pilcrow::core::index::Matcher;

/// A word of `letters` letters from a simple generator, so that every run builds the same.
fn word(state: &mut u64, letters: usize) -> String {
    (0..letters)
        .map(|_| {
            *state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            char::from(b'a' + ((*state >> 33) % 26) as u8)
        })
        .collect()
}

fn capitalised(state: &mut u64) -> String {
    let mut name = word(state, 8);
    name[..1].make_ascii_uppercase();
    name
}

fn actors(count: usize) -> String {
    let mut state = 1;
    let mut text = String::new();
    for i in 0..count {
        let (first, last) = (capitalised(&mut state), capitalised(&mut state));
        let _ = write!(
            text,
            "[[actor]]\nid = \"a{i}\"\nlabel = \"{first} {last}\"\nkind = \"person\"\n\n"
        );
    }
    text
}

fn themes(bytes: usize) -> String {
    let mut state = 2;
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        let terms = [
            word(&mut state, 8),
            word(&mut state, 8),
            word(&mut state, 8),
        ];
        let _ = write!(
            text,
            "[[theme]]\nid = \"t{i}\"\nlabel = \"T{i}\"\nterms = [\"{}\", \"{} {}\"]\n\n",
            terms[0], terms[1], terms[2]
        );
        i += 1;
    }
    text
}

fn build(text: &str) -> Matcher {
    let catalogue = Catalogue::parse(text, "bench.toml").expect("the catalogue parses");
    Matcher::new(&catalogue.topics)
}

fn catalogue_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalogue");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let hundred_thousand = actors(100_000);
    group.bench_function("actors_100k", |b| {
        b.iter(|| build(black_box(&hundred_thousand)));
    });
    for megabytes in [1, 2, 4] {
        let text = themes(megabytes * 1_000_000);
        group.bench_function(format!("themes_{megabytes}mb"), |b| {
            b.iter(|| build(black_box(&text)));
        });
    }
    group.finish();
}

criterion_group!(benches, catalogue_benches);
criterion_main!(benches);
