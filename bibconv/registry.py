"""The static table of formats: names, file extensions, and content sniffing.

The table names each format's module without importing it (pygments keeps its lexers the
same way): ``import bibconv`` and ``bibconv check`` pay only for what they use, and a
reader's module (with bs4, bibtexparser or citeproc behind it) loads the first time its
format is looked up. ``tests/test_registry.py`` keeps every row equal to the module's own
``Format`` (name, extensions, read/write).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Final, Literal

from bibconv.diagnostics import Diagnostic, Location, UnknownFormatError, info
from bibconv.protocols import Format


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """What the registry knows of a format before its module is imported."""

    name: str
    module: str  # imported on first use
    attribute: str  # the module's Format constant
    extensions: tuple[str, ...] = ()
    reads: bool = True
    writes: bool = False


def _page_layout(name: str, module: str) -> FormatSpec:
    return FormatSpec(name, f"bibconv.pages.{module}", "FORMAT")


#: Every format, in the order ``for_path`` tries extensions. Adding a format: one row here.
SPECS: Final[tuple[FormatSpec, ...]] = (
    FormatSpec("csljson", "bibconv.formats.csljson", "FORMAT", (".json", ".csljson"), writes=True),
    FormatSpec("bibtex", "bibconv.formats.bibtex", "FORMAT", (".bib", ".bibtex"), writes=True),
    FormatSpec("biblatex", "bibconv.formats.bibtex", "BIBLATEX_FORMAT", writes=True),
    FormatSpec("ris", "bibconv.formats.ris", "FORMAT", (".ris",), writes=True),
    FormatSpec("cslyaml", "bibconv.formats.cslyaml", "FORMAT", (".yaml", ".yml"), writes=True),
    FormatSpec("nbib", "bibconv.formats.nbib", "FORMAT", (".nbib", ".medline"), writes=True),
    FormatSpec("refer", "bibconv.formats.refer", "FORMAT", (".enw", ".refer"), writes=True),
    FormatSpec("endnote-xml", "bibconv.formats.endnote_xml", "FORMAT", (".xml",), writes=True),
    FormatSpec("mods", "bibconv.formats.mods", "FORMAT", (".xml", ".mods"), writes=True),
    FormatSpec("cff", "bibconv.formats.cff", "FORMAT", (".cff",), writes=True),
    FormatSpec("bibjson", "bibconv.formats.bibjson", "FORMAT", (".bibjson", ".json"), writes=True),
    FormatSpec("text", "bibconv.pages", "FORMAT", (".txt",)),
    FormatSpec("html", "bibconv.html", "FORMAT", (".html", ".htm", ".xhtml")),
    _page_layout("acl-anthology", "acl_anthology"),
    _page_layout("arxiv-profile", "arxiv_profile"),
    _page_layout("research-profile", "research_profile"),
    _page_layout("hf-papers", "hf_papers"),
    FormatSpec("references", "bibconv.references", "FORMAT"),
)


class _LazyFormats(MutableMapping[str, Format]):
    """``FORMATS``: a dict of every :class:`Format` by name whose values load on first use.

    Keys, ``in`` and ``len`` never import a format module. It is mutable only so tests can
    put a stand-in format in place (``monkeypatch.setitem``)."""

    def __init__(self, specs: tuple[FormatSpec, ...]) -> None:
        self._specs = {spec.name: spec for spec in specs}
        self._loaded: dict[str, Format] = {}

    def __getitem__(self, name: str) -> Format:
        fmt = self._loaded.get(name)
        if fmt is None:
            spec = self._specs[name]  # KeyError, as a dict
            fmt = getattr(importlib.import_module(spec.module), spec.attribute)
            assert isinstance(fmt, Format), spec
            self._loaded[name] = fmt
        return fmt

    def __setitem__(self, name: str, fmt: Format) -> None:
        self._loaded[name] = fmt

    def __delitem__(self, name: str) -> None:
        if name in self._specs:  # a stand-in taken away: the module's own format comes back
            self._loaded.pop(name, None)
        else:
            del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._specs, *self._loaded]))

    def __len__(self) -> int:
        return len(self._specs.keys() | self._loaded.keys())

    def __contains__(self, name: object) -> bool:
        return name in self._specs or name in self._loaded


FORMATS: Final[MutableMapping[str, Format]] = _LazyFormats(SPECS)

#: The names ``loads``/``load`` take (``tests/test_registry.py`` keeps them equal to the
#: table): the bibliographic formats, ``text`` (page layout detected), ``html`` and each
#: page layout by name.
ReadFormat = Literal[
    "acl-anthology",
    "arxiv-profile",
    "bibjson",
    "biblatex",
    "bibtex",
    "cff",
    "csljson",
    "cslyaml",
    "endnote-xml",
    "hf-papers",
    "html",
    "mods",
    "nbib",
    "refer",
    "references",
    "research-profile",
    "ris",
    "text",
]
#: The names ``dumps``/``dump`` take.
WriteFormat = Literal[
    "bibjson",
    "biblatex",
    "bibtex",
    "cff",
    "csljson",
    "cslyaml",
    "endnote-xml",
    "mods",
    "nbib",
    "refer",
    "ris",
]

_BIBTEX_ENTRY: Final = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
# '[' then '{' or ']', or '{' then '"' or '}': JSON however broken later, never prose.
_JSON_OPENING: Final = re.compile(r"\[\s*[{\]]|\{\s*[\"}]")
# The RIS reader also takes loose spacing ("TY - JOUR", with a warning), so sniffing does.
_RIS_TAG: Final = re.compile(r"^TY  - |^TY(?:[ \t]+-[ \t]*|-[ \t]+)[A-Z]{2,8}[ \t]*$", re.MULTILINE)
# CSL-YAML: 'references:' (pandoc) or a list whose first item opens with id:/type:.
_CSL_YAML_START: Final = re.compile(
    r"\A(?:---[ \t]*\r?\n)?(?:#.*\r?\n|[ \t]*\r?\n)*(?:references:|- (?:id|type):)"
)
_NBIB_RECORD: Final = re.compile(r"^PMID- ", re.MULTILINE)  # MEDLINE/PubMed
# refer/EndNote tagged: the first line that is not blank is %0, %A or %T.
_REFER_START: Final = re.compile(r"\A(?:[ \t]*\r?\n)*%[0AT] \S")
_ENDNOTE_XML: Final = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?<xml>\s*<records>")
_MODS_ROOT: Final = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?mods(?:Collection)?[\s>]",
    re.S,
)
_CFF_VERSION: Final = re.compile(r"^cff-version:", re.MULTILINE)  # CITATION.cff
# BibJSON, told apart from CSL-JSON by what CSL items never hold: a collection's
# "records", an "identifier" list, or author objects with a "name".
_BIBJSON: Final = re.compile(
    r'"records"\s*:\s*\[|"identifier"\s*:\s*\[|"author"\s*:\s*\[\s*\{\s*"(?:name|firstname|lastname)"'
)
# XHTML pages may open with an XML declaration; saved pages with a "saved from" comment.
_HTML_START: Final = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(<!doctype\s+html|<html|<head|<meta|<body|<title|<!--)", re.I
)


def by_name(name: str) -> Format:
    """The format called ``name``, or UnknownFormatError with close matches."""
    key = name.strip().lower()
    if key in FORMATS:
        return FORMATS[key]
    import difflib  # only for the error

    close = difflib.get_close_matches(key, FORMATS, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownFormatError(f"unknown format {name!r} (known: {', '.join(sorted(FORMATS))}){hint}")


def for_path(path: str, *, text: str | None = None) -> Format | None:
    """The format a file name's extension names, if any (``.txt`` means page text).

    Where several formats share an extension (``.xml``: EndNote XML and MODS) the first
    is the one written; given the ``text`` being read, its content picks among them.
    """
    suffix = os.path.splitext(path)[1].lower()
    claimants = [spec.name for spec in SPECS if suffix in spec.extensions]
    if not claimants:
        return None
    if text is not None and len(claimants) > 1:
        sniffed = sniff(text)
        if sniffed.name in claimants:
            return sniffed
    return FORMATS[claimants[0]]


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
            return FORMATS["bibjson" if _BIBJSON.search(head) else "csljson"]
        if notes is not None:
            notes.append(
                info(
                    "input.not-json",
                    f"starts with {head[0]!r} but is not JSON; read as page text "
                    "(pass --from csljson to read it as CSL-JSON)",
                    Location(path, 1, 1),
                )
            )
        return FORMATS["text"]
    if _CFF_VERSION.search(head):
        return FORMATS["cff"]
    if _CSL_YAML_START.match(head):
        return FORMATS["cslyaml"]
    if _NBIB_RECORD.search(head):
        return FORMATS["nbib"]
    if _ENDNOTE_XML.match(head):
        return FORMATS["endnote-xml"]
    if _MODS_ROOT.match(head):
        return FORMATS["mods"]
    if _HTML_START.match(head):
        return FORMATS["html"]
    if _RIS_TAG.search(head):
        return FORMATS["ris"]
    if _BIBTEX_ENTRY.search(text[:65536]):
        return FORMATS["bibtex"]
    if _REFER_START.match(head):  # after BibTeX: a .bib file may open with % comments
        return FORMATS["refer"]
    return FORMATS["text"]


def _parses_as_json(text: str) -> bool:
    import json  # only when the start leaves it open

    try:
        json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return False
    return True


def readable() -> list[str]:
    return sorted(spec.name for spec in SPECS if spec.reads)


def writable() -> list[str]:
    return sorted(spec.name for spec in SPECS if spec.writes)
