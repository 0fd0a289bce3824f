"""MEDLINE/PubMed ``.nbib``: the tagged text PubMed's "Send to: Citation manager" gives.

A record is a run of lines ``TAG - value`` (the tag left-aligned in four columns, then
``- ``); a line starting with spaces continues the value above; a blank line ends the
record. Tags follow NLM's "MEDLINE/PubMed Data Element (Field) Descriptions". Reading
only: the format is PubMed's export, and what other programs import from it is
journal-article metadata that RIS or CSL-JSON carry as well.

The field map (docs/formats.md, "MEDLINE/PubMed nbib") keeps every tag: those with no
CSL variable go to ``custom.nbib`` as ``{tag: [values]}``.
"""

from __future__ import annotations

import re
from typing import Any, Final, NamedTuple

from bibconv.diagnostics import Diagnostic, LineIndex, Location, ParseError, warning
from bibconv.formats.ris import clean_doi, parse_date, parse_name
from bibconv.keys import assign_ids
from bibconv.model import CslItem, CslName
from bibconv.protocols import Format, Parsed, ReadOptions

NAME: Final = "nbib"

_TAG_LINE: Final = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_CONTINUATION: Final = re.compile(r"[ \t]+\S")


class Field(NamedTuple):
    tag: str
    value: str
    location: Location


# PT (publication type) -> CSL type: the first PT of a record that this names decides.
PUBLICATION_TYPES: Final[dict[str, str]] = {
    "Journal Article": "article-journal",
    "Preprint": "article",
    "Book": "book",
    "Book Chapter": "chapter",
    "Newspaper Article": "article-newspaper",
    "Technical Report": "report",
    "Dataset": "dataset",
    "Video-Audio Media": "motion_picture",
    "Legal Case": "legal_case",
    "Legislation": "legislation",
}
_DEFAULT_TYPE: Final = "article-journal"

#: One-valued tags with a CSL variable of their own (the first value wins; the rest go
#: to ``custom.nbib``).
TEXT_TAGS: Final[dict[str, str]] = {
    "PMID": "PMID",
    "PMC": "PMCID",
    "TI": "title",
    "AB": "abstract",
    "CI": "license",
    "VI": "volume",
    "IP": "issue",
    "JT": "container-title",
    "TA": "container-title-short",
    "CTI": "collection-title",
    "PB": "publisher",
    "ISBN": "ISBN",
    "EN": "edition",
    "LA": "language",
}
#: Name tags: full form first, the initials-only form (before 2002) as the fallback.
NAME_TAGS: Final[dict[str, tuple[str, str]]] = {
    "author": ("FAU", "AU"),
    "editor": ("FED", "ED"),
}
#: Publication history (PHST ``yyyy/mm/dd hh:mm [status]``) statuses with a CSL date.
HISTORY_DATES: Final[dict[str, str]] = {"received": "submitted", "epublish": "available-date"}

_ID_TYPE: Final = re.compile(r"\s*\[([a-z-]+)\]\s*$")
_ISSN_MEDIUM: Final = re.compile(r"\s*\((?:Print|Electronic|Linking)\)\s*$")
_PAGE_RANGE: Final = re.compile(r"(\d+)-(\d+)")
_HISTORY: Final = re.compile(r"(\d{4})/(\d{2})/(\d{2})(?: \d{2}:\d{2})?\s*\[([a-z-]+)\]")
_COMPACT_DATE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})")


def read(text: str, options: ReadOptions) -> Parsed:
    """Read every ``PMID- `` record (a record without PMID, as in book records, too)."""
    records, diagnostics = _records(text, options.path)
    items: list[CslItem] = []
    for fields in records:
        item, problems = _item(fields)
        items.append(item)
        diagnostics.extend(problems)
    assign_ids(items)
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def _records(text: str, path: str) -> tuple[list[list[Field]], list[Diagnostic]]:
    """Lines -> records of fields, continuation lines joined with one space."""
    index = LineIndex(text, path)
    records: list[list[Field]] = []
    current: list[Field] = []
    problems: list[Diagnostic] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        line = line.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip():
            if current:
                records.append(current)
                current = []
            continue
        if _CONTINUATION.match(line) and current:
            last = current[-1]
            current[-1] = last._replace(value=f"{last.value} {line.strip()}".strip())
            continue
        tagged = _TAG_LINE.fullmatch(line.rstrip())
        if tagged is None:
            problems.append(
                warning(
                    "nbib.not-a-tag",
                    f"expected a MEDLINE line 'TAG - value' (e.g. 'PMID- 123'), found {line[:40]!r}"
                    "; skipped",
                    index.location(start),
                )
            )
            continue
        current.append(Field(tagged[1], tagged[2].strip(), index.location(start)))
    if current:
        records.append(current)
    return records, problems


def _item(fields: list[Field]) -> tuple[CslItem, list[Diagnostic]]:
    by_tag: dict[str, list[Field]] = {}
    for f in fields:
        by_tag.setdefault(f.tag, []).append(f)
    item: dict[str, Any] = {"id": "", "type": _csl_type(by_tag)}
    custom: dict[str, list[str]] = {}
    problems: list[Diagnostic] = []
    # Tags read below; PT is also kept whole in custom (the list is the record's genre).
    used = {"FAU", "AU", "FED", "ED", "CN", "BTI", "DP", "PG", "AID", "LID", "IS", "PHST", "DEP"}
    used |= {"OT", "PL"}
    for tag, variable in TEXT_TAGS.items():
        values = by_tag.get(tag, [])
        if values:
            item[variable] = values[0].value
            if len(values) > 1:
                custom[tag] = [f.value for f in values[1:]]
        used.add(tag)
    _read_titles(item, by_tag)
    _read_names(item, by_tag)
    _read_identifiers(item, by_tag, custom)
    problems.extend(_read_dates(item, by_tag, custom))
    _read_serials(item, by_tag, custom)
    if by_tag.get("PG"):
        item["page"] = expand_pages(by_tag["PG"][0].value)
    keywords = [f.value for f in by_tag.get("OT", [])]
    if keywords:
        item["keyword"] = ", ".join(keywords)
    place = by_tag.get("PL", [])
    if place and item["type"] in ("book", "chapter", "report"):
        item["publisher-place"] = place[0].value
    elif place:
        custom["PL"] = [f.value for f in place]  # a journal's country, not a publisher's place
    for tag, values in by_tag.items():
        if tag not in used or tag == "PT":
            custom.setdefault(tag, []).extend(f.value for f in values)
    if custom:
        item["custom"] = {"nbib": custom}
    return item, problems  # type: ignore[return-value]  # built key by key


