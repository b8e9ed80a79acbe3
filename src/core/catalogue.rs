//! Topic catalogues: the actors and themes of a document and the words that name them (TOML).

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use crate::core::fold::fold;
use crate::core::limits::{CATALOGUE_LIMIT, CATALOGUE_NAMES_LIMIT, human_size, read_capped};

/// Longer names are refused: mentions record their length in 16 bits, and no real name
/// comes near this.
const MAX_PATTERN_BYTES: usize = 1024;

/// Aliases of at most this many letters, all capitals, match only in capitals ("US", "DPRK").
const EXACT_CASE_MAX_LETTERS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    State,
    #[serde(alias = "organization")]
    Organisation,
    Group,
    Place,
    Other,
}

impl ActorKind {
    /// Every kind, in the order they are listed and stepped through.
    pub const ALL: [ActorKind; 6] = [
        ActorKind::Person,
        ActorKind::State,
        ActorKind::Organisation,
        ActorKind::Group,
        ActorKind::Place,
        ActorKind::Other,
    ];

    /// A name short enough for the topic panel.
    pub fn short_name(self) -> &'static str {
        match self {
            ActorKind::Organisation => "org",
            other => other.as_str(),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
            ActorKind::Group => "group",
            ActorKind::Place => "place",
            ActorKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Actor(ActorKind),
    Theme,
}

impl Group {
    pub fn is_actor(self) -> bool {
        matches!(self, Group::Actor(_))
    }

    /// "actor" or "theme", as the JSON output names the group.
    pub fn name(self) -> &'static str {
        match self {
            Group::Actor(_) => "actor",
            Group::Theme => "theme",
        }
    }

    /// The actor's kind, or "theme".
    pub fn kind_name(self) -> &'static str {
        match self {
            Group::Actor(kind) => kind.as_str(),
            Group::Theme => "theme",
        }
    }
}

/// Whether a topic was written in a catalogue or found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Catalogue,
    Discovered,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Catalogue => "catalogue",
            Origin::Discovered => "discovered",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    Exact,
    Insensitive,
    /// Any capitals, as long as the first letter is one: "Turkey", not "turkey".
    Proper,
}

/// What role a pattern plays for its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternSort {
    Alias,
    /// A place standing for the actor ("Moscow" for Russia).
    Metonym,
    /// "North Korean", and its generated plural.
    Demonym,
    /// An ambiguous short form ("Kim") resolved among the actors that share it.
    Short,
    /// A longer phrase that blocks the actor's patterns ("Washington Post").
    Exclude,
    /// A theme word matched on its stem.
    Term,
    /// A theme phrase matched as written.
    Phrase,
}

