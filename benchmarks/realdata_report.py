"""The real-data check on every ../shared/data/*.bib, with counts (on demand; large is slow).

    python benchmarks/realdata_report.py [large.bib mixed1k.bib ...]

For each file: entries in the file (the syntax layer's count, broken ones included),
entries read into CSL-JSON, entries reported as broken (with path:line:col), diagnostics
by code, and the BibTeX -> CSL-JSON -> BibTeX comparison of tests/test_realdata.py
(fields compared, key and value mismatches). Every entry must either come out or be
reported: the script says so, and exits 1 if not.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bibconv  # noqa: E402  (after the path set-up, so the checkout is used)
from bibconv import _io  # noqa: E402
from bibconv.formats.bibtex import syntax  # noqa: E402
from tests.test_realdata import compare  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DEFAULT = ("small.bib", "mid.bib", "mixed1k.bib", "large.bib")


def check(path: Path) -> bool:
    """Print the counts for one file; True if every entry came out or was reported."""
    started = time.perf_counter()
    text = _io.read_text(path)
    doc = syntax.parse(text, path.name)
    broken = [e for e in doc.entries if e.broken]
    diagnostics: list[bibconv.Diagnostic] = []
    items = bibconv.loads(text, "bibtex", path=path.name, diagnostics=diagnostics)
    codes = Counter(d.code for d in diagnostics)
    reported = {e.start for e in broken if e.errors}
    accounted = len(items) + len(reported) == len(doc.entries)
    result = compare(text, path.name)
    print(f"{path.name}: {len(doc.entries)} entries, {len(doc.strings)} @string")
    print(f"  read into CSL-JSON: {len(items)}; broken and reported: {len(reported)}")
    for entry in broken:
        for diag in entry.errors:
            print(f"    {diag}")
    print(f"  diagnostics: {dict(sorted(codes.items())) or 'none'}")
    print(
        f"  bib -> csl -> bib: {result.entries_in} in, {result.entries_out} out, "
        f"{result.fields_compared} field values compared, "
        f"{len(result.key_mismatches)} key and {len(result.value_mismatches)} value mismatches"
    )
    for mismatch in result.value_mismatches[:10]:
        print(f"    {mismatch}")
    print(f"  every entry out or reported: {'yes' if accounted else 'NO'}")
    print(f"  ({time.perf_counter() - started:.1f} s)")
    return accounted and not result.key_mismatches and not result.value_mismatches


def main(argv: Sequence[str]) -> int:
    names = argv or DEFAULT
    ok = [check(DATA / name) for name in names]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
