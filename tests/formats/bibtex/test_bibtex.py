"""BibTeX/BibLaTeX mapping: names, dates, types, crossref, custom fields, keys, writer."""

from __future__ import annotations

from typing import Any

import pytest

from bibconv.diagnostics import ParseError, Severity
from bibconv.formats import bibtex
from bibconv.formats.bibtex import biblatex as _biblatex
from bibconv.model import ITEM_TYPES, CslItem
from bibconv.protocols import ReadOptions, WriteOptions


def read(text: str, *, biblatex: bool = False, strict: bool = False) -> list[dict[str, Any]]:
    reader = bibtex.read_biblatex if biblatex else bibtex.read
    parsed = reader(text, ReadOptions(path="t.bib", strict=strict))
    return [dict(item) for item in parsed.items]


def write(
    items: list[dict[str, Any]],
    *,
    biblatex: bool = False,
    ascii: bool = False,
    lossless: bool = False,
) -> str:
    writer = bibtex.write_biblatex if biblatex else bibtex.write
    options = WriteOptions(ascii=ascii, lossless=lossless)
    return writer([CslItem(**i) for i in items], options).text  # type: ignore[typeddict-item]


def one(text: str, **kwargs: Any) -> dict[str, Any]:
    (item,) = read(text, **kwargs)
    return item


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Donald E. Knuth", {"family": "Knuth", "given": "Donald E."}),
        ("Knuth, Donald E.", {"family": "Knuth", "given": "Donald E."}),
        ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
        ("von Neumann, John", {"family": "von Neumann", "given": "John"}),
        ("King, Jr., Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("{World Health Organization}", {"literal": "World Health Organization"}),
        ('M{\\"u}ller, J{\\"o}rg', {"family": "Müller", "given": "Jörg"}),
        ("D.~E. Shaw", {"family": "Shaw", "given": "D. E."}),
        ("{GNU~P}roject", {"family": "GNU Project"}),
        ("Aristotle", {"family": "Aristotle"}),
    ],
)
def test_name_grammar(raw: str, name: dict[str, str]) -> None:
    assert bibtex.parse_name(raw) == name


def test_name_list_with_braced_and_others() -> None:
    names = bibtex.parse_names("A. One and {Barnes and Noble} and \\'Ulfar Two and others")
    assert names == [
        {"family": "One", "given": "A."},
        {"literal": "Barnes and Noble"},
        {"family": "Two", "given": "Úlfar"},  # bibtexparser's own splitter drops the \'
        {"literal": "others"},
    ]


def test_parsed_names_are_copies() -> None:
    first = bibtex.parse_names("Ada Lovelace")
    first[0]["family"] = "changed"
    assert bibtex.parse_names("Ada Lovelace") == [{"family": "Lovelace", "given": "Ada"}]


@pytest.mark.parametrize(
    "name",
    [
        {"family": "van der Berg", "given": "Anna"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "OpenAI"},
        {"family": "GNU Project"},
        {"family": "Smith, Jones", "given": "X"},
        {"literal": "others"},
        {"family": "Smith", "given": "AND"},  # BibTeX splits lists at "and" in any case
        {"family": "And", "given": "Jo"},
    ],
)
def test_names_round_trip(name: dict[str, str]) -> None:
    item = {"id": "k", "type": "book", "author": [{"family": "A", "given": "B"}, name]}
    assert one(write([item]))["author"] == item["author"]


# ----------------------------------------------------------------------------- dates


def test_year_and_month_macro() -> None:
    assert one("@misc{k, year = 2001, month = sep}")["issued"] == {"date-parts": [[2001, 9]]}
    assert one("@misc{k, year = 2001, month = {9}}")["issued"] == {"date-parts": [[2001, 9]]}


def test_unparseable_month_is_kept_in_custom() -> None:
    item = one("@misc{k, year = 2001, month = {June-July}}")
    assert item["issued"] == {"date-parts": [[2001]]}
    assert item["custom"] == {"bibtex": {"month": "June-July"}}


def test_non_numeric_year_is_a_literal_date() -> None:
    assert one("@misc{k, year = {to appear}}")["issued"] == {"literal": "to appear"}


