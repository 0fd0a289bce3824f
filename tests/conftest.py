"""Shared test options and fixtures."""

from __future__ import annotations

import importlib.metadata
import io
import sys
from pathlib import Path

import pytest

from bibconv import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: Real .bib files that nobody here wrote; beside the clone, never copied in.
SHARED_DATA = ROOT.parent / "shared" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="write actual outputs over tests/golden/*/expected.*; review `git diff` after",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def shared_data(name: str) -> Path:
    """A file from ../shared/data, or skip the test with the reason if it is not there."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"{path} not present (CI clones with ../shared beside the repo)")
    return path


def require_current_install() -> importlib.metadata.Distribution:
    """The installed bibconv distribution, or skip: an environment installed before the last
    version bump lacks that version's dependencies and install layout (reinstall it)."""
    import bibconv

    dist = importlib.metadata.distribution("bibconv")
    if dist.version != bibconv.__version__:
        pytest.skip(
            f"installed bibconv metadata is {dist.version}, the code is {bibconv.__version__}:"
            " reinstall with pip install -e '.[test]'"
        )
    return dist


def run_cli(
    argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | bytes | None = None
) -> tuple[int, str, str]:
    """``cli.main(argv)`` in-process with ``stdin`` as standard input: (exit code, out, err)."""
    saved = sys.stdin
    if stdin is not None:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        code = cli.main(argv)
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return code, out, err
