"""BibTeX names whose LaTeX has white space inside a command (from mid.bib, found by
tests/test_realdata.py): the grammar must not cut the command from its argument."""

from __future__ import annotations

import pytest

import bibconv
from bibconv.formats import bibtex


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        # \H is a control word: it swallows the space, "\H o" is the letter ő
        ("Dezs\\H o Nagy", {"given": "Dezső", "family": "Nagy"}),
        ("Nagy, Dezs\\H o", {"given": "Dezső", "family": "Nagy"}),
        ("Du\\v san Nov\\'ak", {"given": "Dušan", "family": "Novák"}),
        # "\ " is a control space: a space between the initial and the family name
        ("Christina A. L.\\ Thiele", {"given": "Christina A. L.", "family": "Thiele"}),
        ("Thiele, Christina A. L.\\ ", {"given": "Christina A. L.", "family": "Thiele"}),
    ],
)
def test_white_space_inside_a_command_does_not_split_the_name(
    raw: str, name: dict[str, str]
) -> None:
    assert bibtex.parse_name(raw) == name


def test_a_line_break_before_a_space_is_not_a_control_space() -> None:
    # "\\" is a line break, and the space after it separates two words
    assert bibtex.parse_name("Ann\\\\ Lee") == {"given": "Ann", "family": "Lee"}


@pytest.mark.parametrize(
    ("author", "written"),
    [
        ("Dezs\\H o Nagy", "Nagy, Dezső"),
        ("Christina A. L.\\ Thiele", "Thiele, Christina A. L."),
    ],
)
def test_the_names_are_written_back_as_read(author: str, written: str) -> None:
    items = bibconv.loads(f"@article{{k, author = {{{author}}}}}", "bibtex")
    assert f"author = {{{written}}}" in bibconv.dumps(items, "bibtex")
