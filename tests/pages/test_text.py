"""Shared page mechanics: line repair, names, author lists, URLs, venues, dates."""

from __future__ import annotations

import time

import pytest

from bibconv.diagnostics import Diagnostic
from bibconv.model import OTHERS
from bibconv.pages._text import (
    Line,
    build_item,
    clean_url,
    find_urls,
    is_venue_line,
    looks_like_name,
    parse_date,
    repair,
    split_authors,
    split_glued_name,
    split_lines,
    split_name,
    split_name_family_first,
    strip_et_al,
    urls_of,
)


def test_split_lines_repairs_copy_paste_damage():
    text = "a\u00a0b\u200b c  \r\n\r\n\r\n  x\t\rlast"
    lines = split_lines(text)
    assert [(line.no, line.text) for line in lines] == [
        (1, "a b c"),
        (2, ""),
        (3, ""),
        (4, "x"),
        (5, "last"),
    ]
    assert lines[3].column == 3  # "x" is printed after two spaces


def test_repair_one_line():
    assert repair("\u200b  A\u00a0\u00a0title\u00ad here \t") == "A title here"


def test_line_location_counts_from_the_printed_column():
    line = Line(7, "see https://x.org", column=3)
    assert str(line.location("p.txt", 4)) == "p.txt:7:7"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Le Song", {"family": "Song", "given": "Le"}),
        ("Anna van der Berg", {"family": "van der Berg", "given": "Anna"}),
        ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
        ("Marie-Catherine de Marneffe", {"family": "de Marneffe", "given": "Marie-Catherine"}),
        ("Eric de la Clergerie", {"family": "de la Clergerie", "given": "Eric"}),
        ("Gertjan van Noord", {"family": "van Noord", "given": "Gertjan"}),
        ("Jan Hajič", {"family": "Hajič", "given": "Jan"}),
        ("Christopher D. Manning", {"family": "Manning", "given": "Christopher D."}),
        ("Mausam", {"family": "Mausam"}),
        ("van Gogh", {"family": "van Gogh"}),
        ("Ralph L. Keeney Jr.", {"family": "Keeney", "given": "Ralph L.", "suffix": "Jr."}),
        ("Angelina McMillan-Major", {"family": "McMillan-Major", "given": "Angelina"}),
        ("Rita Dos Santos", {"family": "Santos", "given": "Rita Dos"}),  # capitalised: given
    ],
)
def test_split_name_given_family_with_particles(printed, expected):
    assert split_name(printed) == expected


def test_split_name_family_first():
    assert split_name_family_first("van der Berg, Anna") == {
        "family": "van der Berg",
        "given": "Anna",
    }
    assert split_name_family_first("King, Jr., Martin Luther") == {
        "family": "King",
        "suffix": "Jr.",
        "given": "Martin Luther",
    }


def test_split_authors_et_al_and_separators():
    assert split_authors("Canbin Huang, Tianyuan Shi, Xiaojun Quan et al.") == [
        {"family": "Huang", "given": "Canbin"},
        {"family": "Shi", "given": "Tianyuan"},
        {"family": "Quan", "given": "Xiaojun"},
        OTHERS,
    ]
    assert split_authors("A Bee, C Dee, and E Eff") == [
        {"family": "Bee", "given": "A"},
        {"family": "Dee", "given": "C"},
        {"family": "Eff", "given": "E"},
    ]
    assert split_authors("A Bee & C Dee; E Eff and others") == [
        {"family": "Bee", "given": "A"},
        {"family": "Dee", "given": "C"},
        {"family": "Eff", "given": "E"},
        OTHERS,
    ]


def test_split_authors_suffix_after_a_comma():
    assert split_authors("John Smith, Jr., Ann Lee") == [
        {"family": "Smith", "given": "John", "suffix": "Jr."},
        {"family": "Lee", "given": "Ann"},
    ]


def test_strip_et_al_only_at_the_end():
    assert strip_et_al("Ann Et, Bo Alvarez") == ("Ann Et, Bo Alvarez", False)
    assert strip_et_al("Ann Lee et al") == ("Ann Lee", True)


def test_looks_like_name():
    assert looks_like_name("Ondřej Dušek")
    assert looks_like_name("Antal van den Bosch")
    assert not looks_like_name(
        "Findings of the Association for Computational Linguistics: ACL 2025"
    )
    assert not looks_like_name("2024")
    assert not looks_like_name("|")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://github.com/zhangsichengsjtu/AFPQ.", "https://github.com/zhangsichengsjtu/AFPQ"),
        ("https://github.com/ylqi/GL-RG}.", "https://github.com/ylqi/GL-RG"),
        (
            "https://github.com/Nandan91/entropy-guided-attention-llm{entropy-guided-llm}.",
            "https://github.com/Nandan91/entropy-guided-attention-llm",
        ),
        (
            "https://en.wikipedia.org/wiki/Bleu_(score))",
            "https://en.wikipedia.org/wiki/Bleu_(score)",
        ),
        ("https://x.org/a).", "https://x.org/a"),
        ("https://runjia.tech/neurips_pta-llm/", "https://runjia.tech/neurips_pta-llm/"),
    ],
)
def test_clean_url(raw, clean):
    assert clean_url(raw) == clean


