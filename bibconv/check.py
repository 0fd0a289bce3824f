"""`bibconv check`: a .bib linter for pre-commit that finds real problems and fixes safe ones.

Library use::

    diagnostics = bibconv.check(text, "refs.bib")                 # the default rules
    diagnostics = bibconv.check(text, "refs.bib", select=["ALL"], ignore=["bib.layout"])
    result = fix(text, "refs.bib")                                # bibconv.check.fix
    result.text, result.fixed, result.refused

Each diagnostic's ``code`` is a rule code (docs/check.md lists them) or a syntax-layer code
(reported under ``bib.syntax``), and its ``item_id`` is the entry's citation key.

``--fix`` applies only the edits of fixable rules, reads the entries it edited through the
BibTeX reader (BibLaTeX's rules for a BibLaTeX file), and puts back any entry whose CSL-JSON
changed: "--fix never changes meaning" is enforced by code, not promised. The command-line
side (``add_arguments``, ``run_check``) returns a :class:`CheckRun` that ``cli.py`` prints.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from bibconv import _check_rules, _io
from bibconv._check_registry import (
    RULES,
    RULES_BY_CODE,
    SYNTAX_RULE,
    Selection,
    UnknownRuleError,
    check_patterns,
)
from bibconv._check_rules import Edit, FileChecker, Finding, Settings
from bibconv._check_tex import Citations, aux_citations, tex_citations
from bibconv._gc import paused_gc
from bibconv.diagnostics import BibconvError, Diagnostic, LineIndex, Location, Severity
from bibconv.formats import _bibsyntax
from bibconv.model import CslItem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: Fixes can uncover further fixes (a rebuilt layout after an escape); a few passes settle.
_MAX_FIX_PASSES: Final = 4

# ----------------------------------------------------------------------------- options


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Which rules run and how; ``[tool.bibconv]`` in pyproject.toml fills the same fields."""

    select: tuple[str, ...] | None = None  # None: the rules that are on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: Entry type -> required fields; each requirement is a tuple of alternatives.
    required: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    key_pattern: str | None = None
    data_model: str = "auto"  # "bibtex" | "biblatex" | "auto"
    this_year: int | None = None  # for implausible years; default: today's year

    def selection(self) -> Selection:
        return Selection(self.select, self.extend_select, self.ignore)

    def settings(self, *, fixing: bool = False) -> Settings:
        """The rules' settings; ``fixing`` adds the formatting rules --fix applies."""
        year = self.this_year or datetime.date.today().year
        pattern = re.compile(self.key_pattern) if self.key_pattern else None
        selection = self.selection()
        enabled = selection.fix_enabled() if fixing else selection.enabled()
        return Settings(enabled, year, self.required, pattern, self.data_model)


class ConfigError(BibconvError, ValueError):
    """A ``[tool.bibconv]`` table or option that cannot be used (a usage error)."""


_CONFIG_KEYS: Final = frozenset(
    [
        "select",
        "extend-select",
        "ignore",
        "required-fields",
        "key-pattern",
        "data-model",
        "legacy-8bit",
    ]
)


def options_from_config(table: Mapping[str, Any], source: str) -> CheckOptions:
    """CheckOptions from a ``[tool.bibconv]`` table (keys as in docs/check.md)."""
    unknown = sorted(set(table) - _CONFIG_KEYS - {"check"})
    if unknown:
        raise ConfigError(f"{source}: unknown [tool.bibconv] key(s) {', '.join(unknown)}")

    def codes(name: str) -> tuple[str, ...]:
        raw = table.get(name, [])
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            raise ConfigError(f"{source}: [tool.bibconv] {name} must be a list of rule codes")
        return tuple(raw)

    required: dict[str, tuple[tuple[str, ...], ...]] = {}
    raw_required = table.get("required-fields", {})
    if not isinstance(raw_required, dict):
        raise ConfigError(f"{source}: [tool.bibconv] required-fields must be a table")
    for entry_type, names in raw_required.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(
                f"{source}: required-fields.{entry_type} must be a list like "
                '["author|editor", "title"]'
            )
        required[entry_type.lower()] = tuple(tuple(n.lower().split("|")) for n in names)
    pattern = table.get("key-pattern")
    if pattern is not None:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ConfigError(f"{source}: key-pattern {pattern!r} is not a regex: {exc}") from exc
    model = str(table.get("data-model", "auto"))
    if model not in ("auto", "bibtex", "biblatex"):
        raise ConfigError(f"{source}: data-model must be auto, bibtex or biblatex")
    extend = codes("extend-select")
    if table.get("legacy-8bit"):
        extend = (*extend, "bib.non-ascii")
    try:
        for name in ("select", "extend-select", "ignore"):
            check_patterns(codes(name))
    except UnknownRuleError as exc:
        raise ConfigError(f"{source}: {exc}") from exc
    return CheckOptions(
        select=codes("select") if "select" in table else None,
        extend_select=extend,
        ignore=codes("ignore"),
        required=required,
        key_pattern=str(pattern) if pattern is not None else None,
        data_model=model,
    )


