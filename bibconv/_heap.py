"""The C heap of a long streaming run: big blocks get pages of their own (glibc only).

glibc's ``malloc`` serves a block of 128 KB or more with pages of its own, given back to
the OS when the block is freed, until such a block is freed: then it raises that
threshold to the block's size, and later blocks that size come from the heap, whose
freed space it keeps. Reading a file piece by piece allocates and frees a few such blocks
per megabyte (each piece's bytes and text), and under the raised threshold the heap grew
with the input: decoding a 186 MB file a megabyte at a time ended at 141 MB resident,
against 6 MB with the threshold fixed (docs/performance.md). Fixing it (``mallopt``,
which also turns the raising off) keeps a streamed run's memory flat; elsewhere (another
C library, no ``mallopt``) nothing changes.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Final

#: ``M_MMAP_THRESHOLD`` in glibc's ``malloc.h``, and its default value.
_M_MMAP_THRESHOLD: Final = -3
_THRESHOLD: Final = 128 << 10

_done = False


def keep_big_blocks_apart() -> None:
    """Fix glibc's mmap threshold at its default (once per process; a no-op elsewhere)."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return
    _done = True
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    mallopt(_M_MMAP_THRESHOLD, _THRESHOLD)


__all__ = ["keep_big_blocks_apart"]
