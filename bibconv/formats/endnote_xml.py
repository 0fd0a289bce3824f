"""EndNote XML (``.xml``): ``<xml><records><record>`` as EndNote exports it, read and written.

EndNote XML holds the same EndNote fields as its tagged format, under element names
(``<titles><secondary-title>`` is ``%B``/``%J``, ``<electronic-resource-num>`` is
``%R``, ...). So each record is turned into refer fields through ``ELEMENTS`` and read
by ``refer.item_from_fields``, and written from ``refer.tags_of``: one field map for
both formats. What only the XML has: ``<periodical><abbr-1>`` (the journal abbreviation,
``container-title-short``), and ``<style face="italic">`` runs (CSL ``<i>``, ``<b>``,
``<sup>``, ``<sub>``). Elements with no EndNote field (``<database>``, ``<rec-number>``,
``<foreign-keys>``, ...) are kept in ``custom["endnote-xml"]`` and written back.

Parsing is safe (``bibconv.formats._xml``): no entity declarations, no external DTD.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from bibconv.diagnostics import Diagnostic, Location, ParseError, error
from bibconv.formats import _xml, refer
from bibconv.formats._tagged import Field
from bibconv.keys import assign_ids
from bibconv.losses import LOSSES, cannot_hold, unheld
from bibconv.model import CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "endnote-xml"
LABEL: Final = "EndNote XML"
CUSTOM_KEY: Final = "endnote-xml"

#: Element (a path under ``<record>``) -> refer tag. ``<titles><secondary-title>`` is
#: ``%J`` or ``%B`` by type (refer decides which CSL variable either is).
ELEMENTS: Final[dict[str, str]] = {
    "contributors/authors/author": "A",
    "contributors/secondary-authors/author": "E",
    "contributors/tertiary-authors/author": "Y",
    "contributors/subsidiary-authors/author": "?",
    "contributors/translated-authors/author": "H",
    "auth-address": "+",
    "titles/title": "T",
    "titles/secondary-title": "B",
    "titles/tertiary-title": "S",
    "titles/short-title": "!",
    "titles/translated-title": "Q",
    "periodical/full-title": "J",
    "pages": "P",
    "volume": "V",
    "number": "N",
    "num-vols": "6",
    "edition": "7",
    "section": "&",
    "reprint-edition": ")",
    "keywords/keyword": "K",
    "dates/year": "D",
    "dates/pub-dates/date": "8",
    "pub-location": "C",
    "publisher": "I",
    "orig-pub": "(",
    "isbn": "@",
    "accession-num": "M",
    "call-num": "L",
    "electronic-resource-num": "R",
    "abstract": "X",
    "label": "F",
    "caption": "^",
    "notes": "Z",
    "research-notes": "<",
    "work-type": "9",
    "reviewed-item": "*",
    "remote-database-name": "~",
    "remote-database-provider": "W",
    "language": "G",
    "urls/related-urls/url": "U",
    "urls/pdf-urls/url": ">",
    "access-date": "[",
    "custom1": "1",
    "custom2": "2",
    "custom3": "3",
    "custom4": "4",
    "custom5": "#",
    "custom6": "$",
    "custom7": "]",
}
_TAGS: Final = {tag: path for path, tag in ELEMENTS.items()}
_TAGS["J"] = "titles/secondary-title"  # a journal is written where EndNote puts it
_ABBREVIATION: Final = "periodical/abbr-1"
#: The order of ``<record>``'s children in EndNote's DTD (RSXML), for writing.
RECORD_ORDER: Final = (
    "database", "source-app", "rec-number", "foreign-keys", "ref-type", "contributors",
    "auth-address", "auth-affiliaton", "titles", "periodical", "alt-periodical", "pages",
    "volume", "number", "issue", "secondary-volume", "secondary-issue", "num-vols",
    "edition", "section", "reprint-edition", "reprint-status", "keywords", "dates",
    "pub-location", "publisher", "orig-pub", "isbn", "accession-num", "call-num",
    "report-id", "coden", "electronic-resource-num", "abstract", "label", "image",
    "caption", "notes", "research-notes", "work-type", "reviewed-item", "availability",
    "remote-source", "meeting-place", "work-location", "work-extent", "pack-method",
    "size", "repro-ratio", "remote-database-name", "remote-database-provider", "language",
    "urls", "access-date", "modified-date", "custom1", "custom2", "custom3", "custom4",
    "custom5", "custom6", "custom7", "misc1", "misc2", "misc3",
)  # fmt: skip
_STYLE: Final = {"i": "italic", "b": "bold", "sup": "superscript", "sub": "subscript"}
_FACES: Final = {face: tag for tag, face in _STYLE.items()}


def read(text: str, options: ReadOptions) -> Parsed:
    return _read(_xml.parse(text, options.path, "endnote-xml.syntax"), options)


def read_bytes(data: bytes, options: ReadOptions) -> Parsed:
    """Bytes as they are, so the XML declaration's encoding decides."""
    return _read(_xml.parse(data, options.path, "endnote-xml.syntax"), options)


