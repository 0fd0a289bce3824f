"""LaTeX <-> Unicode for BibTeX values, in both directions (they must stay inverse).

``decode`` turns a BibTeX value (macros already expanded, braces and LaTeX raw) into CSL
text: accents in every spelling (``{\\"u}``, ``\\"{u}``, ``\\"u``), special letters
(``\\ss``, ``{\\o}``, ``\\aa``, ``{\\i}``), escaped specials (``\\&``, ``\\%``), ``--``/``---``,
``~`` (a no-break space, U+00A0), font commands (``\\textit{X}``, ``{\\it X}``) dropped
around their text, protective braces removed, white space folded. Math (``$...$``) is left
as written, and so are commands we do not know, with their braced arguments, so nothing
is lost. ``encode`` goes back: the specials are escaped, dashes and ``~`` restored, and
with ``ascii=True`` every non-ASCII character becomes a LaTeX escape. The command tables
both read are in ``latex_tables.py``; the brace protection of capitals is in
``case_protection.py``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from bibconv import _richtext
from bibconv.formats.bibtex.latex_tables import (
    ACCENTS,
    AROUND,
    DECLARATIONS,
    ESCAPED,
    LETTER_ACCENTS,
    MARK_TO_ACCENT,
    MARKUP,
    SYMBOLS,
    URLS,
    WRAPPERS,
)

_NEEDS_WORK: Final = re.compile(r"[\\{}~$`']|--|[ \t\n\r]{2}|[\t\n\r]")
_SPACES: Final = re.compile(r"[ \t\n\r]+")
_PAR: Final = re.compile(r" ?\x06 ?")
_MATH: Final = re.compile(r"(?<!\\)\$(?:[^$\\]|\\.)+\$")
_BALANCED: Final = r"(?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+"
_COMMAND_BODY: Final = (
    r"\\(?:"
    r"(?P<accent>[\"'`^~=.])\s*(?P<abody>\{\s*(?:\\[ij]|[^{}\\\s])\s*\}|\\[ij](?![A-Za-z])|[A-Za-z])"
    r"|(?P<letteraccent>["
    + LETTER_ACCENTS
    + r"])(?:\s*\{\s*(?P<lbody>\\[ij]|[^{}\\\s])\s*\}|\s+(?P<lbare>[A-Za-z]))"
    r"|char\"(?P<hex>[0-9A-Fa-f]{2,6})"
    r"|char`\\?(?P<code>.)"
    r"|(?P<name>[A-Za-z]+)(?P<star>\*?)(?P<gap>[ \t\n\r]*)"
    r"(?P<opt>(?:\[[^\[\]{}]*\])*)"
    rf"(?P<args>(?:\{{{_BALANCED}\}})*)"
    r"|(?P<escaped>.)"
    r")"
)
_COMMAND: Final = re.compile(_COMMAND_BODY, re.DOTALL)
# The same, and a group opened by a font declaration or by a wrapper used as one ({\it X},
# {\textit X}); a second pattern because trying it at every position is slow.
_COMMAND_OR_GROUP: Final = re.compile(
    r"(?P<group>\{\\(?P<decl>"
    + "|".join(sorted(MARKUP, key=len, reverse=True))
    + rf")(?![A-Za-z])(?P<dgap>[ \t\n\r]*+)(?P<dbody>{_BALANCED})\}})|"
    + _COMMAND_BODY,
    re.DOTALL,
)
_ONE_GROUP: Final = re.compile(rf"\{{({_BALANCED})\}}")
_QUOTES: Final = re.compile(r"``|''|---|--")
_QUOTE_TEXT: Final = {"``": "“", "''": "”", "---": "—", "--": "–"}
# A closing ' of a `single' quote: not an apostrophe inside a word (`don't').
_SINGLE_QUOTED: Final = re.compile(r"`((?:[^`']|'(?=[^\W\d_]))*)'(?![^\W\d_])")
_NESTED_QUOTES: Final = str.maketrans({"“": "‘", "”": "’"})
# Verbatim text (URLs): placeholders for what the later passes would read as LaTeX.
_LITERAL: Final[dict[str, str]] = {"~": "\x05", "-": "\x0b", "`": "\x0e", "'": "\x0f"}
_VERBATIM_IN: Final = str.maketrans({**_LITERAL, "{": "\x01", "}": "\x02"})
# An unknown command's arguments: kept as written, their braces too (\x03 and \x04).
_KEPT_IN: Final = str.maketrans({**_LITERAL, "{": "\x03", "}": "\x04"})
_VERBATIM_ESCAPE: Final = re.compile(r"\\([_%&#~$])")
_PLACEHOLDER: Final = re.compile("[\x01\x02\x05\x0b\x0e\x0f]")
_PLACEHOLDERS_OUT: Final = str.maketrans(
    {"\x01": "{", "\x02": "}", "\x05": "~", "\x0b": "-", "\x0e": "`", "\x0f": "'"}
)


# A control word swallows the white space after it, so "\\H o" is "\\H{o}"; "\\ " (a
# control space) is a space. An even run of backslashes before them is line breaks.
_SPACED_COMMAND: Final = re.compile(
    rf"(?<!\\)((?:\\\\)*+)\\(?:([{LETTER_ACCENTS}])[ \t\n\r]+([A-Za-z])|[ \t\n\r])"
)


def without_command_spaces(text: str) -> str:
    """The same LaTeX with no white space that belongs to a command: ``Dezs\\H o`` ->
    ``Dezs\\H{o}``, ``L.\\ Thiele`` -> ``L. Thiele``, so that cutting the text at white
    space (as the BibTeX name grammar does) cuts no command from its argument."""
    if "\\" not in text:
        return text
    return _SPACED_COMMAND.sub(_unspaced, text)


def _unspaced(m: re.Match[str]) -> str:
    lines, accent, letter = m.groups()
    return lines + (f"\\{accent}{{{letter}}}" if accent else " ")


def fold_space(text: str) -> str:
    """White space runs (not no-break spaces) to one space, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def decode(text: str, *, markup: bool = True) -> str:
    """BibTeX value text -> Unicode CSL text (see the module docstring).

    ``markup=False`` gives plain text without CSL's rich-text tags (for names).
    """
    if _NEEDS_WORK.search(text) is None:
        return text.strip()
    maths: list[str] = []
    if "$" in text:
        # Math stays LaTeX: it waits as one private character each while the rest is
        # decoded, so a command around it (\textsuperscript{$x^2$}) still sees its argument.
        text = _MATH.sub(lambda m: _math_mark(m.group(), maths), text)
    decoded = _paragraphs(fold_space(_decode_text(text)))
    if maths:
        decoded = _MATH_MARK.sub(lambda m: maths[ord(m.group()) - _MATH_BASE], decoded)
    return decoded if markup else _richtext.plain_text(decoded)


