"""Loose web-page text -> CSL-JSON (scaffold: being written)."""

from __future__ import annotations

from types import ModuleType
from typing import Final

from bibconv.protocols import Format, Parsed, ReadOptions

NAME: Final = "text"
LAYOUTS: Final[tuple[ModuleType, ...]] = ()


def read(text: str, options: ReadOptions) -> Parsed:
    raise NotImplementedError


FORMAT: Final = Format(NAME, (".txt",), read=read)
