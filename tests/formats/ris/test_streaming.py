"""A .ris file read piece by piece gives the items and diagnostics of reading it whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bibconv import _io
from bibconv.diagnostics import Diagnostic, ParseError
from bibconv.formats.ris import reader, streaming
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

GOLDEN = Path(__file__).parents[2] / "golden"


def whole(path: Path) -> Parsed:
    return reader.read(_io.read_text(path), ReadOptions(path=str(path)))


def streamed(path: Path, chunk_bytes: int) -> tuple[list[CslItem], list[Diagnostic]]:
    found: list[Diagnostic] = []
    options = ReadOptions(path=str(path))
    return list(streaming.iter_read(str(path), options, found, chunk_bytes)), found


def assert_same_as_whole(path: Path, chunk_bytes: int) -> None:
    expected = whole(path)
    items, found = streamed(path, chunk_bytes)
    assert items == expected.items
    assert found == expected.diagnostics


def golden_ris() -> list[Path]:
    return sorted(p for p in GOLDEN.glob("*/input*.ris") if p.stat().st_size > 0)


def test_there_are_golden_inputs_to_compare() -> None:
    assert len(golden_ris()) > 20


def outcome(read: Callable[[], object]) -> object:
    """What ``read()`` gives, or the messages of the ParseError it raises."""
    try:
        return read()
    except ParseError as exc:
        return [str(d) for d in exc.diagnostics]


@pytest.mark.parametrize("path", golden_ris(), ids=lambda p: p.parent.name)
@pytest.mark.parametrize("chunk_bytes", [1, 97, 1 << 20])
def test_golden_inputs_read_in_pieces_as_whole(path: Path, chunk_bytes: int) -> None:
    def expected() -> object:
        parsed = whole(path)
        return parsed.items, parsed.diagnostics

    assert outcome(lambda: streamed(path, chunk_bytes)) == outcome(expected)


# Each a problem that spans lines or records: the scanner's state must carry over a
# piece's end (the line ends are LF, CRLF or a lone CR: all end a line).
MALFORMED = {
    "missing-er": "TY  - JOUR\nTI  - One\nTY  - BOOK\nTI  - Two\n",
    "no-er-at-the-end": "TY  - JOUR\nTI  - One\n",
    "stray-text": "junk\nmore junk\nTY  - JOUR\nTI  - A\nER  - \nafter\n",
    "stray-er": "ER  - \nTY  - JOUR\nER  - x\n",
    "loose-spacing": "TY - JOUR\nTI -  One\nAU- Doe, J.\nER  -\n" * 3,
    "continuations": "TY  - JOUR\nTI  - A long\n  title\n\n\nAB  - x\ny\nER  - \n",
    "crlf-and-cr": "TY  - JOUR\r\nTI  - A\rER  - \r\nTY  - BOOK\r\nER  - \r\n",
    "bom": "\ufeffTY  - JOUR\nTI  - A\nER  - \n",
    "duplicate-ids": "TY  - JOUR\nID  - a\nER  - \nTY  - JOUR\nID  - a\nER  - \n",
    # A generated id avoids ids given later in the file, and those handed out before.
    "generated-ids": (
        "TY  - JOUR\nAU  - Doe, J.\nPY  - 2020\nTI  - Deep\nER  - \n"
        * 2
        + "TY  - JOUR\nID  - doe2020deep\nER  - \n"
        "TY  - JOUR\nN1  - Record ID: doe2020deepb\nER  - \n"
    ),
    # Found in another order than reported: the warnings of a record without an ER
    # come at its end, the repeated id's once all ids are settled.
    "out-of-order": (
        "TY  - JOUR\nID  - a\nER  - \nTY  - JOUR\nID  - a\nPY  - 2020\n  x\nTI  - T\n"
    ),
    "unknown-tags-and-types": "TY  - WHAT\nZZ  - x\nER  - \nTY  - \nER  - \n",
    "cp1252": "TY  - JOUR\nTI  - \u201cquoted\u201d caf\xe9\nER  - \n",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
@pytest.mark.parametrize("chunk_bytes", [1, 5, 23, 1 << 20])
def test_malformed_input_reads_in_pieces_as_whole(
    tmp_path: Path, name: str, chunk_bytes: int
) -> None:
    path = tmp_path / "input.ris"
    text = MALFORMED[name]
    path.write_bytes(text.encode("cp1252" if name == "cp1252" else "utf-8"))
    assert whole(path).items  # (a test of nothing would pass)
    assert_same_as_whole(path, chunk_bytes)


def test_generated_ids_avoid_later_ids(tmp_path: Path) -> None:
    path = tmp_path / "input.ris"
    path.write_text(MALFORMED["generated-ids"], encoding="utf-8")
    items, _ = streamed(path, 7)
    assert [i["id"] for i in items] == [
        "doe2020deepa",
        "doe2020deepc",
        "doe2020deep",
        "doe2020deepb",
    ]


def test_a_file_with_no_record_is_the_same_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "input.ris"
    path.write_text("just some text\n" * 50, encoding="utf-8")
    with pytest.raises(ParseError) as exc:
        streamed(path, 16)
    assert [d.code for d in exc.value.diagnostics] == ["ris.no-records"]


def test_utf16_is_read_whole_with_the_same_results(tmp_path: Path) -> None:
    path = tmp_path / "input.ris"
    path.write_text("TY  - JOUR\nTI  - Ünï\nER  - \n" * 5, encoding="utf-16")
    expected = whole(path)
    assert len(expected.items) == 5
    assert streamed(path, 8) == (expected.items, expected.diagnostics)


def test_the_hashes_of_ids_handed_out_hold_many_ids() -> None:
    ids = streaming._Hashes()  # grows past its first 1,024 slots several times
    for number in range(5000):
        ids.add(f"key{number}")
    assert all(f"key{number}" in ids for number in range(5000))
    assert not any(f"other{number}" in ids for number in range(5000))
