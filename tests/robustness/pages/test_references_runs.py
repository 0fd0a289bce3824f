"""Reference lists run together in one paragraph, at sizes that used to take quadratic
time (issue 12; found by the complexity probes): the cut between two references now
reads only bounded pieces of the text, with the same results on ordinary lists."""

from __future__ import annotations

import bibconv

RUN = "Smith, A. (2020) Title words here. In Proc. "


def test_run_together_references_are_still_cut_apart() -> None:
    items = bibconv.loads(RUN * 150, "references", diagnostics=[])
    assert len(items) == 150
    assert {item["title"] for item in items} == {"Title words here"}


def test_a_paragraph_longer_than_any_reference_is_cut_where_it_was() -> None:
    unit = "Smith, A. 2020. Title words here. Journal of X, 12(3), 1-10. "
    items = bibconv.loads(unit * 150, "references", diagnostics=[])  # 9,000 characters
    assert len(items) == 150
    assert items[-1]["page"] == "1-10"


def test_initials_that_never_end_a_reference_read_in_linear_time() -> None:
    """1,600 initials in a row took 32 s (every break re-read the text before it)."""
    bibconv.loads("J. Doe, " * 4000, "references", diagnostics=[])
