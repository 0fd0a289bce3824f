"""Round trips: csl -> bibtex/biblatex/ris -> csl keeps everything LOSSES does not name.

Runs over every golden ``expected.json`` (whoever wrote it) and over generated items
(hypothesis). RIS keeps everything; for BibTeX/BibLaTeX the ``LOSSES`` table names what
they cannot hold. A writer or reader that does not exist yet is skipped, with the reason.
"""

from __future__ import annotations

import contextlib
import json
import re
import string
import tomllib
import warnings
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bibconv
from bibconv import _io
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, comparable
from bibconv.model import ITEM_TYPES
from bibconv.registry import WriteFormat
from tests.conftest import shared_data

# Hypothesis reports a failure through libcst, which warns on import (mypy_extensions);
# under ``filterwarnings = error`` that would hide the falsifying example, so import now.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):  # libcst missing: no patches, nothing to hide
        import hypothesis.extra._patching  # noqa: F401

GOLDEN = Path(__file__).parent / "golden"
TARGETS = ("bibtex", "biblatex", "ris")


def golden_json() -> list[Path]:
    """Every golden CSL-JSON output: ``expected*.json`` of ``convert`` cases."""
    found = []
    for path in sorted(GOLDEN.glob("*/expected*.json")):
        toml = path.parent / "case.toml"
        config = tomllib.loads(toml.read_text(encoding="utf-8")) if toml.exists() else {}
        if config.get("command", "convert") == "convert" and "xfail" not in config:
            found.append(path)
    return found


#: Known differences, as strict xfails (a fix is noticed): (case, target) -> why.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {
    **{
        (case, target): why
        for case, why in (
            ("ris-scopus-journal", "an article's 'number' (C7) and 'note' line breaks"),
            ("ris-zotero-html-notes", "a single line break in 'note' is a space in BibTeX"),
            ("endnote-xml-export", "a single line break in 'abstract' is a space in BibTeX"),
            ("refer-endnote-export", "a single line break in 'abstract' is a space in BibTeX"),
            # and the BibTeX writers drop 'circa' (biblatex could write EDTF '1850~')
            ("cslyaml-pandoc", "a line break in 'title' is a space in BibTeX; circa dropped"),
            # the input's unknown CSL type is kept in custom.bibtex, read back as 'document'
            ("csljson-error-shapes", "an unknown CSL type ('journal-article') is no BibTeX type"),
        )
        for target in ("bibtex", "biblatex")
    },
    # BibTeX's name grammar has no particle parts: "von Goethe, J." reads back with
    # "von" in the family (BibLaTeX writes the extended name format and keeps them).
    ("biblatex-names-extended", "bibtex"): "BibTeX names keep particles in the family",
    ("biblatex-names-useprefix-options", "bibtex"): "BibTeX names keep particles in the family",
    ("cff-software-preferred-references", "bibtex"): "BibTeX names keep particles in the family",
}


def golden_items() -> list[Any]:
    params = []
    for path in golden_json():
        for target in TARGETS:
            reason = KNOWN_DIFFERENCES.get((path.parent.name, target))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(
                pytest.param(path, target, id=f"{path.parent.name}-{target}", marks=marks)
            )
    return params


def through(items: list[Any], target: str) -> tuple[list[Any], list[Diagnostic]]:
    """items -> ``target`` text -> items, as a file would (bytes, universal newlines)."""
    fmt = cast(WriteFormat, target)  # the parametrised names are all writable
    text = bibconv.dumps(items, fmt, lossless=True)  # the carriers make it exact
    diagnostics: list[Diagnostic] = []
    back = bibconv.loads(_io.decode(text.encode("utf-8")), fmt, diagnostics=diagnostics)
    return [dict(i) for i in back], diagnostics


def kept(items: list[Any], target: str) -> list[Any]:
    """What a round trip through ``target`` must keep: all but its LOSSES, compared as CSL."""
    lost = LOSSES[target]
    return [comparable({k: v for k, v in item.items() if k not in lost}) for item in items]


@pytest.mark.parametrize(("path", "target"), golden_items())
def test_golden_json_round_trips(path: Path, target: str) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    back, diagnostics = through(items, target)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    assert kept(back, target) == kept(items, target)


def test_there_are_golden_json_files_to_round_trip() -> None:
    assert len(golden_json()) >= 5


# ----------------------------------------------------------------------------- generated

