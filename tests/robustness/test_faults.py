"""Faults while writing (issue 12): a failed read, a kill -9, a read-only directory, a
full disk, ``-o`` naming the input. Each leaves every file either as it was or complete,
and says which file and why."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

OLD = b'[{"id": "old", "type": "book", "title": "Old bytes"}]\n'
GOOD = "@book{good, title = {Good}, year = 2020}\n"
BROKEN = "@book{bad, title = {Unclosed\n\n"
WARNS = "@book{warns, title = {T}, title = {Twice}, year = 2020}\n"  # bib.duplicate-field


def _write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# ----------------------------------------------------------------------------- --strict


@pytest.mark.parametrize("bad", [GOOD + BROKEN, WARNS], ids=["error", "warning"])
@pytest.mark.parametrize("command", ["convert", "format"])
def test_strict_leaves_the_output_file_untouched_when_reading_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str, command: str
) -> None:
    source = _write(tmp_path / "in.bib", bad)
    out = _write(tmp_path / "out.json", OLD)
    code, _, err = run_cli([command, str(source), "-o", str(out), "--strict"], capsys)
    assert code == 1
    assert out.read_bytes() == OLD
    assert f"{out} was not written" in err
    assert _leftovers(tmp_path) == []


def test_without_strict_a_warning_still_writes_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "in.bib", WARNS)
    out = _write(tmp_path / "out.json", OLD)
    code, _, _ = run_cli(["convert", str(source), "-o", str(out)], capsys)
    assert code == 0
    assert b'"warns"' in out.read_bytes()


# ----------------------------------------------------------------------------- -o = input


@pytest.mark.parametrize("spelling", ["same", "dot-slash", "symlink"])
def test_output_naming_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    source = _write(tmp_path / "refs.bib", GOOD)
    output = {
        "same": str(source),
        "dot-slash": str(tmp_path / "." / "refs.bib"),
        "symlink": str(tmp_path / "link.bib"),
    }[spelling]
    if spelling == "symlink":
        os.symlink(source, output)
    code, out, err = run_cli(["convert", str(source), "-o", output], capsys)
    assert code == 2
    assert source.read_text(encoding="utf-8") == GOOD
    assert f"{output}" in err
    assert "is also an input" in err
    assert out == ""


# ----------------------------------------------------------------------------- full disk


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_output_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "in.bib", GOOD)
    out = _write(tmp_path / "out.json", OLD)
    monkeypatch.setattr(os, "fsync", _disk_full)  # the write's last step before the rename
    code, _, err = run_cli(["convert", str(source), "-o", str(out)], capsys)
    assert code == 1
    assert out.read_bytes() == OLD
    assert f"bibconv: error: {out}: No space left on device" in err
    assert _leftovers(tmp_path) == []


def test_a_full_disk_during_check_fix_leaves_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "@article{k,\n  title = {BERT for R&D},\n  pages = {12-34}\n}\n"
    bib = _write(tmp_path / "refs.bib", text)
    monkeypatch.setattr(os, "fsync", _disk_full)
    code, _, err = run_cli(["check", "--fix", str(bib)], capsys)
    assert code == 1
    assert bib.read_text(encoding="utf-8") == text
    assert str(bib) in err
    assert "No space left on device" in err
    assert _leftovers(tmp_path) == []


def test_a_full_disk_when_the_temporary_file_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "in.bib", GOOD)
    out = _write(tmp_path / "out.json", OLD)

    def no_space(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / ".out.json.x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    code, _, err = run_cli(["convert", str(source), "-o", str(out)], capsys)
    assert code == 1
    assert out.read_bytes() == OLD
    assert f"{out}: No space left on device" in err
    assert ".tmp" not in err


# ----------------------------------------------------------------------------- read-only


def test_a_read_only_directory_is_an_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "in.bib", GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    out = _write(locked / "out.json", OLD)
    locked.chmod(0o555)
    if os.geteuid() == 0:
        # Root may write anywhere: refuse where the OS refuses others, making the file.
        def refuse(*args: object, dir: str | None = None, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), f"{dir}/.x.tmp")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        code, _, err = run_cli(["convert", str(source), "-o", str(out)], capsys)
    finally:
        locked.chmod(0o755)
    assert code == 1
    assert f"bibconv: error: {out}: Permission denied" in err
    assert out.read_bytes() == OLD
    assert _leftovers(locked) == []


# ----------------------------------------------------------------------------- kill -9


def _big_bib(entries: int) -> str:
    return "".join(
        f"@article{{k{i},\n  author = {{Doe, Jane and Roe, R{i}}},\n  title = {{BERT for"
        f" R&D number {i}}},\n  journal = {{J}},\n  year = {2000 + i % 20},\n"
        f"  pages = {{{i}-{i + 9}}}\n}}\n\n"
        for i in range(entries)
    )


def _run(argv: list[str]) -> float:
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "bibconv", *argv], check=False, capture_output=True)
    return time.monotonic() - start


def _kill_at(argv: list[str], delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bibconv", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.kill()  # SIGKILL: no handler, no clean-up
    process.wait()


def _moments(duration: float, count: int, seed: int) -> list[float]:
    """Kill times over the whole run, half of them in its last fifth (where it writes)."""
    rng = random.Random(seed)
    early = [rng.uniform(0.0, duration) for _ in range(count // 2)]
    late = [rng.uniform(0.8 * duration, 1.1 * duration) for _ in range(count - count // 2)]
    return sorted(early + late)


KILLS = 8


def test_kill_9_during_convert_leaves_old_or_complete_output(tmp_path: Path) -> None:
    source = _write(tmp_path / "big.bib", _big_bib(3000))
    out = tmp_path / "out.json"
    _run(["convert", str(source), "-o", str(out)])
    complete = out.read_bytes()
    assert complete.count(b'"id"') == 3000
    _write(out, OLD)
    duration = _run(["convert", str(source), "-o", str(tmp_path / "timing.json")])
    for moment in _moments(duration, KILLS, seed=12):
        _kill_at(["convert", str(source), "-o", str(out)], moment)
        now = out.read_bytes()
        assert now in (OLD, complete), f"killed after {moment:.2f} s: {len(now)} bytes"
        _write(out, OLD)


def test_kill_9_during_check_fix_leaves_old_or_complete_file(tmp_path: Path) -> None:
    original = _big_bib(1500)
    bib = _write(tmp_path / "refs.bib", original)
    _run(["check", "--fix", str(bib)])
    fixed = bib.read_bytes()
    assert fixed != original.encode("utf-8")
    assert b"R\\&D" in fixed
    _write(bib, original)
    duration = _run(["check", "--fix", str(_write(tmp_path / "timing.bib", original))])
    for moment in _moments(duration, KILLS, seed=13):
        _kill_at(["check", "--fix", str(bib)], moment)
        now = bib.read_bytes()
        assert now in (original.encode("utf-8"), fixed), f"killed after {moment:.2f} s"
        _write(bib, original)
