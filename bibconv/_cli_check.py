"""The `bibconv check` command: arguments, configuration discovery, files, --fix writes and the
report formats (text, json, github).

The CLI side of the linter; the linter itself (`bibconv.lint`) never prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from bibconv import _io, _jobs
from bibconv._cli_session import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, Location, Severity
from bibconv.formats.bibtex import syntax
from bibconv.lint.checker import _diagnose
from bibconv.lint.config import CheckOptions, ConfigError, options_from_config
from bibconv.lint.fixer import FixResult, _fix, _shown_keys
from bibconv.lint.registry import RULES, UnknownRuleError, check_patterns
from bibconv.lint.tex import Citations, aux_citations, tex_citations

# ----------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``bibconv check`` options (called by cli.py)."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=".bib files to check")
    parser.add_argument(
        "--fix", action="store_true", help="apply the safe fixes in place (atomic writes)"
    )
    parser.add_argument(
        "--diff", action="store_true", help="print what --fix would change; write nothing"
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rules (comma-separated codes or prefixes; ALL for every rule)",
    )
    parser.add_argument(
        "--extend-select", action="append", metavar="CODES", help="rules to add to the selection"
    )
    parser.add_argument("--ignore", action="append", metavar="CODES", help="rules to skip")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=["text", "json", "github"],
        default="text",
        help="text (path:line:col: severity: message [code]) on stderr; json or github "
        "workflow annotations on stdout",
    )
    parser.add_argument(
        "--tex",
        action="append",
        default=[],
        metavar="FILE.tex",
        help="LaTeX source whose citations are checked (repeat for several files)",
    )
    parser.add_argument(
        "--aux",
        action="append",
        default=[],
        metavar="FILE.aux",
        help="a LaTeX .aux file whose citations are checked (repeatable)",
    )
    parser.add_argument(
        "--legacy-8bit",
        action="store_true",
        help="also report non-ASCII text (for 8-bit BibTeX set-ups): bib.non-ascii",
    )
    parser.add_argument(
        "--data-model",
        choices=["auto", "bibtex", "biblatex"],
        default=None,
        help="required fields per entry type (default auto: BibLaTeX if the file uses it)",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore [tool.bibconv] in pyproject.toml"
    )


@dataclass(slots=True)
class CheckRun:
    """What one ``bibconv check`` run has to say; cli.py prints it and exits."""

    exit_code: int = EXIT_OK
    diagnostics: list[Diagnostic] = field(default_factory=list)  # text form, on stderr
    stdout: str = ""  # json / github annotations / --diff output
    sources: dict[str, str] = field(default_factory=dict)  # for caret lines
    usage_error: str | None = None


def run_check(args: argparse.Namespace) -> CheckRun:
    """Run ``bibconv check`` as ``args`` say; only reads and (with --fix) writes files."""
    run = CheckRun()
    try:
        cli_options = _cli_options(args)
    except (UnknownRuleError, ConfigError) as exc:
        return CheckRun(EXIT_USAGE, usage_error=str(exc))
    if (args.diff or (args.fix and _io.STDIO in args.files)) and args.output_format != "text":
        return CheckRun(
            EXIT_USAGE, usage_error="--diff and --fix on stdin print text; use --format text"
        )
    citations = _read_citations(args.tex, args.aux) if args.tex or args.aux else None
    configs = _ConfigFinder(enabled=not args.no_config)
    found: list[Diagnostic] = []
    defined: set[str] = set()
    diffs: list[str] = []
    filtered: list[str] = []  # --fix on stdin: the fixed text goes to stdout (a filter)
    for path in args.files:
        try:
            options = _merge(configs.options_for(path), cli_options)
        except ConfigError as exc:
            return CheckRun(EXIT_USAGE, usage_error=str(exc))
        shown = "<stdin>" if path == _io.STDIO else path
        checked = _check_in_parallel(args, path, shown, options, citations)
        if checked is not None:
            if sys.stderr.isatty():  # caret lines under the diagnostics
                run.sources[shown] = _io.read_text(path)
            found.extend(checked)
            continue
        try:
            data = _io.read_bytes(path)
        except OSError as exc:
            # Report it with the rest: aborting here would hide what the earlier files had
            # (and what --fix already wrote to them).
            found.append(_unreadable(shown, exc))
            continue
        text = _io.decode(data)
        with paused_gc():
            # One scan per file: --fix hands back the scan of what it wrote, reported on.
            doc = syntax.parse(text, shown)
            if args.fix or args.diff:
                result, doc = _fix_file(data, doc, options)
                found.extend(_fix_notes(shown, result, written=args.fix))
                if args.diff:
                    if result.changed:
                        diffs.append(_unified_diff(shown, text, result.text))
                    continue
                if path == _io.STDIO:
                    filtered.append(result.text)
                elif result.changed:
                    _io.atomic_write(path, _as_written(data, result.text))
                text = result.text
            run.sources[shown] = text
            defined.update(e.key for e in doc.entries if e.key)
            found.extend(_diagnose(doc, options, citations))
            del doc  # freed by reference counting, before the next file is read
    if citations is not None and not args.diff:
        enabled = _merge(CheckOptions(), cli_options).selection().enabled()
        if "tex.undefined-citation" in enabled:
            found.extend(_undefined_citations(citations, defined))
    run.exit_code = EXIT_PROBLEMS if found or diffs else EXIT_OK
    _render(run, found, [*diffs, *filtered], args.output_format)
    return run


def _check_in_parallel(
    args: argparse.Namespace,
    path: str,
    shown: str,
    options: CheckOptions,
    citations: Citations | None,
) -> list[Diagnostic] | None:
    """``--jobs``: one big file checked by worker processes (``bibconv.parallel``), or
    None. --fix and --diff edit the whole text, and .tex citations look across the file:
    one process does those."""
    if args.fix or args.diff or citations is not None or path == _io.STDIO:
        return None
    jobs = args.jobs if args.jobs is not None else _jobs.default_jobs(path)
    if jobs < 2:
        return None
    from bibconv import parallel  # the process pool loads only for a big file

    return parallel.check_file(path, shown, options, jobs=jobs, chunk_bytes=args.chunk_bytes)


def _unreadable(path: str, exc: OSError) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        "check.unreadable",
        f"cannot read the file: {exc.strerror or exc}",
        Location(path, 1, 1),
    )


def _fix_file(
    data: bytes, doc: syntax.Document, options: CheckOptions
) -> tuple[FixResult, syntax.Document]:
    """_fix() for a file's bytes: a file that is not UTF-8 (read as Latin-1) is not fixed,
    since writing it back as UTF-8 would change every non-ASCII byte."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        refused = "not fixed: the file is not UTF-8 (--fix writes UTF-8)"
        return FixResult(doc.text, refused=refused), doc
    return _fix(doc, options)


