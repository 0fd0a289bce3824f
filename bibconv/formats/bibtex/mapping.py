"""The BibTeX/BibLaTeX <-> CSL tables (FIELD_MAP, the entry-type tables, custom carriers) and
the conversions both directions share.
"""

from __future__ import annotations

from typing import Final

from bibconv._vocab import MONTH_ABBREVIATIONS
from bibconv.formats.bibtex import biblatex as _biblatex
from bibconv.losses import CSL_TEXT_VARIABLES
from bibconv.model import NAME_VARIABLES

NAME: Final = "bibtex"


#: The field that carries ``custom`` keys this module has no field for (JSON).
CUSTOM_FIELD: Final = "csl-custom"
#: With --lossless, a BibLaTeX @patent's publisher-place (its 'location' is the jurisdiction).
PATENT_PLACE_FIELD: Final = "csl-publisher-place"


#: The field that names the CSL type when the entry type would be read as another one.
TYPE_FIELD: Final = "csl-type"


#: The ``custom`` keys this module reads and writes itself.
OWN_CUSTOM_KEYS: Final = frozenset(
    {
        "bibtex",
        "bibtex_type",
        "bibtex_duplicates",
        "bibtex_inherited",
        "bibtex_raw",
        "bibtex_fields",
        "bibtex_parts",
        "arxiv_id",
    }
)


BIBLATEX: Final = "biblatex"

# ----------------------------------------------------------------------------- tables

#: BibTeX/BibLaTeX entry type -> CSL type, for reading. Every standard type of both.
TYPE_MAP: Final[dict[str, str]] = {
    # BibTeX (btxdoc)
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "conference": "paper-conference",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "misc": "document",
    "phdthesis": "thesis",
    "proceedings": "book",
    "techreport": "report",
    "unpublished": "manuscript",
    # BibLaTeX (biblatex manual 2.1)
    "bookinbook": "chapter",
    "collection": "book",
    "dataset": "dataset",
    "electronic": "webpage",
    "inreference": "entry-encyclopedia",
    "mvbook": "book",
    "mvcollection": "book",
    "mvproceedings": "book",
    "mvreference": "book",
    "online": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "reference": "book",
    "report": "report",
    "set": "document",
    "software": "software",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "suppperiodical": "article-journal",
    "thesis": "thesis",
    "www": "webpage",
    "xdata": "document",
    # BibLaTeX's "non-standard" types (supported by the standard styles as aliases)
    "artwork": "graphic",
    "audio": "song",
    "bibnote": "document",
    "commentary": "document",
    "image": "graphic",
    "jurisdiction": "legal_case",
    "legal": "treaty",
    "legislation": "legislation",
    "letter": "personal_communication",
    "movie": "motion_picture",
    "music": "song",
    "performance": "performance",
    "review": "review",
    "standard": "standard",
    "video": "motion_picture",
}

#: CSL type -> entry type, for writing. One table for both dialects, so that the type
#: an entry is read with never depends on the dialect it was written in: classic BibTeX
#: types where they exist (BibLaTeX accepts them all), BibLaTeX's types elsewhere.
CSL_TO_TYPE: Final[dict[str, str]] = {
    "article": "misc",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "bill": "legislation",
    "book": "book",
    "broadcast": "video",
    "chapter": "incollection",
    "classic": "book",
    "collection": "misc",
    "dataset": "dataset",
    "document": "misc",
    "entry": "inreference",
    "entry-dictionary": "inreference",
    "entry-encyclopedia": "inreference",
    "event": "misc",
    "figure": "image",
    "graphic": "artwork",
    "hearing": "jurisdiction",
    "interview": "misc",
    "legal_case": "jurisdiction",
    "legislation": "legislation",
    "manuscript": "unpublished",
    "map": "misc",
    "motion_picture": "movie",
    "musical_score": "music",
    "pamphlet": "booklet",
    "paper-conference": "inproceedings",
    "patent": "patent",
    "performance": "performance",
    "periodical": "periodical",
    "personal_communication": "letter",
    "post": "online",
    "post-weblog": "online",
    "regulation": "legislation",
    "report": "techreport",
    "review": "review",
    "review-book": "review",
    "software": "software",
    "song": "audio",
    "speech": "misc",
    "standard": "standard",
    "thesis": "phdthesis",
    "treaty": "legal",
    "webpage": "online",
}

