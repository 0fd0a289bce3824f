"""RIS -> CSL-JSON: every record scanned and mapped, ids settled."""

from __future__ import annotations

from bibconv.diagnostics import Diagnostic, Location, ParseError, error, warning
from bibconv.formats.ris.mapping import map_record
from bibconv.formats.ris.syntax import iter_records
from bibconv.keys import base_key, unique_key
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

# ----------------------------------------------------------------------------- reading


def read(text: str, options: ReadOptions) -> Parsed:
    """Parse RIS text into CSL items; every oddity comes back as a located diagnostic."""
    diagnostics: list[Diagnostic] = []
    items: list[CslItem] = []
    starts: list[int] = []  # the TY line of each item, for id diagnostics
    for record in iter_records(text, options.path, diagnostics):
        item, problems = map_record(record)
        diagnostics.extend(problems)
        items.append(item)
        starts.append(record.line)
    if not items and text.strip("\ufeff \t\r\n"):
        raise ParseError(
            error(
                "ris.no-records",
                "no RIS record found (expected 'TY  - ')",
                Location(options.path, 1, 1),
            )
        )
    diagnostics.extend(_settle_ids(items, starts, options.path))
    diagnostics.sort(key=_position)
    return Parsed(items, diagnostics)


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    where = diagnostic.location
    return (where.line, where.column) if where else (0, 0)


def _settle_ids(items: list[CslItem], starts: list[int], path: str) -> list[Diagnostic]:
    """Generate missing ids (CONVENTIONS key rule); a repeated id stays, with a warning.

    Repeated ids are kept as the BibTeX reader keeps duplicate keys, so that a round
    trip does not rename anything; ``bibconv check`` and the warning point at them.
    """
    taken = {item["id"] for item in items if item["id"]}
    seen: set[str] = set()
    problems = []
    for item, line in zip(items, starts, strict=True):
        if not item["id"]:
            item["id"] = unique_key(base_key(item), taken)
        elif item["id"] in seen:
            problems.append(
                warning(
                    "ris.duplicate-id",
                    f"id {item['id']!r} is also used by an earlier record",
                    Location(path, line, 1),
                )
            )
        seen.add(item["id"])
    return problems
