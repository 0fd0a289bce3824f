"""JSON nested absurdly deep, wherever bibconv reads JSON (issue 12): an error or a
warning like any bad JSON, never a RecursionError (found by the complexity probes: a
few thousand ``[`` crashed the CSL-JSON reader and the carriers' parsers)."""

from __future__ import annotations

import json

import pytest

import bibconv
from bibconv import _json, registry
from bibconv.diagnostics import Diagnostic, ParseError
from bibconv.model import CslItem

DEEP = "[" * 5000 + "]" * 5000  # past Python's recursion limit
LIMIT = "[" * _json.MAX_DEPTH + "]" * _json.MAX_DEPTH
PAST_LIMIT = "[" * (_json.MAX_DEPTH + 1) + "]" * (_json.MAX_DEPTH + 1)


@pytest.mark.parametrize("text", [DEEP, PAST_LIMIT, '{"a": ' * 3000 + "1" + "}" * 3000])
def test_too_deep_is_a_decode_error(text: str) -> None:
    with pytest.raises(json.JSONDecodeError, match="nested deeper than 100 levels"):
        _json.loads(text)


def test_the_limit_itself_and_flat_values_load() -> None:
    assert _json.loads(LIMIT) is not None
    assert _json.loads('[{"id": "a", "custom": {"x": [[1]]}}]') == [
        {"id": "a", "custom": {"x": [[1]]}}
    ]
    assert _json.loads("7") == 7


@pytest.mark.parametrize("text", [DEEP, PAST_LIMIT, '[{"id":"a","type":"book","x":' + DEEP + "}]"])
def test_csljson_reader_reports_deep_json_as_a_syntax_error(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        bibconv.loads(text, "csljson")
    assert [d.code for d in caught.value.diagnostics] == ["json.syntax"]
    assert "nested deeper than 100 levels" in caught.value.diagnostics[0].message


def test_ris_note_carrier_keeps_deep_json_as_text() -> None:
    text = f"TY  - GEN\nTI  - x\nN1  - csl.note: {DEEP}\nER  - \n"
    (item,) = bibconv.loads(text, "ris")
    assert item["note"] == DEEP


def test_ris_writer_round_trips_a_value_that_looks_like_deep_json() -> None:
    items: list[CslItem] = [{"id": "a", "type": "book", "title": "T", "note": DEEP}]
    (back,) = bibconv.loads(bibconv.dumps(items, "ris", lossless=True), "ris")
    assert back["note"] == DEEP


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_csl_custom_carrier_with_deep_json_is_kept_raw(fmt: str) -> None:
    text = '@misc{k, title={x}, csl-custom = {{"x": ' + DEEP + "}}}"
    (item,) = bibconv.loads(text, fmt, diagnostics=[])  # type: ignore[arg-type]
    assert item["title"] == "x"
    assert DEEP in item["custom"]["bibtex"]["csl-custom"]


def test_html_json_ld_too_deep_is_a_warning() -> None:
    page = (
        '<html><head><script type="application/ld+json">' + DEEP + "</script>"
        '<meta name="citation_title" content="A title">'
        "</head><body></body></html>"
    )
    diagnostics: list[Diagnostic] = []
    (item,) = bibconv.loads(page, "html", diagnostics=diagnostics)
    assert item["title"] == "A title"
    assert "html.bad-json-ld" in [d.code for d in diagnostics]


def test_sniffing_deep_json_does_not_crash() -> None:
    assert registry.sniff(DEEP).name != "csljson"  # not JSON bibconv can read
