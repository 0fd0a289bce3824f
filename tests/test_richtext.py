"""bibconv._richtext: CSL-JSON's rich-text tags."""

from __future__ import annotations

from bibconv import _richtext


def test_pieces_of_nested_tags() -> None:
    assert _richtext.pieces('a <i>b <span class="nocase">c</span></i>') == [
        ("text", "a "),
        ("open", "i"),
        ("text", "b "),
        ("open", "nocase"),
        ("text", "c"),
        ("close", "nocase"),
        ("close", "i"),
    ]


def test_small_caps_span_in_its_spellings() -> None:
    for spelling in (
        "font-variant:small-caps;",
        "font-variant: small-caps",
        "font-variant:small-caps",
    ):
        assert _richtext.pieces(f'<span style="{spelling}">x</span>') == [
            ("open", "sc"),
            ("text", "x"),
            ("close", "sc"),
        ]


def test_text_without_nesting_tags_is_plain() -> None:
    for text in ("a < b", "<i>open", "<b>x <i>y</b></i>", "</i>x", "<em>x</em>", "plain"):
        assert _richtext.pieces(text) is None
        assert _richtext.plain_text(text) == text


def test_plain_text() -> None:
    assert _richtext.plain_text("The <i>E. coli</i> H<sub>2</sub>O") == "The E. coli H2O"
