"""CITATION.cff: the work, its preferred citation and references become items, and back
(checked against the CFF 1.2.0 JSON schema)."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # cffconvert's jsonschema 3 has no types
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bibconv
from bibconv import registry
from bibconv.diagnostics import Diagnostic, ParseError, Severity
from bibconv.formats import cff
from bibconv.losses import LOSSES, comparable
from bibconv.model import ITEM_TYPES
from bibconv.protocols import ReadOptions
from tests.conftest import count_whole_after_noted_losses, run_cli, shared_data
from tests.robustness.test_writer_roundtrip import csl_items, hostile_text


def read(text: str) -> list[Any]:
    return [dict(i) for i in cff.read(text, ReadOptions(path="CITATION.cff")).items]


MINIMAL = """cff-version: 1.2.0
message: Please cite this.
title: tool
authors:
  - family-names: Doe
    given-names: Jane
    orcid: https://orcid.org/0000-0000-0000-0000
date-released: 2021-02-03
version: 1.0
"""


def test_the_software_itself() -> None:
    (item,) = read(MINIMAL)
    assert item["type"] == "software"
    assert item["author"] == [{"family": "Doe", "given": "Jane"}]
    assert item["issued"] == {"date-parts": [[2021, 2, 3]]}
    assert item["version"] == "1.0"  # text, not the float 1.0
    assert item["custom"]["cff"]["authors"][0]["orcid"].endswith("0000")


def test_preferred_citation_comes_first_and_references_last() -> None:
    text = MINIMAL + "preferred-citation:\n  type: article\n  title: Paper\n"
    text += "references:\n  - type: book\n    title: Book\n"
    roles = [(i["custom"]["cff_role"], i["type"], i["title"]) for i in read(text)]
    assert roles == [
        ("preferred-citation", "article-journal", "Paper"),
        ("software", "software", "tool"),
        ("reference", "book", "Book"),
    ]


def test_every_cff_type_maps_to_a_csl_type() -> None:
    assert set(cff.TYPES.values()) <= ITEM_TYPES
    schema_types = set(SCHEMA["definitions"]["reference"]["properties"]["type"]["enum"])
    assert set(cff.CFF_TYPE_OF.values()) <= schema_types  # only CFF 1.2.0 types are written
    assert set(cff.TYPES) - cff.READ_ONLY_TYPES <= schema_types


def test_a_yaml_file_that_is_not_cff_is_an_error() -> None:
    with pytest.raises(ParseError) as caught:
        read("title: x\n")
    assert caught.value.diagnostics[0].code == "cff.not-cff"


def test_sniffed_and_named() -> None:
    assert registry.sniff("# comment\ncff-version: 1.2.0\n").name == "cff"
    assert registry.for_path("CITATION.cff") is registry.FORMATS["cff"]


# ----------------------------------------------------------------------------- writing

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
#: The CFF 1.2.0 JSON schema as cffconvert ships it (a [test] dependency).
SCHEMA = json.loads(
    importlib.resources.files("cffconvert").joinpath("schemas/1.2.0/schema.json").read_text()
)


def write(items: list[Any], notes: list[Diagnostic] | None = None) -> str:
    return bibconv.dumps(items, "cff", diagnostics=notes)


def schema_errors(text: str) -> list[str]:
    """What the CFF 1.2.0 schema says of a file, as a YAML 1.1 reader (cffconvert's
    ruamel, PyYAML) loads it: unquoted numbers are numbers there."""
    data = yaml.safe_load(text)
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]


def test_the_schema_check_can_fail() -> None:
    assert schema_errors("cff-version: 1.2.0\ntitle: x\n") != []


def golden_inputs() -> list[Path]:
    return sorted(GOLDEN.glob("*/input.cff"))


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.parent.name)
def test_what_the_reader_reads_the_writer_writes_back(path: Path) -> None:
    items = read(path.read_text(encoding="utf-8"))
    assert len(items) > 1
    notes: list[Diagnostic] = []
    text = write(items, notes)
    assert comparable(read(text)) == comparable(items)
    assert notes == []
    assert schema_errors(text) == []


def test_the_golden_file_is_written_as_it_was_read() -> None:
    """Key for key (the order of keys and the YAML quoting aside)."""
    source = (GOLDEN / "cff-software-preferred-references" / "input.cff").read_text("utf-8")
    original = yaml.safe_load(source)
    original["date-released"] = str(original["date-released"])  # a YAML 1.1 date object
    assert yaml.safe_load(write(read(source))) == original


def test_roles_place_the_items_and_the_reader_reads_them_back_in_its_order() -> None:
    def item(key: str, role: str | None, csl_type: str = "article-journal") -> dict[str, Any]:
        custom = {"custom": {"cff_role": role}} if role else {}
        return {"id": key, "type": csl_type, "title": key, "author": [{"family": "A"}], **custom}

    items = [
        item("ref", "reference"),
        item("tool", "software", "software"),
        item("paper", "preferred-citation"),
        item("other", None),
    ]
    document = yaml.safe_load(write(items))
    assert document["title"] == "tool"
    assert document["preferred-citation"]["title"] == "paper"
    assert [r["title"] for r in document["references"]] == ["ref", "other"]
    assert [i["title"] for i in read(write(items))] == ["paper", "tool", "ref", "other"]
    # Without roles the first item is the work, the others its references.
    plain = [item("a", None, "software"), item("b", None), item("c", None)]
    assert [(i["title"], i["custom"]["cff_role"]) for i in read(write(plain))] == [
        ("a", "software"), ("b", "reference"), ("c", "reference")
    ]  # fmt: skip


WORK = {"id": "w", "type": "software", "title": "W", "author": [{"family": "A"}]}


@pytest.mark.parametrize("csl_type", sorted(cff.CFF_TYPE_OF))
def test_every_type_cff_names_reads_back_as_a_reference(csl_type: str) -> None:
    item = {"id": "k", "type": csl_type, "title": "T", "author": [{"literal": "X"}]}
    notes: list[Diagnostic] = []
    (_, back) = read(write([WORK, item], notes))
    assert back["type"] == csl_type
    assert notes == []


def test_a_written_reference_reads_back_except_what_cff_cannot_hold() -> None:
    item = {
        "id": "berg2020",
        "type": "paper-conference",
        "title": "T: a subtitle",
        "container-title": "Book",
        "author": [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"},
                   {"literal": "WHO"}],
        "editor": [{"family": "Roe", "given": "R.", "suffix": "Jr"}],
        "issued": {"date-parts": [[2020, 5]]},
        "accessed": {"date-parts": [[2024, 1, 2]]},
        "page": "101–109",
        "volume": "012",
        "ISBN": "978-0-262-03384-8",
        "DOI": "10.1000/x",
        "keyword": "a, b c",
        "publisher": "P",
        "publisher-place": "Bethesda (MD)",
        "event-title": "Conf",
        "event-place": "Vienna",
        "language": "en",
        "abstract": "One.\nTwo.",
        "version": "1.10",
        "note": "yes",
        "PMID": "123",
    }  # fmt: skip
    notes: list[Diagnostic] = []
    text = write([WORK, item], notes)
    (_, back) = read(text)
    kept = {k: v for k, v in item.items() if k not in LOSSES["cff"] and k != "id"}
    kept["custom"] = {"cff_role": "reference"}
    assert comparable({k: v for k, v in back.items() if k != "id"}) == comparable(kept)
    assert [n.message for n in notes] == [
        "berg2020: CFF has no key for 'PMID' in a reference; it is left out"
    ]
    assert schema_errors(text) == []


def test_the_work_holds_only_what_the_top_level_has_and_says_so() -> None:
    paper = {
        "id": "p", "type": "article-journal", "title": "P", "author": [{"family": "A"}],
        "container-title": "J", "issued": {"date-parts": [[2020]]}, "URL": "https://x.org",
        "custom": {"cff": {"journal-notes": "x"}, "arxiv_id": "1"},
    }  # fmt: skip
    notes: list[Diagnostic] = []
    text = write([paper], notes)
    assert yaml.safe_load(text) == {
        "cff-version": "1.2.0",
        "message": "If you use this software, please cite it as below.",
        "type": "software",
        "authors": [{"family-names": "A"}],
        "title": "P",
        "url": "https://x.org",
    }
    top = "in the work (the file's top level); it is left out"
    assert [n.message.removeprefix("p: CFF ") for n in notes] == [
        "cannot hold 'type' exactly (no CFF type for 'article-journal' as the work: software)",
        f"has no key for 'container-title' {top}",
        f"has no key for 'custom.arxiv_id' {top}",
        "has 'issued' only as a day (date-released) in the work; it is left out",
        f"has no key for 'custom.cff.journal-notes' {top}",
    ]
    assert schema_errors(text) == []


def test_software_on_a_code_host_is_its_repository_code() -> None:
    tool = {**WORK, "URL": "https://github.com/example/tool"}
    assert yaml.safe_load(write([tool]))["repository-code"] == "https://github.com/example/tool"
    (back,) = read(write([tool]))
    assert back["URL"] == "https://github.com/example/tool"


def test_a_work_without_authors_is_noted() -> None:
    notes: list[Diagnostic] = []
    text = write([{"id": "w", "type": "software", "title": "W"}], notes)
    assert [n.code for n in notes] == ["cff.incomplete"]
    assert schema_errors(text) != []


def test_real_bibtex_file_through_cff_loses_only_what_notes_name() -> None:
    """small.bib read as BibTeX -> CITATION.cff -> back: the first entry is the work, the
    others references; each item is itself (ids aside; the reader adds its role) but for
    what its notes name, and the file is valid CFF 1.2.0."""
    items: list[dict[str, Any]] = [
        dict(i) for i in bibconv.load(shared_data("small.bib"), diagnostics=[])
    ]
    notes: list[Diagnostic] = []
    text = write(items, notes)
    assert schema_errors(text) == []
    diagnostics: list[Diagnostic] = []
    back: list[dict[str, Any]] = [
        dict(i) for i in bibconv.loads(text, "cff", diagnostics=diagnostics)
    ]
    assert diagnostics == []
    assert len(back) == len(items) == 500
    exact = count_whole_after_noted_losses(
        items, back, notes, "cff.cannot-hold", added_custom=frozenset({"cff_role"})
    )
    assert len(notes) > 100
    assert exact > 300


# ----------------------------------------------------------------------------- any item


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        csl_items(hostile_text, "cff"), min_size=1, max_size=3, unique_by=lambda i: i["id"]
    )
)
def test_any_items_read_back_but_for_what_their_notes_name(items: list[dict[str, Any]]) -> None:
    """Items over every CSL variable, with hostile text (line breaks, NULs, tag-like
    text): the file reads back without a warning, one item each, and whatever does not
    come back equal is named in the item's notes."""
    notes: list[Diagnostic] = []
    diagnostics: list[Diagnostic] = []
    back = [dict(i) for i in bibconv.loads(write(items, notes), "cff", diagnostics=diagnostics)]
    assert [d for d in diagnostics if d.severity is not Severity.INFO] == []
    work, preferred, references = cff.placed(items)  # type: ignore[arg-type]
    placed = [i for i in (preferred, work, *references) if i is not None]
    assert len(back) == len(placed) == len(items)
    losses = [n for n in notes if n.code != "cff.incomplete"]  # a work without authors
    count_whole_after_noted_losses(
        placed,  # type: ignore[arg-type]
        back,
        losses,
        "cff.cannot-hold",
        added_custom=frozenset({"cff_role"}),
    )


