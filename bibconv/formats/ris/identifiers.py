"""RIS identifiers <-> CSL: what an ``SN`` value is by its shape (an ISBN, ISSNs, a report
number), DOIs without their resolver, and PubMed ids (``PM:`` links, PMCIDs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from bibconv._vocab import DOI_VALUE, strip_doi_resolver
from bibconv.formats.ris.fields import Field, Mapped, collapse, text_to_csl

_ISSN_LIST: Final = re.compile(r"\d{4}-?\d{3}[\dXx](?:[\s,;]+\d{4}-?\d{3}[\dXx])*")


_SERIAL_NOISE: Final = re.compile(
    r"(?i)\b(?:[ep]-?)?(?:issn|isbn)\b|\b(?:print|online|electronic)\b|[():]"
)


_DIGIT_RUN: Final = re.compile(r"[\dXx][\dXx -]*[\dXx]")


PMCID: Final = re.compile(r"PMC\d+")


def serial_kind(text: str) -> str:
    """What an ``SN`` value is by its shape: ``ISBN``, ``ISSN``, or ``number`` (a report's).

    An ISBN is a run of 10 or 13 digits with a valid check digit (or a 978/979 prefix);
    an ISSN value is nothing but ISSNs (``0028-0836, 1476-4687 (Online)``). Anything else,
    such as ``SIDL-WP-1998-0090``, is a number.
    """
    for run in _DIGIT_RUN.findall(text):
        digits = re.sub(r"[^\dXx]", "", run).upper()
        if len(digits) in (10, 13) and (_isbn_checks(digits) or digits[:3] in ("978", "979")):
            return "ISBN"
    cleaned = _SERIAL_NOISE.sub(" ", text).strip(" ,;")
    return "ISSN" if _ISSN_LIST.fullmatch(cleaned) else "number"


def _isbn_checks(digits: str) -> bool:
    """The ISBN-10 (mod 11) or ISBN-13 (mod 10) check digit is right."""
    if len(digits) == 10 and digits[:9].isdigit():
        total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
        check = 10 if digits[9] == "X" else int(digits[9]) if digits[9].isdigit() else -1
        return (total + check) % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    return False


def is_doi(text: str) -> bool:
    return DOI_VALUE.fullmatch(text.strip()) is not None


def clean_doi(text: str) -> str:
    """The bare DOI of ``https://doi.org/10.1/x`` or ``doi: 10.1/x``; other text as is."""
    bare = strip_doi_resolver(text)
    return bare if bare.startswith("10.") else text.strip()


def doi_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """A DOI without its resolver (ScienceDirect and Wiley write ``https://doi.org/``)."""
    return text_to_csl([f._replace(value=clean_doi(collapse(f))) for f in fields], current)


#: Reference Manager writes a PubMed id as a link ``PM:8751635`` (Zotero reads it so).
PMID_LINK: Final = re.compile(r"PM:\s*(\d+)")


def pmid_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    ids = [f._replace(value=PMID_LINK.sub(r"\1", f.value.strip())) for f in fields]
    return text_to_csl(ids, current)
