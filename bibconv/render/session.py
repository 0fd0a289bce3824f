"""One formatting run through citeproc-py: items registered, citations cited, the bibliography
rendered and its known citeproc-py differences from citeproc-js corrected.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from bibconv.diagnostics import BibconvError, Diagnostic, Severity
from bibconv.model import CslItem
from bibconv.render import fixes
from bibconv.render.markup import MARKUPS, RICH_MARK_CHARS, Markup
from bibconv.render.styles import _check_locale, _load, resolve_style

if TYPE_CHECKING:
    from bibconv.render.engine import LoadedStyle


class UnknownItemError(BibconvError, LookupError):
    """``format_citations`` was asked for an id that none of the items has."""


class RenderError(BibconvError):
    """citeproc-py failed on an item and no ``diagnostics`` list was given to note it in."""


# ----------------------------------------------------------------------------- rendering


@dataclass
class _Entry:
    """One item on its way through citeproc-py."""

    id: str
    key: str  # citeproc-py's key: the item's position, so ids never collide
    cite: Any  # citeproc CitationItem


@dataclass
class _Session:
    loaded: LoadedStyle
    markup: Markup
    entries: list[_Entry]
    bibliography_obj: Any
    diagnostics: list[Diagnostic] | None

    @classmethod
    def start(
        cls,
        items: Sequence[CslItem],
        style: str,
        locale: str,
        markup: Markup,
        diagnostics: list[Diagnostic] | None,
    ) -> _Session:
        from citeproc import Citation, CitationStylesBibliography
        from citeproc.source import BibliographySource

        from bibconv.render.items import to_reference

        loaded = _load(resolve_style(style), _check_locale(locale))
        loaded.set_still_ambiguous(set())  # the loaded style is shared between sessions
        source = BibliographySource()
        entries: list[_Entry] = []
        for position, item in enumerate(items):
            fixed = fixes.preprint_server_as_publisher(item)
            key = f"r{position}"
            source.add(to_reference(key, fixed, markup.protect))
            entries.append(_Entry(str(item.get("id", key)), key, _cite(key)))
        bib = CitationStylesBibliography(loaded.style, source, markup)
        for entry in entries:
            Citation([entry.cite]).bibliography = bib
        bib.items = [e.cite for e in entries]
        bib.keys = [e.key for e in entries]
        session = cls(loaded, markup, entries, bib, diagnostics)
        session._sort()
        session._add_year_suffixes()
        return session

    # -- sorting -------------------------------------------------------------------------

    def _sort(self) -> None:
        """Order by the style's bibliography <sort> (citeproc-py's own sort compared
        rendered keys pairwise, with case and accents deciding)."""
        bibliography = self.loaded.root.bibliography
        sort = (
            bibliography.find("cs:sort", bibliography.nsmap) if bibliography is not None else None
        )
        if sort is None:
            self._publish_order()
            return
        layout_element = bibliography.layout
        keys = sort.findall("cs:key", sort.nsmap)
        with self._plain_formatter():
            order = self._sort_by_keys(list(range(len(self.entries))), keys, layout_element)
        self.entries = [self.entries[i] for i in order]
        self._publish_order()

    def _sort_by_keys(self, indexes: list[int], keys: list[Any], layout_element: Any) -> list[int]:
        """Sort by the first key, then break ties with the next keys, recursively.

        A later key is rendered only for items still tied, so most items cost one or
        two keys instead of all of them (APA has six). Python's sort is stable, and
        empty keys go last in either direction, as CSL asks.
        """
        if len(indexes) < 2 or not keys:
            return indexes
        key, rest = keys[0], keys[1:]
        descending = key.get("sort", "ascending").lower() == "descending"
        values = {
            i: self._safe_sort_key(key, self.entries[i].cite, layout_element) for i in indexes
        }
        present = sorted(
            (i for i in indexes if values[i] is not None),
            key=lambda i: values[i],
            reverse=descending,
        )
        ordered: list[int] = []
        for _, tied in itertools.groupby(present, key=lambda i: values[i]):
            ordered.extend(self._sort_by_keys(list(tied), rest, layout_element))
        missing = [i for i in indexes if values[i] is None]
        return ordered + self._sort_by_keys(missing, rest, layout_element)

    def _safe_sort_key(self, key: Any, cite: Any, layout_element: Any) -> Any:
        try:
            value = key.sort_keys([cite], layout_element)[0]
        except Exception:  # a broken item must not stop sorting; it is reported later
            value = None
        return _sort_value(value)

    def _publish_order(self) -> None:
        bib = self.bibliography_obj
        bib.items = [e.cite for e in self.entries]
        bib.keys = [e.key for e in self.entries]
        numbers = {e.key: n for n, e in enumerate(self.entries, 1)}
        for entry in self.entries:
            entry.cite["_number"] = numbers[entry.key]

    # -- disambiguation ------------------------------------------------------------------

    def _add_year_suffixes(self) -> None:
        """2025a/2025b for items whose citations would otherwise read the same."""
        from bibconv.render.items import with_year_suffix

        if not self.loaded.wants_year_suffix():
            return
        explicit = self.loaded.renders_year_suffix()
        by_names = self.loaded.disambiguates_by_names()
        groups: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        with self._plain_formatter():
            for entry in self._suffix_candidates():
                text = self._render_citation_layout(entry)
                if text:
                    # Where the style may show more names or given names first, only
                    # items whose full name lists are equal still need a letter.
                    names = _all_names(self.bibliography_obj.source[entry.key]) if by_names else ""
                    groups[(fold_for_sort(text), names)].append(entry)
        for group in groups.values():
            if len(group) < 2:
                continue
            for index, entry in enumerate(group):  # already in bibliography order
                reference = self.bibliography_obj.source[entry.key]
                with_year_suffix(reference, _letters(index), explicit=explicit)

    def _suffix_candidates(self) -> list[_Entry]:
        """Only items sharing a first name and a year can collide: render just those."""
        source = self.bibliography_obj.source
        buckets: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        for entry in self.entries:
            ref = source[entry.key]
            names = ref.get("author") or ref.get("editor") or []
            first = str(names[0].get("family") or names[0].get("literal")) if names else ""
            issued = ref.get("issued")
            year = str(issued.get("year", "")) if hasattr(issued, "get") else ""
            buckets[(first, year)].append(entry)  # no names: the citation decides
        return [e for bucket in buckets.values() if len(bucket) > 1 for e in bucket]

    def _render_citation_layout(self, entry: _Entry) -> str | None:
        citation = self.loaded.root.citation
        if citation is None:
            return None
        layout_element = citation.layout
        layout_element.repressed = {}
        try:
            text = layout_element.render_children(entry.cite)
        except Exception:
            return None
        return str(text) if text is not None else None

    # -- output --------------------------------------------------------------------------

    def bibliography(self) -> list[tuple[str, str]]:
        bibliography = self.loaded.root.bibliography
        if bibliography is None:
            return self._citations_as_entries()
        layout_element = bibliography.layout
        substitute = _author_substitute(bibliography)
        out: list[tuple[str, str]] = []
        previous: tuple[str | None, str] | None = None
        for entry in self.entries:
            layout_element.repressed = {}
            self.loaded.reset_entry()
            try:
                rendered = layout_element.render_children(entry.cite)
                text = layout_element.format(layout_element.wrap(rendered))
            except Exception as exc:  # citeproc-py raises on some data; keep the others
                self._report(entry, exc)
                continue
            if not text:
                continue
            text = str(text)
            names = self.loaded.first_names_rendered()
            leading = names if names and text.startswith(names) else None
            # "complete-all" wants every name equal, also those cut by et-al
            signature = (leading, _all_names(self.bibliography_obj.source[entry.key]))
            if substitute is not None and leading is not None and signature == previous:
                text = _substitute_names(text, leading, substitute)
            previous = signature
            out.append((entry.id, self._finish(text)))
        return out

    def _citations_as_entries(self) -> list[tuple[str, str]]:
        """Note styles without a bibliography: list each item's full citation instead."""
        out: list[tuple[str, str]] = []
        for entry in self.entries:
            text = self._render_citation_layout(entry)
            if text:
                out.append((entry.id, self._finish(text)))
        return out

    def citation(self, ids: Sequence[str]) -> str:
        from citeproc import Citation

        by_id = {e.id: e for e in self.entries}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise UnknownItemError(f"no item with id {', '.join(map(repr, missing))}")
        cites = []
        for item_id in ids:
            cite = _cite(by_id[item_id].key)
            cite["_number"] = by_id[item_id].cite["_number"]
            cites.append(cite)
        citation = Citation(cites)
        citation.bibliography = self.bibliography_obj
        element = self.loaded.root.citation
        collapse = element.get("collapse") if element is not None else None
        if collapse not in ("year", "year-suffix", "year-suffix-ranged"):
            collapse = None
        plan = self._givenname_plan()
        if collapse is None and not plan and not _has_disambiguate_test(element):
            text = self.bibliography_obj.cite(citation, lambda item: None)
            return self._finish(str(text), entry=False)
        return self._finish(self._collapsed_citation(element, cites, collapse), entry=False)

    def _givenname_plan(self) -> dict[str, list[tuple[str, str]]]:
        """Which cites print a first name or initials before a family name ("R. Smith").

        disambiguate-add-givenname with the style's givenname-disambiguation-rule: the
        global rules (all-names, primary-name, and their -with-initials forms) expand every
        family name that belongs to more than one person among the items; "by-cite" (the
        default) only where two items' citations would otherwise read the same.
        """
        if self.__dict__.get("_plan") is not None:
            return dict(self.__dict__["_plan"])
        plan: dict[str, list[tuple[str, str]]] = {}
        element = self.loaded.root.citation
        if element is not None and element.get("disambiguate-add-givenname") == "true":
            plan = self._compute_givenname_plan(element)
        self.__dict__["_plan"] = plan
        if element is not None and _has_disambiguate_test(element):
            self.loaded.set_still_ambiguous(self._still_ambiguous(plan))
        return plan

    def _still_ambiguous(self, plan: dict[str, list[tuple[str, str]]]) -> set[str]:
        """Items whose citations still read the same after given names were added."""
        with self._plain_formatter():
            texts = {e.key: self._render_citation_layout(e) or "" for e in self.entries}
        expanded: dict[str, list[str]] = defaultdict(list)
        for key, text in texts.items():
            self.__dict__["_plan"] = plan
            expanded[self._expand_given_names(key, text)].append(key)
        return {k for text, keys in expanded.items() if text and len(keys) > 1 for k in keys}

    def _compute_givenname_plan(self, element: Any) -> dict[str, list[tuple[str, str]]]:
        rule = element.get("givenname-disambiguation-rule", "by-cite")
        primary = not rule.startswith("all-names")
        source = self.bibliography_obj.source
        persons: dict[str, list[tuple[str, str]]] = {}
        for entry in self.entries:
            names = source[entry.key].get("author") or source[entry.key].get("editor") or []
            people = [
                (str(n["family"]), str(n["given"])) for n in names if "family" in n and "given" in n
            ]
            persons[entry.key] = people[:1] if primary else people
        if rule == "by-cite":
            with self._plain_formatter():
                texts = {e.key: self._render_citation_layout(e) for e in self.entries}
            clashing: dict[str, list[str]] = defaultdict(list)
            for key, text in texts.items():
                clashing[text or ""].append(key)
            pools = [keys for text, keys in clashing.items() if text and len(keys) > 1]
        else:
            pools = [list(persons)]
        plan: dict[str, list[tuple[str, str]]] = defaultdict(list)
        with_initials = rule.endswith("with-initials")
        for pool in pools:
            givens: dict[str, set[str]] = defaultdict(set)
            for key in pool:
                for family, given in persons[key]:
                    givens[family].add(given)
            for key in pool:
                for family, given in persons[key]:
                    others = givens[family] - {given}
                    if not others:
                        continue
                    initials = _initials(given)
                    unique = initials not in {_initials(g) for g in others}
                    expansion = initials if with_initials or unique else given
                    if (family, expansion) not in plan[key]:
                        plan[key].append((family, expansion))
        return dict(plan)

    def _expand_given_names(self, key: str, text: str) -> str:
        for family, expansion in self._givenname_plan().get(key, []):
            pattern = rf"(?<![\w.]){re.escape(family)}(?!\w)"
            text = re.sub(pattern, f"{expansion} {family}", text, count=1)
        return text

    def _collapsed_citation(self, element: Any, cites: list[Any], collapse: str | None) -> str:
        """Cites by the same authors share one name: "(Smith, 2025a, 2025b; Wang, 2024)".

        citeproc-py does not collapse. We render each cite, and where the names printed
        first are the same as the previous cite's, print only what follows them (the year;
        with collapse="year-suffix", only the letter when the year repeats too).
        """
        layout = element.layout
        order = {key: index for index, key in enumerate(self.bibliography_obj.keys)}
        cites = sorted(cites, key=lambda cite: order[cite.key])
        if element.find("cs:sort", element.nsmap) is not None:
            cites = element.find("cs:sort", element.nsmap).sort(cites, layout)
        # Cite grouping (CSL 1.0.2): cites whose names print the same are brought together
        # at the place of the first one, after sorting.
        groups: dict[str, list[tuple[str, str, int]]] = {}
        for position, cite in enumerate(cites):
            layout.repressed = {}
            self.loaded.reset_entry()
            text = self._expand_given_names(cite.key, str(layout.render_children(cite) or ""))
            names = self.loaded.first_names_rendered()
            names = self._expand_given_names(cite.key, names) if names else names
            grouping = collapse is not None and names and text.startswith(names)
            lead = names if grouping and names else f"\x00{position}"
            groups.setdefault(lead, []).append((text, text[len(lead) :], order[cite.key]))
        group_delimiter = element.get("cite-group-delimiter", ", ")
        parts = []
        for cited in groups.values():
            cited = _same_year_in_suffix_order(cited)
            rest = [after.lstrip(", ") for _, after, _ in cited[1:]]
            texts = [
                cited[0][0],
                *_shorten_suffixes([cited[0][1].lstrip(", "), *rest], collapse or "year")[1:],
            ]
            parts.append(group_delimiter.join(texts))
        delimiter = element.get("after-collapse-delimiter", layout.get("delimiter", ""))
        return str(layout.format(layout.wrap(delimiter.join(parts))))

    def hanging_indent(self) -> bool:
        bibliography = self.loaded.root.bibliography
        return bibliography is not None and bibliography.get("hanging-indent") == "true"

    def _finish(self, text: str, *, entry: bool = True) -> str:
        text = fixes.others_to_et_al(text, self._et_al(), self._and_words())
        text = fixes.typographic_apostrophes(text)
        if self.loaded.locale_option("punctuation-in-quote").lower() == "true":
            text = fixes.punctuation_inside_quotes(text)
        text = fixes.collapse_doubled_punctuation(text)
        text = fixes.remove_empty_variable_artifacts(text)
        if entry:  # a citation "[15], [26]" is not a labelled entry
            text = fixes.space_after_label(text)
        return self.markup.finish(text)

    def _et_al(self) -> str:
        return self.markup.protect(self.loaded.term("et-al") or "et al.")

    def _and_words(self) -> frozenset[str]:
        words = {"&", "and", self.loaded.term("and"), self.loaded.term("and", "symbol")}
        return frozenset(self.markup.protect(w) for w in words if w)

    def _report(self, entry: _Entry, exc: Exception) -> None:
        message = (
            f"citeproc-py could not render item '{entry.id}' "
            f"({type(exc).__name__}: {exc}); it is left out of the list"
        )
        if self.diagnostics is None:
            # No list to note it in: leaving the item out would lose it without a word.
            raise RenderError(message) from exc
        self.diagnostics.append(
            Diagnostic(Severity.WARNING, "render.failed", message, item_id=entry.id)
        )

    def _plain_formatter(self) -> _FormatterSwap:
        return _FormatterSwap(self.loaded.root, MARKUPS["text"], self.markup)