# ----------------------------------------------------------------------------- checking


def check(
    text: str,
    path: str = "<string>",
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    options: CheckOptions | None = None,
    citations: Citations | None = None,
) -> list[Diagnostic]:
    """Lint the .bib ``text``: every problem the selected rules find, in file order.

    ``select``/``ignore`` take rule codes or prefixes (``bib``, ``ALL``) and override
    ``options``; ``citations`` (from .tex/.aux files) turns on ``tex.uncited-entry``.
    """
    options = _with_selection(options or CheckOptions(), select, ignore)
    with paused_gc():
        return _diagnose(_bibsyntax.parse(text, path), options, citations)


def _with_selection(
    options: CheckOptions, select: Iterable[str] | None, ignore: Iterable[str]
) -> CheckOptions:
    chosen = tuple(select) if select is not None else options.select
    ignored = (*options.ignore, *ignore)
    check_patterns((*(chosen or ()), *ignored))
    return CheckOptions(
        chosen,
        options.extend_select,
        ignored,
        options.required,
        options.key_pattern,
        options.data_model,
        options.this_year,
    )


def _diagnose(
    doc: _bibsyntax.Document, options: CheckOptions, citations: Citations | None
) -> list[Diagnostic]:
    settings = options.settings()
    selection = options.selection()
    located: list[tuple[int, Diagnostic]] = []
    keys = _KeyLocator(doc)
    owners = {id(d): e for e in doc.entries if e.broken for d in e.errors}
    for diag in doc.diagnostics:
        if selection.allows_code(diag.code, settings.enabled) and diag.location is not None:
            offset = doc.index.line_start(diag.location.line) + diag.location.column - 1
            owner = owners.get(id(diag))
            if owner is None:
                located.append((offset, _with_key(diag, keys.key_at(offset))))
                continue
            if offset >= owner.end:
                # Found at the next entry's '@' (or the end of the file): report it where
                # the unclosed entry's text stops, so it stays with the entry it belongs to.
                offset = len(doc.text[:offset].rstrip())
            located.append((offset, _relocated(diag, doc.index.location(offset), owner.key)))
    for finding in _findings(doc, settings, citations):
        located.append((finding.offset, _diagnostic(finding, doc.index)))
    located.sort(key=lambda pair: pair[0])
    return [diag for _, diag in located]


def _findings(
    doc: _bibsyntax.Document, settings: Settings, citations: Citations | None
) -> list[Finding]:
    found = FileChecker(doc, settings).findings()
    if citations is not None and "tex.uncited-entry" in settings.enabled:
        found.extend(_uncited(doc, citations))
    return found


def _uncited(doc: _bibsyntax.Document, citations: Citations) -> list[Finding]:
    """Entries no .tex/.aux cites; crossref parents of cited entries count as cited."""
    if citations.everything:
        return []
    cited = {key.lower() for key in citations.keys}
    for entry in doc.entries:
        if entry.key.lower() in cited:
            for fld in entry.fields:
                if fld.name in ("crossref", "xref", "xdata"):
                    cited.update(k.strip().lower() for k in fld.value.split(","))
    return [
        Finding(
            "tex.uncited-entry",
            f"entry {entry.key!r} is never cited in the given .tex/.aux files",
            entry.key_offset,
            entry.key,
        )
        for entry in doc.entries
        if entry.key and entry.key.lower() not in cited
    ]


def _diagnostic(finding: Finding, index: LineIndex) -> Diagnostic:
    rule = RULES_BY_CODE[finding.code]
    return Diagnostic(
        rule.severity, finding.code, finding.message, index.location(finding.offset), finding.key
    )


def _relocated(diag: Diagnostic, where: Location, key: str) -> Diagnostic:
    return Diagnostic(diag.severity, diag.code, diag.message, where, key or None)


def _with_key(diag: Diagnostic, key: str | None) -> Diagnostic:
    return Diagnostic(diag.severity, diag.code, diag.message, diag.location, key)