@pytest.mark.parametrize(
    ("date", "parts"),
    [
        ("2020", [[2020]]),
        ("2020-01-15", [[2020, 1, 15]]),
        ("2020-01/2020-03", [[2020, 1], [2020, 3]]),
        ("1864/1871", [[1864], [1871]]),
    ],
)
def test_biblatex_dates(date: str, parts: list[list[int]]) -> None:
    assert bibtex.parse_date(date) == {"date-parts": parts}


def test_date_wins_over_a_disagreeing_year_which_is_kept() -> None:
    item = one("@misc{k, date = {2020-05}, year = 2019}", biblatex=True)
    assert item["issued"] == {"date-parts": [[2020, 5]]}
    assert item["custom"]["bibtex"] == {"year": "2019"}


# ----------------------------------------------------------------------------- types


def test_every_bibtex_type_maps_to_a_csl_type() -> None:
    assert set(bibtex.TYPE_MAP.values()) <= ITEM_TYPES


def test_every_csl_type_has_a_bibtex_and_a_biblatex_type() -> None:
    assert set(bibtex.CSL_TO_TYPE) == ITEM_TYPES
    assert set(bibtex.CSL_TO_TYPE.values()) <= set(bibtex.TYPE_MAP)


@pytest.mark.parametrize("entry_type", sorted(bibtex.TYPE_MAP))
def test_every_entry_type_survives_bib_csl_bib(entry_type: str) -> None:
    item = one(f"@{entry_type}{{k, title = {{T}}}}")
    assert write([item]).startswith(f"@{entry_type}{{k,")
    assert write([item], biblatex=True).startswith(f"@{entry_type}{{k,")


@pytest.mark.parametrize("csl_type", sorted(ITEM_TYPES))
@pytest.mark.parametrize("biblatex", [False, True])
def test_every_csl_type_survives_a_lossless_round_trip(csl_type: str, biblatex: bool) -> None:
    item = {"id": "k", "type": csl_type, "title": "T"}
    text = write([item], biblatex=biblatex, lossless=True)
    assert one(text, biblatex=biblatex)["type"] == csl_type


@pytest.mark.parametrize("biblatex", [False, True])
def test_a_csl_type_without_an_entry_type_is_only_noted_by_default(biblatex: bool) -> None:
    writer = bibtex.write_biblatex if biblatex else bibtex.write
    written = writer([CslItem(id="k", type="map", title="T")], WriteOptions())
    assert written.text == "@misc{k,\n  title = {T},\n}\n"
    (note,) = written.diagnostics
    assert note.message.endswith(
        "cannot hold 'type': no entry type for 'map' (written as @misc); it is left out "
        "(--lossless keeps it in 'csl-type')"
    )


def test_original_entry_type_is_kept_when_it_would_change() -> None:
    item = one("@inbook{k, title = {T}, chapter = {2}}")
    assert item["type"] == "chapter"
    assert item["custom"]["bibtex_type"] == "inbook"
    assert write([item]).startswith("@inbook{k,")


# ----------------------------------------------------------------------------- crossref

PARENT = "@proceedings{p, title = {Proc. of X}, year = 1999, publisher = {P}, shorthand = {PX}}"


def test_bibtex_crossref_copies_missing_fields() -> None:
    child, _ = read("@inproceedings{c, title = {Paper}, crossref = {p}}\n" + PARENT)
    assert child["container-title"] == "Proc. of X"  # no booktitle: the parent's title
    assert child["publisher"] == "P"
    assert child["issued"] == {"date-parts": [[1999]]}
    # BibTeX copies every other field; biblatex's per-entry controls are not data
    assert "shorthand" not in child.get("custom", {}).get("bibtex", {})


@pytest.mark.parametrize(
    ("source", "biblatex_in", "target", "biblatex_out"),
    [
        ("journal", False, "journaltitle", True),
        ("journaltitle", True, "journal", False),
    ],
)
def test_protective_braces_survive_the_other_dialects_field_name(
    source: str, biblatex_in: bool, target: str, biblatex_out: bool
) -> None:
    item = one(f"@article{{k, {source} = {{Journal of the {{ACM}}}}}}", biblatex=biblatex_in)
    assert f"{target} = {{Journal of the {{ACM}}}}" in write([item], biblatex=biblatex_out)


