"""A pasted reference list cut into references: numbered or hanging starts, continuation lines,
references run together on one line, and the list's layout in words for the detector.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Final

from bibconv.pages._text import Line
from bibconv.references.names import is_organisation
from bibconv.references.parse import strip_number
from bibconv.references.patterns import NUMBER_MARKER

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
#: Lowercase particles a family name printed first may start with ("van Vuuren, D. P.").
_PARTICLE_WORD: Final = r"(?:van|von|de|der|den|da|di|du|le|la|del|dos|ten|ter)"


_PARTICLES: Final = rf"(?:{_PARTICLE_WORD}\s){{0,3}}"


REFERENCE_START: Final = re.compile(
    rf"^{_PARTICLES}{_NAME_WORD}"
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
    rf"^{_PARTICLES}{_NAME_WORD}(?:\s{_NAME_WORD})?,\s[{_UPPER}]\."
    rf"|^(?:[{_UPPER}]\.\s?-?){{1,3}}\s?{_NAME_WORD}"
)


#: Lines that continue a reference even when the one before looks complete.
CONTINUATION: Final = re.compile(
    r"^(?:In:?\s|in\s|Proceedings|Proc\.|pp?\.|vol\.|Vol\.|doi|DOI|https?://|arXiv|Retrieved|"
    r"Available|\[Online\]|Journal|Advances|Association|Springer|[0-9(&–-]"
    rf"|(?!{_PARTICLE_WORD}\s)[a-z])"
)


# A year, not a page of a range ("1735–1780") nor part of a longer number.
# (Two patterns, not one alternation: the year alone scans three times faster, and "n.d."
# is looked for only where an "n." is.)
_YEAR_ONLY: Final = re.compile(r"(?:1[5-9]|20)(?<![\d–-]..)\d\d[a-z]?(?![\d–-])")


_NO_DATE_CUE: Final = re.compile(r"\bn\.\s?d\.")


def has_year_cue(text: str, start: int = 0) -> bool:
    """A year ("2020", "2020a", not a page of "1735–1780") or "n.d." in ``text[start:]``."""
    if _YEAR_ONLY.search(text, start) is not None:
        return True
    return "n." in text and _NO_DATE_CUE.search(text, start) is not None


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


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A list split into references, and its layout in words (for the ``page.detected`` note)."""

    blocks: list[RefBlock]
    layout: str


def split_references(lines: Sequence[Line]) -> list[RefBlock]:
    """The references of a pasted list, in order (headings and blank lines dropped)."""
    return segment(lines).blocks


def segment(lines: Sequence[Line]) -> Segmentation:
    """Split a pasted list, deciding its layout from the whole list rather than line by line:
    numbering (``[n]``, ``n.``, ``n)``, ``(n)``, bare ``n``, possibly on some lines only),
    blank-line paragraphs, hanging indents, one reference a line, or run together."""
    body = [line for line in lines if not HEADINGS.match(line.text)]
    numbers = _numbered_starts(body)
    if numbers.starts:
        rule = _numbered_start(body, numbers.starts)
        groups = _group(body, rule, skip_before=min(numbers.starts))
    else:
        groups = _group(body, _unnumbered_start(body))
    grouped = [_block(group) for group in groups]
    blocks = [
        part
        for block, group in zip(grouped, groups, strict=True)
        for part in _run_together(block, group)
    ]
    if numbers.kind == "bare":
        # A bare "12 " is no marker the reference parser strips: take it off here.
        blocks = [_without_bare_number(block) for block in blocks]
    return Segmentation(blocks, _describe(body, grouped, blocks, numbers))


@dataclass(frozen=True, slots=True)
class _Numbering:
    starts: frozenset[int] = frozenset()  # indexes of the lines a number starts
    kind: str = ""  # "[n]", "n.", "n)", "(n)" or "bare"


#: A bare list number ("12 Author, A."): only read as a marker in a list numbered so.
_BARE_NUMBER: Final = re.compile(rf"^(\d{{1,3}})\s(?=[{_UPPER}])")


#: How many numbers in a row may be lost in a copy ("1. 2. 4." still counts as a list).
_MAX_NUMBER_GAP: Final = 4


def _marker(text: str) -> tuple[int, str] | None:
    """The list number a line starts with and its kind, if any."""
    match = NUMBER_MARKER.match(text)
    if match is not None:
        bracket, paren, plain = match.groups()
        if bracket:
            return int(bracket), "[n]"
        if paren:
            return int(paren), "(n)"
        return int(plain), "n)" if text.lstrip()[len(plain)] == ")" else "n."
    bare = _BARE_NUMBER.match(text)
    return (int(bare.group(1)), "bare") if bare else None


