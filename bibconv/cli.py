"""The command line: a thin layer over the library, and with ``_cli_*.py`` the only
modules that print or exit. Here: the argparse parsers (which the docs site's CLI
reference is generated from), the entry points, and the commands that are a call into the
library (``format``, ``styles``, ``formats``); ``convert`` runs in ``_cli_convert.py``
(``_cli_dask.py`` for ``--engine dask``), ``check`` in ``_cli_check.py``, and what they all
share (the session, its reports, reading and writing) is ``_cli_session.py``.

Exit codes: 0 ok, 1 input errors (or problems found by ``check``), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence
from typing import Any, Final

from bibconv import _cli_convert, _io, registry
from bibconv._cli_session import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Session,
    emit,
    exit_for,
    kept_back,
    nothing_read,
    output_is_an_input,
    read_inputs,
    say_not_written,
)
from bibconv.diagnostics import BibconvError, ParseError, Severity, UnknownFormatError
from bibconv.model import CslItem

# ----------------------------------------------------------------------------- commands


def _cmd_convert(args: argparse.Namespace, session: Session) -> int:
    if args.engine != "local" or args.scheduler or args.blocksize:
        return _cmd_convert_dask(args, session)
    if args.to == "bibliography":  # alias: `convert -t bibliography` is `format`
        args.style, args.locale, args.output_style = "apa", "en-US", "text"
        return _cmd_format(args, session)
    return _cli_convert.convert(args, session)


def _cmd_convert_dask(args: argparse.Namespace, session: Session) -> int:
    from bibconv._cli_dask import run_convert

    run = run_convert(args)
    if run.usage_error is not None:
        print(f"bibconv convert: error: {run.usage_error}", file=sys.stderr)
        return EXIT_USAGE
    session.diagnostics.extend(run.diagnostics)
    return exit_for(session, strict=args.strict)


def _cmd_format(args: argparse.Namespace, session: Session) -> int:
    from bibconv.render import format_bibliography  # citeproc loads only when needed

    if output_is_an_input(args):
        return EXIT_USAGE
    items = read_inputs(args.inputs, args.from_, session, strict=args.strict, year=args.year)
    if nothing_read(items, session) or kept_back(args, session):
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
    emit(text, args.output)
    return exit_for(session, strict=args.strict)


def _bibliography_json(items: list[CslItem], args: argparse.Namespace, session: Session) -> str:
    import json

    from bibconv.render import bibliography_records

    records = bibliography_records(
        items, style=args.style, locale=args.locale, diagnostics=session.diagnostics
    )
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _cmd_styles(args: argparse.Namespace, session: Session) -> int:
    from bibconv.render import list_styles

    del session
    names = list_styles(args.query)
    if not names:  # like grep: say so and exit 1, rather than print nothing and succeed
        print(f"bibconv styles: no style name contains {args.query!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    for name in names:
        print(name)
    return EXIT_OK


def _cmd_formats(args: argparse.Namespace, session: Session) -> int:
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


def _cmd_check(args: argparse.Namespace, session: Session) -> int:
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


# ----------------------------------------------------------------------------- parser


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
    """The ``bibconv`` parser: one subcommand each, with its handler as ``args.handler``."""
    parser = argparse.ArgumentParser(
        prog="bibconv", description="Citations from web pages; BibTeX/RIS/CSL-JSON conversion."
    )
    from bibconv import __version__

    parser.add_argument("--version", action="version", version=f"bibconv {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    convert = _add_convert(commands)
    fmt = _add_format(commands)
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


def _add_convert(commands: Any) -> argparse.ArgumentParser:
    convert: argparse.ArgumentParser = commands.add_parser(
        "convert", help="convert between formats"
    )
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
    return convert


def _add_format(commands: Any) -> argparse.ArgumentParser:
    fmt: argparse.ArgumentParser = commands.add_parser(
        "format", help="format a bibliography in a CSL style"
    )
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
    return fmt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (for tests)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    named = getattr(args, "inputs", None) or getattr(args, "files", None) or []
    if named.count(_io.STDIO) > 1:  # the second read would find stdin empty
        parser.error("standard input (-) can be named only once")
    if getattr(args, "year", None) is None and hasattr(args, "year"):
        args.year = datetime.date.today().year
    session = Session()
    try:
        code = int(args.handler(args, session))
    except ParseError as exc:
        session.diagnostics.extend(exc.diagnostics)
        say_not_written(args, session)  # a --strict reader raises on the first problem
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