# ----------------------------------------------------------------------------- command line


def test_the_cli_writes_citation_cff_by_name_and_by_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.json").write_text(json.dumps([{**WORK, "PMID": "1"}]), encoding="utf-8")
    code, out, err = run_cli(["convert", "in.json", "-t", "cff"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("cff-version: 1.2.0\nmessage: ")
    code, out, err = run_cli(["convert", "in.json", "-o", "CITATION.cff", "--report-loss"], capsys)
    assert (code, out) == (0, "")
    assert "w: CFF has no key for 'PMID' in the work" in err
    assert (tmp_path / "CITATION.cff").read_text(encoding="utf-8") == write([WORK])
    code, out, _ = run_cli(["formats"], capsys)
    rows = {line.split()[0]: line.split()[1:4] for line in out.splitlines()}
    assert rows["cff"] == [".cff", "yes", "yes"]


def test_every_golden_citation_cff_the_writer_wrote_is_valid() -> None:
    written = sorted(GOLDEN.glob("*/expected.cff"))
    assert written
    for path in written:
        assert schema_errors(path.read_text(encoding="utf-8")) == [], path


def test_superscript_digits_are_no_reference_year_or_month() -> None:
    # '²'.isdigit() is True, int('²') a ValueError (the class of a fuzzing find in BibLaTeX)
    head = "cff-version: 1.2.0\ntitle: x\nmessage: m\nauthors:\n - name: a\nreferences:\n"
    ref = " - type: article\n   title: t\n   authors:\n    - name: b\n"
    items = bibconv.loads(head + ref + '   year: "²"\n', "cff")
    assert items[1]["issued"] == {"literal": "²"}
    items = bibconv.loads(head + ref + '   year: 2000\n   month: "²"\n', "cff")
    assert items[1]["issued"] == {"date-parts": [[2000]]}
