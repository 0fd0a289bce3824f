"""schema.org JSON-LD (``<script type="application/ld+json">``) -> one metadata Source.

Publishers wrap the work in ``@graph`` arrays, lists, or plain objects, refer to people
by ``@id``, and nest the journal as ``isPartOf`` PublicationIssue -> PublicationVolume ->
Periodical. The first scholarly node (by :data:`WORK_TYPES` order) is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from bibconv import _json
from bibconv._vocab import PAGE_DASH, find_arxiv_id, find_doi, page_range, venue_type
from bibconv.diagnostics import Diagnostic, Location, warning
from bibconv.html.meta import Source, abstract_text
from bibconv.html.page import Locator
from bibconv.html.values import fold, literal_name, meta_text, parse_date, plain, split_name
from bibconv.model import CslName

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

#: schema.org types read as a work, best first, with the CSL type each implies.
WORK_TYPES: Final = {
    "ScholarlyArticle": "article",
    "Chapter": "chapter",
    "Book": "book",
    "Thesis": "thesis",
    "Report": "report",
    "Dataset": "dataset",
    "SoftwareSourceCode": "software",
    "SoftwareApplication": "software",
    "MedicalScholarlyArticle": "article",
    "Article": "article",
    "TechArticle": "article",
    "NewsArticle": "article-newspaper",
    "BlogPosting": "post-weblog",
    "CreativeWork": "document",
}
_CONTAINERS: Final = frozenset(
    {
        "Periodical",
        "PublicationVolume",
        "PublicationIssue",
        "Book",
        "BookSeries",
        "CreativeWorkSeries",
        "Collection",
        "Event",
    }
)

Node = dict[str, Any]


def scripts(soup: BeautifulSoup, locator: Locator, diagnostics: list[Diagnostic]) -> list[Node]:
    """Every JSON object in the page's ld+json scripts, ``@graph`` and lists flattened."""
    nodes: list[Node] = []
    for tag in locator.page.tags("script"):
        kind = str(tag.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json":
            continue
        text = tag.string or tag.get_text()
        try:
            data = _json.loads(_strip_cdata(text))
        except json.JSONDecodeError as exc:
            diagnostics.append(
                warning(
                    "html.bad-json-ld",
                    f"JSON-LD script is not valid JSON ({exc.msg} at its line {exc.lineno}, "
                    f"column {exc.colno}); ignored",
                    locator.locate(tag, soup),
                )
            )
            continue
        nodes.extend(_flatten(data))
    return nodes


def _strip_cdata(text: str) -> str:
    # Some CMSs wrap the JSON in CDATA or HTML comment markers for very old browsers.
    text = text.strip()
    for start, end in (("<![CDATA[", "]]>"), ("<!--", "-->")):
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : -len(end)]
    return text


def _flatten(data: Any) -> Iterator[Node]:
    if isinstance(data, list):
        for each in data:
            yield from _flatten(each)
    elif isinstance(data, dict):
        yield data
        # Springer Nature wraps the article in a WebPage's mainEntity.
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _flatten(data[key])


def _types(node: Node) -> list[str]:
    kind = node.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    # "schema:ScholarlyArticle" and "http://schema.org/Book" name the same types.
    return [str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds]


def main_work(nodes: list[Node]) -> tuple[Node, str] | None:
    """The node describing the work and its schema.org type, best type first."""
    for wanted in WORK_TYPES:
        for node in nodes:
            if wanted in _types(node):
                return node, wanted
    return None


def _text(value: Any) -> str:
    """A schema.org text value: a string, a ``{"@value": ...}``, or the first of a list."""
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name") or "")
    if isinstance(value, str | int | float):
        return meta_text(str(value))
    return ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class _Graph:
    """Resolves ``{"@id": ...}`` references against the nodes of the page."""

    def __init__(self, nodes: list[Node]) -> None:
        self._by_id = {str(n["@id"]): n for n in nodes if "@id" in n}

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self._by_id.get(str(value["@id"]), value)
        return value


