"""Time the HTML reader on big pages (run on demand; numbers go to docs/html.md).

    python benchmarks/bench_html.py [--mb 10] [--runs 3]

Builds three pages in memory, each about ``--mb`` megabytes:

* ``landing``: a publisher landing page whose body is padded with nested tables, inline
  scripts and styles (the metadata sits in the head; the body must still be parsed);
* ``acl-listing``: an ACL Anthology author page with thousands of entries (DOM reader);
* ``text-listing``: a Hugging Face-style card listing read through the visible text and
  the page-text layouts, then enriched with each card's links.

Each is read from bytes (charset detection included) with lxml and with html.parser;
the best of ``--runs`` is printed, since the machine is shared.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from bibconv import html
from bibconv.protocols import ReadOptions

HEAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big page</title>'
    '<meta name="citation_title" content="A Very Large Page">'
    '<meta name="citation_author" content="Doe, Jane">'
    '<meta name="citation_publication_date" content="2024/05/01">'
    '<meta name="citation_journal_title" content="Journal of Big Pages">'
    "</head><body>"
)


def landing(size: int) -> bytes:
    block = (
        "<table><tr><td><table><tr><td>cell &amp; text</td><td>more</td></tr></table></td>"
        "<td><div><span>nested</span> <b>inline</b> <i>content</i></div></td></tr></table>"
        "<script>var data = {'a': '<p>not markup</p>'};</script><style>.x{color:red}</style>"
        "<p>Paragraph with an entity &eacute; and a <a href='/x'>link</a>.</p>\n"
    )
    return _fill(HEAD, block, size, "</body></html>")


def acl_listing(size: int) -> bytes:
    def entry(n: int) -> str:
        return (
            f'<p class="d-sm-flex align-items-stretch"><span class="d-block mr-2 text-nowrap '
            f'list-button-row"><a class="badge badge-primary" href=https://aclanthology.org/'
            f"2024.acl-long.{n}.pdf>pdf</a></span><span class=d-block><strong><a class=align-middle"
            f" href=/2024.acl-long.{n}/>Paper number {n} on something</a></strong><br>"
            f"<a href=/people/a/ann-lee/>Ann Lee</a>\n|\n<a href=/people/b/bo-li/>Bo Li</a><br>"
            f"<a href=/volumes/2024.acl-long/ class=text-muted>Proceedings of the 62nd Annual "
            f"Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)"
            f'</a></span></p><div class="card collapse abstract-collapse" id=abstract-{n}>'
            f'<div class="card-body">An abstract for paper {n}. ' + "Words " * 60 + "</div></div>\n"
        )

    head = (
        "<!doctype html><html><head><title>Ann Lee - ACL Anthology</title></head>"
        "<body><h4>2024</h4>"
    )
    return _fill_numbered(head, entry, size, "</body></html>")


def text_listing(size: int) -> bytes:
    def card(n: int) -> str:
        return (
            f'<article class="rounded-xl border"><h3><a href="/papers/2501.{n:05d}">'
            f"Card title number {n} about models</a></h3>"
            f"<p>Abstract {n} says something about language models. " + "Text " * 40 + "</p>"
            "</article>\n"
        )

    head = (
        "<!doctype html><html><head><title>Daily Papers - Hugging Face</title></head><body>"
        "<p>new</p><p>Get trending papers in your email inbox!</p><p>Subscribe</p>"
        "<p>byAK and the research community</p><h2>Mar 17</h2>"
    )
    return _fill_numbered(head, card, size, "</body></html>")


def _fill(head: str, block: str, size: int, tail: str) -> bytes:
    count = max(1, (size - len(head) - len(tail)) // len(block.encode()))
    return (head + block * count + tail).encode()


def _fill_numbered(head: str, make: Callable[[int], str], size: int, tail: str) -> bytes:
    parts = [head]
    total = len(head)
    n = 1
    while total < size:
        part = make(n)
        parts.append(part)
        total += len(part)
        n += 1
    parts.append(tail)
    return "".join(parts).encode()


def best_of(runs: int, data: bytes) -> tuple[float, int]:
    best = float("inf")
    items = 0
    for _ in range(runs):
        start = time.perf_counter()
        parsed = html.read_bytes(data, ReadOptions(path="bench.html", year=2026))
        best = min(best, time.perf_counter() - start)
        items = len(parsed.items)
    return best, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    pages = {"landing": landing, "acl-listing": acl_listing, "text-listing": text_listing}
    original = html.parse_html
    for parser_name in ("lxml", "html.parser"):

        def forced(text: str, _name: str = parser_name) -> object:
            from bs4 import BeautifulSoup

            return BeautifulSoup(text, _name)

        html.parse_html = forced  # type: ignore[assignment]
        for name, build in pages.items():
            data = build(size)
            seconds, items = best_of(args.runs, data)
            print(
                f"{parser_name:12} {name:13} {len(data) / 1e6:6.1f} MB {items:6d} items "
                f"{seconds:7.2f} s"
            )
    html.parse_html = original


if __name__ == "__main__":
    main()
