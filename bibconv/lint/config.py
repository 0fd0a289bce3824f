"""The linter's options: `CheckOptions` and the `[tool.bibconv.check]` table they are read
from.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from bibconv.diagnostics import BibconvError
from bibconv.lint.findings import Settings
from bibconv.lint.registry import Selection, UnknownRuleError, check_patterns

# ----------------------------------------------------------------------------- options


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Which rules run and how; ``[tool.bibconv]`` in pyproject.toml fills the same fields."""

    select: tuple[str, ...] | None = None  # None: the rules that are on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: Entry type -> required fields; each requirement is a tuple of alternatives.
    required: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    key_pattern: str | None = None
    data_model: str = "auto"  # "bibtex" | "biblatex" | "auto"
    this_year: int | None = None  # for implausible years; default: today's year

    def selection(self) -> Selection:
        return Selection(self.select, self.extend_select, self.ignore)

    def settings(self, *, fixing: bool = False) -> Settings:
        """The rules' settings; ``fixing`` adds the formatting rules --fix applies."""
        year = self.this_year or datetime.date.today().year
        pattern = re.compile(self.key_pattern) if self.key_pattern else None
        selection = self.selection()
        enabled = selection.fix_enabled() if fixing else selection.enabled()
        return Settings(enabled, year, self.required, pattern, self.data_model)


class ConfigError(BibconvError, ValueError):
    """A ``[tool.bibconv]`` table or option that cannot be used (a usage error)."""


_CONFIG_KEYS: Final = frozenset(
    [
        "select",
        "extend-select",
        "ignore",
        "required-fields",
        "key-pattern",
        "data-model",
        "legacy-8bit",
    ]
)


def options_from_config(table: Mapping[str, Any], source: str) -> CheckOptions:
    """CheckOptions from a ``[tool.bibconv]`` table (keys as in docs/check.md)."""
    unknown = sorted(set(table) - _CONFIG_KEYS - {"check"})
    if unknown:
        raise ConfigError(f"{source}: unknown [tool.bibconv] key(s) {', '.join(unknown)}")

    def codes(name: str) -> tuple[str, ...]:
        raw = table.get(name, [])
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            raise ConfigError(f"{source}: [tool.bibconv] {name} must be a list of rule codes")
        return tuple(raw)

    required: dict[str, tuple[tuple[str, ...], ...]] = {}
    raw_required = table.get("required-fields", {})
    if not isinstance(raw_required, dict):
        raise ConfigError(f"{source}: [tool.bibconv] required-fields must be a table")
    for entry_type, names in raw_required.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(
                f"{source}: required-fields.{entry_type} must be a list like "
                '["author|editor", "title"]'
            )
        required[entry_type.lower()] = tuple(tuple(n.lower().split("|")) for n in names)
    pattern = table.get("key-pattern")
    if pattern is not None:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ConfigError(f"{source}: key-pattern {pattern!r} is not a regex: {exc}") from exc
    model = str(table.get("data-model", "auto"))
    if model not in ("auto", "bibtex", "biblatex"):
        raise ConfigError(f"{source}: data-model must be auto, bibtex or biblatex")
    extend = codes("extend-select")
    if table.get("legacy-8bit"):
        extend = (*extend, "bib.non-ascii")
    try:
        for name in ("select", "extend-select", "ignore"):
            check_patterns(codes(name))
    except UnknownRuleError as exc:
        raise ConfigError(f"{source}: {exc}") from exc
    return CheckOptions(
        select=codes("select") if "select" in table else None,
        extend_select=extend,
        ignore=codes("ignore"),
        required=required,
        key_pattern=str(pattern) if pattern is not None else None,
        data_model=model,
    )