# Pieces chosen to hit the edges: separators of names/keywords/pages, JSON-looking text,
# tag-looking lines, free-note lookalikes, line breaks, non-ASCII, LaTeX specials.
_PIECES = [
    *"abcXYZ09 ", "ü", "ß", "é", "–", ",", ";", ":", "-", "/", '"', "{", "}", "[", "\\",
    "&", "%", "$", "#", "_", "~", "\n", "\r", "\t", "  ", "ER  - ", "AU  - x", "csl.title: ",
    "null", "12", "others", "van", " and ",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)
words = st.text(string.ascii_letters + "üéß", min_size=1, max_size=8)
name_parts = st.fixed_dictionaries(
    {},
    optional={
        "family": texts,
        "given": texts,
        "suffix": words,
        "non-dropping-particle": st.sampled_from(["van", "van der", "de", "von"]),
    },
).filter(bool)
names = st.lists(
    st.one_of(name_parts, st.builds(lambda t: {"literal": t}, texts)), min_size=1, max_size=4
).map(lambda ns: ns)
date_parts = st.lists(st.integers(1, 12), max_size=2).flatmap(
    lambda md: st.integers(1000, 2100).map(lambda y: [y, *md])
)
dates = st.one_of(
    date_parts.map(lambda p: {"date-parts": [p]}),
    st.tuples(date_parts, date_parts).map(lambda ab: {"date-parts": [ab[0], ab[1]]}),
    texts.map(lambda t: {"literal": t}),
    st.builds(
        lambda p, s: {"date-parts": [p[:1]], "season": s}, date_parts, st.sampled_from(["Spring"])
    ),
)
custom_values = st.one_of(texts, st.integers(-5, 5), st.lists(words, max_size=3))


@st.composite
def csl_items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": draw(st.text(string.ascii_lowercase + string.digits + "-:", min_size=1, max_size=10)),
        "type": draw(st.sampled_from(sorted(ITEM_TYPES))),
    }
    for variable in draw(st.lists(st.sampled_from(CSL_TEXT_VARIABLES), max_size=6, unique=True)):
        item[variable] = draw(st.one_of(texts, st.integers(0, 999)))
    for variable in draw(
        st.lists(st.sampled_from(["author", "editor", "translator"]), unique=True)
    ):
        item[variable] = draw(names)
    for variable in draw(st.lists(st.sampled_from(["issued", "accessed"]), unique=True)):
        item[variable] = draw(dates)
    custom: dict[str, Any] = draw(
        st.dictionaries(
            st.sampled_from(["arxiv_id", "urls", "x_y", "n", "a key", "k:v"]), custom_values
        )
    )
    if draw(st.booleans()):
        custom["ris"] = {"XY": draw(st.lists(texts, min_size=1, max_size=2))}
    if custom:
        item["custom"] = custom
    return item


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(csl_items(), min_size=1, max_size=3, unique_by=lambda i: i["id"]))
def test_generated_items_round_trip_through_ris_exactly(items: list[dict[str, Any]]) -> None:
    back, diagnostics = through(items, "ris")
    assert [d for d in diagnostics if d.severity is not Severity.INFO] == []
    assert [comparable(i) for i in back] == [comparable(i) for i in items]


# BibTeX has its own grammar for names and LaTeX in text; its property test keeps to
# values a .bib file can carry literally (letters, digits, punctuation, dashes); BibTeX
# folds runs of white space, so values here have single spaces only.
plain = st.text(string.ascii_letters + string.digits + " .,:;'()-–—", min_size=1, max_size=20).map(
    lambda t: " ".join(t.split()) or "x"
)


@st.composite
def plain_items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": draw(st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)),
        "type": draw(st.sampled_from(["article-journal", "book", "chapter", "paper-conference",
                                      "report", "thesis", "webpage", "article"])),
        "title": draw(plain),
        "author": draw(
            st.lists(
                st.builds(lambda f, g: {"family": f, "given": g}, words, words),
                min_size=1,
                max_size=3,
            )
        ),
        "issued": {"date-parts": [draw(date_parts)]},
    }  # fmt: skip
    for variable in draw(
        st.lists(
            st.sampled_from(["container-title", "publisher", "volume", "DOI", "URL", "abstract"]),
            unique=True,
        )
    ):
        item[variable] = draw(plain)
    return item


