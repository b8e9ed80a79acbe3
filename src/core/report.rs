//! What `pilcrow index` prints: a readable table or a JSON document of fixed shape.

use std::fmt::Write as _;

use serde::Serialize;

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
                            end: m.end,
                            text: &text[m.start..m.end],
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
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::from)?;
        writeln!(out)
    }

    /// Actors, then themes: label, kind, mention count and paragraph list.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} ({} paragraphs, {} bytes)",
            self.document.title, self.document.paragraphs, self.document.bytes
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
                    topic.label,
                    topic.kind,
                    topic.mentions,
                    paragraphs.join(" "),
                );
            }
        }
        out
    }
}
