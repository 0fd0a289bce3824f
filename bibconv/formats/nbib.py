"""MEDLINE/PubMed ``.nbib``: the tagged text PubMed's "Send to: Citation manager" gives.

A record is a run of lines ``TAG - value`` (the tag left-aligned in four columns, then
``- ``); a line starting with spaces continues the value above; a blank line ends the
record. Tags follow NLM's "MEDLINE/PubMed Data Element (Field) Descriptions".

The field map (docs/formats.md, "MEDLINE/PubMed nbib") keeps every tag: those with no
CSL variable go to ``custom.nbib`` as ``{tag: [values]}``. The writer uses the same
tables the other way and writes ``custom.nbib`` back, in PubMed's tag order and line
wrapping; what MEDLINE has no tag for is left out with an ``nbib.cannot-hold`` note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, cast

from bibconv._vocab import MONTH_ABBREVIATIONS, SEASONS
from bibconv.diagnostics import Diagnostic, warning
from bibconv.formats import _tagged
from bibconv.formats._tagged import Field
from bibconv.formats.ris import clean_doi, parse_date, parse_name
from bibconv.formats.ris.fields import format_name
from bibconv.losses import (
    CSL_TEXT_VARIABLES,
    LOSSES,
    cannot_hold,
    cannot_hold_exactly,
    comparable,
    unheld,
)
from bibconv.model import (
    DATE_VARIABLES,
    NAME_VARIABLES,
    CslItem,
    CslName,
    current_names,
    single_date_parts,
)
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "nbib"

_TAG_LINE: Final = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_CONTINUATION: Final = re.compile(r"[ \t]+\S")


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
#: CSL type -> the PT it is written as (the table read the other way).
PUBLICATION_TYPE_OF: Final[dict[str, str]] = {csl: pt for pt, csl in PUBLICATION_TYPES.items()}

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
    "GN": "note",
}
#: Name tags: full form first, the initials-only form (before 2002) as the fallback.
NAME_TAGS: Final[dict[str, tuple[str, str]]] = {
    "author": ("FAU", "AU"),
    "editor": ("FED", "ED"),
}
#: Publication history (PHST ``yyyy/mm/dd hh:mm [status]``) statuses with a CSL date.
HISTORY_DATES: Final[dict[str, str]] = {"received": "submitted", "epublish": "available-date"}
#: Types whose ``PL`` is the publisher's place (for articles it is the journal's country).
PLACE_TYPES: Final = frozenset({"book", "chapter", "report"})

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
        item["title"] = _without_nlm_period(item["title"])
    book_title = by_tag.get("BTI", [])
    if book_title:
        if item["type"] == "book" and "title" not in item:
            item["title"] = book_title[0].value
        else:
            item["container-title"] = book_title[0].value


def _without_nlm_period(title: str) -> str:
    """``Title.`` -> ``Title``; ``et al..`` -> ``et al.`` (NLM's period after the
    author's); an ellipsis stays."""
    return title[:-1] if title.endswith(".") and not title.endswith("...") else title


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


# Writing ------------------------------------------------------------------------------

LABEL: Final = "MEDLINE/PubMed"
#: Every CSL variable the writer has a tag for: all but ``LOSSES["nbib"]``.
HELD: Final = frozenset({*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES}) - LOSSES[NAME]
#: PubMed's tag order in its export (articles and Bookshelf records); a tag it does not
#: name comes after these, in the item's own order. Tags sharing a rank (an author's
#: FAU/AU pair, its AD) stay in the order written.
TAG_ORDER: Final[tuple[tuple[str, ...], ...]] = (
    ("PMID",), ("OWN",), ("STAT",), ("DRDT",), ("CTDT",), ("DCOM",), ("LR",), ("PB",),
    ("IS",), ("ISBN",), ("VI",), ("IP",), ("DP",), ("TI",), ("PG",), ("BTI",), ("CTI",),
    ("EN",), ("LID",), ("AB",), ("CI",), ("FED", "ED"), ("FAU", "AU", "AD", "AUID"),
    ("CN",), ("LA",), ("GR",), ("PT",), ("DEP",), ("PL",), ("TA",), ("JT",), ("JID",),
    ("RN",), ("SB",), ("MH",), ("OTO",), ("OT",), ("GN",), ("PMC",), ("MID",), ("OID",),
    ("EDAT",), ("MHDA",), ("CDAT",), ("CRDT",), ("PHST",), ("AID",), ("PST",), ("SO",),
)  # fmt: skip
_RANK: Final = {tag: rank for rank, tags in enumerate(TAG_ORDER) for tag in tags}
#: PubMed wraps a value at 80 characters; continuation lines are indented by 6 spaces.
WIDTH: Final = 80
_INDENT: Final = " " * 6
_TAG_NAME: Final = re.compile(r"[A-Z][A-Z0-9]{1,3}")
_DOTTED_INITIAL: Final = re.compile(r"[A-Z]\.")
_INITIALS_SPLIT: Final = re.compile(r"[\s.\-]+")
_SIMPLE_RANGE: Final = re.compile(r"(\d+)\s*[-‐‑‒–—]+\s*(\d+)")
#: Tags written from their own variable by code below, not from ``TEXT_TAGS``.
_WRITTEN_ELSEWHERE: Final = frozenset({"TI", "JT"})


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """One record per item, a blank line between them, tags in PubMed's order."""
    del options  # no carriers: MEDLINE has no tag only bibconv reads
    records: list[str] = []
    notes: list[Diagnostic] = []
    for item in items:
        tags, item_notes = tags_of(item)
        records.append("".join(tag_line(tag, value) for tag, value in tags))
        notes.extend(item_notes)
    return Written("\n".join(records), notes)


def tag_line(tag: str, value: str) -> str:
    """``TAG - value``, wrapped at :data:`WIDTH` between words (the reader joins the
    lines with one space, so the value must be on one line with single spaces)."""
    lines: list[str] = []
    current = ""
    for word in value.split():
        if current and len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return f"{tag:<4}- " + "".join(
        f"{line}\n" if i == 0 else f"{_INDENT}{line}\n" for i, line in enumerate(lines)
    )


class _Record:
    """The tags of one item being written, and what it could not hold."""

    def __init__(self, item: CslItem) -> None:
        self.data: dict[str, Any] = dict(current_names(item))
        self.type = str(self.data.get("type", ""))
        self.tags: list[tuple[str, str]] = []
        self.notes: list[Diagnostic] = []

    def add(self, tag: str, variable: str, text: str | None = None) -> None:
        """``tag`` with ``text`` (default: the variable's value) on one line; a value
        that was not on one line with single spaces is noted."""
        value = self.data.get(variable)
        if text is None:
            if value is None or value == "" or isinstance(value, dict | list):
                return
            text = str(value)
        one_line = _one_line(text)
        if one_line:
            self.tags.append((tag, one_line))
        if one_line != text and variable in self.data:
            self.change(variable, "(written on one line, with single spaces)")

    def lose(self, key: str, why: str = "") -> None:
        """``key`` is not written."""
        self.notes.append(cannot_hold(self.data, LABEL, "nbib.cannot-hold", key, why))

    def change(self, key: str, how: str) -> None:
        """``key`` is written, but reads back otherwise (``how`` says why)."""
        self.notes.append(cannot_hold_exactly(self.data, LABEL, "nbib.cannot-hold", key, how))


def tags_of(item: CslItem) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """The (tag, value) lines of one item in PubMed's order, and its loss notes."""
    record = _Record(item)
    _write_text_tags(record)
    _write_titles(record)
    _write_names(record)
    _write_dates(record)
    _write_identifiers(record)
    _write_pages_and_keywords(record)
    _write_custom(record)
    if not record.tags:  # a record of no lines would be no record: the type the reader gives
        record.tags.append(("PT", PUBLICATION_TYPE_OF[_DEFAULT_TYPE]))
    record.tags.sort(key=lambda tag_value: _RANK.get(tag_value[0], len(_RANK)))  # stable
    lost = unheld(record.data, HELD | {"type", "custom.nbib"})
    notes = [cannot_hold(record.data, LABEL, "nbib.cannot-hold", key) for key in lost]
    return record.tags, notes + record.notes


def _write_text_tags(record: _Record) -> None:
    for tag, variable in TEXT_TAGS.items():
        if tag not in _WRITTEN_ELSEWHERE:
            record.add(tag, variable)
    place = record.data.get("publisher-place")
    if place is not None and place != "":
        if record.type in PLACE_TYPES:
            record.add("PL", "publisher-place")
        else:
            why = f"{LABEL} has no tag for the 'publisher-place' of a {record.type!r} item"
            record.lose("publisher-place", why + " (its PL is the journal's country)")


def _write_titles(record: _Record) -> None:
    """A book's title is its BTI, a chapter's container its BTI; other titles are TI
    with NLM's final period, other containers the journal (JT)."""
    title = record.data.get("title")
    if record.type == "book":
        record.add("BTI", "title")
    elif title is not None and title != "" and _one_line(str(title)):
        written = with_nlm_period(_one_line(str(title)))
        record.tags.append(("TI", written))
        if _without_nlm_period(written) != str(title):
            record.change("title", "(one line, single spaces; a final period is NLM's own)")
    elif title is not None and title != "":
        record.lose("title", f"{LABEL} has no 'title' of white space only")
    record.add("BTI" if record.type == "chapter" else "JT", "container-title")
    own = PUBLICATION_TYPE_OF.get(record.type)
    if own is None and record.type != _DEFAULT_TYPE:
        record.change("type", f"(no PT for {record.type!r}: read back as {_DEFAULT_TYPE})")
    custom_types = [_one_line(str(t)) for t in _custom_values(record.data, "PT")]
    record.tags.extend(("PT", t) for t in _publication_types(own, custom_types))


def _one_line(text: str) -> str:
    """``text`` as a tag holds it: one line, single spaces, no NUL (which would make the
    file binary to every program)."""
    return " ".join(text.replace("\0", " ").split())


def with_nlm_period(title: str) -> str:
    """NLM ends every title with a period unless it ends with ``?``, ``!`` or ``...``."""
    return title if title.endswith(("?", "!", "...")) else f"{title}."


def _publication_types(own: str | None, kept: list[str]) -> list[str]:
    """The record's PT lines: as read (``custom.nbib.PT``) when its first known PT is
    the item's type, else the type's PT first and the PTs that name no type."""
    if own is None:
        return kept
    first = next((t for t in kept if t in PUBLICATION_TYPES), None)
    if first == own:
        return kept
    return [own, *(t for t in kept if t not in PUBLICATION_TYPES)]


def _write_names(record: _Record) -> None:
    """People as FAU (``Family, Given``, initials without periods) and AU (``Family
    GI``); an author that is a group as CN, after the people (as the reader reads it)."""
    for variable, (full, short) in NAME_TAGS.items():
        listed = record.data.get(variable) or []
        names = [cast(CslName, n) for n in listed if isinstance(n, dict) and n]
        groups = [n for n in names if "literal" in n]
        people = [n for n in names if "literal" not in n]
        for name in people:
            text = _one_line(format_name(_pubmed_initials(name)))
            record.tags += [(full, text), (short, _one_line(_short_form(name)))]
            back = _with_initials(parse_name(text) or {})
            if back != name:
                record.change(variable, f"({full} {text!r}: {_name_change(name, back)})")
        if variable == "author":
            record.tags += [("CN", _one_line(str(g["literal"]))) for g in groups]
            if any(_one_line(str(g["literal"])) != g["literal"] for g in groups):
                record.change(variable, "(a group written on one line, with single spaces)")
            if groups and names[-len(groups) :] != groups:
                record.change(variable, "(groups, CN, come after the people)")
        elif groups:
            record.lose(variable, f"{LABEL} has no tag for a group in '{variable}'")


def _name_change(name: CslName, back: CslName) -> str:
    """How a name reads back otherwise, in words."""
    if "non-dropping-particle" in name or "dropping-particle" in name:
        return "its particle reads back as part of a name"
    changed = [part for part in ("family", "given", "suffix") if name.get(part) != back.get(part)]
    return ", ".join(f"{part} reads back as {back.get(part, '')!r}" for part in changed)


def _pubmed_initials(name: CslName) -> CslName:
    """``M. J.`` -> ``M J`` as FAU writes them (the reader puts the periods back)."""
    given = name.get("given")
    if not given:
        return name
    bare = " ".join(w[0] if _DOTTED_INITIAL.fullmatch(w) else w for w in given.split())
    return {**name, "given": bare}


def _short_form(name: CslName) -> str:
    """The AU form: family, then the initials run together (``van Raaij MJ``)."""
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    initials = "".join(w[0].upper() for w in _INITIALS_SPLIT.split(given) if w)
    return " ".join(p for p in (family, initials, name.get("suffix", "")) if p)


def _write_dates(record: _Record) -> None:
    """``issued`` as DP (``1996 Jul 9``), ``submitted`` as a PHST ``[received]`` line,
    ``available-date`` as DEP (``20240115``)."""
    issued = record.data.get("issued")
    if issued is not None:
        text = published_date(issued)
        if text is None:
            parts = issued.get("date-parts") if isinstance(issued, dict) else None
            start = parts[0] if isinstance(parts, list) and parts else None
            text = published_date({"date-parts": [start]}) if isinstance(start, list) else None
            if text:
                record.change(
                    "issued", f"(DP: a date, season or range in a year; written {text!r})"
                )
            else:
                record.lose("issued", f"{LABEL} cannot hold 'issued' (DP: a date, season or range)")
        if text:
            record.tags.append(("DP", text))
    history = (("submitted", "PHST", "{:04d}/{:02d}/{:02d} 00:00 [received]"),
               ("available-date", "DEP", "{:04d}{:02d}{:02d}"))  # fmt: skip
    for variable, tag, pattern in history:
        date = record.data.get(variable)
        parts = single_date_parts(date)
        if parts is not None and len(parts) == 3:
            record.tags.append((tag, pattern.format(*parts)))
        elif date is not None:
            record.lose(variable, f"{LABEL} holds '{variable}' only as a day ({tag})")


def published_date(date: Any) -> str | None:
    """DP text for a CSL date it can hold: ``2009``, ``1996 Jul``, ``1996 Jul 9``,
    ``2024 Spring``, and ranges within a year (``2019 Jul-Aug``, ``1999 Jul 1-15``,
    ``2001-2002``); None for anything else."""
    if not isinstance(date, dict) or set(date) - {"date-parts", "season"}:
        return None
    ranges = date.get("date-parts")
    if not isinstance(ranges, list) or not 1 <= len(ranges) <= 2:
        return None
    if not all(isinstance(p, list) and 1 <= len(p) <= 3 for p in ranges):
        return None
    if not all(isinstance(n, int) and not isinstance(n, bool) for p in ranges for n in p):
        return None
    season = date.get("season")
    if season is not None:
        named = isinstance(season, str) and season.lower() in SEASONS
        return f"{ranges[0][0]} {season}" if named and ranges == [ranges[0][:1]] else None
    if not all(len(p) < 2 or 1 <= p[1] <= 12 for p in ranges):
        return None
    if not all(len(p) < 3 or 1 <= p[2] <= 31 for p in ranges):
        return None
    if len(ranges) == 1:
        return _date_words(ranges[0])
    start, end = ranges
    if len(start) != len(end) or (len(start) > 1 and start[0] != end[0]):
        return None  # '2019 Dec-2020 Jan' has no DP spelling the reader takes
    if len(start) == 1:
        return f"{start[0]}-{end[0]}"
    if len(start) == 2:
        return f"{_date_words(start)}-{_date_words(end)[5:]}"
    tail = str(end[2]) if start[1] == end[1] else _date_words(end)[5:]
    return f"{_date_words(start)}-{tail}"


def _date_words(parts: list[int]) -> str:
    """``[1996, 7, 9]`` -> ``1996 Jul 9``."""
    words = [f"{parts[0]:04d}"]
    if len(parts) > 1:
        words.append(MONTH_ABBREVIATIONS[parts[1] - 1].capitalize())
    if len(parts) > 2:
        words.append(str(parts[2]))
    return " ".join(words)


def _write_identifiers(record: _Record) -> None:
    """The DOI as LID and AID ``[doi]`` (as PubMed lists an e-located article's), the
    PMCID as PMC (``TEXT_TAGS``), the ISSN as IS."""
    doi = record.data.get("DOI")
    if doi is not None and doi != "":
        bare = clean_doi(str(doi))
        record.add("LID", "DOI", f"{bare} [doi]")
        record.add("AID", "DOI", f"{bare} [doi]")
        if bare != str(doi):
            record.change("DOI", f"(written without its resolver: {bare!r})")
    record.add("IS", "ISSN")


def _write_pages_and_keywords(record: _Record) -> None:
    page = record.data.get("page")
    if page is not None and page != "":
        written = abbreviated_pages(_one_line(str(page)))
        record.add("PG", "page", written)
        if comparable({"page": expand_pages(written)}) != comparable({"page": str(page)}):
            record.change("page", f"({written!r} reads as an abbreviated range)")
    keyword = record.data.get("keyword")
    if isinstance(keyword, str) and keyword:
        terms = [t for t in (_one_line(t) for t in keyword.split(", ")) if t]
        record.tags += [("OT", term) for term in terms]
        if ", ".join(terms) != keyword:
            record.change("keyword", "(OT terms: one line each, none empty)")


def abbreviated_pages(pages: str) -> str:
    """``6913-6917`` -> ``6913-7`` as MEDLINE writes ranges (:func:`expand_pages` is
    the other way); other page text stays as it is."""
    whole = _SIMPLE_RANGE.fullmatch(pages)
    if whole is None:
        return pages
    start, end = whole[1], whole[2]
    if len(start) == len(end) and end > start:
        common = next(i for i, (a, b) in enumerate(zip(start, end, strict=True)) if a != b)
        end = end[common:]
    return f"{start}-{end}"


def _write_custom(record: _Record) -> None:
    """``custom.nbib`` tags back as they were read (PT is written with the type)."""
    own = record.data.get("custom", {})
    tags = own.get("nbib") if isinstance(own, dict) else None
    if not isinstance(tags, dict):
        return
    for tag in tags:
        if tag == "PT":
            continue
        if not _TAG_NAME.fullmatch(str(tag)):
            record.lose(f"custom.nbib.{tag}", f"{LABEL} has no tag {str(tag)!r} ('custom.nbib')")
            continue
        for value in _custom_values(record.data, str(tag)):
            one_line = _one_line(str(value))
            if one_line:
                record.tags.append((str(tag), one_line))
            if one_line != value:
                record.change("custom.nbib", "(its values written on one line, as text)")


def _custom_values(data: dict[str, Any], tag: str) -> list[Any]:
    own = data.get("custom", {})
    tags = own.get("nbib") if isinstance(own, dict) else None
    values = tags.get(tag, []) if isinstance(tags, dict) else []
    return values if isinstance(values, list) else [values]


FORMAT: Final = Format(
    NAME,
    (".nbib", ".medline"),
    read=read,
    write=write,
    description="MEDLINE/PubMed (.nbib, PMID- tags)",
)
