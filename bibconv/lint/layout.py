"""The opt-in bib.layout rule: an entry rewritten in the writer's field order and spacing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from bibconv.formats.bibtex.syntax import Entry, Field
from bibconv.lint.findings import Edit, Finding

# ----------------------------------------------------------------------------- layout


def layout_findings(text: str, entry: Entry) -> Iterator[Finding]:
    """The bib.layout finding for one entry, if its layout is not the canonical one."""
    return _layout(text, entry)


def _layout(text: str, entry: Entry) -> Iterator[Finding]:
    """The canonical form of an entry, when it differs and can be rebuilt losslessly."""
    if entry.broken or not entry.key:
        return
    canonical = canonical_entry(text, entry)
    if canonical is not None and canonical != text[entry.start : entry.end]:
        yield Finding(
            "bib.layout",
            f"entry {entry.key!r} is not in the canonical layout (one field per line, "
            "two-space indent, standard field order)",
            entry.start,
            entry.key,
            (Edit(entry.start, entry.end, canonical),),
        )


def canonical_entry(text: str, entry: Entry) -> str | None:
    """``@type{key,`` then ``  name = value,`` per field in the standard order, then ``}``.

    None if something between the fields (a ``%`` comment) would be lost by rebuilding.
    """
    fields = entry.fields
    # Whatever sits between one value and the next field's name must be white space and
    # the separating comma; anything else (a comment) makes the entry not rebuildable.
    gaps = [text[entry.key_offset + len(entry.key) : fields[0].name_offset]] if fields else []
    for before, after in itertools.pairwise(fields):
        gaps.append(text[before.value_offset + len(before.raw) : after.name_offset])
    if fields:
        last = fields[-1]
        gaps.append(text[last.value_offset + len(last.raw) : entry.end - 1])
    if any(gap.replace(",", "").strip() for gap in gaps):
        return None
    # The writer's field order (one table for both, so bib.layout accepts its output);
    # imported here, as check of a clean file loads nothing of formats/ but the scanner.
    from bibconv.formats.bibtex.fieldorder import canonical_order

    ordered = [fields[i] for i in canonical_order([f.name for f in fields])]
    close = "}" if entry.delimiter == "{" else ")"
    lines = [f"@{entry.type}{entry.delimiter}{entry.key},"]
    lines.extend(f"  {_name_as_written(text, f)} = {f.raw}," for f in ordered)
    return "\n".join(lines) + "\n" + close


def _name_as_written(text: str, fld: Field) -> str:
    """The field's name in the source's spelling (the writer writes ``PMID``, for one)."""
    written = text[fld.name_offset : fld.name_offset + len(fld.name)]
    return written if written.lower() == fld.name else fld.name
