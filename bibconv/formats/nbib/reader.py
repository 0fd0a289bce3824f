"""MEDLINE/PubMed -> CSL-JSON: ``TAG - value`` records (``_tagged``) mapped through the tag
tables; every tag with no CSL variable is kept in ``custom.nbib``."""

from __future__ import annotations

import re
from typing import Any, Final

from bibconv.diagnostics import Diagnostic, warning
from bibconv.formats import _tagged
from bibconv.formats._tagged import Field
from bibconv.formats.nbib.tables import (
    _DEFAULT_TYPE,
    HISTORY_DATES,
    NAME_TAGS,
    PLACE_TYPES,
    PUBLICATION_TYPE_OF,
    PUBLICATION_TYPES,
    TEXT_TAGS,
)
from bibconv.formats.ris import clean_doi, parse_date, parse_name
from bibconv.model import (
    CslItem,
    CslName,
)
from bibconv.protocols import Parsed, ReadOptions

_TAG_LINE: Final = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_CONTINUATION: Final = re.compile(r"[ \t]+\S")

_ID_TYPE: Final = re.compile(r"\s*\[([a-z-]+)\]\s*$")
_ISSN_MEDIUM: Final = re.compile(r"\s*\((?:Print|Electronic|Linking)\)\s*$")
_PAGE_RANGE: Final = re.compile(r"(\d+)-(\d+)")
_HISTORY: Final = re.compile(r"(\d{4})/(\d{2})/(\d{2})(?: \d{2}:\d{2})?\s*\[([a-z-]+)\]")
_COMPACT_DATE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})")


def read(text: str, options: ReadOptions) -> Parsed:
    """Read every ``PMID- `` record (a record without PMID, as in book records, too)."""
    return _tagged.read(text, options, _SYNTAX, _item)


def _continued(line: str, tagged: re.Match[str] | None, last: Field) -> str | None:
    """An indented line continues the field before (MEDLINE wraps values at 80 columns)."""
    del tagged  # an indented line is never a tag line
    return f"{last.value} {line.strip()}".strip() if _CONTINUATION.match(line) else None


_SYNTAX: Final = _tagged.Syntax(
    _TAG_LINE,
    _continued,
    "nbib.not-a-tag",
    "a MEDLINE line 'TAG - value' (e.g. 'PMID- 123')",
)


def _item(fields: list[Field], problems: list[Diagnostic]) -> CslItem:
    by_tag: dict[str, list[Field]] = {}
    for f in fields:
        by_tag.setdefault(f.tag, []).append(f)
    item: dict[str, Any] = {"id": "", "type": _csl_type(by_tag)}
    custom: dict[str, list[str]] = {}
    # Tags read below (or, as PT, kept in custom when the type does not say all).
    used = {"FAU", "AU", "FED", "ED", "CN", "BTI", "DP", "PG", "AID", "LID", "IS", "PHST", "DEP"}
    used |= {"OT", "PL", "PT"}
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
    if place and item["type"] in PLACE_TYPES:
        item["publisher-place"] = place[0].value
    elif place:
        custom["PL"] = [f.value for f in place]  # a journal's country, not a publisher's place
    # All PTs stay in custom (the list is the record's genre) unless the type alone says it.
    types = [f.value for f in by_tag.get("PT", [])]
    keep_types = types != [PUBLICATION_TYPE_OF.get(item["type"])]
    for tag, values in by_tag.items():
        if tag not in used or (tag == "PT" and keep_types):
            custom.setdefault(tag, []).extend(f.value for f in values)
    if custom:
        item["custom"] = {"nbib": custom}
    return item  # type: ignore[return-value]  # built key by key


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
        item["title"] = without_nlm_period(item["title"])
    book_title = by_tag.get("BTI", [])
    if book_title:
        if item["type"] == "book" and "title" not in item:
            item["title"] = book_title[0].value
        else:
            item["container-title"] = book_title[0].value


def without_nlm_period(title: str) -> str:
    """``Title.`` -> ``Title``; ``et al..`` -> ``et al.`` (NLM's period after the
    author's); an ellipsis stays."""
    return title[:-1] if title.endswith(".") and not title.endswith("...") else title


def _read_names(item: dict[str, Any], by_tag: dict[str, list[Field]]) -> None:
    for variable, (full, short) in NAME_TAGS.items():
        fields = by_tag.get(full) or by_tag.get(short, [])
        names = [with_initials(n) for n in map(parse_name, (f.value for f in fields)) if n]
        if variable == "author":
            names.extend(CslName(literal=f.value) for f in by_tag.get("CN", []))
        if names:
            item[variable] = names


def with_initials(name: CslName) -> CslName:
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
