"""Properties of ``check --fix`` on generated entries (issue 12): fixing twice changes
nothing the first fix did not, and a fix never changes what an entry means (its CSL-JSON,
compared as ``check`` defines meaning: a DOI's resolver prefix and the record of protecting
braces are what --fix changes on purpose)."""

from __future__ import annotations

import contextlib
import warnings
from typing import Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bibconv
from bibconv.lint import CheckOptions, fix
from bibconv.lint.fixer import _comparable

with warnings.catch_warnings():  # as in test_roundtrip.py: keep a falsifying example visible
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):
        import hypothesis.extra._patching  # noqa: F401

# Words and marks that the fixable rules act on: capitals a style would lower-case, LaTeX
# specials, page ranges with one hyphen, DOIs with a resolver, months as text.
_WORDS = st.sampled_from(
    ["the", "BERT", "CharacterBot", "model", "A", "of", "x_y", "R&D", "50%", "#1", "{NLP}",
     "\\&", "Über", "--", "-"]
)  # fmt: skip
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_VALUES = {
    "title": _TEXT,
    "booktitle": _TEXT,
    "journal": _TEXT,
    "note": _TEXT,
    "author": st.sampled_from(["Doe, Jane", "Jane Doe and John Roe", "Doe, J. and others"]),
    "pages": st.sampled_from(["12-34", "12--34", "12–34", "e1", "5-"]),
    "doi": st.sampled_from(
        ["10.1000/xyz", "https://doi.org/10.1000/a_b", "doi:10.1/x", "10.1000/ab c"]
    ),
    "month": st.sampled_from(["jun", "June", "{June}", "6", 'jun # "--" # jul']),
    "year": st.sampled_from(["2020", "{2021}", "20x"]),
    "url": st.sampled_from(["https://example.org/a_b%20c", "example.org"]),
}
_TYPES = st.sampled_from(["article", "Book", "INPROCEEDINGS", "misc", "phdthesis"])

# BibLaTeX's data model: its own types and fields (dates, locations, title parts, eprints,
# the extended name format, editor roles), beside the fields above that both models have.
_BIBLATEX_VALUES = {
    **{k: v for k, v in _VALUES.items() if k not in ("journal", "booktitle", "month", "year")},
    "journaltitle": _TEXT,
    "maintitle": _TEXT,
    "subtitle": _TEXT,
    "titleaddon": _TEXT,
    "issuetitle": _TEXT,
    "date": st.sampled_from(["2020", "2020-06", "2020-06-01", "2020/2021", "2020-06/", "{2021}"]),
    "urldate": st.sampled_from(["2021-01-02", "n.d."]),
    "location": st.sampled_from(["Berlin", "Berlin and Paris", "{New York}"]),
    "institution": _TEXT,
    "eprint": st.sampled_from(["2101.00001", "hep-th/9901001"]),
    "eprinttype": st.sampled_from(["arxiv", "arXiv", "pubmed"]),
    "langid": st.sampled_from(["english", "ngerman", "french"]),
    "editor": st.sampled_from(
        ["family=Gogh, given=Vincent, prefix=van, useprefix=true", "Doe, Jane and others"]
    ),
    "editora": st.sampled_from(["Roe, John"]),
    "editoratype": st.sampled_from(["collaborator", "redactor"]),
    "number": st.sampled_from(["3", "{III}"]),
    "volume": st.sampled_from(["2", "12"]),
    "series": _TEXT,
    "keywords": st.sampled_from(["a, b", "NLP; BERT"]),
    "shortjournal": st.sampled_from(["J. X", "JX"]),
    "isbn": st.sampled_from(["978-3-16-148410-0"]),
}
_BIBLATEX_TYPES = st.sampled_from(
    ["online", "Report", "mvbook", "thesis", "patent", "inbook", "article", "dataset",
     "software", "unpublished", "inproceedings", "collection"]
)  # fmt: skip
_MODELS = {"bibtex": (_VALUES, _TYPES), "biblatex": (_BIBLATEX_VALUES, _BIBLATEX_TYPES)}


