"""refer / EndNote tagged (``.enw``, ``.refer``): ``%A``, ``%T``, ... lines, read and written.

A record is a run of lines ``%X value`` (one character after ``%``, then a space); a line
without ``%`` continues the field above; a blank line ends the record. Tags mean what
EndNote's tagged import says (``%0`` the reference type, ``%R`` the DOI, ``%8`` the
date, ``%@`` ISBN/ISSN); the classic refer tags (``%A %B %C %D %E %I %J %K %N %P %S %T
%V %X``) mean the same there. A classic refer ``%R`` that is no DOI is a report number.

``ENDNOTE_TYPES`` is EndNote's table of reference types (name, EndNote XML number, CSL
type); the EndNote XML module uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, NamedTuple

from bibconv.diagnostics import Diagnostic, warning
from bibconv.formats import _tagged
from bibconv.formats._tagged import Field
from bibconv.formats.ris import clean_doi, parse_date, parse_name
from bibconv.formats.ris.dates import looks_like_date
from bibconv.formats.ris.identifiers import serial_kind
from bibconv.formats.ris.names import format_name
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, cannot_hold, unheld
from bibconv.model import DATE_VARIABLES, NAME_VARIABLES, CslItem, single_date_parts
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "refer"
LABEL: Final = "refer/EndNote tagged"


class EndNoteType(NamedTuple):
    name: str  # as EndNote names it (``%0``, ``<ref-type name=...>``)
    number: int  # EndNote XML's ``<ref-type>`` number
    csl: str


#: EndNote's reference types. Reading takes the row of the name (or number); writing
#: takes the first row of the CSL type.
ENDNOTE_TYPES: Final[tuple[EndNoteType, ...]] = tuple(
    EndNoteType(*row)
    for row in (
        ("Journal Article", 17, "article-journal"),
        ("Book", 6, "book"),
        ("Edited Book", 28, "book"),
        ("Electronic Book", 44, "book"),
        ("Book Section", 5, "chapter"),
        ("Electronic Book Section", 60, "chapter"),
        ("Conference Proceedings", 10, "paper-conference"),
        ("Conference Paper", 47, "paper-conference"),
        ("Thesis", 32, "thesis"),
        ("Report", 27, "report"),
        ("Government Document", 46, "report"),
        ("Web Page", 12, "webpage"),
        ("Electronic Article", 43, "article"),
        ("Newspaper Article", 23, "article-newspaper"),
        ("Magazine Article", 19, "article-magazine"),
        ("Patent", 25, "patent"),
        ("Manuscript", 36, "manuscript"),
        ("Unpublished Work", 34, "manuscript"),
        ("Computer Program", 9, "software"),
        ("Dataset", 59, "dataset"),
        ("Film or Broadcast", 21, "motion_picture"),
        ("Map", 20, "map"),
        ("Statute", 31, "legislation"),
        ("Bill", 4, "bill"),
        ("Case", 7, "legal_case"),
        ("Hearing", 14, "hearing"),
        ("Legal Rule or Regulation", 50, "regulation"),
        ("Personal Communication", 26, "personal_communication"),
        ("Encyclopedia", 53, "entry-encyclopedia"),
        ("Dictionary", 52, "entry-dictionary"),
        ("Figure", 37, "figure"),
        ("Chart or Table", 38, "figure"),
        ("Artwork", 2, "graphic"),
        ("Blog", 56, "post-weblog"),
        ("Standard", 58, "standard"),
        ("Serial", 57, "periodical"),
        ("Pamphlet", 24, "pamphlet"),
        ("Classical Work", 49, "classic"),
        ("Music", 61, "musical_score"),
        ("Online Multimedia", 48, "post"),
        ("Generic", 13, "document"),
    )
)
GENERIC: Final = ENDNOTE_TYPES[-1]
_BY_NAME: Final = {t.name.lower(): t for t in ENDNOTE_TYPES}
_BY_CSL: Final[dict[str, EndNoteType]] = {}
for _row in ENDNOTE_TYPES:
    _BY_CSL.setdefault(_row.csl, _row)


def endnote_type(name: str) -> EndNoteType | None:
    return _BY_NAME.get(" ".join(name.split()).lower())


def endnote_type_for(csl_type: str) -> EndNoteType:
    """The EndNote type a CSL type is written as (Generic when none fits)."""
    return _BY_CSL.get(csl_type, GENERIC)


#: Where the same CSL variable has a type-dependent EndNote home: the container title
#: of these types is ``%J`` (a periodical), of all others ``%B``.
PERIODICAL_TYPES: Final = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "article", "post-weblog"}
)
#: Types whose ``number`` (not ``issue``) is ``%N``.
NUMBERED_TYPES: Final = frozenset({"report", "patent", "bill", "legislation", "standard"})

#: Tag -> CSL text variable, both ways (``%J``/``%B``, ``%N``, ``%R``, ``%@`` and the
#: names and dates are decided in code below).
TEXT_TAGS: Final[dict[str, str]] = {
    "T": "title",
    "S": "collection-title",
    "I": "publisher",
    "C": "publisher-place",
    "V": "volume",
    "P": "page",
    "7": "edition",
    "6": "number-of-volumes",
    "U": "URL",
    "X": "abstract",
    "Z": "note",
    "G": "language",
    "!": "title-short",
    "9": "genre",
    "L": "call-number",
    "~": "source",
    "&": "section",
    "F": "id",
}
NAME_TAGS: Final[dict[str, str]] = {
    "A": "author",
    "E": "editor",
    "Y": "collection-editor",
    "?": "translator",
}
_PROSE: Final = frozenset({"X", "Z"})  # continuation lines keep their line breaks
_TAG_LINE: Final = re.compile(r"%(\S) ?(.*)")


def read(text: str, options: ReadOptions) -> Parsed:
    return _tagged.read(text, options, _SYNTAX, item_from_fields)


def _continued(line: str, tagged: re.Match[str] | None, last: Field) -> str | None:
    """A line that is no ``%X`` line continues the field before; prose keeps its breaks."""
    if tagged is not None:
        return None
    joint = "\n" if last.tag in _PROSE else " "
    return f"{last.value}{joint}{line.strip()}"


_SYNTAX: Final = _tagged.Syntax(
    _TAG_LINE, _continued, "refer.not-a-tag", "a line '%X value' (e.g. '%T A title')"
)


def item_from_fields(fields: list[Field], problems: list[Diagnostic]) -> CslItem:
    """One record's fields -> a CSL item (id empty unless %F gives one); problems appended."""
    by_tag: dict[str, list[Field]] = {}
    for f in fields:
        by_tag.setdefault(f.tag, []).append(f)
    item: dict[str, Any] = {"id": "", "type": _csl_type(by_tag)}
    custom: dict[str, list[str]] = {}
    for tag, variable in TEXT_TAGS.items():
        values = [f.value for f in by_tag.pop(tag, [])]
        if values:
            item[variable] = values[0]
            if len(values) > 1:
                custom[tag] = values[1:]
    for tag, variable in NAME_TAGS.items():
        names = [n for n in (parse_name(f.value) for f in by_tag.pop(tag, [])) if n]
        if names:
            item[variable] = names
    if item["type"] == "book" and _is_edited_book(by_tag) and "editor" not in item:
        item["editor"] = item.pop("author", [])
    _read_epub_date(item)
    _read_container(item, by_tag)
    _read_number(item, by_tag)
    _read_identifiers(item, by_tag, custom)
    problems.extend(_read_dates(item, by_tag, custom))
    keywords = [w for f in by_tag.pop("K", []) for w in f.value.splitlines() if w.strip()]
    if keywords:
        item["keyword"] = ", ".join(w.strip() for w in keywords)
    by_tag.pop("0", None)
    for tag, rest in by_tag.items():
        custom.setdefault(tag, []).extend(f.value for f in rest)
    if custom:
        item["custom"] = {"refer": custom}
    return item  # type: ignore[return-value]  # built key by key