def _numbered_starts(lines: Sequence[Line]) -> _Numbering:
    """The lines that start a numbered reference, if the list is numbered 1, 2, 3...

    Only the most common marker kind counts, and only in ascending order with small gaps
    (numbers lost in a copy), so "2019." at a wrapped line's start is no number."""
    markers = [(index, found) for index, line in enumerate(lines) if (found := _marker(line.text))]
    kinds = Counter(kind for _, (_, kind) in markers)
    if not kinds:
        return _Numbering()
    kind = kinds.most_common(1)[0][0]
    starts: set[int] = set()
    expected = None
    for index, (number, marker_kind) in markers:
        if marker_kind != kind:
            continue
        if expected is None or expected <= number <= expected + _MAX_NUMBER_GAP:
            starts.add(index)
            expected = number + 1
    # Numbers must mark many references: a stray "[2]" in an unnumbered list is not a list.
    name_starts = sum(1 for line in lines if REFERENCE_START.match(strip_number(line.text)))
    if len(starts) >= 2 and 2 * len(starts) >= name_starts:
        return _Numbering(frozenset(starts), kind)
    return _Numbering()


def _numbered_start(lines: Sequence[Line], numbered: frozenset[int]) -> _StartRule:
    """In a numbered list a number starts a reference; so does an unnumbered line that is a
    whole reference on its own after a complete one (its number was lost in the copy)."""

    # With hanging indents a line at the first lines' column starts a reference that only
    # lost its number: the layout says so, the line need only start like one (a name, an
    # organisation), not be a whole reference.
    hanging = _is_hanging(lines)

    def starts(index: int, current: _Run) -> bool:
        if index in numbered:
            return True
        text = lines[index].text
        return (
            lines[index].column <= current.lines[0].column
            and _looks_complete(current)
            and (
                complete_alone(text)
                or (hanging and CONTINUATION.match(text) is None and _starts_like_one(text))
            )
        )

    return starts


def _unnumbered_start(lines: Sequence[Line]) -> _StartRule:
    # Hanging indents (wrapped lines indented, first lines not) say where references start.
    hanging = _is_hanging(lines)
    # References one per paragraph, wrapped: inside a paragraph only a sure name starts one.
    paragraphs = _paragraph_sizes(lines)
    wrapped_paragraphs = len(paragraphs) >= 2 and sum(paragraphs) > len(paragraphs)

    def starts(index: int, current: _Run) -> bool:
        line = lines[index]
        if line.column > current.lines[0].column:
            return False  # a hanging indent: the reference goes on
        if hanging:
            return True
        # A line that is a whole reference on its own is never merged with the next one
        # (unless that one only adds its DOI, URL or access note).
        if (
            len(current.lines) == 1
            and complete_alone(current.lines[0].text)
            and _ADDS_TO_PREVIOUS.match(line.text) is None
            and _starts_with_head(line.text)
            and (not wrapped_paragraphs or REFERENCE_START.match(line.text) is not None)
        ):
            return True
        if wrapped_paragraphs and STRONG_START.match(line.text) is None:
            return False
        # Copernicus: a reference ends ", 2016." and an author printed "Name: Title" starts
        # the next, an organisation whose name no list knows among them ("Unidata: Title").
        if (
            current.tail.endswith(".")
            and _YEAR_LAST.search(current.tail) is not None
            and _COLON_AUTHOR.match(line.text) is not None
        ):
            return True
        strong = STRONG_START.match(line.text) is not None
        return (
            (
                _looks_complete(current)
                or (strong and not wrapped_paragraphs and _ends_unpunctuated(current))
            )
            and (REFERENCE_START.match(line.text) is not None or _organisation_start(line.text))
            and CONTINUATION.match(line.text) is None
            and (
                has_year_cue(line.text)
                or line.text.endswith(",")
                # A whole reference on one line that lost its year still starts a new one.
                or (STRONG_START.match(line.text) is not None and len(line.text) >= 40)
            )
        )

    return starts


#: A reference's end in the year-last styles: ", 2016." (Copernicus, LNCS).
_YEAR_LAST: Final = re.compile(r",\s(?:1[5-9]|20)\d\d[a-z]?\.$")


