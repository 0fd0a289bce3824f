"""The CSL item of a parsed reference: its type from the parts found, and the fields in CSL's
names.
"""

from __future__ import annotations

from typing import Any

from bibconv._vocab import is_proceedings_journal, venue_type
from bibconv.model import CslItem, CslName
from bibconv.pages._text import fold_space
from bibconv.references.patterns import (
    _ARXIV_CONTAINER,
    _ARXIV_VENUE,
    _CONFERENCE_CUE,
    _JOURNAL_CUE,
    _LONG_TITLE,
    _SCHOLARLY_PUBLISHER,
)

# ----------------------------------------------------------------------------- item


def _is_journal_named_proceedings(container: str, fields: dict[str, Any]) -> bool:
    """ "Proc. IEEE", "Proceedings of the National Academy of Sciences" are journals; so is
    any "Proceedings" printed with both a volume and an issue (conferences have no issues)."""
    if is_proceedings_journal(container):
        return True
    return "volume" in fields and "issue" in fields and not fields.get("in")


def _item_type(fields: dict[str, Any], container: str | None) -> str:
    if fields.get("thesis"):
        return "thesis"
    if fields.get("report"):
        return "report"
    if fields.get("standard"):
        return "standard"
    if fields.get("dataset"):
        return "dataset"
    if fields.get("software") or ("version" in fields and not container):
        return "software"
    arxiv = "arxiv_id" in fields
    if (arxiv and not container) or container == "arXiv":
        return "article"
    if container:
        if _is_journal_named_proceedings(container, fields):
            return "article-journal"
        if fields.get("editor") and not _CONFERENCE_CUE.search(container):
            return "chapter"
        kind = venue_type(container)
        if kind not in (None, "article"):
            return kind
        if _CONFERENCE_CUE.search(container) or _SCHOLARLY_PUBLISHER.search(
            str(fields.get("publisher", ""))
        ):
            return "paper-conference"
        if fields.get("in"):
            return (
                "chapter" if fields.get("editor") or fields.get("publisher") else "paper-conference"
            )
        located = any(key in fields for key in ("volume", "issue", "page", "DOI"))
        if fields.get("URL") and not located and not _JOURNAL_CUE.search(container):
            return "webpage"  # "Andrej Karpathy blog. https://..."
        return "article-journal"
    if fields.get("publisher") or fields.get("edition"):
        return "book"
    if fields.get("URL"):
        return "webpage"
    return "article"


def _container(fields: dict[str, Any]) -> str | None:
    container = fields.get("container-title")
    if container and _ARXIV_VENUE.fullmatch(container.strip(" ,.;:")):
        return "arXiv"
    if "arxiv_id" in fields and not container:
        return "arXiv"  # an arXiv-only item (CONVENTIONS)
    if container and _ARXIV_CONTAINER.fullmatch(container):
        return "arXiv"
    return container


def _build(title: str, authors: list[CslName], fields: dict[str, Any]) -> CslItem:
    container = _container(fields)
    item: CslItem = {"id": "", "type": _item_type(fields, container)}
    if title:
        item["title"] = fold_space(title)
    if authors:
        item["author"] = authors
    for role in ("editor", "translator"):
        if fields.get(role):
            item[role] = fields[role]
    for date in ("issued", "original-date"):
        if date in fields:
            item[date] = fields[date]
    if container:
        item["container-title"] = container
    for key in ("collection-title", "collection-number", "volume", "issue", "page", "number",
                "edition", "version", "number-of-volumes", "publisher", "publisher-place",
                "genre", "DOI", "URL"):  # fmt: skip
        value = fields.get(key)
        if value:
            item[key] = value
    if fields.get("thesis"):
        item["genre"] = fields["thesis"]
    custom: dict[str, Any] = {}
    if "arxiv_id" in fields:
        custom["arxiv_id"] = fields["arxiv_id"]
    if "arxiv_category" in fields:
        custom["arxiv_category"] = fields["arxiv_category"]
    if custom:
        item["custom"] = custom
    return item


def _report(
    item: CslItem, fields: dict[str, Any], problems: list[tuple[str, str]], text: str
) -> None:
    if "issued" not in item and not fields.get("nd"):
        problems.append(("page.ref-no-year", "no year found"))
    if not item.get("title"):
        problems.append(("page.ref-no-title", "no title found"))
    if "author" not in item and "editor" not in item:
        problems.append(("page.ref-no-author", "no authors found"))
    if len(item.get("title", "")) > _LONG_TITLE:
        problems.append(
            ("page.ref-long-title", "title unusually long; its source may be inside it")
        )
    sources = ("container-title", "publisher", "URL", "DOI", "custom")
    if item.get("title") and not any(key in item for key in sources):
        problems.append(
            (
                "page.ref-no-source",
                f"no venue, publisher or identifier found; type guessed as {item['type']!r}",
            )
        )
    del text
