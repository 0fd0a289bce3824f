"""The ``references`` layout: reference strings in every common style, splitting, detection.

The reference strings and their expected fields live in ``data/references/``:
``handwritten.txt`` (written by hand as real papers print them) and ``rendered.jsonl`` (the
records of ``records.py`` rendered by citeproc-py in real CSL styles). Cases marked
``heldout`` were written last and the parser was not tuned on them; ``KNOWN_WRONG`` lists the
cases (dev and held-out) whose parse is wrong today, as strict xfails, so a fix is noticed.
"""

from __future__ import annotations

import gc
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bibconv import references
from bibconv.model import CslItem, CslName
from bibconv.pages._text import split_lines
from bibconv.protocols import ReadOptions
from bibconv.references import splitting
from bibconv.references.names import normalize_initials, parse_names
from bibconv.references.parse import parse_reference

DATA = Path(__file__).parent / "data" / "references"

#: The fields the accuracy is measured on (CSL variables, plus custom.arxiv_id).
SCORED: tuple[str, ...] = (
    "type", "title", "author", "editor", "issued", "container-title", "volume", "issue",
    "page", "publisher", "publisher-place", "edition", "DOI", "URL", "arxiv_id",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    id: str
    style: str
    split: str
    text: str
    expected: dict[str, Any]


def _names(text: str) -> list[CslName]:
    names: list[CslName] = []
    for part in text.split(" | "):
        part = part.strip()
        if part == "others":
            names.append({"literal": "others"})
        elif part.startswith("="):
            names.append({"literal": part[1:]})
        else:
            family, _, given = part.partition(", ")
            names.append({"family": family, "given": given} if given else {"family": family})
    return names


def _field(key: str, value: str) -> tuple[str, Any]:
    if key in {"author", "editor"}:
        return key, _names(value)
    if key == "issued":
        return key, {"date-parts": [[int(p) for p in value.split("-")]]}
    return key, value


def load_handwritten() -> list[Case]:
    """Cases of ``handwritten.txt`` (format described at its top)."""
    cases: list[Case] = []
    header: list[str] | None = None
    text = ""
    expected: dict[str, Any] = {}
    lines = (DATA / "handwritten.txt").read_text(encoding="utf-8").split("\n")
    for line in [*lines, "## end"]:
        if line.startswith("## "):
            if header is not None:
                cases.append(Case(header[0], header[1], header[2], text, expected))
            header = [p.strip() for p in line[3:].split("|")]
            text, expected = "", {}
        elif line.startswith("> "):
            key, _, value = line[2:].partition(": ")
            name, parsed = _field(key, value)
            if name == "arxiv_id":
                expected.setdefault("custom", {})["arxiv_id"] = parsed
            else:
                expected[name] = parsed
        elif line.strip() and not line.startswith("#") and header is not None:
            text = line
    return cases


def load_rendered() -> list[Case]:
    cases = []
    for line in (DATA / "rendered.jsonl").read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        cases.append(Case(raw["id"], raw["style"], raw["split"], raw["text"], raw["expected"]))
    return cases


def all_cases() -> list[Case]:
    return load_handwritten() + load_rendered()


def scored(item: CslItem | dict[str, Any]) -> dict[str, Any]:
    """The measured fields of an item (``custom.arxiv_id`` flattened), without empty ones."""
    fields = {key: item.get(key) for key in SCORED if key != "arxiv_id"}
    fields["arxiv_id"] = (item.get("custom") or {}).get("arxiv_id")
    return {key: value for key, value in fields.items() if value}


def wrong_fields(case: Case) -> list[str]:
    """The measured fields where the parse differs from the expected item."""
    got = scored(parse_reference(case.text).item)
    want = scored(case.expected)
    return sorted(key for key in set(got) | set(want) if got.get(key) != want.get(key))


def field_accuracy(cases: list[Case]) -> tuple[int, int]:
    """(fields exact, fields in all): the union of expected and produced fields counts."""
    exact = total = 0
    for case in cases:
        got = scored(parse_reference(case.text).item)
        want = scored(case.expected)
        keys = set(got) | set(want)
        total += len(keys)
        exact += sum(1 for key in keys if got.get(key) == want.get(key))
    return exact, total


#: Cases whose parse is wrong today (id -> the reason), strict xfails.
KNOWN_WRONG: dict[str, str] = {
    "hochreiter1997-lncs": "NLM abbreviation + the style's period reads as ISO 4",
    "blei2003-lncs": "NLM abbreviation + the style's period reads as ISO 4",
    "pedregosa2011-lncs": "NLM abbreviation + the style's period reads as ISO 4",
    "och2003-lncs": "NLM abbreviation + the style's period reads as ISO 4",
    "lin2004-mla": "a workshop named without 'workshop' or a publisher reads as a journal",
    "shannon1940-lncs": "a thesis printed with only its year cannot be told from an article",
    "page1999-nature": "a report printed with only its year cannot be told from an article",
    "krizhevsky2009-lncs": "a report printed as 'University, year' reads as a book",
}


def _params() -> list[Any]:
    params = []
    for case in all_cases():
        marks = []
        if case.id in KNOWN_WRONG:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[case.id]))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_reference_string(case: Case) -> None:
    assert wrong_fields(case) == [], case.text


