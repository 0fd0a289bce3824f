"""iter_load gives load's items one at a time; dump/dumps take any iterable."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv import api
from bibconv.diagnostics import Diagnostic, ParseError
from bibconv.formats.bibtex import keep
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions
from tests.conftest import shared_data

FORMATS = ["bibtex", "biblatex", "ris", "csljson"]


@pytest.fixture(scope="module")
def small_items() -> list[CslItem]:
    return bibconv.load(shared_data("small.bib"), diagnostics=[])


def test_iter_load_of_a_big_bib_is_load(tmp_path: Path) -> None:
    path = shared_data("mid.bib")  # 2.5 MB: read piece by piece
    expected_notes: list[Diagnostic] = []
    expected = bibconv.load(path, diagnostics=expected_notes)
    notes: list[Diagnostic] = []
    items = bibconv.iter_load(path, diagnostics=notes)
    assert not isinstance(items, list)
    first = next(items)
    assert notes == []  # diagnostics come with the end of the items
    got = [first, *items]
    assert got == expected
    assert [keep.source_of(i) for i in got] == [keep.source_of(i) for i in expected]
    assert notes == expected_notes
    assert len(got) == 5000


@pytest.mark.parametrize("fmt", ["ris", "csljson"])
def test_iter_load_of_other_formats_and_open_files_is_load(
    tmp_path: Path, small_items: list[CslItem], fmt: str
) -> None:
    path = tmp_path / f"refs.{'json' if fmt == 'csljson' else fmt}"
    bibconv.dump(small_items, path, fmt)  # type: ignore[arg-type]
    expected = bibconv.load(path, diagnostics=[])
    assert list(bibconv.iter_load(path, diagnostics=[])) == expected
    with path.open("rb") as handle:
        assert list(bibconv.iter_load(handle, diagnostics=[])) == expected


def test_iter_load_raises_after_the_items_without_a_list(tmp_path: Path) -> None:
    path = tmp_path / "broken.bib"
    path.write_text("@misc{a, title = {A}}\n@misc{b, title = {B\n", encoding="utf-8")
    items = bibconv.iter_load(path)
    assert next(items)["id"] == "a"
    with pytest.raises(ParseError) as raised:
        next(items)
    assert [d.code for d in raised.value.diagnostics] == ["bib.unclosed-brace"]


def test_iter_input_streams_a_file_at_least_a_piece_long(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_data("small.bib")
    calls: list[int] = []
    fmt = bibconv.registry.FORMATS["bibtex"]
    real = fmt.iter_read
    assert real is not None

    def recording(
        name: str, options: ReadOptions, found: list[Diagnostic], chunk: int, progress: Any
    ) -> Iterator[CslItem]:
        calls.append(chunk)
        return real(name, options, found, chunk, None)

    import dataclasses

    monkeypatch.setitem(
        bibconv.registry.FORMATS, "bibtex", dataclasses.replace(fmt, iter_read=recording)
    )
    options = ReadOptions(path=str(path))
    whole = list(api.iter_input(str(path), options, [], chunk_bytes=1 << 30))
    assert calls == []  # smaller than a piece: read whole
    pieces = list(api.iter_input(str(path), options, [], chunk_bytes=4096))
    assert calls == [4096]
    assert pieces == whole


def items_pulled(items: list[CslItem], pulled: list[int]) -> Iterator[CslItem]:
    for number, item in enumerate(items, start=1):
        pulled.append(number)
        yield item


@pytest.mark.parametrize("fmt", FORMATS)
def test_dumps_and_dump_of_a_generator_are_those_of_the_list(
    tmp_path: Path, small_items: list[CslItem], fmt: str
) -> None:
    notes: list[Diagnostic] = []
    expected = bibconv.dumps(small_items, fmt, diagnostics=notes)  # type: ignore[arg-type]
    generated: list[Diagnostic] = []
    text = bibconv.dumps(iter(small_items), fmt, diagnostics=generated)  # type: ignore[arg-type]
    assert text == expected
    assert generated == notes
    path = tmp_path / "out.txt"
    bibconv.dump((i for i in small_items), path, fmt)  # type: ignore[arg-type]
    assert path.read_bytes() == expected.encode("utf-8")
    stream = io.StringIO()
    bibconv.dump((i for i in small_items), stream, fmt)  # type: ignore[arg-type]
    assert stream.getvalue() == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_pieces_come_as_the_items_come(small_items: list[CslItem], fmt: str) -> None:
    pulled: list[int] = []
    pieces = api.write_pieces(items_pulled(small_items[:5], pulled), fmt)
    next(pieces)
    assert pulled == [1]  # one item taken for the first piece, not the whole list


def test_an_empty_generator_writes_an_empty_array() -> None:
    assert bibconv.dumps(iter([]), "csljson") == "[]\n"


def test_dump_of_a_failing_generator_leaves_the_file_as_it_was(
    tmp_path: Path, small_items: list[CslItem]
) -> None:
    path = tmp_path / "out.json"
    path.write_text("old\n", encoding="utf-8")

    def failing() -> Iterator[CslItem]:
        yield from small_items[:100]
        raise ParseError([])

    with pytest.raises(ParseError):
        bibconv.dump(failing(), path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_generated_key_avoids_the_keys_before_it() -> None:
    items: list[CslItem] = [
        {"id": "smith2020title", "type": "book", "title": "Title"},
        {"id": "", "type": "book", "title": "Title", "author": [{"family": "Smith"}],
         "issued": {"date-parts": [[2020]]}},
    ]  # fmt: skip
    text = bibconv.dumps(iter(items), "bibtex")
    assert "@book{smith2020titlea," in text


@pytest.mark.parametrize(("fmt", "suffix"), [("ris", ".ris"), ("csljson", ".json")])
def test_iter_input_streams_big_ris_and_csljson_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    small_items: list[CslItem],
    fmt: str,
    suffix: str,
) -> None:
    # ".json" is claimed by CSL-JSON and BibJSON too: the head's content picks CSL-JSON.
    path = tmp_path / f"refs{suffix}"
    bibconv.dump(small_items, path, fmt)  # type: ignore[arg-type]
    calls: list[int] = []
    real = bibconv.registry.FORMATS[fmt]
    assert real.iter_read is not None
    iter_read = real.iter_read

    def recording(
        name: str, options: ReadOptions, found: list[Diagnostic], chunk: int, progress: Any
    ) -> Iterator[CslItem]:
        calls.append(chunk)
        return iter_read(name, options, found, chunk, progress)

    import dataclasses

    monkeypatch.setitem(
        bibconv.registry.FORMATS, fmt, dataclasses.replace(real, iter_read=recording)
    )
    options = ReadOptions(path=str(path))
    expected_notes: list[Diagnostic] = []
    expected = bibconv.load(path, diagnostics=expected_notes)
    notes: list[Diagnostic] = []
    assert list(api.iter_input(str(path), options, notes, chunk_bytes=4096)) == expected
    assert calls == [4096]
    assert notes == expected_notes


def test_a_bibjson_file_is_not_streamed_as_csljson(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    record = {"title": "T", "author": [{"name": "Doe, J."}], "year": "2020"}
    path.write_text(json.dumps({"records": [record] * 200}), encoding="utf-8")
    assert api._streaming_format(str(path), None, 4096) is None
    assert len(bibconv.load(path)) == 200