def _csl_type(by_tag: dict[str, list[Field]]) -> str:
    named = by_tag.get("0")
    if named:
        row = endnote_type(named[0].value)
        return row.csl if row else GENERIC.csl
    # Classic refer has no type: the fields tell, as bibutils and refer's styles read them.
    if "J" in by_tag:
        return "article-journal"
    if "B" in by_tag:
        return "chapter"
    if "R" in by_tag and not any(_is_doi(f.value) for f in by_tag["R"]):
        return "report"
    if "I" in by_tag:
        return "book"
    return GENERIC.csl


def _read_epub_date(item: dict[str, Any]) -> None:
    """EndNote's journal types label ``%7`` "Epub Date" (as RIS's ``ET``): a date there
    is ``available-date``, not an edition."""
    edition = item.get("edition")
    if item["type"] in PERIODICAL_TYPES and isinstance(edition, str) and looks_like_date(edition):
        item["available-date"], _ = parse_date(item.pop("edition"))


def _is_edited_book(by_tag: dict[str, list[Field]]) -> bool:
    named = by_tag.get("0") or []
    return bool(named) and named[0].value.strip().lower() == "edited book"


def _read_container(item: dict[str, Any], by_tag: dict[str, list[Field]]) -> None:
    journal, book = by_tag.pop("J", []), by_tag.pop("B", [])
    first, second = (journal, book) if item["type"] in PERIODICAL_TYPES else (book, journal)
    if first or second:
        item["container-title"] = (first or second)[0].value
    if first and second:  # a journal name beside a book title: the other is the event
        item["event-title"] = second[0].value


