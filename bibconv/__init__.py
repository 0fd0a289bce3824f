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
    "load",
    "loads",
]
