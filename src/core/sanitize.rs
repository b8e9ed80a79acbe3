//! How untrusted text is shown: control, escape, bidi and invisible characters become visible
//! markers, so nothing in a document can reach the terminal as a command.

use std::io;

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

/// Characters that change how text reads without being seen: bidi controls, line and
/// paragraph separators, zero-width and filler characters, and the other default-ignorables
/// a reader should know are there. Variation selectors are left out: they only choose a
/// glyph (emoji, CJK variants) and are in almost every emoji sequence.
/// The one table of them, for the screen and every writer.
pub const INVISIBLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{2028}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFFB}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E00FF}'),
    ('\u{E01F0}', '\u{E0FFF}'),
];

/// Whether `c` is in the table of invisible characters.
pub fn is_invisible(c: char) -> bool {
    // Everything in the table is past U+00AC: most text leaves at the first comparison.
    if c < '\u{00AD}' {
        return false;
    }
    let at = INVISIBLE.partition_point(|&(_, last)| last < c);
    INVISIBLE.get(at).is_some_and(|&(first, _)| first <= c)
}

/// Whether `c` must never reach a terminal or a file as itself: C0 controls other than
/// line feed and tab, DEL, C1 controls and the invisible characters.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if (c as u32) < 0x20 => true,
        '\u{7F}'..='\u{9F}' => true,
        c => is_invisible(c),
    }
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

/// What a panic's payload says, as one safe line of at most 200 characters (a slicing panic
/// quotes the text it was slicing, escapes and all).
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let said = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    let shown = clean(said);
    match shown.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &shown[..cut]),
        None => shown,
    }
}

/// Every byte pilcrow prints goes through this: a writer that passes text on with each
/// unsafe character (see `is_unsafe`) replaced by its visible marker, and each byte that is
/// not UTF-8 by U+FFFD. Line feeds and tabs pass, so printed text keeps its lines. A
/// character split between two writes is held until the rest arrives.
#[derive(Debug)]
pub struct Sanitized<W: io::Write> {
    inner: W,
    /// The start of a character whose last bytes have not been written yet.
    pending: Vec<u8>,
}

impl<W: io::Write> Sanitized<W> {
    pub fn new(inner: W) -> Sanitized<W> {
        Sanitized {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what is pending (an unfinished character is a U+FFFD) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.pending.is_empty() {
            self.pending.clear();
            self.inner.write_all("\u{FFFD}".as_bytes())?;
        }
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut run = 0;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                if (0x20..0x7F).contains(&byte) || byte == b'\n' || byte == b'\t' {
                    at += 1;
                    continue;
                }
                self.inner.write_all(&bytes[run..at])?;
                self.marker(char::from(byte))?;
                at += 1;
                run = at;
                continue;
            }
            let length = utf8_length(byte);
            let end = (at + length).min(bytes.len());
            match std::str::from_utf8(&bytes[at..end]) {
                Ok(one) if length > 0 && end - at == length => {
                    let c = one.chars().next().unwrap_or('\u{FFFD}');
                    if is_unsafe(c) {
                        self.inner.write_all(&bytes[run..at])?;
                        self.marker(c)?;
                        run = end;
                    }
                    at = end;
                }
                // The character goes on in the next write.
                Err(error) if length > 0 && error.error_len().is_none() && end == bytes.len() => {
                    self.inner.write_all(&bytes[run..at])?;
                    self.pending.extend_from_slice(&bytes[at..]);
                    return Ok(());
                }
                _ => {
                    self.inner.write_all(&bytes[run..at])?;
                    self.inner.write_all("\u{FFFD}".as_bytes())?;
                    at += 1;
                    run = at;
                }
            }
        }
        self.inner.write_all(&bytes[run..])
    }

    fn marker(&mut self, c: char) -> io::Result<()> {
        let mut shown = String::new();
        match glyph(c) {
            Glyph::Marker(marker) => marker.write_to(&mut shown),
            Glyph::Plain(c, _) => shown.push(c),
            Glyph::Space(_) => shown.push(' '),
        }
        self.inner.write_all(shown.as_bytes())
    }
}