def test_there_are_enough_cases_in_every_style() -> None:
    cases = all_cases()
    assert len(cases) >= 150
    styles = {case.style for case in cases}
    wanted = {"apa", "ieee", "acl", "chicago-author-date", "chicago-notes", "mla", "vancouver"}
    assert wanted | {"nature", "lncs", "harvard", "arxiv"} <= styles


def test_accuracy_on_held_out_cases_meets_the_target() -> None:
    held_out = [case for case in all_cases() if case.split == "heldout"]
    exact, total = field_accuracy(held_out)
    assert exact / total >= 0.90


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("A.B.", "A. B."),
        ("AB", "A. B."),
        ("M.-W.", "M.-W."),
        ("M-W", "M.-W."),
        ("C. E", "C. E."),
        ("Ł.", "Ł."),
    ],
)
def test_initials_get_one_spelling(printed: str, expected: str) -> None:
    assert normalize_initials(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Vaswani, A., Shazeer, N., & Polosukhin, I.", "Vaswani/A.|Shazeer/N.|Polosukhin/I."),
        ("A. Vaswani, N. Shazeer, and I. Polosukhin", "Vaswani/A.|Shazeer/N.|Polosukhin/I."),
        ("Ashish Vaswani and Noam Shazeer", "Vaswani/Ashish|Shazeer/Noam"),
        ("Vaswani A, Shazeer N, et al", "Vaswani/A.|Shazeer/N.|others"),
        (
            "LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton",
            "LeCun/Yann|Bengio/Yoshua|Hinton/Geoffrey",
        ),
        ("van der Maaten, L. & Hinton, G.", "van der Maaten/L.|Hinton/G."),
        ("Laurens van der Maaten", "van der Maaten/Laurens"),
        ("Della Pietra SA, Chang M-W", "Della Pietra/S. A.|Chang/M.-W."),
        ("Maaten, Laurens van der", "van der Maaten/Laurens"),
        ("King, M. L., Jr.", "King/M. L./Jr."),
        ("World Health Organization", "World Health Organization"),
        ("OpenAI", "OpenAI"),
        ("Lin, C.-Y.", "Lin/C.-Y."),
        ("Jean-Baptiste Grill and Rémi Munos", "Grill/Jean-Baptiste|Munos/Rémi"),
    ],
)
def test_author_lists_in_every_shape(printed: str, expected: str) -> None:
    def show(name: CslName) -> str:
        if "literal" in name:
            return name["literal"]
        parts = [name.get("family", ""), name.get("given", "")]
        return "/".join(parts + ([name["suffix"]] if "suffix" in name else []))

    assert "|".join(show(n) for n in parse_names(printed)) == expected


@pytest.mark.parametrize(
    ("printed", "authors", "title"),
    [
        (
            "A. Vaswani, N. Shazeer, and N. Parmar. Attention is all you need. In NeurIPS, 2017.",
            "Vaswani/A.|Shazeer/N.|Parmar/N.",
            "Attention is all you need",
        ),
        (
            "J.-P. Sartre and S. de Beauvoir. Letters. Gallimard, 1990.",
            "Sartre/J.-P.|de Beauvoir/S.",
            "Letters",
        ),
        # Family-first: the full stop after the last initial does end the list.
        (
            "Vaswani, A. Attention is all you need. NeurIPS, 2017.",
            "Vaswani/A.",
            "Attention is all you need",
        ),
    ],
)
def test_given_first_names_ended_by_a_full_stop(printed: str, authors: str, title: str) -> None:
    # Was: author "A.", title "Vaswani, N", container "Shazeer, and N" (the list was cut
    # at the first initial's full stop).
    item = parse_reference(printed).item
    names = item.get("author", [])
    assert "|".join(f"{n.get('family', '')}/{n.get('given', '')}" for n in names) == authors
    assert item.get("title") == title


# ----------------------------------------------------------------------------- splitting


def _split(text: str) -> list[str]:
    return [block.text for block in splitting.split_references(split_lines(text))]


def test_numbered_list_with_wrapped_lines_and_heading() -> None:
    text = (
        "References\n\n"
        "[1] K. He, X. Zhang, S. Ren, and J. Sun, “Deep residual learning for image\n"
        "recognition,” in Proc. CVPR, 2016, pp. 770–778.\n"
        "[2] L. Breiman, “Random forests,” Mach. Learn., vol. 45, no. 1, pp. 5–32, 2001.\n"
    )
    blocks = _split(text)
    assert len(blocks) == 2
    assert "image recognition,”" in blocks[0]


