"""Listing pages: several papers on one page (author pages, profiles, arXiv lists).

Where a site's DOM is unambiguous (ACL Anthology's ``<p class="d-sm-flex">`` entries,
arXiv's ``<dl><dt>/<dd>`` lists, several COinS spans) it is read directly. Otherwise the
page's visible text (what a browser's "select all, copy" gives) goes through the page
text layouts of :mod:`bibconv.pages`, and the items are then enriched from the DOM: the
link on or around each title becomes ``URL``, and DOIs and arXiv ids in links are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from bibconv._vocab import PAGE_DASH, find_arxiv_id, venue_type
from bibconv.diagnostics import Diagnostic, Location, ParseError, Severity
from bibconv.html.links import (
    _ACL_ID,
    _PAPER_LINK,
    TextLine,
    _hrefs,
    absolute,
    link_facts,
    printed_urls,
    visible_lines,
)
from bibconv.html.meta import canonical_url
from bibconv.html.page import Locator, PageIndex, as_tag
from bibconv.html.values import fold, split_name
from bibconv.model import CslItem, CslName, date_parts
from bibconv.protocols import ReadOptions

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag


# --------------------------------------------------------------------------- ACL Anthology


def acl_entries(page: PageIndex) -> list[Tag]:
    """ACL Anthology author/volume page entries: ``<p class="d-sm-flex">`` with a
    ``<strong><a href="/2025.findings-acl.123/">`` title link."""
    entries = []
    for p in page.classed("d-sm-flex"):
        link = _acl_title_link(p)
        if link is not None and _ACL_ID.search(str(link["href"]).rstrip("/") + "/"):
            entries.append(p)
    return entries


def _acl_title_link(entry: Tag) -> Tag | None:
    """The ``<strong><a href>`` title link (plain traversal: CSS selectors cost ~1 ms each)."""
    for strong in entry.find_all("strong"):
        link = as_tag(strong.find("a", href=True))
        if link is not None:
            return link
    return None


def _acl_link(anchors: list[Tag], test: Callable[[str], bool]) -> Tag | None:
    return next((a for a in anchors if test(str(a["href"]))), None)


def _year_headings(page: PageIndex, entries: list[Tag]) -> dict[int, int]:
    """Each entry's year from the ``<h4>2025</h4>``-style heading above it.

    One pass in document order: asking each entry for its previous heading would walk
    back over the whole page every time (quadratic on long author pages).
    """
    wanted = {id(e) for e in entries}
    years: dict[int, int] = {}
    current: int | None = None
    for element in page.tags("h2", "h3", "h4", "p"):
        if element.name != "p":
            text = fold(element.get_text())
            if re.fullmatch(r"\d{4}", text):
                current = int(text)
        elif id(element) in wanted and current is not None:
            years[id(element)] = current
    return years


def acl_items(entries: list[Tag], base: str | None, page: PageIndex) -> list[CslItem]:
    """One item per entry, with the year heading above it and its collapsed abstract."""
    items: list[CslItem] = []
    years = _year_headings(page, entries)
    # A volume page lists its papers without venue links: the volume is the page's title.
    heading = page.by_id("title")
    volume_title = fold(heading.get_text()) if heading is not None else ""
    if not volume_title.lower().startswith(("proceedings", "findings", "transactions")):
        volume_title = ""
    for entry in entries:
        link = _acl_title_link(entry)
        assert link is not None
        anchors = entry.find_all("a", href=True)
        item: dict[str, Any] = {"id": "", "type": "article", "title": fold(link.get_text())}
        names = [split_name(a.get_text()) for a in anchors if "/people/" in str(a["href"])]
        authors = [n for n in names if n]
        if authors:
            item["author"] = authors
        year = years.get(id(entry)) or _acl_id_year(str(link["href"]))
        if year:
            item["issued"] = date_parts(year)
        venue = _acl_link(anchors, lambda href: "/volumes/" in href or "/events/" in href)
        venue_name = fold(venue.get_text()) if venue is not None else volume_title
        if venue_name:
            item["container-title"] = venue_name
            item["type"] = venue_type(venue_name) or "paper-conference"
        abstract = _acl_abstract(entry)
        custom: dict[str, Any] = {}
        url = absolute(str(link["href"]), base)
        if abstract:
            item["abstract"] = abstract
        if url:
            item["URL"] = url
        urls = printed_urls(abstract or "")
        if urls:
            custom["urls"] = urls
        pdf = _acl_link(anchors, lambda href: href.endswith(".pdf"))
        if pdf is not None:
            pdf_url = absolute(str(pdf["href"]), base)
            if pdf_url:
                custom["pdf_url"] = pdf_url
        facts = link_facts(_hrefs(entry, base))
        if "DOI" in facts:
            item["DOI"] = facts["DOI"]
        if "arxiv_id" in facts:
            custom["arxiv_id"] = facts["arxiv_id"]
        if custom:
            item["custom"] = custom
        items.append(item)  # type: ignore[arg-type]
    return items


def _acl_id_year(href: str) -> int | None:
    """The year an Anthology id encodes: ``2025.findings-acl.1`` or ``P19-1001`` (2019)."""
    match = re.search(r"(?:^|/)(\d{4})\.[a-z0-9-]+\.\d+", href)
    if match:
        return int(match.group(1))
    match = re.search(r"(?:^|/)[A-Z](\d{2})-\d{4}", href)
    if match:
        two = int(match.group(1))
        return 1900 + two if two >= 50 else 2000 + two
    return None


def _acl_abstract(entry: Tag) -> str:
    """The ``abstract-collapse`` card right after the entry (the "abs" button's target)."""
    sibling = as_tag(entry.find_next_sibling())
    if sibling is not None and "abstract-collapse" in (sibling.get("class") or []):
        return fold(sibling.get_text(" "))
    return ""


# --------------------------------------------------------------------------- arXiv lists


def arxiv_entries(page: PageIndex) -> list[tuple[Tag, Tag]]:
    """arXiv ``/list/`` and search-result pages: ``<dt>`` with ``arXiv:ID``, then ``<dd>``."""
    pairs = []
    for dt in page.tags("dt"):
        link = as_tag(dt.find("a", href=re.compile(r"/abs/")))
        dd = as_tag(dt.find_next_sibling("dd"))
        if link is not None and dd is not None and find_arxiv_id(str(link["href"])):
            pairs.append((dt, dd))
    return pairs


def arxiv_items(pairs: list[tuple[Tag, Tag]], base: str | None) -> list[CslItem]:
    """arXiv preprints: container "arXiv", category and id in ``custom``.

    The date is the year and month the new-style id encodes (``2405.01234``: May 2024).
    """
    items: list[CslItem] = []
    for dt, dd in pairs:
        link = as_tag(dt.find("a", href=re.compile(r"/abs/")))
        assert link is not None
        arxiv_id = find_arxiv_id(str(link["href"])) or ""
        item: dict[str, Any] = {
            "id": "",
            "type": "article",
            "title": _without_descriptor(as_tag(dd.find(class_="list-title"))),
        }
        authors_div = as_tag(dd.find(class_="list-authors"))
        if authors_div is not None:
            names = [split_name(a.get_text()) for a in authors_div.find_all("a")]
            item["author"] = [n for n in names if n]
        id_date = re.match(r"(\d{2})(\d{2})\.\d{4,5}", arxiv_id)
        if id_date:
            item["issued"] = date_parts(2000 + int(id_date.group(1)), int(id_date.group(2)))
        item["container-title"] = "arXiv"
        abstract = dd.find("p", class_="mathjax")
        if abstract is not None and fold(abstract.get_text()):
            item["abstract"] = fold(abstract.get_text())
        item["URL"] = absolute(str(link["href"]), base) or f"https://arxiv.org/abs/{arxiv_id}"
        custom: dict[str, Any] = {"arxiv_id": re.sub(r"v\d+$", "", arxiv_id)}
        primary = dd.find(class_="primary-subject")
        category = re.search(r"\(([^()]+)\)\s*$", fold(primary.get_text())) if primary else None
        if category:
            custom["arxiv_category"] = category.group(1)
        journal = as_tag(dd.find(class_="list-journal-ref"))
        if journal is not None:
            custom["journal_ref"] = _without_descriptor(journal)
        item["custom"] = custom
        if not item["title"]:
            continue
        items.append(item)  # type: ignore[arg-type]
    return items


def _without_descriptor(element: Tag | None) -> str:
    """Text of an arXiv ``list-*`` div without its ``<span class="descriptor">Title:</span>``."""
    if element is None:
        return ""
    text = fold(element.get_text(" "))
    descriptor = element.find(class_="descriptor")
    if descriptor is not None:
        text = fold(text.removeprefix(fold(descriptor.get_text())))
    return text


# --------------------------------------------------------------------------- Google Scholar

_GS_PAGES: Final = re.compile(r",\s*(e?\d+(?:\s*-\s*e?\d+)?)$")


_GS_VOLUME: Final = re.compile(r"\s+(\d+)(?:\s*\((\d+)\))?$")


_GS_ARXIV: Final = re.compile(r"^arXiv preprint arXiv:(\S+)$", re.IGNORECASE)


def scholar_rows(page: PageIndex) -> list[Tag]:
    """Google Scholar profile rows: ``<tr class="gsc_a_tr">`` with an ``a.gsc_a_at`` title."""
    return [row for row in page.classed("gsc_a_tr") if row.find(class_="gsc_a_at") is not None]


def scholar_items(rows: list[Tag]) -> list[CslItem]:
    """Google Scholar profile rows: title, authors as printed ("A Vaswani", a trailing
    "..." is "et al."), the venue line split into venue, volume, issue and pages."""
    items: list[CslItem] = []
    for row in rows:
        link = as_tag(row.find(class_="gsc_a_at"))
        assert link is not None
        item: dict[str, Any] = {"id": "", "type": "article", "title": fold(link.get_text())}
        grays = [t for g in row.find_all("div", class_="gs_gray") if (t := as_tag(g))]
        if grays:
            item["author"] = _scholar_authors(fold(grays[0].get_text()))
        if len(grays) > 1:
            _scholar_venue(grays[1], item)
        year = as_tag(row.find(class_="gsc_a_h"))
        if year is not None and fold(year.get_text()).isdecimal():  # not '²' (int() fails)
            item["issued"] = date_parts(int(fold(year.get_text())))
        if not item.get("author"):
            item.pop("author", None)
        items.append(item)  # type: ignore[arg-type]
    return items


def _scholar_authors(line: str) -> list[CslName]:
    cut = line.rstrip().endswith(("...", "…"))
    names = [split_name(n) for n in line.rstrip(" .…").split(",")]
    found = [n for n in names if n]
    if cut:
        found.append({"literal": "others"})
    return found


def _scholar_venue(element: Tag, item: dict[str, Any]) -> None:
    """ "Nature 529 (7587), 484-489, 2016": the year sits in a ``gs_oph`` span."""
    year = element.find(class_="gs_oph")
    text = fold(element.get_text())
    if year is not None:
        text = fold(text.removesuffix(fold(year.get_text())))
    arxiv = _GS_ARXIV.match(text)
    if arxiv:
        item["container-title"] = "arXiv"
        item["custom"] = {"arxiv_id": find_arxiv_id(arxiv.group(1)) or arxiv.group(1)}
        return
    pages = _GS_PAGES.search(text)
    if pages:
        item["page"] = PAGE_DASH.sub("–", pages.group(1))
        text = text[: pages.start()]
    volume = _GS_VOLUME.search(text)
    if volume and not re.search(r"\b(19|20)\d\d$", text):
        item["volume"] = volume.group(1)
        if volume.group(2):
            item["issue"] = volume.group(2)
        text = text[: volume.start()]
    if text:
        item["container-title"] = text
        item["type"] = venue_type(text) or "article-journal"


# --------------------------------------------------------------------------- COinS lists


def coins_items(soup: BeautifulSoup, locator: Locator) -> list[CslItem]:
    """Pages with several COinS spans (catalogues, bibliographies): one item each."""
    from bibconv.html import coins as _html_coins

    spans = _html_coins.spans(locator.page)
    if len(spans) < 2:
        return []
    from bibconv.html.sources import merge

    items = []
    for span in spans:
        source = _html_coins.coins(span, soup, locator)
        if "title" in source.fields:
            items.append(merge([source], []))
    return items


# --------------------------------------------------------------------------- schema.org lists


def attribute_items(locator: Locator) -> list[CslItem]:
    """Pages listing several works marked up with schema.org attributes (dblp's person
    and venue pages): one item each."""
    from bibconv.html import jsonld
    from bibconv.html.sources import merge

    found = jsonld.attribute_works(locator)
    if len(found.works) < 2:
        return []
    items = []
    for scope, props in found.works:
        source = jsonld.attribute_work(scope, props, found.groups, locator)
        if "title" in source.fields:
            items.append(merge([source], []))
    return items


# --------------------------------------------------------------------------- text layouts


def text_items(
    soup: BeautifulSoup, locator: Locator, options: ReadOptions, diagnostics: list[Diagnostic]
) -> list[CslItem]:
    """The visible text through the page layouts, then enriched with the DOM's links."""
    from bibconv import pages

    lines = visible_lines(soup)
    text = "\n".join(line.text for line in lines) + "\n"
    try:
        parsed = pages.parse(text, year=options.year, path=options.path)
    except ParseError as exc:
        # The caller reports the page as unreadable; say why the text route failed too
        # (without the layout's "--from" hint: --from would read the raw HTML as text).
        reasons = [exc.reason] if isinstance(exc, pages.LayoutError) else None
        diagnostics.extend(
            replace(d, severity=Severity.INFO, location=None, message=f"visible text: {why}")
            for d, why in zip(
                exc.diagnostics, reasons or [d.message for d in exc.diagnostics], strict=True
            )
        )
        return []
    diagnostics.extend(_relocated(d, lines, soup, locator) for d in parsed.diagnostics)
    enrich(parsed.items, locator.page)
    return parsed.items


def _relocated(
    diagnostic: Diagnostic, lines: list[TextLine], soup: BeautifulSoup, locator: Locator
) -> Diagnostic:
    """A text-layout diagnostic moved from the visible-text line to the HTML element."""
    where = diagnostic.location
    if where is None or not 1 <= where.line <= len(lines):
        from bibconv import pages

        if diagnostic.code in pages.CITES_TEXT_LINES:
            # Line numbers in the message count lines of the visible text, not of the file.
            return replace(diagnostic, message=f"{diagnostic.message} in the page's visible text")
        return diagnostic
    element = lines[where.line - 1].element
    located: Location | None = locator.locate(element, soup) if element is not None else None
    if located is None:
        return replace(
            diagnostic,
            message=f"{diagnostic.message} (line {where.line} of the page's visible text)",
            location=None,
        )
    return replace(diagnostic, location=located)


def _title_elements(page: PageIndex, titles: set[str]) -> dict[str, Tag]:
    """For each title, the innermost element whose whole text is that title.

    Titles are nearly always one text node (``<a>Title</a>``), found in one pass over the
    strings; a title split by inline markup is looked for in links and headings only, so
    no element's whole subtree text is ever built for large containers.
    """
    found: dict[str, Tag] = {}
    for string in page.strings:
        text = fold(str(string))
        if text in titles and text not in found and string.parent is not None:
            found[text] = string.parent
    if len(found) < len(titles):
        for element in page.tags("a", "h1", "h2", "h3", "h4", "h5", "h6"):
            text = fold(element.get_text(" "))
            if text in titles and text not in found:
                found[text] = element
    return found


def _ancestors(element: Tag) -> Iterator[Tag]:
    parent = element.parent
    while parent is not None and parent.name != "[document]":
        yield parent
        parent = parent.parent


def enrich(items: list[CslItem], page: PageIndex) -> None:
    """Give text-layout items the links around their titles (URL, DOI, arXiv id).

    An item's region is the largest ancestor of its title element that holds no other
    item's title: its links belong to that paper alone.
    """
    base = canonical_url(page)
    titles = {fold(str(item.get("title", ""))) for item in items if item.get("title")}
    elements = _title_elements(page, titles)
    holders: dict[int, int] = {}
    for element in elements.values():
        for ancestor in _ancestors(element):
            holders[id(ancestor)] = holders.get(id(ancestor), 0) + 1
    for item in items:
        found = elements.get(fold(str(item.get("title", ""))))
        if found is None:
            continue
        region = found
        for ancestor in _ancestors(found):
            if holders.get(id(ancestor), 0) > 1:
                break
            region = ancestor
        _add_links(item, found, region, base)


def _paper_link(title_element: Tag, region: Tag, base: str | None) -> str | None:
    anchor = title_element if title_element.name == "a" else title_element.find_parent("a")
    if anchor is None:
        anchor = as_tag(title_element.find("a", href=True))
    if anchor is not None and anchor.get("href"):
        url = absolute(str(anchor["href"]), base)
        if url:
            return url
    for url in _hrefs(region, base):
        if _PAPER_LINK.search(url):
            return url
    return None


def _add_links(item: CslItem, title_element: Tag, region: Tag, base: str | None) -> None:
    custom: dict[str, Any] = dict(item.get("custom", {}))
    paper = _paper_link(title_element, region, base)
    if paper and paper != item.get("URL"):
        printed = item.get("URL")
        if printed:
            urls = [u for u in custom.get("urls", []) if u != printed]
            custom["urls"] = [printed, *urls]
        item["URL"] = paper
    facts = link_facts(_hrefs(region, base))
    if "DOI" in facts and "DOI" not in item:
        item["DOI"] = facts["DOI"]
    if "arxiv_id" in facts:
        custom.setdefault("arxiv_id", facts["arxiv_id"])
    if custom:
        item["custom"] = custom


# --------------------------------------------------------------------------- entry point


def listing_items(
    soup: BeautifulSoup, locator: Locator, options: ReadOptions, diagnostics: list[Diagnostic]
) -> list[CslItem]:
    """The papers a listing page shows, by the clearest means the page allows."""
    base = canonical_url(locator.page)
    entries = acl_entries(locator.page)
    if entries:
        return acl_items(entries, base, locator.page)
    pairs = arxiv_entries(locator.page)
    if pairs:
        return arxiv_items(pairs, base)
    rows = scholar_rows(locator.page)
    if rows:
        return scholar_items(rows)
    items = coins_items(soup, locator) or attribute_items(locator)
    if items:
        return items
    return text_items(soup, locator, options, diagnostics)
