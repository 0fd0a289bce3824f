"""The RIS data tables: reference types, type groups, and every tag row, per type.

Pure data (and the lookups derived from it), read by :mod:`bibconv.formats.ris.mapping`,
which turns each row's ``kind`` into its two conversions. Sources: the RIS specification
(RefMan 2011: the meaning of every tag for every reference type, as EndNote exports it),
and Zotero's RIS translator (its ``fieldMap``: how the tags of Zotero's own exports are
read back). Where the two agree there is nothing to decide; where they differ the rows
say which one is followed and why.

A row with ``only`` applies to those RIS types and, unless it is ``extra``, takes the tag
away from the tag's rows without ``only`` for those types (the per-type override). An
empty ``variable`` means "no CSL home for this tag in these types": the value is kept in
``custom.ris`` and written back as it was.
"""

from __future__ import annotations

from typing import Final, NamedTuple

#: (RIS type, CSL type) pairs, both ways. Reading takes a RIS type's row; writing takes
#: the FIRST row of a CSL type. Every RIS reference type of the RIS specification (2011)
#: and the older ones still seen (WEB, INPR, ...) is here.
TYPES: Final[tuple[tuple[str, str], ...]] = (
    ("JOUR", "article-journal"),
    ("BOOK", "book"),
    ("CHAP", "chapter"),
    ("CPAPER", "paper-conference"),
    ("CONF", "paper-conference"),
    ("THES", "thesis"),
    ("RPRT", "report"),
    ("UNPB", "article"),
    ("MANSCPT", "manuscript"),
    ("GEN", "document"),
    ("ELEC", "webpage"),
    ("WEB", "webpage"),
    ("BLOG", "post-weblog"),
    ("MGZN", "article-magazine"),
    ("NEWS", "article-newspaper"),
    ("DATA", "dataset"),
    ("DBASE", "dataset"),
    ("AGGR", "dataset"),
    ("COMP", "software"),
    ("PAT", "patent"),
    ("STAND", "standard"),
    ("MAP", "map"),
    ("DICT", "entry-dictionary"),
    ("ENCYC", "entry-encyclopedia"),
    ("FIGURE", "figure"),
    ("CHART", "figure"),
    ("EQUA", "figure"),
    ("ART", "graphic"),
    ("PCOMM", "personal_communication"),
    ("ICOMM", "personal_communication"),
    ("CASE", "legal_case"),
    ("STAT", "legislation"),
    ("LEGAL", "regulation"),
    ("BILL", "bill"),
    ("UNBILL", "bill"),
    ("HEAR", "hearing"),
    ("MPCT", "motion_picture"),
    ("VIDEO", "motion_picture"),
    ("ADVS", "motion_picture"),
    ("MULTI", "motion_picture"),
    ("MUSIC", "musical_score"),
    ("SOUND", "song"),
    ("SLIDE", "speech"),
    ("PAMP", "pamphlet"),
    ("SER", "periodical"),
    ("JFULL", "periodical"),
    ("CLSWK", "classic"),
    ("ANCIENT", "classic"),
    ("EBOOK", "book"),
    ("EDBOOK", "book"),
    ("ECHAP", "chapter"),
    ("EJOUR", "article-journal"),
    ("INPR", "article-journal"),
    ("ABST", "article-journal"),
    ("GOVDOC", "report"),
    ("GRANT", "document"),
    ("CTLG", "document"),
)

#: What an unknown RIS type reads as, and what a CSL type with no RIS type writes as
#: (with ``N1 csl.type: <type>``, when lossless, so that bibconv reads the real type back).
FALLBACK_RIS_TYPE: Final = "GEN"


FALLBACK_CSL_TYPE: Final = "document"


RIS_TO_CSL_TYPE: Final[dict[str, str]] = dict(TYPES)


CSL_TO_RIS_TYPE: Final[dict[str, str]] = {}


