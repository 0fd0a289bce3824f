"""BibTeX/BibLaTeX read from a file piece by piece, with the results of reading it whole.

:func:`iter_read` is what ``bibconv.iter_load`` and file-to-file ``convert`` use: memory
holds one piece (about a megabyte of text, its syntax tree and its items) plus what spans
pieces, never the whole file:

- ``@string`` macros: the scanner carries them from piece to piece (``before=``);
- crossref/xdata parents: a first pass (:func:`bibconv.formats.split_ranges`, C-speed
  searches over the bytes) finds the entries some ``crossref``/``xdata`` names, and only
  those are parsed up front, each with the macros defined before it, and kept as field
  names and values;
- the first place of the keys that may repeat, for ``bib.duplicate-key`` (one int
  each: ``reader.EntryReader``): a pass over every entry head finds them
  (:func:`_repeated_keys`); the text between entries, for a ``.bib`` output
  (``keep.SourceTracker``).

The file is mapped; every pass gives the pages it has read back to the OS
(``_split.release``), since a mapped file's touched pages count as resident memory.

The items, their order and their diagnostics are those of reading the file whole
(``reader.read``): the syntax layer's diagnostics come first, then the mapping's, as
there. They reach ``diagnostics`` when the last item has been handed out. A piece that
ends inside something open (an unclosed brace may swallow later entries) is read again
joined with the next one, so an unbalanced file costs memory, never correctness.

What a piece cannot know, the whole file is read for (the old way, all in memory): a
file in UTF-16/32, an entry with an empty key (its generated key must avoid every key of
the file), and a ``crossref``/``xdata`` given by a macro or ``#`` (the first pass finds
parents by their literal names). docs/performance.md lists these.
"""

from __future__ import annotations

import functools
import heapq
import mmap
import re
from array import array
from collections.abc import Callable, Iterator, Mapping
from typing import Final, cast

from bibconv import _io
from bibconv._heap import keep_big_blocks_apart
from bibconv.diagnostics import Diagnostic, LineIndex, ParseError, Severity
from bibconv.formats._split import DEFAULT_CHUNK_BYTES, Chunk, release, split_ranges
from bibconv.formats.bibtex import keep as _bibkeep
from bibconv.formats.bibtex import reader as _reader
from bibconv.formats.bibtex import syntax
from bibconv.formats.bibtex.spans import ParentPlaces
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions

# Every place an entry head may start, with its key, read by the scanner's own patterns
# (in a lookahead, so that no head hides another): a superset of the file's entries, since
# an '@' inside a value matches too.
_HEADS: Final = re.compile(
    "@(?="  # the '@' alone is taken: the next match may start right after it
    + syntax._HEAD.pattern.removeprefix("@")
    + "(?<=[{(])"
    + r"(?:(?<=\{)"
    + syntax._KEY_BRACED.pattern
    + r"|(?<=\()"
    + syntax._KEY_PARENS.pattern
    + "))"
)
_NOT_ENTRIES: Final = frozenset({"comment", "string", "preamble"})
# A crossref/xdata value that is a macro, or concatenated: its key is known only after
# expansion, which the first pass does not do.
_PARENT_BY_MACRO: Final = re.compile(
    rb"(?:crossref|xdata)\s*=\s*(?:[^\s{\"]|\{[^{}]*\}\s*#|\"[^\"]*\"\s*#)", re.IGNORECASE
)
# Problems that say the scanner ran to the piece's end inside something open; read whole,
# the same text may close later (an unclosed brace's match, an @comment body).
_LOOKS_PAST_THE_END: Final = frozenset(
    {"bib.unclosed-brace", "bib.unclosed-quote", "bib.unexpected-eof", "bib.comment-scope"}
)


