"""The entry-boundary splitter: byte ranges of whole entries, records and array elements."""

from __future__ import annotations

import itertools
import json
import mmap
from pathlib import Path

import pytest

from bibconv import _io
from bibconv.formats import _split, read_json_chunk, split_ranges
from bibconv.formats._split import Chunk
from bibconv.formats.bibtex import syntax
from tests.conftest import shared_data


def pieces(path: Path, chunks: tuple[Chunk, ...]) -> list[bytes]:
    data = path.read_bytes()
    return [data[c.start : c.end] for c in chunks]


def keys_in(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    doc = syntax.parse(text, first_line=first_line)
    return [(e.key, doc.index.line_col(e.key_offset)[0]) for e in doc.entries]


def test_chunks_cover_the_file_and_hold_whole_entries(tmp_path: Path) -> None:
    entries = [f"@article{{k{n},\n  title = {{T {n}}},\n  year = 2000\n}}\n" for n in range(200)]
    path = tmp_path / "refs.bib"
    path.write_text("% header\n" + "\n".join(entries))
    split = split_ranges(path, "bibtex", chunk_bytes=500)
    assert len(split.chunks) > 5
    assert split.chunks[0].start == 0
    assert split.chunks[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(split.chunks))
    whole = keys_in(path.read_text())
    parts = [
        key
        for chunk, piece in zip(split.chunks, pieces(path, split.chunks), strict=True)
        for key in keys_in(piece.decode(), chunk.line)
    ]
    assert parts == whole  # same keys on the same lines, none cut in two
    assert whole[0] == ("k0", 2)


def test_a_line_starting_with_at_inside_braces_is_no_boundary(tmp_path: Path) -> None:
    inner = "@".join(f"\n{'x' * 40} " for _ in range(30))  # lines that start with '@'
    text = f"@article{{a, abstract = {{{inner}}}}}\n@book{{b, title = {{B}}}}\n"
    path = tmp_path / "refs.bib"
    path.write_text(text)
    split = split_ranges(path, "bibtex", chunk_bytes=50)
    starts = [text.encode()[c.start : c.start + 6] for c in split.chunks]
    assert starts == [b"@artic", b"@book{"]


def test_line_numbers_count_crlf_and_lone_cr_as_one_line_end(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(b"@misc{a,\r\n  note = {x}}\r\n\r@misc{b,\n note={y}}\n@misc{c}\n")
    split = split_ranges(path, "bibtex", chunk_bytes=1)
    assert [c.line for c in split.chunks] == [1, 4, 6]
    assert [_io.decode(p).lstrip()[:7] for p in pieces(path, split.chunks)] == [
        "@misc{a",
        "@misc{b",
        "@misc{c",
    ]


def test_strings_and_crossref_targets_are_found_for_each_chunk(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@string{acm = {ACM}}\n"
        "@inproceedings{child, crossref = {Proc}, title = {C}}\n"
        '@string(ieee = "IEEE")\n'
        "@misc{other, title = {O}}\n"
        "@proceedings{proc, title = {P}, publisher = acm}\n"
    )
    split = split_ranges(path, "bibtex", chunk_bytes=10)
    data = path.read_bytes()
    assert [data[a:b].strip() for a, b in split.strings] == [
        b"@string{acm = {ACM}}",
        b'@string(ieee = "IEEE")',
    ]
    assert [data[a:b].strip() for a, b in split.parents] == [
        b"@proceedings{proc, title = {P}, publisher = acm}"
    ]
    last = split.chunks[-1]
    assert len(split.strings_before(last)) == 2
    assert split.strings_before(split.chunks[0]) == ()


def test_mid_bib_in_pieces_reads_as_the_whole_file() -> None:
    path = shared_data("mid.bib")
    split = split_ranges(path, "bibtex", chunk_bytes=64 * 1024)
    assert len(split.chunks) > 20
    whole = keys_in(_io.read_text(path))
    parts = [
        key
        for chunk, piece in zip(split.chunks, pieces(path, split.chunks), strict=True)
        for key in keys_in(_io.decode(piece), chunk.line)
    ]
    assert parts == whole


def test_ris_chunks_start_at_ty_lines(tmp_path: Path) -> None:
    path = tmp_path / "refs.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - T{n}\nER  - \n\n" for n in range(50)))
    split = split_ranges(path, "ris", chunk_bytes=100)
    assert len(split.chunks) > 5
    assert all(p.startswith(b"TY  - JOUR\n") for p in pieces(path, split.chunks))


