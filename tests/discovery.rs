//! Discovery against the development set: real public-domain analyses (eight country
//! backgrounds from the World Factbook, two presidential messages on domestic policy) with
//! answer keys made by reading them. Prints per-document precision, recall and paragraph overlap of actors;
//! fails below precision 0.85 or recall 0.80 overall.
//! `cargo test --test discovery -- --nocapture` shows the table.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use pilcrow::core::catalogue::Topic;
use pilcrow::core::discover::discover;
use pilcrow::core::document::{Document, Format, Source};
use pilcrow::core::index;
use serde::Deserialize;

const MIN_PRECISION: f64 = 0.85;
const MIN_RECALL: f64 = 0.80;

#[derive(Deserialize)]
struct Key {
    #[allow(dead_code)]
    source: HashMap<String, String>,
    actor: Vec<KeyActor>,
    #[serde(default)]
    theme: Vec<KeyTheme>,
}

#[derive(Deserialize)]
struct KeyActor {
    label: String,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct KeyTheme {
    label: String,
    terms: Vec<String>,
}

fn is_word_byte(text: &str, at: usize, before: bool) -> bool {
    let c = if before {
        text[..at].chars().next_back()
    } else {
        text[at..].chars().next()
    };
    c.is_some_and(char::is_alphanumeric)
}

/// Where the key's forms occur: (actor, paragraph) per mention, longest form first, as
/// written, whole words.
fn key_mentions(document: &Document, key: &Key) -> Vec<(usize, usize)> {
    let text = document.text();
    let mut forms: Vec<(&str, usize)> = key
        .actor
        .iter()
        .enumerate()
        .flat_map(|(at, a)| a.forms.iter().map(move |f| (f.as_str(), at)))
        .collect();
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut found = Vec::new();
    for (form, actor) in forms {
        let mut from = 0;
        while let Some(at) = text[from..].find(form).map(|i| i + from) {
            let end = at + form.len();
            from = at + form.len().max(1);
            if is_word_byte(text, at, true) || is_word_byte(text, end, false) {
                continue;
            }
            if taken.iter().any(|&(s, e)| s < end && at < e) {
                continue;
            }
            taken.push((at, end));
            found.push((
                actor,
                document
                    .paragraph_at(at)
                    .map_or(0, pilcrow::core::ids::ParagraphId::index),
            ));
        }
    }
    found
}

/// The name in a mention: without a possessive, and without a title before it ("King
/// Salman" names Salman).
fn name_in(text: &str) -> &str {
    const TITLES: &[&str] = &[
        "King ",
        "Queen ",
        "President ",
        "Prime Minister ",
        "Crown Prince ",
        "Deputy ",
        "Colonel ",
        "Col. ",
        "Gen. ",
        "General ",
    ];
    let mut text = text
        .strip_suffix("'s")
        .or_else(|| text.strip_suffix("\u{2019}s"))
        .unwrap_or(text);
    while let Some(rest) = TITLES.iter().find_map(|t| text.strip_prefix(t)) {
        text = rest;
    }
    text
}

#[derive(Default)]
struct Scores {
    true_positives: usize,
    panel: usize,
    recalled: usize,
    recallable: usize,
    overlap_sum: f64,
    overlap_count: usize,
}

fn evaluate(name: &str, report: &mut String) -> Scores {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/discovery");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    let key: Key =
        toml::from_str(&std::fs::read_to_string(dir.join(format!("{name}.key.toml"))).unwrap())
            .unwrap_or_else(|e| panic!("{name}.key.toml: {e}"));
    let document = Document::from_str(&text, Source::Path(name.into()), Format::Plain);
    let topics: Vec<Topic> = discover(&document, &[]);
    let found = index::build(&document, &topics);

    let mut key_paragraphs: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); key.actor.len()];
    let mut key_counts = vec![0usize; key.actor.len()];
    for (actor, paragraph) in key_mentions(&document, &key) {
        key_paragraphs[actor].insert(paragraph);
        key_counts[actor] += 1;
    }
    let owner: HashMap<&str, usize> = key
        .actor
        .iter()
        .enumerate()
        .flat_map(|(at, a)| a.forms.iter().map(move |f| (f.as_str(), at)))
        .collect();

    let mut matched = vec![false; key.actor.len()];
    let mut scores = Scores::default();
    let mut wrong = Vec::new();
    for (topic, (_, mentions)) in topics.iter().zip(found.iter()) {
        if !topic.group.is_actor() || mentions.mentions.is_empty() {
            continue;
        }
        scores.panel += 1;
        match key_actor_of(topic, &mentions.mentions, &document, &owner) {
            Some(actor) if !matched[actor] => {
                matched[actor] = true;
                scores.true_positives += 1;
                let panel: BTreeSet<usize> =
                    mentions.paragraphs.iter().map(|p| p.index()).collect();
                let union = panel.union(&key_paragraphs[actor]).count();
                let common = panel.intersection(&key_paragraphs[actor]).count();
                if union > 0 {
                    scores.overlap_sum += common as f64 / union as f64;
                    scores.overlap_count += 1;
                }
            }
            Some(actor) => wrong.push(format!(
                "{} (again {})",
                topic.label, key.actor[actor].label
            )),
            None => wrong.push(topic.label.clone()),
        }
    }
    let mut missed = Vec::new();
    for (at, actor) in key.actor.iter().enumerate() {
        if key_counts[at] >= 2 {
            scores.recallable += 1;
            if matched[at] {
                scores.recalled += 1;
            } else {
                missed.push(actor.label.clone());
            }
        }
    }
    let (themes, themes_missed) = theme_summary(&key, &topics);
    let _ = writeln!(
        report,
        "{name:<16} {:>5.2} {:>5.2} {:>5.2}   {:>2}/{:<2} {:>2}/{:<2}  themes {}/{} of key",
        ratio(scores.true_positives, scores.panel),
        ratio(scores.recalled, scores.recallable),
        scores.overlap_sum / scores.overlap_count.max(1) as f64,
        scores.true_positives,
        scores.panel,
        scores.recalled,
        scores.recallable,
        key.theme.len() - themes_missed.len(),
        key.theme.len(),
    );
    if !wrong.is_empty() {
        let _ = writeln!(report, "    not in the key: {}", wrong.join("; "));
    }
    if !missed.is_empty() {
        let _ = writeln!(report, "    missed: {}", missed.join("; "));
    }
    let _ = writeln!(report, "    themes: {}", themes.join("; "));
    if !themes_missed.is_empty() {
        let _ = writeln!(
            report,
            "    key themes not touched: {}",
            themes_missed.join("; ")
        );
    }
    scores
}

