"""CSL-JSON: the model's own serialisation. Checks the shapes the rest of bibconv relies on."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _encode_string  # C-accelerated
from typing import Any, Final, cast

from bibconv import _io, _json
from bibconv.diagnostics import Diagnostic, LineIndex, Location, ParseError, error, warning
from bibconv.losses import CSL_TEXT_VARIABLES
from bibconv.model import DATE_VARIABLES, ITEM_TYPES, NAME_VARIABLES, CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "csljson"
_NAME_KEYS: Final = frozenset(
    {"family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix",
     "comma-suffix", "static-ordering", "parse-names"}
)  # fmt: skip


_NAME_FLAGS: Final = frozenset({"comma-suffix", "static-ordering", "parse-names"})
#: Variables the writers read as a string or number.
_TEXT_VARIABLES: Final = frozenset(CSL_TEXT_VARIABLES) | {"journalAbbreviation", "shortTitle"}


def read(text: str, options: ReadOptions) -> Parsed:
    """Parse a CSL-JSON array (or a single item object)."""
    index = LineIndex(text, options.path)
    if not text.strip():
        raise ParseError(
            error(
                "json.syntax",
                "the input is empty; expected a JSON array of CSL items",
                Location(options.path, 1, 1),
            )
        )
    try:
        data = _json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            error("json.syntax", f"invalid JSON: {exc.msg}", index.location(exc.pos))
        ) from exc
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ParseError(
            error(
                "json.not-items",
                f"expected an array of CSL items or one item object, found {_kind(data)}",
                Location(options.path, 1, 1),
            )
        )
    items, diagnostics = checked_items(data, _ItemLocator(text, index))
    if options.strict and diagnostics:
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def checked_items(
    data: list[Any], locate: Callable[[int], Location]
) -> tuple[list[CslItem], list[Diagnostic]]:
    """The objects of ``data`` that are CSL items, and the problems of the others.

    Shared with the readers of formats that hold CSL items in another syntax (CSL-YAML);
    ``locate(n)`` gives where the n-th (1-based) element starts.
    """
    diagnostics: list[Diagnostic] = []
    items: list[CslItem] = []
    for number, raw in enumerate(data, start=1):
        if _checked(raw, number, locate, diagnostics):
            items.append(cast(CslItem, raw))
    return items, diagnostics


def _checked(
    raw: Any, number: int, locate: Callable[[int], Location], diagnostics: list[Diagnostic]
) -> bool:
    """Whether the ``number``-th element is a CSL item (mended in place: a numeric id,
    text variables that hold no text); its problems go to ``diagnostics``."""
    problems = _item_problems(raw, number, locate)
    diagnostics.extend(problems)
    return not any(p.severity.value == "error" for p in problems)


def iter_read(
    path: str,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
    chunk_bytes: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CslItem]:
    """:func:`read` of the file at ``path``, an element of the top-level array at a time
    (the file decoded a piece of 256 KB at most at a time, each element parsed by
    the C decoder's ``raw_decode`` once whole): the same items and diagnostics, which go
    to ``diagnostics`` at the end (or raise there, as :func:`read` raises them).

    Whatever is not a plain array of elements (a lone object, bad JSON, nesting too
    deep) is read whole by :func:`read`, whose error then says where: a broken file
    costs memory, never a different message. Items handed out before such a turn are
    those :func:`read` gives first; a file in UTF-16/32 is read whole from the start.
    """
    pieces = _io.iter_pieces(path, min(chunk_bytes, _io.PIECE_BYTES), progress)
    found: list[Diagnostic] = []
    count = 0
    if pieces is not None:
        elements = _Elements(pieces, options.path, drop_after=min(chunk_bytes, _io.PIECE_BYTES))
        for number, raw in enumerate(elements, start=1):
            if _checked(raw, number, elements.locate, found):
                count += 1
                yield cast(CslItem, raw)
        if not elements.broken:
            if options.strict and found:
                raise ParseError(found)
            diagnostics.extend(found)
            return
    parsed = read(_io.read_text(path), options)  # raises where the stream broke off
    diagnostics.extend(parsed.diagnostics)
    yield from parsed.items[count:]


class _Elements:
    """The elements of a top-level JSON array, parsed from a text given in pieces that
    end at line ends; ``broken`` when the text is anything else (the iteration then
    stops: :func:`read` of the whole text tells what is wrong)."""

    def __init__(self, pieces: Iterator[str], path: str, *, drop_after: int) -> None:
        self._pieces = pieces
        self._path = path
        self._drop_after = drop_after  # parsed text is dropped once this much piles up
        self._text = ""  # the part of the file not yet dropped
        self._offset = 0  # of the text's first character in the file's text
        # Lines are counted up to ``_counted`` (in the text) only, and only forward.
        self._counted = 0
        self._line = 1  # the line at ``_counted``
        self._line_start = 0  # where that line starts in the file's text
        self._at = 0  # where the element being handed out starts, in the text
        self.broken = False

    def __iter__(self) -> Iterator[Any]:
        index = self._skip_space(0)
        if not self._text.startswith("[", index):
            self.broken = True  # a lone object (one item), or not an array at all
            return
        index = self._skip_space(index + 1)
        if self._text.startswith("]", index):
            self.broken = not self._only_space_after(index + 1)
            return
        decode = _DECODER.raw_decode
        while True:
            index = self._drop(index)
            try:
                value, end = decode(self._text, index)
                while end == len(self._text) and self._more():  # a number may go on
                    value, end = decode(self._text, index)
            except json.JSONDecodeError:
                if self._more():  # cut by the piece's end (or broken further on)
                    continue
                self.broken = True
                return
            except RecursionError:
                self.broken = True
                return
            if _json._deeper_than(value, _json.MAX_DEPTH - 1):  # the array is a level
                self.broken = True
                return
            self._at = index
            yield value
            index = self._skip_space(end)
            if self._text.startswith(",", index):
                index = self._skip_space(index + 1)
                if not self._text.startswith("]", index) and index < len(self._text):
                    continue
            elif self._text.startswith("]", index) and self._only_space_after(index + 1):
                return
            self.broken = True  # a missing or trailing comma, text after the array
            return

    def locate(self, number: int) -> Location:
        """Where the element last handed out starts (``number`` is its own)."""
        del number
        self._count_lines_to(self._at)
        return Location(self._path, self._line, self._offset + self._at - self._line_start + 1)

    def _count_lines_to(self, index: int) -> None:
        text = self._text
        lines = text.count("\n", self._counted, index)
        if lines:
            self._line += lines
            self._line_start = self._offset + text.rfind("\n", self._counted, index) + 1
        self._counted = max(self._counted, index)

    def _more(self) -> bool:
        """Append the next piece to the text; False when there is none."""
        piece = next(self._pieces, None)
        if piece is None:
            return False
        self._text += piece
        return True

    def _drop(self, index: int) -> int:
        """Drop the text before ``index`` (parsed already); the same place in the rest."""
        if index < self._drop_after:
            return index
        self._count_lines_to(index)
        self._offset += index
        self._text = self._text[index:]
        self._counted = 0
        return 0

    def _skip_space(self, index: int) -> int:
        """The index of the next character that is not JSON white space (reading on as
        needed); the text's length at its end."""
        while True:
            index = _SPACE.match(self._text, index).end()  # type: ignore[union-attr]
            if index < len(self._text) or not self._more():
                return index

    def _only_space_after(self, index: int) -> bool:
        while True:
            if self._text[index:].strip(" \t\n\r"):
                return False
            index = len(self._text)
            if not self._more():
                return True


_DECODER: Final = json.JSONDecoder()
_SPACE: Final = re.compile(r"[ \t\n\r]*")


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """Pretty, stable JSON: two-space indent, keys in the items' own order, UTF-8."""
    return Written("".join(iter_write(items, options, [])))


def iter_write(
    items: Iterable[CslItem], options: WriteOptions, notes: list[Diagnostic]
) -> Iterator[str]:
    """:func:`write`'s text an item at a time: the array streamed, the same text."""
    del options, notes  # CSL-JSON holds every field the model has
    separator = "[\n  "
    for item in items:
        out = [separator]
        separator = ",\n  "
        if isinstance(item, str):
            out.append(_encode_string(item))
        else:
            _pretty(item, out, "\n  ")
        yield "".join(out)
    yield "[]\n" if separator == "[\n  " else "\n]\n"


def _pretty(value: Any, out: list[str], newline: str) -> None:
    """Append ``json.dumps(value, ensure_ascii=False, indent=2)`` to ``out``, faster.

    json.dumps cannot use its C encoder when it indents; this walk (strings through the C
    ``encode_basestring``) gives the same text in three quarters of the time, which is a
    tenth of converting a large .bib file (docs/performance.md).
    """
    if isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, dict) and value:
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator)
            separator = "," + inner
            out.append(_encode_string(key) if isinstance(key, str) else json.dumps(str(key)))
            out.append(": ")
            if isinstance(item, str):
                out.append(_encode_string(item))
            else:
                _pretty(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, list) and value:
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            separator = "," + inner
            if isinstance(item, str):
                out.append(_encode_string(item))
            else:
                _pretty(item, out, inner)
        out.append(newline + "]")
    else:
        out.append(json.dumps(value))  # numbers, booleans, null, empty containers


