"""bibconv.registry: the format table, the Literal names the API is typed with, sniffing."""

from __future__ import annotations

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
