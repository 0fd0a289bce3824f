"""bibconv.render: styles, outputs, per-item robustness and citations."""

from __future__ import annotations

import html.parser
from typing import cast, get_args

import pytest

from bibconv.diagnostics import Diagnostic, UnknownFormatError
from bibconv.model import CslItem
from bibconv.render import (
    OUTPUTS,
    Output,
    StyleAlias,
    bibliography_entries,
    format_bibliography,
    format_citations,
    list_styles,
    session,
)
from bibconv.render.pagerange import format_page_range_end
from bibconv.render.styles import ALIASES, resolve_style
from bibconv.render.textcase import title_case

WANG: CslItem = {
    "id": "wang2025a",
    "type": "article-journal",
    "author": [{"family": "Wang", "given": "Li"}, {"family": "Zhao", "given": "Mei"},
               {"literal": "others"}],
    "title": "Efficient citation extraction",
    "container-title": "Journal of Informetrics",
    "issued": {"date-parts": [[2025]]},
}  # fmt: skip
SMITH_A: CslItem = {
    "id": "smithA",
    "type": "article-journal",
    "author": [{"family": "Smith", "given": "Jane"}],
    "title": "Beta results",
    "issued": {"date-parts": [[2025]]},
}
SMITH_B: CslItem = {**SMITH_A, "id": "smithB", "title": "Alpha results"}


def test_final_others_prints_et_al():
    text = format_bibliography([WANG], "apa")
    assert "Wang, L., Zhao, M., et al. (2025)" in text
    assert "others" not in text


def test_year_suffixes_follow_sorted_order():
    text = format_bibliography([SMITH_A, SMITH_B], "apa")
    assert text.splitlines() == [
        "Smith, J. (2025a). Alpha results.",
        "Smith, J. (2025b). Beta results.",
    ]


def test_sorting_ignores_accents_like_citeproc_js():
    items: list[CslItem] = [
        {"id": "z", "type": "book", "title": "Z", "author": [{"family": "Zhou", "given": "Z"}]},
        {"id": "a", "type": "book", "title": "A", "author": [{"family": "Ångström", "given": "A"}]},
        {"id": "b", "type": "book", "title": "B", "author": [{"family": "Baker", "given": "B"}]},
    ]
    assert [key for key, _ in bibliography_entries(items, "apa")] == ["a", "b", "z"]


def test_ieee_numbers_entries_in_citation_order_with_a_space():
    text = format_bibliography([WANG, SMITH_A], "ieee")
    assert text.startswith("[1] L. Wang, M. Zhao, et al.")
    assert "\n[2] J. Smith" in text


def test_html_is_escaped_and_parses():
    item: CslItem = {
        "id": "x",
        "type": "article-journal",
        "title": "A < B & C",
        "URL": "https://example.org/?a=1&b=2",
        "issued": {"date-parts": [[2020]]},
    }
    out = format_bibliography([item], "apa", output="html")
    assert "A &lt; B &amp; C" in out
    assert '<a href="https://example.org/?a=1&amp;b=2">' in out
    assert out.count('<div class="csl-entry">') == 1
    parser = html.parser.HTMLParser()
    parser.feed(out)  # raises nothing on well-formed markup
    parser.close()


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("markdown", "*Journal of Informetrics*"),
        ("rst", ":emphasis:`Journal of Informetrics`"),
        ("latex", r"\textit{Journal of Informetrics}"),
    ],
)
def test_italics_in_each_markup(output, expected):
    assert expected in format_bibliography([WANG], "apa", output=output)


def test_latex_escapes_specials():
    item: CslItem = {"id": "x", "type": "book", "title": "100% of R&D_costs",
                     "issued": {"date-parts": [[2020]]}}  # fmt: skip
    out = format_bibliography([item], "apa", output="latex")
    assert r"100\% of R\&D\_costs" in out
    assert out.startswith(r"\begin{thebibliography}{1}")


def test_markdown_links_are_autolinks():
    item: CslItem = {**WANG, "DOI": "10.1000/x_y"}
    out = format_bibliography([item], "apa", output="markdown")
    assert "<https://doi.org/10.1000/x_y>" in out


def test_locale_changes_terms():
    item: CslItem = {**WANG, "issued": {"date-parts": [[2025, 3, 2]]}, "type": "webpage"}
    assert "(2025, März 2)" in format_bibliography([item], "apa", locale="de-DE")


