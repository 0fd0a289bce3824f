"""The tagged-line record reader nbib and refer share (bibconv/formats/_tagged.py)."""

from __future__ import annotations

import re

from bibconv.formats._tagged import Field, Syntax, read_records

_TAG = re.compile(r"([A-Z]) (.*)")


def _indented(line: str, tagged: re.Match[str] | None, last: Field) -> str | None:
    return f"{last.value}+{line.strip()}" if line.startswith(" ") else None


def _read(text: str) -> tuple[list[list[tuple[str, str]]], list[str]]:
    records, problems = read_records(text, "in.txt", Syntax(_TAG, _indented, "t.bad", "'X value'"))
    found = [[(f.tag, f.value) for f in record] for record in records]
    return found, [f"{p.location.line}:{p.code}: {p.message}" for p in problems if p.location]


def test_blank_lines_end_records_and_the_rule_joins_continuations() -> None:
    text = "\ufeffA one\n  more\nB two\n\n\nA three\r\n"
    assert _read(text) == ([[("A", "one+more"), ("B", "two")], [("A", "three")]], [])


def test_a_line_neither_field_nor_continuation_is_reported_where_it_stands() -> None:
    records, problems = _read("A one\nnot a field\n")
    assert records == [[("A", "one")]]
    assert problems == ["2:t.bad: expected 'X value', found 'not a field'; skipped"]


def test_an_indented_line_before_any_field_continues_nothing() -> None:
    records, problems = _read("  stray\nA one\n")
    assert records == [[("A", "one")]]
    assert problems == ["1:t.bad: expected 'X value', found '  stray'; skipped"]
