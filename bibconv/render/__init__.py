"""Formatted bibliographies and in-text citations through citeproc-py.

The only module (with its ``_render_*`` helpers) that imports citeproc-py. citeproc-py
does the CSL work; around it we: resolve style names and aliases, parse each style once
(``render.engine``, with our fixes to its elements in ``render.elements``), build its
references ourselves (``render.items``), sort by the style's ``<sort>`` with real
collation, add year suffixes (2025a/2025b) where the style asks, render each entry on its
own (one bad item is reported, never loses the rest), and repair citeproc-py's known
mistakes (``render.fixes``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from bibconv.diagnostics import Diagnostic
from bibconv.model import CslItem
from bibconv.render.markup import MARKUPS, layout
from bibconv.render.session import _Session
from bibconv.render.styles import ALIASES, _markup, _style_files

OUTPUTS: Final = tuple(MARKUPS)


#: The ``output`` names (a closed set: ``OUTPUTS``; tests/render/test_render.py keeps them equal).
Output = Literal["text", "html", "markdown", "rst", "latex"]


#: The style aliases (``ALIASES``). The set of styles is open: any name ``bibconv styles``
#: lists, or a ``.csl`` path, is a ``str`` too; the aliases are spelled out for editors.
StyleAlias = Literal[
    "apa", "ieee", "chicago", "mla", "harvard", "nature", "vancouver", "acl", "acs",
    "elsevier-harvard",
]  # fmt: skip


Style = StyleAlias | str


# ----------------------------------------------------------------------------- public API


def format_bibliography(
    items: Sequence[CslItem],
    style: Style = "apa",
    output: Output = "text",
    locale: str = "en-US",
    *,
    diagnostics: list[Diagnostic] | None = None,
) -> str:
    """The reference list for ``items`` in ``style``, sorted as the style says.

    ``style`` is an alias (``apa``, ``ieee``, ``chicago``...), a style name as
    ``bibconv styles`` lists it, or a ``.csl`` path; ``output`` is one of ``text``,
    ``html``, ``markdown``, ``rst``, ``latex``. An unknown style, locale or output
    raises :class:`UnknownStyleError` (a :class:`BibconvError`). An item citeproc-py
    cannot render is left out with a ``render.failed`` warning in ``diagnostics``;
    without a list, :class:`RenderError` is raised instead, so no item vanishes silently.
    """
    markup = _markup(output)
    session = _Session.start(items, style, locale, markup, diagnostics)
    entries = session.bibliography()
    return layout(markup, entries, hanging=session.hanging_indent())


def bibliography_entries(
    items: Sequence[CslItem],
    style: Style = "apa",
    output: Output = "text",
    locale: str = "en-US",
    *,
    diagnostics: list[Diagnostic] | None = None,
) -> list[tuple[str, str]]:
    """``(item id, entry)`` pairs in the style's order, without the list's wrapping."""
    session = _Session.start(items, style, locale, _markup(output), diagnostics)
    return session.bibliography()


def bibliography_records(
    items: Sequence[CslItem],
    style: Style = "apa",
    locale: str = "en-US",
    *,
    diagnostics: list[Diagnostic] | None = None,
) -> list[dict[str, str]]:
    """``{"id", "text", "html"}`` per entry in the style's order, so tools can place
    entries by id (``bibconv format --to json``). Problems are reported once, by the
    text run; an item that fails there is left out of both."""
    texts = bibliography_entries(items, style, "text", locale, diagnostics=diagnostics)
    html = dict(bibliography_entries(items, style, "html", locale, diagnostics=[]))
    return [{"id": key, "text": text, "html": html.get(key, "")} for key, text in texts]


def format_citations(
    items: Sequence[CslItem],
    keys: Sequence[str],
    style: Style = "apa",
    output: Output = "text",
    locale: str = "en-US",
    *,
    diagnostics: list[Diagnostic] | None = None,
) -> str:
    """One in-text citation of the items with ids ``keys``: "(Wang et al., 2025)", "[1]".

    Style, locale and output are as for :func:`format_bibliography`; an id that no item
    has raises :class:`UnknownItemError` (a :class:`BibconvError` and ``LookupError``).
    """
    markup = _markup(output)
    session = _Session.start(items, style, locale, markup, diagnostics)
    return session.citation(keys)


def list_styles(query: str | None = None) -> list[str]:
    """Style names (aliases first), those containing every word of ``query`` if given."""
    names = [*ALIASES, *_style_files()]
    if query:
        words = query.casefold().split()
        names = [n for n in names if all(w in n.casefold() for w in words)]
    return list(dict.fromkeys(names))
