"""The duplicate-entry rules: the same DOI, arXiv id or title under two keys.

The keys that say two records are one work (``doi_key``, ``arxiv_key``, ``title_key``)
are shared with :func:`work_keys`, which gives them for a CSL item (``bibconv.dask``'s
``duplicates`` groups a bag of items on them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from bibconv._richtext import plain_text
from bibconv._vocab import (
    ARXIV_NEW,
    ARXIV_OLD,
    ARXIV_VALUE,
    ARXIV_VERSION,
    mentions_preprint,
    strip_doi_resolver,
)
from bibconv.keys import author_part
from bibconv.lint.findings import Finding
from bibconv.model import CslItem, issued_year

# ----------------------------------------------------------------------------- duplicates

_ARXIV_ID: Final = re.compile(
    r"(?:arxiv[:./\s]*(?:abs/|pdf/)?|arxiv\.org/(?:abs|pdf)/|10\.48550/arxiv\.)"
    rf"({ARXIV_NEW}|{ARXIV_OLD})(?:{ARXIV_VERSION})?",
    re.IGNORECASE,
)


_LATEX_COMMAND: Final = re.compile(r"\\[A-Za-z]+|\\.")


_NOT_WORD: Final = re.compile(r"[\W_]+")


#: Titles this short or generic name many different works ("Preface", "Editorial").
_MIN_TITLE_WORDS: Final = 4


class _EntryLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def key_offset(self) -> int: ...


class _FieldLike(Protocol):
    @property
    def value(self) -> str: ...


@dataclass(slots=True)
class _Work:
    entry: _EntryLike
    by_name: Mapping[str, _FieldLike]

    @property
    def key(self) -> str:
        return self.entry.key

    def get(self, name: str) -> str:
        fld = self.by_name.get(name)
        return fld.value if fld is not None else ""

    def year(self) -> str:
        return (self.get("year") or self.get("date"))[:4]


#: The fields the rule reads, in a fixed order: a work sent to another process is its
#: values of these (``None`` for a field it does not have), see :func:`work_record`.
WORK_FIELDS: Final = (
    "booktitle", "crossref", "date", "doi", "eprint", "howpublished", "journal",
    "journaltitle", "note", "number", "pages", "title", "url", "volume", "year",
)  # fmt: skip

#: A work's DOI, arXiv id and folded title (what entries are grouped by).
WorkKeys = tuple[str | None, str | None, str | None]
#: A work in plain values: key, type, its WORK_FIELDS values, its WorkKeys.
WorkRecord = tuple[str, str, tuple[str | None, ...], WorkKeys]


def entry_work_keys(work: _Work) -> WorkKeys:
    return _doi_of(work), _arxiv_of(work), _title_of(work)


def work_record(work: _Work) -> WorkRecord:
    """What the rule needs of ``work``, for a process that sees the whole file."""
    fields = work.by_name
    values = tuple(fld.value if (fld := fields.get(n)) is not None else None for n in WORK_FIELDS)
    return work.entry.key, work.entry.type, values, entry_work_keys(work)


@dataclass(frozen=True, slots=True)
class _RecordEntry:
    key: str
    type: str
    key_offset: int


@dataclass(frozen=True, slots=True)
class _RecordField:
    value: str


def work_from_record(record: WorkRecord, key_offset: int) -> _Work:
    """The work a :func:`work_record` describes, its key at ``key_offset``."""
    key, kind, values, _ = record
    fields = {n: _RecordField(v) for n, v in zip(WORK_FIELDS, values, strict=True) if v is not None}
    return _Work(_RecordEntry(key, kind, key_offset), fields)


class _DuplicateWorks:
    """Entries that describe the same work: same DOI, arXiv id or folded title.

    ``keys``: each work's :func:`entry_work_keys`, when already known (found by the processes
    that read the works); then only the works that share one are looked at.
    """

    def __init__(self, works: Sequence[_Work], keys: Sequence[WorkKeys] | None = None) -> None:
        self.works = works
        self.keys = keys

    def findings(self) -> Iterator[Finding]:
        keys = self.keys if self.keys is not None else [entry_work_keys(w) for w in self.works]
        reported: set[int] = set()
        for position, reason in enumerate(("DOI", "arXiv id", "title")):
            index: dict[str, list[int]] = {}
            for number, found in enumerate(keys):
                value = found[position]
                if value:
                    index.setdefault(value, []).append(number)
            for group in index.values():
                if len(group) > 1:
                    works = [self.works[number] for number in group]
                    yield from self._group(reason, works, reported)

    def _group(self, reason: str, group: list[_Work], reported: set[int]) -> Iterator[Finding]:
        if len(group) < 2:
            return
        first = group[0]
        for other in group[1:]:
            if id(other.entry) in reported or other.key.lower() == first.key.lower():
                continue
            if not _same_work(reason, first, other):
                continue
            reported.add(id(other.entry))
            what = _describe_match(reason, first, other)
            yield Finding(
                "bib.duplicate-work",
                f"{other.key!r} looks like the same work as {first.key!r} ({what})",
                other.entry.key_offset,
                other.key,
            )


def _same_work(reason: str, first: _Work, other: _Work) -> bool:
    """Whether a DOI/arXiv/title match is really one work (not chapter and book, say)."""
    for a, b in ((first, other), (other, first)):
        crossref = a.get("crossref").strip().lower()
        if crossref and crossref == b.key.lower():
            return False  # a child and the proceedings it inherits from
    if reason != "title":
        return True
    doi_a, doi_b = _doi_of(first), _doi_of(other)
    preprint = _is_preprint(first) != _is_preprint(other)
    if doi_a and doi_b and doi_a != doi_b and not preprint:
        return False  # two registered works that happen to share a title
    if not preprint and any(
        first.get(n).strip() != other.get(n).strip()
        for n in ("pages", "volume", "number")
        if first.get(n).strip() and other.get(n).strip()
    ):
        return False  # two pieces that share a title ("Site report") in different issues
    # Same title, both published: the same work only if the year agrees (a journal
    # version of a conference paper, years apart, is a different publication).
    return preprint or not first.year() or not other.year() or first.year() == other.year()


def _describe_match(reason: str, first: _Work, other: _Work) -> str:
    if reason == "title" and _is_preprint(first) != _is_preprint(other):
        return "a preprint and its published version: same title"
    if reason == "DOI":
        return f"same DOI {_doi_of(first)}"
    if reason == "arXiv id":
        return f"same arXiv id {_arxiv_of(first)}"
    return "same title"


def _doi_of(work: _Work) -> str | None:
    return doi_key(work.get("doi"))


def doi_key(doi: str) -> str | None:
    """A DOI as two records of one work share it: lowercased, without a resolver."""
    doi = strip_doi_resolver(doi.strip().lower()).replace("\\_", "_")
    return doi or None


def _arxiv_of(work: _Work) -> str | None:
    eprint = arxiv_key(work.get("eprint"))
    if eprint:
        return eprint
    for name in ("doi", "url", "journal", "journaltitle", "note", "howpublished", "volume"):
        found = arxiv_mentioned(work.get(name))
        if found:
            return found
    return None


def arxiv_key(eprint: str) -> str | None:
    """An arXiv id given as a value (``2401.12345v2``, ``arXiv:hep-th/9901001``), lowercased
    and without its version."""
    value = eprint.strip().removeprefix("arXiv:").removeprefix("arxiv:")
    match = ARXIV_VALUE.fullmatch(value) if value else None
    return match.group(1).lower() if match else None


def arxiv_mentioned(text: str) -> str | None:
    """The arXiv id a text names as arXiv's (``arXiv:...``, an arxiv.org URL, the 10.48550
    DOI), as :func:`arxiv_key` gives it."""
    if not text or "arxiv" not in text.lower():
        return None
    match = _ARXIV_ID.search(text)
    return match.group(1).lower() if match else None


def _title_of(work: _Work) -> str | None:
    return title_key(work.get("title"))


def title_key(title: str) -> str | None:
    """The folded title two records of one work share; ``None`` for a title too short to
    tell works apart ("Preface", "Editorial")."""
    if not title:
        return None
    folded = fold_title(title)
    return folded if folded.count(" ") + 1 >= _MIN_TITLE_WORDS else None


def fold_title(title: str) -> str:
    """A title without case, accents, LaTeX markup or punctuation: the key to compare on."""
    # Accent and other commands vanish ({\"u} -> u); a control space stays a space.
    text = title
    if "\\" in text:
        text = _LATEX_COMMAND.sub(lambda m: " " if m.group() == "\\ " else "", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _is_preprint(work: _Work) -> bool:
    fields = work.by_name
    if work.entry.type in ("techreport", "report", "unpublished"):
        return True  # a report ahead of the paper is a preprint too
    if "eprint" in fields and not any(
        n in fields for n in ("journal", "journaltitle", "booktitle")
    ):
        return True
    venue = work.get("journal") or work.get("journaltitle") or work.get("howpublished")
    doi = work.get("doi")
    return mentions_preprint(venue) or "10.48550" in doi


#: CSL variables where an item may name its arXiv id in passing (as _arxiv_of reads fields).
_ARXIV_MENTIONS: Final = ("DOI", "URL", "container-title", "note", "volume")


def work_keys(item: CslItem) -> list[tuple[str, str]]:
    """The keys under which records of one work meet: ``("DOI", doi)``, ``("arXiv id",
    id)`` and ``("title", "folded title|first author|year")``, each present when the item
    has it. A DOI the item inherited through ``crossref`` (its proceedings') is left out:
    it names the parent, which every child shares."""
    found: list[tuple[str, str]] = []
    custom = item.get("custom") or {}
    inherited = custom.get("bibtex_inherited", ()) if isinstance(custom, dict) else ()
    doi = doi_key(str(item.get("DOI", ""))) if "doi" not in inherited else None
    if doi:
        found.append(("DOI", doi))
    arxiv = arxiv_key(str(custom.get("arxiv_id", ""))) if isinstance(custom, dict) else None
    for variable in _ARXIV_MENTIONS:
        arxiv = arxiv or arxiv_mentioned(str(item.get(variable, "")))
    if arxiv:
        found.append(("arXiv id", arxiv))
    title = title_key(plain_text(str(item.get("title", ""))))
    if title:
        year = issued_year(item)
        found.append(("title", f"{title}|{author_part(item)}|{year if year is not None else ''}"))
    return found