impl PatternSort {
    pub fn as_str(self) -> &'static str {
        match self {
            PatternSort::Alias => "alias",
            PatternSort::Metonym => "metonym",
            PatternSort::Demonym => "demonym",
            PatternSort::Short => "short form",
            PatternSort::Exclude => "exclude",
            PatternSort::Term => "term",
            PatternSort::Phrase => "phrase",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub text: String,
    pub sort: PatternSort,
    pub case: Case,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub group: Group,
    pub origin: Origin,
    pub patterns: Vec<Pattern>,
}

impl Topic {
    /// Its label and its aliases: the names that are the topic itself.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.label.as_str()).chain(
            self.patterns
                .iter()
                .filter(|p| p.sort == PatternSort::Alias)
                .map(|p| p.text.as_str()),
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    pub metadata: Metadata,
    pub topics: Vec<Topic>,
    /// Names discovery must not offer (`[discovery] hide`): entries the reader hid.
    pub hidden: Vec<String>,
}

/// Whether a discovered topic is one the catalogue hides: its label or one of its names is a
/// hidden name, in any case.
pub fn is_hidden(hidden: &[String], topic: &Topic) -> bool {
    !hidden.is_empty()
        && topic.names().any(|name| {
            hidden
                .iter()
                .any(|h| h.to_lowercase() == name.to_lowercase())
        })
}

/// A catalogue problem located in its file; line 0 for one of the whole file (missing,
/// unreadable, too large), which has no position.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{}", self.shown())]
pub struct CatalogueError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// An alias as written: a plain string, or a table that sets its case rule.
#[derive(Debug, Clone)]
struct AliasSpec {
    text: String,
    case: Option<Case>,
}

impl<'de> Deserialize<'de> for AliasSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AliasVisitor;
        impl<'de> Visitor<'de> for AliasVisitor {
            type Value = AliasSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a string, or a table { text = \"…\", case = \"exact\" | \"insensitive\" | \"proper\" }",
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<AliasSpec, E> {
                Ok(AliasSpec {
                    text: text.to_string(),
                    case: None,
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<AliasSpec, M::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Detailed {
                    text: String,
                    case: Option<Case>,
                }
                let detailed = Detailed::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(AliasSpec {
                    text: detailed.text,
                    case: detailed.case,
                })
            }
        }
        deserializer.deserialize_any(AliasVisitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    #[serde(default)]
    document: Metadata,
    #[serde(default, rename = "actor")]
    actors: Vec<RawActor>,
    #[serde(default, rename = "theme")]
    themes: Vec<RawTheme>,
    #[serde(default)]
    discovery: RawDiscovery,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDiscovery {
    #[serde(default)]
    hide: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Spanned<String>,
    label: String,
    #[serde(default = "other_kind")]
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<Spanned<AliasSpec>>,
    #[serde(default)]
    metonyms: Vec<Spanned<AliasSpec>>,
    #[serde(default)]
    demonyms: Vec<Spanned<AliasSpec>>,
    #[serde(default)]
    exclude: Vec<Spanned<AliasSpec>>,
    #[serde(default)]
    short: Vec<Spanned<AliasSpec>>,
}

fn other_kind() -> ActorKind {
    ActorKind::Other
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    terms: Vec<Spanned<AliasSpec>>,
    #[serde(default)]
    phrases: Vec<Spanned<AliasSpec>>,
}

/// Short all-capital aliases default to exact case: "us" is not the United States.
pub fn default_case(text: &str) -> Case {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2
        && letters.len() <= EXACT_CASE_MAX_LETTERS
        && letters.iter().all(|c| c.is_uppercase())
    {
        Case::Exact
    } else {
        Case::Insensitive
    }
}

/// "North Korean" → "North Koreans"; "Chinese", "British", "Swiss" stay as they are.
pub fn demonym_plural(demonym: &str) -> Option<String> {
    let lower = demonym.to_lowercase();
    let unchanged = ["ese", "sh", "ch", "ss", "s", "i"];
    if unchanged.iter().any(|end| lower.ends_with(end)) {
        return None;
    }
    if let Some(stem) = demonym.strip_suffix("man") {
        return Some(format!("{stem}men"));
    }
    Some(format!("{demonym}s"))
}

impl Catalogue {
    /// Reads and validates a catalogue file.
    pub fn load(path: &Path) -> Result<Catalogue, CatalogueError> {
        let shown = path.display().to_string();
        let located = |message: String| CatalogueError {
            path: shown.clone(),
            line: 0,
            column: 0,
            message,
        };
        let unreadable = |error: std::io::Error| {
            located(match error.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => format!("cannot read: {error}"),
            })
        };
        let kind = std::fs::metadata(path).map_err(unreadable)?.file_type();
        if kind.is_dir() {
            return Err(located("is a directory, not a catalogue file".into()));
        }
        if !kind.is_file() && !kind.is_fifo() {
            return Err(located("is a device, not a catalogue file".into()));
        }
        let capped = std::fs::File::open(path)
            .and_then(|file| read_capped(file, CATALOGUE_LIMIT))
            .map_err(unreadable)?;
        if capped.stopped {
            return Err(located(format!(
                "is larger than {}, more than a catalogue may be",
                human_size(CATALOGUE_LIMIT)
            )));
        }
        let bytes = capped.bytes;
        let text = String::from_utf8(bytes).map_err(|error| {
            CatalogueError::at(
                &shown,
                &[],
                error.utf8_error().valid_up_to(),
                "not valid UTF-8",
            )
        })?;
        Catalogue::parse(&text, &shown)
    }

    /// Parses catalogue text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Catalogue, CatalogueError> {
        let raw: RawCatalogue = toml::from_str(text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            CatalogueError::at(path, text.as_bytes(), offset, error.message().trim())
        })?;
        let mut builder = Builder {
            path,
            text,
            ids: HashSet::new(),
            claims: HashMap::new(),
            names: 0,
        };
        let mut topics = Vec::new();
        for actor in raw.actors {
            topics.push(builder.actor(actor)?);
        }
        for theme in raw.themes {
            topics.push(builder.theme(theme)?);
        }
        Ok(Catalogue {
            metadata: raw.document,
            topics,
            hidden: raw.discovery.hide,
        })
    }
}

impl CatalogueError {
    fn shown(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.path, self.message)
        } else {
            format!(
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        }
    }

