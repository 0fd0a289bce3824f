"""The command line: a thin layer over the library. The only module that prints or exits.

Exit codes: 0 ok, 1 input errors (or problems found by ``check``), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TextIO, cast

from bibconv import _io, _jobs, registry
from bibconv.api import dumps, read_input
from bibconv.diagnostics import (
    BibconvError,
    Diagnostic,
    ParseError,
    Severity,
    UnknownFormatError,
    has_errors,
    info,
)
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions, WriteOptions

if TYPE_CHECKING:
    from bibconv.parallel import Converted

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass
class _Session:
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


# ----------------------------------------------------------------------------- reading


def _read_inputs(
    paths: Sequence[str],
    fmt_name: str | None,
    session: _Session,
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


def _emit(text: str, output: str | None) -> None:
    if output is None or output == _io.STDIO:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        _io.atomic_write(output, text)


# ----------------------------------------------------------------------------- commands


def _cmd_convert(args: argparse.Namespace, session: _Session) -> int:
    if args.engine != "local" or args.scheduler or args.blocksize:
        return _cmd_convert_dask(args, session)
    if args.to == "bibliography":  # alias: `convert -t bibliography` is `format`
        args.style, args.locale, args.output_style = "apa", "en-US", "text"
        return _cmd_format(args, session)
    target = _output_format(args.to, args.output)
    if _output_is_an_input(args):
        return EXIT_USAGE
    if (code := _convert_in_parallel(args, session, target)) is not None:
        return code
    if _streams(args, target):
        return _convert_streaming(args, session, target)
    items = _read_inputs(
        args.inputs,
        args.from_,
        session,
        strict=args.strict,
        year=args.year,
        sentence_case=args.sentence_case,
    )
    if _nothing_read(items, session) or _kept_back(args, session):
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
    _emit(text, args.output)
    return _exit_for(session, strict=args.strict)


def _streams(args: argparse.Namespace, target: str) -> bool:
    """File-to-file conversion streams (docs/performance.md): files in, a file out, and
    a writer that takes items one at a time. Standard output is written whole, as
    before: a reading error found late must not leave half a document in a pipe."""
    if args.output in (None, _io.STDIO) or _io.STDIO in args.inputs:
        return False
    return registry.by_name(target).iter_write is not None


def _convert_streaming(args: argparse.Namespace, session: _Session, target: str) -> int:
    """``convert`` an item at a time into the temporary file that becomes ``-o``: the
    bytes and diagnostics of :func:`_cmd_convert`'s whole-file way, in bounded memory.
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
        if (not progress.items and has_errors(session.diagnostics)) or _kept_back(args, session):
            out.discard()
            return EXIT_PROBLEMS
    session.diagnostics.extend(notes)
    return _exit_for(session, strict=args.strict)


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


def _cmd_convert_dask(args: argparse.Namespace, session: _Session) -> int:
    from bibconv._cli_dask import run_convert

    run = run_convert(args)
    if run.usage_error is not None:
        print(f"bibconv convert: error: {run.usage_error}", file=sys.stderr)
        return EXIT_USAGE
    session.diagnostics.extend(run.diagnostics)
    return _exit_for(session, strict=args.strict)


def _convert_in_parallel(args: argparse.Namespace, session: _Session, target: str) -> int | None:
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
    args: argparse.Namespace, session: _Session, convert: Callable[..., Converted | None]
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
        return _exit_for(session, strict=args.strict)
    with _io.AtomicFile(args.output) as out:
        converted = convert(write=out.write)
        code = None if converted is None else _settle_parallel(args, session, converted)
        if converted is None or code is not None:
            out.discard()
            return code
    return _exit_for(session, strict=args.strict)


def _settle_parallel(
    args: argparse.Namespace, session: _Session, converted: Converted
) -> int | None:
    """What _cmd_convert does with what it read and wrote: the exit code when the output
    is not to be written, else None."""
    session.diagnostics.extend(converted.read_diagnostics)
    session.files[args.inputs[0]] = args.inputs[0]  # caret lines read from the file
    if (not converted.items and has_errors(session.diagnostics)) or _kept_back(args, session):
        return EXIT_PROBLEMS
    session.diagnostics.extend(converted.notes)
    return None


def _cmd_format(args: argparse.Namespace, session: _Session) -> int:
    from bibconv.render import format_bibliography  # citeproc loads only when needed

    if _output_is_an_input(args):
        return EXIT_USAGE
    items = _read_inputs(args.inputs, args.from_, session, strict=args.strict, year=args.year)
    if _nothing_read(items, session) or _kept_back(args, session):
        return EXIT_PROBLEMS
    if args.output_style == "json":
        text = _bibliography_json(items, args, session)
    else:
        text = format_bibliography(
            items,
            style=args.style,
            output=args.output_style,
            locale=args.locale,
            diagnostics=session.diagnostics,
        )
    _emit(text, args.output)
    return _exit_for(session, strict=args.strict)


