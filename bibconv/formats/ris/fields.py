"""RIS field values <-> CSL values: the located `Field`, the types, text, serials, DOIs, names
('Family, Given, Suffix' and the comma-less forms exporters write) and dates
('YYYY/MM/DD/other' and what exporters write instead), as the tag table's conversions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, NamedTuple, cast

from bibconv._vocab import DOI_VALUE, ET_AL_WORDS, MONTHS, SEASONS, is_suffix, strip_doi_resolver
from bibconv.diagnostics import Diagnostic, Location, info, warning
from bibconv.formats.ris.tables import LINK_LIST_TAGS, PROSE_TAGS, TAG_ROWS, TYPES, Row
from bibconv.losses import comparable
from bibconv.model import OTHERS, CslDate, CslName, single_date_parts

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
    ``backup`` are :class:`bibconv.formats.ris.tables.Row`'s.
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
    parts = single_date_parts(date, season=True)
    if not parts or not isinstance(parts[0], int):
        return None
    year = parts[0]
    return reading._replace(parts=[[year, *p[1:]] for p in reading.parts])


def _merge_dates(old: Any, new: Any) -> Any:
    """The more precise of two dates that agree (PY 2020 + DA 2020/05/03), else None.

    A range agrees with a date that is a prefix of its start (PY 2019 + Y1 15-18 July
    2019) and wins over it.
    """
    a, b = single_date_parts(old, season=True), single_date_parts(new, season=True)
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
        parts = single_date_parts(plain, season=True)
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
    month_text = f"{int(month):02d}" if str(month).isdecimal() else ""
    day_text = f"{int(day):02d}" if day is not None and str(day).isdecimal() else ""
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

#: A row kind of ``formats.ris.tables`` -> (reading, writing).
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
    """A ``formats.ris.tables`` row as a ``TAG_MAP`` row: its conversions and the types it
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


#: The one mapping table, both directions, built from ``formats.ris.tables.TAG_ROWS``.
#: Writing follows this order; per variable, rows with ``from_csl=None`` are only read.
TAG_MAP: Final[tuple[Tag, ...]] = tuple(_tag_of_row(row, TAG_ROWS) for row in TAG_ROWS)

_MAPPED_TAGS: Final = frozenset(row.tag for row in TAG_MAP)
