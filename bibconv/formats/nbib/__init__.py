"""MEDLINE/PubMed ``.nbib``: the tagged text PubMed's "Send to: Citation manager" gives.

A record is a run of lines ``TAG - value`` (the tag left-aligned in four columns, then
``- ``); a line starting with spaces continues the value above; a blank line ends the
record. Tags follow NLM's "MEDLINE/PubMed Data Element (Field) Descriptions".

The field map (docs/formats.md, "MEDLINE/PubMed nbib") keeps every tag: those with no
CSL variable go to ``custom.nbib`` as ``{tag: [values]}``. The writer uses the same
tables the other way and writes ``custom.nbib`` back, in PubMed's tag order and line
wrapping; what MEDLINE has no tag for is left out with an ``nbib.cannot-hold`` note.
"""

from __future__ import annotations

from typing import Final

from bibconv.formats.nbib.reader import expand_pages, read
from bibconv.formats.nbib.tables import (
    HISTORY_DATES,
    NAME,
    NAME_TAGS,
    PLACE_TYPES,
    PUBLICATION_TYPE_OF,
    PUBLICATION_TYPES,
    TEXT_TAGS,
)
from bibconv.formats.nbib.writer import (
    HELD,
    LABEL,
    TAG_ORDER,
    WIDTH,
    abbreviated_pages,
    published_date,
    tag_line,
    tags_of,
    with_nlm_period,
    write,
)
from bibconv.protocols import Format

__all__ = [
    "FORMAT",
    "HELD",
    "HISTORY_DATES",
    "LABEL",
    "NAME",
    "NAME_TAGS",
    "PLACE_TYPES",
    "PUBLICATION_TYPES",
    "PUBLICATION_TYPE_OF",
    "TAG_ORDER",
    "TEXT_TAGS",
    "WIDTH",
    "abbreviated_pages",
    "expand_pages",
    "published_date",
    "read",
    "tag_line",
    "tags_of",
    "with_nlm_period",
    "write",
]

FORMAT: Final = Format(
    NAME,
    (".nbib", ".medline"),
    read=read,
    write=write,
    description="MEDLINE/PubMed (.nbib, PMID- tags)",
)
