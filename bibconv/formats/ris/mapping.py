"""The tag table (TAG_MAP: each ``formats.ris.tables`` row with its two conversions) and
one record <-> one CSL item."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final, NamedTuple, cast

from bibconv import _json
from bibconv.diagnostics import Diagnostic, info, warning
from bibconv.formats.ris.dates import (
    PUBLICATION_DATE,
    date_from_csl,
    dates_to_csl,
    full_date_from_csl,
    looks_like_date,
    publication_date_to_csl,
    year_from_csl,
)
from bibconv.formats.ris.fields import (
    Field,
    FromCsl,
    ToCsl,
    only_values,
    text_from_csl,
    text_to_csl,
)
from bibconv.formats.ris.identifiers import (
    PMCID,
    PMID_LINK,
    doi_to_csl,
    is_doi,
    pmid_to_csl,
    serial_kind,
)
from bibconv.formats.ris.names import names_from_csl, names_to_csl
from bibconv.formats.ris.syntax import Record
from bibconv.formats.ris.tables import (
    CSL_TO_RIS_TYPE,
    FALLBACK_CSL_TYPE,
    LINK_LIST_TAGS,
    MAPPED_TAGS,
    PROCITE_NOTE_TAGS,
    RIS_TO_CSL_TYPE,
    TAG_ROWS,
    UNMAPPED_STANDARD_TAGS,
    Row,
)
from bibconv.formats.ris.text import (
    abstract_to_csl,
    joined_to_csl,
    keywords_from_csl,
    keywords_to_csl,
    links_of,
    note_to_csl,
    page_end_from_csl,
    page_end_to_csl,
    page_start_from_csl,
    page_start_to_csl,
    prose_to_csl,
    urls_to_csl,
)
from bibconv.model import CslItem

# ----------------------------------------------------------------------------- the table


class Tag(NamedTuple):
    """One row of ``TAG_MAP``: a RIS tag, its CSL variable, and the two conversions.

    ``only``/``never`` limit a row to some RIS types (a tag's meaning can depend on the
    type: ``T2`` of a ``BOOK`` is its series); empty means every type. An empty
    ``variable`` keeps the tag in ``custom.ris`` for those types. ``cascade`` and
    ``backup`` are :class:`bibconv.formats.ris.tables.Row`'s.
    """

    tag: str
    variable: str
    to_csl: ToCsl
    from_csl: FromCsl | None  # None: a synonym that is read but never written
    only: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()
    cascade: bool = False
    backup: bool = False

    def applies(self, ris_type: str) -> bool:
        return (not self.only or ris_type in self.only) and ris_type not in self.never


_joined: Final = joined_to_csl(", ")

#: A row kind of ``formats.ris.tables`` -> (reading, writing).
KINDS: Final[dict[str, tuple[ToCsl, FromCsl]]] = {
    "text": (text_to_csl, text_from_csl),
    "names": (names_to_csl, names_from_csl),
    "year": (dates_to_csl, year_from_csl),
    "full-date": (dates_to_csl, full_date_from_csl),
    "date": (dates_to_csl, date_from_csl),
    "date-shaped": (only_values(looks_like_date, dates_to_csl), date_from_csl),
    "not-date-shaped": (
        only_values(lambda v: not looks_like_date(v), text_to_csl),
        text_from_csl,
    ),
    "page-start": (page_start_to_csl, page_start_from_csl),
    "page-end": (page_end_to_csl, page_end_from_csl),
    "genre": (only_values(lambda v: not is_doi(v), text_to_csl), text_from_csl),
    "doi-in-m3": (only_values(is_doi, doi_to_csl), text_from_csl),
    "doi": (doi_to_csl, text_from_csl),
    "isbn": (only_values(lambda v: serial_kind(v) == "ISBN", _joined), text_from_csl),
    "issn": (only_values(lambda v: serial_kind(v) == "ISSN", _joined), text_from_csl),
    "serial-number": (
        only_values(lambda v: serial_kind(v) == "number", text_to_csl),
        text_from_csl,
    ),
    "pmcid": (
        only_values(lambda v: bool(PMCID.fullmatch(v.strip())), text_to_csl, rest=True),
        text_from_csl,
    ),
    "publication-date-note": (
        only_values(lambda v: v.startswith(PUBLICATION_DATE), publication_date_to_csl, rest=True),
        text_from_csl,
    ),
    "url": (
        only_values(lambda v: not PMID_LINK.fullmatch(v.strip()), urls_to_csl),
        text_from_csl,
    ),
    "pmid-link": (
        only_values(lambda v: bool(PMID_LINK.fullmatch(v.strip())), pmid_to_csl),
        text_from_csl,
    ),
    "abstract": (abstract_to_csl, text_from_csl),
    "prose": (prose_to_csl, text_from_csl),
    "keywords": (keywords_to_csl, keywords_from_csl),
    "note": (note_to_csl, text_from_csl),
}


def _tag_of_row(row: Row, rows: Sequence[Row]) -> Tag:
    """A ``formats.ris.tables`` row as a ``TAG_MAP`` row: its conversions and the types it
    gives up to the tag's overrides (the same tag's rows with ``only``, not ``extra``)."""
    to_csl, from_csl = KINDS[row.kind]
    never: frozenset[str] = frozenset()
    if not row.only:
        overrides = (r.only for r in rows if r.tag == row.tag and r.only and not r.extra)
        never = frozenset().union(*overrides)
    return Tag(
        row.tag,
        row.variable,
        to_csl,
        from_csl if row.written else None,
        row.only,
        never,
        row.cascade,
        row.backup,
    )


#: The one mapping table, both directions, built from ``formats.ris.tables.TAG_ROWS``.
#: Writing follows this order; per variable, rows with ``from_csl=None`` are only read.
TAG_MAP: Final[tuple[Tag, ...]] = tuple(_tag_of_row(row, TAG_ROWS) for row in TAG_ROWS)

#: The variables some tag writes (in some type); every other CSL variable goes to an
#: ``N1 csl.*`` note.
TAGGED_VARIABLES: Final = frozenset(row.variable for row in TAG_MAP if row.from_csl)


@functools.cache
def rows_for(ris_type: str) -> tuple[Tag, ...]:
    """The ``TAG_MAP`` rows of one RIS type, in table order."""
    return tuple(row for row in TAG_MAP if row.applies(ris_type))


@functools.cache
def _rows_by_tag(ris_type: str) -> dict[str, tuple[tuple[int, Tag], ...]]:
    """The rows of one RIS type by tag, each with its place in table order."""
    by_tag: dict[str, list[tuple[int, Tag]]] = {}
    for place, row in enumerate(rows_for(ris_type)):
        by_tag.setdefault(row.tag, []).append((place, row))
    return {tag: tuple(rows) for tag, rows in by_tag.items()}


def _rows_reading(ris_type: str, tags: Iterable[str]) -> list[Tag]:
    """The rows of ``rows_for(ris_type)`` whose tag is one of ``tags``, in table order: a
    record has a dozen of the type's hundred rows' tags, and the others read nothing."""
    index = _rows_by_tag(ris_type)
    return [row for _, row in sorted(r for tag in tags for r in index.get(tag, ()))]


#: The free tag and its ``key: value`` convention for what has no tag.
FREE_TAG: Final = "N1"


_FREE_KEY: Final = re.compile(r"[^\s:]+")


_FREE_LINE: Final = re.compile(r"\A(csl|custom)\.([^\s:]+): (.*)\Z")


# ----------------------------------------------------------------------------- mapping


def map_record(record: Record) -> tuple[CslItem, list[Diagnostic]]:
    """Stage two: one record's fields -> a CSL item (``id`` may still be empty).

    The rows of the record's type take their tags in table order. A tag no row of
    this type reads, and values a variable cannot take, are kept in ``custom.ris``.
    Empty values (``IS  - ``, which IEEE Xplore writes) are dropped, as Zotero does.
    """
    by_tag: dict[str, list[Field]] = {}
    free: list[Field] = []
    for f in map(_procite_note, record.fields[1:]):
        if not f.value.strip():
            continue
        if f.tag == FREE_TAG and _FREE_LINE.match(f.value):
            free.append(f)
        else:
            by_tag.setdefault(f.tag, []).append(f)
    item: dict[str, Any] = {}
    custom_ris: dict[str, list[str]] = {}
    problems = _map_type(record.fields[0], item, custom_ris)
    ris_type = record.fields[0].value.strip().upper()
    handed: dict[str, tuple[Tag, list[Field]]] = {}  # a cascading row's leftovers
    read_tags: set[str] = set()
    for row in _rows_reading(ris_type, by_tag):
        fields = handed.pop(row.tag)[1] if row.tag in handed else by_tag.get(row.tag)
        if not fields:
            continue
        read_tags.add(row.tag)
        if not row.variable:  # no CSL home in this type
            for f in fields:
                _keep_in_custom(custom_ris, f)
            continue
        before = item.get(row.variable)
        mapped = row.to_csl(fields, before)
        if mapped.value is not None:
            item[row.variable] = mapped.value
        problems.extend(mapped.problems)
        if row.cascade:
            handed[row.tag] = (row, mapped.rejected)
            continue
        for f in mapped.rejected:
            _keep_in_custom(custom_ris, f)
            if not row.backup:
                problems.append(_rejected_note(f, row, had_value=before is not None))
    for row, fields in handed.values():
        for f in fields:
            _keep_in_custom(custom_ris, f)
            problems.append(_rejected_note(f, row, had_value=True))
    if item.get("container-title-short") == item.get("container-title"):
        item.pop("container-title-short", None)  # IEEE Xplore's JA repeats the title
    problems.extend(_keep_unread(by_tag, read_tags, custom_ris))
    if custom_ris:  # in the record's order of tags
        order = dict.fromkeys(["TY", *(f.tag for f in record.fields), *custom_ris])
        item["custom"] = {"ris": {tag: custom_ris[tag] for tag in order if tag in custom_ris}}
    problems.extend(_apply_free_lines(item, free))
    # id first, as CSL-JSON is usually written; an empty id is generated later.
    item = {"id": str(item.pop("id", "") or ""), **item}
    return cast(CslItem, item), problems


_LABELLED_NOTE: Final = re.compile(r"([A-Z][A-Za-z() ]*[A-Za-z)]): (.*)", re.S)


def _procite_note(f: Field) -> Field:
    """ProCite's ``N1  - Record ID: 10`` note is the tag its label names (``ID``)."""
    if f.tag != "N1":
        return f
    labelled = _LABELLED_NOTE.fullmatch(f.value)
    tag = PROCITE_NOTE_TAGS.get(labelled[1]) if labelled else None
    return f._replace(tag=tag, value=labelled[2].strip()) if labelled and tag else f


