"""`check --fix`: the rules' safe edits, applied only while the entries' CSL-JSON stays the
same.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from bibconv._gc import paused_gc
from bibconv.diagnostics import Severity
from bibconv.formats.bibtex import syntax
from bibconv.lint import layout as rules_layout
from bibconv.lint import tables
from bibconv.lint.config import CheckOptions
from bibconv.lint.findings import Edit, Finding
from bibconv.lint.registry import RULES
from bibconv.lint.rules import FileChecker
from bibconv.model import CslItem

#: Fixes can uncover further fixes (a rebuilt layout after an escape); a few passes settle.
_MAX_FIX_PASSES: Final = 4


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
        return _fix(syntax.parse(text, path), options or CheckOptions())[0]


def _fix(doc: syntax.Document, options: CheckOptions) -> tuple[FixResult, syntax.Document]:
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
    # rules run, each looks at one entry alone, and a small fix uncovers no other, so a
    # later pass looks only at the entries where the pass before it held a finding back:
    # the others have nothing left to fix.
    small = replace(settings, enabled=settings.enabled & _FIXABLE - {"bib.layout"})
    draft = _Draft.of(doc)
    waiting: list[int] | None = None  # indices in doc.entries; None: every entry
    for _ in range(_MAX_FIX_PASSES):
        findings = [f for f in FileChecker(draft.part(waiting), small).findings() if f.edits]
        chosen = _non_overlapping(findings)
        if not chosen:
            break
        taken = {id(f) for f in chosen}
        held = draft.indices_at([f.edits[0].start for f in findings if id(f) not in taken])
        edited = draft.edit([e for f in chosen for e in f.edits])
        fixed.extend(chosen)
        if not held or edited is None:
            break  # nothing was held back, so nothing is left for another pass
        waiting = [i for i in edited if i in held]  # (an overlap is in an edited entry)
    if "bib.layout" in settings.enabled:
        whole = draft.scanned()
        layout = [f for e in whole.entries for f in rules_layout.layout_findings(whole.text, e)]
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
    blocks: list[syntax.Block]  # the scan's blocks, entries replaced when scanned again
    entries: list[syntax.Entry]
    starts: list[int]
    ends: list[int]
    exact: bool = True  # whether every entry's offsets are true in ``text``

    @classmethod
    def of(cls, doc: syntax.Document) -> _Draft:
        entries = doc.entries
        starts, ends = [e.start for e in entries], [e.end for e in entries]
        return cls(doc.text, doc.path, list(doc.blocks), entries, starts, ends)

    def part(self, indices: Sequence[int] | None) -> syntax.Document:
        """A document of the entries at ``indices`` (every entry for None) for the rules;
        only entries scanned in the current text have true offsets, so only those."""
        chosen = self.entries if indices is None else [self.entries[i] for i in indices]
        assert indices is not None or self.exact
        return syntax.Document(self.text, self.path, list(chosen), {}, [])

    def indices_at(self, offsets: Sequence[int]) -> set[int]:
        """The indices of the entries that the offsets (in the current text) fall in."""
        return {max(0, bisect.bisect_right(self.starts, offset) - 1) for offset in offsets}

    def edit(self, edits: Sequence[Edit]) -> list[int] | None:
        """Apply ``edits`` (each inside one entry); the indices of the entries they fell in,
        or None when one of them no longer scans as one whole entry (then the whole text
        is scanned, and the passes stop)."""
        touched = sorted(self.indices_at([e.start for e in edits]))
        growth = _growth(edits)
        self.text = _apply(self.text, edits)
        self.starts = [_moved(offset, growth) for offset in self.starts]
        self.ends = [_moved(offset - 1, growth, inclusive=True) + 1 for offset in self.ends]
        self.exact = False
        if not self._rescan(set(touched)):
            whole = syntax.parse(self.text, self.path)
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
        from bibconv.formats.bibtex.syntax import MONTH_MACROS, _Scanner

        scanner = _Scanner(self.text, self.path)
        macros = dict(MONTH_MACROS)
        scanner.macros = macros
        index = -1
        for position, block in enumerate(self.blocks):
            if isinstance(block, syntax.StringDef):
                macros[block.name] = block.value  # as the scanner does, in file order
            elif isinstance(block, syntax.Entry):
                index += 1
                if index not in touched:
                    continue
                start = self.starts[index]
                head = syntax._HEAD.match(self.text, start)
                if head is None or scanner.block(start, head) != self.ends[index]:
                    return False
                entry = scanner.blocks[-1]
                if not isinstance(entry, syntax.Entry) or entry.broken:
                    return False
                self.blocks[position] = self.entries[index] = entry
        return True

    def span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def document(self) -> syntax.Document:
        """The entries as they read now, for the BibTeX reader (it uses values, not offsets)."""
        return syntax.Document(self.text, self.path, list(self.entries), {}, [])

    def scanned(self) -> syntax.Document:
        """The whole current text, scanned."""
        return syntax.parse(self.text, self.path)


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


def _reads_biblatex(doc: syntax.Document, options: CheckOptions) -> bool:
    """Whether the meaning guard reads entries as biber would: the data model configured,
    else BibLaTeX's when any entry is written for it (the rules' own test per entry)."""
    if options.data_model in ("bibtex", "biblatex"):
        return options.data_model == "biblatex"
    return any(tables.written_for_biblatex(entry) for entry in doc.entries)


def _keep_meaning(
    original: syntax.Document, draft: _Draft, biblatex: bool
) -> tuple[syntax.Document, tuple[str, ...]] | str:
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
    written = syntax.parse("".join(parts), draft.path) if differ else draft.scanned()
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


def _readable(doc: syntax.Document) -> list[syntax.Entry]:
    """The entries the BibTeX reader makes items of."""
    return [entry for entry in doc.entries if not entry.broken]


def _touched(a: Sequence[syntax.Entry], b: Sequence[syntax.Entry]) -> list[int]:
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
    a_doc: syntax.Document,
    a: Sequence[syntax.Entry],
    b_doc: syntax.Document,
    b: Sequence[syntax.Entry],
    indices: Sequence[int],
    biblatex: bool,
) -> list[int]:
    """Those of ``indices`` whose entries in ``a`` and ``b`` read to different CSL-JSON.

    Pairs alike but for a month the reader reads as the same number are not read: they
    read alike (``bibtex.read_alike_but_for_month``; most of a big file's fixes are
    ``{Jan}`` -> ``jan``).
    """
    from bibconv.formats import bibtex  # the BibTeX -> CSL mapping is bibtex.py's job

    indices = [i for i in indices if not bibtex.read_alike_but_for_month(a[i], b[i])]
    if not indices:
        return []

    olds = bibtex.read_entries(a_doc, [a[i] for i in indices], biblatex=biblatex)
    news = bibtex.read_entries(b_doc, [b[i] for i in indices], biblatex=biblatex)
    return [
        i for i, x, y in zip(indices, olds, news, strict=True) if _comparable(x) != _comparable(y)
    ]


def _inputs(entry: syntax.Entry) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What the reader makes an entry's item from (besides its parents)."""
    return entry.type, entry.key, tuple(map(_NAME_AND_VALUE, entry.fields))


_NAME_AND_VALUE: Final = operator.attrgetter("name", "value")


def _heirs_of(a: Sequence[syntax.Entry], b: Sequence[syntax.Entry]) -> dict[str, set[int]]:
    """Parent key (folded) -> indices of the entries naming it in crossref/xdata, in either."""
    from bibconv.formats.bibtex.inherit import parent_keys

    heirs: dict[str, set[int]] = {}
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        for entry in (x,) if x is y else (x, y):
            links: dict[str, str] = {}
            for f in entry.fields:
                if f.name in _INHERITING:
                    links.setdefault(f.name, f.value)  # the first, as the reader takes
            for key, _ in parent_keys(links) if links else ():
                heirs.setdefault(key.lower(), set()).add(i)
    return heirs


def _with_heirs(
    touched: Sequence[int],
    a: Sequence[syntax.Entry],
    b: Sequence[syntax.Entry],
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
