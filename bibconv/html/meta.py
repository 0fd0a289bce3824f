"""Metadata conventions in ``<meta>`` tags (Highwire, Dublin Core, PRISM, Open Graph).

Each convention becomes one :class:`Source`: the CSL variables it states, where it stated
them, and the item type it implies. ``html.py`` merges the sources by precedence. The
name, date, DOI and venue helpers here are shared with the JSON-LD and COinS readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from bibconv._vocab import find_arxiv_id, find_doi, page_range, venue_type
from bibconv.diagnostics import Diagnostic, Location, warning
from bibconv.html.page import Locator, PageIndex
from bibconv.html.values import fold, meta_text, parse_date, plain, split_name
from bibconv.model import CslName

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag


@dataclass(slots=True)
class Source:
    """One metadata convention's statement about the page's paper.

    ``fields`` maps CSL variables (and ``custom.<key>`` for custom ones) to values;
    ``where`` remembers the tag each came from, for conflict warnings.
    """

    name: str
    fields: dict[str, Any] = field(default_factory=dict)
    where: dict[str, Location | None] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # field -> the tag/key it came from
    type_hint: str | None = None

    def put(self, key: str, value: Any, label: str, location: Location | None) -> None:
        """Record ``value`` unless this source already stated ``key`` (first tag wins)."""
        if value in (None, "", []) or key in self.fields:
            return
        self.fields[key] = value
        self.labels[key] = label
        self.where[key] = location


# --------------------------------------------------------------------------- meta tags

#: Highwire / Google Scholar tags: meta name -> CSL variable, in the order they win
#: within the convention (publication_date before date before online_date ...).
HIGHWIRE_TEXT: Final = (
    ("citation_title", "title"),
    ("citation_journal_title", "container-title"),
    # A proceedings volume's own title is the container; the conference is the event.
    ("citation_inbook_title", "container-title"),
    ("citation_book_title", "container-title"),
    ("citation_conference_title", "container-title"),
    ("citation_conference", "container-title"),
    ("citation_series_title", "collection-title"),
    ("citation_volume", "volume"),
    ("citation_issue", "issue"),
    ("citation_publisher", "publisher"),
    ("citation_technical_report_institution", "publisher"),
    ("citation_dissertation_institution", "publisher"),
    ("citation_isbn", "ISBN"),
    ("citation_issn", "ISSN"),
    ("citation_eissn", "ISSN"),
    ("citation_language", "language"),
    ("citation_abstract_html_url", "URL"),
    ("citation_public_url", "URL"),
    ("citation_fulltext_html_url", "URL"),
    ("citation_technical_report_number", "number"),
    ("citation_journal_abbrev", "container-title-short"),
    ("citation_pdf_url", "custom.pdf_url"),
)


HIGHWIRE_DATES: Final = (
    "citation_publication_date",
    "citation_date",
    "citation_cover_date",
    "citation_online_date",
    "citation_year",
)


#: Highwire tags that say what kind of work the page is.
HIGHWIRE_TYPES: Final = (
    ("citation_conference_title", "paper-conference"),
    ("citation_conference", "paper-conference"),
    ("citation_inbook_title", "chapter"),
    ("citation_book_title", "chapter"),
    ("citation_dissertation_institution", "thesis"),
    ("citation_technical_report_institution", "report"),
    ("citation_journal_title", "article-journal"),
)

DC_TEXT: Final = (
    ("title", "title"),
    ("publisher", "publisher"),
    ("language", "language"),
    ("abstract", "abstract"),
    ("description", "abstract"),
    ("ispartof", "container-title"),
    ("source", "container-title"),
    ("bibliographiccitation", "custom.citation"),
)


DC_DATES: Final = ("date.issued", "issued", "date", "created", "available", "date.created")

PRISM_TEXT: Final = (
    ("publicationname", "container-title"),
    ("volume", "volume"),
    ("number", "issue"),
    ("issueidentifier", "issue"),
    ("issn", "ISSN"),
    ("eissn", "ISSN"),
    ("isbn", "ISBN"),
    ("url", "URL"),
    ("publisher", "publisher"),
)


PRISM_DATES: Final = ("publicationdate", "coverdate", "coverdisplaydate")


PRISM_TYPES: Final = {
    "journal": "article-journal",
    "book": "book",
    "conference": "paper-conference",
    "magazine": "article-magazine",
    "newspaper": "article-newspaper",
}


@dataclass(slots=True)
class Meta:
    """One ``<meta>`` tag: its lowercased key, raw key, content and position."""

    key: str
    label: str
    content: str
    location: Location | None


def collect_meta(soup: BeautifulSoup, locator: Locator) -> list[Meta]:
    """Every ``<meta name|property=... content=...>`` in document order."""
    found: list[Meta] = []
    for tag in locator.page.tags("meta"):
        label = tag.get("name") or tag.get("property") or tag.get("itemprop")
        content = tag.get("content")
        if not isinstance(label, str) or not isinstance(content, str):
            continue
        found.append(Meta(label.strip().lower(), label.strip(), content, None))
        # Locating every tag costs a regex scan; only tags we read are located (below).
        found[-1].location = _lazy_location(tag, soup, locator)
    return found


def _lazy_location(tag: Tag, soup: BeautifulSoup, locator: Locator) -> Location | None:
    key = str(tag.get("name") or tag.get("property") or "").lower()
    if key.startswith(("citation_", "dc.", "dcterms.", "prism.", "og:")):
        return locator.locate(tag, soup)
    return None


def _first(metas: list[Meta], key: str) -> Meta | None:
    for meta in metas:
        if meta.key == key and fold(meta.content):
            return meta
    return None


def _all(metas: list[Meta], key: str) -> list[Meta]:
    return [m for m in metas if m.key == key and fold(m.content)]


def _put_date(
    source: Source, metas: list[Meta], keys: tuple[str, ...], diagnostics: list[Diagnostic]
) -> None:
    for key in keys:
        for meta in _all(metas, key):
            parsed = parse_date(meta.content)
            if parsed is None:
                diagnostics.append(
                    warning(
                        "html.bad-date",
                        f"cannot read date {meta.content!r} in {meta.label}; expected "
                        "YYYY, YYYY/MM/DD, YYYY-MM-DD or 'D Month YYYY'; ignored",
                        meta.location,
                    )
                )
                continue
            source.put("issued", parsed, meta.label, meta.location)
            return


def _put_names(source: Source, metas: list[Meta], keys: tuple[str, ...]) -> None:
    for key in keys:
        chosen = _all(metas, key)
        if not chosen:
            continue
        names: list[CslName] = []
        for meta in chosen:
            # Some sites put every author into one tag, separated by ";".
            for part in meta.content.split(";"):
                name = split_name(part)
                if name:
                    names.append(name)
        source.put("author", names, chosen[0].label, chosen[0].location)
        return


def _put_keywords(source: Source, metas: list[Meta], key: str) -> None:
    chosen = _all(metas, key)
    words: list[str] = []
    for meta in chosen:
        words.extend(w for w in (fold(p) for p in re.split(r"[;,]", meta.content)) if w)
    if words:
        source.put("keyword", ", ".join(dict.fromkeys(words)), chosen[0].label, chosen[0].location)


def highwire(metas: list[Meta], diagnostics: list[Diagnostic]) -> Source:
    """Google Scholar's Highwire Press ``citation_*`` tags."""
    source = Source("citation_*")
    for key, variable in HIGHWIRE_TEXT:
        meta = _first(metas, key)
        if meta:
            source.put(variable, meta_text(meta.content), meta.label, meta.location)
    conference = _first(metas, "citation_conference_title") or _first(metas, "citation_conference")
    if conference and source.labels.get("container-title") != conference.label:
        source.put(
            "event-title", meta_text(conference.content), conference.label, conference.location
        )
    _put_names(source, metas, ("citation_author", "citation_authors"))
    _put_date(source, metas, HIGHWIRE_DATES, diagnostics)
    first, last = _first(metas, "citation_firstpage"), _first(metas, "citation_lastpage")
    if first or last:
        where = first or last
        assert where is not None
        pages = page_range(first.content if first else "", last.content if last else "")
        source.put("page", pages, where.label, where.location)
    doi = _first(metas, "citation_doi")
    if doi:
        source.put("DOI", find_doi(doi.content), doi.label, doi.location)
    _page_or_article_number(source)
    arxiv = _first(metas, "citation_arxiv_id")
    if arxiv:
        source.put("custom.arxiv_id", find_arxiv_id(arxiv.content), arxiv.label, arxiv.location)
    abstract = _first(metas, "citation_abstract")
    if abstract:
        source.put("abstract", plain(abstract.content), abstract.label, abstract.location)
    _put_keywords(source, metas, "citation_keywords")
    source.type_hint = next((t for key, t in HIGHWIRE_TYPES if _first(metas, key)), None)
    if source.type_hint is None and "custom.arxiv_id" in source.fields:
        source.type_hint = "article"
    if source.type_hint == "article-journal":
        implied = venue_type(source.fields.get("container-title", ""))
        if implied == "article":  # bioRxiv and friends use citation_journal_title
            source.type_hint = "article"
    return source


