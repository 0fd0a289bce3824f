"""arXiv-style researcher profiles: a category+date line, title, author list, abstract.

A paper on such a page is printed as::

    CLJun 28, 2022Code        <- arXiv category, date (no year: the capture year), labels
    Title
    A Author, B Author, C Author et al. · organisation
    Abstract                  <- optional

above which the profile shows its owner and counters (``h-index26``, ``58papers``).
Every paper is an arXiv preprint: type ``article``, container-title ``arXiv``, the
category in ``custom["arxiv_category"]`` (CONVENTIONS).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from bibconv.diagnostics import Diagnostic, warning
from bibconv.model import CslItem
from bibconv.pages._text import (
    Detection,
    Line,
    build_item,
    continues_abstract,
    drop_glued_name,
    finish,
    looks_like_abstract,
    looks_like_name,
    looks_like_prose,
    nonblank,
    parse_date,
    reader_for,
    split_authors,
    strip_et_al,
    urls_of,
)
from bibconv.protocols import Format, Parsed

NAME: Final = "arxiv-profile"

# ----------------------------------------------------------------------------- cues
_MONTH: Final = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
#: "CLJun 28, 2022Code": category, month, day, optional year, optional link labels.
META_LINE: Final = re.compile(
    # "CL", "cs.CL", "stat.ML", or an archive without subject classes ("quant-ph").
    rf"(?P<category>(?:[a-z][a-z-]{{1,8}}\.)?[A-Z]{{2,3}}|[a-z]{{2,5}}-[a-z]{{2,3}})"
    # A copy that kept the separators ("CL · Jun 28, 2022 · Code") reads the same.
    rf"(?:[ ·•|]{{1,3}})?(?P<date>{_MONTH}(?: \d{{1,2}})?(?:,? \d{{4}})?)"
    r"(?P<labels>(?:[ ·•|]{0,3}(?:Code|PDF|Data|Project|Demo|Video))*)"
)
#: Profile counters above the list; chrome, never a field.
HEADER_CUES: Final = re.compile(
    r"h-index ?\d+|[\d,]+ ?papers|[\d,]+ ?citations|Novelty ?\d+%|AI Score ?\d+|\d+ Papers",
    re.I,
)
#: What follows the authors: " · organisation".
ORGANISATION_MARK: Final = " · "

#: Archives of the two-letter codes that are not computer science (cs.* is the default).
_ARCHIVE_OF: Final = {
    "ML": "stat.ML",
    "ME": "stat.ME",
    "TH": "stat.TH",
    "AP": "stat.AP",
    "AS": "eess.AS",
    "IV": "eess.IV",
    "SP": "eess.SP",
    "QM": "q-bio.QM",
    "NC": "q-bio.NC",
    "OC": "math.OC",
    "ST": "math.ST",
    "NA": "math.NA",
    "PR": "math.PR",
}


def arxiv_category(code: str) -> str:
    """The full arXiv category for a printed code: "CL" -> "cs.CL", "cs.CL" stays."""
    if "." in code or code.islower():
        return code
    return _ARCHIVE_OF.get(code, f"cs.{code}")


_CATEGORY_ALONE: Final = re.compile(r"(?:[a-z][a-z-]{1,8}\.)?[A-Z]{2,3}|[a-z]{2,5}-[a-z]{2,3}")
_DATE_ALONE: Final = re.compile(rf"{_MONTH}(?: \d{{1,2}})?(?:,? \d{{4}})?")
_LABEL_ALONE: Final = re.compile(r"Code|PDF|Data|Project|Demo|Video")


def join_split_meta(rows: list[Line]) -> list[Line]:
    """Join a category, date and labels copied onto separate lines ("CL" / "Jun 2" / "Code").

    Some browsers copy the paper line's parts onto lines of their own; joined, they read
    like the usual ``CLJun 2Code``. A category alone followed by anything but a date (the
    profile header's "CL" above "h-index26") is left alone.
    """
    out: list[Line] = []
    index = 0
    while index < len(rows):
        line = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        if (
            following is not None
            and _CATEGORY_ALONE.fullmatch(line.text)
            and _DATE_ALONE.fullmatch(following.text)
        ):
            text = line.text + following.text
            index += 2
            while index < len(rows) and _LABEL_ALONE.fullmatch(rows[index].text):
                text += rows[index].text
                index += 1
            out.append(Line(line.no, text, line.column))
            continue
        out.append(line)
        index += 1
    return out


def _meta(line: Line) -> re.Match[str] | None:
    # Cheap guard first: meta lines are short and start with an uppercase code.
    if len(line.text) > 48 or not line.text[:1].isalpha():
        return None
    return META_LINE.fullmatch(line.text)


def _is_header(line: Line) -> bool:
    return len(line.text) <= 40 and HEADER_CUES.fullmatch(line.text) is not None


def _is_author_line(text: str) -> bool:
    """A comma-separated name list, maybe cut with "et al.", maybe " · organisation"."""
    if len(text) > 3000:  # 30 authors fit easily; a longer line is prose
        return False
    body, _ = strip_et_al(text.split(ORGANISATION_MARK, 1)[0])
    parts = [p.strip() for p in body.replace(" and ", ",").split(",") if p.strip()]
    return bool(parts) and all(looks_like_name(p) for p in parts)


def _reads_as_authors(text: str) -> bool:
    """In the author line's place: a name list, or a comma list or "et al." that is no prose.

    Looser than :func:`_is_author_line` (used for detection): team names such as
    "Llama Team, AI @ Meta" are still the author line, not the abstract.
    """
    if _is_author_line(text):
        return True
    body, cut = strip_et_al(text.split(ORGANISATION_MARK, 1)[0])
    return bool(body) and (cut or "," in body) and not looks_like_prose(body)


# ----------------------------------------------------------------------------- detect


def detect(lines: Sequence[Line]) -> Detection:
    """Score: category+date lines followed by a title and an author list; header counters."""
    rows = join_split_meta(nonblank(lines))
    metas: list[int] = []
    headers: list[int] = []
    for index, line in enumerate(rows):
        if _meta(line) is not None:
            follow = rows[index + 2] if index + 2 < len(rows) else None
            if follow is not None and _is_author_line(follow.text):
                metas.append(line.no)
        elif _is_header(line):
            headers.append(line.no)
    score = 0.0
    if metas:
        score += 0.7 if len(metas) >= 2 else 0.4
    if headers:
        score += 0.2 if metas else 0.1
    return Detection(NAME, round(min(score, 1.0), 3), tuple([*metas[:2], *headers[:1]]))


# ----------------------------------------------------------------------------- parse


def _paper(
    meta: re.Match[str],
    head: Line,
    body: list[Line],
    source: str,
    year: int,
    diags: list[Diagnostic],
) -> CslItem | None:
    if not body:
        diags.append(warning("page.no-title", "no title after this line", head.location(source)))
        return None
    title, rest = body[0], body[1:]
    authors: list[Any] = []
    custom: dict[str, Any] = {"arxiv_category": arxiv_category(meta.group("category"))}
    if rest and _reads_as_authors(rest[0].text):
        names, _, organisation = rest[0].text.partition(ORGANISATION_MARK)
        authors = split_authors(names)
        if organisation.strip():
            custom["organization"] = organisation.strip()
        rest = rest[1:]
    else:
        diags.append(
            warning("page.no-authors", "no author line after the title", title.location(source))
        )
    abstract: list[Line] = []
    for line in rest:
        if looks_like_abstract(line.text) if not abstract else continues_abstract(line.text):
            abstract.append(line)
        elif not _is_header(line):
            diags.append(
                warning(
                    "page.skipped-line",
                    f"line not part of any paper, skipped: {line.text[:60]!r}",
                    line.location(source),
                )
            )
    urls: list[str] = []
    for line in abstract:
        urls.extend(u for u in urls_of(line.text, line, source, diags) if u not in urls)
    return build_item(
        csl_type="article",
        title=title.text,
        authors=authors,
        issued=parse_date(meta.group("date"), year=year),
        container="arXiv",
        urls=urls,
        abstract=" ".join(line.text for line in abstract),
        custom=custom,
    )


def parse(lines: Sequence[Line], *, source: str, year: int) -> Parsed:
    """Every paper on an arXiv-style profile, in page order; ``year`` dates "Jun 2"."""
    rows = join_split_meta(nonblank(lines))
    starts = [index for index, line in enumerate(rows) if _meta(line) is not None]
    items: list[CslItem] = []
    diags: list[Diagnostic] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(rows)
        meta = _meta(rows[start])
        assert meta is not None
        body = _trim_next_header(rows[start + 1 : end], source, diags)
        item = _paper(meta, rows[start], body, source, year, diags)
        if item is not None:
            items.append(item)
    return finish(items, diags)


def _trim_next_header(body: list[Line], source: str, diags: list[Diagnostic]) -> list[Line]:
    """Drop a second pasted profile's header (owner, category, counters) from a paper's end."""
    for index, line in enumerate(body):
        if index >= 2 and _is_header(line):
            # The owner's name and the profile's category stand just above the counters.
            cut = index
            while cut > 2 and not looks_like_prose(body[cut - 1].text):
                cut -= 1
            kept = body[:cut]
            if not any(" " in row.text and looks_like_name(row.text) for row in body[cut:index]):
                kept[-1] = drop_glued_name(kept[-1], source, diags, "profile owner")
            return kept
    return body


FORMAT: Final = Format(
    NAME, (), read=reader_for(parse, NAME), description="arXiv-style researcher profile (text)"
)
