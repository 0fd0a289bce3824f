"""Complexity guards (issue 12): 8x the input takes at most ~8x the time (x1.5 slack).

One case per shape of hostile input the issue names (nested braces, 1 MB lines, 100k
authors, deep JSON, huge HTML DOMs, long runs of ``@``, ``|``, ``.``, long reference
lines) and per super-linear case found so far (crossref chains, xdata diamonds, names run
together in a pasted reference list). Sizes: the small run takes 5-30 ms here, the large
one 8x that; see ``_timing`` for what keeps the ratios steady on a loaded machine.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import bibconv
from bibconv.lint import fix
from tests.robustness._timing import assert_linear

pytestmark = pytest.mark.complexity


def _reader(fmt: str) -> Callable[[str], object]:
    def run(text: str) -> object:
        return bibconv.loads(text, fmt, diagnostics=[])  # type: ignore[arg-type]

    return run


def _check(text: str) -> object:
    return bibconv.check(text, "refs.bib", select=["ALL"])


def _fix(text: str) -> object:
    return fix(text, "refs.bib")


def _title(value: str) -> str:
    return "@article{k, title={" + value + "}}\n"


def _authors(n: int) -> str:
    return " and ".join(f"Doe{i}, J." for i in range(n))


def _chain(n: int) -> str:
    return "".join(f"@book{{k{i}, crossref={{k{i + 1}}}, title={{T{i}}}}}\n" for i in range(n))


def _xdata_diamond(n: int) -> str:
    """Two entries a level, each with both entries of the next level as xdata: 2**n paths."""
    return "".join(
        f"@misc{{a{i}, xdata={{a{i + 1},b{i + 1}}}, title={{T}}}}\n"
        f"@misc{{b{i}, xdata={{a{i + 1},b{i + 1}}}, note={{N}}}}\n"
        for i in range(n)
    )


#: An item as deep as bibconv's JSON reader allows (``bibconv._json.MAX_DEPTH``).
_DEEP_ITEM = '{"id":"a","type":"book","custom":{"x":' + "[" * 96 + "]" * 96 + "}}"


def _html(body: str) -> str:
    return f"<html><head><title>T</title></head><body>{body}</body></html>"


def _bib_authors(n: int) -> str:
    return f"@article{{k, author={{{_authors(n)}}}, title={{T}}, year=2020}}"


def _bib_entries(n: int) -> str:
    return "".join(f"@misc{{k{i}, title={{T {i}}}, year=2020}}\n" for i in range(n))


def _bib_fixable(n: int) -> str:
    return "".join(f"@misc{{k{i}, title={{T BERT {i}}}, pages={{1-2}}}}\n" for i in range(n))


def _bib_concatenation(n: int) -> str:
    return "@misc{k, title = " + " # ".join(['"a"'] * n) + "}"


def _ris(lines: str) -> str:
    return f"TY  - JOUR\n{lines}ER  - \n"


def _csljson_authors(n: int) -> str:
    names = ",".join(f'{{"family":"D{i}"}}' for i in range(n))
    return f'[{{"id":"a","type":"book","author":[{names}]}}]'


def _html_listing(n: int) -> str:
    return _html(
        "<ul>"
        + "".join(f'<li><a href="/p{i}">Paper {i}</a> Doe, J. 2020.</li>' for i in range(n))
        + "</ul>"
    )


def _html_meta(n: int) -> str:
    metas = "".join(f'<meta name="citation_author" content="Doe{i}, J.">' for i in range(n))
    return f"<html><head><title>T</title>{metas}</head><body></body></html>"


def _html_json_ld(n: int) -> str:
    script = '<script type="application/ld+json">' + "[" * n + "]" * n + "</script>"
    return f"<html><head>{script}<title>T</title></head><body>x</body></html>"


def _reference_authors(n: int) -> str:
    return ", ".join(f"Doe{i}, J." for i in range(n)) + " (2020). Title. Journal."


BIBTEX, BIBLATEX, RIS, CSLJSON = (_reader(f) for f in ("bibtex", "biblatex", "ris", "csljson"))
HTML, TEXT, REFERENCES = (_reader(f) for f in ("html", "text", "references"))
NO_SOURCE_RUN = "Smith, A. 2020 Title words here. "
RUN_TOGETHER = "Smith, A. (2020) Title words here. In Proc. "

CASES: list[tuple[str, Callable[[str], object], Callable[[int], str], int]] = [
    # BibTeX / BibLaTeX
    ("bibtex-nested-braces", BIBTEX, lambda n: _title("{" * n + "x" + "}" * n), 10000),
    ("bibtex-unclosed-braces", BIBTEX, lambda n: _title("{" * n), 40000),
    ("bibtex-1mb-line", BIBTEX, lambda n: _title("word " * n), 26000),  # 8n: 1 MB
    ("bibtex-100k-authors", BIBTEX, _bib_authors, 12500),  # 8n: 100,000
    ("biblatex-many-authors", BIBLATEX, _bib_authors, 3000),
    ("bibtex-run-of-at", BIBTEX, lambda n: "@" * n, 20000),
    ("bibtex-run-of-pipes", BIBTEX, lambda n: _title("|" * n), 100000),
    ("bibtex-run-of-backslashes", BIBTEX, lambda n: _title("\\" * n), 10000),
    ("bibtex-concatenation", BIBTEX, _bib_concatenation, 4000),
    ("bibtex-entries", BIBTEX, _bib_entries, 300),
    ("bibtex-crossref-chain", BIBTEX, _chain, 80),
    ("biblatex-crossref-chain", BIBLATEX, _chain, 80),
    ("biblatex-xdata-diamond", BIBLATEX, _xdata_diamond, 40),
    # RIS and CSL-JSON
    ("ris-1mb-line", RIS, lambda n: _ris("TI  - " + "word " * n + "\n"), 26000),
    ("ris-many-authors", RIS, lambda n: _ris("".join(f"AU  - D{i}, J.\n" for i in range(n))), 3000),
    ("csljson-many-authors", CSLJSON, _csljson_authors, 4000),
    ("csljson-deep", CSLJSON, lambda n: "[" * n + "]" * n, 100000),
    ("csljson-deep-items", CSLJSON, lambda n: "[" + ",".join([_DEEP_ITEM] * n) + "]", 120),
    # HTML
    ("html-deep-dom", HTML, lambda n: _html("<div>" * n + "x" + "</div>" * n), 300),
    ("html-wide-dom", HTML, _html_listing, 30),
    ("html-many-meta", HTML, _html_meta, 150),
    ("html-deep-json-ld", HTML, _html_json_ld, 30000),
    # Page text and reference lists
    ("text-run-of-dots", TEXT, lambda n: "." * n, 30000),
    ("text-run-of-pipes", TEXT, lambda n: "|" * n, 30000),
    ("text-run-of-at", TEXT, lambda n: "@" * n, 30000),
    ("text-long-line", TEXT, lambda n: "word " * n, 4000),
    ("text-initials-run", TEXT, lambda n: "J. Doe, " * n, 1000),
    ("references-run-of-dots", REFERENCES, lambda n: "." * n, 20000),
    ("references-run-of-pipes", REFERENCES, lambda n: "|" * n, 10000),
    ("references-long-line", REFERENCES, lambda n: "Doe, J. (2020). " + "Title word " * n, 2000),
    ("references-many-authors", REFERENCES, _reference_authors, 1000),
    ("references-initials-run", REFERENCES, lambda n: "J. Doe, " * n, 500),
    ("references-no-source-run", REFERENCES, lambda n: NO_SOURCE_RUN * n, 200),
    ("references-run-together", REFERENCES, lambda n: RUN_TOGETHER * n, 150),
    # check and --fix
    ("check-100k-authors", _check, _bib_authors, 12500),
    ("check-nested-braces", _check, lambda n: _title("{" * n + "x" + "}" * n), 10000),
    ("check-entries", _check, _bib_entries, 200),
    ("fix-entries", _fix, _bib_fixable, 60),
    ("fix-long-line", _fix, lambda n: _title("BERT R&D " * n), 300),
]


@pytest.mark.parametrize(("run", "make", "n"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_eight_times_the_input_takes_at_most_about_eight_times_as_long(
    run: Callable[[str], object], make: Callable[[int], str], n: int
) -> None:
    assert_linear(run, make, n)
