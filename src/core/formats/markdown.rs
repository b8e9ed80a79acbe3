//! `CommonMark` (with tables, task lists, footnotes and front matter) through pulldown-cmark.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::builder::Builder;
use crate::core::document::{Converted, Inline, Metadata, ParagraphKind};

/// One open list: its next number, if it is ordered.
struct List {
    next: Option<u64>,
}

// One match over the parser's events; split up, its state would be passed around.
#[allow(clippy::too_many_lines)]
pub fn convert(text: &str) -> Converted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Builder::new();
    let mut lists: Vec<List> = Vec::new();
    let mut quotes = 0usize;
    // A list item's first paragraph continues the item's block.
    let mut item_fresh = false;
    let mut table: Option<Table> = None;
    let mut metadata: Option<(MetadataBlockKind, String)> = None;
    for event in Parser::new_ext(text, options) {
        let context = context_kind(&lists, quotes);
        if let Some(rows) = &mut table {
            match event {
                Event::End(TagEnd::Table) => {
                    out.table(&rows.rows, true);
                    table = None;
                }
                Event::Start(Tag::TableRow | Tag::TableHead) => rows.rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    if let Some(row) = rows.rows.last_mut() {
                        row.push(String::new());
                    }
                }
                Event::Text(t) | Event::Code(t) => rows.push(&t),
                Event::SoftBreak | Event::HardBreak => rows.push(" "),
                _ => {}
            }
            continue;
        }
        if let Some((_, block)) = &mut metadata {
            match event {
                Event::Text(t) => block.push_str(&t),
                Event::End(TagEnd::MetadataBlock(kind)) => {
                    let (_, block) = metadata.take().unwrap_or((kind, String::new()));
                    out.metadata = front_matter(kind, &block);
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    out.begin(ParagraphKind::Heading(heading_level(level)));
                }
                Tag::Paragraph => {
                    if item_fresh {
                        item_fresh = false;
                    } else {
                        out.begin(context);
                    }
                }
                Tag::BlockQuote(_) => {
                    out.end();
                    quotes += 1;
                }
                Tag::CodeBlock(_) => out.begin(ParagraphKind::Code),
                Tag::List(start) => {
                    out.end();
                    item_fresh = false;
                    lists.push(List { next: start });
                }
                Tag::Item => {
                    let depth = lists.len().saturating_sub(1).min(usize::from(u8::MAX)) as u8;
                    let bullet = match lists.last_mut() {
                        Some(List { next: Some(n) }) => {
                            let bullet = format!("{n}.");
                            *n += 1;
                            bullet
                        }
                        _ => if depth.is_multiple_of(2) {
                            "•"
                        } else {
                            "◦"
                        }
                        .to_string(),
                    };
                    out.begin_item(depth, &bullet);
                    item_fresh = true;
                }
                Tag::FootnoteDefinition(label) => {
                    out.begin(ParagraphKind::Text);
                    out.text(&format!("[{label}] "), ParagraphKind::Text);
                    item_fresh = true;
                }
                Tag::Table(_) => {
                    out.end();
                    table = Some(Table::default());
                }
                Tag::Emphasis => out.start_inline(Inline::Emphasis),
                Tag::Strong => out.start_inline(Inline::Strong),
                Tag::Link { .. } => out.start_inline(Inline::Link),
                Tag::MetadataBlock(kind) => metadata = Some((kind, String::new())),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Item => {
                    out.end();
                    item_fresh = false;
                }
                TagEnd::FootnoteDefinition => out.end(),
                TagEnd::BlockQuote(_) => {
                    out.end();
                    quotes = quotes.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    out.end();
                    lists.pop();
                }
                TagEnd::Emphasis => out.end_inline(Inline::Emphasis),
                TagEnd::Strong => out.end_inline(Inline::Strong),
                TagEnd::Link => out.end_inline(Inline::Link),
                _ => {}
            },
            Event::Text(t) => {
                item_fresh = false;
                out.text(&t, context);
            }
            Event::Code(t) => {
                item_fresh = false;
                if out.open_kind().is_none() {
                    out.begin(context);
                }
                out.start_inline(Inline::Code);
                out.text(&t, context);
                out.end_inline(Inline::Code);
            }
            Event::SoftBreak | Event::HardBreak => out.space(),
            Event::FootnoteReference(label) => out.text(&format!("[{label}]"), context),
            Event::TaskListMarker(done) => out.text(if done { "☒ " } else { "☐ " }, context),
            // Raw HTML and rules are markup, not text.
            _ => {}
        }
    }
    out.finish()
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn push(&mut self, text: &str) {
        if let Some(cell) = self.rows.last_mut().and_then(|row| row.last_mut()) {
            cell.push_str(text);
        }
    }
}

