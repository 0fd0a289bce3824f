"""formats/ris/writer.py: what the writers' round trips found (issue 12)."""

from __future__ import annotations

from typing import Any, cast

import pytest

import bibconv
from bibconv.diagnostics import Diagnostic
from bibconv.model import CslItem


def dumps(item: dict[str, Any], *, lossless: bool) -> tuple[str, list[str]]:
    notes: list[Diagnostic] = []
    text = bibconv.dumps([cast(CslItem, item)], "ris", lossless=lossless, diagnostics=notes)
    return text, [n.message for n in notes]


def loads(text: str) -> list[dict[str, Any]]:
    # As a file holds it: bytes (a NUL among them is read as binary data)
    return [dict(i) for i in bibconv.loads(text.encode("utf-8"), "ris")]


def test_a_nul_is_left_out_of_its_tag_and_kept_as_json() -> None:
    item = {"id": "n", "type": "book", "title": "a\x00b"}
    text, notes = dumps(item, lossless=False)
    assert text == "TY  - BOOK\nID  - n\nTI  - ab\nER  - \n"  # was TI a<NUL>b: binary data
    assert notes == [
        "n: RIS cannot hold 'title' exactly; its exact value is left out "
        "(--lossless keeps it as 'N1  - csl.title: …')"
    ]
    text, _ = dumps(item, lossless=True)
    assert text == 'TY  - BOOK\nID  - n\nTI  - ab\nN1  - csl.title: "a\\u0000b"\nER  - \n'
    assert loads(text) == [item]


def test_a_null_custom_value_is_kept_with_all_of_custom() -> None:
    # 'N1  - custom.x: null' removes x: it went missing, and no note said so.
    item = {"id": "c", "type": "book", "custom": {"x": None, "y": 1}}
    text, notes = dumps(item, lossless=False)
    assert notes == [
        "c: RIS has no tag for 'custom'; it is left out (--lossless keeps it as "
        "'N1  - csl.custom: …')"
    ]
    text, _ = dumps(item, lossless=True)
    assert text == 'TY  - BOOK\nID  - c\nN1  - csl.custom: {"x": null, "y": 1}\nER  - \n'
    assert loads(text) == [item]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_a_json_note_is_escaped(separator: str) -> None:
    # The reader reads U+2028/U+2029 as a space, inside a note's JSON too.
    item = {"id": "u", "type": "book", "note": f"a{separator}b"}
    text, _ = dumps(item, lossless=True)
    assert f'N1  - csl.note: "a\\u{ord(separator):04x}b"\n' in text
    assert loads(text) == [item]


def test_an_id_the_id_tag_does_not_give_back_is_noted() -> None:
    item = {"id": " a", "type": "book"}
    _, notes = dumps(item, lossless=False)
    assert notes == [
        " a: RIS cannot hold 'id' exactly; its exact value is left out "
        "(--lossless keeps it as 'N1  - csl.id: …')"
    ]
    text, _ = dumps(item, lossless=True)
    assert loads(text) == [item]


def test_a_deprecated_csl_spelling_is_written_under_its_variables_tag() -> None:
    item = {"id": "k", "type": "article-journal", "journalAbbreviation": "Phys. Rev."}
    text, notes = dumps(item, lossless=False)
    assert text == "TY  - JOUR\nID  - k\nJ2  - Phys. Rev.\nER  - \n"  # was: left out
    assert notes == []


def test_a_date_part_that_is_no_decimal_number_is_left_out() -> None:
    # '²'.isdigit() is true and int('²') raises (issue 12 leftover): the writer crashed.
    item = {"id": "d", "type": "book", "issued": {"date-parts": [[2000, "²", "²"]]}}
    text, notes = dumps(item, lossless=False)
    assert text == "TY  - BOOK\nID  - d\nPY  - 2000\nDA  - 2000///\nER  - \n"
    assert notes == [
        "d: RIS cannot hold 'issued' exactly; its exact value is left out "
        "(--lossless keeps it as 'N1  - csl.issued: …')"
    ]
