"""Speed of the ``references`` layout on a large paste and on pathological lines.

Run: ``python benchmarks/references_speed.py``. Prints the best of three runs for a
reference list of about 10 MB (every test reference string repeated, one per line) and
for single pathological lines; numbers go to docs/references.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bibconv.pages import references
from bibconv.pages._refs_parse import strip_number
from bibconv.protocols import ReadOptions
from tests.pages.test_references import all_cases


def best_of(runs: int, text: str) -> tuple[float, int]:
    best = float("inf")
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        parsed = references.read(text, ReadOptions(path="bench.txt", year=2026))
        best = min(best, time.perf_counter() - start)
        count = len(parsed.items)
    return best, count


def main() -> None:
    lines = [strip_number(case.text) for case in all_cases()]
    one = "\n".join(lines) + "\n"
    big = one * (10_000_000 // len(one) + 1)
    seconds, count = best_of(3, big)
    size = len(big.encode("utf-8")) / 1e6
    print(f"{size:.1f} MB, {count} references: {seconds:.1f} s ({count / seconds:.0f} refs/s)")
    for name, line in {
        "100,000 '.'": "." * 100_000,
        "100,000 '|'": "|" * 100_000,
        "1 MB letters": "x" * 1_000_000,
        "50,000 initials": "A. " * 50_000,
        "30,000 authors + year": "Smith, J., " * 30_000 + "(2020). Title. Journal.",
    }.items():
        seconds, _ = best_of(3, line)
        print(f"{name}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
