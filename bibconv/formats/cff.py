"""Citation File Format (``CITATION.cff``, CFF 1.2.0): read.

A ``CITATION.cff`` describes a piece of software (or a data set) and may name how to cite
it instead (``preferred-citation``) and what it cites (``references``). Each becomes an
item, in this order: the preferred citation, the software itself, the references; each
says which it is in ``custom.cff_role``. Keys follow the CFF 1.2.0 schema (the software
is a reference object too, with ``date-released``, ``repository-code`` and ``version``).

YAML is parsed as for CSL-YAML (safe loader, scalars as text, no aliases). Reading only:
a CFF file describes one work of its own, which CSL-JSON, BibTeX or RIS export better.
"""

from __future__ import annotations

import re
from typing import Any, Final

from bibconv.diagnostics import Diagnostic, Location, ParseError, error, warning
from bibconv.formats import cslyaml
from bibconv.keys import assign_ids
from bibconv.model import CslItem, CslName
from bibconv.protocols import Format, Parsed, ReadOptions

NAME: Final = "cff"

#: CFF reference ``type`` -> CSL type.
TYPES: Final[dict[str, str]] = {
    "article": "article-journal", "magazine-article": "article-magazine",
    "newspaper-article": "article-newspaper", "book": "book", "proceedings": "book",
    "edited-work": "book", "chapter": "chapter", "conference-paper": "paper-conference",
    "thesis": "thesis", "report": "report", "manual": "report", "software": "software",
    "software-code": "software", "software-container": "software",
    "software-executable": "software", "software-virtual-machine": "software",
    "data": "dataset", "database": "dataset", "website": "webpage", "blog": "post-weblog",
    "pamphlet": "pamphlet", "patent": "patent", "unpublished": "manuscript",
    "dictionary": "entry-dictionary", "encyclopedia": "entry-encyclopedia", "map": "map",
    "standard": "standard", "hearing": "hearing", "bill": "bill",
    "legal-case": "legal_case", "statute": "legislation", "art": "graphic",
    "audiovisual": "motion_picture", "video": "motion_picture",
    "film-broadcast": "broadcast", "music": "song", "sound-recording": "song",
    "serial": "periodical", "personal-communication": "personal_communication",
    "speech": "speech", "generic": "document",
}  # fmt: skip
#: Keys whose text is a CSL variable as it is.
TEXT_KEYS: Final[dict[str, str]] = {
    "title": "title", "abstract": "abstract", "volume": "volume", "issue": "issue",
    "edition": "edition", "isbn": "ISBN", "issn": "ISSN", "number": "number",
    "section": "section", "notes": "note", "version": "version", "medium": "medium",
    "thesis-type": "genre", "journal": "container-title",
    "collection-title": "container-title", "pages": "number-of-pages",
    "volume-title": "volume-title",
}  # fmt: skip
NAME_KEYS: Final[dict[str, str]] = {
    "authors": "author", "editors": "editor", "editors-series": "collection-editor",
    "translators": "translator", "recipients": "recipient", "senders": "author",
    "contact": "",
}  # fmt: skip
_NAME_PARTS: Final = frozenset(
    {"family-names", "given-names", "name-particle", "name-suffix", "name"}
)
_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DOI_URL: Final = re.compile(r"https?://(?:dx\.)?doi\.org/", re.I)


def read(text: str, options: ReadOptions) -> Parsed:
    """The preferred citation, the work itself, its references: one item each."""
    parsed = cslyaml.read_document(text, options.path)
    if not isinstance(parsed, dict) or "cff-version" not in parsed:
        raise ParseError(
            error(
                "cff.not-cff",
                "expected a CITATION.cff mapping with 'cff-version', 'title' and 'authors'",
                Location(options.path, 1, 1),
            )
        )
    diagnostics: list[Diagnostic] = []
    items: list[CslItem] = []
    preferred = parsed.get("preferred-citation")
    if isinstance(preferred, dict):
        items.append(_item(preferred, "preferred-citation", "article-journal"))
    work = {k: v for k, v in parsed.items() if k not in ("preferred-citation", "references")}
    items.append(_item(work, "software", "software"))
    references = parsed.get("references") or []
    if not isinstance(references, list):
        references = []
        diagnostics.append(
            warning("cff.bad-references", "'references' is not a list: not read", None)
        )
    items.extend(_item(r, "reference", "document") for r in references if isinstance(r, dict))
    assign_ids(items)
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def _item(entry: dict[str, Any], role: str, default_type: str) -> CslItem:
    item: dict[str, Any] = {"id": "", "type": TYPES.get(str(entry.get("type", "")), default_type)}
    if role == "software" and entry.get("type") == "dataset":
        item["type"] = "dataset"  # the work itself: CFF's 'type' is software or dataset
    custom: dict[str, Any] = {}
    for key, value in entry.items():
        if key in TEXT_KEYS and _scalar(value):
            item.setdefault(TEXT_KEYS[key], str(value))
        elif key in NAME_KEYS and isinstance(value, list) and NAME_KEYS[key]:
            names = [n for n in (_name(p) for p in value) if n]
            if names:
                item.setdefault(NAME_KEYS[key], []).extend(names)
            if any(isinstance(p, dict) and set(p) - _NAME_PARTS for p in value):
                custom[key] = value  # ORCID, affiliation, e-mail: no place in a CSL name
        elif key not in _READ_ELSEWHERE:
            custom[key] = value
    _read_dates(entry, item)
    _read_pages(entry, item)
    _read_links(entry, item, custom)
    _read_entities(entry, item)
    keywords = entry.get("keywords")
    if isinstance(keywords, list) and keywords:
        item["keyword"] = ", ".join(str(k) for k in keywords)
    license_ = entry.get("license")
    if license_:
        item["license"] = ", ".join(license_) if isinstance(license_, list) else str(license_)
    languages = entry.get("languages")
    if isinstance(languages, list) and languages:
        item["language"] = str(languages[0])
    custom = {k: v for k, v in custom.items() if k not in ("cff-version", "message")}
    item["custom"] = {"cff_role": role, **({"cff": custom} if custom else {})}
    return item  # type: ignore[return-value]  # built key by key


