"""``--jobs 2`` gives what ``--jobs 1`` gives, byte for byte: standard output, the -o file,
the diagnostics on stderr and the exit code (``bibconv.parallel``).

Tests split small files into many chunks (``--chunk-bytes``), so that what crosses a
chunk's edge (duplicate keys, crossref parents, ``@string``s, comments) is exercised, and
check through :func:`bibconv.parallel.convert_file` that the workers did the work (it
returns ``None`` when it leaves a file to one process).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bibconv import parallel
from bibconv.protocols import ReadOptions, WriteOptions
from tests.conftest import run_cli, shared_data

#: Small enough that the planted file below is a dozen chunks or more.
CHUNK = "1500"


def _entry(key: str, number: int, extra: str = "", kind: str = "article") -> str:
    return (
        f"@{kind}{{{key},\n"
        f"  author = {{Writer, Alice and Number {number}, Bob}},\n"
        f"  title = {{A Study of Things, Part {number}}},\n"
        f"  year = {{{1990 + number % 30}}},\n"
        f"{extra}}}\n\n"
    )


def planted_bib() -> str:
    """A .bib whose entries depend on each other across chunks of ~1.5 kB."""
    parts = [
        "% planted: what crosses chunk edges\n\n",
        '@string{jgo = "Journal of Global Optimization"}\n',
        '@preamble{"\\providecommand{\\noop}[1]{}"}\n\n',
    ]
    for n in range(60):
        key, extra, kind = f"key{n}", "  journal = {J. Things},\n", "article"
        if n == 3:
            extra = "  crossref = {proc2020},\n  pages = {1--10},\n"  # parent far below
            kind = "inproceedings"
        if n == 5 or n == 45:
            key = "dup"  # the same key in two chunks
        if n == 46:
            key = "Dup"  # the same key in another case: BibTeX's check folds case
        if n == 8:
            key, kind = "proc2010", "proceedings"
            extra = "  booktitle = {Proceedings 2010},\n  publisher = {Pub},\n"
        if n == 10 or n == 50:
            extra = '  journal = jgo # " (online)",\n'  # a macro from the file's top
        if n == 20:
            key, kind = "mvproc", "proceedings"
            extra = "  publisher = {Big Publisher},\n  address = {Town},\n"
        if n == 30:
            parts.append('@string{jgo = "J. Glob. Optim."}\n\n')  # redefined mid-file
        if n == 40:
            parts.append("% a comment about key40, in a late chunk\n")
        if n == 44:
            parts.append("stray text between entries\n\n")
        if n == 52:
            extra = "  journal = jgo,\n  note = undefinedmacro,\n"
        if n == 53:
            extra = "  journal = {J}\n  volume = {7},\n"  # missing comma: an error, late
        if n == 54:
            extra = "  journal = {J},\n  journal = {Repeated},\n"
        if n == 57:
            extra = "  crossref = {proc2010},\n"  # parent far above
            kind = "inproceedings"
        if n == 58:
            key, kind = "proc2020", "proceedings"
            extra = "  booktitle = {Proceedings 2020},\n  crossref = {mvproc},\n"
        parts.append(_entry(key, n, extra, kind))
    parts.append("% the end\n")
    return "".join(parts)


def planted_biblatex() -> str:
    """BibLaTeX's xdata across chunks, on top of the planted file."""
    xdata = "@xdata{pubinfo,\n  publisher = {Shared Publisher},\n  location = {City},\n}\n\n"
    text = planted_bib()
    late = text.index("@article{key55,")
    user = _entry("xuser", 99, "  xdata = {pubinfo},\n  journaltitle = {J},\n")
    return xdata + text[:late] + user + text[late:]


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    path = tmp_path / "planted.bib"
    path.write_text(planted_bib(), encoding="utf-8")
    return path


