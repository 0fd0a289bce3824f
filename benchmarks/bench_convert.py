"""Time `bibconv convert` against the tools a user would pick instead (whole process).

    python benchmarks/bench_convert.py [--runs 3] [--sizes small,mid,large] [--markdown]

Jobs (each the best of --runs, wall clock, whole process including start-up):

- BibTeX -> CSL-JSON on ../shared/data/{small,mid,large}.bib: bibconv, citation-js
  (npm @citation-js/core + plugin-bibtex/-csl/-ris, installed in benchmarks/citation_js/),
  pandoc (Debian), pybtex and bibtexparser 2.x (PyPI; they parse only: no CSL-JSON, no
  LaTeX decoding; bibtexparser with its default middlewares).
- CSL-JSON -> BibTeX and BibTeX -> RIS on large.bib: bibconv, citation-js, pandoc (no RIS).

Peers read the ``-parseable`` copies (see ../shared/data/SOURCES.md): pandoc and
citation-js abort on the originals; bibconv reads the originals. A peer that cannot be
found is skipped with a message (install: ``npm install`` in benchmarks/citation_js,
``apt-get install pandoc``, ``pip install pybtex``). Peak memory (max RSS, through
``/usr/bin/time``) is reported for bibconv. Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
CITATION_JS = HERE / "citation_js"
TIME = "/usr/bin/time"
TIMEOUT = 900  # seconds per run; bibtexparser's slow path is not run on large.bib


@dataclass(frozen=True)
class Job:
    """One tool on one task: the command, and whether it reads the -parseable copy."""

    tool: str
    task: str
    size: str
    argv: list[str]


@dataclass
class Result:
    job: Job
    seconds: float | None
    peak_kb: int | None
    note: str = ""
    cpu: float | None = None  # user + system seconds: less swayed by a busy machine


def data_file(size: str, *, parseable: bool) -> Path:
    name = f"{size}-parseable.bib" if parseable and size != "small" else f"{size}.bib"
    return DATA / name


def python_snippet(code: str, path: Path) -> list[str]:
    return [sys.executable, "-c", code, str(path)]


PYBTEX = (
    "import sys; from pybtex.database import parse_file; "
    "print(len(parse_file(sys.argv[1]).entries))"
)
BIBTEXPARSER = (
    "import sys, bibtexparser; lib = bibtexparser.parse_file(sys.argv[1]); "
    "print(len(lib.entries), len(lib.failed_blocks))"
)
_PANDOC_NAMES = {"bibtex": "bibtex", "csljson": "csljson"}


def bibconv_job(task: str, size: str, src: Path, to: str, dst: Path) -> Job:
    argv = [sys.executable, "-m", "bibconv", "convert", str(src), "-t", to, "-o", str(dst)]
    return Job("bibconv", task, size, argv)


def citation_js_job(task: str, size: str, src: Path, frm: str, to: str, dst: Path) -> Job:
    argv = ["node", str(CITATION_JS / "convert.js"), str(src), frm, to, str(dst)]
    return Job("citation-js", task, size, argv)


def pandoc_job(task: str, size: str, src: Path, frm: str, to: str, dst: Path) -> Job:
    argv = ["pandoc", "-f", _PANDOC_NAMES[frm], "-t", _PANDOC_NAMES[to], str(src), "-o", str(dst)]
    return Job("pandoc", task, size, argv)


def jobs(sizes: Sequence[str], out: Path) -> list[Job]:
    found: list[Job] = []
    task = "bib->csljson"
    for size in sizes:
        original, parseable = data_file(size, parseable=False), data_file(size, parseable=True)
        found += [
            bibconv_job(task, size, original, "csljson", out / f"{size}.json"),
            citation_js_job(task, size, parseable, "bibtex", "csljson", out / "cjs.json"),
            pandoc_job(task, size, parseable, "bibtex", "csljson", out / "p.json"),
            Job("pybtex (parse only)", task, size, python_snippet(PYBTEX, parseable)),
            Job("bibtexparser (parse only)", task, size, python_snippet(BIBTEXPARSER, parseable)),
        ]
    if "large" in sizes:
        large, large_p = data_file("large", parseable=False), data_file("large", parseable=True)
        csl = out / "large.json"  # bibconv's own output of the first job: the common input
        task = "csljson->bib"
        found += [
            bibconv_job(task, "large", csl, "bibtex", out / "l.bib"),
            citation_js_job(task, "large", csl, "csljson", "bibtex", out / "cjs.bib"),
            pandoc_job(task, "large", csl, "csljson", "bibtex", out / "p.bib"),
        ]
        task = "bib->ris"
        found += [
            bibconv_job(task, "large", large, "ris", out / "l.ris"),
            citation_js_job(task, "large", large_p, "bibtex", "ris", out / "cjs.ris"),
        ]
    return found


def missing(tool: str) -> str | None:
    """Why ``tool`` cannot run here, or None."""
    if tool == "citation-js":
        if shutil.which("node") is None:
            return "node not found"
        if not (CITATION_JS / "node_modules" / "@citation-js" / "core").exists():
            return f"citation-js not installed (run `npm install` in {CITATION_JS})"
    if tool == "pandoc" and shutil.which("pandoc") is None:
        return "pandoc not found (apt-get install pandoc)"
    module = {"pybtex (parse only)": "pybtex", "bibtexparser (parse only)": "bibtexparser"}
    if tool in module:
        probe = subprocess.run(
            [sys.executable, "-c", f"import {module[tool]}"], capture_output=True
        )
        if probe.returncode:
            return f"{module[tool]} not installed (pip install {module[tool]})"
    return None


def run_once(job: Job) -> tuple[float | None, float | None, int | None, str]:
    """Wall and CPU seconds and max RSS of one run (through /usr/bin/time), or why not."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        argv = (
            [TIME, "-f", "%e %U %S %M", "-o", timing.name, *job.argv]
            if os.path.exists(TIME)
            else job.argv
        )
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return None, None, None, f"timed out after {TIMEOUT} s"
        crashed = "Traceback (most recent call last)" in done.stderr
        if done.returncode not in (0, 1) or crashed:  # bibconv exits 1 on input errors
            return None, None, None, f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
        fields = timing.read().split()
    if len(fields) < 4:
        return None, None, None, "no timing"
    wall, user, system, peak = fields[-4:]
    return float(wall), float(user) + float(system), int(peak), ""


