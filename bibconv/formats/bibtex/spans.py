"""A big .bib file's ``@string`` and crossref/xdata parent spans, read in file order.

:func:`bibconv.formats.split_ranges` finds, in a cheap pass over the bytes, where
``@string`` blocks start (``Split.strings``) and which entries some ``crossref`` or
``xdata`` may name (``Split.parents``), each as a byte range up to where an entry may
start. What spans the pieces of a file read piece by piece is read from these ranges
alone, by :class:`SpanReader`, for every way of reading in pieces: streaming
(``formats/bibtex/streaming.py``), ``--jobs`` (``bibconv.parallel``) and Dask
(``bibconv.dask``):

- the macros defined before a place of the file (:meth:`SpanReader.read_until`: the
  ``@string`` definitions of the ranges that end there or before);
- the entries of the ranges, in file order, each with the macros it was read with and
  where its range is (:class:`Spanned`), the first of each key kept (``readable``: the
  first one that is not broken, as the reader takes parents; ``first``: the first one,
  broken or not, as ``check`` does).

The ranges are read as one text at a time, joined, a batch up to about a megabyte long:
each ends where an entry may start, so joined they read as the file does without what
lies between them. The ranges that hold an ``@string`` head and those that do not are
never in one batch, so that the entries of a batch of the second kind were all read with
one set of macros (``Spanned.before``): reading ``start:end`` again with them gives the
same entry (``SpanReader.read_again``).
"""

from __future__ import annotations

import bisect
import collections
import mmap
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from bibconv.formats._split import DEFAULT_CHUNK_BYTES, newlines, release
from bibconv.formats.bibtex import syntax

#: About how much text one scan of joined ranges holds.
_BATCH_BYTES: Final = DEFAULT_CHUNK_BYTES


@dataclass(frozen=True, slots=True)
class Spanned:
    """An entry read from a range of the file: the entry (its offsets are those of the
    text it was scanned in, not the file's), the range ``start:end`` of the file that
    holds it, the file's line at ``start``, and the macros it was read with."""

    entry: syntax.Entry
    start: int
    end: int
    line: int
    before: syntax.Document | None
    #: Whether scanning ``start:end`` again after ``before`` gives the entry back (not for
    #: an entry in a range that defines macros itself: they would count twice).
    again: bool


@dataclass(frozen=True, slots=True)
class _Range:
    start: int
    end: int
    defines: bool  # an @string head starts in it: the macros after it differ


