"""ACL Anthology author pages: year headers, link labels, title, ``|``-separated authors, venue.

A paper on such a page is printed as::

    2024                      <- year header (applies to every paper below it)
    pdf / bib / abs           <- optional link labels, one per line
    Title
    First Author              <- one name per line,
    |                         <- separated by lines holding only "|"
    Second Author
    Venue line                <- "Proceedings of ...", "Findings of ...", a journal
    Abstract                  <- optional, one long line

The page may start with its owner's name and other chrome; a line that does not start a
paper (a title followed by authors) is skipped, with a warning once papers have begun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bibconv._vocab import venue_type
from bibconv.diagnostics import Diagnostic, warning
from bibconv.model import CslItem
from bibconv.pages._text import (
    Detection,
    Line,
    build_item,
    drop_glued_name,
    finish,
    is_site_footer,
    is_venue_line,
    looks_like_abstract,
    looks_like_name,
    looks_like_prose,
    nonblank,
    reader_for,
    split_name,
    urls_of,
    year_in,
    year_only,
)
from bibconv.protocols import Format, Parsed

NAME: Final = "acl-anthology"

# ----------------------------------------------------------------------------- cues
#: The line between two authors.
AUTHOR_SEPARATOR: Final = "|"
#: Link labels printed above a paper (the anthology's buttons); chrome, never a field.
LINK_LABELS: Final = frozenset(
    {"pdf", "bib", "abs", "code", "data", "video", "slides", "poster", "software", "dataset"}
)
#: Headings of the lists an author page prints beside or after its papers (chrome: the
#: lines under them are skipped silently until the next year header).
SIDEBAR_HEADINGS: Final = frozenset({"Co-authors", "Venues", "Fix data", "Fix author"})
#: A year header: the line is a year and nothing else.
YEAR_HEADER: Final = re.compile(r"(?:19|20)\d\d")
#: An abstract that ran into the next pasted page's year header ("...learning.2024").
_GLUED_YEAR: Final = re.compile(r"(?<=[.!?)\]])((?:19|20)\d\d)$")
#: Author lines are short; anything longer is prose or a title.
_MAX_AUTHOR_CHARS: Final = 80


def _is_year(line: Line) -> bool:
    return YEAR_HEADER.fullmatch(line.text) is not None


def _is_label(line: Line) -> bool:
    """A link label line: "pdf", or several labels copied onto one line ("pdf bib abs")."""
    text = line.text.lower()
    if text in LINK_LABELS:
        return True
    return len(text) < 80 and " " in text and all(w in LINK_LABELS for w in text.split(" "))


def _is_pipe(line: Line) -> bool:
    return line.text == AUTHOR_SEPARATOR


def _is_boundary(line: Line) -> bool:
    """Year headers and link labels end a paper."""
    return _is_year(line) or _is_label(line)


def _cannot_be_title(line: Line) -> bool:
    """Boundaries, ``|`` lines and lines without a letter or digit (a lone "," left by
    copying a list of links such as "Also published as: A, B") never open a paper."""
    return _is_boundary(line) or _is_pipe(line) or not any(c.isalnum() for c in line.text)


def _could_be_author(line: Line) -> bool:
    """Loose check for a line between ``|`` separators (names may be odd: "Mausam")."""
    text = line.text
    return (
        0 < len(text) <= _MAX_AUTHOR_CHARS
        and not text.endswith(".")
        and not _is_boundary(line)
        and not _is_pipe(line)
    )


def inline_names(line: Line) -> list[str] | None:
    """The names of an author list printed on one line ("Ann Lee | Bo Chen"), if it is one.

    Some browsers copy the anthology's author list onto a single line.
    """
    text = line.text
    if AUTHOR_SEPARATOR not in text or _is_pipe(line) or len(text) > 4000:
        return None
    names = [part.strip() for part in text.split(AUTHOR_SEPARATOR)]
    if len(names) < 2 or not all(looks_like_name(name) for name in names):
        return None
    return names


# ----------------------------------------------------------------------------- detect


def detect(lines: Sequence[Line]) -> Detection:
    """Score: ``|`` lines between names, venue lines after names, year headers, labels."""
    rows = nonblank(lines)
    pipes: list[int] = []
    venues: list[int] = []
    labels: list[int] = []
    years: list[int] = []
    for index, line in enumerate(rows):
        if inline_names(line) is not None:
            pipes.append(line.no)
        elif _is_pipe(line):
            if 0 < index < len(rows) - 1 and (
                _could_be_author(rows[index - 1]) and _could_be_author(rows[index + 1])
            ):
                pipes.append(line.no)
        elif _is_label(line) and line.text.lower() in {"pdf", "bib", "abs"}:
            labels.append(line.no)
        elif _is_year(line):
            years.append(line.no)
        elif (
            index >= 2
            and is_venue_line(line.text)
            and _could_be_author(rows[index - 1])
            and not is_venue_line(rows[index - 1].text)
        ):
            venues.append(line.no)
    score = 0.0
    if pipes:
        score += 0.5 if len(pipes) >= 2 else 0.35
    if venues:
        score += 0.3 if len(venues) >= 2 else 0.2
    if labels:
        score += 0.15
    if years and (pipes or venues):
        score += 0.1
    evidence = tuple(sorted([*pipes[:1], *venues[:1], *labels[:1]]))
    return Detection(NAME, round(min(score, 1.0), 3), evidence)


# ----------------------------------------------------------------------------- parse


@dataclass(slots=True)
class _Paper:
    title: Line
    authors: list[str]
    venue: Line | None
    abstract: list[Line]
    end: int  # index of the first row after the paper


class _Page:
    """The page's non-blank rows and the grammar over them."""

    def __init__(self, rows: list[Line]) -> None:
        self.rows = rows

    def at(self, index: int) -> Line | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def starts_paper(self, index: int) -> bool:
        """Does a paper's title stand at ``index``? (a title followed by its authors)."""
        title, first, after = self.at(index), self.at(index + 1), self.at(index + 2)
        if title is None or first is None or _cannot_be_title(title):
            return False
        if inline_names(first) is not None and inline_names(title) is None:
            return True
        if not _could_be_author(first):
            return False
        if after is not None and _is_pipe(after):
            return True
        # A single author: the name must look like one and a venue line must follow (the
        # venue vouches for the name, so a lowercase one such as "danah boyd" counts).
        return (
            looks_like_name(first.text, capitalised=False)
            and after is not None
            and is_venue_line(after.text)
            and not is_venue_line(first.text)
        )

    def single_author_paper(self, index: int) -> bool:
        """A title, one name, then prose, a boundary or the end (no venue line)."""
        title, first, after = self.at(index), self.at(index + 1), self.at(index + 2)
        if title is None or first is None or _cannot_be_title(title):
            return False
        if looks_like_prose(title.text):  # an abstract, followed by the next page's owner
            return False
        if not looks_like_name(first.text) or is_venue_line(first.text):
            return False
        return after is None or _is_boundary(after) or looks_like_prose(after.text)

    def paper_at(self, index: int) -> _Paper | None:
        if not (self.starts_paper(index) or self.single_author_paper(index)):
            return None
        title = self.rows[index]
        first = self.rows[index + 1]
        inline = inline_names(first)
        authors = inline or [first.text]
        cursor = index + 2
        while inline is None:
            pipe, name = self.at(cursor), self.at(cursor + 1)
            if pipe is None or not _is_pipe(pipe) or name is None or not _could_be_author(name):
                break
            authors.append(name.text)
            cursor += 2
        venue = self._venue_at(cursor)
        if venue is not None:
            cursor += 1
        abstract: list[Line] = []
        while (line := self.at(cursor)) is not None and self._continues_abstract(cursor, abstract):
            abstract.append(line)
            cursor += 1
        return _Paper(title, authors, venue, abstract, cursor)

    def _venue_at(self, index: int) -> Line | None:
        line = self.at(index)
        if line is None or _is_boundary(line) or _is_pipe(line) or is_site_footer(line.text):
            return None
        if self.starts_paper(index):
            return None
        if is_venue_line(line.text):
            return line
        # A venue our words do not know: short, not prose, and prose or a boundary after it.
        after = self.at(index + 1)
        if looks_like_prose(line.text) or line.text.endswith("."):
            return None
        if after is None or _is_boundary(after) or looks_like_prose(after.text):
            return line if len(line.text) <= 200 else None
        return None

    def _continues_abstract(self, index: int, so_far: list[Line]) -> bool:
        line = self.rows[index]
        if _is_boundary(line) or _is_pipe(line) or is_site_footer(line.text):
            return False
        if self.starts_paper(index):
            return False
        if self.single_author_paper(index):
            return False
        # The first line after the venue is the abstract; later lines must read as prose,
        # or be a short line holding a link ("Code: https://...") that ends the paper.
        if not so_far:
            return looks_like_abstract(line.text)
        return looks_like_prose(line.text) or ("://" in line.text and self._ends_paper(index + 1))

    def _ends_paper(self, index: int) -> bool:
        line = self.at(index)
        return (
            line is None
            or _is_boundary(line)
            or self.starts_paper(index)
            or self.single_author_paper(index)
        )


