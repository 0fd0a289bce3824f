"""bibconv: loose citations from web pages, and lossless BibTeX/RIS/CSL-JSON conversion.

Every reader produces CSL-JSON items (plain dicts); every writer takes them.

The public names load on first use (PEP 562), so ``import bibconv`` costs next to nothing
and a pre-commit run of ``bibconv check`` never imports the page readers or citeproc.
"""

from __future__ import annotations

import importlib

# Not ``from typing import TYPE_CHECKING``: typing alone would be most of the import's cost
# (mypy knows the name either way).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from bibconv.api import dump, dumps, iter_load, load, loads
    from bibconv.diagnostics import (
        BibconvError,
        Diagnostic,
        Location,
        ParseError,
        Severity,
        UnknownFormatError,
    )
    from bibconv.lint import check
    from bibconv.model import CslItem, CslName
    from bibconv.registry import ReadFormat, WriteFormat
    from bibconv.render import Output, format_bibliography, format_citations

__version__ = "0.2.0"

__all__ = [
    "BibconvError",
    "CslItem",
    "CslName",
    "Diagnostic",
    "Location",
    "Output",
    "ParseError",
    "ReadFormat",
    "Severity",
    "UnknownFormatError",
    "WriteFormat",
    "check",
    "dump",
    "dumps",
    "format_bibliography",
    "format_citations",
    "iter_load",
    "load",
    "loads",
]

#: The module each public name comes from (imported when the name is first used).
_SOURCES: Final = {
    **dict.fromkeys(("dump", "dumps", "iter_load", "load", "loads"), "bibconv.api"),
    "check": "bibconv.lint",
    **dict.fromkeys(
        ("BibconvError", "Diagnostic", "Location", "ParseError", "Severity", "UnknownFormatError"),
        "bibconv.diagnostics",
    ),
    **dict.fromkeys(("CslItem", "CslName"), "bibconv.model"),
    **dict.fromkeys(("ReadFormat", "WriteFormat"), "bibconv.registry"),
    **dict.fromkeys(("Output", "format_bibliography", "format_citations"), "bibconv.render"),
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'bibconv' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