class SpanReader:
    """The ``@string`` and parent ranges of one file, read in file order on demand.

    ``text(start, end)`` turns a range of the file's bytes into the text the whole file's
    decoding gives there (it may raise :class:`UnicodeDecodeError`: then the caller reads
    the file another way). With ``count_lines``, ``Spanned.line`` is the file's line at
    each range's start (else 0). ``keep(entry)`` is what the kept entries hold (by default
    the entry as scanned).
    """

    def __init__(
        self,
        data: mmap.mmap,
        strings: Sequence[tuple[int, int]],
        parents: Sequence[tuple[int, int]],
        text: Callable[[int, int], str],
        path: str,
        *,
        count_lines: bool = False,
        keep: Callable[[syntax.Entry], syntax.Entry] | None = None,
    ) -> None:
        self.data = data
        self.text = text
        self.path = path
        self.count_lines = count_lines
        self.keep = keep
        self.macros: syntax.Document | None = None  # after what has been read
        self.readable: dict[str, Spanned] = {}  # lowercased key -> its first unbroken entry
        self.first: dict[str, Spanned] = {}  # lowercased key -> its first entry
        self._ranges = _disjoint(strings, parents)
        self._next = 0  # the first range not read yet
        self._line, self._counted = 1, 0

    def read_until(self, offset: int) -> syntax.Document | None:
        """Read the ranges that end at or before ``offset`` (offsets given in increasing
        order); the macros defined before ``offset`` (an empty document of them, shared
        by the places with no ``@string`` between them; None before any was read)."""
        stop = self._next
        while stop < len(self._ranges) and self._ranges[stop].end <= offset:
            stop += 1
        self._read(stop)
        return self.macros

    def read_all(self) -> SpanReader:
        """Read every range left; the reader."""
        self._read(len(self._ranges))
        return self

    def read_again(self, spanned: Spanned) -> syntax.Entry | None:
        """The entry of ``spanned``'s key scanned again from its range (as it was first
        read: the same macros), for a caller that kept only where it is."""
        key, broken = spanned.entry.key.lower(), spanned.entry.broken
        return self._read_at(spanned.start, spanned.end, spanned.before, key, broken=broken)

    def _read_at(
        self, start: int, end: int, before: syntax.Document | None, key: str, *, broken: bool
    ) -> syntax.Entry | None:
        """The first entry of ``key`` (lowercased; ``broken``: or a broken one) in
        ``start:end`` scanned after ``before``."""
        doc = syntax.parse(self.text(start, end), self.path, before=before)
        return next(
            (e for e in doc.entries if e.key.lower() == key and (broken or not e.broken)), None
        )

    def _read(self, stop: int) -> None:
        while self._next < stop:
            batch = self._batch(stop)
            self._next += len(batch)
            self._scan(batch)

    def _batch(self, stop: int) -> list[_Range]:
        """The ranges from the next one on that are scanned together: up to about
        ``_BATCH_BYTES`` of text, all of them defining macros or none."""
        batch: list[_Range] = []
        size = 0
        for index in range(self._next, stop):
            span = self._ranges[index]
            if batch and (span.defines != batch[0].defines or size >= _BATCH_BYTES):
                break
            batch.append(span)
            size += span.end - span.start
        return batch

    def _scan(self, batch: list[_Range]) -> None:
        texts: list[str] = []
        starts: list[int] = []  # where each range's text starts in the joined text
        lines: list[int] = []
        size = 0
        for span in batch:
            text = self.text(span.start, span.end) + "\n"
            starts.append(size)
            lines.append(self._line_at(span.start))
            texts.append(text)
            size += len(text)
        before = self.macros
        doc = syntax.parse("".join(texts), self.path, before=before)
        again = not batch[0].defines
        for entry in doc.entries:
            number = bisect.bisect_right(starts, entry.start) - 1
            span = batch[number]
            self._found(entry, span.start, span.end, lines[number], before, again)
        if batch[0].defines:
            self.macros = doc.macros_only()

    def _found(
        self,
        entry: syntax.Entry,
        start: int,
        end: int,
        line: int,
        before: syntax.Document | None,
        again: bool,
    ) -> None:
        """Keep the entry if it is the first of its key (or the first readable one)."""
        lowered = entry.key.lower()
        if lowered in self.first and (entry.broken or lowered in self.readable):
            return
        kept = self.keep(entry) if self.keep is not None else entry
        spanned = Spanned(kept, start, end, line, before, again)
        if lowered and lowered not in self.first:
            self.first[lowered] = spanned
        if not entry.broken and lowered not in self.readable:
            self.readable[lowered] = spanned

    def _line_at(self, offset: int) -> int:
        """The file's line at ``offset`` (offsets in increasing order), when counted."""
        if self.count_lines:
            self._line += sum(
                newlines(piece) for piece in _pieces(self.data, self._counted, offset)
            )
            self._counted = offset
            return self._line
        return 0


