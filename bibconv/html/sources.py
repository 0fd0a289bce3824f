"""One item from several metadata sources: precedence, conflict warnings, field order. Shared
by the landing-page and listing readers (html and html.listing), so neither imports the
other.
"""

from __future__ import annotations

import re
from typing import Any, Final

from bibconv._vocab import venue_type
from bibconv.diagnostics import Diagnostic, warning
from bibconv.html import values
from bibconv.html.meta import Source
from bibconv.model import CslItem

#: Which convention wins a field that several state, best first (docs/html.md says why).
PRECEDENCE: Final = (
    "citation_*",
    "JSON-LD",
    "IEEE Xplore",
    "RDFa/microdata",
    "PRISM",
    "Dublin Core",
    "COinS",
    "canonical link",
    "Open Graph",
    "page body",
    "<title>",
)


#: Sources that by themselves make a page a paper's landing page (Open Graph and
#: ``<title>`` are on every page, so they only fill gaps).
SCHOLARLY: Final = frozenset(PRECEDENCE[:7])


#: Fields whose disagreement between sources is worth a warning.
CHECKED: Final = ("title", "DOI")


#: Output key order: the usual reading order of a reference.
FIELD_ORDER: Final = (
    "id",
    "type",
    "title",
    "author",
    "editor",
    "issued",
    "container-title",
    "container-title-short",
    "event-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "number",
    "version",
    "publisher",
    "publisher-place",
    "DOI",
    "PMID",
    "PMCID",
    "ISBN",
    "ISSN",
    "URL",
    "language",
    "keyword",
    "abstract",
)


def merge(sources: list[Source], diagnostics: list[Diagnostic]) -> CslItem:
    """One item: each field from the first source stating it; disagreements warned."""
    merged: dict[str, Any] = {}
    for index, source in enumerate(sources):
        for key, value in source.fields.items():
            if key in merged:
                continue
            merged[key] = value
            for other in sources[index + 1 :]:
                # <title> always carries site decoration; comparing it would only be noise.
                if key in CHECKED and key in other.fields and other.name != "<title>":
                    _check_conflict(key, source, other, diagnostics)
    kind = next((s.type_hint for s in sources if s.type_hint), None)
    if kind is None:
        kind = venue_type(str(merged.get("container-title", ""))) or "article"
    item: dict[str, Any] = {"id": "", "type": kind}
    custom: dict[str, Any] = {}
    for key, value in merged.items():
        if key.startswith("custom."):
            custom[key.removeprefix("custom.")] = value
        elif key == "language":
            item[key] = values.language_tag(str(value))
        else:
            item[key] = value
    if custom:
        item["custom"] = custom
    if "container-title-short" in item and item["container-title-short"] == item.get(
        "container-title"
    ):
        del item["container-title-short"]  # Nature's abbreviation of "Nature" says nothing
    return item  # type: ignore[return-value]


def _same(key: str, a: Any, b: Any) -> bool:
    if key == "DOI":
        return str(a).lower() == str(b).lower()
    left, right = _comparable(str(a)), _comparable(str(b))
    # "Title | Nature" and "[2401.01234] Title" are the same title with site decoration.
    return left in right or right in left


def _comparable(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _check_conflict(key: str, kept: Source, other: Source, diagnostics: list[Diagnostic]) -> None:
    if _same(key, kept.fields[key], other.fields[key]):
        return
    here = kept.where.get(key)
    at = f" at {here.line}:{here.column}" if here else ""
    diagnostics.append(
        warning(
            "html.conflict",
            f"{other.labels[key]} gives {key} {other.fields[key]!r}, but {kept.labels[key]}"
            f"{at} gives {kept.fields[key]!r}; kept the {kept.name} value",
            other.where.get(key),
        )
    )
