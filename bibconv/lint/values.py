"""Checks on one field value's text, with no knowledge of entries or files.

Each function takes the text of one literal piece (what sits between a value's ``{}`` or
``""`` delimiters) or a whole expanded value, and returns problems as offsets into that
text, so the caller can place them in the file. They are pure and fast: the linter calls
them on every field of a 27,000-entry file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from bibconv._vocab import (
    DOI_RESOLVER,
    DOI_START,
    MONTH_NAMES,
    MONTHS,
    SEASONS,
    SUFFIXES,
    split_bibtex_names,
)

# ----------------------------------------------------------------------------- month / year

# Month names, their 3-letter abbreviations and "sept" (the one table), and 4-letter ones
# ("June", "Sept", "Octo"): a month field may print any of them.
_MONTH_WORDS: Final = frozenset([*MONTHS, *(name.lower()[:4] for name in MONTH_NAMES)])
_MONTH_TOKEN: Final = re.compile(r"[A-Za-z]+|\d+")


def month_problem(value: str) -> str | None:
    """Why ``value`` (an expanded month field) is not a month, or None if it is one.

    Accepted: month names and 3/4-letter abbreviations (any case, optional period), 1..12,
    seasons, ranges and lists of those, and day numbers after a name ("June 15--17").
    """
    text = value.strip()
    if not text:
        return "month is empty"
    tokens = _MONTH_TOKEN.findall(text.replace("~", " "))
    if not tokens:
        return f"month {value!r} is not a month"
    seen_name = False
    for token in tokens:
        low = token.lower()
        if low.isdecimal():
            # A bare number must be 1..12; numbers after a month name are days.
            if not seen_name and not 1 <= int(low) <= 12:
                return f"month {value!r} is not a month (expected 1..12 or jan..dec)"
            if seen_name and not 1 <= int(low) <= 31:
                return f"month {value!r} has an impossible day {token}"
        elif low in _MONTH_WORDS or low in SEASONS:
            seen_name = True
        else:
            return f"month {value!r} is not a month (expected jan..dec, 1..12 or a name)"
    return None


_YEAR: Final = re.compile(r"\d{4}")
_YEAR_RANGE: Final = re.compile(r"(\d{4})[a-z]?(?:\s*(?:--?|–|/)\s*(\d{2}|\d{4}))?[a-z]?")
_YEAR_WORDS: Final = frozenset(
    ["in press", "forthcoming", "to appear", "submitted", "in preparation", "accepted", "n.d."]
)
#: Printing starts in the 1450s; anything earlier in a .bib is almost always a typo, and
#: works "from" two years ahead are not yet real.
MIN_YEAR: Final = 1450
YEAR_AHEAD: Final = 2


def year_problem(value: str, this_year: int) -> str | None:
    """Why ``value`` (an expanded year field) is not a plausible year, or None."""
    text = value.strip().strip("{}")
    if text.lower().strip(".") in {w.strip(".") for w in _YEAR_WORDS}:
        return None
    match = _YEAR_RANGE.fullmatch(text)
    if match is None:
        return f"year {value!r} is not a four-digit year"
    years = [int(match.group(1))]
    if match.group(2) and len(match.group(2)) == 4:
        years.append(int(match.group(2)))
    for year in years:
        if not MIN_YEAR <= year <= this_year + YEAR_AHEAD:
            return f"year {value!r} is implausible (expected {MIN_YEAR}..{this_year + YEAR_AHEAD})"
    return None


# ----------------------------------------------------------------------------- pages

#: A single hyphen between two page numbers ("12-34", "S12-S19", "e101-e109"), not part of
#: "--" or "---". Page tokens must hold a digit so "pre-print" or "A-Z" are left alone.
_PAGE_HYPHEN: Final = re.compile(
    r"(?<![\w-])([A-Za-z]{0,3}\d+[A-Za-z]{0,2})\s*(?<!-)-(?!-)\s*([A-Za-z]{0,3}\d+[A-Za-z]{0,2})(?![\w-])"
)


def single_hyphens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each single-hyphen page range separator (with its spaces) in ``text``."""
    spans = []
    for match in _PAGE_HYPHEN.finditer(text):
        spans.append((match.end(1), match.start(2)))
    return spans


