//! HTML: the article found by `dom_smoothie` (a port of Mozilla's Readability) or, with
//! `--no-extract`, the whole page, walked into blocks. EPUB chapters are walked the same way.

use std::collections::HashMap;

use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};

use super::FormatError;
use super::builder::{Builder, collapse};
use crate::core::document::{Converted, Inline, Metadata, ParagraphKind};

/// Elements deeper than this are read as text only: no article needs it.
const MAX_DEPTH: usize = 512;

/// Pages nested deeper than this are refused: the HTML parser's scope checks cost time in
/// proportion to the depth for every tag, so 100,000 levels would take minutes.
pub const MAX_NESTING: usize = 4096;

/// How deep the page's elements nest, by a linear scan of its tags: elements whose end tag
/// may be left out (`p`, `li`, `td`…) and void elements are not counted.
pub fn nesting_depth(html: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
        "rt", "rp", "colgroup", "caption", "html", "head", "body", "br", "img", "hr", "meta",
        "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (closing, name_start) = match rest.first() {
            Some(b'/') => (true, 1),
            Some(c) if c.is_ascii_alphabetic() => (false, 0),
            _ => continue,
        };
        let name: Vec<u8> = rest[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        if UNCOUNTED.iter().any(|u| u.as_bytes() == name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            if !rest[..end].ends_with(b"/") {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// Decodes a page: UTF-8 unless its `<meta charset>` names windows-1252 or Latin-1, the two
/// other encodings saved pages still come in.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let single_byte = ["windows-1252", "iso-8859-1", "latin1", "latin-1"]
        .iter()
        .any(|name| {
            head.contains(&format!("charset={name}")) || head.contains(&format!("charset=\"{name}"))
        });
    if single_byte {
        // Latin-1 maps each byte to the code point of the same number.
        bytes.iter().map(|&b| char::from(b)).collect()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// A page as blocks: the article, or the whole page when `extract` is false or no article
/// is found in it.
pub fn convert(html: &str, extract: bool) -> Result<Converted, FormatError> {
    let depth = nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(FormatError::TooDeep { depth });
    }
    Ok(convert_page(html, extract))
}

fn convert_page(html: &str, extract: bool) -> Converted {
    let mut notes = Vec::new();
    if extract {
        let config = Config {
            text_mode: TextMode::Raw,
            max_elements_to_parse: 200_000,
            ..Config::default()
        };
        match Readability::new(html, None, Some(config)).and_then(|mut r| r.parse()) {
            Ok(article) => {
                let dom = Dom::from(article.content.to_string());
                let mut out = Builder::new();
                // Readability takes the title out of the article; it is the first heading.
                let title = collapse(&article.title);
                let has_title = dom
                    .select("h1, h2, h3")
                    .iter()
                    .any(|h| collapse(&h.text()) == title);
                if !title.is_empty() && !has_title {
                    out.begin(ParagraphKind::Heading(1));
                    out.text(&title, ParagraphKind::Text);
                    out.end();
                }
                walk(&dom, &mut out, Walk::Article);
                let mut converted = out.finish();
                converted.metadata = Metadata {
                    title: Some(collapse(&article.title)).filter(|t| !t.is_empty()),
                    author: article
                        .byline
                        .map(|b| collapse(&b))
                        .filter(|b| !b.is_empty()),
                    date: article.published_time.filter(|d| !d.is_empty()),
                };
                if !converted.paragraphs.is_empty() {
                    return converted;
                }
            }
            Err(error) => notes.push(format!(
                "no article found ({error}); showing the whole page"
            )),
        }
    }
    let dom = Dom::from(html);
    let mut out = Builder::new();
    walk(&dom, &mut out, Walk::Page);
    out.metadata = page_metadata(&dom);
    let mut converted = out.finish();
    converted.warnings = notes;
    converted
}

/// An EPUB chapter (XHTML) as blocks appended to `out`; `classes` are the text styles its
/// stylesheets give classes, for exports that mark headings by size or weight alone.
pub fn chapter(
    xhtml: &str,
    classes: &HashMap<String, ClassStyle>,
    out: &mut Builder,
) -> Result<(), FormatError> {
    let depth = nesting_depth(xhtml);
    if depth > MAX_NESTING {
        return Err(FormatError::TooDeep { depth });
    }
    let dom = Dom::from(xhtml);
    let sizes = Sizes::of(&dom, classes);
    walk_sized(&dom, out, Walk::Page, sizes.as_ref());
    Ok(())
}

/// How a stylesheet sets a class's text: its size in points, and whether it is bold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassStyle {
    pub size: f32,
    pub bold: bool,
}

/// The text styles a stylesheet gives to classes: `.name { font-size: 14pt; font-weight:
/// bold }`. Only class selectors and pt or px sizes are read: that is how `LibreOffice`'s
/// EPUB export writes the headings it does not mark as headings.
pub fn class_styles(css: &str) -> HashMap<String, ClassStyle> {
    let mut styles = HashMap::new();
    for rule in css.split('}') {
        let Some((selectors, body)) = rule.split_once('{') else {
            continue;
        };
        let Some(at) = body.find("font-size") else {
            continue;
        };
        let bold = body.split(';').any(|declaration| {
            declaration
                .split_once(':')
                .is_some_and(|(property, value)| {
                    property.trim() == "font-weight"
                        && matches!(
                            value.trim(),
                            "bold" | "bolder" | "600" | "700" | "800" | "900"
                        )
                })
        });
        let value = body[at + "font-size".len()..]
            .trim_start_matches([' ', ':'])
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
        let number: String = value
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let Ok(number) = number.parse::<f32>() else {
            continue;
        };
        let points = match &value[number_len(value)..] {
            "pt" => number,
            "px" => number * 0.75,
            _ => continue,
        };
        for selector in selectors.split(',') {
            if let Some((_, class)) = selector.trim().rsplit_once('.')
                && !class.is_empty()
                && class
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                styles.insert(class.to_string(), ClassStyle { size: points, bold });
            }
        }
    }
    styles
}

fn number_len(value: &str) -> usize {
    value
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count()
}

/// The text sizes of a chapter: the body's, and the larger ones that make headings.
struct Sizes<'a> {
    classes: &'a HashMap<String, ClassStyle>,
    body: f32,
    larger: Vec<f32>,
}

