"""RIS: reader and writer around one tag table (``TAG_MAP``) and one type table (``TYPES``).

Reading happens in two stages: :func:`scan` turns lines into records of located tag
fields (tolerating a missing ``ER``, text outside records, wrong spacing, continuation
lines, CRLF and a BOM), then :func:`map_record` turns one record into a CSL item through
``TAG_MAP``. Tags with no CSL home go to ``custom["ris"]`` and are written back.

The writer uses the same table in the other direction. CSL variables with no RIS tag,
and values a tag cannot hold exactly (a date range, a name particle), are found by
reading its own record back; each gets a ``ris.cannot-hold`` note, and with
``WriteOptions.lossless`` a free ``N1`` line ``csl.<variable>: <value>``
(``custom.<key>: <value>`` for ``custom``) which the reader turns back into the field, so
``csl -> ris -> csl`` keeps everything. By default those lines are left out: reference
managers would import them as notes. A value is written as plain text
when it is a one-line string that is not itself valid JSON, else as JSON.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, cast

from bibconv import _json
from bibconv._vocab import DOI_VALUE, ET_AL_WORDS, MONTHS, SEASONS, is_suffix, strip_doi_resolver
from bibconv.diagnostics import (
    Diagnostic,
    Location,
    ParseError,
    Severity,
    error,
    info,
    warning,
)
from bibconv.formats._ris_tables import (
    LINK_LIST_TAGS,
    PROCITE_NOTE_TAGS,
    TAG_ROWS,
    Row,
)
from bibconv.formats._ris_tables import PROSE_TAGS as PROSE_TAGS
from bibconv.formats._ris_tables import TYPES as TYPES
from bibconv.formats._ris_tables import UNMAPPED_STANDARD_TAGS as UNMAPPED_STANDARD_TAGS
from bibconv.keys import base_key, unique_key
from bibconv.losses import comparable
from bibconv.model import OTHERS, CslDate, CslItem, CslName
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "ris"

# ----------------------------------------------------------------------------- types

#: What an unknown RIS type reads as, and what a CSL type with no RIS type writes as
#: (with ``N1 csl.type: <type>``, when lossless, so that bibconv reads the real type back).
FALLBACK_RIS_TYPE: Final = "GEN"
FALLBACK_CSL_TYPE: Final = "document"
RIS_TO_CSL_TYPE: Final[dict[str, str]] = dict(TYPES)
CSL_TO_RIS_TYPE: Final[dict[str, str]] = {}
for _ris_type, _csl_type in TYPES:
    CSL_TO_RIS_TYPE.setdefault(_csl_type, _ris_type)


# ----------------------------------------------------------------------------- fields


class Field(NamedTuple):
    """One tag line (with its continuation lines) of a record."""

    tag: str
    value: str
    location: Location | None = None


class Mapped(NamedTuple):
    """What one ``TAG_MAP`` row made of its tag's fields."""

    value: Any  # the variable's new value; None leaves it unset
    rejected: list[Field]  # fields the variable could not take: kept in custom["ris"]
    problems: list[Diagnostic]


ToCsl = Callable[[Sequence[Field], Any], Mapped]  # (fields, current value) -> Mapped
FromCsl = Callable[[Any], list[str]]  # CSL value -> tag values (one line each)


class Tag(NamedTuple):
    """One row of ``TAG_MAP``: a RIS tag, its CSL variable, and the two conversions.

    ``only``/``never`` limit a row to some RIS types (a tag's meaning can depend on the
    type: ``T2`` of a ``BOOK`` is its series); empty means every type. An empty
    ``variable`` keeps the tag in ``custom.ris`` for those types. ``cascade`` and
    ``backup`` are :class:`bibconv.formats._ris_tables.Row`'s.
    """

    tag: str
    variable: str
    to_csl: ToCsl
    from_csl: FromCsl | None  # None: a synonym that is read but never written
    only: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()
    cascade: bool = False
    backup: bool = False

    def applies(self, ris_type: str) -> bool:
        return (not self.only or ris_type in self.only) and ris_type not in self.never


#: Tags whose continuation lines are list items (Zotero keeps their line breaks too).
LIST_TAGS: Final = LINK_LIST_TAGS | {"KW"}
_ENTITY: Final = re.compile(r"&(?:#\d+|#x[\da-fA-F]+|[A-Za-z][A-Za-z\d]*);")


def _collapse(field: Field) -> str:
    """A field's text; line breaks survive only in prose tags (and unknown ones).

    Outside prose, HTML character references (``Caf&eacute;``, which publishers' RIS
    has) are decoded, as Zotero does for every tag but ``N1``, ``AB`` and ``RN``.
    """
    text = field.value
    if field.tag in PROSE_TAGS or field.tag not in _MAPPED_TAGS:
        return text
    if "\n" in text:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def _text_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """A single-valued text: the first value wins; different further values are kept aside."""
    texts = [(f, _collapse(f)) for f in fields]
    value = current if current is not None else texts[0][1]
    rejected = [f for f, text in texts if text != value]
    return Mapped(value, rejected, [])


def _text_from_csl(value: Any) -> list[str]:
    return [str(value)]


def _joined_to_csl(separator: str) -> ToCsl:
    """A multi-valued tag whose CSL variable is one string (SN -> ISBN)."""

    def to_csl(fields: Sequence[Field], current: Any) -> Mapped:
        texts = [_collapse(f) for f in fields]
        if current is not None:
            texts.insert(0, str(current))
        return Mapped(separator.join(texts), [], [])

    return to_csl


# Keywords, links, notes ----------------------------------------------------------------

_LIST_SEPARATOR: Final = re.compile(r"\s*[;\n]\s*")


def _keywords_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """``KW`` lines, each a list split at ``;`` and line breaks, make one ``keyword``.

    CSL's ``keyword`` is one string; bibconv joins keywords with ``, `` (and the writer
    splits there again), so ``KW  - a; b`` and two ``KW`` lines read the same.
    """
    words = [str(current)] if current is not None else []
    for f in fields:
        for word in _LIST_SEPARATOR.split(f.value):
            word = html.unescape(word) if _ENTITY.search(word) else word
            if word.strip():
                words.append(" ".join(word.split()))
    return Mapped(", ".join(words) if words else current, [], [])


def _keywords_from_csl(value: Any) -> list[str]:
    return [k.strip() for k in str(value).split(",") if k.strip()]


def split_links(text: str) -> list[str]:
    """The links in one ``UR``/``L1``-``L4`` value: one a line, or split at ``;``.

    White space separates links too when every piece is a URL (``http://a http://b``);
    a file path with a space in it stays whole.
    """
    links: list[str] = []
    for piece in _LIST_SEPARATOR.split(text.strip()):
        words = piece.split()
        if len(words) > 1 and all("://" in word for word in words):
            links.extend(words)
        elif piece:
            links.append(piece)
    return links


