"""The head of a reference (authors, year, title) when a given-name-first list ends in
"et al." (references/head.py). The first case is the issue's own example of a numbered
list pasted on stdin; expectations by hand."""

from __future__ import annotations

import pytest

from bibconv.references.parse import parse_reference

_OTHERS = {"literal": "others"}


@pytest.mark.parametrize(
    ("printed", "families", "title", "container"),
    [
        ("A. Vaswani, N. Shazeer, N. Parmar, et al. Attention is all you need. In NeurIPS,"
         " 2017.", ["Vaswani", "Shazeer", "Parmar"], "Attention is all you need", "NeurIPS"),
        ("T. M. Cover, J. A. Thomas, et al., Elements of Information Theory, 2nd ed. New York:"
         " Wiley, 2006.", ["Cover", "Thomas"], "Elements of Information Theory", None),
    ],
)  # fmt: skip
def test_et_al_ends_a_given_first_list_and_is_no_title(
    printed: str, families: list[str], title: str, container: str | None
) -> None:
    item = parse_reference(printed).item
    authors = item.get("author", [])
    assert [name.get("family") for name in authors[:-1]] == families
    assert authors[-1] == _OTHERS
    assert item.get("title") == title
    assert item.get("container-title") == container