/// The discovered themes' labels, and the key's themes that none of them touches.
fn theme_summary(key: &Key, topics: &[Topic]) -> (Vec<String>, Vec<String>) {
    let themes: Vec<&Topic> = topics.iter().filter(|t| !t.group.is_actor()).collect();
    let missed = key
        .theme
        .iter()
        .filter(|theme| {
            !themes.iter().any(|t| {
                t.patterns.iter().any(|p| {
                    theme
                        .terms
                        .iter()
                        .any(|term| term.to_lowercase().contains(&p.text.to_lowercase()))
                })
            })
        })
        .map(|theme| theme.label.clone())
        .collect();
    (themes.iter().map(|t| t.label.clone()).collect(), missed)
}

/// The key's actor that most of a panel actor's mentions name, else the one its label names.
fn key_actor_of(
    topic: &Topic,
    mentions: &[pilcrow::core::index::Mention],
    document: &Document,
    owner: &HashMap<&str, usize>,
) -> Option<usize> {
    let mut votes: HashMap<usize, usize> = HashMap::new();
    for m in mentions {
        let said = name_in(&document.text()[m.start..m.end()]);
        if let Some(&actor) = owner.get(said) {
            *votes.entry(actor).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|&(actor, n)| (n, std::cmp::Reverse(actor)))
        .map(|(actor, _)| actor)
        .or_else(|| owner.get(topic.label.as_str()).copied())
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn discovery_meets_precision_and_recall_on_the_development_set() {
    let names = [
        "yemen",
        "mali",
        "north-korea",
        "european-union",
        "syria",
        "ukraine",
        "saudi-arabia",
        "dr-congo",
        "wilson-1916-railways",
        "nixon-1973-crime",
    ];
    let mut report =
        String::from("document         prec.  rec. ¶-overlap  right/panel  found/key(≥2)\n");
    let mut total = Scores::default();
    for name in names {
        let s = evaluate(name, &mut report);
        total.true_positives += s.true_positives;
        total.panel += s.panel;
        total.recalled += s.recalled;
        total.recallable += s.recallable;
        total.overlap_sum += s.overlap_sum;
        total.overlap_count += s.overlap_count;
    }
    let precision = ratio(total.true_positives, total.panel);
    let recall = ratio(total.recalled, total.recallable);
    let _ = writeln!(
        report,
        "{:<16} {precision:>5.2} {recall:>5.2} {:>5.2}   {}/{} {}/{}",
        "overall",
        total.overlap_sum / total.overlap_count.max(1) as f64,
        total.true_positives,
        total.panel,
        total.recalled,
        total.recallable
    );
    println!("{report}");
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "precision {precision:.2} (at least {MIN_PRECISION}), recall {recall:.2} (at least {MIN_RECALL})\n{report}"
    );
}
