""".bib -> .bib keeps the input's own text: @string definitions and uses, @preamble, comments
and free text in place (bibconv/formats/bibtex/keep.py, issue 14)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv.diagnostics import Diagnostic, Severity
from bibconv.formats.bibtex import keep as _bibkeep
from bibconv.formats.bibtex import syntax
from bibconv.losses import comparable
from tests.conftest import shared_data

MACROS = """\
@string{jgo = "Journal of Global Optimization"}
@string{Dorigo = " Marco Dorigo "}
@string{and = " and "}

@article{a,
  author = Dorigo #and# {Stützle, Thomas},
  title = {Ant Colonies},
  journal = jgo,
  year = 1999,
  month = jan # "~1",
}

@misc{b,
  title = {Plain},
  note = "Seen in " # dec,
  year = 2000,
  month = dec,
}
"""


def read(text: str, path: str = "<string>") -> list[bibconv.CslItem]:
    diagnostics: list[Diagnostic] = []
    items = bibconv.loads(text, "bibtex", path=path, diagnostics=diagnostics)
    assert [d for d in diagnostics if d.severity is not Severity.INFO] == []
    return items


def field_raw(text: str, key: str, name: str) -> str | None:
    """How ``text`` writes field ``name`` of entry ``key`` (None: not there)."""
    entry = next(e for e in syntax.parse(text).entries if e.key == key)
    return next((f.raw for f in entry.fields if f.name == name), None)


def test_macro_uses_and_string_definitions_are_kept() -> None:
    out = bibconv.dumps(read(MACROS), "bibtex")
    assert out.startswith(
        '@string{jgo = "Journal of Global Optimization"}\n'
        '@string{Dorigo = " Marco Dorigo "}\n'
        '@string{and = " and "}\n\n@article{a,\n'
    )
    assert field_raw(out, "a", "journal") == "jgo"
    assert field_raw(out, "a", "author") == "Dorigo #and# {Stützle, Thomas}"
    assert field_raw(out, "a", "month") == 'jan # "~1"'
    assert field_raw(out, "b", "note") == '"Seen in " # dec'
    assert field_raw(out, "b", "month") == "dec"
    assert field_raw(out, "a", "year") == "{1999}"  # a literal stays the writer's own form


def test_biblatex_output_keeps_them_under_its_own_field_names() -> None:
    out = bibconv.dumps(read(MACROS), "biblatex")
    assert out.startswith('@string{jgo = "Journal of Global Optimization"}\n')
    assert field_raw(out, "a", "journaltitle") == "jgo"
    assert field_raw(out, "a", "journal") is None


def test_the_output_reads_back_as_the_input() -> None:
    items = read(MACROS)
    for fmt in ("bibtex", "biblatex"):
        back = bibconv.loads(bibconv.dumps(items, fmt), fmt, diagnostics=[])
        assert [comparable(dict(i)) for i in back] == [comparable(dict(i)) for i in items]


COMMENTS = """\
% A comment line before anything.
@preamble{ "\\providecommand{\\noopsort}[1]{}" }

@comment{ jabref-meta: databaseType:bibtex; }
@misc{first, title = {First}}

Free text between entries,
  kept with its line breaks and indentation.

   % an indented comment
