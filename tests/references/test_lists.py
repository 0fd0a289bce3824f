"""Whole pasted reference lists (``data/references/lists/``): split and parse as a person reads.

Each list file holds the paste and the expected item of every reference in it (format in
``data/references/lists/README.md``). A reference is *found* when one block of the split
holds exactly its text; its fields are then compared with the expected ones. Lists whose
result is not right yet are strict xfails in ``KNOWN_WRONG``, so a fix is noticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bibconv import references
from bibconv.pages._text import split_lines
from bibconv.references import splitting
from tests.references.test_references import _field, scored

LISTS = Path(__file__).parent / "data" / "references" / "lists"

#: The fields issue 10 sets a target for (``issued`` is the year), plus the type.
FIELDS: tuple[str, ...] = (
    "title", "author", "issued", "container-title", "volume", "issue", "page", "DOI", "URL",
    "publisher", "publisher-place", "editor", "type",
)  # fmt: skip


@dataclass
class ListReference:
    text: str  # the reference's lines joined, as the split should give it
    expected: dict[str, Any] = field(default_factory=dict)


@dataclass
class PastedList:
    name: str
    text: str
    references: list[ListReference]


def _joined(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def load_list(path: Path) -> PastedList:
    """A list file: the paste it describes and its references in order."""
    blank = False
    pasted: list[str] = []
    refs: list[ListReference] = []
    kind: str | None = None
    body: list[str] = []

    def close() -> None:
        if kind is None:
            return
        if kind == "+":
            pasted[-1] = f"{pasted[-1]} {_joined(body)}"
        else:
            if pasted and blank:
                pasted.append("")
            pasted.extend(body)

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#! blank"):
            blank = True
        elif line.startswith("## "):
            close()
            kind, body = line[3:].strip(), []
            if kind != "-":
                refs.append(ListReference(""))
        elif line.startswith("> "):
            key, _, value = line[2:].partition(": ")
            name, parsed = _field(key, value)
            refs[-1].expected[name] = parsed
        elif line.startswith("#") and kind is None:
            continue
        elif kind is not None:
            body.append(line)
            if kind != "-" and line.strip():
                refs[-1].text = _joined([refs[-1].text, line]).strip()
    close()
    return PastedList(path.stem, "\n".join(pasted) + "\n", refs)


def all_lists(folder: Path = LISTS) -> list[PastedList]:
    return [load_list(path) for path in sorted(folder.glob("*.txt"))]


_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]?)\s?")


def _key(text: str) -> str:
    """A reference's text for matching: no citation number, no whitespace at all (a line
    break inside a URL or a hyphenated word joins without a space)."""
    return _SPACE.sub("", _NUMBER.sub("", text.strip(), count=1))


@dataclass
class Score:
    """Entry counts and, per field, (exact, counted) over the found references."""

    gold: int = 0
    found: int = 0
    exact: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.exact += other.exact
        for key, (right, counted) in other.fields.items():
            pair = self.fields.setdefault(key, [0, 0])
            pair[0] += right
            pair[1] += counted
        self.misses += other.misses

    @property
    def f1(self) -> float:
        if not self.exact:
            return 0.0
        precision, recall = self.exact / self.found, self.exact / self.gold
        return 2 * precision * recall / (precision + recall)


def score_list(pasted: PastedList) -> Score:
    """Split and parse one list; compare blocks and fields with the expected references."""
    parsed = references.parse(split_lines(pasted.text), source=pasted.name, year=2026)
    blocks = splitting.split_references(split_lines(pasted.text))
    produced = {_key(block.text): item for block, item in zip(blocks, parsed.items, strict=True)}
    result = Score(gold=len(pasted.references), found=len(blocks))
    for number, ref in enumerate(pasted.references, 1):
        item = produced.get(_key(ref.text))
        if item is None:
            result.misses.append(f"{pasted.name}#{number}: not found as one reference")
            continue
        result.exact += 1
        got, want = scored(item), scored(ref.expected)
        for key in FIELDS:
            if key not in got and key not in want:
                continue
            right = got.get(key) == want.get(key)
            pair = result.fields.setdefault(key, [0, 0])
            pair[0] += right
            pair[1] += 1
            if not right:
                result.misses.append(
                    f"{pasted.name}#{number} {key}: got {got.get(key)!r}, want {want.get(key)!r}"
                )
    return result


#: Lists whose fields are not all right today (name -> the reason), strict xfails.
KNOWN_WRONG: dict[str, str] = {
    "cs-acm-lncs-one-a-line": "LNCS workshop proceedings with an editor read as a chapter",
    "geoscience-copernicus": "Copernicus book: a title with an inner sentence, 'edited by:'",
    "medicine-vancouver-mixed-numbers": "a web report without a 'report' label reads as a book",
}


def _params(known_wrong: dict[str, str]) -> list[Any]:
    params = []
    for pasted in all_lists():
        marks = []
        if pasted.name in known_wrong:
            marks.append(pytest.mark.xfail(strict=True, reason=known_wrong[pasted.name]))
        params.append(pytest.param(pasted, id=pasted.name, marks=marks))
    return params


@pytest.mark.parametrize("pasted", _params({}))
def test_list_splits_into_its_references(pasted: PastedList) -> None:
    result = score_list(pasted)
    assert [miss for miss in result.misses if "not found" in miss] == []
    assert result.found == result.gold


@pytest.mark.parametrize("pasted", _params(KNOWN_WRONG))
def test_list_references_have_the_expected_fields(pasted: PastedList) -> None:
    assert score_list(pasted).misses == []


def test_the_lists_cover_many_styles_and_fields() -> None:
    lists = all_lists()
    assert len(lists) >= 12
    assert sum(len(pasted.references) for pasted in lists) >= 80


def test_a_list_file_gives_its_paste_and_references(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(
        "# comment\n#! blank\n## -\nReferences\n## 1\nA, B. (2000). T.\n  J 1.\n> volume: 1\n"
        "## +\nC, D. (2001). U. K 2.\n## 3\nE, F. (2002). V. L 3.\n",
        encoding="utf-8",
    )
    (pasted,) = all_lists(tmp_path)
    assert pasted.text == (
        "References\n\nA, B. (2000). T.\n  J 1. C, D. (2001). U. K 2.\n\nE, F. (2002). V. L 3.\n"
    )
    assert [ref.text for ref in pasted.references] == [
        "A, B. (2000). T. J 1.",
        "C, D. (2001). U. K 2.",
        "E, F. (2002). V. L 3.",
    ]
    assert pasted.references[0].expected == {"volume": "1"}
