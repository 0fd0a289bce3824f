"""Identifiers printed in a reference: DOI, arXiv id, ISBN, URLs, taken out of the text before
it is split into parts.
"""

from __future__ import annotations

from typing import Any

from bibconv.pages._text import clean_url, find_urls, fold_space
from bibconv.references.common import _mentions, _search_from_mention
from bibconv.references.patterns import (
    _ACCESSED,
    _ARXIV,
    _ARXIV_BEFORE,
    _ARXIV_DOI,
    _ARXIV_LABEL,
    _ARXIV_WORD,
    _DOI,
    _EMPTY_ARXIV_PARENS,
    _ONLINE,
    _PREPRINT_WORD,
    _URL_LABEL_REACH,
    _URL_LABELS,
)


def _cut(text: str, start: int, end: int) -> str:
    """``text`` without ``text[start:end]``, and without a URL label just before it."""
    before = text[:start].rstrip()
    # A label ends the text before the identifier ("$"), so it lies in its last characters:
    # searching only those is the same cut (sub tried every position of the whole text).
    window = max(0, len(before) - _URL_LABEL_REACH)
    label = (
        _URL_LABELS.search(before, window)
        if _mentions(before[window:], "retrieved", "available", "online", "url")
        else None
    )
    if label is not None:
        before = before[: label.start()]
    before = before.rstrip()
    after = text[end:]
    if before.endswith((",", ".", ";", ":")) and after.lstrip()[:1] in {".", ",", ";", ""}:
        after = after.lstrip()[1:]
    return f"{before} {after.lstrip()}".strip()


def _clean_identifier(raw: str) -> str:
    raw = raw.rstrip(".,;:")
    while (
        raw and raw[-1] in ")]" and raw.count(raw[-1]) > raw.count("(" if raw[-1] == ")" else "[")
    ):
        raw = raw[:-1].rstrip(".,;:")
    return raw


def _without_access_notes(text: str) -> str:
    """``_ACCESSED.sub("", text)``, the search started where its first word can be (an
    opening bracket and "last " come at most 6 characters before "accessed")."""
    first = _search_from_mention(_ACCESSED, text, ("accessed", "cited", "retrieved", "viewed"), 6)
    if first is None:
        return text
    parts, end = [text[: first.start()]], first.end()
    for match in _ACCESSED.finditer(text, end):
        parts.append(text[end : match.start()])
        end = match.end()
    parts.append(text[end:])
    return "".join(parts)


def _cut_identifiers(text: str, fields: dict[str, Any]) -> str:
    """Take DOI, arXiv id, URL and access notes out of ``text`` into ``fields``."""
    first = text.find("10.")
    # Every DOI starts "10."; its longest label ("https://dx.doi.org/") is 19 characters
    # before that, so the search starts there (lookbehinds still see the text before).
    match = _DOI.search(text, max(0, first - 24)) if first != -1 else None
    if match is not None:
        doi = _clean_identifier(match.group(1) or match.group(2))
        fields["DOI"] = doi
        arxiv_doi = _ARXIV_DOI.match(doi)
        if arxiv_doi:
            fields["arxiv_id"] = arxiv_doi.group(1)
        text = _cut(text, match.start(), match.start() + len(match.group(0)))
    # (every arXiv label starts with one of these words)
    match = _search_from_mention(_ARXIV, text, ("arxiv", "corr", "abs/"), 0)
    if match is not None:
        fields.setdefault("arxiv_id", match.group(1))
        if match.group(3):
            fields["arxiv_category"] = match.group(3)
        label = match.group(0)
        # "arXiv preprint arXiv:1234" names the venue; keep "arXiv" where the label stood.
        venue = "arXiv" if _ARXIV_LABEL.match(label) else ""
        before = text[: match.start()].rstrip()
        if _ARXIV_BEFORE.search(before):
            venue = ""  # "In arXiv (arXiv:1907.11692)": the venue is printed already
        after = text[match.end() :]
        if "arxiv.org" in label.lower():
            before = before.rstrip()
            # the URL itself: keep it as the URL and drop it from the text
            url_start = before.rfind("http")
            url_end = match.end()
            while url_end < len(text) and not text[url_end].isspace():
                url_end += 1
            start = (
                url_start
                if url_start != -1 and " " not in text[url_start : match.start()]
                else match.start()
            )
            fields.setdefault("URL", clean_url(text[start:url_end]))
            text = _cut(text, start, url_end)
        else:
            text = f"{before} {venue}{after}".strip() if venue else f"{before}{after}".strip()
            fields["arxiv_venue"] = bool(venue)
    for hit in find_urls(text):
        if hit.truncated or not hit.url:
            continue
        fields.setdefault("URL", hit.url)
        text = _cut(text, hit.offset, hit.offset + len(hit.raw))
        break
    if "arxiv_id" in fields or (_mentions(text, "arxiv") and _ARXIV_WORD.search(text)):
        text = _PREPRINT_WORD.sub("", text)
        text = _EMPTY_ARXIV_PARENS.sub("", text)
    text = _without_access_notes(text)
    if "[" in text:
        text = _ONLINE.sub("", text)
    return fold_space(text).strip()