@misc{second, title = {Second}}
% after the last entry
"""


def test_comments_preamble_and_free_text_stay_before_their_entry() -> None:
    out = bibconv.dumps(read(COMMENTS), "bibtex")
    assert out == (
        "% A comment line before anything.\n"
        '@preamble{ "\\providecommand{\\noopsort}[1]{}" }\n'
        "\n"
        "@comment{ jabref-meta: databaseType:bibtex; }\n"
        "\n"
        "@misc{first,\n  title = {First},\n}\n"
        "\n"
        "Free text between entries,\n"
        "  kept with its line breaks and indentation.\n"
        "\n"
        "   % an indented comment\n"
        "\n"
        "@misc{second,\n  title = {Second},\n}\n"
        "\n"
        "% after the last entry\n"
    )


def test_text_travels_with_its_entry_when_items_are_reordered() -> None:
    first, second = read(COMMENTS)
    out = bibconv.dumps([second, first], "bibtex")
    assert out.index("% an indented comment") < out.index("@misc{second")
    assert out.index("@misc{second") < out.index("% after the last entry")
    assert out.index("% after the last entry") < out.index("% A comment line")
    assert out.index("@comment{") < out.index("@misc{first")


def test_an_entry_the_reader_could_not_read_is_left_out_up_to_where_reading_resumed() -> None:
    text = "% before\n@misc{bad title = {T}}\n% after bad\n@misc{good, title = {G}}\n"
    diagnostics: list[Diagnostic] = []
    items = bibconv.loads(text, "bibtex", diagnostics=diagnostics)
    assert [d.code for d in diagnostics] == ["bib.missing-comma"]
    out = bibconv.dumps(items, "bibtex")
    assert out == "% before\n\n@misc{good,\n  title = {G},\n}\n"  # as BibTeX skips it


def test_an_edited_value_is_written_as_edited_and_the_rest_keeps_its_macros() -> None:
    items = read(MACROS)
    items[0]["container-title"] = "Swarm Intelligence"
    items[0]["author"] = [{"family": "Dorigo", "given": "M."}]
    out = bibconv.dumps(items, "bibtex")
    assert field_raw(out, "a", "journal") == "{Swarm Intelligence}"
    assert field_raw(out, "a", "author") == "{Dorigo, M.}"
    assert field_raw(out, "a", "month") == 'jan # "~1"'


def test_a_macro_whose_definition_is_not_written_is_expanded() -> None:
    text = '@string{jgo = "J. Glob. Optim."}\n@misc{a, note = jgo}\n@misc{b, note = jgo # " 2"}\n'
    _, second = read(text)
    out = bibconv.dumps([second], "bibtex")  # the entry holding the definition is left out
    assert "@string" not in out
    assert field_raw(out, "b", "note") == "{J. Glob. Optim. 2}"


def test_a_macro_used_before_its_definition_in_the_output_is_expanded() -> None:
    text = '@string{j = "Journal"}\n@misc{a, note = j}\n@misc{b, note = j}\n'
    first, second = read(text)
    out = bibconv.dumps([second, first], "bibtex")
    assert field_raw(out, "b", "note") == "{Journal}"  # written before '@string{j' now
    assert field_raw(out, "a", "note") == "j"
    assert [i["note"] for i in bibconv.loads(out, "bibtex", diagnostics=[])] == ["Journal"] * 2


def test_joined_inputs_keep_each_macro_meaning() -> None:
    one = read('@string{j = "Journal One"}\n@misc{a, note = j}\n@misc{c, note = j}\n', "1.bib")
    two = read('@string{j = "Journal Two"}\n@misc{b, note = j}\n', "2.bib")
    out = bibconv.dumps([*one, *two], "bibtex")
    assert [field_raw(out, key, "note") for key in "acb"] == ["j", "j", "j"]
    back = bibconv.loads(out, "bibtex", diagnostics=[])
    assert [i["note"] for i in back] == ["Journal One", "Journal One", "Journal Two"]
    out = bibconv.dumps([one[0], *two, one[1]], "bibtex")  # 'j' means "Journal Two" at c
    assert field_raw(out, "c", "note") == "{Journal One}"
    back = bibconv.loads(out, "bibtex", diagnostics=[])
    assert [i["note"] for i in back] == ["Journal One", "Journal Two", "Journal One"]


def test_an_undefined_macro_is_written_as_the_text_it_stood_for() -> None:
    diagnostics: list[Diagnostic] = []
    items = bibconv.loads("@misc{a, note = nodef}\n", "bibtex", diagnostics=diagnostics)
    assert [d.code for d in diagnostics] == ["bib.undefined-macro"]
    assert field_raw(bibconv.dumps(items, "bibtex"), "a", "note") == "{nodef}"


def test_an_item_shared_twice_writes_its_text_once() -> None:
    (item,) = read("% once\n@misc{a, title = {T}}\n")
    assert bibconv.dumps([item, item], "bibtex").count("% once") == 1


def test_a_copy_of_an_item_keeps_nothing() -> None:
    items = [dict(i) for i in read(MACROS)]
    out = bibconv.dumps(items, "bibtex")  # type: ignore[arg-type]
    assert "@string" not in out
    assert field_raw(out, "a", "journal") == "{Journal of Global Optimization}"


def test_kept_entries_are_plain_items_to_json_and_pickle() -> None:
    items = read(MACROS)
    assert all(isinstance(i, _bibkeep.KeptEntry) for i in items)
    assert json.loads(json.dumps(items)) == [dict(i) for i in items]
    again = pickle.loads(pickle.dumps(items))
    assert again == items
    assert bibconv.dumps(again, "bibtex") == bibconv.dumps(items, "bibtex")


def test_an_entry_with_nothing_to_keep_is_a_plain_dict() -> None:
    (item,) = read("@misc{a, title = {T}, year = 2000}\n")
    assert type(item) is dict


@pytest.mark.parametrize("fmt", ["csljson", "ris"])
def test_other_writers_are_unaffected_and_say_what_they_leave_out(fmt: str) -> None:
    items = read(COMMENTS + MACROS, "in.bib")
    plain = [dict(i) for i in items]
    notes: list[Diagnostic] = []
    text = bibconv.dumps(items, fmt, diagnostics=notes)  # type: ignore[arg-type]
    assert text == bibconv.dumps(plain, fmt)  # type: ignore[arg-type]
    label = {"csljson": "CSL-JSON", "ris": "RIS"}[fmt]
    assert [str(n) for n in notes if n.location is not None] == [
        f"in.bib:2:1: info: @preamble is not an item: {label} cannot hold it, so it is "
        f"dropped [{fmt}.cannot-hold]",
        f"in.bib:1:1: info: 4 comments are not items (% lines, @comment, text between "
        f"entries): {label} cannot hold them, so they are dropped [{fmt}.cannot-hold]",
    ]


def test_the_bibtex_writers_leave_nothing_out() -> None:
    for fmt in ("bibtex", "biblatex"):
        notes: list[Diagnostic] = []
        bibconv.dumps(read(COMMENTS), fmt, diagnostics=notes)
        assert notes == []


def test_load_and_dump_keep_the_file(tmp_path: Path) -> None:
    source = tmp_path / "in.bib"
    source.write_text(COMMENTS + "\n" + MACROS, encoding="utf-8")
    bibconv.dump(bibconv.load(source), tmp_path / "out.bib")
    out = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert _blocks(out) == _blocks(source.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- real data


def _blocks(text: str) -> list[tuple[str, str, str]]:
    """Each non-entry block as (kind, exact text, key of the entry after it)."""
    doc = syntax.parse(text)
    found: list[tuple[str, str]] = []
    blocks: list[tuple[str, str, str]] = []
    for block in doc.blocks:
        if isinstance(block, syntax.Entry):
            blocks.extend((kind, body, block.key) for kind, body in found)
            found = []
        else:
            found.append((type(block).__name__, text[block.start : block.end]))
    blocks.extend((kind, body, "") for kind, body in found)
    return blocks


def _macro_fields(text: str) -> list[tuple[str, str, str]]:
    return [
        (entry.key, fld.name, fld.raw)
        for entry in syntax.parse(text).entries
        if not entry.broken
        for fld in entry.fields
        if len(fld.pieces) > 1 or fld.pieces[0].kind == "macro"
    ]


@pytest.mark.parametrize("name", ["small.bib", "mid.bib"])
def test_real_files_keep_every_block_and_macro_use(name: str) -> None:
    text = bibconv._io.read_text(shared_data(name))
    items: list[Any] = bibconv.loads(text, "bibtex", diagnostics=[])
    out = bibconv.dumps(items, "bibtex")
    blocks = _blocks(text)
    kinds = {kind for kind, _, _ in blocks}
    assert {"StringDef", "Preamble", "FreeText"} <= kinds  # what these files hold
    assert _blocks(out) == blocks
    uses = _macro_fields(text)
    assert len(uses) > 900
    kept = set(_macro_fields(out))
    assert [use for use in uses if use not in kept] == []
    back = bibconv.loads(out, "bibtex", diagnostics=[])
    assert [comparable(dict(i)) for i in back] == [comparable(dict(i)) for i in items]
