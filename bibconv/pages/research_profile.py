"""Research-profile sites: profile chrome, then per paper ``kind+year+venue``, title, abstract.

A paper on such a page is printed as::

    preprint2026arXiv         <- kind, year and venue glued together
    Title
    Abstract                  <- optional

The page shows no authors, so items get none (CONVENTIONS: never invent them); the
profile's owner, named at the top, is kept in ``custom["profile_owner"]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from bibconv._vocab import is_preprint_venue, venue_type
from bibconv.diagnostics import Diagnostic, warning
from bibconv.model import CslItem
from bibconv.pages._text import (
    Detection,
    Line,
    build_item,
    continues_abstract,
    finish,
    looks_like_abstract,
    looks_like_name,
    nonblank,
    reader_for,
    urls_of,
    year_only,
)
from bibconv.protocols import Format, Parsed

NAME: Final = "research-profile"

# ----------------------------------------------------------------------------- cues
#: The kinds of work a profile prints before the year, and the CSL type each implies
#: (``None``: decide from the venue).
KINDS: Final[dict[str, str | None]] = {
    "preprint": None,
    "article": None,
    "journal-article": "article-journal",
    "journal": "article-journal",
    "conference": "paper-conference",
    "proceedings": "paper-conference",
    "proceedings-article": "paper-conference",
    "book": "book",
    "book-chapter": "chapter",
    "chapter": "chapter",
    "thesis": "thesis",
    "dissertation": "thesis",
    "dataset": "dataset",
    "report": "report",
    "other": None,
}
#: "preprint2026arXiv": a kind, a four-digit year, then the venue (maybe empty); a copy
#: that kept the separators ("preprint · 2026 · arXiv") reads the same.
META_LINE: Final = re.compile(
    r"(?P<kind>" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")"
    r"[ ·•]{0,3}(?P<year>(?:19|20)\d\d)(?![\d])[ ·•]{0,3}(?P<venue>.{0,200})",
    re.I,
)
#: Profile chrome that names the page kind; the owner's name follows the first one.
PROFILE_CUES: Final = (
    "Researcher profile",
    "Published work",
    "Trust snapshot",
    "Research graph",
    "Identity and collaboration",
)
_COUNTS: Final = re.compile(r"(?P<count>\d+) published item\(s\)")


def _meta(line: Line) -> re.Match[str] | None:
    if len(line.text) > 220 or not line.text[:1].isalpha():
        return None
    return META_LINE.fullmatch(line.text)


# ----------------------------------------------------------------------------- detect


def detect(lines: Sequence[Line]) -> Detection:
    """Score: kind+year+venue lines followed by a title; the profile's own chrome words."""
    rows = nonblank(lines)
    metas = [
        line.no
        for index, line in enumerate(rows)
        if _meta(line) is not None and index + 1 < len(rows) and _meta(rows[index + 1]) is None
    ]
    cues = [line.no for line in rows if line.text in PROFILE_CUES]
    score = 0.0
    if metas:
        score += 0.6 if len(metas) >= 2 else 0.4
    if cues:
        score += 0.3 if metas else 0.1
    return Detection(NAME, round(min(score, 1.0), 3), tuple([*metas[:2], *cues[:1]]))


# ----------------------------------------------------------------------------- parse


def profile_owners(rows: Sequence[Line]) -> list[str | None]:
    """For each row, the owner named after the last "Researcher profile" banner above it.

    One pass, so two pasted profiles keep their own owners.
    """
    owners: list[str | None] = []
    owner: str | None = None
    for index, line in enumerate(rows):
        if line.text == PROFILE_CUES[0]:
            following = rows[index + 1].text if index + 1 < len(rows) else ""
            owner = following if looks_like_name(following) else None
        owners.append(owner)
    return owners


def _paper(
    meta: re.Match[str],
    body: list[Line],
    head: Line,
    owner: str | None,
    source: str,
    diags: list[Diagnostic],
) -> CslItem | None:
    if not body:
        diags.append(warning("page.no-title", "no title after this line", head.location(source)))
        return None
    title, rest = body[0], body[1:]
    abstract: list[Line] = []
    for line in rest:
        if looks_like_abstract(line.text) if not abstract else continues_abstract(line.text):
            abstract.append(line)
        else:
            diags.append(
                warning(
                    "page.skipped-line",
                    f"line not part of any paper, skipped: {line.text[:60]!r}",
                    line.location(source),
                )
            )
    venue = meta.group("venue").strip()
    kind = meta.group("kind").lower()
    csl_type = KINDS[kind] or venue_type(venue) or "article"
    if kind == "article" and csl_type == "article" and venue and not is_preprint_venue(venue):
        # An "article" in a named venue that is neither a preprint server nor a
        # conference is a journal article ("article2020Computer Speech & Language").
        csl_type = "article-journal"
    urls: list[str] = []
    for line in abstract:
        urls.extend(u for u in urls_of(line.text, line, source, diags) if u not in urls)
    custom: dict[str, Any] = {"profile_owner": owner} if owner else {}
    return build_item(
        csl_type=csl_type,
        title=title.text,
        issued=year_only(int(meta.group("year"))),
        container=venue or None,
        urls=urls,
        abstract=" ".join(line.text for line in abstract),
        custom=custom,
    )


def parse(lines: Sequence[Line], *, source: str, year: int) -> Parsed:
    """Every work on a research-profile page, in page order (no authors: none printed)."""
    del year  # every work prints its own year
    diags: list[Diagnostic] = []
    rows = _split_glued_banners(nonblank(lines), source, diags)
    starts = [index for index, line in enumerate(rows) if _meta(line) is not None]
    items: list[CslItem] = []
    owners = profile_owners(rows)
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(rows)
        meta = _meta(rows[start])
        assert meta is not None
        body = _until_next_profile(rows[start + 1 : end])
        item = _paper(meta, body, rows[start], owners[start], source, diags)
        if item is not None:
            items.append(item)
    return finish(items, diags)


def _split_glued_banners(rows: list[Line], source: str, diags: list[Diagnostic]) -> list[Line]:
    """Split "...last sentence.Researcher profile" (two profiles pasted without a newline)."""
    banner = PROFILE_CUES[0]
    out: list[Line] = []
    for line in rows:
        text = line.text
        if len(text) > len(banner) and text.endswith(banner) and text[-len(banner) - 1] in ".!?)":
            head = len(text) - len(banner)
            diags.append(
                warning(
                    "page.glued-text",
                    f"{banner!r} banner glued to the end of this line; split off",
                    line.location(source, head),
                )
            )
            out.append(Line(line.no, text[:head], line.column))
            out.append(Line(line.no, banner, line.column + head))
        else:
            out.append(line)
    return out


def _until_next_profile(body: list[Line]) -> list[Line]:
    """A paper's lines up to a second pasted profile's banner, if one follows."""
    for index, line in enumerate(body):
        if index >= 1 and line.text in PROFILE_CUES:
            return body[:index]
    return body


FORMAT: Final = Format(
    NAME, (), read=reader_for(parse, NAME), description="research-profile site (text)"
)
