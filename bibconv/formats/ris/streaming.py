"""RIS read from a file piece by piece, with the results of reading it whole.

:func:`iter_read` is what ``bibconv.iter_load`` and file-to-file ``convert`` use for a
big ``.ris``: the file is decoded a piece (256 KB at most, ``_io.PIECE_BYTES``, cut at
a line end) at a time (``bibconv._io.iter_pieces``) and scanned by the whole reader's
own line scanner (``syntax.iter_records_of_pieces``), each record mapped and handed
out as it closes.
The items, their order and their diagnostics (codes, messages, line:col, order) are
those of ``reader.read`` on the whole text: the diagnostics are held and sorted as it
sorts them, and reach ``diagnostics`` when the last item has been handed out.

What spans records is the ids (``reader.IdSettler``):

- a repeated id is found through the hashes of the ids handed out so far (in one
  array, 8 to 32 bytes each, not the id strings);
- a generated id must avoid every id of the file, later ones too. A cheap first search
  over the bytes (C speed) tells whether any line may give an id at all (an ``ID`` tag,
  an ``N1`` note ``Record ID: ...``, ``csl.id: ...``); RIS exports without ids have
  none, files bibconv writes give every record one. Only when a record without an id
  meets a file that has id lines is the file read a first time for its ids, kept as
  sorted hashes (8 bytes each).

Hashes stand for strings: two different ids with the same 64-bit hash would read as
one (a chance of about n²/2⁶⁴ for n ids). A file in UTF-16/32 is read whole.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterator
from typing import Final

from bibconv import _io
from bibconv.diagnostics import Diagnostic
from bibconv.formats.ris import reader
from bibconv.formats.ris.syntax import iter_records_of_pieces
from bibconv.formats.ris.tables import PROCITE_NOTE_TAGS
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions

#: A line that may give its record an id (a superset: ``mapping.map_record`` decides):
#: an ``ID`` tag, however spaced, or an ``N1`` note whose label names the ``ID`` tag, or
#: a free line setting ``csl.id``.
_ID_LINE: Final = re.compile(
    rb"(?:\A|(?<=[\r\n]))(?:ID[ \t]*-|N1[ \t]*-[ \t]*(?:"
    + b"|".join(
        re.escape(label.encode()) for label, tag in PROCITE_NOTE_TAGS.items() if tag == "ID"
    )
    + rb"|csl\.id):)"
)
_BLOCK_BYTES: Final = 4 << 20
_RUN: Final = 1 << 16  # hashes sorted per run: no list of a million ints at once


def iter_read(
    path: str,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
    chunk_bytes: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CslItem]:
    """The items of the ``.ris`` file at ``path``, read piece by piece (``chunk_bytes``
    each, 256 KB at most); its diagnostics go to ``diagnostics`` at the end, or a
    :class:`~bibconv.diagnostics.ParseError` is raised there where ``reader.read``
    raises one (no record at all)."""
    pieces = _io.iter_pieces(path, min(chunk_bytes, _io.PIECE_BYTES), progress)
    if pieces is None:  # UTF-16/32
        parsed = reader.read(_io.read_text(path), options)
        diagnostics.extend(parsed.diagnostics)
        yield from parsed.items
        return
    found: list[Diagnostic] = []  # the scanner's and the mapping's, in reader.read's order
    handed = _Hashes()
    ids = reader.IdSettler(options.path, _Taken(handed, path, chunk_bytes), handed)
    text = _Blankness()
    count = 0
    records = iter_records_of_pieces(text.watch(pieces), options.path, found)
    for item, line in reader.mapped(records, found):
        ids.settle(item, line)
        count += 1
        yield item
    if not count and not text.blank:
        raise reader.no_records(options.path)
    found.extend(ids.problems)
    found.sort(key=reader.position)
    diagnostics.extend(found)


class _Blankness:
    """Whether the pieces seen hold only what ``reader.read`` counts as blank."""

    def __init__(self) -> None:
        self.blank = True

    def watch(self, pieces: Iterator[str]) -> Iterator[str]:
        for piece in pieces:
            if self.blank and piece.strip("\ufeff \t\r\n"):
                self.blank = False
            yield piece


class _Hashes:
    """A set of strings kept as their 64-bit hashes, in one open-addressed ``array``
    (8 bytes a slot, at most half of them used; 0 marks a free slot): no Python int,
    and no set slot, per string (a ``set`` of the hashes took about 60 bytes each)."""

    def __init__(self) -> None:
        self._slots = array("q", bytes(8 * 1024))
        self._used = 0

    def __contains__(self, key: object) -> bool:
        value = _nonzero_hash(key)
        return self._slots[self._slot(value)] == value

    def add(self, key: str) -> None:
        value = _nonzero_hash(key)
        slot = self._slot(value)
        if self._slots[slot] == value:
            return
        self._slots[slot] = value
        self._used += 1
        if 2 * self._used > len(self._slots):
            self._grow()

    def _slot(self, value: int) -> int:
        """Where ``value`` is, or the free slot where it would go (linear probing)."""
        slots = self._slots
        mask = len(slots) - 1
        slot = value & mask
        while slots[slot] and slots[slot] != value:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        old = self._slots
        self._slots = array("q", bytes(16 * len(old)))
        for value in old:
            if value:
                self._slots[self._slot(value)] = value


def _nonzero_hash(key: object) -> int:
    return hash(key) or 1  # (0 marks a free slot)


class _Taken:
    """``reader.IdSettler``'s ``taken``: the ids handed out so far, and the file's own
    ids, looked for (once) only when a generated id first needs them."""

    def __init__(self, handed: _Hashes, path: str, chunk_bytes: int) -> None:
        self.handed = handed
        self.path = path
        self.chunk_bytes = chunk_bytes
        self._file_ids: _SortedHashes | None = None

    def __contains__(self, key: object) -> bool:
        if key in self.handed:
            return True
        if self._file_ids is None:
            self._file_ids = _file_ids(self.path, self.chunk_bytes)
        return key in self._file_ids

    def add(self, key: str) -> None:
        self.handed.add(key)


class _SortedHashes:
    """Hashes in sorted runs of an ``array`` (8 bytes each), for ``in``."""

    def __init__(self, hashes: array[int]) -> None:
        starts = range(0, len(hashes), _RUN)
        self._runs = [array("q", sorted(hashes[start : start + _RUN])) for start in starts]

    def __contains__(self, key: object) -> bool:
        wanted = hash(key)
        for run in self._runs:
            at = bisect.bisect_left(run, wanted)
            if at < len(run) and run[at] == wanted:
                return True
        return False


def _file_ids(path: str, chunk_bytes: int) -> _SortedHashes:
    """The hashes of the ids the file's records give themselves: none without a line
    that may give one, else from reading the file (scanned and mapped) a first time."""
    hashes = array("q")
    if any(_ID_LINE.search(block) for block in _io.iter_line_blocks(path, _BLOCK_BYTES)):
        pieces = _io.iter_pieces(path, min(chunk_bytes, _io.PIECE_BYTES))
        assert pieces is not None  # (the codec was found once already)
        for item, _ in reader.mapped(iter_records_of_pieces(pieces, path, []), []):
            if item["id"]:
                hashes.append(hash(item["id"]))
    return _SortedHashes(hashes)


__all__ = ["iter_read"]
