"""The BibTeX syntax layer: blocks, fields, values, positions, errors and recovery."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bibconv.diagnostics import Severity
from bibconv.formats.bibtex import syntax
from bibconv.formats.bibtex.syntax import Comment, Entry, FreeText, Preamble, StringDef, parse
from tests.conftest import shared_data


def only_entry(text: str) -> Entry:
    entries = parse(text).entries
    assert len(entries) == 1
    return entries[0]


def codes(text: str) -> list[str]:
    return [d.code for d in parse(text).diagnostics]


def test_blocks_come_in_source_order_with_their_kinds() -> None:
    text = (
        "% a comment\n"
        '@preamble{"\\newcommand{\\x}{}"}\n'
        "@string{acm = {ACM}}\n"
        "@comment{ jabref }\n"
        "@Comment LocalWords: foo\n"
        "@article{a, title = acm}\n"
        "trailing words\n"
    )
    kinds = [type(b) for b in parse(text).blocks]
    assert kinds == [FreeText, Preamble, StringDef, Comment, Comment, Entry, FreeText]


def test_entry_type_is_lowercased_and_key_kept_as_written() -> None:
    entry = only_entry("@ARTICLE{Smith:2000:ABC(1)<2>;3,\n  Title = {X}\n}")
    assert entry.type == "article"
    assert entry.key == "Smith:2000:ABC(1)<2>;3"
    assert entry.delimiter == "{"
    assert [f.name for f in entry.fields] == ["title"]


def test_parenthesised_entry() -> None:
    entry = only_entry("@book(k,\n  title = {A (parenthesised) title},\n  year = 2000\n)")
    assert entry.delimiter == "("
    assert [(f.name, f.value) for f in entry.fields] == [
        ("title", "A (parenthesised) title"),
        ("year", "2000"),
    ]


def test_offsets_point_at_entry_field_name_and_value() -> None:
    text = "\n@misc{k,\n  note = {x},\n}\n"
    entry = only_entry(text)
    field = entry.fields[0]
    assert text[entry.start] == "@"
    assert text[entry.end - 1] == "}"
    assert text[entry.key_offset] == "k"
    assert text[field.name_offset : field.name_offset + 4] == "note"
    assert text[field.value_offset] == "{"
    assert field.raw == "{x}"


def test_value_pieces_and_expansion() -> None:
    text = (
        '@string{ny = "New York"}\n'
        '@misc{k, address = ny # ", " # {NY}, month = jun, year = 1999, '
        'note = "a {"}quoted{"} b"}'
    )
    entry = only_entry(text)
    address, month, year, note = entry.fields
    assert [p.kind for p in address.pieces] == ["macro", "quoted", "braced"]
    assert address.value == "New York, NY"
    assert address.raw == 'ny # ", " # {NY}'
    assert month.value == "June"  # the predefined month macros
    assert year.pieces[0].kind == "number"
    assert note.value == 'a {"}quoted{"} b'


def test_nested_braces_at_any_depth_are_kept_raw() -> None:
    deep = "{a {b {c {d {e {f}}}}} g}"  # six levels: beyond the one-shot pattern
    entry = only_entry(f"@misc{{k, title = {deep}}}")
    assert entry.fields[0].value == deep[1:-1]
    assert not entry.broken


def test_repeated_fields_are_all_kept_in_order() -> None:
    entry = only_entry("@misc{k, note = {one}, note = {two}, Note = {three}}")
    assert [f.value for f in entry.fields] == ["one", "two", "three"]


def test_string_redefinition_and_undefined_macro_are_warnings() -> None:
    doc = parse("@string{a = {1}}\n@string{A = {2}}\n@misc{k, x = a, y = nope}")
    assert [d.code for d in doc.diagnostics] == ["bib.string-redefined", "bib.undefined-macro"]
    assert all(d.severity is Severity.WARNING for d in doc.diagnostics)
    assert doc.strings[1].redefined
    entry = doc.entries[0]
    assert [f.value for f in entry.fields] == ["2", "nope"]  # an undefined macro: its name


def test_missing_comma_between_fields_is_an_error_but_the_entry_is_read() -> None:
    doc = parse("@misc{k,\n  title = {T}\n  year = 2001\n}\n")
    assert [str(d) for d in doc.diagnostics] == [
        "<input>:3:3: error: expected ',' or '}' after field value, found 'y' [bib.missing-comma]"
    ]
    entry = doc.entries[0]
    assert not entry.broken
    assert [f.name for f in entry.fields] == ["title", "year"]


def test_unclosed_brace_is_reported_at_the_next_entry_and_reading_resumes() -> None:
    text = "@misc{a,\n  title = {Open {brace},\n}\n\n@misc{b, title = {B}}\n"
    doc = parse(text, "x.bib")
    assert [str(d) for d in doc.diagnostics] == [
        "x.bib:5:1: error: expected ',' or '}' after field value, found '@' "
        "(an entry starts before this one was closed) [bib.unclosed-entry]"
    ]
    assert [(e.key, e.broken) for e in doc.entries] == [("a", True), ("b", False)]


def test_unclosed_brace_at_end_of_file() -> None:
    doc = parse("@misc{a,\n  title = {never closed\n", "x.bib")
    (diag,) = doc.diagnostics
    assert diag.code == "bib.unclosed-brace"
    assert str(diag.location) == "x.bib:2:24"
    assert "to close '{' opened at 2:11, found end of file" in diag.message


def test_missing_key_and_missing_delimiter() -> None:
    assert codes("@misc{title = {x}}") == ["bib.missing-key"]
    assert codes("@misc k,\n@misc{ok}") == ["bib.missing-delimiter"]


def test_an_empty_key_is_read_with_a_warning_as_bibtex_reads_it() -> None:
    doc = parse("@misc{, title = {x}}\n@misc{}\n@misc{ok, title = {y}}")
    assert [(e.key, e.broken) for e in doc.entries] == [("", False), ("", False), ("ok", False)]
    assert [(d.code, d.severity) for d in doc.diagnostics] == [
        ("bib.missing-key", Severity.WARNING),
        ("bib.missing-key", Severity.WARNING),
    ]
    assert doc.entries[0].fields[0].value == "x"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("@misc{smith{2000, title = {x}}", "smith{2000"),  # '{' in a braced entry's key
        ("@misc(jones}2001, title = {x})", "jones}2001"),  # '}' in a parenthesised one
        ("@misc{f(x)=y, title = {x}}", "f(x)=y"),
        ("@misc(Knuth(1984), title = {x})", "Knuth(1984)"),
        ("@misc{O'Neil:2000#1, title = {x}}", "O'Neil:2000#1"),
        ('@misc{50%off;x"y<z>, title = {x}}', '50%off;x"y<z>'),
        ("@misc{   spaced\n  , title = {x}}", "spaced"),
        ("@misc{k\u00a0, title = {x}}", "k"),  # a no-break space ends a key, as white space
    ],
)
def test_keys_hold_what_bibtex_web_allows(text: str, key: str) -> None:
    entry = only_entry(text)
    assert (entry.key, entry.broken, [f.value for f in entry.fields]) == (key, False, ["x"])


def test_field_and_macro_names_hold_bibtex_identifier_characters() -> None:
    doc = parse(
        '@string{j.ACM = "J. ACM"}\n'
        "@misc{k, x-custom:note.v2+3/4 = {a}, bdsk-url-1 = j.ACM, Field2 = 2}"
    )
    (entry,) = doc.entries
    assert [(f.name, f.value) for f in entry.fields] == [
        ("x-custom:note.v2+3/4", "a"),
        ("bdsk-url-1", "J. ACM"),
        ("field2", "2"),
    ]
    assert doc.diagnostics == []


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u2003", "\ufeff", "\u00a0\n\u00a0"])
def test_unicode_white_space_before_a_field_name_is_white_space(space: str) -> None:
    entry = only_entry(f"@misc{{k,{space}title{space}={space}{{x}},{space}year = 2000}}")
    assert [(f.name, f.value) for f in entry.fields] == [("title", "x"), ("year", "2000")]
    assert not entry.broken


def test_percent_inside_a_value_is_text() -> None:
    entry = only_entry('@misc{k, abstract = {50% of\n% all}, note = "10%" # { and 20%}}')
    assert [f.value for f in entry.fields] == ["50% of\n% all", "10% and 20%"]


def test_a_percent_line_at_the_top_level_is_text_so_its_entry_is_read() -> None:
    doc = parse("% @misc{old, title = {x}}\n@misc{new}")
    assert [e.key for e in doc.entries] == ["old", "new"]


def test_an_entry_inside_a_line_of_prose_is_read() -> None:
    doc = parse("See @article{p, title = {x}} for more; mail a@b.org today.\n")
    assert [e.key for e in doc.entries] == ["p"]
    assert [type(b) for b in doc.blocks] == [FreeText, Entry, FreeText]


def test_white_space_and_line_ends_between_at_type_and_delimiter() -> None:
    entry = only_entry("@\n  article\n  {k, title = {x}}")
    assert (entry.type, entry.key) == ("article", "k")


def test_at_comment_skips_only_the_word_when_its_body_holds_an_entry() -> None:
    text = "@comment{\n  @misc{inside, title = {x}}\n}\n@misc{after}"
    doc = parse(text)
    assert [e.key for e in doc.entries] == ["inside", "after"]
    assert [type(b) for b in doc.blocks] == [Comment, Entry, FreeText, Entry]
    (diag,) = doc.diagnostics
    assert (diag.code, diag.severity, str(diag.location)) == (
        "bib.comment-scope",
        Severity.WARNING,
        "<input>:1:1",
    )
    assert "the block at 2:3 inside it is read" in diag.message


def test_an_unclosed_at_comment_is_harmless_as_in_bibtex() -> None:
    doc = parse("@comment{never closed\n@misc{after, title = {x}}")
    assert [(e.key, e.broken) for e in doc.entries] == [("after", False)]
    assert [d.code for d in doc.diagnostics] == ["bib.comment-scope"]


def test_at_comment_without_an_entry_inside_stays_one_block() -> None:
    doc = parse("@comment{ mail someone@example.org, {nested} }\n@misc{k}")
    assert [type(b) for b in doc.blocks] == [Comment, Entry]
    assert doc.comments[0].text == " mail someone@example.org, {nested} "
    assert doc.diagnostics == []


def test_after_a_false_start_reading_resumes_on_the_same_line() -> None:
    doc = parse("Mail me@host.org (home). @article{real, title = {x}}\n@misc{next}")
    assert [(e.key, e.broken) for e in doc.entries] == [
        ("home).", True),
        ("real", False),
        ("next", False),
    ]
    assert [d.code for d in doc.diagnostics] == ["bib.missing-comma"]


def test_at_sign_in_free_text_starts_no_entry() -> None:
    doc = parse("mail me@example.org about it\n@misc{k}")
    assert [type(b) for b in doc.blocks] == [FreeText, Entry]
    assert doc.diagnostics == []


def test_entry_without_fields() -> None:
    entry = only_entry("@misc{lonely}")
    assert entry.key == "lonely"
    assert entry.fields == []


def test_codes_lists_every_code_the_scanner_reports() -> None:
    source = Path(syntax.__file__).read_text(encoding="utf-8")
    body = source.split("class Piece", 1)[1]  # after the CODES table itself
    assert set(re.findall(r'"(bib\.[a-z-]+)"', body)) == syntax.CODES


def test_line_index_is_built_only_when_asked() -> None:
    doc = parse("@misc{k, title = {x}}")
    assert doc._index is None
    assert doc.index.line_col(0) == (1, 1)


def test_keys_and_fields_agree_with_bibtexparser_on_small_bib() -> None:
    """Differential test: bibtexparser's splitter as an oracle where it parses."""
    import bibtexparser  # a dependency of ours: its absence is a failure, not a skip

    text = shared_data("small.bib").read_text(encoding="utf-8")
    ours = parse(text).entries
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    theirs = library.entries
    assert [e.key for e in ours] == [e.key for e in theirs]
    for mine, other in zip(ours, theirs, strict=True):
        assert mine.type == other.entry_type.lower()
        theirs_by_name = {f.key.lower(): str(f.value) for f in other.fields}
        assert [f.name for f in mine.fields] == list(theirs_by_name)
        # bibtexparser leaves '#' concatenations and month macros unexpanded: compare
        # single braced, quoted or numeric values.
        singles = {
            f.name: f.value
            for f in mine.fields
            if len(f.pieces) == 1 and f.pieces[0].kind != "macro"
        }
        assert singles == {k: v for k, v in theirs_by_name.items() if k in singles}


def test_large_file_scan_reads_every_entry() -> None:
    """Every entry of small.bib is an Entry, none broken, no diagnostics."""
    doc = syntax.parse(shared_data("small.bib").read_text(encoding="utf-8"))
    assert len(doc.entries) == 500
    assert len(doc.strings) == 535
    assert not any(e.broken for e in doc.entries)
    assert doc.diagnostics == []