def _page_or_article_number(source: Source) -> None:
    """bioRxiv and others put the article's id (the DOI's suffix) in citation_firstpage;
    that is an article number, not a page."""
    page, doi = source.fields.get("page"), source.fields.get("DOI")
    if page and doi and "." in page and str(doi).endswith(page):
        source.fields["number"] = source.fields.pop("page")
        source.labels["number"] = source.labels.pop("page")
        source.where["number"] = source.where.pop("page")


def _identifiers(source: Source, metas: list[Meta]) -> None:
    """DC identifiers: DOIs, ISBNs, ISSNs and URLs share one tag name."""
    for meta in metas:
        value = fold(meta.content)
        lowered = value.lower()
        if "10." in value and find_doi(value):
            source.put("DOI", find_doi(value), meta.label, meta.location)
        elif lowered.startswith(("urn:isbn:", "isbn")):
            source.put("ISBN", value.split(":")[-1].strip(), meta.label, meta.location)
        elif lowered.startswith(("urn:issn:", "issn")):
            source.put("ISSN", value.split(":")[-1].strip(), meta.label, meta.location)
        elif lowered.startswith(("http://", "https://")):
            source.put("URL", value, meta.label, meta.location)
        elif find_arxiv_id(value) and "arxiv" in lowered:
            source.put("custom.arxiv_id", find_arxiv_id(value), meta.label, meta.location)


