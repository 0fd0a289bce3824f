"""The ``convert`` command on this machine (``--engine dask`` is ``_cli_dask.py``'s): the
output format, and the three ways to convert: by worker processes over one big input
(``--jobs``), an item at a time from files into ``-o`` (bounded memory), or whole (standard
output, which a late reading error must not leave half written); and the progress bar.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from bibconv import _io, _jobs, registry
from bibconv._cli_session import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Session,
    emit,
    exit_for,
    kept_back,
    nothing_read,
    output_is_an_input,
    read_inputs,
)
from bibconv.api import dumps
from bibconv.diagnostics import Diagnostic, UnknownFormatError, has_errors
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions, WriteOptions

if TYPE_CHECKING:
    from bibconv.parallel import Converted


def _output_format(to: str | None, output: str | None) -> str:
    """``--to``, else what ``-o``'s extension names, else CSL-JSON (on stdout)."""
    if to:
        return registry.by_name(to).name
    if output and output != _io.STDIO:
        fmt = registry.for_path(output)
        if fmt is None or fmt.write is None:
            # Never CSL-JSON under a name that says otherwise (as dump() refuses too).
            raise UnknownFormatError(
                f"cannot tell an output format from {output!r} (writable: "
                f"{', '.join(registry.writable())}); pass --to, or name the file .bib, "
                ".ris or .json"
            )
        return fmt.name
    return "csljson"


def convert(args: argparse.Namespace, session: Session) -> int:
    """``convert`` on this machine: by worker processes (``--jobs``), an item at a time
    (a file to a file), or whole; the exit code."""
    target = _output_format(args.to, args.output)
    if output_is_an_input(args):
        return EXIT_USAGE
    if (code := _convert_in_parallel(args, session, target)) is not None:
        return code
    if _streams(args, target):
        return _convert_streaming(args, session, target)
    items = read_inputs(
        args.inputs,
        args.from_,
        session,
        strict=args.strict,
        year=args.year,
        sentence_case=args.sentence_case,
    )
    if nothing_read(items, session) or kept_back(args, session):
        return EXIT_PROBLEMS
    notes: list[Diagnostic] = []
    # dumps checks at run time that the name is writable (-t text is a usage error there).
    text = dumps(
        items,
        cast("registry.WriteFormat", target),
        ascii=args.ascii,
        lossless=args.lossless,
        diagnostics=notes,
    )
    session.diagnostics.extend(notes)
    emit(text, args.output)
    return exit_for(session, strict=args.strict)


def _streams(args: argparse.Namespace, target: str) -> bool:
    """File-to-file conversion streams (docs/performance.md): files in, a file out, and
    a writer that takes items one at a time. Standard output is written whole, as
    before: a reading error found late must not leave half a document in a pipe."""
    if args.output in (None, _io.STDIO) or _io.STDIO in args.inputs:
        return False
    return registry.by_name(target).iter_write is not None


def _convert_streaming(args: argparse.Namespace, session: Session, target: str) -> int:
    """``convert`` an item at a time into the temporary file that becomes ``-o``: the
    bytes and diagnostics of :func:`convert`'s whole-file way, in bounded memory.
    What decides whether ``-o`` is written (nothing read, ``--strict``) is known at the
    end, so the temporary file is renamed, or dropped, only then."""
    from bibconv._gc import paused_gc
    from bibconv.api import iter_input, write_pieces

    if args.from_:
        registry.by_name(args.from_)  # an unknown name is a usage error before any reading
    progress = _Progress.start(args.inputs, quiet=args.quiet)

    def items() -> Iterator[CslItem]:
        for path in args.inputs:
            options = ReadOptions(
                path=path, strict=args.strict, year=args.year, sentence_case=args.sentence_case
            )
            found: list[Diagnostic] = []
            session.files[path] = path
            for item in iter_input(path, options, found, format=args.from_, progress=progress.read):
                progress.item()
                yield item
            session.diagnostics.extend(found)

    notes: list[Diagnostic] = []
    pieces = write_pieces(
        items(), target, ascii=args.ascii, lossless=args.lossless, diagnostics=notes
    )
    with progress, paused_gc(), _io.AtomicFile(args.output) as out:
        for piece in pieces:
            out.write(piece)
        if (not progress.items and has_errors(session.diagnostics)) or kept_back(args, session):
            out.discard()
            return EXIT_PROBLEMS
    session.diagnostics.extend(notes)
    return exit_for(session, strict=args.strict)


