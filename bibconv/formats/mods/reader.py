"""MODS -> CSL: ``<modsCollection>`` or one ``<mods>``, each record one item.

An article's journal, a chapter's book and a paper's proceedings are a
``<relatedItem type="host">`` whose ``<part>`` holds volume, issue and pages; a series is
``<relatedItem type="series">``. Elements with no CSL home go to ``custom.mods``.
"""

from __future__ import annotations

import re
from typing import Any, Final
from xml.etree.ElementTree import Element

from bibconv.diagnostics import Diagnostic, Location, ParseError, error
from bibconv.formats import _xml
from bibconv.formats.mods.tables import DETAILS, GENRES, HOST_GENRES, IDENTIFIERS, ROLES, SIMPLE
from bibconv.formats.ris import clean_doi
from bibconv.keys import assign_ids
from bibconv.model import CslItem, CslName
from bibconv.protocols import Parsed, ReadOptions

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


_READ_ELEMENTS: Final = frozenset(
    {"titleInfo", "name", "originInfo", "identifier", "location", "part", "relatedItem",
     "genre", "typeOfResource", "language", "subject", *SIMPLE}
)  # fmt: skip


def _read_simple(record: Element, item: dict[str, Any], custom: dict[str, list[str]]) -> None:
    for tag, variable in SIMPLE.items():
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