# How a field's value is turned into CSL and back.
TEXT, TITLE, VERBATIM, NAMES, PAGES, DATE, PLAIN, BIBSTRING = (
    "text",
    "title",
    "verbatim",
    "names",
    "pages",
    "date",
    "plain",
    "bibstring",  # text, or a BibLaTeX localisation key ("newseries" -> "New series")
)

#: (BibTeX field, BibLaTeX field, CSL variable, kind). Read: either field name maps to the
#: variable. Write: the dialect's name is used. Fields handled by code (dates, month,
#: number/issue, title parts, booktitle, publisher, language, eprints, crossref) are not
#: listed here.
FIELD_MAP: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("author", "author", "author", NAMES),
    ("editor", "editor", "editor", NAMES),
    ("translator", "translator", "translator", NAMES),
    ("bookauthor", "bookauthor", "container-author", NAMES),
    ("title", "title", "title", TITLE),
    ("series", "series", "collection-title", BIBSTRING),
    ("volume", "volume", "volume", TEXT),
    ("volumes", "volumes", "number-of-volumes", TEXT),
    ("pagetotal", "pagetotal", "number-of-pages", TEXT),
    ("edition", "edition", "edition", BIBSTRING),
    ("chapter", "chapter", "chapter-number", TEXT),
    ("pages", "pages", "page", PAGES),
    ("address", "location", "publisher-place", TEXT),
    ("doi", "doi", "DOI", VERBATIM),
    ("url", "url", "URL", VERBATIM),
    ("isbn", "isbn", "ISBN", PLAIN),
    ("issn", "issn", "ISSN", PLAIN),
    ("abstract", "abstract", "abstract", TEXT),
    ("note", "note", "note", TEXT),
    ("keywords", "keywords", "keyword", TEXT),
    ("annote", "annotation", "annote", TEXT),
    ("type", "type", "genre", BIBSTRING),
    ("pubstate", "pubstate", "status", BIBSTRING),
    ("shorttitle", "shorttitle", "title-short", TEXT),
    ("shortjournal", "shortjournal", "container-title-short", TEXT),
    ("eventtitle", "eventtitle", "event-title", TEXT),
    ("venue", "venue", "event-place", TEXT),
    ("version", "version", "version", TEXT),
    ("urldate", "urldate", "accessed", DATE),
    ("eventdate", "eventdate", "event-date", DATE),
    ("origdate", "origdate", "original-date", DATE),
    ("origlocation", "origlocation", "original-publisher-place", TEXT),
    ("origpublisher", "origpublisher", "original-publisher", TEXT),
    ("origtitle", "origtitle", "original-title", TEXT),
    ("library", "library", "call-number", TEXT),
)


# Field names that read into a table row (both dialects' spellings, and aliases).
_READ_ALIASES: Final = {"journaltitle": "journal", "location": "address", "annotation": "annote"}


_BY_FIELD: Final[dict[str, tuple[str, str, str, str]]] = {row[0]: row for row in FIELD_MAP}


_BY_FIELD.update({row[1]: row for row in FIELD_MAP})


_BY_CSL: Final[dict[str, tuple[str, str, str, str]]] = {row[2]: row for row in FIELD_MAP}

#: CSL text variables with no row above and no special handling: a field of the same name
#: carries them (read case-insensitively: ``PMID`` is written ``PMID``, read as ``pmid``).
_SPECIAL_VARIABLES: Final = frozenset(
    {"title", "container-title", "publisher", "issue", "number", "genre", "language"}
)


CSL_STRING_VARIABLES: Final[dict[str, str]] = {
    variable.lower(): variable
    for variable in CSL_TEXT_VARIABLES
    if variable not in _SPECIAL_VARIABLES and variable not in {row[2] for row in FIELD_MAP}
}


#: CSL name variables with no BibTeX field of their own: written as a field of the same name.
CSL_NAME_VARIABLES_EXTRA: Final = frozenset(NAME_VARIABLES) - {"author", "editor", "translator"}


CSL_DATE_VARIABLES_EXTRA: Final = frozenset({"available-date", "submitted"})

MONTHS: Final = MONTH_ABBREVIATIONS


