"""Author and editor lists of pasted references -> CSL names.

Reference styles print names in four shapes, often mixed inside one list:

- family first with initials: ``Vaswani, A., Shazeer, N., & Polosukhin, I.`` (APA, Nature,
  Springer LNCS ``Vaswani, A.B.``, Harvard);
- family first with full given names: ``LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton``
  (MLA and Chicago invert only the first name);
- given first: ``A. Vaswani, N. Shazeer, and I. Polosukhin`` (IEEE), ``Ashish Vaswani and
  Noam Shazeer`` (ACL);
- Vancouver: ``Vaswani A, Shazeer N, Polosukhin I`` (initials run together, no periods).

The list is cut at its separators into chunks, then neighbouring chunks are paired when
they read as "family, given". Everything here is a single pass over short strings; the
only regular expressions are anchored and free of nested repeats.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from bibconv._vocab import PARTICLES, PRINTED_SUFFIXES
from bibconv.model import OTHERS, CslName
from bibconv.pages._text import fold_space, split_name

# Words that mark an author as an organisation rather than a person.
_CORPORATE_WORDS: Final = frozenset(
    [
        "organization",
        "organisation",
        "association",
        "institute",
        "institution",
        "foundation",
        "team",
        "group",
        "consortium",
        "council",
        "committee",
        "university",
        "society",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "corporation",
        "corp.",
        "agency",
        "department",
        "center",
        "centers",
        "centre",
        "centres",
        "project",
        "collaboration",
        "collaborators",
        "investigators",
        "initiative",
        "library",
        "libraries",
        "museum",
        "archives",
        "laboratory",
        "laboratories",
        "lab",
        "board",
        "bureau",
        "office",
        "commission",
        "ministry",
        "service",
        "network",
        "alliance",
        "academy",
        "openai",
        "deepmind",
        "google",
        "microsoft",
        "meta",
        "anthropic",
        "nvidia",
        "ibm",
    ]
)
_SUFFIX_WORDS: Final = frozenset(suffix.rstrip(".") for suffix in PRINTED_SUFFIXES)
# Capitalised particles that belong to the family name when printed before it.
_CAPITAL_PARTICLES: Final = frozenset(
    ["Le", "La", "De", "Di", "Da", "Du", "Del", "Della", "Van", "Von", "Dos", "Des", "Ten", "Ter"]
)
# "et al." / "and others" at the end of a list, possibly followed by a stray period.
_ET_AL_END: Final = re.compile(r",?\s*(?:\bet\.?\s?al(?:ii|ia)?\b\.?|\band others)\s*\.?$", re.I)
# Separators between names. "and"/"&" may follow a comma ("A, B, and C").
_SEPARATOR: Final = re.compile(r"\s*(?:,\s*(?:and|&)\s+|\s(?:and|&)\s|&|;|,)\s*")
_UPPER: Final = "".join(chr(c) for c in range(0x250) if chr(c).isupper())
# One initial: "A.", "Ch.", "Th.", "Ł.", optionally hyphen-joined to the next ("M.-C.").
_INITIALS_DOTTED: Final = re.compile(
    rf"(?:[{_UPPER}][a-z]?\.\s?-?\s?){{1,5}}|(?:[{_UPPER}][a-z]?\.\s?-?\s?){{1,4}}[{_UPPER}]"
)
# Vancouver initials: up to four capitals run together, optionally hyphenated ("J-P").
_INITIALS_BARE: Final = re.compile(rf"[{_UPPER}](?:-?[{_UPPER}]){{0,3}}")

# Patterns used inside the functions below, compiled once.
_AFTER_PERIOD: Final = re.compile(r"(?<=\.)\s*")
_ENDS_WITH_INITIAL: Final = re.compile(rf"\s[{_UPPER}]$")
_GLUED_INITIAL: Final = re.compile(r"(?<=\.)(?=[^\s.\-])")
_STARTS_WITH_INITIAL: Final = re.compile(rf"[{_UPPER}][a-z]?\.")


# Chunks of names repeat across a list ("A.", "J. M.", a frequent co-author): the
# predicates on one chunk are pure and cached, bounded.
@lru_cache(maxsize=4096)
def is_initials(text: str) -> bool:
    """True for a chunk that is only initials: "A.", "A. B.", "A.B.", "M.-C.", "AB"."""
    text = text.strip()
    return bool(text) and bool(_INITIALS_DOTTED.fullmatch(text) or _INITIALS_BARE.fullmatch(text))


@lru_cache(maxsize=4096)
def normalize_initials(text: str) -> str:
    """Initials in one spelling: "A.B." / "AB" / "A B" -> "A. B."; "M-C" -> "M.-C."."""
    text = text.strip()
    if _INITIALS_BARE.fullmatch(text):
        spelled = ""
        for char in text:
            if char != "-" and spelled and not spelled.endswith("-"):
                spelled += " "
            spelled += char if char == "-" else char + "."
        return spelled
    if not _INITIALS_DOTTED.fullmatch(text):
        return text
    pieces = [p for p in _AFTER_PERIOD.split(text) if p]
    joined = ""
    for piece in pieces:
        if not joined:
            joined = piece
        elif piece.startswith("-"):
            joined += "-" + piece.lstrip("- ")
        elif joined.endswith("-"):
            joined += piece
        else:
            joined += " " + piece
    # "C. E" (the list's closing period was taken as punctuation) -> "C. E."
    return joined if joined.endswith(".") else joined + "."


@lru_cache(maxsize=4096)
def _given_normalized(given: str) -> str:
    """Given names as printed, except a run of initials, which gets one spelling."""
    given = fold_space(given)
    if is_initials(given):
        return normalize_initials(given)
    # "Claude E" (the list's closing period was read as punctuation) -> "Claude E."
    return given + "." if _ENDS_WITH_INITIAL.search(given) else given


@lru_cache(maxsize=4096)
def _is_family_like(chunk: str) -> bool:
    """One family name: a word, hyphenated words, or particles + words ("van der Maaten")."""
    words = chunk.split(" ")
    if not words or not words[-1][:1].isalpha() or "." in chunk:
        return False
    capitalised = [w for w in words if w not in PARTICLES]
    if not capitalised or len(capitalised) > 2:
        return False
    if len(capitalised) == 2 and words[0] not in PARTICLES:
        # "Della Pietra", "Spärck Jones" are family names only when a given part follows;
        # two capitalised words alone read as "Given Family".
        return False
    return all(w[:1].isupper() or w[:1] in "'’" for w in capitalised)


@lru_cache(maxsize=4096)
def _is_given_like(chunk: str) -> bool:
    """Given names after a comma: initials, or one to three capitalised words."""
    if is_initials(chunk):
        return True
    words = chunk.split(" ")
    if not 1 <= len(words) <= 3:
        return False
    if len(words) == 3 and is_initials(words[0]) and not is_initials(words[1]):
        return False  # "A. Connecting Images": an initial and then a title, not a given name
    trailing = [w for w in words if w in PARTICLES]
    core = [w for w in words if w not in PARTICLES]
    return bool(core) and all(w[:1].isupper() for w in core) and len(trailing) <= 2


@lru_cache(maxsize=4096)
def _is_corporate(chunk: str) -> bool:
    words = chunk.lower().replace(",", " ").split()
    return any(word in _CORPORATE_WORDS for word in words)


_ORGANISATION_GLUE: Final = frozenset({"for", "of", "and", "the", "on", "in", "&", "de", "du"})


def _is_organisation_name(text: str) -> bool:
    """One organisation's name with "and" inside it: capitalised words and glue words, no
    comma, and a word that only organisations use."""
    if "," in text or ";" in text or " " not in text:
        return False
    words = text.split(" ")
    capitalised = all(w[:1].isupper() or w in _ORGANISATION_GLUE for w in words)
    return capitalised and ("and" in words or "&" in words) and _is_corporate(text)


def is_organisation(text: str) -> bool:
    """An author that is an organisation: an acronym ("IPCC", "OECD") or a name with a
    word only organisations use ("Python Software Foundation")."""
    return (text.isupper() and text.isalpha() and 2 <= len(text) <= 10) or _is_corporate(text)


def _vancouver(chunk: str) -> CslName | None:
    """ "Vaswani A" / "van der Maaten LJ" / "Della Pietra SA" -> name, else None."""
    if chunk.endswith("."):
        return None  # Vancouver prints no periods; "James H." is a given-first name cut short
    rest, _, last = chunk.rpartition(" ")
    suffix = last if last in _SUFFIX_WORDS and " " in rest else None  # "Moore FE Jr"
    family, _, initials = (rest if suffix else chunk).rpartition(" ")
    if not family or not _INITIALS_BARE.fullmatch(initials) or not family[:1].isalpha():
        return None
    if initials in _SUFFIX_WORDS:
        return None  # "Hal Daumé III": a given-first name with its suffix, not initials "I I I"
    if any(ch.isdigit() or ch == "." for ch in family):
        return None
    name: CslName = {"family": family, "given": normalize_initials(initials)}
    if suffix:
        name["suffix"] = spelled_suffix(suffix)
    return name


def spelled_suffix(suffix: str) -> str:
    """One spelling for a printed suffix: "Jr" and "Jr." -> "Jr."; "III", "2nd" as printed."""
    bare = suffix.rstrip(".")
    return bare + "." if bare in {"Jr", "Sr"} else bare


def _given_first(chunk: str) -> CslName:
    """ "A. B. Vaswani", "Ashish Vaswani", "Laurens van der Maaten" -> name."""
    # Join initials printed without spaces ("A.B.Vaswani") to the family name properly.
    chunk = _GLUED_INITIAL.sub(" ", chunk)
    words = chunk.split(" ")
    if len(words) >= 3 and words[-2] in _CAPITAL_PARTICLES:
        # "Teven Le Scao", "S. A. Della Pietra": a capitalised particle before the family.
        return {"family": " ".join(words[-2:]), "given": _given_normalized(" ".join(words[:-2]))}
    name = split_name(chunk)
    if "given" in name:
        name["given"] = _given_normalized(name["given"])
    if "suffix" in name:
        name["suffix"] = spelled_suffix(name["suffix"])
    return name


def _family_first(family: str, given: str) -> CslName:
    """ "Vaswani" + "A." -> name; particles printed after the given name move to family."""
    words = given.split(" ")
    tail: list[str] = []
    while words and words[-1] in PARTICLES:
        tail.insert(0, words.pop())
    if tail:
        family = " ".join([*tail, family])
    name: CslName = {"family": family}
    if words:
        name["given"] = _given_normalized(" ".join(words))
    return name


def _single(chunk: str, *, alone: bool) -> CslName:
    """A chunk that pairs with nothing: Vancouver, given-first, or an organisation."""
    if _is_corporate(chunk):
        return {"literal": chunk}
    words = chunk.split(" ")
    if alone and len(words) == 1:
        return {"literal": chunk}  # "OpenAI", "UNESCO": a one-word author is an organisation
    vancouver = _vancouver(chunk)
    if vancouver is not None:
        return vancouver
    if len(words) > 5:
        return {"literal": chunk}
    return _given_first(chunk)


def chunks_of(text: str) -> list[str]:
    """The list cut at commas, semicolons, "and" and "&"."""
    return [c.strip() for c in _SEPARATOR.split(text)]


def parse_names(text: str) -> list[CslName]:
    """A printed author (or editor) list -> CSL names in printed order.

    A trailing "et al." becomes ``{"literal": "others"}``. An empty list gives ``[]``.
    """
    # Each name is a new dict: callers put them in items, which later steps may change.
    return [name.copy() for name in _parsed_names(text)]


# A reference's author list is parsed while its head is split (is this a list of names?)
# and again for the item; an editor list likewise. The cache answers the second time.
@lru_cache(maxsize=2048)
def _parsed_names(text: str) -> tuple[CslName, ...]:
    text = fold_space(text).strip(" ,;:")
    others = False
    tail = max(0, len(text) - 20)
    match = _ET_AL_END.search(text, tail) if _mentions_et_al(text[tail:]) else None
    if match is not None:
        others = True
        text = text[: match.start()].strip(" ,;")
    if text.endswith(".") and not _ends_with_initial(text):
        text = text[:-1]
    if _is_organisation_name(text):
        # "Centers for Disease Control and Prevention": one name, its "and" no separator.
        names = [CslName(literal=text)]
    else:
        names = _pair_chunks([c for c in chunks_of(text) if c])
    if others:
        names.append(dict(OTHERS))  # type: ignore[arg-type]
    return tuple(names)


def _mentions_et_al(tail: str) -> bool:
    """Whether ``tail`` can hold "et al." or "and others" in any case (a substring test
    before the case-blind pattern; the few letters re.I folds oddly are let through)."""
    if not tail.isascii():
        return True
    lowered = tail.lower()
    return "al" in lowered or "others" in lowered


def _ends_with_initial(text: str) -> bool:
    last = text.rsplit(" ", 1)[-1]
    return bool(_INITIALS_DOTTED.fullmatch(last)) or last[-3:-1] in PRINTED_SUFFIXES


def _pair_chunks(chunks: list[str]) -> list[CslName]:
    """Pair "family, given" chunks; everything else is one name per chunk."""
    full_pairs = _all_full_pairs(chunks)
    if chunks and all(_vancouver(c.removesuffix(".")) for c in chunks):
        # "Cortes C, Vapnik V." - every chunk "Family INITIALS": a Vancouver list.
        return [_vancouver(c.removesuffix(".")) or {} for c in chunks]
    names: list[CslName] = []
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        nxt = chunks[index + 1] if index + 1 < len(chunks) else None
        if chunk.rstrip(".") in _SUFFIX_WORDS and names:
            names[-1]["suffix"] = spelled_suffix(chunk)
            index += 1
            continue
        if nxt is not None and _pairs_with(chunk, nxt, index, full_pairs):
            names.append(_family_first(chunk, nxt))
            index += 2
            continue
        names.append(_single(chunk, alone=len(chunks) == 1))
        index += 1
    return names


def _pairs_with(chunk: str, nxt: str, index: int, full_pairs: bool) -> bool:
    if _vancouver(chunk) is not None and not is_initials(nxt):
        return False
    if _STARTS_WITH_INITIAL.match(chunk):
        return False  # "G. B. Orr" is a whole given-first name, not a family
    if is_initials(nxt) and not is_initials(chunk) and not _INITIALS_BARE.fullmatch(nxt):
        return True
    if is_initials(nxt) and _is_family_like(chunk):
        return True  # "LeCun, Y" (initials without periods)
    if _is_corporate(chunk):
        return False
    # MLA/Chicago invert the first name only; some lists invert every name.
    if (index == 0 or full_pairs) and _is_family_like(chunk) and _is_given_like(nxt):
        return True
    # "García Márquez, Gabriel", "Le Roy Ladurie, Emmanuel": a family name of two or three
    # words before one given name (given-first lists have two words after the comma).
    return index == 0 and _is_long_family(chunk) and _ONE_GIVEN_NAME.fullmatch(nxt) is not None


_ONE_GIVEN_NAME: Final = re.compile(rf"[{_UPPER}][\w'’-]+(?:\s[{_UPPER}]\.)*")


def _is_long_family(chunk: str) -> bool:
    words = chunk.split(" ")
    return (
        2 <= len(words) <= 3
        and "." not in chunk
        and all(w[:1].isupper() or w in PARTICLES for w in words)
        and not _is_corporate(chunk)
    )


def _all_full_pairs(chunks: list[str]) -> bool:
    """True when the whole list alternates family, given, family, given."""
    if len(chunks) < 4 or len(chunks) % 2:
        return False
    return all(
        _is_family_like(chunks[i]) and _is_given_like(chunks[i + 1])
        for i in range(0, len(chunks), 2)
    )
