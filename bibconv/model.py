"""The one data model: CSL-JSON items as plain dicts (CSL-JSON schema 1.0.2).

TypedDicts give mypy the keys; at run time every item is an ordinary ``dict``, so
``json.dumps`` and user code need nothing special. No I/O here.
"""

from __future__ import annotations

from typing import Any, Required, TypedDict, cast

CslName = TypedDict(
    "CslName",
    {
        "family": str,
        "given": str,
        "literal": str,
        "non-dropping-particle": str,
        "dropping-particle": str,
        "suffix": str,
        "comma-suffix": bool | int | str,
        "static-ordering": bool | int | str,
        "parse-names": bool | int | str,
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

#: A CSL "string or number" variable. The readers write strings; CSL-JSON input may hold
#: numbers (``"volume": 12``), which are kept as they are.
CslNumber = str | int

# Every variable of the CSL-JSON 1.0.2 schema (schemas/input/csl-data.json, in its order);
# ``total=False`` plus ``Required`` for id/type: every other variable is optional.
CslItem = TypedDict(
    "CslItem",
    {
        "type": Required[str],
        "id": Required[str],
        "citation-key": str,
        "categories": list[str],
        "language": str,
        "journalAbbreviation": str,
        "shortTitle": str,
        # name variables
        "author": list[CslName],
        "chair": list[CslName],
        "collection-editor": list[CslName],
        "compiler": list[CslName],
        "composer": list[CslName],
        "container-author": list[CslName],
        "contributor": list[CslName],
        "curator": list[CslName],
        "director": list[CslName],
        "editor": list[CslName],
        "editorial-director": list[CslName],
        "executive-producer": list[CslName],
        "guest": list[CslName],
        "host": list[CslName],
        "interviewer": list[CslName],
        "illustrator": list[CslName],
        "narrator": list[CslName],
        "organizer": list[CslName],
        "original-author": list[CslName],
        "performer": list[CslName],
        "producer": list[CslName],
        "recipient": list[CslName],
        "reviewed-author": list[CslName],
        "script-writer": list[CslName],
        "series-creator": list[CslName],
        "translator": list[CslName],
        # date variables
        "accessed": CslDate,
        "available-date": CslDate,
        "event-date": CslDate,
        "issued": CslDate,
        "original-date": CslDate,
        "submitted": CslDate,
        # standard variables
        "abstract": str,
        "annote": str,
        "archive": str,
        "archive_collection": str,
        "archive_location": str,
        "archive-place": str,
        "authority": str,
        "call-number": str,
        "chapter-number": CslNumber,
        "citation-number": CslNumber,
        "citation-label": str,
        "collection-number": CslNumber,
        "collection-title": str,
        "container-title": str,
        "container-title-short": str,
        "dimensions": str,
        "division": str,
        "DOI": str,
        "edition": CslNumber,
        "event": str,  # deprecated in 1.0.2 for event-title
        "event-title": str,
        "event-place": str,
        "first-reference-note-number": CslNumber,
        "genre": str,
        "ISBN": str,
        "ISSN": str,
        "issue": CslNumber,
        "jurisdiction": str,
        "keyword": str,
        "locator": CslNumber,
        "medium": str,
        "note": str,
        "number": CslNumber,
        "number-of-pages": CslNumber,
        "number-of-volumes": CslNumber,
        "original-publisher": str,
        "original-publisher-place": str,
        "original-title": str,
        "page": CslNumber,
        "page-first": CslNumber,
        "part": CslNumber,
        "part-title": str,
        "PMCID": str,
        "PMID": str,
        "printing": CslNumber,
        "publisher": str,
        "publisher-place": str,
        "references": str,
        "reviewed-genre": str,
        "reviewed-title": str,
        "scale": str,
        "section": str,
        "source": str,
        "status": str,
        "supplement": CslNumber,
        "title": str,
        "title-short": str,
        "URL": str,
        "version": str,
        "volume": CslNumber,
        "volume-title": str,
        "volume-title-short": str,
        "year-suffix": str,
        "custom": dict[str, Any],
    },
    total=False,
)

#: CSL-JSON's deprecated spellings -> the CSL 1.0.2 variable each is another name for.
LEGACY_VARIABLES: dict[str, str] = {
    "journalAbbreviation": "container-title-short",
    "shortTitle": "title-short",
    "event": "event-title",
}

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


def single_date_parts(date: Any, *, season: bool = False) -> list[int] | None:
    """The one date-parts list of a plain date (no range or literal, and no season unless
    ``season`` allows one beside the parts), else None."""
    allowed = {"date-parts", "season"} if season else {"date-parts"}
    if not isinstance(date, dict) or set(date) - allowed:
        return None
    ranges = date.get("date-parts")
    if isinstance(ranges, list) and len(ranges) == 1 and isinstance(ranges[0], list):
        parts = ranges[0]
        if parts and all(isinstance(p, int) for p in parts):
            return parts
    return None


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


def current_names(item: CslItem) -> CslItem:
    """``item`` with CSL-JSON's deprecated spellings (``journalAbbreviation``) under their
    CSL 1.0.2 names, which the writers have fields and tags for; a spelling whose variable
    is set too stays."""
    legacy = [k for k in LEGACY_VARIABLES if k in item and LEGACY_VARIABLES[k] not in item]
    if not legacy:
        return item
    renamed = {LEGACY_VARIABLES.get(k, k) if k in legacy else k: v for k, v in item.items()}
    return cast(CslItem, renamed)
