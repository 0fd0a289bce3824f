"""One place for each decision about bibliographic words: the tables and patterns every
reader, the linter and the writers share.

What lives here is a decision that must come out the same whichever format a record came
from: which CSL type a venue's name implies, how "Given Family" splits (particles,
suffixes), which words are months, particles, suffixes or "et al.", what a DOI or an
arXiv id looks like, where a BibTeX name list splits, and which dash a page range takes.
A module that needs one of these imports it from here; it never keeps a copy
(``tests/test_vocab.py`` feeds the same inputs to every reader path and checks they agree).
Pattern *fragments* (strings) are exported beside compiled patterns, so a reader that must
anchor, bound or label a pattern differently builds it from the same pieces.
"""

from __future__ import annotations

import re
from typing import Final

from bibconv.model import CslName

# ----------------------------------------------------------------------------- months

#: BibTeX's predefined month macros, in order (plain.bst's spelling of the names).
MONTH_ABBREVIATIONS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Lowercase month word -> 1..12: the English names, their three-letter abbreviations and
#: "sept" (the only four-letter one in common use).
MONTHS: Final[dict[str, int]] = {
    **{abbr: n for n, abbr in enumerate(MONTH_ABBREVIATIONS, start=1)},
    **{name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
#: Seasons a month field or a printed date may give instead of a month.
SEASONS: Final = frozenset({"spring", "summer", "autumn", "fall", "winter"})


def month_number(word: str) -> int | None:
    """1-12 for an English month name or abbreviation (any case, optional full stop)."""
    return MONTHS.get(word.strip().rstrip(".").lower())


# ----------------------------------------------------------------------------- names

#: Lowercase particles that belong to the family name as printed (CONVENTIONS):
#: "van der Berg", "de Souza", "dei Rossi".
PARTICLES: Final = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "da",
        "del",
        "di",
        "du",
        "la",
        "le",
        "dos",
        "ten",
        "ter",
        "den",
        "des",
        "dei",
        "della",
        "degli",
        "do",
        "das",
        "zu",
    }
)
#: Generational suffixes as printed after a family name. Reference strings match these
#: exactly (a lowercase "ii" there numbers a list); name splitting uses :data:`SUFFIXES`.
PRINTED_SUFFIXES: Final = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "2nd", "3rd"})
#: The same suffixes lowercased, for matching in any case (see :func:`is_suffix`).
SUFFIXES: Final = frozenset(suffix.lower() for suffix in PRINTED_SUFFIXES)
#: A whole name that stands for "and the rest" (BibTeX's ``others``, RIS/HTML "et al.").
ET_AL_WORDS: Final = frozenset({"others", "et al.", "et al", "et. al."})
#: "et al." (or "and others") ending a printed list; search only a list's last characters.
ET_AL_END: Final = re.compile(r"(?:\bet\.? ?al(?:ii|ia)?\.?|\band others)$", re.IGNORECASE)
_INITIALS: Final = re.compile(r"(?:[A-Z]\.?){1,3}")


def is_suffix(word: str) -> bool:
    """True for "Jr.", "jr", "III", "2nd" ...: a word that is a name's suffix, in any case."""
    return word.rstrip(",").lower() in SUFFIXES


def is_et_al(text: str) -> bool:
    """True if ``text`` is, as a whole, a name standing for further authors."""
    return " ".join(text.split()).lower() in ET_AL_WORDS


def _is_particle(word: str, before: list[str]) -> bool:
    """A lowercase particle; or a capitalised one ("Van Den") when every given word before
    it is an initial: Google Scholar prints "G Van Den Driessche", while after a full given
    name "Van" may be a name of its own ("Ludwig Van Beethoven")."""
    if word in PARTICLES:
        return True
    given = [w for w in before if w.lower() not in PARTICLES]
    return word.lower() in PARTICLES and bool(given) and all(_INITIALS.fullmatch(w) for w in given)


