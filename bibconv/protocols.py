"""The shapes every format module fills in. Imports no format module."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from bibconv.diagnostics import Diagnostic
from bibconv.model import CslItem


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may be told besides the text."""

    path: str = "<string>"  # shown in diagnostics, as the user typed it
    strict: bool = False  # readers may stop at the first problem
    year: int | None = None  # capture year for page dates printed without one
    sentence_case: bool = False  # BibTeX: English title-case titles to sentence case


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """What a writer may be told besides the items."""

    ascii: bool = False  # BibTeX: pure-ASCII LaTeX escapes instead of UTF-8
    # Also write bibconv's carriers for what the format cannot hold (BibTeX 'csl-custom'
    # and 'csl-type', RIS 'N1  - csl.<variable>: ...'), so csl -> format -> csl is exact.
    # Off by default: other programs read those as junk fields and notes.
    lossless: bool = False


@dataclass(slots=True)
class Parsed:
    """A reader's result: the items, and every recoverable problem met on the way."""

    items: list[CslItem]
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class Written:
    """A writer's result: the text, and notes (e.g. fields the format cannot hold).

    Notes about loss use severity INFO and a code ending in ``.cannot-hold``; the CLI
    prints them only with ``--report-loss``.
    """

    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


Reader = Callable[[str, ReadOptions], Parsed]
BytesReader = Callable[[bytes, ReadOptions], Parsed]
Writer = Callable[[Sequence[CslItem], WriteOptions], Written]
#: ``write``'s text piece by piece from any iterable (notes go to the list), so an output
#: never has to be held whole: ``"".join(pieces) == write(items).text``.
PieceWriter = Callable[[Iterable[CslItem], WriteOptions, list[Diagnostic]], Iterator[str]]
#: A file read piece by piece (path, options, diagnostics, chunk bytes, progress): the
#: items of ``read`` on its text, in bounded memory; the diagnostics come when the items
#: end; ``progress(n)``, when given, is told of each further ``n`` bytes read.
FileReader = Callable[
    [str, ReadOptions, list[Diagnostic], int, Callable[[int], None] | None], Iterator[CslItem]
]


@dataclass(frozen=True, slots=True)
class Format:
    """One registered format: a name, file extensions, and its reader and/or writer."""

    name: str
    extensions: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    description: str = ""
    # Formats that must see the undecoded bytes (HTML: charset declarations) set this;
    # files and stdin then go through it instead of ``read``.
    read_bytes: BytesReader | None = None
    # Streaming (docs/performance.md): set by the formats that can do it.
    iter_write: PieceWriter | None = None
    iter_read: FileReader | None = None