def iter_read(
    path: str,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
    *,
    biblatex: bool = False,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CslItem]:
    """The items of the ``.bib`` file at ``path``, read piece by piece (about
    ``chunk_bytes`` each); its diagnostics go to ``diagnostics`` at the end, or, with
    ``options.strict`` and any problem, a :class:`ParseError` is raised there instead
    (as :func:`bibconv.formats.bibtex.read` raises it). ``progress(n)`` is told each
    time another ``n`` bytes of the file have been read."""
    keep_big_blocks_apart()  # else the C heap grows with the file (bibconv/_heap.py)
    with open(path, "rb") as handle, _mapped(handle) as data:
        codec = _codec(data) if data is not None else None
        if data is None or codec is None or _parent_by_macro(data):
            yield from _read_whole(bytes(data or b""), options, diagnostics, biblatex=biblatex)
            return
        split = split_ranges(path, "biblatex" if biblatex else "bibtex", chunk_bytes)
        pieces = _Pieces(data, codec, options.path)
        repeated = _repeated_keys(pieces, split.chunks)
        if repeated is None:  # an empty key
            yield from _read_whole(bytes(data), options, diagnostics, biblatex=biblatex)
            return
        pieces.release_all()
        parents = _parents(pieces, split.strings, split.parents)
        pieces.release_all()
        reader = _reader.EntryReader(parents, options, biblatex=biblatex, repeated=repeated)
        yield from _stream(pieces, split.chunks, reader, diagnostics, progress)


def _mapped(handle: object) -> mmap.mmap | _Empty:
    """The file's bytes, mapped (an empty file cannot be mapped: ``None`` in a ``with``)."""
    fileno = handle.fileno()  # type: ignore[attr-defined]
    try:
        return mmap.mmap(fileno, 0, access=mmap.ACCESS_READ)
    except ValueError:  # an empty file
        return _Empty()


