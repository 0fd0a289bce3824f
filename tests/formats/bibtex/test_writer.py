"""formats/bibtex/writer.py: what the writers' round trips found (issue 12)."""

from __future__ import annotations

from typing import Any, cast

import pytest

import bibconv
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.model import CslItem
from bibconv.registry import WriteFormat


def dumps(
    items: list[dict[str, Any]], fmt: str, *, lossless: bool = False
) -> tuple[str, list[Diagnostic]]:
    notes: list[Diagnostic] = []
    text = bibconv.dumps(
        cast(list[CslItem], items), cast(WriteFormat, fmt), lossless=lossless, diagnostics=notes
    )
    return text, notes


def loads(text: str, fmt: str) -> list[dict[str, Any]]:
    return [dict(i) for i in bibconv.loads(text, cast(WriteFormat, fmt))]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_deprecated_csl_spellings_are_written_as_their_variable(fmt: str) -> None:
    items = [
        {"id": "k", "type": "article-journal", "journalAbbreviation": "Phys. Rev.",
         "shortTitle": "Short", "event": "Conf"}
    ]  # fmt: skip
    text, _ = dumps(items, fmt)
    assert text == (
        "@article{k,\n  shorttitle = {Short},\n  shortjournal = {Phys. Rev.},\n"
        "  eventtitle = {Conf},\n}\n"
    )


def test_a_deprecated_spelling_beside_its_variable_is_kept_under_its_own_name() -> None:
    items = [
        {"id": "k", "type": "article-journal", "journalAbbreviation": "Phys. Rev.",
         "container-title-short": "PR"}
    ]  # fmt: skip
    text, _ = dumps(items, "bibtex")
    assert text == "@article{k,\n  shortjournal = {PR},\n  journalAbbreviation = {Phys. Rev.},\n}\n"


def test_a_biblatex_patents_location_is_its_jurisdiction_and_its_place_a_carrier() -> None:
    items = [{"id": "p", "type": "patent", "jurisdiction": "FR", "publisher-place": "Lyon"}]
    text, notes = dumps(items, "biblatex")
    assert text == "@patent{p,\n  location = {FR},\n}\n"  # was: location = {Lyon}
    assert [n.code for n in notes] == ["biblatex.cannot-hold"]
    assert "'publisher-place'" in notes[0].message
    text, _ = dumps(items, "biblatex", lossless=True)
    assert text == "@patent{p,\n  location = {FR},\n  csl-publisher-place = {Lyon},\n}\n"
    assert loads(text, "biblatex") == items


def test_a_biblatex_patents_place_alone_is_not_read_back_as_its_jurisdiction() -> None:
    items = [{"id": "p", "type": "patent", "publisher-place": "Lyon"}]
    text, _ = dumps(items, "biblatex")
    assert text == "@patent{p,\n}\n"
    text, _ = dumps(items, "biblatex", lossless=True)
    assert loads(text, "biblatex") == items


def test_a_bibtex_patent_keeps_address_and_location() -> None:
    items = [{"id": "p", "type": "patent", "jurisdiction": "FR", "publisher-place": "Lyon"}]
    text, _ = dumps(items, "bibtex")
    assert text == "@patent{p,\n  address = {Lyon},\n  location = {FR},\n}\n"
    assert loads(text, "bibtex") == items


@pytest.mark.parametrize(
    ("item", "written"),
    [
        ({"id": "b", "type": "book", "volume-title": "V"}, "@book{b,\n  volume-title = {V},\n}\n"),
        (
            {"id": "b", "type": "chapter", "title": "T", "volume-title": "V"},
            "@incollection{b,\n  title = {T},\n  volume-title = {V},\n}\n",
        ),
        (
            {"id": "b", "type": "book", "title": "T", "volume-title": "V"},
            "@book{b,\n  maintitle = {T},\n  title = {V},\n}\n",
        ),
    ],
)
def test_a_volume_title_without_the_works_title_keeps_a_field_of_its_own(
    item: dict[str, Any], written: str
) -> None:
    # Written as 'title' with no 'maintitle' (or 'booktitle' with no 'maintitle'), it read
    # back as the work's title.
    text, _ = dumps([item], "biblatex")
    assert text == written
    assert loads(text, "biblatex") == [item]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_a_literal_date_is_written_as_text(fmt: str) -> None:
    items = [{"id": "w", "type": "webpage", "accessed": {"literal": "''x & y"}}]
    text, _ = dumps(items, fmt)
    assert "  urldate = {'{}'x \\& y},\n" in text  # was {''x & y}: read as '”x & y'
    assert loads(text, fmt) == items


@pytest.mark.parametrize(
    ("key", "written"), [("a b", "a_b"), ("a,b", "a_b"), ("a\t b", "a_b"), (" a ", "a")]
)
def test_an_id_no_key_can_hold_is_written_with_underscores(key: str, written: str) -> None:
    text, notes = dumps([{"id": key, "type": "book"}], "bibtex")
    assert text == f"@book{{{written},\n}}\n"  # as it was, the entry was not read at all
    assert [(n.severity, n.code) for n in notes] == [(Severity.WARNING, "bib.key-changed")]
    assert loads(text, "bibtex") == [{"id": written, "type": "book"}]


def test_a_changed_key_does_not_take_another_items_key() -> None:
    text, _ = dumps([{"id": "a b", "type": "book"}, {"id": "a_b", "type": "book"}], "bibtex")
    assert [i["id"] for i in loads(text, "bibtex")] == ["a_ba", "a_b"]


def test_a_nul_is_left_out_and_noted() -> None:
    text, notes = dumps([{"id": "n", "type": "book", "title": "a\x00b"}], "bibtex")
    assert text == "@book{n,\n  title = {ab},\n}\n"  # a NUL made the file binary
    assert [n.code for n in notes] == ["bibtex.cannot-hold"]


def test_ascii_writes_custom_json_in_ascii() -> None:
    items = [{"id": "a", "type": "book", "custom": {"note_x": "½ü"}}]
    text = bibconv.dumps(cast(list[CslItem], items), "bibtex", ascii=True, lossless=True)
    assert text == '@book{a,\n  csl-custom = {{"note_x": "\\u00bd\\u00fc"}},\n}\n'
    assert loads(text, "bibtex") == items


def test_ascii_keeps_url_and_doi_verbatim() -> None:
    items = [{"id": "a", "type": "book", "URL": "https://ü.example/ä", "DOI": "10.1/ü"}]
    text = bibconv.dumps(cast(list[CslItem], items), "bibtex", ascii=True)
    assert text == "@book{a,\n  doi = {10.1/ü},\n  url = {https://ü.example/ä},\n}\n"


@pytest.mark.parametrize("month", ["x", "²"])
def test_a_month_that_is_no_decimal_number_writes_no_month_field(month: str) -> None:
    # int('x') and int('²') raised ('²'.isdigit() is true): the writer crashed.
    item = cast(CslItem, {"id": "d", "type": "book", "issued": {"date-parts": [[2000, month]]}})
    text = bibconv.dumps([item], "bibtex")
    assert "month" not in text
    assert "  year = {2000},\n" in text
