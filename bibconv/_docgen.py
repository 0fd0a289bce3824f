"""The parts of the docs that the code writes: tables and lists between markers.

``docs/formats.md`` holds blocks ``<!-- generated:NAME (...) -->`` ... ``<!-- /generated:NAME
-->``; each NAME has a function here that makes its body from the code's own tables (the
writers' type and tag tables, ``losses.LOSSES``, what the readers keep beside the model)
or from what the writers do (a type is "dropped" when writing it and reading it back
gives another). ``tests/test_docgen.py`` fails when a block and the code disagree::

    python -m bibconv._docgen           # rewrite the blocks of docs/formats.md in place
    python -m bibconv._docgen --check   # only say which blocks are stale (exit 1)

The documentation site (mkdocs.yml) also builds its CLI reference here, from the
argparse parsers (:func:`cli_reference`). Not part of the public API.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final, cast

from bibconv import registry
from bibconv.formats.ris import mapping, tables
from bibconv.losses import CSL_TEXT_VARIABLES, LOSSES, comparable
from bibconv.model import DATE_VARIABLES, ITEM_TYPES, NAME_VARIABLES

#: The file whose blocks this module writes, from the repository root.
FORMATS_DOC: Final = Path("docs") / "formats.md"
_NOTE: Final = "python -m bibconv._docgen writes this; a test checks it"
_BLOCK: Final = re.compile(
    r"<!-- generated:(?P<name>[\w-]+) \([^)]*\) -->\n(?P<body>.*?)\n?<!-- /generated:(?P=name) -->",
    re.DOTALL,
)


def block(name: str, body: str) -> str:
    """One generated block, markers included."""
    return f"<!-- generated:{name} ({_NOTE}) -->\n{body}\n<!-- /generated:{name} -->"


# ----------------------------------------------------------------------------- directions


def _ticks(names: Sequence[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _writer_module(name: str) -> object:
    fmt = registry.by_name(name)
    assert fmt.write is not None, name
    return importlib.import_module(fmt.write.__module__)


#: The readers this page speaks of by name; the others have their own sections and pages.
_NAMED_READERS: Final = ("bibtex", "biblatex", "ris", "csljson")


def directions_list() -> str:
    """What each reader leaves out of the model, and which writers put it back."""
    from bibconv.formats.bibtex import keep as _bibkeep

    keeping = sorted(_bibkeep.KEEPING_FORMATS)
    others = sorted(set(registry.writable()) - _bibkeep.KEEPING_FORMATS)
    rest = sorted(set(registry.readable()) - set(_NAMED_READERS))
    not_items = ", ".join(_bibkeep.NOT_ITEMS)
    return "\n".join(
        [
            f"- {_ticks(keeping)} -> {_ticks(keeping)}: nothing of the input's own text "
            f"({not_items}: kept in place, see [bibtex.md](bibtex.md), \"The input's own "
            'text"); of the items, what the writer leaves out (below)',
            f"- {_ticks(keeping)} -> {_ticks(others)}: {not_items} (not items: values that "
            "used a macro are written expanded; `--report-loss` lists each `@preamble` and "
            "the comments); and what the writer leaves out (below)",
            "- `ris` -> any format: text outside records (a warning, `ris.outside-record`); "
            "and what the writer leaves out (below)",
            "- `csljson` -> any format: nothing on reading; what the writer leaves out (below)",
            f"- {_ticks(rest)} -> any format: what their sections below and their pages say; "
            "and what the writer leaves out (below)",
        ]
    )


#: Items a format writes before the probed one: a CITATION.cff's first item is the work
#: itself (software, with the few keys the file's top level has), the probe a reference.
_CONTEXT: Final[dict[str, list[dict[str, object]]]] = {
    "cff": [{"id": "work", "type": "software", "title": "W", "author": [{"family": "A"}]}]
}


def _read_back(item: Mapping[str, object], fmt: str) -> dict[str, object]:
    """``item`` written in ``fmt`` by default (after ``_CONTEXT``'s) and read back."""
    from bibconv import api

    context = _CONTEXT.get(fmt, [])
    written = api.dumps([*context, item], fmt)  # type: ignore[list-item, arg-type]
    back = api.loads(written, fmt, diagnostics=[])  # type: ignore[arg-type]
    assert len(back) == len(context) + 1, fmt
    return dict(back[-1])


#: The value each kind of CSL variable is probed with.
_PROBE_NAME: Final = [{"family": "Probe", "given": "Ann"}]
_PROBE_DATE: Final = {"date-parts": [[2001, 2, 3]]}
_PROBE_TYPE: Final = "article-journal"


def _probe(variable: str) -> object:
    if variable in NAME_VARIABLES:
        return _PROBE_NAME
    return _PROBE_DATE if variable in DATE_VARIABLES else "Probe 12"


def _dropped_variables(fmt: str) -> list[str]:
    """The CSL variables of a journal article that do not come back from ``fmt``."""
    base = {"id": "k", "type": _PROBE_TYPE, "title": "T"}
    lost = []
    for variable in (*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES):
        value = _probe(variable)
        back = _read_back({**base, variable: value}, fmt)
        if comparable(back.get(variable)) != comparable(value):
            lost.append(variable)
    return sorted(lost, key=str.lower)


#: Writers whose docs section lists their variables from their own tag table.
_TABLED: Final = {
    "ris": "`custom` keys other than `ris`; the CSL variables listed under RIS below, and "
    "values a tag cannot hold exactly (a date range, a name particle)",
}


def default_drops_list() -> str:
    """What each writer leaves out by default, found by asking the writers themselves:
    the types that read back as another, the ``custom`` keys, and (for writers with no
    table of their own here) the variables of a journal article that do not come back."""
    lines = []
    for name in sorted(registry.writable()):
        if registry.by_name(name).read is None:
            continue  # no reader to tell what came back
        parts = []
        untyped = sorted(
            t
            for t in ITEM_TYPES
            if _read_back({"id": "k", "type": t, "title": "T"}, name)["type"] != t
        )
        if untyped:
            parts.append(f"the type of items whose CSL type it has no type for ({_ticks(untyped)})")
        own = cast(frozenset[str] | None, getattr(_writer_module(name), "OWN_CUSTOM_KEYS", None))
        if own is not None:
            parts.append(f"`custom` keys other than {_ticks(sorted(own))}")
        elif name in _TABLED:
            parts.append(_TABLED[name])
        else:
            custom = {"id": "k", "type": _PROBE_TYPE, "custom": {"probe": "x"}}
            if _read_back(custom, name).get("custom") != {"probe": "x"}:
                parts.append("`custom`")
        if name not in _TABLED and (variables := _dropped_variables(name)):
            parts.append(f"of a journal article's variables, {_ticks(variables)}")
        lines.append(f"- `{name}`: {'; '.join(parts) or 'nothing'}")
    return "\n".join(lines)


def losses_list() -> str:
    """The LOSSES table: what even a lossless round trip through each format loses."""
    lines = []
    for name in sorted(LOSSES):
        lost = _ticks(sorted(LOSSES[name], key=str.lower)) or "nothing"
        lines.append(f"- `{name}`: {lost}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- RIS tables


def ris_type_tables() -> str:
    """RIS -> CSL for every RIS type; CSL -> RIS for every CSL type."""
    from bibconv.formats import ris

    lines = ["| RIS `TY` | CSL `type` | written back as |", "|---|---|---|"]
    for ris_type, csl_type in ris.TYPES:
        canonical = tables.CSL_TO_RIS_TYPE[csl_type] == ris_type
        back = f"`{ris_type}`" if canonical else f"`{ris_type}` (kept in `custom.ris.TY`)"
        lines.append(f"| `{ris_type}` | `{csl_type}` | {back} |")
    fallback = f"`{tables.FALLBACK_CSL_TYPE}` (warning)"
    lines.append(f"| anything else | {fallback} | as read (kept in `custom.ris.TY`) |")
    lines += ["", "| CSL `type` | RIS `TY` written |", "|---|---|"]
    for csl_type in sorted(ITEM_TYPES):
        if csl_type in tables.CSL_TO_RIS_TYPE:
            lines.append(f"| `{csl_type}` | `{tables.CSL_TO_RIS_TYPE[csl_type]}` |")
        else:
            lines.append(
                f"| `{csl_type}` | `{tables.FALLBACK_RIS_TYPE}` (with `--lossless`, "
                f"+ `N1  - csl.type: {csl_type}`) |"
            )
    return "\n".join(lines)


def ris_tag_table() -> str:
    """Every row of the RIS tag table, in order."""
    from bibconv.formats import ris

    lines = ["| Tag | CSL variable | | RIS types |", "|---|---|---|---|"]
    for row in ris.TAG_MAP:
        role = "read and written" if row.from_csl else "read only"
        if row.cascade:
            role += "; a different value goes on to the next row"
        elif row.backup:
            role += " when still empty"
        types = "all"
        if row.only:
            types = _ticks(sorted(row.only))
        elif row.never:
            types = f"the other types (not the {len(row.never)} above)"
        variable = f"`{row.variable}`" if row.variable else "(kept in `custom.ris`)"
        lines.append(f"| `{row.tag}` | {variable} | {role} | {types} |")
    return "\n".join(lines)


def ris_untagged_list() -> str:
    """The CSL variables no RIS tag writes."""

    variables = [
        v
        for v in (*CSL_TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES)
        if v not in mapping.TAGGED_VARIABLES
    ]
    return _ticks(sorted(variables, key=str.lower))


def ris_unmapped_tags() -> str:
    """The standard RIS tags with no CSL home (kept in ``custom.ris``)."""

    return _ticks(sorted(tables.UNMAPPED_STANDARD_TAGS))


#: Block name -> the function that writes its body.
BLOCKS: Final[dict[str, Callable[[], str]]] = {
    "directions": directions_list,
    "default-drops": default_drops_list,
    "losses": losses_list,
    "ris-types": ris_type_tables,
    "ris-tags": ris_tag_table,
    "ris-untagged": ris_untagged_list,
    "ris-unmapped-tags": ris_unmapped_tags,
}


def regenerate(text: str) -> tuple[str, list[str]]:
    """``text`` with every known block rewritten, and the names of the blocks that changed.

    A block this module has no function for is left as it is (another tool may own it).
    """
    changed: list[str] = []

    def rewrite(match: re.Match[str]) -> str:
        name = match.group("name")
        make = BLOCKS.get(name)
        if make is None:
            return match.group()
        new = block(name, make())
        if new != match.group():
            changed.append(name)
        return new

    return _BLOCK.sub(rewrite, text), changed


def missing(text: str) -> list[str]:
    """The known blocks ``text`` has no place for."""
    present = {m.group("name") for m in _BLOCK.finditer(text)}
    return [name for name in BLOCKS if name not in present]


# ----------------------------------------------------------------------------- CLI reference


def cli_reference(parser: argparse.ArgumentParser | None = None) -> str:
    """Markdown for every command of the CLI, from its argparse parsers."""
    if parser is None:
        from bibconv.cli import build_parser

        parser = build_parser()
    lines = [
        "# CLI reference",
        "",
        "Generated from the argparse parsers (`bibconv._docgen.cli_reference`) when the site",
        "is built, so it always matches `bibconv COMMAND --help`. The guide to the commands",
        "is [Command line](cli.md).",
        "",
        *_parser_section(parser, parser.prog, parser.description),
    ]
    for name, sub, summary in _subcommands(parser):
        lines += _parser_section(sub, f"{parser.prog} {name}", sub.description or summary)
    return "\n".join(lines).rstrip() + "\n"


def _subcommands(
    parser: argparse.ArgumentParser,
) -> list[tuple[str, argparse.ArgumentParser, str | None]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            summaries = {a.dest: a.help for a in action._choices_actions}
            return [(name, sub, summaries.get(name)) for name, sub in action.choices.items()]
    return []


def _parser_section(parser: argparse.ArgumentParser, title: str, summary: str | None) -> list[str]:
    usage = " ".join(parser.format_usage().removeprefix("usage: ").split())
    lines = [f"## `{title}`", ""]
    if summary:
        sentence = summary[:1].upper() + summary[1:]
        lines += [sentence if sentence.endswith(".") else sentence + ".", ""]
    lines += ["```text", usage, "```", ""]
    formatter = parser._get_formatter()
    rows = [
        _action_row(formatter._format_action_invocation(action), action)
        for action in parser._actions
        if _documented(action)
    ]
    if rows:
        lines += ["| argument | what it does |", "|---|---|", *rows, ""]
    return lines


def _documented(action: argparse.Action) -> bool:
    return not isinstance(action, argparse._SubParsersAction | argparse._HelpAction) and (
        action.help is not argparse.SUPPRESS
    )


def _action_row(invocation: str, action: argparse.Action) -> str:
    # As argparse expands a help string (%(default)s, %(choices)s ...).
    help_text = (action.help or "") % dict(vars(action), prog="bibconv")
    if action.choices and not isinstance(action.choices, dict):
        choices = [str(c) for c in action.choices]
        if not all(c in help_text for c in choices):
            help_text += f" (one of: {_ticks(choices)})"
    if action.default not in (None, False, argparse.SUPPRESS) and "default" not in help_text:
        help_text += f" (default: `{action.default}`)"
    cell = help_text.replace("|", "\\|")
    return f"| `{invocation}` | {cell} |"


# ----------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bibconv._docgen", description="Rewrite docs/formats.md's generated blocks."
    )
    parser.add_argument("path", nargs="?", default=str(FORMATS_DOC), help="the file to rewrite")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    path = Path(args.path)
    text = path.read_text(encoding="utf-8")
    new, changed = regenerate(text)
    absent = missing(new)
    for name in absent:
        print(f"{path}: no block 'generated:{name}' to write", file=sys.stderr)
    if args.check:
        for name in changed:
            print(f"{path}: block 'generated:{name}' is stale", file=sys.stderr)
        return 1 if changed or absent else 0
    if new != text:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: {len(changed)} block(s) rewritten: {', '.join(changed) or 'none'}")
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main())
