"""Peak memory and time per entry of a streamed `bibconv convert` (issue 11).

    python benchmarks/bench_memory.py [--copies 1,10,50] [--to csljson] [--before] [--repeat N]

Each run is `bibconv convert FILE -t csljson -o OUT` in a child process (the whole
command, start-up included); the child reports its own peak resident memory and CPU time
(``resource.getrusage(RUSAGE_SELF)`` at exit, and ``RUSAGE_CHILDREN`` for the largest
``--jobs`` worker, read back through a pipe). FILE is
../shared/data/large.bib (18.6 MB, 27,027 entries, real defects kept) and copies of it
made N times as long in /tmp (never in the repo): each copy renames every key and every
``crossref`` value (``key`` -> ``key~c7``), so keys stay unique and each copy's children
find their own parents, and leaves out the ``@string`` definitions after the first copy
(they are defined by then; repeating them would only add a redefinition warning each).
``--before`` also runs the whole-file way (``-o -``, standard output into a file: that
path never streams), on the 1x file only: it holds everything, so 10x would need ~7 GB.

Target (issue 11): peak RSS <= 150 MB on large.bib, the same +-10% on 10x and 50x; time
per entry no worse than the whole-file way's. Results go in docs/performance.md, with the
machine's load (the 2 cores are shared: CPU time is the steadier number).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT.parent / "shared" / "data" / "large.bib"

# Run as the child: bibconv's own CLI, then its getrusage, as one line on a pipe.
_CHILD = """
import os, resource, sys
from bibconv import cli
code = cli.main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the largest worker (--jobs N)
cpu = usage.ru_utime + usage.ru_stime + workers.ru_utime + workers.ru_stime
report = f"{usage.ru_maxrss} {workers.ru_maxrss} {cpu} {code}"
os.write(int(os.environ["BENCH_REPORT_FD"]), report.encode())
"""

_HEAD_KEY = re.compile(rb"(@[ \t]*[A-Za-z]+[ \t]*[{(][ \t]*)([^\s,}]+)")
_CROSSREF = re.compile(rb"((?:crossref|xdata)\s*=\s*[{\"])([^}\"]+)", re.IGNORECASE)
_STRING = re.compile(rb"^[ \t]*@string\b", re.IGNORECASE | re.MULTILINE)


def make_copies(copies: int, folder: Path) -> Path:
    """large.bib ``copies`` times over, keys unique (see the module docstring)."""
    path = folder / f"large-x{copies}.bib"
    if path.exists():
        return path
    data = LARGE.read_bytes()
    no_strings = _without_strings(data)
    with path.open("wb") as out:
        out.write(data)
        for n in range(1, copies):
            out.write(b"\n" + _renamed(no_strings, f"~c{n}".encode()))
    return path


def _renamed(data: bytes, tag: bytes) -> bytes:
    """Every entry key and crossref/xdata value in ``data`` with ``tag`` appended."""
    keyed = _HEAD_KEY.sub(lambda m: m.group(1) + m.group(2) + tag, data)
    return _CROSSREF.sub(lambda m: m.group(1) + m.group(2) + tag, keyed)


def _without_strings(data: bytes) -> bytes:
    """``data`` with each line-start ``@string`` block cut (up to the next line-start '@')."""
    out = []
    pos = 0
    for match in _STRING.finditer(data):
        out.append(data[pos : match.start()])
        following = re.compile(rb"^[ \t]*@", re.MULTILINE).search(data, match.end())
        pos = following.start() if following else len(data)
    out.append(data[pos:])
    return b"".join(out)


def entries_in(path: Path) -> int:
    head = re.compile(rb"^[ \t]*@(?!string|comment|preamble)", re.IGNORECASE)
    with path.open("rb") as handle:
        return sum(1 for line in handle if head.match(line))


def run(argv: list[str], stdout_path: Path | None = None) -> tuple[float, float, float, float, int]:
    """(wall s, CPU s, peak MB, the largest worker's peak MB, exit code) of ``bibconv
    ARGV`` in a child process (CPU: the child's and its workers')."""
    read_end, write_end = os.pipe()
    stdout = stdout_path.open("wb") if stdout_path else subprocess.DEVNULL
    start = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, "-c", _CHILD, *argv],
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            pass_fds=(write_end,),
            env={**os.environ, "PYTHONPATH": str(ROOT), "BENCH_REPORT_FD": str(write_end)},
            check=False,
        )
    finally:
        wall = time.perf_counter() - start
        os.close(write_end)
        if stdout_path:
            stdout.close()  # type: ignore[union-attr]
    with os.fdopen(read_end) as report:
        peak_kb, worker_kb, cpu, code = report.read().split()
    return wall, float(cpu), int(peak_kb) / 1024, int(worker_kb) / 1024, int(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", default="1,10", help="sizes as multiples of large.bib")
    parser.add_argument("--to", default="csljson")
    parser.add_argument("--before", action="store_true", help="also the whole-file way (1x)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="--jobs for the streamed run (the default of `convert` on a big file is the "
        "number of cores); with N > 1 the largest worker's peak is shown too",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each way; the least CPU time is shown"
    )
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "bibconv-bench-memory"
    folder.mkdir(exist_ok=True)
    load = os.getloadavg()[0]
    print(f"load average at start: {load:.1f} (2 cores)")
    print("| input | entries | way | wall | CPU | CPU per entry | peak RSS | largest worker |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for copies in (int(c) for c in args.copies.split(",")):
        path = make_copies(copies, folder)
        entries = entries_in(path)
        out = folder / f"out-x{copies}.json"
        # --jobs 1: one process; with N, the workers' peak is RUSAGE_CHILDREN's (the largest).
        streamed = ["convert", str(path), "-t", args.to, "-o", str(out), "--jobs", str(args.jobs)]
        jobs = "" if args.jobs == 1 else f", --jobs {args.jobs}"
        ways = [(f"streamed (-o{jobs})", streamed, None)]
        if args.before and copies == 1:
            ways.append(("whole (stdout)", ["convert", str(path), "-t", args.to, "-j", "1"], out))
        for way, argv, stdout_path in ways:
            # Best of N by CPU time: on a shared machine the least is the least disturbed.
            wall, cpu, peak, worker, _ = min(
                (run(argv, stdout_path) for _ in range(max(1, args.repeat))), key=lambda r: r[1]
            )
            size = path.stat().st_size / 1e6
            print(
                f"| {path.name} ({size:.0f} MB) | {entries:,} | {way} | {wall:.1f} s "
                f"| {cpu:.1f} s | {cpu / entries * 1e6:.0f} µs | {peak:.0f} MB "
                f"| {f'{worker:.0f} MB' if worker else '-'} |",
                flush=True,
            )
        out.unlink(missing_ok=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