def _links_of(fields: Sequence[Field]) -> list[Field]:
    """One field per link, each at its tag's location."""
    return [f._replace(value=link) for f in fields for link in split_links(f.value)]


def _urls_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """``URL`` is the first link; further links are kept in ``custom`` (in order)."""
    links = _links_of(fields)
    if not links:
        return Mapped(current, [], [])
    value = current if current is not None else links[0].value
    return Mapped(value, [f for f in links if f.value != value], [])


_HTML_TAG: Final = re.compile(
    r"</?(?:p|div|span|a|em|strong|ul|ol|li|h[1-6]|blockquote|pre|code|u|font)\b[^<>]*>"
    r"|<br\s*/?>|</?(?:i|b|sup|sub)>",
    re.IGNORECASE,
)
_BLOCK_END: Final = re.compile(r"</(?:p|div|h[1-6]|blockquote|pre|li)>|<br\s*/?>", re.I)
_KEPT_MARKUP: Final = re.compile(r'</?(?:i|b|sup|sub)>|<span class="nocase">.*?</span>', re.I)


def html_to_text(text: str) -> str:
    """Zotero's HTML notes (``<p>..</p>``, ``<br/>``, ``&amp;``) as CSL text.

    Paragraphs become blank-line breaks, ``<br>`` a line break; the markup CSL keeps
    (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span class="nocase">``) stays, other
    tags go, and character references are decoded. Text with no HTML is returned as is.
    """
    if not _HTML_TAG.search(text) and not _ENTITY.search(text):
        return text
    text = text.replace("\r\n", "\n")
    text = _BLOCK_END.sub(lambda m: "\n" if m.group().lower().startswith("<br") else "\n\n", text)
    text = re.sub(r"<(em|strong)\b[^>]*>", lambda m: "<i>" if m[1] == "em" else "<b>", text)
    text = re.sub(r"</(em|strong)>", lambda m: "</i>" if m[1] == "em" else "</b>", text)
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"\x00{len(kept) - 1}\x00"

    text = _KEPT_MARKUP.sub(hold, text)
    text = html.unescape(_HTML_TAG.sub("", text))
    text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_ABSTRACT_LABEL: Final = re.compile(
    r"(?:Abstract|ABSTRACT|Summary|SUMMARY)(?:[:.]\s*|\s+)(?=[A-Z])"
)


def _prose_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """Prose (``AB``, ``RN``): the first value, its HTML (if any) as text."""
    cleaned = [f._replace(value=html_to_text(f.value)) for f in fields]
    return _text_to_csl(cleaned, current)


def _abstract_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """An abstract without the label some publishers start it with (Wiley: ``Abstract We``)."""
    return _prose_to_csl(
        [f._replace(value=_ABSTRACT_LABEL.sub("", f.value, 1)) for f in fields], current
    )


def _note_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """``N1`` (repeated) makes one ``note``, joined with line breaks; HTML as text."""
    texts = [str(current)] if current is not None else []
    texts += [html_to_text(f.value) for f in fields]
    return Mapped("\n".join(texts), [], [])


# Names ------------------------------------------------------------------------------

#: ``A. B. Smith`` (IEEE Xplore writes names given name first): initials, then the rest.
_INITIALS_FIRST: Final = re.compile(
    r"([A-Z]\.(?:(?: +| *- *)[A-Z]\.)*) +((?:(?:van|von|der|den|de|la|le|du|da|di|del) )*"
    r"[A-Z][^\s.]+(?: [A-Z][^\s.]+)?)"
)
#: ``Claude E. Shannon`` (JSTOR writes names given name first): a given name and
#: middle initials make a person, however the family name is spelled.
_GIVEN_INITIALS_FAMILY: Final = re.compile(
    r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z]\.)+) ((?:(?:van|von|der|den|de|la|le|du|da|di) )*"
    r"[A-Z][^\s.]+(?:-[A-Z][^\s.]+)?)"
)
#: ``Smith JA`` (MEDLINE's form, in Ovid and PubMed-derived RIS): a family name of up to
#: three words with a lower-case letter, then up to three capital initials.
_FAMILY_INITIALS: Final = re.compile(r"(\S*[a-z]\S*(?: \S+){0,2}) ([A-Z]{1,3})")


def parse_name(text: str) -> CslName | None:
    """``Family, Given, Suffix`` (RIS); text without a comma is a literal (a body, a group).

    Two comma-less shapes that exporters write for people are read as people:
    ``A. B. Smith`` (IEEE Xplore) and ``Smith AB`` (MEDLINE), the latter with its
    initials spelled ``A. B.``. ``others`` (or ``et al.``) is the "et al." marker.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if "," not in text:
        return _name_without_comma(text)
    parts = [p.strip() for p in text.split(",", 2)]
    if len(parts) == 3 and is_suffix(parts[1]) and not is_suffix(parts[2]):
        parts = [parts[0], parts[2], parts[1]]  # "King, Jr., Martin Luther" (BibTeX's order)
    name: CslName = {}
    if parts[0]:
        name["family"] = parts[0]
    if parts[1]:
        name["given"] = parts[1]
    if len(parts) == 3 and parts[2]:
        name["suffix"] = parts[2]
    return name or None


def _name_without_comma(text: str) -> CslName:
    if text.lower() in ET_AL_WORDS:
        return OTHERS.copy()
    initials_first = _INITIALS_FIRST.fullmatch(text) or _GIVEN_INITIALS_FAMILY.fullmatch(text)
    if initials_first:
        return {"family": initials_first[2], "given": " ".join(initials_first[1].split())}
    family_initials = _FAMILY_INITIALS.fullmatch(text)
    if family_initials:
        given = " ".join(f"{letter}." for letter in family_initials[2])
        return {"family": family_initials[1], "given": given}
    return {"literal": text}


def format_name(name: CslName) -> str:
    """The RIS form of a name; parts RIS has no place for are folded in as printed."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    parts = [family, given, *([name["suffix"]] if name.get("suffix") else [])]
    # "Smith," (family alone) and ", Plato" (given alone) read back as what they were.
    return ", ".join(parts).rstrip() if any(parts) else ""


def _names_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """One name a line; a line with ``;`` holds several (``Smith, J; Doe, K``).

    A synonym tag that repeats names already read (ACM writes each author as ``AU``
    and again as ``A1``) adds nothing.
    """
    names: list[CslName] = []
    problems = []
    for f in fields:
        for piece in _collapse(f).split(";"):
            name = parse_name(piece)
            if name is not None:
                names.append(name)
            elif ";" not in f.value:
                problems.append(warning("ris.empty-name", f"empty name in '{f.tag}'", f.location))
    known: list[CslName] = list(current or [])
    if known and all(name in known for name in names):
        return Mapped(known, [], problems)
    return Mapped([*known, *names] or None, [], problems)