def split_given_family(printed: str) -> CslName:
    """A name printed "Given Family" -> CSL name object (CONVENTIONS: particles in family).

    ``"Anna van der Berg"`` -> ``{"family": "van der Berg", "given": "Anna"}``;
    ``"de Souza"`` -> ``{"family": "de Souza"}`` (a particle alone is no given name);
    ``"John Smith jr"`` -> ``{"family": "Smith", "given": "John", "suffix": "jr"}``.
    A single word is a family name alone; an empty text gives ``{}``.
    """
    words = printed.split()
    if not words:
        return {}
    suffix = ""
    if len(words) > 2 and is_suffix(words[-1]):
        suffix = words.pop()
        words[-1] = words[-1].rstrip(",")
    start = len(words) - 1
    while start > 0 and _is_particle(words[start - 1], words[: start - 1]):
        start -= 1
    name: CslName = {"family": " ".join(words[start:])}
    if start > 0:
        name["given"] = " ".join(words[:start])
    if suffix:
        name["suffix"] = suffix
    return name


def split_family_given(printed: str) -> CslName:
    """A name printed "Family, Given", "Family, Jr., Given" or "Family, Given, Jr."."""
    parts = [" ".join(p.split()) for p in printed.split(",")]
    rest = [p for p in parts[1:] if p]
    if not parts[0] or not rest:
        return split_given_family(printed.replace(",", " "))
    name: CslName = {"family": parts[0]}
    if len(rest) > 1 and is_suffix(rest[0]):
        name["suffix"] = rest.pop(0)
    elif len(rest) > 1 and is_suffix(rest[-1]):
        name["suffix"] = rest.pop()
    name["given"] = ", ".join(rest)
    return name


#: An "and" between two names of a BibTeX list (BibTeX splits at it in any case).
BIBTEX_AND: Final = re.compile(r"[ \t\n\r]+and[ \t\n\r]+", re.IGNORECASE)


def split_bibtex_names(value: str) -> list[str]:
    """Split a BibTeX name list at every whitespace-surrounded "and" outside braces.

    Parts are returned unstripped (a caller that keeps offsets needs them so). Our own, not
    bibtexparser's ``split_multiple_persons_names``: that one drops a backslash command at
    the start of a name (``\\'Ulfar`` -> ``Ulfar``).
    """
    padded = f" {value} "
    parts = BIBTEX_AND.split(padded)
    if "{" not in value or all(p.count("{") == p.count("}") for p in parts):
        return parts
    # An "and" inside braces ("{Barnes and Noble}"): glue the pieces back until balanced.
    names: list[str] = []
    pending: list[str] = []
    depth = 0
    for part, separator in zip(parts, [*BIBTEX_AND.findall(padded), ""], strict=True):
        pending.append(part)
        depth += part.count("{") - part.count("}")
        if depth <= 0:
            names.append("".join(pending))
            pending, depth = [], 0
        else:
            pending.append(separator)
    if pending:
        names.append("".join(pending))
    return names


# ----------------------------------------------------------------------------- identifiers

#: The start every DOI shares: directory indicator ``10.`` and a 4-9 digit registrant code.
DOI_START: Final = r"10\.\d{4,9}/"
#: A DOI's resolver or label in front of it: ``https://doi.org/``, ``dx.doi.org/``,
#: ``doi.acm.org/``, ``doi:``, ``DOI:``.
DOI_RESOLVER: Final = r"(?:https?://(?:dx\.)?doi\.(?:org|acm\.org)/|doi\.org/|doi:\s*)"
#: A DOI as a whole value, with or without a resolver (use ``fullmatch``).
DOI_VALUE: Final = re.compile(rf"{DOI_RESOLVER}?({DOI_START}\S+)", re.IGNORECASE)
#: A DOI somewhere in a text (group 1 is the DOI).
DOI_IN_TEXT: Final = re.compile(rf"\b({DOI_START}\S+)", re.IGNORECASE)
_DOI_RESOLVER_AT_START: Final = re.compile(rf"^{DOI_RESOLVER}", re.IGNORECASE)


def strip_doi_resolver(text: str) -> str:
    """``text`` without a leading resolver or ``doi:`` label (the rest is not checked)."""
    return _DOI_RESOLVER_AT_START.sub("", text.strip())


