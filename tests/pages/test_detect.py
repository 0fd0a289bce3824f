"""The detector: every layout against every page (a detector never claims a foreign page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bibconv import pages
from bibconv.diagnostics import ParseError, Severity
from bibconv.model import CslItem
from bibconv.pages._text import split_lines

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {
    "000_f4b05a0167606ddc.txt": "acl-anthology",
    "001_c234066cfa42824b.txt": "arxiv-profile",
    "002_d3c4f35904570651.txt": "research-profile",
    "003_b682a21330c9eff4.txt": "acl-anthology",
    "004_260eaed73426f0b2.txt": "hf-papers",
}
PAGE_LAYOUTS = ("acl-anthology", "arxiv-profile", "research-profile", "hf-papers")


def _pages() -> list[tuple[str, Path]]:
    found = [(layout, ROOT / "seeds" / name) for name, layout in SEEDS.items()]
    for case in sorted((ROOT / "tests" / "golden").iterdir()):
        page = case / "input.txt"
        layout = next((name for name in PAGE_LAYOUTS if case.name.startswith(name)), None)
        if layout and page.exists():
            found.append((layout, page))
    # The held-out accuracy pages: acl-*.txt, arxiv-*.txt, hf-*.txt, research-*.txt.
    for page in sorted((ROOT / "benchmarks" / "pages_heldout").glob("*.txt")):
        prefix = page.name.split("-", 1)[0]
        found.append((next(name for name in PAGE_LAYOUTS if name.startswith(prefix)), page))
    return found


PAGES = _pages()


def test_there_are_pages_of_every_layout():
    assert {layout for layout, _ in PAGES} == set(PAGE_LAYOUTS)
    assert len(PAGES) >= 20


@pytest.mark.parametrize(("expected", "path"), PAGES, ids=[p.name for _, p in PAGES])
@pytest.mark.parametrize("layout", [m for m in pages.LAYOUTS if m.NAME in PAGE_LAYOUTS])
def test_each_layout_claims_only_its_own_pages(layout, expected, path):
    detection = layout.detect(split_lines(path.read_text(encoding="utf-8")))
    assert detection.layout == layout.NAME
    assert 0.0 <= detection.score <= 1.0
    if expected == layout.NAME:
        assert detection.score >= pages.THRESHOLD
        assert detection.evidence, "a detection must name the lines it rests on"
    else:
        assert detection.score < pages.THRESHOLD, f"{layout.NAME} claims a {expected} page"


@pytest.mark.parametrize(("expected", "path"), PAGES, ids=[p.name for _, p in PAGES])
def test_ranking_puts_the_right_layout_first_and_says_so(expected, path):
    text = path.read_text(encoding="utf-8")
    ranked = pages.detect(text)
    assert ranked[0].layout == expected
    assert ranked[0].score - ranked[1].score >= pages.TIE_MARGIN
    parsed = pages.parse(text, year=2026, path="page.txt")
    note = parsed.diagnostics[0]
    assert note.severity is Severity.INFO
    assert note.code == "page.detected"
    assert str(note).startswith(f"info: detected {expected} (evidence: line")


def test_detection_survives_two_pages_pasted_together():
    seeds = ROOT / "seeds"
    text = (seeds / "000_f4b05a0167606ddc.txt").read_text() + (
        seeds / "003_b682a21330c9eff4.txt"
    ).read_text()
    assert pages.detect(text)[0].layout == "acl-anthology"
    parsed = pages.parse(text, year=2026)
    assert len(parsed.items) == 5
    assert parsed.items[1]["abstract"].endswith("via transfer learning.")
    assert parsed.items[2]["issued"] == {"date-parts": [[2024]]}


def test_unknown_text_is_an_error_that_suggests_from(monkeypatch):
    # Only the page layouts: the references fallback is tested with its own module.
    monkeypatch.setattr(pages, "LAYOUTS", tuple(m for m in pages.LAYOUTS if m.NAME in PAGE_LAYOUTS))
    with pytest.raises(ParseError) as caught:
        pages.parse("Just one line of ordinary words.\nAnd another.", path="x.txt")
    message = str(caught.value)
    assert "x.txt:1:1: error: no page layout fits" in message
    assert "--from" in message
    assert "[page.no-layout]" in message


def test_a_tie_is_an_error_naming_both_candidates(monkeypatch):
    from bibconv.pages._text import Detection

    def fake_detect(text, *, fallback=True):
        return [Detection("acl-anthology", 0.8, (3,)), Detection("hf-papers", 0.78, (9,))]

    monkeypatch.setattr(pages, "detect", fake_detect)
    with pytest.raises(ParseError) as caught:
        pages.parse("anything", path="p.txt")
    message = str(caught.value)
    assert "[page.ambiguous-layout]" in message
    assert "acl-anthology 0.80 (evidence: line 3)" in message
    assert "hf-papers 0.78 (evidence: line 9)" in message
    assert "--from acl-anthology" in message


def test_forced_layout_skips_detection():
    text = (ROOT / "seeds" / "000_f4b05a0167606ddc.txt").read_text()
    parsed = pages.parse(text, "acl-anthology", year=2026)
    assert not parsed.diagnostics
    assert len(parsed.items) == 2


def test_unknown_layout_name():
    from bibconv.diagnostics import UnknownFormatError

    with pytest.raises(UnknownFormatError, match="known: acl-anthology"):
        pages.parse("x", "acl")


@pytest.mark.parametrize("name", sorted(SEEDS))
@pytest.mark.parametrize("joint", ["", "\n", "\r\n\r\n"])
def test_a_page_pasted_twice_gives_every_paper_twice(name, joint):
    # The seeds have no final newline: with joint "" the second copy's first line is glued
    # onto the first copy's last abstract, and the parsers must cut it off again.
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    once = pages.parse(text, year=2026).items
    twice = pages.parse(text + joint + text, year=2026).items

    def without_ids(items: list[CslItem]) -> list[dict[str, object]]:
        return [{k: v for k, v in item.items() if k != "id"} for item in items]

    assert without_ids(twice) == without_ids(once) * 2


def test_a_reference_list_falls_back_to_the_references_layout():
    text = (
        "[1] Kishore Papineni, Salim Roukos, Todd Ward, and Wei-Jing Zhu. 2002. Bleu: a method "
        "for automatic evaluation of machine translation. In Proceedings of ACL, pages 311-318.\n"
        "[2] Jacob Devlin, Ming-Wei Chang, Kenton Lee, and Kristina Toutanova. 2019. BERT: "
        "Pre-training of deep bidirectional transformers for language understanding. In "
        "Proceedings of NAACL-HLT, pages 4171-4186.\n"
    )
    assert all(d.score < pages.THRESHOLD for d in pages.detect(text) if d.layout != "references")
    parsed = pages.parse(text, year=2026)
    assert str(parsed.diagnostics[0]).startswith("info: detected references (no page layout fits")
    assert len(parsed.items) == 2


def test_a_forced_layout_that_finds_nothing_says_so():
    text = (ROOT / "seeds" / "004_260eaed73426f0b2.txt").read_text(encoding="utf-8")
    parsed = pages.parse(text, "acl-anthology", path="004.txt")
    assert parsed.items == []
    assert [str(d) for d in parsed.diagnostics] == [
        "004.txt:1:1: warning: no papers found reading this text as acl-anthology; is it the "
        "right layout? (omit --from to detect one) [page.no-items]"
    ]


def test_a_layout_error_gives_its_reason_apart_from_the_from_hint(monkeypatch):
    # Callers reading text made from another file (HTML's visible text) report the reason
    # alone: --from would read that file as text.
    monkeypatch.setattr(pages, "LAYOUTS", tuple(m for m in pages.LAYOUTS if m.NAME in PAGE_LAYOUTS))
    with pytest.raises(pages.LayoutError) as caught:
        pages.parse("Just one line of ordinary words.\nAnd another.", path="x.txt")
    assert caught.value.reason.startswith("no page layout fits this text (best: ")
    assert "--from" not in caught.value.reason
    assert caught.value.hint.startswith("name one with --from <layout> (")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.message == f"{caught.value.reason}; {caught.value.hint}"