def _kind(value: Any) -> str:
    kinds: dict[type, str] = {dict: "an object", list: "an array", str: "a string"}
    return kinds.get(type(value), type(value).__name__)


class _ItemLocator:
    """Finds where the n-th top-level item object starts, for located diagnostics."""

    def __init__(self, text: str, index: LineIndex) -> None:
        self._text = text
        self._index = index
        self._starts: list[int] | None = None

    def __call__(self, number: int) -> Location:
        if self._starts is None:  # scanned only when a problem needs a location
            self._starts = _top_level_item_starts(self._text)
        if number - 1 < len(self._starts):
            return self._index.location(self._starts[number - 1])
        return self._index.location(0)


def _top_level_item_starts(text: str) -> list[int]:
    """Offsets where each element of the top-level array starts (any value, not only
    objects, so that item numbers and offsets stay in step); a lone object's own start."""
    lead = len(text) - len(text.lstrip())
    if text[lead : lead + 1] == "{":
        return [lead]
    starts: list[int] = []
    depth = 0
    in_string = escaped = expecting = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if expecting and not char.isspace():
            expecting = False
            if char != "]":
                starts.append(offset)
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            expecting = char == "[" and depth == 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 1:
            expecting = True
    return starts


def _item_problems(raw: Any, number: int, locate: Callable[[int], Location]) -> list[Diagnostic]:
    if _looks_fine(raw):
        return []
    where = locate(number)
    if not isinstance(raw, dict):
        return [
            error("json.not-item", f"item {number}: expected an object, found {_kind(raw)}", where)
        ]
    problems: list[Diagnostic] = []
    label = f"item {number}" + (f" ({raw['id']!r})" if isinstance(raw.get("id"), str) else "")
    if not isinstance(raw.get("id"), str | int) or raw.get("id") == "":
        problems.append(error("json.missing-id", f"{label}: expected a non-empty 'id'", where))
    elif isinstance(raw["id"], int):
        raw["id"] = str(raw["id"])  # CSL allows numeric ids; the model keeps strings
    item_type = raw.get("type")
    if not isinstance(item_type, str):
        problems.append(error("json.missing-type", f"{label}: expected a string 'type'", where))
    elif item_type not in ITEM_TYPES:
        problems.append(
            warning("json.unknown-type", f"{label}: unknown CSL type {item_type!r}", where)
        )
    for variable in NAME_VARIABLES:
        if variable in raw:
            problems.extend(_name_problems(raw[variable], f"{label}: '{variable}'", where))
    for variable in DATE_VARIABLES:
        if variable in raw and not _is_date(raw[variable]):
            problems.append(
                error(
                    "json.bad-date",
                    f"{label}: '{variable}' expected an object with 'date-parts'"
                    " (list of [year, month, day] lists), 'literal' or 'raw'",
                    where,
                )
            )
    if "custom" in raw and not isinstance(raw["custom"], dict):
        problems.append(error("json.bad-custom", f"{label}: 'custom' expected an object", where))
    problems.extend(_text_problems(raw, label, where))
    return problems