def _names(values: list[Any], graph: _Graph) -> list[CslName]:
    names: list[CslName] = []
    for raw in values:
        value = graph.resolve(raw)
        if isinstance(value, str):
            name = split_name(value)
        elif isinstance(value, dict):
            name = _person(value)
        else:
            name = None
        if name:
            names.append(name)
    return names


def _person(node: Node) -> CslName | None:
    if "Organization" in _types(node):
        return literal_name(_text(node.get("name")))
    family, given = _text(node.get("familyName")), _text(node.get("givenName"))
    if family:
        name: CslName = {"family": family}
        if given:
            name["given"] = given
        return name
    return split_name(_text(node.get("name")))


def jsonld(soup: BeautifulSoup, locator: Locator, diagnostics: list[Diagnostic]) -> Source:
    """The JSON-LD Source (empty when no node describes a work)."""
    source = Source("JSON-LD")
    nodes = scripts(soup, locator, diagnostics)
    found = main_work(nodes)
    if found is None:
        return source
    node, kind = found
    graph = _Graph(nodes)
    where = _script_location(soup, locator)
    label = f"JSON-LD {kind}"

    def put(key: str, value: Any) -> None:
        source.put(key, value, label, where)

    put("title", _text(node.get("headline")) or _text(node.get("name")))
    put("author", _names(_as_list(node.get("author") or node.get("creator")), graph))
    put("editor", _names(_as_list(node.get("editor")), graph))
    for key in ("datePublished", "publicationDate", "dateCreated", "temporalCoverage"):
        date = parse_date(_text(node.get(key))) if node.get(key) else None
        if date:
            put("issued", date)
            break
    _container(node, graph, put)
    put("publisher", _publisher(graph.resolve(node.get("publisher"))))
    put("page", _pages(node))
    put("abstract", plain(_text(node.get("abstract") or node.get("description"))))
    put("URL", _text(node.get("url")))
    put("ISBN", _text(node.get("isbn")))
    put("language", _text(node.get("inLanguage")))
    put("version", _text(node.get("version") or node.get("softwareVersion")))
    keywords = node.get("keywords")
    if isinstance(keywords, list):
        put("keyword", ", ".join(_text(k) for k in keywords if _text(k)))
    else:
        put("keyword", _text(keywords))
    _identifiers(node, put)
    source.type_hint = _csl_type(kind, source)
    return source


def _script_location(soup: BeautifulSoup, locator: Locator) -> Location | None:
    tag = next(
        (t for t in locator.page.tags("script") if t.get("type") == "application/ld+json"), None
    )
    return locator.locate(tag, soup) if tag is not None else None


def _publisher(value: Any) -> str:
    if isinstance(value, list):
        return _publisher(value[0]) if value else ""
    return _text(value)


def _pages(node: Node) -> str:
    if node.get("pagination"):
        return PAGE_DASH.sub("–", _text(node["pagination"]))
    start, end = _text(node.get("pageStart")), _text(node.get("pageEnd"))
    return page_range(start, end) if start or end else ""


def _container(node: Node, graph: _Graph, put: Any) -> None:
    """Walk ``isPartOf`` up through issue and volume to the periodical or book.

    Every level may carry ``volumeNumber`` / ``issueNumber`` (Nature types its journal
    ``["Periodical", "PublicationVolume"]``), and any level with a ``name`` can name the
    venue: the periodical's or book's name wins over a volume's, a volume's over an issue's.
    """
    names: list[tuple[int, str]] = []
    part = graph.resolve(node.get("isPartOf"))
    for _ in range(4):  # issue -> volume -> periodical is the deepest real nesting
        if isinstance(part, list):
            part = graph.resolve(part[0]) if part else None
        if isinstance(part, str):
            names.append((0, fold(part)))
        if not isinstance(part, dict) or not _is_venue(part):
            break
        kinds = _types(part)
        put("volume", _text(part.get("volumeNumber")))
        put("issue", _text(part.get("issueNumber")))
        put("ISSN", _text(part.get("issn")))
        if "Book" in kinds:
            put("ISBN", _text(part.get("isbn")))
        if _text(part.get("name")):
            names.append((_venue_rank(kinds), _text(part.get("name"))))
        if _is_part(kinds) and part.get("datePublished"):
            put("issued", parse_date(_text(part.get("datePublished"))))
        part = graph.resolve(part.get("isPartOf"))
    if names:
        put("container-title", min(names, key=lambda ranked: ranked[0])[1])


