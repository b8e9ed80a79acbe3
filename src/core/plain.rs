//! The document as `pilcrow text` prints it: one block per paragraph, a blank line between,
//! headings marked with `#`, list items indented under their bullet, code and tables line
//! by line, and every character shown safely.

use std::io::{self, Write};

use crate::core::document::{Document, ParagraphKind};
use crate::core::ids::ParagraphId;
use crate::core::sanitize::{TAB_WIDTH, clean};

/// Writes every block of `document` to `out`.
pub fn write_blocks(document: &Document, out: &mut impl Write) -> io::Result<()> {
    for index in 0..document.paragraph_count() {
        let id = ParagraphId::new(index);
        if index > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(block(document, id).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One block as printed, without its final newline.
pub fn block(document: &Document, id: ParagraphId) -> String {
    let text = document.paragraph_text(id);
    match document.paragraph(id).kind {
        ParagraphKind::Heading(level) => {
            format!("{} {}", "#".repeat(usize::from(level)), one_line(text))
        }
        ParagraphKind::ListItem(depth) => {
            format!("{}{}", "  ".repeat(usize::from(depth)), one_line(text))
        }
        ParagraphKind::Code | ParagraphKind::Table => text
            .lines()
            .map(|line| {
                clean(&line.replace('\t', &" ".repeat(TAB_WIDTH)))
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n"),
        ParagraphKind::Text | ParagraphKind::Quote => one_line(text),
    }
}

/// Running text on one line: hard line breaks are spaces.
fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Format, Source};

    fn printed(text: &str, format: Format) -> String {
        let document = Document::from_str(text, Source::Bundled, format);
        let mut out = Vec::new();
        write_blocks(&document, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markdown_prints_with_its_structure() {
        let text = "# Title\n\nA *b*\nc.\n\n- one\n  - two\n\n```\n\tx = 1\n```\n";
        assert_eq!(
            printed(text, Format::Markdown),
            "# Title\n\nA b c.\n\n• one\n\n  ◦ two\n\n    x = 1\n"
        );
    }

    #[test]
    fn plain_text_joins_hard_wrapped_lines_and_shows_controls() {
        assert_eq!(
            printed("one\ntwo \u{1b}[2J\n\nthree", Format::Plain),
            "one two ␛[2J\n\nthree\n"
        );
    }
}