def test_biblatex_crossref_rules() -> None:
    child, _ = read("@inproceedings{c, title = {Paper}, crossref = {p}}\n" + PARENT, biblatex=True)
    assert child["title"] == "Paper"
    assert child["container-title"] == "Proc. of X"
    assert "shorthand" not in child["custom"].get("bibtex", {})  # never inherited


def test_inherited_fields_are_left_to_the_crossref_on_write() -> None:
    items = read("@inproceedings{c, title = {Paper}, crossref = {p}}\n" + PARENT)
    text = write(items)
    child_entry = text.split("\n\n")[0]
    assert "publisher" not in child_entry
    assert "crossref = {p}" in child_entry


def test_missing_crossref_target_is_a_warning() -> None:
    parsed = bibtex.read("@misc{c, crossref = {nowhere}}", ReadOptions(path="t.bib"))
    assert [(d.severity, d.code) for d in parsed.diagnostics] == [
        (Severity.WARNING, "bib.missing-crossref")
    ]


# ----------------------------------------------------------------------------- fields


def test_unknown_fields_go_to_custom_and_come_back_unchanged() -> None:
    text = (
        "@misc{k,\n  title = {T},\n  timestamp = {Tue, 06 Jun 2017},\n"
        "  epub = {Online {First}},\n}\n"
    )
    item = one(text)
    assert item["custom"] == {"bibtex": {"timestamp": "Tue, 06 Jun 2017", "epub": "Online {First}"}}
    assert "  epub = {Online {First}},\n" in write([item])


def test_repeated_fields_keep_every_value() -> None:
    parsed = bibtex.read("@misc{k, note = {a}, note = {b}}", ReadOptions(path="t.bib"))
    (item,) = parsed.items
    assert item.get("note") == "a"
    assert item["custom"] == {"bibtex_duplicates": [["note", "b"]]}
    assert [d.code for d in parsed.diagnostics] == ["bib.duplicate-field"]
    assert write([dict(item)]).count("note = ") == 2


def test_arxiv_fields() -> None:
    item = one("@misc{k, eprint = {2101.00001}, archivePrefix = {arXiv}, primaryClass = {cs.CL}}")
    assert item["type"] == "article"
    assert item["custom"] == {"arxiv_id": "2101.00001", "arxiv_category": "cs.CL"}
    assert "eprinttype = {arXiv}" in write([item], biblatex=True)
    assert "archiveprefix = {arXiv}" in write([item])


def test_pages_doi_url_and_verbatim_fields() -> None:
    item = one("@article{k, pages = {1--10}, doi = {10.1/a\\_b}, url = {\\url{http://x.org/~a}}}")
    assert (item["page"], item["DOI"], item["URL"]) == ("1-10", "10.1/a_b", "http://x.org/~a")
    text = write([item])
    assert "pages = {1--10}" in text
    assert "url = {http://x.org/~a}" in text


def test_title_braces_are_kept_exactly_when_our_protection_differs() -> None:
    item = one("@article{k, title = {The {Ant System} and {BERT}}}")
    assert item["title"] == "The Ant System and BERT"
    assert "title = {The {Ant System} and {BERT}}" in write([item])
    plain = one("@article{k, title = {Using {BERT} Well}}")
    assert "custom" not in plain  # our own protection gives the same braces back


def test_strict_makes_warnings_fatal() -> None:
    with pytest.raises(ParseError):
        read("@misc{a, note = {x}, note = {y}}", strict=True)


def test_broken_entry_is_skipped_and_reported_others_kept() -> None:
    parsed = bibtex.read(
        "@misc{a, title = {A}}\n@misc{b, title = {B\n@misc{c, title = {C}}\n",
        ReadOptions(path="t.bib"),
    )
    assert [i["id"] for i in parsed.items] == ["a", "c"]
    assert str(parsed.diagnostics[0]).startswith("t.bib:3:1: error:")


# ----------------------------------------------------------------------------- writer


