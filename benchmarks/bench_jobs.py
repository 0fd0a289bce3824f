"""`--jobs 1` against `--jobs N` on a big file: wall time, and CPU time per process.

    python benchmarks/bench_jobs.py [BIB] [--jobs 2] [--runs 3]

Default input: ../shared/data/large.bib (18.6 MB, 27,027 entries). Three commands:
`convert -t csljson -o FILE`, `convert -t ris -o FILE` and `check`, each run as its own
process (start-up, reading and writing included), best of ``--runs``.

On a machine that other work shares, wall time shows the cores the run got, not the
ones it asked for. So each case is also run once in this process with the workers'
CPU time recorded: the parent's CPU time (split, joining, writing) and each worker's.
Their critical path, parent + the busiest worker, is what the wall time would be with
a core per process; ``cpu-bound speed-up`` is the one-process CPU time over it. The load
average (1 min) before and after each case says how shared the machine was.

Target (issue 11): at least 1.7x on 2 cores for BibTeX -> CSL-JSON, BibTeX -> RIS and
check.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"

CASES: dict[str, list[str]] = {
    "convert -t csljson": ["convert", "{input}", "-t", "csljson", "-o", "{output}.json"],
    "convert -t ris": ["convert", "{input}", "-t", "ris", "-o", "{output}.ris"],
    "check": ["check", "{input}"],
}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: Runs bibconv as its child and prints the largest resident set of any process of the
#: run (bibconv's or a worker's: RUSAGE_CHILDREN's maximum covers every descendant).
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run_process(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the process and its workers) and the largest process's
    peak RSS in MB, of one bibconv run."""
    before = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", "bibconv", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    return wall, children_cpu() - before, int(done.stdout.split()[-1]) / 1024


@contextlib.contextmanager
def worker_clock(folder: Path) -> Iterator[None]:
    """Each worker writes its CPU time so far after each chunk (to ``folder/<pid>``)."""
    from bibconv import parallel

    originals: dict[str, Callable[[Any], Any]] = {}
    for name in ("_convert_piece", "_check_piece"):
        original = getattr(parallel, name)
        originals[name] = original

        def timed(piece: Any, original: Callable[[Any], Any] = original) -> Any:
            result = original(piece)
            (folder / str(os.getpid())).write_text(str(time.process_time()))
            return result

        timed.__module__, timed.__qualname__ = parallel.__name__, name  # pickled by name
        setattr(parallel, name, timed)
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(parallel, name, original)


def run_in_process(argv: list[str]) -> tuple[float, list[float]]:
    """The parent's CPU seconds and each worker's, for one in-process run."""
    from bibconv import cli

    quiet = contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO())
    with tempfile.TemporaryDirectory() as folder:
        with worker_clock(Path(folder)), quiet[0], quiet[1]:
            started = time.process_time()
            cli.main(argv)
            parent = time.process_time() - started
        workers = [float(path.read_text()) for path in Path(folder).iterdir()]
    return parent, sorted(workers, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", nargs="?", type=Path, default=DATA / "large.bib")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(f"input {args.input} ({args.input.stat().st_size / 1e6:.1f} MB), cores {os.cpu_count()}")
    print(
        "| command | jobs | best wall s | CPU s (all processes) | parent CPU s | worker CPU s"
        " | wall speed-up | cpu-bound speed-up | largest process MB | load before/after |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as out:
        for name, template in CASES.items():
            argv = [a.format(input=args.input, output=Path(out) / "out") for a in template]
            single_wall = single_cpu = 0.0
            for jobs in (1, args.jobs):
                load = os.getloadavg()[0]
                runs = [run_process([*argv, "--jobs", str(jobs)]) for _ in range(args.runs)]
                wall = min(r[0] for r in runs)
                cpu = min(r[1] for r in runs)
                peak = max(r[2] for r in runs)
                parent, workers = run_in_process([*argv, "--jobs", str(jobs)])
                if jobs == 1:
                    single_wall, single_cpu = wall, parent
                    speeds = "", ""
                else:
                    path = parent + (workers[0] if workers else 0.0)
                    speeds = f"{single_wall / wall:.2f}x", f"{single_cpu / path:.2f}x"
                shown = ", ".join(f"{w:.2f}" for w in workers) or "-"
                loads = f"{load:.1f}/{os.getloadavg()[0]:.1f}"
                print(
                    f"| {name} | {jobs} | {wall:.2f} | {cpu:.2f} | {parent:.2f} | {shown}"
                    f" | {speeds[0]} | {speeds[1]} | {peak:.0f} | {loads} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
