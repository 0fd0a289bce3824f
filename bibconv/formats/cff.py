"""Citation File Format (``CITATION.cff``, CFF 1.2.0): read and written.

A ``CITATION.cff`` describes a piece of software (or a data set) and may name how to cite
it instead (``preferred-citation``) and what it cites (``references``). Each becomes an
item, in this order: the preferred citation, the software itself, the references; each
says which it is in ``custom.cff_role``. Keys follow the CFF 1.2.0 schema (the software
is a reference object too, with ``date-released``, ``repository-code`` and ``version``).

YAML is parsed and written as for CSL-YAML (safe loader, scalars as text, no aliases).
The writer uses the same tables the other way: the item with ``custom.cff_role``
``software`` (else the first) is the work, one ``preferred-citation`` item is that, the
others are ``references``; what CFF has no key for is left out with a
``cff.cannot-hold`` note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, NamedTuple, cast

from bibconv.diagnostics import Diagnostic, Location, ParseError, Severity, error, warning
from bibconv.formats import cslyaml
from bibconv.keys import assign_ids
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, cannot_hold, cannot_hold_exactly, unheld
from bibconv.model import (
    DATE_VARIABLES,
    NAME_VARIABLES,
    CslItem,
    CslName,
    current_names,
    single_date_parts,
)
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

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
    "speech": "speech", "generic": "document", "legal-rule": "regulation",
    "conference": "event", "slides": "speech", "government-document": "report",
}  # fmt: skip
#: Types read (older files have them) but not in CFF 1.2.0's list, so never written.
READ_ONLY_TYPES: Final = frozenset({"chapter", "speech"})
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
    custom = {k: v for k, v in custom.items() if k != "cff-version"}
    if custom.get("message") == default_message(item["type"]):
        del custom["message"]  # the writer's own: it comes back from the type
    item["custom"] = {"cff_role": role, **({"cff": custom} if custom else {})}
    return item  # type: ignore[return-value]  # built key by key


_READ_ELSEWHERE: Final = frozenset(
    {"type", "year", "month", "date-published", "date-released", "date-accessed", "start",
     "end", "doi", "url", "repository-code", "identifiers", "publisher", "institution",
     "conference", "keywords", "license", "languages", "cff-version"}
)  # fmt: skip


def default_message(csl_type: str) -> str:
    """The ``message`` a file gets when its work's item brings none."""
    kind = "dataset" if csl_type == "dataset" else "software"
    return f"If you use this {kind}, please cite it as below."


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
        parts = [int(str(entry["year"]))] if str(entry["year"]).isdecimal() else []
        month = str(entry.get("month", ""))
        if parts and month.isdecimal() and 1 <= int(month) <= 12:
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


# Writing ------------------------------------------------------------------------------

LABEL: Final = "CFF"
CFF_VERSION: Final = "1.2.0"
#: CSL type -> the CFF type it is written as: the first row of ``TYPES`` naming it.
CFF_TYPE_OF: Final[dict[str, str]] = {}
for _row_cff, _row_csl in TYPES.items():
    if _row_cff not in READ_ONLY_TYPES:
        CFF_TYPE_OF.setdefault(_row_csl, _row_cff)
