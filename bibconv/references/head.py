"""A reference's head: the authors (or editors), the year and the title, in the orders styles
print them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from bibconv.references.common import (
    _is_abbreviation,
    _strip_punct,
    looks_like_authors,
)
from bibconv.references.names import is_organisation, parse_names
from bibconv.references.patterns import (
    _ACS_SOURCE,
    _APS_BOOK,
    _APS_TAIL,
    _BRACKETED_YEAR_TAIL,
    _COLLABORATION,
    _COMMA,
    _COPERNICUS_TAIL,
    _ENDS_WITH_INITIAL,
    _ET_AL_COLLABORATION,
    _GROUP_AUTHOR,
    _HEAD_COLON,
    _HEAD_DOT_YEAR,
    _HEAD_PAREN_YEAR,
    _IEEE_NAME,
    _IEEE_SOFTWARE,
    _IEEE_TITLE_END,
    _IN_AFTER_COMMA,
    _JOURNAL_CUE,
    _NAME_SEPARATOR,
    _NEXT_END_IS_EXCLAMATION,
    _NEXT_INITIAL,
    _NO_DATE_RE,
    _OPEN_QUOTES,
    _ORGANISATION_COLON,
    _ORGANISATION_SENTENCE,
    _PERSON_MARKS,
    _PLACE_COLON,
    _PUBLICATION_STATEMENT,
    _SENTENCE_END,
    _TITLE_AFTER_LIST,
    _TRAILING_SOURCE,
    _YEAR,
    _YEAR_LAST_END,
)

# ----------------------------------------------------------------------------- head


@dataclass(slots=True)
class Head:
    """Authors, year and title as the head of the reference printed them, and the rest."""

    authors: str
    year: str | None
    title: str
    rest: str
    date: str | None = None
    no_date: bool = False
    organisation: bool = False
    book: bool = False  # the source is a book's publisher part: "(Publisher, Place, 2000)"
    # "Authors: Title, ..." (Copernicus, LNCS), "A. Author, Title, ..." (Elsevier, IEEE): a
    # title may run to commas, and a source after it may be of commas only
    commas: bool = False
    editors: str = ""  # NLM "Organisation; Kohn LT, Corrigan JM, editors. Title": the book's
    version: str = ""  # IEEE software: "GIMP, version 2.10.34, 2023."
    quoted: bool = False  # the title was in quotes: all inside them is the title's


def split_head(text: str) -> Head:
    """Cut the head into authors / year / title by the first style shape that fits."""
    for shape in (
        _paren_year_head,
        _dot_year_head,
        _quoted_head,
        _colon_head,
        _given_first_comma_head,
        _inverted_comma_head,
        _software_head,
        _organisation_comma_head,
        _plain_head,
    ):
        head = shape(text)
        if head is not None:
            return head
    return Head("", None, "", text)


def _year_text(raw: str) -> tuple[str | None, bool]:
    if _NO_DATE_RE.fullmatch(raw):
        return None, True
    return raw, False


def _paren_year_head(text: str) -> Head | None:
    # No "(": no "(2020)" to find (the lazy pattern would step through 1,500 characters).
    match = _HEAD_PAREN_YEAR.match(text) if "(" in text else None
    if match is None:
        return None
    authors = match.group("auth").strip()
    if authors and not looks_like_authors(authors):
        colon = _head_colon(authors)
        if colon is not None and looks_like_authors(colon.group("auth")):
            return None  # LNCS "Author, A.: Title, (1940)": the year ends the reference
        if _ORGANISATION_COLON.match(authors) and is_organisation(authors.partition(":")[0]):
            return None  # LNCS "Python Software Foundation: Title. URL (2023)"
        if _title_before_year(authors):
            # APA with no author: the title moves to the author's place.
            year, no_date = _year_text(match.group("year"))
            rest = text[match.end() :]
            team, title = _team_before_title(_strip_punct(authors))
            return Head(
                team, year, title, rest, match.group("date"), no_date, organisation=bool(team)
            )
        return None
    year, no_date = _year_text(match.group("year"))
    title, rest = _title_of(text[match.end() :])
    # APA/Harvard print persons "Family, I."; an author with no comma is an organisation
    # (but "Efron B", Springer author-year, is a Vancouver name).
    organisation = bool(authors) and not _PERSON_MARKS.search(authors.rstrip("."))
    return Head(authors, year, title, rest, match.group("date"), no_date, organisation)


def _team_before_title(text: str) -> tuple[str, str]:
    """ "The pandas development team, pandas-dev/pandas: Pandas (v2.2.0)": an organisation
    named by its last word (a team, a group, a foundation), then the title; else no author."""
    first, _, title = text.partition(", ")
    words = first.split(" ")
    if title and len(words) >= 2 and first[:1].isupper() and is_organisation(words[-1]):
        return first, title
    return "", text


def _title_before_year(text: str) -> bool:
    # (a quoted title in it has its authors before it: MHRA "Williams, Raymond, 'Title', ...")
    return (
        8 < len(text) < 300
        and ". " not in text.rstrip(".")
        and not any(quote in text for quote in _TITLE_QUOTES)
    )


_TITLE_QUOTES: Final = ('"', "“", "‘", " '")


def _dot_year_head(text: str) -> Head | None:
    match = _HEAD_DOT_YEAR.match(text)
    if match is None or not looks_like_authors(match.group("auth")):
        return None
    year, no_date = _year_text(match.group("year"))
    title, rest = _title_of(text[match.end() :])
    return Head(match.group("auth"), year, title, rest, match.group("date"), no_date)


def _quoted_head(text: str) -> Head | None:
    for quote in _OPEN_QUOTE_CHAR.finditer(text, 0, 1500):
        index = quote.start()
        if index and text[index - 1] not in " ([":
            continue  # an apostrophe in a word ("O'Neil"), a quote in one ('Controlled/"Living"')
        authors = text[:index].strip().rstrip(",.:")
        if authors and not looks_like_authors(authors):
            return None
        title, rest = _quoted(text[index:])
        if title is None:
            return None
        return Head(authors, None, title, rest.lstrip(" ,.;:"), quoted=True)
    return None


#: After a closing quote, the title's next word: the quotes held only part of it.
_PART_QUOTED: Final = re.compile(r"\s\w")


def _quoted(text: str) -> tuple[str | None, str]:
    """A title in quotes at the start of ``text`` and what follows it."""
    close = _OPEN_QUOTES[text[0]]
    pos = 1
    while True:
        end = text.find(close, pos)
        if end == -1:
            return None, text
        after = text[end + 1 : end + 2]
        # An apostrophe is no closing quote: a closing quote is followed by a space or mark.
        if close not in "'’" or after in {"", " ", ",", ".", ";", ":", ")"}:
            break
        pos = end + 1
    title = text[1:end].strip()
    rest = text[end + 1 :]
    if _PART_QUOTED.match(rest) and not title.endswith((",", ".", "?", "!", ";", ":")):
        return None, text  # ACS "'Living' Polymers. Nature": the quotes are part of the title
    if title.endswith((",", ".")):
        title = title[:-1].rstrip()
    return title, rest


def _head_colon(text: str) -> re.Match[str] | None:
    """``_HEAD_COLON.match(text)``, not tried where it cannot match: its authors hold no
    colon, quote or "(", so its colon is the text's first and none of those is before it."""
    colon = text.find(":")
    if colon == -1:
        return None
    before = text[:colon]
    if '"' in before or "(" in before or "“" in before or "”" in before:
        return None
    return _HEAD_COLON.match(text)


