"""BibTeX and BibLaTeX names: the list splitter, the BibTeX name grammar, BibLaTeX's
extended name format, and the writer's spelling of a CSL name (used by ``formats.bibtex``).

The grammar of one classic name (``First von Last``, ``von Last, First``, ``Last, Jr,
First``) is bibtexparser's ``parse_single_name_into_parts``. The "von" part stays in
``family`` (CONVENTIONS) unless the entry says ``useprefix`` in ``options``; BibLaTeX's
extended format (``family=Goethe, given=Johann Wolfgang, prefix=von, useprefix=false``)
gives the particle its own CSL part: ``useprefix=true`` -> ``non-dropping-particle``,
else ``dropping-particle`` (biblatex's default is false).
"""

from __future__ import annotations

import functools
import re
from typing import Final, cast

from bibtexparser.middlewares.names import parse_single_name_into_parts

from bibconv._vocab import BIBTEX_AND, split_bibtex_names
from bibconv.formats.bibtex import biblatex, latex
from bibconv.model import CslName

_AND_OR_BRACE: Final = re.compile(r"[{}]|[ \t\n\r]+and[ \t\n\r]+", re.IGNORECASE)
# A name whose words all start with a capital and hold no braces or commands has no "von"
# part, so the grammar's answer is known without running it (most names in real files).
_SIMPLE_WORDS: Final = re.compile(r"[A-Z][^\s{}\\,~]*(?:[ \t\n\r]+[A-Z][^\s{}\\,~]*)*")


def parse_names(value: str, useprefix: bool | None = None) -> list[CslName]:
    """A BibTeX name list (``A and B and others``) as CSL names.

    ``useprefix``: the entry's ``options`` say it (True/False) or not (None); see the
    module docstring.
    """
    names: list[CslName] = []
    for raw in split_bibtex_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw == "others":
            names.append({"literal": "others"})
            continue
        # A copy: a caller may change its item; the parsed name is shared by the cache.
        names.append(_parse_name(raw, useprefix).copy())
    return names


def parse_name(raw: str, useprefix: bool | None = None) -> CslName:
    """One BibTeX name: ``First von Last``, ``von Last, First``, ``Last, Jr, First``, or
    BibLaTeX's ``family=..., given=...``."""
    return cast(CslName, dict(_parse_name(raw, useprefix)))  # a copy: callers may change it


# Real bibliographies repeat their authors: parsing each spelling once saves a good part
# of the reading time (a pure function, so memoising it is safe). 8,192 spellings: on
# large.bib (70,821 distinct in 265,574) that misses 125,246 times instead of 70,823, at
# 2.4 us a parse (+0.05 s of 5 s), where 65,536 held about 20 MB more and, filling up
# only after the first 20 MB of a file, made a streamed read's memory grow with its input
# (issue 11: 84 MB on large.bib, 101 MB on a 3x copy; 64 and 68 MB with 8,192).
@functools.lru_cache(maxsize=8_192)
def _parse_name(raw: str, useprefix: bool | None) -> CslName:
    simple = _simple_name(raw)
    if simple is not None:
        return simple
    raw = latex.without_command_spaces(raw)  # the grammar cuts words at white space
    extended = biblatex.extended_name_parts(raw)
    if extended is not None:
        return _extended_name(extended, useprefix)
    if raw.startswith("{") and _one_group(raw):
        return {"literal": _name_text(raw)}
    try:
        parts = parse_single_name_into_parts(raw, strict=False)
    except Exception:  # bibtexparser raises plain exceptions on odd names
        return {"literal": _name_text(raw)}
    name: CslName = {}
    von = " ".join(parts.von)
    split = bool(von) and useprefix is not None
    family = " ".join(parts.last if split else [*parts.von, *parts.last])
    if family:
        name["family"] = _name_text(family)
    if split:
        cast(dict[str, str], name)[PARTICLE[bool(useprefix)]] = _name_text(von)
    given = _name_text(" ".join(parts.first))
    if given:  # "Last, Jr, {}" has none
        name["given"] = given
    if parts.jr:
        name["suffix"] = _name_text(" ".join(parts.jr))
    if not name:
        return {"literal": _name_text(raw)}
    return name


