"""A reference's source: what follows the title (journal, proceedings, book, publisher, place,
volume, pages).
"""

from __future__ import annotations

import re
from typing import Any

from bibconv._vocab import MONTHS
from bibconv.references.common import (
    _ACM_TAIL,
    _BRACKETED_YEAR_LOCATORS,
    _DOTTED_VOLUME,
    _EDITION,
    _is_abbreviation,
    _mentions,
    _normalize_pages,
    _put_locators,
    _remove,
    _set_date,
    _source_locators,
    looks_like_authors,
)
from bibconv.references.names import is_initials, parse_names
from bibconv.references.patterns import (
    _ACM_PROCEEDINGS,
    _APA_BOOK_PAGES,
    _COMMA,
    _EDITED_BY,
    _EDITORS_IEEE,
    _EDITORS_PAREN,
    _EDITORS_VANCOUVER,
    _EDS_LABEL,
    _IN_PREFIX,
    _MONTH_AFTER_YEAR,
    _MONTH_BEFORE_YEAR,
    _NLM_SERIES,
    _NO_DATE_ANYWHERE,
    _PLACE_COLON,
    _PROCEEDINGS_VOLUME,
    _PUBLISHER_THEN_YEAR,
    _PUBLISHER_WORDS,
    _REPORT,
    _REPORT_NUMBER,
    _RFC,
    _SERIES,
    _STANDARD_NUMBER,
    _STOP,
    _THESIS,
    _TRANSLATED_BY,
    _VANCOUVER_TAIL,
    _VOLUME_COUNT,
    _YEAR_ANYWHERE,
)


def _parse_source(source: str, fields: dict[str, Any], *, title: str) -> str:
    """Take editors, series, edition, locators and type cues out of the source."""
    in_match = _IN_PREFIX.match(source)
    if in_match:
        fields["in"] = True
        source = source[in_match.end() :]
        source = _editors(source, fields)
        book = _APA_BOOK_PAGES.match(source) if "editor" in fields else None
        if book:  # the title of an edited book, commas and all; its publisher follows
            fields["book-title"] = book.group("book")
            source = f"{book.group('pages')}. {source[book.end() :]}"
        acm = _ACM_PROCEEDINGS.match(source) if "'" in source else None
        if acm:
            fields["book-title"] = acm.group("book")
            source = source[acm.end() :]
    else:
        source = _edited_by(source, fields)
    if "editor" not in fields:
        source = _ieee_editors(source, fields)
    source = _thesis_or_report(source, fields)
    protected = _PROCEEDINGS_VOLUME.search(source)
    if protected and fields.get("in"):
        fields["container-suffix"] = protected.group(0)
        source = f"{source[: protected.start()]}{source[protected.end() :]}"
    series = _SERIES.search(source) if _mentions(source, "vol") else None
    if series:
        fields["collection-title"] = series.group("series")
        fields["collection-number"] = series.group("number")
        source = _remove(source, series)
    nlm_series = _NLM_SERIES.search(source) if source.endswith((")", ").")) else None
    if nlm_series:
        fields["collection-title"] = nlm_series.group("series")
        fields["collection-number"] = nlm_series.group("number") or nlm_series.group("no")
        source = source[: nlm_series.start()]
    return _source_locators(source, fields)


def _editors(source: str, fields: dict[str, Any]) -> str:
    """Editors of the book or proceedings after "In": APA, LNCS, IEEE and Vancouver shapes."""
    match = _EDITORS_PAREN.match(source)
    if match and looks_like_authors(match.group("eds")):
        fields["editor"] = parse_names(match.group("eds"))
        return source[match.end() :]
    match = _EDITORS_IEEE.match(source)
    if match and looks_like_authors(match.group("eds")):
        fields["editor"] = parse_names(match.group("eds"))
        return f"{match.group('book')}. {source[match.end() :]}"
    match = _EDITORS_VANCOUVER.match(source)
    if match and looks_like_authors(match.group("eds")):
        fields["editor"] = parse_names(match.group("eds"))
        return match.group("rest")
    return _edited_by(source, fields)


def _ieee_editors(source: str, fields: dict[str, Any]) -> str:
    """IEEE: "in Book, vol. 1, D. E. Rumelhart and J. L. McClelland, Eds., Cambridge, MA"."""
    # (every label ends "d." or "ds.": most sources have neither)
    label = _EDS_LABEL.search(source) if "d." in source or "ds." in source else None
    if label is None:
        return source
    before = source[: label.start()]
    # The editors are the longest run of comma-separated parts before "Eds." that reads
    # as names (at most a dozen parts are tried).
    commas = [m.end() for m in _COMMA.finditer(before)][-12:]
    for start in commas:
        names = before[start:]
        # (a lone word such as "Int" of "Angew. Chem., Int. Ed." is no editor)
        if looks_like_authors(names) and not _lone_literal(names):
            fields["editor"] = parse_names(names)
            return f"{before[:start].rstrip(' ,')}, {source[label.end() :]}".strip(" ,")
    return source