impl<'a> Sizes<'a> {
    /// `None` when no class sizes any text (the chapter marks its headings, or has none).
    fn of(dom: &Dom, classes: &'a HashMap<String, ClassStyle>) -> Option<Sizes<'a>> {
        if classes.is_empty() {
            return None;
        }
        let mut weights: HashMap<u32, usize> = HashMap::new();
        for node in dom.root().descendants_it() {
            if !node.is_element() {
                continue;
            }
            let Some(ClassStyle { size, .. }) = class_style(&node, classes) else {
                continue;
            };
            let direct: usize = node
                .children_it(false)
                .filter(dom_query::NodeRef::is_text)
                .map(|c| c.text().trim().len())
                .sum();
            *weights.entry((size * 10.0) as u32).or_default() += direct;
        }
        let body = weights
            .iter()
            .max_by_key(|&(size, weight)| (*weight, std::cmp::Reverse(*size)))?
            .0;
        let body = *body as f32 / 10.0;
        let mut larger: Vec<f32> = weights
            .keys()
            .map(|&s| s as f32 / 10.0)
            .filter(|&s| s >= body * 1.15)
            .collect();
        larger.sort_by(|a, b| b.total_cmp(a));
        Some(Sizes {
            classes,
            body,
            larger,
        })
    }

    /// The heading level of a block set larger than the body, or set in bold at the body's
    /// size from end to end and short, as a run-in heading is; the latter ranks below all
    /// the larger sizes.
    fn heading_level(&self, node: &NodeRef) -> Option<u8> {
        let (styled, style) = std::iter::once(*node)
            .chain(node.descendants_it())
            .filter(dom_query::NodeRef::is_element)
            .find_map(|n| class_style(&n, self.classes).map(|style| (n, style)))?;
        let text = node.text();
        let words = text.split_whitespace().count();
        if style.size >= self.body * 1.15 && words <= 20 {
            let rank = self
                .larger
                .iter()
                .position(|&s| s <= style.size)
                .unwrap_or(0);
            return Some((rank + 1).min(6) as u8);
        }
        // Most paragraphs are body text: the cheap tests first, the text compared last.
        let run_in = style.bold
            && style.size >= self.body
            && words <= 12
            && !text.trim_end().ends_with(['.', ',', ';', ':', '!', '?'])
            && collapse(&styled.text()) == collapse(&text);
        run_in.then(|| (self.larger.len() + 1).min(6) as u8)
    }
}

fn class_style(node: &NodeRef, classes: &HashMap<String, ClassStyle>) -> Option<ClassStyle> {
    node.class()?
        .split_whitespace()
        .find_map(|class| classes.get(class).copied())
}

/// Title, author and date from the page's meta tags, else its `<title>` or first `<h1>`.
fn page_metadata(dom: &Dom) -> Metadata {
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
            dom.select(&selector)
                .attr("content")
                .map(|c| collapse(&c))
                .filter(|c| !c.is_empty())
        })
    };
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| Some(collapse(&dom.select("title").text())).filter(|t| !t.is_empty()))
        .or_else(|| Some(collapse(&dom.select("h1").first().text())).filter(|t| !t.is_empty()));
    Metadata {
        title,
        author: meta(&["author", "article:author", "dc.creator", "citation_author"]),
        date: meta(&["article:published_time", "date", "dc.date", "citation_date"]),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// An extracted article: everything in it is content.
    Article,
    /// A whole page or a chapter: skip only what is never text.
    Page,
}

