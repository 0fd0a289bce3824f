"""MODS XML (Library of Congress, v3), bibutils' hub format: read and written.

A file holds ``<modsCollection>`` of ``<mods>`` records, or one ``<mods>``, in the MODS
namespace (``http://www.loc.gov/mods/v3``; records without the namespace are read too).
An article's journal, a chapter's book and a paper's proceedings are a
``<relatedItem type="host">`` whose ``<part>`` holds volume, issue and pages, as bibutils
writes them; a series is ``<relatedItem type="series">``. The field map is in
docs/formats.md ("MODS"). Parsing is safe (``bibconv.formats._xml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace, tostring

from bibconv.diagnostics import Diagnostic, Location, ParseError, error
from bibconv.formats import _xml
from bibconv.formats.ris import clean_doi
from bibconv.keys import assign_ids
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, cannot_hold, unheld
from bibconv.model import DATE_VARIABLES, NAME_VARIABLES, CslItem, CslName
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "mods"
LABEL: Final = "MODS"
NAMESPACE: Final = "http://www.loc.gov/mods/v3"
_NS: Final = f"{{{NAMESPACE}}}"

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
_WRITTEN_ROLES: Final = {
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
_RANGE: Final = re.compile(r"\s*([-–—])\s*")
_W3CDTF: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")


def read(text: str, options: ReadOptions) -> Parsed:
    return _read(_xml.parse(text, options.path, "mods.syntax"), options)


def read_bytes(data: bytes, options: ReadOptions) -> Parsed:
    return _read(_xml.parse(data, options.path, "mods.syntax"), options)


def _read(root: Element, options: ReadOptions) -> Parsed:
    kind = _xml.local(root.tag)
    if kind not in ("modsCollection", "mods"):
        raise ParseError(
            error(
                "mods.not-records",
                f"expected MODS (<modsCollection> or <mods>), found <{kind}>",
                Location(options.path, 1, 1),
            )
        )
    records = [root] if kind == "mods" else _children(root, "mods")
    items = [_item(record) for record in records]
    assign_ids(items)
    diagnostics: list[Diagnostic] = []
    return Parsed(items, diagnostics)


def _children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [child for child in element if _xml.local(child.tag) == name]


def _child(element: Element | None, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: Element | None) -> str:
    return _xml.text_of(element)


def _item(record: Element) -> CslItem:
    item: dict[str, Any] = {"id": record.get("ID", "")}
    custom: dict[str, list[str]] = {}
    hosts = [r for r in _children(record, "relatedItem") if r.get("type") == "host"]
    host = hosts[0] if hosts else None
    item["type"] = _csl_type(record, host)
    _read_titles(record, item, "title", "title-short")
    _read_names(record, item, custom)
    _read_origin(record, item)
    _read_identifiers(record, item, custom)
    _read_parts(record, item)
    if host is not None:
        _read_host(host, item, custom)
    _read_series(record, item)
    _read_simple(record, item, custom)
    if item["type"] == "thesis" and not item.get("genre"):
        genre = next((g for g in _genres(record) if g not in ("thesis", "theses")), "")
        if genre:
            item["genre"] = _text_of_genre(record, genre)
    if custom:
        item["custom"] = {"mods": custom}
    return item  # type: ignore[return-value]  # built key by key


def _read_series(element: Element, item: dict[str, Any]) -> None:
    """``<relatedItem type="series">`` of the record or of its host: the collection."""
    for series in (r for r in _children(element, "relatedItem") if r.get("type") == "series"):
        title = _title(_child(series, "titleInfo"))
        if title and "collection-title" not in item:
            item["collection-title"] = title
            number = _text(_detail(_child(series, "part"), "volume"))
            if number:
                item["collection-number"] = number


def _genres(element: Element | None) -> list[str]:
    return [_text(g).lower() for g in _children(element, "genre")]


def _text_of_genre(record: Element, lowered: str) -> str:
    return next(_text(g) for g in _children(record, "genre") if _text(g).lower() == lowered)


def _csl_type(record: Element, host: Element | None) -> str:
    for genre in _genres(record):
        if genre in GENRES and not (genre == "article" and host is None):
            return GENRES[genre]
    if host is not None:
        issuance = _text(_child(_child(host, "originInfo"), "issuance")).lower()
        for genre in [*_genres(host), issuance]:
            if genre in HOST_GENRES:
                return HOST_GENRES[genre]
        return "chapter"
    issuance = _text(_child(_child(record, "originInfo"), "issuance")).lower()
    return "book" if issuance == "monographic" else "document"


def _title(info: Element | None) -> str:
    """``nonSort`` + ``title`` + ``: subTitle`` (+ ``. partName``), as printed."""
    if info is None:
        return ""
    title = " ".join(p for p in (_text(_child(info, "nonSort")), _text(_child(info, "title"))) if p)
    subtitle = _text(_child(info, "subTitle"))
    if subtitle:
        title = f"{title}: {subtitle}" if title else subtitle
    for part in ("partNumber", "partName"):
        text = _text(_child(info, part))
        if text:
            title = f"{title}. {text}" if title else text
    return title


def _read_titles(element: Element, item: dict[str, Any], main: str, short: str) -> None:
    for info in _children(element, "titleInfo"):
        kind = info.get("type")
        title = _title(info)
        if not title:
            continue
        if kind is None and main not in item:
            item[main] = title
        elif kind == "abbreviated" and short not in item:
            item[short] = title


def _read_names(element: Element, item: dict[str, Any], custom: dict[str, list[str]]) -> None:
    for name_element in _children(element, "name"):
        name = _name(name_element)
        if not name:
            continue
        roles = [_text(t).lower() for r in _children(name_element, "role") for t in r] or [""]
        role = roles[0]
        if role in ("degree grantor", "dgg"):
            item.setdefault("publisher", name.get("literal") or _name_text(name))
            continue
        variable = ROLES.get(role, "author" if not role else "")
        if variable:
            item.setdefault(variable, []).append(name)
        else:
            custom.setdefault(f"name[{role}]", []).append(_name_text(name))


def _name(element: Element) -> CslName:
    parts: dict[str, list[str]] = {}
    for part in _children(element, "namePart"):
        parts.setdefault(part.get("type") or "", []).append(_text(part))
    name: CslName = {}
    if parts.get("family"):
        name["family"] = " ".join(parts["family"])
    if parts.get("given"):
        name["given"] = " ".join(parts["given"])
    address = _text(_child(element, "termsOfAddress")) or " ".join(parts.get("termsOfAddress", []))
    if address and name:
        name["suffix"] = address
    untyped = " ".join(parts.get("", []))
    if untyped and not name:
        if element.get("type") in ("corporate", "conference") or "," not in untyped:
            return {"literal": untyped}
        family, _, given = untyped.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    return name


def _name_text(name: CslName) -> str:
    return name.get("literal") or ", ".join(p for p in (name.get("family"), name.get("given")) if p)


def _read_origin(element: Element, item: dict[str, Any]) -> None:
    for origin in _children(element, "originInfo"):
        for tag, variable in (("publisher", "publisher"), ("edition", "edition")):
            text = _text(_child(origin, tag))
            if text:
                item.setdefault(variable, text)
        for place in _children(origin, "place"):
            terms = [t for t in _children(place, "placeTerm") if t.get("type") != "code"]
            if terms:
                item.setdefault("publisher-place", _text(terms[0]))
        for tag, variable in (("dateIssued", "issued"), ("dateCaptured", "accessed")):
            date = _date(_text(_child(origin, tag)))
            if date:
                item.setdefault(variable, date)


def _date(text: str) -> dict[str, Any] | None:
    """A w3cdtf date (``2020``, ``2020-03``, ``2020-03-14``), else the text as a literal."""
    if not text:
        return None
    found = _W3CDTF.fullmatch(text)
    if found:
        return {"date-parts": [[int(p) for p in found.groups() if p]]}
    return {"literal": text}


def _read_identifiers(element: Element, item: dict[str, Any], custom: dict[str, list[str]]) -> None:
    for identifier in _children(element, "identifier"):
        kind = (identifier.get("type") or "").lower()
        value = _text(identifier)
        variable = IDENTIFIERS.get(kind)
        if not value:
            continue
        if variable == "id" and value == item["id"]:
            continue  # bibutils writes the citekey as the ID too
        if variable and (variable not in item or (variable == "id" and not item["id"])):
            item[variable] = clean_doi(value) if variable == "DOI" else value
        else:
            custom.setdefault(f"identifier[{kind}]", []).append(value)
    for location in _children(element, "location"):
        for url in _children(location, "url"):
            if _text(url):
                item.setdefault("URL", _text(url))


def _detail(part: Element | None, kind: str) -> Element | None:
    for detail in _children(part, "detail"):
        if detail.get("type") == kind:
            return _child(detail, "number") or _child(detail, "title") or detail
    return None


def _read_parts(element: Element, item: dict[str, Any]) -> None:
    for part in _children(element, "part"):
        for detail in _children(part, "detail"):
            variable = DETAILS.get(detail.get("type") or "")
            number = _text(_child(detail, "number")) or _text(detail)
            if variable and number:
                item.setdefault(variable, number)
        for extent in _children(part, "extent"):
            if extent.get("unit") not in (None, "page", "pages"):
                continue
            start, end = _text(_child(extent, "start")), _text(_child(extent, "end"))
            if start:
                item.setdefault("page", f"{start}-{end}" if end and end != start else start)
            total = _text(_child(extent, "total"))
            if total:
                item.setdefault("number-of-pages", total)
        date = _date(_text(_child(part, "date")))
        if date:
            item.setdefault("issued", date)


def _read_host(host: Element, item: dict[str, Any], custom: dict[str, list[str]]) -> None:
    _read_titles(host, item, "container-title", "container-title-short")
    for name_element in _children(host, "name"):
        name = _name(name_element)
        roles = [_text(t).lower() for r in _children(name_element, "role") for t in r] or [""]
        variable = ROLES.get(roles[0], "author")
        target = {"author": "container-author", "editor": "editor"}.get(variable, variable)
        if name:
            item.setdefault(target, []).append(name)
    _read_origin(host, item)
    _read_identifiers(host, item, custom)
    _read_parts(host, item)
    _read_series(host, item)


_SIMPLE: Final[dict[str, str]] = {
    "abstract": "abstract",
    "note": "note",
    "accessCondition": "license",
}
_READ_ELEMENTS: Final = frozenset(
    {"titleInfo", "name", "originInfo", "identifier", "location", "part", "relatedItem",
     "genre", "typeOfResource", "language", "subject", *_SIMPLE}
)  # fmt: skip


def _read_simple(record: Element, item: dict[str, Any], custom: dict[str, list[str]]) -> None:
    for tag, variable in _SIMPLE.items():
        texts = [_text(e) for e in _children(record, tag) if _text(e)]
        if texts:
            item[variable] = "\n".join(texts)
    language = _child(record, "language")
    terms = _children(language, "languageTerm")
    if terms:
        item["language"] = _text(terms[0])
    topics = [_text(t) for s in _children(record, "subject") for t in s if _text(t)]
    if topics:
        item["keyword"] = ", ".join(topics)
    for child in record:
        name = _xml.local(child.tag)
        if name not in _READ_ELEMENTS and _text(child):
            custom.setdefault(name, []).append(_text(child))


# Writing ------------------------------------------------------------------------------

#: Every CSL variable the writer has an element for: all but ``LOSSES["mods"]``.
HELD: Final = frozenset({*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES}) - LOSSES[NAME]


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """``<modsCollection>`` with one ``<mods ID="...">`` per item, bibutils' layout."""
    del options  # no carriers
    register_namespace("", NAMESPACE)
    root = Element(f"{_NS}modsCollection")
    notes: list[Diagnostic] = []
    for item in items:
        root.append(_record(dict(item)))
        notes.extend(_loss_notes(dict(item)))
    indent(root, space="  ")
    body = tostring(root, encoding="unicode")
    return Written(f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', notes)


def _el(parent: Element, tag: str, text: str | None = None, **attributes: str) -> Element:
    element = SubElement(parent, f"{_NS}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _record(item: dict[str, Any]) -> Element:
    record = Element(f"{_NS}mods", {"ID": str(item.get("id", ""))})
    csl_type = str(item.get("type", ""))
    genre, authority, host_genre = WRITTEN_GENRES.get(csl_type, ("", "", ""))
    in_host = bool(host_genre) or "container-title" in item
    _write_title(record, item.get("title"), item.get("title-short"))
    _write_names(record, item, [v for v in _WRITTEN_ROLES if v != "editor" or not in_host])
    _write_origin(record, item, in_host)
    if genre:
        _el(record, "genre", genre, authority=authority)
    if item.get("genre"):
        _el(record, "genre", str(item["genre"]))
    if item.get("language"):
        _el(_el(record, "language"), "languageTerm", str(item["language"]), type="text")
    for tag, variable in _SIMPLE.items():
        if item.get(variable):
            _el(record, tag, str(item[variable]))
    for word in (w for w in re.split(r",\s*", str(item.get("keyword", ""))) if w):
        _el(_el(record, "subject"), "topic", word)
    if in_host:
        _write_host(record, item, host_genre)
    else:
        _write_part(record, item)
    if item.get("collection-title"):
        series = _el(record, "relatedItem", type="series")
        _write_title(series, item["collection-title"], None)
        if item.get("collection-number"):
            detail = _el(_el(series, "part"), "detail", type="volume")
            _el(detail, "number", str(item["collection-number"]))
    _el(record, "identifier", str(item.get("id", "")), type="citekey")
    for kind, variable in IDENTIFIERS.items():
        own = variable not in ("id", "URL") and not (in_host and variable == "ISSN")
        if own and item.get(variable):  # a journal's ISSN is the host's
            _el(record, "identifier", str(item[variable]), type=kind)
    if item.get("URL"):
        _el(_el(record, "location"), "url", str(item["URL"]))
    _write_kept(record, item)
    return record


_KEPT_KEY: Final = re.compile(r"(identifier|name)\[(.*)\]")


def _write_kept(record: Element, item: dict[str, Any]) -> None:
    """What the reader kept in ``custom.mods``: elements, identifiers, names by role."""
    custom = item.get("custom")
    kept = custom.get("mods") if isinstance(custom, dict) else None
    for key, values in (kept or {}).items() if isinstance(kept, dict) else ():
        for value in values if isinstance(values, list) else [values]:
            special = _KEPT_KEY.fullmatch(str(key))
            if special and special[1] == "identifier":
                _el(record, "identifier", str(value), type=special[2])
            elif special:
                _write_name(record, {"literal": str(value)}, special[2])
            elif re.fullmatch(r"[A-Za-z][\w.-]*", str(key)):
                _el(record, str(key), str(value))


def _write_title(parent: Element, title: Any, short: Any) -> None:
    if title:
        _el(_el(parent, "titleInfo"), "title", str(title))
    if short:
        _el(_el(parent, "titleInfo", type="abbreviated"), "title", str(short))


def _write_names(parent: Element, item: dict[str, Any], variables: Sequence[str]) -> None:
    for variable in variables:
        for name in item.get(variable) or []:
            if isinstance(name, dict):
                _write_name(parent, name, _WRITTEN_ROLES.get(variable, variable))


def _write_name(parent: Element, name: dict[str, Any], role: str) -> None:
    if "literal" in name:
        element = _el(parent, "name", type="corporate")
        _el(element, "namePart", str(name["literal"]))
    else:
        element = _el(parent, "name", type="personal")
        family = " ".join(
            str(p) for p in (name.get("non-dropping-particle"), name.get("family")) if p
        )
        given = " ".join(str(p) for p in (name.get("given"), name.get("dropping-particle")) if p)
        if given:
            _el(element, "namePart", given, type="given")
        if family:
            _el(element, "namePart", family, type="family")
        if name.get("suffix"):
            _el(element, "namePart", str(name["suffix"]), type="termsOfAddress")
    _el(_el(element, "role"), "roleTerm", role, authority="marcrelator", type="text")


def _w3cdtf(date: Any) -> str | None:
    if not isinstance(date, dict) or set(date) - {"date-parts"}:
        return None
    ranges = date.get("date-parts")
    if not (isinstance(ranges, list) and len(ranges) == 1 and isinstance(ranges[0], list)):
        return None
    parts = ranges[0]
    if not parts or not all(isinstance(p, int) for p in parts):
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _write_origin(record: Element, item: dict[str, Any], in_host: bool) -> None:
    origin = Element(f"{_NS}originInfo")
    issued = _w3cdtf(item.get("issued"))
    if issued and not in_host:
        _el(origin, "dateIssued", issued)
    accessed = _w3cdtf(item.get("accessed"))
    if accessed:
        _el(origin, "dateCaptured", accessed)
    if not in_host:
        _write_publication(origin, item)
        _el(origin, "issuance", "monographic")
    if len(origin):
        record.append(origin)


def _write_publication(origin: Element, item: dict[str, Any]) -> None:
    if item.get("publisher"):
        _el(origin, "publisher", str(item["publisher"]))
    if item.get("publisher-place"):
        _el(_el(origin, "place"), "placeTerm", str(item["publisher-place"]), type="text")
    if item.get("edition"):
        _el(origin, "edition", str(item["edition"]))


def _write_host(record: Element, item: dict[str, Any], host_genre: str) -> None:
    host = _el(record, "relatedItem", type="host")
    _write_title(host, item.get("container-title"), item.get("container-title-short"))
    _write_names(host, {"editor": item.get("editor")}, ["editor"])
    for name in item.get("container-author") or []:
        if isinstance(name, dict):
            _write_name(host, name, "author")
    origin = _el(host, "originInfo")
    _write_publication(origin, item)
    periodical = host_genre in ("academic journal", "magazine", "newspaper")
    _el(origin, "issuance", "continuing" if periodical else "monographic")
    if host_genre:
        _el(host, "genre", host_genre, authority="bibutilsgt" if periodical else "marcgt")
    if item.get("ISSN"):
        _el(host, "identifier", str(item["ISSN"]), type="issn")
    _write_part(host, item)


def _write_part(parent: Element, item: dict[str, Any]) -> None:
    part = Element(f"{_NS}part")
    issued = _w3cdtf(item.get("issued"))
    if issued and parent.get("type") == "host":
        _el(part, "date", issued)
    for kind in ("volume", "issue", "chapter-number", "section"):
        if item.get(kind):
            detail_type = "chapter" if kind == "chapter-number" else kind
            _el(_el(part, "detail", type=detail_type), "number", str(item[kind]))
    page = str(item.get("page", ""))
    if page or item.get("number-of-pages"):
        extent = _el(part, "extent", unit="page")
        pieces = _RANGE.split(page, maxsplit=1)  # [start] or [start, dash, end]
        start, end = pieces[0], pieces[2] if len(pieces) == 3 else ""
        if start:
            _el(extent, "start", start)
        if end:
            _el(extent, "end", end)
        if item.get("number-of-pages"):
            _el(extent, "total", str(item["number-of-pages"]))
    if len(part):
        parent.append(part)


def _loss_notes(item: dict[str, Any]) -> list[Diagnostic]:
    notes = [
        cannot_hold(item, LABEL, "mods.cannot-hold", key)
        for key in unheld(item, HELD | {"type", "custom.mods"})
    ]
    for variable in ("issued", "accessed"):
        value = item.get(variable)
        if value is not None and _w3cdtf(value) is None:
            why = f"{LABEL} cannot hold '{variable}' exactly (one w3cdtf date)"
            notes.append(cannot_hold(item, LABEL, "mods.cannot-hold", variable, why))
    if item.get("type") not in WRITTEN_GENRES and item.get("type") != "document":
        why = f"{LABEL} has no genre for {item.get('type')!r}"
        notes.append(cannot_hold(item, LABEL, "mods.cannot-hold", "type", why))
    return notes


FORMAT: Final = Format(
    NAME,
    (".xml", ".mods"),
    read=read,
    write=write,
    read_bytes=read_bytes,
    description="MODS XML (Library of Congress; bibutils)",
)
