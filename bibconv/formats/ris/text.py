"""RIS text values <-> CSL: joined lists (ISBNs), keywords, links, HTML notes and abstracts
as CSL text, and page ranges split over ``SP``/``EP``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any, Final

from bibconv.formats.ris.fields import ENTITY, Field, Mapped, ToCsl, collapse, text_to_csl


def joined_to_csl(separator: str) -> ToCsl:
    """A multi-valued tag whose CSL variable is one string (SN -> ISBN)."""

    def to_csl(fields: Sequence[Field], current: Any) -> Mapped:
        texts = [collapse(f) for f in fields]
        if current is not None:
            texts.insert(0, str(current))
        return Mapped(separator.join(texts), [], [])

    return to_csl


# Keywords, links, notes ----------------------------------------------------------------

_LIST_SEPARATOR: Final = re.compile(r"\s*[;\n]\s*")


def keywords_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """``KW`` lines, each a list split at ``;`` and line breaks, make one ``keyword``.

    CSL's ``keyword`` is one string; bibconv joins keywords with ``, `` (and the writer
    splits there again), so ``KW  - a; b`` and two ``KW`` lines read the same.
    """
    words = [str(current)] if current is not None else []
    for f in fields:
        for word in _LIST_SEPARATOR.split(f.value):
            word = html.unescape(word) if ENTITY.search(word) else word
            if word.strip():
                words.append(" ".join(word.split()))
    return Mapped(", ".join(words) if words else current, [], [])


def keywords_from_csl(value: Any) -> list[str]:
    return [k.strip() for k in str(value).split(",") if k.strip()]


def split_links(text: str) -> list[str]:
    """The links in one ``UR``/``L1``-``L4`` value: one a line, or split at ``;``.

    White space separates links too when every piece is a URL (``http://a http://b``);
    a file path with a space in it stays whole.
    """
    links: list[str] = []
    for piece in _LIST_SEPARATOR.split(text.strip()):
        words = piece.split()
        if len(words) > 1 and all("://" in word for word in words):
            links.extend(words)
        elif piece:
            links.append(piece)
    return links


def links_of(fields: Sequence[Field]) -> list[Field]:
    """One field per link, each at its tag's location."""
    return [f._replace(value=link) for f in fields for link in split_links(f.value)]


def urls_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """``URL`` is the first link; further links are kept in ``custom`` (in order)."""
    links = links_of(fields)
    if not links:
        return Mapped(current, [], [])
    value = current if current is not None else links[0].value
    return Mapped(value, [f for f in links if f.value != value], [])


_HTML_TAG: Final = re.compile(
    r"</?(?:p|div|span|a|em|strong|ul|ol|li|h[1-6]|blockquote|pre|code|u|font)\b[^<>]*>"
    r"|<br\s*/?>|</?(?:i|b|sup|sub)>",
    re.IGNORECASE,
)


_BLOCK_END: Final = re.compile(r"</(?:p|div|h[1-6]|blockquote|pre|li)>|<br\s*/?>", re.I)


_KEPT_MARKUP: Final = re.compile(r'</?(?:i|b|sup|sub)>|<span class="nocase">.*?</span>', re.I)


def html_to_text(text: str) -> str:
    """Zotero's HTML notes (``<p>..</p>``, ``<br/>``, ``&amp;``) as CSL text.

    Paragraphs become blank-line breaks, ``<br>`` a line break; the markup CSL keeps
    (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span class="nocase">``) stays, other
    tags go, and character references are decoded. Text with no HTML is returned as is.
    """
    if not _HTML_TAG.search(text) and not ENTITY.search(text):
        return text
    text = text.replace("\r\n", "\n")
    text = _BLOCK_END.sub(lambda m: "\n" if m.group().lower().startswith("<br") else "\n\n", text)
    text = re.sub(r"<(em|strong)\b[^>]*>", lambda m: "<i>" if m[1] == "em" else "<b>", text)
    text = re.sub(r"</(em|strong)>", lambda m: "</i>" if m[1] == "em" else "</b>", text)
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"\x00{len(kept) - 1}\x00"

    text = _KEPT_MARKUP.sub(hold, text)
    text = html.unescape(_HTML_TAG.sub("", text))
    text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_ABSTRACT_LABEL: Final = re.compile(
    r"(?:Abstract|ABSTRACT|Summary|SUMMARY)(?:[:.]\s*|\s+)(?=[A-Z])"
)


def prose_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """Prose (``AB``, ``RN``): the first value, its HTML (if any) as text."""
    cleaned = [f._replace(value=html_to_text(f.value)) for f in fields]
    return text_to_csl(cleaned, current)


def abstract_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """An abstract without the label some publishers start it with (Wiley: ``Abstract We``)."""
    return prose_to_csl(
        [f._replace(value=_ABSTRACT_LABEL.sub("", f.value, 1)) for f in fields], current
    )


def note_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """``N1`` (repeated) makes one ``note``, joined with line breaks; HTML as text."""
    texts = [str(current)] if current is not None else []
    texts += [html_to_text(f.value) for f in fields]
    return Mapped("\n".join(texts), [], [])


# Pages ----------------------------------------------------------------------------------

_RANGE_DASH: Final = re.compile(r"\s*[-‐‑‒–—]+\s*")


_PAGE_LABEL: Final = re.compile(r"\A(?:pp?|pages?)(?:\.\s*|\s+)(?=[A-Za-z]?\d|[ivxlc]+\b)", re.I)


def page_start_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """SP without the ``pp.`` some exporters put before the pages."""
    unlabelled = [f._replace(value=_PAGE_LABEL.sub("", f.value.strip(), count=1)) for f in fields]
    return text_to_csl(unlabelled, current)


def page_end_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """EP completes the range SP started, with a hyphen as the BibTeX reader gives ``--``.

    When SP already holds the whole range (``SP  - 12-20``), an EP equal to its end
    says nothing new and is dropped; a different EP is kept aside.
    """
    end = collapse(fields[0])
    if current is None:
        return Mapped(current, list(fields), [])
    pieces = _RANGE_DASH.split(str(current), maxsplit=1)
    if len(pieces) == 2:
        return Mapped(current, [f for f in fields if collapse(f) != pieces[1]], [])
    return Mapped(f"{current}-{end}", list(fields[1:]), [])


def page_start_from_csl(value: Any) -> list[str]:
    return [_RANGE_DASH.split(str(value), maxsplit=1)[0]]


def page_end_from_csl(value: Any) -> list[str]:
    pieces = _RANGE_DASH.split(str(value), maxsplit=1)
    return pieces[1:]
