"""What the RIS reader makes of the fields the writer is about to write, derived field by
field and tag by tag instead of by rendering the record and scanning it again.

Two stages, as in reading. The scanner's part is derived per field (:func:`as_read`): a
value is one tag line and its continuation lines, and what comes back of it follows
from the scanner's line rules (line separators read as spaces, the first line stripped,
continuation lines stripped on the right, blank lines kept only between text). The
mapping's part is the tag table's own: :func:`bibconv.formats.ris.mapping.map_record`
folds each tag's fields through its ``TAG_MAP`` rows, in table order, which is how the
reader gives one variable several tags (``PY`` and ``DA``, ``SP`` and ``EP``) and one tag
several variables (``SN``: an ISBN or an ISSN). Each derived field is located at its own
position, so what the mapping would warn about points at the field to leave out.

The guarantee (tests/formats/ris/test_readback.py): for any item, the loss notes the
writer derives from here name exactly what ``loads(dumps(item))`` does not give back.
"""

from __future__ import annotations

import functools
from typing import Any, Final, cast

from bibconv.diagnostics import Location, Severity
from bibconv.formats.ris.fields import Field
from bibconv.formats.ris.mapping import map_record
from bibconv.formats.ris.syntax import Record, tag_of, unbroken

#: The path of the derived fields' locations (their line is the field's position).
_WRITTEN: Final = "<written>"


def read_back(fields: list[Field]) -> tuple[dict[str, Any], list[Field]]:
    """What the reader makes of ``fields`` (a record, ``TY`` first), and the fields kept.

    A field the reader would warn about (an empty name, a month 13) is left out, so
    bibconv never writes RIS that it would complain about itself; its value then
    differs on reading back, and the exact value goes to an ``N1 csl.*`` note.
    """
    while True:
        derived = [as_read(f, position) for position, f in enumerate(fields, start=1)]
        bad = {position for position, f in enumerate(derived, start=1) if f is None}
        item: dict[str, Any] = {}
        if not bad:
            mapped, problems = map_record(Record(1, cast(list[Field], derived)))
            item = cast(dict[str, Any], mapped)
            bad = {
                d.location.line for d in problems if d.location and d.severity is not Severity.INFO
            }
        bad.discard(1)  # the TY line always stays
        if not bad:
            return item, fields
        fields = [f for position, f in enumerate(fields, start=1) if position not in bad]


def as_read(written: Field, position: int) -> Field | None:
    """The field the scanner gives for ``written`` rendered as ``TAG  - value`` and its
    continuation lines; None when a continuation line would read as a tag line."""
    text = written.value
    if "\n" not in text and "\u2028" not in text and "\u2029" not in text:
        return Field(written.tag, text.strip(), _located(position))  # the common case
    first, *rest = text.split("\n")
    value = unbroken(first).strip()
    blank_lines = 0
    for line in map(unbroken, rest):
        if tag_of(line):
            return None
        if not line.strip():
            blank_lines += 1
            continue
        breaks = "\n" * (blank_lines + 1)
        value = f"{value}{breaks}{line.rstrip()}"
        blank_lines = 0
    return Field(written.tag, value, _located(position))


@functools.cache
def _located(position: int) -> Location:
    return Location(_WRITTEN, position, 1)