def dublin_core(metas: list[Meta], diagnostics: list[Diagnostic]) -> Source:
    """Dublin Core: ``DC.*``, ``dc.*`` and ``DCTERMS.*`` (the terms win over the elements)."""
    source = Source("Dublin Core")
    dc = [
        Meta(m.key.split(".", 1)[1], m.label, m.content, m.location)
        for m in metas
        if m.key.startswith(("dcterms.", "dc."))
    ]
    # DCTERMS.* are more specific than DC.*; put them first so they win within the source.
    dc.sort(key=lambda m: not m.label.lower().startswith("dcterms."))
    for key, variable in DC_TEXT:
        meta = _first(dc, key)
        if meta:
            value = plain(meta.content) if variable == "abstract" else meta_text(meta.content)
            source.put(variable, value, meta.label, meta.location)
    # bioRxiv lists its authors as DC.Contributor; creators win where both are given.
    _put_names(source, dc, ("creator", "creator.personalname", "contributor.author", "contributor"))
    _put_date(source, dc, DC_DATES, diagnostics)
    _identifiers(source, _all(dc, "identifier") + _all(dc, "identifier.doi"))
    _put_keywords(source, dc, "subject")
    dc_type = _first(dc, "type")
    if dc_type:
        source.type_hint = _dc_type(dc_type.content)
    return source


def _dc_type(value: str) -> str | None:
    lowered = value.lower()
    for word, csl in (
        ("conference", "paper-conference"),
        ("proceeding", "paper-conference"),
        ("journal", "article-journal"),
        ("chapter", "chapter"),
        ("book", "book"),
        ("thesis", "thesis"),
        ("dataset", "dataset"),
        ("software", "software"),
        ("report", "report"),
    ):
        if word in lowered:
            return csl
    return None


def prism(metas: list[Meta], diagnostics: list[Diagnostic]) -> Source:
    """PRISM (``prism.*``), as Nature, Springer and Elsevier emit it."""
    source = Source("PRISM")
    tags = [
        Meta(m.key.split(".", 1)[1], m.label, m.content, m.location)
        for m in metas
        if m.key.startswith("prism.")
    ]
    for key, variable in PRISM_TEXT:
        meta = _first(tags, key)
        if meta:
            source.put(variable, meta_text(meta.content), meta.label, meta.location)
    _put_date(source, tags, PRISM_DATES, diagnostics)
    first, last = _first(tags, "startingpage"), _first(tags, "endingpage")
    if first:
        pages = page_range(first.content, last.content if last else "")
        source.put("page", pages, first.label, first.location)
    doi = _first(tags, "doi")
    if doi:
        source.put("DOI", find_doi(doi.content), doi.label, doi.location)
    kind = _first(tags, "aggregationtype")
    if kind:
        source.type_hint = PRISM_TYPES.get(fold(kind.content).lower())
    return source


