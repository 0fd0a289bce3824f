"""Page ranges in a CSL ``page-range-format``, and what counts as one range or two
numbers (used by ``render/elements.py``)."""

from __future__ import annotations

import re
from typing import Final


def format_page_range_end(first: str, last: str, range_format: str | None) -> str:
    """The second number of a page range in a CSL page-range-format.

    citeproc-py cut digits even when the two numbers differ in length ("7–29" became
    "7–9", "1–20" became "1–0"), and treated "chicago" as chicago-16, where CSL 1.0.2
    makes it chicago-15 ("1877–901").
    """
    prefix = re.match(r"[A-Za-z]*", first).group()  # type: ignore[union-attr]
    if prefix and last.startswith(prefix) and first[len(prefix) :].isdecimal():
        # "S247-S258": an abbreviated end drops the shared prefix ("S247–58"), as citeproc-js
        end = format_page_range_end(first[len(prefix) :], last[len(prefix) :], range_format)
        return prefix + end if len(end) == len(last) - len(prefix) else end
    if first.isdecimal() and last.isdecimal() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last  # "446-52" means 446-452
    if not (first.isdecimal() and last.isdecimal()) or len(first) != len(last) or first == last:
        return last
    common = next(
        (i for i, (f, g) in enumerate(zip(first, last, strict=True)) if f != g), len(first)
    )
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if (
            range_format in ("chicago", "chicago-15")
            and len(first) >= 4
            and len(first) - common >= 3
        ):
            return last  # chicago-15 (and "chicago"): 1496–1504; chicago-16: 1496–504
        range_format = "minimal" if number % 100 < 10 else "minimal-two"
    if range_format == "minimal":
        return last[common:] or last[-1:]
    if range_format == "minimal-two":
        return last[min(common, len(last) - 2) :]
    return last


RANGE: Final = re.compile(
    r"^\s*([A-Za-z]*\d+[A-Za-z]*)\s*[-\u2013\u2014]+\s*([A-Za-z]*\d+[A-Za-z]*)\s*$"
)
# "1, 3" and "1 & 3" are two numbers; "5,999,999" and "698,704" are one (as citeproc-js)
SEGMENT_SEPARATOR: Final = re.compile(r"(\s*&\s*|\s*,\s+)")
