"""HTML pages -> CSL-JSON: single-paper landing pages and saved listing pages.

A landing page's metadata conventions are each read into a ``Source`` and merged field
by field in :data:`PRECEDENCE` order (docs/html.md). A page without paper metadata is a
listing: its DOM is read where the structure is known (``listing``), otherwise
its visible text goes through the page-text layouts (``bibconv.pages``).

beautifulsoup4 is imported only inside functions: importing it costs ~125 ms, and the
CLI must stay fast for every other format.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any, Final

from bibconv import keys
from bibconv._vocab import find_doi
from bibconv.diagnostics import Diagnostic, Location, ParseError, error, info, warning
from bibconv.html import coins as _html_coins
from bibconv.html import jsonld as _html_jsonld
from bibconv.html import listing, meta
from bibconv.html.meta import Source
from bibconv.html.page import Locator, PageIndex
from bibconv.html.sources import FIELD_ORDER, SCHOLARLY, merge
from bibconv.html.values import fold
from bibconv.model import CslItem
from bibconv.protocols import Format, Parsed, ReadOptions

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

NAME: Final = "html"


# --------------------------------------------------------------------------- decoding

_UTF8_NAMES: Final = frozenset({"utf-8", "utf8"})


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """Bytes -> text, trusting a BOM, then valid UTF-8, then the declared charset.

    Valid UTF-8 wins over a declared single-byte charset: multi-byte UTF-8 sequences
    almost never occur by chance in Latin-1 or cp1252 text, while pages re-saved as
    UTF-8 with a stale ``<meta charset=iso-8859-1>`` are common. Everything else goes
    to bs4's ``UnicodeDammit`` (declared charset, then detection, then cp1252).
    """
    from bs4.dammit import EncodingDetector

    diagnostics: list[Diagnostic] = []
    text: str | None = None
    bom_stripped, bom_encoding = EncodingDetector.strip_byte_order_mark(data)  # type: ignore[no-untyped-call]
    if bom_encoding:
        text = bom_stripped.decode(bom_encoding, errors="replace")
    declared = EncodingDetector.find_declared_encoding(data[:65536], is_html=True)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        else:
            if declared and _codec(declared) not in _UTF8_NAMES and not data.isascii():
                diagnostics.append(
                    warning(
                        "html.charset-mismatch",
                        f"page declares charset {declared!r} but its bytes are valid UTF-8; "
                        "read as UTF-8",
                        _declaration_location(data, path),
                    )
                )
    if text is None:
        text, used = _legacy_decode(data, declared)
        if declared is None:
            diagnostics.append(
                warning(
                    "html.charset-guessed",
                    f"page declares no charset and is not UTF-8; read as {used}",
                    None,
                )
            )
        elif _codec(declared) != _codec(used):
            diagnostics.append(
                warning(
                    "html.charset-mismatch",
                    f"page declares charset {declared!r} but its bytes do not decode as it; "
                    f"read as {used}",
                    _declaration_location(data, path),
                )
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, diagnostics


def _legacy_decode(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode a page that is not UTF-8: the declared charset if it works, else a guess.

    Statistical detection cannot tell the single-byte Latin code pages apart on a short
    page (cp1252 "è" is cp1250 "č"), so any such guess becomes windows-1252, the HTML
    standard's fallback for undeclared pages; multi-byte guesses (Shift_JIS, GB18030,
    EUC-KR, Big5) are trusted.
    """
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(data, is_html=True)
    used = dammit.original_encoding or "windows-1252"
    if _single_byte(used) and (declared is None or _codec(declared) != _codec(used)):
        used = "windows-1252"
        return data.decode("cp1252", errors="replace"), used
    return dammit.unicode_markup or data.decode("cp1252", errors="replace"), used


def _single_byte(encoding: str) -> bool:
    name = _codec(encoding)
    return name.startswith(("cp125", "iso8859", "latin", "mac-", "cp8", "koi8", "windows-125"))


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def _declaration_location(data: bytes, path: str) -> Location | None:
    """Where ``charset=`` is declared (counted in bytes: the text is not decoded yet)."""
    match = re.search(rb"charset\s*=", data[:65536], re.IGNORECASE)
    if not match:
        return None
    head = data[: match.start()]
    line = head.count(b"\n") + 1
    column = match.start() - (head.rfind(b"\n") + 1) + 1
    return Location(path, line, column)


# --------------------------------------------------------------------------- parsing


def parse_html(text: str) -> BeautifulSoup:
    """The soup: lxml where installed (fast, no network), html.parser otherwise.

    lxml's HTML parser never loads external entities or DTDs; html.parser has no such
    machinery at all. Nothing linked from the page is ever fetched.
    """
    import warnings

    from bs4 import BeautifulSoup, FeatureNotFound, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        # XHTML is read with the HTML parser on purpose (it never resolves entities):
        # bs4's advice to use an XML parser would only be noise on stderr (issue 12).
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return BeautifulSoup(text, "lxml")
        except FeatureNotFound:
            return BeautifulSoup(text, "html.parser")


