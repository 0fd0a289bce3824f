"""references/common.py: digits that are not decimal (issue 12 leftover)."""

from __future__ import annotations

from bibconv import references
from bibconv.protocols import ReadOptions


def test_a_superscript_two_in_a_date_is_no_day() -> None:
    # '²'.isdigit() is true and int('²') raises: the date's words used to crash the reader.
    text = "Smith, J. (2001, May ²). A title of things. Journal of Stuff, 12(3), 436–44."
    [item] = references.read(text, ReadOptions()).items
    assert item["issued"] == {"date-parts": [[2001, 5]]}
