"""bibconv.dask on a two-worker dask.distributed LocalCluster (issue 11, "Scale-out on Dask").

The cluster runs its workers as threads of this process (``processes=False``): it starts
in about a second, and the tasks still go through the distributed scheduler. One test
runs the same work on dask's process pool, so that everything a task gets and returns
crosses a pickle (KeptEntry's source, diagnostics, the macro tables).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bibconv
from bibconv.diagnostics import Diagnostic, Location
from tests.conftest import ROOT, run_cli, shared_data

dask = pytest.importorskip("dask")  # the [test] extra installs it; CI runs these tests
distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

from bibconv import dask as bd  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


def _loaded(paths: list[Path]) -> tuple[list[Any], list[Diagnostic]]:
    """What bibconv.load gives for each file in turn (the expected values)."""
    items: list[Any] = []
    found: list[Diagnostic] = []
    for path in paths:
        try:
            items += bibconv.load(path, diagnostics=found)
        except bibconv.ParseError as exc:  # input that cannot be read at all
            found += exc.diagnostics
    return items, found


def _read(paths: Any, blocksize: int = bd.DEFAULT_BLOCKSIZE) -> tuple[list[Any], list[Diagnostic]]:
    items, diagnostics = bd.read_parsed(paths, blocksize=blocksize)
    got_items, got_diagnostics = dask.compute(items, diagnostics)
    return list(got_items), list(got_diagnostics)


def _golden_inputs(extension: str) -> list[Path]:
    """Golden inputs read with no options (a case.toml naming -f or --sentence-case reads
    them differently from bibconv.load's defaults)."""
    found = []
    for path in sorted(GOLDEN.glob(f"*/input.{extension}")):
        toml = path.parent / "case.toml"
        case = toml.read_text(encoding="utf-8") if toml.exists() else ""
        if "-f" not in case and "--from" not in case and "--sentence-case" not in case:
            found.append(path)
    return found


# ----------------------------------------------------------------------------- read


@pytest.mark.parametrize("extension", ["bib", "ris", "json"])
def test_many_files_read_as_bibconv_load_reads_them_one_partition_each(
    cluster: Any, extension: str
) -> None:
    paths = _golden_inputs(extension)
    assert len(paths) >= 20
    items = bd.read([str(p) for p in paths])
    assert items.npartitions == len(paths)
    got, diagnostics = _read([str(p) for p in paths])
    expected, expected_diagnostics = _loaded(paths)
    assert expected
    assert got == expected
    assert diagnostics == expected_diagnostics


def test_a_glob_names_its_files_in_sorted_order(cluster: Any) -> None:
    paths = sorted(GOLDEN.glob("ris-*/input.ris"))
    got, _ = _read(str(GOLDEN / "ris-*" / "input.ris"))
    assert got == _loaded(paths)[0]


def test_a_big_file_in_pieces_gives_the_items_of_one_piece(cluster: Any) -> None:
    small = shared_data("small.bib")
    whole = bd.read(str(small))
    assert whole.npartitions == 1
    pieces = bd.read(str(small), blocksize=20_000)
    assert pieces.npartitions >= 10
    expected = bibconv.load(small, diagnostics=[])
    assert len(expected) == 500
    assert list(pieces.compute()) == expected
    assert list(whole.compute()) == expected


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CROSSREF = """\
@string{lncs = "Lecture Notes in Computer Science"}
@inproceedings{child1, author = {Ann Smith}, title = {One}, crossref = {proc}, pages = {1--2}}
@string{ieee = "IEEE"}
@inproceedings{child2, author = {Bob Jones}, title = {Two}, crossref = {proc}}
@misc{plain, title = {Plain}, howpublished = ieee, note = lncs}
@proceedings{proc, title = {Proceedings of Things}, series = lncs, publisher = ieee,
  year = 2001, crossref = {big}}
@book{big, title = {All Things}, editor = {Cy Doe}, address = {Paris}}
"""


def test_crossref_targets_and_macros_from_other_pieces_are_used(
    cluster: Any, tmp_path: Path
) -> None:
    path = _write(tmp_path, "crossref.bib", CROSSREF)
    pieces = bd.read(str(path), blocksize=60)
    assert pieces.npartitions >= 5
    expected = bibconv.load(path, diagnostics=[])
    child1 = next(item for item in expected if item["id"] == "child1")
    assert child1["container-title"] == "Proceedings of Things"  # as crossref gives it
    assert child1["publisher"] == "IEEE"  # a macro defined after the child
    assert child1["publisher-place"] == "Paris"  # the parent's own crossref
    assert list(pieces.compute()) == expected


def test_diagnostics_are_located_in_the_whole_file(cluster: Any, tmp_path: Path) -> None:
    lines = [f"@misc{{k{n}, title = {{T{n}}}, year = 2000}}" for n in range(40)]
    lines[30] = "@misc{bad, title = {T} year = 2000}"  # missing comma, line 31
    path = _write(tmp_path, "bad.bib", "\n".join(lines) + "\n")
    _, diagnostics = _read(str(path), blocksize=200)
    assert [(d.code, d.location.line if d.location else 0) for d in diagnostics] == [
        ("bib.missing-comma", 31)
    ]


@pytest.mark.parametrize("format", ["ris", "csljson"])
def test_ris_and_csljson_files_split_as_they_load(
    cluster: Any, tmp_path: Path, format: str
) -> None:
    items = bibconv.load(shared_data("small.bib"), diagnostics=[])
    path = tmp_path / f"small.{'ris' if format == 'ris' else 'json'}"
    bibconv.dump(items, path, "ris" if format == "ris" else "csljson")
    expected, expected_diagnostics = _loaded([path])
    assert len(expected) == 500
    bag = bd.read(str(path), blocksize=25_000)
    assert bag.npartitions >= 5
    got, diagnostics = _read(str(path), blocksize=25_000)
    assert got == expected
    assert diagnostics == expected_diagnostics


def test_a_csljson_piece_reports_its_problem_at_the_file_s_line(
    cluster: Any, tmp_path: Path
) -> None:
    elements = [json.dumps({"id": f"i{n}", "type": "book", "title": f"T{n}"}) for n in range(30)]
    elements[20] = json.dumps({"id": "i20", "type": "book", "author": "Ann Smith"})
    path = _write(tmp_path, "items.json", "[\n" + ",\n".join(elements) + "\n]\n")
    _, expected = _loaded([path])
    assert [(d.code, d.location) for d in expected] == [
        ("json.bad-names", Location(str(path), 22, 1))
    ]
    bag = bd.read(str(path), blocksize=300)
    assert bag.npartitions >= 3
    got = _read(str(path), blocksize=300)[1]
    # The message numbers the item within its partition ("item 3"); the line is the file's.
    assert [(d.code, d.location) for d in got] == [(d.code, d.location) for d in expected]


def test_read_logs_diagnostics_and_strict_raises(
    cluster: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, "warn.bib", "@misc{a, title = {A}, title = {B}}\n")
    with caplog.at_level("WARNING", logger="bibconv.dask"):
        assert [item["id"] for item in bd.read(str(path)).compute()] == ["a"]
    assert [r.getMessage() for r in caplog.records if "bib.duplicate-field" in r.getMessage()]
    with pytest.raises(bibconv.ParseError, match="repeated"):
        bd.read(str(path), strict=True).compute()


def test_missing_files_and_patterns_are_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file"):
        bd.read(str(tmp_path / "nothing.bib"))
    with pytest.raises(FileNotFoundError, match="no file matches"):
        bd.read(str(tmp_path / "*.bib"))


# ----------------------------------------------------------------------------- to_files


def test_to_files_writes_one_file_per_partition_that_reads_back(
    cluster: Any, tmp_path: Path
) -> None:
    small = shared_data("small.bib")
    bag = bd.read(str(small), blocksize=25_000)
    count = bag.npartitions
    assert count >= 10
    notes: list[Diagnostic] = []
    paths = bd.to_files(bag, str(tmp_path / "out" / "part-*.json"), "csljson", diagnostics=notes)
    assert paths == [str(tmp_path / "out" / f"part-{n:02d}.json") for n in range(count)]
    assert not list((tmp_path / "out").glob(".*"))  # no temporary file left behind
    back = [item for path in paths for item in bibconv.load(path)]
    assert back == bibconv.load(small, diagnostics=[])


def test_to_files_bibtex_back_to_bibtex_keeps_the_items(cluster: Any, tmp_path: Path) -> None:
    small = shared_data("small.bib")
    paths = bd.to_files(bd.read(str(small), blocksize=40_000), str(tmp_path / "*.bib"), "bibtex")
    assert len(paths) >= 5
    back = [item for path in paths for item in bibconv.load(path, diagnostics=[])]
    assert back == bibconv.load(small, diagnostics=[])


def test_to_files_needs_a_star_for_several_partitions(cluster: Any, tmp_path: Path) -> None:
    bag = dask_bag.from_sequence([{"id": "a", "type": "book"}] * 4, npartitions=2)
    with pytest.raises(bibconv.BibconvError, match="needs one '\\*'"):
        bd.to_files(bag, str(tmp_path / "out.json"), "csljson")
    one = dask_bag.from_sequence([{"id": "a", "type": "book"}], npartitions=1)
    assert bd.to_files(one, str(tmp_path / "out.json"), "csljson") == [str(tmp_path / "out.json")]


def test_partition_numbers_are_padded_to_sort_in_order() -> None:
    assert bd.partition_path("o/p-*.bib", 3, 4) == "o/p-3.bib"
    assert bd.partition_path("o/p-*.bib", 3, 11) == "o/p-03.bib"
    assert bd.partition_path("o/p-*.bib", 10, 11) == "o/p-10.bib"


# ----------------------------------------------------------------------------- duplicates


def _item(id: str, **fields: Any) -> dict[str, Any]:
    return {"id": id, "type": "article-journal", **fields}


SMITH = [{"family": "Smith", "given": "Ann"}]
PLANTED = [
    [
        _item("doi-a", DOI="10.1000/ABC", title="First work of many words"),
        _item("arx-a", custom={"arxiv_id": "2401.01234v2"}, title="Second"),
        _item("t-a", title="Learning to Rank in Large Graphs", author=SMITH,
              issued={"date-parts": [[2020]]}),
        _item("alone", title="Nothing like the others here", author=SMITH),
    ],
    [
        _item("doi-b", DOI="https://doi.org/10.1000/abc", title="Another title of words"),
        _item("t-other-year", title="Learning to Rank in Large Graphs", author=SMITH,
              issued={"date-parts": [[2015]]}),
    ],
    [
        _item("arx-b", URL="https://arxiv.org/abs/2401.01234", title="Second, published"),
        _item("t-b", title="Learning to rank in {Large} graphs!", author=SMITH,
              issued={"date-parts": [[2020, 5]]}),
        _item("short-a", title="Preface", author=SMITH, issued={"date-parts": [[2020]]}),
        _item("short-b", title="Preface", author=SMITH, issued={"date-parts": [[2020]]}),
        _item("other-author", title="Nothing like the others here",
              author=[{"family": "Jones"}]),
    ],
]  # fmt: skip


def test_duplicates_finds_planted_works_across_partitions_and_no_others(cluster: Any) -> None:
    bag = dask_bag.from_delayed([dask.delayed(part) for part in PLANTED])
    found = bd.duplicates(bag).compute()
    assert {(d.reason, tuple(ref.id for ref in d.items)) for d in found} == {
        ("DOI", ("doi-a", "doi-b")),
        ("arXiv id", ("arx-a", "arx-b")),
        ("title", ("t-a", "t-b")),
    }
    doi = next(d for d in found if d.reason == "DOI")
    assert doi.value == "10.1000/abc"
    assert [(ref.partition, ref.position) for ref in doi.items] == [(0, 0), (1, 0)]


def test_duplicates_of_a_file_read_twice_pair_each_doi_with_its_copy(
    cluster: Any, tmp_path: Path
) -> None:
    small = shared_data("small.bib")
    (tmp_path / "a.bib").write_bytes(small.read_bytes())
    (tmp_path / "b.bib").write_bytes(small.read_bytes())
    bag = bd.read(str(tmp_path / "*.bib"), blocksize=50_000)
    half = bag.npartitions // 2
    assert half >= 3
    items = bibconv.load(small, diagnostics=[])
    by_doi: dict[str, list[str]] = {}
    for item in items:
        if item.get("DOI"):
            by_doi.setdefault(str(item["DOI"]).lower(), []).append(item["id"])
    once = {doi: ids[0] for doi, ids in by_doi.items() if len(ids) == 1}
    assert len(once) >= 50
    found = {d.value: d.items for d in bd.duplicates(bag).compute() if d.reason == "DOI"}
    for doi, id in once.items():
        refs = found[doi]
        assert [ref.id for ref in refs] == [id, id]
        assert refs[0].partition < half <= refs[1].partition


# ----------------------------------------------------------------------------- the CLI


def test_cli_convert_engine_dask_writes_one_file_per_partition(
    cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = shared_data("small.bib")
    ris = sorted(GOLDEN.glob("ris-*/input.ris"))[0]
    out = tmp_path / "out"
    argv = ["convert", "--engine", "dask", "--scheduler", cluster.scheduler.address]
    code, stdout, _ = run_cli(
        [*argv, "--blocksize", "40000", str(small), str(ris), "-t", "csljson", "-o", f"{out}/"],
        capsys,
    )
    assert (code, stdout) == (0, "")
    names = sorted(p.name for p in out.iterdir())
    assert "input-0.json" in names
    parts = sorted(out.glob("small-*.json"))
    assert len(parts) >= 5
    assert [p.name for p in parts] == [f"small-{n}.json" for n in range(len(parts))]
    back = [item for path in parts for item in bibconv.load(path)]
    assert back == bibconv.load(small, diagnostics=[])
    assert bibconv.load(out / "input-0.json") == bibconv.load(ris, diagnostics=[])


def test_cli_engine_dask_without_scheduler_starts_a_local_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # one worker process: a faster start
    ris = GOLDEN / "ris-types" / "input.ris"
    code, _, _ = run_cli(["convert", "--engine", "dask", str(ris), "-o", str(tmp_path)], capsys)
    assert code == 0
    assert bibconv.load(tmp_path / "input-0.json") == bibconv.load(ris, diagnostics=[])


def test_cli_engine_dask_reports_input_errors_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write(tmp_path, "bad.bib", "@misc{ok, title = {A}}\n@misc{bad, title = {T} year = 1}\n")
    argv = ["convert", "--engine", "dask", "--scheduler", "synchronous", str(bad)]
    code, _, stderr = run_cli([*argv, "-t", "ris", "-o", str(tmp_path / "o")], capsys)
    assert code == 1
    assert f"{bad}:2:" in stderr
    assert "bib.missing-comma" in stderr
    assert bibconv.load(tmp_path / "o" / "bad-0.ris") == bibconv.load(
        _write(tmp_path, "bad.ris", bibconv.dumps(bibconv.load(bad, diagnostics=[]), "ris"))
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "--engine dask needs -o DIR"),
        (["-o", "-"], "--engine dask needs -o DIR"),
        (["-o", str(GOLDEN / "ris-types" / "expected.json")], "is a file"),
        (["-t", "bibliography", "-o", "out"], "not -t bibliography"),
    ],
)
def test_cli_engine_dask_needs_an_output_directory(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert (GOLDEN / "ris-types" / "expected.json").is_file()
    argv = ["convert", "--engine", "dask", str(GOLDEN / "ris-types" / "input.ris"), *extra]
    code, _, stderr = run_cli(argv, capsys)
    assert code == 2
    assert message in stderr


def test_cli_scheduler_without_engine_dask_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["convert", "--scheduler", "threads", str(GOLDEN / "ris-types" / "input.ris")]
    code, _, stderr = run_cli([*argv, "-o", str(tmp_path)], capsys)
    assert code == 2
    assert "need --engine dask" in stderr


def test_processes_pickle_everything_a_task_gets_and_gives(tmp_path: Path) -> None:
    path = _write(tmp_path, "crossref.bib", CROSSREF)
    with bd.scheduler("processes"):
        items = bd.read(str(path), blocksize=60).compute()
        paths = bd.to_files(bd.read(str(path), blocksize=60), str(tmp_path / "o-*.bib"), "bibtex")
    assert items == bibconv.load(path, diagnostics=[])
    assert "@string{lncs" in Path(paths[0]).read_text(encoding="utf-8")  # KeptEntry's source


# ----------------------------------------------------------------------------- imports


def test_import_bibconv_does_not_import_dask() -> None:
    probe = "import sys, bibconv, bibconv.cli; print('dask' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_without_the_extra_the_error_says_what_to_install() -> None:
    probe = (
        "import sys\nsys.modules['dask'] = None\n"
        "from bibconv.diagnostics import BibconvError\n"
        "try:\n    import bibconv.dask\nexcept BibconvError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "pip install 'bibconv[dask]'" in done.stdout