class _KeyLocator:
    """Which entry an offset falls in (to give syntax errors their entry's key)."""

    def __init__(self, doc: _bibsyntax.Document) -> None:
        self._spans = [(e.start, e.end, e.key) for e in doc.entries]

    def key_at(self, offset: int) -> str | None:
        from bisect import bisect_right

        i = bisect_right(self._spans, (offset, float("inf"), "")) - 1
        if i >= 0:
            start, end, key = self._spans[i]
            if start <= offset < max(end, start + 1) and key:
                return key
        return None


# ----------------------------------------------------------------------------- fixing


@dataclass(frozen=True, slots=True)
class FixResult:
    """What ``fix`` did: the new text, the problems it fixed, or why it refused."""

    text: str
    fixed: tuple[Finding, ...] = ()
    refused: str | None = None  # set when the original text is kept on purpose
    kept: tuple[str, ...] = ()  # keys of entries left unfixed: their meaning would change

    @property
    def changed(self) -> bool:
        return bool(self.fixed) and self.refused is None


def fix(text: str, path: str = "<string>", options: CheckOptions | None = None) -> FixResult:
    """Apply the safe fixes of the selected rules; keep ``text`` if meaning would change.

    Files with syntax errors are not fixed: their entries cannot be compared reliably.
    The result is idempotent: fixing its text again changes nothing.
    """
    with paused_gc():
        return _fix(_bibsyntax.parse(text, path), options or CheckOptions())[0]


def _fix(doc: _bibsyntax.Document, options: CheckOptions) -> tuple[FixResult, _bibsyntax.Document]:
    """fix() on a scanned text; also returns the scan of the result's text, so the caller
    reports on it without scanning the file again."""
    text = doc.text
    if any(d.severity is Severity.ERROR for d in doc.diagnostics):
        refused = "not fixed: the file has syntax errors; fix those first"
        return FixResult(text, refused=refused), doc
    settings = options.settings(fixing=True)
    original = doc
    fixed: list[Finding] = []
    # Small edits first (an edit that overlaps another waits for the next pass), then the
    # layout, which rebuilds whole entries from the already-fixed fields. Only the fixable
    # rules run, and each looks at one entry alone, so a later pass looks only at the
    # entries the pass before it edited: the others have nothing left to fix.
    small = replace(settings, enabled=settings.enabled & _FIXABLE - {"bib.layout"})
    draft = _Draft.of(doc)
    edited: list[int] | None = None  # indices in doc.entries; None: every entry
    for _ in range(_MAX_FIX_PASSES):
        findings = [f for f in FileChecker(draft.part(edited), small).findings() if f.edits]
        chosen = _non_overlapping(findings)
        if not chosen:
            break
        edited = draft.edit([e for f in chosen for e in f.edits])
        fixed.extend(chosen)
        if len(chosen) == len(findings) or edited is None:
            break  # nothing was held back, so nothing is left for another pass
    if "bib.layout" in settings.enabled:
        whole = draft.scanned()
        layout = [f for e in whole.entries for f in _check_rules.layout_findings(whole.text, e)]
        if layout:
            draft = _Draft.of(whole)
            draft.edit([e for f in layout for e in f.edits])
            fixed.extend(layout)
    if not fixed:
        return FixResult(text), original
    guarded = _keep_meaning(original, draft, _reads_biblatex(original, options))
    if isinstance(guarded, str):
        result = FixResult(text, tuple(fixed), f"the fix would change {guarded}; nothing written")
        return result, original
    doc, kept = guarded
    folded = {key.lower() for key in kept}
    done = tuple(f for f in fixed if (f.key or "").lower() not in folded)
    if not done:
        return FixResult(text, kept=kept), original
    return FixResult(doc.text, done, kept=kept), doc


_FIXABLE: Final = frozenset(rule.code for rule in RULES if rule.fixable)