def test_writer_layout_and_field_order() -> None:
    item = {
        "id": "k",
        "type": "article-journal",
        "note": "N",
        "title": "T",
        "author": [{"family": "F", "given": "G"}],
        "issued": {"date-parts": [[2001, 6]]},
        "container-title": "J",
        "page": "1-2",
    }
    assert write([item]) == (
        "@article{k,\n"
        "  author = {F, G},\n"
        "  title = {T},\n"
        "  journal = {J},\n"
        "  pages = {1--2},\n"
        "  year = {2001},\n"
        "  month = jun,\n"
        "  note = {N},\n"
        "}\n"
    )


def test_missing_keys_are_generated_unique() -> None:
    items: list[dict[str, Any]] = [
        {"id": "", "type": "book", "title": "Deep Learning", "issued": {"date-parts": [[2016]]},
         "author": [{"family": "Goodfellow", "given": "Ian"}]},
        {"id": "goodfellow2016deep", "type": "book", "title": "Other"},
    ]  # fmt: skip
    text = write(items)
    assert "@book{goodfellow2016deepa," in text
    assert "@book{goodfellow2016deep," in text


def test_ascii_output_is_pure_ascii_and_reads_back_the_same() -> None:
    item = {"id": "k", "type": "book", "title": "Ångström – “quotes” ☺",
            "author": [{"family": "Żółć", "given": "Łukasz"}]}  # fmt: skip
    text = write([item], ascii=True)
    assert text.isascii()
    back = one(text)
    assert (back["title"], back["author"]) == (item["title"], item["author"])


def test_custom_keys_bibtex_cannot_name_are_noted_and_kept_only_when_lossless() -> None:
    item = {"id": "k", "type": "book", "title": "T", "custom": {"pages_seen": 3}}
    written = bibtex.write([item], WriteOptions(lossless=True))  # type: ignore[list-item]
    assert 'csl-custom = {{"pages_seen": 3}}' in written.text
    assert one(written.text)["custom"] == {"pages_seen": 3}
    clean = bibtex.write([item], WriteOptions())  # type: ignore[list-item]
    assert clean.text == "@book{k,\n  title = {T},\n}\n"
    assert [d.code for d in clean.diagnostics] == ["bibtex.cannot-hold"]
    assert "it is left out (--lossless keeps it in 'csl-custom')" in clean.diagnostics[0].message


# ----------------------------------------------------------------------------- biblatex model


@pytest.mark.parametrize(
    ("pieces", "joined"),
    [
        ([("", "Title"), (":", "Sub"), (".", "Addon")], "Title: Sub. Addon"),
        ([("", "Why?"), (":", "Because")], "Why? Because"),
        ([("", "Title"), (":", ""), (".", "Addon")], "Title. Addon"),
        ([("", "3"), (",", "Spring")], "3, Spring"),
    ],
)
def test_title_parts_join_as_biblatex_prints_them(pieces: Any, joined: str) -> None:
    assert _biblatex.join_parts(pieces) == joined


def test_split_main_undoes_join_and_refuses_an_edited_text() -> None:
    parts = [(":", "Sub"), (".", "Addon")]
    assert _biblatex.split_main("Main: Sub. Addon", parts) == "Main"
    assert _biblatex.split_main("Why? Sub. Addon", parts) == "Why?"
    assert _biblatex.split_main("Another title", parts) is None


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("english", "en-US"),
        ("american", "en-US"),
        ("british", "en-GB"),
        ("UKenglish", "en-GB"),
        ("ngerman", "de-DE"),
        ("German", "de-DE"),
        ("langfrench", "fr-FR"),
        (" nswissgerman ", "de-CH"),
        ("{english}", None),
        ("german and french", None),
        ("klingon", None),
    ],
)
def test_language_tag(raw: str, tag: str | None) -> None:
    assert _biblatex.language_tag(raw) == tag


def test_every_written_language_name_reads_back_as_its_tag() -> None:
    for tag in _biblatex.LANGUAGE_NAMES:
        name = _biblatex.language_name(tag)
        assert name is not None
        assert _biblatex.language_tag(name) == tag


def test_bibstrings_read_only_exact_keys_and_map_back() -> None:
    assert _biblatex.bibstring("newseries") == "New series"
    assert _biblatex.bibstring(" inpress ") == "In press"
    assert _biblatex.bibstring("Newseries") is None
    assert _biblatex.bibstring_key("Technical report") == "techreport"
    assert _biblatex.bibstring_key("technical report") is None


