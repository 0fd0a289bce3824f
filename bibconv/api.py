"""The json-like public functions: loads/load read any format, dumps/dump write one."""

from __future__ import annotations

import os
from collections.abc import Sequence

from bibconv import _io, registry
from bibconv.diagnostics import Diagnostic, ParseError, Severity, UnknownFormatError
from bibconv.model import CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions


def read_with(fmt: Format, data: str | bytes, options: ReadOptions) -> Parsed:
    """Run ``fmt``'s reader on text or bytes (bytes go to a bytes reader where there is one)."""
    if isinstance(data, bytes):
        if fmt.read_bytes is not None:
            return fmt.read_bytes(data, options)
        data = _io.decode(data)
    if fmt.read is None:
        raise UnknownFormatError(f"format {fmt.name!r} can be written but not read")
    return fmt.read(data, options)


def _settle(parsed: Parsed, diagnostics: list[Diagnostic] | None, strict: bool) -> list[CslItem]:
    """Hand diagnostics to the caller's list, or raise on errors when there is none."""
    if diagnostics is not None:
        diagnostics.extend(parsed.diagnostics)
        return parsed.items
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    bad = [d for d in parsed.diagnostics if d.severity in failing]
    if bad:
        raise ParseError(bad)
    return parsed.items


def loads(
    text: str | bytes,
    format: str | None = None,
    *,
    path: str = "<string>",
    strict: bool = False,
    year: int | None = None,
    diagnostics: list[Diagnostic] | None = None,
) -> list[CslItem]:
    """Read bibliographic data in any known format into CSL-JSON items.

    ``format`` is a name such as ``"bibtex"``, ``"ris"``, ``"csljson"``, ``"text"`` (page
    text, layout detected), ``"acl-anthology"`` or ``"html"``; ``None`` sniffs the content.
    Recoverable problems are appended to ``diagnostics`` when a list is given; without
    one, any error (with ``strict``, any warning too) raises :class:`ParseError`, so
    nothing is dropped silently.
    """
    if format is not None:
        fmt = registry.by_name(format)
    else:
        fmt = registry.sniff(text if isinstance(text, str) else _io.decode(text[:65536]))
    parsed = read_with(fmt, text, ReadOptions(path=path, strict=strict, year=year))
    return _settle(parsed, diagnostics, strict)


def load(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    strict: bool = False,
    year: int | None = None,
    diagnostics: list[Diagnostic] | None = None,
) -> list[CslItem]:
    """Read a file (``"-"`` for stdin); the format comes from its extension or content.

    Diagnostics and ``strict`` work as in :func:`loads`. A file that cannot be read
    raises the usual :class:`OSError` (``FileNotFoundError``, ``IsADirectoryError``).
    """
    name = os.fspath(path)
    data = _io.read_bytes(name)
    fmt = registry.by_name(format) if format else _format_of(name, data)
    parsed = read_with(fmt, data, ReadOptions(path=name, strict=strict, year=year))
    return _settle(parsed, diagnostics, strict)


def _format_of(path: str, data: bytes) -> Format:
    return registry.for_path(path) or registry.sniff(_io.decode(data[:65536]))


def dumps(
    items: Sequence[CslItem],
    format: str,
    *,
    ascii: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> str:
    """Write items in ``format``; notes (e.g. fields it cannot hold) go to ``diagnostics``.

    ``items`` is a list of CSL items (one item alone raises :class:`TypeError`); a format
    that cannot be written raises :class:`UnknownFormatError`.
    """
    if isinstance(items, dict):  # a common slip; the writers would fail deep inside
        raise TypeError("dumps() takes a list of CSL items, not one item: pass [item]")
    fmt = registry.by_name(format)
    if fmt.write is None:
        raise UnknownFormatError(
            f"format {fmt.name!r} can be read but not written "
            f"(writable: {', '.join(registry.writable())})"
        )
    written = fmt.write(items, WriteOptions(ascii=ascii))
    if diagnostics is not None:
        diagnostics.extend(written.diagnostics)
    return written.text


def dump(
    items: Sequence[CslItem],
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    ascii: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> None:
    """Write items to ``path`` atomically; the format defaults to the path's extension.

    ``path`` is left untouched if anything fails: :class:`UnknownFormatError` for a
    format that cannot be written (or an extension that names none), :class:`OSError`
    (naming ``path``) when the file cannot be written.
    """
    name = os.fspath(path)
    if format is None:
        fmt = registry.for_path(name)
        if fmt is None or fmt.write is None:
            raise UnknownFormatError(f"cannot tell an output format from {name!r}; pass format=")
        format = fmt.name
    _io.atomic_write(name, dumps(items, format, ascii=ascii, diagnostics=diagnostics))