def find_doi(text: str) -> str | None:
    """The first DOI in ``text`` (a DOI, ``doi:`` form, resolver URL ...), bare, without
    the sentence punctuation that follows it."""
    match = DOI_IN_TEXT.search(" ".join(text.split()))
    return match.group(1).rstrip(".,;)") if match else None


#: arXiv identifiers: new style ``2401.12345`` and old style ``cs.CL/0101001``, and the
#: version that may follow either (it names a revision, not the paper).
ARXIV_NEW: Final = r"\d{4}\.\d{4,5}"
ARXIV_OLD: Final = r"[a-z-]+(?:\.[A-Z]{2})?/\d{7}"
ARXIV_VERSION: Final = r"v\d+"
#: An arXiv id as a whole value (``fullmatch``; group 1 is the id without version).
ARXIV_VALUE: Final = re.compile(rf"({ARXIV_NEW}|{ARXIV_OLD})(?:{ARXIV_VERSION})?")
#: An arXiv id in a text, optionally labelled ``arXiv:`` (group 1 is the id with version).
ARXIV_IN_TEXT: Final = re.compile(
    rf"(?<![\w.])(?:arxiv:)?((?:{ARXIV_NEW}|{ARXIV_OLD})(?:{ARXIV_VERSION})?)\b",
    re.IGNORECASE,
)


def find_arxiv_id(text: str) -> str | None:
    """The first arXiv identifier in ``text``, without its version."""
    match = ARXIV_IN_TEXT.search(" ".join(text.split()))
    return re.sub(rf"{ARXIV_VERSION}$", "", match.group(1)) if match else None


# ----------------------------------------------------------------------------- pages

#: Dashes a printed page range may use between its ends (hyphen, en and em dash, minus,
#: BibTeX's ``--``); CSL writes one en dash (CONVENTIONS).
PAGE_DASH: Final = re.compile(r"\s*(?:--+|[-‐‑‒–—−])\s*")


def page_range(first: str, last: str) -> str:
    """CSL ``page``: ``first–last`` with an en dash, or ``first`` alone (or ``last``)."""
    first, last = " ".join(first.split()), " ".join(last.split())
    if first and last and last != first:
        return f"{first}–{last}"
    return first or last


# ----------------------------------------------------------------------------- venues

#: Preprint servers, as printed (CoRR is dblp's name for arXiv): the one list that the
#: venue -> type rule, the linter's duplicate finder and the renderer's publisher fix use.
PREPRINT_SERVERS: Final = (
    "arXiv", "CoRR", "bioRxiv", "medRxiv", "chemRxiv", "SSRN", "Research Square",
    "OSF Preprints", "PsyArXiv", "SocArXiv",
)  # fmt: skip
_SERVER_NAMES: Final = frozenset(server.casefold() for server in PREPRINT_SERVERS)
_SERVERS: Final = "|".join(re.escape(server) for server in PREPRINT_SERVERS)
#: A venue that is a preprint server's or says "preprint" ("arXiv preprint arXiv:...").
_PREPRINT: Final = re.compile(rf"^(?:{_SERVERS}|preprint)\b", re.IGNORECASE)
#: A server's name or "preprint" anywhere ("ArXiv e-prints", "Preprints", "OSF Preprints").
_PREPRINT_MENTION: Final = re.compile(rf"\b(?:{_SERVERS})\b|preprint", re.IGNORECASE)
# Journals whose names begin with "Proceedings" (checked before the proceedings rule):
# "Proc. IEEE" (but not "Proceedings of the IEEE Conference on ..."), PNAS, Proc. R. Soc.,
# PVLDB, PACM. Case-sensitive: these are printed capitalised.
_PROCEEDINGS_JOURNAL: Final = re.compile(
    r"(?:Proc(?:eedings of the|\.)\s?IEEE$|Proc(?:eedings of the|\.)\s(?:National|Natl\.?)\s"
    r"|Proc\s(?:Natl|IEEE)\b|Proc(?:eedings of the|\.)\s(?:Royal|R\.)\s"
    r"|Proceedings of the (?:VLDB Endowment|ACM on|American Mathematical Society)\b"
    r"|PNAS\b|PACM\b)"
)
_PROCEEDINGS: Final = re.compile(
    r"^(?:proceedings|findings)\b|\b(?:workshop and )?conference proceedings\b", re.IGNORECASE
)
#: Words that make a venue's name a journal's, as printed ("Journal of ...", "... Letters").
#: The reference reader's container cue adds their abbreviations ("J.", "Lett.").
JOURNAL_WORDS: Final = (
    "Journal", "Transactions", "Letters", "Magazine", "Quarterly", "Annals", "Review", "Bulletin",
)  # fmt: skip
#: Conference acronyms, as printed ("LREC 2020", "Proc. of NeurIPS"): alone or in a venue's
#: name they make it a conference's.
CONFERENCE_ACRONYMS: Final = (
    "ACL", "EMNLP", "NAACL", "EACL", "AACL", "COLING", "LREC", "CoNLL", "SemEval", "IJCNLP",
    "NeurIPS", "NIPS", "ICML", "ICLR", "AAAI", "IJCAI", "CVPR", "ICCV", "ECCV", "MICCAI",
    "KDD", "SIGKDD", "SIGIR", "SIGMOD", "VLDB", "WWW", "CHI", "UIST", "OSDI", "SOSP", "NSDI",
    "INTERSPEECH", "ICASSP",
)  # fmt: skip
_JOURNAL: Final = re.compile(
    rf"\b(?:{'|'.join(JOURNAL_WORDS)})\b"
    r"|^(?:tacl|computational linguistics|nature|science|plos|cell|elife|jmlr)\b",
    re.IGNORECASE,
)
_CONFERENCE: Final = re.compile(
    r"\bproceedings\b|\bfindings\b|\bconference\b|\bworkshop\b|\bsymposium\b"
    r"|\bmeeting\b|\bcongress\b|\bcolloquium\b|\bsummit\b|\bshared task\b"
    r"|^advances in neural information processing systems\b"
    rf"|\b(?:{'|'.join(CONFERENCE_ACRONYMS)})\b",
    re.IGNORECASE,
)


