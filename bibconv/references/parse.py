"""One pasted reference string -> one CSL item (the ``references`` layout's core).

The parse runs in three steps, each a pure function on ``str``:

1. identifiers (DOI, arXiv id, URL, "Retrieved from", "[Online]", access dates) are cut out
   wherever they stand, because every style puts them somewhere different;
2. the head is split into authors, year and title by the first shape that fits:
   ``Authors (2020). Title.`` (APA, Harvard), ``Authors. 2020. Title.`` (ACL, Chicago
   author-date), ``Authors, "Title,"`` (IEEE, MLA, Chicago notes), ``Authors: Title.``
   (Springer LNCS) and finally ``Authors. Title.`` (Vancouver, Nature);
3. the rest (the source) gives editors, volume, issue, pages, year, edition, publisher,
   place and container by patterns that do not depend on their order.

Every regular expression is anchored or bounded (``{1,N}`` instead of ``*`` where a lazy
match is needed) and none nests a repeat inside a repeat, so any input costs a few passes.
"""

from __future__ import annotations

import re
from typing import Any, Final

from bibconv.model import CslName
from bibconv.pages._text import repair
from bibconv.references.common import (
    _ABBREVIATIONS,
    _VENUE_ABBREVIATIONS,
    Reference,
    _is_abbreviation,
    _mentions,
    _put_locators,
    _set_date,
    _strip_punct,
    looks_like_authors,
)
from bibconv.references.container import _container_and_publisher
from bibconv.references.head import _first_sentence, split_head
from bibconv.references.identifiers import _cut_identifiers
from bibconv.references.item import _build, _report
from bibconv.references.names import parse_names
from bibconv.references.patterns import (
    _ACS_SOURCE,
    _CONFERENCE_CUE,
    _DATA_SET_TITLE,
    _IN_PREFIX,
    _JOURNAL_CUE,
    _YEAR,
    NUMBER_MARKER,
)
from bibconv.references.source import _parse_source, _year_from_source
from bibconv.references.title import _publisher_after_title, _title_extras

# ----------------------------------------------------------------------------- entry point


def parse_reference(text: str) -> Reference:
    """One reference string (any common style) -> a CSL item and its uncertain fields."""
    text = strip_number(_repaired(text))
    fields: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    text = _cut_identifiers(text, fields)
    text = _acs_publication(text, fields) if "; " in text else text
    text, edited = _editors_as_authors(text)
    head = split_head(text)
    if head.year:
        _set_date(fields, head.year, head.date)
        fields["head_year"] = True
    if head.organisation:
        authors: list[CslName] = [{"literal": head.authors.rstrip(".")}]
    else:
        authors = parse_names(head.authors) if head.authors else []
    if head.book:
        fields["book_source"] = True
    if head.authors:
        fields["head_authors"] = head.authors.rstrip(".")
    if edited and authors:
        fields["editor"], authors = authors, []  # an edited book: its editors head it
        fields["edited_book"] = True
    if head.quoted:
        fields["quoted_title"] = True
    if head.version:
        fields["version"], fields["software"] = head.version, True
    if head.editors and looks_like_authors(head.editors):
        fields["editor"] = parse_names(head.editors)  # NLM: "Organisation; Eds, editors."
        fields["edited_book"] = True
    if head.authors and "." not in head.authors.rstrip("."):
        fields["bare_initials"] = True  # Vancouver/AMA: journal abbreviations have no periods
    head_title, rest = _title_sentences_before_journal(head.title, head.rest, quoted=head.quoted)
    rest = _acs_journal(rest, fields)
    source = _strip_punct(rest)
    if "issued" not in fields and not head.no_date:
        source = _year_from_source(source, fields)
    source = _parse_source(source, fields, title=head_title)
    title = head_title
    if not title and source:
        title, source = _first_sentence(source)
    title = _title_extras(title, fields)
    named_data = "ata" in title[-30:] and _DATA_SET_TITLE.search(title) is not None
    if named_data and not any(k in fields for k in ("volume", "page")):
        fields["dataset"] = True  # "V-Dem dataset v13. Varieties of Democracy (V-Dem) Project."
    if head.no_date:
        fields["nd"] = True
    if not source.strip(" .,") and ", " in title:
        title, source = _publisher_after_title(title, fields, commas_only=head.commas)
        # "Title, 2nd edn., Academic Press, Amsterdam": the edition was inside the commas
        title = _title_extras(title, fields)
    _container_and_publisher(_strip_punct(source, venue=True), fields)
    item = _build(title, authors, fields)
    _report(item, fields, problems, text)
    return Reference(item, problems)