    fn at(path: &str, text: &[u8], offset: usize, message: &str) -> CatalogueError {
        let before = &text[..offset.min(text.len())];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        CatalogueError {
            path: path.to_string(),
            line,
            column,
            message: message.replace('\n', " "),
        }
    }
}

/// "an alias", "a term": the word with its indefinite article.
fn with_article(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

/// Turns raw entries into topics while checking ids and alias claims across the file.
struct Builder<'a> {
    path: &'a str,
    text: &'a str,
    ids: HashSet<String>,
    /// Folded, lower-cased alias → the actor id that claimed it first.
    claims: HashMap<String, String>,
    /// Names (labels, aliases, terms) of the entries so far.
    names: usize,
}

impl Builder<'_> {
    fn error(&self, offset: usize, message: &str) -> CatalogueError {
        CatalogueError::at(self.path, self.text.as_bytes(), offset, message)
    }

    fn id(&mut self, id: &Spanned<String>) -> Result<String, CatalogueError> {
        let value = id.get_ref().trim();
        if value.is_empty() {
            return Err(self.error(id.span().start, "empty id"));
        }
        if !self.ids.insert(value.to_string()) {
            return Err(self.error(id.span().start, &format!("duplicate id \"{value}\"")));
        }
        Ok(value.to_string())
    }

    fn pattern(
        &self,
        spec: &Spanned<AliasSpec>,
        sort: PatternSort,
    ) -> Result<Pattern, CatalogueError> {
        let text = spec.get_ref().text.trim();
        if fold(text).is_empty() {
            return Err(self.error(spec.span().start, &format!("empty {}", sort.as_str())));
        }
        if text.len() > MAX_PATTERN_BYTES {
            return Err(self.error(
                spec.span().start,
                &format!(
                    "{} longer than {MAX_PATTERN_BYTES} bytes",
                    with_article(sort.as_str())
                ),
            ));
        }
        if text.contains('\n') {
            return Err(self.error(
                spec.span().start,
                &format!("{} cannot span lines", with_article(sort.as_str())),
            ));
        }
        Ok(Pattern {
            text: text.to_string(),
            sort,
            case: spec.get_ref().case.unwrap_or_else(|| default_case(text)),
        })
    }

    fn claim(&mut self, spec: &Spanned<AliasSpec>, id: &str) -> Result<(), CatalogueError> {
        let key = fold(&spec.get_ref().text).to_lowercase();
        match self.claims.get(&key) {
            Some(owner) if owner != id => Err(self.error(
                spec.span().start,
                &format!(
                    "\"{}\" is claimed by both \"{owner}\" and \"{id}\"",
                    spec.get_ref().text.trim()
                ),
            )),
            _ => {
                self.claims.insert(key, id.to_string());
                Ok(())
            }
        }
    }

    /// Mentions record their pattern in 16 bits; and a catalogue's names are bounded, so
    /// that no catalogue takes long to build.
    fn check_pattern_count(
        &mut self,
        id: &Spanned<String>,
        count: usize,
    ) -> Result<(), CatalogueError> {
        self.names += count;
        if self.names > CATALOGUE_NAMES_LIMIT {
            return Err(self.error(
                id.span().start,
                &format!(
                    "the catalogue has more than {CATALOGUE_NAMES_LIMIT} names by this entry; \
                     that is more than pilcrow indexes"
                ),
            ));
        }
        if count > usize::from(u16::MAX) {
            return Err(self.error(
                id.span().start,
                &format!(
                    "\"{}\" has {count} names; at most {} are allowed",
                    id.get_ref(),
                    u16::MAX
                ),
            ));
        }
        Ok(())
    }