def test_director_is_a_name_and_renders():
    # CslItem does not list "director" (CSL 1.0.2 has it): readers may still produce it.
    film = cast(
        CslItem,
        {
            "id": "k",
            "type": "motion_picture",
            "title": "Seven samurai",
            "director": [{"family": "Kurosawa", "given": "Akira"}],
            "issued": {"date-parts": [[1954]]},
        },
    )
    diagnostics: list[Diagnostic] = []
    out = format_bibliography([film, WANG], "apa", diagnostics=diagnostics)
    assert "Kurosawa, A. (Director). (1954)" in out
    assert diagnostics == []


def _make_item_r0_fail(monkeypatch: pytest.MonkeyPatch) -> None:

    original = session._Session.bibliography

    def explode_first(self):
        bib = self.loaded.root.bibliography
        layout = bib.layout
        real = layout.render_children

        def render_children(item, **kw):
            if item.key == "r0":
                raise TypeError("boom")
            return real(item, **kw)

        layout.__dict__["render_children"] = render_children
        try:
            return original(self)
        finally:
            del layout.__dict__["render_children"]

    monkeypatch.setattr(session._Session, "bibliography", explode_first)


def test_a_failing_item_is_reported_and_the_rest_kept(monkeypatch):
    _make_item_r0_fail(monkeypatch)
    diagnostics: list[Diagnostic] = []
    out = format_bibliography([WANG, SMITH_A], "apa", diagnostics=diagnostics)
    assert "Smith, J." in out
    assert "Wang" not in out
    assert [d.code for d in diagnostics] == ["render.failed"]
    assert diagnostics[0].item_id == "wang2025a"


def test_a_failing_item_raises_when_there_is_no_list_to_note_it_in(monkeypatch):
    from bibconv.render.session import RenderError

    _make_item_r0_fail(monkeypatch)
    with pytest.raises(RenderError, match="could not render item 'wang2025a'"):
        format_bibliography([WANG, SMITH_A], "apa")  # was: Wang left out without a word


def test_a_citation_of_an_unknown_id_is_an_unknown_item_error():
    from bibconv import BibconvError
    from bibconv.render.session import UnknownItemError

    with pytest.raises(UnknownItemError, match="no item with id 'nokey'") as caught:
        format_citations([WANG], ["nokey"], "apa")
    assert isinstance(caught.value, BibconvError)
    assert isinstance(caught.value, LookupError)  # was UnknownStyleError: not a style problem


def test_a_misspelt_style_suggests_each_name_once():
    with pytest.raises(UnknownFormatError) as caught:
        format_bibliography([WANG], "ieeee")
    assert "did you mean ieee, ieee-" in str(caught.value)  # was "ieee, ieee, ieee-pulse"


def test_citations_author_date_and_numeric():
    assert format_citations([WANG, SMITH_A], ["wang2025a"], "apa") == "(Wang et al., 2025)"
    assert format_citations([WANG, SMITH_A], ["smithA"], "ieee") == "[2]"
    assert format_citations([WANG, SMITH_A], ["wang2025a", "smithA"], "ieee") == "[1], [2]"
    two = format_citations([SMITH_A, SMITH_B, WANG], ["wang2025a", "smithB", "smithA"], "apa")
    assert two == "(Smith, 2025a, 2025b; Wang et al., 2025)"  # sorted, grouped, collapsed


def test_citation_grouping_follows_the_style_sort():
    # Harvard sorts cites by year only; cites by one author are then brought together
    older: CslItem = {**SMITH_A, "id": "old", "issued": {"date-parts": [[2019]]}}
    text = format_citations([SMITH_A, WANG, older], ["smithA", "wang2025a", "old"], "harvard")
    assert text == "(Smith, 2019, 2025; Wang, Zhao et al., 2025)"


def test_unknown_style_suggests_close_names():
    with pytest.raises(UnknownFormatError, match=r"did you mean.*apa"):
        resolve_style("apaa")


def test_unknown_locale_is_an_error():
    with pytest.raises(UnknownFormatError, match="unknown locale 'xx-YY'"):
        format_bibliography([WANG], "apa", locale="xx-YY")


