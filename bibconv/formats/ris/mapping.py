"""The tag table (TAG_MAP) and one record <-> one CSL item."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final, cast

from bibconv import _json
from bibconv.diagnostics import Diagnostic, info, warning
from bibconv.formats.ris.fields import (
    _MAPPED_TAGS,
    CSL_TO_RIS_TYPE,
    FALLBACK_CSL_TYPE,
    RIS_TO_CSL_TYPE,
    TAG_MAP,
    Field,
    Tag,
    _links_of,
)
from bibconv.formats.ris.syntax import Record
from bibconv.formats.ris.tables import LINK_LIST_TAGS, PROCITE_NOTE_TAGS, UNMAPPED_STANDARD_TAGS
from bibconv.model import CslItem

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
        for f in _links_of(fields) if tag in LINK_LIST_TAGS else fields:
            _keep_in_custom(custom_ris, f)
        if tag not in _MAPPED_TAGS and tag not in UNMAPPED_STANDARD_TAGS:
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
