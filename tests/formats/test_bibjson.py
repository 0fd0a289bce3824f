"""BibJSON: BibTeX's fields in JSON, BibJSON's own shapes, sniffed apart from CSL-JSON."""

from __future__ import annotations

from typing import Any

import bibconv
from bibconv import registry
from bibconv.formats import bibjson
from bibconv.losses import LOSSES, comparable
from bibconv.protocols import ReadOptions


def read(text: str) -> list[Any]:
    return [dict(i) for i in bibjson.read(text, ReadOptions(path="in.json")).items]


def test_a_written_item_reads_back_except_what_bibjson_cannot_hold() -> None:
    item = {
        "id": "k",
        "type": "article-journal",
        "title": "T",
        "author": [{"family": "Doe", "given": "Jane"}],
        "container-title": "J",
        "issued": {"date-parts": [[2020, 5, 3]]},
        "volume": "1",
        "issue": "2",
        "page": "3-4",
        "DOI": "10.1/x",
        "PMID": "1",
        "URL": "https://example.org",
        "event-date": {"date-parts": [[2020]]},
    }
    (back,) = read(bibconv.dumps([item], "bibjson"))  # type: ignore[list-item]
    kept = {k: v for k, v in item.items() if k not in LOSSES["bibjson"]}
    assert comparable(back) == comparable(kept)


def test_sniffed_apart_from_csl_json() -> None:
    assert registry.sniff('{"records": [{"title": "x"}]}').name == "bibjson"
    assert registry.sniff('[{"title": "x", "author": [{"name": "A B"}]}]').name == "bibjson"
    assert registry.sniff('[{"id": "a", "type": "book", "author": [{"family": "B"}]}]').name == (
        "csljson"
    )
    text = '{"records": [{"title": "x"}]}'
    assert registry.for_path("refs.json", text=text) is registry.FORMATS["bibjson"]
    assert registry.for_path("refs.json") is registry.FORMATS["csljson"]


def test_superscript_digits_are_no_year_month_or_day() -> None:
    # '²'.isdigit() is True, int('²') a ValueError (the class of a fuzzing find in BibLaTeX)
    [item] = bibconv.loads('{"title": "x", "year": "²"}', "bibjson")
    assert item["issued"] == {"literal": "²"}
    [item] = bibconv.loads('{"title": "x", "year": "2000", "month": "²"}', "bibjson")
    assert item["issued"] == {"date-parts": [[2000]]}
    [item] = bibconv.loads('{"title": "x", "year": "2000", "month": "3", "day": "²"}', "bibjson")
    assert item["issued"] == {"date-parts": [[2000, 3]]}