def _read_number(item: dict[str, Any], by_tag: dict[str, list[Field]]) -> None:
    numbers = by_tag.pop("N", [])
    if numbers:
        item["number" if item["type"] in NUMBERED_TYPES else "issue"] = numbers[0].value


def _is_doi(text: str) -> bool:
    return clean_doi(text).startswith("10.")


def _read_identifiers(
    item: dict[str, Any], by_tag: dict[str, list[Field]], custom: dict[str, list[str]]
) -> None:
    for f in by_tag.pop("R", []):
        if _is_doi(f.value) and "DOI" not in item:
            item["DOI"] = clean_doi(f.value)
        elif not _is_doi(f.value) and "number" not in item:
            item["number"] = f.value  # classic refer: the report number
        else:
            custom.setdefault("R", []).append(f.value)
    for f in by_tag.pop("@", []):
        kind = serial_kind(f.value)
        if kind in ("ISBN", "ISSN") and kind not in item:
            item[kind] = f.value
        else:
            custom.setdefault("@", []).append(f.value)


def _read_dates(
    item: dict[str, Any], by_tag: dict[str, list[Field]], custom: dict[str, list[str]]
) -> list[Diagnostic]:
    """``%D`` the year (or a whole date), ``%8`` the date (``March 3``, ``2020-03-04``),
    ``%[`` the access date."""
    problems: list[Diagnostic] = []
    years, days = by_tag.pop("D", []), by_tag.pop("8", [])
    text = years[0].value if years else ""
    if days:
        day = days[0].value
        text = day if re.search(r"\d{4}", day) else f"{day} {text}".strip()
    if text:
        where = (days or years)[0].location
        date, problem = parse_date(text)
        if problem and years and days:  # the %8 text is no date: keep it, date by %D
            custom["8"] = [days[0].value]
            date, problem = parse_date(years[0].value)
        item["issued"] = date
        if problem:
            problems.append(warning("refer.bad-date", f"%D/%8: {problem}", where))
    for f in by_tag.pop("[", []):
        date, problem = parse_date(f.value)
        if problem:
            custom.setdefault("[", []).append(f.value)
        elif "accessed" not in item:
            item["accessed"] = date
    return problems


# Writing ------------------------------------------------------------------------------

#: Every CSL variable the writer has a tag for: all but ``LOSSES["refer"]``.
HELD: Final = frozenset({*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES}) - LOSSES[NAME]


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """One record per item, blank line between; EndNote's tag order."""
    del options  # no carriers: refer has no place only bibconv reads
    records: list[str] = []
    notes: list[Diagnostic] = []
    for item in items:
        records.append("".join(f"%{tag} {_escaped(value)}\n" for tag, value in tags_of(item)))
        notes.extend(_loss_notes(item))
    return Written("\n".join(records), notes)