@pytest.mark.parametrize(
    ("kind", "eprint", "url"),
    [
        ("arXiv", "2101.00001", "https://arxiv.org/abs/2101.00001"),
        ("hdl", "1721.1/5", "https://hdl.handle.net/1721.1/5"),
        ("{JSTOR}", "42", "https://www.jstor.org/stable/42"),
        ("pmc", "PMC9", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9/"),
        ("ssrn", "1", None),
    ],
)
def test_eprint_urls(kind: str, eprint: str, url: str | None) -> None:
    assert _biblatex.eprint_url(kind, eprint) == url


def test_number_and_issue_of_an_article_round_trip_through_biblatex() -> None:
    text = "@article{a, title = {T}, journaltitle = {J}, number = {3}, issue = {Spring}}"
    item = one(text, biblatex=True)
    assert item["issue"] == "3, Spring"
    written = write([item], biblatex=True)
    assert "number = {3}," in written
    assert "issue = {Spring}," in written


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "family=Goethe, given=Johann Wolfgang, prefix=von, useprefix=false",
            {"family": "Goethe", "given": "Johann Wolfgang", "dropping-particle": "von"},
        ),
        (
            "given=Vincent, family=Gogh, prefix=van, useprefix=true",
            {"given": "Vincent", "family": "Gogh", "non-dropping-particle": "van"},
        ),
        ("family={Smith, Jones}, given=Al", {"family": "Smith, Jones", "given": "Al"}),
        (
            "family=King, given=Martin, suffix=Jr.",
            {"family": "King", "given": "Martin", "suffix": "Jr."},
        ),
        ("{family=Not, given=Extended}", {"literal": "family=Not, given=Extended"}),
    ],
)
def test_extended_name_format(raw: str, name: dict[str, str]) -> None:
    assert bibtex.parse_name(raw) == name


@pytest.mark.parametrize(
    ("useprefix", "name"),
    [
        (None, {"family": "van Gogh", "given": "Vincent"}),
        (True, {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}),
        (False, {"family": "Gogh", "given": "Vincent", "dropping-particle": "van"}),
    ],
)
def test_useprefix_splits_the_von_part(useprefix: bool | None, name: dict[str, str]) -> None:
    assert bibtex.parse_names("van Gogh, Vincent", useprefix) == [name]


def test_biblatex_writes_particles_in_the_extended_format_and_reads_them_back() -> None:
    author = [{"family": "Berg", "given": "Anna, M.", "non-dropping-particle": "van der"}]
    item = {"id": "a", "type": "book", "title": "T", "author": author}
    text = write([item], biblatex=True)
    assert "family=Berg, given={Anna, M.}, prefix=van der, useprefix=true" in text
    assert one(text, biblatex=True)["author"] == author


def test_options_useprefix_reaches_the_names() -> None:
    text = "@book{a, author = {de la Fontaine, Jean}, options = {useprefix=true}, title = {T}}"
    assert one(text, biblatex=True)["author"] == [
        {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"}
    ]


def test_editor_roles_map_to_csl_variables_and_back() -> None:
    text = (
        "@book{a, editor = {Ed, Ed}, editora = {Comp, Cy}, editoratype = {compiler},"
        " editorb = {Rev, Ray}, editorbtype = {reviser}, title = {T}}"
    )
    item = one(text, biblatex=True)
    assert item["compiler"] == [{"family": "Comp", "given": "Cy"}]
    assert item["custom"]["bibtex"] == {"editorb": "Rev, Ray", "editorbtype": "reviser"}
    written = write([item], biblatex=True)
    assert "editora = {Comp, Cy}," in written
    assert "editoratype = {compiler}," in written


def test_crossref_chain_and_cycle_end() -> None:
    text = (
        "@inbook{c, title = {Ch}, crossref = {b}}\n"
        "@book{b, title = {Vol}, crossref = {m}}\n"
        "@mvbook{m, title = {Works}, author = {Au, Al}, crossref = {c}}\n"
    )
    child = read(text, biblatex=True)[0]
    assert child["container-title"] == "Works"
    assert child["volume-title"] == "Vol"
    assert child["container-author"] == [{"family": "Au", "given": "Al"}]
