"""BibTeX and BibLaTeX: read into CSL-JSON items and write them back.

The package's modules: ``syntax`` (our own scanner; why: docs/design.md), ``names``
(bibtexparser's name grammar, BibLaTeX's extended format), ``latex`` (LaTeX <-> Unicode,
over the tables in ``latex_tables``), ``case_protection`` (braces that keep capitals),
``biblatex`` (languages, localisation keys, roles, eprints, title parts), ``inherit``
(crossref and xdata), ``mapping`` (the tables ``TYPE_MAP`` and ``FIELD_MAP``, used in both
directions), ``reader``, ``writer`` and ``formats`` (``FORMAT``, ``BIBLATEX_FORMAT``).
docs/bibtex.md documents every choice; the short version:

- Fields with no CSL home go to ``custom["bibtex"]`` (field -> value as written, macros
  expanded) and are written back unchanged. The original entry type is kept in
  ``custom["bibtex_type"]`` when the CSL type would map back to another one.
- Repeated fields: the first value is used; the later ones are kept in
  ``custom["bibtex_duplicates"]`` (``[[field, value], ...]``) and written back.
- Crossref: the child inherits the missing fields (BibLaTeX: with its title -> booktitle /
  maintitle / journaltitle rules); the inherited field names go to
  ``custom["bibtex_inherited"]`` so the writer leaves them to the crossref again.
- Names: the BibTeX "von" part stays in ``family`` ("von Neumann"), as CONVENTIONS has page
  parsers do; ``{Corporate}`` -> ``literal``; ``and others`` -> ``{"literal": "others"}``.
- arXiv: ``eprint`` (+ ``archivePrefix``/``eprinttype`` = arXiv, ``primaryClass``) ->
  ``custom["arxiv_id"]`` and ``custom["arxiv_category"]`` (the pages' convention).
- The input's own text (``@string`` and macro uses, ``@preamble``, comments, free text)
  travels beside the items (``keep.KeptEntry``), never in ``custom``; the writers
  here put it back in place (docs/bibtex.md, "The input's own text").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from bibconv.formats.bibtex.fieldorder import FIELD_ORDER
    from bibconv.formats.bibtex.formats import BIBLATEX_FORMAT, FORMAT
    from bibconv.formats.bibtex.item import read_alike_but_for_month
    from bibconv.formats.bibtex.mapping import CSL_TO_TYPE, FIELD_MAP, NAME, TYPE_MAP
    from bibconv.formats.bibtex.names import parse_name, parse_names
    from bibconv.formats.bibtex.reader import read, read_biblatex, read_entries
    from bibconv.formats.bibtex.values import parse_date
    from bibconv.formats.bibtex.writer import write, write_biblatex

__all__ = [
    "BIBLATEX_FORMAT",
    "CSL_TO_TYPE",
    "FIELD_MAP",
    "FIELD_ORDER",
    "FORMAT",
    "NAME",
    "TYPE_MAP",
    "parse_date",
    "parse_name",
    "parse_names",
    "read",
    "read_alike_but_for_month",
    "read_biblatex",
    "read_entries",
    "write",
    "write_biblatex",
]

#: The module each public name comes from. They load on first use, so importing the
#: syntax layer alone (``bibconv check``) costs neither the reader, the writer nor
#: bibtexparser.
_SOURCES: Final = {
    **dict.fromkeys(("FIELD_ORDER",), "bibconv.formats.bibtex.fieldorder"),
    **dict.fromkeys(("BIBLATEX_FORMAT", "FORMAT"), "bibconv.formats.bibtex.formats"),
    **dict.fromkeys(
        ("CSL_TO_TYPE", "FIELD_MAP", "NAME", "TYPE_MAP"), "bibconv.formats.bibtex.mapping"
    ),
    **dict.fromkeys(("parse_name", "parse_names"), "bibconv.formats.bibtex.names"),
    **dict.fromkeys(("read_alike_but_for_month",), "bibconv.formats.bibtex.item"),
    **dict.fromkeys(("read", "read_biblatex", "read_entries"), "bibconv.formats.bibtex.reader"),
    **dict.fromkeys(("parse_date",), "bibconv.formats.bibtex.values"),
    **dict.fromkeys(("write", "write_biblatex"), "bibconv.formats.bibtex.writer"),
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
