//! What `pilcrow index` prints: a readable table or a JSON document of fixed shape.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::core::sanitize::clean;

use crate::core::catalogue::Topic;
use crate::core::document::Document;
use crate::core::index::{Index, TopicMentions};

#[derive(Serialize)]
pub struct Report<'a> {
    pub document: DocumentSummary,
    pub topics: Vec<TopicReport<'a>>,
}

#[derive(Serialize)]
pub struct DocumentSummary {
    pub title: String,
    pub source: String,
    pub paragraphs: usize,
    pub bytes: usize,
}

#[derive(Serialize)]
pub struct TopicReport<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub group: &'static str,
    pub kind: &'static str,
    pub origin: &'static str,
    pub mentions: usize,
    pub paragraphs: Vec<u32>,
    pub spans: Vec<Span<'a>>,
}

#[derive(Serialize)]
pub struct Span<'a> {
    pub paragraph: u32,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// Topic indexes in panel order: actors, then themes, each by mentions (most first), ties in
/// catalogue order.
pub fn panel_order(topics: &[Topic], index: &Index) -> Vec<usize> {
    let mut order: Vec<usize> = (0..topics.len()).collect();
    order.sort_by_key(|&i| {
        (
            !topics[i].group.is_actor(),
            std::cmp::Reverse(index.topics[i].mentions.len()),
            i,
        )
    });
    order
}

impl<'a> Report<'a> {
    pub fn new(
        title: String,
        document: &'a Document,
        topics: &'a [Topic],
        index: &'a Index,
    ) -> Self {
        let text = document.text();
        let topics = panel_order(topics, index)
            .into_iter()
            .map(|i| {
                let topic = &topics[i];
                let found: &TopicMentions = &index.topics[i];
                TopicReport {
                    id: &topic.id,
                    label: &topic.label,
                    group: topic.group.name(),
                    kind: topic.group.kind_name(),
                    origin: topic.origin.as_str(),
                    mentions: found.mentions.len(),
                    paragraphs: found.paragraphs.iter().map(|p| p + 1).collect(),
                    spans: found
                        .mentions
                        .iter()
                        .map(|m| Span {
                            paragraph: m.paragraph + 1,
                            start: m.start,
                            end: m.end(),
                            text: &text[m.start..m.end()],
                        })
                        .collect(),
                }
            })
            .collect();
        Report {
            document: DocumentSummary {
                title,
                source: document.source().to_string(),
                paragraphs: document.paragraphs().len(),
                bytes: text.len(),
            },
            topics,
        }
    }

    /// Streams the JSON, so that a large index is never held as one string.
    pub fn write_json(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
        self.serialize(&mut serializer)
            .map_err(std::io::Error::from)?;
        writeln!(out)
    }

    /// Actors, then themes: label, kind, mention count and paragraph list; labels sanitised.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} ({} paragraphs, {} bytes)",
            clean(&self.document.title),
            self.document.paragraphs,
            self.document.bytes
        );
        for (group, heading) in [("actor", "Actors"), ("theme", "Themes")] {
            let rows: Vec<&TopicReport> = self.topics.iter().filter(|t| t.group == group).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{heading}");
            let label_width = rows
                .iter()
                .map(|t| t.label.chars().count())
                .max()
                .unwrap_or(0);
            for topic in rows {
                let paragraphs: Vec<String> =
                    topic.paragraphs.iter().map(|p| format!("¶{p}")).collect();
                let marker = if topic.origin == "discovered" {
                    " *"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  {:label_width$}  {:12}  {:>4}  {}{marker}",
                    clean(topic.label),
                    topic.kind,
                    topic.mentions,
                    paragraphs.join(" "),
                );
            }
        }
        out
    }
}

/// Pretty JSON that also escapes what a terminal would act on: DEL, C1 controls, and bidi
/// and invisible format characters (JSON itself only requires C0 to be escaped).
#[derive(Default)]
struct SafeFormatter(PrettyFormatter<'static>);

fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{9F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(needs_escape) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or(' ');
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::Catalogue;
    use crate::core::document::{Format, Source};

    #[test]
    fn json_escapes_everything_a_terminal_would_act_on() {
        let text = "Moscow \u{1b}[2J \u{9b}6n \u{202e}rtl \u{7f}";
        let document = Document::from_str(text, Source::Bundled, Format::Plain);
        let catalogue = Catalogue::parse(
            "[[actor]]\nid = \"m\"\nlabel = \"Moscow \\u001b[2J \\u009b6n \\u202ertl \\u007f\"\n",
            "t.toml",
        )
        .unwrap();
        let index = crate::core::index::build(&document, &catalogue.topics);
        let report = Report::new(
            "t\u{1b}]0;x\u{7}".into(),
            &document,
            &catalogue.topics,
            &index,
        );
        let mut out = Vec::new();
        report.write_json(&mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        for raw in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{7f}', '\u{7}'] {
            assert!(!json.contains(raw), "{raw:?} in {json}");
        }
        assert!(
            json.contains("\\u001b[2J") && json.contains("\\u009b") && json.contains("\\u202e")
        );
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["topics"][0]["label"], catalogue.topics[0].label);
        assert_eq!(parsed["document"]["title"], "t\u{1b}]0;x\u{7}");
        let table = report.to_text();
        assert!(!table.contains('\u{1b}') && table.contains("␛"));
    }
}