# Types whose 'howpublished' names where the work appeared (container-title in CSL).
_HOWPUBLISHED_TYPES: Final = frozenset({"misc", "booklet", "online", "electronic", "www"})


_ISSUE_TYPES: Final = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "periodical", "review"}
)


# Entry types whose 'number' is the issue, and those whose 'number' is the number in a series.
_ARTICLE_TYPES: Final = frozenset({"article", "periodical", "suppperiodical", "review"})


_CHAPTER_TYPES: Final = frozenset(
    {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inproceedings",
     "conference", "inreference"}
)  # fmt: skip


_MAINTITLE_TYPES: Final = frozenset(
    {"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
     "reference", "mvreference"}
)  # fmt: skip


_BOOK_TYPES: Final = _CHAPTER_TYPES | _MAINTITLE_TYPES


_NAME_FIELDS: Final = frozenset(name for row in FIELD_MAP if row[3] == NAMES for name in row[:2])


#: main field -> its parts (separator, field), e.g. title -> subtitle, titleaddon.
_PARTS_OF: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    main: parts for _, main, parts in _biblatex.TITLE_PARTS
}


#: The field that holds a CSL ``number`` where ``number`` itself would read as another
#: variable (an article's issue, a book's number in its series).
NUMBER_FIELD: Final = "csl-number"


#: An empty field that says the item has no URL although its eprint would give one.
NO_URL_FIELD: Final = "csl-url"


#: BibLaTeX's entrysubtype of an @article -> CSL type.
_SUBTYPES: Final = {"magazine": "article-magazine", "newspaper": "article-newspaper"}


def number_home(bib_type: str, csl_type: str) -> str:
    """The CSL variable a ``number`` field holds in an entry of this type."""
    if bib_type in _ARTICLE_TYPES or csl_type in _ISSUE_TYPES:
        return "issue"
    if bib_type in _BOOK_TYPES:
        return "collection-number"
    return "number"


def language_field(value: str) -> str:
    """``langid`` for a language that has a babel name, else ``language`` (text)."""
    return "langid" if _biblatex.language_name(value) else "language"


# Which field carries the publisher for a type (written back under the same name).
_PUBLISHER_FIELD: Final[dict[str, str]] = {
    "phdthesis": "school",
    "mastersthesis": "school",
    "thesis": "institution",
    "techreport": "institution",
    "report": "institution",
    "manual": "organization",
    "standard": "organization",
}


# ----------------------------------------------------------------------------- writing

_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "journal": ("journal", "journaltitle"),
    "journaltitle": ("journal", "journaltitle"),
    "address": ("address", "location"),
    "location": ("address", "location"),
    "year": ("year", "date"),
    "date": ("year", "month", "day", "date"),
    "month": ("month", "date"),
    "annote": ("annote", "annotation"),
    "annotation": ("annote", "annotation"),
}


_CASE_PROTECTED: Final = frozenset({"title", "booktitle", "shorttitle"})


def container_field(bib_type: str, *, biblatex: bool) -> str:
    """The field that holds CSL's container-title in an entry of ``bib_type``."""
    if bib_type in ("article", "periodical", "suppperiodical", "review"):
        return "journaltitle" if biblatex else "journal"
    if bib_type in _HOWPUBLISHED_TYPES:
        return "howpublished"
    return "booktitle"


def writer_type(csl_type: str, genre: str) -> str:
    """The entry type the writer gives a CSL type when no original type is kept."""
    if csl_type == "thesis" and "master" in genre.lower():
        return "mastersthesis"
    return default_type(csl_type)


def read_type(bib_type: str, arxiv: bool, subtype: str = "") -> str:
    """The CSL type the reader gives an entry type (an arXiv eprint makes a preprint)."""
    if bib_type == "article" and subtype in _SUBTYPES:
        return _SUBTYPES[subtype]
    csl_type = TYPE_MAP.get(bib_type, "document")
    if arxiv and csl_type in ("document", "webpage", "manuscript"):
        return "article"  # an arXiv preprint (CONVENTIONS)
    return csl_type


def default_type(csl_type: str) -> str:
    """The entry type the writer uses for a CSL type when nothing else says otherwise."""
    return CSL_TO_TYPE.get(csl_type, "misc")