def read(text: str, options: ReadOptions) -> Parsed:
    """An HTML page (already decoded) -> CSL items."""
    soup = parse_html(text)
    locator = Locator(text, options.path, PageIndex(soup))
    diagnostics: list[Diagnostic] = []
    item = landing_item(soup, locator, diagnostics)
    if item is not None:
        items = [item]
    else:
        items = listing.listing_items(soup, locator, options, diagnostics)
    if not items:
        raise ParseError(
            [
                *diagnostics,
                error(
                    "html.no-items",
                    "found no paper metadata (citation_*, JSON-LD, schema.org attributes, "
                    "PRISM, Dublin Core, COinS) and no listing of papers in this page",
                    locator.locate_offset(0),
                ),
            ]
        )
    keys.assign_ids(items)
    return Parsed([_ordered(item) for item in items], diagnostics)


def read_bytes(data: bytes, options: ReadOptions) -> Parsed:
    """An HTML file's bytes -> CSL items, finding the charset first."""
    text, charset_notes = decode(data, options.path)
    parsed = read(text, options)
    parsed.diagnostics[:0] = charset_notes
    return parsed


# --------------------------------------------------------------------------- landing pages


def landing_sources(
    soup: BeautifulSoup, locator: Locator, diagnostics: list[Diagnostic]
) -> list[Source]:
    """Every convention's Source, in :data:`PRECEDENCE` order (empty ones dropped)."""
    metas = meta.collect_meta(soup, locator)
    sources = [meta.highwire(metas, diagnostics)]
    sources.append(_html_jsonld.jsonld(soup, locator, diagnostics))
    sources.append(_html_jsonld.ieee(soup, locator, diagnostics))
    sources.append(_html_jsonld.attribute_schema(locator))
    sources.append(meta.prism(metas, diagnostics))
    sources.append(meta.dublin_core(metas, diagnostics))
    spans = _html_coins.spans(locator.page)
    # Several COinS spans mean a listing; only a lone span describes the page itself.
    if len(spans) == 1:
        sources.append(_html_coins.coins(spans[0], soup, locator))
    elif spans:
        # Only kept if the page turns out to be a landing page (diagnostics go to notes).
        diagnostics.append(
            info(
                "html.coins-ignored",
                f"{len(spans)} COinS spans (the page's reference list) were not read: "
                "the page's own metadata describes it",
                locator.locate(spans[0]),
            )
        )
    sources.append(meta.canonical_link(soup, locator))
    sources.append(meta.open_graph(metas, diagnostics))
    sources.append(meta.body_abstract(soup, locator))
    sources.append(meta.page_title(soup, locator))
    return [s for s in sources if s.fields]


def landing_item(
    soup: BeautifulSoup, locator: Locator, diagnostics: list[Diagnostic]
) -> CslItem | None:
    """The page's paper, if a scholarly convention describes one with a title."""
    notes: list[Diagnostic] = []
    sources = landing_sources(soup, locator, notes)
    if not any(s.name in SCHOLARLY and "title" in s.fields for s in sources):
        # A broken JSON-LD block may be why no paper was found: that note is kept.
        diagnostics.extend(d for d in notes if d.code == "html.bad-json-ld")
        return None
    diagnostics.extend(notes)
    item = merge(sources, diagnostics)
    _arxiv_details(item, locator.page)
    if "URL" not in item:
        url = meta.canonical_url(locator.page)
        if url and url.startswith(("http://", "https://")):
            item["URL"] = url
    return item


_ARXIV_CATEGORY: Final = re.compile(r"\(([a-z-]+(?:\.[A-Za-z-]+)?)\)\s*$")


def _arxiv_details(item: CslItem, page: PageIndex) -> None:
    """arXiv preprints: container "arXiv", primary category into ``custom`` (CONVENTIONS)."""
    custom = item.get("custom", {})
    if "arxiv_id" not in custom or item.get("container-title"):
        return
    item["container-title"] = "arXiv"
    item["type"] = "article"
    doi_link = page.by_id("arxiv-doi-link")
    if doi_link is not None and "DOI" not in item:
        doi = find_doi(doi_link.get_text())
        if doi:
            item["DOI"] = doi
    primary = next(iter(page.classed("primary-subject")), None)
    if primary is not None:
        match = _ARXIV_CATEGORY.search(fold(primary.get_text()))
        if match:
            custom["arxiv_category"] = match.group(1)


def _ordered(item: CslItem) -> CslItem:
    """Keys in :data:`FIELD_ORDER`, then any others, ``custom`` last."""
    raw: dict[str, Any] = dict(item)
    ordered: dict[str, Any] = {k: raw.pop(k) for k in FIELD_ORDER if k in raw}
    custom = raw.pop("custom", None)
    ordered.update(raw)
    if custom:
        ordered["custom"] = custom
    return ordered  # type: ignore[return-value]


FORMAT: Final = Format(
    NAME,
    (".html", ".htm", ".xhtml"),
    read=read,
    description="saved web pages: paper landing pages (citation_*, DC, PRISM, JSON-LD, "
    "COinS, Open Graph) and listings",
    read_bytes=read_bytes,
)
