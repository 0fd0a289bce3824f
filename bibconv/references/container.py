"""The container's name and its numbers: 'Journal 12(3): 45–67', 'In Proceedings of ...',
editors and series.
"""

from __future__ import annotations

import re
from typing import Any, Final

from bibconv.model import date_parts
from bibconv.references.common import (
    _YEAR_RE,
    _is_abbreviation,
    _mentions,
    _remove,
    _strip_punct,
    looks_like_authors,
)
from bibconv.references.names import parse_names
from bibconv.references.patterns import (
    _ABBREVIATED_WORD,
    _ARTICLE_ID,
    _ARXIV_CONTAINER,
    _CAMPUS,
    _CLOSE,
    _CONFERENCE_CUE,
    _CONTAINER_VOLUME,
    _DEPARTMENT,
    _EDITORS_IN_PARENS,
    _EMPTY_BRACKETS,
    _JOURNAL_CUE,
    _OPEN,
    _PLACE_PUBLISHER,
    _PLACE_START,
    _PLACE_WORD,
    _PUBLISHER_WORDS,
    _SECTION_OF_VENUE,
    _SEGMENT_MARKS,
    _TRAILING_PARENS,
    _TRAILING_WHERE,
    _TWO_NAMES,
    _UNIVERSITY,
    _UNIVERSITY_SYSTEM,
    _VENUE_WORDS,
    _VOLUME_NUMBER,
)

# ----------------------------------------------------------------------------- container


#: A conference's acronym in brackets, after its name: "(OSDI)", "(NeurIPS 2020)".
_ACRONYM_IN_BRACKETS: Final = re.compile(r"\([A-Z][A-Za-z]{1,12}[A-Z](?:\s'?\d{2,4})?\)(?:[,.;]|$)")