def _colon_head(text: str) -> Head | None:
    match = _head_colon(text)
    organisation = False
    if match is not None:
        # "Zimmerman JE. APACHE II: a severity...": the list ended at the full stop; the
        # capitals before the colon open the title.
        title_start = _TITLE_AFTER_LIST.search(match.group("auth"))
        if title_start is not None and looks_like_authors(
            match.group("auth")[: title_start.start() + 1]
        ):
            return None
    if match is None or not looks_like_authors(match.group("auth")):
        match = _ORGANISATION_COLON.match(text)
        if match is None or not (
            is_organisation(match.group("auth"))
            # Copernicus "Unidata: Title, ..., 2023.": a one-word name no list knows
            or (" " not in match.group("auth") and _YEAR_LAST_END.search(text) is not None)
        ):
            return None
        organisation = True
    after = text[match.end() :]
    # Copernicus: "Title, Journal, 12, 345–367, 2020." (the DOI before the year is cut).
    copernicus = _COPERNICUS_TAIL.match(after)
    if copernicus is not None:
        title, rest = copernicus.group("title"), copernicus.group("source")
    else:
        title, rest = _title_of(after)
    return Head(match.group("auth"), None, title, rest, organisation=organisation, commas=True)


# "et al." closing a comma-separated list, then a comma (the title follows) or a full stop
# and a new sentence (the plain "Authors. Title." shape).
_ET_AL_AFTER_COMMA: Final = re.compile(r"(?P<etal>et\.? al\.?)(?P<comma>,?)\s+")


