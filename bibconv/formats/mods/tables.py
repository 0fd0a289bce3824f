"""MODS's vocabularies, shared by its reader and writer: genres, MARC roles, identifier
and part-detail types, and the elements read as plain text."""

from __future__ import annotations

from typing import Final

NAME: Final = "mods"
LABEL: Final = "MODS"
NAMESPACE: Final = "http://www.loc.gov/mods/v3"

#: Genre (bibutils' and MARC's terms, lower case) -> CSL type; the first genre of a
#: record that is here decides, else its host's genre, else its issuance.
GENRES: Final[dict[str, str]] = {
    "journal article": "article-journal",
    "article": "article-journal",
    "magazine article": "article-magazine",
    "newspaper article": "article-newspaper",
    "book chapter": "chapter",
    "chapter": "chapter",
    "book": "book",
    "conference publication": "paper-conference",
    "conference paper": "paper-conference",
    "thesis": "thesis",
    "theses": "thesis",
    "ph.d. thesis": "thesis",
    "masters thesis": "thesis",
    "report": "report",
    "technical report": "report",
    "patent": "patent",
    "web page": "webpage",
    "web site": "webpage",
    "unpublished": "manuscript",
    "manuscript": "manuscript",
    "encyclopedia article": "entry-encyclopedia",
    "dictionary entry": "entry-dictionary",
    "software": "software",
    "dataset": "dataset",
    "map": "map",
    "motion picture": "motion_picture",
    "legislation": "legislation",
    "legal case and case notes": "legal_case",
    "periodical": "periodical",
    "academic journal": "periodical",
}
#: Host genres and issuance -> the CSL type of what is in them.
HOST_GENRES: Final[dict[str, str]] = {
    "periodical": "article-journal",
    "academic journal": "article-journal",
    "journal": "article-journal",
    "continuing": "article-journal",
    "serial": "article-journal",
    "magazine": "article-magazine",
    "newspaper": "article-newspaper",
    "conference publication": "paper-conference",
    "proceedings": "paper-conference",
    "book": "chapter",
    "collection": "chapter",
    "monographic": "chapter",
    "encyclopedia": "entry-encyclopedia",
    "dictionary": "entry-dictionary",
}
#: CSL type -> (genre written, its authority, host genre written or "").
WRITTEN_GENRES: Final[dict[str, tuple[str, str, str]]] = {
    "article-journal": ("journal article", "bibutilsgt", "academic journal"),
    "article-magazine": ("magazine article", "bibutilsgt", "magazine"),
    "article-newspaper": ("newspaper article", "bibutilsgt", "newspaper"),
    "chapter": ("book chapter", "bibutilsgt", "book"),
    "book": ("book", "marcgt", ""),
    "paper-conference": ("conference publication", "marcgt", "conference publication"),
    "thesis": ("thesis", "marcgt", ""),
    "report": ("technical report", "marcgt", ""),
    "patent": ("patent", "marcgt", ""),
    "webpage": ("web page", "bibutilsgt", ""),
    "manuscript": ("unpublished", "bibutilsgt", ""),
    "entry-encyclopedia": ("encyclopedia article", "bibutilsgt", "encyclopedia"),
    "entry-dictionary": ("dictionary entry", "bibutilsgt", "dictionary"),
    "software": ("software", "marcgt", ""),
    "dataset": ("dataset", "marcgt", ""),
    "map": ("map", "marcgt", ""),
    "motion_picture": ("motion picture", "marcgt", ""),
    "legislation": ("legislation", "marcgt", ""),
    "legal_case": ("legal case and case notes", "marcgt", ""),
    "periodical": ("periodical", "marcgt", ""),
}
#: MARC relator terms and codes -> CSL name variable (no role: author). A ``degree
#: grantor`` is the thesis's university: ``publisher``.
ROLES: Final[dict[str, str]] = {
    "author": "author", "aut": "author", "creator": "author", "cre": "author",
    "editor": "editor", "edt": "editor",
    "translator": "translator", "trl": "translator",
    "illustrator": "illustrator", "ill": "illustrator",
    "compiler": "compiler", "com": "compiler",
    "director": "director", "drt": "director",
    "interviewer": "interviewer", "ivr": "interviewer",
    "recipient": "recipient", "rcp": "recipient",
    "contributor": "contributor", "ctb": "contributor",
    "composer": "composer", "cmp": "composer",
    "curator": "curator", "cur": "curator",
    "performer": "performer", "prf": "performer",
    "producer": "producer", "pro": "producer",
    "host": "host", "hst": "host",
    "organizer": "organizer", "orm": "organizer",
}  # fmt: skip
WRITTEN_ROLES: Final = {
    "author": "author", "editor": "editor", "translator": "translator",
    "illustrator": "illustrator", "compiler": "compiler", "director": "director",
    "interviewer": "interviewer", "recipient": "recipient", "contributor": "contributor",
    "composer": "composer", "curator": "curator", "performer": "performer",
    "producer": "producer", "host": "host", "organizer": "organizer",
}  # fmt: skip
#: ``<identifier type=...>`` -> CSL variable (``citekey`` is the id).
IDENTIFIERS: Final[dict[str, str]] = {
    "doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID",
    "uri": "URL", "url": "URL", "citekey": "id",
}  # fmt: skip
#: ``<part><detail type=...>`` -> CSL variable, of the record (or its host).
DETAILS: Final[dict[str, str]] = {
    "volume": "volume", "issue": "issue", "number": "issue", "chapter": "chapter-number",
    "section": "section", "page": "page",
}  # fmt: skip
#: Elements read as one text each -> CSL variable.
SIMPLE: Final[dict[str, str]] = {
    "abstract": "abstract",
    "note": "note",
    "accessCondition": "license",
}
