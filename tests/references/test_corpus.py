"""Real reference lists, pasted as people paste them, scored against hand-written CSL-JSON.

``data/reference_lists/<style>-<field>.txt`` is a reference list as it is pasted (one
reference a line, wrapped with a hanging indent, blank-line separated, numbered ``[n]``,
``n.``, ``n)``, ``(n)`` or only on some lines, DOIs broken across lines) and
``<style>-<field>.expected.json`` the CSL-JSON a careful bibliographer writes for it, by
hand, following docs/references.md (initials ``A. B.``, hyphenated page ranges, ``et al.``
as ``{"literal": "others"}``, container titles as printed). ``custom.printed`` keeps each
reference's text on one line; only the matcher reads it, no field is scored on it. The
works are real and their metadata is true; the expectations were written before the
reader was run on them.

Each list goes through the public API (``bibconv.loads(text, format="references")``).
Produced items are aligned with expected ones in order; a pair matches when the produced
item's words are mostly the reference's (not two references merged) and cover enough of
them (not a scrap). A split leaves at most one part matched. Scores:

- entry F1: matched pairs against expected and produced items (a merge or a split costs);
- per-field accuracy on matched pairs: a field counts when it is expected or produced,
  and is right only if equal (the author list is one field; DOIs compare case-blind).

The tests guard against regression: entry F1, the ten fields together and each field may
not fall more than ``MARGIN`` (0.02; for a field, or one case if that is more) below
``FLOOR``, the score after the last field work (the first measurement, ``FIRST_SCORE``, is
recorded in docs/references.md and kept below it). Run
``python -m tests.references.test_corpus`` for the full report per style and field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import bibconv

DATA = Path(__file__).parent / "data" / "reference_lists"

#: The fields the issue's targets name, scored on every matched pair.
FIELDS: tuple[str, ...] = (
    "title", "author", "issued", "container-title", "volume", "issue", "page", "DOI", "URL",
    "publisher",
)  # fmt: skip
#: Reported as well, not part of the targets.
EXTRA_FIELDS: tuple[str, ...] = ("year", "type", "editor", "publisher-place", "edition")

#: A produced item is an expected reference when at least this share of its words belong to
#: the reference (a merge with a neighbour falls below) ...
MATCH_PRECISION = 0.6
#: ... and it holds at least this share of the reference's words (a scrap falls below).
MATCH_RECALL = 0.3
#: How far a score may fall below the first measurement before a test fails.
MARGIN = 0.02

_WORD = re.compile(r"\w+")


# ----------------------------------------------------------------------------- scoring


def _name_key(name: Mapping[str, Any]) -> tuple[str, ...]:
    """A name as one comparable tuple; particles kept in separate keys count as printed."""
    if "literal" in name:
        return ("literal", " ".join(str(name["literal"]).split()))
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    return (family, given, str(name.get("suffix", "")))


def normalise(key: str, value: Any) -> Any:
    """The comparable form of a field: white space folded, DOIs case-blind, names as tuples."""
    if value is None or value == "" or value == []:
        return None
    if key in {"author", "editor"}:
        return tuple(_name_key(name) for name in value)
    if key == "issued":
        parts = value.get("date-parts") if isinstance(value, Mapping) else None
        return tuple(tuple(int(p) for p in row) for row in parts) if parts else None
    text = " ".join(str(value).split())
    return text.lower() if key == "DOI" else text


def field_value(item: Mapping[str, Any], key: str) -> Any:
    if key == "year":
        issued = normalise("issued", item.get("issued"))
        return issued[0][0] if issued and issued[0] else None
    return normalise(key, item.get(key))


def _words(item: Mapping[str, Any]) -> list[str]:
    """Every word the item holds (``et al.`` and ``others`` left out: they say nothing)."""
    parts: list[str] = []
    for key, value in item.items():
        if key in {"author", "editor"}:
            for name in value or []:
                parts.extend(str(v) for v in name.values() if v != "others")
        elif key not in {"id", "type", "issued", "custom"} and isinstance(value, str):
            parts.append(value)
    year = field_value(item, "year")
    if year is not None:
        parts.append(str(year))
    return [w for w in _WORD.findall(" ".join(parts).lower()) if w not in {"et", "al"}]


def _common(words: Sequence[str], pool: Sequence[str]) -> int:
    """How many of ``words`` are in ``pool``, each word of the pool used once."""
    remaining = list(pool)
    common = 0
    for word in words:
        if word in remaining:
            remaining.remove(word)
            common += 1
    return common


def overlap(expected: Mapping[str, Any], produced: Mapping[str, Any]) -> tuple[float, float]:
    """(precision, recall): the share of the produced item's words that are in the printed
    reference (``custom.printed``, else the expected fields), and the share of the expected
    fields' words that the item holds.

    Precision falls when a neighbour is merged in; recall when the item is a scrap of the
    reference or lost its text. Words count as a multiset.
    """
    want, got = _words(expected), _words(produced)
    printed = str((expected.get("custom") or {}).get("printed", ""))
    pool = _printed_words(printed) if printed else want
    if not want or not got:
        return 0.0, 0.0
    return _common(got, pool) / len(got), _common(want, got) / len(want)


#: Vancouver initials printed together ("Kandel ER"): an item spells them "E. R.".
_INITIALS = re.compile(r"\b[A-Z]{2,4}\b")


def _printed_words(printed: str) -> list[str]:
    """The printed reference's words, and the letters of its run-together initials (a
    produced "E. R." is in "Kandel ER"; without them an edited book with five Vancouver
    editors and a short title fell below the precision bar although read right)."""
    letters = [char.lower() for run in _INITIALS.findall(printed) for char in run]
    return _WORD.findall(printed.lower()) + letters


def is_match(precision: float, recall: float) -> bool:
    """The same reference: mostly its words (not a merge) and enough of them (not a scrap)."""
    return precision >= MATCH_PRECISION and recall >= MATCH_RECALL


def align(
    expected: Sequence[Mapping[str, Any]], produced: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Index pairs of matched items, in order, as many as possible (then most overlap)."""
    n, m = len(expected), len(produced)
    score = [[overlap(e, p) for p in produced] for e in expected]
    # best[i][j]: (matches, overlap sum) for expected[i:] against produced[j:]
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]

    def taken(i: int, j: int) -> tuple[int, float] | None:
        if not is_match(*score[i][j]):
            return None
        matches, total = best[i + 1][j + 1]
        return matches + 1, total + sum(score[i][j])

    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            pair = taken(i, j)
            if pair is not None:
                options.append(pair)
            best[i][j] = max(options)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        pair = taken(i, j)
        if pair is not None and best[i][j] == pair:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class Score:
    """Counts for one list or a sum of lists."""

    expected: int = 0
    produced: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=dict)
    counted: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.produced += other.produced
        self.matched += other.matched
        for key, count in other.counted.items():
            self.counted[key] = self.counted.get(key, 0) + count
            self.right[key] = self.right.get(key, 0) + other.right.get(key, 0)
        self.misses.extend(other.misses)

    @property
    def entry_f1(self) -> float:
        total = self.expected + self.produced
        return 2 * self.matched / total if total else 1.0

    def accuracy(self, key: str) -> float:
        counted = self.counted.get(key, 0)
        return self.right.get(key, 0) / counted if counted else 1.0

    def overall(self, keys: Iterable[str] = FIELDS) -> float:
        keys = list(keys)
        counted = sum(self.counted.get(k, 0) for k in keys)
        return sum(self.right.get(k, 0) for k in keys) / counted if counted else 1.0


