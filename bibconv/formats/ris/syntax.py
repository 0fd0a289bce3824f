"""RIS text -> records of located tag fields, tolerant of a missing ER, text outside records,
wrong spacing, continuation lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from bibconv.diagnostics import Diagnostic, Location, warning
from bibconv.formats.ris.fields import Field
from bibconv.formats.ris.tables import LIST_TAGS, MAPPED_TAGS, PROSE_TAGS

# ----------------------------------------------------------------------------- scanning

_EXACT_TAG: Final = re.compile(r"([A-Z][A-Z0-9])  -(?: (.*))?\Z")


# Wrong spacing still counts when a hyphen is set off by white space: "AU - Smith",
# "AU -Smith", "AU- Smith". "AB-testing" stays text.
_LOOSE_TAG: Final = re.compile(r"([A-Z][A-Z0-9])(?:[ \t]+-[ \t]*|-[ \t]+|[ \t]*-\Z)(.*)\Z")


@dataclass(slots=True)
class Record:
    """The fields of one ``TY`` ... ``ER`` record, in input order."""

    line: int  # of its TY
    fields: list[Field] = field(default_factory=list)
    closed: bool = False


def tag_of(line: str) -> tuple[str, str, bool] | None:
    """(tag, value, exact) when ``line`` is a tag line, else None."""
    exact = _EXACT_TAG.match(line)
    if exact:
        return exact.group(1), exact.group(2) or "", True
    loose = _LOOSE_TAG.match(line)
    if loose:
        return loose.group(1), loose.group(2), False
    return None


_LINE_SEPARATOR: Final = re.compile(r"\s?[\u2028\u2029]\s?")


def unbroken(line: str) -> str:
    """``line`` with U+2028/U+2029 read as spaces (Atypon sites break lines with them)."""
    if "\u2028" in line or "\u2029" in line:
        return _LINE_SEPARATOR.sub(" ", line)
    return line


def scan(text: str, path: str = "<string>") -> tuple[list[Record], list[Diagnostic]]:
    """Stage one: lines -> records of located fields, with diagnostics for odd input."""
    diagnostics: list[Diagnostic] = []
    return list(iter_records(text, path, diagnostics)), diagnostics


def iter_records(text: str, path: str, diagnostics: list[Diagnostic]) -> Iterator[Record]:
    """:func:`scan` one record at a time, so a large file is never held as records."""
    return iter_records_of_pieces([text], path, diagnostics)


def iter_records_of_pieces(
    pieces: Iterable[str], path: str, diagnostics: list[Diagnostic]
) -> Iterator[Record]:
    """:func:`iter_records` of the text the pieces make when joined, where every piece
    but the last ends with a line end (``bibconv._io.iter_pieces`` gives such pieces):
    a file is scanned without being held whole."""
    scanner = _Scanner(path, diagnostics)
    for number, line in enumerate(_lines_of_pieces(pieces), start=1):
        scanner.feed(number, line)
        if scanner.records:
            yield from scanner.records
            scanner.records.clear()
    scanner.finish()
    yield from scanner.records


def _lines_of_pieces(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of the joined pieces (the first one's BOM dropped, as for a text)."""
    previous: str | None = None
    for piece in pieces:
        if previous is None:
            piece = piece.removeprefix("\ufeff")
        else:  # it ended with a line end: its last "line" is the empty rest after it
            yield from _lines(previous[:-1])
        previous = piece
    yield from _lines(previous or "")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` without their ends (LF or CRLF), one at a time."""
    start = 0
    find = text.find
    while True:
        end = find("\n", start)
        if end == -1:
            yield text[start:].rstrip("\r")
            return
        yield text[start:end].rstrip("\r")
        start = end + 1


class _Scanner:
    """Line-by-line state: the open record, blank lines in it, and text outside records."""

    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.records: list[Record] = []  # closed, not yet handed out
        self.diagnostics = diagnostics
        self.current: Record | None = None
        self.blank_lines = 0  # blank lines since the last text inside a record
        self.stray_from = 0  # first line of a run of text outside records
        self.stray_count = 0
        self.loose_tags = 0  # tag lines with wrong spacing, reported once
        self.loose_at = 0  # the index of that report in diagnostics

    def at(self, line: int, column: int = 1) -> Location:
        return Location(self.path, line, column)

    def feed(self, number: int, line: str) -> None:
        line = unbroken(line)
        parsed = tag_of(line)
        if parsed is None:
            self.text_line(number, line)
            return
        tag, value, exact = parsed
        if not exact:
            self.loose_tag(number, tag, line)
        self.blank_lines = 0
        if tag == "TY":
            self.start(number, value)
        elif tag == "ER":
            self.end(number, value)
        elif self.current is None:
            self.stray(number)
        else:
            column = len(line) - len(value) + 1
            self.current.fields.append(Field(tag, value.strip(), self.at(number, column)))

    def text_line(self, number: int, line: str) -> None:
        if self.current is None:
            if line.strip():
                self.stray(number)
            return
        if not line.strip():
            self.blank_lines += 1
            return
        last = self.current.fields[-1]
        breaks = "\n" * (self.blank_lines + 1)
        self.blank_lines = 0
        self.current.fields[-1] = last._replace(value=f"{last.value}{breaks}{line.rstrip()}")
        if last.tag in MAPPED_TAGS and last.tag not in PROSE_TAGS | LIST_TAGS:
            where = last.location.line if last.location else "?"
            self.diagnostics.append(
                warning(
                    "ris.continuation",
                    f"line continues the '{last.tag}' value of line {where}; expected a tag "
                    "line 'XX  - value' (joined with a space)",
                    self.at(number),
                )
            )

    def start(self, number: int, value: str) -> None:
        self.flush_stray()
        if self.current is not None:
            self.diagnostics.append(
                warning(
                    "ris.missing-er",
                    f"record starting at line {self.current.line} has no 'ER  - ' before this "
                    "'TY'; it ends here",
                    self.at(number),
                )
            )
            self.records.append(self.current)
        self.current = Record(number, [Field("TY", value.strip(), self.at(number, 7))])

    def end(self, number: int, value: str) -> None:
        if self.current is None:
            self.flush_stray()
            self.diagnostics.append(
                warning(
                    "ris.stray-er", "'ER' outside a record (no 'TY' before it)", self.at(number)
                )
            )
            return
        if value.strip():
            self.diagnostics.append(
                warning("ris.er-value", f"'ER' takes no value; {value.strip()!r} ignored",
                        self.at(number, 7))
            )  # fmt: skip
        self.current.closed = True
        self.records.append(self.current)
        self.current = None

    def stray(self, number: int) -> None:
        if not self.stray_count:
            self.stray_from = number
        self.stray_count += 1

    def flush_stray(self) -> None:
        if self.stray_count:
            lines = f"{self.stray_count} line{'s' if self.stray_count > 1 else ''}"
            self.diagnostics.append(
                warning(
                    "ris.outside-record",
                    f"{lines} of text outside any record ignored (a record starts with 'TY  - ')",
                    self.at(self.stray_from),
                )
            )
            self.stray_count = 0

    def loose_tag(self, number: int, tag: str, line: str) -> None:
        """One warning per input for tag lines spaced wrongly; a file written so (``TY -
        JOUR``) has them on every line, and the warning says how many more there are."""
        if self.loose_tags:
            self.loose_tags += 1
            return
        self.loose_tags = 1
        self.loose_at = len(self.diagnostics)
        self.diagnostics.append(
            warning(
                "ris.tag-spacing",
                f"expected '{tag}  - ' (tag, two spaces, hyphen, space), found {line[:40]!r}",
                self.at(number),
            )
        )

    def finish(self) -> None:
        if self.loose_tags > 1:
            first = self.diagnostics[self.loose_at]
            more = self.loose_tags - 1
            message = f"{first.message}; {more} more tag line{'s' if more > 1 else ''} like it"
            self.diagnostics[self.loose_at] = dataclasses.replace(first, message=message)
        self.flush_stray()
        if self.current is not None:
            self.diagnostics.append(
                warning(
                    "ris.missing-er",
                    "record has no closing 'ER  - ' before the end of the input; it is kept",
                    self.at(self.current.line),
                )
            )
            self.records.append(self.current)
            self.current = None