@dataclass
class _FormatterSwap:
    """Render with plain text inside the block (sort keys, disambiguation), then restore."""

    root: Any
    inside: Markup
    after: Markup

    def __enter__(self) -> None:
        self.root.formatter = self.inside

    def __exit__(self, *exc: object) -> None:
        self.root.formatter = self.after


def _author_substitute(bibliography: Any) -> str | None:
    """The text that replaces a repeated author list ("———" in MLA), when the style asks.

    citeproc-py ignores subsequent-author-substitute. We do the default rule,
    "complete-all" (the whole list when all names repeat); other rules print names as is.
    """
    text = bibliography.get("subsequent-author-substitute")
    rule = bibliography.get("subsequent-author-substitute-rule", "complete-all")
    return str(text) if text is not None and rule == "complete-all" else None


def _same_year_in_suffix_order(cited: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Within one author's cites, a year's 2025a comes before its 2025b (a sort on the
    rendered year would put "2025b" first when years sort descending)."""
    first_seen: dict[str, int] = {}
    for index, (_, after, _) in enumerate(cited):
        first_seen.setdefault(re.sub(r"[a-z]+$", "", after), index)
    return sorted(cited, key=lambda c: (first_seen[re.sub(r"[a-z]+$", "", c[1])], c[2]))


def _has_disambiguate_test(element: Any) -> bool:
    """Does the style's citation (or a macro) test ``disambiguate="true"``?"""
    if element is None:
        return False
    root = element.getroottree().getroot()
    return any(node.get("disambiguate") == "true" for node in root.iter())


def _initials(given: str) -> str:
    """ "John A." -> "J. A.", "Rebecca" -> "R.", "Jean-Pierre" -> "J.-P."."""
    words = re.sub(r"\.(?=\S)", ". ", given).split()
    return " ".join(
        "-".join(part[:1] + "." for part in word.split("-") if part) for word in words if word
    )


def _shorten_suffixes(texts: list[str], collapse: str) -> list[str]:
    """With collapse="year-suffix", "2025a", "2025b" become "2025a", "b"."""
    if collapse == "year":
        return texts
    out = [texts[0]]
    for previous, text in itertools.pairwise(texts):
        match = _YEAR_AND_SUFFIX.match(text)
        same_year = bool(match) and _YEAR_AND_SUFFIX.match(previous) is not None
        if match and same_year and previous.startswith(match.group(1)):
            out.append(match.group(2))
        else:
            out.append(text)
    return out


_YEAR_AND_SUFFIX: Final = re.compile(r"^(.*?\d+)([a-z]+)$")


def _substitute_names(text: str, names: str, substitute: str) -> str:
    """Put ``substitute`` in place of the leading ``names``.

    A name ending in an initial ("Beebe, Nelson H. F.") has absorbed the period of the
    delimiter after it, so the period stays: "———. “Title”" as citeproc-js prints.
    """
    rest = text[len(names) :]
    if names.endswith(".") and not rest.startswith("."):
        rest = "." + rest
    return substitute + rest


@functools.cache
def _cite_class() -> type:
    from citeproc import CitationItem

    class Cite(CitationItem):  # type: ignore[misc]
        """citeproc-py finds an entry's number with list.index (quadratic); we store it."""

        @property
        def number(self) -> int:
            return int(self["_number"])

        @property
        def reference(self) -> Any:
            # citeproc-py walks cite -> citation -> bibliography -> source on every
            # variable test (400,000 times for 1,000 entries); look it up once.
            try:
                return self.__dict__["_reference"]
            except KeyError:
                found = self.__dict__["_reference"] = self.bibliography.source[self.key]
                return found

    return Cite


def _cite(key: str) -> Any:
    cite = _cite_class()(key)
    cite["_number"] = 0
    return cite


def _all_names(reference: Any) -> str:
    """Every author (or, without authors, editor) name, for disambiguation."""
    names = reference.get("author") or reference.get("editor") or []
    return "; ".join(
        "|".join(str(name.get(part) or "") for part in ("family", "given", "literal"))
        for name in names
    )


def _sort_value(value: Any) -> tuple[int, Any] | None:
    """Numbers sort as numbers, text by folded case and accents."""
    if value is None:
        return None
    text = str(value)
    if not text.strip():
        return None
    if text.isdecimal():  # isdigit() is true for '²', which int() refuses
        return (0, int(text))
    return (1, fold_for_sort(text))


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa (as citeproc-js)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


_WITHOUT_RICH_MARKS: Final = dict.fromkeys(map(ord, RICH_MARK_CHARS))  # "<i>Zebra" sorts as Z


def fold_for_sort(text: str) -> str:
    """Sort key text: accents and case do not decide order (as citeproc-js's collation)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_WITHOUT_RICH_MARKS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()