def _names_from_csl(value: Any) -> list[str]:
    names = value if isinstance(value, list) else []
    texts = [format_name(cast(CslName, n)) for n in names if isinstance(n, dict)]
    return [t for t in texts if t]


# Dates ------------------------------------------------------------------------------

#: ``YYYY/MM/DD/other`` with everything after the year optional (``1999``, ``1999///``,
#: ``2019//``, ``1990/2/27``), the form of the specification and of most exporters.
_SLASH_DATE: Final = re.compile(r"(\d{4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?")
_ISO_DATE: Final = re.compile(
    r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ](\d[\d:.]*(?:Z|[+-][\d:]+)?))?"
)
_DATE_TOKEN: Final = re.compile(r"[A-Za-z]+|\d+|[-–/]")


class _DateReading(NamedTuple):
    """A date as read: ``parts`` are the start (and end) ``[year, month, day]`` lists;
    ``year`` 0 when the text had none (EndNote's ``DA  - May 13`` next to ``PY``)."""

    parts: list[list[int]]
    season: str = ""
    other: str = ""  # text after the date with no CSL home (a time)


def _read_date(text: str) -> _DateReading | None:
    """Every date shape seen in RIS files, or None; see :func:`parse_date`."""
    text = text.strip().rstrip(".")
    slash = _SLASH_DATE.fullmatch(text)
    if slash:
        return _numeric_date(*slash.groups())
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        return _numeric_date(iso[1], iso[2], iso[3], iso[4])
    return _worded_date(text)


def _numeric_date(
    year: str, month: str | None, day: str | None, other: str | None
) -> _DateReading | None:
    month, day, other = (month or "").strip(), (day or "").strip(), (other or "").strip()
    if month and month.strip("0") == "":  # "2005/00/00/": exporters' zero for "unknown"
        month = day = ""
    elif day and day.strip("0") == "":
        day = ""
    if day and not month:
        return None
    parts = [int(year), *(int(p) for p in (month, day) if p)]
    if not _valid(parts):
        return None
    season = ""
    if other.lower() in SEASONS:
        season, other = other, ""
    elif other and len(parts) == 1:  # "1999///May 13": the month and day in words
        words = _worded_date(other)
        if words is not None and words.parts[0][0] == 0 and len(words.parts) == 1:
            parts, season, other = [int(year), *words.parts[0][1:]], words.season, ""
    return _DateReading([parts], season, other)


def _valid(parts: list[int]) -> bool:
    month_ok = len(parts) < 2 or 1 <= parts[1] <= 12
    return month_ok and (len(parts) < 3 or 1 <= parts[2] <= 31)


def _worded_date(text: str) -> _DateReading | None:
    """``May 2004``, ``13 May 2004``, ``May 13, 2004``, ``2004 May 13``, ``Spring 2004``,
    ``2004 Jan-Feb``, ``15-18 July 2019``, ``2003-2004``, and without a year ``JAN`` or
    ``May 13`` (year 0: it comes from another tag)."""
    years: list[int] = []
    months: list[int] = []
    days: list[int] = []
    season = ""
    for token in _DATE_TOKEN.findall(text):
        low = token.lower().rstrip(".")
        if token.isdigit() and len(token) == 4:
            years.append(int(token))
        elif token.isdigit() and len(token) <= 2:
            days.append(int(token))
        elif low in MONTHS:
            months.append(MONTHS[low])
        elif low in SEASONS and not season:
            season = token
        elif token not in "-–/" or not token:
            return None
    if re.sub(r"[\w\s.,/–-]", "", text) or len(years) > 2 or len(months) > 2 or len(days) > 2:
        return None
    if not months and (days or (not years and not season)):
        return None  # "12 2004" or nothing at all
    if season and (months or days):
        return None
    count = max(len(years), len(months), len(days), 1)
    if count == 2 and len(years) == 2 and (months or days):
        return None  # "Jan 2003 - Feb 2004" and the like: not in RIS files
    starts: list[list[int]] = []
    for i in range(count):
        year = years[min(i, len(years) - 1)] if years else 0
        parts = [year]
        if months:
            parts.append(months[min(i, len(months) - 1)])
            if days:
                parts.append(days[min(i, len(days) - 1)])
        if not _valid(parts):
            return None
        starts.append(parts)
    if len(starts) == 2 and starts[0] == starts[1]:
        starts = starts[:1]
    return _DateReading(starts, season)


def parse_date(text: str) -> tuple[CslDate, str]:
    """A RIS date -> (CslDate, problem); problem is "" if fine.

    Read: ``YYYY/MM/DD/other`` (any part after the year empty or ``0``), ISO
    ``YYYY-MM-DD``, and dates in words (``May 2004``, ``2004 May 13``, ``15-18 July
    2019`` as a range). ``other`` is kept as the date's season when it names one; any
    other text there (a time, say) has no CSL home and is reported. Text that is no
    date is kept as ``{"raw": ...}``; a date without a year is reported too.
    """
    text = text.strip()
    reading = _read_date(text)
    if reading is None:
        return {"raw": text}, f"expected a date 'YYYY/MM/DD/other', found {text!r}"
    if reading.parts[0][0] == 0:
        return {"raw": text}, f"date {text!r} has no year (and no other tag gives one)"
    return _csl_date(reading), _other_problem(reading)


def _csl_date(reading: _DateReading) -> CslDate:
    date: CslDate = {"date-parts": cast(Any, [list(p) for p in reading.parts])}
    if reading.season:
        date["season"] = reading.season
    return date


def _other_problem(reading: _DateReading) -> str:
    if not reading.other:
        return ""
    return f"text after the date ({reading.other!r}, a time?) has no CSL home: not kept"


def looks_like_date(text: str) -> bool:
    """``text`` is a whole date with a year (an EndNote ``ET`` "Epub Date", say)."""
    reading = _read_date(text)
    return reading is not None and reading.parts[0][0] != 0 and not reading.other


def _date_parts(date: Any) -> list[Any] | None:
    """The single date-parts list of a plain (non-range) date, else None."""
    if not isinstance(date, dict) or set(date) - {"date-parts", "season"}:
        return None
    parts = date.get("date-parts")
    if not isinstance(parts, list) or len(parts) != 1 or not parts[0]:
        return None
    return cast(list[Any], parts[0])


def _dates_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    value, rejected, problems = current, [], []
    for f in fields:
        text = _collapse(f)
        reading = _read_date(text)
        if reading is not None and reading.parts[0][0] == 0:
            reading = _with_year_of(value, reading)
        if reading is None or reading.parts[0][0] == 0:
            date, problem = parse_date(text)
        else:
            date, problem = _csl_date(reading), _other_problem(reading)
        if problem and "raw" not in date:  # a readable date with extra text after it
            problems.append(info("ris.date-other", problem, f.location))
        elif problem:
            problems.append(warning("ris.date", problem, f.location))
        if value is None:
            value = date
            continue
        merged = _merge_dates(value, date)
        if merged is None:
            rejected.append(f)
        else:
            value = merged
    return Mapped(value, rejected, problems)