def _csl_type(by_tag: dict[str, list[Field]]) -> str:
    for f in by_tag.get("PT", []):
        if f.value in PUBLICATION_TYPES:
            return PUBLICATION_TYPES[f.value]
    if "BTI" in by_tag:  # NCBI Bookshelf records may give no PT
        return "chapter" if "TI" in by_tag else "book"
    return _DEFAULT_TYPE


def _read_titles(item: dict[str, Any], by_tag: dict[str, list[Field]]) -> None:
    """NLM ends every article title with a period (its policy, not the author's): one
    final period is dropped. A book's BTI is its title; a chapter's is the container."""
    if "title" in item:
        item["title"] = _without_nlm_period(item["title"])
    book_title = by_tag.get("BTI", [])
    if book_title:
        if item["type"] == "book" and "title" not in item:
            item["title"] = book_title[0].value
        else:
            item["container-title"] = book_title[0].value


def _without_nlm_period(title: str) -> str:
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _read_names(item: dict[str, Any], by_tag: dict[str, list[Field]]) -> None:
    for variable, (full, short) in NAME_TAGS.items():
        fields = by_tag.get(full) or by_tag.get(short, [])
        names = [_with_initials(n) for n in map(parse_name, (f.value for f in fields)) if n]
        if variable == "author":
            names.extend(CslName(literal=f.value) for f in by_tag.get("CN", []))
        if names:
            item[variable] = names


def _with_initials(name: CslName) -> CslName:
    """FAU writes initials bare (``van Raaij, M J``); they get the periods the AU form
    is read with (``M. J.``), so both forms of a name read alike."""
    given = name.get("given")
    if given:
        name["given"] = " ".join(f"{w}." if _INITIAL.fullmatch(w) else w for w in given.split())
    return name


_INITIAL: Final = re.compile(r"[A-Z]")


def _read_identifiers(
    item: dict[str, Any], by_tag: dict[str, list[Field]], custom: dict[str, list[str]]
) -> None:
    """AID/LID ``value [type]``: ``[doi]`` is the DOI, ``[pmc]`` the PMCID when PMC gives
    none; every other identifier (``[pii]``, ``[bookaccession]``) stays in custom."""
    for tag in ("AID", "LID"):
        for f in by_tag.get(tag, []):
            kind = _ID_TYPE.search(f.value)
            value = f.value[: kind.start()] if kind else f.value
            if kind and kind[1] == "doi" and "DOI" not in item:
                item["DOI"] = clean_doi(value)
            elif kind and kind[1] == "pmc" and "PMCID" not in item:
                item["PMCID"] = value
            elif not (kind and kind[1] == "doi" and clean_doi(value) == item.get("DOI")):
                custom.setdefault(tag, []).append(f.value)


def _read_dates(
    item: dict[str, Any], by_tag: dict[str, list[Field]], custom: dict[str, list[str]]
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    published = by_tag.get("DP", [])
    if published:
        date, problem = parse_date(published[0].value)
        item["issued"] = date
        if problem:
            problems.append(warning("nbib.bad-date", f"DP: {problem}", published[0].location))
    for f in by_tag.get("PHST", []):
        history = _HISTORY.fullmatch(f.value)
        variable = HISTORY_DATES.get(history[4]) if history else None
        if history and variable and variable not in item:
            item[variable] = {"date-parts": [[int(history[i]) for i in (1, 2, 3)]]}
        else:
            custom.setdefault("PHST", []).append(f.value)
    for f in by_tag.get("DEP", []):
        compact = _COMPACT_DATE.fullmatch(f.value)
        if compact and "available-date" not in item:
            item["available-date"] = {"date-parts": [[int(compact[i]) for i in (1, 2, 3)]]}
        else:
            custom.setdefault("DEP", []).append(f.value)
    return problems


def _read_serials(
    item: dict[str, Any], by_tag: dict[str, list[Field]], custom: dict[str, list[str]]
) -> None:
    """IS ``1234-5678 (Print)``: the first ISSN that is not the linking ISSN."""
    fields = by_tag.get("IS", [])
    chosen = next((f for f in fields if "(Linking)" not in f.value), fields[0] if fields else None)
    if chosen is None:
        return
    item["ISSN"] = _ISSN_MEDIUM.sub("", chosen.value)
    rest = [f.value for f in fields if f is not chosen]
    if rest:
        custom["IS"] = rest


def expand_pages(pages: str) -> str:
    """MEDLINE abbreviates page ranges (``6913-7``): the end gets the start's leading
    digits back (``6913-6917``), as Zotero and bibutils read it."""
    return _PAGE_RANGE.sub(_expand_range, pages)


def _expand_range(match: re.Match[str]) -> str:
    start, end = match[1], match[2]
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{start}-{end}"


FORMAT: Final = Format(
    NAME, (".nbib", ".medline"), read=read, description="MEDLINE/PubMed (.nbib, PMID- tags)"
)