/// The kind of a block opened inside the current lists and quotes.
fn context_kind(lists: &[List], quotes: usize) -> ParagraphKind {
    if !lists.is_empty() {
        ParagraphKind::ListItem(lists.len().saturating_sub(1).min(usize::from(u8::MAX)) as u8)
    } else if quotes > 0 {
        ParagraphKind::Quote
    } else {
        ParagraphKind::Text
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Title, author and date from YAML (`---`) or TOML (`+++`) front matter. Only top-level
/// `key: value` lines are read from YAML: that is all the title and author take, and it
/// spares a YAML parser.
fn front_matter(kind: MetadataBlockKind, block: &str) -> Metadata {
    let mut metadata = Metadata::default();
    match kind {
        MetadataBlockKind::PlusesStyle => {
            if let Ok(table) = block.parse::<toml::Table>() {
                let get = |key: &str| match table.get(key) {
                    Some(toml::Value::String(s)) => Some(s.clone()),
                    Some(toml::Value::Array(items)) => {
                        items.first().and_then(|v| v.as_str()).map(str::to_string)
                    }
                    Some(other) => Some(other.to_string()),
                    None => None,
                };
                metadata.title = get("title");
                metadata.author = get("author").or_else(|| get("authors"));
                metadata.date = get("date");
            }
        }
        MetadataBlockKind::YamlStyle => {
            let mut lines = block.lines().peekable();
            while let Some(line) = lines.next() {
                let Some((key, value)) = line.split_once(':') else {
                    continue;
                };
                if key.starts_with(char::is_whitespace) {
                    continue;
                }
                let mut value = unquote(value.trim()).to_string();
                // `author:` followed by a list: its first item.
                if value.is_empty()
                    && let Some(next) = lines.peek()
                    && let Some(item) = next.trim_start().strip_prefix("- ")
                {
                    value = unquote(item.trim()).to_string();
                }
                let value = value.trim_start_matches('[').trim_end_matches(']');
                let value = unquote(value.split(',').next().unwrap_or("").trim()).to_string();
                if value.is_empty() {
                    continue;
                }
                match key.trim().to_ascii_lowercase().as_str() {
                    "title" => metadata.title = Some(value),
                    "author" | "authors" => metadata.author = Some(value),
                    "date" => metadata.date = Some(value),
                    _ => {}
                }
            }
        }
    }
    metadata
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(ParagraphKind, String)> {
        let done = convert(text);
        done.paragraphs
            .iter()
            .map(|p| (p.kind, done.text[p.start..p.end].to_string()))
            .collect()
    }

    #[test]
    fn headings_lists_quotes_and_code() {
        use ParagraphKind::*;
        let got = blocks(
            "# Title\n\nSome *very* **bold** [link](http://x) text.\n\n- one\n- two\n  1. deep\n\n> quoted\n\n```\ncode  line\n  indented\n```\n",
        );
        assert_eq!(
            got,
            [
                (Heading(1), "Title".to_string()),
                (Text, "Some very bold link text.".to_string()),
                (ListItem(0), "• one".to_string()),
                (ListItem(0), "• two".to_string()),
                (ListItem(1), "1. deep".to_string()),
                (Quote, "quoted".to_string()),
                (Code, "code  line\n  indented".to_string()),
            ]
        );
    }

    #[test]
    fn emphasis_is_style_and_inline_code_is_not_searched() {
        let done = convert("Press `Esc` to *leave*.");
        assert_eq!(done.text, "Press Esc to leave.");
        let styles: Vec<_> = done
            .inline
            .iter()
            .map(|s| (&done.text[s.start..s.end], s.style))
            .collect();
        assert_eq!(styles, [("Esc", Inline::Code), ("leave", Inline::Emphasis)]);
        assert_eq!(done.unsearched, [(6, 9)]);
    }

    #[test]
    fn front_matter_gives_title_and_author() {
        let done = convert("---\ntitle: \"The Treaty\"\nauthor:\n  - Rekha J\n---\n\nBody.");
        assert_eq!(done.metadata.title.as_deref(), Some("The Treaty"));
        assert_eq!(done.metadata.author.as_deref(), Some("Rekha J"));
        assert_eq!(done.text, "Body.");
        let done = convert("+++\ntitle = \"T\"\nauthors = [\"A\"]\n+++\n\nBody.");
        assert_eq!(done.metadata.title.as_deref(), Some("T"));
        assert_eq!(done.metadata.author.as_deref(), Some("A"));
    }

    #[test]
    fn tables_are_rows() {
        let got = blocks("| a | bb |\n|---|---|\n| ccc | d |\n");
        assert_eq!(got[0].1, "a   │ bb\n────┼───\nccc │ d");
        assert_eq!(got[0].0, ParagraphKind::Table);
    }
}
