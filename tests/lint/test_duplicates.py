"""The keys under which two records are one work (lint/duplicates.py), for CSL items."""

from __future__ import annotations

from typing import Any, cast

import pytest

from bibconv.lint.duplicates import arxiv_key, arxiv_mentioned, doi_key, title_key, work_keys
from bibconv.model import CslItem


def _item(**fields: Any) -> CslItem:
    return cast(CslItem, {"id": "x", "type": "article-journal", **fields})


@pytest.mark.parametrize(
    "doi", ["10.1000/ABC", "https://doi.org/10.1000/abc", "doi: 10.1000/abc", " 10.1000/abc "]
)
def test_a_doi_is_compared_without_case_or_resolver(doi: str) -> None:
    assert doi_key(doi) == "10.1000/abc"


def test_arxiv_ids_lose_their_version_and_label() -> None:
    assert arxiv_key("2401.01234v3") == "2401.01234"
    assert arxiv_key("arXiv:hep-th/9901001") == "hep-th/9901001"
    assert arxiv_key("not an id") is None
    assert arxiv_mentioned("https://arxiv.org/abs/2401.01234v2") == "2401.01234"
    assert arxiv_mentioned("10.48550/arXiv.2401.01234") == "2401.01234"
    assert arxiv_mentioned("report 2401.01234") is None  # no word of arXiv


def test_short_titles_name_no_work() -> None:
    assert title_key("Preface") is None
    assert title_key("Learning to Rank in {Large} Graphs!") == "learning to rank in large graphs"


def test_work_keys_of_an_item() -> None:
    item = _item(
        DOI="https://doi.org/10.1000/ABC",
        URL="https://arxiv.org/abs/2401.01234v2",
        title="Learning to <i>Rank</i> in Large Graphs",
        author=[{"family": "Müller", "given": "Ann"}, {"family": "Jones"}],
        issued={"date-parts": [[2020, 5]]},
    )
    assert work_keys(item) == [
        ("DOI", "10.1000/abc"),
        ("arXiv id", "2401.01234"),
        ("title", "learning to rank in large graphs|muller|2020"),
    ]


def test_an_inherited_doi_names_the_parent_not_the_work() -> None:
    item = _item(DOI="10.1000/proc", custom={"bibtex_inherited": ["doi", "publisher"]})
    assert work_keys(item) == []


def test_the_arxiv_id_of_custom_comes_first_and_no_year_is_empty() -> None:
    item = _item(custom={"arxiv_id": "2401.01234"}, title="A title of four words")
    assert work_keys(item) == [
        ("arXiv id", "2401.01234"),
        ("title", "a title of four words|anon|"),
    ]