def _as_written(original: bytes, text: str) -> str:
    """``text`` with the original file's line endings and byte-order mark kept."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    if original.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    return text


def _cli_options(args: argparse.Namespace) -> CheckOptions:
    def codes(values: list[str] | None) -> tuple[str, ...] | None:
        if values is None:
            return None
        return tuple(c.strip() for v in values for c in v.split(",") if c.strip())

    select = codes(args.select)
    extend = codes(args.extend_select) or ()
    if args.legacy_8bit:
        extend = (*extend, "bib.non-ascii")
    ignore = codes(args.ignore) or ()
    check_patterns((*(select or ()), *extend, *ignore))
    return CheckOptions(select, extend, ignore, data_model=args.data_model or "")


def _merge(config: CheckOptions, cli: CheckOptions) -> CheckOptions:
    """Command-line options over the file's configuration (select replaces, others add)."""
    return CheckOptions(
        cli.select if cli.select is not None else config.select,
        (*config.extend_select, *cli.extend_select),
        (*config.ignore, *cli.ignore),
        config.required,
        config.key_pattern,
        cli.data_model or config.data_model,
        config.this_year,
    )


class _ConfigFinder:
    """The nearest pyproject.toml with a [tool.bibconv] table, looked up once per folder."""

    def __init__(self, *, enabled: bool) -> None:
        self._enabled = enabled
        self._by_dir: dict[Path, CheckOptions] = {}

    def options_for(self, path: str) -> CheckOptions:
        if not self._enabled or path == _io.STDIO:
            return CheckOptions()
        return self._for_dir(Path(path).resolve().parent)

    def _for_dir(self, directory: Path) -> CheckOptions:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        options = CheckOptions()
        candidate = directory / "pyproject.toml"
        table = _bibconv_table(candidate) if candidate.is_file() else None
        if table is not None:
            options = options_from_config(table, str(candidate))
        elif directory.parent != directory:
            options = self._for_dir(directory.parent)
        self._by_dir[directory] = options
        return options


