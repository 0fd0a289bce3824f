"""What a reference's title carries after it (edition, volume, translators or editors, a
thesis or report description, a software's version, a trailing year) and the source of a
reference printed with commas only ("Title, Publisher, Place"), taken out of the title.
"""

from __future__ import annotations

from typing import Any

from bibconv.references.common import (
    _EDITION,
    _ORDINALS,
    _set_date,
    _source_locators,
    looks_like_authors,
)
from bibconv.references.container import _plausible_place
from bibconv.references.names import parse_names
from bibconv.references.patterns import (
    _AGENCY_NUMBER,
    _COMMA_VERSION,
    _DATA_SET,
    _NAME_OF_PUBLISHER,
    _PLACE_REGION,
    _PLACE_WORD,
    _PUBLISHER_WORDS,
    _REPORT,
    _REPORT_NUMBER,
    _ROLE_PAREN,
    _SOFTWARE,
    _THESIS,
    _TRAILING_BRACKET,
    _TRAILING_EDITION,
    _TRAILING_PAREN,
    _TRAILING_VOLUME,
    _TRAILING_YEAR,
    _VERSION,
    _VOL_WORD,
)


def _title_extras(title: str, fields: dict[str, Any]) -> str:
    """Edition "(2nd ed.)" and APA descriptions "[Doctoral dissertation, X]" after a title."""
    # Each pattern below ends at the title's end ("$"): it is only searched (which tries
    # every position) when the title's last characters can end a match.
    bracket = _TRAILING_BRACKET.search(title) if "]" in title[-2:] else None
    if bracket:
        _description(bracket.group(1), fields)
        title = title[: bracket.start()].rstrip()
    title = _book_roles(title, fields)
    paren = _TRAILING_PAREN.search(title) if ")" in title[-2:] else None
    if paren and _REPORT.search(paren.group(1)):
        fields["report"] = True
        number = _REPORT_NUMBER.search(paren.group(1))
        if number:
            fields["number"] = number.group(1)
        return title[: paren.start()].strip()
    if paren and (_EDITION.search(paren.group(1)) or _VOL_WORD.search(paren.group(1))):
        _source_locators(paren.group(1), fields)
        fields["book_locators"] = True  # "Title (Vols. 1–3)": a book's, not a container's
        title = title[: paren.start()].rstrip()
    version = _VERSION.search(title) if ")" in title[-2:] else None
    if version:
        fields["version"] = version.group(1)  # software: "Praat (Version 6.3.10)"
        title = title[: version.start()].rstrip()
    volume = _TRAILING_VOLUME.search(title) if "." in title[-8:] else None
    if volume and "volume" not in fields:
        fields["volume"] = volume.group(1)
        fields["book_locators"] = True  # the book's volume: no container follows from it
        title = title[: volume.start()]
    edition = _TRAILING_EDITION.search(title) if "ed" in title[-9:].lower() else None
    if edition:
        # (Elsevier spells it: "The Elements of Style, fourth ed.")
        fields.setdefault("edition", edition.group(1) or _ORDINALS[edition.group(2).lower()])
        title = title[: edition.start()]
    # (MLA "The Night Watch, Rembrandt van Rijn, 1642." in quotes: the year is the title's)
    dated = "issued" in fields or fields.get("quoted_title")
    trailing_year = _TRAILING_YEAR.search(title) if not dated else None
    if trailing_year:
        _set_date(fields, trailing_year.group(1), None)
        title = title[: trailing_year.start()]
    return title.strip().rstrip(",;:")


def _book_roles(title: str, fields: dict[str, Any]) -> str:
    """APA's "Title (R. Nice, Trans.)" / "(C. W. Morris, Ed.)": the book's translators or
    editors, taken out of its title."""
    role = _ROLE_PAREN.search(title) if title.endswith(".)") else None
    if role is None or not looks_like_authors(role.group("names")):
        return title
    names = parse_names(role.group("names"))
    if "Trans" in role.group("role"):
        fields.setdefault("translator", names)
    if role.group("role").startswith("Ed"):
        fields.setdefault("editor", names)
        fields["edited_book"] = True  # the book's own editors: no container follows
    return title[: role.start()].rstrip()