def _given_first_comma_head(text: str) -> Head | None:
    """IEEE books: "T. M. Cover and J. A. Thomas, Elements of Information Theory, 2nd ed."."""
    if not _IEEE_NAME.match(text):
        return None  # IEEE names start with initials
    collaborators = _ET_AL_COLLABORATION.match(text)
    if collaborators is not None and looks_like_authors(collaborators.group("auth")):
        rest = text[collaborators.end() :]
        aps = _APS_TAIL.search(rest)
        if aps is not None:
            return Head(collaborators.group("auth"), None, rest[: aps.start()], aps.group("source"))
    end = None
    for match in _COMMA.finditer(text, 0, 1500):
        prefix = text[: match.start()]
        last = _NAME_SEPARATOR.split(prefix)[-1]
        if not _IEEE_NAME.match(last.removeprefix("and ")):
            break
        end = match.start()
    if end is None or not looks_like_authors(text[:end]):
        return None
    rest = text[end + 2 :]
    et_al = _ET_AL_AFTER_COMMA.match(rest)
    if et_al is not None:
        if not et_al.group("comma"):
            return None  # "A. B, C. D, et al. Title. Source": the plain shape
        end += 2 + len(et_al.group("etal"))  # the list ends with its "et al."
        rest = rest[et_al.end() :]
    # APS: "A. Author et al. (X Collaboration), Title, Phys. Rev. Lett. 116, 061102 (2016)."
    collaboration = _COLLABORATION.match(rest)
    if collaboration is not None:
        rest = rest[collaboration.end() :]
    aps = _APS_TAIL.search(rest) if rest.endswith((")", ").")) else None
    if aps is not None:
        return Head(text[:end], None, rest[: aps.start()], aps.group("source"))
    # RSC, Wiley: no title, "A. Author and B. Author, Angew. Chem., Int. Ed. Engl., 1969, 8,
    # 781–853." (an abbreviated journal, then year, volume and pages)
    untitled = _ACS_SOURCE.fullmatch(rest) if rest[-1:] in _TAIL_ENDS else None
    if untitled is not None and _names_a_journal(untitled.group("journal")):
        return Head(text[:end], None, "", rest)
    # Elsevier, AMS, SIAM: "A. Author, B. Author, Title, Journal 12 (2003) 45–67." (the year
    # in brackets between the volume and the pages).
    journal = _BRACKETED_YEAR_TAIL.search(rest) if ")" in rest and rest[-1:] in _TAIL_ENDS else None
    if journal is not None:
        return Head(text[:end], None, rest[: journal.start()], journal.group("source"))
    book = _APS_BOOK.search(rest) if rest.endswith((")", ").")) else None
    if book is not None:
        return Head(text[:end], None, rest[: book.start()], book.group("source"), book=True)
    cut = _IEEE_TITLE_END.search(rest)
    if cut is None:
        return Head(text[:end], None, rest.rstrip("."), "", commas=True)
    return Head(text[:end], None, rest[: cut.start()], rest[cut.end() :], commas=True)


