"""Shared mechanics of page text: lines, names, URLs, venues and dates.

Every layout module reads a page as a sequence of :class:`Line` values and keeps only what
is specific to its page; what every page needs (copy-paste damage repair, author
list splitting, URL clean-up, venue -> CSL type, dates printed without a year) lives here.
Every regular expression in this module is linear: no nested quantifiers, no alternation
under a repeat, so pathological lines (100,000 ``|`` or ``.``) cost one pass.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from bibconv._vocab import (
    ET_AL_END,
    is_suffix,
    month_number,
    split_family_given,
    split_given_family,
    venue_type,
)
from bibconv.diagnostics import Diagnostic, Location, warning
from bibconv.keys import assign_ids
from bibconv.model import OTHERS, CslDate, CslItem, CslName, date_parts
from bibconv.protocols import Parsed, Reader, ReadOptions

# ----------------------------------------------------------------------------- lines

# Characters a browser copy leaves behind that mean "space" (no-break, narrow, figure,
# ideographic, ...) and characters that mean nothing at all (zero-width, BOM, soft hyphen).
_SPACES: Final = (
    "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
)
_INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_REPAIRS: Final = {**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE, "")}
_RUNS_OF_SPACE: Final = re.compile(r"  +")
_NEEDS_REPAIR: Final = re.compile(f"[{_SPACES}{_INVISIBLE}]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its 1-based number in the input and its repaired text.

    ``text`` has no-break spaces turned into spaces, zero-width characters removed, runs of
    spaces folded and both ends stripped; ``column`` is the 1-based column where ``text``
    starts in the original line, so diagnostics point at the page as the user sees it.
    """

    no: int
    text: str
    column: int = 1

    def location(self, path: str, offset: int = 0) -> Location:
        """Where character ``offset`` of ``text`` sits in the input."""
        return Location(path, self.no, self.column + offset)

    @property
    def blank(self) -> bool:
        return not self.text


def repair(text: str) -> str:
    """Undo copy-paste damage in one line: odd spaces, invisible characters, space runs."""
    return _RUNS_OF_SPACE.sub(" ", _repaired_characters(text)).strip()


def _repaired_characters(text: str) -> str:
    """Odd spaces made spaces, invisible characters removed. A pattern that skips to them
    replaces them ten times faster than ``str.translate``, which looks up every character
    (0.05 against 0.6 CPU s on a 10 MB list)."""
    if _NEEDS_REPAIR.search(text) is None:
        return text
    return _NEEDS_REPAIR.sub(_repair_character, text)


def _repair_character(match: re.Match[str]) -> str:
    return _REPAIRS[match.group()]


def split_lines(text: str) -> list[Line]:
    """The page as repaired lines, numbered as in the input (CR, CRLF and LF all end lines).

    Blank lines are kept (as ``Line(no, "")``) so numbers stay true; layouts skip them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Repairing the whole text once is many times cheaper than repairing each line; no
    # character it changes is a newline, so the lines are the same.
    text = _repaired_characters(text)
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.lstrip(" ")
        if "  " in stripped:
            stripped = _RUNS_OF_SPACE.sub(" ", stripped)
        lines.append(Line(number, stripped.rstrip(" "), len(raw) - len(raw.lstrip(" ")) + 1))
    return lines


def nonblank(lines: Iterable[Line]) -> list[Line]:
    """The lines that hold text."""
    return [line for line in lines if line.text]


def fold_space(text: str) -> str:
    """White space folded to single spaces, ends stripped (CONVENTIONS: titles, abstracts)."""
    return " ".join(text.split())


# ----------------------------------------------------------------------------- layouts


@dataclass(frozen=True, slots=True)
class Detection:
    """How well a layout fits a page: a score in [0, 1] and the line numbers it rests on."""

    layout: str
    score: float
    evidence: tuple[int, ...] = ()
    detail: str = ""  # what the layout found, for the "detected" note ("numbered [n]")


class LayoutParser(Protocol):
    """A layout module's ``parse``."""

    def __call__(self, lines: Sequence[Line], *, source: str, year: int) -> Parsed: ...


