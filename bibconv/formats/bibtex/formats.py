"""The two formats, `bibtex` and `biblatex`: one reader and one writer with a dialect each."""

from __future__ import annotations

from typing import Final

from bibconv.formats.bibtex.mapping import BIBLATEX, NAME
from bibconv.formats.bibtex.reader import read, read_biblatex
from bibconv.formats.bibtex.writer import write, write_biblatex
from bibconv.protocols import Format

FORMAT: Final = Format(
    NAME, (".bib", ".bibtex"), read=read, write=write, description="BibTeX (.bib)"
)


BIBLATEX_FORMAT: Final = Format(
    BIBLATEX,
    (),
    read=read_biblatex,
    write=write_biblatex,
    description="BibLaTeX (.bib; date, journaltitle, location, eprinttype)",
)
