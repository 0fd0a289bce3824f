"""Speed of the ``references`` layout on large pastes, on long plain text, on odd lines.

Run: ``python benchmarks/references_speed.py [megabytes]`` (default 10). Prints the best of
three runs for:

- a reference list of about 10 MB where every reference is different: the test reference
  strings (one per line) copied with their years, volumes, pages and (where printed next
  to initials) family names changed in each copy, so no cache can answer for a reference
  or, mostly, an author list it has seen;
- the same size of the test strings repeated as they are (a list pasted several times);
- ``references.detect`` and the ``text`` format's detector on 10 MB of prose with no blank
  line (the shape that made grouping quadratic);
- single pathological lines (detect and parse).

Numbers go to docs/references.md.
"""

from __future__ import annotations

import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bibconv import pages, references
from bibconv.pages._text import split_lines
from bibconv.protocols import ReadOptions
from bibconv.references import splitting
from bibconv.references.parse import strip_number
from tests.references.test_references import all_cases

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SMALL_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?!\d)")


# A family name printed next to initials: "Vaswani, A." (APA, LNCS) or "A. Vaswani" (IEEE).
_FAMILY = re.compile(r"(?<=[A-Z]\. )[A-Z][a-z]{2,}|[A-Z][a-z]{2,}(?=, [A-Z]\.)")


def _letters(number: int) -> str:
    """0 -> "", 1 -> "b", 27 -> "bb": a suffix that differs for every copy."""
    out = ""
    while number:
        number, digit = divmod(number, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[digit]
    return out


def varied(text: str, copy: int) -> str:
    """``text`` with its years, volumes and pages shifted and its family names lengthened by
    ``copy``: the same shape, a new string and new author lists (no cache has seen them)."""
    text = _YEAR.sub(lambda m: str(1900 + (int(m.group()) + copy) % 126), text)
    text = _SMALL_NUMBER.sub(lambda m: str(int(m.group()) + copy % 900), text)
    return _FAMILY.sub(lambda m: m.group() + _letters(copy), text)


def best_of(runs: int, job: Callable[[], object]) -> tuple[float, object]:
    best = float("inf")
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - start)
    return best, result


def read(text: str) -> int:
    return len(references.read(text, ReadOptions(path="bench.txt", year=2026)).items)


def report_list(name: str, text: str) -> None:
    seconds, count = best_of(3, lambda: read(text))
    assert isinstance(count, int)
    size = len(text.encode("utf-8")) / 1e6
    print(f"{name}: {size:.1f} MB, {count} references: {seconds:.2f} s ({count / seconds:.0f}/s)")


def one_core(text: str) -> object:
    """The same read with every reference parsed in this process."""
    default = references.PARALLEL_REFERENCES
    references.PARALLEL_REFERENCES = sys.maxsize  # type: ignore[misc]
    try:
        return references.read(text, ReadOptions(path="bench.txt", year=2026))
    finally:
        references.PARALLEL_REFERENCES = default  # type: ignore[misc]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report_phases(text: str) -> None:
    """Where the time of one read goes (wall and CPU seconds, the workers' apart: on a
    loaded machine CPU seconds say more), and the check that all cores give the same items."""
    start, cpu = time.perf_counter(), time.process_time()
    lines = split_lines(text)
    split, split_cpu = time.perf_counter(), time.process_time()
    blocks = splitting.segment(lines).blocks
    segmented, segment_cpu = time.perf_counter(), time.process_time()
    workers_before = _children_cpu()
    parsed = references.read(text, ReadOptions(path="bench.txt", year=2026))
    whole, whole_cpu = time.perf_counter(), time.process_time()
    workers = _children_cpu() - workers_before
    alone = one_core(text)
    single, single_cpu = time.perf_counter(), time.process_time()
    assert isinstance(alone, type(parsed))
    assert alone.items == parsed.items, "parsing on all cores changed the output"
    print(
        f"  split_lines {split - start:.2f} s ({split_cpu - cpu:.2f} CPU s), segment "
        f"{segmented - split:.2f} s ({segment_cpu - split_cpu:.2f} CPU s, {len(blocks)} "
        f"blocks); whole read on {references._usable_cores()} cores {whole - segmented:.2f} s "
        f"({whole_cpu - segment_cpu:.2f} CPU s here, {workers:.2f} in workers), on one core "
        f"{single - whole:.2f} s ({single_cpu - whole_cpu:.2f} CPU s); same items"
    )


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    target = int(megabytes * 1_000_000)
    lines = [strip_number(case.text) for case in all_cases()]
    one = "\n".join(lines) + "\n"
    copies = target // len(one) + 1
    unique = "".join(
        "\n".join(varied(line, copy) for line in lines) + "\n" for copy in range(copies)
    )
    distinct = len(set(unique.splitlines()))
    print(f"{distinct} distinct lines in the varied list")
    report_list("varied list", unique)
    report_phases(unique)
    report_list("repeated list", one * copies)

    words = ["the", "model", "we", "data", "results", "of", "and", "Figure", "table", "Our"]
    prose_line = " ".join(words * 6)
    prose = "\n".join(prose_line for _ in range(target // len(prose_line)))
    prose_lines = split_lines(prose)
    seconds, _ = best_of(3, lambda: references.detect(prose_lines))
    print(f"references.detect, {len(prose) / 1e6:.1f} MB of prose: {seconds:.3f} s")
    seconds, _ = best_of(1, lambda: pages.detect(prose_lines))
    print(f"pages.detect (every layout), same prose: {seconds:.2f} s")
    seconds, _ = best_of(1, lambda: splitting.split_references(prose_lines))
    print(f"references.split_references, same prose: {seconds:.2f} s")

    for name, line in {
        "100,000 '.'": "." * 100_000,
        "100,000 '|'": "|" * 100_000,
        "1 MB letters": "x" * 1_000_000,
        "50,000 initials": "A. " * 50_000,
        "30,000 authors + year": "Smith, J., " * 30_000 + "(2020). Title. Journal.",
    }.items():
        seconds, _ = best_of(3, lambda line=line: read(line))  # type: ignore[misc]
        print(f"{name}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
