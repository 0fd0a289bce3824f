"""BibJSON (okfnlabs): bibliographic records as JSON with BibTeX's field names; both ways.

"Any keys can be used in BibJSON, but the defaults are as per bibtex": a record is a JSON
object with BibTeX's entry type in ``type`` and BibTeX's fields as keys, plus BibJSON's
own shapes: ``author``/``editor`` lists of ``{"name", "firstname", "lastname"}``,
``journal`` as ``{"name": ...}``, ``identifier`` as ``[{"type": "doi", "id": ...}]``,
``link`` as ``[{"url": ...}]`` and ``license``. A file holds a collection
(``{"metadata": {...}, "records": [...]}``), a list of records or one record.

The BibTeX meaning of each field is BibTeX's own table (``bibtex.FIELD_MAP``, types by
``bibtex.read_type``/``writer_type``): values are plain Unicode, not LaTeX.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from bibconv._vocab import split_bibtex_names, split_family_given, split_given_family
from bibconv.diagnostics import Diagnostic, LineIndex, Location, ParseError, error, warning
from bibconv.formats import bibtex
from bibconv.formats.bibtex import mapping
from bibconv.keys import assign_ids
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, cannot_hold, unheld
from bibconv.model import DATE_VARIABLES, NAME_VARIABLES, CslItem, CslName, single_date_parts
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "bibjson"
LABEL: Final = "BibJSON"
#: BibJSON ``identifier`` types -> CSL variable.
IDENTIFIERS: Final[dict[str, str]] = {
    "doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID",
    "url": "URL",
}  # fmt: skip
#: BibTeX fields read from a BibJSON record through BibTeX's table: field -> (variable, kind).
#: (BibJSON's ``type`` is the entry type, not BibTeX's ``type`` field.)
_FIELDS: Final = {
    field: (row[2], row[3]) for row in bibtex.FIELD_MAP for field in row[:2] if field != "type"
}
_OWN: Final = frozenset(
    {"id", "cid", "citekey", "type", "journal", "booktitle", "publisher", "school",
     "institution", "organization", "year", "month", "day", "date", "number", "identifier",
     "link", "license", "collection", "_id"}
)  # fmt: skip


def read(text: str, options: ReadOptions) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = LineIndex(text, options.path).location(exc.pos)
        raise ParseError(error("bibjson.syntax", f"invalid JSON: {exc.msg}", where)) from exc
    records = _records(data)
    if records is None:
        raise ParseError(
            error(
                "bibjson.not-records",
                'expected a BibJSON collection ({"records": [...]}), a list of records or one',
                Location(options.path, 1, 1),
            )
        )
    diagnostics: list[Diagnostic] = []
    items: list[CslItem] = []
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict):
            items.append(_item(record))
        else:
            diagnostics.append(
                warning("bibjson.not-record", f"record {number} is not an object; skipped")
            )
    assign_ids(items)
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        return list(data["records"])
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and ("title" in data or "type" in data):
        return [data]
    return None


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name", "")).strip()
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if _text(v))
    return "" if value is None else str(value).strip()


def _item(record: dict[str, Any]) -> CslItem:
    bib_type = str(record.get("type", "misc")).lower()
    csl_type = mapping.read_type(bib_type, arxiv=False)
    key = record.get("id") or record.get("cid") or record.get("citekey") or ""
    item: dict[str, Any] = {"id": str(key), "type": csl_type}
    custom: dict[str, Any] = {}
    for field, value in record.items():
        row = _FIELDS.get(field)
        if row is None:
            if field not in _OWN:
                custom[field] = value
            continue
        variable, kind = row
        if kind == mapping.NAMES:
            names = _names(value)
            if names:
                item[variable] = names
        elif kind == mapping.DATE:
            date = bibtex.parse_date(_text(value))
            if date:
                item[variable] = date
        elif _text(value):
            item[variable] = _text(value)
    container = _text(record.get("journal")) or _text(record.get("booktitle"))
    if container:
        item["container-title"] = container
    publisher = next(
        (_text(record.get(f)) for f in ("publisher", "school", "institution", "organization")
         if _text(record.get(f))),
        "",
    )  # fmt: skip
    if publisher:
        item["publisher"] = publisher
    if _text(record.get("number")):
        item[mapping.number_home(bib_type, csl_type)] = _text(record["number"])
    _read_date(record, item)
    _read_links(record, item, custom)
    if custom:
        item["custom"] = {"bibjson": custom}
    return item  # type: ignore[return-value]  # built key by key


def _names(value: Any) -> list[CslName]:
    """``[{"name": "Jane Doe"}]``, ``[{"firstname", "lastname"}]``, strings, or BibTeX's
    ``"Doe, Jane and Roe, R."``."""
    if isinstance(value, str):
        value = split_bibtex_names(value)
    names: list[CslName] = []
    for person in value if isinstance(value, list) else []:
        if isinstance(person, dict) and (person.get("lastname") or person.get("firstname")):
            name: CslName = {}
            if person.get("lastname"):
                name["family"] = str(person["lastname"])
            if person.get("firstname"):
                name["given"] = str(person["firstname"])
            names.append(name)
        elif _text(person):
            text = _text(person)
            names.append(split_family_given(text) if "," in text else split_given_family(text))
    return names


def _read_date(record: dict[str, Any], item: dict[str, Any]) -> None:
    date = bibtex.parse_date(_text(record.get("date"))) if record.get("date") else None
    year = _text(record.get("year"))
    if date is None and year.isdecimal():
        parts = [int(year)]
        month = _text(record.get("month"))
        number = bibtex.parse_date(f"{year}-{int(month):02d}") if month.isdecimal() else None
        if number and 1 <= int(month) <= 12:
            parts.append(int(month))
            day = _text(record.get("day"))
            if day.isdecimal():
                parts.append(int(day))
        date = {"date-parts": [list[int | str](parts)]}
    elif date is None and year:
        date = {"literal": year}
    if date:
        item["issued"] = date


def _read_links(record: dict[str, Any], item: dict[str, Any], custom: dict[str, Any]) -> None:
    others = []
    for identifier in record.get("identifier") or []:
        kind = str(identifier.get("type", "")).lower() if isinstance(identifier, dict) else ""
        variable = IDENTIFIERS.get(kind)
        value = _text(identifier.get("id")) if isinstance(identifier, dict) else ""
        if variable and value and variable not in item:
            item[variable] = value
        else:
            others.append(identifier)
    if others:
        custom["identifier"] = others
    links = [link for link in record.get("link") or [] if isinstance(link, dict)]
    if links and "URL" not in item and links[0].get("url"):
        item["URL"] = str(links[0]["url"])
        links = links[1:]
    if links:
        custom["link"] = links
    license_ = record.get("license")
    if license_:
        if isinstance(license_, list):
            item["license"] = ", ".join(
                str(x.get("url") or x.get("type")) if isinstance(x, dict) else str(x)
                for x in license_
            )
        else:
            item["license"] = _text(license_)


# Writing ------------------------------------------------------------------------------

#: Every CSL variable the writer has a key for: all but ``LOSSES["bibjson"]``.
HELD: Final = frozenset({*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES}) - LOSSES[NAME]


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """A collection: ``{"metadata": {...}, "records": [...]}``, two-space indent."""
    del options
    records = [_record(dict(item)) for item in items]
    notes = [
        cannot_hold(dict(item), LABEL, "bibjson.cannot-hold", key)
        for item in items
        for key in unheld(dict(item), HELD | {"type", "custom.bibjson"})
    ]
    notes.extend(
        cannot_hold(dict(item), LABEL, "bibjson.cannot-hold", "issued", why)
        for item in items
        if "issued" in item and single_date_parts(item["issued"]) is None
        for why in [f"{LABEL} cannot hold 'issued' exactly (year, month, day)"]
    )
    collection = {"metadata": {"count": len(records)}, "records": records}
    return Written(json.dumps(collection, ensure_ascii=False, indent=2) + "\n", notes)


def _record(item: dict[str, Any]) -> dict[str, Any]:
    csl_type = str(item.get("type", ""))
    bib_type = mapping.writer_type(csl_type, str(item.get("genre", "")))
    record: dict[str, Any] = {"id": item.get("id"), "type": bib_type}
    for field, variable, kind in ((r[0], r[2], r[3]) for r in bibtex.FIELD_MAP):
        value = item.get(variable)
        if value is None or field in record or field in ("type", "url"):  # URL: 'link'
            continue
        if kind == mapping.NAMES:
            record[field] = [_person(n) for n in value if isinstance(n, dict)]
        elif kind == mapping.DATE:
            continue  # urldate and the like: ISO text
        else:
            record[field] = str(value)
    if item.get("container-title"):
        key = "journal" if bib_type == "article" else "booktitle"
        record[key] = (
            {"name": item["container-title"]} if key == "journal" else item["container-title"]
        )
    if item.get("publisher"):
        record["publisher"] = item["publisher"]
    for variable in ("issue", "number", "collection-number"):
        if item.get(variable) and mapping.number_home(bib_type, csl_type) == variable:
            record["number"] = str(item[variable])
    parts = single_date_parts(item.get("issued"))
    if parts:
        record["year"] = str(parts[0])
        if len(parts) > 1:
            record["month"] = str(parts[1])
        if len(parts) > 2:
            record["day"] = str(parts[2])
    identifiers = [
        {"type": kind, "id": str(item[variable])}
        for kind, variable in IDENTIFIERS.items()
        if kind in ("pmid", "pmcid") and item.get(variable)  # the others are fields
    ]
    if identifiers:
        record["identifier"] = identifiers
    if item.get("URL"):
        record["link"] = [{"url": item["URL"]}]
    if item.get("license"):
        record["license"] = [{"type": item["license"]}]
    own = item.get("custom", {}).get("bibjson") if isinstance(item.get("custom"), dict) else None
    for key, value in (own or {}).items():
        record.setdefault(key, value)
    return record


def _person(name: dict[str, Any]) -> dict[str, str]:
    if "literal" in name:
        return {"name": str(name["literal"])}
    family = " ".join(str(p) for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = str(name.get("given", ""))
    person = {"name": " ".join(p for p in (given, family) if p)}
    if family:
        person["lastname"] = family
    if given:
        person["firstname"] = given
    return person


FORMAT: Final = Format(
    NAME, (".bibjson", ".json"), read=read, write=write, description="BibJSON (okfnlabs)"
)