def capture_year(year: int | None) -> int:
    """The year a page was captured: the one given, else this year (CONVENTIONS)."""
    return year if year is not None else datetime.date.today().year


def reader_for(parse: LayoutParser, name: str = "") -> Reader:
    """A format reader (text, options) that runs one layout's ``parse`` on the page."""

    def read(text: str, options: ReadOptions) -> Parsed:
        lines = split_lines(text)
        parsed = parse(lines, source=options.path, year=capture_year(options.year))
        return with_empty_warning(parsed, name, options.path)

    return read


def with_empty_warning(parsed: Parsed, layout: str, path: str) -> Parsed:
    """The result, plus a warning if a layout named by the user found no paper at all."""
    if parsed.items:
        return parsed
    note = warning(
        "page.no-items",
        f"no papers found reading this text as {layout or 'this layout'}; "
        "is it the right layout? (omit --from to detect one)",
        Location(path, 1, 1),
    )
    return Parsed(parsed.items, [*parsed.diagnostics, note])


# ----------------------------------------------------------------------------- names

# "et al." endings are looked for only in the last few characters of a list (so the check
# is constant-time even on a pathological line).
_ET_AL_TAIL: Final = 16
# Separators between names; "and"/"&" count as commas ("A, B, and C" -> three names).
_AND: Final = re.compile(r",? (?:and|&) |&|;")


def split_name(printed: str) -> CslName:
    """A name printed "Given Family" -> CSL name object (``_vocab.split_given_family``)."""
    return split_given_family(fold_space(printed))


def split_name_family_first(printed: str) -> CslName:
    """A name printed "Family, Given" (or "von Family, Jr., Given") -> CSL name object."""
    return split_family_given(printed)


def strip_et_al(text: str) -> tuple[str, bool]:
    """The author list without a trailing "et al." (or "and others"), and whether it had one."""
    text = fold_space(text)
    tail_start = max(0, len(text) - _ET_AL_TAIL)
    match = ET_AL_END.search(text, tail_start)
    if match is None:
        return text, False
    return text[: match.start()].rstrip(" ,;"), True


def has_et_al(text: str) -> bool:
    """True if an author list ends with "et al." (or "and others")."""
    return strip_et_al(text)[1]


def split_authors(printed: str) -> list[CslName]:
    """A printed author list ("A B, C D and E F et al.") -> CSL names in printed order.

    Separators are commas, semicolons, "and" and "&"; a trailing "et al." becomes
    ``{"literal": "others"}`` (CONVENTIONS, the pandoc convention).
    """
    body, cut_off = strip_et_al(printed)
    names: list[CslName] = []
    for part in (p.strip() for p in _AND.sub(",", body).split(",")):
        if is_suffix(part) and names and "suffix" not in names[-1]:
            names[-1]["suffix"] = part  # "John Smith, Jr., Ann Lee"
        elif part:
            names.append(split_name(part))
    if cut_off:
        names.append(dict(OTHERS))  # type: ignore[arg-type]
    return names


def looks_like_name(text: str, *, capitalised: bool = True) -> bool:
    """True for a short line that could be one printed personal name ("Jean-Luc Gauvain").

    Two to six words, no digits, no sentence punctuation; each word starts with a letter
    and the last one is capitalised (particles before it may be lowercase). With
    ``capitalised=False`` an all-lowercase name ("danah boyd") passes too: for a line whose
    place already says it is a name.
    """
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    if any(ch in text for ch in ':;!?()[]{}|@/\\"=+*#%<>'):
        return False
    words = text.split(" ")
    if not 1 <= len(words) <= 6:
        return False
    if not all(word[:1].isalpha() for word in words):
        return False
    return words[-1][:1].isupper() or not capitalised


