"""mkdocs hooks (mkdocs.yml ``hooks:``): the pages the site makes from the code.

- ``cli-reference.md`` is written from the argparse parsers at every build
  (``bibconv._docgen.cli_reference``), so it cannot drift from ``bibconv --help``. No
  maintained mkdocs plugin renders argparse (mkdocs-argparse is a single 0.0.1 release;
  mkdocs-click is for click), and mkdocs's own hooks need no plugin at all.
- The API page's docstrings use Sphinx roles (``:func:`loads```); mkdocstrings shows
  them as written, so the role prefix is taken off and the code span stays.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.files import File, Files

from bibconv._docgen import cli_reference

_ROLE = re.compile(r":(?:func|class|meth|mod|attr|data|exc|obj):(?=<code>)")


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "cli-reference.md", content=cli_reference()))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    return _ROLE.sub("", html)