@dataclass(slots=True)
class _Draft:
    """The text being fixed and its entries, kept up to date without scanning the whole
    text after every pass: the entries an edit falls in are scanned again where they now
    are (with the @string values in force there); the others keep their scan, whose
    offsets are stale, and are used for their values alone. ``starts``/``ends`` are where
    each entry is in ``text`` now. :meth:`scanned` scans the whole text (once, at the end).
    """

    text: str
    path: str
    blocks: list[_bibsyntax.Block]  # the scan's blocks, entries replaced when scanned again
    entries: list[_bibsyntax.Entry]
    starts: list[int]
    ends: list[int]
    exact: bool = True  # whether every entry's offsets are true in ``text``

    @classmethod
    def of(cls, doc: _bibsyntax.Document) -> _Draft:
        entries = doc.entries
        starts, ends = [e.start for e in entries], [e.end for e in entries]
        return cls(doc.text, doc.path, list(doc.blocks), entries, starts, ends)

    def part(self, indices: Sequence[int] | None) -> _bibsyntax.Document:
        """A document of the entries at ``indices`` (every entry for None) for the rules;
        only entries scanned in the current text have true offsets, so only those."""
        chosen = self.entries if indices is None else [self.entries[i] for i in indices]
        assert indices is not None or self.exact
        return _bibsyntax.Document(self.text, self.path, list(chosen), {}, [])

    def edit(self, edits: Sequence[Edit]) -> list[int] | None:
        """Apply ``edits`` (each inside one entry); the indices of the entries they fell in,
        or None when one of them no longer scans as one whole entry (then the whole text
        is scanned, and the passes stop)."""
        touched = sorted({max(0, bisect.bisect_right(self.starts, e.start) - 1) for e in edits})
        growth = _growth(edits)
        self.text = _apply(self.text, edits)
        self.starts = [_moved(offset, growth) for offset in self.starts]
        self.ends = [_moved(offset - 1, growth, inclusive=True) + 1 for offset in self.ends]
        self.exact = False
        if not self._rescan(set(touched)):
            whole = _bibsyntax.parse(self.text, self.path)
            fresh = _Draft.of(whole)
            self.blocks, self.entries = fresh.blocks, fresh.entries
            self.starts, self.ends, self.exact = fresh.starts, fresh.ends, True
            return None
        return touched

    def _rescan(self, touched: set[int]) -> bool:
        """Scan the touched entries again in the current text; False if one does not end
        where it should or is broken."""
        # The scanner's own block reader: parse() cannot start mid-text with the @string
        # values in force there. The whole text is scanned once more at the end anyway
        # (_keep_meaning), and compared with these scans.
        from bibconv.formats._bibsyntax import MONTH_MACROS, _Scanner

        scanner = _Scanner(self.text, self.path)
        macros = dict(MONTH_MACROS)
        scanner.macros = macros
        index = -1
        for position, block in enumerate(self.blocks):
            if isinstance(block, _bibsyntax.StringDef):
                macros[block.name] = block.value  # as the scanner does, in file order
            elif isinstance(block, _bibsyntax.Entry):
                index += 1
                if index not in touched:
                    continue
                start = self.starts[index]
                head = _bibsyntax._HEAD.match(self.text, start)
                if head is None or scanner.block(start, head) != self.ends[index]:
                    return False
                entry = scanner.blocks[-1]
                if not isinstance(entry, _bibsyntax.Entry) or entry.broken:
                    return False
                self.blocks[position] = self.entries[index] = entry
        return True

    def span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def document(self) -> _bibsyntax.Document:
        """The entries as they read now, for the BibTeX reader (it uses values, not offsets)."""
        return _bibsyntax.Document(self.text, self.path, list(self.entries), {}, [])

    def scanned(self) -> _bibsyntax.Document:
        """The whole current text, scanned."""
        return _bibsyntax.parse(self.text, self.path)