def test_number_that_is_a_year_does_not_start_a_reference() -> None:
    text = (
        "1. Breiman, L. Random forests. Machine Learning 45,\n"
        "2001. 5–32.\n"
        "2. Breiman, L. Bagging predictors. Machine Learning 24, 123–140 (1996).\n"
    )
    assert len(_split(text)) == 2


def test_unnumbered_one_per_line_with_hanging_indent_and_crlf() -> None:
    text = (
        "Vaswani, A., Shazeer, N., Parmar, N., Uszkoreit, J., Jones, L., Gomez, A. N.,\r\n"
        "    Kaiser, Ł., & Polosukhin, I. (2017). Attention is all you need. In Advances\r\n"
        "    in Neural Information Processing Systems (pp. 5998–6008).\r\n"
        "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\r\n"
        "Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep learning. MIT Press.\r\n"
    )
    blocks = _split(text)
    assert len(blocks) == 3
    assert blocks[0].endswith("(pp. 5998–6008).")


def test_wrapped_reference_without_indent_is_joined() -> None:
    text = (
        "Silver, D., Huang, A., Maddison, C. J., Guez, A., Sifre, L.,\n"
        "van den Driessche, G., & Hassabis, D. (2016). Mastering the game of Go with deep\n"
        "neural networks and tree search. Nature, 529(7587), 484–489. https://doi.org/10.1038/\n"
        "nature16961\n"
        "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\n"
    )
    blocks = _split(text)
    assert len(blocks) == 2
    assert "https://doi.org/10.1038/nature16961" in blocks[0]


def test_paragraphs_with_doubled_blank_lines() -> None:
    text = (
        "Breiman, L. (2001). Random forests.\nMachine Learning, 45(1), 5–32.\n\n\n"
        "Cortes, C., & Vapnik, V. (1995). Support-vector networks.\n"
        "Machine Learning, 20(3), 273–297.\n"
    )
    assert len(_split(text)) == 2


# ----------------------------------------------------------------------------- parse


def test_parse_assigns_ids_and_locates_uncertain_fields() -> None:
    text = "References\nBreiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\n"
    text += "Smith, J. A note without any date. Some Journal.\n"
    parsed = references.parse(split_lines(text), source="refs.txt", year=2026)
    assert [item["id"] for item in parsed.items] == ["breiman2001random", "smithndnote"]
    messages = [str(d) for d in parsed.diagnostics]
    assert messages == [
        "refs.txt:3:1: warning: no year found in reference "
        "'Smith, J. A note without any date. Some Journal.' [page.ref-no-year]"
    ]


def test_empty_input_says_no_references() -> None:
    parsed = references.parse(split_lines("\n\n"), source="x.txt", year=2026)
    assert parsed.items == []
    assert [d.code for d in parsed.diagnostics] == ["page.ref-none"]


# ----------------------------------------------------------------------------- detect


def test_detect_scores_a_reference_list_high() -> None:
    text = (DATA / "list-apa.txt").read_text(encoding="utf-8")
    detection = references.detect(split_lines(text))
    assert detection.score >= 0.9
    assert detection.evidence


@pytest.mark.parametrize("seed", sorted((Path(__file__).parents[2] / "seeds").glob("*.txt")))
def test_detect_scores_listing_pages_low(seed: Path) -> None:
    detection = references.detect(split_lines(seed.read_text(encoding="utf-8")))
    assert detection.score < 0.3


# ----------------------------------------------------------------------------- speed


@pytest.mark.parametrize(
    "line",
    [
        "." * 100_000,
        "|" * 100_000,
        "A. " * 50_000,
        "(" * 50_000 + "2020" + ")" * 50_000,
        "Smith, J., " * 30_000 + "(2020). Title. Journal.",
        "x" * 1_000_000,
        '"' * 100_000,
        "1" + "-" * 100_000 + "2",
    ],
    ids=["dots", "bars", "initials", "parens", "authors", "1MB", "quotes", "dashes"],
)
def test_pathological_lines_parse_in_linear_time(line: str) -> None:
    start = time.perf_counter()
    lines = split_lines(line)
    references.detect(lines)
    references.parse(lines, source="x.txt", year=2026)
    # Generous: a backtracking regex would take minutes, a linear pass well under a second.
    assert time.perf_counter() - start < 10


def _prose(count: int) -> list[str]:
    """``count`` lines of page text that read like no reference (no blank line among them)."""
    words = ["the", "model", "we", "data", "results", "of", "and", "Figure", "table", "Our"]
    return [" ".join(words[(n + k) % len(words)] for k in range(10)) for n in range(count)]


