"""The json-like API: loads/load/dumps/dump and how diagnostics come back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import bibconv
from bibconv import Diagnostic, ParseError, Severity, UnknownFormatError
from bibconv.registry import ReadFormat

RIS = "TY  - JOUR\nID  - one\nTI  - First\nPY  - 2001\nER  - \n"
LOOSE_RIS = "TY  - JOUR\nID  - one\nAU - Loose, Tag\nER  - \n"  # a warning, nothing worse
CSL = [{"id": "two", "type": "book", "title": "Second"}]


def test_loads_names_or_sniffs_the_format() -> None:
    assert bibconv.loads(RIS, "ris")[0]["title"] == "First"
    assert bibconv.loads(RIS)[0]["id"] == "one"  # sniffed: a TY line
    assert bibconv.loads(json.dumps(CSL)) == CSL  # sniffed: starts with [


def test_loads_accepts_bytes_with_a_bom() -> None:
    data = b"\xef\xbb\xbf" + RIS.replace("\n", "\r\n").encode("utf-8")
    assert bibconv.loads(data, "ris") == bibconv.loads(RIS, "ris")


def test_without_a_list_warnings_pass_and_errors_raise() -> None:
    assert bibconv.loads(LOOSE_RIS, "ris")[0]["author"] == [{"family": "Loose", "given": "Tag"}]
    with pytest.raises(ParseError) as caught:
        bibconv.loads('[{"type": "book"}]', "csljson", path="x.json")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "json.missing-id"
    assert str(diagnostic).startswith("x.json:1:2: error: ")


def test_strict_makes_warnings_raise() -> None:
    with pytest.raises(ParseError) as caught:
        bibconv.loads(LOOSE_RIS, "ris", strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["ris.tag-spacing"]


def test_with_a_list_diagnostics_are_handed_over_and_nothing_raises() -> None:
    diagnostics: list[Diagnostic] = []
    items = bibconv.loads(
        '[{"id": "ok", "type": "book"}, {"type": "book"}]', "csljson", diagnostics=diagnostics
    )
    assert [i["id"] for i in items] == ["ok"]  # the broken item is reported, not returned
    assert [(d.severity, d.code) for d in diagnostics] == [(Severity.ERROR, "json.missing-id")]
    more: list[Diagnostic] = list(diagnostics)
    bibconv.loads(LOOSE_RIS, "ris", strict=True, diagnostics=more)
    assert [d.code for d in more] == ["json.missing-id", "ris.tag-spacing"]  # appended


def test_unusable_input_raises_even_with_a_list() -> None:
    with pytest.raises(ParseError):
        bibconv.loads("[{", "csljson", diagnostics=[])


def test_unknown_format_names_raise_with_a_suggestion() -> None:
    with pytest.raises(UnknownFormatError, match="did you mean 'ris'"):
        bibconv.loads(RIS, "rsi")  # type: ignore[arg-type]
    with pytest.raises(UnknownFormatError, match="did you mean 'csljson'"):
        bibconv.dumps(CSL, "csl-json")  # type: ignore[arg-type]


def test_dumps_and_the_writer_notes() -> None:
    notes: list[Diagnostic] = []
    item = {"id": "a", "type": "book", "version": "2"}
    text = bibconv.dumps([item], "ris", diagnostics=notes)  # type: ignore[list-item]
    assert text == "TY  - BOOK\nID  - a\nER  - \n"  # only what RIS defines
    assert [(n.severity, n.code, n.item_id) for n in notes] == [
        (Severity.INFO, "ris.cannot-hold", "a")
    ]
    lossless = bibconv.dumps([item], "ris", lossless=True)  # type: ignore[list-item]
    assert lossless == 'TY  - BOOK\nID  - a\nN1  - csl.version: "2"\nER  - \n'
    assert bibconv.loads(lossless) == [item]
    assert bibconv.dumps(CSL, "csljson") == json.dumps(CSL, indent=2) + "\n"  # type: ignore[arg-type]


def test_load_and_dump_files(tmp_path: Path) -> None:
    source = tmp_path / "in.ris"
    source.write_text(RIS, encoding="utf-8")
    items = bibconv.load(source)
    bibconv.dump(items, tmp_path / "out.json")  # format from the extension
    assert bibconv.load(tmp_path / "out.json") == items
    bibconv.dump(items, tmp_path / "out.txt", "ris")  # an explicit format wins
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("TY  - JOUR\n")


def test_load_reports_with_the_path_given(tmp_path: Path) -> None:
    source = tmp_path / "loose.ris"
    source.write_text(LOOSE_RIS, encoding="utf-8")
    diagnostics: list[Diagnostic] = []
    bibconv.load(source, diagnostics=diagnostics)
    assert str(diagnostics[0]).startswith(f"{source}:3:1: warning: ")


def test_dump_needs_a_format_it_can_tell(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError, match="pass format="):
        bibconv.dump(CSL, tmp_path / "out.unknown")  # type: ignore[arg-type]
    assert not (tmp_path / "out.unknown").exists()


def test_dump_replaces_a_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.ris"
    target.write_text("x" * 10_000, encoding="utf-8")
    bibconv.dump(CSL, target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "TY  - BOOK\nID  - two\nTI  - Second\nER  - \n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ris"]


def test_load_takes_an_open_file_text_or_binary(tmp_path: Path) -> None:
    source = tmp_path / "in.ris"
    source.write_text(RIS, encoding="utf-8")
    with source.open(encoding="utf-8") as text:
        from_text = bibconv.load(text)  # the format from the file's name
    with source.open("rb") as binary:
        from_bytes = bibconv.load(binary)
    assert from_text == from_bytes == bibconv.loads(RIS, "ris")


def test_load_of_a_nameless_stream_sniffs_and_reports_as_stream() -> None:
    diagnostics: list[Diagnostic] = []
    items = bibconv.load(io.StringIO(LOOSE_RIS), diagnostics=diagnostics)
    assert items[0]["id"] == "one"
    assert str(diagnostics[0]).startswith("<stream>:3:1: warning: ")
    assert bibconv.load(io.BytesIO(RIS.encode("utf-8")), "ris")[0]["title"] == "First"


def test_dump_writes_to_an_open_file_text_or_binary(tmp_path: Path) -> None:
    ris = "TY  - BOOK\nID  - two\nTI  - Second\nER  - \n"
    with (tmp_path / "out.ris").open("w", encoding="utf-8") as text:
        bibconv.dump(CSL, text)  # type: ignore[arg-type]  # the format from the file's name
    assert (tmp_path / "out.ris").read_text(encoding="utf-8") == ris
    buffer = io.BytesIO()
    bibconv.dump(CSL, buffer, "ris")  # type: ignore[arg-type]
    assert buffer.getvalue() == ris.encode("utf-8")
    stream = io.StringIO()
    bibconv.dump(CSL, stream, "csljson")  # type: ignore[arg-type]
    assert json.loads(stream.getvalue()) == CSL


def test_dump_to_a_nameless_stream_needs_a_format() -> None:
    stream = io.StringIO()
    with pytest.raises(UnknownFormatError, match="'<stream>'; pass format="):
        bibconv.dump(CSL, stream)  # type: ignore[arg-type]
    assert stream.getvalue() == ""


NUMBERED = (
    "[1] A. Vaswani, N. Shazeer, N. Parmar. Attention is all you need. In NeurIPS, 2017.\n"
    "[2] K. He, X. Zhang. Deep residual learning for image recognition. In CVPR, 2016.\n"
)


def test_loads_reads_a_numbered_reference_list_as_page_text_not_broken_json() -> None:
    notes: list[Diagnostic] = []
    items = bibconv.loads(NUMBERED, diagnostics=notes)
    assert [item["title"] for item in items] == [
        "Attention is all you need",
        "Deep residual learning for image recognition",
    ]
    assert notes[0].code == "input.not-json"
    assert notes[0].severity is Severity.INFO


def test_loads_reports_broken_json_as_json() -> None:
    with pytest.raises(ParseError) as caught:
        bibconv.loads('[{"id": "a", "type": "book",}]')
    assert [d.code for d in caught.value.diagnostics] == ["json.syntax"]


@pytest.mark.parametrize("format", [None, "bibtex", "ris", "csljson", "text"])
def test_empty_input_is_one_error_whatever_the_format(format: ReadFormat | None) -> None:
    with pytest.raises(ParseError) as caught:
        bibconv.loads(" \n", format)
    assert [str(d) for d in caught.value.diagnostics] == [
        "<string>:1:1: error: the input is empty: there is no text to read [input.empty]"
    ]


@pytest.mark.parametrize(
    ("text", "format", "reason"),
    [
        ("[]", None, "the CSL-JSON array is empty"),
        ("Just prose, no entries.\n", "bibtex", "no items in this input (read as BibTeX"),
        ("@string{acm = {ACM}}\n", "bibtex", "expected an entry such as '@article{key"),
    ],
)
def test_an_input_yielding_no_items_is_an_error_with_the_reason(
    text: str, format: ReadFormat | None, reason: str
) -> None:
    with pytest.raises(ParseError) as caught:
        bibconv.loads(text, format)
    (diag,) = caught.value.diagnostics
    assert (diag.code, diag.severity) == ("input.no-items", Severity.ERROR)
    assert reason in diag.message
    notes: list[Diagnostic] = []
    assert bibconv.loads(text, format, diagnostics=notes) == []
    assert [d.code for d in notes][-1] == "input.no-items"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF file"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "an executable"),
        (b"@article{k,\x00\x00\x00 title = {x}}", "binary data"),
    ],
)
def test_binary_data_is_not_read(data: bytes, kind: str, tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(data)
    with pytest.raises(ParseError) as caught:
        bibconv.load(path)
    (diag,) = caught.value.diagnostics
    assert diag.code == "input.binary"
    assert diag.message == f"{kind}, not text: nothing to read"