def _read(root: Element, options: ReadOptions) -> Parsed:
    if _xml.local(root.tag) not in ("xml", "records", "record"):
        raise ParseError(
            error(
                "endnote-xml.not-records",
                f"expected EndNote XML (<xml><records><record>...), found <{root.tag}>",
                Location(options.path, 1, 1),
            )
        )
    diagnostics: list[Diagnostic] = []
    records = [root] if _xml.local(root.tag) == "record" else list(root.iter("record"))
    items = [_item(record, options.path, diagnostics) for record in records]
    assign_ids(items)
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def _item(record: Element, path: str, problems: list[Diagnostic]) -> CslItem:
    where = Location(path, 1, 1)
    fields: list[Field] = []
    kept: dict[str, list[str]] = {}
    abbreviation = ""
    type_name = _type_name(record.find("ref-type"))
    if type_name:
        fields.append(Field("0", type_name, where))
    periodical = (refer.endnote_type(type_name) or refer.GENERIC).csl in refer.PERIODICAL_TYPES
    for element, element_path in _leaves(record):
        if element_path == "ref-type":
            continue
        value = rich_text(element)
        if not value:
            continue
        tag = ELEMENTS.get(element_path)
        if element_path == "titles/secondary-title" and periodical:
            tag = "J"
        if element_path == "periodical/full-title" and any(f.tag == "J" for f in fields):
            tag = None if _same_title(fields, value) else tag
            if tag is None:
                continue
        if element_path == _ABBREVIATION:
            abbreviation = abbreviation or value
        elif tag is None:
            kept.setdefault(element_path, []).append(value)
        else:
            fields.append(Field(tag, value, where))
    item: dict[str, Any] = dict(refer.item_from_fields(fields, problems))
    if abbreviation:
        item["container-title-short"] = abbreviation
    if kept:
        item.setdefault("custom", {})[CUSTOM_KEY] = kept
    return item  # type: ignore[return-value]  # a CslItem built key by key


def _same_title(fields: list[Field], value: str) -> bool:
    return any(f.tag == "J" and f.value == value for f in fields)


def _type_name(element: Element | None) -> str:
    if element is None:
        return ""
    name = element.get("name", "").strip()
    if name:
        return name
    number = _xml.text_of(element)
    return next((t.name for t in refer.ENDNOTE_TYPES if str(t.number) == number), number)


def _leaves(record: Element) -> list[tuple[Element, str]]:
    """(element, path) of every field element: the innermost before any ``<style>``."""
    found: list[tuple[Element, str]] = []

    def walk(element: Element, prefix: str) -> None:
        for child in element:
            name = _xml.local(child.tag)
            child_path = f"{prefix}{name}"
            inner = [c for c in child if _xml.local(c.tag) != "style"]
            if inner and child_path not in ELEMENTS:
                walk(child, child_path + "/")
            else:
                found.append((child, child_path))

    walk(record, "")
    return found


def rich_text(element: Element) -> str:
    """The text of a field element; ``<style face="italic">`` runs become ``<i>...</i>``.

    Prose keeps its line breaks; other text is folded to single spaces by refer.
    """
    styled = any(_xml.local(child.tag) == "style" for child in element)
    # Between style runs only white space a pretty-printer added: not text.
    parts = [_unless_blank(element.text, styled)]
    for child in element:
        text = "".join(child.itertext())
        faces = child.get("face", "").split() if _xml.local(child.tag) == "style" else []
        for face in faces:
            tag = _FACES.get(face)
            if tag and text.strip():
                text = f"<{tag}>{text}</{tag}>"
        parts.append(text)
        parts.append(_unless_blank(child.tail, styled))
    return "".join(parts).strip()


