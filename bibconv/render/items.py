"""CSL-JSON items -> citeproc-py ``Reference`` objects (used only by render/).

We build references ourselves instead of using citeproc-py's ``CiteProcJSON`` because:

- it knows only eleven name variables, so ``director``, ``chair``, ``compiler``... stay
  strings and rendering them raises; every CSL name variable is a name list here;
- it lower-cases ids, so ``Smith2020`` and ``smith2020`` collide; we key by position;
- it warns on variables it does not list, and our tests turn warnings into errors;
- a final ``{"literal": "others"}`` must become "et al.", not a name called "others":
  we replace it with a marker name that ``render.fixes.others_to_et_al`` rewrites;
- text that the output markup treats as special (``<`` in HTML, ``_`` in LaTeX) is
  replaced by private-use placeholders here and escaped after rendering, so text-case
  changes and citeproc-py's joins cannot break the escapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final, cast

from citeproc.source import Date, DateRange, LiteralDate, Name, Reference
from citeproc.string import MixedString, NoCase, String

from bibconv import _richtext, model
from bibconv.model import CslItem, CslName, is_others
from bibconv.render.markup import OTHERS_MARK, RICH_MARKS

NAME_VARIABLES: Final = frozenset(model.NAME_VARIABLES)
# "container" is a date in CSL-JSON 1.0.2's schema though not in the spec's list
DATE_VARIABLES: Final = frozenset({*model.DATE_VARIABLES, "container"})
_NAME_PARTS: Final = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
CJK_FAMILY: Final = "cjk-family"  # extra key on a CJK name: its family name alone
_LEADING_PARTICLE: Final = re.compile(r"^((?:[a-zà-ÿ]+\s+)+)(\S.*)$")
_SKIPPED: Final = frozenset({"id", "type", "custom", "citation-key", "key"})

Protect = Callable[[str], str]


def to_reference(key: str, item: CslItem, protect: Protect) -> Reference:
    """One CSL-JSON item as a citeproc-py Reference keyed ``key``."""
    ref = Reference(key, str(item.get("type") or "document"))
    data: Mapping[str, Any] = item
    for variable, value in data.items():
        if variable in _SKIPPED or value in (None, "", []):
            continue
        converted = _convert(variable, value, protect)
        if converted is not None:
            # Set after construction: Reference() warns on variables it does not list.
            ref[variable.replace("-", "_")] = converted
            if "-" in variable:  # citeproc-py's <number> looks up the hyphenated name
                ref[variable] = converted
    return ref


def _convert(variable: str, value: Any, protect: Protect) -> Any:
    if variable in NAME_VARIABLES:
        return _names(value, protect) or None
    if variable in DATE_VARIABLES:
        return _date(value) if isinstance(value, dict) else None
    if variable == "language":
        return str(value)
    if isinstance(value, (str, int, float)):
        text = str(value)
        if variable in _RANGE_VARIABLES:
            text = _NUMBER_RANGE.sub("\\1\u2013\\2", text)
        if variable in ("URL", "DOI"):
            return String(protect(text))
        return _text(text, protect)
    return None  # nested structures other than names and dates have no CSL meaning


# an issue "4-6" gets an en dash, as citeproc-js does (citeproc-py did it only for pages)
_RANGE_VARIABLES: Final = frozenset({"issue", "volume", "chapter-number", "collection-number"})
_NUMBER_RANGE: Final = re.compile(r"^(\d+)\s*-{1,2}\s*(\d+)$")
_STRAIGHT_QUOTED: Final = re.compile(r'"([^"]+)"')


def _curly_double_quotes(text: str) -> str:
    """'"Le SuperPolm"' prints with typographic quotes, as citeproc-js does."""
    return _STRAIGHT_QUOTED.sub("\u201c\\1\u201d", text) if '"' in text else text


# "<i>E. coli?</i>" -> "<i>E. coli</i>?": the style's own period can then meet the "?"
# (citeproc-py and our fixes join punctuation only when nothing stands between)
_TRAILING_PUNCTUATION: Final = re.compile(r"([.?!,;:]+)((?:</(?:i|b|sup|sub|span)>)+)$")


def _text(value: str, protect: Protect) -> Any:
    """A string with its CSL rich text kept: ``<span class="nocase">`` parts out of text-case
    changes, ``<i>``, ``<b>``, ``<sup>``, ``<sub>`` and small caps as marks the output
    markup renders (``Markup.finish``)."""
    parts = _richtext.pieces(_TRAILING_PUNCTUATION.sub(r"\2\1", value))
    if parts is None:
        return String(protect(_curly_double_quotes(value)))
    segments: list[String] = []
    current: list[str] = []
    nocase = 0
    for kind, content in parts:
        if content == "nocase" and kind != "text":
            if current:  # a nocase span starts or ends a segment of its own
                segments.append(NoCase("".join(current)) if nocase else String("".join(current)))
                current = []
            nocase += 1 if kind == "open" else -1
        elif kind == "text":
            current.append(protect(_curly_double_quotes(content)))
        else:
            current.append(RICH_MARKS[content, kind == "open"])
    if current:
        segments.append(NoCase("".join(current)) if nocase else String("".join(current)))
    if len(segments) == 1 and not isinstance(segments[0], NoCase):
        return segments[0]
    return MixedString(segments)


def _names(value: Any, protect: Protect) -> list[Name]:
    if not isinstance(value, list):
        return []
    names: list[Name] = []
    for position, raw in enumerate(value):
        if not isinstance(raw, dict):
            continue
        if is_others(cast(CslName, raw)) and position == len(value) - 1 and position > 0:
            names.append(Name(literal=OTHERS_MARK))
            continue
        names.append(_name(raw, protect))
    return names


def _name(raw: Mapping[str, Any], protect: Protect) -> Name:
    if raw.get("literal"):
        return Name(literal=protect(str(raw["literal"])))
    parts = {p: protect(str(raw[p])) for p in _NAME_PARTS if raw.get(p)}
    match = _LEADING_PARTICLE.match(parts.get("family", ""))
    if match and "non-dropping-particle" not in parts and match.group(2)[:1].isupper():
        # "van Hasselt" is particle "van" + "Hasselt", as citeproc-js parses it, so styles
        # that demote particles print "Hasselt, Hado van"
        parts["non-dropping-particle"], parts["family"] = match.group(1).strip(), match.group(2)
    if _is_cjk(parts.get("family", "")) and _is_cjk(parts.get("given", "")):
        # CJK names print family then given with no space or comma ("张伟"), as citeproc-js;
        # the short form (citations) is the family name alone (see _NameFix).
        name = Name(literal=parts.get("family", "") + parts.get("given", ""))
        name[CJK_FAMILY] = parts.get("family", "")
        return name
    if "family" not in parts and "given" in parts:
        return Name(literal=parts["given"])
    return Name(**parts)


def _is_cjk(text: str) -> bool:
    return bool(text) and all(
        "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"
        for c in text
    )


class SuffixedYear(int):
    """A year that prints with its disambiguation suffix ("2025a") but sorts as a number."""

    suffix: str

    def __new__(cls, year: int, suffix: str) -> SuffixedYear:
        obj = super().__new__(cls, year)
        obj.suffix = suffix
        return obj

    def __str__(self) -> str:
        return f"{int(self)}{self.suffix}"

    def __abs__(self) -> SuffixedYear:
        return self if self >= 0 else SuffixedYear(-int(self), self.suffix)


def _date_part(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _single_date(parts: list[Any], season: Any = None) -> Date | None:
    numbers = [_date_part(p) for p in parts[:3]]
    if not numbers or numbers[0] is None:
        return None
    fields: dict[str, Any] = {"year": numbers[0]}
    if len(numbers) > 1 and numbers[1] is not None and 1 <= numbers[1] <= 12:
        fields["month"] = numbers[1]
        if len(numbers) > 2 and numbers[2] is not None and 1 <= numbers[2] <= 31:
            fields["day"] = numbers[2]
    elif season is not None and _date_part(season) in (1, 2, 3, 4):
        fields["season"] = _date_part(season)
    return Date(**fields)


def _date(value: Mapping[str, Any]) -> Any:
    circa = bool(value.get("circa"))
    raw_parts = value.get("date-parts") or []
    dates = [
        d
        for d in (_single_date(list(p), value.get("season")) for p in raw_parts if p)
        if d is not None
    ]
    if len(dates) == 1 or (len(dates) > 1 and dates[0] == dates[1]):
        dates[0]["circa"] = circa
        return dates[0]
    if len(dates) > 1:
        return DateRange(begin=dates[0], end=dates[1], circa=circa)
    text = value.get("literal") or value.get("raw")
    if text:
        year = _date_part(str(text)[:4])
        return Date(year=year, circa=circa) if year else LiteralDate(str(text), circa=circa)
    return None


def with_year_suffix(ref: Reference, suffix: str, *, explicit: bool) -> None:
    """Give a reference its disambiguation letter.

    Styles that print ``year-suffix`` themselves get the variable; for the others CSL puts
    the letter after the first rendered year, which a ``SuffixedYear`` does.
    """
    if explicit:
        ref["year_suffix"] = String(suffix)
        return
    issued = ref.get("issued")
    if isinstance(issued, Date) and "year" in issued:
        issued["year"] = SuffixedYear(int(issued["year"]), suffix)
    elif isinstance(issued, DateRange):
        issued["begin"]["year"] = SuffixedYear(int(issued["begin"]["year"]), suffix)
