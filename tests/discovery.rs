//! Discovery against the development set: real public-domain analyses (eight country
//! backgrounds from the World Factbook, two presidential messages on domestic policy, twelve
//! Congressional Research Service Insights and In Focus papers) with answer keys made by
//! reading them. Prints, per document and for the tuning and held-out parts apart, actor
//! precision, recall and paragraph overlap, and theme precision and recall; fails below actor
//! precision 0.85 or recall 0.80 overall. The held-out part was never looked at while rules
//! were tuned. `cargo test --test discovery -- --nocapture` shows the table.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use pilcrow::core::catalogue::Topic;
use pilcrow::core::discover::discover;
use pilcrow::core::document::{Document, Format, Source};
use pilcrow::core::index;
use rust_stemmers::{Algorithm, Stemmer};
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
    themes_right: usize,
    themes_panel: usize,
    key_themes_found: usize,
    key_themes: usize,
}

impl Scores {
    fn add(&mut self, other: &Scores) {
        self.true_positives += other.true_positives;
        self.panel += other.panel;
        self.recalled += other.recalled;
        self.recallable += other.recallable;
        self.overlap_sum += other.overlap_sum;
        self.overlap_count += other.overlap_count;
        self.themes_right += other.themes_right;
        self.themes_panel += other.themes_panel;
        self.key_themes_found += other.key_themes_found;
        self.key_themes += other.key_themes;
    }

    fn precision(&self) -> f64 {
        ratio(self.true_positives, self.panel)
    }

    fn recall(&self) -> f64 {
        ratio(self.recalled, self.recallable)
    }

    fn theme_precision(&self) -> f64 {
        ratio(self.themes_right, self.themes_panel)
    }

    fn theme_recall(&self) -> f64 {
        ratio(self.key_themes_found, self.key_themes)
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name:<40} {:>5.2} {:>5.2} {:>5.2}   {:>3}/{:<3} {:>3}/{:<3}   {:>5.2} {:>5.2}  {:>3}/{:<3} {:>3}/{:<3}",
            self.precision(),
            self.recall(),
            self.overlap_sum / self.overlap_count.max(1) as f64,
            self.true_positives,
            self.panel,
            self.recalled,
            self.recallable,
            self.theme_precision(),
            self.theme_recall(),
            self.themes_right,
            self.themes_panel,
            self.key_themes_found,
            self.key_themes,
        )
    }
}

/// Scores one text; `details` adds what was wrong, missed and found, which only the tuning
/// part shows: rules are tuned on what the report shows, and the held-out part must not be.
fn evaluate(name: &str, report: &mut String, details: bool) -> Scores {
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
    // A key actor's label names it too ("United Kingdom" where the text writes "United
    // Kingdom of Great Britain and Northern Ireland").
    let owner: HashMap<&str, usize> = key
        .actor
        .iter()
        .enumerate()
        .flat_map(|(at, a)| {
            std::iter::once(a.label.as_str())
                .chain(a.forms.iter().map(String::as_str))
                .map(move |f| (f, at))
        })
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
    let themes = score_themes(&key, &topics, &mut scores);
    let _ = writeln!(report, "{}", scores.row(name));
    if !details {
        return scores;
    }
    if !wrong.is_empty() {
        let _ = writeln!(report, "    not in the key: {}", wrong.join("; "));
    }
    if !missed.is_empty() {
        let _ = writeln!(report, "    missed: {}", missed.join("; "));
    }
    let _ = writeln!(report, "    themes: {}", themes.shown.join("; "));
    if !themes.missed.is_empty() {
        let _ = writeln!(
            report,
            "    key themes not found: {}",
            themes.missed.join("; ")
        );
    }
    scores
}

struct ThemeReport {
    /// Each discovered theme's label, marked `✗` when it names no theme of the key.
    shown: Vec<String>,
    missed: Vec<String>,
}

/// A phrase as the stems of its words, lower case: "Nuclear weapons" and "nuclear weapon"
/// are one phrase.
fn stems(stemmer: &Stemmer, phrase: &str) -> Vec<String> {
    phrase
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .filter(|w| !w.is_empty())
        .map(|w| stemmer.stem(w).into_owned())
        .collect()
}

