"""Checking one .bib text: the selected rules over its scan, as located diagnostics in file
order (`check`).
"""

from __future__ import annotations

from collections.abc import Iterable

from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, LineIndex, Location
from bibconv.formats.bibtex import syntax
from bibconv.lint.config import CheckOptions
from bibconv.lint.findings import Finding, Settings
from bibconv.lint.registry import RULES_BY_CODE, check_patterns
from bibconv.lint.rules import FileChecker
from bibconv.lint.tex import Citations

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
        return _diagnose(syntax.parse(text, path), options, citations)


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
    doc: syntax.Document, options: CheckOptions, citations: Citations | None
) -> list[Diagnostic]:
    findings = _findings(doc, options.settings(), citations)
    return [diag for _, diag in located_diagnostics(doc, options, findings)]


def located_diagnostics(
    doc: syntax.Document, options: CheckOptions, findings: list[Finding]
) -> list[tuple[int, Diagnostic]]:
    """The syntax layer's diagnostics the selection allows and the findings, by offset in
    the text (ties: the syntax layer's first, then the findings in their order)."""
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
    for finding in findings:
        located.append((finding.offset, _diagnostic(finding, doc.index)))
    located.sort(key=lambda pair: pair[0])
    return located


def _findings(
    doc: syntax.Document, settings: Settings, citations: Citations | None
) -> list[Finding]:
    found = FileChecker(doc, settings).findings()
    if citations is not None and "tex.uncited-entry" in settings.enabled:
        found.extend(_uncited(doc, citations))
    return found


def _uncited(doc: syntax.Document, citations: Citations) -> list[Finding]:
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
    return finding_diagnostic(finding, index.location(finding.offset))


def finding_diagnostic(finding: Finding, where: Location) -> Diagnostic:
    """A finding as its rule reports it (the rule's severity) at ``where``."""
    rule = RULES_BY_CODE[finding.code]
    return Diagnostic(rule.severity, finding.code, finding.message, where, finding.key)


def _relocated(diag: Diagnostic, where: Location, key: str) -> Diagnostic:
    return Diagnostic(diag.severity, diag.code, diag.message, where, key or None)


def _with_key(diag: Diagnostic, key: str | None) -> Diagnostic:
    return Diagnostic(diag.severity, diag.code, diag.message, diag.location, key)


class _KeyLocator:
    """Which entry an offset falls in (to give syntax errors their entry's key)."""

    def __init__(self, doc: syntax.Document) -> None:
        self._spans = [(e.start, e.end, e.key) for e in doc.entries]

    def key_at(self, offset: int) -> str | None:
        from bisect import bisect_right

        i = bisect_right(self._spans, (offset, float("inf"), "")) - 1
        if i >= 0:
            start, end, key = self._spans[i]
            if start <= offset < max(end, start + 1) and key:
                return key
        return None