def _with_year_of(date: Any, reading: _DateReading) -> _DateReading | None:
    """A date without a year (``DA  - May 13``) takes the year of ``date`` (``PY``)."""
    parts = _date_parts(date)
    if not parts or not isinstance(parts[0], int):
        return None
    year = parts[0]
    return reading._replace(parts=[[year, *p[1:]] for p in reading.parts])


def _merge_dates(old: Any, new: Any) -> Any:
    """The more precise of two dates that agree (PY 2020 + DA 2020/05/03), else None.

    A range agrees with a date that is a prefix of its start (PY 2019 + Y1 15-18 July
    2019) and wins over it.
    """
    a, b = _date_parts(old), _date_parts(new)
    if a is None or b is None:
        return _merge_range(old, new)
    short, long_ = sorted((a, b), key=len)
    if comparable(long_[: len(short)]) != comparable(short):
        return None
    best = new if len(b) > len(a) else old
    if "season" in old or "season" in new:
        best = {**best, "season": old.get("season") or new.get("season")}
    return best


def _merge_range(old: Any, new: Any) -> Any:
    if comparable(old) == comparable(new):
        return old
    for plain, ranged in ((old, new), (new, old)):
        parts = _date_parts(plain)
        starts = ranged.get("date-parts") if isinstance(ranged, dict) else None
        if (
            parts
            and isinstance(starts, list)
            and starts
            and isinstance(starts[0], list)
            and comparable(starts[0][: len(parts)]) == comparable(parts)
        ):
            return ranged
    return None


def _ris_date(date: Any) -> str:
    """``YYYY/MM/DD/other`` for the first date of ``date`` (a range keeps its start)."""
    if not _plain_date(date) or not date["date-parts"][0]:
        return ""
    parts = date["date-parts"][0]
    year, month, day = [*parts, None, None][:3]
    season = str(date.get("season") or "")
    if month is None and not season:
        return str(year)
    month_text = f"{int(month):02d}" if str(month).isdigit() else ""
    day_text = f"{int(day):02d}" if day is not None and str(day).isdigit() else ""
    return f"{year}/{month_text}/{day_text}/{season}"


def _year_from_csl(date: Any) -> list[str]:
    parts = (date.get("date-parts") or [[]])[0] if isinstance(date, dict) else []
    return [str(parts[0])] if parts else []


def _full_date_from_csl(date: Any) -> list[str]:
    """DA only when the date says more than its year (PY has the year)."""
    text = _ris_date(date)
    return [text] if text and "/" in text else []


def _date_from_csl(date: Any) -> list[str]:
    text = _ris_date(date)
    return [text] if text else []


def _plain_date(date: Any) -> bool:
    """A date RIS can carry at all: date-parts (a literal goes to an ``N1 csl.*`` note)."""
    return isinstance(date, dict) and bool(date.get("date-parts"))


# Pages, ISBN/ISSN, DOI ------------------------------------------------------------------

_RANGE_DASH: Final = re.compile(r"\s*[-‐‑‒–—]+\s*")


_PAGE_LABEL: Final = re.compile(r"\A(?:pp?|pages?)(?:\.\s*|\s+)(?=[A-Za-z]?\d|[ivxlc]+\b)", re.I)


def _page_start_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """SP without the ``pp.`` some exporters put before the pages."""
    unlabelled = [f._replace(value=_PAGE_LABEL.sub("", f.value.strip(), count=1)) for f in fields]
    return _text_to_csl(unlabelled, current)


def _page_end_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """EP completes the range SP started, with a hyphen as the BibTeX reader gives ``--``.

    When SP already holds the whole range (``SP  - 12-20``), an EP equal to its end
    says nothing new and is dropped; a different EP is kept aside.
    """
    end = _collapse(fields[0])
    if current is None:
        return Mapped(current, list(fields), [])
    pieces = _RANGE_DASH.split(str(current), maxsplit=1)
    if len(pieces) == 2:
        return Mapped(current, [f for f in fields if _collapse(f) != pieces[1]], [])
    return Mapped(f"{current}-{end}", list(fields[1:]), [])


def _page_start_from_csl(value: Any) -> list[str]:
    return [_RANGE_DASH.split(str(value), maxsplit=1)[0]]


def _page_end_from_csl(value: Any) -> list[str]:
    pieces = _RANGE_DASH.split(str(value), maxsplit=1)
    return pieces[1:]


_ISSN_LIST: Final = re.compile(r"\d{4}-?\d{3}[\dXx](?:[\s,;]+\d{4}-?\d{3}[\dXx])*")
_SERIAL_NOISE: Final = re.compile(
    r"(?i)\b(?:[ep]-?)?(?:issn|isbn)\b|\b(?:print|online|electronic)\b|[():]"
)
_DIGIT_RUN: Final = re.compile(r"[\dXx][\dXx -]*[\dXx]")
_PMCID: Final = re.compile(r"PMC\d+")


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


def _only_values(keep: Callable[[str], bool], to_csl: ToCsl, *, rest: bool = False) -> ToCsl:
    """``to_csl`` for the fields whose value ``keep`` accepts.

    A sibling row of the same tag takes the other values; with ``rest`` there is none,
    and they are rejected (kept in ``custom``).
    """

    def partial(fields: Sequence[Field], current: Any) -> Mapped:
        mine = [f for f in fields if keep(f.value)]
        others = [f for f in fields if not keep(f.value)] if rest else []
        if not mine:
            return Mapped(current, others, [])
        mapped = to_csl(mine, current)
        return mapped._replace(rejected=[*mapped.rejected, *others])

    return partial


def _is_doi(text: str) -> bool:
    return DOI_VALUE.fullmatch(text.strip()) is not None


def clean_doi(text: str) -> str:
    """The bare DOI of ``https://doi.org/10.1/x`` or ``doi: 10.1/x``; other text as is."""
    bare = strip_doi_resolver(text)
    return bare if bare.startswith("10.") else text.strip()


def _doi_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """A DOI without its resolver (ScienceDirect and Wiley write ``https://doi.org/``)."""
    return _text_to_csl([f._replace(value=clean_doi(_collapse(f))) for f in fields], current)


_PUBLICATION_DATE: Final = "Full publication date:"
#: Reference Manager writes a PubMed id as a link ``PM:8751635`` (Zotero reads it so).
_PMID_LINK: Final = re.compile(r"PM:\s*(\d+)")


def _pmid_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    ids = [f._replace(value=_PMID_LINK.sub(r"\1", f.value.strip())) for f in fields]
    return _text_to_csl(ids, current)


