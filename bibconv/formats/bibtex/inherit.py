"""Crossref and xdata inheritance: BibTeX's rule and biber's default rules (biblatex
manual appendix B, "Default Crossref Setup"), used only by ``formats.bibtex``.

Works on raw field values (before any mapping to CSL), so a child inherits exactly what
biber would hand to biblatex; the names it took are kept by the caller, so the writer
leaves them to the parent again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from bibconv.formats.bibtex import biblatex as _biblatex
from bibconv.formats.bibtex import syntax

#: Fields a child never inherits (biber's ``\DeclareDataInheritance{*}{*}`` rules): the
#: entry's own controls, not data. Both readers follow this.
NOT_INHERITED: Final = frozenset(
    {
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
        "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
        "shorthand", "shorthandintro", "sortkey",
    }
)  # fmt: skip
#: Fields that belong to one entry (bibconv's own among them).
OWN_FIELDS: Final = frozenset(
    {"crossref", "xdata", "key", "csl-type", "csl-custom", "csl-publisher-place"}
)
#: part field -> its main field (subtitle -> title; shorttitle abbreviates the title).
MAIN_OF: Final[dict[str, str]] = {
    part: main for _, main, parts in _biblatex.TITLE_PARTS for _, part in parts
} | {"shorttitle": "title", "sorttitle": "title"}


@dataclass(frozen=True)
class Rules:
    """What the dialect needs: biblatex's rules or BibTeX's, and the caller's notions of
    a field being present (in either dialect's spelling) and of an entry's type."""

    biblatex: bool
    present: Callable[[Mapping[str, str], str], bool]
    spellings: Mapping[str, tuple[str, ...]]
    entry_type: Callable[[str, Mapping[str, str]], str]


def parent_keys(values: Mapping[str, str]) -> list[tuple[str, str]]:
    """(key, "xdata"|"crossref") in the order biber resolves them: xdata first."""
    xdata = [(key, "xdata") for key in _keys(values.get("xdata", ""))]
    return xdata + [(key, "crossref") for key in _keys(values.get("crossref", ""))[:1]]


def _keys(value: str) -> list[str]:
    """``crossref``/``xdata`` keys: one, or (xdata) a comma-separated list."""
    return [key.strip() for key in value.strip().strip("{}").split(",") if key.strip()]


def first_values(entry: syntax.Entry) -> dict[str, str]:
    values: dict[str, str] = {}
    for fld in entry.fields:
        values.setdefault(fld.name, fld.value)
    return values


#: How many levels of parents are followed (biblatex data goes 3 deep: mvbook -> book ->
#: inbook, with an xdata or two); deeper chains are cut there, so hostile input can neither
#: exhaust the stack nor make an entry walk a long chain (issue 12).
DEEPEST_CHAIN: Final = 10


def resolved(
    entry: syntax.Entry,
    parents: Mapping[str, syntax.Entry],
    rules: Rules,
    seen: set[str],
    memo: dict[tuple[str, int], dict[str, str]] | None = None,
) -> dict[str, str]:
    """An entry's fields with its own xdata and crossref parents filled in (a cycle or a
    missing key just ends the chain: the entry itself reports it when it is mapped).

    ``memo`` (shared by the entries of one input) keeps each parent's result at each depth
    (a parent's fields depend on how many levels are left above it), so a file of long
    chains or of parents shared level after level resolves in linear time (issue 12).
    """
    return _resolve(entry, parents, rules, seen, {} if memo is None else memo, 0)[0]


def _resolve(
    entry: syntax.Entry,
    parents: Mapping[str, syntax.Entry],
    rules: Rules,
    seen: set[str],
    memo: dict[tuple[str, int], dict[str, str]],
    depth: int,
) -> tuple[dict[str, str], bool]:
    """:func:`resolved`, and whether the result holds from anywhere (no cycle cut it)."""
    values = first_values(entry)
    seen = seen | {entry.key.lower()}
    anywhere = True
    for key, kind in parent_keys(values):
        lowered = key.lower()
        parent = parents.get(lowered)
        if parent is None or depth >= DEEPEST_CHAIN:
            continue
        if lowered in seen:
            anywhere = False
            continue
        parent_values = memo.get((lowered, depth))
        if parent_values is None:
            parent_values, parent_anywhere = _resolve(parent, parents, rules, seen, memo, depth + 1)
            if parent_anywhere:
                memo[lowered, depth] = parent_values
            anywhere = anywhere and parent_anywhere
        inherit_into(values, entry.type, parent.type, parent_values, rules, kind)
    return values, anywhere


def inherit_into(
    fields: dict[str, str],
    child_type: str,
    parent_type: str,
    parent_values: Mapping[str, str],
    rules: Rules,
    kind: str,
) -> list[str]:
    """Copy what ``fields`` lacks from a parent; returns the names copied.

    ``xdata``: every field under its own name. ``crossref``: BibTeX copies same-named
    fields, then the title renames fill what is left (a proceedings' title names the
    paper's book); biber applies biblatex's type-specific rules first (``title`` ->
    ``booktitle``/``maintitle``/``journaltitle`` ...) and never copies a renamed field
    under its own name.
    """
    parent_type = rules.entry_type(parent_type, parent_values)
    renames = _biblatex.inheritance_renames(parent_type, child_type) if kind == "crossref" else {}
    inherited: list[str] = []

    def take(name: str, value: str) -> None:
        if not name or rules.present(fields, name):
            return
        main = MAIN_OF.get(name)
        if (
            not rules.biblatex
            and main is not None
            and rules.present(fields, main)
            and not set(rules.spellings.get(main, (main,))) & set(inherited)
        ):
            # BibTeX copies every missing field, but a parent's subtitle (or short title)
            # belongs to the parent's title, not to a child with a title of its own.
            return
        fields[name] = value
        inherited.append(name)

    skipped: frozenset[str] = NOT_INHERITED
    if rules.biblatex:
        for source, target in renames.items():
            if source in parent_values:
                take(target, parent_values[source])
        skipped |= renames.keys() - _biblatex.INHERIT_ALSO_AS_ITSELF
    for name, value in parent_values.items():
        if name not in OWN_FIELDS and name not in skipped:
            take(name, value)
    if not rules.biblatex:
        for source, target in renames.items():
            if source in parent_values:
                take(target, parent_values[source])
    return inherited
