"""Conformance of bibconv and its peers on BibTeX, BibLaTeX and RIS input (run on demand).

    python benchmarks/conformance.py [--set heldout|golden|all] [--tools bibconv,pandoc,citation-js]
                                     [--disagreements N] [--json OUT]

Two sets of inputs, each with a reference:

- ``golden``: every tests/golden case that converts a BibTeX, BibLaTeX or RIS input to
  CSL-JSON with the default reading (no ``--sentence-case``, ``--legacy-8bit``,
  ``--strict``); bibconv's ``expected.json`` is the reference (all its fields but ``id``
  and ``custom``, which are bibconv's own).
- ``heldout``: benchmarks/conformance_heldout/, test files that other tools publish for
  their own readers (SOURCES.md there); the reference is the CSL-JSON a careful reader
  expects, written by hand before any tool was run on them (README.md there).

Tools: bibconv through its public API (``loads``/``dumps``), pandoc (Debian package; it has
no RIS reader in the Debian version, so RIS is "unsupported", not refused) and citation-js
(npm, installed with ``npm ci`` in benchmarks/citation_js). A tool that is not installed is
skipped with a message.

Printed per tool and per source of files:

- fields: the share of expected fields the tool reproduces (conformance_compare.py says
  what equal means), with the count;
- items missing: expected entries the tool did not produce at all (their fields count as
  wrong above);
- refused: files the tool would not read (an exception, a non-zero exit, or no items);
- round-trip loss: the tool's own CSL-JSON written back to the input's format by the same
  tool and read again (bib -> csl -> bib -> csl, ris -> csl -> ris -> csl); the share of
  the first reading's fields (``id`` and ``custom`` aside) that are not equal after the trip.

Then the disagreements: per field and kind (missing / different) how often each tool
misses, with examples, and, for BibLaTeX/BibTeX input, the fields where bibconv and pandoc
read the same input differently (who matches the reference). Results go in
docs/formats.md, "Conformance".
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from conformance_compare import field_equal, show  # noqa: E402  (after the path set-up)

import bibconv  # noqa: E402  (the checkout, not an installed copy)

HELDOUT = HERE / "conformance_heldout"
GOLDEN = ROOT / "tests" / "golden"
CITATION_JS = HERE / "citation_js"
TIMEOUT = 120
NOT_SCORED = frozenset({"id", "custom", "citation-key", "citation-label"})
# golden cases read with these options are skipped: their reference needs an option the
# peers do not have (and the default reading is what is compared)
READING_OPTIONS = frozenset({"--sentence-case", "--legacy-8bit", "--strict"})

Item = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """One input file, its format, and the items a reader should produce from it."""

    source: str
    path: Path
    fmt: str  # "bibtex" | "biblatex" | "ris"
    expected: list[Item]


class Tool(Protocol):
    name: str

    def available(self) -> str | None:
        """None if the tool can run, else why not."""

    def supports(self, fmt: str) -> bool: ...

    def read(self, path: Path, fmt: str) -> list[Item]:
        """The tool's CSL-JSON for a file; raises Refused when the tool will not read it."""

    def write_read(self, items: list[Item], fmt: str) -> list[Item]:
        """Write ``items`` in ``fmt`` with the tool, read the result back with the tool."""


class Refused(Exception):
    """The tool would not read (or write) the input."""


class Bibconv:
    name = "bibconv"

    def available(self) -> str | None:
        return None

    def supports(self, fmt: str) -> bool:
        return True

    def read(self, path: Path, fmt: str) -> list[Item]:
        diagnostics: list[bibconv.Diagnostic] = []
        try:
            items = bibconv.loads(path.read_bytes(), fmt, path=str(path), diagnostics=diagnostics)
        except bibconv.BibconvError as err:
            raise Refused(str(err)) from err
        return [dict(item) for item in items]

    def write_read(self, items: list[Item], fmt: str) -> list[Item]:
        try:
            written = bibconv.dumps(items, fmt)  # type: ignore[arg-type]
            back = bibconv.loads(written, fmt, diagnostics=[])
        except bibconv.BibconvError as err:
            raise Refused(str(err)) from err
        return [dict(item) for item in back]


