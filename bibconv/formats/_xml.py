"""Safe XML for the XML formats (EndNote XML, MODS): parsing and CSL rich text.

Parsing goes through defusedxml: entity declarations (the "billion laughs" expansion and
external entities such as ``<!ENTITY x SYSTEM "file:///etc/passwd">``) are refused, and
an external DTD (``<!DOCTYPE x SYSTEM "...">``) is never fetched; the error names
``path:line:col``. defusedxml is used rather than our own expat settings because it is the
maintained, reviewed answer to exactly this (the standard library's docs point to it).
"""

from __future__ import annotations

import re
from typing import Final
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlSyntaxError

import defusedxml
import defusedxml.ElementTree as safe_tree

from bibconv.diagnostics import Location, ParseError, error

#: The CSL rich-text tags a style run maps to, and back.
MARKUP_TAGS: Final = ("i", "b", "sup", "sub")
_MARKUP: Final = re.compile(r"<(i|b|sup|sub)>(.*?)</\1>", re.S)


def parse(data: str | bytes, path: str, code: str) -> Element:
    """The document's root element; unsafe or broken XML raises ParseError (``code``)."""
    if isinstance(data, str):
        # A str is already decoded: its declaration's encoding no longer applies.
        data = data.lstrip("\ufeff").encode("utf-8")
        data = re.sub(rb"\A(<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']", rb"\1", data)
    try:
        return safe_tree.fromstring(data, forbid_dtd=False, forbid_entities=True)
    except XmlSyntaxError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise ParseError(
            error(code, f"invalid XML: {message}", Location(path, line, column + 1))
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        raise ParseError(
            error(
                code,
                f"XML entity declarations are not read ({type(exc).__name__}): an entity "
                "can expand without bound or read local files",
                Location(path, 1, 1),
            )
        ) from exc


def local(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


def text_of(element: Element | None) -> str:
    """All text inside ``element``, white space folded."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def segments(text: str) -> list[tuple[str, str]]:
    """CSL rich text -> ``[(tag or "", text)]`` runs (``<i>`` etc., not nested)."""
    runs: list[tuple[str, str]] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            runs.append(("", text[position : match.start()]))
        runs.append((match[1], match[2]))
        position = match.end()
    if position < len(text) or not runs:
        runs.append(("", text[position:]))
    return runs
