"""Locations, the printed diagnostic shape, LineIndex, and the exception tree."""

from __future__ import annotations

import pytest

from bibconv.diagnostics import (
    BibconvError,
    Diagnostic,
    LineIndex,
    Location,
    ParseError,
    Severity,
    UnknownFormatError,
    error,
    has_errors,
    info,
    warning,
)


def test_printed_shape_is_path_line_col_severity_message_code() -> None:
    where = Location("refs.bib", 12, 5)
    diagnostic = error("bib.missing-comma", "expected ',' or '}' after field value", where)
    assert str(where) == "refs.bib:12:5"
    assert str(diagnostic) == (
        "refs.bib:12:5: error: expected ',' or '}' after field value [bib.missing-comma]"
    )
    assert str(warning("x.y", "w")) == "warning: w [x.y]"  # no location: no prefix
    assert str(info("x.y", "i", Location("<stdin>", 1, 1))) == "<stdin>:1:1: info: i [x.y]"


def test_diagnostics_are_values() -> None:
    one = Diagnostic(Severity.INFO, "ris.cannot-hold", "m", item_id="k")
    assert one == Diagnostic(Severity.INFO, "ris.cannot-hold", "m", None, "k")
    assert hash(one) == hash(Diagnostic(Severity.INFO, "ris.cannot-hold", "m", item_id="k"))
    with pytest.raises(AttributeError):
        one.code = "other"  # type: ignore[misc]


def test_line_index_maps_offsets_to_one_based_lines_and_columns() -> None:
    text = "ab\ncde\n\nf"
    index = LineIndex(text, "t.txt")
    assert [index.line_col(i) for i in range(len(text))] == [
        (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (4, 1),
    ]  # fmt: skip
    assert index.location(4) == Location("t.txt", 2, 2)
    assert index.line_start(2) == 3
    assert index.line_col(len(text)) == (4, 2)  # end of input: just past the last char
    assert index.path == "t.txt"


def test_line_index_counts_characters_not_bytes() -> None:
    index = LineIndex("üß€x\n")
    assert index.line_col(3) == (1, 4)


def test_parse_error_carries_its_diagnostics() -> None:
    first = error("a.b", "one", Location("f", 1, 1))
    second = warning("a.c", "two", Location("f", 2, 1))
    exc = ParseError([first, second])
    assert exc.diagnostics == [first, second]
    assert str(exc) == "f:1:1: error: one [a.b]\nf:2:1: warning: two [a.c]"
    assert ParseError(first).diagnostics == [first]


def test_one_exception_tree() -> None:
    assert issubclass(ParseError, BibconvError)
    assert issubclass(UnknownFormatError, BibconvError)
    assert issubclass(UnknownFormatError, ValueError)  # a bad argument value, to callers


def test_has_errors_and_strict() -> None:
    warn = [warning("a.b", "w"), info("a.c", "i")]
    assert not has_errors(warn)
    assert has_errors(warn, strict=True)
    assert not has_errors([info("a.c", "i")], strict=True)
    assert has_errors([error("a.d", "e")])


def test_end_of_a_text_ending_in_newline_is_after_its_last_character() -> None:
    index = LineIndex("ab\ncd\n", "x.bib")
    assert str(index.location(6)) == "x.bib:2:3"  # not x.bib:3:1, a line that is not there
    assert str(index.location(5)) == "x.bib:2:3"
    assert str(LineIndex("ab\ncd", "x.bib").location(5)) == "x.bib:2:3"