/// The length of the UTF-8 sequence `lead` starts; 0 for a byte that cannot start one.
fn utf8_length(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

impl<W: io::Write> io::Write for Sanitized<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.pending.is_empty() {
            return self.pass(bytes);
        }
        let mut joined = std::mem::take(&mut self.pending);
        // Only the rest of the pending character is needed to finish it; if `bytes` is too
        // short for that, all of it is pending again.
        let need = utf8_length(joined[0]).saturating_sub(joined.len());
        let take = need.min(bytes.len());
        joined.extend_from_slice(&bytes[..take]);
        self.pass(&joined)?;
        if self.pending.is_empty() {
            self.pass(&bytes[take..])
        } else {
            Ok(())
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
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

    /// Everything the writer lets through, written in pieces of `step` bytes.
    fn through(bytes: &[u8], step: usize) -> String {
        let mut writer = Sanitized::new(Vec::new());
        for piece in bytes.chunks(step.max(1)) {
            io::Write::write_all(&mut writer, piece).unwrap();
        }
        String::from_utf8(writer.finish().unwrap()).unwrap()
    }

    #[rstest]
    #[case(b"plain\nlines\tand tabs\n", "plain\nlines\tand tabs\n")]
    #[case(b"\x1b]52;c;aGk=\x07", "\u{241B}]52;c;aGk=\u{2407}")]
    #[case("c1 \u{9b}6n".as_bytes(), "c1 ⟨9B⟩6n")]
    #[case("bidi \u{202E}x\u{2028}y\u{E0041}".as_bytes(), "bidi ⟨202E⟩x⟨2028⟩y⟨E0041⟩")]
    #[case(b"bad \xff\xc3 end", "bad \u{FFFD}\u{FFFD} end")]
    #[case("한국 é\r".as_bytes(), "한국 é\u{240D}")]
    fn the_writer_passes_text_and_shows_the_rest(#[case] raw: &[u8], #[case] shown: &str) {
        for step in 1..=raw.len() {
            assert_eq!(through(raw, step), shown, "written {step} bytes at a time");
        }
    }

    #[test]
    fn a_panic_is_told_in_one_safe_short_line() {
        let payload: Box<dyn std::any::Any + Send> = Box::new(format!(
            "byte index 3 of `\u{1b}]52;c;eA==\u{7}\n{}`",
            "x".repeat(300)
        ));
        let told = panic_text(payload.as_ref());
        assert!(
            told.starts_with("byte index 3 of `␛]52;c;eA==␇ x"),
            "{told}"
        );
        assert_eq!(told.chars().count(), 201);
        assert!(!told.chars().any(char::is_control));
        let said: Box<dyn std::any::Any + Send> = Box::new("plain");
        assert_eq!(panic_text(said.as_ref()), "plain");
    }

    #[test]
    fn an_unfinished_character_at_the_end_is_replaced() {
        assert_eq!(
            through("ab\u{20AC}".as_bytes().split_last().unwrap().1, 100),
            "ab\u{FFFD}"
        );
    }

    #[test]
    fn the_invisible_table_is_sorted_and_every_listed_character_is_a_marker() {
        assert!(INVISIBLE.windows(2).all(|pair| pair[0].1 < pair[1].0));
        let listed = [
            0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C, 0x200D,
            0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061,
            0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0x206B, 0x206C, 0x206D,
            0x206E, 0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9, 0xFFFA, 0xFFFB, 0x1D173, 0x1D17A,
            0xE0000, 0xE0001, 0xE0020, 0xE0041, 0xE007F,
        ];
        for code in listed {
            let c = char::from_u32(code).unwrap();
            assert!(is_invisible(c), "U+{code:04X} is not in the table");
            assert_eq!(glyph(c), Glyph::Marker(Marker::Code(code)), "U+{code:04X}");
        }
        for visible in [
            'a', '\u{00AC}', '\u{00AE}', 'é', '한', '\u{2027}', '\u{2030}', '\u{FE0F}', '\u{FFFD}',
            '😀',
        ] {
            assert!(!is_invisible(visible), "{visible:?} is visible");
        }
    }
}
