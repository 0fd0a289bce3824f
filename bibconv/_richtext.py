"""CSL-JSON's rich-text markup: the few HTML-like tags citeproc-js reads in text variables.

``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span style="font-variant:small-caps;">`` and
``<span class="nocase">`` (citeproc-js's "rich text" markup, which Zotero and pandoc also
write). The LaTeX decoder produces them, the BibTeX writer turns them back into LaTeX and
the formatter renders them; this module is the one place that spells them. Text whose
tags do not nest, and any other ``<``, is plain text, as citeproc-js reads it.
"""

from __future__ import annotations

import re
from typing import Final, Literal

Tag = Literal["i", "b", "sup", "sub", "sc", "nocase"]

#: Opening and closing spelling of each tag.
OPEN: Final[dict[Tag, str]] = {
    "i": "<i>",
    "b": "<b>",
    "sup": "<sup>",
    "sub": "<sub>",
    "sc": '<span style="font-variant:small-caps;">',
    "nocase": '<span class="nocase">',
}
CLOSE: Final[dict[Tag, str]] = {
    "i": "</i>",
    "b": "</b>",
    "sup": "</sup>",
    "sub": "</sub>",
    "sc": "</span>",
    "nocase": "</span>",
}
_BY_SPELLING: Final[dict[str, Tag]] = {
    "<i>": "i",
    "<b>": "b",
    "<sup>": "sup",
    "<sub>": "sub",
    '<span class="nocase">': "nocase",
}
_TAG: Final = re.compile(
    r"<(?:/?(?:i|b|sup|sub)|/span|span class=\"nocase\""
    r"|span style=\"font-variant:\s*small-caps;?\")>"
)

#: A piece of rich text: ("text", text), ("open", tag) or ("close", tag).
Piece = tuple[Literal["text", "open", "close"], str]


def has_markup(text: str) -> bool:
    return "<" in text and _TAG.search(text) is not None


def pieces(text: str) -> list[Piece] | None:
    """``text`` split at its tags, or None when it has none or they do not nest."""
    if not has_markup(text):
        return None
    out: list[Piece] = []
    stack: list[Tag] = []
    last = 0
    for m in _TAG.finditer(text):
        if m.start() > last:
            out.append(("text", text[last : m.start()]))
        last = m.end()
        spelling = m.group()
        if spelling.startswith("</"):
            if not stack or CLOSE[stack[-1]] != spelling:
                return None
            out.append(("close", stack.pop()))
            continue
        tag: Tag = _BY_SPELLING.get(spelling, "sc")
        stack.append(tag)
        out.append(("open", tag))
    if stack:
        return None
    if last < len(text):
        out.append(("text", text[last:]))
    return out


def plain_text(text: str) -> str:
    """``text`` without its markup (when the tags nest; otherwise it is all text)."""
    parts = pieces(text)
    if parts is None:
        return text
    return "".join(value for kind, value in parts if kind == "text")