/// What an element does to the blocks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Skip,
    Heading(u8),
    /// Ends the block before it and after it.
    Block,
    List {
        ordered: bool,
    },
    Item,
    Quote,
    Pre,
    Table,
    Style(Inline),
    Break,
    Inline,
}

fn role(name: &str) -> Role {
    match name {
        "script" | "style" | "noscript" | "template" | "head" | "svg" | "math" | "iframe"
        | "object" | "canvas" | "button" | "select" | "textarea" | "input" => Role::Skip,
        "h1" => Role::Heading(1),
        "h2" => Role::Heading(2),
        "h3" => Role::Heading(3),
        "h4" => Role::Heading(4),
        "h5" => Role::Heading(5),
        "h6" => Role::Heading(6),
        "ul" | "menu" | "dir" => Role::List { ordered: false },
        "ol" => Role::List { ordered: true },
        "li" => Role::Item,
        "blockquote" => Role::Quote,
        "pre" | "listing" | "xmp" | "plaintext" => Role::Pre,
        "table" => Role::Table,
        "em" | "i" | "cite" | "dfn" | "var" => Role::Style(Inline::Emphasis),
        "strong" | "b" => Role::Style(Inline::Strong),
        "code" | "kbd" | "samp" | "tt" => Role::Style(Inline::Code),
        "a" => Role::Style(Inline::Link),
        "br" | "wbr" => Role::Break,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav"
        | "figure" | "figcaption" | "dl" | "dt" | "dd" | "address" | "details" | "summary"
        | "hr" | "form" | "fieldset" | "legend" | "caption" | "center" | "body" | "html" | "tr"
        | "td" | "th" | "tbody" | "thead" | "tfoot" | "hgroup" | "option" => Role::Block,
        _ => Role::Inline,
    }
}

/// The state of the walk: the lists and quotes around the current node.
struct Context {
    lists: Vec<Option<u64>>,
    quotes: usize,
    pre: usize,
}

impl Context {
    fn kind(&self) -> ParagraphKind {
        if self.pre > 0 {
            ParagraphKind::Code
        } else if !self.lists.is_empty() {
            ParagraphKind::ListItem(depth(self.lists.len()))
        } else if self.quotes > 0 {
            ParagraphKind::Quote
        } else {
            ParagraphKind::Text
        }
    }
}

fn depth(lists: usize) -> u8 {
    lists.saturating_sub(1).min(usize::from(u8::MAX)) as u8
}

enum Step<'a> {
    Enter(NodeRef<'a>, usize),
    Leave(Role),
}

/// Walks the tree with a stack of its own, so that depth costs memory, not the call stack.
fn walk(dom: &Dom, out: &mut Builder, mode: Walk) {
    walk_sized(dom, out, mode, None);
}

