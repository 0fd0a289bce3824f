"""refer / EndNote tagged: types, tags both ways, classic refer, round trips, losses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv import registry
from bibconv.diagnostics import Diagnostic
from bibconv.formats import refer
from bibconv.losses import LOSSES, comparable
from bibconv.model import ITEM_TYPES
from bibconv.protocols import ReadOptions

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def read(text: str) -> list[Any]:
    return [dict(i) for i in refer.read(text, ReadOptions(path="in.enw")).items]


def test_every_endnote_type_maps_to_a_csl_type() -> None:
    assert {row.csl for row in refer.ENDNOTE_TYPES} <= ITEM_TYPES
    assert len({row.name for row in refer.ENDNOTE_TYPES}) == len(refer.ENDNOTE_TYPES)
    assert len({row.number for row in refer.ENDNOTE_TYPES}) == len(refer.ENDNOTE_TYPES)


@pytest.mark.parametrize("csl_type", sorted({row.csl for row in refer.ENDNOTE_TYPES}))
def test_types_round_trip(csl_type: str) -> None:
    item = {"id": "k", "type": csl_type, "title": "T"}
    (back,) = read(bibconv.dumps([item], "refer"))  # type: ignore[list-item]
    assert back["type"] == csl_type


def test_a_written_item_reads_back_except_what_refer_cannot_hold() -> None:
    item = {
        "id": "smith2020",
        "type": "chapter",
        "title": "T",
        "container-title": "Book",
        "author": [{"family": "Smith", "given": "J."}, {"literal": "WHO"}],
        "editor": [{"family": "Roe", "given": "R."}],
        "issued": {"date-parts": [[2020, 5, 17]]},
        "accessed": {"date-parts": [[2024, 1, 2]]},
        "page": "1-10",
        "ISBN": "978-0-262-03384-8",
        "DOI": "10.1000/x",
        "keyword": "a, b",
        "abstract": "One.\nTwo.",
        "PMID": "123",
    }
    notes: list[Diagnostic] = []
    (back,) = read(bibconv.dumps([item], "refer", diagnostics=notes))  # type: ignore[list-item]
    kept = {k: v for k, v in item.items() if k not in LOSSES["refer"]}
    assert comparable(back) == comparable(kept)
    assert [n.message for n in notes] == [
        "smith2020: refer/EndNote tagged has no field for 'PMID'; it is left out"
    ]


def test_classic_refer_names_and_types() -> None:
    (book, report) = read(
        "%A Brian W. Kernighan\n%T The C Book\n%I Prentice Hall\n%D 1978\n\n"
        "%A M. E. Lesk\n%T Indexes\n%R TR 69\n%D 1978\n"
    )
    assert (book["type"], book["author"]) == (
        "book",
        [{"family": "Kernighan", "given": "Brian W."}],
    )
    assert (report["type"], report["number"]) == ("report", "TR 69")


def test_a_percent_line_inside_an_abstract_survives() -> None:
    item = {"id": "a", "type": "book", "abstract": "x\n%T not a tag"}
    (back,) = read(bibconv.dumps([item], "refer"))  # type: ignore[list-item]
    assert back["abstract"] == "x\n%T not a tag"
    assert "title" not in back


def test_sniffing_after_bibtex() -> None:
    assert registry.sniff("%0 Journal Article\n%T x\n").name == "refer"
    assert registry.sniff("\n%A Doe, J\n%T x\n").name == "refer"
    assert registry.sniff("%A comment\n@article{k, title={x}}\n").name == "bibtex"
    assert registry.sniff("% a comment\n").name == "text"


def test_docs_list_the_endnote_types() -> None:
    rows = "\n".join(f"| {r.name} | {r.number} | `{r.csl}` |" for r in refer.ENDNOTE_TYPES)
    block = (
        "<!-- generated:endnote-types (tests keep this in step with the code) -->\n"
        "| EndNote type (`%0`, XML `<ref-type>`) | number | CSL type |\n|---|---|---|\n"
        f"{rows}\n<!-- /generated:endnote-types -->"
    )
    assert block in DOCS.read_text(encoding="utf-8"), f"docs/formats.md needs:\n{block}"
