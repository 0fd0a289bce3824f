"""Output markups for formatted bibliographies: text, html, markdown, rst, latex.

Each ``Markup`` is also a citeproc-py formatter (``preformat`` plus ``Italic``, ``Bold``...
callables). Characters special to the markup are swapped for private-use placeholders
before rendering (``protect``) and escaped afterwards (``finish``), so nothing citeproc-py
does in between (joins, text-case) can split or re-case an escape.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

Wrap = Callable[[str], str]

OTHERS_MARK: Final = "\ue000"  # stands for a final "others" name until _render_fixes
#: Marks for CSL rich text inside values (``<i>`` ...) until ``Markup.finish`` renders them.
RICH_MARKS: Final[dict[tuple[str, bool], str]] = {
    (tag, opening): chr(0xE010 + 2 * position + (0 if opening else 1))
    for position, tag in enumerate(("i", "b", "sup", "sub", "sc"))
    for opening in (True, False)
}
RICH_MARK_CHARS: Final = "".join(RICH_MARKS.values())
_RICH_MARK: Final = re.compile(f"[{RICH_MARK_CHARS}]")
# Plain text has no super/subscripts: digits and signs that Unicode has them for use those.
_SCRIPTS: Final[dict[str, tuple[str, dict[int, int]]]] = {
    tag: (
        f"{RICH_MARKS[tag, True]}([{re.escape(chars)}]+){RICH_MARKS[tag, False]}",
        str.maketrans(chars, scripts),
    )
    for tag, chars, scripts in (
        ("sup", "0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ"),
        ("sub", "0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"),
    )
}
_TAG_OF_MARK: Final = {mark: key for key, mark in RICH_MARKS.items()}
_PLACEHOLDER_BASE: Final = 0xE100  # private-use area, after OTHERS_MARK


def _tag(name: str, attrs: str = "") -> Wrap:
    return lambda text: f"<{name}{attrs}>{text}</{name}>"


def _around(left: str, right: str) -> Wrap:
    return lambda text: f"{left}{text}{right}" if text else text


def _plain(text: str) -> str:
    return text


_URL: Final = re.compile(r"\b(?:https?|ftp)://[^\s<>\"]+[^\s<>\".,;:)\]]")


@dataclass(frozen=True)
class Markup:
    """One output markup: how to escape, how to style, how to lay out the list."""

    name: str
    escapes: dict[str, str]
    italic: Wrap = _plain
    bold: Wrap = _plain
    small_caps: Wrap = _plain
    superscript: Wrap = _plain
    subscript: Wrap = _plain
    underline: Wrap = _plain
    link: Callable[[str], str] | None = None  # turns a bare URL into a link
    _to_placeholder: dict[int, str] = field(init=False, repr=False, compare=False)
    _from_placeholder: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forward = {ord(c): chr(_PLACEHOLDER_BASE + i) for i, c in enumerate(self.escapes)}
        backward = {chr(_PLACEHOLDER_BASE + i): e for i, e in enumerate(self.escapes.values())}
        object.__setattr__(self, "_to_placeholder", forward)
        object.__setattr__(self, "_from_placeholder", backward)

    # citeproc-py's formatter interface ---------------------------------------------------
    def preformat(self, text: object) -> str:
        return self.protect(str(text))

    def __getattr__(self, name: str) -> Wrap:
        wraps = {
            "Italic": self.italic,
            "Oblique": self.italic,
            "Bold": self.bold,
            "Light": _plain,
            "Underline": self.underline,
            "Superscript": self.superscript,
            "Subscript": self.subscript,
            "SmallCaps": self.small_caps,
        }
        if name in wraps:
            return wraps[name]
        raise AttributeError(name)

    # our side ---------------------------------------------------------------------------
    def protect(self, text: str) -> str:
        return text.translate(self._to_placeholder) if self.escapes else text

    def finish(self, text: str) -> str:
        """Render rich text, linkify URLs (if the markup has links), placeholders -> escapes."""
        if _RICH_MARK.search(text) is not None:
            text = self._rich_text(text)
        if self.link is not None:
            text = _URL.sub(lambda m: self._link_with_raw_url(m.group(0)), text)
        for placeholder, escaped in self._from_placeholder.items():
            text = text.replace(placeholder, escaped)
        return text

    def _rich_text(self, text: str) -> str:
        """The value's own italics, bold, super/subscripts and small caps in this markup.

        Italics inside the style's italics are set upright, as citeproc-js does: in HTML
        with a normal-style span; LaTeX's ``\\emph`` does it by itself; Markdown and
        reStructuredText cannot nest emphasis, so there the inner text stays plain (in
        reStructuredText any mark inside a role does, since roles do not nest).
        """
        flipped: list[bool] = []
        if self.name in ("text", "rst"):
            for pattern, table in _SCRIPTS.values():
                text = re.sub(pattern, functools.partial(_scripted, table=table), text)

        def render(m: re.Match[str]) -> str:
            tag, opening = _TAG_OF_MARK[m.group()]
            if not opening:
                return self._close(tag, flipped.pop() if flipped else False)
            before = m.string[: m.start()]
            inside = (tag == "i" and _in_italics(self.name, before)) or (
                self.name == "rst" and before.count("`") % 2 == 1
            )
            flipped.append(inside)
            if inside:
                return '<span style="font-style:normal;">' if self.name == "html" else ""
            return self._ends(tag)[0]

        return _RICH_MARK.sub(render, text)

    def _close(self, tag: str, flipped: bool) -> str:
        if flipped:
            return "</span>" if self.name == "html" else ""
        return self._ends(tag)[1]

    def _ends(self, tag: str) -> tuple[str, str]:
        if tag == "i" and self.name == "latex":
            return "\\emph{", "}"
        wrap = {
            "i": self.italic,
            "b": self.bold,
            "sup": self.superscript,
            "sub": self.subscript,
            "sc": self.small_caps,
        }[tag]
        left, _, right = wrap("\x00").partition("\x00")
        return left, right

    def _link_with_raw_url(self, protected_url: str) -> str:
        assert self.link is not None
        raw = protected_url
        for placeholder, original in zip(self._from_placeholder, self.escapes, strict=True):
            raw = raw.replace(placeholder, original)
        return self.link(raw)


def _scripted(m: re.Match[str], table: dict[int, int]) -> str:
    return m.group(1).translate(table)


def _in_italics(markup: str, before: str) -> bool:
    """Whether the text after ``before`` is set in italics (by the style or the value)."""
    opened = before.count(RICH_MARKS["i", True]) - before.count(RICH_MARKS["i", False])
    if markup == "html":
        return (before.count("<i>") - before.count("</i>") + opened) % 2 == 1
    if markup == "markdown":  # a single * opens or closes emphasis (** is bold)
        return (before.replace("**", "").count("*") + opened) % 2 == 1
    return False


def _html_link(url: str) -> str:
    escaped = html.escape(url, quote=True)
    return f'<a href="{escaped}">{escaped}</a>'


def _latex_link(url: str) -> str:
    # \url takes the URL as written; only % and # would end or break it inside an argument
    return r"\url{" + url.replace("%", r"\%").replace("#", r"\#") + "}"


def _markdown_link(url: str) -> str:
    return f"<{url}>"  # CommonMark autolink: the URL is taken literally, no escapes inside


_MARKDOWN_SPECIALS: Final = "\\`*_[]<>#|~$"
_LATEX_ESCAPES: Final = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",  # OT1 fonts print "<" as "¡"
    ">": r"\textgreater{}",
}

MARKUPS: Final[dict[str, Markup]] = {
    "text": Markup("text", {}),
    "html": Markup(
        "html",
        {"&": "&amp;", "<": "&lt;", ">": "&gt;"},
        italic=_tag("i"),
        bold=_tag("b"),
        small_caps=_tag("span", ' style="font-variant:small-caps;"'),
        superscript=_tag("sup"),
        subscript=_tag("sub"),
        underline=_tag("span", ' style="text-decoration:underline;"'),
        link=_html_link,
    ),
    "markdown": Markup(
        "markdown",
        {c: "\\" + c for c in _MARKDOWN_SPECIALS},
        italic=_around("*", "*"),
        bold=_around("**", "**"),
        superscript=_tag("sup"),
        subscript=_tag("sub"),
        link=_markdown_link,
    ),
    "rst": Markup(
        "rst",
        {c: "\\" + c for c in "\\`*|_"},
        italic=_around(":emphasis:`", "`"),
        bold=_around(":strong:`", "`"),
        superscript=_around(":sup:`", "`"),
        subscript=_around(":sub:`", "`"),
    ),
    "latex": Markup(
        "latex",
        _LATEX_ESCAPES,
        italic=_around(r"\textit{", "}"),
        bold=_around(r"\textbf{", "}"),
        small_caps=_around(r"\textsc{", "}"),
        superscript=_around(r"\textsuperscript{", "}"),
        subscript=_around(r"\textsubscript{", "}"),
        underline=_around(r"\underline{", "}"),
        link=_latex_link,
    ),
}


def layout(markup: Markup, entries: Sequence[tuple[str, str]], *, hanging: bool) -> str:
    """The whole list: ``entries`` are ``(item id, finished entry)`` in order."""
    if not entries:
        return ""
    if markup.name == "html":
        body_class = "csl-bib-body" + (" hanging-indent" if hanging else "")
        rows = "".join(f'  <div class="csl-entry">{text}</div>\n' for _, text in entries)
        return f'<div class="{body_class}">\n{rows}</div>\n'
    if markup.name == "latex":
        if _numbered(entries):
            # thebibliography numbers its items itself: "[1]" twice would be printed
            entries = [(key, _NUMBER_LABEL.sub("", text, count=1)) for key, text in entries]
        rows = "".join(f"\\bibitem{{{_latex_key(key)}}} {text}\n" for key, text in entries)
        return f"\\begin{{thebibliography}}{{{len(entries)}}}\n{rows}\\end{{thebibliography}}\n"
    if markup.name == "text":
        return "".join(f"{text}\n" for _, text in entries)
    return "\n".join(f"{text}\n" for _, text in entries)  # markdown, rst: paragraphs


# A numeric style's label as it starts an entry: "[1] ", "(1) ", "1. ".
_NUMBER_LABEL: Final = re.compile(r"^(?:\[(\d+)\]|\((\d+)\)|(\d+)\.)\s+")


def _numbered(entries: Sequence[tuple[str, str]]) -> bool:
    """Whether every entry starts with its own number (a numeric style's list)."""
    for position, (_, text) in enumerate(entries, 1):
        m = _NUMBER_LABEL.match(text)
        if m is None or int(next(g for g in m.groups() if g)) != position:
            return False
    return True


def _latex_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9:._+-]", "-", key)