_MATH_BASE: Final = 0xF0000  # supplementary private use area: never in BibTeX text
_MATH_MARK: Final = re.compile("[\U000f0000-\U000fffff]")


def _math_mark(math: str, maths: list[str]) -> str:
    maths.append(_SPACES.sub(" ", math))  # white space folds inside math too
    return chr(_MATH_BASE + len(maths) - 1)


def _paragraphs(text: str) -> str:
    if "\x06" not in text:
        return text
    return _PAR.sub("\n\n", text).strip()


def _decode_text(text: str) -> str:
    if "\\" in text:
        text = _commands(text)
    if "~" in text:
        text = text.replace("~", "\u00a0")
    # Ligatures before brace removal, so that "-{}-" stays two hyphens.
    if "-" in text or "`" in text or "'" in text:
        text = _QUOTES.sub(lambda m: _QUOTE_TEXT[m.group()], text)
        if "`" in text:
            text = _SINGLE_QUOTED.sub("\u2018\\1\u2019", text).replace("`", "\u2018")
    if "{" in text or "}" in text:
        text = text.replace("{", "").replace("}", "")
    if "\x03" in text:
        # Braces of unknown commands' arguments, kept on purpose.
        text = text.replace("\x03", "{").replace("\x04", "}")
    return text.translate(_PLACEHOLDERS_OUT) if _PLACEHOLDER.search(text) else text


def _declared_group(m: re.Match[str]) -> str:
    """``{\\it X}`` and ``{\\textit X}`` -> ``<i>X</i>``; other groups are read as usual."""
    name, body = m.group("decl"), m.group("dbody")
    tags = MARKUP.get(name)
    if tags is None or not body.strip() or (name in WRAPPERS and body.startswith("{")):
        return "{" + _commands(m.group()[1:-1]) + "}"
    return "{" + tags[0] + _inner(body) + tags[1] + "}"


