"""formats/ris/readback.py: the writer's loss notes name exactly what a round trip loses.

The RIS writer no longer renders each record and reads it back: it derives what the
reader will make of each field and tag (``readback.read_back``). These properties prove
the guarantee the read-back gave, for any CSL item the model allows (the items of
``tests/robustness/test_writer_roundtrip.py``, hostile text included): the variables (and
``custom.<key>``) the ``ris.cannot-hold`` notes name are exactly those that
``loads(dumps(item, "ris"), "ris")`` does not give back; with ``--lossless`` the same notes
name exactly the ``N1  - csl.*`` carrier lines, and everything comes back. The reader
warns about nothing in either mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings

import bibconv
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats.ris.fields import Field
from bibconv.formats.ris.mapping import _FREE_LINE
from bibconv.formats.ris.readback import as_read, read_back
from bibconv.formats.ris.syntax import scan
from bibconv.formats.ris.writer import _render, _writable
from bibconv.losses import comparable
from bibconv.model import CslItem
from tests.robustness.test_writer_roundtrip import (
    csl_items,
    hostile_text,
    noted,
    through,
)

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_ITEMS = csl_items(hostile_text, "ris")
# Items whose every kind of loss was found once: a record the reader would warn about, a
# tag shared by two variables, a custom key RIS has no tag for, a type it has none for.
_EXAMPLES: list[dict[str, Any]] = [
    {"id": "a", "type": "book", "author": [{"family": ","}],
     "issued": {"date-parts": [[2020, 13]]}},
    {"id": "b", "type": "report", "ISBN": "0028-0836", "ISSN": "978-3-16-148410-0"},
    {"id": "c", "type": "article", "custom": {"x_y": 1, "a key": None}, "references": "r"},
    {"id": " d", "type": "classic", "genre": "10.1000/x", "note": "Record ID: 7"},
    {"id": "e", "type": "paper-conference", "abstract": "a\n\nAU  - x\n\u2028ER  - \n"},
]  # fmt: skip


def _with_examples(test: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    for item in reversed(_EXAMPLES):
        test = example(item=item)(test)
    return test


def lost(before: dict[str, Any], after: dict[str, Any], notes: list[Diagnostic]) -> set[str]:
    """What did not come back (a key that went missing, came from nowhere or changed), named
    as the notes name it: a note on ``custom`` (all of it at once, when a key cannot be named
    in a carrier) stands for every ``custom.<key>``."""
    names = _changed(comparable(before), comparable(after)) - {"custom"}
    mine, theirs = comparable(before).get("custom") or {}, comparable(after).get("custom") or {}
    in_custom = {f"custom.{k}" for k in _changed(mine, theirs)}
    if in_custom and "custom" in noted(notes, before["id"]):
        return names | {"custom"}
    return names | in_custom


def _changed(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    missing = object()  # a null value is a value: {"x": null} is not {}
    return {k for k in a.keys() | b.keys() if a.get(k, missing) != b.get(k, missing)}


def declared(notes: list[Diagnostic], item: dict[str, Any]) -> set[str]:
    assert all(n.severity is Severity.INFO and n.code == "ris.cannot-hold" for n in notes)
    return noted(notes, item["id"])


def carried(text: str) -> set[str]:
    """The variables (``custom.<key>``) the carrier lines of ``text`` set."""
    lines = [line.removeprefix("N1  - ") for line in text.splitlines() if line.startswith("N1")]
    matches = [m for m in map(_FREE_LINE.match, lines) if m]
    return {f"custom.{m[2]}" if m[1] == "custom" else m[2] for m in matches}


@_SETTINGS
@given(item=_ITEMS)
@_with_examples
def test_the_default_notes_name_exactly_what_does_not_come_back(item: dict[str, Any]) -> None:
    [back], notes, read = through([item], "ris", lossless=False)
    assert [d for d in read if d.severity is not Severity.INFO] == []
    assert declared(notes, item) == lost(item, back, notes)


@_SETTINGS
@given(item=_ITEMS)
@_with_examples
def test_lossless_notes_name_exactly_the_carriers_and_all_comes_back(
    item: dict[str, Any],
) -> None:
    [back], notes, read = through([item], "ris", lossless=True)
    assert [d for d in read if d.severity is not Severity.INFO] == []
    assert lost(item, back, []) == set()
    text = bibconv.dumps([item], "ris", lossless=True)  # type: ignore[list-item]
    assert declared(notes, item) == carried(text)


def test_the_properties_can_fail() -> None:
    """Not vacuous: these items lose something, and it is noted."""
    for item in _EXAMPLES:
        [back], notes, _ = through([item], "ris", lossless=False)
        assert declared(notes, item) == lost(item, back, notes) != set()


# ----------------------------------------------------------------------------- the derivation


@given(text=hostile_text)
@example(text="a\n\n b \n\n")
@example(text="\u2028x\u2029 y")
@example(text="a\nAU\u2028 - y")
def test_a_field_is_derived_as_the_scanner_reads_it(text: str) -> None:
    """``as_read`` gives the field that scanning the writer's rendered line(s) gives, or
    None where a continuation line would read as a tag line."""
    value = _writable("AB", text)
    assume(value is not None)
    written = Field("AB", str(value))
    derived = as_read(written, 2)
    records, _ = scan(_render([Field("TY", "JOUR"), written]))
    fields = [(f.tag, f.value) for f in records[0].fields[1:]]
    if derived is None:
        assert fields != [("AB", value)]
    else:
        assert fields == [("AB", derived.value)]


def test_a_field_the_reader_would_warn_about_is_left_out() -> None:
    fields = [
        Field("TY", "BOOK"),
        Field("AU", ","),
        Field("AU", "Smith, J"),
        Field("DA", "2020/13"),
    ]
    back, kept = read_back(fields)
    assert kept == [fields[0], fields[2]]
    assert back["author"] == [{"family": "Smith", "given": "J"}]
    assert "issued" not in back


def test_the_writer_and_the_reader_agree_on_a_golden_shaped_item() -> None:
    item: CslItem = {
        "id": "k",
        "type": "article-journal",
        "title": "T",
        "author": [{"family": "Smith", "given": "J"}],
        "issued": {"date-parts": [[2020, 5, 3]]},
        "page": "12-20",
        "container-title": "J",
    }
    [back], notes, _ = through([dict(item)], "ris", lossless=False)
    assert notes == []
    assert back == dict(item)