def _growth(edits: Sequence[Edit]) -> tuple[list[int], list[int]]:
    """(edit starts, total growth of the text up to and including each edit), sorted."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    starts, totals, total = [], [], 0
    for edit in ordered:
        total += len(edit.replacement) - (edit.end - edit.start)
        starts.append(edit.start)
        totals.append(total)
    return starts, totals


def _moved(offset: int, growth: tuple[list[int], list[int]], *, inclusive: bool = False) -> int:
    """Where ``offset`` is after the edits: shifted by every edit that starts before it, or
    (``inclusive``: an entry's closing character) at it too."""
    starts, totals = growth
    i = (bisect.bisect_right if inclusive else bisect.bisect_left)(starts, offset)
    return offset + (totals[i - 1] if i else 0)


def _non_overlapping(findings: Sequence[Finding]) -> list[Finding]:
    """Findings whose edits touch no earlier chosen finding's edits (the rest wait for the
    next pass). Taken spans stay sorted, so each check looks at two neighbours only."""
    chosen: list[Finding] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for finding in sorted(findings, key=lambda f: f.edits[0].start):
        if any(_overlaps(edit, starts, spans) for edit in finding.edits):
            continue
        chosen.append(finding)
        for edit in finding.edits:
            index = bisect.bisect_left(starts, edit.start)
            starts.insert(index, edit.start)
            spans.insert(index, (edit.start, edit.end))
    return chosen


def _overlaps(edit: Edit, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``edit`` overlaps a taken span; two edits at one offset always conflict."""
    index = bisect.bisect_left(starts, edit.start)
    if index > 0 and spans[index - 1][1] > edit.start:
        return True
    if index < len(spans):
        start, _ = spans[index]
        if start == edit.start or start < edit.end:
            return True
    return False


def _apply(text: str, edits: Sequence[Edit]) -> str:
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


_DOI_RESOLVER: Final = re.compile(r"^(?:https?://(?:dx\.)?doi\.(?:org|acm\.org)/|doi:\s*)", re.I)


def _comparable(item: CslItem) -> CslItem:
    """The item as its meaning is compared. Two things --fix changes on purpose do not count:
    a DOI's resolver prefix (with or without it, the DOI names the same object), and
    ``custom.bibtex_raw``, where the reader records which words the source protects with
    braces (adding protection is bib.unprotected-caps's job; the text itself is still
    compared through the CSL fields)."""
    comparable: CslItem = {**item}
    doi = item.get("DOI")
    if doi is not None:
        comparable["DOI"] = _DOI_RESOLVER.sub("", doi.strip())
    custom = item.get("custom")
    if custom and "bibtex_raw" in custom:
        comparable["custom"] = {k: v for k, v in custom.items() if k != "bibtex_raw"}
        if not comparable["custom"]:
            del comparable["custom"]
    return comparable


def _reads_biblatex(doc: _bibsyntax.Document, options: CheckOptions) -> bool:
    """Whether the meaning guard reads entries as biber would: the data model configured,
    else BibLaTeX's when any entry is written for it (the rules' own test per entry)."""
    if options.data_model in ("bibtex", "biblatex"):
        return options.data_model == "biblatex"
    return any(_check_rules.written_for_biblatex(entry) for entry in doc.entries)


def _keep_meaning(
    original: _bibsyntax.Document, draft: _Draft, biblatex: bool
) -> tuple[_bibsyntax.Document, tuple[str, ...]] | str:
    """The scan of the fixed text with every entry whose CSL-JSON the fixes changed put back
    as it was, and the keys of the entries put back.

    Or (a string) why nothing can be written: the entries could not be matched up, or the
    result still differs. What is written is scanned and compared with the original again
    (its entries' inputs, and the items of those put back and their heirs), so it always
    reads to the same items as the original.
    """
    old, new = _readable(original), draft.entries
    if len(old) != len(new) or any(entry.broken for entry in new):
        return f"the number of entries ({len(old)} -> {len(_readable(draft.scanned()))})"
    touched = _touched(old, new)
    heirs = _heirs_of(old, new) if touched else {}
    affected = _with_heirs(touched, old, new, heirs)
    differ = _differing(original, old, draft.document(), new, affected, biblatex)
    before, after = original.text, draft.text
    parts: list[str] = []
    position = 0
    for i in differ:
        start, end = draft.span(i)
        parts.append(after[position:start])
        parts.append(before[old[i].start : old[i].end])
        position = end
    parts.append(after[position:])
    kept = tuple(new[i].key for i in differ)
    written = _bibsyntax.parse("".join(parts), draft.path) if differ else draft.scanned()
    back = _readable(written)
    if len(back) != len(old):
        return f"the CSL-JSON of {_shown_keys(kept)}"
    put_back = set(differ)
    expected = [old[i] if i in put_back else entry for i, entry in enumerate(new)]
    if any(_inputs(x) != _inputs(y) for x, y in zip(expected, back, strict=True)):
        # The scan differs from the draft's: compare every entry again.
        again = _with_heirs(_touched(old, back), old, back, _heirs_of(old, back))
    else:
        # Only the entries put back and their heirs read differently from the draft,
        # whose other entries were compared already.
        still = [i for i in touched if i not in put_back]
        around = set(_with_heirs(differ, old, back, heirs))
        again = [i for i in _with_heirs(still, old, back, heirs) if i in around]
    if _differing(original, old, written, back, again, biblatex):
        return f"the CSL-JSON of {_shown_keys(kept)}"
    return written, kept


def _readable(doc: _bibsyntax.Document) -> list[_bibsyntax.Entry]:
    """The entries the BibTeX reader makes items of."""
    return [entry for entry in doc.entries if not entry.broken]


def _touched(a: Sequence[_bibsyntax.Entry], b: Sequence[_bibsyntax.Entry]) -> list[int]:
    """Indices of the paired entries whose inputs to the reader differ.

    The reader makes an item from its entry's type, key and field names and values, and
    its crossref/xdata parents' (``bibtex.read_entries``), so only these entries and their
    heirs can read differently: a month changed from ``{June}`` to ``jun`` keeps its value.
    """
    return [
        i
        for i, (x, y) in enumerate(zip(a, b, strict=True))
        if x is not y and _inputs(x) != _inputs(y)
    ]


def _differing(
    a_doc: _bibsyntax.Document,
    a: Sequence[_bibsyntax.Entry],
    b_doc: _bibsyntax.Document,
    b: Sequence[_bibsyntax.Entry],
    indices: Sequence[int],
    biblatex: bool,
) -> list[int]:
    """Those of ``indices`` whose entries in ``a`` and ``b`` read to different CSL-JSON."""
    if not indices:
        return []
    from bibconv.formats import bibtex  # the BibTeX -> CSL mapping is bibtex.py's job

    olds = bibtex.read_entries(a_doc, [a[i] for i in indices], biblatex=biblatex)
    news = bibtex.read_entries(b_doc, [b[i] for i in indices], biblatex=biblatex)
    return [
        i for i, x, y in zip(indices, olds, news, strict=True) if _comparable(x) != _comparable(y)
    ]


def _inputs(entry: _bibsyntax.Entry) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What the reader makes an entry's item from (besides its parents)."""
    return entry.type, entry.key, tuple((f.name, f.value) for f in entry.fields)


def _heirs_of(a: Sequence[_bibsyntax.Entry], b: Sequence[_bibsyntax.Entry]) -> dict[str, set[int]]:
    """Parent key (folded) -> indices of the entries naming it in crossref/xdata, in either."""
    from bibconv.formats._bibinherit import parent_keys

    heirs: dict[str, set[int]] = {}
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        for entry in (x,) if x is y else (x, y):
            links: dict[str, str] = {}
            for f in entry.fields:
                if f.name in _INHERITING:
                    links.setdefault(f.name, f.value)  # the first, as the reader takes
            for key, _ in parent_keys(links):
                heirs.setdefault(key.lower(), set()).add(i)
    return heirs


def _with_heirs(
    touched: Sequence[int],
    a: Sequence[_bibsyntax.Entry],
    b: Sequence[_bibsyntax.Entry],
    heirs: dict[str, set[int]],
) -> list[int]:
    """``touched`` and the entries that inherit from them through crossref/xdata chains."""
    affected = set(touched)
    waiting = list(touched)
    while waiting:
        i = waiting.pop()
        for entry in (a[i], b[i]):
            for child in heirs.get(entry.key.lower(), ()):
                if child not in affected:
                    affected.add(child)
                    waiting.append(child)
    return sorted(affected)


_INHERITING: Final = frozenset({"crossref", "xdata"})


def _shown_keys(keys: Sequence[str]) -> str:
    shown = ", ".join(repr(key) for key in keys[:5])
    return shown + (" ..." if len(keys) > 5 else "")


# ----------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``bibconv check`` options (called by cli.py)."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=".bib files to check")
    parser.add_argument(
        "--fix", action="store_true", help="apply the safe fixes in place (atomic writes)"
    )
    parser.add_argument(
        "--diff", action="store_true", help="print what --fix would change; write nothing"
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rules (comma-separated codes or prefixes; ALL for every rule)",
    )
    parser.add_argument(
        "--extend-select", action="append", metavar="CODES", help="rules to add to the selection"
    )
    parser.add_argument("--ignore", action="append", metavar="CODES", help="rules to skip")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=["text", "json", "github"],
        default="text",
        help="text (path:line:col: severity: message [code]) on stderr; json or github "
        "workflow annotations on stdout",
    )
    parser.add_argument(
        "--tex",
        action="append",
        default=[],
        metavar="FILE.tex",
        help="LaTeX source whose citations are checked (repeat for several files)",
    )
    parser.add_argument(
        "--aux",
        action="append",
        default=[],
        metavar="FILE.aux",
        help="a LaTeX .aux file whose citations are checked (repeatable)",
    )
    parser.add_argument(
        "--legacy-8bit",
        action="store_true",
        help="also report non-ASCII text (for 8-bit BibTeX set-ups): bib.non-ascii",
    )
    parser.add_argument(
        "--data-model",
        choices=["auto", "bibtex", "biblatex"],
        default=None,
        help="required fields per entry type (default auto: BibLaTeX if the file uses it)",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore [tool.bibconv] in pyproject.toml"
    )


@dataclass(slots=True)
class CheckRun:
    """What one ``bibconv check`` run has to say; cli.py prints it and exits."""

    exit_code: int = EXIT_OK
    diagnostics: list[Diagnostic] = field(default_factory=list)  # text form, on stderr
    stdout: str = ""  # json / github annotations / --diff output
    sources: dict[str, str] = field(default_factory=dict)  # for caret lines
    usage_error: str | None = None


def run_check(args: argparse.Namespace) -> CheckRun:
    """Run ``bibconv check`` as ``args`` say; only reads and (with --fix) writes files."""
    run = CheckRun()
    try:
        cli_options = _cli_options(args)
    except (UnknownRuleError, ConfigError) as exc:
        return CheckRun(EXIT_USAGE, usage_error=str(exc))
    if (args.diff or (args.fix and _io.STDIO in args.files)) and args.output_format != "text":
        return CheckRun(
            EXIT_USAGE, usage_error="--diff and --fix on stdin print text; use --format text"
        )
    citations = _read_citations(args.tex, args.aux) if args.tex or args.aux else None
    configs = _ConfigFinder(enabled=not args.no_config)
    found: list[Diagnostic] = []
    defined: set[str] = set()
    diffs: list[str] = []
    filtered: list[str] = []  # --fix on stdin: the fixed text goes to stdout (a filter)
    for path in args.files:
        try:
            options = _merge(configs.options_for(path), cli_options)
        except ConfigError as exc:
            return CheckRun(EXIT_USAGE, usage_error=str(exc))
        shown = "<stdin>" if path == _io.STDIO else path
        try:
            data = _io.read_bytes(path)
        except OSError as exc:
            # Report it with the rest: aborting here would hide what the earlier files had
            # (and what --fix already wrote to them).
            found.append(_unreadable(shown, exc))
            continue
        text = _io.decode(data)
        with paused_gc():
            # One scan per file: --fix hands back the scan of what it wrote, reported on.
            doc = _bibsyntax.parse(text, shown)
            if args.fix or args.diff:
                result, doc = _fix_file(data, doc, options)
                found.extend(_fix_notes(shown, result, written=args.fix))
                if args.diff:
                    if result.changed:
                        diffs.append(_unified_diff(shown, text, result.text))
                    continue
                if path == _io.STDIO:
                    filtered.append(result.text)
                elif result.changed:
                    _io.atomic_write(path, _as_written(data, result.text))
                text = result.text
            run.sources[shown] = text
            defined.update(e.key for e in doc.entries if e.key)
            found.extend(_diagnose(doc, options, citations))
            del doc  # freed by reference counting, before the next file is read
    if citations is not None and not args.diff:
        enabled = _merge(CheckOptions(), cli_options).selection().enabled()
        if "tex.undefined-citation" in enabled:
            found.extend(_undefined_citations(citations, defined))
    run.exit_code = EXIT_PROBLEMS if found or diffs else EXIT_OK
    _render(run, found, [*diffs, *filtered], args.output_format)
    return run


def _unreadable(path: str, exc: OSError) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        "check.unreadable",
        f"cannot read the file: {exc.strerror or exc}",
        Location(path, 1, 1),
    )