def _accented(base: str, mark: str) -> str:
    if base == "\\i":
        base = "i"
    elif base == "\\j":
        base = "j"
    return unicodedata.normalize("NFC", base + mark)


def _command_replacement(m: re.Match[str]) -> str:
    if m.lastgroup == "group":
        return _declared_group(m)
    accent = m.group("accent")
    if accent is not None:
        body = m.group("abody").strip("{} \t\n")
        return _accented(body, ACCENTS[accent])
    letter = m.group("letteraccent")
    if letter is not None:
        body = m.group("lbody") or m.group("lbare")
        return _accented(body, ACCENTS[letter])
    hex_code = m.group("hex")
    if hex_code is not None:
        return chr(int(hex_code, 16))
    code = m.group("code")
    if code is not None:  # \char`\\ is the backslash character itself
        return code.translate(_VERBATIM_IN)
    name = m.group("name")
    if name is not None:
        return _named_command(m, name)
    escaped = m.group("escaped")
    return ESCAPED.get(escaped, "\\" + escaped)


def _inner(args: str) -> str:
    return _commands(args) if "\\" in args else args


def _commands(text: str) -> str:
    pattern = _COMMAND_OR_GROUP if "{\\" in text else _COMMAND
    return pattern.sub(_command_replacement, text)


def _named_command(m: re.Match[str], name: str) -> str:
    # TeX swallows the white space after a control word (A\textendash B -> A–B).
    opt, args = m.group("opt"), m.group("args")
    symbol = SYMBOLS.get(name) or text_symbol(name)
    if symbol is not None:
        return symbol + opt + (_inner(args) if args.strip() != "{}" else "")
    starred = name + m.group("star")
    if name in URLS:
        return _url_command(name, args)
    if name in WRAPPERS or starred in AROUND:
        first = _ONE_GROUP.match(args)
        if first is None:
            return ""  # \emph with no braced argument: the text follows as it is
        inner, rest = _inner(first.group(1)), _inner(args[first.end() :])
        if starred in AROUND:
            left, right = AROUND[starred]
            if left == "“":
                inner = inner.translate(_NESTED_QUOTES)  # quotes inside quotes: ‘ ’
            return left + inner + right + rest
        open_tag, close_tag = MARKUP.get(name, ("", ""))
        return open_tag + inner + close_tag + rest
    if name in DECLARATIONS:
        return _inner(args)  # the text follows (the rest of the group); braces go later
    # An unknown command is kept as written, arguments and all; \x03/\x04 stand for its
    # braces so brace removal leaves them alone.
    kept = (opt + args).translate(_KEPT_IN)
    return "\\" + name + m.group("star") + m.group("gap") + kept


def _url_command(name: str, args: str) -> str:
    """``\\url{u}`` -> u; ``\\href{u}{text}`` -> "text (u)", or u when the text is u."""
    groups = [g.group(1) for g in _ONE_GROUP.finditer(args)]
    if not groups:
        return ""
    url = _verbatim(groups[0])
    if name != "href" or len(groups) < 2:
        return url
    text = decode(groups[1])
    if text in (groups[0], _VERBATIM_ESCAPE.sub(r"\1", groups[0])) or not text:
        return url
    return f"{text} ({url})"


def _verbatim(text: str) -> str:
    return _VERBATIM_ESCAPE.sub(r"\1", text.strip()).translate(_VERBATIM_IN)


@functools.cache
def _text_symbols() -> dict[str, str]:
    """pylatexenc's text-mode symbol macros our table lacks (``\\textmu``, ``\\textdagger``).

    Only one-character ``\\text...`` macros: the others in its table are math-mode
    commands, which stay as written outside ``$...$`` (nothing is guessed away).
    """
    from pylatexenc import latex2text

    symbols: dict[str, str] = {}
    for spec in latex2text.get_default_latex_context_db().iter_macro_specs():
        repl, name = spec.simplify_repl, spec.macroname
        if isinstance(repl, str) and len(repl) == 1 and name.startswith("text"):
            symbols.setdefault(name, repl)
    return symbols


def text_symbol(name: str) -> str | None:
    """The character a text-mode symbol command stands for, from pylatexenc's table."""
    if not name.startswith("text") or name in WRAPPERS or name in SYMBOLS:
        return None
    return _text_symbols().get(name)


# ----------------------------------------------------------------------------- encoding

