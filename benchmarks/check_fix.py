"""Time `bibconv check --fix` as a whole process, on a copy of each file (issue 13).

    python benchmarks/check_fix.py [BIB ...] [--runs 3] [--before SRC] [--tree SRC]

Default inputs: ../shared/data/large-parseable.bib (18.6 MB, 27,022 entries; 10,292
fixes, 6 entries put back by the meaning guard), mid-parseable.bib and small.bib. Each
run fixes a fresh copy in a temporary folder, in its own process (start-up, reading,
writing and the report included); the best of ``--runs`` is reported, wall and CPU (user
+ system: steadier than wall on a shared machine).

``--before SRC`` also times another bibconv source tree (``git archive <commit> | tar -x
-C SRC``) with the same Python, and checks that both write byte-identical files and
print identical reports.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
DEFAULT = [DATA / "large-parseable.bib", DATA / "mid-parseable.bib", DATA / "small.bib"]
TARGET_SECONDS = 6.0  # large-parseable.bib, issue 13 (it took about 19 s)


def run_once(source: Path, bib: Path, work: Path) -> tuple[float, float, bytes, bytes]:
    """Wall and CPU seconds of one `check --fix` on a copy of ``bib``; the fixed file and
    the report (paths in it name the copy as ``bib``'s own name)."""
    copy = work / bib.name
    shutil.copyfile(bib, copy)
    env = {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bibconv", "check", "--fix", "--no-config", bib.name],
        cwd=work,
        env=env,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{bib}: bibconv check --fix failed:\n{done.stderr.decode()}")
    return wall, cpu, copy.read_bytes(), done.stderr


def best(source: Path, bib: Path, runs: int) -> tuple[float, float, bytes, bytes]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as work:
            results.append(run_once(source, bib, Path(work)))
    wall = min(r[0] for r in results)
    cpu = min(r[1] for r in results)
    return wall, cpu, results[-1][2], results[-1][3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another bibconv source tree to compare")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree to time (this one)")
    args = parser.parse_args(argv)
    print("| file | MB | tree | wall (best) | CPU (best) |")
    print("|---|---:|---|---:|---:|")
    same = True
    for bib in args.files:
        size = bib.stat().st_size / 1e6
        now = best(args.tree, bib, args.runs)
        rows = [("this", now)]
        if args.before is not None:
            then = best(args.before, bib, args.runs)
            rows.insert(0, ("before", then))
            if then[2:] != now[2:]:
                same = False
                print(f"<!-- {bib.name}: the fixed file or the report differs -->")
        for tree, (wall, cpu, _, _) in rows:
            print(f"| {bib.name} | {size:.1f} | {tree} | {wall:.2f} s | {cpu:.2f} s |")
    if args.before is not None:
        print(f"\nfixed files and reports identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
