"""RIS reader and writer: the tag table both ways, and every odd input the issue names."""

from __future__ import annotations

from typing import Any

import pytest

from bibconv.diagnostics import ParseError, Severity
from bibconv.formats import ris
from bibconv.formats.ris import mapping
from bibconv.formats.ris.identifiers import serial_kind
from bibconv.formats.ris.names import format_name
from bibconv.formats.ris.tables import CSL_TO_RIS_TYPE, RIS_TO_CSL_TYPE
from bibconv.formats.ris.text import html_to_text, split_links
from bibconv.losses import comparable
from bibconv.model import ITEM_TYPES, OTHERS
from bibconv.protocols import ReadOptions, WriteOptions


def read(text: str) -> tuple[list[dict[str, Any]], list[tuple[str, int, int]]]:
    """Items and (code, line, column) of each diagnostic."""
    parsed = ris.read(text, ReadOptions(path="in.ris"))
    where = [
        (d.code, d.location.line, d.location.column) if d.location else (d.code, 0, 0)
        for d in parsed.diagnostics
    ]
    return [dict(i) for i in parsed.items], where


def codes(text: str) -> list[str]:
    return [code for code, _, _ in read(text)[1]]


def round_trip(item: dict[str, Any]) -> dict[str, Any]:
    written = ris.write([item], WriteOptions(lossless=True))  # type: ignore[list-item]
    parsed = ris.read(written.text, ReadOptions())
    assert [d for d in parsed.diagnostics if d.severity is not Severity.INFO] == []
    assert len(parsed.items) == 1
    return dict(parsed.items[0])


JOURNAL = """TY  - JOUR
ID  - smith2020
AU  - Smith, John
A1  - Doe, Jane, Jr.
A2  - Editor, Ed
A3  - Series, Sam
A4  - Trans, Tom
TI  - A Study
T2  - Journal of Things
J2  - J. Things
T3  - Series Title
ST  - Study
PY  - 2020
DA  - 2020/05/03/
Y2  - 2021/01/02/
VL  - 12
IS  - 3
SP  - 100
EP  - 110
ET  - 2nd
SE  - 4
NV  - 2
C7  - 7
M3  - Letter
PB  - Pub House
CY  - London
SN  - 1234-5678
DO  - 10.1000/xyz
UR  - https://example.org/a
AB  - An abstract.
KW  - one
KW  - two
LA  - en
DB  - Archive
AN  - Box 3
CN  - QA76
DP  - Crossref
RN  - research note
N1  - A note.
ER  - {space}
""".format(space=" ")  # the standard closing line has a trailing space


def test_every_standard_tag_maps_to_its_variable() -> None:
    (item,), diagnostics = read(JOURNAL)
    assert diagnostics == []
    assert item == {
        "id": "smith2020",
        "type": "article-journal",
        "author": [
            {"family": "Smith", "given": "John"},
            {"family": "Doe", "given": "Jane", "suffix": "Jr."},
        ],
        "editor": [{"family": "Editor", "given": "Ed"}],
        "collection-editor": [{"family": "Series", "given": "Sam"}],
        "translator": [{"family": "Trans", "given": "Tom"}],
        "title": "A Study",
        "container-title": "Journal of Things",
        "container-title-short": "J. Things",
        "collection-title": "Series Title",
        "title-short": "Study",
        "issued": {"date-parts": [[2020, 5, 3]]},
        "accessed": {"date-parts": [[2021, 1, 2]]},
        "volume": "12",
        "issue": "3",
        "page": "100-110",
        "edition": "2nd",
        "section": "4",
        "number-of-volumes": "2",
        "number": "7",
        "genre": "Letter",
        "publisher": "Pub House",
        "publisher-place": "London",
        "ISSN": "1234-5678",
        "DOI": "10.1000/xyz",
        "URL": "https://example.org/a",
        "abstract": "An abstract.",
        "keyword": "one, two",
        "language": "en",
        "archive": "Archive",
        "archive_location": "Box 3",
        "call-number": "QA76",
        "source": "Crossref",
        "annote": "research note",
        "note": "A note.",
    }


def test_writer_emits_tags_in_table_order_and_closes_with_er() -> None:
    (item,), _ = read(JOURNAL)
    text = ris.write([item], WriteOptions()).text  # type: ignore[list-item]
    lines = text.splitlines()
    assert lines[0] == "TY  - JOUR"
    assert lines[-1] == "ER  - "
    order = [row.tag for row in ris.TAG_MAP]
    tags = [line[:2] for line in lines[1:-1]]
    assert tags == sorted(tags, key=order.index)
    assert "PY  - 2020" in lines
    assert "DA  - 2020/05/03/" in lines
    assert round_trip(item) == item


@pytest.mark.parametrize(
    ("tag", "variable"),
    [("T1", "title"), ("JO", "container-title"), ("JF", "container-title"),
     ("BT", "container-title"), ("JA", "container-title-short"), ("J1", "container-title-short"),
     ("N2", "abstract"), ("ED", "editor"), ("Y1", "issued"), ("VO", "volume"),
     ("PP", "publisher-place")],
)  # fmt: skip
def test_synonyms_are_read(tag: str, variable: str) -> None:
    value = {"ED": "Ed, A", "Y1": "1999///"}.get(tag, "Value")
    (item,), diagnostics = read(f"TY  - JOUR\n{tag}  - {value}\nER  - \n")
    assert diagnostics == []
    assert variable in item


def test_synonym_with_a_different_value_is_kept_in_custom_with_a_note() -> None:
    (item,), diagnostics = read("TY  - JOUR\nT2  - Nature\nJF  - Nature Physics\nER  - \n")
    assert item["container-title"] == "Nature"
    assert item["custom"] == {"ris": {"JF": ["Nature Physics"]}}
    assert diagnostics == [("ris.repeated-tag", 3, 7)]
    assert round_trip(item) == item


def test_jo_is_the_journal_or_else_its_abbreviation() -> None:
    (alone,), _ = read("TY  - JOUR\nJO  - Nature Reviews Genetics\nER  - \n")
    assert alone["container-title"] == "Nature Reviews Genetics"
    (both,), diagnostics = read("TY  - JOUR\nT2  - Nature\nJO  - Nat.\nER  - \n")
    assert both["container-title"] == "Nature"
    assert both["container-title-short"] == "Nat."
    assert "custom" not in both
    assert diagnostics == []
    (three,), diagnostics = read("TY  - JOUR\nT2  - Nature\nJ2  - Nat\nJO  - Nat.\nER  - \n")
    assert three["container-title-short"] == "Nat"
    assert three["custom"] == {"ris": {"JO": ["Nat."]}}
    assert diagnostics == [("ris.repeated-tag", 4, 7)]


def test_same_value_under_two_synonyms_is_one_value() -> None:
    (item,), diagnostics = read("TY  - JOUR\nTI  - X\nT1  - X\nER  - \n")
    assert item["title"] == "X"
    assert "custom" not in item
    assert diagnostics == []


# ----------------------------------------------------------------------------- types


def test_every_ris_type_reads_as_a_csl_type_and_every_csl_type_round_trips() -> None:
    for ris_type, csl_type in ris.TYPES:
        assert csl_type in ITEM_TYPES, ris_type
        (item,), diagnostics = read(f"TY  - {ris_type}\nER  - \n")
        assert item["type"] == csl_type
        assert diagnostics == []
    for csl_type in sorted(ITEM_TYPES):
        item = {"id": "k", "type": csl_type}
        assert round_trip(item) == item


