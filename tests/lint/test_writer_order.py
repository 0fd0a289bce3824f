"""One BibTeX field order (issue 13): ``check --fix --extend-select bib.layout`` leaves the
BibTeX writer's own output alone, because the writer and the rule sort by one table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bibconv.formats import bibtex
from bibconv.formats.bibtex.fieldorder import FIELD_ORDER, canonical_order
from bibconv.lint import CheckOptions, fix
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions, WriteOptions
from tests.conftest import ROOT, SEEDS, run_cli, shared_data

LAYOUT = CheckOptions(extend_select=("bib.layout",))
WRITERS = {"bibtex": bibtex.write, "biblatex": bibtex.write_biblatex}


def _golden_csl() -> list[Path]:
    found = []
    for path in sorted((ROOT / "tests" / "golden").glob("*/expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list) and data and all(isinstance(i, dict) for i in data):
            found.append(path)
    return found


@pytest.mark.parametrize("dialect", sorted(WRITERS))
@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_convert_then_check_fix_changes_nothing_on_the_seeds(
    seed: Path, dialect: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, converted, _ = run_cli(["convert", str(seed), "-t", dialect], capsys)
    assert code == 0
    assert converted.count("\n@") >= 1  # entries were written
    args = ["check", "-", "--fix", "--extend-select", "bib.layout", "--no-config"]
    _, fixed, err = run_cli(args, capsys, stdin=converted)
    assert "check.fixed" not in err
    assert fixed == converted


def test_the_golden_csl_outputs_are_many() -> None:
    assert len(_golden_csl()) >= 20


@pytest.mark.parametrize("dialect", sorted(WRITERS))
@pytest.mark.parametrize("path", _golden_csl(), ids=lambda p: p.parent.name)
def test_the_writers_output_of_every_golden_is_in_the_canonical_layout(
    path: Path, dialect: str
) -> None:
    items: list[CslItem] = json.loads(path.read_text(encoding="utf-8"))
    text = WRITERS[dialect](items, WriteOptions()).text
    result = fix(text, "out.bib", CheckOptions(select=("bib.layout",)))
    assert result.fixed == ()
    assert result.text == text


@pytest.mark.parametrize("dialect", sorted(WRITERS))
def test_small_bib_converted_needs_only_the_fixes_its_source_needs(dialect: str) -> None:
    source = shared_data("small.bib").read_text(encoding="utf-8")
    items = bibtex.read(source, ReadOptions(path="small.bib")).items
    converted = WRITERS[dialect](items, WriteOptions()).text
    assert converted.count("@article") >= 400
    layout_only = fix(converted, "out.bib", CheckOptions(select=("bib.layout",)))
    assert layout_only.fixed == ()
    # The writer keeps what the source wrote (an unprotected acronym), so the other
    # rules may find the source's own problems again, but nothing the writer added.
    needed = {(f.code, f.key) for f in fix(source, "small.bib").fixed}
    found = {(f.code, f.key) for f in fix(converted, "out.bib", LAYOUT).fixed}
    assert found <= needed


def test_known_fields_sort_by_the_table_unknown_after_repeats_last() -> None:
    names = ["zzz", "title", "year", "author", "title", "doi"]
    assert [names[i] for i in canonical_order(names)] == [
        "author", "title", "year", "doi", "zzz", "title"
    ]  # fmt: skip


def test_two_spellings_of_one_variable_keep_their_order() -> None:
    # The reader uses whichever of journal/journaltitle comes first: sorting must not swap.
    for names in (["journaltitle", "journal"], ["location", "address"], ["institution", "school"]):
        assert canonical_order(names) == [0, 1]
    assert canonical_order(["date", "year"]) == [1, 0]  # dates are read by name, not order


def test_the_table_names_each_field_once() -> None:
    assert len(set(FIELD_ORDER)) == len(FIELD_ORDER) > 40
    assert FIELD_ORDER is bibtex.FIELD_ORDER
