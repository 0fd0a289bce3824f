"""Layout ``references``: a pasted reference list -> one CSL item per reference.

The list may be numbered (``[1]``, ``1.``, ``(1)``) or not, one reference per line or per
paragraph, with references wrapped over several lines. It is split into references here
(:func:`split_references`); each reference string is parsed by
:func:`bibconv.pages._refs_parse.parse_reference`, which knows the common styles (APA, IEEE,
ACL/natbib, Chicago, MLA, Vancouver, Nature, Springer LNCS, Harvard, arXiv-style ids).

This is the layout chosen when no page layout fits, so :func:`detect` scores a page by the
share of its lines that belong to references that look like references.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, Severity, warning
from bibconv.model import CslItem
from bibconv.pages._refs_parse import NUMBER_MARKER, Reference, parse_reference, strip_number
from bibconv.pages._text import Detection, Line, finish, reader_for
from bibconv.protocols import Format, Parsed

NAME: Final = "references"

# ----------------------------------------------------------------------------- cues

_UPPER: Final = "".join(chr(c) for c in range(0x250) if chr(c).isupper())
_NAME_WORD: Final = rf"[{_UPPER}][\w'’\-]{{1,30}}"
#: Headings pasted with a list; never a reference.
HEADINGS: Final = re.compile(
    r"^(?:\d{1,2}\.?\s)?(?:references|bibliography|works cited|literature cited|literature|"
    r"cited works|sources|notes|reference list)\s?:?$",
    re.I,
)
#: How a reference starts: a name, family first or given first, or a Vancouver name.
REFERENCE_START: Final = re.compile(
    rf"^(?:(?:van|von|de|der|den|da|di|du|le|la|del|dos|ten|ter)\s){{0,3}}{_NAME_WORD}"
    rf"(?:\s{_NAME_WORD})?,\s[{_UPPER}]"  # "LeCun, Y." / "Della Pietra, S." / "LeCun, Yann"
    rf"|^(?:[{_UPPER}][a-z]?\.\s?-?){{1,3}}\s?[{_UPPER}]"  # "A. B. Author" (IEEE)
    rf"|^{_NAME_WORD}(?:\s[{_UPPER}]\.)?\s(?:(?:van|von|de|der|den|da|di|du|le|la)\s){{0,3}}"
    rf"{_NAME_WORD}(?:,|\sand\s|\.\s)"  # "Ashish Vaswani," (ACL)
    rf"|^{_NAME_WORD}(?:\s{_NAME_WORD})?\s[{_UPPER}]{{1,3}}[,.]"  # "Vaswani A," (Vancouver)
    # An organisation: "OpenAI. (2023).", "Python Software Foundation. (n.d.).", "OpenAI. GPT-4"
    rf"|^[{_UPPER}][^.]{{0,80}}?\.?\s?(?:\((?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.)\)"
    rf"|\.\s(?:1[5-9]|20)\d\d\.)"
    rf"|^{_NAME_WORD}(?:\s{_NAME_WORD}){{0,5}}\.\s[{_UPPER}]"
)
#: A start that is certainly a name: "LeCun, Y." or "Y. LeCun" (initials with periods).
STRONG_START: Final = re.compile(
    rf"^{_NAME_WORD}(?:\s{_NAME_WORD})?,\s[{_UPPER}]\.|^(?:[{_UPPER}]\.\s?-?){{1,3}}\s?{_NAME_WORD}"
)
#: Lines that continue a reference even when the one before looks complete.
CONTINUATION: Final = re.compile(
    r"^(?:In:?\s|in\s|Proceedings|Proc\.|pp?\.|vol\.|Vol\.|doi|DOI|https?://|arXiv|Retrieved|"
    r"Available|\[Online\]|Journal|Advances|Association|Springer|[0-9(&–-]"
    r"|(?!(?:van|von|de|der|den|da|di|du|le|la|del|dos|ten|ter)\s)[a-z])"
)
# A year, not a page of a range ("1735–1780") nor part of a longer number.
_YEAR_CUE: Final = re.compile(r"(?<![\d–-])(?:1[5-9]|20)\d\d[a-z]?(?![\d–-])|\bn\.\s?d\.")
#: Words that make a line read like a reference rather than page text.
SOURCE_CUES: Final = re.compile(
    r"\b(?:pp?\.|vol\.|no\.|In:?|Proceedings|Proc\.|Journal|J\.|Press|doi|arXiv|et al\.?|"
    r"Conference|Transactions|Eds?\.|eds\.)|\(\d{4}[a-z]?\)|\d+\(\d+\)|\d+[-–]\d+"
)


#: ``(index, the current reference) -> True if lines[index] starts a new one``.
_StartRule = Callable[[int, "_Run"], bool]


@dataclass(frozen=True, slots=True)
class RefBlock:
    """One reference as pasted: its first line and its text with wrapped lines joined."""

    first: Line
    text: str
    line_numbers: tuple[int, ...]


# ----------------------------------------------------------------------------- splitting


def split_references(lines: Sequence[Line]) -> list[RefBlock]:
    """The references of a pasted list, in order (headings and blank lines dropped)."""
    body = [line for line in lines if not HEADINGS.match(line.text)]
    numbered = _numbered_starts(body)
    if numbered:
        return _group(body, lambda index, _current: index in numbered, skip_before=min(numbered))
    return _group(body, _unnumbered_start(body))


def _numbered_starts(lines: Sequence[Line]) -> set[int]:
    """Indexes of lines that start a numbered reference, if the list is numbered 1, 2, 3..."""
    markers: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        match = NUMBER_MARKER.match(line.text)
        if match is not None:
            markers.append((index, int(next(g for g in match.groups() if g))))
    starts: set[int] = set()
    expected = None
    for index, number in markers:
        # A marker counts only in sequence, so "2019." at a wrapped line's start is no number.
        if expected is None or number == expected:
            starts.add(index)
            expected = number + 1
    # Numbers must mark most references: a stray "[2]" in an unnumbered list is not a list.
    name_starts = sum(1 for line in lines if REFERENCE_START.match(strip_number(line.text)))
    return starts if len(starts) >= 2 and 2 * len(starts) >= name_starts else set()


def _unnumbered_start(lines: Sequence[Line]) -> _StartRule:
    # Hanging indents (wrapped lines indented, first lines not) say where references start.
    hanging = sum(1 for line in lines if line.text and line.column > 1) * 4 >= len(lines)
    # References one per paragraph, wrapped: inside a paragraph only a sure name starts one.
    paragraphs = _paragraph_sizes(lines)
    wrapped_paragraphs = len(paragraphs) >= 2 and sum(paragraphs) > len(paragraphs)

    def starts(index: int, current: _Run) -> bool:
        line = lines[index]
        if line.column > current.lines[0].column:
            return False  # a hanging indent: the reference goes on
        if hanging:
            return True
        if wrapped_paragraphs and STRONG_START.match(line.text) is None:
            return False
        strong = STRONG_START.match(line.text) is not None
        return (
            (
                _looks_complete(current)
                or (strong and not wrapped_paragraphs and _ends_unpunctuated(current))
            )
            and REFERENCE_START.match(line.text) is not None
            and CONTINUATION.match(line.text) is None
            and (
                _YEAR_CUE.search(line.text) is not None
                or line.text.endswith(",")
                # A whole reference on one line that lost its year still starts a new one.
                or (STRONG_START.match(line.text) is not None and len(line.text) >= 40)
            )
        )

    return starts


def _paragraph_sizes(lines: Sequence[Line]) -> list[int]:
    sizes: list[int] = []
    run = 0
    for line in lines:
        if line.text:
            run += 1
        elif run:
            sizes.append(run)
            run = 0
    return [*sizes, run] if run else sizes


#: How much of the end of a reference's text the start rules look at.
_TAIL: Final = 64
#: How far back a year cue may begin before the space that joins two lines ("n." + "d.").
_CUE_REACH: Final = 4


@dataclass(slots=True)
class _Run:
    """The lines of the reference being grouped, and what the start rule asks of their text.

    The rule needs the length of the lines joined with spaces, whether a year cue is in it
    and how it ends. Joining (and searching) all the lines again for every new line made
    grouping quadratic: a 100 kB page with no blank line took seconds, 10 MB hours. So the
    answers are kept up to date one line at a time, each line searched once.
    """

    lines: list[Line] = field(default_factory=list)
    length: int = 0
    has_year: bool = False
    tail: str = ""

    def add(self, line: Line) -> None:
        text = line.text
        if not self.lines:
            self.length, self.tail = len(text), text[-_TAIL:]
            self.has_year = _YEAR_CUE.search(text) is not None
        else:
            self.length += 1 + len(text)
            if not self.has_year:
                # A cue may straddle the join ("n." + " " + "d."): search from a few
                # characters before it, with a few more before those for the lookbehinds.
                context = self.tail[-2 * _CUE_REACH :]
                window = f"{context} {text}"
                self.has_year = (
                    _YEAR_CUE.search(window, max(0, len(context) - _CUE_REACH)) is not None
                )
            self.tail = f"{self.tail} {text[-_TAIL:]}"[-_TAIL:]
        self.lines.append(line)


def _ends_unpunctuated(run: _Run) -> bool:
    """Springer and LNCS end references without a period ("Wiley, New York"): complete
    enough when a year was printed and the text does not stop mid-list."""
    return (
        run.length >= 30
        and run.has_year
        and run.tail[-1:] not in ",;:&-–"
        and not run.tail.endswith((" and", " in", " In", " of", " the"))
    )


def _looks_complete(run: _Run) -> bool:
    """A reference so far has a year and ends like a reference ends."""
    tail = run.tail
    return (
        run.length >= 30
        and run.has_year
        and (tail[-1:] in ".)]" or tail[-1:].isdigit() or "://" in tail[-60:])
    )


def _group(lines: Sequence[Line], starts: _StartRule, *, skip_before: int = 0) -> list[RefBlock]:
    blocks: list[RefBlock] = []
    current = _Run()
    for index in range(skip_before, len(lines)):
        line = lines[index]
        if line.blank:
            if current.lines and skip_before == 0:
                blocks.append(_block(current.lines))
                current = _Run()
            continue
        if current.lines and starts(index, current):
            blocks.append(_block(current.lines))
            current = _Run()
        current.add(line)
    if current.lines:
        blocks.append(_block(current.lines))
    return blocks


def _block(lines: list[Line]) -> RefBlock:
    parts = [lines[0].text]
    for previous, line in pairwise(lines):
        # A reference wrapped inside a URL, a DOI or a page range goes on without a space.
        if not previous.text.endswith(("/", "-", "–", "_")):
            parts.append(" ")
        parts.append(line.text)
    return RefBlock(lines[0], "".join(parts), tuple(line.no for line in lines))


# ----------------------------------------------------------------------------- detect


def looks_like_reference(text: str) -> bool:
    """True for a string that reads like a bibliographic reference."""
    body = NUMBER_MARKER.sub("", text, count=1)
    if len(body) < 25 or _YEAR_CUE.search(body) is None:
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

    Only the first :data:`DETECT_SAMPLE` lines are read.
    """
    lines = lines[:DETECT_SAMPLE]
    text_lines = [line for line in lines if line.text and not HEADINGS.match(line.text)]
    if not text_lines:
        return Detection(NAME, 0.0)
    blocks = split_references(lines)
    good = [block for block in blocks if looks_like_reference(block.text)]
    covered = sum(len(block.line_numbers) for block in good)
    share = covered / len(text_lines)
    # A single reference-looking paragraph in a page is weak evidence; a list is strong.
    weight = 1.0 if len(good) >= 2 else 0.8
    return Detection(NAME, round(share * weight, 3), tuple(b.first.no for b in good[:5]))