#: MHRA's and Chicago notes' book statement in brackets at the end: "(London: Fontana, 1976)".
_BRACKETED_IMPRINT: Final = re.compile(rf"\s\([^():]{{2,60}}:\s[^()]{{2,120}},\s{_YEAR}\)\.?$")


def _inverted_comma_head(text: str) -> Head | None:
    """MHRA books: "Williams, Raymond, Keywords: A Vocabulary (London: Fontana, 1976)": the
    authors printed family first, then a comma and the title, and the imprint in brackets
    (the longest run of comma parts that reads as names is the author list)."""
    if not text.endswith((")", ").")) or _BRACKETED_IMPRINT.search(text) is None:
        return None
    ends: list[int] = []
    for match in _COMMA.finditer(text, 0, 300):
        prefix = text[: match.start()]
        if "," in prefix and looks_like_authors(prefix):
            ends.append(match.start())
        elif ends:
            break  # (the list ended at a comma that closed a name)
    # The title starts with a capital ("Dialectic of Enlightenment, trans. by" reads as a
    # name too: the list is the longest run followed by a capitalised title).
    ends = [end for end in ends if text[end + 2 : end + 3].isupper()]
    if not ends:
        return None
    end = ends[-1]
    title, rest = _split_trailing_source(text[end + 2 :].rstrip(" ."), "")
    role = _ROLE_BY.search(title)  # "Title, trans. by John Cumming": the source's
    if role is not None:
        title, rest = title[: role.start()], f"{title[role.start() :]}. {rest}"
    return Head(text[:end], None, title, rest, commas=True)


#: MHRA's translator or editor after the title's comma: ", trans. by ", ", ed. by ".
_ROLE_BY: Final = re.compile(r",\s(?:trans\.|ed\.|edited|translated)\sby\s")


#: Lowercase words a journal's name may hold ("J. Am. Chem. Soc.", "Annals of Physics").
_JOURNAL_GLUE: Final = frozenset({"of", "the", "and", "for", "in", "on", "de", "der", "für", "&"})


def _names_a_journal(text: str) -> bool:
    """Capitalised words (abbreviated or not) and glue words only: a journal's name, no
    title's sentence ("Angew. Chem., Int. Ed. Engl.", "Nature"; not "Attention is all ...")."""
    words = text.replace(",", " ").split()
    if not words or not all(w[:1].isupper() or w in _JOURNAL_GLUE for w in words):
        return False
    # each part abbreviated, short or a journal's word ("Attention Is All You Need, Adv.
    # Neural ..." is a title in capitals before its journal)
    return all(
        "." in part or len(part.split()) <= 2 or _JOURNAL_CUE.search(part) is not None
        for part in text.split(", ")
    )


#: The last characters an Elsevier journal reference can end with (a page, a full stop).
_TAIL_ENDS: Final = frozenset("0123456789.")


def _software_head(text: str) -> Head | None:
    """IEEE software: "MATLAB, version R2023a, The MathWorks Inc., Natick, MA, USA, 2023.",
    "The GIMP Development Team, GIMP, version 2.10.34, 2023." (an organisation first)."""
    match = _IEEE_SOFTWARE.match(text) if ", version " in text or ", Version " in text else None
    if match is None:
        return None
    authors, title = match.group("auth") or "", match.group("title")
    if authors and not (is_organisation(authors) or looks_like_authors(authors)):
        authors, title = "", f"{authors}, {title}"
    organisation = bool(authors) and is_organisation(authors)
    rest = text[match.end() :]
    return Head(
        authors, None, title, rest, organisation=organisation, version=match.group("version")
    )


