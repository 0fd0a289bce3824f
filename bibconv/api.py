"""The json-like public functions: loads/load read any format, dumps/dump write one;
iter_load reads a file an item at a time (docs/performance.md, "Streaming")."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Final, Protocol, TypeVar

from bibconv import _io, registry
from bibconv.diagnostics import (
    Diagnostic,
    Location,
    ParseError,
    Severity,
    UnknownFormatError,
    error,
    has_errors,
)
from bibconv.model import CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions
from bibconv.registry import ReadFormat, WriteFormat

TYPE_CHECKING = False  # (typing's own would cost import time: bibconv/__init__.py)
if TYPE_CHECKING:
    from bibconv.formats.bibtex import keep as _bibkeep

_T_contra = TypeVar("_T_contra", contravariant=True)


class SupportsRead(Protocol):
    """An open file (text or binary) or any object with ``read()``, as ``json.load`` takes."""

    def read(self, /) -> str | bytes: ...


class SupportsWrite(Protocol[_T_contra]):
    """An open file or any object with ``write()``, as ``json.dump`` takes."""

    def write(self, data: _T_contra, /) -> object: ...


def read_with(fmt: Format, data: str | bytes, options: ReadOptions) -> Parsed:
    """Run ``fmt``'s reader on text or bytes (bytes go to a bytes reader where there is one)."""
    if isinstance(data, bytes):
        if fmt.read_bytes is not None:
            return fmt.read_bytes(data, options)
        data = _io.decode(data)
    if fmt.read is None:
        raise UnknownFormatError(f"format {fmt.name!r} can be written but not read")
    return fmt.read(data, options)


def read_input(
    data: str | bytes,
    options: ReadOptions,
    *,
    format: str | None = None,
    filename: str | None = None,
    text: str | None = None,
) -> Parsed:
    """Read one input: in ``format`` if named, else as ``filename``'s extension says, else
    as its content says (:func:`registry.sniff`, whose notes are kept).

    Never empty in silence: empty or binary input is not read at all (``input.empty``,
    ``input.binary``), and an input that yields no items gets an error saying why
    (``input.no-items``) unless the reader already reported one. ``text`` is ``data``
    decoded, when the caller has it.
    """
    if text is None:
        text = data if isinstance(data, str) else _io.decode(data)
    fmt = (registry.by_name(format) if format else None) or (
        registry.for_path(filename, text=text) if filename else None
    )
    where = Location(options.path, 1, 1)
    if not text.strip():  # one code for every format (the readers would each say it)
        return Parsed(
            [], [error("input.empty", "the input is empty: there is no text to read", where)]
        )
    binary = _binary_kind(text)
    if binary is not None:
        return Parsed([], [error("input.binary", f"{binary}, not text: nothing to read", where)])
    notes: list[Diagnostic] = []
    fmt = fmt or registry.sniff(text, notes=notes, path=options.path)
    parsed = read_with(fmt, data if fmt.read_bytes else text, options)
    parsed.diagnostics[:0] = notes
    if not parsed.items and not has_errors(parsed.diagnostics):
        parsed.diagnostics.append(error("input.no-items", _why_no_items(fmt, text), where))
    return parsed


#: Binary files people pass by mistake, by their first bytes (as decoded text).
_MAGIC: Final = (
    ("%PDF-", "a PDF file"),
    ("PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub)"),
    ("\x7fELF", "an executable"),
    ("GIF8", "a GIF image"),
)


def _binary_kind(text: str) -> str | None:
    """What binary data ``text`` is, if it is (a NUL near the start, as git and grep tell)."""
    for magic, kind in _MAGIC:
        if text.startswith(magic):
            return kind
    if "\0" in text[:8192]:
        return "binary data"
    return None


#: What an item looks like in each format, for the reason an input yielded none.
_AN_ITEM: Final = {
    "bibtex": "an entry such as '@article{key, title = {...}}'",
    "biblatex": "an entry such as '@article{key, title = {...}}'",
    "csljson": "an item object in the JSON array",
    "ris": "a record starting 'TY  - '",
}


