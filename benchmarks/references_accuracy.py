"""Accuracy of the ``references`` layout: fields per reference string, and entry F1 on lists.

Run: ``python benchmarks/references_accuracy.py [folder]`` (from the repository root); with a
folder of list files (format of ``tests/references/data/references/lists``) only those lists are
scored and every miss is printed.

- Whole lists: every list file's paste is split and parsed; entry F1 counts a reference as
  found when one block holds exactly its text, and each target field is scored over the
  found references (exact, or wrong when expected or produced but different).

- Field accuracy: for every case in ``tests/references/data/references`` the measured fields
  (type, title, author, editor, issued, container-title, volume, issue, page, publisher,
  publisher-place, edition, DOI, URL, arXiv id) of the parse are compared with the expected
  item; a field counts once if it is expected or produced, and is exact only if equal.
  The author list is one field (every name must be right). Reported for the dev cases
  (tuned on) and the held-out ones (not tuned on), per style.
- Entry F1: the same strings pasted as whole lists in five arrangements (one per line;
  ``[n]`` numbered; ``n.`` numbered and wrapped at 80 columns; paragraphs wrapped at 70
  columns with doubled blank lines and CRLF; hanging indents) are split, and a reference
  counts as found when one block holds exactly its lines (none split, none merged).
"""

from __future__ import annotations

import sys
import textwrap
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bibconv.pages._text import split_lines
from bibconv.references.parse import strip_number
from bibconv.references.splitting import split_references
from tests.references.test_lists import LISTS, Score, all_lists, score_list
from tests.references.test_references import Case, all_cases, field_accuracy


def arrangements(texts: list[str]) -> dict[str, tuple[str, list[set[int]]]]:
    """Each arrangement's pasted text and the line numbers of each reference in it."""
    out: dict[str, tuple[str, list[set[int]]]] = {}

    def build(
        name: str, pieces: list[list[str]], separator: list[str], newline: str = "\n"
    ) -> None:
        lines: list[str] = []
        spans: list[set[int]] = []
        for piece in pieces:
            start = len(lines) + 1
            lines.extend(piece)
            spans.append(set(range(start, start + len(piece))))
            lines.extend(separator)
        out[name] = (newline.join(lines), spans)

    build("one-per-line", [[t] for t in texts], [])
    build("bracket-numbered", [[f"[{i}] {t}"] for i, t in enumerate(texts, 1)], [])
    build(
        "dot-numbered-wrapped",
        [textwrap.wrap(f"{i}. {t}", 80, break_on_hyphens=False) for i, t in enumerate(texts, 1)],
        [],
    )
    build(
        "paragraphs-crlf",
        [textwrap.wrap(t, 70, break_on_hyphens=False) for t in texts],
        ["", ""],
        "\r\n",
    )
    build(
        "hanging-indent",
        [textwrap.wrap(t, 80, subsequent_indent="    ", break_on_hyphens=False) for t in texts],
        [],
    )
    return out


def entry_f1(texts: list[str]) -> dict[str, tuple[int, int, int]]:
    """Per arrangement: (references, blocks found, blocks that are exactly one reference)."""
    results = {}
    for name, (text, spans) in arrangements(texts).items():
        blocks = split_references(split_lines(text))
        found = [set(block.line_numbers) for block in blocks]
        exact = sum(1 for block in found if block in spans)
        results[name] = (len(spans), len(found), exact)
    return results


def report(label: str, cases: list[Case]) -> None:
    exact, total = field_accuracy(cases)
    print(f"{label}: {len(cases)} strings, {exact}/{total} fields exact = {exact / total:.1%}")
    by_style: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_style[case.style].append(case)
    for style in sorted(by_style):
        e, t = field_accuracy(by_style[style])
        print(f"    {style:22} {len(by_style[style]):3} strings  {e}/{t} = {e / t:.1%}")
    f1_rows = entry_f1([case.text for case in cases])
    for name, (gold, found, exact) in f1_rows.items():
        precision = exact / found if found else 0.0
        recall = exact / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"    entry F1 {name:22} {exact}/{gold} found exactly, {found} blocks, F1 {f1:.3f}")


def report_lists(label: str, folder: Path, *, verbose: bool = False) -> None:
    """Entry F1 and per-field exactness over whole pasted lists (tests/pages/data/.../lists)."""
    total = Score()
    for pasted in all_lists(folder):
        total.add(score_list(pasted))
    print(
        f"{label}: {total.gold} references, {total.found} blocks, {total.exact} found exactly, "
        f"entry F1 {total.f1:.3f}"
    )
    for key, (right, counted) in total.fields.items():
        print(f"    {key:16} {right:4}/{counted:<4} = {right / counted:.1%}")
    if verbose:
        for miss in total.misses:
            print(f"    miss: {miss}")


def main() -> None:
    if len(sys.argv) > 1:  # a folder of list files: score it alone, misses shown
        report_lists(sys.argv[1], Path(sys.argv[1]), verbose=True)
        return
    report_lists("whole lists (dev)", LISTS)
    # A pasted list is numbered throughout or not at all: the arrangements add their own.
    cases = [Case(c.id, c.style, c.split, strip_number(c.text), c.expected) for c in all_cases()]
    report("dev (tuned on)", [c for c in cases if c.split == "dev"])
    report("held out (not tuned on)", [c for c in cases if c.split == "heldout"])
    report("held out, second set", [c for c in cases if c.split == "heldout2"])
    report("held out, third set", [c for c in cases if c.split == "heldout3"])


if __name__ == "__main__":
    main()
