"""Loading CSL styles into citeproc-py, with our element subclasses (used only by render.py).

citeproc-py turns each CSL element into an lxml element of its own class. We parse styles
with our own class lookup so every class gets ``_Cached`` (speed) and a few get a fix:

- speed: citeproc-py answers the same questions about the (unchanging) style tree again
  and again with XPath (``get_macro``, ancestor look-ups, ``calls_variable``); on 1,000
  entries that was most of the run. We keep every element proxy alive (lxml then returns
  the same Python object for a node) and memoise those answers on the element.
- ``_Substitute``: when a ``<substitute>`` renders a macro (APA puts the title in place
  of a missing author), the variables of that macro must not print again later.
- ``_Label``: ``text-case`` on a name label ("(Eds.)" in APA) was ignored for terms that
  citeproc-py returns as plain ``str``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from citeproc import frontend, model
from citeproc.string import String
from lxml import etree  # type: ignore[import-untyped]

CSL_NS: Final = "http://purl.org/net/xbiblio/csl"


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


def _macro_variables(element: Any) -> list[str]:
    """The variables a macro (and the macros it calls) can print, in document order."""
    found: list[str] = []
    for node in element.iter(f"{{{CSL_NS}}}text", f"{{{CSL_NS}}}names"):
        if "variable" in node.attrib:
            found.extend(node.get("variable").split())
        elif "macro" in node.attrib and node.get("macro") != element.get("name"):
            found.extend(_macro_variables(node.get_macro(node.get("macro"))))
    return found


def _counters(element: Any) -> list[int]:
    """[variables called, variables rendered] so far, kept on the style root."""
    counters: list[int] = element.get_root().__dict__.setdefault("_variable_counters", [0, 0])
    return counters


class _TracksVariables:
    """Counts variable calls and non-empty results, for ``_GroupFix``."""

    def render(self, *args: Any, **kwargs: Any) -> Any:
        # year-suffix is generated, not data: it never makes a group print (CSL 1.0.2)
        calls = self.get("variable") not in (None, "year-suffix")  # type: ignore[attr-defined]
        counters = _counters(self)
        if calls:
            counters[0] += 1
        result = super().render(*args, **kwargs)  # type: ignore[misc]
        if calls and result:
            counters[1] += 1
        return result


class _GroupFix:
    """A group prints only if a variable inside it printed, or it calls none (CSL 1.0.2).

    citeproc-py decided with ``calls_variable()`` over the whole subtree, so a variable in
    a ``<choose>`` branch that was not taken counted as printed: APA's thesis entries got
    a stray "(Publication)". We count what the children actually called and printed.
    """

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        from citeproc.model import Choose
        from citeproc.source import VariableError

        counters = _counters(self)
        called_before, rendered_before = counters
        delimiter = self.get("delimiter", "")  # type: ignore[attr-defined]
        output = []
        for child in self.iterchildren():  # type: ignore[attr-defined]
            try:
                if isinstance(child, Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        called = counters[0] > called_before
        rendered = counters[1] > rendered_before
        if output and (not called or rendered):
            return self.join(output)  # type: ignore[attr-defined]
        raise VariableError


class _SubstituteFix:
    """A substituted macro (APA: title for a missing author) must not print again later.

    CSL represses the substituted variable; citeproc-py did so only for a direct
    ``<text variable>``. For a macro we repress the first of its variables the item has.
    """

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        self.__dict__["_item"] = item
        return super().render(item, context=context, **kwargs)  # type: ignore[misc]

    def add_to_repressed_list(self, child: Any, context: Any) -> None:
        super().add_to_repressed_list(child, context)  # type: ignore[misc]
        if child.get("macro") is None:
            return
        reference = self.__dict__["_item"].reference
        repressed = context.get_layout().repressed
        for variable in _macro_variables(child.get_macro(child.get("macro"))):
            if variable.replace("-", "_") in reference:
                for tag in (f"{{{CSL_NS}}}text", f"{{{CSL_NS}}}names"):
                    repressed.setdefault(tag, []).append(variable)
                return


class _NamesFix:
    """``<names>`` skips name variables already used by a substitution (citeproc-py did not)."""

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        from citeproc.source import VariableError

        if self.getparent().tag == f"{{{CSL_NS}}}substitute":  # type: ignore[attr-defined]
            return super().process(item, names_context, context, **kw)  # type: ignore[misc]
        owner: Any = context if context is not None else self
        layout = owner.get_layout()
        repressed = getattr(layout, "repressed", {}).get(f"{{{CSL_NS}}}names", [])
        variables = self.get("variable", "").split()  # type: ignore[attr-defined]
        kept = [v for v in variables if v not in repressed]
        if kept == variables:
            return super().process(item, names_context, context, **kw)  # type: ignore[misc]
        if not kept:
            raise VariableError
        self.set("variable", " ".join(kept))  # type: ignore[attr-defined]
        try:
            return super().process(item, names_context, context, **kw)  # type: ignore[misc]
        finally:
            self.set("variable", " ".join(variables))  # type: ignore[attr-defined]


_MULTIPLE_NUMBERS: Final = re.compile(r"\d\s*(?:[-–—&]|,\s|\band\b)\s*\S*\d")


class _LabelFix:
    """Labels: text-case applied ("(Eds.)" in APA), and "US 5,999,999" is one number."""

    def markup(self, text: Any) -> Any:
        if text and not isinstance(text, String):
            text = String(text)
        return super().markup(text)  # type: ignore[misc]

    def case(self, text: Any, language: str | None = None) -> Any:
        # citeproc-py passed no language, and title case is skipped for non-English.
        return super().case(text, language or "en")  # type: ignore[misc]

    def _is_plural(self, item: Any) -> bool:
        variable = self.get("variable")  # type: ignore[attr-defined]
        if variable is None or variable == "locator" or variable.startswith("number-of"):
            return bool(super()._is_plural(item))  # type: ignore[misc]
        value = item.reference.get(variable.replace("-", "_"))
        return value is not None and _MULTIPLE_NUMBERS.search(str(value)) is not None


class _CaseFix:
    """capitalize-first/-all change only words in lower case ("arXiv" stays), as CSL says."""

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")  # type: ignore[attr-defined]
        if text_case in ("capitalize-first", "capitalize-all") and text:
            words = str(text).split(" ")
            first_word = next((w for w in words if w), "")
            if text_case == "capitalize-first" and first_word != first_word.lower():
                return text
        return super().case(text, language)  # type: ignore[misc]


class _NameFix:
    """Initials: honour ``initialize="false"`` (Chicago, MLA: full given names), and drop
    a lower-case part after a hyphen ("Soo-jin" -> "S."), as citeproc-js does."""

    def initialize(self, given: Any, mark: str, context: Any) -> Any:
        if self.get("initialize", "true").lower() == "false":  # type: ignore[attr-defined]
            return given
        parts = str(given).split("-")
        kept = [parts[0], *(p for p in parts[1:] if p[:1].isupper())]
        return super().initialize("-".join(kept), mark, context)  # type: ignore[misc]


class _DateFix:
    """A style's own localized date keeps its delimiter ("2025 Mar 3" in Vancouver/NLM).

    citeproc-py joined the parts with the delimiter of the calling ``<date form=...>``,
    which has none, and printed "2025Mar3".
    """

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        if (
            context is not None
            and context is not self
            and context.get("delimiter") is None
            and self.is_locale_date()  # type: ignore[attr-defined]
        ):
            parts = self.parts(date, show_parts, context)  # type: ignore[attr-defined]
            return self.join(parts) if parts else None  # type: ignore[attr-defined]
        return super().render_single_date(date, show_parts, context)  # type: ignore[misc]


_FIXES: Final[dict[str, tuple[type, ...]]] = {
    "substitute": (_SubstituteFix,),
    "label": (_LabelFix, _CaseFix),
    "group": (_GroupFix,),
    "names": (_NamesFix, _TracksVariables),
    "text": (_TracksVariables, _CaseFix),
    "date": (_TracksVariables, _DateFix),
    "number": (_TracksVariables, _CaseFix),
    "date-part": (_CaseFix,),
    "name": (_NameFix,),
}


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
        bases = (*_FIXES.get(name, ()), _Cached, cls)
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

    def renders_year_suffix(self) -> bool:
        """True if the style prints ``year-suffix`` itself (else it follows the year)."""
        return any(
            node.get("variable") == "year-suffix"
            for node in self.style.root.iter(f"{{{CSL_NS}}}text")
        )

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


def fold_for_sort(text: str) -> str:
    """Sort key text: accents and case do not decide order (as citeproc-js's collation)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()
