"""The value-level checks behind the rules (bibconv/lint/values.py)."""

from __future__ import annotations

import pytest

from bibconv.lint import values


@pytest.mark.parametrize(
    "month", ["January", "jan", "Jan.", "6", "12", "Sept.", "June 15--17", "Spring", "jul--aug"]
)
def test_months_that_are_months(month: str) -> None:
    assert values.month_problem(month) is None


@pytest.mark.parametrize("month", ["Juen", "13", "0", "", "June 45", "x"])
def test_months_that_are_not(month: str) -> None:
    assert values.month_problem(month) is not None


@pytest.mark.parametrize("year", ["2020", "1999a", "in press", "Forthcoming", "1989--1990", "1687"])
def test_plausible_years(year: str) -> None:
    assert values.year_problem(year, 2026) is None


@pytest.mark.parametrize("year", ["20020", "202", "3020", "1066", "June 1992", "12345"])
def test_implausible_years(year: str) -> None:
    assert values.year_problem(year, 2026) is not None


@pytest.mark.parametrize(
    ("pages", "spans"),
    [
        ("12-34", [(2, 3)]),
        ("S12 - S19", [(3, 6)]),
        ("1-5, 7-9", [(1, 2), (6, 7)]),
        ("12--34", []),
        ("12–34", []),
        ("e0123456", []),
        ("123-4-56", []),
        ("pre-print", []),
    ],
)
def test_single_hyphen_page_ranges(pages: str, spans: list[tuple[int, int]]) -> None:
    assert values.single_hyphens(pages) == spans


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("R&D", [1]),
        ("50% of_it #1", [2, 6, 10]),
        ("R\\&D 50\\% a\\_b \\#1", []),
        ("$x_1$ and $a_b$", []),
        ("see \\url{http://a.org/a_b%20#x} & more", [32]),
        ("\\href{http://a.org/a_b}{a\\_b}", []),
        ("\\verb|a_b|", []),
    ],
)
def test_unescaped_specials(text: str, found: list[int]) -> None:
    assert values.unescaped_specials(text) == found


@pytest.mark.parametrize(
    ("title", "protected"),
    [
        ("BERT for Everyone", ["{BERT}"]),
        ("CharacterBot and iPhone", ["{CharacterBot}", "{iPhone}"]),
        ("LSTM-based LLMs", ["{LSTM}", "{LLM}s"]),
        ("{BERT} and {CharacterBot}", []),
        ("A Study of Things in Paris", []),
        ("The {\\LaTeX} Way with \\TeX", []),
        ("Generalized $XY$ Models", []),
        ("Neural Nets", []),
    ],
)
def test_unprotected_capitals(title: str, protected: list[str]) -> None:
    assert [u.protected for u in values.unprotected_capitals(title)] == protected


def test_unprotected_capitals_offsets_point_at_the_word() -> None:
    (word,) = values.unprotected_capitals("Using BERT today")
    assert (word.start, word.end, word.word) == (6, 10, "BERT")


@pytest.mark.parametrize(
    ("doi", "fixed"),
    [
        ("https://doi.org/10.1000/xyz", "10.1000/xyz"),
        ("http://dx.doi.org/10.1000/xyz", "10.1000/xyz"),
        ("doi:10.1000/xyz", "10.1000/xyz"),
        ("https://doi.acm.org/10.1145/1.2", "10.1145/1.2"),
    ],
)
def test_doi_prefixes_are_fixable(doi: str, fixed: str) -> None:
    problem = values.doi_problem(doi)
    assert problem is not None
    assert problem.fixed == fixed


@pytest.mark.parametrize("doi", ["10.1000/ab cd", "1000/xyz", "", "https://doi.org/not a doi"])
def test_malformed_dois_without_a_fix(doi: str) -> None:
    problem = values.doi_problem(doi)
    assert problem is not None
    assert problem.fixed is None


@pytest.mark.parametrize(
    "doi", ["10.1000/xyz", "10.1002/(SICI)1097-4571(199806)49:8<693::AID>3.0.CO;2-0"]
)
def test_good_dois(doi: str) -> None:
    assert values.doi_problem(doi) is None


@pytest.mark.parametrize(
    ("url", "bad"),
    [
        ("https://a.org/x y", True),
        ("a.org/x", True),
        ("https://a.org/a_b?x=1&y", False),
        ("www.a.org", False),
        ("ftp://a.org/f", False),
    ],
)
def test_urls(url: str, bad: bool) -> None:
    assert (values.url_problem(url) is not None) is bad


@pytest.mark.parametrize(
    "names",
    [
        "Smith, John, Doe, Jane",
        "J. Smith, K. Doe",
        "Smith J, Doe K",
        "Smith, John; Doe, Jane",
        "Smith, John and Roe, Rick, Doe, Jane",
    ],
)
def test_name_lists_joined_wrongly(names: str) -> None:
    assert values.name_list_problem(names) is not None


@pytest.mark.parametrize(
    "names",
    [
        "Smith, John and Doe, Jane",
        "Smith, Jr., John",
        "Kenny III, R. P.",
        "Garcia Marquez, Gabriel Jose",
        "{Barnes, Noble, and Sons} and Doe, J.",
        "John Smith and Jane Doe",
        "Krsti\\'{c}, Sr\\&\\#273;an",
    ],
)
def test_name_lists_that_are_fine(names: str) -> None:
    assert values.name_list_problem(names) is None


@pytest.mark.parametrize(
    ("names", "found"),
    [
        ("Smith, John et al.", True),
        ("Smith and et~al.", True),
        ("Smith and others", False),
        ("Petal, Anna", False),
        ("{Et Al Corp.}", False),
    ],
)
def test_et_al(names: str, found: bool) -> None:
    assert (values.et_al_span(names) is not None) is found


def test_first_non_ascii() -> None:
    assert values.first_non_ascii('M{\\"u}ller') is None
    assert values.first_non_ascii("Müller") == 1