def test_long_text_without_blank_lines_groups_in_linear_time() -> None:
    # One 5,000-line paragraph: every line continues the same "reference". Grouping used to
    # join (and search) all lines so far for each new line: over a minute for this input.
    lines = split_lines("\n".join(_prose(5_000)))
    start = time.perf_counter()
    blocks = splitting.split_references(lines)
    references.detect(lines)
    assert time.perf_counter() - start < 10  # generous: linear takes a few milliseconds
    assert len(blocks) == 1
    assert len(blocks[0].line_numbers) == 5_000


def test_detect_reads_a_bounded_sample_of_a_huge_page() -> None:
    lines = split_lines("\n".join(_prose(3 * references.DETECT_SAMPLE)))
    start = time.perf_counter()
    found = references.detect(lines)
    assert time.perf_counter() - start < 10
    assert found == references.detect(lines[: references.DETECT_SAMPLE])


def test_year_cue_split_across_wrapped_lines_still_counts() -> None:
    # "(n." and "d.)" on two lines join to "(n. d.)": the first reference is complete there.
    text = (
        "Smith, J. A title that is long enough to be a title. Some Journal (n.\n"
        "d.).\n"
        "Doe, A. 2020. Another title. Other Journal 1.\n"
    )
    assert _split(text) == [
        "Smith, J. A title that is long enough to be a title. Some Journal (n. d.).",
        "Doe, A. 2020. Another title. Other Journal 1.",
    ]


def test_a_repeated_reference_is_parsed_once_but_gives_its_own_item() -> None:
    line = "Vaswani, A., & Shazeer, N. (2017). Attention is all you need. NeurIPS, 30.\n"
    parsed = references.parse(split_lines(line * 2), source="refs.txt", year=2026)
    first, second = parsed.items
    assert first["author"] == second["author"]
    assert first["author"] is not second["author"]  # a copy: changing one leaves the other
    assert first["id"] != second["id"]


@pytest.mark.parametrize("damage", ["\u00a0", "\t", "  ", "\u200b "])
def test_copy_paste_damage_is_repaired_before_parsing(damage: str) -> None:
    clean = "Vaswani, A. (2017). Attention is all you need. Neural Computation, 30, 1-10."
    damaged = f" {clean.replace(' (2017)', damage + '(2017)')}\t"
    assert parse_reference(damaged).item == parse_reference(clean).item


@pytest.mark.parametrize(
    "label", ["https://dx.doi.org/", "HTTP://DOI.ORG/", "doi: ", "DOI ", "doi:", ""]
)
def test_a_doi_is_cut_out_with_its_label(label: str) -> None:
    text = f"Smith, J. (2020). A title here. Some Journal, 3, 1-10. {label}10.1000/xyz.123"
    item = parse_reference(text).item
    assert item["DOI"] == "10.1000/xyz.123"
    assert "URL" not in item
    assert item["container-title"] == "Some Journal"


def test_a_long_parse_leaves_the_garbage_collector_as_it_found_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(references, "PAUSE_GC_LINES", 1)  # every parse counts as long
    lines = split_lines("Vaswani, A. (2017). Attention is all you need. NeurIPS, 30.\n")
    assert len(references.parse(lines, source="a.txt", year=2026).items) == 1
    assert gc.isenabled()
    gc.disable()
    try:
        references.parse(lines, source="a.txt", year=2026)
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()


def test_reference_without_source_says_the_type_is_a_guess() -> None:
    text = "Christopher Olah. 2015. Understanding LSTM networks.\n"
    parsed = references.parse(split_lines(text), source="refs.txt", year=2026)
    assert parsed.items[0]["type"] == "article"
    assert [(d.code, str(d.location)) for d in parsed.diagnostics] == [
        ("page.ref-no-source", "refs.txt:1:1")
    ]


def test_number_only_strings_never_become_authors() -> None:
    reference = parse_reference("[12] 2019. 1–10.")
    assert "author" not in reference.item
    codes = [code for code, _ in reference.problems]
    assert "page.ref-no-author" in codes


