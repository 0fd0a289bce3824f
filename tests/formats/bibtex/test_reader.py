"""formats/bibtex/reader.py: what the writers' round trips found (issue 12)."""

from __future__ import annotations

import bibconv


def test_ascii_escapes_are_not_taken_for_case_protection() -> None:
    # As --ascii writes '½AA': the escape's braces are no protection a title needs kept raw.
    [item] = bibconv.loads('@article{k, title = {{\\char"00BD}{AA}}}', "bibtex")
    assert item == {"id": "k", "type": "article-journal", "title": "½AA"}
    [item] = bibconv.loads('@article{k, title = {{\\"u}ber {AA}}}', "bibtex")
    assert item == {"id": "k", "type": "article-journal", "title": "über AA"}


def test_protection_the_writer_would_not_give_is_kept_raw() -> None:
    [item] = bibconv.loads("@article{k, title = {{A} Title}}", "bibtex")
    assert item["custom"] == {"bibtex_raw": {"title": "{A} Title"}}
