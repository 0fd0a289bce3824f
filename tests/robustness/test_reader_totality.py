"""Readers are total (issue 12): any bytes or text gives items and diagnostics, or a
:class:`bibconv.BibconvError`, never another exception; and what a reader returns can
be written in every output format.

Inputs are random bytes, and text made of the pieces each format's syntax is built from
(so the generated text gets past the first syntax check and into the readers' logic);
CSL-JSON also gets JSON of arbitrary shape. Example counts are moderate so the suite stays
fast; ``fuzz/run.py`` explores the same readers far longer (docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bibconv
from bibconv import BibconvError, pages
from bibconv.diagnostics import Diagnostic
from bibconv.model import CslItem
from bibconv.registry import WriteFormat

_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WRITERS: tuple[WriteFormat, ...] = ("csljson", "bibtex", "biblatex", "ris")
LAYOUTS = sorted(layout.NAME for layout in pages.LAYOUTS)
READERS = ["csljson", "bibtex", "biblatex", "ris", "html", "text", *LAYOUTS]

_COMMON = [
    " ",
    "\n",
    "\t",
    "\r\n",
    "a",
    "Z",
    "0",
    "9",
    "2020",
    "é",
    "–",
    "\\",
    '"',
    "'",
    ",",
    ";",
    ":",
    ".",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "&",
    "%",
    "#",
    "@",
    "|",
    "$",
]
_PIECES: dict[str, list[str]] = {
    "bibtex": [
        "@article{",
        "@string{",
        "@preamble{",
        "@comment{",
        "@xdata{",
        "k,",
        "title",
        " = ",
        "={",
        "}",
        "author",
        " and ",
        "others",
        "crossref",
        "xdata",
        "date",
        "year",
        "month",
        "jan",
        " # ",
        "\\'e",
        "\\emph{",
        "$x^2$",
        "pages",
        "1--2",
        "csl-custom",
        "csl-type",
        "{{",
        "}}",
        "ids",
        "doi",
        "url",
        "%\n",
    ],
    "ris": [
        "TY  - ",
        "JOUR",
        "GEN",
        "ER  - ",
        "AU  - ",
        "TI  - ",
        "PY  - ",
        "DA  - ",
        "N1  - csl.title: ",
        "N1  - custom.x: ",
        "SP  - ",
        "EP  - ",
        "KW  - ",
        "UR  - ",
        "DO  - ",
        "A1  - ",
        "Y1  - ",
        "2020/01/02/",
        "  - ",
        "TY - ",
        "\n\n",
    ],
    "csljson": [
        "[",
        "]",
        "{",
        "}",
        '"id"',
        '"type"',
        '"book"',
        '"author"',
        '"family"',
        '"issued"',
        '"date-parts"',
        '"custom"',
        ":",
        ",",
        "null",
        "true",
        "1",
        '"x"',
    ],
    "html": [
        "<html>",
        "<head>",
        "</head>",
        "<body>",
        '<meta name="citation_title" content="',
        '<meta name="citation_author" content="',
        '">',
        '<script type="application/ld+json">',
        "</script>",
        '{"@type": "ScholarlyArticle", "name": "',
        '"}',
        '<div class="gs_ri">',
        "</div>",
        '<a href="',
        '">',
        "</a>",
        "<li>",
        "</li>",
        '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.atitle=',
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#x",
        ";",
        "<title>",
        "</title>",
    ],
    "text": [
        "Doe, J.",
        "J. Doe",
        "Jane Doe",
        " and ",
        "et al.",
        "(2020)",
        "2020.",
        "In Proc.",
        "Journal of",
        "pp. 1-10",
        "doi:10.1/x",
        "https://arxiv.org/abs/2001.00001",
        "[1] ",
        "1. ",
        "References\n",
        "Abstract",
        "PDF",
        "Cite",
        "Edit",
        "|",
        "·",
        "Citations",
        "Publications",
        "\n\n",
        "  ",
    ],
}
_PIECES["biblatex"] = _PIECES["bibtex"]
for _layout in LAYOUTS:
    _PIECES[_layout] = _PIECES["text"]


def _text(fmt: str) -> st.SearchStrategy[str]:
    pieces = _PIECES[fmt] + _COMMON
    return st.lists(st.sampled_from(pieces), max_size=40).map("".join)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3000) | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "book", "article-journal", "Doe", "2020"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "type", "title", "author", "family", "given",
                                       "literal", "issued", "date-parts", "custom", "page",
                                       "editor", "accessed", "raw", "season", "x"]), inner,
                      max_size=5),
    max_leaves=20,
)  # fmt: skip


def _read(data: str | bytes, fmt: str) -> list[CslItem] | None:
    """The reader's items, or None for a BibconvError; any other exception fails the test."""
    diagnostics: list[Diagnostic] = []
    try:
        items = bibconv.loads(data, fmt, diagnostics=diagnostics)  # type: ignore[arg-type]
    except BibconvError:
        return None
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item.get("id"), str), item
        assert isinstance(item.get("type"), str), item
    return items


def _write_everywhere(items: list[CslItem]) -> None:
    for target in WRITERS:
        for lossless in (False, True):
            with contextlib.suppress(BibconvError):
                bibconv.dumps(items, target, lossless=lossless, diagnostics=[])


@pytest.mark.parametrize("fmt", READERS)
@_SETTINGS
@given(data=st.data())
def test_reader_is_total_on_syntax_pieces(fmt: str, data: st.DataObject) -> None:
    items = _read(data.draw(_text(fmt)), fmt)
    if items:
        _write_everywhere(items)


@pytest.mark.parametrize("fmt", READERS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=300))
def test_reader_is_total_on_random_bytes(fmt: str, raw: bytes) -> None:
    _read(raw, fmt)


@_SETTINGS
@given(value=_JSON)
def test_csljson_reader_is_total_on_any_json(value: Any) -> None:
    items = _read(json.dumps([value] if isinstance(value, dict) else value), "csljson")
    if items:
        _write_everywhere(items)


@_SETTINGS
@given(item=st.dictionaries(st.sampled_from(["title", "author", "issued", "custom", "page",
                                             "editor", "volume", "DOI", "URL", "note"]),
                            _JSON, max_size=4))  # fmt: skip
def test_what_the_csljson_reader_accepts_can_be_written(item: dict[str, Any]) -> None:
    """An item with a valid id and type and anything else: read, then written anywhere."""
    items = _read(json.dumps([{"id": "k", "type": "book", **item}]), "csljson")
    if items:
        _write_everywhere(items)


def test_the_pieces_reach_items() -> None:
    """The generated text must sometimes read: pieces that make a valid input exist."""
    assert _read("".join(["@article{", "k,", "title", " = ", "{", "a", "}", "}"]), "bibtex")
    assert _read("TY  - JOUR\nTI  - a\nER  - \n", "ris")
    assert cast(list[CslItem], _read('[{"id": "x", "type": "book"}]', "csljson"))


def test_csljson_type_of_the_wrong_shape_is_an_error_not_a_crash() -> None:
    """Found by fuzzing (csljson, 600 s): a dict as 'type' raised TypeError (unhashable)."""
    for wrong in ({"x": 1}, [1], None, 3):
        text = json.dumps([{"id": "a", "type": wrong}, {"id": "b", "type": "book"}])
        diagnostics: list[Diagnostic] = []
        items = bibconv.loads(text, "csljson", diagnostics=diagnostics)
        assert [item["id"] for item in items] == ["b"]
        assert [d.code for d in diagnostics] == ["json.missing-type"]
