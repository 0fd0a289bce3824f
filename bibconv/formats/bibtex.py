"""BibTeX and BibLaTeX: read into CSL-JSON items and write them back.

Syntax comes from our own scanner (``_bibsyntax``; why: docs/design.md); names from
``_bibnames`` (bibtexparser's name grammar, BibLaTeX's extended format); LaTeX <-> Unicode
from ``_latex``; BibLaTeX's tables (languages, localisation keys, roles, eprints, title
parts, inheritance) from ``_biblatex``. The mapping lives in
the tables below (``TYPE_MAP``, ``FIELD_MAP``) and is used in both directions.
docs/bibtex.md documents every choice; the short version:

- Fields with no CSL home go to ``custom["bibtex"]`` (field -> value as written, macros
  expanded) and are written back unchanged. The original entry type is kept in
  ``custom["bibtex_type"]`` when the CSL type would map back to another one.
- Repeated fields: the first value is used; the later ones are kept in
  ``custom["bibtex_duplicates"]`` (``[[field, value], ...]``) and written back.
- Crossref: the child inherits the missing fields (BibLaTeX: with its title -> booktitle /
  maintitle / journaltitle rules); the inherited field names go to
  ``custom["bibtex_inherited"]`` so the writer leaves them to the crossref again.
- Names: the BibTeX "von" part stays in ``family`` ("von Neumann"), as CONVENTIONS has page
  parsers do; ``{Corporate}`` -> ``literal``; ``and others`` -> ``{"literal": "others"}``.
- arXiv: ``eprint`` (+ ``archivePrefix``/``eprinttype`` = arXiv, ``primaryClass``) ->
  ``custom["arxiv_id"]`` and ``custom["arxiv_category"]`` (the pages' convention).
- The input's own text (``@string`` and macro uses, ``@preamble``, comments, free text)
  travels beside the items (``_bibkeep.KeptEntry``), never in ``custom``; the writers
  here put it back in place (docs/bibtex.md, "The input's own text").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, cast

from bibconv import _json, keys
from bibconv._gc import paused_gc
from bibconv._vocab import ARXIV_VALUE, MONTH_ABBREVIATIONS
from bibconv._vocab import MONTHS as MONTH_WORDS
from bibconv.diagnostics import Diagnostic, ParseError, Severity
from bibconv.formats import (
    _bibfieldorder,
    _bibinherit,
    _bibkeep,
    _biblatex,
    _bibnames,
    _bibsyntax,
    _latex,
    _sentence_case,
)
from bibconv.formats._bibfieldorder import FIELD_ORDER
from bibconv.formats._bibnames import parse_name, parse_names
from bibconv.losses import CSL_TEXT_VARIABLES
from bibconv.model import ITEM_TYPES, NAME_VARIABLES, CslDate, CslItem, CslName
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "bibtex"
#: The field that carries ``custom`` keys this module has no field for (JSON).
CUSTOM_FIELD: Final = "csl-custom"
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

# ----------------------------------------------------------------------------- reading


def read(text: str, options: ReadOptions) -> Parsed:
    """BibTeX (either dialect's field names) -> CSL items; crossref with BibTeX's rules."""
    return _read(text, options, biblatex=False)


def read_biblatex(text: str, options: ReadOptions) -> Parsed:
    """Like :func:`read`, with BibLaTeX's crossref inheritance rules."""
    return _read(text, options, biblatex=True)


def _read(text: str, options: ReadOptions, *, biblatex: bool) -> Parsed:
    with paused_gc():
        return _read_all(text, options, biblatex=biblatex)


def _read_all(text: str, options: ReadOptions, *, biblatex: bool) -> Parsed:
    doc = _bibsyntax.parse(text, options.path)
    diagnostics = list(doc.diagnostics)
    kept = _bibkeep.sources(doc)
    entries = [e for e in doc.entries if not e.broken]
    parents = _parents_by_key(entries)
    resolved_parents: dict[tuple[str, int], dict[str, str]] = {}
    items: list[CslItem] = []
    seen: dict[str, int] = {}
    for entry in entries:
        first = seen.setdefault(entry.key, entry.key_offset)
        if first != entry.key_offset and entry.key:  # empty keys get generated ones
            line, col = doc.index.line_col(first)
            diagnostics.append(
                _located(
                    Severity.WARNING,
                    "bib.duplicate-key",
                    f"duplicate key '{entry.key}' (first used at {line}:{col}); both entries kept",
                    doc,
                    entry.key_offset,
                )
            )
        mapper = _Mapper(entry, doc, diagnostics, parents, biblatex)
        mapper.sentence_case = options.sentence_case
        mapper.resolved_parents = resolved_parents  # shared: linear in chains (issue 12)
        item = mapper.item()
        source = kept.get(entry.start)
        # The input text that belongs with the entry travels beside the item (_bibkeep).
        items.append(item if source is None else cast(CslItem, _bibkeep.KeptEntry(item, source)))
    _name_keyless(items, {entry.key for entry in entries})
    if options.strict and any(d.severity is not Severity.INFO for d in diagnostics):
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def read_entries(
    doc: _bibsyntax.Document, entries: Sequence[_bibsyntax.Entry], *, biblatex: bool = False
) -> list[CslItem]:
    """The items of some of ``doc``'s entries, crossref parents taken from all of it; no
    diagnostics, and an empty key stays empty (check --fix compares the entries it edits).

    An item is made from its entry's type, key and fields' names and values alone (and its
    parents'), never from offsets or how a value is spelled (``jun`` or ``{June}``)."""
    parents = _parents_by_key(e for e in doc.entries if not e.broken)
    unused: list[Diagnostic] = []
    return [_Mapper(entry, doc, unused, parents, biblatex).item() for entry in entries]


def _name_keyless(items: list[CslItem], taken: set[str]) -> None:
    """An entry BibTeX reads with an empty key ('@misc{,') gets a generated id (CONVENTIONS)."""
    for item in items:
        if not item["id"]:
            item["id"] = keys.unique_key(keys.base_key(item), taken)


def _located(
    severity: Severity, code: str, message: str, doc: _bibsyntax.Document, offset: int
) -> Diagnostic:
    # The document builds its line index only now: a clean file never pays for it.
    return Diagnostic(severity, code, message, doc.index.location(offset))


def _parents_by_key(entries: Iterable[_bibsyntax.Entry]) -> dict[str, _bibsyntax.Entry]:
    """Crossref targets by lowercased key (BibTeX compares keys case-insensitively)."""
    parents: dict[str, _bibsyntax.Entry] = {}
    for entry in entries:
        parents.setdefault(entry.key.lower(), entry)
    return parents


class _Mapper:
    """Maps one entry's fields to a CSL item."""

    def __init__(
        self,
        entry: _bibsyntax.Entry,
        doc: _bibsyntax.Document,
        diagnostics: list[Diagnostic],
        parents: Mapping[str, _bibsyntax.Entry],
        biblatex: bool,
    ) -> None:
        self.entry = entry
        self.doc = doc
        self.diagnostics = diagnostics
        self.parents = parents
        self.biblatex = biblatex
        self.inherited: frozenset[str] = frozenset()
        self.sentence_case = False  # --sentence-case: English titles to sentence case
        self.resolved_parents: dict[tuple[str, int], dict[str, str]] = {}  # see resolved()
        self.consumed: set[str] = set()
        self.useprefix: bool | None = None
        # field -> CSL values made from it by the passes before the field loop
        self.pending: dict[str, list[tuple[str, Any]]] = {}

    def defer(self, name: str, variable: str, value: Any) -> None:
        self.pending.setdefault(name, []).append((variable, value))

    def item(self) -> CslItem:
        entry = self.entry
        fields, duplicates = self.first_values()
        own = frozenset(fields)
        inherited = self.inherit(fields)
        self.inherited = frozenset(inherited)
        if self.sentence_case:
            _sentence_case.apply(fields)
        stated = fields.get(TYPE_FIELD, "").strip()
        subtype = fields.get("entrysubtype", "").strip()
        csl_type = (
            stated if stated in ITEM_TYPES else read_type(entry.type, _is_arxiv(fields), subtype)
        )
        item: dict[str, Any] = {"id": entry.key, "type": csl_type}
        custom: dict[str, Any] = {}
        extra: dict[str, str] = {}
        self.useprefix = _biblatex.option_flag(fields.get("options", ""), "useprefix")
        if csl_type in _SUBTYPES.values() and entry.type == "article":
            self.consumed.add("entrysubtype")  # @article + entrysubtype = magazine
        self.map_fields(fields, item, extra, custom)
        genre = str(item.get("genre", ""))
        # Kept when the writer would choose another type for the CSL type.
        if entry.type != writer_type(csl_type, genre):
            custom["bibtex_type"] = entry.type
        if extra:
            custom["bibtex"] = extra
        if duplicates:
            custom["bibtex_duplicates"] = duplicates
        if inherited:
            # Canonical names, sorted: the same whichever dialect or order they came in.
            custom["bibtex_inherited"] = _inherited_names(inherited, own)
        if custom:
            item["custom"] = custom
        return cast(CslItem, item)

    def first_values(self) -> tuple[dict[str, str], list[list[str]]]:
        """Field -> value (the first of repeated fields); the repeats, reported and kept."""
        values: dict[str, str] = {}
        duplicates: list[list[str]] = []
        for fld in self.entry.fields:
            if fld.name in values:
                duplicates.append([fld.name, fld.value])
                self.diagnostics.append(
                    _located(
                        Severity.WARNING,
                        "bib.duplicate-field",
                        f"field '{fld.name}' repeated in '{self.entry.key}'; the first value is "
                        "used, the others are kept in custom.bibtex_duplicates",
                        self.doc,
                        fld.name_offset,
                    )
                )
                continue
            values[fld.name] = fld.value
        return values, duplicates

    def inherit(self, fields: dict[str, str]) -> list[str]:
        """Fill missing fields from ``xdata`` entries and the ``crossref`` parent (each
        resolved first, so chains work); returns the inherited names."""
        inherited: list[str] = []
        rules = _INHERIT_BIBLATEX if self.biblatex else _INHERIT_BIBTEX
        for key, kind in _bibinherit.parent_keys(fields):
            parent = self.parents.get(key.lower())
            if parent is None:
                self.diagnostics.append(  # bib.missing-crossref is check's code too
                    _located(
                        Severity.WARNING,
                        f"bib.missing-{kind}",
                        f"{kind} '{key}' of '{self.entry.key}' names no entry in this input",
                        self.doc,
                        self.entry.key_offset,
                    )
                )
                continue
            values = _bibinherit.resolved(
                parent, self.parents, rules, {self.entry.key.lower()}, self.resolved_parents
            )
            inherited.extend(
                _bibinherit.inherit_into(fields, self.entry.type, parent.type, values, rules, kind)
            )
        return inherited

    def map_fields(
        self,
        fields: dict[str, str],
        item: dict[str, Any],
        extra: dict[str, str],
        custom: dict[str, Any],
    ) -> None:
        consumed = self.consumed
        if "eprint" in fields:
            consumed.update(self.map_eprint(fields, item, custom))
        consumed.update(self.map_titles(fields, item, custom))
        consumed.update(self.map_numbers(fields, item, custom))
        consumed.update(self.map_language(fields, item, custom))
        consumed.update(self.map_roles(fields))
        series = _biblatex.journal_series(fields.get("series", ""))
        if self.biblatex and series is not None and self.entry.type in _ARTICLE_TYPES:
            self.defer("series", "collection-title", series)  # series = {3}: "3rd series"
            consumed.add("series")
        location = _text_of(fields, "location")
        if self.entry.type == "patent" and location is not None:
            # biblatex: a patent's location is the country that granted it
            self.defer("location", "jurisdiction", _CONVERTERS[BIBSTRING](location))
            consumed.add("location")
        readers = _READERS
        for name, value in fields.items():
            # Values the passes above made from this field go here, in the input's order.
            for variable, converted in self.pending.pop(name, ()):
                item.setdefault(variable, converted)
            if name in consumed:
                continue
            reader = readers.get(name)
            if reader is not None:
                # The common case: a table field (author, pages, doi...).
                variable, convert = reader
                if variable not in item and value.strip(" \t\n\r{}"):
                    if self.useprefix is not None and name in _NAME_FIELDS:
                        convert = functools.partial(parse_names, useprefix=self.useprefix)
                    converted = convert(value)
                    if converted:
                        item[variable] = converted
                        if name in _NAME_FIELDS and _INITIALS.search(value):
                            # given-i/family-i have no CSL part: the list is kept as written
                            custom.setdefault("bibtex_raw", {})[name] = value
                        continue
                extra[name] = value
                continue
            if not value.strip(" \t\n\r{}"):
                extra[name] = value  # an empty field has no CSL value; written back as is
                continue
            if name in _SPECIAL_FIELDS and self.map_special(
                name, value, fields, item, extra, custom
            ):
                continue
            row = _BY_FIELD.get(_READ_ALIASES.get(name, name))
            if row is not None:
                pass  # its variable is taken already: kept under custom.bibtex
            elif name in CSL_STRING_VARIABLES:
                variable = CSL_STRING_VARIABLES[name]
                if variable not in item:
                    item[variable] = _latex.decode(value)
                    continue
            elif row is None and name in CSL_NAME_VARIABLES_EXTRA and name not in item:
                item[name] = parse_names(value, self.useprefix)
                continue
            elif row is None and name in CSL_DATE_VARIABLES_EXTRA and name not in item:
                date = parse_date(value)
                if date is not None:
                    item[name] = date
                    continue
            extra[name] = value
        self.map_date(fields, item, extra)

    def map_titles(
        self, fields: Mapping[str, str], item: dict[str, Any], custom: dict[str, Any]
    ) -> set[str]:
        """Title fields with their parts (``title`` + ``subtitle`` + ``titleaddon`` ...)
        joined as biblatex prints them; returns the fields used."""
        consumed: set[str] = set()
        bib_type = self.entry.type
        for variable, name in self.title_plan(fields):
            value = fields.get(name)
            if value is None or not value.strip(" \t\n\r{}"):
                continue
            main = (
                _latex.decode(value)
                if name == "note"
                else self.protected_text(name, value, custom, protect=name == "title")
            )
            parts: list[tuple[str, str]] = []
            for separator, part in _PARTS_OF.get(name, ()):
                raw = fields.get(part)
                if raw is not None and raw.strip(" \t\n\r{}"):
                    parts.append((separator, _latex.decode(raw)))
                    custom.setdefault("bibtex_parts", {})[part] = raw
                    consumed.add(part)
            self.defer(name, variable, _biblatex.join_parts([("", main), *parts]))
            consumed.add(name)
            if variable == "volume-title" and name == "title" and _has_text(fields, "shorttitle"):
                # a volume's shorttitle abbreviates the volume's title, not the work's
                self.defer("shorttitle", "volume-title-short", _latex.decode(fields["shorttitle"]))
                consumed.add("shorttitle")
            if variable == "title" and parts and not _present(fields, "shorttitle"):
                self.defer(name, "title-short", main)  # biblatex's: the main title alone
            if variable == "container-title" and name in _CONTAINER_FIELDS:
                canonical = _CANONICAL.get(name, name)
                if canonical != container_field(bib_type, biblatex=False):
                    # e.g. a 'journal' in a @misc: written back under the same name
                    custom.setdefault("bibtex_fields", {})["container-title"] = canonical
        addendum = _text_of(fields, "addendum")
        if addendum is not None and "note" not in consumed:
            self.defer("addendum", "note", _latex.decode(addendum))  # alone, it is the note
            custom.setdefault("bibtex_fields", {})["note"] = "addendum"
            consumed.add("addendum")
        return consumed

    def title_plan(self, fields: Mapping[str, str]) -> list[tuple[str, str]]:
        """(CSL variable, main field) pairs for this entry, pandoc's reading of maintitle:
        a volume of a multi-volume work has the work's title as ``title`` and its own as
        ``volume-title``; a part of one has it as ``container-title``."""
        bib_type = self.entry.type
        container = next((name for name in fields if name in _CONTAINER_FIELDS), None)
        has_main = _has_text(fields, "maintitle")
        if has_main and bib_type in _CHAPTER_TYPES:
            return [("title", "title"), ("container-title", "maintitle"), ("note", "note")] + (
                [("volume-title", container)] if container else []
            )
        if has_main and bib_type in _MAINTITLE_TYPES:
            plan = [("title", "maintitle"), ("volume-title", "title")]
        else:
            plan = [("title", "title"), ("volume-title", "issuetitle")]
        return plan + ([("container-title", container)] if container else []) + [("note", "note")]

    def map_numbers(
        self, fields: Mapping[str, str], item: dict[str, Any], custom: dict[str, Any]
    ) -> set[str]:
        """``number``/``issue`` by entry type: an article's ``number`` is its issue
        (``number`` + ``issue`` -> "number, issue", as biblatex prints them), a book's its
        number in the series (``collection-number``), anything else's its ``number``."""
        number, issue = _text_of(fields, "number"), _text_of(fields, "issue")
        home = number_home(self.entry.type, item["type"])
        consumed: set[str] = set()
        if number is not None and issue is not None and home == "issue":
            joined = [("", _latex.decode(number)), (",", _latex.decode(issue))]
            self.defer("number", "issue", _biblatex.join_parts(joined))
            custom.setdefault("bibtex_parts", {})["issue"] = issue
            return {"number", "issue"}
        if number is not None:
            self.defer("number", home, _latex.decode(number))
            consumed.add("number")
        if issue is not None:
            self.defer("issue", "issue", _latex.decode(issue))
            consumed.add("issue")
        escaped = _text_of(fields, NUMBER_FIELD)
        if escaped is not None and home != "number":
            self.defer(NUMBER_FIELD, "number", _latex.decode(escaped))
            consumed.add(NUMBER_FIELD)
        return consumed

    def map_roles(self, fields: Mapping[str, str]) -> set[str]:
        """``editor``/``editora``/``editorb``/``editorc`` with their ``...type`` (biblatex
        2.3.4): a role with a CSL name variable goes there (``director``, ``compiler``,
        ``translator`` ...); an untyped ``editora`` or a role CSL lacks stays in custom."""
        consumed: set[str] = set()
        claimed = {name for name in NAME_VARIABLES if _has_text(fields, name)}
        for slot in _biblatex.EDITOR_SLOTS:
            value = _text_of(fields, slot)
            if value is None:
                continue
            role = fields.get(f"{slot}type", "editor" if slot == "editor" else "")
            variable = _biblatex.ROLES.get(role.strip().strip("{}").strip().lower())
            if variable is None or (variable == "editor" and slot == "editor"):
                continue
            if variable in claimed:
                continue
            claimed.add(variable)
            self.defer(slot, variable, parse_names(value, self.useprefix))
            consumed.update({slot, f"{slot}type"} & fields.keys())
        return consumed

    def map_language(
        self, fields: Mapping[str, str], item: dict[str, Any], custom: dict[str, Any]
    ) -> set[str]:
        """``langid`` (or ``hyphenation``, ``language``) -> a BCP 47 ``language``."""
        for name in ("langid", "hyphenation", "language"):
            raw = _text_of(fields, name)
            if raw is None:
                continue
            tag = _biblatex.language_tag(raw)
            if tag is not None and name == "langid":
                tag = _biblatex.variant_tag(tag, fields.get("langidopts", ""))
            value = tag or _latex.decode(raw)
            self.defer(name, "language", value)
            if name != language_field(value):
                custom.setdefault("bibtex_fields", {})["language"] = name
            if tag is not None and _biblatex.language_name(tag) != raw.strip():
                custom.setdefault("bibtex_raw", {})["language"] = raw  # "American", "UKenglish"
            return {name}
        return set()

    def map_special(
        self,
        name: str,
        value: str,
        fields: Mapping[str, str],
        item: dict[str, Any],
        extra: dict[str, str],
        custom: dict[str, Any],
    ) -> bool:
        """Fields whose CSL home depends on the entry; True when handled."""
        if name in ("year", "month", "date", "day", "season"):
            return True  # map_date takes them together
        if name == TYPE_FIELD:
            return value.strip() in ITEM_TYPES  # applied in item()
        if name == CUSTOM_FIELD:
            kept = _json_object(value)
            if kept is None:
                return False
            for key, kept_value in kept.items():
                custom.setdefault(key, kept_value)
            return True
        if (
            name == "howpublished"
            and self.entry.type in _HOWPUBLISHED_TYPES
            and not _CONTAINER_FIELDS & fields.keys()
        ):
            if "container-title" in item:
                return False  # a second container: kept under custom.bibtex
            item["container-title"] = self.protected_text(name, value, custom)
            if container_field(self.entry.type, biblatex=False) != "howpublished":
                custom.setdefault("bibtex_fields", {})["container-title"] = name
            return True
        if name in ("publisher", "school", "institution", "organization"):
            if name != "publisher" and (
                "publisher" in fields or _PUBLISHER_FIELD.get(self.entry.type) != name
            ):
                return False
            item["publisher"] = _latex.decode(value)
            if name != _PUBLISHER_FIELD.get(self.entry.type, "publisher"):
                custom.setdefault("bibtex_fields", {})["publisher"] = name
            return True
        return False

    def protected_text(
        self, name: str, value: str, custom: dict[str, Any], *, protect: bool = False
    ) -> str:
        """Decoded text; the raw value is kept when the writer's braces would differ.

        The writer protects capitals in titles only (``protect``); elsewhere any brace
        protection in the input is worth keeping.
        """
        text = _latex.decode(value)
        if "{" not in value or name in self.inherited:  # the parent keeps its own braces
            return text
        written = _latex.as_written(text, title=protect)
        if _latex.protected_words(value) != _latex.protected_words(written):
            custom.setdefault("bibtex_raw", {})[name] = value
        return text

    def map_eprint(
        self, fields: Mapping[str, str], item: dict[str, Any], custom: dict[str, Any]
    ) -> frozenset[str]:
        """An eprint: arXiv's go to custom.arxiv_id (the pages' convention); every known
        ``eprinttype`` also gives the URL when the entry has none (``pubmed`` and
        ``pmcid``: the PMID/PMCID too). The other eprint fields stay in custom.bibtex."""
        consumed = self.map_arxiv(fields, custom)
        kind = "arxiv" if consumed else _biblatex.canonical_eprinttype(_eprint_type(fields))
        eprint = _verbatim(fields["eprint"])
        url = _biblatex.eprint_url(kind, eprint)
        # BibTeX styles print no eprint links, so only the BibLaTeX reader adds the URL
        # (and the BibLaTeX writer marks an item that has none).
        if (
            url is not None
            and self.biblatex
            and NO_URL_FIELD not in fields
            and not _present(fields, "url")
        ):
            self.defer("eprint", "URL", url)
        variable = _biblatex.EPRINT_VARIABLES.get(kind)
        if variable is not None and variable.lower() not in fields and eprint:
            self.defer("eprint", variable, eprint)
        return consumed | ({NO_URL_FIELD} & fields.keys())

    @staticmethod
    def map_arxiv(fields: Mapping[str, str], custom: dict[str, Any]) -> frozenset[str]:
        """arXiv's eprint fields -> custom.arxiv(_category); returns the fields consumed."""
        if not _is_arxiv(fields):
            return frozenset()
        prefix_field = "archiveprefix" if "archiveprefix" in fields else "eprinttype"
        prefix = fields.get(prefix_field, "").strip("{} ").lower()
        custom["arxiv_id"] = fields["eprint"].strip()
        consumed = {"eprint"}
        if prefix:
            consumed.add(prefix_field)
        for name in ("primaryclass", "eprintclass"):
            if name in fields:
                custom["arxiv_category"] = fields[name].strip()
                consumed.add(name)
                break
        return frozenset(consumed)

    def map_date(
        self, fields: Mapping[str, str], item: dict[str, Any], extra: dict[str, str]
    ) -> None:
        self.map_issued(fields, item, extra)
        season = fields.get("season")
        if season is not None:
            if "issued" in item:
                item["issued"]["season"] = _latex.decode(season)
            else:
                extra["season"] = season

    def map_issued(
        self, fields: Mapping[str, str], item: dict[str, Any], extra: dict[str, str]
    ) -> None:
        date_value = fields.get("date")
        if date_value is not None:
            parsed = parse_date(date_value)
            if parsed is not None:
                item["issued"] = parsed
                for name in ("year", "month", "day"):
                    if name in fields and not _agrees(name, fields[name], parsed):
                        extra[name] = fields[name]
                return
            if "year" not in fields:
                # A date BibLaTeX cannot parse either ("circa 1850"): CSL's raw date.
                item["issued"] = {"raw": _latex.decode(date_value)}
                return
            extra["date"] = date_value
        year = fields.get("year")
        month = fields.get("month")
        day = fields.get("day")
        if year is None:
            for name in ("month", "day"):
                if name in fields:
                    extra[name] = fields[name]
            return
        year_text = _latex.decode(year)
        if not _YEAR.fullmatch(year_text):
            item["issued"] = {"literal": year_text}
            if month is not None:
                extra["month"] = month
            if day is not None:
                extra["day"] = day
            return
        parts: list[int | str] = [int(year_text)]
        month_number = _month_number(month) if month is not None else None
        if month is not None and month_number is None:
            extra["month"] = month
        if month_number is not None:
            parts.append(month_number)
            if day is not None and day.strip().isdigit() and 1 <= int(day) <= 31:
                parts.append(int(day))
            elif day is not None:
                extra["day"] = day
        elif day is not None:
            extra["day"] = day
        item["issued"] = {"date-parts": [parts]}


# Fields whose CSL home depends on the entry (handled by _Mapper.map_special).
_SPECIAL_FIELDS: Final = frozenset(
    [
        "year",
        "month",
        "date",
        "day",
        "season",
        "csl-type",
        "csl-custom",
        "howpublished",
        "publisher",
        "organization",
        "school",
        "institution",
    ]
)
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
_CONTAINER_FIELDS: Final = frozenset({"journal", "journaltitle", "booktitle"})
_INITIALS: Final = re.compile(r"(?:^|,)\s*(?:given|family|prefix|suffix)-i\s*=")
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


def _text_of(fields: Mapping[str, str], name: str) -> str | None:
    """The field's value if it has any text (an empty field is kept as is elsewhere)."""
    value = fields.get(name)
    return value if value is not None and value.strip(" \t\n\r{}") else None


def _has_text(fields: Mapping[str, str], name: str) -> bool:
    return _text_of(fields, name) is not None


def _eprint_type(fields: Mapping[str, str]) -> str:
    return fields.get("eprinttype") or fields.get("archiveprefix") or ""


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
_YEAR: Final = re.compile(r"-?\d{1,4}")
_ISO_DATE: Final = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _month_number(value: str) -> int | None:
    text = value.strip().strip("{}").strip().lower().rstrip(".")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTH_WORDS.get(text)


def _agrees(name: str, value: str, date: CslDate) -> bool:
    parts = date.get("date-parts", [[]])[0]
    index = {"year": 0, "month": 1, "day": 2}[name]
    if len(parts) <= index:
        return False
    if name == "month":
        return _month_number(value) == parts[1]
    return value.strip().strip("{}") == str(parts[index])


def parse_date(value: str) -> CslDate | None:
    """A BibLaTeX/ISO 8601 date or range (``2020-01/2020-03``, ``2020/``) as a CslDate."""
    text = value.strip().strip("{}").strip()
    if not text:
        return None
    halves = text.split("/")
    if len(halves) > 2:
        return None
    parts: list[list[int | str]] = []
    for number, half in enumerate(halves):
        half = half.strip()
        if not half and number == 1:
            continue  # an open range "2020/" keeps its start only
        m = _ISO_DATE.fullmatch(half)
        if m is None:
            return None
        one: list[int | str] = [int(m.group(1))]
        if m.group(2):
            month = int(m.group(2))
            if not 1 <= month <= 12:
                return None
            one.append(month)
            if m.group(3):
                one.append(int(m.group(3)))
        parts.append(one)
    if len(halves) == 2 and not halves[1].strip():
        return None if not parts else {"date-parts": parts, "raw": text}
    return {"date-parts": parts}


def _pages(value: str) -> str:
    return _latex.decode(value).replace("–", "-").replace("—", "-")


_CONVERTERS: Final[dict[str, Callable[[str], Any]]] = {
    NAMES: lambda value: parse_names(value),
    PAGES: _pages,
    VERBATIM: lambda value: _verbatim(value),
    DATE: lambda value: parse_date(value),
    TEXT: _latex.decode,
    PLAIN: _latex.decode,
    BIBSTRING: lambda value: _biblatex.bibstring(value) or _latex.decode(value),
}
#: Field name (either dialect's spelling) -> (CSL variable, converter), for the table rows
#: that need no look at the rest of the entry (title is special: its braces may be kept).
_READERS: Final[dict[str, tuple[str, Callable[[str], Any]]]] = {
    name: (row[2], _CONVERTERS[row[3]]) for name, row in _BY_FIELD.items() if row[3] != TITLE
}
_READERS.update(
    {alias: _READERS[target] for alias, target in _READ_ALIASES.items() if target in _READERS}
)


_VERBATIM_ESCAPES: Final = re.compile(r"\\([_%&#~$])")


def _verbatim(value: str) -> str:
    """URLs and DOIs: not LaTeX; only escaped specials and outer braces are undone."""
    text = value.strip()
    if text.startswith("\\url{") and text.endswith("}"):
        text = text[5:-1]
    while text.startswith("{") and text.endswith("}") and "{" not in text[1:-1]:
        text = text[1:-1]
    return _VERBATIM_ESCAPES.sub(r"\1", text).strip()


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
_CANONICAL: Final[dict[str, str]] = {
    "journaltitle": "journal",
    "location": "address",
    "annotation": "annote",
}
_DATE_FIELDS: Final = frozenset({"year", "month", "day", "date"})
_OTHER_SPELLING: Final[dict[str, str]] = {
    "address": "location",
    "location": "address",
    "journal": "journaltitle",
    "journaltitle": "journal",
    "annote": "annotation",
    "annotation": "annote",
}
_PAGE_DASH: Final = re.compile(r"\s*[-–—]+\s*")
_CASE_PROTECTED: Final = frozenset({"title", "booktitle", "shorttitle"})
# Fields biblatex's standard styles print through \bibstring when they hold a key (its
# 'edition' format prints a non-number as written, so the writer spells editions out).
_KEYED: Final = frozenset({"type", "pubstate", "series", "location"})
_TITLE_VARIABLES: Final = frozenset(
    {"title", "container-title", "volume-title", "note", "title-short", "volume-title-short"}
)
_WRITTEN_ELSEWHERE: Final = frozenset(
    {"id", "type", "custom", "issued", "container-title", "publisher", "issue", "number",
     "collection-number", "language"}
)  # fmt: skip


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """CSL items -> BibTeX: deterministic, one field per line, two-space indent."""
    return _write(items, options, biblatex=False)


def write_biblatex(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """CSL items -> BibLaTeX (``date``, ``journaltitle``, ``location``, ``eprinttype``)."""
    return _write(items, options, biblatex=True)


def _write(items: Sequence[CslItem], options: WriteOptions, *, biblatex: bool) -> Written:
    with paused_gc():
        return _write_all(items, options, biblatex=biblatex)


def _write_all(items: Sequence[CslItem], options: WriteOptions, *, biblatex: bool) -> Written:
    notes: list[Diagnostic] = []
    taken = {str(item.get("id") or "") for item in items}
    seen: set[str] = set()
    blocks: list[str] = []
    keeper = _bibkeep.Keeper()
    for item in items:
        source = _bibkeep.source_of(item)
        if source is not None and (before := keeper.before(source)):
            blocks.append(before + "\n")
        key = str(item.get("id") or "")
        if not key:
            # A missing key is generated (CONVENTIONS), never clashing with any other.
            key = keys.unique_key(keys.base_key(item), taken)
        elif key in seen:
            # Kept as is, like the input had it: renaming would break citations silently.
            notes.append(
                Diagnostic(
                    Severity.WARNING,
                    "bib.duplicate-key",
                    f"key '{key}' is used by an earlier item too; written unchanged",
                    item_id=key,
                )
            )
        seen.add(key)
        writer = _EntryWriter(cast(CslItem, {**item, "id": key}), options, biblatex, notes)
        if source is not None:
            writer.input_forms = keeper.usable(source)
        blocks.append(writer.render())
        if source is not None and (after := keeper.after(source)):
            blocks.append(after + "\n")
    return Written("\n".join(blocks), notes)


def container_field(bib_type: str, *, biblatex: bool) -> str:
    """The field that holds CSL's container-title in an entry of ``bib_type``."""
    if bib_type in ("article", "periodical", "suppperiodical", "review"):
        return "journaltitle" if biblatex else "journal"
    if bib_type in _HOWPUBLISHED_TYPES:
        return "howpublished"
    return "booktitle"


def _is_arxiv(fields: Mapping[str, str]) -> bool:
    """An arXiv eprint: archivePrefix/eprinttype says so, or there is none and the id fits."""
    eprint = fields.get("eprint", "").strip()
    prefix_field = "archiveprefix" if "archiveprefix" in fields else "eprinttype"
    prefix = fields.get(prefix_field, "").strip("{} ").lower()
    return bool(eprint) and (
        prefix == "arxiv" or (not prefix and bool(ARXIV_VALUE.fullmatch(eprint)))
    )


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


class _EntryWriter:
    """Renders one CSL item as one entry."""

    def __init__(
        self, item: CslItem, options: WriteOptions, biblatex: bool, notes: list[Diagnostic]
    ) -> None:
        self.item = item
        self.ascii = options.ascii
        self.lossless = options.lossless
        self.biblatex = biblatex
        self.notes = notes
        self.custom: dict[str, Any] = dict(item.get("custom") or {})
        self.extra: dict[str, str] = dict(self.custom.get("bibtex") or {})
        self.inherited = frozenset(self.custom.get("bibtex_inherited") or ())
        self.fields: dict[str, str] = {}
        self.placed: set[str] = set()  # CSL variables written by add_titles
        self.bib_type = ""
        # Field -> how the input wrote it with macros or '#' (a .bib read by bibconv).
        self.input_forms: Mapping[str, _bibkeep.MacroField] = {}

    def render(self) -> str:
        item = self.item
        bib_type = self.bib_type = self.entry_type()
        csl_type = self.item.get("type")
        subtype = next((k for k, v in _SUBTYPES.items() if v == csl_type), "")
        if subtype and bib_type == "article":
            self.put("entrysubtype", self.braced(subtype))
        self.add_table_fields()
        self.add_titles(bib_type)
        self.add_numbers(bib_type)
        self.add_language()
        jurisdiction = cast(Mapping[str, Any], self.item).get("jurisdiction")
        if bib_type == "patent" and jurisdiction not in (None, ""):
            self.put("location", self.bibstring_text(str(jurisdiction), "location"))
            self.placed.add("jurisdiction")
        self.add_publisher(bib_type)
        self.add_date()
        self.add_arxiv()
        if self.biblatex:
            self.add_roles()
        self.add_generic()
        self.add_custom()
        # A hand-built item with no type is written as @misc: "csl-type = {None}" would
        # read back as a type called "None".
        read_back = read_type(bib_type, bool(self.custom.get("arxiv_id")), subtype)
        if csl_type is not None and read_back != csl_type:
            why = f"no entry type for '{csl_type}' (written as @{bib_type})"
            self.carry("type", why, TYPE_FIELD, self.braced(csl_type))
        for name, value in self.extra.items():
            other = _OTHER_SPELLING.get(name)
            if (
                name in self.fields
                and other
                and other not in self.fields
                and other not in self.extra
            ):
                # Both spellings were in the input ('address' and 'location'): the mapped
                # one goes back under the other spelling, the kept one under its own.
                self.fields[other] = self.fields.pop(name)
            # Otherwise a kept field wins over a generated one of the same name (a 'year'
            # that disagreed with 'date'; the CSL value is written in 'date' too).
            self.fields[name] = self.braced(value)
        self.mark_no_url()
        if {"crossref", "xdata"} & self.fields.keys():
            for name in self.inherited:
                for alias in _ALIASES.get(name, (name,)):
                    self.fields.pop(alias, None)
        if self.input_forms:
            self.use_input_forms()
        # The one field order (bib.layout's too); unknown fields keep their own order.
        ordered = sorted(self.fields.items(), key=lambda kv: _bibfieldorder.rank(kv[0].lower()))
        key = str(item["id"])
        # A '}' in a key would close a braced entry; BibTeX allows it in a parenthesised one.
        opener, closer = ("(", ")") if "}" in key else ("{", "}")
        lines = [f"@{bib_type}{opener}{key},"]
        lines.extend(f"  {name} = {value}," for name, value in ordered)
        for name, value in self.custom.get("bibtex_duplicates") or ():
            lines.append(f"  {name} = {{{value}}},")
        lines.append(closer)
        return "\n".join(lines) + "\n"

    def use_input_forms(self) -> None:
        """Fields the input wrote with macros or '#' are written so again, when that form
        reads back the same as the value made from the item (an edited value is not)."""
        for name, value in self.fields.items():
            lowered = name.lower()
            kept = self.input_forms.get(lowered) or self.input_forms.get(
                _OTHER_SPELLING.get(lowered, "")
            )
            if kept is not None and _reads_same(lowered, value, kept.value):
                self.fields[name] = kept.raw

    def entry_type(self) -> str:
        csl_type = str(self.item.get("type", "document"))
        original = self.custom.get("bibtex_type")
        arxiv = bool(self.custom.get("arxiv_id"))
        if isinstance(original, str) and read_type(original.lower(), arxiv) == csl_type:
            return original.lower()
        genre = str(cast(Mapping[str, Any], self.item).get("genre", ""))
        return writer_type(csl_type, genre)

    # -- value rendering

    def braced(self, value: str) -> str:
        return "{" + value + "}"

    def text(self, value: Any, *, title: bool = False) -> str:
        return self.braced(_latex.as_written(str(value), title=title, ascii=self.ascii))

    def names(self, names: Sequence[CslName]) -> str:
        return self.braced(" and ".join(self.name(n) for n in names))

    def name(self, name: CslName) -> str:
        return _bibnames.render_name(
            name.get("family"),
            name.get("given"),
            name.get("suffix"),
            name.get("literal"),
            name.get("non-dropping-particle"),
            name.get("dropping-particle"),
            self.ascii,
            self.biblatex,
        )

    def date(self, date: CslDate) -> str | None:
        parts = date.get("date-parts")
        if not parts:
            literal = date.get("literal") or date.get("raw")
            return str(literal) if literal else None
        halves = ["-".join(_date_part(i, p) for i, p in enumerate(half)) for half in parts]
        if str(date.get("raw", "")).endswith("/"):
            return halves[0] + "/"
        return "/".join(halves)

    # -- field groups

    def put(self, name: str, value: str) -> None:
        if name in self.fields:
            self.note(name, f"{name} is already written")
            return
        self.fields[name] = value

    def note(self, variable: str, why: str) -> None:
        self.notes.append(
            Diagnostic(
                Severity.INFO,
                f"{BIBLATEX if self.biblatex else NAME}.cannot-hold",
                f"{self.item.get('id')}: {'BibLaTeX' if self.biblatex else 'BibTeX'} "
                f"cannot hold '{variable}': {why}",
                item_id=str(self.item.get("id")),
            )
        )

    def add_table_fields(self) -> None:
        for variable, value in cast(Mapping[str, Any], self.item).items():
            row = _BY_CSL.get(variable)
            if row is None or value in (None, "", []) or variable in _TITLE_VARIABLES:
                continue
            bib_name, latex_name, _, kind = row
            name = latex_name if self.biblatex else bib_name
            if kind == BIBSTRING:
                self.put(name, self.bibstring_text(str(value), name))
            elif kind == NAMES:
                raw = (self.custom.get("bibtex_raw") or {}).get(name)
                # (BibLaTeX only: BibTeX's grammar cannot read the extended format)
                same = self.biblatex and isinstance(raw, str) and parse_names(raw) == value
                self.put(name, self.braced(str(raw)) if same else self.names(value))
            elif kind == TITLE:
                self.put(name, self.kept_raw(name, value) or self.text(value, title=True))
            elif kind == PAGES:
                self.put(name, self.braced(self.pages(str(value))))
            elif kind == VERBATIM:
                self.put(name, self.braced(str(value)))
            elif kind == DATE:
                rendered = self.date(value)
                if rendered:
                    self.put(name, self.braced(rendered))
            else:
                self.put(name, self.text(value))

    def field_for(self, variable: str) -> str | None:
        """The field the input used for ``variable``, when it was not the usual one."""
        names = self.custom.get("bibtex_fields")
        name = names.get(variable) if isinstance(names, dict) else None
        return str(name) if name else None

    def kept_raw(self, name: str, value: Any) -> str | None:
        """The value as the input wrote it (braces and all), if the CSL text is unchanged."""
        kept = self.custom.get("bibtex_raw") or {}
        # Stored under the input's spelling: a BibTeX "journal" written as "journaltitle".
        raw = kept.get(name, kept.get(_OTHER_SPELLING.get(name, name)))
        if isinstance(raw, str) and _latex.decode(raw) == value:
            return self.braced(raw)
        return None

    def pages(self, value: str) -> str:
        # A range dash of any kind is BibTeX's "--" (put in after encoding, which would
        # otherwise keep two hyphens from forming a dash).
        encoded = _latex.encode(_PAGE_DASH.sub("\x00", value), ascii=self.ascii)
        return encoded.replace("\x00", "--")

    def bibstring_text(self, value: str, name: str = "type") -> str:
        """BibLaTeX: a text that is a localisation key's English is written as the key
        (``Technical report`` -> ``techreport``); a text that looks like a key is braced,
        so that it reads back as text."""
        key = _biblatex.bibstring_key(value) if self.biblatex and name in _KEYED else None
        if key is not None:
            return self.braced(key)
        journal = self.biblatex and name == "series" and self.bib_type in _ARTICLE_TYPES
        number = _biblatex.journal_series_number(value) if journal else None
        if number is not None:
            return self.braced(number)
        if _biblatex.is_bibstring_key(value) or (journal and value.strip().isdigit()):
            return self.braced(self.text(value))
        return self.text(value)

    def add_titles(self, bib_type: str) -> None:
        """Titles, containers and notes, split into their parts again where the item
        came from BibLaTeX (``custom.bibtex_parts``); see ``_Mapper.title_plan``."""
        item = cast(Mapping[str, Any], self.item)
        container = self.field_for("container-title") or container_field(bib_type, biblatex=False)
        if self.biblatex and container == "journal":
            container = "journaltitle"
        plan = {"title": "title", "container-title": container}
        if item.get("volume-title"):
            if bib_type in _CHAPTER_TYPES:
                plan.update({"container-title": "maintitle", "volume-title": container})
            elif bib_type in _ARTICLE_TYPES:
                plan["volume-title"] = "issuetitle"
            elif bib_type in _MAINTITLE_TYPES and not self.own_short("maintitle"):
                # a volume: the work's title is the maintitle, the shorttitle the volume's
                plan.update({"title": "maintitle", "volume-title": "title"})
        plan["note"] = self.field_for("note") or "note"
        for variable, name in plan.items():
            value = item.get(variable)
            if value not in (None, ""):
                self.put_parts(name, str(value))
                self.placed.add(variable)
        swapped = plan["title"] == "maintitle"
        short = item.get("volume-title-short" if swapped else "title-short")
        if short not in (None, "") and (swapped or self.own_short("title")):
            self.put("shorttitle", self.text(short))
            self.placed.add("volume-title-short" if swapped else "title-short")

    def own_short(self, name: str) -> bool:
        """True when the item has a title-short that reading ``name`` with its parts
        would not give again (that one is the main title alone)."""
        item = cast(Mapping[str, Any], self.item)
        short, title = item.get("title-short"), item.get("title")
        if short in (None, ""):
            return False
        main, parts = self.split_parts(name, str(title or ""))
        return not (parts and short == main)

    def split_parts(self, name: str, value: str) -> tuple[str, list[tuple[str, str]]]:
        """The main text of ``value`` and the parts (field, raw) it was joined with, when
        it still ends with them (an edited text is written whole, without parts)."""
        kept = self.custom.get("bibtex_parts")
        kept = kept if isinstance(kept, dict) else {}
        parts = [
            (separator, part, kept[part])
            for separator, part in _PARTS_OF.get(name, ())
            if isinstance(kept.get(part), str)
        ]
        if parts:
            decoded = [(separator, _latex.decode(raw)) for separator, _, raw in parts]
            split = _biblatex.split_main(value, decoded)
            if split is not None:
                return split, [(part, raw) for _, part, raw in parts]
        return value, []

    def put_parts(self, name: str, value: str) -> None:
        """Write ``value`` into ``name`` and its part fields."""
        main, parts = self.split_parts(name, value)
        for part, raw in parts:
            self.put(part, self.braced(raw))
        self.put(name, self.kept_raw(name, main) or self.text(main, title=name == "title"))

    def add_numbers(self, bib_type: str) -> None:
        """The reverse of ``_Mapper.map_numbers``."""
        item = cast(Mapping[str, Any], self.item)
        home = number_home(bib_type, str(item.get("type", "")))
        issue, number = item.get("issue"), item.get("number")
        series_number = item.get("collection-number")
        if home == "issue" and issue not in (None, ""):
            kept = (self.custom.get("bibtex_parts") or {}).get("issue")
            main = None
            if isinstance(kept, str):
                main = _biblatex.split_main(str(issue), [(",", _latex.decode(kept))])
            if main is not None:
                self.put("number", self.text(main))
                self.put("issue", self.braced(str(kept)))
            else:
                self.put("number", self.text(issue))
        elif issue not in (None, ""):
            self.put("issue", self.text(issue))
        if home == "collection-number" and series_number not in (None, ""):
            self.put("number", self.text(series_number))
        elif series_number not in (None, ""):
            self.note("collection-number", "written as the field 'collection-number'")
            self.put("collection-number", self.text(series_number))
        if number not in (None, ""):
            if home == "number":
                self.put("number", self.text(number))
            else:
                self.note("number", f"'number' holds {home} here; written as '{NUMBER_FIELD}'")
                self.put(NUMBER_FIELD, self.text(number))

    def add_roles(self) -> None:
        """CSL name variables with a biblatex role (``director``, ``compiler`` ...) go
        to ``editor`` (when the item has no editor) or ``editora``..``editorc`` with their
        ``...type``; the rest are written as fields of their own name."""
        item = cast(Mapping[str, Any], self.item)
        slots = [s for s in _biblatex.EDITOR_SLOTS if s != "editor" or not item.get("editor")]
        for variable, value in item.items():
            role = _biblatex.ROLE_OF_VARIABLE.get(variable)
            if role is None or variable in _BY_CSL or not isinstance(value, list) or not slots:
                continue
            slot = slots.pop(0)
            self.put(slot, self.names(value))
            self.put(f"{slot}type", self.braced(role))
            self.placed.add(variable)

    def add_language(self) -> None:
        language = cast(Mapping[str, Any], self.item).get("language")
        if language in (None, ""):
            return
        value = str(language)
        name = self.field_for("language") or language_field(value)
        raw = (self.custom.get("bibtex_raw") or {}).get("language")
        tag = _biblatex.language_tag(value)
        raw_tag = _biblatex.language_tag(raw) if isinstance(raw, str) else None
        if raw_tag is not None and name == "langid":
            raw_tag = _biblatex.variant_tag(raw_tag, self.extra.get("langidopts", ""))
        if raw_tag == value:
            self.put(name, self.braced(str(raw)))  # the input's spelling ("American")
        elif _biblatex.language_name(value):
            self.put(name, self.braced(str(_biblatex.language_name(value))))
        elif tag is not None and tag != value:
            self.put(name, self.braced(self.text(value)))  # "English" stays text
        else:
            self.put(name, self.text(value))

    def mark_no_url(self) -> None:
        """An item without a URL whose eprint would give one on reading says so."""
        eprint = self.fields.get("eprint", "").strip("{}")
        kind = self.fields.get("eprinttype") or self.fields.get("archiveprefix") or ""
        url = _biblatex.eprint_url(_biblatex.canonical_eprinttype(kind), eprint)
        if url and self.biblatex and not self.item.get("URL") and "url" not in self.fields:
            self.fields[NO_URL_FIELD] = "{}"

    def add_publisher(self, bib_type: str) -> None:
        publisher = cast(Mapping[str, Any], self.item).get("publisher")
        if not publisher:
            return
        name = self.field_for("publisher") or _PUBLISHER_FIELD.get(bib_type, "publisher")
        if name in self.extra:
            name = "publisher"  # the type's own field holds something else (kept as is)
        self.put(name, self.text(publisher))

    def add_date(self) -> None:
        issued = self.item.get("issued")
        if not issued:
            return
        if issued.get("season"):
            self.put("season", self.text(issued["season"]))
        parts = issued.get("date-parts")
        if not parts or not parts[0]:
            if issued.get("literal"):
                self.put("year", self.text(issued["literal"]))
            elif issued.get("raw"):
                self.put("date", self.text(issued["raw"]))
            return
        first = parts[0]
        simple = len(parts) == 1 and "raw" not in issued
        if self.biblatex:
            rendered = self.date(issued)
            if rendered:
                self.put("date", self.braced(rendered))
            return
        self.put("year", self.braced(str(first[0])))
        if len(first) > 1:
            month = int(first[1])
            if 1 <= month <= 12:
                self.put("month", MONTHS[month - 1])
        if not simple or len(first) > 2:
            rendered = self.date(issued)
            if rendered:
                self.put("date", self.braced(rendered))

    def add_arxiv(self) -> None:
        arxiv = self.custom.get("arxiv_id")
        if not arxiv:
            return
        self.put("eprint", self.braced(str(arxiv)))
        if self.biblatex:
            self.put("eprinttype", "{arXiv}")
        else:
            self.put("archiveprefix", "{arXiv}")
        category = self.custom.get("arxiv_category")
        if category:
            self.put("eprintclass" if self.biblatex else "primaryclass", self.braced(str(category)))

    def add_custom(self) -> None:
        """``custom`` keys with no field of their own travel as JSON in one field."""
        handled = OWN_CUSTOM_KEYS | ({"arxiv_category"} if self.custom.get("arxiv_id") else set())
        rest = {k: v for k, v in self.custom.items() if k not in handled}
        if rest:
            value = self.braced(json.dumps(rest, ensure_ascii=False))
            self.carry(
                "custom", f"no field for custom {', '.join(sorted(rest))}", CUSTOM_FIELD, value
            )

    def carry(self, variable: str, why: str, name: str, value: str) -> None:
        """A carrier field only bibconv reads back (JSON, a CSL type): written with
        ``lossless``, else left out; the loss note says which."""
        if self.lossless:
            self.note(variable, f"{why}; kept in '{name}', which only bibconv reads back")
            self.put(name, value)
        else:
            self.note(variable, f"{why}; it is left out (--lossless keeps it in '{name}')")

    def add_generic(self) -> None:
        """CSL variables with no BibTeX field: a field of the same name keeps them."""
        item = cast(Mapping[str, Any], self.item)
        for variable, value in item.items():
            if variable in _WRITTEN_ELSEWHERE or variable in _BY_CSL or value in (None, "", []):
                continue
            if variable == "genre" or variable in self.fields or variable in self.placed:
                continue
            kept = f"no standard field; kept in the non-standard field '{variable}'"
            if variable.lower() in CSL_STRING_VARIABLES:
                self.note(variable, kept)
                self.put(variable, self.text(value))
            elif variable in CSL_NAME_VARIABLES_EXTRA and isinstance(value, list):
                self.note(variable, kept)
                self.put(variable, self.names(value))
            elif variable in CSL_DATE_VARIABLES_EXTRA and isinstance(value, dict):
                rendered = self.date(cast(CslDate, value))
                if rendered:
                    self.note(variable, kept)
                    self.put(variable, self.braced(rendered))
            else:
                self.note(variable, "no BibTeX field; written as a field of the same name")
                self.put(_field_name(variable), self.text(_stringify(value)))


def _reads_same(name: str, written: str, kept: str) -> bool:
    """Whether a written field value (``{...}`` or a month macro) and a kept expanded value
    read as the same CSL value: the same text, names or decoded text."""
    if written.startswith("{") and written.endswith("}"):
        text = written[1:-1]
    else:
        text = _bibsyntax.MONTH_MACROS.get(written.lower(), written)
    if text == kept:
        return True
    if name in _NAME_FIELDS:
        return parse_names(text) == parse_names(kept)
    return _latex.decode(text) == _latex.decode(kept)


def _inherited_names(inherited: Iterable[str], own: frozenset[str]) -> list[str]:
    """Canonical names, sorted: the same whichever dialect or order they came in.

    The date fields fold into "date" only when the whole date came from the parent;
    an entry with its own year that inherits a month says just "month".
    """
    whole_date = not own & _DATE_FIELDS
    names = {
        "date" if whole_date and name in _DATE_FIELDS else _CANONICAL.get(name, name)
        for name in inherited
    }
    return sorted(names)


def _present(fields: Mapping[str, str], name: str) -> bool:
    """``name`` or one of its other-dialect spellings is among ``fields``."""
    return any(alias in fields for alias in _ALIASES.get(name, (name,)))


def _entry_type(bib_type: str, values: Mapping[str, str]) -> str:
    """The type an entry inherits as: a ``csl-type`` names it (e.g. a periodical)."""
    stated = values.get(TYPE_FIELD, "").strip()
    return default_type(stated) if stated in ITEM_TYPES else bib_type


_INHERIT_BIBTEX: Final = _bibinherit.Rules(False, _present, _ALIASES, _entry_type)
_INHERIT_BIBLATEX: Final = _bibinherit.Rules(True, _present, _ALIASES, _entry_type)


def _json_object(value: str) -> dict[str, Any] | None:
    try:
        loaded = _json.loads(value)
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def _date_part(position: int, value: int | str) -> str:
    try:
        number = int(value)
    except ValueError:
        return str(value)
    return f"{number:04d}" if position == 0 else f"{number:02d}"


def _field_name(variable: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:.+-]", "-", variable)


def _stringify(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


FORMAT: Final = Format(
    NAME, (".bib", ".bibtex"), read=read, write=write, description="BibTeX (.bib)"
)
BIBLATEX_FORMAT: Final = Format(
    BIBLATEX,
    (),
    read=read_biblatex,
    write=write_biblatex,
    description="BibLaTeX (.bib; date, journaltitle, location, eprinttype)",
)

__all__ = [
    "BIBLATEX_FORMAT",
    "CSL_TO_TYPE",
    "FIELD_MAP",
    "FIELD_ORDER",
    "FORMAT",
    "NAME",
    "TYPE_MAP",
    "parse_date",
    "parse_name",
    "parse_names",
    "read",
    "read_biblatex",
    "read_entries",
    "write",
    "write_biblatex",
]
