"""BibTeX itself as the oracle: every entry bibtex 0.99d reads must be read by bibconv.

    python benchmarks/bibtex_oracle.py [BIB ...] [--bibtex bibtex] [--show 10]

Default inputs: every .bib input of tests/golden/ and ../shared/data/*.bib. For each file
a throw-away style (``oracle.bst``) declares every field name the file could hold and
writes, for each entry bibtex reads (``\\nocite{*}``), its key, its type and each field's
value as BibTeX stores it (macros expanded, white space folded). The script then checks,
per entry, that bibconv's scanner (``formats/syntax``) has an unbroken entry with that
key and type, and the same value for each field (white space folded the same way), and
that the BibTeX reader gives it an item. It prints one line per file and a total; the
numbers are reported in docs/bibtex.md.

Differences that are BibTeX's rules rather than reading (not counted as misses):
crossref fills a child's missing fields from its parent (bibconv's reader does that too,
after the syntax layer this script compares with); an undefined macro is empty in BibTeX
and kept as its name by bibconv; a repeated key is skipped by BibTeX ("Repeated entry")
and kept by bibconv, so the first entry with a key is the one compared.

Needs ``bibtex`` on PATH (Debian: texlive-binaries). Exit 1 if any entry is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from bibconv.formats import bibtex  # noqa: E402
from bibconv.formats.bibtex import syntax  # noqa: E402
from bibconv.protocols import ReadOptions  # noqa: E402

# A name BibTeX could read as a field name or entry type (bibtex.web's legal_id_char;
# ASCII only, so BibTeX's lower-casing and Python's agree).
_ID = r"[A-Za-z!$&*+\-./:;<>?@\[\\\]^_`|~][!$&*+\-./:;<>?@\[\\\]^_`|~\w]*"
_NAME = re.compile(rf"({_ID})\s*=", re.ASCII)
_TYPE = re.compile(rf"@\s*({_ID})", re.ASCII)
_COMMANDS = frozenset({"comment", "preamble", "string"})
_WHITE = re.compile(r"[ \t\r\n]+")
# Names the style language already uses (a field may not be declared twice).
_BUILT_INS = (
    "crossref sort.key$ entry.max$ global.max$ = > < + - * := add.period$ call.type$ "
    "change.case$ chr.to.int$ cite$ duplicate$ empty$ format.name$ if$ int.to.chr$ "
    "int.to.str$ missing$ newline$ num.names$ pop$ preamble$ purify$ quote$ skip$ stack$ "
    "substring$ swap$ text.length$ text.prefix$ top$ type$ warning$ while$ width$ write$ "
    "oracle.out default.type"
)
_RESERVED = frozenset(_BUILT_INS.split(" "))
_MONTHS = syntax.MONTH_MACROS
# bibtex's default string pool is too small for ../shared/data/large.bib.
_CAPACITY = {"max_strings": "3000000", "hash_extra": "3000000", "max_print_line": "1000000"}


@dataclass
class Seen:
    """One entry as bibtex 0.99d stored it."""

    key: str
    type: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class FileResult:
    path: Path
    bibtex_entries: int = 0
    bibtex_errors: int = 0
    ours: int = 0
    both_errors: int = 0
    misses: list[str] = field(default_factory=list)
    skipped: str = ""


def fold(value: str) -> str:
    """BibTeX's white-space folding of a stored field value."""
    return _WHITE.sub(" ", value).strip()


def style(fields: Iterable[str], types: Iterable[str]) -> str:
    """A .bst that writes every entry's key, type and declared fields, one per line."""
    fields = sorted(fields)
    lines = ["ENTRY { " + " ".join(fields) + " } {} {}"]
    lines += [f'MACRO {{{abbr}}} {{"{name}"}}' for abbr, name in _MONTHS.items()]
    # No white space before the value: bibtex breaks long lines at the first one it finds.
    body = ['"@@@E" type$ * "@@@K" * cite$ * write$ newline$']
    body += [
        f'{name} missing$ \'skip$ {{ "@@@F{name}=" {name} * write$ newline$ }} if$'
        for name in [*fields, "crossref"]
    ]
    lines.append("FUNCTION {oracle.out} {\n" + "\n".join(body) + "\n}")
    # One function per entry type, so type$ says the type (an undefined one is empty).
    lines += [f"FUNCTION {{{t}}} {{ oracle.out }}" for t in sorted(types)]
    lines += ["FUNCTION {default.type} { oracle.out }", "READ", "ITERATE {call.type$}"]
    return "\n".join(lines) + "\n"