#: An author printed before a colon, as Copernicus prints organisations: "Unidata: Network
#: Common Data Form", "WMO: Guide to ..." (capitalised words, no digits, then the title).
_COLON_AUTHOR: Final = re.compile(
    rf"^[{_UPPER}][\w’'&-]{{1,40}}(?:\s(?:[{_UPPER}][\w’'&-]{{0,40}}|for|of|and|the|&)){{0,7}}"
    rf":\s[{_UPPER}]"
)


#: Lines that only add to the reference before them: its identifier or access note.
_ADDS_TO_PREVIOUS: Final = re.compile(
    r"^(?:https?://|www\.|doi|DOI|Available|Retrieved|Accessed|accessed|\[Online\]|\[cited|"
    r"PMID|PMCID|ISBN|ISSN|arXiv:|[a-z])"
)


#: No reference is shorter than this ("Press." alone on a line is the end of one).
_SHORTEST_REFERENCE: Final = 25


#: Where a reference shows its source: locators, publishers, identifiers (not its year,
#: not "et al." nor initials, which every head has). Three patterns, each with a first
#: character the engine can skip to (one alternation of all of them was five times slower).
#: (Each word's "(?<!\w)" stands after its first letter, so the engine skips to those letters.)
_SOURCE_WORDS: Final = re.compile(
    "|".join(
        rf"{word[0]}(?<!\w.){word[1:]}"
        for word in (
            r"pp?\.\s?\d", r"Vol\.", r"vol\.", r"No\.\s?\d", r"no\.\s?\d", r"In:?\s",
            "Proceedings", r"Proc\.", "Journal", "Press", "Verlag", "Publish", "Univ", "doi",
            "DOI", "arXiv", "Conference", "Symposium", "Transactions", "https?://",
        )
    )
)  # fmt: skip


#: "45(1)", "5–32", "2009;6(7):e1000097", "574, 505".
_SOURCE_NUMBERS: Final = re.compile(r"\d(?:\s?\(\d|\s?[-–]\s?\d|:\s?[\de]|,\s\d)")


#: "Place: Publisher, 2000" / "Geneva: WHO; 2016" (a title's "X: Y" is not followed by a year).
_SOURCE_PLACE: Final = re.compile(r"(?<=[a-z]):\s[^.:]{2,60}[,;]\s(?:1[5-9]|20)\d\d")


def _source_cue(text: str) -> bool:
    return (
        _SOURCE_NUMBERS.search(text) is not None
        or _SOURCE_WORDS.search(text) is not None
        or (":" in text and _SOURCE_PLACE.search(text) is not None)
    )


def _ends_like_reference(text: str) -> bool:
    """Ends with ".", ")", "]", a digit or a URL (its last word holds a "/")."""
    last = text[-1:]
    if last in {".", ")", "]"} or last.isdigit():
        return True
    word = text[text.rfind(" ") + 1 :]
    return len(word) >= 5 and "/" in word


#: An organisation as author: "Centers for Disease Control and Prevention. Title",
#: "Python Software Foundation: Title" (LNCS, Copernicus), "Library of Congress. "Title.""
#: (Chicago, MLA: the title in quotes).
_ORGANISATION_START: Final = re.compile(
    rf"^(?P<name>[{_UPPER}][\w’'-]*(?:\s(?:[{_UPPER}][\w’'-]*|for|of|and|the|on|in|&)){{0,8}})"
    rf"[.:]\s[\"“]?[{_UPPER}]"
)


#: A year printed as a year: not inside a DOI, URL or number ("j.neunet.2014.09.003").
_PRINTED_YEAR: Final = re.compile(r"(?:1[5-9]|20)(?<![\w./–-]..)\d\d[a-z]?(?![\w/–-]|\.\d)")


def _printed_year(text: str) -> re.Match[str] | None:
    found = _PRINTED_YEAR.search(text)
    if found is None and "n." in text:
        return _NO_DATE_CUE.search(text)
    return found


# A line is asked about as the next line and again as the reference before the next one.
@lru_cache(maxsize=16)
def _organisation_start(text: str) -> bool:
    """An organisation as author that is surely one: "IPCC: ...", "OECD. ...",
    "World Health Organization. ..." (an acronym or a word only organisations use)."""
    match = _ORGANISATION_START.match(text)
    return match is not None and is_organisation(match.group("name"))


