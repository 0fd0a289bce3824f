"""How benchmarks/conformance.py decides that a CSL-JSON field came out right.

One function, :func:`field_equal`, compares an expected value with a tool's value for one
CSL variable. The expected value is either a full CSL-JSON value or the hand-written
shorthand of the held-out expectations (benchmarks/conformance_heldout/README.md):

- a name list may hold ``"Family, Given"`` strings (split at the first ``", "``), a bare
  ``"Family"``, or name objects; a name object may say ``"particle"`` where either kind
  of particle is right;
- a date may be ``"2006"``, ``"1991-03"``, ``"2006-09-13"``, a range ``"1885/1888"``, or
  ``{"literal": ...}``;
- ``{"any": [a, b, ...]}`` accepts any of the alternatives (used only where the input or
  CSL leaves the reading open, each use listed in the README).

What counts as equal (the same rules for every tool, documented in docs/formats.md):

- text: Unicode NFC; every run of white space (including no-break spaces from ``~``) is one
  space; ends trimmed; typographic quotes equal straight ones; ``<span class="nocase">``
  wrappers are dropped (case protection is markup for styles, not text); a difference only
  in the case of the first letter is no difference (bibstrings such as "new series" are
  capitalised by the style, not the data);
- numbers equal their digits (``691`` == ``"691"``);
- ``page``-like variables: any dash (``-``, ``–``, ``—``, ``--``) between two parts is a range;
- dates: the same date-parts (numbers or digit strings) or the same literal; a ``raw``
  date is read with the shorthand rules above;
- names: each name's family with its particles in front (``von Brandt``), its given name
  (initials with or without spaces: ``E.L.`` == ``E. L.``) and suffix must match; the kind
  of particle (dropping or not) is checked only where the expectation names it; a
  ``literal`` name equals a family-only name;
- ``keyword``: the same set of keywords, split on ``,`` and ``;``;
- ``language``: BCP 47 tags compare case-insensitively (RFC 5646, section 2.1.1);
- ``DOI``: case-insensitive (DOIs are, by the DOI Handbook);
- ``type``: exactly (CSL types are lower-case names; aliases appear only as ``any``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

NAME_VARIABLES = frozenset(
    {
        "author", "chair", "collection-editor", "compiler", "composer", "container-author",
        "contributor", "curator", "director", "editor", "editorial-director",
        "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
        "organizer", "original-author", "performer", "producer", "recipient",
        "reviewed-author", "script-writer", "series-creator", "translator",
    }
)  # fmt: skip
DATE_VARIABLES = frozenset(
    {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
)
RANGE_VARIABLES = frozenset({"page", "page-first", "locator"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.DOTALL)
_DASH = re.compile(r"\s*(?:--|[-‐‑‒–—])\s*")
_INITIALS = re.compile(r"\.\s+(?=\w)")
_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")

DateKey = tuple[tuple[int, ...], ...] | tuple[str, str]


def text(value: Any) -> str:
    """A value as comparable text: NFC, one space for any white space, plain quotes."""
    s = unicodedata.normalize("NFC", str(value)).translate(_QUOTES)
    while True:
        unwrapped = _NOCASE.sub(r"\1", s)
        if unwrapped == s:
            break
        s = unwrapped
    return " ".join(s.split())


def _same_text(expected: Any, actual: Any) -> bool:
    e, a = text(expected), text(actual)
    return e == a or (e[:1].lower() == a[:1].lower() and e[1:] == a[1:])


def _date_key_of_shorthand(s: str) -> DateKey:
    parts: list[tuple[int, ...]] = []
    for piece in s.strip().split("/"):
        m = _DATE.match(piece.strip())
        if not m:
            return ("literal", text(s))
        parts.append(tuple(int(g) for g in m.groups() if g is not None))
    return _collapse(parts)


def _collapse(parts: Sequence[tuple[int, ...]]) -> tuple[tuple[int, ...], ...]:
    if len(parts) == 2 and parts[0] == parts[1]:
        return (parts[0],)
    return tuple(parts)


def date_key(value: Any) -> DateKey | None:
    """A date in either notation as date-parts (ints) or ("literal", text); None if empty."""
    if isinstance(value, str):
        return _date_key_of_shorthand(value)
    if not isinstance(value, Mapping):
        return None
    if value.get("date-parts"):
        parts: list[tuple[int, ...]] = []
        for part in value["date-parts"]:
            try:
                parts.append(tuple(int(p) for p in part if str(p).strip() != ""))
            except (TypeError, ValueError):
                return ("literal", text(part))
        return _collapse([p for p in parts if p])
    if value.get("literal"):
        return ("literal", text(value["literal"]))
    if value.get("raw"):
        return _date_key_of_shorthand(str(value["raw"]))
    return None


def _name_of_shorthand(name: Any) -> dict[str, str]:
    if isinstance(name, Mapping):
        return {k: str(v) for k, v in name.items()}
    s = str(name)
    if ", " in s:
        family, given = s.split(", ", 1)
        return {"family": family, "given": given}
    return {"family": s}


def _display_family(name: Mapping[str, str]) -> str:
    if name.get("literal") and not name.get("family"):
        return text(name["literal"])
    parts = [name.get(k, "") for k in ("particle", "dropping-particle", "non-dropping-particle")]
    return text(" ".join([*parts, name.get("family", "")]))


def _given(name: Mapping[str, str]) -> str:
    return _INITIALS.sub(".", text(name.get("given", "")))


def name_equal(expected: Any, actual: Any) -> bool:
    """One name: family with particles, given (initials spacing free), suffix, named particles."""
    e, a = _name_of_shorthand(expected), _name_of_shorthand(actual)
    if _display_family(e) != _display_family(a) or _given(e) != _given(a):
        return False
    if text(e.get("suffix", "")) != text(a.get("suffix", "")):
        return False
    return all(
        text(e[kind]) == text(a.get(kind, ""))
        for kind in ("dropping-particle", "non-dropping-particle")
        if kind in e
    )


def names_equal(expected: Any, actual: Any) -> bool:
    if not isinstance(actual, list) or not isinstance(expected, list):
        return False
    return len(expected) == len(actual) and all(map(name_equal, expected, actual))


def _keywords(value: Any) -> frozenset[str]:
    items = value if isinstance(value, list) else re.split(r"[,;\n]", str(value))
    return frozenset(t for t in (text(i) for i in items) if t)


def _one_equal(field: str, expected: Any, actual: Any) -> bool:
    if field in NAME_VARIABLES:
        return names_equal(expected, actual)
    if field in DATE_VARIABLES:
        return date_key(expected) == date_key(actual)
    if isinstance(actual, (dict, list)):
        return False
    if field == "keyword":
        return _keywords(expected) == _keywords(actual)
    if field in ("language", "DOI"):
        return text(expected).lower() == text(actual).lower()
    if field in RANGE_VARIABLES:
        return _DASH.sub("-", text(expected)) == _DASH.sub("-", text(actual))
    if field == "type":
        return text(expected) == text(actual)
    return _same_text(expected, actual)


def field_equal(field: str, expected: Any, actual: Any) -> bool:
    """True if ``actual`` (a tool's value, None when absent) reproduces ``expected``."""
    if actual is None:
        return False
    if isinstance(expected, Mapping) and set(expected) == {"any"}:
        return any(_one_equal(field, alt, actual) for alt in expected["any"])
    return _one_equal(field, expected, actual)


def show(value: Any) -> str:
    """A short one-line rendering of a value for the disagreement lists."""
    if value is None:
        return "(absent)"
    if isinstance(value, list) and value and isinstance(value[0], (dict, str)):
        names = [_name_of_shorthand(n) for n in value]
        parts = ("|".join(f"{k}={v}" for k, v in sorted(n.items()) if v) for n in names)
        return "; ".join(parts)[:160]
    if isinstance(value, Mapping) and "date-parts" in value:
        return str(date_key(value))
    return text(value)[:160]