# ----------------------------------------------------------------------------- layout (issue 10)


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        (
            "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\n"
            "Cortes, C., & Vapnik, V. (1995). Support-vector networks. Mach. Learn., 20, 1–9.\n",
            "one reference a line, unnumbered",
        ),
        (
            "[1] L. Breiman, “Random forests,” Mach. Learn., vol. 45, pp. 5–32, 2001.\n"
            "[2] C. Cortes and V. Vapnik, “Support-vector networks,” Mach. Learn.,\n"
            "vol. 20, pp. 273–297, 1995.\n",
            "wrapped references, numbered [n]",
        ),
        (
            "Breiman, L. (2001). Random forests. Machine\n    Learning, 45(1), 5–32.\n"
            "Cortes, C., & Vapnik, V. (1995). Support-vector networks.\n"
            "    Machine Learning, 20(3), 273–297.\n",
            "wrapped with hanging indent, unnumbered",
        ),
        (
            "Breiman, L. (2001). Random forests.\nMachine Learning, 45(1), 5–32.\n\n"
            "Cortes, C., & Vapnik, V. (1995). Support-vector networks.\nMachine Learning, 20.\n",
            "blank-line separated paragraphs, unnumbered",
        ),
        (
            "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32. Cortes, C., & "
            "Vapnik, V. (1995). Support-vector networks. Machine Learning, 20(3), 273–297.\n",
            "references run together in one paragraph, unnumbered",
        ),
        (
            "1) Breiman L. Random forests. Mach Learn. 2001;45(1):5-32.\n"
            "Cortes C, Vapnik V. Support-vector networks. Mach Learn. 1995;20(3):273-97.\n"
            "3) Vapnik V. The nature of statistical learning theory. New York: Springer; 1995.\n",
            "one reference a line, numbered n) on some lines",
        ),
        (
            "1 Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\n"
            "2 Cortes, C., & Vapnik, V. (1995). Support-vector networks. Mach. Learn., 20, 1–2.\n",
            "one reference a line, numbered bare numbers",
        ),
    ],
    ids=["one-a-line", "bracketed", "hanging", "paragraphs", "run-together", "some", "bare"],
)
def test_the_layout_is_decided_from_the_whole_list_and_named(text: str, layout: str) -> None:
    segmentation = splitting.segment(split_lines(text))
    assert segmentation.layout == layout
    assert len(segmentation.blocks) == (3 if "some" in layout else 2)
    assert references.detect(split_lines(text)).detail == layout


def test_a_number_lost_in_the_copy_still_leaves_a_numbered_list() -> None:
    # Was: "4." after "2." broke the sequence, so the list read as unnumbered and merged.
    text = (
        "1. Kahn SE, Hull RL. Mechanisms linking obesity to insulin resistance. Nature. "
        "2006;444(7121):840-6.\n"
        "2. DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. "
        "1986;7(3):177-88.\n"
        "Moher D, Liberati A. Preferred reporting items: the PRISMA statement. PLoS Med. "
        "2009;6(7):e1000097.\n"
        "4. World Health Organization. Global report on diabetes. Geneva: WHO; 2016.\n"
    )
    blocks = _split(text)
    assert len(blocks) == 4
    assert blocks[2].startswith("Moher D")


def test_bare_numbers_are_taken_off_the_reference() -> None:
    text = (
        "1 Miller, G. A. (1956). The magical number seven. Psychological Review, 63(2), 81–97.\n"
        "2 Tversky, A., & Kahneman, D. (1974). Judgment under uncertainty. Science, 185, 1–9.\n"
    )
    assert [block[:9] for block in _split(text)] == ["Miller, G", "Tversky, "]


def test_a_line_that_is_a_whole_reference_is_never_merged_with_the_next() -> None:
    # Was merged: an organisation as author ("Python Software Foundation:") does not start
    # like a person, and the line before ends with ")" like a wrapped reference would.
    text = (
        "Pnueli, A.: The temporal logic of programs. In: 18th Annual Symposium on Foundations "
        "of Computer Science, pp. 46–57. IEEE (1977)\n"
        "Python Software Foundation: Python Language Reference, version 3.11. "
        "https://docs.python.org/3.11/reference/ (2023)\n"
        "IPCC: Climate Change 2013: The Physical Science Basis, Cambridge University Press, "
        "Cambridge, 1535 pp., 2013.\n"
    )
    assert len(_split(text)) == 3


def test_a_doi_on_its_own_line_belongs_to_the_reference_before() -> None:
    text = (
        "Tversky, A., & Kahneman, D. (1974). Judgment under uncertainty: Heuristics and biases. "
        "Science, 185(4157), 1124–1131.\n"
        "https://doi.org/10.1126/science.185.4157.1124\n"
        "Miller, G. A. (1956). The magical number seven. Psychological Review, 63(2), 81–97.\n"
        "doi:10.1037/h0043158\n"
    )
    blocks = _split(text)
    assert len(blocks) == 2
    assert blocks[1].endswith("81–97. doi:10.1037/h0043158")


def test_a_title_with_a_colon_is_no_publisher_so_the_line_wraps_on() -> None:
    # "Neural networks: An overview." is a title, not "Place: Publisher": the line is no
    # whole reference, and the next one (with a year inside its DOI only) continues it.
    text = (
        "1. Schmidhuber, J. (2015). Deep learning in neural networks: An overview.\n"
        "Neural Networks, 61, 85–117. https://doi.org/10.1016/j.neunet.2014.09.003\n"
        "2. Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\n"
    )
    assert len(_split(text)) == 2


