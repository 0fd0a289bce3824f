"""HTML listing pages: the equivalence with pasted text, visible text, links, DOM readers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bibconv import loads, pages
from bibconv.html import links, listing, parse_html
from bibconv.html.page import PageIndex
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
#: Each seed page and the HTML rendering of it in its site's markup (tests/golden).
SEED_PAGES = sorted(p.name[:3] for p in SEEDS.glob("*.txt"))


def _html_rendering(seed: str) -> Path:
    return GOLDEN / f"html-listing-seed-{seed}" / "input.html"


def _seed_text(seed: str) -> str:
    return next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")


def _same_item(from_html: dict[str, Any], from_text: dict[str, Any]) -> list[str]:
    """How an HTML item differs from the pasted-text item, beyond what HTML may add.

    HTML may add: a paper-page ``URL`` (the text's printed URL then moves to the front
    of ``custom.urls``), ``DOI``, and ``custom`` keys (``arxiv_id``, ``pdf_url``, ``urls``).
    """
    problems = []
    custom_html = from_html.get("custom", {})
    for key, value in from_text.items():
        if key == "URL":
            if value != from_html.get("URL") and value != custom_html.get("urls", [None])[0]:
                problems.append(f"URL {value!r} neither URL nor first of custom.urls")
        elif key == "custom":
            for sub, sub_value in value.items():
                if custom_html.get(sub) != sub_value:
                    problems.append(f"custom.{sub}: {custom_html.get(sub)!r} != {sub_value!r}")
        elif from_html.get(key) != value:
            problems.append(f"{key}: {from_html.get(key)!r} != {value!r}")
    extra = set(from_html) - set(from_text) - {"URL", "DOI", "custom"}
    problems.extend(f"unexpected {key}" for key in sorted(extra))
    return problems


@pytest.mark.parametrize("seed", SEED_PAGES)
def test_saved_listing_gives_the_items_of_its_pasted_text(seed):
    from_text = pages.parse(_seed_text(seed), year=2026).items
    from_html = loads(_html_rendering(seed).read_bytes(), format="html", year=2026, diagnostics=[])
    assert [i["id"] for i in from_html] == [i["id"] for i in from_text]
    problems = {
        t["id"]: p
        for h, t in zip(from_html, from_text, strict=True)
        if (p := _same_item(dict(h), dict(t)))
    }
    assert problems == {}


@pytest.mark.parametrize("seed", SEED_PAGES)
def test_saved_listing_adds_links(seed):
    items = loads(_html_rendering(seed).read_bytes(), format="html", year=2026, diagnostics=[])
    assert items, f"seed {seed}: the saved listing gave no items"
    with_url = [i for i in items if i.get("URL", "").startswith("https://")]
    if seed == "002":  # that site links its works relatively and the page names no base
        assert not any("/works/" in i.get("URL", "") for i in items)
    else:
        assert len(with_url) == len(items)


def test_comparison_notices_a_changed_title():
    text_item = {"id": "a", "type": "article", "title": "One"}
    assert _same_item({"id": "a", "type": "article", "title": "Two"}, text_item) == [
        "title: 'Two' != 'One'"
    ]
    assert _same_item({**text_item, "URL": "https://x.org/p"}, {**text_item, "URL": "https://c"})


# --------------------------------------------------------------------------- visible text


def _lines(markup: str) -> list[str]:
    return [line.text for line in links.visible_lines(parse_html(markup))]


def test_visible_text_breaks_blocks_and_skips_scripts_styles_nav():
    markup = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<nav>Home About</nav><script>var x = '<p>no</p>';</script>"
        "<div>One <b>bold</b>\n  word</div><div>Two<br>Three</div><noscript>JS off</noscript>"
        "<p hidden>secret</p><!-- a comment --></body></html>"
    )
    assert _lines(markup) == ["One bold word", "Two", "Three"]


def test_paragraphs_and_headings_leave_an_empty_line_after_them():
    markup = "<body><div>meta</div><h3>Title</h3><p>authors</p><p>abstract</p><div>x</div></body>"
    assert _lines(markup) == ["meta", "Title", "", "authors", "", "abstract", "", "x"]


def test_inline_spans_run_together_as_a_browser_copies_them():
    assert _lines("<div><span>LG</span><span>Jun 2</span><a>Code</a></div>") == ["LGJun 2Code"]


def test_entities_are_decoded():
    assert _lines("<p>Q&amp;A &ndash; caf&eacute; &#x2014; &nbsp;x</p>") == ["Q&A – café — x"]


def test_nested_tables_become_tab_separated_rows():
    markup = (
        "<table><tr><td>a</td><td><table><tr><td>b1</td><td>b2</td></tr></table></td></tr>"
        "<tr><td>c</td><td>d</td></tr></table>"
    )
    assert _lines(markup) == ["a", "b1\tb2", "c\td"]


def test_deep_nesting_does_not_hit_the_recursion_limit():
    markup = "<div>" * 5000 + "deep" + "</div>" * 5000
    assert _lines(markup) == ["deep"]


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("https://x.org/a", None, "https://x.org/a"),
        ("/2025.findings-acl.12/", None, "https://aclanthology.org/2025.findings-acl.12/"),
        ("/P19-1001/", None, "https://aclanthology.org/P19-1001/"),
        ("/abs/2401.01234", None, "https://arxiv.org/abs/2401.01234"),
        ("/papers/2401.01234", None, "https://huggingface.co/papers/2401.01234"),
        ("/works/3", None, None),
        ("/works/3", "https://site.example/p/x", "https://site.example/works/3"),
        ("#abstract", "https://site.example/", None),
        ("javascript:void(0)", None, None),
    ],
)
def test_absolute_links(href, base, expected):
    assert links.absolute(href, base) == expected


def test_link_facts_find_dois_and_arxiv_ids():
    facts = links.link_facts(
        ["https://doi.org/10.18653/v1/2023.acl-long.1", "https://arxiv.org/pdf/2401.01234v2.pdf"]
    )
    assert facts == {"DOI": "10.18653/v1/2023.acl-long.1", "arxiv_id": "2401.01234"}
    assert links.link_facts(["https://huggingface.co/papers/2502.00007"]) == {
        "arxiv_id": "2502.00007"
    }


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Code at https://github.com/a/b.", ["https://github.com/a/b"]),
        ("see \\url{https://github.com/a/b}.", ["https://github.com/a/b"]),
        ("(https://x.org/a_(b)) and https://y.org", ["https://x.org/a_(b)", "https://y.org"]),
        ("cut off \\url{http", []),
    ],
)
def test_printed_urls_are_cleaned(text, urls):
    assert links.printed_urls(text) == urls


def test_text_listing_items_get_the_link_around_their_title():
    markup = (
        '<html><head><link rel="canonical" href="https://papers.example/list"></head><body>'
        "<p>new</p><p>Get trending papers in your email inbox!</p><p>Subscribe</p>"
        '<article><h3><a href="/papers/2401.00001">First Paper Title Here</a></h3>'
        "<p>Abstract one about things.</p>"
        '<a href="https://doi.org/10.1000/xyz1">doi</a></article>'
        '<article><h3><a href="/papers/2401.00002">Second Paper Title</a></h3>'
        "<p>Abstract two about other things.</p></article></body></html>"
    )
    items: list[dict[str, Any]] = [
        {"id": "a", "type": "article", "title": "First Paper Title Here"},
        {"id": "b", "type": "article", "title": "Second Paper Title", "URL": "https://g.com/x"},
    ]
    listing.enrich(items, PageIndex(parse_html(markup)))  # type: ignore[arg-type]
    assert items[0]["URL"] == "https://papers.example/papers/2401.00001"
    assert items[0]["DOI"] == "10.1000/xyz1"
    assert items[1]["URL"] == "https://papers.example/papers/2401.00002"
    assert "DOI" not in items[1]  # the first card's DOI link is not the second's
    assert items[1]["custom"] == {"urls": ["https://g.com/x"]}


def test_acl_volume_page_takes_venue_from_its_title_and_year_from_the_id():
    markup = (
        "<html><body><section id=main><h2 id=title><a href=/volumes/P19-1/>Proceedings of the "
        "57th Annual Meeting of the Association for Computational Linguistics</a></h2>"
        '<p class="d-sm-flex align-items-stretch"><span class=d-block><strong>'
        "<a class=align-middle href=/P19-1001/>One Paper</a></strong><br>"
        "<a href=/people/a/ann-lee/>Ann Lee</a></span></p></section></body></html>"
    )
    (item,) = loads(markup, format="html", diagnostics=[])
    assert item["container-title"].startswith("Proceedings of the 57th Annual Meeting")
    assert (item["type"], item["issued"]) == ("paper-conference", {"date-parts": [[2019]]})
    assert item["URL"] == "https://aclanthology.org/P19-1001/"


def test_notes_citing_visible_text_lines_say_so_by_their_code() -> None:
    from bs4 import BeautifulSoup

    from bibconv.diagnostics import info
    from bibconv.html.page import Locator

    page = "<p>x</p>"
    soup = BeautifulSoup(page, "html.parser")
    locator = Locator(page, "page.html", PageIndex(soup))
    detected = info("page.detected", "detected hf-papers (evidence: lines 3, 7)")
    other = info("page.other", "one line left out")  # "line" in the text is no signal
    moved = listing._relocated(detected, [], soup, locator)
    assert moved.message == f"{detected.message} in the page's visible text"
    assert listing._relocated(other, [], soup, locator) == other


@pytest.mark.parametrize(
    ("golden", "printed", "odd"),
    [
        ("html-ieee-xplore", '"publicationYear":"2016"', '"publicationYear":"²"'),
        ("html-google-scholar-profile", 'gs_ibl">2017</span></td>', 'gs_ibl">²</span></td>'),
    ],
)
def test_a_year_of_a_digit_int_refuses_is_no_year(golden: str, printed: str, odd: str) -> None:
    # "²".isdigit() is true and int("²") raises: these readers crashed with ValueError
    page = (GOLDEN / golden / "input.html").read_text(encoding="utf-8")
    assert printed in page
    items = loads(page.replace(printed, odd), "html")
    assert items
    assert "issued" not in items[0]