def score_items(
    expected: Sequence[Mapping[str, Any]], produced: Sequence[Mapping[str, Any]], label: str = ""
) -> Score:
    result = Score(expected=len(expected), produced=len(produced))
    for i, j in align(expected, produced):
        result.matched += 1
        for key in (*FIELDS, *EXTRA_FIELDS):
            want, got = field_value(expected[i], key), field_value(produced[j], key)
            if want is None and got is None:
                continue
            result.counted[key] = result.counted.get(key, 0) + 1
            if want == got:
                result.right[key] = result.right.get(key, 0) + 1
            elif key in FIELDS:
                result.misses.append(f"{label} #{i + 1} {key}: want {want!r} got {got!r}")
    return result


# ----------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class RefList:
    name: str
    text: str
    expected: list[dict[str, Any]]

    @property
    def style(self) -> str:
        return self.name.rsplit("-", 1)[0]

    @property
    def field_of_study(self) -> str:
        return self.name.rsplit("-", 1)[1]


def load_lists(folder: Path = DATA) -> list[RefList]:
    lists = []
    for path in sorted(folder.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        lists.append(RefList(path.stem, path.read_text(encoding="utf-8"), expected))
    return lists


def read_list(ref_list: RefList) -> list[bibconv.CslItem]:
    """The reader's items for a list, through the public API; diagnostics are kept apart."""
    diagnostics: list[bibconv.Diagnostic] = []
    return bibconv.loads(
        ref_list.text, format="references", path=f"{ref_list.name}.txt", year=2026,
        diagnostics=diagnostics,
    )  # fmt: skip


def score_lists(lists: Sequence[RefList]) -> tuple[Score, dict[str, Score]]:
    """The total and the score of each list."""
    total, per_list = Score(), {}
    for ref_list in lists:
        items = read_list(ref_list)
        per_list[ref_list.name] = score_items(
            ref_list.expected, [dict(item) for item in items], ref_list.name
        )
        total.add(per_list[ref_list.name])
    return total, per_list


def report(lists: Sequence[RefList], show_misses: bool = False) -> str:
    total, per_list = score_lists(lists)
    lines = [
        f"{len(lists)} lists, {total.expected} references, {total.produced} items produced, "
        f"{total.matched} matched: entry F1 {total.entry_f1:.3f}; "
        f"fields {total.overall():.3f} overall",
        "",
        f"{'list':30} {'refs':>4} {'items':>5} {'F1':>6} {'fields':>7}",
    ]
    for name, result in per_list.items():
        lines.append(
            f"{name:30} {result.expected:4} {result.produced:5} {result.entry_f1:6.3f} "
            f"{result.overall():7.3f}"
        )
    lines += ["", f"{'field':16} {'right':>6} {'counted':>7} {'accuracy':>8}"]
    for key in (*FIELDS, *EXTRA_FIELDS):
        lines.append(
            f"{key:16} {total.right.get(key, 0):6} {total.counted.get(key, 0):7} "
            f"{total.accuracy(key):8.3f}"
        )
    if show_misses:
        lines += ["", *total.misses]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- tests

#: The first measurement (main at f030bc9, 2026-12-03; docs/references.md), rounded down:
#: entry F1, the ten fields together, then each field.
FIRST_SCORE: dict[str, float] = {
    "entry_f1": 0.995, "fields": 0.840, "title": 0.784, "author": 0.935, "issued": 0.912,
    "container-title": 0.631, "volume": 0.885, "issue": 0.888, "page": 0.844, "DOI": 0.986,
    "URL": 0.833, "publisher": 0.626,
}  # fmt: skip
#: The floor the tests hold the reader to: the score after the last field work (18 lists,
#: 2026-12-04, issue 10's pass on the seen held-out sets), which is above the first score in
#: every key. Raise it by hand after an improvement; never lower it to make a test pass.
FLOOR: dict[str, float] = {
    "entry_f1": 0.998, "fields": 0.993, "title": 0.991, "author": 0.993, "issued": 1.000,
    "container-title": 0.988, "volume": 0.993, "issue": 0.995, "page": 1.000, "DOI": 0.987,
    "URL": 1.000, "publisher": 0.981,
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus_score() -> Score:
    total, _ = score_lists(load_lists())
    return total


def test_the_corpus_is_large_and_varied() -> None:
    lists = load_lists()
    assert sum(len(ref_list.expected) for ref_list in lists) >= 400
    assert len({ref_list.style for ref_list in lists}) >= 12
    assert len({ref_list.field_of_study for ref_list in lists}) >= 6


@pytest.mark.parametrize("ref_list", load_lists(), ids=lambda r: r.name)
def test_expected_items_are_csl_json(ref_list: RefList) -> None:
    assert ref_list.expected
    for item in ref_list.expected:
        assert isinstance(item["id"], str)
        assert isinstance(item["type"], str)
        assert item.get("title") or item.get("author") or item.get("editor")
        for key in ("author", "editor"):
            for name in item.get(key, []):
                assert set(name) <= {"family", "given", "suffix", "literal"}, name
        if "issued" in item:
            assert all(isinstance(p, int) for p in item["issued"]["date-parts"][0])
        assert all(isinstance(item[k], str) for k in ("volume", "issue", "page") if k in item)
        assert item["custom"]["printed"]


def test_the_floor_is_above_the_first_score() -> None:
    assert all(FLOOR[key] >= FIRST_SCORE[key] for key in FIRST_SCORE)


def test_entry_f1_does_not_fall(corpus_score: Score) -> None:
    assert corpus_score.entry_f1 >= FLOOR["entry_f1"] - MARGIN


def test_field_accuracy_does_not_fall(corpus_score: Score) -> None:
    assert corpus_score.overall() >= FLOOR["fields"] - MARGIN


@pytest.mark.parametrize("key", FIELDS)
def test_each_field_does_not_fall(corpus_score: Score, key: str) -> None:
    # A field counted a dozen times (URL) moves by 8% per case: one case is always allowed.
    margin = max(MARGIN, 1 / max(corpus_score.counted.get(key, 1), 1))
    assert corpus_score.accuracy(key) >= FLOOR[key] - margin, key


# -- the scorer itself: merges, splits and wrong fields must cost


BREIMAN: dict[str, Any] = {
    "title": "Random forests", "author": [{"family": "Breiman", "given": "L."}],
    "issued": {"date-parts": [[2001]]}, "container-title": "Machine Learning",
    "volume": "45", "issue": "1", "page": "5-32", "DOI": "10.1023/A:1010933404324",
}  # fmt: skip
CORTES: dict[str, Any] = {
    "title": "Support-vector networks",
    "author": [{"family": "Cortes", "given": "C."}, {"family": "Vapnik", "given": "V."}],
    "issued": {"date-parts": [[1995]]}, "container-title": "Machine Learning",
    "volume": "20", "issue": "3", "page": "273-297",
}  # fmt: skip


def test_scorer_gives_full_marks_only_to_the_expected_items() -> None:
    result = score_items([BREIMAN, CORTES], [BREIMAN, {**CORTES, "DOI": "10.1/X"}])
    assert result.entry_f1 == 1.0
    assert result.accuracy("title") == 1.0
    assert result.accuracy("DOI") == 0.5  # one right, one produced where none was expected


def test_scorer_counts_a_merge_as_a_miss() -> None:
    merged = {**BREIMAN, "container-title": "Machine Learning, 45(1), 5–32. Cortes, C., "
              "& Vapnik, V. (1995). Support-vector networks. Machine Learning"}  # fmt: skip
    result = score_items([BREIMAN, CORTES], [merged])
    assert result.matched == 0
    assert result.entry_f1 == 0.0


def test_scorer_counts_a_split_as_a_miss() -> None:
    head = {"title": "Random forests", "author": BREIMAN["author"], "issued": BREIMAN["issued"]}
    tail = {"title": "Machine Learning, 45(1), 5–32. https://doi.org/10.1023/A:1010933404324"}
    result = score_items([BREIMAN], [head, tail])
    assert result.matched <= 1
    assert result.entry_f1 <= 2 / 3


def test_scorer_reads_vancouver_initials_run_together() -> None:
    printed = (
        "Kandel ER, Schwartz JH, Jessell TM, Siegelbaum SA, Hudspeth AJ, editors. Principles"
        " of neural science. 5th ed. New York: McGraw-Hill; 2013."
    )
    editors = [
        {"family": family, "given": given}
        for family, given in (("Kandel", "E. R."), ("Schwartz", "J. H."), ("Jessell", "T. M."),
                              ("Siegelbaum", "S. A."), ("Hudspeth", "A. J."))
    ]  # fmt: skip
    item = {
        "type": "book", "title": "Principles of neural science", "editor": editors,
        "issued": {"date-parts": [[2013]]}, "edition": "5", "publisher": "McGraw-Hill",
        "publisher-place": "New York",
    }  # fmt: skip
    expected = {**item, "custom": {"printed": printed}}
    assert is_match(*overlap(expected, item))
    merged = {  # the next reference joined on: its words are not the printed reference's
        **item,
        "title": "Principles of neural science. 5th ed. New York: McGraw-Hill; 2013. Barker DJ,"
        " Osmond C. Infant mortality, childhood nutrition, and ischaemic heart disease in"
        " England and Wales",
        "container-title": "Lancet",
    }
    assert not is_match(*overlap(expected, merged))


def test_scorer_compares_doi_case_blind_and_names_with_particles() -> None:
    want = {**BREIMAN, "author": [{"family": "van der Maaten", "given": "L."}]}
    got = {
        **BREIMAN, "DOI": BREIMAN["DOI"].lower(),
        "author": [{"non-dropping-particle": "van der", "family": "Maaten", "given": "L."}],
    }  # fmt: skip
    result = score_items([want], [got])
    assert result.accuracy("DOI") == 1.0
    assert result.accuracy("author") == 1.0


if __name__ == "__main__":
    import sys

    print(report(load_lists(), show_misses="--misses" in sys.argv))
