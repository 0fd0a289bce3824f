"""The published pre-commit hooks, for real: a temporary git repository, a broken .bib
staged, and pre-commit running this checkout's .pre-commit-hooks.yaml.

pre-commit installs the hook's environment from this checkout (``language: python``), which
takes some seconds the first time; later runs reuse pre-commit's cache. Both tests pin the
checkout's HEAD commit (``try-repo --ref``), so they share one environment; in CI's fresh
clone HEAD is the code under test (locally, commit first to test uncommitted changes).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bibconv

ROOT = Path(__file__).resolve().parent.parent

BROKEN = """\
@article{smith2020,
  author = {Smith, John},
  title = {A Study of Things},
  journal = {Journal of Studies},
  year = 2020,
  pages = {1-10},
}

@article{smith2020,
  author = {Doe, Jane},
  title = {Another Study of Things},
  journal = {Journal of Studies},
  year = 2021,
}
"""
PAGE_MESSAGE = (
    "refs.bib:6:13: warning: page range '1-10' uses a single hyphen; write '--' [bib.page-hyphen]"
)
KEY_MESSAGE = (
    "refs.bib:9:10: error: duplicate key 'smith2020' (first defined at line 1; BibTeX keeps "
    "the first) [bib.duplicate-key]"
)


def _pre_commit() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    found = shutil.which("pre-commit")
    if found:
        return [found]
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' installs it)")
    return [sys.executable, "-m", "pre_commit"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_EMAIL": "t@example.com"}
    env.pop("GIT_DIR", None)  # a pre-commit run of our own must not leak into the temp repo
    env.pop("GIT_INDEX_FILE", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _skip_if_install_failed(result: subprocess.CompletedProcess[str]) -> None:
    """The hook environment needs PyPI; without it the hooks cannot run at all."""
    output = result.stdout + result.stderr
    if "An error has occurred" in output and ("pip" in output or "network" in output.lower()):
        pytest.skip(f"pre-commit could not install the hook environment:\n{output[-2000:]}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _run(["git", "init", "-q"], tmp_path)
    (tmp_path / "refs.bib").write_text(BROKEN, encoding="utf-8")
    _run(["git", "add", "refs.bib"], tmp_path)
    return tmp_path


def _head() -> str:
    head = _run(["git", "rev-parse", "HEAD"], ROOT)
    shown = _run(["git", "show", f"{head.stdout.strip()}:.pre-commit-hooks.yaml"], ROOT)
    assert head.returncode == 0, head.stderr
    assert "bibconv-fix" in shown.stdout, "HEAD's .pre-commit-hooks.yaml lacks bibconv-fix"
    return head.stdout.strip()


def test_try_repo_check_hook_fails_with_the_problems(repo: Path) -> None:
    command = [*_pre_commit(), "try-repo", str(ROOT), "bibconv-check", "--ref", _head()]
    result = _run(command, repo)
    _skip_if_install_failed(result)
    assert result.returncode == 1, result.stdout + result.stderr
    assert PAGE_MESSAGE in result.stdout
    assert KEY_MESSAGE in result.stdout
    assert (repo / "refs.bib").read_text(encoding="utf-8") == BROKEN  # check never writes


def test_commit_is_blocked_and_fix_hook_repairs(repo: Path) -> None:
    head = _head()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        "      - id: bibconv-check\n      - id: bibconv-fix\n        stages: [manual]\n",
        encoding="utf-8",
    )
    _run(["git", "add", ".pre-commit-config.yaml"], repo)
    installed = _run([*_pre_commit(), "install"], repo)
    assert installed.returncode == 0, installed.stderr

    blocked = _run(["git", "commit", "-m", "add refs"], repo)
    _skip_if_install_failed(blocked)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert PAGE_MESSAGE in output
    assert KEY_MESSAGE in output
    assert _run(["git", "rev-parse", "--verify", "HEAD"], repo).returncode != 0  # no commit

    fixed = _run([*_pre_commit(), "run", "bibconv-fix", "--hook-stage", "manual"], repo)
    assert fixed.returncode == 1  # files were modified: pre-commit reports a failure
    text = (repo / "refs.bib").read_text(encoding="utf-8")
    assert "pages = {1--10}" in text
    assert KEY_MESSAGE in fixed.stdout  # what --fix cannot repair is still reported


# ----------------------------------------------------------------------------- the README


def _readme_config() -> str:
    """The ```yaml block of the README's "pre-commit" section, as a user pastes it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "the README's pre-commit section has no ```yaml block"
    return match.group(1)


def _uncommented(config: str) -> str:
    """The snippet with its commented-out hook lines switched on."""
    return re.sub(r"^(\s*)# ", r"\1", config, flags=re.MULTILINE)


@pytest.mark.parametrize("variant", ["as-pasted", "fix-hook-uncommented"])
def test_readme_snippet_is_a_valid_pre_commit_config(variant: str, tmp_path: Path) -> None:
    config = _readme_config()
    if variant == "fix-hook-uncommented":
        config = _uncommented(config)
        assert "- id: bibconv-fix" in config
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(config, encoding="utf-8")
    result = _run([*_pre_commit(), "validate-config", str(path)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower()  # e.g. unexpected keys


def test_readme_snippet_names_published_hooks_and_this_release() -> None:
    config = _readme_config()
    assert config.startswith("repos:\n")  # a whole file, not a fragment
    published = set(
        re.findall(r"^- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text(), re.M)
    )
    assert set(re.findall(r"- id: (\S+)", _uncommented(config))) <= published
    assert f"rev: v{bibconv.__version__}\n" in config
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## [{bibconv.__version__}] - " in changelog


def test_readme_snippet_runs_against_this_checkout(repo: Path) -> None:
    """The pasted config with only its two placeholders filled in blocks a bad .bib."""
    config = _readme_config().replace("https://github.com/OWNER/bibconv", str(ROOT))
    config = re.sub(r"rev: \S+", f"rev: {_head()}", config)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    result = _run([*_pre_commit(), "run", "--all-files"], repo)
    _skip_if_install_failed(result)
    assert result.returncode == 1, result.stdout + result.stderr
    assert KEY_MESSAGE in result.stdout