#: The levels below a periodical: their names are the venue only when nothing above is named.
_PARTS: Final = frozenset({"PublicationIssue", "PublicationVolume"})


def _is_part(kinds: list[str]) -> bool:
    return bool(kinds) and _PARTS.issuperset(kinds)


def _venue_rank(kinds: list[str]) -> int:
    """0 for a periodical, book or series; 1 for a volume; 2 for an issue (lower wins)."""
    if not _is_part(kinds):
        return 0
    return 1 if "PublicationVolume" in kinds else 2


def _is_venue(part: Node) -> bool:
    """A node ``isPartOf`` can name as the work's venue: a known container, or any other
    named node except web pages and sites (Yoast and friends say an Article "isPartOf"
    its WebPage, and the page's name is its HTML title, not a venue)."""
    kinds = _types(part)
    if _CONTAINERS.intersection(kinds):
        return True
    web = any(k.endswith(("Page", "WebSite", "PageElement")) for k in kinds)
    return bool(_text(part.get("name"))) and not web


def _identifiers(node: Node, put: Any) -> None:
    for raw in _as_list(node.get("identifier")) + _as_list(node.get("sameAs")):
        if isinstance(raw, dict):
            prop = _text(raw.get("propertyID")).lower()
            value = _text(raw.get("value"))
            if prop == "doi":
                put("DOI", find_doi(value) or value)
            elif prop == "arxiv":
                put("custom.arxiv_id", find_arxiv_id(value))
            elif prop == "isbn":
                put("ISBN", value)
            continue
        value = _text(raw)
        if "doi.org/" in value or value.lower().startswith(("doi:", "10.")):
            put("DOI", find_doi(value))
        elif "arxiv.org/abs/" in value:
            put("custom.arxiv_id", find_arxiv_id(value))


def _csl_type(kind: str, source: Source) -> str:
    implied = venue_type(str(source.fields.get("container-title", "")))
    base = WORK_TYPES[kind]
    if base == "article" and implied:
        return implied
    if base == "article" and "container-title" in source.fields:
        # A scholarly article inside a named periodical is a journal article.
        return "article-journal"
    return base


# --------------------------------------------------------------------------- IEEE Xplore

_IEEE_METADATA: Final = re.compile(
    r"xplGlobal\.document\.metadata\s*=\s*(\{.*?\});\s*$", re.M | re.S
)


def ieee(soup: BeautifulSoup, locator: Locator, diagnostics: list[Diagnostic]) -> Source:
    """IEEE Xplore's ``xplGlobal.document.metadata = {...};`` (it emits no citation_* tags)."""
    source = Source("IEEE Xplore")
    for tag in locator.page.tags("script"):
        text = tag.string or ""
        if "xplGlobal.document.metadata" not in text:
            continue
        match = _IEEE_METADATA.search(text)
        where = locator.locate(tag, soup)
        try:
            data = _json.loads(match.group(1)) if match else None
        except json.JSONDecodeError as exc:
            diagnostics.append(
                warning(
                    "html.bad-json",
                    f"IEEE Xplore metadata is not valid JSON ({exc.msg}); ignored",
                    where,
                )
            )
            data = None
        if isinstance(data, dict):
            _read_ieee(data, source, where)
        break
    return source


