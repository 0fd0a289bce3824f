"""The parsed page: an index of its elements (one walk of the tree) and where each tag sits in
the original text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from bibconv.diagnostics import LineIndex, Location

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag


# --------------------------------------------------------------------------- the page


class PageIndex:
    """The parsed page and its elements by name, class and id, from one walk of the tree.

    bs4's ``find``/``find_all`` walk the whole tree on every call (about a second per
    megabyte each on a loaded machine); every lookup here is a dictionary access instead.
    """

    def __init__(self, soup: BeautifulSoup) -> None:
        from bs4 import NavigableString, Tag

        self.soup = soup
        self.order: dict[int, int] = {}
        self._by_name: dict[str, list[Tag]] = {}
        self._by_class: dict[str, list[Tag]] = {}
        self._by_id: dict[str, Tag] = {}
        self.strings: list[NavigableString] = []
        #: Body elements carrying schema.org in attributes (RDFa ``property``, microdata
        #: ``itemprop``), in document order.
        self.properties: list[Tag] = []
        for position, node in enumerate(soup.descendants):
            if isinstance(node, Tag):
                self.order[id(node)] = position
                self._by_name.setdefault(node.name, []).append(node)
                classes = node.get("class")
                for name in classes if isinstance(classes, list) else str(classes or "").split():
                    self._by_class.setdefault(name, []).append(node)
                ident = node.get("id")
                if isinstance(ident, str) and ident not in self._by_id:
                    self._by_id[ident] = node
                if node.name != "meta" and (node.get("property") or node.get("itemprop")):
                    self.properties.append(node)
            elif type(node) is NavigableString:  # not comments, CDATA or doctypes
                self.strings.append(node)

    def tags(self, *names: str) -> list[Tag]:
        """Elements with any of these names, in document order."""
        if len(names) == 1:
            return self._by_name.get(names[0], [])
        found = [tag for name in names for tag in self._by_name.get(name, [])]
        return sorted(found, key=lambda tag: self.order[id(tag)])

    def first(self, name: str) -> Tag | None:
        found = self._by_name.get(name)
        return found[0] if found else None

    def classed(self, name: str) -> list[Tag]:
        """Elements whose class list holds ``name``, in document order."""
        return self._by_class.get(name, [])

    def first_classed(self, pattern: re.Pattern[str]) -> Tag | None:
        """The first element (in document order) with a class matching ``pattern``."""
        found = [tags[0] for name, tags in self._by_class.items() if pattern.fullmatch(name)]
        return min(found, key=lambda tag: self.order[id(tag)]) if found else None

    def by_id(self, ident: str) -> Tag | None:
        return self._by_id.get(ident)


# --------------------------------------------------------------------------- locations


class Locator:
    """Finds a bs4 tag's line and column in the original text.

    html.parser records ``sourceline``/``sourcepos``; lxml does not, so for it the n-th
    tag of a name is matched to the n-th ``<name`` in the text, with comments and
    script/style bodies blanked out first (they hold no tags for the parser either).
    """

    _HIDDEN: Final = re.compile(
        r"<!--.*?-->|(?<=<script)(?:\b[^>]*>.*?)(?=</script\s*>)"
        r"|(?<=<style)(?:\b[^>]*>.*?)(?=</style\s*>)",
        re.DOTALL | re.IGNORECASE,
    )

    def __init__(self, text: str, path: str, page: PageIndex) -> None:
        self._text = text
        self._index = LineIndex(text, path)
        self._starts: dict[str, list[int]] = {}
        self._order: dict[int, int] = {}
        self._blanked: str | None = None
        self.page = page

    @property
    def index(self) -> LineIndex:
        return self._index

    def _tag_starts(self, name: str) -> list[int]:
        if name not in self._starts:
            if self._blanked is None:
                # Same length and same newlines, so offsets and lines stay true.
                self._blanked = self._HIDDEN.sub(_blank, self._text)
            pattern = re.compile(rf"<{re.escape(name)}(?=[\s/>])", re.IGNORECASE)
            self._starts[name] = [m.start() for m in pattern.finditer(self._blanked)]
        return self._starts[name]

    def locate(self, tag: Tag, soup: BeautifulSoup | None = None) -> Location | None:
        """The tag's position, or None when the text cannot be matched to it."""
        if tag.sourceline is not None:
            return Location(self._index.path, tag.sourceline, (tag.sourcepos or 0) + 1)
        name = tag.name
        if id(tag) not in self._order:
            for n, each in enumerate(self.page.tags(name)):
                self._order[id(each)] = n
        starts = self._tag_starts(name)
        nth = self._order.get(id(tag))
        if nth is None or nth >= len(starts):
            return None
        return self._index.location(starts[nth])

    def locate_offset(self, offset: int) -> Location:
        return self._index.location(offset)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def as_tag(node: object) -> Tag | None:
    """``node`` if it is an element (``find`` may also return strings), else None."""
    from bs4 import Tag

    return node if isinstance(node, Tag) else None