_EMPTY_ARRAY: Final = re.compile(r"\A\s*\[\s*\]\s*\Z")


def _why_no_items(fmt: Format, text: str) -> str:
    if fmt.name == "csljson" and _EMPTY_ARRAY.match(text):
        return "the CSL-JSON array is empty"
    expected = _AN_ITEM.get(fmt.name, "a citation")
    return f"no items in this input (read as {fmt.description or fmt.name}; expected {expected})"


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
    format: ReadFormat | None = None,
    *,
    path: str = "<string>",
    strict: bool = False,
    year: int | None = None,
    sentence_case: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> list[CslItem]:
    """Read bibliographic data in any known format into CSL-JSON items.

    ``format`` is a name such as ``"bibtex"``, ``"ris"``, ``"csljson"``, ``"text"`` (page
    text, layout detected), ``"acl-anthology"`` or ``"html"``; ``None`` sniffs the content.
    Recoverable problems are appended to ``diagnostics`` when a list is given; without
    one, any error (with ``strict``, any warning too) raises :class:`ParseError`, so
    nothing is dropped silently.
    ``sentence_case=True``: the BibTeX readers give English title-case titles in sentence
    case, keeping protected words (docs/conventions.md); other readers ignore it.
    """
    options = ReadOptions(path=path, strict=strict, year=year, sentence_case=sentence_case)
    parsed = read_input(text, options, format=format)
    return _settle(parsed, diagnostics, strict)