def _run(argv: Sequence[str], stdin: str | None = None) -> str:
    try:
        done = subprocess.run(
            argv, input=stdin, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as err:
        raise Refused(f"timed out after {TIMEOUT} s") from err
    if done.returncode != 0:
        raise Refused(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    return done.stdout


class Pandoc:
    name = "pandoc"

    def available(self) -> str | None:
        return None if shutil.which("pandoc") else "pandoc not found (apt-get install pandoc)"

    def supports(self, fmt: str) -> bool:
        return fmt in ("bibtex", "biblatex")

    def read(self, path: Path, fmt: str) -> list[Item]:
        return _json_items(_run(["pandoc", "-f", fmt, "-t", "csljson", str(path)]))

    def write_read(self, items: list[Item], fmt: str) -> list[Item]:
        written = _run(["pandoc", "-f", "csljson", "-t", fmt], json.dumps(items))
        return _json_items(_run(["pandoc", "-f", fmt, "-t", "csljson"], written))


class CitationJs:
    name = "citation-js"
    _script = CITATION_JS / "convert.js"

    def available(self) -> str | None:
        if not shutil.which("node"):
            return "node not found"
        if not (CITATION_JS / "node_modules" / "@citation-js" / "core").is_dir():
            return "citation-js not installed (npm ci in benchmarks/citation_js)"
        return None

    def supports(self, fmt: str) -> bool:
        return True

    def _convert(self, text: str, source: str, target: str) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            src, out = Path(tmp) / "in", Path(tmp) / "out"
            src.write_text(text, encoding="utf-8")
            _run(["node", str(self._script), str(src), source, target, str(out)])
            return out.read_text(encoding="utf-8")

    def read(self, path: Path, fmt: str) -> list[Item]:
        source = "ris" if fmt == "ris" else "bibtex"
        return _json_items(self._convert(path.read_text(encoding="utf-8"), source, "csljson"))

    def write_read(self, items: list[Item], fmt: str) -> list[Item]:
        target = {"ris": "ris", "bibtex": "bibtex", "biblatex": "biblatex"}[fmt]
        written = self._convert(json.dumps(items), "csljson", target)
        source = "ris" if fmt == "ris" else "bibtex"
        return _json_items(self._convert(written, source, "csljson"))


def _json_items(out: str) -> list[Item]:
    data = json.loads(out) if out.strip() else []
    items = data if isinstance(data, list) else data.get("references", [data])
    if not items:
        raise Refused("no items")
    return [dict(i) for i in items]


TOOLS: dict[str, Tool] = {t.name: t for t in (Bibconv(), Pandoc(), CitationJs())}


# --- the cases ------------------------------------------------------------------------------


def heldout_cases() -> list[Case]:
    """The held-out files, as manifest.json lists them, with their hand-written expectations."""
    manifest = json.loads((HELDOUT / "manifest.json").read_text(encoding="utf-8"))
    cases = []
    for source, files in manifest.items():
        folder = HELDOUT / source
        small = folder / "small.expected.json"
        shared = json.loads(small.read_text(encoding="utf-8")) if small.exists() else {}
        for name, fmt in files.items():
            path = folder / name
            own = path.with_name(path.stem + ".expected.json")
            expected = json.loads(own.read_text(encoding="utf-8")) if own.exists() else shared[name]
            cases.append(Case(source, path, fmt, expected))
    return cases


def golden_cases() -> list[Case]:
    """Golden convert cases with a BibTeX/BibLaTeX/RIS input and an expected.json."""
    cases = []
    for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        toml = case / "case.toml"
        config = tomllib.loads(toml.read_text(encoding="utf-8")) if toml.exists() else {}
        args = [str(a) for a in config.get("args", [])]
        expected = case / "expected.json"
        inputs = [p for p in case.glob("input.*") if p.suffix in (".bib", ".ris")]
        if config.get("command", "convert") != "convert" or READING_OPTIONS & set(args):
            continue
        if not expected.exists() or len(inputs) != 1:
            continue
        items = json.loads(expected.read_text(encoding="utf-8") or "[]")
        if not isinstance(items, list) or not items:
            continue
        fmt = "ris" if inputs[0].suffix == ".ris" else "bibtex"
        for flag in ("-f", "--from"):
            if flag in args and args.index(flag) + 1 < len(args):
                fmt = args[args.index(flag) + 1]
        source = "golden-ris" if fmt == "ris" else f"golden-{fmt}"
        cases.append(Case(source, inputs[0], fmt, items))
    return cases


# --- scoring --------------------------------------------------------------------------------


@dataclass
class Miss:
    tool: str
    case: Case
    item_id: str
    field: str
    expected: Any
    actual: Any

    @property
    def kind(self) -> str:
        return "missing" if self.actual is None else "different"


@dataclass
class Score:
    fields: int = 0
    right: int = 0
    items: int = 0
    items_missing: int = 0
    files: int = 0
    refused: int = 0
    unsupported: int = 0
    rt_fields: int = 0
    rt_lost: int = 0
    rt_refused: int = 0
    misses: list[Miss] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in vars(self):
            if name == "misses":
                self.misses.extend(other.misses)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


def pair_up(expected: list[Item], actual: list[Item], by_id: bool) -> list[Item | None]:
    """For each expected item the tool's item: same id (in order), else the same position."""
    claimed: set[int] = set()
    found: list[Item | None] = [None] * len(expected)
    if by_id:
        for i, exp in enumerate(expected):
            for j, act in enumerate(actual):
                if j not in claimed and str(act.get("id")) == str(exp.get("id")):
                    found[i] = act
                    claimed.add(j)
                    break
    for i in range(len(expected)):
        if found[i] is None and i < len(actual) and i not in claimed:
            found[i] = actual[i]
            claimed.add(i)
    return found


def scored_fields(item: Item) -> list[str]:
    return [k for k in item if k not in NOT_SCORED and not k.startswith("_")]


def score_reading(tool: str, case: Case, actual: list[Item]) -> Score:
    score = Score(items=len(case.expected))
    for exp, act in zip(
        case.expected, pair_up(case.expected, actual, case.fmt != "ris"), strict=True
    ):
        item_id = str(exp.get("id", "?"))
        if act is None:
            score.items_missing += 1
        keys = scored_fields(exp) + (["_present"] if exp.get("_present") else [])
        for key in keys:
            score.fields += 1
            got = None if act is None else (True if key == "_present" else act.get(key))
            right = bool(got) if key == "_present" else field_equal(key, exp[key], got)
            if right:
                score.right += 1
            else:
                score.misses.append(Miss(tool, case, item_id, key, exp[key], got))
    return score


def round_trip_loss(first: list[Item], second: list[Item]) -> tuple[int, int]:
    """(fields in the first reading, fields not equal after the trip)."""
    total = lost = 0
    for exp, act in zip(first, pair_up(first, second, by_id=False), strict=True):
        for key in scored_fields(exp):
            total += 1
            if not field_equal(key, exp[key], None if act is None else act.get(key)):
                lost += 1
    return total, lost


def run_case(tool: Tool, case: Case) -> tuple[Score, list[Item] | None]:
    if not tool.supports(case.fmt):
        return Score(files=1, unsupported=1), None
    try:
        items = tool.read(case.path, case.fmt)
        if not items:
            raise Refused("no items")
    except Refused:
        score = score_reading(tool.name, case, [])
        score.files, score.refused = 1, 1
        return score, None
    score = score_reading(tool.name, case, items)
    score.files = 1
    try:
        again = tool.write_read(items, case.fmt)
        score.rt_fields, score.rt_lost = round_trip_loss(items, again)
    except Refused:
        score.rt_refused = 1
    return score, items


# --- the report -----------------------------------------------------------------------------


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def table(scores: dict[tuple[str, str], Score], tools: Sequence[str]) -> list[str]:
    lines = [
        "| tool | source | fields right | items missing | files refused | round-trip loss |",
        "|---|---|---|---|---|---|",
    ]
    sources = sorted({s for _, s in scores})
    for tool in tools:
        for source in [*sources, "ALL"]:
            if source == "ALL":
                sc = Score()
                for (t, _), part in scores.items():
                    if t == tool:
                        sc.add(part)
            else:
                sc = scores.get((tool, source), Score())
            if not sc.files:
                continue
            refused = f"{sc.refused}/{sc.files}"
            if sc.unsupported:
                refused = f"unsupported ({sc.unsupported} files)"
            rt = pct(sc.rt_lost, sc.rt_fields).strip()
            if sc.rt_refused:
                rt += f" ({sc.rt_refused} files failed to round-trip)"
            right = f"{pct(sc.right, sc.fields).strip()} ({sc.right}/{sc.fields})"
            lines.append(
                f"| {tool} | {source} | {right} | {sc.items_missing}/{sc.items} "
                f"| {refused} | {rt} |"
            )
    return lines


def disagreement_classes(misses: Iterable[Miss], examples: int) -> list[str]:
    by_class: dict[tuple[str, str, str], list[Miss]] = defaultdict(list)
    for m in misses:
        by_class[(m.tool, m.field, m.kind)].append(m)
    lines = []
    ordered = sorted(by_class.items(), key=lambda kv: (kv[0][0], -len(kv[1])))
    for (tool, fld, kind), group in ordered:
        lines.append(f"  {tool:12} {fld:24} {kind:9} {len(group):4}")
        for m in group[:examples]:
            lines.append(
                f"      {m.case.source}/{m.case.path.name} [{m.item_id}] "
                f"expected {show(m.expected)!r} got {show(m.actual)!r}"
            )
    return lines


def versus_pandoc(
    cases: Sequence[Case], readings: dict[tuple[str, Path], list[Item] | None]
) -> list[str]:
    """Fields where bibconv and pandoc read the same BibTeX/BibLaTeX input differently."""
    classes: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for case in cases:
        ours, theirs = readings.get(("bibconv", case.path)), readings.get(("pandoc", case.path))
        if case.fmt == "ris" or ours is None or theirs is None:
            continue
        for exp, a, b in zip(
            case.expected,
            pair_up(case.expected, ours, True),
            pair_up(case.expected, theirs, True),
            strict=True,
        ):
            for key in scored_fields(exp):
                va, vb = (None if x is None else x.get(key) for x in (a, b))
                ok_a, ok_b = field_equal(key, exp[key], va), field_equal(key, exp[key], vb)
                if ok_a == ok_b:
                    continue
                verdict = "bibconv right" if ok_a else "pandoc right"
                classes[(key, verdict)] += 1
                examples.setdefault(
                    (key, verdict),
                    f"{case.path.name} [{exp.get('id')}]: expected {show(exp[key])!r}, "
                    f"bibconv {show(va)!r}, pandoc {show(vb)!r}",
                )
    return [
        f"  {key:24} {verdict:14} {n:4}   e.g. {examples[(key, verdict)]}"
        for (key, verdict), n in classes.most_common()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("heldout", "golden", "all"), default="all")
    parser.add_argument("--tools", default="bibconv,pandoc,citation-js")
    parser.add_argument("--disagreements", type=int, default=2, metavar="N",
                        help="examples printed per disagreement class")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write every miss as JSON here")
    args = parser.parse_args(argv)

    tools = []
    for name in args.tools.split(","):
        why_not = TOOLS[name].available()
        if why_not:
            print(f"skipping {name}: {why_not}", file=sys.stderr)
        else:
            tools.append(TOOLS[name])
    sets = {"heldout": heldout_cases, "golden": golden_cases}
    chosen = [args.set] if args.set != "all" else ["golden", "heldout"]
    print(f"bibconv {bibconv.__version__}; pandoc {_version(['pandoc', '--version'])}; "
          f"citation-js {_citation_js_version()}")  # fmt: skip
    every_miss: list[Miss] = []
    for set_name in chosen:
        cases = sets[set_name]()
        scores: dict[tuple[str, str], Score] = {}
        readings: dict[tuple[str, Path], list[Item] | None] = {}
        for tool in tools:
            for case in cases:
                sc, items = run_case(tool, case)
                readings[(tool.name, case.path)] = items
                scores.setdefault((tool.name, case.source), Score()).add(sc)
        n_items = sum(len(c.expected) for c in cases)
        print(f"\n## {set_name}: {len(cases)} files, {n_items} expected items\n")
        print("\n".join(table(scores, [t.name for t in tools])))
        misses = [m for sc in scores.values() for m in sc.misses]
        every_miss.extend(misses)
        print(f"\n### {set_name}: disagreements (tool, field, kind, count, examples)\n")
        print("\n".join(disagreement_classes(misses, args.disagreements)))
        if {"bibconv", "pandoc"} <= {t.name for t in tools}:
            print(f"\n### {set_name}: bibconv vs pandoc on BibTeX/BibLaTeX (field, who matches)\n")
            print("\n".join(versus_pandoc(cases, readings)))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "tool": m.tool,
                        "source": m.case.source,
                        "file": m.case.path.name,
                        "id": m.item_id,
                        "field": m.field,
                        "expected": m.expected,
                        "actual": m.actual,
                    }
                    for m in every_miss
                ],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


def _version(argv: list[str]) -> str:
    try:
        return _run(argv).splitlines()[0].split()[-1]
    except (Refused, OSError, IndexError):
        return "not installed"


def _citation_js_version() -> str:
    package = CITATION_JS / "node_modules" / "@citation-js" / "core" / "package.json"
    if not package.exists():
        return "not installed"
    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


if __name__ == "__main__":
    sys.exit(main())
