"""Recall and precision of `bibconv lint` on planted defects (run on demand).

    python benchmarks/check_planted.py [BIB] [--entries 400] [--seed 5]

Takes the entries of a real file (default ../shared/data/mixed1k-parseable.bib) on which
the default rules report nothing, plants one defect of a kind issue #5 lists into every
other entry, and checks the result with the default rules (JSON output). An entry counts
as found if a report carries its key (junk between entries: a report at the junk's line);
a report on an entry with nothing planted is a false alarm. Cascades (a syntax error
spilling into the next entry) show up as false alarms too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT = ROOT.parent / "shared" / "data" / "mixed1k-parseable.bib"
sys.path.insert(0, str(ROOT))

from bibconv import lint  # noqa: E402
from bibconv.formats.bibtex import syntax  # noqa: E402

Plant = Callable[[str, str, random.Random], str | None]


def _sub_field(name: str, new: Callable[[str], str]) -> Plant:
    def plant(entry: str, key: str, rng: random.Random) -> str | None:
        match = re.search(rf"(?im)^(\s*{name}\s*=\s*)([{{\"])(.*?)([}}\"]),?\s*$", entry)
        if match is None:
            return None
        return entry[: match.start(3)] + new(match.group(3)) + entry[match.end(3) :]

    return plant


def _unbalanced(entry: str, key: str, rng: random.Random) -> str | None:
    match = re.search(r"(?im)^(\s*title\s*=\s*\{.*)\},\s*$", entry)
    return None if match is None else entry[: match.end(1)] + "," + entry[match.end() :]


def _missing_comma(entry: str, key: str, rng: random.Random) -> str | None:
    lines = entry.split("\n")
    candidates = [i for i, line in enumerate(lines[1:-2], 1) if line.rstrip().endswith("},")]
    if not candidates:
        return None
    i = rng.choice(candidates)
    lines[i] = lines[i].rstrip()[:-1]
    return "\n".join(lines)


def _duplicate_field(entry: str, key: str, rng: random.Random) -> str | None:
    match = re.search(r"(?im)^\s*title\s*=.*$", entry)
    if match is None or not match.group().rstrip().endswith(","):
        return None
    return entry[: match.end()] + "\n" + match.group() + entry[match.end() :]


def _drop_required(entry: str, key: str, rng: random.Random) -> str | None:
    kind = entry[1 : entry.index("{")].lower()
    name = {"article": "journal", "inproceedings": "booktitle", "book": "publisher"}.get(kind)
    if name is None or "crossref" in entry.lower():
        return None
    match = re.search(rf"(?im)^\s*{name}\s*=.*,\s*$\n", entry)
    return None if match is None else entry[: match.start()] + entry[match.end() :]


def _add_field(line: str) -> Plant:
    def plant(entry: str, key: str, rng: random.Random) -> str | None:
        first_line_end = entry.index("\n")
        return entry[: first_line_end + 1] + f"  {line},\n" + entry[first_line_end + 1 :]

    return plant


def _set_field(name: str, value: str) -> Plant:
    def plant(entry: str, key: str, rng: random.Random) -> str | None:
        cleaned = re.sub(rf"(?im)^\s*{name}\s*=.*,\s*$\n", "", entry)
        return _add_field(f"{name} = {value}")(cleaned, key, rng)

    return plant


def _joined_authors(entry: str, key: str, rng: random.Random) -> str | None:
    match = re.search(r"(?im)^(\s*author\s*=\s*\{)(.*)\},\s*$", entry)
    if match is None or " and " not in match.group(2):
        return None
    joined = match.group(2).replace(" and ", ", ")
    return entry[: match.start(2)] + joined + entry[match.end(2) :]


def _et_al(entry: str, key: str, rng: random.Random) -> str | None:
    match = re.search(r"(?im)^(\s*author\s*=\s*\{)(.*?)( and .*)?\},\s*$", entry)
    if match is None:
        return None
    return (
        entry[: match.start(2)]
        + match.group(2)
        + " et al."
        + entry[match.end(2) :].replace(match.group(3) or "\0", "", 1)
    )


PLANTS: dict[str, Plant] = {
    "unbalanced-brace": _unbalanced,
    "missing-comma": _missing_comma,
    "duplicate-field": _duplicate_field,
    "missing-field": _drop_required,
    "undefined-macro": _set_field("journal", "jnoexist"),
    "missing-crossref": _add_field("crossref = {no-such-key-2000}"),
    "invalid-month": _set_field("month", "{Jnu}"),
    "implausible-year": _set_field("year", "{20199}"),
    "page-hyphen": _set_field("pages", "{112-119}"),
    "unescaped": _sub_field("title", lambda t: t + " & More"),
    "unprotected-caps": _sub_field("title", lambda t: t + " with BERT"),
    "malformed-doi": _set_field("doi", "{https://doi.org/10.1000/xyz.123}"),
    "malformed-url": _set_field("url", "{https://example.org/a b}"),
    "author-commas": _joined_authors,
    "et-al": _et_al,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bib", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--entries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    text = args.bib.read_text(encoding="utf-8")
    doc = syntax.parse(text)
    reported = {d.item_id for d in lint(text)}
    preamble = "".join(text[b.start : b.end] + "\n" for b in doc.strings)
    clean = [
        e
        for e in doc.entries
        if e.key not in reported
        and e.key.isascii()
        and e.type in {"article", "inproceedings", "book", "incollection", "techreport", "misc"}
        and "crossref" not in {f.name for f in e.fields}
    ][: args.entries]
    out, planted, kinds = [], {}, list(PLANTS)
    extras: list[str] = []
    for i, entry in enumerate(clean):
        source = text[entry.start : entry.end]
        if i % 2 == 1:
            kind = kinds[(i // 2) % len(kinds)]
            changed = PLANTS[kind](source, entry.key, rng)
            if changed is not None and changed != source:
                source, planted[entry.key] = changed, kind
        out.append(source)
        if i % 40 == 20:  # junk between entries, a duplicate key, the same work twice
            extras.append(f"junk-{i}")
            out.append("this line is not in any entry }")
            copy = source.replace(entry.key, entry.key + "-copy", 1)
            planted[entry.key + "-copy"] = "duplicate-work"
            out.append(copy)
    bib = preamble + "\n\n".join(out) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "planted.bib"
        path.write_text(bib, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "bibconv", "lint", str(path), "--format", "json"],
            capture_output=True,
            text=True,
            lint=False,
        )
    reports = json.loads(result.stdout)
    hit_keys = {r["key"] for r in reports}
    junk_reports = sum(1 for r in reports if r["key"] is None and r["code"] == "bib.junk")
    found = Counter(kind for key, kind in planted.items() if key in hit_keys)
    total = Counter(planted.values())
    false = [r for r in reports if r["key"] is not None and r["key"] not in planted]
    print(f"{len(clean)} clean entries, {len(planted)} planted, {len(extras)} junk lines")
    for kind in sorted(total):
        print(f"  {kind:<18} {found[kind]:>3}/{total[kind]:<3}")
    recall = (sum(found.values()) + min(junk_reports, len(extras))) / (len(planted) + len(extras))
    flagged = len(hit_keys - {None}) + junk_reports
    precision = (flagged - len({r["key"] for r in false})) / max(flagged, 1)
    print(f"junk found {junk_reports}/{len(extras)}")
    print(f"recall {recall:.3f}  precision {precision:.3f}  false alarms {len(false)}")
    for r in false[:20]:
        print("  FALSE", r["key"], r["code"], r["message"][:100])
    for key, kind in planted.items():
        if key not in hit_keys:
            print("  MISSED", key, kind)


if __name__ == "__main__":
    main()