# A name glued after a sentence's last stop: "...in the wild.Xiaojun Quan" (two pages pasted
# without a newline). Looked for in the last few characters only.
_GLUED_NAME: Final = re.compile(r"(?<=[.!?)a-z])[A-Z][^\s.!?]*(?: [^\s!?]+){0,5}$")
_GLUED_TAIL: Final = 80


def split_glued_name(text: str) -> tuple[str, str] | None:
    """``("...in the wild.", "Xiaojun Quan")`` if a personal name ends ``text`` glued on.

    The name must follow a stop or a lowercase letter with no space between ("wild.Xiaojun
    Quan", "the wildXiaojun Quan" when the page cut the abstract mid-word). Callers use this
    only where the next line shows that a new page starts.
    """
    start = max(0, len(text) - _GLUED_TAIL)
    for match in _GLUED_NAME.finditer(text, start):
        if looks_like_name(match.group()):
            return text[: match.start()], match.group()
    return None


def drop_glued_name(line: Line, source: str, diags: list[Diagnostic], who: str) -> Line:
    """``line`` without a next page's owner name glued to its end, with a located warning.

    ``who`` names what the name is in the message ("page owner", "profile owner").
    """
    glued = split_glued_name(line.text)
    if glued is None:
        return line
    head, name = glued
    diags.append(
        warning(
            "page.glued-text",
            f"{who} {name!r} glued to the end of this line; dropped",
            line.location(source, len(head)),
        )
    )
    return Line(line.no, head, line.column)


# ----------------------------------------------------------------------------- URLs

# A URL starts at a scheme or "www." and runs to white space; LaTeX and HTML remnants are
# cut off afterwards by `clean_url` (one pass, no backtracking).
_URL: Final = re.compile(r"(?:https?|ftp)://[^\s<>\"]*|\bwww\.[^\s<>\"]*", re.I)
#: What a URL without "://" must hold ("www." in any case): a quick test before the others.
_MAYBE_WWW: Final = re.compile(r"[wW][wW][wW]\.")
# LaTeX URL commands whose argument was cut off before "://": `\url{http`, `\href{ht`.
_CUT_LATEX_URL: Final = re.compile(r"\\(?:url|href)\{([^}\s]*)$")
# A Markdown link whose target is a URL; the target may hold balanced parentheses
# (Wikipedia's `Foo_(bar)`) and an optional "title".
_MARKDOWN_LINK: Final = re.compile(
    r"\[[^\[\]\n]{0,1000}\]\(<?(?P<target>(?:https?|ftp)://[^\s()<>\"]*"
    r"(?:\([^\s()<>\"]*\)[^\s()<>\"]*)*)>?(?:\s+\"[^\"\n]*\")?\)",
    re.I,
)
_TRAILING_PUNCT: Final = ".,;:!?'\"*"
_PAIRS: Final = {")": "(", "]": "[", "}": "{", ">": "<"}


@dataclass(frozen=True, slots=True)
class UrlHit:
    """A URL found in a text: cleaned, where it starts, and whether it was usable."""

    url: str
    offset: int
    truncated: bool = False
    raw: str = field(default="", compare=False)


def clean_url(raw: str) -> str:
    """A printed URL without trailing punctuation, unopened brackets or LaTeX remnants.

    ``https://x.org/a{link text}.`` -> ``https://x.org/a``; ``https://x.org/a}.`` ->
    ``https://x.org/a``; ``(see https://x.org/a)`` keeps no ``)``.
    """
    # Braces and backslashes never belong to a URL we print; they are `\url{...}`,
    # `\href{url}{text}` or `\footnote{...}` remnants, so the URL ends at the first one.
    for stop in "{}\\":
        cut = raw.find(stop)
        if cut != -1:
            raw = raw[:cut]
    while raw:
        last = raw[-1]
        unopened = last in _PAIRS and raw.count(last) > raw.count(_PAIRS[last])
        if last in _TRAILING_PUNCT or unopened:
            raw = raw[:-1]
        else:
            break
    return raw


