"""RIS: reader and writer around one tag table (``TAG_MAP``) and one type table (``TYPES``).

Reading happens in two stages: :func:`scan` turns lines into records of located tag
fields (tolerating a missing ``ER``, text outside records, wrong spacing, continuation
lines, CRLF and a BOM), then :func:`map_record` turns one record into a CSL item through
``TAG_MAP``. Tags with no CSL home go to ``custom["ris"]`` and are written back.

The writer uses the same table in the other direction. CSL variables with no RIS tag,
and values a tag cannot hold exactly (a date range, a name particle), are found by
comparing the item with what the reader makes of each field and tag it writes
(:mod:`bibconv.formats.ris.readback`, without rendering and scanning the record again);
each gets a ``ris.cannot-hold`` note, and with
``WriteOptions.lossless`` a free ``N1`` line ``csl.<variable>: <value>``
(``custom.<key>: <value>`` for ``custom``) which the reader turns back into the field, so
``csl -> ris -> csl`` keeps everything. By default those lines are left out: reference
managers would import them as notes. A value is written as plain text
when it is a one-line string that is not itself valid JSON, else as JSON.
"""

from __future__ import annotations

from typing import Final

from bibconv.formats.ris.dates import parse_date
from bibconv.formats.ris.identifiers import clean_doi
from bibconv.formats.ris.mapping import TAG_MAP, map_record
from bibconv.formats.ris.names import parse_name
from bibconv.formats.ris.reader import read
from bibconv.formats.ris.streaming import iter_read
from bibconv.formats.ris.syntax import scan
from bibconv.formats.ris.tables import TYPES as TYPES
from bibconv.formats.ris.writer import iter_write, write, write_record
from bibconv.protocols import Format

__all__ = [
    "TAG_MAP",
    "TYPES",
    "clean_doi",
    "iter_read",
    "map_record",
    "parse_date",
    "parse_name",
    "read",
    "scan",
    "write",
    "write_record",
]

NAME: Final = "ris"


FORMAT: Final = Format(
    NAME,
    (".ris",),
    read=read,
    write=write,
    description="RIS (Research Information Systems)",
    iter_write=iter_write,
    iter_read=iter_read,
)
