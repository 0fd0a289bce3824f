"""CSL-JSON -> BibTeX/BibLaTeX files: entries one after the other (``entry.py`` writes each),
keys made writable and unique, the kept ``@string``s, ``@preamble``s and comments in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import cast

from bibconv import keys
from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats.bibtex import keep as _bibkeep
from bibconv.formats.bibtex.entry import EntryWriter
from bibconv.formats.bibtex.mapping import OWN_CUSTOM_KEYS as OWN_CUSTOM_KEYS  # for _docgen
from bibconv.formats.bibtex.syntax import NOT_IN_KEY
from bibconv.model import CslItem
from bibconv.protocols import WriteOptions, Written


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """CSL items -> BibTeX: deterministic, one field per line, two-space indent."""
    return _write(items, options, biblatex=False)


def write_biblatex(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """CSL items -> BibLaTeX (``date``, ``journaltitle``, ``location``, ``eprinttype``)."""
    return _write(items, options, biblatex=True)


def iter_write(
    items: Iterable[CslItem], options: WriteOptions, notes: list[Diagnostic]
) -> Iterator[str]:
    """:func:`write`'s text piece by piece, an item at a time; notes go to ``notes``."""
    return _pieces(items, options, notes, biblatex=False)


def iter_write_biblatex(
    items: Iterable[CslItem], options: WriteOptions, notes: list[Diagnostic]
) -> Iterator[str]:
    """:func:`write_biblatex`'s text piece by piece."""
    return _pieces(items, options, notes, biblatex=True)


def _write(items: Sequence[CslItem], options: WriteOptions, *, biblatex: bool) -> Written:
    notes: list[Diagnostic] = []
    with paused_gc():
        text = "".join(_pieces(items, options, notes, biblatex=biblatex))
    return Written(text, notes)


def write_part(
    items: Sequence[CslItem],
    options: WriteOptions,
    *,
    biblatex: bool,
    macros: Mapping[str, str],
    earlier_keys: Iterable[str],
) -> Written:
    """The text of some items of a longer output (``bibconv.parallel``): ``macros`` are the
    ``@string``s the output defined before them, ``earlier_keys`` the keys it used."""
    notes: list[Diagnostic] = []
    with paused_gc():
        pieces = _pieces(
            items, options, notes, biblatex=biblatex, macros=macros, earlier_keys=earlier_keys
        )
        text = "".join(pieces)
    return Written(text, notes)


def _pieces(
    items: Iterable[CslItem],
    options: WriteOptions,
    notes: list[Diagnostic],
    *,
    biblatex: bool,
    macros: Mapping[str, str] | None = None,
    earlier_keys: Iterable[str] = (),
) -> Iterator[str]:
    """The blocks of the output, each after a line break but the first.

    A generated key (for an item without one) avoids every key of a list; of an iterator,
    the keys of the items before it (and of the items after it, should they come with
    the same: they are kept, and reported as duplicates, as any repeated key is)."""
    every = items if isinstance(items, Sequence) else ()
    taken = {str(item.get("id") or "") for item in every}
    seen: set[str] = set(earlier_keys)
    keeper = _bibkeep.Keeper(macros)
    separator = ""
    for item in items:
        key = str(item.get("id") or "")
        taken.add(key)
        source = _bibkeep.source_of(item)
        if source is not None and (before := keeper.before(source)):
            yield separator + before + "\n"
            separator = "\n"
        if NOT_IN_KEY.search(key):
            key = _writable_key(key, item, taken, notes)
        if not key:
            # A missing key is generated (CONVENTIONS), never clashing with any other.
            key = keys.unique_key(keys.base_key(item), taken)
        elif key in seen:
            # Kept as is, like the input had it: renaming would break citations silently.
            notes.append(
                Diagnostic(
                    Severity.WARNING,
                    "bib.duplicate-key",
                    f"key '{key}' is used by an earlier item too; written unchanged",
                    item_id=key,
                )
            )
        seen.add(key)
        writer = EntryWriter(cast(CslItem, {**item, "id": key}), options, biblatex, notes)
        if source is not None:
            writer.input_forms = keeper.usable(source)
        yield separator + writer.render()
        separator = "\n"
        if source is not None and (after := keeper.after(source)):
            yield separator + after + "\n"


def _writable_key(key: str, item: CslItem, taken: set[str], notes: list[Diagnostic]) -> str:
    """``key`` with '_' for what a key cannot hold (white space, ','), said in a warning:
    written as it is, the entry would not be read at all."""
    written = keys.unique_key(NOT_IN_KEY.sub("_", key).strip("_") or keys.base_key(item), taken)
    notes.append(
        Diagnostic(
            Severity.WARNING,
            "bib.key-changed",
            f"id {key!r} cannot be a key (it holds white space or ','); written as '{written}'",
            item_id=key,
        )
    )
    return written
