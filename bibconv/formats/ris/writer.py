"""CSL-JSON -> RIS through the tag table, with the can-not-hold notes found by comparing each
item with what its tags read back as (derived in ``formats/ris/readback.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, cast

from bibconv import _json
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats.ris.fields import Field
from bibconv.formats.ris.mapping import (
    _FREE_KEY,
    _FREE_LINE,
    FREE_TAG,
    TAGGED_VARIABLES,
    rows_for,
)
from bibconv.formats.ris.readback import read_back
from bibconv.formats.ris.syntax import tag_of
from bibconv.formats.ris.tables import (
    CSL_TO_RIS_TYPE,
    FALLBACK_CSL_TYPE,
    FALLBACK_RIS_TYPE,
    MAPPED_TAGS,
    PROSE_TAGS,
    RIS_TO_CSL_TYPE,
)
from bibconv.losses import comparable
from bibconv.model import CslItem, current_names
from bibconv.protocols import WriteOptions, Written

# ----------------------------------------------------------------------------- writing


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """RIS text: tags in ``TAG_MAP`` order, ``ER  - `` closing every record."""
    notes: list[Diagnostic] = []
    return Written("".join(iter_write(items, options, notes)), notes)


def iter_write(
    items: Iterable[CslItem], options: WriteOptions, notes: list[Diagnostic]
) -> Iterator[str]:
    """:func:`write`'s text a record at a time (a blank line between records)."""
    separator = ""
    for item in items:
        text, item_notes = write_record(item, lossless=options.lossless)
        notes.extend(item_notes)
        yield separator + text
        separator = "\n"


def write_record(item: CslItem, *, lossless: bool = False) -> tuple[str, list[Diagnostic]]:
    """One record. What its tags would not give back exactly gets a loss note, and with
    ``lossless`` an ``N1 csl.*`` line that bibconv reads back."""
    item = current_names(item)
    fields = list(_tag_fields(item))
    back, fields = read_back(fields)
    overrides = list(_differences(cast(dict[str, Any], item), back))
    if lossless:
        fields.extend(_free_line(space, key, value) for space, key, value in overrides)
    notes = [_loss_note(item, space, key, lossless) for space, key, _ in overrides]
    return _render(fields), [n for n in notes if n is not None]


def _tag_fields(item: CslItem) -> Iterator[Field]:
    ris_type = _ris_type_of(item)
    yield Field("TY", ris_type)
    data = cast(dict[str, Any], item)
    for row in rows_for(ris_type):
        if row.from_csl is None or data.get(row.variable) is None:
            continue
        for text in row.from_csl(data[row.variable]):
            safe = _writable(row.tag, text)
            if safe is not None:
                yield Field(row.tag, safe)
    custom = data.get("custom")
    ris_custom = custom.get("ris") if isinstance(custom, dict) else None
    if isinstance(ris_custom, dict):
        for tag, values in ris_custom.items():
            if tag in ("TY", "ER") or not re.fullmatch(r"[A-Z][A-Z0-9]", str(tag)):
                continue
            for text in values if isinstance(values, list) else [values]:
                safe = _writable(tag, text) if isinstance(text, str) else None
                if safe is not None:
                    yield Field(tag, safe)


def _ris_type_of(item: CslItem) -> str:
    csl_type = item.get("type", FALLBACK_CSL_TYPE)
    custom = item.get("custom")
    ris_custom = custom.get("ris") if isinstance(custom, dict) else None
    kept = ris_custom.get("TY") if isinstance(ris_custom, dict) else None
    if isinstance(kept, list) and kept and RIS_TO_CSL_TYPE.get(str(kept[0])) == csl_type:
        return str(kept[0])
    return CSL_TO_RIS_TYPE.get(csl_type, FALLBACK_RIS_TYPE)


