"""``bibconv convert``: stdin/stdout, several inputs, atomic -o, exit codes, diagnostics."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bibconv import cli, registry
from bibconv.diagnostics import BibconvError
from tests.conftest import require_current_install
from tests.conftest import run_cli as run

RIS = "TY  - JOUR\nID  - one\nTI  - First\nAU  - Doe, Jane\nPY  - 2001\nER  - \n"
CSL = [{"id": "two", "type": "book", "title": "Second", "event-title": "Conf"}]
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning|info): .+ \[[a-z]+(\.[a-z0-9-]+)+\]$")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.ris").write_text(RIS, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(CSL), encoding="utf-8")
    return tmp_path


def test_stdin_in_and_stdout_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["convert", "-", "-t", "csljson"], capsys, stdin=RIS)
    assert (code, err) == (0, "")
    assert [item["id"] for item in json.loads(out)] == ["one"]


def test_stdin_format_is_sniffed_and_stdout_named_dash(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["convert", "-", "-o", "-", "-t", "ris"], capsys, stdin=json.dumps(CSL))
    assert code == 0
    assert out.startswith("TY  - BOOK\nID  - two\n")


def test_stdin_diagnostics_name_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["convert", "-", "-f", "ris"], capsys, stdin="TY  - JOUR\nTI  - x\n")
    assert code == 0
    assert err.startswith("<stdin>:1:1: warning: record has no closing 'ER  - '")


def test_several_inputs_are_concatenated_in_order(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["convert", "b.json", "a.ris", "b.json", "-t", "csljson"], capsys)
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == ["two", "one", "two"]


def test_output_format_from_the_o_extension(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["convert", "a.ris", "-o", "out.json"], capsys)
    assert (code, out) == (0, "")
    assert json.loads((files / "out.json").read_text(encoding="utf-8"))[0]["title"] == "First"


def test_o_leaves_no_file_when_the_input_is_unusable(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "bad.json").write_text("[{", encoding="utf-8")
    code, _, err = run(["convert", "bad.json", "-o", "out.ris"], capsys)
    assert code == 1
    assert err.startswith("bad.json:1:3: error: invalid JSON")
    assert not (files / "out.ris").exists()


def test_o_keeps_the_old_file_whole_when_writing_fails(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (files / "out.ris").write_text("old content\n", encoding="utf-8")

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", failing_replace)  # what _io.atomic_write renames with
    code, _, err = run(["convert", "a.ris", "-o", "out.ris"], capsys)
    assert code == 1
    assert "No space left on device" in err
    assert (files / "out.ris").read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in files.iterdir()) == ["a.ris", "b.json", "out.ris"]  # no tmp


def test_o_writes_nothing_when_the_writer_fails(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_writer(items: Any, options: Any) -> Any:
        raise BibconvError("writer gave up half way")

    # (no piece writer: the whole text is made first)
    broken = dataclasses.replace(registry.FORMATS["ris"], write=broken_writer, iter_write=None)
    monkeypatch.setitem(registry.FORMATS, "ris", broken)
    code, _, err = run(["convert", "b.json", "-o", "out.ris"], capsys)
    assert code == 1
    assert err == "bibconv: error: writer gave up half way\n"
    assert not (files / "out.ris").exists()


def test_o_stays_as_it_was_when_a_streamed_writer_fails_half_way(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_pieces(items: Any, options: Any, notes: Any) -> Iterator[str]:
        for item in items:
            yield f"{item['id']}\n"  # written to the temporary file, never to out.ris
            raise BibconvError("writer gave up half way")

    (files / "out.ris").write_text("old content\n", encoding="utf-8")
    broken = dataclasses.replace(registry.FORMATS["ris"], iter_write=broken_pieces)
    monkeypatch.setitem(registry.FORMATS, "ris", broken)
    code, _, err = run(["convert", "b.json", "-o", "out.ris"], capsys)
    assert code == 1
    assert err == "bibconv: error: writer gave up half way\n"
    assert (files / "out.ris").read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in files.iterdir()) == ["a.ris", "b.json", "out.ris"]  # no tmp


def test_exit_0_with_warnings_and_1_with_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("w.ris").write_text("TY  - JOUR\nAU - Loose, Tag\nER  - \n", encoding="utf-8")
    code, out, err = run(["convert", "w.ris"], capsys)
    assert code == 0
    assert json.loads(out)[0]["author"] == [{"family": "Loose", "given": "Tag"}]
    assert err.startswith("w.ris:2:1: warning: ")
    strict_code, strict_out, strict_err = run(["convert", "w.ris", "--strict"], capsys)
    assert strict_code == 1
    assert strict_err == err  # same report; only the verdict changes
    assert strict_out == out


def test_exit_1_on_input_errors_and_the_good_items_still_come_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("e.json").write_text('[{"id": "ok", "type": "book"}, {"type": "book"}]', "utf-8")
    code, out, err = run(["convert", "e.json", "-t", "ris"], capsys)
    assert code == 1
    assert out == "TY  - BOOK\nID  - ok\nER  - \n"
    assert err == "e.json:1:32: error: item 2: expected a non-empty 'id' [json.missing-id]\n"


def test_exit_1_for_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(["convert", str(tmp_path / "nope.ris")], capsys)
    assert code == 1
    assert err.startswith("bibconv: error: ")
    assert "nope.ris" in err


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["convert", "a.ris", "-t", "rsi"], "did you mean 'ris'?"),
        (["convert", "a.ris", "-t", "bibtx"], "did you mean 'bibtex'"),
        (["convert", "a.ris", "-f", "csl-json"], "did you mean 'csljson'?"),
    ],
)
def test_unknown_format_is_usage_error_2_with_a_suggestion(
    argv: list[str], hint: str, files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.startswith("bibconv: error: unknown format")
    assert hint in err


def test_argparse_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["convert"])  # no INPUT
    assert caught.value.code == 2
    assert "usage: bibconv convert" in capsys.readouterr().err


def test_report_loss_shows_cannot_hold_notes_only_when_asked(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["convert", "b.json", "-t", "ris"], capsys)
    assert (code, err) == (0, "")
    assert "N1  -" not in out  # by default, only what RIS defines
    code, _, err = run(["convert", "b.json", "-t", "ris", "--report-loss"], capsys)
    assert code == 0
    assert err == (
        "info: two: RIS has no tag for 'event-title'; it is left out (--lossless keeps it as "
        "'N1  - csl.event-title: …') [ris.cannot-hold]\n"
    )
    code, out, err = run(["convert", "b.json", "-t", "ris", "--lossless", "--report-loss"], capsys)
    assert code == 0
    assert "N1  - csl.event-title: Conf\n" in out
    assert err == (
        "info: two: RIS has no tag for 'event-title'; kept as 'N1  - csl.event-title: …', "
        "which only bibconv reads back [ris.cannot-hold]\n"
    )


def test_diagnostics_have_the_path_line_col_severity_message_code_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    odd = "junk\nTY  - JOUR\nTI  - t\n  more\nAU - A, B\nZZ  - z\nPY  - May\n"
    Path("odd.ris").write_text(odd, encoding="utf-8")
    code, _, err = run(["convert", "odd.ris"], capsys)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 6
    for line in lines:
        assert DIAGNOSTIC.match(line), line
    assert [line.split(": ")[0] for line in lines] == [
        "odd.ris:1:1", "odd.ris:2:1", "odd.ris:4:1", "odd.ris:5:1", "odd.ris:6:7", "odd.ris:7:7",
    ]  # fmt: skip


def test_bom_and_crlf_files_read_like_plain_ones(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "w.ris").write_bytes(b"\xef\xbb\xbf" + RIS.replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run(["convert", "w.ris"], capsys)
    assert (code, err) == (0, "")
    _, plain, _ = run(["convert", "a.ris"], capsys)
    assert out == plain


def test_ris_output_reads_back_to_the_same_items(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["convert", "a.ris", "b.json", "-o", "all.ris", "--lossless"], capsys)
    _, direct, _ = run(["convert", "a.ris", "b.json"], capsys)
    _, again, err = run(["convert", "all.ris"], capsys)
    assert err == ""
    assert again == direct


# ----------------------------------------------------------------------------- completion


def _completion(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    require_current_install()  # shtab came with 0.2.0
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--print-completion", shell])
    assert stopped.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_print_completion_names_every_command_and_option(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _completion(shell, capsys)
    # fish spells options "-l report-loss", bash and zsh "--report-loss"
    for word in ("convert", "format", "styles", "check", "report-loss", "extend-select"):
        assert word in script, word


def test_bash_completion_is_valid_bash_and_completes_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "bibconv.bash"
    script.write_text(_completion("bash", capsys), encoding="utf-8")
    checked = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "_shtab_bibconv_convert__o_COMPGEN=_shtab_compgen_files" in script.read_text()
    assert ":OUTPUT:_files" in _completion("zsh", capsys)
