"""Entry-boundary splitting: a cheap first pass that cuts a big file into byte ranges.

``split_ranges(path, format, chunk_bytes)`` reads the file once, in C-speed searches over
its bytes (no parsing, no decoding of the whole text), and returns a :class:`Split`:

- ``chunks``: consecutive byte ranges ``(start, end)`` covering the whole file, each
  about ``chunk_bytes`` long and made of whole entries (BibTeX/BibLaTeX), records (RIS)
  or array elements (CSL-JSON). Every chunk starts at the start of a line, so a chunk's
  diagnostics are located by adding ``chunk.line - 1`` to its own line numbers.
- ``strings`` (BibTeX): byte ranges of the places where ``@string`` blocks start, each up
  to the next line that starts with ``@``. A chunk's macros are those defined before it:
  parse the ranges with ``end <= chunk.start`` in order (``strings_before``).
- ``parents`` (BibTeX): byte ranges of the entries that a ``crossref`` or ``xdata`` field
  anywhere in the file may name (a superset: the names are found by a pattern, not a
  parse). Map a chunk's entries with these entries at hand, as BibTeX does (a crossref
  target usually comes *after* the entries that use it).

Where a BibTeX chunk may end: before a line whose first non-blank character is ``@``,
when the entry just before that line has balanced braces. That holds for every
well-formed file. A file that is not (an unclosed brace swallowing later entries) reads
differently in pieces than whole; :func:`bibconv.formats.bibtex.mapping.iter_read` notices it (the
piece ends in an error that looks past its end) and joins the piece with the next one,
so its results are always those of reading the whole file. Users of the ranges on their
own (Dask partitions) get the same results for well-formed files.

RIS chunks end before a ``TY  -`` line. CSL-JSON chunks hold whole elements of the
top-level array (``read_json_chunk`` parses one); a file holding a single object is one
chunk.
"""

from __future__ import annotations

import itertools
import json
import mmap
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

#: About what one chunk holds by default: big enough that per-chunk costs vanish, small
#: enough that a chunk's text, syntax tree and items stay a few MB.
DEFAULT_CHUNK_BYTES: Final = 1 << 20

#: Searches over the whole file go window by window, giving the pages behind back.
_WINDOW: Final = 8 << 20
_OVERLAP: Final = 64 << 10  # longer than any match the patterns here make


#: How far before a range its reading maps pages back in: Linux reads a mapped file ahead
#: and around a faulting page (up to ``read_ahead_kb``: 128 KB by default, 4 MB on the
#: disk measured) and maps the cached pages around it (``fault_around_bytes``, 64 KB).
_READ_AROUND: Final = 4 << 20


def release(data: mmap.mmap, start: int, end: int) -> None:
    """Give the pages of ``data[start:end]`` back to the OS. A mapped file's pages count
    in the process's resident memory once touched, so a pass over a 1 GB file would
    otherwise hold 1 GB; read again, they come back from the page cache unchanged.

    The ``_READ_AROUND`` bytes before ``start`` go too: reading the start of a range maps
    them again after the range before was given back, and a pass moving forward range by
    range is done with them. Left there, they added up to 51 MB resident over the cuts of a
    932 MB file (issue 11). (A range read again further back, a crossref parent's, costs
    at most a re-read of those pages from the page cache: the text is already decoded.)"""
    start = max(0, start - _READ_AROUND)
    start -= start % mmap.PAGESIZE
    if end > start and hasattr(data, "madvise"):
        data.madvise(mmap.MADV_DONTNEED, start, min(end, len(data)) - start)


def finditer(
    pattern: re.Pattern[bytes], data: mmap.mmap, pos: int = 0
) -> Iterator[re.Match[bytes]]:
    """``pattern.finditer(data, pos)``, a window at a time (see :func:`release`)."""
    size = len(data)
    while pos < size:
        end = min(size, pos + _WINDOW)
        limit = end if end == size else end - _OVERLAP
        last = pos
        for match in pattern.finditer(data, pos, end):
            if match.start() >= limit:
                break
            yield match
            last = match.end()
        release(data, pos, limit)
        pos = max(limit, last)


# A line (LF, CRLF or a lone CR ends the one before) whose first non-blank is '@'.
_LINE_AT: Final = re.compile(rb"(?:\r\n?|\n)[ \t]*@")
_RIS_START: Final = re.compile(rb"(?:\r\n?|\n)TY  -")
_STRING_HEAD: Final = re.compile(rb"@[ \t\r\n]*string[ \t\r\n]*[{(]", re.IGNORECASE)
# crossref = {key} / "key" / key, and xdata = {key1, key2}: the names a parent may carry.
_PARENT_FIELD: Final = re.compile(
    rb"""(?:crossref|xdata)[ \t\r\n]*=[ \t\r\n]*(?:\{([^{}]*)\}|"([^"{}]*)"|([^\s,{}"#%()=]+))""",
    re.IGNORECASE,
)
# An entry's head up to its key, as the scanner's _HEAD and _KEY_* read it.
_ENTRY_HEAD: Final = re.compile(
    rb"""@[ \t\r\n]*([^\s"#%'(),={}0-9@][^\s"#%'(),={}]*)[ \t\r\n]*[{(][ \t\r\n]*([^\s,}]*)"""
)