def _publication_date(fields: Sequence[Field], current: Any) -> Mapped:
    """JSTOR's ``Full publication date: Mar., 1972`` note as a date."""
    dates = [f._replace(value=f.value.removeprefix(_PUBLICATION_DATE).strip()) for f in fields]
    mapped = _dates_to_csl(dates, current)
    by_place = {id(d): f for d, f in zip(dates, fields, strict=True)}
    return mapped._replace(rejected=[by_place.get(id(d), d) for d in mapped.rejected])


# ----------------------------------------------------------------------------- the table

_joined: Final = _joined_to_csl(", ")

#: A row kind of ``_ris_tables`` -> (reading, writing).
KINDS: Final[dict[str, tuple[ToCsl, FromCsl]]] = {
    "text": (_text_to_csl, _text_from_csl),
    "names": (_names_to_csl, _names_from_csl),
    "year": (_dates_to_csl, _year_from_csl),
    "full-date": (_dates_to_csl, _full_date_from_csl),
    "date": (_dates_to_csl, _date_from_csl),
    "date-shaped": (_only_values(looks_like_date, _dates_to_csl), _date_from_csl),
    "not-date-shaped": (
        _only_values(lambda v: not looks_like_date(v), _text_to_csl),
        _text_from_csl,
    ),
    "page-start": (_page_start_to_csl, _page_start_from_csl),
    "page-end": (_page_end_to_csl, _page_end_from_csl),
    "genre": (_only_values(lambda v: not _is_doi(v), _text_to_csl), _text_from_csl),
    "doi-in-m3": (_only_values(_is_doi, _doi_to_csl), _text_from_csl),
    "doi": (_doi_to_csl, _text_from_csl),
    "isbn": (_only_values(lambda v: serial_kind(v) == "ISBN", _joined), _text_from_csl),
    "issn": (_only_values(lambda v: serial_kind(v) == "ISSN", _joined), _text_from_csl),
    "serial-number": (
        _only_values(lambda v: serial_kind(v) == "number", _text_to_csl),
        _text_from_csl,
    ),
    "pmcid": (
        _only_values(lambda v: bool(_PMCID.fullmatch(v.strip())), _text_to_csl, rest=True),
        _text_from_csl,
    ),
    "publication-date-note": (
        _only_values(lambda v: v.startswith(_PUBLICATION_DATE), _publication_date, rest=True),
        _text_from_csl,
    ),
    "url": (
        _only_values(lambda v: not _PMID_LINK.fullmatch(v.strip()), _urls_to_csl),
        _text_from_csl,
    ),
    "pmid-link": (
        _only_values(lambda v: bool(_PMID_LINK.fullmatch(v.strip())), _pmid_to_csl),
        _text_from_csl,
    ),
    "abstract": (_abstract_to_csl, _text_from_csl),
    "prose": (_prose_to_csl, _text_from_csl),
    "keywords": (_keywords_to_csl, _keywords_from_csl),
    "note": (_note_to_csl, _text_from_csl),
}


def _tag_of_row(row: Row, rows: Sequence[Row]) -> Tag:
    """A ``_ris_tables`` row as a ``TAG_MAP`` row: its conversions and the types it
    gives up to the tag's overrides (the same tag's rows with ``only``, not ``extra``)."""
    to_csl, from_csl = KINDS[row.kind]
    never: frozenset[str] = frozenset()
    if not row.only:
        overrides = (r.only for r in rows if r.tag == row.tag and r.only and not r.extra)
        never = frozenset().union(*overrides)
    return Tag(
        row.tag,
        row.variable,
        to_csl,
        from_csl if row.written else None,
        row.only,
        never,
        row.cascade,
        row.backup,
    )


#: The one mapping table, both directions, built from ``_ris_tables.TAG_ROWS``.
#: Writing follows this order; per variable, rows with ``from_csl=None`` are only read.
TAG_MAP: Final[tuple[Tag, ...]] = tuple(_tag_of_row(row, TAG_ROWS) for row in TAG_ROWS)

_MAPPED_TAGS: Final = frozenset(row.tag for row in TAG_MAP)

#: The variables some tag writes (in some type); every other CSL variable goes to an
#: ``N1 csl.*`` note.
TAGGED_VARIABLES: Final = frozenset(row.variable for row in TAG_MAP if row.from_csl)


@functools.cache
def rows_for(ris_type: str) -> tuple[Tag, ...]:
    """The ``TAG_MAP`` rows of one RIS type, in table order."""
    return tuple(row for row in TAG_MAP if row.applies(ris_type))


#: The free tag and its ``key: value`` convention for what has no tag.
FREE_TAG: Final = "N1"
_FREE_KEY: Final = re.compile(r"[^\s:]+")
_FREE_LINE: Final = re.compile(r"\A(csl|custom)\.([^\s:]+): (.*)\Z")


# ----------------------------------------------------------------------------- scanning

_EXACT_TAG: Final = re.compile(r"([A-Z][A-Z0-9])  -(?: (.*))?\Z")
# Wrong spacing still counts when a hyphen is set off by white space: "AU - Smith",
# "AU -Smith", "AU- Smith". "AB-testing" stays text.
_LOOSE_TAG: Final = re.compile(r"([A-Z][A-Z0-9])(?:[ \t]+-[ \t]*|-[ \t]+|[ \t]*-\Z)(.*)\Z")


@dataclass(slots=True)
class Record:
    """The fields of one ``TY`` ... ``ER`` record, in input order."""

    line: int  # of its TY
    fields: list[Field] = field(default_factory=list)
    closed: bool = False


def tag_of(line: str) -> tuple[str, str, bool] | None:
    """(tag, value, exact) when ``line`` is a tag line, else None."""
    exact = _EXACT_TAG.match(line)
    if exact:
        return exact.group(1), exact.group(2) or "", True
    loose = _LOOSE_TAG.match(line)
    if loose:
        return loose.group(1), loose.group(2), False
    return None


def scan(text: str, path: str = "<string>") -> tuple[list[Record], list[Diagnostic]]:
    """Stage one: lines -> records of located fields, with diagnostics for odd input."""
    diagnostics: list[Diagnostic] = []
    return list(iter_records(text, path, diagnostics)), diagnostics


