"""A .bib file read piece by piece gives the items and diagnostics of reading it whole."""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bibconv import _io
from bibconv.diagnostics import Diagnostic, ParseError
from bibconv.formats.bibtex import keep, reader, streaming, syntax
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions
from tests.conftest import shared_data

GOLDEN = Path(__file__).parents[2] / "golden"


def whole(path: Path, *, biblatex: bool = False, strict: bool = False) -> Any:
    read = reader.read_biblatex if biblatex else reader.read
    return read(_io.read_text(path), ReadOptions(path=str(path), strict=strict))


def streamed(
    path: Path, chunk_bytes: int, *, biblatex: bool = False
) -> tuple[list[CslItem], list[Diagnostic]]:
    found: list[Diagnostic] = []
    options = ReadOptions(path=str(path))
    items = list(
        streaming.iter_read(str(path), options, found, biblatex=biblatex, chunk_bytes=chunk_bytes)
    )
    return items, found


def assert_same_as_whole(path: Path, chunk_bytes: int, *, biblatex: bool = False) -> None:
    expected = whole(path, biblatex=biblatex)
    items, found = streamed(path, chunk_bytes, biblatex=biblatex)
    assert expected.items  # (a test of nothing would pass)
    assert items == expected.items
    # The text kept beside each item (for a .bib output) too, item by item.
    assert [keep.source_of(i) for i in items] == [keep.source_of(i) for i in expected.items]
    assert found == expected.diagnostics


@pytest.mark.parametrize("name", ["small.bib", "mid.bib"])
@pytest.mark.parametrize("biblatex", [False, True], ids=["bibtex", "biblatex"])
def test_real_files_read_in_pieces_as_whole(name: str, biblatex: bool) -> None:
    # mid.bib: @strings, crossrefs to parents far below, duplicate keys, repeated fields.
    path = shared_data(name)
    assert_same_as_whole(path, 64 * 1024, biblatex=biblatex)


def golden_bibs() -> list[Path]:
    return sorted(p for p in GOLDEN.glob("*/input*.bib") if p.stat().st_size > 0)


@pytest.mark.parametrize("path", golden_bibs(), ids=lambda p: p.parent.name)
def test_golden_inputs_read_in_pieces_as_whole(path: Path) -> None:
    expected = whole(path)
    items, found = streamed(path, 200)
    assert items == expected.items
    assert [keep.source_of(i) for i in items] == [keep.source_of(i) for i in expected.items]
    assert found == expected.diagnostics


def write(tmp_path: Path, text: str, name: str = "refs.bib") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


ENTRIES = "".join(
    f"@inproceedings{{paper{n},\n  author = {{Ann Author{n}}},\n  title = {{Paper {n}}},\n"
    f"  crossref = {{{'procA' if n % 2 else 'ProcB'}}},\n"
    f"  month = {'jan' if n % 3 else 'mymonth'},\n}}\n"
    for n in range(40)
)


def test_what_spans_pieces_is_carried(tmp_path: Path) -> None:
    text = (
        "% a comment before everything\n@string{conf = {Conference}}\n"
        "@string{mymonth = {Smarch}}\n"
        + ENTRIES
        + "@string{conf = {Redefined}}\n"  # after the children, before the parents
        + "@article{paper3,\n  title = {Same key again},\n}\n"  # duplicate of an early key
        + "@preamble{{\\newcommand{\\x}{x}}}\n"
        + "@proceedings{procA,\n  title = conf # { A},\n  year = 2001,\n}\n"
        + "@proceedings{procb,\n  title = {B},\n  publisher = undefinedmacro,\n}\n"
        + "text after the last entry\n"
    )
    path = write(tmp_path, text)
    assert_same_as_whole(path, 300)
    items, found = streamed(path, 300)
    assert items[1]["container-title"] == "Redefined A"  # paper1: the parent's own macros
    assert [d.code for d in found].count("bib.duplicate-key") == 1


def test_a_piece_that_ends_inside_an_open_brace_is_read_with_the_next(tmp_path: Path) -> None:
    # Whole, the unclosed brace is closed by the stray one far below, past any cut, and
    # the value swallows every entry in between.
    text = (
        ENTRIES[:1000]
        + "@misc{open,\n  title = {never {closed,\n}\n"
        + ENTRIES[1000:]
        + "a stray } closes it\n"
        + ENTRIES.replace("paper", "later")
    )
    path = write(tmp_path, text)
    assert_same_as_whole(path, 256)


