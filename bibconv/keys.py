"""Citation keys: ``<first author family><year><first title word that is not a stop word>``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, MutableSequence
from string import ascii_lowercase
from typing import Final, Protocol

from bibconv.model import CslItem, is_others, issued_year

# Words skipped when the key takes the first word of the title.
_STOP_WORDS_TEXT: Final = (
    "a an and are as at be but by do does for from how if in into is it its of on or our "
    "over so than that the their this to towards toward under up via vs what when where "
    "which who why will with without"
)
STOP_WORDS: Final = frozenset(_STOP_WORDS_TEXT.split())

# Letters NFKD does not decompose into an ASCII base letter.
_SPECIAL_FOLDS: Final = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"}
)  # fmt: skip
_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits only: "Müller-Ørsted" -> "mullerorsted"."""
    if text.isascii():  # (most names and titles: no folding to do, no table to translate by)
        return _NOT_ALNUM.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_ALNUM.sub("", ascii_text)


def author_part(item: CslItem) -> str:
    """The first author's (else editor's) family name, folded: "anon" when there is none."""
    for variable in ("author", "editor"):
        for name in item.get(variable, []):  # type: ignore[attr-defined]
            if is_others(name):
                continue
            family = name.get("family") or name.get("literal") or name.get("given") or ""
            particle = name.get("non-dropping-particle", "")
            folded = ascii_fold(f"{particle}{family}")
            if folded:
                return folded
            break
    return "anon"


def _title_part(item: CslItem) -> str:
    for word in str(item.get("title", "")).split():
        folded = ascii_fold(word)
        if folded and folded not in STOP_WORDS:
            return folded
    return ""


def base_key(item: CslItem) -> str:
    """The key an item gets before collisions are resolved."""
    year = issued_year(item)
    return f"{author_part(item)}{year if year is not None else 'nd'}{_title_part(item)}"


def _suffixes() -> Iterable[str]:
    """a, b, ..., z, aa, ab, ... without end."""
    width = 1
    while True:
        yield from _letters(width)
        width += 1


def _letters(width: int) -> Iterable[str]:
    if width == 1:
        yield from ascii_lowercase
        return
    for head in ascii_lowercase:
        for tail in _letters(width - 1):
            yield head + tail


class KeySet(Protocol):
    """What :func:`unique_key` asks of the keys taken: a ``set[str]``, or a stand-in
    that holds less (a streamed reader's hashes of the keys)."""

    def __contains__(self, key: object, /) -> bool: ...

    def add(self, key: str, /) -> None: ...


def unique_key(base: str, taken: KeySet) -> str:
    """``base`` if free, else ``base`` + the first free suffix a, b, c, ...; marks it taken."""
    key = base
    if key in taken:
        key = next(base + s for s in _suffixes() if base + s not in taken)
    taken.add(key)
    return key


def assign_ids(items: MutableSequence[CslItem], *, keep_existing: bool = True) -> None:
    """Give every item a unique ``id`` in place, in order.

    With ``keep_existing`` (the default) an item's non-empty id stays unless an earlier
    item already holds it; only missing or clashing ids are generated.
    """
    taken: set[str] = set()
    # Per base key, the suffixes not tried yet: a page pasted many times (thousands of
    # equal base keys) stays linear instead of rescanning a, b, c, ... for every copy.
    untried: dict[str, Iterator[str]] = {}
    for item in items:
        current = str(item.get("id", "") or "")
        if keep_existing and current and current not in taken:
            taken.add(current)
            continue
        # A clashing id keeps its own stem (keyb after key); keep_existing=False regenerates.
        base = current if keep_existing and current else base_key(item)
        if base in taken:
            suffixes = untried.setdefault(base, iter(_suffixes()))
            base = next(base + s for s in suffixes if base + s not in taken)
        taken.add(base)
        item["id"] = base
