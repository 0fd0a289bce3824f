"""Page-parser accuracy on held-out pages whose expected items were written by hand.

``python benchmarks/pages_accuracy.py`` reads ``benchmarks/pages_heldout/**/*.txt`` and the
matching ``*.expected.json`` (written from the page by hand, never from parser output),
parses each page with layout detection (capture year 2026) and prints entry precision,
recall and F1 (items matched by title) and the share of exact fields over matched items
(every key either side has, ``id`` excluded). Results are reported in docs/pages.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bibconv import pages

HERE = Path(__file__).resolve().parent / "pages_heldout"


def _score(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(matched items, exact fields, compared fields)."""
    by_title = {item.get("title"): item for item in actual}
    matched = exact = compared = 0
    for want in expected:
        got = by_title.get(want.get("title"))
        if got is None:
            print(f"    missing: {want.get('title')!r}")
            continue
        matched += 1
        for key in sorted((set(want) | set(got)) - {"id"}):
            compared += 1
            if want.get(key) == got.get(key):
                exact += 1
            else:
                print(
                    f"    {want['title'][:40]!r} {key}: want {want.get(key)!r} got {got.get(key)!r}"
                )
    return matched, exact, compared


def main() -> int:
    totals = [0, 0, 0, 0, 0]  # expected, actual, matched, exact, compared
    for page in sorted(HERE.rglob("*.txt")):  # blind/ holds a second, later set
        expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
        parsed = pages.parse(page.read_text(encoding="utf-8"), year=2026, path=page.name)
        actual = [dict(item) for item in parsed.items]
        print(f"{page.name}: {parsed.diagnostics[0].message}")
        matched, exact, compared = _score(expected, actual)
        for index, value in enumerate((len(expected), len(actual), matched, exact, compared)):
            totals[index] += value
    want, got, matched, exact, compared = totals
    precision, recall = matched / got, matched / want
    f1 = 2 * precision * recall / (precision + recall)
    print(f"entries: expected {want}, parsed {got}, matched {matched}; F1 {f1:.3f}")
    print(f"fields exact: {exact}/{compared} = {exact / compared:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