def test_crlf_and_windows_1252_read_as_decode_reads_them(tmp_path: Path) -> None:
    text = ENTRIES.replace("Paper 1", "Caf\u00e9 \u201cquoted\u201d")
    path = tmp_path / "cp1252.bib"
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    assert_same_as_whole(path, 300)
    items, _ = streamed(path, 300)
    assert items[1]["title"] == "Caf\u00e9 \u201cquoted\u201d"


@pytest.mark.parametrize(
    "odd",
    [
        "@misc{,\n  title = {No key},\n}\n",  # its generated key avoids every key of the file
        "@string{p = {procA}}\n@misc{via, crossref = p}\n",  # a parent named by a macro
    ],
    ids=["empty-key", "crossref-macro"],
)
def test_what_a_piece_cannot_know_is_read_whole(tmp_path: Path, odd: str) -> None:
    path = write(tmp_path, ENTRIES + odd + "@proceedings{procA, title = {A}}\n")
    assert_same_as_whole(path, 300)


def test_strict_raises_at_the_end_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, ENTRIES)  # 'mymonth' is undefined here
    found: list[Diagnostic] = []
    options = ReadOptions(path=str(path), strict=True)
    items = streaming.iter_read(str(path), options, found, chunk_bytes=300)
    with pytest.raises(ParseError) as raised:
        list(items)
    assert raised.value.diagnostics == whole(path).diagnostics
    assert found == []


def test_an_empty_file_has_no_items(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert streamed(path, 300) == ([], [])


def test_the_first_item_comes_before_the_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, ENTRIES * 1 + "@proceedings{procA, title={A}}\n@proceedings{ProcB,}\n")
    parsed: list[int] = []
    real_parse = syntax.parse

    def recording_parse(text: str, *args: Any, **kwargs: Any) -> syntax.Document:
        parsed.append(len(text))
        return real_parse(text, *args, **kwargs)

    monkeypatch.setattr(syntax, "parse", recording_parse)
    items: Iterator[CslItem] = streaming.iter_read(
        str(path), ReadOptions(path=str(path)), [], chunk_bytes=300
    )
    first = next(items)
    assert first["id"] == "paper0"
    size = len(path.read_text(encoding="utf-8"))
    # The parents read up front, and the first piece or two: a small part of the text.
    assert 0 < sum(parsed) < size / 3
    rest = list(items)
    assert len(rest) == 41
    assert sum(parsed) > size  # every piece was read in the end


@pytest.mark.parametrize(
    ("field", "by_macro"),
    [
        ("crossref = {procA}", False),
        ('xdata = "procA"', False),
        ("CrossRef = p", True),
        ("crossref = {proc} # p", True),
        ('XDATA = "x" # {y}', True),
        ("note = {no crossref here}", False),
    ],
)
def test_a_parent_named_by_a_macro_is_found_in_any_case(
    tmp_path: Path, field: str, by_macro: bool
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(f"@misc{{a, title = {{T}}, {field}}}\n", encoding="utf-8")
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        assert streaming._parent_by_macro(data) is by_macro


def test_parents_far_apart_and_chains_read_as_whole_with_little_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many parents, each with a parent of its own (chains), far from their children: with
    # two parents scanned at hand and two resolved ones kept, the items are the whole
    # file's all the same (read again from the file, resolved again).
    monkeypatch.setattr("bibconv.formats.bibtex.spans._AT_HAND", 2)
    monkeypatch.setattr(reader, "_RESOLVED_AT_MOST", 2)
    children = "".join(
        f"@incollection{{c{n}, title = {{Chapter {n}}}, crossref = {{book{n % 7}}}}}\n"
        for n in range(60)
    )
    books = "".join(
        f"@book{{book{n}, booktitle = {{Book {n}}}, crossref = {{series{n % 3}}}}}\n"
        for n in range(7)
    )
    series = "".join(
        f"@mvbook{{series{n}, publisher = {{Press {n}}}, year = 19{n}0}}\n" for n in range(3)
    )
    path = write(tmp_path, children + books + series)
    assert_same_as_whole(path, 200, biblatex=True)
    items, _ = streamed(path, 200, biblatex=True)
    assert items[8]["publisher"] == "Press 1"  # c8 -> book1 -> series1
