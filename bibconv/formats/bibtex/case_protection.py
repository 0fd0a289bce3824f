"""The brace protection of capitals in BibTeX titles: ``protect_case`` adds the minimal
braces a BibTeX style needs to keep capitals (``{BERT}``, ``{LLM}s``, ``{CharacterBot}``);
it never adds braces around braces, so round trips are stable. ``protected_words`` reads
them back, and ``as_written`` is what the writer makes of a title.
"""

from __future__ import annotations

import re
from typing import Final

from bibconv.formats.bibtex.latex import decode, encode

# A word with a capital after its first letter (CamelCase, acronyms, "LLMs", "iPhone").
# A capital after a letter or digit: what makes a word need protection.
_INNER_CAPITAL: Final = re.compile(r"[A-Za-z0-9][A-Z]")
_CASE_TOKENS: Final = re.compile(r"[{}]|\$[^$]*\$|\\[A-Za-z]+|(?<![\w])[A-Za-z]*[A-Z][A-Za-z0-9]*")
_LEADING_CAPS: Final = re.compile(r"([A-Z]{2,})([a-z]{1,2})")


def protect_case(text: str) -> str:
    """Brace the capitals a style would lower-case: ``{BERT}``, ``{LLM}s``, ``{CharacterBot}``.

    Only words with a capital after their first character are protected, and never
    inside existing braces or math, so encoding the decoded text gives the same braces.
    """
    if _INNER_CAPITAL.search(text) is None:
        return text
    out: list[str] = []
    depth = 0
    last = 0
    for m in _CASE_TOKENS.finditer(text):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token[0] not in "$\\" and _needs_protection(token):
            out.append(text[last : m.start()])
            out.append(_protected(token))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def as_written(text: str, *, title: bool, ascii: bool = False) -> str:
    """What the BibTeX writer makes of CSL ``text``: encoded, and capitals braced in titles."""
    encoded = encode(text, ascii=ascii)
    return protect_case(encoded) if title else encoded


def _needs_protection(word: str) -> bool:
    return _INNER_CAPITAL.search(word) is not None


def _protected(word: str) -> str:
    m = _LEADING_CAPS.fullmatch(word)
    if m:
        return "{" + m.group(1) + "}" + m.group(2)  # {LLM}s, {GPU}s
    return "{" + word + "}"


_TOP_GROUP: Final = re.compile(
    r"\{((?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+)\}"
)
_COMMAND_BEFORE: Final = re.compile(r"\\(?:[A-Za-z]+|.)[ \t\n\r]*\Z")


def protected_words(text: str) -> list[str]:
    """The words a BibTeX style keeps as written: those inside top-level brace groups.

    Groups that are a command's argument (``\\emph{X}``, ``\\"{u}``) or a special character
    (``{\\"u}``, ``{\\ss}``) do not count. Used to tell whether :func:`protect_case` gives
    back the protection a value was written with.
    """
    if "{" not in text:
        return []
    words: list[str] = []
    for m in _TOP_GROUP.finditer(text):
        if _COMMAND_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        decoded = decode(m.group(1), markup=False)
        if m.group(1).startswith("\\") and len(decoded) <= 2:
            continue  # a special character such as {\"u} or {\ss}
        words.extend(decoded.split())
    return words
