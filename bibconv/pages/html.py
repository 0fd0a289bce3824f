"""HTML pages -> CSL-JSON (scaffold: being written)."""

from __future__ import annotations

from typing import Final

from bibconv.protocols import Format, Parsed, ReadOptions

NAME: Final = "html"


def read(text: str, options: ReadOptions) -> Parsed:
    raise NotImplementedError


FORMAT: Final = Format(NAME, (".html", ".htm"), read=read)
