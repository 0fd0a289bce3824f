"""A RIS field and what the tag table's conversions make of it: the located `Field`,
`Mapped` (a row's result), the two conversion signatures, a field's text as the mapping
sees it (`collapse`), the plain text conversion and `only_values` (a row for some of a
tag's values), which the value modules (`text`, `names`, `dates`, `identifiers`) build on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, NamedTuple

from bibconv.diagnostics import Diagnostic, Location
from bibconv.formats.ris.tables import MAPPED_TAGS, PROSE_TAGS


class Field(NamedTuple):
    """One tag line (with its continuation lines) of a record."""

    tag: str
    value: str
    location: Location | None = None


class Mapped(NamedTuple):
    """What one ``TAG_MAP`` row made of its tag's fields."""

    value: Any  # the variable's new value; None leaves it unset
    rejected: list[Field]  # fields the variable could not take: kept in custom["ris"]
    problems: list[Diagnostic]


ToCsl = Callable[[Sequence[Field], Any], Mapped]  # (fields, current value) -> Mapped


FromCsl = Callable[[Any], list[str]]  # CSL value -> tag values (one line each)


ENTITY: Final = re.compile(r"&(?:#\d+|#x[\da-fA-F]+|[A-Za-z][A-Za-z\d]*);")


def collapse(field: Field) -> str:
    """A field's text; line breaks survive only in prose tags (and unknown ones).

    Outside prose, HTML character references (``Caf&eacute;``, which publishers' RIS
    has) are decoded, as Zotero does for every tag but ``N1``, ``AB`` and ``RN``.
    """
    text = field.value
    if field.tag in PROSE_TAGS or field.tag not in MAPPED_TAGS:
        return text
    if "\n" in text:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return html.unescape(text) if "&" in text and ENTITY.search(text) else text


def text_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """A single-valued text: the first value wins; different further values are kept aside."""
    texts = [(f, collapse(f)) for f in fields]
    value = current if current is not None else texts[0][1]
    rejected = [f for f, text in texts if text != value]
    return Mapped(value, rejected, [])


def text_from_csl(value: Any) -> list[str]:
    return [str(value)]


def only_values(keep: Callable[[str], bool], to_csl: ToCsl, *, rest: bool = False) -> ToCsl:
    """``to_csl`` for the fields whose value ``keep`` accepts.

    A sibling row of the same tag takes the other values; with ``rest`` there is none,
    and they are rejected (kept in ``custom``).
    """

    def partial(fields: Sequence[Field], current: Any) -> Mapped:
        mine = [f for f in fields if keep(f.value)]
        others = [f for f in fields if not keep(f.value)] if rest else []
        if not mine:
            return Mapped(current, others, [])
        mapped = to_csl(mine, current)
        return mapped._replace(rejected=[*mapped.rejected, *others])

    return partial
