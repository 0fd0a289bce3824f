"""The CLI on awkward input a new user will try: odd encodings, odd outputs, empty input."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from bibconv import cli

BIB = "@article{m1,\n  author = {Müller, Jürgen},\n  title = {Étude},\n  year = {2020},\n}\n"


def run(
    argv: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes | None = None
) -> tuple[int, str, str]:
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = cli.main(argv)
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_utf16_bib_from_a_windows_editor_converts(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "win.bib").write_bytes(BIB.encode("utf-16"))
    code, out, err = run(["convert", "win.bib", "-t", "ris"], capsys)
    assert (code, err) == (0, "")
    assert "AU  - Müller, Jürgen\n" in out  # was: no output at all, exit 0


def test_o_into_a_missing_directory_names_the_output_not_a_temp_file(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "a.bib").write_text(BIB, encoding="utf-8")
    code, _, err = run(["convert", "a.bib", "-o", "nodir/x.json"], capsys)
    assert code == 1
    assert err == "bibconv: error: nodir/x.json: No such file or directory\n"


def test_o_a_directory_is_a_clean_error(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "a.bib").write_text(BIB, encoding="utf-8")
    (here / "out").mkdir()
    code, _, err = run(["convert", "a.bib", "-o", "out"], capsys)
    assert code == 1
    assert err == "bibconv: error: out: Is a directory\n"
    assert list((here / "out").iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["convert", "-"], b"", "<stdin>:1:1: error: the input is empty: there is no text to read"),
        (["convert", "-"], b"\n \r\n", "<stdin>:1:1: error: the input is empty"),
        (["convert", "-f", "text", "-"], b"", "<stdin>:1:1: error: the input is empty"),
        (["convert", "-f", "csljson", "-"], b"", "<stdin>:1:1: error: the input is empty"),
    ],
)
def test_empty_input_says_it_is_empty(
    argv: list[str], stdin: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was "no page layout fits this text ... name one with --from" / "invalid JSON".
    code, out, err = run(argv, capsys, stdin)
    assert (code, out) == (1, "")
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_an_empty_bib_or_ris_file_is_zero_items_not_an_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "empty.bib").write_bytes(b"")
    (here / "empty.ris").write_bytes(b"")
    assert run(["convert", "empty.bib", "empty.ris"], capsys) == (0, "[]\n", "")