def _unless_blank(text: str | None, styled: bool) -> str:
    return "" if text is None or (styled and not text.strip()) else text


# Writing ------------------------------------------------------------------------------

#: Every CSL variable the writer has an element for: all but ``LOSSES["endnote-xml"]``.
HELD: Final = refer.HELD | (LOSSES[refer.NAME] - LOSSES[NAME])


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """EndNote's own shape: ``<?xml?>``, ``<xml><records>``, a ``<record>`` per item,
    values in ``<style face="normal" font="default" size="100%">`` as EndNote writes them."""
    del options  # no carriers
    root = Element("xml")
    records = SubElement(root, "records")
    notes: list[Diagnostic] = []
    for number, item in enumerate(items, start=1):
        records.append(_record(item, number))
        notes.extend(_loss_notes(item))
    indent(root, space="  ")
    for element in root.iter():  # a field's style runs stay together, as EndNote writes them
        if any(_xml.local(child.tag) == "style" for child in element):
            element.text = None
            for child in element:
                child.tail = None
    body = tostring(root, encoding="unicode")
    return Written(f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', notes)


def _record(item: CslItem, number: int) -> Element:
    data: dict[str, Any] = dict(item)
    values: dict[str, list[str]] = {}
    type_row = refer.endnote_type_for(str(data.get("type", "")))
    for tag, value in refer.tags_of(item):
        element_path = _TAGS.get(tag)
        if tag == "0" or element_path is None:
            continue
        values.setdefault(element_path, []).append(value)
    if type_row.csl in refer.PERIODICAL_TYPES and "container-title" in data:
        values["periodical/full-title"] = [str(data["container-title"])]
    if data.get("container-title-short"):
        values[_ABBREVIATION] = [str(data["container-title-short"])]
    custom = data.get("custom")
    own = custom.get(CUSTOM_KEY) if isinstance(custom, dict) else None
    for element_path, kept in (own or {}).items():
        values[str(element_path)] = [str(v) for v in kept]
    values.setdefault("rec-number", [str(number)])
    record = Element("record")
    ref_type = Element("ref-type", name=type_row.name)
    ref_type.text = str(type_row.number)
    children: dict[str, Element] = {"ref-type": ref_type}
    for element_path, texts in values.items():
        _place(children, element_path, texts)
    order = {name: i for i, name in enumerate(RECORD_ORDER)}
    for name in sorted(children, key=lambda n: order.get(n, len(order))):
        record.append(children[name])
    return record


def _place(children: dict[str, Element], element_path: str, texts: list[str]) -> None:
    """Add ``texts`` under ``element_path`` (``a/b/c``: one ``c`` per text)."""
    *parents, leaf = element_path.split("/")
    if not parents:
        for text in texts[:1]:
            element = children[leaf] = Element(leaf)
            if leaf == "rec-number":  # a number EndNote writes bare
                element.text = text
            else:
                _styled(element, text)
        return
    top = children.setdefault(parents[0], Element(parents[0]))
    for name in parents[1:]:
        found = top.find(name)
        top = found if found is not None else SubElement(top, name)
    for text in texts:
        top.append(_styled(Element(leaf), text))


def _styled(element: Element, text: str) -> Element:
    for tag, run in _xml.segments(text):
        style = SubElement(element, "style", face=_STYLE.get(tag, "normal"))
        style.set("font", "default")
        style.set("size", "100%")
        style.text = run
    return element


def _loss_notes(item: CslItem) -> list[Diagnostic]:
    data: dict[str, Any] = dict(item)
    lost = unheld(data, HELD | {"type", "custom.refer", f"custom.{CUSTOM_KEY}"})
    notes = [cannot_hold(data, LABEL, "endnote-xml.cannot-hold", key) for key in lost]
    return notes + refer.value_notes(data, LABEL, "endnote-xml.cannot-hold")


FORMAT: Final = Format(
    NAME,
    (".xml",),
    read=read,
    write=write,
    read_bytes=read_bytes,
    description="EndNote XML (EndNote, Zotero exports)",
)
