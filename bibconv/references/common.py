"""What every part of a reference's parse uses: the `Reference` record, text tests
(abbreviations, dashes, mentions), punctuation clean-up, pages and dates into fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from bibconv._vocab import MONTHS
from bibconv.model import CslItem, date_parts
from bibconv.pages._text import fold_space
from bibconv.references.names import is_initials, is_organisation, parse_names
from bibconv.references.patterns import _YEAR

_EDITION: Final = re.compile(
    r"\(?\b(\d{1,2})(?:st|nd|rd|th)\.?\s?(?:ed\.?|edn\.?|edition)(?=[\s,.;)]|$)\)?"
    r"|\b(?:(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth)"
    r"|(Revised|Rev\.|Expanded|Enlarged|Updated|Abridged))\s(?:ed\.?|edn\.?|edition)",
    re.I,
)


_ORDINALS: Final = {
    "first": "1", "second": "2", "third": "3", "fourth": "4",
    "fifth": "5", "sixth": "6", "seventh": "7", "eighth": "8",
}  # fmt: skip

#: "pp. 45–67", "p. 3", "pages 1–10", German "S. 45–67" ("S71–S102" is a supplement's pages).
_PAGES_LABELLED: Final = re.compile(
    r"(?:p(?<!\wp)(?:p?|ages?)\.?\s?|S(?<!\wS)(?:\.\s?|\s))"
    # (an article number with its letter: IEEE "p. P10008")
    r"([A-Z]?\d[\w]{0,9}(?:\s?[-–—‐]{1,2}\s?[\w]{0,10}\d[\w]{0,9})?)"
)


_PAGES_AFTER_COLON: Final = re.compile(
    r":\s?(\d[\w]{0,9}\s?[-–—‐]{1,2}\s?[\w]{0,10}\d[\w]{0,9}|\d{1,7})\b"
)


_PAGES_BARE: Final = re.compile(
    r"(\d(?<![\w(./:-]\d)\d{0,6})\s?[-–—‐]{1,2}\s?(\d{1,7})(?![\w)/:-])"
)
#: With a letter before each number: "S71–S102", "L51–L53" (supplements, letters); tried
#: only when no plain range is found (a letter first makes the engine try every capital).
_PAGES_LETTERED: Final = re.compile(
    r"([A-Z](?<![\w(./:-][A-Z])\d{1,7})\s?[-–—‐]{1,2}\s?([A-Z]\d{1,7})(?![\w)/:-])"
)


_ARTICLE_NUMBER: Final = re.compile(r"\b(?:Article|Art\.)\s(?:No\.\s)?(\w{1,12})", re.I)


_VOL_LABELLED: Final = re.compile(
    # (IEEE's letter volumes: "vol. PAMI-8")
    r"\b(?:vols?|volumes?|Bd)\.?\s?(\d[\w.\-]{0,10}(?:\s?[–-]\s?\d{1,4})?|[A-Z]{2,6}-\d{1,4}\b|[IVXLC]{1,8}\b)",
    re.I,
)


_ISSUE_LABELLED: Final = re.compile(
    r"\b(?:no|nr|issue|iss|num|number)\.?\s?(\d[\w\-/]{0,10})", re.I
)


#: "12(3)", "47(1-2)", "9(Suppl)"; a series before the volume, "s2-42(1)"; issues with a
#: letter or a part, "74(366a)", "98(5, Part 2)".
_VOL_ISSUE: Final = re.compile(
    r"(\d(?<![\w.\-]\d)\d{0,4})\s?"
    r"\((\d{1,5}(?:\s?[-–/]\s?\d{1,5}|[a-z]|,\sPart\s\d{1,2})?|[A-Z][a-z]{2,8}|S\d{1,3})\)"
)
#: A series before the volume: "Proc. Lond. Math. Soc. s2-42(1)", IEEE's lettered volumes
#: "IEEE Trans. Comput. C-35(8)" (tried when no plain one is).
_SERIES_VOL_ISSUE: Final = re.compile(
    r"((?:[a-z](?<![\w.\-][a-z])\d{1,2}|[A-Z](?<![\w.\-][A-Z])[A-Z]{0,3})-\d{1,5})\s?\((\d{1,5})\)"
)


# ACM: "Journal 41, 6 (1990), 391–407", a journal without issues "J. Artif. Intell. Res.
# 26 (2006), 101–126"; Google Scholar MLA: "Journal 2.1–2 (2008): 1-135".
_ACM_TAIL: Final = re.compile(
    rf"(?P<volume>\d(?<![\w.]\d)\d{{0,4}})(?:,\s(?P<issue>\d{{1,5}}))?(?:,\sArticle\s(?P<article>\w{{1,12}}))?\s"
    rf"\((?:(?P<month>[A-Z][a-z]{{2,8}})\.?\s)?(?P<year>{_YEAR})\)"
    # ACM counts an article's pages: "Article 19 (Dec. 2015), 19 pages"
    r"(?:,\s\d{1,4}\spages)?"
    # With no month it is ACM only when pages follow: Nature ends "Quantum 2, 79 (2018)".
    rf"(?(month)|(?=,\s[A-Za-z]?\d))"
)


#: Volume, issue, year in brackets and pages at a journal's end: Elsevier "Nat. Photonics 8
#: (2014) 506–514", "J. Phys. 12 (3) (2001) 45–67", "Nat. Commun. 9 (2018) 1234" (an article
#: number); AMS "64 (1956), 399–405"; SIAM "19 (1965), pp. 297–301".
_BRACKETED_YEAR_LOCATORS: Final = re.compile(
    rf"(?P<volume>\d(?<![\w.]\d)\d{{0,4}}[A-Z]?)(?:\s?\((?P<issue>\d{{1,5}}(?:[-–]\d{{1,5}})?)\))?"
    rf"\s\((?P<year>{_YEAR})\),?\s(?:pp?\.\s)?"
    rf"(?P<page>[A-Za-z]?\d\w{{0,9}}(?:\s?[-–]\s?[A-Za-z]?\d\w{{0,9}})?)\.?$"
)


_DOTTED_VOLUME: Final = re.compile(
    rf"(?P<volume>\d(?<![\w.]\d)\d{{0,3}})\.(?P<issue>\d{{1,4}}(?:[-–]\d{{1,4}})?)\s\((?P<year>{_YEAR})\)"
)


# A full stop after a lowercase word (not "et al." or "Jr."): the end of a sentence.
_SENTENCE_INSIDE: Final = re.compile(r"\.(?<!\bet al\.)(?<!\bJr\.)(?<!\bSr\.)(?<=[a-z]{2}\.)\s")


_PAGE_DASH: Final = re.compile(r"\s?[-–—‐]{1,2}\s?")


_YEAR_RE: Final = re.compile(_YEAR)


_NEXT_ABBREVIATION: Final = re.compile(r"\s(?:[A-Z][a-z]{2,12}\s)?([A-Z][a-z]{0,8})\.")

#: Abbreviated venue words of up to five letters (or initials, "U.S.") make a run even when
#: no list knows them ("Elect. Eng.", "Conv. Rec.", "Ark. Mat."); a longer word may be a
#: sentence's last ("Springer.").
_SHORT_ABBREVIATED: Final = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){1,3}")


# Abbreviations whose period does not end a title ("vs.", "Vol.", "e.g.", "U.S.").
_ABBREVIATIONS: Final = frozenset(
    [
        "vs",
        "etc",
        "al",
        "eg",
        "ie",
        "cf",
        "vol",
        "no",
        "pp",
        "ed",
        "eds",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "fig",
        "approx",
    ]
)


# Truncated words of abbreviated venue names (ISO 4 style, as IEEE and Vancouver print
# them): "Proc. IEEE Conf. Comput. Vis. Pattern Recognit." is one venue, not five sentences.
_VENUE_ABBREVIATIONS: Final = frozenset(
    [
        "proc",
        "conf",
        "int",
        "intl",
        "comput",
        "vis",
        "recognit",
        "trans",
        "assoc",
        "linguist",
        "annu",
        "meet",
        "mach",
        "learn",
        "res",
        "inf",
        "syst",
        "symp",
        "lett",
        "rev",
        "phys",
        "natl",
        "acad",
        "sci",
        "eng",
        "electron",
        "commun",
        "med",
        "biol",
        "chem",
        "math",
        "stat",
        "soc",
        "am",
        "appl",
        "theor",
        "artif",
        "intell",
        "netw",
        "lang",
        "technol",
        "softw",
        "knowl",
        "manag",
        "robot",
        "autom",
        "acoust",
        "graph",
        "interact",
        "hum",
        "secur",
        "oper",
        "adv",
        "sel",
        "mol",
        "genet",
        "j",
        "jpn",
        "eur",
        "dept",
        "univ",
        "lab",
        "process",
        *[
            "bull",
            "biophys",
            "psychol",
            "neurosci",
            "physiol",
            "anal",
            "ann",
            "arch",
            "behav",
            "bioinform",
            "biomed",
            "clin",
            "cogn",
            "des",
            "dev",
            "ecol",
            "econ",
            "educ",
            "environ",
            "exp",
            "geophys",
            "hist",
            "ind",
            "inform",
            "instrum",
            "mater",
            "mech",
            "microbiol",
            "nucl",
            "opt",
            "optim",
            "pharmacol",
            "philos",
            "polit",
            "psychiatr",
            "quant",
            "rep",
            "sociol",
            "stud",
            "surg",
            "zool",
            "nat",
            "comp",
        ],
        # More ISO 4 (LTWA) word abbreviations, from geosciences, physics, medicine and the
        # humanities; none is an English word that ends a sentence.
        *[
            "tech",
            "engl",
            "roy",
            "meteor",
            "meteorol",
            "geosci",
            "atmos",
            "oceanogr",
            "clim",
            "hydrol",
            "glaciol",
            "astron",
            "astrophys",
            "geol",
            "geogr",
            "planet",
            "spectrosc",
            "crystallogr",
            "catal",
            "polym",
            "inorg",
            "biochem",
            "immunol",
            "endocrinol",
            "cardiol",
            "oncol",
            "neurol",
            "radiol",
            "pediatr",
            "epidemiol",
            "infect",
            "nutr",
            "gastroenterol",
            "dermatol",
            "ophthalmol",
            "obstet",
            "gynecol",
            "respir",
            "anesth",
            "ling",
            "philol",
            "anthropol",
            "archaeol",
            "relig",
            "theol",
            "financ",
            "ser",
            "suppl",
            "lect",
            "adm",
            "agric",
            "bot",
            "entomol",
            "vet",
            "photon",
            "electrochem",
            "condens",
            "cosmol",
            "thermodyn",
            "hydrodyn",
            "magn",
            "nanotechnol",
            "mod",
            "org",
            "angew",
            "struct",
            "cybern",
            "sect",
        ],
    ]
)


#: Venue abbreviations that are English words too: in a title they end a sentence
#: ("Der Process. Die Schmiede", "... judicial process. New Haven").
_ENGLISH_WORDS: Final = frozenset({"process", "mod", "learn", "bull", "arch", "comp"})


@dataclass(slots=True)
class Reference:
    """A reference parsed, before ids: the item and the problems met (code, message)."""

    item: CslItem
    problems: list[tuple[str, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------- identifiers

# Letters that re.IGNORECASE matches to ASCII letters but str.lower() does not lower to them.
_CASE_FOLD_ODDITIES: Final = ("İ", "ı", "ſ", "K")


def _mentions(text: str, *words: str) -> bool:
    """False only if no ``word`` can be in ``text`` in any case: then a slow case-blind
    pattern that needs one of them is not run (a substring test is ten times cheaper)."""
    lowered = _lowered(text)
    if lowered is None:
        return True
    for word in words:  # noqa: SIM110 (a generator in any() costs more than these tests)
        if word in lowered:
            return True
    return False


def _search_from_mention(
    pattern: re.Pattern[str], text: str, words: tuple[str, ...], reach: int
) -> re.Match[str] | None:
    """``pattern.search(text)`` for a case-blind pattern each of whose matches holds one of
    ``words`` at most ``reach`` characters after its start: the search starts ``reach``
    characters before the first word (the engine would try every position before it), and
    there is none when no word is there. Lookbehinds still see the text before the start."""
    lowered = _lowered(text)
    if lowered is None:
        return pattern.search(text)  # (folds differently: positions in ``lowered`` may not hold)
    first = -1
    for word in words:
        found = lowered.find(word)
        if found != -1 and (first == -1 or found < first):
            first = found
    return None if first == -1 else pattern.search(text, max(0, first - reach))


# A reference's text (and each stage of its source) is asked about a dozen times: lower it
# once (a str caches its hash, so the lookup is cheap).
@lru_cache(maxsize=64)
def _lowered(text: str) -> str | None:
    """``text`` lowered; None when it holds a letter case-blind patterns fold differently."""
    if not text.isascii() and any(odd in text for odd in _CASE_FOLD_ODDITIES):
        return None  # (isascii is a flag lookup; the oddities are rare)
    return text.lower()


# Marks and ASCII digits that never stand in a list of names.
_NOT_IN_NAMES: Final = re.compile(r'["“”?!:()\[\]0-9]')
# Numbered suffixes are the digits a name may print: Vancouver "Stokes J 3rd".
_NUMBERED_SUFFIX: Final = re.compile(r" (?<=\w )(?:2nd|3rd|4th)\b")


#: The country NLM prints after an organisation's name: "(US)", "(UK)", "(CA)".
_COUNTRY_AFTER_ORGANISATION: Final = re.compile(r"\s\([A-Z]{2,3}\)\.?$")
_COUNTRY_ENDS: Final = (")", ").", ")\n", ").\n")  # ("$" matches before a last newline)


# Heads try the same candidate author list in several shapes (and editors twice).
@lru_cache(maxsize=2048)
def looks_like_authors(text: str) -> bool:
    """True if ``text`` reads as a list of personal or organisational names."""
    text = text.strip().rstrip(",")
    # (searched only where its end can be: most author lists end with no bracket)
    country = _COUNTRY_AFTER_ORGANISATION.search(text) if text.endswith(_COUNTRY_ENDS) else None
    if country is not None and is_organisation(text[: country.start()]):
        return True  # NLM's group authors: "National Library of Medicine (US)"
    if (
        not text
        or len(text) > 1500
        # (a suffix is taken out only where a digit or mark was found: most lists have none)
        or (_NOT_IN_NAMES.search(text) and _NOT_IN_NAMES.search(_NUMBERED_SUFFIX.sub("", text)))
        # ASCII text has no digits but 0-9; other text may ("²"), checked one by one.
        or (not text.isascii() and any(ch.isdigit() for ch in text))
    ):
        return False
    if _SENTENCE_INSIDE.search(text[:-1]):
        return False  # "Deep Learning. Cambridge": a sentence ended inside, not a name list
    names = parse_names(text)
    if not names:
        return False
    people = [n for n in names if "literal" not in n]
    if len(names) > 1 and any("given" not in n for n in people):
        return False  # in a list every person has a given name or initials
    for name in names:
        literal = name.get("literal")
        if literal is not None:
            if literal != "others" and (len(literal.split()) > 6 or not literal[:1].isupper()):
                return False
            continue
        family = name.get("family", "")
        if not family or len(family.split()) > 3 or len(family.rstrip(".")) < 2:
            return False
        if (
            not family[:1].isupper()
            and not family.split(" ")[-1][:1].isupper()
            and not _JOINED_PARTICLE.match(family)  # "deSouza", "vanDam": a particle run in
        ):
            return False
        given = name.get("given", "")
        if given and len(given.split()) > 3 and not is_initials(given):
            return False  # (four initials are one given name: "C. J. C. H. Watkins")
        if given and not given[:1].isupper():
            return False
    return True


#: A family name whose lowercase particle is printed joined to it: "deSouza", "vanDam".
_JOINED_PARTICLE: Final = re.compile(r"(?:de|van|von|di|da|du|le|la|mac|ten)[A-Z][a-z]")


#: A capitalised word, an initial and a capitalised word (the window ends after the initial's
#: period, its space and the next word's first letter).
_MIDDLE_INITIAL: Final = re.compile(r".*(?<![\w.])[A-Z][a-z]+\s[A-Z]\.\s[A-Z]$")


#: A name's word after an initial's period: " Rouge", " Nicol".
_NAME_AFTER_INITIAL: Final = re.compile(r" [A-ZÀ-Þ][a-zà-ÿ]")


def _is_abbreviation(text: str, index: int, *, venue: bool = False) -> bool:
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:index]
    lowered = word.lower()
    if lowered in _ABBREVIATIONS or (
        lowered in _VENUE_ABBREVIATIONS and (venue or lowered not in _ENGLISH_WORDS)
    ):
        return True
    # A single capital ("U.S.", "Part A.") is an initial only inside a run of them, or
    # when it opens an abbreviated venue ("Q. J. Roy. Meteor. Soc.") or follows an
    # abbreviation or initial ("Proc. R. Soc. A", "W. H. Freeman").
    if len(word) != 1:
        # In a source (not a title), a run of abbreviated words is one venue.
        return venue and _inside_abbreviated_run(text, start, index, word)
    if start == 0:
        return text[index + 1 : index + 3].strip()[:1].isupper()
    if text[start - 1] == ".":
        return True
    if text[start - 2 : start] == ", " and _NAME_AFTER_INITIAL.match(text, index + 1):
        return True  # a name's initial after a comma: "..., F. Rouge, Lausanne"
    if venue and _MIDDLE_INITIAL.match(text, max(0, start - 20), index + 3) is not None:
        return True  # a name's middle initial in a source: "Alfred A. Knopf", "Frederick A. Stokes"
    if text[start - 2 : start] != ". ":
        return False
    before = text[: start - 2]
    previous = before[before.rfind(" ") + 1 :]
    return len(previous) == 1 or previous.lower() in _VENUE_ABBREVIATIONS


def _inside_abbreviated_run(text: str, start: int, index: int, word: str) -> bool:
    """A short capitalised word with a period in ISO 4 abbreviations' company: next to a
    known one ("ACM Trans. Program. Lang. Syst.", "Monatsh. Math. Phys.", "Mol. Biol.
    Evol.", one full word between: "Mon. Weather Rev."), or in a run of such words, known or
    not ("Trans. Amer. Inst. Elect. Eng.", "Ark. Mat. Astr. Fys.", "IRE WESCON Conv. Rec.")."""
    if not (word[:1].isupper() and 2 <= len(word) <= 9 and word.isalpha()):
        return False
    before = text[: max(0, start - 1)]
    previous = before[before.rfind(" ") + 1 :]
    if previous.endswith(".") and previous[:-1].lower() in _VENUE_ABBREVIATIONS:
        return True
    following = _NEXT_ABBREVIATION.match(text, index + 1)
    if following is not None and following.group(1).lower() in _VENUE_ABBREVIATIONS:
        return True
    # Two short abbreviated words side by side: no sentence of a source ends in such a pair.
    if not _SHORT_ABBREVIATED.fullmatch(f"{word}."):
        return False
    after = text[index + 1 : index + 9]
    return bool(
        _SHORT_ABBREVIATED.fullmatch(previous)
        or (after[:1] == " " and _SHORT_ABBREVIATED.match(after, 1))
    )


# ----------------------------------------------------------------------------- source


def _strip_punct(text: str, *, venue: bool = False) -> str:
    """Separators off both ends, except the period of an abbreviation ("Neural Comput.")."""
    text = text.lstrip(" ,.;:")
    while True:
        text = text.rstrip(" ,;:")
        if text.endswith(".") and not _is_abbreviation(text, len(text) - 1, venue=venue):
            text = text[:-1]
            continue
        return text


def _remove(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()].rstrip()} {text[match.end() :].lstrip()}".strip()


def _put_locators(fields: dict[str, Any], match: re.Match[str]) -> None:
    """A journal end's ``volume`` and ``page`` groups into ``fields``, and its ``issue``
    group where it matched (ACS, Elsevier's bracketed year)."""
    fields["volume"], fields["page"] = match.group("volume"), _normalize_pages(match.group("page"))
    if match.group("issue"):
        fields["issue"] = match.group("issue")


def _normalize_pages(raw: str) -> str:
    """ "436–44" -> "436-444"; en and em dashes and "--" become one hyphen."""
    parts = _PAGE_DASH.split(raw.strip())
    if len(parts) != 2:
        return raw.strip()
    first, last = parts
    if first.isdecimal() and last.isdecimal() and len(last) < len(first) and int(last) > 0:
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def _source_locators(source: str, fields: dict[str, Any]) -> str:
    """Volume, issue, pages and edition wherever the style puts them; returns the rest."""
    for pattern, key in ((_EDITION, "edition"),):
        # Every edition holds "ed" ("2nd ed.", "edn", "edition", "Revised") at most 8
        # characters after its start ("Seventh ed.").
        match = _search_from_mention(pattern, source, ("ed",), 8)
        if match and key not in fields:
            number = match.group(1) or _ORDINALS.get((match.group(2) or "").lower())
            # "Rev. ed." is spelled out as "Revised ed." is; "Expanded ed." is "Expanded".
            named = match.group(3) or ""
            fields[key] = number or (
                "Revised" if named.lower().startswith("rev") else named.title()
            )
            source = _remove(source, match)
    for pattern in (_ACM_TAIL, _DOTTED_VOLUME):
        tail = pattern.search(source) if "(" in source else None  # "(year)" in both
        if tail and "volume" not in fields:
            fields["volume"] = tail.group("volume")
            if tail.group("issue"):
                fields["issue"] = tail.group("issue")
            if tail.groupdict().get("article"):
                fields["number"] = tail.group("article")
            month = tail.groupdict().get("month")
            if month and _year_of(fields) == int(tail.group("year")[:4]):
                _set_date(fields, tail.group("year"), month)  # ACM: "16, 2 (May 1998)"
            source = _remove(source, tail)
    match = _PAGES_LABELLED.search(source)
    if match and "page" not in fields:
        fields["page"] = _normalize_pages(match.group(1))
        source = _remove(source, match)
    match = _VOL_LABELLED.search(source) if _mentions(source, "vol", "bd") else None
    if match and "volume" not in fields:
        fields["volume"] = _PAGE_DASH.sub("-", match.group(1).rstrip("."))
        if _is_own_sentence(source, match):
            fields["book_locators"] = True  # Chicago/MLA "Title. Vol. 1. London: X": the book's
        source = _remove(source, match)
    match = _ISSUE_LABELLED.search(source) if _mentions(source, "no", "nr", "iss", "num") else None
    if match and "issue" not in fields:
        fields["issue"] = match.group(1)
        source = _remove(source, match)
    match = (
        (_VOL_ISSUE.search(source) or _SERIES_VOL_ISSUE.search(source)) if "(" in source else None
    )
    if (
        match
        and "volume" not in fields
        and not _YEAR_RE.fullmatch(match.group(1))
        and not _YEAR_RE.fullmatch(match.group(2))
    ):
        fields["volume"], fields["issue"] = match.group(1), match.group(2)
        source = source[: match.start()] + " " + source[match.end() :]
    if "page" not in fields:
        match = (_PAGES_AFTER_COLON.search(source) if ":" in source else None) or (
            (_PAGES_BARE.search(source) or _PAGES_LETTERED.search(source))
            if _has_dash(source)
            else None
        )
        if match:
            fields["page"] = _normalize_pages(match.group(0).lstrip(": "))
            source = source[: match.start()] + " " + source[match.end() :]
    match = _ARTICLE_NUMBER.search(source) if _mentions(source, "art") else None
    if match and "number" not in fields:
        fields["number"] = match.group(1)
        source = _remove(source, match)
    return fold_space(source)


def _is_own_sentence(source: str, match: re.Match[str]) -> bool:
    """ "Vol. 1. London: ..." opens the source as a sentence of its own (a book's volume),
    unlike a journal's "Phonetica, vol. 61, no. 4"."""
    after = source[match.end() - 1 : match.end() + 2]  # the number may have taken the period
    return not source[: match.start()].strip(" .") and (after[1:] == ". " or after[:2] == ". ")


def _has_dash(text: str) -> bool:
    """A page range needs one of :data:`_PAGES_BARE`'s dashes."""
    return "-" in text or "–" in text or "—" in text or "‐" in text


def _year_of(fields: dict[str, Any]) -> int | None:
    issued = fields.get("issued")
    parts = issued.get("date-parts") if issued else None
    return int(parts[0][0]) if parts and parts[0] else None


def _set_date(fields: dict[str, Any], year: str, date: str | None) -> None:
    number = int(year[:4])
    month = day = None
    if date:
        words = date.replace(",", " ").split()
        for word in words:
            if word.rstrip(".").lower() in MONTHS:
                month = MONTHS[word.rstrip(".").lower()]
            elif word.isdecimal() and 1 <= int(word) <= 31:  # isdigit: '²' too
                day = int(word)
    fields["issued"] = date_parts(number, month, day if month else None)
    if len(year) > 4:
        fields["year-suffix"] = year[4:]
