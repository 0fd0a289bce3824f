"""bibconv.registry: the format table, the Literal names the API is typed with, sniffing."""

from __future__ import annotations

import dataclasses
from typing import get_args

import pytest

from bibconv import registry
from bibconv.diagnostics import Diagnostic, Severity


def test_literal_format_names_are_the_tables_names() -> None:
    assert sorted(get_args(registry.ReadFormat)) == registry.readable()
    assert sorted(get_args(registry.WriteFormat)) == registry.writable()


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": "a", "type": "book"}]',
        '  {"id": "a", "type": "book"}',
        "[]",
        '[{"id": "a",}]',  # broken, but plainly JSON: the reader says where
        '{ "id": ',
        '["a", 1]',  # valid JSON (the reader says it holds no items)
    ],
)
def test_json_is_sniffed_as_csljson(text: str) -> None:
    notes: list[Diagnostic] = []
    assert registry.sniff(text, notes=notes).name == "csljson"
    assert notes == []


@pytest.mark.parametrize(
    "text",
    [
        "[1] A. Vaswani, N. Shazeer. Attention is all you need. NeurIPS, 2017.\n",
        "[Smith 2000] J. Smith. A title. Journal, 2000.\n",
        "{Smith} wrote this\n",
    ],
)
def test_bracketed_text_that_is_not_json_is_page_text_with_an_info_line(text: str) -> None:
    notes: list[Diagnostic] = []
    assert registry.sniff(text, notes=notes, path="<stdin>").name == "text"
    (note,) = notes
    assert (note.severity, note.code, str(note.location)) == (
        Severity.INFO,
        "input.not-json",
        "<stdin>:1:1",
    )


def test_other_formats_are_sniffed_as_before() -> None:
    assert registry.sniff("TY  - JOUR\nER  - \n").name == "ris"
    assert registry.sniff("% refs\n@article{k, title = {x}}\n").name == "bibtex"
    assert registry.sniff("<!doctype html><title>x</title>").name == "html"
    assert registry.sniff("Some page text\n").name == "text"


@pytest.mark.parametrize("spec", registry.SPECS, ids=lambda spec: spec.name)
def test_each_row_is_what_its_module_defines(spec: registry.FormatSpec) -> None:
    """The table is written out so nothing is imported to read it; the module's own
    Format is the truth it must match."""
    fmt = registry.FORMATS[spec.name]
    assert fmt.name == spec.name
    assert fmt.extensions == spec.extensions
    assert (fmt.read is not None or fmt.read_bytes is not None) == spec.reads
    assert (fmt.write is not None) == spec.writes


def test_names_and_extensions_need_no_format_module() -> None:
    assert "ris" in registry.FORMATS
    assert "bibtex" in list(registry.FORMATS)
    assert registry.writable() == [
        "bibjson",
        "biblatex",
        "bibtex",
        "cff",
        "csljson",
        "cslyaml",
        "endnote-xml",
        "mods",
        "nbib",
        "refer",
        "ris",
    ]
    with pytest.raises(KeyError):
        registry.FORMATS["nonesuch"]


def test_a_stand_in_format_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    own = registry.FORMATS["ris"]
    stand_in = dataclasses.replace(own, description="stand-in")
    with monkeypatch.context() as patch:
        patch.setitem(registry.FORMATS, "ris", stand_in)
        assert registry.by_name("ris") is stand_in
        patch.setitem(registry.FORMATS, "extra", stand_in)
        assert "extra" in registry.FORMATS
    assert registry.by_name("ris") is own
    assert "extra" not in registry.FORMATS
