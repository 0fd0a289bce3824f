"""CSL-YAML: CSL items in YAML, as pandoc and Better BibTeX write them.

A file holds a mapping with a ``references:`` list (pandoc's bibliography and metadata
block shape) or a bare list of items. Only the first YAML document is read, so the
metadata block at the top of a Markdown file (``---`` ... ``---``) is read too.

Scalars are read as YAML 1.2's JSON-compatible core would read bibliographic text: only
``true``/``false`` are booleans and ``null``/``~`` nothing; numbers, dates and words such
as ``no`` or ``1:20`` stay the strings they are (YAML 1.1 would make ``title: No`` false,
``page: 1:20`` the number 80, ``issued: 2020-03-04`` a date object). Dates may be CSL
``date-parts`` objects, EDTF strings as pandoc writes them (``2020``, ``2020-03-04``,
``2019/2020``, ``2020~`` for circa, months 21-24 for seasons) or citeproc-js' list of
``{year, month, day}`` objects. Anchors and aliases are refused (no item is shared).

The writer gives pandoc's shape: ``---``, ``references:``, the items, ``...``; dates as
EDTF strings where they are plain, otherwise as CSL date objects. CSL-YAML holds
everything CSL-JSON holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar, Final, cast

import yaml

from bibconv.diagnostics import Diagnostic, Location, ParseError, error
from bibconv.formats import csljson
from bibconv.model import DATE_VARIABLES, CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "cslyaml"

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_BaseLoader):  # type: ignore[misc]  # yaml's loaders are untyped bases
    """The safe loader with only ``true``/``false`` and ``null`` resolved implicitly."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def read(text: str, options: ReadOptions) -> Parsed:
    """Parse CSL-YAML: a ``references:`` list or a bare list (or one item mapping)."""
    node = _first_document(text, options.path)
    if node is None:
        raise ParseError(_error("yaml.not-items", "the YAML document is empty", options.path))
    _refuse_aliases(node, options.path)
    entries = _entries_node(node)
    if entries is None:
        raise ParseError(
            _error(
                "yaml.not-items",
                "expected a 'references:' list of CSL items, a list of items or one item",
                options.path,
                node.start_mark,
            )
        )
    data = _construct(_children(entries), options.path)
    marks = [child.start_mark for child in _children(entries)]
    for raw in data:
        if isinstance(raw, dict):
            _read_dates(raw)
    items, diagnostics = csljson.checked_items(
        data, lambda number: _location(options.path, marks[number - 1])
    )
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def read_document(text: str, path: str) -> Any:
    """The first YAML document's data, read as CSL-YAML reads it (scalars as text, no
    aliases, no Python tags); None for an empty document. Shared with the CFF reader."""
    node = _first_document(text, path)
    if node is None:
        return None
    _refuse_aliases(node, path)
    return _construct([node], path)[0]


def _first_document(text: str, path: str) -> Any:
    loader = _Loader(text)
    try:
        return loader.get_node() if loader.check_node() else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "not YAML"
        if exc.context and exc.context_mark and exc.problem:
            start = exc.context_mark
            message += f" ({exc.context} that starts at {start.line + 1}:{start.column + 1})"
        raise ParseError(_error("yaml.syntax", f"invalid YAML: {message}", path, mark)) from exc
    except yaml.YAMLError as exc:
        raise ParseError(_error("yaml.syntax", f"invalid YAML: {exc}", path)) from exc
    finally:
        loader.dispose()


def _construct(nodes: list[Any], path: str) -> list[Any]:
    """Python values of ``nodes`` through the safe constructor (no Python tags)."""
    loader = _Loader("")
    try:
        return [loader.construct_object(node, deep=True) for node in nodes]
    except yaml.MarkedYAMLError as exc:
        raise ParseError(
            _error("yaml.syntax", f"invalid CSL-YAML: {exc.problem}", path, exc.problem_mark)
        ) from exc


def _entries_node(node: Any) -> Any:
    """The node holding the items: ``references:``'s value, the list itself, or one item."""
    if isinstance(node, yaml.SequenceNode):
        return node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "references":
                return value if isinstance(value, yaml.SequenceNode) else None
        if any(isinstance(k, yaml.ScalarNode) and k.value in ("id", "type") for k, _ in node.value):
            return node
    return None


def _children(entries: Any) -> list[Any]:
    return list(entries.value) if isinstance(entries, yaml.SequenceNode) else [entries]


