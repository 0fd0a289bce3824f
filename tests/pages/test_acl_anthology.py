"""ACL Anthology author pages: the paper grammar on small hand-made pages."""

from __future__ import annotations

from bibconv.model import CslItem
from bibconv.pages import acl_anthology
from bibconv.pages._text import split_lines


def _parse(text: str):
    return acl_anthology.parse(split_lines(text), source="p.txt", year=2026)


def _summary(item: CslItem) -> tuple[object, ...]:
    authors = [n.get("family") for n in item.get("author", [])]
    return (item["title"], authors, item.get("container-title"), item["type"])


def test_papers_without_labels_abstracts_or_venues():
    page = "\n".join(
        [
            "2021",
            "Probing Classifiers: Promises, Shortcomings, and Advances",
            "Yonatan Belinkov",
            "Computational Linguistics, Volume 48, Issue 1 - March 2022",
            "Findings of the 2020 Conference on Machine Translation (WMT20)",  # a title!
            "Loïc Barrault",
            "|",
            "Magdalena Biesialska",
            "Proceedings of the Fifth Conference on Machine Translation",
            "Attention is not not Explanation",
            "Sarah Wiegreffe",
            "|",
            "Yuval Pinter",
            "Bleu: a Method for Automatic Evaluation of Machine Translation",
            "Kishore Papineni",
            "|",
            "Salim Roukos",
            "SIGDIAL 2021",
            "A short abstract that says what the paper does, in one sentence of many words.",
        ]
    )
    parsed = _parse(page)
    assert [_summary(i) for i in parsed.items] == [
        (
            "Probing Classifiers: Promises, Shortcomings, and Advances",
            ["Belinkov"],
            "Computational Linguistics, Volume 48, Issue 1 - March 2022",
            "article-journal",
        ),
        (
            "Findings of the 2020 Conference on Machine Translation (WMT20)",
            ["Barrault", "Biesialska"],
            "Proceedings of the Fifth Conference on Machine Translation",
            "paper-conference",
        ),
        ("Attention is not not Explanation", ["Wiegreffe", "Pinter"], None, "article"),
        (
            "Bleu: a Method for Automatic Evaluation of Machine Translation",
            ["Papineni", "Roukos"],
            "SIGDIAL 2021",
            "article",
        ),
    ]
    assert all(i["issued"] == {"date-parts": [[2021]]} for i in parsed.items)
    assert "abstract" in parsed.items[3]
    assert [d.code for d in parsed.diagnostics] == ["page.no-venue"]
    assert str(parsed.diagnostics[0].location) == "p.txt:10:1"


def test_owner_chrome_is_silent_but_stray_lines_later_are_reported():
    page = "Jane Doe\nAlso published as: J. Doe\n2020\npdf\nA Title\nJane Doe\n|\nJohn Roe\n"
    page += "Proceedings of the 1st Workshop on Things\n|\n2019\nStray words here"
    parsed = _parse(page)
    assert len(parsed.items) == 1
    assert [(d.code, d.location.line if d.location else 0) for d in parsed.diagnostics] == [
        ("page.skipped-line", 10),
        ("page.skipped-line", 12),
    ]


def test_year_falls_back_to_the_venue_and_is_reported_when_missing():
    parsed = _parse("A Title\nAnn Lee\n|\nBo Chen\nFindings of the Association for "
                    "Computational Linguistics: EMNLP 2023\nAnother Title\nAnn Lee\n|\nBo Chen\n"
                    "Proceedings of the Workshop on Stuff")  # fmt: skip
    assert parsed.items[0]["issued"] == {"date-parts": [[2023]]}
    assert "issued" not in parsed.items[1]
    assert [d.code for d in parsed.diagnostics] == ["page.no-year"]


def test_urls_first_in_url_rest_in_custom():
    page = (
        "2024\nT\nA B\n|\nC D\nProceedings of X\n"
        "See https://a.org/x. Data at https://b.org/y, and https://a.org/x again."
    )
    (item,) = _parse(page).items
    assert item["URL"] == "https://a.org/x"
    assert item["custom"] == {"urls": ["https://b.org/y"]}


def test_detect_needs_pipes_or_venues_after_names():
    assert acl_anthology.detect(split_lines("2024\nTitle\nAnn Lee\n|\nBo Chen\n")).score >= 0.35
    assert acl_anthology.detect(split_lines("some | text\n|\n")).score == 0


