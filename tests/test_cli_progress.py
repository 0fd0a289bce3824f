"""`convert`'s progress bar: on a terminal's stderr only, never in a pipe; --quiet silences it.

The child runs the real CLI with the size threshold at 0 (the bar is shown at once for
inputs over PROGRESS_BYTES, 5 MB; a test file that big would only make the suite slow).
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import ROOT

_CHILD = (
    "import sys; from bibconv import _cli_convert, cli; _cli_convert.PROGRESS_BYTES = 0; "
    "sys.exit(cli.main())"
)


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "in.bib"
    path.write_text(
        "".join(
            f"@misc{{k{n},\n  title = {{Title {n}}},\n  year = 2001,\n}}\n" for n in range(3000)
        ),
        encoding="utf-8",
    )
    return path


def convert(bib: Path, *extra: str, terminal: bool) -> tuple[int, str]:
    """Exit code and stderr of `convert BIB -o OUT`, stderr a terminal or a pipe."""
    argv = [sys.executable, "-c", _CHILD, "convert", str(bib), "-o", str(bib.with_suffix(".json"))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if not terminal:
        done = subprocess.run([*argv, *extra], capture_output=True, text=True, env=env, check=False)
        return done.returncode, done.stderr
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0 columns wide (tqdm would draw an empty bar): 24x100.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        child = subprocess.run(
            [*argv, *extra], stderr=follower, stdout=subprocess.DEVNULL, env=env, check=False
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other side is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return child.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_entries_bytes_and_rate(bib: Path) -> None:
    code, err = convert(bib, terminal=True)
    assert code == 0
    assert "3,000 entries" in err
    assert "/s" in err  # the rate (and the ETA beside it)
    assert "\r" in err  # one line, redrawn
    assert bib.with_suffix(".json").read_text(encoding="utf-8").count('"id"') == 3000


def test_a_pipe_gets_no_bar(bib: Path) -> None:
    code, err = convert(bib, terminal=False)
    assert code == 0
    assert err == ""


def test_quiet_silences_it_on_a_terminal(bib: Path) -> None:
    code, err = convert(bib, "--quiet", terminal=True)
    assert code == 0
    assert "entries" not in err
    assert "\r" not in err


def test_jobs_get_the_bar_too(bib: Path) -> None:
    # Small chunks, so that the 3,000 entries are several chunks for the two workers.
    code, err = convert(bib, "--jobs", "2", "--chunk-bytes", "20000", terminal=True)
    assert code == 0
    assert "convert (2 jobs)" in err  # the workers did it (not the one-process way)
    assert "3,000 entries" in err
    assert "/s" in err
    assert bib.with_suffix(".json").read_text(encoding="utf-8").count('"id"') == 3000


def test_jobs_in_a_pipe_or_quiet_get_no_bar(bib: Path) -> None:
    jobs = ("--jobs", "2", "--chunk-bytes", "20000")
    assert convert(bib, *jobs, terminal=False) == (0, "")
    code, err = convert(bib, *jobs, "--quiet", terminal=True)
    assert code == 0
    assert "entries" not in err
    assert "\r" not in err
