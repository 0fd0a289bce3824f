"""CITATION.cff: the work, its preferred citation and references become items."""

from __future__ import annotations

from typing import Any

import pytest

from bibconv import registry
from bibconv.diagnostics import ParseError
from bibconv.formats import cff
from bibconv.model import ITEM_TYPES
from bibconv.protocols import ReadOptions


def read(text: str) -> list[Any]:
    return [dict(i) for i in cff.read(text, ReadOptions(path="CITATION.cff")).items]


MINIMAL = """cff-version: 1.2.0
message: Please cite this.
title: tool
authors:
  - family-names: Doe
    given-names: Jane
    orcid: https://orcid.org/0000-0000-0000-0000
date-released: 2021-02-03
version: 1.0
"""


def test_the_software_itself() -> None:
    (item,) = read(MINIMAL)
    assert item["type"] == "software"
    assert item["author"] == [{"family": "Doe", "given": "Jane"}]
    assert item["issued"] == {"date-parts": [[2021, 2, 3]]}
    assert item["version"] == "1.0"  # text, not the float 1.0
    assert item["custom"]["cff"]["authors"][0]["orcid"].endswith("0000")


def test_preferred_citation_comes_first_and_references_last() -> None:
    text = MINIMAL + "preferred-citation:\n  type: article\n  title: Paper\n"
    text += "references:\n  - type: book\n    title: Book\n"
    roles = [(i["custom"]["cff_role"], i["type"], i["title"]) for i in read(text)]
    assert roles == [
        ("preferred-citation", "article-journal", "Paper"),
        ("software", "software", "tool"),
        ("reference", "book", "Book"),
    ]


def test_every_cff_type_maps_to_a_csl_type() -> None:
    assert set(cff.TYPES.values()) <= ITEM_TYPES


def test_a_yaml_file_that_is_not_cff_is_an_error() -> None:
    with pytest.raises(ParseError) as caught:
        read("title: x\n")
    assert caught.value.diagnostics[0].code == "cff.not-cff"


def test_sniffed_and_named() -> None:
    assert registry.sniff("# comment\ncff-version: 1.2.0\n").name == "cff"
    assert registry.for_path("CITATION.cff") is registry.FORMATS["cff"]
