"""The one reader of a big file's @string and crossref/xdata parent ranges."""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bibconv import _io
from bibconv.formats import split_ranges
from bibconv.formats.bibtex import spans as spans_module
from bibconv.formats.bibtex.spans import ParentPlaces, SpanReader

TEXT = (
    "@string{pub = {First Press}}\n"
    "@book{p1, title = {Parent One}, publisher = pub}\n"
    "@article{c1, crossref = {p1}, title = {Child}}\n"
    "@string{pub = {Second Press}}\n"
    "@book{P2, title = {Parent Two}, publisher = pub}\n"
    "@book{p2, title = {A later p2}}\n"
    "@article{c2, crossref = {p2}, xdata = {p3}}\n"
    "@book{p3, title = {Broken\n"
    "@book{p3, title = {Three}}\n"
)


@contextmanager
def reader(
    tmp_path: Path, text: str = TEXT, *, count_lines: bool = False, places: bool = False
) -> Iterator[SpanReader]:
    path = tmp_path / "refs.bib"
    path.write_bytes(text.encode())
    split = split_ranges(path, "bibtex", chunk_bytes=1)
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:

        def decoded(start: int, end: int) -> str:
            return _io.decode(data[start:end])

        kind = ParentPlaces if places else SpanReader
        yield kind(data, split.strings, split.parents, decoded, str(path), count_lines=count_lines)


def offset_of(needle: str, text: str = TEXT) -> int:
    return len(text[: text.index(needle)].encode())


def test_macros_at_a_place_are_those_defined_before_it(tmp_path: Path) -> None:
    with reader(tmp_path) as spans:
        assert spans.read_until(0) is None  # nothing defined yet
        first = spans.read_until(offset_of("@article{c1"))
        assert first is not None
        assert first.macros["pub"] == "First Press"
        assert spans.read_until(offset_of("@article{c2")) is not None
        assert spans.macros is not None
        assert spans.macros.macros["pub"] == "Second Press"


def test_the_first_entry_of_each_key_is_kept_with_the_macros_of_its_place(
    tmp_path: Path,
) -> None:
    with reader(tmp_path, count_lines=True) as spans:
        spans.read_all()
        one, two = spans.readable["p1"], spans.readable["p2"]
        assert dict((f.name, f.value) for f in one.entry.fields)["publisher"] == "First Press"
        assert dict((f.name, f.value) for f in two.entry.fields)["publisher"] == "Second Press"
        assert two.entry.key == "P2"  # keys match case-blind; the first wins
        assert (one.line, two.line) == (2, 5)
        # p3's first entry is broken: the reader takes the next one, check the first.
        assert spans.first["p3"].entry.broken
        assert spans.first["p3"].line == 8
        assert not spans.readable["p3"].entry.broken
        # (The unclosed brace runs the broken one's range on over the next: one range.)
        assert spans.readable["p3"].line == 8


def test_an_entry_read_again_from_its_range_is_the_one_first_read(tmp_path: Path) -> None:
    with reader(tmp_path) as spans:
        spans.read_all()
        for key in ("p1", "p2", "p3"):
            found = spans.readable[key]
            assert found.again
            again = spans.read_again(found)
            assert again is not None
            assert [(f.name, f.value) for f in again.fields] == [
                (f.name, f.value) for f in found.entry.fields
            ]


def test_lines_are_not_counted_unless_asked(tmp_path: Path) -> None:
    with reader(tmp_path) as spans:
        assert spans.read_all().readable["p2"].line == 0


def test_a_string_head_inside_a_parent_is_read_once(tmp_path: Path) -> None:
    # The pattern pass finds '@string' anywhere: here inside p1's value, so the ranges
    # overlap; the text is read once (p1 is one entry, not two).
    text = "@book{p1, note = {see @string{x = {y}} here}, title = {T}}\n@misc{p1, title = {U}}\n"
    text += "@article{c, crossref = {p1}}\n"
    with reader(tmp_path, text) as spans:
        spans.read_all()
        parent = spans.readable["p1"]
        assert [(f.name, f.value) for f in parent.entry.fields] == [
            ("note", "see @string{x = {y}} here"),
            ("title", "T"),
        ]
        assert not parent.again  # its range holds an @string head: it defines macros


def fields_of(entry: object) -> list[tuple[str, str]]:
    assert entry is not None
    return [(f.name, f.value) for f in entry.fields]  # type: ignore[attr-defined]


@pytest.mark.parametrize("collide", [False, True])
def test_parent_places_give_the_entries_the_reader_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collide: bool
) -> None:
    if collide:  # every key has the same hash: each still finds its own entry
        monkeypatch.setattr(spans_module, "_key_hash", lambda key: 7)
    with reader(tmp_path) as spans:
        kept = spans.read_all().readable
    with reader(tmp_path, places=True) as places:
        places.read_all()
        assert isinstance(places, ParentPlaces)
        assert places.readable == {}  # where, not what
        for key in ("p1", "p2", "p3"):
            assert fields_of(places[key]) == fields_of(kept[key].entry)
            assert fields_of(places.get(key)) == fields_of(kept[key].entry)  # (at hand now)
        assert places.get("nothing") is None
        with pytest.raises(KeyError):
            places["nothing"]
