"""arXiv-style profiles: category + date lines, author lists, organisations."""

from __future__ import annotations

import pytest

from bibconv import loads
from bibconv.model import OTHERS
from bibconv.pages import arxiv_profile
from bibconv.pages._text import split_lines


def _parse(text: str, year: int = 2026):
    return arxiv_profile.parse(split_lines(text), source="p.txt", year=year)


@pytest.mark.parametrize(
    ("code", "category"),
    [("CL", "cs.CL"), ("LG", "cs.LG"), ("ML", "stat.ML"), ("AS", "eess.AS"), ("cs.IR", "cs.IR")],
)
def test_arxiv_category(code, category):
    assert arxiv_category(code) == category


def arxiv_category(code: str) -> str:
    return arxiv_profile.arxiv_category(code)


def test_meta_line_variants():
    page = "\n".join(
        [
            "LGJun 2Code",
            "A Title",
            "Ann Lee, Bo Chen et al. · some-lab",
            "CVMay 22, 2022",
            "Another Title: With a Colon?",
            "Zoë Dupont-Martin",
            "Abstract sentence one is here. Abstract sentence two follows it.",
        ]
    )
    parsed = _parse(page, year=2025)
    first, second = parsed.items
    assert first["issued"] == {"date-parts": [[2025, 6, 2]]}
    assert first["author"] == [
        {"family": "Lee", "given": "Ann"},
        {"family": "Chen", "given": "Bo"},
        OTHERS,
    ]
    assert first["custom"] == {"arxiv_category": "cs.LG", "organization": "some-lab"}
    assert "abstract" not in first
    assert second["author"] == [{"family": "Dupont-Martin", "given": "Zoë"}]
    assert second["issued"] == {"date-parts": [[2022, 5, 22]]}
    assert second["container-title"] == "arXiv"
    assert second["type"] == "article"
    assert not parsed.diagnostics


def test_missing_author_line_is_reported_and_not_invented():
    parsed = _parse(
        "CLJan 3, 2024\nA Title\nThis abstract has many words and it starts right away. Yes."
    )
    (item,) = parsed.items
    assert "author" not in item
    assert item["abstract"].startswith("This abstract")
    assert [d.code for d in parsed.diagnostics] == ["page.no-authors"]


def test_library_call_uses_the_current_year_by_default():
    import datetime

    items = loads("CLJun 2Code\nT\nAnn Lee, Bo Chen\n", format="arxiv-profile")
    assert items[0]["issued"] == {"date-parts": [[datetime.date.today().year, 6, 2]]}
    items = loads("CLJun 2Code\nT\nAnn Lee, Bo Chen\n", format="arxiv-profile", year=2020)
    assert items[0]["issued"] == {"date-parts": [[2020, 6, 2]]}


def test_detect_wants_more_than_one_lone_meta_line():
    from bibconv.pages import THRESHOLD

    assert arxiv_profile.detect(split_lines("CLJun 2\nHello\nWorld\n")).score < THRESHOLD
    two = "CLJun 2\nHello\nAnn Lee\nCLJun 3\nHi\nBo Chen, Cy Dee"
    assert arxiv_profile.detect(split_lines(two)).score >= THRESHOLD
    assert arxiv_profile.detect(split_lines("Hello\nWorld")).score == 0


def test_archive_without_subject_class_and_chrome_after_the_last_paper():
    parsed = _parse("quant-phJun 2, 2020Code\nA Title\nAnn Lee, Bo Chen\nLoad more\n")
    (item,) = parsed.items
    assert item["custom"] == {"arxiv_category": "quant-ph"}
    assert "abstract" not in item
    assert [d.code for d in parsed.diagnostics] == ["page.skipped-line"]


def test_paper_line_copied_onto_separate_lines():
    page = "Ann Lee\n\nCL\n\nh-index3\n\nCL\nJun 28, 2022\nCode\nA Title\n\nAnn Lee, Bo Chen\n\n"
    page += "LG\nMar 3\nB Title\n\nAnn Lee\n"
    assert arxiv_profile.detect(split_lines(page)).score >= 0.5
    parsed = _parse(page)
    assert [(i["title"], i["issued"], i["custom"]) for i in parsed.items] == [
        ("A Title", {"date-parts": [[2022, 6, 28]]}, {"arxiv_category": "cs.CL"}),
        ("B Title", {"date-parts": [[2026, 3, 3]]}, {"arxiv_category": "cs.LG"}),
    ]
    assert not parsed.diagnostics


def test_paper_line_with_its_separators_kept():
    parsed = _parse("CL · Jun 28, 2022 · Code\nA Title\nAnn Lee, Bo Chen\n")
    (item,) = parsed.items
    assert item["issued"] == {"date-parts": [[2022, 6, 28]]}
    assert item["custom"] == {"arxiv_category": "cs.CL"}


def test_team_names_in_the_author_line():
    parsed = _parse("CLJul 31, 2024\nThe Llama 3 Herd of Models\nLlama Team, AI @ Meta et al.\n")
    (item,) = parsed.items
    assert item["author"][0] == {"family": "Team", "given": "Llama"}
    assert item["author"][-1] == {"literal": "others"}
    assert not parsed.diagnostics


def test_short_link_paragraph_after_the_abstract_stays_with_it():
    # A paper runs to the next paper line: a short "Code: https://..." paragraph is the
    # abstract's last one, not a skipped line (its URL is the item's code link).
    parsed = _parse(
        "CLJan 3, 2024\nA Title\nAnn Lee\n"
        "The abstract opens with a sentence of some length. It goes on.\n"
        "Code: https://github.com/ann/tool.\n"
        "CLJan 4, 2024\nNext Title\nBo Chen\n"
    )
    first, second = parsed.items
    assert first["URL"] == "https://github.com/ann/tool"
    assert first["abstract"].endswith("It goes on. Code: https://github.com/ann/tool.")
    assert second["title"] == "Next Title"
    assert not parsed.diagnostics


def test_site_footer_is_neither_an_abstract_nor_its_continuation():
    parsed = _parse(
        "CLJan 3, 2024\nA Title\nAnn Lee\n"
        "The abstract opens with a sentence of some length. It goes on.\n"
        "© 2026 Example Inc. All rights reserved. Use of this site is subject to our terms.\n"
        "CLJan 4, 2024\nNext Title\nBo Chen\n"
        "© 2026 Example Inc. All rights reserved. Use of this site is subject to our terms.\n"
    )
    first, second = parsed.items
    assert first["abstract"].endswith("It goes on.")
    assert "abstract" not in second
    assert [d.code for d in parsed.diagnostics] == ["page.skipped-line"] * 2