/// The walk, with headings told by size where a chapter marks them no other way.
// One match over the element roles; split up, the walk's state would be passed around.
#[allow(clippy::too_many_lines)]
fn walk_sized(dom: &Dom, out: &mut Builder, mode: Walk, sizes: Option<&Sizes>) {
    let mut context = Context {
        lists: Vec::new(),
        quotes: 0,
        pre: 0,
    };
    let mut stack = vec![Step::Enter(dom.root(), 0)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node, level) => {
                if node.is_text() {
                    out.text(&node.text(), context.kind());
                    continue;
                }
                if !(node.is_element() || node.is_document() || node.is_fragment()) {
                    continue;
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                let mut role = if name.is_empty() {
                    Role::Inline
                } else {
                    role(&name)
                };
                if level > MAX_DEPTH && !matches!(role, Role::Skip) {
                    role = Role::Inline;
                }
                if mode == Walk::Page && is_hidden(&node) {
                    continue;
                }
                if role == Role::Block
                    && name == "p"
                    && let Some(level) = sizes.and_then(|s| s.heading_level(&node))
                {
                    role = Role::Heading(level);
                }
                match role {
                    Role::Skip => continue,
                    Role::Table if is_data_table(&node) => {
                        table(&node, out, &context);
                        continue;
                    }
                    Role::Table | Role::Block => out.end(),
                    Role::Heading(level) => out.begin(ParagraphKind::Heading(level)),
                    Role::List { ordered } => {
                        out.end();
                        let start = node
                            .attr("start")
                            .and_then(|s| s.trim().parse().ok())
                            .unwrap_or(1);
                        context.lists.push(ordered.then_some(start));
                    }
                    Role::Item => {
                        let lists = context.lists.len().max(1);
                        let bullet = match context.lists.last_mut() {
                            Some(Some(n)) => {
                                let bullet = format!("{n}.");
                                *n += 1;
                                bullet
                            }
                            _ if (lists - 1).is_multiple_of(2) => "•".to_string(),
                            _ => "◦".to_string(),
                        };
                        out.begin_item(depth(lists), &bullet);
                    }
                    Role::Quote => {
                        out.end();
                        context.quotes += 1;
                    }
                    Role::Pre => {
                        out.begin(ParagraphKind::Code);
                        context.pre += 1;
                    }
                    Role::Style(style) => {
                        if context.pre == 0 {
                            out.start_inline(style);
                        }
                    }
                    Role::Break => {
                        out.space();
                        continue;
                    }
                    Role::Inline => {}
                }
                stack.push(Step::Leave(role));
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(
                    children
                        .into_iter()
                        .map(|child| Step::Enter(child, level + 1)),
                );
            }
            Step::Leave(role) => match role {
                Role::Heading(_) | Role::Block | Role::Table | Role::Item => out.end(),
                Role::List { .. } => {
                    out.end();
                    context.lists.pop();
                }
                Role::Quote => {
                    out.end();
                    context.quotes = context.quotes.saturating_sub(1);
                }
                Role::Pre => {
                    out.end();
                    context.pre = context.pre.saturating_sub(1);
                }
                Role::Style(style) => {
                    if context.pre == 0 {
                        out.end_inline(style);
                    }
                }
                Role::Skip | Role::Break | Role::Inline => {}
            },
        }
    }
    out.end();
}

