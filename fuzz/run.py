"""Coverage-guided fuzzing of bibconv's readers and ``check`` with atheris (issue 12).

Run on demand, one target at a time, niced (the suite never needs atheris)::

    pip install -e '.[fuzz]'
    nice -n 19 python fuzz/run.py bibtex --seconds 120
    python fuzz/run.py --list

Each target feeds the fuzzer's bytes to the public API the CLI uses (``bibconv.loads`` with
the target's format; ``bibconv.lint`` and ``bibconv.lint.fix`` on the decoded text). An
exception that is not a :class:`bibconv.BibconvError` is a crash, and so is an input that
takes more than ``--timeout`` seconds of CPU time (a hang). Crashes do not stop the run:
each distinct one (exception type and innermost bibconv frame) is printed once and its
first input saved under ``fuzz/artifacts/TARGET/``; the run ends with a summary line and
exit status 1 if anything crashed.

The seed corpus is built at run time from the repository's own inputs (the goldens'
``input.*``, ``seeds/`` and ``../shared/data/small.bib`` split into entries), so nothing is
copied into the repository; the inputs the fuzzer finds interesting are kept in
``fuzz/corpus/TARGET/`` (ignored by git) for the next run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import pkgutil
import re
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

try:
    import atheris
except ImportError:  # an optional dependency: the normal test suite never imports this file
    sys.exit("fuzz/run.py needs atheris: pip install -e '.[fuzz]'")

#: Modules not to import: running the CLI, and what needs an optional extra.
_NOT_IMPORTED = frozenset({"bibconv.__main__", "bibconv.dask"})


def _import_every_module() -> None:
    """Import all of bibconv now, inside the instrumentation.

    The registry imports a format's modules on first use, and atheris only instruments
    what is imported inside ``instrument_imports``: without this the readers themselves
    would run uninstrumented and the fuzzer would be blind to their branches.
    """
    import bibconv as package

    for module in pkgutil.walk_packages(package.__path__, "bibconv."):
        if module.name not in _NOT_IMPORTED:
            importlib.import_module(module.name)


with atheris.instrument_imports(include=["bibconv"]):
    import bibconv
    from bibconv import _io, pages
    from bibconv.lint import CheckOptions, fix

    _import_every_module()

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SMALL_BIB = ROOT.parent / "shared" / "data" / "small.bib"
HERE = Path(__file__).resolve().parent

#: libFuzzer's own limit on an input's length: long enough for a whole saved page.
MAX_LEN = 64 * 1024
_ENTRY_START = re.compile(r"^(?=@)", re.MULTILINE)


class Hang(BaseException):
    """An input ran past the time limit (BaseException: no reader's ``except`` eats it)."""


# ----------------------------------------------------------------------------- targets


def _reader(fmt: str) -> Callable[[bytes], None]:
    def one_input(data: bytes) -> None:
        bibconv.loads(data, fmt, path="<fuzz>", diagnostics=[])  # type: ignore[arg-type]

    return one_input


def _check(data: bytes) -> None:
    bibconv.check(_io.decode(data), "<fuzz>.bib", select=["ALL"])


#: --fix as pre-commit runs it, and with the opt-in layout rule that rebuilds every entry.
_FIX_OPTIONS = (CheckOptions(), CheckOptions(extend_select=("bib.layout",)))


def _check_fix(data: bytes) -> None:
    text = _io.decode(data)
    for options in _FIX_OPTIONS:
        result = fix(text, "<fuzz>.bib", options)
        again = fix(result.text, "<fuzz>.bib", options)
        if again.changed:  # fix() promises this; a broken promise is a crash like any other
            raise AssertionError(f"--fix is not idempotent: {[f.code for f in again.fixed]}")
        bibconv.check(result.text, "<fuzz>.bib")


@dataclass(frozen=True)
class Target:
    run: Callable[[bytes], None]
    seeds: tuple[str, ...]  # which seed sources: "bib", "json", "ris", "html", "txt"


def _targets() -> dict[str, Target]:
    found = {
        "csljson": Target(_reader("csljson"), ("json",)),
        "bibtex": Target(_reader("bibtex"), ("bib",)),
        "biblatex": Target(_reader("biblatex"), ("bib",)),
        "ris": Target(_reader("ris"), ("ris",)),
        "html": Target(_reader("html"), ("html",)),
        "text": Target(_reader("text"), ("txt",)),  # the layout detector picks
    }
    for layout in pages.LAYOUTS:
        name = layout.NAME if layout.NAME == pages.FALLBACK_NAME else f"text-{layout.NAME}"
        found[name] = Target(_reader(layout.NAME), ("txt",))
    found["check"] = Target(_check, ("bib",))
    found["check-fix"] = Target(_check_fix, ("bib",))
    return found


# ----------------------------------------------------------------------------- seeds


def _seed_inputs(kinds: tuple[str, ...]) -> Iterator[bytes]:
    for kind in kinds:
        for path in sorted(GOLDEN.glob(f"*/input.{kind}")):
            yield path.read_bytes()
        if kind == "txt":
            for path in sorted((ROOT / "seeds").glob("*.txt")):
                yield path.read_bytes()
        if kind == "bib" and SMALL_BIB.exists():
            for entry in _ENTRY_START.split(SMALL_BIB.read_text(encoding="utf-8")):
                if entry.strip():
                    yield entry.encode("utf-8")


def _write_seeds(kinds: tuple[str, ...], directory: Path) -> int:
    count = 0
    for data in _seed_inputs(kinds):
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
        count += 1
    return count


# ----------------------------------------------------------------------------- the run


@dataclass
class Run:
    target: str
    one_input: Callable[[bytes], None]
    seconds: float
    timeout: float
    artifacts: Path
    started: float = field(default_factory=time.monotonic)
    inputs: int = 0
    crashes: dict[str, int] = field(default_factory=dict)  # signature -> inputs that hit it

    def __call__(self, data: bytes) -> None:
        if time.monotonic() - self.started >= self.seconds:
            self.finish()
        self.inputs += 1
        signal.setitimer(signal.ITIMER_VIRTUAL, self.timeout)  # CPU time: fair on a busy box
        try:
            self.one_input(data)
        except bibconv.BibconvError:
            pass
        except Hang as exc:
            self.crashed(data, exc, hang=True)
        except Exception as exc:
            self.crashed(data, exc, hang=False)
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)

    def crashed(self, data: bytes, exc: BaseException, *, hang: bool) -> None:
        signature = _signature(exc, hang=hang)
        seen = signature in self.crashes
        self.crashes[signature] = self.crashes.get(signature, 0) + 1
        if seen:
            return
        name = "hang" if hang else "crash"
        path = self.artifacts / f"{name}-{hashlib.sha1(signature.encode()).hexdigest()[:12]}"
        path.write_bytes(data)
        print(f"\n=== {self.target}: new {name} {signature} (input saved to {path})", flush=True)
        traceback.print_exception(exc, file=sys.stdout)
        sys.stdout.flush()

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        hits = sum(self.crashes.values())
        print(
            f"\nSUMMARY target={self.target} seconds={elapsed:.0f} inputs={self.inputs} "
            f"distinct_crashes={len(self.crashes)} crashing_inputs={hits}",
            flush=True,
        )
        for signature, count in self.crashes.items():
            print(f"  {count:6d}  {signature}")
        sys.stdout.flush()
        os._exit(1 if self.crashes else 0)  # libFuzzer would otherwise keep the loop going


