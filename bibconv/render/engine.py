"""Loading CSL styles into citeproc-py, with our element classes (used only by render/).

citeproc-py turns each CSL element into an lxml element of its own class. We parse styles
with our own class lookup so every class gets ``_Cached`` (speed) and, where
``render/elements.py``'s ``FIXES`` table says so, our fixes to its CSL semantics.

Speed: citeproc-py answers the same questions about the (unchanging) style tree again and
again with XPath (``get_macro``, ancestor look-ups, ``calls_variable``); on 1,000 entries
that was most of the run. We keep every element proxy alive (lxml then returns the same
Python object for a node) and memoise those answers on the element.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeproc import frontend, model
from lxml import etree  # type: ignore[import-untyped]

from bibconv.render.elements import CSL_NS, FIXES, render_state


class _Cached:
    """Memoises tree look-ups that cannot change once a style is parsed."""

    def xpath_search(self, expression: str) -> Any:
        cache: dict[str, Any] = self.__dict__.setdefault("_xpath_cache", {})
        try:
            return cache[expression]
        except KeyError:
            result = cache[expression] = super().xpath_search(expression)  # type: ignore[misc]
            return result

    def get_root(self) -> Any:
        try:
            return self.__dict__["_root"]
        except KeyError:
            root = self.__dict__["_root"] = super().get_root()  # type: ignore[misc]
            return root

    def calls_variable(self) -> bool:
        try:
            return bool(self.__dict__["_calls_variable"])
        except KeyError:
            value = self.__dict__["_calls_variable"] = super().calls_variable()  # type: ignore[misc]
            return bool(value)


@functools.cache
def _lookup() -> etree.ElementNamespaceClassLookup:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    library_classes = [
        cls
        for cls in model.CitationStylesElement.__subclasses__()
        if cls.__module__ == model.__name__
    ]
    namespace[None] = type("CslElement", (_Cached, model.CitationStylesElement), {})
    for cls in library_classes:
        name = cls.__name__.replace("_", "-").lower()
        bases = (*FIXES.get(name, ()), _Cached, cls)
        namespace[name] = type(cls.__name__, bases, {})
    return lookup


@dataclass
class LoadedStyle:
    """A parsed style with its locale chain, ready for any number of renders."""

    style: frontend.CitationStylesStyle
    path: str
    locale: str
    keepalive: list[Any]  # every element proxy, so the caches on them survive

    @property
    def root(self) -> Any:
        return self.style.root

    def has_bibliography(self) -> bool:
        return self.style.root.bibliography is not None

    def wants_year_suffix(self) -> bool:
        citation = self.style.root.citation
        return citation is not None and (
            citation.get("disambiguate-add-year-suffix", "false").lower() == "true"
        )

    def disambiguates_by_names(self) -> bool:
        """The style may add names or given names before falling back to a year suffix."""
        citation = self.style.root.citation
        return citation is not None and any(
            citation.get(option, "false").lower() == "true"
            for option in ("disambiguate-add-names", "disambiguate-add-givenname")
        )

    def renders_year_suffix(self) -> bool:
        """True if the style prints ``year-suffix`` itself (else it follows the year)."""
        return any(
            node.get("variable") == "year-suffix"
            for node in self.style.root.iter(f"{{{CSL_NS}}}text")
        )

    def first_names_rendered(self) -> str | None:
        """The first ``<names>`` output of the entry rendered last (see reset_entry)."""
        value = render_state(self.style.root).get("first_names")
        return str(value) if value is not None else None

    def set_still_ambiguous(self, keys: set[str]) -> None:
        render_state(self.style.root)["still_ambiguous"] = frozenset(keys)

    def reset_entry(self) -> None:
        render_state(self.style.root)["first_names"] = None

    def locale_option(self, name: str) -> str:
        value = self.style.root.get_locale_option(name)
        return str(value) if value is not None else ""

    def term(self, name: str, form: str | None = None) -> str:
        value = self.style.root.get_single_term(name, form)
        return str(value) if value is not None else ""


def parse_style(path: str, locale: str | None) -> LoadedStyle:
    """Parse a .csl file with our element classes and attach its locale chain."""
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    parser.set_element_class_lookup(_lookup())
    xml = etree.parse(path, parser)
    # CitationStylesStyle.__init__ would parse again with its own classes; fill it in directly.
    style = frontend.CitationStylesStyle.__new__(frontend.CitationStylesStyle)
    style.parser, style.xml, style.root = parser, xml, xml.getroot()
    chosen = locale or style.root.get("default-locale") or "en-US"
    style.root.locales = _locale_chain(style.root, chosen, parser)
    for loc in style.root.locales:
        loc.style = style.root
    keepalive = [*style.root.iter()]
    for loc in style.root.locales:
        keepalive.extend(loc.iter())
    return LoadedStyle(style, path, chosen, keepalive)


def independent_parent_name(path: str) -> str:
    """The file stem of a dependent style's independent parent ("" if it names none)."""
    links = etree.parse(path).getroot().iter(f"{{{CSL_NS}}}link")
    href = next((ln.get("href", "") for ln in links if ln.get("rel") == "independent-parent"), "")
    return str(href).rstrip("/").rsplit("/", 1)[-1]


def _locale_chain(root: Any, chosen: str, parser: Any) -> list[Any]:
    """The locales to search for terms, in CSL's order (as citeproc-py's set_locale_list).

    Rebuilt here so the locale files are parsed with our element classes too: term
    look-ups were the largest remaining cost (an XPath per term per entry).
    """
    from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS

    chain: list[Any] = []
    language = chosen.split("-")[0]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for wanted in (chosen, language, None):  # in-style locales: dialect, language, any
        for element in root.findall(f"{{{CSL_NS}}}locale"):
            if element.get(xml_lang) == wanted:
                chain.append(element)
    files = []
    if chosen in LANGUAGE_NAMES:
        files.append(chosen)
    if language in PRIMARY_DIALECTS:
        files.append(PRIMARY_DIALECTS[language])
    files.append("en-US")
    for code in dict.fromkeys(files):
        chain.append(etree.parse(str(Path(LOCALES_PATH) / f"locales-{code}.xml"), parser).getroot())
    return chain


def known_locales() -> list[str]:
    """Locale codes citeproc-py ships (``locales-de-DE.xml`` -> ``de-DE``)."""
    from citeproc import LOCALES_PATH

    return sorted(
        p.name.removeprefix("locales-").removesuffix(".xml")
        for p in Path(LOCALES_PATH).glob("locales-*.xml")
    )