def load(
    path: str | os.PathLike[str] | SupportsRead,
    format: ReadFormat | None = None,
    *,
    strict: bool = False,
    year: int | None = None,
    sentence_case: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> list[CslItem]:
    """Read a file (``"-"`` for stdin), or an open file object (text or binary, like
    ``json.load``); the format comes from the file name's extension or the content.

    Diagnostics and ``strict`` work as in :func:`loads`. A file that cannot be read
    raises the usual :class:`OSError` (``FileNotFoundError``, ``IsADirectoryError``).
    Items read from a ``.bib`` carry the file's own text (``@string`` and macro uses,
    ``@preamble``, comments) to :func:`dump`/:func:`dumps` in BibTeX, which keep it in
    place (docs/bibtex.md); a copy of an item (``dict(item)``) does not.
    """
    if isinstance(path, str | os.PathLike):
        name = os.fspath(path)
        data: str | bytes = _io.read_bytes(name)
    else:
        name, data = _stream_name(path), path.read()
    options = ReadOptions(path=name, strict=strict, year=year, sentence_case=sentence_case)
    filename = None if name in (_io.STDIO, _STREAM) else name
    parsed = read_input(data, options, format=format, filename=filename)
    return _settle(parsed, diagnostics, strict)


def iter_load(
    path: str | os.PathLike[str] | SupportsRead,
    format: ReadFormat | None = None,
    *,
    strict: bool = False,
    year: int | None = None,
    sentence_case: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> Iterator[CslItem]:
    """:func:`load`, an item at a time: the same items, in bounded memory where the
    format allows (BibTeX, BibLaTeX, RIS and CSL-JSON files are read piece by piece;
    other formats, standard input and open files are read whole, then handed out one
    by one).

    Diagnostics reach ``diagnostics`` when the last item has been handed out; without a
    list, errors (with ``strict``, warnings too) raise :class:`ParseError` there, after
    the items, rather than before the first.
    """
    if not isinstance(path, str | os.PathLike) or os.fspath(path) == _io.STDIO:
        yield from load(
            path,
            format,
            strict=strict,
            year=year,
            sentence_case=sentence_case,
            diagnostics=diagnostics,
        )
        return
    name = os.fspath(path)
    options = ReadOptions(path=name, strict=strict, year=year, sentence_case=sentence_case)
    found: list[Diagnostic] = []
    yield from iter_input(name, options, found, format=format)
    _settle(Parsed([], found), diagnostics, strict)


def iter_input(
    path: str,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
    *,
    format: str | None = None,
    chunk_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CslItem]:
    """:func:`read_input` of the file at ``path``, an item at a time: the same items and
    diagnostics (appended to ``diagnostics`` when the items end). ``progress(n)`` is
    told of each further ``n`` bytes of the file read.

    A file of at least ``chunk_bytes`` (default: about a megabyte) in a format that can
    be read piece by piece, named by ``format`` or by an extension no other format
    claims, is read so; any other input is read whole, as :func:`read_input` does.
    """
    from bibconv.formats._split import DEFAULT_CHUNK_BYTES

    chunk_bytes = chunk_bytes or DEFAULT_CHUNK_BYTES
    fmt = _streaming_format(path, format, chunk_bytes)
    if fmt is None or fmt.iter_read is None:
        data = _io.read_bytes(path)
        parsed = read_input(data, options, format=format, filename=path)
        if progress is not None:
            progress(len(data))
        diagnostics.extend(parsed.diagnostics)
        yield from parsed.items
        return
    found: list[Diagnostic] = []
    count = 0
    for item in fmt.iter_read(path, options, found, chunk_bytes, progress):
        count += 1
        yield item
    if not count and not has_errors(found):
        where = Location(options.path, 1, 1)
        found.append(error("input.no-items", _why_no_items(fmt, ""), where))
    diagnostics.extend(found)


def _streaming_format(path: str, format: str | None, chunk_bytes: int) -> Format | None:
    """The format to read ``path`` in piece by piece, or None to read it whole: a small
    file, a format that cannot stream, one the extension does not settle (several
    claim it, or none: sniffed from the whole text), or a start that looks empty or
    binary (``read_input`` says so, exactly)."""
    with open(path, "rb") as handle:
        head = handle.read(chunk_bytes)
    if len(head) < chunk_bytes or not head.strip() or _binary_head(head):
        return None
    fmt = registry.by_name(format) if format else _claimant(path, head)
    if fmt is None or fmt.iter_read is None:
        return None
    return fmt


def _claimant(path: str, head: bytes) -> Format | None:
    """The format ``read_input`` reads ``path`` in, as its extension says; where several
    formats claim the extension (``.json``: CSL-JSON and BibJSON), as the head's content
    picks among them (``registry.sniff`` looks at the first 4 KB of text alone, unless
    that leaves it open: then the head is not the whole text and nothing is picked)."""
    suffix = os.path.splitext(path)[1].lower()
    claimants = [spec.name for spec in registry.SPECS if suffix in spec.extensions]
    if len(claimants) < 2:
        return registry.FORMATS[claimants[0]] if claimants else None
    fmt = registry.sniff(_io.decode(head))
    return fmt if fmt.name in claimants else None


def _binary_head(head: bytes) -> bool:
    return b"\0" in head[:8192] or any(
        head.startswith(magic.encode("latin-1")) for magic, _ in _MAGIC
    )


_STREAM: Final = "<stream>"


def _stream_name(stream: object) -> str:
    """The file name an open file carries (``open()`` sets it), for diagnostics and the
    format; ``<stream>`` for an ``io.StringIO`` and the like."""
    name = getattr(stream, "name", None)
    return name if isinstance(name, str) and name else _STREAM


def dumps(
    items: Iterable[CslItem],
    format: WriteFormat,
    *,
    ascii: bool = False,
    lossless: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> str:
    """Write items in ``format``; notes (e.g. fields it cannot hold) go to ``diagnostics``.

    ``items`` is a list of CSL items, or any iterable of them (one item alone raises
    :class:`TypeError`); a format
    that cannot be written raises :class:`UnknownFormatError`. By default the text holds
    only what the format defines; ``lossless=True`` also writes bibconv's carriers for
    the rest (BibTeX ``csl-custom``/``csl-type``, RIS ``N1  - csl.*``), which other
    programs show as junk but bibconv reads back exactly.
    """
    pieces = write_pieces(items, format, ascii=ascii, lossless=lossless, diagnostics=diagnostics)
    return "".join(pieces)


def write_pieces(
    items: Iterable[CslItem],
    format: str,
    *,
    ascii: bool = False,
    lossless: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> Iterator[str]:
    """:func:`dumps`'s text piece by piece, taking the items one at a time where the
    format's writer can (BibTeX, BibLaTeX, RIS, CSL-JSON); the notes reach
    ``diagnostics`` when the last piece has been made. The format is checked at once."""
    if isinstance(items, dict):  # a common slip; the writers would fail deep inside
        raise TypeError("dumps() takes a list of CSL items, not one item: pass [item]")
    fmt = registry.by_name(format)
    if fmt.write is None:
        raise UnknownFormatError(
            f"format {fmt.name!r} can be read but not written "
            f"(writable: {', '.join(registry.writable())})"
        )
    return _pieces(items, fmt, WriteOptions(ascii=ascii, lossless=lossless), diagnostics)


def _pieces(
    items: Iterable[CslItem],
    fmt: Format,
    options: WriteOptions,
    diagnostics: list[Diagnostic] | None,
) -> Iterator[str]:
    notes: list[Diagnostic] = []
    tally = _left_out_tally(fmt)
    # A list goes to the writer as it is (a generated key avoids every key in it).
    given = items if isinstance(items, Sequence) else _tallied(items, tally)
    if fmt.iter_write is not None:
        yield from fmt.iter_write(given, options, notes)
    else:
        assert fmt.write is not None
        written = fmt.write(given if isinstance(given, Sequence) else list(given), options)
        notes.extend(written.diagnostics)
        yield written.text
    if diagnostics is not None:
        diagnostics.extend(notes)
        if tally is not None:
            if isinstance(items, Sequence):
                for item in items:
                    tally.add(item)
            diagnostics.extend(tally.notes())


def _left_out_tally(fmt: Format) -> _bibkeep.LeftOut | None:
    """What a .bib input had besides entries that ``fmt`` leaves out (the BibTeX writers
    keep it: ``formats/bibtex/keep.py``); None for those writers."""
    from bibconv.formats.bibtex import keep  # only a written list pays for the look

    if fmt.name in keep.KEEPING_FORMATS:
        return None
    return keep.LeftOut(fmt.name, fmt.description.split(" (")[0] or fmt.name)


def _tallied(items: Iterable[CslItem], tally: _bibkeep.LeftOut | None) -> Iterator[CslItem]:
    for item in items:
        if tally is not None:
            tally.add(item)
        yield item


def dump(
    items: Iterable[CslItem],
    path: str | os.PathLike[str] | SupportsWrite[str] | SupportsWrite[bytes],
    format: WriteFormat | None = None,
    *,
    ascii: bool = False,
    lossless: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> None:
    """Write items (a list, or any iterable: a generator is written as it goes) to
    ``path`` atomically, or to an open file object (like ``json.dump``; a binary file
    gets UTF-8); the format defaults to the file name's extension.

    ``path`` is left untouched if anything fails: :class:`UnknownFormatError` for a
    format that cannot be written (or an extension that names none), :class:`OSError`
    (naming ``path``) when the file cannot be written, or an error raised by the items'
    iterator. An open file is written once, after the whole text is made, so a failure
    writes nothing to it either. ``ascii`` and ``lossless`` work as in :func:`dumps`.
    """
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else _stream_name(path)
    target = format or _format_for_output(name)
    pieces = write_pieces(items, target, ascii=ascii, lossless=lossless, diagnostics=diagnostics)
    if isinstance(path, str | os.PathLike):
        with _io.AtomicFile(name) as out:
            for piece in pieces:
                out.write(piece)
        return
    text = "".join(pieces)
    if _is_binary(path):
        path.write(text.encode("utf-8"))  # type: ignore[arg-type]
    else:
        path.write(text)  # type: ignore[arg-type]


def _format_for_output(name: str) -> WriteFormat:
    fmt = registry.for_path(name)
    if fmt is None or fmt.write is None:
        raise UnknownFormatError(f"cannot tell an output format from {name!r}; pass format=")
    return fmt.name  # type: ignore[return-value]  # a writable format's name


def _is_binary(stream: object) -> bool:
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
        return True
    return "b" in str(getattr(stream, "mode", ""))