for _ris_type, _csl_type in TYPES:
    CSL_TO_RIS_TYPE.setdefault(_csl_type, _ris_type)


# ----------------------------------------------------------------------------- groups

#: Whole books whose ``T2`` is the series and ``SP`` the number of pages (the 2011
#: specification for BOOK, EBOOK, EDBOOK and CLSWK; Zotero reads them all as a book).
BOOK_TYPES: Final = frozenset({"BOOK", "EBOOK", "EDBOOK", "CLSWK"})
#: Books whose ``A2`` is the series editor and ``A3`` the (volume) editor: the 2011
#: specification for BOOK and CLSWK, and Zotero's export of a book. (EBOOK keeps ``A2``
#: editor, ``A3`` series editor, as the specification lists it.)
SERIES_EDITOR_A2_TYPES: Final = frozenset({"BOOK", "CLSWK", "EDBOOK", "RPRT", "COMP", "MAP"})
JOURNAL_TYPES: Final = frozenset({"JOUR", "EJOUR", "ABST", "INPR", "JFULL"})
CONFERENCE_TYPES: Final = frozenset({"CONF", "CPAPER"})
FILM_TYPES: Final = frozenset({"MPCT", "VIDEO", "ADVS"})
LETTER_TYPES: Final = frozenset({"PCOMM", "ICOMM"})
WEB_TYPES: Final = frozenset({"ELEC", "WEB"})
BILL_TYPES: Final = frozenset({"BILL", "UNBILL"})
#: Types whose ``T2`` is the series title (``collection-title``). (The specification
#: says so for UNPB too, but bibconv writes a preprint's server there, as Zotero reads it.)
SERIES_T2_TYPES: Final = BOOK_TYPES | {"RPRT", "COMP", "MAP"}
#: Types whose ``M1`` is the series volume (``collection-number``).
SERIES_M1_TYPES: Final = BOOK_TYPES | {"ECHAP", "SER", "PAMP", "CTLG"}
#: Types whose ``SP`` is the number of pages.
PAGE_COUNT_TYPES: Final = BOOK_TYPES | {"THES"}
#: Types whose ``DA`` is the date accessed, not published (the 2011 specification).
ACCESS_DA_TYPES: Final = frozenset({"EJOUR", "EBOOK", "DBASE", "AGGR", "CASE", "MULTI"})
#: Types whose ``BT`` is the title itself (the specification: "BT maps to T2 for all
#: reference types except for Whole Book and Unpublished Work references").
BT_TITLE_TYPES: Final = BOOK_TYPES | {"UNPB", "MANSCPT"}

# ----------------------------------------------------------------------------- rows


class Row(NamedTuple):
    """One tag reading: ``tag`` -> CSL ``variable`` with the conversion ``kind``.

    ``written``: the writer uses this row for ``variable`` (one written row per variable
    and type). ``cascade``: values the variable cannot take (it already holds another)
    go on to the tag's next row instead of ``custom``. ``backup``: only fills an empty
    variable; other values are kept in ``custom`` without a remark. ``extra``: a row with
    ``only`` that is tried in addition to the tag's default rows, not instead of them.
    """

    tag: str
    variable: str
    kind: str
    written: bool = False
    only: frozenset[str] = frozenset()
    cascade: bool = False
    backup: bool = False
    extra: bool = False


def _creators(tag: str, *, written: bool) -> tuple[Row, ...]:
    """``AU`` (and its synonym ``A1``): the primary creator, by type (Zotero's ``AU``)."""
    return (
        Row(tag, "director", "names", written, FILM_TYPES),
        Row(tag, "composer", "names", written, frozenset({"SOUND", "MUSIC"})),
        # EndNote's Edited Book has the editors as its authors (Zotero: "for edited
        # books, treat authors as editors").
        Row(tag, "editor", "names", written, frozenset({"EDBOOK"})),
        Row(tag, "author", "names", written),
    )