@dataclass(frozen=True, slots=True)
class Chunk:
    """Bytes ``start:end`` of the file; ``line`` is the 1-based line at ``start``."""

    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Split:
    """Where a file may be cut, and what each piece needs from elsewhere in the file."""

    path: str
    format: str
    size: int
    chunks: tuple[Chunk, ...]
    strings: tuple[tuple[int, int], ...] = ()
    parents: tuple[tuple[int, int], ...] = ()

    def strings_before(self, chunk: Chunk) -> tuple[tuple[int, int], ...]:
        """The ``@string`` ranges that a chunk's entries may use (those before it)."""
        return tuple(span for span in self.strings if span[1] <= chunk.start)


def split_ranges(
    path: str | os.PathLike[str], format: str, chunk_bytes: int = DEFAULT_CHUNK_BYTES
) -> Split:
    """Cut the file at ``path`` into chunks of whole entries of about ``chunk_bytes``.

    ``format`` is ``"bibtex"``, ``"biblatex"``, ``"ris"`` or ``"csljson"``; any other
    name raises :class:`ValueError`. An empty file has no chunks.
    """
    if chunk_bytes < 1:
        raise ValueError(f"chunk_bytes must be positive, found {chunk_bytes}")
    name = os.fspath(path)
    with open(name, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            return Split(name, format, 0, ())
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            if format in ("bibtex", "biblatex"):
                cuts = list(_bibtex_cuts(data, chunk_bytes))
                chunks = _chunks(data, cuts)
                strings = tuple(_string_spans(data))
                parents = tuple(_parent_spans(data, chunks))
                return Split(name, format, size, chunks, strings, parents)
            if format == "ris":
                return Split(name, format, size, _chunks(data, list(_ris_cuts(data, chunk_bytes))))
            if format == "csljson":
                return Split(name, format, size, _chunks(data, list(_json_cuts(data, chunk_bytes))))
    raise ValueError(f"cannot split {format!r} (expected bibtex, biblatex, ris or csljson)")


def _chunks(data: mmap.mmap, cuts: list[int]) -> tuple[Chunk, ...]:
    """Chunks between consecutive cuts (0 and the size included), with their first lines."""
    bounds = [0, *cuts, len(data)]
    chunks: list[Chunk] = []
    line = 1
    for start, end in itertools.pairwise(bounds):
        chunks.append(Chunk(start, end, line))
        line += newlines(data[start:end])
        release(data, start, end)
    return tuple(chunks)


def newlines(piece: bytes) -> int:
    """Line ends in ``piece``: LF, CRLF and lone CR each end one line (as decode() reads)."""
    lines = piece.count(b"\n")
    if b"\r" in piece:  # (one fast scan when there is none, the usual case)
        lines += piece.count(b"\r") - piece.count(b"\r\n")
    return lines


def _bibtex_cuts(data: mmap.mmap, chunk_bytes: int) -> Iterator[int]:
    """Offsets of line starts, about ``chunk_bytes`` apart, where an entry may begin."""
    size = len(data)
    start = 0
    while start + chunk_bytes < size:
        entry = _line_at_before(data, start, start + chunk_bytes)
        cut = _entry_end(data, entry, start + chunk_bytes)
        release(data, start, cut)
        if cut >= size:
            return
        yield cut
        start = cut


#: After this many line-start '@'s without the braces coming back to balance (a stray
#: brace in a % comment, say), a cut needs only the last entry to balance.
_PATIENCE: Final = 64


def _entry_end(data: mmap.mmap, entry: int, at_least: int) -> int:
    """The first line start at or after ``at_least`` where a line-start '@' follows and
    the text since ``entry`` (itself such a start) has balanced braces; the size if none."""
    depth = 0
    previous = entry
    tries = 0
    for match in _LINE_AT.finditer(data, max(entry, 1) - 1):
        cut = _after_newline(data, match.start())
        if cut <= entry:
            continue
        piece = data[previous:cut]
        balance = piece.count(b"{") - piece.count(b"}")
        depth += balance
        previous = cut
        if cut < at_least:
            continue
        tries += 1
        if depth == 0 or (tries > _PATIENCE and balance == 0):
            return cut
    return len(data)


def _after_newline(data: mmap.mmap, pos: int) -> int:
    """The offset after the line end at ``pos`` (CRLF counts as one)."""
    return pos + (2 if data[pos : pos + 2] == b"\r\n" else 1)


def _line_at_before(data: mmap.mmap, start: int, pos: int) -> int:
    """The last line start in ``start:pos`` whose line begins with '@' (``start`` if none)."""
    at = data.rfind(b"@", start, pos)
    while at > start:
        line_start = max(data.rfind(b"\n", start, at), data.rfind(b"\r", start, at)) + 1
        if not data[line_start:at].strip(b" \t") and line_start > start:
            return line_start
        at = data.rfind(b"@", start, at)
    return start


def _ris_cuts(data: mmap.mmap, chunk_bytes: int) -> Iterator[int]:
    """Offsets of ``TY  -`` lines about ``chunk_bytes`` apart."""
    size = len(data)
    start = 0
    while start + chunk_bytes < size:
        match = _RIS_START.search(data, start + chunk_bytes)
        if match is None:
            return
        cut = match.end() - len(b"TY  -")
        yield cut
        start = cut


def _json_cuts(data: mmap.mmap, chunk_bytes: int) -> Iterator[int]:
    """Offsets just after the ``,`` between top-level array elements, about ``chunk_bytes``
    apart (the JSON is parsed piece by piece with the C decoder to find them)."""
    decoder = json.JSONDecoder()
    size = len(data)
    head = data[: min(size, 64)].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"["):
        return  # one object, or not JSON at all: the reader says which, from one chunk
    pos = data.find(b"[") + 1
    last = 0
    while pos < size:
        window_end = min(size, pos + chunk_bytes)
        if window_end < size:  # cut the window after a complete line, at worst grow it
            newline = data.rfind(b"\n", pos, window_end)
            window_end = newline + 1 if newline > pos else min(size, pos + 4 * chunk_bytes)
        try:
            text = data[pos:window_end].decode("utf-8")
        except UnicodeDecodeError:
            return  # not UTF-8: one chunk, and the reader decodes it as it does any file
        index = _skip_space(text, 0)
        consumed = 0  # characters of text taken by whole elements and their commas
        while index < len(text) and text[index] not in "]":
            try:
                _, index = decoder.raw_decode(text, index)
            except json.JSONDecodeError:
                break  # an element cut by the window's end (or bad JSON: left to the reader)
            index = _skip_space(text, index)
            if text.startswith(",", index):
                index = _skip_space(text, index + 1)
                consumed = index
            else:
                break
        if consumed == 0:
            if window_end >= size:
                return
            # One element longer than the window: look at a longer window next time.
            chunk_bytes *= 2
            continue
        pos += len(text[:consumed].encode("utf-8"))
        if pos - last >= 1 and pos < size:
            yield _line_start(data, pos)
            last = pos