# ----------------------------------------------------------------------------- escapes

#: Commands whose argument is verbatim, so specials inside are fine.
_VERBATIM_COMMANDS: Final = ("\\url{", "\\href{", "\\path{", "\\nolinkurl{", "\\verb")
_SPECIALS: Final = frozenset("&%#_")


def has_special(text: str) -> bool:
    """Whether ``text`` holds any of & % # _ (four C-level scans beat one regex class)."""
    return "&" in text or "%" in text or "#" in text or "_" in text


def unescaped_specials(text: str) -> list[int]:
    """Offsets of &, %, # and _ that are not escaped, outside math and verbatim commands."""
    if not has_special(text):
        return []
    found: list[int] = []
    i, n = 0, len(text)
    in_math = False
    while i < n:
        c = text[i]
        if c == "\\":
            skip = _verbatim_end(text, i)
            i = skip if skip is not None else i + 2  # "\&", "\\" and friends
            continue
        if c == "$":
            in_math = not in_math
        elif c in _SPECIALS and not (in_math and c == "_"):
            found.append(i)
        i += 1
    return found


def _verbatim_end(text: str, i: int) -> int | None:
    """If a verbatim command starts at ``i``, the offset just past its argument."""
    for command in _VERBATIM_COMMANDS:
        if text.startswith(command, i):
            if command == "\\verb":
                if i + 5 >= len(text):
                    return None
                close = text.find(text[i + 5], i + 6)
                return len(text) if close == -1 else close + 1
            return _closing_brace(text, i + len(command))
    return None


def _closing_brace(text: str, start: int) -> int:
    """Offset just past the ``}`` closing the group whose content starts at ``start``."""
    depth = 1
    for j in range(start, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


# ----------------------------------------------------------------------------- capitals

_BRACES: Final = re.compile(r"[{}]")
_MATH: Final = re.compile(r"\$[^$]*\$")
#: A capital right after a letter or digit: the cheap test that a title needs a closer look.
_INNER_CAPITAL: Final = re.compile(r"[\w'’.][A-ZÀ-ÖØ-ÞĀ-Ž]")
_WORD: Final = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


@dataclass(frozen=True, slots=True)
class Unprotected:
    """A word a style would lower-case, and the braces that protect it."""

    start: int
    end: int
    word: str
    protected: str  # the replacement text: "{BERT}", "{LLM}s"


def unprotected_capitals(text: str) -> list[Unprotected]:
    """Words outside braces with a capital after their first letter (BERT, CharacterBot).

    A sentence-case style lower-cases every letter at brace depth 0 except the first one
    of the title, so such words lose their meaning. Single capitals (a leading "A") are
    what the style means to lower-case and are left alone, as are command names.
    """
    found: list[Unprotected] = []
    if _INNER_CAPITAL.search(text) is None:
        return found
    # Math ($XY$) is symbols, not words; braces inside it would change the formula.
    math = [m.span() for m in _MATH.finditer(text)] if "$" in text else []
    for start, end in _depth0_runs(text):
        if _INNER_CAPITAL.search(text, start, end) is None:
            continue  # capitals only inside braces here: already protected
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            if match.start() > 0 and text[match.start() - 1] == "\\":
                continue  # a command name (\LaTeX): not a word
            if math and any(s <= match.start() < e for s, e in math):
                continue
            for part_start, part in _hyphen_parts(word, match.start()):
                if _has_inner_capital(part):
                    found.append(
                        Unprotected(part_start, part_start + len(part), part, _protect(part))
                    )
    return found


def _hyphen_parts(word: str, offset: int) -> list[tuple[int, str]]:
    """Split "LSTM-based" into its parts, so only "LSTM" is protected."""
    parts = []
    position = offset
    for part in word.split("-"):
        if part:
            parts.append((position, part.strip(".'’")))
        position += len(part) + 1
    return parts


def _has_inner_capital(word: str) -> bool:
    rest = word[1:]
    if rest == rest.lower():
        return False
    return sum(c.isalpha() for c in word) >= 2


def _protect(word: str) -> str:
    """Braces for ``word``: "{LLM}s" for an acronym plural (CONVENTIONS), else "{word}"."""
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return "{" + word[:-1] + "}s"
    return "{" + word + "}"


def _depth0_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of ``text`` outside any brace group."""
    if "{" not in text:
        return [(0, len(text))] if text else []
    runs: list[tuple[int, int]] = []
    depth, start = 0, 0
    for match in _BRACES.finditer(text):  # visits braces only, not every character
        i = match.start()
        if match.group() == "{":
            if depth == 0 and i > start:
                runs.append((start, i))
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                start = i + 1
    if depth == 0 and start < len(text):
        runs.append((start, len(text)))
    return runs


# ----------------------------------------------------------------------------- DOI / URL

_DOI_PREFIX: Final = re.compile(rf"^\s*(?:{DOI_RESOLVER}|DOI:?\s*)", re.IGNORECASE)
_DOI: Final = re.compile(rf"{DOI_START}\S+")


@dataclass(frozen=True, slots=True)
class DoiProblem:
    message: str
    fixed: str | None  # the DOI without its prefix, when that is the only problem


def doi_problem(value: str) -> DoiProblem | None:
    """What is wrong with a DOI field's value, and the safe repair if there is one."""
    text = value.strip()
    prefix = _DOI_PREFIX.match(text)
    bare = text[prefix.end() :] if prefix else text
    bare_ok = _DOI.fullmatch(bare.replace("\\_", "_")) is not None
    if prefix and bare_ok:
        return DoiProblem(
            f"DOI has a resolver prefix {prefix.group().strip()!r}; write the bare DOI {bare!r}",
            bare,
        )
    if not text:
        return DoiProblem("DOI is empty (remove the field or give the DOI)", None)
    if _WHITE.search(text):
        return DoiProblem(f"DOI {value!r} contains spaces", None)
    if not bare_ok:
        return DoiProblem(f"DOI {value!r} is not of the form 10.NNNN/suffix", None)
    return None


_WHITE: Final = re.compile(r"\s")
_URL_SCHEME: Final = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.)", re.IGNORECASE)


