//! How untrusted text is shown: control, escape, bidi and invisible characters become visible
//! markers, so nothing in a document can reach the terminal as a command.

use unicode_width::UnicodeWidthChar;

/// Columns a tab takes; tabs are whitespace for wrapping.
pub const TAB_WIDTH: usize = 4;

/// What one character of the source looks like on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// Shown as itself, taking this many columns (0 for combining marks).
    Plain(char, usize),
    /// White space of this many columns.
    Space(usize),
    /// A visible stand-in for something that must not reach the terminal.
    Marker(Marker),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A C0 control or DEL, shown as its Unicode control picture (ESC is ␛).
    Picture(char),
    /// A C1 control, bidi control or invisible character, shown as ⟨XXXX⟩.
    Code(u32),
}

impl Marker {
    pub fn width(self) -> usize {
        match self {
            Marker::Picture(_) => 1,
            Marker::Code(code) => 2 + format!("{code:X}").len(),
        }
    }

    pub fn write_to(self, out: &mut String) {
        match self {
            Marker::Picture(c) => out.push(c),
            Marker::Code(code) => {
                use std::fmt::Write as _;
                let _ = write!(out, "⟨{code:X}⟩");
            }
        }
    }
}

/// Characters that change how text reads without being seen: bidi controls, zero-width
/// characters, and other default-ignorables that a reader should know are there.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}')
}

pub fn glyph(c: char) -> Glyph {
    match c {
        ' ' | '\n' => Glyph::Space(1),
        '\t' => Glyph::Space(TAB_WIDTH),
        '\u{7F}' => Glyph::Marker(Marker::Picture('\u{2421}')),
        c if (c as u32) < 0x20 => Glyph::Marker(Marker::Picture(
            char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        )),
        '\u{80}'..='\u{9F}' => Glyph::Marker(Marker::Code(c as u32)),
        c if is_invisible(c) => Glyph::Marker(Marker::Code(c as u32)),
        c => Glyph::Plain(c, c.width().unwrap_or(0)),
    }
}

/// Columns the glyph takes on screen.
pub fn glyph_width(glyph: Glyph) -> usize {
    match glyph {
        Glyph::Plain(_, width) | Glyph::Space(width) => width,
        Glyph::Marker(marker) => marker.width(),
    }
}

/// A short string (title, label, file name) made safe to show, markers included.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match glyph(c) {
            Glyph::Plain(c, _) => out.push(c),
            Glyph::Space(_) => out.push(' '),
            Glyph::Marker(marker) => marker.write_to(&mut out),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("\u{1b}[2J", "␛[2J")]
    #[case("bell\u{7}", "bell␇")]
    #[case("del\u{7f}", "del␡")]
    #[case("c1\u{9b}6n", "c1⟨9B⟩6n")]
    #[case("rtl\u{202E}txt", "rtl⟨202E⟩txt")]
    #[case("zero\u{200B}width", "zero⟨200B⟩width")]
    #[case("tab\there", "tab here")]
    #[case("한국 ok", "한국 ok")]
    fn controls_become_markers(#[case] text: &str, #[case] shown: &str) {
        let cleaned = clean(text);
        assert_eq!(cleaned, shown);
        assert!(!cleaned.chars().any(char::is_control));
    }

    #[test]
    fn widths_count_cells() {
        assert_eq!(glyph_width(glyph('한')), 2);
        assert_eq!(glyph_width(glyph('a')), 1);
        assert_eq!(glyph_width(glyph('\u{1b}')), 1);
        assert_eq!(glyph_width(glyph('\u{202E}')), 6);
        assert_eq!(glyph_width(glyph('\t')), TAB_WIDTH);
    }
}
