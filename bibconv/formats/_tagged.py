"""Tagged-line records, the shape nbib (MEDLINE) and refer share: a record is a run of
``TAG value`` lines ended by a blank line, and a line that does not start a field may
continue the one before. The formats differ only in their tag line and their
continuation rule, which they pass in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from bibconv.diagnostics import Diagnostic, LineIndex, Location, warning


class Field(NamedTuple):
    tag: str
    value: str
    location: Location


#: (the line, its tag-line match or None, the field before) -> that field's new value
#: when the line continues it, else None.
Continuation = Callable[[str, re.Match[str] | None, Field], str | None]


def read_records(
    text: str,
    path: str,
    *,
    tag_line: re.Pattern[str],
    continuation: Continuation,
    not_a_tag: tuple[str, str],
) -> tuple[list[list[Field]], list[Diagnostic]]:
    """Lines -> records of located fields, and a warning for each line that is neither a
    field nor a continuation (``not_a_tag``: its code and what a line should look like)."""
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
        tagged = tag_line.fullmatch(line.rstrip())
        continued = continuation(line, tagged, current[-1]) if current else None
        if continued is not None:
            current[-1] = current[-1]._replace(value=continued)
        elif tagged is None:
            code, expected = not_a_tag
            found = f"expected {expected}, found {line[:40]!r}; skipped"
            problems.append(warning(code, found, index.location(start)))
        else:
            current.append(Field(tagged[1], tagged[2].strip(), index.location(start)))
    if current:
        records.append(current)
    return records, problems
