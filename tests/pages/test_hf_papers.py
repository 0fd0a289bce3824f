"""Hugging Face listings: banner chrome, date lines, title/abstract pairs."""

from __future__ import annotations

from bibconv.pages import hf_papers
from bibconv.pages._text import split_lines

ABSTRACT = "We study a thing in depth. It works well on many benchmarks and we release code."


def _parse(text: str):
    return hf_papers.parse(split_lines(text), source="p.txt", year=2026)


def test_date_lines_are_the_listing_day_until_the_next_date_line_never_issued():
    page = "\n\n".join(
        ["Subscribe", "Mar 17", "Title One", ABSTRACT, "Title Two", "Mar 14, 2025", "Title 3"]
    )
    parsed = _parse(page)
    assert [(i["title"], i["custom"], "abstract" in i) for i in parsed.items] == [
        ("Title One", {"listed": "2026-03-17"}, True),
        ("Title Two", {"listed": "2026-03-17"}, False),
        ("Title 3", {"listed": "2025-03-14"}, False),
    ]
    assert all(i["type"] == "article" and "author" not in i for i in parsed.items)
    assert not any("issued" in i for i in parsed.items)
    assert [i["id"] for i in parsed.items] == ["anonndtitle", "anonndtitlea", "anonndtitleb"]


def test_a_cards_published_on_line_is_its_issued_date():
    page = "\n".join(
        [
            "Mar 17",
            "Title One",
            "Published on Oct 9, 2024",
            ABSTRACT,
            "Title Two",
            ABSTRACT,
            "Published on Mar 3",
            "GitHub",
            "Title Three",
        ]
    )
    parsed = _parse(page)
    assert [(i["title"], i.get("issued"), i["custom"]) for i in parsed.items] == [
        ("Title One", {"date-parts": [[2024, 10, 9]]}, {"listed": "2026-03-17"}),
        ("Title Two", {"date-parts": [[2026, 3, 3]]}, {"listed": "2026-03-17"}),
        ("Title Three", None, {"listed": "2026-03-17"}),
    ]
    assert parsed.items[0]["abstract"] == ABSTRACT
    assert not parsed.diagnostics


def test_second_paragraph_joins_the_abstract_and_leading_prose_is_reported():
    long_paragraph = " ".join(["word"] * 45) + "."
    parsed = _parse(f"{ABSTRACT}\nA Title\n{ABSTRACT}\n{long_paragraph}")
    (item,) = parsed.items
    assert item["abstract"] == f"{ABSTRACT} {long_paragraph}"
    assert [d.code for d in parsed.diagnostics] == ["page.skipped-line"]


def test_detect_structure_alone_and_banner():
    body = "\n".join(f"Title {n}\n{ABSTRACT}" for n in range(4))
    assert hf_papers.detect(split_lines(body)).score >= 0.3
    assert hf_papers.detect(split_lines("Mar 3\n" + body)).score >= 0.5
    assert hf_papers.detect(split_lines("Subscribe\nhello")).score == 0


def test_card_chrome_is_never_a_title():
    page = "\n".join(
        ["Mar 3", "A Title", "Submitted by akhaliq", "42", "· 5 authors", ABSTRACT, "Load more"]
    )
    parsed = _parse(page)
    assert [(i["title"], i.get("abstract")) for i in parsed.items] == [("A Title", ABSTRACT)]
    assert not parsed.diagnostics


def test_a_sentence_like_title_after_a_paper_without_abstract_is_a_title():
    title = "Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention."
    parsed = _parse(f"First Title\n{title}\n{ABSTRACT} {ABSTRACT}\n")
    assert [(i["title"], "abstract" in i) for i in parsed.items] == [
        ("First Title", False),
        (title, True),
    ]


def test_a_short_link_line_after_an_abstract_belongs_to_it():
    parsed = _parse(f"A Title\n{ABSTRACT}\nCode: https://github.com/a/b\nB Title\n{ABSTRACT}")
    assert [(i["title"], i.get("URL")) for i in parsed.items] == [
        ("A Title", "https://github.com/a/b"),
        ("B Title", None),
    ]


def test_card_buttons_star_counts_and_a_two_line_submitter_are_chrome():
    page = "\n\n".join(
        [
            "Get trending papers in your email inbox!",
            "byAK and the research community",
            "Nov 21",
            "Submitted by",
            "akhaliq",
            "123",
            "QLoRA: Efficient Finetuning of Quantized LLMs",
            "· 4 authors",
            "We present QLoRA, an efficient finetuning approach that reduces memory usage "
            "enough to finetune a 65B parameter model on a single 48GB GPU.",
            "GitHub",
            "9.8k",
            "arXiv Page",
            "Attention Is All You Need",
            "The dominant sequence transduction models are based on complex recurrent or "
            "convolutional neural networks that include an encoder and a decoder.",
        ]
    )
    parsed = _parse(page)
    assert [item["title"] for item in parsed.items] == [
        "QLoRA: Efficient Finetuning of Quantized LLMs",
        "Attention Is All You Need",
    ]
    assert all("abstract" in item for item in parsed.items)
    assert not parsed.diagnostics


def test_site_footer_after_load_more_is_skipped_until_the_next_listing():
    page = "\n\n".join(
        [
            "Mar 3",
            "Title One",
            ABSTRACT,
            "Load more",
            "About",
            "Privacy Policy",
            "© 2026 Example Inc. All rights reserved.",
            "Mar 2",
            "Title Two",
            ABSTRACT,
        ]
    )
    parsed = _parse(page)
    assert [item["title"] for item in parsed.items] == ["Title One", "Title Two"]
    assert parsed.items[1]["custom"] == {"listed": "2026-03-02"}
    assert [(d.code, d.location.line if d.location else 0) for d in parsed.diagnostics] == [
        ("page.skipped-line", 9),
        ("page.skipped-line", 11),
        ("page.skipped-line", 13),
    ]