#: CSL variable -> CFF key: ``TEXT_KEYS`` the other way (the container is decided by type).
KEY_OF: Final = {csl: key for key, csl in TEXT_KEYS.items() if csl != "container-title"}
#: CSL name variable -> CFF key: ``NAME_KEYS`` the other way (``senders`` are read only).
NAME_KEY_OF: Final = {csl: key for key, csl in NAME_KEYS.items() if csl and key != "senders"}
#: The keys of the file's top level (the work) in the CFF 1.2.0 schema.
TOP_LEVEL_KEYS: Final = frozenset(
    {"abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
     "identifiers", "keywords", "license", "license-url", "message", "preferred-citation",
     "references", "repository", "repository-artifact", "repository-code", "title", "type",
     "url", "version"}
)  # fmt: skip
#: What the work can hold; a reference holds everything the writer has a key for.
WORK_HELD: Final = frozenset(
    {"title", "abstract", "version", "author", "issued", "DOI", "URL", "keyword", "license"}
)
REFERENCE_HELD: Final = (
    frozenset({*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES}) - LOSSES[NAME]
)
_JOURNAL_TYPES: Final = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "article", "periodical"}
)
_INSTITUTION_TYPES: Final = frozenset({"thesis", "report"})  # CFF's 'institution'
_RELEASED_TYPES: Final = frozenset({"software", "dataset"})  # 'date-released'
_INTEGER_KEYS: Final = frozenset({"volume", "issue", "start", "end", "pages", "number", "year"})
# No white space around the range: the reader gives 'start-end' back, which is equal only
# up to the dash and the spaces beside it.
_PAGE_RANGE: Final = re.compile(r"([^\s\-‐‑‒–—]+)\s*[-‐‑‒–—]+\s*([^\s\-‐‑‒–—]+)")
_ISSN: Final = re.compile(r"\b\d{4}-\d{3}[\dxX]\b")
_CODE_HOST: Final = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/", re.I
)


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """One ``CITATION.cff``: the work at the top, then ``preferred-citation`` and
    ``references``; each item's ``custom.cff_role`` says where it goes."""
    del options  # no carriers: a CITATION.cff holds only CFF keys
    work, preferred, references = placed(items)
    notes: list[Diagnostic] = []
    document: dict[str, Any] = {"cff-version": CFF_VERSION}
    if work is not None:
        document.update(_work(work, notes))
    else:
        document["message"] = default_message("software")
    if preferred is not None:
        document["preferred-citation"] = _entry(preferred, notes, work=False)
    if references:
        document["references"] = [_entry(item, notes, work=False) for item in references]
    for key in ("title", "authors"):
        if key not in document:
            notes.append(
                Diagnostic(
                    Severity.INFO,
                    "cff.incomplete",
                    f"a CITATION.cff needs the work's '{key}'; the file does not validate",
                    item_id=str(work.get("id", "")) or None if work is not None else None,
                )
            )
    return Written(cslyaml.dump(document), notes)


def _role(item: CslItem) -> str | None:
    custom = item.get("custom")
    role = custom.get("cff_role") if isinstance(custom, dict) else None
    return role if isinstance(role, str) else None


def placed(items: Sequence[CslItem]) -> tuple[CslItem | None, CslItem | None, list[CslItem]]:
    """(the work, the preferred citation, the references): the work is the item whose
    role is ``software``, else the first without a role, else the first; the preferred
    citation the first other ``preferred-citation``; the rest are references, in order."""
    work = next((i for i in items if _role(i) == "software"), None)
    work = work or next((i for i in items if _role(i) is None), None)
    work = work or (items[0] if items else None)
    rest = [i for i in items if i is not work]
    preferred = next((i for i in rest if _role(i) == "preferred-citation"), None)
    return work, preferred, [i for i in rest if i is not preferred]


def _work(item: CslItem, notes: list[Diagnostic]) -> dict[str, Any]:
    """The file's top level: ``message`` and the keys the schema gives the work."""
    entry = _entry(item, notes, work=True)
    message = entry.pop("message", default_message(str(item.get("type", ""))))
    return {"message": message, **entry}


def _entry(item: CslItem, notes: list[Diagnostic], *, work: bool) -> dict[str, Any]:
    """One CFF reference (or the work) from an item; loss notes appended."""
    data: dict[str, Any] = dict(current_names(item))
    own = _own_custom(data)
    entry: dict[str, Any] = {"type": _cff_type(data, notes, work=work)}
    lost: list[_Loss] = []
    for variable, key in NAME_KEY_OF.items():
        names = [n for n in data.get(variable) or [] if isinstance(n, dict) and n]
        if names:
            entry[key] = _people(cast(list[CslName], names), own.get(key), variable, lost)
    for variable, key in KEY_OF.items():
        _put(entry, key, data.get(variable))
    _write_issn(data, entry, lost)
    container = "journal" if data.get("type") in _JOURNAL_TYPES else "collection-title"
    _put(entry, container, data.get("container-title"))
    _write_dates(data, entry, lost, work=work)
    _write_links(data, entry, lost)
    _write_pages(data, entry)
    _write_entities(data, entry, lost)
    _write_lists(data, entry)
    for key, value in own.items():
        if key not in NAME_KEYS or not isinstance(value, list):
            entry.setdefault(key, value)
    if work:
        lost.extend(_outside_top_level(entry, own))
    held = (WORK_HELD if work else REFERENCE_HELD) | {"type", "custom.cff", "custom.cff_role"}
    where = "the work (the file's top level)" if work else "a reference"
    for key in unheld(data, held):
        why = f"{LABEL} has no key for '{key}' in {where}"
        notes.append(cannot_hold(data, LABEL, "cff.cannot-hold", key, why))
    notes.extend(_note(data, loss) for loss in lost)
    return entry


