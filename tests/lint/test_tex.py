"""Citations read from .tex and .aux files (bibconv/lint/tex.py)."""

from __future__ import annotations

from bibconv.lint.tex import aux_citations, tex_citations

TEX = r"""\documentclass{article}
\begin{document}
\cite{a,b} \citep[p.~3]{c} \citet*{d} \Citeauthor{e} \cite[see][12]{f}
\parencite{g} \textcite{h} \autocite[pre][post]{i} \footcite{j}
\parencites(all)(x)[p.~1]{k}[2]{l, m} \citestyle{notakey}
% \cite{commented}
50\% of \cite{n} % \cite{after-comment}
\end{document}
"""


def test_tex_citation_commands() -> None:
    found = tex_citations(TEX, "paper.tex")
    assert list(found.keys) == [*"abcdefghijklmn"]
    assert not found.everything
    assert str(found.keys["a"]) == "paper.tex:3:7"
    assert str(found.keys["l"]) == "paper.tex:5:33"


def test_nocite_star_cites_everything() -> None:
    found = tex_citations(r"\nocite{*}\cite{x}", "p.tex")
    assert found.everything
    assert list(found.keys) == ["x"]


def test_text_without_citations() -> None:
    found = tex_citations("no citations here, 100\\% sure", "p.tex")
    assert not found.keys
    assert not found.everything


def test_aux_citations_bibtex_and_biblatex() -> None:
    aux = "\\relax\n\\citation{a,b}\n\\abx@aux@cite{0}{c}\n\\abx@aux@cite{d}\n\\citation{*}\n"
    found = aux_citations(aux, "paper.aux")
    assert list(found.keys) == ["a", "b", "c", "d"]
    assert found.everything
    assert str(found.keys["c"]) == "paper.aux:3:18"