def _hit(raw: str, offset: int) -> UrlHit:
    cleaned = clean_url(raw)
    return UrlHit(cleaned, offset, _is_cut_off(cleaned), raw)


def _is_cut_off(url: str) -> bool:
    """True for a URL the page cut short: no host, or a host without a dot."""
    rest = url.split("://", 1)[1] if "://" in url else url
    host = rest.split("/", 1)[0]
    return "." not in host or host.endswith(".") or host.startswith(".")


def find_urls(text: str) -> list[UrlHit]:
    """Every URL printed in ``text``, in order, cleaned; cut-off ones are marked truncated.

    A Markdown link (``[text](url)``, ``[url](url)``) gives its target once: the URL
    pattern alone would read ``url](url`` as one URL.
    """
    if "://" not in text and "{" not in text and not _MAYBE_WWW.search(text):
        return []  # (most reference texts: no pattern below can match, none is run)
    hits: list[UrlHit] = []
    links: list[tuple[int, int]] = []
    if "](" in text:
        for link in _MARKDOWN_LINK.finditer(text):
            links.append(link.span())
            hits.append(_hit(link.group("target"), link.start("target")))
    for match in _URL.finditer(text):
        if not any(start <= match.start() < end for start, end in links):
            hits.append(_hit(match.group(), match.start()))
    hits.sort(key=lambda hit: hit.offset)
    latex = _CUT_LATEX_URL.search(text)
    if latex is not None and "://" not in latex.group(1):
        hits.append(UrlHit("", latex.start(), True, latex.group()))
    return hits


def urls_of(
    text: str, line: Line, path: str, diagnostics: list[Diagnostic], *, offset: int = 0
) -> list[str]:
    """The usable URLs in ``text`` (which starts at ``offset`` of ``line``), in order.

    Cut-off URLs are dropped with a located ``page.url-truncated`` warning.
    """
    urls: list[str] = []
    for hit in find_urls(text):
        if hit.truncated:
            diagnostics.append(
                warning(
                    "page.url-truncated",
                    f"URL cut off ({hit.raw!r}), dropped",
                    line.location(path, offset + hit.offset),
                )
            )
        elif hit.url not in urls:
            urls.append(hit.url)
    return urls


# ----------------------------------------------------------------------------- venues


def is_venue_line(text: str) -> bool:
    """True if a line reads like a venue (journal, proceedings, findings, workshop...).

    Venue lines name a venue and are not sentences: they do not end with a full stop and
    are short. Titles may use the same words, so layouts also check where a line stands.
    """
    if not text or text.endswith(".") or word_count(text) > 40:
        return False
    return venue_type(text) is not None


_YEAR_IN_TEXT: Final = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def year_in(text: str) -> int | None:
    """The first plausible four-digit year printed in ``text``."""
    match = _YEAR_IN_TEXT.search(text)
    return int(match.group(1)) if match else None


# ----------------------------------------------------------------------------- dates

_MONTH_WORD: Final = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]{0,6}\.?"
#: "Jun 28, 2022", "Jun 2", "June 2 2022", "Mar 2024": month first, day and year optional.
DATE_MD_Y: Final = re.compile(
    rf"(?P<month>{_MONTH_WORD})(?:\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s(?P<year>\d{{4}}))?"
)
#: "28 June 2022", "2 Jun": day first.
DATE_D_MY: Final = re.compile(
    rf"(?P<day>\d{{1,2}})\s(?P<month>{_MONTH_WORD})(?:,?\s(?P<year>\d{{4}}))?"
)
_ISO_DATE: Final = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?")


