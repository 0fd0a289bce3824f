"""The BibTeX syntax layer: a fast, position-keeping scanner for ``.bib`` text.

Used by ``formats/bibtex/reader.py`` (mapping to CSL) and ``lint/`` (linting). It knows
nothing about CSL; it only says what the file literally contains, where, and what is wrong
with it. Why we wrote our own instead of using bibtexparser's splitter: docs/design.md.

Public API (kept stable; ``lint/`` builds on it)::

    doc = parse(text, path="refs.bib")          # never raises on bad input
    doc = parse(piece, path, first_line=n, before=previous_doc)  # a file in pieces
    doc.blocks        # every block in source order:
                      #   Entry | StringDef | Preamble | Comment | FreeText
    doc.entries       # the Entry blocks (also broken ones, see Entry.broken)
    doc.strings       # the StringDef blocks, in order (redefinitions included)
    doc.macros        # the final macro table: lowercased name -> expanded value
    doc.diagnostics   # syntax errors and macro warnings, located through doc.index
    doc.index         # the LineIndex of ``text`` (offset -> 1-based line/col)

    Entry:     type (lowercased), key (as written: anything but ``,`` and white space,
               and but ``}`` in a braced entry, as bibtex.web scans it; may be empty, with
               a warning, as BibTeX reads ``@misc{,``), start/end offsets (``@`` .. one
               past the closing delimiter),
               key_offset, delimiter ("{" or "("), fields (list[Field], source order,
               duplicates kept), broken (True if the entry could not be read to its end;
               its fields are those read before the error), errors (its diagnostics).
    Field:     name (lowercased), name_offset, value_offset, raw (the value's source text,
               from its first piece to the end of its last), pieces (tuple[Piece, ...],
               joined by ``#`` in the source), value (expanded: macros substituted, pieces
               concatenated, outer delimiters removed, inner braces and LaTeX kept raw).
    Piece:     kind ("braced" | "quoted" | "number" | "macro"), text (inner text without
               the outer delimiters, the digits, or the macro name as written), offset.
    StringDef: name (lowercased), name_offset, value_offset, raw, pieces, value, start,
               end, redefined (True if an earlier @string defined the same name).
    Preamble:  start, end, raw, pieces, value.
    Comment:   start, end, text (an ``@comment``: braced/parenthesised body, or the rest of
               the line when no delimiter follows ``@comment``). BibTeX itself skips only
               the word: when the body holds an ``@type{`` block or is never closed, the
               Comment is just ``@comment{`` (empty text), what follows is read as usual
               and ``bib.comment-scope`` (warning) says so.
    FreeText:  start, end, text (non-blank text between blocks; BibTeX ignores it, a
               linter may report it).

Macros: ``jan`` .. ``dec`` are predefined (BibTeX's plain.bst values, "January" ..).
An undefined macro is reported (``bib.undefined-macro``, warning) and expands to its own
name as written, so no text disappears. ``@string`` values are expanded when defined, as
BibTeX does; redefinitions are reported (``bib.string-redefined``, warning).

Diagnostic codes (all errors unless noted): ``bib.unclosed-brace``, ``bib.unclosed-quote``,
``bib.missing-comma`` (the entry is still read: scanning resumes at the next field),
``bib.missing-key``, ``bib.unclosed-entry`` (a new ``@`` entry where ``,`` or the
closing delimiter was expected), ``bib.missing-delimiter`` (no ``{``/``(`` after ``@type``),
``bib.expected-field``, ``bib.expected-value``, ``bib.unexpected-eof``,
``bib.undefined-macro`` (warning), ``bib.string-redefined`` (warning), ``bib.missing-key``
(warning, for an empty key), ``bib.comment-scope`` (warning). Messages say "expected X,
found Y". After an error that ends an entry, scanning resynchronises at the next block
on the failure's own line (BibTeX resumes at the very next '@'), else at the next line
whose first non-blank character is ``@``, so every other entry is still read.

The grammar is bibtex.web's (0.99d) wherever it is more permissive than a tidy reading:
any text outside blocks is ignored (a ``%`` line is text like any other, so an entry
after ``%`` on a line is read, as BibTeX reads it); an entry may start inside a line of
prose; white space (line ends included) may sit between ``@``, the type and ``{``; type,
field and macro names are any run of characters but white space and ``"#%'(),={}``;
a ``%`` inside a value is text. Two liberties beyond BibTeX: any Unicode white space (a
no-break space before a field name) and a stray U+FEFF count as white space between
tokens, and a ``%`` line *between fields* is a comment (biber's reading; BibTeX errors).
benchmarks/bibtex_oracle.py checks this scanner against bibtex itself.

Speed: the hot path is a handful of compiled regular expressions per field (possessive
quantifiers; nesting up to four brace levels in one match). Deeper nesting falls back to
a brace-counting loop over brace positions only. No per-character Python loops.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Final, Literal, NamedTuple, TypeVar

from bibconv._vocab import MONTH_ABBREVIATIONS, MONTH_NAMES
from bibconv.diagnostics import Diagnostic, LineIndex, Severity

PieceKind = Literal["braced", "quoted", "number", "macro"]

#: BibTeX's predefined month macros (plain.bst spells the full English names).
MONTH_MACROS: Final[dict[str, str]] = dict(zip(MONTH_ABBREVIATIONS, MONTH_NAMES, strict=True))


#: Every code the scanner reports (``bibconv check --ignore`` takes each of them).
CODES: Final = frozenset(
    {
        "bib.unclosed-brace",
        "bib.unclosed-quote",
        "bib.unclosed-entry",
        "bib.missing-comma",
        "bib.missing-key",
        "bib.missing-delimiter",
        "bib.expected-field",
        "bib.expected-value",
        "bib.unexpected-eof",
        "bib.undefined-macro",
        "bib.string-redefined",
        "bib.comment-scope",
    }
)


class Piece(NamedTuple):
    """One part of a value: ``{braced}``, ``"quoted"``, ``1984`` or ``macro``."""

    kind: PieceKind
    text: str
    offset: int


class Field(NamedTuple):
    """``name = piece # piece ...`` inside an entry."""

    name: str
    name_offset: int
    value_offset: int
    raw: str
    pieces: tuple[Piece, ...]
    value: str


