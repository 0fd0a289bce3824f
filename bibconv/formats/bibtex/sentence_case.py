"""English title case -> sentence case for BibTeX titles, on the LaTeX value itself.

``sentence_case("The {BERT} Model for \\emph{E. coli}: A New Approach")`` gives
``"The {BERT} model for \\emph{E. coli}: A new approach"``. It works as pandoc's
BibLaTeX reader does (a capitalised word becomes lower case; the first word, the first
word after ``:``, ``.``, ``?`` or ``!``, words with more capitals than the first
(``LLMs``, ``iPhone``, ``NASA``) and anything protected stay as written), with BibTeX's
own idea of protection, which ``change.case$`` applies: text inside braces is kept,
command arguments (``\\emph{...}``) included, except special characters (``{\\"U}``), whose
letter is changed like any other. Math stays as written. Two choices beyond pandoc:
single capitals other than ``A`` stay (``Type I``, ``Vitamin C``), and a word holding a
protected part stays whole (``{BERT}s``, ``H\\textsubscript{2}O``).

Only used when asked (``convert --sentence-case``; ``sentence_case=True`` in the API), on
entries whose ``langid`` (or ``hyphenation``/``language``) is English or not given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from bibconv.formats.bibtex import biblatex
from bibconv.formats.bibtex import latex as _latex

#: The fields pandoc sentence-cases: titles of the work and of the book or event it is in.
#: Journal titles (``journal``, ``journaltitle``) and ``series`` are names: kept.
TITLE_FIELDS: Final = frozenset(
    {
        "title",
        "subtitle",
        "titleaddon",
        "shorttitle",
        "booktitle",
        "booksubtitle",
        "booktitleaddon",
        "maintitle",
        "mainsubtitle",
        "maintitleaddon",
        "issuetitle",
        "issuesubtitle",
        "eventtitle",
        "origtitle",
    }
)
_BCP47_ENGLISH: Final = re.compile(r"en(?:-[A-Za-z0-9]+)*", re.IGNORECASE)
_LANGUAGE_FIELDS: Final = ("langid", "hyphenation", "language")

_BALANCED: Final = r"(?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+"
_TOKEN: Final = re.compile(
    r"(?P<space>[ \t\n\r~]+)"
    r"|(?P<accent>\\[\"'`^~=.]\s*(?:\{\s*\\?[A-Za-z]\s*\}|\\?[A-Za-z]))"
    r"|(?P<letteraccent>\\[uvHckrdbt](?:\s*\{\s*\\?[A-Za-z]\s*\}|\s+[A-Za-z]))"
    rf"|(?P<group>\{{{_BALANCED}\}})"
    r"|(?P<math>(?<!\\)\$(?:[^$\\]|\\.)+\$)"
    r"|(?P<command>\\(?:[A-Za-z]+\*?|.))"
    r"|(?P<char>.)",
    re.DOTALL,
)
# Special letters whose command name carries the case: {\AA} -> {\aa}, {\O} -> {\o}.
_LETTER_COMMANDS: Final = re.compile(r"\\(AA|AE|OE|O|L|SS)(?![A-Za-z])")
_LAST_LETTER: Final = re.compile(r"[A-Za-z](?=[^A-Za-z]*\Z)")
_BOUNDARY: Final = (":", ".", "?", "!")
_PARTS: Final = frozenset("-/")


def apply(fields: dict[str, str]) -> None:
    """Sentence-case an English (or unmarked) entry's title fields, in place."""
    if is_english(fields):
        for name in TITLE_FIELDS & fields.keys():
            fields[name] = sentence_case(fields[name])


def is_english(fields: Mapping[str, str]) -> bool:
    """Whether an entry is English or says nothing about its language (pandoc's test)."""
    for name in _LANGUAGE_FIELDS:
        value = fields.get(name, "").strip(" \t\n{}")
        if value:
            tag = biblatex.language_tag(value) or value  # babel name (biber's table) or tag
            return _BCP47_ENGLISH.fullmatch(tag) is not None
    return True


class _Token:
    """One piece of the value: its LaTeX, what it shows, and whether its case may change."""

    __slots__ = ("kind", "latex", "shown")

    def __init__(self, latex: str, kind: str) -> None:
        self.latex = latex
        self.kind = kind
        if kind in ("accent", "letteraccent", "special"):
            self.shown = _latex.decode(latex, markup=False)
        elif kind == "char":
            self.shown = latex
        else:
            self.shown = ""  # commands, math and protected groups show no changeable letter

    def lower(self) -> str:
        if self.kind == "char":
            return self.latex.lower()
        if self.kind == "special":
            text = _LETTER_COMMANDS.sub(lambda m: "\\" + m.group(1).lower(), self.latex)
            return (
                _LAST_LETTER.sub(lambda m: m.group().lower(), text) if text == self.latex else text
            )
        if self.kind in ("accent", "letteraccent"):
            return _LAST_LETTER.sub(lambda m: m.group().lower(), self.latex)
        return self.latex


def _tokens(value: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(value):
        kind = m.lastgroup or "char"
        if kind == "group":
            inner = m.group()[1:-1]
            special = inner.startswith("\\") and len(_latex.decode(inner, markup=False)) <= 2
            kind = "special" if special else "protected"
        tokens.append(_Token(m.group(), kind))
    return tokens


def sentence_case(value: str) -> str:
    """A title-case LaTeX value in sentence case (see the module docstring)."""
    tokens = _tokens(value)
    out: list[str] = []
    word: list[_Token] = []
    start = True  # the first word, or one after a sentence boundary
    for token in [*tokens, _Token(" ", "space")]:
        if token.kind != "space":
            word.append(token)
            continue
        if word:
            out.append(_word(word, start))
            shown = "".join(t.shown or t.latex for t in word).rstrip("}'’”\")")
            start = shown.endswith(_BOUNDARY)
            word = []
        out.append(token.latex)
    return "".join(out[:-1])


def _word(tokens: list[_Token], start: bool) -> str:
    if any(t.kind == "protected" for t in tokens):
        return "".join(t.latex for t in tokens)  # {BERT}s, H\textsubscript{2}O
    out: list[str] = []
    part: list[_Token] = []
    first = True
    for token in [*tokens, _Token("", "char")]:
        if token.latex and token.latex not in _PARTS:
            part.append(token)
            continue
        out.append(_part(part, start and first))
        out.append(token.latex)
        part, first = [], False
    return "".join(out)


def _part(tokens: list[_Token], start: bool) -> str:
    letters = "".join(t.shown for t in tokens if t.shown.isalpha())
    if start or not _capitalised(letters):
        return "".join(t.latex for t in tokens)
    out: list[str] = []
    lowered = False
    for token in tokens:
        if not lowered and token.shown.isalpha():
            out.append(token.lower())
            lowered = True
        else:
            out.append(token.latex)
    return "".join(out)


def _capitalised(letters: str) -> bool:
    """``Model``, ``Über``, ``A``: a capital, then only lower case (``I`` and ``X`` are kept)."""
    if not letters or not letters[0].isupper():
        return False
    if len(letters) == 1:
        return letters == "A"
    return letters[1:].islower()
