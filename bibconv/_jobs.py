"""``--jobs``'s default, without loading ``bibconv.parallel``: `check` and `convert` ask
for every input, and most inputs are small."""

from __future__ import annotations

import os
from typing import Final

#: Inputs this big or bigger use every core by default ("over a few MB"): below it, the
#: worker processes' start (tens of ms) is a good part of the whole run.
PARALLEL_FROM_BYTES: Final = 4 << 20


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(path: str) -> int:
    """Every core for a file of a few MB or more; one for a smaller file or stdin (``-``)."""
    try:
        size = os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 1  # the one-process read reports it
    return cores() if size >= PARALLEL_FROM_BYTES else 1