def _field(name: str, value: str, braces: bool) -> str:
    if name in ("month", "year") and not value.startswith("{") and value.isalnum():
        return f"{name} = {value}"  # a bare macro or number
    if name == "month" and "#" in value:
        return f"{name} = {value}"
    return f"{name} = {{{value}}}" if braces else f'{name} = "{value}"'


@st.composite
def _entry(draw: st.DrawFn, key: str, model: str) -> str:
    values, types = _MODELS[model]
    names = draw(st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=6, unique=True))
    fields = []
    for name in names:
        shown = name.upper() if draw(st.booleans()) else name  # field names are caseless
        fields.append(_field(shown, draw(values[name]), draw(st.booleans())))
    joiner = draw(st.sampled_from([",\n  ", ", ", ",\n\t"]))
    return f"@{draw(types)}{{{key},{joiner[1:]}{joiner.join(fields)}\n}}\n"


@st.composite
def _bib(draw: st.DrawFn, model: str = "bibtex") -> str:
    count = draw(st.integers(1, 3))
    return "\n".join(draw(_entry(f"k{n}", model)) for n in range(count))


def _meaning(text: str, model: str = "bibtex") -> list[object]:
    fmt: Literal["bibtex", "biblatex"] = "biblatex" if model == "biblatex" else "bibtex"
    return [_comparable(item) for item in bibconv.loads(text, fmt, diagnostics=[])]


_OPTIONS = st.sampled_from([CheckOptions(), CheckOptions(extend_select=("bib.layout",))])
# BibLaTeX files: the data model told, or found from the entries ("auto", the default)
_BIBLATEX_OPTIONS = st.sampled_from(
    [
        CheckOptions(),
        CheckOptions(data_model="biblatex"),
        CheckOptions(extend_select=("bib.layout",)),
        CheckOptions(extend_select=("bib.layout",), data_model="biblatex"),
    ]
)
_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_idempotent_and_meaning_kept(text: str, options: CheckOptions, model: str) -> None:
    first = fix(text, "refs.bib", options)
    second = fix(first.text, "refs.bib", options)
    assert not second.changed, [f.code for f in second.fixed]
    assert second.text == first.text
    assert _meaning(first.text, model) == _meaning(text, model)


@_SETTINGS
@given(text=_bib(), options=_OPTIONS)
def test_fix_is_idempotent_and_keeps_meaning(text: str, options: CheckOptions) -> None:
    _assert_idempotent_and_meaning_kept(text, options, "bibtex")


@_SETTINGS
@given(text=_bib("biblatex"), options=_BIBLATEX_OPTIONS)
def test_fix_of_biblatex_data_is_idempotent_and_keeps_its_biblatex_meaning(
    text: str, options: CheckOptions
) -> None:
    _assert_idempotent_and_meaning_kept(text, options, "biblatex")


def test_the_biblatex_generator_reaches_fixes() -> None:
    """One fixed BibLaTeX example: the property above is not vacuous either."""
    text = "@online{k0,\n  title = {BERT for R&D},\n  date = {2020-06},\n  pages = {5-9}\n}\n"
    result = fix(text, "refs.bib", CheckOptions(data_model="biblatex"))
    assert result.text == (
        "@online{k0,\n  title = {{BERT} for R\\&D},\n  date = {2020-06},\n  pages = {5--9}\n}\n"
    )
    assert _meaning(result.text, "biblatex") == _meaning(text, "biblatex")


def test_the_generator_reaches_fixes() -> None:
    """The property means little if nothing generated is ever fixed: one fixed example."""
    text = "@article{k0,\n  title = {BERT for R&D},\n  pages = {12-34}\n}\n"
    result = fix(text, "refs.bib")
    assert result.changed
    assert "12--34" in result.text
    assert "R\\&D" in result.text
