"""One place for each decision: every reader path gives the same answer as ``bibconv._vocab``.

Each input is fed to the shared function and, through ``bibconv.loads``, to every reader
that meets it in the wild (HTML meta tags, JSON-LD, COinS, page text, reference strings,
RIS, BibTeX); the expected answers are written out by hand, not computed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import quote_plus

import pytest

from bibconv import _vocab, loads
from bibconv.model import CslItem, CslName
from bibconv.registry import ReadFormat
from bibconv.render.fixes import preprint_server_as_publisher


def _read(text: str, format: ReadFormat) -> CslItem:
    items = loads(text, format, year=2026, diagnostics=[])
    assert len(items) == 1, items
    return items[0]


# ----------------------------------------------------------------------------- venues


def _dublin_core(venue: str, author: str = "Anna Author") -> str:
    return (
        '<html><head><meta name="DC.title" content="A title of the paper">'
        f'<meta name="DC.creator" content="{author}">'
        f'<meta name="DC.source" content="{venue}"></head><body></body></html>'
    )


def _json_ld(venue: str, author: str = "Anna Author") -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": "A title of the paper",
        "author": [{"@type": "Person", "name": author}],
        "isPartOf": {"@type": "Periodical", "name": venue},
    }
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head></html>'
    )


def _coins(venue: str, author: str = "Anna Author") -> str:
    query = "&amp;".join(
        [
            "ctx_ver=Z39.88-2004",
            "rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal",
            "rft.genre=article",
            "rft.atitle=A+title+of+the+paper",
            f"rft.jtitle={quote_plus(venue)}",
            f"rft.au={quote_plus(author)}",
        ]
    )
    return f'<html><body><span class="Z3988" title="{query}"></span></body></html>'


def _acl_page(venue: str, author: str = "Anna Author") -> str:
    return f"Owner Name\n\n2020\npdf\nbib\nA title of the paper\n{author}\n{venue}\n"


def _reference(venue: str, author: str = "Anna Author") -> str:
    return f"{author} and Bo Other. 2020. A title of the paper. {venue}.\n"


READER_PATHS: dict[str, tuple[Callable[..., str], ReadFormat]] = {
    "html-dublin-core": (_dublin_core, "html"),
    "html-json-ld": (_json_ld, "html"),
    "html-coins": (_coins, "html"),
    "page-acl-anthology": (_acl_page, "acl-anthology"),
    "references": (_reference, "references"),
}

VENUES = [
    # the three the two classifiers disagreed on
    ("Nature Communications", "article-journal"),
    ("LREC 2020", "paper-conference"),
    ("JMLR Workshop and Conference Proceedings", "paper-conference"),
    # journals named "Proceedings", and a conference named after IEEE
    ("Proceedings of the IEEE", "article-journal"),
    ("Proceedings of the National Academy of Sciences", "article-journal"),
    ("Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
     "paper-conference"),
    # CONVENTIONS' own examples
    ("Findings of the Association for Computational Linguistics: EMNLP 2021",
     "paper-conference"),
    ("Transactions of the Association for Computational Linguistics", "article-journal"),
    ("Computational Linguistics", "article-journal"),
    ("Journal of Machine Learning Research", "article-journal"),
    ("Advances in Neural Information Processing Systems", "paper-conference"),
    ("arXiv", "article"),
    ("bioRxiv", "article"),
    # acronyms that only one of the two acronym lists (_vocab's, the reference reader's) had
    ("OSDI 2020", "paper-conference"),
    ("SemEval 2017", "paper-conference"),
]  # fmt: skip
# Known disagreements, each a reader's own gap rather than a second decision.
_XFAIL: dict[tuple[str, str], str] = {
    ("bioRxiv", "references"): "the reference reader takes a lone 'bioRxiv.' for a publisher",
    ("John Smith Jr.", "page-acl-anthology"): "an ACL Anthology line ending in '.' is no author",
    ("G Van Den Driessche", "references"): "the reference reader writes initials with a '.'",
}


def _known_gap(value: str, path: str) -> list[pytest.MarkDecorator]:
    reason = _XFAIL.get((value, path))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.mark.parametrize(("venue", "csl_type"), VENUES)
def test_venue_type(venue: str, csl_type: str) -> None:
    assert _vocab.venue_type(venue) == csl_type


@pytest.mark.parametrize(
    ("path", "venue", "csl_type"),
    [
        pytest.param(path, venue, csl_type, marks=_known_gap(venue, path))
        for path in sorted(READER_PATHS)
        for venue, csl_type in VENUES
    ],
)
def test_every_reader_types_a_venue_alike(path: str, venue: str, csl_type: str) -> None:
    make, format = READER_PATHS[path]
    item = _read(make(venue), format)
    assert item["type"] == csl_type
    assert item.get("container-title") == venue


@pytest.mark.parametrize("venue", [None, "", "  ", "Some Venue Without Cues"])
def test_a_venue_that_says_nothing_gives_no_type(venue: str | None) -> None:
    # Each caller picks its context's default (documented in _vocab.venue_type).
    assert _vocab.venue_type(venue) is None


# ----------------------------------------------------------------------------- names

GIVEN_FAMILY: list[tuple[str, CslName]] = [
    ("Anna van der Berg", {"family": "van der Berg", "given": "Anna"}),
    ("Lucia dei Rossi", {"family": "dei Rossi", "given": "Lucia"}),
    ("John Smith jr", {"family": "Smith", "given": "John", "suffix": "jr"}),
    ("John Smith Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
    ("Jean-Luc Gauvain", {"family": "Gauvain", "given": "Jean-Luc"}),
    ("G Van Den Driessche", {"family": "Van Den Driessche", "given": "G"}),
]
# Reader paths that print one person "Given Family" in a list of others.
NAME_PATHS: dict[str, tuple[Callable[..., str], ReadFormat]] = {
    "html-dublin-core": (_dublin_core, "html"),
    "html-json-ld": (_json_ld, "html"),
    "html-coins": (_coins, "html"),
    "page-acl-anthology": (_acl_page, "acl-anthology"),
    "references": (_reference, "references"),
}


@pytest.mark.parametrize(("printed", "name"), GIVEN_FAMILY)
def test_split_given_family(printed: str, name: CslName) -> None:
    assert _vocab.split_given_family(printed) == name


def test_a_particle_alone_is_no_given_name() -> None:
    assert _vocab.split_given_family("de Souza") == {"family": "de Souza"}
    assert _vocab.split_given_family("") == {}


@pytest.mark.parametrize(
    ("path", "printed", "name"),
    [
        pytest.param(path, printed, name, marks=_known_gap(printed, path))
        for path in sorted(NAME_PATHS)
        for printed, name in GIVEN_FAMILY
    ],
)
def test_every_reader_splits_a_name_alike(path: str, printed: str, name: CslName) -> None:
    make, format = NAME_PATHS[path]
    item = _read(make("Journal of Examples", author=printed), format)
    assert item["author"][0] == name


FAMILY_GIVEN: list[tuple[str, CslName]] = [
    ("van der Berg, Anna", {"family": "van der Berg", "given": "Anna"}),
    ("King, Jr., Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
    ("Smith, John, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("dei Rossi, Lucia", {"family": "dei Rossi", "given": "Lucia"}),
]


@pytest.mark.parametrize(("printed", "name"), FAMILY_GIVEN)
def test_split_family_given(printed: str, name: CslName) -> None:
    assert _vocab.split_family_given(printed) == name


@pytest.mark.parametrize(("printed", "name"), FAMILY_GIVEN)
def test_html_and_ris_split_family_first_alike(printed: str, name: CslName) -> None:
    html = _read(_dublin_core("Journal of Examples", author=printed), "html")
    ris = _read(f"TY  - JOUR\nTI  - A title\nAU  - {printed}\nER  - \n", "ris")
    assert html["author"] == [name]
    assert ris["author"] == [name]


@pytest.mark.parametrize("text", ["et al.", "et al", "others", "Et Al.", " et.  al. "])
def test_et_al_words(text: str) -> None:
    assert _vocab.is_et_al(text)


def test_bibtex_name_lists_split_on_and_outside_braces() -> None:
    assert _vocab.split_bibtex_names("{Barnes and Noble} and Doe, J.") == [
        " {Barnes and Noble}",
        "Doe, J. ",
    ]
    assert [n.strip() for n in _vocab.split_bibtex_names("A AND B\nand C")] == ["A", "B", "C"]
    assert _vocab.split_bibtex_names("Anderson, Sandy") == [" Anderson, Sandy "]


# ----------------------------------------------------------------------------- identifiers

DOIS = [
    ("10.1038/nature16961", "10.1038/nature16961"),
    ("https://doi.org/10.1038/nature16961", "10.1038/nature16961"),
    ("http://dx.doi.org/10.1145/2939672.2939754", "10.1145/2939672.2939754"),
    ("doi:10.1145/2939672.2939754", "10.1145/2939672.2939754"),
]


@pytest.mark.parametrize(("printed", "doi"), DOIS)
def test_every_reader_gives_the_bare_doi(printed: str, doi: str) -> None:
    assert _vocab.find_doi(printed) == doi
    assert _vocab.strip_doi_resolver(printed) == doi
    assert _vocab.DOI_VALUE.fullmatch(printed) is not None
    html = _read(
        '<html><head><meta name="citation_title" content="A title">'
        f'<meta name="citation_doi" content="{printed}"></head></html>',
        "html",
    )
    ris = _read(f"TY  - JOUR\nTI  - A title\nDO  - {printed}\nER  - \n", "ris")
    reference = _read(
        f"Anna Author. 2020. A title of the paper. Nature, 1:1–2. {printed}\n", "references"
    )
    assert html["DOI"] == ris["DOI"] == reference["DOI"] == doi


def test_a_doi_needs_its_registrant_code() -> None:
    assert _vocab.find_doi("see 10.12/x") is None
    assert _vocab.DOI_VALUE.fullmatch("10.1038") is None


@pytest.mark.parametrize(
    ("printed", "arxiv_id"),
    [
        ("arXiv:1706.03762v7", "1706.03762"),
        ("https://arxiv.org/abs/cs.CL/0101001", "cs.CL/0101001"),
        ("2401.12345", "2401.12345"),
    ],
)
def test_arxiv_ids(printed: str, arxiv_id: str) -> None:
    assert _vocab.find_arxiv_id(printed) == arxiv_id
    assert _vocab.ARXIV_VALUE.fullmatch(arxiv_id) is not None


def test_arxiv_ids_read_alike_from_bibtex_and_html() -> None:
    bib = _read("@misc{k, title={A title}, eprint={1706.03762}, archiveprefix={arXiv}}", "bibtex")
    html = _read(
        '<html><head><meta name="citation_title" content="A title">'
        '<meta name="citation_arxiv_id" content="1706.03762v7"></head></html>',
        "html",
    )
    assert html["custom"]["arxiv_id"] == "1706.03762"
    assert "1706.03762" in json.dumps(bib)


# ----------------------------------------------------------------------------- months, pages


@pytest.mark.parametrize(
    ("word", "number"),
    [("jan", 1), ("January", 1), ("Sept.", 9), ("sep", 9), ("DEC", 12), ("may", 5)],
)
def test_month_number(word: str, number: int) -> None:
    assert _vocab.month_number(word) == number


@pytest.mark.parametrize("word", ["spring", "13", "Janvier", ""])
def test_not_a_month(word: str) -> None:
    assert _vocab.month_number(word) is None


@pytest.mark.parametrize("month", ["sep", "sept", "September"])
def test_bibtex_and_ris_read_a_month_alike(month: str) -> None:
    bib = _read(f"@article{{k, title={{T}}, year={{2020}}, month={{{month}}}}}", "bibtex")
    ris = _read(f"TY  - JOUR\nTI  - T\nDA  - 2020/{month}\nER  - \n", "ris")
    assert bib["issued"] == {"date-parts": [[2020, 9]]}
    assert ris["issued"] == bib["issued"]


@pytest.mark.parametrize("printed", ["12-20", "12--20", "12 – 20", "12—20", "12−20"])
def test_page_dashes(printed: str) -> None:
    assert _vocab.PAGE_DASH.sub("–", printed) == "12–20"


def test_page_range() -> None:
    assert _vocab.page_range(" 12", "20 ") == "12–20"
    assert _vocab.page_range("12", "12") == "12"
    assert _vocab.page_range("", "20") == "20"


# ----------------------------------------------------------------------------- preprints


@pytest.mark.parametrize("server", _vocab.PREPRINT_SERVERS)
def test_each_preprint_server_is_one_to_every_caller(server: str) -> None:
    """One list (issue 13): the venue -> type rule, the duplicate finder's preprint test and
    the renderer's publisher fix all know every server (they knew 8, 6 and 8 of these)."""
    assert _vocab.venue_type(server) == "article"
    assert _vocab.mentions_preprint(f"{server} e-prints")
    item: CslItem = {"id": "a", "type": "article", "container-title": server}
    assert preprint_server_as_publisher(item).get("publisher") == server


@pytest.mark.parametrize(
    ("text", "mentions"),
    [("arXiv preprint arXiv:2101.00001", True), ("bioRxiv", True), ("Preprints", True),
     ("Corrosion Science", False), ("Journal of Ecorrosion", False)],
)  # fmt: skip
def test_a_preprint_is_mentioned_by_a_servers_name_or_the_word(text: str, mentions: bool) -> None:
    assert _vocab.mentions_preprint(text) is mentions
