"""Which keys a LaTeX document cites: from its .tex sources or the .aux file LaTeX wrote.

Handles ``\\cite{a,b}``, optional arguments (``\\citep[p.~3]{a}``, ``\\cite[see][12]{a}``),
natbib (``\\citet``, ``\\citealp``, ``\\citeauthor`` ...), biblatex (``\\parencite``,
``\\textcite``, ``\\autocite``, starred forms, and the multi-cite ``\\cites(pre)(post)[a]{x}
[b]{y}``), ``\\nocite{*}``, and in .aux files ``\\citation{...}`` and biblatex's
``\\abx@aux@cite{...}``. Text after an unescaped ``%`` is a comment and cites nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from bibconv.diagnostics import LineIndex, Location

#: Any command whose name contains "cite" (\cite, \citep, \Textcite, \footcitetext, ...);
#: the name is followed by optional star, then optional (..) and [..] arguments.
_CITE: Final = re.compile(r"\\([A-Za-z]*[Cc]ite[A-Za-z]*)\*?")
_AUX_CITE: Final = re.compile(r"\\(citation|abx@aux@cite)(?:\{\d+\})?\{([^{}]*)\}")
_OPTIONAL: Final = re.compile(r"\s*(?:\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]|\([^()]*\))")
_KEYS: Final = re.compile(r"\s*\{([^{}]*)\}")
#: Commands with "cite" in the name that take no keys.
_NOT_CITING: Final = frozenset(["citestyle", "citesetup", "citename", "citefield"])
_COMMENT: Final = re.compile(r"(?<!\\)%.*")


@dataclass(slots=True)
class Citations:
    """Cited keys with where each was first cited, and whether everything is cited."""

    keys: dict[str, Location] = field(default_factory=dict)
    everything: bool = False

    def add(self, key: str, where: Location) -> None:
        if key == "*":
            self.everything = True
        elif key:
            self.keys.setdefault(key, where)

    def update(self, other: Citations) -> None:
        for key, where in other.keys.items():
            self.keys.setdefault(key, where)
        self.everything = self.everything or other.everything


def _uncommented(text: str) -> str:
    """``text`` with comments blanked to spaces, so offsets (and columns) stay put."""
    return _COMMENT.sub(lambda m: " " * len(m.group()), text)


def tex_citations(text: str, path: str) -> Citations:
    """The keys cited in LaTeX source ``text``."""
    found = Citations()
    if "cite" not in text:
        return found
    clean = _uncommented(text)
    index = LineIndex(clean, path)
    for match in _CITE.finditer(clean):
        name = match.group(1)
        if name.lower() in _NOT_CITING:
            continue
        pos = match.end()
        # Multi-cite commands (\cites, \parencites) repeat [..]{keys} groups.
        multi = name.endswith("cites")
        while True:
            while (opt := _OPTIONAL.match(clean, pos)) is not None:
                pos = opt.end()
            keys = _KEYS.match(clean, pos)
            if keys is None:
                break
            _add_keys(found, keys.group(1), keys.start(1), index)
            pos = keys.end()
            if not multi:
                break
    return found


def aux_citations(text: str, path: str) -> Citations:
    """The keys a LaTeX run recorded in an .aux file."""
    found = Citations()
    index = LineIndex(text, path)
    for match in _AUX_CITE.finditer(text):
        _add_keys(found, match.group(2), match.start(2), index)
    return found


def _add_keys(found: Citations, keys: str, offset: int, index: LineIndex) -> None:
    position = offset
    for part in keys.split(","):
        key = part.strip()
        if key:
            found.add(key, index.location(position + (len(part) - len(part.lstrip()))))
        position += len(part) + 1