# ----------------------------------------------------------------------------- parse


#: Inputs with at least this many lines are parsed with the cyclic garbage collector paused.
PAUSE_GC_LINES: Final = 20_000


def parse(lines: Sequence[Line], *, source: str, year: int) -> Parsed:
    """One CSL item per reference, with located warnings for every field left uncertain."""
    del year  # reference strings always print their own year (or "n.d.")
    # Tens of thousands of live items make the cyclic collector rescan them (a tenth of a
    # 10 MB parse); parsing makes no cycles, so long lists are read with it paused.
    with paused_gc() if len(lines) >= PAUSE_GC_LINES else nullcontext():
        return _parse(lines, source)


def _parse(lines: Sequence[Line], source: str) -> Parsed:
    items: list[CslItem] = []
    diagnostics: list[Diagnostic] = []
    # A list pasted twice (or merged from two papers) repeats references word for word:
    # each text is parsed once, and a repeat gets a copy of the item (ids come later).
    seen: dict[str, Reference] = {}
    for block in split_references(lines):
        reference = seen.get(block.text)
        if reference is None:
            reference = seen[block.text] = parse_reference(block.text)
            items.append(reference.item)
        else:
            items.append(copy.deepcopy(reference.item))
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


read: Final = reader_for(parse)
FORMAT: Final = Format(
    NAME,
    (),
    read=read,
    description="pasted reference list (APA, IEEE, ACL, Chicago, MLA, Vancouver, Nature, LNCS)",
)