def test_canonical_types_written_and_others_kept_exactly() -> None:
    text = ris.write([{"id": "a", "type": "paper-conference"}], WriteOptions()).text
    assert text.startswith("TY  - CPAPER\n")
    (item,), _ = read("TY  - CONF\nER  - \n")
    assert item["type"] == "paper-conference"
    assert item["custom"] == {"ris": {"TY": ["CONF"]}}
    assert ris.write([item], WriteOptions()).text.startswith("TY  - CONF\n")  # type: ignore[list-item]


def test_by_default_what_ris_cannot_hold_is_left_out_and_noted() -> None:
    item = {"id": "a", "type": "interview", "title": "T", "custom": {"x": 1}}
    written = ris.write([item], WriteOptions())  # type: ignore[list-item]
    assert written.text == "TY  - GEN\nID  - a\nTI  - T\nER  - \n"  # no N1 carriers
    assert [d.message for d in written.diagnostics] == [
        "a: RIS has no type for 'interview' (written as GEN); it is left out (--lossless keeps it "
        "as 'N1  - csl.type: …')",
        "a: RIS has no tag for custom field 'x'; it is left out (--lossless keeps it as "
        "'N1  - custom.x: …')",
    ]


def test_csl_type_without_ris_type_goes_to_a_free_note() -> None:
    written = ris.write([{"id": "a", "type": "interview"}], WriteOptions(lossless=True))
    assert "TY  - GEN\n" in written.text
    assert "N1  - csl.type: interview\n" in written.text
    assert [d.code for d in written.diagnostics] == ["ris.cannot-hold"]
    assert written.diagnostics[0].item_id == "a"


def test_unknown_type_is_a_warning_and_kept() -> None:
    (item,), diagnostics = read("TY  - WEIRD\nTI  - x\nER  - \n")
    assert item["type"] == "document"
    assert item["custom"] == {"ris": {"TY": ["WEIRD"]}}
    assert diagnostics == [("ris.unknown-type", 1, 7)]


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Smith, John", {"family": "Smith", "given": "John"}),
        ("Smith, John, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
        ("Smith,", {"family": "Smith"}),
        (", Plato", {"given": "Plato"}),
        ("World Health Organization", {"literal": "World Health Organization"}),
        ("others", OTHERS),
        ("et al.", OTHERS),
        ("  Smith ,  John  ", {"family": "Smith", "given": "John"}),
        ("", None),
    ],
)
def test_parse_name(text: str, name: dict[str, str] | None) -> None:
    assert ris.parse_name(text) == name


@pytest.mark.parametrize(
    "name",
    [
        {"family": "Smith", "given": "John"},
        {"family": "Smith", "given": "John", "suffix": "III"},
        {"family": "Smith"},
        {"given": "Plato"},
        {"literal": "ACME Corp"},
        OTHERS,
    ],
)
def test_format_name_reads_back(name: dict[str, str]) -> None:
    assert ris.parse_name(format_name(name)) == name  # type: ignore[arg-type]


def test_multi_valued_authors_and_others_round_trip() -> None:
    text = "TY  - JOUR\nAU  - A, One\nAU  - B, Two\nAU  - others\nER  - \n"
    (item,), _ = read(text)
    assert item["author"] == [
        {"family": "A", "given": "One"},
        {"family": "B", "given": "Two"},
        OTHERS,
    ]
    assert ris.write([item], WriteOptions()).text.endswith("AU  - others\nER  - \n")  # type: ignore[list-item]
    assert round_trip(item) == item


def test_name_particles_are_printed_and_kept_exactly_in_a_note() -> None:
    item = {
        "id": "a",
        "type": "book",
        "author": [{"family": "Berg", "non-dropping-particle": "van der", "given": "Anna"}],
    }
    written = ris.write([item], WriteOptions(lossless=True))  # type: ignore[list-item]
    assert "AU  - van der Berg, Anna\n" in written.text
    assert "N1  - csl.author: [" in written.text
    assert round_trip(item) == item


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020", {"date-parts": [[2020]]}),
        ("2020///", {"date-parts": [[2020]]}),
        ("2020/05//", {"date-parts": [[2020, 5]]}),
        ("2020/05/03/", {"date-parts": [[2020, 5, 3]]}),
        ("2020/05/03", {"date-parts": [[2020, 5, 3]]}),
        ("2020-05-03", {"date-parts": [[2020, 5, 3]]}),
        ("2020///Spring", {"date-parts": [[2020]], "season": "Spring"}),
    ],
)
def test_parse_date(text: str, date: dict[str, Any]) -> None:
    assert ris.parse_date(text) == (date, "")


@pytest.mark.parametrize("text", ["circa 1850", "2020/13//", "2020//05/", "20x0", "May 32"])
def test_bad_dates_are_kept_raw_with_a_warning(text: str) -> None:
    (item,), diagnostics = read(f"TY  - JOUR\nPY  - {text}\nER  - \n")
    assert item["issued"] == {"raw": text}
    assert diagnostics == [("ris.date", 2, 7)]


def test_date_other_part_that_is_no_season_is_reported() -> None:
    (item,), diagnostics = read("TY  - JOUR\nY2  - 2021/01/01/21:00:00\nER  - \n")
    assert item["accessed"] == {"date-parts": [[2021, 1, 1]]}
    assert diagnostics == [("ris.date-other", 2, 7)]


def test_py_and_da_merge_to_the_more_precise_date() -> None:
    (item,), diagnostics = read("TY  - JOUR\nPY  - 2020\nDA  - 2020/05/03/\nER  - \n")
    assert item["issued"] == {"date-parts": [[2020, 5, 3]]}
    assert diagnostics == []


def test_conflicting_dates_keep_the_first_and_the_other_in_custom() -> None:
    (item,), diagnostics = read("TY  - JOUR\nPY  - 2020\nDA  - 2019/05/03/\nER  - \n")
    assert item["issued"] == {"date-parts": [[2020]]}
    assert item["custom"] == {"ris": {"DA": ["2019/05/03/"]}}
    assert diagnostics == [("ris.repeated-tag", 3, 7)]


def test_date_range_is_written_as_its_start_and_kept_exactly() -> None:
    item = {"id": "a", "type": "book", "issued": {"date-parts": [[2020, 1], [2020, 3]]}}
    text = ris.write([item], WriteOptions(lossless=True)).text  # type: ignore[list-item]
    assert "PY  - 2020\nDA  - 2020/01//\n" in text
    assert round_trip(item) == item


# ----------------------------------------------------------------------------- odd input


def test_last_record_without_er_is_kept_with_a_warning() -> None:
    items, diagnostics = read("TY  - JOUR\nTI  - One\nER  - \n\nTY  - BOOK\nTI  - Two\n")
    assert [i["title"] for i in items] == ["One", "Two"]
    assert diagnostics == [("ris.missing-er", 5, 1)]


def test_ty_inside_an_open_record_starts_a_new_one() -> None:
    items, diagnostics = read("TY  - JOUR\nTI  - One\nTY  - BOOK\nTI  - Two\nER  - \n")
    assert [i["title"] for i in items] == ["One", "Two"]
    assert diagnostics == [("ris.missing-er", 3, 1)]


