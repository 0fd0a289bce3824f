"""The documentation site builds from docs/ with ``mkdocs build --strict`` (mkdocs.yml):
every page in the nav exists, links resolve, the API reference comes from the docstrings
and the CLI reference from the argparse parsers. The mkdocs packages are in the test
extra, so CI runs this."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    # The two variables silence mkdocs-material's and a plugin's banners about MkDocs 2.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    done = subprocess.run(
        [*command, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "bibconv.loads" in api
    assert "Read bibliographic data in any known format" in api  # the docstring itself
    assert ":func:" not in api  # Sphinx roles shown as code only
    cli = (site / "cli-reference" / "index.html").read_text(encoding="utf-8")
    assert "--report-loss" in cli
    assert "--extend-select" in cli  # check's options too
    for page in ("index.html", "formats/index.html", "check/index.html", "bibtex/index.html"):
        assert (site / page).exists(), page
