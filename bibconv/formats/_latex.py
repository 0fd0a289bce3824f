"""LaTeX <-> Unicode for BibTeX values, and the brace protection of capitals.

``decode`` turns a BibTeX value (macros already expanded, braces and LaTeX raw) into CSL
text: accents in every spelling (``{\\"u}``, ``\\"{u}``, ``\\"u``), special letters
(``\\ss``, ``{\\o}``, ``\\aa``, ``{\\i}``), escaped specials (``\\&``, ``\\%``), ``--``/``---``,
``~`` (a no-break space, U+00A0), font commands (``\\textit{X}``, ``{\\it X}``) dropped
around their text, protective braces removed, white space folded. Math (``$...$``) is left
as written, and so are commands we do not know, with their braced arguments, so nothing
is lost. ``encode`` goes back: the specials are escaped, dashes and ``~`` restored, and
with ``ascii=True`` every non-ASCII character becomes a LaTeX escape. ``protect_case``
adds the minimal braces a BibTeX style needs to keep capitals (``{BERT}``, ``{LLM}s``,
``{CharacterBot}``); it never adds braces around braces, so round trips are stable.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Accent commands taking one letter: LaTeX command -> Unicode combining mark.
_ACCENTS: Final[dict[str, str]] = {
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
_MARK_TO_ACCENT: Final = {mark: cmd for cmd, mark in _ACCENTS.items()}

# Commands standing for one character (no argument).
_SYMBOLS: Final[dict[str, str]] = {
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
# Font and wrapper commands whose argument is the text itself.
_WRAPPERS: Final = frozenset(
    [
        "textit",
        "emph",
        "textbf",
        "textsc",
        "texttt",
        "textrm",
        "textsf",
        "textup",
        "textsl",
        "textmd",
        "textnormal",
        "mbox",
        "hbox",
        "text",
        "textsuperscript",
        "textsubscript",
        "uppercase",
        "MakeUppercase",
        "NoCaseChange",
        "url",
        "path",
        "nolinkurl",
    ]
)
# Declarations that switch the font until the group ends: {\it X} -> X.
_DECLARATIONS: Final = frozenset(
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
_ESCAPED: Final[dict[str, str]] = {
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

_NEEDS_WORK: Final = re.compile(r"[\\{}~$`']|--|[ \t\n\r]{2}|[\t\n\r]")
_SPACES: Final = re.compile(r"[ \t\n\r]+")
_PAR: Final = re.compile(r" ?\x06 ?")
_MATH: Final = re.compile(r"(?<!\\)\$(?:[^$\\]|\\.)+\$")
_COMMAND: Final = re.compile(
    r"\\(?:"
    r"(?P<accent>[\"'`^~=.])\s*(?P<abody>\{\s*(?:\\[ij]|[^{}\\\s])\s*\}|\\[ij](?![A-Za-z])|[A-Za-z])"
    r"|(?P<letteraccent>[uvHckrdbt])(?:\s*\{\s*(?P<lbody>\\[ij]|[^{}\\\s])\s*\}|\s+(?P<lbare>[A-Za-z]))"
    r"|char\"(?P<hex>[0-9A-Fa-f]{2,6})"
    r"|(?P<name>[A-Za-z]+)(?P<star>\*?)(?P<gap>[ \t\n\r]*)"
    r"(?P<args>(?:\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*)"
    r"|(?P<escaped>.)"
    r")",
    re.DOTALL,
)
_QUOTES: Final = re.compile(r"``|''|---|--")
_QUOTE_TEXT: Final = {"``": "“", "''": "”", "---": "—", "--": "–"}


def fold_space(text: str) -> str:
    """White space runs (not no-break spaces) to one space, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def decode(text: str) -> str:
    """BibTeX value text -> Unicode CSL text (see the module docstring)."""
    if _NEEDS_WORK.search(text) is None:
        return text.strip()
    if "$" in text:
        parts = []
        last = 0
        for m in _MATH.finditer(text):
            parts.append(_decode_text(text[last : m.start()]))
            parts.append(m.group())  # math stays LaTeX
            last = m.end()
        parts.append(_decode_text(text[last:]))
        return _paragraphs(fold_space("".join(parts)))
    return _paragraphs(fold_space(_decode_text(text)))


def _paragraphs(text: str) -> str:
    if "\x06" not in text:
        return text
    return _PAR.sub("\n\n", text).strip()