    fn actor(&mut self, raw: RawActor) -> Result<Topic, CatalogueError> {
        let id = self.id(&raw.id)?;
        let mut patterns: Vec<Pattern> = Vec::new();
        // Each name's place in `patterns`: an actor may have tens of thousands.
        let mut placed: HashMap<String, usize> = HashMap::new();
        let label = Spanned::new(
            raw.id.span(),
            AliasSpec {
                text: raw.label.clone(),
                case: None,
            },
        );
        let named = std::iter::once((&label, PatternSort::Alias))
            .chain(raw.aliases.iter().map(|a| (a, PatternSort::Alias)))
            .chain(raw.metonyms.iter().map(|a| (a, PatternSort::Metonym)))
            .chain(raw.demonyms.iter().map(|a| (a, PatternSort::Demonym)));
        for (spec, sort) in named {
            let pattern = self.pattern(spec, sort)?;
            if let Some(&same) = placed.get(&pattern.text) {
                // `{ text = "Turkey", case = "exact" }` sets the case of the label itself.
                if spec.get_ref().case.is_some() {
                    patterns[same].case = pattern.case;
                }
                continue;
            }
            self.claim(spec, &id)?;
            if sort == PatternSort::Demonym
                && let Some(plural) = demonym_plural(&pattern.text)
            {
                placed.entry(plural.clone()).or_insert(patterns.len());
                patterns.push(Pattern {
                    text: plural,
                    ..pattern.clone()
                });
            }
            placed.insert(pattern.text.clone(), patterns.len());
            patterns.push(pattern);
        }
        for spec in &raw.short {
            patterns.push(self.pattern(spec, PatternSort::Short)?);
        }
        for spec in &raw.exclude {
            patterns.push(self.pattern(spec, PatternSort::Exclude)?);
        }
        self.check_pattern_count(&raw.id, patterns.len())?;
        Ok(Topic {
            id,
            label: raw.label,
            group: Group::Actor(raw.kind),
            origin: Origin::Catalogue,
            patterns,
        })
    }

    fn theme(&mut self, raw: RawTheme) -> Result<Topic, CatalogueError> {
        let id = self.id(&raw.id)?;
        let mut patterns = Vec::new();
        for spec in &raw.terms {
            patterns.push(self.pattern(spec, PatternSort::Term)?);
        }
        for spec in &raw.phrases {
            patterns.push(self.pattern(spec, PatternSort::Phrase)?);
        }
        self.check_pattern_count(&raw.id, patterns.len())?;
        if patterns.is_empty() {
            return Err(self.error(
                raw.id.span().start,
                &format!("theme \"{id}\" has no terms or phrases"),
            ));
        }
        Ok(Topic {
            id,
            label: raw.label,
            group: Group::Theme,
            origin: Origin::Catalogue,
            patterns,
        })
    }
}

/// Writes `topics` as a catalogue in the schema `Catalogue::parse` reads, after `comment`
/// (each line a `#` comment, shown safely). Built by `toml_edit`, so that no text of the
/// document can end a string or a comment; every character a terminal would act on is
/// written as an escape.
pub fn to_toml(comment: &str, metadata: &Metadata, topics: &[Topic]) -> String {
    let mut document = toml_edit::DocumentMut::new();
    let fields = [
        ("title", &metadata.title),
        ("author", &metadata.author),
        ("date", &metadata.date),
        ("source", &metadata.source),
    ];
    if fields.iter().any(|(_, v)| v.is_some()) {
        let mut table = toml_edit::Table::new();
        for (name, value) in fields {
            if let Some(value) = value {
                table.insert(name, toml_edit::value(toml_string(value)));
            }
        }
        document.insert("document", toml_edit::Item::Table(table));
    }
    let mut actors = toml_edit::ArrayOfTables::new();
    for topic in topics {
        let Group::Actor(kind) = topic.group else {
            continue;
        };
        let mut table = toml_edit::Table::new();
        table.insert("id", toml_edit::value(toml_string(&topic.id)));
        table.insert("label", toml_edit::value(toml_string(&topic.label)));
        table.insert("kind", toml_edit::value(kind.as_str()));
        for (name, sort) in [
            ("aliases", PatternSort::Alias),
            ("metonyms", PatternSort::Metonym),
            ("demonyms", PatternSort::Demonym),
            ("short", PatternSort::Short),
            ("exclude", PatternSort::Exclude),
        ] {
            insert_list(&mut table, name, topic, sort, Some(topic.label.as_str()));
        }
        actors.push(table);
    }
    if !actors.is_empty() {
        document.insert("actor", toml_edit::Item::ArrayOfTables(actors));
    }
    let mut themes = toml_edit::ArrayOfTables::new();
    for topic in topics.iter().filter(|t| t.group == Group::Theme) {
        let mut table = toml_edit::Table::new();
        table.insert("id", toml_edit::value(toml_string(&topic.id)));
        table.insert("label", toml_edit::value(toml_string(&topic.label)));
        for (name, sort) in [
            ("terms", PatternSort::Term),
            ("phrases", PatternSort::Phrase),
        ] {
            insert_list(&mut table, name, topic, sort, None);
        }
        themes.push(table);
    }
    if !themes.is_empty() {
        document.insert("theme", toml_edit::Item::ArrayOfTables(themes));
    }
    let mut prefix = String::new();
    for line in comment.lines() {
        let _ = writeln!(
            prefix,
            "# {}",
            crate::core::sanitize::clean(line).trim_end()
        );
    }
    let body = document.to_string();
    if !prefix.is_empty() && !body.is_empty() {
        prefix.push('\n');
    }
    prefix + &body
}

