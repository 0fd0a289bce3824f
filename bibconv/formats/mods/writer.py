"""CSL -> MODS, bibutils' layout: one ``<mods ID="...">`` per item in a ``<modsCollection>``.

A journal, book or proceedings is written as the ``<relatedItem type="host">`` with the
``<part>`` (volume, issue, pages); what ``custom.mods`` kept is written back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace, tostring

from bibconv.diagnostics import Diagnostic
from bibconv.formats.mods.tables import (
    IDENTIFIERS,
    LABEL,
    NAME,
    NAMESPACE,
    SIMPLE,
    WRITTEN_GENRES,
    WRITTEN_ROLES,
)
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, cannot_hold, unheld
from bibconv.model import DATE_VARIABLES, NAME_VARIABLES, CslItem
from bibconv.protocols import WriteOptions, Written

_NS: Final = f"{{{NAMESPACE}}}"
_RANGE: Final = re.compile(r"\s*([-–—])\s*")
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
    _write_names(record, item, [v for v in WRITTEN_ROLES if v != "editor" or not in_host])
    _write_origin(record, item, in_host)
    if genre:
        _el(record, "genre", genre, authority=authority)
    if item.get("genre"):
        _el(record, "genre", str(item["genre"]))
    if item.get("language"):
        _el(_el(record, "language"), "languageTerm", str(item["language"]), type="text")
    for tag, variable in SIMPLE.items():
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
                _write_name(parent, name, WRITTEN_ROLES.get(variable, variable))


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