class _Loss(NamedTuple):
    key: str
    why: str
    written: bool = False  # as near as CFF goes (it reads back otherwise), else left out


def _note(data: dict[str, Any], loss: _Loss) -> Diagnostic:
    if loss.written:
        return cannot_hold_exactly(data, LABEL, "cff.cannot-hold", loss.key, loss.why)
    return cannot_hold(data, LABEL, "cff.cannot-hold", loss.key, loss.why)


def _outside_top_level(entry: dict[str, Any], own: dict[str, Any]) -> list[_Loss]:
    """Takes out of ``entry`` the keys the work cannot have; what that loses that the
    held variables do not already say (a year without a day, ``custom.cff`` keys)."""
    lost: list[_Loss] = []
    for key in [k for k in entry if k not in TOP_LEVEL_KEYS]:
        del entry[key]
        if key == "year":
            why = f"{LABEL} has 'issued' only as a day (date-released) in the work"
            lost.append(_Loss("issued", why))
        elif key in own:
            why = f"{LABEL} has no key for 'custom.cff.{key}' in the work (the file's top level)"
            lost.append(_Loss(f"custom.cff.{key}", why))
    return lost


def _own_custom(data: dict[str, Any]) -> dict[str, Any]:
    custom = data.get("custom")
    own = custom.get("cff") if isinstance(custom, dict) else None
    return own if isinstance(own, dict) else {}


def _cff_type(data: dict[str, Any], notes: list[Diagnostic], *, work: bool) -> str:
    """The work is ``software`` or ``dataset`` (the schema's only types for it); a
    reference has the CFF type of its CSL type, else ``generic``."""
    csl_type = str(data.get("type", ""))
    if work:
        cff_type = "dataset" if csl_type == "dataset" else "software"
        back = "dataset" if csl_type == "dataset" else "software"
    else:
        cff_type = CFF_TYPE_OF.get(csl_type, "generic")
        back = TYPES[cff_type]
    if back != csl_type:
        how = f"(no CFF type for {csl_type!r} {'as the work' if work else 'here'}: {cff_type})"
        notes.append(cannot_hold_exactly(data, LABEL, "cff.cannot-hold", "type", how))
    return cff_type


def _put(entry: dict[str, Any], key: str, value: Any) -> None:
    """``key: value`` for a text or number (digits become a number where the schema
    takes one, so a YAML reader sees ``volume: 9``)."""
    if value is None or value == "" or isinstance(value, dict | list | bool):
        return
    text = str(value)
    entry[key] = (
        int(text) if key in _INTEGER_KEYS and text.isdecimal() and str(int(text)) == text else text
    )


def _people(
    names: list[CslName], kept: Any, variable: str, lost: list[_Loss]
) -> list[dict[str, Any]]:
    """CFF persons and entities; a person as read (with ORCID, affiliation ...) where
    ``custom.cff`` has it and its name is still the item's."""
    people: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        original = kept[i] if isinstance(kept, list) and i < len(kept) else None
        if isinstance(original, dict) and _name(original) == name:
            people.append(original)
            continue
        if "literal" in name:
            people.append({"name": str(name["literal"])})
            continue
        person = {
            key: str(name[part])  # type: ignore[literal-required]
            for part, key in (("family", "family-names"), ("given", "given-names"),
                              ("non-dropping-particle", "name-particle"), ("suffix", "name-suffix"))
            if name.get(part)
        }  # fmt: skip
        if name.get("dropping-particle"):
            lost.append(_Loss(variable, "(no dropping particle: left out)", written=True))
        people.append(person)
    return people


