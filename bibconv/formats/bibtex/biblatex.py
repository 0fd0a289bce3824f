"""BibLaTeX's data model as tables: languages, localisation keys, roles, eprint types,
title parts and the default crossref inheritance (used only by ``formats.bibtex``).

Sources: biber's ``LOCALE_MAP`` (every babel/polyglossia name biblatex knows -> BCP 47),
the long English strings of biblatex's ``english.lbx``, and the biblatex manual (2.2.2
data fields, 2.3.4 editor roles, 3.15 names, appendix B "Default Crossref Setup").
docs/bibtex.md gives the tables in prose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

# ----------------------------------------------------------------------------- languages

#: babel/polyglossia language name (lowercased) -> BCP 47 tag, as biber maps them.
#: biber's ``UKenglish -> en-UK`` is not a BCP 47 region; we read it as en-GB.
LANGUAGES: Final[dict[str, str]] = {
    "acadian": "fr-CA", "afrikaans": "af-ZA", "albanian": "sq-AL", "american": "en-US",
    "amharic": "am-ET", "arabic": "ar-001", "armenian": "hy-AM", "asturian": "ast-ES",
    "australian": "en-AU", "austrian": "de-AT", "bahasa": "id-ID", "bahasai": "id-ID",
    "bahasam": "id-ID", "basque": "eu-ES", "bengali": "bn-BD", "bgreek": "el-GR",
    "brazil": "pt-BR", "brazilian": "pt-BR", "breton": "br-FR", "british": "en-GB",
    "bulgarian": "bg-BG", "canadian": "en-CA", "canadien": "fr-CA", "catalan": "ca-AD",
    "coptic": "cop", "croatian": "hr-HR", "czech": "cs-CZ", "danish": "da-DK",
    "divehi": "dv-MV", "dutch": "nl-NL", "english": "en-US", "esperanto": "eo-001",
    "estonian": "et-EE", "ethiopia": "am-ET", "farsi": "fa-IR", "finnish": "fi-FI",
    "francais": "fr-FR", "french": "fr-FR", "frenchle": "fr-FR", "friulan": "fur-IT",
    "galician": "gl-ES", "german": "de-DE", "germanb": "de-DE", "greek": "el-GR",
    "hebrew": "he-IL", "hindi": "hi-IN", "ibygreek": "el-CY", "icelandic": "is-IS",
    "indon": "id-ID", "indonesia": "id-ID", "interlingua": "ia-FR", "irish": "ga-IE",
    "italian": "it-IT", "japanese": "ja-JP", "kannada": "kn-IN", "lao": "lo-LA",
    "latin": "la-Latn", "latvian": "lv-LV", "lithuanian": "lt-LT", "lowersorbian": "dsb-DE",
    "lsorbian": "dsb-DE", "magyar": "hu-HU", "hungarian": "hu-HU", "malay": "id-ID",
    "malayalam": "ml-IN", "marathi": "mr-IN", "meyalu": "id-ID", "mongolian": "mn-Cyrl",
    "naustrian": "de-AT", "newzealand": "en-NZ", "ngerman": "de-DE", "nko": "ha-NG",
    "norsk": "nb-NO", "norwegian": "nn-NO", "nynorsk": "nn-NO", "occitan": "oc-FR",
    "persian": "fa-IR", "piedmontese": "pms-IT", "pinyin": "pny", "polish": "pl-PL",
    "polutonikogreek": "el-GR", "portuges": "pt-PT", "portuguese": "pt-PT",
    "romanian": "ro-RO", "romansh": "rm-CH", "russian": "ru-RU", "samin": "se-NO",
    "sanskrit": "sa-IN", "scottish": "gd-GB", "serbian": "sr-Latn", "serbianc": "sr-Cyrl",
    "slovak": "sk-SK", "slovene": "sl-SI", "slovenian": "sl-SI", "spanish": "es-ES",
    "swedish": "sv-SE", "swiss": "de-CH", "swissgerman": "de-CH", "nswissgerman": "de-CH",
    "syriac": "syc", "tamil": "ta-IN", "telugu": "te-IN", "thai": "th-TH",
    "thaicjk": "th-TH", "tibetan": "bo-CN", "turkish": "tr-TR", "turkmen": "tk-TM",
    "ukenglish": "en-GB", "ukrainian": "uk-UA", "urdu": "ur-IN", "uppersorbian": "hsb-DE",
    "usenglish": "en-US", "usorbian": "hsb-DE", "vietnamese": "vi-VN", "welsh": "cy-GB",
}  # fmt: skip

#: BCP 47 tag -> the name written in ``langid`` (the usual babel option where several
#: names share a tag: ``english`` for en-US, ``ngerman`` for de-DE).
LANGUAGE_NAMES: Final[dict[str, str]] = {
    tag: name for name, tag in sorted(LANGUAGES.items(), reverse=True)
} | {
    "en-US": "english", "en-GB": "british", "de-DE": "ngerman", "de-AT": "naustrian",
    "de-CH": "nswissgerman", "fr-FR": "french", "fr-CA": "canadien", "pt-PT": "portuguese",
    "pt-BR": "brazilian", "el-GR": "greek", "hu-HU": "magyar", "id-ID": "indonesia",
    "nn-NO": "nynorsk", "sl-SI": "slovenian", "am-ET": "amharic", "dsb-DE": "lowersorbian",
    "hsb-DE": "uppersorbian", "fa-IR": "farsi",
}  # fmt: skip
#: Written names: the spelling biblatex expects (a few have capitals).
_NAME_SPELLING: Final = {"ukenglish": "UKenglish", "usenglish": "USenglish"}
_LANG_WORD: Final = re.compile(r"[A-Za-z]+")


def language_tag(raw: str) -> str | None:
    """The BCP 47 tag of a babel/polyglossia name (or ``lang<name>`` key), else None.

    Only a bare word counts: a braced value (``{English}``) is text, kept as written.
    """
    word = raw.strip()
    if not _LANG_WORD.fullmatch(word):
        return None
    lowered = word.lower()
    tag = LANGUAGES.get(lowered)
    if tag is None and lowered.startswith("lang"):
        tag = LANGUAGES.get(lowered[4:])
    return tag


#: ``langidopts = {variant=...}`` of an English ``langid`` (babel's English variants).
_ENGLISH_VARIANTS: Final = {
    "american": "en-US", "us": "en-US", "usmax": "en-US", "british": "en-GB", "uk": "en-GB",
    "australian": "en-AU", "newzealand": "en-NZ", "canadian": "en-CA",
}  # fmt: skip


def variant_tag(tag: str, langidopts: str) -> str:
    """``langid = {english}`` with ``langidopts = {variant=british}`` is ``en-GB``."""
    if not tag.startswith("en-"):
        return tag
    for option in langidopts.strip("{} ").split(","):
        key, _, value = option.partition("=")
        if key.strip().lower() == "variant":
            return _ENGLISH_VARIANTS.get(value.strip().lower(), tag)
    return tag


def language_name(tag: str) -> str | None:
    """The babel name that reads back as exactly ``tag``, if there is one."""
    name = LANGUAGE_NAMES.get(tag)
    return _NAME_SPELLING.get(name, name) if name else None


# ----------------------------------------------------------------------------- bibstrings

#: biblatex localisation keys that appear in database fields -> english.lbx's long form,
#: capitalised as the standard styles print them at the start of a unit.
BIBSTRINGS: Final[dict[str, str]] = {
    # thesis, report and other types (the 'type' field)
    "bathesis": "Bachelor's thesis", "mathesis": "Master's thesis", "phdthesis": "PhD thesis",
    "candthesis": "Candidate thesis", "resreport": "Research report",
    "techreport": "Technical report", "software": "Computer software", "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "Patent", "patentde": "German patent", "patenteu": "European patent",
    "patentfr": "French patent", "patentuk": "British patent", "patentus": "U.S. patent",
    "patreq": "Patent request", "patreqde": "German patent request",
    "patreqeu": "European patent request", "patreqfr": "French patent request",
    "patrequk": "British patent request", "patrequs": "U.S. patent request",
    # pubstate
    "inpreparation": "In preparation", "submitted": "Submitted", "forthcoming": "Forthcoming",
    "inpress": "In press", "prepublished": "Pre-published",
    # series
    "newseries": "New series", "oldseries": "Old series", "jourser": "Series",
    # edition, note and friends
    "reprint": "Reprint", "edition": "Edition", "volume": "Volume", "volumes": "Volumes",
    "number": "Number", "chapter": "Chapter", "part": "Part", "issue": "Issue",
    "book": "Book", "version": "Version", "nodate": "No date", "commentary": "Commentary",
    "annotations": "Annotations", "introduction": "Introduction", "foreword": "Foreword",
    "afterword": "Afterword", "library": "Library", "abstract": "Abstract",
    "countryde": "Germany", "countryeu": "European Union", "countryep": "European Union",
    "countryfr": "France", "countryuk": "United Kingdom",
    "countryus": "United States of America",
    # languages (the 'language' field may name them; langid is mapped to BCP 47 instead)
    "langamerican": "American", "langbrazilian": "Brazilian", "langbulgarian": "Bulgarian",
    "langcatalan": "Catalan", "langcroatian": "Croatian", "langczech": "Czech",
    "langdanish": "Danish", "langdutch": "Dutch", "langenglish": "English",
    "langestonian": "Estonian", "langfinnish": "Finnish", "langfrench": "French",
    "langgalician": "Galician", "langgerman": "German", "langgreek": "Greek",
    "langitalian": "Italian", "langjapanese": "Japanese", "langlatin": "Latin",
    "langlatvian": "Latvian", "langnorwegian": "Norwegian", "langpolish": "Polish",
    "langportuguese": "Portuguese", "langrussian": "Russian", "langslovak": "Slovak",
    "langslovene": "Slovene", "langspanish": "Spanish", "langswedish": "Swedish",
    "langukrainian": "Ukrainian",
}  # fmt: skip
#: The fields whose value may be a localisation key (biblatex manual 2.2.2 and 4.9.2).
BIBSTRING_FIELDS: Final = frozenset(
    {"type", "pubstate", "series", "edition", "howpublished", "note", "addendum", "origlanguage"}
)
_KEY_OF: Final[dict[str, str]] = {}
for _key, _text in BIBSTRINGS.items():
    _KEY_OF.setdefault(_text, _key)


def bibstring(raw: str) -> str | None:
    """The English text of a field value that is exactly a localisation key."""
    return BIBSTRINGS.get(raw.strip())


def bibstring_key(text: str) -> str | None:
    """The key whose English text is exactly ``text`` (for writing BibLaTeX back)."""
    return _KEY_OF.get(text)


def is_bibstring_key(text: str) -> bool:
    """True when a text would be read as a key (the writer then braces it)."""
    return text.strip() in BIBSTRINGS


_ORDINAL_SUFFIX: Final = {1: "st", 2: "nd", 3: "rd"}
_ORDINAL_SERIES: Final = re.compile(r"([1-9]\d*)(?:st|nd|rd|th) series")


def ordinal(number: int) -> str:
    """``3`` -> ``3rd`` (english.lbx's ``mkbibordinal``)."""
    if 10 < number % 100 < 20:
        return f"{number}th"
    return str(number) + _ORDINAL_SUFFIX.get(number % 10, "th")


def journal_series(raw: str) -> str | None:
    """An article's ``series = {3}``: biblatex prints an ordinal and ``jourser``."""
    text = raw.strip()
    return f"{ordinal(int(text))} series" if text.isdecimal() and int(text) > 0 else None


def journal_series_number(text: str) -> str | None:
    """The reverse: ``3rd series`` -> ``3`` (only the exact form biblatex prints)."""
    m = _ORDINAL_SERIES.fullmatch(text)
    return m.group(1) if m and journal_series(m.group(1)) == text else None


# ----------------------------------------------------------------------------- names

#: ``editortype`` values (biblatex 2.3.4, plus common ones) -> CSL name variable.
ROLES: Final[dict[str, str]] = {
    "editor": "editor", "compiler": "compiler", "translator": "translator",
    "director": "director", "organizer": "organizer", "collaborator": "contributor",
    "contributor": "contributor", "illustrator": "illustrator", "narrator": "narrator",
    "producer": "producer", "composer": "composer", "curator": "curator", "host": "host",
    "interviewer": "interviewer", "performer": "performer", "chair": "chair",
    "scriptwriter": "script-writer", "guest": "guest", "recipient": "recipient",
}  # fmt: skip
#: CSL name variables the BibLaTeX writer puts in editora/editorb/editorc with a type
#: (biblatex's ``redactor``, ``reviser``, ``founder``, ``continuator`` have no CSL match).
ROLE_OF_VARIABLE: Final[dict[str, str]] = {v: k for k, v in reversed(ROLES.items())} | {
    "contributor": "collaborator",
}
EDITOR_SLOTS: Final = ("editor", "editora", "editorb", "editorc")

_TRUE: Final = frozenset({"true", "1", "yes", "on", ""})


def option_flag(options: str, name: str) -> bool | None:
    """``name`` in an ``options`` field (``useprefix=true, ...``): True/False, None if absent."""
    for part in options.split(","):
        key, _, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().lower() in _TRUE
    return None


_PART_KEY: Final = re.compile(r"\s*([A-Za-z-]+)\s*=")


def extended_name_parts(raw: str) -> dict[str, str] | None:
    """``family=Goethe, given=Johann Wolfgang, prefix=von, useprefix=false`` as a dict.

    None when ``raw`` is a classic BibTeX name (its first comma part has no ``key=``).
    Values may be braced (``given={Jean, Paul}``); commas inside braces do not split.
    """
    if "=" not in raw or not _PART_KEY.match(raw):
        return None
    parts: dict[str, str] = {}
    for piece in _split_top_level(raw, ","):
        key, sep, value = piece.partition("=")
        if not sep:
            return None
        parts[key.strip().lower()] = _strip_group(value.strip())
    return parts if parts.keys() & {"family", "given", "prefix", "suffix"} else None


def _split_top_level(text: str, separator: str) -> list[str]:
    pieces, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == separator and depth == 0:
            pieces.append(text[start:position])
            start = position + 1
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _strip_group(value: str) -> str:
    if value.startswith("{") and value.endswith("}"):
        depth = 0
        for position, char in enumerate(value):
            depth += char == "{"
            depth -= char == "}"
            if depth == 0 and position < len(value) - 1:
                return value
        return value[1:-1]
    return value


# ----------------------------------------------------------------------------- eprints

#: eprinttype (lowercased) -> (URL prefix, URL suffix): the URL an eprint gives when the
#: entry has none (biblatex's standard eprint handlers, and pandoc's for googlebooks).
EPRINT_URLS: Final[dict[str, tuple[str, str]]] = {
    "arxiv": ("https://arxiv.org/abs/", ""),
    "hdl": ("https://hdl.handle.net/", ""),
    "jstor": ("https://www.jstor.org/stable/", ""),
    "pubmed": ("https://pubmed.ncbi.nlm.nih.gov/", "/"),
    "pmcid": ("https://www.ncbi.nlm.nih.gov/pmc/articles/", "/"),
    "googlebooks": ("https://books.google.com/books?id=", ""),
}
#: eprinttype -> the CSL variable that also holds the id.
EPRINT_VARIABLES: Final[dict[str, str]] = {"pubmed": "PMID", "pmcid": "PMCID"}
#: Spellings of eprinttype seen in files -> the canonical one.
EPRINT_ALIASES: Final[dict[str, str]] = {"pmc": "pmcid", "handle": "hdl", "pmid": "pubmed"}


def eprint_url(eprinttype: str, eprint: str) -> str | None:
    kind = canonical_eprinttype(eprinttype)
    if kind not in EPRINT_URLS or not eprint.strip():
        return None
    prefix, suffix = EPRINT_URLS[kind]
    return f"{prefix}{eprint.strip()}{suffix}"


def canonical_eprinttype(eprinttype: str) -> str:
    lowered = eprinttype.strip().strip("{}").strip().lower()
    return EPRINT_ALIASES.get(lowered, lowered)


# ----------------------------------------------------------------------------- title parts

#: CSL variable <- the main field and its parts with the separator before each part
#: (biblatex prints "Title: Subtitle. Titleaddon"). The first main field present wins.
TITLE_PARTS: Final[tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = (
    ("title", "title", ((":", "subtitle"), (".", "titleaddon"))),
    ("container-title", "journaltitle", ((":", "journalsubtitle"), (".", "journaltitleaddon"))),
    ("container-title", "journal", ((":", "journalsubtitle"), (".", "journaltitleaddon"))),
    ("container-title", "booktitle", ((":", "booksubtitle"), (".", "booktitleaddon"))),
    ("volume-title", "maintitle", ((":", "mainsubtitle"), (".", "maintitleaddon"))),
    ("volume-title", "issuetitle", ((":", "issuesubtitle"), (".", "issuetitleaddon"))),
    ("note", "note", ((".", "addendum"),)),
)
PART_FIELDS: Final = frozenset(part for *_, parts in TITLE_PARTS for _, part in parts)
_ENDS_WITH_PUNCTUATION: Final = tuple("!?.,:;")


def join_parts(pieces: Sequence[tuple[str, str]]) -> str:
    """``[("", "Title"), (":", "Sub"), (".", "Addon")]`` -> ``Title: Sub. Addon``.

    A separator is not added after text that already ends in punctuation (``Why?
    Because``), the way biblatex's punctuation tracker prints it.
    """
    text = ""
    for separator, piece in pieces:
        if not piece:
            continue
        if not text:
            text = piece
        elif text.endswith(_ENDS_WITH_PUNCTUATION) or not separator:
            text = f"{text} {piece}"
        else:
            text = f"{text}{separator} {piece}"
    return text


def split_main(joined: str, parts: Sequence[tuple[str, str]]) -> str | None:
    """The main text that, joined with ``parts``, gives ``joined`` (None if none does)."""
    tail = join_parts([("", "x"), *parts])[1:]  # the parts as they follow a main text
    candidates = [tail, tail.lstrip("!?.,:;")]
    for candidate in candidates:
        if candidate and joined.endswith(candidate):
            main = joined[: len(joined) - len(candidate)]
            if main and join_parts([("", main), *parts]) == joined:
                return main
    return None


# ----------------------------------------------------------------------------- crossref

#: biblatex appendix B: (parent types, child types, parent field -> child field). A field
#: mapped to "" is not inherited at all (shorttitle, sorttitle, indextitle ...).
_NO_TITLE_EXTRAS: Final = {
    "shorttitle": "",
    "sorttitle": "",
    "indextitle": "",
    "indexsorttitle": "",
}
INHERITANCE: Final[tuple[tuple[frozenset[str], frozenset[str], Mapping[str, str]], ...]] = (
    (
        frozenset({"mvbook", "book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {"author": "bookauthor"},
    ),
    (
        frozenset({"mvbook"}),
        frozenset({"book", "inbook", "bookinbook", "suppbook"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon",
         **_NO_TITLE_EXTRAS},
    ),
    (
        frozenset({"mvcollection", "mvreference"}),
        frozenset({"collection", "reference", "incollection", "inreference", "suppcollection"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon",
         **_NO_TITLE_EXTRAS},
    ),
    (
        frozenset({"mvproceedings"}),
        frozenset({"proceedings", "inproceedings"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon",
         **_NO_TITLE_EXTRAS},
    ),
    (
        frozenset({"book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
         **_NO_TITLE_EXTRAS},
    ),
    (
        frozenset({"collection", "reference"}),
        frozenset({"incollection", "inreference", "suppcollection"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
         **_NO_TITLE_EXTRAS},
    ),
    (
        frozenset({"proceedings"}),
        frozenset({"inproceedings"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
         **_NO_TITLE_EXTRAS},
    ),
    (
        frozenset({"periodical"}),
        frozenset({"article", "suppperiodical"}),
        {"title": "journaltitle", "subtitle": "journalsubtitle",
         "titleaddon": "journaltitleaddon", **_NO_TITLE_EXTRAS},
    ),
)  # fmt: skip


#: BibTeX's type names that biblatex treats as aliases of its own.
_TYPE_ALIASES: Final = {"conference": "inproceedings", "electronic": "online", "www": "online"}


def inheritance_renames(parent_type: str, child_type: str) -> dict[str, str]:
    """Parent field -> child field ("" = not inherited) for this pair of types.

    Every matching rule applies (an @inbook from an @mvbook gets ``bookauthor`` and
    ``maintitle``); fields without a rule are inherited under their own name.
    """
    child_type = _TYPE_ALIASES.get(child_type, child_type)
    renames: dict[str, str] = {}
    for parents, children, rule in INHERITANCE:
        if parent_type in parents and child_type in children:
            for source, target in rule.items():
                renames.setdefault(source, target)
    return renames


#: biblatex: a field copied both under its own name and renamed (author -> author and
#: bookauthor for an @inbook from a @book).
INHERIT_ALSO_AS_ITSELF: Final = frozenset({"author"})

__all__ = [
    "BIBSTRINGS",
    "BIBSTRING_FIELDS",
    "EDITOR_SLOTS",
    "EPRINT_URLS",
    "EPRINT_VARIABLES",
    "INHERITANCE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "PART_FIELDS",
    "ROLES",
    "ROLE_OF_VARIABLE",
    "TITLE_PARTS",
    "bibstring",
    "bibstring_key",
    "canonical_eprinttype",
    "eprint_url",
    "extended_name_parts",
    "inheritance_renames",
    "is_bibstring_key",
    "join_parts",
    "journal_series",
    "journal_series_number",
    "language_name",
    "language_tag",
    "option_flag",
    "ordinal",
    "split_main",
    "variant_tag",
]
