"""docs/formats.md's generated blocks say what the code does (bibconv/_docgen.py writes them;
this test fails when a table or list in the docs and the code disagree)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bibconv import _docgen, registry
from bibconv.cli import build_parser

DOCS = Path(__file__).resolve().parent.parent / "docs" / "formats.md"


def test_every_generated_block_of_formats_md_matches_the_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert _docgen.missing(text) == []
    _, stale = _docgen.regenerate(text)
    assert stale == [], f"stale blocks {stale} in {DOCS}: run `python -m bibconv._docgen`"


def test_check_finds_a_stale_block_and_a_rewrite_mends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = DOCS.read_text(encoding="utf-8")
    stale = good.replace(
        _docgen.block("losses", _docgen.losses_list()),
        _docgen.block("losses", "- `ris`: everything"),
    )
    assert stale != good
    doc = tmp_path / "formats.md"
    doc.write_text(stale, encoding="utf-8")
    assert _docgen.main([str(doc), "--check"]) == 1
    assert "block 'generated:losses' is stale" in capsys.readouterr().err
    assert doc.read_text(encoding="utf-8") == stale  # --check writes nothing
    assert _docgen.main([str(doc)]) == 0
    assert doc.read_text(encoding="utf-8") == good
    assert _docgen.main([str(doc), "--check"]) == 0


def test_a_missing_block_is_reported() -> None:
    assert _docgen.missing("no blocks here\n") == list(_docgen.BLOCKS)


def test_a_block_no_function_writes_is_left_alone() -> None:
    text = "<!-- generated:someone-else (their tool) -->\nbody\n<!-- /generated:someone-else -->\n"
    assert _docgen.regenerate(text) == (text, [])


def test_the_directions_name_every_writer() -> None:
    directions = _docgen.directions_list()
    for name in registry.writable():
        assert f"`{name}`" in directions


def test_the_default_drops_come_from_what_the_writers_do() -> None:
    lines = dict(line.split(": ", 1) for line in _docgen.default_drops_list().splitlines())
    # BibTeX has no entry type for a speech, CSL-JSON holds everything.
    assert "`speech`" in lines["- `bibtex`"]
    assert "`article-journal`" not in lines["- `bibtex`"]
    assert lines["- `csljson`"] == "nothing"
    assert "`custom` keys other than `arxiv_id`, `bibtex`" in lines["- `bibtex`"]


def _arguments(parser: argparse.ArgumentParser) -> list[str]:
    """Every option string, and the name of every positional argument, but --help."""
    names: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        names += action.option_strings or [str(action.metavar or action.dest)]
    return names


def test_the_cli_reference_names_every_command_and_option() -> None:
    parser = build_parser()
    reference = _docgen.cli_reference(parser)
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert len(commands.choices) >= 4
    for name, sub in commands.choices.items():
        section = reference.split(f"## `bibconv {name}`\n", 1)[1].split("\n## ", 1)[0]
        for argument in _arguments(sub):
            assert f"`{argument}" in section or f" {argument}" in section, (name, argument)
    assert sum(len(_arguments(sub)) for sub in commands.choices.values()) > 20
    assert "--print-completion SHELL" in reference