@dataclass(slots=True)
class Entry:
    """``@type{key, fields...}`` (or with parentheses)."""

    type: str
    key: str
    start: int
    end: int
    key_offset: int
    delimiter: str
    fields: list[Field] = field(default_factory=list)
    broken: bool = False
    errors: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StringDef:
    """``@string{name = value}``."""

    name: str
    name_offset: int
    value_offset: int
    raw: str
    pieces: tuple[Piece, ...]
    value: str
    start: int
    end: int
    redefined: bool = False


@dataclass(frozen=True, slots=True)
class Preamble:
    """``@preamble{value}``."""

    start: int
    end: int
    raw: str
    pieces: tuple[Piece, ...]
    value: str


@dataclass(frozen=True, slots=True)
class Comment:
    """``@comment{...}`` or ``@comment`` followed by the rest of its line."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class FreeText:
    """Non-blank text between blocks (BibTeX's implicit comments)."""

    start: int
    end: int
    text: str


Block = Entry | StringDef | Preamble | Comment | FreeText
_B = TypeVar("_B", bound=Block)


@dataclass(slots=True)
class Document:
    """Everything :func:`parse` found in one text."""

    text: str
    path: str
    blocks: list[Block]
    macros: dict[str, str]
    diagnostics: list[Diagnostic]
    _index: LineIndex | None = None
    first_line: int = 1  # the line ``text`` starts on (1 unless it is a chunk of a file)
    defined: set[str] = field(default_factory=set)  # @string names defined so far

    @property
    def index(self) -> LineIndex:
        """The text's LineIndex, built on first use (a clean file never needs one)."""
        if self._index is None:
            self._index = LineIndex(self.text, self.path, self.first_line)
        return self._index

    def macros_only(self) -> Document:
        """What a later piece needs of this one: its ``@string`` macros (for ``before=``),
        without its text, blocks and diagnostics (a big file's pieces are not kept)."""
        return Document("", self.path, [], self.macros, [], defined=self.defined)

    def blocks_of(self, kind: type[_B]) -> list[_B]:
        """The blocks of one kind, in source order."""
        return [b for b in self.blocks if isinstance(b, kind)]

    @property
    def entries(self) -> list[Entry]:
        return self.blocks_of(Entry)

    @property
    def strings(self) -> list[StringDef]:
        return self.blocks_of(StringDef)

    @property
    def preambles(self) -> list[Preamble]:
        return self.blocks_of(Preamble)

    @property
    def comments(self) -> list[Comment]:
        return self.blocks_of(Comment)

    @property
    def free_text(self) -> list[FreeText]:
        return self.blocks_of(FreeText)


# ----------------------------------------------------------------------------- patterns

# White space between tokens: ASCII (BibTeX's own), and also any Unicode space (a no-break
# space pasted from a web page, U+3000) and a stray byte-order mark (concatenated files).
_WS: Final = r"[\s\ufeff]"
# BibTeX identifiers (bibtex.web's legal_id_char): anything but these specials and white
# space, so field names may hold '-', ':', '.', '+', '/', digits and more.
_IDENT: Final = r"[^\s\ufeff\"#%'(),={}]+"
# Balanced braces up to four levels deep, in one C-speed match (possessive: no backtracking).
_INNER4: Final = r"(?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+\})*+"
_QUOTED_INNER: Final = (
    r"(?:[^\"{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+\})*+"
)
_PIECE_ALTS: Final = rf"\{{({_INNER4})\}}|\"({_QUOTED_INNER})\"|([0-9]++)|({_IDENT})"

# A whole field in the common case: name = one piece, then what follows it.
_FIELD: Final = re.compile(
    rf"(?:{_WS}++|%[^\n]*+)*+({_IDENT}){_WS}*+={_WS}*+(?:{_PIECE_ALTS}){_WS}*+"
)
_PIECE: Final = re.compile(rf"(?:{_PIECE_ALTS}){_WS}*+")
_NAME_EQ: Final = re.compile(rf"({_IDENT}){_WS}*+={_WS}*+")
# '@', white space (line ends too, as in BibTeX), a type that does not start with a digit
# (nor with '@': '@@article' is read as '@article'), then '{' or '(' if there is one.
_HEAD: Final = re.compile(
    rf"@{_WS}*+([^\s\ufeff\"#%'(),={{}}0-9@][^\s\ufeff\"#%'(),={{}}]*+){_WS}*+([{{(]?)"
)
#: What no key can hold (the writer puts '_' in its place).
NOT_IN_KEY: Final = re.compile(r"[\s\ufeff,]+")
# A key holds anything but white space and ',' (and the closing '}' of a braced entry):
# bibtex.web's scan2_white(comma, right_brace) / scan1_white(comma).
_KEY_BRACED: Final = re.compile(rf"{_WS}*+([^\s\ufeff,}}]*+){_WS}*+")
_KEY_PARENS: Final = re.compile(rf"{_WS}*+([^\s\ufeff,]*+){_WS}*+")
_SPACE: Final = re.compile(rf"(?:{_WS}++|%[^\n]*+)*+")
_LINE_AT: Final = re.compile(r"^[ \t]*@", re.MULTILINE)
_BRACE: Final = re.compile(r"[{}]")
_QUOTE_OR_BRACE: Final = re.compile(r"[\"{}]")
_NOT_SPACE: Final = re.compile(r"\S")


def _shown(text: str, pos: int) -> str:
    """How a diagnostic names the character at ``pos``."""
    if pos >= len(text):
        return "end of file"
    char = text[pos]
    if char == "\n":
        return "end of line"
    return repr(char)


class _Failure(Exception):
    """Stops reading the current block; carries the diagnostic to report and its offset."""

    def __init__(self, diagnostic: Diagnostic, offset: int) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.offset = offset


class _Scanner:
    """One pass over one text. Internal; :func:`parse` is the public entry point."""

    def __init__(
        self, text: str, path: str, first_line: int = 1, before: Document | None = None
    ) -> None:
        self.text = text
        self.path = path
        self.first_line = first_line
        self._index: LineIndex | None = None
        self.macros: dict[str, str] = dict(before.macros if before else MONTH_MACROS)
        self.defined: set[str] = set(before.defined) if before else set()
        self.blocks: list[Block] = []
        self.diagnostics: list[Diagnostic] = []

    # -- diagnostics

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text, self.path, self.first_line)
        return self._index

    def diag(self, severity: Severity, code: str, message: str, pos: int) -> Diagnostic:
        return Diagnostic(severity, code, message, self.index.location(pos))

    def fail(self, code: str, message: str, pos: int) -> _Failure:
        return _Failure(self.diag(Severity.ERROR, code, message, pos), pos)

    def where(self, pos: int) -> str:
        line, column = self.index.line_col(pos)
        return f"{line}:{column}"

    # -- top level

    def run(self) -> Document:
        text = self.text
        size = len(text)
        pos = free_from = 0
        while True:
            at = text.find("@", pos)
            if at == -1:
                self.free_text(free_from, size)
                break
            head = _HEAD.match(text, at)
            if head is None or (not head.group(2) and not self.at_line_start(at)):
                # An '@' inside free text (an e-mail address, say) starts no block.
                pos = at + 1
                continue
            self.free_text(free_from, at)
            pos = free_from = self.block(at, head)
        return Document(
            text,
            self.path,
            self.blocks,
            self.macros,
            self.diagnostics,
            self._index,
            self.first_line,
            self.defined,
        )

    def at_line_start(self, pos: int) -> bool:
        line_start = self.text.rfind("\n", 0, pos) + 1
        return not self.text[line_start:pos].strip()

    def free_text(self, pos: int, end: int) -> None:
        chunk = self.text[pos:end]
        first = _NOT_SPACE.search(chunk)
        if first is None:
            return
        stripped = chunk.rstrip()
        self.blocks.append(FreeText(pos + first.start(), pos + len(stripped), stripped.lstrip()))

    def block(self, at: int, head: re.Match[str]) -> int:
        """Read the block starting at ``at``; returns where scanning goes on."""
        kind = head.group(1).lower()
        delimiter = head.group(2)
        body = head.end()
        if kind == "comment":
            return self.comment(at, delimiter, body)
        if not delimiter:
            found = _shown(self.text, body)
            diag = self.diag(
                Severity.ERROR,
                "bib.missing-delimiter",
                f"expected '{{' or '(' after '@{head.group(1)}', found {found}",
                body,
            )
            self.diagnostics.append(diag)
            return self.resync(body, at)
        close = "}" if delimiter == "{" else ")"
        try:
            if kind == "string":
                return self.string(at, body, close)
            if kind == "preamble":
                return self.preamble(at, body, close)
        except _Failure as failure:
            self.diagnostics.append(failure.diagnostic)
            return self.resync(failure.offset, at)
        return self.entry(at, kind, delimiter, body, close)

    def resync(self, pos: int, after: int) -> int:
        """Where scanning resumes after a failed block: an '@' beyond ``after`` (the failed
        block's own '@'), or the end of the text."""
        text = self.text
        # BibTeX resumes at the very next '@': do so on the failure's own line (an entry
        # after a false start in a line of prose), else at the next line starting with '@'.
        line_end = text.find("\n", pos)
        same_line = self.block_start(max(pos, after + 1), len(text) if line_end == -1 else line_end)
        if same_line != -1:
            return same_line
        search_from = text.rfind("\n", 0, pos) + 1
        while True:
            match = _LINE_AT.search(text, search_from)
            if match is None:
                return len(text)
            at = match.end() - 1
            if at > after:
                return at
            search_from = match.end()

    # -- @comment, @preamble, @string

    def comment(self, at: int, delimiter: str, body: int) -> int:
        text = self.text
        if not delimiter:
            end = text.find("\n", body)
            end = len(text) if end == -1 else end
            self.blocks.append(Comment(at, end, text[body:end].strip()))
            return end
        close = self.match_brace(body - 1) if delimiter == "{" else text.find(")", body)
        inner = self.block_start(body, len(text) if close == -1 else close)
        if close != -1 and inner == -1:
            self.blocks.append(Comment(at, close + 1, text[body:close]))
            return close + 1
        # BibTeX skips only the word 'comment' and reads on after it (bibtex.web: "flush
        # comments"), so a block inside the braces is read, and an unclosed one is harmless.
        if inner != -1:
            line, column = self.index.line_col(inner)
            why = f"the block at {line}:{column} inside it is read"
        else:
            why = f"its '{delimiter}' is never closed, and the text after it is read as usual"
        message = f"BibTeX ignores only the word '@comment': {why} (biber would skip it)"
        self.diagnostics.append(self.diag(Severity.WARNING, "bib.comment-scope", message, at))
        self.blocks.append(Comment(at, body, ""))
        return body

    def block_start(self, pos: int, end: int) -> int:
        """The first '@' in ``pos:end`` that opens a block with a delimiter (-1: none)."""
        text = self.text
        at = text.find("@", pos, end)
        while at != -1:
            head = _HEAD.match(text, at)
            if head is not None and head.group(2):
                return at
            at = text.find("@", at + 1, end)
        return -1

    def preamble(self, at: int, body: int, close: str) -> int:
        start = _SPACE.match(self.text, body).end()  # type: ignore[union-attr]
        pieces, value, end = self.value(start)
        after = self.expect_close(end, close, "@preamble value")
        raw = self.text[start:end].rstrip()
        self.blocks.append(Preamble(at, after, raw, pieces, value))
        return after

    def string(self, at: int, body: int, close: str) -> int:
        text = self.text
        pos = _SPACE.match(text, body).end()  # type: ignore[union-attr]
        name_match = _NAME_EQ.match(text, pos)
        if name_match is None:
            raise self.fail(
                "bib.expected-field",
                f"expected 'name = value' in @string, found {_shown(text, pos)}",
                pos,
            )
        name = name_match.group(1).lower()
        value_start = name_match.end()
        pieces, value, end = self.value(value_start)
        after = self.expect_close(end, close, "@string value")
        redefined = name in self.defined
        if redefined:
            self.diagnostics.append(
                self.diag(
                    Severity.WARNING,
                    "bib.string-redefined",
                    f"@string '{name_match.group(1)}' is defined again; the later value is used "
                    "from here on",
                    pos,
                )
            )
        self.defined.add(name)
        self.macros[name] = value
        raw = text[value_start:end].rstrip()
        self.blocks.append(
            StringDef(name, pos, value_start, raw, pieces, value, at, after, redefined)
        )
        return after

    def expect_close(self, pos: int, close: str, what: str) -> int:
        pos = _SPACE.match(self.text, pos).end()  # type: ignore[union-attr]
        if self.text.startswith(close, pos):
            return pos + 1
        raise self.fail(
            "bib.unexpected-eof" if pos >= len(self.text) else "bib.missing-delimiter",
            f"expected '{close}' after {what}, found {_shown(self.text, pos)}",
            pos,
        )

    # -- entries

    def entry(self, at: int, kind: str, delimiter: str, body: int, close: str) -> int:
        text = self.text
        key_match = (_KEY_BRACED if delimiter == "{" else _KEY_PARENS).match(text, body)
        assert key_match is not None  # the pattern can match the empty string
        key = key_match.group(1)
        key_offset = key_match.start(1)
        pos = key_match.end()
        entry = Entry(kind, key, at, at, key_offset, delimiter)
        self.blocks.append(entry)
        try:
            if text.startswith("=", pos) or not (key or text.startswith((",", close), pos)):
                found = "a field" if key else _shown(text, key_offset)
                raise self.fail(
                    "bib.missing-key",
                    f"expected a citation key after '@{kind}{delimiter}', found {found}",
                    key_offset,
                )
            if not key:
                # BibTeX reads '@misc{,' silently, with the empty key; no \cite can name it.
                self.diagnostics.append(
                    self.diag(
                        Severity.WARNING,
                        "bib.missing-key",
                        f"empty citation key after '@{kind}{delimiter}' (BibTeX reads the "
                        "entry, but no \\cite can name it)",
                        key_offset,
                    )
                )
            if text.startswith(close, pos):
                entry.end = pos + 1
                return pos + 1
            if not text.startswith(",", pos):
                raise self.fail(
                    "bib.missing-comma",
                    f"expected ',' after citation key '{key}', found {_shown(text, pos)}",
                    pos,
                )
            entry.end = self.fields(entry, pos + 1, close)
            return entry.end
        except _Failure as failure:
            entry.broken = True
            entry.errors.append(failure.diagnostic)
            self.diagnostics.append(failure.diagnostic)
            resume = self.resync(failure.offset, at)
            entry.end = resume
            return resume

    def fields(self, entry: Entry, pos: int, close: str) -> int:
        """Read ``name = value`` pairs up to the closing delimiter; returns the offset after it."""
        text = self.text
        append = entry.fields.append
        # tuple.__new__ skips NamedTuple's Python-level __new__: a third of the scan time.
        new = tuple.__new__
        space = _SPACE.match
        field_match = _FIELD.match
        while True:
            m = field_match(text, pos)
            if m is not None:
                end = m.end()
                follower = text[end : end + 1]
                if follower != "#":
                    # One piece: the common case, built without the general value reader.
                    name, braced, quoted, number, macro = m.groups()
                    if braced is not None:
                        start, stop = m.span(2)
                        value_offset, raw_end = start - 1, stop + 1
                        piece = new(Piece, ("braced", braced, value_offset))
                        value = braced
                    elif quoted is not None:
                        start, stop = m.span(3)
                        value_offset, raw_end = start - 1, stop + 1
                        piece = new(Piece, ("quoted", quoted, value_offset))
                        value = quoted
                    elif number is not None:
                        value_offset, raw_end = m.span(4)
                        piece = new(Piece, ("number", number, value_offset))
                        value = number
                    else:
                        value_offset, raw_end = m.span(5)
                        piece = new(Piece, ("macro", macro, value_offset))
                        value = self.expand(macro, value_offset)
                    append(
                        new(
                            Field,
                            (
                                name.lower(),
                                m.start(1),
                                value_offset,
                                text[value_offset:raw_end],
                                (piece,),
                                value,
                            ),
                        )
                    )
                    if follower == ",":
                        pos = end + 1
                        continue
                    if follower == close:
                        return end + 1
                    pos = self.after_value(end, close)
                    if pos < 0:
                        return -pos
                    continue
            pos = space(text, pos).end()  # type: ignore[union-attr]
            if text.startswith(close, pos):
                return pos + 1
            # The general path: concatenation, deep nesting, or an error to explain.
            name_match = _NAME_EQ.match(text, pos)
            if name_match is None:
                raise self.fail(
                    "bib.expected-field" if pos < len(text) else "bib.unexpected-eof",
                    f"expected a field name or '{close}', found {_shown(text, pos)}",
                    pos,
                )
            value_offset = name_match.end()
            pieces, value, end = self.value(value_offset)
            raw = text[value_offset:end].rstrip()
            append(Field(name_match.group(1).lower(), pos, value_offset, raw, pieces, value))
            pos = self.after_value(end, close)
            if pos < 0:
                return -pos

    def after_value(self, pos: int, close: str) -> int:
        """After a field value: the next field's start, or minus the offset past ``close``."""
        text = self.text
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        char = text[pos : pos + 1]
        if char == ",":
            return pos + 1
        if char == close:
            return -(pos + 1)
        if _NAME_EQ.match(text, pos):
            # A forgotten comma: say so, and read on as if it were there.
            self.diagnostics.append(
                self.diag(
                    Severity.ERROR,
                    "bib.missing-comma",
                    f"expected ',' or '{close}' after field value, found {_shown(text, pos)}",
                    pos,
                )
            )
            return pos
        code = "bib.unexpected-eof" if pos >= len(text) else "bib.missing-comma"
        message = f"expected ',' or '{close}' after field value, found {_shown(text, pos)}"
        if char == "@":
            # Usually a brace left open earlier swallowed this entry's closing delimiter.
            code = "bib.unclosed-entry"
            message += " (an entry starts before this one was closed)"
        raise self.fail(code, message, pos)

    # -- values

    def value(self, pos: int) -> tuple[tuple[Piece, ...], str, int]:
        """Read ``piece # piece ...`` at ``pos``; returns pieces, expanded value, end offset."""
        text = self.text
        pieces: list[Piece] = []
        parts: list[str] = []
        while True:
            m = _PIECE.match(text, pos)
            if m is not None:
                braced, quoted, number, macro = m.group(1, 2, 3, 4)
                if braced is not None:
                    piece = Piece("braced", braced, pos)
                    parts.append(braced)
                elif quoted is not None:
                    piece = Piece("quoted", quoted, pos)
                    parts.append(quoted)
                elif number is not None:
                    piece = Piece("number", number, pos)
                    parts.append(number)
                else:
                    piece = Piece("macro", macro, pos)
                    parts.append(self.expand(macro, pos))
                end = _piece_end(m)
                next_pos = m.end()
            else:
                piece, end = self.slow_piece(pos)
                parts.append(piece.text)
                next_pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
            pieces.append(piece)
            if text.startswith("#", next_pos):
                pos = _SPACE.match(text, next_pos + 1).end()  # type: ignore[union-attr]
                continue
            return tuple(pieces), "".join(parts), end

    def slow_piece(self, pos: int) -> tuple[Piece, int]:
        """A piece the one-shot pattern could not take: deep braces, or an error."""
        text = self.text
        char = text[pos : pos + 1]
        if char == "{":
            close = self.match_brace(pos)
            if close == -1:
                raise self.unclosed(pos, "{", "}")
            return Piece("braced", text[pos + 1 : close], pos), close + 1
        if char == '"':
            close = self.match_quote(pos)
            if close == -1:
                raise self.unclosed(pos, '"', '"')
            return Piece("quoted", text[pos + 1 : close], pos), close + 1
        raise self.fail(
            "bib.expected-value" if pos < len(text) else "bib.unexpected-eof",
            f"expected a value ('{{...}}', '\"...\"', a number or a macro name), "
            f"found {_shown(text, pos)}",
            pos,
        )

    def unclosed(self, pos: int, opener: str, closer: str) -> _Failure:
        """Where an unclosed value is reported: the next line starting with '@', or EOF."""
        text = self.text
        line_end = text.find("\n", pos)
        nxt = _LINE_AT.search(text, line_end + 1) if line_end != -1 else None
        code = "bib.unclosed-brace" if opener == "{" else "bib.unclosed-quote"
        if nxt is not None:
            at = text.index("@", nxt.start())
            found = "'@' starting a new entry"
        else:
            at = len(text)
            found = "end of file"
        message = (
            f"expected '{closer}' to close '{opener}' opened at {self.where(pos)}, found {found}"
        )
        return _Failure(self.diag(Severity.ERROR, code, message, at), at)

    def match_brace(self, pos: int) -> int:
        """Offset of the '}' matching the '{' at ``pos`` (-1 if none): loops over braces only.

        A value is cut at a line starting with '@' only if it is still open at end of file,
        so an abstract that happens to contain such a line is kept whole.
        """
        depth = 0
        for m in _BRACE.finditer(self.text, pos):
            if m.group() == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return m.start()
        return -1

    def match_quote(self, pos: int) -> int:
        """Offset of the '"' ending the quoted value at ``pos`` (braces hide quotes)."""
        depth = 0
        for m in _QUOTE_OR_BRACE.finditer(self.text, pos + 1):
            char = m.group()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif depth == 0:
                return m.start()
        return -1

    def expand(self, name: str, pos: int) -> str:
        value = self.macros.get(name.lower())
        if value is not None:
            return value
        self.diagnostics.append(
            self.diag(
                Severity.WARNING,
                "bib.undefined-macro",
                f"undefined macro '{name}' (expected an @string definition before use); "
                "kept as its name",
                pos,
            )
        )
        return name