# Everything in CSL text that BibTeX would read as something else.
_ENCODE_NEEDED: Final = re.compile(r"[\\{}~&%#_\n`$]|--|''|[^\x00-\x7f]")
_ENCODE_TOKEN: Final = re.compile(
    rf"(?P<cmd>\\[A-Za-z]+\*?(?:[ \t]*(?:\[[^\[\]{{}}]*\]|\{{{_BALANCED}\}}))*)"
    r"|(?P<par>[ \t]*\n[ \t]*\n\s*)"
    r"|(?P<other>\\|[{}~&%#_`$]|-(?=[-–—])|'(?=')|[^\x00-\x7f])"
)
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
    "$": "\\$",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "-": "-{}",  # a hyphen followed by another: "--" in CSL text is two hyphens
    "`": "\\textasciigrave{}",  # a backquote would read as an opening quote
    "'": "'{}",  # an apostrophe followed by another: '' in CSL text is two apostrophes
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
for _name, _char in SYMBOLS.items():
    if len(_char) == 1 and _name not in _NOT_REVERSED and not _char.isascii():
        _SYMBOL_OUT.setdefault(_char, f"{{\\{_name}}}")


# CSL rich text -> LaTeX: \emph (not \textit) for italics, as pandoc and Better BibTeX
# write it: inside italics LaTeX sets it upright, as CSL's <i> inside italics is.
_MARKUP_OUT: Final[dict[str, str]] = {
    "i": "\\emph{",
    "b": "\\textbf{",
    "sup": "\\textsuperscript{",
    "sub": "\\textsubscript{",
    "sc": "\\textsc{",
    "nocase": "{",  # the braces BibTeX and biblatex both keep as written
}


def encode(text: str, *, ascii: bool = False) -> str:
    """CSL text -> BibTeX value text (without the outer braces); math is kept as is.

    CSL's rich-text tags become LaTeX (``<i>x</i>`` -> ``\\emph{x}``, ``<span
    class="nocase">x</span>`` -> ``{x}``) when they nest; otherwise they are text.
    """
    parts = _richtext.pieces(text)
    if parts is None:
        return _encode_plain(text, ascii)
    out: list[str] = []
    braced: list[bool] = []  # per open tag: whether its braces were written
    quotes = _Quotes()  # the decoder pairs quotes over the whole value, markup and all
    for kind, value in parts:
        if kind == "text":
            out.append(_encode_plain(value, ascii, quotes))
        elif kind == "open":
            # "{x}" right after a control word kept as written would read as its argument
            # (\foo{x} stays "\foo{x}"); the nocase braces are left out there: they read as
            # plain text anyway, so the text reads back as written
            written = value != "nocase" or not _ends_in_control_word(out)
            braced.append(written)
            out.append(_MARKUP_OUT[value] if written else "")
        else:
            out.append("}" if braced.pop() else "")
    return "".join(out)


def _ends_in_control_word(chunks: list[str]) -> bool:
    last = next((chunk for chunk in reversed(chunks) if chunk), "")
    return _ENDS_IN_CONTROL_WORD.search(last) is not None


@dataclass(slots=True)
class _Quotes:
    """Whether a ‘ is open: carried from one rich-text piece to the next."""

    open: bool = False


def _encode_plain(text: str, ascii: bool, quotes: _Quotes | None = None) -> str:
    """Text without markup: math that looks like math is kept, any other ``$`` is ``\\$``.
    ``quotes``: the pairing state of the pieces before (``encode``'s rich text)."""
    if ascii and (
        _QUOTE_CHARS.search(text) or (quotes is not None and quotes.open and "'" in text)
    ):
        # quotes are paired over the whole text, math included
        marked = _ascii_quotes(text, _math_spans(text), quotes if quotes is not None else _Quotes())
        return _encode_outside_math(marked, ascii).translate(_QUOTES_OUT)
    return _encode_outside_math(text, ascii)


def _encode_outside_math(text: str, ascii: bool) -> str:
    parts = []
    last = 0
    for start, end in _math_spans(text):
        parts.append(_encode_text(text[last:start], ascii))
        parts.append(text[start:end])
        last = end
    parts.append(_encode_text(text[last:], ascii))
    return "".join(parts)


