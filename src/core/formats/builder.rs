//! Builds a converted document block by block: every format's converter feeds it text and
//! structure, and it keeps the offsets of blocks and styled runs consistent.

use unicode_width::UnicodeWidthStr;

use crate::core::document::{
    Converted, Inline, InlineSpan, Metadata, Paragraph, ParagraphKind, push_bounded,
};

/// A block being written.
#[derive(Debug, Clone, Copy)]
struct Open {
    kind: ParagraphKind,
    start: usize,
    /// Where the block's own words start (after a list bullet).
    content: usize,
    /// A space is owed before the next word.
    space: bool,
}

#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    paragraphs: Vec<Paragraph>,
    inline: Vec<InlineSpan>,
    open_inline: Vec<(Inline, usize)>,
    unsearched: Vec<(usize, usize)>,
    block: Option<Open>,
    pub metadata: Metadata,
    pub warnings: Vec<String>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Starts a block of `kind`, ending the one before.
    pub fn begin(&mut self, kind: ParagraphKind) {
        self.end();
        let start = self.text.len();
        self.block = Some(Open {
            kind,
            start,
            content: start,
            space: false,
        });
    }

    /// Starts a list item with its bullet or number (`• `, `3. `).
    pub fn begin_item(&mut self, depth: u8, bullet: &str) {
        self.begin(ParagraphKind::ListItem(depth));
        self.text.push_str(bullet);
        self.text.push(' ');
        if let Some(block) = &mut self.block {
            block.content = self.text.len();
        }
    }

    /// The kind of the open block, if one is open.
    pub fn open_kind(&self) -> Option<ParagraphKind> {
        self.block.map(|b| b.kind)
    }

    /// Whether the open block has words of its own yet.
    pub fn has_content(&self) -> bool {
        self.block.is_some_and(|b| self.text.len() > b.content)
    }

    /// Text for the open block, opening one of `fallback` if none is: white space collapsed
    /// in running text, kept as it is in code and tables.
    pub fn text(&mut self, text: &str, fallback: ParagraphKind) {
        if self.block.is_none() {
            if text.trim().is_empty() {
                return;
            }
            self.begin(fallback);
        }
        let Some(block) = &mut self.block else {
            return;
        };
        if block.kind.is_preformatted() {
            self.text
                .push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
            return;
        }
        // Words are copied whole, not char by char: a long page is mostly words.
        let is_break = |c: char| c.is_whitespace() && c != '\u{A0}';
        for (index, word) in text.split(is_break).enumerate() {
            if index > 0 {
                block.space = self.text.len() > block.content;
            }
            if word.is_empty() {
                continue;
            }
            if block.space {
                self.text.push(' ');
                block.space = false;
            }
            self.text.push_str(word);
        }
    }

    /// A break between words in running text (a soft or hard line break).
    pub fn space(&mut self) {
        if let Some(block) = &mut self.block {
            if block.kind.is_preformatted() {
                self.text.push('\n');
            } else {
                block.space = self.text.len() > block.content;
            }
        }
    }

    /// Takes back the last character of the open block (a hyphen that joined a word).
    pub fn unpush_last_char(&mut self) {
        if let Some(block) = self.block
            && self.text.len() > block.content
        {
            self.text.pop();
        }
    }

    pub fn start_inline(&mut self, style: Inline) {
        let owed = self.block.is_some_and(|b| b.space);
        self.open_inline
            .push((style, self.text.len() + usize::from(owed)));
    }

    /// Ends the innermost run of `style`.
    pub fn end_inline(&mut self, style: Inline) {
        let Some(at) = self.open_inline.iter().rposition(|(s, _)| *s == style) else {
            return;
        };
        let (_, start) = self.open_inline.remove(at);
        let end = self.text.trim_end().len();
        let start = start.min(end);
        if start < end {
            self.inline.push(InlineSpan { start, end, style });
            if style == Inline::Code {
                self.unsearched.push((start, end));
            }
        }
    }

    /// Ends the open block: dropped when it has no words, cut into bounded paragraphs when
    /// it is very long.
    pub fn end(&mut self) {
        let Some(block) = self.block.take() else {
            return;
        };
        let trimmed = if block.kind.is_preformatted() {
            self.text.trim_end_matches(['\n', ' ', '\t']).len()
        } else {
            self.text.trim_end().len()
        };
        if trimmed <= block.content || self.text[block.content..trimmed].trim().is_empty() {
            self.text.truncate(block.start);
            self.inline.retain(|s| s.start < block.start);
            self.unsearched.retain(|r| r.0 < block.start);
            return;
        }
        self.text.truncate(trimmed);
        let end = self.text.len();
        // Runs still open end with their block.
        for (style, start) in std::mem::take(&mut self.open_inline) {
            if start < end {
                self.inline.push(InlineSpan { start, end, style });
            }
        }
        if block.kind == ParagraphKind::Code {
            self.unsearched.push((block.start, end));
        }
        if block.kind.is_preformatted() {
            self.paragraphs.push(Paragraph {
                start: block.start,
                end,
                kind: block.kind,
            });
        } else {
            push_bounded(
                &self.text,
                block.start,
                end,
                block.kind,
                &mut self.paragraphs,
            );
        }
        self.text.push_str("\n\n");
    }

    /// Appends blocks converted on their own (an EPUB chapter), after the open block.
    pub fn append(&mut self, part: Converted) {
        self.end();
        let base = self.text.len();
        self.text.push_str(&part.text);
        if !part.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let shift = |start: usize, end: usize| (base + start, base + end);
        self.paragraphs.extend(part.paragraphs.into_iter().map(|p| {
            let (start, end) = shift(p.start, p.end);
            Paragraph { start, end, ..p }
        }));
        self.inline.extend(part.inline.into_iter().map(|s| {
            let (start, end) = shift(s.start, s.end);
            InlineSpan { start, end, ..s }
        }));
        self.unsearched
            .extend(part.unsearched.into_iter().map(|(s, e)| shift(s, e)));
        self.warnings.extend(part.warnings);
    }

    /// A table as one block of rows aligned in columns, the header ruled off.
    pub fn table(&mut self, rows: &[Vec<String>], header: bool) {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| collapse(cell)).collect())
            .filter(|row: &Vec<String>| row.iter().any(|c| !c.is_empty()))
            .collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .filter_map(|row| row.get(c))
                    .map(|cell| cell.width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        self.begin(ParagraphKind::Table);
        for (i, row) in rows.iter().enumerate() {
            let mut line = String::new();
            for (c, width) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                if c > 0 {
                    line.push_str(" │ ");
                }
                line.push_str(cell);
                if c + 1 < columns {
                    line.extend(std::iter::repeat_n(' ', width - cell.width()));
                }
            }
            self.text.push_str(line.trim_end());
            self.text.push('\n');
            if i == 0 && header && rows.len() > 1 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.text.push_str(&rule.join("─┼─"));
                self.text.push('\n');
            }
        }
        self.end();
    }

    /// The converted document.
    pub fn finish(mut self) -> Converted {
        self.end();
        let length = self.text.trim_end().len();
        self.text.truncate(length);
        self.inline.sort_by_key(|s| (s.start, s.end));
        self.unsearched.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.unsearched.len());
        for (start, end) in self.unsearched {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Converted {
            text: self.text,
            paragraphs: self.paragraphs,
            inline: self.inline,
            unsearched: merged,
            metadata: self.metadata,
            warnings: self.warnings,
        }
    }
}