def test_csljson_chunks_hold_whole_elements(tmp_path: Path) -> None:
    items = [{"id": f"i{n}", "type": "book", "title": "{[,]}\u00e9 " * n} for n in range(60)]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
    split = split_ranges(path, "csljson", chunk_bytes=300)
    assert len(split.chunks) > 5
    read = [
        element
        for chunk, piece in zip(split.chunks, pieces(path, split.chunks), strict=True)
        for element in read_json_chunk(piece, first=chunk.start == 0)
    ]
    assert read == items


def test_a_single_csljson_object_is_one_chunk(tmp_path: Path) -> None:
    path = tmp_path / "item.json"
    path.write_text('{"id": "a", "type": "book"}\n')
    split = split_ranges(path, "csljson", chunk_bytes=4)
    assert len(split.chunks) == 1
    assert read_json_chunk(path.read_bytes(), first=True) == [{"id": "a", "type": "book"}]


def test_an_empty_file_has_no_chunks_and_unknown_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.bib"
    path.write_bytes(b"")
    assert split_ranges(path, "bibtex").chunks == ()
    page = tmp_path / "x.html"
    page.write_text("<p>")
    with pytest.raises(ValueError, match="cannot split 'html'"):
        split_ranges(page, "html")


def test_a_piece_starts_from_the_macros_of_the_one_before() -> None:
    first = syntax.parse("@string{acm = {ACM}}\n@string{x = {1}}\n")
    second = syntax.parse(
        "@misc{a, publisher = acm}\n@string{x = {2}}\n", first_line=3, before=first
    )
    assert second.entries[0].fields[0].value == "ACM"
    assert [(d.code, d.location.line if d.location else 0) for d in second.diagnostics] == [
        ("bib.string-redefined", 4)
    ]


def test_searches_window_by_window_find_what_one_search_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mmap

    from bibconv.formats import _split

    path = tmp_path / "refs.bib"
    path.write_text(
        "".join(f"@article{{k{n}, crossref = {{p{n % 7}}}, title = {{T}}}}\n" for n in range(2000))
        + "".join(f"@proceedings{{p{n}, title = {{P}}}}\n" for n in range(7))
    )
    whole = split_ranges(path, "bibtex", chunk_bytes=3000)
    monkeypatch.setattr(_split, "_WINDOW", 4096)  # windows far smaller than the file
    monkeypatch.setattr(_split, "_OVERLAP", 256)
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        windowed = [m.span() for m in _split.finditer(_split._ENTRY_HEAD, data)]
        assert windowed == [m.span() for m in _split._ENTRY_HEAD.finditer(data)]
    assert len(windowed) == 2007
    assert split_ranges(path, "bibtex", chunk_bytes=3000) == whole
    assert len(whole.parents) == 7


def test_parent_names_are_what_crossref_and_xdata_fields_name() -> None:
    from bibconv.formats._split import parent_names

    piece = (
        b"@inproceedings{a, CrossRef = {Proc-2001}, title = {T}}\n"
        b'@book{b, xdata = {Pub1, pub2 }, crossref = "Big"}\n'
        b"@misc{c, crossref = plain, note = {a crossref = in text}}\n"
    )
    assert parent_names(piece) == {b"proc-2001", b"pub1", b"pub2", b"big", b"plain", b"in"}
    assert parent_names(b"@misc{d, title = {No parents}}") == set()


class _Mapping:
    """Stands for an mmap: its size, and the madvise calls made on it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.advised: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return self.size

    def madvise(self, flag: int, start: int, length: int) -> None:
        assert flag == mmap.MADV_DONTNEED
        self.advised.append((start, start + length))


def test_release_gives_back_the_pages_read_around_a_range_before_it() -> None:
    """Reading a range's start maps the pages before it in again (read-around), after
    the range before was given back; left there, they added up over a pass (issue 11)."""
    data = _Mapping(64 << 20)
    start = (20 << 20) + 100  # not on a page boundary
    _split.release(data, start, 30 << 20)  # type: ignore[arg-type]
    assert data.advised == [((16 << 20), 30 << 20)]  # 4 MB before, on a page boundary
    _split.release(data, 1000, 2000)  # type: ignore[arg-type]
    assert data.advised[-1] == (0, 2000)  # not before the file's start
    _split.release(data, 60 << 20, 70 << 20)  # type: ignore[arg-type]
    assert data.advised[-1] == (56 << 20, 64 << 20)  # not past its end