def _simple_name(raw: str) -> CslName | None:
    """``Last, First`` or ``First Last`` with capitalised plain words: no grammar needed."""
    comma = raw.find(",")
    if comma == -1:
        if not _SIMPLE_WORDS.fullmatch(raw):
            return None
        words = raw.split()
        if len(words) == 1:
            return {"family": words[0]}
        return {"family": words[-1], "given": " ".join(words[:-1])}
    family, given = raw[:comma].strip(), raw[comma + 1 :].strip()
    if "," in given or not _SIMPLE_WORDS.fullmatch(family):
        return None
    if given and not _SIMPLE_WORDS.fullmatch(given):
        return None
    name: CslName = {"family": " ".join(family.split())}
    if given:
        name["given"] = " ".join(given.split())
    return name


def _one_group(text: str) -> bool:
    """True if ``text`` is a single ``{...}`` group (a corporate name)."""
    depth = 0
    for position, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position == len(text) - 1
    return False


def _name_text(text: str) -> str:
    return latex.decode(text, markup=False).replace("\u00a0", " ")


#: useprefix -> the CSL part a prefix goes to ("van" in "van Gogh" sorts with the family
#: name when it is used, so it does not drop).
PARTICLE: Final = {True: "non-dropping-particle", False: "dropping-particle"}


def _extended_name(parts: dict[str, str], useprefix: bool | None) -> CslName:
    """BibLaTeX's ``family=..., given=..., prefix=..., suffix=..., useprefix=...``.

    ``given-i``/``family-i`` (initials biblatex would otherwise compute) have no CSL
    part: the initials follow from the name itself.
    """
    name: dict[str, str] = {}
    for key in ("family", "given", "suffix"):
        if parts.get(key):
            name[key] = _name_text(parts[key])
    prefix = parts.get("prefix")
    if prefix:
        own = parts.get("useprefix")
        use = own.strip().lower() in ("true", "1", "yes") if own is not None else useprefix
        name[PARTICLE[bool(use)]] = _name_text(prefix)
    return cast(CslName, name or {"literal": _name_text(",".join(parts.values()))})


# Real bibliographies repeat their authors: each distinct name is rendered once.
@functools.lru_cache(maxsize=65_536)
def render_name(
    family: str | None,
    given: str | None,
    suffix: str | None,
    literal: str | None,
    particle: str | None,
    dropping: str | None,
    ascii: bool,
    extended: bool = False,
) -> str:
    """One CSL name as BibTeX writes it: ``von Last, Jr, First`` or ``{Corporate}``;
    with ``extended`` (BibLaTeX), a name with a particle in the extended format."""
    if literal is not None and not family:
        if literal == "others" and not (given or suffix or particle or dropping):
            return "others"
        return "{" + latex.encode(literal, ascii=ascii) + "}"
    if extended and (particle or dropping):
        pieces = [("family", family), ("given", given), ("suffix", suffix)]
        pieces.append(("prefix", particle or dropping))
        fields = [f"{key}={_extended_value(text, ascii)}" for key, text in pieces if text]
        fields.append(f"useprefix={'true' if particle else 'false'}")
        return ", ".join(fields)
    whole_family = " ".join(part for part in (dropping, particle, family) if part)
    family_text = _name_part(whole_family, ascii)
    given_text = _name_part(given or "", ascii)
    suffix_text = _name_part(suffix or "", ascii)
    if suffix_text:
        # An empty given name is "{}": "Last, Jr," alone would read as "Last, First".
        return f"{family_text}, {suffix_text}, {given_text or '{}'}"
    if given_text:
        return f"{family_text}, {given_text}"
    # Any white space splits words (a tab too), and so does a tie: '~' is how a no-break
    # space is written.
    if len(family_text.strip("{}").replace("~", " ").split()) > 1:
        # "{GNU Project}," : one family of several words (alone, "{GNU Project}" would
        # be a corporate name and "GNU Project" a given name plus a family name).
        return "{" + family_text + "},"
    if family_text == "others":
        # Alone, 'others' is BibTeX's "et al." marker: 'others,' is a family called Others.
        return "others,"
    if family_text.startswith("{") and family_text.endswith("}"):
        # '{\ss}' (--ascii's ß) alone is a corporate name; 'Last,' is always a family.
        return family_text + ","
    return family_text


def _name_part(text: str, ascii: bool) -> str:
    encoded = latex.encode(text, ascii=ascii)
    # BibTeX splits name lists at "and" in any case ("AND", "And"): such a word is braced.
    if "," in encoded or BIBTEX_AND.search(f" {encoded} "):
        return "{" + encoded + "}"
    return encoded


def _extended_value(text: str, ascii: bool) -> str:
    encoded = latex.encode(text, ascii=ascii)
    return "{" + encoded + "}" if any(c in encoded for c in ",=") else encoded
