"""``bibconv convert --engine dask``: the options, and the run over :mod:`bibconv.dask`.

Printing and exit codes stay in ``cli.py``; dask is imported only when the engine runs.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass, field
from typing import Final

from bibconv import _io
from bibconv.diagnostics import Diagnostic

ENGINES: Final = ("local", "dask")
_SIZE: Final = re.compile(r"(\d+)([kmg]i?b?)?", re.IGNORECASE)
_UNITS: Final = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def _size(text: str) -> int:
    """argparse type for --blocksize: bytes, or with K/M/G (binary: 4M is 4 MiB)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(
            f"expected a size such as 4M, 512K or 1000000, found {text!r}"
        )
    unit = (match.group(2) or "")[:1].lower()
    return int(match.group(1)) * _UNITS[unit]


def add_arguments(convert: argparse.ArgumentParser) -> None:
    group = convert.add_argument_group("scale-out on Dask (pip install 'bibconv[dask]')")
    group.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="dask: read and write in partitions on a dask cluster, one output file per "
        "partition in -o DIR (DIR/STEM-N.EXT: N counts a file's partitions from 0)",
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a dask.distributed scheduler (tcp://host:8786), or "
        "processes, threads or synchronous (dask's local schedulers); default: a local "
        "cluster with one worker process per core",
    )
    group.add_argument(
        "--blocksize",
        type=_size,
        metavar="SIZE",
        help="with --engine dask: bytes of a big BibTeX/RIS/CSL-JSON file per partition "
        "(default 4M; K, M, G are binary units)",
    )


@dataclass
class DaskRun:
    """What a run wrote and met; ``usage_error`` when it did not start."""

    paths: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    usage_error: str | None = None


def run_convert(args: argparse.Namespace) -> DaskRun:
    """Convert ``args.inputs`` into the folder ``args.output`` on the chosen scheduler."""
    problem = _usage_problem(args)
    if problem is not None:
        return DaskRun(usage_error=problem)
    from bibconv import dask as on_dask  # the extra's error, if missing, names the fix

    options = {} if args.blocksize is None else {"blocksize": args.blocksize}
    with on_dask.scheduler(args.scheduler):
        done = on_dask.convert(
            args.inputs,
            args.output,
            args.to or "csljson",
            from_format=args.from_,
            ascii=args.ascii,
            lossless=args.lossless,
            year=args.year,
            sentence_case=args.sentence_case,
            **options,
        )
    return DaskRun(done.paths, done.diagnostics)


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.engine != "dask":
        return "--scheduler and --blocksize need --engine dask"
    output = args.output
    if output in (None, _io.STDIO):
        return "--engine dask needs -o DIR (a folder: it writes one file per partition)"
    if os.path.exists(output) and not os.path.isdir(output):
        return f"-o {output} is a file; --engine dask writes one file per partition into a folder"
    if _io.STDIO in args.inputs:
        return "--engine dask reads files, not standard input"
    if args.to == "bibliography":
        return "--engine dask writes data formats, not -t bibliography"
    return None