/// `hidden`, `aria-hidden` or `display:none`: text a browser does not show.
fn is_hidden(node: &NodeRef) -> bool {
    node.has_attr("hidden")
        || node
            .attr("aria-hidden")
            .is_some_and(|v| v.as_ref() == "true")
        || node.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// A table of data rather than of layout: no block elements inside its cells.
fn is_data_table(node: &NodeRef) -> bool {
    !node.descendants_it().any(|d| {
        d.is_element()
            && d.node_name().is_some_and(|n| {
                matches!(
                    n.to_ascii_lowercase().as_str(),
                    "table"
                        | "p"
                        | "div"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "ul"
                        | "ol"
                        | "blockquote"
                        | "pre"
                )
            })
    })
}

/// A data table as aligned rows; its caption, if any, as a paragraph before it.
fn table(node: &NodeRef, out: &mut Builder, context: &Context) {
    let mut rows = Vec::new();
    let mut header = false;
    for element in node.descendants_it() {
        let Some(name) = element.node_name().map(|n| n.to_ascii_lowercase()) else {
            continue;
        };
        match name.as_str() {
            "caption" => out.text(&element.text(), context.kind()),
            "tr" => {
                let cells: Vec<NodeRef> = element
                    .children_it(false)
                    .filter(|c| {
                        c.node_name().is_some_and(|n| {
                            n.eq_ignore_ascii_case("td") || n.eq_ignore_ascii_case("th")
                        })
                    })
                    .collect();
                if rows.is_empty() {
                    header = !cells.is_empty()
                        && cells
                            .iter()
                            .all(|c| c.node_name().is_some_and(|n| n.eq_ignore_ascii_case("th")));
                }
                rows.push(
                    cells
                        .iter()
                        .map(|c| c.text().to_string())
                        .collect::<Vec<_>>(),
                );
            }
            _ => {}
        }
    }
    out.end();
    out.table(&rows, header);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(converted: &Converted) -> Vec<(ParagraphKind, &str)> {
        converted
            .paragraphs
            .iter()
            .map(|p| (p.kind, &converted.text[p.start..p.end]))
            .collect()
    }

    #[test]
    fn a_whole_page_walks_into_blocks() {
        use ParagraphKind::*;
        let page = "<html><head><title>T</title><style>p{}</style></head><body>\
            <h1>Head&amp;line</h1><p>One <em>two</em>\n three.</p><ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>\
            <script>alert(1)</script><pre>x  y\n z</pre><div hidden>no</div></body></html>";
        let done = convert(page, false).unwrap();
        assert_eq!(
            blocks(&done),
            [
                (Heading(1), "Head&line"),
                (Text, "One two three."),
                (ListItem(0), "• a"),
                (ListItem(0), "• b"),
                (ListItem(1), "1. c"),
                (Code, "x  y\n z"),
            ]
        );
        assert_eq!(done.metadata.title.as_deref(), Some("T"));
    }

    #[test]
    fn data_tables_become_rows() {
        let page =
            "<table><tr><th>Name</th><th>Seats</th></tr><tr><td>A</td><td>12</td></tr></table>";
        let done = convert(page, false).unwrap();
        assert_eq!(
            blocks(&done),
            [(
                ParagraphKind::Table,
                "Name │ Seats\n─────┼──────\nA    │ 12"
            )]
        );
    }

    #[test]
    fn deep_nesting_is_refused_and_moderate_nesting_read() {
        let nested = |depth: usize| {
            format!(
                "{}deep text{}",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            )
        };
        assert_eq!(
            convert(&nested(100_000), false).unwrap_err(),
            FormatError::TooDeep { depth: 100_000 }
        );
        let done = convert(&nested(2000), false).unwrap();
        assert_eq!(blocks(&done), [(ParagraphKind::Text, "deep text")]);
        assert_eq!(nesting_depth("<p>a<p>b<br><img src=x><div/>"), 0);
    }

    #[test]
    fn class_styles_are_read_from_a_stylesheet() {
        let css = ".span1 { font-family: 'Cambria'; font-size: 12.0000pt; }\n.span2, p.big {\n  font-size: 24px;\n}\n.em { font-size: 2em }\n.strong { font-size: 12pt; font-weight: bold }";
        let styles = class_styles(css);
        let size = |class: &str| styles.get(class).map(|s| s.size);
        assert_eq!(size("span1"), Some(12.0));
        assert_eq!(size("span2"), Some(18.0));
        assert_eq!(size("big"), Some(18.0));
        assert_eq!(size("em"), None);
        assert_eq!(styles.get("strong").map(|s| s.bold), Some(true));
        assert_eq!(styles.get("span1").map(|s| s.bold), Some(false));
        let page = "<p><span class=\"span2\">Title</span></p>\
            <p><span class=\"span1\">Body text that runs on.</span></p>\
            <p><span class=\"strong\">Key dates</span></p>\
            <p><span class=\"strong\">Note.</span><span class=\"span1\"> A lead-in.</span></p>\
            <p><span class=\"strong\">A bold sentence is no heading.</span></p>";
        let mut out = Builder::new();
        chapter(page, &styles, &mut out).unwrap();
        let kinds: Vec<_> = out.finish().paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::Heading(1),
                ParagraphKind::Text,
                ParagraphKind::Heading(2),
                ParagraphKind::Text,
                ParagraphKind::Text
            ]
        );
    }

    #[test]
    fn latin1_pages_are_decoded() {
        let bytes = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(bytes).contains("café"));
    }
}
