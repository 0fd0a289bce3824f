"""MODS XML (Library of Congress, v3), bibutils' hub format: read and written.

A file holds ``<modsCollection>`` of ``<mods>`` records, or one ``<mods>``, in the MODS
namespace (``http://www.loc.gov/mods/v3``; records without the namespace are read too).
An article's journal, a chapter's book and a paper's proceedings are a
``<relatedItem type="host">`` whose ``<part>`` holds volume, issue and pages, as bibutils
writes them; a series is ``<relatedItem type="series">``. The field map is in
docs/formats.md ("MODS"). Parsing is safe (``bibconv.formats._xml``).

``tables.py`` holds the vocabularies both directions share, ``reader.py`` reads,
``writer.py`` writes.
"""

from __future__ import annotations

from typing import Final

from bibconv.formats.mods.reader import read, read_bytes
from bibconv.formats.mods.tables import LABEL, NAME, NAMESPACE
from bibconv.formats.mods.writer import write
from bibconv.protocols import Format

__all__ = ["FORMAT", "LABEL", "NAME", "NAMESPACE", "read", "read_bytes", "write"]

FORMAT: Final = Format(
    NAME,
    (".xml", ".mods"),
    read=read,
    write=write,
    read_bytes=read_bytes,
    description="MODS XML (Library of Congress; bibutils)",
)