def _segments(text: str) -> list[str]:
    """The source cut at full stops, commas and semicolons outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for mark in _SEGMENT_MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ".,;" and depth == 0 and text[index + 1 : index + 2] in {" ", ""}:
            if char == "." and _is_abbreviation(text, index, venue=True):
                continue
            if char == "." and _ACRONYM_IN_BRACKETS.match(text, index + 2):
                continue  # "Proc. ... Design Implement. (OSDI), New Orleans": the venue's acronym
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return _merge_list_commas([_strip_unbalanced(p) for p in parts if _strip_unbalanced(p)])


def _merge_list_commas(parts: list[str]) -> list[str]:
    """Commas that are inside one name, not between parts of the source.

    "Fairness", "Accountability", "and Transparency" (an Oxford-comma list in a title);
    "Holt", "Rinehart and Winston" (a publisher); "Proc. IEEE Int. Conf. Acoust.", "Speech
    Signal Process." (an abbreviated venue goes on after an abbreviation's comma).
    """
    merged: list[str] = []
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if merged and _continues(merged[-1], part, following):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    # "X, Y, and Z": the single words between the head and "and Z" belong with them
    # ("... Conference on Applications, Technologies, Architectures, and Protocols ...";
    # "Lackington, Hughes, Harding, Mavor, and Jones").
    out: list[str] = []
    for part in merged:
        if part.startswith("and ") and len(out) >= 2 and " " not in out[-1]:
            words: list[str] = []
            while len(out) >= 2 and " " not in out[-1] and out[-1][:1].isupper():
                words.insert(0, out.pop())
            out[-1] = ", ".join([out[-1], *words, part])
        elif part.startswith("and ") and out:
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _continues(previous: str, part: str, following: str) -> bool:
    if not part[:1].isupper():
        return False
    if previous.count(".") >= 2 and _ABBREVIATED_WORD.fullmatch(part):
        return True  # "IEEE Trans. Syst., Man" + "Cybern.": the venue goes on
    if previous.endswith(".") and _is_abbreviation(previous, len(previous) - 1):
        # "Proc. IEEE Int. Conf. Acoust." + "Speech Signal Process."; "IEEE Trans. Syst." +
        # "Man" + "Cybern."; "Acta Crystallogr." + "Sect. C: ..." (not "Mass. Inst.
        # Technol." + "Cambridge" + "MA": a place follows, nothing abbreviated in it)
        abbreviated = "." in part or bool(_ABBREVIATED_WORD.fullmatch(following))
        return (previous.count(".") >= 2 and abbreviated) or bool(_SECTION_OF_VENUE.match(part))
    if "." in previous and _SECTION_OF_VENUE.match(part):
        return True  # "Proc. R. Soc. London" + "Ser. A": a section of an abbreviated venue
    # "Holt" + "Rinehart and Winston"; "Assessment in Education: Principles" + "Policy &
    # Practice" (the name's last clause is one word, and two words joined by and/& follow)
    words = previous.rsplit(": ", 1)[-1].split(" ")
    return len(words) == 1 and bool(_TWO_NAMES.fullmatch(part))


def _strip_unbalanced(text: str) -> str:
    """Spaces and brackets at the ends that have no partner inside."""
    text = text.strip()
    while text and text[0] in "([" and text.count(text[0]) > text.count(_CLOSE[text[0]]):
        text = text[1:].strip()
    while text and text[-1] in ")]" and text.count(text[-1]) > text.count(_OPEN[text[-1]]):
        text = text[:-1].strip()
    return text


def _container_and_publisher(source: str, fields: dict[str, Any]) -> None:
    """What is left: container title, publisher and place, in any order the styles use.

    Long (about 110 lines) on purpose: it is one ordered list of cases, each a style's way
    of printing what is left (Nature's trailing parentheses, "In X. Publisher", "City:
    Publisher", a bare publisher), tried in turn on the same shrinking ``source``; split
    into functions, each would take and return that half-read state.
    """
    source = _strip_punct(_EMPTY_BRACKETS.sub("", source), venue=True)
    # Nature: "Deep Learning (MIT Press, Cambridge, MA, 2016)", "in Proc. X 1-10 (ACL, City, 2018)".
    trailing = _TRAILING_PARENS.search(source)
    if trailing and _PUBLISHER_WORDS.search(trailing.group(1)) and not _acronyms(trailing.group(1)):
        source = f"{source[: trailing.start()].rstrip(' ,.')}. {trailing.group(1).strip(' ,')}"
        source = source.strip(" .")
    wants_container = bool(
        fields.get("in")
        or (fields.get("editor") and not fields.get("edited_book"))
        or (
            any(key in fields for key in ("volume", "issue", "page"))
            and not fields.get("book_locators")
        )
    )
    if fields.get("publication_statement") and not wants_container and "book-title" not in fields:
        _publication_statement(source, fields)
        return
    # (a book title known already needs no guarding from "Place: Publisher")
    guard = wants_container and "book-title" not in fields
    place_pub = _place_and_publisher(source, wants_container=guard)
    if place_pub is not None:
        fields.setdefault("publisher-place", place_pub.group("place").strip())
        fields.setdefault("publisher", place_pub.group("pub").strip())
        source = _remove(source, place_pub)
    segments = _merge_company_suffixes(_segments(source))
    if "book-title" in fields:  # APA chapter: "In Eds (Eds.), Book (pp. 1–10). Publisher."
        fields["container-title"] = fields.pop("book-title")
        if segments:  # (APA 7 prints no place; ACM prints "ACM, New York, NY, USA")
            fields.setdefault("publisher", segments[0])
            place = _place_of(segments[1:])
            if place:
                fields.setdefault("publisher-place", place)
        return
    if segments and "issued" in fields and _YEAR_RE.fullmatch(segments[0]):
        # MLA "Title. 1961. Chicago: UP, 1983.": the first edition's year, not a venue.
        fields["original-date"] = date_parts(int(segments.pop(0)[:4]))
    if not segments:
        return
    first = segments[0]
    venue_named = bool(
        _CONFERENCE_CUE.search(first)
        or _JOURNAL_CUE.search(first)
        or _mentions(first, "conference", "proceedings", "workshop", "symposium", "journal")
    )
    if (
        (
            not wants_container
            and _PUBLISHER_WORDS.search(first)
            and not _CONFERENCE_CUE.search(first)
            and not _JOURNAL_CUE.match(first)
        )
        # MLA 9 "Title. Grasset, 1913.": a name and the year, no locator: the publisher.
        # A book's edition and then a name: "3rd ed. Lippincott Williams & Wilkins; 2008."
        or (not wants_container and "edition" in fields and len(segments) <= 3)
        # The author publishes it: "World Bank. (2020). Title. World Bank."
        or (not wants_container and first == fields.get("head_authors"))
        or (
            not wants_container
            # APA "(1885). Title. Duncker & Humblot." (with a DOI it may be an article
            # published online first, with a URL a site's name: those keep their venue)
            and (
                fields.get("year_last")
                or (fields.get("head_year") and "DOI" not in fields and "URL" not in fields)
            )
            # (ACM books add the place: "CreateSpace, Scotts Valley, CA.")
            and (len(segments) == 1 or _only_a_place(segments[1:]))
            and not venue_named
            and not _VENUE_WORDS.search(first)
            and not _ARXIV_CONTAINER.fullmatch(first)
        )
        or (
            (
                fields.get("thesis")
                or fields.get("report")
                or fields.get("dataset")
                or fields.get("software")  # "[Computer software]. Posit Software, PBC."
                or ("version" in fields and not wants_container)
            )
            and not fields.get("in")
        )
        or fields.get("book_source")
        # APA "Title (E. S. Brondizio, ..., Eds.). IPBES Secretariat.": the book's own
        # editors, so what follows is its publisher, not a container
        or (fields.get("edited_book") and not wants_container and len(segments) == 1)
    ):
        container = None
    else:
        container = first
        segments = segments[1:]
        if fields.get("quoted_title") and not fields.get("in"):
            container, segments = _container_commas(container, segments)
    # "J Mach Learn Res." (NLM abbreviations have no periods): the period is punctuation;
    # "Neural Comput." (ISO 4, two words) keeps it.
    if (
        container
        and container.endswith(".")
        and "." not in container[:-1]
        and (
            fields.get("bare_initials")
            or len(container.split()) > 2
            or not _is_abbreviation(container, len(container) - 1)
        )
    ):
        container = container[:-1]
    if container:
        editors = _EDITORS_IN_PARENS.search(container)
        if editors and looks_like_authors(editors.group(1)):
            fields["editor"] = parse_names(editors.group(1))
            container = container[: editors.start()].rstrip()
        where = _TRAILING_WHERE.search(container)
        if (
            where
            and "," in where.group(1)
            and _plausible_place(where.group(1))
            and _is_capitalised(where.group(1))
        ):
            fields.setdefault("publisher-place", where.group(1))
            container = container[: where.start()].rstrip()
    if container and "volume" not in fields:
        # Nature "Nature 521, 436–444"; Chicago "Nature 521, no. 7553"; LNCS "Nature. 521".
        bare = _CONTAINER_VOLUME.fullmatch(container)
        if bare and not _YEAR_RE.fullmatch(bare.group(2)):
            container, fields["volume"] = bare.group(1), bare.group(2)
        elif segments and _VOLUME_NUMBER.fullmatch(segments[0]):
            fields["volume"] = segments.pop(0)
    # An article number where the pages go: "Phys. Rev. Lett. 116, 061102", "Sci. Data,
    # 7, 109", "Science, 349(6251), aac4716".
    if (
        container
        and "page" not in fields
        and "volume" in fields
        and segments
        and _ARTICLE_ID.fullmatch(segments[0])
        and not _is_the_year(segments[0], fields)
    ):
        fields["page"] = segments.pop(0)
    if container:
        fields["container-title"] = container + fields.pop("container-suffix", "")
    _publisher_segments(segments, fields)


def _publication_statement(source: str, fields: dict[str, Any]) -> None:
    """NLM's "Place: Publisher" before "; Year" (the whole source after a book's title):
    the publisher as printed, commas and initials and all ("London: Longmans, Green and Co.",
    "Paris: J.-B. Baillière et fils", "Sands, Murray and Cochran")."""
    place, colon, publisher = source.partition(": ")
    if colon and _plausible_place(place) and place[:1].isupper():
        fields.setdefault("publisher-place", place.strip())
        fields.setdefault("publisher", publisher.strip(" ,;"))
    elif source.strip(" ,;"):
        fields.setdefault("publisher", source.strip(" ,;"))


#: A part of a name between commas that is one capitalised word ("Pedagogy").
_ONE_WORD: Final = re.compile(r"[A-ZÀ-Þ][\w'’-]{1,30}")


def _container_commas(container: str, segments: list[str]) -> tuple[str, list[str]]:
    """MLA 9 '"Title." Touching Feeling: Affect, Pedagogy, Performativity, Duke UP, 2003':
    one-word parts between a quoted title's container and its publisher are the
    container's (MLA prints no place there)."""
    count = 0
    while (
        count < len(segments)
        and _ONE_WORD.fullmatch(segments[count])
        and not _PUBLISHER_WORDS.search(segments[count])
    ):
        count += 1
    if count and count < len(segments) and _PUBLISHER_WORDS.search(segments[count]):
        return ", ".join([container, *segments[:count]]), segments[count:]
    return container, segments


