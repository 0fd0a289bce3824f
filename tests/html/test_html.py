"""HTML landing pages: conventions, precedence, conflicts, charsets, locations, safety."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from bibconv import html, loads, registry
from bibconv._vocab import find_arxiv_id, find_doi
from bibconv.diagnostics import Diagnostic, Location, ParseError, Severity
from bibconv.html.page import Locator, PageIndex
from bibconv.html.values import language_tag, parse_date, split_name
from bibconv.protocols import ReadOptions
from tests.conftest import ROOT


def page(head: str, body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>\n{textwrap.dedent(head)}</head><body>{body}</body></html>"


def read(markup: str | bytes, path: str = "p.html") -> tuple[dict[str, Any], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    items = loads(markup, format="html", path=path, diagnostics=diagnostics)
    assert len(items) == 1
    return dict(items[0]), diagnostics


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Vaswani, Ashish", {"family": "Vaswani", "given": "Ashish"}),
        ("Ashish Vaswani", {"family": "Vaswani", "given": "Ashish"}),
        ("Aidan N. Gomez", {"family": "Gomez", "given": "Aidan N."}),
        ("George van den Driessche", {"family": "van den Driessche", "given": "George"}),
        ("van den Driessche, George", {"family": "van den Driessche", "given": "George"}),
        ("  Aditya   Grover ", {"family": "Grover", "given": "Aditya"}),
        ("King, Jr., Martin", {"family": "King", "given": "Martin", "suffix": "Jr."}),
        ("Martin King Jr.", {"family": "King", "given": "Martin", "suffix": "Jr."}),
        ("Plato", {"family": "Plato"}),
        ("et al.", {"literal": "others"}),
        ("  ", None),
    ],
)
def test_split_name(raw, name):
    assert split_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("2024/05/01", [2024, 5, 1]),
        ("2024-05-01", [2024, 5, 1]),
        ("2019/6", [2019, 6]),
        ("2005/8/30", [2005, 8, 30]),
        ("2024", [2024]),
        ("2016-01-27T00:00:00Z", [2016, 1, 27]),
        ("2024-05-02T08:30:00+00:00", [2024, 5, 2]),
        ("1 May 2024", [2024, 5, 1]),
        ("May 1, 2024", [2024, 5, 1]),
        ("Sept 2023", [2023, 9]),
    ],
)
def test_parse_date_keeps_the_printed_precision(raw, parts):
    assert parse_date(raw) == {"date-parts": [parts]}


@pytest.mark.parametrize("raw", ["Summer 2023", "2024/13/01", "2024-05-40", "05/01/2024", ""])
def test_parse_date_refuses_what_it_cannot_read(raw):
    assert parse_date(raw) is None


def test_identifier_cleaning():
    assert find_doi("https://doi.org/10.1038/nature16961") == "10.1038/nature16961"
    assert find_doi("doi:10.1145/2939672.2939754") == "10.1145/2939672.2939754"
    assert find_doi("info:doi/10.1371/journal.pmed.0020124") == "10.1371/journal.pmed.0020124"
    assert find_doi("not a doi") is None
    assert find_arxiv_id("arXiv:1706.03762v7") == "1706.03762"
    assert find_arxiv_id("https://arxiv.org/abs/cs.CL/0101001") == "cs.CL/0101001"
    assert language_tag("EN") == "en"
    assert language_tag("en_us") == "en-US"


# --------------------------------------------------------------------------- conventions


def test_highwire_repeated_authors_dates_pages_and_entities():
    item, notes = read(
        page(
            """\
            <meta name="citation_title" content="Q&amp;A &#8211; a &quot;study&quot;">
            <meta name="citation_author" content="Doe, Jane">
            <meta name="citation_author" content="John Smith">
            <meta name="citation_publication_date" content="2024/05/01">
            <meta name="citation_journal_title" content="Journal of Tests">
            <meta name="citation_volume" content="3">
            <meta name="citation_firstpage" content="10">
            <meta name="citation_lastpage" content="20">
            <meta name="citation_doi" content="https://doi.org/10.1000/x1">
            <meta name="citation_keywords" content="alpha; beta">
            <meta name="citation_keywords" content="gamma">
            <meta name="citation_isbn" content="978-0-00-000000-0">
            """
        )
    )
    assert notes == []
    assert item["title"] == 'Q&A – a "study"'
    assert item["author"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Smith", "given": "John"},
    ]
    assert item["issued"] == {"date-parts": [[2024, 5, 1]]}
    assert (item["type"], item["container-title"], item["page"]) == (
        "article-journal",
        "Journal of Tests",
        "10–20",
    )
    assert item["DOI"] == "10.1000/x1"
    assert item["keyword"] == "alpha, beta, gamma"
    assert item["id"] == "doe2024qa"


def test_double_escaped_entities_in_meta_content_are_decoded():
    item, _ = read(page('<meta name="citation_title" content="A &amp;#8211; B">'))
    assert item["title"] == "A – B"


def test_conference_title_makes_a_proceedings_paper():
    item, _ = read(
        page(
            """\
            <meta name="citation_title" content="T">
            <meta name="citation_conference_title" content="Proceedings of ACL">
            <meta name="citation_date" content="2020">
            """
        )
    )
    assert (item["type"], item["container-title"]) == ("paper-conference", "Proceedings of ACL")


def test_arxiv_preprint_gets_container_and_category():
    item, _ = read(
        page(
            """\
            <meta name="citation_title" content="T">
            <meta name="citation_arxiv_id" content="2401.01234">
            <meta name="citation_date" content="2024/01/03">
            """,
            '<td class="tablecell subjects"><span class="primary-subject">'
            "Machine Learning (cs.LG)</span>; Computation and Language (cs.CL)</td>",
        )
    )
    assert item["type"] == "article"
    assert item["container-title"] == "arXiv"
    assert item["custom"] == {"arxiv_id": "2401.01234", "arxiv_category": "cs.LG"}


def test_dublin_core_alone_in_any_case():
    item, _ = read(
        page(
            """\
            <meta name="DC.Title" content="Dublin">
            <meta name="dc.creator" content="Joyce, James">
            <meta name="DCTERMS.issued" content="1914-06">
            <meta name="DC.Identifier" scheme="doi" content="10.1000/dub">
            <meta name="DC.type" content="Text.Book">
            """
        )
    )
    assert item["title"] == "Dublin"
    assert item["author"] == [{"family": "Joyce", "given": "James"}]
    assert item["issued"] == {"date-parts": [[1914, 6]]}
    assert item["DOI"] == "10.1000/dub"
    assert item["type"] == "book"


def test_prism_fills_what_highwire_lacks():
    item, _ = read(
        page(
            """\
            <meta name="citation_title" content="T">
            <meta name="prism.publicationName" content="Nature">
            <meta name="prism.volume" content="1">
            <meta name="prism.number" content="2">
            <meta name="prism.startingPage" content="3">
            <meta name="prism.endingPage" content="4">
            <meta name="prism.publicationDate" content="2016-01-28">
            """
        )
    )
    assert (item["container-title"], item["volume"], item["issue"], item["page"]) == (
        "Nature",
        "1",
        "2",
        "3–4",
    )
    assert item["issued"] == {"date-parts": [[2016, 1, 28]]}


def jsonld(data: str) -> str:
    return page(f'<script type="application/ld+json">{data}</script>')


def test_jsonld_book_with_string_authors_and_an_organisation():
    item, _ = read(
        jsonld(
            '{"@context":"https://schema.org","@type":"Book","name":"B","isbn":"978-1",'
            '"author":["Ada Lovelace",{"@type":"Organization","name":"The Lab"}],'
            '"datePublished":"1843","publisher":{"@type":"Organization","name":"P"}}'
        )
    )
    assert item["type"] == "book"
    assert item["author"] == [
        {"family": "Lovelace", "given": "Ada"},
        {"literal": "The Lab"},
    ]
    assert (item["ISBN"], item["publisher"]) == ("978-1", "P")


def test_jsonld_chapter_in_a_book_and_a_list_of_nodes():
    item, _ = read(
        jsonld(
            '[{"@type":"WebSite","name":"Site"},{"@type":"Chapter","name":"C",'
            '"author":{"@type":"Person","givenName":"Ann","familyName":"Lee"},'
            '"isPartOf":{"@type":"Book","name":"The Book"},"pageStart":"5","pageEnd":"9"}]'
        )
    )
    assert (item["type"], item["title"], item["container-title"], item["page"]) == (
        "chapter",
        "C",
        "The Book",
        "5–9",
    )


def test_jsonld_article_in_issue_volume_periodical():
    item, _ = read(
        jsonld(
            '{"@graph":[{"@type":"ScholarlyArticle","headline":"H","identifier":'
            '{"@type":"PropertyValue","propertyID":"DOI","value":"10.1/abc"},'
            '"isPartOf":{"@type":"PublicationIssue","issueNumber":"4","isPartOf":'
            '{"@type":"PublicationVolume","volumeNumber":"12","isPartOf":'
            '{"@type":"Periodical","name":"Journal of J","issn":"1234-5678"}}}}]}'
        )
    )
    assert item["type"] == "article-journal"
    assert (item["issue"], item["volume"], item["container-title"]) == ("4", "12", "Journal of J")
    assert (item["DOI"], item["ISSN"]) == ("10.1/abc", "1234-5678")


def test_jsonld_periodical_typed_also_as_its_volume():
    # Nature's JSON-LD: one node is both the journal and its volume.
    item, _ = read(
        jsonld(
            '{"@type":"ScholarlyArticle","headline":"H","isPartOf":{"name":"Nature",'
            '"issn":["1476-4687","0028-0836"],"volumeNumber":"529",'
            '"@type":["Periodical","PublicationVolume"]}}'
        )
    )
    assert (item["container-title"], item["volume"], item["ISSN"]) == (
        "Nature",
        "529",
        "1476-4687",
    )
    assert item["type"] == "article-journal"


def test_jsonld_named_volume_and_issue_without_a_periodical():
    volume, _ = read(
        jsonld(
            '{"@type":"ScholarlyArticle","headline":"H","isPartOf":'
            '{"@type":"PublicationVolume","name":"Proceedings of P","volumeNumber":"3"}}'
        )
    )
    assert (volume["container-title"], volume["volume"]) == ("Proceedings of P", "3")
    issue, _ = read(
        jsonld(
            '{"@type":"ScholarlyArticle","headline":"H","isPartOf":{"@type":'
            '"PublicationIssue","name":"Special issue on S","issueNumber":"2","volumeNumber":'
            '"7","isPartOf":{"@type":"Periodical","name":"Journal of J"}}}'
        )
    )
    # The periodical's name is the venue, not the issue's.
    assert (issue["container-title"], issue["volume"], issue["issue"]) == (
        "Journal of J",
        "7",
        "2",
    )


def test_jsonld_named_part_of_any_type_but_a_web_page():
    newspaper, _ = read(
        jsonld(
            '{"@type":"NewsArticle","headline":"H","isPartOf":'
            '{"@type":"Newspaper","name":"The Daily D"}}'
        )
    )
    assert newspaper["container-title"] == "The Daily D"
    on_page, _ = read(
        jsonld(
            '{"@type":"Article","headline":"H","isPartOf":'
            '{"@type":"ItemPage","name":"H - Example Lab"}}'
        )
    )
    assert "container-title" not in on_page


def test_jsonld_software_and_dataset():
    software, _ = read(jsonld('{"@type":"SoftwareSourceCode","name":"tool","version":"2.1"}'))
    assert (software["type"], software["version"]) == ("software", "2.1")
    dataset, _ = read(jsonld('{"@type":["Dataset"],"name":"data","creator":"Doe, Jo"}'))
    assert (dataset["type"], dataset["author"]) == ("dataset", [{"family": "Doe", "given": "Jo"}])


def test_invalid_jsonld_is_a_located_warning():
    markup = page(
        """\
        <meta name="citation_title" content="T">
        <script type="application/ld+json">{"@type": "Article",}</script>
        """
    )
    _, notes = read(markup)
    assert [(n.code, n.location) for n in notes] == [("html.bad-json-ld", Location("p.html", 3, 1))]


def test_single_coins_span_describes_the_page():
    span = (
        '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev'
        "%3Amtx%3Ajournal&amp;rft.genre=article&amp;rft.atitle=Coins+Title&amp;rft.jtitle="
        "Journal+of+C&amp;rft.spage=7&amp;rft.epage=8&amp;rft.date=1999-02&amp;rft.au="
        'Roe%2C+Ray&amp;rft_id=info%3Adoi%2F10.1000%2Fc"></span>'
    )
    item, _ = read(page("<title>Catalogue record</title>", span))
    assert item["title"] == "Coins Title"
    assert item["type"] == "article-journal"
    assert (item["page"], item["DOI"]) == ("7–8", "10.1000/c")
    assert item["issued"] == {"date-parts": [[1999, 2]]}
    assert item["author"] == [{"family": "Roe", "given": "Ray"}]


# --------------------------------------------------------------------------- precedence


def test_precedence_citation_over_jsonld_over_dc_over_og():
    markup = page(
        """\
        <meta property="og:title" content="OG title">
        <meta name="DC.title" content="OG title">
        <meta name="DC.publisher" content="DC Publisher">
        <meta name="DC.date" content="2001">
        <script type="application/ld+json">{"@type":"ScholarlyArticle","headline":"OG title",
          "datePublished":"2002-02-02","publisher":{"name":"LD Publisher"}}</script>
        <meta name="citation_title" content="OG title">
        <meta name="citation_date" content="2003">
        """
    )
    item, notes = read(markup)
    assert item["issued"] == {"date-parts": [[2003]]}  # citation_* beats JSON-LD and DC
    assert item["publisher"] == "LD Publisher"  # JSON-LD beats DC
    assert notes == []  # dates may differ (online vs print); only title and DOI are checked


def test_conflicting_title_keeps_the_better_source_and_warns_where():
    markup = page(
        """\
        <meta name="DC.title" content="Old working title">
        <meta name="citation_title" content="Published Title">
        """
    )
    item, notes = read(markup)
    assert item["title"] == "Published Title"
    assert len(notes) == 1
    assert notes[0].severity is Severity.WARNING
    assert notes[0].code == "html.conflict"
    assert notes[0].location == Location("p.html", 2, 1)
    assert "citation_title at 3:1" in notes[0].message


def test_site_decoration_is_not_a_conflict():
    _, notes = read(
        page(
            """\
            <meta name="citation_title" content="A Title">
            <meta property="og:title" content="A Title | Nature">
            <meta name="DC.title" content="[2401.01234] A title">
            """
        )
    )
    assert notes == []


def test_bad_date_is_located_and_ignored():
    item, notes = read(
        page(
            """\
            <meta name="citation_title" content="T">
            <meta name="citation_publication_date" content="n.d.">
            <meta name="citation_online_date" content="2020/02/02">
            """
        )
    )
    assert item["issued"] == {"date-parts": [[2020, 2, 2]]}
    assert [(n.code, n.location) for n in notes] == [("html.bad-date", Location("p.html", 3, 1))]


def test_page_without_any_paper_is_an_error():
    with pytest.raises(ParseError) as raised:
        loads(page("<title>Hours</title>", "<p>Open 9 to 5.</p>"), format="html")
    assert "html.no-items" in str(raised.value)


# --------------------------------------------------------------------------- charsets


def meta_page(charset: str, title: str) -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f'<meta name="citation_title" content="{title}"></head></html>'
    )


def test_declared_charset_is_used():
    item, notes = read(meta_page("iso-8859-1", "Über").encode("latin-1"))
    assert (item["title"], notes) == ("Über", [])
    item, notes = read(meta_page("shift_jis", "論文").encode("shift_jis"))
    assert (item["title"], notes) == ("論文", [])


def test_utf8_bytes_win_over_a_wrong_single_byte_declaration():
    item, notes = read(meta_page("windows-1252", "Łódź").encode("utf-8"))
    assert item["title"] == "Łódź"
    assert [(n.code, n.location) for n in notes] == [
        ("html.charset-mismatch", Location("p.html", 1, 65))
    ]


def test_declared_utf8_that_is_not_falls_back_with_a_warning():
    item, notes = read(meta_page("utf-8", "café").encode("cp1252"))
    assert item["title"] == "café"
    assert [n.code for n in notes] == ["html.charset-mismatch"]


def test_byte_order_mark_wins():
    item, notes = read("\ufeff".encode() + meta_page("iso-8859-1", "ü").encode("utf-8"))
    assert (item["title"], notes) == ("ü", [])


def test_text_input_ignores_the_declaration():
    item, notes = read(meta_page("iso-8859-1", "Łódź"))
    assert (item["title"], notes) == ("Łódź", [])


# --------------------------------------------------------------------------- machinery


def test_locator_agrees_with_html_parser_positions():
    from bs4 import BeautifulSoup

    markup = (
        "<html><head>\n<!-- <meta name=x> -->\n<script>var s='<meta name=y>';</script>\n"
        '  <meta name="a" content="1">\n<meta name="b" content="2"></head></html>'
    )
    for parser in ("lxml", "html.parser"):
        soup = BeautifulSoup(markup, parser)
        locator = Locator(markup, "f", PageIndex(soup))
        found = [locator.locate(tag, soup) for tag in soup.find_all("meta")]
        assert found == [Location("f", 4, 3), Location("f", 5, 1)], parser


def test_registry_sends_html_to_this_reader():
    assert registry.for_path("page.HTM") is html.FORMAT
    for start in (
        "<!DOCTYPE html>",
        "<!-- saved from url=(0036)https://aclanthology.org/ -->\n<html>",
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0',
        "\ufeff  <html lang=en>",
    ):
        assert registry.sniff(start) is html.FORMAT, start
    assert html.FORMAT.read_bytes is html.read_bytes


def test_read_directly_with_options():
    parsed = html.read(page('<meta name="citation_title" content="T">'), ReadOptions(path="x"))
    assert [i["title"] for i in parsed.items] == ["T"]


def test_no_network_and_no_external_entities(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    markup = (
        '<!DOCTYPE html SYSTEM "http://example.invalid/evil.dtd" [<!ENTITY x SYSTEM '
        '"http://example.invalid/x">]><html><head><meta name="citation_title" content="T &x;">'
        '<link rel="stylesheet" href="http://example.invalid/s.css"></head>'
        '<body><img src="http://example.invalid/i.png"><iframe src="http://example.invalid/">'
        "</iframe></body></html>"
    )
    item, _ = read(markup)
    assert item["title"].startswith("T")


def test_bs4_is_imported_only_when_html_is_read():
    code = (
        "import sys, bibconv\n"
        "bibconv.loads('@article{k, title={T}, year={2020}}', format='bibtex')\n"
        "assert 'bs4' not in sys.modules, 'bs4 imported for BibTeX'\n"
        "bibconv.loads('<html><head><meta name=citation_title content=T></head></html>')\n"
        "assert 'bs4' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_microdata_in_the_body_gives_venue_pages_and_people():
    body = (
        '<article itemscope itemtype="https://schema.org/ScholarlyArticle">'
        '<h1 itemprop="name">Micro Data</h1>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="givenName">Ann</span> <span itemprop="familyName">Lee</span></span>'
        '<time itemprop="datePublished" datetime="2021-03-04">4 March 2021</time>'
        '<span itemprop="isPartOf" itemscope itemtype="https://schema.org/Periodical">'
        '<span itemprop="name">Journal of Markup</span></span>'
        '<span itemprop="pageStart">1</span>-<span itemprop="pageEnd">9</span>'
        '<section itemprop="abstract"><h2>Abstract</h2><p>What it says.</p></section>'
        "</article>"
    )
    item, _ = read(page("<title>x</title>", body))
    assert item["title"] == "Micro Data"
    assert item["author"] == [{"family": "Lee", "given": "Ann"}]
    assert item["issued"] == {"date-parts": [[2021, 3, 4]]}
    assert (item["container-title"], item["page"], item["type"]) == (
        "Journal of Markup",
        "1–9",
        "article-journal",
    )
    assert item["abstract"] == "What it says."


@pytest.mark.parametrize(
    "case", sorted(p.parent.name for p in (ROOT / "tests" / "golden").glob("html-*/input.html"))
)
def test_html_parser_gives_the_same_items_as_lxml(case, monkeypatch):
    """The fallback parser (no lxml installed) reads every golden page the same way."""
    from bs4 import BeautifulSoup, FeatureNotFound

    data = (ROOT / "tests" / "golden" / case / "input.html").read_bytes()

    def read_all() -> list[Any]:
        try:
            return [dict(i) for i in loads(data, format="html", year=2026, diagnostics=[])]
        except ParseError as error:
            return [str(error)]  # both parsers must refuse a page alike, with one message

    with_lxml = read_all()
    assert with_lxml, f"{case}: no items and no error"

    used: list[str] = []

    def no_lxml(markup: str, features: str) -> BeautifulSoup:
        used.append(features)
        if features == "lxml":
            raise FeatureNotFound("lxml")
        return BeautifulSoup(markup, features)

    monkeypatch.setattr("bs4.BeautifulSoup", no_lxml)
    assert read_all() == with_lxml
    assert used == ["lxml", "html.parser"]


def test_reference_list_coins_on_a_landing_page_are_noted_not_read():
    span = '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.atitle=Ref+{n}"></span>'
    item, notes = read(
        page('<meta name="citation_title" content="The Paper">', span.format(n=1) + span)
    )
    assert item["title"] == "The Paper"
    assert [(n.code, n.severity, n.location) for n in notes] == [
        ("html.coins-ignored", Severity.INFO, Location("p.html", 2, 62))
    ]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("G Van Den Driessche", {"family": "Van Den Driessche", "given": "G"}),
        ("Ludwig Van Beethoven", {"family": "Beethoven", "given": "Ludwig Van"}),
        ("CJ Maddison", {"family": "Maddison", "given": "CJ"}),
    ],
)
def test_capitalised_particles_only_after_initials(raw, name):
    assert split_name(raw) == name


def test_a_broken_json_ld_block_is_named_when_no_paper_is_found() -> None:
    # Was only "found no paper metadata (... JSON-LD ...)": the page has JSON-LD, broken.
    page = (
        '<html><head><script type="application/ld+json">'
        '{"@type": "ScholarlyArticle", "name": "X", </script></head><body>hi</body></html>'
    )
    with pytest.raises(ParseError) as caught:
        loads(page, "html", path="p.html")
    codes = [d.code for d in caught.value.diagnostics]
    assert "html.bad-json-ld" in codes
    assert codes[-1] == "html.no-items"
