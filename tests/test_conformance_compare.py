"""The field comparison of benchmarks/conformance.py: what counts as the same CSL value."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


def _load() -> ModuleType:
    path = Path(__file__).parent.parent / "benchmarks" / "conformance_compare.py"
    spec = importlib.util.spec_from_file_location("conformance_compare", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cc = _load()


@pytest.mark.parametrize(
    ("field", "expected", "actual"),
    [
        ("title", "Angew. Chem. Int. Ed.", "Angew.\u00a0Chem.  Int.\nEd."),
        ("title", "“Intention” und", '"Intention" und'),
        ("title", "Polluted with DDT.", 'Polluted with <span class="nocase">DDT</span>.'),
        ("collection-title", "new series", "New series"),
        ("volume", "691", 691),
        ("page", "431-456, 791-823", "431–456, 791--823"),
        ("issued", "1991-03", {"date-parts": [["1991", "3"]]}),
        ("issued", "1885/1888", {"date-parts": [[1885], [1888]]}),
        ("issued", "2006", {"raw": "2006"}),
        ("issued", {"literal": "13th Century"}, {"literal": "13th Century"}),
        ("author", ["Aksın, Özge"], [{"family": "Aksın", "given": "Özge"}]),
        ("author", ["Willighagen, E.L."], [{"family": "Willighagen", "given": "E. L."}]),
        ("author", ["Aristotle"], [{"literal": "Aristotle"}]),
        (
            "author",
            ["van Gennep, Arnold"],
            [{"family": "Gennep", "given": "Arnold", "non-dropping-particle": "van"}],
        ),
        (
            "translator",
            [{"family": "Rosmalen", "given": "Ruud", "particle": "van"}],
            [{"family": "Rosmalen", "given": "Ruud", "dropping-particle": "van"}],
        ),
        ("keyword", "Keyword1, Keyword2; Keyword3", "Keyword3,Keyword2, Keyword1"),
        ("language", "en-US", "en-us"),
        ("DOI", "10.11646/ZOOTAXA.3311.1.1", "10.11646/zootaxa.3311.1.1"),
        ("type", {"any": ["pamphlet", "book"]}, "book"),
    ],
)
def test_equal(field: str, expected: object, actual: object) -> None:
    assert cc.field_equal(field, expected, actual)


@pytest.mark.parametrize(
    ("field", "expected", "actual"),
    [
        ("title", "The True Frontier: Confronting", "The True Frontier"),
        ("title", "Effect of Pd-N", "Effect of pd-n"),  # case beyond the first letter counts
        ("title", "Anything", None),  # absent
        ("issued", "1991-03", {"date-parts": [[1991]]}),
        ("author", ["Aksın, Özge", "Ni, Chaoying"], [{"family": "Aksın", "given": "Özge"}]),
        (
            "author",
            [{"family": "Gennep", "given": "Arnold", "non-dropping-particle": "van"}],
            [{"family": "van Gennep", "given": "Arnold"}],
        ),
        (
            "author",
            [{"family": "Doe", "given": "John", "suffix": "Jr."}],
            [{"family": "Doe", "given": "John"}],
        ),
        ("keyword", "a, b, c", "a, b c"),
        ("type", "book", "chapter"),
        ("volume", "12", {"date-parts": [[12]]}),
    ],
)
def test_different(field: str, expected: object, actual: object) -> None:
    assert not cc.field_equal(field, expected, actual)
