//! Documents from real producers (pandoc, `LibreOffice`, Chromium; see
//! tests/fixtures/formats/make.sh) read as the blocks of their source, and bad files refused
//! in one line.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn pilcrow() -> Command {
    Command::cargo_bin("pilcrow").unwrap()
}

/// What `pilcrow text FILE` prints.
fn text_of(file: &Path, extra: &[&str]) -> String {
    let output = pilcrow()
        .arg("text")
        .args(extra)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A block without its list label (a number or bullet): the label is no paragraph text,
/// and some exports drop it. F1 still counts it.
fn without_label(block: &str) -> &str {
    let trimmed = block.trim_start();
    let (label, rest) = trimmed
        .split_once(char::is_whitespace)
        .unwrap_or((trimmed, ""));
    let numbered = label
        .strip_suffix(['.', ')'])
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if numbered || matches!(label, "-" | "*" | "•" | "◦" | "▪") {
        rest
    } else {
        block
    }
}

/// Blocks as their words joined by spaces.
fn blocks(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|block| words(without_label(block)).join(" "))
        .filter(|b| !b.is_empty())
        .collect()
}

/// The source's paragraphs, from pandoc's plain text of report.md: its tight list is one
/// block there and each item is a paragraph here; its table is no paragraph.
fn source_paragraphs(reference: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    for block in reference.split("\n\n") {
        if block.lines().any(|l| l.trim_start().starts_with("---")) {
            continue;
        }
        let mut item = String::new();
        for line in block.lines() {
            let starts_item = line.starts_with("-   ")
                || line
                    .split_once(".  ")
                    .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
            if starts_item && !item.is_empty() {
                paragraphs.push(std::mem::take(&mut item));
            }
            item.push_str(line);
            item.push('\n');
        }
        paragraphs.push(item);
    }
    paragraphs
        .iter()
        .map(|p| words(without_label(p)).join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Word-level F1 against the reference, and the share of its paragraphs that come out as
/// exactly one block.
fn score(output: &str) -> (f64, f64) {
    let reference = std::fs::read_to_string(fixture("report.txt")).unwrap();
    let count = |text: &str| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for word in words(text) {
            *counts.entry(word).or_default() += 1;
        }
        counts
    };
    let (expected, got) = (count(&reference), count(output));
    let common: usize = expected
        .iter()
        .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
        .sum();
    let precision = common as f64 / got.values().sum::<usize>().max(1) as f64;
    let recall = common as f64 / expected.values().sum::<usize>().max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(1e-9);
    let out_blocks = blocks(output);
    let source = source_paragraphs(&reference);
    let whole = source.iter().filter(|p| out_blocks.contains(p)).count();
    (f1, whole as f64 / source.len() as f64)
}

/// The headings of report.md, by their text.
fn source_headings() -> Vec<String> {
    std::fs::read_to_string(fixture("report.md"))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect()
}

fn heading_lines(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect()
}

#[rstest::rstest]
#[case::markdown("report.md", 0.95, true)]
#[case::html_saved_by_chromium("site-chromium.html", 0.95, true)]
#[case::docx_by_pandoc("report-pandoc.docx", 0.95, true)]
#[case::docx_by_libreoffice("report-libreoffice.docx", 0.95, true)]
#[case::epub_by_pandoc("report-pandoc.epub", 0.95, true)]
// LibreOffice's EPUB export writes list items as plain paragraphs, their numbers dropped,
// and the headings as styled paragraphs.
#[case::epub_by_libreoffice("report-libreoffice.epub", 0.95, true)]
#[case::pdf_printed_by_chromium("report-chromium.pdf", 0.90, false)]
#[case::pdf_exported_by_libreoffice("report-libreoffice.pdf", 0.90, false)]
#[case::pdf_in_two_columns("columns-chromium.pdf", 0.90, false)]
fn fixtures_read_as_their_source(
    #[case] name: &str,
    #[case] whole: f64,
    #[case] all_headings: bool,
) {
    let output = text_of(&fixture(name), &[]);
    let (f1, recovered) = score(&output);
    assert!(f1 >= 0.98, "{name}: F1 {f1:.3}");
    assert!(
        recovered >= whole,
        "{name}: {recovered:.2} of the paragraphs whole"
    );
    if all_headings {
        let found = heading_lines(&output);
        for heading in source_headings() {
            assert!(
                found.contains(&heading),
                "{name}: no # line for {heading:?} in {found:?}"
            );
        }
    }
}

/// PDFs carry no headings, only sizes: a heading set larger than the body is found, one set
/// in bold at the body's size is not (`LibreOffice`'s "Key dates").
#[test]
fn pdf_headings_come_from_the_font_size() {
    let all = source_headings().len();
    for (name, least) in [
        ("report-chromium.pdf", all),
        ("report-libreoffice.pdf", all - 1),
    ] {
        let found = heading_lines(&text_of(&fixture(name), &[]));
        let recovered = source_headings()
            .iter()
            .filter(|h| found.contains(h))
            .count();
        assert!(
            recovered >= least,
            "{name}: {recovered} headings in {found:?}"
        );
    }
}

/// `LibreOffice`'s EPUB export marks headings only by a larger font in its stylesheet, or
/// by bold at the body's size ("Key dates", under "Ukraine"); the levels follow the sizes.
#[test]
fn epub_headings_come_from_the_stylesheet_when_unmarked() {
    let output = text_of(&fixture("report-libreoffice.epub"), &[]);
    let found = heading_lines(&output);
    let missing: Vec<String> = source_headings()
        .into_iter()
        .filter(|h| !found.contains(h))
        .collect();
    assert!(missing.is_empty(), "{missing:?} not in {found:?}");
    assert!(output.contains("\n## Ukraine\n") && output.contains("\n### Key dates\n"));
}

#[test]
fn no_page_chrome_is_left() {
    let page = text_of(&fixture("site-chromium.html"), &[]).to_lowercase();
    for chrome in [
        "cookie",
        "subscribe",
        "share on",
        "related articles",
        "newsletter",
        "privacy policy",
        "copyright",
        "atlas review",
        "sign up",
    ] {
        assert!(!page.contains(chrome), "the page kept {chrome:?}");
    }
    // Chromium prints the date and title at the top of each page and the address and page
    // number at the bottom.
    let printed = text_of(&fixture("report-chromium.pdf"), &[]);
    for chrome in ["file:", "/10", " PM"] {
        assert!(!printed.contains(chrome), "the PDF kept {chrome:?}");
    }
    assert_eq!(
        printed.matches("Six Countries in Brief").count(),
        2,
        "title page and heading"
    );
}

#[test]
fn the_whole_page_is_there_without_extraction() {
    let page = text_of(&fixture("site-chromium.html"), &["--no-extract"]);
    assert!(page.contains("We use cookies"));
    assert!(page.contains("Privacy policy"));
    assert!(!page.contains("dataLayer"), "scripts are never text");
}

#[test]
fn code_in_markdown_names_no_actor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.md");
    let prose = "Vladimir Putin met Kim Jong Un. Vladimir Putin spoke. Kim Jong Un listened.\n\n";
    std::fs::write(
        &file,
        format!("{prose}Press `Escape Key` to leave.\n\n```\nRun Escape Key\nEscape Key again\nEscape Key\n```\n"),
    )
    .unwrap();
    let output = pilcrow()
        .args(["index", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json = String::from_utf8(output.stdout).unwrap();
    assert!(json.contains("Vladimir Putin"), "{json}");
    assert!(!json.contains("Escape"), "code made an actor: {json}");
}

/// Runs `pilcrow text` on bytes written as `name`; the exit code and standard error.
fn refused(name: &str, bytes: &[u8], extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::File::create(&file)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let output = pilcrow()
        .arg("text")
        .args(extra)
        .arg(&file)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap_or(-1), stderr)
}

fn assert_one_line(stderr: &str, says: &str) {
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(says), "{stderr:?} does not say {says:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    for (name, bytes) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    out.into_inner()
}

#[rstest::rstest]
#[case::truncated_pdf("cut.pdf", "report-libreoffice.pdf", "damaged PDF")]
#[case::truncated_docx("cut.docx", "report-pandoc.docx", "damaged DOCX")]
#[case::truncated_epub("cut.epub", "report-pandoc.epub", "damaged EPUB")]
fn truncated_files_are_refused(#[case] name: &str, #[case] source: &str, #[case] says: &str) {
    let bytes = std::fs::read(fixture(source)).unwrap();
    let (code, stderr) = refused(name, &bytes[..bytes.len() / 2], &[]);
    assert_eq!(code, 1);
    assert_one_line(&stderr, says);
}

#[test]
fn scanned_and_encrypted_pdfs_say_what_they_are() {
    let scanned = std::fs::read(fixture("scanned.pdf")).unwrap();
    let (code, stderr) = refused("scan.pdf", &scanned, &[]);
    assert_eq!(code, 1);
    assert_one_line(&stderr, "no text layer");
    assert!(stderr.contains("OCR"));
    let encrypted = std::fs::read(fixture("encrypted.pdf")).unwrap();
    let (code, stderr) = refused("locked.pdf", &encrypted, &[]);
    assert_eq!(code, 1);
    assert_one_line(&stderr, "encrypted");
}

#[test]
fn a_zip_bomb_is_stopped() {
    let bomb = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", &vec![b' '; 200 << 20]),
    ]);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let (code, stderr) = refused("bomb.docx", &bomb, &[]);
    assert_eq!(code, 1);
    assert_one_line(&stderr, "ZIP bomb");
}