fn contains_run(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

/// Whether a discovered theme's label names a key term: the same words (up to their stems),
/// a longer phrase holding the term ("nuclear weapons program" for "nuclear weapons"), or a
/// phrase of two or more words inside the term. A lone word counts only where the key lists
/// that word itself, so "force" does not pass for "use of force".
fn names_term(label: &[String], term: &[String]) -> bool {
    label == term || contains_run(label, term) || (label.len() >= 2 && contains_run(term, label))
}

/// Theme precision (discovered themes that name a key theme) and recall (key themes that a
/// discovered theme names), added to `scores`.
fn score_themes(key: &Key, topics: &[Topic], scores: &mut Scores) -> ThemeReport {
    let stemmer = Stemmer::create(Algorithm::English);
    let key_terms: Vec<Vec<Vec<String>>> = key
        .theme
        .iter()
        .map(|t| t.terms.iter().map(|term| stems(&stemmer, term)).collect())
        .collect();
    let mut found = vec![false; key.theme.len()];
    let mut shown = Vec::new();
    for topic in topics.iter().filter(|t| !t.group.is_actor()) {
        let label = stems(&stemmer, &topic.label);
        let mut right = false;
        for (at, terms) in key_terms.iter().enumerate() {
            if terms.iter().any(|term| names_term(&label, term)) {
                found[at] = true;
                right = true;
            }
        }
        scores.themes_panel += 1;
        if right {
            scores.themes_right += 1;
            shown.push(topic.label.clone());
        } else {
            shown.push(format!("✗ {}", topic.label));
        }
    }
    scores.key_themes += key.theme.len();
    scores.key_themes_found += found.iter().filter(|&&f| f).count();
    let missed = key
        .theme
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(t, _)| t.label.clone())
        .collect();
    ThemeReport { shown, missed }
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

/// Texts whose misses were read while discovery's rules were tuned.
const TUNING: &[&str] = &[
    "yemen",
    "mali",
    "north-korea",
    "european-union",
    "syria",
    "ukraine",
    "saudi-arabia",
    "dr-congo",
    "crs-if11175-us-mexico-trade",
    "crs-if11783-biometrics",
    "crs-if12608-seabed-mining",
    "crs-if12610-space-force",
    "crs-if13204-china-five-year-plan",
    "crs-in12516-nih-indirect-costs",
    "crs-in12669-pentagon-anthropic",
    "crs-in12679-supreme-court-appointments",
];

/// Texts kept out of tuning: their scores are the honest ones. The CRS third was chosen by
/// report number before discovery ever ran on them (every third of the twelve, in order).
const HELD_OUT: &[&str] = &[
    "wilson-1916-railways",
    "nixon-1973-crime",
    "crs-if12106-iran-nuclear",
    "crs-if12672-russia-nuclear",
    "crs-in12614-copper-tariffs",
    "crs-in12682-kings-and-queens",
];

#[test]
fn discovery_meets_precision_and_recall_on_the_development_set() {
    let mut report = format!(
        "{:<40} prec.  rec. ¶-overlap  right/panel found/key(≥2)  th.prec th.rec  right/panel found/key\n",
        "document"
    );
    let mut parts = Vec::new();
    let mut total = Scores::default();
    for (part, names) in [("tuning", TUNING), ("held out", HELD_OUT)] {
        let _ = writeln!(report, "-- {part}");
        let mut sum = Scores::default();
        for name in names {
            sum.add(&evaluate(name, &mut report, part == "tuning"));
        }
        total.add(&sum);
        parts.push((part, sum));
    }
    let _ = writeln!(report, "--");
    for (part, sum) in &parts {
        let _ = writeln!(report, "{}", sum.row(part));
    }
    let _ = writeln!(report, "{}", total.row("overall"));
    println!("{report}");
    let (precision, recall) = (total.precision(), total.recall());
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "precision {precision:.2} (at least {MIN_PRECISION}), recall {recall:.2} (at least {MIN_RECALL})\n{report}"
    );
}
