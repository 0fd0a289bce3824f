"""EndNote XML: records through the refer field map, style runs, safe parsing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv import registry
from bibconv.diagnostics import Diagnostic, ParseError
from bibconv.formats import endnote_xml
from bibconv.losses import LOSSES, comparable
from bibconv.protocols import ReadOptions


def read(text: str | bytes) -> list[Any]:
    options = ReadOptions(path="in.xml")
    parsed = (
        endnote_xml.read_bytes(text, options)
        if isinstance(text, bytes)
        else endnote_xml.read(text, options)
    )
    return [dict(i) for i in parsed.items]


def record(body: str) -> str:
    return f'<?xml version="1.0"?><xml><records><record>{body}</record></records></xml>'


def test_style_runs_become_csl_markup_and_back() -> None:
    (item,) = read(
        record(
            '<ref-type name="Journal Article">17</ref-type><titles><title>'
            '<style face="normal">On </style><style face="italic">E. coli</style>'
            '<style face="bold superscript">2</style></title></titles>'
        )
    )
    assert item["title"] == "On <i>E. coli</i><sup><b>2</b></sup>"
    text = bibconv.dumps([{"id": "a", "type": "book", "title": "On <i>E. coli</i>"}], "endnote-xml")
    assert '<style face="italic" font="default" size="100%">E. coli</style>' in text


def test_a_ref_type_without_a_name_is_read_by_its_number() -> None:
    (item,) = read(record("<ref-type>32</ref-type>"))
    assert item["type"] == "thesis"


def test_the_declared_encoding_decides_for_bytes() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><xml><records><record><titles>'
    data += "<title>Müller</title></titles></record></records></xml>"
    (item,) = read(data.encode("latin-1"))
    assert item["title"] == "Müller"
    (again,) = read(data)  # already decoded text: the declaration no longer applies
    assert again["title"] == "Müller"


def test_a_written_item_reads_back_except_what_endnote_xml_cannot_hold() -> None:
    item = {
        "id": "smith2020",
        "type": "article-journal",
        "title": "T with <i>italics</i>",
        "container-title": "Journal",
        "container-title-short": "J",
        "author": [{"family": "Smith", "given": "J."}],
        "issued": {"date-parts": [[2020, 5, 17]]},
        "volume": "3",
        "issue": "2",
        "page": "1-10",
        "ISSN": "1234-5678",
        "DOI": "10.1000/x",
        "keyword": "a, b",
        "abstract": "One & two <3.\nThree.",
        "URL": "https://example.org/?a=1&b=2",
        "PMID": "123",
    }
    notes: list[Diagnostic] = []
    text = bibconv.dumps([item], "endnote-xml", diagnostics=notes)  # type: ignore[list-item]
    (back,) = read(text)
    back.pop("custom")  # the record number
    kept = {k: v for k, v in item.items() if k not in LOSSES["endnote-xml"]}
    assert comparable(back) == comparable(kept)
    assert [n.code for n in notes] == ["endnote-xml.cannot-hold"]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<xml><records><record><titles><title>&b;</title></titles></record></records></xml>"""


def test_entity_expansion_is_refused() -> None:
    with pytest.raises(ParseError) as caught:
        read(BOMB)
    assert caught.value.diagnostics[0].code == "endnote-xml.syntax"


def test_external_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    text = (
        f'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
        "<xml><records><record><titles><title>&s;</title></titles></record></records></xml>"
    )
    with pytest.raises(ParseError) as caught:
        read(text)
    assert "TOP SECRET" not in str(caught.value)


def test_an_external_dtd_is_never_read(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY s "FROM THE DTD">', encoding="utf-8")
    text = (
        f'<?xml version="1.0"?><!DOCTYPE xml SYSTEM "{dtd.as_uri()}">'
        "<xml><records><record><titles><title>&s;</title></titles></record></records></xml>"
    )
    with pytest.raises(ParseError) as caught:  # the entity stays undefined
        read(text)
    (problem,) = caught.value.diagnostics
    assert "undefined entity" in problem.message
    assert "FROM THE DTD" not in str(caught.value)


def test_broken_xml_is_a_located_error() -> None:
    with pytest.raises(ParseError) as caught:
        read("<xml><records>\n<record><titles></record></records></xml>")
    (problem,) = caught.value.diagnostics
    assert str(problem.location) == "in.xml:2:19"  # at the closing tag's name


def test_sniffing() -> None:
    assert registry.sniff('<?xml version="1.0" encoding="UTF-8" ?><xml><records>').name == (
        "endnote-xml"
    )
