"""The golden cases: each tests/golden/<case>/ runs through the real CLI in-process.

A case holds ``input.*`` (or ``case.toml`` naming ``input``), one or more ``expected.<ext>``
outputs, optionally ``expected.stderr`` (or ``expected.<ext>.stderr``) and ``case.toml``
with ``command``, ``args``, ``input``, ``exit`` and ``xfail``. Defaults: command
``convert``, ``--to`` from the expected file's extension. A case with no expected output
fails, so an empty directory is noticed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bibconv import cli

GOLDEN = Path(__file__).parent / "golden"
_TO_FORMAT = {
    ".json": "csljson",
    ".bib": "bibtex",
    ".ris": "ris",
    ".biblatex": "biblatex",
    ".yaml": "cslyaml",
    ".enw": "refer",
    ".mods": "mods",
    ".bibjson": "bibjson",
    ".nbib": "nbib",
    ".cff": "cff",
}
_NOT_OUTPUTS = {".stderr", ".toml"}


@dataclass(frozen=True)
class GoldenRun:
    case: Path
    expected: Path | None  # None: the case has no expected output (a failure)
    config: dict[str, Any]

    @property
    def id(self) -> str:
        suffix = self.expected.name.removeprefix("expected") if self.expected else "-"
        return f"{self.case.name}{suffix}"


def _expected_outputs(case: Path) -> list[Path]:
    return sorted(
        p
        for p in case.glob("expected.*")
        if p.suffix not in _NOT_OUTPUTS and not p.name.endswith(".stderr")
    )


def _runs() -> list[GoldenRun]:
    runs: list[GoldenRun] = []
    for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        toml = case / "case.toml"
        config = tomllib.loads(toml.read_text(encoding="utf-8")) if toml.exists() else {}
        outputs = _expected_outputs(case)
        if not outputs and (case / "expected.stderr").exists():
            outputs = [case / "expected.stderr"]  # error cases: stderr is the output
        if not outputs:
            runs.append(GoldenRun(case, None, config))
        runs.extend(GoldenRun(case, out, config) for out in outputs)
    return runs


def _input_name(run: GoldenRun) -> str:
    if "input" in run.config:
        return str(run.config["input"])
    inputs = sorted(p.name for p in run.case.glob("input.*"))
    assert inputs, f"{run.case.name}: no input.* file and no 'input' in case.toml"
    return inputs[0]


def _argv(run: GoldenRun) -> list[str]:
    command = str(run.config.get("command", "convert"))
    args = [str(a) for a in run.config.get("args", [])]
    inputs = [str(i) for i in run.config.get("inputs", [])] or [_input_name(run)]
    argv = [command, *inputs, *args]
    assert run.expected is not None
    if command == "convert" and not {"-t", "--to"} & set(args):
        to = _TO_FORMAT.get(run.expected.suffix)
        if to:
            argv += ["-t", to]
    return argv


def _params() -> list[Any]:
    params = []
    for run in _runs():
        marks = []
        if "xfail" in run.config:
            marks.append(pytest.mark.xfail(strict=True, reason=str(run.config["xfail"])))
        params.append(pytest.param(run, id=run.id, marks=marks))
    return params


def _stderr_file(run: GoldenRun) -> Path:
    assert run.expected is not None
    specific = run.case / f"{run.expected.name}.stderr"
    return specific if specific.exists() else run.case / "expected.stderr"


@pytest.mark.parametrize("run", _params())
def test_golden(
    run: GoldenRun,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_goldens: bool,
) -> None:
    assert run.expected is not None, f"{run.case.name}: no expected.* file (no test defined)"
    monkeypatch.chdir(run.case)
    code = cli.main(_argv(run))
    out, err = capsys.readouterr()
    stderr_file = _stderr_file(run)
    is_error_case = run.expected.name == "expected.stderr"
    if update_goldens:
        if not is_error_case:
            run.expected.write_text(out, encoding="utf-8", newline="")
        if err or stderr_file.exists():
            stderr_file.write_text(err, encoding="utf-8", newline="")
        pytest.fail("updated: review `git diff tests/golden` against the inputs")
    if is_error_case:
        assert out == "", "a case with only expected.stderr must write nothing to stdout"
    else:
        assert out == run.expected.read_text(encoding="utf-8")
    expected_err = stderr_file.read_text(encoding="utf-8") if stderr_file.exists() else ""
    assert err == expected_err
    assert code == int(run.config.get("exit", 0))