def _write_dates(
    data: dict[str, Any], entry: dict[str, Any], lost: list[_Loss], *, work: bool
) -> None:
    """``issued``: a whole day as ``date-released`` (software, data) or
    ``date-published``, else ``year`` and ``month``; a literal date as ``year``."""
    issued = data.get("issued")
    parts = single_date_parts(issued)
    if parts is not None and len(parts) == 3:
        released = work or data.get("type") in _RELEASED_TYPES  # the work has no other
        key = "date-released" if released else "date-published"
        entry[key] = _iso(parts)
    elif parts is not None:
        _put(entry, "year", parts[0])
        if len(parts) > 1:
            entry["month"] = parts[1]
    elif isinstance(issued, dict) and set(issued) == {"literal"} and issued["literal"]:
        entry["year"] = str(issued["literal"])
        if entry["year"].isdecimal():
            lost.append(_Loss("issued", "(a literal year of digits reads back as a date)", True))
    elif issued is not None:
        lost.append(_Loss("issued", f"{LABEL} cannot hold 'issued' (a day, month, year or text)"))
    accessed = single_date_parts(data.get("accessed"))
    if accessed is not None and len(accessed) == 3:
        entry["date-accessed"] = _iso(accessed)
    elif "accessed" in data:
        lost.append(_Loss("accessed", f"{LABEL} holds 'accessed' only as a day (date-accessed)"))


def _iso(parts: list[int]) -> str:
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"


def _write_issn(data: dict[str, Any], entry: dict[str, Any], lost: list[_Loss]) -> None:
    """CFF holds one ISSN (``1234-5678``): the first of a list."""
    issns = _ISSN.findall(str(entry.get("issn", "")))
    if issns and issns[0] != entry["issn"]:
        entry["issn"] = issns[0]
        lost.append(_Loss("ISSN", f"(one ISSN: {issns[0]})", written=True))


def _write_links(data: dict[str, Any], entry: dict[str, Any], lost: list[_Loss]) -> None:
    """``DOI`` as ``doi`` (without a resolver); ``URL`` as ``repository-code`` when it
    is a code host's and the item software, else ``url``."""
    doi = data.get("DOI")
    if doi is not None and doi != "":
        entry["doi"] = _DOI_URL.sub("", str(doi))
        if entry["doi"] != str(doi):
            lost.append(_Loss("DOI", "(written without its resolver)", written=True))
    url = data.get("URL")
    if url is not None and url != "":
        code = data.get("type") == "software" and _CODE_HOST.match(str(url))
        kept_code = "repository-code" in _own_custom(data)
        entry["repository-code" if code and not kept_code else "url"] = str(url)


def _write_pages(data: dict[str, Any], entry: dict[str, Any]) -> None:
    page = data.get("page")
    if page is None or page == "":
        return
    whole = _PAGE_RANGE.fullmatch(str(page))
    if whole:
        _put(entry, "start", whole[1])
        _put(entry, "end", whole[2])
    else:
        _put(entry, "start", page)


def _write_entities(data: dict[str, Any], entry: dict[str, Any], lost: list[_Loss]) -> None:
    """``publisher`` (a thesis's or report's ``institution``) with its place as the
    city; ``event-title`` and ``event-place`` as the ``conference``."""
    publisher, place = data.get("publisher"), data.get("publisher-place")
    if publisher:
        key = "institution" if data.get("type") in _INSTITUTION_TYPES else "publisher"
        entry[key] = {"name": str(publisher), **({"city": str(place)} if place else {})}
    elif place:
        lost.append(
            _Loss("publisher-place", f"{LABEL} has a 'publisher-place' only with a publisher")
        )
    event, event_place = data.get("event-title"), data.get("event-place")
    if event:
        entry["conference"] = {
            "name": str(event),
            **({"city": str(event_place)} if event_place else {}),
        }
    elif event_place:
        lost.append(_Loss("event-place", f"{LABEL} has an 'event-place' only with a conference"))


def _write_lists(data: dict[str, Any], entry: dict[str, Any]) -> None:
    """``keyword`` and ``license`` split at ``, `` (as the reader joins them), the
    ``language`` as ``languages``."""
    keyword = data.get("keyword")
    if isinstance(keyword, str) and keyword:
        entry["keywords"] = keyword.split(", ")
    license_ = data.get("license")
    if isinstance(license_, str) and license_:
        licenses = license_.split(", ")
        entry["license"] = licenses if len(licenses) > 1 else license_
    language = data.get("language")
    if isinstance(language, str) and language:
        entry["languages"] = [language]


FORMAT: Final = Format(
    NAME, (".cff",), read=read, write=write, description="Citation File Format (CITATION.cff)"
)
