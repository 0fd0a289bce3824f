"""MEDLINE/PubMed tags both directions share: publication types, the one-valued text tags,
the name tags, the history dates, and which types have a place."""

from __future__ import annotations

from typing import Final

NAME: Final = "nbib"

# PT (publication type) -> CSL type: the first PT of a record that this names decides.
PUBLICATION_TYPES: Final[dict[str, str]] = {
    "Journal Article": "article-journal",
    "Preprint": "article",
    "Book": "book",
    "Book Chapter": "chapter",
    "Newspaper Article": "article-newspaper",
    "Technical Report": "report",
    "Dataset": "dataset",
    "Video-Audio Media": "motion_picture",
    "Legal Case": "legal_case",
    "Legislation": "legislation",
}
_DEFAULT_TYPE: Final = "article-journal"
#: CSL type -> the PT it is written as (the table read the other way).
PUBLICATION_TYPE_OF: Final[dict[str, str]] = {csl: pt for pt, csl in PUBLICATION_TYPES.items()}

#: One-valued tags with a CSL variable of their own (the first value wins; the rest go
#: to ``custom.nbib``).
TEXT_TAGS: Final[dict[str, str]] = {
    "PMID": "PMID",
    "PMC": "PMCID",
    "TI": "title",
    "AB": "abstract",
    "CI": "license",
    "VI": "volume",
    "IP": "issue",
    "JT": "container-title",
    "TA": "container-title-short",
    "CTI": "collection-title",
    "PB": "publisher",
    "ISBN": "ISBN",
    "EN": "edition",
    "LA": "language",
    "GN": "note",
}
#: Name tags: full form first, the initials-only form (before 2002) as the fallback.
NAME_TAGS: Final[dict[str, tuple[str, str]]] = {
    "author": ("FAU", "AU"),
    "editor": ("FED", "ED"),
}
#: Publication history (PHST ``yyyy/mm/dd hh:mm [status]``) statuses with a CSL date.
HISTORY_DATES: Final[dict[str, str]] = {"received": "submitted", "epublish": "available-date"}
#: Types whose ``PL`` is the publisher's place (for articles it is the journal's country).
PLACE_TYPES: Final = frozenset({"book", "chapter", "report"})
