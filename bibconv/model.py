"""The one data model: CSL-JSON items as plain dicts (CSL-JSON schema 1.0.2).

TypedDicts give mypy the keys; at run time every item is an ordinary ``dict``, so
``json.dumps`` and user code need nothing special. No I/O here.
"""

from __future__ import annotations

from typing import Any, Required, TypedDict

CslName = TypedDict(
    "CslName",
    {
        "family": str,
        "given": str,
        "literal": str,
        "non-dropping-particle": str,
        "dropping-particle": str,
        "suffix": str,
    },
    total=False,
)

CslDate = TypedDict(
    "CslDate",
    {
        "date-parts": list[list[int | str]],
        "literal": str,
        "raw": str,
        "season": int | str,
        "circa": bool | int | str,
    },
    total=False,
)

# ``total=False`` plus ``Required`` for id/type: every other variable is optional.
CslItem = TypedDict(
    "CslItem",
    {
        "id": Required[str],
        "type": Required[str],
        "title": str,
        "author": list[CslName],
        "editor": list[CslName],
        "issued": CslDate,
        "accessed": CslDate,
        "container-title": str,
        "URL": str,
        "DOI": str,
        "abstract": str,
        "custom": dict[str, Any],
        # Further CSL 1.0.2 variables the readers fill (reference lists, BibTeX, RIS).
        "container-title-short": str,
        "collection-title": str,
        "collection-number": str,
        "volume": str,
        "issue": str,
        "page": str,
        "number": str,
        "edition": str,
        "publisher": str,
        "publisher-place": str,
        "genre": str,
        "note": str,
        "translator": list[CslName],
        "original-date": CslDate,
        "version": str,
    },
    total=False,
)

#: The CSL name that stands for a list cut off with "et al." (pandoc's convention).
OTHERS: CslName = {"literal": "others"}

#: CSL 1.0.2 name variables (lists of CslName).
NAME_VARIABLES: tuple[str, ...] = (
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "executive-producer",
    "guest",
    "host",
    "illustrator",
    "interviewer",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
)

#: CSL 1.0.2 date variables (CslDate).
DATE_VARIABLES: tuple[str, ...] = (
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
)

#: CSL 1.0.2 item types.
ITEM_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    }
)


def date_parts(year: int, month: int | None = None, day: int | None = None) -> CslDate:
    """A CslDate with exactly the precision given."""
    parts: list[int | str] = [year]
    if month is not None:
        parts.append(month)
        if day is not None:
            parts.append(day)
    return {"date-parts": [parts]}


def issued_year(item: CslItem) -> int | None:
    """The year of ``issued`` if it has a numeric one."""
    issued = item.get("issued")
    if not issued:
        return None
    parts = issued.get("date-parts")
    if parts and parts[0]:
        try:
            return int(parts[0][0])
        except (TypeError, ValueError):
            return None
    return None


def is_others(name: CslName) -> bool:
    """True for the "et al." marker name."""
    return name.get("literal") == "others" and len(name) == 1
