"""HTML/XHTML and XML readers against external entities, entity-expansion bombs, DTDs
and XInclude pointing at local files or the network (issue 12), through the shared
helper :mod:`tests.robustness.xml_safety`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv.diagnostics import Diagnostic
from tests.robustness.xml_safety import ATTACKS, Attack, assert_safe, attack_id


def _html(doctype: str, text: str) -> str:
    return (
        f'{doctype}<html><head><meta name="citation_title" content="{text}">'
        f"<title>{text}</title></head><body><h1>{text}</h1></body></html>"
    )


def _xhtml(doctype: str, text: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        f'<meta name="citation_title" content="{text}"/><title>{text}</title></head>'
        f"<body><p>{text}</p></body></html>"
    )


def _endnote_xml(doctype: str, text: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<xml><records><record>'
        '<ref-type name="Journal Article">17</ref-type>'
        f"<titles><title>{text}</title></titles></record></records></xml>"
    )


def _mods(doctype: str, text: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
        '<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods ID="k">'
        f"<titleInfo><title>{text}</title></titleInfo><genre>book</genre></mods>"
        "</modsCollection>"
    )


def _reader(fmt: str) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        diagnostics: list[Diagnostic] = []
        items = bibconv.loads(text, fmt, diagnostics=diagnostics)  # type: ignore[arg-type]
        return [items, [str(d) for d in diagnostics]]

    return read


READERS = [
    pytest.param(_reader("html"), _html, id="html"),
    pytest.param(_reader("html"), _xhtml, id="xhtml"),
    pytest.param(_reader(None), _xhtml, id="xhtml-sniffed"),  # type: ignore[arg-type]
    pytest.param(_reader("endnote-xml"), _endnote_xml, id="endnote-xml"),
    pytest.param(_reader("mods"), _mods, id="mods"),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=attack_id)
@pytest.mark.parametrize(("read", "wrap"), READERS)
def test_reader_is_safe(
    read: Callable[[str], Any], wrap: Callable[[str, str], str], attack: Attack, tmp_path: Path
) -> None:
    assert_safe(read, wrap, attack, tmp_path)


def test_the_helper_catches_a_reader_that_reads_the_file(tmp_path: Path) -> None:
    """The checks can fail: a reader that resolves the entity itself is caught."""

    def unsafe(document: str) -> str:
        return (tmp_path / "secret.txt").read_text(encoding="utf-8")

    (attack,) = [a for a in ATTACKS if a.name == "entity-file"]
    with pytest.raises(AssertionError, match="local file"):
        assert_safe(unsafe, _html, attack, tmp_path)


def test_the_documents_are_read_when_harmless() -> None:
    """Without an attack the wrapped documents give their title (the wraps are right)."""
    for fmt, wrap in (
        ("html", _html),
        ("html", _xhtml),
        ("endnote-xml", _endnote_xml),
        ("mods", _mods),
    ):
        (item,) = bibconv.loads(wrap("", "A title"), fmt, diagnostics=[])  # type: ignore[arg-type]
        assert item["title"] == "A title"
