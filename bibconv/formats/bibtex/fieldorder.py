"""The one BibTeX field order: the writer emits fields in it and ``bib.layout`` sorts by it.

One table for both, so that ``bibconv check --fix --extend-select bib.layout`` leaves the
writer's own output alone. Known fields come in :data:`FIELD_ORDER`; fields it does not
know follow in their own order; a repeated field (BibTeX reads only the first) comes last.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

#: The order fields are written in (then the unknown ones in their own order, then repeats).
FIELD_ORDER: Final = (
    "author", "editor", "editortype", "editora", "editoratype", "editorb", "editorbtype",
    "editorc", "editorctype", "translator", "bookauthor", "maintitle", "mainsubtitle",
    "maintitleaddon", "title", "subtitle", "titleaddon", "shorttitle", "journal",
    "journaltitle", "journalsubtitle", "journaltitleaddon", "shortjournal", "issuetitle",
    "issuesubtitle", "issuetitleaddon", "booktitle", "booksubtitle", "booktitleaddon",
    "series", "edition", "volume", "volumes", "number", "issue", "chapter", "pages",
    "pagetotal", "school", "institution", "publisher", "address", "location", "year",
    "month", "day", "date", "eventtitle", "eventdate", "venue", "entrysubtype", "type",
    "pubstate", "version", "isbn", "issn", "doi", "eprint", "archiveprefix", "eprinttype",
    "primaryclass", "eprintclass", "url", "urldate", "origdate", "origlocation",
    "origpublisher", "origtitle", "keywords", "langid", "language", "library", "abstract",
    "note", "addendum", "annote", "annotation", "crossref", "xdata",
)  # fmt: skip

#: Position in FIELD_ORDER; a name it does not know ranks after all of them.
RANK: Final = {name: rank for rank, name in enumerate(FIELD_ORDER)}
UNKNOWN_RANK: Final = len(FIELD_ORDER)

#: Two spellings of one CSL variable (the reader takes whichever comes first) share a rank
#: when an existing entry is sorted, so sorting never changes which one is read. Each pair
#: is adjacent in FIELD_ORDER, so the writer's strict order already satisfies this one.
_SAME_VARIABLE: Final = {
    "journaltitle": "journal",
    "institution": "school",
    "location": "address",
    "annotation": "annote",
}
_SHARED_RANK: Final = {name: RANK[_SAME_VARIABLE.get(name, name)] for name in FIELD_ORDER}


def rank(name: str) -> int:
    """Where the writer puts field ``name`` (lower-case) among an entry's fields."""
    return RANK.get(name, UNKNOWN_RANK)


def canonical_order(names: Sequence[str]) -> list[int]:
    """The indices of ``names`` (an entry's field names, as written) in canonical order.

    The first of each name goes by rank (ties keep their order); repeats go last, in their
    own order, as the writer puts them. The writer's output is its own canonical order.
    """
    seen: set[str] = set()
    firsts: list[tuple[int, int]] = []
    repeats: list[int] = []
    for index, name in enumerate(names):
        if name in seen:
            repeats.append(index)
            continue
        seen.add(name)
        firsts.append((_SHARED_RANK.get(name, UNKNOWN_RANK), index))
    firsts.sort()
    return [index for _, index in firsts] + repeats
