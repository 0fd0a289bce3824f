"""Start-up stays cheap: what a plain ``import bibconv`` and the CLI's parser load.

Each probe runs in a fresh interpreter (this process has imported everything already).
Times are measured by ``benchmarks/startup.py``, not here; these checks cannot flake.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Libraries only some formats need, and the modules of every reader and writer.
HEAVY = ("bs4", "citeproc", "bibtexparser", "lxml", "pylatexenc")
READERS = (
    "bibconv.formats.",
    "bibconv.pages",
    "bibconv.html",
    "bibconv.references",
    "bibconv.render",
)
#: The BibTeX scanner: ``check`` is built on it, without the BibTeX -> CSL reader.
SCANNER = "bibconv.formats.bibtex.syntax"


def loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    names: list[str] = json.loads(done.stdout.splitlines()[-1])
    return names


def heavy(names: list[str]) -> list[str]:
    return [
        n
        for n in names
        if (n.split(".")[0] in HEAVY or n.startswith(READERS))
        # the bibtex package's __init__ names its modules and imports none of them
        and n not in ("bibconv.formats", "bibconv.formats.bibtex", SCANNER)
    ]


def test_import_bibconv_loads_no_reader_and_no_library() -> None:
    names = loaded_after("import bibconv")
    assert [n for n in names if n.startswith("bibconv")] == ["bibconv"]
    assert [n for n in names if n.split(".")[0] in HEAVY] == []


def test_the_parser_and_the_format_names_load_no_reader() -> None:
    names = loaded_after(
        "from bibconv import cli, registry\n"
        "cli.build_parser()\n"
        "registry.readable(); registry.writable(); 'ris' in registry.FORMATS"
    )
    assert "bibconv.cli" in names
    assert heavy(names) == []


def test_a_format_loads_its_own_module_only() -> None:
    names = loaded_after("import bibconv\nbibconv.loads('TY  - JOUR\\nTI  - T\\nER  - \\n')")
    assert "bibconv.formats.ris" in names
    assert heavy(names) == [
        "bibconv.formats.ris",
        "bibconv.formats.ris.dates",
        "bibconv.formats.ris.fields",
        "bibconv.formats.ris.identifiers",
        "bibconv.formats.ris.mapping",
        "bibconv.formats.ris.names",
        "bibconv.formats.ris.readback",
        "bibconv.formats.ris.reader",
        "bibconv.formats.ris.streaming",
        "bibconv.formats.ris.syntax",
        "bibconv.formats.ris.tables",
        "bibconv.formats.ris.text",
        "bibconv.formats.ris.writer",
    ]


def test_public_names_resolve_to_their_modules() -> None:
    import bibconv
    import bibconv.api
    import bibconv.lint  # the linter's package: no module shadows bibconv.check

    assert bibconv.loads is bibconv.api.loads
    assert callable(bibconv.check)
    assert bibconv.check is bibconv.lint.check
    assert set(bibconv.__all__) <= set(dir(bibconv))


def test_check_of_a_clean_file_loads_no_reader(tmp_path: Path) -> None:
    """The pre-commit case: ``bibconv check`` scans, it does not convert."""
    bib = tmp_path / "one.bib"
    bib.write_text(
        "@article{smith2020,\n  author = {Smith, John},\n  title = {A Study of Things},\n"
        "  journal = {Journal of Studies},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    names = loaded_after(f"from bibconv import cli\nassert cli.main(['check', {str(bib)!r}]) == 0")
    assert "bibconv.lint" in names
    assert heavy(names) == []
