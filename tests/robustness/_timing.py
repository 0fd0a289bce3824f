"""Time ratios for the complexity guards (issue 12): does 8x the input take ~8x the time?

A guard times one run on an input of size ``n`` and on one of size ``8n`` and compares
the two, so it says nothing about speed (benchmarks/ does that), only about how time
grows. To be steady on a loaded two-core machine: CPU time of this process, not wall
time (other processes do not count); the best of three runs; the garbage collector off
while timing; bibconv's caches emptied before each run; small runs counted as at least
:data:`FLOOR` seconds (timer noise and fixed costs would otherwise swing the ratio); and a
ratio over the bound is measured once more, with five runs each, before the guard fails.
A quadratic step at these sizes is 40-60x, far above the bound of 12x (8x, 1.5x slack).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Callable
from typing import Final

from bibconv import BibconvError

FACTOR: Final = 8
SLACK: Final = 1.5
#: A run shorter than this is timed as this long (sizes are chosen for runs of 5-200 ms;
#: a quadratic step still shows: a 1 ms run grows to 64 ms, 16x the floor).
FLOOR: Final = 0.004


def cpu_seconds(run: Callable[[str], object], data: str, repeats: int) -> float:
    """The best CPU time of ``repeats`` runs of ``run(data)`` (a BibconvError is a result)."""
    best = float("inf")
    for _ in range(repeats):
        _clear_caches()
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            with contextlib.suppress(BibconvError):
                run(data)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def _clear_caches() -> None:
    """Empty bibconv's ``lru_cache``s: a repeat run must not find its input's pieces cached
    (a small input fits in a cache that a large one overflows, which would skew the ratio)."""
    for name, module in list(sys.modules.items()):
        if name == "bibconv" or name.startswith("bibconv."):
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def growth(run: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How many times longer ``run`` takes on ``make(8n)`` than on ``make(n)``; over the
    bound at both of two looks (best of 3 runs, then of 5) to count."""
    small, large = make(n), make(FACTOR * n)
    ratio = 0.0
    for repeats in (3, 5):
        ratio = cpu_seconds(run, large, repeats) / max(cpu_seconds(run, small, repeats), FLOOR)
        if ratio <= FACTOR * SLACK:
            return ratio
    return ratio


def assert_linear(run: Callable[[str], object], make: Callable[[int], str], n: int) -> None:
    ratio = growth(run, make, n)
    assert ratio <= FACTOR * SLACK, (
        f"{FACTOR}x the input took {ratio:.1f}x as long (bound {FACTOR * SLACK:.0f}x): super-linear"
    )