def _piece_end(m: re.Match[str]) -> int:
    """End of the piece a _FIELD or _PIECE match took (its closing delimiter included)."""
    group = m.lastindex or 0
    end = m.end(group)
    # The braced and quoted groups stop inside their delimiters.
    delimited = (m.re is _FIELD and group in (2, 3)) or (m.re is _PIECE and group in (1, 2))
    return end + 1 if delimited else end


def parse(
    text: str, path: str = "<input>", *, first_line: int = 1, before: Document | None = None
) -> Document:
    """Scan ``text`` into blocks with positions. Never raises on bad input: see diagnostics.

    For a file read in pieces (:mod:`bibconv.formats._split`): ``first_line`` is the line
    the piece starts on (diagnostics count from it; offsets stay the piece's own), and
    ``before`` is the previous piece's document, whose ``@string`` macros (and the names
    already defined, for ``bib.string-redefined``) this piece starts from.
    """
    # The scan allocates hundreds of thousands of small tuples and makes no reference
    # cycles: pausing the cyclic collector meanwhile saves a good part of the time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Scanner(text, path, first_line, before).run()
    finally:
        if was_enabled:
            gc.enable()


__all__ = [
    "CODES",
    "MONTH_MACROS",
    "Block",
    "Comment",
    "Document",
    "Entry",
    "Field",
    "FreeText",
    "Piece",
    "PieceKind",
    "Preamble",
    "StringDef",
    "parse",
]
