"""CSL-YAML reader and writer: pandoc's and Better BibTeX's shapes, dates, safety."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv import registry
from bibconv.diagnostics import ParseError
from bibconv.formats import cslyaml
from bibconv.losses import comparable
from bibconv.protocols import ReadOptions, WriteOptions
from tests.test_roundtrip import golden_json


def read(text: str) -> list[Any]:
    return [dict(i) for i in cslyaml.read(text, ReadOptions(path="in.yaml")).items]


def write(items: list[Any]) -> str:
    return cslyaml.write(items, WriteOptions()).text


def test_a_bare_list_and_a_references_mapping_read_alike() -> None:
    bare = read("- id: a\n  type: book\n")
    assert bare == read("references:\n- id: a\n  type: book\n")
    assert bare == [{"id": "a", "type": "book"}]


def test_yaml_1_1_words_numbers_and_dates_stay_text() -> None:
    (item,) = read(
        "- id: 2020\n  type: book\n  title: No\n  page: 1:20\n  volume: 012\n"
        "  note: yes\n  ISBN: 0x12\n"
    )
    assert item == {
        "id": "2020",
        "type": "book",
        "title": "No",
        "page": "1:20",
        "volume": "012",
        "note": "yes",
        "ISBN": "0x12",
    }


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020", {"date-parts": [[2020]]}),
        ("2020-03", {"date-parts": [[2020, 3]]}),
        ("2020-03-04", {"date-parts": [[2020, 3, 4]]}),
        ("1998/1999", {"date-parts": [[1998], [1999]]}),
        ("1850~", {"date-parts": [[1850]], "circa": True}),
        ("1850?", {"date-parts": [[1850]], "circa": True}),
        ("1999-21", {"date-parts": [[1999]], "season": 1}),
        ("[{year: 2019, month: 11}]", {"date-parts": [[2019, 11]]}),
        ("in press", {"literal": "in press"}),
        ("2020-13", {"literal": "2020-13"}),
    ],
)
def test_dates(text: str, date: dict[str, Any]) -> None:
    (item,) = read(f"- id: a\n  type: book\n  issued: {text}\n")
    assert item["issued"] == date


def test_plain_dates_are_written_as_edtf_and_others_as_objects() -> None:
    items = [
        {"id": "a", "type": "book", "issued": {"date-parts": [[2021, 6, 1]]}},
        {"id": "b", "type": "book", "issued": {"date-parts": [[1999]], "season": "Spring"}},
    ]
    text = write(items)
    assert "  issued: '2021-06-01'\n" in text
    assert "  issued:\n    date-parts:\n    - - 1999\n    season: Spring\n" in text
    assert read(text) == items


def test_the_output_is_pandocs_shape() -> None:
    text = write([{"id": "a", "type": "book", "title": "T"}])
    assert text == "---\nreferences:\n- id: a\n  type: book\n  title: T\n...\n"
    assert write([]) == "---\nreferences: []\n...\n"


def test_anchors_and_aliases_are_refused() -> None:
    with pytest.raises(ParseError) as caught:
        read("- &a {id: a, type: book}\n- *a\n")
    (problem,) = caught.value.diagnostics
    assert (problem.code, str(problem.location)) == ("yaml.alias", "in.yaml:1:3")


def test_python_tags_are_not_constructed() -> None:
    with pytest.raises(ParseError) as caught:
        read("- id: !!python/object/apply:os.system ['true']\n  type: book\n")
    assert caught.value.diagnostics[0].code == "yaml.syntax"


def test_item_problems_are_located_at_the_item() -> None:
    parsed = cslyaml.read("- id: a\n  type: book\n- title: no id\n", ReadOptions(path="in.yaml"))
    assert [i["id"] for i in parsed.items] == ["a"]
    assert [(d.code, str(d.location)) for d in parsed.diagnostics] == [
        ("json.missing-id", "in.yaml:3:3"),
        ("json.missing-type", "in.yaml:3:3"),
    ]


def test_not_items_is_an_error() -> None:
    with pytest.raises(ParseError) as caught:
        read("title: a document\nauthor: me\n")
    assert caught.value.diagnostics[0].code == "yaml.not-items"


@pytest.mark.parametrize("path", golden_json(), ids=lambda p: p.parent.name)
def test_every_golden_csl_json_round_trips_exactly(path: Path) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    assert comparable(read(write(items))) == comparable(items)


def test_sniffing() -> None:
    assert registry.sniff("---\nreferences:\n- id: a\n").name == "cslyaml"
    assert registry.sniff("# refs\n- id: a\n  type: book\n").name == "cslyaml"
    assert registry.sniff("- a list item in page text\n").name == "text"


def test_a_superscript_digit_in_date_parts_stays_text() -> None:
    # '²'.isdigit() is True, int('²') a ValueError (the class of a fuzzing find in BibLaTeX)
    text = '- id: a\n  type: book\n  issued:\n    date-parts: [["²"]]\n'
    [item] = bibconv.loads(text, "cslyaml")
    assert item["issued"] == {"date-parts": [["²"]]}
