"""Small, named repairs of what citeproc-py gets wrong (used only by render/).

Item fixes run on CSL-JSON before rendering; text fixes run on each rendered entry (which
still holds markup tags and escape placeholders, so they only touch punctuation and the
"others" marker). Each one is tested on its own in tests/render/test_fixes.py.
"""

from __future__ import annotations

import re
from typing import Final

from bibconv._vocab import is_preprint_server
from bibconv.model import CslItem
from bibconv.render.markup import OTHERS_MARK

# ----------------------------------------------------------------------------- item fixes


def preprint_server_as_publisher(item: CslItem) -> CslItem:
    """A preprint's server is its publisher, not a container ("In arXiv." in APA).

    Zotero and citation.js store an arXiv preprint as ``type: article`` with the server in
    ``publisher`` and the identifier in ``number``; page parsers give ``container-title:
    arXiv``. APA then prints "In arXiv (2401.01234)"; as a publisher it prints
    "(arXiv:2401.01234). arXiv." as the APA manual shows.
    """
    container = str(item.get("container-title", ""))
    if item.get("type") != "article" or not is_preprint_server(container):
        return item
    fixed: CslItem = {**item}
    del fixed["container-title"]
    fixed.setdefault("publisher", container)
    number = str(fixed.get("number", ""))
    if container.casefold() == "arxiv" and number and not number.lower().startswith("arxiv"):
        fixed["number"] = f"arXiv:{number}"
    return fixed


# ----------------------------------------------------------------------------- text fixes

_TAG: Final = r"(?:<[^<>]*>)*"  # markup tags that may wrap the "others" marker


def others_to_et_al(text: str, et_al: str, and_words: frozenset[str]) -> str:
    """A final ``{"literal": "others"}`` prints as "et al." (not "& others").

    citeproc-py (and citeproc-js) print the literal as a last author: "Lee, K., & others".
    The list was cut short, so it ends like a list truncated by et-al-min:
    "Lee, K., Park, J., et al." (a comma before "et al." only where the list had one).
    """
    if OTHERS_MARK not in text:
        return text
    alternatives = "|".join(re.escape(w) for w in sorted(and_words, key=len, reverse=True))
    pattern = re.compile(rf"(,)?\s*(?:(?:{alternatives})\s+)?{_TAG}{OTHERS_MARK}{_TAG}")
    return pattern.sub(lambda m: (", " if m.group(1) else " ") + et_al, text)


_QUOTE_THEN_PUNCT: Final = re.compile(r"((?:[”’]|</[^<>]+>)*[”’](?:</[^<>]+>)*)([.,])")


def punctuation_inside_quotes(text: str) -> str:
    """American styles put a comma or period inside the closing quotes: “Title,”, and
    inside both of nested ones: “Issue on ‘Ants,’”."""
    return _QUOTE_THEN_PUNCT.sub(lambda m: m.group(2) + m.group(1), text)


_DOUBLED: Final = [
    (re.compile(r"([?!:;])((?:</[^<>]+>)*)\."), r"\1\2"),  # "replication?." -> "replication?"
    (re.compile(r"(?<!\.)\.((?:</[^<>]+>)*)\.(?!\.)"), r".\1"),  # "Jr.." -> "Jr."
    (re.compile(r"\.((?:</[^<>]+>)*),\."), r".\1,"),
    (re.compile(r"(?<!\.)\.((?:</[^<>]+>)*) \.(?=\s|$)"), r".\1"),  # "1999. . Oxford"
]


def collapse_doubled_punctuation(text: str) -> str:
    """A field ending in punctuation meets the style's own: "What is replication?."."""
    for pattern, replacement in _DOUBLED:
        text = pattern.sub(replacement, text)
    return text


_EMPTY_ARTIFACTS: Final = [
    (re.compile(r"\s*\(\s*\)"), ""),  # "()" left by an empty group
    (re.compile(r"\s*\[\s*\]"), ""),
    (re.compile(r" {2,}"), " "),
    (re.compile(r"([,;:])\1+"), r"\1"),
]


def remove_empty_variable_artifacts(text: str) -> str:
    """Delimiters and labels left behind by variables that were empty."""
    for pattern, replacement in _EMPTY_ARTIFACTS:
        text = pattern.sub(replacement, text)
    return text.strip()


_LABEL: Final = re.compile(r"^((?:<[^<>]*>)*(?:\[\d+\]|\(\d+\)|\d+\.)(?:</[^<>]+>)*)(?=\S)")


def space_after_label(text: str) -> str:
    """Labels "[1]" (IEEE), "(1)" (ACS) and "1." (Nature) get a space after them.

    They are a separate column in the style (second-field-align); on one line they need it.
    """
    return _LABEL.sub(r"\1 ", text)


def typographic_apostrophes(text: str) -> str:
    """O'Connor -> O’Connor, JCDL '20 -> JCDL ’20, as citeproc-js prints."""
    return text.replace("'", "’")
