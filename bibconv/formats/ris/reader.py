"""RIS -> CSL-JSON: every record scanned and mapped, ids settled."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bibconv.diagnostics import Diagnostic, Location, ParseError, error, warning
from bibconv.formats.ris.mapping import map_record
from bibconv.formats.ris.syntax import Record, iter_records
from bibconv.keys import KeySet, base_key, unique_key
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

# ----------------------------------------------------------------------------- reading


def read(text: str, options: ReadOptions) -> Parsed:
    """Parse RIS text into CSL items; every oddity comes back as a located diagnostic."""
    diagnostics: list[Diagnostic] = []
    items: list[CslItem] = []
    starts: list[int] = []  # the TY line of each item, for id diagnostics
    for item, line in mapped(iter_records(text, options.path, diagnostics), diagnostics):
        items.append(item)
        starts.append(line)
    if not items and text.strip("\ufeff \t\r\n"):
        raise no_records(options.path)
    ids = IdSettler(options.path, {item["id"] for item in items if item["id"]}, set())
    for item, line in zip(items, starts, strict=True):
        ids.settle(item, line)
    diagnostics.extend(ids.problems)
    diagnostics.sort(key=position)
    return Parsed(items, diagnostics)


def mapped(
    records: Iterable[Record], diagnostics: list[Diagnostic]
) -> Iterator[tuple[CslItem, int]]:
    """Each record's item (its id may be empty) and the line of its TY; the mapping's
    problems go to ``diagnostics`` after the scanner's for the record."""
    for record in records:
        item, problems = map_record(record)
        diagnostics.extend(problems)
        yield item, record.line


def no_records(path: str) -> ParseError:
    return ParseError(
        error("ris.no-records", "no RIS record found (expected 'TY  - ')", Location(path, 1, 1))
    )


def position(diagnostic: Diagnostic) -> tuple[int, int]:
    where = diagnostic.location
    return (where.line, where.column) if where else (0, 0)


class IdSettler:
    """Generate missing ids (CONVENTIONS key rule); a repeated id stays, with a warning.

    ``taken``: every id of the input (the later ones too: a generated id avoids them)
    and, as they are made, the generated ones; ``seen``: the ids settled so far. Repeated
    ids are kept as the BibTeX reader keeps duplicate keys, so that a round trip does not
    rename anything; ``bibconv check`` and the warning point at them.
    """

    def __init__(self, path: str, taken: KeySet, seen: KeySet) -> None:
        self.path = path
        self.taken = taken
        self.seen = seen
        self.problems: list[Diagnostic] = []

    def settle(self, item: CslItem, line: int) -> None:
        """``item``'s id, in input order (``line``: its TY's)."""
        if not item["id"]:
            item["id"] = unique_key(base_key(item), self.taken)
        elif item["id"] in self.seen:
            self.problems.append(
                warning(
                    "ris.duplicate-id",
                    f"id {item['id']!r} is also used by an earlier record",
                    Location(self.path, line, 1),
                )
            )
        self.seen.add(item["id"])