def open_graph(metas: list[Meta], diagnostics: list[Diagnostic]) -> Source:
    """Open Graph (``og:*`` and ``article:*``): generic, so it ranks last."""
    source = Source("Open Graph")
    for key, variable in (("og:title", "title"), ("og:url", "URL")):
        meta = _first(metas, key)
        if meta:
            source.put(variable, meta_text(meta.content), meta.label, meta.location)
    _put_date(source, metas, ("article:published_time",), diagnostics)
    return source


def canonical_link(soup: BeautifulSoup, locator: Locator) -> Source:
    """``<link rel="canonical">``: the page's own stable address (og:url may name a version)."""
    source = Source("canonical link")
    for tag in locator.page.tags("link"):
        rel = tag.get("rel")
        rels = rel if isinstance(rel, list) else [str(rel or "")]
        href = tag.get("href")
        if (
            "canonical" in [r.lower() for r in rels]
            and isinstance(href, str)
            and href.strip().startswith(("http://", "https://"))
        ):
            source.put("URL", href.strip(), "<link rel=canonical>", locator.locate(tag, soup))
            break
    return source


_ABSTRACT_CLASS: Final = re.compile(r"^(acl-|article-|c-article-section__)?abstract$", re.I)


_ABSTRACT_LABEL: Final = re.compile(r"^\s*abstract\s*[:.]?\s*", re.IGNORECASE)


def abstract_text(element: Tag) -> str:
    """An abstract element's text without its heading ("Abstract", "Summary")."""
    from bs4 import NavigableString

    headings = {"h1", "h2", "h3", "h4", "h5", "h6"}
    words = []
    for string in element.find_all(string=True):
        if type(string) is not NavigableString:
            continue  # comments and CDATA
        parent = string.parent
        while parent is not None and parent is not element and parent.name not in headings:
            parent = parent.parent
        if parent is None or parent is element:
            words.append(str(string))
    return _ABSTRACT_LABEL.sub("", fold(" ".join(words)))


def body_abstract(soup: BeautifulSoup, locator: Locator) -> Source:
    """The abstract as the page shows it (``class="abstract"`` and the like), when no
    metadata convention carries one (ACL Anthology, many publisher pages)."""
    source = Source("page body")
    page = locator.page
    element = page.first_classed(_ABSTRACT_CLASS) or page.by_id("abstract")
    if element is not None:
        text = abstract_text(element)
        source.put("abstract", text, "abstract element", locator.locate(element, soup))
    names = _marked_up_names(page)
    if names:
        source.put("author", names, "given-name/surname spans", None)
    return source


def _marked_up_names(page: PageIndex) -> list[CslName]:
    """Authors marked up as ``<span class="given-name">``/``<span class="surname">`` pairs
    (ScienceDirect and other Elsevier pages, which put no authors in their meta tags)."""
    names: list[CslName] = []
    for surname in page.classed("surname"):
        parent = surname.parent
        given = parent.find(class_="given-name") if parent is not None else None
        name: CslName = {"family": fold(surname.get_text())}
        if given is not None and fold(given.get_text()):
            name["given"] = fold(given.get_text())
        if name["family"] and name not in names:
            names.append(name)
    return names


def page_title(soup: BeautifulSoup, locator: Locator) -> Source:
    """The ``<title>`` element: the last resort for a title."""
    source = Source("<title>")
    title = locator.page.first("title")
    if title is not None and fold(title.get_text()):
        source.put("title", fold(title.get_text()), "<title>", locator.locate(title, soup))
    return source


def canonical_url(page: PageIndex) -> str | None:
    """The page's own address as it declares it (canonical link, og:url or ``<base>``)."""
    for tag in page.tags("link"):
        rel = tag.get("rel")
        rels = rel if isinstance(rel, list) else [str(rel or "")]
        href = tag.get("href")
        if "canonical" in [r.lower() for r in rels] and isinstance(href, str) and href:
            return href.strip()
    for meta in page.tags("meta"):
        if meta.get("property") == "og:url" and isinstance(meta.get("content"), str):
            return str(meta.get("content")).strip() or None
    base = page.first("base")
    if base is not None and isinstance(base.get("href"), str):
        return str(base.get("href")).strip() or None
    return None
