"""What every command of the CLI shares: the exit codes, a run's session (its diagnostics,
printed with pandoc-style caret lines under the input they point at), reading the inputs,
writing the output, and the guards on ``-o`` (never one of the inputs; with ``--strict``,
not written when the input failed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from bibconv import _io, registry
from bibconv.api import read_input
from bibconv.diagnostics import Diagnostic, has_errors, info
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass
class Session:
    """What one run has read: sources for caret lines, and the diagnostics so far."""

    sources: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Inputs read piece by piece (their text is not kept): shown name -> path, whose
    # lines are read again only for caret lines.
    files: dict[str, str] = field(default_factory=dict)

    def report(self, stream: TextIO, *, show_loss: bool = False) -> None:
        caret = stream.isatty()
        shown = [
            diag for diag in self.diagnostics if show_loss or not diag.code.endswith(".cannot-hold")
        ]
        if caret:
            self.read_lines_for(shown)
        for diag in shown:
            print(diag, file=stream)
            if caret and diag.location is not None:
                print(_caret_lines(self.sources.get(diag.location.path), diag), file=stream)

    def read_lines_for(self, diagnostics: list[Diagnostic]) -> None:
        """The lines the diagnostics point at, from the files read piece by piece (as a
        text with the other lines empty, so that line numbers hold)."""
        wanted: dict[str, set[int]] = {}
        for diag in diagnostics:
            where = diag.location
            if where is not None and where.path in self.files:
                wanted.setdefault(where.path, set()).add(where.line)
        for shown, lines in wanted.items():
            self.sources[shown] = _some_lines(self.files[shown], lines)


def _some_lines(path: str, wanted: set[int]) -> str:
    """The text of ``path`` with only the ``wanted`` lines kept (caret lines are a
    courtesy: a line that does not decode as UTF-8 shows its bytes as Latin-1)."""
    lines: list[str] = []
    last = max(wanted)
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number > last:
                break
            if number in wanted:
                try:
                    lines.append(raw.decode("utf-8").rstrip("\r\n"))
                except UnicodeDecodeError:
                    lines.append(raw.decode("latin-1").rstrip("\r\n"))
            else:
                lines.append("")
    return "\n".join(lines)


def _caret_lines(source: str | None, diag: Diagnostic) -> str:
    """pandoc-style context: the source line and a caret under the column."""
    assert diag.location is not None
    if source is None:
        return ""
    lines = source.split("\n")
    line_no = diag.location.line
    if not 1 <= line_no <= len(lines):
        return ""
    text = lines[line_no - 1].expandtabs(1)
    return f"  {text}\n  {' ' * (diag.location.column - 1)}^"


def read_inputs(
    paths: Sequence[str],
    fmt_name: str | None,
    session: Session,
    *,
    strict: bool,
    year: int | None,
    sentence_case: bool = False,
) -> list[CslItem]:
    """Read every input in order; problems go into the session, unusable input raises."""
    items: list[CslItem] = []
    if fmt_name:
        registry.by_name(fmt_name)  # an unknown name is a usage error before any reading
    for path in paths:
        data = _io.read_bytes(path)
        text = _io.decode(data)
        stdin = path == _io.STDIO
        shown = "<stdin>" if stdin else path
        session.sources[shown] = text
        options = ReadOptions(path=shown, strict=strict, year=year, sentence_case=sentence_case)
        filename = None if stdin else path
        parsed = read_input(data, options, format=fmt_name, filename=filename, text=text)
        session.diagnostics.extend(parsed.diagnostics)
        items.extend(parsed.items)
    return items


def emit(text: str, output: str | None) -> None:
    if output is None or output == _io.STDIO:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        _io.atomic_write(output, text)


def nothing_read(items: list[CslItem], session: Session) -> bool:
    """No items and errors saying why: write nothing (an -o file stays as it was)."""
    return not items and has_errors(session.diagnostics)


def kept_back(args: argparse.Namespace, session: Session) -> bool:
    """``--strict`` and the input failed: an ``-o`` file stays as it was (issue 12);
    standard output still gets the text, as pipes expect."""
    output = args.output
    if not args.strict or output in (None, _io.STDIO):
        return False
    if not has_errors(session.diagnostics, strict=True):
        return False
    say_not_written(args, session)
    return True


def say_not_written(args: argparse.Namespace, session: Session) -> None:
    output = getattr(args, "output", None)
    if getattr(args, "strict", False) and output not in (None, _io.STDIO):
        session.diagnostics.append(
            info("output.not-written", f"{output} was not written: --strict and the input failed")
        )


def output_is_an_input(args: argparse.Namespace) -> bool:
    """``-o`` names one of the inputs (as spelled, or through a link): refused, since the
    output would replace that input (issue 12)."""
    output = args.output
    if output in (None, _io.STDIO) or not os.path.exists(output):
        return False
    for path in args.inputs:
        if path != _io.STDIO and os.path.exists(path) and os.path.samefile(path, output):
            print(
                f"bibconv {args.command}: error: -o {output} is also an input ({path}); "
                "write to another file (the output would replace the input)",
                file=sys.stderr,
            )
            return True
    return False


def exit_for(session: Session, *, strict: bool) -> int:
    return EXIT_PROBLEMS if has_errors(session.diagnostics, strict=strict) else EXIT_OK