#: Elsevier's and IEEE's organisation authors, an acronym before the title's comma: "IEA,
#: World Energy Outlook 2023, International Energy Agency, Paris, 2023."
_ACRONYM_COMMA: Final = re.compile(r"(?P<auth>[A-Z][A-Z&]{1,9}),\s(?=[A-Z0-9])")
#: Its reference ends with the year (the style prints it last).
_ENDS_WITH_YEAR: Final = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?\.?$")


def _organisation_comma_head(text: str) -> Head | None:
    """ "IEA, World Energy Outlook 2023, International Energy Agency, Paris, 2023.": an
    acronym's comma ends the author (the reference ends with its year, Elsevier's way)."""
    match = _ACRONYM_COMMA.match(text)
    if match is None or not is_organisation(match.group("auth")):
        return None
    if _ENDS_WITH_YEAR.search(text) is None:
        return None
    rest = text[match.end() :]
    cut = _IEEE_TITLE_END.search(rest)
    if cut is None:
        return Head(match.group("auth"), None, rest.rstrip("."), "", organisation=True, commas=True)
    title, source = rest[: cut.start()], rest[cut.end() :]
    return Head(match.group("auth"), None, title, source, organisation=True, commas=True)


#: Words with a period that open a title and are never a name's initials.
_HONORIFICS: Final = ("Mr. ", "Mrs. ", "Ms. ", "Dr. ")


def _plain_head(text: str) -> Head | None:
    """ "Authors. Title. Source": the author list ends at the first full stop after a name."""
    group = _GROUP_AUTHOR.match(text)
    if group is not None:
        # Vancouver/AMA group authors: "GBD 2019 Diseases and Injuries Collaborators."
        title, rest = _title_of(text[group.end() :])
        return Head(group.group("auth"), None, title, rest, organisation=True)
    organisation = _ORGANISATION_SENTENCE.match(text)
    if organisation is not None and is_organisation(organisation.group("auth")):
        title, rest = _title_of(text[organisation.end() :])
        if rest:
            editors = organisation.group("eds") or ""
            return Head(
                organisation.group("auth"), None, title, rest, organisation=True, editors=editors
            )
    # In a given-name-first list ("A. Vaswani, N. Shazeer, and N. Parmar. Title.") a full
    # stop after an initial is never the list's end: the family name follows it.
    given_first = _IEEE_NAME.match(text) is not None
    for match in _SENTENCE_END.finditer(text, 0, min(len(text), 1500)):
        if text[match.start()] != ".":
            continue
        candidate = text[: match.start() + 1]
        after = text[match.end() :].lstrip()
        if not after:
            return None
        # Another initial follows ("Gomez, A. N."): the list goes on.
        # (an honorific opening the title is no initial: "Shakespeare, William. Mr. William
        # Shakespeares Comedies, ...")
        if (_NEXT_INITIAL.match(after) and not after.startswith(_HONORIFICS)) or after[:1] in "&,;":
            continue
        if after.startswith(("et al", "and ")):
            continue
        if given_first and _ENDS_WITH_INITIAL.search(candidate):
            continue
        if not looks_like_authors(candidate):
            if match.start() > 300:
                return None
            continue
        title, rest = _title_of(after)
        if _PUBLICATION_STATEMENT.match(title) and "literal" in parse_names(candidate)[0]:
            # "ClinicalTrials.gov [Internet]. Bethesda (MD): NLM (US); 2000-": no author
            return Head("", None, candidate.rstrip("."), f"{title}. {rest}".rstrip(" ."))
        return Head(candidate, None, title, rest)
    return None


# The characters the scanning loops below stop at (the regex skips the rest in C).
_OPEN_QUOTE_CHAR: Final = re.compile("[" + "".join(_OPEN_QUOTES) + "]")


