"""RIS (scaffold: being written)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from bibconv.model import CslItem
from bibconv.protocols import Format, Parsed, ReadOptions, WriteOptions, Written

NAME: Final = "ris"


def read(text: str, options: ReadOptions) -> Parsed:
    raise NotImplementedError


def write(items: Sequence[CslItem], options: WriteOptions) -> Written:
    raise NotImplementedError


FORMAT: Final = Format(NAME, (".ris",), read=read, write=write)
