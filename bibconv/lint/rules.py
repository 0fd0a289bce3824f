"""The rules of ``bibconv check`` over one scanned .bib file (``formats.bibtex.syntax``).

Every rule reads the syntax layer's blocks and yields :class:`Finding`s: a code, a message,
an offset in the text, the entry's key, and for fixable rules the :class:`Edit` that
repairs it. Nothing here reads files or knows about other files: pre-commit passes only
the changed files, so a file's findings depend on that file alone (the LaTeX citation
rules, which need the .tex side, live in ``lint.tex``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol, TypeVar

from bibconv.formats.bibtex.syntax import MONTH_MACROS, Document, Entry, Field, FreeText, Piece
from bibconv.lint import values
from bibconv.lint.duplicates import _DuplicateWorks, _Work
from bibconv.lint.findings import Edit, Finding, Settings
from bibconv.lint.layout import _layout
from bibconv.lint.tables import (
    _ISO_DATE,
    _MONTH_NAMES,
    BIBLATEX_REQUIRED,
    BIBTEX_REQUIRED,
    BOOK_TITLE_TYPES,
    FIRST_LAST_MIN_NAMES,
    FIRST_LAST_SHARE,
    NAME_FIELDS,
    TITLE_FIELDS,
    TYPESET_FIELDS,
    _biblatex_only,
)

# ----------------------------------------------------------------------------- the run

#: A per-field rule: looks at one field of one entry, appends what it finds. A plain
#: function of the checker, not a bound method: a table of bound methods kept on the
#: checker would be a reference cycle, keeping the whole scan alive until the cyclic
#: collector runs (a full traversal of millions of objects on a large file).
_FieldRule = Callable[["FileChecker", Entry, Field, list[Finding]], None]


class FileChecker:
    """All rules over one scanned document; :meth:`findings` yields them in file order.

    For a piece of a file (``bibconv.parallel``): ``keys`` is the whole file's first entry
    of each (case-folded) key that a crossref may name, and ``whole_file=False`` leaves out
    the rules that compare entries across the file (duplicate keys and works, the file's
    naming habit); the caller runs them over every piece's ``works``, ``maybe_joined``
    and :meth:`name_counts`.
    """

    def __init__(
        self,
        doc: Document,
        settings: Settings,
        keys: Mapping[str, Entry] | None = None,
        *,
        whole_file: bool = True,
    ) -> None:
        self.doc = doc
        self.settings = settings
        self.on = settings.enabled
        self.entries = doc.entries
        self.keys = keys
        self.whole_file = whole_file
        self.field_rules = self._field_rules()
        # "John Smith, Jane Doe" or "Garcia Marquez, Gabriel"? Decided once the whole
        # file's naming habit is known (see writes_first_last).
        self.maybe_joined: list[tuple[Entry, Field, str]] = []
        # Each readable entry's fields by name (the first of duplicates, as BibTeX keeps),
        # gathered in the one pass over fields for the duplicate-work rule.
        self.works: list[_Work] = []

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        if "bib.junk" in self.on:
            self._junk(found)
        keys = self.keys
        if keys is None:
            keys = {entry.key.lower(): entry for entry in reversed(self.entries) if entry.key}
        for entry in self.entries:
            self._entry(entry, keys, found)
        if self.whole_file:
            if "bib.duplicate-key" in self.on:
                line_of = self.doc.index.line_col
                found.extend(duplicate_key_findings(self.entries, lambda e: line_of(e.start)[0]))
            if "bib.duplicate-work" in self.on:
                found.extend(_DuplicateWorks(self.works).findings())
            if self.maybe_joined and writes_first_last(*self.name_counts()):
                found.extend(author_comma_findings(self.maybe_joined))
        found.sort(key=lambda f: f.offset)
        return found

    def _uses_biblatex(self, entry: Entry, seen: Mapping[str, Field]) -> bool:
        """The data model an entry is written for: configured, or guessed from the entry
        (a whole-file guess would hold BibTeX entries to BibLaTeX's rules in mixed files)."""
        if self.settings.data_model in ("bibtex", "biblatex"):
            return self.settings.data_model == "biblatex"
        return _biblatex_only(entry, seen)

    # -- per entry

    def _entry(self, entry: Entry, keys: Mapping[str, Entry], out: list[Finding]) -> None:
        on = self.on
        key = entry.key or None
        pattern = self.settings.key_pattern
        if "bib.key-pattern" in on and pattern and entry.key and not pattern.fullmatch(entry.key):
            out.append(
                Finding(
                    "bib.key-pattern",
                    f"key {entry.key!r} does not match the key-pattern {pattern.pattern!r}",
                    entry.key_offset,
                    key,
                )
            )
        if "bib.non-ascii" in on and not entry.key.isascii():
            out.append(
                Finding("bib.non-ascii", f"key {entry.key!r} is not ASCII", entry.key_offset, key)
            )
        field_rules = self.field_rules
        every_field = field_rules.get("*", ())
        seen: dict[str, Field] = {}
        if entry.key and not entry.broken:
            self.works.append(_Work(entry, seen))
        for fld in entry.fields:
            first = seen.get(fld.name)
            if first is None:
                seen[fld.name] = fld
            elif "bib.duplicate-field" in on:
                line, _ = self.doc.index.line_col(first.name_offset)
                out.append(
                    Finding(
                        "bib.duplicate-field",
                        f"field {fld.name!r} appears twice in {entry.key!r} (first at line {line})",
                        fld.name_offset,
                        key,
                    )
                )
            rules = field_rules.get(fld.name)
            if rules is not None:
                for rule in rules:
                    rule(self, entry, fld, out)
            for rule in every_field:
                rule(self, entry, fld, out)
        if entry.broken:
            return  # its fields stop at the error: missing ones are not news
        if "bib.missing-crossref" in on and "crossref" in seen:
            target = seen["crossref"].value.strip()
            if target and target.lower() not in keys:
                out.append(
                    Finding(
                        "bib.missing-crossref",
                        f"crossref {target!r} names no entry in this file",
                        seen["crossref"].value_offset,
                        key,
                    )
                )
        crossref_missing = "crossref" in seen and seen["crossref"].value.strip().lower() not in keys
        if "bib.missing-field" in on and not crossref_missing:
            # (With its crossref target missing, what the entry would inherit is unknown:
            # the missing crossref is the one problem to report.)
            self._missing_fields(entry, seen, keys, out)
        if "bib.layout" in on:
            out.extend(_layout(self.doc.text, entry))

    def name_counts(self) -> tuple[int, int]:
        """Multi-word names in the file's name fields, and how many are "First Last"."""
        total = first_last = 0
        for entry in self.entries:
            for fld in entry.fields:
                if fld.name in NAME_FIELDS:
                    counted, plain = values.name_order_counts(fld.value)
                    total += counted
                    first_last += plain
        return total, first_last

    def _missing_fields(
        self, entry: Entry, seen: dict[str, Field], keys: Mapping[str, Entry], out: list[Finding]
    ) -> None:
        biblatex = self._uses_biblatex(entry, seen)
        required = self.settings.required.get(entry.type)
        if required is None:
            table = BIBLATEX_REQUIRED if biblatex else BIBTEX_REQUIRED
            required = table.get(entry.type)
        if not required:
            return
        present = {name for name, f in seen.items() if f.value.strip()}
        parent = keys.get(seen["crossref"].value.strip().lower()) if "crossref" in seen else None
        if parent is not None:
            # BibTeX copies every field of the crossref'd entry; biblatex also makes the
            # parent's title the child's booktitle.
            inherited = {f.name for f in parent.fields if f.value.strip()}
            present |= inherited
            if "title" in inherited:
                present.add("booktitle")
        missing = [" or ".join(group) for group in required if not present.intersection(group)]
        if missing:
            model = "BibLaTeX" if biblatex else "BibTeX"
            out.append(
                Finding(
                    "bib.missing-field",
                    f"@{entry.type} {entry.key!r} lacks required field"
                    f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} ({model} data model)",
                    entry.start,
                    entry.key or None,
                )
            )

    def _junk(self, out: list[Finding]) -> None:
        for block in self.doc.blocks:
            if isinstance(block, FreeText):
                offset = _first_non_comment(block)
                if offset is not None:
                    snippet = self.doc.text[offset : offset + 30].split("\n")[0]
                    out.append(
                        Finding(
                            "bib.junk",
                            f"text outside any entry is ignored by BibTeX: {snippet!r} (expected "
                            "'@' starting an entry, or a '%' comment)",
                            offset,
                        )
                    )

    # -- per field

    def _field_rules(self) -> dict[str, list[_FieldRule]]:
        """Field name ("*" for every field) -> the enabled rules that look at it."""
        on = self.on
        table: dict[str, list[_FieldRule]] = {}

        def add(names: tuple[str, ...] | frozenset[str], rule: _FieldRule) -> None:
            for name in names:
                table.setdefault(name, []).append(rule)

        if "bib.invalid-month" in on or "bib.month-macro" in on:
            add(("month",), FileChecker._month)
        if "bib.implausible-year" in on or "bib.invalid-month" in on:
            add(("year", "date"), FileChecker._year)
        if "bib.page-hyphen" in on:
            add(("pages",), FileChecker._pages)
        if "bib.unescaped-char" in on:
            add(TYPESET_FIELDS, FileChecker._escapes)
        if "bib.unprotected-caps" in on:
            add(TITLE_FIELDS, FileChecker._capitals)
        if "bib.malformed-doi" in on:
            add(("doi",), FileChecker._doi)
        if "bib.malformed-url" in on:
            add(("url",), FileChecker._url)
        if "bib.author-commas" in on or "bib.et-al" in on:
            add(NAME_FIELDS, FileChecker._names)
        if "bib.non-ascii" in on:
            add(("*",), FileChecker._non_ascii)
        return table

    def _month(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        pieces = fld.pieces
        if (
            len(pieces) == 1
            and pieces[0].kind == "macro"
            and pieces[0].text.lower() in MONTH_MACROS
        ):
            return
        if any(p.kind == "macro" for p in pieces) and len(pieces) > 1:
            return  # "jun # '--' # jul": built from macros, a range
        problem = values.month_problem(fld.value)
        if problem is not None:
            if "bib.invalid-month" in self.on:
                out.append(
                    Finding("bib.invalid-month", problem, fld.value_offset, entry.key or None)
                )
            return
        macro = _MONTH_NAMES.get(fld.value.strip().lower().rstrip("."))
        if macro is not None and "bib.month-macro" in self.on:
            out.append(
                Finding(
                    "bib.month-macro",
                    f"month {fld.raw!r} is better written as the macro {macro}",
                    fld.value_offset,
                    entry.key or None,
                    (Edit(fld.value_offset, fld.value_offset + len(fld.raw), macro),),
                )
            )

    def _year(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        text = fld.value
        if fld.name == "date":
            if any(f.name == "year" for f in entry.fields):
                return  # a BibTeX file's free-form "date" note; the year is what counts
            match = re.match(r"\s*(\d{4})", text)
            if match is None:
                if "bib.implausible-year" in self.on and not re.fullmatch(r"\s*(?:\.\./.*)?", text):
                    out.append(
                        Finding(
                            "bib.implausible-year",
                            f"date {text!r} does not start with a four-digit year (ISO 8601)",
                            fld.value_offset,
                            entry.key or None,
                        )
                    )
                return
            if "bib.invalid-month" in self.on and _bad_iso_month_or_day(fld.value):
                out.append(
                    Finding(
                        "bib.invalid-month",
                        f"date {fld.value!r} has no such month or day (ISO 8601: YYYY-MM-DD)",
                        fld.value_offset,
                        entry.key or None,
                    )
                )
            text = match.group(1)
        problem = values.year_problem(text, self.settings.this_year)
        if problem is not None and "bib.implausible-year" in self.on:
            out.append(
                Finding("bib.implausible-year", problem, fld.value_offset, entry.key or None)
            )

    def _pages(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        for piece, base in _literal_pieces(fld):
            spans = values.single_hyphens(piece.text)
            if spans:
                edits = tuple(Edit(base + s, base + e, "--") for s, e in spans)
                out.append(
                    Finding(
                        "bib.page-hyphen",
                        f"page range {fld.value.strip()!r} uses a single hyphen; write '--'",
                        base + spans[0][0],
                        entry.key or None,
                        edits,
                    )
                )

    def _escapes(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        if not values.has_special(fld.raw):
            return  # the common case, decided in one C-level scan
        for piece, base in _literal_pieces(fld):
            found = values.unescaped_specials(piece.text)
            if found:
                chars = "".join(sorted({piece.text[i] for i in found}))
                out.append(
                    Finding(
                        "bib.unescaped-char",
                        f"unescaped {' '.join(repr(c) for c in chars)} in {fld.name!r}; LaTeX "
                        f"needs {' '.join(chr(92) + c for c in chars)}",
                        base + found[0],
                        entry.key or None,
                        tuple(Edit(base + i, base + i, "\\") for i in found),
                    )
                )

    def _capitals(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        if entry.type in BOOK_TITLE_TYPES:
            return
        for piece, base in _literal_pieces(fld):
            words = values.unprotected_capitals(piece.text)
            if words:
                listed = ", ".join(dict.fromkeys(w.word for w in words))
                out.append(
                    Finding(
                        "bib.unprotected-caps",
                        f"{fld.name} has capitals a style would lower-case: {listed} "
                        f"(protect them: {words[0].protected})",
                        base + words[0].start,
                        entry.key or None,
                        tuple(Edit(base + w.start, base + w.end, w.protected) for w in words),
                    )
                )

    def _doi(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        problem = values.doi_problem(fld.value)
        if problem is None:
            return
        edits: tuple[Edit, ...] = ()
        if problem.fixed is not None and len(fld.pieces) == 1 and fld.pieces[0].kind != "macro":
            piece = fld.pieces[0]
            start = piece.offset + 1
            edits = (Edit(start, start + len(piece.text), problem.fixed),)
        out.append(
            Finding(
                "bib.malformed-doi", problem.message, fld.value_offset, entry.key or None, edits
            )
        )

    def _url(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        problem = values.url_problem(fld.value)
        if problem is not None:
            out.append(Finding("bib.malformed-url", problem, fld.value_offset, entry.key or None))

    def _names(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        value = fld.value
        if "bib.et-al" in self.on:
            span = values.et_al_span(value)
            if span is not None:
                out.append(
                    Finding(
                        "bib.et-al",
                        f"{fld.name} has 'et al.' typed in: write 'and others' instead",
                        _value_position(fld, span[0]),
                        entry.key or None,
                    )
                )
        if "bib.author-commas" in self.on:
            problem, ambiguous = values.name_list_issues(value)
            if problem is not None:
                out.append(
                    Finding(
                        "bib.author-commas",
                        f"{fld.name}: {problem}",
                        fld.value_offset,
                        entry.key or None,
                    )
                )
            elif ambiguous is not None and all(p.kind != "macro" for p in fld.pieces):
                # (Names kept in @string macros are curated, not lists typed in a hurry.)
                self.maybe_joined.append((entry, fld, ambiguous))

    def _non_ascii(self, entry: Entry, fld: Field, out: list[Finding]) -> None:
        for piece, base in _literal_pieces(fld):
            where = values.first_non_ascii(piece.text)
            if where is not None:
                char = piece.text[where]
                out.append(
                    Finding(
                        "bib.non-ascii",
                        f"non-ASCII {char!r} (U+{ord(char):04X}) in {fld.name!r}; an 8-bit BibTeX "
                        "needs a LaTeX escape",
                        base + where,
                        entry.key or None,
                    )
                )
                return


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def key_offset(self) -> int: ...


_K = TypeVar("_K", bound=_Keyed)


def duplicate_key_findings(
    entries: Iterable[_K], line_of: Callable[[_K], int]
) -> Iterator[Finding]:
    """A finding for each entry whose key an earlier entry has (BibTeX's "Repeated entry"
    ignores case); ``line_of`` gives the line an entry starts on."""
    first: dict[str, _K] = {}
    for entry in entries:
        if not entry.key:
            continue
        folded = entry.key.lower()
        if folded in first:
            line = line_of(first[folded])
            message = f"first defined at line {line}; BibTeX keeps the first"
            yield Finding(
                "bib.duplicate-key",
                f"duplicate key {entry.key!r} ({message})",
                entry.key_offset,
                entry.key,
            )
        else:
            first[folded] = entry


def writes_first_last(total: int, first_last: int) -> bool:
    """Whether nearly every multi-word name in a file is "First Last" (no comma), from
    :meth:`FileChecker.name_counts`."""
    return total >= FIRST_LAST_MIN_NAMES and first_last >= FIRST_LAST_SHARE * total


def author_comma_findings(maybe_joined: Iterable[tuple[Entry, Field, str]]) -> Iterator[Finding]:
    """The comma-joined name lists of a file that writes names as "First Last"."""
    for entry, fld, name in maybe_joined:
        yield Finding(
            "bib.author-commas",
            f"{fld.name}: name list joined by commas instead of 'and': {name!r} (this "
            "file writes names as 'First Last')",
            fld.value_offset,
            entry.key or None,
        )


def _bad_iso_month_or_day(date: str) -> bool:
    """Whether an ISO 8601 date (``2020-13-01``) names a month or day that cannot be."""
    match = _ISO_DATE.match(date)
    if match is None:
        return False
    return not 1 <= int(match.group(1)) <= 12 or not 1 <= int(match.group(2) or 1) <= 31


def _literal_pieces(fld: Field) -> Iterator[tuple[Piece, int]]:
    """The braced and quoted pieces of a field, each with the offset of its inner text."""
    for piece in fld.pieces:
        if piece.kind in ("braced", "quoted"):
            yield piece, piece.offset + 1


def _value_position(fld: Field, index: int) -> int:
    """The source offset of character ``index`` of a one-piece value (else the value start)."""
    if len(fld.pieces) == 1 and fld.pieces[0].kind in ("braced", "quoted"):
        return fld.pieces[0].offset + 1 + index
    return fld.value_offset


def _first_non_comment(block: FreeText) -> int | None:
    """Offset of the first character of free text that is not in a ``%`` comment."""
    offset = block.start
    for line in block.text.split("\n"):
        stripped = line.lstrip()
        if stripped and not stripped.startswith("%"):
            return offset + (len(line) - len(stripped))
        offset += len(line) + 1
    return None