def _decode_text(text: str) -> str:
    if "\\" in text:
        text = _COMMAND.sub(_command_replacement, text)
    if "~" in text:
        text = text.replace("~", "\u00a0")
    # Ligatures before brace removal, so that "-{}-" stays two hyphens.
    if "-" in text or "`" in text or "'" in text:
        text = _QUOTES.sub(lambda m: _QUOTE_TEXT[m.group()], text)
    if "{" in text or "}" in text:
        text = text.replace("{", "").replace("}", "")
    if "\x03" in text:
        # Braces of unknown commands' arguments, kept on purpose.
        text = text.replace("\x03", "{").replace("\x04", "}")
    return text.replace("\x01", "{").replace("\x02", "}").replace("\x05", "~")


def _accented(base: str, mark: str) -> str:
    if base == "\\i":
        base = "i"
    elif base == "\\j":
        base = "j"
    return unicodedata.normalize("NFC", base + mark)


def _command_replacement(m: re.Match[str]) -> str:
    accent = m.group("accent")
    if accent is not None:
        body = m.group("abody").strip("{} \t\n")
        return _accented(body, _ACCENTS[accent])
    letter = m.group("letteraccent")
    if letter is not None:
        body = m.group("lbody") or m.group("lbare")
        return _accented(body, _ACCENTS[letter])
    hex_code = m.group("hex")
    if hex_code is not None:
        return chr(int(hex_code, 16))
    name = m.group("name")
    if name is not None:
        return _named_command(m, name)
    escaped = m.group("escaped")
    return _ESCAPED.get(escaped, "\\" + escaped)


def _named_command(m: re.Match[str], name: str) -> str:
    gap, args = m.group("gap"), m.group("args")
    if name in _SYMBOLS:
        symbol = _SYMBOLS[name]
        # TeX swallows the spaces after a control word; keep one after a non-letter symbol.
        space = " " if gap and not (len(symbol) == 1 and symbol.isalpha()) and not args else ""
        rest = _COMMAND.sub(_command_replacement, args) if args.strip() != "{}" else ""
        return symbol + space + rest
    if name in _WRAPPERS or name in _DECLARATIONS:
        # The text follows (as an argument or the rest of the group); its braces go later.
        return _COMMAND.sub(_command_replacement, args) if args else ""
    # An unknown command is kept as written, arguments and all; \x03/\x04 stand for its
    # braces so brace removal leaves them alone.
    kept = args.replace("{", "\x03").replace("}", "\x04")
    return "\\" + name + m.group("star") + gap + kept


# ----------------------------------------------------------------------------- encoding

# Everything in CSL text that BibTeX would read as something else.
_ENCODE_NEEDED: Final = re.compile(r"[\\{}~&%#_\n]|--|``|''|[^\x00-\x7f]")
_ENCODE_TOKEN: Final = re.compile(
    r"(?P<cmd>\\[A-Za-z]+\*?(?:\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*)"
    r"|(?P<par>[ \t]*\n[ \t]*\n\s*)"
    r"|(?P<other>\\|[{}~&%#_]|-(?=[-–—])|``|''|[^\x00-\x7f])"
)
_LETTER_ACCENTS: Final = frozenset("uvHckrdbt")
_TEXT_OUT: Final[dict[str, str]] = {
    "–": "--",
    "—": "---",
    "\u00a0": "~",
    "\\": "\\textbackslash{}",
    # BibTeX counts braces even after a backslash, so "\{" could leave a value unbalanced.
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "~": "\\textasciitilde{}",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "-": "-{}",  # a hyphen followed by another: "--" in CSL text is two hyphens
    "``": "`{}`",
    "''": "'{}'",
}
_ASCII_ONLY: Final[dict[str, str]] = {
    "…": "\\ldots{}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
    "\u2009": "\\,",
}
_NOT_REVERSED: Final = frozenset({"j", "SS", "LaTeX", "TeX", "BibTeX", "slash", "dots"})
_SYMBOL_OUT: Final[dict[str, str]] = {}
for _name, _char in _SYMBOLS.items():
    if len(_char) == 1 and _name not in _NOT_REVERSED and not _char.isascii():
        _SYMBOL_OUT.setdefault(_char, f"{{\\{_name}}}")


def encode(text: str, *, ascii: bool = False) -> str:
    """CSL text -> BibTeX value text (without the outer braces); math is kept as is."""
    if "$" in text:
        parts = []
        last = 0
        for m in _MATH.finditer(text):
            parts.append(_encode_text(text[last : m.start()], ascii))
            parts.append(m.group())
            last = m.end()
        parts.append(_encode_text(text[last:], ascii))
        return "".join(parts)
    return _encode_text(text, ascii)


