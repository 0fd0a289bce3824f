"""`convert` file to file streams: the bytes, diagnostics and exit code of the whole-file way.

The whole-file way is `convert` to standard output (which never streams); the streamed
way is `-o FILE`, with pieces made small so that small inputs are cut into many.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bibconv import cli
from bibconv.formats import _split
from tests.conftest import shared_data
from tests.test_golden import GoldenRun, _argv, _params, _stderr_file

FORMATS = {"bibtex": "bib", "biblatex": "bib", "ris": "ris", "csljson": "json"}


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_split, "DEFAULT_CHUNK_BYTES", 2048)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def streamable(run: GoldenRun) -> bool:
    argv = _argv(run)
    if argv[0] != "convert" or "--strict" in argv or run.expected is None:
        return False  # (--strict -o adds "was not written" where stdout is written anyway)
    flags = [n for n, arg in enumerate(argv) if arg in ("-t", "--to")]
    to = argv[flags[-1] + 1] if flags else None
    return to in FORMATS and run.expected.name != "expected.stderr"


@pytest.mark.parametrize(
    "golden", [p for p in _params() if streamable(p.values[0]) and not p.marks]
)
def test_golden_cases_through_a_streamed_output(
    golden: GoldenRun,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    small_pieces: None,
) -> None:
    assert golden.expected is not None
    monkeypatch.chdir(golden.case)
    out_path = tmp_path / "out"
    code, out, err = run([*_argv(golden), "-o", str(out_path)], capsys)
    assert out == ""
    stderr_file = _stderr_file(golden)
    assert err == (stderr_file.read_text(encoding="utf-8") if stderr_file.exists() else "")
    assert code == int(golden.config.get("exit", 0))
    expected = golden.expected.read_text(encoding="utf-8")
    if out_path.exists() or expected:
        assert out_path.read_text(encoding="utf-8") == expected


@pytest.fixture(scope="module", params=["small.bib", "mid.bib"])
def inputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the real file; the tests add it in the other formats (the whole-file
    way) as they need them."""
    source = shared_data(request.param)
    folder = tmp_path_factory.mktemp(source.stem)
    (folder / f"bibtex.{FORMATS['bibtex']}").write_bytes(source.read_bytes())
    return folder


@pytest.mark.parametrize("target", list(FORMATS))
@pytest.mark.parametrize("source", list(FORMATS))
def test_every_pair_streams_to_the_bytes_of_the_whole_file_way(
    inputs: Path,
    source: str,
    target: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    small_pieces: None,
) -> None:
    path = inputs / f"{source}.{FORMATS[source]}"
    if not path.exists():
        whole = run(["convert", str(inputs / "bibtex.bib"), "-t", source], capsys)
        path.write_text(whole[1], encoding="utf-8")
    argv = ["convert", str(path), "-f", source, "-t", target]
    code, out, err = run(argv, capsys)
    assert out
    streamed = tmp_path / "out"
    assert run([*argv, "-o", str(streamed)], capsys) == (code, "", err)
    assert streamed.read_bytes() == out.encode("utf-8")


def test_report_loss_and_text_kept_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_pieces: None
) -> None:
    path = shared_data("small.bib")
    for target in ("bibtex", "ris"):
        argv = ["convert", str(path), "-t", target, "--report-loss"]
        code, out, err = run(argv, capsys)
        assert "cannot-hold" in err
        streamed = tmp_path / "out"
        assert run([*argv, "-o", str(streamed)], capsys) == (code, "", err)
        assert streamed.read_text(encoding="utf-8") == out


def test_strict_leaves_the_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_pieces: None
) -> None:
    bib = tmp_path / "in.bib"
    bib.write_text("".join(f"@misc{{k{n}, month = undefined}}\n" for n in range(300)))
    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")
    code, _, err = run(["convert", str(bib), "--strict", "-o", str(out)], capsys)
    assert code == 1
    assert "bib.undefined-macro" in err
    assert f"{out} was not written: --strict and the input failed" in err
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.bib", "out.json"]


def test_nothing_read_leaves_the_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_pieces: None
) -> None:
    bib = tmp_path / "in.bib"
    bib.write_text("not an entry at all\n" * 400, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")
    code, _, err = run(["convert", str(bib), "-o", str(out)], capsys)
    assert code == 1
    assert "input.no-items" in err
    assert out.read_text(encoding="utf-8") == "old\n"


def test_two_inputs_stream_into_one_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_pieces: None
) -> None:
    path = str(shared_data("small.bib"))
    code, out, err = run(["convert", path, path, "-t", "bibtex"], capsys)
    assert "bib.duplicate-key" in err  # the second file repeats the first one's keys
    streamed = tmp_path / "out.bib"
    assert run(["convert", path, path, "-o", str(streamed)], capsys) == (code, "", err)
    assert streamed.read_text(encoding="utf-8") == out
