"""CSL-JSON reader and writer: the shapes bibconv relies on, checked with located errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bibconv.diagnostics import ParseError, Severity
from bibconv.formats import csljson
from bibconv.protocols import ReadOptions, WriteOptions


def read(text: str, *, strict: bool = False) -> tuple[list[Any], list[tuple[str, str, int, int]]]:
    parsed = csljson.read(text, ReadOptions(path="in.json", strict=strict))
    found = [
        (d.severity.value, d.code, d.location.line, d.location.column)
        for d in parsed.diagnostics
        if d.location
    ]
    return [dict(i) for i in parsed.items], found


def test_an_array_of_items() -> None:
    items, diagnostics = read('[{"id": "a", "type": "book"}, {"id": "b", "type": "report"}]')
    assert [i["id"] for i in items] == ["a", "b"]
    assert diagnostics == []


def test_a_single_item_object() -> None:
    items, _ = read('{"id": "a", "type": "book", "title": "T"}')
    assert items == [{"id": "a", "type": "book", "title": "T"}]


def test_numeric_ids_become_strings() -> None:
    items, diagnostics = read('[{"id": 7, "type": "book"}]')
    assert items == [{"id": "7", "type": "book"}]
    assert diagnostics == []


def test_invalid_json_is_a_located_parse_error() -> None:
    with pytest.raises(ParseError) as caught:
        csljson.read('[\n  {"id": "a",\n   "type" "book"}\n]', ReadOptions(path="in.json"))
    (diagnostic,) = caught.value.diagnostics
    assert str(diagnostic) == (
        "in.json:3:11: error: invalid JSON: Expecting ':' delimiter [json.syntax]"
    )


@pytest.mark.parametrize(
    ("text", "found"), [("42", "int"), ('"x"', "a string"), ("null", "NoneType")]
)
def test_top_level_must_be_items(text: str, found: str) -> None:
    with pytest.raises(ParseError, match=f"found {found}"):
        csljson.read(text, ReadOptions())


def test_each_bad_item_is_located_and_left_out() -> None:
    text = (
        "[\n"
        '  {"id": "ok", "type": "book"},\n'
        '  {"type": "book"},\n'
        '  {"id": "t", "type": 3},\n'
        '  {"id": "n", "type": "book", "author": [{"family": "A"}, "B"]},\n'
        '  {"id": "d", "type": "book", "issued": {"date-parts": "2020"}},\n'
        '  {"id": "c", "type": "book", "custom": []},\n'
        "  7\n"
        "]"
    )
    items, diagnostics = read(text)
    assert [i["id"] for i in items] == ["ok"]
    assert diagnostics == [
        ("error", "json.missing-id", 3, 3),
        ("error", "json.missing-type", 4, 3),
        ("error", "json.bad-names", 5, 3),
        ("error", "json.bad-date", 6, 3),
        ("error", "json.bad-custom", 7, 3),
        ("error", "json.not-item", 8, 3),
    ]


def test_items_after_a_non_object_are_located_correctly() -> None:
    _, diagnostics = read('[7, "s", {"id": "a", "type": "book"},\n {"type": "book"}]')
    assert diagnostics == [
        ("error", "json.not-item", 1, 2),
        ("error", "json.not-item", 1, 5),
        ("error", "json.missing-id", 2, 2),
    ]


def test_odd_but_usable_items_are_kept_with_warnings() -> None:
    text = '[{"id": "a", "type": "journal-article", "author": [{"family": "X", "initials": "Y"}]}]'
    items, diagnostics = read(text)
    assert [i["id"] for i in items] == ["a"]
    assert diagnostics == [
        ("warning", "json.unknown-type", 1, 2),
        ("warning", "json.unknown-name-part", 1, 2),
    ]


def test_strict_turns_any_problem_into_a_parse_error() -> None:
    with pytest.raises(ParseError):
        read('[{"id": "a", "type": "journal-article"}]', strict=True)


@pytest.mark.parametrize(
    "date",
    [
        {"date-parts": [[2020, 1, 2]]},
        {"date-parts": [["2020"]]},
        {"date-parts": [[2019], [2021]]},
        {"literal": "Spring 2020"},
        {"raw": "2020-05"},
        {"season": 1, "date-parts": [[2020]]},
    ],
)
def test_date_shapes_accepted(date: dict[str, Any]) -> None:
    _, diagnostics = read(json.dumps([{"id": "a", "type": "book", "issued": date}]))
    assert diagnostics == []


def test_braces_inside_strings_do_not_confuse_the_locator() -> None:
    text = '[{"id": "a", "type": "book", "title": "}{[\\"]"},\n {"type": "book"}]'
    _, diagnostics = read(text)
    assert diagnostics == [("error", "json.missing-id", 2, 2)]


def test_write_is_pretty_stable_and_utf8() -> None:
    items: list[Any] = [{"id": "a", "type": "book", "title": "Über", "author": [{"family": "Ø"}]}]
    text = csljson.write(items, WriteOptions()).text
    assert text == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    assert "Über" in text
    assert csljson.write(items, WriteOptions()).text == text
    assert csljson.write([], WriteOptions()).text == "[]\n"


def test_write_then_read_is_identity() -> None:
    items: list[Any] = [
        {"id": "a", "type": "book", "custom": {"ris": {"XY": ["v"]}}, "volume": 3},
        {"id": "b", "type": "article", "author": [{"literal": "others"}]},
    ]
    back = csljson.read(csljson.write(items, WriteOptions()).text, ReadOptions())
    assert back.items == items
    assert [d for d in back.diagnostics if d.severity is not Severity.INFO] == []