/// The patterns of `topic` of one sort as a TOML array under `name`, if there are any;
/// `skip` (the label) is left out unless its case needs saying.
fn insert_list(
    table: &mut toml_edit::Table,
    name: &str,
    topic: &Topic,
    sort: PatternSort,
    skip: Option<&str>,
) {
    let mut items = toml_edit::Array::new();
    for pattern in topic.patterns.iter().filter(|p| p.sort == sort) {
        if skip == Some(pattern.text.as_str()) && pattern.case == default_case(&pattern.text) {
            continue;
        }
        // A demonym's plural is generated again on reading.
        if sort == PatternSort::Demonym
            && topic.patterns.iter().any(|q| {
                q.sort == PatternSort::Demonym
                    && demonym_plural(&q.text).as_deref() == Some(pattern.text.as_str())
            })
        {
            continue;
        }
        if pattern.case == default_case(&pattern.text) {
            items.push(toml_string(&pattern.text));
        } else {
            let case = match pattern.case {
                Case::Exact => "exact",
                Case::Insensitive => "insensitive",
                Case::Proper => "proper",
            };
            let mut spec = toml_edit::InlineTable::new();
            spec.insert("text", toml_string(&pattern.text));
            spec.insert("case", case.into());
            items.push(spec);
        }
    }
    if !items.is_empty() {
        table.insert(name, toml_edit::value(items));
    }
}

