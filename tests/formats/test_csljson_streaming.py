"""A CSL-JSON file read an element at a time gives the items, diagnostics and errors
(messages, line:col) of reading it whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bibconv import _io
from bibconv.diagnostics import Diagnostic, ParseError
from bibconv.formats import csljson
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

GOLDEN = Path(__file__).parents[1] / "golden"


def whole(path: Path, *, strict: bool = False) -> Parsed:
    return csljson.read(_io.read_text(path), ReadOptions(path=str(path), strict=strict))


def streamed(
    path: Path, chunk_bytes: int, *, strict: bool = False
) -> tuple[list[CslItem], list[Diagnostic]]:
    found: list[Diagnostic] = []
    options = ReadOptions(path=str(path), strict=strict)
    return list(csljson.iter_read(str(path), options, found, chunk_bytes)), found


def outcome(read: Callable[[], object]) -> object:
    """What ``read()`` gives, or the messages of the ParseError it raises."""
    try:
        return read()
    except ParseError as exc:
        return [str(d) for d in exc.diagnostics]


def assert_same_as_whole(path: Path, chunk_bytes: int, *, strict: bool = False) -> None:
    def expected() -> object:
        parsed = whole(path, strict=strict)
        return parsed.items, parsed.diagnostics

    assert outcome(lambda: streamed(path, chunk_bytes, strict=strict)) == outcome(expected)


def golden_json() -> list[Path]:
    return sorted(p for p in GOLDEN.glob("*/input*.json") if p.stat().st_size > 0)


def test_there_are_golden_inputs_to_compare() -> None:
    assert len(golden_json()) > 20


@pytest.mark.parametrize("path", golden_json(), ids=lambda p: p.parent.name)
@pytest.mark.parametrize("chunk_bytes", [1, 61, 1 << 20])
def test_golden_inputs_read_in_pieces_as_whole(path: Path, chunk_bytes: int) -> None:
    assert_same_as_whole(path, chunk_bytes)


_ITEMS = [
    {"id": "a", "type": "book", "title": 'Brackets ]}[{ and "quotes" \\ in a string'},
    {"id": "b", "type": "report", "author": [{"family": "Ø", "given": "Å"}]},
]
GOOD = json.dumps(_ITEMS, indent=2, ensure_ascii=False)

# Each read whole gives items with located problems, or a located error; cut anywhere,
# a stream must give the same.
CASES = {
    "plain": GOOD,
    "crlf": GOOD.replace("\n", "\r\n"),
    "bom": "\ufeff" + GOOD,
    "one-line": json.dumps(_ITEMS),
    "bad-items": '[7, "s", {"id": "a", "type": "book"},\n {"type": "book"},\n'
    ' {"id": 3, "type": "journal-article", "title": {"x": 1}}]',
    "numbers-cut-anywhere": "[12345678, 3.25e10,\n -0.5, true, null]",
    "syntax-error-in-an-item": (
        '[\n  {"id": "a", "type": "book"},\n  {"id": "b",\n   "type" "x"}\n]'
    ),
    "missing-comma": '[{"id": "a", "type": "book"}\n {"id": "b", "type": "book"}]',
    "trailing-comma": '[{"id": "a", "type": "book"},\n]',
    "unclosed-array": '[{"id": "a", "type": "book"},\n {"id": "b", "type": "book"}\n',
    "unclosed-string": '[{"id": "a", "type": "book", "title": "x\n}]',
    "text-after-the-array": '[{"id": "a", "type": "book"}]\n\n  oops',
    "space-after-the-array": '[{"id": "a", "type": "book"}]\n\n   \n',
    "empty-array": "[\n\n]\n",
    "lone-object": '{"id": "a", "type": "book"}',
    "not-items": '"just a string"',
    "too-deep": '[{"id": "a", "type": "book", "x": ' + "[" * 99 + "]" * 99 + "}]",
    "deep-but-fine": '[{"id": "a", "type": "book", "x": ' + "[" * 98 + "]" * 98 + "}]",
    "a-second-bom": "\ufeff\ufeff" + GOOD,
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("chunk_bytes", [1, 7, 64, 1 << 20])
def test_malformed_input_reads_in_pieces_as_whole(
    tmp_path: Path, name: str, chunk_bytes: int
) -> None:
    path = tmp_path / "input.json"
    path.write_text(CASES[name], encoding="utf-8", newline="")
    assert_same_as_whole(path, chunk_bytes)


def test_problems_are_located_from_the_start_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(CASES["bad-items"], encoding="utf-8")
    _, found = streamed(path, 3)
    assert [(d.code, d.location and (d.location.line, d.location.column)) for d in found] == [
        ("json.not-item", (1, 2)),
        ("json.not-item", (1, 5)),
        ("json.missing-id", (2, 2)),
        ("json.unknown-type", (3, 2)),
        ("json.bad-value", (3, 2)),
    ]


def test_a_syntax_error_keeps_its_message_and_place(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(CASES["syntax-error-in-an-item"], encoding="utf-8")
    with pytest.raises(ParseError) as raised:
        streamed(path, 5)
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{path}:4:11: error: invalid JSON: Expecting ':' delimiter [json.syntax]"
    ]


def test_strict_raises_the_problems_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(CASES["bad-items"], encoding="utf-8")
    assert_same_as_whole(path, 9, strict=True)


def test_utf16_is_read_whole_with_the_same_results(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(GOOD, encoding="utf-16")
    assert streamed(path, 8) == (whole(path).items, [])


@pytest.mark.parametrize("name", ["plain", "crlf", "bom", "bad-items", "numbers-cut-anywhere"])
def test_an_array_is_never_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / "input.json"
    path.write_text(CASES[name], encoding="utf-8", newline="")
    expected = whole(path)
    monkeypatch.setattr(csljson, "read", None)  # the fallback would fail
    assert streamed(path, 7) == (expected.items, expected.diagnostics)