def _looks_fine(raw: Any) -> bool:
    """The common case, decided without locating the item: id, known type, no odd shapes."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        return False
    if not isinstance(raw.get("type"), str) or raw["type"] not in ITEM_TYPES:
        return False  # (a dict or list there is unhashable: found by fuzzing)
    for variable in NAME_VARIABLES:
        names = raw.get(variable)
        if names is not None and not (
            isinstance(names, list)
            and all(
                isinstance(n, dict)
                and n
                and n.keys() <= _NAME_KEYS
                and all(_is_name_part(k, v) for k, v in n.items())
                for n in names
            )
        ):
            return False
    if not all(_is_text(v) for k, v in raw.items() if k in _TEXT_VARIABLES):
        return False
    if any(v in raw and not _is_date(raw[v]) for v in DATE_VARIABLES):
        return False
    return "custom" not in raw or isinstance(raw["custom"], dict)


def _name_problems(names: Any, label: str, where: Location) -> list[Diagnostic]:
    """Every name of a list checked: an object whose parts are text (the flags may be
    booleans or numbers); unknown parts are a warning (found by the property tests: a
    list's later names and the parts' values went unchecked, and the writers crashed)."""
    if not isinstance(names, list):
        return [error("json.bad-names", f"{label} expected a list of name objects", where)]
    unknown: set[str] = set()
    for name in names:
        if not isinstance(name, dict) or not name:
            return [
                error(
                    "json.bad-names", f"{label} expected name objects, found {_kind(name)}", where
                )
            ]
        wrong = sorted(k for k, v in name.items() if k in _NAME_KEYS and not _is_name_part(k, v))
        if wrong:
            return [error("json.bad-names", f"{label}: name part(s) {wrong} not text", where)]
        unknown |= set(name) - _NAME_KEYS
    if unknown:
        return [
            warning(
                "json.unknown-name-part",
                f"{label} has unknown name part(s) {sorted(unknown)}",
                where,
            )
        ]
    return []


def _is_name_part(key: str, value: Any) -> bool:
    if key in _NAME_FLAGS:
        return isinstance(value, bool | int | str)
    return isinstance(value, str)


def _text_problems(raw: dict[str, Any], label: str, where: Location) -> list[Diagnostic]:
    """Text variables that hold no text (an object, a list, null) are dropped, with a
    warning: every writer expects a string or a number there."""
    problems = []
    for variable in [v for v in raw if v in _TEXT_VARIABLES and not _is_text(raw[v])]:
        problems.append(
            warning(
                "json.bad-value",
                f"{label}: '{variable}' expected a string or number, found "
                f"{_kind(raw[variable])}; ignored",
                where,
            )
        )
        del raw[variable]
    return problems


def _is_text(value: Any) -> bool:
    return isinstance(value, str | int | float)


def _is_date(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    parts = value.get("date-parts")
    if parts is not None:
        return isinstance(parts, list) and all(
            isinstance(p, list) and all(isinstance(x, int | str) for x in p) for p in parts
        )
    return any(k in value for k in ("literal", "raw", "season"))


FORMAT: Final = Format(
    NAME,
    (".json", ".csljson"),
    read=read,
    write=write,
    description="CSL-JSON (array of items)",
    iter_write=iter_write,
    iter_read=iter_read,
)