def is_preprint_venue(venue: str) -> bool:
    """True for a venue named by a preprint server (arXiv, CoRR, bioRxiv, ...) or as a
    preprint: the name begins so."""
    return _PREPRINT.match(venue.strip()) is not None


def mentions_preprint(text: str) -> bool:
    """True for text that names a preprint server or says "preprint" anywhere."""
    return _PREPRINT_MENTION.search(text) is not None


def is_preprint_server(name: str) -> bool:
    """True for the name of a preprint server itself, in any case ("arXiv", "SSRN")."""
    return name.casefold() in _SERVER_NAMES


def is_proceedings_journal(venue: str) -> bool:
    """True for a journal whose name begins "Proceedings" ("Proc. IEEE", "Proceedings of the
    National Academy of Sciences", "Proc. R. Soc. A", PVLDB)."""
    return _PROCEEDINGS_JOURNAL.match(venue.strip()) is not None


def venue_type(venue: str | None) -> str | None:
    """The CSL type a venue's printed name implies (CONVENTIONS), or None if it says none.

    Preprint servers -> ``article``; journals, including those named "Proceedings of the
    IEEE/National Academy ..." -> ``article-journal``; proceedings, findings, workshops,
    conferences and their acronyms ("LREC 2020") -> ``paper-conference``. Journal words
    win over conference words ("Transactions of the Association for Computational
    Linguistics"), except in a name that calls itself proceedings ("JMLR Workshop and
    Conference Proceedings"). A caller with no venue name, or one that says nothing,
    chooses the default its context implies, and says why where it does:

    - page text, HTML metadata and reference strings: ``article`` (CSL's generic type);
    - an ACL Anthology listing: ``paper-conference`` (its volumes are proceedings);
    - a Google Scholar venue line with volume and pages: ``article-journal``.
    """
    text = (venue or "").strip()
    if not text:
        return None
    if _PREPRINT.match(text):
        return "article"
    if _PROCEEDINGS_JOURNAL.match(text):
        return "article-journal"
    if _PROCEEDINGS.search(text):
        return "paper-conference"
    if _JOURNAL.search(text):
        return "article-journal"
    if _CONFERENCE.search(text):
        return "paper-conference"
    return None