def _writable(tag: str, text: str) -> str | None:
    """``text`` made safe to write under ``tag``, or None when it cannot be.

    NULs are left out. Outside prose a line break becomes a space; in prose a continuation
    line that would read as a tag line is indented. The exact value then goes to an
    ``N1 csl.*`` note.
    """
    if tag == FREE_TAG and _FREE_LINE.match(text):
        return None
    # A NUL makes a file binary to every program (our reader too): it cannot be in a tag.
    text = text.replace("\0", "")
    if "\n" not in text and "\r" not in text:  # the common case: one line
        return text if text.strip() else None
    # A lone CR would end the line for readers (ours decodes files with universal newlines).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None
    first, *rest = text.split("\n")
    if tag not in PROSE_TAGS and tag in MAPPED_TAGS:
        return " ".join(part.strip() for part in text.split("\n") if part.strip())
    return "\n".join([first, *(f" {line}" if tag_of(line) else line for line in rest)])


def _render(fields: Sequence[Field]) -> str:
    lines = [f"{f.tag}  - {f.value}".rstrip() if f.value else f"{f.tag}  - " for f in fields]
    return "\n".join([*lines, "ER  - ", ""])


def _differences(item: dict[str, Any], back: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(space, key, value) for each variable whose value did not come back (None: remove)."""
    for key in dict.fromkeys([*item, *back]):
        if key != "custom" and not _same(key, item.get(key), back.get(key)):
            yield "csl", key, item.get(key)
    mine, theirs = item.get("custom") or {}, back.get("custom") or {}
    # Keys a free note cannot name, or a null value ('custom.<key>: null' removes the key):
    # all of custom at once.
    if (
        not isinstance(mine, dict)
        or not all(_FREE_KEY.fullmatch(str(k)) for k in mine)
        or None in mine.values()
    ):
        if not _same("custom", mine, theirs):
            yield "csl", "custom", item.get("custom")
        return
    for key in dict.fromkeys([*mine, *theirs]):
        if not _same(key, mine.get(key), theirs.get(key)):
            yield "custom", key, mine.get(key)


def _same(key: str, mine: Any, theirs: Any) -> bool:
    # Plain equality first: it settles almost every value, and comparable() is slower.
    return mine == theirs or bool(comparable({key: mine}) == comparable({key: theirs}))


def _free_line(space: str, key: str, value: Any) -> Field:
    return Field(FREE_TAG, f"{space}.{key}: {_free_value(value)}")


def _free_value(value: Any) -> str:
    """Plain text when it reads back as itself, else JSON (one line)."""
    if (
        isinstance(value, str)
        and value == value.strip()
        and value.splitlines() == [value]
        and "\0" not in value
    ):
        try:
            _json.loads(value)
        except ValueError:
            return value
    # The reader reads U+2028/U+2029 as spaces (sites break lines with them): escaped here.
    return json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES)


_JSON_ESCAPES: Final = {0x2028: "\\u2028", 0x2029: "\\u2029"}


def _loss_note(item: CslItem, space: str, key: str, lossless: bool) -> Diagnostic | None:
    if key == "id" and not item.get("id"):
        return None  # none to lose: the reader makes one up
    if space == "custom":
        what = f"RIS has no tag for custom field '{key}'"
    elif key == "type":
        what = f"RIS has no type for {item.get('type')!r} (written as {FALLBACK_RIS_TYPE})"
    elif key in TAGGED_VARIABLES:
        what = f"RIS cannot hold '{key}' exactly"
    else:
        what = f"RIS has no tag for '{key}'"
    carrier = f"'{FREE_TAG}  - {space}.{key}: …'"
    if lossless:
        what += f"; kept as {carrier}, which only bibconv reads back"
    else:
        lost = "its exact value is" if what.endswith("exactly") else "it is"
        what += f"; {lost} left out (--lossless keeps it as {carrier})"
    return Diagnostic(
        Severity.INFO,
        "ris.cannot-hold",
        f"{item.get('id')}: {what}",
        item_id=str(item.get("id", "")),
    )
