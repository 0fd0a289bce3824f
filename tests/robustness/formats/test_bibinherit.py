"""Crossref/xdata chains in hostile shapes (issue 12; found by the complexity probes):
a chain of 1,600 crossrefs exhausted the stack, and xdata parents shared level after
level (a "diamond") took 2**levels steps. Parents are now resolved once per input and
followed at most ``DEEPEST_CHAIN`` levels."""

from __future__ import annotations

import pytest

import bibconv
from bibconv.formats.bibtex.inherit import DEEPEST_CHAIN


def _chain(n: int) -> str:
    """k0 -> k1 -> ... -> k{n}; only the last entry has a publisher."""
    entries = [f"@book{{k{i}, crossref={{k{i + 1}}}, title={{T{i}}}}}\n" for i in range(n)]
    return "".join(entries) + f"@book{{k{n}, title={{T{n}}}, publisher={{P}}}}\n"


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_a_chain_longer_than_the_stack_reads(fmt: str) -> None:
    items = bibconv.loads(_chain(1600), fmt, diagnostics=[])  # type: ignore[arg-type]
    assert len(items) == 1601
    assert items[-2]["publisher"] == "P"  # the last parent's child inherits
    assert "publisher" not in items[0]  # 1,600 levels up: past DEEPEST_CHAIN


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_a_chain_within_the_limit_inherits_all_the_way(fmt: str) -> None:
    items = bibconv.loads(_chain(DEEPEST_CHAIN), fmt, diagnostics=[])  # type: ignore[arg-type]
    assert [item.get("publisher") for item in items] == ["P"] * (DEEPEST_CHAIN + 1)


def test_xdata_diamond_inherits_from_both_sides() -> None:
    levels = 40  # 2**40 paths: finishes only if each parent is resolved once
    both = "xdata={{a{0},b{0}}}"
    text = "".join(
        f"@misc{{a{i}, {both.format(i + 1)}}}\n@misc{{b{i}, {both.format(i + 1)}}}\n"
        for i in range(levels)
    )
    text += f"@misc{{a{levels}, title={{From A}}}}\n@misc{{b{levels}, note={{From B}}}}\n"
    items = {item["id"]: item for item in bibconv.loads(text, "biblatex", diagnostics=[])}
    assert items[f"a{levels - 1}"]["title"] == "From A"
    assert items[f"a{levels - 1}"]["note"] == "From B"
    assert items[f"b{levels - DEEPEST_CHAIN}"]["title"] == "From A"


def test_a_cycle_still_ends_the_chain() -> None:
    text = "@book{a, crossref={b}, title={A}}\n@book{b, crossref={a}, publisher={P}}\n"
    items = {item["id"]: item for item in bibconv.loads(text, "bibtex", diagnostics=[])}
    assert items["a"]["publisher"] == "P"
    assert items["b"]["publisher"] == "P"