def test_text_before_the_first_ty_is_reported_once() -> None:
    items, diagnostics = read("Exported by X\n\nfor you\nTY  - JOUR\nTI  - t\nER  - \n")
    assert len(items) == 1
    assert diagnostics == [("ris.outside-record", 1, 1)]


def test_tags_between_records_are_reported() -> None:
    text = "TY  - JOUR\nER  - \nTI  - lost?\nTY  - BOOK\nER  - \nER  - \n"
    items, diagnostics = read(text)
    assert len(items) == 2
    assert diagnostics == [("ris.outside-record", 3, 1), ("ris.stray-er", 6, 1)]


def test_crlf_and_bom_are_handled() -> None:
    text = "\ufeffTY  - JOUR\r\nTI  - Title\r\nAU  - A, B\r\nER  - \r\n"
    (item,), diagnostics = read(text)
    assert item["title"] == "Title"
    assert item["author"] == [{"family": "A", "given": "B"}]
    assert diagnostics == []


@pytest.mark.parametrize(
    "line", ["AU - Smith, J", "AU -Smith, J", "AU- Smith, J", "AU\t-  Smith, J"]
)
def test_tag_lines_with_wrong_spacing_are_read_with_a_warning(line: str) -> None:
    (item,), diagnostics = read(f"TY  - JOUR\n{line}\nER  - \n")
    assert item["author"] == [{"family": "Smith", "given": "J"}]
    assert diagnostics == [("ris.tag-spacing", 2, 1)]


def test_er_without_trailing_space_is_fine() -> None:
    assert read("TY  - JOUR\nTI  - x\nER  -\n")[1] == []


def test_text_that_only_looks_like_a_tag_is_a_continuation() -> None:
    (item,), diagnostics = read("TY  - JOUR\nAB  - We ran\nAB-testing on users.\nER  - \n")
    assert item["abstract"] == "We ran\nAB-testing on users."
    assert diagnostics == []


def test_continuation_of_a_non_prose_tag_is_joined_with_a_warning() -> None:
    (item,), diagnostics = read("TY  - JOUR\nTI  - A long\n   title\nER  - \n")
    assert item["title"] == "A long title"
    assert diagnostics == [("ris.continuation", 3, 1)]


def test_prose_keeps_its_paragraphs() -> None:
    (item,), diagnostics = read("TY  - JOUR\nAB  - One.\n\nTwo.\nKW  - k\nER  - \n")
    assert item["abstract"] == "One.\n\nTwo."
    assert item["keyword"] == "k"
    assert diagnostics == []
    assert round_trip(item) == item


def test_unknown_tags_are_kept_in_custom_and_written_back() -> None:
    text = "TY  - JOUR\nTI  - t\nXY  - one\nXY  - two\nL1  - file.pdf\nER  - \n"
    (item,), diagnostics = read(text)
    assert item["custom"] == {"ris": {"XY": ["one", "two"], "L1": ["file.pdf"]}}
    assert diagnostics == [("ris.unknown-tag", 3, 7)]  # L1 is standard: no remark
    written = ris.write([item], WriteOptions()).text  # type: ignore[list-item]
    assert "XY  - one\nXY  - two\nL1  - file.pdf\n" in written
    assert round_trip(item) == item


def test_repeated_single_valued_tag_keeps_the_rest_in_custom() -> None:
    (item,), diagnostics = read("TY  - JOUR\nUR  - http://a\nUR  - http://b\nER  - \n")
    assert item["URL"] == "http://a"
    assert item["custom"] == {"ris": {"UR": ["http://b"]}}
    assert diagnostics == [("ris.repeated-tag", 3, 7)]
    assert round_trip(item) == item


def test_isbn_and_issn_share_sn_by_shape() -> None:
    (item,), _ = read("TY  - BOOK\nSN  - 978-3-16-148410-0\nSN  - 0028-0836\nER  - \n")
    assert item["ISBN"] == "978-3-16-148410-0"
    assert item["ISSN"] == "0028-0836"
    assert round_trip(item) == item


def test_missing_ids_are_generated_and_duplicates_kept_with_a_warning() -> None:
    text = (
        "TY  - JOUR\nAU  - Müller, K\nPY  - 2020\nTI  - The Big Test\nER  - \n"
        "TY  - JOUR\nID  - dup\nER  - \nTY  - JOUR\nID  - dup\nER  - \n"
    )
    items, diagnostics = read(text)
    assert [i["id"] for i in items] == ["muller2020big", "dup", "dup"]
    assert diagnostics == [("ris.duplicate-id", 9, 1)]


def test_no_record_at_all_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as caught:
        ris.read("just some text\n", ReadOptions(path="x.ris"))
    assert str(caught.value).endswith("[ris.no-records]")
    assert ris.read("", ReadOptions()).items == []


# ----------------------------------------------------------------------------- free notes


def test_variables_without_a_tag_use_n1_and_read_back() -> None:
    item = {
        "id": "a",
        "type": "thesis",
        "event-title": "Conf 2020",
        "status": "2020",  # looks like JSON: written quoted
        "composer": [{"family": "X"}],
        "custom": {"arxiv_category": "cs.CL", "count": 3},
    }
    written = ris.write([item], WriteOptions(lossless=True))  # type: ignore[list-item]
    assert "N1  - csl.event-title: Conf 2020\n" in written.text
    assert 'N1  - csl.status: "2020"\n' in written.text
    assert "N1  - custom.count: 3\n" in written.text
    assert {d.code for d in written.diagnostics} == {"ris.cannot-hold"}
    assert len(written.diagnostics) == 5  # three variables, two custom fields
    assert round_trip(item) == item


def test_a_note_that_looks_like_a_free_line_survives() -> None:
    item = {"id": "a", "type": "book", "note": "csl.title: not a title"}
    assert round_trip(item) == item


def test_prose_with_a_tag_like_line_survives() -> None:
    item = {"id": "a", "type": "book", "abstract": "Before\nER  - \nTY  - JOUR\nafter"}
    text = ris.write([item], WriteOptions(lossless=True)).text  # type: ignore[list-item]
    assert text.splitlines().count("ER  - ") == 1
    assert "\n ER  - \n TY  - JOUR\n" in text  # indented: read as text, not as tags
    assert round_trip(item) == item


def test_numbers_may_come_back_as_strings() -> None:
    item = {"id": "a", "type": "article-journal", "volume": 3, "page": "1–5"}
    back = round_trip(item)
    assert back["volume"] == "3"
    assert back["page"] == "1-5"  # a range reads back with a hyphen
    assert comparable(back) == comparable(item)


