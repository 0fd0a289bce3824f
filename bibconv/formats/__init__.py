"""One module per bibliographic file format; each exposes ``read``, ``write`` and ``FORMAT``.

``split_ranges`` (from ``_split``) cuts a big file into byte ranges of whole entries, for
reading it in pieces (streaming, ``--jobs``, Dask partitions).
"""

from bibconv.formats._split import Chunk, Split, read_json_chunk, split_ranges

__all__ = ["Chunk", "Split", "read_json_chunk", "split_ranges"]