def test_references_run_together_are_cut_where_each_one_starts() -> None:
    first = "Acemoglu, D., Johnson, S. and Robinson, J.A. (2001) 'The colonial origins', "
    first += "American Economic Review, 91(5), pp. 1369–1401."
    second = "Akerlof, G.A. (1970) 'The market for lemons', The Quarterly Journal of Economics, "
    second += "84(3), pp. 488–500."
    lines = split_lines(f"{first} {second}\n")
    blocks = splitting.split_references(lines)
    assert [block.text for block in blocks] == [first, second]
    assert blocks[1].first.location("x.txt").column == len(first) + 2


def test_an_editor_list_inside_a_reference_is_not_a_new_reference() -> None:
    text = (
        "Baddeley, A. D., & Hitch, G. (1974). Working memory. In G. H. Bower (Ed.), The "
        "psychology of learning and motivation (Vol. 8, pp. 47–89). Academic Press. "
        "Miller, G. A. wrote the foreword in 1975.\n"
    )
    assert len(_split(text)) == 1


def test_a_forced_read_names_the_layout_in_its_info_note() -> None:
    text = "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5–32.\n"
    parsed = references.read(text, ReadOptions(path="refs.txt", year=2026))
    assert [(d.code, d.message) for d in parsed.diagnostics] == [
        ("page.detected", "reading references: one reference a line, unnumbered")
    ]


# ----------------------------------------------------------------------------- fields (issue 10)


def _fields(text: str, *keys: str) -> dict[str, Any]:
    item = parse_reference(text).item
    return {key: item.get(key) for key in keys}


def test_the_venue_stops_before_volume_and_issue() -> None:
    text = "Kohler KJ (1990) Segmental reduction in German. Phonetica 47(1-2):1–27"
    assert _fields(text, "container-title", "volume", "issue", "page") == {
        "container-title": "Phonetica",
        "volume": "47",
        "issue": "1-2",
        "page": "1-27",
    }
    text = (
        "Tjaden, K., & Wilding, G. E. (2004). Rate and loudness manipulations in dysarthria. "
        "Journal of Speech, Language, and Hearing Research 47, 766–783."
    )
    assert _fields(text, "container-title", "volume") == {
        "container-title": "Journal of Speech, Language, and Hearing Research",
        "volume": "47",
    }


def test_in_eds_gives_container_and_editors_and_place_publisher() -> None:
    text = (
        'Schabert, Ina. "Gender als Kategorie." In: Eds. Bernhard Reitz and Sigrid Rieuwerts. '
        "Anglistentag 1999 Mainz: Proceedings. Trier: WVT, 2000. 223–234."
    )
    assert _fields(
        text, "container-title", "editor", "publisher", "publisher-place", "issued", "page"
    ) == {
        "container-title": "Anglistentag 1999 Mainz: Proceedings",
        "editor": [
            {"family": "Reitz", "given": "Bernhard"},
            {"family": "Rieuwerts", "given": "Sigrid"},
        ],
        "publisher": "WVT",
        "publisher-place": "Trier",
        "issued": {"date-parts": [[2000]]},  # not the 1999 inside the venue
        "page": "223-234",
    }


def test_mla_ed_and_trans_sentences_are_names_not_places() -> None:
    text = (
        'Fludernik, Monika. "Natural Narratology." Narrative Theory and the Cognitive Sciences. '
        "Ed. David Herman. Stanford: CSLI Publications, 2003. 243–267."
    )
    got = _fields(text, "type", "editor", "publisher-place", "container-title")
    assert got == {
        "type": "chapter",
        "editor": [{"family": "Herman", "given": "David"}],
        "publisher-place": "Stanford",
        "container-title": "Narrative Theory and the Cognitive Sciences",
    }
    text = "Genette, Gérard. Die Erzählung. Trans. Andreas Knop. 2nd ed. München: Fink, 1998."
    assert _fields(text, "translator", "publisher-place", "edition") == {
        "translator": [{"family": "Knop", "given": "Andreas"}],
        "publisher-place": "München",
        "edition": "2",
    }


def test_editors_in_the_authors_place_are_editors_of_a_book() -> None:
    text = "Reitz, Bernhard, and Sigrid Rieuwerts, eds. Anglistentag 1999 Mainz: Proceedings. "
    text += "Trier: WVT, 2000."
    item = parse_reference(text).item
    assert "author" not in item
    assert [n["family"] for n in item["editor"]] == ["Reitz", "Rieuwerts"]
    assert (item["type"], item["title"], item["publisher"]) == (
        "book",
        "Anglistentag 1999 Mainz: Proceedings",
        "WVT",
    )


