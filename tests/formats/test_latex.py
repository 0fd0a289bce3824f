"""LaTeX <-> Unicode for BibTeX values, and brace protection of capitals."""

from __future__ import annotations

import pytest

from bibconv.formats._latex import decode, encode, protect_case, protected_words


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('{\\"u}', "ü"),
        ('\\"{u}', "ü"),
        ('\\"u', "ü"),
        ("\\'e", "é"),
        ("\\'{\\i}", "í"),
        ("{\\i}", "ı"),
        ('\\"\\i', "ï"),
        ("\\ss{}", "ß"),
        ("{\\o}", "ø"),
        ("\\O", "Ø"),
        ("{\\aa}", "å"),
        ("\\AA{}", "Å"),
        ("{\\ae}", "æ"),
        ("\\l", "ł"),
        ("\\v{s}", "š"),
        ("\\c{c}", "ç"),
        ("\\H{o}", "ő"),
        ("\\k{e}", "ę"),
        ("\\~{n}", "ñ"),
        ("\\u a", "ă"),
        ('\\char"263A', "☺"),
    ],
)
def test_accents_in_every_spelling(latex: str, text: str) -> None:
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("1--10", "1–10"),
        ("a---b", "a—b"),
        ("a~b", "a\u00a0b"),  # a tie is a no-break space
        ("\\& \\% \\$ \\# \\_", "& % $ # _"),
        ("{\\textit Cataglyphis fortis}", "Cataglyphis fortis"),
        ("\\emph{x} {\\it y} \\textbf{z}", "x y z"),
        ("The {BERT} {M}odel", "The BERT Model"),
        ("``quoted''", "“quoted”"),
        ("\\LaTeX{} is", "LaTeX is"),
        ("\\ldots\\ and", "… and"),
        ("a\\\\b", "a b"),
        ("line\\\nnext", "line next"),  # a backslash at the end of a line
        ("  spread\n   over\tlines ", "spread over lines"),
        ("\\textbraceleft{}x\\textbraceright{}", "{x}"),
        ("\\textbackslash{}n", "\\n"),
        ("a \\par b", "a\n\nb"),
    ],
)
def test_text_commands_and_ligatures(latex: str, text: str) -> None:
    assert decode(latex) == text


def test_math_and_unknown_commands_stay_as_written() -> None:
    assert decode("$x^{2}_{i}$ and $ alone") == "$x^{2}_{i}$ and $ alone"
    assert decode("see \\cite{key} and \\rlap{A B}") == "see \\cite{key} and \\rlap{A B}"


@pytest.mark.parametrize(
    "text",
    [
        "Müller & Søn: 50% off #1_x",
        "en – em — tie\u00a0here",
        "literal ~ tilde, -- two hyphens, ``two backquotes''",
        "braces { unbalanced and } more",
        "a \\backslash and \\emph{literal}",
        "kept \\cite{x} command",
        "$x_1$ math",
        "First paragraph.\n\nSecond paragraph.",
    ],
)
@pytest.mark.parametrize("ascii", [False, True])
def test_encode_then_decode_gives_the_text_back(text: str, ascii: bool) -> None:
    encoded = encode(text, ascii=ascii)
    assert decode(encoded) == text
    if ascii:
        assert encoded.isascii()


def test_ascii_escapes() -> None:
    assert encode("Ångström ß ø ı í ç", ascii=True) == (
        "{\\AA}ngstr{\\\"o}m {\\ss} {\\o} {\\i} {\\'\\i} {\\c{c}}"
    )
    assert encode("☺", ascii=True) == '{\\char"263A}'
    assert encode("ü") == "ü"  # UTF-8 output keeps letters


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        ("CharacterBot: Teaching LLMs with BERT", "{CharacterBot}: Teaching {LLM}s with {BERT}"),
        ("An iPhone and GPT-4", "An {iPhone} and {GPT}-4"),
        ("Plain Title Case Stays", "Plain Title Case Stays"),
        ("Already {BERT} braced", "Already {BERT} braced"),
        ("Math $NP$ and \\LaTeX", "Math $NP$ and \\LaTeX"),
    ],
)
def test_protect_case(text: str, protected: str) -> None:
    assert protect_case(text) == protected


def test_protection_is_stable_on_a_round_trip() -> None:
    once = protect_case(encode("GANs for NLP: the BigGAN Study"))
    assert protect_case(encode(decode(once))) == once


def test_protected_words_ignore_commands_and_special_characters() -> None:
    assert protected_words('The {Ant System} {\\"U}ber \\emph{X} {BERT}s') == [
        "Ant",
        "System",
        "BERT",
    ]