_ = frozenset
#: Every tag reading. The writer follows this order; the reader takes the rows in this
#: order too, so that of two tags for one variable the earlier one wins (IS over M1).
TAG_ROWS: Final[tuple[Row, ...]] = (
    Row("ID", "id", "text", True),
    *_creators("AU", written=True),
    *_creators("A1", written=False),
    Row("A2", "author", "names", False, BILL_TYPES),  # the sponsor
    Row("A2", "collection-editor", "names", True, SERIES_EDITOR_A2_TYPES),
    Row("A2", "recipient", "names", True, LETTER_TYPES),
    Row("A2", "performer", "names", True, _({"SOUND", "ADVS"})),
    Row("A2", "container-title", "text", False, _({"CASE"})),  # the reporter
    Row("A2", "authority", "text", True, _({"PAT"})),  # the issuing organisation
    Row("A2", "", "names", False, _({"MPCT"})),
    Row("A2", "editor", "names", True),
    Row("ED", "editor", "names"),
    Row("A3", "editor", "names", True, _({"BOOK", "CLSWK"})),
    Row("A3", "editor", "names", False, _({"EDBOOK"})),  # AU holds its editors
    Row("A3", "collection-editor", "names", False, _({"MAP", "COMP"})),
    Row("A3", "producer", "names", True, _({"MPCT", "VIDEO"})),
    Row("A3", "contributor", "names", True, _({"THES", "BILL", "UNBILL"})),  # the advisor
    Row("A3", "illustrator", "names", True, _({"BLOG"})),
    Row("A3", "", "names", False, _({"RPRT", "PAT", "CASE"})),
    Row("A3", "collection-editor", "names", True),
    Row("A4", "contributor", "names", True, CONFERENCE_TYPES | {"DATA"}),
    Row("A4", "performer", "names", True, _({"MPCT"})),
    Row("A4", "", "names", False, _({"CASE", "RPRT"})),
    Row("A4", "translator", "names", True),
    Row("C2", "container-author", "names", True, _({"CHAP"})),  # Zotero: the book's author
    Row("TI", "title", "text", True),
    Row("T1", "title", "text"),
    Row("CT", "title", "text", backup=True),
    Row("BT", "title", "text", False, BT_TITLE_TYPES, backup=True),
    # A conference paper: C3 is the proceedings; T2 then names the conference itself.
    Row("C3", "container-title", "text", False, CONFERENCE_TYPES),
    Row("T2", "collection-title", "text", True, SERIES_T2_TYPES),
    Row("T2", "section", "text", False, _({"HEAR"})),  # the committee
    Row("T2", "", "text", False, _({"THES"})),  # the academic department
    Row("T2", "container-title", "text", True, cascade=True),
    Row("T2", "event-title", "text", False, CONFERENCE_TYPES, extra=True),
    Row("JF", "container-title", "text"),
    Row("BT", "container-title", "text", backup=True),
    Row("J2", "container-title-short", "text", True),
    Row("JA", "container-title-short", "text"),
    Row("J1", "container-title-short", "text"),
    # JO is the full name in the specification, an abbreviation for Zotero: it is the
    # container title when there is none, else its short form.
    Row("JO", "container-title", "text", cascade=True),
    Row("JO", "container-title-short", "text"),
    Row("T3", "authority", "text", True, BILL_TYPES | {"HEAR"}),  # the legislative body
    Row("T3", "", "text", False, _({"THES", "UNPB", "CASE"})),
    Row("T3", "collection-title", "text", False, SERIES_T2_TYPES),  # Zotero reads it so
    Row("T3", "collection-title", "text", True),
    Row("ST", "title-short", "text", True),
    Row("PY", "issued", "year", True),
    Row("Y1", "issued", "date"),
    # The specification's DA of these types is the date accessed (EJOUR: "Date Accessed").
    Row("DA", "accessed", "date", False, ACCESS_DA_TYPES),
    Row("DA", "issued", "full-date", True),
    Row("C2", "issued", "date", False, _({"PAT"})),  # the issue date
    # JSTOR: "C1  - Full publication date: Mar., 1972" says more than its PY.
    Row("C1", "issued", "publication-date-note", False, JOURNAL_TYPES, backup=True),
    Row("C1", "submitted", "date", True, _({"PAT"})),  # the filing date
    Row("Y2", "accessed", "date", True),
    # EndNote's web page: VL is the year accessed, M1 the rest of the access date.
    Row("VL", "accessed", "date", False, WEB_TYPES),
    Row("VL", "", "text", False, _({"PAT", "THES"})),
    Row("VL", "volume", "text", True),
    Row("VO", "volume", "text"),
    Row("IS", "number", "text", False, _({"PAT"})),  # Reference Manager's patent number
    Row("IS", "issue", "text", True),
    Row("SP", "number-of-pages", "text", True, PAGE_COUNT_TYPES),
    Row("SP", "dimensions", "text", True, _({"MPCT"})),  # the running time
    Row("SP", "page", "page-start", True),
    Row("EP", "", "text", False, PAGE_COUNT_TYPES | {"MPCT"}),
    Row("EP", "page", "page-end", True),
    # EndNote writes an article's online date as ET (the specification: "Epub Date").
    Row("ET", "available-date", "date-shaped", True, JOURNAL_TYPES),
    Row("ET", "edition", "not-date-shaped", True, JOURNAL_TYPES),
    Row("ET", "version", "text", True, _({"COMP", "DATA"})),
    Row("ET", "edition", "text", True),
    Row("SE", "chapter-number", "text", True, _({"CHAP"})),
    Row("SE", "", "text", False, _({"CASE"})),
    Row("SE", "section", "text", True),
    Row("NV", "collection-number", "text", True, _({"RPRT"})),  # the series volume
    Row("NV", "number", "text", True, _({"DATA"})),  # the study number
    Row("NV", "", "text", False, _({"NEWS", "MGZN", "CASE", "PAT"})),
    Row("NV", "number-of-volumes", "text", True),
    Row("M1", "issue", "text", False, JOURNAL_TYPES | CONFERENCE_TYPES | {"MGZN"}),
    Row("M1", "collection-number", "text", True, SERIES_M1_TYPES),
    Row("M1", "number-of-volumes", "text", False, _({"CHAP"})),
    Row("M1", "accessed", "date", False, WEB_TYPES),
    Row("M1", "", "text", False, _({"PAT", "ART", "NEWS", "CASE", "DATA"})),
    Row("M1", "number", "text", False, _({"RPRT"})),  # the document number
    Row("M1", "number", "text", True),
    Row("C7", "number", "text", True, JOURNAL_TYPES),  # the article number
    Row("M2", "number-of-pages", "text", False, _({"PAMP"})),
    Row("SV", "collection-number", "text", True, _({"CHAP"})),
    Row("SV", "number", "text", True, _({"CASE"})),  # the docket number
    Row("C2", "PMCID", "pmcid", True, _({"JOUR", "ABST"})),
    Row("C3", "PMCID", "pmcid", True, _({"EJOUR"})),
    Row("C7", "PMCID", "pmcid", True, _({"EBOOK", "ECHAP"})),
    Row("C4", "genre", "text", True, _({"MPCT"})),
    Row("M3", "medium", "text", False, _({"MPCT"})),
    Row("M3", "medium", "text", True, _({"ART"})),
    Row("M3", "", "text", False, _({"CASE"})),
    Row("M3", "genre", "genre", True),
    Row("M3", "DOI", "doi-in-m3"),  # EndNote and others put the DOI here
    Row("C5", "medium", "text", True, FILM_TYPES | {"SOUND"}),  # the format
    Row("C5", "references", "text", True, _({"PAT"})),
    Row("C6", "status", "text", True, _({"PAT"})),  # the legal status
    Row("C1", "scale", "text", True, _({"MAP"})),
    Row("C3", "dimensions", "text", True, _({"ART", "MAP"})),  # the size
    Row("PB", "authority", "text", True, _({"CASE"})),  # the court
    Row("PB", "publisher", "text", True),
    # A conference paper: C1 is where the proceedings were published, CY (the
    # specification's "Conference Location") the place of the conference when C1 is
    # there too (ProCite and Springer put the publisher's place in CY).
    Row("C1", "publisher-place", "text", False, CONFERENCE_TYPES),
    Row("CY", "jurisdiction", "text", True, _({"PAT"})),  # the specification: "Country"
    Row("CY", "publisher-place", "text", True, cascade=True),
    Row("CY", "event-place", "text", False, CONFERENCE_TYPES, extra=True),
    Row("PP", "publisher-place", "text"),
    Row("SN", "number", "text", True, _({"PAT"})),  # the patent number
    Row("SN", "number", "serial-number", True, _({"RPRT"}), extra=True),  # report number
    # SN holds an ISBN, an ISSN, or (for a report) its number: each value by its shape.
    Row("SN", "ISBN", "isbn", True),
    Row("SN", "ISSN", "issn", True),
    Row("SN", "number", "serial-number"),
    Row("DO", "DOI", "doi", True),
    Row("UR", "PMID", "pmid-link"),
    Row("UR", "URL", "url", True),
    Row("L2", "URL", "url", backup=True),  # the full text: the item's URL when UR is missing
    Row("AB", "abstract", "abstract", True),
    Row("N2", "abstract", "abstract"),
    Row("KW", "keyword", "keywords", True),
    Row("LA", "language", "text", True),
    Row("DB", "archive", "text", True),
    Row("AN", "archive_location", "text", True),
    Row("AV", "archive_location", "text", backup=True),  # Reference Manager
    Row("CN", "call-number", "text", True),
    Row("H2", "call-number", "text", backup=True),  # Citavi: the first call number
    Row("DP", "source", "text", True),
    Row("H1", "source", "text", backup=True),  # Citavi: the first library
    Row("RN", "annote", "prose", True),
    Row("N1", "note", "note", True),
)

