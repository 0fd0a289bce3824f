"""What a rule reports: `Finding` (code, message, offset, key, safe `Edit`s) and the `Settings`
a run gives the rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where it is (an offset), which entry, and the safe repair if any."""

    code: str
    message: str
    offset: int
    key: str | None = None
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """What the rules may be told: which run, the data model, the year "now" is."""

    enabled: frozenset[str]
    this_year: int
    required: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    key_pattern: re.Pattern[str] | None = None
    data_model: str = "auto"  # "bibtex", "biblatex" or "auto" (biblatex if the file uses it)