def _publisher_after_title(
    title: str, fields: dict[str, Any], *, commas_only: bool = False
) -> tuple[str, str]:
    """Harvard with commas only: "Title, OECD Publishing, Paris" -> title, publisher part.

    ``commas_only`` (a Copernicus head, "Authors: Title, ..., 1909."): the source is comma
    separated too, so a report's number ("Title, NCAR Tech. Note NCAR/TN-486+STR, NCAR,
    Boulder, CO"), a data set's service ("Title, Service (C3S) [data set]") or a name and a
    place ("Title, Tauchnitz, Leipzig") end the title where no publisher word says so."""
    parts = title.split(", ")
    for size in (2, 1):
        if len(parts) <= size:
            continue
        publisher = parts[-size]
        if (
            len(publisher) <= 60
            and _PUBLISHER_WORDS.search(publisher)
            and (size == 1 or _plausible_place(parts[-1]))
        ):
            return ", ".join(parts[:-size]), ", ".join(parts[-size:])
    if commas_only and len(parts) >= 2:
        return _comma_source(parts, fields) or (title, "")
    return title, ""


def _comma_source(parts: list[str], fields: dict[str, Any]) -> tuple[str, str] | None:
    """The title and source of a Copernicus book, report or data set (see above)."""
    for index, part in enumerate(parts[1:], 1):
        if _DATA_SET.search(part):
            fields["dataset"] = True
            rest = [_DATA_SET.sub("", part).strip(), *parts[index + 1 :]]
            return ", ".join(parts[:index]), ", ".join(p for p in rest if p)
        if _AGENCY_NUMBER.fullmatch(part):  # "Title, WMO-No. 8, World Meteorological ..."
            fields["report"], fields["number"] = True, part
            return ", ".join(parts[:index]), ", ".join(parts[index + 1 :])
        version = _COMMA_VERSION.fullmatch(part) if index + 1 < len(parts) else None
        if version:  # "Title, version 4.9.2 [software], Publisher, Place" (the source follows)
            fields["version"] = version.group(1)
            return f"{', '.join(parts[:index])}{version.group(2) or ''}", ", ".join(
                parts[index + 1 :]
            )
        number = _REPORT_NUMBER.search(part)
        if number and _REPORT.search(part) and index + 1 < len(parts):
            fields["report"] = True
            fields["genre"] = part[: number.start(1)].strip()  # "NCAR Tech. Note"
            fields["number"] = number.group(1)
            return ", ".join(parts[:index]), ", ".join(parts[index + 1 :])
    # "Title, Königlich Serbische Akademie, Belgrad": a capitalised name, then a place
    # ("Hoboken, NJ": a region after its comma).
    place = 2 if len(parts) >= 4 and _PLACE_REGION.fullmatch(parts[-1]) else 1
    if (
        len(parts) >= 2 + place
        and _NAME_OF_PUBLISHER.fullmatch(parts[-1 - place])
        and _PLACE_WORD.fullmatch(parts[-place])
        and " " in parts[0]  # (not a title of single words: "Raum, Zeit, Materie")
    ):
        fields["book_source"] = True  # a book's publisher and place, not a journal
        return ", ".join(parts[: -1 - place]), ", ".join(parts[-1 - place :])
    return None


def _description(text: str, fields: dict[str, Any]) -> None:
    """APA's bracketed description: "[Doctoral dissertation, University of X]"."""
    if _THESIS.search(text):
        fields["thesis"] = _THESIS.search(text).group(0)  # type: ignore[union-attr]
        _, _, school = text.partition(",")
        if school.strip():
            fields["publisher"] = school.strip()
    elif _REPORT.search(text):
        fields["report"] = True
    else:
        fields.setdefault("genre", text)
        if _SOFTWARE.search(text):
            fields["software"] = True
