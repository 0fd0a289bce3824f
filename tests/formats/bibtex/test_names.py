"""formats/bibtex/names.py: BibTeX names whose LaTeX has white space inside a command
(from mid.bib, found by tests/test_realdata.py: the grammar must not cut the command from
its argument), and names the writers' round trips found (issue 12)."""

from __future__ import annotations

import pytest

import bibconv
from bibconv.formats import bibtex
from bibconv.formats.bibtex.names import parse_names, render_name


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


def render(family: str, given: str | None = None, suffix: str | None = None) -> str:
    return render_name(family, given, suffix, None, None, None, False)


def test_a_family_with_a_tab_stays_one_family() -> None:
    # A tab splits words like a space: unbraced, 'a<TAB>b' read as given 'a', family 'b'.
    written = render("a\tb")
    assert written == "{a\tb},"
    assert parse_names(written) == [{"family": "a b"}]  # BibTeX folds white space


def test_a_suffix_without_a_given_name_keeps_an_empty_given() -> None:
    # 'Last, Jr,' alone would read as family 'Last', given 'Jr'.
    written = render("Last", suffix="Jr")
    assert written == "Last, Jr, {}"
    assert parse_names(written) == [{"family": "Last", "suffix": "Jr"}]


def test_a_family_called_others_is_not_the_et_al_marker() -> None:
    # Found by the lossless round trip: '{"family": "others"}' came back as et al.
    written = render("others")
    assert written == "others,"
    assert parse_names(f"Doe, Jane and {written}") == [
        {"family": "Doe", "given": "Jane"},
        {"family": "others"},
    ]
    assert parse_names("Doe, Jane and others")[1] == {"literal": "others"}


def test_an_empty_braced_given_name_is_no_given_name() -> None:
    assert parse_names("King, Jr., {}") == [{"family": "King", "suffix": "Jr."}]


def test_a_family_with_a_no_break_space_stays_one_family() -> None:
    # A no-break space is written as a tie, '~', which splits words like a space.
    written = render("a\u00a0b")
    assert written == "{a~b},"
    assert parse_names(written) == [{"family": "a b"}]  # BibTeX reads a tie as a space


@pytest.mark.parametrize(("family", "written"), [("ß", "{\\ss},"), ("漢", '{\\char"6F22},')])
def test_a_family_that_ascii_writes_as_one_brace_group_is_still_a_family(
    family: str, written: str
) -> None:
    # '{\ss}' alone is one brace group: a corporate name, read as {"literal": "ß"}.
    assert render_name(family, None, None, None, None, None, True) == written
    assert parse_names(written) == [{"family": family}]