class ParentPlaces(SpanReader, Mapping[str, syntax.Entry]):
    """A :class:`SpanReader` that keeps where each entry is, not the entry (24 bytes
    an entry, in arrays): a mapping of lowercased key -> the first readable entry of that
    key, scanned again from the file when asked for (the last ``_AT_HAND`` of them at
    hand: children are mostly near their parents). For streaming a file far bigger than
    memory, which may have a parent for every few entries. Call :meth:`read_all` first.

    Keys are found by their ``hash()``; a key that shares one with another finds its own
    entry all the same (each candidate is scanned again and its key compared)."""

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)
        self._hashes = array("q")
        self._starts = array("q")
        self._ends = array("q")
        self._states = array("l")  # index in self._befores; -1: the entry is in _kept
        self._broken = array("b")
        self._befores: list[syntax.Document | None] = []
        self._kept: dict[int, syntax.Entry] = {}  # entries that cannot be read again
        self._at_hand: collections.OrderedDict[str, syntax.Entry | None] = collections.OrderedDict()

    def _found(
        self,
        entry: syntax.Entry,
        start: int,
        end: int,
        line: int,
        before: syntax.Document | None,
        again: bool,
    ) -> None:
        del line
        if not self._befores or self._befores[-1] is not before:
            self._befores.append(before)
        if not again:  # (rare: an entry in a range that defines macros)
            self._kept[len(self._hashes)] = self.keep(entry) if self.keep else entry
        self._hashes.append(_key_hash(entry.key.lower()))
        self._starts.append(start)
        self._ends.append(end)
        self._states.append(len(self._befores) - 1 if again else -1)
        self._broken.append(entry.broken)

    def read_all(self) -> ParentPlaces:
        super().read_all()
        order = sorted(range(len(self._hashes)), key=self._hashes.__getitem__)  # stable
        for name in ("_hashes", "_starts", "_ends", "_states", "_broken"):
            old = getattr(self, name)
            setattr(self, name, array(old.typecode, (old[i] for i in order)))
        self._kept = {place: self._kept[i] for place, i in enumerate(order) if i in self._kept}
        return self

    def __getitem__(self, key: str) -> syntax.Entry:
        found = self._entry(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self._entry(key)
        return default if found is None else found

    def _entry(self, key: str) -> syntax.Entry | None:
        if key in self._at_hand:
            self._at_hand.move_to_end(key)
            return self._at_hand[key]
        found = self._at_hand[key] = self._look_up(key)
        if len(self._at_hand) > _AT_HAND:
            self._at_hand.popitem(last=False)
        return found

    def _look_up(self, key: str) -> syntax.Entry | None:
        wanted = _key_hash(key)
        place = bisect.bisect_left(self._hashes, wanted)
        while place < len(self._hashes) and self._hashes[place] == wanted:
            if not self._broken[place]:
                entry = self._kept.get(place)
                if entry is None:
                    before = self._befores[self._states[place]]
                    start, end = self._starts[place], self._ends[place]
                    entry = self._read_at(start, end, before, key, broken=False)
                    if entry is not None and self.keep is not None:
                        entry = self.keep(entry)
                if entry is not None and entry.key.lower() == key:
                    return entry
            place += 1
        return None

    def __iter__(self) -> Iterator[str]:
        raise TypeError("ParentPlaces looks keys up; it does not list them")

    def __len__(self) -> int:
        return len(self._hashes)


def _key_hash(key: str) -> int:
    return hash(key)  # (a function of its own, so that a test can make keys collide)


#: How many parents :class:`ParentPlaces` keeps scanned.
_AT_HAND: Final = 512


def _disjoint(
    strings: Sequence[tuple[int, int]], parents: Sequence[tuple[int, int]]
) -> list[_Range]:
    """The ranges in file order, each byte in one of them only (a range that starts inside
    another, such as an ``@string`` head inside an entry's value, keeps what lies beyond)."""
    heads = sorted(start for start, _ in strings)
    ranges: list[_Range] = []
    end = 0
    for start, stop in sorted({*strings, *parents}):
        start = max(start, end)
        if start >= stop:
            continue
        first = bisect.bisect_left(heads, start)
        defines = first < len(heads) and heads[first] < stop
        ranges.append(_Range(start, stop, defines))
        end = stop
    return ranges


def _pieces(data: mmap.mmap, start: int, end: int) -> Iterator[bytes]:
    """``data[start:end]`` a few MB at a time, the pages behind given back; a piece never
    ends between the CR and the LF of a CRLF (which would count two lines)."""
    step = 8 << 20
    while start < end:
        stop = min(end, start + step)
        if stop < end and data[stop - 1 : stop] == b"\r":
            stop += 1
        yield data[start:stop]
        release(data, start, stop)
        start = stop


__all__ = ["ParentPlaces", "SpanReader", "Spanned"]
