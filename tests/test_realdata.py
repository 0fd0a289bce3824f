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
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest

import bibconv
from bibconv.formats import _bibsyntax, _latex, bibtex
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


def normal_name(name: str) -> str:
    return _FIELD_ALIASES.get(name, name)


def normal_value(name: str, value: str) -> Any:
    """A field value as the comparison sees it (see the module docstring)."""
    if name in _NAME_FIELDS:
        return [sorted(n.items()) for n in bibtex.parse_names(value)]
    if name in _VERBATIM_FIELDS:
        return bibtex._verbatim(value)
    text = _SPACES.sub(" ", _latex.decode(value).replace("\u00a0", " ")).strip()
    if name == "month":
        number = bibtex._month_number(text)
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
            number = bibtex._month_number(month[0]) if month else None
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


def _fields(entry: _bibsyntax.Entry) -> dict[str, list[str]]:
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
    source = [e for e in _bibsyntax.parse(text, path).entries if not e.broken]
    output = _bibsyntax.parse(out_text, "<output>").entries
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


@pytest.mark.parametrize("name", ["small.bib", "mid.bib"])
def test_bibtex_csljson_bibtex_keeps_entries_keys_and_values(name: str) -> None:
    path = shared_data(name)
    text = bibconv._io.read_text(path)
    result = compare(text, name)
    assert result.entries_in == result.entries_out
    assert result.key_mismatches == []
    assert result.value_mismatches[:5] == []
    assert result.fields_compared > 7 * result.entries_in  # the comparison saw the fields


def test_every_entry_of_small_bib_comes_out_in_csljson() -> None:
    text = bibconv._io.read_text(shared_data("small.bib"))
    items = bibconv.loads(text, "bibtex", diagnostics=[])
    keys = [e.key for e in _bibsyntax.parse(text).entries]
    assert [i["id"] for i in items] == keys
    assert len(keys) == 500
    assert json.loads(bibconv.dumps(items, "csljson")) == items