@pytest.mark.parametrize("target", ["bibtex", "biblatex"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(plain_items(), min_size=1, max_size=3, unique_by=lambda i: i["id"]))
def test_generated_items_round_trip_through_bibtex(
    target: str, items: list[dict[str, Any]]
) -> None:
    back, diagnostics = through(items, target)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    assert kept(back, target) == kept(items, target)


@pytest.mark.parametrize("target", ["bibtex", "biblatex"])
def test_bibtex_dash_runs(target: str) -> None:
    items = [{"id": "a", "type": "book", "title": "A -– B", "page": "1–2"}]
    back, _ = through(items, target)
    assert kept(back, target) == kept(items, target)


# ----------------------------------------------------------------------------- clean default

#: The lines of each writer's carriers: what only bibconv reads back (``--lossless``).
CARRIER_LINE = {
    "bibtex": r"^  csl-(custom|type) = ",
    "biblatex": r"^  csl-(custom|type) = ",
    "ris": r"^N1  - (csl|custom)\.",
}


@pytest.mark.parametrize("target", TARGETS)
def test_by_default_no_golden_output_holds_a_carrier(target: str) -> None:
    fmt = cast(WriteFormat, target)
    carriers = 0
    for path in golden_json():
        items = json.loads(path.read_text(encoding="utf-8"))
        assert not re.search(CARRIER_LINE[target], bibconv.dumps(items, fmt), re.M), path
        carriers += len(
            re.findall(CARRIER_LINE[target], bibconv.dumps(items, fmt, lossless=True), re.M)
        )
    assert carriers > 20  # the goldens do need them: the lossless run is exact only with them


# ----------------------------------------------------------------------------- real data


def test_real_bibtex_file_round_trips_through_ris() -> None:
    """Every entry of a real .bib file: BibTeX -> CSL -> RIS -> CSL gives the same CSL."""
    diagnostics: list[Diagnostic] = []
    items = [dict(i) for i in bibconv.load(shared_data("small.bib"), diagnostics=diagnostics)]
    back, notes = through(items, "ris")
    assert len(back) == len(items) == 500
    assert [d for d in notes if d.severity is not Severity.INFO] == []
    assert [comparable(i) for i in back] == [comparable(i) for i in items]


# ----------------------------------------------------------------------------- RIS by default

_CARRIER_NAMED = re.compile(r"'N1  - (csl|custom)\.([^:]+): …'")


def without_noted(item: dict[str, Any], noted: set[tuple[str, str]]) -> Any:
    """``item`` minus the variables (and custom fields) its loss notes name, as CSL."""
    rest = {k: v for k, v in item.items() if ("csl", k) not in noted}
    if isinstance(rest.get("custom"), dict):
        rest["custom"] = {k: v for k, v in rest["custom"].items() if ("custom", k) not in noted}
        if not rest["custom"]:
            del rest["custom"]
    return comparable(rest)


def assert_ris_notes_name_every_loss(items: list[Any]) -> int:
    """Written without carriers and read back, every item is itself but for what its
    ``ris.cannot-hold`` notes name, and the reader warns about nothing; returns the
    number of notes (so a caller can insist the case was not trivial). Items sharing an
    id share their notes."""
    notes: list[Diagnostic] = []
    written = bibconv.dumps(items, "ris", diagnostics=notes)
    diagnostics: list[Diagnostic] = []
    back = bibconv.loads(_io.decode(written.encode("utf-8")), "ris", diagnostics=diagnostics)
    ids = [str(item.get("id", "")) for item in items]
    repeated = len(set(ids)) < len(ids)  # the input's own duplicate: the reader says so
    warned = [d.code for d in diagnostics if d.severity is not Severity.INFO]
    assert [c for c in warned if not (repeated and c == "ris.duplicate-id")] == []
    assert len(back) == len(items) > 0
    noted: dict[str, set[tuple[str, str]]] = {}
    for note in notes:
        assert note.code == "ris.cannot-hold", note
        named = _CARRIER_NAMED.search(note.message)
        assert named is not None, note.message
        noted.setdefault(note.item_id or "", set()).add((named[1], named[2]))
    for item, again in zip(items, back, strict=True):
        lost = noted.get(str(item.get("id", "")), set())
        assert without_noted(dict(again), lost) == without_noted(item, lost), item.get("id")
    return len(notes)


@pytest.mark.parametrize("path", golden_json(), ids=lambda p: p.parent.name)
def test_golden_json_through_ris_by_default_loses_only_what_notes_name(path: Path) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    assert_ris_notes_name_every_loss(items)


def test_real_bibtex_file_through_ris_by_default_loses_only_what_notes_name() -> None:
    items = [dict(i) for i in bibconv.load(shared_data("small.bib"), diagnostics=[])]
    assert assert_ris_notes_name_every_loss(items) > 100
