"""Output markups for formatted bibliographies: text, html, markdown, rst, latex.

Each ``Markup`` is also a citeproc-py formatter (``preformat`` plus ``Italic``, ``Bold``...
callables). Characters special to the markup are swapped for private-use placeholders
before rendering (``protect``) and escaped afterwards (``finish``), so nothing citeproc-py
does in between (joins, text-case) can split or re-case an escape.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

Wrap = Callable[[str], str]

OTHERS_MARK: Final = "\ue000"  # stands for a final "others" name until _render_fixes
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
        """Linkify URLs (if the markup has links) and turn placeholders into escapes."""
        if self.link is not None:
            text = _URL.sub(lambda m: self._link_with_raw_url(m.group(0)), text)
        for placeholder, escaped in self._from_placeholder.items():
            text = text.replace(placeholder, escaped)
        return text

    def _link_with_raw_url(self, protected_url: str) -> str:
        assert self.link is not None
        raw = protected_url
        for placeholder, original in zip(self._from_placeholder, self.escapes, strict=True):
            raw = raw.replace(placeholder, original)
        return self.link(raw)


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
        rows = "".join(f"\\bibitem{{{_latex_key(key)}}} {text}\n" for key, text in entries)
        return f"\\begin{{thebibliography}}{{{len(entries)}}}\n{rows}\\end{{thebibliography}}\n"
    if markup.name == "text":
        return "".join(f"{text}\n" for _, text in entries)
    return "\n".join(f"{text}\n" for _, text in entries)  # markdown, rst: paragraphs


def _latex_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9:._+-]", "-", key)
