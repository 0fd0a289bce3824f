"""Our fixes to citeproc-py's CSL elements: mixins that ``render/engine.py`` puts in
front of citeproc-py's element classes (the ``FIXES`` table says which go where).

- ``_TracksVariables`` and ``_GroupFix``: a group (and a macro) prints only if a variable
  inside it printed, counted as rendering goes (CSL 1.0.2).
- ``_SubstituteFix`` / ``_NamesFix``: when a ``<substitute>`` renders a macro (APA puts the
  title in place of a missing author), the variables of that macro must not print again
  later.
- ``_LabelFix``: ``text-case`` on a name label ("(Eds.)" in APA) was ignored for terms that
  citeproc-py returns as plain ``str``.
- text case, initials, page ranges, dates and ``disambiguate`` as citeproc-js has them.

Rendering state lives on the style root (:func:`render_state`): one render at a time per style.
"""

from __future__ import annotations

import re
from typing import Any, Final

from citeproc.string import String

from bibconv.render.markup import RICH_MARK_CHARS
from bibconv.render.pagerange import RANGE, SEGMENT_SEPARATOR, format_page_range_end
from bibconv.render.textcase import capitalize_after_marks, title_case

CSL_NS: Final = "http://purl.org/net/xbiblio/csl"


def render_state(element: Any) -> dict[str, Any]:
    """Per-style rendering state, kept on the style root (one render at a time)."""
    state: dict[str, Any] = element.get_root().__dict__.setdefault("_render_state", {})
    return state


def _counters(element: Any) -> list[int]:
    """[variables called, variables rendered] so far, kept on the style root."""
    counters: list[int] = element.get_root().__dict__.setdefault("_variable_counters", [0, 0])
    return counters


