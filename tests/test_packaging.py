"""What a user gets from an install: the types mypy reads, and a complete sdist."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import bibconv
from tests.conftest import require_current_install

USER_SCRIPT = """\
import bibconv

items = bibconv.load("refs.bib")
title: int = items[0]["title"]
bibconv.dumps(items, "yaml")
"""


def test_an_editable_install_puts_a_plain_path_on_sys_path() -> None:
    dist = require_current_install()
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if not direct.get("dir_info", {}).get("editable"):
        return  # a regular install: the wheel holds py.typed (checked by mypy below)
    pth_files = [f for f in dist.files or () if f.name.endswith(".pth")]
    assert pth_files, "an editable install without a .pth file"
    for pth in pth_files:
        lines = Path(str(dist.locate_file(pth))).read_text(encoding="utf-8").splitlines()
        # An "import ..." line is setuptools' import-hook finder, which mypy cannot follow.
        assert not [line for line in lines if line.startswith("import")], lines
        assert any((Path(line) / "bibconv" / "py.typed").is_file() for line in lines), lines


def test_mypy_on_a_users_script_sees_bibconvs_types(tmp_path: Path) -> None:
    require_current_install()
    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache")]
    # Run outside the checkout, so mypy finds bibconv only the way a user's mypy does.
    result = subprocess.run(
        [*command, str(script)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    out = result.stdout
    assert "import-not-found" not in out, out
    assert "import-untyped" not in out, out
    assert 'user.py:4: error: Incompatible types in assignment (expression has type "str",' in out
    assert (
        'user.py:5: error: Argument 2 to "dumps" has incompatible type "Literal[\'yaml\']"' in out
    )


ROOT = Path(__file__).resolve().parent.parent
#: What the sdist's own test run reads, besides the package.
SDIST_TREES = ("tests", "seeds", "docs", "benchmarks/pages_heldout")
SDIST_FILES = ("LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml", "bibconv/py.typed")


def _on_disk(tree: str) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / tree).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_the_sdist_holds_the_tests_and_everything_they_read(tmp_path: Path) -> None:
    # setuptools' own PEP 517 hook, as pip and `python -m build` call it (about 3 s).
    build = (
        "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    archive = tmp_path / result.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as sdist:
        top = f"bibconv-{bibconv.__version__}/"
        names = {name.removeprefix(top) for name in sdist.getnames()}
    for tree in SDIST_TREES:
        missing = _on_disk(tree) - names
        assert not missing, f"not in the sdist: {sorted(missing)[:10]}"
    assert set(SDIST_FILES) <= names
    assert "tests/golden/hf-papers-seed-004/expected.json" in names  # one golden, by name