class _Empty:
    """Stands for the map of an empty file in a ``with``: gives ``None``."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _read_whole(
    data: bytes, options: ReadOptions, diagnostics: list[Diagnostic], *, biblatex: bool
) -> Iterator[CslItem]:
    read = _reader.read_biblatex if biblatex else _reader.read
    parsed = read(_io.decode(data), options)
    diagnostics.extend(parsed.diagnostics)
    yield from parsed.items


def _parent_by_macro(data: mmap.mmap) -> bool:
    """Whether some crossref/xdata value is a macro or concatenated. The pattern is tried
    only where a C-speed search of the lowercased bytes finds its field names (a regex
    scan of every position took a tenth of a streamed run's time)."""
    window = 8 << 20
    for start in range(0, len(data), window):
        lowered = data[start : start + window + len(b"crossref")].lower()
        try:
            for word in (b"crossref", b"xdata"):
                hit = lowered.find(word)
                while -1 < hit < window:
                    if _PARENT_BY_MACRO.match(data, start + hit) is not None:
                        return True
                    hit = lowered.find(word, hit + 1)
        finally:  # after the matches, which touch the pages again
            release(data, start, start + window + (1 << 16))
    return False


def _codec(data: mmap.mmap) -> str | None:
    """The codec :func:`bibconv._io.decode` would read the whole file with, found by
    decoding it slice by slice (nothing is kept); None for UTF-16/32 (read whole)."""
    # 1 MB slices: what a big slice's texts take would stay in the process's heap.
    return _io.stream_codec(functools.partial(_slices, data, 1 << 20))


def _slices(data: mmap.mmap, size: int) -> Iterator[bytes]:
    """``data`` in slices of ``size``, each slice's pages given back once it is used."""
    for start in range(0, len(data), size):
        yield data[start : start + size]
        release(data, start, start + size)


def _repeated_keys(pieces: _Pieces, chunks: tuple[Chunk, ...]) -> set[int] | None:
    """The hashes of the keys that more than one entry head of the file has (a superset:
    see ``_HEADS``), so that only those keys are remembered while reading (a million
    keys would take 150 MB in a dict); None if some head has an empty key.

    The file is decoded piece by piece a first time for this (C-speed searches); the
    hashes (8 bytes each) are sorted in runs and merged, never held as Python ints."""
    hashes = array("q")
    for chunk in chunks:
        for head in _HEADS.finditer(pieces.text(chunk.start, chunk.end)):
            if head.group(1).lower() in _NOT_ENTRIES:
                continue
            key = head.group(3) if head.group(2) == "{" else head.group(4)
            if not key:
                return None
            hashes.append(hash(key))
    run = 1 << 16
    for start in range(0, len(hashes), run):
        hashes[start : start + run] = array("q", sorted(hashes[start : start + run]))
    view = memoryview(hashes)
    merged = heapq.merge(*(iter(view[start : start + run]) for start in range(0, len(hashes), run)))
    repeated: set[int] = set()
    previous = None
    for value in merged:
        if value == previous:
            repeated.add(value)
        previous = value
    return repeated


class _Pieces:
    """The file's bytes and how to turn a range of them into the text ``decode`` gives."""

    def __init__(self, data: mmap.mmap, codec: str, path: str) -> None:
        self.data = data
        self.codec = codec
        self.path = path

    def text(self, start: int, end: int) -> str:
        codec = "utf-8-sig" if self.codec == "utf-8" and start == 0 else self.codec
        text = self.data[start:end].decode(codec)
        release(self.data, start, end)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def release_all(self) -> None:
        """Give back every page of the file still counted as resident: reading a range
        maps the pages around it too (the kernel's fault-around and read-ahead), which
        releasing the range alone leaves behind, a little each time."""
        release(self.data, 0, len(self.data))

    def parse(
        self, start: int, end: int, line: int = 1, before: syntax.Document | None = None
    ) -> syntax.Document:
        return syntax.parse(self.text(start, end), self.path, first_line=line, before=before)


def _parents(
    pieces: _Pieces, strings: tuple[tuple[int, int], ...], parents: tuple[tuple[int, int], ...]
) -> Mapping[str, syntax.Entry]:
    """The entries a crossref/xdata may name, by lowercased key (the first readable one of
    a key, as ``reader._parents_by_key`` keeps), each read with the macros defined before
    it: kept as where they are, and read again when a child asks
    (:class:`~bibconv.formats.bibtex.spans.ParentPlaces`), since a big file may have a
    parent for every few entries. Only each field's name and value are kept of those at
    hand: inheriting needs no more."""
    if not parents:
        return {}
    return ParentPlaces(
        pieces.data, strings, parents, pieces.text, pieces.path, keep=_slim
    ).read_all()


def _slim(entry: syntax.Entry) -> syntax.Entry:
    """``entry`` with its fields' names and values only (no offsets, raw text, pieces)."""
    new = tuple.__new__
    fields = [new(syntax.Field, (f.name, 0, 0, "", (), f.value)) for f in entry.fields]
    return syntax.Entry(entry.type, entry.key, 0, 0, 0, entry.delimiter, fields)


def _stream(
    pieces: _Pieces,
    chunks: tuple[Chunk, ...],
    reader: _reader.EntryReader,
    diagnostics: list[Diagnostic],
    progress: Callable[[int], None] | None,
) -> Iterator[CslItem]:
    read: list[tuple[int, int, int]] = []  # (start, end, line) of each document read

    def line_col_of(number: int, offset: int) -> tuple[int, int]:
        start, end, line = read[number]
        return LineIndex(pieces.text(start, end), pieces.path, line).line_col(offset)

    reader.line_col_of = line_col_of
    tracker = _bibkeep.SourceTracker()
    found: list[Diagnostic] = []  # the syntax layer's
    held: CslItem | None = None  # the last item so far: the text after it comes at the end
    macros: syntax.Document | None = None
    for start, end, line, doc in _documents(pieces, chunks, macros):
        read.append((start, end, line))
        pieces.release_all()
        if progress is not None:
            progress(end - start)
        found.extend(doc.diagnostics)
        kept = tracker.feed(doc)
        for entry, item in reader.items(doc, [e for e in doc.entries if not e.broken]):
            if held is not None:
                yield held
            held = _reader.with_source(item, kept.get(entry.start))
    if held is not None:
        last = tracker.finish()
        yield held if last is None else _reader.with_source(cast(CslItem, dict(held)), last[1])
    found.extend(reader.diagnostics)
    if reader.options.strict and any(d.severity is not Severity.INFO for d in found):
        raise ParseError(found)
    diagnostics.extend(found)


def _documents(
    pieces: _Pieces, chunks: tuple[Chunk, ...], macros: syntax.Document | None
) -> Iterator[tuple[int, int, int, syntax.Document]]:
    """(start, end, first line, document) of each piece in order; a piece that looks past
    its end is joined with the next one and read again."""
    index = 0
    while index < len(chunks):
        first = chunks[index]
        while True:
            end = chunks[index].end
            doc = pieces.parse(first.start, end, first.line, macros)
            if index == len(chunks) - 1 or not _looks_past_the_end(doc):
                break
            index += 1
        index += 1
        macros = doc.macros_only()
        yield first.start, end, first.line, doc


def _looks_past_the_end(doc: syntax.Document) -> bool:
    return any(d.code in _LOOKS_PAST_THE_END or "end of file" in d.message for d in doc.diagnostics)


__all__ = ["iter_read"]
