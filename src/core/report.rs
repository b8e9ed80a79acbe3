//! What `pilcrow index` prints: a readable table or a JSON document of fixed shape.

use std::fmt::Write as _;

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr as _;

use crate::core::limits::thousands;
use crate::core::sanitize::{clean, is_unsafe};

use crate::core::catalogue::Topic;
use crate::core::document::Document;
use crate::core::index::{Index, TopicMentions};
use crate::core::pairs::{Pair, shared_paragraphs};

pub struct Report<'a> {
    pub document: DocumentSummary,
    pub topics: Vec<TopicReport<'a>>,
}

pub struct DocumentSummary {
    pub title: String,
    pub source: String,
    pub paragraphs: usize,
    pub bytes: usize,
}

pub struct TopicReport<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub group: &'static str,
    pub kind: &'static str,
    pub origin: &'static str,
    pub mentions: usize,
    /// 1-based ¶ numbers.
    pub paragraphs: Vec<usize>,
    pub spans: Vec<Span<'a>>,
}

pub struct Span<'a> {
    /// The 1-based ¶ number.
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Report<'a> {
    pub fn new(
        title: String,
        document: &'a Document,
        topics: &'a [Topic],
        index: &'a Index,
    ) -> Self {
        let text = document.text();
        let topics = index
            .ranking(topics)
            .into_iter()
            .map(|id| {
                let topic = &topics[id.index()];
                let found: &TopicMentions = index.get(id);
                TopicReport {
                    id: &topic.id,
                    label: &topic.label,
                    group: topic.group.name(),
                    kind: topic.group.kind_name(),
                    origin: topic.origin.as_str(),
                    mentions: found.mentions.len(),
                    paragraphs: found.paragraphs.iter().map(|p| p.number()).collect(),
                    spans: found
                        .mentions
                        .iter()
                        .map(|m| Span {
                            paragraph: m.paragraph.number(),
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

    /// Streams the JSON, so that a large index is never held as one string: one line per
    /// span, so that even millions of them are quick to write and to read.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        let d = &self.document;
        out.write_all(b"{\n  \"document\": {\"title\": ")?;
        write_str(out, &d.title)?;
        out.write_all(b", \"source\": ")?;
        write_str(out, &d.source)?;
        out.write_all(b", \"paragraphs\": ")?;
        write_number(out, d.paragraphs)?;
        out.write_all(b", \"bytes\": ")?;
        write_number(out, d.bytes)?;
        out.write_all(b"},\n  \"topics\": [")?;
        for (i, topic) in self.topics.iter().enumerate() {
            out.write_all(if i == 0 {
                b"\n    {\"id\": "
            } else {
                b",\n    {\"id\": "
            })?;
            write_str(out, topic.id)?;
            for (key, value) in [
                ("label", topic.label),
                ("group", topic.group),
                ("kind", topic.kind),
                ("origin", topic.origin),
            ] {
                write!(out, ", \"{key}\": ")?;
                write_str(out, value)?;
            }
            out.write_all(b", \"mentions\": ")?;
            write_number(out, topic.mentions)?;
            out.write_all(b", \"paragraphs\": [")?;
            for (j, paragraph) in topic.paragraphs.iter().enumerate() {
                if j > 0 {
                    out.write_all(b", ")?;
                }
                write_number(out, *paragraph)?;
            }
            out.write_all(b"],\n     \"spans\": [")?;
            for (j, span) in topic.spans.iter().enumerate() {
                out.write_all(if j == 0 {
                    b"\n      {\"paragraph\": "
                } else {
                    b",\n      {\"paragraph\": "
                })?;
                write_number(out, span.paragraph)?;
                out.write_all(b", \"start\": ")?;
                write_number(out, span.start)?;
                out.write_all(b", \"end\": ")?;
                write_number(out, span.end)?;
                out.write_all(b", \"text\": ")?;
                write_str(out, span.text)?;
                out.write_all(b"}")?;
            }
            out.write_all(if topic.spans.is_empty() {
                b"]}"
            } else {
                b"\n     ]}"
            })?;
        }
        out.write_all(if self.topics.is_empty() {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        })
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
        // Which rows discovery added is worth marking only beside a catalogue's rows.
        let mixed = self.topics.iter().any(|t| t.origin == "discovered")
            && self.topics.iter().any(|t| t.origin != "discovered");
        for (group, heading) in [("actor", "Actors"), ("theme", "Themes")] {
            let rows: Vec<&TopicReport> = self.topics.iter().filter(|t| t.group == group).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{heading}");
            // Padded by the columns of what is printed: the cleaned label, wide characters
            // counted twice.
            let labels: Vec<String> = rows.iter().map(|t| clean(t.label)).collect();
            let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
            for (topic, label) in rows.into_iter().zip(&labels) {
                let mut paragraphs: Vec<String> = topic
                    .paragraphs
                    .iter()
                    .take(SHOWN_PARAGRAPHS)
                    .map(|p| format!("¶{p}"))
                    .collect();
                if topic.paragraphs.len() > SHOWN_PARAGRAPHS {
                    paragraphs.push(format!(
                        "… and {} more",
                        thousands(topic.paragraphs.len() - SHOWN_PARAGRAPHS)
                    ));
                }
                let marker = if mixed && topic.origin == "discovered" {
                    " *"
                } else {
                    ""
                };
                let padding = " ".repeat(label_width - label.width());
                let _ = writeln!(
                    out,
                    "  {label}{padding}  {:12}  {:>4}  {}{marker}",
                    topic.kind,
                    topic.mentions,
                    paragraphs.join(" "),
                );
            }
        }
        if mixed {
            let _ = writeln!(
                out,
                "\n* found by discovery; the other rows are the catalogue's"
            );
        }
        out
    }
}

impl Report<'_> {
    /// One row per mention, in the order of the topics and then of the text: what a
    /// spreadsheet or a QDA tool reads. Cells a spreadsheet would take for a formula are
    /// written with a leading `'`.
    pub fn write_csv(&self, out: impl Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record([
            "topic",
            "label",
            "group",
            "kind",
            "paragraph",
            "start",
            "end",
            "text",
        ])?;
        for topic in &self.topics {
            for span in &topic.spans {
                writer.write_record([
                    spreadsheet_safe(topic.id).as_ref(),
                    spreadsheet_safe(topic.label).as_ref(),
                    topic.group,
                    topic.kind,
                    itoa::Buffer::new().format(span.paragraph),
                    itoa::Buffer::new().format(span.start),
                    itoa::Buffer::new().format(span.end),
                    spreadsheet_safe(span.text).as_ref(),
                ])?;
            }
        }
        writer.flush()
    }

    /// The pairs of topics by shared paragraphs, as a table.
    pub fn pairs_text(&self, topics: &[Topic], pairs: &[Pair], index: &Index) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} ({} paragraphs)\n\nPairs of topics by the paragraphs that mention both",
            clean(&self.document.title),
            self.document.paragraphs,
        );
        if pairs.is_empty() {
            let _ = writeln!(out, "  (no two topics share a paragraph)");
        }
        let width = pairs.first().map_or(1, |p| p.paragraphs.to_string().len());
        for pair in pairs {
            let shared = shared_paragraphs(index, pair.first, pair.second);
            let mut shown: Vec<String> = shared
                .iter()
                .take(SHOWN_PARAGRAPHS)
                .map(|p| format!("¶{}", p.number()))
                .collect();
            if shared.len() > SHOWN_PARAGRAPHS {
                shown.push(format!(
                    "… and {} more",
                    thousands(shared.len() - SHOWN_PARAGRAPHS)
                ));
            }
            let _ = writeln!(
                out,
                "  {:>width$} ¶  {} · {}  {}",
                pair.paragraphs,
                clean(&topics[pair.first.index()].label),
                clean(&topics[pair.second.index()].label),
                shown.join(" ")
            );
        }
        out
    }

    /// The pairs as JSON: each with both topics' ids and labels and the ¶ numbers they share.
    pub fn write_pairs_json(
        &self,
        out: &mut impl Write,
        topics: &[Topic],
        pairs: &[Pair],
        index: &Index,
    ) -> io::Result<()> {
        out.write_all(b"{\n  \"document\": {\"title\": ")?;
        write_str(out, &self.document.title)?;
        out.write_all(b", \"source\": ")?;
        write_str(out, &self.document.source)?;
        out.write_all(b", \"paragraphs\": ")?;
        write_number(out, self.document.paragraphs)?;
        out.write_all(b"},\n  \"pairs\": [")?;
        for (i, pair) in pairs.iter().enumerate() {
            out.write_all(if i == 0 { b"\n    {" } else { b",\n    {" })?;
            for (key, topic) in [("first", pair.first), ("second", pair.second)] {
                let topic = &topics[topic.index()];
                write!(out, "\"{key}\": ")?;
                write_str(out, &topic.id)?;
                write!(out, ", \"{key}_label\": ")?;
                write_str(out, &topic.label)?;
                out.write_all(b", ")?;
            }
            out.write_all(b"\"paragraphs\": ")?;
            write_number(out, pair.paragraphs)?;
            out.write_all(b", \"shared\": [")?;
            for (j, paragraph) in shared_paragraphs(index, pair.first, pair.second)
                .iter()
                .enumerate()
            {
                if j > 0 {
                    out.write_all(b", ")?;
                }
                write_number(out, paragraph.number())?;
            }
            out.write_all(b"]}")?;
        }
        out.write_all(b"\n  ]\n}\n")
    }
}

