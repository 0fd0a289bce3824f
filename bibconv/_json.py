"""JSON from untrusted text: ``json.loads`` with a bound on nesting (issue 12)."""

from __future__ import annotations

import json
from typing import Any, Final

#: Deeper than any bibliographic data (a CSL item is about 5 levels deep) and far from
#: the recursion limit, so code that walks a value recursively cannot run out of stack.
MAX_DEPTH: Final = 100


def loads(text: str) -> Any:
    """``json.loads(text)``; nesting deeper than :data:`MAX_DEPTH` raises
    :class:`json.JSONDecodeError` as a syntax error does, so one ``except`` covers both."""
    try:
        value = json.loads(text)
    except RecursionError:  # deeper than Python's own limit (about 1,000 levels)
        value = None
        too_deep = True
    else:
        too_deep = _deeper_than(value, MAX_DEPTH)
    if too_deep:
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", text, 0)
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests more than ``limit`` arrays/objects, level by level (no
    recursion, so any depth is measured)."""
    level = [value] if isinstance(value, list | dict) else []
    for _ in range(limit):
        if not level:
            return False
        below: list[Any] = []
        for container in level:
            values = container.values() if isinstance(container, dict) else container
            below.extend(v for v in values if isinstance(v, list | dict))
        level = below
    return bool(level)