def test_dependent_style_loads_its_parent():
    assert resolve_style("vancouver").endswith("nlm-citation-sequence.csl")


def test_list_styles_aliases_first_and_search():
    names = list_styles()
    assert names[:3] == ["apa", "ieee", "chicago"]
    assert len(names) > 2000
    assert "chicago-author-date" in list_styles("chicago author")


@pytest.mark.parametrize(
    ("first", "last", "range_format", "expected"),
    [
        ("7", "29", "minimal-two", "29"),  # citeproc-py printed "7–9"
        ("1", "20", "minimal-two", "20"),  # and "1–0"
        ("300", "315", "minimal-two", "15"),
        ("321", "328", "minimal", "8"),
        ("1877", "1901", "chicago-16", "901"),
        ("1877", "1901", "chicago", "1901"),  # "chicago" is chicago-15
        ("S247", "S258", "chicago-16", "58"),
        ("S247", "S258", "expanded", "S258"),
        ("101", "108", "chicago-16", "8"),
        ("321", "328", "chicago-16", "28"),
        ("42", "45", None, "45"),
    ],
)
def test_page_range_formats(first, last, range_format, expected):
    assert format_page_range_end(first, last, range_format) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("language models are few-shot learners", "Language Models Are Few-Shot Learners"),
        ("an article without pages", "An Article without Pages"),
        ("“Et al.” and the politics", "“Et al.” and the Politics"),
        ("scikit-learn: a tool for the web", "Scikit-Learn: A Tool for the Web"),
        ("keep arXiv and NumPy", "Keep arXiv and NumPy"),
    ],
)
def test_title_case(text, expected):
    assert title_case(text) == expected


def test_subsequent_author_substitute_in_mla():
    other: CslItem = {**SMITH_A, "id": "smithC", "title": "Gamma"}
    lines = format_bibliography([SMITH_A, other], "mla").splitlines()
    assert lines[0].startswith("Smith, Jane.")
    assert lines[1].startswith("———.")


def test_substituted_editors_use_the_outer_name_format_in_chicago():
    book: CslItem = {
        "id": "b",
        "type": "book",
        "editor": [
            {"family": "Smith", "given": "Rebecca"},
            {"family": "Taylor", "given": "Oliver"},
        ],
        "title": "The Oxford handbook of lexicography",
        "publisher": "Oxford University Press",
        "issued": {"date-parts": [[2018]]},
    }
    assert format_bibliography([book], "chicago") == (
        "Smith, Rebecca, and Oliver Taylor, eds. 2018. "
        "The Oxford Handbook of Lexicography. Oxford University Press.\n"
    )


def test_cjk_names_short_form_is_the_family_name():
    item: CslItem = {
        "id": "z",
        "type": "article-journal",
        "title": "中文文献引文分析",
        "author": [{"family": "张", "given": "伟"}, {"family": "李", "given": "娜"}],
        "issued": {"date-parts": [[2022]]},
    }
    assert format_citations([item], ["z"], "apa") == "(张 & 李, 2022)"
    assert format_bibliography([item], "apa").startswith("张伟, & 李娜. (2022).")


def test_mla_adds_the_title_only_when_names_cannot_disambiguate():
    assert format_citations([WANG, SMITH_A], ["wang2025a"], "mla") == "(Wang et al.)"
    both = [SMITH_A, SMITH_B]
    assert format_citations(both, ["smithA"], "mla") == "(Smith, Beta Results)"


def test_given_names_tell_two_smiths_apart():
    robert: CslItem = {**SMITH_A, "id": "r", "author": [{"family": "Smith", "given": "Robert"}]}
    robert["issued"] = {"date-parts": [[1999]]}
    assert format_citations([SMITH_A, robert], ["r"], "apa") == "(R. Smith, 1999)"


def test_a_substituted_value_does_not_keep_a_macro_alive():
    anonymous: CslItem = {
        "id": "a",
        "type": "book",
        "title": "T",
        "issued": {"date-parts": [[2020]]},
    }
    assert format_citations([anonymous], ["a"], "acl") == "(2020)"  # not ACL's "(mis, 2020)"


RICH: CslItem = {
    "id": "rich",
    "type": "book",
    "title": "Growth of <i>E. coli</i> in H<sub>2</sub>O at 10<sup>5</sup> Pa",
    "author": [{"family": "Berg", "given": "Anna"}],
    "issued": {"date-parts": [[2020]]},
}