def _acronyms(text: str) -> bool:
    """ "USENIX ATC", "IEEE CVPR": a conference's acronyms in capitals (they stay in the
    venue's name), not Nature's "(PMLR, 2021)" or "(ACL, City, 2018)" publisher bracket."""
    return text.isupper() and " " in text and "," not in text


def _is_the_year(text: str, fields: dict[str, Any]) -> bool:
    """ "2015" after a volume is the year unless the year is known and another: APS pages
    can look like years ("Phys. Rev. Lett. 49, 1804 (1982)")."""
    if not _YEAR_RE.fullmatch(text):
        return False
    issued = fields.get("issued", {}).get("date-parts") or [[None]]
    return issued[0][0] in (None, int(text[:4]))


def _place_and_publisher(source: str, *, wants_container: bool) -> re.Match[str] | None:
    """The first "Place: Publisher" that reads as one (each start tried once: linear)."""
    if ":" not in source:
        return None  # (every "Place: Publisher" has its colon)
    for match in _PLACE_START.finditer(source):
        found = _PLACE_PUBLISHER.match(source, match.start())
        if found is None:
            continue
        # "In Neural Networks: Tricks of the Trade, ..." is a container, not a place
        # (but IEEE books print "vol. 1, 3rd ed. Reading, MA, USA: Addison-Wesley").
        pub = found.group("pub")
        if (
            wants_container
            and found.start() == 0
            and not (_PUBLISHER_WORDS.search(pub) and len(pub) <= 40 and "," not in pub)
        ):
            continue
        if _plausible_place(found.group("place")) and (
            _PUBLISHER_WORDS.search(found.group("pub")) or found.group("end") in {";", ""}
        ):
            return found
    return None


