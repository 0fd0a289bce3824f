"""The public API is exactly what __all__ says (the httpx habit)."""

import bibconv


def test_all_is_sorted_and_pinned() -> None:
    assert bibconv.__all__ == sorted(bibconv.__all__)
    assert bibconv.__all__ == [
        "BibconvError",
        "CslItem",
        "CslName",
        "Diagnostic",
        "Location",
        "Output",
        "ParseError",
        "ReadFormat",
        "Severity",
        "UnknownFormatError",
        "WriteFormat",
        "check",
        "dump",
        "dumps",
        "format_bibliography",
        "format_citations",
        "iter_load",
        "load",
        "loads",
    ]


def test_every_public_name_exists() -> None:
    for name in bibconv.__all__:
        assert getattr(bibconv, name) is not None
