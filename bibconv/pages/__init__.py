"""Loose web-page text -> CSL-JSON: the page layouts and the detector that picks one.

``detect(text)`` ranks every layout by how well its cues fit the page; ``parse(text)``
reads the page with the best one (or the one named). The format ``text`` does the same
for the CLI and reports which layout it chose as an INFO diagnostic.
"""

from __future__ import annotations

from types import ModuleType
from typing import Final

from bibconv import references
from bibconv.diagnostics import Diagnostic, Location, ParseError, UnknownFormatError, error, info
from bibconv.pages import acl_anthology, arxiv_profile, hf_papers, research_profile
from bibconv.pages._text import Detection, Line, capture_year, split_lines, with_empty_warning
from bibconv.protocols import Format, Parsed, ReadOptions

__all__ = ["FORMAT", "LAYOUTS", "NAME", "Detection", "detect", "parse", "read"]

NAME: Final = "text"

#: Every layout, page layouts first; ``references`` is the fallback for pasted lists.
LAYOUTS: Final[tuple[ModuleType, ...]] = (
    acl_anthology,
    arxiv_profile,
    research_profile,
    hf_papers,
    references,
)
#: The layout chosen when no page layout fits (pasted reference lists).
FALLBACK_NAME: Final = "references"  # references.NAME (not read here: see move)

#: A layout must score at least this to be chosen without ``--from``.
THRESHOLD: Final = 0.5
#: Two scores closer than this are a tie: the page is ambiguous.
TIE_MARGIN: Final = 0.05


def _by_name(name: str) -> ModuleType:
    for layout in LAYOUTS:
        if name == layout.NAME:
            return layout
    known = ", ".join(layout.NAME for layout in LAYOUTS)
    raise UnknownFormatError(f"unknown page layout {name!r} (known: {known})")


def detect(text: str | list[Line], *, fallback: bool = True) -> list[Detection]:
    """Every layout's detection on the page, best first (ties keep the LAYOUTS order).

    ``fallback=False`` leaves out the fallback layout (``references``).
    """
    lines = split_lines(text) if isinstance(text, str) else text
    found = [layout.detect(lines) for layout in LAYOUTS if fallback or layout.NAME != FALLBACK_NAME]
    return sorted(found, key=lambda d: -d.score)


def _evidence(detection: Detection) -> str:
    if not detection.evidence:
        return "no evidence"
    numbers = ", ".join(str(n) for n in sorted(set(detection.evidence)))
    return f"evidence: line{'s' if len(detection.evidence) > 1 else ''} {numbers}"


def _detail(detection: Detection) -> str:
    return f"{detection.detail}; " if detection.detail else ""


def _candidates(ranked: list[Detection]) -> str:
    shown = [d for d in ranked if d.score > 0] or ranked[:2]
    return "; ".join(f"{d.layout} {d.score:.2f} ({_evidence(d)})" for d in shown)


#: Codes of notes without a location whose message cites line numbers of the text read
#: (a detected layout's evidence), for callers that read text made from another file.
CITES_TEXT_LINES: Final = frozenset({"page.detected"})


class LayoutError(ParseError):
    """No layout fits the text, or more than one does. ``reason`` says which, without the
    ``--from`` hint the diagnostic adds (a caller with no --from to offer reports that)."""

    def __init__(self, code: str, reason: str, hint: str, where: Location) -> None:
        super().__init__(error(code, f"{reason}; {hint}", where))
        self.reason = reason
        self.hint = hint


def choose(lines: list[Line], path: str) -> tuple[ModuleType, Diagnostic]:
    """The layout for a page and the INFO diagnostic saying so; ParseError if unclear."""
    # The fallback is scored only when no page layout fits: page text is checked against
    # the page layouts alone, so a long page never pays for the reference-list detector.
    pages = detect(lines, fallback=False)
    best = pages[0]
    where = Location(path, 1, 1)
    if best.score >= THRESHOLD:
        if len(pages) > 1 and best.score - pages[1].score < TIE_MARGIN:
            raise LayoutError(
                "page.ambiguous-layout",
                f"page fits more than one layout: {_candidates(pages)}",
                f"choose one with --from {best.layout} (or --from {pages[1].layout})",
                where,
            )
        layout = _by_name(best.layout)
        # No location: the note is about the whole page (the CLI shows it as printed in
        # the issue: "info: detected acl-anthology (evidence: lines 5, 7)").
        return layout, info("page.detected", f"detected {best.layout} ({_evidence(best)})")
    known = {layout.NAME for layout in LAYOUTS}
    fallback = _by_name(FALLBACK_NAME).detect(lines) if FALLBACK_NAME in known else None
    ranked = sorted([*pages, *([fallback] if fallback else [])], key=lambda d: -d.score)
    if fallback is not None and fallback.score >= THRESHOLD:
        return _by_name(FALLBACK_NAME), info(
            "page.detected",
            f"detected {FALLBACK_NAME} (no page layout fits; "
            f"{_detail(fallback)}{_evidence(fallback)})",
        )
    names = ", ".join(layout.NAME for layout in LAYOUTS)
    raise LayoutError(
        "page.no-layout",
        f"no page layout fits this text (best: {_candidates(ranked)})",
        f"name one with --from <layout> ({names})",
        where,
    )


def parse(
    text: str, layout: str | None = None, *, year: int | None = None, path: str = "<string>"
) -> Parsed:
    """Read page text with the named layout, or the detected one (its INFO note first)."""
    lines = split_lines(text)
    year = capture_year(year)
    if layout is not None:
        forced: Parsed = _by_name(layout).parse(lines, source=path, year=year)
        return with_empty_warning(forced, layout, path)
    if not any(line.text for line in lines):
        # Say so plainly: "no page layout fits" sends the user looking for a --from to try.
        raise ParseError(
            error(
                "page.empty", "the input is empty: there is no text to read", Location(path, 1, 1)
            )
        )
    chosen, note = choose(lines, path)
    parsed: Parsed = chosen.parse(lines, source=path, year=year)
    return Parsed(parsed.items, [note, *parsed.diagnostics])


def read(text: str, options: ReadOptions) -> Parsed:
    """The ``text`` format: detect the layout, then parse with it."""
    return parse(text, year=options.year, path=options.path)


FORMAT: Final = Format(NAME, (".txt",), read=read, description="page text; the layout is detected")
