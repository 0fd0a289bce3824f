"""MEDLINE/PubMed nbib: tags, continuation lines, names, identifiers, dates; the writer
(PubMed's layout, round trips, loss notes)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bibconv
from bibconv import registry
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats import nbib
from bibconv.formats.ris import parse_date
from bibconv.losses import LOSSES, comparable
from bibconv.model import ITEM_TYPES
from bibconv.protocols import ReadOptions
from tests.conftest import count_whole_after_noted_losses, run_cli, shared_data
from tests.robustness.test_writer_roundtrip import csl_items, hostile_text

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def read(text: str) -> list[Any]:
    return [dict(i) for i in nbib.read(text, ReadOptions(path="in.nbib")).items]


@pytest.mark.parametrize(
    ("pages", "expanded"),
    [("6913-7", "6913-6917"), ("255-60", "255-260"), ("12-345", "12-345"), ("e1234", "e1234"),
     ("1-5, 7-9", "1-5, 7-9"), ("101-9; discussion 110", "101-109; discussion 110")],
)  # fmt: skip
def test_abbreviated_page_ranges_are_expanded(pages: str, expanded: str) -> None:
    assert nbib.expand_pages(pages) == expanded


def test_continuation_lines_join_and_nlms_final_period_goes() -> None:
    (item,) = read("PMID- 1\nTI  - A long title\n      that goes on.\nDP  - 2001\n")
    assert item["title"] == "A long title that goes on"
    assert item["issued"] == {"date-parts": [[2001]]}


def test_full_author_names_win_over_the_initials_form() -> None:
    (item,) = read("PMID- 1\nFAU - Doe, Jane Q\nAU  - Doe JQ\nAU  - Roe R\n")
    assert item["author"] == [{"family": "Doe", "given": "Jane Q."}]


def test_initials_only_names_are_read_when_no_full_name_is_given() -> None:
    (item,) = read("PMID- 1\nAU  - Doe JQ\nAU  - Roe R\n")
    assert item["author"] == [{"family": "Doe", "given": "J. Q."}, {"family": "Roe", "given": "R."}]


def test_publication_history_and_electronic_date() -> None:
    (item,) = read(
        "PMID- 1\nPHST- 2020/01/05 00:00 [received]\nPHST- 2020/03/01 00:00 [accepted]\n"
        "DEP - 20200402\n"
    )
    assert item["submitted"] == {"date-parts": [[2020, 1, 5]]}
    assert item["available-date"] == {"date-parts": [[2020, 4, 2]]}
    assert item["custom"]["nbib"]["PHST"] == ["2020/03/01 00:00 [accepted]"]


def test_records_are_sniffed() -> None:
    assert registry.sniff("\nPMID- 123\nOWN - NLM\n").name == "nbib"
    assert registry.for_path("pubmed-export.nbib") is registry.FORMATS["nbib"]


# ----------------------------------------------------------------------------- writing


def write(items: list[Any], notes: list[Diagnostic] | None = None) -> str:
    return bibconv.dumps(items, "nbib", diagnostics=notes)


def golden_inputs() -> list[Path]:
    return sorted(GOLDEN.glob("*/input.nbib"))


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.parent.name)
def test_what_the_reader_reads_the_writer_writes_back(path: Path) -> None:
    items = read(path.read_text(encoding="utf-8"))
    assert items
    notes: list[Diagnostic] = []
    again = read(write(items, notes))
    assert comparable(again) == comparable(items)
    assert notes == []


def test_the_golden_pubmed_record_is_written_as_pubmed_wrote_it() -> None:
    """Minus what the reader does not keep (the Print/Electronic of an ISSN), the
    written article is the input record line for line; AID/LID order aside."""
    source = (GOLDEN / "nbib-pubmed-article-and-book-chapter" / "input.nbib").read_text("utf-8")
    first = source.split("\n\n")[0] + "\n"
    written = write(read(first))
    expected = first.replace("0027-8424 (Print)", "0027-8424")
    expected = expected.replace(
        "PG  - 6913-7\n", "PG  - 6913-7\nLID - 10.1073/pnas.93.14.6913 [doi]\n"
    )
    # The reader keeps AD as a list after the authors, not beside one author.
    assert sorted(written.splitlines()) == sorted(expected.splitlines())
    assert written.startswith("PMID- 8692918\nOWN - NLM\n")


def test_lines_are_wrapped_at_pubmeds_width_with_six_space_continuations() -> None:
    abstract = " ".join(f"word{i}" for i in range(60)) + " " + "x" * 95
    text = write([{"id": "k", "type": "article-journal", "abstract": abstract}])
    *body, last = text.splitlines()
    assert last == "PT  - Journal Article"
    assert body[0].startswith("AB  - word0 word1 ")
    assert all(line.startswith(" " * 6) and line[6] != " " for line in body[1:])
    assert all(len(line) <= 86 for line in body[:-1])
    assert max(len(line) for line in body[:-2]) > 80  # lines are filled, not merely short
    assert body[-1] == " " * 6 + "x" * 95  # a word longer than the width stands alone
    (back,) = read(text)
    assert back["abstract"] == abstract


@pytest.mark.parametrize(
    ("date", "text"),
    [
        ({"date-parts": [[2009]]}, "2009"),
        ({"date-parts": [[1996, 7]]}, "1996 Jul"),
        ({"date-parts": [[1996, 7, 9]]}, "1996 Jul 9"),
        ({"date-parts": [[2024]], "season": "Spring"}, "2024 Spring"),
        ({"date-parts": [[2019, 7], [2019, 8]]}, "2019 Jul-Aug"),
        ({"date-parts": [[1999, 7, 1], [1999, 7, 15]]}, "1999 Jul 1-15"),
        ({"date-parts": [[1999, 7, 30], [1999, 8, 2]]}, "1999 Jul 30-Aug 2"),
        ({"date-parts": [[2001], [2002]]}, "2001-2002"),
    ],
)
def test_published_dates_read_back_as_they_were(date: dict[str, Any], text: str) -> None:
    assert nbib.published_date(date) == text
    assert parse_date(text) == (date, "")


@pytest.mark.parametrize(
    "date",
    [
        {"date-parts": [[2019, 12], [2020, 1]]},  # the reader takes no range across years
        {"date-parts": [[2020]], "circa": True},
        {"literal": "in press"},
        {"date-parts": [[2020, 13]]},
        {"date-parts": [[2020]], "season": 1},
    ],
)
def test_dates_dp_cannot_spell_are_none(date: dict[str, Any]) -> None:
    assert nbib.published_date(date) is None


@pytest.mark.parametrize(
    ("pages", "written"),
    [("6913-6917", "6913-7"), ("255-260", "255-60"), ("2308-2310", "2308-10"),
     ("12-345", "12-345"), ("e1234", "e1234"), ("12–20", "12-20"), ("7-7", "7-7")],
)  # fmt: skip
def test_page_ranges_are_abbreviated_as_medline_does(pages: str, written: str) -> None:
    assert nbib.abbreviated_pages(pages) == written
    assert comparable({"page": nbib.expand_pages(written)}) == comparable({"page": pages})


@pytest.mark.parametrize("title", ["A title", "Why?", "Wait...", "Smith et al.", "[Translated]"])
def test_titles_get_nlms_period_and_lose_it_again(title: str) -> None:
    (back,) = read(write([{"id": "k", "type": "article-journal", "title": title}]))
    assert back["title"] == title


def test_publication_types_are_one_to_one_and_read_back() -> None:
    assert len(set(nbib.PUBLICATION_TYPES.values())) == len(nbib.PUBLICATION_TYPES)
    assert set(nbib.PUBLICATION_TYPES.values()) <= ITEM_TYPES
    for csl_type in nbib.PUBLICATION_TYPES.values():
        (back,) = read(write([{"id": "k", "type": csl_type, "title": "T"}]))
        assert (back["type"], back.get("custom")) == (csl_type, None)


def test_pt_lines_as_read_are_written_back_and_a_changed_type_goes_first() -> None:
    kept = {"nbib": {"PT": ["Review", "Journal Article"]}}
    item = {"id": "k", "type": "article-journal", "custom": kept}
    assert re.findall(r"^PT  - (.*)$", write([item]), re.M) == ["Review", "Journal Article"]
    changed = {**item, "type": "dataset"}
    assert re.findall(r"^PT  - (.*)$", write([changed]), re.M) == ["Dataset", "Review"]


def test_a_written_item_reads_back_except_what_nbib_cannot_hold() -> None:
    item = {
        "id": "berg2020",
        "type": "chapter",
        "title": "T",
        "container-title": "Book",
        "author": [{"family": "Berg", "given": "Anna M."}, {"literal": "WHO"}],
        "editor": [{"family": "Roe", "given": "R.", "suffix": "Jr"}],
        "issued": {"date-parts": [[2020, 5, 17]]},
        "submitted": {"date-parts": [[2019, 1, 2]]},
        "available-date": {"date-parts": [[2020, 4, 1]]},
        "page": "101-109",
        "ISBN": "978-0-262-03384-8",
        "DOI": "10.1000/x",
        "PMID": "123",
        "PMCID": "PMC9",
        "keyword": "a, b c",
        "publisher": "P",
        "publisher-place": "Bethesda (MD)",
        "note": "A note",
        "URL": "https://example.org",
    }
    notes: list[Diagnostic] = []
    (back,) = read(write([item], notes))
    kept = {k: v for k, v in item.items() if k not in LOSSES["nbib"] and k != "id"}
    assert comparable({k: v for k, v in back.items() if k != "id"}) == comparable(kept)
    assert [n.message for n in notes] == [
        "berg2020: MEDLINE/PubMed has no field for 'URL'; it is left out"
    ]


def test_what_reads_back_otherwise_is_noted() -> None:
    item = {
        "id": "k",
        "type": "paper-conference",
        "title": "T",
        "author": [
            {"literal": "WHO"},
            {"family": "Raaij", "given": "M", "non-dropping-particle": "van"},
        ],
        "editor": [{"literal": "A Society"}],
        "abstract": "One.\nTwo.",
        "issued": {"date-parts": [[2019, 12], [2020, 1]]},
        "accessed": {"date-parts": [[2021, 1, 1]]},
        "publisher-place": "Berlin",
        "DOI": "https://doi.org/10.1/x",
    }
    notes: list[Diagnostic] = []
    text = write([item], notes)
    assert "DP  - 2019 Dec\n" in text
    assert "FAU - van Raaij, M\n" in text
    assert {n.code for n in notes} == {"nbib.cannot-hold"}
    assert all(n.severity is Severity.INFO and n.item_id == "k" for n in notes)
    assert [n.message.removeprefix("k: MEDLINE/PubMed ") for n in notes] == [
        "has no field for 'accessed'; it is left out",
        "cannot hold 'abstract' exactly (written on one line, with single spaces)",
        "has no tag for the 'publisher-place' of a 'paper-conference' item (its PL is the "
        "journal's country); it is left out",
        "cannot hold 'type' exactly (no PT for 'paper-conference': read back as article-journal)",
        "cannot hold 'author' exactly (FAU 'van Raaij, M': its particle reads back as part of a "
        "name)",
        "cannot hold 'author' exactly (groups, CN, come after the people)",
        "has no tag for a group in 'editor'; it is left out",
        "cannot hold 'issued' exactly (DP: a date, season or range in a year; written '2019 Dec')",
        "cannot hold 'DOI' exactly (written without its resolver: '10.1/x')",
    ]


def test_real_bibtex_file_through_nbib_loses_only_what_notes_name() -> None:
    """small.bib read as BibTeX -> nbib -> back: every item is itself (ids aside: the
    reader makes citation keys) but for the variables its notes name."""
    items: list[dict[str, Any]] = [
        dict(i) for i in bibconv.load(shared_data("small.bib"), diagnostics=[])
    ]
    notes: list[Diagnostic] = []
    diagnostics: list[Diagnostic] = []
    written = write(items, notes)
    back: list[dict[str, Any]] = [
        dict(i) for i in bibconv.loads(written, "nbib", diagnostics=diagnostics)
    ]
    assert diagnostics == []
    assert len(back) == len(items) == 500
    exact = count_whole_after_noted_losses(items, back, notes, "nbib.cannot-hold")
    assert len(notes) > 100
    assert exact > 250  # most entries are journal articles nbib holds whole


# ----------------------------------------------------------------------------- any item


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        csl_items(hostile_text, "nbib"), min_size=1, max_size=3, unique_by=lambda i: i["id"]
    )
)
def test_any_items_read_back_but_for_what_their_notes_name(items: list[dict[str, Any]]) -> None:
    """Items over every CSL variable, with hostile text (line breaks, NULs, tag-like
    text): the file reads back without a warning, one item each, and whatever does not
    come back equal is named in the item's notes."""
    notes: list[Diagnostic] = []
    diagnostics: list[Diagnostic] = []
    back = [dict(i) for i in bibconv.loads(write(items, notes), "nbib", diagnostics=diagnostics)]
    assert [d for d in diagnostics if d.severity is not Severity.INFO] == []
    assert len(back) == len(items)
    count_whole_after_noted_losses(items, back, notes, "nbib.cannot-hold")


# ----------------------------------------------------------------------------- command line

CLI_ITEM = [{"id": "k", "type": "article-journal", "title": "T", "PMID": "1", "URL": "u"}]


def test_the_cli_writes_nbib_by_name_and_by_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.json").write_text(json.dumps(CLI_ITEM), encoding="utf-8")
    code, out, err = run_cli(["convert", "in.json", "-t", "nbib"], capsys)
    assert (code, out, err) == (0, "PMID- 1\nTI  - T.\nPT  - Journal Article\n", "")
    code, out, err = run_cli(["convert", "in.json", "-o", "out.nbib", "--report-loss"], capsys)
    assert (code, out) == (0, "")
    assert "k: MEDLINE/PubMed has no field for 'URL'; it is left out [nbib.cannot-hold]" in err
    written = (tmp_path / "out.nbib").read_text(encoding="utf-8")
    assert written == "PMID- 1\nTI  - T.\nPT  - Journal Article\n"
    code, out, _ = run_cli(["formats"], capsys)
    rows = {line.split()[0]: line.split()[1:5] for line in out.splitlines()}
    assert rows["nbib"] == [".nbib", ".medline", "yes", "yes"]
