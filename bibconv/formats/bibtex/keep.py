"""What a ``.bib -> .bib`` conversion keeps of the input's own text (docs/conventions.md).

CSL-JSON has no place for ``@string`` definitions, macro uses (``journal = jgo``,
``month = jan # "~1"``), ``@preamble``, ``@comment``, ``%`` lines or text between entries.
They travel *beside* the model instead of inside it: the BibTeX reader returns an item
that has any of them as a :class:`KeptEntry`, a ``dict`` subclass carrying its
:class:`Source`; the BibTeX and BibLaTeX writers use it, and to every other writer, to
``json`` and to user code it is a plain CSL item. Nothing goes into ``custom``, so CSL-JSON
and RIS output stay clean, and a CSL-JSON file in between forgets it (as it forgets any
layout).

Why per item and not per list: the text before an entry stays with that entry when a
program filters, sorts, concatenates or streams items, as a comment about an entry should.
A copy (``dict(item)``, ``{**item}``) is a new item and keeps nothing.

The writer side (:class:`Keeper`) writes each source's ``before`` text ahead of its
entry, exactly as the input had it, and hands the entry writer the input forms of the
fields that used a macro or ``#``; the entry writer uses such a form only when it reads
back the same as the value it would write, and :meth:`Keeper.usable` offers only those
whose macros the output has already defined with the same value (so sorting, filtering
or joining files never makes a macro mean something else, or undefined).

Syntax only: no CSL mapping here (that is ``bibtex.py``'s job).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from bibconv.diagnostics import Diagnostic, Location, Severity
from bibconv.formats.bibtex.syntax import (
    MONTH_MACROS,
    Comment,
    Document,
    Entry,
    FreeText,
    Preamble,
    StringDef,
)


@dataclass(frozen=True, slots=True)
class MacroField:
    """A field whose value used a macro or ``#``, as the input wrote it."""

    raw: str  # the pieces and their '#'s, as written (``jan # "~1"``)
    value: str  # the expanded value the reader mapped
    macros: tuple[tuple[str, str], ...]  # (lowercased macro name, its value there)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Source:
    """The input text that belongs with one entry."""

    #: Everything between the previous entry and this one, exactly (leading blank lines
    #: and trailing white space trimmed): ``@string``, ``@preamble``, ``@comment``, ``%``
    #: lines, free text. Entries the reader could not read are left out.
    before: str = ""
    #: The ``@string`` definitions ``before`` holds: (lowercased name, value), in order.
    defines: tuple[tuple[str, str], ...] = ()
    #: Field (lowercased name) -> its input form, for fields that used a macro or ``#``.
    fields: Mapping[str, MacroField] | None = None
    #: The text after the input's last entry, and its definitions (on that entry only).
    after: str = ""
    after_defines: tuple[tuple[str, str], ...] = ()
    #: What a writer of another format leaves out: ("@preamble" | "comment", where).
    not_items: tuple[tuple[str, Location], ...] = ()


class KeptEntry(dict[str, Any]):
    """A CSL item read from BibTeX, with the input text that belongs with it."""

    __slots__ = ("source",)

    def __init__(self, item: Mapping[str, Any], source: Source) -> None:
        super().__init__(item)
        self.source = source

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (process pools) with its source; dict's own reduction would drop it.
        return (KeptEntry, (dict(self), self.source))


def source_of(item: object) -> Source | None:
    """The kept input text of ``item``, if it is a :class:`KeptEntry`."""
    return item.source if isinstance(item, KeptEntry) else None


# ----------------------------------------------------------------------------- reading

_LEADING_BLANK_LINES: Final = re.compile(r"\A(?:[ \t\r\f\v]*\n)+")


def _trimmed(text: str) -> str:
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def sources(doc: Document) -> dict[int, Source]:
    """Entry start offset -> its Source, for every readable entry that has something to keep."""
    tracker = SourceTracker()
    found = tracker.feed(doc)
    last = tracker.finish()
    if last is not None:
        found[last[0]] = last[1]
    return found


