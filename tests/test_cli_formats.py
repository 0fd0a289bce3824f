"""``bibconv formats`` (the format table) and ``bibconv --version``."""

from __future__ import annotations

import pytest

import bibconv
from tests.conftest import run_cli as run


def test_formats_lists_every_reader_and_writer_with_its_extensions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["formats"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "EXTENSIONS", "READ", "WRITE", "DESCRIPTION"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows["bibtex"][:4] == [".bib", ".bibtex", "yes", "yes"]
    assert rows["cslyaml"][:4] == [".yaml", ".yml", "yes", "yes"]
    assert rows["html"][:5] == [".html", ".htm", ".xhtml", "yes", "no"]
    assert rows["biblatex"][:3] == ["-", "yes", "yes"]
    assert rows["references"][:3] == ["-", "yes", "no"]
    assert len(rows) == len(bibconv.registry.FORMATS)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--version"], capsys)
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"bibconv {bibconv.__version__}\n"
