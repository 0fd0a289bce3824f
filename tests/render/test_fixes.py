"""Each repair in bibconv.render.fixes on its own."""

from __future__ import annotations

import pytest

from bibconv.render import fixes
from bibconv.render.markup import OTHERS_MARK

AND = frozenset({"&", "and"})


@pytest.mark.parametrize(
    ("rendered", "expected"),
    [
        (f"Lee, K., Park, J., & {OTHERS_MARK}. (2024)", "Lee, K., Park, J., et al.. (2024)"),
        (f"K. Lee, J. Park, and {OTHERS_MARK}, “T,”", "K. Lee, J. Park, et al., “T,”"),
        (f"Lee and {OTHERS_MARK} 2024", "Lee et al. 2024"),
        (f"Lee K, Park J, {OTHERS_MARK}. T", "Lee K, Park J, et al.. T"),
        (f"Lee, <i>{OTHERS_MARK}</i>", "Lee, et al."),
    ],
)
def test_others_to_et_al(rendered, expected):
    assert fixes.others_to_et_al(rendered, "et al.", AND) == expected


def test_punctuation_inside_quotes():
    assert fixes.punctuation_inside_quotes("“Title”, Journal") == "“Title,” Journal"
    assert fixes.punctuation_inside_quotes("“On ‘Ants’”, J") == "“On ‘Ants,’” J"
    assert fixes.punctuation_inside_quotes("“Title”.") == "“Title.”"


def test_collapse_doubled_punctuation():
    assert fixes.collapse_doubled_punctuation("What is replication?. OSF") == (
        "What is replication? OSF"
    )
    assert fixes.collapse_doubled_punctuation("Lee et al.. (2024)") == "Lee et al. (2024)"
    assert (
        fixes.collapse_doubled_punctuation("Wang et al. Reply:. Phys") == "Wang et al. Reply: Phys"
    )
    assert fixes.collapse_doubled_punctuation("Wait...") == "Wait..."
    assert fixes.collapse_doubled_punctuation("Bibliography, 1999. . Oxford") == (
        "Bibliography, 1999. Oxford"
    )


def test_empty_variable_artifacts():
    assert fixes.remove_empty_variable_artifacts("Title (), 2020.") == "Title, 2020."
    assert fixes.remove_empty_variable_artifacts("A  B [].") == "A B."
    # a space before punctuation in the data is kept ("Versum : Audiovisual")
    assert fixes.remove_empty_variable_artifacts("Versum : A") == "Versum : A"


@pytest.mark.parametrize("label", ["[1]", "(1)", "1."])
def test_space_after_label(label):
    assert fixes.space_after_label(f"{label}Wang") == f"{label} Wang"
    assert fixes.space_after_label(f"{label} Wang") == f"{label} Wang"


def test_typographic_apostrophes():
    assert fixes.typographic_apostrophes("O'Connor, JCDL '20") == "O’Connor, JCDL ’20"


def test_preprint_server_moves_to_publisher():
    fixed = fixes.preprint_server_as_publisher(
        {"id": "x", "type": "article", "container-title": "arXiv", "number": "2401.01234"}
    )
    assert fixed == {"id": "x", "type": "article", "publisher": "arXiv",
                     "number": "arXiv:2401.01234"}  # fmt: skip
    journal = {"id": "y", "type": "article-journal", "container-title": "arXiv"}
    assert fixes.preprint_server_as_publisher(journal) is journal  # type: ignore[arg-type]
