"""The typed model: CslItem holds every CSL-JSON 1.0.2 variable, with the schema's types."""

from __future__ import annotations

from typing import Any, get_type_hints

import pytest

from bibconv.model import (
    DATE_VARIABLES,
    NAME_VARIABLES,
    CslDate,
    CslItem,
    CslName,
    current_names,
    single_date_parts,
)

# Copied by hand from the CSL-JSON 1.0.2 schema (citation-style-language/schema,
# schemas/input/csl-data.json, "$id" .../schema/v1.0/input/json/csl-data.json): its
# item "properties", in the schema's order.
SCHEMA_1_0_2 = [
    "type",
    "id",
    "citation-key",
    "categories",
    "language",
    "journalAbbreviation",
    "shortTitle",
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "executive-producer",
    "guest",
    "host",
    "interviewer",
    "illustrator",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "chapter-number",
    "citation-number",
    "citation-label",
    "collection-number",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "edition",
    "event",
    "event-title",
    "event-place",
    "first-reference-note-number",
    "genre",
    "ISBN",
    "ISSN",
    "issue",
    "jurisdiction",
    "keyword",
    "locator",
    "medium",
    "note",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "page",
    "page-first",
    "part",
    "part-title",
    "PMCID",
    "PMID",
    "printing",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "supplement",
    "title",
    "title-short",
    "URL",
    "version",
    "volume",
    "volume-title",
    "volume-title-short",
    "year-suffix",
    "custom",
]
#: The schema's "string or number" variables.
NUMBERS = [
    "chapter-number",
    "citation-number",
    "collection-number",
    "edition",
    "first-reference-note-number",
    "issue",
    "locator",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "page",
    "page-first",
    "part",
    "printing",
    "supplement",
    "volume",
]


def test_csl_item_lists_every_schema_variable_in_order() -> None:
    assert list(get_type_hints(CslItem)) == SCHEMA_1_0_2
    assert CslItem.__required_keys__ == frozenset({"id", "type"})


def test_variable_kinds_agree_with_the_typed_dict() -> None:
    hints = get_type_hints(CslItem)
    assert sorted(k for k, v in hints.items() if v == list[CslName]) == sorted(NAME_VARIABLES)
    assert sorted(k for k, v in hints.items() if v is CslDate) == sorted(DATE_VARIABLES)
    assert [k for k, v in hints.items() if v == str | int] == NUMBERS


def test_name_parts_include_the_schema_flags() -> None:
    assert set(get_type_hints(CslName)) == {
        "family",
        "given",
        "literal",
        "non-dropping-particle",
        "dropping-particle",
        "suffix",
        "comma-suffix",
        "static-ordering",
        "parse-names",
    }


@pytest.mark.parametrize(
    ("date", "plain", "with_season"),
    [
        ({"date-parts": [[2020, 5, 3]]}, [2020, 5, 3], [2020, 5, 3]),
        ({"date-parts": [[2020]], "season": "Spring"}, None, [2020]),
        ({"date-parts": [[2019, 7, 15], [2019, 7, 18]]}, None, None),  # a range
        ({"date-parts": [[2020]], "literal": "2020?"}, None, None),
        ({"date-parts": [["2020"]]}, None, None),  # not numbers
        ({"date-parts": [[]]}, None, None),
        ({"raw": "2020"}, None, None),
        ("2020", None, None),
    ],
)
def test_single_date_parts_of_plain_dates_with_and_without_a_season(
    date: Any, plain: list[int] | None, with_season: list[int] | None
) -> None:
    assert single_date_parts(date) == plain
    assert single_date_parts(date, season=True) == with_season


def test_current_names_renames_deprecated_spellings_unless_both_are_there() -> None:
    item = CslItem(id="a", type="book", journalAbbreviation="J", shortTitle="S")
    assert current_names(item) == {
        "id": "a", "type": "book", "container-title-short": "J", "title-short": "S"
    }  # fmt: skip
    both: CslItem = {"id": "a", "type": "book", "journalAbbreviation": "J"}
    both["container-title-short"] = "K"
    assert current_names(both) == both
