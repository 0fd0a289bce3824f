"""Real .bib files nobody here wrote: BibTeX -> CSL-JSON -> BibTeX keeps every entry and value.

small.bib and mid.bib (from ../shared/data) run in the normal suite; large.bib and
mixed1k.bib run on demand through ``benchmarks/realdata_report.py``, which uses the same
:func:`compare` and reports counts.

"Equal after normalisation" means: the same entries with the same keys in the same order,
and for every field of every input entry (repeats included) a field in the output whose
value is equal once both are normalised by :func:`normal_value`:

- field names fold the two dialects' spellings (``journaltitle`` = ``journal``, ...);
- values are macro-expanded (the syntax layer does it) and LaTeX-decoded (accents, braces,
  ``--``), with white space and ties (``~``) folded to single spaces;
- names compare as parsed name parts (``Donald E. Knuth`` = ``Knuth, Donald E.``);
- months compare as month numbers (``jun`` = ``{6}`` = ``June``), page dashes as ``-``,
  URLs and DOIs without ``\\url{}`` and escapes.
Fields the output adds (``date`` beside ``year``, ``csl-type``) are not counted against it.

The normalisation calls none of the code under test: LaTeX is decoded by pylatexenc, names
are split by bibtexparser's name grammar, and months, dashes and URL escapes by the small
tables here, so a bug in bibconv's decoder or name splitter cannot hide itself.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts
from pylatexenc import latex2text

import bibconv
from bibconv.formats.bibtex import syntax
from tests.conftest import shared_data

_FIELD_ALIASES = {
    "journaltitle": "journal",
    "location": "address",
    "annotation": "annote",
    "eprinttype": "archiveprefix",
    "eprintclass": "primaryclass",
}
_NAME_FIELDS = frozenset({"author", "editor", "translator", "bookauthor"})
_VERBATIM_FIELDS = frozenset({"url", "doi", "eprint"})
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[-‐‑‒–—]+\s*")
_LATEX = latex2text.LatexNodes2Text(
    math_mode="verbatim",
    keep_braced_groups=False,
    strict_latex_spaces=True,
)
_AND_OR_BRACE = re.compile(r"[{}]|\s+and\s+", re.IGNORECASE)
# Written out here, not imported: the month table is part of the code under test.
_MONTHS = {
    word: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for word in names
}  # fmt: skip
_VERBATIM_ESCAPES = re.compile(r"\\([_&%#$~{}])")


_URL_COMMAND = re.compile(r"\\url\{([^{}]*)\}")
# Commands pylatexenc drops or misreads, spelled out before it runs.
_PYLATEXENC_GAPS = (
    (re.compile(r"\\slash\b\s*"), "/"),
    (re.compile(r"\\(La)?TeX\b\s*(?:\{\})?"), r"\1TeX"),
    (re.compile(r"\\textbraceleft\b\s*(?:\{\})?"), r"\\{"),
    (re.compile(r"\\textbraceright\b\s*(?:\{\})?"), r"\\}"),
)
_NEEDS_LATEX = re.compile(r"[\\{}~$]|--|``|''")
# Quotes compare as one mark: LaTeX's `x' is ‘x’ once decoded, and pylatexenc leaves it be.
_QUOTES = str.maketrans(dict.fromkeys('`‘’“”"', "'"))


@functools.lru_cache(maxsize=65536)
def _decode(value: str) -> str:
    """LaTeX -> Unicode text, folded (pylatexenc, not our decoder).

    ``\\url{...}`` arguments are kept as written (pylatexenc would read their ``~``
    as a tie), soft hyphens (``\\-``) are dropped and quote marks are folded.
    """
    if _NEEDS_LATEX.search(value):
        urls: list[str] = []

        def hide(match: re.Match[str]) -> str:
            urls.append(match.group(1))
            return f"URL{len(urls) - 1}LRU"

        value = _URL_COMMAND.sub(hide, value)
        for pattern, replacement in _PYLATEXENC_GAPS:
            value = pattern.sub(replacement, value)
        value = _LATEX.latex_to_text(value)
        for number, url in enumerate(urls):
            value = value.replace(f"URL{number}LRU", url)
    value = value.replace("\u00a0", " ").replace("\u00ad", "").translate(_QUOTES)
    return _SPACES.sub(" ", value).strip()


def _split_and(value: str) -> list[str]:
    """A name list split at " and " outside braces (BibTeX's rule). Ours, because
    bibtexparser's splitter drops a command that starts a name (``\\"Ozgu\\"ur``)."""
    names, depth, start = [], 0, 0
    for match in _AND_OR_BRACE.finditer(value):
        if match.group() == "{":
            depth += 1
        elif match.group() == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    return [name.strip() for name in [*names, value[start:]]]


# TeX's reading, spelled out before the grammar cuts a name at white space: a control
# word swallows the spaces after it (``Dezs\H o`` is ``Dezs\H{o}``), and ``\ `` (a
# control space) is a space.
_SPACED_ACCENT = re.compile(r"\\([uvHckrdbt])\s+([A-Za-z])")
_CONTROL_SPACE = re.compile(r"(?<!\\)\\\s")


def _names(value: str) -> list[list[tuple[str, str]]]:
    """Each name's parts as bibtexparser's grammar splits them, decoded; the von part
    joins the family (``{da Costa}`` = ``da Costa``, as CSL-JSON holds both)."""
    names = []
    for raw in _split_and(value):
        raw = _CONTROL_SPACE.sub(" ", _SPACED_ACCENT.sub(r"\\\1{\2}", raw))
        parts = parse_single_name_into_parts(raw, strict=False)
        spelled = {
            "given": _decode(" ".join(parts.first)),
            "family": _decode(" ".join([*parts.von, *parts.last])),
            "suffix": _decode(" ".join(parts.jr)),
        }
        names.append(sorted((k, v) for k, v in spelled.items() if v))
    return names


def _month(text: str) -> int | None:
    word = text.strip().strip("{}").strip().lower().rstrip(".")
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    return _MONTHS.get(word)


def _verbatim(value: str) -> str:
    """URLs and DOIs: not LaTeX; ``\\url{}``, outer braces and escaped specials are undone."""
    text = value.strip()
    if text.startswith("\\url{") and text.endswith("}"):
        text = text[5:-1]
    while text.startswith("{") and text.endswith("}") and "{" not in text[1:-1]:
        text = text[1:-1]
    return _VERBATIM_ESCAPES.sub(r"\1", text).strip()


def normal_name(name: str) -> str:
    return _FIELD_ALIASES.get(name, name)


def normal_value(name: str, value: str) -> Any:
    """A field value as the comparison sees it (see the module docstring)."""
    if name in _NAME_FIELDS:
        return _names(value)
    if name in _VERBATIM_FIELDS:
        return _verbatim(value)
    text = _decode(value)
    if name == "month":
        number = _month(text)
        return number if number is not None else text
    if name == "pages":
        return _DASHES.sub("-", text)
    if name == "archiveprefix":
        return text.lower()
    return text


def _equivalent(name: str, fields: dict[str, list[str]]) -> list[str]:
    """What the writer puts where the input had ``name``, when it writes it differently.

    ``issue`` is written as BibTeX's ``number``; a ``date`` that year and month say in
    full, or a ``day``, come back in ``year``/``month``/``date``.
    """
    if name == "issue":
        return fields.get("number", [])
    if name in ("date", "day"):
        date = fields.get("date")
        if date:
            parts = date[0].split("/")[0].split("-")
            return [parts[2]] if name == "day" and len(parts) > 2 else date
        year, month = fields.get("year"), fields.get("month")
        if name == "date" and year:
            number = _month(month[0]) if month else None
            return [f"{year[0]}-{number:02d}" if number else year[0]]
    return []


@dataclass
class Comparison:
    """What a BibTeX -> CSL-JSON -> BibTeX run kept, and what it did not."""

    entries_in: int = 0
    entries_out: int = 0
    fields_compared: int = 0
    key_mismatches: list[tuple[str, str]] = field(default_factory=list)
    value_mismatches: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    diagnostics: Counter[str] = field(default_factory=Counter)


def _fields(entry: syntax.Entry) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for fld in entry.fields:
        values.setdefault(fld.name, []).append(fld.value)
    return values


def _spellings(name: str) -> list[str]:
    """``name`` first, then the other dialect's spelling of the same field."""
    others = [k for k, v in _FIELD_ALIASES.items() if v == name]
    return [name, *others, *([_FIELD_ALIASES[name]] if name in _FIELD_ALIASES else [])]


def compare(text: str, path: str = "<input>") -> Comparison:
    """Convert ``text`` to CSL-JSON text and back, and compare every input field."""
    result = Comparison()
    diagnostics: list[bibconv.Diagnostic] = []
    items = bibconv.loads(text, "bibtex", path=path, diagnostics=diagnostics)
    result.diagnostics.update(d.code for d in diagnostics)
    csl_text = bibconv.dumps(items, "csljson")
    again = bibconv.loads(csl_text, "csljson", diagnostics=[])
    out_text = bibconv.dumps(again, "bibtex")
    source = [e for e in syntax.parse(text, path).entries if not e.broken]
    output = syntax.parse(out_text, "<output>").entries
    result.entries_in, result.entries_out = len(source), len(output)
    for before, after in zip(source, output, strict=False):
        if before.key != after.key:
            result.key_mismatches.append((before.key, after.key))
            continue
        out_fields = _fields(after)
        for name, values in _fields(before).items():
            kept = next((out_fields[n] for n in _spellings(name) if n in out_fields), None)
            kept = kept or _equivalent(name, out_fields)
            for position, value in enumerate(values):
                result.fields_compared += 1
                expected = normal_value(normal_name(name), value)
                got = (
                    normal_value(normal_name(name), kept[position])
                    if position < len(kept)
                    else None
                )
                if got != expected:
                    result.value_mismatches.append((before.key, name, expected, got))
    return result


#: Values the round trip is known to change, found by the independent normalisation; each
#: must still fail (so a fix is noticed and the entry removed).
KNOWN_CHANGES: dict[str, dict[tuple[str, str], str]] = {
    "small.bib": {},
    "mid.bib": {},
}


@pytest.mark.parametrize("name", ["small.bib", "mid.bib"])
def test_bibtex_csljson_bibtex_keeps_entries_keys_and_values(name: str) -> None:
    path = shared_data(name)
    text = bibconv._io.read_text(path)
    result = compare(text, name)
    assert result.entries_in == result.entries_out > 0
    assert result.key_mismatches == []
    changed = {(key, field): (want, got) for key, field, want, got in result.value_mismatches}
    known = KNOWN_CHANGES[name]
    assert {k: v for k, v in changed.items() if k not in known} == {}
    assert sorted(k for k in known if k not in changed) == [], "fixed: remove from KNOWN_CHANGES"
    assert result.fields_compared > 7 * result.entries_in  # the comparison saw the fields


def test_every_entry_of_small_bib_comes_out_in_csljson() -> None:
    text = bibconv._io.read_text(shared_data("small.bib"))
    items = bibconv.loads(text, "bibtex", diagnostics=[])
    keys = [e.key for e in syntax.parse(text).entries]
    assert [i["id"] for i in items] == keys
    assert len(keys) == 500
    assert json.loads(bibconv.dumps(items, "csljson")) == items
