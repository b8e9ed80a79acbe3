//! Lines that start a numbered article or a list item in plain text (`1.`, `(a)`, `•`,
//! `제1조`, `第1条`): each is a paragraph of its own, not a line of the block around it.
//!
//! Checked on every line of files of hundreds of MB while they load, so by hand on the first
//! bytes rather than by a regular expression.

/// Bullets that open an item when a space follows them.
const BULLETS: [char; 9] = ['•', '◦', '▪', '‣', '●', '○', '■', '-', '*'];

/// Whether `line` (leading spaces allowed) begins with an item marker and then text.
pub fn starts_item(line: &str) -> bool {
    let line = line.trim_start();
    let Some(first) = line.chars().next() else {
        return false;
    };
    if BULLETS.contains(&first) {
        return followed_by_text(&line[first.len_utf8()..]);
    }
    if first.is_ascii_digit() {
        // 1. 2) 12.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        return digits <= 3
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
            && followed_by_text(&line[digits + 1..]);
    }
    if first == '(' {
        // (1) (a) (iv)
        let inner: &str = &line[1..];
        let Some(close) = inner.find(')') else {
            return false;
        };
        let label = &inner[..close];
        return (1..=4).contains(&label.len())
            && (label.bytes().all(|b| b.is_ascii_digit())
                || label.bytes().all(|b| b.is_ascii_lowercase()))
            && followed_by_text(&inner[close + 1..]);
    }
    if first.is_ascii_lowercase() {
        // a) b)
        return line.as_bytes().get(1) == Some(&b')') && followed_by_text(&line[2..]);
    }
    numbered_article(line)
}

/// 제1조, 제12장 (Korean) and 第1条, 第十二條 (Chinese, Japanese): an article or chapter.
fn numbered_article(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('제').or_else(|| line.strip_prefix('第')) else {
        return false;
    };
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百千".contains(c);
    let count = rest.chars().take_while(|&c| numeral(c)).count();
    if count == 0 || count > 6 {
        return false;
    }
    let after: &str = &rest[rest
        .char_indices()
        .nth(count)
        .map_or(rest.len(), |(at, _)| at)..];
    after.starts_with(['조', '장', '절', '条', '條', '章', '節'])
}

/// A space (or more) and then something that is not a space.
fn followed_by_text(rest: &str) -> bool {
    rest.starts_with([' ', '\t']) && !rest.trim().is_empty()
}

/// Whether a prose line ends where an item may follow it: a sentence end or a colon.
pub fn ends_clause(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', ':', ';', '!', '?', '。', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("1. Each party", true)]
    #[case("  12) Each party", true)]
    #[case("(a) the first", true)]
    #[case("(iv) the fourth", true)]
    #[case("(12) twelve", true)]
    #[case("b) second", true)]
    #[case("• Russia", true)]
    #[case("- a dash item", true)]
    #[case("* a star item", true)]
    #[case("제1조(목적) 이 조약은", true)]
    #[case("제12장 총칙", true)]
    #[case("第1条 目的", true)]
    #[case("第十二條 附則", true)]
    #[case("1984 was a year", false)]
    #[case("1.5 million people", false)]
    #[case("1234. too long a number", false)]
    #[case("-- two dashes", false)]
    #[case("well-known", false)]
    #[case("(see above) for", false)]
    #[case("(Russia) said", false)]
    #[case("a) ", false)]
    #[case("1.", false)]
    #[case("J. Smith said", false)]
    #[case("제목 없음", false)]
    #[case("第一 of", false)]
    #[case("", false)]
    fn item_markers(#[case] line: &str, #[case] expected: bool) {
        assert_eq!(starts_item(line), expected, "{line:?}");
    }

    #[rstest]
    #[case("the treaty says:", true)]
    #[case("as follows.", true)]
    #[case("이 조약은 다음과 같다.", true)]
    #[case("the parties shall", false)]
    #[case("in chapter", false)]
    fn clause_ends(#[case] line: &str, #[case] expected: bool) {
        assert_eq!(ends_clause(line), expected, "{line:?}");
    }
}