/// A TOML string of `text`. One with a character a terminal would act on is a basic string
/// in which those characters are escapes, which `toml_edit` keeps as written.
fn toml_string(text: &str) -> toml_edit::Value {
    use crate::core::sanitize::is_unsafe;
    use toml_writer::ToTomlValue as _;
    if !text.chars().any(is_unsafe) {
        return text.into();
    }
    // The writer escapes C0 and DEL in a basic string; the rest is escaped here.
    let basic = toml_writer::TomlStringBuilder::new(text)
        .as_basic()
        .to_toml_value();
    let mut escaped = String::with_capacity(basic.len());
    for c in basic.chars() {
        match c as u32 {
            code if is_unsafe(c) && code > 0xFFFF => {
                let _ = write!(escaped, "\\U{code:08X}");
            }
            code if is_unsafe(c) => {
                let _ = write!(escaped, "\\u{code:04X}");
            }
            _ => escaped.push(c),
        }
    }
    escaped
        .parse()
        .unwrap_or_else(|_| crate::core::sanitize::clean(text).as_str().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn error_of(text: &str) -> String {
        Catalogue::parse(text, "t.toml")
            .expect_err("catalogue must be rejected")
            .to_string()
    }

    #[test]
    fn an_emitted_catalogue_escapes_what_a_terminal_would_act_on_and_reads_back() {
        let hostile = "T\u{1b}]52;c;eA==\u{7}\u{9b}\u{202E}\u{2028}\u{E0041}\"'\\\t end";
        let topic = Topic {
            id: "x".into(),
            label: hostile.into(),
            group: Group::Actor(ActorKind::Person),
            origin: Origin::Catalogue,
            patterns: vec![Pattern {
                text: "Ex Ample".into(),
                sort: PatternSort::Alias,
                case: Case::Proper,
            }],
        };
        let metadata = Metadata {
            title: Some(hostile.into()),
            ..Metadata::default()
        };
        let written = to_toml("a comment\nover two lines \u{1b}[2J", &metadata, &[topic]);
        assert!(
            !written
                .chars()
                .any(|c| c != '\n' && crate::core::sanitize::is_unsafe(c)),
            "{written}"
        );
        assert!(
            written.starts_with("# a comment\n# over two lines ␛[2J\n"),
            "{written}"
        );
        let read = Catalogue::parse(&written, "emitted.toml").unwrap();
        assert_eq!(read.metadata.title.as_deref(), Some(hostile));
        assert_eq!(read.topics[0].label, hostile);
    }

    #[test]
    fn parses_aliases_and_generates_demonym_plurals() {
        let catalogue = Catalogue::parse(
            r#"
            [document]
            title = "T"
            [[actor]]
            id = "nk"
            label = "North Korea"
            kind = "state"
            aliases = ["DPRK", { text = "the North", case = "exact" }]
            demonyms = ["North Korean"]
            "#,
            "t.toml",
        )
        .unwrap();
        assert_eq!(catalogue.metadata.title.as_deref(), Some("T"));
        let texts: Vec<(&str, Case)> = catalogue.topics[0]
            .patterns
            .iter()
            .map(|p| (p.text.as_str(), p.case))
            .collect();
        assert_eq!(
            texts,
            [
                ("North Korea", Case::Insensitive),
                ("DPRK", Case::Exact),
                ("the North", Case::Exact),
                ("North Koreans", Case::Insensitive),
                ("North Korean", Case::Insensitive),
            ]
        );
    }

    #[rstest]
    #[case::syntax("[[actor]\nid = 1", "t.toml:1:")]
    #[case::unknown_field(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\ncolour = 1",
        "t.toml:4:1: unknown field `colour`"
    )]
    #[case::wrong_type("[[actor]]\nid = \"a\"\nlabel = 5", "t.toml:3:9: invalid type")]
    #[case::duplicate_id(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\n[[theme]]\nid = \"a\"\nlabel = \"B\"\nterms = [\"x\"]",
        "t.toml:5:6: duplicate id \"a\""
    )]
    #[case::empty_alias(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\naliases = [\"  \"]",
        "t.toml:4:12: empty alias"
    )]
    #[case::claimed_twice(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\naliases = [\"Moscow\"]\n[[actor]]\nid = \"b\"\nlabel = \"B\"\nmetonyms = [\"moscow\"]",
        "t.toml:8:13: \"moscow\" is claimed by both \"a\" and \"b\""
    )]
    #[case::unknown_kind(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\nkind = \"planet\"",
        "t.toml:4:8: unknown variant `planet`"
    )]
    #[case::bad_alias_table(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\naliases = [{ txt = \"x\" }]",
        "t.toml:4:"
    )]
    #[case::alias_over_lines(
        "[[actor]]\nid = \"a\"\nlabel = \"A\"\naliases = [\"one\\ntwo\"]",
        "t.toml:4:12: an alias cannot span lines"
    )]
    #[case::term_over_lines(
        "[[theme]]\nid = \"t\"\nlabel = \"T\"\nterms = [\"one\\ntwo\"]",
        "t.toml:4:10: a term cannot span lines"
    )]
    #[case::empty_theme(
        "[[theme]]\nid = \"t\"\nlabel = \"T\"",
        "theme \"t\" has no terms or phrases"
    )]
    fn rejects_bad_catalogues_with_a_location(#[case] text: &str, #[case] expected: &str) {
        let message = error_of(text);
        assert!(message.contains(expected), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }

    #[rstest]
    #[case("US", Case::Exact)]
    #[case("U.S.", Case::Exact)]
    #[case("DPRK", Case::Exact)]
    #[case("Russia", Case::Insensitive)]
    #[case("UNITED NATIONS", Case::Insensitive)]
    #[case("A", Case::Insensitive)]
    fn short_capitals_default_to_exact_case(#[case] text: &str, #[case] case: Case) {
        assert_eq!(default_case(text), case);
    }

    #[rstest]
    #[case("North Korean", Some("North Koreans"))]
    #[case("Chinese", None)]
    #[case("British", None)]
    #[case("Swiss", None)]
    #[case("Frenchman", Some("Frenchmen"))]
    fn demonym_plurals(#[case] demonym: &str, #[case] plural: Option<&str>) {
        assert_eq!(demonym_plural(demonym).as_deref(), plural);
    }
}
