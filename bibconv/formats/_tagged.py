"""Tagged-line records, the shape nbib (MEDLINE) and refer share: a record is a run of
``TAG value`` lines ended by a blank line, and a line that does not start a field may
continue the one before. The formats differ only in their :class:`Syntax` (tag line,
continuation rule) and in how a record's fields become an item, which they pass in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from bibconv.diagnostics import Diagnostic, LineIndex, Location, ParseError, warning
from bibconv.keys import assign_ids
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions


class Field(NamedTuple):
    tag: str
    value: str
    location: Location


#: (the line, its tag-line match or None, the field before) -> that field's new value
#: when the line continues it, else None.
Continuation = Callable[[str, re.Match[str] | None, Field], str | None]
#: A record's fields -> its item (id empty unless the record gives one); problems appended.
ItemOf = Callable[[list[Field], list[Diagnostic]], CslItem]


class Syntax(NamedTuple):
    tag_line: re.Pattern[str]  # groups: tag, value
    continuation: Continuation
    not_a_tag: str  # the code of the warning for a line that is neither
    expected: str  # what a field line looks like, for that warning


def read(text: str, options: ReadOptions, syntax: Syntax, item_of: ItemOf) -> Parsed:
    """Every record as an item, ids assigned; with ``options.strict`` any problem raises."""
    records, diagnostics = read_records(text, options.path, syntax)
    items = [item_of(fields, diagnostics) for fields in records]
    assign_ids(items)
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def read_records(
    text: str, path: str, syntax: Syntax
) -> tuple[list[list[Field]], list[Diagnostic]]:
    """Lines -> records of located fields, and a warning for each line that is neither a
    field nor a continuation."""
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
        tagged = syntax.tag_line.fullmatch(line.rstrip())
        continued = syntax.continuation(line, tagged, current[-1]) if current else None
        if continued is not None:
            current[-1] = current[-1]._replace(value=continued)
        elif tagged is None:
            found = f"expected {syntax.expected}, found {line[:40]!r}; skipped"
            problems.append(warning(syntax.not_a_tag, found, index.location(start)))
        else:
            current.append(Field(tagged[1], tagged[2].strip(), index.location(start)))
    if current:
        records.append(current)
    return records, problems