class SourceTracker:
    """:func:`sources` for a file read in pieces (``syntax.parse(piece, before=...)``):
    :meth:`feed` each piece's document in order, then :meth:`finish`. The text between
    two entries may span pieces; what follows the last entry is known only at the end."""

    def __init__(self, macros: Mapping[str, str] | None = None) -> None:
        # macros: the @strings defined before the first piece fed (a piece read apart)
        self.table: dict[str, str] = dict(MONTH_MACROS if macros is None else macros)
        self.gap: list[str] = []  # text since the last readable entry
        self.defines: list[tuple[str, str]] = []
        self.not_items: list[tuple[str, Location]] = []
        self.last: tuple[int, Source | None] | None = None  # (start, source) of that entry

    def feed(self, doc: Document) -> dict[int, Source]:
        """Entry start offset (in ``doc``) -> its Source, for this piece's entries."""
        text = doc.text
        found: dict[int, Source] = {}
        pending: list[tuple[str, int]] = []  # not-items of this piece, located at the end
        pos = 0
        for block in doc.blocks:
            if isinstance(block, Entry):
                self.gap.append(text[pos : block.start])
                pos = block.end
                if block.broken:  # reported by the reader; its text is not written back
                    continue
                fields = _macro_fields(block, self.table)
                before = _trimmed("".join(self.gap))
                not_items = (*self.not_items, *_located(doc, pending))
                source = None
                if before or fields:
                    source = found[block.start] = Source(
                        before, tuple(self.defines), fields, not_items=not_items
                    )
                self.gap, self.defines, self.not_items, pending = [], [], [], []
                self.last = (block.start, source)
            elif isinstance(block, StringDef):
                self.table[block.name] = block.value
                self.defines.append((block.name, block.value))
            elif isinstance(block, Preamble):
                pending.append(("@preamble", block.start))
            elif isinstance(block, Comment | FreeText):
                pending.append(("comment", block.start))
        self.gap.append(text[pos:])
        self.not_items.extend(_located(doc, pending))
        return found

    def finish(self) -> tuple[int, Source] | None:
        """The last entry's start (in the last piece that had an entry) and its Source,
        now with the text after it, when there is any; None otherwise."""
        after = _trimmed("".join(self.gap))
        if self.last is None or not (after or self.not_items):
            return None
        start, kept = self.last
        kept = kept or Source()
        return start, Source(
            kept.before,
            kept.defines,
            kept.fields,
            after,
            tuple(self.defines),
            kept.not_items + tuple(self.not_items),
        )


def _located(doc: Document, offsets: list[tuple[str, int]]) -> tuple[tuple[str, Location], ...]:
    if not offsets:
        return ()
    # The line index is built only for a file that has such blocks.
    return tuple((what, doc.index.location(offset)) for what, offset in offsets)


def _macro_fields(entry: Entry, table: Mapping[str, str]) -> dict[str, MacroField] | None:
    fields: dict[str, MacroField] | None = None
    for fld in entry.fields:
        pieces = fld[4]  # (tuple indexing: this loop sees every field of the file)
        if len(pieces) == 1 and pieces[0][0] != "macro":
            continue  # the common case: one literal piece, nothing to keep
        macros = []
        for piece in pieces:
            if piece.kind == "macro":
                name = piece.text.lower()
                value = table.get(name)
                if value is None:
                    break  # an undefined macro: the writer writes the text it stood for
                macros.append((name, value))
        else:
            if fields is None:
                fields = {}
            fields.setdefault(fld.name, MacroField(fld.raw, fld.value, tuple(macros)))
    return fields


# ----------------------------------------------------------------------------- writing

