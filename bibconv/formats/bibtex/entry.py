"""One CSL item -> one BibTeX/BibLaTeX entry: fields in FIELD_ORDER, values encoded by the
LaTeX layer, and a note (or a ``csl-*`` carrier, with ``--lossless``) for what a field cannot
hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats.bibtex import (
    biblatex as _biblatex,
)
from bibconv.formats.bibtex import (
    case_protection,
    fieldorder,
    latex,
    syntax,
)
from bibconv.formats.bibtex import keep as _bibkeep
from bibconv.formats.bibtex import (
    names as _bibnames,
)
from bibconv.formats.bibtex.mapping import (
    _ALIASES,
    _ARTICLE_TYPES,
    _BY_CSL,
    _CHAPTER_TYPES,
    _MAINTITLE_TYPES,
    _NAME_FIELDS,
    _PARTS_OF,
    _PUBLISHER_FIELD,
    _SUBTYPES,
    BIBLATEX,
    BIBSTRING,
    CSL_DATE_VARIABLES_EXTRA,
    CSL_NAME_VARIABLES_EXTRA,
    CSL_STRING_VARIABLES,
    CUSTOM_FIELD,
    DATE,
    MONTHS,
    NAME,
    NAMES,
    NO_URL_FIELD,
    NUMBER_FIELD,
    OWN_CUSTOM_KEYS,
    PAGES,
    PATENT_PLACE_FIELD,
    TITLE,
    TYPE_FIELD,
    VERBATIM,
    container_field,
    language_field,
    number_home,
    read_type,
    writer_type,
)
from bibconv.formats.bibtex.names import parse_names
from bibconv.model import CslDate, CslItem, CslName, current_names
from bibconv.protocols import WriteOptions

_OTHER_SPELLING: Final[dict[str, str]] = {
    "address": "location",
    "location": "address",
    "journal": "journaltitle",
    "journaltitle": "journal",
    "annote": "annotation",
    "annotation": "annote",
}


_PAGE_DASH: Final = re.compile(r"\s*[-–—]+\s*")


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


class EntryWriter:
    """Renders one CSL item as one entry."""

    def __init__(
        self, item: CslItem, options: WriteOptions, biblatex: bool, notes: list[Diagnostic]
    ) -> None:
        self.item = current_names(item)
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
        ordered = sorted(self.fields.items(), key=lambda kv: fieldorder.rank(kv[0].lower()))
        key = str(item["id"])
        # A '}' in a key would close a braced entry; BibTeX allows it in a parenthesised one.
        opener, closer = ("(", ")") if "}" in key else ("{", "}")
        lines = [f"@{bib_type}{opener}{key},"]
        lines.extend(f"  {name} = {value}," for name, value in ordered)
        for name, value in self.custom.get("bibtex_duplicates") or ():
            lines.append(f"  {name} = {{{value}}},")
        lines.append(closer)
        entry = "\n".join(lines) + "\n"
        if "\0" in entry:  # a NUL makes the file binary to every program (our reader too)
            self.note("a NUL character", "no text file holds one; it is left out")
            entry = entry.replace("\0", "")
        return entry

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
        return self.braced(case_protection.as_written(str(value), title=title, ascii=self.ascii))

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
            # (read back LaTeX-decoded, like any text: "''" is a closing quote)
            return (
                case_protection.as_written(str(literal), title=False, ascii=self.ascii)
                if literal
                else None
            )
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
            if name == "location" and self.bib_type == "patent":
                self.add_patent_place(value)  # a patent's location is its jurisdiction
                continue
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

    def add_patent_place(self, value: Any) -> None:
        """BibLaTeX's @patent has no place of publication: ``location`` is the country."""
        why = "a @patent's 'location' is its jurisdiction"
        self.carry("publisher-place", why, PATENT_PLACE_FIELD, self.text(value))

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
        if isinstance(raw, str) and latex.decode(raw) == value:
            return self.braced(raw)
        return None

    def pages(self, value: str) -> str:
        # A range dash of any kind is BibTeX's "--" (put in after encoding, which would
        # otherwise keep two hyphens from forming a dash).
        encoded = latex.encode(_PAGE_DASH.sub("\x00", value), ascii=self.ascii)
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
        came from BibLaTeX (``custom.bibtex_parts``); see ``item.Mapper.title_plan``."""
        item = cast(Mapping[str, Any], self.item)
        container = self.field_for("container-title") or container_field(bib_type, biblatex=False)
        if self.biblatex and container == "journal":
            container = "journaltitle"
        plan = {"title": "title", "container-title": container}
        # A volume's title goes where the work's title would, the work's to maintitle; with
        # no work's title it is read back as the work's, so it keeps a field of its own.
        if item.get("volume-title"):
            if bib_type in _CHAPTER_TYPES and item.get("container-title"):
                plan.update({"container-title": "maintitle", "volume-title": container})
            elif bib_type in _ARTICLE_TYPES:
                plan["volume-title"] = "issuetitle"
            elif (
                bib_type in _MAINTITLE_TYPES
                and item.get("title")
                and not self.own_short("maintitle")
            ):
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
            decoded = [(separator, latex.decode(raw)) for separator, _, raw in parts]
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
        """The reverse of ``item.Mapper.map_numbers``."""
        item = cast(Mapping[str, Any], self.item)
        home = number_home(bib_type, str(item.get("type", "")))
        issue, number = item.get("issue"), item.get("number")
        series_number = item.get("collection-number")
        if home == "issue" and issue not in (None, ""):
            kept = (self.custom.get("bibtex_parts") or {}).get("issue")
            main = None
            if isinstance(kept, str):
                main = _biblatex.split_main(str(issue), [(",", latex.decode(kept))])
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
            month = int(first[1]) if str(first[1]).isdecimal() else 0  # '5', 5; not 'x', '²'
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
            value = self.braced(json.dumps(rest, ensure_ascii=self.ascii))  # \uXXXX: JSON's
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
        text = syntax.MONTH_MACROS.get(written.lower(), written)
    if text == kept:
        return True
    if name in _NAME_FIELDS:
        return parse_names(text) == parse_names(kept)
    return latex.decode(text) == latex.decode(kept)


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
