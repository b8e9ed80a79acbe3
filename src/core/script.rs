//! Which writing system a text is mostly in, from a sample of its letters: discovery reads
//! English, and a reader of a Korean or Russian text should be told why it finds nothing.

/// The letters looked at: enough to tell, quick on any text.
const SAMPLE_LETTERS: usize = 4_000;

/// The writing systems told apart, by Unicode block.
const SCRIPTS: &[(&str, &[(u32, u32)])] = &[
    (
        "Hangul",
        &[(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)],
    ),
    ("Chinese characters", &[(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]),
    ("Japanese kana", &[(0x3040, 0x30FF)]),
    ("Cyrillic", &[(0x0400, 0x052F)]),
    ("Greek", &[(0x0370, 0x03FF)]),
    ("Arabic", &[(0x0600, 0x06FF), (0x0750, 0x077F)]),
    ("Hebrew", &[(0x0590, 0x05FF)]),
    ("Devanagari", &[(0x0900, 0x097F)]),
    ("Thai", &[(0x0E00, 0x0E7F)]),
];

/// The script most of the text's letters are in when that is not the Latin alphabet; `None`
/// for a text mostly in Latin letters (or with none).
pub fn non_latin(text: &str) -> Option<&'static str> {
    let mut latin = 0usize;
    let mut counts = [0usize; SCRIPTS.len()];
    for c in text
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(SAMPLE_LETTERS)
    {
        let code = c as u32;
        if code < 0x0250 || (0x1E00..=0x1EFF).contains(&code) {
            latin += 1;
        } else if let Some(at) = SCRIPTS
            .iter()
            .position(|(_, ranges)| ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&code)))
        {
            counts[at] += 1;
        }
    }
    let (at, &most) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (most > latin).then_some(SCRIPTS[at].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_script_most_letters_are_in() {
        assert_eq!(
            non_latin("제1조 대한민국은 민주공화국이다. (Republic)"),
            Some("Hangul")
        );
        assert_eq!(
            non_latin("Москва и Пхеньян подписали договор"),
            Some("Cyrillic")
        );
        assert_eq!(non_latin("The treaty of Москва"), None);
        assert_eq!(non_latin("Ça va, São Paulo? Straße."), None);
        assert_eq!(non_latin("1234 !!"), None);
    }
}