_READ_ELSEWHERE: Final = frozenset(
    {"type", "year", "month", "date-published", "date-released", "date-accessed", "start",
     "end", "doi", "url", "repository-code", "identifiers", "publisher", "institution",
     "conference", "keywords", "license", "languages", "cff-version", "message"}
)  # fmt: skip


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool) and value != ""


def _name(person: Any) -> CslName | None:
    """A CFF person (``family-names``, ``given-names``, ``name-particle``,
    ``name-suffix``) or entity (``name``)."""
    if not isinstance(person, dict):
        return None
    name: CslName = {}
    if person.get("family-names"):
        name["family"] = str(person["family-names"])
    if person.get("given-names"):
        name["given"] = str(person["given-names"])
    if person.get("name-particle"):
        name["non-dropping-particle"] = str(person["name-particle"])
    if person.get("name-suffix"):
        name["suffix"] = str(person["name-suffix"])
    if not name and person.get("name"):
        name["literal"] = str(person["name"])
    return name or None


def _date(text: Any) -> dict[str, Any] | None:
    found = _DATE.fullmatch(str(text).strip()) if _scalar(text) else None
    if not found:
        return None
    return {"date-parts": [[int(p) for p in found.groups() if p]]}


def _read_dates(entry: dict[str, Any], item: dict[str, Any]) -> None:
    """``date-published`` (or the software's ``date-released``), else ``year`` and
    ``month``; ``date-accessed``."""
    issued = _date(entry.get("date-published")) or _date(entry.get("date-released"))
    if issued is None and _scalar(entry.get("year")):
        parts = [int(str(entry["year"]))] if str(entry["year"]).isdigit() else []
        month = str(entry.get("month", ""))
        if parts and month.isdigit() and 1 <= int(month) <= 12:
            parts.append(int(month))
        issued = {"date-parts": [parts]} if parts else {"literal": str(entry["year"])}
    if issued:
        item["issued"] = issued
    accessed = _date(entry.get("date-accessed"))
    if accessed:
        item["accessed"] = accessed


def _read_pages(entry: dict[str, Any], item: dict[str, Any]) -> None:
    start, end = entry.get("start"), entry.get("end")
    if _scalar(start):
        item["page"] = f"{start}-{end}" if _scalar(end) and str(end) != str(start) else str(start)


def _read_links(entry: dict[str, Any], item: dict[str, Any], custom: dict[str, Any]) -> None:
    """``doi`` (else the first ``identifiers`` DOI), ``url`` (else ``repository-code``)."""
    if _scalar(entry.get("doi")):
        item["DOI"] = _DOI_URL.sub("", str(entry["doi"]))
    url = entry.get("url") if _scalar(entry.get("url")) else entry.get("repository-code")
    if _scalar(url):
        item["URL"] = str(url)
    if _scalar(entry.get("repository-code")) and url != entry.get("repository-code"):
        custom["repository-code"] = entry["repository-code"]
    others = []
    for identifier in entry.get("identifiers") or []:
        if not isinstance(identifier, dict):
            continue
        kind, value = identifier.get("type"), identifier.get("value")
        if kind == "doi" and "DOI" not in item and _scalar(value):
            item["DOI"] = _DOI_URL.sub("", str(value))
        elif kind == "url" and "URL" not in item and _scalar(value):
            item["URL"] = str(value)
        else:
            others.append(identifier)
    if others:
        custom["identifiers"] = others


def _read_entities(entry: dict[str, Any], item: dict[str, Any]) -> None:
    """``publisher`` (a thesis's or report's ``institution``) and ``conference``."""
    for key in ("publisher", "institution"):
        entity = entry.get(key)
        if isinstance(entity, dict) and entity.get("name") and "publisher" not in item:
            item["publisher"] = str(entity["name"])
            place = ", ".join(str(entity[k]) for k in ("city", "country") if entity.get(k))
            if place:
                item["publisher-place"] = place
    conference = entry.get("conference")
    if isinstance(conference, dict) and conference.get("name"):
        item["event-title"] = str(conference["name"])
        if conference.get("city"):
            item["event-place"] = str(conference["city"])


FORMAT: Final = Format(
    NAME, (".cff",), read=read, description="Citation File Format (CITATION.cff)"
)