class _TracksVariables:
    """Counts variable calls and non-empty results, for ``_GroupFix`` and macros."""

    def render(self, *args: Any, **kwargs: Any) -> Any:
        # year-suffix is generated, not data: it never makes a group print (CSL 1.0.2)
        calls = self.get("variable") not in (None, "year-suffix")  # type: ignore[attr-defined]
        counters = _counters(self)
        if calls:
            counters[0] += 1
        called_before, rendered_before = counters
        result = super().render(*args, **kwargs)  # type: ignore[misc]
        if (
            self.get("macro") is not None  # type: ignore[attr-defined]
            and counters[0] > called_before
            and counters[1] == rendered_before
        ):
            # CSL 1.0.2: a macro is suppressed like a group when it calls variables and
            # all are empty (Elsevier's title macro left "[WWW Document]" behind).
            return None
        if result and self.get("macro") is not None:  # type: ignore[attr-defined]
            counters[1] += 1  # a macro that printed counts as content, like a nested group
        if calls and not result and self.tag == f"{{{CSL_NS}}}date":  # type: ignore[attr-defined]
            # A date the item has counts as not empty even when the parts asked for print
            # nothing (a year-only date in a month-day slot), as CSL and citeproc-js say.
            item = args[0] if args else kwargs.get("item")
            variable = str(self.get("variable")).replace("-", "_")  # type: ignore[attr-defined]
            if item is not None and variable in item.reference:
                counters[1] += 1
        if calls and result and self._printed_own_variable(args, kwargs):
            counters[1] += 1
            log = render_state(self).get("substitute_log")
            if log is not None:  # inside a <substitute>: what printed is what gets repressed
                log.append((self.tag, self.get("variable")))  # type: ignore[attr-defined]
        return result

    def _printed_own_variable(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        """A ``<names>`` whose own variables are empty printed its substitute, not itself:
        what the substitute printed counts on its own (ACL's `<text value="mis"/>` stand-in
        must not keep a group or macro alive, as in citeproc-js)."""
        if self.tag != f"{{{CSL_NS}}}names":  # type: ignore[attr-defined]
            return True
        item = args[0] if args else kwargs.get("item")
        variables = str(self.get("variable", "")).split()  # type: ignore[attr-defined]
        return item is None or any(v.replace("-", "_") in item.reference for v in variables)


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
            # A nested group that printed counts as printed content for the groups around
            # it, as in citeproc-js (IEEE's "[Online]" group beside an empty access date).
            counters[1] += 1
            return self.join(output)  # type: ignore[attr-defined]
        raise VariableError


class _SubstituteFix:
    """``<substitute>`` as CSL 1.0.2 has it (citeproc-py's missed two things).

    - Whatever printed in the substitution is repressed in the rest of the entry, also
      when it came through a macro (APA: title for a missing author) or a ``<choose>``
      (Chicago: editors), not only a direct ``<text variable>``.
    - ``<names>`` inside a ``<choose>`` in the substitute inherit the ``<name>`` and
      ``<label>`` of the outer ``<names>``, as direct children do.
    """

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        from citeproc.model import Names
        from citeproc.source import VariableError

        state = render_state(self)
        outer = self.getparent()  # type: ignore[attr-defined]
        saved = state.get("substitute_log"), state.get("substitute_names")
        state["substitute_names"] = outer
        try:
            for child in self.iterchildren():  # type: ignore[attr-defined]
                log: list[tuple[str, str]] = []
                state["substitute_log"] = log
                try:
                    if isinstance(child, Names) and child.name is None:
                        text = child.render(item, names_context=outer, context=context, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text:
                    owner: Any = context if context is not None else self
                    layout = owner.get_layout()
                    for tag, variables in log:
                        for variable in variables.split():
                            layout.repressed.setdefault(tag, []).append(variable)
                    return text
            return None
        finally:
            state["substitute_log"], state["substitute_names"] = saved


class _NamesFix:
    """``<names>`` skips name variables already used by a substitution (citeproc-py did not)."""

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        from citeproc.source import VariableError

        if names_context is None and self.name is None:  # type: ignore[attr-defined]
            names_context = render_state(self).get("substitute_names")
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


class _QuotedFix:
    """Quotes inside a quoted title flip to the inner kind: “‘Et al.’ and the politics”."""

    def quote(self, string: Any) -> Any:
        if self.get("quotes", "false").lower() == "true" and string:  # type: ignore[attr-defined]
            flipped = str(string).translate(_FLIP_QUOTES)
            if flipped != str(string):
                string = String(flipped)
        return super().quote(string)  # type: ignore[misc]


_FLIP_QUOTES: Final = str.maketrans({"“": "‘", "”": "’", "‘": "“", "’": "”"})


class _FirstNamesRecorder:
    """Remembers the first names printed in an entry, for subsequent-author-substitute."""

    def render(self, *args: Any, **kwargs: Any) -> Any:
        result = super().render(*args, **kwargs)  # type: ignore[misc]
        state = render_state(self)
        if result and state.get("first_names") is None:
            state["first_names"] = str(result)
        return result


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
        if variable is None or variable == "locator":
            return bool(super()._is_plural(item))  # type: ignore[misc]
        value = item.reference.get(variable.replace("-", "_"))
        if variable.startswith("number-of"):  # citeproc-py read it from the cite and raised
            return str(value).strip().isdecimal() and int(str(value)) > 1
        if value is None:
            return False
        segments = [p for p in SEGMENT_SEPARATOR.split(str(value))[::2] if p.strip()]
        numeric = [p for p in segments if re.search(r"\d", p)]
        return len(numeric) > 1 or any(RANGE.match(p) for p in numeric)


class _CaseFix:
    """Text case as CSL and citeproc-js do it.

    capitalize-first/-all change only words in lower case ("arXiv" stays); title case
    capitalises each part of a hyphenated word and leaves citeproc-js's stop words alone.
    """

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")  # type: ignore[attr-defined]
        if text_case in ("capitalize-first", "capitalize-all") and text:
            words = str(text).split(" ")
            first_word = next((w for w in words if w), "")
            if text_case == "capitalize-first" and first_word != first_word.lower():
                return text
            if text_case == "capitalize-first" and first_word[:1] in tuple(RICH_MARK_CHARS):
                return capitalize_after_marks(text)  # "<i>banana</i> study" -> "<i>Banana</i>"
        if text_case == "title" and isinstance(text, String) and text:
            if language not in (None, "en"):
                return text  # CSL: title case only for English items
            return String(title_case(str(text)))
        return super().case(text, language)  # type: ignore[misc]


class _NameFix:
    """Initials as citeproc-js makes them (citeproc-py's ``initialize`` rewritten).

    - ``initialize="false"`` (Chicago, MLA) keeps given names whole;
    - a part already abbreviated stays ("Ch.", "Yu.", "St." in "P. St. J.");
    - a lower-case part after a hyphen is dropped ("Soo-jin" -> "S.");
    - a given name in lower case is not initialised ("margaret" stays; citeproc-py
      printed ". margaret .").
    """

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        from citeproc.source import Name

        from bibconv.render.items import CJK_FAMILY

        names = item.reference.get(variable) or []
        short = self.get_option("form", context, sort_options) == "short"  # type: ignore[attr-defined]
        if not short or not any(CJK_FAMILY in name for name in names):
            return super().process(item, variable, context, sort_options, **kw)  # type: ignore[misc]
        # short form: a CJK name is its family name alone ("(张 & 李, 2022)")
        item.reference[variable] = [
            Name(literal=name[CJK_FAMILY]) if CJK_FAMILY in name else name for name in names
        ]
        try:
            return super().process(item, variable, context, sort_options, **kw)  # type: ignore[misc]
        finally:
            item.reference[variable] = names

    def initialize(self, given: Any, mark: str, context: Any) -> Any:
        hyphen = self.get_option("initialize-with-hyphen", context)  # type: ignore[attr-defined]
        whole = self.get("initialize", "true").lower() == "false"  # type: ignore[attr-defined]
        # "A.F." is two initials; "H.-J." stays one hyphenated pair
        text = re.sub(r"\.(?=[^\s.-])", ". ", re.sub(r"\s+-", "-", str(given)))
        words = []
        for word in text.split():
            parts = word.split("-") if hyphen else [word.replace("-", " ")]
            kept = [p for i, p in enumerate(parts) if i == 0 or p[:1].isupper() or whole]
            initials = [_initial(p, mark, whole=whole).rstrip() for p in kept]
            # with initialize="false", citeproc-js spaces hyphenated initials: "H. J."
            joiner = " " if whole and all(len(p.rstrip(".")) == 1 for p in kept) else "-"
            words.append(joiner.join(initials))
        joined = " ".join(w for w in words if w) if mark.endswith(" ") or whole else "".join(words)
        return String(joined)


def _initial(part: str, mark: str, *, whole: bool) -> str:
    """One given-name part as an initial (or as written, where CSL keeps it)."""
    bare = part.rstrip(".")
    if not part[:1].isupper():
        return part  # a particle or a lower-case name: as written
    if len(bare) == 1:
        return bare + mark  # an initial already: "J" or "J." -> "J. "
    if whole or part.endswith("."):
        return part  # initialize="false", or already abbreviated ("Ch.", "Yu.")
    return part[0] + mark


class _PageRangeFix:
    """Page ranges: only number-dash-number is a range, and other text stays as written.

    citeproc-py split every page value on "-" and "," ("pressure-sensitive" became
    "pressure–sensitive", "698,704" became "698, 704").
    """

    def _process(self, value: Any, variable: str) -> Any:
        if not variable.startswith("page"):
            return super()._process(value, variable)  # type: ignore[misc]
        delimiter = str(self.get_single_term(name="page-range-delimiter") or "\u2013")  # type: ignore[attr-defined]

        def one_range(match: re.Match[str]) -> str:
            first, last = match.group(1), match.group(2)
            if variable == "page-first":
                return first
            return first + delimiter + self._format_last_page(first, last)

        pieces = SEGMENT_SEPARATOR.split(str(value))  # separators kept at odd indexes
        text = "".join(
            piece if index % 2 else RANGE.sub(one_range, piece)
            for index, piece in enumerate(pieces)
        )
        if variable == "page-first":
            text = pieces[0].strip()
            text = RANGE.sub(one_range, text)
        return String(text)

    def _format_last_page(self, first: str, last: str) -> str:
        range_format = self.get_root().get_option("page-range-format")  # type: ignore[attr-defined]
        return format_page_range_end(str(first), str(last), range_format)


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


class _IfFix:
    """``<if disambiguate="true">``: citeproc-py skipped the test, so the branch always ran
    (MLA printed every title in its citations). It is true only for cites still ambiguous
    after names, given names and year suffixes (MLA then adds the title)."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        from citeproc.model import ConditionFailed

        if self.get("disambiguate", "false").lower() == "true":  # type: ignore[attr-defined]
            # true only for cites that other means could not tell apart (set by render/)
            if item.key not in render_state(self).get("still_ambiguous", ()):
                raise ConditionFailed
            return self.render_children(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[attr-defined]
        return super().render(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[misc]


FIXES: Final[dict[str, tuple[type, ...]]] = {
    "substitute": (_SubstituteFix,),
    "label": (_LabelFix, _CaseFix),
    "group": (_GroupFix,),
    "names": (_NamesFix, _FirstNamesRecorder, _TracksVariables),
    "text": (_TracksVariables, _CaseFix, _PageRangeFix, _QuotedFix),
    "date": (_TracksVariables, _DateFix),
    "number": (_TracksVariables, _CaseFix, _PageRangeFix),
    "date-part": (_CaseFix,),
    "name": (_NameFix,),
    "if": (_IfFix,),
    "else-if": (_IfFix,),
}