def _math_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has math that looks like math (kept as written by the writer)."""
    spans: list[tuple[int, int]] = []
    start = text.find("$")
    while start >= 0:
        m = _MATH.match(text, start)
        if m is None or not _looks_like_math(m.group()[1:-1]):
            start = text.find("$", start + 1)
            continue
        spans.append(m.span())
        start = text.find("$", m.end())
    return spans


# "$x^2$", "$\\alpha$", "$n$", "$512$" are math; "$5 and $" (two prices) is not.
_MATH_SIGNS: Final = re.compile(r"[\\^_{}=+<>|]|\A[^\s]+\Z")


def _looks_like_math(content: str) -> bool:
    return _MATH_SIGNS.search(content) is not None


def _encode_text(text: str, ascii: bool) -> str:
    if _ENCODE_NEEDED.search(text) is None:
        return text
    kept_command_end = -1  # where the last unknown command kept as written ends

    def encode_one(m: re.Match[str]) -> str:
        nonlocal kept_command_end
        out = _encode_token(m, ascii)
        if m.group("cmd") is not None and out == m.group():
            kept_command_end = m.end()
        elif m.start() == kept_command_end and out.startswith("{"):
            out = _unbraced(out)  # "{...}" here would read as the kept command's argument
        return out

    return _ENCODE_TOKEN.sub(encode_one, text)


_ENDS_IN_CONTROL_WORD: Final = re.compile(r'\\(?:[A-Za-z]+|char"[0-9A-F]+)\Z')


def _unbraced(escape: str) -> str:
    """``{\\"u}`` -> ``\\"u``, ``{\\ss}`` -> ``\\ss{}`` (the control word ended by ``{}``)."""
    inner = escape[1:-1]
    return inner + "{}" if _ENDS_IN_CONTROL_WORD.search(inner) else inner


# ASCII output of quotes, decided before encoding: placeholders, then these.
_QUOTE_CHARS: Final = re.compile("[‘’“”]")
_QUOTE_ASCII: Final[dict[str, str]] = {
    "\x10": "`",
    "\x12": "'",
    "\x15": "``",
    "\x16": "''",
    "\x11": "\\textquoteright{}",
    "\x13": "\\textquotesingle{}",
    "\x14": "{}",  # between two quote marks that would otherwise read as one
}
_QUOTES_OUT: Final = str.maketrans(_QUOTE_ASCII)


def _ascii_quotes(text: str, maths: list[tuple[int, int]], quotes: _Quotes) -> str:
    """‘x’ -> `x', “x” -> ``x'' where the decoder reads them back the same; any other ’
    (or a ' that would close an open ‘) is spelled out, and marks that would run together
    (`` ‘“ `` -> ``` `{}`` ```) are kept apart: ``--ascii`` output reads back exactly."""
    units: list[str] = []
    open_quote = quotes.open
    in_math = {position for start, end in maths for position in range(start, end)}
    for position, char in enumerate(text):
        following = text[position + 1 : position + 2]
        # A non-ASCII letter is written as an escape ('{\"u}'), so the decoder sees no letter.
        closes = not (following.isascii() and following.isalpha())
        if position in in_math:
            units.append(char)  # math is written as it is
        elif char == "‘":
            units.append("\x10")
            open_quote = True
        elif char == "’":
            units.append("\x12" if open_quote and closes else "\x11")
            open_quote = open_quote and not closes
        elif char == "'" and open_quote and closes:
            units.append("\x13")
        else:
            units.append({"“": "\x15", "”": "\x16"}.get(char, char))
    quotes.open = open_quote
    out: list[str] = []
    for unit in units:
        quote = unit[0] in "\x10\x12\x15\x16'"
        if quote and out and _ascii_of(out[-1])[-1:] == _ascii_of(unit)[:1]:
            out.append("\x14")
        out.append(unit)
    return "".join(out)


def _ascii_of(unit: str) -> str:
    return _QUOTE_ASCII.get(unit, unit)


def _is_known_command(token: str) -> bool:
    name = re.split(r"[{\[]", token[1:], maxsplit=1)[0].rstrip("*")
    return (
        name in SYMBOLS
        or name in WRAPPERS
        or name in DECLARATIONS
        or name in MARKUP
        or name in URLS
        or name in LETTER_ACCENTS
        or name == "char"
        or text_symbol(name) is not None
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
    if base.isascii() and marks and all(m in MARK_TO_ACCENT for m in marks):
        out = "\\i" if base == "i" and marks else base
        for mark in marks:
            cmd = MARK_TO_ACCENT[mark]
            out = f"\\{cmd}{out}" if not cmd.isalpha() else f"\\{cmd}{{{out}}}"
        return "{" + out + "}"
    return f'{{\\char"{ord(char):04X}}}'
