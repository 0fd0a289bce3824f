"""Peak memory and CPU per entry of `bibconv convert` from RIS and CSL-JSON (issue 11).

    python benchmarks/bench_memory_ris_json.py [--copies 1,5]

RIS -> CSL-JSON and CSL-JSON -> BibTeX, each run whole (`-o -`, standard output into a
file: that path never streams) and streamed (`-o OUT`), both with `--jobs 1` (one
process: `RUSAGE_SELF` sees no workers). The inputs are made in /tmp (never in the repo)
by `bibconv convert` from bench_memory.py's copies of ../shared/data/large.bib (keys made
unique per copy): large-xN.ris and large-xN.json. Each run is a child process that
reports its own peak resident memory and CPU time (bench_memory.run). Results go in
docs/performance.md, "Streaming RIS and CSL-JSON input", with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_memory import make_copies, run  # (a sibling script, not a package)

#: (input format's extension, output format, output extension)
PAIRS = (("ris", "csljson", "json"), ("json", "bibtex", "bib"))


def make_input(copies: int, suffix: str, folder: Path) -> Path:
    """large.bib ``copies`` times over (unique keys), converted to ``suffix``'s format."""
    path = folder / f"large-x{copies}.{suffix}"
    if not path.exists():
        bib = make_copies(copies, folder)
        target = "ris" if suffix == "ris" else "csljson"
        run(["convert", str(bib), "-t", target, "-o", str(path), "--jobs", "1", "-q"])
    return path


def entries_in(path: Path) -> int:
    """Records (a ``TY  -`` line) or top-level items (a line opening with ``  {``)."""
    mark = b"TY  -" if path.suffix == ".ris" else b"  {"
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.startswith(mark))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", default="1,5", help="sizes as multiples of large.bib")
    parser.add_argument("--whole-up-to", type=int, default=5, help="largest copy run whole")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "bibconv-bench-memory"
    folder.mkdir(exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")
    print("| input | entries | to | way | wall | CPU | CPU per entry | peak RSS |")
    print("|---|---:|---|---|---:|---:|---:|---:|")
    for copies in (int(c) for c in args.copies.split(",")):
        for suffix, target, out_suffix in PAIRS:
            path = make_input(copies, suffix, folder)
            entries = entries_in(path)
            out = folder / f"out-x{copies}.{out_suffix}"
            base = ["convert", str(path), "-t", target, "--jobs", "1"]
            ways: list[tuple[str, list[str], Path | None]] = []
            if copies <= args.whole_up_to:
                ways.append(("whole (stdout)", base, out))
            ways.append(("streamed (-o)", [*base, "-o", str(out)], None))
            for way, argv, stdout_path in ways:
                wall, cpu, peak, _ = run(argv, stdout_path)
                size = path.stat().st_size / 1e6
                print(
                    f"| {path.name} ({size:.0f} MB) | {entries:,} | {target} | {way} "
                    f"| {wall:.1f} s | {cpu:.1f} s | {cpu / entries * 1e6:.0f} µs "
                    f"| {peak:.0f} MB |",
                    flush=True,
                )
            out.unlink(missing_ok=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
