"""glibc's mmap threshold fixed for a streamed run (bibconv/_heap.py)."""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import pytest

from bibconv import _heap


class FakeMallopt:
    """Stands for ctypes' foreign function: records its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.argtypes: object = None
        self.restype: object = None

    def __call__(self, option: int, value: int) -> int:
        self.calls.append((option, value))
        return 1


class FakeLibc:
    def __init__(self) -> None:
        self.mallopt = FakeMallopt()


def test_the_threshold_is_fixed_once_at_glibcs_default(monkeypatch: pytest.MonkeyPatch) -> None:
    libc = FakeLibc()
    monkeypatch.setattr(_heap, "_done", False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    _heap.keep_big_blocks_apart()
    _heap.keep_big_blocks_apart()
    assert libc.mallopt.calls == [(-3, 128 * 1024)]  # M_MMAP_THRESHOLD, once


def test_without_mallopt_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_glibc(name: Any) -> Any:
        raise OSError("no such library")

    monkeypatch.setattr(_heap, "_done", False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", no_glibc)
    _heap.keep_big_blocks_apart()  # no error