def parse_date(text: str, *, year: int) -> CslDate | None:
    """A date printed on its own ("Jun 28, 2022", "Jun 2", "2 June 2022", "2024-03-17").

    The whole of ``text`` must be the date. A date printed without a year belongs to the
    capture ``year`` (CONVENTIONS). The result has exactly the printed precision.
    """
    text = text.strip()
    for pattern in (DATE_MD_Y, DATE_D_MY, _ISO_DATE):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["month"]) if parts["month"].isdecimal() else month_number(parts["month"])
        if month is None or not 1 <= month <= 12:
            continue
        day = int(parts["day"]) if parts.get("day") else None
        if day is not None and not 1 <= day <= 31:
            continue
        printed_year = int(parts["year"]) if parts.get("year") else year
        return date_parts(printed_year, month, day)
    return None


def iso_date(date: CslDate) -> str:
    """``2026-03-17`` (or ``2026-03``, ``2026``) for a date with numeric parts."""
    parts = date.get("date-parts", [[]])[0]
    return "-".join(f"{int(part):0{4 if n == 0 else 2}d}" for n, part in enumerate(parts))


def year_only(year: int) -> CslDate:
    """``{"date-parts": [[year]]}``."""
    return date_parts(year)


# ----------------------------------------------------------------------------- words


def word_count(text: str) -> int:
    """Number of space-separated words."""
    return text.count(" ") + 1 if text else 0


def looks_like_prose(text: str, *, min_words: int = 25) -> bool:
    """True for a line that reads like an abstract: long, or several sentences."""
    words = word_count(text)
    if words >= min_words:
        return True
    return words >= 8 and (". " in text or text.endswith(".")) and not text.endswith(")")


#: Buttons and links any listing may print between or after its papers.
COMMON_CHROME: Final = frozenset(
    {"Load more", "Show more", "Show all", "See more", "See all", "View all", "Back to top"}
)


def looks_like_abstract(text: str) -> bool:
    """True for a line that can open an abstract: a sentence, or at least six words.

    Keeps a short chrome line ("Load more", "Fix data") after a last paper without an
    abstract from becoming that paper's abstract.
    """
    if text in COMMON_CHROME or is_site_footer(text):
        return False
    return word_count(text) >= 6 or (word_count(text) >= 2 and text.endswith((".", "!", "?")))


def is_site_footer(text: str) -> bool:
    """True for a site footer's copyright line ("© 2026 ...", "ACL materials are Copyright ©
    1963-2026 ACL; ..."): page chrome that ends the page's papers, never an abstract."""
    return "©" in text[:80]


def continues_abstract(text: str) -> bool:
    """True for a line after an abstract's first line that is still part of that abstract.

    Further prose is a second paragraph, and a short line holding a link ("Code:
    https://...") is the abstract's last paragraph: titles and page chrome hold no URL, and
    dropping the line would lose the item's code link.
    """
    if is_site_footer(text):
        return False
    return looks_like_prose(text) or "://" in text


# ----------------------------------------------------------------------------- items


def build_item(
    *,
    csl_type: str,
    title: str,
    authors: list[CslName] | None = None,
    issued: CslDate | None = None,
    container: str | None = None,
    urls: Sequence[str] = (),
    abstract: str | None = None,
    custom: dict[str, Any] | None = None,
) -> CslItem:
    """One page item with its fields in the order every layout prints them.

    ``id`` comes first and stays empty until :func:`finish` assigns the keys; the first URL
    is ``URL`` and any further ones go to ``custom["urls"]`` (CONVENTIONS).
    """
    item: CslItem = {"id": "", "type": csl_type, "title": fold_space(title)}
    if authors:
        item["author"] = authors
    if issued is not None:
        item["issued"] = issued
    if container:
        item["container-title"] = fold_space(container)
    if urls:
        item["URL"] = urls[0]
    if abstract:
        item["abstract"] = fold_space(abstract)
    extra: dict[str, Any] = dict(custom or {})
    if len(urls) > 1:
        extra["urls"] = list(urls[1:])
    if extra:
        item["custom"] = extra
    return item


def finish(items: list[CslItem], diagnostics: list[Diagnostic]) -> Parsed:
    """The layout's result, with deterministic citation keys assigned in page order."""
    assign_ids(items)
    return Parsed(items, diagnostics)