def _bibliography_json(items: list[CslItem], args: argparse.Namespace, session: _Session) -> str:
    import json

    from bibconv.render import bibliography_records

    records = bibliography_records(
        items, style=args.style, locale=args.locale, diagnostics=session.diagnostics
    )
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _cmd_styles(args: argparse.Namespace, session: _Session) -> int:
    from bibconv.render import list_styles

    del session
    names = list_styles(args.query)
    if not names:  # like grep: say so and exit 1, rather than print nothing and succeed
        print(f"bibconv styles: no style name contains {args.query!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    for name in names:
        print(name)
    return EXIT_OK


def _cmd_formats(args: argparse.Namespace, session: _Session) -> int:
    del args, session
    sys.stdout.write(formats_table())
    return EXIT_OK


def formats_table() -> str:
    """Every format: name, extensions, read/write, description (an aligned text table)."""
    rows = [("NAME", "EXTENSIONS", "READ", "WRITE", "DESCRIPTION")]
    for fmt in sorted(registry.FORMATS.values(), key=lambda f: f.name):
        readable = fmt.read is not None or fmt.read_bytes is not None
        rows.append(
            (
                fmt.name,
                " ".join(fmt.extensions) or "-",
                "yes" if readable else "no",
                "yes" if fmt.write is not None else "no",
                fmt.description,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join([*(row[i].ljust(widths[i]) for i in range(4)), row[4]]) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


def _cmd_check(args: argparse.Namespace, session: _Session) -> int:
    from bibconv._cli_check import run_check

    run = run_check(args)  # lint/ decides; printing stays here
    if run.usage_error is not None:
        print(f"bibconv check: error: {run.usage_error}", file=sys.stderr)
        return EXIT_USAGE
    session.sources.update(run.sources)
    session.diagnostics.extend(run.diagnostics)
    if run.stdout:
        sys.stdout.write(run.stdout)
        sys.stdout.flush()
    return run.exit_code


def _nothing_read(items: list[CslItem], session: _Session) -> bool:
    """No items and errors saying why: write nothing (an -o file stays as it was)."""
    return not items and has_errors(session.diagnostics)


def _kept_back(args: argparse.Namespace, session: _Session) -> bool:
    """``--strict`` and the input failed: an ``-o`` file stays as it was (issue 12);
    standard output still gets the text, as pipes expect."""
    output = args.output
    if not args.strict or output in (None, _io.STDIO):
        return False
    if not has_errors(session.diagnostics, strict=True):
        return False
    _say_not_written(args, session)
    return True


def _say_not_written(args: argparse.Namespace, session: _Session) -> None:
    output = getattr(args, "output", None)
    if getattr(args, "strict", False) and output not in (None, _io.STDIO):
        session.diagnostics.append(
            info("output.not-written", f"{output} was not written: --strict and the input failed")
        )


def _output_is_an_input(args: argparse.Namespace) -> bool:
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


def _exit_for(session: _Session, *, strict: bool) -> int:
    return EXIT_PROBLEMS if has_errors(session.diagnostics, strict=strict) else EXIT_OK


# ----------------------------------------------------------------------------- parser


def _capture_year(text: str) -> int:
    """argparse type for --year: a four-digit year (a typo like 202 would date every item)."""
    if not (text.isascii() and text.isdecimal() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a four-digit year such as 2026, found {text!r}")
    return int(text)


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files to read; - for stdin")
    parser.add_argument(
        "-f",
        "--from",
        dest="from_",
        metavar="FROM",
        help="input format (default: from the extension, else sniffed): "
        + ", ".join(registry.readable()),
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    parser.add_argument(
        "--year",
        type=_capture_year,
        default=None,
        metavar="YYYY",
        help="capture year for page dates printed without one (default: this year)",
    )
    parser.add_argument("-o", "--output", metavar="OUTPUT", help="output file (default: stdout)")


def _positive(text: str) -> int:
    """argparse type for --jobs and --chunk-bytes: a whole number of at least 1."""
    if not (text.isascii() and text.isdecimal()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text!r}")
    return int(text)


def _add_jobs_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes for one big input (default: every core for inputs of 4 MB "
        "or more, else 1); the output is the same as with --jobs 1",
    )
    parser.add_argument(
        "--chunk-bytes",
        type=_positive,
        default=None,
        metavar="BYTES",
        help="with --jobs: about how much of the input one worker takes at a time (default: "
        "the input's size / (4 x N), at least 256 KiB); tests split small files with it",
    )


#: Arguments that name files: the completion scripts offer file names for them.
_FILE_ARGUMENTS: Final = frozenset({"inputs", "files", "output", "tex", "aux"})


_SHELLS: Final = ("bash", "zsh", "fish", "tcsh", "powershell")


class _PrintCompletion(argparse.Action):
    """``--print-completion bash|zsh|fish``: a static script generated from the parser by
    shtab (no Python runs on each TAB, unlike argcomplete's hook); printed, then exit 0.
    shtab is imported only here, so other runs do not pay for it."""

    def __init__(self, *args: Any, commands: list[argparse.ArgumentParser], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.commands = commands

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        import shtab

        for command in self.commands:
            for action in command._actions:
                if action.dest in _FILE_ARGUMENTS:
                    action.complete = shtab.FILE  # type: ignore[attr-defined]  # read by shtab
        sys.stdout.write(shtab.complete(parser, shell=str(values)))
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bibconv", description="Citations from web pages; BibTeX/RIS/CSL-JSON conversion."
    )
    from bibconv import __version__

    parser.add_argument("--version", action="version", version=f"bibconv {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands.add_parser("convert", help="convert between formats")
    _add_read_options(convert)
    convert.add_argument(
        "-t",
        "--to",
        metavar="TO",
        help="output format (default: from -o's extension, else csljson): "
        + ", ".join([*registry.writable(), "bibliography"]),
    )
    convert.add_argument("--ascii", action="store_true", help="BibTeX: pure-ASCII LaTeX output")
    convert.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar (shown on a terminal for inputs over 5 MB or runs over a second)",
    )
    convert.add_argument(
        "--sentence-case",
        action="store_true",
        help="BibTeX input: English title-case titles to sentence case, protected words kept",
    )
    convert.add_argument(
        "--report-loss",
        action="store_true",
        help="list, per item, the fields the output format cannot hold (and so leaves out, "
        "unless --lossless)",
    )
    convert.add_argument(
        "--lossless",
        action="store_true",
        help="also write what the format cannot hold, in fields/notes only bibconv reads "
        "back (BibTeX csl-custom/csl-type, RIS 'N1  - csl.*'), for an exact round trip",
    )
    from bibconv._cli_dask import add_arguments as add_dask_arguments

    add_dask_arguments(convert)
    _add_jobs_options(convert)
    convert.set_defaults(handler=_cmd_convert)

    fmt = commands.add_parser("format", help="format a bibliography in a CSL style")
    _add_read_options(fmt)
    fmt.add_argument("-s", "--style", default="apa", help="style alias, file name or .csl path")
    fmt.add_argument(
        "-t",
        "--to",
        dest="output_style",
        default="text",
        choices=["text", "html", "markdown", "rst", "latex", "json"],
        help="output markup; json: [{id, text, html}] per entry, in bibliography order",
    )
    fmt.add_argument("--locale", default="en-US", help="CSL locale, e.g. de-DE")
    fmt.set_defaults(handler=_cmd_format)

    styles = commands.add_parser("styles", help="list or search the known CSL styles")
    styles.add_argument(
        "query", nargs="?", default=None, help="words every listed name contains (e.g. 'ieee')"
    )
    styles.set_defaults(handler=_cmd_styles)

    formats = commands.add_parser("formats", help="list every format, its extensions, read/write")
    formats.set_defaults(handler=_cmd_formats)

    check = commands.add_parser("check", help="lint .bib files (pre-commit friendly)")
    from bibconv._cli_check import add_arguments as add_check_arguments

    add_check_arguments(check)
    _add_jobs_options(check)
    check.set_defaults(handler=_cmd_check)
    parser.add_argument(
        "--print-completion",
        action=_PrintCompletion,
        choices=_SHELLS,
        metavar="SHELL",
        help="print a shell completion script (bash, zsh, fish, tcsh, powershell) and exit",
        commands=[convert, fmt, check],
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (for tests)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    named = getattr(args, "inputs", None) or getattr(args, "files", None) or []
    if named.count(_io.STDIO) > 1:  # the second read would find stdin empty
        parser.error("standard input (-) can be named only once")
    if getattr(args, "year", None) is None and hasattr(args, "year"):
        args.year = datetime.date.today().year
    session = _Session()
    try:
        code = int(args.handler(args, session))
    except ParseError as exc:
        session.diagnostics.extend(exc.diagnostics)
        _say_not_written(args, session)  # a --strict reader raises on the first problem
        session.report(sys.stderr)
        return EXIT_PROBLEMS
    except UnknownFormatError as exc:
        print(f"bibconv: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # run() exits quietly (`bibconv format ... | head`)
    except (OSError, BibconvError) as exc:
        session.report(sys.stderr)
        print(f"bibconv: error: {_describe(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    session.report(sys.stderr, show_loss=bool(getattr(args, "report_loss", False)))
    return code


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except BrokenPipeError:
        # `bibconv ... | head`: exit quietly, and keep Python from complaining at shutdown.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "Severity", "build_parser", "main", "run"]