#: Standard RIS tags with no CSL variable in any type: kept in ``custom["ris"]``
#: without a remark.
UNMAPPED_STANDARD_TAGS: Final = frozenset(
    {"AD", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "CA", "CP", "CR", "L1", "L2",
     "L3", "L4", "LB", "LK", "M2", "OP", "RI", "RP", "TA", "TT", "U1", "U2", "U3", "U4",
     "U5"}
)  # fmt: skip

#: ProCite writes what RIS has no tag for as ``N1  - Label: value`` notes; these labels
#: name a RIS tag, and the note is read as that tag (Zotero's ProCite cleaner does so).
PROCITE_NOTE_TAGS: Final[dict[str, str]] = {
    "Record ID": "ID",
    "Record Number": "ID",
    "Notes": "N1",
    "Call Number": "CN",
    "Edition": "ET",
    "ISBN": "SN",
    "Language": "LA",
    "Publisher Name": "PB",
    "Place of Publication": "CY",
    "Series Title": "T3",
    "Page(s)": "SP",
    "Volume ID": "VL",
    "Issue ID": "IS",
    "Issue Identification": "IS",
}

#: Tags whose value is a list of links (one a line, or separated by ``;``).
LINK_LIST_TAGS: Final = frozenset({"UR", "L1", "L2", "L3", "L4", "LK"})

#: Tags whose values are prose: continuation lines are expected and keep their breaks.
PROSE_TAGS: Final = frozenset({"AB", "N1", "N2", "RN"})

#: Tags whose continuation lines are list items (Zotero keeps their line breaks too).
LIST_TAGS: Final = LINK_LIST_TAGS | {"KW"}

#: The tags some row maps; the others are kept in ``custom.ris`` as they were.
MAPPED_TAGS: Final = frozenset(row.tag for row in TAG_ROWS)