def tags_of(item: CslItem) -> list[tuple[str, str]]:
    """The (tag, value) lines of one item, in EndNote's order (custom.refer tags last)."""
    data: dict[str, Any] = dict(item)
    csl_type = str(data.get("type", ""))
    tags: list[tuple[str, str]] = [("0", endnote_type_for(csl_type).name)]
    for tag, variable in NAME_TAGS.items():
        for name in data.get(variable) or []:
            if isinstance(name, dict) and format_name(name):  # type: ignore[arg-type]
                tags.append((tag, format_name(name)))  # type: ignore[arg-type]
    tags.extend(_text(data, "T", "title"))
    container = "J" if csl_type in PERIODICAL_TYPES else "B"
    tags.extend(_text(data, container, "container-title"))  # no place for 'event-title'
    tags.extend(_dates(data))
    for tag in ("S", "I", "C", "V"):
        tags.extend(_text(data, tag, TEXT_TAGS[tag]))
    tags.extend(_text(data, "N", "number" if csl_type in NUMBERED_TYPES else "issue"))
    for tag in ("P", "7", "6"):
        tags.extend(_text(data, tag, TEXT_TAGS[tag]))
    tags.extend(_text(data, "@", "ISBN") + _text(data, "@", "ISSN") + _text(data, "R", "DOI"))
    if csl_type not in NUMBERED_TYPES and "number" in data:
        tags.extend(_text(data, "R", "number"))
    for tag in ("U", "K", "X", "Z", "G", "!", "9", "L", "~", "&", "F"):
        if tag == "K":
            tags.extend(("K", w) for w in re.split(r",\s*", str(data.get("keyword", ""))) if w)
        else:
            tags.extend(_text(data, tag, TEXT_TAGS[tag]))
    accessed = _date_text(data.get("accessed"))
    if accessed:
        tags.append(("[", accessed))
    own = data.get("custom", {}).get("refer", {}) if isinstance(data.get("custom"), dict) else {}
    for tag, values in own.items() if isinstance(own, dict) else ():
        if len(str(tag)) == 1:  # refer tags are one character
            listed = values if isinstance(values, list) else [values]
            tags.extend((str(tag), str(v)) for v in listed)
    return tags


def _escaped(value: str) -> str:
    """A continuation line starting with '%' would read as a tag: it is indented (the
    reader strips the space)."""
    return value.replace("\n%", "\n %")


def _text(data: dict[str, Any], tag: str, variable: str) -> list[tuple[str, str]]:
    value = data.get(variable)
    if value is None or value == "":
        return []
    text = str(value)
    if tag not in _PROSE:
        text = " ".join(text.split())
    # A blank line would end a refer record: prose keeps its other line breaks.
    text = "\n".join(line for line in text.split("\n") if line.strip())
    return [(tag, text)]


def _dates(data: dict[str, Any]) -> list[tuple[str, str]]:
    issued = data.get("issued")
    parts = single_date_parts(issued)
    if parts:
        year = [("D", str(parts[0]))]
        return year + ([("8", _date_text(issued))] if len(parts) > 1 else [])  # type: ignore[list-item]
    if isinstance(issued, dict) and isinstance(issued.get("literal") or issued.get("raw"), str):
        return [("D", str(issued.get("literal") or issued.get("raw")))]
    return []


def _date_text(date: Any) -> str | None:
    """``YYYY-MM-DD`` (as far as known) for a single plain date."""
    parts = single_date_parts(date)
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _loss_notes(item: CslItem) -> list[Diagnostic]:
    data: dict[str, Any] = dict(item)
    notes = [
        cannot_hold(data, LABEL, "refer.cannot-hold", key)
        for key in unheld(data, HELD | {"type", "issued", "custom.refer"})
    ]
    return notes + value_notes(data, LABEL, "refer.cannot-hold")


def value_notes(data: dict[str, Any], label: str, code: str) -> list[Diagnostic]:
    """Notes on values the EndNote fields cannot hold exactly: a date range, season or
    uncertain date; an issue beside a number; a type with no EndNote type."""
    notes: list[Diagnostic] = []
    issued = data.get("issued")
    literal = isinstance(issued, dict) and set(issued) <= {"literal", "raw"}
    if issued is not None and single_date_parts(issued) is None and not literal:
        why = f"{label} cannot hold 'issued' exactly (one plain date: year, month, day)"
        notes.append(cannot_hold(data, label, code, "issued", why))
    if "number" in data and "issue" in data and data.get("type") in NUMBERED_TYPES:
        notes.append(cannot_hold(data, label, code, "issue"))
    if endnote_type_for(str(data.get("type", ""))) is GENERIC and data.get("type") != GENERIC.csl:
        why = f"{label} has no type for {data.get('type')!r} (written as {GENERIC.name})"
        notes.append(cannot_hold(data, label, code, "type", why))
    return notes


FORMAT: Final = Format(
    NAME,
    (".enw", ".refer"),
    read=read,
    write=write,
    description="refer / EndNote tagged (%A, %T, ...)",
)
