"""`bibconv check`: the .bib linter (scaffold: being written)."""

from __future__ import annotations

import argparse

from bibconv.diagnostics import Diagnostic


def check(text: str, path: str = "<string>") -> list[Diagnostic]:
    raise NotImplementedError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+")


def run_check(args: argparse.Namespace, diagnostics: list[Diagnostic]) -> int:
    raise NotImplementedError