# The start rules ask this of a line as the next line, again as the reference it began, and
# once more as the block it makes (one reference a line): the answer is kept for a few lines.
@lru_cache(maxsize=16)
def complete_alone(text: str) -> bool:
    """True for a line that reads as a whole reference: it starts like one (a name, an
    organisation, a list number), prints a year and a source, and ends like one."""
    body = strip_number(text)
    year = _printed_year(body)
    return (
        len(body) >= 40
        and year is not None
        and _ends_like_reference(body)
        and (
            REFERENCE_START.match(body) is not None
            or _ORGANISATION_START.match(body) is not None
            or body != text
        )
        and _has_source(body, year)
    )


def _starts_like_one(text: str) -> bool:
    """A name or an organisation first, with or without the year on the same line."""
    return (
        REFERENCE_START.match(text) is not None
        or _ORGANISATION_START.match(text) is not None
        or _starts_with_head(text)
    )


def _starts_with_head(text: str) -> bool:
    """A line that starts a reference: a whole one, or authors (a person or organisation)
    with the year printed soon after them."""
    if len(text) < _SHORTEST_REFERENCE:
        return False
    if complete_alone(text):
        return True
    starts_well = (
        REFERENCE_START.match(text) is not None or _ORGANISATION_START.match(text) is not None
    )
    return starts_well and has_year_cue(text[:_YEAR_REACH])


def _has_source(body: str, year: re.Match[str]) -> bool:
    """A locator or publisher cue outside the year itself and the author list."""
    if _source_cue(body[year.end() :]):
        return True
    # Year-last styles (LNCS, Nature, Copernicus): the source comes before the year.
    return year.end() >= len(body) - 8 and _source_cue(body[: year.start()])


def _is_hanging(lines: Sequence[Line]) -> bool:
    """Wrapped lines indented and first lines not: a quarter of the lines are indented."""
    return sum(1 for line in lines if line.text and line.column > 1) * 4 >= len(lines)


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
            self.has_year = has_year_cue(text)
        else:
            self.length += 1 + len(text)
            if not self.has_year:
                # A cue may straddle the join ("n." + " " + "d."): search from a few
                # characters before it, with a few more before those for the lookbehinds.
                context = self.tail[-2 * _CUE_REACH :]
                window = f"{context} {text}"
                self.has_year = has_year_cue(window, max(0, len(context) - _CUE_REACH))
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


def _group(lines: Sequence[Line], starts: _StartRule, *, skip_before: int = 0) -> list[list[Line]]:
    groups: list[list[Line]] = []
    current = _Run()
    for index in range(skip_before, len(lines)):
        line = lines[index]
        if line.blank:
            if current.lines and skip_before == 0:
                groups.append(current.lines)
                current = _Run()
            continue
        if current.lines and starts(index, current):
            groups.append(current.lines)
            current = _Run()
        current.add(line)
    if current.lines:
        groups.append(current.lines)
    return groups


def _block(lines: list[Line]) -> RefBlock:
    parts = [lines[0].text]
    for previous, line in pairwise(lines):
        # A reference wrapped inside a URL, a DOI or a page range goes on without a space.
        if not previous.text.endswith(("/", "-", "–", "_")):
            parts.append(" ")
        parts.append(line.text)
    return RefBlock(lines[0], "".join(parts), tuple(line.no for line in lines))


# ----------------------------------------------------------------------------- run together

#: Where one reference may end and the next begin inside a block: after a full stop or a
#: closing bracket, before a name with initials ("Akerlof, G.A." / "G. A. Akerlof").
_SENTENCE_BREAK: Final = re.compile(r"(?<=[.)])\s(?=[A-Z])")


#: A stop followed by a name with initials, as :data:`STRONG_START` reads one. Only asked
#: whether there is one: a word's letters are taken possessively (no shorter run of them can
#: be followed by the space or comma that a longer run was not), and a name after initials
#: needs only its first two letters. (Each ". Word" of a title cost a backtrack through the
#: word: 1.45 times slower on the 1 MB list's blocks.)
_NAME_AFTER_STOP: Final = re.compile(
    rf"[.)]\s(?:{_NAME_WORD}+(?:\s{_NAME_WORD}+)?,\s[{_UPPER}]\."
    rf"|(?:[{_UPPER}]\.\s?-?){{1,3}}\s?[{_UPPER}][\w'’\-])"
)


#: Ends that are no reference's end: an initial, "et al.", "eds.", "Ed.", "pp.", "No.".
_ENDS_MID_REFERENCE: Final = re.compile(
    r"(?:\b[A-Z][a-z]?\.|\bal\.|\b(?:[Ee]ds?|pp?|[Nn]o|[Vv]ol)\.)$"
)


#: How far after a reference's start its year must be printed (the author list and the year).
_YEAR_REACH: Final = 300


