"""BibTeX/BibLaTeX -> CSL-JSON, a file at a time: entries from the syntax layer, each
mapped by ``item.py``, with what spans the entries (the first place of each key and
``bib.duplicate-key``, crossref/xdata parents by key, generated ids for empty keys, the
kept input text beside each item, ``--strict``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Final, cast

from bibconv import keys
from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, ParseError, Severity
from bibconv.formats.bibtex import keep as _bibkeep
from bibconv.formats.bibtex import syntax
from bibconv.formats.bibtex.item import Mapper, located
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

# ----------------------------------------------------------------------------- reading


# ----------------------------------------------------------------------------- reading


def read(text: str, options: ReadOptions) -> Parsed:
    """BibTeX (either dialect's field names) -> CSL items; crossref with BibTeX's rules."""
    return _read(text, options, biblatex=False)


def read_biblatex(text: str, options: ReadOptions) -> Parsed:
    """Like :func:`read`, with BibLaTeX's crossref inheritance rules."""
    return _read(text, options, biblatex=True)


def _read(text: str, options: ReadOptions, *, biblatex: bool) -> Parsed:
    with paused_gc():
        return _read_all(text, options, biblatex=biblatex)


def _read_all(text: str, options: ReadOptions, *, biblatex: bool) -> Parsed:
    return read_document(syntax.parse(text, options.path), options, biblatex=biblatex)


def read_document(
    doc: syntax.Document,
    options: ReadOptions,
    *,
    biblatex: bool = False,
    before: Iterable[syntax.Entry] = (),
    after: Iterable[syntax.Entry] = (),
) -> Parsed:
    """The items of a parsed text: all of a file, or one piece of it read on its own
    (``parse(piece, first_line=..., before=macros)``: ``bibconv.dask``'s partitions).
    ``before``/``after``: entries of the file outside the piece that a ``crossref`` or
    ``xdata`` may name (``Split.parents``), in file order."""
    kept = _bibkeep.sources(doc)
    entries = [e for e in doc.entries if not e.broken]
    parents = _parents_by_key(e for e in itertools.chain(before, entries, after) if not e.broken)
    reader = EntryReader(parents, options, biblatex=biblatex)
    items = [with_source(item, kept.get(entry.start)) for entry, item in reader.items(doc, entries)]
    _name_keyless(items, {entry.key for entry in entries})
    diagnostics = [*doc.diagnostics, *reader.diagnostics]
    if options.strict and any(d.severity is not Severity.INFO for d in diagnostics):
        raise ParseError(diagnostics)
    return Parsed(items, diagnostics)


def with_source(item: CslItem, source: _bibkeep.Source | None) -> CslItem:
    """The input text that belongs with the entry travels beside the item (_bibkeep)."""
    return item if source is None else cast(CslItem, _bibkeep.KeptEntry(item, source))


#: How many resolved parents an :class:`EntryReader` keeps across entries.
_RESOLVED_AT_MOST: Final = 4096


class EntryReader:
    """Maps the entries of one input, document by document (one, or a file's pieces in
    order: ``formats/bibtex/streaming.py``), keeping what spans them: the first place of
    each key (``bib.duplicate-key``), the crossref parents and their resolved fields.
    ``diagnostics`` collects the mapping's problems (the syntax layer's are the
    documents' own)."""

    def __init__(
        self,
        parents: Mapping[str, syntax.Entry],
        options: ReadOptions,
        *,
        biblatex: bool,
        line_col_of: Callable[[int, int], tuple[int, int]] | None = None,
        repeated: set[int] | None = None,
        earlier_keys: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        self.parents = parents
        self.options = options
        # Keys first used before the documents given here, and where (line, column): a
        # piece of a file read in another process (``bibconv.parallel``).
        self.earlier_keys = earlier_keys or {}
        self.biblatex = biblatex
        self.diagnostics: list[Diagnostic] = []
        self.resolved_parents: dict[tuple[str, int], dict[str, str]] = {}
        # key -> where it was first used, packed into one int (a big file has a million
        # keys): offset << 24 | the number of its document. No line index is built for
        # it: only a repeated key needs (line, column), from ``line_col_of(number,
        # offset)`` for an earlier document.
        self.first_use: dict[str, int] = {}
        self.line_col_of = line_col_of
        # The hashes of the only keys that may repeat (a first pass found them); None:
        # any key may.
        self.repeated = repeated
        self.number = -1  # of the document being read

    def items(
        self, doc: syntax.Document, entries: Iterable[syntax.Entry]
    ) -> Iterator[tuple[syntax.Entry, CslItem]]:
        """Each of ``doc``'s readable ``entries`` with its item, in order."""
        self.number += 1
        for entry in entries:
            self.note_key(doc, entry)
            if len(self.resolved_parents) > _RESOLVED_AT_MOST:
                # A file far bigger than memory may have a parent every few entries: the
                # memo is for chains, which are near each other; emptied between entries,
                # one entry's resolution is still linear (issue 12).
                self.resolved_parents.clear()
            mapper = Mapper(entry, doc, self.diagnostics, self.parents, self.biblatex)
            mapper.sentence_case = self.options.sentence_case
            mapper.resolved_parents = self.resolved_parents  # shared: linear in chains (issue 12)
            yield entry, mapper.item()

    def note_key(self, doc: syntax.Document, entry: syntax.Entry) -> None:
        """Remember where a key is first used; warn when it is used again."""
        if entry.key in self.earlier_keys:
            line, col = self.earlier_keys[entry.key]
        else:
            if self.repeated is not None and hash(entry.key) not in self.repeated:
                return
            first = self.first_use.setdefault(entry.key, entry.key_offset << 24 | self.number)
            if first >> 24 == entry.key_offset and first & 0xFFFFFF == self.number:
                return
            if not entry.key:  # empty keys get generated ones
                return
            number, offset = first & 0xFFFFFF, first >> 24
            if number == self.number or self.line_col_of is None:
                line, col = doc.index.line_col(offset)
            else:
                line, col = self.line_col_of(number, offset)
        self.diagnostics.append(
            located(
                Severity.WARNING,
                "bib.duplicate-key",
                f"duplicate key '{entry.key}' (first used at {line}:{col}); both entries kept",
                doc,
                entry.key_offset,
            )
        )


def read_entries(
    doc: syntax.Document, entries: Sequence[syntax.Entry], *, biblatex: bool = False
) -> list[CslItem]:
    """The items of some of ``doc``'s entries, crossref parents taken from all of it; no
    diagnostics, and an empty key stays empty (check --fix compares the entries it edits).

    An item is made from its entry's type, key and fields' names and values alone (and its
    parents'), never from offsets or how a value is spelled (``jun`` or ``{June}``)."""
    parents = _parents_by_key(e for e in doc.entries if not e.broken)
    return [Mapper(entry, doc, None, parents, biblatex).item() for entry in entries]


def _name_keyless(items: list[CslItem], taken: set[str]) -> None:
    """An entry BibTeX reads with an empty key ('@misc{,') gets a generated id (CONVENTIONS)."""
    for item in items:
        if not item["id"]:
            item["id"] = keys.unique_key(keys.base_key(item), taken)


def _parents_by_key(entries: Iterable[syntax.Entry]) -> dict[str, syntax.Entry]:
    """Crossref targets by lowercased key (BibTeX compares keys case-insensitively)."""
    parents: dict[str, syntax.Entry] = {}
    for entry in entries:
        parents.setdefault(entry.key.lower(), entry)
    return parents