def _split_glued_years(rows: list[Line], source: str, diags: list[Diagnostic]) -> list[Line]:
    """Split "...last sentence.2024" into the abstract and a year header.

    Two pages pasted without a newline between them glue the second page's first year
    header (or its owner's name, when a year header follows) onto the first page's last
    abstract. Only long lines ending in a stop and a year are split; every repair is
    reported.
    """
    out: list[Line] = []
    for index, line in enumerate(rows):
        after = rows[index + 1] if index + 1 < len(rows) else None
        if after is not None and _is_year(after) and len(line.text) > 40:
            line = drop_glued_name(line, source, diags, "page owner")
        match = _GLUED_YEAR.search(line.text) if len(line.text) > 40 else None
        if match is None or (after is not None and _is_pipe(after)):  # an author, not prose
            out.append(line)
            continue
        year = Line(line.no, match.group(1), line.column + match.start())
        diags.append(
            warning(
                "page.glued-text",
                f"year header {year.text!r} glued to the end of this line; split off",
                year.location(source),
            )
        )
        out.append(Line(line.no, line.text[: match.start()], line.column))
        out.append(year)
    return out


def _item(paper: _Paper, year: int | None, source: str, diags: list[Diagnostic]) -> CslItem:
    venue = paper.venue.text if paper.venue else None
    if venue is None:
        diags.append(
            warning(
                "page.no-venue",
                "no venue line after the authors; type set to 'article'",
                paper.title.location(source),
            )
        )
    printed_year = year if year is not None else (year_in(venue) if venue else None)
    if printed_year is None:
        diags.append(
            warning("page.no-year", "no year header above this paper", paper.title.location(source))
        )
    urls: list[str] = []
    for line in paper.abstract:
        urls.extend(u for u in urls_of(line.text, line, source, diags) if u not in urls)
    return build_item(
        csl_type=venue_type(venue) or "article",
        title=paper.title.text,
        authors=[split_name(name) for name in paper.authors],
        issued=year_only(printed_year) if printed_year is not None else None,
        container=venue,
        urls=urls,
        abstract=" ".join(line.text for line in paper.abstract),
    )


