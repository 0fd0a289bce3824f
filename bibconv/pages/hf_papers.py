"""Hugging Face paper listings (trending / daily): banner chrome, date lines, title + abstract.

A listing is printed as::

    Get trending papers in your email inbox!    <- banner chrome
    Subscribe
    Mar 17                                      <- date line (no year: the capture year)
    Title
    Abstract                                    <- optional
    Title
    ...

A date line is the day the site showed the list, not when the papers were published: it
goes to ``custom.listed`` (ISO date, the capture year when none is printed) of every paper
below it until the next one, never to ``issued``. Only a card's own ``Published on ...``
line gives ``issued``. The listing names no venue and no authors, so items are
``article``s with a title, an abstract and its URLs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from bibconv.diagnostics import Diagnostic, warning
from bibconv.model import CslDate, CslItem
from bibconv.pages._text import (
    COMMON_CHROME,
    Detection,
    Line,
    build_item,
    finish,
    is_site_footer,
    iso_date,
    looks_like_prose,
    nonblank,
    parse_date,
    reader_for,
    urls_of,
    word_count,
)
from bibconv.protocols import Format, Parsed

NAME: Final = "hf-papers"

# ----------------------------------------------------------------------------- cues
#: Banner lines of the listing; chrome, never an item or a field.
CHROME: Final = frozenset(
    {
        "new",
        "Get trending papers in your email inbox!",
        "Subscribe",
        "byAK and the research community",
        "Trending Papers",
        "Daily Papers",
        "Submit paper",
        "Submit",
        "Previous",
        "Next",
    }
)
#: Per-card chrome a listing may print: upvote counts, "Submitted by ...", author counts,
#: the card's link buttons and GitHub star counts ("GitHub", "9.8k").
CARD_CHROME: Final = re.compile(
    r"\d{1,6}|Submitted by \S{1,60}|(?:· ?)?\d{1,4} authors?|\d{1,6} comments?|Upvoted?"
    r"|Published on [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?"
    r"|\d{1,4}(?:\.\d{1,2})?[kKM]|GitHub|arXiv Page"
)
#: Buttons that end a listing: anything after them is the site footer.
_LISTING_END: Final = frozenset({"Load more", "Show more", "See more"})
#: "Submitted by" copied with the submitter's handle on the line after it.
_SUBMITTED_BY: Final = "Submitted by"
#: Banner lines that only this site prints (detection rests on these).
SIGNATURE: Final = frozenset(
    {"Get trending papers in your email inbox!", "byAK and the research community"}
)
#: "Mar 17" or "Mar 17, 2025": a date line.
DATE_LINE: Final = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:, \d{4})?"
)
#: The listing's first chrome word, glued onto the last abstract when two listings are
#: pasted without a newline between them ("...of GE.new").
_GLUED_CHROME: Final = re.compile(r"(?<=[.!?)])new$")
#: A title longer than this is prose, even in a title's place.
_MAX_TITLE_WORDS: Final = 40


#: A card's own publication date ("Published on Mar 17, 2025"): chrome for detection.
_PUBLISHED: Final = re.compile(r"Published on (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)")


def _is_date(line: Line) -> bool:
    return len(line.text) <= 20 and DATE_LINE.fullmatch(line.text) is not None


def _published(line: Line, year: int) -> CslDate | None:
    """The date of a ``Published on ...`` card line (the capture year when none is printed)."""
    match = _PUBLISHED.fullmatch(line.text)
    return parse_date(match.group("date"), year=year) if match else None


def _join_submitter(rows: list[Line]) -> list[Line]:
    """Join "Submitted by" / "handle" copied onto two lines, so the handle is chrome too."""
    out: list[Line] = []
    index = 0
    while index < len(rows):
        line = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        if line.text == _SUBMITTED_BY and following is not None and " " not in following.text:
            out.append(Line(line.no, f"{line.text} {following.text}", line.column))
            index += 2
        else:
            out.append(line)
            index += 1
    return out


def _is_chrome(line: Line) -> bool:
    if line.text in CHROME or line.text in COMMON_CHROME:
        return True
    return len(line.text) <= 80 and CARD_CHROME.fullmatch(line.text) is not None


# ----------------------------------------------------------------------------- detect


def _pairs(rows: Sequence[Line]) -> int:
    """How many rows stand in title-then-abstract pairs (the listing's whole body)."""
    paired = 0
    index = 0
    while index + 1 < len(rows):
        title, abstract = rows[index].text, rows[index + 1].text
        if not looks_like_prose(title) and looks_like_prose(abstract):
            paired += 2
            index += 2
        else:
            index += 1
    return paired


def detect(lines: Sequence[Line]) -> Detection:
    """Score: the banner's own lines, date lines, and a body made only of title/abstract pairs."""
    rows = _join_submitter(nonblank(lines))
    signature = [line.no for line in rows if line.text in SIGNATURE]
    dates = [line.no for line in rows if _is_date(line)]
    body = [line for line in rows if not _is_chrome(line) and not _is_date(line)]
    purity = _pairs(body) / len(body) if body else 0.0
    score = 0.0
    if signature:
        score += 0.5 if len(signature) >= 2 else 0.35
    if dates and (signature or purity > 0.9):
        score += 0.1
    if len(body) >= 4 and purity > 0.7:
        score += 0.5 * (purity - 0.7) / 0.3
    evidence = tuple([*signature[:2], *dates[:1]])
    return Detection(NAME, min(round(score, 3), 1.0), evidence)


# ----------------------------------------------------------------------------- parse


@dataclass(slots=True)
class _Card:
    title: Line
    listed: CslDate | None  # the date heading above the card: the list's day
    abstract: list[Line] = field(default_factory=list)
    published: CslDate | None = None  # the card's own "Published on ..." line


def _card_item(card: _Card, source: str, diags: list[Diagnostic]) -> CslItem:
    urls: list[str] = []
    for line in card.abstract:
        urls.extend(u for u in urls_of(line.text, line, source, diags) if u not in urls)
    listed = {"listed": iso_date(card.listed)} if card.listed else {}
    return build_item(
        csl_type="article",
        title=card.title.text,
        issued=card.published,
        urls=urls,
        abstract=" ".join(line.text for line in card.abstract),
        custom=listed,
    )


def parse(lines: Sequence[Line], *, source: str, year: int) -> Parsed:
    """Every paper in a listing, in page order; ``year`` completes "Mar 17"."""
    cards: list[_Card] = []
    diags: list[Diagnostic] = []
    date: CslDate | None = None
    # Chrome goes first, so "the line after" below is always page content; a card's
    # "Published on ..." line stays until it has dated the card it follows.
    rows = [_unglue(r, source, diags) for r in _join_submitter(nonblank(lines))]
    body = [
        line
        for line in _drop_footer(rows, source, diags)
        if not _is_chrome(line) or _PUBLISHED.fullmatch(line.text)
    ]
    for index, line in enumerate(body):
        if _is_date(line):
            date = parse_date(line.text, year=year)
            continue
        published = _published(line, year)
        if published is not None:
            if cards and cards[-1].published is None:
                cards[-1].published = published
            continue
        card = cards[-1] if cards else None
        following = body[index + 1] if index + 1 < len(body) else None
        if card is not None and not card.abstract and _is_abstract(line, following):
            card.abstract.append(line)
        elif card is None and looks_like_prose(line.text):
            diags.append(
                warning(
                    "page.skipped-line",
                    f"text before the first title, skipped: {line.text[:60]!r}",
                    line.location(source),
                )
            )
        elif card is not None and card.abstract and _continues(line):
            card.abstract.append(line)  # a second paragraph of the same abstract
        else:
            cards.append(_Card(line, date))
    return finish([_card_item(card, source, diags) for card in cards], diags)


def _drop_footer(rows: list[Line], source: str, diags: list[Diagnostic]) -> list[Line]:
    """Drop the site footer ("About", "Privacy Policy", "© ...") after the listing's end.

    "Load more" (or a copyright line) ends the listing; what follows it is the site's footer
    until a date line or a banner line starts another pasted listing.
    """
    kept: list[Line] = []
    in_footer = False
    for line in rows:
        if in_footer and (_is_date(line) or line.text in CHROME):
            in_footer = False  # another pasted listing begins
        if is_site_footer(line.text):
            in_footer = True
        if in_footer:
            diags.append(
                warning(
                    "page.skipped-line",
                    f"site footer after the listing, skipped: {line.text[:60]!r}",
                    line.location(source),
                )
            )
            continue
        in_footer = line.text in _LISTING_END
        kept.append(line)  # "Load more" itself is chrome, dropped with the rest
    return kept


def _continues(line: Line) -> bool:
    """A line after an abstract that still belongs to it: too long for a title, or a link.

    Titles hold no URL; a short "Code: https://..." line is the abstract's last paragraph.
    """
    return word_count(line.text) > _MAX_TITLE_WORDS or "://" in line.text


def _is_abstract(line: Line, following: Line | None) -> bool:
    """Is ``line`` (after a title) that title's abstract, or the next paper's title?

    Prose is an abstract, unless it is short enough for a title and the line after it is
    itself an abstract: then this line is a title (a paper without an abstract came before).
    """
    if not looks_like_prose(line.text):
        return False
    if following is None or word_count(line.text) > _MAX_TITLE_WORDS:
        return True
    # Titles hold no sentence break; an abstract usually does.
    title_like = ". " not in line.text
    longer = word_count(following.text) > 2 * word_count(line.text)
    return not (title_like and looks_like_prose(following.text) and longer)


def _unglue(line: Line, source: str, diags: list[Diagnostic]) -> Line:
    """Cut the next listing's first banner word off a line it was glued to, and say so."""
    match = _GLUED_CHROME.search(line.text) if len(line.text) > 40 else None
    if match is None:
        return line
    diags.append(
        warning(
            "page.glued-text",
            f"banner word {match.group()!r} glued to the end of this line; dropped",
            line.location(source, match.start()),
        )
    )
    return Line(line.no, line.text[: match.start()], line.column)


FORMAT: Final = Format(
    NAME, (), read=reader_for(parse, NAME), description="Hugging Face paper listing (text)"
)