def _lone_literal(names: str) -> bool:
    parsed = parse_names(names)
    return len(parsed) == 1 and "literal" in parsed[0]


def _edited_by(source: str, fields: dict[str, Any]) -> str:
    """ "Book, edited by A. Editor and B. Editor, 1–10" (Chicago); "Ed. A. Editor." (MLA)."""
    if _mentions(source, "trans.", "translated", "übers"):
        label = _TRANSLATED_BY.search(source)
        if label is not None and _after_abbreviation(source, label.start()):
            label = None  # "Philos. Trans. R. Soc. Lond. A": a venue's word, no translator
        source = _names_after(source, label, fields, "translator")
    gate = _mentions(source, "edited by", "ed.", "eds.", "hrsg")
    return _names_after(source, _EDITED_BY.search(source) if gate else None, fields, "editor")


def _after_abbreviation(text: str, start: int) -> bool:
    """The label at ``start`` follows an abbreviated venue word ("Philos. Trans.")."""
    before = text[:start].rstrip()
    return before.endswith(".") and _is_abbreviation(before, len(before) - 1, venue=True)


def _names_after(source: str, match: re.Match[str] | None, fields: dict[str, Any], key: str) -> str:
    """The names after a label ("edited by", "Trans.") into ``fields[key]``; the source
    without the label and the names."""
    if match is None:
        return source
    after = source[match.end() :]
    end = len(after)
    for stop in _STOP.finditer(after):
        tail = after[stop.end() :]
        last_word = after[: stop.start() + 1].rsplit(" ", 1)[-1]
        if stop.group(0)[0] == "." and is_initials(last_word):
            continue
        if stop.group(0)[0] == "," and _inverted_name_goes_on(after[: stop.start()], tail):
            continue
        if (
            stop.group(0)[0] == ","
            and not (
                tail[:1].isdigit()
                or tail.startswith(("pp", "vol", "Vol", "no."))
                or _PUBLISHER_WORDS.match(tail)
                or _EDITION.match(tail)
                or _PLACE_COLON.match(tail)
                # MLA: "..., Alfred A. Knopf, 2007": a publisher and the year end the names
                or _PUBLISHER_THEN_YEAR.match(tail)
                or tail.startswith(("translated by", "edited by"))
                or _list_ends_before(after[: stop.start()], tail)
            )
        ):
            continue
        end = stop.start()
        break
    names = after[:end]
    # (a lone word is no name: "Engl" of "Angew. Chem., Int. Ed. Engl." after its "Ed.")
    if not looks_like_authors(names) or _lone_literal(names):
        return source
    fields[key] = parse_names(names)
    before, rest = source[: match.start()].rstrip(" ,."), after[end:]
    if key == "editor" and not before:
        fields["edited_book"] = True  # "Title. Edited by A. Place: X": the book's editors
    if _book_before_role(before, match, rest):
        # MLA "Image, Music, Text, translated by S. Heath, Hill and Wang", Copernicus "in:
        # Handbuch der Klimatologie, edited by: ...": the book's title, commas and all
        fields.setdefault("book-title", before)
        return rest.lstrip(" ,.")
    # A sentence stays a sentence: "Title. Ed. A. B. Stanford: X" -> "Title. Stanford: X".
    joint = ". " if rest.startswith(".") else ", "
    return f"{before}{joint}{rest.lstrip(' ,.')}".strip(" ,")


def _book_before_role(before: str, label: re.Match[str], rest: str) -> bool:
    """ "Book, translated by A, Publisher, 1977": a clause of commas (MLA 9, Copernicus),
    so what stands before the label is the book's title (with no number, no other label)."""
    return bool(
        before
        and label.group(0).startswith(",")
        and rest.startswith(",")
        and not any(c.isdigit() for c in before)
        and not _EDITED_BY.search(before)
        and not _TRANSLATED_BY.search(before)
    )


def _inverted_name_goes_on(names: str, tail: str) -> bool:
    """ "edited by: Köppen, W. and Geiger, R.": the comma is inside a name printed family
    first (one word before it, initials after; "Susan Bernofsky, W. W. Norton" is a name
    and a publisher)."""
    last_name = re.split(r",\s|\s(?:and|&)\s", names)[-1]
    return " " not in last_name.strip() and is_initials(tail.split(" ", 1)[0].rstrip(",;"))


def _list_ends_before(names: str, tail: str) -> bool:
    """MLA "Translated by A and B, Alfred A. Knopf": a list of names that has had its "and"
    (or is one name and the text after the comma starts no "and C") ends at the comma, the
    publisher follows."""
    if " and " in names or " & " in names:
        return True
    return "," not in names and not tail.startswith(("and ", "& ")) and ", and " not in tail[:80]