def _read_ieee(data: Node, source: Source, where: Location | None) -> None:
    def put(key: str, value: Any) -> None:
        source.put(key, value, "xplGlobal.document.metadata", where)

    put("title", _text(data.get("title")))
    names: list[CslName] = []
    for author in _as_list(data.get("authors")):
        if isinstance(author, dict):
            family, given = _text(author.get("lastName")), _text(author.get("firstName"))
            name = (
                {"family": family, "given": given}
                if family
                else split_name(_text(author.get("name")))
            )
            if name:
                names.append(name)
    put("author", names)
    put("container-title", _text(data.get("publicationTitle")))
    put("volume", _text(data.get("volume")))
    put("issue", _text(data.get("issue")))
    put("page", page_range(_text(data.get("startPage")), _text(data.get("endPage"))))
    put("DOI", find_doi(_text(data.get("doi"))) or "")
    put("publisher", _text(data.get("publisher")))
    put("abstract", plain(_text(data.get("abstract"))))
    year = _text(data.get("publicationYear"))
    if year.isdecimal():  # isdigit() is true for '²', which int() refuses
        put("issued", {"date-parts": [[int(year)]]})
    for key, variable in (("isbn", "ISBN"), ("issn", "ISSN")):
        first = _as_list(data.get(key))[:1]
        if first and isinstance(first[0], dict):
            put(variable, _text(first[0].get("value")))
    number = _text(data.get("articleNumber"))
    if number:
        put("URL", f"https://ieeexplore.ieee.org/document/{number}")
    if data.get("isConference"):
        source.type_hint = "paper-conference"
    elif data.get("isJournal") or data.get("isMagazine"):
        source.type_hint = "article-journal"
    elif data.get("isBook") or data.get("isBookWithoutChapters"):
        source.type_hint = "chapter"
    elif data.get("isStandard"):
        source.type_hint = "standard"


# --------------------------------------------------------------------------- RDFa, microdata

_SCOPE_ATTRIBUTES: Final = ("typeof", "itemscope")


def _scope(element: Tag) -> Tag | None:
    """The nearest ancestor that opens an item (``typeof`` or ``itemscope``)."""
    parent = element.parent
    while parent is not None and parent.name != "[document]":
        if any(parent.has_attr(a) for a in _SCOPE_ATTRIBUTES):
            return parent
        parent = parent.parent
    return None


def _kind(element: Tag) -> str:
    raw = str(element.get("typeof") or element.get("itemtype") or "")
    return raw.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _value(element: Tag) -> str:
    for attribute in ("content", "datetime"):
        if isinstance(element.get(attribute), str):
            return fold(str(element.get(attribute)))
    return fold(element.get_text(" "))


Props = dict[str, list["Tag"]]


@dataclass(frozen=True, slots=True)
class AttributeWorks:
    """The works found in attributes, and every item's properties by its scope's id
    (people's and venues' own properties are looked up there)."""

    works: list[tuple[Tag | None, Props]]
    groups: dict[int, Props]


def attribute_works(locator: Locator) -> AttributeWorks:
    """Every work written into the body's attributes (RDFa Lite ``property``/``typeof``,
    microdata ``itemprop``/``itemscope``), with its properties, in document order.

    Properties are grouped by the item that holds them (the nearest ``typeof`` or
    ``itemscope`` ancestor); a work is an item with a ``name`` or ``headline`` whose type
    is one we read as a work, or that has no type at all (people and venues are not).
    """
    groups: dict[int, Props] = {}
    scopes: dict[int, Tag | None] = {}
    for element in locator.page.properties:
        scope = _scope(element)
        key = id(scope) if scope is not None else 0
        scopes[key] = scope
        for name in str(element.get("property") or element.get("itemprop")).split():
            groups.setdefault(key, {}).setdefault(name.rsplit(":", 1)[-1], []).append(element)
    works = []
    for key, props in groups.items():
        scope = scopes[key]
        if ("name" in props or "headline" in props) and (
            scope is None or _kind(scope) in WORK_TYPES
        ):
            works.append((scope, props))
    return AttributeWorks(works, groups)


def attribute_schema(locator: Locator) -> Source:
    """The page's work from schema.org attributes, as the ACM Digital Library marks up its
    article pages; nothing when the page holds several works (a listing, e.g. dblp)."""
    found = attribute_works(locator)
    if len(found.works) != 1:
        return Source("RDFa/microdata")
    scope, props = found.works[0]
    return attribute_work(scope, props, found.groups, locator)