def _fix_file(
    data: bytes, doc: _bibsyntax.Document, options: CheckOptions
) -> tuple[FixResult, _bibsyntax.Document]:
    """_fix() for a file's bytes: a file that is not UTF-8 (read as Latin-1) is not fixed,
    since writing it back as UTF-8 would change every non-ASCII byte."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        refused = "not fixed: the file is not UTF-8 (--fix writes UTF-8)"
        return FixResult(doc.text, refused=refused), doc
    return _fix(doc, options)


def _as_written(original: bytes, text: str) -> str:
    """``text`` with the original file's line endings and byte-order mark kept."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    if original.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    return text


def _cli_options(args: argparse.Namespace) -> CheckOptions:
    def codes(values: list[str] | None) -> tuple[str, ...] | None:
        if values is None:
            return None
        return tuple(c.strip() for v in values for c in v.split(",") if c.strip())

    select = codes(args.select)
    extend = codes(args.extend_select) or ()
    if args.legacy_8bit:
        extend = (*extend, "bib.non-ascii")
    ignore = codes(args.ignore) or ()
    check_patterns((*(select or ()), *extend, *ignore))
    return CheckOptions(select, extend, ignore, data_model=args.data_model or "")


def _merge(config: CheckOptions, cli: CheckOptions) -> CheckOptions:
    """Command-line options over the file's configuration (select replaces, others add)."""
    return CheckOptions(
        cli.select if cli.select is not None else config.select,
        (*config.extend_select, *cli.extend_select),
        (*config.ignore, *cli.ignore),
        config.required,
        config.key_pattern,
        cli.data_model or config.data_model,
        config.this_year,
    )