#: The formats whose writers keep the input's text (the others say what they leave out).
KEEPING_FORMATS: Final = frozenset({"bibtex", "biblatex"})
#: What a .bib holds besides entries, which only those writers put back (docs/formats.md).
NOT_ITEMS: Final = (
    "`@string` definitions and macro uses",
    "`@preamble`",
    "`@comment`",
    "`%` lines and text between entries",
)


def left_out(items: Iterable[object], target: str, label: str) -> list[Diagnostic]:
    """Loss notes for a writer of another format: each ``@preamble`` (not an item, so not
    written), and per input file its comments and text between entries, at the first."""
    tally = LeftOut(target, label)
    for item in items:
        tally.add(item)
    return tally.notes()


class LeftOut:
    """:func:`left_out` for items that pass one at a time (a streamed output): what they
    left out is tallied as they go, in little memory (a note per ``@preamble``)."""

    def __init__(self, target: str, label: str) -> None:
        self.target = target
        self.label = label
        self.preambles: list[Diagnostic] = []
        self.comments: dict[str, tuple[Location, int]] = {}

    def add(self, item: object) -> None:
        source = source_of(item)
        if source is None:
            return
        for what, where in source.not_items:
            if what == "@preamble":
                message = f"@preamble is not an item: {self.label} cannot hold it, so it is dropped"
                self.preambles.append(
                    Diagnostic(Severity.INFO, f"{self.target}.cannot-hold", message, where)
                )
            else:
                first, count = self.comments.get(where.path, (where, 0))
                self.comments[where.path] = (first, count + 1)

    def notes(self) -> list[Diagnostic]:
        notes = list(self.preambles)
        for first, count in self.comments.values():
            what = "a comment is not an item" if count == 1 else f"{count} comments are not items"
            message = (
                f"{what} (% lines, @comment, text between entries): {self.label} cannot "
                "hold them, so they are dropped"
            )
            notes.append(Diagnostic(Severity.INFO, f"{self.target}.cannot-hold", message, first))
        return notes


class Keeper:
    """One output's state: which sources are written, and what its macros mean so far."""

    def __init__(self, macros: Mapping[str, str] | None = None) -> None:
        # macros: what the output defined before (one part of a longer output)
        self.macros: dict[str, str] = dict(MONTH_MACROS if macros is None else macros)
        self.written = _Identities()  # the sources whose text is out
        self.ended = _Identities()  # ... and whose text after the entry is

    def before(self, source: Source) -> str:
        """The text to write ahead of the source's entry (once, however often it comes)."""
        if not self.written.add(source):
            return ""
        self.macros.update(source.defines)
        return source.before

    def after(self, source: Source) -> str:
        """The text to write after the source's entry (the input's last), once."""
        if not source.after or not self.ended.add(source):
            return ""
        self.macros.update(source.after_defines)
        return source.after

    def usable(self, source: Source) -> dict[str, MacroField]:
        """The input forms whose macros mean here what they meant in the input."""
        macros = self.macros
        return {
            name: kept
            for name, kept in (source.fields or {}).items()
            if all(macros.get(macro) == value for macro, value in kept.macros)
        }


class _Identities:
    """A set of sources by identity that forgets a source when it is freed: a streamed
    output lets go of its items, and a new source may then get a freed one's ``id()``
    (sources are compared by identity: two entries may have equal text before them)."""

    def __init__(self) -> None:
        self._refs: dict[int, weakref.ref[Source]] = {}

    def add(self, source: Source) -> bool:
        """Add ``source``; False if it was there already."""
        key = id(source)
        known = self._refs.get(key)
        if known is not None and known() is source:
            return False
        refs = self._refs

        def forget(ref: weakref.ref[Source]) -> None:
            if refs.get(key) is ref:
                del refs[key]

        refs[key] = weakref.ref(source, forget)
        return True


__all__ = [
    "KEEPING_FORMATS",
    "NOT_ITEMS",
    "Keeper",
    "KeptEntry",
    "LeftOut",
    "MacroField",
    "Source",
    "SourceTracker",
    "left_out",
    "source_of",
    "sources",
]