def test_find_urls_in_latex_and_cut_off():
    text = (
        r"see \url{https://github.com/fanqiwan/KCA}. and \footnote{https://github.com/a/b}"
        r" and (https://x.org/y) then \url{http"
    )
    hits = find_urls(text)
    assert [h.url for h in hits if not h.truncated] == [
        "https://github.com/fanqiwan/KCA",
        "https://github.com/a/b",
        "https://x.org/y",
    ]
    assert [h.truncated for h in hits] == [False, False, False, True]


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Code: [https://x.org/a](https://x.org/a).", ["https://x.org/a"]),
        ("See [code](https://github.com/u/r), then", ["https://github.com/u/r"]),
        ("[a](https://x.org/a) and [b](https://y.org/b)", ["https://x.org/a", "https://y.org/b"]),
        (
            "[w](https://en.wikipedia.org/wiki/Foo_(bar)))",
            ["https://en.wikipedia.org/wiki/Foo_(bar)"],
        ),
        ('[t](<https://x.org/t> "Title") and https://z.org', ["https://x.org/t", "https://z.org"]),
        # The target wins over a different URL printed as the link's text.
        ("[https://old.org/a](https://new.org/a)", ["https://new.org/a"]),
    ],
)
def test_markdown_link_gives_its_target_once(text, urls):
    assert [h.url for h in find_urls(text)] == urls


def test_markdown_link_target_is_located_at_the_target():
    text = "Code: [https://x.org/a](https://x.org/a)."
    assert [h.offset for h in find_urls(text)] == [text.index("(https") + 1]


def test_urls_of_reports_cut_off_urls_with_their_column():
    diags: list[Diagnostic] = []
    line = Line(52, "Code at https://gith")
    assert urls_of(line.text, line, "004.txt", diags) == []
    assert [str(d) for d in diags] == [
        "004.txt:52:9: warning: URL cut off ('https://gith'), dropped [page.url-truncated]"
    ]


def test_is_venue_line_rejects_sentences():
    assert is_venue_line("Proceedings of the Fifth Conference on Machine Translation")
    assert not is_venue_line("We present results at the conference on machine translation.")


@pytest.mark.parametrize(
    ("printed", "parts"),
    [
        ("Jun 28, 2022", [2022, 6, 28]),
        ("Jun 2", [2026, 6, 2]),
        ("Mar 17", [2026, 3, 17]),
        ("September 3, 2021", [2021, 9, 3]),
        ("2 June 2022", [2022, 6, 2]),
        ("Mar 2024", [2024, 3]),
        ("2024-03-17", [2024, 3, 17]),
    ],
)
def test_parse_date_printed_precision_and_capture_year(printed, parts):
    assert parse_date(printed, year=2026) == {"date-parts": [parts]}


@pytest.mark.parametrize("printed", ["Jun 32", "Foo 3", "13 2024", ""])
def test_parse_date_rejects_non_dates(printed):
    assert parse_date(printed, year=2026) is None


def test_build_item_orders_fields_and_moves_extra_urls_to_custom():
    item = build_item(csl_type="article", title="  A  title ", urls=["u1", "u2"], abstract="x  y")
    assert list(item) == ["id", "type", "title", "URL", "abstract", "custom"]
    assert item["title"] == "A title"
    assert item["custom"] == {"urls": ["u2"]}


@pytest.mark.parametrize(
    "line",
    ["|" * 100_000, "." * 100_000, "a " * 500_000, "https://" + "a" * 1_000_000, "," * 100_000],
)
def test_helpers_stay_linear_on_pathological_lines(line):
    # A generous bound: only catastrophic (quadratic or backtracking) behaviour fails it.
    start = time.perf_counter()
    split_lines(line)
    find_urls(line)
    split_authors(line[:200_000])
    looks_like_name(line)
    is_venue_line(line)
    parse_date(line, year=2026)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("we do it.Xiaojun Quan", ("we do it.", "Xiaojun Quan")),
        ("the merged rouXiaojun Quan", ("the merged rou", "Xiaojun Quan")),
        ("nearMarie-Catherine de Marneffe", ("near", "Marie-Catherine de Marneffe")),
        ("we do it. Then more", None),
        ("ends with a year 2024.", None),
    ],
)
def test_split_glued_name(text, split):
    assert split_glued_name(text) == split
