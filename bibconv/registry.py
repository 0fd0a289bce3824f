"""The static table of formats: names, file extensions, and content sniffing."""

from __future__ import annotations

import difflib
import json
import os
import re
from typing import Final, Literal

from bibconv import pages
from bibconv.diagnostics import Diagnostic, Location, UnknownFormatError, info
from bibconv.formats import bibtex, csljson, ris
from bibconv.pages import html
from bibconv.protocols import Format

FORMATS: Final[dict[str, Format]] = {
    fmt.name: fmt
    for fmt in (
        csljson.FORMAT,
        bibtex.FORMAT,
        bibtex.BIBLATEX_FORMAT,
        ris.FORMAT,
        pages.FORMAT,
        html.FORMAT,
        *(layout.FORMAT for layout in pages.LAYOUTS),
    )
}

#: The names ``loads``/``load`` take (``tests/test_registry.py`` keeps them equal to the
#: table): the bibliographic formats, ``text`` (page layout detected), ``html`` and each
#: page layout by name.
ReadFormat = Literal[
    "acl-anthology",
    "arxiv-profile",
    "biblatex",
    "bibtex",
    "csljson",
    "hf-papers",
    "html",
    "references",
    "research-profile",
    "ris",
    "text",
]
#: The names ``dumps``/``dump`` take.
WriteFormat = Literal["biblatex", "bibtex", "csljson", "ris"]

_BIBTEX_ENTRY: Final = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
# '[' then '{' or ']', or '{' then '"' or '}': JSON however broken later, never prose.
_JSON_OPENING: Final = re.compile(r"\[\s*[{\]]|\{\s*[\"}]")
# The RIS reader also takes loose spacing ("TY - JOUR", with a warning), so sniffing does.
_RIS_TAG: Final = re.compile(r"^TY  - |^TY(?:[ \t]+-[ \t]*|-[ \t]+)[A-Z]{2,8}[ \t]*$", re.MULTILINE)
# XHTML pages may open with an XML declaration; saved pages with a "saved from" comment.
_HTML_START: Final = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(<!doctype\s+html|<html|<head|<meta|<body|<title|<!--)", re.I
)


def by_name(name: str) -> Format:
    """The format called ``name``, or UnknownFormatError with close matches."""
    key = name.strip().lower()
    if key in FORMATS:
        return FORMATS[key]
    close = difflib.get_close_matches(key, FORMATS, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownFormatError(f"unknown format {name!r} (known: {', '.join(sorted(FORMATS))}){hint}")


def for_path(path: str) -> Format | None:
    """The format a file name's extension names, if any (``.txt`` means page text)."""
    suffix = os.path.splitext(path)[1].lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return None


def sniff(text: str, *, notes: list[Diagnostic] | None = None, path: str = "<string>") -> Format:
    """Guess a format from content, for stdin or a file whose extension says nothing.

    Text that starts with ``[`` or ``{`` is CSL-JSON only if it parses as JSON or plainly
    opens a JSON array of objects (whose syntax error the CSL-JSON reader then reports);
    otherwise (``[1] A. Vaswani, ...``: a numbered reference list) it is page text, and an
    info line saying why goes to ``notes``.
    """
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head[:1] in "[{" and head:
        if _JSON_OPENING.match(head) or _parses_as_json(text):
            return FORMATS[csljson.NAME]
        if notes is not None:
            notes.append(
                info(
                    "input.not-json",
                    f"starts with {head[0]!r} but is not JSON; read as page text "
                    "(pass --from csljson to read it as CSL-JSON)",
                    Location(path, 1, 1),
                )
            )
        return FORMATS[pages.NAME]
    if _HTML_START.match(head):
        return FORMATS[html.NAME]
    if _RIS_TAG.search(head):
        return FORMATS[ris.NAME]
    if _BIBTEX_ENTRY.search(text[:65536]):
        return FORMATS[bibtex.NAME]
    return FORMATS[pages.NAME]


def _parses_as_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return False
    return True


def readable() -> list[str]:
    return sorted(name for name, fmt in FORMATS.items() if fmt.read is not None)


def writable() -> list[str]:
    return sorted(name for name, fmt in FORMATS.items() if fmt.write is not None)