def test_write_is_deterministic_and_records_are_separated() -> None:
    items = [{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book"}]
    text = ris.write(items, WriteOptions()).text  # type: ignore[arg-type]
    assert text == ("TY  - BOOK\nID  - a\nTI  - A\nER  - \n\nTY  - BOOK\nID  - b\nER  - \n")
    assert ris.write(items, WriteOptions()).text == text  # type: ignore[arg-type]
    assert ris.write([], WriteOptions()).text == ""


def test_tag_map_rows_are_consistent() -> None:
    seen: set[tuple[str, str, frozenset[str]]] = set()
    for row in ris.TAG_MAP:
        assert len(row.tag) == 2
        assert row.tag.isupper()
        assert (row.tag, row.variable, row.only) not in seen
        seen.add((row.tag, row.variable, row.only))
        assert row.from_csl is None or row.variable  # a kept-in-custom row writes nothing
    writers = {row.variable for row in ris.TAG_MAP if row.from_csl is not None}
    assert writers == mapping.TAGGED_VARIABLES


# Two tags write one variable only as a pair: SP/EP a page range, PY/DA a date.
PAIRS = {"page": {"SP", "EP"}, "issued": {"PY", "DA"}}


@pytest.mark.parametrize("ris_type", sorted({t for t, _ in ris.TYPES} | {"UNKNOWN"}))
def test_each_variable_has_one_writing_tag_per_type(ris_type: str) -> None:
    tags: dict[str, set[str]] = {}
    for row in mapping.rows_for(ris_type):
        if row.from_csl is not None:
            tags.setdefault(row.variable, set()).add(row.tag)
    for variable, written in tags.items():
        assert len(written) == 1 or written == PAIRS.get(variable), (variable, written)


@pytest.mark.parametrize("ris_type", sorted({t for t, _ in ris.TYPES}))
def test_one_reading_per_tag_and_type_unless_it_cascades_or_splits_by_shape(
    ris_type: str,
) -> None:
    by_tag: dict[str, list[Any]] = {}
    for row in mapping.rows_for(ris_type):
        by_tag.setdefault(row.tag, []).append(row)
    shape_split = {"SN", "M3", "ET", "BT", "UR"}  # each value goes to one row by its shape
    for tag, rows in by_tag.items():
        if tag in shape_split:
            continue
        plain = [r for r in rows[:-1] if not r.cascade]
        assert plain == [], (tag, [r.variable for r in rows])


# ----------------------------------------------------------------------------- type-dependent


def test_t2_of_a_book_is_its_series() -> None:
    (book,), diagnostics = read("TY  - BOOK\nTI  - Volume One\nT2  - Lecture Notes\nER  - \n")
    assert book["collection-title"] == "Lecture Notes"
    assert "container-title" not in book
    assert diagnostics == []
    (chapter,), _ = read("TY  - CHAP\nTI  - Ch\nT2  - The Book\nT3  - The Series\nER  - \n")
    assert chapter["container-title"] == "The Book"
    assert chapter["collection-title"] == "The Series"


def test_a_book_with_a_container_title_still_round_trips() -> None:
    item = {"id": "a", "type": "book", "container-title": "Odd", "collection-title": "S"}
    text = ris.write([item], WriteOptions(lossless=True)).text  # type: ignore[list-item]
    assert "T2  - S\n" in text  # a book's series is its T2, as Zotero and EndNote write it
    assert "N1  - csl.container-title: Odd\n" in text
    assert round_trip(item) == item


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("978-3-16-148410-0", "ISBN"),
        ("0-201-03801-3 (v. 1)", "ISBN"),
        ("080442957X", "ISBN"),
        ("1234567890", "number"),  # ten digits, but no valid check digit
        ("SIDL-WP-1998-0090", "number"),
        ("1476-4687 (Online)", "ISSN"),
        ("0028-0836", "ISSN"),
        ("0028-0836, 1476-4687", "ISSN"),
        ("00359238", "ISSN"),
        ("TR-2020-01", "number"),
        ("MSR-TR-99", "number"),
    ],
)
def test_serial_kind(value: str, kind: str) -> None:
    assert serial_kind(value) == kind


def test_sn_report_number_reads_as_number() -> None:
    (item,), diagnostics = read("TY  - RPRT\nSN  - TR-2020-01\nER  - \n")
    assert item["number"] == "TR-2020-01"
    assert diagnostics == []
    assert round_trip(item) == item  # written back as SN, as Zotero and EndNote do


def test_m3_doi_reads_as_doi() -> None:
    (item,), _ = read("TY  - JOUR\nM3  - 10.1000/xyz123\nER  - \n")
    assert item["DOI"] == "10.1000/xyz123"
    assert "genre" not in item
    (thesis,), _ = read("TY  - THES\nM3  - PhD thesis\nER  - \n")
    assert thesis["genre"] == "PhD thesis"


@pytest.mark.parametrize(
    ("text", "parts"), [("2005/00/00/", [2005]), ("2005/03/00/", [2005, 3]), ("2005/00//", [2005])]
)
def test_zero_month_or_day_means_unknown(text: str, parts: list[int]) -> None:
    assert ris.parse_date(text) == ({"date-parts": [parts]}, "")


def test_ep_without_sp_is_kept_in_custom() -> None:
    (item,), diagnostics = read("TY  - JOUR\nEP  - 20\nER  - \n")
    assert "page" not in item
    assert item["custom"] == {"ris": {"EP": ["20"]}}
    assert diagnostics == [("ris.repeated-tag", 2, 7)]


# ----------------------------------------------------------------------------- date shapes


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("1999///", {"date-parts": [[1999]]}),
        ("1999//", {"date-parts": [[1999]]}),  # SpringerLink
        ("1999/12//", {"date-parts": [[1999, 12]]}),
        ("1990/2/27", {"date-parts": [[1990, 2, 27]]}),  # Reference Manager
        ("2004/05/13/Spring", {"date-parts": [[2004, 5, 13]], "season": "Spring"}),
        ("2004/05/13/", {"date-parts": [[2004, 5, 13]]}),
        ("2004-05-13", {"date-parts": [[2004, 5, 13]]}),
        ("2004-05", {"date-parts": [[2004, 5]]}),
        ("2004-5-3", {"date-parts": [[2004, 5, 3]]}),
        ("May 2004", {"date-parts": [[2004, 5]]}),
        ("May, 2004", {"date-parts": [[2004, 5]]}),
        ("Mar. 1972", {"date-parts": [[1972, 3]]}),
        ("13 May 2004", {"date-parts": [[2004, 5, 13]]}),
        ("May 13, 2004", {"date-parts": [[2004, 5, 13]]}),
        ("2004 May 13", {"date-parts": [[2004, 5, 13]]}),  # MEDLINE
        ("2004 May", {"date-parts": [[2004, 5]]}),
        ("September 2004", {"date-parts": [[2004, 9]]}),
        ("Sept. 2004", {"date-parts": [[2004, 9]]}),
        ("JAN 2019", {"date-parts": [[2019, 1]]}),
        ("Spring 2004", {"date-parts": [[2004]], "season": "Spring"}),
        ("2004 Fall", {"date-parts": [[2004]], "season": "Fall"}),
        ("2004 Jan-Feb", {"date-parts": [[2004, 1], [2004, 2]]}),
        ("15-18 July 2019", {"date-parts": [[2019, 7, 15], [2019, 7, 18]]}),  # IEEE Xplore
        ("July 15-18, 2019", {"date-parts": [[2019, 7, 15], [2019, 7, 18]]}),
        ("2003-2004", {"date-parts": [[2003], [2004]]}),
        ("1999///May 13", {"date-parts": [[1999, 5, 13]]}),
        ("2005/00/00/", {"date-parts": [[2005]]}),
        ("  2004/05//  ", {"date-parts": [[2004, 5]]}),
    ],
)
def test_every_date_shape(text: str, date: dict[str, Any]) -> None:
    assert ris.parse_date(text) == (date, "")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("May 13", "has no year"),
        ("JAN", "has no year"),
        ("circa 1850", "expected a date"),
        ("2004/13/01", "expected a date"),
        ("May 32 2004", "expected a date"),
        ("12 2004", "expected a date"),
    ],
)
def test_dates_that_are_not_whole_dates(text: str, problem: str) -> None:
    date, found = ris.parse_date(text)
    assert date == {"raw": text.strip()}
    assert problem in found