def attribute_work(
    scope: Tag | None, props: Props, groups: dict[int, Props], locator: Locator
) -> Source:
    """One work's Source from its attribute properties."""
    source = Source("RDFa/microdata")
    title_element = _title_element(props)
    where = locator.locate(title_element)
    label = "schema.org attributes"

    def put(key: str, value: Any) -> None:
        source.put(key, value, label, where)

    def first(name: str) -> str:
        found = props.get(name)
        return _value(found[0]) if found else ""

    title = _value(title_element)
    headline = props.get("headline")
    if headline and title_element is not headline[0] and not title.endswith(".."):
        # dblp's "Title." inside its <cite>: the period is the citation's punctuation.
        title = title.removesuffix(".")
    put("title", title)
    names: list[CslName] = []
    for person in props.get("author", []) + props.get("creator", []):
        inner = groups.get(id(person), {})
        family = _value(inner["familyName"][0]) if "familyName" in inner else ""
        given = _value(inner["givenName"][0]) if "givenName" in inner else ""
        if family:
            names.append({"family": family, "given": given} if given else {"family": family})
        elif "name" in inner:
            found = split_name(_value(inner["name"][0]))
            if found:
                names.append(found)
        else:
            found = split_name(_value(person))
            if found:
                names.append(found)
    put("author", names)
    put("issued", parse_date(first("datePublished")))
    if props.get("pagination"):
        put("page", PAGE_DASH.sub("–", first("pagination")))
    put("page", page_range(first("pageStart"), first("pageEnd")))
    venue_kind = ""
    for part in props.get("isPartOf", []):
        inner = groups.get(id(part), {})
        if "name" in inner:
            venue_kind = _kind(part)
            venue = _value(inner["name"][0])
            # dblp's name for arXiv; CONVENTIONS call arXiv-only items' venue "arXiv".
            put("container-title", "arXiv" if venue == "CoRR" else venue)
            break
    for link in props.get("url", []):
        href = str(link.get("href") or link.get("content") or "")
        doi = find_doi(href) if "doi.org/10." in href else None
        if doi:
            put("DOI", doi)
            if doi.lower().startswith("10.48550/arxiv."):
                put("custom.arxiv_id", find_arxiv_id(doi.split(".", 2)[-1]))
        elif href.startswith(("http://", "https://")):
            put("URL", href)
    described = props.get("abstract") or props.get("description")
    if described:
        put("abstract", abstract_text(described[0]))
    put("DOI", find_doi(first("identifier") or first("sameAs")) or "")
    kind = _kind(scope) if scope is not None else ""
    source.type_hint = _entry_type(scope) or _venue_kind_type(kind, venue_kind)
    if source.type_hint is None and kind in WORK_TYPES:
        source.type_hint = _csl_type(kind, source)
    if source.type_hint is None and "container-title" in source.fields:
        source.type_hint = venue_type(str(source.fields["container-title"]))
    return source


#: dblp's entry classes (``<li class="entry inproceedings">``): its own record types.
_DBLP_TYPES: Final = {
    "inproceedings": "paper-conference",
    "article": "article-journal",
    "informal": "article",
    "incollection": "chapter",
    "book": "book",
    "editor": "book",
    "phdthesis": "thesis",
    "data": "dataset",
}


def _entry_type(scope: Tag | None) -> str | None:
    classes = scope.get("class") if scope is not None else None
    if not isinstance(classes, list) or "entry" not in classes:
        return None
    return next((_DBLP_TYPES[c] for c in classes if c in _DBLP_TYPES), None)


def _venue_kind_type(kind: str, venue_kind: str) -> str | None:
    """An article in a ``Periodical`` is a journal article; in a ``BookSeries`` or
    ``Book`` (proceedings) a conference paper. Other work types keep their own."""
    if kind not in ("ScholarlyArticle", "Article", ""):
        return None
    if venue_kind == "Periodical":  # a PublicationVolume may be a proceedings volume
        return "article-journal"
    if venue_kind in ("BookSeries", "Book"):
        return "paper-conference"
    return None


def _title_element(props: Props) -> Tag:
    """``headline``, unless it wraps the whole citation (dblp puts ``headline`` on the
    ``<cite>`` and ``name`` on the title inside it); then ``name``."""
    headline = props.get("headline", [])
    names = props.get("name", [])
    if headline and not (names and any(headline[0] in n.parents for n in names)):
        return headline[0]
    return (names or headline)[0]