def _refuse_aliases(root: Any, path: str) -> None:
    """An alias gives the same node twice (or a loop): refused, so items are plain trees."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ParseError(
                _error("yaml.alias", "YAML anchors and aliases are not read", path, node.start_mark)
            )
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def _location(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)


def _error(code: str, message: str, path: str, mark: Any = None) -> Diagnostic:
    return error(code, message, _location(path, mark))


# Dates --------------------------------------------------------------------------------

# EDTF level 0/1 as pandoc reads and writes it: year[-month[-day]], '~'/'?'/'%' qualifiers
# (all three are "circa" for CSL), months 21-24 the four seasons.
_EDTF: Final = re.compile(r"(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)")


def _read_dates(raw: dict[str, Any]) -> None:
    for variable in DATE_VARIABLES:
        if variable in raw:
            raw[variable] = read_date(raw[variable])


def read_date(value: Any) -> Any:
    """A CSL date object from an EDTF string, a year, a list of ``{year, month, day}``
    objects, or a CSL date object (returned as it is); other text becomes a literal."""
    if isinstance(value, str):
        return _edtf_date(value.strip()) or {"literal": value}
    if isinstance(value, list) and value and all(isinstance(p, dict) for p in value):
        parts = [_parts_of(p) for p in value]
        if all(parts):
            return {"date-parts": parts}
    if isinstance(value, dict) and isinstance(value.get("date-parts"), list):
        # Plain YAML scalars are read as text: date parts written as numbers are numbers.
        ranges = value["date-parts"]
        value["date-parts"] = [
            [_number(p) for p in r] if isinstance(r, list) else r for r in ranges
        ]
        if "season" in value:
            value["season"] = _number(value["season"])
    return value


def _parts_of(piece: dict[str, Any]) -> list[int | str]:
    parts: list[int | str] = []
    for key in ("year", "month", "day"):
        if key not in piece:
            break
        parts.append(_number(piece[key]))
    return parts


def _number(value: Any) -> int | str:
    return int(value) if isinstance(value, str) and value.lstrip("-").isdecimal() else value


def _edtf_date(text: str) -> dict[str, Any] | None:
    ends = text.split("/")
    if len(ends) > 2:
        return None
    readings = [_EDTF.fullmatch(end) for end in ends]
    if not all(readings):
        return None
    date: dict[str, Any] = {"date-parts": []}
    for reading in cast(list[re.Match[str]], readings):
        year, month, day, qualifier = reading.groups()
        parts = [int(year)]
        if month and 21 <= int(month) <= 24 and not day and len(ends) == 1:
            date["season"] = int(month) - 20
        elif month:
            if not 1 <= int(month) <= 12:
                return None
            parts.append(int(month))
            if day:
                parts.append(int(day))
        date["date-parts"].append(parts)
        if qualifier:
            date["circa"] = True
    return date


def edtf(date: Any) -> str | None:
    """The EDTF string of a plain CSL date (date-parts of numbers, maybe circa or a
    numeric season), else None: such a date is written as the CSL object it is."""
    if not isinstance(date, dict) or not set(date) <= {"date-parts", "circa", "season"}:
        return None
    ranges = date.get("date-parts")
    if not isinstance(ranges, list) or not 1 <= len(ranges) <= 2:
        return None
    season = date.get("season")
    if season is not None and not (isinstance(season, int) and 1 <= season <= 4):
        return None
    if season is not None and (len(ranges) != 1 or len(ranges[0]) != 1):
        return None
    circa = "~" if date.get("circa") is True else ""
    if date.get("circa") not in (None, True):
        return None
    ends = []
    for parts in ranges:
        if not isinstance(parts, list) or not 1 <= len(parts) <= 3:
            return None
        if not all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
            return None
        if not 0 <= parts[0] <= 9999 or (parts[1:] and not 1 <= parts[1] <= 12):
            return None
        pieces = [f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]
        if season is not None:
            pieces.append(f"{season + 20}")
        ends.append("-".join(pieces) + circa)
    text = "/".join(ends)
    return text if _edtf_date(text) == date else None  # only what reads back as itself


# Writing ------------------------------------------------------------------------------


class _Dumper(_BaseDumper):  # type: ignore[misc]  # yaml's dumpers are untyped bases
    """Safe dumper: text with line breaks as literal blocks, nothing else changed."""


def _represent_text(dumper: Any, text: str) -> Any:
    style = "|" if "\n" in text and text == text.rstrip(" ") and "\r" not in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """``---`` / ``references:`` / the items / ``...``, keys in the items' own order."""
    del options  # CSL-YAML holds every field the model has
    if not items:
        return Written("---\nreferences: []\n...\n")
    return Written(dump({"references": [_for_yaml(item) for item in items]}, markers=True))


def dump(data: Any, *, markers: bool = False) -> str:
    """``data`` as block-style YAML, keys in their own order, text quoted where a YAML
    1.1 reader would take it for something else (the CFF writer uses it too)."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,  # never fold a long title over lines
        explicit_start=markers,
        explicit_end=markers,
    )
    return text


def _for_yaml(item: CslItem) -> dict[str, Any]:
    out: dict[str, Any] = dict(item)
    for variable in DATE_VARIABLES:
        text = edtf(out.get(variable)) if variable in out else None
        if text is not None:
            out[variable] = text
    return out


FORMAT: Final = Format(
    NAME,
    (".yaml", ".yml"),
    read=read,
    write=write,
    description="CSL-YAML (pandoc, Better BibTeX)",
)