def _keep_unread(
    by_tag: dict[str, list[Field]], read_tags: set[str], custom_ris: dict[str, list[str]]
) -> list[Diagnostic]:
    """Tags no row read go to ``custom``; only a tag RIS does not define is remarked."""
    problems = []
    for tag, fields in by_tag.items():
        if tag in read_tags:
            continue
        for f in links_of(fields) if tag in LINK_LIST_TAGS else fields:
            _keep_in_custom(custom_ris, f)
        if tag not in MAPPED_TAGS and tag not in UNMAPPED_STANDARD_TAGS:
            problems.append(
                info(
                    "ris.unknown-tag",
                    f"unknown tag '{tag}' kept in custom and written back",
                    fields[0].location,
                )
            )
    return problems


def _map_type(
    ty: Field, item: dict[str, Any], custom_ris: dict[str, list[str]]
) -> list[Diagnostic]:
    ris_type = ty.value.strip().upper()
    csl_type = RIS_TO_CSL_TYPE.get(ris_type)
    problems = []
    if csl_type is None:
        problems.append(
            warning(
                "ris.unknown-type",
                f"unknown RIS type {ty.value!r}; read as {FALLBACK_CSL_TYPE!r} (kept in custom)"
                if ty.value
                else f"empty RIS type; read as {FALLBACK_CSL_TYPE!r}",
                ty.location,
            )
        )
        csl_type = FALLBACK_CSL_TYPE
    item["type"] = csl_type
    # Keep the exact RIS type when the CSL type would write back a different one (EBOOK).
    if ty.value and CSL_TO_RIS_TYPE.get(csl_type) != ty.value:
        custom_ris["TY"] = [ty.value]
    return problems


def _keep_in_custom(custom_ris: dict[str, list[str]], f: Field) -> None:
    custom_ris.setdefault(f.tag, []).append(f.value)


def _rejected_note(f: Field, row: Tag, *, had_value: bool) -> Diagnostic:
    why = "already has a value" if had_value else "cannot take it"  # e.g. EP without SP
    return info(
        "ris.repeated-tag",
        f"'{row.variable}' {why}; this '{f.tag}' value is kept in custom",
        f.location,
    )


def _apply_free_lines(item: dict[str, Any], free: Sequence[Field]) -> list[Diagnostic]:
    """``N1  - csl.<variable>: <value>`` sets the variable (``null`` removes it)."""
    problems = []
    for f in free:
        match = _FREE_LINE.match(f.value)
        assert match is not None
        space, key, text = match.groups()
        try:
            value = _json.loads(text)
        except ValueError:
            value = text
        if space == "csl":
            target = item
        else:
            custom = item.setdefault("custom", {})
            if not isinstance(custom, dict):
                problems.append(warning("ris.free-line", "'custom' is not an object", f.location))
                continue
            target = custom
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    if item.get("custom") == {}:
        del item["custom"]
    return problems