@pytest.mark.parametrize("text", ["2021/01/01/21:00:00", "2021-01-01T21:00:00Z"])
def test_a_time_after_the_date_is_reported_not_kept(text: str) -> None:
    date, problem = ris.parse_date(text)
    assert date == {"date-parts": [[2021, 1, 1]]}
    assert "has no CSL home" in problem


@pytest.mark.parametrize(
    ("tags", "issued"),
    [
        ("PY  - 2004\nDA  - May 13\n", [[2004, 5, 13]]),  # EndNote: month and day in DA
        ("PY  - 2019\nDA  - JAN\n", [[2019, 1]]),  # Web of Science
        ("Y1  - 2004\nDA  - May\n", [[2004, 5]]),
        ("DA  - May 13\nPY  - 2004\n", [[2004, 5, 13]]),  # input order does not matter
        ("PY  - 2019\nY1  - 15-18 July 2019\n", [[2019, 7, 15], [2019, 7, 18]]),
        ("PY  - 2004\nDA  - 2004 May 13\n", [[2004, 5, 13]]),
    ],
)
def test_partial_dates_and_ranges_merge_with_the_year(tags: str, issued: list[Any]) -> None:
    (item,), diagnostics = read(f"TY  - JOUR\n{tags}ER  - \n")
    assert item["issued"] == {"date-parts": issued}
    assert diagnostics == []


def test_a_date_without_a_year_and_no_year_elsewhere_is_raw() -> None:
    (item,), diagnostics = read("TY  - JOUR\nDA  - May 13\nER  - \n")
    assert item["issued"] == {"raw": "May 13"}
    assert diagnostics == [("ris.date", 2, 7)]


def test_endnote_web_page_access_date_from_vl_and_m1() -> None:
    (item,), diagnostics = read("TY  - ELEC\nVL  - 2021\nM1  - March 3\nER  - \n")
    assert item["accessed"] == {"date-parts": [[2021, 3, 3]]}
    assert "volume" not in item
    assert diagnostics == []
    (zotero,), _ = read("TY  - ELEC\nY2  - 2021/03/03/10:00:00\nER  - \n")
    assert zotero["accessed"] == {"date-parts": [[2021, 3, 3]]}


def test_endnote_epub_date_in_et_of_an_article() -> None:
    (item,), diagnostics = read("TY  - JOUR\nPY  - 2020\nET  - 2019/12/01\nER  - \n")
    assert item["available-date"] == {"date-parts": [[2019, 12, 1]]}
    assert "edition" not in item
    assert diagnostics == []
    assert round_trip(item) == item
    (book,), _ = read("TY  - BOOK\nET  - 2019/12/01\nER  - \n")
    assert book["edition"] == "2019/12/01"  # a book's ET is its edition, whatever it says
    (other,), _ = read("TY  - JOUR\nET  - 2nd ed.\nER  - \n")
    assert other["edition"] == "2nd ed."


# ----------------------------------------------------------------------------- per-type rules


def creators(ty: str, tags: str) -> dict[str, Any]:
    (item,), diagnostics = read(f"TY  - {ty}\n{tags}ER  - \n")
    assert diagnostics == []
    kept = item.get("custom", {}).get("ris", {})
    kept.pop("TY", None)  # a RIS type other than the one bibconv writes: not the point here
    if not kept:
        item.pop("custom", None)
    return {k: v for k, v in item.items() if k not in ("id", "type")}


@pytest.mark.parametrize(
    ("ty", "a2", "a3"),
    [
        ("JOUR", "editor", "collection-editor"),
        ("CHAP", "editor", "collection-editor"),
        ("CONF", "editor", "collection-editor"),
        ("EBOOK", "editor", "collection-editor"),  # the 2011 specification's EBOOK
        ("BOOK", "collection-editor", "editor"),  # Zotero's and EndNote's book
        ("CLSWK", "collection-editor", "editor"),
        ("RPRT", "collection-editor", None),  # A3 is the report's publisher: kept aside
        ("PCOMM", "recipient", "collection-editor"),
        ("THES", "editor", "contributor"),  # A3 is the advisor
        ("MPCT", None, "producer"),
    ],
)
def test_a2_and_a3_by_type(ty: str, a2: str | None, a3: str | None) -> None:
    item = creators(ty, "A2  - Second, Sam\nA3  - Third, Tim\n")
    if a2:
        assert item[a2] == [{"family": "Second", "given": "Sam"}]
    if a3:
        assert item[a3] == [{"family": "Third", "given": "Tim"}]
    kept = {tag for tag, role in (("A2", a2), ("A3", a3)) if role is None}
    assert set(item.get("custom", {}).get("ris", {})) == kept
    assert round_trip({"id": "k", "type": RIS_TO_CSL_TYPE[ty], **item})  # no warnings


def test_a_zotero_book_comes_back_with_its_editor_and_series_editor() -> None:
    item = {
        "id": "k",
        "type": "book",
        "editor": [{"family": "Volume", "given": "Vera"}],
        "collection-editor": [{"family": "Series", "given": "Sam"}],
        "collection-title": "Lecture Notes",
    }
    text = ris.write([item], WriteOptions()).text  # type: ignore[list-item]
    assert "A2  - Series, Sam\nA3  - Volume, Vera\n" in text
    assert round_trip(item) == item


@pytest.mark.parametrize(
    ("ty", "variable"),
    [("JOUR", "author"), ("MPCT", "director"), ("VIDEO", "director"), ("SOUND", "composer"),
     ("EDBOOK", "editor"), ("PAT", "author")],
)  # fmt: skip
def test_au_and_a1_by_type(ty: str, variable: str) -> None:
    assert creators(ty, "AU  - One, Ann\n")[variable] == [{"family": "One", "given": "Ann"}]
    assert creators(ty, "A1  - One, Ann\n")[variable] == [{"family": "One", "given": "Ann"}]


@pytest.mark.parametrize(
    ("ty", "tags", "expected"),
    [
        ("CHAP", "TI  - Ch\nBT  - The Book\n", {"title": "Ch", "container-title": "The Book"}),
        ("BOOK", "BT  - The Book\n", {"title": "The Book"}),
        ("UNPB", "CT  - Draft\n", {"title": "Draft"}),
        ("JOUR", "T1  - T\nJF  - Journal\nJA  - J.\n", {"title": "T", "container-title":
                                                       "Journal", "container-title-short": "J."}),
        ("JOUR", "TI  - T\nJ1  - J. One\n", {"title": "T", "container-title-short": "J. One"}),
        ("RPRT", "T2  - Working Papers\n", {"collection-title": "Working Papers"}),
        ("CONF", "T2  - Proc. X\n", {"container-title": "Proc. X"}),
        ("CONF", "T2  - X 2019\nC3  - Proc. X\n", {"container-title": "Proc. X",
                                                   "event-title": "X 2019"}),
        ("CONF", "CY  - Cham\n", {"publisher-place": "Cham"}),
        ("CONF", "C1  - New York\nCY  - Vienna\n", {"publisher-place": "New York",
                                                    "event-place": "Vienna"}),
        ("HEAR", "T2  - Committee on X\nT3  - Senate\n", {"section": "Committee on X",
                                                         "authority": "Senate"}),
    ],
)  # fmt: skip
def test_titles_and_places_by_type(ty: str, tags: str, expected: dict[str, Any]) -> None:
    assert creators(ty, tags) == expected