def parse(lines: Sequence[Line], *, source: str, year: int) -> Parsed:
    """Every paper on an ACL Anthology author page, in page order.

    ``year`` (the capture year) is unused: the anthology prints every year.
    """
    del year  # every paper sits under a printed year header
    items: list[CslItem] = []
    diags: list[Diagnostic] = []
    page = _Page(_split_glued_years(nonblank(lines), source, diags))
    current_year: int | None = None
    in_sidebar = False  # the page's "Co-authors" / "Venues" lists after the papers
    index = 0
    while index < len(page.rows):
        line = page.rows[index]
        if _is_year(line):
            current_year = int(line.text)
            in_sidebar = False
            index += 1
        elif in_sidebar or line.text in SIDEBAR_HEADINGS or is_site_footer(line.text):
            in_sidebar = True  # no paper until the next year header (lists, footer)
            index += 1
        elif _is_label(line):
            index += 1
        elif (paper := page.paper_at(index)) is not None:
            items.append(_item(paper, current_year, source, diags))
            index = paper.end
        else:
            started = items or current_year is not None
            if started and not in_sidebar and not _is_owner_line(page, index):
                # Before the first year header the page shows its owner and chrome.
                diags.append(
                    warning(
                        "page.skipped-line",
                        f"line not part of any paper, skipped: {_preview(line.text)!r}",
                        line.location(source),
                    )
                )
            index += 1
    return finish(items, diags)


def _is_owner_line(page: _Page, index: int) -> bool:
    """A name right above a year header: the owner line of a second pasted page."""
    following = page.at(index + 1)
    return looks_like_name(page.rows[index].text) and following is not None and _is_year(following)


def _preview(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


FORMAT: Final = Format(
    NAME, (), read=reader_for(parse, NAME), description="ACL Anthology author page (text)"
)
