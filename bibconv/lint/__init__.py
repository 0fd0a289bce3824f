"""`bibconv check`: a .bib linter for pre-commit that finds real problems and fixes safe ones.

Library use::

    diagnostics = bibconv.check(text, "refs.bib")                 # the default rules
    diagnostics = bibconv.check(text, "refs.bib", select=["ALL"], ignore=["bib.layout"])
    result = bibconv.lint.fix(text, "refs.bib")
    result.text, result.fixed, result.refused

Each diagnostic's ``code`` is a rule code (docs/check.md lists them) or a syntax-layer code
(reported under ``bib.syntax``), and its ``item_id`` is the entry's citation key.

``--fix`` applies only the edits of fixable rules, reads the entries it edited through the
BibTeX reader (BibLaTeX's rules for a BibLaTeX file; not those whose one change is a month
the reader reads as the same number), and puts back any entry whose CSL-JSON changed:
"--fix never changes meaning" is enforced by code, not promised.

Modules: ``config`` (options), ``checker`` (``check``), ``fixer`` (``fix``), ``registry``
(the rule table), ``rules``, ``duplicates``, ``values``, ``tex`` and ``findings``. The
``bibconv check`` command itself (arguments, files, reports) is ``bibconv._cli_check``.
"""

from __future__ import annotations

from bibconv.lint.checker import check
from bibconv.lint.config import CheckOptions, ConfigError, options_from_config
from bibconv.lint.fixer import FixResult, fix

__all__ = [
    "CheckOptions",
    "ConfigError",
    "FixResult",
    "check",
    "fix",
    "options_from_config",
]