def iter_records(text: str, path: str, diagnostics: list[Diagnostic]) -> Iterator[Record]:
    """:func:`scan` one record at a time, so a large file is never held as records."""
    scanner = _Scanner(path, diagnostics)
    for number, line in enumerate(_lines(text.removeprefix("\ufeff")), start=1):
        scanner.feed(number, line)
        if scanner.records:
            yield from scanner.records
            scanner.records.clear()
    scanner.finish()
    yield from scanner.records


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` without their ends (LF or CRLF), one at a time."""
    start = 0
    find = text.find
    while True:
        end = find("\n", start)
        if end == -1:
            yield text[start:].rstrip("\r")
            return
        yield text[start:end].rstrip("\r")
        start = end + 1


class _Scanner:
    """Line-by-line state: the open record, blank lines in it, and text outside records."""

    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.records: list[Record] = []  # closed, not yet handed out
        self.diagnostics = diagnostics
        self.current: Record | None = None
        self.blank_lines = 0  # blank lines since the last text inside a record
        self.stray_from = 0  # first line of a run of text outside records
        self.stray_count = 0
        self.loose_tags = 0  # tag lines with wrong spacing, reported once
        self.loose_at = 0  # the index of that report in diagnostics

    def at(self, line: int, column: int = 1) -> Location:
        return Location(self.path, line, column)

    def feed(self, number: int, line: str) -> None:
        if "\u2028" in line or "\u2029" in line:  # Atypon sites break lines with these
            line = re.sub(r"\s?[\u2028\u2029]\s?", " ", line)
        parsed = tag_of(line)
        if parsed is None:
            self.text_line(number, line)
            return
        tag, value, exact = parsed
        if not exact:
            self.loose_tag(number, tag, line)
        self.blank_lines = 0
        if tag == "TY":
            self.start(number, value)
        elif tag == "ER":
            self.end(number, value)
        elif self.current is None:
            self.stray(number)
        else:
            column = len(line) - len(value) + 1
            self.current.fields.append(Field(tag, value.strip(), self.at(number, column)))

    def text_line(self, number: int, line: str) -> None:
        if self.current is None:
            if line.strip():
                self.stray(number)
            return
        if not line.strip():
            self.blank_lines += 1
            return
        last = self.current.fields[-1]
        breaks = "\n" * (self.blank_lines + 1)
        self.blank_lines = 0
        self.current.fields[-1] = last._replace(value=f"{last.value}{breaks}{line.rstrip()}")
        if last.tag in _MAPPED_TAGS and last.tag not in PROSE_TAGS | LIST_TAGS:
            where = last.location.line if last.location else "?"
            self.diagnostics.append(
                warning(
                    "ris.continuation",
                    f"line continues the '{last.tag}' value of line {where}; expected a tag "
                    "line 'XX  - value' (joined with a space)",
                    self.at(number),
                )
            )

    def start(self, number: int, value: str) -> None:
        self.flush_stray()
        if self.current is not None:
            self.diagnostics.append(
                warning(
                    "ris.missing-er",
                    f"record starting at line {self.current.line} has no 'ER  - ' before this "
                    "'TY'; it ends here",
                    self.at(number),
                )
            )
            self.records.append(self.current)
        self.current = Record(number, [Field("TY", value.strip(), self.at(number, 7))])

    def end(self, number: int, value: str) -> None:
        if self.current is None:
            self.flush_stray()
            self.diagnostics.append(
                warning(
                    "ris.stray-er", "'ER' outside a record (no 'TY' before it)", self.at(number)
                )
            )
            return
        if value.strip():
            self.diagnostics.append(
                warning("ris.er-value", f"'ER' takes no value; {value.strip()!r} ignored",
                        self.at(number, 7))
            )  # fmt: skip
        self.current.closed = True
        self.records.append(self.current)
        self.current = None

    def stray(self, number: int) -> None:
        if not self.stray_count:
            self.stray_from = number
        self.stray_count += 1

    def flush_stray(self) -> None:
        if self.stray_count:
            lines = f"{self.stray_count} line{'s' if self.stray_count > 1 else ''}"
            self.diagnostics.append(
                warning(
                    "ris.outside-record",
                    f"{lines} of text outside any record ignored (a record starts with 'TY  - ')",
                    self.at(self.stray_from),
                )
            )
            self.stray_count = 0

    def loose_tag(self, number: int, tag: str, line: str) -> None:
        """One warning per input for tag lines spaced wrongly; a file written so (``TY -
        JOUR``) has them on every line, and the warning says how many more there are."""
        if self.loose_tags:
            self.loose_tags += 1
            return
        self.loose_tags = 1
        self.loose_at = len(self.diagnostics)
        self.diagnostics.append(
            warning(
                "ris.tag-spacing",
                f"expected '{tag}  - ' (tag, two spaces, hyphen, space), found {line[:40]!r}",
                self.at(number),
            )
        )

    def finish(self) -> None:
        if self.loose_tags > 1:
            first = self.diagnostics[self.loose_at]
            more = self.loose_tags - 1
            message = f"{first.message}; {more} more tag line{'s' if more > 1 else ''} like it"
            self.diagnostics[self.loose_at] = dataclasses.replace(first, message=message)
        self.flush_stray()
        if self.current is not None:
            self.diagnostics.append(
                warning(
                    "ris.missing-er",
                    "record has no closing 'ER  - ' before the end of the input; it is kept",
                    self.at(self.current.line),
                )
            )
            self.records.append(self.current)
            self.current = None


# ----------------------------------------------------------------------------- mapping


def map_record(record: Record) -> tuple[CslItem, list[Diagnostic]]:
    """Stage two: one record's fields -> a CSL item (``id`` may still be empty).

    The rows of the record's type take their tags in table order. A tag no row of
    this type reads, and values a variable cannot take, are kept in ``custom.ris``.
    Empty values (``IS  - ``, which IEEE Xplore writes) are dropped, as Zotero does.
    """
    by_tag: dict[str, list[Field]] = {}
    free: list[Field] = []
    for f in map(_procite_note, record.fields[1:]):
        if not f.value.strip():
            continue
        if f.tag == FREE_TAG and _FREE_LINE.match(f.value):
            free.append(f)
        else:
            by_tag.setdefault(f.tag, []).append(f)
    item: dict[str, Any] = {}
    custom_ris: dict[str, list[str]] = {}
    problems = _map_type(record.fields[0], item, custom_ris)
    ris_type = record.fields[0].value.strip().upper()
    handed: dict[str, tuple[Tag, list[Field]]] = {}  # a cascading row's leftovers
    read_tags: set[str] = set()
    for row in rows_for(ris_type):
        fields = handed.pop(row.tag)[1] if row.tag in handed else by_tag.get(row.tag)
        if not fields:
            continue
        read_tags.add(row.tag)
        if not row.variable:  # no CSL home in this type
            for f in fields:
                _keep_in_custom(custom_ris, f)
            continue
        before = item.get(row.variable)
        mapped = row.to_csl(fields, before)
        if mapped.value is not None:
            item[row.variable] = mapped.value
        problems.extend(mapped.problems)
        if row.cascade:
            handed[row.tag] = (row, mapped.rejected)
            continue
        for f in mapped.rejected:
            _keep_in_custom(custom_ris, f)
            if not row.backup:
                problems.append(_rejected_note(f, row, had_value=before is not None))
    for row, fields in handed.values():
        for f in fields:
            _keep_in_custom(custom_ris, f)
            problems.append(_rejected_note(f, row, had_value=True))
    if item.get("container-title-short") == item.get("container-title"):
        item.pop("container-title-short", None)  # IEEE Xplore's JA repeats the title
    problems.extend(_keep_unread(by_tag, read_tags, custom_ris))
    if custom_ris:  # in the record's order of tags
        order = dict.fromkeys(["TY", *(f.tag for f in record.fields), *custom_ris])
        item["custom"] = {"ris": {tag: custom_ris[tag] for tag in order if tag in custom_ris}}
    problems.extend(_apply_free_lines(item, free))
    # id first, as CSL-JSON is usually written; an empty id is generated later.
    item = {"id": str(item.pop("id", "") or ""), **item}
    return cast(CslItem, item), problems


_LABELLED_NOTE: Final = re.compile(r"([A-Z][A-Za-z() ]*[A-Za-z)]): (.*)", re.S)


def _procite_note(f: Field) -> Field:
    """ProCite's ``N1  - Record ID: 10`` note is the tag its label names (``ID``)."""
    if f.tag != "N1":
        return f
    labelled = _LABELLED_NOTE.fullmatch(f.value)
    tag = PROCITE_NOTE_TAGS.get(labelled[1]) if labelled else None
    return f._replace(tag=tag, value=labelled[2].strip()) if labelled and tag else f


def _keep_unread(
    by_tag: dict[str, list[Field]], read_tags: set[str], custom_ris: dict[str, list[str]]
) -> list[Diagnostic]:
    """Tags no row read go to ``custom``; only a tag RIS does not define is remarked."""
    problems = []
    for tag, fields in by_tag.items():
        if tag in read_tags:
            continue
        for f in _links_of(fields) if tag in LINK_LIST_TAGS else fields:
            _keep_in_custom(custom_ris, f)
        if tag not in _MAPPED_TAGS and tag not in UNMAPPED_STANDARD_TAGS:
            problems.append(
                info(
                    "ris.unknown-tag",
                    f"unknown tag '{tag}' kept in custom and written back",
                    fields[0].location,
                )
            )
    return problems


def _map_type(
    ty: Field, item: dict[str, Any], custom_ris: dict[str, list[str]]
) -> list[Diagnostic]:
    ris_type = ty.value.strip().upper()
    csl_type = RIS_TO_CSL_TYPE.get(ris_type)
    problems = []
    if csl_type is None:
        problems.append(
            warning(
                "ris.unknown-type",
                f"unknown RIS type {ty.value!r}; read as {FALLBACK_CSL_TYPE!r} (kept in custom)"
                if ty.value
                else f"empty RIS type; read as {FALLBACK_CSL_TYPE!r}",
                ty.location,
            )
        )
        csl_type = FALLBACK_CSL_TYPE
    item["type"] = csl_type
    # Keep the exact RIS type when the CSL type would write back a different one (EBOOK).
    if ty.value and CSL_TO_RIS_TYPE.get(csl_type) != ty.value:
        custom_ris["TY"] = [ty.value]
    return problems


def _keep_in_custom(custom_ris: dict[str, list[str]], f: Field) -> None:
    custom_ris.setdefault(f.tag, []).append(f.value)


def _rejected_note(f: Field, row: Tag, *, had_value: bool) -> Diagnostic:
    why = "already has a value" if had_value else "cannot take it"  # e.g. EP without SP
    return info(
        "ris.repeated-tag",
        f"'{row.variable}' {why}; this '{f.tag}' value is kept in custom",
        f.location,
    )


def _apply_free_lines(item: dict[str, Any], free: Sequence[Field]) -> list[Diagnostic]:
    """``N1  - csl.<variable>: <value>`` sets the variable (``null`` removes it)."""
    problems = []
    for f in free:
        match = _FREE_LINE.match(f.value)
        assert match is not None
        space, key, text = match.groups()
        try:
            value = _json.loads(text)
        except ValueError:
            value = text
        if space == "csl":
            target = item
        else:
            custom = item.setdefault("custom", {})
            if not isinstance(custom, dict):
                problems.append(warning("ris.free-line", "'custom' is not an object", f.location))
                continue
            target = custom
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    if item.get("custom") == {}:
        del item["custom"]
    return problems


# ----------------------------------------------------------------------------- reading


def read(text: str, options: ReadOptions) -> Parsed:
    """Parse RIS text into CSL items; every oddity comes back as a located diagnostic."""
    diagnostics: list[Diagnostic] = []
    items: list[CslItem] = []
    starts: list[int] = []  # the TY line of each item, for id diagnostics
    for record in iter_records(text, options.path, diagnostics):
        item, problems = map_record(record)
        diagnostics.extend(problems)
        items.append(item)
        starts.append(record.line)
    if not items and text.strip("\ufeff \t\r\n"):
        raise ParseError(
            error(
                "ris.no-records",
                "no RIS record found (expected 'TY  - ')",
                Location(options.path, 1, 1),
            )
        )
    diagnostics.extend(_settle_ids(items, starts, options.path))
    diagnostics.sort(key=_position)
    return Parsed(items, diagnostics)


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    where = diagnostic.location
    return (where.line, where.column) if where else (0, 0)


def _settle_ids(items: list[CslItem], starts: list[int], path: str) -> list[Diagnostic]:
    """Generate missing ids (CONVENTIONS key rule); a repeated id stays, with a warning.

    Repeated ids are kept as the BibTeX reader keeps duplicate keys, so that a round
    trip does not rename anything; ``bibconv check`` and the warning point at them.
    """
    taken = {item["id"] for item in items if item["id"]}
    seen: set[str] = set()
    problems = []
    for item, line in zip(items, starts, strict=True):
        if not item["id"]:
            item["id"] = unique_key(base_key(item), taken)
        elif item["id"] in seen:
            problems.append(
                warning(
                    "ris.duplicate-id",
                    f"id {item['id']!r} is also used by an earlier record",
                    Location(path, line, 1),
                )
            )
        seen.add(item["id"])
    return problems


# ----------------------------------------------------------------------------- writing


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    """RIS text: tags in ``TAG_MAP`` order, ``ER  - `` closing every record."""
    records: list[str] = []
    notes: list[Diagnostic] = []
    for item in items:
        text, item_notes = write_record(item, lossless=options.lossless)
        records.append(text)
        notes.extend(item_notes)
    return Written("\n".join(records), notes)


def write_record(item: CslItem, *, lossless: bool = False) -> tuple[str, list[Diagnostic]]:
    """One record. What its tags would not give back exactly gets a loss note, and with
    ``lossless`` an ``N1 csl.*`` line that bibconv reads back."""
    fields = list(_tag_fields(item))
    back, fields = _read_back(fields)
    overrides = list(_differences(cast(dict[str, Any], item), back))
    if lossless:
        fields.extend(_free_line(space, key, value) for space, key, value in overrides)
    notes = [_loss_note(item, space, key, lossless) for space, key, _ in overrides]
    return _render(fields), [n for n in notes if n is not None]


def _tag_fields(item: CslItem) -> Iterator[Field]:
    ris_type = _ris_type_of(item)
    yield Field("TY", ris_type)
    data = cast(dict[str, Any], item)
    for row in rows_for(ris_type):
        if row.from_csl is None or data.get(row.variable) is None:
            continue
        for text in row.from_csl(data[row.variable]):
            safe = _writable(row.tag, text)
            if safe is not None:
                yield Field(row.tag, safe)
    custom = data.get("custom")
    ris_custom = custom.get("ris") if isinstance(custom, dict) else None
    if isinstance(ris_custom, dict):
        for tag, values in ris_custom.items():
            if tag in ("TY", "ER") or not re.fullmatch(r"[A-Z][A-Z0-9]", str(tag)):
                continue
            for text in values if isinstance(values, list) else [values]:
                safe = _writable(tag, text) if isinstance(text, str) else None
                if safe is not None:
                    yield Field(tag, safe)


def _ris_type_of(item: CslItem) -> str:
    csl_type = item.get("type", FALLBACK_CSL_TYPE)
    custom = item.get("custom")
    ris_custom = custom.get("ris") if isinstance(custom, dict) else None
    kept = ris_custom.get("TY") if isinstance(ris_custom, dict) else None
    if isinstance(kept, list) and kept and RIS_TO_CSL_TYPE.get(str(kept[0])) == csl_type:
        return str(kept[0])
    return CSL_TO_RIS_TYPE.get(csl_type, FALLBACK_RIS_TYPE)


def _writable(tag: str, text: str) -> str | None:
    """``text`` made safe to write under ``tag``, or None when it cannot be.

    Outside prose a line break becomes a space; in prose a continuation line that would
    read as a tag line is indented. The exact value then goes to an ``N1 csl.*`` note.
    """
    if tag == FREE_TAG and _FREE_LINE.match(text):
        return None
    if "\n" not in text and "\r" not in text:  # the common case: one line
        return text if text.strip() else None
    # A lone CR would end the line for readers (ours decodes files with universal newlines).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None
    first, *rest = text.split("\n")
    if tag not in PROSE_TAGS and tag in _MAPPED_TAGS:
        return " ".join(part.strip() for part in text.split("\n") if part.strip())
    return "\n".join([first, *(f" {line}" if tag_of(line) else line for line in rest)])


def _render(fields: Sequence[Field]) -> str:
    lines = [f"{f.tag}  - {f.value}".rstrip() if f.value else f"{f.tag}  - " for f in fields]
    return "\n".join([*lines, "ER  - ", ""])


def _read_back(fields: list[Field]) -> tuple[dict[str, Any], list[Field]]:
    """What the reader makes of these fields: the writer's own check.

    A field the reader would warn about (an empty name, a month 13) is left out, so
    bibconv never writes RIS that it would complain about itself; its value then
    differs on reading back, and the exact value goes to an ``N1 csl.*`` note.
    """
    while True:
        records, problems = scan(_render(fields))
        item, more = map_record(records[0])  # a rendered record always has its TY
        bad_lines = {
            d.location.line
            for d in (*problems, *more)
            if d.location and d.severity is not Severity.INFO
        }
        if not bad_lines:
            return cast(dict[str, Any], item), fields
        kept = [f for f in _without_lines(fields, bad_lines) if f]
        if len(kept) == len(fields):  # nothing left to blame: give up checking
            return cast(dict[str, Any], item), fields
        fields = kept


def _without_lines(fields: Sequence[Field], lines: set[int]) -> list[Field]:
    """``fields`` minus those rendered on any of ``lines`` (the TY line always stays)."""
    kept = []
    for f, first in zip(fields, _first_lines(fields), strict=True):
        last = first + f.value.count("\n")
        if first == 1 or not any(first <= n <= last for n in lines):
            kept.append(f)
    return kept


def _first_lines(fields: Sequence[Field]) -> list[int]:
    """The line each field starts on in ``_render(fields)``."""
    starts, line = [], 1
    for f in fields:
        starts.append(line)
        line += f.value.count("\n") + 1
    return starts


def _differences(item: dict[str, Any], back: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(space, key, value) for each variable whose value did not come back (None: remove)."""
    for key in dict.fromkeys([*item, *back]):
        if key != "custom" and not _same(key, item.get(key), back.get(key)):
            yield "csl", key, item.get(key)
    mine, theirs = item.get("custom") or {}, back.get("custom") or {}
    if not isinstance(mine, dict) or not all(_FREE_KEY.fullmatch(str(k)) for k in mine):
        if not _same("custom", mine, theirs):  # keys a free note cannot name: all at once
            yield "csl", "custom", item.get("custom")
        return
    for key in dict.fromkeys([*mine, *theirs]):
        if not _same(key, mine.get(key), theirs.get(key)):
            yield "custom", key, mine.get(key)


def _same(key: str, mine: Any, theirs: Any) -> bool:
    # Plain equality first: it settles almost every value, and comparable() is slower.
    return mine == theirs or bool(comparable({key: mine}) == comparable({key: theirs}))


def _free_line(space: str, key: str, value: Any) -> Field:
    return Field(FREE_TAG, f"{space}.{key}: {_free_value(value)}")


def _free_value(value: Any) -> str:
    """Plain text when it reads back as itself, else JSON (one line)."""
    if isinstance(value, str) and value == value.strip() and value.splitlines() == [value]:
        try:
            _json.loads(value)
        except ValueError:
            return value
    return json.dumps(value, ensure_ascii=False)


def _loss_note(item: CslItem, space: str, key: str, lossless: bool) -> Diagnostic | None:
    if key == "id":
        return None
    if space == "custom":
        what = f"RIS has no tag for custom field '{key}'"
    elif key == "type":
        what = f"RIS has no type for {item.get('type')!r} (written as {FALLBACK_RIS_TYPE})"
    elif key in TAGGED_VARIABLES:
        what = f"RIS cannot hold '{key}' exactly"
    else:
        what = f"RIS has no tag for '{key}'"
    carrier = f"'{FREE_TAG}  - {space}.{key}: …'"
    if lossless:
        what += f"; kept as {carrier}, which only bibconv reads back"
    else:
        lost = "its exact value is" if what.endswith("exactly") else "it is"
        what += f"; {lost} left out (--lossless keeps it as {carrier})"
    return Diagnostic(
        Severity.INFO,
        "ris.cannot-hold",
        f"{item.get('id')}: {what}",
        item_id=str(item.get("id", "")),
    )


FORMAT: Final = Format(
    NAME, (".ris",), read=read, write=write, description="RIS (Research Information Systems)"
)
