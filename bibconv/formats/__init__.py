"""One module per bibliographic file format; each exposes ``read``, ``write`` and ``FORMAT``.

``split_ranges`` (from ``_split``) cuts a big file into byte ranges of whole entries, for
reading it in pieces (streaming, ``--jobs``, Dask partitions). It is imported on first
use (PEP 562), so importing one format loads no other module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bibconv.formats._split import Chunk, Split, read_json_chunk, split_ranges

__all__ = ["Chunk", "Split", "read_json_chunk", "split_ranges"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bibconv.formats import _split

        return getattr(_split, name)
    raise AttributeError(f"module 'bibconv.formats' has no attribute {name!r}")
