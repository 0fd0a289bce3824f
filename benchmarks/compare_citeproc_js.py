"""Agreement of `bibconv format` with citeproc-js, the reference CSL processor.

    (cd benchmarks/citeproc_js && npm install)
    python benchmarks/compare_citeproc_js.py [ITEMS.json] [--styles apa,ieee,...] [--diff]

Renders the same CSL-JSON items with the same .csl file and locale file in both, and
prints per style the share of entries whose text is identical after white-space
normalisation (markup removed, HTML entities decoded). ``--diff`` lists every entry that
differs. Items go to citeproc-js after the same item-level fixes bibconv applies
(``preprint_server_as_publisher``), so only rendering differences are counted.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from citeproc import LOCALES_PATH  # noqa: E402

from bibconv.render import bibliography_entries, format_citations  # noqa: E402
from bibconv.render.fixes import preprint_server_as_publisher  # noqa: E402
from bibconv.render.styles import ALIASES, resolve_style  # noqa: E402

DEFAULT_ITEMS = ROOT / "tests" / "data" / "render" / "items60.json"
_TAGS = re.compile(r"<[^<>]+>")


def normalise(text: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", text)).split())


def citeproc_js(
    items: list[dict[str, object]], style_path: str, locale: str, *, citations: bool = False
) -> dict[str, str]:
    script = HERE / "citeproc_js" / "render.js"
    extra = ["--citations"] if citations else []
    done = subprocess.run(
        ["node", str(script), "/dev/stdin", style_path, LOCALES_PATH, locale, "text", *extra],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, str] = json.loads(done.stdout)
    return result


def compare(
    items: list[dict[str, object]], style: str, locale: str, *, citations: bool = False
) -> list[tuple[str, str, str]]:
    """(id, citeproc-js, bibconv) for every entry (or one-item citation); equal texts agree."""
    fixed = [preprint_server_as_publisher(item) for item in items]  # type: ignore[arg-type]
    theirs = citeproc_js(fixed, resolve_style(style), locale, citations=citations)  # type: ignore[arg-type]
    if citations:
        ours = {
            str(item["id"]): format_citations(items, [str(item["id"])], style, "text", locale)  # type: ignore[arg-type]
            for item in items
        }
    else:
        ours = dict(bibliography_entries(items, style, "text", locale))  # type: ignore[arg-type]
    return [(key, normalise(js), normalise(ours.get(key, ""))) for key, js in theirs.items()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("items", nargs="?", default=str(DEFAULT_ITEMS))
    parser.add_argument("--styles", default=",".join(ALIASES))
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--diff", action="store_true", help="list every differing entry")
    parser.add_argument(
        "--citations", action="store_true", help="compare one-item in-text citations instead"
    )
    args = parser.parse_args()
    items = json.loads(Path(args.items).read_text(encoding="utf-8"))
    print("| style | identical | share |")
    print("|---|---|---|")
    differences: list[str] = []
    for style in args.styles.split(","):
        rows = compare(items, style, args.locale, citations=args.citations)
        same = sum(1 for _, js, ours in rows if js == ours)
        print(f"| {style} | {same}/{len(rows)} | {100 * same / len(rows):.0f}% |")
        for key, js, ours in rows:
            if js != ours:
                differences.append(f"- {style} `{key}`\n  - citeproc-js: {js}\n  - bibconv: {ours}")
    if args.diff:
        print("\n" + "\n".join(differences))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
