"""formats/bibtex/reader.py: what the writers' round trips found (issue 12)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import bibconv


def test_ascii_escapes_are_not_taken_for_case_protection() -> None:
    # As --ascii writes '½AA': the escape's braces are no protection a title needs kept raw.
    [item] = bibconv.loads('@article{k, title = {{\\char"00BD}{AA}}}', "bibtex")
    assert item == {"id": "k", "type": "article-journal", "title": "½AA"}
    [item] = bibconv.loads('@article{k, title = {{\\"u}ber {AA}}}', "bibtex")
    assert item == {"id": "k", "type": "article-journal", "title": "über AA"}


def test_protection_the_writer_would_not_give_is_kept_raw() -> None:
    [item] = bibconv.loads("@article{k, title = {{A} Title}}", "bibtex")
    assert item["custom"] == {"bibtex_raw": {"title": "{A} Title"}}


# Found by fuzzing (biblatex target, 2026-12-03): '²' is a digit to str.isdigit() but no
# number to int(). Minimal inputs.
def test_a_superscript_digit_in_an_articles_series_is_no_series_number() -> None:
    [item] = bibconv.loads("@article{k, series = {²0}}", "biblatex")  # ValueError before
    assert item == {"id": "k", "type": "article-journal", "collection-title": "²0"}


def test_a_superscript_digit_is_no_day_or_month() -> None:
    [item] = bibconv.loads("@article{k, year = 2000, month = 1, day = {²}}", "bibtex")
    assert item["issued"] == {"date-parts": [[2000, 1]]}
    assert item["custom"] == {"bibtex": {"day": "²"}}
    [item] = bibconv.loads("@article{k, year = 2000, month = {²}}", "bibtex")
    assert item["issued"] == {"date-parts": [[2000]]}


def test_read_entries_makes_the_items_without_locating_warnings() -> None:
    # check --fix's meaning guard reads entries of a text it has not scanned (its draft):
    # locating the warnings it throws away built that text's line index (0.08 s on an
    # 18 MB file). The items are those of a full read all the same.
    from bibconv.formats.bibtex import read_entries, syntax

    text = "@article{k, title = {A}, title = {B}, crossref = {gone}, year = 2000}\n"
    doc = syntax.parse(text, "refs.bib")
    assert doc._index is None
    [item] = read_entries(doc, doc.entries)
    assert doc._index is None
    assert [item] == bibconv.loads(text, "bibtex", diagnostics=[])
    assert item["custom"]["bibtex_duplicates"] == [["title", "B"]]


# read_alike_but_for_month: check --fix's meaning guard skips reading the entries whose
# only change is such a month ({Jan} -> jan), so what it says must hold of the reader.
_MONTHS = ["jan", "{Jan}", "January", "{january}", "1", "{1}", "Jan.", "feb", "{Spring}", "13"]


def _month_field(value: str) -> str:
    return f"month = {value}" if value.isalnum() else f"month = {{{value.strip('{}')}}}"


@st.composite
def _dated_entries(draw: st.DrawFn) -> tuple[str, str]:
    """Two texts whose first entries are alike but for their month fields."""
    fields = ["title = {A Title}"]
    year = draw(st.sampled_from([None, "2020", "{2021}", "20x", "{n.d.}", "-44"]))
    if year is not None:
        fields.append(f"year = {year}")
    for name, values in (
        ("date", ["2020-06", "2020", "circa 1850"]),
        ("day", ["5", "x"]),
        ("crossref", ["p"]),
        ("xdata", ["p"]),
    ):
        if draw(st.booleans()) and draw(st.booleans()):
            fields.append(f"{name} = {{{draw(st.sampled_from(values))}}}")
    months = draw(st.sampled_from([1, 1, 1, 2]))  # a second month field is fixed too
    fields.extend(["MONTH"] * months)
    draw(st.randoms()).shuffle(fields)
    kind = draw(st.sampled_from(["article", "inproceedings", "online", "xdata"]))
    a, b = draw(st.sampled_from(_MONTHS)), draw(st.sampled_from(_MONTHS))
    parent = draw(st.sampled_from(["", "year = 1999", "date = {1999-02}", "month = {Mar}"]))

    def text(month: str) -> str:
        body = ",\n  ".join(_month_field(month) if f == "MONTH" else f for f in fields)
        return f"@{kind}{{k,\n  {body}\n}}\n\n@proceedings{{p, title = {{P}}, {parent}}}\n"

    return text(a), text(b)


def _alike(first: str, second: str) -> bool:
    from bibconv.formats.bibtex import read_alike_but_for_month, syntax

    x, y = (syntax.parse(text, "refs.bib").entries[0] for text in (first, second))
    return read_alike_but_for_month(x, y)


def _items(text: str, biblatex: bool) -> object:
    from bibconv.formats.bibtex import read_entries, syntax

    doc = syntax.parse(text, "refs.bib")
    return read_entries(doc, doc.entries[:1], biblatex=biblatex)


@settings(max_examples=300, deadline=None)
@given(pair=_dated_entries())
def test_entries_said_to_read_alike_but_for_a_month_read_alike(pair: tuple[str, str]) -> None:
    if _alike(*pair):
        for biblatex in (False, True):
            assert _items(pair[0], biblatex) == _items(pair[1], biblatex)


def test_a_month_reads_alike_only_with_a_plain_year_no_date_and_no_parents() -> None:
    def alike(fields: str, a: str = "{Jan}", b: str = "jan") -> bool:
        return _alike(f"@article{{k, {fields}month = {a}}}", f"@article{{k, {fields}month = {b}}}")

    for month in ("jan", "{Jan}", "January", "1", "{1}", "Jan."):
        assert alike("year = 2020, ", "{1}", month)
    assert alike("year = {2020}, day = 3, ", "jun", "{June}")
    assert not alike("year = 2020, ", "jan", "feb")
    assert not alike("year = 2020, ", "{Spring}", "{Spring}")  # no month number
    # The reader keeps the month as written (custom.bibtex, custom.bibtex_duplicates) or
    # may inherit it: not known to read alike.
    for fields in (
        "",  # no year
        "year = {n.d.}, ",  # a literal year
        "year = 2020, date = {2020-01}, ",
        "year = 2020, month = feb, ",
        "year = 2020, crossref = {p}, ",
        "year = 2020, xdata = {p}, ",
    ):
        assert not alike(fields), fields
    plain = "@article{k, year = 2020, month = jan, note = {A}}"
    assert _alike(plain, "@article{k, year = 2020, month = {1}, note = {A}}")
    for other in (  # one more difference each: another type, key, value, field, order
        "@misc{k, year = 2020, month = {1}, note = {A}}",
        "@article{j, year = 2020, month = {1}, note = {A}}",
        "@article{k, year = 2020, month = {1}, note = {B}}",
        "@article{k, year = 2020, month = {1}, note = {A}, day = 1}",
        "@article{k, month = {1}, year = 2020, note = {A}}",
    ):
        assert not _alike(plain, other), other
    # Those exclusions are needed: {Jan} and jan read differently there.
    for fields in ("", "year = {n.d.}, ", "year = 2020, date = {2020-02}, "):
        texts = [f"@article{{k, {fields}month = {month}}}" for month in ("{Jan}", "jan")]
        assert _items(texts[0], False) != _items(texts[1], False)
