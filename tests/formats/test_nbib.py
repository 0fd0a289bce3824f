"""MEDLINE/PubMed nbib reader: tags, continuation lines, names, identifiers, dates."""

from __future__ import annotations

from typing import Any

import pytest

from bibconv import registry
from bibconv.formats import nbib
from bibconv.protocols import ReadOptions


def read(text: str) -> list[Any]:
    return [dict(i) for i in nbib.read(text, ReadOptions(path="in.nbib")).items]


@pytest.mark.parametrize(
    ("pages", "expanded"),
    [("6913-7", "6913-6917"), ("255-60", "255-260"), ("12-345", "12-345"), ("e1234", "e1234"),
     ("1-5, 7-9", "1-5, 7-9"), ("101-9; discussion 110", "101-109; discussion 110")],
)  # fmt: skip
def test_abbreviated_page_ranges_are_expanded(pages: str, expanded: str) -> None:
    assert nbib.expand_pages(pages) == expanded


def test_continuation_lines_join_and_nlms_final_period_goes() -> None:
    (item,) = read("PMID- 1\nTI  - A long title\n      that goes on.\nDP  - 2001\n")
    assert item["title"] == "A long title that goes on"
    assert item["issued"] == {"date-parts": [[2001]]}


def test_full_author_names_win_over_the_initials_form() -> None:
    (item,) = read("PMID- 1\nFAU - Doe, Jane Q\nAU  - Doe JQ\nAU  - Roe R\n")
    assert item["author"] == [{"family": "Doe", "given": "Jane Q."}]


def test_initials_only_names_are_read_when_no_full_name_is_given() -> None:
    (item,) = read("PMID- 1\nAU  - Doe JQ\nAU  - Roe R\n")
    assert item["author"] == [{"family": "Doe", "given": "J. Q."}, {"family": "Roe", "given": "R."}]


def test_publication_history_and_electronic_date() -> None:
    (item,) = read(
        "PMID- 1\nPHST- 2020/01/05 00:00 [received]\nPHST- 2020/03/01 00:00 [accepted]\n"
        "DEP - 20200402\n"
    )
    assert item["submitted"] == {"date-parts": [[2020, 1, 5]]}
    assert item["available-date"] == {"date-parts": [[2020, 4, 2]]}
    assert item["custom"]["nbib"]["PHST"] == ["2020/03/01 00:00 [accepted]"]


def test_records_are_sniffed() -> None:
    assert registry.sniff("\nPMID- 123\nOWN - NLM\n").name == "nbib"
    assert registry.for_path("pubmed-export.nbib") is registry.FORMATS["nbib"]
