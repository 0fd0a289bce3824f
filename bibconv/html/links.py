"""A listing page's visible text and links: the lines a reader sees, absolute URLs, and what a
link's target says (DOI, arXiv, PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urljoin

from bibconv._vocab import find_arxiv_id, find_doi
from bibconv.html.values import fold
from bibconv.pages._text import find_urls

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# --------------------------------------------------------------------------- visible text

#: Elements whose text is never visible page content.
# fmt: off
SKIPPED: Final = frozenset({"script", "style", "noscript", "template", "nav", "head", "title",
                            "iframe", "object", "svg", "math", "select"})


#: Elements that start and end a line (CSS display: block and friends).
BLOCKS: Final = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})


# fmt: on
#: Blocks after which a browser's copy leaves an empty line: Chrome emits an extra newline
#: after blocks with a bottom margin, which by default are paragraphs and headings.
PARAGRAPHS: Final = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})


_CELLS: Final = frozenset({"td", "th"})


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of visible text and the element it started in (for locations)."""

    text: str
    element: Tag | None


def visible_lines(root: Tag) -> list[TextLine]:
    """The element's visible text as lines, the way a browser's copy lays it out.

    Block elements break lines, paragraphs and headings leave an empty line after
    themselves, ``<br>`` breaks,
    table cells are tab-separated, white space inside a line is folded. Iterative (an
    explicit stack), so deeply nested tables cannot hit the recursion limit.
    """
    from bs4 import NavigableString
    from bs4.element import PreformattedString

    lines: list[TextLine] = []
    pieces: list[str] = []
    owner: list[Tag | None] = [None]
    pending_blank = False

    def flush(blank: bool = False) -> None:
        nonlocal pending_blank
        text = (
            fold("".join(pieces)) if not pieces or "\t" not in "".join(pieces) else _cells(pieces)
        )
        pieces.clear()
        if text:
            if pending_blank and lines and lines[-1].text:
                lines.append(TextLine("", None))
            lines.append(TextLine(text, owner[0]))
            pending_blank = False
        pending_blank = pending_blank or blank
        owner[0] = None

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.name in BLOCKS:
                flush(node.name in PARAGRAPHS)
            elif node.name in _CELLS:
                pieces.append("\t")
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype
                if owner[0] is None and node.strip():
                    owner[0] = node.parent
                pieces.append(str(node))
            continue
        name = node.name
        if name in SKIPPED or node.has_attr("hidden"):
            continue
        if name == "br":
            flush()
            continue
        if name in BLOCKS:
            flush()
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return lines


def _cells(pieces: list[str]) -> str:
    cells = [fold(c) for c in "".join(pieces).split("\t")]
    return "\t".join(c for c in cells if c)


def visible_text(soup: BeautifulSoup) -> str:
    """The page's visible text, one line per block, as a pasted copy would read."""
    return "\n".join(line.text for line in visible_lines(soup)) + "\n"


# --------------------------------------------------------------------------- links

_ACL_ID: Final = re.compile(r"(?:^|/)(\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})/?$")


_PAPER_LINK: Final = re.compile(
    r"arxiv\.org/abs/|doi\.org/10\.|/papers/\d{4}\.\d{4,5}|openreview\.net/forum|"
    r"aclanthology\.org/(\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})/?$|/doi/(abs/|full/)?10\.|"
    r"/article/|/paper/|/abs/",
    re.IGNORECASE,
)


_HF_PAPER: Final = re.compile(r"huggingface\.co/papers/(\d{4}\.\d{4,5})|^/papers/(\d{4}\.\d{4,5})")


_KNOWN_HOSTS: Final = (
    (_ACL_ID, "https://aclanthology.org/"),
    (re.compile(r"^/(abs|pdf|list)/"), "https://arxiv.org/"),
    (re.compile(r"^/papers/\d{4}\.\d{4,5}"), "https://huggingface.co/"),
)


def absolute(href: str, base: str | None) -> str | None:
    """An http(s) URL for ``href``, resolved against the page's base where known.

    A saved page often keeps site-relative links; when it does not say where it came
    from, links shaped like a known site's paper links are resolved against that site.
    """
    href = href.strip()
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith(("#", "javascript:", "mailto:", "data:")) or not href:
        return None
    if base and base.startswith(("http://", "https://")):
        return urljoin(base, href)
    if href.startswith("//"):
        return "https:" + href
    for pattern, host in _KNOWN_HOSTS:
        if pattern.search(href.rstrip("/") + ("/" if pattern is _ACL_ID else "")):
            return urljoin(host, href)
    return None


def link_facts(hrefs: list[str]) -> dict[str, str]:
    """DOIs and arXiv ids that links point at."""
    facts: dict[str, str] = {}
    for href in hrefs:
        lowered = href.lower()
        if "doi" in lowered and "DOI" not in facts:
            doi = find_doi(href)
            if doi:
                facts["DOI"] = doi
        hf = _HF_PAPER.search(href)
        if hf and "arxiv_id" not in facts:
            facts["arxiv_id"] = hf.group(1) or hf.group(2)
        elif "arxiv.org/" in lowered and "arxiv_id" not in facts:
            arxiv = find_arxiv_id(href.rsplit("/abs/", 1)[-1].rsplit("/pdf/", 1)[-1])
            if arxiv:
                facts["arxiv_id"] = arxiv.removesuffix(".pdf")
    return facts


def _hrefs(element: Tag, base: str | None) -> list[str]:
    found: list[str] = []
    for anchor in element.find_all("a", href=True):
        url = absolute(str(anchor["href"]), base)
        if url and url not in found:
            found.append(url)
    return found


# --------------------------------------------------------------------------- URLs in text


def printed_urls(text: str) -> list[str]:
    """URLs printed in an abstract, cleaned as CONVENTIONS says (punctuation, ``\\url{``),
    by the page-text reader's one URL finder; cut-off ones are left out."""
    urls: list[str] = []
    for hit in find_urls(text):
        if not hit.truncated and hit.url not in urls:
            urls.append(hit.url)
    return urls
