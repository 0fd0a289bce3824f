"""Research-profile sites: kind+year+venue lines, no authors, the owner in custom."""

from __future__ import annotations

from bibconv.pages import research_profile
from bibconv.pages._text import split_lines


def _parse(text: str):
    return research_profile.parse(split_lines(text), source="p.txt", year=2026)


def test_kinds_venues_and_owner():
    page = "\n\n".join(
        [
            "Researcher profile",
            "Ana Marasović",
            "Published work",
            "preprint2026arXiv",
            "A Preprint Title",
            "journal-article2021Transactions of the Association for Computational Linguistics",
            "A Journal Title",
            "conference2019",
            "A Conference Title",
            "article2018Nature",
            "An Article Title",
        ]
    )
    parsed = _parse(page)
    assert [(i["type"], i.get("container-title"), i["issued"]) for i in parsed.items] == [
        ("article", "arXiv", {"date-parts": [[2026]]}),
        (
            "article-journal",
            "Transactions of the Association for Computational Linguistics",
            {"date-parts": [[2021]]},
        ),
        ("paper-conference", None, {"date-parts": [[2019]]}),
        ("article-journal", "Nature", {"date-parts": [[2018]]}),
    ]
    assert all(i["custom"] == {"profile_owner": "Ana Marasović"} for i in parsed.items)
    assert all("author" not in i for i in parsed.items)


def test_no_owner_no_custom():
    (item,) = _parse("preprint2020arXiv\nTitle\n").items
    assert "custom" not in item


def test_meta_line_without_title_is_reported():
    parsed = _parse("preprint2020arXiv\n\npreprint2021arXiv\nTitle")
    assert len(parsed.items) == 1
    assert [d.code for d in parsed.diagnostics] == ["page.no-title"]


def test_meta_line_with_separators_kept():
    (item,) = _parse("preprint · 2024 · arXiv\nA Title\n").items
    assert (item["container-title"], item["issued"]) == ("arXiv", {"date-parts": [[2024]]})


def test_short_link_paragraph_after_the_abstract_stays_with_it():
    parsed = _parse(
        "Researcher profile\nAnn Lee\n"
        "preprint2024arXiv\nA Title\n"
        "The abstract opens with a sentence of some length. It goes on.\n"
        "Data: https://hf.co/datasets/ann/set\n"
        "conference2023ACL\nNext Title\n"
    )
    first, second = parsed.items
    assert first["URL"] == "https://hf.co/datasets/ann/set"
    assert first["abstract"].endswith("It goes on. Data: https://hf.co/datasets/ann/set")
    assert second["title"] == "Next Title"
    assert not parsed.diagnostics