def _signature(exc: BaseException, *, hang: bool) -> str:
    """The exception's type and its innermost frame in bibconv: one per distinct bug."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/bibconv/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    kind = "Hang" if hang else type(exc).__name__
    return f"{kind} at {where}"


def _on_timer(signum: int, frame: FrameType | None) -> None:
    raise Hang("input took longer than the time limit")


def main(argv: list[str] | None = None) -> None:
    targets = _targets()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", choices=sorted(targets), metavar="TARGET")
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz (60)")
    parser.add_argument(
        "--timeout", type=float, default=5, help="CPU seconds one input may take (5)"
    )
    parser.add_argument("--list", action="store_true", help="print the targets and exit")
    args = parser.parse_args(argv)
    if args.list or args.target is None:
        print("\n".join(sorted(targets)))
        return
    target = targets[args.target]
    artifacts = HERE / "artifacts" / args.target
    corpus = HERE / "corpus" / args.target
    artifacts.mkdir(parents=True, exist_ok=True)
    corpus.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGVTALRM, _on_timer)
    with tempfile.TemporaryDirectory(prefix=f"bibconv-fuzz-{args.target}-") as seeds:
        count = _write_seeds(target.seeds, Path(seeds))
        print(f"{args.target}: {count} seed inputs, fuzzing for {args.seconds:.0f} s", flush=True)
        run = Run(args.target, target.run, args.seconds, args.timeout, artifacts)
        libfuzzer_args = [
            sys.argv[0],
            f"-max_len={MAX_LEN}",
            f"-max_total_time={int(args.seconds) + 600}",  # a backstop: Run stops itself
            f"-timeout={int(args.timeout * 4) + 10}",  # a wall-clock backstop for C code
            f"-artifact_prefix={artifacts}/",
            str(corpus),
            seeds,
        ]
        atheris.Setup(libfuzzer_args, run)
        atheris.Fuzz()


if __name__ == "__main__":
    main()
