"""What each output format cannot hold: the one LOSSES table, and how items are compared.

``LOSSES[fmt]`` names the CSL variables that do not survive a *lossless*
``csl -> fmt -> csl`` through bibconv itself (``WriteOptions(lossless=True)``, which
writes carriers only bibconv reads back: BibTeX ``csl-custom``/``csl-type``, RIS
``N1  - csl.<variable>: <value>`` notes). The round-trip tests ignore exactly these (and
nothing else), and ``docs/formats.md`` lists them (a test checks the docs against this
table).

By default writers leave the carriers out, so a file holds only what its format defines;
they say, per item, what the *format* cannot hold natively (and so left out), as INFO
diagnostics with a code ending in ``.cannot-hold`` (shown by ``convert --report-loss``).

No format module is imported here, so every module may use :func:`comparable`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from bibconv.diagnostics import Diagnostic, Severity
from bibconv.model import DATE_VARIABLES, LEGACY_VARIABLES, NAME_VARIABLES

#: Every CSL 1.0.2 variable that holds a string or number (names and dates are in
#: ``bibconv.model.NAME_VARIABLES`` / ``DATE_VARIABLES``).
CSL_TEXT_VARIABLES: Final[tuple[str, ...]] = (
    "abstract",
    "annote",
    "archive",
    "archive-place",
    "archive_collection",
    "archive_location",
    "authority",
    "call-number",
    "chapter-number",
    "citation-key",
    "citation-label",
    "citation-number",
    "collection-number",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "edition",
    "event-place",
    "event-title",
    "first-reference-note-number",
    "genre",
    "ISBN",
    "ISSN",
    "issue",
    "jurisdiction",
    "keyword",
    "language",
    "license",
    "locator",
    "medium",
    "note",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "page",
    "page-first",
    "part",
    "part-title",
    "PMCID",
    "PMID",
    "printing",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "supplement",
    "title",
    "title-short",
    "URL",
    "version",
    "volume",
    "volume-title",
    "volume-title-short",
    "year-suffix",
)


def _all_but(*held: str) -> frozenset[str]:
    every = (*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES)
    unknown = set(held) - set(every)
    assert not unknown, f"not CSL variables: {sorted(unknown)}"
    return frozenset(every) - frozenset(held)


#: What refer (and EndNote XML, but for the journal abbreviation) has no tag for.
_REFER_LOSSES: Final = _all_but(
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "volume",
    "issue",
    "number",
    "page",
    "edition",
    "number-of-volumes",
    "URL",
    "DOI",
    "ISBN",
    "ISSN",
    "abstract",
    "note",
    "language",
    "title-short",
    "genre",
    "call-number",
    "source",
    "section",
    "keyword",
    "author",
    "editor",
    "collection-editor",
    "translator",
    "issued",
    "accessed",
)


#: Per output format, the CSL variables a bibconv round trip through it does not keep.
#: ``csljson`` is the model itself; ``ris`` keeps everything (tags, or ``N1 csl.*`` notes
#: when lossless).
#: BibTeX/BibLaTeX: kept in step with ``bibconv.formats.bibtex`` by the round-trip tests.
LOSSES: Final[Mapping[str, frozenset[str]]] = {
    "csljson": frozenset(),
    "cslyaml": frozenset(),
    "ris": frozenset(),
    "bibtex": frozenset(),
    "biblatex": frozenset(),
    # The formats without carriers: every variable but those they have a tag for.
    "refer": _REFER_LOSSES,
    "endnote-xml": _REFER_LOSSES - {"container-title-short"},  # <periodical><abbr-1>
    "bibjson": _all_but(
        "author",
        "editor",
        "translator",
        "container-author",
        "title",
        "collection-title",
        "volume",
        "number-of-volumes",
        "number-of-pages",
        "edition",
        "chapter-number",
        "page",
        "publisher-place",
        "DOI",
        "URL",
        "ISBN",
        "ISSN",
        "abstract",
        "note",
        "keyword",
        "annote",
        "genre",
        "status",
        "title-short",
        "container-title-short",
        "event-title",
        "event-place",
        "version",
        "original-publisher-place",
        "original-publisher",
        "original-title",
        "call-number",
        "container-title",
        "publisher",
        "issue",
        "number",
        "collection-number",
        "issued",
        "PMID",
        "PMCID",
        "license",
    ),
    # CFF: what a reference cannot hold (the work at the top holds less: docs/formats.md).
    "cff": _all_but(
        "title",
        "abstract",
        "volume",
        "issue",
        "edition",
        "ISBN",
        "ISSN",
        "number",
        "section",
        "note",
        "version",
        "medium",
        "genre",
        "container-title",
        "number-of-pages",
        "volume-title",
        "author",
        "editor",
        "collection-editor",
        "translator",
        "recipient",
        "issued",
        "accessed",
        "page",
        "DOI",
        "URL",
        "publisher",
        "publisher-place",
        "event-title",
        "event-place",
        "keyword",
        "license",
        "language",
    ),
    "nbib": _all_but(
        "title",
        "abstract",
        "license",
        "volume",
        "issue",
        "container-title",
        "container-title-short",
        "collection-title",
        "publisher",
        "publisher-place",
        "ISBN",
        "ISSN",
        "edition",
        "language",
        "note",
        "PMID",
        "PMCID",
        "DOI",
        "page",
        "keyword",
        "author",
        "editor",
        "issued",
        "submitted",
        "available-date",
    ),
    "mods": _all_but(
        "title",
        "title-short",
        "container-title",
        "container-title-short",
        "collection-title",
        "collection-number",
        "publisher",
        "publisher-place",
        "edition",
        "issued",
        "accessed",
        "DOI",
        "ISBN",
        "ISSN",
        "PMID",
        "PMCID",
        "URL",
        "volume",
        "issue",
        "chapter-number",
        "section",
        "page",
        "number-of-pages",
        "abstract",
        "note",
        "license",
        "language",
        "keyword",
        "genre",
        "container-author",
        "author",
        "editor",
        "translator",
        "illustrator",
        "compiler",
        "director",
        "interviewer",
        "recipient",
        "contributor",
        "composer",
        "curator",
        "performer",
        "producer",
        "host",
        "organizer",
    ),
}


def comparable(value: Any) -> Any:
    """``value`` with the differences CSL itself treats as equal folded away.

    CSL number variables may be numbers or strings (``12`` and ``"12"``), so numbers
    become strings; an empty ``custom`` object is the same as none; a page range's dash
    may be a hyphen or an en dash, spaced or not (``12-20``, ``12 – 20``, ``12 -``;
    readers give a hyphen); a
    deprecated spelling (``journalAbbreviation``) is its CSL 1.0.2 variable. Used to
    decide what survived a round trip, by writers (RIS) and by the round-trip tests alike.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        return {
            _current_name(k, value): _PAGE_DASHES.sub("-", v)
            if k == "page" and isinstance(v, str)
            else comparable(v)
            for k, v in value.items()
            if not (k == "custom" and v in ({}, None))
        }
    return value


