"""Layout ``references``: a pasted reference list -> one CSL item per reference.

The list may be numbered (``[1]``, ``1.``, ``(1)``) or not, one reference per line or per
paragraph, with references wrapped over several lines. It is split into references here
(:func:`split_references`); each reference string is parsed by
:func:`bibconv.references.parse.parse_reference`, which knows the common styles (APA, IEEE,
ACL/natbib, Chicago, MLA, Vancouver, Nature, Springer LNCS, Harvard, arXiv-style ids).

This is the layout chosen when no page layout fits, so :func:`detect` scores a page by the
share of its lines that belong to references that look like references.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Final

from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, Severity, info, warning
from bibconv.keys import base_key
from bibconv.model import CslItem
from bibconv.pages._text import Detection, Line, finish, split_lines, with_empty_warning
from bibconv.protocols import Format, Parsed, ReadOptions
from bibconv.references.common import Reference
from bibconv.references.parse import parse_reference, strip_number
from bibconv.references.patterns import NUMBER_MARKER
from bibconv.references.splitting import (
    HEADINGS,
    REFERENCE_START,
    SOURCE_CUES,
    RefBlock,
    has_year_cue,
    segment,
)

NAME: Final = "references"


# ----------------------------------------------------------------------------- detect


def looks_like_reference(text: str) -> bool:
    """True for a string that reads like a bibliographic reference."""
    body = NUMBER_MARKER.sub("", text, count=1)
    if len(body) < 25 or not has_year_cue(body):
        return False
    cues = len(SOURCE_CUES.findall(body[:2000]))
    starts_well = REFERENCE_START.match(body) is not None or body != text
    return starts_well and (cues >= 1 or body.count(". ") >= 2)


#: Detection reads at most this many lines: a page's first few thousand lines say whether it
#: is a reference list as well as all of them, and 10 MB of text is then scored in
#: milliseconds, not seconds (parsing still reads every line).
DETECT_SAMPLE: Final = 5_000


def detect(lines: Sequence[Line]) -> Detection:
    """Score a page as a reference list: the share of its text lines inside references.

    Only the first :data:`DETECT_SAMPLE` lines are read. The detection's ``detail`` is the
    layout the split chose ("one reference a line, numbered [n]").
    """
    lines = lines[:DETECT_SAMPLE]
    text_lines = [line for line in lines if line.text and not HEADINGS.match(line.text)]
    if not text_lines:
        return Detection(NAME, 0.0)
    segmentation = segment(lines)
    good = [block for block in segmentation.blocks if looks_like_reference(block.text)]
    covered = len({number for block in good for number in block.line_numbers})
    share = covered / len(text_lines)
    # A single reference-looking paragraph in a page is weak evidence; a list is strong.
    weight = 1.0 if len(good) >= 2 else 0.8
    evidence = tuple(b.first.no for b in good[:5])
    return Detection(NAME, round(share * weight, 3), evidence, segmentation.layout)


# ----------------------------------------------------------------------------- parse


#: Inputs with at least this many lines are parsed with the cyclic garbage collector paused.
PAUSE_GC_LINES: Final = 20_000


def parse(lines: Sequence[Line], *, source: str, year: int) -> Parsed:
    """One CSL item per reference, with located warnings for every field left uncertain."""
    del year  # reference strings always print their own year (or "n.d.")
    return _parse(segment(lines).blocks, source, long=len(lines) >= PAUSE_GC_LINES)


def read(text: str, options: ReadOptions) -> Parsed:
    """The ``references`` format: parse the list and say which layout its split chose."""
    lines = split_lines(text)
    segmentation = segment(lines)
    parsed = _parse(segmentation.blocks, options.path, long=len(lines) >= PAUSE_GC_LINES)
    note = info("page.detected", f"reading references: {segmentation.layout}")
    return with_empty_warning(Parsed(parsed.items, [note, *parsed.diagnostics]), "", options.path)


def _parse(blocks: Sequence[RefBlock], source: str, *, long: bool) -> Parsed:
    # Tens of thousands of live items make the cyclic collector rescan them (a tenth of a
    # 10 MB parse); parsing makes no cycles, so long lists are read with it paused.
    with paused_gc() if long else nullcontext():
        return _parse_blocks(blocks, source)


#: Lists with at least this many distinct references are parsed on all cores: below it,
#: starting the worker processes costs more than it saves.
PARALLEL_REFERENCES: Final = 4_000


def parse_all(texts: Sequence[str], *, workers: int | None = None) -> list[Reference]:
    """:func:`parse_reference` of every text, in order; on all cores for a long list.

    ``workers`` defaults to the cores this process may use; 1 parses in this process.
    The result is the same either way (each parse is a pure function of its text)."""
    count = _usable_cores() if workers is None else workers
    if count <= 1 or len(texts) < PARALLEL_REFERENCES:
        return [_parse_keyed(text) for text in texts]
    # Big chunks keep the pickling overhead small; many per worker balance the load (on a
    # loaded machine one core may fall behind: the last chunks then go to the other).
    chunk = max(256, len(texts) // (count * 16))
    with multiprocessing.get_context().Pool(count) as pool:
        return pool.map(_parse_keyed, texts, chunksize=chunk)


def _parse_keyed(text: str) -> Reference:
    """:func:`parse_reference`, the item's base citation key as its provisional id.

    ``assign_ids`` keeps such an id or suffixes it on a clash, which is the key it would
    have made from nothing; so the keys come out the same, and long lists fold the names
    for their keys on all cores."""
    reference = parse_reference(text)
    reference.item["id"] = base_key(reference.item)
    return reference


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _parse_blocks(blocks: Sequence[RefBlock], source: str) -> Parsed:
    items: list[CslItem] = []
    diagnostics: list[Diagnostic] = []
    # A list pasted twice (or merged from two papers) repeats references word for word:
    # each text is parsed once, and a repeat gets a copy of the item (ids come later).
    distinct = list(dict.fromkeys(block.text for block in blocks))
    seen = dict(zip(distinct, parse_all(distinct), strict=True))
    first: set[str] = set()
    for block in blocks:
        reference = seen[block.text]
        if block.text not in first:
            first.add(block.text)
            items.append(reference.item)
        else:
            items.append(copy.deepcopy(reference.item))
        if not reference.problems:
            continue
        location = block.first.location(source)
        shown = strip_number(block.text)[:60]
        for code, message in reference.problems:
            diagnostics.append(warning(code, f"{message} in reference {shown!r}", location))
    if not items:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "page.ref-none",
                "no references found (expected one reference per line or paragraph)",
            )
        )
    return finish(items, diagnostics)


FORMAT: Final = Format(
    NAME,
    (),
    read=read,
    description="pasted reference list (APA, IEEE, ACL, Chicago, MLA, Vancouver, Nature, LNCS)",
)
