"""RIS names <-> CSL names: 'Family, Given, Suffix' and the comma-less forms exporters
write (``A. B. Smith``, ``Claude E. Shannon``, ``Smith AB``), one a line or several
joined with ``;``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, cast

from bibconv._vocab import ET_AL_WORDS, is_suffix
from bibconv.diagnostics import warning
from bibconv.formats.ris.fields import Field, Mapped, collapse
from bibconv.model import OTHERS, CslName

#: ``A. B. Smith`` (IEEE Xplore writes names given name first): initials, then the rest.
_INITIALS_FIRST: Final = re.compile(
    r"([A-Z]\.(?:(?: +| *- *)[A-Z]\.)*) +((?:(?:van|von|der|den|de|la|le|du|da|di|del) )*"
    r"[A-Z][^\s.]+(?: [A-Z][^\s.]+)?)"
)


#: ``Claude E. Shannon`` (JSTOR writes names given name first): a given name and
#: middle initials make a person, however the family name is spelled.
_GIVEN_INITIALS_FAMILY: Final = re.compile(
    r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z]\.)+) ((?:(?:van|von|der|den|de|la|le|du|da|di) )*"
    r"[A-Z][^\s.]+(?:-[A-Z][^\s.]+)?)"
)


#: ``Smith JA`` (MEDLINE's form, in Ovid and PubMed-derived RIS): a family name of up to
#: three words with a lower-case letter, then up to three capital initials.
_FAMILY_INITIALS: Final = re.compile(r"(\S*[a-z]\S*(?: \S+){0,2}) ([A-Z]{1,3})")


def parse_name(text: str) -> CslName | None:
    """``Family, Given, Suffix`` (RIS); text without a comma is a literal (a body, a group).

    Two comma-less shapes that exporters write for people are read as people:
    ``A. B. Smith`` (IEEE Xplore) and ``Smith AB`` (MEDLINE), the latter with its
    initials spelled ``A. B.``. ``others`` (or ``et al.``) is the "et al." marker.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if "," not in text:
        return _name_without_comma(text)
    parts = [p.strip() for p in text.split(",", 2)]
    if len(parts) == 3 and is_suffix(parts[1]) and not is_suffix(parts[2]):
        parts = [parts[0], parts[2], parts[1]]  # "King, Jr., Martin Luther" (BibTeX's order)
    name: CslName = {}
    if parts[0]:
        name["family"] = parts[0]
    if parts[1]:
        name["given"] = parts[1]
    if len(parts) == 3 and parts[2]:
        name["suffix"] = parts[2]
    return name or None


def _name_without_comma(text: str) -> CslName:
    if text.lower() in ET_AL_WORDS:
        return OTHERS.copy()
    initials_first = _INITIALS_FIRST.fullmatch(text) or _GIVEN_INITIALS_FAMILY.fullmatch(text)
    if initials_first:
        return {"family": initials_first[2], "given": " ".join(initials_first[1].split())}
    family_initials = _FAMILY_INITIALS.fullmatch(text)
    if family_initials:
        given = " ".join(f"{letter}." for letter in family_initials[2])
        return {"family": family_initials[1], "given": given}
    return {"literal": text}


def format_name(name: CslName) -> str:
    """The RIS form of a name; parts RIS has no place for are folded in as printed."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    parts = [family, given, *([name["suffix"]] if name.get("suffix") else [])]
    # "Smith," (family alone) and ", Plato" (given alone) read back as what they were.
    return ", ".join(parts).rstrip() if any(parts) else ""


def names_to_csl(fields: Sequence[Field], current: Any) -> Mapped:
    """One name a line; a line with ``;`` holds several (``Smith, J; Doe, K``).

    A synonym tag that repeats names already read (ACM writes each author as ``AU``
    and again as ``A1``) adds nothing.
    """
    names: list[CslName] = []
    problems = []
    for f in fields:
        for piece in collapse(f).split(";"):
            name = parse_name(piece)
            if name is not None:
                names.append(name)
            elif ";" not in f.value:
                problems.append(warning("ris.empty-name", f"empty name in '{f.tag}'", f.location))
    known: list[CslName] = list(current or [])
    if known and all(name in known for name in names):
        return Mapped(known, [], problems)
    return Mapped([*known, *names] or None, [], problems)


def names_from_csl(value: Any) -> list[str]:
    names = value if isinstance(value, list) else []
    texts = [format_name(cast(CslName, n)) for n in names if isinstance(n, dict)]
    return [t for t in texts if t]
