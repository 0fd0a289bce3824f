"""The linter's tables: typeset fields, required fields by entry type and data model, field and
type spellings.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

from bibconv.formats.bibtex.syntax import MONTH_MACROS, Entry

# ----------------------------------------------------------------------------- tables

#: Fields a style typesets (BibTeX's standard fields and BibLaTeX's data model, plus
#: revtex's ``collaboration``): only there do &, %, # and _ break LaTeX. URL, DOI, eprint
#: and file fields are verbatim, and fields no style knows (``downloads``, ``epub``) never
#: reach LaTeX, so specials there are fine.
TYPESET_FIELDS: Final = frozenset(
    [
        "address",
        "annote",
        "author",
        "booktitle",
        "chapter",
        "edition",
        "editor",
        "howpublished",
        "institution",
        "journal",
        "note",
        "organization",
        "publisher",
        "school",
        "series",
        "title",
        "type",
        "volume",
        "number",
        "abstract",
        "addendum",
        "afterword",
        "annotation",
        "annotator",
        "bookauthor",
        "booksubtitle",
        "booktitleaddon",
        "commentator",
        "editora",
        "editorb",
        "editorc",
        "eventtitle",
        "eventtitleaddon",
        "foreword",
        "holder",
        "introduction",
        "issuesubtitle",
        "issuetitle",
        "journalsubtitle",
        "journaltitle",
        "language",
        "location",
        "mainsubtitle",
        "maintitle",
        "maintitleaddon",
        "origlocation",
        "origpublisher",
        "origtitle",
        "part",
        "pubstate",
        "subtitle",
        "titleaddon",
        "translator",
        "venue",
        "version",
        "collaboration",
    ]
)


#: Name-list fields ("A and B and others").
NAME_FIELDS: Final = frozenset(["author", "editor", "translator", "bookauthor"])


#: A file writes its names "First Last" if this share of its multi-word names has no comma
#: (measured on ../shared/data: 0.93-1.0 in such files, 0.0-0.75 in "Last, First" and mixed ones).
FIRST_LAST_SHARE: Final = 0.8


FIRST_LAST_MIN_NAMES: Final = 10


#: Title fields a sentence-case style lower-cases.
TITLE_FIELDS: Final = frozenset(["title", "subtitle"])


#: Entry types whose title the standard styles print as a book title, without changing
#: its case (plain.bst's format.btitle): unprotected capitals there are harmless.
BOOK_TITLE_TYPES: Final = frozenset(
    [
        "book",
        "inbook",
        "manual",
        "phdthesis",
        "proceedings",
        "mvbook",
        "collection",
        "mvcollection",
        "periodical",
        "mvproceedings",
        "reference",
        "mvreference",
    ]
)

_R = tuple[tuple[str, ...], ...]


#: Required fields, BibTeX's data model (btxdoc), with BibLaTeX's names as aliases so a
#: BibLaTeX file is not told to add ``journal`` beside its ``journaltitle``.
BIBTEX_REQUIRED: Final[dict[str, _R]] = {
    "article": (("author",), ("title",), ("journal", "journaltitle"), ("year", "date")),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year", "date")),
    "booklet": (("title",),),
    "inbook": (
        ("author", "editor"),
        ("title",),
        ("chapter", "pages"),
        ("publisher",),
        ("year", "date"),
    ),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year", "date")),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "conference": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "phdthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "proceedings": (("title",), ("year", "date")),
    "techreport": (("author",), ("title",), ("institution", "school"), ("year", "date")),
    "unpublished": (("author",), ("title",), ("note",)),
    "misc": (),
}


#: BibLaTeX's data model (biblatex manual, section 2.1.1), ``type`` of reports left out:
#: biblatex prints nothing in its place rather than failing.
BIBLATEX_REQUIRED: Final[dict[str, _R]] = {
    "article": (("author",), ("title",), ("journaltitle", "journal"), ("date", "year")),
    "book": (("author", "editor"), ("title",), ("date", "year")),
    "mvbook": (("author", "editor"), ("title",), ("date", "year")),
    "inbook": (("author",), ("title",), ("booktitle",), ("date", "year")),
    "booklet": (("author", "editor"), ("title",), ("date", "year")),
    "collection": (("editor",), ("title",), ("date", "year")),
    "incollection": (("author",), ("title",), ("booktitle",), ("date", "year")),
    "manual": (("author", "editor"), ("title",), ("date", "year")),
    # The manual also lists author/editor and date for these two; real @misc and @online
    # entries (organisations' pages, software) lack them so often, and biblatex copes so
    # well, that only the fields without which nothing useful prints are required.
    "misc": (("title",),),
    "online": (("title",), ("url", "doi", "eprint")),
    "patent": (("author",), ("title",), ("number",), ("date", "year")),
    "periodical": (("editor",), ("title",), ("date", "year")),
    "proceedings": (("title",), ("date", "year")),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("date", "year")),
    "report": (("author",), ("title",), ("institution", "school"), ("date", "year")),
    "thesis": (("author",), ("title",), ("institution", "school"), ("date", "year")),
    "mastersthesis": (("author",), ("title",), ("institution", "school"), ("date", "year")),
    "phdthesis": (("author",), ("title",), ("institution", "school"), ("date", "year")),
    "techreport": (("author",), ("title",), ("institution", "school"), ("date", "year")),
    "unpublished": (("author",), ("title",), ("date", "year")),
}


_BIBLATEX_ONLY_FIELDS: Final = frozenset(["journaltitle", "location", "eprinttype"])


_BIBLATEX_ONLY_TYPES: Final = frozenset(
    [
        "online",
        "report",
        "thesis",
        "collection",
        "mvbook",
        "patent",
        "periodical",
        "dataset",
        "software",
    ]
)

_ISO_DATE: Final = re.compile(r"\s*\d{4}-(\d{2})(?:-(\d{2}))?")


_MONTH_NAMES: Final = {
    **{name.lower(): macro for macro, name in MONTH_MACROS.items()},
    **{macro: macro for macro in MONTH_MACROS},
    "sept": "sep",
    **{str(number): macro for number, macro in enumerate(MONTH_MACROS, start=1)},
}


def written_for_biblatex(entry: Entry) -> bool:
    """Whether an entry uses a type or field only BibLaTeX has (``@online``, ``journaltitle``)."""
    return _biblatex_only(entry, {f.name for f in entry.fields})


def _biblatex_only(entry: Entry, names: Collection[str]) -> bool:
    return entry.type in _BIBLATEX_ONLY_TYPES or not _BIBLATEX_ONLY_FIELDS.isdisjoint(names)
