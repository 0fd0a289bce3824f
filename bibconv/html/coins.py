"""COinS: ``<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.atitle=...">`` (OpenURL KEV).

One span per work. Landing pages carry one; listing pages (library catalogues, some
bibliography pages) carry one per entry, and then each span is an item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final
from urllib.parse import parse_qsl

from bibconv._vocab import find_arxiv_id, find_doi, page_range, venue_type
from bibconv.html.meta import Source
from bibconv.html.page import Locator, PageIndex
from bibconv.html.values import fold, parse_date, split_name
from bibconv.model import CslName

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

#: ``rft.genre`` -> CSL type (OpenURL 1.0 journal and book formats).
GENRES: Final = {
    "article": "article-journal",
    "journal": "article-journal",
    "issue": "article-journal",
    "proceeding": "paper-conference",
    "conference": "paper-conference",
    "preprint": "article",
    "book": "book",
    "bookitem": "chapter",
    "report": "report",
    "document": "document",
    "dissertation": "thesis",
    "unknown": "article",
}
#: KEV key -> CSL variable; earlier keys win for the same variable.
KEYS: Final = (
    ("rft.atitle", "title"),
    ("rft.title", "title"),
    ("rft.btitle", "title"),
    ("rft.jtitle", "container-title"),
    ("rft.stitle", "container-title-short"),
    ("rft.volume", "volume"),
    ("rft.issue", "issue"),
    ("rft.pages", "page"),
    ("rft.pub", "publisher"),
    ("rft.publisher", "publisher"),
    ("rft.place", "publisher-place"),
    ("rft.issn", "ISSN"),
    ("rft.eissn", "ISSN"),
    ("rft.isbn", "ISBN"),
    ("rft.language", "language"),
    ("rft.description", "abstract"),
)


def spans(page: PageIndex) -> list[Tag]:
    """The page's COinS spans, in document order."""
    return [
        tag
        for tag in page.classed("Z3988")
        if isinstance(tag.get("title"), str) and "rft" in str(tag.get("title"))
    ]


def coins(span: Tag, soup: BeautifulSoup, locator: Locator) -> Source:
    """One span's KEV as a Source."""
    source = Source("COinS")
    where = locator.locate(span, soup)
    pairs = parse_qsl(str(span.get("title")), keep_blank_values=False)
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        if fold(value):
            values.setdefault(key.lower(), []).append(fold(value))

    def put(key: str, value: object) -> None:
        source.put(key, value, "COinS " + key, where)

    # A book's own title is rft.btitle; a chapter's or conference paper's is rft.atitle,
    # and then rft.btitle names the book or proceedings it is in.
    genre = (values.get("rft.genre") or [""])[0].lower()
    if "rft.atitle" in values and "rft.btitle" in values:
        put("container-title", values["rft.btitle"][0])
    for key, variable in KEYS:
        if key in values:
            put(variable, values[key][0])
    put("author", _authors(values))
    if "rft.date" in values:
        put("issued", parse_date(values["rft.date"][0]))
    if "page" not in source.fields and "rft.spage" in values:
        put("page", page_range(values["rft.spage"][0], (values.get("rft.epage") or [""])[0]))
    for rft_id in values.get("rft_id", []):
        _identifier(rft_id, put)
    source.type_hint = GENRES.get(genre) or _format_type(values)
    if source.type_hint == "article-journal":
        source.type_hint = venue_type(source.fields.get("container-title", "")) or (
            "article-journal"
        )
    return source


def _authors(values: dict[str, list[str]]) -> list[CslName]:
    names: list[CslName] = []
    # The first author often comes in parts (rft.aulast + rft.aufirst) and the others as
    # rft.au (Wikipedia's citation templates do this); a repeated first author is skipped.
    last = (values.get("rft.aulast") or [""])[0]
    first = (values.get("rft.aufirst") or values.get("rft.auinit") or [""])[0]
    if last:
        names.append({"family": last, "given": first} if first else {"family": last})
    for raw in values.get("rft.au", []):
        name = split_name(raw)
        if name and name not in names:
            names.append(name)
    return names


def _identifier(rft_id: str, put: Callable[[str, object], None]) -> None:
    lowered = rft_id.lower()
    if lowered.startswith("info:doi/") or "doi.org/" in lowered:
        put("DOI", find_doi(rft_id))
    elif lowered.startswith("info:arxiv/") or "arxiv.org/abs/" in lowered:
        put("custom.arxiv_id", find_arxiv_id(rft_id))
    elif lowered.startswith("info:pmid/"):
        put("PMID", rft_id.split("/", 1)[1])
    elif lowered.startswith("info:pmc/"):
        put("PMCID", rft_id.split("/", 1)[1])
    elif lowered.startswith(("http://", "https://")):
        put("URL", rft_id)


def _format_type(values: dict[str, list[str]]) -> str | None:
    fmt = (values.get("rft_val_fmt") or [""])[0]
    if fmt.endswith(":book"):
        return "book"
    if fmt.endswith(":journal"):
        return "article-journal"
    return None