@pytest.mark.parametrize(
    ("ty", "tags", "expected"),
    [
        ("JOUR", "M1  - 4\n", {"issue": "4"}),  # EndNote's issue
        ("JOUR", "IS  - 3\nC7  - e1234\n", {"issue": "3", "number": "e1234"}),
        ("JOUR", "C2  - PMC123456\n", {"PMCID": "PMC123456"}),
        ("BOOK", "M1  - 12\nSP  - 350\n", {"collection-number": "12", "number-of-pages": "350"}),
        ("THES", "SP  - 210\nM3  - PhD thesis\n", {"number-of-pages": "210",
                                                   "genre": "PhD thesis"}),
        ("CHAP", "M1  - 3\nSV  - 12\nSE  - 4\n", {"number-of-volumes": "3",
                                                  "collection-number": "12",
                                                  "chapter-number": "4"}),
        ("CHAP", "C2  - Book, Author\n", {"container-author": [{"family": "Book",
                                                                "given": "Author"}]}),
        ("RPRT", "M1  - TR-1\nNV  - 7\n", {"number": "TR-1", "collection-number": "7"}),
        ("PAT", "SN  - US 4,904,581\nC1  - 1986/6/23\nA2  - EPO\n", {
            "number": "US 4,904,581", "submitted": {"date-parts": [[1986, 6, 23]]},
            "authority": "EPO"}),
        ("MAP", "C1  - 1:50000\n", {"scale": "1:50000"}),
        ("MPCT", "SP  - 120 min\nC4  - Drama\nM3  - DVD\n", {
            "dimensions": "120 min", "genre": "Drama", "medium": "DVD"}),
        ("CASE", "A2  - U.S. Reports\nPB  - Supreme Court\nSV  - 19-123\n", {
            "container-title": "U.S. Reports", "authority": "Supreme Court",
            "number": "19-123"}),
        ("COMP", "ET  - 2.1\n", {"version": "2.1"}),
        ("CTLG", "H1  - Library A\nH2  - QA76\n", {"source": "Library A",
                                                   "call-number": "QA76"}),
    ],
)  # fmt: skip
def test_numbers_and_custom_tags_by_type(ty: str, tags: str, expected: dict[str, Any]) -> None:
    item = creators(ty, tags)
    assert item == expected
    full = {"id": "k", "type": RIS_TO_CSL_TYPE[ty], **item}
    if CSL_TO_RIS_TYPE[full["type"]] == ty:  # the type bibconv writes: same tags back
        assert round_trip(full) == full


def test_c_tags_without_a_meaning_in_the_type_are_kept_silently() -> None:
    (item,), diagnostics = read("TY  - JOUR\nC1  - Legal note\nC6  - NIHMS123\nER  - \n")
    assert item["custom"] == {"ris": {"C1": ["Legal note"], "C6": ["NIHMS123"]}}
    assert diagnostics == []
    assert round_trip(item) == item


def test_a_pmcid_tag_that_holds_no_pmcid_is_kept_aside() -> None:
    (item,), diagnostics = read("TY  - JOUR\nC2  - something else\nER  - \n")
    assert "PMCID" not in item
    assert item["custom"] == {"ris": {"C2": ["something else"]}}
    assert diagnostics == [("ris.repeated-tag", 2, 7)]


# ----------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("lines", "keyword"),
    [
        ("KW  - one\nKW  - two\n", "one, two"),
        ("KW  - one; two;three\n", "one, two, three"),
        ("KW  - one\ntwo\nthree\n", "one, two, three"),  # continuation lines are items
        ("KW  - one;\nKW  - ;two\n", "one, two"),
        ("KW  - Keyword1, Keyword2\nKeyword4; Keyword5\n", "Keyword1, Keyword2, Keyword4, "
                                                           "Keyword5"),
    ],
)  # fmt: skip
def test_keyword_lists(lines: str, keyword: str) -> None:
    (item,), diagnostics = read(f"TY  - JOUR\n{lines}ER  - \n")
    assert item["keyword"] == keyword
    assert diagnostics == []


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("http://a.org/x", ["http://a.org/x"]),
        ("http://a.org/x; http://b.org/y", ["http://a.org/x", "http://b.org/y"]),
        ("http://a.org/x http://b.org/y", ["http://a.org/x", "http://b.org/y"]),
        ("http://a.org/x\nhttp://b.org/y", ["http://a.org/x", "http://b.org/y"]),
        ("internal-pdf://My Paper.pdf", ["internal-pdf://My Paper.pdf"]),
        ("C:\\Papers\\A Paper.pdf", ["C:\\Papers\\A Paper.pdf"]),
    ],
)
def test_split_links(text: str, links: list[str]) -> None:
    assert split_links(text) == links


def test_several_urls_in_one_tag() -> None:
    (item,), diagnostics = read(
        "TY  - JOUR\nUR  - http://a.org/x; http://b.org/y\nL1  - a.pdf\nb.pdf\nER  - \n"
    )
    assert item["URL"] == "http://a.org/x"
    assert item["custom"] == {"ris": {"UR": ["http://b.org/y"], "L1": ["a.pdf", "b.pdf"]}}
    assert diagnostics == [("ris.repeated-tag", 2, 7)]
    assert round_trip(item) == item


def test_l2_is_the_url_when_there_is_no_ur() -> None:
    (item,), diagnostics = read("TY  - JOUR\nL2  - http://full.text/x\nER  - \n")
    assert item["URL"] == "http://full.text/x"
    (both,), diagnostics = read("TY  - JOUR\nUR  - http://a\nL2  - http://b\nER  - \n")
    assert both["URL"] == "http://a"
    assert both["custom"] == {"ris": {"L2": ["http://b"]}}
    assert diagnostics == []


@pytest.mark.parametrize(
    ("note", "text"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"),
        ("Line<br/>break", "Line\nbreak"),
        ('<div data-schema-version="8"><p>A <em>word</em> and <b>bold</b></p></div>',
         "A <i>word</i> and <b>bold</b>"),
        ('<p>H<sub>2</sub>O <span style="color: red">red</span></p>', "H<sub>2</sub>O red"),
        ('<p><span class="nocase">iPhone</span> app</p>', '<span class="nocase">iPhone</span> app'),
        ('<p><a href="http://x">link</a></p>', "link"),
        ("plain text, a < b and c > d", "plain text, a < b and c > d"),
        ("no html", "no html"),
    ],
)  # fmt: skip
def test_html_notes_become_csl_text(note: str, text: str) -> None:
    assert html_to_text(note) == text
    (item,), _ = read(f"TY  - JOUR\nN1  - {note}\nER  - \n")
    assert item["note"] == text


