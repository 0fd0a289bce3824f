"""Page-text parsing speed: 10 MB pastes (each seed repeated) and pathological lines.

Run on demand: ``python benchmarks/pages_speed.py``. Prints the best of three runs per
input; the results are reported in docs/pages.md. Not a test: the machine is shared.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bibconv import pages
from bibconv.pages._text import split_lines

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10_000_000  # characters


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _every_page_layout(text: str) -> None:
    """Detect with the page layouts, then parse the text with each of them.

    The references fallback is left out: it has its own benchmark
    (benchmarks/references_accuracy.py) and its own owner.
    """
    lines = split_lines(text)
    pages.detect(lines, fallback=False)
    for layout in pages.LAYOUTS:
        if layout.NAME != pages.FALLBACK_NAME:
            layout.parse(lines, source="bench", year=2026)


def main() -> int:
    print(f"{'input':42} {'MB':>6} {'items':>7} {'best s':>7}")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        page = seed.read_text(encoding="utf-8")
        text = "\n".join([page] * (TARGET // len(page) + 1))
        items = len(pages.parse(text, year=2026).items)
        seconds = best_of(3, functools.partial(pages.parse, text, year=2026))
        print(f"{seed.name + ' x N':42} {len(text) / 1e6:6.1f} {items:7d} {seconds:7.2f}")
    pathological = {
        "100,000 '|' on one line": "|" * 100_000,
        "100,000 '.' on one line": "." * 100_000,
        "100,000 lines of '|'": "|\n" * 100_000,
        "one 1 MB line of words": "word " * 200_000,
        "one 1 MB URL": "https://" + "a" * 1_000_000,
        "1 MB of 'Ann Lee, ' (an author list)": "Ann Lee, " * 111_111,
    }
    for name, text in pathological.items():
        seconds = best_of(3, functools.partial(_every_page_layout, text))
        print(f"{name:42} {len(text) / 1e6:6.1f} {'-':>7} {seconds:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