#: Inputs this big get a progress bar at once; smaller ones only after a second.
PROGRESS_BYTES: Final = 5 * 1024 * 1024


class _Progress:
    """Entries done and bytes read, with rate and ETA, on a terminal's stderr only
    (tqdm: small, no dependencies of its own, one line redrawn on stderr; never in a pipe
    or a CI log, and ``--quiet`` silences it). Counting goes on without a bar."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.items = 0

    @classmethod
    def start(cls, paths: Sequence[str], *, quiet: bool, desc: str = "convert") -> _Progress:
        if quiet or not sys.stderr.isatty():
            return cls(None)
        from tqdm import tqdm  # only for a terminal

        total = sum(os.path.getsize(path) for path in paths)
        bar = tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=sys.stderr,
            delay=0 if total > PROGRESS_BYTES else 1.0,
            leave=False,
            dynamic_ncols=True,
            desc=desc,
        )
        return cls(bar)

    def read(self, size: int) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.items:,} entries", refresh=False)
            self.bar.update(size)

    def item(self) -> None:
        self.items += 1
        if self.bar is not None and not self.items % 1000:
            self.bar.set_postfix_str(f"{self.items:,} entries")

    def chunk(self, size: int, items: int) -> None:
        """A piece of the input done elsewhere (``--jobs``): ``size`` bytes, ``items``."""
        self.items += items
        if self.bar is not None:  # (a chunk is a megabyte or so: a redraw each is cheap)
            self.bar.update(size)
            self.bar.set_postfix_str(f"{self.items:,} entries")

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *_: object) -> None:
        if self.bar is not None:
            self.bar.close()  # (leave=False: the line is cleared for the diagnostics)


def _convert_in_parallel(args: argparse.Namespace, session: Session, target: str) -> int | None:
    """``--jobs``: one input file converted by worker processes (``bibconv.parallel``);
    the exit code, or None when one process is to convert it. ``-o`` is written as the
    chunks are done (and thrown away if one process must start again)."""
    if len(args.inputs) != 1 or args.inputs[0] == _io.STDIO:
        return None
    path = args.inputs[0]
    jobs = args.jobs if args.jobs is not None else _jobs.default_jobs(path)
    fmt = registry.by_name(args.from_) if args.from_ else registry.for_path(path)
    if jobs < 2 or fmt is None:
        return None
    from bibconv import parallel  # the process pool loads only for a big file

    options = ReadOptions(
        path=path, strict=args.strict, year=args.year, sentence_case=args.sentence_case
    )
    convert = functools.partial(
        parallel.convert_file,
        path,
        fmt.name,
        target,
        jobs=jobs,
        read_options=options,
        write_options=WriteOptions(ascii=args.ascii, lossless=args.lossless),
        chunk_bytes=args.chunk_bytes,
    )
    with _Progress.start(args.inputs, quiet=args.quiet, desc=f"convert ({jobs} jobs)") as progress:
        return _convert_parallel_to(
            args, session, functools.partial(convert, progress=progress.chunk)
        )


def _convert_parallel_to(
    args: argparse.Namespace, session: Session, convert: Callable[..., Converted | None]
) -> int | None:
    """:func:`_convert_in_parallel`'s output: standard output, or ``-o`` as it comes."""
    if args.output in (None, _io.STDIO):
        converted = convert()
        if converted is None:
            return None
        if (code := _settle_parallel(args, session, converted)) is not None:
            return code
        sys.stdout.writelines(converted.pieces)
        sys.stdout.flush()
        return exit_for(session, strict=args.strict)
    with _io.AtomicFile(args.output) as out:
        converted = convert(write=out.write)
        code = None if converted is None else _settle_parallel(args, session, converted)
        if converted is None or code is not None:
            out.discard()
            return code
    return exit_for(session, strict=args.strict)


def _settle_parallel(
    args: argparse.Namespace, session: Session, converted: Converted
) -> int | None:
    """What :func:`convert` does with what it read and wrote: the exit code when the output
    is not to be written, else None."""
    session.diagnostics.extend(converted.read_diagnostics)
    session.files[args.inputs[0]] = args.inputs[0]  # caret lines read from the file
    if (not converted.items and has_errors(session.diagnostics)) or kept_back(args, session):
        return EXIT_PROBLEMS
    session.diagnostics.extend(converted.notes)
    return None
