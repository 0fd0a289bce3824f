"""The format table and the Literal names the API is typed with."""

from __future__ import annotations

from typing import get_args

from bibconv import registry


def test_literal_format_names_are_the_tables_names() -> None:
    assert sorted(get_args(registry.ReadFormat)) == registry.readable()
    assert sorted(get_args(registry.WriteFormat)) == registry.writable()
