"""formats/bibtex/reader.py: what the writers' round trips found (issue 12)."""

from __future__ import annotations

import bibconv


def test_ascii_escapes_are_not_taken_for_case_protection() -> None:
    # As --ascii writes '½AA': the escape's braces are no protection a title needs kept raw.
    [item] = bibconv.loads('@article{k, title = {{\\char"00BD}{AA}}}', "bibtex")
    assert item == {"id": "k", "type": "article-journal", "title": "½AA"}
    [item] = bibconv.loads('@article{k, title = {{\\"u}ber {AA}}}', "bibtex")
    assert item == {"id": "k", "type": "article-journal", "title": "über AA"}


def test_protection_the_writer_would_not_give_is_kept_raw() -> None:
    [item] = bibconv.loads("@article{k, title = {{A} Title}}", "bibtex")
    assert item["custom"] == {"bibtex_raw": {"title": "{A} Title"}}


# Found by fuzzing (biblatex target, 2026-12-03): '²' is a digit to str.isdigit() but no
# number to int(). Minimal inputs.
def test_a_superscript_digit_in_an_articles_series_is_no_series_number() -> None:
    [item] = bibconv.loads("@article{k, series = {²0}}", "biblatex")  # ValueError before
    assert item == {"id": "k", "type": "article-journal", "collection-title": "²0"}


def test_a_superscript_digit_is_no_day_or_month() -> None:
    [item] = bibconv.loads("@article{k, year = 2000, month = 1, day = {²}}", "bibtex")
    assert item["issued"] == {"date-parts": [[2000, 1]]}
    assert item["custom"] == {"bibtex": {"day": "²"}}
    [item] = bibconv.loads("@article{k, year = 2000, month = {²}}", "bibtex")
    assert item["issued"] == {"date-parts": [[2000]]}


def test_read_entries_makes_the_items_without_locating_warnings() -> None:
    # check --fix's meaning guard reads entries of a text it has not scanned (its draft):
    # locating the warnings it throws away built that text's line index (0.08 s on an
    # 18 MB file). The items are those of a full read all the same.
    from bibconv.formats.bibtex import read_entries, syntax

    text = "@article{k, title = {A}, title = {B}, crossref = {gone}, year = 2000}\n"
    doc = syntax.parse(text, "refs.bib")
    assert doc._index is None
    [item] = read_entries(doc, doc.entries)
    assert doc._index is None
    assert [item] == bibconv.loads(text, "bibtex", diagnostics=[])
    assert item["custom"]["bibtex_duplicates"] == [["title", "B"]]
