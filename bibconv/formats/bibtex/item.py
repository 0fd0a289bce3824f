"""One BibTeX/BibLaTeX entry -> one CSL item (the ``Mapper``): its fields' first values
(repeats kept), crossref/xdata inheritance, the type, and the field passes whose CSL home
depends on the rest of the entry (titles with their parts, number/issue, editor roles,
language, eprints, publisher-like fields, the date from year/month/day or date); every
other field through the table's converters (``values.py``), unmapped ones kept in
``custom.bibtex``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, cast

from bibconv._vocab import ARXIV_VALUE
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats.bibtex import biblatex as _biblatex
from bibconv.formats.bibtex import (
    case_protection,
    latex,
    syntax,
)
from bibconv.formats.bibtex import inherit as _bibinherit
from bibconv.formats.bibtex import sentence_case as _sentence_case
from bibconv.formats.bibtex.mapping import (
    _ALIASES,
    _ARTICLE_TYPES,
    _BY_FIELD,
    _CHAPTER_TYPES,
    _HOWPUBLISHED_TYPES,
    _MAINTITLE_TYPES,
    _NAME_FIELDS,
    _PARTS_OF,
    _PUBLISHER_FIELD,
    _READ_ALIASES,
    _SUBTYPES,
    BIBSTRING,
    CSL_DATE_VARIABLES_EXTRA,
    CSL_NAME_VARIABLES_EXTRA,
    CSL_STRING_VARIABLES,
    CUSTOM_FIELD,
    NO_URL_FIELD,
    NUMBER_FIELD,
    PATENT_PLACE_FIELD,
    TYPE_FIELD,
    container_field,
    default_type,
    language_field,
    number_home,
    read_type,
    writer_type,
)
from bibconv.formats.bibtex.names import parse_names
from bibconv.formats.bibtex.values import (
    CONVERTERS,
    READERS,
    YEAR,
    agrees,
    date_or_literal,
    json_object,
    json_strings,
    parse_date,
    parse_month,
    verbatim,
)
from bibconv.model import ITEM_TYPES, NAME_VARIABLES, CslItem


def located(
    severity: Severity, code: str, message: str, doc: syntax.Document, offset: int
) -> Diagnostic:
    # The document builds its line index only now: a clean file never pays for it.
    return Diagnostic(severity, code, message, doc.index.location(offset))


class Mapper:
    """Maps one entry's fields to a CSL item."""

    def __init__(
        self,
        entry: syntax.Entry,
        doc: syntax.Document,
        diagnostics: list[Diagnostic] | None,
        parents: Mapping[str, syntax.Entry],
        biblatex: bool,
    ) -> None:
        self.entry = entry
        self.doc = doc
        self.diagnostics = diagnostics  # None: none wanted (and no line index built)
        self.parents = parents
        self.biblatex = biblatex
        self.inherited: frozenset[str] = frozenset()
        self.sentence_case = False  # --sentence-case: English titles to sentence case
        self.resolved_parents: dict[tuple[str, int], dict[str, str]] = {}  # see resolved()
        self.consumed: set[str] = set()
        self.useprefix: bool | None = None
        # field -> CSL values made from it by the passes before the field loop
        self.pending: dict[str, list[tuple[str, Any]]] = {}

    def warn(self, code: str, message: str, offset: int) -> None:
        """A warning at ``offset``, when diagnostics are wanted."""
        if self.diagnostics is not None:
            self.diagnostics.append(located(Severity.WARNING, code, message, self.doc, offset))

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
                self.warn(
                    "bib.duplicate-field",
                    f"field '{fld.name}' repeated in '{self.entry.key}'; the first value is "
                    "used, the others are kept in custom.bibtex_duplicates",
                    fld.name_offset,
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
                self.warn(  # bib.missing-crossref is check's code too
                    f"bib.missing-{kind}",
                    f"{kind} '{key}' of '{self.entry.key}' names no entry in this input",
                    self.entry.key_offset,
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
            self.defer("location", "jurisdiction", CONVERTERS[BIBSTRING](location))
            consumed.add("location")
        place = _text_of(fields, PATENT_PLACE_FIELD)
        if place is not None:  # the --lossless carrier of a BibLaTeX patent's place
            self.defer(PATENT_PLACE_FIELD, "publisher-place", latex.decode(place))
            consumed.add(PATENT_PLACE_FIELD)
        readers = READERS
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
                    item[variable] = latex.decode(value)
                    continue
            elif row is None and name in CSL_NAME_VARIABLES_EXTRA and name not in item:
                item[name] = parse_names(value, self.useprefix)
                continue
            elif name == "categories" and name not in item:
                # CSL's one list-of-strings variable: the writer gives it as JSON
                categories = json_strings(latex.decode(value, markup=False))
                if categories is not None:
                    item[name] = categories
                    continue
            elif row is None and name in CSL_DATE_VARIABLES_EXTRA and name not in item:
                item[name] = date_or_literal(value)
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
                latex.decode(value)
                if name == "note"
                else self.protected_text(name, value, custom, protect=name == "title")
            )
            parts: list[tuple[str, str]] = []
            for separator, part in _PARTS_OF.get(name, ()):
                raw = fields.get(part)
                if raw is not None and raw.strip(" \t\n\r{}"):
                    parts.append((separator, latex.decode(raw)))
                    custom.setdefault("bibtex_parts", {})[part] = raw
                    consumed.add(part)
            self.defer(name, variable, _biblatex.join_parts([("", main), *parts]))
            consumed.add(name)
            if variable == "volume-title" and name == "title" and _has_text(fields, "shorttitle"):
                # a volume's shorttitle abbreviates the volume's title, not the work's
                self.defer("shorttitle", "volume-title-short", latex.decode(fields["shorttitle"]))
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
            self.defer("addendum", "note", latex.decode(addendum))  # alone, it is the note
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
            joined = [("", latex.decode(number)), (",", latex.decode(issue))]
            self.defer("number", "issue", _biblatex.join_parts(joined))
            custom.setdefault("bibtex_parts", {})["issue"] = issue
            return {"number", "issue"}
        if number is not None:
            self.defer("number", home, latex.decode(number))
            consumed.add("number")
        if issue is not None:
            self.defer("issue", "issue", latex.decode(issue))
            consumed.add("issue")
        escaped = _text_of(fields, NUMBER_FIELD)
        if escaped is not None and home != "number":
            self.defer(NUMBER_FIELD, "number", latex.decode(escaped))
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
            value = tag or latex.decode(raw)
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
            kept = json_object(value)
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
            item["publisher"] = latex.decode(value)
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
        text = latex.decode(value)
        if "{" not in value or name in self.inherited:  # the parent keeps its own braces
            return text
        protected = case_protection.protected_words(value)
        if protected != case_protection.protected_words(
            case_protection.as_written(text, title=protect)
        ) and protected != case_protection.protected_words(
            # as --ascii writes it: '{\"u}', '{\char"00BD}' are no protection
            case_protection.as_written(text, title=protect, ascii=True)
        ):
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
        eprint = verbatim(fields["eprint"])
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
                item["issued"]["season"] = latex.decode(season)
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
                    if name in fields and not agrees(name, fields[name], parsed):
                        extra[name] = fields[name]
                return
            if "year" not in fields:
                # A date BibLaTeX cannot parse either ("circa 1850"): CSL's raw date.
                item["issued"] = {"raw": latex.decode(date_value)}
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
        year_text = latex.decode(year)
        if not YEAR.fullmatch(year_text):
            item["issued"] = {"literal": year_text}
            if month is not None:
                extra["month"] = month
            if day is not None:
                extra["day"] = day
            return
        # (Past a plain year, a month that reads as a number gives the item that number
        # alone, not its text: read_alike_but_for_month relies on it.)
        parts: list[int | str] = [int(year_text)]
        month_number = parse_month(month) if month is not None else None
        if month is not None and month_number is None:
            extra["month"] = month
        if month_number is not None:
            parts.append(month_number)
            if day is not None and day.strip().isdecimal() and 1 <= int(day) <= 31:
                parts.append(int(day))
            elif day is not None:
                extra["day"] = day
        elif day is not None:
            extra["day"] = day
        item["issued"] = {"date-parts": [parts]}


def read_alike_but_for_month(x: syntax.Entry, y: syntax.Entry) -> bool:
    """Whether entries ``x`` and ``y`` are known to read to one item without reading them:
    alike but for a month that both read as the same number, when that number is all of
    the month that reaches the item.

    That is when they have one type, key and fields, in order, with the same values but
    for one month field, and their own plain year and no date field (``map_issued`` then
    keeps the month's number, not its text), and nothing to inherit (no crossref or
    xdata field). So ``{Jan}``, ``jan`` and ``1`` read alike there: check --fix's meaning
    guard need not read them. (Entries inheriting from them get the month as written:
    those are read.)
    """
    if x.type != y.type or x.key != y.key or len(x.fields) != len(y.fields):
        return False
    months: list[tuple[str, str]] = []
    year: str | None = None
    for a, b in zip(x.fields, y.fields, strict=True):
        name = a.name
        if name != b.name:
            return False
        if name == "month":
            months.append((a.value, b.value))
        elif a.value != b.value or name in _DATE_OR_PARENTS:
            return False
        elif name == "year" and year is None:
            year = a.value
    if len(months) != 1 or year is None or not YEAR.fullmatch(latex.decode(year)):
        return False  # (a second month is kept as written: custom.bibtex_duplicates)
    number = parse_month(months[0][0])
    return number is not None and number == parse_month(months[0][1])


#: A date, or parents to inherit from: with any of these, an entry's month may reach its
#: item as written (read_alike_but_for_month).
_DATE_OR_PARENTS: Final = frozenset({"date", "crossref", "xdata"})


# Fields whose CSL home depends on the entry (handled by Mapper.map_special).
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


_CONTAINER_FIELDS: Final = frozenset({"journal", "journaltitle", "booktitle"})


_INITIALS: Final = re.compile(r"(?:^|,)\s*(?:given|family|prefix|suffix)-i\s*=")


def _text_of(fields: Mapping[str, str], name: str) -> str | None:
    """The field's value if it has any text (an empty field is kept as is elsewhere)."""
    value = fields.get(name)
    return value if value is not None and value.strip(" \t\n\r{}") else None


def _has_text(fields: Mapping[str, str], name: str) -> bool:
    return _text_of(fields, name) is not None


def _eprint_type(fields: Mapping[str, str]) -> str:
    return fields.get("eprinttype") or fields.get("archiveprefix") or ""


_CANONICAL: Final[dict[str, str]] = {
    "journaltitle": "journal",
    "location": "address",
    "annotation": "annote",
}


_DATE_FIELDS: Final = frozenset({"year", "month", "day", "date"})


def _is_arxiv(fields: Mapping[str, str]) -> bool:
    """An arXiv eprint: archivePrefix/eprinttype says so, or there is none and the id fits."""
    eprint = fields.get("eprint", "").strip()
    prefix_field = "archiveprefix" if "archiveprefix" in fields else "eprinttype"
    prefix = fields.get(prefix_field, "").strip("{} ").lower()
    return bool(eprint) and (
        prefix == "arxiv" or (not prefix and bool(ARXIV_VALUE.fullmatch(eprint)))
    )


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