def url_problem(value: str) -> str | None:
    """What is wrong with a URL field's value (spaces, no scheme), or None."""
    text = value.strip()
    if not text:
        return None
    if _WHITE.search(text):
        return f"URL {value!r} contains spaces"
    if not _URL_SCHEME.match(text.removeprefix("\\url{")):
        return f"URL {value!r} has no scheme (expected https://...)"
    return None


# ----------------------------------------------------------------------------- names

# In "Last, Jr, First" the middle part can only be a suffix, so a roman "V" is one too.
_SUFFIXES: Final = SUFFIXES | {"v"}
#: Name particles that begin a family name, capitalised or not ("Van Dyke, Dick").
_PARTICLES: Final = frozenset(
    [
        "da",
        "dal",
        "de",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ten",
        "ter",
        "st.",
        "san",
        "santa",
        "el",
        "al",
        "bin",
        "ibn",
        "mac",
        "mc",
    ]
)
_ENTITY: Final = re.compile(r"\\?&\\?#\d+;")  # "&#34;" HTML entities, not separators
_BARE_INITIALS: Final = re.compile(r"[A-Z]{1,3}")
_INITIAL: Final = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*|[A-Z]\.?")
_ET_AL: Final = re.compile(r"(?:(?<=\s)|^)et\.?[\s~]*al\b\.?", re.IGNORECASE)


def _strip_braces_at_depth0(name: str) -> tuple[str, int]:
    """The name with braced groups blanked (their commas do not count), and its comma count."""
    if "{" not in name:
        return name, name.count(",")
    out = []
    depth = 0
    for c in name:
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        out.append(c if depth == 0 and c not in "{}" else "x")
    flat = "".join(out)
    return flat, flat.count(",")


def name_list_problem(value: str) -> str | None:
    """Why a name list looks joined by commas or semicolons instead of "and", or None.

    BibTeX allows "Last, First" and "Last, Jr, First", so one comma (or two around a
    suffix) is fine; more commas, or "First Last, First Last", are a list joined wrongly.
    """
    return name_list_issues(value)[0]


