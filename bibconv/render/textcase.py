"""CSL text case as citeproc-js does it: title case with its stop words, and
capitalize-first past a value's own markup marks (used by ``render/elements.py``)."""

from __future__ import annotations

from typing import Any, Final

from citeproc.string import MixedString, NoCase, String

from bibconv.render.markup import RICH_MARK_CHARS

# The words title case leaves in lower case: citeproc-js's single-word SKIP_WORDS
# (its multi-word phrases such as "back to" are left out; "back" alone is capitalised).
_STOP_WORDS: Final = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst
    anenst apropos apud around as aside astride at athwart atop barring before behind below
    beneath beside besides between beyond but by circa despite down during et except for
    forenenst from given in inside into lest like modulo near next notwithstanding of off on
    onto out over per plus pro qua sans since than through thru throughout thruout till to
    toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with
    within without or yet so and nor a an the de d' von van c ca""".split()  # noqa: SIM905 (a word list reads better as text)
)


def _title_case_word(word: str, first: bool) -> str:
    """Capitalise a lower-case word unless it is a stop word (and not the first word).

    In a hyphenated word the first part is always capitalised and later parts unless
    they are stop words: "Few-Shot", "Off-Policy", "Insulin-like", "State-of-the-Art".
    """
    parts = word.split("-")
    out = []
    for index, part in enumerate(parts):
        # "(comsnets)" -> "(Comsnets)"; a value's own markup ("<i>drosophila") is no letter
        lead = len(part) - len(part.lstrip("([{“‘\"'" + RICH_MARK_CHARS))
        core = part[lead:]
        bare = core.rstrip("”’\"')]},;:.!?" + RICH_MARK_CHARS).lower()
        is_stop = bare in _STOP_WORDS and not (first and index == 0)
        if len(parts) > 1 and index == 0:
            is_stop = False
        if core == core.lower() and core[:1].isalpha() and not is_stop:
            part = part[:lead] + core[:1].upper() + core[1:]
        out.append(part)
    return "-".join(out)


def title_case(text: str) -> str:
    """CSL title case: lower-case words get a capital unless they are stop words; each part
    of a hyphenated word counts ("Few-Shot"); the first word and a word after a colon
    always do. Words with any capital are left as written."""
    words = text.split(" ")
    out = []
    first = True
    for word in words:
        out.append(_title_case_word(word, first) if word else word)
        if word:
            first = word.endswith((":", "?", "!", "."))
    return " ".join(out)


def capitalize_after_marks(text: Any) -> Any:
    """Capitalise the first letter after the value's own markup marks (not in a NoCase)."""
    segments = list(text) if isinstance(text, MixedString) else [text]
    first = segments[0]
    if isinstance(first, NoCase) or not isinstance(first, String):
        return text
    plain = str(first)
    lead = len(plain) - len(plain.lstrip(RICH_MARK_CHARS))
    segments[0] = type(first)(plain[:lead] + plain[lead : lead + 1].upper() + plain[lead + 1 :])
    return MixedString(segments) if isinstance(text, MixedString) else segments[0]
