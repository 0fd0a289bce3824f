"""Start-up cost: `import bibconv`, and `bibconv check` on a one-entry .bib (pre-commit).

    python benchmarks/startup.py [--runs 5]

Each number is the best of ``--runs`` fresh processes (the machine is shared; the best run
is the one that waited least for a core):

* import: the cumulative microseconds ``python -X importtime -c 'import bibconv'`` gives
  the ``bibconv`` line (the package and everything it imports; the interpreter's own
  start-up and ``site`` are not in it). Target (issue 11): <= 40 ms.
* check: wall seconds of ``python -m bibconv check ONE.bib`` on a clean one-entry file
  written to a temporary directory, interpreter start-up included. Target: <= 0.10 s.
* python: wall seconds of ``python -c pass``, the floor nothing in bibconv can lower.

Beside each wall time, the best CPU time (user + system) of the child: on a shared machine
it is steadier than wall time, which includes waiting for a core.

It also lists the heavy modules a plain ``import bibconv`` loaded (it should be none).

The children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed) and one
untimed warm-up, as after ``pip install`` (which compiles every module): compiling the
sources on every start would be most of what is measured.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_ENTRY = """@article{smith2020,
  author = {Smith, John},
  title = {A Study of Things},
  journal = {Journal of Studies},
  year = {2020},
  pages = {1--10},
}
"""
HEAVY = ("bs4", "citeproc", "bibtexparser", "lxml", "pylatexenc")
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_BIBCONV_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| bibconv$", re.MULTILINE)


def import_microseconds() -> int:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bibconv"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=CHILD_ENV,
    )
    found = _BIBCONV_LINE.search(done.stderr)
    assert found, done.stderr[-2000:]
    return int(found.group(1))


def wall_and_cpu(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        cwd=ROOT,
        env=CHILD_ENV,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_modules_loaded() -> list[str]:
    probe = "import sys, bibconv; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=CHILD_ENV,
    )
    loaded = done.stdout.split()
    return [name for name in loaded if name.split(".")[0] in HEAVY]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "one-entry.bib"
        bib.write_text(ONE_ENTRY, encoding="utf-8")
        check = [sys.executable, "-m", "bibconv", "check", str(bib)]
        wall_and_cpu(check)  # warm-up: writes the bytecode caches
        imports = min(import_microseconds() for _ in range(args.runs))
        checks = [wall_and_cpu(check) for _ in range(args.runs)]
        floors = [wall_and_cpu([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    heavy = heavy_modules_loaded()
    print(f"import bibconv (cumulative, -X importtime): {imports / 1000:.1f} ms (target 40)")
    print(f"bibconv check one-entry.bib: {best(checks)} (target 0.10 s wall)")
    print(f"python -c pass (the floor):  {best(floors)}")
    print(f"heavy modules after import bibconv: {' '.join(heavy) or 'none'}")


def best(runs: list[tuple[float, float]]) -> str:
    wall = min(w for w, _ in runs)
    cpu = min(c for _, c in runs)
    return f"{wall:.3f} s wall, {cpu:.3f} s CPU (best of {len(runs)})"


if __name__ == "__main__":
    main()