def _thesis_or_report(source: str, fields: dict[str, Any]) -> str:
    numbered = _numbered_document(source, fields) if _mentions(source, "rfc", "std") else None
    if numbered is not None:
        return numbered
    thesis = _THESIS.search(source) if _mentions(source, "thes", "diss") else None
    if thesis:
        fields["thesis"] = thesis.group(0)
        return _remove(source, thesis)
    gate = _mentions(source, "rep", "paper", "memo", "special publ")
    report = _REPORT.search(source) if gate else None
    if report:
        fields["report"] = True
        number = _REPORT_NUMBER.search(source)
        if number:
            fields["number"] = number.group(1).rstrip(".")
            return _remove(source, number)
        return _remove(source, report)
    return source


def _numbered_document(source: str, fields: dict[str, Any]) -> str | None:
    """An RFC ("RFC 793") or a standard ("IEEE Std 754-2008"): its number, taken out of the
    source (which then names no journal); None when the source prints neither."""
    for pattern, kind in ((_RFC, "report"), (_STANDARD_NUMBER, "standard")):
        match = pattern.search(source)
        if match:
            fields[kind] = True
            fields["number"] = match.group(0)
            before, after = source[: match.start()].rstrip(" ,"), source[match.end() :]
            return f"{before}, {after.lstrip(' ,')}".strip(" ,") if before else after.lstrip(" ,")
    return None


def _year_from_source(source: str, fields: dict[str, Any]) -> str:
    """The publication year printed in the source (the last plausible one)."""
    for pattern in (_ACM_TAIL, _DOTTED_VOLUME):
        tail = pattern.search(source) if "(" in source else None  # "(year)" in both
        if tail:
            # ACM prints the month: "21, 7 (July 1978)" (a word that is no month is dropped).
            _set_date(fields, tail.group("year"), tail.groupdict().get("month"))
            fields["volume"], fields["issue"] = tail.group("volume"), tail.group("issue")
            return _remove(source, tail)
    journal = _BRACKETED_YEAR_LOCATORS.search(source) if ")" in source else None
    if journal:
        _set_date(fields, journal.group("year"), None)
        _put_locators(fields, journal)
        name = source[: journal.start()].strip(" ,")
        if name and not _IN_PREFIX.match(name) and ": " not in name:
            # all before the volume is the journal ("Acta Physicochim. URSS 14 (1941) 633")
            fields["container-title"] = name
            return ""
        return _remove(source, journal)
    vancouver = _VANCOUVER_TAIL.search(source) if ";" in source else None
    if vancouver:
        _set_date(fields, vancouver.group("year"), vancouver.group("month"))
        for key, group in (("volume", "volume"), ("issue", "issue")):
            if vancouver.group(group):
                fields[key] = vancouver.group(group)
        if vancouver.group("page"):
            fields["page"] = _normalize_pages(vancouver.group("page"))
        return _remove(source, vancouver)
    nodate = _NO_DATE_ANYWHERE.search(source)
    if nodate:
        fields["nd"] = True
        return _remove(source, nodate)
    found = None
    for match in _YEAR_ANYWHERE.finditer(source):
        found = match
    if found is None:
        return source
    start, end = found.start(), found.end()
    volumes = _VOLUME_COUNT.match(source, end)
    if volumes is not None:  # MLA "T. Egerton, 1813. 3 vols."
        fields["number-of-volumes"] = volumes.group(1)
        source = source[:end]
    if source[end:].strip(" .") == "" and source[:start].endswith(", "):
        fields["year_last"] = True  # "..., Publisher, 1913." (MLA 9, Chicago books)
    elif source[end:].strip(" .") == "" and source[:start].rstrip().endswith(";"):
        # NLM books: "Place: Publisher; 1918." (a journal's year has its volume after it)
        fields["publication_statement"] = True
    # "2014 Dec 20", "2017 Jul": a month (and day) printed after the year.
    after = _MONTH_AFTER_YEAR.match(source, end)
    if after and after.group("month").lower() in MONTHS:
        _set_date(fields, found.group(1), after.group(0))
        end = after.end()
    else:
        _set_date(fields, found.group(1), None)
    # Take a month printed before the year ("Jun. 2016", "2015 Jan;") and brackets round it.
    before = source[:start]
    month = _MONTH_BEFORE_YEAR.search(before)
    if month and month.group(0).split()[0].rstrip(".").lower() in MONTHS:
        start = month.start()
        if not (after and after.group("month").lower() in MONTHS):
            _set_date(fields, found.group(1), month.group(0))  # IEEE "Jun. 2016"
    if source[start - 1 : start] == "(" and source[end : end + 1] == ")":
        start, end = start - 1, end + 1
    return f"{source[:start].rstrip()} {source[end:].lstrip()}".strip()