/// White space runs as single spaces, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(converted: &Converted) -> Vec<&str> {
        converted
            .paragraphs
            .iter()
            .map(|p| &converted.text[p.start..p.end])
            .collect()
    }

    #[test]
    fn running_text_collapses_space_and_empty_blocks_vanish() {
        let mut b = Builder::new();
        b.begin(ParagraphKind::Text);
        b.text("  two\n  words ", ParagraphKind::Text);
        b.begin(ParagraphKind::Text);
        b.text("   ", ParagraphKind::Text);
        b.begin_item(1, "•");
        b.text("item", ParagraphKind::Text);
        b.begin_item(0, "•");
        let done = b.finish();
        assert_eq!(blocks(&done), ["two words", "• item"]);
        assert_eq!(done.paragraphs[1].kind, ParagraphKind::ListItem(1));
        assert_eq!(done.text, "two words\n\n• item");
    }

    #[test]
    fn code_is_verbatim_and_unsearched() {
        let mut b = Builder::new();
        b.begin(ParagraphKind::Code);
        b.text("  fn main() {\n      run();\n  }\n", ParagraphKind::Text);
        b.begin(ParagraphKind::Text);
        b.text("press ", ParagraphKind::Text);
        b.start_inline(Inline::Code);
        b.text("Esc", ParagraphKind::Text);
        b.end_inline(Inline::Code);
        let done = b.finish();
        assert_eq!(blocks(&done)[0], "  fn main() {\n      run();\n  }");
        let esc = done.text.find("Esc").unwrap();
        assert_eq!(
            done.unsearched,
            [(0, blocks(&done)[0].len()), (esc, esc + 3)]
        );
        assert_eq!(done.inline[0].style, Inline::Code);
    }

    #[test]
    fn tables_align_their_columns() {
        let mut b = Builder::new();
        let rows = vec![
            vec!["Country".to_string(), "Seats".to_string()],
            vec!["France".to_string(), "79".to_string()],
        ];
        b.table(&rows, true);
        let done = b.finish();
        assert_eq!(
            blocks(&done),
            ["Country │ Seats\n────────┼──────\nFrance  │ 79"]
        );
    }

    #[test]
    fn styled_runs_skip_the_space_before_them() {
        let mut b = Builder::new();
        b.text("a ", ParagraphKind::Text);
        b.start_inline(Inline::Strong);
        b.text("bold", ParagraphKind::Text);
        b.end_inline(Inline::Strong);
        let done = b.finish();
        let span = done.inline[0];
        assert_eq!(&done.text[span.start..span.end], "bold");
    }
}