def _bibconv_table(pyproject: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(_io.read_text(pyproject))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}: not valid TOML: {exc}") from exc
    table = data.get("tool", {}).get("bibconv")
    if not isinstance(table, dict):
        return None
    check_table = table.get("check")
    return check_table if isinstance(check_table, dict) else table


def _read_citations(tex: Sequence[str], aux: Sequence[str]) -> Citations:
    citations = Citations()
    for path in tex:
        citations.update(tex_citations(_io.read_text(path), path))
    for path in aux:
        citations.update(aux_citations(_io.read_text(path), path))
    return citations


def _undefined_citations(citations: Citations, defined: set[str]) -> list[Diagnostic]:
    folded = {key.lower(): key for key in defined}
    found = []
    for key, where in citations.keys.items():
        if key in defined:
            continue
        near = folded.get(key.lower())
        hint = f" (a .bib defines {near!r}: keys are case-sensitive)" if near else ""
        found.append(
            Diagnostic(
                Severity.ERROR,
                "tex.undefined-citation",
                f"{key!r} is cited but no .bib file given defines it{hint}",
                where,
                key,
            )
        )
    return found


def _fix_notes(path: str, result: FixResult, *, written: bool) -> list[Diagnostic]:
    if result.refused is not None:
        # Refusing to change meaning is an error; skipping a broken file is a note, as the
        # syntax errors themselves are reported anyway.
        severity = Severity.ERROR if result.fixed else Severity.INFO
        return [Diagnostic(severity, "check.fix-refused", f"{path}: {result.refused}")]
    notes = []
    if result.kept:
        notes.append(
            Diagnostic(
                Severity.INFO,
                "check.fix-refused",
                f"{path}: left {_shown_keys(result.kept)} unfixed: fixing would change their "
                "CSL-JSON",
            )
        )
    if not result.fixed or not written:
        return notes
    counts: dict[str, int] = {}
    for finding in result.fixed:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    detail = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
    total = len(result.fixed)
    message = f"{path}: fixed {total} problem{'s' if total != 1 else ''} ({detail})"
    return [*notes, Diagnostic(Severity.INFO, "check.fixed", message)]


def _unified_diff(path: str, old: str, new: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=path,
        tofile=f"{path} (fixed)",
    )
    return "".join(lines)


def _render(run: CheckRun, found: list[Diagnostic], diffs: list[str], fmt: str) -> None:
    if fmt == "json":
        import json

        run.stdout = json.dumps([_as_json(d) for d in found], indent=2, ensure_ascii=False) + "\n"
    elif fmt == "github":
        run.stdout = "".join(_as_github(d) + "\n" for d in found)
    else:
        run.diagnostics = found
        run.stdout = "".join(diffs)


def _as_json(diag: Diagnostic) -> dict[str, Any]:
    where = diag.location
    return {
        "path": where.path if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "severity": str(diag.severity),
        "code": diag.code,
        "message": diag.message,
        "key": diag.item_id,
    }


_GITHUB_LEVEL: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def _as_github(diag: Diagnostic) -> str:
    """A GitHub Actions workflow command: ``::error file=..,line=..,col=..,title=..::msg``."""
    props = [f"title={_gh_escape(diag.code, prop=True)}"]
    if diag.location is not None:
        where: Location = diag.location
        props = [
            f"file={_gh_escape(where.path, prop=True)}",
            f"line={where.line}",
            f"col={where.column}",
            *props,
        ]
    return f"::{_GITHUB_LEVEL[diag.severity]} {','.join(props)}::{_gh_escape(diag.message)}"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def rule_table() -> list[tuple[str, str, bool, bool, str]]:
    """(code, severity, on by default, fixable, summary) per rule, for docs and tests."""
    return [(r.code, str(r.severity), r.default, r.fixable, r.summary) for r in RULES]
