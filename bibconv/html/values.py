"""Values as pages give them: folded text, decoded entities, names, dates, language tags."""

from __future__ import annotations

import html
import re
from typing import Final

from bibconv._vocab import MONTHS, is_et_al, split_family_given, split_given_family
from bibconv.model import CslDate, CslName, date_parts

# --------------------------------------------------------------------------- values

_SPACE: Final = re.compile(r"\s+")


_TAGS: Final = re.compile(r"<[^<>]+>")


def fold(text: str) -> str:
    """White space folded to single spaces, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


_ESCAPED: Final = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)


def meta_text(content: str) -> str:
    """A meta tag's content, folded; entities escaped twice by the site are decoded.

    bs4 already decoded one level; ``&amp;#8211;`` in the source (a common CMS quirk)
    would otherwise leave ``&#8211;`` in the title.
    """
    if "&" in content and _ESCAPED.search(content):
        content = html.unescape(content)
    return fold(content)


def plain(text: str) -> str:
    """Text with markup removed (abstracts are often given as HTML) and folded."""
    if "<" in text:
        text = html.unescape(_TAGS.sub(" ", text))
    return fold(text)


def split_name(raw: str) -> CslName | None:
    """A CSL name from "Family, Given", "Family, Suffix, Given" or "Given Family"; "et al."
    stands for the rest (``{"literal": "others"}``). Splitting is ``_vocab``'s."""
    text = fold(raw).strip(" ,;")
    if not text:
        return None
    if is_et_al(text):
        return {"literal": "others"}
    return split_family_given(text) if "," in text else split_given_family(text)


def literal_name(raw: str) -> CslName | None:
    """An organisation or any name that must not be split."""
    text = fold(raw)
    return {"literal": text} if text else None


_NUMERIC_DATE: Final = re.compile(
    r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?"
)


_DMY_DATE: Final = re.compile(r"(?:(?P<d>\d{1,2})\s+)?(?P<mon>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})")


_MDY_DATE: Final = re.compile(r"(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})")


def parse_date(raw: str) -> CslDate | None:
    """A CslDate with the precision printed: ``2024/05/01``, ``2024-05``, ``2024``,
    ISO date-times, ``1 May 2024``, ``May 1, 2024``, ``May 2024``; None otherwise."""
    text = fold(raw)
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        year, month, day = match["y"], match["m"], match["d"]
        return _valid_date(int(year), int(month) if month else None, int(day) if day else None)
    for pattern in (_MDY_DATE, _DMY_DATE):
        match = pattern.fullmatch(text)
        if match and match["mon"].lower() in MONTHS:
            day = match["d"]
            return _valid_date(
                int(match["y"]), MONTHS[match["mon"].lower()], int(day) if day else None
            )
    return None


def _valid_date(year: int, month: int | None, day: int | None) -> CslDate | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    return date_parts(year, month, day)


def language_tag(raw: str) -> str:
    """BCP 47 spelling of a page's language code: "EN" -> "en", "en_US" -> "en-US"."""
    parts = fold(raw).replace("_", "-").split("-")
    if not parts[0].isalpha() or len(parts[0]) > 3:
        return fold(raw)
    head = parts[0].lower()
    rest = [p.upper() if len(p) == 2 else p for p in parts[1:]]
    return "-".join([head, *rest])