def _encode_text(text: str, ascii: bool) -> str:
    if _ENCODE_NEEDED.search(text) is None:
        return text
    return _ENCODE_TOKEN.sub(lambda m: _encode_token(m, ascii), text)


def _is_known_command(token: str) -> bool:
    name = token[1:].split("{", 1)[0].rstrip("*")
    return (
        name in _SYMBOLS
        or name in _WRAPPERS
        or name in _DECLARATIONS
        or name in _LETTER_ACCENTS
        or name == "char"
    )


def _encode_token(m: re.Match[str], ascii: bool) -> str:
    command = m.group("cmd")
    if command is not None:
        if not _is_known_command(command):
            return command  # an unknown command kept from a BibTeX input: written back as is
        # A known command in CSL text is literal text: its backslash and braces escaped.
        name = re.match(r"\\[A-Za-z]+\*?", command)
        assert name is not None  # the token pattern starts with one
        return _TEXT_OUT["\\"] + name.group()[1:] + _encode_text(command[name.end() :], ascii)
    if m.group("par") is not None:
        return " \\par "  # a blank line inside one braced value is a paragraph break
    char = m.group()
    if char in _TEXT_OUT:
        if char in "–—" and m.string[m.end() : m.end() + 1] in ("-", "–", "—"):
            return _TEXT_OUT[char] + "{}"  # "–-" must not become "---", an em dash
        return _TEXT_OUT[char]
    return ascii_escape(char) if ascii else char


def ascii_escape(char: str) -> str:
    """One non-ASCII character as a LaTeX escape: ``{\\"u}``, ``{\\ss}``, ``{\\char"263A}``."""
    if char in _ASCII_ONLY:
        return _ASCII_ONLY[char]
    if char in _SYMBOL_OUT:
        return _SYMBOL_OUT[char]
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and marks and all(m in _MARK_TO_ACCENT for m in marks):
        out = "\\i" if base == "i" and marks else base
        for mark in marks:
            cmd = _MARK_TO_ACCENT[mark]
            out = f"\\{cmd}{out}" if not cmd.isalpha() else f"\\{cmd}{{{out}}}"
        return "{" + out + "}"
    return f'{{\\char"{ord(char):04X}}}'


# ----------------------------------------------------------------------------- case

# A word with a capital after its first letter (CamelCase, acronyms, "LLMs", "iPhone").
# A capital after a letter or digit: what makes a word need protection.
_INNER_CAPITAL: Final = re.compile(r"[A-Za-z0-9][A-Z]")
_CASE_TOKENS: Final = re.compile(r"[{}]|\$[^$]*\$|\\[A-Za-z]+|(?<![\w])[A-Za-z]*[A-Z][A-Za-z0-9]*")
_LEADING_CAPS: Final = re.compile(r"([A-Z]{2,})([a-z]{1,2})")


def protect_case(text: str) -> str:
    """Brace the capitals a style would lower-case: ``{BERT}``, ``{LLM}s``, ``{CharacterBot}``.

    Only words with a capital after their first character are protected, and never
    inside existing braces or math, so encoding the decoded text gives the same braces.
    """
    if _INNER_CAPITAL.search(text) is None:
        return text
    out: list[str] = []
    depth = 0
    last = 0
    for m in _CASE_TOKENS.finditer(text):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token[0] not in "$\\" and _needs_protection(token):
            out.append(text[last : m.start()])
            out.append(_protected(token))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _needs_protection(word: str) -> bool:
    return _INNER_CAPITAL.search(word) is not None


def _protected(word: str) -> str:
    m = _LEADING_CAPS.fullmatch(word)
    if m:
        return "{" + m.group(1) + "}" + m.group(2)  # {LLM}s, {GPU}s
    return "{" + word + "}"


_TOP_GROUP: Final = re.compile(
    r"\{((?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+)\}"
)
_COMMAND_BEFORE: Final = re.compile(r"\\(?:[A-Za-z]+|.)[ \t\n\r]*\Z")


def protected_words(text: str) -> list[str]:
    """The words a BibTeX style keeps as written: those inside top-level brace groups.

    Groups that are a command's argument (``\\emph{X}``, ``\\"{u}``) or a special character
    (``{\\"u}``, ``{\\ss}``) do not count. Used to tell whether :func:`protect_case` gives
    back the protection a value was written with.
    """
    if "{" not in text:
        return []
    words: list[str] = []
    for m in _TOP_GROUP.finditer(text):
        if _COMMAND_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        decoded = decode(m.group(1))
        if m.group(1).startswith("\\") and len(decoded) <= 2:
            continue  # a special character such as {\"u} or {\ss}
        words.extend(decoded.split())
    return words