/// A cell as a spreadsheet will not run it: one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'` (OWASP's advice on CSV injection).
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Paragraphs listed per row of the table; `--json` has them all.
const SHOWN_PARAGRAPHS: usize = 12;

/// A JSON string literal, with every control and invisible character escaped.
fn write_str(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    // Most text is printable ASCII without quotes or backslashes: written as it is.
    if text
        .bytes()
        .all(|b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\')
    {
        out.write_all(text.as_bytes())?;
        return out.write_all(b"\"");
    }
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        match c {
            '"' => out.write_all(b"\\\"")?,
            '\\' => out.write_all(b"\\\\")?,
            '\n' => out.write_all(b"\\n")?,
            '\t' => out.write_all(b"\\t")?,
            '\r' => out.write_all(b"\\r")?,
            // JSON only requires C0 to be escaped; everything a terminal would act on is.
            c if is_unsafe(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(out, "\\u{unit:04x}")?;
                }
            }
            c => out.write_all(c.encode_utf8(&mut buffer).as_bytes())?,
        }
    }
    out.write_all(b"\"")
}

fn write_number(out: &mut impl Write, number: impl itoa::Integer) -> io::Result<()> {
    out.write_all(itoa::Buffer::new().format(number).as_bytes())
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
            "t\u{1b}]0;x\u{7}\u{2028}\u{FFF9}\u{E0041}".into(),
            &document,
            &catalogue.topics,
            &index,
        );
        let mut out = Vec::new();
        report.write_json(&mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        for raw in [
            '\u{1b}',
            '\u{9b}',
            '\u{202e}',
            '\u{7f}',
            '\u{7}',
            '\u{2028}',
            '\u{FFF9}',
            '\u{E0041}',
        ] {
            assert!(!json.contains(raw), "{raw:?} in {json}");
        }
        assert!(
            json.contains("\\u001b[2J") && json.contains("\\u009b") && json.contains("\\u202e")
        );
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["topics"][0]["label"], catalogue.topics[0].label);
        assert_eq!(
            parsed["document"]["title"],
            "t\u{1b}]0;x\u{7}\u{2028}\u{FFF9}\u{E0041}"
        );
        assert!(
            json.contains("\\udb40\\udc41"),
            "a tag is escaped as a surrogate pair"
        );
        let table = report.to_text();
        assert!(!table.contains('\u{1b}') && table.contains("␛"));
    }

    #[test]
    fn the_table_caps_the_paragraph_list_and_marks_discovery_only_beside_a_catalogue() {
        let text = "Moscow spoke.\n\n".repeat(30);
        let document = Document::from_str(&text, Source::Bundled, Format::Plain);
        let catalogue = Catalogue::parse(
            "[[actor]]\nid = \"m\"\nlabel = \"Moscow\"\nkind = \"state\"\n",
            "t.toml",
        )
        .unwrap();
        let index = crate::core::index::build(&document, &catalogue.topics);
        let table = Report::new("t".into(), &document, &catalogue.topics, &index).to_text();
        assert!(
            table.contains("¶1 ¶2 ¶3 ¶4 ¶5 ¶6 ¶7 ¶8 ¶9 ¶10 ¶11 ¶12 … and 18 more\n"),
            "{table}"
        );
        assert!(!table.contains('*'), "nothing to tell apart:\n{table}");
        let mut topics = catalogue.topics.clone();
        let mut found = topics[0].clone();
        found.id = "s".into();
        found.label = "Spoke".into();
        found.origin = crate::core::catalogue::Origin::Discovered;
        found.patterns[0].text = "spoke".into();
        topics.push(found);
        let index = crate::core::index::build(&document, &topics);
        let table = Report::new("t".into(), &document, &topics, &index).to_text();
        assert!(table.contains("more *\n"), "{table}");
        assert!(table.ends_with("* found by discovery; the other rows are the catalogue's\n"));
    }

    #[test]
    fn the_table_is_padded_by_the_columns_printed() {
        let document = Document::from_str(
            "한국 and Japan and Rus\u{1b}sia.",
            Source::Bundled,
            Format::Plain,
        );
        let catalogue = Catalogue::parse(
            "[[actor]]\nid = \"k\"\nlabel = \"한국\"\nkind = \"state\"\n\
             [[actor]]\nid = \"j\"\nlabel = \"Japan\"\nkind = \"state\"\n\
             [[actor]]\nid = \"r\"\nlabel = \"Rus\\u001bsia\"\nkind = \"state\"\n",
            "t.toml",
        )
        .unwrap();
        let index = crate::core::index::build(&document, &catalogue.topics);
        let table = Report::new("t".into(), &document, &catalogue.topics, &index).to_text();
        let columns: Vec<usize> = table
            .lines()
            .filter(|l| l.contains("state"))
            .map(|l| l[..l.find("state").unwrap()].width())
            .collect();
        assert_eq!(columns.len(), 3, "{table}");
        assert!(
            columns.iter().all(|&c| c == columns[0]),
            "{columns:?}\n{table}"
        );
    }
}
