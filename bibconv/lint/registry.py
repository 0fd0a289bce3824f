"""The rules of ``bibconv check``: one table of stable codes, and how a selection is made.

Codes are kebab-case after a ``bib.`` (the .bib file) or ``tex.`` (the LaTeX sources) prefix,
like every other diagnostic code in bibconv. A selection pattern is a full code, a prefix
(``bib`` or ``tex``), or ``ALL``. The syntax layer's own codes (``bib.missing-comma``, ...)
are reported through the ``syntax`` rules below, so they can be selected and ignored too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from bibconv.diagnostics import BibconvError, Severity
from bibconv.formats.bibtex import syntax as _bibsyntax


@dataclass(frozen=True, slots=True)
class Rule:
    """One check: its code, whether it runs by default, whether ``--fix`` repairs it."""

    code: str
    severity: Severity
    summary: str  # the one-line explanation in docs/check.md and `--list-rules`
    default: bool = True
    fixable: bool = False
    #: Formatting rules: not reported by default (a clean entry is not a problem because
    #: of its layout), but --fix applies them unless they are ignored.
    fix_by_default: bool = False


_E, _W = Severity.ERROR, Severity.WARNING

#: Every rule, in the order docs/check.md lists them.
RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "bib.syntax",
        _E,
        "the file is not valid BibTeX (unbalanced braces, missing comma, "
        "junk where an entry or field was expected), with the exact position",
    ),
    Rule(
        "bib.junk",
        _W,
        "text between entries that looks like a broken entry or field (BibTeX silently skips it)",
    ),
    Rule(
        "bib.duplicate-key",
        _E,
        "two entries share a citation key (BibTeX compares keys "
        "case-insensitively and keeps the first)",
    ),
    Rule(
        "bib.duplicate-work",
        _W,
        "the same work under two keys: same DOI, same arXiv id, "
        "same title after folding case and punctuation, or a preprint and its published "
        "version",
    ),
    Rule(
        "bib.duplicate-field",
        _E,
        "a field given twice in one entry (BibTeX keeps the "
        "first and errors; biber keeps the last)",
    ),
    Rule(
        "bib.missing-field",
        _W,
        "a field the entry type requires is absent or empty "
        "(BibTeX/BibLaTeX data models; crossref-inherited fields count as present)",
    ),
    Rule(
        "bib.undefined-macro",
        _W,
        "a value uses an @string macro that is never defined (BibTeX prints nothing in its place)",
    ),
    Rule(
        "bib.string-redefined",
        _W,
        "an @string defined twice (entries before and after "
        "the second definition get different values)",
    ),
    Rule("bib.missing-crossref", _E, "crossref names a key no entry in the file has"),
    Rule(
        "bib.invalid-month",
        _W,
        "month is not a month (jan..dec, 1..12, a month name, or a range or season of them)",
    ),
    Rule("bib.implausible-year", _W, "year is not a plausible four-digit year"),
    Rule(
        "bib.page-hyphen",
        _W,
        "a page range joined by a single hyphen (BibTeX wants '--')",
        fixable=True,
    ),
    Rule(
        "bib.unescaped-char",
        _W,
        "&, %, # or _ unescaped in a field LaTeX typesets "
        "(URL, DOI, eprint and file fields are exempt)",
        fixable=True,
    ),
    Rule(
        "bib.unprotected-caps",
        _W,
        "capitals in a title that a style would lower-case "
        "(BERT, CharacterBot) without protecting braces",
        fixable=True,
    ),
    Rule(
        "bib.malformed-doi",
        _W,
        "a DOI with spaces, a resolver prefix "
        "(https://doi.org/, doi:), or not of the form 10.NNNN/suffix",
        fixable=True,
    ),
    Rule("bib.malformed-url", _W, "a URL with spaces in it or no scheme"),
    Rule(
        "bib.author-commas",
        _W,
        "an author or editor list joined by commas or semicolons instead of 'and'",
    ),
    Rule("bib.et-al", _W, "'et al.' typed in a name list (write 'and others')"),
    Rule(
        "bib.key-pattern",
        _W,
        "a citation key that does not match the configured "
        "key-pattern (only when one is configured)",
    ),
    Rule(
        "bib.non-ascii",
        _W,
        "non-ASCII text a legacy 8-bit BibTeX would choke on (off by default; --legacy-8bit)",
        default=False,
    ),
    Rule(
        "bib.month-macro",
        Severity.INFO,
        "month written as text ('{June}', '6') instead "
        "of the month macro (jun) styles can abbreviate (reported only when selected; "
        "--fix applies it unless ignored)",
        default=False,
        fixable=True,
        fix_by_default=True,
    ),
    # Off for --fix too: rebuilding and reordering every entry is a formatter's job, and a
    # pre-commit fix hook must not rewrite a whole file on first use (opt in with
    # --extend-select bib.layout).
    Rule(
        "bib.layout",
        Severity.INFO,
        "an entry not in the canonical layout: one field per "
        "line, two-space indent, standard field order (reported and fixed only when "
        "selected: --extend-select bib.layout)",
        default=False,
        fixable=True,
    ),
    Rule(
        "tex.undefined-citation",
        _E,
        "a key cited in the .tex/.aux files that no .bib file defines (only with --tex/--aux)",
    ),
    Rule(
        "tex.uncited-entry",
        _W,
        "an entry no .tex/.aux file cites (only with --tex/--aux; \\nocite{*} cites all)",
    ),
)

RULES_BY_CODE: Final[dict[str, Rule]] = {rule.code: rule for rule in RULES}

#: Codes the syntax layer reports that are syntax errors in the file, not rule findings:
#: they are selected and ignored as ``bib.syntax`` (and also by their own code).
SYNTAX_RULE: Final = "bib.syntax"


class UnknownRuleError(BibconvError, ValueError):
    """A --select/--ignore pattern that names no rule."""


def _matches(pattern: str, code: str) -> bool:
    return pattern == "ALL" or code == pattern or code.startswith(pattern + ".")


#: The codes ``bibconv convert`` prints for a .bib besides the syntax layer's and the
#: rules' own (which the reader shares: one problem, one code): ``--ignore`` takes them too,
#: so a code copied from either command's output is never a usage error.
READER_CODES: Final = frozenset({"bib.missing-xdata", "bibtex.cannot-hold", "bib.key-changed"})


def printed_codes() -> frozenset[str]:
    """Every code ``check`` or ``convert`` prints for a .bib file."""
    return frozenset(RULES_BY_CODE) | _bibsyntax.CODES | READER_CODES


def check_patterns(patterns: Iterable[str]) -> None:
    """Raise UnknownRuleError for a pattern that matches no code (a typo would silence it)."""
    codes = printed_codes()
    for pattern in patterns:
        if not any(_matches(pattern, code) for code in codes):
            known = ", ".join(rule.code for rule in RULES)
            syntax = ", ".join(sorted(_bibsyntax.CODES - RULES_BY_CODE.keys()))
            raise UnknownRuleError(
                f"unknown rule {pattern!r}; known rules: {known} (and bib.syntax's own "
                f"codes: {syntax})"
            )


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules run: ``select`` replaces the defaults, ``extend`` adds, ``ignore`` removes."""

    select: tuple[str, ...] | None = None
    extend: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self) -> frozenset[str]:
        """The codes of the rules that run."""
        chosen: set[str] = set()
        for rule in RULES:
            if self.select is None:
                picked = rule.default
            else:
                picked = any(_matches(p, rule.code) for p in self.select)
            if picked or any(_matches(p, rule.code) for p in self.extend):
                chosen.add(rule.code)
        return frozenset(c for c in chosen if not any(_matches(p, c) for p in self.ignore))

    def fix_enabled(self) -> frozenset[str]:
        """The codes whose fixes --fix applies: the enabled rules, plus the formatting
        rules unless a pattern in ``ignore`` names them or ``select`` narrows the rules."""
        if self.select is not None:
            return self.enabled()
        formatting = {
            rule.code
            for rule in RULES
            if rule.fix_by_default and not any(_matches(p, rule.code) for p in self.ignore)
        }
        return self.enabled() | formatting

    def allows_code(self, code: str, enabled: frozenset[str]) -> bool:
        """Whether a diagnostic with ``code`` (maybe a syntax-layer code) is reported."""
        if code in RULES_BY_CODE:
            return code in enabled
        # A syntax-layer code: on with bib.syntax or when named itself, unless ignored.
        named = any(_matches(p, code) for p in (*(self.select or ()), *self.extend))
        picked = SYNTAX_RULE in enabled or named
        return picked and not any(_matches(p, code) for p in self.ignore)
