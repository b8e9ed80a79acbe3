#!/usr/bin/env python3
"""Scores pilcrow's article extraction against Mozilla Readability's own test pages.

Mozilla's repository (test/test-pages/<name>/source.html and expected.html, Apache-2.0) is
not vendored here; pass a folder that holds some of those page folders. For each page the
words of `pilcrow text source.html` are scored against the words of expected.html (the
article Readability.js extracts), as word-level precision, recall and F1; beside it the
same for `pilcrow text --no-extract` (the whole page) as the floor an extractor must beat.
pilcrow puts the article's title back as its first heading, which expected.html leaves
out; that heading is dropped before scoring.

Usage: benches/readability_pages.py PAGES_DIR [PILCROW_BINARY]
"""
import html.parser
import os
import re
import subprocess
import sys
from collections import Counter


class Text(html.parser.HTMLParser):
    """The text of an HTML fragment, scripts and styles left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def words(text):
    return Counter(re.findall(r"\w+", text.lower()))


def score(expected, got):
    common = sum((expected & got).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(expected.values()))
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def pilcrow_text(binary, page, *flags):
    out = subprocess.run([binary, "text", *flags, page], capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if not flags and lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines)


def main():
    folder = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/pilcrow"
    rows = []
    for name in sorted(os.listdir(folder)):
        source = os.path.join(folder, name, "source.html")
        expected_path = os.path.join(folder, name, "expected.html")
        if not (os.path.isfile(source) and os.path.isfile(expected_path)):
            continue
        parser = Text()
        parser.feed(open(expected_path, encoding="utf-8").read())
        expected = words(" ".join(parser.parts))
        article = score(expected, words(pilcrow_text(binary, source)))
        whole = score(expected, words(pilcrow_text(binary, source, "--no-extract")))
        rows.append((name, article, whole))
        print(f"{name:32} article P {article[0]:.3f} R {article[1]:.3f} F1 {article[2]:.3f}"
              f"   whole page F1 {whole[2]:.3f}")
    if rows:
        mean = lambda i, j: sum(r[i][j] for r in rows) / len(rows)
        print(f"{'mean of ' + str(len(rows)) + ' pages':32} article P {mean(1, 0):.3f} "
              f"R {mean(1, 1):.3f} F1 {mean(1, 2):.3f}   whole page F1 {mean(2, 2):.3f}")


if __name__ == "__main__":
    main()
