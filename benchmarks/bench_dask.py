"""Convert a generated N-fold copy of large.bib on a local dask.distributed cluster.

    python benchmarks/bench_dask.py                  # 50 copies (about 0.9 GB), 2 workers
    python benchmarks/bench_dask.py --copies 10 --to ris --blocksize 8388608 --duplicates

The input is generated into --workdir (default /tmp/bibconv-dask-bench, never the repo):
large.bib N times, every key (and every crossref/xdata naming one) given the copy's
suffix, so the keys stay unique and each copy's children inherit from their own copy's
parents. The run is ``bibconv.dask.convert`` (what ``bibconv convert --engine dask``
does) on a LocalCluster of --workers processes with one thread each. Reported: the load
average before and after, the planning pass on the client (split_ranges, the @string and
crossref first pass), the wall time of the whole run, the output's size, and each
worker's peak resident memory (``ru_maxrss`` read in the worker at the end) and the
client's. Results: docs/performance.md ("Scale-out on Dask").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import time
from pathlib import Path

from bibconv import dask as on_dask

LARGE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "large.bib"

# An entry's head up to its key (not @string/@comment/@preamble, which have none).
_HEAD = re.compile(
    rb"(^[ \t]*@[ \t]*(?!(?:string|comment|preamble)\b)[A-Za-z][\w-]*[ \t]*[{(][ \t]*)"
    rb"([^\s,{}()]+)",
    re.MULTILINE | re.IGNORECASE,
)
_PARENT = re.compile(rb"((?:crossref|xdata)[ \t]*=[ \t]*[{\"])([^}\"]*)", re.IGNORECASE)


def _copy(data: bytes, number: int) -> bytes:
    """large.bib with every key (and key named by crossref/xdata) suffixed ``-xN``."""
    suffix = f"-x{number}".encode()
    renamed = _HEAD.sub(lambda m: m.group(1) + m.group(2) + suffix, data)
    return _PARENT.sub(
        lambda m: (
            m.group(1)
            + b",".join(key.strip() + suffix for key in m.group(2).split(b",") if key.strip())
        ),
        renamed,
    )


def generate(source: Path, copies: int, target: Path) -> Path:
    """The N-fold file (made once; kept between runs)."""
    if target.exists():
        return target
    data = source.read_bytes()
    partial = target.with_suffix(".partial")
    with open(partial, "wb") as out:
        for number in range(copies):
            out.write(_copy(data, number))
            out.write(b"\n")
    partial.rename(target)
    return target


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--source", type=Path, default=LARGE)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bibconv-dask-bench"))
    parser.add_argument("--to", default="csljson")
    parser.add_argument("--blocksize", type=int, default=on_dask.DEFAULT_BLOCKSIZE)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--duplicates", action="store_true", help="also time duplicates(read(file)).count()"
    )
    args = parser.parse_args()

    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    path = generate(args.source, args.copies, args.workdir / f"large-x{args.copies}.bib")
    made = time.perf_counter() - started
    size = path.stat().st_size
    out = args.workdir / f"out-x{args.copies}-{args.to}"
    shutil.rmtree(out, ignore_errors=True)
    print(f"input {path}: {size / 1e6:.0f} MB (generated in {made:.1f} s)", file=sys.stderr)

    load_before = _load()
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=args.workers, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter()
        partitions = len(on_dask.plan._plan([str(path)], None, args.blocksize))
        planning = time.perf_counter() - started
        cpu_before = client.run(_cpu_s)
        started = time.perf_counter()
        done = on_dask.convert([str(path)], str(out), args.to, blocksize=args.blocksize)
        wall = time.perf_counter() - started
        workers = client.run(_peak_rss_mb)
        cpu = sum(client.run(_cpu_s).values()) - sum(cpu_before.values())
        found, dedup = None, 0.0
        if args.duplicates:
            started = time.perf_counter()
            groups = on_dask.duplicates(on_dask.read([str(path)], blocksize=args.blocksize))
            found = groups.count().compute()
            dedup = time.perf_counter() - started
            workers_after = client.run(_peak_rss_mb)
    written = sum(Path(p).stat().st_size for p in done.paths)
    report = {
        "input_mb": round(size / 1e6),
        "copies": args.copies,
        "to": args.to,
        "workers": args.workers,
        "blocksize": args.blocksize,
        "partitions": partitions,
        "planning_s": round(planning, 1),
        "wall_s": round(wall, 1),
        "mb_per_s": round(size / 1e6 / wall, 1),
        "workers_cpu_s": round(cpu, 1),
        "output_mb": round(written / 1e6),
        "files": len(done.paths),
        "diagnostics": len(done.diagnostics),
        "worker_peak_rss_mb": sorted(round(v) for v in workers.values()),
        "client_peak_rss_mb": round(_peak_rss_mb()),
        **(
            {
                "duplicate_groups": found,
                "duplicates_s": round(dedup, 1),
                "worker_peak_rss_mb_after_duplicates": sorted(
                    round(v) for v in workers_after.values()
                ),
            }
            if args.duplicates
            else {}
        ),
        "load_before": load_before,
        "load_after": _load(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
