"""bibconv: loose citations from web pages, and lossless BibTeX/RIS/CSL-JSON conversion.

Every reader produces CSL-JSON items (plain dicts); every writer takes them.
"""

from bibconv.api import dump, dumps, load, loads
from bibconv.check import check
from bibconv.diagnostics import (
    BibconvError,
    Diagnostic,
    Location,
    ParseError,
    Severity,
    UnknownFormatError,
)
from bibconv.model import CslItem, CslName
from bibconv.render import format_bibliography, format_citations

__version__ = "0.1.0"

__all__ = [
    "BibconvError",
    "CslItem",
    "CslName",
    "Diagnostic",
    "Location",
    "ParseError",
    "Severity",
    "UnknownFormatError",
    "check",
    "dump",
    "dumps",
    "format_bibliography",
    "format_citations",
    "load",
    "loads",
]