def test_rich_text_in_a_value_is_rendered_not_escaped() -> None:
    out = format_bibliography([RICH], "apa", "html")
    # APA sets book titles in italics: the value's own italics are set upright inside
    assert '<span style="font-style:normal;">E. coli</span>' in out
    assert "H<sub>2</sub>O at 10<sup>5</sup>" in out
    assert "&lt;" not in out


def test_rich_text_in_latex_and_plain_text() -> None:
    latex = format_bibliography([RICH], "apa", "latex")
    assert "\\emph{E. coli} in H\\textsubscript{2}O at 10\\textsuperscript{5}" in latex
    assert format_bibliography([RICH], "apa", "text") == (
        "Berg, A. (2020). Growth of E. coli in H₂O at 10⁵ Pa.\n"
    )


def test_latex_bibitems_of_a_numeric_style_carry_no_number() -> None:
    items: list[CslItem] = [RICH, cast(CslItem, {**WANG, "id": "w"})]
    latex = format_bibliography(items, "ieee", "latex")
    rows = [line for line in latex.splitlines() if line.startswith("\\bibitem")]
    assert len(rows) == 2
    assert all("[1]" not in row and "[2]" not in row for row in rows)
    assert format_bibliography(items, "ieee", "text").startswith("[1] ")


def test_literal_outputs_and_style_aliases_are_the_tables_names() -> None:
    assert get_args(Output) == OUTPUTS
    assert get_args(StyleAlias) == tuple(ALIASES)


def test_a_title_starting_with_markup_sorts_by_its_text() -> None:
    items = [
        cast(CslItem, {"id": i, "type": "book", "title": t, "issued": {"date-parts": [[2020]]}})
        for i, t in (("z", "<i>Zebra</i> study"), ("a", "Apple study"), ("m", "Mango study"))
    ]
    assert [key for key, _ in bibliography_entries(items, "apa")] == ["a", "m", "z"]


def test_capitalize_first_looks_past_the_values_own_markup() -> None:
    from citeproc.string import String

    from bibconv.render.markup import RICH_MARKS
    from bibconv.render.textcase import capitalize_after_marks

    marked = String(RICH_MARKS["i", True] + "banana" + RICH_MARKS["i", False] + " study")
    assert str(capitalize_after_marks(marked)) == str(marked).replace("banana", "Banana")


def test_punctuation_at_the_end_of_markup_meets_the_styles_own() -> None:
    item = cast(
        CslItem,
        {
            **RICH,
            "type": "article-journal",
            "title": "What is <i>E. coli?</i>",
            "container-title": "J",
        },
    )
    assert format_bibliography([item], "apa", "text") == "Berg, A. (2020). What is E. coli? J.\n"


# '²'.isdigit() is true and int('²') raises (issue 12 leftover): a number variable that
# is not decimal sorts and labels as text.
_NUMBERS_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key variable="volume"/></sort>
    <layout><text variable="title"/><text variable="volume" prefix=" v"/>
      <label variable="number-of-pages" form="short" prefix=" "/></layout>
  </bibliography>
</style>
"""


def test_a_volume_that_is_no_decimal_number_sorts_after_the_numbers(tmp_path) -> None:
    style = tmp_path / "numbers.csl"
    style.write_text(_NUMBERS_STYLE, encoding="utf-8")
    items = [
        cast(CslItem, {"id": "a", "type": "book", "title": "T", "volume": "²"}),
        cast(CslItem, {"id": "b", "type": "book", "title": "U", "volume": "3"}),
    ]
    assert format_bibliography(items, style=str(style)) == "U v3 p.\nT v² p.\n"


def test_a_number_of_pages_that_is_no_decimal_number_is_not_plural(tmp_path) -> None:
    style = tmp_path / "numbers.csl"
    style.write_text(_NUMBERS_STYLE, encoding="utf-8")
    item = cast(CslItem, {"id": "a", "type": "book", "title": "T", "number-of-pages": "²"})
    assert format_bibliography([item], style=str(style)) == "T p.\n"


def test_a_page_range_end_after_a_superscript_is_kept() -> None:
    assert format_page_range_end("S²", "S3", "chicago") == "S3"
