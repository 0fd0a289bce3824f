"""The LaTeX commands BibTeX values use, as tables that ``latex.decode`` reads and
``latex.encode`` writes back: one table for both directions keeps them inverse."""

from __future__ import annotations

from typing import Final

from bibconv import _richtext

# Accent commands taking one letter: LaTeX command -> Unicode combining mark.
ACCENTS: Final[dict[str, str]] = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}
MARK_TO_ACCENT: Final = {mark: cmd for cmd, mark in ACCENTS.items()}
#: The accent commands that are control words (``\H o``, ``\c{c}``), not control symbols.
LETTER_ACCENTS: Final = "".join(cmd for cmd in ACCENTS if cmd.isalpha())

# Commands standing for one character (no argument).
SYMBOLS: Final[dict[str, str]] = {
    "ss": "ß",
    "SS": "SS",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dj": "đ",
    "DJ": "Đ",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "guillemotleft": "«",
    "guillemotright": "»",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "S": "§",
    "P": "¶",
    "dag": "†",
    "ddag": "‡",
    "textdegree": "°",
    "textbullet": "•",
    "textperiodcentered": "·",
    "textbackslash": "\\",
    "textasciitilde": "\x05",  # a placeholder: a literal "~", not a tie
    "textbraceleft": "\x01",  # placeholders: literal braces, not groups
    "textbraceright": "\x02",
    "textasciigrave": "\x0e",  # a literal backquote, not an opening quote
    "textquotesingle": "\x0f",
    "par": "\x06",  # a paragraph break, restored after white space is folded
    "textasciicircum": "^",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "slash": "/",
}
# CSL-JSON's rich-text markup (the tags citeproc-js reads in any text variable).
ITALIC, BOLD, SMALL_CAPS, SUPERSCRIPT, SUBSCRIPT, NOCASE = (
    (_richtext.OPEN[tag], _richtext.CLOSE[tag]) for tag in ("i", "b", "sc", "sup", "sub", "nocase")
)
# Commands (and font declarations) whose argument becomes CSL markup; biblatex's \mkbib*
# wrappers and \NoCaseChange too. \textsl (slanted) has no CSL tag of its own: italics.
MARKUP: Final[dict[str, tuple[str, str]]] = {
    **dict.fromkeys(("emph", "textit", "textsl", "mkbibemph", "mkbibitalic"), ITALIC),
    **dict.fromkeys(("it", "em", "itshape", "sl", "slshape"), ITALIC),
    **dict.fromkeys(("textbf", "mkbibbold", "bf", "bfseries"), BOLD),
    **dict.fromkeys(("textsc", "sc", "scshape"), SMALL_CAPS),
    **dict.fromkeys(("textsuperscript", "mkbibsuperscript"), SUPERSCRIPT),
    **dict.fromkeys(("textsubscript", "mkbibsubscript"), SUBSCRIPT),
    "NoCaseChange": NOCASE,
}
# Commands that put typographic marks around their argument (biblatex, csquotes).
AROUND: Final[dict[str, tuple[str, str]]] = {
    **dict.fromkeys(("mkbibquote", "enquote", "textquote"), ("\u201c", "\u201d")),
    "enquote*": ("\u2018", "\u2019"),
    "textquote*": ("\u2018", "\u2019"),
    "mkbibparens": ("(", ")"),
    "mkbibbrackets": ("[", "]"),
}
# Font and wrapper commands whose argument is the text itself, with no CSL markup.
WRAPPERS: Final = frozenset(
    [
        *(name for name in MARKUP if name.startswith(("text", "emph", "mkbib", "NoCase"))),
        *(name.rstrip("*") for name in AROUND),
        "texttt",
        "textrm",
        "textsf",
        "textup",
        "textmd",
        "textnormal",
        "mbox",
        "hbox",
        "text",
        "uppercase",
        "MakeUppercase",
    ]
)
# URL commands: their argument is verbatim (no ties, dashes or quotes), \href{url}{text}.
URLS: Final = frozenset(["url", "path", "nolinkurl", "href"])
# Declarations that switch the font until the group ends: {\it X} -> X.
DECLARATIONS: Final = frozenset(
    [
        "it",
        "bf",
        "sc",
        "tt",
        "rm",
        "sf",
        "sl",
        "em",
        "itshape",
        "bfseries",
        "scshape",
        "ttfamily",
        "rmfamily",
        "sffamily",
        "slshape",
        "upshape",
        "mdseries",
        "normalfont",
        "small",
        "footnotesize",
        "large",
        "Large",
        "huge",
    ]
)
ESCAPED: Final[dict[str, str]] = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "\x01",  # placeholders keep escaped braces out of brace removal
    "}": "\x02",
    " ": " ",
    "\\": " ",  # a line break \\ inside a title
    "-": "",  # a hyphenation hint
    ",": "\u2009",
    ";": "\u2009",
    "/": "",
    "@": "",
    "\n": " ",  # a backslash at the end of a line: TeX's control space
}