#: Editors in the author's place: "Reitz, B., and S. Rieuwerts, eds.", "Dryer, M. S. &
#: M. Haspelmath (eds.).", "Orr, G. B. (Ed.)." (a whole edited book).
_HEAD_EDITORS: Final = re.compile(
    r"^(?P<eds>[^()\"“:]{2,600}?)(?:,\s|\s\()(?:[Ee]ds?|[Ee]ditors?|[Hh]rsg)\.?\)?(?P<end>[.,:]?\s)"
)


def _editors_as_authors(text: str) -> tuple[str, bool]:
    """The text with an editor label after the head's names taken out, and whether one
    was: the names are then parsed as the head's authors and become the editors."""
    head = text[:700]
    match = _HEAD_EDITORS.match(text) if _mentions(head, "ed.", "eds", "editor", "hrsg") else None
    if match is None or not looks_like_authors(match.group("eds")):
        return text, False
    names = match.group("eds").rstrip()
    if match.group("end").startswith(","):
        # Elsevier "R.W. Cahn, P. Haasen (Eds.), Title, ...": the names' comma stays
        return f"{names}, {text[match.end() :]}", True
    stop = "" if names.endswith(".") else "."
    return f"{names}{stop} {text[match.end() :]}", True


#: Where an ACS or Vancouver journal ends, the year right after its name: "J. Am. Chem.
#: Soc. 1931, 53 (4), 1367–1400", "Lancet. 1974;2(7872):81-4", "BMJ. 2003 Sep 6;327:557".
_JOURNAL_YEAR_TAIL: Final = re.compile(
    rf"\s(?:{_YEAR}(?:\s[A-Z][a-z]{{2,8}}\.?(?:\s\d{{1,2}})?)?;\s?\d"
    rf"|{_YEAR},\s\d{{1,5}}(?:\s\([^()]{{1,20}}\))?,\s[\w–-]{{1,20}}\.?$)"
)


def _acs_journal(rest: str, fields: dict[str, Any]) -> str:
    """An ACS source read whole (journal, year, volume, issue, pages into ``fields``): ""
    is left; any other source is returned as it is."""
    match = _ACS_SOURCE.fullmatch(rest) if rest[-1:] in _ACS_ENDS and ", " in rest else None
    if match is None:
        return rest
    if "issued" not in fields:
        _set_date(fields, match.group("year"), None)
    fields["container-title"] = match.group("journal").rstrip(",")
    _put_locators(fields, match)
    return ""


_ACS_ENDS: Final = frozenset("0123456789.")


#: Lowercase words inside a journal's name ("Trends in Cognitive Sciences").
_NAME_GLUE: Final = frozenset({"of", "the", "and", "in", "for", "on", "&", "de", "der", "für"})


#: ACS's publication statement, the publisher before its place: "...; VCH: New York, 1990;
#: Vol. 1, pp 45–81.", "...; Oxford University Press: New York, 1998." (Vancouver prints
#: "Place: Publisher; Year", the semicolon after).
_ACS_PUBLISHER: Final = re.compile(
    rf";\s(?P<pub>[^;:]{{2,100}}):\s(?P<place>[^;:]{{2,80}}),\s(?P<year>{_YEAR})(?=;\s|\.?$)"
)
#: What stands before it in an ACS book: "; Linstrom, P. J., Mallard, W. G., Eds." (the
#: editors), ", 2nd ed." (the edition), ", Version 2.0" / ", Revision 4.1" (software).
_ACS_EDITORS: Final = re.compile(r";\s(?P<eds>[^;]{2,400}?),\sEds?\.$")
_ACS_VERSION: Final = re.compile(r",\s(?:Version|Revision)\s(?P<version>[\w.]{1,20})$")


def _acs_publication(text: str, fields: dict[str, Any]) -> str:
    """An ACS book's or chapter's "; Editors, Eds.; Publisher: Place, Year; Vol. 1, pp 45–81"
    read into ``fields`` (editors, publisher, place, year, version); what is left reads as
    any other reference: "Author. Chapter. In Book, Vol. 1, pp 45–81" or "Author. Title"."""
    match = _ACS_PUBLISHER.search(text)
    if match is None:
        return text
    fields["publisher"], fields["publisher-place"] = match.group("pub"), match.group("place")
    _set_date(fields, match.group("year"), None)
    before, after = text[: match.start()], text[match.end() :].lstrip(" ;")
    editors = _ACS_EDITORS.search(before)
    if editors is not None and looks_like_authors(editors.group("eds")):
        fields["editor"] = parse_names(editors.group("eds"))
        if ". In " not in before:
            fields["edited_book"] = True  # the book's own editors: no container follows
        before = before[: editors.start()]
    version = _ACS_VERSION.search(before)
    if version is not None:
        fields["version"] = version.group("version")
        before = before[: version.start()]
    return f"{before}, {after}" if after.strip(" .") else before