#: No reference is longer: text that runs on further without a cut is not cut at all.
_LONGEST_REFERENCE: Final = 4000


def _run_together(block: RefBlock, lines: list[Line]) -> list[RefBlock]:
    """``block`` cut where a whole reference ends and another one starts within it
    (references run together in one paragraph, as web pages that lost their line breaks
    print them); the block itself when nothing there reads so."""
    text = block.text
    if len(text) < 2 * _SHORTEST_REFERENCE or _NAME_AFTER_STOP.search(text, 1) is None:
        return [block]  # (one scan rules out most blocks: no name with initials after a stop)
    cuts = [0]
    for match in _SENTENCE_BREAK.finditer(text):
        # Linear time (issue 12): only bounded slices per break; the text since the last
        # cut is read whole only while it is short enough to be one reference.
        start, end, head = cuts[-1], match.start(), text[match.end() : match.end() + _YEAR_REACH]
        if (
            STRONG_START.match(head[:80]) is not None
            and _ENDS_MID_REFERENCE.search(text, max(start, end - 8), end) is None
            and has_year_cue(head)
            and end - start <= _LONGEST_REFERENCE
            and complete_alone(text[start:end])
            and complete_alone(_ahead(text, match.end()))
        ):
            cuts.append(match.end())
    if len(cuts) == 1:
        return [block]
    return [_part(text, lines, start, end) for start, end in pairwise([*cuts, len(text) + 1])]


def _ahead(text: str, start: int) -> str:
    """``text[start:]``, or if that is longer than any reference, its first
    :data:`_LONGEST_REFERENCE` characters up to their last full stop: a bounded read."""
    if len(text) - start <= _LONGEST_REFERENCE:
        return text[start:]
    window = text[start : start + _LONGEST_REFERENCE]
    stop = window.rfind(". ")
    return window[: stop + 1] if stop > 0 else window


def _part(text: str, lines: list[Line], start: int, end: int) -> RefBlock:
    """The reference at ``text[start:end]`` of a block of ``lines``, located where it starts."""
    offsets = _line_offsets(lines)
    first = next(i for i in range(len(lines)) if i + 1 == len(lines) or offsets[i + 1] > start)
    last = next(i for i in range(len(lines)) if i + 1 == len(lines) or offsets[i + 1] >= end - 1)
    line = lines[first]
    shift = start - offsets[first]
    # Only this part of the line: a copy of the rest for each part would be quadratic.
    located = Line(line.no, line.text[shift : end - offsets[first]], line.column + shift)
    numbers = tuple(ln.no for ln in lines[first : last + 1])
    return RefBlock(located, text[start:end].strip(), numbers)


def _line_offsets(lines: list[Line]) -> list[int]:
    """Where each line starts in the block text that :func:`_block` joins from them."""
    offsets = [0]
    for previous in lines[:-1]:
        joint = 0 if previous.text.endswith(("/", "-", "–", "_")) else 1
        offsets.append(offsets[-1] + len(previous.text) + joint)
    return offsets


def _without_bare_number(block: RefBlock) -> RefBlock:
    match = _BARE_NUMBER.match(block.text)
    if match is None:
        return block
    return RefBlock(block.first, block.text[match.end() :], block.line_numbers)


# ----------------------------------------------------------------------------- layout in words


def _describe(
    body: Sequence[Line], grouped: list[RefBlock], blocks: list[RefBlock], numbers: _Numbering
) -> str:
    """The layout the split chose, in words: "one reference a line, numbered [n]"."""
    if not blocks:
        return "no references"
    paragraphs = _paragraph_sizes(body)
    multi_line = sum(1 for block in grouped if len(block.line_numbers) > 1)
    if len(grouped) == 1 and len(blocks) > 1:
        shape = "references run together in one paragraph"
    elif len(paragraphs) >= 2 and len(paragraphs) >= len(grouped) // 2:
        shape = "blank-line separated paragraphs"
    elif multi_line and _is_hanging(body):
        shape = "wrapped with hanging indent"
    elif multi_line:
        shape = "wrapped references"
    else:
        shape = "one reference a line"
    if len(blocks) > len(grouped) and len(grouped) > 1:
        shape += ", some run together"
    if not numbers.starts:
        return f"{shape}, unnumbered"
    kind = "bare numbers" if numbers.kind == "bare" else numbers.kind
    some = " on some lines" if len(numbers.starts) < len(blocks) else ""
    return f"{shape}, numbered {kind}{some}"
