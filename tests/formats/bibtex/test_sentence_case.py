"""English title case -> sentence case on BibTeX values (--sentence-case)."""

from __future__ import annotations

import pytest

import bibconv
from bibconv.formats.bibtex.sentence_case import is_english, sentence_case


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("The History of Modern Physics", "The history of modern physics"),
        ("{BERT}: Pre-Training of Deep Models", "{BERT}: Pre-training of deep models"),
        (
            "Models: A New Approach. The End? Yes! Another Day",
            "Models: A new approach. The end? Yes! Another day",
        ),
        ("LLMs and NASA on the iPhone with GPT-4", "LLMs and NASA on the iPhone with GPT-4"),
        ("Type I Errors in Vitamin C Trials", "Type I errors in vitamin C trials"),
        ("A Self-Supervised Approach", "A self-supervised approach"),
        ("Don't Stop: Adapt", "Don't stop: Adapt"),
        ("In {Paris} and {S}pain", "In {Paris} and {S}pain"),
        (
            "The \\emph{Drosophila Melanogaster} Genome",
            "The \\emph{Drosophila Melanogaster} genome",
        ),
        (
            "Our {BERT}s and H\\textsubscript{2}O Levels",
            "Our {BERT}s and H\\textsubscript{2}O levels",
        ),
        ("An $n$-Dimensional $X$ Space", "An $n$-dimensional $X$ space"),
        (
            'A Note on {\\"U}ber, \\"Uber and {\\AA}ngstr{\\"o}m',
            'A note on {\\"u}ber, \\"uber and {\\aa}ngstr{\\"o}m',
        ),
        ("Learning to Rank (LTR) With Neural~Nets", "Learning to rank (LTR) with neural~nets"),
        ("Why `{GSA}: A Search' Is ``Not Gravity''", "Why `{GSA}: A search' is ``not gravity''"),
    ],
)
def test_sentence_case(title: str, sentence: str) -> None:
    assert sentence_case(title) == sentence


@pytest.mark.parametrize(
    ("fields", "english"),
    [
        ({}, True),
        ({"langid": "english"}, True),
        ({"langid": "{American}"}, True),
        ({"langid": "en-GB"}, True),
        ({"langid": "ngerman"}, False),
        ({"hyphenation": "french"}, False),
        ({"language": "English"}, True),
    ],
)
def test_only_english_or_unmarked_entries(fields: dict[str, str], english: bool) -> None:
    assert is_english(fields) is english


BIB = """@inproceedings{x,
  title = {The {BERT} Model: A New Approach},
  booktitle = {Proceedings of the Big Conference},
  journal = {Journal of Big Things},
  year = {2020}
}
"""


def test_the_option_reaches_the_reader_and_is_off_by_default() -> None:
    plain = bibconv.loads(BIB, "bibtex")[0]
    assert plain["title"] == "The BERT Model: A New Approach"
    item = bibconv.loads(BIB, "bibtex", sentence_case=True)[0]
    assert item["title"] == "The BERT model: A new approach"
    assert item["container-title"] == "Proceedings of the big conference"


def test_english_comes_from_bibers_language_table() -> None:
    assert is_english({"langid": "canadian"})
    assert is_english({"langid": "UKenglish"})
    assert not is_english({"langid": "english2"})  # not a babel name, not a tag
    assert not is_english({"langid": "ende"})