def run_bibtex(program: str, bib: Path) -> tuple[list[Seen], list[int]]:
    """The entries bibtex reads from ``bib`` and the lines of its error messages."""
    raw = bib.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    fields = {m.lower() for m in _NAME.findall(text)} - _RESERVED
    types = {t.lower() for t in _TYPE.findall(text)} - _COMMANDS - fields - _RESERVED
    with tempfile.TemporaryDirectory(prefix="bibtex-oracle-") as tmp:
        work = Path(tmp)
        (work / "db.bib").write_bytes(raw)
        (work / "oracle.bst").write_text(style(fields, types), encoding="ascii")
        (work / "o.aux").write_text(
            "\\citation{*}\n\\bibdata{db}\n\\bibstyle{oracle}\n", encoding="ascii"
        )
        env = {**os.environ, **_CAPACITY}
        done = subprocess.run(
            [program, "-terse", "o"], cwd=work, env=env, capture_output=True, check=False
        )
        bbl = work / "o.bbl"
        if not bbl.exists():
            sys.exit(f"{bib}: bibtex wrote no .bbl:\n{done.stdout.decode(errors='replace')}")
        out = bbl.read_bytes().decode("utf-8", errors="replace")
        log = (work / "o.blg").read_bytes().decode("utf-8", errors="replace")
    if re.search(r"\S---line \d+ of file oracle\.bst", log):  # an error, not a warning
        sys.exit(f"{bib}: the generated style failed (a bug of this script):\n{log}")
    # Errors end "---line N of file db.bib"; warnings put "--line N" on a line of their own.
    lines = [int(n) for n in re.findall(r"\S---line (\d+) of file db\.bib", log)]
    return parse_bbl(out), lines


def parse_bbl(out: str) -> list[Seen]:
    entries: list[Seen] = []
    last = ""
    for line in out.split("\n"):
        if line.startswith("@@@E"):
            kind, _, key = line[4:].partition("@@@K")
            entries.append(Seen(key, kind))
            last = ""
        elif line.startswith("@@@F") and entries:
            last, _, value = line[4:].partition("=")
            entries[-1].fields[last] = value
        elif line.strip() and last:
            # bibtex breaks long output lines at white space (the value is folded anyway)
            entries[-1].fields[last] += " " + line.strip()
    return entries


def compare(bib: Path, program: str) -> FileResult:
    result = FileResult(bib)
    try:
        text = bib.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        result.skipped = "not UTF-8"
        return result
    seen, error_lines = run_bibtex(program, bib)
    result.bibtex_errors = len(error_lines)
    result.bibtex_entries = len(seen)
    doc = syntax.parse(text.removeprefix("\ufeff"), str(bib))
    ours: dict[str, syntax.Entry] = {}
    for entry in doc.entries:
        ours.setdefault(entry.key.lower(), entry)
    undefined = {d.location for d in doc.diagnostics if d.code == "bib.undefined-macro"}
    our_error_lines = {
        d.location.line for d in doc.diagnostics if d.severity.name == "ERROR" and d.location
    }
    items = bibtex.read(text, ReadOptions(path=str(bib))).items
    ids = {item["id"] for item in items}
    starts = [_start_line(ours.get(t.key.lower()), doc) for t in seen] + [len(text) + 1]
    for number, theirs in enumerate(seen):
        entry = ours.get(theirs.key.lower())
        miss = _entry_miss(theirs, entry, ours, doc, undefined)
        # An empty key ('@misc{,') is read under a generated id.
        if miss is None and theirs.key and theirs.key not in ids:
            miss = "the BibTeX reader gives no item"
        if miss is None:
            result.ours += 1
        elif entry is not None and _both_report(
            entry, doc, range(starts[number], starts[number + 1] + 1), error_lines, our_error_lines
        ):
            result.both_errors += 1
        else:
            result.misses.append(f"{theirs.key}: {miss}")
    return result


def _start_line(entry: syntax.Entry | None, doc: syntax.Document) -> int:
    return 0 if entry is None else doc.index.line_col(entry.start)[0]


