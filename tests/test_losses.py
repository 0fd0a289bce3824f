"""bibconv/losses.py: comparing items as CSL does (issue 12's round trips)."""

from __future__ import annotations

import pytest

from bibconv.losses import comparable


@pytest.mark.parametrize(
    ("page", "folded"),
    [
        ("12-20", "12-20"),
        ("12–20", "12-20"),
        ("12 -- 20", "12-20"),
        ("e12 - e20", "e12-e20"),
        ("0 -", "0-"),  # an open range, spaced: BibTeX writes '0--', read back '0-'
        ("- 5", "-5"),
        ("1-2, 3 -", "1-2, 3-"),
        ("/ -", "/-"),  # after a mark, not a word
        ("1 - - 2", "1-2"),
        ("A 1", "A 1"),
    ],
)
def test_a_page_ranges_dash_folds_with_its_spaces(page: str, folded: str) -> None:
    assert comparable({"page": page}) == {"page": folded}


def test_a_deprecated_spelling_compares_as_its_variable() -> None:
    assert comparable({"journalAbbreviation": "J", "shortTitle": "S", "event": "E"}) == {
        "container-title-short": "J",
        "title-short": "S",
        "event-title": "E",
    }


def test_a_deprecated_spelling_beside_its_variable_stays_itself() -> None:
    both = {"journalAbbreviation": "J", "container-title-short": "K"}
    assert comparable(both) == both


def test_numbers_and_empty_custom_compare_as_csl_does() -> None:
    assert comparable({"volume": 12, "custom": {}}) == {"volume": "12"}