#: What follows a company's name after a comma, as it is spelled: "Curran Associates, Inc.",
#: "Posit Software, PBC".
_COMPANY_SUFFIXES: Final = {
    "Inc": "Inc.", "Ltd": "Ltd.", "Co": "Co.", "S.A": "S.A.", "Pty": "Pty.",
    "LLC": "LLC", "GmbH": "GmbH", "PBC": "PBC", "AG": "AG",
}  # fmt: skip


def _merge_company_suffixes(segments: list[str]) -> list[str]:
    """ "Curran Associates", "Inc" -> "Curran Associates, Inc." (a comma inside a name);
    "Univ. of California", "Irvine" -> "Univ. of California, Irvine" (a campus)."""
    merged: list[str] = []
    for segment in segments:
        if merged and segment.rstrip(".") in _COMPANY_SUFFIXES:
            merged[-1] = f"{merged[-1]}, {_COMPANY_SUFFIXES[segment.rstrip('.')]}"
        elif merged and _one_institution(merged[-1], segment):
            merged[-1] = f"{merged[-1]}, {segment}"
        else:
            merged.append(segment)
    return merged


def _one_institution(previous: str, segment: str) -> bool:
    """A university and its campus ("Univ. of California" + "Irvine"), or a school and its
    university ("Moore School of Electrical Engineering" + "University of Pennsylvania";
    "University of California, Irvine" + "School of Information and Computer Sciences")."""
    if _UNIVERSITY_SYSTEM.search(previous) and _CAMPUS.fullmatch(segment):
        return True
    if _DEPARTMENT.match(previous):
        return segment.startswith(("University", "Univ."))
    return bool(_UNIVERSITY.search(previous)) and _DEPARTMENT.match(segment) is not None


