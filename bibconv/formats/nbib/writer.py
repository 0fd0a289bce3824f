"""CSL-JSON -> MEDLINE/PubMed: tags in PubMed's order and 80-column wrapping, ``custom.nbib``
written back; what MEDLINE has no tag for gets an ``nbib.cannot-hold`` note."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, cast

from bibconv._vocab import MONTH_ABBREVIATIONS, SEASONS
from bibconv.diagnostics import Diagnostic
from bibconv.formats.nbib.reader import expand_pages, with_initials, without_nlm_period
from bibconv.formats.nbib.tables import (
    _DEFAULT_TYPE,
    NAME,
    NAME_TAGS,
    PLACE_TYPES,
    PUBLICATION_TYPE_OF,
    PUBLICATION_TYPES,
    TEXT_TAGS,
)
from bibconv.formats.ris import clean_doi, parse_name
from bibconv.formats.ris.names import format_name
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
from bibconv.protocols import WriteOptions, Written

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
        if without_nlm_period(written) != str(title):
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
            back = with_initials(parse_name(text) or {})
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
