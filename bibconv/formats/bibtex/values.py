"""BibTeX/BibLaTeX field values -> CSL values, one value at a time: the converter of each
table row kind (names, pages, verbatim URLs and DOIs, dates, text), ``READERS`` (field
name -> CSL variable and converter), BibLaTeX/ISO dates and month names, and JSON values
(``csl-custom``, ``categories``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from bibconv import _json
from bibconv._vocab import MONTHS as MONTH_WORDS
from bibconv.formats.bibtex import biblatex as _biblatex
from bibconv.formats.bibtex import latex
from bibconv.formats.bibtex.mapping import (
    _BY_FIELD,
    _READ_ALIASES,
    BIBSTRING,
    DATE,
    NAMES,
    PAGES,
    PLAIN,
    TEXT,
    TITLE,
    VERBATIM,
)
from bibconv.formats.bibtex.names import parse_names
from bibconv.model import CslDate

YEAR: Final = re.compile(r"-?\d{1,4}")


_ISO_DATE: Final = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_month(value: str) -> int | None:
    text = value.strip().strip("{}").strip().lower().rstrip(".")
    if text.isdecimal():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTH_WORDS.get(text)


def agrees(name: str, value: str, date: CslDate) -> bool:
    parts = date.get("date-parts", [[]])[0]
    index = {"year": 0, "month": 1, "day": 2}[name]
    if len(parts) <= index:
        return False
    if name == "month":
        return parse_month(value) == parts[1]
    return value.strip().strip("{}") == str(parts[index])


def parse_date(value: str) -> CslDate | None:
    """A BibLaTeX/ISO 8601 date or range (``2020-01/2020-03``, ``2020/``) as a CslDate."""
    text = value.strip().strip("{}").strip()
    if not text:
        return None
    halves = text.split("/")
    if len(halves) > 2:
        return None
    parts: list[list[int | str]] = []
    for number, half in enumerate(halves):
        half = half.strip()
        if not half and number == 1:
            continue  # an open range "2020/" keeps its start only
        m = _ISO_DATE.fullmatch(half)
        if m is None:
            return None
        one: list[int | str] = [int(m.group(1))]
        if m.group(2):
            month = int(m.group(2))
            if not 1 <= month <= 12:
                return None
            one.append(month)
            if m.group(3):
                one.append(int(m.group(3)))
        parts.append(one)
    if len(halves) == 2 and not halves[1].strip():
        return None if not parts else {"date-parts": parts, "raw": text}
    return {"date-parts": parts}


def date_or_literal(value: str) -> CslDate:
    """A date field's date; text that is no date ("n.d.", "yesterday") is CSL's literal
    date, as the writer gives a literal back."""
    return parse_date(value) or {"literal": latex.decode(value)}


def _pages(value: str) -> str:
    return latex.decode(value).replace("–", "-").replace("—", "-")


CONVERTERS: Final[dict[str, Callable[[str], Any]]] = {
    NAMES: lambda value: parse_names(value),
    PAGES: _pages,
    VERBATIM: lambda value: verbatim(value),
    DATE: lambda value: date_or_literal(value),
    TEXT: latex.decode,
    PLAIN: latex.decode,
    BIBSTRING: lambda value: _biblatex.bibstring(value) or latex.decode(value),
}


#: Field name (either dialect's spelling) -> (CSL variable, converter), for the table rows
#: that need no look at the rest of the entry (title is special: its braces may be kept).
READERS: Final[dict[str, tuple[str, Callable[[str], Any]]]] = {
    name: (row[2], CONVERTERS[row[3]]) for name, row in _BY_FIELD.items() if row[3] != TITLE
}


READERS.update(
    {alias: READERS[target] for alias, target in _READ_ALIASES.items() if target in READERS}
)


_VERBATIM_ESCAPES: Final = re.compile(r"\\([_%&#~$])")


def verbatim(value: str) -> str:
    """URLs and DOIs: not LaTeX; only escaped specials and outer braces are undone."""
    text = value.strip()
    if text.startswith("\\url{") and text.endswith("}"):
        text = text[5:-1]
    while text.startswith("{") and text.endswith("}") and "{" not in text[1:-1]:
        text = text[1:-1]
    return _VERBATIM_ESCAPES.sub(r"\1", text).strip()


def json_strings(value: str) -> list[str] | None:
    try:
        loaded = _json.loads(value)
    except ValueError:
        return None
    if isinstance(loaded, list) and all(isinstance(v, str) for v in loaded):
        return loaded
    return None


def json_object(value: str) -> dict[str, Any] | None:
    try:
        loaded = _json.loads(value)
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None