class _ConfigFinder:
    """The nearest pyproject.toml with a [tool.bibconv] table, looked up once per folder."""

    def __init__(self, *, enabled: bool) -> None:
        self._enabled = enabled
        self._by_dir: dict[Path, CheckOptions] = {}

    def options_for(self, path: str) -> CheckOptions:
        if not self._enabled or path == _io.STDIO:
            return CheckOptions()
        return self._for_dir(Path(path).resolve().parent)

    def _for_dir(self, directory: Path) -> CheckOptions:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        options = CheckOptions()
        candidate = directory / "pyproject.toml"
        table = _bibconv_table(candidate) if candidate.is_file() else None
        if table is not None:
            options = options_from_config(table, str(candidate))
        elif directory.parent != directory:
            options = self._for_dir(directory.parent)
        self._by_dir[directory] = options
        return options


def _bibconv_table(pyproject: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(_io.read_text(pyproject))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}: not valid TOML: {exc}") from exc
    table = data.get("tool", {}).get("bibconv")
    if not isinstance(table, dict):
        return None
    check_table = table.get("check")
    return check_table if isinstance(check_table, dict) else table


def _read_citations(tex: Sequence[str], aux: Sequence[str]) -> Citations:
    citations = Citations()
    for path in tex:
        citations.update(tex_citations(_io.read_text(path), path))
    for path in aux:
        citations.update(aux_citations(_io.read_text(path), path))
    return citations


