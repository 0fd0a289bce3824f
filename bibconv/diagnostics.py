"""Errors as data: locations, diagnostics, and the one exception tree."""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input: 1-based line and column (columns count characters)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an input or met while writing an output."""

    severity: Severity
    code: str
    message: str
    location: Location | None = None
    item_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: {self.message} [{self.code}]"


def error(code: str, message: str, location: Location | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, location)


def warning(code: str, message: str, location: Location | None = None) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, location)


def info(code: str, message: str, location: Location | None = None) -> Diagnostic:
    return Diagnostic(Severity.INFO, code, message, location)


class LineIndex:
    """Maps character offsets of one text to 1-based (line, column) through bisect."""

    __slots__ = ("_first_line", "_length", "_path", "_starts")

    def __init__(self, text: str, path: str = "<input>", first_line: int = 1) -> None:
        """``first_line``: the line ``text`` starts on (a chunk of a bigger file)."""
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._path = path
        self._length = len(text)
        self._first_line = first_line

    @property
    def path(self) -> str:
        return self._path

    def line_col(self, offset: int) -> tuple[int, int]:
        if offset >= self._length > 0 and self._starts[-1] == self._length:
            # End of a text that ends with a newline: report the place just after the last
            # character (where an editor puts "end of file"), not a line that is not there.
            offset = self._length - 1
        line = bisect_right(self._starts, offset) - 1
        return line + self._first_line, offset - self._starts[line] + 1

    def location(self, offset: int) -> Location:
        line, column = self.line_col(offset)
        return Location(self._path, line, column)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - self._first_line]


class BibconvError(Exception):
    """Base of every error bibconv raises on purpose."""


class ParseError(BibconvError):
    """Input that cannot be used at all; carries the diagnostics that say why."""

    def __init__(self, diagnostics: Sequence[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UnknownFormatError(BibconvError, ValueError):
    """A format (or layout, or style) name that is not known."""


class MissingExtraError(BibconvError, ImportError):
    """A feature needs an optional extra that is not installed (``pip install
    'bibconv[dask]'``); an ImportError too, so ``except ImportError`` still catches it."""


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True if any diagnostic is an error (or, with ``strict``, a warning)."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diagnostics)