def test_an_original_year_before_the_edition_read_is_no_venue() -> None:
    text = "Booth, Wayne C. The Rhetoric of Fiction. 1961. Chicago: U of Chicago P, 1983."
    item = parse_reference(text).item
    assert item["issued"] == {"date-parts": [[1983]]}
    assert item["original-date"] == {"date-parts": [[1961]]}
    assert "container-title" not in item


@pytest.mark.parametrize(
    ("tail", "page"),
    [("Phys. Rev. Lett. 116, 061102 (2016).", "061102"), ("Quantum 2, 79 (2018).", "79")],
)
def test_an_article_number_is_the_page(tail: str, page: str) -> None:
    item = parse_reference(f"Preskill, J. Quantum computing in the NISQ era. {tail}").item
    assert (item.get("page"), item.get("issue")) == (page, None)


def test_copernicus_title_journal_volume_page_doi_year() -> None:
    text = (
        "Eyring, V., Bony, S., and Taylor, K. E.: Overview of CMIP6 experimental design and "
        "organization, Geosci. Model Dev., 9, 1937–1958, https://doi.org/10.5194/gmd-9-1937-"
        "2016, 2016."
    )
    got = _fields(text, "title", "container-title", "volume", "page", "DOI", "issued")
    assert got == {
        "title": "Overview of CMIP6 experimental design and organization",
        "container-title": "Geosci. Model Dev.",
        "volume": "9",
        "page": "1937-1958",
        "DOI": "10.5194/gmd-9-1937-2016",
        "issued": {"date-parts": [[2016]]},
    }


def test_an_organisation_before_a_colon_is_the_author() -> None:
    text = "Python Software Foundation: Python Language Reference, version 3.11. "
    text += "https://docs.python.org/3.11/reference/ (2023). Accessed 12 Jan 2024"
    item = parse_reference(text).item
    assert item["author"] == [{"literal": "Python Software Foundation"}]
    assert item["title"] == "Python Language Reference, version 3.11"
    assert item["issued"] == {"date-parts": [[2023]]}


def test_an_organisation_with_and_in_its_name_is_one_author() -> None:
    text = "Centers for Disease Control and Prevention. National diabetes statistics report "
    text += "[Internet]. Atlanta (GA): CDC; 2020."
    item = parse_reference(text).item
    assert item["author"] == [{"literal": "Centers for Disease Control and Prevention"}]
    assert item["title"] == "National diabetes statistics report"
    assert (item["publisher"], item["publisher-place"]) == ("CDC", "Atlanta (GA)")


def test_an_access_date_with_an_abbreviated_month_is_no_publication_date() -> None:
    text = 'The Linux Kernel Organization, "The Linux kernel archives." [Online]. Available: '
    text += "https://www.kernel.org/doc/ (accessed Mar. 3, 2023)."
    item = parse_reference(text).item
    assert "issued" not in item
    assert item["URL"] == "https://www.kernel.org/doc/"
    assert "container-title" not in item


def test_software_with_a_version() -> None:
    text = "Boersma, P., & Weenink, D. (2023). Praat: Doing phonetics by computer (Version "
    text += "6.3.10) [Computer software]. https://www.praat.org"
    assert _fields(text, "type", "title", "version") == {
        "type": "software",
        "title": "Praat: Doing phonetics by computer",
        "version": "6.3.10",
    }


def test_harvard_book_with_publisher_and_place_after_commas() -> None:
    text = "OECD (2019), OECD Employment Outlook 2019: The Future of Work, OECD Publishing, "
    text += "Paris, https://doi.org/10.1787/9ee00155-en."
    got = _fields(text, "type", "title", "publisher", "publisher-place", "issued")
    assert got == {
        "type": "book",
        "title": "OECD Employment Outlook 2019: The Future of Work",
        "publisher": "OECD Publishing",
        "publisher-place": "Paris",
        "issued": {"date-parts": [[2019]]},
    }


def test_ieee_book_place_with_state_and_country() -> None:
    text = "D. E. Knuth, The Art of Computer Programming, vol. 1, 3rd ed. Reading, MA, USA: "
    text += "Addison-Wesley, 1997."
    got = _fields(text, "type", "publisher", "publisher-place", "volume", "container-title")
    assert got == {
        "type": "book",
        "publisher": "Addison-Wesley",
        "publisher-place": "Reading, MA, USA",
        "volume": "1",
        "container-title": None,
    }


def test_a_long_list_parsed_on_all_cores_gives_the_same_items_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [case.text for case in all_cases()[:60]]
    alone = references.parse_all(texts, workers=1)
    monkeypatch.setattr(references, "PARALLEL_REFERENCES", 10)
    together = references.parse_all(texts, workers=2)
    assert [r.item for r in together] == [r.item for r in alone]
    assert [r.problems for r in together] == [r.problems for r in alone]
    assert len(alone) == 60