def _undefined_citations(citations: Citations, defined: set[str]) -> list[Diagnostic]:
    folded = {key.lower(): key for key in defined}
    found = []
    for key, where in citations.keys.items():
        if key in defined:
            continue
        near = folded.get(key.lower())
        hint = f" (a .bib defines {near!r}: keys are case-sensitive)" if near else ""
        found.append(
            Diagnostic(
                Severity.ERROR,
                "tex.undefined-citation",
                f"{key!r} is cited but no .bib file given defines it{hint}",
                where,
                key,
            )
        )
    return found


def _fix_notes(path: str, result: FixResult, *, written: bool) -> list[Diagnostic]:
    if result.refused is not None:
        # Refusing to change meaning is an error; skipping a broken file is a note, as the
        # syntax errors themselves are reported anyway.
        severity = Severity.ERROR if result.fixed else Severity.INFO
        return [Diagnostic(severity, "check.fix-refused", f"{path}: {result.refused}")]
    notes = []
    if result.kept:
        notes.append(
            Diagnostic(
                Severity.INFO,
                "check.fix-refused",
                f"{path}: left {_shown_keys(result.kept)} unfixed: fixing would change their "
                "CSL-JSON",
            )
        )
    if not result.fixed or not written:
        return notes
    counts: dict[str, int] = {}
    for finding in result.fixed:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    detail = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
    total = len(result.fixed)
    message = f"{path}: fixed {total} problem{'s' if total != 1 else ''} ({detail})"
    return [*notes, Diagnostic(Severity.INFO, "check.fixed", message)]


def _unified_diff(path: str, old: str, new: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=path,
        tofile=f"{path} (fixed)",
    )
    return "".join(lines)


def _render(run: CheckRun, found: list[Diagnostic], diffs: list[str], fmt: str) -> None:
    if fmt == "json":
        import json

        run.stdout = json.dumps([_as_json(d) for d in found], indent=2, ensure_ascii=False) + "\n"
    elif fmt == "github":
        run.stdout = "".join(_as_github(d) + "\n" for d in found)
    else:
        run.diagnostics = found
        run.stdout = "".join(diffs)


def _as_json(diag: Diagnostic) -> dict[str, Any]:
    where = diag.location
    return {
        "path": where.path if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "severity": str(diag.severity),
        "code": diag.code,
        "message": diag.message,
        "key": diag.item_id,
    }


_GITHUB_LEVEL: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def _as_github(diag: Diagnostic) -> str:
    """A GitHub Actions workflow command: ``::error file=..,line=..,col=..,title=..::msg``."""
    props = [f"title={_gh_escape(diag.code, prop=True)}"]
    if diag.location is not None:
        where: Location = diag.location
        props = [
            f"file={_gh_escape(where.path, prop=True)}",
            f"line={where.line}",
            f"col={where.column}",
            *props,
        ]
    return f"::{_GITHUB_LEVEL[diag.severity]} {','.join(props)}::{_gh_escape(diag.message)}"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def rule_table() -> list[tuple[str, str, bool, bool, str]]:
    """(code, severity, on by default, fixable, summary) per rule, for docs and tests."""
    return [(r.code, str(r.severity), r.default, r.fixable, r.summary) for r in RULES]


__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "SYNTAX_RULE",
    "CheckOptions",
    "CheckRun",
    "ConfigError",
    "FixResult",
    "add_arguments",
    "check",
    "fix",
    "options_from_config",
    "rule_table",
    "run_check",
]