#[test]
fn html_nested_100_000_levels_is_refused() {
    let page = format!(
        "<html><body>{}x{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let (code, stderr) = refused("deep.html", page.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert_one_line(&stderr, "100000 levels deep");
}

#[test]
fn a_pdf_with_a_million_empty_pages_ends_in_one_line() {
    let kids = "3 0 R ".repeat(1_000_000);
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Count 1000000 /Kids [{kids}] >>"),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 4\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    let (code, stderr) = refused("pages.pdf", &pdf, &[]);
    assert_eq!(code, 1);
    assert_one_line(&stderr, "pages.pdf");
}

#[rstest::rstest]
#[case::text_named_pdf("notes.pdf", b"just some text\n".as_slice(), &[], "named as PDF but looks like text")]
#[case::pdf_asked_as_epub("book.bin", b"%PDF-1.4\n".as_slice(), &["--format", "epub"], "is not EPUB: it looks like a PDF file")]
#[case::other_zip("archive.zip", b"PK\x03\x04rest".as_slice(), &[], "ZIP")]
fn wrong_formats_are_named(
    #[case] name: &str,
    #[case] bytes: &[u8],
    #[case] extra: &[&str],
    #[case] says: &str,
) {
    let (code, stderr) = refused(name, bytes, extra);
    assert_eq!(code, 1);
    assert_one_line(&stderr, says);
}

#[test]
fn a_pdf_opens_in_the_reader_when_misnamed() {
    let pdf = std::fs::read(fixture("report-libreoffice.pdf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    std::fs::write(&file, pdf).unwrap();
    assert!(text_of(&file, &[]).starts_with("# Six Countries in Brief"));
}

/// A long PDF shows its first pages before the rest is read; they are the whole's first
/// blocks, so nothing moves when the whole arrives.
#[test]
fn the_first_pages_of_a_long_pdf_are_the_start_of_the_whole() {
    use pilcrow::core::document::{Document, LoadOptions, Part};
    use pilcrow::core::ids::ParagraphId;
    let path = fixture("long-chromium.pdf");
    let head = Document::load_preview(&path, LoadOptions::default(), 1024)
        .unwrap()
        .expect("a head");
    let whole = Document::load(&path, false).unwrap();
    assert_eq!(head.part(), Part::Head);
    assert!(head.paragraph_count() > 20, "{}", head.paragraph_count());
    assert!(head.paragraph_count() < whole.paragraph_count() / 2);
    for i in 0..head.paragraph_count() {
        let id = ParagraphId::new(i);
        assert_eq!(head.paragraph(id), whole.paragraph(id), "¶{}", i + 1);
    }
    assert!(whole.text().starts_with(head.text()));
    // A short PDF is read whole at once.
    assert!(
        Document::load_preview(
            &fixture("report-chromium.pdf"),
            LoadOptions::default(),
            1024
        )
        .unwrap()
        .is_none()
    );
}

/// A chapter with no heading of its own takes its title from the table of contents; one
/// with a heading keeps it and gets no second.
#[test]
fn epub_chapters_without_headings_are_named_by_the_contents() {
    let container = br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    let opf = br#"<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>Two Chapters</dc:title><dc:language>en</dc:language></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="one" href="one.xhtml" media-type="application/xhtml+xml"/><item id="two" href="two.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="one"/><itemref idref="two"/></spine></package>"#;
    let nav = br#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body><nav epub:type="toc"><ol><li><a href="one.xhtml">The First Chapter</a></li><li><a href="two.xhtml">The Second Chapter</a></li></ol></nav></body></html>"#;
    let one = br#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>1</title></head><body><h1>Chapter One Itself</h1><p>First text.</p></body></html>"#;
    let two = br#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>2</title></head><body><p>Second text.</p></body></html>"#;
    let epub = zip_of(&[
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", container),
        ("OEBPS/content.opf", opf),
        ("OEBPS/nav.xhtml", nav),
        ("OEBPS/one.xhtml", one),
        ("OEBPS/two.xhtml", two),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.epub");
    std::fs::write(&file, epub).unwrap();
    assert_eq!(
        text_of(&file, &[]),
        "# Chapter One Itself\n\nFirst text.\n\n# The Second Chapter\n\nSecond text.\n"
    );
}