def two_full_names(value: str) -> str | None:
    """The name that reads as "John Smith, Jane Doe" (one comma, two words either side).

    On its own this cannot be told from "Garcia Marquez, Gabriel Jose"; the caller
    decides with context (the file writes its names "First Last").
    """
    return name_list_issues(value)[1]


def name_list_issues(value: str) -> tuple[str | None, str | None]:
    """(name_list_problem, two_full_names) in one pass over the names."""
    if "," not in value and ";" not in value:
        return None, None
    if (
        "{" in value
        or "\n" in value
        or "\t" in value
        or "  " in value
        or "AND" in value
        or "And" in value
    ):
        names = [name.strip() for name in split_bibtex_names(value)]
    else:
        names = value.split(" and ")  # the usual spelling, split without a regex
    ambiguous = None
    last_first = False  # another name of this list is written "Last, First"
    for name in names:
        if "{" in name:
            flat, commas = _strip_braces_at_depth0(name)
        else:
            flat, commas = name, name.count(",")
        if ";" in flat and ";" in _ENTITY.sub("", flat) and not flat.strip().endswith(";"):
            return f"name list joined by ';' instead of 'and': {name.strip()!r}", None
        if commas == 0:
            continue  # "Jane Doe"
        if commas == 1 and " " not in flat[: flat.index(",")].strip():
            last_first = True  # "Doe, Jane"
            continue
        if commas >= 3:
            return f"name list joined by commas instead of 'and': {name.strip()!r}", None
        parts = flat.split(",")
        if commas == 2 and parts[1].strip().lower() not in _SUFFIXES:
            return f"name list joined by commas instead of 'and': {name.strip()!r}", None
        if commas == 1:
            before, after = parts[0].split(), parts[1].split()
            if _given_name_first(before, after):
                return f"name list joined by commas instead of 'and': {name.strip()!r}", None
            if ambiguous is None and _two_full_names(before, after):
                ambiguous = name.strip()
            else:
                last_first = True
    # A list whose other names are "Last, First" makes "Garcia Marquez, Gabriel" one more.
    return None, None if last_first else ambiguous


def _two_full_names(before: list[str], after: list[str]) -> bool:
    return (
        len(after) >= 2
        and before[0].lower() not in _PARTICLES  # "Dal Rí, Francesco": a family name
        and all(w[:1].isupper() for w in before + after)
    )


def name_order_counts(value: str) -> tuple[int, int]:
    """(names of two or more words, those of them written without a comma): how a file
    writes its names, measured cheaply (an "and" inside braces may split a name wrongly,
    which does not matter for a share over a whole file)."""
    total = first_last = 0
    for name in value.split(" and "):
        name = name.strip()
        if " " in name:
            total += 1
            first_last += "," not in name
    return total, first_last


def _given_name_first(before: list[str], after: list[str]) -> bool:
    """ "J. Smith, K. Doe": the part before the comma starts with an initial, so it is a
    whole "First Last" name, not the "Last" of "Last, First".

    "John Smith, Jane Doe" cannot be told from a two-word family name ("Garcia Marquez,
    Gabriel"), which real files are full of, so only initials count as evidence here.
    """
    if _INITIAL.fullmatch(before[0]) is not None and len(after) >= 2:
        return True
    # Vancouver style "Doe J, Smith K": no family name ends in bare initials.
    last = before[-1]
    return _BARE_INITIALS.fullmatch(last) is not None and last.lower() not in _SUFFIXES


def et_al_span(value: str) -> tuple[int, int] | None:
    """Where "et al." is typed in a name list, or None."""
    if not (("et" in value or "Et" in value or "ET" in value) and ("al" in value or "Al" in value)):
        return None  # nearly always: two substring scans instead of a regex
    if _ET_AL.search(value) is None:
        return None
    for start, end in _depth0_runs(value):
        match = _ET_AL.search(value, start, end)
        if match:
            return match.start(), match.end()
    return None


# ----------------------------------------------------------------------------- non-ASCII


def first_non_ascii(text: str) -> int | None:
    """Offset of the first non-ASCII character in ``text``, or None."""
    if text.isascii():
        return None
    return next(i for i, c in enumerate(text) if ord(c) > 127)
