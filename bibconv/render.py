"""Formatted bibliographies through citeproc-py (scaffold: being written)."""

from __future__ import annotations

from collections.abc import Sequence

from bibconv.diagnostics import Diagnostic
from bibconv.model import CslItem


def format_bibliography(
    items: Sequence[CslItem],
    style: str = "apa",
    output: str = "text",
    locale: str = "en-US",
    *,
    diagnostics: list[Diagnostic] | None = None,
) -> str:
    raise NotImplementedError


def format_citations(items: Sequence[CslItem], keys: Sequence[str], style: str = "apa") -> str:
    raise NotImplementedError


def list_styles(query: str | None = None) -> list[str]:
    raise NotImplementedError
