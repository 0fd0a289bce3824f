"""Time `bibconv check` as a whole process (the pre-commit case), and where the time goes.

    python benchmarks/bench_check.py [BIB ...] [--runs 5]

Default inputs: ../shared/data/large.bib (18.6 MB, 27,027 entries; read untouched),
mid.bib and small.bib, plus one small golden .bib (what pre-commit passes when a few
entries change: the cost is start-up). Each run is its own process, so start-up, reading
and printing are included; the best of ``--runs`` is reported, as the machine is shared.
Peak memory is the largest resident set of any run. A second table splits one in-process
run of the largest file into scanning (formats/syntax) and the rules.

Reference (issue #5): bibtex-tidy takes 14.0 s and 1.2 GB on large.bib on this machine;
`bibconv check` must be at least 2x faster (7.0 s), aiming for 4x (3.5 s).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
DEFAULT = [DATA / "large.bib", DATA / "mid.bib", DATA / "small.bib"]
SMALL_GOLDEN = ROOT / "tests" / "golden" / "check-format-json" / "input.bib"
TIDY_SECONDS = 14.0


def run_once(path: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit code of one `bibconv check`.

    CPU time is what the process itself used; on a shared machine it is steadier than
    wall time, which includes waiting for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bibconv", "check", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def peak_rss_mb() -> float:
    """The largest resident set of any finished child so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def split(path: Path) -> tuple[float, float, int]:
    """(scan seconds, rules seconds, diagnostics) for one in-process run."""
    sys.path.insert(0, str(ROOT))
    from bibconv import _io
    from bibconv.formats.bibtex import syntax
    from bibconv.lint import CheckOptions

    check_module = sys.modules["bibconv.lint"]
    text = _io.read_text(path)
    started = time.perf_counter()
    doc = syntax.parse(text, str(path))
    scanned = time.perf_counter()
    found = check_module._diagnose(doc, CheckOptions(), None)
    return scanned - started, time.perf_counter() - scanned, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = [f for f in args.files if f.exists()] + [SMALL_GOLDEN]
    print(f"{'file':<22} {'MB':>6} {'best s':>7} {'median s':>9} {'best cpu s':>10} {'exit':>4}")
    for path in files:
        times, cpus = [], []
        code = 0
        for _ in range(args.runs):
            seconds, cpu, code = run_once(path)
            times.append(seconds)
            cpus.append(cpu)
        times.sort()
        size = path.stat().st_size / 1e6
        print(
            f"{path.name:<22} {size:>6.1f} {times[0]:>7.2f} {times[len(times) // 2]:>9.2f} "
            f"{min(cpus):>10.2f} {code:>4}"
        )
        if path.name == "large.bib":
            print(f"{'':<22} vs bibtex-tidy {TIDY_SECONDS:.1f} s: {TIDY_SECONDS / times[0]:.1f}x")
    print(f"peak resident memory of any run: {peak_rss_mb():.0f} MB")
    largest = max(files, key=lambda p: p.stat().st_size)
    scan, rules, found = split(largest)
    print(f"in-process, {largest.name}: scan {scan:.2f} s, rules {rules:.2f} s, {found} reports")


if __name__ == "__main__":
    main()