def _is_a_name(text: str) -> bool:
    """Capitalised words with no digit, two or more: "European Language Resources ..."."""
    return " " in text and not any(c.isdigit() for c in text) and text[:1].isupper()


def _is_capitalised(text: str) -> bool:
    return all(word[:1].isupper() for word in text.replace(",", " ").split())


def _only_a_place(segments: list[str]) -> bool:
    """ "Scotts Valley", "CA": a place, with no number and no publisher's name in it."""
    joined = ", ".join(segments)
    return (
        not any(ch.isdigit() for ch in joined)
        and not _PUBLISHER_WORDS.search(joined)
        and _plausible_place(joined)
    )


def _plausible_place(place: str) -> bool:
    words = place.replace(",", " ").split()
    return 1 <= len(words) <= 5 and not _CONFERENCE_CUE.search(place)


def _publisher_segments(segments: list[str], fields: dict[str, Any]) -> None:
    """Publisher and place from the segments after the container."""
    publisher_index = None
    for index, segment in enumerate(segments):
        if _PUBLISHER_WORDS.search(segment) or (
            (fields.get("thesis") or fields.get("report")) and _UNIVERSITY.search(segment)
        ):
            publisher_index = index
            break
    if publisher_index is None:
        if segments and "publisher" not in fields and not fields.get("container-title"):
            # A book with an unknown publisher name: "Title. Mouton, The Hague (1957)".
            fields["publisher"] = segments[0]
            segments = segments[1:]
        if segments and "publisher-place" not in fields and not fields.get("thesis"):
            place = _place_of(segments)
            if place:
                fields["publisher-place"] = place
                # ACL: "pages 1659–1666, Portorož, Slovenia. European Language Resources
                # Association (ELRA).": the one name after the place is the publisher
                after = segments[len(place.split(", ")) :]
                if len(after) == 1 and "publisher" not in fields and _is_a_name(after[0]):
                    fields["publisher"] = after[0]
        return
    fields.setdefault("publisher", segments[publisher_index])
    before = segments[:publisher_index]
    after = segments[publisher_index + 1 :]
    # ACL prints "pages 1–10, City, State. Publisher."; LNCS "Publisher, City (2020)".
    places = before if before else after
    if places and "publisher-place" not in fields:
        place = _place_of(places)
        if place:
            fields["publisher-place"] = place


def _place_of(segments: list[str]) -> str | None:
    """ "Minneapolis", "MN", "USA" -> "Minneapolis, MN, USA" (up to three capitalised parts)."""
    parts: list[str] = []
    for segment in segments[:3]:
        if _PLACE_WORD.fullmatch(segment):  # (also two joined: "Berlin und Leipzig")
            parts.append(segment)
            continue
        if (
            not _is_capitalised(segment)
            or len(segment.split()) > 3
            or any(c.isdigit() for c in segment)
        ):
            break
        parts.append(segment)
    place = ", ".join(parts)
    return place if parts and _plausible_place(place) else None