def run(job: Job, runs: int) -> Result:
    why = missing(job.tool)
    if why:
        return Result(job, None, None, f"skipped: {why}")
    best: Result | None = None
    for _ in range(runs):
        seconds, cpu, peak, note = run_once(job)
        if seconds is None:
            return Result(job, None, None, note)
        if best is None or best.seconds is None or seconds < best.seconds:
            best = Result(job, seconds, peak, cpu=cpu)
    assert best is not None
    return best


def _ours(results: Sequence[Result], job: Job) -> Result | None:
    for result in results:
        if result.job.tool == "bibconv" and (result.job.task, result.job.size) == (
            job.task,
            job.size,
        ):
            return result
    return None


def report(results: Sequence[Result], markdown: bool) -> str:
    lines = []
    if markdown:
        lines += [
            "| task | file | tool | wall s | CPU s | bibconv / tool (wall) | peak RSS |",
            "|---|---|---|---:|---:|---:|---:|",
        ]
    for result in results:
        ours = _ours(results, result.job)
        seconds = f"{result.seconds:.2f}" if result.seconds is not None else "-"
        ratio = ""
        if result.seconds and ours and ours.seconds and result.job.tool != "bibconv":
            ratio = f"{ours.seconds / result.seconds:.2f}"
        is_ours = result.job.tool == "bibconv"
        peak = f"{result.peak_kb / 1024:.0f} MB" if result.peak_kb and is_ours else ""
        cpu = f"{result.cpu:.2f}" if result.cpu is not None else "-"
        cells = [result.job.task, result.job.size, result.job.tool, seconds, cpu, ratio, peak]
        if markdown:
            note = f" {result.note}" if result.note else ""
            lines.append("| " + " | ".join(cells) + " |" + note)
        else:
            task, size, tool = cells[:3]
            lines.append(
                f"{task:<14}{size:<7}{tool:<27}{seconds:>8}{cpu:>8}  {ratio:>6}  {peak:>8}  "
                + result.note
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--sizes", default="small,mid,large", help="comma-separated data files")
    parser.add_argument("--tools", default="", help="only these tools (comma-separated)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    load = os.getloadavg()[0]
    print(
        f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f}"
    )
    for size in sizes:
        path = data_file(size, parseable=False)
        print(f"# {path.name}: {path.stat().st_size / 1e6:.1f} MB")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-convert-") as tmp:
        for job in jobs(sizes, Path(tmp)):
            if args.tools and job.tool.split()[0] not in args.tools.split(","):
                continue
            result = run(job, args.runs)
            results.append(result)
            print(report([result], False), flush=True)
    print()
    print(report(results, args.markdown))
    for result in results:
        if result.job.tool == "bibconv" and result.peak_kb:
            size = data_file(result.job.size, parseable=False).stat().st_size
            times = result.peak_kb * 1024 / size
            print(f"bibconv {result.job.task} {result.job.size}: peak RSS {times:.1f}x the input")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
