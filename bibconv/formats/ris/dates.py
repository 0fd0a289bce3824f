"""RIS dates <-> CSL dates: 'YYYY/MM/DD/other' and what exporters write instead (ISO dates,
dates in words, ranges, a date without its year next to ``PY``), several tags' dates
merged into the most precise one, and JSTOR's "Full publication date" note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, NamedTuple, cast

from bibconv._vocab import MONTHS, SEASONS
from bibconv.diagnostics import info, warning
from bibconv.formats.ris.fields import Field, Mapped, collapse
from bibconv.losses import comparable
from bibconv.model import CslDate, single_date_parts

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


def dates_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    value, rejected, problems = current, [], []
    for f in fields:
        text = collapse(f)
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


def year_from_csl(date: Any) -> list[str]:
    parts = (date.get("date-parts") or [[]])[0] if isinstance(date, dict) else []
    return [str(parts[0])] if parts else []


def full_date_from_csl(date: Any) -> list[str]:
    """DA only when the date says more than its year (PY has the year)."""
    text = _ris_date(date)
    return [text] if text and "/" in text else []


def date_from_csl(date: Any) -> list[str]:
    text = _ris_date(date)
    return [text] if text else []


def _plain_date(date: Any) -> bool:
    """A date RIS can carry at all: date-parts (a literal goes to an ``N1 csl.*`` note)."""
    return isinstance(date, dict) and bool(date.get("date-parts"))


PUBLICATION_DATE: Final = "Full publication date:"


def publication_date_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """JSTOR's ``Full publication date: Mar., 1972`` note as a date."""
    dates = [f._replace(value=f.value.removeprefix(PUBLICATION_DATE).strip()) for f in fields]
    mapped = dates_to_csl(dates, current)
    by_place = {id(d): f for d, f in zip(dates, fields, strict=True)}
    return mapped._replace(rejected=[by_place.get(id(d), d) for d in mapped.rejected])