def test_entities_in_titles_are_decoded() -> None:
    (item,), _ = read("TY  - JOUR\nTI  - Caf&eacute; &amp; Bar\nT2  - A &#38; B\nER  - \n")
    assert item["title"] == "Café & Bar"
    assert item["container-title"] == "A & B"
    literal = {"id": "a", "type": "book", "title": "AT&amp;T"}
    assert round_trip(literal) == literal  # a title that says '&amp;' keeps it


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("10.1000/x", "10.1000/x"),
        ("https://doi.org/10.1016/j.x.2020.1", "10.1016/j.x.2020.1"),
        ("http://dx.doi.org/10.1111/j.1755", "10.1111/j.1755"),
        ("doi: 10.1080/0001", "10.1080/0001"),
        ("DOI:10.1080/0001", "10.1080/0001"),
        ("not a doi", "not a doi"),
    ],
)
def test_clean_doi(text: str, doi: str) -> None:
    assert ris.clean_doi(text) == doi


def test_doi_in_m3_and_do_agree_once_cleaned() -> None:
    (item,), diagnostics = read(
        "TY  - JOUR\nM3  - doi: 10.1080/0001\nDO  - https://doi.org/10.1080/0001\nER  - \n"
    )
    assert item["DOI"] == "10.1080/0001"
    assert diagnostics == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A. Smith", {"family": "Smith", "given": "A."}),
        ("J. R. R. Tolkien", {"family": "Tolkien", "given": "J. R. R."}),
        ("J.-P. Sartre", {"family": "Sartre", "given": "J.-P."}),
        ("A. van der Berg", {"family": "van der Berg", "given": "A."}),
        ("J.R. Smith", {"literal": "J.R. Smith"}),  # not spelled as IEEE spells it
        ("Smith JA", {"family": "Smith", "given": "J. A."}),
        ("van der Berg A", {"family": "van der Berg", "given": "A."}),
        ("U.S. Department of Energy", {"literal": "U.S. Department of Energy"}),
        ("U. S. Department of Energy", {"literal": "U. S. Department of Energy"}),
        ("IBM AG", {"literal": "IBM AG"}),
        ("NASA", {"literal": "NASA"}),
    ],
)
def test_names_without_a_comma(text: str, name: dict[str, str]) -> None:
    assert ris.parse_name(text) == name


def test_several_names_in_one_tag() -> None:
    (item,), diagnostics = read("TY  - JOUR\nAU  - Smith, J.; Doe, K.\nER  - \n")
    assert item["author"] == [{"family": "Smith", "given": "J."}, {"family": "Doe", "given": "K."}]
    assert diagnostics == []


@pytest.mark.parametrize(
    ("sp", "ep", "page"),
    [("12-20", None, "12-20"), ("12-20", "20", "12-20"), ("12", "20", "12-20"),
     ("12–20", "20", "12–20"), ("e1234", None, "e1234")],
)  # fmt: skip
def test_sp_may_hold_the_whole_range(sp: str, ep: str | None, page: str) -> None:
    end = f"EP  - {ep}\n" if ep else ""
    (item,), diagnostics = read(f"TY  - JOUR\nSP  - {sp}\n{end}ER  - \n")
    assert item["page"] == page
    assert "custom" not in item
    assert diagnostics == []


def test_a_different_ep_after_a_whole_range_is_kept_aside() -> None:
    (item,), diagnostics = read("TY  - JOUR\nSP  - 12-20\nEP  - 25\nER  - \n")
    assert item["page"] == "12-20"
    assert item["custom"] == {"ris": {"EP": ["25"]}}
    assert diagnostics == [("ris.repeated-tag", 3, 7)]


def test_empty_tags_are_dropped() -> None:
    (item,), diagnostics = read("TY  - CPAPER\nTI  - T\nIS  - \nVL  - \nSN  - \nER  - \n")
    assert item == {"id": item["id"], "type": "paper-conference", "title": "T"}
    assert diagnostics == []


def test_line_separator_characters_are_spaces() -> None:
    (item,), _ = read("TY  - JOUR\nTI  - A long\u2028title\nER  - \n")
    assert item["title"] == "A long title"


def test_procite_notes_with_a_known_label_are_their_tag() -> None:
    text = (
        "TY  - BOOK\nN1  - Record ID: 190\nA1  - Author, An\nT1  - Title\n"
        "N1  - Notes: A real note\nN1  - Call Number: QA76\nN1  - Something: else\nER  - \n"
    )
    (item,), diagnostics = read(text)
    assert item["id"] == "190"
    assert item["call-number"] == "QA76"
    assert item["note"] == "A real note\nSomething: else"
    assert diagnostics == []


def test_jstor_full_publication_date_note() -> None:
    text = "TY  - JOUR\nC1  - Full publication date: Mar., 1972\nPY  - 1972\nER  - \n"
    (item,), diagnostics = read(text)
    assert item["issued"] == {"date-parts": [[1972, 3]]}
    assert "custom" not in item
    assert diagnostics == []
    (other,), diagnostics = read("TY  - JOUR\nC1  - A legal note\nPY  - 1972\nER  - \n")
    assert other["custom"] == {"ris": {"C1": ["A legal note"]}}
    assert diagnostics == []


def test_a_synonym_tag_repeating_the_names_adds_nothing() -> None:
    text = "TY  - CONF\nAU  - A, One\nAU  - B, Two\nA1  - A, One\nA1  - B, Two\nER  - \n"
    (item,), _ = read(text)
    assert item["author"] == [{"family": "A", "given": "One"}, {"family": "B", "given": "Two"}]
    (more,), _ = read("TY  - JOUR\nAU  - A, One\nA1  - C, Three\nER  - \n")
    assert more["author"] == [{"family": "A", "given": "One"}, {"family": "C", "given": "Three"}]


def test_jstor_given_name_first_with_a_middle_initial() -> None:
    assert ris.parse_name("Claude E. Shannon") == {"family": "Shannon", "given": "Claude E."}
    dyke = {"family": "van Dyke", "given": "Jean-Paul K."}
    assert ris.parse_name("Jean-Paul K. van Dyke") == dyke
    assert ris.parse_name("Claude Shannon") == {"literal": "Claude Shannon"}  # no way to tell


def test_reference_manager_pubmed_link_is_the_pmid() -> None:
    (item,), diagnostics = read("TY  - JOUR\nUR  - PM:8751635\nUR  - http://x.org\nER  - \n")
    assert item["PMID"] == "8751635"
    assert item["URL"] == "http://x.org"
    assert diagnostics == []


@pytest.mark.parametrize(
    ("text", "abstract"),
    [("Abstract We show.", "We show."), ("ABSTRACT: We show.", "We show."),
     ("Abstracts are short.", "Abstracts are short."), ("Abstract", "Abstract")],
)  # fmt: skip
def test_an_abstract_label_is_dropped(text: str, abstract: str) -> None:
    (item,), _ = read(f"TY  - JOUR\nAB  - {text}\nER  - \n")
    assert item["abstract"] == abstract


def test_a_short_title_equal_to_the_title_is_dropped() -> None:
    (item,), _ = read("TY  - CONF\nT2  - Conf X\nJA  - Conf X\nER  - \n")
    assert "container-title-short" not in item


def test_reference_manager_patent_number_in_is() -> None:
    (item,), diagnostics = read("TY  - PAT\nIS  - 4,904,581\nER  - \n")
    assert item["number"] == "4,904,581"
    assert "issue" not in item
    assert diagnostics == []
    assert round_trip(item) == item  # written as SN, the specification's patent number