def _title_sentences_before_journal(
    title: str, rest: str, *, quoted: bool = False
) -> tuple[str, str]:
    """ACS and Vancouver titles of two sentences: "Title. Second sentence. J. Am. Chem.
    Soc. 1931, 53, 1367." -> the second sentence joins the title; the journal is the run
    of capitalised or abbreviated words before its year. (A question in quotes ends its
    title: MLA '"What Is an Author?" Textual Strategies: ..., edited by' is its container.)"""
    if title.endswith(("?", "!")) and ". " in rest and not quoted:
        return _subtitle_after_question(title, rest)
    tail = _JOURNAL_YEAR_TAIL.search(rest) if title and ". " in rest else None
    if tail is None:
        return title, rest
    tokens = rest[: tail.start()].split(" ")
    start = len(tokens) - 1  # the journal's last word
    while start > 0:
        previous = tokens[start - 1]
        if previous.endswith(".") and not _is_abbreviated_word(previous):
            break  # a sentence ends there: the journal starts after it
        if previous[:1].isupper() or previous in _NAME_GLUE or previous.endswith(","):
            start -= 1
            continue
        return title, rest  # a lowercase word: no journal name reaches back that far
    if start == 0 or _abbreviated_run(tokens[:start]):
        return title, rest
    more = " ".join(tokens[:start]).rstrip(".")
    return f"{title}. {more}", rest[len(" ".join(tokens[:start])) :].lstrip()


def _subtitle_after_question(title: str, rest: str) -> tuple[str, str]:
    """ "Where is the land of opportunity? The geography of ... States. The Quarterly
    Journal of Economics, 129(4)": a question's subtitle is a sentence of words (no
    number, no venue word) followed by the source's locators."""
    end = rest.find(". ")
    subtitle, after = rest[:end], rest[end + 2 :]
    if (
        len(subtitle.split()) < 3
        or any(ch.isdigit() for ch in subtitle)
        or _IN_PREFIX.match(subtitle)
        or _JOURNAL_CUE.search(subtitle)
        or _CONFERENCE_CUE.search(subtitle)
        or _is_abbreviation(rest, end)
        or not any(ch.isdigit() for ch in after)
    ):
        return title, rest
    return f"{title} {subtitle}", after


def _abbreviated_run(words: list[str]) -> bool:
    """ "Ber. Dtsch." (of "Ber. Dtsch. Chem. Ges. 1894"), "C. R. Hebd." (of "C. R. Hebd.
    Seances Acad. Sci. 1900"), "Acta Crystallogr., Sect. A:" (of "... Found. Crystallogr.
    2008"), "Nachr. Ges. Wiss. Goettingen, Math.-Phys." (of "... Kl. 1906"): abbreviated
    words no list knows (a name before a comma among them), perhaps after one full word, are
    no sentence of the title but the journal's first words."""
    if len(words) >= 3 and words[0][:1].isupper() and not words[0].endswith("."):
        words = words[1:]
    if len(words) == 1 and len(words[0]) > 7:
        return False  # one long word: a sentence's last ("... Living Polymers. Nature 1956")
    return all(
        word[:1].isupper() and (word.endswith((".", ",")) or len(word.rstrip(".,:")) == 1)
        for word in words
    )


def _is_abbreviated_word(word: str) -> bool:
    """ "J.", "Chem.", "Int." (an initial or an ISO 4 abbreviation), not a sentence end."""
    bare = word.rstrip(".,")
    return len(bare) == 1 or bare.lower() in _VENUE_ABBREVIATIONS or bare.lower() in _ABBREVIATIONS


def _repaired(text: str) -> str:
    """:func:`repair`, without its character-by-character translation when there is
    nothing to repair: ASCII text with no tab, form feed, vertical tab or double space
    (lines from ``split_lines`` are repaired already; most references are such text)."""
    if text.isascii() and not any(mark in text for mark in ("  ", "\t", "\f", "\v")):
        return text.strip()
    return repair(text)


def strip_number(text: str) -> str:
    """The reference without its list number ("[3] ", "3. ", "(3) ")."""
    match = NUMBER_MARKER.match(text)
    return text[match.end() :].lstrip() if match else text