def test_a_short_list_is_parsed_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a short list started worker processes")

    monkeypatch.setattr("multiprocessing.get_context", no_pool)
    texts = [case.text for case in all_cases()[:5]]
    assert len(references.parse_all(texts, workers=8)) == 5


# ----------------------------------------------------------------------------- corpus-guided rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "R. P. Feynman, Space-time approach to quantum electrodynamics, Phys. Rev. 76, 769 "
            "(1949).",
            {"title": "Space-time approach to quantum electrodynamics",
             "container-title": "Phys. Rev.", "volume": "76", "page": "769"},
            id="aps-journal",
        ),
        pytest.param(
            "S. Weinberg, The Quantum Theory of Fields (Cambridge University Press, Cambridge, "
            "1995).",
            {"type": "book", "publisher": "Cambridge University Press",
             "publisher-place": "Cambridge", "container-title": None},
            id="aps-book",
        ),
        pytest.param(
            "S. Chatrchyan et al. (CMS Collaboration), A new boson, Phys. Lett. B 716, 30 (2012).",
            {"title": "A new boson", "container-title": "Phys. Lett. B", "volume": "716"},
            id="aps-collaboration",
        ),
        pytest.param(
            "Watson, J. D.; Crick, F. H. C. Molecular Structure of Nucleic Acids. A Structure "
            "for Deoxyribose Nucleic Acid. Nature 1953, 171 (4356), 737–738.",
            {"title": "Molecular Structure of Nucleic Acids. A Structure for Deoxyribose "
             "Nucleic Acid", "container-title": "Nature", "volume": "171", "issue": "4356"},
            id="acs-two-sentence-title",
        ),
        pytest.param(
            "Atkins, P.; de Paula, J. Physical Chemistry, 9th ed.; Oxford University Press: "
            "Oxford, 2010.",
            {"type": "book", "title": "Physical Chemistry", "edition": "9",
             "publisher": "Oxford University Press", "publisher-place": "Oxford"},
            id="acs-book",
        ),
        pytest.param(
            "Knaus WA, Draper EA. APACHE II: a severity scale. Crit Care Med. 1985;13(10):818-29.",
            {"title": "APACHE II: a severity scale", "container-title": "Crit Care Med"},
            id="vancouver-capitals-before-a-colon",
        ),
        pytest.param(
            "Early Breast Cancer Trialists' Collaborative Group. Effects of chemotherapy. "
            "Lancet. 2005;365(9472):1687-717.",
            {"author": [{"literal": "Early Breast Cancer Trialists' Collaborative Group"}],
             "title": "Effects of chemotherapy", "container-title": "Lancet"},
            id="group-author",
        ),
        pytest.param(
            "Eco, Umberto. Il nome della rosa. Bompiani, 1980.",
            {"type": "book", "publisher": "Bompiani", "container-title": None},
            id="mla-publisher-year",
        ),
        pytest.param(
            "Piaget, J. (1936). La naissance de l'intelligence chez l'enfant. Delachaux et "
            "Niestlé.",
            {"type": "book", "publisher": "Delachaux et Niestlé", "container-title": None},
            id="apa-publisher-alone",
        ),
        pytest.param(
            "Vargas Llosa, Mario. La ciudad y los perros. Seix Barral, 1963.",
            {"author": [{"family": "Vargas Llosa", "given": "Mario"}]},
            id="two-word-family",
        ),
        pytest.param(
            "D. Patterson, Computer Architecture, ACM Trans. Comput. Syst. 3, 2 (May 1985), "
            "1–20.",
            {"issued": {"date-parts": [[1985, 5]]}, "volume": "3", "issue": "2"},
            id="acm-month",
        ),
        pytest.param(
            'J. Doe, "A title," IEEE Trans. Syst., Man, Cybern., vol. 3, pp. 1–9, Jun. 1973.',
            {"container-title": "IEEE Trans. Syst., Man, Cybern.",
             "issued": {"date-parts": [[1973, 6]]}},
            id="ieee-comma-in-venue-and-month",
        ),
        pytest.param(
            "Doe, J. (2020). Is this the end? A study of endings in fiction. Journal of "
            "Narrative Theory, 50(2), 1–20.",
            {"title": "Is this the end? A study of endings in fiction",
             "container-title": "Journal of Narrative Theory"},
            id="question-subtitle",
        ),
        pytest.param(
            "Schmidt, K. (1950). Recht und Staat. Leipzig und Wien: Franz Deuticke.",
            {"publisher": "Franz Deuticke", "publisher-place": "Leipzig und Wien"},
            id="place-with-und",
        ),
    ],
)  # fmt: skip
def test_corpus_guided_shapes(text: str, expected: dict[str, Any]) -> None:
    item = parse_reference(text).item
    assert {key: item.get(key) for key in expected} == expected