def _both_report(
    entry: syntax.Entry,
    doc: syntax.Document,
    until_next: range,
    theirs: list[int],
    ours: set[int],
) -> bool:
    """Whether bibtex and bibconv both report an error for ``entry`` (a file that is really
    broken: bibtex keeps what it read before the error and resumes at the next '@' it
    finds, bibconv reports it and resumes at the next line starting with '@').

    bibtex's error lies between the entry's start and the next entry it reads; bibconv's
    inside the entry, as far as bibconv read it."""
    first = doc.index.line_col(entry.start)[0]
    # A broken entry ends where bibconv resumed, where it reports the error.
    last = doc.index.line_col(min(entry.end, len(doc.text)))[0]
    return any(n in until_next for n in theirs) and any(first <= n <= last for n in ours)


def _entry_miss(
    theirs: Seen,
    entry: syntax.Entry | None,
    ours: dict[str, syntax.Entry],
    doc: syntax.Document,
    undefined: set[object],
) -> str | None:
    """Why bibconv does not read ``theirs`` as bibtex does (None: it does)."""
    if entry is None:
        return "no entry with this key"
    if entry.broken:
        return f"entry broken: {entry.errors[0] if entry.errors else '?'}"
    if entry.key != theirs.key:
        return f"key read as {entry.key!r}"
    if theirs.type and entry.type != theirs.type:
        return f"type read as {entry.type!r}, bibtex: {theirs.type!r}"
    values: dict[str, syntax.Field] = {}
    for fld in entry.fields:
        values.setdefault(fld.name, fld)
    inherited = _inherited(theirs.fields.get("crossref", ""), ours)
    for name, value in theirs.fields.items():
        fld = values.get(name) or inherited.get(name)
        if fld is None:
            return f"field {name!r} missing"
        if fold(fld.value) == value:
            continue
        if name == "crossref" and fld.value.lower() == value.lower():
            continue  # bibtex writes the parent's key as the parent spells it
        if any(doc.index.location(p.offset) in undefined for p in fld.pieces):
            continue  # an undefined macro: BibTeX drops it, bibconv keeps its name
        return f"field {name!r} read as {fold(fld.value)!r}, bibtex: {value!r}"
    return None


def _inherited(key: str, ours: dict[str, syntax.Entry]) -> dict[str, syntax.Field]:
    """The fields a crossref chain can fill in (a parent's own crossref filled it first)."""
    fields: dict[str, syntax.Field] = {}
    seen: set[str] = set()
    while key and key.lower() not in seen:
        seen.add(key.lower())
        parent = ours.get(key.lower())
        if parent is None:
            break
        for fld in parent.fields:
            fields.setdefault(fld.name, fld)
        key = next((f.value for f in parent.fields if f.name == "crossref"), "")
    return fields


def default_inputs() -> list[Path]:
    golden = sorted(
        p for p in (ROOT / "tests" / "golden").glob("*/*.bib") if not p.name.startswith("expected")
    )
    return golden + sorted(DATA.glob("*.bib"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bib", nargs="*", type=Path)
    parser.add_argument("--bibtex", default="bibtex", help="the bibtex program")
    parser.add_argument("--show", type=int, default=10, help="misses to print per file")
    args = parser.parse_args(argv)
    program = shutil.which(args.bibtex)
    if program is None:
        sys.exit(f"{args.bibtex}: not found (Debian: apt-get install texlive-binaries)")
    total = FileResult(Path("total"))
    files = 0
    for bib in args.bib or default_inputs():
        result = compare(bib, program)
        name = os.path.relpath(bib, ROOT)
        if result.skipped:
            print(f"{name}: skipped ({result.skipped})")
            continue
        files += 1
        total.bibtex_entries += result.bibtex_entries
        total.bibtex_errors += result.bibtex_errors
        total.ours += result.ours
        total.both_errors += result.both_errors
        total.misses += result.misses
        if result.misses or len(args.bib):
            print(
                f"{name}: bibtex reads {result.bibtex_entries} entries "
                f"({result.bibtex_errors} errors), bibconv reads {result.ours} of them alike, "
                f"{result.both_errors} broken for both"
            )
            for miss in result.misses[: args.show]:
                print(f"    {miss}")
    print(
        f"{files} files: bibtex 0.99d reads {total.bibtex_entries} entries "
        f"({total.bibtex_errors} bibtex errors); bibconv reads {total.ours} of them alike; "
        f"{total.both_errors} are broken for both (an error from each); "
        f"misses {len(total.misses)}"
    )
    return 1 if total.misses else 0


if __name__ == "__main__":
    sys.exit(main())