def _current_name(key: str, item: Mapping[str, Any]) -> str:
    """``key``, or the 1.0.2 variable a deprecated one names (unless the item has both)."""
    current = LEGACY_VARIABLES.get(key)
    return current if current is not None and current not in item else key


#: A page range's dashes with the spaces around them, wherever they are ('12 -', '/ -').
_PAGE_DASHES: Final = re.compile(r"(?:\s*[-‐‑‒–—])+\s*")


def cannot_hold(
    item: Mapping[str, Any], label: str, code: str, key: str, why: str = ""
) -> Diagnostic:
    """The ``<code>`` note for one variable (or ``custom.<key>``) a writer left out.

    The formats without bibconv carriers (CSL-YAML aside) say it this way, so
    ``--report-loss`` reads alike for all of them.
    """
    item_id = str(item.get("id", ""))
    what = why or f"{label} has no field for '{key}'"
    return Diagnostic(
        Severity.INFO, code, f"{item_id}: {what}; it is left out", item_id=item_id or None
    )


def cannot_hold_exactly(
    item: Mapping[str, Any], label: str, code: str, key: str, how: str
) -> Diagnostic:
    """The ``<code>`` note for a variable a writer wrote as near as its format goes, so
    that it reads back otherwise (``how`` says how, in parentheses)."""
    item_id = str(item.get("id", ""))
    message = f"{item_id}: {label} cannot hold '{key}' exactly {how}"
    return Diagnostic(Severity.INFO, code, message, item_id=item_id or None)


def unheld(item: Mapping[str, Any], held: frozenset[str]) -> list[str]:
    """The keys of ``item`` (and ``custom.<key>``) a writer holding ``held`` leaves out.

    ``held`` names CSL variables, and ``custom.<key>`` for custom keys it writes back.
    """
    lost = [k for k in item if k not in held and k not in ("id", "custom")]
    custom = item.get("custom")
    if isinstance(custom, Mapping):
        lost.extend(f"custom.{k}" for k in custom if f"custom.{k}" not in held)
    return lost
