"""BibTeX and BibLaTeX (scaffold: being written)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from bibconv.model import CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "bibtex"


def read(text: str, options: ReadOptions) -> Parsed:
    raise NotImplementedError


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    raise NotImplementedError


FORMAT: Final = Format(NAME, (".bib", ".bibtex"), read=read, write=write)
BIBLATEX_FORMAT: Final = Format("biblatex", (), read=read, write=write)
