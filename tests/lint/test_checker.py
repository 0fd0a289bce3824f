"""bibconv.check: the public function, --fix and its meaning guard, config, the CLI."""

from __future__ import annotations

import gc
import io
import json
import re
import sys
import weakref
from pathlib import Path

import pytest

import bibconv
from bibconv import _io, cli
from bibconv.formats import bibtex
from bibconv.formats.bibtex import syntax
from bibconv.lint import CheckOptions, ConfigError, findings, fix, options_from_config, rules
from bibconv.lint.registry import RULES, Selection, UnknownRuleError, printed_codes
from bibconv.protocols import ReadOptions, WriteOptions
from tests.conftest import shared_data

check_module = bibconv.lint

SLOPPY = """\
@article{devlin2019,
  author = {Devlin, Jacob and Chang, Ming-Wei},
  title = {BERT: Pre-training for R&D},
  journal = {Journal of AI \\& Stuff},
  year = 2019,
  pages = {4171-4186},
  doi = {https://doi.org/10.18653/v1/N19-1423},
}
"""

CLEAN = """\
@article{smith2020,
  author = {Smith, John and Doe, Jane},
  title = {A Study of {Things}},
  journal = {Journal of Studies},
  pages = {1--10},
  year = 2020,
}
"""


def codes(diagnostics: list[bibconv.Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


# ----------------------------------------------------------------------------- check()


def test_check_is_public_and_reports_in_file_order_with_keys() -> None:
    found = bibconv.check(SLOPPY, "refs.bib")
    assert codes(found) == [
        "bib.unprotected-caps",
        "bib.unescaped-char",
        "bib.page-hyphen",
        "bib.malformed-doi",
    ]
    assert {d.item_id for d in found} == {"devlin2019"}
    assert str(found[0]).startswith("refs.bib:3:12: warning: title has capitals")


def test_clean_entry_gets_no_report_even_with_every_rule() -> None:
    assert bibconv.check(CLEAN, "refs.bib", select=["ALL"], ignore=["bib.layout"]) == []


def test_select_and_ignore_take_codes_and_prefixes() -> None:
    assert codes(bibconv.check(SLOPPY, select=["bib.page-hyphen"])) == ["bib.page-hyphen"]
    assert bibconv.check(SLOPPY, ignore=["bib"]) == []
    with pytest.raises(UnknownRuleError, match=r"bib\.pages"):
        bibconv.check(SLOPPY, select=["bib.pages"])


# One problem, one code (issue 14): what the reader (convert) and the linter both notice.
SHARED_PROBLEMS = """\
@string{a = {1}}
@string{a = {2}}
@misc{k1, title = {T}, title = {Again}, note = nope}
@misc{k1, crossref = {nowhere}}
"""


def test_the_reader_and_the_linter_give_one_problem_one_code() -> None:
    read = bibtex.read(SHARED_PROBLEMS, ReadOptions(path="refs.bib")).diagnostics
    linted = bibconv.check(SHARED_PROBLEMS, "refs.bib")
    shared = {
        "bib.string-redefined",
        "bib.duplicate-field",
        "bib.undefined-macro",
        "bib.duplicate-key",
        "bib.missing-crossref",
    }
    assert {d.code for d in read} == shared
    assert shared <= {d.code for d in linted}


def _golden_bib_inputs() -> list[Path]:
    golden = Path(__file__).resolve().parents[1] / "golden"
    return sorted(p for p in golden.glob("*/*.bib") if not p.name.startswith("expected"))


def test_ignore_takes_every_code_convert_or_check_prints() -> None:
    printed: set[str] = set()
    for path in _golden_bib_inputs():
        text = _io.read_text(path)  # as the CLI decodes it (one golden is a PDF)
        printed |= {d.code for d in bibtex.read(text, ReadOptions(path=path.name)).diagnostics}
        printed |= {d.code for d in bibconv.check(text, path.name, select=["ALL"])}
        written = bibtex.write(bibtex.read(text, ReadOptions()).items, WriteOptions())
        printed |= {d.code for d in written.diagnostics}
    assert {"bib.missing-comma", "bib.comment-scope", "bibtex.cannot-hold"} <= printed
    for code in sorted(printed):
        bibconv.check(SLOPPY, ignore=[code])  # a usage error would raise UnknownRuleError


def test_every_code_in_the_bibtex_module_is_one_ignore_takes() -> None:
    package = Path(bibtex.__file__).parent
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")))
    literal = set(re.findall(r'"((?:bib|bibtex)\.[a-z-]+)"', source))
    assert {"bib.duplicate-field", "bib.duplicate-key"} <= literal
    assert 'f"bib.missing-{kind}"' in source  # kind: what _bibinherit.parent_keys names
    # The writers' loss notes: f"{BIBLATEX if self.biblatex else NAME}.cannot-hold".
    assert '{BIBLATEX if self.biblatex else NAME}.cannot-hold"' in source
    assert literal | {"bib.missing-crossref", "bib.missing-xdata"} <= printed_codes()
    assert "bibtex.cannot-hold" in printed_codes()


def test_ignoring_a_syntax_code_by_name_silences_it_alone() -> None:
    text = "@comment{@misc{a, title = {x}}}\n@misc{b,\n  title = {T}\n  year = 2001,\n}\n"
    # The @comment's own '}' is text BibTeX ignores after the inner entry: bib.junk.
    assert codes(bibconv.check(text)) == ["bib.comment-scope", "bib.junk", "bib.missing-comma"]
    ignored = bibconv.check(text, ignore=["bib.comment-scope", "bib.junk"])
    assert codes(ignored) == ["bib.missing-comma"]
    assert codes(bibconv.check(text, select=["bib.missing-comma"])) == ["bib.missing-comma"]


def test_selection_defaults_extend_and_ignore() -> None:
    defaults = Selection().enabled()
    assert "bib.non-ascii" not in defaults
    assert "bib.page-hyphen" in defaults
    assert "bib.non-ascii" in Selection(extend=("bib.non-ascii",)).enabled()
    assert Selection(select=("ALL",), ignore=("bib", "tex")).enabled() == frozenset()


def test_every_rule_has_a_code_summary_and_golden_cases() -> None:
    golden = Path(__file__).resolve().parents[1] / "golden"
    for rule in RULES:
        assert rule.code.startswith(("bib.", "tex."))
        assert rule.summary
        name = rule.code.split(".", 1)[1] if rule.code != "bib.syntax" else "syntax"
        cases = [p.name for p in golden.glob(f"check-*{name}*")]
        assert any(not c.endswith("-clean") for c in cases), f"no positive case for {rule.code}"
        if rule.code != "tex.undefined-citation":
            assert any(c.endswith("-clean") for c in cases), f"no negative case for {rule.code}"


def test_syntax_errors_carry_the_entry_key() -> None:
    text = "@article{broken,\n  title = {A}\n  year = 2020,\n}\n"
    (diag,) = [d for d in bibconv.check(text) if d.code == "bib.missing-comma"]
    assert diag.item_id == "broken"
    assert diag.location is not None
    assert (diag.location.line, diag.location.column) == (3, 3)


def test_a_checker_and_its_scan_are_freed_without_the_cyclic_collector() -> None:
    # A checker that held bound methods of itself was a reference cycle: it kept the
    # whole scan alive until the collector traversed everything (1.1 s of a large file's
    # check --fix). Freed by reference counting, it goes when its last name does.
    doc = syntax.parse(SLOPPY + CLEAN, "refs.bib")
    settings = CheckOptions(select=("ALL",)).settings()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        checker = rules.FileChecker(doc, settings)
        assert checker.findings()
        freed = weakref.ref(checker)
        del checker
        assert freed() is None
    finally:
        if was_enabled:
            gc.enable()


# ----------------------------------------------------------------------------- fix()


def test_fix_repairs_the_safe_problems_and_keeps_meaning() -> None:
    result = fix(SLOPPY, "refs.bib")
    assert result.changed
    assert result.refused is None
    assert "{BERT}: Pre-training for R\\&D" in result.text
    assert "pages = {4171--4186}" in result.text
    assert "doi = {10.18653/v1/N19-1423}" in result.text
    assert bibconv.check(result.text) == []
    options = ReadOptions(path="refs.bib")
    before = bibtex.read(SLOPPY, options).items[0]
    after = bibtex.read(result.text, options).items[0]
    assert {k: v for k, v in before.items() if k != "DOI"} == {
        k: v for k, v in after.items() if k != "DOI"
    }


def test_fix_is_idempotent() -> None:
    once = fix(SLOPPY, "refs.bib", CheckOptions(select=("ALL",)))
    twice = fix(once.text, "refs.bib", CheckOptions(select=("ALL",)))
    assert once.changed
    assert not twice.changed
    assert twice.text == once.text


def test_fix_leaves_unfixable_problems_and_clean_files_alone() -> None:
    text = CLEAN.replace("Smith, John and Doe, Jane", "Smith, John et al.")
    result = fix(text)
    assert not result.changed
    assert result.text == text
    assert codes(bibconv.check(result.text)) == ["bib.et-al"]


def _bad_rule(monkeypatch: pytest.MonkeyPatch, edit: findings.Edit) -> None:
    """Make the rules propose one (deliberately wrong) edit, once."""
    bad = findings.Finding("bib.page-hyphen", "x", edit.start, "smith2020", (edit,))
    calls = iter([[bad]])
    monkeypatch.setattr(rules.FileChecker, "findings", lambda self: next(calls, []))


def test_fix_puts_back_an_entry_whose_csl_would_change(monkeypatch: pytest.MonkeyPatch) -> None:
    start = CLEAN.index("A Study")
    _bad_rule(monkeypatch, findings.Edit(start, start + 1, "The"))  # rewrites a title
    result = fix(CLEAN, "refs.bib")
    assert result.kept == ("smith2020",)
    assert result.refused is None
    assert result.text == CLEAN
    assert not result.changed


def test_fix_refuses_when_entries_cannot_be_matched(monkeypatch: pytest.MonkeyPatch) -> None:
    _bad_rule(monkeypatch, findings.Edit(0, len(CLEAN), ""))  # deletes the entry
    result = fix(CLEAN, "refs.bib")
    assert result.refused is not None
    assert "number of entries" in result.refused
    assert result.text == CLEAN
    assert not result.changed


def test_fix_keeps_the_other_fixes_when_one_entry_is_put_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "5041 - 5055" reads as that string, "5041--5055" as "5041-5055": the reader sees a
    # different page value, so that entry stays; the other entry's fix is written.
    spaced = CLEAN.replace("1--10", "5041 - 5055")
    plain = CLEAN.replace("smith2020", "doe2021").replace("1--10", "1-10")
    result = fix(spaced + "\n" + plain, "refs.bib")
    assert result.kept == ("smith2020",)
    assert "5041 - 5055" in result.text
    assert "1--10" in result.text


def test_fix_refuses_files_with_syntax_errors() -> None:
    text = SLOPPY.replace("year = 2019,", "year = 2019")
    text = text.replace("  pages", "  pages", 1).replace("2019\n", "2019\n  note = {x}\n", 1)
    result = fix(text.replace("note = {x}", "note = {x"), "refs.bib")
    assert result.refused is not None
    assert "syntax" in result.refused


ONLINE = """\
@online{pm123,
  author = {Doe, Jane},
  title = {A Page},
  date = {2020},
  eprint = {123},
  eprinttype = {pubmed},
}
"""
#: The URL biblatex makes of that eprint (the BibLaTeX reader gives the item this URL).
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/123/"


def _propose(monkeypatch: pytest.MonkeyPatch, key: str, edit: findings.Edit) -> None:
    """Make the rules propose one edit to entry ``key``, once."""
    finding = findings.Finding("bib.page-hyphen", "x", edit.start, key, (edit,))
    calls = iter([[finding]])
    monkeypatch.setattr(rules.FileChecker, "findings", lambda self: next(calls, []))


def _url_added(monkeypatch: pytest.MonkeyPatch) -> findings.Edit:
    at = ONLINE.index("  eprint =")
    edit = findings.Edit(at, at, f"  url = {{{PUBMED_URL}}},\n")
    _propose(monkeypatch, "pm123", edit)
    return edit


def test_meaning_guard_reads_a_biblatex_file_as_biblatex(monkeypatch: pytest.MonkeyPatch) -> None:
    # For biber the eprint already gives the item this URL: writing it out changes nothing.
    # The BibTeX reading would see a new URL and wrongly put the entry back.
    _url_added(monkeypatch)
    result = fix(ONLINE, "refs.bib")  # auto: @online and eprinttype are BibLaTeX's
    assert result.kept == ()
    assert f"  url = {{{PUBMED_URL}}},\n" in result.text
    assert result.changed


def test_meaning_guard_honours_the_configured_data_model(monkeypatch: pytest.MonkeyPatch) -> None:
    _url_added(monkeypatch)
    result = fix(ONLINE, "refs.bib", CheckOptions(data_model="bibtex"))
    assert result.kept == ("pm123",)  # for BibTeX, which makes no eprint links, a new URL
    assert result.text == ONLINE


def test_meaning_guard_with_the_biblatex_model_sees_what_only_biber_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The proceedings' title is the paper's book for biber; BibTeX copies its booktitle.
    text = """\
@proceedings{p,
  title = {Proceedings of Things},
  booktitle = {Things},
  year = 2020,
}

@inproceedings{c,
  author = {Doe, Jane},
  title = {A Paper},
  crossref = {p},
}
"""
    at = text.index("Proceedings of") + len("Proceedings")
    for model, named in (("bibtex", ("p",)), ("biblatex", ("p", "c"))):
        _propose(monkeypatch, "p", findings.Edit(at, at + 4, " on "))
        result = fix(text, "refs.bib", CheckOptions(data_model=model))
        assert result.kept == named  # for biber the paper's book changes too
        assert result.text == text


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the entries the meaning guard reads, as it reads them."""
    read: list[str] = []
    real_read = bibtex.read_entries

    def read_entries(doc: object, entries: list[object], **kw: bool) -> object:
        read.extend(e.key for e in entries)  # type: ignore[attr-defined]
        return real_read(doc, entries, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(bibtex, "read_entries", read_entries)
    return read


MONTHS = """\
@proceedings{p,
  title = {Proceedings of Things},
  year = 2020,
  month = {Jan},
}

@article{a,
  author = {Roe, Jim},
  title = {Another},
  journal = {J},
  year = 2021,
  month = {Feb},
}
"""


def test_meaning_guard_needs_not_read_a_month_read_as_the_same_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = _reads(monkeypatch)
    result = fix(MONTHS, "refs.bib")
    assert result.text == MONTHS.replace("{Jan}", "jan").replace("{Feb}", "feb")
    assert [f.code for f in result.fixed] == ["bib.month-macro"] * 2
    assert read == []  # 2020 + {Jan} and 2020 + jan are both [2020, 1]; nothing else differs
    # With another change in the entry, it is read.
    read.clear()
    result = fix(MONTHS.replace("{Another}", "{Another R&D}"), "refs.bib")
    assert "R\\&D" in result.text
    assert read == ["a", "a"]


def test_meaning_guard_reads_the_heirs_of_an_entry_whose_month_it_need_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # c inherits p's month as written ({n.d.} is no year, so it stays in custom.bibtex):
    # 'Jan' -> 'January' changes c's item, though p's is the same.
    heir = "@inproceedings{c,\n  title = {A Paper},\n  year = {n.d.},\n  crossref = {p},\n}\n"
    text = MONTHS + "\n" + heir
    read = _reads(monkeypatch)
    for model in ("bibtex", "biblatex"):
        read.clear()
        result = fix(text, "refs.bib", CheckOptions(data_model=model))
        assert "c" in read
        assert "p" not in read
        assert result.text == text
        assert result.refused == "the fix would change the CSL-JSON of 'c'; nothing written"


def test_a_second_fix_pass_looks_only_at_the_entries_it_held_a_fix_back_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In 'Remix_Dance' the escape's edit falls inside the capitals' one: it waits for a
    # second pass, which needs to look at that entry alone (b's fix held nothing back).
    text = (
        "@article{a,\n  title = {Remix_Dance},\n  year = 2020,\n}\n\n"
        "@article{b,\n  title = {Plain},\n  pages = {1-2},\n}\n"
    )
    looked: list[list[str]] = []
    real = rules.FileChecker.findings

    def looking(self: rules.FileChecker) -> list[findings.Finding]:
        looked.append([entry.key for entry in self.entries])
        return real(self)

    monkeypatch.setattr(rules.FileChecker, "findings", looking)
    result = fix(text, "refs.bib")
    assert looked == [["a", "b"], ["a"]]
    assert "title = {{Remix\\_Dance}}" in result.text
    assert "pages = {1--2}" in result.text
    assert not fix(result.text, "refs.bib").changed


def test_fix_scans_the_file_once_and_once_more_per_pass(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # One pass of small fixes: the file is scanned to check it, and its fixed text once;
    # the meaning guard and the report reuse those scans (they used to scan it four more
    # times) and read only the entry the fix edited.
    bib = tmp_path / "refs.bib"
    bib.write_text(SLOPPY + "\n" + CLEAN, encoding="utf-8")
    scans: list[int] = []
    read: list[str] = []
    real_parse, real_read = syntax.parse, bibtex.read_entries

    def parse(text: str, path: str = "<input>") -> object:
        scans.append(len(text))
        return real_parse(text, path)

    def read_entries(doc: object, entries: list[object], **kw: bool) -> object:
        read.extend(e.key for e in entries)  # type: ignore[attr-defined]
        return real_read(doc, entries, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(syntax, "parse", parse)
    monkeypatch.setattr(bibtex, "read_entries", read_entries)
    assert cli.main(["check", str(bib), "--fix", "--no-config"]) == 1
    assert len(scans) == 2
    assert read == ["devlin2019", "devlin2019"]  # before and after; smith2020 is clean


# ----------------------------------------------------------------------------- config


def test_config_table_becomes_options() -> None:
    options = options_from_config(
        {
            "select": ["bib"],
            "ignore": ["bib.unprotected-caps"],
            "required-fields": {"Article": ["author", "journal|journaltitle"]},
            "key-pattern": "[a-z]+[0-9]{4}",
            "legacy-8bit": True,
        },
        "pyproject.toml",
    )
    assert options.required["article"] == (("author",), ("journal", "journaltitle"))
    enabled = options.selection().enabled()
    assert "bib.non-ascii" in enabled
    assert "bib.unprotected-caps" not in enabled
    assert "tex.uncited-entry" not in enabled


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["bib"]}, "unknown"),
        ({"select": ["bib.nope"]}, "unknown rule"),
        ({"key-pattern": "(["}, "not a regex"),
        ({"data-model": "apa"}, "data-model"),
        ({"required-fields": {"article": "title"}}, "list"),
    ],
)
def test_bad_config_is_a_config_error(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        options_from_config(table, "pyproject.toml")


def test_pyproject_is_found_by_walking_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.bibconv]\nignore = ["bib.page-hyphen"]\n', encoding="utf-8"
    )
    nested = tmp_path / "paper" / "refs"
    nested.mkdir(parents=True)
    bib = nested / "refs.bib"
    bib.write_text(CLEAN.replace("1--10", "1-10"), encoding="utf-8")
    assert cli.main(["check", str(bib)]) == 0
    assert cli.main(["check", str(bib), "--no-config"]) == 1
    assert "bib.page-hyphen" in capsys.readouterr().err


def test_bad_pyproject_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.bibconv]\nselect = 3\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text(CLEAN, encoding="utf-8")
    assert cli.main(["check", str(bib)]) == 2
    assert "must be a list" in capsys.readouterr().err


# ----------------------------------------------------------------------------- CLI


def test_cli_fix_writes_then_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(SLOPPY, encoding="utf-8")
    assert cli.main(["check", str(bib), "--fix"]) == 1  # fixed: pre-commit must see a change
    err = capsys.readouterr().err
    assert "fixed 4 problems" in err  # the 4 reported; the layout only with bib.layout
    assert "{BERT}" in bib.read_text(encoding="utf-8")
    assert cli.main(["check", str(bib), "--fix"]) == 0
    assert capsys.readouterr().err == ""
    assert not list(tmp_path.glob(".refs.bib.*"))  # no temporary file left behind


def test_cli_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(SLOPPY, encoding="utf-8")
    assert cli.main(["check", str(bib), "--diff"]) == 1
    out = capsys.readouterr().out
    assert "-  pages = {4171-4186}," in out
    assert "+  pages = {4171--4186}," in out
    assert bib.read_text(encoding="utf-8") == SLOPPY


def test_cli_json_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(SLOPPY + CLEAN, encoding="utf-8")
    assert cli.main(["check", str(bib), "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert {r["key"] for r in records} == {"devlin2019"}
    assert set(records[0]) == {"path", "line", "column", "severity", "code", "message", "key"}


def test_cli_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(CLEAN, encoding="utf-8")
    assert cli.main(["check", str(bib)]) == 0
    assert capsys.readouterr() == ("", "")


def test_cli_tex_options_do_not_swallow_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit appends file names after the hook's args: --tex must take one value.
    tex = tmp_path / "paper.tex"
    tex.write_text("\\cite{smith2020,missing2000}", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text(CLEAN, encoding="utf-8")
    assert cli.main(["check", "--tex", str(tex), str(bib)]) == 1
    err = capsys.readouterr().err
    assert "'missing2000' is cited" in err
    assert "smith2020" not in err


def test_cli_diff_with_json_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "x.bib", "--diff", "--format", "json"]) == 2
    assert "--diff" in capsys.readouterr().err


# ----------------------------------------------------------------------------- real data


def test_real_file_checks_without_crash_and_fixes_without_changing_meaning() -> None:
    text = shared_data("small.bib").read_text(encoding="utf-8")
    found = bibconv.check(text, "small.bib")
    assert found
    assert all(d.location is not None for d in found)
    result = fix(text, "small.bib")
    assert result.refused is None
    assert result.changed
    assert not fix(result.text, "small.bib").changed
    assert check_module.fix is fix


def test_cli_fix_on_stdin_is_a_filter(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SLOPPY.encode())))
    assert cli.main(["check", "-", "--fix"]) == 1
    out, err = capsys.readouterr()
    assert "pages = {4171--4186}" in out
    assert "<stdin>: fixed 4 problems" in err


def test_fix_keeps_the_layout_unless_bib_layout_is_selected() -> None:
    messy = CLEAN.replace("  pages = {1--10},\n  year = 2020,", "  year = 2020, pages = {1-10},")
    assert fix(messy).text == messy.replace("1-10", "1--10")  # the page fix only
    opted_in = fix(messy, options=CheckOptions(extend_select=("bib.layout",))).text
    assert opted_in == CLEAN  # the page fix, and the layout
    selected = fix(messy, options=CheckOptions(select=("bib.page-hyphen", "bib.layout"))).text
    assert selected == CLEAN
    assert bibconv.check(messy, ignore=["bib.page-hyphen"]) == []  # layout is not reported


def test_cli_fix_extend_select_layout_opts_in(tmp_path: Path) -> None:
    messy = CLEAN.replace("  pages = {1--10},\n  year = 2020,", "  year = 2020, pages = {1-10},")
    bib = tmp_path / "refs.bib"
    bib.write_text(messy, encoding="utf-8")
    assert cli.main(["check", str(bib), "--fix"]) == 1
    assert bib.read_text(encoding="utf-8") == messy.replace("1-10", "1--10")
    assert cli.main(["check", str(bib), "--fix", "--extend-select", "bib.layout"]) == 1
    assert bib.read_text(encoding="utf-8") == CLEAN


def test_cli_fix_keeps_crlf_and_bom(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"\xef\xbb\xbf" + SLOPPY.replace("\n", "\r\n").encode())
    assert cli.main(["check", str(bib), "--fix"]) == 1
    data = bib.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf@article")
    assert b"pages = {4171--4186},\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_cli_fix_leaves_latin1_files_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    latin1 = SLOPPY.replace("Devlin, Jacob", "M\xfcller, J\xfcrgen").encode("latin-1")
    bib.write_bytes(latin1)
    assert cli.main(["check", str(bib), "--fix"]) == 1
    assert bib.read_bytes() == latin1
    assert "not UTF-8" in capsys.readouterr().err