@pytest.mark.parametrize("ty", ["EJOUR", "EBOOK", "DBASE", "CASE"])
def test_da_is_the_access_date_where_the_specification_says_so(ty: str) -> None:
    (item,), diagnostics = read(f"TY  - {ty}\nPY  - 2020\nDA  - 2024/01/15/\nER  - \n")
    assert item["issued"] == {"date-parts": [[2020]]}
    assert item["accessed"] == {"date-parts": [[2024, 1, 15]]}
    assert diagnostics == []
    (journal,), _ = read("TY  - JOUR\nPY  - 2020\nDA  - 2020/01/15/\nER  - \n")
    assert journal["issued"] == {"date-parts": [[2020, 1, 15]]}


@pytest.mark.parametrize(
    ("sp", "page"),
    [("pp. 12-20", "12-20"), ("p. 7", "7"), ("Pages 3-9", "3-9"), ("pp. xii-xv", "xii-xv"),
     ("p. S12", "S12"), ("page-turner", "page-turner"), ("12 pp.", "12 pp.")],
)  # fmt: skip
def test_a_page_label_before_the_pages_is_dropped(sp: str, page: str) -> None:
    (item,), _ = read(f"TY  - JOUR\nSP  - {sp}\nER  - \n")
    assert item["page"] == page


def test_wrong_spacing_on_every_line_is_one_warning() -> None:
    text = "TY - JOUR\nAU - Smith, J\nTI - T\nER - \nTY - BOOK\nTI - B\nER - \n"
    items, diagnostics = read(text)
    assert [i["type"] for i in items] == ["article-journal", "book"]
    assert diagnostics == [("ris.tag-spacing", 1, 1)]
    message = ris.read(text, ReadOptions()).diagnostics[0].message
    assert message.endswith("; 6 more tag lines like it")


# ------------------------------------------------------------------- the writer's guarantee
# What the writer promises about every record (derived by ``formats/ris/readback.py``, and
# proved for any item by tests/formats/ris/test_readback.py): its reader never warns about
# it, and every value its tags do not give
# back exactly gets a ``ris.cannot-hold`` note and, when lossless, an ``N1 csl.*`` line.
# One case per kind of value that needs it; tests/test_roundtrip.py runs the goldens and
# small.bib through both modes.


def written(item: dict[str, Any], *, lossless: bool) -> tuple[str, list[str]]:
    out = ris.write([item], WriteOptions(lossless=lossless))  # type: ignore[list-item]
    return out.text, [d.message for d in out.diagnostics]


def read_quietly(text: str) -> dict[str, Any]:
    """The one item of ``text``, asserting the reader has nothing to warn about."""
    items, where = read(text)
    assert [code for code, _, _ in where if code not in ("ris.date-other",)] == []
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("item", "left_out"),
    [
        # a name that reads as no name: the reader would warn 'ris.empty-name'
        ({"author": [{"family": ","}, {"family": "Smith", "given": "J"}]}, "AU  - ,\n"),
        # a month 13 would read as an unreadable date ('ris.date'); the year still goes
        ({"issued": {"date-parts": [[2020, 13]]}}, "DA  - 2020/13"),
    ],
    ids=["empty-name", "month-13"],
)
def test_a_line_the_reader_would_warn_about_is_left_out_and_carried(
    item: dict[str, Any], left_out: str
) -> None:
    item = {"id": "a", "type": "book", **item}
    (variable,) = set(item) - {"id", "type"}
    for lossless in (False, True):
        text, notes = written(item, lossless=lossless)
        assert left_out not in text
        read_quietly(text)
        assert notes == [
            f"a: RIS cannot hold '{variable}' exactly; "
            + (
                f"kept as 'N1  - csl.{variable}: …', which only bibconv reads back"
                if lossless
                else "its exact value is left out"
                f" (--lossless keeps it as 'N1  - csl.{variable}: …')"
            )
        ]
    assert round_trip(item) == item


@pytest.mark.parametrize(
    ("item", "line", "comes_back"),
    [
        (  # a suffix inside the family name reads back as a suffix
            {"author": [{"family": "Dees, Jr.", "given": "William A."}]},
            "AU  - Dees, Jr., William A.\n",
            {"author": [{"family": "Dees", "given": "William A.", "suffix": "Jr."}]},
        ),
        (  # a literal with a comma reads back as a person
            {"author": [{"literal": "GNU Project, Free Software Foundation"}]},
            "AU  - GNU Project, Free Software Foundation\n",
            {"author": [{"family": "GNU Project", "given": "Free Software Foundation"}]},
        ),
        (  # ';' separates keywords on reading
            {"keyword": "direct search; pattern search"},
            "KW  - direct search; pattern search\n",
            {"keyword": "direct search, pattern search"},
        ),
        (  # a date range is written as its start
            {"issued": {"date-parts": [[1994, 1], [1994, 2]]}},
            "DA  - 1994/01//\n",
            {"issued": {"date-parts": [[1994, 1]]}},
        ),
        (  # character references outside prose are decoded on reading (as Zotero does)
            {"title": "Caf&eacute;"},
            "TI  - Caf&eacute;\n",
            {"title": "Café"},
        ),
    ],
    ids=["suffix-in-family", "literal-with-comma", "keyword-semicolon", "date-range", "entity"],
)
def test_a_value_its_tag_does_not_give_back_is_noted_and_carried(
    item: dict[str, Any], line: str, comes_back: dict[str, Any]
) -> None:
    item = {"id": "a", "type": "article-journal", **item}
    (variable,) = set(item) - {"id", "type"}
    text, notes = written(item, lossless=False)
    assert line in text
    assert read_quietly(text) == {"id": "a", "type": "article-journal", **comes_back}
    assert notes == [
        f"a: RIS cannot hold '{variable}' exactly; its exact value is left out"
        f" (--lossless keeps it as 'N1  - csl.{variable}: …')"
    ]
    assert f"N1  - csl.{variable}: " in written(item, lossless=True)[0]
    assert round_trip(item) == item


def test_a_kept_ris_tag_that_reads_as_a_variable_is_undone_by_a_null_line() -> None:
    item = {"id": "a", "type": "book", "custom": {"ris": {"VL": ["7"]}}}
    text, _ = written(item, lossless=False)
    assert read_quietly(text)["volume"] == "7"  # the kept VL line is a volume to readers
    text, notes = written(item, lossless=True)
    assert "N1  - csl.volume: null\n" in text
    assert '\nN1  - custom.ris: {"VL": ["7"]}\n' in text
    assert len(notes) == 2
    assert round_trip(item) == item


def test_custom_keys_a_free_line_cannot_name_go_in_one_line() -> None:
    item = {"id": "a", "type": "book", "custom": {"a key": 1, "plain": 2}}
    text, notes = written(item, lossless=True)
    assert 'N1  - csl.custom: {"a key": 1, "plain": 2}\n' in text
    assert "custom.plain" not in text
    assert notes == [
        "a: RIS has no tag for 'custom'; kept as 'N1  - csl.custom: …', "
        "which only bibconv reads back"
    ]
    assert round_trip(item) == item


def test_a_value_that_comes_back_exactly_gets_no_note() -> None:
    item = {
        "id": "a",
        "type": "article-journal",
        "title": "A title",
        "author": [{"family": "Smith", "given": "John"}],
        "issued": {"date-parts": [[2020, 5, 17]]},
        "keyword": "one, two",
        "page": "1-5",
    }
    text, notes = written(item, lossless=True)
    assert notes == []
    assert "N1  - " not in text
    assert read_quietly(text) == item
