"""The CLI on awkward input a new user will try: odd encodings, odd outputs, empty input."""

from __future__ import annotations

from pathlib import Path

import pytest

from bibconv import cli
from tests.conftest import run_cli as run

BIB = "@article{m1,\n  author = {Müller, Jürgen},\n  title = {Étude},\n  year = {2020},\n}\n"


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
    (here / "out.json").mkdir()
    code, _, err = run(["convert", "a.bib", "-o", "out.json"], capsys)
    assert code == 1
    assert err == "bibconv: error: out.json: Is a directory\n"
    assert list((here / "out.json").iterdir()) == []


@pytest.mark.parametrize("output", ["refs.toml", "refs.txt", "refs"])
def test_o_naming_no_writable_format_is_a_usage_error(
    output: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "a.bib").write_text(BIB, encoding="utf-8")
    code, out, err = run(["convert", "a.bib", "-o", output], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"bibconv: error: cannot tell an output format from {output!r}")
    assert "pass --to" in err
    assert not (here / output).exists()  # never CSL-JSON under a name that says otherwise


def test_o_with_to_may_use_any_name(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "a.bib").write_text(BIB, encoding="utf-8")
    code, _, _ = run(["convert", "a.bib", "-o", "refs.toml", "-t", "csljson"], capsys)
    assert code == 0
    assert (here / "refs.toml").read_text(encoding="utf-8").startswith("[\n  {")


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


def test_an_empty_bib_or_ris_file_is_an_error_that_says_so(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 14: an input that yields no items is never '[]' with exit 0.
    (here / "empty.bib").write_bytes(b"")
    (here / "empty.ris").write_bytes(b"\n")
    assert run(["convert", "empty.bib", "empty.ris", "-o", "out.json"], capsys) == (
        1,
        "",
        "empty.bib:1:1: error: the input is empty: there is no text to read [input.empty]\n"
        "empty.ris:1:1: error: the input is empty: there is no text to read [input.empty]\n",
    )
    assert not (here / "out.json").exists()  # nothing read: nothing written


def test_an_empty_input_among_others_is_an_error_but_the_rest_is_written(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "empty.bib").write_bytes(b"")
    (here / "a.bib").write_text(BIB, encoding="utf-8")
    code, out, err = run(["convert", "empty.bib", "a.bib"], capsys)
    assert code == 1
    assert out.startswith("[\n  {")
    assert err == (
        "empty.bib:1:1: error: the input is empty: there is no text to read [input.empty]\n"
    )


def test_check_reports_a_missing_file_with_the_others_findings(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "hyphen.bib").write_text(
        "@misc{k,\n  title = {T},\n  pages = {1-10},\n}\n", encoding="utf-8"
    )
    code, out, err = run(["check", "hyphen.bib", "nope.bib"], capsys)
    assert (code, out) == (1, "")
    # Was only "bibconv: error: nope.bib: ..." — hyphen.bib's finding vanished.
    assert err.splitlines() == [
        "hyphen.bib:3:13: warning: page range '1-10' uses a single hyphen; write '--' "
        "[bib.page-hyphen]",
        "nope.bib:1:1: error: cannot read the file: No such file or directory [check.unreadable]",
    ]


def test_check_fix_still_reports_what_it_fixed_when_a_later_file_is_missing(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "hyphen.bib").write_text(
        "@misc{k,\n  title = {T},\n  pages = {1-10},\n}\n", encoding="utf-8"
    )
    code, _, err = run(["check", "--fix", "hyphen.bib", "nope.bib"], capsys)
    assert code == 1
    assert "hyphen.bib: fixed 1 problem" in err
    assert "nope.bib:1:1: error: cannot read the file" in err
    assert "pages = {1--10}" in (here / "hyphen.bib").read_text(encoding="utf-8")


def test_bib_to_bib_keeps_the_preamble_and_csljson_reports_dropping_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "pre.bib").write_text(
        '@string{j = "Journal"}\n@preamble{"\\newcommand{\\x}{y}"}\n'
        "@misc{k, title = {T}, howpublished = j}\n",
        encoding="utf-8",
    )
    code, out, err = run(["convert", "pre.bib", "-t", "bibtex", "--report-loss"], capsys)
    assert (code, err) == (0, "")  # nothing is left out
    assert out.startswith('@string{j = "Journal"}\n@preamble{"\\newcommand{\\x}{y}"}\n\n@misc{k,')
    assert "  howpublished = j,\n" in out
    code, out, err = run(["convert", "pre.bib", "-t", "csljson"], capsys)
    assert (code, err) == (0, "")  # a loss note only when asked for
    code, out, err = run(["convert", "pre.bib", "-t", "csljson", "--report-loss"], capsys)
    assert err == (
        "pre.bib:2:1: info: @preamble is not an item: CSL-JSON cannot hold it, so it is dropped"
        " [csljson.cannot-hold]\n"
    )


def test_styles_with_no_match_says_so_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["styles", "zzzqqq"], capsys) == (
        1,
        "",
        "bibconv styles: no style name contains 'zzzqqq'\n",
    )  # was: no output, exit 0


def test_styles_lists_the_matches_alias_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["styles", "ieee"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "ieee"
    assert all("ieee" in name for name in out.splitlines())


@pytest.mark.parametrize("command", ["convert", "check"])
def test_stdin_named_twice_is_a_usage_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: the second read found stdin empty ("the input is empty", exit 1).
    with pytest.raises(SystemExit) as exited:
        run([command, "-", "-"], capsys, b"@misc{k, title={T}}\n")
    assert exited.value.code == 2
    assert "standard input (-) can be named only once" in capsys.readouterr().err


def test_ris_with_one_space_tags_on_stdin_is_sniffed_as_ris(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The RIS reader takes "TY - JOUR" (with ris.tag-spacing warnings); sniffing did not,
    # so stdin fell through to page text: "no page layout fits this text".
    code, out, err = run(["convert", "-", "-t", "bibtex"], capsys, b"TY - JOUR\nTI - One\nER -\n")
    assert code == 0
    assert "title = {One}" in out
    assert "[ris.tag-spacing]" in err


@pytest.mark.parametrize("year", ["-5", "99999", "202", "twenty", "²⁰²⁶"])
def test_year_must_be_four_digits(year: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["convert", "-", "--year", year])
    assert exit_info.value.code == 2
    assert "expected a four-digit year" in capsys.readouterr().err