def test_sidebar_chrome_after_a_last_paper_without_abstract_is_no_abstract():
    page = "2020\nA Title\nAnn Lee\n|\nBo Chen\nProceedings of the Workshop on Things\nLoad more"
    parsed = _parse(page)
    (item,) = parsed.items
    assert "abstract" not in item
    assert [d.code for d in parsed.diagnostics] == ["page.skipped-line"]


def test_author_list_copied_onto_one_line():
    page = (
        "2019\npdf\nbib\nSentence-BERT: Sentence Embeddings using Siamese BERT-Networks\n"
        "Nils Reimers | Iryna Gurevych\nProceedings of EMNLP-IJCNLP 2019\n"
        "What Does BERT Look at? An Analysis of BERT’s Attention\n"
        "Kevin Clark|Urvashi Khandelwal|Omer Levy|Christopher D. Manning\n"
        "Proceedings of the 2019 ACL Workshop BlackboxNLP\n"
    )
    assert acl_anthology.detect(split_lines(page)).score >= 0.5
    parsed = _parse(page)
    assert [[n["family"] for n in i["author"]] for i in parsed.items] == [
        ["Reimers", "Gurevych"],
        ["Clark", "Khandelwal", "Levy", "Manning"],
    ]
    assert not parsed.diagnostics


def test_a_short_link_line_ends_the_abstract():
    page = (
        "2024\nA Title\nAnn Lee\n|\nBo Chen\nProceedings of X\n"
        "We do a thing and it works well on all the benchmarks we tried.\n"
        "Code: https://github.com/a/b\nB Title\nCy Dee\n|\nDi Eff\nProceedings of Y"
    )
    first, second = _parse(page).items
    assert first["URL"] == "https://github.com/a/b"
    assert first["abstract"].endswith("tried. Code: https://github.com/a/b")
    assert second["title"] == "B Title"


def test_labels_copied_onto_one_line():
    page = "2020\npdf bib abs\nA Title\nAnn Lee\n|\nBo Chen\nProceedings of X\npdf bib\nB Title\n"
    page += "Cy Dee\n|\nDi Eff\nProceedings of Y"
    parsed = _parse(page)
    assert [i["title"] for i in parsed.items] == ["A Title", "B Title"]
    assert not parsed.diagnostics


def test_sidebar_lists_after_the_papers_are_silent_chrome():
    page = "2020\nA Title\nAnn Lee\n|\nBo Chen\nProceedings of X\nCo-authors\nBo Chen\n1\n"
    page += "show all...\nVenues\nacl\n1\nFix data"
    parsed = _parse(page)
    assert [i["title"] for i in parsed.items] == ["A Title"]
    assert "abstract" not in parsed.items[0]
    assert not parsed.diagnostics


def test_a_line_without_letters_never_opens_a_paper():
    # "Also published as:" links copied one per line leave a lone ","; with a name after
    # it and a year header below, it once read as a one-author paper titled ",".
    parsed = _parse(
        "Noah A. Smith\nAlso published as:\nNoah Smith\n,\nNoah A Smith\n2023\n"
        "Tailor: Generating and Perturbing Text with Semantic Controls\nAlexis Ross\n|\n"
        "Tongshuang Wu\nProceedings of the 60th Annual Meeting of the Association for "
        "Computational Linguistics (Volume 1: Long Papers)\n"
    )
    assert [item["title"] for item in parsed.items] == [
        "Tailor: Generating and Perturbing Text with Semantic Controls"
    ]
    assert not parsed.diagnostics


def test_one_author_with_a_lowercase_name_before_a_venue():
    parsed = _parse(
        "2014\nA Paper by One Author\ndanah boyd\nProceedings of the Workshop on Social Media\n"
        "2013\nAnother Paper\nKate Crawford\n|\nJason Schultz\nProceedings of Something\n"
    )
    first, second = parsed.items
    assert first["author"] == [{"family": "boyd", "given": "danah"}]
    assert first["container-title"] == "Proceedings of the Workshop on Social Media"
    assert second["title"] == "Another Paper"
    assert not parsed.diagnostics


def test_site_footer_after_the_last_paper_is_no_abstract():
    parsed = _parse(
        "2006\nA Title\nAnn Lee\n|\nBo Chen\nProceedings of the Fifth Conference on Things\n"
        "ACL materials are Copyright © 1963–2026 ACL; other materials are copyrighted by "
        "their respective copyright holders.\n"
        "The ACL Anthology is managed and built by the ACL Anthology team of volunteers.\n"
    )
    (item,) = parsed.items
    assert "abstract" not in item
    assert not parsed.diagnostics