def read_json_chunk(piece: bytes, *, first: bool) -> list[object]:
    """The elements in one CSL-JSON chunk (its share of ``[``, ``,`` and ``]`` dropped);
    ``first``: the chunk starts the file (a lone top-level object is one element).

    Raises :class:`json.JSONDecodeError` on bad JSON, as ``json.loads`` does.
    """
    text = piece.decode("utf-8-sig" if first else "utf-8")
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if first and text.startswith("[", index):
        index = _skip_space(text, index + 1)
    elements: list[object] = []
    while index < len(text) and not text.startswith("]", index):
        element, index = decoder.raw_decode(text, index)
        elements.append(element)
        index = _skip_space(text, index)
        if text.startswith(",", index):
            index = _skip_space(text, index + 1)
    return elements


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _line_start(data: mmap.mmap, pos: int) -> int:
    """``pos`` moved back to its line's start when only blanks precede it on the line."""
    line_start = max(data.rfind(b"\n", 0, pos), data.rfind(b"\r", 0, pos)) + 1
    return line_start if not data[line_start:pos].strip() else pos


def _string_spans(data: mmap.mmap) -> Iterator[tuple[int, int]]:
    """Each ``@string`` head, up to the next line-start '@' (or the end of the file)."""
    for match in finditer(_STRING_HEAD, data):
        yield match.start(), _entry_end(data, match.start(), match.end())


def parent_names(piece: bytes) -> set[bytes]:
    """The keys (lowercased) that ``crossref`` and ``xdata`` fields in ``piece`` name."""
    names: set[bytes] = set()
    lowered = piece.lower()  # a C-speed find for each word beats a case-blind regex
    for word in (b"crossref", b"xdata"):
        hit = lowered.find(word)
        while hit != -1:
            match = _PARENT_FIELD.match(piece, hit)
            if match is not None:
                value = next(group for group in match.groups() if group is not None)
                names.update(part.strip().lower() for part in value.split(b",") if part.strip())
            hit = lowered.find(word, hit + 1)
    return names


def _parent_spans(data: mmap.mmap, chunks: tuple[Chunk, ...]) -> Iterator[tuple[int, int]]:
    """The entries (head to where the next entry may start) that crossref/xdata name."""
    names: set[bytes] = set()
    for chunk in chunks:
        piece = data[chunk.start : chunk.end]
        release(data, chunk.start, chunk.end)
        names |= parent_names(piece)
    if not names:
        return
    for match in finditer(_ENTRY_HEAD, data):
        if match.group(2).lower() in names:
            yield match.start(), _entry_end(data, match.start(), match.end())


__all__ = [
    "DEFAULT_CHUNK_BYTES",
    "Chunk",
    "Split",
    "newlines",
    "parent_names",
    "read_json_chunk",
    "split_ranges",
]