def _both(
    argv: list[str], capsys: pytest.CaptureFixture[str], chunk: str = CHUNK
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    one = run_cli([*argv, "--jobs", "1"], capsys)
    two = run_cli([*argv, "--jobs", "2", "--chunk-bytes", chunk], capsys)
    return one, two


def _in_parallel(path: Path, source: str, target: str, chunk: int = int(CHUNK)) -> str:
    """The text the workers wrote (failing the test if the file was left to one process)."""
    converted = parallel.convert_file(
        str(path),
        source,
        target,
        jobs=2,
        read_options=ReadOptions(path=str(path)),
        write_options=WriteOptions(),
        chunk_bytes=chunk,
    )
    assert converted is not None, "left to one process"
    return converted.text


# ----------------------------------------------------------------------------- convert


@pytest.mark.parametrize("target", ["csljson", "ris", "bibtex", "biblatex"])
def test_planted_file_converts_the_same(
    planted: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _both(["convert", str(planted), "-t", target, "--report-loss"], capsys)
    assert two == one
    assert one[0] == 1  # the missing comma is an error
    assert _in_parallel(planted, "bibtex", target) == one[1]


def test_planted_diagnostics_keep_their_places(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the reader says about a late chunk names the lines of the whole file."""
    _, (_, _, err) = _both(["convert", str(planted), "-t", "csljson"], capsys)
    text = planted.read_text(encoding="utf-8")
    lines = text.split("\n")
    dup_line = next(i for i, line in enumerate(lines, 1) if line.startswith("@article{dup,"))
    later = [i for i, line in enumerate(lines, 1) if line.startswith("@article{dup,")][1]
    first = f"first used at {dup_line}:10"
    assert f"{planted}:{later}:10: warning: duplicate key 'dup' ({first})" in err
    comma = next(i for i, line in enumerate(lines, 1) if line == "  volume = {7},")
    assert f"{planted}:{comma}:3: error: expected ',' or '}}' after field value" in err
    redefined = next(i for i, line in enumerate(lines, 1) if "J. Glob. Optim." in line)
    assert f"{planted}:{redefined}:9: warning: @string 'jgo' is defined again" in err


def test_crossref_and_strings_across_chunks_read_as_in_one_file(planted: Path) -> None:
    import json

    items = {item["id"]: item for item in json.loads(_in_parallel(planted, "bibtex", "csljson"))}
    assert items["key3"]["container-title"] == "Proceedings 2020"  # parent 55 entries on
    assert items["key3"]["publisher"] == "Big Publisher"  # its parent's parent
    assert items["key57"]["container-title"] == "Proceedings 2010"  # parent far above
    assert items["key10"]["container-title"] == "Journal of Global Optimization (online)"
    assert items["key50"]["container-title"] == "J. Glob. Optim. (online)"  # redefined


def test_bib_to_bib_keeps_macros_and_comments_in_place(planted: Path) -> None:
    text = _in_parallel(planted, "bibtex", "bibtex")
    assert 'journal = jgo # " (online)"' in text  # key50: the macro, defined in chunk 1
    assert "% a comment about key40, in a late chunk\n\n@article{key40," in text
    assert text.count("@string{jgo") == 2


def test_biblatex_xdata_across_chunks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "planted.bib"
    path.write_text(planted_biblatex(), encoding="utf-8")
    for target in ("csljson", "biblatex"):
        one, two = _both(["convert", str(path), "-f", "biblatex", "-t", target], capsys)
        assert two == one
        assert _in_parallel(path, "biblatex", target) == one[1]
    assert '"publisher": "Shared Publisher"' in _in_parallel(path, "biblatex", "csljson")


def test_o_file_is_the_same(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run_cli(["convert", str(planted), "-o", str(tmp_path / "one.json"), "-j", "1"], capsys)
    argv = ["convert", str(planted), "-o", str(tmp_path / "two.json"), "-j", "2"]
    two = run_cli([*argv, "--chunk-bytes", CHUNK], capsys)
    assert two == one
    assert (tmp_path / "two.json").read_bytes() == (tmp_path / "one.json").read_bytes()


@pytest.mark.parametrize("target", ["csljson", "ris", "bibtex"])
def test_small_bib_converts_the_same(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_data("small.bib")
    one, two = _both(["convert", str(path), "-t", target], capsys, chunk="20000")
    assert two == one
    assert _in_parallel(path, "bibtex", target, 20000) == one[1]


def test_mid_bib_converts_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_data("mid.bib")
    one, two = _both(["convert", str(path), "-t", "csljson"], capsys, chunk="200000")
    assert two == one
    assert _in_parallel(path, "bibtex", "csljson", 200000) == one[1]


def test_ris_and_csljson_inputs_convert_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = shared_data("small.bib")
    for fmt, ext in (("ris", "ris"), ("csljson", "json")):
        code, text, _ = run_cli(["convert", str(small), "-t", fmt, "-j", "1"], capsys)
        assert code == 0
        (tmp_path / f"small.{ext}").write_text(text, encoding="utf-8")
    for source, ext, target in (("ris", "ris", "csljson"), ("csljson", "json", "bibtex")):
        path = tmp_path / f"small.{ext}"
        one, two = _both(["convert", str(path), "-t", target], capsys, chunk="20000")
        assert two == one
        assert _in_parallel(path, source, target, 20000) == one[1]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("keyless", _entry("a", 1) + _entry("", 2) * 30 + _entry("b", 3)),  # generated keys
        ("unclosed", _entry("a", 1) + "@article{open,\n  title = {never closed,\n\n" * 30),
        ("latin1", "% caf\xe9\n" + _entry("a", 1) * 40),
    ],
)
def test_what_one_process_must_read_gives_the_same(
    tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.bib"
    path.write_bytes(text.encode("latin-1" if name == "latin1" else "utf-8"))
    one, two = _both(["convert", str(path), "-t", "csljson"], capsys, chunk="300")
    assert two == one
    # -o is written as the chunks are done: what one process writes replaces it whole.
    _both(["convert", str(path), "-o", str(tmp_path / "out.json")], capsys, chunk="300")
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == one[1]


def test_same_ris_id_in_two_chunks_gives_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = "TY  - JOUR\nID  - {id}\nTI  - Title {n}\nPY  - 2001\nER  - \n\n"
    text = "".join(record.format(id="same" if n in (1, 25) else f"r{n}", n=n) for n in range(40))
    path = tmp_path / "dup.ris"
    path.write_text(text, encoding="utf-8")
    one, two = _both(["convert", str(path), "-t", "bibtex"], capsys, chunk="300")
    assert two == one
    assert "ris.duplicate-id" in one[2]


def test_default_jobs_is_one_for_small_files(planted: Path) -> None:
    assert parallel.default_jobs(str(planted)) == 1
    assert parallel.default_jobs("-") == 1


def test_planning_fixes_the_heap_threshold_before_the_workers_fork(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bibconv.parallel import plan

    calls: list[None] = []
    monkeypatch.setattr(plan, "keep_big_blocks_apart", lambda: calls.append(None))
    assert plan._plan(str(planted), "bibtex", 2, int(CHUNK)) is not None
    assert calls == [None]


def test_planning_gives_back_the_pages_of_every_chunk(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass over a mapped file holds its pages (resident memory the size of the file)
    unless they are given back as it goes (issue 11)."""
    from bibconv.formats import _split
    from bibconv.parallel import plan

    released: list[tuple[int, int]] = []
    original = _split.release

    def recording(data: object, start: int, end: int) -> None:
        released.append((start, end))
        original(data, start, end)  # type: ignore[arg-type]

    monkeypatch.setattr(_split, "release", recording)
    planned = plan._plan(str(planted), "bibtex", 2, int(CHUNK))
    assert planned is not None
    assert len(planned.pieces) > 3
    for piece in planned.pieces:
        assert (piece.chunk.start, piece.chunk.end) in released
    assert released[-1] == (0, planted.stat().st_size)


# ----------------------------------------------------------------------------- check


def _checked_in_parallel(path: Path, chunk: int, select: str | None = None) -> list[str]:
    from bibconv.lint import CheckOptions

    options = CheckOptions(select=(select,) if select else None)
    found = parallel.check_file(str(path), str(path), options, jobs=2, chunk_bytes=chunk)
    assert found is not None, "left to one process"
    return [str(diagnostic) for diagnostic in found]


def planted_for_check() -> str:
    """The planted file, and what check's file-wide rules look for across chunks."""
    same_work = _entry("twin1", 7, "  journal = {J},\n  doi = {10.1000/twin},\n")
    same_title = (
        "@article{titled1,\n  author = {Carol Jones and Dan Brown},\n"
        "  title = {One Title That Two Entries Share Here},\n  year = {2001},\n}\n\n"
    )
    joined = "@misc{joined,\n  author = {Gina Lake, Hugo Marsh},\n  title = {Joined},\n}\n\n"
    # Names written "First Last" all through the file: then "Gina Lake, Hugo Marsh" is two.
    comma_names = r"Writer, Alice and Number (\d+), Bob"
    text = re.sub(comma_names, r"Alice Writer and Bob Number\1", planted_bib())
    late = text.index("@article{key50,")
    return (
        same_work
        + same_title
        + text[:late]
        + joined
        + same_work.replace("twin1", "twin2")
        + same_title.replace("titled1", "titled2")
        + text[late:]
    )


@pytest.mark.parametrize("select", [None, "ALL"])
@pytest.mark.parametrize("output", ["text", "json"])
def test_planted_file_checks_the_same(
    tmp_path: Path, select: str | None, output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "planted.bib"
    path.write_text(planted_for_check(), encoding="utf-8")
    argv = ["check", str(path), "--format", output, *(["--select", select] if select else [])]
    one = run_cli([*argv, "--jobs", "1"], capsys)
    two = run_cli([*argv, "--jobs", "2", "--chunk-bytes", CHUNK], capsys)
    assert two == one
    assert one[0] == 1
    found = _checked_in_parallel(path, int(CHUNK), select)
    if output == "text":
        assert "\n".join(found) + "\n" == one[2]
    codes = " ".join(found)
    for code in ("duplicate-key", "duplicate-work", "missing-comma", "string-redefined"):
        assert f"[bib.{code}]" in codes
    assert "'twin2' looks like the same work as 'twin1' (same DOI 10.1000/twin)" in codes
    assert "'titled2' looks like the same work as 'titled1' (same title)" in codes
    assert "duplicate key 'Dup' (first defined at line" in codes  # folded, across chunks
    assert "joined by commas instead of 'and'" in codes  # the whole file's habit decides


def test_crossref_parents_across_chunks_satisfy_check(tmp_path: Path) -> None:
    path = tmp_path / "planted.bib"
    path.write_text(planted_bib(), encoding="utf-8")
    found = " ".join(_checked_in_parallel(path, int(CHUNK)))
    assert "missing-crossref" not in found  # key3's parent is 55 entries on
    assert "'key3' lacks" not in found  # booktitle comes from the parent


@pytest.mark.parametrize("name", ["small.bib", "mid.bib"])
def test_real_files_check_the_same(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_data(name)
    chunk = "20000" if name == "small.bib" else "200000"
    for argv in (["check", str(path)], ["check", str(path), "--select", "ALL"]):
        one = run_cli([*argv, "--jobs", "1"], capsys)
        two = run_cli([*argv, "--jobs", "2", "--chunk-bytes", chunk], capsys)
        assert two == one
    assert "\n".join(_checked_in_parallel(path, int(chunk), "ALL")) + "\n" == one[2]


def test_check_fix_stays_one_process(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        ["check", str(planted), "--diff", "-j", "2", "--chunk-bytes", CHUNK], capsys
    )
    assert code == 1
    assert err == run_cli(["check", str(planted), "--diff", "-j", "1"], capsys)[2]
