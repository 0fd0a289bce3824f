"""MODS: bibutils' records (host, series, roles, genres) both ways, safe parsing, .xml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv import registry
from bibconv.diagnostics import ParseError
from bibconv.formats import mods
from bibconv.losses import LOSSES, comparable
from bibconv.protocols import ReadOptions

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def read(text: str) -> list[Any]:
    return [dict(i) for i in mods.read(text, ReadOptions(path="in.xml")).items]


def test_what_mods_reads_it_writes_back() -> None:
    items = read((GOLDEN / "mods-bibutils" / "input.xml").read_text(encoding="utf-8"))
    assert len(items) == 4
    again = read(bibconv.dumps(items, "mods"))
    assert comparable(again) == comparable(items)


def test_a_written_item_reads_back_except_what_mods_cannot_hold() -> None:
    item = {
        "id": "k",
        "type": "article-journal",
        "title": "T & <more>",
        "author": [{"family": "Berg", "given": "Anna"}, {"literal": "WHO"}],
        "translator": [{"family": "Roe", "given": "R."}],
        "container-title": "J",
        "ISSN": "1234-5678",
        "issued": {"date-parts": [[2020, 5]]},
        "volume": "1",
        "issue": "2",
        "page": "3-4",
        "DOI": "10.1/x",
        "keyword": "a, b",
        "event-title": "lost",
    }
    (back,) = read(bibconv.dumps([item], "mods"))  # type: ignore[list-item]
    kept = {k: v for k, v in item.items() if k not in LOSSES["mods"]}
    assert comparable(back) == comparable(kept)


@pytest.mark.parametrize(
    ("genre", "host", "csl_type"),
    [
        ("journal article", "", "article-journal"),
        ("", "<genre>academic journal</genre>", "article-journal"),
        ("", "<originInfo><issuance>continuing</issuance></originInfo>", "article-journal"),
        ("", "<genre>book</genre>", "chapter"),
        ("conference publication", "", "paper-conference"),
        ("Masters thesis", "", "thesis"),
        ("", "", "document"),
    ],
)
def test_types(genre: str, host: str, csl_type: str) -> None:
    body = f"<genre>{genre}</genre>" if genre else ""
    if host:
        body += f'<relatedItem type="host">{host}</relatedItem>'
    (item,) = read(f'<mods xmlns="{mods.NAMESPACE}" ID="k">{body}</mods>')
    assert item["type"] == csl_type


def test_records_without_the_namespace_are_read() -> None:
    (item,) = read(
        "<modsCollection><mods><titleInfo><title>T</title></titleInfo></mods></modsCollection>"
    )
    assert item["title"] == "T"


def test_entities_are_refused() -> None:
    with pytest.raises(ParseError) as caught:
        read(
            '<!DOCTYPE mods [<!ENTITY a "x">]>'
            "<mods><titleInfo><title>&a;</title></titleInfo></mods>"
        )
    assert caught.value.diagnostics[0].code == "mods.syntax"


def test_xml_files_are_read_as_what_their_content_is() -> None:
    endnote = '<?xml version="1.0"?><xml><records><record/></records></xml>'
    assert registry.for_path("refs.xml", text=endnote) is registry.FORMATS["endnote-xml"]
    text = f'<?xml version="1.0"?>\n<modsCollection xmlns="{mods.NAMESPACE}"/>'
    assert registry.for_path("refs.xml", text=text) is registry.FORMATS["mods"]
    assert registry.for_path("refs.xml") is registry.FORMATS["endnote-xml"]  # writing
    assert registry.sniff("<mods:mods xmlns:mods='x'>").name == "mods"
