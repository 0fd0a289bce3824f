"""Shared test options and fixtures."""

from __future__ import annotations

import importlib.metadata
import io
import re
import sys
from pathlib import Path
from typing import Any, cast

import pytest

from bibconv import cli
from bibconv.diagnostics import Diagnostic
from bibconv.losses import comparable
from bibconv.model import CslItem, current_names

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


#: A quoted variable or custom key in a ``.cannot-hold`` note: ``'URL'``, ``'custom.a key'``.
_NOTED_KEY = re.compile(r"'([^']+)'")


def count_whole_after_noted_losses(
    items: list[dict[str, Any]],
    back: list[dict[str, Any]],
    notes: list[Diagnostic],
    code: str,
    *,
    added_custom: frozenset[str] = frozenset(),
) -> int:
    """Asserts each item read ``back`` is the item written but for what its ``code``
    notes name (a variable, or ``custom.<key>``) and the ``added_custom`` keys a reader
    adds; ids aside (readers of formats without ids make citation keys). Returns how
    many came back whole, so a caller can insist the case was not trivial."""
    noted: dict[str, set[str]] = {}
    for note in notes:
        assert note.code == code, note
        noted.setdefault(note.item_id or "", set()).update(_NOTED_KEY.findall(note.message))
    whole = 0
    for written, again in zip(items, back, strict=True):
        # as the notes name them (title-short, not shortTitle)
        item: dict[str, Any] = dict(current_names(cast(CslItem, written)))
        lost = noted.get(item["id"], set())
        custom_lost = {k.removeprefix("custom.") for k in lost} | added_custom
        mine = {k: v for k, v in item.items() if k not in lost and k != "id"}
        theirs = {k: v for k, v in again.items() if k not in lost and k != "id"}
        for side in (mine, theirs):
            if isinstance(side.get("custom"), dict):
                side["custom"] = {k: v for k, v in side["custom"].items() if k not in custom_lost}
        assert comparable(theirs) == comparable(mine), item["id"]
        whole += not lost
    return whole