_SENTENCE_MARKS: Final = re.compile(r"[(\[)\],.?!]")
# A part number of a series of papers: "Electron Transfer. I. J. Chem. Phys." (an
# abbreviated venue follows: the title ends after the number) or "conformity: I. A
# minority of one", "transfer. II. Applications to ..." (the subtitle goes on).
_ROMAN: Final = r"(?:I{1,3}|IV|VI{0,3}|IX|X)"
_PART_THEN_VENUE: Final = re.compile(rf" {_ROMAN}(?=\. [A-Z][a-z]{{0,5}}\. )")
_PART_NEXT: Final = re.compile(rf" {_ROMAN}\. [A-Z]")
_PART_BEFORE: Final = re.compile(rf"[:.]\s{_ROMAN}$")
# A journal and its volume after a part's number: " Psychologische Forschung, 4(1)".
_PART_THEN_SOURCE: Final = re.compile(r" [A-Z][^.;:,]{1,80},\s\d{1,4}\b")
# A part's own subtitle after the title's stop: "Every planar map is four colorable. Part I:
# Discharging. Illinois J. Math." (the title goes on to the subtitle's end).
_PART_SUBTITLE: Final = re.compile(rf" Part (?:{_ROMAN}|\d{{1,2}}): [A-Z]")


def _title_of(text: str) -> tuple[str, str]:
    """The title at the start of ``text`` (quoted or up to its sentence end), and the rest."""
    text = text.lstrip()
    if text[:1] in _OPEN_QUOTES:
        title, rest = _quoted(text)
        # '"Why should I trust you?": Explaining ...' quotes only part of the title.
        if title is not None and not rest.startswith(":"):
            return title, rest.lstrip(" ,.;:")
    return _first_sentence(text)


def _first_sentence(text: str) -> tuple[str, str]:
    """Up to the first full stop (or ? !) that ends a sentence outside brackets."""
    depth = 0
    for mark in _SENTENCE_MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and _IN_AFTER_COMMA.match(text, index):
            return text[:index].strip(), text[index + 1 :].strip()  # "Title, in: Proceedings"
        elif char in ".?!" and depth == 0:
            nxt = text[index + 1 : index + 2]
            if nxt not in {"", " "}:
                continue
            if (
                char == "."
                and _is_abbreviation(text, index)
                and not _PLACE_COLON.match(text, index + 2)  # "process. New Haven: Yale"
            ):
                continue
            if char in "?!" and _NEXT_END_IS_EXCLAMATION.match(text, index + 1):
                continue  # "Attention? Attention!": the title goes on to its last mark
            if char == "." and _PART_BEFORE.search(text, max(0, index - 8), index):
                if _PART_THEN_SOURCE.match(text, index + 1):
                    # APA "Gestalt. II. Psychologische Forschung, 4(1)": the journal follows
                    return text[:index].strip(), text[index + 1 :].strip()
                continue
            part = _PART_THEN_VENUE.match(text, index + 1) if char == "." else None
            if part is not None:
                rest = text[part.end() + 1 :].strip()
                return _split_trailing_source(text[: part.end()].strip(), rest)
            if char == "." and (
                _PART_NEXT.match(text, index + 1) or _PART_SUBTITLE.match(text, index + 1)
            ):
                continue
            keep = text[: index + (0 if char == "." else 1)]
            return _split_trailing_source(keep.strip(), text[index + 1 :].strip())
    return _split_trailing_source(text.strip().rstrip("."), "")


def _split_trailing_source(title: str, rest: str) -> tuple[str, str]:
    """Nature books: "Title 2nd edn (MIT Press, 2018)": the bracket is source, not title."""
    match = _TRAILING_SOURCE.search(title)
    if match is None:
        return title, rest
    return title[: match.start()].rstrip(), f"{match.group(1)}. {rest}".strip()
