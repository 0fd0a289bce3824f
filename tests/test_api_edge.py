"""The public API's failures: every one a BibconvError (or the OSError open() would give)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bibconv


def test_an_unknown_rule_in_check_is_a_bibconv_error() -> None:
    with pytest.raises(bibconv.BibconvError, match="unknown rule 'nonsense'") as caught:
        bibconv.check("@misc{x, title={T}}\n", select=["nonsense"])
    assert isinstance(caught.value, ValueError)  # what it was before, still true


def test_a_bad_config_table_is_a_bibconv_error() -> None:
    from bibconv.lint import options_from_config

    with pytest.raises(bibconv.BibconvError, match="select must be a list"):
        options_from_config({"select": 3}, "pyproject.toml")


def test_load_of_a_missing_file_is_the_usual_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        bibconv.load(tmp_path / "nope.bib")


def test_dump_into_a_missing_directory_names_the_path(tmp_path: Path) -> None:
    target = tmp_path / "nodir" / "x.bib"
    with pytest.raises(FileNotFoundError) as caught:
        bibconv.dump([{"id": "a", "type": "book", "title": "T"}], target)
    assert caught.value.filename == str(target)


def test_empty_text_says_it_is_empty() -> None:
    with pytest.raises(bibconv.ParseError) as caught:
        bibconv.loads("")
    assert [str(d) for d in caught.value.diagnostics] == [
        "<string>:1:1: error: the input is empty: there is no text to read [input.empty]"
    ]


def test_a_hand_built_item_without_a_type_is_written_as_misc() -> None:
    notes: list[bibconv.Diagnostic] = []
    text = bibconv.dumps([{"id": "a", "title": "x"}], "bibtex", diagnostics=notes)  # type: ignore[typeddict-item]
    assert text == "@misc{a,\n  title = {x},\n}\n"  # was: csl-type = {None}
    assert bibconv.loads(text, "bibtex") == [{"id": "a", "type": "document", "title": "x"}]


def test_dumps_of_one_item_instead_of_a_list_says_so() -> None:
    item: bibconv.CslItem = {"id": "a", "type": "book", "title": "T"}
    with pytest.raises(TypeError, match=r"not one item: pass \[item\]"):
        bibconv.dumps(item, "bibtex")  # type: ignore[arg-type]  # was AttributeError
